"""`content build`: the source files become content.db, the read-only library the app ships with.

The build refuses to run while `content check` finds problems, writes to a temporary file in the
same folder and only then moves it into place (so a half-written library never replaces a good
one), and is deterministic: the same sources give the same bytes, which is why no build time is
stored, only a hash of the sources.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from careersdesk.content.check import review_content
from careersdesk.content.library import SCHEMA_VERSION
from careersdesk.content.schema import (
    ContentProblem,
    ContentTree,
    InterestProfile,
    JobProfile,
    SocGroup,
    source_files,
)
from careersdesk.content.search import fold, singular
from careersdesk.errors import CareersDeskError
from careersdesk.resources import resource_path

INDEX_TITLES_PER_JOB = 25

# Words too general to make an ONS coding-index title "the same job": sharing only "manager"
# or "assistant" with a profile's names says nothing.
GENERIC_TITLE_WORDS = frozenset({
    "and", "of", "the", "in", "for", "a", "an", "to", "on", "or", "at", "with", "by", "nec",
    "worker", "assistant", "manager", "officer", "operative", "operator", "technician", "clerk",
    "adviser", "advisor", "consultant", "specialist", "executive", "supervisor", "director",
    "professional", "practitioner", "associate", "apprentice", "trainee", "senior", "junior",
    "chief", "head", "deputy", "principal", "lead", "leader", "general", "other", "staff",
    "member", "team", "person", "hand", "helper", "aide", "attendant", "administrator",
    "controller", "coordinator", "co", "ordinator", "inspector", "agent", "service", "services",
})

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,  -- also the rowid of jobs_fts
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    alternative_titles TEXT NOT NULL,  -- JSON list: the hand-picked ones only
    soc2020 TEXT NOT NULL,
    soc_title TEXT,
    categories TEXT NOT NULL,  -- JSON list, main category first
    stem INTEGER NOT NULL,
    summary TEXT NOT NULL,
    tasks TEXT NOT NULL,  -- JSON list
    working_environment TEXT NOT NULL,
    hours_note TEXT NOT NULL,
    subjects TEXT NOT NULL,  -- JSON list, most useful first
    skills TEXT NOT NULL,  -- JSON list
    interest_code TEXT NOT NULL,  -- chosen by hand
    related TEXT NOT NULL,  -- JSON list of slugs
    easy_read TEXT NOT NULL,
    ncs_title TEXT NOT NULL,
    pay_median INTEGER, pay_p25 INTEGER, pay_p75 INTEGER, pay_year INTEGER,
    pay_group TEXT, pay_group_title TEXT, pay_fallback INTEGER,
    hours_median REAL, hours_year INTEGER, hours_fallback INTEGER,
    score_r REAL NOT NULL, score_i REAL NOT NULL, score_a REAL NOT NULL,
    score_s REAL NOT NULL, score_e REAL NOT NULL, score_c REAL NOT NULL,
    scores_from TEXT NOT NULL CHECK (scores_from IN ('onet', 'interest_code')),
    min_entry_level INTEGER NOT NULL,  -- lowest route level; 0 when a route needs none
    route_kinds TEXT NOT NULL  -- JSON list, sorted
);
CREATE TABLE routes (
    job_id INTEGER NOT NULL REFERENCES jobs (id), position INTEGER NOT NULL,
    route TEXT NOT NULL, requirements TEXT NOT NULL, detail TEXT NOT NULL, level INTEGER,
    standards TEXT NOT NULL, t_levels TEXT NOT NULL,  -- JSON lists
    PRIMARY KEY (job_id, position));
CREATE TABLE job_categories (
    job_id INTEGER NOT NULL REFERENCES jobs (id), category TEXT NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (job_id, category));
CREATE INDEX job_categories_by_category ON job_categories (category);
CREATE TABLE job_subjects (
    job_id INTEGER NOT NULL REFERENCES jobs (id), subject TEXT NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (job_id, subject));
CREATE INDEX job_subjects_by_subject ON job_subjects (subject);
CREATE TABLE related (
    job_id INTEGER NOT NULL REFERENCES jobs (id), related_slug TEXT NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (job_id, related_slug));
CREATE TABLE alt_titles (
    job_id INTEGER NOT NULL REFERENCES jobs (id), position INTEGER NOT NULL,
    title TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('hand', 'ons')),
    PRIMARY KEY (job_id, position));
CREATE TABLE categories (
    slug TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
    easy_read TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE subjects (slug TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE qualifications (
    slug TEXT PRIMARY KEY, name TEXT NOT NULL, stage TEXT NOT NULL, level INTEGER NOT NULL,
    summary TEXT NOT NULL, easy_read TEXT NOT NULL, leads_to TEXT NOT NULL,
    position INTEGER NOT NULL);
CREATE TABLE quiz_types (
    letter TEXT PRIMARY KEY, name TEXT NOT NULL, pupil_name TEXT NOT NULL,
    description TEXT NOT NULL, reason_phrase TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE quiz_statements (
    id TEXT PRIMARY KEY, form TEXT NOT NULL CHECK (form IN ('full', 'short')),
    type TEXT NOT NULL, text TEXT NOT NULL, picture TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE synonyms (
    word TEXT NOT NULL, slug TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (word, position));
CREATE VIRTUAL TABLE jobs_fts USING fts5(
    title, alternative_titles, skills, tasks, summary,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
-- Column weights for ORDER BY rank: a word in the title counts most, in the summary least.
INSERT INTO jobs_fts (jobs_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 3.0, 1.5, 1.0)');
"""


