"""A pupil's own pages: explore and save, the interests quiz, ticking off the plan."""

import pytest
from conftest import DEMO_LOGINS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from careersdesk.config import MachineConfig
from careersdesk.models import Role
from careersdesk.services.guidance import ActionStatus, NewAction
from ui.context import AppContext
from ui.main_window import MainWindow


@pytest.fixture
def pupil_window(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    username = demo_services.school.sample_usernames()[3][0]
    page = window.sign_in_page
    page.pupil_button.click()
    page.username.setText(username)
    page.secret.setText("1234")
    page.sign_in_button.click()
    return window


def test_explore_finds_saves_and_follows_related_jobs(pupil_window, qtbot):
    pupil_window.workspace.open_page("explore")
    page = pupil_window.workspace.current_page()
    page.search.setText("sparky")
    qtbot.waitUntil(lambda: page.results.count() and page.results.item(0).text() == "Electrician")
    qtbot.waitUntil(lambda: page.current is not None and page.current.slug == "electrician")
    assert "Installation electrician" in page.profile.toPlainText() or \
        "Electrician" in page.profile.toPlainText()
    assert "How to get in" in page.profile.toPlainText()
    page.save_button.click()
    assert "Saved Electrician" in page.message.text()
    session = pupil_window.context.session
    saved = pupil_window.context.services.careers.shortlist(session, session.user_id)
    assert [s.job_slug for s in saved] == ["electrician"]
    assert page.show_job("plumber") and page.profile.toPlainText().startswith("Plumber")
    page.search.clear()
    page.route.setCurrentIndex(page.route.findData("university"))
    page.refresh()
    from PySide6.QtCore import Qt

    slugs = [page.results.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(page.results.count())]
    assert slugs and "electrician" not in slugs
    assert all("university" in page.library.job(slug).route_kinds for slug in slugs)
    home = pupil_window.workspace
    home.open_page("my-careers")
    assert "Electrician" in home.current_page().details.text()


def test_quiz_one_statement_at_a_time_then_reasons(pupil_window):
    pupil_window.workspace.open_page("quiz")
    page = pupil_window.workspace.current_page()
    assert page.statement.text() == page.statements[0]["text"]
    page.answer(3)
    page.back()
    assert page.position == 0
    for statement in page.statements:
        page.answer(5 if statement["type"] == "S" else 1)
    assert page.stack.currentIndex() == 1
    assert page.suggestions[0].job.interest_code.startswith("S")
    assert "Helper" in page.summary.text()
    assert "Why this was suggested" in page.profile.toPlainText()
    session = pupil_window.context.session
    latest = pupil_window.context.services.careers.latest_interests(session, session.user_id)
    assert latest.top_letters[0] == "S"
    # Home now draws the six scores, with the same figures in words for a screen reader.
    pupil_window.workspace.open_page("my-careers")
    home = pupil_window.workspace.current_page()
    assert home.chart.isVisible() and home.chart.scores["S"] == 100
    assert home.chart.accessibleDescription().startswith("Helper")
    assert "100 out of 100" in home.chart_words.text()
    image = home.chart.grab().toImage()
    highlight = home.chart.palette().highlight().color().rgb()
    assert any(image.pixel(x, y) == highlight for x in range(0, image.width(), 3)
               for y in range(image.height()))  # the strongest bar is really drawn


def test_home_shows_this_years_encounters_against_the_aim(pupil_window):
    text = pupil_window.workspace.current_page().encounters.text()
    assert text.startswith("This school year you have ")
    assert "with employers" in text


def test_pupil_ticks_off_an_action(pupil_window, demo_services):
    session = pupil_window.context.session
    adviser = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    action = demo_services.guidance.add_action(adviser, session.user_id,
                                               NewAction("Visit the college open evening"))
    pupil_window.workspace.open_page("my-plan")
    page = pupil_window.workspace.current_page()
    items = [page.actions_list.item(i) for i in range(page.actions_list.count())]
    item = next(i for i in items if "college open evening" in i.text())
    from PySide6.QtCore import Qt

    item.setCheckState(Qt.CheckState.Checked)
    stored = [a for a in demo_services.guidance.actions_for(adviser, session.user_id)
              if a.id == action.id][0]
    assert stored.status is ActionStatus.DONE


def test_pupil_adds_an_encounter_and_writes_what_they_learned(pupil_window, demo_services):
    pupil_window.workspace.open_page("my-encounters")
    page = pupil_window.workspace.current_page()
    before = page.encounter_list.count()
    page.title.setText("Saturday job at Riverside Garage")
    page.kind.setCurrentIndex(page.kind.findData("part_time_job"))
    page.organisation.setText("Riverside Garage")
    page.add_button.click()
    assert page.encounter_list.count() == before + 1
    assert "Saturday job" in page.encounter_list.currentItem().text()
    page.reflection.setPlainText("I learned how to check tyre pressures.")
    page.save_button.click()
    session = pupil_window.context.session
    mine = demo_services.encounters.for_pupil(session, session.user_id)
    assert any(e.reflection == "I learned how to check tyre pressures." for e in mine)


def test_compare_two_or_three_jobs_side_by_side(pupil_window, qtbot):
    pupil_window.workspace.open_page("explore")
    page = pupil_window.workspace.current_page()
    assert not page.compare_button.isEnabled()  # nothing to compare yet
    for slug in ("electrician", "plumber", "nurse", "vet"):
        assert page.show_job(slug)
        assert page.add_current_to_compare()
    assert page.compare_slugs == ["plumber", "nurse", "vet"]  # three at most: oldest dropped
    assert page.compare_button.text() == "Compare (3)" and page.compare_button.isEnabled()
    assert not page.add_current_to_compare()  # vet again
    dialog = page.compare_dialog()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser, "compareView").toPlainText()
    for words in ("Plumber", "Nurse", "Vet", "Pay", "Ways in", "Entry requirements",
                  "Subjects that help", "£"):
        assert words in text
    assert "Electrician" not in text


