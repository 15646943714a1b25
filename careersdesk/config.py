"""Machine-wide settings that IT staff set once for every user of a machine.

The file is TOML in the operating system's site configuration folder (platformdirs), e.g.
``/etc/xdg/CareersDesk/careersdesk.toml`` on Linux or ``C:\\ProgramData\\CareersDesk\\...`` on
Windows.  ``CAREERSDESK_CONFIG`` points at another file, which is how tests and unusual
deployments choose one.  Every key is optional::

    database_path = "//server/careers/careersdesk.db"
    school_name = "Riverside Academy"
    idle_lock_minutes = 10
    backup_folder = "//server/careers/backups"
    network_database = true   # force the shared-folder settings when detection cannot tell
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from careersdesk.errors import ConfigError

APP_NAME = "CareersDesk"
APP_AUTHOR = "CareersDesk"
DEFAULT_IDLE_LOCK_MINUTES = 10


@dataclass(frozen=True)
class MachineConfig:
    database_path: Path | None = None
    school_name: str | None = None
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    backup_folder: Path | None = None
    network_database: bool | None = None
    source: Path | None = None


def config_file_path() -> Path:
    override = os.environ.get("CAREERSDESK_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / "careersdesk.toml"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return user_data_dir() / "careersdesk.db"


def load_machine_config(path: Path | None = None) -> MachineConfig:
    """Read the machine config; a missing file means defaults, a broken one is an error."""
    path = path or config_file_path()
    if not path.exists():
        return MachineConfig()
    import tomllib  # most machines have no settings file, so this is rarely needed
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"The settings file {path} could not be read: {exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"The settings file {path} is not valid TOML ({exc}). Ask IT staff to correct it."
        ) from exc
    known = {"database_path", "school_name", "idle_lock_minutes", "backup_folder", "network_database"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"The settings file {path} has unknown settings: {', '.join(unknown)}.")
    minutes = raw.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 240:
        raise ConfigError(
            f"The settings file {path} says idle_lock_minutes = {minutes!r}; "
            "it must be a whole number of minutes from 1 to 240."
        )
    for key in ("database_path", "school_name", "backup_folder"):
        if key in raw and not isinstance(raw[key], str):
            raise ConfigError(f"The settings file {path} says {key} = {raw[key]!r}; it must be text.")
    network = raw.get("network_database")
    if network is not None and not isinstance(network, bool):
        raise ConfigError(f"The settings file {path} says network_database must be true or false.")
    return MachineConfig(
        database_path=Path(raw["database_path"]) if raw.get("database_path") else None,
        school_name=raw.get("school_name") or None,
        idle_lock_minutes=minutes,
        backup_folder=Path(raw["backup_folder"]) if raw.get("backup_folder") else None,
        network_database=network,
        source=path,
    )


def resolve_database_path(cli_path: str | os.PathLike[str] | None, config: MachineConfig) -> Path:
    """--db beats the machine config, which beats the per-user default."""
    if cli_path:
        return Path(cli_path)
    if config.database_path:
        return config.database_path
    return default_database_path()
