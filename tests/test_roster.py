"""Roster import from MIS exports: all or nothing, with every problem named by row and column."""

import datetime as dt
import json
import sqlite3

import pytest
from conftest import REPO

from careersdesk.cli import main
from careersdesk.db import open_school_database
from careersdesk.demo import demo_pupils
from careersdesk.errors import PermissionDenied
from careersdesk.models import Role, SendStatus
from careersdesk.roster import RosterFileError, parse_date, parse_roster, parse_year_group
from careersdesk.services import Services

DATA = REPO / "tests" / "data"
TODAY = dt.date(2026, 11, 22)
SAMPLES = ["roster_sims.csv", "roster_arbor.csv", "roster_bromcom.csv", "roster_generic_utf16.csv"]
HEADER = "UPN,Legal Surname,Legal Forename,Year,DOB,Reg,PP,SEN Status\r\n"


def valid_upn(serial: int) -> str:
    from stdnum.gb import upn

    body = f"8864999{26:02d}{serial:03d}"
    return upn.calc_check_digit(body) + body


@pytest.fixture
def empty_school(tmp_path, clock):
    path = tmp_path / "school.db"
    services = Services(open_school_database(path), clock)
    services.staff.create_first_admin("head", "Head", "password123")
    session = services.auth.sign_in_staff("head", "password123")
    yield path, services, session
    services.close()


def pupils_in(path):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = {row["upn"]: dict(row) for row in conn.execute("SELECT * FROM pupils")}
    conn.close()
    return rows


@pytest.mark.parametrize("sample", SAMPLES)
def test_cli_imports_each_mis_sample(empty_school, sample, capsys):
    path, _, _ = empty_school
    code = main(["import-roster", "--db", str(path), str(DATA / sample)])
    out = capsys.readouterr().out
    assert code == 0, out
    stored = pupils_in(path)
    expected = {p.upn: p for p in demo_pupils(60, 404, TODAY)}
    assert len(stored) >= 50 and f"{len(stored)} to add" in out
    for upn, row in stored.items():
        pupil = expected[upn]
        assert (row["legal_first_name"], row["legal_last_name"]) == (
            pupil.legal_first_name, pupil.legal_last_name)
        assert row["year_group"] == pupil.year_group and row["form"] == pupil.form
        assert row["date_of_birth"] == pupil.date_of_birth.isoformat()
        assert bool(row["pupil_premium"]) == pupil.pupil_premium
        assert row["send_status"] == pupil.send_status.value
        assert bool(row["looked_after"]) == pupil.looked_after and bool(row["eal"]) == pupil.eal


def test_reimport_changes_nothing_then_updates_and_archives(empty_school, tmp_path):
    path, services, session = empty_school
    first = services.roster.preview(session, services.roster.read(session, DATA / "roster_sims.csv"))
    services.roster.commit(session, first)
    before = pupils_in(path)
    again = services.roster.preview(session, services.roster.read(session, DATA / "roster_sims.csv"))
    assert (len(again.to_add), len(again.to_update), len(again.to_archive)) == (0, 0, 0)
    assert again.unchanged == 60

    lines = (DATA / "roster_sims.csv").read_text(encoding="utf-8-sig").splitlines()
    leaver = lines.pop(5)  # one pupil has left
    moved = lines[2].split(",")
    moved[7] = "9Z"  # another changed form
    lines[2] = ",".join(moved)
    changed = tmp_path / "changed.csv"
    changed.write_text("\n".join(lines), encoding="utf-8")
    preview = services.roster.preview(session, services.roster.read(session, changed))
    assert len(preview.to_archive) == 1 and len(preview.to_update) == 1
    assert preview.to_update[0].changes["form"][1] == "9Z"
    services.roster.commit(session, preview)
    after = pupils_in(path)
    leaver_upn = leaver.split(",")[0]
    assert after[leaver_upn]["archived_at"] is not None  # kept, not deleted
    assert after[moved[0]]["form"] == "9Z"
    assert {u: r["username"] for u, r in after.items()} == {u: r["username"] for u, r in before.items()}


