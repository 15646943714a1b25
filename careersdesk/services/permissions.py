"""Who may do what.  Kept as data so the whole policy can be read (and tested) in one place."""

from __future__ import annotations

from careersdesk.errors import PermissionDenied
from careersdesk.models import Role, Session

STAFF = frozenset({Role.ADVISER, Role.CAREERS_LEADER, Role.SEND, Role.ADMIN})
EVERYONE = STAFF | {Role.PUPIL}

# action -> roles allowed.  Pupil rows that are about one pupil are further limited to the
# pupil's own record by require_pupil_access.
ALLOWED: dict[str, frozenset[Role]] = {
    "school.read_settings": EVERYONE,
    "school.update_settings": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    "staff.list": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    "staff.manage": frozenset({Role.ADMIN}),
    "pupils.list": STAFF,
    "pupils.read": EVERYONE,
    "pupils.create": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    "pupils.update": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    "pupils.archive": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    "pupils.import_roster": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    # A pupil records and reads their own encounters; staff record for anyone, in groups too.
    "encounters.read": EVERYONE,
    "encounters.record": EVERYONE,
    "encounters.record_group": STAFF,
    "encounters.delete": frozenset({Role.ADMIN, Role.CAREERS_LEADER, Role.ADVISER}),
    "encounters.reflect": frozenset({Role.PUPIL}),
    "tracking.read": EVERYONE,
    "audit.read": frozenset({Role.ADMIN}),
    # Guidance: advisers and careers leaders run interviews and read confidential notes; SEND
    # staff see summaries and plans; a pupil sees their own summary, plan and actions.
    "guidance.run": frozenset({Role.ADVISER, Role.CAREERS_LEADER}),
    "guidance.read_confidential": frozenset({Role.ADVISER, Role.CAREERS_LEADER}),
    "guidance.read": EVERYONE,
    "guidance.caseload": STAFF,
    "actions.update": EVERYONE,
    "actions.own_goal": frozenset({Role.PUPIL}),
    "plans.print": EVERYONE,
    # A pupil's quiz results and shortlist are theirs to change; staff may read them.
    "careers.own": frozenset({Role.PUPIL}),
    "careers.read": EVERYONE,
    "destinations.read": STAFF,
    "destinations.record": frozenset({Role.ADMIN, Role.CAREERS_LEADER, Role.ADVISER}),
    "year_end.run": frozenset({Role.ADMIN, Role.CAREERS_LEADER}),
    "data_protection.manage": frozenset({Role.ADMIN}),
    "tracking.cohort": STAFF,
    "pupils.set_pin": STAFF,
    "pupils.set_accessibility": EVERYONE,
    # SEND support notes are confidential: the SEND team and careers advisers only.
    "pupils.support_notes": frozenset({Role.SEND, Role.ADVISER}),
}


def require(session: Session | None, action: str) -> Session:
    if session is None:
        raise PermissionDenied("Please sign in first.")
    allowed = ALLOWED[action]
    if session.role not in allowed:
        raise PermissionDenied(f"A {session.role.label.lower()} account cannot do that.")
    return session


def require_pupil_access(session: Session | None, action: str, pupil_id: int) -> Session:
    """Staff may reach any pupil the action allows; a pupil only ever reaches their own record."""
    session = require(session, action)
    if session.is_pupil and session.user_id != pupil_id:
        raise PermissionDenied("You can only see your own record.")
    return session
