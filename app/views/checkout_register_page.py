"""出入登记: the register of carriers out and back (article 12), with 登记借出/登记归还 and labels.

Overdue lines say so in their 状态 column ("逾期 3 天") and in bold, besides
a red tint, and a line above the table counts them: nobody has to tell red
from black to see them. The lines come from the workflow, which decides what
is overdue; the page only shows them and opens the dialogs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.checkin_dialog import CheckinDialog
from app.views.checkout_dialog import CheckoutDialog
from app.views.context import SessionContext
from app.views.label_print_dialog import LabelPrintDialog
from app.views.labels import label_text, local_time
from app.views.list_table_model import ListTableModel
from app.views.messages import show_error
from app.workflows import checkout
from app.workflows.checkout import RegisterLine

_Index = QModelIndex | QPersistentModelIndex

OVERDUE_TINT = QColor("#fde2e2")
OVERDUE_TEXT = QColor("#b00020")


class RegisterModel(ListTableModel[RegisterLine]):
    """Register lines, one a row."""

    COLUMNS = (
        "archive_no",
        "carrier",
        "location",
        "borrower",
        "due",
        "status",
        "out",
        "purpose",
        "grant",
        "tier",
        "returned",
        "returned_to",
        "condition",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[RegisterLine] = []
        self._headers = (
            self.tr("档案编号"),
            self.tr("载体"),
            self.tr("存放位置"),
            self.tr("借用人"),
            self.tr("应还日期"),
            self.tr("状态"),
            self.tr("借出时间"),
            self.tr("借用事由"),
            self.tr("查阅授权"),
            self.tr("密级"),
            self.tr("归还时间"),
            self.tr("接收人"),
            self.tr("归还状况"),
        )

    def status_text(self, line: RegisterLine) -> str:
        if line.is_open:
            if line.overdue:
                return self.tr("逾期 {n} 天").format(n=line.days_late)
            return self.tr("借出中")
        if line.days_late:
            return self.tr("逾期 {n} 天归还").format(n=line.days_late)
        return self.tr("已归还")

    def _text(self, line: RegisterLine, key: str) -> str:
        if key == "archive_no":
            return line.archive_no
        if key == "tier":
            return label_text(line.tier_label)
        if key == "carrier":
            return label_text(line.carrier_label)
        if key == "location":
            return line.location
        if key == "borrower":
            return line.borrower_name
        if key == "purpose":
            return line.purpose
        if key == "grant":
            return line.grant_serial
        if key == "out":
            return local_time(line.out_at)
        if key == "due":
            return line.due_on.isoformat()
        if key == "returned":
            return local_time(line.returned_at)
        if key == "returned_to":
            return line.returned_to_name
        if key == "condition":
            if not line.condition:
                return ""
            words = {
                "intact": self.tr("完好"),
                "damaged": self.tr("破损"),
                "incomplete": self.tr("缺页缺件"),
                "other": self.tr("其他"),
            }
            text = words.get(line.condition, line.condition_label)
            return f"{text}:{line.condition_note}" if line.condition_note else text
        if key == "status":
            return self.status_text(line)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        key = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(line, key)
        if line.overdue:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(OVERDUE_TINT)
            if role == Qt.ItemDataRole.ForegroundRole and key in ("status", "due"):
                return QBrush(OVERDUE_TEXT)
            if role == Qt.ItemDataRole.FontRole and key in ("status", "due", "archive_no"):
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(line, key)
        return None


class CheckoutRegisterPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        actor = ctx.actor

        title = QLabel(self.tr("出入登记"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "纸质档案和磁盘每次离开存放位置都须登记借出,归还时登记归还(制度第12条)。"
                "双击借出中的一行登记归还。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.overdue_label.hide()

        self.open_only = QCheckBox(self.tr("只显示未归还的"))
        self.open_only.setChecked(True)
        self.model = RegisterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 50, 120, 100, 90, 90, 120, 140, 120, 50, 120, 80)):
            header.resizeSection(column, width)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #555;")

        self.out_button = QPushButton(self.tr("登记借出(&O)…"))
        self.in_button = QPushButton(self.tr("登记归还(&I)…"))
        self.label_button = QPushButton(self.tr("打印标签(&L)…"))
        self.reload_button = QPushButton(self.tr("刷新列表(&R)"))
        keeps = actor.may(Action.CHECKOUT_RECORD)
        self.out_button.setVisible(keeps)
        self.in_button.setVisible(keeps)
        self.label_button.setVisible(actor.may(Action.LABEL_PRINT))
        buttons = QHBoxLayout()
        for button in (self.out_button, self.in_button, self.label_button, self.reload_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_only)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.overdue_label)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

        self.out_button.clicked.connect(self.check_out)
        self.in_button.clicked.connect(lambda: self.check_in(self.selected()))
        self.label_button.clicked.connect(self.print_labels)
        self.reload_button.clicked.connect(self.refresh)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        ctx = self._ctx
        try:
            with busy_cursor():
                lines = checkout.register(
                    ctx.archive, ctx.actor, open_only=self.open_only.isChecked()
                )
                late = checkout.overdue(ctx.archive, ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            return
        self._loaded = True
        self.model.set_lines(lines)
        if late:
            numbers = "、".join(line.archive_no for line in late[:5])
            more = self.tr(" 等") if len(late) > 5 else ""
            self.overdue_label.setText(
                self.tr("注意:有 {n} 件载体逾期未还({numbers}{more}),请催还。").format(
                    n=len(late), numbers=numbers, more=more
                )
            )
        self.overdue_label.setVisible(bool(late))
        if lines:
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                self.tr("没有借出未还的载体。")
                if self.open_only.isChecked()
                else self.tr("出入登记中还没有记录。")
            )
            self.empty_label.show()
        self._update_buttons()

    def selected(self) -> RegisterLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        line = self.selected()
        self.in_button.setEnabled(line is None or line.is_open)

    # --- actions -------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is not None and line.is_open and self._ctx.actor.may(Action.CHECKOUT_RECORD):
            self.check_in(line)

    def check_out(self) -> None:
        dialog = CheckoutDialog(self._ctx, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def check_in(self, line: RegisterLine | None = None) -> None:
        if line is not None and not line.is_open:
            line = None
        dialog = CheckinDialog(self._ctx, line, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def print_labels(self) -> None:
        line = self.selected()
        dialog = LabelPrintDialog(
            self._ctx, [line.archive_no] if line is not None else None, parent=self
        )
        dialog.exec()
