"""`content build`: the source files become the read-only content.db the app ships with."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careersdesk.content.check import check_source, load_facts
from careersdesk.content.schema import RIASEC, JobSource, load_source
from careersdesk.errors import CareersDeskError

SCHEMA_VERSION = "1"
STOP_WORDS = {"and", "of", "the", "in", "for", "a", "an", "to", "on", "or", "worker", "assistant",
              "manager", "officer", "technician", "operative", "other", "general", "senior",
              "junior", "trainee", "head", "chief", "lead"}


class ContentError(CareersDeskError):
    pass


@dataclass(frozen=True)
class BuildReport:
    path: Path
    profiles: int
    source_hash: str


def source_hash(source_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file() and p.suffix in
                       (".toml", ".json")):
        digest.update(str(path.relative_to(source_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def scores_for(job: JobSource, groups: dict[str, Any]) -> dict[str, float]:
    """The six interest scores (O*NET 1-7 scale): derived from O*NET through the SOC group when
    the facts have them, otherwise made from the hand-reviewed code."""
    riasec = (groups.get(job.soc2020) or {}).get("riasec")
    # The derived profile is used only where the hand review agrees with its leading interest;
    # crosswalked US data can land on the wrong occupations, and the reviewer has the last word.
    if riasec and riasec["code"][0] in job.interest_code[:2]:
        return {letter: float(riasec["scores"][letter]) for letter in RIASEC}
    made = {letter: 1.5 for letter in RIASEC}
    for letter, value in zip(job.interest_code, (7.0, 5.5, 4.0), strict=False):
        made[letter] = value
    return made


def matching_index_titles(job: JobSource, group: dict[str, Any]) -> list[str]:
    """ONS coding-index titles of the job's SOC group that share a meaningful word with it."""
    own = {w for title in (job.title, *job.alternative_titles)
           for w in re.findall(r"[a-z]+", title.lower()) if w not in STOP_WORDS and len(w) > 2}
    chosen = []
    taken = {t.casefold() for t in (job.title, *job.alternative_titles)}
    for title in group.get("coding_index_titles", []):
        if title.casefold() in taken:
            continue
        if own & set(re.findall(r"[a-z]+", title.lower())):
            chosen.append(title)
            taken.add(title.casefold())
        if len(chosen) == 25:
            break
    return chosen


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY, slug TEXT UNIQUE NOT NULL, title TEXT NOT NULL, summary TEXT,
    tasks TEXT, working_environment TEXT, hours_note TEXT, hours_median REAL, soc2020 TEXT,
    soc_title TEXT, categories TEXT, stem INTEGER, subjects TEXT, skills TEXT,
    interest_code TEXT, scores TEXT, related TEXT, easy_read TEXT, pay_median INTEGER,
    pay_p25 INTEGER, pay_p75 INTEGER, pay_year INTEGER, pay_group TEXT, pay_group_title TEXT,
    pay_fallback INTEGER, min_entry_level INTEGER, route_kinds TEXT, ncs_title TEXT);
CREATE TABLE alt_titles (job_id INTEGER, title TEXT, hand INTEGER);
CREATE TABLE routes (job_id INTEGER, position INTEGER, route TEXT, requirements TEXT,
    detail TEXT, level INTEGER, standards TEXT, t_levels TEXT);
CREATE TABLE job_categories (job_id INTEGER, category TEXT);
CREATE TABLE job_subjects (job_id INTEGER, subject TEXT);
CREATE TABLE categories (slug TEXT PRIMARY KEY, name TEXT, description TEXT, easy_read TEXT);
CREATE TABLE subjects (slug TEXT PRIMARY KEY, name TEXT);
CREATE TABLE qualifications (slug TEXT PRIMARY KEY, name TEXT, stage TEXT, level INTEGER,
    summary TEXT, easy_read TEXT, leads_to TEXT);
