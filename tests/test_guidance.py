"""A whole guidance interview, the action plan PDF, and who may see what."""

import datetime as dt
import io
import re
import sqlite3

import pytest
from conftest import DEMO_LOGINS
from pypdf import PdfReader

from careersdesk.cli import main
from careersdesk.errors import PermissionDenied, ValidationError
from careersdesk.models import NewPupil, PupilFilter, Role
from careersdesk.pdf.action_plan import write_action_plan
from careersdesk.plans import gather_action_plan
from careersdesk.services.guidance import ActionStatus, CaseloadView, InterviewFields, NewAction

ARABIC_NOTE = "تقول إنها تشعر بالقلق بشأن الامتحانات وتحتاج إلى دعم إضافي في الرياضيات"
ARABIC_SUMMARY = "تحدثنا عن التمريض والطرق المؤدية إليه"
MARKER = "CONFIDENTIAL-MARKER-7f3a"


def pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def interview_setup(demo_services, clock):
    services = demo_services
    for name in ("guidance", "pupils", "encounters", "data_protection"):
        getattr(services, name).clock = clock
    services.clock = clock
    clock.now = dt.datetime(2026, 11, 18, 10, tzinfo=dt.UTC)
    leader = services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    pupil = services.pupils.create(leader, NewPupil(
        "Hương", "Nguyễn Thị", 11, form="11R",
        date_of_birth=dt.date(2010, 10, 3), pin="2468"))
    adviser = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    return services, adviser, pupil


def run_interview(services, adviser, pupil):
    interview = services.guidance.start_interview(adviser, pupil.id)
    values = InterviewFields(
        current_situation="In Year 11 and enjoying science.", subjects="Biology, chemistry",
        grades="Predicted 6s and 7s", barriers="Worries about exams",
        goals_short="Visit the college open evening", goals_long="Become a children's nurse",
        careers_considered=("Nurse", "Midwife"), backup_plan="Health and social care T Level",
        resources="NHS careers website; Riverside College", next_review=dt.date(2027, 2, 1),
        summary=ARABIC_SUMMARY + " <b>&</b> <para>",
        confidential_notes=f"{ARABIC_NOTE} {MARKER}")
    services.guidance.save(adviser, interview.id, values)
    services.guidance.add_action(adviser, pupil.id, NewAction(
        "Go to the Riverside College open evening", "pupil", dt.date(2026, 12, 5)), interview.id)
    services.guidance.add_action(adviser, pupil.id, NewAction(
        "Arrange a day at the hospital", "adviser", None), interview.id)
    return interview, values


def test_whole_interview_and_its_action_plan(interview_setup, tmp_path):
    services, adviser, pupil = interview_setup
    interview, values = run_interview(services, adviser, pupil)
    saved = services.guidance.get(adviser, interview.id)
    assert saved.fields == values and not saved.locked
    assert [a.text for a in services.guidance.actions_for(adviser, pupil.id)] == [
        "Go to the Riverside College open evening", "Arrange a day at the hospital"]

    plan = gather_action_plan(services, adviser, pupil.id)
    path = write_action_plan(plan, tmp_path / "plan.pdf")
    text = pdf_text(path)
    sections = ["Personal action plan", "Where you are now", "Your interests",
                "Careers you are thinking about", "Your goals", "What we talked about",
                "Actions we agreed", "If things change: your back-up plan",
                "Useful places and people", "Encounters so far", "Next review", "Signed"]
    positions = [text.index(heading) for heading in sections]
    assert positions == sorted(positions)  # every section, in order
    assert "Hương Nguyễn Thị" in text and "Year 11, 11R" in text
    assert "Go to the Riverside College open evening" in text and "05/12/2026" in text
    assert "No date" in text and "Nurse" in text and "Midwife" in text
    assert "<b>&</b> <para>" in text  # markup typed by the adviser prints as typed
    assert "01 February 2027" in text and "page 1" in text
    assert MARKER not in text and "القلق" not in text  # confidential notes never appear


