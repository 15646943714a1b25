"""A pupil's own choices and a quiz paused part-way, through the services."""

import pytest

from careersdesk.errors import PermissionDenied, ValidationError
from careersdesk.services.careers import PupilChoices, QuizProgress


@pytest.fixture
def pupils(demo_services):
    first, second = demo_services.pupils.list_pupils(
        demo_services.auth.sign_in_staff("admin", "demo-admin"), limit=2)
    return (demo_services.auth.sign_in_pupil(first.username, "1234"),
            demo_services.auth.sign_in_pupil(second.username, "1234"))


def test_choices_are_kept_once_each_and_read_back(demo_services, pupils):
    me, _ = pupils
    careers = demo_services.careers
    assert careers.choices(me, me.user_id) == PupilChoices((), ())
    careers.set_choices(me, me.user_id, PupilChoices(("maths", "art-and-design", "maths"),
                                                     ("good-pay",)))
    assert careers.choices(me, me.user_id) == PupilChoices(("maths", "art-and-design"),
                                                           ("good-pay",))
    careers.set_choices(me, me.user_id, PupilChoices((), ("animals",)))
    assert careers.choices(me, me.user_id) == PupilChoices((), ("animals",))
    with pytest.raises(ValidationError, match="up to 30"):
        careers.set_choices(me, me.user_id, PupilChoices(tuple(f"s{n}" for n in range(31)), ()))


def test_a_paused_quiz_is_kept_until_finished_or_started_again(demo_services, pupils):
    me, other = pupils
    careers = demo_services.careers
    assert careers.quiz_progress(me, me.user_id) is None
    careers.save_quiz_progress(me, me.user_id, QuizProgress(False, {"R1": 5, "I1": 2}))
    careers.save_quiz_progress(me, me.user_id, QuizProgress(False, {"R1": 5, "I1": 2, "A1": 4}))
    assert careers.quiz_progress(me, me.user_id) == QuizProgress(False,
                                                                 {"R1": 5, "I1": 2, "A1": 4})
    with pytest.raises(PermissionDenied):
        careers.quiz_progress(other, me.user_id)  # another pupil cannot peek
    careers.clear_quiz_progress(me, me.user_id)
    assert careers.quiz_progress(me, me.user_id) is None
