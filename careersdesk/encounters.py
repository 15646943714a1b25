"""What counts as an encounter: the kinds, the organisations, and what makes one meaningful.

The wording follows the Gatsby Benchmarks (2025) and the statutory guidance of May 2025: a
meaningful encounter has a purpose shared with the pupil, learning outcomes, two-way interaction
and time to reflect afterwards; a meaningful experience of a workplace adds more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Audience(StrEnum):
    EMPLOYER = "employer"  # Benchmark 5
    WORKPLACE = "workplace"  # Benchmark 6
    PROVIDER = "provider"  # Benchmark 7 and provider access
    CURRICULUM = "curriculum"  # Benchmark 4
    OTHER = "other"


class ProviderType(StrEnum):
    SIXTH_FORM = "sixth_form"
    FE_COLLEGE = "fe_college"
    UNIVERSITY = "university"
    TRAINING_PROVIDER = "training_provider"  # apprenticeships and independent training providers


PROVIDER_LABELS = {
    ProviderType.SIXTH_FORM: "Sixth form",
    ProviderType.FE_COLLEGE: "Further education college",
    ProviderType.UNIVERSITY: "University",
    ProviderType.TRAINING_PROVIDER: "Apprenticeship or independent training provider",
}


@dataclass(frozen=True)
class EncounterKind:
    key: str
    label: str
    audience: Audience
    benchmarks: tuple[int, ...]
    provider_type: ProviderType | None = None


ENCOUNTER_KINDS: tuple[EncounterKind, ...] = (
    EncounterKind("employer_talk", "Employer talk", Audience.EMPLOYER, (5,)),
    EncounterKind("careers_fair", "Careers fair", Audience.EMPLOYER, (5,)),
    EncounterKind("mentoring", "Mentoring", Audience.EMPLOYER, (5,)),
    EncounterKind("enterprise", "Enterprise activity", Audience.EMPLOYER, (5,)),
    EncounterKind("workplace_visit", "Workplace visit", Audience.WORKPLACE, (6,)),
    EncounterKind("work_shadowing", "Work shadowing", Audience.WORKPLACE, (6,)),
    EncounterKind("work_experience", "Work experience placement", Audience.WORKPLACE, (6,)),
    EncounterKind("part_time_job", "Part-time job", Audience.WORKPLACE, (6,)),
    EncounterKind("fe_college", "Further education college encounter", Audience.PROVIDER, (7,),
                  ProviderType.FE_COLLEGE),
    EncounterKind("sixth_form", "Sixth form encounter", Audience.PROVIDER, (7,),
                  ProviderType.SIXTH_FORM),
    EncounterKind("university", "University encounter", Audience.PROVIDER, (7,),
                  ProviderType.UNIVERSITY),
    EncounterKind("training_provider",
                  "Apprenticeship or independent training provider encounter",
                  Audience.PROVIDER, (7,), ProviderType.TRAINING_PROVIDER),
    EncounterKind("curriculum", "Curriculum careers activity", Audience.CURRICULUM, (4,)),
    EncounterKind("other", "Other", Audience.OTHER, ()),
)
KINDS_BY_KEY = {kind.key: kind for kind in ENCOUNTER_KINDS}

CORE_CRITERIA = {
    "purpose_shared": "The purpose was shared with the pupil beforehand",
    "learning_outcomes": "There were clear learning outcomes",
    "two_way_interaction": "The pupil could ask questions and talk with the people there",
    "reflection": "The pupil had time to reflect afterwards",
}
WORKPLACE_CRITERIA = {
    "extensive_interaction": "Extended time with people who work there",
    "range_of_staff": "Met a range of staff and roles",
    "employer_task": "Did a task set by the employer",
    "feedback": "Received feedback from the employer",
}
ALL_CRITERIA = {**CORE_CRITERIA, **WORKPLACE_CRITERIA}
ORGANISATION_TYPES = ("employer", *[p.value for p in ProviderType], "other")


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str = "employer"


@dataclass(frozen=True)
class EncounterDetails:
    """What happened, as a careers leader records it (for one pupil or a whole group)."""

    title: str
    kind: str
    date: dt.date
    duration_minutes: int | None = None
    organisations: tuple[Organisation, ...] = ()
    benchmarks: tuple[int, ...] | None = None  # None: the kind's usual benchmarks
    stem: bool = False
    criteria: frozenset[str] = field(default_factory=frozenset)
    provider_access: bool = False
    notes: str | None = None

    @property
    def kind_info(self) -> EncounterKind:
        return KINDS_BY_KEY[self.kind]

    @property
    def counted_benchmarks(self) -> tuple[int, ...]:
        return self.benchmarks if self.benchmarks is not None else self.kind_info.benchmarks

    # Worked out once per event: a group event's details are shared by every attendee, and
    # tracking a whole school asks these questions hundreds of thousands of times.
    @cached_property
    def meaningful(self) -> bool:
        needed = set(CORE_CRITERIA)
        if self.kind_info.audience is Audience.WORKPLACE:
            needed |= set(WORKPLACE_CRITERIA)
        return needed <= self.criteria

    @cached_property
    def match_cache(self) -> dict[int, tuple[int, ...]]:
        """Tracking's answers about this encounter: which of a rule set's Matches it counts
        for, remembered per rule set (see tracking.engine)."""
        return {}

    @cached_property
    def provider_types(self) -> frozenset[ProviderType]:
        known = {provider.value for provider in ProviderType}
        found = {ProviderType(o.type) for o in self.organisations if o.type in known}
        if self.kind_info.provider_type is not None:
            found.add(self.kind_info.provider_type)
        return frozenset(found)


@dataclass(frozen=True)
class Encounter:
    id: int
    pupil_id: int
    group_event_id: int | None
    details: EncounterDetails
    academic_year: int  # the calendar year in which that school year began
    year_group: int  # the pupil's year group at the time
    reflection: str | None

    @property
    def meaningful(self) -> bool:
        return is_meaningful(self.details)

    @property
    def provider_types(self) -> frozenset[ProviderType]:
        return self.details.provider_types


def is_meaningful(details: EncounterDetails) -> bool:
    return details.meaningful


def provider_types_of(details: EncounterDetails) -> frozenset[ProviderType]:
    return details.provider_types


def academic_year_of(day: dt.date) -> int:
    """School years run from 1 September to 31 August; named by the year they start in."""
    return day.year if day.month >= 9 else day.year - 1


def year_group_on(day: dt.date, year_group_now: int, today: dt.date) -> int:
    return year_group_now - (academic_year_of(today) - academic_year_of(day))
