"""How far the careers library covers the working world, and how readable it is.

`careersdesk-admin content report` prints this; `careersdesk-admin bench` records its headline
figures. It reads the built library, plus the National Careers Service list of job titles from
the public sources (a development-time file, not shipped) to say which titles are still missing.

Reading ages come from careersdesk.content.readability.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careersdesk.content.library import CareersLibrary
from careersdesk.content.readability import EASY_READ_TARGET_AGE, SUMMARY_TARGET_AGE, reading_age

NCS_FILE = "ncs_job_profiles_2019_facts.csv"
T_LEVELS_FILE = "tlevels_2025.csv"
SOC_GROUPS_FILE = "soc2020_unit_groups.csv"
EXTRA_T_LEVELS = ("Onsite Construction",)  # current, but missing from the 2025 list
SOC_MAJOR_GROUPS = {
    "1": "Managers, directors and senior officials", "2": "Professional occupations",
    "3": "Associate professional occupations", "4": "Administrative and secretarial",
    "5": "Skilled trades", "6": "Caring, leisure and other service",
    "7": "Sales and customer service", "8": "Process, plant and machine operatives",
    "9": "Elementary occupations"}


def percentile_90(values: list[float]) -> float:
    if not values:
        return 0.0
    if len(values) < 10:
        return max(values)
    return statistics.quantiles(values, n=10)[-1]


@dataclass
class CoverageReport:
    profiles: int
    per_category: dict[str, int]
    per_soc_major_group: dict[str, int]
    per_route: dict[str, int]
    per_level: dict[int, int]
    easy_read_ages: dict[str, float]
    summary_ages: dict[str, float]
    ncs_titles: list[str] = field(default_factory=list)
    ncs_missing: list[str] = field(default_factory=list)
    apprenticeship_likely_missing: list[str] = field(default_factory=list)
    t_levels_unlinked: list[str] = field(default_factory=list)
    soc_groups: int = 0  # SOC 2020 unit groups in the sources
    soc_groups_missing: list[str] = field(default_factory=list)  # "1111 Chief executives…"

    @property
    def categories_min_profiles(self) -> int:
        return min(self.per_category.values(), default=0)

    @property
    def ncs_titles_covered_pct(self) -> float | None:
        if not self.ncs_titles:
            return None
        covered = len(self.ncs_titles) - len(self.ncs_missing)
        return round(100 * covered / len(self.ncs_titles), 1)

    def figures(self) -> dict[str, Any]:
        """The figures the bench records."""
        return {
            "profiles": self.profiles,
            "categories_min_profiles": self.categories_min_profiles,
            "ncs_titles_covered_pct": self.ncs_titles_covered_pct,
            "easy_read_reading_age_p90": round(percentile_90(list(
                self.easy_read_ages.values())), 1),
            "summary_reading_age_p90": round(percentile_90(list(self.summary_ages.values())), 1),
            "soc_unit_groups_covered": (self.soc_groups - len(self.soc_groups_missing)
                                        if self.soc_groups else None),
        }

    def as_text(self) -> str:
        lines = [f"{self.profiles} job profiles"]
        lines.append("\nProfiles per category (fewest first):")
        lines += [f"  {count:4d}  {name}" for name, count in
                  sorted(self.per_category.items(), key=lambda item: (item[1], item[0]))]
        lines.append("\nProfiles per SOC 2020 major group:")
        lines += [f"  {self.per_soc_major_group.get(group, 0):4d}  {group} {name}"
                  for group, name in SOC_MAJOR_GROUPS.items()]
        lines.append("\nProfiles that can start by each route:")
        lines += [f"  {count:4d}  {route}" for route, count in sorted(self.per_route.items())]
        lines.append("\nProfiles with a route at each qualification level:")
        lines += [f"  {count:4d}  level {level}" for level, count in sorted(self.per_level.items())]
        figures = self.figures()
        lines.append("\nReadability (reading age, 90th percentile):")
        lines.append(f"  easy-read text {figures['easy_read_reading_age_p90']} "
                     f"(aim: {EASY_READ_TARGET_AGE} or below; "
                     f"{self._over(self.easy_read_ages, EASY_READ_TARGET_AGE)} over)")
        lines.append(f"  summaries      {figures['summary_reading_age_p90']} "
                     f"(aim: {SUMMARY_TARGET_AGE} or below; "
                     f"{self._over(self.summary_ages, SUMMARY_TARGET_AGE)} over)")
        if self.ncs_titles:
            lines.append(f"\nNational Careers Service titles covered: "
                         f"{figures['ncs_titles_covered_pct']}% of {len(self.ncs_titles)}; "
                         f"{len(self.ncs_missing)} still to write, for example: "
                         + ", ".join(self.ncs_missing[:12]))
        else:
            lines.append("\nNational Careers Service titles: the list was not found (give "
                         "--sources with the public data folder).")
        if self.soc_groups:
            lines.append(f"\nSOC 2020 unit groups with a profile: "
                         f"{self.soc_groups - len(self.soc_groups_missing)} of {self.soc_groups}"
                         + ("; none yet for: " + "; ".join(self.soc_groups_missing)
                            if self.soc_groups_missing else ""))
        if self.t_levels_unlinked:
            lines.append("\nT Levels no profile links to: " + ", ".join(self.t_levels_unlinked))
        if self.apprenticeship_likely_missing:
            lines.append(f"\nNo apprenticeship route, though the National Careers Service lists "
                         f"one ({len(self.apprenticeship_likely_missing)}): "
                         + ", ".join(self.apprenticeship_likely_missing[:20]))
        return "\n".join(lines)

    @staticmethod
    def _over(ages: dict[str, float], target: float) -> int:
        return sum(1 for age in ages.values() if age > target)


def _source_rows(sources: Path | None, name: str) -> list[dict[str, str]]:
    if sources is None or not (sources / name).is_file():
        return []
    with (sources / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def coverage_report(library: CareersLibrary, sources: Path | None = None) -> CoverageReport:
    jobs = library.jobs()
    category_names = {category.slug: category.name for category in library.categories()}
    per_category = Counter({name: 0 for name in category_names.values()})
    per_group: Counter[str] = Counter()
    per_route: Counter[str] = Counter()
    per_level: Counter[int] = Counter()
    for job in jobs:
        for slug in job.categories:
            per_category[category_names.get(slug, slug)] += 1
        per_group[job.soc2020[:1]] += 1
        per_route.update(set(job.route_kinds))
        per_level.update({route.level for route in job.routes if route.level})
    report = CoverageReport(
        profiles=len(jobs), per_category=dict(per_category),
        per_soc_major_group=dict(per_group), per_route=dict(per_route),
        per_level=dict(per_level),
        easy_read_ages={job.slug: reading_age(job.easy_read) for job in jobs},
        summary_ages={job.slug: reading_age(job.summary) for job in jobs})
    linked = {name for job in jobs for route in job.routes for name in route.t_levels}
    current = [row["t_level"] for row in _source_rows(sources, T_LEVELS_FILE)
               if row.get("withdrawn") != "1"]
    if current:
        report.t_levels_unlinked = [name for name in [*current, *EXTRA_T_LEVELS]
                                    if name not in linked]
    groups = _source_rows(sources, SOC_GROUPS_FILE)
    report.soc_groups = len(groups)
    covered = {job.soc2020 for job in jobs}
    report.soc_groups_missing = [f"{row['soc2020']} {row['title']}" for row in groups
                                 if row["soc2020"] not in covered]
    rows = _source_rows(sources, NCS_FILE)
    if rows:
        known = {name.casefold() for job in jobs
                 for name in (job.title, job.ncs_title, *job.alternative_titles) if name}
        report.ncs_titles = [row["title"] for row in rows]
        report.ncs_missing = [row["title"] for row in rows
                              if row["title"].casefold() not in known]
        with_apprenticeship = {row["title"].casefold() for row in rows
                               if row.get("route_apprenticeship") == "1"}
        report.apprenticeship_likely_missing = sorted(
            job.title for job in jobs
            if (job.ncs_title or job.title).casefold() in with_apprenticeship
            and "apprenticeship" not in job.route_kinds)
    return report
