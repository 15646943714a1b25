"""Pupils: subjects I like and what matters to me, saved the moment a box is ticked.

Both feed the quiz suggestions (with a reason that says so) and the "Subjects I like" filter in
Explore.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from careersdesk.content.priorities import PRIORITIES
from careersdesk.errors import CareersDeskError
from careersdesk.models import Session
from careersdesk.services.careers import PupilChoices
from ui.announce import announce
from ui.context import AppContext


class MyChoicesPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("What I like"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        intro = QLabel(self.tr("Tick the subjects you enjoy and the things that matter to you "
                               "in a job. Your quiz suggestions take them into account, and "
                               "Explore can show jobs that use your subjects."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        saved = context.services.careers.choices(session, session.user_id)
        subjects = context.library.subjects() if context.library else []
        self.subject_boxes = self._group(
            layout, self.tr("Subjects I like"),
            [(subject.slug, subject.name) for subject in subjects], saved.favourite_subjects)
        self.priority_boxes = self._group(
            layout, self.tr("What matters to me"),
            [(priority.key, priority.label) for priority in PRIORITIES], saved.priorities)
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Choices message"))
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _group(self, layout: QVBoxLayout, title: str, options: list[tuple[str, str]],
               ticked: tuple[str, ...]) -> dict[str, QCheckBox]:
        group = QGroupBox(title)
        grid = QGridLayout(group)
        boxes: dict[str, QCheckBox] = {}
        for index, (key, label) in enumerate(options):
            box = QCheckBox(label)
            box.setChecked(key in ticked)
            box.toggled.connect(self.save)
            grid.addWidget(box, index // 3, index % 3)
            boxes[key] = box
        layout.addWidget(group)
        return boxes

    def choices(self) -> PupilChoices:
        return PupilChoices(
            tuple(key for key, box in self.subject_boxes.items() if box.isChecked()),
            tuple(key for key, box in self.priority_boxes.items() if box.isChecked()))

    def save(self) -> None:
        try:
            changes = self.context.services.careers.set_choices(
                self.session, self.session.user_id, self.choices())
        except CareersDeskError as error:
            self.message.setText(str(error))
            return
        announce(self.message, self.tr("Saved."))
        self.context.hub.announce(changes)
