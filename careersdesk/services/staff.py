"""Staff accounts: created and managed by an administrator."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from careersdesk.errors import NotFound, ValidationError
from careersdesk.models import STAFF_ROLES, Changes, Role, Session, StaffAccount
from careersdesk.services import passwords
from careersdesk.services.common import ServiceBase, from_text, to_text
from careersdesk.services.keys import KeyService
from careersdesk.services.permissions import require


@dataclass(frozen=True)
class FirstAdmin:
    account: StaffAccount
    recovery_key: str  # shown once, to print and keep; CareersDesk never stores it


def _staff_from_row(row: dict[str, Any]) -> StaffAccount:
    return StaffAccount(id=row["id"], username=row["username"], display_name=row["display_name"],
                        role=Role(row["role"]), active=bool(row["active"]),
                        last_sign_in_at=from_text(row["last_sign_in_at"]))


class StaffService(ServiceBase):
    def list_staff(self, session: Session) -> list[StaffAccount]:
        require(session, "staff.list")
        rows = self.db.query("SELECT * FROM staff ORDER BY display_name COLLATE NOCASE")
        return [_staff_from_row(row) for row in rows]

    def has_any_staff(self) -> bool:
        """True once the school has been set up; the sign-in screen asks before anyone signs in."""
        return self.db.execute("SELECT 1 FROM staff LIMIT 1").fetchone() is not None

    def create_staff(self, session: Session | None, username: str, display_name: str, role: Role,
                     password: str) -> StaffAccount:
        """A new account; it gets the school's data key from the administrator's session, so
        the new person can read confidential notes their role allows."""
        session = require(session, "staff.manage")
        with self.db.atomic():
            account = self.create_staff_unchecked(username, display_name, role, password)
            if session.data_key is not None:
                KeyService(self.database, self.clock).wrap_for_staff(account.id,
                                                                     session.data_key, password)
        return account

    def create_first_admin(self, username: str, display_name: str, password: str) -> FirstAdmin:
        """School set-up: only allowed while the database has no staff at all.  Also makes
        the school's data key and the recovery key the administrator must print and keep."""
        if self.has_any_staff():
            raise ValidationError("This school already has staff accounts; ask an administrator.")
        with self.db.atomic():
            account = self.create_staff_unchecked(username, display_name, Role.ADMIN, password)
            _, recovery = KeyService(self.database, self.clock).create_school_key(account.id,
                                                                                  password)
        return FirstAdmin(account, recovery)

    def create_staff_unchecked(self, username: str, display_name: str, role: Role, password: str,
                               *, password_hash: str | None = None) -> StaffAccount:
        username = username.strip()
        display_name = display_name.strip()
        if role not in STAFF_ROLES:
            raise ValidationError("Staff accounts are advisers, careers leaders, SEND staff or administrators.")
        if not username or len(username) > 64 or any(ch.isspace() for ch in username):
            raise ValidationError("A username is 1 to 64 characters with no spaces.")
        if not display_name:
            raise ValidationError("Please give the person's name.")
        if password_hash is None:
            problem = passwords.password_problem(password)
            if problem:
                raise ValidationError(problem)
            password_hash = passwords.hash_secret(password)
        try:
            with self.db.atomic():
                cursor = self.db.execute(
                    "INSERT INTO staff (username, display_name, role, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [username, display_name, role.value, password_hash, to_text(self.clock())])
        except sqlite3.IntegrityError as exc:
            raise ValidationError(f"The username '{username}' is already taken.") from exc
        return self.get_unchecked(int(cursor.lastrowid or 0))

    def get_unchecked(self, staff_id: int) -> StaffAccount:
        rows = list(self.db.query("SELECT * FROM staff WHERE id = ?", [staff_id]))
        if not rows:
            raise NotFound("That staff account no longer exists.")
        return _staff_from_row(rows[0])

    def set_active(self, session: Session, staff_id: int, active: bool) -> Changes:
        require(session, "staff.manage")
        if staff_id == session.user_id and not active:
            raise ValidationError("You cannot switch off your own account.")
        with self.db.atomic():
            self.db.execute("UPDATE staff SET active = ? WHERE id = ?", [int(active), staff_id])
        return Changes.of("staff")

    def reset_password(self, session: Session, staff_id: int, new_password: str,
                       recovery_key: str | None = None) -> Changes:
        """Give someone a new password.  Their access to confidential data is re-issued from
        the administrator's own session, or from the recovery key when that has none."""
        require(session, "staff.manage")
        problem = passwords.password_problem(new_password)
        if problem:
            raise ValidationError(problem)
        keys = KeyService(self.database, self.clock)
        data_key = session.data_key
        if data_key is None and recovery_key:
            data_key = keys.recover(recovery_key)
        if data_key is None and keys.school_has_key():
            raise ValidationError("Resetting a password needs the school's data key: sign in "
                                  "with your own password, or give the recovery key.")
        with self.db.atomic():
            self.db.execute(
                "UPDATE staff SET password_hash = ?, failed_attempts = 0, locked_until = NULL "
                "WHERE id = ?", [passwords.hash_secret(new_password), staff_id])
            if data_key is not None:
                keys.wrap_for_staff(staff_id, data_key, new_password)
        return Changes.of("staff")
