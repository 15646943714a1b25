"""`content check`: every rule a careers library source tree must keep, each naming file and field.

Problems stop a build. Notes do not: they point at things a reviewer may want to look at (a hand
interest code that disagrees with the O*NET-derived one, a pupil's word in synonyms.toml that
points at a profile nobody has written yet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from careersdesk.content.readability import EASY_READ_TARGET_AGE, SUMMARY_TARGET_AGE, reading_age
from careersdesk.content.schema import (
    CATEGORIES_FILE,
    QUALIFICATIONS_FILE,
    QUIZ_FILE,
    RIASEC,
    SLUG_PATTERN,
    SOC_PATTERN,
    STANDARD_REFERENCE_PATTERN,
    STANDARDS_FILE,
    SUBJECTS_FILE,
    SYNONYMS_FILE,
    T_LEVELS_FILE,
    ContentProblem,
    ContentTree,
    JobProfile,
    Quiz,
    SocGroup,
    load_content_tree,
    load_soc_facts,
    sentences,
    word_count,
)
from careersdesk.content.search import fold

# The 25 National Careers Service-style categories FORMAT.md lists; exactly these, no more.
CATEGORY_SLUGS = (
    "administration", "animal-care", "beauty-and-wellbeing", "business-and-finance",
    "computing-technology-and-digital", "construction-and-trades", "creative-and-media",
    "delivery-and-storage", "emergency-and-uniform-services", "engineering-and-maintenance",
    "environment-and-land", "government-services", "healthcare", "home-services",
    "hospitality-and-food", "law-and-legal", "managerial", "manufacturing", "retail-and-sales",
    "science-and-research", "social-care", "sports-and-leisure", "teaching-and-education",
    "transport", "travel-and-tourism",
)
STATEMENTS_PER_TYPE = 8
SHORT_STATEMENTS_PER_TYPE = 3
SCALE_LABELS = 5
SHORT_SCALE_LABELS = 3

# (low, high) word counts from FORMAT.md.
SUMMARY_WORDS = (60, 120)
TASK_WORDS = (4, 25)
TASK_COUNT = (5, 8)
WORKING_ENVIRONMENT_WORDS = (15, 80)
HOURS_NOTE_MAX_WORDS = 30
SUBJECT_COUNT = (1, 6)
SKILL_COUNT = (4, 8)
RELATED_COUNT = (3, 6)
CATEGORY_COUNT = (1, 3)
ALTERNATIVE_TITLES_MAX = 10
EASY_READ_WORDS = (40, 80)
EASY_READ_SENTENCE_MAX_WORDS = 15
REQUIREMENTS_WORDS = (5, 60)
DETAIL_MAX_WORDS = 60

# Prose that must be written for one job alone; requirement sentences may repeat.
SHARED_PROSE_MIN_WORDS = 6


@dataclass
class ContentReview:
    """What `content check` found: problems (which stop a build) and notes (which do not)."""

    tree: ContentTree
    groups: dict[str, SocGroup]
    problems: list[ContentProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        quiz = self.tree.quiz
        return {
            "job profiles": len(self.tree.jobs),
            "categories": len(self.tree.categories),
            "subjects": len(self.tree.subjects),
            "qualifications": len(self.tree.qualifications),
            "quiz statements": len(quiz.statements) if quiz else 0,
            "short quiz statements": len(quiz.short_statements) if quiz else 0,
            "T Levels": len(self.tree.t_levels),
            "apprenticeship standards": len(self.tree.standards),
            "pupils' words": len(self.tree.synonyms),
            "SOC groups with facts": len(self.groups),
        }


def check_content(source_dir: Path, facts_path: Path) -> list[ContentProblem]:
    """Every problem in the source tree, in file order; an empty list means it can be built."""
    return review_content(source_dir, facts_path).problems


def review_content(source_dir: Path, facts_path: Path) -> ContentReview:
    tree = load_content_tree(source_dir)
    groups, facts_problems = load_soc_facts(facts_path)
    review = ContentReview(tree, groups, [*tree.problems, *facts_problems])
    _check_reference_files(review)
    for job in tree.jobs.values():
        _check_job(job, review)
    _check_titles_are_unique(review)
    _check_prose_is_not_shared(review)
    _check_summaries_are_specific(review)
    _note_near_duplicate_prose(review)
    _note_hard_reading(review)
    _note_synonyms_without_profiles(review)
    # Stable order, grouped by file, so a rerun after a fix is easy to compare.
    review.problems.sort(key=lambda problem: problem.file)
    return review


# -- job profiles -----------------------------------------------------------------------------

def _outside(value: int, limits: tuple[int, int]) -> bool:
    return not limits[0] <= value <= limits[1]


def _check_job(job: JobProfile, review: ContentReview) -> None:
    tree = review.tree

    def problem(name: str, message: str) -> None:
        review.problems.append(ContentProblem(job.file, name, message))

    def count_between(name: str, items: tuple[str, ...], limits: tuple[int, int],
                      what: str) -> None:
        if _outside(len(items), limits):
            problem(name, f"has {len(items)} {what}; {limits[0]} to {limits[1]} are needed")
        repeated = sorted({item for item in items if items.count(item) > 1})
        for item in repeated:
            problem(name, f"lists '{item}' more than once")

    def words_between(name: str, text: str, limits: tuple[int, int]) -> None:
        count = word_count(text)
        if text and _outside(count, limits):
            problem(name, f"has {count} words; {limits[0]} to {limits[1]} are needed")

    if job.soc2020 and not SOC_PATTERN.fullmatch(job.soc2020):
        problem("soc2020", f"'{job.soc2020}' must be a 4-digit SOC 2020 unit group like \"2240\"")
    elif job.soc2020 and review.groups and job.soc2020 not in review.groups:
        problem("soc2020", f"{job.soc2020} is not a SOC 2020 unit group in the facts file")

    if len(job.alternative_titles) > ALTERNATIVE_TITLES_MAX:
        problem("alternative_titles", f"has {len(job.alternative_titles)}; at most "
                                      f"{ALTERNATIVE_TITLES_MAX} are allowed")
    count_between("categories", job.categories, CATEGORY_COUNT, "categories")
    category_slugs = {category.slug for category in tree.categories}
    for slug in job.categories:
        if slug not in category_slugs:
            problem("categories", f"'{slug}' is not one of the 25 category slugs")

    words_between("summary", job.summary, SUMMARY_WORDS)
    count_between("tasks", job.tasks, TASK_COUNT, "tasks")
    for number, task in enumerate(job.tasks, start=1):
        if _outside(word_count(task), TASK_WORDS):
            problem(f"tasks[{number}]", f"has {word_count(task)} words; {TASK_WORDS[0]} to "
                                        f"{TASK_WORDS[1]} are needed: '{_shorten(task)}'")
    words_between("working_environment", job.working_environment, WORKING_ENVIRONMENT_WORDS)
    if word_count(job.hours_note) > HOURS_NOTE_MAX_WORDS:
        problem("hours_note", f"has {word_count(job.hours_note)} words; at most "
                              f"{HOURS_NOTE_MAX_WORDS} are allowed")

    count_between("subjects", job.subjects, SUBJECT_COUNT, "subjects")
    subject_slugs = {subject.slug for subject in tree.subjects}
    for slug in job.subjects:
        if slug not in subject_slugs:
            problem("subjects", f"'{slug}' is not a subject slug in subjects.toml")
    count_between("skills", job.skills, SKILL_COUNT, "skills")

    code = job.interest_code
    if code and (not re.fullmatch(f"[{RIASEC}]{{1,3}}", code) or len(set(code)) != len(code)):
        problem("interest_code", f"'{code}' must be 1 to 3 different capital letters from "
                                 f"{RIASEC}, strongest first")
    else:
        _note_interest_code_disagreement(job, review)

    count_between("related", job.related, RELATED_COUNT, "related jobs")
    for slug in job.related:
        if slug == job.slug:
            problem("related", "a job cannot be related to itself")
        elif slug not in tree.jobs:
            problem("related", f"there is no profile jobs/{slug}.toml")

    words_between("easy_read", job.easy_read, EASY_READ_WORDS)
    for sentence in sentences(job.easy_read):
        if word_count(sentence) > EASY_READ_SENTENCE_MAX_WORDS:
            problem("easy_read", f"has a sentence of {word_count(sentence)} words; at most "
                                 f"{EASY_READ_SENTENCE_MAX_WORDS} are allowed: "
                                 f"'{_shorten(sentence)}'")

    t_levels = {t_level.name: t_level for t_level in tree.t_levels}
    standards = {standard.reference for standard in tree.standards}
    for number, route in enumerate(job.routes, start=1):
        name = f"routes[{number}]"
        words_between(f"{name}.requirements", route.requirements, REQUIREMENTS_WORDS)
        if word_count(route.detail) > DETAIL_MAX_WORDS:
            problem(f"{name}.detail", f"has {word_count(route.detail)} words; at most "
                                      f"{DETAIL_MAX_WORDS} are allowed")
        for t_level_name in route.t_levels:
            t_level = t_levels.get(t_level_name)
            if t_level is None:
                problem(f"{name}.t_levels", f"'{t_level_name}' is not a T Level name in "
                                            f"{T_LEVELS_FILE} (names must match exactly)")
            elif t_level.withdrawn:
                problem(f"{name}.t_levels", f"'{t_level_name}' has been withdrawn; do not link "
                                            "to it")
        for reference in route.standards:
            if not STANDARD_REFERENCE_PATTERN.fullmatch(reference):
                problem(f"{name}.standards", f"'{reference}' must look like \"ST0116\"")
            elif reference not in standards:
                problem(f"{name}.standards", f"'{reference}' is not in {STANDARDS_FILE}")


def _note_interest_code_disagreement(job: JobProfile, review: ContentReview) -> None:
    group = review.groups.get(job.soc2020)
    if not job.interest_code or group is None or group.interests is None:
        return
    derived_top = group.interests.scores.leading_letters(3)
    if job.interest_code[0] not in derived_top:
        review.notes.append(
            f"{job.file}: interest_code '{job.interest_code}' leads with "
            f"{job.interest_code[0]}, which is not among the top three letters "
            f"({derived_top}) derived from O*NET for SOC {job.soc2020}; worth a second look")


def _shorten(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _title_key(title: str) -> str:
    # Compared as search compares them: "Make-up artist" and "make up artist" are one name.
    return fold(title)


def _check_titles_are_unique(review: ContentReview) -> None:
    """Two profiles with one name would send a pupil's search to two places."""
    jobs = sorted(review.tree.jobs.values(), key=lambda job: job.slug)
    titles: dict[str, JobProfile] = {}
    slugs: dict[str, JobProfile] = {}
    for job in jobs:
        other = slugs.setdefault(job.slug.casefold(), job)
        if other is not job:
            review.problems.append(ContentProblem(job.file, "file name", f"has the same slug as "
                                                                         f"{other.file}"))
        if not job.title:
            continue
        other = titles.setdefault(_title_key(job.title), job)
        if other is not job:
            review.problems.append(ContentProblem(
                job.file, "title", f"'{job.title}' is also the title of {other.file}"))
    for job in jobs:
        for alternative in job.alternative_titles:
            owner = titles.get(_title_key(alternative))
            if owner is not None and owner is not job:
                review.problems.append(ContentProblem(
                    job.file, "alternative_titles", f"'{alternative}' is the title of "
                                                    f"{owner.file}; use it there only"))
    alternatives_seen: dict[str, JobProfile] = {}
    for job in jobs:
        for key in {_title_key(alternative) for alternative in job.alternative_titles}:
            first = alternatives_seen.setdefault(key, job)
            if first is not job and key not in titles:
                # A shared other name is sometimes right ("Support worker"), so only a note.
                review.notes.append(f"{job.file}: alternative title '{key}' is also one of "
                                    f"{first.file}'s; search will offer both")
    for job in jobs:
        seen: set[str] = set()
        for alternative in job.alternative_titles:
            key = _title_key(alternative)
            if key == _title_key(job.title):
                review.problems.append(ContentProblem(
                    job.file, "alternative_titles", f"'{alternative}' repeats the title"))
            elif key in seen:
                review.problems.append(ContentProblem(
                    job.file, "alternative_titles", f"lists '{alternative}' more than once"))
            seen.add(key)


