"""Attacks on the shared school database: many writers at once, and writers killed mid-write.

A school keeps one database on a network folder and every machine in the IT suite writes to it.
Two promises are checked here, by the tests in a short form and by `careersdesk-admin bench` in
full:

* several machines writing at once never lose a write and never show anyone a "database is
  locked" error;
* pulling the plug (SIGKILL) at any moment leaves a healthy file holding every change that had
  been confirmed to the person who made it.

Each writer is a separate Python process running :func:`writer_main`. After every write the
services confirm, it prints one line, ``<kind> <id> <detail>``, and flushes it. The parent reads
those lines as the list of changes a person was told were saved, then checks each one is in the
file. Anything that went wrong in a writer is printed as ``ERROR <kind>: <message>``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Each write a writer makes is one of these, in turn.  A group event writes 30 rows at once; an
# import re-reads the school's whole roster with every form renamed, so a half-done import would
# show as pupils in two different forms.
WRITE_KINDS = ("encounter", "action", "notes", "group", "import")
GROUP_SIZE = 30
NOTES_MARK = "stress-notes"
IMPORT_MARK = "F"


@dataclass
class WriterReport:
    """What one writer process said it did."""

    confirmed: list[tuple[str, int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class StressFigures:
    writes: int
    seconds: float
    lost_writes: int
    busy_errors: int
    other_errors: list[str]
    integrity: list[str]

    @property
    def writes_per_second(self) -> float:
        return self.writes / self.seconds if self.seconds else 0.0


def prepare_school(path: Path, pupils: int = 120) -> None:
    """A small demo school on ``path`` to attack; its adviser account does the writing."""
    from careersdesk.demo import build_demo_school

    build_demo_school(path, pupils=pupils, seed=11)


def writer_main(argv: list[str]) -> int:
    """Write to the database at argv[0] as the demo adviser until argv[1] seconds pass.

    argv[2] seeds the choice of pupils, so writers spread across the school like real users.
    """
    from careersdesk.db import open_school_database
    from careersdesk.demo import DEMO_STAFF
    from careersdesk.encounters import EncounterDetails
    from careersdesk.errors import CareersDeskError
    from careersdesk.services import Services
    from careersdesk.services.guidance import InterviewFields, NewAction

    path, seconds, seed = Path(argv[0]), float(argv[1]), int(argv[2])
    chooser = random.Random(seed)
    services = Services(open_school_database(path, network=True))
    logins = {role.value: (name, secret) for name, secret, _, role in DEMO_STAFF}
    session = services.auth.sign_in_staff(*logins["adviser"])
    leader = services.auth.sign_in_staff(*logins["careers_leader"])
    roster_rows = [dict(row) for row in services.database.query(
        "SELECT upn, legal_last_name, legal_first_name, year_group FROM pupils "
        "WHERE archived_at IS NULL ORDER BY id")]
    roster_file = path.with_name(f"{path.name}-roster-{seed}.csv")
    pupil_ids = [row[0] for row in services.database.execute(
        "SELECT id FROM pupils WHERE archived_at IS NULL AND year_group >= 9")]
    interview = services.guidance.start_interview(session, chooser.choice(pupil_ids))
    version: int | None = None
    print(f"ready 0 {os.getpid()}", flush=True)
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        kind = WRITE_KINDS[number % len(WRITE_KINDS)]
        number += 1
        try:
            if kind == "encounter":
                details = EncounterDetails(title=f"Talk {seed}-{number}", kind="employer_talk",
                                           date=dt.date.today() - dt.timedelta(days=1))
                encounter, _ = services.encounters.record_for_pupil(
                    session, chooser.choice(pupil_ids), details)
                line = f"encounter {encounter.id} -"
            elif kind == "action":
                action = services.guidance.add_action(
                    session, chooser.choice(pupil_ids), NewAction(f"Action {seed}-{number}"))
                line = f"action {action.id} -"
            elif kind == "notes":
                text = f"{NOTES_MARK} {seed}-{number}"
                version = services.guidance.save(
                    session, interview.id, InterviewFields(summary=text, confidential_notes=text),
                    expected_version=version)
                line = f"notes {interview.id} {text}"
            elif kind == "import":
                label = f"{IMPORT_MARK}{seed}-{number}"
                _write_roster(roster_file, roster_rows, label)
                parsed = services.roster.read(leader, roster_file)
                services.roster.commit(leader, services.roster.preview(leader, parsed))
                line = f"import 0 {label}"
            else:
                details = EncounterDetails(title=f"Fair {seed}-{number}", kind="careers_fair",
                                           date=dt.date.today() - dt.timedelta(days=2))
                result = services.encounters.record_group_event(
                    session, details, chooser.sample(pupil_ids, min(GROUP_SIZE, len(pupil_ids))))
                line = f"group {result.event_id} {result.recorded}"
        except (CareersDeskError, sqlite3.Error) as error:
            print(f"ERROR {kind}: {error} (at {_where(error)})", flush=True)
            continue
        print(line, flush=True)
    services.close()
    roster_file.unlink(missing_ok=True)
    return 0


def _where(error: BaseException) -> str:
    """The innermost CareersDesk lines an error passed through, so a failure names its path."""
    package = Path(__file__).resolve().parent
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if Path(frame.filename).resolve().is_relative_to(package)]
    return " < ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
                      for frame in reversed(frames[-3:])) or "outside CareersDesk"


def _write_roster(path: Path, rows: list[dict[str, object]], form: str) -> None:
    """The school's roster as a generic MIS export, with every pupil in form ``form``."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["UPN", "Legal Surname", "Legal Forename", "Year Group", "Form"])
        for row in rows:
            writer.writerow([row["upn"], row["legal_last_name"], row["legal_first_name"],
                             row["year_group"], form])


