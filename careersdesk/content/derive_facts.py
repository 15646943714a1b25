"""Derive the facts the careers library uses from the public sources (dev-time only).

Reads ../shared/data/sources (ONS SOC 2020 and its coding index, ONS ASHE 2024 pay and hours,
O*NET interests through the crosswalks) and writes resources/content/facts/soc_facts.json with
a record of where each figure came from.  Run it with
``careersdesk-admin content derive-facts --sources DIR``; openpyxl and xlrd (dev extras) read
the spreadsheets.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RIASEC = "RIASEC"
RIASEC_NAMES = {"Realistic": "R", "Investigative": "I", "Artistic": "A", "Social": "S",
                "Enterprising": "E", "Conventional": "C"}
UNRELIABLE_CV = 20.0  # ONS calls an estimate with a coefficient of variation over 20% unreliable
ASHE_SOURCE = "ONS ASHE 2024 provisional"


@dataclass(frozen=True)
class DerivedFactsReport:
    groups: int
    with_pay: int
    pay_from_minor_group: int
    with_hours: int
    with_riasec: int

    def __str__(self) -> str:
        return (f"{self.groups} SOC groups: pay for {self.with_pay} ({self.pay_from_minor_group} "
                f"from the minor group), hours for {self.with_hours}, interests for "
                f"{self.with_riasec}")


def _number(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    return None


def _ashe_rows(path: Path, sheet: str) -> dict[str, tuple[Any, ...]]:
    """Code -> row of the full-time sheet (median in column 3, percentiles from column 7)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows: dict[str, tuple[Any, ...]] = {}
    for row in workbook[sheet].iter_rows(values_only=True):
        if row and len(row) > 14 and row[1] is not None and str(row[1]).strip().isdigit():
            rows[str(row[1]).strip()] = row
    workbook.close()
    return rows


def _pay_for(code: str, pay: dict[str, tuple[Any, ...]], cv: dict[str, tuple[Any, ...]],
             titles: dict[str, str]) -> dict[str, Any] | None:
    row, cvs = pay.get(code), cv.get(code)
    if row is None:
        return None
    median = _number(row[3])
    median_cv = _number(cvs[3]) if cvs else None
    if median is None or (median_cv is not None and median_cv > UNRELIABLE_CV):
        return None

    def percentile(index: int) -> int | None:
        value = _number(row[index])
        value_cv = _number(cvs[index]) if cvs else None
        if value is None or (value_cv is not None and value_cv > UNRELIABLE_CV):
            return None
        return int(round(value))

    return {"median": int(round(median)), "p25": percentile(9), "p75": percentile(14),
            "year": 2024, "basis": "full-time", "source": f"{ASHE_SOURCE}, Table 14.7a",
            "group": code, "group_title": titles.get(code, ""), "fallback": False}


