"""The pupil's own home page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from careersdesk.models import Session
from ui.context import AppContext


class PupilHomePage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pupil = context.services.pupils.get(session, session.user_id)
        layout = QVBoxLayout(self)
        hello = QLabel(self.tr("Hello, {name}").format(name=pupil.first_name))
        hello.setObjectName("heading")
        hello.setAccessibleName(hello.text())
        layout.addWidget(hello)
        form = f", {pupil.form}" if pupil.form else ""
        where = QLabel(self.tr("Year {year}{form} · {school}").format(
            year=pupil.year_group, form=form,
            school=context.services.school.settings(session).school_name))
        layout.addWidget(where)
        intro = QLabel(self.tr(
            "This is your own space for thinking about your future. What you save here stays in "
            "your school's CareersDesk, so it is waiting for you on any computer in school."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        notice = QLabel(self.tr(
            "Not built yet: your interests chart, shortlist, next actions and encounters will "
            "appear on this page in a later version."))
        notice.setObjectName("placeholderNotice")
        notice.setWordWrap(True)
        layout.addWidget(notice)
        layout.addStretch(1)
