"""客户信息保管状况年度检查报告 (article 11) as an A4 PDF.

The record of the year's inspection as it is filed: the automated findings
(each with its severity in words and a mark, and the records concerned,
capped at ITEMS_SHOWN per finding with "等 N 项"), the checklist of what
people checked, the audit chain head the record was signed at, and the
electronic signatures (the inspector's at submission, the director's),
each with its fingerprint and whether it verified when printed, plus lines
to sign by hand.

Only catalogue data reaches this module (archive numbers, serials, logins,
staff names), never a customer's content. The PDF's metadata holds the
title only.
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

TITLE = "客户信息保管状况年度检查报告"
POLICY_LINE = (
    "依据《客户信息管理操作制度》第11条:每年年初对客户信息保管状况进行一次全面检查,"
    "相关人员应全力配合,做好检查记录。"
)
#: the most records printed under one finding; the rest are counted ("等 N 项")
ITEMS_SHOWN = 30
SEVERITY_COLOURS = {"problem": INVALID_COLOUR, "attention": "#8A5A00"}
SEVERITY_MARKS = {"ok": "✓", "attention": "!", "problem": "✗"}
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class ReportFinding:
    title: str
    #: ok | attention | problem
    severity: str
    #: 问题 / 需关注 / 正常 (a mark is added where the font has one)
    severity_label: str
    count: int
    summary: str
    basis: str
    #: (number, why) of the records concerned (may be fewer than count)
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReportCheck:
    label: str
    basis: str
    result: str
    note: str


@dataclass(frozen=True)
class ReportSignature:
    role: str
    name: str
    #: local wall-clock time
    signed_at: datetime
    decision: str
    fingerprint: str
    valid: bool


@dataclass(frozen=True)
class InspectionReport:
    """Everything printed; built by app.workflows.inspection."""

    branch_name: str
    year: int
    #: JC-2026-000001 ("" before submission)
    serial: str
    state_label: str
    opened_by: str
    #: local wall-clock times
    opened_at: datetime
    findings_at: datetime
    findings: tuple[ReportFinding, ...]
    checklist: tuple[ReportCheck, ...]
    #: the audit chain head at submission (None before)
    chain_seq: int | None
    chain_hash: str
    content_hash: str
    signatures: tuple[ReportSignature, ...]
    printed_by: str
    printed_at: datetime


def _numbered(number: int, text: str) -> str:
    return f"{_NUMERALS[number - 1]}、{escape(text)}"


class _Builder:
    def __init__(self, font: FontChoice) -> None:
        self.font = font
        self.styles = Styles(font)
        self.marks = font.covers("".join(SEVERITY_MARKS.values()))

    def severity_text(self, finding: ReportFinding) -> str:
        """The severity in words, with its mark where the font has the glyphs."""
        mark = SEVERITY_MARKS.get(finding.severity, "") if self.marks else ""
        return f"{mark} {finding.severity_label}".strip()

    def p(self, markup: str, style: Any = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def label(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles.label)

    def severity(self, severity: str, text: str) -> Paragraph:
        colour = SEVERITY_COLOURS.get(severity)
        markup = escape(text)
        if colour:
            markup = f'<font color="{colour}">{markup}</font>'
        return Paragraph(markup, self.styles.label)

    def title(self, report: InspectionReport) -> list[Flowable]:
        return [
            self.p(escape(f"{report.year} 年度{TITLE}"), self.styles.title),
            Spacer(1, 2 * mm),
            self.p(escape(POLICY_LINE), self.styles.small),
            Spacer(1, 3 * mm),
        ]

    def info(self, number: int, report: InspectionReport) -> Table:
        label = 24 * mm
        value = (FRAME_WIDTH - 2 * label) / 2
        rows = [
            [self.p(_numbered(number, "基本情况"), self.styles.section), "", "", ""],
            [
                self.label("单位"),
                self.p(escape(report.branch_name)),
                self.label("检查年度"),
                self.p(f"{report.year} 年"),
            ],
            [
                self.label("记录编号"),
                self.p(escape(report.serial or "(尚未提交)")),
                self.label("状态"),
                self.p(escape(report.state_label)),
            ],
            [
                self.label("开始检查"),
                self.p(f"{escape(report.opened_by)},{minute(report.opened_at)}"),
                self.label("检查结果生成"),
                self.p(minute(report.findings_at)),
            ],
        ]
        return Table(
            rows,
            colWidths=[label, value, label, value],
            style=grid(
                [
                    *section_row(3),
                    ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL),
                    ("BACKGROUND", (2, 1), (2, -1), LABEL_FILL),
                ]
            ),
        )

    def overview(self, number: int, report: InspectionReport) -> Table:
        widths = [10 * mm, 46 * mm, 18 * mm, 14 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        problems = sum(1 for f in report.findings if f.severity == "problem")
        attention = sum(1 for f in report.findings if f.severity == "attention")
        heading = (
            f"{_numbered(number, '自动检查结果')}(共 {len(report.findings)} 项:"
            f"问题 {problems} 项,需关注 {attention} 项)"
        )
        data: list[list[Any]] = [
            [self.p(heading, self.styles.section)] + [""] * 4,
            [self.label(h) for h in ("序号", "检查项目", "结果", "数量", "情况说明")],
        ]
        for i, f in enumerate(report.findings, 1):
            title = escape(f.title) + (
                f'<br/><font size="7">{escape(f.basis)}</font>' if f.basis else ""
            )
            data.append(
                [
                    self.label(str(i)),
                    self.p(title),
                    self.severity(f.severity, self.severity_text(f)),
                    self.label(str(f.count)),
                    self.p(escape(f.summary), self.styles.small),
                ]
            )
        return Table(
            data,
            colWidths=widths,
            repeatRows=2,
            style=grid([*section_row(4), ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL)]),
        )

    def items(self, index: int, finding: ReportFinding) -> Table:
        widths = [10 * mm, 50 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        shown = finding.items[:ITEMS_SHOWN]
        heading = (
            f"({index}){escape(finding.title)}:{escape(self.severity_text(finding))},"
            f"共 {finding.count} 项"
        )
        data: list[list[Any]] = [
            [self.p(heading, self.styles.section), "", ""],
            [self.label(h) for h in ("序号", "编号 / 对象", "情况")],
        ]
        for i, (ref, detail) in enumerate(shown, 1):
            data.append(
                [
                    self.label(str(i)),
                    self.p(escape(ref), self.styles.small),
                    self.p(escape(detail), self.styles.small),
                ]
            )
        extra: list[tuple[Any, ...]] = []
        if finding.count > len(shown):
            data.append(
                [
                    self.p(
                        f"…… 等 {finding.count} 项(此处列出前 {len(shown)} 项,"
                        "其余请在系统“年度检查”中查看)",
                        self.styles.small,
                    ),
                    "",
                    "",
                ]
            )
            extra.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
        return Table(
            data,
            colWidths=widths,
            repeatRows=2,
            style=grid(
                [
                    *section_row(2),
                    ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL),
                    ("TOPPADDING", (0, 2), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 2), (-1, -1), 1),
                    *extra,
                ]
            ),
        )

    def checklist(self, number: int, report: InspectionReport) -> Table:
        widths = [10 * mm, 72 * mm, 22 * mm, 16 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        failed = sum(1 for c in report.checklist if c.result == "不符合")
        heading = (
            f"{_numbered(number, '人工检查')}(共 {len(report.checklist)} 项,不符合 {failed} 项)"
        )
        data: list[list[Any]] = [
            [self.p(heading, self.styles.section)] + [""] * 4,
            [self.label(h) for h in ("序号", "检查内容", "依据", "结果", "说明")],
        ]
        for i, c in enumerate(report.checklist, 1):
            result = self.severity("problem" if c.result == "不符合" else "ok", c.result)
            data.append(
                [
                    self.label(str(i)),
                    self.p(escape(c.label), self.styles.small),
                    self.p(escape(c.basis), self.styles.small),
                    result,
                    self.p(escape(c.note), self.styles.small),
                ]
            )
        if not report.checklist:
            data.append([self.label("无")] + [""] * 4)
        return Table(
            data,
            colWidths=widths,
            repeatRows=2,
            style=grid([*section_row(4), ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL)]),
        )

    def chain(self, number: int, report: InspectionReport) -> Table:
        if report.chain_seq is None:
            head = "(提交签署时记录)"
            content = "(提交签署时记录)"
        else:
            head = f"第 {report.chain_seq} 条  {escape(report.chain_hash)}"
            content = f"SHA-256 {escape(report.content_hash)}"
        rows = [
            [self.p(_numbered(number, "审计日志链头"), self.styles.section), ""],
            [self.label("链头"), self.p(head, self.styles.small)],
            [self.label("记录内容摘要"), self.p(content, self.styles.small)],
        ]
        return Table(
            rows,
            colWidths=[28 * mm, FRAME_WIDTH - 28 * mm],
            style=grid([*section_row(1), ("BACKGROUND", (0, 1), (0, -1), LABEL_FILL)]),
        )

    def signatures(self, number: int, report: InspectionReport) -> Table:
        widths = [22 * mm, 36 * mm, 28 * mm, 16 * mm, 40 * mm]
        widths.append(FRAME_WIDTH - sum(widths))
        data: list[list[Any]] = [
            [self.p(_numbered(number, "签署"), self.styles.section)] + [""] * 5,
            [self.label(h) for h in ("签署", "姓名", "时间", "意见", "签名指纹", "校验")],
        ]
        for s in report.signatures:
            verdict = "有效" if s.valid else f'<font color="{INVALID_COLOUR}">无效</font>'
            data.append(
                [
                    self.label(s.role),
                    self.p(escape(s.name), self.styles.small),
                    self.p(minute(s.signed_at), self.styles.small),
                    self.label(s.decision),
                    self.p(escape(s.fingerprint), self.styles.small),
                    Paragraph(verdict, self.styles.label),
                ]
            )
        extra: list[tuple[Any, ...]] = []
        if not report.signatures:
            data.append([self.label("尚未签署")] + [""] * 5)
            extra.append(("SPAN", (0, 2), (-1, 2)))
        data.append(
            [
                self.label("签字"),
                XPreformatted(
                    "检查人员:" + "\u3000" * 8 + "主任:" + "\u3000" * 8 + "日期:",
                    self.styles.body,
                ),
                "",
                "",
                "",
                "",
            ]
        )
        last = len(data) - 1
        extra.append(("SPAN", (1, last), (-1, last)))
        heights: list[float | None] = [None] * len(data)
        heights[last] = 14 * mm
        return Table(
            data,
            colWidths=widths,
            rowHeights=heights,
            style=grid(
                [
                    *section_row(5),
                    ("BACKGROUND", (0, 1), (-1, 1), LABEL_FILL),
                    ("BACKGROUND", (0, last), (0, last), LABEL_FILL),
                    *extra,
                ]
            ),
        )


def _footer(font: FontChoice, report: InspectionReport) -> Callable[[Canvas, int, int], None]:
    return page_footer(
        font,
        f"编号:{report.serial or '未提交'}",
        printed_line(report.printed_by, report.printed_at, ":"),
        heading=f"{report.year} 年度{TITLE}(续)",
        heading_right=report.state_label,
    )


def story(report: InspectionReport, font: FontChoice) -> list[Flowable]:
    b = _Builder(font)
    flow: list[Flowable] = [*b.title(report), b.info(1, report), Spacer(1, 3 * mm)]
    flow += [b.overview(2, report)]
    detailed: Sequence[ReportFinding] = [f for f in report.findings if f.items]
    if detailed:
        flow += [Spacer(1, 3 * mm), b.p(_numbered(3, "各项明细"), b.styles.section)]
        for index, finding in enumerate(detailed, 1):
            flow += [Spacer(1, 2 * mm), b.items(index, finding)]
    else:
        flow += [Spacer(1, 3 * mm), b.p(_numbered(3, "各项明细:无"), b.styles.section)]
    flow += [Spacer(1, 3 * mm), b.checklist(4, report), Spacer(1, 3 * mm)]
    flow.append(KeepTogether([b.chain(5, report), Spacer(1, 3 * mm), b.signatures(6, report)]))
    return flow


def render_report(
    report: InspectionReport, out: Path | BinaryIO, *, font: FontChoice | None = None
) -> None:
    """Print the report to ``out`` (a path or a binary file object)."""
    font = font or cjk_font()
    doc = document_template(out, TITLE)
    doc.build(story(report, font), canvasmaker=numbered_canvas(_footer(font, report)))
