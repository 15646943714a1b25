"""Staff: the list of pupils, with disadvantaged pupils first."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, Pupil, PupilFilter, Role, SendStatus, Session
from careersdesk.roster import RosterFileError
from careersdesk.services.pupils import MAX_SUPPORT_NOTES_CHARS
from careersdesk.services.roster import RosterPreview
from ui.context import AppContext, plural
from ui.table_model import RowsModel
from ui.text_limits import limit_text


class PupilTableModel(RowsModel[Pupil]):
    HEADERS = ("Name", "Year", "Form", "Pupil premium", "SEND", "Looked after", "EAL", "UPN")

    @property
    def pupils(self) -> list[Pupil]:
        return self.rows

    def set_pupils(self, pupils: list[Pupil]) -> None:
        self.set_rows(pupils)

    def text(self, pupil: Pupil, column: int) -> str:
        yes = self.tr("Yes")
        return (
            f"{pupil.legal_last_name}, {pupil.first_name}",
            str(pupil.year_group),
            pupil.form or "",
            yes if pupil.pupil_premium else "",
            "" if pupil.send_status is SendStatus.NONE else pupil.send_status.value,
            yes if pupil.looked_after else "",
            yes if pupil.eal else "",
            pupil.upn or "",
        )[column]


class PupilsPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Pupils"))
        heading.setObjectName("heading")
        layout.addWidget(heading)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or username"))
        self.search.setAccessibleName(self.tr("Search pupils"))
        self.search.setClearButtonEnabled(True)
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Year group"))
        self.year.addItem(self.tr("All years"), None)
        for year in range(7, 14):
            self.year.addItem(self.tr("Year {n}").format(n=year), year)
        self.priority_only = QCheckBox(self.tr("&Priority groups only"))
        self.priority_only.setToolTip(self.tr("Pupil premium, SEND support or EHC plan, looked after"))
        filters.addWidget(self.search, 3)
        filters.addWidget(self.year, 1)
        filters.addWidget(self.priority_only)
        self.import_button = QPushButton(self.tr("&Import roster…"))
        self.import_button.setToolTip(self.tr("Bring the pupil list in line with a CSV export "
                                              "from SIMS, Arbor, Bromcom or another MIS"))
        self.import_button.setVisible(session.role in (Role.ADMIN, Role.CAREERS_LEADER))
        filters.addWidget(self.import_button)
        layout.addLayout(filters)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of pupils shown"))
        layout.addWidget(self.count_label)
        self.model = PupilTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Pupil list"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        simple_row = QHBoxLayout()
        self.simple_label = QLabel()
        self.simple_label.setAccessibleName(self.tr("Simple mode for the chosen pupil"))
        self.simple_button = QPushButton()
        self.simple_button.setEnabled(False)
        simple_row.addWidget(self.simple_label, 1)
        simple_row.addWidget(self.simple_button)
        layout.addLayout(simple_row)
        # SEND status and support notes: confidential, for the SEND team and advisers only.
        self.support_box = QGroupBox(self.tr("SEND support notes (staff only, confidential)"))
        support_layout = QVBoxLayout(self.support_box)
        self.send_status_label = QLabel()
        self.support_notes = QPlainTextEdit()
        self.support_notes.setTabChangesFocus(True)
        self.support_notes.setAccessibleName(self.tr("SEND support notes"))
        self.support_notes.setMaximumHeight(110)
        self.support_message = QLabel()
        self.support_save = QPushButton(self.tr("Save &support notes"))
        support_layout.addWidget(self.send_status_label)
        support_layout.addWidget(self.support_notes)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.support_message, 1)
        buttons_row.addWidget(self.support_save)
        support_layout.addLayout(buttons_row)
        self.support_box.setVisible(session.role in (Role.SEND, Role.ADVISER))
        layout.addWidget(self.support_box)
        limit_text(self.support_notes, MAX_SUPPORT_NOTES_CHARS, self.support_message)
        self.support_save.clicked.connect(self.save_support_notes)
        self.table.selectionModel().selectionChanged.connect(self._show_simple_mode)
        self.simple_button.clicked.connect(self.toggle_simple_mode)
        self._show_simple_mode()

        # Typing waits a moment before searching so each key press does not run a query.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.year.currentIndexChanged.connect(self.refresh)
        self.priority_only.toggled.connect(self.refresh)
        self.import_button.clicked.connect(self.import_roster)
        context.hub.changed.connect(self._on_changed)
        self.refresh()

    def current_filter(self) -> PupilFilter:
        year = self.year.currentData()
        return PupilFilter(year_groups=(year,) if year else (),
                           name_contains=self.search.text() or None,
                           priority_only=self.priority_only.isChecked())

    def refresh(self) -> None:
        pupils = self.context.services.pupils.list_pupils(self.session, self.current_filter())
        self.model.set_pupils(pupils)
        self.count_label.setText(plural(len(pupils), "pupil"))

    # -- roster import: choose a file, see what would change, then import all or nothing --

    def ask_open_path(self) -> Path | None:
        """Asks for the roster file; tests replace this instead of driving a native dialog."""
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the roster exported from your MIS"),
                                              "", self.tr("CSV files (*.csv *.txt);;All files (*)"))
        return Path(name) if name else None

    def confirm_import(self, preview: RosterPreview) -> bool:
        """Shows the preview; returns True to import.  Tests replace this too."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Import roster"))
        box.setText(self.tr("This import would make these changes: {summary}.").format(
            summary=preview.summary()))
        details = [f"Added: {row.pupil.legal_first_name} {row.pupil.legal_last_name}"
                   for row in preview.to_add[:200]]
        details += [f"Updated: {u.name} ({', '.join(u.changes)})" for u in preview.to_update[:200]]
        details += [f"Archived: {name}" for _, name in preview.to_archive[:200]]
        box.setDetailedText("\n".join(details))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Import"))
        return box.exec() == QMessageBox.StandardButton.Ok

    def show_problems(self, title: str, problems: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title,
                          self.tr("The roster was not imported and nothing changed. "
                                  "{n} problem(s) to fix in the file:").format(n=len(problems)),
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText("\n".join(problems))
        box.setInformativeText("\n".join(problems[:8]))
        box.exec()

    def import_roster(self) -> RosterPreview | None:
        path = self.ask_open_path()
        if path is None:
            return None
        roster = self.context.services.roster
        try:
            parsed = roster.read(self.session, path)
        except RosterFileError as exc:
            self.show_problems(self.tr("Roster not imported"), [str(exc)])
            return None
        preview = roster.preview(self.session, parsed)
        if preview.problems:
            self.show_problems(self.tr("Roster not imported"), [str(p) for p in preview.problems])
            return preview
        if not self.confirm_import(preview):
            return preview
        try:
            changes = roster.commit(self.session, preview)
        except CareersDeskError as exc:
            self.show_problems(self.tr("Roster not imported"), [str(exc)])
            return preview
        self.context.hub.announce(changes)
        self.count_label.setText(self.count_label.text() + " · " + self.tr(
            "Imported: {summary}").format(summary=preview.summary()))
        return preview

    # -- simplified mode: SEND staff and advisers switch it on for a pupil ----------------------

    def selected_pupil(self) -> Pupil | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.pupils[rows[0].row()] if rows else None

    def _show_support_notes(self, pupil: Pupil | None) -> None:
        if not self.support_box.isVisibleTo(self) and self.session.role not in (Role.SEND,
                                                                               Role.ADVISER):
            return
        self.support_save.setEnabled(pupil is not None)
        self.support_notes.setEnabled(pupil is not None)
        if pupil is None:
            self.send_status_label.setText(self.tr("Choose a pupil to see their SEND support."))
            self.support_notes.clear()
            return
        notes = self.context.services.pupils.support_notes(self.session, pupil.id)
        self.send_status_label.setText(self.tr("{name}: SEND status {status}").format(
            name=pupil.display_name, status=pupil.send_status.label))
        self.support_notes.setPlainText(notes.text)
        self.support_message.setText(
            self.tr("Last changed {when} by {who}.").format(
                when=f"{notes.updated_at.astimezone():%d/%m/%Y %H:%M}", who=notes.updated_by)
            if notes.updated_at else "")

    def save_support_notes(self) -> bool:
        pupil = self.selected_pupil()
        if pupil is None:
            return False
        try:
            self.context.services.pupils.set_support_notes(
                self.session, pupil.id, self.support_notes.toPlainText())
        except CareersDeskError as exc:
            self.support_message.setText(str(exc))
            return False
        self.support_message.setText(self.tr("Saved."))
        return True

    def _show_simple_mode(self, *_: object) -> None:
        pupil = self.selected_pupil()
        self._show_support_notes(pupil)
        if pupil is None:
            self.simple_label.setText(self.tr("Choose a pupil to switch simple mode (big buttons, "
                                              "easy words, symbols) on or off for them."))
            self.simple_button.setText(self.tr("Simple &mode"))
            self.simple_button.setEnabled(False)
            return
        on = pupil.accessibility.simplified_mode
        said = (self.tr("Simple mode is on for {name}.") if on
                else self.tr("Simple mode is off for {name}."))
        self.simple_label.setText(said.format(name=pupil.display_name))
        self.simple_button.setText(self.tr("Switch simple &mode off") if on
                                   else self.tr("Switch simple &mode on"))
        self.simple_button.setEnabled(True)

    def toggle_simple_mode(self) -> bool:
        pupil = self.selected_pupil()
        if pupil is None:
            return False
        prefs = replace(pupil.accessibility, simplified_mode=not pupil.accessibility.simplified_mode)
        try:
            changes = self.context.services.pupils.set_accessibility(self.session, pupil.id, prefs)
        except CareersDeskError as exc:
            self.simple_label.setText(str(exc))
            return False
        row = self.table.selectionModel().selectedRows()[0].row()
        self.context.hub.announce(changes)
        self.table.selectRow(row)
        self._show_simple_mode()
        return True

    def _on_changed(self, changes: Changes) -> None:
        if "pupils" in changes.kinds:
            self.refresh()
