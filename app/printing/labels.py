"""Archive labels (档案标签) on an A4 sheet of 14 self-adhesive labels (2 x 7, 99.1 x 38.1 mm).

A label goes on a file's spine or a disk's sleeve. It carries the catalogue
line only: the archive number in writing and as a Code 128 barcode (what
the stock-take scans), the category and sub-type, the carrier and the place
it belongs, and for 机密/绝密 archives the mark in red and bold inside a box
(so it reads on a black-and-white printer too, article 16). Never a
customer's name or any other content. A thin grey outline is printed as a
cutting guide when the sheet is plain paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import FontChoice, cjk_font

TITLE = "档案标签"
PAGE_WIDTH, PAGE_HEIGHT = A4
COLUMNS, ROWS = 2, 7
LABEL_WIDTH, LABEL_HEIGHT = 99.1 * mm, 38.1 * mm
LEFT, TOP = 4.65 * mm, 15.15 * mm
GAP = 2.5 * mm
PADDING = 3.5 * mm
PER_SHEET = COLUMNS * ROWS
BARCODE_HEIGHT = 11 * mm
#: narrowest bar a common hand scanner reads reliably from a laser print
MIN_BAR = 0.25 * mm
MAX_BAR = 0.38 * mm
SECRET_COLOUR = colors.HexColor("#C00000")
GUIDE_COLOUR = colors.HexColor("#BBBBBB")


@dataclass(frozen=True)
class ArchiveLabel:
    """One label: catalogue data only."""

    archive_no: str
    category: str
    subtype: str
    #: 机密 / 绝密, or "" for ordinary
    tier_mark: str
    #: 纸质 / 磁盘, or "" when the archive has no physical carrier
    carrier: str
    #: 柜 A1 / 盒 12 / 卷 3, or ""
    location: str


def _bold_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Text drawn filled and stroked: a bold look with any font (CJK fonts have no bold face)."""
    obj = canvas.beginText(x, y)
    obj.setFont(font, size)
    obj.setTextRenderMode(2)
    obj.textOut(text)
    obj.setTextRenderMode(0)  # the mode outlives the text object: later text is plain
    canvas.drawText(obj)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis so that it fits ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def barcode(value: str, width: float) -> Code128:
    """A Code 128 barcode of ``value`` as wide as possible within ``width``, quiet zones included."""
    bar = MAX_BAR
    code = Code128(value, barWidth=bar, barHeight=BARCODE_HEIGHT, humanReadable=False)
    if code.width > width:
        bar = max(MIN_BAR, bar * width / code.width)
        code = Code128(value, barWidth=bar, barHeight=BARCODE_HEIGHT, humanReadable=False)
    return code


def _origin(index: int) -> tuple[float, float]:
    """Bottom-left corner of the ``index``-th label on its sheet (row by row)."""
    row, column = divmod(index % PER_SHEET, COLUMNS)
    x = LEFT + column * (LABEL_WIDTH + GAP)
    y = PAGE_HEIGHT - TOP - (row + 1) * LABEL_HEIGHT
    return x, y


def _draw(canvas: Canvas, label: ArchiveLabel, x: float, y: float, font: FontChoice) -> None:
    name = font.name
    canvas.saveState()
    canvas.setStrokeColor(GUIDE_COLOUR)
    canvas.setLineWidth(0.3)
    canvas.roundRect(x + 1, y + 1, LABEL_WIDTH - 2, LABEL_HEIGHT - 2, 2 * mm, stroke=1, fill=0)
    inner = LABEL_WIDTH - 2 * PADDING
    left, top = x + PADDING, y + LABEL_HEIGHT - PADDING

    mark_width = 0.0
    if label.tier_mark:
        size = 12
        mark_width = stringWidth(label.tier_mark, name, size) + 3 * mm
        box_x = x + LABEL_WIDTH - PADDING - mark_width
        canvas.setStrokeColor(SECRET_COLOUR)
        canvas.setFillColor(SECRET_COLOUR)
        canvas.setLineWidth(1.2)
        canvas.rect(box_x, top - 6.5 * mm, mark_width, 6.5 * mm, stroke=1, fill=0)
        canvas.setLineWidth(0.5)
        _bold_text(canvas, box_x + 1.5 * mm, top - 5 * mm, label.tier_mark, name, size)

    canvas.setFillColor(colors.black)
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.5)
    number_size = 15
    number = _fit(label.archive_no, name, number_size, inner - mark_width - 2 * mm)
    _bold_text(canvas, left, top - 5.5 * mm, number, name, number_size)

    canvas.setFont(name, 9)
    kind = label.category + (f" · {label.subtype}" if label.subtype else "")
    canvas.drawString(left, top - 10.5 * mm, _fit(kind, name, 9, inner))
    place = "  ".join(part for part in (label.carrier, label.location) if part)
    if place:
        canvas.setFont(name, 8)
        canvas.drawString(left, top - 14.5 * mm, _fit(place, name, 8, inner))

    code = barcode(label.archive_no, inner)
    code.drawOn(canvas, x + (LABEL_WIDTH - code.width) / 2, y + 2.5 * mm)
    canvas.restoreState()


def render_labels(
    labels: Sequence[ArchiveLabel],
    out: Path | BinaryIO,
    *,
    skip: int = 0,
    font: FontChoice | None = None,
) -> int:
    """Print ``labels`` on A4 sheets to ``out``; returns the number of pages.

    ``skip`` leaves that many labels of the first sheet empty (a sheet already
    partly used).
    """
    font = font or cjk_font()
    target: str | BinaryIO = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=A4)
    # Metadata is visible in file managers and print queues: the title only.
    canvas.setTitle(TITLE)
    canvas.setAuthor("")
    canvas.setCreator("custarchive")
    pages = 0
    position = skip % PER_SHEET
    if not labels:
        canvas.showPage()
        pages = 1
    for label in labels:
        if position and position % PER_SHEET == 0:
            canvas.showPage()
            pages += 1
        x, y = _origin(position)
        _draw(canvas, label, x, y, font)
        position += 1
    if labels:
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages
