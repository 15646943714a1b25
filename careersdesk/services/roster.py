"""Keeping the pupil list in step with the school's MIS: preview, then import all or nothing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careersdesk.errors import ValidationError
from careersdesk.models import Changes, NewPupil, Session
from careersdesk.roster import (
    HEADER_ALIASES,
    ParsedRoster,
    RosterProblem,
    RosterRow,
    read_roster_file,
)
from careersdesk.services.audit import actor_of, append_entry
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require

MAPPING_SETTING = "roster_mapping"
# The columns an import may change; usernames, PINs and everything a pupil recorded stay.
UPDATED_COLUMNS = ("upn", "mis_id", "legal_first_name", "legal_last_name", "preferred_name",
                   "date_of_birth", "year_group", "form", "pupil_premium", "send_status",
                   "looked_after", "eal", "admission_date")


@dataclass(frozen=True)
class PupilUpdate:
    pupil_id: int
    name: str
    row: int
    changes: dict[str, tuple[Any, Any]]  # column -> (old, new)


@dataclass
class RosterPreview:
    """What an import would do.  Nothing has been written when you hold one of these."""

    parsed: ParsedRoster
    to_add: list[RosterRow] = field(default_factory=list)
    to_update: list[PupilUpdate] = field(default_factory=list)
    to_archive: list[tuple[int, str]] = field(default_factory=list)  # (id, name)
    to_restore: list[int] = field(default_factory=list)  # archived pupils back on the roster
    unchanged: int = 0

    @property
    def problems(self) -> list[RosterProblem]:
        return self.parsed.problems

    @property
    def can_import(self) -> bool:
        return not self.parsed.problems and bool(self.parsed.rows)

    def summary(self) -> str:
        return (f"{len(self.to_add)} to add, {len(self.to_update)} to update, "
                f"{len(self.to_archive)} to archive (no longer on the roster), "
                f"{self.unchanged} unchanged")

    def as_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.parsed.encoding,
            "delimiter": self.parsed.delimiter,
            "columns": self.parsed.mapping,
            "ignored_columns": self.parsed.ignored_columns,
            "add": len(self.to_add), "update": len(self.to_update),
            "archive": len(self.to_archive), "unchanged": self.unchanged,
            "problems": [{"row": p.row, "column": p.column, "message": p.message}
                         for p in self.parsed.problems],
        }


def _db_value(pupil: NewPupil, column: str) -> Any:
    value = getattr(pupil, column)
    if isinstance(value, bool):
        return int(value)
    if column == "send_status":
        return value.value
    if column in ("date_of_birth", "admission_date"):
        return value.isoformat() if value else None
    return value


class RosterService(ServiceBase):
    def saved_mapping(self) -> dict[str, str]:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [MAPPING_SETTING]).fetchone()
        return json.loads(row[0]) if row else {}

    def save_mapping(self, session: Session, mapping: dict[str, str]) -> Changes:
        """Remember which of this school's column headings hold which field, for next time."""
        require(session, "pupils.import_roster")
        unknown = sorted(set(mapping.values()) - set(HEADER_ALIASES))
        if unknown:
            raise ValidationError(f"Unknown roster fields: {', '.join(unknown)}.")
        merged = {**self.saved_mapping(), **mapping}
        with self.db.atomic():
            self._store_mapping(merged)
        return Changes.of("settings")

    def _store_mapping(self, mapping: dict[str, str]) -> None:
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [MAPPING_SETTING, json.dumps(mapping, ensure_ascii=False)])

    def read(self, session: Session, path: Path) -> ParsedRoster:
        require(session, "pupils.import_roster")
        return read_roster_file(path, today=self.clock().date(), saved_mapping=self.saved_mapping())

    def preview(self, session: Session, parsed: ParsedRoster) -> RosterPreview:
        require(session, "pupils.import_roster")
        preview = RosterPreview(parsed=parsed)
        if parsed.problems:
            return preview
        existing = list(self.db.query("SELECT * FROM pupils"))
        # Only columns the file has are compared: a roster without a pupil premium column
        # must not switch every pupil's flag off.
        present = set(parsed.mapping.values())
        compared = [column for column in UPDATED_COLUMNS if column in present]
        by_upn = {row["upn"]: row for row in existing if row["upn"]}
        by_mis = {row["mis_id"]: row for row in existing if row["mis_id"]}
        # Match by UPN first for every row, then by MIS id for rows whose UPN is new (a
        # temporary UPN replaced by the permanent one keeps the pupil's history).
        matched_by_upn = {by_upn[r.pupil.upn]["id"]: r.row for r in parsed.rows if r.pupil.upn in by_upn}
        matched: set[int] = set(matched_by_upn)
        for roster_row in parsed.rows:
            pupil = roster_row.pupil
            current = by_upn.get(pupil.upn)
            if current is None and pupil.mis_id and pupil.mis_id in by_mis:
                current = by_mis[pupil.mis_id]
                owner_row = matched_by_upn.get(current["id"])
                if owner_row is not None or current["id"] in matched:
                    parsed.problems.append(RosterProblem(roster_row.row, "MIS id", (
                        f"{pupil.mis_id} belongs to {current['legal_first_name']} "
                        f"{current['legal_last_name']} (UPN {current['upn']}), who is "
                        + (f"on row {owner_row}" if owner_row else "matched by another row")
                        + "; check this row's UPN and MIS id")))
                    continue
                matched.add(current["id"])
            if current is None:
                preview.to_add.append(roster_row)
                continue
            if current["archived_at"]:
                preview.to_restore.append(current["id"])
            changes = {column: (current[column], _db_value(pupil, column))
                       for column in compared
                       if current[column] != _db_value(pupil, column)}
            if changes:
                name = f"{current['legal_first_name']} {current['legal_last_name']}"
                preview.to_update.append(PupilUpdate(current["id"], name, roster_row.row, changes))
            elif not current["archived_at"]:
                preview.unchanged += 1
        for row in existing:
            if row["id"] not in matched and not row["archived_at"]:
                preview.to_archive.append(
                    (row["id"], f"{row['legal_first_name']} {row['legal_last_name']}"))
        if parsed.problems:  # problems found while matching make the preview unusable too
            preview.to_add.clear()
            preview.to_update.clear()
            preview.to_archive.clear()
        return preview

    def commit(self, session: Session, preview: RosterPreview) -> Changes:
        """Apply a preview in one transaction: every change, or (on any failure) none."""
        require(session, "pupils.import_roster")
        if not preview.can_import:
            raise ValidationError("This roster has problems; fix them and preview it again.")
        now = to_text(self.clock())
        try:
            self._apply(session, preview, now)
        except sqlite3.IntegrityError as exc:
            raise ValidationError(
                "The roster would give two pupils the same UPN or username; nothing was "
                f"changed ({exc}).") from exc
        return Changes.of("pupils")

    def _apply(self, session: Session, preview: RosterPreview, now: str) -> None:
        from careersdesk.services.pupils import PupilService

        with self.db.atomic():
            PupilService(self.database, self.clock).create_many_unchecked(
                [row.pupil for row in preview.to_add])
            for update in preview.to_update:
                columns = list(update.changes)
                assignments = ", ".join(f"{column} = ?" for column in columns)
                self.db.execute(
                    f"UPDATE pupils SET {assignments}, updated_at = ? WHERE id = ?",
                    [*(update.changes[c][1] for c in columns), now, update.pupil_id])
            for pupil_id in preview.to_restore:
                self.db.execute("UPDATE pupils SET archived_at = NULL, updated_at = ? WHERE id = ?",
                                [now, pupil_id])
            for pupil_id, _ in preview.to_archive:
                self.db.execute("UPDATE pupils SET archived_at = ?, updated_at = ? WHERE id = ?",
                                [now, now, pupil_id])
            self._store_mapping({**self.saved_mapping(), **preview.parsed.mapping})
            append_entry(self.database, now, actor_of(session), "roster.import", None,
                         {"added": len(preview.to_add), "updated": len(preview.to_update),
                          "archived": len(preview.to_archive)})
