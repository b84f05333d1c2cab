"""The file handed to an outside party under an approved external provision (article 17.3).

It holds exactly what was approved: for each approved customer, the approved
items with their values, nothing else. Above them it says who it is for, why,
on what legal basis, how it is delivered and who approved it when; under them,
that it is for that use only. Every page carries the watermark of
:mod:`app.printing.watermark` naming the application, the person who produced
it, the moment and the recipient, and a footer with the serial and
"第 n 页 共 N 页", so a missing or extra page shows.

The workflow (app/workflows/external_provision.py) reads the content and
decides what goes in; this module only lays it out. The PDF's metadata holds
the title only: a file listing or a print queue shows no customer data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from app.printing import watermark
from app.printing.consultation_form import (
    PageLayout,
    document_template,
    minute,
    numbered_canvas,
    page_footer,
)
from app.printing.fonts import FontChoice, cjk_font

TITLE = "客户信息对外提供件"

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = RIGHT_MARGIN = 18 * mm
TOP_MARGIN = 16 * mm
BOTTOM_MARGIN = 20 * mm
PAGE = PageLayout(PAGE_WIDTH, PAGE_HEIGHT, LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN, BOTTOM_MARGIN)
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
LABEL_WIDTH = 30 * mm
ITEM_WIDTH = 48 * mm
LABEL_FILL = colors.HexColor("#F0F0F0")
SECTION_FILL = colors.HexColor("#DCDCDC")


@dataclass(frozen=True)
class ProvidedItem:
    label: str
    value: str


@dataclass(frozen=True)
class ProvidedCustomer:
    archive_no: str
    #: 个人客户 / 农户
    kind: str
    items: tuple[ProvidedItem, ...]


@dataclass(frozen=True)
class ApprovalLine:
    step: str
    signer: str
    #: local time, as printed
    signed_at: datetime


@dataclass(frozen=True)
class ProvisionDocument:
    branch_name: str
    serial: str
    recipient_org: str
    recipient_person: str
    purpose: str
    legal_basis: str
    delivery: str
    approvals: tuple[ApprovalLine, ...]
    customers: tuple[ProvidedCustomer, ...]
    produced_by: str
    #: local time, as printed
    produced_at: datetime
    #: the text stamped diagonally on every page
    watermark: str


def markup(value: str) -> str:
    """User text as Paragraph markup: escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in value.splitlines()) if value else ""


class Styles:
    def __init__(self, font: FontChoice) -> None:
        base: dict[str, Any] = {"fontName": font.name, "wordWrap": "CJK"}
        self.body = ParagraphStyle("body", fontSize=10, leading=14, **base)
        self.label = ParagraphStyle("label", parent=self.body, alignment=TA_CENTER)
        self.small = ParagraphStyle("small", fontSize=8, leading=11, **base)
        self.title = ParagraphStyle("title", fontSize=18, leading=24, alignment=TA_CENTER, **base)
        self.heading = ParagraphStyle("heading", fontSize=11, leading=15, **base)


def _grid(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


def _story(doc: ProvisionDocument, s: Styles) -> list[Flowable]:
    def p(markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup, style or s.body)

    approvals = "<br/>".join(
        f"{escape(a.step)}：{escape(a.signer)}　{minute(a.signed_at)}" for a in doc.approvals
    )
    recipient = escape(doc.recipient_org)
    if doc.recipient_person:
        recipient += f"（接收人：{escape(doc.recipient_person)}）"
    rows = [
        [p("编号", s.label), p(escape(doc.serial))],
        [p("提供单位", s.label), p(escape(doc.branch_name))],
        [p("接收方", s.label), p(recipient)],
        [p("用途", s.label), p(markup(doc.purpose))],
        [p("法律依据", s.label), p(markup(doc.legal_basis))],
        [p("交付方式", s.label), p(escape(doc.delivery))],
        [p("审批", s.label), p(approvals)],
        [
            p("经办人", s.label),
            p(f"{escape(doc.produced_by)}　生成时间 {minute(doc.produced_at)}"),
        ],
    ]
    story: list[Flowable] = [
        p(TITLE, s.title),
        Spacer(1, 4 * mm),
        Table(
            rows,
            colWidths=[LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH],
            splitInRow=1,
            style=_grid([("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]),
        ),
        Spacer(1, 5 * mm),
    ]
    story += customer_sections(doc.customers, s)
    story.append(
        p(
            f"以上客户信息经{escape('、'.join(a.step for a in doc.approvals))}后提供，"
            f"仅限{escape(doc.recipient_org)}用于上述用途，不得转作他用，"
            "不得向任何第三方提供或公开；用毕请按规定销毁或退回。",
            s.small,
        )
    )
    return story


def customer_sections(customers: Sequence[ProvidedCustomer], s: Styles) -> list[Flowable]:
    """Each customer's heading and its 项目 / 内容 table (shared with the copies' document)."""
    story: list[Flowable] = []
    for number, customer in enumerate(customers, 1):
        head = Paragraph(
            f"{number}. 档案编号 {escape(customer.archive_no)}（{escape(customer.kind)}）",
            s.heading,
        )
        body: list[list[Any]] = [[Paragraph("项目", s.label), Paragraph("内容", s.label)]]
        body += [
            [Paragraph(escape(item.label), s.body), Paragraph(markup(item.value), s.body)]
            for item in customer.items
        ]
        table = Table(
            body,
            colWidths=[ITEM_WIDTH, FRAME_WIDTH - ITEM_WIDTH],
            repeatRows=1,
            splitInRow=1,
            style=_grid(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), SECTION_FILL),
                    ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
                ]
            ),
        )
        # a customer's heading never stands alone at the foot of a page
        story += [KeepTogether([head, Spacer(1, 1.5 * mm), table]), Spacer(1, 4 * mm)]
    return story


def _footer(font: FontChoice, doc: ProvisionDocument, pages: list[int]) -> Callable[..., None]:
    return page_footer(
        font, f"编号：{doc.serial}", f"仅限{doc.recipient_org}使用", layout=PAGE, pages_seen=pages
    )


def render(doc: ProvisionDocument, out: Path | BinaryIO, *, font: FontChoice | None = None) -> int:
    """Write the document to ``out`` (a path or a binary file object); returns its page count."""
    font = font or cjk_font()
    pages: list[int] = [0]
    template = document_template(out, TITLE, PAGE)
    mark = doc.watermark
    if not font.covers(mark):
        mark = mark.replace(watermark.SEPARATOR, " - ")
    canvas = watermark.watermarked(numbered_canvas(_footer(font, doc, pages)), mark, font.name)
    template.build(_story(doc, Styles(font)), canvasmaker=canvas)
    return pages[0]
