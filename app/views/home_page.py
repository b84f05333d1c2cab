"""首页: what needs the logged-in person, each line a link to where it is resolved.

The lines come from one workflow call, :func:`app.workflows.dashboard.items`
(pending decisions, one's own requests, grants in force and ending soon,
overdue carriers and transfers, incomplete archives, leak reports and the
year's inspection, the last backup), grouped in the sections it names. Each
line is a link: a click, Enter or Space emits :attr:`HomePage.target_activated`
with where it leads, and the main window shows that area (and there the
request, grant, register line, record or report).

Below them: who is logged in, where, and since when (so that a login the
person did not make stands out to them), and the standing reminder of the
rules of the policy every person at this desk must keep (articles 13 and 19)
and what to do if something went wrong (article 20). Everything reloads each
time the page is shown.
"""

from __future__ import annotations

from datetime import UTC
from itertools import pairwise

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import settings as app_settings
from app.views.context import SessionContext
from app.views.labels import roles_text
from app.views.messages import error_text
from app.views.reminders import MARK
from app.views.request_view_dialog import ApprovalNews
from app.workflows import auth, dashboard
from app.workflows.dashboard import DashboardItem, Target

CONTEXT = "HomePage"

#: the severity tag's colours (the word is shown too: colour is never the only sign)
TAG_STYLE = {
    "urgent": "background: #b00020; color: white;",
    "attention": "background: #c25e00; color: white;",
}
LINK_STYLE = """
QFrame#homeItem { border: 1px solid transparent; border-radius: 3px; }
QFrame#homeItem:hover { background: #eef3fb; border-color: #c8d7ef; }
QFrame#homeItem:focus { background: #e3ecfa; border: 1px solid #2f6fd1; }
QFrame#homeItem[linked="false"]:hover { background: transparent; border-color: transparent; }
"""


def section_title(key: str) -> str:
    """The section's title in the chosen language (the workflow names them in Chinese)."""
    return QCoreApplication.translate(CONTEXT, dashboard.SECTIONS.get(key, key))


def severity_word(severity: str) -> str:
    return QCoreApplication.translate(CONTEXT, dashboard.SEVERITY_LABELS.get(severity, severity))