CREATE TABLE quiz (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE synonyms (word TEXT, target TEXT);
CREATE VIRTUAL TABLE jobs_fts USING fts5(title, alt_titles, summary, skills,
    tokenize = 'porter unicode61 remove_diacritics 2');
CREATE INDEX alt_titles_job ON alt_titles (job_id);
CREATE INDEX routes_job ON routes (job_id);
"""


def build_content(source_dir: Path, facts_path: Path | None, out_path: Path) -> BuildReport:
    content = load_source(source_dir)
    facts = load_facts(facts_path)
    result = check_source(content, facts)
    if result.problems:
        listed = "\n".join(str(p) for p in result.problems[:50])
        more = len(result.problems) - 50
        raise ContentError(f"The careers library has {len(result.problems)} problem(s); "
                           f"nothing was built:\n{listed}"
                           + (f"\n… and {more} more" if more > 0 else ""))
    groups = (facts or {}).get("groups", {})
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".content-", suffix=".db", dir=out_path.parent)
    os.close(handle)
    digest = source_hash(source_dir)
    try:
        conn = sqlite3.connect(temporary)
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO meta VALUES (?, ?)",
                         [("schema_version", SCHEMA_VERSION), ("source_hash", digest),
                          ("profiles", str(len(content.jobs)))])
        for job_id, job in enumerate(sorted(content.jobs.values(), key=lambda j: j.slug), 1):
            _insert_job(conn, job_id, job, groups.get(job.soc2020) or {})
        conn.executemany("INSERT INTO categories VALUES (?, ?, ?, ?)",
                         [(c["slug"], c.get("name", ""), c.get("description", ""),
                           c.get("easy_read", "")) for c in content.categories])
        conn.executemany("INSERT INTO subjects VALUES (?, ?)",
                         [(s["slug"], s.get("name", "")) for s in content.subjects])
        conn.executemany("INSERT INTO qualifications VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(q["slug"], q.get("name", ""), q.get("stage", ""), q.get("level", 0),
                           q.get("summary", ""), q.get("easy_read", ""),
                           json.dumps(q.get("leads_to", []))) for q in content.qualifications])
        conn.execute("INSERT INTO quiz VALUES ('quiz', ?)",
                     [json.dumps(content.quiz, ensure_ascii=False, sort_keys=True)])
        conn.executemany("INSERT INTO synonyms VALUES (?, ?)",
                         [(word, target) for word, targets in sorted(content.synonyms.items())
                          for target in targets])
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.chmod(temporary, 0o644)  # every user of the machine reads the library
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return BuildReport(out_path, len(content.jobs), digest)


def _insert_job(conn: sqlite3.Connection, job_id: int, job: JobSource,
                group: dict[str, Any]) -> None:
    pay = group.get("pay") or {}
    hours = group.get("hours") or {}
    levels = [route.level or 0 for route in job.routes]
    conn.execute(
        "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?)",
        [job_id, job.slug, job.title, job.summary, json.dumps(job.tasks), job.working_environment,
         job.hours_note, hours.get("median"), job.soc2020, group.get("title"),
         json.dumps(job.categories), int(job.stem), json.dumps(job.subjects),
         json.dumps(job.skills), job.interest_code, json.dumps(scores_for(job, {job.soc2020: group}
                                                                           if group else {})),
         json.dumps(job.related), job.easy_read, pay.get("median"), pay.get("p25"),
         pay.get("p75"), pay.get("year"), pay.get("group"), pay.get("group_title"),
         int(bool(pay.get("fallback"))), min(levels) if levels else None,
         json.dumps(sorted({r.route for r in job.routes})), job.ncs_title])
    index_titles = matching_index_titles(job, group)
    conn.executemany("INSERT INTO alt_titles VALUES (?, ?, ?)",
                     [(job_id, t, 1) for t in job.alternative_titles]
                     + [(job_id, t, 0) for t in index_titles])
    conn.executemany("INSERT INTO routes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(job_id, n, r.route, r.requirements, r.detail, r.level,
                       json.dumps(r.standards), json.dumps(r.t_levels))
                      for n, r in enumerate(job.routes)])
    conn.executemany("INSERT INTO job_categories VALUES (?, ?)",
                     [(job_id, c) for c in job.categories])
    conn.executemany("INSERT INTO job_subjects VALUES (?, ?)",
                     [(job_id, s) for s in job.subjects])
    conn.execute("INSERT INTO jobs_fts (rowid, title, alt_titles, summary, skills) "
                 "VALUES (?, ?, ?, ?, ?)",
                 [job_id, job.title, " | ".join([*job.alternative_titles, *index_titles]),
                  job.summary, " | ".join(job.skills)])
