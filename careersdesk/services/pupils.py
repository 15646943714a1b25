"""Pupil records.  A pupil's own session reaches only that pupil's record."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any

from careersdesk.errors import NotFound, ValidationError
from careersdesk.models import (
    AccessibilityPreferences,
    Changes,
    NewPupil,
    Pupil,
    PupilFilter,
    SendStatus,
    Session,
)
from careersdesk.services import passwords
from careersdesk.services.audit import actor_of, append_entry
from careersdesk.services.common import ServiceBase, date_from_text, to_text
from careersdesk.services.confidential import reveal, seal
from careersdesk.services.permissions import require, require_pupil_access

# Year 14 exists for pupils (often with an EHC plan) who stay on for a third sixth-form year.
YEAR_GROUPS = range(7, 15)
# The careers strategy's priority groups: pupil premium, SEND support or EHC plan, looked after.
DISADVANTAGED_SQL = "(pupil_premium OR send_status != 'none' OR looked_after)"


DEFAULT_PREFERENCES = AccessibilityPreferences()
# The columns pupil_from_row reads: lists select these rather than *, which keeps large lists quick.
PUPIL_COLUMNS = ("id, upn, mis_id, legal_first_name, legal_last_name, preferred_name, "
                 "date_of_birth, year_group, form, pupil_premium, send_status, looked_after, eal, "
                 "accessibility, username, archived_at, admission_date")


@lru_cache(maxsize=512)
def _preferences(text: str | None) -> AccessibilityPreferences:
    if not text or text == "{}":
        return DEFAULT_PREFERENCES
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    # A damaged or older value never stops a pupil signing in: bad parts fall back to defaults.
    # (Cached by text: a caseload of thousands of pupils shares a handful of distinct values,
    # and the result is a frozen dataclass.)
    return AccessibilityPreferences.from_mapping(data)[0]


# The same columns as names, in order: pupil_from_values takes a row's values in this order.
PUPIL_COLUMN_NAMES = tuple(PUPIL_COLUMNS.split(", "))
_SEND_STATUSES = {status.value: status for status in SendStatus}


def pupil_from_values(values: Sequence[Any]) -> Pupil:
    """A pupil from one row's values in PUPIL_COLUMNS order.  Lists of thousands of pupils
    (a trust's caseload) are built this way, from plain tuples rather than dicts."""
    (pupil_id, upn, mis_id, first_name, last_name, preferred_name, date_of_birth, year_group,
     form, pupil_premium, send_status, looked_after, eal, accessibility, username, archived_at,
     admission_date) = values
    return Pupil(
        id=pupil_id, upn=upn, mis_id=mis_id, legal_first_name=first_name,
        legal_last_name=last_name, preferred_name=preferred_name,
        date_of_birth=date_from_text(date_of_birth), year_group=year_group, form=form,
        pupil_premium=bool(pupil_premium), send_status=_SEND_STATUSES[send_status],
        looked_after=bool(looked_after), eal=bool(eal), accessibility=_preferences(accessibility),
        username=username, archived=archived_at is not None,
        admission_date=date_from_text(admission_date),
    )


def pupil_from_row(row: dict[str, Any]) -> Pupil:
    return pupil_from_values([row.get(name) for name in PUPIL_COLUMN_NAMES])


def ascii_name_part(text: str) -> str:
    """Latin letters without accents, for usernames typed on an English keyboard."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", decomposed.encode("ascii", "ignore").decode().lower())


def _upn_is_valid(code: str) -> bool:
    """The DfE check letter and a real local-authority number (python-stdnum knows both)."""
    from stdnum.gb import upn  # imported on first use: it is not needed to start the app

    return bool(upn.is_valid(code))


def validate_new_pupil(pupil: NewPupil, *, today: dt.date) -> list[str]:
    """Every problem with a pupil's details, in words a careers leader can act on."""
    problems = []
    if not pupil.legal_first_name.strip() or not pupil.legal_last_name.strip():
        problems.append("A pupil needs a first name and a last name.")
    if pupil.year_group not in YEAR_GROUPS:
        problems.append(f"Year {pupil.year_group} is not a secondary year group (7 to 14).")
    if pupil.upn is not None and not _upn_is_valid(pupil.upn):
        problems.append(f"'{pupil.upn}' is not a valid UPN (a check letter then 12 digits).")
    if pupil.date_of_birth is not None:
        age = (today - pupil.date_of_birth).days / 365.25
        if not 9 <= age <= 21:
            problems.append(f"The date of birth {pupil.date_of_birth:%d/%m/%Y} gives an age of "
                            f"{int(age)}, which is not a secondary pupil's.")
    if pupil.pin is not None:
        problem = passwords.pin_problem(pupil.pin)
        if problem:
            problems.append(problem)
    return problems


MAX_SUPPORT_NOTES_CHARS = 20_000


@dataclass(frozen=True)
class SupportNotes:
    text: str
    updated_at: dt.datetime | None
    updated_by: str


class PupilService(ServiceBase):
    def get(self, session: Session, pupil_id: int) -> Pupil:
        require_pupil_access(session, "pupils.read", pupil_id)
        rows = list(self.db.query("SELECT * FROM pupils WHERE id = ?", [pupil_id]))
        if not rows:
            raise NotFound("That pupil's record no longer exists.")
        return pupil_from_row(rows[0])

    def list_pupils(self, session: Session, pupil_filter: PupilFilter = PupilFilter(),
                    limit: int | None = None) -> list[Pupil]:
        require(session, "pupils.list")
        sql, params = pupil_list_sql(pupil_filter)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [pupil_from_values(values) for values in self.db.execute(sql, params)]

    def count(self, session: Session, pupil_filter: PupilFilter = PupilFilter()) -> int:
        require(session, "pupils.list")
        where, params = _filter_sql(pupil_filter)
        return int(self.db.execute(f"SELECT count(*) FROM pupils WHERE {where}", params).fetchone()[0])

    def create(self, session: Session, pupil: NewPupil) -> Pupil:
        require(session, "pupils.create")
        with self.db.atomic():
            [pupil_id] = self.create_many_unchecked([pupil])
            self._audit(session, "pupil.create", pupil_id)
        return self.get(session, pupil_id)

    def create_many_unchecked(self, pupils: Iterable[NewPupil], *,
                              shared_pin_hash: str | None = None) -> list[int]:
        """All-or-nothing insert used by create, imports and the demo builder.

        ``shared_pin_hash`` lets the demo school give thousands of pupils one PIN without
        hashing it thousands of times.
        """
        today = self.clock().date()
        now = to_text(self.clock())
        taken = {row[0].lower() for row in self.db.execute("SELECT username FROM pupils")}
        ids = []
        with self.db.atomic():
            for index, pupil in enumerate(pupils, start=1):
                problems = validate_new_pupil(pupil, today=today)
                if problems:
                    raise ValidationError(f"Pupil {index} ({pupil.legal_first_name} "
                                          f"{pupil.legal_last_name}): " + " ".join(problems))
                username = pupil.username or self._make_username(pupil, taken)
                taken.add(username.lower())
                pin_hash = shared_pin_hash
                if pupil.pin is not None:
                    pin_hash = passwords.hash_secret(pupil.pin)
                try:
                    cursor = self.db.execute(
                        "INSERT INTO pupils (upn, mis_id, legal_first_name, legal_last_name, "
                        "preferred_name, date_of_birth, year_group, form, pupil_premium, "
                        "send_status, looked_after, eal, username, pin_hash, admission_date, "
                        "created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [pupil.upn, pupil.mis_id, pupil.legal_first_name.strip(),
                         pupil.legal_last_name.strip(), pupil.preferred_name,
                         pupil.date_of_birth.isoformat() if pupil.date_of_birth else None,
                         pupil.year_group, pupil.form, int(pupil.pupil_premium),
                         pupil.send_status.value, int(pupil.looked_after), int(pupil.eal),
                         username, pin_hash,
                         pupil.admission_date.isoformat() if pupil.admission_date else None,
                         now, now])
                except sqlite3.IntegrityError as exc:
                    raise ValidationError(
                        f"Pupil {index} ({pupil.legal_first_name} {pupil.legal_last_name}) has "
                        f"a UPN or username that another pupil already has.") from exc
                ids.append(int(cursor.lastrowid or 0))
        return ids

    def _audit(self, session: Session, action: str, pupil_id: int,
               changed: list[str] | None = None) -> None:
        from careersdesk.services.audit import actor_of, append_entry

        append_entry(self.database, to_text(self.clock()), actor_of(session), action, pupil_id,
                     {"fields": changed} if changed else "")

    def _make_username(self, pupil: NewPupil, taken: set[str]) -> str:
        first = ascii_name_part(pupil.preferred_name or pupil.legal_first_name)
        last = ascii_name_part(pupil.legal_last_name)
        base = f"{first[:1]}{last}"[:20] if first and last else "pupil"
        candidate, number = base, 1
        while candidate in taken or candidate == "pupil":
            number += 1
            candidate = f"{base}{number}"
        return candidate

    def update(self, session: Session, pupil_id: int, **fields: Any) -> tuple[Pupil, Changes]:
        require(session, "pupils.update")
        current = self.get(session, pupil_id)
        editable = {"legal_first_name", "legal_last_name", "preferred_name", "date_of_birth",
                    "year_group", "form", "pupil_premium", "send_status", "looked_after", "eal",
                    "upn", "mis_id", "admission_date"}
        unknown = set(fields) - editable
        if unknown:
            raise ValidationError(f"These details cannot be changed here: {', '.join(sorted(unknown))}.")
        merged = NewPupil(**{**{k: getattr(current, k) for k in editable}, **fields})
        problems = validate_new_pupil(merged, today=self.clock().date())
        if problems:
            raise ValidationError(" ".join(problems))
        values = {k: getattr(merged, k) for k in fields}
        for key, value in values.items():
            if isinstance(value, bool):
                values[key] = int(value)
            elif isinstance(value, SendStatus):
                values[key] = value.value
            elif isinstance(value, dt.date):
                values[key] = value.isoformat()
        values["updated_at"] = to_text(self.clock())
        assignments = ", ".join(f"{key} = ?" for key in values)
        try:
            with self.db.atomic():
                self.db.execute(f"UPDATE pupils SET {assignments} WHERE id = ?",
                                [*values.values(), pupil_id])
                self._audit(session, "pupil.update", pupil_id, sorted(fields))
        except sqlite3.IntegrityError as exc:
            raise ValidationError("Another pupil already has that UPN.") from exc
        return self.get(session, pupil_id), Changes.of("pupils")

    def set_pin(self, session: Session, pupil_id: int, pin: str) -> Changes:
        require(session, "pupils.set_pin")
        self.get(session, pupil_id)
        problem = passwords.pin_problem(pin)
        if problem:
            raise ValidationError(problem)
        with self.db.atomic():
            self.db.execute("UPDATE pupils SET pin_hash = ?, failed_attempts = 0, "
                            "locked_until = NULL WHERE id = ?",
                            [passwords.hash_secret(pin), pupil_id])
            self._audit(session, "pupil.set_pin", pupil_id)
        return Changes.of("pupils")

    def set_accessibility(self, session: Session, pupil_id: int,
                          prefs: AccessibilityPreferences) -> Changes:
        require_pupil_access(session, "pupils.set_accessibility", pupil_id)
        if not 100 <= prefs.text_scale_percent <= 200:
            prefs = replace(prefs, text_scale_percent=min(200, max(100, prefs.text_scale_percent)))
        with self.db.atomic():
            self.db.execute("UPDATE pupils SET accessibility = ?, updated_at = ? WHERE id = ?",
                            [json.dumps(asdict(prefs)), to_text(self.clock()), pupil_id])
        return Changes.of("pupils")

    def archive(self, session: Session, pupil_id: int) -> Changes:
        require(session, "pupils.archive")
        with self.db.atomic():
            self.db.execute("UPDATE pupils SET archived_at = ? WHERE id = ?",
                            [to_text(self.clock()), pupil_id])
            self._audit(session, "pupil.archive", pupil_id)
        return Changes.of("pupils")

    # -- SEND support notes: staff-only, confidential, encrypted at rest ------------------

    def support_notes(self, session: Session, pupil_id: int) -> SupportNotes:
        require(session, "pupils.support_notes")
        row = self.db.execute("SELECT notes, updated_at, updated_by FROM support_notes "
                              "WHERE pupil_id = ?", [pupil_id]).fetchone()
        now = to_text(self.clock())
        with self.db.atomic():  # every look at confidential data is in the audit trail
            append_entry(self.database, now, actor_of(session), "pupils.support_notes.view",
                         pupil_id)
        if row is None:
            return SupportNotes("", None, "")
        return SupportNotes(reveal(session, row[0], "support_notes", pupil_id, "notes"),
                            dt.datetime.fromisoformat(row[1]), row[2])

    def set_support_notes(self, session: Session, pupil_id: int, text: str) -> Changes:
        require(session, "pupils.support_notes")
        if len(text) > MAX_SUPPORT_NOTES_CHARS:
            raise ValidationError(f"Support notes can be up to {MAX_SUPPORT_NOTES_CHARS:,} "
                                  "characters.")
        sealed = seal(session, text, "support_notes", pupil_id, "notes")
        now = to_text(self.clock())
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO support_notes (pupil_id, notes, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (pupil_id) DO UPDATE SET notes = excluded.notes, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [pupil_id, sealed, now, session.display_name])
            append_entry(self.database, now, actor_of(session), "pupils.support_notes.change",
                         pupil_id)
        return Changes.of("pupils")


