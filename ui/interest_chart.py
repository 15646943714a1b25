"""A pupil's six interest scores as a bar chart drawn by the app, with a text version beside it.

Drawn with QPainter from the palette, so it follows the theme and text size, and needs no
charting library. A screen reader gets the same figures from the accessible description, and
sighted pupils who prefer words get them in the table under the chart.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

LETTERS = "RIASEC"


class InterestChart(QWidget):
    """Six horizontal bars, one per interest type, strongest drawn in the highlight colour."""

    def __init__(self, type_names: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_names = dict(type_names)  # letter -> pupil-friendly name ("hands-on")
        self.scores: dict[str, float] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Your interests chart"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can land on it

    def set_scores(self, scores: Mapping[str, float]) -> None:
        self.scores = {letter: float(scores.get(letter, 0.0)) for letter in LETTERS}
        self.setAccessibleDescription(self.as_text())
        self.updateGeometry()
        self.update()

    def as_text(self) -> str:
        """The chart in words, strongest first: the text alternative the issue asks for."""
        order = sorted(LETTERS, key=lambda letter: (-self.scores.get(letter, 0.0),
                                                    LETTERS.index(letter)))
        return "; ".join(f"{self._label(letter)}: {round(self.scores.get(letter, 0.0))} out of 100"
                         for letter in order)

    def _label(self, letter: str) -> str:
        name = self.type_names.get(letter, letter)
        return f"{name} ({letter})" if name != letter else letter

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:
        return QSize(420, self._row_height() * len(LETTERS) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        row = self._row_height()
        label_width = max(metrics.horizontalAdvance(self._label(letter)) for letter in LETTERS) + 12
        value_width = metrics.horizontalAdvance("100") + 10
        bar_space = max(40, self.width() - label_width - value_width)
        strongest = max(self.scores.values(), default=0.0)
        for index, letter in enumerate(LETTERS):
            top = index * row
            score = self.scores.get(letter, 0.0)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(0, top, label_width - 8, row),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             self._label(letter))
            track = QRectF(label_width, top + row * 0.2, bar_space, row * 0.6)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawRect(track)
            if score > 0:
                role = (QPalette.ColorRole.Highlight if score == strongest
                        else QPalette.ColorRole.Dark)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.color(role))
                painter.drawRect(QRectF(track.left(), track.top(),
                                        bar_space * min(score, 100.0) / 100.0, track.height()))
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(label_width + bar_space + 6, top, value_width, row),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             str(round(score)))
        painter.end()