def test_a_profile_draws_the_paths_in_from_the_pupils_year(pupil_window):
    pupil_window.workspace.open_page("explore")
    page = pupil_window.workspace.current_page()
    page.show_job("software-developer")
    text = page.profile.toPlainText()
    year = page.year_group
    assert "Paths from where you are" in text
    assert f"Year {year} now" in text
    assert "T Level in Digital Production, Design and Development" in text


def test_a_quiz_left_part_way_carries_on_next_time(pupil_window):
    pupil_window.workspace.open_page("quiz")
    page = pupil_window.workspace.current_page()
    for _ in range(7):
        page.answer(4)
    session = pupil_window.context.session
    from ui.pages.quiz import QuizPage

    again = QuizPage(pupil_window.context, session)  # the next lesson, a new window
    assert again.position == 7 and len(again.answers) == 7
    assert again.resume_note.text().startswith("Welcome back. You had answered 7 of 48")
    again.restart()
    assert again.position == 0
    assert pupil_window.context.services.careers.quiz_progress(session, session.user_id) is None
    again.deleteLater()


def test_what_i_like_is_saved_at_once_and_feeds_explore(pupil_window):
    pupil_window.workspace.open_page("my-choices")
    page = pupil_window.workspace.current_page()
    page.subject_boxes["biology"].setChecked(True)
    page.priority_boxes["animals"].setChecked(True)
    assert page.message.text() == "Saved."
    session = pupil_window.context.session
    choices = pupil_window.context.services.careers.choices(session, session.user_id)
    assert choices.favourite_subjects == ("biology",) and choices.priorities == ("animals",)
    pupil_window.workspace.open_page("explore")
    explore = pupil_window.workspace.current_page()
    explore.my_subjects.setChecked(True)
    slugs = [explore.results.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(explore.results.count())]
    assert "vet" in slugs and "accountant" not in slugs
    assert all("biology" in explore.library.job(slug).subjects for slug in slugs)


