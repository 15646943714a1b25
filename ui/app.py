"""Start CareersDesk: `careersdesk [--db PATH | --demo] [--smoke]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from careersdesk import __version__
from careersdesk.config import (
    MachineConfig,
    load_machine_config,
    resolve_database_path,
    user_data_dir,
)
from careersdesk.db import SchoolDatabase, open_school_database
from careersdesk.errors import CareersDeskError, DatabaseOpenError
from careersdesk.services import Services
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.tasks import wait_for_background_work, wait_showing_progress


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="careersdesk", description="CareersDesk careers guidance")
    parser.add_argument("--version", action="version", version=f"CareersDesk {__version__}")
    parser.add_argument("--db", help="open this school database instead of the usual one")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo school (made-up pupils; your real data is not touched)")
    parser.add_argument("--demo-reset", action="store_true",
                        help="with --demo: throw away changes and build the demo school afresh")
    parser.add_argument("--smoke", action="store_true",
                        help="print 'ready' and exit once the main window is shown (for checks)")
    return parser.parse_args(argv)


def demo_database_path() -> Path:
    return user_data_dir() / "demo" / "careersdesk-demo.db"


def open_demo_database(reset: bool) -> SchoolDatabase:
    """The demo school lives in its own folder, apart from any real school's data."""
    from careersdesk.demo import build_demo_school

    path = demo_database_path()
    if reset:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    if not path.exists():
        build_demo_school(path)
    try:
        return open_school_database(path)
    except CareersDeskError:
        # A demo school from another version is not worth keeping: build a fresh one.
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        build_demo_school(path)
        return open_school_database(path)


def open_database(args: argparse.Namespace, config: MachineConfig) -> SchoolDatabase:
    """The school database the command line and machine settings ask for. No Qt here: it runs
    on a thread while the waiting window stays responsive."""
    if args.demo:
        return open_demo_database(args.demo_reset)
    path = resolve_database_path(args.db, config)
    # A database named in the machine settings is the school's shared one: if it is missing
    # (a share not mounted, a mistyped path), making an empty one there would hide the real
    # data, so say so instead.  --db and the per-user default may start a new school.
    from_machine_settings = not args.db and config.database_path is not None
    if from_machine_settings and not path.exists():
        raise DatabaseOpenError(
            f"The school database named in the machine settings ({config.source}) is not "
            f"there: {path}. Check that the network folder is reachable, or ask IT staff.")
    return open_school_database(path, network=config.network_database,
                                backup_dir=config.backup_folder)


# How long opening may take before a window says what the app is waiting for.
SHOW_WAITING_AFTER_S = 1.0


def open_context(args: argparse.Namespace, config: MachineConfig) -> AppContext:
    message = ("Setting up the demo school. This takes a few seconds the first time."
               if args.demo else
               "Waiting for the school database. Another computer may be saving to it, or the "
               "network folder may be slow; this can take up to a minute.")
    database = wait_showing_progress(lambda: open_database(args, config), message,
                                     show_after_s=SHOW_WAITING_AFTER_S)
    services = Services(database)
    is_demo = services.school.read_settings_unchecked().is_demo
    return AppContext(services=services, config=config, is_demo=is_demo)


def start_daily_backup(context: AppContext) -> None:
    """The first start of each day backs the school up, on a thread so the window is not held."""
    import datetime as dt
    import threading

    from careersdesk.backups import daily_backup, default_backup_folder

    database = context.services.database
    folder = context.config.backup_folder or default_backup_folder(database.path)

    def run() -> None:
        try:
            daily_backup(database.path, folder, dt.date.today())
        except (CareersDeskError, OSError) as exc:  # shown on the admin's Settings page instead
            print(f"careersdesk: the daily backup failed: {exc}", file=sys.stderr)

    threading.Thread(target=run, name="daily-backup", daemon=True).start()


def report_startup_problem(message: str, smoke: bool) -> None:
    print(f"careersdesk: {message}", file=sys.stderr)
    if not smoke:
        QMessageBox.critical(None, "CareersDesk cannot start", message)


def _int_setting(value: object, default: int = 100) -> int:
    """A stored number, or the default when the settings file holds something else."""
    try:
        return int(str(value))
    except ValueError:
        return default


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("CareersDesk")
    app.setOrganizationName("CareersDesk")
    app.setApplicationVersion(__version__)
    from ui.style import apply_display

    settings = QSettings()
    apply_display(app, str(settings.value("display/theme", "standard")),
                  _int_setting(settings.value("display/scale", 100)))
    try:
        config = load_machine_config()
        context = open_context(args, config)
    except CareersDeskError as exc:
        report_startup_problem(str(exc), args.smoke)
        return 2
    window = MainWindow(context)
    window.show()
    if not args.smoke and not context.is_demo:
        start_daily_backup(context)
    if args.smoke:
        def report_ready() -> None:
            print("ready", flush=True)
            app.quit()

        QTimer.singleShot(0, report_ready)
    code = app.exec()
    wait_for_background_work()
    context.services.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
