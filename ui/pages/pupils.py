"""Staff: the list of pupils, with disadvantaged pupils first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careersdesk.models import Changes, Pupil, PupilFilter, SendStatus, Session
from ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex


class PupilTableModel(QAbstractTableModel):
    HEADERS = ("Name", "Year", "Form", "Pupil premium", "SEND", "Looked after", "EAL", "UPN")

    def __init__(self) -> None:
        super().__init__()
        self.pupils: list[Pupil] = []

    def set_pupils(self, pupils: list[Pupil]) -> None:
        self.beginResetModel()
        self.pupils = pupils
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.pupils)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        pupil = self.pupils[index.row()]
        yes = self.tr("Yes")
        values = (
            f"{pupil.legal_last_name}, {pupil.first_name}",
            str(pupil.year_group),
            pupil.form or "",
            yes if pupil.pupil_premium else "",
            "" if pupil.send_status is SendStatus.NONE else pupil.send_status.value,
            yes if pupil.looked_after else "",
            yes if pupil.eal else "",
            pupil.upn or "",
        )
        return values[index.column()]


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

        # Typing waits a moment before searching so each key press does not run a query.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.year.currentIndexChanged.connect(self.refresh)
        self.priority_only.toggled.connect(self.refresh)
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
        self.count_label.setText(self.tr("%n pupil(s)", "", len(pupils)))

    def _on_changed(self, changes: Changes) -> None:
        if "pupils" in changes.kinds:
            self.refresh()
