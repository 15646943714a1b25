"""Write the T Level and apprenticeship standard lists that `content check` checks links against.

Dev-time only: ``python -m careersdesk.content.reference_lists SOURCES_DIR resources/content``.
The lists are facts (OGL v3.0); the CSVs come from ../shared/data/sources.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_lists(sources: Path, out: Path) -> tuple[int, int]:
    rows = list(csv.DictReader((sources / "tlevels_2025.csv").open(encoding="utf-8")))
    lines = ["# T Levels (DfE 'Find a T Level provider' list, June 2025) plus Onsite Construction,",
             "# which that list lacks.  withdrawn = true may not be linked from a profile.", ""]
    names = [(r["t_level"], r["route"], r["withdrawn"] == "1") for r in rows]
    names.append(("Onsite Construction", "Construction and the Built Environment", False))
    for name, route, withdrawn in sorted(names):
        lines += ["[[t_level]]", f"name = {_quote(name)}", f"route = {_quote(route)}",
                  f"withdrawn = {'true' if withdrawn else 'false'}", ""]
    (out / "tlevels.toml").write_text("\n".join(lines), encoding="utf-8")
    standards = list(csv.DictReader(
        (sources / "apprenticeship_standards_2018-05-08.csv").open(encoding="utf-8")))
    lines = ["# Apprenticeship standards (Institute for Apprenticeships list of 8 May 2018, OGL v3.0).",
             "# Old: standards have been added and revised since; links are checked by hand.", ""]
    for row in sorted(standards, key=lambda r: r["Reference"]):
        lines += ["[[standard]]", f"reference = {_quote(row['Reference'])}",
                  f"name = {_quote(row['Name'].strip())}", f"level = {int(row['Level'] or 0)}",
                  f"route = {_quote(row['Route'])}", ""]
    (out / "apprenticeship_standards.toml").write_text("\n".join(lines), encoding="utf-8")
    return len(names), len(standards)


if __name__ == "__main__":
    print(write_lists(Path(sys.argv[1]), Path(sys.argv[2])))
