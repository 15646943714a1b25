"""The careers library's source files (resources/content, see FORMAT.md) read into dataclasses.

Reading never stops at the first mistake. Every problem is noted with its file and field and
reading carries on, so `careersdesk-admin content check` can list everything an author has to
fix in one go instead of one error per run.

This module only knows the *shape* of each file: required fields, types and unknown fields.
Rules that look across files (does a related slug exist? is a sentence copied from another
profile?) live in check.py.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

RIASEC = "RIASEC"
ROUTE_KINDS = ("university", "college", "t-level", "apprenticeship", "work", "volunteering",
               "direct-application", "supported-internship", "other")
QUALIFICATION_STAGES = ("up-to-year-11", "after-year-11", "after-year-13", "any-time")
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SOC_PATTERN = re.compile(r"[0-9]{4}")
STANDARD_REFERENCE_PATTERN = re.compile(r"ST[0-9]{4}(?:[-_/][0-9]{2})?")  # "ST0006-02" too

JOBS_FOLDER = "jobs"
CATEGORIES_FILE = "categories.toml"
SUBJECTS_FILE = "subjects.toml"
QUALIFICATIONS_FILE = "qualifications.toml"
QUIZ_FILE = "quiz.toml"
T_LEVELS_FILE = "tlevels.toml"
STANDARDS_FILE = "apprenticeship_standards.toml"
SYNONYMS_FILE = "synonyms.toml"
FACTS_FILE = "facts/soc_facts.json"


# -- problems ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContentProblem:
    """One thing an author must fix: which file, which field, and what is wrong, in words."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class FieldsByKey:
    """Lets a record also be read as ``record["name"]`` and ``record.get("name")``.

    The first pages of the app were written against plain dictionaries from the quiz and
    category files; this keeps them working. New code should use attributes.
    """

    def __getitem__(self, key: str) -> Any:
        if key not in {f.name for f in fields(self)}:  # type: ignore[arg-type]
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


# -- source records ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    """One way into a job. The field names are the ones in the TOML file."""

    route: str  # one of ROUTE_KINDS
    requirements: str
    detail: str = ""
    level: int | None = None
    standards: tuple[str, ...] = ()
    t_levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class JobProfile:
    """One jobs/<slug>.toml file as written by the content team."""

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

    @property
    def file(self) -> str:
        return f"{JOBS_FOLDER}/{self.slug}.toml"

    @property
    def min_entry_level(self) -> int:
        """The lowest qualification level you can start at; 0 when a route needs no level
        (starting work, volunteering, applying directly)."""
        return min((route.level or 0 for route in self.routes), default=0)


@dataclass(frozen=True)
class Category(FieldsByKey):
    slug: str
    name: str
    description: str
    easy_read: str


@dataclass(frozen=True)
class Subject(FieldsByKey):
    slug: str
    name: str


@dataclass(frozen=True)
class Qualification(FieldsByKey):
    slug: str
    name: str
    stage: str  # one of QUALIFICATION_STAGES
    level: int
    summary: str
    easy_read: str
    leads_to: tuple[str, ...]


@dataclass(frozen=True)
class QuizType(FieldsByKey):
    letter: str
    name: str  # "Realistic"
    pupil_name: str  # "Doer"
    description: str
    reason_phrase: str  # "practical, hands-on work", used in "You like …"


@dataclass(frozen=True)
class QuizStatement(FieldsByKey):
    id: str
    type: str  # a RIASEC letter
    text: str
    picture: str = ""  # short statements only


@dataclass(frozen=True)
class Quiz(FieldsByKey):
    version: str
    scale: tuple[str, ...]  # five answer labels, 1 to 5
    short_scale: tuple[str, ...]  # three answer labels, 1 to 3
    types: tuple[QuizType, ...]
    statements: tuple[QuizStatement, ...]
    short_statements: tuple[QuizStatement, ...]

    def type_for(self, letter: str) -> QuizType | None:
        return next((kind for kind in self.types if kind.letter == letter), None)


