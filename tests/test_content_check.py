"""`content check`: a clean source tree passes, and each kind of problem names its file and field.

Every test works on a copy of tests/data/content_sample, a small tree written for the tests, so
nothing here depends on the real library while it is being written.
"""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from careersdesk.content.build import ContentError, build_content
from careersdesk.content.check import check_content, review_content

SAMPLE = Path(__file__).parent / "data" / "content_sample"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "content"))


def facts(root: Path) -> Path:
    return root / "facts" / "soc_facts.json"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_sample_tree_is_clean(source):
    assert check_content(source, facts(source)) == []


def test_requirement_sentences_may_repeat_across_profiles(source):
    # The sample's apprenticeship requirements are word for word the same in several profiles.
    repeated = "4 or 5 GCSEs at grades 9 to 4 including English and maths"
    assert sum(repeated in path.read_text(encoding="utf-8")
               for path in (source / "jobs").glob("*.toml")) > 2
    assert check_content(source, facts(source)) == []


def test_notes_do_not_count_as_problems(source):
    review = review_content(source, facts(source))
    assert review.problems == []
    assert any("graphic-designer.toml: interest_code 'AER'" in note for note in review.notes)
    assert any("'astronaut' points at jobs/astronaut.toml" in note for note in review.notes)
    assert review.counts()["job profiles"] == 15


Breakage = Callable[[Path], None]


def vet(root: Path) -> Path:
    return root / "jobs" / "vet.toml"


def electrician(root: Path) -> Path:
    return root / "jobs" / "electrician.toml"