def test_explore_filters_and_sorts_and_shows_pay_and_ways_in(pupil_window):
    pupil_window.workspace.open_page("explore")
    page = pupil_window.workspace.current_page()
    page.pay.setCurrentIndex(page.pay.findData(40_000))
    page.sort.setCurrentIndex(page.sort.findData("pay"))
    jobs = [page.library.job(page.results.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(page.results.count())]
    pays = [job.pay_median for job in jobs]
    assert jobs and all(pay >= 40_000 for pay in pays) and pays == sorted(pays, reverse=True)
    line = page.results.item(0).toolTip()
    assert f"£{pays[0]:,} a year" in line
    page.pay.setCurrentIndex(0)
    page.entry_level.setCurrentIndex(page.entry_level.findData(1))
    slugs = [page.results.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(page.results.count())]
    assert slugs and all(page.library.job(slug).min_entry_level <= 1 for slug in slugs)
    page.sort.setCurrentIndex(page.sort.findData("title"))
    titles = [page.results.item(i).text() for i in range(page.results.count())]
    assert titles == sorted(titles, key=str.casefold)


def test_routes_page_explains_each_option_and_marks_where_the_pupil_is(pupil_window):
    pupil_window.workspace.open_page("routes")
    text = pupil_window.workspace.current_page().view.toPlainText()
    for heading in ("Up to Year 11", "After Year 11", "After Year 13", "T Levels", "A levels",
                    "Supported internships", "This is the stage you are at now"):
        assert heading in text


def test_the_whole_pupil_journey_is_there_for_the_adviser(pupil_window, demo_services, qtbot):
    session = pupil_window.context.session
    workspace = pupil_window.workspace
    # Quiz, then suggestions with their reasons.
    workspace.open_page("quiz")
    quiz = workspace.current_page()
    quiz.restart()
    for statement in quiz.statements:
        quiz.answer(5 if statement.type == "R" else 1)
    top = quiz.suggestions[0]
    assert top.reasons and top.job.interest_code.startswith("R")
    # Open a suggested profile in Explore, save it, compare it with another job.
    workspace.open_page("explore")
    explore = workspace.current_page()
    assert explore.show_job(top.job.slug, top.reasons)
    assert "Why this was suggested" in explore.profile.toPlainText()
    assert explore.save_current()
    explore.add_current_to_compare()
    explore.show_job("electrician" if top.job.slug != "electrician" else "plumber")
    explore.add_current_to_compare()
    dialog = explore.compare_dialog()
    qtbot.addWidget(dialog)
    assert top.job.title in dialog.findChild(QTextBrowser, "compareView").toPlainText()
    # Record an encounter with a reflection.
    workspace.open_page("my-encounters")
    encounters = workspace.current_page()
    encounters.title.setText("Work taster at the bus depot")
    encounters.kind.setCurrentIndex(encounters.kind.findData("part_time_job"))
    encounters.organisation.setText("Riverside Buses")
    encounters.add_button.click()
    encounters.reflection.setPlainText("Drivers plan their routes before they set off.")
    encounters.save_button.click()
    # Tick an action agreed with the adviser.
    adviser = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    action = demo_services.guidance.add_action(adviser, session.user_id,
                                               NewAction("Book a college taster day"))
    workspace.open_page("my-plan")
    plan = workspace.current_page()
    plan.refresh()
    item = next(plan.actions_list.item(i) for i in range(plan.actions_list.count())
                if "taster day" in plan.actions_list.item(i).text())
    item.setCheckState(Qt.CheckState.Checked)
    # The adviser sees every step.
    pupil = session.user_id
    assert demo_services.careers.latest_interests(adviser, pupil).top_letters[0] == "R"
    assert top.job.slug in [s.job_slug for s in demo_services.careers.shortlist(adviser, pupil)]
    assert any(e.reflection == "Drivers plan their routes before they set off."
               for e in demo_services.encounters.for_pupil(adviser, pupil))
    done = [a for a in demo_services.guidance.actions_for(adviser, pupil) if a.id == action.id]
    assert done[0].status is ActionStatus.DONE


def test_a_pupil_sets_a_goal_of_their_own_and_the_adviser_sees_it(pupil_window, demo_services):
    pupil_window.workspace.open_page("my-plan")
    page = pupil_window.workspace.current_page()
    page.goal.setText("Ask Mr Patel about A level chemistry")
    assert page.add_goal()
    texts = [page.actions_list.item(i).text() for i in range(page.actions_list.count())]
    assert "Ask Mr Patel about A level chemistry (my own goal)" in texts
    assert not page.add_goal() and page.message.text() == "Type your goal first."
    adviser = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    pupil = pupil_window.context.session.user_id
    goals = [a for a in demo_services.guidance.actions_for(adviser, pupil) if a.pupils_own_goal]
    assert [g.text for g in goals] == ["Ask Mr Patel about A level chemistry"]


def test_shortlist_note_and_printing_a_profile(pupil_window, demo_services, tmp_path):
    pupil_window.workspace.open_page("explore")
    page = pupil_window.workspace.current_page()
    page.show_job("zookeeper")
    page.note.setText("I loved the zoo visit in Year 8 <b>really</b>")
    assert page.save_current()
    session = pupil_window.context.session
    saved = demo_services.careers.shortlist(session, session.user_id)
    assert [(s.job_slug, s.note) for s in saved] == [
        ("zookeeper", "I loved the zoo visit in Year 8 <b>really</b>")]
    page.show_job("vet")
    assert page.note.text() == ""
    page.show_job("zookeeper")
    assert page.note.text().startswith("I loved the zoo")  # the note comes back with the job
    page.note.setText("x" * 5000)
    assert len(page.note.text()) == 2000 and "full" in page.message.text()
    pupil_window.workspace.open_page("my-encounters")
    encounters = pupil_window.workspace.current_page()
    encounters.reflection.setPlainText("é" * 25_000)  # a huge paste
    assert len(encounters.reflection.toPlainText()) == 20_000
    assert "up to 20,000 letters" in encounters.message.text()
    pdf = tmp_path / "zookeeper.pdf"
    page.save_profile_pdf(str(pdf))
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Zookeeper" in text and "How to get in" in text


def test_the_quiz_shows_earlier_results(pupil_window):
    pupil_window.workspace.open_page("quiz")
    page = pupil_window.workspace.current_page()
    for letter in ("R", "S"):
        page.restart()
        for statement in page.statements:
            page.answer(5 if statement.type == letter else 1)
    assert page.history.isVisible() or not page.isVisible()
    assert page.history.text().startswith("Your earlier results: ")
    assert ": R" in page.history.text()
