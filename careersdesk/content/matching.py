"""The interests quiz: answers become six RIASEC scores, and every job is ranked against them
with reasons a pupil can read.

Scoring
    Each statement is answered on the 5-point scale (1 = "I really dislike this" .. 5 = "I really
    like this"), or 1..3 on the short form. A type's score is the mean of its answers rescaled to
    0-100. Unanswered statements are ignored, so a pupil who stops half way still gets a result;
    `complete` says whether every statement was answered, and a type with no answers at all
    scores a neutral 50 (listed in `unanswered_types`) so it neither attracts nor repels jobs.
    No answers at all, answers from both forms, unknown ids or values off the scale are mistakes
    in the caller and raise ValueError.

Fit
    Shape, not level: a pupil who likes everything and one who likes little can both have a
    clear "most Social, then Artistic" pattern. Fit blends
    * the cosine between the pupil's and the job's centred six scores (O*NET's profile for the
      job's SOC group, or one made from the hand code when the two disagree about the job's
      leading interest), and
    * how strongly the pupil likes the letters of the job's hand-chosen code, weighted by their
      order (the first letter counts most),
    then adds a little for favourite subjects the job uses and for a preferred way in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from careersdesk.content.library import CareersLibrary, Job
from careersdesk.content.priorities import PRIORITIES_BY_KEY
from careersdesk.content.schema import RIASEC, InterestProfile, Quiz, QuizStatement, QuizType

NEUTRAL_SCORE = 50.0
SHAPE_WEIGHT = 0.5  # the rest is the agreement with the job's hand code
CODE_POSITION_WEIGHTS = (0.6, 0.25, 0.15)
SUBJECT_BONUS = 4.0  # per favourite subject the job uses, for up to two
SUBJECT_BONUS_LIMIT = 2
ROUTE_BONUS = 6.0
PRIORITY_BONUS = 3.0  # per thing that matters to the pupil the job offers, for up to two
PRIORITY_BONUS_LIMIT = 2
STRONG_INTEREST = 0.6  # of the way from the pupil's lowest score to their highest

ROUTE_REASONS = {
    "apprenticeship": "with an apprenticeship",
    "university": "with a university degree",
    "college": "with a college course",
    "t-level": "with a T Level",
    "work": "by getting a job and training at work",
    "volunteering": "by volunteering first",
    "direct-application": "by applying directly",
    "supported-internship": "through a supported internship",
    "other": "in other ways",
}
# Subject names that keep their capital letter in the middle of a sentence.
PROPER_SUBJECT_NAMES = frozenset({"English"})


@dataclass(frozen=True)
class InterestScores:
    scores: dict[str, float]  # letter -> 0..100
    answered: dict[str, int]  # letter -> statements answered
    complete: bool  # every statement of the form was answered
    form: str  # "full" (5-point scale) or "short" (3-point scale)

    @property
    def profile(self) -> InterestProfile:
        return InterestProfile.from_letters(self.scores)

    @property
    def top_letters(self) -> str:
        """The pupil's three strongest types, strongest first."""
        return self.profile.leading_letters(3)

    @property
    def unanswered_types(self) -> str:
        return "".join(letter for letter in RIASEC if not self.answered[letter])


@dataclass(frozen=True)
class Suggestion:
    job: Job
    fit: float  # 0..100
    reasons: tuple[str, ...]


def score_answers(answers: Mapping[str, int], quiz: Quiz) -> InterestScores:
    """Six scores from 0 to 100 for a pupil's answers to either form of the quiz."""
    full = {statement.id: statement for statement in quiz.statements}
    short = {statement.id: statement for statement in quiz.short_statements}
    if not answers:
        raise ValueError("No answers to score: answer at least one statement.")
    unknown = sorted(str(key) for key in answers if key not in full and key not in short)
    if unknown:
        raise ValueError(f"These answers are not statements of quiz {quiz.version}: "
                         f"{', '.join(unknown[:5])}.")
    in_full = any(key in full for key in answers)
    if in_full and any(key in short for key in answers):
        raise ValueError("The answers mix the full quiz and the short quiz; score them apart.")
    statements: dict[str, QuizStatement] = full if in_full else short
    highest = 5 if in_full else 3
    totals = dict.fromkeys(RIASEC, 0.0)
    counts = dict.fromkeys(RIASEC, 0)
    for statement_id, value in answers.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= highest:
            raise ValueError(f"The answer to {statement_id} must be a whole number from 1 to "
                             f"{highest}, not {value!r}.")
        letter = statements[statement_id].type
        totals[letter] += (value - 1) / (highest - 1)
        counts[letter] += 1
    scores = {letter: round(100 * totals[letter] / counts[letter], 1) if counts[letter]
              else NEUTRAL_SCORE for letter in RIASEC}
    return InterestScores(scores, counts, complete=len(answers) == len(statements),
                          form="full" if in_full else "short")


def _centred(values: Iterable[float]) -> list[float]:
    items = list(values)
    mean = sum(items) / len(items)
    return [value - mean for value in items]


def _direction(values: Iterable[float]) -> tuple[float, ...] | None:
    """The centred profile scaled to length 1, or None when it is flat (no shape at all)."""
    centred = _centred(values)
    norm = math.sqrt(sum(x * x for x in centred))
    return None if norm == 0 else tuple(x / norm for x in centred)


def _relative(scores: Mapping[str, float]) -> dict[str, float]:
    """Each score as a share of the way from the pupil's lowest to highest, 0 to 1."""
    low, high = min(scores.values()), max(scores.values())
    if high == low:
        return dict.fromkeys(RIASEC, 0.5)
    return {letter: (scores[letter] - low) / (high - low) for letter in RIASEC}


