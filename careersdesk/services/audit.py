"""The audit log: who did what to whose record, append-only and hash-chained.

Each entry's hash covers the previous entry's hash and its own fields, so removing, reordering
or editing any entry (even with a SQLite editor, past the triggers) breaks the chain at that
point, which `careersdesk-admin audit verify` reports.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from careersdesk.db import SchoolDatabase
from careersdesk.models import Session
from careersdesk.services.common import ServiceBase, to_text
from careersdesk.services.permissions import require

GENESIS = "0" * 64


def entry_hash(previous_hash: str, at: str, actor: str, action: str, pupil_id: int | None,
               detail: str) -> str:
    canonical = json.dumps([previous_hash, at, actor, action, pupil_id, detail],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def actor_of(session: Session) -> str:
    return f"{session.role.value}:{session.username}"


def append_entry(database: SchoolDatabase, at: str, actor: str, action: str,
                 pupil_id: int | None = None, detail: dict[str, Any] | str = "") -> None:
    """Write one entry; call inside the transaction of the change it records."""
    text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False,
                                                             sort_keys=True)
    row = database.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    previous = row[0] if row else GENESIS
    database.execute(
        "INSERT INTO audit_log (at, actor, action, pupil_id, detail, previous_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [at, actor, action, pupil_id, text, previous,
         entry_hash(previous, at, actor, action, pupil_id, text)])


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    pupil_id: int | None
    detail: str


class AuditService(ServiceBase):
    def record(self, session: Session, action: str, pupil_id: int | None = None,
               detail: dict[str, Any] | str = "") -> None:
        with self.db.atomic():
            append_entry(self.database, to_text(self.clock()), actor_of(session), action,
                         pupil_id, detail)

    def entries(self, session: Session, pupil_id: int | None = None, actor: str | None = None,
                since: str | None = None, until: str | None = None) -> list[AuditEntry]:
        require(session, "audit.read")
        clauses, params = ["1"], []
        for column, value, operator in (("pupil_id", pupil_id, "="), ("actor", actor, "="),
                                        ("at", since, ">="), ("at", until, "<=")):
            if value is not None:
                clauses.append(f"{column} {operator} ?")
                params.append(value)
        return [AuditEntry(r["id"], r["at"], r["actor"], r["action"], r["pupil_id"], r["detail"])
                for r in self.db.query(f"SELECT * FROM audit_log WHERE {' AND '.join(clauses)} "
                                       "ORDER BY id", params)]


def verify_chain(database: SchoolDatabase) -> int | None:
    """The id of the first entry whose hash does not follow from the one before, or None."""
    previous = GENESIS
    for row in database.query("SELECT * FROM audit_log ORDER BY id"):
        expected = entry_hash(previous, row["at"], row["actor"], row["action"], row["pupil_id"],
                              row["detail"])
        if row["previous_hash"] != previous or row["hash"] != expected:
            return int(row["id"])
        previous = row["hash"]
    return None