def _prose_sentences(job: JobProfile) -> Iterable[tuple[str, str, str]]:
    """(field, normalised sentence, sentence as written) for prose written for this job."""
    parts = [("summary", job.summary), ("working_environment", job.working_environment),
             ("easy_read", job.easy_read),
             *((f"tasks[{number}]", task) for number, task in enumerate(job.tasks, start=1))]
    for name, text in parts:
        for sentence in sentences(text):
            normalised = " ".join(sentence.casefold().split()).strip(" .!?;:,\"'")
            if word_count(normalised) >= SHARED_PROSE_MIN_WORDS:
                yield name, normalised, sentence


def _check_prose_is_not_shared(review: ContentReview) -> None:
    first_seen: dict[str, tuple[JobProfile, str]] = {}
    for job in sorted(review.tree.jobs.values(), key=lambda job: job.slug):
        for name, normalised, sentence in _prose_sentences(job):
            owner, owner_field = first_seen.setdefault(normalised, (job, name))
            if owner is not job:
                review.problems.append(ContentProblem(
                    job.file, name, f"repeats a sentence from {owner.file} ({owner_field}): "
                                    f"'{_shorten(sentence)}'; write it for this job alone"))


NEAR_DUPLICATE_MIN_WORDS = 8
NEAR_DUPLICATE_SCORE = 88  # rapidfuzz ratio, 0-100: one noun swapped in a long sentence


