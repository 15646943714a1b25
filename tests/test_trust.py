"""Attacks on trust: every operation by every role, two machines at once, a power cut."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from conftest import DEMO_LOGINS, REPO

from careersdesk.db import check_database, open_school_database
from careersdesk.encounters import EncounterDetails
from careersdesk.errors import PermissionDenied
from careersdesk.models import AccessibilityPreferences, NewPupil, PupilFilter, Role
from careersdesk.services import Services
from careersdesk.services.careers import PupilChoices, QuizProgress
from careersdesk.services.guidance import ActionStatus, InterviewFields, NewAction
from careersdesk.stress import (
    NOTES_MARK,
    missing_writes,
    prepare_school,
    run_kill_trials,
    run_shared_writers,
)

ROLES = ["own_pupil", "other_pupil", Role.ADVISER, Role.CAREERS_LEADER, Role.SEND, Role.ADMIN,
         "signed_out"]
STAFF = {Role.ADVISER, Role.CAREERS_LEADER, Role.SEND, Role.ADMIN}
EVERYONE = STAFF | {"own_pupil"}

# operation -> (call(services, session, ctx), roles allowed)
OPERATIONS = {
    "pupils.get": (lambda s, who, c: s.pupils.get(who, c["pupil"].id), EVERYONE),
    "pupils.list": (lambda s, who, c: s.pupils.list_pupils(who, limit=1), STAFF),
    "pupils.create": (lambda s, who, c: s.pupils.create(who, NewPupil("Ana", "Reis", 8)),
                      {Role.ADMIN, Role.CAREERS_LEADER}),
    "pupils.update": (lambda s, who, c: s.pupils.update(who, c["pupil"].id, form="9Z"),
                      {Role.ADMIN, Role.CAREERS_LEADER}),
    "pupils.set_pin": (lambda s, who, c: s.pupils.set_pin(who, c["pupil"].id, "1234"), STAFF),
    "pupils.accessibility": (lambda s, who, c: s.pupils.set_accessibility(
        who, c["pupil"].id, AccessibilityPreferences(simplified_mode=True)), EVERYONE),
    "staff.list": (lambda s, who, c: s.staff.list_staff(who), {Role.ADMIN, Role.CAREERS_LEADER}),
    "staff.create": (lambda s, who, c: s.staff.create_staff(
        who, f"u{time.perf_counter_ns()}", "X", Role.SEND, "password123"), {Role.ADMIN}),
    # Any signed-in pupil may read the school's name: not about one pupil.
    "school.settings": (lambda s, who, c: s.school.settings(who), EVERYONE | {"other_pupil"}),
    "school.update": (lambda s, who, c: s.school.update_settings(who, idle_lock_minutes=9),
                      {Role.ADMIN, Role.CAREERS_LEADER}),
    "encounters.for_pupil": (lambda s, who, c: s.encounters.for_pupil(who, c["pupil"].id),
                             EVERYONE),
    "encounters.record": (lambda s, who, c: s.encounters.record_for_pupil(
        who, c["pupil"].id, EncounterDetails("Talk", "employer_talk", dt.date(2026, 10, 1))),
        EVERYONE),
    "encounters.group": (lambda s, who, c: s.encounters.record_group_event(
        who, EncounterDetails("Fair", "careers_fair", dt.date(2026, 10, 1)), [c["pupil"].id]),
        STAFF),
    "tracking.pupil": (lambda s, who, c: s.tracking.for_pupil(who, c["pupil"].id), EVERYONE),
    "tracking.cohort": (lambda s, who, c: s.tracking.cohort(who, PupilFilter(year_groups=(7,))),
                        STAFF),
    "guidance.start": (lambda s, who, c: s.guidance.start_interview(who, c["pupil"].id),
                       {Role.ADVISER, Role.CAREERS_LEADER}),
    "guidance.save": (lambda s, who, c: s.guidance.save(who, c["interview"].id,
                                                        InterviewFields(summary="x")),
                      {Role.ADVISER, Role.CAREERS_LEADER}),
    "guidance.get": (lambda s, who, c: s.guidance.get(who, c["interview"].id), EVERYONE),
    "guidance.caseload": (lambda s, who, c: s.guidance.caseload(who, limit=1), STAFF),
    "guidance.add_action": (lambda s, who, c: s.guidance.add_action(
        who, c["pupil"].id, NewAction("Do a thing")), {Role.ADVISER, Role.CAREERS_LEADER}),
    "actions.tick": (lambda s, who, c: s.guidance.set_action_status(
        who, c["action"].id, ActionStatus.IN_PROGRESS),
        {"own_pupil", Role.ADVISER, Role.CAREERS_LEADER}),
    "roster.read": (lambda s, who, c: s.roster.read(who, REPO / "tests/data/roster_sims.csv"),
                    {Role.ADMIN, Role.CAREERS_LEADER}),
    "destinations.record": (lambda s, who, c: s.destinations.record(
        who, c["pupil"].id, "intended", "university"),
        {Role.ADMIN, Role.CAREERS_LEADER, Role.ADVISER}),
    "year_end.plan": (lambda s, who, c: s.year_end.plan(who), {Role.ADMIN, Role.CAREERS_LEADER}),
    "data_protection.export": (lambda s, who, c: s.data_protection.export_pupil(
        who, c["pupil"].id), {Role.ADMIN}),
    "audit.entries": (lambda s, who, c: s.audit.entries(who), {Role.ADMIN}),
    # A pupil's own careers space: theirs to change, staff may read it.
    "careers.record_interests": (lambda s, who, c: s.careers.record_interests(
        who, c["pupil"].id, "test", {"R1": 5}, dict.fromkeys("RIASEC", 50.0)), {"own_pupil"}),
    "careers.interest_history": (lambda s, who, c: s.careers.interest_history(
        who, c["pupil"].id), EVERYONE),
    "careers.save_career": (lambda s, who, c: s.careers.save_career(who, c["pupil"].id, "vet"),
                            {"own_pupil"}),
    "careers.shortlist": (lambda s, who, c: s.careers.shortlist(who, c["pupil"].id), EVERYONE),
    "careers.choices": (lambda s, who, c: s.careers.choices(who, c["pupil"].id), EVERYONE),
    "careers.set_choices": (lambda s, who, c: s.careers.set_choices(
        who, c["pupil"].id, PupilChoices(("maths",), ("good-pay",))), {"own_pupil"}),
    "pupils.support_notes": (lambda s, who, c: s.pupils.support_notes(who, c["pupil"].id),
                             {Role.SEND, Role.ADVISER}),
    "pupils.set_support_notes": (lambda s, who, c: s.pupils.set_support_notes(
        who, c["pupil"].id, "Needs extra time"), {Role.SEND, Role.ADVISER}),
    "actions.own_goal": (lambda s, who, c: s.guidance.add_own_goal(who, c["pupil"].id, "Goal"),
                         {"own_pupil"}),
    "careers.quiz_progress": (lambda s, who, c: s.careers.save_quiz_progress(
        who, c["pupil"].id, QuizProgress(False, {"R1": 4})), {"own_pupil"}),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory, demo_template):
    path = tmp_path_factory.mktemp("matrix") / "school.db"
    path.write_bytes(demo_template.read_bytes())
    services = Services(open_school_database(path))
    sessions = {role: services.auth.sign_in_staff(*DEMO_LOGINS[role]) for role in STAFF}
    first, second = services.pupils.list_pupils(sessions[Role.ADMIN], limit=2)
    sessions["own_pupil"] = services.auth.sign_in_pupil(first.username, "1234")
    sessions["other_pupil"] = services.auth.sign_in_pupil(second.username, "1234")
    sessions["signed_out"] = None
    interview = services.guidance.start_interview(sessions[Role.ADVISER], first.id)
    action = services.guidance.add_action(sessions[Role.ADVISER], first.id, NewAction("Read"))
    yield services, sessions, {"pupil": first, "interview": interview, "action": action}
    services.close()


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("role", ROLES, ids=str)
def test_authorisation_matrix(world, operation, role):
    services, sessions, context = world
    call, allowed = OPERATIONS[operation]
    if role in allowed:
        call(services, sessions[role], context)
    else:
        with pytest.raises(PermissionDenied):
            call(services, sessions[role], context)


WRITER = """
import sys, datetime as dt
from careersdesk.db import open_school_database
from careersdesk.services import Services
services = Services(open_school_database(sys.argv[1], network=True))
for number in range(int(sys.argv[3])):
    services.school.write_settings_unchecked({f"{sys.argv[2]}-{number}": "written"})
    print(number, flush=True)
