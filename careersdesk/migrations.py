"""The school database schema, as named, append-only migrations.

Never edit or reorder a migration once it has shipped: add a new one.  The names are stored in
the database (sqlite-utils' ``_sqlite_migrations`` table), which is how a copy of CareersDesk
recognises a database written by a newer copy.

sqlite-utils is imported only when a migration actually has to run: it is the slowest import in
the app, and on a normal start every migration has been applied already.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "careersdesk"
MigrationStep = Callable[["Database"], None]
_STEPS: list[tuple[str, MigrationStep]] = []


def migration(name: str) -> Callable[[MigrationStep], MigrationStep]:
    def register(step: MigrationStep) -> MigrationStep:
        if any(existing == name for existing, _ in _STEPS):
            raise ValueError(f"Two migrations are called {name}")
        _STEPS.append((name, step))
        return step

    return register


def known_migration_names() -> list[str]:
    return [name for name, _ in _STEPS]


def school_migrations() -> Migrations:
    """The steps as a sqlite-utils migration set, which records and applies them atomically."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in _STEPS:
        migrations(name=name)(step)
    return migrations


@migration("0001_school_staff_pupils")
def create_school_staff_pupils(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('adviser', 'careers_leader', 'send', 'admin')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            last_sign_in_at TEXT
        );
        CREATE TABLE pupils (
            id INTEGER PRIMARY KEY,
            upn TEXT UNIQUE,
            mis_id TEXT,
            legal_first_name TEXT NOT NULL,
            legal_last_name TEXT NOT NULL,
            preferred_name TEXT,
            date_of_birth TEXT,
            year_group INTEGER NOT NULL CHECK (year_group BETWEEN 7 AND 14),
            form TEXT,
            pupil_premium INTEGER NOT NULL DEFAULT 0,
            send_status TEXT NOT NULL DEFAULT 'none' CHECK (send_status IN ('none', 'K', 'E')),
            looked_after INTEGER NOT NULL DEFAULT 0,
            eal INTEGER NOT NULL DEFAULT 0,
            accessibility TEXT NOT NULL DEFAULT '{}',
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            pin_hash TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            archived_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX pupils_year_form ON pupils (year_group, form);
        CREATE INDEX pupils_mis_id ON pupils (mis_id);
        CREATE INDEX pupils_last_name ON pupils (legal_last_name COLLATE NOCASE);
        """
    )


@migration("0002_encounters_and_group_events")
def create_encounters(db: Database) -> None:
    # Event details live on group_events only, so editing an event changes every attendee's
    # encounter at once; a pupil's own reflection lives on their encounter row.
    db.executescript(
        """
        ALTER TABLE pupils ADD COLUMN admission_date TEXT;
        CREATE TABLE group_events (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            event_date TEXT NOT NULL,
            duration_minutes INTEGER,
            organisations TEXT NOT NULL DEFAULT '[]',
            benchmarks TEXT NOT NULL DEFAULT '[]',
            stem INTEGER NOT NULL DEFAULT 0,
            criteria TEXT NOT NULL DEFAULT '[]',
            provider_access INTEGER NOT NULL DEFAULT 0,
            notes TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE encounters (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            group_event_id INTEGER REFERENCES group_events (id) ON DELETE CASCADE,
            title TEXT,
            kind TEXT,
            encounter_date TEXT,
            duration_minutes INTEGER,
            organisations TEXT,
            benchmarks TEXT,
            stem INTEGER,
            criteria TEXT,
            provider_access INTEGER,
            academic_year INTEGER NOT NULL,
            year_group INTEGER NOT NULL,
            reflection TEXT,
            recorded_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (group_event_id, pupil_id),
            CHECK ((group_event_id IS NULL) = (kind IS NOT NULL))
        );
        CREATE INDEX encounters_pupil ON encounters (pupil_id, academic_year);
        CREATE INDEX encounters_event ON encounters (group_event_id);
        CREATE VIEW encounter_details AS
            SELECT e.id, e.pupil_id, e.group_event_id,
                   coalesce(e.title, g.title) AS title,
                   coalesce(e.kind, g.kind) AS kind,
                   coalesce(e.encounter_date, g.event_date) AS encounter_date,
                   coalesce(e.duration_minutes, g.duration_minutes) AS duration_minutes,
                   coalesce(e.organisations, g.organisations) AS organisations,
                   coalesce(e.benchmarks, g.benchmarks) AS benchmarks,
                   coalesce(e.stem, g.stem) AS stem,
                   coalesce(e.criteria, g.criteria) AS criteria,
                   coalesce(e.provider_access, g.provider_access) AS provider_access,
                   e.academic_year, e.year_group, e.reflection, e.recorded_by
            FROM encounters e LEFT JOIN group_events g ON g.id = e.group_event_id;
        """
    )


@migration("0003_destinations_leavers_audit")
def create_destinations_and_audit(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE pupils ADD COLUMN left_on TEXT;
        CREATE TABLE destinations (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            stage TEXT NOT NULL CHECK (stage IN ('intended', 'actual')),
            checkpoint INTEGER NOT NULL DEFAULT 0 CHECK (checkpoint BETWEEN 0 AND 3),
            kind TEXT NOT NULL,
            provider TEXT,
            detail TEXT,
            recorded_on TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX destinations_pupil ON destinations (pupil_id, stage, checkpoint);
        -- What is left of a pupil erased on request: a count, so cohort totals stay honest.
        CREATE TABLE erasures (
            id INTEGER PRIMARY KEY,
            erased_on TEXT NOT NULL,
            year_group INTEGER,
            was_leaver INTEGER NOT NULL DEFAULT 0,
            encounters INTEGER NOT NULL DEFAULT 0
        );
        -- Append-only and hash-chained: each entry's hash covers the previous entry's hash.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            pupil_id INTEGER,
            detail TEXT NOT NULL DEFAULT '',
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
        """
    )


@migration("0004_guidance_interviews_and_actions")
def create_guidance(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE guidance_interviews (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            adviser TEXT NOT NULL,
            adviser_name TEXT NOT NULL,
            held_on TEXT NOT NULL,
            year_group INTEGER NOT NULL,
            current_situation TEXT NOT NULL DEFAULT '',
            subjects TEXT NOT NULL DEFAULT '',
            grades TEXT NOT NULL DEFAULT '',
            barriers TEXT NOT NULL DEFAULT '',
            goals_short TEXT NOT NULL DEFAULT '',
            goals_long TEXT NOT NULL DEFAULT '',
            careers_considered TEXT NOT NULL DEFAULT '[]',
            backup_plan TEXT NOT NULL DEFAULT '',
            resources TEXT NOT NULL DEFAULT '',
            next_review TEXT,
            summary TEXT NOT NULL DEFAULT '',
            confidential_notes TEXT NOT NULL DEFAULT '',
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            locked_at TEXT
        );
        CREATE INDEX interviews_pupil ON guidance_interviews (pupil_id, held_on);
        CREATE TABLE interview_addenda (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES guidance_interviews (id) ON DELETE CASCADE,
            added_at TEXT NOT NULL,
            author TEXT NOT NULL,
            author_name TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            interview_id INTEGER REFERENCES guidance_interviews (id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner IN ('pupil', 'adviser', 'school', 'parent', 'other')),
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'done', 'not_relevant')),
            status_changed_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX actions_pupil ON actions (pupil_id, status);
        CREATE TABLE action_history (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            status TEXT NOT NULL
        );
        """
    )


@migration("0005_wrapped_data_keys")
def create_key_wraps(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE key_wraps (
            owner TEXT PRIMARY KEY,  -- 'staff:<id>' or 'recovery'
            blob TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """
    )


