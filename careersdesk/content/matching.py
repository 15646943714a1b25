"""The interests quiz: scoring answers into six RIASEC scores, and suggesting jobs with reasons."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from careersdesk.content.library import CareersLibrary, Job
from careersdesk.content.schema import RIASEC


@dataclass(frozen=True)
class InterestScores:
    scores: dict[str, float]  # letter -> 0..100
    answered: dict[str, int]  # letter -> statements answered
    complete: bool  # every type had at least one answer

    @property
    def top_letters(self) -> str:
        return "".join(sorted(RIASEC, key=lambda letter: (-self.scores[letter],
                                                          RIASEC.index(letter)))[:3])


@dataclass(frozen=True)
class Suggestion:
    job: Job
    fit: float  # 0..100
    reasons: tuple[str, ...]


def score_answers(answers: Mapping[str, int], quiz: Mapping[str, Any],
                  short: bool = False) -> InterestScores:
    """Answers are 1-5 (or 1-3 on the short form) per statement id; unanswered ones are
    ignored, and a partial quiz is scored with ``complete`` false rather than refused."""
    statements = quiz.get("short_statements" if short else "statements", [])
    top = 3 if short else 5
    totals = {letter: 0.0 for letter in RIASEC}
    counts = {letter: 0 for letter in RIASEC}
    for statement in statements:
        value = answers.get(statement["id"])
        if value is None:
            continue
        if not 1 <= value <= top:
            raise ValueError(f"Answer {value} to {statement['id']} is not on the 1-{top} scale.")
        totals[statement["type"]] += (value - 1) / (top - 1)
        counts[statement["type"]] += 1
    scores = {letter: round(100 * totals[letter] / counts[letter], 1) if counts[letter] else 0.0
              for letter in RIASEC}
    return InterestScores(scores, counts, all(counts.values()))


def _centred(values: Iterable[float]) -> list[float]:
    items = list(values)
    mean = sum(items) / len(items)
    return [v - mean for v in items]


def fit(pupil: Mapping[str, float], job_scores: Mapping[str, float]) -> float:
    """How well a job's interest profile fits the pupil's: the cosine of the two centred
    profiles (shape, not level), turned into 0-100."""
    a = _centred(pupil[letter] for letter in RIASEC)
    b = _centred(job_scores[letter] for letter in RIASEC)
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(x * x for x in b))
    if norm == 0:
        return 50.0
    return round(50 * (1 + sum(x * y for x, y in zip(a, b, strict=True)) / norm), 1)


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def suggest_jobs(scores: InterestScores, library: CareersLibrary,
                 favourite_subjects: Iterable[str] = (), preferred_routes: Iterable[str] = (),
                 limit: int = 20, jobs: list[Job] | None = None) -> list[Suggestion]:
    quiz = library.quiz()
    types = {t["letter"]: t for t in quiz.get("types", [])}
    subjects = set(favourite_subjects)
    routes = set(preferred_routes)
    pupil_top = scores.top_letters[:2]
    liked = [types[letter]["reason_phrase"] for letter in pupil_top
             if letter in types and scores.scores[letter] > 0]
    ranked = []
    for job in jobs if jobs is not None else library.jobs():
        value = fit(scores.scores, job.scores)
        shared_lead = job.interest_code[:1] in pupil_top
        value += 8 if shared_lead else 0
        subject_hits = [s for s in job.subjects if s in subjects]
        route_hits = [r for r in job.route_kinds if r in routes]
        value += 4 * min(2, len(subject_hits)) + (4 if route_hits else 0)
        ranked.append((value, job, subject_hits, route_hits))
    ranked.sort(key=lambda item: (-item[0], item[1].title))
    suggestions = []
    for value, job, subject_hits, route_hits in ranked[:limit]:
        names = [types[letter]["name"] for letter in job.interest_code[:2] if letter in types]
        reasons = []
        if liked and names:
            reasons.append(f"You like {_join(liked)}; this job is mostly {_join(names)}.")
        if subject_hits:
            reasons.append(f"It uses {_join(subject_hits).replace('-', ' ')}, which you said "
                           "you enjoy.")
        if route_hits:
            reasons.append(f"You can start it through {_join(route_hits).replace('-', ' ')}, "
                           "which you said you would like.")
        suggestions.append(Suggestion(job, round(min(100.0, value), 1), tuple(reasons)))
    return suggestions
