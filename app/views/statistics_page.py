"""统计 (article 5): one statistic at a time, as a table with its bar chart, for a period.

Choose the statistic and the period (全部时间, 本年, 上年, 近 12 个月 or 自定义 from/to
dates, applied with 查询 or Enter); the table shows every number, its totals
and what is hidden ("<3", "*", with a tooltip saying why), the chart beside it
draws the table's last column. 打印… previews the whole report (every
statistic for the period) and records printing or saving; 导出 Excel… writes
the tables. Everything shown comes from app/workflows/statistics.py, which
checks who may see what and records each opening.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.bar_chart import Bar, BarChart
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.messages import show_error, show_info
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.workflows import statistics
from app.workflows.statistics import Period, Table

PRESETS = ("all", "this_year", "last_year", "last_12", "custom")


def preset_period(which: str, today: date, start: date, end: date) -> Period:
    """The period a preset means on ``today`` (custom: the two dates as chosen)."""
    if which == "this_year":
        return Period(date(today.year, 1, 1), today)
    if which == "last_year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if which == "last_12":
        month = today.month + 1
        first = date(today.year - 1, month, 1) if month <= 12 else date(today.year, 1, 1)
        return Period(first, today)
    if which == "custom":
        return Period(start, end)
    return Period()


class StatisticsPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: a statistic is waiting to be read when the page is next shown
        self._stale = True
        self._ctx = ctx
        self.table_data: Table | None = None

        self.statistic_combo = QComboBox()
        for key in statistics.STATISTICS:
            self.statistic_combo.addItem(label_text(statistics.STATISTIC_LABELS[key]), key)
        self.statistic_combo.setAccessibleName(self.tr("统计项目"))
        self.period_combo = QComboBox()
        for key, text in zip(
            PRESETS,
            (self.tr("全部时间"), self.tr("本年"), self.tr("上年"), self.tr("近 12 个月"),
             self.tr("自定义")),
            strict=True,
        ):  # fmt: skip
            self.period_combo.addItem(text, key)
        self.period_combo.setAccessibleName(self.tr("统计期间"))
        today = QDate.currentDate()
        self.start_edit = QDateEdit(QDate(today.year(), 1, 1))
        self.end_edit = QDateEdit(today)
        for edit, name in (
            (self.start_edit, self.tr("起始日期")),
            (self.end_edit, self.tr("截止日期")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.query_button = QPushButton(self.tr("查询"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setToolTip(self.tr("预览并打印全部统计表(本期间)"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("把全部统计表导出为 Excel(只有数字,不含客户信息)"))
        self.export_button.setVisible(ctx.actor.may(Action.STATISTICS_EXPORT))

        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("统计表"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = BarChart()
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidget(self.chart)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("统计项目:")))
        top.addWidget(self.statistic_combo)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("期间:")))
        top.addWidget(self.period_combo)
        top.addWidget(self.start_edit)
        top.addWidget(QLabel(self.tr("至")))
        top.addWidget(self.end_edit)
        top.addWidget(self.query_button)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.notes_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.chart_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.statistic_combo, self.period_combo)
        self.setTabOrder(self.period_combo, self.start_edit)
        self.setTabOrder(self.start_edit, self.end_edit)
        self.setTabOrder(self.end_edit, self.query_button)
        self.setTabOrder(self.query_button, self.table)
        self.setTabOrder(self.table, self.print_button)
        self.setTabOrder(self.print_button, self.export_button)

        self.statistic_combo.currentIndexChanged.connect(self.refresh)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.query_button.clicked.connect(self.refresh)
        for edit in (self.start_edit, self.end_edit):
            edit.lineEdit().returnPressed.connect(self.refresh)
        self.print_button.clicked.connect(self.print_report)
        self.export_button.clicked.connect(self.export)
        self._period_changed()

    # --- what is asked -------------------------------------------------------------------------

    def statistic(self) -> str:
        return str(self.statistic_combo.currentData())

    def period(self) -> Period:
        return preset_period(
            str(self.period_combo.currentData()),
            date.today(),
            self.start_edit.date().toPython(),
            self.end_edit.date().toPython(),
        )

    def _period_changed(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        for widget in (self.start_edit, self.end_edit, self.query_button):
            widget.setEnabled(custom)
        if not custom:
            period = self.period()
            if period.start:
                self.start_edit.setDate(QDate(period.start))
            if period.end:
                self.end_edit.setDate(QDate(period.end))
            self.refresh()

    # --- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        # Opening a statistic is an audit event: only when the person looks at the page,
        # not when the main window builds its areas (at login, on a switch of user).
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            with busy_cursor():
                table = statistics.statistic(archive, actor, self.statistic(), self.period())
        except Exception as exc:
            show_error(self, exc)
            return
        self.show_table(table)
        self.scope_label.setText(
            self.tr("范围:{scope};统计期间:{period}").format(
                scope=statistics.scope_text(actor), period=self.period().text
            )
        )

    def show_table(self, table: Table) -> None:
        self.table_data = table
        self.table.clear()
        self.table.setColumnCount(1 + len(table.columns))
        self.table.setRowCount(len(table.rows))
        self.table.setHorizontalHeaderLabels([table.row_header, *table.columns])
        bold = QFont(self.table.font())
        bold.setBold(True)
        why = {
            "small": self.tr("不足 3 户,不显示"),
            "complement": self.tr("为防止由合计推算出不足 3 的数,不显示"),
        }
        for r, row in enumerate(table.rows):
            label = QTableWidgetItem(("　" * row.indent) + row.label)
            items = [label]
            for cell in row.cells:
                item = QTableWidgetItem(cell.text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if cell.hidden:
                    item.setToolTip(why[cell.hidden])
                items.append(item)
            for c, item in enumerate(items):
                if row.kind != "item":
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 120), 260))
        self.notes_label.setText("\n".join(f"注:{n}" for n in table.notes))
        column = table.chart_column
        self.chart.set_bars(
            f"{table.title}({table.columns[column]})" if table.columns else table.title,
            [Bar(row.label, row.cells[column].value if not row.cells[column].hidden else None,
                 row.cells[column].text) for row in table.items],
        )  # fmt: skip

    # --- print and export ----------------------------------------------------------------------

    def print_report(self) -> None:
        archive, actor, period = self._ctx.archive, self._ctx.actor, self.period()
        try:
            with busy_cursor():
                data = statistics.report_pdf(archive, actor, period)
        except Exception as exc:
            show_error(self, exc)
            return
        dialog = PdfPreviewDialog(
            data,
            self.tr("客户档案统计表"),
            f"客户档案统计表-{date.today():%Y%m%d}.pdf",
            on_print=lambda: statistics.record_print(archive, actor, "print", period),
            on_save=lambda _path: statistics.record_print(archive, actor, "save", period),
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()

    def export(self) -> None:
        name = f"客户档案统计表-{date.today():%Y%m%d}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出统计表"), str(Path.home() / name), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not chosen:
            return
        self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        try:
            with busy_cursor():
                count = statistics.export_xlsx(
                    self._ctx.archive, self._ctx.actor, path, self.period()
                )
        except Exception as exc:
            show_error(self, exc, self.tr("导出未完成"))
            return
        show_info(
            self,
            self.tr("已导出 {count} 张统计表到:\n{path}").format(count=count, path=path),
            self.tr("导出完成"),
        )