@migration("0006_interests_and_shortlist")
def create_pupil_space(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE interest_results (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            instrument TEXT NOT NULL,
            short_form INTEGER NOT NULL DEFAULT 0,
            answers TEXT NOT NULL,
            scores TEXT NOT NULL,
            taken_at TEXT NOT NULL
        );
        CREATE INDEX interest_results_pupil ON interest_results (pupil_id, taken_at);
        CREATE TABLE saved_careers (
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            job_slug TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            saved_at TEXT NOT NULL,
            PRIMARY KEY (pupil_id, job_slug)
        );
        """
    )


@migration("0007_interview_versions")
def add_interview_versions(db: Database) -> None:
    # Optimistic concurrency: each save names the version it started from.
    db.executescript(
        """
        ALTER TABLE guidance_interviews ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE guidance_interviews ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
        """
    )


@migration("0008_pupil_choices_and_quiz_progress")
def add_pupil_choices(db: Database) -> None:
    # What a pupil picked as subjects they like and what matters to them, and a quiz they
    # paused: each saved the moment it changes, so nothing is lost when the bell goes.
    db.executescript(
        """
        CREATE TABLE pupil_choices (
            pupil_id INTEGER PRIMARY KEY REFERENCES pupils (id) ON DELETE CASCADE,
            favourite_subjects TEXT NOT NULL DEFAULT '[]',
            priorities TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE quiz_progress (
            pupil_id INTEGER PRIMARY KEY REFERENCES pupils (id) ON DELETE CASCADE,
            short_form INTEGER NOT NULL DEFAULT 0,
            answers TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


@migration("0009_send_support_notes")
def add_support_notes(db: Database) -> None:
    # SEND support notes: staff-only and confidential, so the text is stored encrypted
    # (services/confidential.py) and bound to its pupil's row.
    db.executescript(
        """
        CREATE TABLE support_notes (
            pupil_id INTEGER PRIMARY KEY REFERENCES pupils (id) ON DELETE CASCADE,
            notes TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        """
    )


@migration("0010_encounters_by_year")
def index_encounters_by_year(db: Database) -> None:
    # The caseload and the cohort report count each pupil's encounters in one academic year;
    # with this index SQLite reads only that year's rows, not every encounter the school holds.
    db.execute("CREATE INDEX encounters_year_pupil ON encounters (academic_year, pupil_id)")


@migration("0011_caseload_covering_indexes")
def cover_caseload_counts(db: Database) -> None:
    # The caseload counts every pupil's interviews and open actions in one query; when the index
    # holds every column those counts read, SQLite never visits the tables themselves.
    for statement in (
        "DROP INDEX interviews_pupil",
        "CREATE INDEX interviews_pupil ON guidance_interviews (pupil_id, held_on, next_review)",
        "DROP INDEX actions_pupil",
        "CREATE INDEX actions_pupil ON actions (pupil_id, status, due_on)",
    ):
        db.execute(statement)
