"""保密提示: the policy's confidentiality rules, acknowledged once per person per day.

Article 19 (三不准) is about conduct outside the program, which no software can
enforce; the policy's answer is to remind people, so the reminder must be read
and acknowledged, not merely shown. The caller records the date of the
acknowledgement (app.settings), so the notice does not become noise by
appearing at every unlock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class ConfidentialityNoticeDialog(QDialog):
    """Accepted only once the box "我已阅读并将遵守" is ticked; rejected means leave."""

    def __init__(self, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("客户信息保密提示"))
        self.setModal(True)

        heading = QLabel(
            self.tr("{name},使用前请阅读《客户信息管理操作制度》的保密规定:").format(
                name=display_name
            )
        )
        heading.setWordWrap(True)

        article13 = self._quote(
            self.tr("第13条"),
            self.tr("建立客户信息查阅权限制度,未经许可,任何人不得随意查阅客户信息。"),
        )
        article19 = self._quote(
            self.tr("第19条 三不准"),
            self.tr(
                "1、不准在私人交往和通信中泄露客户信息。\n"
                "2、不准在公共场所谈论客户信息。\n"
                "3、不准在普通电话、明码电报和私人通信中泄露客户信息。"
            ),
        )
        logged = QLabel(
            self.tr(
                "您在本系统中的每一次查阅和操作都会记入审计日志。离开座位时请按 Ctrl+L 锁定屏幕。"
            )
        )
        logged.setWordWrap(True)

        self.agree_box = QCheckBox(self.tr("我已阅读并将遵守(&A)"))
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.buttons.addButton(
            self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.ok_button.setEnabled(False)
        self.ok_button.setDefault(True)
        self.agree_box.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(article13)
        layout.addWidget(article19)
        layout.addWidget(logged)
        layout.addWidget(self.agree_box)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        QWidget.setTabOrder(self.agree_box, self.ok_button)
        QWidget.setTabOrder(self.ok_button, self.quit_button)
        self.agree_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _quote(self, article: str, text: str) -> QLabel:
        label = QLabel(f"{article}\n{text}")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setFrameShape(QLabel.Shape.StyledPanel)
        label.setMargin(8)
        return label

    def accept(self) -> None:
        if self.agree_box.isChecked():
            super().accept()
