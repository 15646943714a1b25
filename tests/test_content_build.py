"""`content build`: what goes into content.db, and how it is written (atomically, byte-stable)."""

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from careersdesk.content.build import (
    ContentError,
    build_content,
    matching_index_titles,
    source_hash,
)
from careersdesk.content.schema import SocGroup, load_content_tree

SAMPLE = Path(__file__).parent / "data" / "content_sample"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "content"))


@pytest.fixture
def built(source: Path, tmp_path: Path) -> sqlite3.Connection:
    report = build_content(source, source / "facts" / "soc_facts.json", tmp_path / "content.db")
    connection = sqlite3.connect(report.path)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def job_row(connection: sqlite3.Connection, slug: str) -> sqlite3.Row:
    return connection.execute("SELECT * FROM jobs WHERE slug = ?", [slug]).fetchone()


def test_report_and_meta(source, tmp_path):
    facts = source / "facts" / "soc_facts.json"
    report = build_content(source, facts, tmp_path / "content.db")
    assert (report.profiles, report.path) == (15, tmp_path / "content.db")
    assert report.source_hash == source_hash(source, facts)
    assert any("astronaut" in note for note in report.notes)
    meta = dict(sqlite3.connect(report.path).execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == "2" and meta["profiles"] == "15"
    assert meta["source_hash"] == report.source_hash
    assert not any("built" in key or "time" in key for key in meta)


def test_the_same_sources_give_the_same_bytes(source, tmp_path):
    facts = source / "facts" / "soc_facts.json"
    first = build_content(source, facts, tmp_path / "one.db").path.read_bytes()
    second = build_content(source, facts, tmp_path / "two.db").path.read_bytes()
    assert first == second
    build_content(source, facts, tmp_path / "one.db")  # over itself
    assert (tmp_path / "one.db").read_bytes() == first


def test_the_source_hash_follows_every_file(source):
    facts = source / "facts" / "soc_facts.json"
    before = source_hash(source, facts)
    (source / "jobs" / "vet.toml").rename(source / "jobs" / "vet-surgeon.toml")
    assert source_hash(source, facts) != before


def test_every_table_is_filled(built):
    counts = {table: built.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("jobs", "routes", "job_categories", "job_subjects", "related",
                            "alt_titles", "categories", "subjects", "qualifications",
                            "quiz_types", "quiz_statements", "synonyms", "jobs_fts")}
    assert counts["jobs"] == counts["jobs_fts"] == 15
    assert counts["categories"] == 25 and counts["subjects"] == 27
    assert counts["quiz_types"] == 6 and counts["quiz_statements"] == 48 + 18
    assert counts["qualifications"] == 6
    assert counts["related"] == 15 * 3
    assert counts["synonyms"] == 9  # 'astronaut' has no profile, so it is left out
    assert all(counts.values())


def test_a_job_row_has_every_field(built):
    vet = job_row(built, "vet")
    assert vet["title"] == "Vet" and vet["soc2020"] == "2240"
    assert json.loads(vet["alternative_titles"]) == ["Veterinary surgeon", "Animal doctor"]
    assert json.loads(vet["categories"])[0] == "animal-care"
    assert len(json.loads(vet["tasks"])) == 5 and vet["stem"] == 1
    assert vet["hours_note"] == "Nights and weekends on a rota"
    assert json.loads(vet["route_kinds"]) == ["university", "volunteering"]
    routes = built.execute("SELECT * FROM routes WHERE job_id = ? ORDER BY position",
                           [vet["id"]]).fetchall()
    assert [(r["route"], r["level"]) for r in routes] == [("university", 6),
                                                         ("volunteering", None)]
    software = job_row(built, "software-developer")
    (apprenticeship,) = built.execute("SELECT * FROM routes WHERE job_id = ? AND route = "
                                      "'apprenticeship'", [software["id"]]).fetchall()
    assert json.loads(apprenticeship["standards"]) == ["ST0116"]


def test_pay_and_hours_are_joined_from_the_facts_and_null_where_they_are(built):
    vet = job_row(built, "vet")
    assert (vet["pay_median"], vet["pay_p25"], vet["pay_p75"], vet["pay_year"]) == \
        (42000, 40000, 48000, 2024)
    assert (vet["pay_group"], vet["pay_fallback"], vet["hours_median"]) == ("2240", 0, 37.5)
    assert job_row(built, "make-up-artist")["pay_p75"] is None
    clerk = job_row(built, "data-entry-clerk")
    assert [clerk[c] for c in ("pay_median", "pay_p25", "pay_year", "pay_group",
                               "hours_median")] == [None] * 5


def test_interest_scores_come_from_onet_or_else_from_the_hand_code(built):
    vet = job_row(built, "vet")
    assert vet["scores_from"] == "onet" and vet["interest_code"] == "IRS"
    assert (vet["score_i"], vet["score_r"], vet["score_s"]) == (6.4, 5.1, 4.2)
    clerk = job_row(built, "data-entry-clerk")  # its SOC group has no O*NET profile
    assert clerk["scores_from"] == "interest_code"
    assert [clerk[f"score_{letter}"] for letter in "riasec"] == [5.5, 1.5, 1.5, 1.5, 1.5, 7.0]
    designer = job_row(built, "graphic-designer")  # the hand code is kept as written
    assert designer["interest_code"] == "AER" and designer["score_r"] == 6.4


def test_min_entry_level_is_the_lowest_route_level_and_0_without_one(built):
    levels = dict(built.execute("SELECT slug, min_entry_level FROM jobs"))
    assert levels["vet"] == 0  # volunteering has no level
    assert levels["nurse"] == 3  # T Level
    assert levels["data-scientist"] == 6
    assert levels["electrician"] == 2


def alternatives(connection, slug, source):
    return [row[0] for row in connection.execute(
        "SELECT alt_titles.title FROM alt_titles JOIN jobs ON jobs.id = job_id WHERE slug = ? AND "
        "alt_titles.source = ? ORDER BY position", [slug, source])]


def test_alternative_titles_add_matching_ons_titles(built):
    assert alternatives(built, "electrician", "hand") == ["Electrical installer", "Sparky"]
    ons = alternatives(built, "electrician", "ons")
    assert set(ons) == {"Approved electrician", "Auto electrician", "Electrical fitter",
                        "Assistant electrical engineer"}
    # Not "Bench hand" or "Armature winder" (no shared word) nor "Electrician" (its title).
    sales = alternatives(built, "sales-manager", "ons")
    assert sales == ["Sales director"]  # "Account manager" shares only "manager"
    software = alternatives(built, "software-developer", "ons")
    assert "Software engineer" not in software  # already a hand-picked one
    assert {"App developer", "Web developer", "Analyst programmer"} <= set(software)
    assert "Systems analyst" not in software


def sample_job(slug, title, alternative_titles, soc):
    vet = load_content_tree(SAMPLE).jobs["vet"]
    return dataclasses.replace(vet, slug=slug, title=title,
                               alternative_titles=tuple(alternative_titles), soc2020=soc)


def group(titles):
    return SocGroup("2134", "Programmers", None, None, None, tuple(titles))


def test_index_titles_go_to_the_best_fitting_profile_and_stop_at_25():
    games = sample_job("games-developer", "Computer games developer", [], "2134")
    web = sample_job("web-developer", "Web developer", ["Website developer"], "2134")
    many = [f"Games developer grade {n}" for n in range(40)]
    chosen = matching_index_titles([games, web], {"2134": group(
        ["Games developer", "Developer", "Web designer", "Chief developer", *many])})
    assert "Games developer" in chosen["games-developer"]
    assert "Games developer" not in chosen["web-developer"]
    assert "Developer" in chosen["web-developer"]  # one shared word each: both may have it
    # Capped at 25, the titles sharing most words first, so the plain "Developer" missed out.
    assert len(chosen["games-developer"]) == 25 and "Developer" not in chosen["games-developer"]
    assert "Web designer" in chosen["web-developer"]


def test_a_failed_build_leaves_the_old_library_alone(source, tmp_path):
    facts = source / "facts" / "soc_facts.json"
    out = tmp_path / "content.db"
    good = build_content(source, facts, out).path.read_bytes()
    (source / "jobs" / "vet.toml").write_text("broken =", encoding="utf-8")
    with pytest.raises(ContentError, match="problem"):
        build_content(source, facts, out)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_build_makes_the_output_folder(source, tmp_path):
    report = build_content(source, source / "facts" / "soc_facts.json",
                           tmp_path / "new" / "folder" / "content.db")
    assert report.path.is_file()


def test_drafts_and_notes_do_not_change_the_source_hash(source):
    facts = source / "facts" / "soc_facts.json"
    before = source_hash(source, facts)
    (source / "drafts").mkdir()
    (source / "drafts" / "astronaut.toml").write_text('title = "Astronaut"\n', encoding="utf-8")
    (source / "NOTES.md").write_text("to do\n", encoding="utf-8")
    assert source_hash(source, facts) == before
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert source_hash(source, facts) != before
