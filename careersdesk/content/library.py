"""Read-only access to the built careers library (content.db): jobs, search and suggestions."""

from __future__ import annotations

import bisect
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from careersdesk.content.schema import RIASEC
from careersdesk.errors import CareersDeskError
from careersdesk.resources import resource_path

# US spellings pupils type, turned into the UK spellings the library is written in.
US_TO_UK = {"color": "colour", "center": "centre", "defense": "defence", "jewelry": "jewellery",
            "tire": "tyre", "pediatric": "paediatric", "anesthetist": "anaesthetist",
            "labor": "labour", "behavior": "behaviour", "gray": "grey", "theater": "theatre",
            "mold": "mould", "aluminum": "aluminium", "math": "maths", "story": "storey",
            "pediatrician": "paediatrician", "orthopedic": "orthopaedic",
            "gynecologist": "gynaecologist", "esthetician": "aesthetician"}
MAX_QUERY_CHARS = 200


class LibraryMissing(CareersDeskError):
    pass


@dataclass(frozen=True)
class RouteInfo:
    route: str
    requirements: str
    detail: str
    level: int | None
    standards: tuple[str, ...]
    t_levels: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    id: int
    slug: str
    title: str
    summary: str
    tasks: tuple[str, ...]
    working_environment: str
    hours_note: str
    hours_median: float | None
    soc2020: str
    categories: tuple[str, ...]
    stem: bool
    subjects: tuple[str, ...]
    skills: tuple[str, ...]
    interest_code: str
    scores: dict[str, float]
    related: tuple[str, ...]
    easy_read: str
    pay_median: int | None
    pay_p25: int | None
    pay_p75: int | None
    pay_year: int | None
    pay_group_title: str | None
    min_entry_level: int | None
    route_kinds: tuple[str, ...]
    alternative_titles: tuple[str, ...]
    routes: tuple[RouteInfo, ...] = ()


@dataclass(frozen=True)
class SearchFilters:
    categories: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()  # e.g. ("apprenticeship",): can start that way
    max_entry_level: int | None = None
    stem: bool | None = None
    min_pay: int | None = None
    max_pay: int | None = None
    interests: str = ""  # letters; the job's code contains any of them
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    id: int
    slug: str
    title: str
    score: float


@dataclass
class _Vocabulary:
    titles: dict[str, set[int]] = field(default_factory=dict)  # folded title -> job ids
    primary: dict[int, str] = field(default_factory=dict)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    slugs: dict[str, int] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only: how titles and queries are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain.replace("-", " ")))


def query_words(query: str) -> list[str]:
    words = fold(query[:MAX_QUERY_CHARS]).split()
    return [US_TO_UK.get(w, re.sub(r"ize$", "ise", w) if len(w) > 5 else w) for w in words][:12]


