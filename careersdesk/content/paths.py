"""Paths into a job from where a pupil is now, step by step, for the routes diagram.

A job's routes say where each way in starts (GCSEs, A levels, a T Level...) and what it leads
to. A pupil in Year 9 and a pupil in Year 13 stand at different places on those paths, so the
steps already behind the pupil are left out and the first step says where they are now:

    Year 10 now -> GCSEs -> T Level in Digital Production, Design and Development
        -> Level 4 apprenticeship -> Software developer
"""

from __future__ import annotations

from collections.abc import Sequence

from careersdesk.content.schema import Route

POST_16 = "A levels or a T Level"


def where_now(year_group: int | None) -> str:
    if year_group is None:
        return "Where you are now"
    if year_group >= 14:
        return "Sixth form or college, final year"
    return f"Year {year_group} now"


def _steps_for(route: Route, pre_16: bool) -> list[str]:
    """The steps between school now and the job, for one route."""
    gcses = ["GCSEs"] if pre_16 else []
    level = route.level or 0
    t_level = f"T Level in {route.t_levels[0]}" if route.t_levels else "T Level"
    if route.route == "university":
        post_16 = f"A levels or a {t_level}" if route.t_levels else POST_16
        degree = "Degree and further study" if level >= 7 else "Degree"
        return [*gcses, post_16 if pre_16 else post_16 + " (now)", degree]
    if route.route == "t-level":
        return [*gcses, t_level]
    if route.route == "apprenticeship":
        apprenticeship = f"Level {level} apprenticeship" if level else "Apprenticeship"
        if level >= 6:
            apprenticeship = f"Degree apprenticeship (level {level})"
        if level >= 4:
            return [*gcses, POST_16 if pre_16 else POST_16 + " (now)", apprenticeship]
        return [*gcses, apprenticeship]
    if route.route == "college":
        course = f"College course at level {level}" if level else "College course"
        if level >= 4:
            return [*gcses, POST_16 if pre_16 else POST_16 + " (now)", course]
        return [*gcses, course]
    if route.route == "volunteering":
        return [*gcses, "Volunteer to gain experience", "Apply for a job"]
    if route.route == "supported-internship":
        # Open to 16 to 24-year-olds with an EHC plan, after Year 11 whatever their grades.
        return [*gcses, "Supported internship with a job coach", "Apply for a job"]
    if route.route in ("work", "direct-application"):
        return [*gcses, "Apply for a job and train at work"]
    return [*gcses, "Other training (see how to get in)"]


def paths_into(job_title: str, routes: Sequence[Route],
               year_group: int | None = None) -> list[list[str]]:
    """One list of steps per distinct way in, starting from where the pupil is now."""
    pre_16 = year_group is None or year_group <= 11
    seen: set[tuple[str, ...]] = set()
    paths = []
    for route in routes:
        steps = tuple([where_now(year_group), *_steps_for(route, pre_16), job_title])
        if steps not in seen:
            seen.add(steps)
            paths.append(list(steps))
    return paths
