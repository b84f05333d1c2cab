"""销毁申请与执行 (article 18): ask for the destruction of due archives, carry out approved ones.

Two tabs. 申请销毁: the archives whose retention has run out (the workflow
decides which, by the rules file), each with a box to tick, one method per
kind of carrier, a note, 提交. 执行销毁: the approved requests; the names of
who destroyed the carriers and of the two witnesses, and, when a 机密/绝密
archive is among them, the custodian confirms in person. Every rule lives in
app.workflows.destruction and app.workflows.retention: this dialog shows
what they say.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.customer import CARRIER_KINDS
from app.security.permissions import Action
from app.security.roles import Role
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text, local_time
from app.views.long_task import run_long
from app.views.messages import confirm, show_error, show_info
from app.workflows import destruction, retention
from app.workflows.destruction import ApprovedLine, DestructionItem
from app.workflows.retention import DueLine

DUE_COLUMNS = 9
APPROVED_COLUMNS = 5


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DestructionDialog(QDialog):
    """申请销毁 and 执行销毁 for the person at the keyboard."""

    #: a request was submitted or carried out (the register page reloads)
    changed = Signal()

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._due: list[DueLine] = []
        self._approved: list[ApprovedLine] = []
        self.setWindowTitle(self.tr("档案销毁"))
        self.setMinimumSize(900, 560)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._request_tab(), self.tr("申请销毁"))
        self.tabs.addTab(self._carry_out_tab(), self.tr("执行销毁"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.refresh()

    # --- 申请销毁 ----------------------------------------------------------------------------------

    def _request_tab(self) -> QWidget:
        page = QWidget()
        hint = QLabel(
            self.tr(
                "下列档案的保管期限已满(按联社保管期限规则计算)。勾选要销毁的档案,"
                "为每种载体选择销毁方式,提交主任审批。批准后再执行销毁(制度第18条)。"
            )
        )
        hint.setWordWrap(True)
        self.due_table = _table(
            [
                self.tr("销毁"),
                self.tr("档案编号"),
                self.tr("客户名称"),
                self.tr("类别"),
                self.tr("密级"),
                self.tr("状态"),
                self.tr("保管期限"),
                self.tr("到期日"),
                self.tr("载体"),
            ]
        )
        self.due_table.itemChanged.connect(lambda _item: self._update_buttons())
        self.due_empty = QLabel(self.tr("没有保管期限已满的档案。"))
        self.due_empty.setStyleSheet("color: #555;")

        methods = QGroupBox(self.tr("销毁方式"))
        form = QFormLayout(methods)
        self.method_combos: dict[str, QComboBox] = {}
        for kind, label in CARRIER_KINDS.items():
            combo = QComboBox()
            combo.setObjectName(f"method_{kind}")
            self.method_combos[kind] = combo
            form.addRow(self.tr("{kind}载体").format(kind=label_text(label)), combo)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("说明(可不填),如:保管期满,经核实已无业务往来"))
        self.note_edit.setFixedHeight(54)
        self.submit_button = QPushButton(self.tr("提交销毁申请(&S)"))
        self.submit_button.clicked.connect(self.submit)
        self.selected_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.selected_label, 1)
        row.addWidget(self.submit_button)

        column = QVBoxLayout(page)
        column.addWidget(hint)
        column.addWidget(self.due_empty)
        column.addWidget(self.due_table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(methods)
        bottom.addWidget(self.note_edit, 1)
        column.addLayout(bottom)
        column.addLayout(row)
        self.submit_button.setVisible(self._ctx.actor.may(Action.DESTRUCTION_REQUEST))
        return page

    # --- 执行销毁 ----------------------------------------------------------------------------------

    def _carry_out_tab(self) -> QWidget:
        page = QWidget()
        hint = QLabel(
            self.tr(
                "经主任批准的销毁申请。按批准的方式销毁载体后,填写执行人和两名监销人,"
                "点“执行销毁”删除系统中的档案内容并登记销毁清册。“机密”“绝密”档案须由"
                "保密专管员到场确认。此操作不能撤销。"
            )
        )
        hint.setWordWrap(True)
        self.approved_table = _table(
            [
                self.tr("申请编号"),
                self.tr("所涉档案"),
                self.tr("申请人"),
                self.tr("批准人"),
                self.tr("批准时间"),
            ]
        )
        self.approved_table.itemSelectionChanged.connect(self._update_buttons)
        self.approved_empty = QLabel(self.tr("没有待执行的销毁申请。"))
        self.approved_empty.setStyleSheet("color: #555;")
        self.executors_edit = QLineEdit()
        self.executors_edit.setPlaceholderText(self.tr("销毁执行人姓名,多人用顿号分隔"))
        self.witness1_edit = QLineEdit()
        self.witness2_edit = QLineEdit()
        for edit in (self.executors_edit, self.witness1_edit, self.witness2_edit):
            edit.setMaxLength(100)
            edit.textChanged.connect(lambda _t: self._update_buttons())
        form = QFormLayout()
        form.addRow(self.tr("执行人"), self.executors_edit)
        form.addRow(self.tr("监销人一"), self.witness1_edit)
        form.addRow(self.tr("监销人二"), self.witness2_edit)
        self.carry_out_button = QPushButton(self.tr("执行销毁(&E)…"))
        self.carry_out_button.clicked.connect(self.carry_out)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.carry_out_button)
        column = QVBoxLayout(page)
        column.addWidget(hint)
        column.addWidget(self.approved_empty)
        column.addWidget(self.approved_table, 1)
        column.addLayout(form)
        column.addLayout(row)
        return page

    # --- loading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            with busy_cursor():
                rules = retention.current_rules()
                self._due = retention.due_for_destruction(archive, actor)
                self._approved = (
                    destruction.approved_requests(archive, actor)
                    if actor.may(Action.DESTRUCTION_REQUEST)
                    else []
                )
        except Exception as exc:
            self._due, self._approved = [], []
            show_error(self, exc)
            rules = None
        for kind, combo in self.method_combos.items():
            combo.clear()
            if rules is not None:
                combo.addItems(list(rules.methods[kind]))
        self._fill_due()
        self._fill_approved()
        self.tabs.setTabVisible(1, actor.may(Action.DESTRUCTION_REQUEST))
        self._update_buttons()

    def _fill_due(self) -> None:
        table = self.due_table
        table.blockSignals(True)
        table.setRowCount(len(self._due))
        for row, line in enumerate(self._due):
            check = QTableWidgetItem()
            busy = line.pending_serial or line.blocked_by
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
            check.setFlags(flags if not busy else Qt.ItemFlag.NoItemFlags)
            check.setCheckState(Qt.CheckState.Unchecked)
            if busy:
                check.setToolTip(
                    self.tr("已列入销毁申请 {serial}").format(serial=line.pending_serial)
                    if line.pending_serial
                    else self.tr("有未办结的申请 {serial}").format(serial=line.blocked_by)
                )
            table.setItem(row, 0, check)
            values = (
                line.archive_no,
                line.title_masked,
                label_text(line.category_label),
                label_text(line.tier_label),
                label_text(line.status_label),
                self.tr("{n} 年").format(n=line.retention_years),
                line.due_on.isoformat(),
                line.carriers_text or self.tr("(无)"),
            )
            for column, value in enumerate(values, start=1):
                table.setItem(row, column, _item(value))
        table.blockSignals(False)
        self.due_empty.setVisible(not self._due)

    def _fill_approved(self) -> None:
        table = self.approved_table
        table.setRowCount(len(self._approved))
        for row, line in enumerate(self._approved):
            archives = "、".join(line.archive_nos)
            if line.needs_custodian:
                archives += self.tr("(含机密/绝密)")
            values = (
                line.serial,
                archives,
                line.requester_name,
                line.approver_name,
                local_time(line.approved_at),
            )
            for column, value in enumerate(values):
                table.setItem(row, column, _item(value))
        self.approved_empty.setVisible(not self._approved)

    # --- state -------------------------------------------------------------------------------------

    def checked_lines(self) -> list[DueLine]:
        return [
            line
            for row, line in enumerate(self._due)
            if (item := self.due_table.item(row, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, archive_no: str, checked: bool = True) -> None:
        """Tick an archive's box (tests, and selecting from elsewhere)."""
        for row, line in enumerate(self._due):
            item = self.due_table.item(row, 0)
            if line.archive_no == archive_no and item is not None:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def selected_approved(self) -> ApprovedLine | None:
        rows = self.approved_table.selectionModel().selectedRows()
        return self._approved[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.checked_lines()
        self.submit_button.setEnabled(bool(chosen))
        self.selected_label.setText(
            self.tr("已选 {n} 份档案").format(n=len(chosen)) if chosen else ""
        )
        filled = all(
            e.text().strip() for e in (self.executors_edit, self.witness1_edit, self.witness2_edit)
        )
        self.carry_out_button.setEnabled(self.selected_approved() is not None and filled)

    # --- actions -----------------------------------------------------------------------------------

    def submit(self) -> None:
        chosen = self.checked_lines()
        if not chosen:
            return
        methods = {kind: combo.currentText() for kind, combo in self.method_combos.items()}
        items = [
            DestructionItem(
                line.customer_id,
                {c.kind: methods[c.kind] for c in line.carriers if c.kind in methods},
            )
            for line in chosen
        ]
        try:
            with busy_cursor():
                ref = destruction.propose(
                    self._ctx.archive,
                    self._ctx.actor,
                    items,
                    note=self.note_edit.toPlainText(),
                )
        except Exception as exc:
            show_error(self, exc)
            return
        show_info(
            self,
            self.tr("销毁申请 {serial} 已提交,共 {n} 份档案,等待主任审批。").format(
                serial=ref.serial, n=len(items)
            ),
        )
        self.note_edit.clear()
        self.changed.emit()
        self.refresh()

    def carry_out(self) -> None:
        line = self.selected_approved()
        if line is None:
            return
        if not confirm(
            self,
            self.tr(
                "执行销毁申请 {serial}:{n} 份档案的内容将从系统中永久删除,只保留目录中的"
                "销毁记录和销毁清册。此操作不能撤销。\n\n请确认载体已按批准的方式销毁。"
            ).format(serial=line.serial, n=len(line.archive_nos)),
            self.tr("执行销毁"),
        ):
            return
        custodian = None
        if line.needs_custodian:
            dialog = InPersonAuthDialog(
                self._ctx.archive,
                self.tr("销毁“机密”“绝密”档案须由保密专管员到场,开启保密库删除其内容。"),
                required_role=Role.CUSTODIAN,
                parent=self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
                return
            custodian = dialog.actor
        try:
            archive, actor = self._ctx.archive, self._ctx.actor
            executors = self.executors_edit.text()
            witnesses = [self.witness1_edit.text(), self.witness2_edit.text()]
            done = run_long(
                self,
                self.tr("执行销毁"),
                self.tr("正在删除档案内容并整理数据库,请勿关闭程序……"),
                lambda _step: destruction.carry_out(
                    archive,
                    actor,
                    line.request_id,
                    executors=executors,
                    witnesses=witnesses,
                    custodian=custodian,
                ),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        text = self.tr("已销毁 {n} 份档案,销毁清册编号 {first}{more}。").format(
            n=len(done.archive_nos),
            first=done.register_nos[0] if done.register_nos else "",
            more=self.tr(" 等") if len(done.register_nos) > 1 else "",
        )
        if not done.vacuumed:
            text += "\n" + self.tr(
                "数据库整理未能完成(磁盘空间不足?):内容已删除,请释放空间后由系统管理员校验档案。"
            )
        show_info(self, text)
        for edit in (self.executors_edit, self.witness1_edit, self.witness2_edit):
            edit.clear()
        self.changed.emit()
        self.refresh()
