"""Keeping the school's data key wrapped for each member of staff and for recovery."""

from __future__ import annotations

from careersdesk.services.common import ServiceBase, to_text

RECOVERY_OWNER = "recovery"


def staff_owner(staff_id: int) -> str:
    return f"staff:{staff_id}"


class KeyService(ServiceBase):
    def school_has_key(self) -> bool:
        return self.db.execute("SELECT 1 FROM key_wraps LIMIT 1").fetchone() is not None

    def _store(self, owner: str, blob: str) -> None:
        self.db.execute("INSERT INTO key_wraps (owner, blob, created_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (owner) DO UPDATE SET blob = excluded.blob, "
                        "created_at = excluded.created_at", [owner, blob, to_text(self.clock())])

    def create_school_key(self, staff_id: int, password: str,
                          recovery_key: str | None = None) -> tuple[bytes, str]:
        """A new data key wrapped for the first administrator and a recovery key; returns both.
        The recovery key is shown once and never stored."""
        from careersdesk import crypto  # cryptography loads on first use, after the window

        data_key = crypto.new_data_key()
        recovery = crypto.normalise_recovery_key(recovery_key or crypto.new_recovery_key())
        with self.db.atomic():
            self._store(staff_owner(staff_id), crypto.wrap_data_key(data_key, password))
            self._store(RECOVERY_OWNER, crypto.wrap_data_key(data_key, recovery))
        return data_key, recovery

    def wrap_for_staff(self, staff_id: int, data_key: bytes, password: str) -> None:
        from careersdesk import crypto

        with self.db.atomic():
            self._store(staff_owner(staff_id), crypto.wrap_data_key(data_key, password))

    def unwrap_for_staff(self, staff_id: int, password: str) -> bytes | None:
        row = self.db.execute("SELECT blob FROM key_wraps WHERE owner = ?",
                              [staff_owner(staff_id)]).fetchone()
        if row is None:
            return None
        from careersdesk import crypto

        try:
            return crypto.unwrap_data_key(row[0], password)
        except crypto.DecryptionError:
            return None

    def recover(self, recovery_key: str) -> bytes:
        from careersdesk import crypto

        row = self.db.execute("SELECT blob FROM key_wraps WHERE owner = ?",
                              [RECOVERY_OWNER]).fetchone()
        if row is None:
            raise crypto.DecryptionError("This school has no recovery key.")
        return crypto.unwrap_data_key(row[0], crypto.normalise_recovery_key(recovery_key))
