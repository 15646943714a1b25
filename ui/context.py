"""What every screen needs: the services, the machine settings and who is signed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from careersdesk.config import MachineConfig
from careersdesk.models import Changes, Session
from careersdesk.services import Services

if TYPE_CHECKING:
    from careersdesk.content.library import CareersLibrary


def plural(count: int, noun: str) -> str:
    """'1 pupil', '240 pupils': Qt's %n plurals need a translation file even for English."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class ChangeHub(QObject):
    """One signal for every write, like Anki's operation_did_execute: pages decide to refresh."""

    changed = Signal(object)  # Changes

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


@dataclass
class AppContext:
    services: Services
    config: MachineConfig
    is_demo: bool = False
    session: Session | None = None
    hub: ChangeHub = field(default_factory=ChangeHub)
    _library: CareersLibrary | None = None
    _library_missing: bool = False

    @property
    def library(self) -> CareersLibrary | None:
        """The bundled careers library, opened the first time a page needs it. It is the
        process's shared copy, so printing an action plan reuses the search index the pages
        already built instead of building a second one."""
        if self._library is None and not self._library_missing:
            from careersdesk.content.library import LibraryMissing, shared_library

            try:
                self._library = shared_library()
            except LibraryMissing:
                self._library_missing = True
        return self._library

    def open_worker_services(self) -> Services:
        """A second connection for work on another thread; the caller closes it."""
        from careersdesk.db import open_school_database

        database = self.services.database
        return Services(open_school_database(database.path, create=False,
                                             network=database.on_network), self.services.clock)

    @property
    def school_name(self) -> str:
        # IT staff may name the school for every user of the machine; otherwise the database does.
        return self.config.school_name or self.services.school.read_settings_unchecked().school_name

    @property
    def idle_lock_minutes(self) -> int:
        # The machine config is IT's policy for the machine; it wins over the school setting.
        if self.config.source is not None and self.config.idle_lock_minutes:
            return self.config.idle_lock_minutes
        return self.services.school.read_settings_unchecked().idle_lock_minutes
