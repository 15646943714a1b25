import subprocess
import sys

import pytest

from careersdesk import __version__
from careersdesk.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_demo_then_check_passes(capsys, tmp_path):
    path = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo", "--db", str(path), "--pupils", "40", "--seed", "3")
    assert code == 0 and "40 pupils" in out
    code, out, _ = run(capsys, "db", "check", "--db", str(path))
    assert code == 0 and "Healthy" in out and "0001_school_staff_pupils" in out


def test_demo_will_not_overwrite(capsys, demo_db_path):
    code, _, err = run(capsys, "demo", "--db", str(demo_db_path))
    assert code != 0 and "already exists" in err and err.count("\n") == 1


def test_check_of_a_damaged_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, "db", "check", "--db", str(path))
    assert code == 1 and out == ""
    assert err.startswith("careersdesk-admin: ") and err.count("\n") == 1


def test_backup_and_restore(capsys, demo_db_path, tmp_path):
    folder = tmp_path / "backups"
    code, out, _ = run(capsys, "backup", "--db", str(demo_db_path), "--to", str(folder))
    assert code == 0
    backup = next(folder.iterdir())
    code, _, err = run(capsys, "restore", "--from", str(backup), "--db", str(demo_db_path))
    assert code == 1 and "--force" in err
    code, out, _ = run(capsys, "restore", "--from", str(backup), "--db", str(demo_db_path), "--force")
    assert code == 0 and "Restored" in out
    code, _, _ = run(capsys, "db", "check", "--db", str(demo_db_path))
    assert code == 0


def test_restore_into_a_new_place(capsys, demo_db_path, tmp_path):
    run(capsys, "backup", "--db", str(demo_db_path), "--to", str(tmp_path / "b"))
    backup = next((tmp_path / "b").iterdir())
    target = tmp_path / "elsewhere" / "careersdesk.db"
    target.parent.mkdir()
    code, _, _ = run(capsys, "restore", "--from", str(backup), "--db", str(target))
    assert code == 0 and target.exists()


def test_errors_never_show_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "careersdesk.cli", "db", "check", "--db", str(tmp_path / "none.db")],
        capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no school database" in result.stderr
