"""A diagonal watermark on every page of a PDF that carries customer information outward.

Whatever leaves the archive as a file (an external provision, later an
approved copy or export) says on every page what it is, who made it, when and
for whom: "对外提供 DW-2026-000001 · 经办人 王晓明 · 2026-11-28 10:30 · 仅限某某法院使用".
The text runs diagonally across the page in several rows, light grey and half
transparent, drawn over the content so that no table fill can hide it, and
light enough that the content under it reads. It is real text in the page's
font, so it survives printing, a photocopy (as grey) and text extraction, and
a page cut out of the document still names where it came from.

Use :func:`watermarked` to wrap any reportlab canvas class (a plain
``Canvas`` or one that numbers pages), or :func:`stamp` on a canvas by hand.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

#: the watermark's colour and opacity: visible on white, readable text underneath
COLOUR = colors.Color(0.45, 0.45, 0.45)
OPACITY = 0.22
ANGLE = 35.0
#: the largest and smallest type size; a long text is set smaller to fit the diagonal
MAX_SIZE = 15.0
MIN_SIZE = 8.0
#: distance between rows, in multiples of the type size
ROW_GAP = 9.0
SEPARATOR = " · "


def text(*parts: str) -> str:
    """The watermark's parts joined as printed: "对外提供 DW-… · 经办人 … · … · 仅限…使用"."""
    return SEPARATOR.join(p.strip() for p in parts if p and p.strip())


def stamp(canvas: Canvas, mark: str, font_name: str, width: float, height: float) -> None:
    """Draw ``mark`` in diagonal rows across a ``width`` x ``height`` page, over what is there."""
    if not mark:
        return
    diagonal = math.hypot(width, height)
    unit = stringWidth(mark, font_name, 1.0) or 1.0
    size = max(MIN_SIZE, min(MAX_SIZE, diagonal * 0.8 / unit))
    gap = size * ROW_GAP
    rows = int(diagonal / gap / 2) + 1
    canvas.saveState()
    canvas.setFillColor(COLOUR)
    canvas.setFillAlpha(OPACITY)
    canvas.setFont(font_name, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(ANGLE)
    for row in range(-rows, rows + 1):
        canvas.drawCentredString(0, row * gap - size / 3, mark)
    canvas.restoreState()


def watermarked(base: type[Canvas], mark: str, font_name: str) -> type[Canvas]:
    """A subclass of ``base`` that stamps ``mark`` on each page as the page is finished."""

    class WatermarkedCanvas(base):  # type: ignore[misc, valid-type]
        def showPage(self) -> None:
            width, height = self._pagesize
            stamp(self, mark, font_name, width, height)
            super().showPage()

    return WatermarkedCanvas