def _note_near_duplicate_prose(review: ContentReview) -> None:
    """Notes for sentences in two profiles that differ only a little ("Vets work in a surgery
    with a team" / "Dentists work in a surgery with a team"): each profile should read as
    written for its own job. Candidates share word pairs; rapidfuzz scores only those."""
    from rapidfuzz import fuzz

    sentences_seen: list[tuple[JobProfile, str, str]] = []
    by_word_pair: dict[tuple[str, str], list[int]] = {}
    reported: set[tuple[str, str]] = set()
    for job in sorted(review.tree.jobs.values(), key=lambda job: job.slug):
        for name, normalised, sentence in _prose_sentences(job):
            words = normalised.split()
            if len(words) < NEAR_DUPLICATE_MIN_WORDS:
                continue
            pairs = set(zip(words, words[1:], strict=False))
            shared: dict[int, int] = {}
            for pair in pairs:
                for index in by_word_pair.get(pair, ()):
                    shared[index] = shared.get(index, 0) + 1
            for index, count in shared.items():
                other, other_field, other_text = sentences_seen[index]
                if other is job or count < len(pairs) // 2 or other_text == normalised:
                    continue
                key = (job.slug, other.slug)
                if key not in reported and fuzz.ratio(normalised, other_text) >= \
                        NEAR_DUPLICATE_SCORE:
                    reported.add(key)
                    review.notes.append(
                        f"{job.file}: {name} is nearly the same sentence as in {other.file} "
                        f"({other_field}): '{_shorten(sentence)}'; worth writing afresh")
            sentences_seen.append((job, name, normalised))
            for pair in pairs:
                by_word_pair.setdefault(pair, []).append(len(sentences_seen) - 1)