def shape_similarity(pupil: InterestProfile, job: InterestProfile) -> float:
    """Cosine of the two centred profiles, -1 to 1; 0 when either is flat."""
    return _cosine(_direction(pupil.values()), _direction(job.values()))


def _cosine(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> float:
    if a is None or b is None:
        return 0.0
    return sum(x * y for x, y in zip(a, b, strict=True))


def code_agreement(relative: Mapping[str, float], code: str) -> float:
    """How much the pupil likes the job's code letters, first letter counting most, 0 to 1."""
    weights = CODE_POSITION_WEIGHTS[:len(code)]
    if not weights:
        return 0.0
    return sum(weight * relative.get(letter, 0.0)
               for weight, letter in zip(weights, code, strict=False)) / sum(weights)


@lru_cache(maxsize=4096)
def _profile_for_matching(code: str, scores: InterestProfile) -> InterestProfile:
    """The job's O*NET profile, unless it disagrees with the hand code about the leading
    interest (the case `content check` notes): crosswalked US data can land on the wrong
    occupations, and the person who chose the code has the last word."""
    if code and code[0] not in scores.leading_letters(3):
        return InterestProfile.from_code(code)
    return scores


@lru_cache(maxsize=4096)
def _job_direction(code: str, scores: InterestProfile) -> tuple[float, ...] | None:
    """A job's shape for matching. The same for every pupil, so worked out once per job
    rather than once per job for every quiz result."""
    return _direction(_profile_for_matching(code, scores).values())


def interest_fit(scores: InterestScores, job: Job) -> float:
    """Fit on interests alone, 0 to 100."""
    return _interest_fit(_direction(scores.profile.values()), _relative(scores.scores), job)


def _interest_fit(pupil: tuple[float, ...] | None, relative: Mapping[str, float],
                  job: Job) -> float:
    shape = (_cosine(pupil, _job_direction(job.interest_code, job.scores)) + 1) / 2
    agreement = code_agreement(relative, job.interest_code)
    return 100 * (SHAPE_WEIGHT * shape + (1 - SHAPE_WEIGHT) * agreement)


def _join(parts: list[str], joiner: str = " and ") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + joiner + parts[-1]


def suggest_jobs(scores: InterestScores, library: CareersLibrary,
                 favourite_subjects: Iterable[str] = (), preferred_routes: Iterable[str] = (),
                 limit: int | None = 20, priorities: Iterable[str] = ()) -> list[Suggestion]:
    """Every job ranked by fit to the pupil, best first; `limit=None` returns them all.

    Favourite subjects, preferred routes and what matters to the pupil (keys of
    priorities.PRIORITIES) each add a little to a job's fit and a sentence to its reasons; the
    interests stay the main thing."""
    quiz = library.quiz()
    types = {kind.letter: kind for kind in quiz.types}
    subject_names = {subject.slug: subject.name for subject in library.subjects()}
    subjects = list(dict.fromkeys(favourite_subjects))
    routes = list(dict.fromkeys(preferred_routes))
    wanted = [PRIORITIES_BY_KEY[key] for key in dict.fromkeys(priorities)
              if key in PRIORITIES_BY_KEY]
    pupil = _direction(scores.profile.values())
    relative = _relative(scores.scores)
    strong = [letter for letter in scores.top_letters if relative[letter] >= STRONG_INTEREST]
    ranked = []
    nothing: list[str] = []  # shared by every job when the pupil named no subjects, routes...
    for job in library.jobs():
        fit = _interest_fit(pupil, relative, job)
        subject_hits = [slug for slug in job.subjects if slug in subjects] if subjects \
            else nothing
        route_hits = [kind for kind in routes if kind in job.route_kinds] if routes else nothing
        offered = [priority.reason for priority in wanted if priority.offered_by(job)] \
            if wanted else nothing
        if subject_hits:
            fit += SUBJECT_BONUS * min(SUBJECT_BONUS_LIMIT, len(subject_hits))
        if route_hits:
            fit += ROUTE_BONUS
        if offered:
            fit += PRIORITY_BONUS * min(PRIORITY_BONUS_LIMIT, len(offered))
        ranked.append((min(100.0, fit), job, subject_hits, route_hits, offered))
    ranked.sort(key=lambda item: (-item[0], item[1].title.casefold()))
    chosen = ranked if limit is None else ranked[:max(0, limit)]
    suggestions = []
    for fit, job, subject_hits, route_hits, offered in chosen:
        reasons = [_interest_reason(job, strong, types)]
        if subject_hits:
            names = [_mid_sentence(subject_names.get(slug, slug.replace("-", " ")))
                     for slug in subject_hits]
            reasons.append(f"It uses {_join(names)}, which you said you enjoy.")
        if route_hits:
            reasons.append(f"You can start it {ROUTE_REASONS.get(route_hits[0], 'your way')}, "
                           "which you said you would like.")
        if offered:
            reasons.append(f"It offers {_join(offered)}, which matter to you."
                           if len(offered) > 1 else
                           f"It offers {offered[0]}, which matters to you.")
        suggestions.append(Suggestion(job, round(fit, 1), tuple(r for r in reasons if r)))
    return suggestions


def _mid_sentence(name: str) -> str:
    return name if name in PROPER_SUBJECT_NAMES else name[:1].lower() + name[1:]


def _interest_reason(job: Job, strong: list[str], types: Mapping[str, QuizType]) -> str:
    job_names = [types[letter].name for letter in job.interest_code[:2] if letter in types]
    if not job_names:
        return ""
    phrases = [types[letter].reason_phrase for letter in strong
               if letter in job.interest_code and letter in types]
    if phrases:
        return (f"You like {_join(phrases, ', and ')}; this job is mostly "
                f"{_join(job_names)}.")
    return (f"This job is mostly {_join(job_names)}, which is a little different from your "
            "strongest interests: worth a look if it appeals.")
