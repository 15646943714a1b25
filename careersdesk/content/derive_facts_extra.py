"""Write the two reference lists `content check` checks route links against.

Dev-time only, run when the source CSVs change:

    python -m careersdesk.content.derive_facts_extra --sources ../shared/data/sources \\
        --out resources/content

* tlevels.toml: every T Level in tlevels_2025.csv, plus Onsite Construction (which that list
  lacks but schools still teach), each with a `withdrawn` flag; Catering is withdrawn.
* apprenticeship_standards.toml: reference, name, level and route of each standard in the
  Institute for Apprenticeships list of 8 May 2018.

Both are public facts (Open Government Licence v3.0). The files are written in a fixed order so
rerunning on the same CSVs changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from careersdesk.content.schema import (
    STANDARD_REFERENCE_PATTERN,
    STANDARDS_FILE,
    T_LEVELS_FILE,
    ApprenticeshipStandard,
    TLevel,
)

T_LEVELS_CSV = "tlevels_2025.csv"
STANDARDS_CSV = "apprenticeship_standards_2018-05-08.csv"
EXTRA_T_LEVELS = (TLevel("Onsite Construction", "Construction and the Built Environment", False),)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_t_levels(sources_dir: Path) -> list[TLevel]:
    with (sources_dir / T_LEVELS_CSV).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = {row["t_level"].strip(): TLevel(row["t_level"].strip(), row["route"].strip(),
                                            row["withdrawn"].strip() == "1") for row in rows}
    for extra in EXTRA_T_LEVELS:
        found.setdefault(extra.name, extra)
    return sorted(found.values(), key=lambda t_level: t_level.name.casefold())


def _route_name(raw: str) -> str:
    # The CSV lost the commas inside route names and left two spaces where each one was:
    # "Legal  finance and accounting" is "Legal, finance and accounting".
    return re.sub(r"\s{2,}", ", ", raw.strip())


def _approved(row: dict[str, str]) -> dt.date:
    try:
        return dt.datetime.strptime(row["Approved for Delivery Date"].strip(), "%d-%m-%Y").date()
    except ValueError:
        return dt.date.min


def read_standards(sources_dir: Path) -> list[ApprenticeshipStandard]:
    with (sources_dir / STANDARDS_CSV).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    latest: dict[str, dict[str, str]] = {}
    for row in rows:
        # A few references carry a version ("ST0006-02", "ST0417/01"): kept exactly as the
        # list writes them, since that is what a profile copies.
        reference = row["Reference"].strip()
        if not STANDARD_REFERENCE_PATTERN.fullmatch(reference) or not row["Level"].strip():
            continue
        # A reference listed twice (before and after a revision): keep the later one.
        if reference not in latest or _approved(row) >= _approved(latest[reference]):
            latest[reference] = row
    return [ApprenticeshipStandard(reference, " ".join(row["Name"].split()),
                                   int(row["Level"]), _route_name(row["Route"]))
            for reference, row in sorted(latest.items())]


def t_levels_toml(t_levels: Sequence[TLevel]) -> str:
    lines = ["# T Levels, from the DfE list of T Levels (tlevels_2025.csv, OGL v3.0), plus Onsite",
             "# Construction. Profiles link to these names exactly; a withdrawn one may not be",
             "# linked. Made by: python -m careersdesk.content.derive_facts_extra", ""]
    for t_level in t_levels:
        lines += ["[[t_level]]", f"name = {_quoted(t_level.name)}",
                  f"route = {_quoted(t_level.route)}",
                  f"withdrawn = {'true' if t_level.withdrawn else 'false'}", ""]
    return "\n".join(lines)


def standards_toml(standards: Sequence[ApprenticeshipStandard]) -> str:
    lines = ["# Apprenticeship standards, from the Institute for Apprenticeships list of 8 May 2018",
             "# (OGL v3.0): reference, name, level and route only. Standards have been added and",
             "# revised since, so a profile links one only where it really fits.",
             "# Made by: python -m careersdesk.content.derive_facts_extra", ""]
    for standard in standards:
        lines += ["[[standard]]", f"reference = {_quoted(standard.reference)}",
                  f"name = {_quoted(standard.name)}", f"level = {standard.level}",
                  f"route = {_quoted(standard.route)}", ""]
    return "\n".join(lines)


def derive_reference_lists(sources_dir: Path, content_dir: Path) -> tuple[int, int]:
    """Write tlevels.toml and apprenticeship_standards.toml; return how many of each."""
    t_levels = read_t_levels(sources_dir)
    standards = read_standards(sources_dir)
    content_dir.mkdir(parents=True, exist_ok=True)
    (content_dir / T_LEVELS_FILE).write_text(t_levels_toml(t_levels), encoding="utf-8")
    (content_dir / STANDARDS_FILE).write_text(standards_toml(standards), encoding="utf-8")
    return len(t_levels), len(standards)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m careersdesk.content.derive_facts_extra",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sources", required=True, type=Path,
                        help=f"folder holding {T_LEVELS_CSV} and {STANDARDS_CSV}")
    parser.add_argument("--out", type=Path, default=Path("resources/content"),
                        help="the content source folder (default: resources/content)")
    args = parser.parse_args(argv)
    try:
        t_levels, standards = derive_reference_lists(args.sources, args.out)
    except (OSError, KeyError, ValueError) as error:
        print(f"derive_facts_extra: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {t_levels} T Levels and {standards} apprenticeship standards to {args.out}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