# A summary word counts as specific to a job when few other summaries use it.
SPECIFIC_WORD_MAX_SHARE = 0.01
SPECIFIC_WORD_MIN_PROFILES = 1
SPECIFIC_WORDS_NEEDED = 3


def _word_stems(text: str) -> set[str]:
    # Five letters is a crude stem that joins "electrician", "electrical" and "electricity".
    return {word[:5] for word in re.findall(r"[a-z]+", fold(text)) if len(word) >= 4}


def _check_summaries_are_specific(review: ContentReview) -> None:
    """A summary must say something about this job alone: name it (a word of its title or an
    alternative title) or use words few other summaries use. A generic paragraph ("You would
    work with people and solve problems…") could sit under any title and tells a pupil nothing."""
    jobs = review.tree.jobs.values()
    profiles_using: dict[str, int] = {}
    for job in jobs:
        for stem in _word_stems(job.summary):
            profiles_using[stem] = profiles_using.get(stem, 0) + 1
    rare_limit = max(SPECIFIC_WORD_MIN_PROFILES, int(len(review.tree.jobs) *
                                                     SPECIFIC_WORD_MAX_SHARE))
    for job in jobs:
        if not job.summary:
            continue
        summary_stems = _word_stems(job.summary)
        names = _word_stems(" ".join((job.title, *job.alternative_titles)))
        rare = [stem for stem in summary_stems if profiles_using[stem] <= rare_limit]
        if not summary_stems & names and len(rare) < SPECIFIC_WORDS_NEEDED:
            review.problems.append(ContentProblem(
                job.file, "summary", "says nothing specific to this job: name the job or "
                                     "describe what only this job does"))


def _note_hard_reading(review: ContentReview) -> None:
    """Notes for text above the reading-age aims (summaries 12, easy read 9); `content report`
    gives the figures across the library."""
    for job in sorted(review.tree.jobs.values(), key=lambda job: job.slug):
        for name, text, aim in (("summary", job.summary, SUMMARY_TARGET_AGE),
                                ("easy_read", job.easy_read, EASY_READ_TARGET_AGE)):
            age = reading_age(text) if text else 0.0
            if age > aim:
                review.notes.append(
                    f"{job.file}: {name} needs a reading age of {age:.1f} (aim: {aim} or "
                    "below); use shorter sentences and everyday words")


# -- reference files --------------------------------------------------------------------------

