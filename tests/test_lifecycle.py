"""Destinations, year end, retention, subject access, erasure and the audit log."""

import io
import json
import sqlite3

import pytest
from conftest import DEMO_LOGINS
from pypdf import PdfReader

from careersdesk.cli import main
from careersdesk.db import check_database
from careersdesk.errors import PermissionDenied, ValidationError
from careersdesk.models import PupilFilter, Role
from careersdesk.services.audit import verify_chain


@pytest.fixture
def admin(demo_services):
    return demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADMIN])


def test_destinations_intended_and_actual(demo_services, admin):
    pupil = demo_services.pupils.list_pupils(admin, PupilFilter(year_groups=(11,)), limit=1)[0]
    demo_services.destinations.record(admin, pupil.id, "intended", "apprenticeship",
                                      provider="Hollins Engineering", detail="Level 3 maintenance")
    demo_services.destinations.record(admin, pupil.id, "actual", "fe_college", checkpoint=1)
    recorded = demo_services.destinations.for_pupil(admin, pupil.id)
    assert [(d.stage, d.kind) for d in recorded] == [("actual", "fe_college"),
                                                    ("intended", "apprenticeship")]
    with pytest.raises(ValidationError):
        demo_services.destinations.record(admin, pupil.id, "actual", "astronaut")
    with pytest.raises(ValidationError, match="three years"):
        demo_services.destinations.record(admin, pupil.id, "actual", "employment", checkpoint=4)
    send = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.SEND])
    with pytest.raises(PermissionDenied):
        demo_services.destinations.record(send, pupil.id, "actual", "employment")


def test_year_end_moves_everyone_up_archives_leavers_and_can_be_undone(demo_db_path, tmp_path,
                                                                       capsys):
    conn = sqlite3.connect(demo_db_path)
    before = dict(conn.execute("SELECT id, year_group FROM pupils"))
    staying = conn.execute("SELECT upn FROM pupils WHERE year_group = 13 LIMIT 1").fetchone()[0]
    conn.close()
    assert main(["year-end", "--db", str(demo_db_path)]) == 0
    assert "Nothing changed" in capsys.readouterr().out
    assert main(["year-end", "--db", str(demo_db_path), "--stay-on", staying, "--yes",
                 "--backup-dir", str(tmp_path / "backups")]) == 0
    out = capsys.readouterr().out
    assert "To undo" in out
    conn = sqlite3.connect(demo_db_path)
    after = {row[0]: row[1:] for row in conn.execute(
        "SELECT id, year_group, archived_at, left_on, upn FROM pupils")}
    conn.close()
    for pupil_id, year in before.items():
        new_year, archived, left_on, upn = after[pupil_id]
        if year == 13 and upn != staying:
            assert archived and left_on and new_year == 13  # leavers are kept, archived
        else:
            assert new_year == year + 1 and not archived
    # Running it twice in one school year would move everyone up twice: refused.
    assert main(["year-end", "--db", str(demo_db_path), "--yes",
                 "--backup-dir", str(tmp_path / "backups")]) == 1
    assert "already been run" in capsys.readouterr().err
    backup = next((tmp_path / "backups").iterdir())
    assert main(["restore", "--from", str(backup), "--db", str(demo_db_path), "--force"]) == 0
    conn = sqlite3.connect(demo_db_path)
    assert dict(conn.execute("SELECT id, year_group FROM pupils")) == before
    conn.close()


def test_purge_leavers_past_retention(demo_services, admin, clock):
    services = demo_services
    services.data_protection.clock = clock
    leaver = services.pupils.list_pupils(admin, limit=1)[0]
    # Straight to the file: the pupil left years ago.
    services.database.conn.execute("UPDATE pupils SET archived_at = '2018-07-20', "
                                   "left_on = '2018-07-20' WHERE id = ?", [leaver.id])
    assert [row[0] for row in services.data_protection.leavers_past_retention(admin)] == [leaver.id]
    services.data_protection.set_retention_years(admin, 10)
    assert services.data_protection.leavers_past_retention(admin) == []
    services.data_protection.set_retention_years(admin, 6)
    assert services.data_protection.purge_leavers(admin) == 1
    assert services.database.execute("SELECT count(*) FROM pupils WHERE id = ?",
                                     [leaver.id]).fetchone()[0] == 0
    adviser = services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    with pytest.raises(PermissionDenied):
        services.data_protection.purge_leavers(adviser)


