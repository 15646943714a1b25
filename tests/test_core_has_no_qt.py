"""The core package must work without Qt: the command line, PDFs and tests all rely on it."""

import subprocess
import sys

from conftest import REPO


def test_importing_every_core_module_leaves_pyside6_out():
    script = (
        "import pkgutil, sys, importlib, careersdesk\n"
        "names = [m.name for m in pkgutil.walk_packages(careersdesk.__path__, 'careersdesk.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "assert len(names) >= 10, names\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken'))\n"
        "print(len(names), qt)\n"
        "sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("[]")