def remove_line_starting(path: Path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, start
    path.write_text("".join(kept), encoding="utf-8")


LONG_SENTENCE = ("Vets sometimes work very long days looking after lots of different animals "
                 "in many places all over the country.")
SHARED_SENTENCE = "Every single morning starts with a careful look at the whole list of jobs."

BREAKAGES: list[tuple[str, Breakage, str, str, str]] = [
    # (what is wrong, how to break it, file named, field named (prefix), words in the message)
    ("TOML syntax", lambda r: vet(r).write_text("title = ", encoding="utf-8"),
     "jobs/vet.toml", "file", "not valid TOML"),
    ("missing field", lambda r: remove_line_starting(vet(r), "soc2020"),
     "jobs/vet.toml", "soc2020", "missing"),
    ("wrong type", lambda r: edit(vet(r), "stem = true", 'stem = "yes"'),
     "jobs/vet.toml", "stem", "true or false"),
    ("list of the wrong type", lambda r: edit(vet(r), 'subjects = ["biology"', "subjects = [3"),
     "jobs/vet.toml", "subjects", "list of text"),
    ("unknown field", lambda r: edit(vet(r), "stem = true", "stem = true\ncolour = 1"),
     "jobs/vet.toml", "colour", "not a field"),
    ("unknown route field", lambda r: edit(vet(r), 'route = "university"',
                                           'route = "university"\ncost = 3'),
     "jobs/vet.toml", "routes[1].cost", "not a field"),
    ("missing [source]", lambda r: edit(vet(r), '[source]\nncs_title = "Vet"', ""),
     "jobs/vet.toml", "source", "missing"),
    ("missing [[routes]]", lambda r: vet(r).write_text(
        vet(r).read_text(encoding="utf-8").split("[[routes]]")[0], encoding="utf-8"),
     "jobs/vet.toml", "routes", "missing"),
    ("unknown route kind", lambda r: edit(vet(r), 'route = "university"', 'route = "uni"'),
     "jobs/vet.toml", "routes[1].route", "not one of"),
    ("apprenticeship without a level", lambda r: edit(electrician(r), "level = 3\n", ""),
     "jobs/electrician.toml", "routes[1].level", "needs its level"),
    ("level out of range", lambda r: edit(vet(r), "level = 6", "level = 9"),
     "jobs/vet.toml", "routes[1].level", "from 1 to 8"),
    ("unknown category", lambda r: edit(vet(r), '"animal-care"', '"space-travel"'),
     "jobs/vet.toml", "categories", "not one of the 25"),
    ("unknown subject", lambda r: edit(vet(r), '"biology"', '"astrology"'),
     "jobs/vet.toml", "subjects", "not a subject"),
    ("unknown related job", lambda r: edit(vet(r), '"nurse"', '"astronaut"'),
     "jobs/vet.toml", "related", "no profile jobs/astronaut.toml"),
    ("related to itself", lambda r: edit(vet(r), '"nurse"', '"vet"'),
     "jobs/vet.toml", "related", "itself"),
    ("unknown leads_to", lambda r: edit(r / "qualifications.toml", '"a-levels", "t-levels"',
                                        '"a-levels", "gap-year"'),
     "qualifications.toml", "qualification[gcses].leads_to", "'gap-year'"),
    ("unknown T Level", lambda r: edit(electrician(r), '"Building Services Engineering for '
                                                       'Construction"', '"Plumbing"'),
     "jobs/electrician.toml", "routes[3].t_levels", "not a T Level"),
    ("withdrawn T Level", lambda r: edit(electrician(r), '"Building Services Engineering for '
                                                         'Construction"', '"Catering"'),
     "jobs/electrician.toml", "routes[3].t_levels", "withdrawn"),
    ("unknown standard", lambda r: edit(electrician(r), '"ST0152"', '"ST9999"'),
     "jobs/electrician.toml", "routes[1].standards", "not in apprenticeship_standards.toml"),
    ("badly written standard", lambda r: edit(electrician(r), '"ST0152"', '"0152"'),
     "jobs/electrician.toml", "routes[1].standards", "must look like"),
    ("SOC group not in the facts", lambda r: edit(vet(r), '"2240"', '"1234"'),
     "jobs/vet.toml", "soc2020", "not a SOC 2020 unit group"),
    ("SOC code badly written", lambda r: edit(vet(r), '"2240"', '"22A0"'),
     "jobs/vet.toml", "soc2020", "4-digit"),
    ("two profiles with one title", lambda r: edit(r / "jobs" / "plumber.toml",
                                                   'title = "Plumber"', 'title = "electrician"'),
     "jobs/plumber.toml", "title", "also the title of jobs/electrician.toml"),
    ("a title used as another's alternative", lambda r: edit(
        r / "jobs" / "chef.toml", '"Head chef"', '"PLUMBER"'),
     "jobs/chef.toml", "alternative_titles", "title of jobs/plumber.toml"),
    ("the same title written with a hyphen", lambda r: edit(
        r / "jobs" / "chef.toml", '"Head chef"', '"Primary-school teacher"'),
     "jobs/chef.toml", "alternative_titles", "title of jobs/primary-school-teacher.toml"),
    ("slug that is not lower case", lambda r: shutil.copy(vet(r), r / "jobs" / "Vet2.toml"),
     "jobs/Vet2.toml", "file name", "lower case"),
    ("summary too short", lambda r: edit(vet(r), 'summary = """', 'summary = """Short. """\n'
                                                                   'old_summary = """'),
     "jobs/vet.toml", "summary", "60 to 120"),
    ("summary too long", lambda r: edit(vet(r), 'summary = """', 'summary = """'
                                        + "Animals need care and vets give it. " * 10),
     "jobs/vet.toml", "summary", "60 to 120"),
    ("too few tasks", lambda r: remove_line_starting(vet(r), '  "Plan the day'),
     "jobs/vet.toml", "tasks", "5 to 8"),
    ("task too long", lambda r: edit(vet(r), '"Plan the day', '"' + "Plan and plan " * 10),
     "jobs/vet.toml", "tasks[1]", "4 to 25"),
    ("working environment too short", lambda r: edit(
        vet(r), 'working_environment = "', 'working_environment = "Indoors." # "'),
     "jobs/vet.toml", "working_environment", "15 to 80"),
    ("hours note too long", lambda r: edit(vet(r), "Nights and weekends on a rota",
                                           "Nights and weekends " * 11),
     "jobs/vet.toml", "hours_note", "at most 30"),
    ("easy-read sentence too long", lambda r: edit(vet(r), "You keep learning about",
                                                   LONG_SENTENCE + " You keep learning about"),
     "jobs/vet.toml", "easy_read", "at most 15"),
    ("easy read too short", lambda r: edit(vet(r), 'easy_read = "', 'easy_read = "Vets. " # "'),
     "jobs/vet.toml", "easy_read", "40 to 80"),
    ("requirements too short", lambda r: edit(vet(r), "2 or 3 A levels for a degree in a "
                                                      "related subject", "A levels"),
     "jobs/vet.toml", "routes[1].requirements", "5 to 60"),
    ("detail too long", lambda r: edit(vet(r), 'route = "university"',
                                       'route = "university"\ndetail = "' + "More. " * 61 + '"'),
     "jobs/vet.toml", "routes[1].detail", "at most 60"),
    ("too few skills", lambda r: edit(vet(r), '"patience", ', ""),
     "jobs/vet.toml", "skills", "4 to 8"),
    ("too many alternative titles", lambda r: edit(
        vet(r), '"Animal doctor"', ", ".join(f'"Vet {n}"' for n in range(10))),
     "jobs/vet.toml", "alternative_titles", "at most 10"),
    ("bad interest code", lambda r: edit(vet(r), '"IRS"', '"XYZ"'),
     "jobs/vet.toml", "interest_code", "RIASEC"),
    ("repeated interest letter", lambda r: edit(vet(r), '"IRS"', '"IIS"'),
     "jobs/vet.toml", "interest_code", "different"),
    ("prose copied between profiles", lambda r: [
        edit(r / "jobs" / f"{slug}.toml", 'summary = """', f'summary = """{SHARED_SENTENCE} ')
        for slug in ("nurse", "vet")],
     "jobs/vet.toml", "summary", "repeats a sentence from jobs/nurse.toml"),
    ("task copied between profiles", lambda r: [
        edit(r / "jobs" / f"{slug}.toml", "tasks = [", 'tasks = [\n  "Tidy the whole place up '
                                                       'before going home",')
        for slug in ("chef", "plumber")],
     "jobs/plumber.toml", "tasks[1]", "repeats a sentence from jobs/chef.toml"),
    ("quiz type short of statements", lambda r: edit(r / "quiz.toml", 'id = "R1"\ntype = "R"',
                                                     'id = "R1"\ntype = "I"'),
     "quiz.toml", "quiz.statements", "exactly 8"),
    ("short quiz short of statements", lambda r: edit(
        r / "quiz.toml", 'id = "SC1"\ntype = "C"', 'id = "SC1"\ntype = "E"'),
     "quiz.toml", "quiz.short_statements", "exactly 3"),
    ("repeated quiz id", lambda r: edit(r / "quiz.toml", 'id = "R2"', 'id = "R1"'),
     "quiz.toml", "quiz.statements", "more than once"),
    ("quiz statement of no type", lambda r: edit(r / "quiz.toml", 'id = "R2"\ntype = "R"',
                                                 'id = "R2"\ntype = "Q"'),
     "quiz.toml", "quiz.statements[R2].type", "not one of"),
    ("quiz scale with four labels", lambda r: edit(r / "quiz.toml", '"Not sure", "I like this", '
                                                                    '"I really like this"',
                                                   '"I like this", "I really like this"'),
     "quiz.toml", "quiz.scale", "5 are needed"),
    ("a category missing", lambda r: edit(r / "categories.toml", 'slug = "transport"',
                                          'slug = "transport-and-travel"'),
     "categories.toml", "category", "'transport' is missing"),
    ("a reference file missing", lambda r: (r / "subjects.toml").unlink(),
     "subjects.toml", "file", "missing"),
    ("facts missing", lambda r: facts(r).unlink(),
     "facts/soc_facts.json", "file", "missing"),
]


@pytest.mark.parametrize("what, breakage, file, field, words", BREAKAGES,
                         ids=[row[0] for row in BREAKAGES])
def test_each_kind_of_problem_names_file_and_field(source, tmp_path, what, breakage, file, field,
                                                   words):
    breakage(source)
    problems = check_content(source, facts(source))
    assert any(p.file == file and p.field.startswith(field) and words in p.message
               for p in problems), "\n".join(map(str, problems))
    # And the build refuses, leaving no library behind.
    with pytest.raises(ContentError) as refused:
        build_content(source, facts(source), tmp_path / "out.db")
    assert refused.value.problems == problems
    assert not (tmp_path / "out.db").exists()
    assert not list(tmp_path.glob(".out.db.*"))


def test_problems_print_as_file_field_message(source):
    edit(vet(source), '"IRS"', '"Q"')
    (problem,) = check_content(source, facts(source))
    assert str(problem).startswith("jobs/vet.toml: interest_code: 'Q' must be")


def test_a_sentence_with_one_word_swapped_is_noted(source):
    shared = "Most days are spent in a busy surgery with a friendly team around you."
    for slug, who in (("vet", "surgery"), ("nurse", "ward")):
        edit(source / "jobs" / f"{slug}.toml", 'summary = """',
             f'summary = """{shared.replace("surgery", who)} ')
    review = review_content(source, facts(source))
    assert review.problems == []  # a note, not a problem: the content still builds
    # (The sample's own profiles are made from one template, so they have such notes already.)
    near = [note for note in review.notes
            if "nearly the same sentence" in note and "'Most days are spent" in note]
    assert len(near) == 1 and "jobs/vet.toml" in near[0] and "jobs/nurse.toml" in near[0]


def test_hard_reading_is_noted_with_its_reading_age(source):
    hard = ("Veterinarians investigate physiological abnormalities and administer "
            "pharmacological interventions. ")
    edit(vet(source), 'easy_read = "', f'easy_read = "{hard}')
    review = review_content(source, facts(source))
    assert review.problems == []  # a note: the library still builds
    (note,) = [note for note in review.notes
               if note.startswith("jobs/vet.toml: easy_read needs a reading age of")]
    assert "(aim: 9 or below)" in note


def test_a_summary_that_could_sit_under_any_title_is_a_problem(source):
    generic = ("You would work with people every day and help them with their needs. Each day "
               "is different and you learn new things. You need to be organised and friendly. "
               "There are chances to move up once you have some experience. Many people enjoy "
               "this kind of work because it lets them make a difference. You could work in "
               "lots of places, full time or part time.")
    # Pasted under two titles, so none of its words is special to either.
    for slug in ("vet", "nurse"):
        path = source / "jobs" / f"{slug}.toml"
        text = path.read_text(encoding="utf-8")
        start = text.index('summary = """') + len('summary = """')
        path.write_text(text[:start] + generic + text[text.index('"""', start):],
                        encoding="utf-8")
    unspecific = [p for p in check_content(source, facts(source))
                  if p.field == "summary" and "nothing specific to this job" in p.message]
    assert sorted(p.file for p in unspecific) == ["jobs/nurse.toml", "jobs/vet.toml"]