def test_a_new_upn_with_a_known_mis_id_is_the_same_pupil(empty_school, tmp_path):
    path, services, session = empty_school
    roster = tmp_path / "r.csv"
    roster.write_text("UPN,Adno,Surname,Forename,Year\n" f"{valid_upn(1)},777,Nowak,Ola,9\n",
                      encoding="utf-8")
    services.roster.commit(session, services.roster.preview(session, services.roster.read(session, roster)))
    roster.write_text("UPN,Adno,Surname,Forename,Year\n" f"{valid_upn(2)},777,Nowak,Ola,9\n",
                      encoding="utf-8")
    preview = services.roster.preview(session, services.roster.read(session, roster))
    assert not preview.to_add and preview.to_update[0].changes["upn"] == (valid_upn(1), valid_upn(2))


def test_dry_run_writes_nothing_and_json_reports(empty_school, capsys):
    path, _, _ = empty_school
    code = main(["import-roster", "--db", str(path), str(DATA / "roster_arbor.csv"), "--dry-run",
                 "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["add"] == 60 and report["written"] is False
    assert report["columns"]["Registration Form"] == "form"
    assert pupils_in(path) == {}


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200, "Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "old Excel"),
    (b"\x00\x01\x02\x03binary\x00stuff", "binary"),
])
def test_files_that_are_not_rosters_are_refused(content, words):
    with pytest.raises(RosterFileError, match=words):
        parse_roster(content, today=TODAY)


def test_every_problem_is_listed_by_row_and_column(empty_school, tmp_path, capsys):
    path, _, _ = empty_school
    bad_check = valid_upn(3)
    bad_check = ("A" if bad_check[0] != "A" else "B") + bad_check[1:]
    roster = tmp_path / "bad.csv"
    roster.write_text(HEADER + "\r\n".join([
        f"{valid_upn(1)},Smith,Ann,9,01/03/2012,9A,Y,N",
        f"{valid_upn(1)},Smith,Ben,9,01/03/2012,9A,N,N",      # duplicate UPN
        f"{bad_check},Jones,Cat,10,01/03/2011,10A,N,N",         # wrong check letter
        f"{valid_upn(4)},Khan,Dev,15,01/03/2011,10A,N,N",      # year 15
        f"{valid_upn(5)},Lee,Eve,8,31/02/2013,8A,N,N",         # impossible date
        f"{valid_upn(6)},Ng,Fay,8,01/03/1970,8A,N,N",          # age 56
        f"{valid_upn(7)},Ola,Gus,8,01/03/2013,8A,maybe,N",     # not yes/no
        f"{valid_upn(8)},Roe,Hal,8,01/03/2013,8A,N,Z",         # unknown SEN code
        f"{valid_upn(9)},Short,Row",                           # too few values
        ",Blank,Ivy,8,01/03/2013,8A,N,N",                     # missing UPN
    ]), encoding="utf-8")
    code = main(["import-roster", "--db", str(path), str(roster)])
    err = capsys.readouterr().err
    assert code == 2 and "nothing changed" in err
    for expected in ("row 3, UPN", "row 4, UPN", "row 5, year group", "row 6, date of birth",
                     "row 7, date of birth", "row 8, pupil premium", "row 9, SEN status",
                     "row 10, row", "row 11, UPN: is missing"):
        assert expected in err, expected
    assert pupils_in(path) == {}


def test_missing_columns_are_named(empty_school, tmp_path, capsys):
    path, _, _ = empty_school
    roster = tmp_path / "cols.csv"
    roster.write_text("Name,Class\nAnn Smith,9A\n", encoding="utf-8")
    assert main(["import-roster", "--db", str(path), str(roster)]) == 2
    err = capsys.readouterr().err
    assert "No column for UPN, surname, forename, year group" in err


def test_a_huge_file_is_refused_whole(tmp_path):
    body = "".join(f"{valid_upn(n % 1000)},S,F,9\n" for n in range(100_001))
    with pytest.raises(RosterFileError, match="at most 50,000"):
        parse_roster(("UPN,Surname,Forename,Year\n" + body).encode(), today=TODAY)