def test_interview_locks_after_the_day_and_takes_addenda(interview_setup):
    services, adviser, pupil = interview_setup
    interview, values = run_interview(services, adviser, pupil)
    services.guidance.clock.advance(hours=5)
    services.guidance.save(adviser, interview.id, values)  # same day: reopened and added to
    services.guidance.clock.advance(days=1)
    assert services.guidance.get(adviser, interview.id).locked
    with pytest.raises(ValidationError, match="locked"):
        services.guidance.save(adviser, interview.id, values)
    services.guidance.add_addendum(adviser, interview.id, "Mum rang: exams went well.")
    addendum = services.guidance.get(adviser, interview.id).addenda[0]
    assert addendum.author_name == "Priya Sharma" and "exams" in addendum.text


def test_who_sees_confidential_notes(interview_setup):
    services, adviser, pupil = interview_setup
    interview, _ = run_interview(services, adviser, pupil)
    send = services.auth.sign_in_staff(*DEMO_LOGINS[Role.SEND])
    seen_by_send = services.guidance.get(send, interview.id)
    assert seen_by_send.notes_hidden and seen_by_send.fields.confidential_notes == ""
    assert seen_by_send.fields.summary.startswith(ARABIC_SUMMARY)
    me = services.auth.sign_in_pupil(pupil.username, "2468")
    mine = services.guidance.get(me, interview.id)
    assert mine.fields.confidential_notes == "" and mine.fields.goals_long
    with pytest.raises(PermissionDenied):
        services.guidance.save(me, interview.id, mine.fields)
    admin = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        services.guidance.start_interview(admin, pupil.id)
    other = services.pupils.list_pupils(admin, limit=1)[0]
    with pytest.raises(PermissionDenied):
        services.guidance.actions_for(me, other.id)
    assert MARKER in services.guidance.get(adviser, interview.id).fields.confidential_notes
    views = services.database.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'guidance.view_notes' AND pupil_id = ?",
        [pupil.id]).fetchone()[0]
    assert views == 1  # the adviser's view was recorded; SEND staff and the pupil saw none


def test_actions_statuses_overdue_and_review(interview_setup):
    services, adviser, pupil = interview_setup
    run_interview(services, adviser, pupil)
    me = services.auth.sign_in_pupil(pupil.username, "2468")
    first, second = services.guidance.actions_for(me, pupil.id)
    services.guidance.set_action_status(me, first.id, ActionStatus.IN_PROGRESS)
    with pytest.raises(PermissionDenied, match="adviser"):
        services.guidance.set_action_status(me, second.id, ActionStatus.NOT_RELEVANT)
    services.guidance.clock.advance(days=30)
    today = services.guidance.clock().date()
    first = services.guidance.actions_for(adviser, pupil.id)[0]
    assert first.status is ActionStatus.IN_PROGRESS and first.overdue(today)
    assert [a.id for a in services.guidance.actions_to_review(adviser, pupil.id)] == [
        first.id, second.id]
    services.guidance.set_action_status(adviser, first.id, ActionStatus.DONE)
    history = services.guidance.action_history(adviser, first.id)
    assert [status for _, _, status in history] == ["not_started", "in_progress", "done"]


def test_caseload_views(interview_setup):
    services, adviser, pupil = interview_setup
    no_interview = services.guidance.caseload(adviser, view=CaseloadView.NO_INTERVIEW_YEAR_11)
    assert pupil.id in {row.pupil.id for row in no_interview}
    assert all(row.pupil.year_group == 11 and row.interviews == 0 for row in no_interview)
    run_interview(services, adviser, pupil)
    services.guidance.clock.advance(days=30)
    rows = {row.pupil.id: row for row in services.guidance.caseload(
        adviser, PupilFilter(year_groups=(11,)))}
    assert rows[pupil.id].last_interview == dt.date(2026, 11, 18)
    assert rows[pupil.id].open_actions == 2 and rows[pupil.id].overdue_actions == 1
    overdue = services.guidance.caseload(adviser, view=CaseloadView.ACTIONS_OVERDUE)
    assert pupil.id in {row.pupil.id for row in overdue}
    assert all(row.overdue_actions > 0 for row in overdue)


