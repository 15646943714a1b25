"""A subject access export as a readable PDF: everything CareersDesk holds about one pupil."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportlab.platypus import Spacer

from careersdesk.pdf.common import document, markup, text, write_pdf_atomically


def write_subject_access_pdf(record: dict[str, Any], path: Path) -> Path:
    pupil = record["pupil"]
    name = f"{pupil['legal_first_name']} {pupil['legal_last_name']}"

    def build(target: Path) -> None:
        doc = document(target, "Subject access export", f"{name} · confidential")
        story = [markup("Everything CareersDesk holds about this pupil", "Title"),
                 text(f"{name}, exported on {record['exported_on']}.")]
        story.append(markup("Pupil record", "Heading"))
        for key, value in pupil.items():
            story.append(text(f"{key.replace('_', ' ')}: {value if value is not None else ''}"))
        for heading, key in (("Encounters", "encounters"), ("Destinations", "destinations"),
                             ("Audit log entries about this pupil", "audit_entries")):
            story.append(markup(f"{heading} ({len(record[key])})", "Heading"))
            for item in record[key]:
                story.append(text(json.dumps(item, ensure_ascii=False, default=str), "Small"))
                story.append(Spacer(1, 2))
        doc.build(story)

    return write_pdf_atomically(path, build)
