"""The careers library's source files (resources/content, see FORMAT.md) read into dataclasses.

Reading never stops at the first mistake: every problem is collected with its file and field,
so `careersdesk-admin content check` can list them all at once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROUTE_KINDS = ("university", "college", "t-level", "apprenticeship", "work", "volunteering",
               "direct-application", "other")
RIASEC = "RIASEC"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ContentProblem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Route:
    route: str
    requirements: str
    detail: str = ""
    level: int | None = None
    standards: tuple[str, ...] = ()
    t_levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class JobSource:
    slug: str
    title: str
    alternative_titles: tuple[str, ...]
    soc2020: str
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


@dataclass
class ContentSource:
    jobs: dict[str, JobSource] = field(default_factory=dict)
    categories: list[dict[str, Any]] = field(default_factory=list)
    subjects: list[dict[str, Any]] = field(default_factory=list)
    qualifications: list[dict[str, Any]] = field(default_factory=list)
    quiz: dict[str, Any] = field(default_factory=dict)
    tlevels: list[dict[str, Any]] = field(default_factory=list)
    standards: list[dict[str, Any]] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)


def words(text: str) -> int:
    return len(text.split())


def _read_toml(path: Path, problems: list[ContentProblem], root: Path) -> dict[str, Any] | None:
    name = str(path.relative_to(root))
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(ContentProblem(name, "file", f"cannot be read: {exc}"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentProblem(name, "file", f"is not valid TOML: {exc}"))
    return None


class _Reader:
    """Pulls typed values out of one TOML table, noting every problem."""

    def __init__(self, data: dict[str, Any], file: str, problems: list[ContentProblem]) -> None:
        self.data, self.file, self.problems = data, file, problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append(ContentProblem(self.file, name, message))

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem(name, "is missing")
            return default
        if not isinstance(value, str):
            self.problem(name, "must be text")
            return default
        return value.strip()

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem(name, "is missing")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "must be a list of text")
            return ()
        return tuple(v.strip() for v in value)

    def boolean(self, name: str) -> bool:
        value = self.data.get(name)
        if not isinstance(value, bool):
            self.problem(name, "must be true or false" if value is not None else "is missing")
            return False
        return value


JOB_FIELDS = {"title", "alternative_titles", "soc2020", "categories", "stem", "summary", "tasks",
              "working_environment", "hours_note", "subjects", "skills", "interest_code",
              "related", "easy_read", "source", "routes"}
ROUTE_FIELDS = {"route", "requirements", "detail", "level", "standards", "t_levels"}


def read_job(path: Path, root: Path, problems: list[ContentProblem]) -> JobSource | None:
    data = _read_toml(path, problems, root)
    if data is None:
        return None
    file = str(path.relative_to(root))
    read = _Reader(data, file, problems)
    for unknown in sorted(set(data) - JOB_FIELDS):
        read.problem(unknown, "is not a job profile field (see FORMAT.md)")
    if not SLUG.match(path.stem):
        read.problem("file name", "must be lower case letters, digits and hyphens")
    routes = []
    raw_routes = data.get("routes", [])
    if not isinstance(raw_routes, list) or not raw_routes:
        read.problem("routes", "needs at least one [[routes]] table")
        raw_routes = []
    for number, raw in enumerate(raw_routes, start=1):
        if not isinstance(raw, dict):
            read.problem(f"routes[{number}]", "must be a table")
            continue
        route_read = _Reader(raw, file, problems)
        for unknown in sorted(set(raw) - ROUTE_FIELDS):
            route_read.problem(f"routes[{number}].{unknown}", "is not a route field")
        kind = route_read.text("route")
        if kind and kind not in ROUTE_KINDS:
            route_read.problem(f"routes[{number}].route", f"'{kind}' is not one of "
                                                          f"{', '.join(ROUTE_KINDS)}")
        level = raw.get("level")
        if level is not None and (not isinstance(level, int) or not 0 <= level <= 8):
            route_read.problem(f"routes[{number}].level", "must be a whole number from 0 to 8")
            level = None
        if kind == "apprenticeship" and level is None:
            route_read.problem(f"routes[{number}].level", "an apprenticeship needs its level")
        routes.append(Route(route=kind, requirements=route_read.text("requirements"),
                            detail=route_read.text("detail", required=False),
                            level=level, standards=route_read.texts("standards", False),
                            t_levels=route_read.texts("t_levels", False)))
    raw_source = data.get("source")
    source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
    return JobSource(
        slug=path.stem, title=read.text("title"),
        alternative_titles=read.texts("alternative_titles"), soc2020=read.text("soc2020"),
        categories=read.texts("categories"), stem=read.boolean("stem"),
        summary=read.text("summary"), tasks=read.texts("tasks"),
        working_environment=read.text("working_environment"),
        hours_note=read.text("hours_note", required=False), subjects=read.texts("subjects"),
        skills=read.texts("skills"), interest_code=read.text("interest_code"),
        related=read.texts("related"), easy_read=read.text("easy_read"),
        ncs_title=str(source.get("ncs_title", "")), routes=tuple(routes))


def load_source(root: Path) -> ContentSource:
    content = ContentSource()
    problems = content.problems
    for path in sorted((root / "jobs").glob("*.toml")):
        job = read_job(path, root, problems)
        if job is not None:
            content.jobs[job.slug] = job
    for name, key, attribute in (("categories.toml", "category", "categories"),
                                 ("subjects.toml", "subject", "subjects"),
                                 ("qualifications.toml", "qualification", "qualifications"),
                                 ("tlevels.toml", "t_level", "tlevels"),
                                 ("apprenticeship_standards.toml", "standard", "standards")):
        path = root / name
        if not path.exists():
            if name not in ("tlevels.toml", "apprenticeship_standards.toml"):
                problems.append(ContentProblem(name, "file", "is missing"))
            continue
        data = _read_toml(path, problems, root)
        if data is not None:
            setattr(content, attribute, list(data.get(key, [])))
    quiz_path = root / "quiz.toml"
    if quiz_path.exists():
        data = _read_toml(quiz_path, problems, root)
        content.quiz = data.get("quiz", {}) if data else {}
    else:
        problems.append(ContentProblem("quiz.toml", "file", "is missing"))
    synonyms_path = root / "synonyms.toml"
    if synonyms_path.exists():
        data = _read_toml(synonyms_path, problems, root)
        raw = (data or {}).get("synonyms", {})
        content.synonyms = {k.lower(): [v] if isinstance(v, str) else list(v)
                            for k, v in raw.items()}
    return content
