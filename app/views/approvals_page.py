"""The approvals area: 待办审批 (what this person may decide now) and 我的申请 (what they asked).

Both lists come from the workflow (``requests.inbox`` and ``requests.mine``),
which decides what belongs in each, so the page holds no rule about roles or
steps. A person whose roles decide nothing sees only 我的申请. Opening a line
(double-click or Enter) shows the request; after a decision, withdrawal or
refresh both lists reload, and the page tells the main window the new count
for its navigation entry.

The lists are short (open requests of one branch), so they are loaded whole;
the catalogue's lazy model is for 100,000 lines, not for these.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.messages import show_error
from app.views.reminders import reminder_lines
from app.views.request_view_dialog import ApprovalNews, open_request_dialog
from app.workflows import requests
from app.workflows.auth import Actor
from app.workflows.requests import RequestLine

_Index = QModelIndex | QPersistentModelIndex

#: the actions that decide a step of some procedure (the area's inbox is for these)
DECIDE_ACTIONS = (
    Action.MODIFICATION_APPROVE,
    Action.UPDATE_DECIDE,
    Action.CONSULTATION_REVIEW,
    Action.CONSULTATION_SIGN,
    Action.COPY_APPROVE,
    Action.EXTERNAL_APPROVE_MANAGER,
    Action.EXTERNAL_APPROVE_DIRECTOR,
    Action.DESTRUCTION_APPROVE,
)
#: the actions that make a request (the area's 我的申请 is for these)
SUBMIT_ACTIONS = (Action.UPDATE_SUBMIT, Action.MODIFICATION_DRAFT)


def may_decide_any(actor: Actor) -> bool:
    return any(actor.may(action) for action in DECIDE_ACTIONS)


class RequestListModel(QAbstractTableModel):
    """Request lines in columns chosen by key (serial, kind, subject, ...)."""

    def __init__(self, columns: list[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._lines: list[RequestLine] = []

    def set_lines(self, lines: list[RequestLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> RequestLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][1]
        return None

    def _text(self, line: RequestLine, key: str) -> str:
        if key == "serial":
            return line.serial
        if key == "kind":
            return label_text(line.kind_label)
        if key == "subject":
            return line.subject
        if key == "requester":
            return line.requester_name
        if key == "created":
            return local_time(line.created_at)
        if key == "state":
            return label_text(line.state_label)
        if key == "next":
            return label_text(line.next_step)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        key = self._columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "state":
            if line.state == "rejected":
                return QBrush(QColor("#b00020"))
            if line.state == "applied":
                return QBrush(QColor("#1e7b34"))
        if role == Qt.ItemDataRole.ToolTipRole and key == "next" and line.for_me:
            return self.tr("等待您审批")
        return None


def _table(model: RequestListModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class ApprovalsPage(QWidget):
    #: the number of requests waiting for this person changed (for the navigation entry)
    inbox_count_changed = Signal(int)

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._deciding = may_decide_any(ctx.actor)

        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr("双击或按回车打开申请。审批须由签署人本人输入密码签署;当前登录的用户保持不变。")
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)

        self.inbox_model = RequestListModel(
            [
                ("serial", self.tr("申请编号")),
                ("kind", self.tr("类别")),
                ("subject", self.tr("所涉档案")),
                ("requester", self.tr("申请人")),
                ("created", self.tr("提出时间")),
                ("next", self.tr("待办步骤")),
            ],
            self,
        )
        self.mine_model = RequestListModel(
            [
                ("serial", self.tr("申请编号")),
                ("kind", self.tr("类别")),
                ("subject", self.tr("所涉档案")),
                ("state", self.tr("状态")),
                ("next", self.tr("下一步")),
                ("created", self.tr("提出时间")),
            ],
            self,
        )
        self.inbox_table = _table(self.inbox_model)
        self.mine_table = _table(self.mine_model)
        for table, widths in (
            (self.inbox_table, (150, 110, 200, 100, 130)),
            (self.mine_table, (150, 110, 200, 80, 130)),
        ):
            for column, width in enumerate(widths):
                table.horizontalHeader().resizeSection(column, width)
            table.activated.connect(lambda _index, t=table: self.open_selected(t))
            table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.inbox_empty = QLabel(self.tr("没有等待您审批的申请。"))
        self.mine_empty = QLabel(self.tr("您还没有提出过申请。"))
        for label in (self.inbox_empty, self.mine_empty):
            label.setStyleSheet("color: #555;")

        self.tabs = QTabWidget()
        self.tabs.addTab(self._tab(self.inbox_table, self.inbox_empty), self.tr("待办审批"))
        self.tabs.addTab(self._tab(self.mine_table, self.mine_empty), self.tr("我的申请"))
        self.tabs.setTabVisible(0, self._deciding)
        if not self._deciding:
            self.tabs.setCurrentIndex(1)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())

        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.reload_button = QPushButton(self.tr("刷新列表(&R)"))
        self.open_button.clicked.connect(lambda: self.open_selected(self.current_table()))
        self.reload_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)

        #: carriers and transfers overdue in this person's hands (articles 12 and 17), and for
        #: the department head the leak reports not yet opened (article 20)
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setTextFormat(Qt.TextFormat.PlainText)
        self.overdue_label.setStyleSheet("font-weight: bold;")
        self.overdue_label.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(hint)
        layout.addWidget(self.overdue_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        ApprovalNews.of(ctx).changed.connect(self._on_news)
        self._update_title(0)

    @staticmethod
    def _tab(table: QTableView, empty: QLabel) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(empty)
        column.addWidget(table, 1)
        return page

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload both lists (and announce the inbox count)."""
        actor = self._ctx.actor
        try:
            with busy_cursor():
                inbox = requests.inbox(self._ctx.archive, actor) if self._deciding else []
                mine = requests.mine(self._ctx.archive, actor)
        except Exception as exc:
            show_error(self, exc)
            return
        overdue = reminder_lines(self._ctx)
        self.overdue_label.setText("\n".join(overdue))
        self.overdue_label.setVisible(bool(overdue))
        self.inbox_model.set_lines(inbox)
        self.mine_model.set_lines(mine)
        for table in (self.inbox_table, self.mine_table):
            if table.model().rowCount():
                table.selectRow(0)  # Enter opens the first at once
        self.inbox_empty.setVisible(not inbox)
        self.mine_empty.setVisible(not mine)
        self.tabs.setTabText(
            0, self.tr("待办审批 ({n})").format(n=len(inbox)) if inbox else self.tr("待办审批")
        )
        self._update_title(len(inbox))
        self._update_buttons()
        if self._deciding:
            self.inbox_count_changed.emit(len(inbox))

    def _update_title(self, count: int) -> None:
        if not self._deciding:
            self.title_label.setText(self.tr("我的申请"))
        elif count:
            self.title_label.setText(self.tr("待办审批:{n} 件等待您审批").format(n=count))
        else:
            self.title_label.setText(self.tr("待办审批"))

    def _on_news(self) -> None:
        if self.isVisible():
            self.refresh()

    # --- opening -----------------------------------------------------------------------------------

    def current_table(self) -> QTableView:
        return self.inbox_table if self.tabs.currentIndex() == 0 else self.mine_table

    def _selected(self, table: QTableView) -> RequestLine | None:
        rows = table.selectionModel().selectedRows()
        model = table.model()
        if not rows or not isinstance(model, RequestListModel):
            return None
        return model.line(rows[0].row())

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self._selected(self.current_table()) is not None)

    def open_selected(self, table: QTableView) -> None:
        line = self._selected(table)
        if line is None:
            index = table.currentIndex()
            model = table.model()
            if index.isValid() and isinstance(model, RequestListModel):
                line = model.line(index.row())
        if line is None:
            return
        # a decision, withdrawal or refresh inside announces itself (ApprovalNews): the lists
        # reload from _on_news, and the navigation count with them
        open_request_dialog(self._ctx, line.id, parent=self)
