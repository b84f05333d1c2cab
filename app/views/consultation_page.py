"""The consultation area (policy 第13、14条): my applications, my grants in force, the paper form.

A person asks here to consult customers who are not their own (新建申请…),
follows each application to the managers' review and the unit head's
signature (我的查阅申请: open it, print its 查阅申请表, withdraw it while it is
pending), and, once it is signed, opens the customers it names for the
period granted (授权有效中: the time left, 打开客户…, 提前结束… when the work is
done). Applications waiting for this person's own review or signature are in
the approvals area's inbox, like every other request; a line here says how
many and leads there.

Every list and every rule is the workflow's (``requests.mine``,
``consultation.grants_in_force``, ``customers.open_customer``); printing goes
through the print preview, and the print event is written when the form
leaves the program (printed or saved), not when it is looked at.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import CustodianRequired
from app.security.permissions import Action
from app.views.approvals_page import RequestListModel
from app.views.busy import busy_cursor
from app.views.consultation_apply_dialog import open_consultation_apply
from app.views.context import SessionContext
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.labels import label_text, local_time
from app.views.messages import show_error, show_info
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.request_view_dialog import ApprovalNews, ask_custodian, open_request_dialog
from app.workflows import consultation, consultation_print, customers, requests
from app.workflows.auth import Actor
from app.workflows.consultation import GrantLine
from app.workflows.requests import RequestLine

#: states in which the applicant may still take an application back
PENDING_STATES = ("draft", "submitted")
GRANT_COLUMNS = 5
#: fewer hours than this left: the time is shown in the warning colour
SOON_SECONDS = 24 * 3600
SOON_COLOUR = QColor("#a05a00")


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
    for column, width in enumerate((150, 220, 70, 120)):
        header.resizeSection(column, width)
    return table


class ConsultationPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._grants: list[GrantLine] = []
        #: the customer opened from a grant, while it is open (tests and the idle lock look)
        self.customer_view: CustomerViewDialog | None = None

        title = QLabel(self.tr("查阅申请"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "查阅他人管户的客户信息须经批准:申请由所涉客户的管户客户经理审核,"
                "单位负责人签批后,在期限内只读查阅(制度第13、14条)。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.inbox_label = QLabel()
        self.inbox_label.setObjectName("consultationInbox")
        self.inbox_label.setWordWrap(True)
        self.inbox_label.setTextFormat(Qt.TextFormat.RichText)
        self.inbox_label.linkActivated.connect(lambda _link: self.go_to_approvals())
        self.inbox_label.hide()

        self.new_button = QPushButton(self.tr("新建申请(&N)…"))
        self.blank_button = QPushButton(self.tr("空白申请表(&B)…"))
        self.blank_button.setToolTip(self.tr("打印空白的《数码客户信息查阅申请表》,供手工填写"))
        self.reload_button = QPushButton(self.tr("刷新(&R)"))
        self.new_button.clicked.connect(self.new_application)
        self.blank_button.clicked.connect(self.print_blank)
        self.reload_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.blank_button)
        top.addWidget(self.reload_button)

        # my applications
        self.mine_model = RequestListModel(
            [
                ("serial", self.tr("申请编号")),
                ("subject", self.tr("所涉档案")),
                ("state", self.tr("状态")),
                ("next", self.tr("下一步")),
                ("created", self.tr("提出时间")),
            ],
            self,
        )
        self.mine_table = _table(self.mine_model)
        self.mine_table.setAccessibleName(self.tr("我的查阅申请"))
        self.mine_table.activated.connect(lambda _index: self.open_selected())
        self.mine_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.mine_empty = QLabel(self.tr("您还没有提出过查阅申请。"))
        self.mine_empty.setStyleSheet("color: #555;")
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.print_button = QPushButton(self.tr("打印申请表(&P)…"))
        self.withdraw_button = QPushButton(self.tr("撤回(&W)…"))
        self.withdraw_button.setToolTip(self.tr("审批完成前可撤回;撤回的申请留档备查"))
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        mine_buttons = QHBoxLayout()
        mine_buttons.addWidget(self.open_button)
        mine_buttons.addWidget(self.print_button)
        mine_buttons.addWidget(self.withdraw_button)
        mine_buttons.addStretch(1)
        self.mine_box = QGroupBox(self.tr("我的查阅申请"))
        mine_layout = QVBoxLayout(self.mine_box)
        mine_layout.addWidget(self.mine_empty)
        mine_layout.addWidget(self.mine_table, 1)
        mine_layout.addLayout(mine_buttons)

        # grants in force
        self.grants_table = QTableWidget(0, GRANT_COLUMNS)
        self.grants_table.setHorizontalHeaderLabels(
            [
                self.tr("申请编号"),
                self.tr("查阅方式"),
                self.tr("所涉档案"),
                self.tr("有效期至"),
                self.tr("剩余时间"),
            ]
        )
        self.grants_table.setAccessibleName(self.tr("生效的查阅授权"))
        self.grants_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grants_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grants_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grants_table.setTabKeyNavigation(False)
        self.grants_table.setAlternatingRowColors(True)
        self.grants_table.verticalHeader().hide()
        grants_header = self.grants_table.horizontalHeader()
        grants_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        grants_header.setStretchLastSection(True)
        for column, width in enumerate((150, 70, 220, 120)):
            grants_header.resizeSection(column, width)
        self.grants_table.itemSelectionChanged.connect(self._grant_chosen)
        self.grants_empty = QLabel(self.tr("目前没有生效的查阅授权。"))
        self.grants_empty.setStyleSheet("color: #555;")

        self.grant_customers = QListWidget()
        self.grant_customers.setAccessibleName(self.tr("授权查阅的客户"))
        self.grant_customers.setFixedWidth(200)
        self.grant_customers.itemActivated.connect(lambda _item: self.open_customer())
        self.grant_customers.currentRowChanged.connect(lambda _row: self._update_buttons())
        customers_column = QVBoxLayout()
        customers_title = QLabel(self.tr("可查阅的客户:"))
        customers_title.setBuddy(self.grant_customers)
        customers_column.addWidget(customers_title)
        customers_column.addWidget(self.grant_customers, 1)

        self.open_customer_button = QPushButton(self.tr("打开客户(&C)…"))
        self.open_customer_button.setToolTip(self.tr("在授权期限内只读查阅所选客户"))
        self.end_button = QPushButton(self.tr("提前结束(&E)…"))
        self.end_button.setToolTip(self.tr("查阅已完成:结束此授权,此后不能再打开这些客户"))
        self.open_customer_button.clicked.connect(self.open_customer)
        self.end_button.clicked.connect(self.end_selected)
        grant_buttons = QHBoxLayout()
        grant_buttons.addWidget(self.open_customer_button)
        grant_buttons.addWidget(self.end_button)
        grant_buttons.addStretch(1)
        grants_column = QVBoxLayout()
        grants_column.addWidget(self.grants_empty)
        grants_column.addWidget(self.grants_table, 1)
        grants_row = QHBoxLayout()
        grants_row.addLayout(grants_column, 1)
        grants_row.addLayout(customers_column)
        self.grants_box = QGroupBox(self.tr("授权有效中"))
        grants_layout = QVBoxLayout(self.grants_box)
        grants_layout.addLayout(grants_row, 1)
        grants_layout.addLayout(grant_buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.inbox_label)
        layout.addWidget(self.mine_box, 1)
        layout.addWidget(self.grants_box, 1)

        for first, second in (
            (self.new_button, self.blank_button),
            (self.blank_button, self.reload_button),
            (self.reload_button, self.mine_table),
            (self.mine_table, self.open_button),
            (self.open_button, self.print_button),
            (self.print_button, self.withdraw_button),
            (self.withdraw_button, self.grants_table),
            (self.grants_table, self.grant_customers),
            (self.grant_customers, self.open_customer_button),
            (self.open_customer_button, self.end_button),
        ):
            QWidget.setTabOrder(first, second)

        ApprovalNews.of(ctx).changed.connect(self._on_news)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------

    @property
    def _actor(self) -> Actor:
        return self._ctx.actor

    def refresh(self) -> None:
        """Reload my applications, my grants in force and the line about the inbox."""
        archive, actor = self._ctx.archive, self._actor
        kept_request = self.selected_request()
        kept_grant = self.selected_grant()
        reviewing = actor.may(Action.CONSULTATION_REVIEW) or actor.may(Action.CONSULTATION_SIGN)
        try:
            with busy_cursor():
                mine = [
                    line for line in requests.mine(archive, actor) if line.kind == consultation.KIND
                ]
                grants = consultation.grants_in_force(archive, actor)
                waiting = (
                    sum(
                        1
                        for line in requests.inbox(archive, actor)
                        if line.kind == consultation.KIND
                    )
                    if reviewing
                    else 0
                )
        except Exception as exc:
            show_error(self, exc)
            return
        self.new_button.setEnabled(actor.may(Action.CONSULTATION_APPLY))
        self.blank_button.setEnabled(actor.may(Action.CONSULTATION_FORM_PRINT))
        self.print_button.setVisible(actor.may(Action.CONSULTATION_FORM_PRINT))

        self.mine_model.set_lines(mine)
        self.mine_empty.setVisible(not mine)
        self.mine_box.setTitle(
            self.tr("我的查阅申请({n})").format(n=len(mine)) if mine else self.tr("我的查阅申请")
        )
        if mine:
            ids = [line.id for line in mine]
            self.mine_table.selectRow(
                ids.index(kept_request.id) if kept_request and kept_request.id in ids else 0
            )

        self._show_grants(grants, kept_grant.request_id if kept_grant else None)
        self._show_inbox(reviewing, waiting)
        self._update_buttons()

    def _show_grants(self, grants: list[GrantLine], keep: int | None) -> None:
        self._grants = list(grants)
        table = self.grants_table
        table.blockSignals(True)
        table.setRowCount(0)
        for row, grant in enumerate(grants):
            table.insertRow(row)
            left = QTableWidgetItem(grant.time_left_label)
            if grant.time_left.total_seconds() < SOON_SECONDS:
                left.setForeground(QBrush(SOON_COLOUR))
            cells = [
                QTableWidgetItem(grant.serial),
                QTableWidgetItem(label_text(grant.mode_label)),
                QTableWidgetItem(grant.subject),
                QTableWidgetItem(local_time(grant.ends_at)),
                left,
            ]
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        table.blockSignals(False)
        self.grants_empty.setVisible(not grants)
        self.grants_box.setTitle(
            self.tr("授权有效中({n})").format(n=len(grants)) if grants else self.tr("授权有效中")
        )
        if grants:
            ids = [g.request_id for g in grants]
            table.selectRow(ids.index(keep) if keep in ids else 0)
        self._grant_chosen()

    def _show_inbox(self, reviewing: bool, waiting: int) -> None:
        self.inbox_label.setVisible(reviewing)
        link = '<a href="approvals">{}</a>'.format(self.tr("待办审批"))
        if waiting:
            text = self.tr("有 {n} 件查阅申请等待您审核或签批,请到{link}中办理。").format(
                n=waiting, link=link
            )
        else:
            text = self.tr("他人的查阅申请由您审核或签批时,会出现在{link}中。").format(link=link)
        self.inbox_label.setText(text)

    def _on_news(self) -> None:
        if self.isVisible():
            self.refresh()

    # --- selection -------------------------------------------------------------------------------

    def selected_request(self) -> RequestLine | None:
        rows = self.mine_table.selectionModel().selectedRows()
        return self.mine_model.line(rows[0].row()) if rows else None

    def selected_grant(self) -> GrantLine | None:
        rows = sorted({i.row() for i in self.grants_table.selectedIndexes()})
        return self._grants[rows[0]] if rows and rows[0] < len(self._grants) else None

    def selected_customer(self) -> tuple[int, str] | None:
        """(customer id, archive number) chosen in the selected grant."""
        grant = self.selected_grant()
        row = self.grant_customers.currentRow()
        if grant is None or not 0 <= row < len(grant.customer_ids):
            return None
        return grant.customer_ids[row], grant.customers[row]

    def _grant_chosen(self) -> None:
        grant = self.selected_grant()
        self.grant_customers.clear()
        if grant is not None:
            for number in grant.customers:
                self.grant_customers.addItem(QListWidgetItem(number))
            self.grant_customers.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        line = self.selected_request()
        self.open_button.setEnabled(line is not None)
        self.print_button.setEnabled(line is not None)
        self.withdraw_button.setEnabled(line is not None and line.state in PENDING_STATES)
        self.open_customer_button.setEnabled(self.selected_customer() is not None)
        self.end_button.setEnabled(self.selected_grant() is not None)

    # --- actions -----------------------------------------------------------------------------------

    def go_to_approvals(self) -> None:
        """Show the approvals area of the main window (where the inbox is)."""
        show_area = getattr(self.window(), "show_area", None)
        if callable(show_area):
            show_area("approvals")

    def new_application(self) -> None:
        if open_consultation_apply(self._ctx, self) is not None:
            self.refresh()

    def open_selected(self) -> None:
        line = self.selected_request()
        if line is None:
            return
        # a decision or withdrawal inside announces itself (ApprovalNews): the lists reload
        open_request_dialog(self._ctx, line.id, parent=self)

    def _preview(self, data: bytes, title: str, name: str, record: Callable[[str], None]) -> None:
        dialog = PdfPreviewDialog(
            data,
            title,
            name,
            on_print=lambda: record("print"),
            on_save=lambda _path: record("save"),
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()

    def print_selected(self) -> None:
        line = self.selected_request()
        if line is None:
            return
        ctx = self._ctx
        try:
            with busy_cursor():
                data = consultation_print.form_pdf(ctx.archive, ctx.actor, line.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._preview(
            data,
            self.tr("查阅申请表 {serial}").format(serial=line.serial),
            self.tr("查阅申请表-{serial}.pdf").format(serial=line.serial),
            lambda how: consultation_print.record_output(ctx.archive, ctx.actor, line.id, how),
        )

    def print_blank(self) -> None:
        ctx = self._ctx
        try:
            with busy_cursor():
                data = consultation_print.blank_form_pdf(ctx.archive, ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            return
        self._preview(
            data,
            self.tr("空白查阅申请表"),
            self.tr("查阅申请表-空白.pdf"),
            lambda how: consultation_print.record_blank_output(ctx.archive, ctx.actor, how),
        )

    def withdraw_selected(self) -> None:
        line = self.selected_request()
        if line is None or line.state not in PENDING_STATES:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("撤回查阅申请"),
            self.tr("撤回查阅申请 {serial} 的原因(将记入申请):").format(serial=line.serial),
        )
        if not ok:
            return
        try:
            with busy_cursor():
                requests.withdraw(self._ctx.archive, self._actor, line.id, reason)
        except Exception as exc:
            show_error(self, exc, self.tr("未撤回"))
            return
        ApprovalNews.of(self._ctx).changed.emit()
        self.refresh()

    def end_selected(self) -> None:
        grant = self.selected_grant()
        if grant is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("提前结束查阅"),
            self.tr(
                "提前结束查阅授权 {serial}:结束后不能再打开其中的客户。\n请填写原因(例如:授信评级已完成):"
            ).format(serial=grant.serial),
        )
        if not ok:
            return
        try:
            with busy_cursor():
                ref = consultation.end_grant(
                    self._ctx.archive, self._actor, grant.request_id, reason
                )
        except Exception as exc:
            show_error(self, exc, self.tr("未结束"))
            self.refresh()
            return
        ApprovalNews.of(self._ctx).changed.emit()
        self.refresh()
        show_info(self, self.tr("查阅授权 {serial} 已结束。").format(serial=ref.serial))

    def open_customer(self) -> None:
        """The chosen customer of the selected grant, read-only (the custodian for secret tier)."""
        chosen = self.selected_customer()
        if chosen is None:
            return
        customer_id, archive_no = chosen
        custodian: Actor | None = None
        while True:
            try:
                with busy_cursor():
                    content = customers.open_customer(
                        self._ctx.archive, self._actor, customer_id, custodian=custodian
                    )
                break
            except CustodianRequired as exc:
                if custodian is not None:
                    show_error(self, exc)
                    return
                custodian = ask_custodian(
                    self._ctx,
                    self.tr(
                        "档案 {no} 为“机密”“绝密”档案,内容存放于保密库,须由保密专管员本人到场开启。"
                    ).format(no=archive_no),
                    self,
                )
                if custodian is None:
                    return
            except Exception as exc:
                show_error(self, exc)
                self.refresh()  # the grant may have ended meanwhile
                return
        dialog = CustomerViewDialog(self._ctx, content, custodian=custodian, parent=self)
        self.customer_view = dialog
        dialog.exec()
        self.customer_view = None
        dialog.deleteLater()
