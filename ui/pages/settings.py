"""Staff: school settings, where the database is, and (for administrators) staff accounts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from careersdesk.errors import CareersDeskError
from careersdesk.models import STAFF_ROLES, Changes, Role, Session
from ui.context import AppContext


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        services = context.services
        can_edit = session.role in (Role.ADMIN, Role.CAREERS_LEADER)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("heading")
        layout.addWidget(heading)

        school_box = QGroupBox(self.tr("School"))
        form = QFormLayout(school_box)
        settings = services.school.settings(session)
        self.school_name = QLineEdit(settings.school_name)
        self.school_name.setAccessibleName(self.tr("School name"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(self.tr(" minutes"))
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.idle_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        form.addRow(self.tr("School name"), self.school_name)
        form.addRow(self.tr("Lock after"), self.idle_minutes)
        if context.config.source is not None:
            form.addRow("", QLabel(self.tr("This machine's settings file sets the idle lock to "
                                           "{n} minutes.").format(n=context.config.idle_lock_minutes)))
        self.save_button = QPushButton(self.tr("&Save school settings"))
        form.addRow("", self.save_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Settings message"))
        form.addRow("", self.message)
        for widget in (self.school_name, self.idle_minutes, self.save_button):
            widget.setEnabled(can_edit)
        self.save_button.clicked.connect(self.save_school)
        layout.addWidget(school_box)

        database = services.database
        db_box = QGroupBox(self.tr("School database"))
        db_form = QFormLayout(db_box)
        path_label = QLabel(str(database.path))
        path_label.setWordWrap(True)
        db_form.addRow(self.tr("File"), path_label)
        mode = (self.tr("Shared network folder (rollback journal)") if database.on_network
                else self.tr("This computer (write-ahead log)"))
        db_form.addRow(self.tr("Kept on"), QLabel(mode))
        from careersdesk.backups import STALE_AFTER, default_backup_folder, latest_backup

        folder = context.config.backup_folder or default_backup_folder(database.path)
        last = latest_backup(folder, database.path) if folder.exists() else None
        if last is None:
            text = self.tr("No backup yet in {folder}").format(folder=folder)
        else:
            text = self.tr("{day} in {folder}").format(day=f"{last:%d %B %Y}", folder=folder)
        self.backup_label = QLabel(text)
        self.backup_label.setWordWrap(True)
        self.backup_label.setAccessibleName(self.tr("Last backup"))
        stale = last is None or dt.date.today() - last > STALE_AFTER
        if stale and session.role is Role.ADMIN and not context.is_demo:
            self.backup_label.setObjectName("errorMessage")
            self.backup_label.setText(text + self.tr(" — more than a week ago: check the backup "
                                                     "folder and run careersdesk-admin backup."))
        db_form.addRow(self.tr("Last backup"), self.backup_label)
        layout.addWidget(db_box)

        if session.role is Role.ADMIN:
            layout.addWidget(self._staff_box())
        layout.addStretch(1)

    def save_school(self) -> bool:
        try:
            changes = self.context.services.school.update_settings(
                self.session, school_name=self.school_name.text(),
                idle_lock_minutes=self.idle_minutes.value())
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Saved."))
        self.context.hub.announce(changes)
        return True

    def _staff_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Staff accounts"))
        layout = QVBoxLayout(box)
        self.staff_list = QListWidget()
        self.staff_list.setAccessibleName(self.tr("Staff accounts"))
        layout.addWidget(self.staff_list)
        row = QHBoxLayout()
        self.new_username = QLineEdit()
        self.new_username.setPlaceholderText(self.tr("Username"))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Full name"))
        self.new_role = QComboBox()
        for role in STAFF_ROLES:
            self.new_role.addItem(self.tr(role.label), role.value)
        self.new_password = QLineEdit()
        self.new_password.setPlaceholderText(self.tr("First password"))
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        for widget, name in ((self.new_username, "New staff username"),
                             (self.new_name, "New staff full name"),
                             (self.new_role, "New staff role"),
                             (self.new_password, "New staff first password")):
            widget.setAccessibleName(self.tr(name))
            row.addWidget(widget)
        self.add_staff_button = QPushButton(self.tr("&Add staff member"))
        row.addWidget(self.add_staff_button)
        layout.addLayout(row)
        self.staff_message = QLabel()
        self.staff_message.setWordWrap(True)
        layout.addWidget(self.staff_message)
        self.add_staff_button.clicked.connect(self.add_staff)
        self.context.hub.changed.connect(self._on_changed)
        self._fill_staff()
        return box

    def _fill_staff(self) -> None:
        self.staff_list.clear()
        for account in self.context.services.staff.list_staff(self.session):
            state = "" if account.active else self.tr(" (switched off)")
            self.staff_list.addItem(f"{account.display_name} — {account.username}, "
                                    f"{self.tr(account.role.label)}{state}")

    def add_staff(self) -> bool:
        try:
            self.context.services.staff.create_staff(
                self.session, self.new_username.text(), self.new_name.text(),
                Role(self.new_role.currentData()), self.new_password.text())
        except CareersDeskError as exc:
            self.staff_message.setText(str(exc))
            return False
        self.staff_message.setText(self.tr("Added {name}.").format(name=self.new_name.text()))
        for widget in (self.new_username, self.new_name, self.new_password):
            widget.clear()
        self.context.hub.announce(Changes.of("staff"))
        return True

    def _on_changed(self, changes: Changes) -> None:
        if "staff" in changes.kinds:
            self._fill_staff()
