"""Open, check, back up and restore the school database (careersdesk.db).

Every connection to a school database comes from :func:`open_school_database`, so the
pragmas, the migration rules and the refusal of newer databases are the same everywhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from careersdesk.errors import DatabaseOpenError
from careersdesk.migrations import MIGRATION_SET, known_migration_names, school_migrations

BUSY_TIMEOUT_MS = 15_000
# After busy_timeout, BEGIN and COMMIT are retried with backoff for up to this long.
RETRY_BUSY_FOR_S = 45
# File systems that mean "another machine holds this file": WAL needs shared memory on one host,
# so on these the database uses the rollback journal instead.
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "afs",
                       "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "ncpfs", "glusterfs", "ceph"}
BACKUP_SUFFIX = ".careersdesk-backup.db"
T = TypeVar("T")
_WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b",
                              re.IGNORECASE)
_SAVEPOINTS = itertools.count(1)  # unique names for nested transactions


@dataclass
class SchoolDatabase:
    """An open school database and the facts about how it was opened.

    The services read and write through ``query``, ``execute`` and ``atomic``.  The connection
    runs in autocommit mode, so every write happens inside an explicit ``atomic()`` block and
    nothing is left in a half-open transaction.
    """

    conn: sqlite3.Connection
    path: Path
    on_network: bool
    migrations_applied_now: list[str] = field(default_factory=list)
    pre_migration_backup: Path | None = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        if self.conn.in_transaction:
            return self.conn.execute(sql, params)  # the transaction already holds its lock
        if _WRITE_STATEMENT.match(sql):
            # A write outside atomic() would skip the busy retry and could be half done.
            raise RuntimeError(f"A write ran outside SchoolDatabase.atomic(): {sql[:60]!r}")
        # A read needs a shared lock, which a busy network share can refuse for longer than
        # busy_timeout while other machines queue up to write: wait, as writes do.
        return _retrying_when_busy(self.conn.execute, sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        for row in cursor:
            # strict=False: each row has one value per column, so the check only costs time.
            yield dict(zip(columns, row, strict=False))

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction; nested blocks become savepoints that roll back on their own."""
        if self.conn.in_transaction:
            savepoint = f"sp_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self._execute_retrying_when_busy("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            # A COMMIT refused as busy leaves the transaction open, so it may simply be retried.
            self._execute_retrying_when_busy("COMMIT")

    def _execute_retrying_when_busy(self, statement: str) -> None:
        """Run BEGIN or COMMIT, retrying with growing, jittered pauses while the file is busy."""
        _retrying_when_busy(self.conn.execute, statement)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")]

    def close(self) -> None:
        self.conn.close()


def _retrying_when_busy(call: Callable[..., T], *args: Any) -> T:
    """Call, retrying with growing, jittered pauses while the file is busy.

    SQLite already waits busy_timeout for a lock; on a network share a machine can hold the
    file for longer (a big import, a slow link), and a user should see a short wait, not
    "database is locked".  The retries stop after RETRY_BUSY_FOR_S in all.
    """
    try:
        return call(*args)
    except sqlite3.OperationalError as error:
        if not _is_busy(error):
            raise
    import tenacity  # only needed on the rare busy path, so not at start-up

    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception(_is_busy),
        wait=tenacity.wait_random_exponential(multiplier=0.05, max=2.0),
        stop=tenacity.stop_after_delay(RETRY_BUSY_FOR_S),
        reraise=True)
    return retrying(call, *args)


def _is_busy(error: BaseException) -> bool:
    if not isinstance(error, sqlite3.OperationalError):
        return False
    text = str(error).lower()
    return "locked" in text or "busy" in text


