"""The 数码客户信息查阅申请表 (policy 第13-14条) as an A4 PDF.

The paper form is what the unit head signs by hand and what an inspector finds
in the file years later, so it carries everything needed to check it against
the archive without the program: every field of the application, each
reviewer's decision with the fingerprint of the key that signed it and whether
that signature verified when printed, and a QR code with the serial and the
SHA-256 of the application's canonical content.

Only catalogue lines reach this module (archive number, category, tier and a
masked name): never a customer's content. The PDF metadata holds the form's
title only, so a file listing or a print queue shows no customer data.

A blank form with the same layout is printed for people who apply on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    XPreformatted,
)
from reportlab.platypus.tables import TableStyle

from app.printing.fonts import FontChoice, cjk_font

TITLE = "数码客户信息查阅申请表"

#: The two notes printed under the policy's form, word for word.
NOTES = (
    "1、各相关人员在利用信息过程中,严格执行客户信息保密制度。",
    "2、客户经理对信息利用过程中的保密工作进行监督检查。",
)

MODES = ("阅览", "摘抄", "复制")
DECISIONS = ("同意", "不同意")
MANAGER_STEP = "客户经理审核意见"
UNIT_HEAD_STEP = "单位负责人签批意见"
CUSTOMER_COLUMNS = ("序号", "档案编号", "类别", "子类", "密级", "客户名称")


@dataclass(frozen=True)
class FormCustomer:
    """One catalogue line of a customer the application asks to consult."""

    archive_no: str
    category: str
    subtype: str
    tier: str
    masked_name: str


@dataclass(frozen=True)
class FormSignature:
    """One approval step as printed: decision, opinion and the state of its signature."""

    step: str
    decision: str
    opinion: str
    signer: str
    signed_at: datetime | None
    fingerprint: str
    valid: bool | None


@dataclass(frozen=True)
class ConsultationForm:
    """Everything printed on a filled form; built by the consultation workflow."""

    branch_name: str
    serial: str
    applied_on: date
    applicant_name: str
    department: str
    position: str
    phone: str
    customers: tuple[FormCustomer, ...]
    purpose: str
    reason: str
    mode: str
    period_start: date | None
    period_end: date | None
    state: str
    manager_reviews: tuple[FormSignature, ...]
    unit_head: FormSignature | None
    content_hash: str
    printed_by: str
    printed_at: datetime


def qr_payload(serial: str, content_hash: str) -> str:
    """The text in the form's QR code: enough to find the application and check its content."""
    return f"CY|{serial}|{content_hash}"


def choice_marks(font: FontChoice) -> tuple[str, str]:
    """(ticked, unticked) box marks the font can draw.

    ☑/☐ are missing from most Chinese fonts (WenQuanYi, the built-in CID font);
    a bracketed check mark reads the same on paper and survives text extraction.
    """
    if font.covers("☑☐"):
        return "☑", "☐"
    if font.covers("√"):
        return "[√]", "[ ]"
    return "[x]", "[ ]"


# Geometry. A4 portrait with margins that suit a binder's punched edge.
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = RIGHT_MARGIN = 18 * mm
TOP_MARGIN = 14 * mm
BOTTOM_MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
LABEL_WIDTH = 24 * mm
QR_SIZE = 20 * mm
VALUE_WIDTH = FRAME_WIDTH - LABEL_WIDTH

BODY_SIZE = 9.5
SMALL_SIZE = 7.5
LABEL_FILL = colors.HexColor("#F0F0F0")
SECTION_FILL = colors.HexColor("#DCDCDC")
INVALID_COLOUR = "#B00000"


class Styles:
    """Paragraph styles in one font; CJK wrapping so long Chinese text breaks anywhere."""

    def __init__(self, font: FontChoice) -> None:
        base: dict[str, Any] = {"fontName": font.name, "wordWrap": "CJK"}
        self.body = ParagraphStyle("body", fontSize=BODY_SIZE, leading=12.5, **base)
        self.label = ParagraphStyle("label", parent=self.body, alignment=TA_CENTER)
        self.section = ParagraphStyle("section", parent=self.body, alignment=TA_LEFT)
        self.small = ParagraphStyle("small", fontSize=SMALL_SIZE, leading=10, **base)
        self.small_right = ParagraphStyle("small_right", parent=self.small, alignment=TA_RIGHT)
        self.title = ParagraphStyle("title", fontSize=20, leading=26, alignment=TA_CENTER, **base)


