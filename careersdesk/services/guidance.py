"""Personal guidance: interviews, confidential notes, agreed actions and the adviser's caseload.

An interview can be edited on the day it is held (notes autosave as the adviser types); after
that day, or once locked, it is fixed and later additions are kept as dated addenda, so the
record of advice given (Gatsby Benchmark 3) can be trusted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from careersdesk.encounters import academic_year_of
from careersdesk.errors import NotFound, PermissionDenied, ValidationError
from careersdesk.models import Changes, Pupil, PupilFilter, Session
from careersdesk.services.audit import actor_of, append_entry
from careersdesk.services.common import (
    ServiceBase,
    cycle_collection_paused,
    date_from_text,
    to_text,
)
from careersdesk.services.confidential import reveal, seal
from careersdesk.services.permissions import ALLOWED, require, require_pupil_access
from careersdesk.services.pupils import PUPIL_COLUMN_NAMES, pupil_from_values, pupil_list_sql

MAX_TEXT_CHARS = 2_000_000  # a 1 MB note is stored as typed; twice that is refused
ACTION_OWNERS = {"pupil": "Pupil", "adviser": "Adviser", "school": "School",
                 "parent": "Parent or carer", "other": "Other"}


class EditConflict(ValidationError):
    """Two people edited the same interview; the later save was refused and kept aside."""


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_RELEVANT = "not_relevant"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "in_progress": "In progress", "done": "Done",
                "not_relevant": "No longer relevant"}[self.value]


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class InterviewFields:
    """What the adviser writes.  Everything except ``confidential_notes`` may be shown to the
    pupil in their plan."""

    current_situation: str = ""
    subjects: str = ""
    grades: str = ""
    barriers: str = ""
    goals_short: str = ""
    goals_long: str = ""
    careers_considered: tuple[str, ...] = ()
    backup_plan: str = ""
    resources: str = ""
    next_review: dt.date | None = None
    summary: str = ""
    confidential_notes: str = ""


@dataclass(frozen=True)
class Addendum:
    added_at: dt.datetime
    author_name: str
    text: str


@dataclass(frozen=True)
class Interview:
    id: int
    pupil_id: int
    adviser_name: str
    held_on: dt.date
    year_group: int
    fields: InterviewFields  # confidential_notes is "" for anyone who may not read it
    locked: bool
    addenda: tuple[Addendum, ...] = ()
    notes_hidden: bool = False
    version: int = 1


@dataclass(frozen=True)
class Action:
    id: int
    pupil_id: int
    interview_id: int | None
    text: str
    owner: str
    due_on: dt.date | None
    status: ActionStatus
    status_changed_on: dt.date
    pupils_own_goal: bool = False  # set by the pupil, not agreed in an interview

    def overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: str = "pupil"
    due_on: dt.date | None = None


# A pupil's interviews in the caseload: (last held on, how many, latest next review).
InterviewCounts = tuple[dt.date | None, int, dt.date | None]
_YEAR_COLUMN = PUPIL_COLUMN_NAMES.index("year_group")


@dataclass(frozen=True)
class CaseloadRow:
    """One pupil on an adviser's list, with the counts beside them."""

    pupil_values: tuple[Any, ...]  # the pupil's row, in PUPIL_COLUMN_NAMES order
    last_interview: dt.date | None
    interviews: int
    open_actions: int
    overdue_actions: int
    encounters_this_year: int
    next_review: dt.date | None

    @property
    def pupil_id(self) -> int:
        return int(self.pupil_values[0])

    @cached_property
    def pupil(self) -> Pupil:
        # Built when first asked for: a trust's list holds 30,000 pupils, and the table only
        # shows the few dozen on screen until someone sorts by a column.
        return pupil_from_values(self.pupil_values)


