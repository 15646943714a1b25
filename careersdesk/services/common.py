"""Small helpers the services share: the clock and row conversions."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from functools import lru_cache

from careersdesk.db import SchoolDatabase

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def from_text(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


@lru_cache(maxsize=16384)
def date_from_text(text: str | None) -> dt.date | None:
    # Cached: lists of thousands of pupils share a few thousand birthdays and a handful of
    # admission and interview dates, and a date is immutable.
    return dt.date.fromisoformat(text) if text else None


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a list or report builds a great many small objects.

    None of them form cycles, yet every burst of allocations sets off a collection that walks
    every object still alive: a quarter of a 30,000-pupil cohort report went on that. Reference
    counting frees everything as usual meanwhile, and collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ServiceBase:
    def __init__(self, database: SchoolDatabase, clock: Clock = utc_now) -> None:
        self.database = database
        self.db = database
        self.clock = clock
