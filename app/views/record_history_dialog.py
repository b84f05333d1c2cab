"""修改记录: every filed version of one archive, newest first, with what changed and who signed.

Article 10 asks that each change of a filed archive names who asked, who
approved and when; this is where the owning manager reads it. The versions,
their before/after values and whether the approving signature still verifies
come from ``requests.record_history`` (the owner only, audited; secret-tier
differences from the vault with the custodian present). Selecting a version
shows its difference in the same table as the request view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.views import copy_guard
from app.views.context import SessionContext
from app.views.labels import local_time
from app.views.request_view_dialog import (
    INVALID_COLOUR,
    VALID_COLOUR,
    ChangesTable,
    with_custodian,
)
from app.workflows import requests
from app.workflows.auth import Actor
from app.workflows.requests import VersionLine


class RecordHistoryDialog(QDialog):
    """The versions of one archive (already loaded); use :func:`open_record_history`."""

    def __init__(
        self,
        archive_no: str,
        versions: list[VersionLine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        copy_guard.mark_content(self)  # customer content: no copying out (art. 17.1)
        self._versions = versions
        self.setModal(True)
        self.setWindowTitle(self.tr("档案 {no} 的修改记录").format(no=archive_no))

        self.versions_table = QTableWidget(0, 6)
        self.versions_table.setHorizontalHeaderLabels(
            [
                self.tr("版本"),
                self.tr("执行时间"),
                self.tr("申请编号"),
                self.tr("申请人"),
                self.tr("批准人"),
                self.tr("签名"),
            ]
        )
        self.versions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions_table.verticalHeader().hide()
        header = self.versions_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.versions_table.itemSelectionChanged.connect(self._show_selected)

        self.empty_label = QLabel(self.tr("此档案归档后尚无经审批的修改。建档时的内容为第 1 版。"))
        self.empty_label.setStyleSheet("color: #555;")
        self.changes_box = QGroupBox(self.tr("所选版本的修改内容"))
        self.changes_table = ChangesTable()
        box_layout = QVBoxLayout(self.changes_box)
        box_layout.addWidget(self.changes_table)

        close = QPushButton(self.tr("关闭"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.versions_table, 2)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.changes_box, 3)
        layout.addLayout(buttons)
        self.resize(860, 560)

        self._fill()

    def _fill(self) -> None:
        table = self.versions_table
        for row, version in enumerate(self._versions):
            table.insertRow(row)
            if version.signature_valid is None:
                signature = QTableWidgetItem(self.tr("无签名记录"))
            elif version.signature_valid:
                signature = QTableWidgetItem(self.tr("✔ 签名有效"))
                signature.setForeground(QBrush(VALID_COLOUR))
            else:
                signature = QTableWidgetItem(self.tr("✘ 签名无效"))
                signature.setForeground(QBrush(INVALID_COLOUR))
                signature.setBackground(QBrush(QColor("#fde2e4")))
                font = QFont(signature.font())
                font.setBold(True)
                signature.setFont(font)
            number = QTableWidgetItem(self.tr("第 {v} 版").format(v=version.version))
            number.setData(Qt.ItemDataRole.UserRole, version.version)
            for column, cell in enumerate(
                (
                    number,
                    QTableWidgetItem(local_time(version.applied_at)),
                    QTableWidgetItem(version.serial or "—"),
                    QTableWidgetItem(version.requested_by),
                    QTableWidgetItem(version.approved_by),
                    signature,
                )
            ):
                table.setItem(row, column, cell)
        has_versions = bool(self._versions)
        self.empty_label.setVisible(not has_versions)
        self.changes_box.setVisible(has_versions)
        if has_versions:
            table.selectRow(0)

    def _show_selected(self) -> None:
        rows = self.versions_table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self._versions):
            self.changes_table.set_changes([])
            return
        version = self._versions[rows[0].row()]
        self.changes_box.setTitle(
            self.tr("第 {v} 版的修改内容(申请 {serial})").format(
                v=version.version, serial=version.serial or "—"
            )
        )
        self.changes_table.set_changes(version.changes)

    def row_texts(self, row: int) -> list[str]:
        cells = [self.versions_table.item(row, c) for c in range(self.versions_table.columnCount())]
        return [c.text() if c is not None else "" for c in cells]


def open_record_history(
    ctx: SessionContext,
    customer_id: int,
    archive_no: str,
    *,
    custodian: Actor | None = None,
    parent: QWidget | None = None,
) -> Actor | None:
    """Load and show the history; returns the custodian used (to keep for the customer page)."""
    done = with_custodian(
        ctx,
        lambda holder: requests.record_history(
            ctx.archive, ctx.actor, customer_id, custodian=holder
        ),
        custodian,
        parent,
    )
    if done is None:
        return custodian
    versions, holder = done
    dialog = RecordHistoryDialog(archive_no, versions, parent)
    dialog.exec()
    dialog.deleteLater()
    return holder
