"""The pupil's own home page: interests, shortlist, next actions and a clear next step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from careersdesk.encounters import Audience, academic_year_of
from careersdesk.models import Changes, Session
from careersdesk.services.careers import InterestResult
from careersdesk.services.guidance import OPEN_STATUSES
from ui.context import AppContext
from ui.interest_chart import InterestChart


class PupilHomePage(QWidget):
    open_page_requested = Signal(str)

    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        pupil = context.services.pupils.get(session, session.user_id)
        layout = QVBoxLayout(self)
        hello = QLabel(self.tr("Hello, {name}").format(name=pupil.first_name))
        hello.setObjectName("heading")
        hello.setAccessibleName(hello.text())
        layout.addWidget(hello)
        form = f", {pupil.form}" if pupil.form else ""
        layout.addWidget(QLabel(self.tr("Year {year}{form} · {school}").format(
            year=pupil.year_group, form=form, school=context.school_name)))
        self.next_step = QLabel()
        self.next_step.setObjectName("demoBox")
        self.next_step.setWordWrap(True)
        self.next_step.setAccessibleName(self.tr("Your next step"))
        self.next_step_page = "quiz"  # the page the next-step button opens
        step_row = QHBoxLayout()
        step_row.addWidget(self.next_step, 1)
        self.next_step_button = QPushButton()
        self.next_step_button.setObjectName("primary")
        self.next_step_button.clicked.connect(
            lambda: self.open_page_requested.emit(self.next_step_page))
        step_row.addWidget(self.next_step_button)
        layout.addLayout(step_row)
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.encounters = QLabel()
        self.encounters.setWordWrap(True)
        layout.addWidget(self.encounters)
        self.chart_heading = QLabel(self.tr("Your interests"))
        self.chart_heading.setObjectName("subheading")
        layout.addWidget(self.chart_heading)
        library = context.library
        type_names = ({kind.letter: kind.pupil_name for kind in library.quiz().types}
                      if library else {})
        self.chart = InterestChart(type_names)
        layout.addWidget(self.chart)
        self.chart_words = QLabel()  # the same figures in words, for anyone who prefers them
        self.chart_words.setWordWrap(True)
        layout.addWidget(self.chart_words)
        layout.addStretch(1)
        context.hub.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if {"shortlist", "actions", "interests", "encounters"} & changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        services = self.context.services
        me = self.session.user_id
        interests = services.careers.latest_interests(self.session, me)
        shortlist = services.careers.shortlist(self.session, me)
        actions = [a for a in services.guidance.actions_for(self.session, me)
                   if a.status in OPEN_STATUSES]
        library = self.context.library
        titles = []
        for saved in shortlist:
            job = library.job(saved.job_slug) if library else None
            titles.append(job.title if job else saved.job_slug)
        lines = []
        if interests:
            lines.append(self.tr("Your strongest interests: {letters}").format(
                letters=interests.top_letters))
        lines.append(self.tr("Your shortlist: {jobs}").format(
            jobs=", ".join(titles) if titles else self.tr("nothing saved yet")))
        for action in actions[:3]:
            due = f" by {action.due_on:%d %B}" if action.due_on else ""
            lines.append(f"• {action.text}{due}")
        self.details.setText("\n".join(lines))
        self._show_interests(interests)
        self._show_encounters()
        if interests is None:
            step = self.tr("Next step: take the interests quiz to see jobs that fit you.")
            self.next_step_page, button = "quiz", self.tr("&Take the quiz")
        elif not shortlist:
            step = self.tr("Next step: explore the jobs the quiz suggested and save the ones "
                           "you like.")
            self.next_step_page, button = "explore", self.tr("&Explore jobs")
        elif actions:
            step = self.tr("Next step: work on the actions in your plan.")
            self.next_step_page, button = "my-plan", self.tr("Open my &plan")
        else:
            step = self.tr("Next step: look at your shortlist and find out how to get in.")
            self.next_step_page, button = "explore", self.tr("&Explore jobs")
        self.next_step.setText(step)
        self.next_step_button.setText(button)

    def _show_interests(self, interests: InterestResult | None) -> None:
        for widget in (self.chart_heading, self.chart, self.chart_words):
            widget.setVisible(interests is not None)
        if interests is not None:
            self.chart.set_scores(interests.scores)
            self.chart_words.setText(self.tr("In words: {scores}").format(
                scores=self.chart.as_text()))

    def _show_encounters(self) -> None:
        """This year's encounters against the school's aim of one with an employer every year."""
        today = self.context.services.clock().date()
        this_year = [encounter for encounter in
                     self.context.services.encounters.for_pupil(self.session, self.session.user_id)
                     if encounter.academic_year == academic_year_of(today)]
        employers = sum(1 for encounter in this_year
                        if encounter.details.kind_info.audience is Audience.EMPLOYER)
        noun = self.tr("careers encounter") if len(this_year) == 1 else \
            self.tr("careers encounters")
        text = self.tr("This school year you have {count} {noun} recorded, {employers} with "
                       "employers.").format(count=len(this_year), noun=noun,
                                            employers=employers)
        if employers == 0:
            text += " " + self.tr("The school aims for at least one meeting with an employer "
                                  "every year: add what you learned at a careers talk or fair "
                                  "in My encounters.")
        else:
            text += " " + self.tr("That meets the school's aim of one with an employer every "
                                  "year.")
        self.encounters.setText(text)