# The caseload as one SQL statement, written separately from the service's own reads: every
# view of the service must list the same pupils, in the same order, with the same figures.
CASELOAD_ORACLE = """
    SELECT p.id, p.year_group, i.last_interview, coalesce(i.interviews, 0), i.next_review,
           coalesce(a.open_actions, 0), coalesce(a.overdue, 0), coalesce(e.this_year, 0)
    FROM pupils p
    LEFT JOIN (SELECT pupil_id, max(held_on) AS last_interview, count(*) AS interviews,
                      max(next_review) AS next_review
               FROM guidance_interviews GROUP BY pupil_id) i ON i.pupil_id = p.id
    LEFT JOIN (SELECT pupil_id, count(*) AS open_actions,
                      sum(due_on IS NOT NULL AND due_on < :today) AS overdue
               FROM actions WHERE status IN ('not_started', 'in_progress')
               GROUP BY pupil_id) a ON a.pupil_id = p.id
    LEFT JOIN (SELECT pupil_id, count(*) AS this_year FROM encounters
               WHERE academic_year = :year GROUP BY pupil_id) e ON e.pupil_id = p.id
    WHERE p.archived_at IS NULL
    ORDER BY (p.pupil_premium OR p.send_status != 'none' OR p.looked_after) DESC,
             p.legal_last_name COLLATE NOCASE, p.legal_first_name COLLATE NOCASE
"""


def test_every_caseload_view_matches_the_same_question_asked_in_one_sql_statement(
        interview_setup):
    services, adviser, pupil = interview_setup
    run_interview(services, adviser, pupil)
    # A Year 13 pupil with no interview yet, and one with a review due this month.
    leader = services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    services.pupils.create(leader, NewPupil("Zofia", "Wiśniewska", 13, form="13K"))
    other = services.pupils.create(leader, NewPupil("Kwame", "Mensah", 13, form="13K"))
    interview = services.guidance.start_interview(adviser, other.id)
    services.guidance.save(adviser, interview.id, InterviewFields(
        summary="Talked about nursing.", next_review=dt.date(2026, 11, 27)))
    services.guidance.clock.advance(days=30)  # into December: the first action is overdue
    today = services.guidance.clock().date()
    raw = services.database.conn.execute(
        CASELOAD_ORACLE, {"today": today.isoformat(), "year": 2026}).fetchall()
    december = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    november = services.guidance.clock.now - dt.timedelta(days=30)

    def expected(view):
        keep = {
            CaseloadView.ALL: lambda r: True,
            CaseloadView.NO_INTERVIEW_YEAR_11: lambda r: r[1] == 11 and r[3] == 0,
            CaseloadView.NO_INTERVIEW_YEAR_13: lambda r: r[1] == 13 and r[3] == 0,
            CaseloadView.ACTIONS_OVERDUE: lambda r: r[6] > 0,
            CaseloadView.REVIEW_THIS_MONTH: lambda r: r[4] is not None
            and december[0].isoformat() <= r[4] <= december[1].isoformat(),
        }[view]
        return [r for r in raw if keep(r)]

    def listed(rows):
        return [(r.pupil_id, r.pupil.year_group, _iso(r.last_interview), r.interviews,
                 _iso(r.next_review), r.open_actions, r.overdue_actions, r.encounters_this_year)
                for r in rows]

    for view in CaseloadView:
        rows = services.guidance.caseload(adviser, view=view)
        assert listed(rows) == expected(view), view
    assert len(expected(CaseloadView.ALL)) > 100  # the whole demo school, priority pupils first
    assert expected(CaseloadView.ACTIONS_OVERDUE) and expected(CaseloadView.NO_INTERVIEW_YEAR_13)
    assert expected(CaseloadView.NO_INTERVIEW_YEAR_11)
    # The review set in November for late November is not "this month" in December...
    assert other.id not in {r[0] for r in expected(CaseloadView.REVIEW_THIS_MONTH)}
    services.guidance.clock.now = november  # ...but it is in November.
    in_november = services.guidance.caseload(adviser, view=CaseloadView.REVIEW_THIS_MONTH)
    assert other.id in [row.pupil_id for row in in_november]
    # A limit cuts the list after the view has chosen its pupils.
    assert listed(services.guidance.caseload(adviser, view=CaseloadView.NO_INTERVIEW_YEAR_11,
                                             limit=3)) == listed(services.guidance.caseload(
        adviser, view=CaseloadView.NO_INTERVIEW_YEAR_11))[:3]


def _iso(day):
    return day.isoformat() if day else None


