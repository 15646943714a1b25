"""Simplified mode: one task per screen, big buttons with symbols, plain words, undo.

For pupils with learning difficulties, visual impairments, dyslexia or motor difficulties. It
shows the same careers library and the pupil's real record as the full app, more simply:

* a home of four big choices: Jobs I like, Find jobs, Things I have done, My plan;
* every other screen has Back and Home at the top, in the same place every time;
* job profiles in their easy-read version; the short 18-statement quiz with a picture for each
  statement and three answers (I like this / Not sure / I don't like this);
* every change can be undone from the bar at the bottom, which stays until the next change
  (nothing disappears on a timer);
* nothing to type: everything is a button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careersdesk.content.library import Job, SearchFilters
from careersdesk.content.matching import score_answers, suggest_jobs
from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, Session
from careersdesk.services.guidance import Action, ActionStatus
from ui.announce import announce
from ui.context import AppContext
from ui.simple.symbols import symbol, symbol_pixmap
from ui.speech import ReadAloudBar

BIG_BUTTON_HEIGHT = 72  # well over the 44 px a finger or an unsteady hand needs
ICON_SIZE = QSize(48, 48)
SUGGESTIONS_SHOWN = 6

# Only the simple workspace is restyled: large type, thick focus outline, big targets.
SIMPLE_STYLE = """
QWidget#simpleWorkspace QLabel { font-size: 20pt; }
QWidget#simpleWorkspace QLabel#simpleHeading { font-size: 26pt; font-weight: bold; }
QWidget#simpleWorkspace QPushButton { font-size: 20pt; font-weight: bold; min-height: 64px;
    padding: 8px 16px; text-align: left; }