def _start_writer(path: Path, seconds: float, seed: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from careersdesk.stress import writer_main; "
                               "sys.exit(writer_main(sys.argv[1:]))",
         str(path), str(seconds), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _parse(lines: Iterable[str], report: WriterReport) -> None:
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("ERROR "):
            report.errors.append(line[6:])
        elif line and not line.startswith("ready "):
            kind, ident, detail = line.split(" ", 2)
            report.confirmed.append((kind, int(ident), detail))


def missing_writes(path: Path, confirmed: list[tuple[str, int, str]]) -> list[str]:
    """Every confirmed write that is not in the file, described in a line each."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        encounters = {row[0] for row in conn.execute("SELECT id FROM encounters")}
        actions = {row[0] for row in conn.execute("SELECT id FROM actions")}
        events = dict(conn.execute(
            "SELECT group_event_id, count(*) FROM encounters WHERE group_event_id IS NOT NULL "
            "GROUP BY group_event_id").fetchall())
        summaries = dict(conn.execute("SELECT id, summary FROM guidance_interviews").fetchall())
        forms = {row[0] for row in conn.execute(
            "SELECT DISTINCT form FROM pupils WHERE archived_at IS NULL")}
    finally:
        conn.close()
    last_notes: dict[int, str] = {}
    imports = [detail for kind, _, detail in confirmed if kind == "import"]
    missing = []
    if imports:
        # Every import rewrites every pupil's form: one form for all means none stopped halfway.
        if len(forms) != 1:
            missing.append(f"an import was left half done: forms {sorted(map(str, forms))[:4]}")
        elif _running_number(next(iter(forms)), IMPORT_MARK) < 0:
            missing.append("the confirmed imports are not in the file")
        elif len({label.split("-")[0] for label in imports}) == 1 and \
                _running_number(next(iter(forms)), IMPORT_MARK) < \
                _running_number(imports[-1], IMPORT_MARK):
            missing.append(f"import {imports[-1]} was confirmed but an older one is in the file")
    for kind, ident, detail in confirmed:
        if kind == "encounter" and ident not in encounters:
            missing.append(f"encounter {ident}")
        elif kind == "action" and ident not in actions:
            missing.append(f"action {ident}")
        elif kind == "group" and events.get(ident, 0) != int(detail):
            missing.append(f"group event {ident}: {events.get(ident, 0)} of {detail} rows")
        elif kind == "notes":
            last_notes[ident] = detail
    # Autosave keeps only the latest text, so the last confirmed save, or a later one that was
    # committed just before the writer died, is what must be there.
    missing += [f"interview {ident} notes" for ident, text in last_notes.items()
                if _running_number(summaries.get(ident), NOTES_MARK)
                < _running_number(text, NOTES_MARK)]
    return missing


def _running_number(text: str | None, mark: str) -> int:
    """The running number at the end of a writer's text ("stress-notes 3-41" -> 41), or -1."""
    if not text or not text.startswith(mark) or "-" not in text:
        return -1
    return int(text.rsplit("-", 1)[1])


def database_health(path: Path) -> list[str]:
    """integrity_check's answer, plus a line per foreign key that points nowhere."""
    conn = sqlite3.connect(str(path))
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        result += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()
    return result


def run_shared_writers(path: Path, processes: int, seconds: float) -> StressFigures:
    """``processes`` writers on one network-mode database for ``seconds``, then the checks."""
    started = time.monotonic()
    writers = [_start_writer(path, seconds, seed) for seed in range(processes)]
    reports = []
    # A writer that crashed is not a lock message a person saw, even if its traceback passes
    # through the busy retry: it is kept apart and reported whole, among the other errors.
    crashes = []
    for writer in writers:
        out_bytes, err_bytes = writer.communicate(timeout=seconds + 300)
        out, err = out_bytes.decode("utf-8", "replace"), err_bytes.decode("utf-8", "replace")
        report = WriterReport()
        _parse(out.splitlines(), report)
        if writer.returncode != 0:
            crashes.append(f"writer exited {writer.returncode}: {err.strip()[-500:]}")
        reports.append(report)
    elapsed = time.monotonic() - started
    confirmed = [item for report in reports for item in report.confirmed]
    errors = [error for report in reports for error in report.errors]
    busy = [error for error in errors if "locked" in error.lower() or "busy" in error.lower()]
    return StressFigures(
        writes=len(confirmed), seconds=elapsed,
        lost_writes=len(missing_writes(path, confirmed)), busy_errors=len(busy),
        other_errors=crashes + [error for error in errors if error not in busy],
        integrity=database_health(path))


@dataclass
class KillFigures:
    trials: int
    failures: list[str]
    confirmed_writes: int


def _read_available(descriptor: int) -> bytes:
    """What the writer has printed since the last call; a short nap when it has said nothing."""
    try:
        return os.read(descriptor, 65536)
    except BlockingIOError:
        time.sleep(0.003)
        return b""


def run_kill_trials(path: Path, trials: int, seed: int = 1) -> KillFigures:
    """Kill a writer with SIGKILL at ``trials`` random moments; check the file after each."""
    chooser = random.Random(seed)
    failures: list[str] = []
    confirmed_total = 0
    for trial in range(trials):
        writer = _start_writer(path, 30, seed * 1000 + trial)
        assert writer.stdout is not None
        descriptor = writer.stdout.fileno()
        os.set_blocking(descriptor, False)
        received = b""
        # Wait for the writer to be signed in, then let it write for a random moment.
        give_up = time.monotonic() + 60
        while b"ready " not in received and writer.poll() is None and time.monotonic() < give_up:
            received += _read_available(descriptor)
        if b"ready " not in received:
            writer.kill()
            writer.wait()
            failures.append(f"trial {trial}: the writer did not start")
            continue
        stop_at = time.monotonic() + chooser.uniform(0.02, 0.5)
        while time.monotonic() < stop_at:
            received += _read_available(descriptor)
        os.kill(writer.pid, signal.SIGKILL)  # no clean shutdown, as when the power goes
        writer.wait()
        writer.stdout.close()
        if writer.stderr is not None:
            writer.stderr.close()
        # Only lines the writer finished printing before it died count as confirmed.
        complete, _, _ = received.decode("utf-8", errors="replace").rpartition("\n")
        report = WriterReport()
        _parse(complete.splitlines(), report)
        confirmed_total += len(report.confirmed)
        health = database_health(path)
        if health != ["ok"]:
            failures.append(f"trial {trial}: {health[:3]}")
        lost = missing_writes(path, report.confirmed)
        if lost:
            failures.append(f"trial {trial}: lost {lost[:3]}")
    return KillFigures(trials=trials, failures=failures, confirmed_writes=confirmed_total)
