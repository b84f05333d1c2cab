"""The 客户信息销毁清册 (policy 第18条) as a landscape A4 PDF.

One line per destroyed archive: the register's number, the archive number,
the masked title, the year it was made, its retention, the carriers and how
many, how they were destroyed, who approved, who destroyed them, the two
witnesses (and the custodian for 机密/绝密), and the date. The register is
kept permanently; this is its paper copy for the file and for inspectors.

Only what the register holds reaches this module (no customer content: the
title is masked). The PDF metadata holds the title only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.printing.consultation_form import (
    PageLayout,
    document_template,
    grid,
    numbered_canvas,
    page_footer,
    printed_line,
)
from app.printing.fonts import FontChoice, cjk_font

TITLE = "客户信息销毁清册"
#: printed under the title: the rule the register serves
POLICY_LINE = (
    "依据《客户信息管理操作制度》第18条:对失去保存价值的信息文件要按规定销毁,不得当成废纸出售。"
)

#: (title, width in mm): 271 mm, the landscape page less its margins
COLUMNS = (
    ("清册编号", 27),
    ("档案编号", 34),
    ("题名", 22),
    ("类别/密级", 19),
    ("年度", 11),
    ("保管期限", 14),
    ("载体及数量", 23),
    ("销毁方式", 30),
    ("批准人", 17),
    ("执行人", 23),
    ("监销人", 31),
    ("销毁日期", 20),
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
LEFT_MARGIN = RIGHT_MARGIN = 12 * mm
TOP_MARGIN = 14 * mm
BOTTOM_MARGIN = 18 * mm
PAGE = PageLayout(PAGE_WIDTH, PAGE_HEIGHT, LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN, BOTTOM_MARGIN)
HEADER_FILL = colors.HexColor("#E6E6E6")


@dataclass(frozen=True)
class RegisterEntry:
    register_no: str
    archive_no: str
    #: the masked title (张*丰); "" for 机密/绝密
    title: str
    category: str
    tier: str
    year: int
    retention_years: int
    carriers: str
    quantity: int
    method: str
    approver: str
    executors: str
    witnesses: str
    #: the custodian present (机密/绝密), or ""
    custodian: str
    destroyed_on: date
    request_serial: str


@dataclass(frozen=True)
class RegisterDocument:
    branch_name: str
    #: the year the register covers, or None for all of it
    year: int | None
    lines: tuple[RegisterEntry, ...]
    printed_by: str
    printed_at: datetime


class _Styles:
    def __init__(self, font: FontChoice) -> None:
        base = {"fontName": font.name, "wordWrap": "CJK"}
        self.cell = ParagraphStyle("cell", fontSize=7.5, leading=9.5, **base)
        self.head = ParagraphStyle("head", parent=self.cell, alignment=TA_CENTER)
        self.title = ParagraphStyle("title", fontSize=18, leading=24, alignment=TA_CENTER, **base)
        self.sub = ParagraphStyle("sub", fontSize=9, leading=12, alignment=TA_CENTER, **base)
        self.small = ParagraphStyle("small", fontSize=8, leading=11, **base)


def _cells(entry: RegisterEntry, styles: _Styles) -> list[Paragraph]:
    witnesses = escape(entry.witnesses)
    if entry.custodian:
        witnesses += f"<br/>保密专管员:{escape(entry.custodian)}"
    values = (
        escape(entry.register_no),
        escape(entry.archive_no) + f"<br/><font size=6>{escape(entry.request_serial)}</font>",
        escape(entry.title or "—"),
        f"{escape(entry.category)}<br/>{escape(entry.tier)}",
        str(entry.year),
        f"{entry.retention_years} 年",
        f"{escape(entry.carriers or '—')}<br/>共 {entry.quantity} 件",
        escape(entry.method).replace(";", "<br/>"),
        escape(entry.approver),
        escape(entry.executors),
        witnesses,
        entry.destroyed_on.isoformat(),
    )
    return [Paragraph(value, styles.cell) for value in values]


def _story(document: RegisterDocument, font: FontChoice) -> list[Flowable]:
    styles = _Styles(font)
    scope = f"{document.year} 年度" if document.year else "全部"
    story: list[Flowable] = [
        Paragraph(escape(TITLE), styles.title),
        Paragraph(
            escape(f"{document.branch_name}　{scope}　共 {len(document.lines)} 份档案"), styles.sub
        ),
        Spacer(1, 2 * mm),
        Paragraph(escape(POLICY_LINE), styles.small),
        Spacer(1, 3 * mm),
    ]
    header = [Paragraph(escape(name), styles.head) for name, _ in COLUMNS]
    rows: list[list[Paragraph]] = [header]
    rows += [_cells(entry, styles) for entry in document.lines]
    if not document.lines:
        empty = [Paragraph("", styles.cell) for _ in COLUMNS]
        empty[0] = Paragraph("(尚无销毁记录)", styles.cell)
        rows.append(empty)
    widths = [w * mm for _, w in COLUMNS]
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=grid([("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]),
    )
    story.append(table)
    return story


def render_register(
    document: RegisterDocument, out: Path | BinaryIO, *, font: FontChoice | None = None
) -> None:
    """Print the register to ``out`` (a path or a binary file object)."""
    font = font or cjk_font()
    doc = document_template(out, TITLE, PAGE)
    footer = page_footer(
        font,
        "本清册永久保存",
        printed_line(document.printed_by, document.printed_at),
        heading=f"{TITLE}（续）",
        layout=PAGE,
    )
    doc.build(_story(document, font), canvasmaker=numbered_canvas(footer))


def render_register_bytes(document: RegisterDocument, *, font: FontChoice | None = None) -> bytes:
    buffer = io.BytesIO()
    render_register(document, buffer, font=font)
    return buffer.getvalue()


def column_titles() -> Sequence[str]:
    return [name for name, _ in COLUMNS]
