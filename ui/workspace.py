"""The signed-in workspace: a navigation list on the left, the chosen page on the right.

Which pages exist depends on the role.  The list below is the only place that says so; a page
that is not in a role's list cannot be opened, and the services refuse the data anyway.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careersdesk.models import Role, Session
from ui.context import AppContext

PageFactory = Callable[[AppContext, Session], QWidget]


@dataclass(frozen=True)
class NavEntry:
    key: str
    title: str
    make: PageFactory


def _page(module: str, name: str) -> PageFactory:
    """A page whose module is imported when it is first opened, so the window opens sooner."""
    def make(context: AppContext, session: Session) -> QWidget:
        page_class = getattr(importlib.import_module(module), name)
        page: QWidget = page_class(context, session)
        return page

    return make


PUPIL_PAGES = (
    NavEntry("my-careers", "My careers", _page("ui.pages.home", "PupilHomePage")),
    NavEntry("explore", "Explore", _page("ui.pages.explore", "ExplorePage")),
    NavEntry("quiz", "Quiz", _page("ui.pages.quiz", "QuizPage")),
    NavEntry("routes", "Routes", _page("ui.pages.routes", "RoutesPage")),
    NavEntry("my-choices", "What I like", _page("ui.pages.choices", "MyChoicesPage")),
    NavEntry("my-encounters", "My encounters", _page("ui.pages.my_encounters", "MyEncountersPage")),
    NavEntry("my-plan", "My plan", _page("ui.pages.plan", "MyPlanPage")),
)
STAFF_PAGES = (
    NavEntry("pupils", "Pupils", _page("ui.pages.pupils", "PupilsPage")),
    NavEntry("guidance", "Guidance", _page("ui.pages.guidance", "GuidancePage")),
    NavEntry("encounters", "Encounters", _page("ui.pages.encounters", "EncountersPage")),
    NavEntry("reports", "Reports", _page("ui.pages.reports", "ReportsPage")),
    NavEntry("settings", "Settings", _page("ui.pages.settings", "SettingsPage")),
)


def pages_for(role: Role) -> tuple[NavEntry, ...]:
    return PUPIL_PAGES if role is Role.PUPIL else STAFF_PAGES


class Workspace(QWidget):
    sign_out_requested = Signal()
    page_refused = Signal(str)

    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        self.entries = pages_for(session.role)
        self._pages: dict[str, QWidget] = {}

        side = QWidget()
        side.setObjectName("sidebar")
        side_layout = QVBoxLayout(side)
        who = QLabel(f"<b>{_escape(session.display_name)}</b><br>{self.tr(session.role.label)}")
        who.setAccessibleName(self.tr("Signed in as {name}").format(name=session.display_name))
        side_layout.addWidget(who)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(self.tr("Navigation"))
        for number, entry in enumerate(self.entries, start=1):
            item = QListWidgetItem(self.tr(entry.title))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(self.tr("{title} (Ctrl+{n})").format(title=entry.title, n=number))
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=entry.key: self.open_page(key))
        side_layout.addWidget(self.nav, 1)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setAccessibleName(self.tr("Sign out"))
        side_layout.addWidget(self.sign_out_button)

        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self._row_chosen)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.open_page(self.entries[0].key)

    @property
    def page_keys(self) -> list[str]:
        return [entry.key for entry in self.entries]

    @property
    def current_key(self) -> str:
        return self.entries[self.nav.currentRow()].key

    def current_page(self) -> QWidget:
        page = self.stack.currentWidget()
        assert page is not None, "a workspace always shows a page"
        return page

    def open_page(self, key: str) -> bool:
        """Show a page of this role's workspace; any other page is refused."""
        if key not in self.page_keys:
            self.page_refused.emit(key)
            return False
        row = self.page_keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # _row_chosen builds and shows it
        else:
            self._show(row)
        return True

    def _row_chosen(self, row: int) -> None:
        if row >= 0:
            self._show(row)

    def _show(self, row: int) -> None:
        entry = self.entries[row]
        page = self._pages.get(entry.key)
        if page is None:  # pages are built the first time they are opened, to start quickly
            page = entry.make(self.context, self.session)
            self._pages[entry.key] = page
            self.stack.addWidget(page)
            # A page may offer to take the pupil elsewhere ("Take the quiz").
            request = getattr(page, "open_page_requested", None)
            if request is not None:
                request.connect(self.open_page)
        self.stack.setCurrentWidget(page)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
