"""The pupil's own home page: interests, shortlist, next actions and a clear next step."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from careersdesk.models import Changes, Session
from careersdesk.services.guidance import OPEN_STATUSES
from ui.context import AppContext


class PupilHomePage(QWidget):
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
        layout.addWidget(self.next_step)
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        notice = QLabel(self.tr("Not built yet: a chart of your interests and your encounters "
                                "this year will appear here in a later version."))
        notice.setObjectName("placeholderNotice")
        notice.setWordWrap(True)
        layout.addWidget(notice)
        layout.addStretch(1)
        context.hub.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if {"shortlist", "actions", "interests"} & changes.kinds:
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
        if interests is None:
            step = self.tr("Next step: take the interests quiz to see jobs that fit you.")
        elif not shortlist:
            step = self.tr("Next step: explore the jobs the quiz suggested and save the ones "
                           "you like.")
        elif actions:
            step = self.tr("Next step: work on the actions in your plan.")
        else:
            step = self.tr("Next step: look at your shortlist and find out how to get in.")
        self.next_step.setText(step)
