"""School-wide settings stored in the school database."""

from __future__ import annotations

from careersdesk.errors import ValidationError
from careersdesk.models import Changes, SchoolSettings, Session
from careersdesk.services.common import ServiceBase
from careersdesk.services.permissions import require


class SchoolService(ServiceBase):
    def settings(self, session: Session | None) -> SchoolSettings:
        require(session, "school.read_settings")
        return self.read_settings_unchecked()

    def read_settings_unchecked(self) -> SchoolSettings:
        """For the sign-in screen, which shows the school's name before anyone signs in."""
        values = dict(self.db.execute("SELECT key, value FROM settings").fetchall())
        defaults = SchoolSettings()
        return SchoolSettings(
            school_name=values.get("school_name", defaults.school_name),
            idle_lock_minutes=int(values.get("idle_lock_minutes", defaults.idle_lock_minutes)),
            is_demo=values.get("is_demo") == "1",
        )

    def update_settings(self, session: Session, *, school_name: str | None = None,
                        idle_lock_minutes: int | None = None) -> Changes:
        require(session, "school.update_settings")
        updates: dict[str, str] = {}
        if school_name is not None:
            name = school_name.strip()
            if not 1 <= len(name) <= 120:
                raise ValidationError("The school name must be 1 to 120 characters.")
            updates["school_name"] = name
        if idle_lock_minutes is not None:
            if not 1 <= idle_lock_minutes <= 240:
                raise ValidationError("The idle lock must be between 1 and 240 minutes.")
            updates["idle_lock_minutes"] = str(idle_lock_minutes)
        self.write_settings_unchecked(updates)
        return Changes.of("settings") if updates else Changes()

    def write_settings_unchecked(self, updates: dict[str, str]) -> None:
        """Used by set-up and the demo builder, before any account exists."""
        with self.db.atomic():
            for key, value in updates.items():
                self.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

    def sample_usernames(self, limit: int = 5) -> list[tuple[str, str, int]]:
        """(username, name, year) of a few pupils, one per year group, for the demo school's
        sign-in screen.  It lives here, beside the other sign-in reads, so that showing the
        sign-in screen does not load the pupil records service and its encryption."""
        rows = self.db.execute(
            "SELECT username, coalesce(preferred_name, legal_first_name) || ' ' || legal_last_name, "
            "year_group FROM pupils WHERE id IN (SELECT min(id) FROM pupils WHERE archived_at IS "
            "NULL GROUP BY year_group) ORDER BY year_group LIMIT ?", [limit]).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]
