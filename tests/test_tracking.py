"""Every tracking rule at its boundaries: 28 February, 31 August, joining late, Year 14."""

import datetime as dt

import pytest
from conftest import DEMO_LOGINS

from careersdesk.encounters import (
    CORE_CRITERIA,
    WORKPLACE_CRITERIA,
    EncounterDetails,
    Organisation,
)
from careersdesk.models import NewPupil, PupilFilter, Role
from careersdesk.tracking.engine import PupilFacts, Status, load_ruleset, track_pupil, window_for

MEANINGFUL = frozenset(CORE_CRITERIA)
WORKPLACE_MEANINGFUL = frozenset(CORE_CRITERIA) | frozenset(WORKPLACE_CRITERIA)


def encounter(kind, day, criteria=MEANINGFUL, provider_access=False, organisations=()):
    return EncounterDetails(title=kind, kind=kind, date=day, criteria=criteria,
                            provider_access=provider_access, organisations=organisations)


def track(year_group, on, encounters=(), interviews=(), joined=None):
    facts = PupilFacts(1, year_group, joined, tuple(encounters), tuple(interviews))
    return track_pupil(facts, on)


def test_rule_set_is_versioned_data():
    ruleset = load_ruleset("gatsby-2025")
    ids = {rule.id for rule in ruleset.rules}
    assert {"B6-16", "B6-18", "B7-16", "B7-18", "B8-16", "B8-18", "PA-8-9", "PA-10-11",
            "PA-12-13", "SEVEN", "B5-Y7", "B5-Y13"} <= ids


# -- provider access windows close on the last day of February ---------------------------------

def test_year_9_provider_access_at_risk_on_28_february_missed_on_1_march():
    one = [encounter("fe_college", dt.date(2026, 10, 5), provider_access=True)]
    last_day = track(9, dt.date(2027, 2, 28), one).result("PA-8-9")
    assert last_day.status is Status.AT_RISK and last_day.count == 1
    assert "28 February 2027" in last_day.reason
    after = track(9, dt.date(2027, 3, 1), one).result("PA-8-9")
    assert after.status is Status.MISSED and "Only 1 of 2" in after.reason


def test_provider_access_encounter_on_the_closing_day_counts():
    two = [encounter("fe_college", dt.date(2025, 11, 5), provider_access=True),
           encounter("training_provider", dt.date(2027, 2, 28), provider_access=True)]
    assert track(9, dt.date(2027, 3, 1), two).result("PA-8-9").status is Status.MET
    late = [two[0], encounter("sixth_form", dt.date(2027, 3, 1), provider_access=True)]
    assert track(9, dt.date(2027, 3, 2), late).result("PA-8-9").status is Status.MISSED


def test_leap_year_window_closes_on_29_february():
    start, closes = window_for(load_ruleset().rules[0].__class__(
        "x", "x", 10, 11, "feb", 2, load_ruleset().rules[0].match, "x"), 11, dt.date(2027, 10, 1))
    assert closes == dt.date(2028, 2, 29) and start == dt.date(2026, 9, 1)


def test_provider_access_needs_the_flag_not_just_a_provider():
    visits = [encounter("fe_college", dt.date(2026, 10, 5)),
              encounter("sixth_form", dt.date(2026, 11, 5))]
    assert track(11, dt.date(2027, 1, 10), visits).result("PA-10-11").count == 0


# -- windows that close on 31 August ----------------------------------------------------------

def test_workplace_experience_by_the_end_of_year_11():
    assert track(11, dt.date(2027, 8, 31)).result("B6-16").status is Status.AT_RISK
    assert track(12, dt.date(2027, 9, 1)).result("B6-16").status is Status.MISSED
    placement = encounter("work_experience", dt.date(2027, 7, 1), criteria=WORKPLACE_MEANINGFUL)
    assert track(11, dt.date(2027, 8, 31), [placement]).result("B6-16").status is Status.MET
    assert track(12, dt.date(2027, 9, 1), [placement]).result("B6-16").status is Status.MET
    # The further experience must come in Years 12-13: the Year 11 one does not count twice.
    assert track(12, dt.date(2027, 9, 1), [placement]).result("B6-18").count == 0


