"""Small helpers the services share: the clock and row conversions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from careersdesk.db import SchoolDatabase

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def from_text(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def date_from_text(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class ServiceBase:
    def __init__(self, database: SchoolDatabase, clock: Clock = utc_now) -> None:
        self.database = database
        self.db = database
        self.clock = clock
