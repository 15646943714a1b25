"""The careers library engine on a small source tree made here, independent of the content."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careersdesk.cli import main
from careersdesk.content.build import ContentError, build_content
from careersdesk.content.check import check_content
from careersdesk.content.library import CareersLibrary, SearchFilters
from careersdesk.content.matching import score_answers, suggest_jobs

CATEGORIES = [f"category-{n}" for n in range(24)] + ["animal-care"]
LETTERS = "RIASEC"
WORDS = ("hands-on", "curious", "creative", "caring", "persuasive", "organised")


def job_toml(slug, title, code, alt=(), categories=("animal-care",), subjects=("biology",),
             related=None, summary=None, routes=None):
    related = [r for r in (related or ["vet", "electrician", "nurse", "plumber"]) if r != slug][:3]
    words = " ".join(f"{title.lower()} detail{n}" for n in range(35))
    summary = summary or f"Being a {title.lower()} means {words}."
    routes = routes or '[[routes]]\nroute = "apprenticeship"\nlevel = 3\nrequirements = ' \
        '"4 or 5 GCSEs at grades 9 to 4, including English and maths"\n'
    tasks = ", ".join(f'"Do the {title.lower()} task number {n} every day"' for n in range(5))
    return f'''title = "{title}"
alternative_titles = {json.dumps(list(alt))}
soc2020 = "2240"
categories = {json.dumps(list(categories))}
stem = true
summary = """{summary}"""
tasks = [{tasks}]
working_environment = "You would work as a {title.lower()} in many places, indoors and out, with a team around you most days."
subjects = {json.dumps(list(subjects))}
skills = ["patience", "care", "focus", "teamwork"]
interest_code = "{code}"
related = {json.dumps(related)}
easy_read = "A {title.lower()} does useful work. You help people every day. A {title.lower()} learns on the job. You work with a team. You need to be careful. A {title.lower()} can start with an apprenticeship. Lots of people enjoy being a {title.lower()}. It is good."

[source]
ncs_title = "{title}"

{routes}'''


def make_tree(root: Path, extra_jobs=()) -> Path:
    (root / "jobs").mkdir(parents=True)
    jobs = [("vet", "Vet", "IRS", ["Veterinary surgeon", "Animal doctor"]),
            ("electrician", "Electrician", "RIC", ["Electrical installer"]),
            ("nurse", "Nurse", "SIR", ["Staff nurse"]),
            ("plumber", "Plumber", "RCI", []),
            ("graphic-designer", "Graphic designer", "AER", []),
            ("sales-manager", "Sales manager", "ECS", []),
            ("accountant", "Accountant", "CEI", []),
            ("software-developer", "Software developer", "ICR", ["Programmer"])]
    for slug, title, code, alt in [*jobs, *extra_jobs]:
        (root / "jobs" / f"{slug}.toml").write_text(job_toml(slug, title, code, alt),
                                                    encoding="utf-8")
    (root / "categories.toml").write_text("".join(
        f'[[category]]\nslug = "{c}"\nname = "{c}"\ndescription = "d"\neasy_read = "e"\n'
        for c in CATEGORIES), encoding="utf-8")
    (root / "subjects.toml").write_text('[[subject]]\nslug = "biology"\nname = "Biology"\n',
                                        encoding="utf-8")
    (root / "qualifications.toml").write_text(
        '[[qualification]]\nslug = "t-levels"\nname = "T Levels"\nstage = "after-year-11"\n'
        'level = 3\nsummary = "s"\neasy_read = "e"\nleads_to = []\n', encoding="utf-8")
    quiz = ['[quiz]\nversion = "test"\nscale = ["1","2","3","4","5"]\nshort_scale = ["1","2","3"]']
    for letter, word in zip(LETTERS, WORDS, strict=True):
        quiz.append(f'[[quiz.types]]\nletter = "{letter}"\nname = "{letter}-type"\n'
                    f'pupil_name = "{word}"\ndescription = "d"\nreason_phrase = "{word} work"')
    for letter in LETTERS:
        for n in range(8):
            quiz.append(f'[[quiz.statements]]\nid = "{letter}{n}"\ntype = "{letter}"\ntext = "t"')
        for n in range(3):
            quiz.append(f'[[quiz.short_statements]]\nid = "S{letter}{n}"\ntype = "{letter}"\n'
                        'text = "t"\npicture = "p"')
    (root / "quiz.toml").write_text("\n".join(quiz) + "\n", encoding="utf-8")
    (root / "synonyms.toml").write_text(
        '[synonyms]\nsparky = "electrician"\ncoding = "software-developer"\n'
        '"animal doctor" = "vet"\n', encoding="utf-8")
    return root


@pytest.fixture
def library(tmp_path):
    source = make_tree(tmp_path / "content")
    report = build_content(source, None, tmp_path / "content.db")
    assert report.profiles == 8
    lib = CareersLibrary(report.path)
    yield lib
    lib.close()


def test_clean_tree_checks_clean(tmp_path):
    result = check_content(make_tree(tmp_path / "content"))
    assert result.problems == []


@pytest.mark.parametrize("query, expected", [
    ("vet", "vet"), ("Vets", "vet"), ("sparky", "electrician"), ("coding", "software-developer"),
    ("electrican", "electrician"), ("plumer", "plumber"), ("programmer", "software-developer"),
    ("veterinary surgeon", "vet"), ("ele", "electrician"), ("e", "electrician"),
    ("graphic", "graphic-designer"), ("accountants", "accountant"),
])
def test_expected_job_first(library, query, expected):
    results = library.search(query)
    assert results and results[0].slug == expected, results[:3]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_search_never_fails(library, query):
    library.search(query)


@pytest.mark.parametrize("query", ['NEAR(', '"', '*', 'AND OR NOT', "'; DROP TABLE jobs; --",
                                   "x" * 10_000, "🐶🐱", "طبيب", "\x00", "vet*", "a:b"])
def test_odd_queries(library, query):
    assert isinstance(library.search(query), list)


def test_filters(library):
    assert {r.slug for r in library.search("", SearchFilters(interests="A"))} == {"graphic-designer"}
    assert len(library.search("", SearchFilters(routes=("apprenticeship",)))) == 8
    assert library.search("", SearchFilters(routes=("university",))) == []
    assert library.search("", SearchFilters(max_entry_level=2)) == []


@pytest.mark.parametrize("letter", list(LETTERS))
def test_one_type_pupils_get_jobs_led_by_that_type(library, letter):
    quiz = library.quiz()
    answers = {s["id"]: 5 if s["type"] == letter else 1 for s in quiz["statements"]}
    scores = score_answers(answers, quiz)
    assert scores.top_letters[0] == letter and scores.complete
    suggestions = suggest_jobs(scores, library, limit=1)
    assert suggestions[0].job.interest_code[0] == letter
    assert suggestions[0].reasons and "You like" in suggestions[0].reasons[0]


def test_short_quiz_and_reasons_for_subjects(library):
    quiz = library.quiz()
    answers = {s["id"]: 3 if s["type"] == "S" else 1 for s in quiz["short_statements"]}
    scores = score_answers(answers, quiz, short=True)
    top = suggest_jobs(scores, library, favourite_subjects=["biology"],
                       preferred_routes=["apprenticeship"], limit=3)
    assert top[0].job.slug == "nurse"
    assert any("biology" in reason for reason in top[0].reasons)
    assert any("apprenticeship" in reason for reason in top[0].reasons)
    with pytest.raises(ValueError):
        score_answers({"SR0": 5}, quiz, short=True)


@pytest.mark.parametrize("breakage, file, field", [
    (lambda r: (r / "jobs/vet.toml").write_text("title = ", encoding="utf-8"), "jobs/vet.toml",
     "file"),
    (lambda r: _edit(r / "jobs/vet.toml", 'interest_code = "IRS"', 'interest_code = "XYZ"'),
     "jobs/vet.toml", "interest_code"),
    (lambda r: _edit(r / "jobs/vet.toml", '"animal-care"', '"space-travel"'), "jobs/vet.toml",
     "categories"),
    (lambda r: _edit(r / "jobs/vet.toml", '"biology"', '"astrology"'), "jobs/vet.toml",
     "subjects"),
    (lambda r: _edit(r / "jobs/vet.toml", '"electrician"', '"astronaut"'), "jobs/vet.toml",
     "related"),
    (lambda r: _edit(r / "jobs/nurse.toml", '"Staff nurse"', '"Veterinary surgeon"'),
     "jobs/vet.toml", "title"),
    (lambda r: _edit(r / "jobs/vet.toml", "stem = true", "stem = true\ncolour = 1"),
     "jobs/vet.toml", "colour"),
    (lambda r: _edit(r / "jobs/vet.toml", "You help people every day.",
                     "You help people every day and you also look after lots of animals "
                     "that are poorly."), "jobs/vet.toml", "easy_read"),
    (lambda r: _edit(r / "jobs/vet.toml", "level = 3\n", ""), "jobs/vet.toml",
     "routes[1].level"),
    (lambda r: _edit(r / "quiz.toml", 'id = "R0"\ntype = "R"', 'id = "R0"\ntype = "I"'),
     "quiz.toml", "statements"),
])
def test_each_kind_of_problem_names_file_and_field(tmp_path, breakage, file, field):
    root = make_tree(tmp_path / "content")
    breakage(root)
    problems = check_content(root).problems
    assert any(p.file.endswith(file) and p.field.startswith(field) for p in problems), problems
    with pytest.raises(ContentError):
        build_content(root, None, tmp_path / "out.db")
    assert not (tmp_path / "out.db").exists()


def test_repeated_prose_is_flagged(tmp_path):
    shared = "Every single day you will look after people who need a lot of help."
    root = make_tree(tmp_path / "content")
    for slug in ("vet", "nurse"):
        _edit(root / f"jobs/{slug}.toml", 'summary = """', f'summary = """{shared} ')
    problems = check_content(root).problems
    assert any("repeats a sentence" in p.message for p in problems)


def test_cli_check_build_and_search(tmp_path, capsys):
    root = make_tree(tmp_path / "content")
    assert main(["content", "check", "--source", str(root)]) == 0
    out = tmp_path / "built.db"
    assert main(["content", "build", "--source", str(root), "--out", str(out)]) == 0
    assert "Built 8 job profiles" in capsys.readouterr().out
    _edit(root / "jobs/vet.toml", '"IRS"', '"Q"')
    assert main(["content", "check", "--source", str(root)]) == 1
    assert "jobs/vet.toml: interest_code" in capsys.readouterr().out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