class CareersLibrary:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or resource_path("content.db")
        if not self.path.exists():
            raise LibraryMissing("The careers library has not been built: run "
                                 "'careersdesk-admin content build'.")
        self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1",
                                    uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._vocabulary: _Vocabulary | None = None

    def close(self) -> None:
        self.conn.close()

    # -- jobs -----------------------------------------------------------------------------

    def _job(self, row: sqlite3.Row, with_routes: bool) -> Job:
        alt = tuple(r[0] for r in self.conn.execute(
            "SELECT title FROM alt_titles WHERE job_id = ? AND hand = 1", [row["id"]]))
        routes: tuple[RouteInfo, ...] = ()
        if with_routes:
            routes = tuple(RouteInfo(r["route"], r["requirements"], r["detail"] or "", r["level"],
                                     tuple(json.loads(r["standards"])),
                                     tuple(json.loads(r["t_levels"])))
                           for r in self.conn.execute("SELECT * FROM routes WHERE job_id = ? "
                                                      "ORDER BY position", [row["id"]]))
        return Job(
            id=row["id"], slug=row["slug"], title=row["title"], summary=row["summary"],
            tasks=tuple(json.loads(row["tasks"])), working_environment=row["working_environment"],
            hours_note=row["hours_note"] or "", hours_median=row["hours_median"],
            soc2020=row["soc2020"], categories=tuple(json.loads(row["categories"])),
            stem=bool(row["stem"]), subjects=tuple(json.loads(row["subjects"])),
            skills=tuple(json.loads(row["skills"])), interest_code=row["interest_code"],
            scores=json.loads(row["scores"]), related=tuple(json.loads(row["related"])),
            easy_read=row["easy_read"], pay_median=row["pay_median"], pay_p25=row["pay_p25"],
            pay_p75=row["pay_p75"], pay_year=row["pay_year"],
            pay_group_title=row["pay_group_title"], min_entry_level=row["min_entry_level"],
            route_kinds=tuple(json.loads(row["route_kinds"])), alternative_titles=alt,
            routes=routes)

    def job(self, slug: str) -> Job | None:
        row = self.conn.execute("SELECT * FROM jobs WHERE slug = ?", [slug]).fetchone()
        return self._job(row, with_routes=True) if row else None

    def jobs(self) -> list[Job]:
        return [self._job(row, with_routes=False)
                for row in self.conn.execute("SELECT * FROM jobs ORDER BY title")]

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM jobs").fetchone()[0])

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def quiz(self) -> dict[str, Any]:
        row = self.conn.execute("SELECT value FROM quiz WHERE key = 'quiz'").fetchone()
        return json.loads(row[0]) if row else {}

    def categories(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM categories ORDER BY name")]

    # -- search ---------------------------------------------------------------------------

    def _vocab(self) -> _Vocabulary:
        """Titles, alternative titles and pupils' words, kept in memory after the first search."""
        if self._vocabulary is None:
            vocabulary = _Vocabulary()
            for job_id, slug, title in self.conn.execute("SELECT id, slug, title FROM jobs"):
                vocabulary.primary[job_id] = fold(title)
                vocabulary.slugs[slug] = job_id
                vocabulary.titles.setdefault(fold(title), set()).add(job_id)
            for job_id, title in self.conn.execute("SELECT job_id, title FROM alt_titles"):
                vocabulary.titles.setdefault(fold(title), set()).add(job_id)
            for word, target in self.conn.execute("SELECT word, target FROM synonyms"):
                vocabulary.synonyms.setdefault(fold(word), []).append(target)
            vocabulary.choices = sorted(vocabulary.titles)
            self._vocabulary = vocabulary
        return self._vocabulary

    def _allowed(self, filters: SearchFilters) -> set[int] | None:
        if filters == SearchFilters():
            return None
        clauses: list[str] = ["1"]
        params: list[object] = []
        if filters.categories:
            clauses.append(f"id IN (SELECT job_id FROM job_categories WHERE category IN "
                           f"({', '.join('?' * len(filters.categories))}))")
            params += list(filters.categories)
        if filters.subjects:
            clauses.append(f"id IN (SELECT job_id FROM job_subjects WHERE subject IN "
                           f"({', '.join('?' * len(filters.subjects))}))")
            params += list(filters.subjects)
        for kind in filters.routes:
            clauses.append("id IN (SELECT job_id FROM routes WHERE route = ?)")
            params.append(kind)
        if filters.max_entry_level is not None:
            clauses.append("min_entry_level <= ?")
            params.append(filters.max_entry_level)
        if filters.stem is not None:
            clauses.append("stem = ?")
            params.append(int(filters.stem))
        if filters.min_pay is not None:
            clauses.append("pay_median >= ?")
            params.append(filters.min_pay)
        if filters.max_pay is not None:
            clauses.append("pay_median <= ?")
            params.append(filters.max_pay)
        letters = [c for c in filters.interests.upper() if c in RIASEC]
        if letters:
            clauses.append("(" + " OR ".join("instr(interest_code, ?) > 0" for _ in letters) + ")")
            params += letters
        where = " AND ".join(clauses)  # fixed clauses; every value is a parameter
        rows = self.conn.execute(f"SELECT id FROM jobs WHERE {where}", params)
        return {row[0] for row in rows}

    def search(self, query: str, filters: SearchFilters = SearchFilters(),
               limit: int = 20) -> list[SearchResult]:
        """Never raises on any input: odd queries simply find nothing."""
        vocabulary = self._vocab()
        allowed = self._allowed(filters)
        words = query_words(query or "")
        scores: dict[int, float] = {}

        def offer(job_id: int, score: float) -> None:
            if allowed is None or job_id in allowed:
                scores[job_id] = max(scores.get(job_id, 0.0), score)

        if not words:  # browsing: filters only, by title
            rows = self.conn.execute("SELECT id FROM jobs ORDER BY title").fetchall()
            ids = [r[0] for r in rows if allowed is None or r[0] in allowed][:limit]
            return self._results({job_id: 0.0 for job_id in ids}, limit, keep_order=True)
        phrase = " ".join(words)
        for target in vocabulary.synonyms.get(phrase, []):  # pupils' words: "sparky", "cop"
            for job_id in vocabulary.titles.get(fold(target), set()) | (
                    {vocabulary.slugs[target]} if target in vocabulary.slugs else set()):
                offer(job_id, 1000.0 if vocabulary.primary.get(job_id) == fold(target) else 960.0)
        for job_id in vocabulary.titles.get(phrase, set()):
            offer(job_id, 990.0 if vocabulary.primary[job_id] == phrase else 900.0)
        singular = phrase[:-1] if phrase.endswith("s") else phrase
        for job_id in vocabulary.titles.get(singular, set()):
            offer(job_id, 980.0 if vocabulary.primary[job_id] == singular else 890.0)
        # Typing one letter at a time: titles that start with what has been typed, found by
        # bisection in the sorted titles rather than by checking every one.
        position = bisect.bisect_left(vocabulary.choices, phrase)
        while position < len(vocabulary.choices) and \
                vocabulary.choices[position].startswith(phrase):
            title = vocabulary.choices[position]
            for job_id in vocabulary.titles[title]:
                primary = vocabulary.primary[job_id] == title
                offer(job_id, (700.0 if primary else 600.0) - len(title) / 10)
            position += 1
        match = " AND ".join(f'"{w}"*' for w in words)
        try:
            for job_id, rank in self.conn.execute(
                    "SELECT rowid, bm25(jobs_fts, 10.0, 6.0, 1.0, 2.0) FROM jobs_fts "
                    "WHERE jobs_fts MATCH ? ORDER BY rank LIMIT 200", [match]):
                offer(job_id, 300.0 - rank)  # bm25 is negative: better matches score higher
        except sqlite3.Error:
            pass  # a query FTS cannot parse finds nothing by this way; the others still work
        # Fuzzy matching is the slow path: only when nothing matched a title, a pupil's word
        # or a prefix, which is when the pupil has most likely misspelt the job.
        if len(phrase) >= 3 and len(scores) < 3 and max(scores.values(), default=0.0) < 600.0:
            found = process.extract(phrase, vocabulary.choices,
                                    scorer=fuzz.ratio, limit=10, score_cutoff=75)
            for title, score, _ in found:
                for job_id in vocabulary.titles[title]:
                    offer(job_id, float(score) * 2)
        return self._results(scores, limit)

    def _results(self, scores: dict[int, float], limit: int,
                 keep_order: bool = False) -> list[SearchResult]:
        ordered = list(scores) if keep_order else sorted(scores, key=lambda i: -scores[i])
        ordered = ordered[:limit]
        if not ordered:
            return []
        marks = ", ".join("?" * len(ordered))
        names = {r[0]: (r[1], r[2]) for r in self.conn.execute(
            f"SELECT id, slug, title FROM jobs WHERE id IN ({marks})", ordered)}
        return [SearchResult(i, names[i][0], names[i][1], round(scores[i], 2)) for i in ordered]


ROUTE_NAMES = {"university": "University", "college": "College course", "t-level": "T Level",
               "apprenticeship": "Apprenticeship", "work": "Starting work",
               "volunteering": "Volunteering", "direct-application": "Applying directly",
               "other": "Other ways in"}


def job_profile_html(library: CareersLibrary, job: Job, reasons: tuple[str, ...] = (),
                     theme_key: str | None = None) -> str:
    """The job profile page, rendered with the app's templates (escaped, strict), in the
    colours of the reader's theme."""
    from careersdesk.render import render
    from careersdesk.themes import theme_or_default

    subject_names = {r[0]: r[1] for r in library.conn.execute("SELECT slug, name FROM subjects")}
    related = [(slug, other.title) for slug in job.related
               if (other := library.job(slug)) is not None]
    return render("job_profile.html", job=job, reasons=reasons, related=related,
                  theme=theme_or_default(theme_key),
                  subjects=[subject_names.get(s, s) for s in job.subjects],
                  route_names=ROUTE_NAMES)
