"""Everything a personal action plan shows, gathered through the services.

The plan is what the pupil takes away from a guidance interview.  It is built from the
interview's shareable fields only: confidential notes never reach it, whoever prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from careersdesk.encounters import Encounter, academic_year_of
from careersdesk.errors import NotFound
from careersdesk.models import Pupil, Session
from careersdesk.services import Services
from careersdesk.services.guidance import Action, Interview
from careersdesk.services.permissions import require_pupil_access


@dataclass(frozen=True)
class CareerRoutes:
    title: str
    routes: tuple[tuple[str, str], ...] = ()  # (route, entry requirements in plain words)


@dataclass(frozen=True)
class ActionPlan:
    school_name: str
    pupil: Pupil
    interview: Interview
    actions: tuple[Action, ...]
    encounters_this_year: tuple[Encounter, ...]
    encounters_overall: int
    interest_scores: dict[str, float] | None
    careers: tuple[CareerRoutes, ...]
    printed_on: dt.date


def _careers_with_routes(titles: tuple[str, ...]) -> tuple[CareerRoutes, ...]:
    """Routes and entry requirements from the careers library, when it is installed."""
    try:
        from careersdesk.content.library import shared_library

        library = shared_library()
    except Exception:  # no library built yet: the plan still lists the careers by name
        return tuple(CareerRoutes(title) for title in titles)
    found = []
    for title in titles:
        try:
            results = library.search(title, limit=1)
            job = library.job(results[0].slug) if results else None
        except Exception:
            job = None
        if job is None or job.title.casefold() != title.casefold():
            found.append(CareerRoutes(title))
            continue
        found.append(CareerRoutes(job.title, tuple((r.route, r.requirements) for r in job.routes)))
    return tuple(found)


def action_plan_html(plan: ActionPlan) -> str:
    """The same plan as HTML, for the in-app preview and the Qt print dialog."""
    from careersdesk.render import render
    from careersdesk.services.guidance import ACTION_OWNERS

    return render("action_plan.html", plan=plan, fields=plan.interview.fields,
                  owners=ACTION_OWNERS)


def _latest_scores(services: Services, session: Session,
                   pupil_id: int) -> dict[str, float] | None:
    latest = services.careers.latest_interests(session, pupil_id)
    return dict(latest.scores) if latest else None


def gather_action_plan(services: Services, session: Session, pupil_id: int,
                       interview_id: int | None = None) -> ActionPlan:
    require_pupil_access(session, "plans.print", pupil_id)
    pupil = services.pupils.get(session, pupil_id)
    if interview_id is None:
        interview = services.guidance.latest_interview(session, pupil_id, with_notes=False)
        if interview is None:
            raise NotFound(f"{pupil.display_name} has not had a guidance interview yet, so "
                           "there is no action plan to print.")
    else:
        interview = services.guidance.get(session, interview_id, with_notes=False)
        if interview.pupil_id != pupil_id:
            raise NotFound("That interview belongs to another pupil.")
    # Whoever prints it, the plan is the pupil's copy: the confidential notes are removed.
    interview = replace(interview, fields=replace(interview.fields, confidential_notes=""),
                        addenda=())
    encounters = services.encounters.for_pupil(session, pupil_id)
    today = services.clock().date()
    this_year = academic_year_of(today)
    return ActionPlan(
        school_name=services.school.settings(session).school_name,
        pupil=pupil, interview=interview,
        actions=tuple(services.guidance.actions_for(session, pupil_id)),
        encounters_this_year=tuple(e for e in encounters
                                   if academic_year_of(e.details.date) == this_year),
        encounters_overall=len(encounters),
        interest_scores=_latest_scores(services, session, pupil_id),
        careers=_careers_with_routes(interview.fields.careers_considered),
        printed_on=today,
    )
