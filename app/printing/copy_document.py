"""客户信息复制件: customer content exported or printed under a permit (article 17.1).

It holds what the permit covers: for each customer, the permitted items with
their values. Above them: the permit's serial, its purpose, who produced it
and when; under them, that it is for the branch's own use. Every page carries
the watermark of :mod:`app.printing.watermark` (who, when, which permit) and a
footer with the serial and "第 n 页 共 N 页", so a page cut out still says
where it came from and a missing page shows.

The workflow (app/workflows/copying.py) decides what goes in; this module only
lays it out. The PDF's metadata holds the title only: a file listing or a
print queue shows no customer data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.printing import watermark
from app.printing.consultation_form import (
    document_template,
    grid,
    minute,
    numbered_canvas,
    page_footer,
)
from app.printing.external_provision import (  # one page layout for both outflow documents
    FRAME_WIDTH,
    LABEL_FILL,
    LABEL_WIDTH,
    PAGE,
    ProvidedCustomer,
    Styles,
    customer_sections,
    markup,
)
from app.printing.fonts import FontChoice, cjk_font

TITLE = "客户信息复制件"


@dataclass(frozen=True)
class CopyDocument:
    branch_name: str
    #: the permits it was produced under: "FZ-2026-000001" or "FZ-…、CY-…"
    serials: str
    #: 复制摘录申请 / 查阅授权(复制)
    basis: str
    purpose: str
    customers: tuple[ProvidedCustomer, ...]
    produced_by: str
    #: local time, as printed
    produced_at: datetime
    watermark: str


def _story(doc: CopyDocument, s: Styles) -> list[Flowable]:
    def p(markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup, style or s.body)

    rows = [
        [p("依据", s.label), p(f"{escape(doc.basis)} {escape(doc.serials)}")],
        [p("单位", s.label), p(escape(doc.branch_name))],
        [p("用途", s.label), p(markup(doc.purpose))],
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
            style=grid([("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]),
        ),
        Spacer(1, 5 * mm),
    ]
    story += customer_sections(doc.customers, s)
    story.append(
        p(
            "以上客户信息为经批准的复制件，仅供本社内部用于上述用途，"
            "不得转作他用，不得向任何第三方提供或公开；用毕请按规定销毁（制度第17条）。",
            s.small,
        )
    )
    return story


def _footer(font: FontChoice, doc: CopyDocument, pages: list[int]) -> Callable[..., None]:
    return page_footer(
        font, f"依据：{doc.serials}", "复制件 · 仅限内部使用", layout=PAGE, pages_seen=pages
    )


def render(doc: CopyDocument, out: BinaryIO, *, font: FontChoice | None = None) -> int:
    """Write the document to the binary file object ``out``; returns its page count."""
    font = font or cjk_font()
    pages: list[int] = [0]
    template = document_template(out, TITLE, PAGE)
    mark = doc.watermark
    if not font.covers(mark):
        mark = mark.replace(watermark.SEPARATOR, " - ")
    canvas = watermark.watermarked(numbered_canvas(_footer(font, doc, pages)), mark, font.name)
    template.build(_story(doc, Styles(font)), canvasmaker=canvas)
    return pages[0]
