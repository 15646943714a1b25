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
MAX_CHOICES = 30


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


@dataclass(frozen=True)
class PupilChoices:
    favourite_subjects: tuple[str, ...]  # subject slugs from the careers library
    priorities: tuple[str, ...]  # keys of careersdesk.content.priorities.PRIORITIES


@dataclass(frozen=True)
class QuizProgress:
    short_form: bool
    answers: dict[str, int]  # statement id -> answer


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

    # -- choices: subjects I like and what matters to me ----------------------------------

    def choices(self, session: Session, pupil_id: int) -> PupilChoices:
        require_pupil_access(session, "careers.read", pupil_id)
        row = self.db.execute("SELECT favourite_subjects, priorities FROM pupil_choices "
                              "WHERE pupil_id = ?", [pupil_id]).fetchone()
        if row is None:
            return PupilChoices((), ())
        return PupilChoices(tuple(json.loads(row[0])), tuple(json.loads(row[1])))

    def set_choices(self, session: Session, pupil_id: int, choices: PupilChoices) -> Changes:
        require_pupil_access(session, "careers.own", pupil_id)
        for name, values in (("subjects", choices.favourite_subjects),
                             ("things that matter", choices.priorities)):
            if len(values) > MAX_CHOICES or any(len(value) > 60 for value in values):
                raise ValidationError(f"Pick up to {MAX_CHOICES} {name}.")
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO pupil_choices (pupil_id, favourite_subjects, priorities, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (pupil_id) DO UPDATE SET "
                "favourite_subjects = excluded.favourite_subjects, "
                "priorities = excluded.priorities, updated_at = excluded.updated_at",
                [pupil_id, json.dumps(list(dict.fromkeys(choices.favourite_subjects))),
                 json.dumps(list(dict.fromkeys(choices.priorities))), to_text(self.clock())])
        return Changes.of("choices")

    # -- a quiz paused part-way ------------------------------------------------------------

    def quiz_progress(self, session: Session, pupil_id: int) -> QuizProgress | None:
        require_pupil_access(session, "careers.own", pupil_id)
        row = self.db.execute("SELECT short_form, answers FROM quiz_progress WHERE pupil_id = ?",
                              [pupil_id]).fetchone()
        if row is None:
            return None
        answers = {str(key): int(value) for key, value in json.loads(row[1]).items()}
        return QuizProgress(bool(row[0]), answers)

    def save_quiz_progress(self, session: Session, pupil_id: int,
                           progress: QuizProgress) -> None:
        """Kept after every answer, so a quiz left when the bell goes carries on next time."""
        require_pupil_access(session, "careers.own", pupil_id)
        if len(progress.answers) > 200:
            raise ValidationError("That is more answers than the quiz has statements.")
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO quiz_progress (pupil_id, short_form, answers, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (pupil_id) DO UPDATE SET "
                "short_form = excluded.short_form, answers = excluded.answers, "
                "updated_at = excluded.updated_at",
                [pupil_id, int(progress.short_form), json.dumps(progress.answers),
                 to_text(self.clock())])

    def clear_quiz_progress(self, session: Session, pupil_id: int) -> None:
        require_pupil_access(session, "careers.own", pupil_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM quiz_progress WHERE pupil_id = ?", [pupil_id])
