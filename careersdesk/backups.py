"""Automatic backups: one on the first start of each day, kept 14 days and 8 weeks.

Each copy is made with SQLite's online backup API (safe while the app is in use) and checked
with an integrity check before it counts as a backup.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from careersdesk.db import BACKUP_SUFFIX, backup_database, check_database
from careersdesk.errors import DatabaseOpenError

KEEP_DAILY = 14
KEEP_WEEKLY = 8
STALE_AFTER = dt.timedelta(days=7)
_STAMP = re.compile(r"-(\d{8})-\d{6}-\d+" + re.escape(BACKUP_SUFFIX) + "$")


def default_backup_folder(database_path: Path) -> Path:
    return database_path.parent / "backups"


def backups_in(folder: Path, database_path: Path) -> list[tuple[dt.date, Path]]:
    found = []
    for path in folder.glob(f"{database_path.stem}-*{BACKUP_SUFFIX}"):
        match = _STAMP.search(path.name)
        if match:
            found.append((dt.datetime.strptime(match.group(1), "%Y%m%d").date(), path))
    return sorted(found)


def latest_backup(folder: Path, database_path: Path) -> dt.date | None:
    found = backups_in(folder, database_path)
    return found[-1][0] if found else None


def daily_backup(database_path: Path, folder: Path, today: dt.date) -> Path | None:
    """Back up once a day; returns the new file, or None when today's backup exists."""
    if latest_backup(folder, database_path) == today:
        return None
    made = backup_database(database_path, folder, keep=10_000)
    if check_database(made).integrity != ["ok"]:
        made.unlink(missing_ok=True)
        raise DatabaseOpenError(f"The backup written to {made} failed its check and was removed.")
    prune(folder, database_path, today)
    return made


def prune(folder: Path, database_path: Path, today: dt.date) -> list[Path]:
    """Keep the newest backup of each of the last 14 days and of each of the last 8 weeks."""
    keep: set[Path] = set()
    newest_per_day: dict[dt.date, Path] = {}
    newest_per_week: dict[tuple[int, int], Path] = {}
    for day, path in backups_in(folder, database_path):
        newest_per_day[day] = path
        newest_per_week[day.isocalendar()[:2]] = path
    for day, path in newest_per_day.items():
        if (today - day).days < KEEP_DAILY:
            keep.add(path)
    for week in sorted(newest_per_week)[-KEEP_WEEKLY:]:
        keep.add(newest_per_week[week])
    removed = []
    for _, path in backups_in(folder, database_path):
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
