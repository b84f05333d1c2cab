"""审计日志: the service head's and inspectors' view of the audit chain.

Opening the page (``refresh``) is recorded as one "audit.view" event and runs
a chain check (itself recorded), so the banner always says whether the chain
is whole when someone starts reading it. Filtering only re-queries. Rows come
through the lazy AuditLogModel, never all at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.audit_log_model import AuditFilter, AuditLogModel
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.long_task import run_long
from app.views.messages import show_error
from app.workflows import audit_log
from app.workflows.audit_log import ChainStatus

_RED = "color: #b00020;"
_GREEN = "color: #1b5e20;"


class AuditLogPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._status: ChainStatus | None = None

        title = QLabel(self.tr("审计日志"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.no_permission_label = QLabel(self.tr("您没有查看审计日志的权限。"))

        # chain banner
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recheck_button = QPushButton(self.tr("重新校验"))
        self.recheck_button.clicked.connect(self.check_chain)
        self.problems_view = QPlainTextEdit()
        self.problems_view.setReadOnly(True)
        self.problems_view.setMaximumHeight(90)
        self.problems_view.setStyleSheet(_RED)
        self.problems_view.hide()
        banner = QHBoxLayout()
        banner.addWidget(self.chain_label, 1)
        banner.addWidget(self.recheck_button)

        # filters
        self.actor_combo = QComboBox()
        self.actor_combo.setMinimumContentsLength(10)
        self.action_combo = QComboBox()
        self.action_combo.setMinimumContentsLength(12)
        self.date_box = QCheckBox(self.tr("日期"))
        today = QDate.currentDate()
        self.since_edit = QDateEdit(today.addDays(-30))
        self.until_edit = QDateEdit(today)
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.date_box.toggled.connect(self.since_edit.setEnabled)
        self.date_box.toggled.connect(self.until_edit.setEnabled)
        self.query_button = QPushButton(self.tr("查询"))
        self.query_button.clicked.connect(self.run_query)
        self.count_label = QLabel()

        self.filter_bar = QWidget()
        filters = QHBoxLayout(self.filter_bar)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel(self.tr("用户")))
        filters.addWidget(self.actor_combo)
        filters.addWidget(QLabel(self.tr("操作")))
        filters.addWidget(self.action_combo)
        filters.addWidget(self.date_box)
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel(self.tr("至")))
        filters.addWidget(self.until_edit)
        filters.addWidget(self.query_button)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        # table
        self.model = AuditLogModel(ctx, self)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 150, 100, 140, 180)):
            self.table.setColumnWidth(column, width)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(banner)
        content_layout.addWidget(self.problems_view)
        content_layout.addWidget(self.filter_bar)
        content_layout.addWidget(self.table, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.no_permission_label)
        layout.addWidget(self.content, 1)

        for first, second in (
            (self.actor_combo, self.action_combo),
            (self.action_combo, self.date_box),
            (self.date_box, self.since_edit),
            (self.since_edit, self.until_edit),
            (self.until_edit, self.query_button),
            (self.query_button, self.table),
            (self.table, self.recheck_button),
        ):
            self.setTabOrder(first, second)
        # Enter anywhere in the filter row runs the query, as a default button would.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.filter_bar)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.run_query)

        ctx.actor_changed.connect(lambda _actor: self._apply_permission())
        self._apply_permission()

    # --- state -------------------------------------------------------------------------

    @property
    def chain_status(self) -> ChainStatus | None:
        return self._status

    def _permitted(self) -> bool:
        return self._ctx.actor.may(Action.AUDIT_VIEW)

    def _apply_permission(self) -> bool:
        """Hide everything from someone who may not read the log (e.g. after switching user)."""
        permitted = self._permitted()
        self.no_permission_label.setVisible(not permitted)
        self.content.setVisible(permitted)
        if not permitted:
            self.model.clear()
            self.count_label.clear()
            self.problems_view.clear()
            self.chain_label.clear()
            self._status = None
        return permitted

    def current_filter(self) -> AuditFilter:
        since: date | None = None
        until: date | None = None
        if self.date_box.isChecked():
            since = self.since_edit.date().toPython()  # type: ignore[assignment]
            until = self.until_edit.date().toPython()  # type: ignore[assignment]
        return AuditFilter(
            actor_login=self.actor_combo.currentData() or None,
            action=self.action_combo.currentData() or None,
            since=since,
            until=until,
        )

    # --- opening, querying, checking -------------------------------------------------------

    def refresh(self) -> None:
        """The page is opened: record it, reload the filter choices, query and check the chain."""
        if not self._apply_permission():
            return
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            audit_log.record_view(archive, actor)
            choices = audit_log.filter_choices(archive, actor)
        except Exception as exc:
            show_error(self, exc)
            return
        self._fill_combo(
            self.actor_combo, [(login, login) for login in choices.actors], self.tr("全部用户")
        )
        self._fill_combo(
            self.action_combo,
            [(code, label_text(label)) for code, label in choices.actions],
            self.tr("全部操作"),
        )
        self.check_chain()
        self.run_query()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]], everything: str) -> None:
        """Replace the entries, keeping the current choice when it still occurs."""
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value, text in items:
            combo.addItem(text, value)
        index = combo.findData(keep) if keep else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def run_query(self) -> None:
        if not self._apply_permission():
            return
        flt = self.current_filter()
        if flt.since and flt.until and flt.since > flt.until:
            self.until_edit.setDate(self.since_edit.date())
            flt = self.current_filter()
        with busy_cursor():
            self.model.set_filter(flt)
        self.count_label.setText(self.tr("共 {n} 条").format(n=self.model.total))
        self.table.scrollToTop()

    def check_chain(self) -> None:
        """Verify the whole chain (one recorded check) and show the result in the banner."""
        if not self._apply_permission():
            return
        try:
            archive, actor = self._ctx.archive, self._ctx.actor
            status = run_long(
                self,
                self.tr("校验审计链"),
                self.tr("正在逐条校验审计日志……"),
                lambda _step: audit_log.chain_status(archive, actor),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self._status = status
        if status.ok:
            self.chain_label.setText(
                self.tr("审计链完整:已校验 {n} 条记录,链尾 {head}…").format(
                    n=status.length, head=status.head[:16]
                )
            )
            self.chain_label.setStyleSheet(_GREEN)
            self.problems_view.clear()
            self.problems_view.hide()
        else:
            self.chain_label.setText(
                self.tr(
                    "审计链异常:发现 {n} 处问题,审计日志可能已被改动。请按制度立即报告,并保留现场。"
                ).format(n=len(status.problems))
            )
            self.chain_label.setStyleSheet(_RED)
            self.problems_view.setPlainText("\n".join(status.problems))
            self.problems_view.show()
