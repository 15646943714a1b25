"""Databases written by earlier versions open, upgrade and keep their data.

tests/data/school-<version>.db is a small demo school saved by each release; add one for every
release that changes the schema, and never change an old one.
"""

import shutil
import sqlite3

import pytest
from conftest import REPO

from careersdesk.db import check_database, open_school_database
from careersdesk.errors import DatabaseOpenError
from careersdesk.migrations import known_migration_names
from careersdesk.services import Services

FIXTURES = sorted((REPO / "tests" / "data").glob("school-*.db"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_old_database_upgrades_and_keeps_everything(fixture, tmp_path):
    copy = tmp_path / "school.db"
    shutil.copy(fixture, copy)
    conn = sqlite3.connect(copy)
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("pupils", "staff", "encounters", "guidance_interviews")}
    conn.close()
    database = open_school_database(copy)
    services = Services(database)
    assert services.auth.sign_in_staff("adviser", "demo-adviser").data_key is not None
    for table, count in counts.items():
        assert database.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
    database.close()
    report = check_database(copy)
    assert report.healthy and report.applied == known_migration_names()


def test_a_failed_migration_leaves_the_original_untouched(tmp_path, monkeypatch):
    import careersdesk.migrations as migrations

    copy = tmp_path / "school.db"
    shutil.copy(FIXTURES[-1], copy)
    before = copy.read_bytes()

    def broken(db):
        db.execute("ALTER TABLE pupils ADD COLUMN half_done TEXT")
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(migrations, "_STEPS", [*migrations._STEPS, ("9000_broken", broken)])
    with pytest.raises(DatabaseOpenError, match="has not been changed"):
        open_school_database(copy)
    conn = sqlite3.connect(copy)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(pupils)")]
    applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    conn.close()
    assert "half_done" not in columns and "9000_broken" not in applied
    backups = list(tmp_path.glob("school-before-*"))  # named after the first pending step
    assert backups and backups[0].stat().st_size > 0
    assert before[:100] == copy.read_bytes()[:100]