def test_subject_access_export_needs_an_admin_password(demo_db_path, tmp_path, monkeypatch,
                                                       capsys):
    conn = sqlite3.connect(demo_db_path)
    upn = conn.execute("SELECT upn FROM pupils WHERE id IN (SELECT pupil_id FROM encounters) "
                       "LIMIT 1").fetchone()[0]
    conn.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main(["export-pupil", "--db", str(demo_db_path), "--pupil", upn, "--out",
                 str(tmp_path), "--user", "admin", "--password-stdin"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-adviser\n"))
    assert main(["export-pupil", "--db", str(demo_db_path), "--pupil", upn, "--out",
                 str(tmp_path), "--user", "adviser", "--password-stdin"]) == 1
    assert "cannot do that" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("demo-admin\n"))
    assert main(["export-pupil", "--db", str(demo_db_path), "--pupil", upn, "--out",
                 str(tmp_path), "--user", "admin", "--password-stdin"]) == 0
    record = json.loads((tmp_path / f"subject-access-{upn}.json").read_text(encoding="utf-8"))
    assert record["pupil"]["upn"] == upn and record["encounters"]
    assert "pin_hash" not in record["pupil"]
    pdf_text = PdfReader(tmp_path / f"subject-access-{upn}.pdf").pages[0].extract_text()
    assert record["pupil"]["legal_last_name"] in pdf_text


def test_erasure_leaves_only_an_anonymous_count(demo_services, admin):
    services = demo_services
    pupil = services.pupils.list_pupils(admin, limit=1)[0]
    services.data_protection.erase_pupil(admin, pupil.id)
    conn = services.database
    assert conn.execute("SELECT count(*) FROM pupils WHERE id = ?", [pupil.id]).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM encounters WHERE pupil_id = ?",
                        [pupil.id]).fetchone()[0] == 0
    assert services.data_protection.erased_count(admin) == 1
    log = " ".join(row[0] for row in conn.execute("SELECT detail FROM audit_log"))
    assert pupil.legal_last_name not in log and pupil.upn not in log
    assert check_database(services.database.path).foreign_key_problems == 0


def test_audit_chain_detects_tampering(demo_db_path, capsys):
    assert main(["import-roster", "--db", str(demo_db_path), "--dry-run",
                 "tests/data/roster_sims.csv"]) in (0, 2)
    from careersdesk.db import open_school_database
    from careersdesk.services import Services

    services = Services(open_school_database(demo_db_path))
    admin = services.auth.sign_in_staff("admin", "demo-admin")
    for years in (7, 8, 9):
        services.data_protection.set_retention_years(admin, years)
    assert verify_chain(services.database) is None
    with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
        services.database.conn.execute("DELETE FROM audit_log WHERE id = 2")
    # Someone with a SQLite editor drops the triggers and edits an entry.
    conn = services.database.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET detail = '{\"years\": 1}' WHERE id = 2")
    assert verify_chain(services.database) == 2
    services.close()
    assert main(["audit", "verify", "--db", str(demo_db_path)]) == 1
    assert "broken at entry 2" in capsys.readouterr().err


def test_audit_show_lists_entries(demo_db_path, capsys):
    from careersdesk.db import open_school_database
    from careersdesk.services import Services

    services = Services(open_school_database(demo_db_path))
    admin = services.auth.sign_in_staff("admin", "demo-admin")
    services.data_protection.set_retention_years(admin, 8)
    services.close()
    assert main(["audit", "show", "--db", str(demo_db_path), "--actor", "admin:admin"]) == 0
    assert "data_protection.retention" in capsys.readouterr().out


def test_changes_to_a_pupil_record_are_in_the_audit_log(demo_services, admin):
    from careersdesk.models import NewPupil

    pupil = demo_services.pupils.create(admin, NewPupil("Ana", "Reis", 8))
    demo_services.pupils.update(admin, pupil.id, form="8Z")
    demo_services.pupils.set_pin(admin, pupil.id, "8642")
    demo_services.pupils.archive(admin, pupil.id)
    actions = [e.action for e in demo_services.audit.entries(admin, pupil_id=pupil.id)]
    assert actions == ["pupil.create", "pupil.update", "pupil.set_pin", "pupil.archive"]
    assert "form" in demo_services.audit.entries(admin, pupil_id=pupil.id)[1].detail
