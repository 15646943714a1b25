"""The screens before the workspace: sign in, first-time school set-up, and the idle lock."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careersdesk.errors import CareersDeskError
from careersdesk.models import Session
from ui.context import AppContext


def _heading(text: str, object_name: str = "heading") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName("errorMessage")
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.hide()
    return label


class Card(QFrame):
    """A centred white panel: the sign-in screens sit on one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setMaximumWidth(520)


def centred(card: QWidget) -> QWidget:
    holder = QWidget()
    outer = QVBoxLayout(holder)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, 3)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return holder


class SignInPage(QWidget):
    signed_in = Signal(object)  # Session

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        card = Card()
        layout = QVBoxLayout(card)
        self.school_label = _heading(context.school_name)
        self.school_label.setAccessibleName(self.tr("School"))
        layout.addWidget(self.school_label)
        layout.addWidget(_heading(self.tr("Sign in to CareersDesk"), "subheading"))

        self.pupil_button = QPushButton(self.tr("I am a &pupil"))
        self.staff_button = QPushButton(self.tr("I am &staff"))
        self.who_group = QButtonGroup(self)
        for button in (self.pupil_button, self.staff_button):
            button.setCheckable(True)
            button.setObjectName("toggle")
            self.who_group.addButton(button)
        self.pupil_button.setChecked(True)
        toggle_row = QHBoxLayout()
        toggle_row.addWidget(self.pupil_button)
        toggle_row.addWidget(self.staff_button)
        layout.addLayout(toggle_row)

        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Username"))
        self.username.setMaxLength(64)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = QLabel()
        self.username_label = QLabel(self.tr("&Username"))
        self.username_label.setBuddy(self.username)
        self.secret_label.setBuddy(self.secret)
        form.addRow(self.username_label, self.username)
        form.addRow(self.secret_label, self.secret)
        layout.addLayout(form)
        self.simple_mode = QCheckBox(self.tr("&Simple mode: big buttons and easy words"))
        self.simple_mode.setAccessibleName(self.tr("Simple mode"))
        layout.addWidget(self.simple_mode)
        self.keypad = self._pin_keypad()
        layout.addWidget(self.keypad)
        self.simple_mode.toggled.connect(self._update_keypad)

        self.message = _message_label(self.tr("Sign-in problem"))
        layout.addWidget(self.message)
        self.sign_in_button = QPushButton(self.tr("Sign &in"))
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        layout.addWidget(self.sign_in_button)

        if context.is_demo:
            layout.addWidget(self._demo_accounts_box())

        page = QVBoxLayout(self)
        page.addWidget(centred(card))

        self.who_group.buttonToggled.connect(self._update_mode)
        self.sign_in_button.clicked.connect(self.attempt_sign_in)
        self.username.returnPressed.connect(self.secret.setFocus)
        self.secret.returnPressed.connect(self.attempt_sign_in)
        self._update_mode()

    @property
    def pupil_mode(self) -> bool:
        return self.pupil_button.isChecked()

    def _pin_keypad(self) -> QWidget:
        """Big number buttons for the PIN, so a pupil who finds typing hard can still sign in."""
        pad = QWidget()
        pad.setAccessibleName(self.tr("PIN keypad"))
        grid = QGridLayout(pad)
        keys = [*"123456789", "delete", "0"]
        for index, key in enumerate(keys):
            label = self.tr("Delete") if key == "delete" else key
            button = QPushButton(label)
            button.setMinimumSize(64, 56)
            button.setObjectName("pinKey")
            button.setAccessibleName(self.tr("Delete the last number") if key == "delete"
                                     else self.tr("Number {n}").format(n=key))
            button.clicked.connect(lambda _=False, k=key: self.press_pin_key(k))
            grid.addWidget(button, index // 3, index % 3)
        pad.setVisible(False)
        return pad

    def press_pin_key(self, key: str) -> None:
        if key == "delete":
            self.secret.backspace()
        else:
            self.secret.insert(key)

    def _update_keypad(self, *_: object) -> None:
        self.keypad.setVisible(self.pupil_mode and self.simple_mode.isChecked())

    def _update_mode(self, *_: object) -> None:
        self.simple_mode.setVisible(self.pupil_mode)
        self._update_keypad()
        if self.pupil_mode:
            self.secret_label.setText(self.tr("&PIN"))
            self.secret.setAccessibleName(self.tr("PIN"))
            self.secret.setMaxLength(8)
            self.secret.setValidator(QRegularExpressionValidator(r"\d{0,8}", self.secret))
        else:
            self.secret_label.setText(self.tr("&Password"))
            self.secret.setAccessibleName(self.tr("Password"))
            self.secret.setMaxLength(256)
            self.secret.setValidator(None)  # type: ignore[arg-type]  # Qt takes nullptr
        self.secret.clear()
        self.message.hide()

    def _demo_accounts_box(self) -> QLabel:
        from careersdesk.demo import DEMO_PIN, DEMO_STAFF

        staff = "".join(f"<tr><td>{name} ({role.label})</td><td><b>{user}</b></td>"
                        f"<td><b>{password}</b></td></tr>"
                        for user, password, name, role in DEMO_STAFF)
        pupils = ", ".join(f"<b>{user}</b> (Year {year})"
                           for user, _, year in self.context.services.school.sample_usernames())
        box = QLabel(self.tr(
            "<p><b>This is the demo school.</b> Every person in it is made up.</p>"
            "<table cellspacing='4'><tr><th align='left'>Staff</th><th align='left'>Username</th>"
            "<th align='left'>Password</th></tr>{staff}</table>"
            "<p>Pupils, for example: {pupils}. Every demo pupil's PIN is <b>{pin}</b>.</p>"
        ).format(staff=staff, pupils=pupils, pin=DEMO_PIN))
        box.setObjectName("demoBox")
        box.setWordWrap(True)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAccessibleName(self.tr("Demo accounts"))
        return box

    def reset(self) -> None:
        """Back to an empty form; a pupil's username is never left for the next person."""
        self.username.clear()
        self.secret.clear()
        self.message.hide()
        self.pupil_button.setChecked(True)
        self.simple_mode.setChecked(False)
        self.username.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def attempt_sign_in(self) -> Session | None:
        username, secret = self.username.text().strip(), self.secret.text()
        if not username or not secret:
            self.show_message(self.tr("Type your username and your {secret}.").format(
                secret=self.tr("PIN") if self.pupil_mode else self.tr("password")))
            return None
        auth = self.context.services.auth
        try:
            if self.pupil_mode:
                session = auth.sign_in_pupil(username, secret)
            else:
                session = auth.sign_in_staff(username, secret)
        except CareersDeskError as exc:
            self.secret.clear()
            self.show_message(str(exc))
            return None
        self.secret.clear()
        self.message.hide()
        if session.is_pupil and self.simple_mode.isChecked():
            # Ticked at sign-in, simple mode is kept with the pupil's record for next time.
            pupils = self.context.services.pupils
            prefs = pupils.get(session, session.user_id).accessibility
            if not prefs.simplified_mode:
                pupils.set_accessibility(session, session.user_id,
                                         replace(prefs, simplified_mode=True))
        self.signed_in.emit(session)
        return session


class SetupPage(QWidget):
    """Shown once, when a new school database has no staff: creates the first administrator."""

    school_created = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        card = Card()
        layout = QVBoxLayout(card)
        layout.addWidget(_heading(self.tr("Set up CareersDesk for your school")))
        intro = QLabel(self.tr(
            "This school database is new. Give the school's name and create the first "
            "administrator account; the administrator then adds the other staff."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.school_name = QLineEdit()
        self.admin_name = QLineEdit()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.confirm = QLineEdit()
        for field_, label in ((self.school_name, self.tr("School name")),
                              (self.admin_name, self.tr("Your name")),
                              (self.username, self.tr("Username")),
                              (self.password, self.tr("Password")),
                              (self.confirm, self.tr("Password again"))):
            field_.setAccessibleName(label)
            form.addRow(label, field_)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addLayout(form)
        self.message = _message_label(self.tr("Set-up problem"))
        layout.addWidget(self.message)
        self.create_button = QPushButton(self.tr("&Create school"))
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        layout.addWidget(self.create_button)
        page = QVBoxLayout(self)
        page.addWidget(centred(card))
        self.create_button.clicked.connect(self.create_school)

    def create_school(self) -> bool:
        if not self.school_name.text().strip():
            self._say(self.tr("Please give the school's name."))
            return False
        if self.password.text() != self.confirm.text():
            self._say(self.tr("The two passwords are different."))
            return False
        services = self.context.services
        try:
            first = services.staff.create_first_admin(self.username.text(),
                                                      self.admin_name.text(), self.password.text())
            services.school.write_settings_unchecked({"school_name": self.school_name.text().strip()})
        except CareersDeskError as exc:
            self._say(str(exc))
            return False
        self.password.clear()
        self.confirm.clear()
        self.show_recovery_key(first.recovery_key)
        return True

    def show_recovery_key(self, key: str) -> None:
        """Shown once: without it, a school whose administrators all forget their passwords
        could never read its confidential notes again."""
        self.recovery_key = key
        self.message.setObjectName("demoBox")
        self.message.setText(self.tr(
            "<p><b>Print or write down this recovery key and keep it somewhere safe.</b> "
            "CareersDesk does not keep a copy. It is needed to reset a password when no "
            "administrator can sign in.</p><p style='font-size:14pt'><b>{key}</b></p>"
        ).format(key=key))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("")
        self.message.show()
        self.create_button.setText(self.tr("I have kept the recovery key: &continue"))
        self.create_button.clicked.disconnect()
        self.create_button.clicked.connect(self.school_created)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class LockPage(QWidget):
    """A staff session locked after idling: the same person unlocks it, or signs out."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        card = Card()
        layout = QVBoxLayout(card)
        self.title = _heading("")
        layout.addWidget(self.title)
        explain = QLabel(self.tr("CareersDesk locked itself because nobody used it for a while. "
                                 "Type your password to carry on."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        layout.addWidget(self.password)
        self.message = _message_label(self.tr("Unlock problem"))
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("primary")
        self.sign_out_button = QPushButton(self.tr("Sign &out instead"))
        row.addWidget(self.unlock_button)
        row.addWidget(self.sign_out_button)
        layout.addLayout(row)
        page = QVBoxLayout(self)
        page.addWidget(centred(card))
        self.unlock_button.clicked.connect(self.attempt_unlock)
        self.password.returnPressed.connect(self.attempt_unlock)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

    def prepare(self, session: Session) -> None:
        self.title.setText(self.tr("Locked: {name}").format(name=session.display_name))
        self.password.clear()
        self.message.hide()
        self.password.setFocus()

    def attempt_unlock(self) -> bool:
        session = self.context.session
        if session is None:
            self.sign_out_requested.emit()
            return False
        try:
            ok = self.context.services.auth.verify_unlock(session, self.password.text())
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            self.message.show()
            self.password.clear()
            return False
        self.password.clear()
        if not ok:
            self.message.setText(self.tr("That password is not right."))
            self.message.show()
            return False
        self.unlocked.emit()
        return True
