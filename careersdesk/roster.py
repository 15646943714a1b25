"""Reading a pupil roster exported from the school's MIS (SIMS, Arbor, Bromcom or generic CSV).

Schools send what their MIS and Excel produce: a byte-order mark or none, UTF-16 from
"Unicode text", Windows-1252 from old Excel, semicolons from European locale settings, dates
as 01/09/2012 or 2012-09-01 00:00:00, "Year 9" or "9" or "Y9".  This module turns any of those
into clean :class:`RosterRow` values plus a complete list of problems by row and column, so the
import can refuse the file as a whole and say exactly what to fix.  It writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from careersdesk.models import NewPupil, SendStatus

MAX_ROSTER_ROWS = 50_000
MAX_ROSTER_BYTES = 50 * 1024 * 1024

# Field -> the column headings the MIS products use for it (compared ignoring case, spaces
# and punctuation).  The generic format documented in docs/roster-format.md uses the first.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "upn": ("UPN", "Unique Pupil Number", "Pupil UPN", "Student UPN"),
    "mis_id": ("MIS ID", "Admission Number", "Adno", "Admission No", "Student ID", "Pupil ID",
               "Arbor ID", "Bromcom ID", "Person ID", "ID"),
    "legal_last_name": ("Legal Surname", "Surname", "Last Name", "Family Name", "Legal Last Name"),
    "legal_first_name": ("Legal Forename", "Forename", "First Name", "Legal First Name",
                         "Given Name", "Legal Forenames", "Forenames"),
    "preferred_name": ("Preferred Forename", "Preferred First Name", "Preferred Name", "Known As",
                       "Chosen Name"),
    "date_of_birth": ("Date of Birth", "DOB", "Birth Date", "Birthdate"),
    "year_group": ("Year Group", "Year", "NC Year", "NC Year Actual", "Curriculum Year",
                   "National Curriculum Year", "Yr"),
    "form": ("Form", "Reg Group", "Registration Group", "Reg", "Tutor Group", "Form Group",
             "Registration Form", "Class"),
    "pupil_premium": ("Pupil Premium", "PP", "Pupil Premium Indicator", "PP Eligible",
                      "Pupil Premium Eligible", "Disadvantaged"),
    "send_status": ("SEN Status", "SEN Provision", "SEN", "SEND", "SEND Status", "SEN Need"),
    "looked_after": ("Looked After", "In Care", "CLA", "LAC", "Child Looked After",
                     "Looked After Child"),
    "admission_date": ("Admission Date", "Date of Admission", "Entry Date", "Date of Entry",
                       "Start Date", "Enrolment Date"),
    "eal": ("EAL", "English as an Additional Language", "English as Additional Language",
            "EAL Status"),
}
REQUIRED_FIELDS = ("upn", "legal_last_name", "legal_first_name", "year_group")
FIELD_LABELS = {
    "upn": "UPN", "mis_id": "MIS id", "legal_last_name": "surname",
    "legal_first_name": "forename", "preferred_name": "preferred name",
    "date_of_birth": "date of birth", "year_group": "year group", "form": "form",
    "pupil_premium": "pupil premium", "send_status": "SEN status",
    "looked_after": "looked after", "eal": "EAL", "admission_date": "admission date",
}
YES = {"y", "yes", "true", "t", "1", "x", "eligible", "pp"}
NO = {"n", "no", "false", "f", "0", "", "not eligible", "none"}
SEN_CODES = {
    "": SendStatus.NONE, "n": SendStatus.NONE, "none": SendStatus.NONE, "no": SendStatus.NONE,
    "no special educational need": SendStatus.NONE,
    "k": SendStatus.SUPPORT, "sen support": SendStatus.SUPPORT, "support": SendStatus.SUPPORT,
    "a": SendStatus.SUPPORT, "p": SendStatus.SUPPORT,  # old School Action / Action Plus codes
    "e": SendStatus.EHC_PLAN, "ehc plan": SendStatus.EHC_PLAN, "ehcp": SendStatus.EHC_PLAN,
    "education health and care plan": SendStatus.EHC_PLAN, "s": SendStatus.EHC_PLAN,
    "statement": SendStatus.EHC_PLAN,
}


class RosterFileError(Exception):
    """The file cannot be read as a roster at all (empty, Excel, not text, too big)."""


@dataclass(frozen=True)
class RosterProblem:
    row: int  # 1-based line in the file's table, the header being row 1; 0 for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.column}" if self.row else self.column
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RosterRow:
    row: int
    pupil: NewPupil


@dataclass
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # heading -> field
    encoding: str = ""
    delimiter: str = ","
    ignored_columns: list[str] = field(default_factory=list)


def _fold(heading: str) -> str:
    return re.sub(r"[^a-z0-9]", "", heading.lower())


ALIAS_LOOKUP = {_fold(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def decode_roster_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name).  Refuses Excel workbooks and binary files with a clear reason."""
    if not data.strip():
        raise RosterFileError("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        raise RosterFileError("This is an Excel workbook (.xlsx), not a CSV file. In Excel, "
                              "choose File > Save As > CSV UTF-8, then import that file.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError("This is an old Excel workbook (.xls), not a CSV file. Save it "
                              "as CSV UTF-8 from Excel, then import that file.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:4096]:
        raise RosterFileError("The file contains binary data; it is not a CSV export.")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Old Excel and some MIS exports on Windows write Windows-1252 ("ANSI").
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(",;\t", key=first.count)


def parse_year_group(raw: str) -> int | None:
    match = re.fullmatch(r"(?:nc\s*)?(?:year|yr|y)?\s*(\d{1,2})", raw.strip().lower())
    return int(match.group(1)) if match else None


def parse_date(raw: str) -> dt.date | None:
    text = raw.strip()
    if not text:
        return None
    text = re.sub(r"[ T]00:00(:00)?(\.0+)?$", "", text)  # Excel adds midnight to dates
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d %b %Y",
                    "%d %B %Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{raw}' is not a date (use day/month/year, e.g. 01/09/2012)")


