"""Read-only access to the built careers library (content.db): jobs, reference lists, the quiz,
search and suggestions, all returned as frozen dataclasses.

The file is opened read-only and immutable, so any number of pupils on a shared machine can use
one copy without locks. Jobs and the search vocabulary are read once and kept in memory: the
whole library is a few hundred profiles.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from careersdesk.content.schema import (
    RIASEC,
    Category,
    Hours,
    InterestProfile,
    Pay,
    Qualification,
    Quiz,
    QuizStatement,
    QuizType,
    Route,
    Subject,
)
from careersdesk.content.search import (
    NO_FILTERS,
    SearchEntry,
    SearchFilters,
    SearchIndex,
    SearchResult,
)
from careersdesk.errors import CareersDeskError
from careersdesk.resources import resource_path

if TYPE_CHECKING:
    from careersdesk.content.matching import InterestScores, Suggestion

__all__ = ["ROUTE_NAMES", "CareersLibrary", "Job", "LibraryMissing", "SearchFilters",
           "SearchResult", "compare_html", "job_profile_html", "routes_html"]

SCHEMA_VERSION = "2"  # the version build.py writes; kept here so reading never imports build

ROUTE_NAMES = {"university": "University", "college": "College course", "t-level": "T Level",
               "apprenticeship": "Apprenticeship", "work": "Starting work",
               "volunteering": "Volunteering", "direct-application": "Applying directly",
               "supported-internship": "Supported internship", "other": "Other ways in"}


class LibraryMissing(CareersDeskError):
    """There is no usable content.db: never built, damaged, or built by another version."""


@dataclass(frozen=True)
class Job:
    """A job profile as the app shows it: the profile plus facts joined in at build time."""

    id: int
    slug: str
    title: str
    alternative_titles: tuple[str, ...]  # chosen by hand: shown as "Also called"
    index_titles: tuple[str, ...]  # matching ONS coding-index titles: searched, not shown
    soc2020: str
    soc_title: str
    categories: tuple[str, ...]
    stem: bool
    summary: str
    tasks: tuple[str, ...]
    working_environment: str
    hours_note: str
    subjects: tuple[str, ...]
    skills: tuple[str, ...]
    interest_code: str
    related: tuple[str, ...]
    easy_read: str
    ncs_title: str
    routes: tuple[Route, ...]
    pay: Pay | None
    hours: Hours | None
    scores: InterestProfile  # O*NET 1-7 scale
    scores_from: str  # "onet", or "interest_code" when made from the hand code
    min_entry_level: int

    @property
    def route_kinds(self) -> tuple[str, ...]:
        return tuple(sorted({route.route for route in self.routes}))

    # Flat names for templates.
    @property
    def pay_median(self) -> int | None:
        return self.pay.median if self.pay else None

    @property
    def pay_p25(self) -> int | None:
        return self.pay.p25 if self.pay else None

    @property
    def pay_p75(self) -> int | None:
        return self.pay.p75 if self.pay else None

    @property
    def pay_year(self) -> int | None:
        return self.pay.year if self.pay else None

    @property
    def pay_group_title(self) -> str | None:
        return self.pay.group_title if self.pay else None

    @property
    def hours_median(self) -> float | None:
        return self.hours.median if self.hours else None


def _strings(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


class CareersLibrary:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else resource_path("content.db")
        if not self.path.is_file():
            raise LibraryMissing("The careers library has not been built: run "
                                 "'careersdesk-admin content build'.")
        # as_uri() escapes spaces, '#' and '?' in folder names, which a bare f"file:{path}"
        # would not.
        self._connection = sqlite3.connect(
            f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
            check_same_thread=False)
        self._connection.row_factory = sqlite3.Row
        try:
            version = self.meta("schema_version")
        except sqlite3.DatabaseError as error:
            self._connection.close()
            raise LibraryMissing(f"The careers library at {self.path} cannot be read "
                                 f"({error}); rebuild it with 'careersdesk-admin content "
                                 "build'.") from error
        if version != SCHEMA_VERSION:
            self._connection.close()
            raise LibraryMissing(f"The careers library at {self.path} was built by a different "
                                 "version of CareersDesk; rebuild it with 'careersdesk-admin "
                                 "content build'.")
        self._jobs: dict[str, Job] | None = None
        self._search_index: SearchIndex | None = None
        self._quiz: Quiz | None = None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> CareersLibrary:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        row = self._connection.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def count(self) -> int:
        return len(self._all_jobs())

    # -- jobs ---------------------------------------------------------------------------------

    def _all_jobs(self) -> dict[str, Job]:
        if self._jobs is None:
            routes: dict[int, list[Route]] = {}
            for row in self._connection.execute("SELECT * FROM routes ORDER BY job_id, position"):
                routes.setdefault(row["job_id"], []).append(Route(
                    route=row["route"], requirements=row["requirements"], detail=row["detail"],
                    level=row["level"], standards=_strings(row["standards"]),
                    t_levels=_strings(row["t_levels"])))
            index_titles: dict[int, list[str]] = {}
            for job_id, title in self._connection.execute(
                    "SELECT job_id, title FROM alt_titles WHERE source = 'ons' "
                    "ORDER BY job_id, position"):
                index_titles.setdefault(job_id, []).append(title)
            jobs = [self._job_from_row(row, tuple(routes.get(row["id"], ())),
                                       tuple(index_titles.get(row["id"], ())))
                    for row in self._connection.execute("SELECT * FROM jobs")]
            jobs.sort(key=lambda job: (job.title.casefold(), job.slug))
            self._jobs = {job.slug: job for job in jobs}
        return self._jobs

    @staticmethod
    def _job_from_row(row: sqlite3.Row, routes: tuple[Route, ...],
                      index_titles: tuple[str, ...]) -> Job:
        pay = None
        if row["pay_group"] is not None:
            pay = Pay(median=row["pay_median"], p25=row["pay_p25"], p75=row["pay_p75"],
                      year=row["pay_year"], group=row["pay_group"],
                      group_title=row["pay_group_title"] or "",
                      fallback=bool(row["pay_fallback"]))
        hours = None
        if row["hours_fallback"] is not None:
            hours = Hours(median=row["hours_median"], year=row["hours_year"],
                          group=row["soc2020"], fallback=bool(row["hours_fallback"]))
        return Job(
            id=row["id"], slug=row["slug"], title=row["title"],
            alternative_titles=_strings(row["alternative_titles"]), index_titles=index_titles,
            soc2020=row["soc2020"], soc_title=row["soc_title"] or "",
            categories=_strings(row["categories"]), stem=bool(row["stem"]),
            summary=row["summary"], tasks=_strings(row["tasks"]),
            working_environment=row["working_environment"], hours_note=row["hours_note"],
            subjects=_strings(row["subjects"]), skills=_strings(row["skills"]),
            interest_code=row["interest_code"], related=_strings(row["related"]),
            easy_read=row["easy_read"], ncs_title=row["ncs_title"], routes=routes, pay=pay,
            hours=hours,
            scores=InterestProfile.from_letters(
                {letter: row[f"score_{letter.lower()}"] for letter in RIASEC}),
            scores_from=row["scores_from"], min_entry_level=row["min_entry_level"])

    def job(self, slug: str) -> Job | None:
        return self._all_jobs().get(slug)

    def jobs(self) -> list[Job]:
        """Every job, by title."""
        return list(self._all_jobs().values())

    # -- reference lists ----------------------------------------------------------------------

    def categories(self) -> list[Category]:
        """The 25 categories, by name."""
        return [Category(row["slug"], row["name"], row["description"], row["easy_read"])
                for row in self._connection.execute("SELECT * FROM categories ORDER BY name")]

    def subjects(self) -> list[Subject]:
        return [Subject(row["slug"], row["name"]) for row in
                self._connection.execute("SELECT * FROM subjects ORDER BY position")]

    def qualifications(self) -> list[Qualification]:
        return [Qualification(slug=row["slug"], name=row["name"], stage=row["stage"],
                              level=row["level"], summary=row["summary"],
                              easy_read=row["easy_read"], leads_to=_strings(row["leads_to"]))
                for row in self._connection.execute(
                    "SELECT * FROM qualifications ORDER BY position")]

    def quiz(self) -> Quiz:
        if self._quiz is None:
            types = tuple(QuizType(row["letter"], row["name"], row["pupil_name"],
                                   row["description"], row["reason_phrase"])
                          for row in self._connection.execute(
                              "SELECT * FROM quiz_types ORDER BY position"))
            statements: dict[str, list[QuizStatement]] = {"full": [], "short": []}
            for row in self._connection.execute(
                    "SELECT * FROM quiz_statements ORDER BY form, position"):
                statements[row["form"]].append(QuizStatement(row["id"], row["type"], row["text"],
                                                             row["picture"]))
            self._quiz = Quiz(version=self.meta("quiz_version") or "",
                              scale=_strings(self.meta("quiz_scale")),
                              short_scale=_strings(self.meta("quiz_short_scale")), types=types,
                              statements=tuple(statements["full"]),
                              short_statements=tuple(statements["short"]))
        return self._quiz

    def synonyms(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for word, slug in self._connection.execute(
                "SELECT word, slug FROM synonyms ORDER BY word, position"):
            found.setdefault(word, []).append(slug)
        return {word: tuple(slugs) for word, slugs in found.items()}

    # -- search and suggestions ---------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The in-memory search vocabulary, made on the first search and kept."""
        if self._search_index is None:
            entries = [SearchEntry(
                rowid=job.id, slug=job.slug, title=job.title,
                hand_titles=job.alternative_titles, index_titles=job.index_titles,
                categories=job.categories, route_kinds=job.route_kinds,
                min_entry_level=job.min_entry_level, stem=job.stem, pay_median=job.pay_median,
                interest_code=job.interest_code, subjects=job.subjects,
                body_text=" ".join((job.summary, *job.tasks, *job.skills)))
                for job in self._all_jobs().values()]
            self._search_index = SearchIndex(entries, self.synonyms(), self._connection)
        return self._search_index

    def search(self, query: str, filters: SearchFilters = NO_FILTERS,
               limit: int = 20) -> list[SearchResult]:
        """Jobs ranked for what a pupil typed; never raises, whatever the query."""
        return self.search_index().search(query, filters, limit)

    def browse(self, filters: SearchFilters = NO_FILTERS,
               limit: int = 1000) -> list[SearchResult]:
        """Jobs passing the filters, by title."""
        return self.search_index().search("", filters, limit)

    def suggest(self, scores: InterestScores, subjects: Iterable[str] = (),
                routes: Iterable[str] = (), limit: int = 20) -> list[Suggestion]:
        """Jobs ranked by fit to a pupil's interests, each with reasons in words."""
        from careersdesk.content.matching import suggest_jobs

        return suggest_jobs(scores, self, favourite_subjects=subjects, preferred_routes=routes,
                            limit=limit)


