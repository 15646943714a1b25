import pytest

from careersdesk.errors import AccountLocked, SignInError, ValidationError
from careersdesk.models import NewPupil, Role


@pytest.fixture
def school(services):
    services.staff.create_first_admin("head", "Ada Head", "correct horse")
    admin = services.auth.sign_in_staff("head", "correct horse")
    pupil = services.pupils.create(admin, NewPupil("Zoë", "O'Brien", 9, pin="4321"))
    return services, admin, pupil


def test_secrets_are_stored_as_argon2id_hashes(school):
    services, _, pupil = school
    row = services.database.conn.execute("SELECT password_hash FROM staff").fetchone()
    assert row[0].startswith("$argon2id$") and "correct horse" not in row[0]
    pin_hash = services.database.conn.execute(
        "SELECT pin_hash FROM pupils WHERE id = ?", (pupil.id,)).fetchone()[0]
    assert pin_hash.startswith("$argon2id$")


def test_staff_and_pupils_sign_in_with_their_own_role(school):
    services, admin, pupil = school
    assert admin.role is Role.ADMIN
    session = services.auth.sign_in_pupil(pupil.username, "4321")
    assert session.role is Role.PUPIL and session.user_id == pupil.id
    assert session.display_name == "Zoë O'Brien"


def test_a_pupil_cannot_sign_in_as_staff(school):
    services, _, pupil = school
    with pytest.raises(SignInError):
        services.auth.sign_in_staff(pupil.username, "4321")


@pytest.mark.parametrize("username, secret", [("head", "wrong"), ("nobody", "correct horse"),
                                              ("", ""), ("HEAD ", "correct horse ")])
def test_wrong_details_get_one_plain_message(school, username, secret):
    services, _, _ = school
    with pytest.raises(SignInError, match="do not match"):
        services.auth.sign_in_staff(username, secret)


def test_five_wrong_pins_lock_the_account_for_five_minutes(school, clock):
    services, _, pupil = school
    for _ in range(4):
        with pytest.raises(SignInError, match="do not match"):
            services.auth.sign_in_pupil(pupil.username, "0000")
    with pytest.raises(AccountLocked, match="locked for 5 minutes"):
        services.auth.sign_in_pupil(pupil.username, "0000")
    with pytest.raises(AccountLocked):
        services.auth.sign_in_pupil(pupil.username, "4321")  # even the right PIN waits
    clock.advance(minutes=4)
    with pytest.raises(AccountLocked, match="1 more minute"):
        services.auth.sign_in_pupil(pupil.username, "4321")
    clock.advance(minutes=1, seconds=1)
    assert services.auth.sign_in_pupil(pupil.username, "4321").user_id == pupil.id


def test_a_right_password_resets_the_count(school):
    services, _, _ = school
    for _ in range(4):
        with pytest.raises(SignInError):
            services.auth.sign_in_staff("head", "nope")
    services.auth.sign_in_staff("head", "correct horse")
    for _ in range(4):
        with pytest.raises(SignInError, match="do not match"):
            services.auth.sign_in_staff("head", "nope")


def test_unlock_checks_the_same_person(school):
    services, admin, _ = school
    assert services.auth.verify_unlock(admin, "correct horse")
    assert not services.auth.verify_unlock(admin, "someone else's")


def test_change_password(school):
    services, admin, _ = school
    with pytest.raises(ValidationError, match="at least 8"):
        services.auth.change_password(admin, "correct horse", "short")
    services.auth.change_password(admin, "correct horse", "battery staple")
    assert services.auth.sign_in_staff("head", "battery staple").role is Role.ADMIN


@pytest.mark.parametrize("pin", ["12", "abcd", "12 34", "١٢٣٤", "123456789"])
def test_bad_pins_are_refused(school, pin):
    services, admin, pupil = school
    with pytest.raises(ValidationError, match="4 to 8 digits"):
        services.pupils.set_pin(admin, pupil.id, pin)


def test_first_admin_only_once(school):
    services, _, _ = school
    with pytest.raises(ValidationError, match="already has staff"):
        services.staff.create_first_admin("second", "Someone", "password123")
