"""Where the files that ship with the app live.

The repository keeps them in a top-level ``resources/`` folder.  An installed copy reaches them
through the ``careersdesk_resources`` package (pyproject maps it onto that folder), and a
PyInstaller bundle unpacks them beside the executable, so every caller asks here.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    try:
        import careersdesk_resources

        return Path(careersdesk_resources.__file__).resolve().parent
    except ImportError:
        # Running from a source checkout that was never installed.
        return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
