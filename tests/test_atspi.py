"""The app as a screen reader sees it: an end-to-end run over the AT-SPI accessibility bus.

Under a virtual screen (Xvfb) with its own session bus, the app runs with Qt's accessibility
bridge on; a separate client (tests/atspi/client.py, run by Debian's Python, which has pyatspi)
finds every control by role and name, signs in with simple mode ticked, takes the short quiz
and switches to the full app, pressing nothing but accessibility actions.

Needs the Debian packages xvfb, at-spi2-core, python3-pyatspi and dbus-x11 (.ci/run installs
them). Without them the test skips, unless CAREERSDESK_REQUIRE_ATSPI is set, as it is in CI.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careersdesk.db import open_school_database
from careersdesk.demo import build_demo_school
from careersdesk.services import Services

REPO = Path(__file__).resolve().parent.parent
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")


def missing_tools() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-launch") if shutil.which(tool) is None]
    if not BUS_LAUNCHER.exists():
        missing.append(str(BUS_LAUNCHER))
    if not SYSTEM_PYTHON.exists() or subprocess.run(
            [str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True).returncode:
        missing.append("pyatspi for /usr/bin/python3")
    return missing


@pytest.fixture
def accessibility_session(tmp_path):
    missing = missing_tools()
    if missing:
        if os.environ.get("CAREERSDESK_REQUIRE_ATSPI"):
            pytest.fail(f"AT-SPI test tools missing: {missing}")
        pytest.skip(f"AT-SPI test tools missing: {missing}")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x900x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    display = ":" + os.read(read_fd, 16).decode().strip()
    os.close(read_fd)
    env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               CAREERSDESK_CONFIG=str(tmp_path / "none.toml"))
    env.pop("QT_QPA_PLATFORM", None)  # a real window on the virtual screen
    bus = subprocess.run(["dbus-launch", "--sh-syntax"], env=env, capture_output=True,
                         text=True, check=True).stdout
    for line in bus.splitlines():
        if line.startswith(("DBUS_SESSION_BUS_ADDRESS=", "DBUS_SESSION_BUS_PID=")):
            key, value = line.rstrip(";").split("=", 1)
            env[key] = value.strip("'")
    launcher = subprocess.Popen([str(BUS_LAUNCHER), "--launch-immediately"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    yield env
    launcher.terminate()
    xvfb.terminate()
    if env.get("DBUS_SESSION_BUS_PID"):
        try:
            os.kill(int(env["DBUS_SESSION_BUS_PID"]), signal.SIGTERM)
        except ProcessLookupError:
            pass


def test_a_pupil_signs_in_and_takes_the_short_quiz_through_the_accessibility_bus(
        accessibility_session, tmp_path):
    school = tmp_path / "school.db"
    build_demo_school(school, pupils=60, seed=5)
    services = Services(open_school_database(school))
    username = services.school.sample_usernames()[0][0]
    services.close()
    env = dict(accessibility_session, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1")
    app = subprocess.Popen([sys.executable, "-m", "ui", "--db", str(school)], cwd=REPO, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        client_env = {key: value for key, value in env.items() if not key.startswith("PYTHON")}
        client = subprocess.run([str(SYSTEM_PYTHON), "tests/atspi/client.py", username, "1234"],
                                cwd=REPO, env=client_env, capture_output=True, text=True,
                                timeout=180)
    finally:
        app.terminate()
        app.wait(timeout=20)
    assert client.returncode == 0, client.stdout + client.stderr
    report = json.loads(client.stdout.strip().splitlines()[-1])
    assert report["ok"] and report["answered"] == 18
    for screen, seen in report["screens"].items():
        assert seen["controls"] > 0, screen
        assert seen["nameless"] == [], f"{screen}: controls with no name: {seen['nameless']}"
    # What was done through the accessibility bus is really in the school's database.
    services = Services(open_school_database(school))
    admin = services.auth.sign_in_staff("admin", "demo-admin")
    pupil = next(p for p in services.pupils.list_pupils(admin) if p.username == username)
    latest = services.careers.latest_interests(admin, pupil.id)
    assert latest is not None and latest.short_form
    services.close()
