"""An area of the main window whose procedure is not built yet, said plainly.

It names the area and the policy articles it will serve, so that a person
knows where the work will be done and which rule applies meanwhile, and shows
no sample data: a made-up row in a customer archive would be worse than none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class AreaPlaceholder(QWidget):
    def __init__(
        self, title: str, articles: str, summary: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        basis = QLabel(self.tr("依据:《客户信息管理操作制度》{articles}").format(articles=articles))
        what = QLabel(summary)
        self.notice_label = QLabel(self.tr("此功能将在后续版本中提供。"))
        self.notice_label.setObjectName("placeholderNotice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        for label in (heading, basis, what, self.notice_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)
