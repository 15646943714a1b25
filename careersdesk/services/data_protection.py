"""Data protection tools for the administrator: retention, purging leavers, subject access
exports and erasure on request.  Every one of them is written to the audit log."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from careersdesk.errors import NotFound, ValidationError
from careersdesk.models import Changes, Session
from careersdesk.services.audit import actor_of, append_entry
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require

RETENTION_SETTING = "retention_years_after_leaving"
DEFAULT_RETENTION_YEARS = 6


class DataProtectionService(ServiceBase):
    def retention_years(self) -> int:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?",
                              [RETENTION_SETTING]).fetchone()
        return int(row[0]) if row else DEFAULT_RETENTION_YEARS

    def set_retention_years(self, session: Session, years: int) -> Changes:
        require(session, "data_protection.manage")
        if not 1 <= years <= 25:
            raise ValidationError("Keep leavers' records for 1 to 25 years after they leave.")
        with self.db.atomic():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                            "DO UPDATE SET value = excluded.value", [RETENTION_SETTING, str(years)])
            append_entry(self.database, to_text(self.clock()), actor_of(session),
                         "data_protection.retention", None, {"years": years})
        return Changes.of("settings")

    def leavers_past_retention(self, session: Session) -> list[tuple[int, str, str]]:
        """(id, name, left on) of leavers whose retention period has ended."""
        require(session, "data_protection.manage")
        today = self.clock().date()
        cutoff = today.replace(year=today.year - self.retention_years())
        return [(r["id"], f"{r['legal_first_name']} {r['legal_last_name']}", r["left_on"])
                for r in self.db.query(
                    "SELECT id, legal_first_name, legal_last_name, left_on FROM pupils "
                    "WHERE left_on IS NOT NULL AND left_on < ? ORDER BY left_on", [cutoff.isoformat()])]

    def purge_leavers(self, session: Session) -> int:
        require(session, "data_protection.manage")
        doomed = self.leavers_past_retention(session)
        with self.db.atomic():
            for pupil_id, _, _ in doomed:
                self.db.execute("DELETE FROM pupils WHERE id = ?", [pupil_id])
            append_entry(self.database, to_text(self.clock()), actor_of(session),
                         "data_protection.purge_leavers", None,
                         {"pupils": len(doomed), "retention_years": self.retention_years()})
        return len(doomed)

    def pupil_id_for_upn(self, upn: str) -> int:
        row = self.db.execute("SELECT id FROM pupils WHERE upn = ?", [upn.strip().upper()]).fetchone()
        if row is None:
            raise NotFound(f"No pupil has the UPN {upn}.")
        return int(row[0])

    def export_pupil(self, session: Session, pupil_id: int) -> dict[str, Any]:
        """Everything held about one pupil, for a subject access request."""
        require(session, "data_protection.manage")
        rows = list(self.db.query("SELECT * FROM pupils WHERE id = ?", [pupil_id]))
        if not rows:
            raise NotFound("That pupil's record no longer exists.")
        pupil = {k: v for k, v in rows[0].items() if k not in ("pin_hash",)}
        pupil["accessibility"] = json.loads(pupil["accessibility"] or "{}")
        from careersdesk.services.encounters import EncounterService

        encounters = EncounterService(self.database, self.clock).for_pupil(session, pupil_id)
        record: dict[str, Any] = {
            "exported_on": self.clock().date().isoformat(),
            "pupil": pupil,
            "encounters": [{**asdict(e.details), "date": e.details.date.isoformat(),
                            "criteria": sorted(e.details.criteria),
                            "reflection": e.reflection, "year_group": e.year_group}
                           for e in encounters],
            "destinations": list(self.db.query(
                "SELECT stage, checkpoint, kind, provider, detail, recorded_on FROM destinations "
                "WHERE pupil_id = ? ORDER BY id", [pupil_id])),
            "audit_entries": list(self.db.query(
                "SELECT at, actor, action, detail FROM audit_log WHERE pupil_id = ? ORDER BY id",
                [pupil_id])),
        }
        with self.db.atomic():
            append_entry(self.database, to_text(self.clock()), actor_of(session),
                         "data_protection.export", pupil_id, "subject access export")
        return record

    def erase_pupil(self, session: Session, pupil_id: int) -> None:
        """Delete one pupil on request; an anonymous count keeps the school's totals honest."""
        require(session, "data_protection.manage")
        row = self.db.execute("SELECT year_group, left_on FROM pupils WHERE id = ?",
                              [pupil_id]).fetchone()
        if row is None:
            raise NotFound("That pupil's record no longer exists.")
        encounters = self.db.execute("SELECT count(*) FROM encounters WHERE pupil_id = ?",
                                     [pupil_id]).fetchone()[0]
        now = to_text(self.clock())
        with self.db.atomic():
            self.db.execute("DELETE FROM pupils WHERE id = ?", [pupil_id])
            self.db.execute("INSERT INTO erasures (erased_on, year_group, was_leaver, encounters) "
                            "VALUES (?, ?, ?, ?)", [dt.date.fromisoformat(now[:10]).isoformat(),
                                                    row[0], int(row[1] is not None), encounters])
            # The log keeps that an erasure happened, not who it was about.
            append_entry(self.database, now, actor_of(session), "data_protection.erase", None,
                         {"year_group": row[0]})

    def erased_count(self, session: Session) -> int:
        require(session, "data_protection.manage")
        return int(self.db.execute("SELECT count(*) FROM erasures").fetchone()[0])
