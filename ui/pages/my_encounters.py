"""Pupils: the encounters on their record, and what they learned from each one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careersdesk.encounters import ENCOUNTER_KINDS, EncounterDetails, Organisation
from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, Session
from careersdesk.services.encounters import MAX_REFLECTION_CHARS, MAX_TITLE_CHARS
from ui.context import AppContext
from ui.text_limits import limit_line, limit_text


class MyEncountersPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("My encounters"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        intro = QLabel(self.tr("Talks, visits and work experience you have had. Choose one to "
                               "write what you learned: only you can write this, and your "
                               "careers adviser can read it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.encounter_list = QListWidget()
        self.encounter_list.setAccessibleName(self.tr("My encounters"))
        layout.addWidget(self.encounter_list, 2)
        self.reflection = QPlainTextEdit()
        self.reflection.setTabChangesFocus(True)  # Tab moves on, so keyboard users never get stuck
        self.reflection.setAccessibleName(self.tr("What I learned"))
        self.reflection.setPlaceholderText(self.tr("What did you learn? What surprised you? "
                                                   "Would you like to find out more?"))
        layout.addWidget(self.reflection, 1)
        self.save_button = QPushButton(self.tr("&Save what I learned"))
        self.save_button.setObjectName("primary")
        self.save_button.setEnabled(False)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)

        add = QGroupBox(self.tr("Add something you did"))
        form = QFormLayout(add)
        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("What it was"))
        self.title.setPlaceholderText(self.tr("e.g. A week at Riverside Garage"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind"))
        for kind in ENCOUNTER_KINDS:
            self.kind.addItem(self.tr(kind.label), kind.key)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setAccessibleName(self.tr("Date"))
        self.add_button = QPushButton(self.tr("&Add"))
        form.addRow(self.tr("What it was"), self.title)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Date"), self.date)
        form.addRow("", self.add_button)
        layout.addWidget(add)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        limit_text(self.reflection, MAX_REFLECTION_CHARS, self.message)
        limit_line(self.title, MAX_TITLE_CHARS, self.message)
        limit_line(self.organisation, MAX_TITLE_CHARS, self.message)

        self.encounter_list.currentItemChanged.connect(self._chosen)
        self.save_button.clicked.connect(self.save_reflection)
        self.add_button.clicked.connect(self.add_encounter)
        self.refresh()

    def refresh(self) -> None:
        self.encounter_list.clear()
        for encounter in reversed(self.context.services.encounters.for_pupil(
                self.session, self.session.user_id)):
            done = " ✓" if encounter.reflection else ""
            item = QListWidgetItem(f"{encounter.details.date:%d/%m/%Y}  {encounter.details.title}"
                                   f"{done}")
            item.setData(Qt.ItemDataRole.UserRole, encounter.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, encounter.reflection or "")
            self.encounter_list.addItem(item)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        self.save_button.setEnabled(item is not None)
        self.reflection.setPlainText(item.data(Qt.ItemDataRole.UserRole + 1) if item else "")

    def save_reflection(self) -> bool:
        item = self.encounter_list.currentItem()
        if item is None:
            return False
        try:
            self.context.services.encounters.set_reflection(
                self.session, item.data(Qt.ItemDataRole.UserRole), self.reflection.toPlainText())
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Saved. Well done for thinking about it."))
        row = self.encounter_list.currentRow()
        self.refresh()
        self.encounter_list.setCurrentRow(row)
        self.context.hub.announce(Changes.of("encounters"))
        return True

    def add_encounter(self) -> bool:
        qdate = self.date.date()
        name = self.organisation.text().strip()
        details = EncounterDetails(
            title=self.title.text(), kind=self.kind.currentData(),
            date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            organisations=(Organisation(name),) if name else ())
        try:
            _, warnings = self.context.services.encounters.record_for_pupil(
                self.session, self.session.user_id, details)
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(" ".join([self.tr("Added. Now write what you learned."), *warnings]))
        self.title.clear()
        self.organisation.clear()
        self.refresh()
        self.encounter_list.setCurrentRow(0)
        self.context.hub.announce(Changes.of("encounters"))
        return True
