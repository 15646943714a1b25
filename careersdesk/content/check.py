"""`content check`: every rule a careers library source tree must keep, with file and field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careersdesk.content.schema import (
    RIASEC,
    ContentProblem,
    ContentSource,
    JobSource,
    load_source,
    words,
)

CATEGORY_COUNT = 25
SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class CheckResult:
    source: ContentSource
    problems: list[ContentProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _length(job: JobSource, problems: list[ContentProblem]) -> None:
    file = f"jobs/{job.slug}.toml"

    def problem(name: str, message: str) -> None:
        problems.append(ContentProblem(file, name, message))

    if job.summary and not 60 <= words(job.summary) <= 120:
        problem("summary", f"has {words(job.summary)} words; 60 to 120 are needed")
    if not 5 <= len(job.tasks) <= 8:
        problem("tasks", f"has {len(job.tasks)} tasks; 5 to 8 are needed")
    for task in job.tasks:
        if not 4 <= words(task) <= 25:
            problem("tasks", f"'{task[:40]}' should be 4 to 25 words")
    if job.working_environment and not 15 <= words(job.working_environment) <= 80:
        problem("working_environment", "should be 15 to 80 words")
    if job.hours_note and words(job.hours_note) > 30:
        problem("hours_note", "should be at most 30 words")
    if not 1 <= len(job.subjects) <= 6:
        problem("subjects", "needs 1 to 6 subjects")
    if not 4 <= len(job.skills) <= 8:
        problem("skills", f"has {len(job.skills)}; 4 to 8 are needed")
    if not 3 <= len(job.related) <= 6:
        problem("related", f"has {len(job.related)}; 3 to 6 are needed")
    if len(job.alternative_titles) > 10:
        problem("alternative_titles", "has more than 10")
    if job.easy_read:
        if not 40 <= words(job.easy_read) <= 80:
            problem("easy_read", f"has {words(job.easy_read)} words; 40 to 80 are needed")
        for sentence in SENTENCE.split(job.easy_read.strip()):
            if words(sentence) > 15:
                problem("easy_read", f"sentence over 15 words: '{sentence[:50]}…'")
    code = job.interest_code
    if code and (not re.fullmatch(f"[{RIASEC}]{{1,3}}", code) or len(set(code)) != len(code)):
        problem("interest_code", f"'{code}' must be 1 to 3 different letters from {RIASEC}")
    for number, route in enumerate(job.routes, start=1):
        if route.requirements and not 5 <= words(route.requirements) <= 60:
            problem(f"routes[{number}].requirements", "should be 5 to 60 words")
        if route.detail and words(route.detail) > 60:
            problem(f"routes[{number}].detail", "should be at most 60 words")


def _prose_sentences(job: JobSource) -> list[tuple[str, str]]:
    """(field, sentence) for the prose that must be written for this job alone."""
    found = []
    for name, text in (("summary", job.summary), ("working_environment", job.working_environment),
                       ("easy_read", job.easy_read), *(("tasks", t) for t in job.tasks)):
        for sentence in SENTENCE.split(text):
            normal = " ".join(sentence.lower().split())
            if words(normal) >= 6:
                found.append((name, normal))
    return found


def check_source(content: ContentSource, facts: dict[str, Any] | None) -> CheckResult:
    result = CheckResult(content, list(content.problems))
    problems = result.problems
    category_slugs = {c.get("slug") for c in content.categories}
    if len(category_slugs) != CATEGORY_COUNT:
        problems.append(ContentProblem("categories.toml", "category",
                                       f"has {len(category_slugs)} categories; "
                                       f"{CATEGORY_COUNT} are needed"))
    subject_slugs = {s.get("slug") for s in content.subjects}
    qualification_slugs = {q.get("slug") for q in content.qualifications}
    for qualification in content.qualifications:
        for target in qualification.get("leads_to", []):
            if target not in qualification_slugs:
                problems.append(ContentProblem("qualifications.toml",
                                               f"{qualification.get('slug')}.leads_to",
                                               f"'{target}' is not a qualification entry"))
    tlevels = {t.get("name"): bool(t.get("withdrawn")) for t in content.tlevels}
    standards = {s.get("reference") for s in content.standards}
    groups = (facts or {}).get("groups", {})
    titles: dict[str, str] = {}
    for job in content.jobs.values():
        file = f"jobs/{job.slug}.toml"
        for title in (job.title, *job.alternative_titles):
            key = title.casefold()
            owner = titles.get(key)
            if owner is not None and owner != job.slug:
                problems.append(ContentProblem(file, "title", f"'{title}' is also used by "
                                                              f"jobs/{owner}.toml"))
            titles.setdefault(key, job.slug)
    for job in content.jobs.values():
        file = f"jobs/{job.slug}.toml"
        _length(job, problems)
        if groups and job.soc2020 and job.soc2020 not in groups:
            problems.append(ContentProblem(file, "soc2020", f"{job.soc2020} is not a SOC 2020 "
                                                            "unit group"))
        for slug in job.categories:
            if slug not in category_slugs:
                problems.append(ContentProblem(file, "categories", f"unknown category '{slug}'"))
        if not 1 <= len(job.categories) <= 3:
            problems.append(ContentProblem(file, "categories", "needs 1 to 3 categories"))
        for slug in job.subjects:
            if slug not in subject_slugs:
                problems.append(ContentProblem(file, "subjects", f"unknown subject '{slug}'"))
        for slug in job.related:
            if slug not in content.jobs:
                problems.append(ContentProblem(file, "related", f"no job profile '{slug}'"))
            if slug == job.slug:
                problems.append(ContentProblem(file, "related", "a job cannot be related to itself"))
        for number, route in enumerate(job.routes, start=1):
            for name in route.t_levels:
                if tlevels and name not in tlevels:
                    problems.append(ContentProblem(file, f"routes[{number}].t_levels",
                                                   f"'{name}' is not a T Level"))
                elif tlevels.get(name):
                    problems.append(ContentProblem(file, f"routes[{number}].t_levels",
                                                   f"'{name}' has been withdrawn"))
            for reference in route.standards:
                if standards and reference not in standards:
                    problems.append(ContentProblem(file, f"routes[{number}].standards",
                                                   f"'{reference}' is not an apprenticeship "
                                                   "standard"))
        riasec = (groups.get(job.soc2020) or {}).get("riasec")
        if riasec and job.interest_code and job.interest_code[0] not in riasec["code"]:
            result.notes.append(f"jobs/{job.slug}.toml: interest code {job.interest_code} leads "
                                f"with a letter the O*NET data ({riasec['code']}) does not")
    seen: dict[str, str] = {}
    reported: set[tuple[str, str]] = set()
    for job in content.jobs.values():
        for name, sentence in _prose_sentences(job):
            owner = seen.setdefault(sentence, job.slug)
            if owner != job.slug and (owner, job.slug) not in reported:
                reported.add((owner, job.slug))
                problems.append(ContentProblem(f"jobs/{job.slug}.toml", name,
                                               f"repeats a sentence from jobs/{owner}.toml: "
                                               f"'{sentence[:60]}…'"))
    _check_quiz(content, problems)
    return result


def _check_quiz(content: ContentSource, problems: list[ContentProblem]) -> None:
    quiz = content.quiz
    if not quiz:
        return
    for key, per_type in (("statements", 8), ("short_statements", 3)):
        items = quiz.get(key, [])
        ids = [item.get("id") for item in items]
        if len(ids) != len(set(ids)):
            problems.append(ContentProblem("quiz.toml", key, "has repeated ids"))
        for letter in RIASEC:
            count = sum(1 for item in items if item.get("type") == letter)
            if count != per_type:
                problems.append(ContentProblem("quiz.toml", key, f"has {count} statements of "
                                                                 f"type {letter}; {per_type} "
                                                                 "are needed"))
    if [t.get("letter") for t in quiz.get("types", [])] != list(RIASEC):
        problems.append(ContentProblem("quiz.toml", "types", "must list R, I, A, S, E, C in order"))


def load_facts(path: Path | None) -> dict[str, Any] | None:
    if path is None or not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def check_content(source_dir: Path, facts_path: Path | None = None) -> CheckResult:
    return check_source(load_source(source_dir), load_facts(facts_path))
