"""Pupils: the options after Year 11 and after Year 13, each explained in pupil language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from careersdesk.models import Changes, Session
from ui.context import AppContext
from ui.speech import ReadAloudBar
from ui.style import current_theme_key


class RoutesPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Routes after school"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Routes explained"))
        layout.addWidget(self.view, 1)
        self.read_aloud = ReadAloudBar(self.view)
        layout.addWidget(self.read_aloud)
        context.hub.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if "display" in changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        library = self.context.library
        if library is None:
            self.view.setPlainText(self.tr("The careers library is not installed on this "
                                           "computer. Ask IT staff to reinstall CareersDesk."))
            return
        from careersdesk.content.library import routes_html

        year = (self.context.services.pupils.get(self.session, self.session.user_id).year_group
                if self.session.is_pupil else None)
        self.view.setHtml(routes_html(library, year, current_theme_key()))
