"""What matters to a pupil in a job ("helping people", "good pay"), and which jobs offer it.

Pupils pick these on their choices page; suggestions give a small lift to jobs that offer them
and say so in the reasons. Each is decided from facts the library already holds (interest code,
categories, pay, working environment), so a pupil can see why a job counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from careersdesk.content.library import Job

GOOD_PAY = 40_000  # median full-time pay, pounds a year: well above the all-jobs median


@dataclass(frozen=True)
class Priority:
    key: str
    label: str  # what the pupil ticks
    reason: str  # finishes "It offers ..." in a suggestion's reasons
    offered_by: Callable[[Job], bool]


def _leads_with(letters: str) -> Callable[[Job], bool]:
    return lambda job: any(letter in job.interest_code[:2] for letter in letters)


def _in_categories(*slugs: str) -> Callable[[Job], bool]:
    return lambda job: any(slug in job.categories for slug in slugs)


def _outdoors(job: Job) -> bool:
    words = job.working_environment.casefold()
    return (_in_categories("environment-and-land", "animal-care")(job)
            or "outdoors" in words or "outside" in words)


PRIORITIES: tuple[Priority, ...] = (
    Priority("helping-people", "Helping people", "a chance to help people",
             lambda job: _leads_with("S")(job)
             or _in_categories("healthcare", "social-care")(job)),
    Priority("being-outdoors", "Being outdoors", "time outdoors", _outdoors),
    Priority("being-creative", "Being creative", "room to be creative",
             lambda job: _leads_with("A")(job) or _in_categories("creative-and-media")(job)),
    Priority("good-pay", "Good pay", "good pay",
             lambda job: (job.pay_median or 0) >= GOOD_PAY),
    Priority("hands-on", "Working with my hands", "hands-on, practical work", _leads_with("R")),
    Priority("technology", "Working with technology", "work with technology",
             lambda job: _in_categories("computing-technology-and-digital")(job)
             or (job.stem and _leads_with("RI")(job))),
    Priority("animals", "Working with animals", "work with animals",
             _in_categories("animal-care")),
    Priority("leading", "Leading or persuading people", "a chance to lead and persuade",
             lambda job: _leads_with("E")(job) or _in_categories("managerial")(job)),
    Priority("steady-work", "Steady, public-service work", "steady public-service work",
             _in_categories("government-services", "emergency-and-uniform-services",
                            "teaching-and-education")),
)
PRIORITIES_BY_KEY = {priority.key: priority for priority in PRIORITIES}
