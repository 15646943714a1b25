"""Where pupils mean to go next, and where they actually went (for three years after leaving)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from careersdesk.errors import ValidationError
from careersdesk.models import Changes, Session
from careersdesk.services.audit import actor_of, append_entry
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require

DESTINATION_KINDS = {
    "school_sixth_form": "School sixth form",
    "sixth_form_college": "Sixth form college",
    "fe_college": "Further education college",
    "apprenticeship": "Apprenticeship",
    "supported_internship": "Supported internship",
    "university": "University or higher education",
    "employment_with_training": "Job with training",
    "employment": "Job without training",
    "gap_year": "Gap year or volunteering",
    "neet": "Not in education, employment or training",
    "unknown": "Not known",
    "other": "Other",
}


@dataclass(frozen=True)
class Destination:
    id: int
    pupil_id: int
    stage: str  # "intended" or "actual"
    checkpoint: int  # years after leaving: 0 at leaving, then 1, 2 and 3
    kind: str
    provider: str | None
    detail: str | None
    recorded_on: dt.date

    @property
    def label(self) -> str:
        return DESTINATION_KINDS[self.kind]


class DestinationService(ServiceBase):
    def record(self, session: Session, pupil_id: int, stage: str, kind: str,
               provider: str | None = None, detail: str | None = None,
               checkpoint: int = 0) -> Changes:
        require(session, "destinations.record")
        if stage not in ("intended", "actual"):
            raise ValidationError("A destination is either intended or actual.")
        if kind not in DESTINATION_KINDS:
            raise ValidationError(f"'{kind}' is not a kind of destination CareersDesk knows.")
        if not 0 <= checkpoint <= 3 or (stage == "intended" and checkpoint):
            raise ValidationError("Actual destinations are recorded at leaving and for three "
                                  "years after (checkpoints 0 to 3).")
        now = to_text(self.clock())
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO destinations (pupil_id, stage, checkpoint, kind, provider, detail, "
                "recorded_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [pupil_id, stage, checkpoint, kind, provider, detail,
                 self.clock().date().isoformat(), actor_of(session)])
            append_entry(self.database, now, actor_of(session), "destination.record", pupil_id,
                         {"stage": stage, "kind": kind, "checkpoint": checkpoint})
        return Changes.of("destinations")

    def for_pupil(self, session: Session, pupil_id: int) -> list[Destination]:
        require(session, "destinations.read")
        return [Destination(r["id"], r["pupil_id"], r["stage"], r["checkpoint"], r["kind"],
                            r["provider"], r["detail"], dt.date.fromisoformat(r["recorded_on"]))
                for r in self.db.query("SELECT * FROM destinations WHERE pupil_id = ? "
                                       "ORDER BY stage, checkpoint, id", [pupil_id])]

    def leaver_summary(self, session: Session, left_in_year: int, checkpoint: int = 0
                       ) -> Counter[str]:
        """Latest actual destination at a checkpoint for pupils who left in a school year."""
        require(session, "destinations.read")
        start = dt.date(left_in_year, 9, 1).isoformat()
        end = dt.date(left_in_year + 1, 8, 31).isoformat()
        counts: Counter[str] = Counter()
        for row in self.db.query(
                "SELECT p.id, (SELECT kind FROM destinations d WHERE d.pupil_id = p.id AND "
                "d.stage = 'actual' AND d.checkpoint = ? ORDER BY d.id DESC LIMIT 1) AS kind "
                "FROM pupils p WHERE p.left_on BETWEEN ? AND ?", [checkpoint, start, end]):
            counts[row["kind"] or "unknown"] += 1
        return counts
