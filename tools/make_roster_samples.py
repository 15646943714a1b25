"""Write the MIS-style sample rosters in tests/data/ (made-up pupils from the demo generator).

Each file imitates what that MIS's CSV export really looks like: column names, date style,
encoding and separator.  Run again only to change the samples: python tools/make_roster_samples.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from careersdesk.demo import demo_pupils

OUT = Path(__file__).resolve().parent.parent / "tests" / "data"
TODAY = dt.date(2026, 11, 22)
SEN = {"none": "N", "K": "K", "E": "E"}


def yes_no(flag: bool, yes: str = "Yes", no: str = "No") -> str:
    return yes if flag else no


def write(name: str, header: list[str], rows: list[list[str]], encoding: str, delimiter: str,
          line_end: str = "\r\n") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end,
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    (OUT / name).write_bytes(buffer.getvalue().encode(encoding))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pupils = demo_pupils(60, 404, TODAY)
    write("roster_sims.csv",
          ["UPN", "Adno", "Legal Surname", "Legal Forename", "Preferred Forename", "DOB", "Year",
           "Reg", "Pupil Premium Indicator", "SEN Provision", "In Care", "EAL"],
          [[p.upn, p.mis_id, p.legal_last_name, p.legal_first_name, p.preferred_name or "",
            f"{p.date_of_birth:%d/%m/%Y}", f"Year {p.year_group}", p.form or "",
            yes_no(p.pupil_premium, "T", "F"), SEN[p.send_status.value],
            yes_no(p.looked_after), yes_no(p.eal)] for p in pupils],
          "utf-8-sig", ",")
    write("roster_arbor.csv",
          ["Student ID", "UPN", "Legal first name", "Legal last name", "Preferred first name",
           "Date of birth", "Year", "Registration Form", "Pupil Premium", "SEN Status",
           "Looked After", "EAL"],
          [[f"A{p.mis_id}", p.upn, p.legal_first_name, p.legal_last_name, p.preferred_name or "",
            f"{p.date_of_birth:%Y-%m-%d} 00:00:00", str(p.year_group), p.form or "",
            yes_no(p.pupil_premium), {"none": "No Special Educational Need", "K": "SEN Support",
                                      "E": "EHC Plan"}[p.send_status.value],
            yes_no(p.looked_after), yes_no(p.eal)] for p in pupils],
          "utf-8", ",", "\n")
    latin = [p for p in pupils
             if all(ch.encode("cp1252", "ignore") for ch in p.legal_first_name + p.legal_last_name)]
    write("roster_bromcom.csv",
          ["Surname", "Forename", "Preferred Name", "Date Of Birth", "NC Year", "Tutor Group",
           "UPN", "Bromcom ID", "PP Eligible", "SEN", "CLA", "EAL"],
          [[p.legal_last_name, p.legal_first_name, p.preferred_name or "",
            f"{p.date_of_birth:%d/%m/%Y}", str(p.year_group), p.form or "", p.upn,
            str(int(p.mis_id or 0) + 5000), yes_no(p.pupil_premium, "Y", "N"),
            SEN[p.send_status.value], yes_no(p.looked_after, "Y", "N"),
            yes_no(p.eal, "Y", "N")] for p in latin],
          "cp1252", ";")
    write("roster_generic_utf16.csv",
          ["UPN", "MIS ID", "Legal Surname", "Legal Forename", "Preferred Name", "Date of Birth",
           "Year Group", "Form", "Pupil Premium", "SEN Status", "Looked After", "EAL"],
          [[p.upn, p.mis_id, p.legal_last_name, p.legal_first_name, p.preferred_name or "",
            f"{p.date_of_birth:%Y-%m-%d}", str(p.year_group), p.form or "",
            yes_no(p.pupil_premium, "1", "0"), SEN[p.send_status.value],
            yes_no(p.looked_after, "1", "0"), yes_no(p.eal, "1", "0")] for p in pupils],
          "utf-16", "\t")


if __name__ == "__main__":
    main()
