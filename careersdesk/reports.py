"""The careers leader's cohort picture: benchmark figures, priority-group gaps, pupils to act on.

Built from tracking results; the app's dashboard, the CSV exports and the PDF report for
governors and Ofsted all use these same figures, so they always agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from careersdesk.encounters import academic_year_of
from careersdesk.models import Pupil
from careersdesk.services.tracking import CohortRow
from careersdesk.tracking.engine import RuleResult, Status

# The lines of the report, in order: (key, label).  "B5" means each pupil's Benchmark 5 rule
# for the year group they are in now.
REPORT_LINES: tuple[tuple[str, str], ...] = (
    ("B5", "Benchmark 5: meaningful employer encounter this year"),
    ("B6-16", "Benchmark 6: workplace experience by the end of Year 11"),
    ("B6-18", "Benchmark 6: further workplace experience by the end of Year 13"),
    ("B7-16", "Benchmark 7: full range of providers by the end of Year 11"),
    ("B7-18", "Benchmark 7: two university encounters by the end of Year 13"),
    ("B8-16", "Benchmark 8: guidance interview by the end of Year 11"),
    ("B8-18", "Benchmark 8: further guidance interview by the end of Year 13"),
    ("PA-8-9", "Provider access: two encounters in Years 8-9"),
    ("PA-10-11", "Provider access: two encounters in Years 10-11"),
    ("PA-12-13", "Provider access: two encounters in Years 12-13"),
    ("SEVEN", "Seven employer encounters, one every year"),
)
GROUPS: tuple[tuple[str, Callable[[Pupil], bool]], ...] = (
    ("All pupils", lambda p: True),
    ("Disadvantaged", lambda p: p.is_disadvantaged),
    ("Others", lambda p: not p.is_disadvantaged),
    ("Pupil premium", lambda p: p.pupil_premium),
    ("SEND", lambda p: p.send_status.value != "none"),
    ("Looked after", lambda p: p.looked_after),
)


def result_for_line(row: CohortRow, key: str) -> RuleResult | None:
    rule_id = f"B5-Y{row.pupil.year_group}" if key == "B5" else key
    try:
        return row.tracking.result(rule_id)
    except StopIteration:
        return None


def in_scope(result: RuleResult | None, on: dt.date) -> bool:
    """Counted in the figures: the window has opened and the rule applies to this pupil."""
    return (result is not None and result.status is not Status.NOT_APPLICABLE
            and result.window_start <= on)


@dataclass
class LineFigures:
    key: str
    label: str
    counts: dict[str, dict[Status, int]] = field(default_factory=dict)  # group -> status -> n

    def total(self, group: str) -> int:
        return sum(self.counts.get(group, {}).values())

    def percent(self, group: str, status: Status = Status.MET) -> float | None:
        total = self.total(group)
        return round(100 * self.counts.get(group, {}).get(status, 0) / total, 1) if total else None

    @property
    def gap(self) -> float | None:
        """Percentage points by which disadvantaged pupils trail the others (met)."""
        others, disadvantaged = self.percent("Others"), self.percent("Disadvantaged")
        if others is None or disadvantaged is None:
            return None
        return round(others - disadvantaged, 1)


@dataclass
class ActionNeeded:
    pupil: Pupil
    results: list[RuleResult]


@dataclass
class CohortReport:
    school_name: str
    on: dt.date
    ruleset: str
    pupils: int
    lines: list[LineFigures]
    by_year: dict[int, LineFigures]  # Benchmark 5 this year, per year group
    needing_action: list[ActionNeeded]

    @property
    def academic_year_label(self) -> str:
        start = academic_year_of(self.on)
        return f"{start}/{str(start + 1)[-2:]}"


def build_cohort_report(rows: list[CohortRow], on: dt.date, school_name: str) -> CohortReport:
    lines = []
    for key, label in REPORT_LINES:
        figures = LineFigures(key, label)
        for group, belongs in GROUPS:
            tally: dict[Status, int] = {}
            for row in rows:
                result = result_for_line(row, key)
                if belongs(row.pupil) and in_scope(result, on):
                    assert result is not None
                    tally[result.status] = tally.get(result.status, 0) + 1
            figures.counts[group] = tally
        lines.append(figures)
    by_year: dict[int, LineFigures] = {}
    for year in sorted({row.pupil.year_group for row in rows}):
        figures = LineFigures("B5", f"Year {year}")
        for group, belongs in GROUPS[:3]:
            tally = {}
            for row in rows:
                if row.pupil.year_group == year and belongs(row.pupil):
                    result = result_for_line(row, "B5")
                    if in_scope(result, on):
                        assert result is not None
                        tally[result.status] = tally.get(result.status, 0) + 1
            figures.counts[group] = tally
        by_year[year] = figures
    this_year = academic_year_of(on)
    needing = []
    for row in rows:
        urgent = [r for r in row.tracking.results
                  if r.status is Status.AT_RISK
                  or (r.status is Status.MISSED and academic_year_of(r.closes_on) == this_year)]
        if urgent:
            needing.append(ActionNeeded(row.pupil, urgent))
    needing.sort(key=lambda a: (not a.pupil.is_disadvantaged, a.pupil.year_group,
                                a.pupil.legal_last_name.casefold(), a.pupil.first_name.casefold()))
    ruleset = rows[0].tracking.ruleset if rows else ""
    return CohortReport(school_name, on, ruleset, len(rows), lines, by_year, needing)


def pupil_results_csv(rows: list[CohortRow]) -> str:
    """One line per pupil per rule: the table behind every figure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["UPN", "Surname", "First name", "Year", "Form", "Pupil premium", "SEN",
                     "Looked after", "Rule", "Status", "Count", "Needed", "Window opens",
                     "Closes", "Judged from", "Reason"])
    for row in rows:
        pupil = row.pupil
        for result in row.tracking.results:
            writer.writerow([pupil.upn or "", pupil.legal_last_name, pupil.first_name,
                             pupil.year_group, pupil.form or "", "Y" if pupil.pupil_premium else "N",
                             pupil.send_status.value.replace("none", "N"),
                             "Y" if pupil.looked_after else "N", result.rule_id,
                             result.status.value, result.count, result.needed,
                             result.window_start.isoformat(), result.closes_on.isoformat(),
                             result.judged_from.isoformat() if result.judged_from else "",
                             result.reason])
    return buffer.getvalue()


def summary_csv(report: CohortReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Measure", "Group", "Pupils counted", "Met", "On track", "At risk", "Missed",
                     "Met %"])
    for line in report.lines:
        for group, _ in GROUPS:
            counts = line.counts.get(group, {})
            writer.writerow([line.label, group, line.total(group), counts.get(Status.MET, 0),
                             counts.get(Status.ON_TRACK, 0), counts.get(Status.AT_RISK, 0),
                             counts.get(Status.MISSED, 0),
                             "" if line.percent(group) is None else line.percent(group)])
    return buffer.getvalue()