def is_network_path(path: Path) -> bool:
    """Best effort: UNC paths and mapped network drives on Windows, network mounts on Linux."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            drive_remote = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)  # type: ignore[attr-defined]
        return False
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return False
    target = os.path.realpath(path.parent if not path.is_dir() else path)
    best_mount, best_type = "", ""
    try:
        for line in mounts.read_text().splitlines():
            parts = line.split()
            if len(parts) < 3:
                continue
            mount_point = parts[1].replace("\\040", " ")
            inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
            if inside and len(mount_point) > len(best_mount):
                best_mount, best_type = mount_point, parts[2]
    except OSError:
        return False
    return best_type in NETWORK_FILESYSTEMS


def _connect(path: Path, *, on_network: bool, read_only: bool = False,
             busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    # Changing a file's journal mode (a database made on a local disk, in WAL mode, opened for
    # the first time from a network folder) needs every other connection to let go of the
    # file, and SQLite answers "locked" at once instead of waiting. When several machines open
    # the file at the same moment, each one's open connection holds the others off, so every
    # attempt gives its connection up before pausing, and one of them soon gets through.
    return _retrying_when_busy(_connect_once, path, on_network, read_only, busy_timeout_ms)


def _connect_once(path: Path, on_network: bool, read_only: bool,
                  busy_timeout_ms: int) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=busy_timeout_ms / 1000, check_same_thread=False,
                               isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, check_same_thread=False,
                               isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            if on_network:
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA synchronous = FULL")
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _describe_sqlite_error(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (f"The school database {path} is in use by another program that is not letting go "
                "of it. Wait a minute and try again; if it stays locked, restart the machine "
                "that is using it.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (f"The file {path} is damaged or is not a CareersDesk database. Nothing was "
                "changed. Restore the latest backup with 'careersdesk-admin restore'.")
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return (f"The school database {path} could not be opened for writing. Check that the "
                "folder exists and that this account may write to it.")
    return f"The school database {path} could not be opened: {exc}."


def _applied_migrations(conn: sqlite3.Connection) -> list[str] | None:
    """Migration names recorded in the file, or None when it has no migrations table."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_table:
        return None
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", (MIGRATION_SET,)
    ).fetchall()
    return [row[0] for row in rows]


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [row[0] for row in rows]


def refuse_newer(path: Path, applied: list[str]) -> None:
    unknown = [name for name in applied if name not in known_migration_names()]
    if unknown:
        raise DatabaseOpenError(
            f"The school database {path} was written by a newer version of CareersDesk "
            f"(it has the change '{unknown[0]}', which this version does not know). Install "
            "the newer version on this machine; the database has not been changed."
        )


