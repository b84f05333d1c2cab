"""复制/摘录: which items of this record go to the clipboard (all of them: a copy; some: an excerpt).

Only the choice is made here; the workflow checks that the permit covers
every item ticked, adds the watermark lines and records the copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.workflows.external_provision import FieldChoice


class CopyItemsDialog(QDialog):
    def __init__(
        self, archive_no: str, fields: Sequence[FieldChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("复制/摘录 {no}").format(no=archive_no))
        self.setModal(True)
        self.resize(420, 520)
        hint = QLabel(
            self.tr(
                "勾选要复制到剪贴板的项目(全部勾选为复制,部分勾选为摘录)。"
                "只能复制许可所列的项目;复制的内容带有水印,30 秒后自动从剪贴板清除。"
            )
        )
        hint.setWordWrap(True)
        self.field_list = QListWidget()
        self.field_list.setAccessibleName(self.tr("复制的项目"))
        for field in fields:
            item = QListWidgetItem(field.label)
            item.setData(Qt.ItemDataRole.UserRole, field.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.field_list.addItem(item)
        self.all_button = QPushButton(self.tr("全选"))
        self.none_button = QPushButton(self.tr("全不选"))
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)
        self.all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("复制"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.field_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.field_list.setFocus()

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.field_list.count()):
            self.field_list.item(i).setCheckState(state)

    def field_keys(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.field_list.item(i) for i in range(self.field_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