def parse_flag(raw: str) -> bool:
    text = raw.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"'{raw}' is not yes or no")


def parse_send(raw: str) -> SendStatus:
    text = re.sub(r"[^a-z ]", "", raw.strip().lower()).strip()
    if text in SEN_CODES:
        return SEN_CODES[text]
    raise ValueError(f"'{raw}' is not a SEN status (use N, K or E)")


def map_headers(headings: list[str], saved: Mapping[str, str] | None = None
                ) -> tuple[dict[str, str], list[str]]:
    """heading -> field for the headings we recognise (a school's saved mapping first)."""
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    taken: set[str] = set()
    saved_folded = {_fold(k): v for k, v in (saved or {}).items() if v in HEADER_ALIASES}
    for heading in headings:
        folded = _fold(heading)
        name = saved_folded.get(folded) or ALIAS_LOOKUP.get(folded)
        if name and name not in taken:
            mapping[heading] = name
            taken.add(name)
        else:
            ignored.append(heading)
    return mapping, ignored


def parse_roster(data: bytes, *, today: dt.date, saved_mapping: Mapping[str, str] | None = None
                 ) -> ParsedRoster:
    """Parse and check every row.  Problems are collected, never raised one at a time."""
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterFileError(f"The file is {len(data) // 2**20} MB; a roster export is far "
                              "smaller. Check that this is the right file.")
    text, encoding = decode_roster_bytes(data)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise RosterFileError(f"The file is not valid CSV: {exc}.") from exc
    if not table:
        raise RosterFileError("The file has no rows.")
    headings = [unicodedata.normalize("NFC", cell.strip()) for cell in table[0]]
    mapping, ignored = map_headers(headings, saved_mapping)
    result = ParsedRoster(mapping=mapping, encoding=encoding, delimiter=delimiter,
                          ignored_columns=ignored)
    missing = [FIELD_LABELS[name] for name in REQUIRED_FIELDS if name not in mapping.values()]
    if missing:
        result.problems.append(RosterProblem(0, "columns", (
            f"No column for {', '.join(missing)}. The file's columns are: "
            f"{', '.join(headings)}. See docs/roster-format.md for the names CareersDesk knows.")))
        return result
    if len(table) - 1 > MAX_ROSTER_ROWS:
        raise RosterFileError(f"The file has {len(table) - 1:,} pupils; CareersDesk imports at "
                              f"most {MAX_ROSTER_ROWS:,} at once. Is this the whole LA's list?")
    column_of = {name: headings.index(heading) for heading, name in mapping.items()}
    seen_upns: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if len(cells) != len(headings):
            result.problems.append(RosterProblem(number, "row", (
                f"has {len(cells)} values but the heading row has {len(headings)}; a comma or "
                "quote inside a name may have split it")))
            continue
        row = _parse_row(number, cells, column_of, today, result.problems)
        if row is None:
            continue
        upn = row.pupil.upn or ""
        if upn in seen_upns:
            result.problems.append(RosterProblem(number, "UPN", (
                f"{upn} is also on row {seen_upns[upn]}")))
            continue
        seen_upns[upn] = number
        result.rows.append(row)
    return result


