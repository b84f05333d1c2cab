"""首页: who is logged in, where, and since when; plus the standing reminder.

The time of the previous login is shown so that a login the person did not
make stands out to them; the reminder repeats the two rules of the policy
that every person at this desk must keep (articles 13 and 19) and what to do
if something went wrong (article 20). The administrator also sees when the
archive has gone too long without a backup; everyone sees what waits for
them: carriers they hold past their day (a custodian: every overdue carrier),
transfers they answer for, and (the department head) new leak reports.
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app import settings as app_settings
from app.security.permissions import Action
from app.views.context import SessionContext
from app.views.labels import roles_text
from app.views.messages import error_text
from app.views.reminders import reminder_lines
from app.workflows import auth, backup


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
        #: administrators only: the backup reminder (shown when the last backup is too old)
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.backup_label.setStyleSheet("font-weight: bold;")
        self.backup_label.hide()
        #: what waits for this person: overdue carriers and transfers, unread leak reports
        self.reminders_label = QLabel()
        self.reminders_label.setWordWrap(True)
        self.reminders_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reminders_label.setStyleSheet("font-weight: bold;")
        self.reminders_label.hide()
        layout.addWidget(self.greeting_label)
        layout.addWidget(self.reminders_label)
        layout.addWidget(self.backup_label)
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
        self._show_backup_reminder()
        self._show_reminders()
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

    def _show_backup_reminder(self) -> None:
        """Tell the administrator when the archive has gone too long without a backup."""
        actor = self._ctx.actor
        if not actor.may(Action.BACKUP_CREATE):
            self.backup_label.hide()
            return
        days = app_settings.load().backup_reminder_days
        try:
            due = backup.backup_due(self._ctx.archive, days)
            last = backup.last_backup_at(self._ctx.archive)
        except Exception as exc:
            self.backup_label.setText(error_text(exc))
            self.backup_label.show()
            return
        if not due:
            self.backup_label.hide()
            return
        if last is None:
            text = self.tr("⚠ 本档案尚未备份。请从“系统 → 备份档案…”立即备份。")
        else:
            text = self.tr(
                "⚠ 上次备份在 {time},已超过 {days} 天。请从“系统 → 备份档案…”备份。"
            ).format(time=last.astimezone().strftime("%Y-%m-%d %H:%M"), days=days)
        self.backup_label.setText(text)
        self.backup_label.show()

    def _show_reminders(self) -> None:
        """Overdue carriers (art. 12) and transfers (art. 17), and new leak reports (art. 20)."""
        lines = reminder_lines(self._ctx)
        self.reminders_label.setText("\n".join(lines))
        self.reminders_label.setVisible(bool(lines))
