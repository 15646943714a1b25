"""Pupils: the interests quiz, one statement at a time, then suggestions with their reasons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careersdesk.content.library import job_profile_html
from careersdesk.content.matching import Suggestion, score_answers, suggest_jobs
from careersdesk.content.schema import Quiz, QuizStatement
from careersdesk.models import Changes, Session
from careersdesk.services.careers import QuizProgress
from ui.context import AppContext
from ui.style import current_theme_key


class QuizPage(QWidget):
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        self.library = context.library
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Interests quiz"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        if self.library is None:
            layout.addWidget(QLabel(self.tr("The careers library is not installed.")))
            return
        self.quiz: Quiz = self.library.quiz()
        self.statements: list[QuizStatement] = list(self.quiz.statements)
        self.answers: dict[str, int] = {}
        self.position = 0
        self.suggestions: list[Suggestion] = []
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        question = QWidget()
        q_layout = QVBoxLayout(question)
        intro = QLabel(self.tr("How much would you like doing each of these? There are no right "
                               "or wrong answers."))
        intro.setWordWrap(True)
        q_layout.addWidget(intro)
        self.resume_note = QLabel()
        self.resume_note.setWordWrap(True)
        self.resume_note.setObjectName("demoBox")
        self.resume_note.setVisible(False)
        q_layout.addWidget(self.resume_note)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.statements))
        self.progress.setAccessibleName(self.tr("Quiz progress"))
        q_layout.addWidget(self.progress)
        self.statement = QLabel()
        self.statement.setObjectName("heading")
        self.statement.setWordWrap(True)
        self.statement.setAccessibleName(self.tr("Statement"))
        q_layout.addWidget(self.statement, 1)
        buttons = QHBoxLayout()
        self.answer_buttons: list[QPushButton] = []
        for value, label in enumerate(self.quiz.scale, start=1):
            button = QPushButton(f"&{value} {label}")
            button.setMinimumHeight(48)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, v=value: self.answer(v))
            self.answer_buttons.append(button)
            buttons.addWidget(button)
        q_layout.addLayout(buttons)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.back)
        self.start_again_button = QPushButton(self.tr("S&tart again"))
        self.start_again_button.clicked.connect(self.restart)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.start_again_button)
        nav.addStretch(1)
        q_layout.addLayout(nav)
        self.stack.addWidget(question)

        results = QWidget()
        r_layout = QVBoxLayout(results)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Your interests"))
        r_layout.addWidget(self.summary)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAccessibleName(self.tr("Your earlier results"))
        r_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.suggestion_list = QListWidget()
        self.suggestion_list.setAccessibleName(self.tr("Suggested jobs"))
        self.profile = QTextBrowser()
        self.profile.setAccessibleName(self.tr("Job profile"))
        splitter.addWidget(self.suggestion_list)
        splitter.addWidget(self.profile)
        splitter.setSizes([300, 700])
        r_layout.addWidget(splitter, 1)
        self.again_button = QPushButton(self.tr("Take the quiz &again"))
        self.again_button.clicked.connect(self.restart)
        r_layout.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(results)
        self.suggestion_list.currentItemChanged.connect(self._show_suggestion)
        self._resume()
        self._show_question()

    def _resume(self) -> None:
        """Carry on a quiz left part-way, at the first statement not yet answered."""
        saved = self.context.services.careers.quiz_progress(self.session, self.session.user_id)
        if saved is None or saved.short_form:
            return
        known = {statement.id for statement in self.statements}
        self.answers = {key: value for key, value in saved.answers.items() if key in known}
        unanswered = [index for index, statement in enumerate(self.statements)
                      if statement.id not in self.answers]
        if not self.answers or not unanswered:
            return
        self.position = unanswered[0]
        self.resume_note.setText(self.tr(
            "Welcome back. You had answered {done} of {total}, so you carry on from there. "
            "Press Start again to begin a fresh quiz.").format(done=len(self.answers),
                                                            total=len(self.statements)))
        self.resume_note.setVisible(True)

    def _show_question(self) -> None:
        statement = self.statements[self.position]
        self.statement.setText(statement.text)
        self.progress.setValue(self.position)
        self.progress.setFormat(self.tr("Statement {n} of {total}").format(
            n=self.position + 1, total=len(self.statements)))
        self.back_button.setEnabled(self.position > 0)

    def answer(self, value: int) -> None:
        self.answers[self.statements[self.position].id] = value
        if self.position + 1 < len(self.statements):
            # Saved after every answer: the bell can go at any moment.
            self.context.services.careers.save_quiz_progress(
                self.session, self.session.user_id, QuizProgress(False, dict(self.answers)))
            self.position += 1
            self._show_question()
        else:
            self.finish()

    def back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self._show_question()

    def restart(self) -> None:
        self.answers.clear()
        self.position = 0
        self.resume_note.setVisible(False)
        self.context.services.careers.clear_quiz_progress(self.session, self.session.user_id)
        self._show_question()
        self.stack.setCurrentIndex(0)

    def finish(self) -> list[Suggestion]:
        assert self.library is not None
        scores = score_answers(self.answers, self.quiz)
        self.context.services.careers.record_interests(
            self.session, self.session.user_id, self.quiz.version, self.answers,
            scores.scores)
        self.context.services.careers.clear_quiz_progress(self.session, self.session.user_id)
        self.context.hub.announce(Changes.of("interests"))
        choices = self.context.services.careers.choices(self.session, self.session.user_id)
        self.suggestions = suggest_jobs(scores, self.library, limit=15,
                                        favourite_subjects=choices.favourite_subjects,
                                        priorities=choices.priorities)
        types = {t.letter: t for t in self.quiz.types}
        top = [types[letter] for letter in scores.top_letters[:2]]
        self.summary.setText(self.tr("You are most like a {first} and a {second}. {d1} {d2}")
                             .format(first=top[0].pupil_name, second=top[1].pupil_name,
                                     d1=top[0].description, d2=top[1].description))
        earlier = self.context.services.careers.interest_history(
            self.session, self.session.user_id)[:-1]
        self.history.setVisible(bool(earlier))
        self.history.setText(self.tr("Your earlier results: {attempts}").format(
            attempts="; ".join(f"{result.taken_at:%d %B %Y}: {result.top_letters}"
                               for result in earlier[-5:])))
        self.suggestion_list.clear()
        for suggestion in self.suggestions:
            item = QListWidgetItem(f"{suggestion.job.title} — {suggestion.fit:.0f}% fit")
            item.setData(Qt.ItemDataRole.UserRole, suggestion.job.slug)
            self.suggestion_list.addItem(item)
        self.stack.setCurrentIndex(1)
        if self.suggestions:
            self.suggestion_list.setCurrentRow(0)
        return self.suggestions

    def _show_suggestion(self, item: QListWidgetItem | None) -> None:
        if item is None or self.library is None:
            return
        suggestion = self.suggestions[self.suggestion_list.row(item)]
        self.profile.setHtml(job_profile_html(self.library, suggestion.job, suggestion.reasons,
                                              current_theme_key()))
