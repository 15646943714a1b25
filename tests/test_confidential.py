"""Confidential notes are encrypted at rest: a pupil who copies the file finds nothing."""

import sqlite3

import pytest
from conftest import DEMO_LOGINS

from careersdesk.cli import main
from careersdesk.crypto import DecryptionError
from careersdesk.db import backup_database, open_school_database
from careersdesk.errors import ValidationError
from careersdesk.models import Role
from careersdesk.services import Services
from careersdesk.services.guidance import InterviewFields

MARKER = "ZEBRA-MARKER-91c4e"


def files_of(path):
    """The database and every file SQLite may keep beside it."""
    return [p for p in path.parent.glob(path.name + "*") if p.is_file()]


def test_marker_is_nowhere_in_the_files(demo_db_path, tmp_path):
    services = Services(open_school_database(demo_db_path))
    adviser = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    pupil = services.pupils.list_pupils(adviser, limit=1)[0]
    interview = services.guidance.start_interview(adviser, pupil.id)
    services.guidance.save(adviser, interview.id, InterviewFields(
        confidential_notes=f"Disclosed a worry. {MARKER}", summary="Talked about nursing."))
    services.guidance.add_addendum(adviser, interview.id, f"Follow-up call. {MARKER}")
    send = services.auth.sign_in_staff(*DEMO_LOGINS[Role.SEND])
    services.pupils.set_support_notes(send, pupil.id, f"Reads with a coloured overlay. {MARKER}")
    backup = backup_database(demo_db_path, tmp_path / "backups")
    # While the app still has the database open (WAL and shared-memory files present):
    for file in [*files_of(demo_db_path), backup]:
        assert MARKER.encode() not in file.read_bytes(), file
    assert MARKER in services.guidance.get(adviser, interview.id).fields.confidential_notes
    assert MARKER in services.guidance.get(adviser, interview.id).addenda[0].text
    assert MARKER in services.pupils.support_notes(adviser, pupil.id).text
    services.close()
    for file in files_of(demo_db_path):
        assert MARKER.encode() not in file.read_bytes(), file


def test_values_cannot_be_swapped_between_pupils(demo_db_path):
    services = Services(open_school_database(demo_db_path))
    adviser = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    first, second = services.pupils.list_pupils(adviser, limit=2)
    one = services.guidance.start_interview(adviser, first.id)
    two = services.guidance.start_interview(adviser, second.id)
    services.guidance.save(adviser, one.id, InterviewFields(confidential_notes="About pupil one"))
    services.guidance.save(adviser, two.id, InterviewFields(confidential_notes="About pupil two"))
    conn = services.database.conn
    stolen = conn.execute("SELECT confidential_notes FROM guidance_interviews WHERE id = ?",
                          [one.id]).fetchone()[0]
    conn.execute("UPDATE guidance_interviews SET confidential_notes = ? WHERE id = ?",
                 [stolen, two.id])
    with pytest.raises(DecryptionError, match="moved from another record"):
        services.guidance.get(adviser, two.id)
    services.close()


def test_password_change_and_reset_keep_access(demo_services):
    services = demo_services
    admin = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADMIN])
    adviser = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    pupil = services.pupils.list_pupils(admin, limit=1)[0]
    interview = services.guidance.start_interview(adviser, pupil.id)
    services.guidance.save(adviser, interview.id, InterviewFields(confidential_notes="Kept safe"))
    services.auth.change_password(adviser, "demo-adviser", "a new passphrase")
    again = services.auth.sign_in_staff("adviser", "a new passphrase")
    assert services.guidance.get(again, interview.id).fields.confidential_notes == "Kept safe"
    services.staff.reset_password(admin, again.user_id, "reset by the admin")
    reset = services.auth.sign_in_staff("adviser", "reset by the admin")
    assert services.guidance.get(reset, interview.id).fields.confidential_notes == "Kept safe"
    # An administrator session without the key can still reset with the recovery key.
    from dataclasses import replace

    from careersdesk.demo import DEMO_RECOVERY_KEY

    keyless = replace(admin, data_key=None)
    with pytest.raises(ValidationError, match="recovery key"):
        services.staff.reset_password(keyless, reset.user_id, "yet another one")
    services.staff.reset_password(keyless, reset.user_id, "yet another one",
                                  recovery_key=DEMO_RECOVERY_KEY.lower())
    recovered = services.auth.sign_in_staff("adviser", "yet another one")
    assert services.guidance.get(recovered, interview.id).fields.confidential_notes == "Kept safe"


def test_new_staff_get_access_pupils_never_do(demo_services):
    services = demo_services
    admin = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADMIN])
    services.staff.create_staff(admin, "newadviser", "New Adviser", Role.ADVISER, "password123")
    newcomer = services.auth.sign_in_staff("newadviser", "password123")
    assert newcomer.data_key is not None and newcomer.data_key == admin.data_key
    pupil = services.pupils.list_pupils(admin, limit=1)[0]
    assert services.auth.sign_in_pupil(pupil.username, "1234").data_key is None


def test_cli_init_prints_a_recovery_key(tmp_path, monkeypatch, capsys):
    answers = iter(["first password", "first password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    path = tmp_path / "school.db"
    assert main(["init", "--db", str(path), "--school", "Brookfield", "--admin", "head"]) == 0
    out = capsys.readouterr().out
    key = out.strip().splitlines()[-1].strip()
    assert key.count("-") == 7
    conn = sqlite3.connect(path)
    owners = {row[0] for row in conn.execute("SELECT owner FROM key_wraps")}
    conn.close()
    assert owners == {"staff:1", "recovery"}
