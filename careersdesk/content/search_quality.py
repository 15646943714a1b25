"""How often search puts the job a pupil means first: issue 9's search-quality measure.

The queries live in tests/data/search_quality.csv: realistic pupil input (misspellings, slang,
US spellings, everyday names, subjects and whole sentences), each with the one job a careers
adviser would expect it to find. The test suite holds the library to the targets and
`careersdesk-admin bench` records the figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from careersdesk.content.library import CareersLibrary

QUALITY_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "search_quality.csv"
FIRST_TARGET_PCT = 90.0
TOP_THREE_TARGET_PCT = 97.0


@dataclass(frozen=True)
class QualityQuery:
    query: str
    expected_slug: str
    kind: str


@dataclass
class SearchQuality:
    queries: int = 0
    first: int = 0
    top_three: int = 0
    # (query, expected slug, the first three slugs found), for the ones not found first
    not_first: list[tuple[str, str, list[str]]] = field(default_factory=list)
    missing_profiles: list[str] = field(default_factory=list)

    @property
    def first_pct(self) -> float:
        return round(100.0 * self.first / self.queries, 1) if self.queries else 0.0

    @property
    def top_three_pct(self) -> float:
        return round(100.0 * self.top_three / self.queries, 1) if self.queries else 0.0


def quality_queries(path: Path = QUALITY_FILE) -> list[QualityQuery]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [QualityQuery(row["query"], row["expected_slug"], row["kind"])
                for row in csv.DictReader(handle)]


def measure_search_quality(library: CareersLibrary,
                           queries: list[QualityQuery]) -> SearchQuality:
    """Search for each query as a pupil would and count where the expected job lands."""
    quality = SearchQuality()
    for item in queries:
        if library.job(item.expected_slug) is None:
            quality.missing_profiles.append(item.expected_slug)
            continue
        quality.queries += 1
        found = [result.slug for result in library.search(item.query, limit=3)]
        if found[:1] == [item.expected_slug]:
            quality.first += 1
        else:
            quality.not_first.append((item.query, item.expected_slug, found))
        if item.expected_slug in found:
            quality.top_three += 1
    return quality
