"""Frozen dataclasses for the records the services hand to the rest of the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    PUPIL = "pupil"
    ADVISER = "adviser"
    CAREERS_LEADER = "careers_leader"
    SEND = "send"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_staff(self) -> bool:
        return self is not Role.PUPIL


ROLE_LABELS = {
    Role.PUPIL: "Pupil",
    Role.ADVISER: "Careers adviser",
    Role.CAREERS_LEADER: "Careers leader",
    Role.SEND: "SEND staff",
    Role.ADMIN: "Administrator",
}
STAFF_ROLES = (Role.ADVISER, Role.CAREERS_LEADER, Role.SEND, Role.ADMIN)


class SendStatus(StrEnum):
    NONE = "none"
    SUPPORT = "K"  # SEN support
    EHC_PLAN = "E"  # education, health and care plan

    @property
    def label(self) -> str:
        return {"none": "None", "K": "SEN support (K)", "E": "EHC plan (E)"}[self.value]


@dataclass(frozen=True)
class Session:
    """Who is signed in.  Every service call takes one and checks it."""

    role: Role
    user_id: int
    username: str
    display_name: str
    started_at: dt.datetime
    # The school's data key, unwrapped at a staff sign-in; never set for pupils.
    data_key: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def is_pupil(self) -> bool:
        return self.role is Role.PUPIL


@dataclass(frozen=True)
class AccessibilityPreferences:
    simplified_mode: bool = False
    text_scale_percent: int = 100
    theme: str = "standard"
    dyslexia_font: bool = False
    read_aloud: bool = False
    extra_spacing: bool = False
    reduced_motion: bool = False

    @classmethod
    def from_mapping(cls, data: object) -> tuple[AccessibilityPreferences, list[str]]:
        """Preferences from stored data, each bad or unknown value replaced by its default;
        the notes say what was replaced, so nothing is silently ignored."""
        from careersdesk.themes import THEMES

        if not isinstance(data, dict):
            return cls(), ["The saved display preferences could not be read; the defaults are "
                           "used."]
        chosen: dict[str, object] = {}
        notes = []
        for name, field_info in cls.__dataclass_fields__.items():
            if name not in data:
                continue
            value, default = data[name], field_info.default
            if isinstance(default, bool):
                good = isinstance(value, bool)
            elif isinstance(default, int):
                good = (isinstance(value, int) and not isinstance(value, bool)
                        and 100 <= value <= 200)
            else:
                good = isinstance(value, str) and value in THEMES
            if good:
                chosen[name] = value
            else:
                notes.append(f"The saved value for {name.replace('_', ' ')} ({value!r}) is not "
                             "one CareersDesk knows; the default is used.")
        notes += [f"The saved preference {key!r} is not one CareersDesk knows and was ignored."
                  for key in data if key not in cls.__dataclass_fields__]
        return cls(**chosen), notes  # type: ignore[arg-type]


@dataclass(frozen=True)
class Pupil:
    id: int
    upn: str | None
    mis_id: str | None
    legal_first_name: str
    legal_last_name: str
    preferred_name: str | None
    date_of_birth: dt.date | None
    year_group: int
    form: str | None
    pupil_premium: bool
    send_status: SendStatus
    looked_after: bool
    eal: bool
    accessibility: AccessibilityPreferences
    username: str
    archived: bool
    admission_date: dt.date | None = None

    @property
    def first_name(self) -> str:
        return self.preferred_name or self.legal_first_name

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.legal_last_name}"

    @property
    def priority_flags(self) -> str:
        """Short labels for the priority groups and EAL, as lists and reports show them."""
        labels = (("PP", self.pupil_premium),
                  (f"SEN {self.send_status.value}", self.send_status is not SendStatus.NONE),
                  ("LAC", self.looked_after))
        return ", ".join(label for label, present in labels if present)

    @property
    def is_disadvantaged(self) -> bool:
        """The priority groups of the careers strategy: PP, SEND and looked-after pupils."""
        return self.pupil_premium or self.send_status is not SendStatus.NONE or self.looked_after


@dataclass(frozen=True)
class NewPupil:
    """What a careers leader or an import supplies to create a pupil."""

    legal_first_name: str
    legal_last_name: str
    year_group: int
    upn: str | None = None
    mis_id: str | None = None
    preferred_name: str | None = None
    date_of_birth: dt.date | None = None
    form: str | None = None
    pupil_premium: bool = False
    send_status: SendStatus = SendStatus.NONE
    looked_after: bool = False
    eal: bool = False
    username: str | None = None
    pin: str | None = None
    admission_date: dt.date | None = None


@dataclass(frozen=True)
class StaffAccount:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    last_sign_in_at: dt.datetime | None


@dataclass(frozen=True)
class SchoolSettings:
    school_name: str = "Your school"
    idle_lock_minutes: int = 10
    is_demo: bool = False


@dataclass(frozen=True)
class PupilFilter:
    year_groups: tuple[int, ...] = ()
    form: str | None = None
    pupil_premium: bool | None = None
    send: bool | None = None
    looked_after: bool | None = None
    eal: bool | None = None
    name_contains: str | None = None
    priority_only: bool = False
    include_archived: bool = False
    disadvantaged_first: bool = True


@dataclass(frozen=True)
class Changes:
    """What a write touched, so each screen can decide whether to refresh."""

    kinds: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    @classmethod
    def of(cls, *kinds: str) -> Changes:
        return cls(frozenset(kinds))
