"""档案帐实核对报告 (article 12) as an A4 PDF.

What an inspector files with the annual inspection: the scope, the counts,
every difference in the four kinds, the lines found, and the performer's
electronic signature (fingerprint and whether it verified when printed) with
the SHA-256 of the signed result, plus lines to sign by hand.

Only catalogue data reaches this module (archive numbers, carrier kinds,
storage locations, staff names), never a customer's content. The PDF's
metadata holds the title only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    XPreformatted,
)

from app.printing.consultation_form import (
    FRAME_WIDTH,
    INVALID_COLOUR,
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

TITLE = "档案帐实核对报告"
DIFFERENCE_COLUMNS = ("序号", "档案编号", "载体", "登记位置", "实际位置", "说明")
#: found lines printed side by side in the 清点明细
LINES_ACROSS = 2
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class ReportDifference:
    archive_no: str
    carrier: str
    recorded: str
    found: str
    detail: str


@dataclass(frozen=True)
class ReportSection:
    """One kind of difference: its title, its short name in the summary, its lines."""

    title: str
    short: str
    rows: tuple[ReportDifference, ...]


@dataclass(frozen=True)
class ReconciliationReport:
    """Everything printed; built by app.workflows.reconciliation."""

    branch_name: str
    serial: str
    #: local wall-clock times
    performed_at: datetime
    performer: str
    scope: str
    found: int
    expected: int
    matched: int
    out_not_found: int
    repeats: tuple[str, ...]
    #: each kind of difference, in the report's order
    sections: tuple[ReportSection, ...]
    #: (archive number, where found)
    lines: tuple[tuple[str, str], ...]
    fingerprint: str
    valid: bool
    content_hash: str
    printed_by: str
    printed_at: datetime

    @property
    def difference_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)


class _Builder:
    def __init__(self, font: FontChoice) -> None:
        self.font = font
        self.styles = Styles(font)

    def p(self, markup: str, style: Any = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def label(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles.label)

    def title(self) -> list[Flowable]:
        return [self.p(TITLE, self.styles.title), Spacer(1, 4 * mm)]

    def info(self, report: ReconciliationReport) -> Table:
        label = 22 * mm
        value = (FRAME_WIDTH - 2 * label) / 2
        rows = [
            [
                self.label("单位"),
                self.p(escape(report.branch_name)),
                self.label("编号"),
                self.p(escape(report.serial)),
            ],
            [
                self.label("核对时间"),
                self.p(minute(report.performed_at)),
                self.label("核对人"),
                self.p(escape(report.performer)),
            ],
            [self.label("核对范围"), self.p(escape(report.scope)), "", ""],
        ]
        return Table(
            rows,
            colWidths=[label, value, label, value],
            style=grid(
                [
                    ("SPAN", (1, 2), (3, 2)),
                    ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                    ("BACKGROUND", (2, 0), (2, 1), LABEL_FILL),
                ]
            ),
        )

    def summary(self, report: ReconciliationReport) -> Table:
        heads = ["登记在架", "实点", "相符", *(s.short for s in report.sections), "借出未还"]
        values = [report.expected, report.found, report.matched]
        values += [len(s.rows) for s in report.sections]
        values.append(report.out_not_found)
        count = report.difference_count
        if count:
            verdict = (
                f'<font color="{INVALID_COLOUR}">结论:帐实不符,共 {count} 处差异,'
                "详见下列各表。</font>"
            )
        else:
            verdict = "结论:帐实相符,未发现差异。"
        width = FRAME_WIDTH / len(heads)
        rows = [
            [self.p("一、核对结果", self.styles.section)] + [""] * (len(heads) - 1),
            [self.label(h) for h in heads],
            [self.label(str(v)) for v in values],
            [self.p(verdict)] + [""] * (len(heads) - 1),
        ]
        return Table(
            rows,
            colWidths=[width] * len(heads),
            style=grid(
                [
                    *section_row(len(heads) - 1),
                    ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL),
                    ("SPAN", (0, 3), (-1, 3)),
                ]
            ),
        )

    def differences(self, number: int, title: str, rows: Sequence[ReportDifference]) -> Table:
        widths = [10 * mm, 40 * mm, 13 * mm, 30 * mm, 30 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        heading = f"{_NUMERALS[number - 1]}、{escape(title)}({len(rows)})"
        data: list[list[Any]] = [
            [self.p(heading, self.styles.section)] + [""] * 5,
            [self.label(c) for c in DIFFERENCE_COLUMNS],
        ]
        for i, row in enumerate(rows, 1):
            data.append(
                [
                    self.label(str(i)),
                    self.p(escape(row.archive_no)),
                    self.label(row.carrier),
                    self.p(escape(row.recorded)),
                    self.p(escape(row.found)),
                    self.p(escape(row.detail), self.styles.small),
                ]
            )
        extra: list[tuple[Any, ...]] = []
        if not rows:
            data.append([self.label("无")] + [""] * 5)
            extra.append(("SPAN", (0, 2), (-1, 2)))
        return Table(
            data,
            colWidths=widths,
            repeatRows=2,
            style=grid([*section_row(5), ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL), *extra]),
        )

    def found_lines(self, number: int, report: ReconciliationReport) -> Table:
        """The lines as entered, three across, in the order they were found."""
        per = FRAME_WIDTH / LINES_ACROSS
        widths = [10 * mm, 45 * mm, per - 55 * mm] * LINES_ACROSS
        heading = f"{_NUMERALS[number - 1]}、清点明细(共 {len(report.lines)} 条,按录入顺序)"
        data: list[list[Any]] = [[self.p(heading, self.styles.section)] + [""] * (len(widths) - 1)]
        data.append(
            [self.label(h) for _ in range(LINES_ACROSS) for h in ("序号", "档案编号", "清点位置")]
        )
        s = self.styles.small
        cells: list[Any] = []
        for i, (archive_no, where) in enumerate(report.lines, 1):
            cells += [
                Paragraph(str(i), s),
                Paragraph(escape(archive_no), s),
                Paragraph(escape(where), s),
            ]
        while len(cells) % len(widths):
            cells.append("")
        for start in range(0, len(cells), len(widths)):
            data.append(cells[start : start + len(widths)])
        if not report.lines:
            data.append([self.label("无")] + [""] * (len(widths) - 1))
        return Table(
            data,
            colWidths=widths,
            repeatRows=2,
            style=grid(
                [
                    *section_row(len(widths) - 1),
                    ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL),
                    ("TOPPADDING", (0, 2), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 2), (-1, -1), 1),
                ]
            ),
        )

    def signature(self, number: int, report: ReconciliationReport) -> Table:
        verdict = "有效" if report.valid else f'<font color="{INVALID_COLOUR}">无效</font>'
        rows = [
            [self.p(f"{_NUMERALS[number - 1]}、签名", self.styles.section), ""],
            [
                self.label("电子签名"),
                self.p(f"{escape(report.performer)},{minute(report.performed_at)}"),
            ],
            [self.label("签名指纹"), self.p(f"{escape(report.fingerprint)}  校验:{verdict}")],
            [
                self.label("内容摘要"),
                self.p(f"SHA-256 {escape(report.content_hash)}", self.styles.small),
            ],
            [
                self.label("签字"),
                XPreformatted(
                    "核对人:" + "\u3000" * 8 + "监督人:" + "\u3000" * 8 + "日期:",
                    self.styles.body,
                ),
            ],
        ]
        return Table(
            rows,
            colWidths=[22 * mm, FRAME_WIDTH - 22 * mm],
            rowHeights=[None, None, None, None, 14 * mm],
            style=grid([*section_row(1), ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL)]),
        )

    def repeats(self, report: ReconciliationReport) -> Paragraph:
        shown = "、".join(report.repeats[:30]) + (" 等" if len(report.repeats) > 30 else "")
        return self.p(
            f"注:以下编号录入次数多于其登记的载体数,已按重复录入处理(不计为差异):{escape(shown)}",
            self.styles.small,
        )


def _footer(font: FontChoice, report: ReconciliationReport) -> Callable[[Canvas, int, int], None]:
    return page_footer(
        font,
        f"编号:{report.serial}",
        printed_line(report.printed_by, report.printed_at, ":"),
        heading=f"{TITLE}(续)",
        heading_right=f"编号:{report.serial}",
    )


def render_report(
    report: ReconciliationReport, out: Path | BinaryIO, *, font: FontChoice | None = None
) -> None:
    """Print the report to ``out`` (a path or a binary file object)."""
    font = font or cjk_font()
    b = _Builder(font)
    story: list[Flowable] = [*b.title(), b.info(report), Spacer(1, 3 * mm), b.summary(report)]
    number = 2
    for section in report.sections:
        story += [Spacer(1, 3 * mm), b.differences(number, section.title, section.rows)]
        number += 1
    if report.repeats:
        story += [Spacer(1, 2 * mm), b.repeats(report)]
    story += [Spacer(1, 3 * mm), b.found_lines(number, report), Spacer(1, 3 * mm)]
    story.append(KeepTogether([b.signature(number + 1, report)]))
    doc = document_template(out, TITLE)
    doc.build(story, canvasmaker=numbered_canvas(_footer(font, report)))