def open_school_database(
    path: str | os.PathLike[str],
    *,
    create: bool = True,
    network: bool | None = None,
    backup_dir: Path | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> SchoolDatabase:
    """Open (and if asked, create) a school database, bringing its schema up to date.

    Before any pending migration runs, a consistent copy of the file is written beside it
    (or into ``backup_dir``) so an interrupted or faulty upgrade can always be undone.
    """
    db_path = Path(path)
    existed = db_path.exists()
    if not existed and not create:
        raise DatabaseOpenError(f"There is no school database at {db_path}.")
    if not existed:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(
                f"The folder for the school database, {db_path.parent}, could not be created: "
                f"{exc.strerror or exc}."
            ) from exc
    on_network = is_network_path(db_path) if network is None else network
    try:
        conn = _connect(db_path, on_network=on_network, busy_timeout_ms=busy_timeout_ms)
        # Another machine may be writing as this one starts: wait for the file like any read.
        applied = _retrying_when_busy(_applied_migrations, conn)
        if applied is None and existed and _user_tables(conn):
            conn.close()
            raise DatabaseOpenError(
                f"The file {db_path} is a database, but not a CareersDesk school database. "
                "Nothing was changed."
            )
        refuse_newer(db_path, applied or [])
        pending = [name for name in known_migration_names() if name not in (applied or [])]
        backup_path = None
        if pending and applied:
            backup_path = _backup_before_migrating(conn, db_path, backup_dir, pending[0])
        if pending:
            try:
                _apply_migrations(conn)
            except Exception as exc:  # any failing step: the transaction has rolled it back
                conn.close()
                kept = f" A copy from before was saved as {backup_path}." if backup_path else ""
                raise DatabaseOpenError(
                    f"The school database {db_path} could not be brought up to date ({exc}). "
                    f"It has not been changed.{kept} Please tell IT staff.") from exc
    except sqlite3.Error as exc:
        raise DatabaseOpenError(_describe_sqlite_error(db_path, exc)) from exc
    return SchoolDatabase(conn=conn, path=db_path, on_network=on_network,
                          migrations_applied_now=pending, pre_migration_backup=backup_path)


def _apply_migrations(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database

    # Every pending step runs inside one transaction (each step becomes a savepoint), so an
    # upgrade across several versions is all or nothing: a step that fails leaves the file
    # exactly as it was, not half way between two versions.
    _retrying_when_busy(conn.execute, "BEGIN IMMEDIATE")
    try:
        # Plugins are for sqlite-utils' own command line; scanning for them only slows us down.
        school_migrations().apply(Database(conn, execute_plugins=False))
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _backup_before_migrating(conn: sqlite3.Connection, db_path: Path, backup_dir: Path | None,
                             first_pending: str) -> Path:
    folder = backup_dir or db_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-before-{first_pending}-{_timestamp()}{BACKUP_SUFFIX}"
    _copy_with_backup_api(conn, target)
    return target


def _copy_with_backup_api(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database with SQLite's online backup API, then make the copy self-contained."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(str(partial))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.commit()
    finally:
        dest.close()
    os.replace(partial, target)


@dataclass(frozen=True)
class HealthReport:
    path: Path
    integrity: list[str]
    foreign_key_problems: int
    applied: list[str]
    pending: list[str]
    unknown: list[str]

    @property
    def healthy(self) -> bool:
        return (self.integrity == ["ok"] and self.foreign_key_problems == 0
                and not self.pending and not self.unknown)


def check_database(path: str | os.PathLike[str]) -> HealthReport:
    """Integrity and foreign-key checks plus migration state, without changing the file."""
    db_path = Path(path)
    if not db_path.exists():
        raise DatabaseOpenError(f"There is no school database at {db_path}.")
    try:
        conn = _connect(db_path, on_network=False, read_only=True)
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            fk_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            applied = _applied_migrations(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseOpenError(_describe_sqlite_error(db_path, exc)) from exc
    if applied is None:
        raise DatabaseOpenError(f"The file {db_path} is not a CareersDesk school database.")
    known = known_migration_names()
    return HealthReport(
        path=db_path,
        integrity=integrity,
        foreign_key_problems=fk_problems,
        applied=applied,
        pending=[name for name in known if name not in applied],
        unknown=[name for name in applied if name not in known],
    )


def backup_database(path: str | os.PathLike[str], to_dir: str | os.PathLike[str],
                    keep: int = 30) -> Path:
    """Write a timestamped, consistent copy into ``to_dir`` and keep only the newest ``keep``."""
    db_path = Path(path)
    folder = Path(to_dir)
    if not db_path.exists():
        raise DatabaseOpenError(f"There is no school database at {db_path}.")
    if keep < 1:
        raise ValueError("keep must be at least 1")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(f"The backup folder {folder} could not be created: {exc}.") from exc
    target = folder / f"{db_path.stem}-{_timestamp()}{BACKUP_SUFFIX}"
    try:
        source = _connect(db_path, on_network=False, read_only=True)
        try:
            _copy_with_backup_api(source, target)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise DatabaseOpenError(_describe_sqlite_error(db_path, exc)) from exc
    backups = sorted(folder.glob(f"{db_path.stem}-*{BACKUP_SUFFIX}"))
    for old in backups[:-keep]:
        old.unlink(missing_ok=True)
    return target


def restore_database(backup_file: str | os.PathLike[str], path: str | os.PathLike[str],
                     *, force: bool = False) -> Path:
    """Replace the school database with a verified backup.

    The backup is checked first; the file being replaced is kept beside it as
    ``*.replaced-<time>`` so even a mistaken restore loses nothing.
    """
    import shutil

    source = Path(backup_file)
    db_path = Path(path)
    if not source.exists():
        raise DatabaseOpenError(f"There is no backup file at {source}.")
    report = check_database(source)
    if report.integrity != ["ok"] or report.foreign_key_problems:
        raise DatabaseOpenError(f"The backup {source} failed its integrity check; it was not restored.")
    refuse_newer(source, report.applied)
    kept: Path | None = None
    if db_path.exists():
        if not force:
            raise DatabaseOpenError(
                f"A school database already exists at {db_path}. Add --force to replace it "
                "(the current file will be kept beside it)."
            )
        kept = db_path.with_name(f"{db_path.name}.replaced-{_timestamp()}")
        try:
            current = _connect(db_path, on_network=False, read_only=True)
            try:
                _copy_with_backup_api(current, kept)
            finally:
                current.close()
        except sqlite3.Error:
            # The file being replaced may be the damaged one the restore is for: keep its bytes.
            shutil.copy2(db_path, kept)
    partial = db_path.with_name(db_path.name + ".restoring")
    shutil.copy2(source, partial)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(partial, db_path)
    return db_path
