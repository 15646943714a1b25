import hashlib
import sqlite3
import threading

import pytest

import careersdesk.db as db_module
import careersdesk.migrations as migrations_module
from careersdesk.db import (
    backup_database,
    check_database,
    is_network_path,
    open_school_database,
    restore_database,
)
from careersdesk.errors import DatabaseOpenError
from careersdesk.migrations import known_migration_names


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_gets_schema_and_pragmas(tmp_path):
    database = open_school_database(tmp_path / "school.db")
    conn = database.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"settings", "staff", "pupils"} <= set(database.table_names())
    assert database.migrations_applied_now == known_migration_names()
    database.close()


def test_network_database_uses_rollback_journal(tmp_path):
    database = open_school_database(tmp_path / "school.db", network=True)
    assert database.on_network
    assert database.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert database.conn.execute("PRAGMA busy_timeout").fetchone()[0] == db_module.BUSY_TIMEOUT_MS
    database.close()


def test_unc_paths_count_as_network():
    assert is_network_path(db_module.Path("//server/careers/careersdesk.db"))
    assert is_network_path(db_module.Path("\\\\server\\careers\\careersdesk.db"))


def test_reopening_applies_nothing_new(tmp_path):
    open_school_database(tmp_path / "school.db").close()
    again = open_school_database(tmp_path / "school.db")
    assert again.migrations_applied_now == []
    again.close()


def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "school.db"
    open_school_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('careersdesk', '9999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="newer version"):
        open_school_database(path)
    assert digest(path) == before


def test_corrupt_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "school.db"
    path.write_bytes(b"This is not a database at all" * 100)
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="damaged"):
        open_school_database(path)
    assert digest(path) == before


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseOpenError, match="not a CareersDesk"):
        open_school_database(path)


def test_missing_database_is_refused_when_not_creating(tmp_path):
    with pytest.raises(DatabaseOpenError, match="no school database"):
        open_school_database(tmp_path / "absent.db", create=False)


def test_locked_database_gets_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr("careersdesk.db.RETRY_BUSY_FOR_S", 0.3)  # it waits, then says why
    path = tmp_path / "school.db"
    open_school_database(path, network=True).close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseOpenError, match="in use by another program"):
            open_school_database(path, network=True, busy_timeout_ms=100)
    finally:
        holder.rollback()
        holder.close()


def test_copy_is_taken_before_pending_migrations(tmp_path, monkeypatch):
    path = tmp_path / "school.db"
    open_school_database(path).close()
    def add_column(db):
        db.execute("ALTER TABLE pupils ADD COLUMN favourite_colour TEXT")

    steps = [*migrations_module._STEPS, ("0002_test_add_column", add_column)]
    monkeypatch.setattr(migrations_module, "_STEPS", steps)
    database = open_school_database(path)
    assert database.migrations_applied_now == ["0002_test_add_column"]
    backup = database.pre_migration_backup
    assert backup is not None and backup.exists()
    copy = sqlite3.connect(backup)
    columns = [row[1] for row in copy.execute("PRAGMA table_info(pupils)")]
    copy.close()
    assert "favourite_colour" not in columns
    assert "favourite_colour" in database.columns("pupils")
    database.close()


def test_demo_database_is_healthy(demo_db_path):
    report = check_database(demo_db_path)
    assert report.healthy
    assert report.applied == known_migration_names()


def test_backup_keeps_the_newest_copies_and_restores(demo_db_path, tmp_path):
    folder = tmp_path / "backups"
    made = [backup_database(demo_db_path, folder, keep=2) for _ in range(3)]
    remaining = sorted(folder.iterdir())
    assert remaining == sorted(made[1:])
    assert check_database(made[-1]).healthy

    with pytest.raises(DatabaseOpenError, match="--force"):
        restore_database(made[-1], demo_db_path)
    restored = restore_database(made[-1], demo_db_path, force=True)
    assert check_database(restored).healthy
    kept = list(tmp_path.glob("demo.db.replaced-*"))
    assert len(kept) == 1


def test_backup_of_a_database_in_use_is_consistent(demo_db_path, tmp_path):
    database = open_school_database(demo_db_path)
    writes_done = threading.Event()

    def keep_writing():
        conn = sqlite3.connect(demo_db_path, timeout=5)
        for number in range(50):
            conn.execute("INSERT INTO settings (key, value) VALUES (?, 'x')", (f"k{number}",))
            conn.commit()
        conn.close()
        writes_done.set()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    backup = backup_database(demo_db_path, tmp_path / "backups")
    writer.join()
    assert writes_done.is_set()
    assert check_database(backup).integrity == ["ok"]
    database.close()


def test_restore_refuses_a_damaged_backup(demo_db_path, tmp_path):
    bad = tmp_path / "bad-backup.db"
    bad.write_bytes(b"\x00" * 4096)
    before = digest(demo_db_path)
    with pytest.raises(DatabaseOpenError):
        restore_database(bad, demo_db_path, force=True)
    assert digest(demo_db_path) == before