@dataclass(frozen=True)
class TLevel:
    name: str
    route: str
    withdrawn: bool


@dataclass(frozen=True)
class ApprenticeshipStandard:
    reference: str  # "ST0116"
    name: str
    level: int
    route: str


# -- facts derived from public data (facts/soc_facts.json) -------------------------------------

@dataclass(frozen=True)
class Pay:
    """Full-time annual pay for a SOC group from ONS ASHE; any figure may be missing."""

    median: int | None
    p25: int | None
    p75: int | None
    year: int | None
    group: str  # the SOC group the figures are for: a broader one when `fallback`
    group_title: str
    fallback: bool


@dataclass(frozen=True)
class Hours:
    median: float | None
    year: int | None
    group: str
    fallback: bool


CODE_LETTER_SCORES = (7.0, 5.5, 4.0)
CODE_OTHER_SCORE = 1.5


@dataclass(frozen=True)
class InterestProfile:
    """Six RIASEC interest scores, on whatever scale the caller says (O*NET uses 1 to 7)."""

    realistic: float
    investigative: float
    artistic: float
    social: float
    enterprising: float
    conventional: float

    @classmethod
    def from_letters(cls, scores: Mapping[str, float]) -> InterestProfile:
        return cls(*(float(scores[letter]) for letter in RIASEC))

    @classmethod
    def from_code(cls, code: str) -> InterestProfile:
        """Scores made from a hand code such as "IRS", on O*NET's 1-7 scale: the strongest
        letter 7, then 5.5, then 4, and 1.5 for the letters the code leaves out."""
        made = dict.fromkeys(RIASEC, CODE_OTHER_SCORE)
        for letter, score in zip(code, CODE_LETTER_SCORES, strict=False):
            if letter in made:
                made[letter] = score
        return cls.from_letters(made)

    def as_letters(self) -> dict[str, float]:
        return dict(zip(RIASEC, self.values(), strict=True))

    def values(self) -> tuple[float, ...]:
        return (self.realistic, self.investigative, self.artistic, self.social,
                self.enterprising, self.conventional)

    def leading_letters(self, count: int = 3) -> str:
        """The strongest letters first; ties keep R I A S E C order so the answer is stable."""
        ranked = sorted(zip(RIASEC, self.values(), strict=True),
                        key=lambda pair: (-pair[1], RIASEC.index(pair[0])))
        return "".join(letter for letter, _ in ranked[:count])


@dataclass(frozen=True)
class DerivedInterests:
    """Interest scores that the facts pipeline derived from O*NET through the SOC group."""

    scores: InterestProfile
    code: str


@dataclass(frozen=True)
class SocGroup:
    code: str
    title: str
    pay: Pay | None
    hours: Hours | None
    interests: DerivedInterests | None
    coding_index_titles: tuple[str, ...]


# -- the whole tree ---------------------------------------------------------------------------

@dataclass
class ContentTree:
    """Everything read from a source folder, plus the problems met while reading it."""

    jobs: dict[str, JobProfile] = field(default_factory=dict)
    categories: tuple[Category, ...] = ()
    subjects: tuple[Subject, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    quiz: Quiz | None = None
    t_levels: tuple[TLevel, ...] = ()
    standards: tuple[ApprenticeshipStandard, ...] = ()
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)


def word_count(text: str) -> int:
    return len(text.split())


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """Text cut into sentences (at . ! or ? followed by space or a new line)."""
    return [part.strip() for part in SENTENCE_END.split(text.strip()) if part.strip()]