class ContentError(CareersDeskError):
    """The sources have problems, so nothing was built; `problems` lists every one."""

    def __init__(self, problems: Sequence[ContentProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"The careers library has {len(self.problems)} problem(s), so nothing "
                         f"was built:\n{lines}")


@dataclass(frozen=True)
class BuildReport:
    path: Path
    profiles: int
    source_hash: str
    index_titles: int  # ONS coding-index titles added as alternative titles
    notes: tuple[str, ...]


def default_library_path() -> Path:
    return resource_path("content.db")


def source_hash(source_dir: Path, facts_path: Path | None = None) -> str:
    """sha256 over every file the build reads (job profiles, reference files and the facts),
    in order of relative path, names included, so renaming a profile changes the hash too.
    Drafts and notes in the folder do not count."""
    paths = {path.relative_to(source_dir).as_posix(): path for path in source_files(source_dir)}
    if facts_path is not None and facts_path.is_file():
        try:
            name = facts_path.resolve().relative_to(source_dir.resolve()).as_posix()
        except ValueError:  # the facts live outside the source folder
            name = f"<facts>/{facts_path.name}"
        paths[name] = facts_path
    digest = hashlib.sha256()
    for name in sorted(paths):
        content = paths[name].read_bytes()
        digest.update(name.encode("utf-8") + b"\0" + str(len(content)).encode() + b"\0")
        digest.update(content)
    return digest.hexdigest()


def interest_scores(job: JobProfile, group: SocGroup | None) -> tuple[InterestProfile, str]:
    """The job's six scores (O*NET 1-7 scale) and where they came from."""
    if group is not None and group.interests is not None:
        return group.interests.scores, "onet"
    return InterestProfile.from_code(job.interest_code), "interest_code"


def _meaningful_words(title: str) -> set[str]:
    return {singular(word) for word in fold(title).split()
            if len(word) > 2 and word not in GENERIC_TITLE_WORDS}


def _index_title_candidates(job: JobProfile, group: SocGroup | None,
                            taken: set[str]) -> dict[str, tuple[int, str]]:
    """ONS coding-index titles of the job's SOC group that share a meaningful word with the
    profile's own names: folded title -> (words shared, title as written)."""
    if group is None:
        return {}
    own = set().union(*(_meaningful_words(title)
                        for title in (job.title, *job.alternative_titles)))
    candidates: dict[str, tuple[int, str]] = {}
    for title in group.coding_index_titles:
        key = " ".join(title.casefold().split())
        if key in taken or key in candidates:
            continue
        shared = len(own & _meaningful_words(title))
        if shared:
            candidates[key] = (shared, title)
    return candidates


def matching_index_titles(jobs: Iterable[JobProfile],
                          groups: dict[str, SocGroup]) -> dict[str, list[str]]:
    """Alternative titles from the ONS coding index for each profile (by slug).

    A title is offered to the profiles in its SOC group whose names share a meaningful word
    with it, and goes to the one(s) sharing the most: "Games developer" goes to the computer
    games developer, not to every developer in SOC 2134. A title that is already another
    profile's title or hand-picked alternative stays with that profile. At most 25 per job,
    most words shared first.
    """
    jobs = list(jobs)
    taken = {" ".join(name.casefold().split()) for job in jobs
             for name in (job.title, *job.alternative_titles)}
    candidates = {job.slug: _index_title_candidates(job, groups.get(job.soc2020), taken)
                  for job in jobs}
    best_fit: dict[str, int] = {}
    for found in candidates.values():
        for key, (shared, _) in found.items():
            best_fit[key] = max(best_fit.get(key, 0), shared)
    chosen = {}
    for slug, found in candidates.items():
        kept = [(shared, title) for key, (shared, title) in found.items()
                if shared == best_fit[key]]
        kept.sort(key=lambda item: (-item[0], len(item[1]), item[1]))
        chosen[slug] = [title for _, title in kept[:INDEX_TITLES_PER_JOB]]
    return chosen


def build_content(source_dir: Path, facts_path: Path, out_path: Path | None = None) -> BuildReport:
    """Check the sources and, when they have no problems, write content.db atomically.

    Raises ContentError listing every problem, and leaves any existing library untouched.
    """
    out_path = out_path or default_library_path()
    review = review_content(source_dir, facts_path)
    if review.problems:
        raise ContentError(review.problems)
    digest = source_hash(source_dir, facts_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp",
                                              dir=out_path.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            index_titles = _write_library(connection, review.tree, review.groups, digest)
            connection.commit()
            connection.execute("VACUUM")  # compact, and the same bytes from the same sources
        finally:
            connection.close()
        os.chmod(temporary, 0o644)  # every user of a shared machine reads the library
        os.replace(temporary, out_path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return BuildReport(out_path, len(review.tree.jobs), digest, index_titles,
                       tuple(review.notes))


def _json(value: Iterable[str]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _write_library(connection: sqlite3.Connection, tree: ContentTree,
                   groups: dict[str, SocGroup], digest: str) -> int:
    connection.executescript(SCHEMA)
    connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
    quiz = tree.quiz
    connection.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema_version", SCHEMA_VERSION), ("source_hash", digest),
        ("profiles", str(len(tree.jobs))), ("quiz_version", quiz.version if quiz else ""),
        ("quiz_scale", _json(quiz.scale if quiz else ())),
        ("quiz_short_scale", _json(quiz.short_scale if quiz else ()))])
    jobs = sorted(tree.jobs.values(), key=lambda job: job.slug)
    index_titles = matching_index_titles(jobs, groups)
    for job_id, job in enumerate(jobs, start=1):
        _write_job(connection, job_id, job, groups.get(job.soc2020), index_titles[job.slug])
    connection.executemany("INSERT INTO categories VALUES (?, ?, ?, ?, ?)", [
        (c.slug, c.name, c.description, c.easy_read, n) for n, c in enumerate(tree.categories)])
    connection.executemany("INSERT INTO subjects VALUES (?, ?, ?)", [
        (s.slug, s.name, n) for n, s in enumerate(tree.subjects)])
    connection.executemany("INSERT INTO qualifications VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (q.slug, q.name, q.stage, q.level, q.summary, q.easy_read, _json(q.leads_to), n)
        for n, q in enumerate(tree.qualifications)])
    if quiz is not None:
        connection.executemany("INSERT INTO quiz_types VALUES (?, ?, ?, ?, ?, ?)", [
            (t.letter, t.name, t.pupil_name, t.description, t.reason_phrase, n)
            for n, t in enumerate(quiz.types)])
        connection.executemany("INSERT INTO quiz_statements VALUES (?, ?, ?, ?, ?, ?)", [
            (s.id, form, s.type, s.text, s.picture, n)
            for form, statements in (("full", quiz.statements), ("short", quiz.short_statements))
            for n, s in enumerate(statements)])
    connection.executemany("INSERT INTO synonyms VALUES (?, ?, ?)", [
        (word, slug, n) for word, slugs in sorted(tree.synonyms.items())
        for n, slug in enumerate(slugs) if slug in tree.jobs])
    return sum(len(titles) for titles in index_titles.values())


def _write_job(connection: sqlite3.Connection, job_id: int, job: JobProfile,
               group: SocGroup | None, index_titles: list[str]) -> None:
    pay = group.pay if group else None
    hours = group.hours if group else None
    scores, scores_from = interest_scores(job, group)
    row: dict[str, object] = {
        "id": job_id, "slug": job.slug, "title": job.title,
        "alternative_titles": _json(job.alternative_titles), "soc2020": job.soc2020,
        "soc_title": group.title if group else None, "categories": _json(job.categories),
        "stem": int(job.stem), "summary": job.summary, "tasks": _json(job.tasks),
        "working_environment": job.working_environment, "hours_note": job.hours_note,
        "subjects": _json(job.subjects), "skills": _json(job.skills),
        "interest_code": job.interest_code, "related": _json(job.related),
        "easy_read": job.easy_read, "ncs_title": job.ncs_title,
        "pay_median": pay.median if pay else None, "pay_p25": pay.p25 if pay else None,
        "pay_p75": pay.p75 if pay else None, "pay_year": pay.year if pay else None,
        "pay_group": pay.group if pay else None,
        "pay_group_title": pay.group_title if pay else None,
        "pay_fallback": int(pay.fallback) if pay else None,
        "hours_median": hours.median if hours else None,
        "hours_year": hours.year if hours else None,
        "hours_fallback": int(hours.fallback) if hours else None,
        **{f"score_{letter.lower()}": score for letter, score in scores.as_letters().items()},
        "scores_from": scores_from, "min_entry_level": job.min_entry_level,
        "route_kinds": _json(sorted({route.route for route in job.routes})),
    }
    connection.execute(f"INSERT INTO jobs ({', '.join(row)}) "
                       f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
    connection.executemany("INSERT INTO routes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (job_id, n, r.route, r.requirements, r.detail, r.level, _json(r.standards),
         _json(r.t_levels)) for n, r in enumerate(job.routes)])
    connection.executemany("INSERT INTO job_categories VALUES (?, ?, ?)",
                           [(job_id, slug, n) for n, slug in enumerate(job.categories)])
    connection.executemany("INSERT INTO job_subjects VALUES (?, ?, ?)",
                           [(job_id, slug, n) for n, slug in enumerate(job.subjects)])
    connection.executemany("INSERT INTO related VALUES (?, ?, ?)",
                           [(job_id, slug, n) for n, slug in enumerate(job.related)])
    alternatives = [(title, "hand") for title in job.alternative_titles] + \
        [(title, "ons") for title in index_titles]
    connection.executemany("INSERT INTO alt_titles VALUES (?, ?, ?, ?)",
                           [(job_id, n, title, source)
                            for n, (title, source) in enumerate(alternatives)])
    connection.execute(
        "INSERT INTO jobs_fts (rowid, title, alternative_titles, skills, tasks, summary) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [job_id, job.title, " | ".join(title for title, _ in alternatives),
         " | ".join(job.skills), " | ".join(job.tasks), job.summary])
