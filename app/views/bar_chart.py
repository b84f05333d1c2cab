"""A plain horizontal bar chart drawn with QPainter (QtCharts ships only in PySide6-Addons).

One bar per line, its label on the left and its number written at its end,
so the chart never relies on colour or length alone; the same numbers stand
in the table beside it. A number that is not shown ("<3", "*") gets no bar
at all (a bar's length would give it away), only its mark. The accessible
description reads the whole chart as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOUR = QColor("#3a6ea5")
ROW_HEIGHT = 22
LABEL_WIDTH = 150
VALUE_WIDTH = 48
MARGIN = 8


@dataclass(frozen=True)
class Bar:
    label: str
    #: None when the number is not shown
    value: int | None
    #: what is written at the bar's end ("12", "<3", "*")
    text: str


class BarChart(QWidget):
    """Horizontal bars, as tall as it has lines (put it in a scroll area)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("统计图"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_bars(self, title: str, bars: list[Bar]) -> None:
        self._title = title
        self._bars = list(bars)
        self.setAccessibleDescription(
            title + ":" + ";".join(f"{b.label} {b.text}" for b in self._bars)
        )
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _height(self) -> int:
        return MARGIN * 2 + ROW_HEIGHT * (len(self._bars) + 1)

    def sizeHint(self) -> QSize:
        return QSize(360, self._height())

    def bar_width(self, value: int | None, area: float) -> float:
        """Length of a bar in ``area`` pixels, against the largest shown number."""
        top = max((b.value or 0 for b in self._bars if b.value is not None), default=0)
        if value is None or top <= 0:
            return 0.0
        return area * value / top

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = QFontMetrics(self.font())
        width = self.width() - 2 * MARGIN
        area = max(width - LABEL_WIDTH - VALUE_WIDTH - 8, 10)
        painter.setPen(text)
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(MARGIN, MARGIN, width, ROW_HEIGHT),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(self.font())
        for i, bar in enumerate(self._bars):
            y = MARGIN + ROW_HEIGHT * (i + 1)
            painter.setPen(text)
            painter.drawText(
                QRectF(MARGIN, y, LABEL_WIDTH - 6, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideLeft, LABEL_WIDTH - 6),
            )
            length = self.bar_width(bar.value, area)
            x = MARGIN + LABEL_WIDTH
            if length > 0:
                painter.fillRect(QRectF(x, y + 4, length, ROW_HEIGHT - 8), BAR_COLOUR)
            painter.setPen(QPen(text))
            painter.drawText(
                QRectF(x + length + 4, y, VALUE_WIDTH, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.text,
            )
        # the axis
        painter.setPen(QPen(text, 1))
        x = MARGIN + LABEL_WIDTH
        painter.drawLine(x, MARGIN + ROW_HEIGHT, x, MARGIN + ROW_HEIGHT * (len(self._bars) + 1))
        painter.end()
