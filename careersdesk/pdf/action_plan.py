"""The personal action plan: A4, black-and-white friendly, any script, no confidential notes."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from careersdesk.pdf.common import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    document,
    markup,
    write_pdf_atomically,
)
from careersdesk.pdf.scripts import user_paragraph
from careersdesk.plans import ActionPlan
from careersdesk.services.guidance import ACTION_OWNERS

RIASEC_NAMES = {"R": "Doer", "I": "Thinker", "A": "Creator", "S": "Helper", "E": "Persuader",
                "C": "Organiser"}


def _grid() -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])


def _interests_chart(scores: dict[str, float], width: float) -> Drawing:
    drawing = Drawing(width, 120)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 20, width - 50, 90
    chart.data = [[scores.get(letter, 0) for letter in RIASEC_NAMES]]
    chart.categoryAxis.categoryNames = list(RIASEC_NAMES.values())
    chart.categoryAxis.labels.fontName = FONT
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
    chart.valueAxis.labels.fontName = FONT
    chart.bars[0].fillColor = ACCENT
    drawing.add(chart)
    return drawing


def write_action_plan(plan: ActionPlan, path: Path) -> Path:
    pupil, interview = plan.pupil, plan.interview
    values = interview.fields

    def build(target: Path) -> None:
        footer = (f"Personal to {pupil.display_name}. {plan.school_name} keeps this record of "
                  "careers advice under its data protection policy.")
        doc = document(target, "Personal action plan", footer, author=interview.adviser_name)
        width = doc.width

        def section(title: str, *body: Flowable) -> list[Flowable]:
            return [markup(title, "Heading"), *body]

        def para(text: str, empty: str = "Not recorded.") -> Flowable:
            return user_paragraph(text.strip() or empty, width=width)

        form = f", {pupil.form}" if pupil.form else ""
        story: list[Flowable] = [
            user_paragraph(plan.school_name, "Small", width),
            markup("Personal action plan", "Title"),
            user_paragraph(f"{pupil.display_name} · Year {interview.year_group}{form}", "Body",
                           width),
            user_paragraph(f"Guidance interview on {interview.held_on:%d %B %Y} with "
                           f"{interview.adviser_name}", "Body", width),
        ]
        situation = "\n".join(part for part in (
            values.current_situation,
            f"Subjects: {values.subjects}" if values.subjects else "",
            f"Grades: {values.grades}" if values.grades else "",
            f"Things that make it harder: {values.barriers}" if values.barriers else "") if part)
        story += section("Where you are now", para(situation))
        if plan.interest_scores:
            story += section("Your interests", _interests_chart(plan.interest_scores, width))
        else:
            story += section("Your interests", para("", "You have not taken the interests "
                                                        "quiz yet. Try it in CareersDesk."))
        careers: list[Flowable] = []
        for career in plan.careers:
            careers.append(user_paragraph(career.title, "CellBold", width))
            for route, requirement in career.routes:
                careers.append(user_paragraph(f"{route}: {requirement}", "Cell", width))
            careers.append(Spacer(1, 2 * mm))
        story += section("Careers you are thinking about",
                         *(careers or [para("", "None chosen yet.")]))
        story += section("Your goals",
                         para(f"Soon: {values.goals_short}" if values.goals_short else ""),
                         para(f"Later on: {values.goals_long}" if values.goals_long else "", ""))
        if values.summary.strip():
            story += section("What we talked about", para(values.summary))
        rows: list[list[object]] = [["What", "Who", "By when", "Done?"]]
        for action in plan.actions:
            rows.append([user_paragraph(action.text, "Cell", 90 * mm),
                         ACTION_OWNERS[action.owner],
                         f"{action.due_on:%d/%m/%Y}" if action.due_on else "No date",
                         "Yes" if action.status.value == "done" else "☐"])
        table = Table(rows, colWidths=[96 * mm, 30 * mm, 26 * mm, 18 * mm], repeatRows=1)
        table.setStyle(_grid())
        story += section("Actions we agreed",
                         table if plan.actions else para("", "No actions agreed yet."))
        story += section("If things change: your back-up plan", para(values.backup_plan))
        story += section("Useful places and people", para(values.resources))
        encounters = [f"{e.details.date:%d/%m/%Y}  {e.details.title}"
                      for e in plan.encounters_this_year]
        story += section(
            "Encounters so far",
            para(f"This school year: {len(encounters)}. Since you started: "
                 f"{plan.encounters_overall}."),
            *[user_paragraph(line, "Small", width) for line in encounters[:20]])
        review = (f"{values.next_review:%d %B %Y}" if values.next_review
                  else "to be arranged with your adviser")
        closing = section("Next review", para(f"We will look at this plan again: {review}."))
        signatures = Table([["Pupil", "", "Adviser", ""], ["Signed", "", "Signed", ""]],
                           colWidths=[20 * mm, 65 * mm, 20 * mm, 65 * mm], rowHeights=[14, 22])
        signatures.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9),
                                        ("LINEBELOW", (1, 1), (1, 1), 0.6, INK),
                                        ("LINEBELOW", (3, 1), (3, 1), 0.6, INK)]))
        story.append(KeepTogether([*closing, Spacer(1, 6 * mm), signatures]))
        doc.build(story)

    return write_pdf_atomically(path, build)
