"""The only way the app reads or changes school data.

Every method takes the acting Session and checks permission itself, so no screen (and no
pupil) can reach data the rules do not allow, whatever the user interface does.
"""

from __future__ import annotations

from careersdesk.db import SchoolDatabase
from careersdesk.services.auth import AuthService
from careersdesk.services.common import Clock, utc_now
from careersdesk.services.encounters import EncounterService
from careersdesk.services.pupils import PupilService
from careersdesk.services.roster import RosterService
from careersdesk.services.school import SchoolService
from careersdesk.services.staff import StaffService
from careersdesk.services.tracking import TrackingService


class Services:
    """One facade over the school database, like Anki's collection object."""

    def __init__(self, database: SchoolDatabase, clock: Clock = utc_now) -> None:
        self.database = database
        self.auth = AuthService(database, clock)
        self.school = SchoolService(database, clock)
        self.staff = StaffService(database, clock)
        self.pupils = PupilService(database, clock)
        self.roster = RosterService(database, clock)
        self.encounters = EncounterService(database, clock)
        self.tracking = TrackingService(database, clock)

    def close(self) -> None:
        self.database.close()
