"""careersdesk-admin: the command line for IT staff and careers leaders.

Every failure is one clear line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from careersdesk import __version__
from careersdesk.errors import CareersDeskError
from careersdesk.models import Role, Session

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _config_db_path(args: argparse.Namespace) -> Path:
    from careersdesk.config import load_machine_config, resolve_database_path

    return resolve_database_path(args.db, load_machine_config())


def cmd_demo(args: argparse.Namespace) -> int:
    from careersdesk.demo import build_demo_school

    summary = build_demo_school(args.db, pupils=args.pupils, seed=args.seed)
    print(f"Built a demo school with {summary.pupils} pupils and {summary.staff} staff "
          f"at {summary.path} (seed {summary.seed}).")
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace) -> int:
    from careersdesk.db import check_database

    report = check_database(_config_db_path(args))
    print(f"Database: {report.path}")
    print(f"Integrity check: {'ok' if report.integrity == ['ok'] else '; '.join(report.integrity[:10])}")
    print(f"Foreign-key problems: {report.foreign_key_problems}")
    print(f"Applied changes: {', '.join(report.applied) or 'none'}")
    print(f"Pending changes: {', '.join(report.pending) or 'none'}")
    if report.unknown:
        print(f"Changes from a newer version: {', '.join(report.unknown)}")
    print("Healthy" if report.healthy else "NOT healthy")
    return EXIT_OK if report.healthy else EXIT_FAILED


def cmd_backup(args: argparse.Namespace) -> int:
    from careersdesk.config import load_machine_config
    from careersdesk.db import backup_database

    folder = args.to or load_machine_config().backup_folder
    if folder is None:
        raise CareersDeskError("Say where to put the backup with --to FOLDER "
                               "(or set backup_folder in the machine settings).")
    target = backup_database(_config_db_path(args), folder, keep=args.keep)
    print(f"Backed up to {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from careersdesk.db import restore_database

    target = restore_database(args.from_file, _config_db_path(args), force=args.force)
    print(f"Restored {args.from_file} to {target}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from careersdesk.db import open_school_database
    from careersdesk.services import Services

    path = _config_db_path(args)
    if path.exists():
        raise CareersDeskError(f"A school database already exists at {path}.")
    password = getpass.getpass("Password for the new administrator: ")
    if password != getpass.getpass("Type it again: "):
        raise CareersDeskError("The two passwords are different; nothing was created.")
    database = open_school_database(path)
    try:
        services = Services(database)
        first = services.staff.create_first_admin(args.admin, args.admin_name or args.admin,
                                                  password)
        services.school.write_settings_unchecked({"school_name": args.school})
    except CareersDeskError:
        database.close()
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        raise
    database.close()
    print(f"Created the school database for {args.school} at {path}.")
    print("Recovery key (print it and keep it somewhere safe; CareersDesk does not store it,\n"
          "and without it or an administrator's password confidential notes cannot be read):")
    print(f"  {first.recovery_key}")
    return EXIT_OK


def command_line_session() -> Session:
    """Whoever can run commands on the database file already holds all of its data, so the
    command line acts as an administrator; it never creates a session for a pupil."""
    return Session(role=Role.ADMIN, user_id=0, username="careersdesk-admin",
                   display_name="Command line", started_at=dt.datetime.now(dt.UTC))


def cmd_import_roster(args: argparse.Namespace) -> int:
    from careersdesk.db import open_school_database
    from careersdesk.roster import RosterFileError
    from careersdesk.services import Services

    path = _config_db_path(args)
    database = open_school_database(path, create=False)
    try:
        services = Services(database)
        session = command_line_session()
        try:
            parsed = services.roster.read(session, Path(args.file))
        except RosterFileError as exc:
            _print_roster_outcome(args, None, [str(exc)])
            return EXIT_BAD_INPUT
        preview = services.roster.preview(session, parsed)
        if preview.problems:
            _print_roster_outcome(args, preview, [str(p) for p in preview.problems])
            return EXIT_BAD_INPUT
        if not args.dry_run:
            services.roster.commit(session, preview)
        _print_roster_outcome(args, preview, [])
    finally:
        database.close()
    return EXIT_OK


def _print_roster_outcome(args: argparse.Namespace, preview: Any, problems: list[str]) -> None:
    if args.json:
        report = preview.as_dict() if preview is not None else {"problems": problems}
        if preview is None:
            report["problems"] = [{"row": 0, "column": "file", "message": p} for p in problems]
        report["written"] = bool(preview is not None and not problems and not args.dry_run)
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if problems:
        print(f"The roster was not imported; nothing changed. {len(problems)} problem(s):",
              file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return
    verb = "Would make" if args.dry_run else "Imported"
    print(f"{verb}: {preview.summary()}.")
    if preview.parsed.ignored_columns:
        print(f"Columns not used: {', '.join(preview.parsed.ignored_columns)}")


def cmd_report_gatsby(args: argparse.Namespace) -> int:
    from careersdesk.db import open_school_database
    from careersdesk.models import PupilFilter
    from careersdesk.reports import build_cohort_report, pupil_results_csv, summary_csv
    from careersdesk.services import Services

    database = open_school_database(_config_db_path(args), create=False)
    try:
        services = Services(database)
        session = command_line_session()
        pupil_filter = PupilFilter(year_groups=(args.year,) if args.year else ())
        rows = services.tracking.cohort(session, pupil_filter)
        today = services.clock().date()
        report = build_cohort_report(rows, today, services.school.settings(session).school_name)
    finally:
        database.close()
    out = Path(args.out)
    if args.format == "pdf":
        from careersdesk.pdf.gatsby_report import write_gatsby_report

        write_gatsby_report(report, out)
        print(f"Wrote the careers provision report for {report.pupils:,} pupils to {out}")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(pupil_results_csv(rows), encoding="utf-8-sig", newline="")
        summary = out.with_name(out.stem + "-summary.csv")
        summary.write_text(summary_csv(report), encoding="utf-8-sig", newline="")
        print(f"Wrote {report.pupils:,} pupils' results to {out} and the summary to {summary}")
    return EXIT_OK


def _open(args: argparse.Namespace) -> Any:
    from careersdesk.db import open_school_database
    from careersdesk.services import Services

    return Services(open_school_database(_config_db_path(args), create=False))


def _staff_session(services: Any, args: argparse.Namespace) -> Session:
    """Data-protection commands act as a named member of staff, checked like a sign-in."""
    if not args.user:
        raise CareersDeskError("Say who you are with --user NAME (and --password-stdin).")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.user}: ")
    session: Session = services.auth.sign_in_staff(args.user, password)
    return session


def cmd_year_end(args: argparse.Namespace) -> int:
    from careersdesk.config import load_machine_config
    from careersdesk.services.year_end import rollover_date_warning

    services = _open(args)
    try:
        session = command_line_session()
        data_protection = services.data_protection
        staying = frozenset(data_protection.pupil_id_for_upn(upn) for upn in args.stay_on)
        plan = services.year_end.plan(session, final_year=args.final_year, staying_on=staying)
        print(f"Year end {plan.school_year}/{str(plan.school_year + 1)[-2:]}: {plan.summary()}.")
        for pupil_id, count in plan.unfinished_actions.items():
            print(f"  Warning: leaver {pupil_id} has {count} unfinished action(s).")
        warning = rollover_date_warning(services.clock().date())
        if warning:
            print(f"  Warning: {warning}")
        if not args.yes:
            print("Nothing changed. Run again with --yes to do it.")
            return EXIT_OK
        backup_dir = Path(args.backup_dir or load_machine_config().backup_folder
                          or services.database.path.parent / "backups")
        result = services.year_end.run(session, plan, backup_dir)
        print(f"Done: {result.moved_up:,} moved up, {result.archived:,} archived. "
              f"To undo: careersdesk-admin restore --from {result.backup} "
              f"--db {services.database.path} --force")
    finally:
        services.close()
    return EXIT_OK


def cmd_purge_leavers(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        session = command_line_session()
        doomed = services.data_protection.leavers_past_retention(session)
        years = services.data_protection.retention_years()
        print(f"{len(doomed):,} leaver(s) left more than {years} years ago.")
        if args.dry_run or not doomed:
            return EXIT_OK
        removed = services.data_protection.purge_leavers(session)
        print(f"Deleted {removed:,} leaver record(s) past the retention period.")
    finally:
        services.close()
    return EXIT_OK


def cmd_export_pupil(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        session = _staff_session(services, args)
        pupil_id = services.data_protection.pupil_id_for_upn(args.pupil)
        record = services.data_protection.export_pupil(session, pupil_id)
    finally:
        services.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / f"subject-access-{args.pupil.upper()}.json"
    json_path.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str),
                         encoding="utf-8")
    from careersdesk.pdf.subject_access import write_subject_access_pdf

    pdf_path = write_subject_access_pdf(record, out / f"subject-access-{args.pupil.upper()}.pdf")
    print(f"Wrote {json_path} and {pdf_path}")
    return EXIT_OK


def cmd_erase_pupil(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        session = _staff_session(services, args)
        pupil_id = services.data_protection.pupil_id_for_upn(args.pupil)
        if not args.yes:
            print("Erasure cannot be undone. Run again with --yes to erase this pupil.")
            return EXIT_OK
        services.data_protection.erase_pupil(session, pupil_id)
        print(f"Erased the pupil with UPN {args.pupil.upper()}; only an anonymous count remains.")
    finally:
        services.close()
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from careersdesk.services.audit import verify_chain

    services = _open(args)
    try:
        broken = verify_chain(services.database)
        total = services.database.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        services.close()
    if broken is not None:
        print(f"The audit log is broken at entry {broken}: it was changed or removed after "
              "being written.", file=sys.stderr)
        return EXIT_FAILED
    print(f"The audit log's {total:,} entries are intact.")
    return EXIT_OK


def cmd_audit_show(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        pupil_id = services.data_protection.pupil_id_for_upn(args.pupil) if args.pupil else None
        for entry in services.audit.entries(command_line_session(), pupil_id=pupil_id,
                                            actor=args.actor, since=args.since,
                                            until=args.until):
            print(f"{entry.at}  {entry.actor:<28} {entry.action:<32} "
                  f"{entry.pupil_id or '':<6} {entry.detail}")
    finally:
        services.close()
    return EXIT_OK


def cmd_action_plan(args: argparse.Namespace) -> int:
    from careersdesk.models import PupilFilter
    from careersdesk.pdf.action_plan import write_action_plan
    from careersdesk.pdf.easy_read_plan import write_easy_read_plan
    from careersdesk.plans import gather_action_plan

    write_plan = write_easy_read_plan if args.easy_read else write_action_plan

    if bool(args.pupil) == bool(args.year):
        raise CareersDeskError("Give either --pupil UPN (one plan) or --year N (a year group).")
    services = _open(args)
    try:
        session = _staff_session(services, args)
        out = Path(args.out)
        if args.pupil:
            pupil_id = services.data_protection.pupil_id_for_upn(args.pupil)
            plan = gather_action_plan(services, session, pupil_id)
            write_plan(plan, out)
            print(f"Wrote {plan.pupil.display_name}'s action plan to {out}")
            return EXIT_OK
        out.mkdir(parents=True, exist_ok=True)
        rows = services.guidance.caseload(session, PupilFilter(year_groups=(args.year,),
                                                               disadvantaged_first=False))
        with_interviews = [row.pupil for row in rows if row.interviews]
        total = len(with_interviews)
        written = 0
        try:
            for number, pupil in enumerate(with_interviews, start=1):
                plan = gather_action_plan(services, session, pupil.id)
                name = f"action-plan-{pupil.upn or pupil.id}.pdf"
                write_plan(plan, out / name)
                written += 1
                print(f"\r{number}/{total} plans written", end="", file=sys.stderr, flush=True)
        except KeyboardInterrupt:
            print(f"\nStopped: {written} of {total} plans were written, each one complete.",
                  file=sys.stderr)
            return 130
        print(file=sys.stderr)
        skipped = len(rows) - total
        print(f"Wrote {written} action plans for Year {args.year} to {out}"
              + (f"; {skipped} pupils have had no interview yet." if skipped else "."))
    finally:
        services.close()
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from careersdesk.bench import run_benchmarks

    figures = run_benchmarks(quick=args.quick)
    text = json.dumps(figures, indent=2, sort_keys=True)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careersdesk-admin",
        description="CareersDesk administration: demo school, database checks, backups, "
                    "the careers library and benchmarks.")
    parser.add_argument("--version", action="version", version=f"CareersDesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser("demo", help="build a demo school database")
    demo.add_argument("--db", required=True, help="where to create it (must not exist)")
    demo.add_argument("--pupils", type=int, default=1500)
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(handler=cmd_demo)

    db = commands.add_parser("db", help="check the school database")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    check = db_commands.add_parser("check", help="integrity, foreign keys and schema changes")
    check.add_argument("--db", help="school database (default: from the machine settings)")
    check.set_defaults(handler=cmd_db_check)

    backup = commands.add_parser("backup", help="copy the school database safely while in use")
    backup.add_argument("--db")
    backup.add_argument("--to", help="backup folder")
    backup.add_argument("--keep", type=int, default=30, help="how many backups to keep")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help="put a backup back")
    restore.add_argument("--from", dest="from_file", required=True)
    restore.add_argument("--db")
    restore.add_argument("--force", action="store_true", help="replace an existing database")
    restore.set_defaults(handler=cmd_restore)

    init = commands.add_parser("init", help="create a new school database and its first administrator")
    init.add_argument("--db")
    init.add_argument("--school", required=True, help="the school's name")
    init.add_argument("--admin", required=True, help="the administrator's username")
    init.add_argument("--admin-name", help="the administrator's full name")
    init.set_defaults(handler=cmd_init)

    roster = commands.add_parser("import-roster", help="bring the pupil list in line with an MIS export")
    roster.add_argument("--db")
    roster.add_argument("file", help="CSV exported from SIMS, Arbor, Bromcom or another MIS")
    roster.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    roster.add_argument("--json", action="store_true", help="print the outcome as JSON")
    roster.set_defaults(handler=cmd_import_roster)

    report = commands.add_parser("report", help="cohort reports for governors and Ofsted")
    report_commands = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    gatsby = report_commands.add_parser("gatsby", help="Gatsby Benchmarks and provider access")
    gatsby.add_argument("--db")
    gatsby.add_argument("--format", choices=("csv", "pdf"), default="pdf")
    gatsby.add_argument("--out", required=True, help="file to write")
    gatsby.add_argument("--year", type=int, choices=range(7, 15), metavar="YEAR",
                        help="only this year group (7 to 14)")
    gatsby.set_defaults(handler=cmd_report_gatsby)

    year_end = commands.add_parser("year-end", help="move everyone up a year, archive leavers")
    year_end.add_argument("--db")
    year_end.add_argument("--final-year", type=int, default=13,
                          help="the school's last year group (11 for an 11-16 school)")
    year_end.add_argument("--stay-on", nargs="*", default=[], metavar="UPN",
                          help="pupils in the last year who stay on (e.g. into Year 14)")
    year_end.add_argument("--backup-dir", help="where the backup taken first goes")
    year_end.add_argument("--yes", action="store_true", help="do it (without: show the plan)")
    year_end.set_defaults(handler=cmd_year_end)

    purge = commands.add_parser("purge-leavers", help="delete leavers past the retention period")
    purge.add_argument("--db")
    purge.add_argument("--dry-run", action="store_true")
    purge.set_defaults(handler=cmd_purge_leavers)

    for name, handler, helptext in (
            ("export-pupil", cmd_export_pupil, "subject access export of one pupil (JSON and PDF)"),
            ("erase-pupil", cmd_erase_pupil, "erase one pupil on request")):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("--db")
        command.add_argument("--pupil", required=True, metavar="UPN")
        command.add_argument("--user", help="an administrator's username")
        command.add_argument("--password-stdin", action="store_true",
                             help="read the password from standard input (for scripts)")
        if name == "export-pupil":
            command.add_argument("--out", required=True, help="folder for the files")
        else:
            command.add_argument("--yes", action="store_true")
        command.set_defaults(handler=handler)

    plan = commands.add_parser("action-plan", help="print personal action plans as PDF")
    plan.add_argument("--db")
    plan.add_argument("--pupil", metavar="UPN", help="one pupil's plan")
    plan.add_argument("--year", type=int, choices=range(7, 15), metavar="YEAR",
                      help="every plan in a year group")
    plan.add_argument("--out", required=True, help="PDF file (one pupil) or folder (a year)")
    plan.add_argument("--easy-read", action="store_true",
                      help="the easy-read version: large type, one idea per line, symbols")
    plan.add_argument("--user", help="a staff username")
    plan.add_argument("--password-stdin", action="store_true")
    plan.set_defaults(handler=cmd_action_plan)

    audit = commands.add_parser("audit", help="check or read the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)
    verify = audit_commands.add_parser("verify", help="check the hash chain")
    verify.add_argument("--db")
    verify.set_defaults(handler=cmd_audit_verify)
    show = audit_commands.add_parser("show", help="list entries")
    show.add_argument("--db")
    show.add_argument("--pupil", metavar="UPN")
    show.add_argument("--actor", help="e.g. admin:admin")
    show.add_argument("--since", help="YYYY-MM-DD")
    show.add_argument("--until", help="YYYY-MM-DD")
    show.set_defaults(handler=cmd_audit_show)

    bench = commands.add_parser("bench", help="measure speed and memory against the targets")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions")
    bench.add_argument("--json", help="also write the figures to this file")
    bench.set_defaults(handler=cmd_bench)

    from careersdesk.content.commands import add_commands

    add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CareersDeskError as exc:
        print(f"careersdesk-admin: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (FileExistsError, FileNotFoundError, PermissionError, ValueError) as exc:
        print(f"careersdesk-admin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"careersdesk-admin: {exc.strerror or exc} ({exc.filename or 'file'})", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("careersdesk-admin: stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