class ItemLink(QFrame):
    """One line of the home page: a severity tag and the text, activated by click, Enter, Space."""

    activated = Signal(object)

    def __init__(self, item: DashboardItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("homeItem")
        linked = item.target is not None
        self.setProperty("linked", "true" if linked else "false")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.setSpacing(8)
        tagged = item.severity in TAG_STYLE
        self.tag_label = QLabel(severity_word(item.severity) if tagged else "")
        self.tag_label.setStyleSheet(
            TAG_STYLE.get(item.severity, "") + "padding: 0 4px; border-radius: 2px;"
        )
        self.tag_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the same room with or without a tag, so that the texts line up
        words = [severity_word(s) for s in TAG_STYLE]
        room = max(self.tag_label.fontMetrics().horizontalAdvance(w) for w in words) + 10
        self.tag_label.setFixedWidth(room)
        self.tag_label.setVisible(tagged)
        self.tag_space = QWidget()
        self.tag_space.setFixedWidth(room)
        self.tag_space.setVisible(not tagged)
        self.text_label = QLabel(item.text)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        if item.kind in ("summary", "more"):
            font = QFont(self.text_label.font())
            font.setBold(item.kind == "summary")
            self.text_label.setFont(font)
        else:
            self.text_label.setIndent(12)
        if linked:
            self.text_label.setStyleSheet("color: palette(link);")
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setToolTip(self.tr("单击或按回车键前往处理"))
        else:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(item.text)
        row.addWidget(self.tag_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.tag_space)
        row.addWidget(self.text_label, 1)

    @property
    def text(self) -> str:
        return self.item.text

    def activate(self) -> None:
        if self.item.target is not None:
            self.activated.emit(self.item.target)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activate()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate()
            event.accept()
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    #: a line was activated: the main window shows where it leads (a dashboard.Target)
    target_activated = Signal(object)

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.links: list[ItemLink] = []
        self.section_labels: dict[str, QLabel] = {}

        self.greeting_label = QLabel()
        font = QFont(self.greeting_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.greeting_label.setFont(font)

        #: what needs this person, section by section (rebuilt on every refresh)
        self.items_box = QWidget()
        self.items_box.setObjectName("homeItems")
        self.items_box.setStyleSheet(LINK_STYLE)
        self._items_layout = QVBoxLayout(self.items_box)
        self._items_layout.setContentsMargins(0, 0, 0, 0)
        self._items_layout.setSpacing(2)
        self.nothing_label = QLabel(self.tr("目前没有需要您处理的事项。"))
        self.nothing_label.setStyleSheet("color: #555;")
        self.nothing_label.hide()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

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

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 20, 24, 20)
        column.addWidget(self.greeting_label)
        column.addSpacing(6)
        column.addWidget(self.error_label)
        column.addWidget(self.nothing_label)
        column.addWidget(self.items_box)
        column.addSpacing(14)
        column.addLayout(facts)
        column.addSpacing(10)
        column.addWidget(frame)
        column.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        # a decision or a new request elsewhere in this session changes what waits
        ApprovalNews.of(ctx).changed.connect(self._on_news)

    # --- loading ---------------------------------------------------------------------------------

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
        self._show_items()
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

    def _show_items(self) -> None:
        """Ask the workflow what needs this person and lay the lines out by section."""
        days = app_settings.load().backup_reminder_days
        try:
            found = dashboard.items(self._ctx.archive, self._ctx.actor, backup_reminder_days=days)
        except Exception as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            found = []
        else:
            self.error_label.hide()
        self._clear_items()
        sections: dict[str, list[DashboardItem]] = {}
        for item in found:
            sections.setdefault(item.section, []).append(item)
        for key, lines in sections.items():
            title = QLabel(self._section_heading(key, lines))
            title.setObjectName("homeSection")
            title.setStyleSheet("font-weight: bold; font-size: 14px; margin-top: 8px;")
            self.section_labels[key] = title
            self._items_layout.addWidget(title)
            for item in lines:
                link = ItemLink(item, self.items_box)
                link.activated.connect(self._activated)
                self._items_layout.addWidget(link)
                self.links.append(link)
        self.nothing_label.setVisible(not found and not self.error_label.isVisible())
        # tab order follows the page, top to bottom
        focusable = [link for link in self.links if link.item.target is not None]
        for before, after in pairwise(focusable):
            QWidget.setTabOrder(before, after)

    def _section_heading(self, key: str, lines: list[DashboardItem]) -> str:
        urgent = any(item.severity == "urgent" for item in lines)
        return (MARK if urgent else "") + section_title(key)

    def _clear_items(self) -> None:
        self.links = []
        self.section_labels = {}
        while self._items_layout.count():
            child = self._items_layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _on_news(self) -> None:
        if self.isVisible():
            self.refresh()

    def _activated(self, target: Target) -> None:
        self.target_activated.emit(target)

    # --- for tests and the screenshots --------------------------------------------------------------

    def texts(self, section: str | None = None) -> list[str]:
        """The lines shown (of one section)."""
        return [link.text for link in self.links if section in (None, link.item.section)]

    def link(self, contains: str) -> ItemLink:
        """The first line whose text contains ``contains``."""
        for link in self.links:
            if contains in link.text:
                return link
        raise LookupError(contains)


#: the section titles and severity words, for lupdate (the workflow names them)
_WORDS = (
    QT_TRANSLATE_NOOP("HomePage", "待我审批"),
    QT_TRANSLATE_NOOP("HomePage", "我的申请"),
    QT_TRANSLATE_NOOP("HomePage", "查阅授权"),
    QT_TRANSLATE_NOOP("HomePage", "逾期未还"),
    QT_TRANSLATE_NOOP("HomePage", "资料不全的档案"),
    QT_TRANSLATE_NOOP("HomePage", "事件与检查"),
    QT_TRANSLATE_NOOP("HomePage", "备份"),
    QT_TRANSLATE_NOOP("HomePage", "紧急"),
    QT_TRANSLATE_NOOP("HomePage", "注意"),
    QT_TRANSLATE_NOOP("HomePage", "提示"),
)
