"""Signing in: staff with a username and password, pupils with a username and PIN."""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import Any

from careersdesk.errors import AccountLocked, SignInError, ValidationError
from careersdesk.models import Role, Session
from careersdesk.services import passwords
from careersdesk.services.common import ServiceBase, from_text, to_text
from careersdesk.services.keys import KeyService

WRONG_DETAILS = "That username and {secret} do not match. Check them and try again."


class AuthService(ServiceBase):
    def sign_in_staff(self, username: str, password: str) -> Session:
        row = self._row("staff", username)
        if row is None or not row["active"]:
            # Hash anyway so a wrong username takes as long as a wrong password.
            passwords.verify_secret(_dummy_hash(), password)
            raise SignInError(WRONG_DETAILS.format(secret="password"))
        self._check_not_locked(row)
        if not passwords.verify_secret(row["password_hash"], password):
            self._record_failure("staff", row)
            raise SignInError(WRONG_DETAILS.format(secret="password"))
        self._record_success("staff", row)
        data_key = KeyService(self.database, self.clock).unwrap_for_staff(row["id"], password)
        return Session(role=Role(row["role"]), user_id=row["id"], username=row["username"],
                       display_name=row["display_name"], started_at=self.clock(),
                       data_key=data_key)

    def sign_in_pupil(self, username: str, pin: str) -> Session:
        row = self._row("pupils", username)
        if row is None or row["archived_at"] or not row["pin_hash"]:
            passwords.verify_secret(_dummy_hash(), pin)
            raise SignInError(WRONG_DETAILS.format(secret="PIN"))
        self._check_not_locked(row)
        if not passwords.verify_secret(row["pin_hash"], pin):
            self._record_failure("pupils", row)
            raise SignInError(WRONG_DETAILS.format(secret="PIN"))
        self._record_success("pupils", row)
        name = f"{row['preferred_name'] or row['legal_first_name']} {row['legal_last_name']}"
        return Session(role=Role.PUPIL, user_id=row["id"], username=row["username"],
                       display_name=name, started_at=self.clock())

    def verify_unlock(self, session: Session, secret: str) -> bool:
        """Check the secret of the person whose session is locked, without a new session."""
        table = "pupils" if session.is_pupil else "staff"
        row = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", [session.user_id]).fetchone()
        if row is None:
            return False
        record = self._as_dict(table, row)
        self._check_not_locked(record)
        column = "pin_hash" if session.is_pupil else "password_hash"
        if passwords.verify_secret(record[column], secret):
            self._record_success(table, record)
            return True
        self._record_failure(table, record)
        return False

    def change_password(self, session: Session, old: str, new: str) -> None:
        if session.is_pupil:
            raise ValidationError("Pupils change their PIN with a member of staff.")
        problem = passwords.password_problem(new)
        if problem:
            raise ValidationError(problem)
        if not self.verify_unlock(session, old):
            raise SignInError("Your current password is not right.")
        keys = KeyService(self.database, self.clock)
        data_key = keys.unwrap_for_staff(session.user_id, old)
        with self.db.atomic():
            self.db.execute("UPDATE staff SET password_hash = ? WHERE id = ?",
                            [passwords.hash_secret(new), session.user_id])
            if data_key is not None:  # the data key follows the password
                keys.wrap_for_staff(session.user_id, data_key, new)

    # -- lock-out bookkeeping ---------------------------------------------------------------

    def _row(self, table: str, username: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE username = ?", [username.strip()])
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cursor.description], row, strict=True))

    def _as_dict(self, table: str, row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
        columns = [c[1] for c in self.db.execute(f"PRAGMA table_info({table})").fetchall()]
        return dict(zip(columns, row, strict=True))

    def _check_not_locked(self, row: dict[str, Any]) -> None:
        locked_until = from_text(row["locked_until"])
        if locked_until and locked_until > self.clock():
            minutes = max(1, round((locked_until - self.clock()).total_seconds() / 60))
            raise AccountLocked(
                f"Too many wrong tries. This account is locked for {minutes} more "
                f"minute{'s' if minutes != 1 else ''}."
            )

    def _audit(self, table: str, row: dict[str, Any], action: str) -> None:
        from careersdesk.services.audit import append_entry  # not needed to draw the window

        kind = "pupil" if table == "pupils" else (row.get("role") or "staff")
        append_entry(self.database, to_text(self.clock()), f"{kind}:{row['username']}", action,
                     row["id"] if table == "pupils" else None)

    def _record_failure(self, table: str, row: dict[str, Any]) -> None:
        attempts = (row["failed_attempts"] or 0) + 1
        locked_until = None
        if attempts >= passwords.MAX_FAILED_ATTEMPTS:
            locked_until = to_text(self.clock() + passwords.LOCKOUT)
            attempts = 0
        with self.db.atomic():
            self.db.execute(f"UPDATE {table} SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                            [attempts, locked_until, row["id"]])
            self._audit(table, row, "sign_in.locked" if locked_until else "sign_in.failed")
        if locked_until:
            raise AccountLocked(
                "That was the fifth wrong try, so this account is locked for 5 minutes."
            )

    def _record_success(self, table: str, row: dict[str, Any]) -> None:
        extra = ", last_sign_in_at = ?" if table == "staff" else ""
        params: list[Any] = [to_text(self.clock())] if extra else []
        with self.db.atomic():
            self.db.execute(
                f"UPDATE {table} SET failed_attempts = 0, locked_until = NULL{extra} WHERE id = ?",
                [*params, row["id"]],
            )
            self._audit(table, row, "sign_in")


@cache
def _dummy_hash() -> str:
    return passwords.hash_secret("not-a-real-password")
