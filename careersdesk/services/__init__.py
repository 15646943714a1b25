"""The only way the app reads or changes school data.

Every method takes the acting Session and checks permission itself, so no screen (and no
pupil) can reach data the rules do not allow, whatever the user interface does.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from careersdesk.db import SchoolDatabase
from careersdesk.services.auth import AuthService
from careersdesk.services.common import Clock, utc_now
from careersdesk.services.school import SchoolService
from careersdesk.services.staff import StaffService

if TYPE_CHECKING:
    from careersdesk.services.audit import AuditService
    from careersdesk.services.careers import CareersService
    from careersdesk.services.data_protection import DataProtectionService
    from careersdesk.services.destinations import DestinationService
    from careersdesk.services.encounters import EncounterService
    from careersdesk.services.guidance import GuidanceService
    from careersdesk.services.pupils import PupilService
    from careersdesk.services.roster import RosterService
    from careersdesk.services.tracking import TrackingService
    from careersdesk.services.year_end import YearEndService


class Services:
    """One facade over the school database, like Anki's collection object.

    The services the sign-in screen needs are made at once; the others are imported the first
    time a screen asks for them, so the window appears sooner.
    """

    def __init__(self, database: SchoolDatabase, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock
        self.auth = AuthService(database, clock)
        self.school = SchoolService(database, clock)
        self.staff = StaffService(database, clock)

    @cached_property
    def pupils(self) -> PupilService:
        from careersdesk.services.pupils import PupilService

        return PupilService(self.database, self.clock)

    @cached_property
    def roster(self) -> RosterService:
        from careersdesk.services.roster import RosterService

        return RosterService(self.database, self.clock)

    @cached_property
    def encounters(self) -> EncounterService:
        from careersdesk.services.encounters import EncounterService

        return EncounterService(self.database, self.clock)

    @cached_property
    def tracking(self) -> TrackingService:
        from careersdesk.services.tracking import TrackingService

        return TrackingService(self.database, self.clock)

    @cached_property
    def careers(self) -> CareersService:
        from careersdesk.services.careers import CareersService

        return CareersService(self.database, self.clock)

    @cached_property
    def guidance(self) -> GuidanceService:
        from careersdesk.services.guidance import GuidanceService

        return GuidanceService(self.database, self.clock)

    @cached_property
    def destinations(self) -> DestinationService:
        from careersdesk.services.destinations import DestinationService

        return DestinationService(self.database, self.clock)

    @cached_property
    def year_end(self) -> YearEndService:
        from careersdesk.services.year_end import YearEndService

        return YearEndService(self.database, self.clock)

    @cached_property
    def data_protection(self) -> DataProtectionService:
        from careersdesk.services.data_protection import DataProtectionService

        return DataProtectionService(self.database, self.clock)

    @cached_property
    def audit(self) -> AuditService:
        from careersdesk.services.audit import AuditService

        return AuditService(self.database, self.clock)

    def close(self) -> None:
        self.database.close()
