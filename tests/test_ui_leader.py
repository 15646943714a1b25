"""The careers leader's screens: roster import, a group encounter, the benchmark dashboard."""


import pytest
from conftest import DEMO_LOGINS, REPO
from pypdf import PdfReader

from careersdesk.config import MachineConfig
from careersdesk.models import Role
from ui.context import AppContext
from ui.main_window import MainWindow


@pytest.fixture
def leader_window(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    page = window.sign_in_page
    page.staff_button.click()
    page.username.setText(DEMO_LOGINS[Role.CAREERS_LEADER][0])
    page.secret.setText(DEMO_LOGINS[Role.CAREERS_LEADER][1])
    page.sign_in_button.click()
    return window


def test_group_encounter_for_a_year_group(leader_window):
    assert leader_window.workspace.open_page("encounters")
    page = leader_window.workspace.current_page()
    page.title.setText("Year 9 NHS careers talk")
    page.kind.setCurrentIndex(page.kind.findData("employer_talk"))
    page.organisation.setText("Riverside NHS Trust")
    page.add_organisation.click()
    page.years[9].setChecked(True)
    chosen = page.chosen_pupil_ids()
    assert chosen and "pupil" in page.count.text()
    page.record_button.click()
    assert f"for {len(chosen)} pupils" in page.message.text()
    services = leader_window.context.services
    session = leader_window.context.session
    titles = [e.details.title for e in services.encounters.for_pupil(session, chosen[0])]
    assert "Year 9 NHS careers talk" in titles
    # Workplace criteria only apply to workplace experiences.
    assert not page.criteria["employer_task"].isEnabled()


def test_group_encounter_without_pupils_is_refused(leader_window):
    leader_window.workspace.open_page("encounters")
    page = leader_window.workspace.current_page()
    page.title.setText("Nobody came")
    page.record_button.click()
    assert "at least one pupil" in page.message.text()


def test_dashboard_figures_and_drill_down(leader_window, qtbot, tmp_path):
    leader_window.workspace.open_page("reports")
    page = leader_window.workspace.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    assert "pupils need action" in page.status.text()
    met_column = 2
    first = page.model.index(0, met_column)
    shown = int(page.model.data(first).replace(",", ""))
    pupils = page.drill_down(first)
    assert len(pupils) == shown == page.drill.rowCount()
    page.group.setCurrentIndex(page.group.findData("Disadvantaged"))
    disadvantaged = page.drill_down(page.model.index(0, met_column))
    assert all(row.pupil.is_disadvantaged for row in disadvantaged)

    page.ask_save_path = lambda *args: tmp_path / "report.pdf"
    saved = page.save_pdf()
    assert saved and "Careers provision report" in PdfReader(saved).pages[0].extract_text()
    page.ask_save_path = lambda *args: tmp_path / "figures.csv"
    assert page.export_csv() and (tmp_path / "figures-summary.csv").exists()


def test_roster_import_from_the_pupils_page(leader_window, tmp_path):
    page = leader_window.workspace.current_page()
    assert page.import_button.isVisible()
    shown = []
    page.ask_open_path = lambda: REPO / "tests" / "data" / "roster_bromcom.csv"
    page.confirm_import = lambda preview: shown.append(preview.summary()) or True
    preview = page.import_roster()
    assert shown and preview is not None and not preview.problems
    assert "Imported" in page.count_label.text()


def test_bad_roster_shows_problems_and_changes_nothing(leader_window, tmp_path):
    page = leader_window.workspace.current_page()
    before = page.model.rowCount()
    bad = tmp_path / "bad.csv"
    bad.write_text("UPN,Surname,Forename,Year\nNOTAUPN,Smith,Ann,9\n", encoding="utf-8")
    page.ask_open_path = lambda: bad
    reported = []
    page.show_problems = lambda title, problems: reported.extend(problems)
    page.import_roster()
    assert reported and "row 2, UPN" in reported[0]
    assert page.model.rowCount() == before


def test_advisers_do_not_see_the_import_button(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    window.sign_in_page.staff_button.click()
    window.sign_in_page.username.setText("adviser")
    window.sign_in_page.secret.setText("demo-adviser")
    window.sign_in_page.sign_in_button.click()
    assert not window.workspace.current_page().import_button.isVisible()


def test_dashboard_by_form(leader_window, qtbot):
    leader_window.workspace.open_page("reports")
    page = leader_window.workspace.current_page()
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    everyone = page.report.pupils
    page.form.setCurrentIndex(1)
    form = page.form.currentData()
    qtbot.waitUntil(lambda: page.report.pupils < everyone, timeout=10_000)
    assert {row.pupil.form for row in page.rows} == {form}
