"""A pupil's session only ever reaches that pupil's own record; staff roles get their own rights."""

import pytest
from conftest import DEMO_LOGINS

from careersdesk.errors import PermissionDenied
from careersdesk.models import AccessibilityPreferences, NewPupil, PupilFilter, Role


@pytest.fixture
def sessions(demo_services):
    auth = demo_services.auth
    staff = {role: auth.sign_in_staff(*login) for role, login in DEMO_LOGINS.items()}
    first, second = demo_services.pupils.list_pupils(staff[Role.ADMIN], limit=2)
    pupil = auth.sign_in_pupil(first.username, "1234")
    return demo_services, staff, pupil, second


def test_pupil_reaches_own_record_only(sessions):
    services, _, pupil, other = sessions
    assert services.pupils.get(pupil, pupil.user_id).id == pupil.user_id
    with pytest.raises(PermissionDenied, match="your own record"):
        services.pupils.get(pupil, other.id)
    with pytest.raises(PermissionDenied):
        services.pupils.set_accessibility(pupil, other.id, AccessibilityPreferences())
    services.pupils.set_accessibility(pupil, pupil.user_id,
                                      AccessibilityPreferences(simplified_mode=True))
    assert services.pupils.get(pupil, pupil.user_id).accessibility.simplified_mode


@pytest.mark.parametrize("call", [
    lambda s, p, o: s.pupils.list_pupils(p),
    lambda s, p, o: s.pupils.count(p),
    lambda s, p, o: s.pupils.create(p, NewPupil("A", "B", 9)),
    lambda s, p, o: s.pupils.update(p, p.user_id, year_group=13),
    lambda s, p, o: s.pupils.set_pin(p, p.user_id, "9999"),
    lambda s, p, o: s.pupils.archive(p, p.user_id),
    lambda s, p, o: s.staff.list_staff(p),
    lambda s, p, o: s.school.update_settings(p, school_name="Mine now"),
])
def test_pupil_cannot_use_staff_operations(sessions, call):
    services, _, pupil, other = sessions
    with pytest.raises(PermissionDenied):
        call(services, pupil, other)


def test_signed_out_is_refused(sessions):
    services, _, _, other = sessions
    with pytest.raises(PermissionDenied, match="sign in"):
        services.pupils.get(None, other.id)
    with pytest.raises(PermissionDenied, match="sign in"):
        services.school.settings(None)


@pytest.mark.parametrize("role, allowed", [
    (Role.ADMIN, True), (Role.CAREERS_LEADER, True), (Role.ADVISER, False), (Role.SEND, False)])
def test_who_may_create_pupils(sessions, role, allowed):
    services, staff, _, _ = sessions
    def create():
        return services.pupils.create(staff[role], NewPupil("Ana", "Lopes", 8))
    if allowed:
        assert create().legal_last_name == "Lopes"
    else:
        with pytest.raises(PermissionDenied):
            create()


def test_only_admin_manages_staff(sessions):
    services, staff, _, _ = sessions
    for role in (Role.ADVISER, Role.CAREERS_LEADER, Role.SEND):
        with pytest.raises(PermissionDenied):
            services.staff.create_staff(staff[role], "x", "X", Role.ADVISER, "password123")
    made = services.staff.create_staff(staff[Role.ADMIN], "newbie", "New Person", Role.SEND,
                                       "password123")
    assert services.auth.sign_in_staff("newbie", "password123").role is Role.SEND
    services.staff.set_active(staff[Role.ADMIN], made.id, False)
    with pytest.raises(Exception, match="do not match"):
        services.auth.sign_in_staff("newbie", "password123")


def test_every_staff_role_sees_the_pupil_list_disadvantaged_first(sessions):
    services, staff, _, _ = sessions
    for session in staff.values():
        pupils = services.pupils.list_pupils(session)
        flags = [p.is_disadvantaged for p in pupils]
        assert flags == sorted(flags, reverse=True)
        assert len(pupils) == services.pupils.count(session)
    priority = services.pupils.list_pupils(staff[Role.SEND], PupilFilter(priority_only=True))
    assert priority and all(p.is_disadvantaged for p in priority)