def _riasec_by_isco(sources: Path) -> dict[str, list[dict[str, float]]]:
    """ISCO-08 code -> the O*NET interest profiles reached through both crosswalks."""
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    with (sources / "onet_30.2_Interests.txt").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["Scale ID"] == "OI" and row["Element Name"] in RIASEC_NAMES:
                scores[row["O*NET-SOC Code"]][RIASEC_NAMES[row["Element Name"]]] = \
                    float(row["Data Value"])
    by_us_soc: dict[str, list[str]] = defaultdict(list)
    for code in scores:
        by_us_soc[code[:7]].append(code)
    reached: dict[str, set[str]] = defaultdict(set)
    with (sources / "nesta_esco_onet_crosswalk_2020-11.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["onet_code"] in scores:
                reached[row["isco_code"].strip()[:4]].add(row["onet_code"])
    import xlrd

    book = xlrd.open_workbook(str(sources / "bls_isco08_ussoc2010_crosswalk.xls"))
    sheet = book.sheet_by_index(0)
    for index in range(sheet.nrows):
        cells = [str(sheet.cell_value(index, c)).strip() for c in range(sheet.ncols)]
        isco = next((c for c in cells if len(c) == 4 and c.isdigit()), None)
        us = next((c for c in cells if len(c) == 7 and c[2] == "-"), None)
        if isco and us:
            reached[isco].update(by_us_soc.get(us, []))
    return {isco: [scores[code] for code in sorted(codes) if len(scores[code]) == 6]
            for isco, codes in reached.items()}


def derive_facts(sources_dir: Path, out_dir: Path) -> DerivedFactsReport:
    sources = Path(sources_dir)
    units = list(csv.DictReader((sources / "soc2020_unit_groups.csv").open(encoding="utf-8")))
    titles = {u["soc2020"]: u["title"] for u in units}
    titles.update({u["minor_group"]: u["minor_group_title"] for u in units})
    pay = _ashe_rows(sources / "ashe2024_table14.7a_annual_pay_gross.xlsx", "Full-Time")
    pay_cv = _ashe_rows(sources / "ashe2024_table14.7b_annual_pay_gross_cv.xlsx", "Full-Time")
    hours = _ashe_rows(sources / "ashe2024_table14.10a_paid_hours_basic.xlsx", "Full-Time")
    index_titles: dict[str, set[str]] = defaultdict(set)
    isco_weights: dict[str, Counter[str]] = defaultdict(Counter)
    with (sources / "soc2020_coding_index.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["soc2020"].strip()
            index_titles[code].add(row["title"].strip())
            if row["isco08"].strip():
                isco_weights[code][row["isco08"].strip()[:4]] += 1
    profiles = _riasec_by_isco(sources)
    groups: dict[str, Any] = {}
    counts = Counter[str]()
    for unit in units:
        code = unit["soc2020"]
        group_pay = _pay_for(code, pay, pay_cv, titles)
        if group_pay is None:
            group_pay = _pay_for(unit["minor_group"], pay, pay_cv, titles)
            if group_pay is not None:
                group_pay["fallback"] = True
                counts["fallback"] += 1
        group_hours = None
        hours_row = hours.get(code) or hours.get(unit["minor_group"])
        if hours_row is not None and _number(hours_row[3]) is not None:
            group_hours = {"median": round(float(hours_row[3]), 1), "year": 2024,
                           "basis": "full-time", "source": f"{ASHE_SOURCE}, Table 14.10a",
                           "group": code if code in hours else unit["minor_group"],
                           "fallback": code not in hours}
        weighted: dict[str, float] = dict.fromkeys(RIASEC, 0.0)
        total = 0.0
        for isco, weight in isco_weights[code].items():
            for profile in profiles.get(isco, []):
                for letter in RIASEC:
                    weighted[letter] += weight * profile[letter]
                total += weight
        riasec = None
        if total:
            averaged = {letter: round(weighted[letter] / total, 2) for letter in RIASEC}
            ranked = sorted(RIASEC, key=lambda k: (-averaged[k], RIASEC.index(k)))
            riasec = {"scores": averaged, "code": "".join(ranked[:3])}
        folded: dict[str, str] = {}
        for title in index_titles[code]:
            folded.setdefault(title.casefold(), title)
        groups[code] = {
            "title": unit["title"], "minor_group": unit["minor_group"],
            "minor_group_title": unit["minor_group_title"], "major_group": unit["major_group"],
            "major_group_title": unit["major_group_title"], "pay": group_pay,
            "hours": group_hours, "riasec": riasec,
            "coding_index_titles": sorted(folded.values()),
        }
        counts["pay"] += group_pay is not None
        counts["hours"] += group_hours is not None
        counts["riasec"] += riasec is not None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    hashes = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
              for path in sorted(sources.iterdir()) if path.is_file() and path.suffix != ".md"}
    document = {"meta": {"generated_by": "careersdesk.content.derive_facts", "sources": hashes},
                "groups": groups}
    (out / "soc_facts.json").write_text(json.dumps(document, ensure_ascii=False, indent=1,
                                                   sort_keys=True) + "\n", encoding="utf-8")
    return DerivedFactsReport(len(groups), counts["pay"], counts["fallback"], counts["hours"],
                              counts["riasec"])
