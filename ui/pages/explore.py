"""Pupils: search the careers library as you type, filter it, and read job profiles."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careersdesk.content.library import (
    ROUTE_NAMES,
    Job,
    SearchFilters,
    compare_html,
    job_profile_html,
)
from careersdesk.errors import CareersDeskError
from careersdesk.models import Changes, Session
from careersdesk.services.careers import MAX_NOTE_CHARS, SavedCareer
from ui.announce import announce
from ui.context import AppContext, plural
from ui.speech import ReadAloudBar
from ui.style import current_theme_key
from ui.text_limits import limit_line

MAX_COMPARE = 3
MAX_SEARCH_CHARS = 200
# Search waits this long after a key press for the next one, so a fast typist's burst of keys
# runs one search rather than five; short enough that results feel instant.
TYPING_PAUSE_MS = 20


DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1


class ResultDelegate(QStyledItemDelegate):
    """A result as the title with a smaller line under it: summary, pay and ways in."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # The list is this delegate's parent; reading option.widget trips a PySide6 reference
        # counting bug (the interpreter aborts), so the style comes from the parent instead.
        view = self.parent()
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        title = style_option.text
        style_option.text = ""
        if isinstance(view, QWidget):
            view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option,
                                     painter, view)
        rect = style_option.rect.adjusted(6, 3, -6, -3)
        selected = bool(style_option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = style_option.palette.color(role)
        body_font = QFont(style_option.font)
        title_font = QFont(style_option.font)
        title_font.setBold(True)
        painter.save()
        painter.setPen(colour)
        painter.setFont(title_font)
        line = QFontMetrics(title_font).height()
        painter.drawText(rect.left(), rect.top(), rect.width(), line,
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        painter.setFont(body_font)
        small = QFontMetrics(body_font)
        detail = str(index.data(DETAIL_ROLE) or "")
        for number, text in enumerate(detail.split("\n")[:2]):
            top = rect.top() + line + number * small.height()
            painter.drawText(rect.left(), top, rect.width(), small.height(),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             small.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(260, int(height * 3.4))


def result_line(job: Job) -> str:
    """One line under a result: the first sentence of the summary, pay and the ways in."""
    first = job.summary.split(". ")[0].rstrip(".") + "."
    pay = f"£{job.pay_median:,} a year" if job.pay_median else "pay not known"
    ways = ", ".join(dict.fromkeys(ROUTE_NAMES.get(route.route, route.route)
                                   for route in job.routes))
    return f"{first}\n{pay} · {ways}"


class ExplorePage(QWidget):
    results_updated = Signal()  # the result list now matches the search box and filters
    def __init__(self, context: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
        self.library = context.library
        self.current: Job | None = None
        self.reasons: dict[str, tuple[str, ...]] = {}
        self.compare_slugs: list[str] = []  # up to MAX_COMPARE jobs picked to compare
        # A pupil sees the paths in from their own year group; staff see them from Year 7 on.
        self.year_group = (context.services.pupils.get(session, session.user_id).year_group
                           if session.is_pupil else None)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Explore careers"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        if self.library is None:
            note = QLabel(self.tr("The careers library is not installed on this computer. "
                                  "Ask IT staff to reinstall CareersDesk."))
            note.setObjectName("errorMessage")
            layout.addWidget(note)
            layout.addStretch(1)
            return
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a job, a subject or something you like"))
        self.search.setAccessibleName(self.tr("Search careers"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.addItem(self.tr("All categories"), None)
        for category in self.library.categories():
            self.category.addItem(category["name"], category["slug"])
        self.route = QComboBox()
        self.route.setAccessibleName(self.tr("Way in"))
        self.route.addItem(self.tr("Any way in"), None)
        for key, name in ROUTE_NAMES.items():
            self.route.addItem(self.tr(name), key)
        self.stem = QCheckBox(self.tr("STEM only"))
        row.addWidget(self.search, 3)
        row.addWidget(self.category, 2)
        row.addWidget(self.route, 1)
        row.addWidget(self.stem)
        layout.addLayout(row)
        more = QHBoxLayout()
        self.entry_level = QComboBox()
        self.entry_level.setAccessibleName(self.tr("Qualifications to start"))
        for label, level in ((self.tr("Any qualifications to start"), None),
                             (self.tr("Can start with no qualifications"), 1),
                             (self.tr("Can start after GCSEs"), 2),
                             (self.tr("Can start after A levels or a T Level"), 3)):
            self.entry_level.addItem(label, level)
        self.pay = QComboBox()
        self.pay.setAccessibleName(self.tr("Pay"))
        self.pay.addItem(self.tr("Any pay"), None)
        for pounds in (25_000, 30_000, 35_000, 40_000, 50_000):
            self.pay.addItem(self.tr("Typical pay £{pounds:,} or more").format(pounds=pounds),
                             pounds)
        self.interests = QComboBox()
        self.interests.setAccessibleName(self.tr("Interests"))
        self.interests.addItem(self.tr("Any interests"), "")
        for kind in self.library.quiz().types:
            self.interests.addItem(self.tr("For a {name}").format(name=kind.pupil_name),
                                   kind.letter)
        self.my_subjects = QCheckBox(self.tr("Uses subjects I like"))
        self.my_subjects.setAccessibleDescription(
            self.tr("Pick your subjects on the What I like page"))
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort"))
        for label, key in ((self.tr("Best match"), "match"),
                           (self.tr("Highest pay first"), "pay"),
                           (self.tr("Title A to Z"), "title")):
            self.sort.addItem(label, key)
        for widget in (self.entry_level, self.pay, self.interests):
            more.addWidget(widget, 1)
        more.addWidget(self.my_subjects)
        more.addWidget(self.sort)
        layout.addLayout(more)
        self.count = QLabel()
        layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        splitter.addWidget(self.results)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.profile = QTextBrowser()
        self.profile.setOpenLinks(False)
        self.profile.setAccessibleName(self.tr("Job profile"))
        right_layout.addWidget(self.profile, 1)
        self.read_aloud = ReadAloudBar(self.profile)
        right_layout.addWidget(self.read_aloud)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save to my shortlist"))
        self.save_button.setObjectName("primary")
        self.save_button.setEnabled(False)
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Explore message"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why I like it (optional)"))
        self.note.setAccessibleName(self.tr("Note for my shortlist"))
        self.print_button = QPushButton(self.tr("&Print"))
        self.print_button.setEnabled(False)
        self.compare_add_button = QPushButton(self.tr("Add to &compare"))
        self.compare_add_button.setEnabled(False)
        self.compare_button = QPushButton()
        self.compare_button.setAccessibleDescription(
            self.tr("Shows the jobs you picked side by side"))
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.compare_add_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.print_button)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.message)
        splitter.addWidget(right)
        splitter.setSizes([320, 680])
        layout.addWidget(splitter, 1)

        # Search runs a moment after typing pauses, so every key press stays instant.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TYPING_PAUSE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self._show_first = QTimer(self)
        self._show_first.setSingleShot(True)
        self._show_first.setInterval(0)
        self._show_first.timeout.connect(self._select_first)
        self.category.currentIndexChanged.connect(self.refresh)
        self.route.currentIndexChanged.connect(self.refresh)
        self.stem.toggled.connect(self.refresh)
        for combo in (self.entry_level, self.pay, self.interests, self.sort):
            combo.currentIndexChanged.connect(self.refresh)
        self.my_subjects.toggled.connect(self.refresh)
        self.results.currentItemChanged.connect(self._chosen)
        self.profile.anchorClicked.connect(self._link)
        self.save_button.clicked.connect(self.save_current)
        self.compare_add_button.clicked.connect(self.add_current_to_compare)
        self.print_button.clicked.connect(self.print_profile)
        limit_line(self.note, MAX_NOTE_CHARS, self.message)
        limit_line(self.search, MAX_SEARCH_CHARS, self.message)
        self.compare_button.clicked.connect(self.open_compare)
        self._update_compare_button()
        context.hub.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if "display" in changes.kinds and self.current is not None:
            self.show_job(self.current.slug)

    def filters(self) -> SearchFilters:
        subjects: tuple[str, ...] = ()
        if self.my_subjects.isChecked() and self.session.is_pupil:
            subjects = self.context.services.careers.choices(
                self.session, self.session.user_id).favourite_subjects
        return SearchFilters(
            categories=(self.category.currentData(),) if self.category.currentData() else (),
            routes=(self.route.currentData(),) if self.route.currentData() else (),
            stem=True if self.stem.isChecked() else None,
            max_entry_level=self.entry_level.currentData(),
            min_pay=self.pay.currentData(),
            interests=self.interests.currentData() or "",
            subjects=subjects)

    def refresh(self) -> None:
        assert self.library is not None
        # Typing shows the best 50; browsing (no words typed) lists every job that fits.
        typed = bool(self.search.text().strip())
        found = self.library.search(self.search.text(), self.filters(),
                                    limit=50 if typed else self.library.count())
        jobs = [job for result in found if (job := self.library.job(result.slug))]
        if self.sort.currentData() == "pay":
            jobs.sort(key=lambda job: -(job.pay_median or 0))
        elif self.sort.currentData() == "title":
            jobs.sort(key=lambda job: job.title.casefold())
        # Quiet while the list is rebuilt: clearing it would otherwise move the current row
        # through the old results one by one, drawing a profile page for each.
        self.results.blockSignals(True)
        self.results.clear()
        for job in jobs:
            item = QListWidgetItem(job.title)
            line = result_line(job)
            item.setData(Qt.ItemDataRole.UserRole, job.slug)
            item.setData(DETAIL_ROLE, line)
            item.setToolTip(line)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, line)
            self.results.addItem(item)
        self.results.blockSignals(False)
        self.count.setText(plural(len(found), "job") if found else
                           self.tr("No jobs match. Try another word or fewer filters."))
        self.results_updated.emit()
        if found:
            # The list shows first; the top job's profile follows a moment later, so typing
            # never waits for a page to be laid out.
            self._show_first.start()

    def _select_first(self) -> None:
        # The window may have been closed (signed out) since the results were listed.
        if not self.isVisible():
            return
        if self.results.count() and self.results.currentRow() < 0:
            self.results.setCurrentRow(0)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_job(item.data(Qt.ItemDataRole.UserRole))

    def show_job(self, slug: str, reasons: tuple[str, ...] = ()) -> bool:
        assert self.library is not None
        job = self.library.job(slug)
        if job is None:
            return False
        self.current = job
        self.profile.setHtml(job_profile_html(self.library, job,
                                              reasons or self.reasons.get(slug, ()),
                                              current_theme_key(), self.year_group))
        self.save_button.setEnabled(self.session.is_pupil)
        self.compare_add_button.setEnabled(True)
        self.print_button.setEnabled(True)
        saved = {item.job_slug: item.note for item in self._shortlist()}
        self.note.setText(saved.get(slug, ""))
        self.message.clear()
        return True

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("job:"):
            self.show_job(target[4:])

    def save_current(self) -> bool:
        if self.current is None:
            return False
        try:
            changes = self.context.services.careers.save_career(
                self.session, self.session.user_id, self.current.slug, self.note.text().strip())
        except CareersDeskError as exc:
            self.message.setText(str(exc))
            return False
        announce(self.message, self.tr("Saved {title} to your shortlist.").format(
            title=self.current.title))
        self.context.hub.announce(changes)
        return True

    # -- compare ------------------------------------------------------------------------------

    def _update_compare_button(self) -> None:
        count = len(self.compare_slugs)
        self.compare_button.setText(self.tr("Compare ({count})").format(count=count))
        self.compare_button.setEnabled(count >= 2)

    def add_current_to_compare(self) -> bool:
        """Pick the job on screen for comparing; the oldest pick drops off after three."""
        if self.current is None:
            return False
        slug = self.current.slug
        if slug in self.compare_slugs:
            self.message.setText(self.tr("{title} is already picked to compare.").format(
                title=self.current.title))
            return False
        self.compare_slugs = [*self.compare_slugs, slug][-MAX_COMPARE:]
        self._update_compare_button()
        if len(self.compare_slugs) < 2:
            self.message.setText(self.tr("Picked {title}. Pick one or two more jobs to compare "
                                         "it with.").format(title=self.current.title))
        else:
            self.message.setText(self.tr("Picked {title}. Press Compare to see them side by "
                                         "side.").format(title=self.current.title))
        return True

    def compare_dialog(self) -> QDialog:
        assert self.library is not None
        jobs = [job for slug in self.compare_slugs if (job := self.library.job(slug))]
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Compare jobs"))
        layout = QVBoxLayout(dialog)
        view = QTextBrowser()
        view.setObjectName("compareView")
        view.setAccessibleName(self.tr("Jobs side by side"))
        view.setHtml(compare_html(self.library, jobs, current_theme_key()))
        layout.addWidget(view, 1)
        buttons = QHBoxLayout()
        clear = QPushButton(self.tr("Clear my picks"))
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(clear)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        clear.clicked.connect(self.clear_compare)
        clear.clicked.connect(dialog.accept)
        close.clicked.connect(dialog.accept)
        dialog.resize(900, 620)
        return dialog

    def open_compare(self) -> None:
        if len(self.compare_slugs) >= 2:
            self.compare_dialog().exec()

    def clear_compare(self) -> None:
        self.compare_slugs = []
        self._update_compare_button()

    # -- shortlist notes and printing ---------------------------------------------------------

    def _shortlist(self) -> list[SavedCareer]:
        if not self.session.is_pupil:
            return []
        return self.context.services.careers.shortlist(self.session, self.session.user_id)

    def print_to(self, printer: QPrinter) -> None:
        self.profile.document().print_(printer)

    def save_profile_pdf(self, path: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.print_to(printer)

    def print_profile(self) -> None:
        if self.current is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