QWidget#simpleWorkspace QPushButton:focus { border: 4px solid palette(highlight); }
"""


@dataclass
class Undo:
    """What the bar at the bottom offers to take back."""

    said: str
    take_back: Callable[[], object]


def big_button(text: str, symbol_name: str | None = None, name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(BIG_BUTTON_HEIGHT)
    button.setAccessibleName(text)
    if symbol_name:
        button.setIcon(symbol(symbol_name))
        button.setIconSize(ICON_SIZE)
    if name:
        button.setObjectName(name)
    return button


def wrapped(text: str, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pupils' and job text is never markup here
    if name:
        label.setObjectName(name)
    return label


class Screen(QWidget):
    """One task: a heading, what the task needs, and Back/Home unless it is the home screen."""

    def __init__(self, heading: str, workspace: SimpleWorkspace, with_way_back: bool = True):
        super().__init__()
        self.workspace = workspace
        self.heading_text = heading
        # How to make this screen afresh, for screens whose content a change alters.
        self.rebuild: Callable[[], Screen] | None = None
        outer = QVBoxLayout(self)
        if with_way_back:
            row = QHBoxLayout()
            self.back_button = big_button(self.tr("Back"), "back", "simpleBack")
            self.home_button = big_button(self.tr("Home"), "home", "simpleHome")
            self.back_button.clicked.connect(workspace.go_back)
            self.home_button.clicked.connect(workspace.go_home)
            row.addWidget(self.back_button)
            row.addWidget(self.home_button)
            row.addStretch(1)
            outer.addLayout(row)
        heading_label = wrapped(heading, "simpleHeading")
        heading_label.setAccessibleName(heading)
        outer.addWidget(heading_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to what is inside
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def add(self, widget: QWidget) -> QWidget:
        self.body.addWidget(widget)
        return widget

    def finish(self) -> Screen:
        self.body.addStretch(1)
        return self

    def spoken_text(self) -> str:
        """What read-aloud says for this screen: the heading, then every label in order."""
        parts = [self.heading_text]
        parts += [label.text() for label in self.findChildren(QLabel)
                  if label.text() and label.text() != self.heading_text]
        return " ".join(parts)


class SimpleWorkspace(QWidget):
    sign_out_requested = Signal()
    full_app_requested = Signal()
    page_refused = Signal(str)  # the full workspace's signal; nothing here is ever refused

    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simpleWorkspace")
        self.setStyleSheet(SIMPLE_STYLE)
        self.context = context
        self.session = session
        self.library = context.library
        self.pupil = context.services.pupils.get(session, session.user_id)
        self.history: list[Screen] = []
        self.undo_step: Undo | None = None
        self.quiz_answers: dict[str, int] = {}

        layout = QVBoxLayout(self)
        self.read_aloud = ReadAloudBar(text_source=lambda: self.current_screen().spoken_text())
        self.read_aloud.play_button.setText(self.tr("Read it to me"))
        self.read_aloud.play_button.setIcon(symbol("speaker"))
        self.read_aloud.play_button.setIconSize(ICON_SIZE)
        self.read_aloud.play_button.setObjectName("simpleReadAloud")
        for button, name in ((self.read_aloud.pause_button, "pause"),
                             (self.read_aloud.stop_button, "stop")):
            button.setIcon(symbol(name))
            button.setIconSize(ICON_SIZE)
        layout.addWidget(self.read_aloud)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("demoBox")
        bar = QHBoxLayout(self.undo_bar)
        self.undo_label = wrapped("")
        self.undo_label.setAccessibleName(self.tr("What just changed"))
        self.undo_button = big_button(self.tr("Undo"), "undo", "simpleUndo")
        self.undo_button.clicked.connect(self.undo)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        layout.addWidget(self.undo_bar)
        self.go_home()

    # -- moving between screens -------------------------------------------------------------

    def current_screen(self) -> Screen:
        screen = self.stack.currentWidget()
        assert isinstance(screen, Screen)
        return screen

    def current_page(self) -> QWidget:
        return self.current_screen()

    def open_page(self, key: str) -> bool:
        """The full workspace's page names, for menus and shortcuts that use them."""
        pages: dict[str, Callable[[], object]] = {
            "my-careers": self.go_home, "explore": self.show_find_jobs,
            "quiz": self.start_quiz, "my-encounters": self.show_encounters,
            "my-plan": self.show_plan}
        if key not in pages:
            self.page_refused.emit(key)
            return False
        pages[key]()
        return True

    def show_screen(self, screen: Screen) -> Screen:
        self.read_aloud.stop()  # a new screen: stop reading the old one
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.history.append(screen)
        first = screen.findChild(QPushButton)
        if first is not None:
            first.setFocus()
        return screen

    def go_back(self) -> None:
        if len(self.history) <= 1:
            return
        self.read_aloud.stop()
        leaving = self.history.pop()
        self.stack.setCurrentWidget(self.history[-1])
        self.stack.removeWidget(leaving)
        leaving.deleteLater()
        self._refresh_current()

    def go_home(self) -> None:
        while self.history:
            screen = self.history.pop()
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self.show_screen(self.home_screen())

    def _refresh_current(self) -> None:
        # A screen shows what was true when it was made; lists are rebuilt on the way back.
        screen = self.history[-1]
        if screen.rebuild is not None:
            fresh = screen.rebuild()
            index = self.stack.indexOf(screen)
            self.stack.insertWidget(index, fresh)
            self.stack.setCurrentWidget(fresh)
            self.stack.removeWidget(screen)
            screen.deleteLater()
            self.history[-1] = fresh

    # -- changes, each with its undo --------------------------------------------------------

    def changed(self, said: str, take_back: Callable[[], object],
                changes: Changes | None = None) -> None:
        self.undo_step = Undo(said, take_back)
        self.undo_bar.setVisible(True)
        announce(self.undo_label, said)
        if changes is not None:
            self.context.hub.announce(changes)

    def undo(self) -> None:
        if self.undo_step is None:
            return
        step, self.undo_step = self.undo_step, None
        step.take_back()
        announce(self.undo_label, self.tr("Undone: {what}").format(what=step.said))
        self.undo_button.setEnabled(False)
        self._refresh_current()

    def _enable_undo(self) -> None:
        self.undo_button.setEnabled(True)

    # -- home -------------------------------------------------------------------------------

    def home_screen(self) -> Screen:
        screen = Screen(self.tr("Hello, {name}").format(name=self.pupil.first_name), self,
                        with_way_back=False)
        screen.add(wrapped(self.tr("What do you want to do?")))
        grid = QWidget()
        layout = QGridLayout(grid)
        choices = ((self.tr("Jobs I like"), "star", self.show_saved_jobs, "simpleSaved"),
                   (self.tr("Find jobs"), "search", self.show_find_jobs, "simpleFind"),
                   (self.tr("Things I have done"), "tick", self.show_encounters, "simpleDone"),
                   (self.tr("My plan"), "list", self.show_plan, "simplePlan"))
        for index, (text, icon, action, name) in enumerate(choices):
            button = big_button(text, icon, name)
            button.setMinimumHeight(BIG_BUTTON_HEIGHT * 2)
            button.clicked.connect(action)
            layout.addWidget(button, index // 2, index % 2)
        screen.add(grid)
        row = QHBoxLayout()
        full = big_button(self.tr("Use the full app"), None, "simpleFullApp")
        full.clicked.connect(self.full_app_requested)
        leave = big_button(self.tr("Sign out"), "door", "simpleSignOut")
        leave.clicked.connect(self.sign_out_requested)
        holder = QWidget()
        holder.setLayout(row)
        row.addWidget(full)
        row.addStretch(1)
        row.addWidget(leave)
        screen.add(holder)
        return screen.finish()

    # -- jobs -------------------------------------------------------------------------------

    def saved_slugs(self) -> list[str]:
        return [saved.job_slug for saved in
                self.context.services.careers.shortlist(self.session, self.session.user_id)]

    def show_saved_jobs(self) -> Screen:
        return self.show_screen(self._saved_jobs_screen())

    def _saved_jobs_screen(self) -> Screen:
        screen = Screen(self.tr("Jobs I like"), self)
        jobs = [job for slug in self.saved_slugs()
                if self.library and (job := self.library.job(slug))]
        if not jobs:
            screen.add(wrapped(self.tr("You have not saved any jobs yet. Press Find jobs on "
                                       "the home screen to look for some.")))
        for job in jobs:
            button = big_button(job.title, "briefcase")
            button.clicked.connect(lambda _=False, slug=job.slug: self.show_job(slug))
            screen.add(button)
        screen.rebuild = self._saved_jobs_screen
        return screen.finish()

    def show_find_jobs(self) -> Screen:
        screen = Screen(self.tr("Find jobs"), self)
        screen.add(wrapped(self.tr("How do you want to find jobs?")))
        quiz = big_button(self.tr("Answer some questions about what I like"), "quiz",
                          "simpleQuiz")
        quiz.clicked.connect(self.start_quiz)
        browse = big_button(self.tr("Look at types of work"), "briefcase", "simpleBrowse")
        browse.clicked.connect(self.show_categories)
        screen.add(quiz)
        screen.add(browse)
        return self.show_screen(screen.finish())

    def show_categories(self) -> Screen:
        screen = Screen(self.tr("Types of work"), self)
        for category in self.library.categories() if self.library else []:
            button = big_button(category.name, "briefcase")
            button.clicked.connect(lambda _=False, c=category: self.show_category(c.slug, c.name))
            screen.add(button)
        return self.show_screen(screen.finish())

    def show_category(self, slug: str, name: str) -> Screen:
        screen = Screen(name, self)
        assert self.library is not None
        found = self.library.search("", SearchFilters(categories=(slug,)),
                                    limit=self.library.count())
        for result in sorted(found, key=lambda r: r.title.casefold()):
            button = big_button(result.title, "briefcase")
            button.clicked.connect(lambda _=False, s=result.slug: self.show_job(s))
            screen.add(button)
        return self.show_screen(screen.finish())

    def show_job(self, slug: str, reasons: tuple[str, ...] = ()) -> Screen | None:
        job = self.library.job(slug) if self.library else None
        if job is None:
            return None
        return self.show_screen(self._job_screen(job, reasons))

    def _job_screen(self, job: Job, reasons: tuple[str, ...] = ()) -> Screen:
        screen = Screen(job.title, self)
        for reason in reasons[:2]:
            screen.add(wrapped(reason))
        easy = wrapped(job.easy_read, "simpleEasyRead")
        easy.setAccessibleName(self.tr("About this job"))
        screen.add(easy)
        saved = job.slug in self.saved_slugs()
        if saved:
            toggle = big_button(self.tr("Take it off Jobs I like"), "heart", "simpleSaveJob")
            toggle.clicked.connect(lambda: self.unsave_job(job))
        else:
            toggle = big_button(self.tr("Save to Jobs I like"), "star", "simpleSaveJob")
            toggle.clicked.connect(lambda: self.save_job(job))
        screen.add(toggle)
        screen.rebuild = lambda: self._job_screen(job, reasons)
        return screen.finish()

    def _careers_change(self, do: Callable[[], Changes]) -> bool:
        try:
            self.context.hub.announce(do())
        except CareersDeskError as error:
            self.undo_label.setText(str(error))
            self.undo_bar.setVisible(True)
            return False
        return True

    def save_job(self, job: Job) -> bool:
        careers, me = self.context.services.careers, self.session.user_id
        if not self._careers_change(lambda: careers.save_career(self.session, me, job.slug)):
            return False
        self._enable_undo()
        self.changed(self.tr("You saved {title} to Jobs I like.").format(title=job.title),
                     lambda: self._careers_change(
                         lambda: careers.remove_career(self.session, me, job.slug)))
        self._refresh_current()
        return True

    def unsave_job(self, job: Job) -> bool:
        careers, me = self.context.services.careers, self.session.user_id
        note = next((s.note for s in careers.shortlist(self.session, me)
                     if s.job_slug == job.slug), "")
        if not self._careers_change(lambda: careers.remove_career(self.session, me, job.slug)):
            return False
        self._enable_undo()
        self.changed(self.tr("You took {title} off Jobs I like.").format(title=job.title),
                     lambda: self._careers_change(
                         lambda: careers.save_career(self.session, me, job.slug, note)))
        self._refresh_current()
        return True

    # -- the short quiz ---------------------------------------------------------------------

    def start_quiz(self) -> Screen:
        self.quiz_answers = {}
        return self._quiz_screen(0)

    def _quiz_screen(self, position: int) -> Screen:
        assert self.library is not None
        quiz = self.library.quiz()
        statements = quiz.short_statements
        statement = statements[position]
        screen = Screen(self.tr("Question {n} of {total}").format(n=position + 1,
                                                                  total=len(statements)), self)
        picture = QLabel()
        picture.setPixmap(symbol_pixmap(statement.picture, 160))
        picture.setAccessibleName(statement.picture)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        screen.add(picture)
        words = wrapped(statement.text, "simpleStatement")
        words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        screen.add(words)
        # short_scale runs from "I don't like this" (1) to "I like this" (3); the liked answer
        # comes first on screen, where most pupils look first.
        answers = ((3, quiz.short_scale[2], "thumbs-up"), (2, quiz.short_scale[1], "question"),
                   (1, quiz.short_scale[0], "thumbs-down"))
        for value, text, icon in answers:
            button = big_button(text, icon, f"simpleAnswer{value}")
            button.clicked.connect(lambda _=False, v=value, p=position: self.answer(p, v))
            screen.add(button)
        return self.show_screen(screen.finish())

    def answer(self, position: int, value: int) -> Screen:
        assert self.library is not None
        quiz = self.library.quiz()
        self.quiz_answers[quiz.short_statements[position].id] = value
        if position + 1 < len(quiz.short_statements):
            return self._quiz_screen(position + 1)
        return self.finish_quiz()

    def finish_quiz(self) -> Screen:
        assert self.library is not None
        quiz = self.library.quiz()
        scores = score_answers(self.quiz_answers, quiz)
        careers = self.context.services.careers
        careers.record_interests(self.session, self.session.user_id, quiz.version,
                                 dict(self.quiz_answers), scores.scores, short_form=True)
        self.context.hub.announce(Changes.of("interests"))
        choices = careers.choices(self.session, self.session.user_id)
        suggestions = suggest_jobs(scores, self.library, limit=SUGGESTIONS_SHOWN,
                                   favourite_subjects=choices.favourite_subjects,
                                   priorities=choices.priorities)
        screen = Screen(self.tr("Jobs you might like"), self)
        types = {kind.letter: kind for kind in quiz.types}
        top = [types[letter].pupil_name for letter in scores.top_letters[:2]]
        screen.add(wrapped(self.tr("You are most like a {first} and a {second}.").format(
            first=top[0], second=top[1])))
        for suggestion in suggestions:
            button = big_button(suggestion.job.title, "briefcase")
            button.clicked.connect(lambda _=False, s=suggestion: self.show_job(
                s.job.slug, s.reasons))
            screen.add(button)
        return self.show_screen(screen.finish())

    # -- things I have done, and my plan ----------------------------------------------------

    def show_encounters(self) -> Screen:
        screen = Screen(self.tr("Things I have done"), self)
        encounters = self.context.services.encounters.for_pupil(self.session,
                                                                 self.session.user_id)
        if not encounters:
            screen.add(wrapped(self.tr("Nothing yet. When you meet an employer or visit a "
                                       "college, it will show here.")))
        for encounter in sorted(encounters, key=lambda e: e.details.date, reverse=True)[:20]:
            text = f"{encounter.details.date:%d %B %Y}: {encounter.details.title}"
            if encounter.reflection:
                text += "\n" + self.tr("What I learned: {words}").format(
                    words=encounter.reflection)
            screen.add(wrapped(text))
        return self.show_screen(screen.finish())

    def show_plan(self) -> Screen:
        return self.show_screen(self._plan_screen())

    def _plan_screen(self) -> Screen:
        screen = Screen(self.tr("My plan"), self)
        guidance = self.context.services.guidance
        actions = [a for a in guidance.actions_for(self.session, self.session.user_id)
                   if a.status is not ActionStatus.NOT_RELEVANT]
        if not actions:
            screen.add(wrapped(self.tr("Your plan is empty. After you talk to your careers "
                                       "adviser, the things you agree will show here.")))
        for action in actions:
            due = self.tr(" by {day}").format(day=f"{action.due_on:%d %B}") \
                if action.due_on else ""
            screen.add(wrapped(self.tr("I will {what}{due}.").format(
                what=action.text[:1].lower() + action.text[1:].rstrip("."), due=due)))
            if action.status is ActionStatus.DONE:
                button = big_button(self.tr("Done. Press if not done yet"), "tick")
                new_status = ActionStatus.IN_PROGRESS
            else:
                button = big_button(self.tr("I have done this"), "tick")
                new_status = ActionStatus.DONE
            button.setAccessibleName(f"{button.text()}: {action.text}")
            button.clicked.connect(lambda _=False, a=action, s=new_status: self.set_action(a, s))
            screen.add(button)
        screen.rebuild = self._plan_screen
        return screen.finish()

    def set_action(self, action: Action, status: ActionStatus) -> bool:
        guidance = self.context.services.guidance
        try:
            guidance.set_action_status(self.session, action.id, status)
        except CareersDeskError as error:
            self.undo_label.setText(str(error))
            self.undo_bar.setVisible(True)
            return False
        before = action.status
        self._enable_undo()
        said = (self.tr("You marked \"{what}\" as done.") if status is ActionStatus.DONE
                else self.tr("You marked \"{what}\" as not done yet.")).format(what=action.text)
        self.changed(said, lambda: guidance.set_action_status(self.session, action.id, before),
                     Changes.of("actions"))
        self._refresh_current()
        return True