class CaseloadView(StrEnum):
    ALL = "all"
    NO_INTERVIEW_YEAR_11 = "no_interview_y11"
    NO_INTERVIEW_YEAR_13 = "no_interview_y13"
    ACTIONS_OVERDUE = "overdue"
    REVIEW_THIS_MONTH = "review_this_month"

    @property
    def label(self) -> str:
        return {"all": "All pupils", "no_interview_y11": "No guidance interview yet in Year 11",
                "no_interview_y13": "No interview yet in Year 13",
                "overdue": "Actions overdue", "review_this_month": "Review due this month"}[self.value]


TEXT_COLUMNS = ("current_situation", "subjects", "grades", "barriers", "goals_short",
                "goals_long", "backup_plan", "resources", "summary", "confidential_notes")


def _check_fields(values: InterviewFields) -> None:
    for name in TEXT_COLUMNS:
        if len(getattr(values, name)) > MAX_TEXT_CHARS:
            raise ValidationError(f"The {name.replace('_', ' ')} is longer than "
                                  f"{MAX_TEXT_CHARS // 1_000_000} million characters.")
    if len(values.careers_considered) > 30:
        raise ValidationError("List up to 30 careers being considered.")


class GuidanceService(ServiceBase):
    # -- interviews -------------------------------------------------------------------

    def start_interview(self, session: Session, pupil_id: int) -> Interview:
        require(session, "guidance.run")
        row = self.db.execute("SELECT year_group FROM pupils WHERE id = ?", [pupil_id]).fetchone()
        if row is None:
            raise NotFound("That pupil's record no longer exists.")
        now = to_text(self.clock())
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO guidance_interviews (pupil_id, adviser, adviser_name, held_on, "
                "year_group, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [pupil_id, actor_of(session), session.display_name,
                 self.clock().date().isoformat(), row[0], now, now])
            append_entry(self.database, now, actor_of(session), "guidance.start", pupil_id)
        return self.get(session, int(cursor.lastrowid or 0))

    def _row(self, interview_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM guidance_interviews WHERE id = ?", [interview_id]))
        if not rows:
            raise NotFound("That interview no longer exists.")
        return rows[0]

    def _editable(self, row: dict[str, Any]) -> bool:
        return row["locked_at"] is None and row["held_on"] == self.clock().date().isoformat()

    def get(self, session: Session, interview_id: int, with_notes: bool = True) -> Interview:
        """An interview; the confidential notes only for advisers and leaders who ask for them
        (every such view is written to the audit log)."""
        row = self._row(interview_id)
        require_pupil_access(session, "guidance.read", row["pupil_id"])
        may_read_notes = with_notes and session.role in ALLOWED["guidance.read_confidential"]
        values = InterviewFields(
            **{name: row[name] for name in TEXT_COLUMNS if name != "confidential_notes"},
            careers_considered=tuple(json.loads(row["careers_considered"])),
            next_review=date_from_text(row["next_review"]),
            confidential_notes=reveal(session, row["confidential_notes"],
                                            "guidance_interviews", interview_id,
                                            "confidential_notes") if may_read_notes else "")
        addenda = tuple(Addendum(dt.datetime.fromisoformat(a["added_at"]), a["author_name"],
                                 reveal(session, a["text"], "interview_addenda", a["id"],
                                              "text") if may_read_notes else "")
                        for a in self.db.query("SELECT * FROM interview_addenda WHERE "
                                               "interview_id = ? ORDER BY id", [interview_id]))
        if may_read_notes and row["confidential_notes"]:
            # Every view of a pupil's confidential notes is recorded.
            with self.db.atomic():
                append_entry(self.database, to_text(self.clock()), actor_of(session),
                             "guidance.view_notes", row["pupil_id"], {"interview": interview_id})
        return Interview(id=row["id"], pupil_id=row["pupil_id"], adviser_name=row["adviser_name"],
                         held_on=dt.date.fromisoformat(row["held_on"]),
                         year_group=row["year_group"], fields=values,
                         locked=not self._editable(row),
                         addenda=addenda if may_read_notes else (),
                         notes_hidden=not may_read_notes, version=row["version"])

    def save(self, session: Session, interview_id: int, values: InterviewFields,
             expected_version: int | None = None) -> int:
        """Autosave: the whole form each time; returns the new version.  Refused once the
        interview is locked, and refused if someone else saved since ``expected_version`` was
        read: their version stays, and this one is kept as an addendum to reconcile."""
        require(session, "guidance.run")
        row = self._row(interview_id)
        if not self._editable(row):
            raise ValidationError("This interview is locked. Add an addendum instead; it will "
                                  "be kept with your name and the time.")
        _check_fields(values)
        if expected_version is not None and row["version"] != expected_version:
            self._keep_conflicting_version(session, interview_id, values)
            when = dt.datetime.fromisoformat(row["updated_at"]).astimezone()
            raise EditConflict(
                f"This interview was changed by {row['updated_by'] or 'someone else'} at "
                f"{when:%H:%M}. Your version was kept as an addendum so nothing is lost; "
                "reopen the interview to see both.")
        assignments = ", ".join(f"{name} = ?" for name in TEXT_COLUMNS)
        stored = {name: getattr(values, name) for name in TEXT_COLUMNS}
        stored["confidential_notes"] = seal(session, values.confidential_notes,
                                                  "guidance_interviews", interview_id,
                                                  "confidential_notes")
        with self.db.atomic():
            self.db.execute(
                f"UPDATE guidance_interviews SET {assignments}, careers_considered = ?, "
                "next_review = ?, updated_at = ?, updated_by = ?, version = version + 1 "
                "WHERE id = ?",
                [*(stored[name] for name in TEXT_COLUMNS),
                 json.dumps(list(values.careers_considered), ensure_ascii=False),
                 values.next_review.isoformat() if values.next_review else None,
                 to_text(self.clock()), session.display_name, interview_id])
        return int(row["version"]) + 1

    def _keep_conflicting_version(self, session: Session, interview_id: int,
                                  values: InterviewFields) -> None:
        parts = [f"{name.replace('_', ' ')}: {getattr(values, name)}" for name in TEXT_COLUMNS
                 if getattr(values, name)]
        if parts and session.data_key is not None:
            self.add_addendum(session, interview_id,
                              "Version not saved because of a clash with another edit:\n"
                              + "\n".join(parts))

    def lock(self, session: Session, interview_id: int) -> Changes:
        require(session, "guidance.run")
        now = to_text(self.clock())
        with self.db.atomic():
            self.db.execute("UPDATE guidance_interviews SET locked_at = coalesce(locked_at, ?) "
                            "WHERE id = ?", [now, interview_id])
        return Changes.of("guidance")

    def add_addendum(self, session: Session, interview_id: int, text: str) -> Changes:
        require(session, "guidance.run")
        row = self._row(interview_id)
        if not text.strip():
            raise ValidationError("An addendum needs some text.")
        if len(text) > MAX_TEXT_CHARS:
            raise ValidationError("An addendum is at most 2 million characters.")
        now = to_text(self.clock())
        if session.data_key is None:
            raise ValidationError("Your account cannot write confidential notes yet: ask an "
                                  "administrator to reset your password.")
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO interview_addenda (interview_id, added_at, author, author_name, "
                "text) VALUES (?, ?, ?, ?, '')",
                [interview_id, now, actor_of(session), session.display_name])
            addendum_id = int(cursor.lastrowid or 0)
            self.db.execute("UPDATE interview_addenda SET text = ? WHERE id = ?",
                            [seal(session, text, "interview_addenda", addendum_id, "text"),
                             addendum_id])
            append_entry(self.database, now, actor_of(session), "guidance.addendum",
                         row["pupil_id"], {"interview": interview_id})
        return Changes.of("guidance")

    def interviews_for(self, session: Session, pupil_id: int,
                       with_notes: bool = True) -> list[Interview]:
        require_pupil_access(session, "guidance.read", pupil_id)
        return [self.get(session, row[0], with_notes) for row in self.db.execute(
            "SELECT id FROM guidance_interviews WHERE pupil_id = ? ORDER BY held_on, id",
            [pupil_id])]

    def latest_interview(self, session: Session, pupil_id: int,
                         with_notes: bool = True) -> Interview | None:
        interviews = self.interviews_for(session, pupil_id, with_notes)
        return interviews[-1] if interviews else None

    # -- actions --------------------------------------------------------------------------

    def add_action(self, session: Session, pupil_id: int, action: NewAction,
                   interview_id: int | None = None) -> Action:
        require(session, "guidance.run")
        return self._insert_action(session, pupil_id, action, interview_id)

    def add_own_goal(self, session: Session, pupil_id: int, text: str,
                     due_on: dt.date | None = None) -> Action:
        """A goal the pupil sets themselves; their adviser sees it beside the agreed actions."""
        require_pupil_access(session, "actions.own_goal", pupil_id)
        return self._insert_action(session, pupil_id, NewAction(text, "pupil", due_on), None)

    def _insert_action(self, session: Session, pupil_id: int, action: NewAction,
                       interview_id: int | None) -> Action:
        if not action.text.strip():
            raise ValidationError("Say what the action is.")
        if len(action.text) > 2_000:
            raise ValidationError("An action is at most 2,000 characters; put detail in the notes.")
        if action.owner not in ACTION_OWNERS:
            raise ValidationError(f"'{action.owner}' is not someone an action can belong to.")
        now = to_text(self.clock())
        today = self.clock().date().isoformat()
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO actions (pupil_id, interview_id, text, owner, due_on, status, "
                "status_changed_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [pupil_id, interview_id, action.text.strip(), action.owner,
                 action.due_on.isoformat() if action.due_on else None,
                 ActionStatus.NOT_STARTED.value, today, now, actor_of(session)])
            action_id = int(cursor.lastrowid or 0)
            self.db.execute("INSERT INTO action_history (action_id, at, by, status) "
                            "VALUES (?, ?, ?, ?)",
                            [action_id, now, actor_of(session), ActionStatus.NOT_STARTED.value])
        return self._action(action_id)

    def _action(self, action_id: int) -> Action:
        rows = list(self.db.query("SELECT * FROM actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound("That action no longer exists.")
        return _action_from_row(rows[0])

    def set_action_status(self, session: Session, action_id: int,
                          status: ActionStatus) -> Changes:
        action = self._action(action_id)
        require_pupil_access(session, "actions.update", action.pupil_id)
        if session.is_pupil and status is ActionStatus.NOT_RELEVANT:
            raise PermissionDenied("Talk to your careers adviser about dropping an action.")
        if not session.is_pupil:
            require(session, "guidance.run")
        now = to_text(self.clock())
        with self.db.atomic():
            self.db.execute("UPDATE actions SET status = ?, status_changed_on = ? WHERE id = ?",
                            [status.value, self.clock().date().isoformat(), action_id])
            self.db.execute("INSERT INTO action_history (action_id, at, by, status) "
                            "VALUES (?, ?, ?, ?)", [action_id, now, actor_of(session), status.value])
        return Changes.of("actions")

    def actions_for(self, session: Session, pupil_id: int) -> list[Action]:
        require_pupil_access(session, "guidance.read", pupil_id)
        return [_action_from_row(row) for row in self.db.query(
            "SELECT * FROM actions WHERE pupil_id = ? ORDER BY (due_on IS NULL), due_on, id",
            [pupil_id])]

    def actions_to_review(self, session: Session, pupil_id: int) -> list[Action]:
        """What the next interview opens with: the actions agreed last time that are still open."""
        return [a for a in self.actions_for(session, pupil_id) if a.status in OPEN_STATUSES]

    def action_history(self, session: Session, action_id: int) -> list[tuple[str, str, str]]:
        action = self._action(action_id)
        require_pupil_access(session, "guidance.read", action.pupil_id)
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            "SELECT at, by, status FROM action_history WHERE action_id = ? ORDER BY id",
            [action_id])]

    # -- caseload ------------------------------------------------------------------------

    def caseload(self, session: Session, pupil_filter: PupilFilter = PupilFilter(),
                 view: CaseloadView = CaseloadView.ALL, limit: int | None = None
                 ) -> list[CaseloadRow]:
        """Each pupil with their interview, action and encounter counts; quick even for a
        30,000-pupil trust.

        The counts are read first, one short grouped query each, and joined to the pupils here
        rather than in SQL: joining three grouped subqueries made SQLite build a temporary
        index for each on every call, which cost more than the reads themselves. The reads are
        separate, so a save landing between them can leave one count a moment behind; the
        next refresh shows it.
        """
        require(session, "guidance.caseload")
        today = self.clock().date()
        month_start = today.replace(day=1)
        month_end = (month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        interviews = {pupil_id: (date_from_text(last), count, date_from_text(review))
                      for pupil_id, last, count, review in self.db.execute(
                          "SELECT pupil_id, max(held_on), count(*), max(next_review) "
                          "FROM guidance_interviews GROUP BY pupil_id")}
        actions = {pupil_id: (open_count, overdue) for pupil_id, open_count, overdue in
                   self.db.execute(
                       "SELECT pupil_id, count(*), sum(due_on IS NOT NULL AND due_on < ?) "
                       "FROM actions WHERE status IN ('not_started', 'in_progress') "
                       "GROUP BY pupil_id", [today.isoformat()])}
        encounters = dict(self.db.execute(
            "SELECT pupil_id, count(*) FROM encounters WHERE academic_year = ? "
            "GROUP BY pupil_id", [academic_year_of(today)]))
        no_interview: InterviewCounts = (None, 0, None)
        no_actions = (0, 0)
        # Each view's rule, on (year group, interview counts, action counts); None keeps all.
        keep: Callable[[int, InterviewCounts, tuple[int, int]], bool] | None = {
            CaseloadView.ALL: None,
            CaseloadView.NO_INTERVIEW_YEAR_11: lambda year, i, a: year == 11 and i[1] == 0,
            CaseloadView.NO_INTERVIEW_YEAR_13: lambda year, i, a: year == 13 and i[1] == 0,
            CaseloadView.ACTIONS_OVERDUE: lambda year, i, a: a[1] > 0,
            CaseloadView.REVIEW_THIS_MONTH: lambda year, i, a: i[2] is not None
            and month_start <= i[2] <= month_end,
        }[view]
        sql, params = pupil_list_sql(pupil_filter)
        rows: list[CaseloadRow] = []
        # Plain tuples, not dicts: a trust's caseload is tens of thousands of rows.
        with cycle_collection_paused():
            for values in self.db.execute(sql, params):
                pupil_id = values[0]
                interview = interviews.get(pupil_id, no_interview)
                action = actions.get(pupil_id, no_actions)
                if keep is not None and not keep(values[_YEAR_COLUMN], interview, action):
                    continue
                last_interview, interview_count, next_review = interview
                rows.append(CaseloadRow(
                    pupil_values=values, last_interview=last_interview,
                    interviews=interview_count, open_actions=action[0],
                    overdue_actions=action[1], encounters_this_year=encounters.get(pupil_id, 0),
                    next_review=next_review))
                if limit is not None and len(rows) >= limit:
                    break
        return rows


def _action_from_row(row: dict[str, Any]) -> Action:
    return Action(id=row["id"], pupil_id=row["pupil_id"], interview_id=row["interview_id"],
                  text=row["text"], owner=row["owner"],
                  due_on=date_from_text(row["due_on"]),
                  status=ActionStatus(row["status"]),
                  status_changed_on=dt.date.fromisoformat(row["status_changed_on"]),
                  pupils_own_goal=str(row["created_by"] or "").startswith("pupil:"))