_SHARED_LOCK = threading.Lock()
_shared: CareersLibrary | None = None


def shared_library() -> CareersLibrary:
    """The shipped library, opened once per process and kept: building its search index takes
    a moment, so code that looks jobs up now and then (printing a batch of action plans)
    should not pay for it every time. Read-only, so sharing it between threads is safe."""
    global _shared
    with _SHARED_LOCK:
        if _shared is None:
            _shared = CareersLibrary()
        return _shared


def job_profile_html(library: CareersLibrary, job: Job, reasons: Sequence[str] = (),
                     theme_key: str | None = None, year_group: int | None = None) -> str:
    """The job profile page, rendered with the app's templates (escaped, strict), in the
    colours of the reader's theme, with the paths in drawn from the reader's year group."""
    from careersdesk.content.paths import paths_into
    from careersdesk.render import render
    from careersdesk.themes import theme_or_default

    subject_names = {subject.slug: subject.name for subject in library.subjects()}
    related = [(slug, other.title) for slug in job.related
               if (other := library.job(slug)) is not None]
    context: dict[str, Any] = {
        "job": job, "reasons": tuple(reasons), "related": related,
        "theme": theme_or_default(theme_key),
        "subjects": [subject_names.get(slug, slug) for slug in job.subjects],
        "route_names": ROUTE_NAMES,
        "paths": paths_into(job.title, job.routes, year_group)}
    return render("job_profile.html", **context)