def pupil_list_sql(pupil_filter: PupilFilter) -> tuple[str, list[Any]]:
    """The pupils passing a filter, in PUPIL_COLUMNS order, sorted as every list shows them:
    by name, with the priority groups first unless the filter says otherwise."""
    where, params = _filter_sql(pupil_filter)
    order = "legal_last_name COLLATE NOCASE, legal_first_name COLLATE NOCASE"
    if pupil_filter.disadvantaged_first:
        order = f"{DISADVANTAGED_SQL} DESC, {order}"
    return f"SELECT {PUPIL_COLUMNS} FROM pupils WHERE {where} ORDER BY {order}", params


def _filter_sql(pupil_filter: PupilFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not pupil_filter.include_archived:
        clauses.append("archived_at IS NULL")
    if pupil_filter.year_groups:
        clauses.append(f"year_group IN ({', '.join('?' * len(pupil_filter.year_groups))})")
        params.extend(pupil_filter.year_groups)
    if pupil_filter.form:
        clauses.append("form = ?")
        params.append(pupil_filter.form)
    for column, wanted in (("pupil_premium", pupil_filter.pupil_premium),
                           ("looked_after", pupil_filter.looked_after),
                           ("eal", pupil_filter.eal)):
        if wanted is not None:
            clauses.append(f"{column} = ?")
            params.append(int(wanted))
    if pupil_filter.send is not None:
        clauses.append("send_status != 'none'" if pupil_filter.send else "send_status = 'none'")
    if pupil_filter.priority_only:
        clauses.append(DISADVANTAGED_SQL)
    if pupil_filter.name_contains:
        clauses.append("(legal_first_name || ' ' || legal_last_name || ' ' || "
                       "coalesce(preferred_name, '') || ' ' || username) LIKE ?")
        params.append(f"%{pupil_filter.name_contains.strip()}%")
    return (" AND ".join(clauses) or "1"), params
