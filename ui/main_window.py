"""The one main window.  It moves between set-up, sign-in, the workspace and the lock screen."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget, QWidget

from careersdesk.models import AccessibilityPreferences, Changes, Session
from careersdesk.themes import TEXT_SCALES, THEMES
from ui.context import AppContext
from ui.idle import IdleWatcher
from ui.signin import LockPage, SetupPage, SignInPage
from ui.style import apply_display, apply_reading_aids
from ui.workspace import Workspace

if TYPE_CHECKING:
    from ui.simple.workspace import SimpleWorkspace

READING_AIDS = (("dyslexia_font", "&Dyslexia-friendly font"),
                ("extra_spacing", "Extra letter and word &spacing"),
                ("reduced_motion", "&Reduced motion"))

# Simplified mode shows body text at 180% of 10 pt: at least 18 pt, as the SEND team asked.
SIMPLIFIED_SCALE = 180


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("mainWindow")
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.sign_in_page = SignInPage(context)
        self._lock_page: LockPage | None = None
        self.setup_page: SetupPage | None = None
        self.workspace: Workspace | SimpleWorkspace | None = None
        self.stack.addWidget(self.sign_in_page)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.on_idle)
        self.sign_in_page.signed_in.connect(self.start_session)
        self._build_menus()
        theme_key, scale = self.current_display()
        self.theme_actions.get(theme_key, self.theme_actions["standard"]).setChecked(True)
        if scale in self.size_actions:
            self.size_actions[scale].setChecked(True)
        aids = self.current_reading_aids()
        app = QApplication.instance()
        if any(aids.values()) and isinstance(app, QApplication):  # only when asked for: start-up
            apply_reading_aids(app, **aids)                         # stays quick for everyone
        for name, on in aids.items():
            self.aid_actions[name].setChecked(on)
        self._restore_geometry()
        if context.services.staff.has_any_staff():
            self.show_sign_in()
        else:
            self.show_setup()

    # -- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(self.sign_out)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.lock_action, self.sign_out_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        self.theme_actions: dict[str, QAction] = {}
        themes = QActionGroup(self)
        for key, theme in THEMES.items():
            action = QAction(self.tr(theme.name), self, checkable=True)
            action.triggered.connect(lambda _=False, k=key: self.set_display(theme_key=k))
            themes.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[key] = action
        size_menu = view_menu.addMenu(self.tr("Text &size"))
        sizes = QActionGroup(self)
        self.size_actions: dict[int, QAction] = {}
        for percent in TEXT_SCALES:
            action = QAction(f"{percent}%", self, checkable=True)
            action.triggered.connect(lambda _=False, p=percent: self.set_display(scale=p))
            sizes.addAction(action)
            size_menu.addAction(action)
            self.size_actions[percent] = action
        view_menu.addSeparator()
        self.aid_actions: dict[str, QAction] = {}
        for name, label in READING_AIDS:
            action = QAction(self.tr(label), self, checkable=True)
            action.triggered.connect(lambda on, n=name: self.set_reading_aid(n, on))
            view_menu.addAction(action)
            self.aid_actions[name] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About CareersDesk"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        self._update_actions()

    def _update_actions(self) -> None:
        session = self.context.session
        self.sign_out_action.setEnabled(session is not None)
        # Pupils are signed out rather than locked, so there is nothing for them to lock.
        self.lock_action.setEnabled(session is not None and not session.is_pupil)

    # -- display preferences: a pupil's follow them to any machine; staff's stay on this one --

    def _pupil_prefs(self, session: Session) -> AccessibilityPreferences:
        return self.context.services.pupils.get(session, session.user_id).accessibility

    def switch_simplified_mode(self, on: bool) -> None:
        """Turn the signed-in pupil's simplified mode on or off and rebuild their workspace."""
        session = self.context.session
        if session is None or not session.is_pupil:
            return
        pupils = self.context.services.pupils
        pupils.set_accessibility(session, session.user_id,
                                 replace(self._pupil_prefs(session), simplified_mode=on))
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.start_session(session)

    def current_display(self) -> tuple[str, int]:
        session = self.context.session
        if session is not None and session.is_pupil:
            prefs = self._pupil_prefs(session)
            if prefs.simplified_mode:
                # Simplified mode is large and high-contrast whatever else was chosen: at least
                # 18 pt body text, and the high-contrast light theme unless the pupil picked a
                # high-contrast or cream theme of their own.
                theme = prefs.theme if prefs.theme != "standard" else "high-contrast-light"
                return theme, max(prefs.text_scale_percent, SIMPLIFIED_SCALE)
            return prefs.theme, prefs.text_scale_percent
        settings = QSettings()
        try:
            scale = int(str(settings.value("display/scale", 100)))
        except ValueError:
            scale = 100
        return str(settings.value("display/theme", "standard")), scale

    def current_reading_aids(self) -> dict[str, bool]:
        """Dyslexia font, extra spacing, reduced motion: a pupil's from their record, anyone
        else's from this machine's settings."""
        session = self.context.session
        if session is not None and session.is_pupil:
            prefs = self._pupil_prefs(session)
            return {name: bool(getattr(prefs, name)) for name, _ in READING_AIDS}
        settings = QSettings()
        return {name: str(settings.value(f"display/{name}", "false")).lower() == "true"
                for name, _ in READING_AIDS}

    def set_reading_aid(self, name: str, on: bool) -> None:
        session = self.context.session
        if session is not None and session.is_pupil:
            pupils = self.context.services.pupils
            changed = {name: on}
            pupils.set_accessibility(session, session.user_id,
                                     replace(self._pupil_prefs(session), **changed))  # type: ignore[arg-type]
        else:
            QSettings().setValue(f"display/{name}", "true" if on else "false")
        self.apply_current_display()
        self.context.hub.announce(Changes.of("display"))

    def apply_current_display(self) -> None:
        theme_key, scale = self.current_display()
        aids = self.current_reading_aids()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            used = apply_display(app, theme_key, scale)
            apply_reading_aids(app, **aids)
            for name, on in aids.items():
                self.aid_actions[name].setChecked(on)
            self.theme_actions[used].setChecked(True)
            if scale in self.size_actions:
                self.size_actions[scale].setChecked(True)

    def set_display(self, theme_key: str | None = None, scale: int | None = None) -> None:
        current_theme, current_scale = self.current_display()
        theme_key = theme_key or current_theme
        scale = scale or current_scale
        session = self.context.session
        if session is not None and session.is_pupil:
            pupils = self.context.services.pupils
            prefs = pupils.get(session, session.user_id).accessibility
            pupils.set_accessibility(session, session.user_id,
                                     replace(prefs, theme=theme_key, text_scale_percent=scale))
        else:
            QSettings().setValue("display/theme", theme_key)
            QSettings().setValue("display/scale", scale)
        self.apply_current_display()
        self.context.hub.announce(Changes.of("display"))

    def show_about(self) -> None:
        from ui.about import AboutDialog

        AboutDialog(self).exec()

    # -- the four states ------------------------------------------------------------------

    def _title(self, detail: str | None = None) -> None:
        parts = ["CareersDesk", self.context.school_name] + ([detail] if detail else [])
        self.setWindowTitle(" — ".join(parts))

    def show_setup(self) -> None:
        self.setup_page = SetupPage(self.context)
        self.setup_page.school_created.connect(self._school_created)
        self.stack.addWidget(self.setup_page)
        self.stack.setCurrentWidget(self.setup_page)
        self._title(self.tr("set-up"))

    def _school_created(self) -> None:
        if self.setup_page is not None:
            self.stack.removeWidget(self.setup_page)
            self.setup_page.deleteLater()
            self.setup_page = None
        self.sign_in_page.school_label.setText(self.context.school_name)
        self.show_sign_in()

    def show_sign_in(self) -> None:
        self.sign_in_page.reset()
        self.stack.setCurrentWidget(self.sign_in_page)
        self._title()
        self._update_actions()

    def start_session(self, session: Session) -> None:
        self.context.session = session
        if session.is_pupil and self._pupil_prefs(session).simplified_mode:
            from ui.simple.workspace import SimpleWorkspace

            simple = SimpleWorkspace(self.context, session)
            simple.full_app_requested.connect(lambda: self.switch_simplified_mode(False))
            self.workspace = simple
        else:
            self.workspace = Workspace(self.context, session)
        self.workspace.sign_out_requested.connect(self.sign_out)
        self.workspace.page_refused.connect(self._page_refused)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._title(session.display_name)
        self.idle.start(self.context.idle_lock_minutes)
        self._update_actions()
        if session.is_pupil:
            self.apply_current_display()

    def _page_refused(self, key: str) -> None:
        self.statusBar().showMessage(self.tr("That page is not part of your account."), 5000)

    def on_idle(self) -> None:
        session = self.context.session
        if session is None:
            return
        if session.is_pupil:
            self.sign_out()  # the next pupil at a shared machine must not find this one's work
            self.sign_in_page.show_message(self.tr(
                "You were signed out because nobody used CareersDesk for a while."))
        else:
            self.lock()

    def lock(self) -> None:
        session = self.context.session
        if session is None or session.is_pupil:
            return
        self.idle.stop()
        self.lock_page.prepare(session)
        self.stack.setCurrentWidget(self.lock_page)
        self._title(self.tr("locked"))
        self.menuBar().setEnabled(True)

    def unlock(self) -> None:
        if self.workspace is not None and self.context.session is not None:
            self.stack.setCurrentWidget(self.workspace)
            self._title(self.context.session.display_name)
            self.idle.start(self.context.idle_lock_minutes)

    def sign_out(self) -> None:
        self.idle.stop()
        was_pupil = self.context.session is not None and self.context.session.is_pupil
        self.context.session = None
        if was_pupil:  # the next person at this machine gets its own settings back
            self.apply_current_display()
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()  # drops every page and the data it held
            self.workspace = None
        self.show_sign_in()

    @property
    def lock_page(self) -> LockPage:
        """Made the first time a session locks; most sessions never do."""
        if self._lock_page is None:
            self._lock_page = LockPage(self.context)
            self._lock_page.unlocked.connect(self.unlock)
            self._lock_page.sign_out_requested.connect(self.sign_out)
            self.stack.addWidget(self._lock_page)
        return self._lock_page

    @property
    def is_locked(self) -> bool:
        return self._lock_page is not None and self.stack.currentWidget() is self._lock_page

    # -- window geometry ------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("mainWindow/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            return
        self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes
