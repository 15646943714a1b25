"""HTML rendering with jinja2, for previews and printing inside the app.

Templates load from the package's own files, so a PyInstaller bundle finds them too; every
value is escaped (autoescape) and a misspelt variable is an error, not a blank (StrictUndefined).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["date"] = lambda value, fmt="%d %B %Y": value.strftime(fmt) if value else ""
    return env


def render(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)
