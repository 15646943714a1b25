"""Small builders shared by tests: an action plan without a database."""

import datetime as dt
import shutil
from pathlib import Path

from careersdesk.models import AccessibilityPreferences, Pupil, SendStatus
from careersdesk.plans import ActionPlan, CareerRoutes
from careersdesk.services.guidance import Action, ActionStatus, Interview, InterviewFields


def make_plan(summary: str = "", goals_long: str = "") -> ActionPlan:
    pupil = Pupil(id=1, upn=None, mis_id=None, legal_first_name="Zoë", legal_last_name="O'Brien",
                  preferred_name=None, date_of_birth=None, year_group=11, form="11R",
                  pupil_premium=False, send_status=SendStatus.NONE, looked_after=False, eal=False,
                  accessibility=AccessibilityPreferences(), username="zobrien", archived=False)
    interview = Interview(id=1, pupil_id=1, adviser_name="Priya Sharma",
                          held_on=dt.date(2026, 11, 18), year_group=11,
                          fields=InterviewFields(summary=summary, goals_long=goals_long,
                                                 careers_considered=("Nurse",)),
                          locked=False)
    action = Action(id=1, pupil_id=1, interview_id=1, text=goals_long or "Read", owner="pupil",
                    due_on=None, status=ActionStatus.NOT_STARTED,
                    status_changed_on=dt.date(2026, 11, 18))
    return ActionPlan(school_name="Test <School> & Co", pupil=pupil, interview=interview,
                      actions=(action,), encounters_this_year=(), encounters_overall=0,
                      interest_scores=None, careers=(CareerRoutes("Nurse"),),
                      printed_on=dt.date(2026, 11, 18))


def sign_in(window, username: str, secret: str, pupil: bool) -> None:
    """Fill in and press the sign-in form of a MainWindow, as a person would."""
    page = window.sign_in_page
    (page.pupil_button if pupil else page.staff_button).click()
    page.username.setText(username)
    page.secret.setText(secret)
    page.sign_in_button.click()


CONTENT_SAMPLE = Path(__file__).parent / "data" / "content_sample"


def build_sample_library(folder: Path, source: Path | None = None):
    """Copy the small content tree in tests/data (unless ``source`` is given), build it in
    ``folder`` and open it; the caller closes the library."""
    from careersdesk.content.build import build_content
    from careersdesk.content.library import CareersLibrary

    if source is None:
        source = Path(shutil.copytree(CONTENT_SAMPLE, folder / "content"))
    report = build_content(source, source / "facts" / "soc_facts.json", folder / "content.db")
    return CareersLibrary(report.path)
