"""Careers leader: the cohort dashboard, with drill-down to the pupils behind every number."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careersdesk.models import Changes, PupilFilter, Session
from careersdesk.reports import GROUPS, CohortReport, LineFigures, in_scope, result_for_line
from careersdesk.services.tracking import CohortRow
from careersdesk.tracking.engine import Status
from ui.context import AppContext
from ui.table_model import Index, RowsModel
from ui.tasks import run_in_background

STATUS_COLUMNS = (Status.MET, Status.ON_TRACK, Status.AT_RISK, Status.MISSED)


class MeasuresModel(RowsModel[LineFigures]):
    HEADERS = ("Measure", "Pupils", "Met", "On track", "At risk", "Missed", "Met %",
               "Disadvantaged met %", "Gap")
    RIGHT_ALIGNED = frozenset(range(1, 9))

    def __init__(self) -> None:
        super().__init__()
        self.group = "All pupils"

    @property
    def lines(self) -> list[LineFigures]:
        return self.rows

    def set_report(self, report: CohortReport | None, group: str) -> None:
        self.group = group
        self.set_rows(report.lines if report else [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and 2 <= index.column() <= 5:
            return self.tr("Double-click to see these pupils")
        return super().data(index, role)

    def text(self, line: LineFigures, column: int) -> str:
        counts = line.counts.get(self.group, {})
        if column == 0:
            return line.label
        if column == 1:
            return f"{line.total(self.group):,}"
        if 2 <= column <= 5:
            return f"{counts.get(STATUS_COLUMNS[column - 2], 0):,}"
        if column == 6:
            return _pct(line.percent(self.group))
        if column == 7:
            return _pct(line.percent("Disadvantaged"))
        gap = line.gap
        if gap is None:
            return "–"
        return "0 pts" if round(gap) == 0 else f"{gap:+.0f} pts"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


class ReportsPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        self.rows: list[CohortRow] = []
        self.report: CohortReport | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Reports: Gatsby Benchmarks and provider access"))
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        layout.addWidget(heading)

        filters = QHBoxLayout()
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Year group"))
        self.year.addItem(self.tr("All years"), None)
        for year in range(7, 15):
            self.year.addItem(self.tr("Year {n}").format(n=year), year)
        self.group = QComboBox()
        self.group.setAccessibleName(self.tr("Pupil group"))
        for name, _ in GROUPS:
            self.group.addItem(self.tr(name), name)
        self.form = QComboBox()
        self.form.setAccessibleName(self.tr("Form"))
        self.form.addItem(self.tr("All forms"), None)
        forms = sorted({p.form for p in context.services.pupils.list_pupils(session) if p.form},
                       key=lambda f: (len(f), f))
        for form in forms:
            self.form.addItem(form, form)
        self.pdf_button = QPushButton(self.tr("Save &PDF report…"))
        self.csv_button = QPushButton(self.tr("E&xport CSV…"))
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.year)
        filters.addWidget(self.form)
        filters.addWidget(self.group)
        filters.addStretch(1)
        filters.addWidget(self.csv_button)
        filters.addWidget(self.pdf_button)
        layout.addLayout(filters)

        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Report status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = MeasuresModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Benchmark figures"))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        layout.addWidget(self.table, 2)

        self.drill_label = QLabel(self.tr("Double-click a number to see the pupils behind it."))
        self.drill_label.setWordWrap(True)
        layout.addWidget(self.drill_label)
        self.drill = QTableWidget(0, 5)
        self.drill.setHorizontalHeaderLabels([self.tr("Pupil"), self.tr("Year"), self.tr("Form"),
                                              self.tr("Priority"), self.tr("Why")])
        self.drill.setAccessibleName(self.tr("Pupils behind the number"))
        self.drill.verticalHeader().hide()
        self.drill.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.drill.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.drill, 2)

        self.year.currentIndexChanged.connect(self.refresh)
        self.form.currentIndexChanged.connect(self.refresh)
        self.group.currentIndexChanged.connect(self._show_report)
        self.table.doubleClicked.connect(self.drill_down)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        # A bound method, so Qt drops the connection when this page is destroyed.
        context.hub.changed.connect(self._on_changed)
        self.refresh()

    # -- computing the figures off the UI thread ----------------------------------------

    def current_filter(self) -> PupilFilter:
        year = self.year.currentData()
        return PupilFilter(year_groups=(year,) if year else (), form=self.form.currentData())

    def _on_changed(self, changes: Changes) -> None:
        if {"pupils", "encounters"} & changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        pupil_filter = self.current_filter()
        self.status.setText(self.tr("Working out the figures…"))

        def work(progress: Callable[[int, int], None], cancelled: threading.Event) -> Any:
            from careersdesk.reports import build_cohort_report

            services = self.context.open_worker_services()
            try:
                rows = services.tracking.cohort(self.session, pupil_filter)
                report = build_cohort_report(rows, services.clock().date(),
                                             self.context.school_name)
            finally:
                services.close()
            return rows, report

        run_in_background(self, self.tr("Working out the benchmark figures…"), work,
                          self._figures_ready, self._failed)

    def _figures_ready(self, value: tuple[list[CohortRow], CohortReport]) -> None:
        self.rows, self.report = value
        self._show_report()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _show_report(self, *_: object) -> None:
        report = self.report
        self.model.set_report(report, self.group.currentData() or "All pupils")
        self.table.resizeRowsToContents()
        if report is not None:
            self.status.setText(self.tr(
                "{n} pupils, on {day}, judged against the {rules} rules. {k} pupils need action "
                "now.").format(n=f"{report.pupils:,}", day=f"{report.on:%d %B %Y}",
                               rules=report.ruleset, k=f"{len(report.needing_action):,}"))

    # -- drill-down --------------------------------------------------------------------

    def drill_down(self, index: QModelIndex) -> list[CohortRow]:
        if self.report is None or not 2 <= index.column() <= 5:
            return []
        line = self.report.lines[index.row()]
        status = STATUS_COLUMNS[index.column() - 2]
        group_name = self.group.currentData() or "All pupils"
        belongs = dict(GROUPS)[group_name]
        chosen = []
        for row in self.rows:
            result = result_for_line(row, line.key)
            if belongs(row.pupil) and in_scope(result, self.report.on) and result is not None \
                    and result.status is status:
                chosen.append((row, result.reason))
        self.drill_label.setText(self.tr("{label}: {status} ({n} pupils, {group})").format(
            label=line.label, status=status.value, n=len(chosen), group=group_name.lower()))
        self.drill.setRowCount(len(chosen))
        for number, (row, reason) in enumerate(chosen):
            pupil = row.pupil
            flags = pupil.priority_flags
            for column, value in enumerate((f"{pupil.legal_last_name}, {pupil.first_name}",
                                            str(pupil.year_group), pupil.form or "", flags,
                                            reason)):
                self.drill.setItem(number, column, QTableWidgetItem(value))
        return [row for row, _ in chosen]

    # -- files ------------------------------------------------------------------------

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        """Asks where to save; tests replace this instead of driving a native dialog."""
        name, _ = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return Path(name) if name else None

    def save_pdf(self) -> Path | None:
        if self.report is None:
            return None
        path = self.ask_save_path(self.tr("Save the careers provision report"),
                                  "careers-provision-report.pdf", "PDF (*.pdf)")
        if path is None:
            return None
        from careersdesk.pdf.gatsby_report import write_gatsby_report

        try:
            write_gatsby_report(self.report, path)
        except OSError as exc:
            self.status.setText(self.tr("The report could not be saved: {why}").format(
                why=exc.strerror or exc))
            return None
        self.status.setText(self.tr("Saved the report to {path}").format(path=path))
        return path

    def export_csv(self) -> Path | None:
        if self.report is None:
            return None
        path = self.ask_save_path(self.tr("Export the figures as CSV"), "benchmarks.csv",
                                  "CSV (*.csv)")
        if path is None:
            return None
        from careersdesk.reports import pupil_results_csv, summary_csv

        try:
            path.write_text(pupil_results_csv(self.rows), encoding="utf-8-sig", newline="")
            summary = path.with_name(path.stem + "-summary.csv")
            summary.write_text(summary_csv(self.report), encoding="utf-8-sig", newline="")
        except OSError as exc:
            self.status.setText(self.tr("The export could not be saved: {why}").format(
                why=exc.strerror or exc))
            return None
        self.status.setText(self.tr("Exported to {path} and {summary}").format(
            path=path, summary=summary.name))
        return path
