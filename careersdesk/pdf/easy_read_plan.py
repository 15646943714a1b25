"""The easy-read action plan: large type, one idea per line, actions as "I will … by …".

Printed from the same interview as the full plan, for pupils who find dense text hard.  Each
section has a simple drawn symbol beside its heading, so the page can be followed by picture.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from careersdesk.pdf.common import ACCENT, INK, document, write_pdf_atomically
from careersdesk.pdf.scripts import user_paragraph
from careersdesk.plans import ActionPlan

OWNER_WORDS = {"pupil": "I will", "adviser": "My careers adviser will", "school": "School will",
               "parent": "My parent or carer will", "other": "Someone will"}


def _symbol(kind: str) -> Drawing:
    """Plain shapes that print well in black and white."""
    drawing = Drawing(14 * mm, 14 * mm)
    size = 14 * mm
    if kind == "star":  # goals
        points = []
        for index in range(10):
            radius = size / 2 if index % 2 == 0 else size / 5
            angle = math.pi / 2 + index * math.pi / 5
            points += [size / 2 + radius * math.cos(angle), size / 2 + radius * math.sin(angle)]
        drawing.add(Polygon(points, fillColor=ACCENT, strokeColor=INK))
    elif kind == "tick":  # actions
        drawing.add(Rect(1, 1, size - 2, size - 2, fillColor=None, strokeColor=INK, strokeWidth=2))
        drawing.add(Line(size * 0.2, size * 0.5, size * 0.42, size * 0.25, strokeWidth=3,
                         strokeColor=ACCENT))
        drawing.add(Line(size * 0.42, size * 0.25, size * 0.82, size * 0.8, strokeWidth=3,
                         strokeColor=ACCENT))
    elif kind == "calendar":  # next meeting
        drawing.add(Rect(1, 1, size - 2, size * 0.8, fillColor=None, strokeColor=INK,
                         strokeWidth=2))
        drawing.add(Rect(1, size * 0.6, size - 2, size * 0.2, fillColor=ACCENT, strokeColor=INK))
    else:  # person: you, and jobs you like
        drawing.add(Circle(size / 2, size * 0.72, size * 0.18, fillColor=ACCENT, strokeColor=INK))
        drawing.add(Rect(size * 0.25, 1, size * 0.5, size * 0.45, fillColor=ACCENT,
                         strokeColor=INK))
    return drawing


def write_easy_read_plan(plan: ActionPlan, path: Path) -> Path:
    pupil, interview = plan.pupil, plan.interview
    values = interview.fields

    def build(target: Path) -> None:
        doc = document(target, "My plan (easy read)", f"{pupil.first_name}'s plan")
        width = doc.width - 20 * mm

        def section(symbol: str, title: str, lines: list[str]) -> Flowable:
            body: list[Flowable] = [user_paragraph(title, "EasyHeading", width)]
            body += [user_paragraph(line, "EasyRead", width) for line in lines if line.strip()]
            table = Table([[_symbol(symbol), body]], colWidths=[18 * mm, width])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            return KeepTogether([table, Spacer(1, 6 * mm)])

        story: list[Flowable] = [
            user_paragraph(f"My plan, {pupil.first_name}", "EasyHeading", doc.width),
            user_paragraph(f"I met {interview.adviser_name} on {interview.held_on.day} "
                           f"{interview.held_on:%B %Y}.", "EasyRead", doc.width),
            Spacer(1, 8 * mm),
        ]
        careers = [career.title for career in plan.careers]
        story.append(section("person", "Jobs I am thinking about",
                             careers or ["I have not chosen any yet."]))
        story.append(section("star", "What I want", [values.goals_short, values.goals_long]
                             if (values.goals_short or values.goals_long)
                             else ["We will talk about this next time."]))
        actions = []
        for action in plan.actions:
            if action.status.value in ("done", "not_relevant"):
                continue
            due = f" by {action.due_on.day} {action.due_on:%B}" if action.due_on else ""
            text = action.text[0].lower() + action.text[1:] if action.text else ""
            actions.append(f"{OWNER_WORDS.get(action.owner, 'Someone will')} {text}{due}.")
        story.append(section("tick", "What we will do", actions or ["Nothing to do yet."]))
        review = (f"We will meet again on {values.next_review.day} {values.next_review:%B %Y}."
                  if values.next_review else "We will meet again soon.")
        story.append(section("calendar", "Next time", [review]))
        doc.build(story)

    return write_pdf_atomically(path, build)