def test_workplace_experience_without_the_workplace_criteria_is_not_meaningful():
    visit = encounter("workplace_visit", dt.date(2026, 12, 1), criteria=MEANINGFUL)
    assert track(10, dt.date(2027, 1, 10), [visit]).result("B6-16").count == 0


def test_benchmark_5_each_year_and_on_track_early_in_the_year():
    talk = encounter("employer_talk", dt.date(2026, 10, 1))
    result = track(9, dt.date(2026, 10, 2), [talk])
    assert result.result("B5-Y9").status is Status.MET
    assert result.result("B5-Y8").status is Status.MISSED
    assert result.result("B5-Y10").status is Status.ON_TRACK
    unmet = track(9, dt.date(2026, 10, 2)).result("B5-Y9")
    assert unmet.status is Status.ON_TRACK and "days left" in unmet.reason
    assert track(9, dt.date(2027, 5, 10)).result("B5-Y9").status is Status.AT_RISK


def test_an_encounter_that_was_not_meaningful_does_not_count_for_benchmark_5():
    talk = encounter("employer_talk", dt.date(2026, 10, 1), criteria=frozenset({"purpose_shared"}))
    assert track(9, dt.date(2026, 10, 2), [talk]).result("B5-Y9").count == 0


def test_full_range_of_providers_counts_types_not_visits():
    visits = [encounter("university", dt.date(2026, 10, 1)),
              encounter("university", dt.date(2026, 11, 1)),
              encounter("careers_fair", dt.date(2026, 12, 1), organisations=(
                  Organisation("Riverside College", "fe_college"),
                  Organisation("Ace Apprenticeships", "training_provider")))]
    result = track(11, dt.date(2027, 1, 5), visits).result("B7-16")
    assert result.count == 3  # university, college and training provider (met at the fair)
    assert result.status is Status.ON_TRACK
    visits.append(encounter("sixth_form", dt.date(2027, 1, 2)))
    assert track(11, dt.date(2027, 1, 5), visits).result("B7-16").status is Status.MET


def test_two_university_encounters_by_the_end_of_year_13():
    one = [encounter("university", dt.date(2026, 6, 1))]
    assert track(13, dt.date(2027, 8, 31), one).result("B7-18").status is Status.AT_RISK
    two = one + [encounter("university", dt.date(2027, 3, 1))]
    assert track(13, dt.date(2027, 8, 31), two).result("B7-18").status is Status.MET


def test_guidance_interviews_by_16_and_by_18():
    result = track(11, dt.date(2027, 6, 1), interviews=[dt.date(2027, 1, 20)])
    assert result.result("B8-16").status is Status.MET
    assert result.result("B8-18").status is Status.ON_TRACK
    assert "Starts on 01 September 2027" in result.result("B8-18").reason


# -- pupils who join part-way through ---------------------------------------------------------

def test_pupil_joining_in_year_10_is_judged_on_their_time_here():
    joined = dt.date(2026, 9, 7)
    result = track(10, dt.date(2026, 10, 1), joined=joined)
    assert result.result("PA-8-9").status is Status.NOT_APPLICABLE
    assert result.result("B5-Y9").status is Status.NOT_APPLICABLE
    b7 = result.result("B7-16")
    assert b7.judged_from == joined and "joined" in b7.reason
    seven = result.result("SEVEN")
    assert seven.needed == 4  # Years 10 to 13 are the years this pupil has with the school


def test_encounters_before_joining_do_not_count():
    joined = dt.date(2026, 1, 5)
    before = encounter("employer_talk", dt.date(2025, 11, 1))
    result = track(9, dt.date(2026, 2, 1), [before], joined=joined)
    assert result.result("B5-Y9").count == 0


# -- Year 14, often a pupil with an EHC plan who stays on --------------------------------------

