"""Which customers, which items: the part an outflow application shares (articles 17.1, 17.3).

Customers are added by their full archive number (the catalogue line is all
this widget ever sees); the items offered are the template's items of the
customers listed, and only the ticked ones are asked for. The lookup is the
workflow's (``copying.candidate`` or ``external_provision.candidate``), so
each procedure keeps its own rule on which customers it accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views.labels import label_text
from app.views.messages import show_error
from app.workflows.external_provision import union_fields

#: a customer as the workflow offers it: id, archive_no, kind_label, tier_label, fields
Candidate = Any


class CustomerItemsPicker(QWidget):
    def __init__(
        self,
        lookup: Callable[[str], Candidate],
        customers_title: str,
        items_title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._candidates: list[Candidate] = []

        self.archive_edit = QLineEdit()
        self.archive_edit.setPlaceholderText(self.tr("完整的档案编号,如 LY-0101-G-2026-000001"))
        self.add_button = QPushButton(self.tr("添加"))
        self.remove_button = QPushButton(self.tr("移除所选"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_customer)
        self.archive_edit.returnPressed.connect(self.add_customer)
        self.remove_button.clicked.connect(self.remove_selected)
        self.customer_table = QTableWidget(0, 3)
        self.customer_table.setHorizontalHeaderLabels(
            [self.tr("档案编号"), self.tr("类别"), self.tr("密级")]
        )
        self.customer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customer_table.verticalHeader().hide()
        self.customer_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_row = QHBoxLayout()
        self.add_row.addWidget(self.archive_edit, 1)
        self.add_row.addWidget(self.add_button)
        self.add_row.addWidget(self.remove_button)
        customers_box = QGroupBox(customers_title)
        customers_layout = QVBoxLayout(customers_box)
        customers_layout.addLayout(self.add_row)
        customers_layout.addWidget(self.customer_table)

        self.field_list = QListWidget()
        self.field_list.setAccessibleName(items_title)
        self.fields_hint = QLabel(self.tr("先添加客户,再勾选项目。"))
        self.fields_hint.setWordWrap(True)
        fields_box = QGroupBox(items_title)
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.addWidget(self.fields_hint)
        fields_layout.addWidget(self.field_list)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(customers_box, 3)
        layout.addWidget(fields_box, 2)

    @property
    def candidates(self) -> list[Candidate]:
        return list(self._candidates)

    def set_candidates(self, candidates: Sequence[Candidate]) -> None:
        self._candidates = list(candidates)
        self._show_customers()

    def add_customer(self) -> None:
        number = self.archive_edit.text().strip()
        if not number:
            return
        if any(c.archive_no == number for c in self._candidates):
            self.archive_edit.clear()
            return
        try:
            found = self._lookup(number)
        except AppError as exc:
            show_error(self, exc)
            return
        self._candidates.append(found)
        self.archive_edit.clear()
        self._show_customers()

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.customer_table.selectionModel().selectedRows()}
        self._candidates = [c for i, c in enumerate(self._candidates) if i not in rows]
        self._show_customers()

    def _show_customers(self) -> None:
        table = self.customer_table
        table.setRowCount(len(self._candidates))
        for row, c in enumerate(self._candidates):
            table.setItem(row, 0, QTableWidgetItem(c.archive_no))
            table.setItem(row, 1, QTableWidgetItem(c.kind_label))
            table.setItem(row, 2, QTableWidgetItem(label_text(c.tier_label)))
        self._show_fields()

    def _show_fields(self) -> None:
        ticked = set(self.field_keys())
        self.field_list.clear()
        for field in union_fields(self._candidates):
            item = QListWidgetItem(field.label)
            item.setData(Qt.ItemDataRole.UserRole, field.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if field.key in ticked else Qt.CheckState.Unchecked
            )
            self.field_list.addItem(item)
        self.fields_hint.setVisible(not self._candidates)

    def set_checked(self, keys: set[str]) -> None:
        for i in range(self.field_list.count()):
            item = self.field_list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)

    def field_keys(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.field_list.item(i) for i in range(self.field_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
