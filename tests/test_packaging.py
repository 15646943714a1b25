"""The installed and the frozen app both start and show their window."""

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from careersdesk.bench import folder_size_bytes


def smoke_env(tmp_path):
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
                XDG_CONFIG_HOME=str(tmp_path / "config"),
                CAREERSDESK_CONFIG=str(tmp_path / "none.toml"))


def test_demo_starts_and_reports_ready(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ui", "--demo", "--smoke"], cwd=tmp_path,
                            env=smoke_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
    demo = tmp_path / "data" / "CareersDesk" / "demo" / "careersdesk-demo.db"
    assert demo.exists()  # built in its own demo folder, nowhere near a real school database


def test_unreadable_machine_config_is_one_clear_line(tmp_path):
    env = smoke_env(tmp_path)
    (tmp_path / "none.toml").write_text("idle_lock_minutes = [", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ui", "--demo", "--smoke"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr and "Traceback" not in result.stderr


def test_newer_database_is_refused_at_start(tmp_path, demo_db_path):
    import sqlite3

    conn = sqlite3.connect(demo_db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('careersdesk', '9999_future', 'x')")
    conn.commit()
    conn.close()
    result = subprocess.run([sys.executable, "-m", "ui", "--db", str(demo_db_path), "--smoke"],
                            env=smoke_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "newer version of CareersDesk" in result.stderr


@pytest.mark.slow
def test_frozen_bundle_builds_and_starts(tmp_path):
    if shutil.which("pyinstaller") is None and not (REPO / "packaging").exists():
        pytest.skip("PyInstaller is not installed")
    dist = REPO / "packaging" / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(dist), "--workpath", str(REPO / "packaging" / "build"),
         str(REPO / "packaging" / "careersdesk.spec")],
        cwd=REPO, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    executable = dist / "careersdesk" / ("careersdesk.exe" if os.name == "nt" else "careersdesk")
    result = subprocess.run([str(executable), "--demo", "--smoke"], env=smoke_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
    size_mb = folder_size_bytes(dist / "careersdesk") / 2**20
    assert size_mb < 250, f"bundle is {size_mb:.0f} MB"


def test_missing_shared_database_is_reported_not_recreated(tmp_path):
    env = smoke_env(tmp_path)
    shared = tmp_path / "share" / "careersdesk.db"
    shared.parent.mkdir()
    (tmp_path / "none.toml").write_text(f'database_path = "{shared.as_posix()}"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ui", "--smoke"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "is not there" in result.stderr
    assert not shared.exists()
