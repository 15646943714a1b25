"""Tracking every pupil against the benchmarks, for one pupil or a whole cohort."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from careersdesk.encounters import EncounterDetails, Organisation
from careersdesk.models import Pupil, PupilFilter, Session
from careersdesk.services.common import ServiceBase, cycle_collection_paused
from careersdesk.services.permissions import require, require_pupil_access
from careersdesk.services.pupils import PupilService
from careersdesk.tracking.engine import (
    PupilFacts,
    PupilTracking,
    RuleSet,
    Status,
    load_ruleset,
    track_pupil,
)


@dataclass(frozen=True)
class CohortRow:
    pupil: Pupil
    tracking: PupilTracking


@dataclass
class RuleSummary:
    rule_id: str
    title: str
    counts: Counter[str] = field(default_factory=Counter)  # status -> pupils
    disadvantaged_counts: Counter[str] = field(default_factory=Counter)

    @property
    def applicable(self) -> int:
        return sum(n for status, n in self.counts.items() if status != Status.NOT_APPLICABLE)

    def percent(self, status: Status, disadvantaged: bool = False) -> float:
        counts = self.disadvantaged_counts if disadvantaged else self.counts
        total = sum(n for s, n in counts.items() if s != Status.NOT_APPLICABLE)
        return round(100 * counts[status] / total, 1) if total else 0.0


def _details(row: dict[str, Any], prefix: str = "") -> EncounterDetails:
    def get(name: str) -> Any:
        return row[prefix + name]

    return EncounterDetails(
        title=get("title"), kind=get("kind"), date=dt.date.fromisoformat(get("date")),
        duration_minutes=get("duration_minutes"),
        organisations=tuple(Organisation(o["name"], o["type"])
                            for o in json.loads(get("organisations") or "[]")),
        benchmarks=tuple(json.loads(get("benchmarks") or "[]")), stem=bool(get("stem")),
        criteria=frozenset(json.loads(get("criteria") or "[]")),
        provider_access=bool(get("provider_access")))


class TrackingService(ServiceBase):
    @property
    def ruleset(self) -> RuleSet:
        return load_ruleset()

    def _encounters_by_pupil(self, pupil_ids: list[int] | None
                             ) -> dict[int, list[EncounterDetails]]:
        """Every encounter, grouped by pupil.  A group event's details are read once, not once
        per attendee, which is what keeps a 1,500-pupil cohort quick."""
        events = {
            row["id"]: _details({**row, "date": row["event_date"]})
            for row in self.db.query("SELECT * FROM group_events")
        }
        where, params = "", []
        if pupil_ids is not None and len(pupil_ids) <= 500:
            where = f"WHERE pupil_id IN ({', '.join('?' * len(pupil_ids))})"
            params = pupil_ids
        wanted = set(pupil_ids) if pupil_ids is not None else None
        grouped: dict[int, list[EncounterDetails]] = defaultdict(list)
        # Plain tuples, not dicts: these loops run once per encounter in the whole school.
        # Most encounters belong to group events, whose details were read above, so those rows
        # need only two columns.
        joiner = "AND" if where else "WHERE"
        for pupil_id, event_id in self.db.execute(
                f"SELECT pupil_id, group_event_id FROM encounters {where} "
                f"{joiner} group_event_id IS NOT NULL", params):
            if wanted is None or pupil_id in wanted:
                grouped[pupil_id].append(events[event_id])
        for (pupil_id, title, kind, day, minutes, organisations, benchmarks, stem, criteria,
             provider_access) in self.db.execute(
                "SELECT pupil_id, title, kind, encounter_date, duration_minutes, organisations, "
                f"benchmarks, stem, criteria, provider_access FROM encounters {where} "
                f"{joiner} group_event_id IS NULL", params):
            if wanted is not None and pupil_id not in wanted:
                continue
            grouped[pupil_id].append(_details({
                "title": title, "kind": kind, "date": day, "duration_minutes": minutes,
                "organisations": organisations, "benchmarks": benchmarks, "stem": stem,
                "criteria": criteria, "provider_access": provider_access}))
        return grouped  # in no particular order: track_pupil sorts each pupil's by date

    def _interview_dates(self, pupil_ids: list[int] | None) -> dict[int, list[dt.date]]:
        """Guidance interviews, once the interviews feature has created its table."""
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'guidance_interviews'").fetchone()
        if not exists:
            return {}
        dates: dict[int, list[dt.date]] = defaultdict(list)
        wanted = set(pupil_ids) if pupil_ids is not None else None
        for pupil_id, held_on in self.db.execute(
                "SELECT pupil_id, held_on FROM guidance_interviews"):
            if wanted is None or pupil_id in wanted:
                dates[pupil_id].append(dt.date.fromisoformat(held_on[:10]))
        return dates

    def _facts(self, pupil: Pupil, encounters: dict[int, list[EncounterDetails]],
               interviews: dict[int, list[dt.date]]) -> PupilFacts:
        return PupilFacts(pupil_id=pupil.id, year_group=pupil.year_group,
                          admission_date=pupil.admission_date,
                          encounters=encounters.get(pupil.id, ()),
                          interview_dates=interviews.get(pupil.id, ()))

    def for_pupil(self, session: Session, pupil_id: int, on: dt.date | None = None) -> PupilTracking:
        require_pupil_access(session, "tracking.read", pupil_id)
        pupil = PupilService(self.database, self.clock).get(session, pupil_id)
        facts = self._facts(pupil, self._encounters_by_pupil([pupil_id]),
                            self._interview_dates([pupil_id]))
        return track_pupil(facts, on or self.clock().date(), self.ruleset)

    def cohort(self, session: Session, pupil_filter: PupilFilter = PupilFilter(),
               on: dt.date | None = None) -> list[CohortRow]:
        require(session, "tracking.cohort")
        with cycle_collection_paused():
            pupils = PupilService(self.database, self.clock).list_pupils(session, pupil_filter)
            ids = [pupil.id for pupil in pupils]
            encounters = self._encounters_by_pupil(ids)
            interviews = self._interview_dates(ids)
            day = on or self.clock().date()
            return [CohortRow(pupil, track_pupil(self._facts(pupil, encounters, interviews),
                                                 day, self.ruleset))
                    for pupil in pupils]

    @staticmethod
    def summarise(rows: list[CohortRow]) -> list[RuleSummary]:
        summaries: dict[str, RuleSummary] = {}
        for row in rows:
            disadvantaged = row.pupil.is_disadvantaged
            for result in row.tracking.results:
                summary = summaries.get(result.rule_id)
                if summary is None:
                    summary = summaries[result.rule_id] = RuleSummary(result.rule_id,
                                                                      result.title)
                summary.counts[result.status] += 1
                if disadvantaged:
                    summary.disadvantaged_counts[result.status] += 1
        return list(summaries.values())
