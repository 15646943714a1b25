"""The end of the school year: everyone moves up, leavers are archived, nothing is lost.

A consistent backup is written first, so the whole rollover can be undone by restoring it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from careersdesk.db import backup_database
from careersdesk.encounters import academic_year_of
from careersdesk.errors import ValidationError
from careersdesk.models import Pupil, PupilFilter, Session
from careersdesk.services.audit import actor_of, append_entry
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require
from careersdesk.services.pupils import PupilService

LAST_ROLLOVER = "last_rollover_academic_year"


@dataclass
class RolloverPlan:
    school_year: int  # the school year that is ending
    final_year: int
    moving_up: list[Pupil] = field(default_factory=list)
    leavers: list[Pupil] = field(default_factory=list)
    unfinished_actions: dict[int, int] = field(default_factory=dict)  # pupil id -> open actions

    def summary(self) -> str:
        return (f"{len(self.moving_up):,} pupils move up a year and {len(self.leavers):,} "
                f"leave (archived, not deleted)")


@dataclass(frozen=True)
class RolloverResult:
    backup: Path
    moved_up: int
    archived: int


class YearEndService(ServiceBase):
    def plan(self, session: Session, final_year: int = 13,
             staying_on: frozenset[int] = frozenset()) -> RolloverPlan:
        """Who moves up and who leaves.  Pupils in ``staying_on`` (often Year 13 pupils with an
        EHC plan going into Year 14) move up instead of leaving."""
        require(session, "year_end.run")
        if not 11 <= final_year <= 14:
            raise ValidationError("The school's last year group is between 11 and 14.")
        today = self.clock().date()
        plan = RolloverPlan(school_year=academic_year_of(today), final_year=final_year)
        pupils = PupilService(self.database, self.clock).list_pupils(
            session, PupilFilter(disadvantaged_first=False))
        for pupil in pupils:
            leaving = (pupil.year_group >= final_year and pupil.id not in staying_on) \
                or pupil.year_group >= 14
            (plan.leavers if leaving else plan.moving_up).append(pupil)
        plan.unfinished_actions = self._open_actions([p.id for p in plan.leavers])
        return plan

    def _open_actions(self, pupil_ids: list[int]) -> dict[int, int]:
        """Open actions per leaver, once the guidance feature has its actions table."""
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'actions'").fetchone():
            return {}
        wanted = set(pupil_ids)
        return {pupil_id: count for pupil_id, count in self.db.execute(
            "SELECT pupil_id, count(*) FROM actions WHERE status IN ('not_started', "
            "'in_progress') GROUP BY pupil_id") if pupil_id in wanted}

    def run(self, session: Session, plan: RolloverPlan, backup_dir: Path,
            allow_second_time: bool = False) -> RolloverResult:
        require(session, "year_end.run")
        done = self.db.execute("SELECT value FROM settings WHERE key = ?", [LAST_ROLLOVER]).fetchone()
        if done and int(done[0]) == plan.school_year and not allow_second_time:
            raise ValidationError(
                f"The {plan.school_year}/{str(plan.school_year + 1)[-2:]} year end has already "
                "been run. Running it twice would move everyone up two years.")
        backup = backup_database(self.database.path, backup_dir, keep=1000)
        now = to_text(self.clock())
        left_on = self.clock().date().isoformat()
        with self.db.atomic():
            for pupil in plan.leavers:
                self.db.execute("UPDATE pupils SET archived_at = ?, left_on = ?, updated_at = ? "
                                "WHERE id = ?", [now, left_on, now, pupil.id])
            self.db.conn.executemany(
                "UPDATE pupils SET year_group = year_group + 1, updated_at = ? WHERE id = ?",
                [(now, pupil.id) for pupil in plan.moving_up])
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                            "DO UPDATE SET value = excluded.value",
                            [LAST_ROLLOVER, str(plan.school_year)])
            append_entry(self.database, now, actor_of(session), "year_end.rollover", None,
                         {"moved_up": len(plan.moving_up), "left": len(plan.leavers),
                          "backup": backup.name})
        return RolloverResult(backup, len(plan.moving_up), len(plan.leavers))


def rollover_date_warning(today: dt.date) -> str | None:
    if today.month not in (7, 8, 9):
        return (f"It is {today:%d %B}: year end is usually run in the summer holiday, after the "
                "last day of term. Check before going on.")
    return None
