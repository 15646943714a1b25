"""Cohort reports: the CSV tables and the PDF for governors agree with the tracking figures."""

import csv
import datetime as dt
import io

import pytest
from conftest import DEMO_LOGINS
from pypdf import PdfReader

from careersdesk.cli import main
from careersdesk.models import Role
from careersdesk.pdf.common import write_pdf_atomically
from careersdesk.reports import build_cohort_report
from careersdesk.tracking.engine import Status


def test_pdf_report_has_every_section_and_any_script(demo_db_path, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["report", "gatsby", "--db", str(demo_db_path), "--format", "pdf",
                 "--out", str(out)]) == 0
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Careers provision report", "Benchmarks and provider access",
                    "Priority groups", "Benchmark 5 this year, by year group",
                    "Pupils needing action", "Riverside Community Academy (demo)"):
        assert heading in text, heading
    assert "page 1" in text
    fonts = {str(font) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts  # fonts embedded
    assert not list(tmp_path.glob("*.partial"))


def test_report_for_one_year_group(demo_db_path, tmp_path, capsys):
    out = tmp_path / "y9.csv"
    assert main(["report", "gatsby", "--db", str(demo_db_path), "--format", "csv",
                 "--out", str(out), "--year", "9"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and {row["Year"] for row in rows} == {"9"}
    summary = list(csv.DictReader(io.StringIO(
        (tmp_path / "y9-summary.csv").read_text(encoding="utf-8-sig"))))
    assert {row["Group"] for row in summary} >= {"All pupils", "Disadvantaged", "Others"}


def test_report_figures_match_the_tracking_results(demo_services):
    leader = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.CAREERS_LEADER])
    rows = demo_services.tracking.cohort(leader)
    today = dt.date.today()
    report = build_cohort_report(rows, today, "Test school")
    b5 = next(line for line in report.lines if line.key == "B5")
    met = sum(1 for row in rows
              if row.tracking.result(f"B5-Y{row.pupil.year_group}").status is Status.MET)
    assert b5.counts["All pupils"].get(Status.MET, 0) == met
    assert b5.total("All pupils") == len(rows)
    disadvantaged = [row for row in rows if row.pupil.is_disadvantaged]
    assert b5.total("Disadvantaged") == len(disadvantaged)
    # Everyone needing action really has something at risk or missed this year.
    assert all(item.results for item in report.needing_action)
    flags = [item.pupil.is_disadvantaged for item in report.needing_action]
    assert flags == sorted(flags, reverse=True)


def test_a_pdf_that_fails_half_way_leaves_nothing(tmp_path):
    target = tmp_path / "plan.pdf"

    def build(path):
        path.write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_pdf_atomically(target, build)
    assert list(tmp_path.iterdir()) == []
