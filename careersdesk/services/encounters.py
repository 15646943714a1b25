"""Recording encounters, for one pupil or for a whole group in one step."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from careersdesk.encounters import (
    ALL_CRITERIA,
    KINDS_BY_KEY,
    ORGANISATION_TYPES,
    Encounter,
    EncounterDetails,
    Organisation,
    academic_year_of,
    year_group_on,
)
from careersdesk.errors import NotFound, PermissionDenied, ValidationError
from careersdesk.models import Changes, Session
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require, require_pupil_access

MAX_DURATION_MINUTES = 60 * 24 * 30  # a month-long placement, recorded as one encounter
MAX_REFLECTION_CHARS = 20_000
MAX_TITLE_CHARS = 200  # an encounter's title, and each organisation's name


@dataclass(frozen=True)
class GroupRecordResult:
    event_id: int
    recorded: int
    skipped: list[str]  # one sentence per pupil left out, with the reason


def check_details(details: EncounterDetails, today: dt.date) -> list[str]:
    """Reasons to refuse an encounter as described; an empty list means it can be stored."""
    problems = []
    if not details.title.strip():
        problems.append("Give the encounter a title, e.g. 'Year 9 careers fair'.")
    if len(details.title) > MAX_TITLE_CHARS:
        problems.append("The title is longer than 200 characters.")
    if details.kind not in KINDS_BY_KEY:
        problems.append(f"'{details.kind}' is not a kind of encounter CareersDesk knows.")
    if details.date > today:
        problems.append(f"The date {details.date:%d/%m/%Y} is in the future; record an "
                        "encounter once it has happened.")
    if details.duration_minutes is not None and not 1 <= details.duration_minutes <= MAX_DURATION_MINUTES:
        problems.append("The duration must be between 1 minute and 30 days.")
    unknown = sorted(details.criteria - set(ALL_CRITERIA))
    if unknown:
        problems.append(f"Unknown meaningful-encounter criteria: {', '.join(unknown)}.")
    for organisation in details.organisations:
        if not organisation.name.strip():
            problems.append("Every organisation needs a name.")
        if organisation.type not in ORGANISATION_TYPES:
            problems.append(f"'{organisation.type}' is not a type of organisation CareersDesk knows.")
    if details.benchmarks is not None and any(b not in range(1, 9) for b in details.benchmarks):
        problems.append("Benchmarks are numbered 1 to 8.")
    return problems


def term_warning(day: dt.date) -> str | None:
    """Encounters outside term are allowed (holiday work experience), but worth a second look."""
    if day.weekday() >= 5:
        return f"{day:%d/%m/%Y} is a {day:%A}; check the date if this happened in school."
    if (day.month == 8) or (day.month == 7 and day.day > 24):
        return f"{day:%d/%m/%Y} is in the summer holiday; check the date if this happened in school."
    return None


def _details_columns(details: EncounterDetails) -> dict[str, Any]:
    return {
        "title": details.title.strip(),
        "kind": details.kind,
        "duration_minutes": details.duration_minutes,
        "organisations": json.dumps([{"name": o.name.strip(), "type": o.type}
                                     for o in details.organisations], ensure_ascii=False),
        "benchmarks": json.dumps(list(details.counted_benchmarks)),
        "stem": int(details.stem),
        "criteria": json.dumps(sorted(details.criteria)),
        "provider_access": int(details.provider_access),
    }


def encounter_from_row(row: dict[str, Any]) -> Encounter:
    details = EncounterDetails(
        title=row["title"], kind=row["kind"],
        date=dt.date.fromisoformat(row["encounter_date"]),
        duration_minutes=row["duration_minutes"],
        organisations=tuple(Organisation(o["name"], o["type"])
                            for o in json.loads(row["organisations"] or "[]")),
        benchmarks=tuple(json.loads(row["benchmarks"] or "[]")),
        stem=bool(row["stem"]), criteria=frozenset(json.loads(row["criteria"] or "[]")),
        provider_access=bool(row["provider_access"]),
    )
    return Encounter(id=row["id"], pupil_id=row["pupil_id"], group_event_id=row["group_event_id"],
                     details=details, academic_year=row["academic_year"],
                     year_group=row["year_group"], reflection=row["reflection"])


class EncounterService(ServiceBase):
    def _pupil_rows(self, pupil_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        ids = list(dict.fromkeys(pupil_ids))
        rows: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):  # SQLite limits the number of parameters
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.query(
                    "SELECT id, year_group, admission_date, archived_at, legal_first_name, "
                    f"legal_last_name FROM pupils WHERE id IN ({marks})", chunk):
                rows[row["id"]] = row
        return rows

    def _who(self, session: Session) -> str:
        return f"{session.role.value}:{session.username}"

    def record_for_pupil(self, session: Session, pupil_id: int,
                         details: EncounterDetails) -> tuple[Encounter, list[str]]:
        """Store one pupil's encounter; returns it with any warnings worth showing."""
        require_pupil_access(session, "encounters.record", pupil_id)
        today = self.clock().date()
        problems = check_details(details, today)
        pupil = self._pupil_rows([pupil_id]).get(pupil_id)
        if pupil is None:
            raise NotFound("That pupil's record no longer exists.")
        joined = pupil["admission_date"]
        if joined and details.date < dt.date.fromisoformat(joined):
            problems.append(f"{pupil['legal_first_name']} joined the school on "
                            f"{dt.date.fromisoformat(joined):%d/%m/%Y}, after this date.")
        if problems:
            raise ValidationError(" ".join(problems))
        year_then = year_group_on(details.date, pupil["year_group"], today)
        now = to_text(self.clock())
        columns = _details_columns(details)
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO encounters (pupil_id, title, kind, encounter_date, duration_minutes, "
                "organisations, benchmarks, stem, criteria, provider_access, academic_year, "
                "year_group, recorded_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [pupil_id, columns["title"], columns["kind"], details.date.isoformat(),
                 columns["duration_minutes"], columns["organisations"], columns["benchmarks"],
                 columns["stem"], columns["criteria"], columns["provider_access"],
                 academic_year_of(details.date), year_then, self._who(session), now, now])
        warning = term_warning(details.date)
        return self.get(session, int(cursor.lastrowid or 0)), [warning] if warning else []

    def record_group_event(self, session: Session, details: EncounterDetails,
                           pupil_ids: Sequence[int]) -> GroupRecordResult:
        """One event, one encounter per attendee, in a single transaction."""
        require(session, "encounters.record_group")
        today = self.clock().date()
        problems = check_details(details, today)
        if not pupil_ids:
            problems.append("Choose at least one pupil who attended.")
        if problems:
            raise ValidationError(" ".join(problems))
        pupils = self._pupil_rows(pupil_ids)
        now = to_text(self.clock())
        columns = _details_columns(details)
        skipped: list[str] = []
        attendee_rows = []
        for pupil_id in dict.fromkeys(pupil_ids):
            pupil = pupils.get(pupil_id)
            if pupil is None:
                skipped.append(f"Pupil {pupil_id} no longer exists.")
                continue
            name = f"{pupil['legal_first_name']} {pupil['legal_last_name']}"
            joined = pupil["admission_date"]
            if joined and details.date < dt.date.fromisoformat(joined):
                skipped.append(f"{name} had not joined the school yet.")
                continue
            attendee_rows.append((pupil_id, academic_year_of(details.date),
                                  year_group_on(details.date, pupil["year_group"], today),
                                  self._who(session), now, now))
        if not attendee_rows:
            raise ValidationError("None of the chosen pupils could have attended: " + " ".join(skipped))
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO group_events (title, kind, event_date, duration_minutes, "
                "organisations, benchmarks, stem, criteria, provider_access, notes, created_by, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [columns["title"], columns["kind"], details.date.isoformat(),
                 columns["duration_minutes"], columns["organisations"], columns["benchmarks"],
                 columns["stem"], columns["criteria"], columns["provider_access"], details.notes,
                 self._who(session), now, now])
            event_id = int(cursor.lastrowid or 0)
            self.db.conn.executemany(
                "INSERT INTO encounters (group_event_id, pupil_id, academic_year, year_group, "
                "recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(event_id, *row) for row in attendee_rows])
        return GroupRecordResult(event_id, len(attendee_rows), skipped)

    def update_group_event(self, session: Session, event_id: int,
                           details: EncounterDetails) -> Changes:
        """Change the event once; every attendee's encounter shows the change."""
        require(session, "encounters.record_group")
        problems = check_details(details, self.clock().date())
        if problems:
            raise ValidationError(" ".join(problems))
        if self.db.execute("SELECT 1 FROM group_events WHERE id = ?", [event_id]).fetchone() is None:
            raise NotFound("That event no longer exists.")
        columns = _details_columns(details)
        now = to_text(self.clock())
        today = self.clock().date()
        with self.db.atomic():
            self.db.execute(
                "UPDATE group_events SET title = ?, kind = ?, event_date = ?, duration_minutes = ?, "
                "organisations = ?, benchmarks = ?, stem = ?, criteria = ?, provider_access = ?, "
                "notes = ?, updated_at = ? WHERE id = ?",
                [columns["title"], columns["kind"], details.date.isoformat(),
                 columns["duration_minutes"], columns["organisations"], columns["benchmarks"],
                 columns["stem"], columns["criteria"], columns["provider_access"], details.notes,
                 now, event_id])
            # A new date may fall in another school year: the year group at the time follows it.
            for row in list(self.db.query(
                    "SELECT e.id, p.year_group FROM encounters e JOIN pupils p ON p.id = e.pupil_id "
                    "WHERE e.group_event_id = ?", [event_id])):
                self.db.execute(
                    "UPDATE encounters SET academic_year = ?, year_group = ?, updated_at = ? "
                    "WHERE id = ?", [academic_year_of(details.date),
                                     year_group_on(details.date, row["year_group"], today), now,
                                     row["id"]])
        return Changes.of("encounters")

    def attendees(self, session: Session, event_id: int) -> list[int]:
        require(session, "encounters.record_group")
        return [row[0] for row in self.db.execute(
            "SELECT pupil_id FROM encounters WHERE group_event_id = ? ORDER BY pupil_id", [event_id])]

    def get(self, session: Session, encounter_id: int) -> Encounter:
        rows = list(self.db.query("SELECT * FROM encounter_details WHERE id = ?", [encounter_id]))
        if not rows:
            raise NotFound("That encounter no longer exists.")
        require_pupil_access(session, "encounters.read", rows[0]["pupil_id"])
        return encounter_from_row(rows[0])

    def for_pupil(self, session: Session, pupil_id: int) -> list[Encounter]:
        require_pupil_access(session, "encounters.read", pupil_id)
        return [encounter_from_row(row) for row in self.db.query(
            "SELECT * FROM encounter_details WHERE pupil_id = ? ORDER BY encounter_date, id",
            [pupil_id])]

    def set_reflection(self, session: Session, encounter_id: int, reflection: str) -> Changes:
        """A pupil writes what they learned; it stays theirs (staff read it, never edit it)."""
        require(session, "encounters.reflect")
        encounter = self.get(session, encounter_id)
        if encounter.pupil_id != session.user_id:
            raise PermissionDenied("You can only write about your own encounters.")
        if len(reflection) > MAX_REFLECTION_CHARS:
            raise ValidationError(f"A reflection can be up to {MAX_REFLECTION_CHARS:,} characters.")
        with self.db.atomic():
            self.db.execute("UPDATE encounters SET reflection = ?, updated_at = ? WHERE id = ?",
                            [reflection, to_text(self.clock()), encounter_id])
        return Changes.of("encounters")

    def delete(self, session: Session, encounter_id: int) -> Changes:
        require(session, "encounters.delete")
        with self.db.atomic():
            self.db.execute("DELETE FROM encounters WHERE id = ?", [encounter_id])
        return Changes.of("encounters")
