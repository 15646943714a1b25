"""careersdesk-admin content check / build / derive-facts and jobs search."""

import argparse
import json
import shutil
from pathlib import Path

import pytest

from careersdesk.cli import main
from careersdesk.content.commands import add_commands

SAMPLE = Path(__file__).parent / "data" / "content_sample"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "content"))


@pytest.fixture
def built(source: Path, tmp_path: Path, capsys) -> Path:
    out = tmp_path / "content.db"
    assert main(["content", "build", "--source", str(source), "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def break_vet(source: Path) -> None:
    path = source / "jobs" / "vet.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"IRS"', '"Q"'), encoding="utf-8")


def assert_one_clear_error_line(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("careersdesk-admin: ")


def test_check_passes_with_notes_and_counts(source, capsys):
    assert main(["content", "check", "--source", str(source)]) == 0
    out = capsys.readouterr().out
    assert "note: jobs/graphic-designer.toml: interest_code 'AER'" in out
    assert "15 job profiles, 25 categories" in out and "no problems" in out


def test_check_lists_problems_as_file_field_message(source, capsys):
    break_vet(source)
    assert main(["content", "check", "--source", str(source)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("jobs/vet.toml: interest_code: 'Q' must be")
    assert "1 problem(s) in 1 file(s)" in out


def test_build_writes_the_library(source, tmp_path, capsys):
    out = tmp_path / "lib" / "content.db"
    assert main(["content", "build", "--source", str(source), "--out", str(out)]) == 0
    assert f"Built 15 job profiles into {out}" in capsys.readouterr().out
    assert out.is_file()


def test_build_with_problems_lists_them_and_fails_in_one_line(source, tmp_path, capsys):
    break_vet(source)
    out = tmp_path / "content.db"
    assert main(["content", "build", "--source", str(source), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "jobs/vet.toml: interest_code:" in captured.out
    assert_one_clear_error_line(captured.err)
    assert "nothing was built" in captured.err and not out.exists()


def test_search_prints_ranked_lines(built, capsys):
    assert main(["jobs", "search", "sparky", "--library", str(built)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["electrician", "Electrician", "1010.0"]


def test_search_as_json(built, capsys):
    assert main(["jobs", "search", "coding", "--json", "--limit", "2",
                 "--library", str(built)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in found] == ["software-developer", "data-scientist"]
    assert set(found[0]) == {"id", "title", "score"}


def test_search_with_odd_input_and_no_results(built, capsys):
    assert main(["jobs", "search", "'; DROP TABLE jobs; --", "--library", str(built)]) == 0
    assert main(["jobs", "search", "🐶", "--library", str(built)]) == 0
    assert "No jobs match." in capsys.readouterr().out


@pytest.mark.parametrize("arguments", [
    ["jobs", "search", "vet", "--library", "/no/such/content.db"],
    ["jobs", "search", "vet", "--limit", "0"],
    ["content", "check", "--source", "/no/such/folder"],
    ["content", "build", "--source", "/no/such/folder", "--out", "/tmp/never.db"],
    ["content", "derive-facts", "--sources", "/no/such/sources"],
])
def test_mistakes_are_one_line_on_stderr(arguments, capsys):
    assert main(arguments) != 0
    assert_one_clear_error_line(capsys.readouterr().err)


def test_a_damaged_library_is_one_line_too(tmp_path, capsys):
    damaged = tmp_path / "content.db"
    damaged.write_bytes(b"\0" * 4096)
    assert main(["jobs", "search", "vet", "--library", str(damaged)]) != 0
    assert_one_clear_error_line(capsys.readouterr().err)


def test_add_commands_sets_a_handler_on_each_command():
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command", required=True))
    for arguments in (["content", "check"], ["content", "build", "--out", "x.db"],
                      ["content", "derive-facts", "--sources", "s"], ["jobs", "search", "vet"]):
        assert callable(parser.parse_args(arguments).handler)


def test_check_only_shows_the_named_profiles(source, capsys):
    break_vet(source)
    # The broken vet is not among the profiles asked about, so this check passes…
    assert main(["content", "check", "--source", str(source), "--only", "nurse",
                 "graphic-designer.toml"]) == 0
    out = capsys.readouterr().out
    assert "vet.toml" not in out and "note: jobs/graphic-designer.toml" in out
    # …and asking about the vet shows its problem.
    assert main(["content", "check", "--source", str(source), "--only", "vet"]) == 1
    assert "jobs/vet.toml: interest_code" in capsys.readouterr().out