"""


def test_two_machines_write_to_one_network_database(tmp_path):
    path = tmp_path / "shared.db"
    open_school_database(path, network=True).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "150"],
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for name in ("suite-pc-01", "suite-pc-02")]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read().decode()
    services = Services(open_school_database(path, network=True))
    count = services.database.execute("SELECT count(*) FROM settings WHERE value = 'written'")
    assert count.fetchone()[0] == 300
    services.close()
    assert check_database(path).healthy
    assert not (tmp_path / "shared.db-wal").exists()  # rollback journal, not WAL, on a share


@pytest.mark.parametrize("network", [False, True], ids=["local", "network"])
def test_a_power_cut_mid_write_loses_only_the_unfinished_change(tmp_path, network):
    path = tmp_path / "school.db"
    open_school_database(path, network=network).close()
    program = WRITER.replace("network=True", f"network={network}")
    writer = subprocess.Popen([sys.executable, "-c", program, str(path), "pc", "100000"],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    written = 0
    for line in writer.stdout:
        written = int(line) + 1
        if written >= 200:
            break
    os.kill(writer.pid, signal.SIGKILL)  # no clean shutdown, as when the power goes
    writer.wait()
    assert check_database(path).integrity == ["ok"]
    services = Services(open_school_database(path, network=network))
    stored = services.database.execute(
        "SELECT count(*) FROM settings WHERE key LIKE 'pc-%'").fetchone()[0]
    services.close()
    assert stored >= written  # every change reported as done is still there


# -- the shared network database under attack (full versions: careersdesk-admin bench) --------

@pytest.fixture(scope="module")
def shared_school(tmp_path_factory):
    path = tmp_path_factory.mktemp("shared") / "shared.db"
    prepare_school(path, pupils=80)
    return path


def test_eight_machines_writing_at_once_lose_nothing_and_see_no_lock_errors(shared_school):
    figures = run_shared_writers(shared_school, processes=8, seconds=3)
    assert figures.other_errors == []  # first, so that a crashed writer shows its traceback
    assert figures.busy_errors == 0
    assert figures.writes > 8 * 4  # every machine got through several rounds of each kind
    assert figures.lost_writes == 0
    assert figures.integrity == ["ok"]


def test_killing_the_writer_at_random_moments_keeps_every_confirmed_change(shared_school):
    figures = run_kill_trials(shared_school, trials=8, seed=5)
    assert figures.failures == []
    assert figures.confirmed_writes > 0


def test_a_file_held_past_the_busy_timeout_is_waited_for_not_reported(tmp_path):
    path = tmp_path / "held.db"
    open_school_database(path, network=True).close()
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another machine in the middle of a long write
    release = threading.Timer(1.0, holder.execute, ["COMMIT"])
    release.start()
    database = open_school_database(path, network=True, busy_timeout_ms=100)
    started = time.monotonic()
    with database.atomic():
        database.execute("INSERT INTO settings (key, value) VALUES ('waited', 'yes')")
    assert time.monotonic() - started >= 0.9  # it waited for the other machine...
    assert database.execute("SELECT value FROM settings WHERE key = 'waited'").fetchone()[0] == "yes"
    release.join()
    holder.close()
    database.close()


def test_a_local_file_moved_to_a_network_folder_opens_while_another_machine_has_it_open(tmp_path):
    # Made on a local disk, so in WAL mode; the first network open switches it to a rollback
    # journal, which SQLite refuses at once (no busy wait) while anyone else has the file open.
    # Eight machines opening it together used to all fail this way.
    path = tmp_path / "moved.db"
    open_school_database(path, network=False).close()
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    assert holder.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    holder.execute("SELECT count(*) FROM settings").fetchone()  # holds the WAL open
    release = threading.Timer(1.0, holder.close)
    release.start()
    started = time.monotonic()
    database = open_school_database(path, network=True, busy_timeout_ms=100)
    assert time.monotonic() - started >= 0.9  # it waited for the other machine to let go...
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # ...then switched
    release.join()
    database.close()


def test_a_read_waits_for_another_machine_to_finish_writing(tmp_path):
    path = tmp_path / "held.db"
    database = open_school_database(path, network=True, busy_timeout_ms=100)
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another machine committing a big import
    holder.execute("INSERT INTO settings (key, value) VALUES ('from', 'elsewhere')")
    release = threading.Timer(1.0, holder.execute, ["COMMIT"])
    release.start()
    started = time.monotonic()
    rows = list(database.query("SELECT value FROM settings WHERE key = 'from'"))
    assert time.monotonic() - started >= 0.9  # waited past its own busy timeout...
    assert rows == [{"value": "elsewhere"}]  # ...and then saw the other machine's write
    release.join()
    holder.close()
    database.close()


def test_a_write_outside_a_transaction_is_refused(tmp_path):
    # Every write goes through atomic(), which is where the busy retry and all-or-nothing live.
    database = open_school_database(tmp_path / "school.db")
    with pytest.raises(RuntimeError, match="outside SchoolDatabase.atomic"):
        database.execute("INSERT INTO settings (key, value) VALUES ('loose', 'x')")
    with database.atomic():
        database.execute("INSERT INTO settings (key, value) VALUES ('inside', 'x')")
    database.close()


def test_a_file_that_stays_locked_still_ends_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr("careersdesk.db.RETRY_BUSY_FOR_S", 0.5)
    path = tmp_path / "held.db"
    open_school_database(path, network=True).close()
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    database = open_school_database(path, network=True, busy_timeout_ms=50)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        with database.atomic():
            database.execute("INSERT INTO settings (key, value) VALUES ('never', 'x')")
    holder.execute("ROLLBACK")
    holder.close()
    database.close()


def test_the_stress_check_notices_a_lost_write(shared_school):
    # The checks above are only worth something if a missing change would be reported.
    lost = missing_writes(shared_school, [("encounter", 10**9, "-"), ("action", 10**9, "-"),
                                          ("notes", 1, f"{NOTES_MARK} 0-{10**9}"),
                                          ("group", 10**9, "30")])
    assert len(lost) == 4