class _TableReader:
    """Pulls typed values out of one TOML table, noting every problem instead of stopping."""

    def __init__(self, table: Mapping[str, Any], file: str, prefix: str,
                 problems: list[ContentProblem]) -> None:
        self.table = table
        self.file = file
        self.prefix = prefix  # "routes[2]." so problems name the exact table
        self.problems = problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append(ContentProblem(self.file, self.prefix + name, message))

    def unknown_fields(self, allowed: Iterable[str], what: str) -> None:
        for name in sorted(set(self.table) - set(allowed)):
            self.problem(name, f"is not a field of {what} (see FORMAT.md)")

    def text(self, name: str, required: bool = True) -> str:
        value = self.table.get(name)
        if value is None:
            if required:
                self.problem(name, "is missing")
            return ""
        if not isinstance(value, str):
            self.problem(name, f"must be text in quotes, not {_kind(value)}")
            return ""
        return value.strip()

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self.table.get(name)
        if value is None:
            if required:
                self.problem(name, "is missing (write [] for none)")
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(name, "must be a list of text, like [\"one\", \"two\"]")
            return ()
        return tuple(item.strip() for item in value)

    def boolean(self, name: str) -> bool:
        value = self.table.get(name)
        if value is None:
            self.problem(name, "is missing")
            return False
        if not isinstance(value, bool):
            self.problem(name, f"must be true or false, not {_kind(value)}")
            return False
        return value

    def whole_number(self, name: str, required: bool = True, lowest: int = 0,
                     highest: int = 8) -> int | None:
        value = self.table.get(name)
        if value is None:
            if required:
                self.problem(name, "is missing")
            return None
        # TOML true is a Python int too; a level of `true` is a mistake, not a 1.
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"must be a whole number, not {_kind(value)}")
            return None
        if not lowest <= value <= highest:
            self.problem(name, f"must be from {lowest} to {highest}, not {value}")
            return None
        return value

    def tables(self, name: str) -> list[Mapping[str, Any]]:
        value = self.table.get(name)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(name, f"must be written as [[{name}]] tables")
            return []
        return value


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def read_toml(path: Path, file: str, problems: list[ContentProblem]) -> dict[str, Any] | None:
    """The parsed file, or None with a problem saying why it could not be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(ContentProblem(file, "file", "is missing"))
    except UnicodeDecodeError:
        problems.append(ContentProblem(file, "file", "is not saved as UTF-8 text"))
    except OSError as error:
        problems.append(ContentProblem(file, "file", f"cannot be read: {error.strerror}"))
    except tomllib.TOMLDecodeError as error:
        problems.append(ContentProblem(file, "file", f"is not valid TOML: {error}"))
    return None


JOB_FIELDS = ("title", "alternative_titles", "soc2020", "categories", "stem", "summary", "tasks",
              "working_environment", "hours_note", "subjects", "skills", "interest_code",
              "related", "easy_read", "source", "routes")
ROUTE_FIELDS = ("route", "requirements", "detail", "level", "standards", "t_levels")
SOURCE_FIELDS = ("ncs_title",)


def read_job_profile(path: Path, problems: list[ContentProblem]) -> JobProfile | None:
    slug = path.stem
    file = f"{JOBS_FOLDER}/{path.name}"
    data = read_toml(path, file, problems)
    if data is None:
        return None
    reader = _TableReader(data, file, "", problems)
    reader.unknown_fields(JOB_FIELDS, "a job profile")
    if not SLUG_PATTERN.fullmatch(slug):
        reader.problem("file name", "must be lower case letters, digits and single hyphens, "
                                    "made from the title (like computer-games-developer.toml)")
    source = data.get("source")
    ncs_title = ""
    if source is None:
        reader.problem("source", "the [source] section is missing (ncs_title = \"\" if none)")
    elif not isinstance(source, dict):
        reader.problem("source", "must be a [source] table")
    else:
        source_reader = _TableReader(source, file, "source.", problems)
        source_reader.unknown_fields(SOURCE_FIELDS, "[source]")
        ncs_title = source_reader.text("ncs_title")
    routes = []
    raw_routes = reader.tables("routes")
    if not raw_routes and "routes" not in data:
        reader.problem("routes", "the [[routes]] section is missing: every job needs at least "
                                 "one way in")
    for number, raw in enumerate(raw_routes, start=1):
        route_reader = _TableReader(raw, file, f"routes[{number}].", problems)
        route_reader.unknown_fields(ROUTE_FIELDS, "a route")
        kind = route_reader.text("route")
        if kind and kind not in ROUTE_KINDS:
            route_reader.problem("route", f"'{kind}' is not one of {', '.join(ROUTE_KINDS)}")
        level = route_reader.whole_number("level", required=False, lowest=1, highest=8)
        if kind == "apprenticeship" and "level" not in raw:
            route_reader.problem("level", "is missing: an apprenticeship route needs its level")
        routes.append(Route(route=kind, requirements=route_reader.text("requirements"),
                            detail=route_reader.text("detail", required=False), level=level,
                            standards=route_reader.texts("standards", required=False),
                            t_levels=route_reader.texts("t_levels", required=False)))
    return JobProfile(
        slug=slug, title=reader.text("title"),
        alternative_titles=reader.texts("alternative_titles"), soc2020=reader.text("soc2020"),
        categories=reader.texts("categories"), stem=reader.boolean("stem"),
        summary=reader.text("summary"), tasks=reader.texts("tasks"),
        working_environment=reader.text("working_environment"),
        hours_note=reader.text("hours_note", required=False), subjects=reader.texts("subjects"),
        skills=reader.texts("skills"), interest_code=reader.text("interest_code"),
        related=reader.texts("related"), easy_read=reader.text("easy_read"),
        ncs_title=ncs_title, routes=tuple(routes))


def _records(data: Mapping[str, Any] | None, key: str, file: str,
             problems: list[ContentProblem]) -> list[tuple[_TableReader, Mapping[str, Any]]]:
    """The [[key]] tables of a reference file, each with a reader naming it by slug."""
    if data is None:
        return []
    top = _TableReader(data, file, "", problems)
    top.unknown_fields((key,), file)
    found = []
    for number, table in enumerate(top.tables(key), start=1):
        label = (table.get("slug") or table.get("reference") or table.get("id")
                 or table.get("name") or number)
        found.append((_TableReader(table, file, f"{key}[{label}].", problems), table))
    if key not in data:
        top.problem(key, f"has no [[{key}]] tables")
    return found


def read_categories(root: Path, problems: list[ContentProblem]) -> tuple[Category, ...]:
    found = []
    for reader, _ in _records(read_toml(root / CATEGORIES_FILE, CATEGORIES_FILE, problems),
                              "category", CATEGORIES_FILE, problems):
        reader.unknown_fields(("slug", "name", "description", "easy_read"), "a category")
        found.append(Category(reader.text("slug"), reader.text("name"),
                              reader.text("description"), reader.text("easy_read")))
    return tuple(found)


def read_subjects(root: Path, problems: list[ContentProblem]) -> tuple[Subject, ...]:
    found = []
    for reader, _ in _records(read_toml(root / SUBJECTS_FILE, SUBJECTS_FILE, problems),
                              "subject", SUBJECTS_FILE, problems):
        reader.unknown_fields(("slug", "name"), "a subject")
        found.append(Subject(reader.text("slug"), reader.text("name")))
    return tuple(found)


def read_qualifications(root: Path, problems: list[ContentProblem]) -> tuple[Qualification, ...]:
    found = []
    data = read_toml(root / QUALIFICATIONS_FILE, QUALIFICATIONS_FILE, problems)
    for reader, _ in _records(data, "qualification", QUALIFICATIONS_FILE, problems):
        reader.unknown_fields(("slug", "name", "stage", "level", "summary", "easy_read",
                               "leads_to"), "a qualification")
        stage = reader.text("stage")
        if stage and stage not in QUALIFICATION_STAGES:
            reader.problem("stage", f"'{stage}' is not one of {', '.join(QUALIFICATION_STAGES)}")
        found.append(Qualification(
            slug=reader.text("slug"), name=reader.text("name"), stage=stage,
            level=reader.whole_number("level") or 0, summary=reader.text("summary"),
            easy_read=reader.text("easy_read"), leads_to=reader.texts("leads_to")))
    return tuple(found)


def read_quiz(root: Path, problems: list[ContentProblem]) -> Quiz | None:
    data = read_toml(root / QUIZ_FILE, QUIZ_FILE, problems)
    if data is None:
        return None
    top = _TableReader(data, QUIZ_FILE, "", problems)
    top.unknown_fields(("quiz",), QUIZ_FILE)
    raw = data.get("quiz")
    if not isinstance(raw, dict):
        top.problem("quiz", "the [quiz] section is missing")
        return None
    reader = _TableReader(raw, QUIZ_FILE, "quiz.", problems)
    reader.unknown_fields(("version", "scale", "short_scale", "types", "statements",
                           "short_statements"), "[quiz]")
    types = []
    for number, table in enumerate(reader.tables("types"), start=1):
        type_reader = _TableReader(table, QUIZ_FILE, f"quiz.types[{number}].", problems)
        type_reader.unknown_fields(("letter", "name", "pupil_name", "description",
                                    "reason_phrase"), "a quiz type")
        types.append(QuizType(type_reader.text("letter"), type_reader.text("name"),
                              type_reader.text("pupil_name"), type_reader.text("description"),
                              type_reader.text("reason_phrase")))

    def statements(key: str, with_picture: bool) -> tuple[QuizStatement, ...]:
        found = []
        allowed = ("id", "type", "text", "picture") if with_picture else ("id", "type", "text")
        for number, table in enumerate(reader.tables(key), start=1):
            statement_reader = _TableReader(table, QUIZ_FILE, f"quiz.{key}[{number}].", problems)
            statement_reader.unknown_fields(allowed, "a quiz statement")
            found.append(QuizStatement(
                statement_reader.text("id"), statement_reader.text("type"),
                statement_reader.text("text"),
                statement_reader.text("picture") if with_picture else ""))
        return tuple(found)

    return Quiz(version=reader.text("version"), scale=reader.texts("scale"),
                short_scale=reader.texts("short_scale"), types=tuple(types),
                statements=statements("statements", False),
                short_statements=statements("short_statements", True))


def read_t_levels(root: Path, problems: list[ContentProblem]) -> tuple[TLevel, ...]:
    found = []
    for reader, _ in _records(read_toml(root / T_LEVELS_FILE, T_LEVELS_FILE, problems),
                              "t_level", T_LEVELS_FILE, problems):
        reader.unknown_fields(("name", "route", "withdrawn"), "a T Level")
        found.append(TLevel(reader.text("name"), reader.text("route", required=False),
                            reader.boolean("withdrawn")))
    return tuple(found)


def read_standards(root: Path, problems: list[ContentProblem]) -> tuple[ApprenticeshipStandard, ...]:
    found = []
    for reader, _ in _records(read_toml(root / STANDARDS_FILE, STANDARDS_FILE, problems),
                              "standard", STANDARDS_FILE, problems):
        reader.unknown_fields(("reference", "name", "level", "route"), "a standard")
        found.append(ApprenticeshipStandard(
            reader.text("reference"), reader.text("name"),
            # 0: the list gives no level (some decommissioned standards).
            reader.whole_number("level", lowest=0, highest=8) or 0,
            reader.text("route", required=False)))
    return tuple(found)


def read_synonyms(root: Path, problems: list[ContentProblem]) -> dict[str, tuple[str, ...]]:
    """Pupils' words and the profile slugs they mean. The file is optional: search works
    without it, only less kindly."""
    path = root / SYNONYMS_FILE
    if not path.exists():
        return {}
    data = read_toml(path, SYNONYMS_FILE, problems)
    if data is None:
        return {}
    top = _TableReader(data, SYNONYMS_FILE, "", problems)
    top.unknown_fields(("synonyms",), SYNONYMS_FILE)
    raw = data.get("synonyms")
    if not isinstance(raw, dict):
        top.problem("synonyms", "the [synonyms] section is missing")
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for word, targets in raw.items():
        listed = [targets] if isinstance(targets, str) else targets
        if not isinstance(listed, list) or not listed or \
                not all(isinstance(t, str) and t for t in listed):
            top.problem(f"synonyms.{word}", "must be a job slug or a list of job slugs")
            continue
        key = " ".join(word.lower().split())
        if key in found:
            top.problem(f"synonyms.{word}", "is listed twice (words are compared in lower case)")
        found[key] = tuple(listed)
    return found


REFERENCE_FILES = (CATEGORIES_FILE, SUBJECTS_FILE, QUALIFICATIONS_FILE, QUIZ_FILE, T_LEVELS_FILE,
                   STANDARDS_FILE, SYNONYMS_FILE)


def source_files(source_dir: Path) -> list[Path]:
    """The files a build reads (not drafts, notes or anything else in the folder)."""
    jobs = sorted((source_dir / JOBS_FOLDER).glob("*.toml"))
    return jobs + [source_dir / name for name in REFERENCE_FILES if (source_dir / name).is_file()]


def load_content_tree(source_dir: Path) -> ContentTree:
    """Read every source file under `source_dir`, collecting problems instead of raising."""
    tree = ContentTree()
    problems = tree.problems
    jobs_folder = source_dir / JOBS_FOLDER
    if not jobs_folder.is_dir():
        problems.append(ContentProblem(JOBS_FOLDER, "folder", "is missing"))
    else:
        for path in sorted(jobs_folder.glob("*.toml")):
            job = read_job_profile(path, problems)
            if job is not None:
                tree.jobs[job.slug] = job
    tree.categories = read_categories(source_dir, problems)
    tree.subjects = read_subjects(source_dir, problems)
    tree.qualifications = read_qualifications(source_dir, problems)
    tree.quiz = read_quiz(source_dir, problems)
    tree.t_levels = read_t_levels(source_dir, problems)
    tree.standards = read_standards(source_dir, problems)
    tree.synonyms = read_synonyms(source_dir, problems)
    return tree


# -- facts ------------------------------------------------------------------------------------

def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _whole(value: object) -> int | None:
    number = _number(value)
    return None if number is None else round(number)


def _soc_group(code: str, raw: Mapping[str, Any]) -> SocGroup:
    pay = raw.get("pay")
    hours = raw.get("hours")
    riasec = raw.get("riasec")
    interests = None
    if isinstance(riasec, dict) and isinstance(riasec.get("scores"), dict):
        scores = riasec["scores"]
        if all(_number(scores.get(letter)) is not None for letter in RIASEC):
            profile = InterestProfile.from_letters(scores)
            code_letters = riasec.get("code")
            interests = DerivedInterests(
                profile, code_letters if isinstance(code_letters, str) and code_letters
                else profile.leading_letters())
    return SocGroup(
        code=code, title=str(raw.get("title") or ""),
        pay=Pay(median=_whole(pay.get("median")), p25=_whole(pay.get("p25")),
                p75=_whole(pay.get("p75")), year=_whole(pay.get("year")),
                group=str(pay.get("group") or code), group_title=str(pay.get("group_title") or ""),
                fallback=bool(pay.get("fallback"))) if isinstance(pay, dict) else None,
        hours=Hours(median=_number(hours.get("median")), year=_whole(hours.get("year")),
                    group=str(hours.get("group") or code), fallback=bool(hours.get("fallback")))
        if isinstance(hours, dict) else None,
        interests=interests,
        coding_index_titles=tuple(t for t in raw.get("coding_index_titles") or ()
                                  if isinstance(t, str)))


def load_soc_facts(facts_path: Path) -> tuple[dict[str, SocGroup], list[ContentProblem]]:
    """SOC 2020 unit groups keyed by their 4-digit code, and any problem reading the file."""
    name = facts_path.name if facts_path.parent.name != "facts" else FACTS_FILE
    try:
        data = json.loads(facts_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [ContentProblem(name, "file", "is missing: run 'careersdesk-admin content "
                                                 "derive-facts' first")]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [ContentProblem(name, "file", f"cannot be read as JSON: {error}")]
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        return {}, [ContentProblem(name, "groups", "is missing")]
    return ({code: _soc_group(code, raw) for code, raw in sorted(groups.items())
             if isinstance(raw, dict)}, [])