def test_year_14_pupil_keeps_benchmark_5_and_closed_deadlines():
    placement = encounter("work_experience", dt.date(2025, 6, 1), criteria=WORKPLACE_MEANINGFUL)
    talk = encounter("employer_talk", dt.date(2026, 11, 1))
    result = track(14, dt.date(2026, 12, 1), [placement, talk], interviews=[dt.date(2026, 3, 1)])
    assert result.result("B5-Y14").status is Status.MET
    assert result.result("B6-18").status is Status.MET
    assert result.result("B8-18").status is Status.MET
    assert result.result("PA-12-13").status is Status.MISSED
    assert not any(r.rule_id == "B5-Y14" for r in track(13, dt.date(2026, 12, 1)).results)


# -- through the services: a group event counts for every attendee ----------------------------

def test_group_event_counts_for_every_attendee_and_edits_reach_them(demo_services, clock):
    services = demo_services
    services.tracking.clock = services.encounters.clock = clock
    clock.now = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    leader = services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    year9 = services.pupils.list_pupils(leader, PupilFilter(year_groups=(9,)))
    before = {row.pupil.id: row.tracking.result("B5-Y9").count
              for row in services.tracking.cohort(leader, PupilFilter(year_groups=(9,)))}
    fair = EncounterDetails(title="Year 9 careers fair", kind="careers_fair",
                            date=dt.date(2026, 11, 12), criteria=frozenset({"purpose_shared"}),
                            organisations=(Organisation("NHS Trust", "employer"),))
    result = services.encounters.record_group_event(leader, fair, [p.id for p in year9])
    assert result.recorded == len(year9) and not result.skipped
    cohort = services.tracking.cohort(leader, PupilFilter(year_groups=(9,)))
    # Not meaningful yet, so it adds nothing to Benchmark 5.
    assert all(row.tracking.result("B5-Y9").count == before[row.pupil.id] for row in cohort)
    services.encounters.update_group_event(
        leader, result.event_id, EncounterDetails(**{**fair.__dict__, "criteria": MEANINGFUL}))
    cohort = services.tracking.cohort(leader, PupilFilter(year_groups=(9,)))
    assert all(row.tracking.result("B5-Y9").count == before[row.pupil.id] + 1 for row in cohort)
    assert all(row.tracking.result("B5-Y9").status is Status.MET for row in cohort)
    summary = {s.rule_id: s for s in services.tracking.summarise(cohort)}
    assert summary["B5-Y9"].percent(Status.MET) == 100.0


def test_pupil_reflection_stays_theirs(demo_services):
    services = demo_services
    leader = services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    pupil = services.pupils.list_pupils(leader, limit=1)[0]
    encounter_made, _ = services.encounters.record_for_pupil(
        leader, pupil.id, EncounterDetails("Talk by a paramedic", "employer_talk",
                                           dt.date.today() - dt.timedelta(days=3)))
    me = services.auth.sign_in_pupil(pupil.username, "1234")
    services.encounters.set_reflection(me, encounter_made.id, "I learned paramedics train for 3 years.")
    with pytest.raises(Exception, match="cannot do that"):
        services.encounters.set_reflection(leader, encounter_made.id, "Overwritten by staff")
    assert services.encounters.get(leader, encounter_made.id).reflection.startswith("I learned")


@pytest.mark.parametrize("days, words", [(-1, "in the future")])
def test_future_encounters_are_refused(demo_services, days, words):
    leader = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    pupil = demo_services.pupils.list_pupils(leader, limit=1)[0]
    with pytest.raises(Exception, match=words):
        demo_services.encounters.record_for_pupil(
            leader, pupil.id, EncounterDetails("Tomorrow", "employer_talk",
                                               dt.date.today() - dt.timedelta(days=days)))


def test_group_event_skips_pupils_who_had_not_joined(services, clock):
    services.staff.create_first_admin("head", "Head", "password123")
    admin = services.auth.sign_in_staff("head", "password123")
    early = services.pupils.create(admin, NewPupil("Ann", "Early", 9))
    late = services.pupils.create(admin, NewPupil("Ben", "Late", 9,
                                                  admission_date=dt.date(2026, 10, 1)))
    result = services.encounters.record_group_event(
        admin, EncounterDetails("Fair", "careers_fair", dt.date(2026, 9, 20)), [early.id, late.id])
    assert result.recorded == 1 and "Ben Late had not joined" in result.skipped[0]
