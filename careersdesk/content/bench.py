"""Speed figures for the careers library, merged into `careersdesk-admin bench`.

The queries are realistic pupil input kept in tests/data/search_queries.txt: whole job names,
slang, misspellings, and words typed one letter at a time ("v", "ve", "vet"), because that is
what the search box really sees. Figures are printed, never asserted in tests.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from careersdesk.resources import resource_path

QUERIES_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "search_queries.txt"
# One made-up pupil: likes helping people and finding things out, not selling.
PUPIL_ANSWERS_BY_TYPE = {"R": 3, "I": 4, "A": 2, "S": 5, "E": 1, "C": 3}


def search_queries(path: Path = QUERIES_FILE) -> list[str]:
    """The benchmark's queries, one a line; blank lines and # comments are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _milliseconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def content_figures(quick: bool = False) -> dict[str, float | int]:
    """search_p95_ms, search_overhead_ratio, match_ms, content_build_s and profiles.

    The library is built from the bundled sources into a temporary file (timed as
    content_build_s) and measured there; when the sources have problems the bundled
    content.db is measured instead and content_build_s is left out.
    """
    from careersdesk.content.build import ContentError, build_content
    from careersdesk.content.library import LibraryMissing

    figures: dict[str, float | int] = {}
    source = resource_path("content")
    with tempfile.TemporaryDirectory() as folder:
        library_path = resource_path("content.db")
        try:
            started = time.perf_counter()
            build_content(source, source / "facts" / "soc_facts.json",
                          Path(folder) / "content.db")
            figures["content_build_s"] = round(time.perf_counter() - started, 3)
            library_path = Path(folder) / "content.db"
        except ContentError:
            pass
        try:
            figures.update(_library_figures(library_path, quick))
            figures.update(_coverage_figures(library_path))
            figures.update(_search_quality_figures(library_path))
        except LibraryMissing:
            figures["profiles"] = 0  # nothing built that this version can read
    return figures


def _search_quality_figures(path: Path) -> dict[str, float | int]:
    """Issue 9's search quality: how often the job a pupil means comes first, and in the top 3."""
    from careersdesk.content.library import CareersLibrary
    from careersdesk.content.search_quality import (
        QUALITY_FILE,
        measure_search_quality,
        quality_queries,
    )

    if not QUALITY_FILE.is_file():
        return {}  # an installed copy without the tests folder
    with CareersLibrary(path) as library:
        quality = measure_search_quality(library, quality_queries())
    return {"search_quality_first_pct": quality.first_pct,
            "search_quality_top3_pct": quality.top_three_pct}


def _coverage_figures(path: Path) -> dict[str, float | int]:
    """Issue 9's figures: category spread, NCS titles covered and reading ages."""
    from careersdesk.content.commands import default_sources
    from careersdesk.content.library import CareersLibrary
    from careersdesk.content.report import coverage_report

    with CareersLibrary(path) as library:
        figures = coverage_report(library, default_sources()).figures()
    return {key: value for key, value in figures.items() if value is not None}


def _library_figures(path: Path, quick: bool) -> dict[str, float | int]:
    import sqlite3

    from careersdesk.content.library import CareersLibrary
    from careersdesk.content.matching import score_answers, suggest_jobs
    from careersdesk.content.search import query_words

    figures: dict[str, float | int] = {}
    runs = 2 if quick else 7
    with CareersLibrary(path) as library:
        figures["profiles"] = library.count()
        figures["search_first_query_ms"] = round(_milliseconds(lambda: library.search("v")), 2)
        queries = search_queries() if QUERIES_FILE.is_file() else []
        if queries:
            bare = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)

            def bare_match(words: list[str]) -> None:
                expression = " AND ".join(f'"{word}"*' for word in words)
                bare.execute("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ? ORDER BY rank "
                             "LIMIT 20", [expression]).fetchall()

            app_times: list[float] = []
            bare_times: list[float] = []
            for _ in range(runs):
                for query in queries:
                    app_times.append(_milliseconds(partial(library.search, query)))
                    words = query_words(query)
                    if words:
                        bare_times.append(_milliseconds(partial(bare_match, words)))
            bare.close()
            figures["search_queries"] = len(queries)
            figures["search_p95_ms"] = round(_percentile(app_times, 0.95), 3)
            figures["search_median_ms"] = round(statistics.median(app_times), 3)
            figures["search_overhead_ratio"] = round(
                statistics.median(app_times) / max(statistics.median(bare_times), 1e-9), 2)
        quiz = library.quiz()
        answers = {statement.id: PUPIL_ANSWERS_BY_TYPE[statement.type]
                   for statement in quiz.statements}
        library.jobs()  # read once, as the app does before the first quiz

        def match() -> None:
            suggest_jobs(score_answers(answers, quiz), library, limit=None)

        match_times = [_milliseconds(match) for _ in range(5 if quick else 30)]
        figures["match_ms"] = round(statistics.median(match_times), 3)
    return figures
