import datetime as dt
import sqlite3
import unicodedata

import pytest
from conftest import DEMO_LOGINS
from stdnum.gb import upn

from careersdesk.demo import academic_year_start, build_demo_school, demo_pupils
from careersdesk.models import Role, SendStatus

TODAY = dt.date(2026, 11, 22)


def test_same_seed_same_school_other_seed_other_school():
    assert demo_pupils(300, 11, TODAY) == demo_pupils(300, 11, TODAY)
    assert demo_pupils(300, 11, TODAY) != demo_pupils(300, 12, TODAY)


def test_flags_in_realistic_proportions():
    pupils = demo_pupils(6000, 3, TODAY)
    share = lambda test: sum(map(test, pupils)) / len(pupils)  # noqa: E731
    assert 0.22 < share(lambda p: p.pupil_premium) < 0.28
    assert 0.11 < share(lambda p: p.send_status is SendStatus.SUPPORT) < 0.15
    assert 0.01 < share(lambda p: p.send_status is SendStatus.EHC_PLAN) < 0.03
    assert 0.004 < share(lambda p: p.looked_after) < 0.02
    assert {p.year_group for p in pupils} == set(range(7, 14))


def test_upns_valid_and_unique_and_ages_fit_year_groups():
    pupils = demo_pupils(6000, 5, TODAY)
    upns = [p.upn for p in pupils]
    assert all(upn.is_valid(code) for code in upns)
    assert len(set(upns)) == len(upns)
    start = academic_year_start(TODAY)
    for pupil in pupils:
        # On 31 August before this school year, a Year 7 pupil was 11.
        end = dt.date(start, 8, 31)
        born = pupil.date_of_birth
        age_at_start = end.year - born.year - ((end.month, end.day) < (born.month, born.day))
        assert age_at_start == pupil.year_group + 4, pupil


def test_names_cover_accents_apostrophes_and_other_scripts():
    pupils = demo_pupils(1500, 2026, TODAY)
    names = [f"{p.legal_first_name} {p.legal_last_name}" for p in pupils]
    assert any("'" in name for name in names)
    assert any(any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", name))
               for name in names)
    scripts = {unicodedata.name(ch).split()[0] for name in names for ch in name if ch.isalpha()}
    assert {"LATIN", "GREEK", "CYRILLIC", "ARABIC", "CJK"} & scripts >= {"LATIN", "CYRILLIC"}
    assert len(scripts - {"LATIN"}) >= 3


def test_demo_school_file_has_everyone_and_accounts_work(demo_services):
    auth = demo_services.auth
    for role, (username, password) in DEMO_LOGINS.items():
        assert auth.sign_in_staff(username, password).role is role
    username = demo_services.school.sample_usernames()[0][0]
    assert auth.sign_in_pupil(username, "1234").role is Role.PUPIL
    settings = demo_services.school.read_settings_unchecked()
    assert settings.is_demo and "demo" in settings.school_name


def test_demo_refuses_to_overwrite(tmp_path):
    path = tmp_path / "school.db"
    build_demo_school(path, pupils=5)
    with pytest.raises(FileExistsError):
        build_demo_school(path, pupils=5)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM pupils").fetchone()[0] == 5
