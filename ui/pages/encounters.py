"""Staff: record an encounter for a whole group in one step, and see recent events."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
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

from careersdesk.encounters import (
    ALL_CRITERIA,
    CORE_CRITERIA,
    ENCOUNTER_KINDS,
    KINDS_BY_KEY,
    ORGANISATION_TYPES,
    Audience,
    EncounterDetails,
    Organisation,
)
from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, PupilFilter, Session
from ui.context import AppContext, plural

ORGANISATION_LABELS = {"employer": "Employer", "sixth_form": "Sixth form",
                       "fe_college": "FE college", "university": "University",
                       "training_provider": "Training provider", "other": "Other"}


class EncountersPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Encounters: record a group event"))
        heading.setObjectName("heading")
        layout.addWidget(heading)

        what = QGroupBox(self.tr("What happened"))
        form = QFormLayout(what)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Year 9 careers fair"))
        self.kind = QComboBox()
        for kind in ENCOUNTER_KINDS:
            self.kind.addItem(self.tr(kind.label), kind.key)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setMaximumDate(QDate.currentDate())
        self.duration = QSpinBox()
        self.duration.setRange(5, 60 * 24 * 30)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(self.tr(" minutes"))
        organisation_row = QHBoxLayout()
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("Organisation name"))
        self.organisation_type = QComboBox()
        for key in ORGANISATION_TYPES:
            self.organisation_type.addItem(self.tr(ORGANISATION_LABELS[key]), key)
        self.add_organisation = QPushButton(self.tr("Add"))
        organisation_row.addWidget(self.organisation, 2)
        organisation_row.addWidget(self.organisation_type, 1)
        organisation_row.addWidget(self.add_organisation)
        self.organisations = QListWidget()
        self.organisations.setMaximumHeight(70)
        self.stem = QCheckBox(self.tr("STEM (science, technology, engineering or maths)"))
        self.provider_access = QCheckBox(self.tr("Counts under the provider access legislation"))
        for widget, name in ((self.title, "Title"), (self.kind, "Kind of encounter"),
                             (self.date, "Date"), (self.duration, "Duration"),
                             (self.organisation, "Organisation name"),
                             (self.organisation_type, "Organisation type"),
                             (self.organisations, "Organisations added")):
            widget.setAccessibleName(self.tr(name))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("Organisations"), organisation_row)
        form.addRow("", self.organisations)
        form.addRow("", self.stem)
        form.addRow("", self.provider_access)
        layout.addWidget(what)

        meaningful = QGroupBox(self.tr("What made it meaningful"))
        grid = QGridLayout(meaningful)
        self.criteria: dict[str, QCheckBox] = {}
        for number, (key, label) in enumerate(ALL_CRITERIA.items()):
            box = QCheckBox(self.tr(label))
            box.setChecked(key in CORE_CRITERIA)
            self.criteria[key] = box
            grid.addWidget(box, number % 4, number // 4)
        layout.addWidget(meaningful)

        who = QGroupBox(self.tr("Who went"))
        who_layout = QHBoxLayout(who)
        self.years: dict[int, QCheckBox] = {}
        for year in range(7, 15):
            box = QCheckBox(self.tr("Year {n}").format(n=year))
            self.years[year] = box
            who_layout.addWidget(box)
            box.toggled.connect(self._update_count)
        self.forms = QLineEdit()
        self.forms.setPlaceholderText(self.tr("Forms, e.g. 9R, 9I (blank: all)"))
        self.forms.setAccessibleName(self.tr("Forms"))
        self.forms.textChanged.connect(self._update_count)
        who_layout.addWidget(self.forms, 2)
        layout.addWidget(who)

        row = QHBoxLayout()
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Pupils chosen"))
        self.record_button = QPushButton(self.tr("&Record for these pupils"))
        self.record_button.setObjectName("primary")
        row.addWidget(self.count, 1)
        row.addWidget(self.record_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Encounter message"))
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.add_organisation.clicked.connect(self._add_organisation)
        self.organisation.returnPressed.connect(self._add_organisation)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.record_button.clicked.connect(self.record)
        self._organisations: list[Organisation] = []
        self._kind_changed()
        self._update_count()

    def _kind_changed(self) -> None:
        kind = KINDS_BY_KEY[self.kind.currentData()]
        workplace = kind.audience is Audience.WORKPLACE
        for key, box in self.criteria.items():
            if key not in CORE_CRITERIA:
                box.setEnabled(workplace)

    def _add_organisation(self) -> None:
        name = self.organisation.text().strip()
        if not name:
            return
        organisation = Organisation(name, self.organisation_type.currentData())
        self._organisations.append(organisation)
        self.organisations.addItem(f"{name} ({self.organisation_type.currentText()})")
        self.organisation.clear()

    def chosen_filter(self) -> PupilFilter:
        years = tuple(year for year, box in self.years.items() if box.isChecked())
        return PupilFilter(year_groups=years, disadvantaged_first=False)

    def chosen_pupil_ids(self) -> list[int]:
        if not any(box.isChecked() for box in self.years.values()):
            return []
        forms = {f.strip().upper() for f in self.forms.text().replace(";", ",").split(",")
                 if f.strip()}
        pupils = self.context.services.pupils.list_pupils(self.session, self.chosen_filter())
        return [p.id for p in pupils if not forms or (p.form or "").upper() in forms]

    def _update_count(self) -> None:
        count = len(self.chosen_pupil_ids())
        self.count.setText(self.tr("{n} chosen").format(n=plural(count, "pupil")))

    def details(self) -> EncounterDetails:
        qdate = self.date.date()
        return EncounterDetails(
            title=self.title.text(), kind=self.kind.currentData(),
            date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            duration_minutes=self.duration.value(), organisations=tuple(self._organisations),
            stem=self.stem.isChecked(),
            criteria=frozenset(k for k, box in self.criteria.items()
                               if box.isChecked() and box.isEnabled()),
            provider_access=self.provider_access.isChecked())

    def record(self) -> bool:
        try:
            result = self.context.services.encounters.record_group_event(
                self.session, self.details(), self.chosen_pupil_ids())
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            return False
        text = self.tr("Recorded '{title}' for {n} pupils.").format(
            title=self.title.text().strip(), n=result.recorded)
        if result.skipped:
            text += " " + self.tr("Left out: {who}").format(who=" ".join(result.skipped))
        self.message.setText(text)
        self.context.hub.announce(Changes.of("encounters"))
        return True
