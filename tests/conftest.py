"""Shared fixtures.  Tests never touch the real user's folders or settings."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt or platformdirs: no screen, and private folders for this run.
_SANDBOX = Path(tempfile.mkdtemp(prefix="careersdesk-tests-"))
atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["CAREERSDESK_CONFIG"] = str(_SANDBOX / "no-machine-config.toml")

from careersdesk.db import SchoolDatabase, open_school_database  # noqa: E402
from careersdesk.demo import build_demo_school  # noqa: E402
from careersdesk.models import Role  # noqa: E402
from careersdesk.services import Services  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class FakeClock:
    """A clock the test moves by hand, for lock-outs and idle times."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture(autouse=True)
def _no_background_work_left_behind() -> Iterator[None]:
    """A page may start work on a thread; it must finish before its window is torn down."""
    yield
    import sys

    if "ui.tasks" in sys.modules:
        from ui.tasks import wait_for_background_work

        wait_for_background_work()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def school_db(tmp_path: Path) -> Iterator[SchoolDatabase]:
    database = open_school_database(tmp_path / "careersdesk.db")
    yield database
    database.close()


@pytest.fixture
def services(school_db: SchoolDatabase, clock: FakeClock) -> Services:
    return Services(school_db, clock)


@pytest.fixture(scope="session")
def demo_template() -> Path:
    """One small demo school per test run; tests copy it rather than rebuilding it."""
    path = _SANDBOX / "demo-template" / "careersdesk.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    build_demo_school(path, pupils=120, seed=7)
    return path


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.db"
    target.write_bytes(demo_template.read_bytes())
    return target


@pytest.fixture
def demo_services(demo_db_path: Path) -> Iterator[Services]:
    services = Services(open_school_database(demo_db_path))
    yield services
    services.close()


DEMO_LOGINS = {
    Role.ADVISER: ("adviser", "demo-adviser"),
    Role.CAREERS_LEADER: ("leader", "demo-leader"),
    Role.SEND: ("send", "demo-send"),
    Role.ADMIN: ("admin", "demo-admin"),
}


@pytest.fixture(scope="session")
def real_library():
    """The careers library that ships in resources/content.db, opened read-only."""
    from careersdesk.content.library import CareersLibrary
    from careersdesk.resources import resource_path

    library = CareersLibrary(resource_path("content.db"))
    yield library
    library.close()
