"""A pupil's own pages: explore and save, the interests quiz, ticking off the plan."""

import pytest
from conftest import DEMO_LOGINS
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
    username = demo_services.pupils.sample_usernames()[3][0]
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