def _repeated(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def _check_reference_files(review: ContentReview) -> None:
    tree = review.tree
    problems = review.problems

    slugs = [category.slug for category in tree.categories]
    # When the file could not be read at all, that one problem says enough.
    if not any(p.file == CATEGORIES_FILE and p.field == "file" for p in problems):
        for slug in sorted(set(CATEGORY_SLUGS) - set(slugs)):
            problems.append(ContentProblem(CATEGORIES_FILE, "category",
                                           f"'{slug}' is missing; all 25 categories are needed"))
        for slug in sorted(set(slugs) - set(CATEGORY_SLUGS)):
            problems.append(ContentProblem(CATEGORIES_FILE, f"category[{slug}]",
                                           "is not one of the 25 categories in FORMAT.md"))
    for slug in _repeated(slugs):
        problems.append(ContentProblem(CATEGORIES_FILE, f"category[{slug}]", "is listed twice"))

    for subject in tree.subjects:
        if subject.slug and not SLUG_PATTERN.fullmatch(subject.slug):
            problems.append(ContentProblem(SUBJECTS_FILE, f"subject[{subject.slug}]",
                                           "slug must be lower case letters and hyphens"))
    for slug in _repeated(subject.slug for subject in tree.subjects):
        problems.append(ContentProblem(SUBJECTS_FILE, f"subject[{slug}]", "is listed twice"))

    qualification_slugs = {qualification.slug for qualification in tree.qualifications}
    for qualification in tree.qualifications:
        for target in qualification.leads_to:
            if target not in qualification_slugs:
                problems.append(ContentProblem(
                    QUALIFICATIONS_FILE, f"qualification[{qualification.slug}].leads_to",
                    f"'{target}' is not a qualification slug in {QUALIFICATIONS_FILE}"))
    for slug in _repeated(qualification.slug for qualification in tree.qualifications):
        problems.append(ContentProblem(QUALIFICATIONS_FILE, f"qualification[{slug}]",
                                       "is listed twice"))

    for name in _repeated(t_level.name for t_level in tree.t_levels):
        problems.append(ContentProblem(T_LEVELS_FILE, f"t_level[{name}]", "is listed twice"))
    for reference in _repeated(standard.reference for standard in tree.standards):
        problems.append(ContentProblem(STANDARDS_FILE, f"standard[{reference}]",
                                       "is listed twice"))

    if tree.quiz is not None:
        _check_quiz(tree.quiz, problems)


def _check_quiz(quiz: Quiz, problems: list[ContentProblem]) -> None:
    def problem(name: str, message: str) -> None:
        problems.append(ContentProblem(QUIZ_FILE, name, message))

    letters = [kind.letter for kind in quiz.types]
    if sorted(letters) != sorted(RIASEC):
        problem("quiz.types", f"must be the six types {', '.join(RIASEC)} once each, not "
                              f"{', '.join(letters) or 'none'}")
    if len(quiz.scale) != SCALE_LABELS:
        problem("quiz.scale", f"has {len(quiz.scale)} labels; {SCALE_LABELS} are needed")
    if len(quiz.short_scale) != SHORT_SCALE_LABELS:
        problem("quiz.short_scale", f"has {len(quiz.short_scale)} labels; "
                                    f"{SHORT_SCALE_LABELS} are needed")
    for key, statements, per_type in (
            ("statements", quiz.statements, STATEMENTS_PER_TYPE),
            ("short_statements", quiz.short_statements, SHORT_STATEMENTS_PER_TYPE)):
        for statement in statements:
            if statement.type not in RIASEC or not statement.type:
                problem(f"quiz.{key}[{statement.id}].type",
                        f"'{statement.type}' is not one of {', '.join(RIASEC)}")
        for letter in RIASEC:
            count = sum(1 for statement in statements if statement.type == letter)
            if count != per_type:
                problem(f"quiz.{key}", f"has {count} statements of type {letter}; exactly "
                                       f"{per_type} are needed")
    every_id = [statement.id for statement in (*quiz.statements, *quiz.short_statements)]
    for repeated in _repeated(every_id):
        problem("quiz.statements", f"the id '{repeated}' is used more than once; every "
                                   "statement (short ones too) needs its own id")


def _note_synonyms_without_profiles(review: ContentReview) -> None:
    if not review.tree.jobs:
        return
    for word, targets in sorted(review.tree.synonyms.items()):
        for slug in targets:
            if slug not in review.tree.jobs:
                review.notes.append(f"{SYNONYMS_FILE}: '{word}' points at jobs/{slug}.toml, "
                                    "which does not exist yet")
