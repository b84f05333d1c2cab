"""客户档案统计表 (article 5) as an A4 PDF: every statistic of one period.

The head names the branch, the period, whose customers are counted, who
printed it and when; each statistic is one numbered table with its notes
(what is counted, "<3" and "*"); every page says 第 X 页 共 Y 页 and who
printed it. Only counts and the tables' labels reach this module (category,
month, manager and village names), never a customer's content, and the cells
hidden on screen are hidden here in the same way. The PDF's metadata holds
the title only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.printing.consultation_form import (
    FRAME_WIDTH,
    LABEL_FILL,
    Styles,
    document_template,
    grid,
    minute,
    numbered_canvas,
    page_footer,
    printed_line,
    section_row,
)
from app.printing.fonts import FontChoice, cjk_font
from app.workflows.statistics import Report
from app.workflows.statistics import Table as StatTable

TITLE = "客户档案统计表"
_NUMERALS = "一二三四五六七八九十"
#: the row label's column; the numbers share the rest
LABEL_COLUMN = 52 * mm


class _Builder:
    def __init__(self, font: FontChoice) -> None:
        self.styles = Styles(font)
        self.number = ParagraphStyle("number", parent=self.styles.body, alignment=TA_RIGHT)

    def p(self, markup: str, style: Any = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def label(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles.label)

    def head(self, report: Report) -> list[Flowable]:
        label = 22 * mm
        value = (FRAME_WIDTH - 2 * label) / 2
        rows = [
            [
                self.label("单位"),
                self.p(escape(report.branch_name)),
                self.label("统计期间"),
                self.p(escape(report.period.text)),
            ],
            [self.label("统计范围"), self.p(escape(report.scope)), "", ""],
            [
                self.label("打印人"),
                self.p(escape(report.printed_by)),
                self.label("打印时间"),
                self.p(minute(report.printed_at)),
            ],
        ]
        table = Table(
            rows,
            colWidths=[label, value, label, value],
            style=grid(
                [
                    ("SPAN", (1, 1), (3, 1)),
                    ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                    ("BACKGROUND", (2, 0), (2, 0), LABEL_FILL),
                    ("BACKGROUND", (2, 2), (2, 2), LABEL_FILL),
                ]
            ),
        )
        return [self.p(TITLE, self.styles.title), Spacer(1, 4 * mm), table]

    def table(self, number: int, table: StatTable) -> list[Flowable]:
        count = len(table.columns)
        width = (FRAME_WIDTH - LABEL_COLUMN) / max(count, 1)
        numeral = _NUMERALS[number - 1] if number <= len(_NUMERALS) else str(number)
        heading = f"{numeral}、{escape(table.title)}"
        data: list[list[Any]] = [
            [self.p(heading, self.styles.section)] + [""] * count,
            [self.label(table.row_header)] + [self.label(c) for c in table.columns],
        ]
        extra: list[tuple[Any, ...]] = [
            *section_row(count),
            ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL),
            ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        ]
        s = self.styles
        for i, row in enumerate(table.rows, 2):
            strong = row.kind != "item"
            text = ("\u3000" * row.indent) + escape(row.label)
            data.append(
                [Paragraph(f"<b>{text}</b>" if strong else text, s.body)]
                + [Paragraph(escape(c.text), self.number) for c in row.cells]
            )
            if strong:
                extra.append(("BACKGROUND", (0, i), (-1, i), LABEL_FILL))
        if not table.rows:
            data.append([self.label("无")] + [""] * count)
            extra.append(("SPAN", (0, 2), (-1, 2)))
        flow: list[Flowable] = [
            Table(
                data,
                colWidths=[LABEL_COLUMN] + [width] * count,
                repeatRows=2,
                style=grid(extra),
            )
        ]
        notes = [self.p("注:" + escape(n), self.styles.small) for n in table.notes]
        if notes:
            flow.append(KeepTogether([Spacer(1, 1 * mm), *notes]))
        return flow


def _footer(font: FontChoice, report: Report) -> Callable[[Canvas, int, int], None]:
    return page_footer(
        font,
        f"{report.branch_name} 统计期间:{report.period.text}",
        printed_line(report.printed_by, report.printed_at, ":"),
        heading=f"{TITLE}(续)",
        heading_right=report.branch_name,
    )


def render_report(report: Report, out: Path | BinaryIO, *, font: FontChoice | None = None) -> None:
    """Print the report to ``out`` (a path or a binary file object)."""
    font = font or cjk_font()
    b = _Builder(font)
    story: list[Flowable] = [*b.head(report)]
    for number, table in enumerate(report.tables, 1):
        story += [Spacer(1, 4 * mm), *b.table(number, table)]
    doc = document_template(out, TITLE)
    doc.build(story, canvasmaker=numbered_canvas(_footer(font, report)))