# Gaps are ideographic spaces, printed with XPreformatted because a Paragraph
# collapses them; a no-break space would do in a Paragraph but is a box in the
# built-in CID font.
_GAP = "\u3000" * 2
_BLANK_DAY = "\u3000" * 3 + "年" + "\u3000" * 2 + "月" + "\u3000" * 2 + "日"


def _text(value: str) -> str:
    """User text as Paragraph markup: escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in value.splitlines()) if value else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def minute(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _step_label(step: str) -> str:
    """Break "客户经理审核意见" before "审核意见" instead of wherever the cell ends."""
    if len(step) > 6 and step.endswith("意见"):
        return f"{escape(step[:-4])}<br/>{escape(step[-4:])}"
    return escape(step)


def _ticks(options: Sequence[str], chosen: str, marks: tuple[str, str]) -> str:
    """Every option with its box, the chosen one ticked; an unknown choice is shown too."""
    ticked, unticked = marks
    parts = [f"{ticked if option == chosen else unticked} {option}" for option in options]
    if chosen and chosen not in options:
        parts.append(f"{ticked} {chosen}")
    return _GAP.join(escape(part) for part in parts)


def grid(extra: Sequence[tuple[Any, ...]] = (), *, lines: bool = True) -> TableStyle:
    """The form's cell style; ``lines=False`` leaves the rules to ``extra``."""
    rules = [("GRID", (0, 0), (-1, -1), 0.6, colors.black)] if lines else []
    return TableStyle(
        [
            *rules,
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )


def section_row(span_to: int, row: int = 0) -> list[tuple[Any, ...]]:
    return [
        ("SPAN", (0, row), (span_to, row)),
        ("BACKGROUND", (0, row), (span_to, row), SECTION_FILL),
    ]


class _Builder:
    """Builds the story of either form from optional values; None means "leave blank"."""

    def __init__(self, font: FontChoice) -> None:
        self.font = font
        self.styles = Styles(font)
        self.marks = choice_marks(font)

    def p(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def pre(self, markup: str, style: ParagraphStyle | None = None) -> XPreformatted:
        """A one-line cell whose spacing must survive (tick boxes, blank dates)."""
        return XPreformatted(markup, style or self.styles.body)

    def label(self, text: str) -> Paragraph:
        return Paragraph(text, self.styles.label)

    def header(
        self, state: str, branch: str, serial: str, applied_on: str, qr: Flowable | None
    ) -> list[Flowable]:
        """Title between the state (left, small) and the QR code (right), then the info line."""
        s = self.styles
        side = QR_SIZE + 2 * mm
        top = Table(
            [
                [
                    self.p(f"状态：{escape(state)}" if state else "", s.small),
                    self.p(TITLE, s.title),
                    qr or "",
                ]
            ],
            colWidths=[side, FRAME_WIDTH - 2 * side, side],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                    ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        # The date cell holds a blank "年 月 日" on the blank form: 10 em wide.
        widths = [12 * mm, 56 * mm, 12 * mm, 38 * mm, 18 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        info = Table(
            [
                [
                    self.p("单位："),
                    self.p(escape(branch)),
                    self.p("编号："),
                    self.p(escape(serial)),
                    self.p("申请日期："),
                    self.pre(applied_on),
                ]
            ],
            colWidths=widths,
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    *[("LINEBELOW", (c, 0), (c, 0), 0.5, colors.black) for c in (1, 3, 5)],
                ]
            ),
        )
        return [top, Spacer(1, 2 * mm), info, Spacer(1, 3 * mm)]

    def applicant(
        self, name: str, department: str, position: str, phone: str, *, blank: bool = False
    ) -> Table:
        value = (FRAME_WIDTH - 2 * LABEL_WIDTH) / 2
        row = 9 * mm if blank else 7 * mm
        rows = [
            [self.p("一、申请人概况", self.styles.section), "", "", ""],
            [
                self.label("姓名"),
                self.p(escape(name)),
                self.label("部门"),
                self.p(escape(department)),
            ],
            [
                self.label("职务"),
                self.p(escape(position)),
                self.label("联系电话"),
                self.p(escape(phone)),
            ],
        ]
        return Table(
            rows,
            colWidths=[LABEL_WIDTH, value, LABEL_WIDTH, value],
            rowHeights=[None, row, row],
            style=grid(
                [
                    *section_row(3),
                    ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
                    ("BACKGROUND", (2, 1), (2, -1), LABEL_FILL),
                ]
            ),
        )

    def customers(self, customers: Sequence[FormCustomer] | None, blank_rows: int) -> Table:
        """The customer table; its section and column header repeat on every page."""
        widths = [12 * mm, 46 * mm, 26 * mm, 30 * mm, 18 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        head = [self.label(c) for c in CUSTOMER_COLUMNS]
        rows: list[list[Any]] = [[self.p("二、查阅对象", self.styles.section)] + [""] * 5, head]
        if customers is None:
            rows += [[self.label(str(i))] + [""] * 5 for i in range(1, blank_rows + 1)]
        else:
            for i, c in enumerate(customers, 1):
                rows.append(
                    [
                        self.label(str(i)),
                        self.p(escape(c.archive_no)),
                        self.label(escape(c.category)),
                        self.label(escape(c.subtype)),
                        self.label(escape(c.tier)),
                        self.p(escape(c.masked_name)),
                    ]
                )
            if not customers:
                rows.append([""] * 6)
        # Handwriting needs more room than print.
        row = 8 * mm if customers is None else 6.2 * mm
        heights: list[float | None] = [None, None] + [row] * (len(rows) - 2)
        return Table(
            rows,
            colWidths=widths,
            rowHeights=heights,
            repeatRows=2,
            style=grid([*section_row(5), ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL)]),
        )

    def matters(self, purpose: str, reason: str, mode: str, period: str, blank: bool) -> Table:
        rows = [
            [self.p("三、查阅事项", self.styles.section), ""],
            [self.label("查阅目的"), self.p(_text(purpose))],
            [self.label("查阅理由"), self.p(_text(reason))],
            [self.label("查阅方式"), self.pre(_ticks(MODES, mode, self.marks))],
            [self.label("查阅期限"), self.pre(period)],
        ]
        heights = [None, 12 * mm, 24 * mm, 8 * mm, 8 * mm] if blank else None
        return Table(
            rows,
            colWidths=[LABEL_WIDTH, VALUE_WIDTH],
            rowHeights=heights,
            # A reason longer than a page must still print: let its row split.
            splitInRow=1,
            style=grid([*section_row(1), ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL)]),
        )

    def section_title(self, text: str) -> Table:
        return Table(
            [[self.p(text, self.styles.section)]],
            colWidths=[FRAME_WIDTH],
            style=grid([("BACKGROUND", (0, 0), (-1, -1), SECTION_FILL)]),
        )

    def signature(self, step: str, sig: FormSignature | None, *, blank: bool = False) -> Table:
        """One approval block: 意见, decision, 签名, 时间 and the fingerprint line.

        ``sig`` None on a filled form is a step not yet signed (printed empty, to
        sign by hand, "未签"); ``blank`` drops the fingerprint line, which a form
        filled by hand never has.
        """
        third = VALUE_WIDTH / 3
        if sig is None:
            opinion, decision, signer, when = "", "", "", ""
            fingerprint, verdict = "", "未签"
        else:
            opinion, decision, signer = _text(sig.opinion), sig.decision, escape(sig.signer)
            when = minute(sig.signed_at)
            fingerprint = escape(sig.fingerprint)
            verdict = {True: "有效", False: "无效", None: "未签"}[sig.valid]
            if sig.valid is False:
                verdict = f'<font color="{INVALID_COLOUR}">{verdict}</font>'
        rows = [
            [self.label(_step_label(step)), self.p(f"意见：{opinion}"), "", ""],
            [
                "",
                self.pre(_ticks(DECISIONS, decision, self.marks)),
                self.p(f"签名：{signer}"),
                self.p(f"时间：{when}"),
            ],
            [
                "",
                self.pre(
                    f"签名指纹 {fingerprint or '无'}{_GAP}校验：{verdict}",
                    self.styles.small,
                ),
                "",
                "",
            ],
        ]
        if blank:
            rows.pop()
        table = Table(
            rows,
            colWidths=[LABEL_WIDTH, third, third, third],
            # Room for a handwritten opinion when there is none printed.
            minRowHeights=[11 * mm if sig else 18 * mm, 7.5 * mm, 0][: len(rows)],
            # Only the box, the label's edge and a rule under the opinion: the
            # decision, signature and fingerprint read as one band, as on paper.
            style=grid(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                    ("LINEAFTER", (0, 0), (0, -1), 0.6, colors.black),
                    ("LINEBELOW", (1, 0), (-1, 0), 0.6, colors.black),
                    ("SPAN", (0, 0), (0, -1)),
                    ("SPAN", (1, 0), (-1, 0)),
                    ("SPAN", (1, 2), (-1, 2)),
                    ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                    ("VALIGN", (1, 0), (-1, 0), "TOP"),
                ],
                lines=False,
            ),
        )
        return table

    def qr(self, serial: str, content_hash: str) -> Drawing:
        """The QR code holding :func:`qr_payload`, scaled to ``QR_SIZE``."""
        widget = QrCodeWidget(qr_payload(serial, content_hash), barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(
            QR_SIZE,
            QR_SIZE,
            transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0],
        )
        drawing.add(widget)
        return drawing

    def content_line(self, content_hash: str) -> Table:
        """The hash in writing under the grid, for checking without a scanner."""
        s = self.styles
        return Table(
            [
                [
                    self.p(f"内容摘要（SHA-256）：{escape(content_hash)}", s.small),
                    self.p("（与右上角二维码一致，可按编号核验）", s.small_right),
                ]
            ],
            colWidths=[FRAME_WIDTH - 46 * mm, 46 * mm],
            style=TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            ),
        )

    def notes(self) -> Table:
        table = Table(
            [[self.label("备注"), self.p("<br/>".join(escape(n) for n in NOTES))]],
            colWidths=[LABEL_WIDTH, VALUE_WIDTH],
            style=grid([("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]),
        )
        return table


@dataclass(frozen=True)
class PageLayout:
    """A document's page and margins, as its footer needs them."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float


#: the application form's page (A4 portrait)
FORM_PAGE = PageLayout(
    PAGE_WIDTH, PAGE_HEIGHT, LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN, BOTTOM_MARGIN
)


def document_template(
    out: Path | BinaryIO, title: str, layout: PageLayout = FORM_PAGE
) -> SimpleDocTemplate:
    """The page template of a document of the program, writing to ``out`` (a path or a
    binary file object). Metadata shows in file managers and print queues: the title only."""
    return SimpleDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=(layout.width, layout.height),
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        title=title,
        author="",
        subject="",
        keywords="",
        creator="custarchive",
    )


def page_footer(
    font: FontChoice,
    left: str,
    right: str,
    *,
    heading: str = "",
    heading_right: str = "",
    layout: PageLayout = FORM_PAGE,
    pages_seen: list[int] | None = None,
) -> Callable[[Canvas, int, int], None]:
    """The footer every document of the program carries, drawn once the page total is known
    (see :func:`numbered_canvas`): a rule, then ``left``, "第 n 页 共 N 页" and ``right``;
    on continuation pages ``heading`` (and ``heading_right``) at the top, naming the document
    a loose page belongs to. ``pages_seen`` receives the page total."""

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        if pages_seen is not None:
            pages_seen[:] = [pages]
        start, end = layout.left, layout.width - layout.right
        y = layout.bottom - 9 * mm
        canvas.saveState()
        canvas.setLineWidth(0.4)
        canvas.line(start, y + 4 * mm, end, y + 4 * mm)
        canvas.setFont(font.name, 8)
        if left:
            canvas.drawString(start, y, left)
        canvas.drawCentredString(layout.width / 2, y, f"第 {page} 页 共 {pages} 页")
        canvas.drawRightString(end, y, right)
        if page > 1 and heading:
            top = layout.height - layout.top + 4 * mm
            canvas.drawString(start, top, heading)
            if heading_right:
                canvas.drawRightString(end, top, heading_right)
        canvas.restoreState()

    return draw


def printed_line(printed_by: str, printed_at: datetime, colon: str = "：") -> str:
    """Who printed the document and when, as every footer says it."""
    return f"打印人{colon}{printed_by}　打印时间{colon}{minute(printed_at)}"


def numbered_canvas(draw_footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each footer can say "共 Y 页"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                draw_footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _build(
    out: Path | BinaryIO,
    story: list[Flowable],
    font: FontChoice,
    *,
    serial: str,
    printed_by: str,
    printed_at: datetime,
) -> None:
    doc = document_template(out, TITLE)
    footer = page_footer(
        font,
        f"编号：{serial}" if serial else "",
        printed_line(printed_by, printed_at),
        heading=f"{TITLE}（续）",
        heading_right=f"编号：{serial}" if serial else "",
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))


def render_form(
    form: ConsultationForm, out: Path | BinaryIO, *, font: FontChoice | None = None
) -> None:
    """Print a filled application to ``out`` (a path or a binary file object)."""
    font = font or cjk_font()
    b = _Builder(font)
    period = ""
    if form.period_start or form.period_end:
        period = f"{_day(form.period_start)} 至 {_day(form.period_end)}"
    story: list[Flowable] = [
        *b.header(
            form.state,
            form.branch_name,
            form.serial,
            _day(form.applied_on),
            b.qr(form.serial, form.content_hash),
        ),
        b.applicant(form.applicant_name, form.department, form.position, form.phone),
        b.customers(form.customers, 0),
        b.matters(form.purpose, form.reason, form.mode, escape(period), blank=False),
        b.section_title("四、审核签批"),
    ]
    reviews: Sequence[FormSignature | None] = form.manager_reviews or (None,)
    for review in reviews:
        story.append(KeepTogether([b.signature(review.step if review else MANAGER_STEP, review)]))
    head = form.unit_head
    # The last signature never stands alone on a page without the notes under it.
    story.append(
        KeepTogether(
            [
                b.signature(head.step if head else UNIT_HEAD_STEP, head),
                b.notes(),
                Spacer(1, 1.5 * mm),
                b.content_line(form.content_hash),
            ]
        )
    )
    _build(
        out,
        story,
        font,
        serial=form.serial,
        printed_by=form.printed_by,
        printed_at=form.printed_at,
    )


def render_blank_form(
    out: Path | BinaryIO,
    *,
    branch_name: str,
    printed_by: str,
    printed_at: datetime,
    rows: int = 8,
    font: FontChoice | None = None,
) -> None:
    """Print the same form empty, to fill in by hand: no serial, no QR code."""
    font = font or cjk_font()
    b = _Builder(font)
    story: list[Flowable] = [
        *b.header("", branch_name, "", _BLANK_DAY, None),
        b.applicant("", "", "", "", blank=True),
        b.customers(None, rows),
        b.matters("", "", "", f"{_BLANK_DAY}{_GAP}至{_GAP}{_BLANK_DAY}", blank=True),
        b.section_title("四、审核签批"),
        KeepTogether([b.signature(MANAGER_STEP, None, blank=True)]),
        KeepTogether([b.signature(UNIT_HEAD_STEP, None, blank=True), b.notes()]),
    ]
    _build(out, story, font, serial="", printed_by=printed_by, printed_at=printed_at)
