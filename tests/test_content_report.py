"""content report: coverage of categories, SOC groups, routes and NCS titles, and reading age."""

import json

import pytest
from tests_support import build_sample_library

from careersdesk.cli import main
from careersdesk.content.report import coverage_report, reading_age


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = build_sample_library(tmp_path_factory.mktemp("report"))
    yield lib
    lib.close()


def test_reading_age_tells_easy_text_from_hard():
    easy = "A vet helps sick pets. You need to like animals. It is hard work."
    hard = ("Veterinary surgeons diagnose, anaesthetise and operate on companion animals, "
            "livestock and exotic species, interpreting radiographs and laboratory results.")
    assert reading_age(easy) < 9 < reading_age(hard)


def test_coverage_counts_and_missing_titles(library, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "ncs_job_profiles_2019_facts.csv").write_text(
        "title,route_apprenticeship\nVet,0\nAstronaut,0\nNurse,1\nPlumber,1\n", encoding="utf-8")
    report = coverage_report(library, sources)
    assert report.profiles == library.count()
    assert sum(report.per_category.values()) >= report.profiles
    assert len(report.per_category) == 25  # categories with no profile show as 0
    assert report.categories_min_profiles == 0
    assert report.ncs_missing == ["Astronaut"] and report.ncs_titles_covered_pct == 75.0
    figures = report.figures()
    assert 0 < figures["easy_read_reading_age_p90"] < figures["summary_reading_age_p90"]
    assert "Astronaut" in report.as_text()


def test_without_the_ncs_list_the_report_says_so(library):
    report = coverage_report(library, None)
    assert report.ncs_titles_covered_pct is None
    assert "was not found" in report.as_text()


def test_cli_report_as_json(capsys, tmp_path):
    assert main(["content", "report", "--json", "--sources", str(tmp_path)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["profiles"] >= 300 and figures["categories_min_profiles"] >= 8
    assert main(["content", "report", "--sources", str(tmp_path / "nowhere")]) != 0


def test_soc_groups_and_t_levels_with_no_profile_are_listed(library, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "soc2020_unit_groups.csv").write_text(
        "soc2020,title\n2240,Veterinarians\n2231,Nurses\n1111,Chief executives\n",
        encoding="utf-8")
    (sources / "tlevels_2025.csv").write_text(
        "framework_code,t_level,route,withdrawn\n1,Health,Health and Science,0\n"
        "2,Legal Services,Legal,0\n3,Catering,Catering,1\n", encoding="utf-8")
    report = coverage_report(library, sources)
    assert report.soc_groups_missing == ["1111 Chief executives"]
    assert report.figures()["soc_unit_groups_covered"] == 2
    # Withdrawn T Levels are not expected; Onsite Construction is, though the list lacks it.
    assert report.t_levels_unlinked == ["Legal Services", "Onsite Construction"]
    text = report.as_text()
    assert "2 of 3" in text and "Legal Services" in text
