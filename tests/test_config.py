from pathlib import Path

import pytest

from careersdesk.config import (
    DEFAULT_IDLE_LOCK_MINUTES,
    load_machine_config,
    resolve_database_path,
)
from careersdesk.errors import ConfigError


def test_missing_file_means_defaults(tmp_path):
    config = load_machine_config(tmp_path / "none.toml")
    assert config.idle_lock_minutes == DEFAULT_IDLE_LOCK_MINUTES
    assert config.database_path is None and config.source is None


def test_machine_settings_are_read(tmp_path):
    path = tmp_path / "careersdesk.toml"
    path.write_text('database_path = "//server/careers/careersdesk.db"\n'
                    'school_name = "Riverside"\nidle_lock_minutes = 3\n'
                    'backup_folder = "/srv/backups"\n', encoding="utf-8")
    config = load_machine_config(path)
    assert config.database_path == Path("//server/careers/careersdesk.db")
    assert config.school_name == "Riverside"
    assert config.idle_lock_minutes == 3
    assert config.backup_folder == Path("/srv/backups")


@pytest.mark.parametrize("text, words", [
    ("idle_lock_minutes = \n", "not valid TOML"),
    ("idle_lock_minutes = 0\n", "from 1 to 240"),
    ("idle_lock_minutes = \"ten\"\n", "from 1 to 240"),
    ("colour = \"red\"\n", "unknown settings: colour"),
    ("database_path = 5\n", "must be text"),
])
def test_broken_settings_get_a_clear_message(tmp_path, text, words):
    path = tmp_path / "careersdesk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_machine_config(path)
    assert words in str(error.value)
    assert str(path) in str(error.value)


def test_unreadable_bytes_are_reported(tmp_path):
    path = tmp_path / "careersdesk.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError):
        load_machine_config(path)


def test_command_line_beats_machine_config_beats_default(tmp_path):
    path = tmp_path / "careersdesk.toml"
    path.write_text('database_path = "/shared/school.db"\n', encoding="utf-8")
    config = load_machine_config(path)
    assert resolve_database_path("/mine.db", config) == Path("/mine.db")
    assert resolve_database_path(None, config) == Path("/shared/school.db")
    default = resolve_database_path(None, load_machine_config(tmp_path / "none.toml"))
    assert default.name == "careersdesk.db"