def _parse_row(number: int, cells: list[str], column_of: dict[str, int], today: dt.date,
               problems: list[RosterProblem]) -> RosterRow | None:
    from stdnum.gb import upn as upn_number

    def cell(name: str) -> str:
        index = column_of.get(name)
        return unicodedata.normalize("NFC", cells[index].strip()) if index is not None else ""

    before = len(problems)

    def problem(name: str, message: str) -> None:
        problems.append(RosterProblem(number, FIELD_LABELS[name], message))

    upn = re.sub(r"\s", "", cell("upn")).upper()
    if not upn:
        problem("upn", "is missing")
    elif not upn_number.is_valid(upn):
        problem("upn", f"'{upn}' is not a valid UPN (13 characters: a check letter, then a real "
                       "local-authority number and 9 more digits)")
    last, first = cell("legal_last_name"), cell("legal_first_name")
    if not last:
        problem("legal_last_name", "is missing")
    if not first:
        problem("legal_first_name", "is missing")
    year = parse_year_group(cell("year_group"))
    if year is None or not 7 <= year <= 14:
        problem("year_group", f"'{cell('year_group')}' is not a year from 7 to 14")
    date_of_birth = None
    try:
        date_of_birth = parse_date(cell("date_of_birth"))
    except ValueError as exc:
        problem("date_of_birth", str(exc))
    if date_of_birth is not None and year is not None:
        age = (today - date_of_birth).days / 365.25
        if not 9 <= age <= 21:
            problem("date_of_birth", f"{date_of_birth:%d/%m/%Y} gives an age of {int(age)}, "
                                     "which is impossible for a secondary pupil")
    admission_date = None
    try:
        admission_date = parse_date(cell("admission_date"))
    except ValueError as exc:
        problem("admission_date", str(exc))
    if admission_date is not None and admission_date > today:
        problem("admission_date", f"{admission_date:%d/%m/%Y} is in the future")
    flags: dict[str, bool] = {}
    for name in ("pupil_premium", "looked_after", "eal"):
        try:
            flags[name] = parse_flag(cell(name))
        except ValueError as exc:
            problem(name, str(exc))
    send = SendStatus.NONE
    try:
        send = parse_send(cell("send_status"))
    except ValueError as exc:
        problem("send_status", str(exc))
    if len(problems) > before or year is None:
        return None
    return RosterRow(number, NewPupil(
        legal_first_name=first, legal_last_name=last, year_group=year, upn=upn,
        mis_id=cell("mis_id") or None, preferred_name=cell("preferred_name") or None,
        date_of_birth=date_of_birth, form=cell("form") or None,
        pupil_premium=flags["pupil_premium"], send_status=send,
        looked_after=flags["looked_after"], eal=flags["eal"], admission_date=admission_date))


def read_roster_file(path: Path, *, today: dt.date,
                     saved_mapping: Mapping[str, str] | None = None) -> ParsedRoster:
    try:
        size = path.stat().st_size
        if size > MAX_ROSTER_BYTES:
            raise RosterFileError(f"The file is {size // 2**20} MB; a roster export is far smaller.")
        data = path.read_bytes()
    except OSError as exc:
        raise RosterFileError(f"The file {path} could not be read: {exc.strerror or exc}.") from exc
    return parse_roster(data, today=today, saved_mapping=saved_mapping)