def compare_html(library: CareersLibrary, jobs: Sequence[Job],
                 theme_key: str | None = None) -> str:
    """Two or three jobs side by side: pay, hours, ways in, entry requirements, interests,
    skills and subjects, in a table a pupil reads across."""
    from careersdesk.render import render
    from careersdesk.themes import theme_or_default

    subject_names = {subject.slug: subject.name for subject in library.subjects()}
    type_names = {kind.letter: kind.pupil_name for kind in library.quiz().types}
    return render("compare.html", jobs=list(jobs), theme=theme_or_default(theme_key),
                  route_names=ROUTE_NAMES,
                  subjects={job.slug: [subject_names.get(s, s) for s in job.subjects]
                            for job in jobs},
                  interests={job.slug: [type_names.get(letter, letter)
                                        for letter in job.interest_code] for job in jobs})


STAGE_HEADINGS = (("up-to-year-11", "Up to Year 11"), ("after-year-11", "After Year 11"),
                  ("after-year-13", "After Year 13"), ("any-time", "At any time"))


def routes_html(library: CareersLibrary, year_group: int | None = None,
                theme_key: str | None = None) -> str:
    """Every route and qualification explained, grouped by when a pupil can take it, with the
    stage the pupil is at now marked."""
    from careersdesk.render import render
    from careersdesk.themes import theme_or_default

    qualifications = library.qualifications()
    names = {qualification.slug: qualification.name for qualification in qualifications}
    now = None
    if year_group is not None:
        now = "up-to-year-11" if year_group <= 11 else "after-year-11"
    stages = [(key, heading, [q for q in qualifications if q.stage == key])
              for key, heading in STAGE_HEADINGS]
    return render("routes.html", stages=[stage for stage in stages if stage[2]], now=now,
                  names=names, theme=theme_or_default(theme_key))
