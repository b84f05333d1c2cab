"""A consultation application as its reviewers read it (policy 第14条): who, on whom, why, how.

Shown inside the request view in place of the before/after table, which a
consultation does not have. Everything comes from ``consultation.application``
over the request's payload, which holds catalogue lines only (archive number,
category, sub-type, tier), never customer content: so the lines here may be
selected like any other text of the request.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.views.labels import label_text
from app.workflows.consultation import Application

EMPTY = "—"
COLUMNS = 4


class ConsultationDetailWidget(QWidget):
    """查阅人概况, 查阅目的, 理由, 方式, 期限, and the customers named (their catalogue lines)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}

        profile_box = QGroupBox(self.tr("查阅人概况"))
        profile_form = QFormLayout(profile_box)
        for key, title in (
            ("name", self.tr("姓名")),
            ("department", self.tr("部门")),
            ("position", self.tr("职务")),
            ("phone", self.tr("联系电话")),
        ):
            profile_form.addRow(title, self._value(key))

        asked_box = QGroupBox(self.tr("查阅事项"))
        asked_form = QFormLayout(asked_box)
        for key, title in (
            ("purpose", self.tr("查阅目的")),
            ("reason", self.tr("查阅理由")),
            ("mode", self.tr("查阅方式")),
            ("days", self.tr("查阅期限")),
        ):
            asked_form.addRow(title, self._value(key))

        self.customers_box = QGroupBox()
        self.customers_table = QTableWidget(0, COLUMNS)
        self.customers_table.setHorizontalHeaderLabels(
            [self.tr("档案编号"), self.tr("类别"), self.tr("子类"), self.tr("密级")]
        )
        self.customers_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customers_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customers_table.setAlternatingRowColors(True)
        self.customers_table.verticalHeader().hide()
        header = self.customers_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        customers_layout = QVBoxLayout(self.customers_box)
        customers_layout.addWidget(self.customers_table)

        left = QVBoxLayout()
        left.addWidget(profile_box)
        left.addWidget(asked_box, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 1)
        row.addWidget(self.customers_box, 1)

    def _value(self, key: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.values[key] = label
        return label

    def set_application(self, application: Application) -> None:
        profile = application.profile
        texts = {
            "name": profile.name,
            "department": profile.department,
            "position": profile.position,
            "phone": profile.phone,
            "purpose": application.purpose,
            "reason": application.reason,
            "mode": label_text(application.mode_label),
            "days": self.tr("{n} 天(自单位负责人签批时起算)").format(n=application.days)
            if application.days
            else "",
        }
        for key, label in self.values.items():
            text = texts.get(key, "")
            label.setText(text or EMPTY)
            label.setStyleSheet("" if text else "color: #999;")

        table = self.customers_table
        table.setRowCount(0)
        for row, customer in enumerate(application.customers):
            table.insertRow(row)
            cells = (
                customer.archive_no,
                label_text(customer.category_label),
                label_text(customer.subtype_label),
                label_text(customer.tier_label),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        self.customers_box.setTitle(
            self.tr("查阅的客户(共 {n} 户)").format(n=len(application.customers))
        )

    def row_texts(self, row: int) -> list[str]:
        """What row ``row`` of the customers table says (for tests and screen readers)."""
        cells = [self.customers_table.item(row, c) for c in range(COLUMNS)]
        return [c.text() if c is not None else "" for c in cells]