def test_excel_mangling_and_separators_are_understood():
    text = ("\ufeffUPN;Surname;Forename;NC Year;Date of Birth;Reg Group;PP\r\n"
            f'{valid_upn(1)};"O\'Brien; Jr";"Siobhán";Y10;2011-03-01 00:00:00;10R;TRUE\r\n')
    parsed = parse_roster(text.encode("utf-8"), today=TODAY)
    assert not parsed.problems
    pupil = parsed.rows[0].pupil
    assert pupil.legal_last_name == "O'Brien; Jr" and pupil.legal_first_name == "Siobhán"
    assert pupil.year_group == 10 and pupil.date_of_birth == dt.date(2011, 3, 1)
    assert pupil.pupil_premium and pupil.send_status is SendStatus.NONE


def test_windows_1252_names_survive():
    text = f"UPN,Surname,Forename,Year\r\n{valid_upn(1)},Müller,Zoë,7\r\n"
    parsed = parse_roster(text.encode("cp1252"), today=TODAY)
    assert parsed.encoding == "Windows-1252"
    assert parsed.rows[0].pupil.legal_last_name == "Müller"


def test_year_14_with_an_ehc_plan_is_accepted():
    text = f"UPN,Surname,Forename,Year,SEN\n{valid_upn(1)},Ali,Sam,14,EHCP\n"
    pupil = parse_roster(text.encode(), today=TODAY).rows[0].pupil
    assert pupil.year_group == 14 and pupil.send_status is SendStatus.EHC_PLAN


@pytest.mark.parametrize("raw, year", [("9", 9), ("Year 9", 9), ("Y9", 9), ("NC Year 11", 11),
                                       ("R", None), ("", None)])
def test_year_groups(raw, year):
    assert parse_year_group(raw) == year


@pytest.mark.parametrize("raw, day", [("01/09/2012", dt.date(2012, 9, 1)),
                                      ("2012-09-01", dt.date(2012, 9, 1)),
                                      ("2012-09-01T00:00:00", dt.date(2012, 9, 1)),
                                      ("1 Sep 2012", dt.date(2012, 9, 1))])
def test_dates(raw, day):
    assert parse_date(raw) == day


def test_only_leaders_and_admins_import(demo_services):
    adviser = demo_services.auth.sign_in_staff("adviser", "demo-adviser")
    with pytest.raises(PermissionDenied):
        demo_services.roster.read(adviser, DATA / "roster_sims.csv")
    leader = demo_services.auth.sign_in_staff("leader", "demo-leader")
    assert leader.role is Role.CAREERS_LEADER
    assert demo_services.roster.read(leader, DATA / "roster_sims.csv").rows


def test_saved_mapping_is_used_next_time(empty_school, tmp_path):
    path, services, session = empty_school
    roster = tmp_path / "odd.csv"
    roster.write_text(f"UPN,Surname,Forename,Year,Pastoral Group\n{valid_upn(1)},Ali,Sam,9,9 North\n",
                      encoding="utf-8")
    parsed = services.roster.read(session, roster)
    assert "Pastoral Group" in parsed.ignored_columns
    services.roster.save_mapping(session, {"Pastoral Group": "form"})
    parsed = services.roster.read(session, roster)
    assert parsed.mapping["Pastoral Group"] == "form" and parsed.rows[0].pupil.form == "9 North"
    services.roster.commit(session, services.roster.preview(session, parsed))
    assert services.roster.saved_mapping()["Pastoral Group"] == "form"


def test_columns_missing_from_the_file_are_left_alone(empty_school, tmp_path):
    path, services, session = empty_school
    full = tmp_path / "full.csv"
    full.write_text(f"UPN,Surname,Forename,Year,PP,Form\n{valid_upn(1)},Ali,Sam,9,Y,9A\n",
                    encoding="utf-8")
    services.roster.commit(session, services.roster.preview(session, services.roster.read(session, full)))
    partial = tmp_path / "partial.csv"
    partial.write_text(f"UPN,Surname,Forename,Year\n{valid_upn(1)},Ali,Sam,10\n", encoding="utf-8")
    preview = services.roster.preview(session, services.roster.read(session, partial))
    assert preview.to_update[0].changes == {"year_group": (9, 10)}
    services.roster.commit(session, preview)
    row = pupils_in(path)[valid_upn(1)]
    assert row["pupil_premium"] == 1 and row["form"] == "9A" and row["year_group"] == 10
