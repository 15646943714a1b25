import datetime as dt
import os

from careersdesk.backups import backups_in, daily_backup, latest_backup, prune
from careersdesk.db import check_database, restore_database


def test_one_backup_a_day_verified_and_restorable(demo_db_path, tmp_path):
    folder = tmp_path / "backups"
    today = dt.date.today()
    made = daily_backup(demo_db_path, folder, today)
    assert made is not None and check_database(made).healthy
    assert daily_backup(demo_db_path, folder, today) is None  # already done today
    assert latest_backup(folder, demo_db_path) == today
    restored = restore_database(made, tmp_path / "restored.db")
    assert check_database(restored).healthy


def test_keeps_fourteen_days_and_eight_weeks(tmp_path):
    database = tmp_path / "careersdesk.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    today = dt.date(2026, 11, 22)
    for back in range(120):
        day = today - dt.timedelta(days=back)
        (folder / f"careersdesk-{day:%Y%m%d}-020000-000000.careersdesk-backup.db").write_bytes(b"x")
    prune(folder, database, today)
    kept = [day for day, _ in backups_in(folder, database)]
    recent = [d for d in kept if (today - d).days < 14]
    assert len(recent) == 14
    weeks = {d.isocalendar()[:2] for d in kept}
    assert len(weeks) <= 8 + 2 and len(kept) <= 14 + 8
    assert min(kept) >= today - dt.timedelta(weeks=9)
    assert os.listdir(folder)
