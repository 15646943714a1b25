"""Advisers: the caseload, a pupil's record, guidance interviews and the action plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, PupilFilter, Session
from careersdesk.services.guidance import (
    ACTION_OWNERS,
    CaseloadRow,
    CaseloadView,
    Interview,
    InterviewFields,
    NewAction,
)
from ui.context import AppContext, plural
from ui.table_model import RowsModel

AUTOSAVE_MS = 1200


def _date(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


class CaseloadModel(RowsModel[CaseloadRow]):
    # Two-line headings keep the number and date columns narrow, leaving room for names.
    HEADERS = ("Name", "Year", "Form", "Priority", "Last\ninterview", "Open\nactions",
               "Overdue", "Encounters\nthis year", "Next\nreview")

    def sort_key(self, row: CaseloadRow, column: int) -> Any:
        # Dates and numbers sort as dates and numbers, not as text.
        pupil = row.pupil
        return (pupil.legal_last_name.casefold(), pupil.year_group, pupil.form or "",
                int(pupil.is_disadvantaged), row.last_interview or dt.date.min,
                row.open_actions, row.overdue_actions, row.encounters_this_year,
                row.next_review or dt.date.max)[column]

    def text(self, row: CaseloadRow, column: int) -> str:
        pupil = row.pupil
        flags = ", ".join(f for f in (pupil.priority_flags, "EAL" if pupil.eal else "") if f)
        return (f"{pupil.legal_last_name}, {pupil.first_name}", str(pupil.year_group),
                pupil.form or "", flags, _date(row.last_interview) or self.tr("None yet"),
                str(row.open_actions), str(row.overdue_actions) if row.overdue_actions else "",
                str(row.encounters_this_year), _date(row.next_review))[column]


class GuidancePage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Guidance: caseload and interviews"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        filters = QHBoxLayout()
        self.view = QComboBox()
        self.view.setAccessibleName(self.tr("Ready-made view"))
        for view in CaseloadView:
            self.view.addItem(self.tr(view.label), view.value)
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Year group"))
        self.year.addItem(self.tr("All years"), None)
        for year in range(7, 15):
            self.year.addItem(self.tr("Year {n}").format(n=year), year)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name"))
        self.search.setAccessibleName(self.tr("Search caseload"))
        filters.addWidget(self.view, 2)
        filters.addWidget(self.year, 1)
        filters.addWidget(self.search, 2)
        layout.addLayout(filters)
        self.count = QLabel()
        layout.addWidget(self.count)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = CaseloadModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # Until someone clicks a heading, keep the service's order: priority groups first.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.setAccessibleName(self.tr("Caseload"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Every other column as wide as its heading or its widest likely value, so the names
        # get the rest. Measured from text, not from the rows: sizing to contents would read
        # every row of a 30,000-pupil trust.
        metrics = self.table.fontMetrics()
        widest = ("", "14", "13AB", "SEN E, EAL", "30/10/2026", "99", "99", "99", "30/10/2026")
        for column in range(1, len(CaseloadModel.HEADERS)):
            lines = [*CaseloadModel.HEADERS[column].split("\n"), widest[column]]
            header.resizeSection(column, max(map(metrics.horizontalAdvance, lines)) + 24)
        splitter.addWidget(self.table)

        record = QWidget()
        record_layout = QVBoxLayout(record)
        self.record_title = QLabel(self.tr("Choose a pupil to see their record."))
        self.record_title.setObjectName("subheading")
        self.record_text = QLabel()
        self.record_text.setWordWrap(True)
        self.record_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("&Start interview"))
        self.start_button.setObjectName("primary")
        self.open_button = QPushButton(self.tr("&Open latest interview"))
        self.plan_button = QPushButton(self.tr("Save action &plan as PDF…"))
        for button in (self.start_button, self.open_button, self.plan_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        record_layout.addWidget(self.record_title)
        record_layout.addWidget(self.record_text, 1)
        record_layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Guidance message"))
        record_layout.addWidget(self.message)
        splitter.addWidget(record)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.view.currentIndexChanged.connect(self.refresh)
        self.year.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self.show_selected)
        self.start_button.clicked.connect(self.start_interview)
        self.open_button.clicked.connect(self.open_latest)
        self.plan_button.clicked.connect(self.save_plan)
        can_run = session.role.value in ("adviser", "careers_leader")
        self.start_button.setVisible(can_run)
        # A bound method, so Qt drops the connection when this page is destroyed.
        context.hub.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if {"guidance", "actions", "pupils"} & changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        year = self.year.currentData()
        pupil_filter = PupilFilter(year_groups=(year,) if year else (),
                                   name_contains=self.search.text() or None)
        rows = self.context.services.guidance.caseload(
            self.session, pupil_filter, CaseloadView(self.view.currentData()))
        self.model.set_rows(rows)
        self.count.setText(plural(len(rows), "pupil"))

    def selected_row(self) -> CaseloadRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.rows[self.proxy.mapToSource(indexes[0]).row()]

    def select_pupil(self, pupil_id: int) -> bool:
        for number, row in enumerate(self.model.rows):
            if row.pupil_id == pupil_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(number, 0)).row())
                return True
        return False

    def show_selected(self) -> None:
        row = self.selected_row()
        for button in (self.start_button, self.open_button, self.plan_button):
            button.setEnabled(row is not None)
        if row is None:
            return
        pupil = row.pupil
        services = self.context.services
        self.record_title.setText(f"{pupil.display_name} · Year {pupil.year_group} "
                                  f"{pupil.form or ''}")
        encounters = services.encounters.for_pupil(self.session, pupil.id)
        actions = services.guidance.actions_for(self.session, pupil.id)
        today = services.clock().date()
        lines = [self.tr("Interviews: {n}; last {d}").format(
                    n=row.interviews, d=_date(row.last_interview) or self.tr("none yet")),
                 self.tr("Actions: {open} open, {overdue} overdue").format(
                    open=row.open_actions, overdue=row.overdue_actions)]
        for action in actions[:8]:
            state = " (overdue)" if action.overdue(today) else ""
            owner = "pupil's own goal" if action.pupils_own_goal else ACTION_OWNERS[action.owner]
            lines.append(f"• {action.text} — {owner}, "
                         f"{_date(action.due_on) or 'no date'}: {action.status.label}{state}")
        # Every attempt, oldest first, so the adviser sees how interests changed over the years.
        history = services.careers.interest_history(self.session, pupil.id)
        if history:
            lines.append(self.tr("Interests quiz: {attempts}").format(attempts="; ".join(
                f"{result.taken_at:%d/%m/%Y} strongest {result.top_letters}"
                for result in history[-6:])))
        shortlist = services.careers.shortlist(self.session, pupil.id)
        if shortlist:
            lines.append(self.tr("Shortlist: {jobs}").format(
                jobs=", ".join(f"{s.job_slug.replace('-', ' ')}"
                               + (f" ({s.note})" if s.note else "") for s in shortlist)))
        lines.append(self.tr("Encounters: {n} in all; the latest: {latest}").format(
            n=len(encounters),
            latest="; ".join(e.details.title for e in encounters[-3:]) or self.tr("none")))
        self.record_text.setText("\n".join(lines))
        self.open_button.setEnabled(row.interviews > 0)
        self.plan_button.setEnabled(row.interviews > 0)

    def start_interview(self) -> InterviewDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        try:
            interview = self.context.services.guidance.start_interview(self.session, row.pupil.id)
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            return None
        self.context.hub.announce(Changes.of("guidance"))
        return self._open_dialog(interview)

    def open_latest(self) -> InterviewDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        interview = self.context.services.guidance.latest_interview(self.session, row.pupil.id)
        return self._open_dialog(interview) if interview else None

    def _open_dialog(self, interview: Interview) -> InterviewDialog:
        dialog = InterviewDialog(self.context, self.session, interview, self)
        dialog.finished.connect(lambda _: self.context.hub.announce(Changes.of("guidance")))
        dialog.open()
        return dialog

    def ask_save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the action plan"), suggested,
                                              "PDF (*.pdf)")
        return Path(name) if name else None

    def save_plan(self) -> Path | None:
        row = self.selected_row()
        if row is None:
            return None
        path = self.ask_save_path(f"action-plan-{row.pupil.username}.pdf")
        if path is None:
            return None
        from careersdesk.pdf.action_plan import write_action_plan
        from careersdesk.plans import gather_action_plan

        try:
            plan = gather_action_plan(self.context.services, self.session, row.pupil.id)
            write_action_plan(plan, path)
        except (CareersDeskError, OSError) as exc:
            self.message.setText(self.tr("The plan was not saved: {why}").format(
                why=getattr(exc, "strerror", None) or exc))
            return None
        self.message.setText(self.tr("Saved the action plan to {path}. Open it to print.")
                             .format(path=path))
        return path


class InterviewDialog(QDialog):
    """The interview screen: structured fields and actions beside a confidential notes pane.
    Everything autosaves a moment after typing stops."""

    def __init__(self, context: AppContext, session: Session, interview: Interview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        self.interview = interview
        pupil = context.services.pupils.get(session, interview.pupil_id)
        self.setWindowTitle(self.tr("Guidance interview: {name}, {day}").format(
            name=pupil.display_name, day=f"{interview.held_on:%d %B %Y}"))
        self.resize(1100, 760)
        values = interview.fields
        outer = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Save status"))
        outer.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in (("current_situation", "Current situation"),
                            ("subjects", "Subjects studied"), ("grades", "Predicted or achieved grades"),
                            ("barriers", "Circumstances and barriers"),
                            ("goals_short", "Goals: short term"), ("goals_long", "Goals: long term"),
                            ("backup_plan", "Back-up plan"), ("resources", "Resources and contacts"),
                            ("summary", "Summary the pupil may see")):
            editor = QPlainTextEdit(getattr(values, name))
            editor.setAccessibleName(self.tr(label))
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(64)
            self.texts[name] = editor
            form.addRow(self.tr(label), editor)
        self.careers = QLineEdit(", ".join(values.careers_considered))
        self.careers.setAccessibleName(self.tr("Careers being considered"))
        self.careers.setPlaceholderText(self.tr("e.g. Nurse, Midwife"))
        form.addRow(self.tr("Careers being considered"), self.careers)
        self.review = QDateEdit()
        self.review.setCalendarPopup(True)
        self.review.setDisplayFormat("dd/MM/yyyy")
        self.review.setAccessibleName(self.tr("Next review date"))
        review = values.next_review or (interview.held_on + dt.timedelta(days=90))
        self.review.setDate(QDate(review.year, review.month, review.day))
        form.addRow(self.tr("Next review"), self.review)
        splitter.addWidget(form_widget)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel(self.tr("Agreed actions")))
        self.action_list = QListWidget()
        self.action_list.setAccessibleName(self.tr("Agreed actions"))
        side_layout.addWidget(self.action_list)
        action_row = QHBoxLayout()
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(self.tr("What will happen"))
        self.action_text.setAccessibleName(self.tr("New action"))
        self.action_owner = QComboBox()
        self.action_owner.setAccessibleName(self.tr("Who"))
        for key, label in ACTION_OWNERS.items():
            self.action_owner.addItem(self.tr(label), key)
        self.action_due = QDateEdit(QDate.currentDate().addDays(28))
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("dd/MM/yyyy")
        self.action_due.setAccessibleName(self.tr("By when"))
        self.add_action_button = QPushButton(self.tr("Add action"))
        for widget in (self.action_text, self.action_owner, self.action_due, self.add_action_button):
            action_row.addWidget(widget)
        side_layout.addLayout(action_row)
        self.notes_label = QLabel(self.tr("Confidential notes (never shown to the pupil)"))
        side_layout.addWidget(self.notes_label)
        self.notes = QPlainTextEdit(values.confidential_notes)
        self.notes.setAccessibleName(self.tr("Confidential notes"))
        self.notes.setTabChangesFocus(True)
        side_layout.addWidget(self.notes, 2)
        self.addendum = QPlainTextEdit()
        self.addendum.setTabChangesFocus(True)
        self.addendum.setAccessibleName(self.tr("Addendum"))
        self.addendum.setPlaceholderText(self.tr("This interview is locked: add an addendum"))
        self.add_addendum_button = QPushButton(self.tr("Add addendum"))
        side_layout.addWidget(self.addendum)
        side_layout.addWidget(self.add_addendum_button)
        splitter.addWidget(side)
        outer.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.lock_button = buttons.addButton(self.tr("Finish and lock"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(self.tr("&Print plan…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = buttons.addButton(self.tr("Save plan as P&DF…"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.easy_button = buttons.addButton(self.tr("Save &easy-read plan…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.easy_button.clicked.connect(lambda: self.save_pdf(easy_read=True))
        buttons.rejected.connect(self.close_saving)
        self.lock_button.clicked.connect(self.finish)
        outer.addWidget(buttons)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        for editor in [*self.texts.values(), self.notes]:
            editor.textChanged.connect(self._autosave.start)
        self.careers.textChanged.connect(self._autosave.start)
        self.review.dateChanged.connect(self._autosave.start)
        self.add_action_button.clicked.connect(self.add_action)
        self.add_addendum_button.clicked.connect(self.add_addendum)
        self._fill_actions()
        self._apply_lock_state()

    def _apply_lock_state(self) -> None:
        locked = self.interview.locked
        for editor in [*self.texts.values(), self.notes]:
            editor.setReadOnly(locked)
        self.careers.setReadOnly(locked)
        self.review.setReadOnly(locked)
        self.addendum.setVisible(locked)
        self.add_addendum_button.setVisible(locked)
        self.lock_button.setEnabled(not locked)
        if self.interview.notes_hidden:
            self.notes.hide()
            self.notes_label.setText(self.tr("Confidential notes are not shown to your role."))
        self.status.setText(self.tr("Locked: add to it with an addendum.") if locked
                            else self.tr("Changes save automatically."))

    def current_fields(self) -> InterviewFields:
        qdate = self.review.date()
        careers = tuple(c.strip() for c in self.careers.text().split(",") if c.strip())
        return InterviewFields(
            **{name: editor.toPlainText() for name, editor in self.texts.items()},
            careers_considered=careers,
            next_review=dt.date(qdate.year(), qdate.month(), qdate.day()),
            confidential_notes=self.notes.toPlainText())

    def save(self) -> bool:
        if self.interview.locked:
            return False
        try:
            version = self.context.services.guidance.save(
                self.session, self.interview.id, self.current_fields(), self.interview.version)
        except CareersDeskError as exc:
            self.status.setText(str(exc))
            return False
        self.interview = replace(self.interview, version=version)
        self.status.setText(self.tr("Saved at {time}.").format(
            time=dt.datetime.now().strftime("%H:%M:%S")))
        return True

    def add_action(self) -> bool:
        qdate = self.action_due.date()
        try:
            self.context.services.guidance.add_action(
                self.session, self.interview.pupil_id,
                NewAction(self.action_text.text(), self.action_owner.currentData(),
                          dt.date(qdate.year(), qdate.month(), qdate.day())),
                self.interview.id)
        except CareersDeskError as exc:
            self.status.setText(str(exc))
            return False
        self.action_text.clear()
        self._fill_actions()
        return True

    def _fill_actions(self) -> None:
        self.action_list.clear()
        for action in self.context.services.guidance.actions_for(self.session,
                                                                  self.interview.pupil_id):
            self.action_list.addItem(f"{action.text} — {ACTION_OWNERS[action.owner]}, "
                                 f"{_date(action.due_on) or 'no date'} ({action.status.label})")

    def add_addendum(self) -> bool:
        try:
            self.context.services.guidance.add_addendum(self.session, self.interview.id,
                                                        self.addendum.toPlainText())
        except CareersDeskError as exc:
            self.status.setText(str(exc))
            return False
        self.addendum.clear()
        self.status.setText(self.tr("Addendum added with your name and the time."))
        return True

    def plan_html(self) -> str:
        from careersdesk.plans import action_plan_html, gather_action_plan

        self.save()
        plan = gather_action_plan(self.context.services, self.session, self.interview.pupil_id,
                                  self.interview.id)
        return action_plan_html(plan)

    def plan_document(self) -> QTextDocument:
        document = QTextDocument(self)
        document.setHtml(self.plan_html())
        return document

    def print_preview(self) -> QPrintPreviewDialog:
        """Qt's print preview, then its print dialog: the pupil leaves with the plan."""
        document = self.plan_document()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(self.tr("Print the action plan"))
        preview.paintRequested.connect(document.print_)
        preview.open()
        return preview

    def save_pdf(self, easy_read: bool = False) -> Path | None:
        page = self.parent()
        kind = "easy-read-plan" if easy_read else "action-plan"
        name = f"{kind}-{self.interview.pupil_id}.pdf"
        path = page.ask_save_path(name) if isinstance(page, GuidancePage) else None
        if path is None:
            return None
        from careersdesk.pdf.action_plan import write_action_plan
        from careersdesk.pdf.easy_read_plan import write_easy_read_plan
        from careersdesk.plans import gather_action_plan

        self.save()
        write = write_easy_read_plan if easy_read else write_action_plan
        try:
            write(gather_action_plan(self.context.services, self.session,
                                     self.interview.pupil_id, self.interview.id), path)
        except (CareersDeskError, OSError) as exc:
            self.status.setText(self.tr("The plan was not saved: {why}").format(
                why=getattr(exc, "strerror", None) or exc))
            return None
        self.status.setText(self.tr("Saved the plan to {path}.").format(path=path))
        return path

    def finish(self) -> None:
        self.save()
        self.context.services.guidance.lock(self.session, self.interview.id)
        self.accept()

    def _flush(self) -> None:
        """Save typing that the autosave has not caught yet, whichever way the dialog closes."""
        if self._autosave.isActive():
            self._autosave.stop()
            self.save()

    def close_saving(self) -> None:
        self._flush()
        self.reject()

    def done(self, result: int) -> None:
        self._flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self._flush()
        super().closeEvent(event)

