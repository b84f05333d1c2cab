"""首页: who is logged in, where, and since when; plus the standing reminder.

The time of the previous login is shown so that a login the person did not
make stands out to them; the reminder repeats the two rules of the policy
that every person at this desk must keep (articles 13 and 19) and what to do
if something went wrong (article 20).
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app.views.context import SessionContext
from app.views.labels import roles_text
from app.views.messages import error_text
from app.workflows import auth


class HomePage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.greeting_label = QLabel()
        font = QFont(self.greeting_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.greeting_label.setFont(font)
        self.roles_label = QLabel()
        self.branch_label = QLabel()
        self.last_login_label = QLabel()
        for label in (self.roles_label, self.branch_label, self.last_login_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts = QFormLayout()
        facts.addRow(self.tr("角色:"), self.roles_label)
        facts.addRow(self.tr("信用社(网点):"), self.branch_label)
        facts.addRow(self.tr("上次登录:"), self.last_login_label)

        reminder = QLabel(
            self.tr(
                "保密提示\n"
                "· 未经许可,任何人不得随意查阅客户信息(第13条)。\n"
                "· 不准在私人交往和通信中、公共场所、普通电话、明码电报和私人通信中"
                "泄露或谈论客户信息(第19条 三不准)。\n"
                "· 发现客户信息已经泄露或可能泄露时,应立即采取补救措施,"
                "并及时报告客户服务管理部主管(第20条)。\n"
                "· 离开座位时请按 Ctrl+L 锁定屏幕。"
            )
        )
        reminder.setWordWrap(True)
        reminder.setObjectName("confidentialityReminder")
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addWidget(reminder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.greeting_label)
        layout.addLayout(facts)
        layout.addSpacing(12)
        layout.addWidget(frame)
        layout.addStretch(1)

    def refresh(self) -> None:
        actor = self._ctx.actor
        header = self._ctx.archive.header
        self.greeting_label.setText(self.tr("{name},您好").format(name=actor.display_name))
        self.roles_label.setText(roles_text(actor.roles))
        self.branch_label.setText(
            self.tr("{name}(网点代码 {code})").format(
                name=header.branch_name, code=header.branch_code
            )
        )
        try:
            previous = auth.previous_login_at(self._ctx.archive, actor)
        except Exception as exc:
            self.last_login_label.setText(error_text(exc))
            return
        if previous is None:
            self.last_login_label.setText(self.tr("这是您第一次登录本系统。"))
        else:
            local = previous.replace(tzinfo=UTC).astimezone()
            self.last_login_label.setText(
                self.tr("{time}(如不是您本人登录,请立即修改密码并报告客户服务管理部主管)").format(
                    time=local.strftime("%Y-%m-%d %H:%M")
                )
            )
