"""Benchmarks of the careers library: search as pupils type, and matching for one pupil."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from careersdesk.resources import resource_path

WHOLE_WORDS = ("vet", "nurse", "doctor", "teacher", "police officer", "electrician", "plumber",
               "mechanic", "hairdresser", "chef", "software developer", "games developer",
               "footballer", "lawyer", "accountant", "engineer", "architect", "paramedic",
               "firefighter", "soldier", "social worker", "pharmacist", "graphic designer",
               "youtuber", "pilot", "midwife", "dentist", "physiotherapist", "psychologist",
               "journalist", "actor", "musician", "makeup artist", "personal trainer",
               "carpenter", "bricklayer", "farmer", "zookeeper", "data scientist",
               "cyber security")
SLANG_AND_SLIPS = ("sparky", "chippy", "coding", "cop", "makeup", "enginer", "electrican",
                   "plumer", "hairdreser", "nurses", "vets", "programmer", "gamer", "brickie",
                   "animals", "computers", "hospital", "cars", "money", "art", "sport", "army",
                   "builder", "beauty", "kids", "law", "science", "maths", "outdoors", "travel")
TYPED = ("electrician", "veterinary", "software", "mechanic", "hairdresser", "paramedic",
         "accountant", "teacher", "designer", "footballer", "plumber", "police", "carpenter",
         "architect", "physiotherapist")


def realistic_queries() -> list[str]:
    queries = list(WHOLE_WORDS) + list(SLANG_AND_SLIPS)
    for word in TYPED:  # one letter at a time, as the search box sees it
        queries += [word[:n] for n in range(1, len(word) + 1)]
    return queries


def _timed(call: Any, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def content_figures(quick: bool = False) -> dict[str, Any]:
    from careersdesk.content.library import CareersLibrary, query_words
    from careersdesk.content.matching import score_answers, suggest_jobs

    figures: dict[str, Any] = {}
    source = resource_path("content")
    if (source / "jobs").exists() and any((source / "jobs").glob("*.toml")):
        from careersdesk.content.build import ContentError, build_content

        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            try:
                build_content(source, source / "facts" / "soc_facts.json",
                              Path(folder) / "content.db")
                figures["content_build_s"] = round(time.perf_counter() - started, 2)
            except ContentError as exc:
                figures["content_build_s"] = f"not built: {str(exc).splitlines()[0]}"
    path = resource_path("content.db")
    if not path.exists():
        figures["profiles"] = 0
        figures["search"] = "no careers library built yet (careersdesk-admin content build)"
        return figures
    library = CareersLibrary(path)
    queries = realistic_queries()
    library.search("warm up")
    runs = 1 if quick else 3
    app_times = [t for query in queries for t in _timed(lambda q=query: library.search(q), runs)]
    bare = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def bare_match(query: str) -> None:
        words = query_words(query)
        if words:
            bare.execute("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ? ORDER BY rank "
                         "LIMIT 20", [" AND ".join(f'"{w}"*' for w in words)]).fetchall()

    bare_times = [t for query in queries for t in _timed(lambda q=query: bare_match(q), runs)]
    figures["search_queries"] = len(queries)
    figures["search_p95_ms"] = round(statistics.quantiles(app_times, n=20)[-1], 2)
    figures["search_overhead_ratio"] = round(statistics.median(app_times)
                                             / max(statistics.median(bare_times), 1e-6), 2)
    quiz = library.quiz()
    answers = {s["id"]: (5 if s["type"] in "IS" else 2) for s in quiz.get("statements", [])}
    jobs = library.jobs()
    match_times = _timed(lambda: suggest_jobs(score_answers(answers, quiz), library, jobs=jobs),
                         5 if quick else 20)
    figures["match_ms"] = round(statistics.median(match_times), 2)
    figures["profiles"] = library.count()
    library.close()
    return figures
