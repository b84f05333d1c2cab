"""帐实核对: the signed stock-takes so far, a new one, and their printed reports (article 12).

Each line shows its counts of differences and whether its signature still
verifies (a result changed after signing reads 签名无效, in words).
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import local_time
from app.views.messages import show_error
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.reconciliation_dialog import ReconciliationDialog
from app.workflows import reconciliation
from app.workflows.reconciliation import Summary


class ReconciliationPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[Summary] = []
        title = QLabel(self.tr("帐实核对"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "逐柜清点在架的纸质档案和磁盘,与出入登记和存放位置核对,使信息帐实相符"
                "(制度第12条)。核对结果由核对人签名保存,年度检查时查阅。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("核对编号"),
                self.tr("核对时间"),
                self.tr("核对人"),
                self.tr("核对范围"),
                self.tr("实点"),
                self.tr("缺失"),
                self.tr("在架但登记为借出"),
                self.tr("无此档案"),
                self.tr("位置不符"),
                self.tr("签名"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("还没有帐实核对记录。"))
        self.empty_label.setStyleSheet("color: #555;")

        self.new_button = QPushButton(self.tr("新建帐实核对(&N)…"))
        self.new_button.setVisible(ctx.actor.may(Action.RECONCILIATION_PERFORM))
        self.print_button = QPushButton(self.tr("打印报告(&P)…"))
        self.reload_button = QPushButton(self.tr("刷新列表(&R)"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.print_button, self.reload_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(self.new_reconciliation)
        self.print_button.clicked.connect(self.print_selected)
        self.reload_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.print_selected())
        self._loaded = False
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        try:
            with busy_cursor():
                rows = reconciliation.reconciliations(self._ctx.archive, self._ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            return
        self._loaded = True
        self._rows = rows
        self.table.setRowCount(len(rows))
        for row, line in enumerate(rows):
            cells = (
                line.serial,
                local_time(line.performed_at),
                line.performer_name,
                line.scope,
                str(line.found),
                str(line.missing),
                str(line.checked_out),
                str(line.unknown),
                str(line.misplaced),
                self.tr("有效") if line.valid else self.tr("签名无效(结果可能被改动)"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> Summary | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self._rows[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        self.print_button.setEnabled(self.selected() is not None)

    def new_reconciliation(self) -> None:
        dialog = ReconciliationDialog(self._ctx, parent=self)
        dialog.exec()
        if dialog.saved is not None:
            self.refresh()

    def print_selected(self) -> None:
        line = self.selected()
        if line is None:
            return
        ctx = self._ctx
        try:
            with busy_cursor():
                data = reconciliation.report_pdf(ctx.archive, ctx.actor, line.id)
        except Exception as exc:
            show_error(self, exc)
            return
        dialog = PdfPreviewDialog(
            data,
            self.tr("帐实核对报告 {serial}").format(serial=line.serial),
            self.tr("帐实核对报告-{serial}.pdf").format(serial=line.serial),
            on_print=lambda: reconciliation.record_print(ctx.archive, ctx.actor, line.id, "print"),
            on_save=lambda _path: reconciliation.record_print(
                ctx.archive, ctx.actor, line.id, "save"
            ),
            parent=self,
        )
        dialog.exec()
