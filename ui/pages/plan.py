"""Pupils: the actions agreed with the careers adviser, to tick off, and the last summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, Session
from careersdesk.services.guidance import ACTION_OWNERS, ActionStatus
from ui.announce import announce
from ui.context import AppContext
from ui.text_limits import limit_line

MAX_GOAL_CHARS = 300


class MyPlanPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("My plan"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What you talked about with your adviser"))
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Tick an action when you have done it:")))
        self.actions_list = QListWidget()
        self.actions_list.setAccessibleName(self.tr("My actions"))
        layout.addWidget(self.actions_list, 1)
        goal_row = QHBoxLayout()
        self.goal = QLineEdit()
        self.goal.setPlaceholderText(self.tr("A goal of your own, e.g. Ask my science teacher "
                                             "about A level chemistry"))
        self.goal.setAccessibleName(self.tr("My own goal"))
        self.add_goal_button = QPushButton(self.tr("&Add my goal"))
        goal_row.addWidget(self.goal, 1)
        goal_row.addWidget(self.add_goal_button)
        layout.addLayout(goal_row)
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Plan message"))
        layout.addWidget(self.message)
        self.actions_list.itemChanged.connect(self._ticked)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.goal.returnPressed.connect(self.add_goal)
        limit_line(self.goal, MAX_GOAL_CHARS, self.message)
        self.refresh()

    def refresh(self) -> None:
        guidance = self.context.services.guidance
        interview = guidance.latest_interview(self.session, self.session.user_id)
        if interview is None:
            self.summary.setText(self.tr("You have not had a careers interview yet. Your plan "
                                         "will appear here after your first one."))
        else:
            self.summary.setText(self.tr("From your interview on {day} with {adviser}: {summary}")
                                 .format(day=f"{interview.held_on:%d %B %Y}",
                                         adviser=interview.adviser_name,
                                         summary=interview.fields.summary or "—"))
        self.actions_list.blockSignals(True)
        self.actions_list.clear()
        for action in guidance.actions_for(self.session, self.session.user_id):
            if action.status is ActionStatus.NOT_RELEVANT:
                continue
            due = f", by {action.due_on:%d %B %Y}" if action.due_on else ""
            who = (self.tr("my own goal") if action.pupils_own_goal
                   else ACTION_OWNERS[action.owner])
            item = QListWidgetItem(f"{action.text} ({who}{due})")
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if action.status is ActionStatus.DONE
                               else Qt.CheckState.Unchecked)
            self.actions_list.addItem(item)
        self.actions_list.blockSignals(False)

    def _ticked(self, item: QListWidgetItem) -> None:
        done = item.checkState() == Qt.CheckState.Checked
        self.context.services.guidance.set_action_status(
            self.session, item.data(Qt.ItemDataRole.UserRole),
            ActionStatus.DONE if done else ActionStatus.IN_PROGRESS)
        self.context.hub.announce(Changes.of("actions"))

    def add_goal(self) -> bool:
        text = self.goal.text().strip()
        if not text:
            self.message.setText(self.tr("Type your goal first."))
            return False
        try:
            self.context.services.guidance.add_own_goal(self.session, self.session.user_id, text)
        except CareersDeskError as error:
            self.message.setText(str(error))
            return False
        self.goal.clear()
        announce(self.message, self.tr("Added. Your adviser will see it too."))
        self.refresh()
        self.context.hub.announce(Changes.of("actions"))
        return True
