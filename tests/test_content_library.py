"""The careers library that ships with the app: built from the sources in the repository."""

import pytest

from careersdesk.content.build import source_hash
from careersdesk.content.check import check_content
from careersdesk.content.library import CareersLibrary
from careersdesk.content.matching import score_answers, suggest_jobs
from careersdesk.resources import resource_path

SOURCE = resource_path("content")


@pytest.fixture(scope="module")
def library():
    lib = CareersLibrary(resource_path("content.db"))
    yield lib
    lib.close()


def test_sources_pass_the_check():
    result = check_content(SOURCE, SOURCE / "facts" / "soc_facts.json")
    assert result.problems == []
    assert len(result.source.categories) == 25 and len(result.source.quiz["statements"]) == 48


def test_shipped_library_is_built_from_the_current_sources(library):
    assert library.meta("source_hash") == source_hash(SOURCE), (
        "resources/content.db is out of date: run careersdesk-admin content build")


@pytest.mark.parametrize("query, expected", [
    ("vet", "vet"), ("sparky", "electrician"), ("coding", "software-developer"),
    ("cop", "police-officer"), ("nurse", "nurse"), ("electrican", "electrician"),
    ("plumer", "plumber"), ("hairdreser", "hairdresser"), ("teacher", "secondary-school-teacher"), ("chippy", "carpenter"), ("army", "soldier"),
    ("makeup", "make-up-artist"), ("chemist", "pharmacist"),
    ("ambulance", "paramedic"), ("cook", "chef"), ("programmer", "software-developer"),
    ("footballer", "footballer"), ("doctor", "gp"), ("lawyer", "solicitor"),
    ("mechanic", "motor-mechanic"), ("fireman", "firefighter"), ("accountants", "accountant"),
    ("dentist", "dentist"), ("social work", "social-worker"),
])
def test_pupils_find_the_job_they_mean(library, query, expected):
    assert library.search(query)[0].slug == expected


def test_quiz_suggests_with_reasons(library):
    quiz = library.quiz()
    answers = {s["id"]: 5 if s["type"] == "S" else 2 for s in quiz["statements"]}
    suggestions = suggest_jobs(score_answers(answers, quiz), library, limit=3)
    assert suggestions[0].job.interest_code.startswith("S")
    assert suggestions[0].reasons[0].startswith("You like helping and working with people")


def test_job_profile_page_uses_the_readers_theme_and_escapes(library):
    from careersdesk.content.library import job_profile_html

    job = library.job("vet")
    dark = job_profile_html(library, job, ("You like <b>animals</b> & science",),
                            "high-contrast-dark")
    assert "#ffff66" in dark and "#1b2733" not in dark
    assert "&lt;b&gt;animals&lt;/b&gt; &amp; science" in dark
    assert "#1b2733" in job_profile_html(library, job)
