"""复制摘录 (article 17.1): ask for a copy, and make it while the permit is in force.

The page lists the person's approved copy requests still in force, each with
the forms it allows; the buttons make exactly those (the workflow checks
again, watermarks and records every output). Requests waiting for approval
are under 待办审批 → 我的申请, like every other request.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.views import copy_actions
from app.views.context import SessionContext
from app.views.labels import local_time
from app.views.messages import show_error
from app.workflows import copying
from app.workflows.copying import PermitLine


class CopyPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lines: list[PermitLine] = []

        intro = QLabel(
            self.tr(
                "复制、摘录、导出或打印客户信息,须经主任或管户客户经理批准(制度第17条第1款)。"
                "批准后,在有效期内于此处制作;每份复制件带有申请编号、经办人和时间的水印,"
                "并记入审计日志。复制到剪贴板的内容 30 秒后自动清空。"
            )
        )
        intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("新建复制摘录申请…"))
        self.new_button.clicked.connect(self.new_request)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addStretch(1)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("申请编号"),
                self.tr("客户"),
                self.tr("复制方式"),
                self.tr("项目数"),
                self.tr("有效期至"),
            ]
        )
        self.table.setAccessibleName(self.tr("正在生效的复制许可"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel(self.tr("目前没有正在生效的复制许可。"))

        self.clipboard_button = QPushButton(self.tr("复制到剪贴板…"))
        self.excel_button = QPushButton(self.tr("导出 Excel…"))
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.clipboard_button.clicked.connect(self.copy_one)
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button.clicked.connect(lambda: self.show_pdf("pdf"))
        self.print_button.clicked.connect(lambda: self.show_pdf("print"))
        self._form_buttons = {
            "clipboard": self.clipboard_button,
            "excel": self.excel_button,
            "pdf": self.pdf_button,
            "print": self.print_button,
        }
        actions = QHBoxLayout()
        for button in self._form_buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("我的复制许可(正在生效):")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        try:
            self._lines = copying.permits_in_force(self._ctx.archive, self._ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            self._lines = []
        table = self.table
        table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            cells = [
                line.serial,
                line.subject,
                line.form_labels,
                str(line.field_count),
                local_time(line.ends_at),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.request_id)
                table.setItem(row, column, item)
        self.empty_label.setVisible(not self._lines)
        if self._lines:
            table.selectRow(0)
        self._update_buttons()

    def selected(self) -> PermitLine | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._lines):
            return None
        return self._lines[rows[0].row()]

    def _update_buttons(self) -> None:
        line = self.selected()
        for form, button in self._form_buttons.items():
            button.setEnabled(line is not None and form in line.forms)

    # --- actions -------------------------------------------------------------------------------

    def new_request(self) -> None:
        if copy_actions.request_copy(self._ctx, self) is not None:
            self.refresh()

    def copy_one(self) -> None:
        line = self.selected()
        if line is None:
            return
        index = 0
        if len(line.archive_numbers) > 1:
            chosen, ok = QInputDialog.getItem(
                self,
                self.tr("复制到剪贴板"),
                self.tr("一次复制一户客户的信息。请选择档案编号:"),
                list(line.archive_numbers),
                0,
                False,
            )
            if not ok:
                return
            index = line.archive_numbers.index(chosen)
        copy_actions.copy_to_clipboard(self._ctx, self, line.customer_ids[index])

    def export_excel(self) -> None:
        line = self.selected()
        if line is not None:
            copy_actions.export_excel(self._ctx, self, line.customer_ids)

    def show_pdf(self, form: str) -> None:
        line = self.selected()
        if line is None:
            return
        dialog = copy_actions.show_pdf(self._ctx, self, line.customer_ids, form)
        if dialog is not None:
            dialog.exec()
