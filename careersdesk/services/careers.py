"""A pupil's own careers space: interests quiz results and their shortlist of saved jobs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from careersdesk.errors import ValidationError
from careersdesk.models import Changes, Session
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require_pupil_access

MAX_NOTE_CHARS = 2_000


@dataclass(frozen=True)
class InterestResult:
    taken_at: dt.datetime
    instrument: str
    short_form: bool
    scores: dict[str, float]

    @property
    def top_letters(self) -> str:
        order = "RIASEC"
        return "".join(sorted(order, key=lambda k: (-self.scores.get(k, 0), order.index(k)))[:3])


@dataclass(frozen=True)
class SavedCareer:
    job_slug: str
    note: str
    saved_at: dt.datetime


class CareersService(ServiceBase):
    def record_interests(self, session: Session, pupil_id: int, instrument: str,
                         answers: dict[str, int], scores: dict[str, float],
                         short_form: bool = False) -> InterestResult:
        require_pupil_access(session, "careers.own", pupil_id)
        now = self.clock()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO interest_results (pupil_id, instrument, short_form, answers, scores, "
                "taken_at) VALUES (?, ?, ?, ?, ?, ?)",
                [pupil_id, instrument, int(short_form), json.dumps(answers), json.dumps(scores),
                 to_text(now)])
        return InterestResult(now, instrument, short_form, scores)

    def interest_history(self, session: Session, pupil_id: int) -> list[InterestResult]:
        require_pupil_access(session, "careers.read", pupil_id)
        return [InterestResult(dt.datetime.fromisoformat(r["taken_at"]), r["instrument"],
                               bool(r["short_form"]), json.loads(r["scores"]))
                for r in self.db.query("SELECT * FROM interest_results WHERE pupil_id = ? "
                                       "ORDER BY taken_at, id", [pupil_id])]

    def latest_interests(self, session: Session, pupil_id: int) -> InterestResult | None:
        history = self.interest_history(session, pupil_id)
        return history[-1] if history else None

    def save_career(self, session: Session, pupil_id: int, job_slug: str,
                    note: str = "") -> Changes:
        require_pupil_access(session, "careers.own", pupil_id)
        if len(note) > MAX_NOTE_CHARS:
            raise ValidationError(f"A note can be up to {MAX_NOTE_CHARS:,} characters.")
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO saved_careers (pupil_id, job_slug, note, saved_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (pupil_id, job_slug) DO UPDATE SET "
                "note = excluded.note", [pupil_id, job_slug, note, to_text(self.clock())])
        return Changes.of("shortlist")

    def remove_career(self, session: Session, pupil_id: int, job_slug: str) -> Changes:
        require_pupil_access(session, "careers.own", pupil_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM saved_careers WHERE pupil_id = ? AND job_slug = ?",
                            [pupil_id, job_slug])
        return Changes.of("shortlist")

    def shortlist(self, session: Session, pupil_id: int) -> list[SavedCareer]:
        require_pupil_access(session, "careers.read", pupil_id)
        return [SavedCareer(r["job_slug"], r["note"], dt.datetime.fromisoformat(r["saved_at"]))
                for r in self.db.query("SELECT * FROM saved_careers WHERE pupil_id = ? "
                                       "ORDER BY saved_at", [pupil_id])]