def test_huge_notes_are_stored_as_typed(interview_setup):
    services, adviser, pupil = interview_setup
    interview = services.guidance.start_interview(adviser, pupil.id)
    big = ("A long note. " * 80_000)[:1_000_000]
    services.guidance.save(adviser, interview.id, InterviewFields(confidential_notes=big))
    assert services.guidance.get(adviser, interview.id).fields.confidential_notes == big
    with pytest.raises(ValidationError, match="million"):
        services.guidance.save(adviser, interview.id,
                               InterviewFields(confidential_notes="x" * 2_000_001))


def test_cli_plan_needs_a_password_and_batch_shows_progress(demo_db_path, tmp_path, monkeypatch,
                                                            capsys):
    conn = sqlite3.connect(demo_db_path)
    upn = conn.execute("SELECT p.upn FROM pupils p JOIN guidance_interviews g ON "
                       "g.pupil_id = p.id LIMIT 1").fetchone()[0]
    conn.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-password\n"))
    assert main(["action-plan", "--db", str(demo_db_path), "--pupil", upn, "--out",
                 str(tmp_path / "one.pdf"), "--user", "adviser", "--password-stdin"]) == 1
    assert not (tmp_path / "one.pdf").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-adviser\n"))
    assert main(["action-plan", "--db", str(demo_db_path), "--pupil", upn, "--out",
                 str(tmp_path / "one.pdf"), "--user", "adviser", "--password-stdin"]) == 0
    assert "Personal action plan" in pdf_text(tmp_path / "one.pdf")
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-leader\n"))
    assert main(["action-plan", "--db", str(demo_db_path), "--year", "13", "--out",
                 str(tmp_path / "year13"), "--user", "leader", "--password-stdin"]) == 0
    captured = capsys.readouterr()
    written = list((tmp_path / "year13").glob("*.pdf"))
    assert written and f"{len(written)}/{len(written)} plans written" in captured.err
    assert re.search(r"Wrote \d+ action plans for Year 13", captured.out)
    assert not list((tmp_path / "year13").glob("*.partial"))


def test_plan_shows_the_interests_chart_once_the_quiz_is_taken(interview_setup, tmp_path):
    services, adviser, pupil = interview_setup
    run_interview(services, adviser, pupil)
    me = services.auth.sign_in_pupil(pupil.username, "2468")
    services.careers.clock = services.guidance.clock
    services.careers.record_interests(me, pupil.id, "riasec-1", {},
                                      {"R": 10, "I": 80, "A": 20, "S": 90, "E": 30, "C": 40})
    plan = gather_action_plan(services, adviser, pupil.id)
    assert plan.interest_scores["S"] == 90
    text = pdf_text(write_action_plan(plan, tmp_path / "plan.pdf"))
    assert "Helper" in text and "Thinker" in text  # the chart's labels
    assert "You have not taken the interests quiz yet" not in text


def test_two_advisers_never_overwrite_each_other(interview_setup):
    from careersdesk.services.guidance import EditConflict

    services, adviser, pupil = interview_setup
    leader = services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    interview = services.guidance.start_interview(adviser, pupil.id)
    mine = services.guidance.get(adviser, interview.id)
    theirs = services.guidance.get(leader, interview.id)
    new_version = services.guidance.save(adviser, interview.id,
                                         InterviewFields(summary="Adviser's summary"), mine.version)
    assert new_version == mine.version + 1
    with pytest.raises(EditConflict, match="changed by Priya Sharma at"):
        services.guidance.save(leader, interview.id,
                               InterviewFields(summary="Leader's summary"), theirs.version)
    stored = services.guidance.get(adviser, interview.id)
    assert stored.fields.summary == "Adviser's summary"
    assert "Leader's summary" in stored.addenda[-1].text  # kept to reconcile, not lost


def test_easy_read_plan_says_i_will_and_hides_notes(interview_setup, tmp_path):
    from careersdesk.pdf.easy_read_plan import write_easy_read_plan

    services, adviser, pupil = interview_setup
    run_interview(services, adviser, pupil)
    plan = gather_action_plan(services, adviser, pupil.id)
    text = " ".join(pdf_text(write_easy_read_plan(plan, tmp_path / "easy.pdf")).split())
    for heading in ("My plan, Hương", "Jobs I am thinking about", "What I want",
                    "What we will do", "Next time"):
        assert heading in text
    assert "I will go to the Riverside College open evening by 5 December." in text
    assert "My careers adviser will arrange a day at the hospital." in text
    assert "We will meet again on 1 February 2027." in text
    assert MARKER not in text
