"""收发传递登记 (article 17.2): the register as a table, with 登记… and 登记归还….

An overdue line says so in words ("⚠ 逾期未归还") in its first column and in
bold, and is red besides: the colour helps, it is never the only sign. The
count of overdue lines stands above the table. Everything shown comes from
app/workflows/transfers.py; recording goes through the transfer dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.list_table_model import ListTableModel
from app.views.messages import show_error
from app.views.transfer_dialog import TransferDialog
from app.workflows import transfers
from app.workflows.transfers import TransferLine

_Index = QModelIndex | QPersistentModelIndex

OVERDUE_COLOUR = QColor("#b00020")
RETURNED_COLOUR = QColor("#555555")


class TransferTableModel(ListTableModel[TransferLine]):
    """The register's lines (a branch records tens a month: all of them, no paging)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[TransferLine] = []
        self._headers = [
            self.tr("状态"),
            self.tr("方式"),
            self.tr("传递的文件或载体"),
            self.tr("档案编号"),
            self.tr("档案载体"),
            self.tr("指定负责人"),
            self.tr("从何处"),
            self.tr("送往何处"),
            self.tr("安全措施"),
            self.tr("送出时间"),
            self.tr("预计归还"),
            self.tr("实际归还"),
            self.tr("登记人"),
        ]

    def row_of(self, transfer_id: int) -> int:
        return next((i for i, line in enumerate(self._lines) if line.id == transfer_id), -1)

    def status_text(self, line: TransferLine) -> str:
        text = label_text(line.status_label)
        return f"⚠ {text}" if line.overdue else text

    def text(self, line: TransferLine, column: int) -> str:
        values = (
            self.status_text(line),
            label_text(line.kind_label),
            line.item,
            line.archive_no,
            f"{label_text(line.carrier_kind_label)} {line.carrier_location}".strip(),
            line.responsible_name,
            line.from_place,
            line.to_place,
            line.safety_measures,
            local_time(line.out_at),
            local_time(line.expected_return) if line.expected_return else "—",
            local_time(line.returned_at) if line.returned_at else "",
            line.recorded_by,
        )
        return values[column] if 0 <= column < len(values) else ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(line, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 8):
            return self.text(line, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.overdue:
                return QBrush(OVERDUE_COLOUR)
            if not line.is_open:
                return QBrush(RETURNED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and line.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None


class TransferRegisterPage(QWidget):
    """The 收发传递登记 tab of the registers page."""

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.filter_combo = QComboBox()
        self.filter_combo.addItem(self.tr("全部"), "all")
        self.filter_combo.addItem(self.tr("未归还"), "open")
        self.filter_combo.addItem(self.tr("逾期未归还"), "overdue")
        self.filter_combo.setAccessibleName(self.tr("显示"))
        self.filter_combo.currentIndexChanged.connect(self.refresh)
        self.overdue_label = QLabel()
        self.overdue_label.setStyleSheet("color: #b00020; font-weight: bold;")

        self.model = TransferTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.record_return())

        self.record_button = QPushButton(self.tr("登记…"))
        self.return_button = QPushButton(self.tr("登记归还…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.record_button.clicked.connect(self.record)
        self.return_button.clicked.connect(self.record_return)
        self.refresh_button.clicked.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("显示:")))
        top.addWidget(self.filter_combo)
        top.addSpacing(16)
        top.addWidget(self.overdue_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        which = self.filter_combo.currentData()
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            lines = transfers.listing(
                archive, actor, open_only=which == "open", overdue_only=which == "overdue"
            )
            overdue = (
                lines
                if which == "overdue"
                else transfers.listing(archive, actor, overdue_only=True)
            )
        except AppError as exc:
            show_error(self, exc)
            return
        self.model.set_lines(lines)
        self.table.resizeColumnsToContents()
        for column in (2, 8):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self.overdue_label.setText(
            self.tr("⚠ 逾期未归还 {n} 项").format(n=len(overdue)) if overdue else ""
        )
        self._update_buttons()

    def selected(self) -> TransferLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def select(self, transfer_id: int) -> None:
        row = self.model.row_of(transfer_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        line = self.selected()
        self.return_button.setEnabled(line is not None and line.is_open)

    def record(self) -> None:
        dialog = TransferDialog(self._ctx, parent=self)
        if dialog.exec() == TransferDialog.DialogCode.Accepted and dialog.result_line:
            self.refresh()
            self.select(dialog.result_line.id)
        dialog.deleteLater()

    def record_return(self) -> None:
        line = self.selected()
        if line is None or not line.is_open:
            return
        dialog = TransferDialog(self._ctx, returning=line, parent=self)
        if dialog.exec() == TransferDialog.DialogCode.Accepted and dialog.result_line:
            self.refresh()
            self.select(dialog.result_line.id)
        dialog.deleteLater()
