"""One customer's archive as its owning manager reads it (opened through the workflow).

The content came from ``customers.open_customer``, which checked that the
person is the owner (article 13), fetched secret-tier content from the vault
with the custodian present (article 16) and recorded the opening. The page is
laid out by the template version the record was filled under; where a newer
version asks for more, the items are listed. While the archive is a draft its
manager may complete it (修改) or file it (归档); after filing, 修改 opens the
same form in modification mode, whose change goes to the director for
signature (article 10). While such a change is pending, a banner says so and
opens the request; 修改记录 lists the approved versions. The owning manager
marks a filed record 机密/绝密 here (标定密级, with the custodian in person) and
asks the director to lower it (申请降低密级); the workflow says which is offered.

Values are shown as plain labels, not selectable: copying out needs an
approved request (article 17.1). 复制/摘录…, 导出 PDF… and 打印… go through
the workflow, which checks the permit, watermarks and records each output;
without a permit they say so and offer the request.

Someone who is not the manager sees the record only under a consultation
grant (articles 13-14): a banner names the grant, its mode and its end, and
nothing can be changed. Under a grant to read only (阅览) copying is shut off
as well: no copy key, no context menu on the values and tables.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.template import current_template, template_version
from app.template.model import CARRIER_GROUP, GroupDef, Template
from app.views import copy_actions, copy_guard
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.labels import label_text, local_time
from app.views.messages import confirm, show_error, show_info
from app.views.record_history_dialog import open_record_history
from app.views.request_view_dialog import ApprovalNews, open_request_dialog
from app.views.tier_dialog import TierDialog
from app.workflows import consultation, customers, requests, tier
from app.workflows.auth import Actor
from app.workflows.customers import CustomerContent

EMPTY = "—"
GRANT_STYLE = "background: #fff4d6; border: 1px solid #e0b84f; padding: 6px;"
#: the grant mode under which the record may only be looked at (consultation.MODES)
VIEW_ONLY_MODE = "view"


def _text(value: object) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value)
    return str(value)


class CustomerViewDialog(QDialog):
    def __init__(
        self,
        ctx: SessionContext,
        content: CustomerContent,
        *,
        custodian: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._content = content
        self._custodian = custodian
        #: the archive was changed here (completed or filed): the catalogue should refresh
        self.changed = False
        #: opened under a grant to read only (阅览): no selecting, no copying
        self.view_only = False
        self.setModal(True)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.edit_button = QPushButton(self.tr("修改"))
        self.file_button = QPushButton(self.tr("归档"))
        self.history_button = QPushButton(self.tr("修改记录"))
        self.raise_tier_button = QPushButton(self.tr("标定密级…"))
        self.lower_tier_button = QPushButton(self.tr("申请降低密级…"))
        self.close_button = QPushButton(self.tr("关闭"))
        # the permitted ways out (article 17.1): each asks for a permit, else offers a request
        self.copy_button = QPushButton(self.tr("复制/摘录(&C)…"))
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.copy_button.setToolTip(
            self.tr("须有经批准的复制摘录申请,或“复制”“摘抄”方式的查阅授权(制度第17条)")
        )
        self.copy_button.clicked.connect(self.copy_items)
        self.pdf_button.clicked.connect(lambda: self.show_copy_pdf("pdf"))
        self.print_button.clicked.connect(lambda: self.show_copy_pdf("print"))
        self.edit_button.setToolTip(
            self.tr("草稿可由管户客户经理直接修改;归档后的修改须经主任批准")
        )
        self.history_button.setToolTip(self.tr("归档后每次经批准的修改:版本、申请人、批准人"))
        self.edit_button.clicked.connect(self.edit)
        self.file_button.clicked.connect(self.file)
        self.history_button.clicked.connect(self.show_history)
        self.raise_tier_button.clicked.connect(self.raise_tier)
        self.lower_tier_button.clicked.connect(self.lower_tier)
        self.close_button.clicked.connect(self.accept)
        self._tier_actions = tier.TierActions()
        for button in (
            self.edit_button,
            self.file_button,
            self.history_button,
            self.raise_tier_button,
            self.lower_tier_button,
            self.copy_button,
            self.pdf_button,
            self.print_button,
        ):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.raise_tier_button)
        buttons.addWidget(self.lower_tier_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)

        # a change waiting for approval: the record shown is still the filed one
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        self.pending_label.setTextFormat(Qt.TextFormat.RichText)
        self.pending_label.linkActivated.connect(lambda _link: self.open_pending())
        self.pending_button = QPushButton(self.tr("查看申请"))
        self.pending_button.setAutoDefault(False)
        self.pending_button.clicked.connect(self.open_pending)
        self.pending_banner = QFrame()
        self.pending_banner.setObjectName("pendingBanner")
        self.pending_banner.setStyleSheet(
            "QFrame#pendingBanner { background: #e8f0fb; border: 1px solid #8fb0dd; }"
        )
        banner_row = QHBoxLayout(self.pending_banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        banner_row.addWidget(self.pending_label, 1)
        banner_row.addWidget(self.pending_button)
        self.pending_banner.hide()
        self._pending: requests.RequestLine | None = None

        # opened under a consultation grant: which one, how, until when
        self.grant_banner = QLabel()
        self.grant_banner.setObjectName("grantBanner")
        self.grant_banner.setWordWrap(True)
        self.grant_banner.setStyleSheet(GRANT_STYLE)
        self.grant_banner.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.grant_banner)
        layout.addWidget(self.pending_banner)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.resize(900, 640)
        self._show(content)
        copy_guard.mark_content(self)

    @property
    def content(self) -> CustomerContent:
        return self._content

    # --- laying out --------------------------------------------------------------------------

    def _template(self, content: CustomerContent) -> Template:
        """The version the record was filled under (older versions stay loadable)."""
        try:
            return template_version(content.template_version)
        except Exception:
            return current_template()

    def _value_label(self, text: str) -> QLabel:
        label = QLabel(text or EMPTY)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if self.view_only:
            label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        if not text:
            label.setStyleSheet("color: #999;")
        return label

    def _table(self, headers: list[str], rows: list[list[str]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if self.view_only:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            table.installEventFilter(self)  # item views copy the current cell on Ctrl+C
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.setFixedHeight(min(30 + max(len(rows), 1) * 26, 280))
        return table

    def _show_grant(self, content: CustomerContent) -> None:
        self.view_only = content.under_grant and content.grant_mode == VIEW_ONLY_MODE
        self.setContextMenuPolicy(
            Qt.ContextMenuPolicy.NoContextMenu
            if self.view_only
            else Qt.ContextMenuPolicy.DefaultContextMenu
        )
        # 阅览 lets nothing out: no buttons that could only refuse
        for button in (self.copy_button, self.pdf_button, self.print_button):
            button.setVisible(not self.view_only)
        self.grant_banner.setVisible(content.under_grant)
        if not content.under_grant:
            return
        mode = consultation.MODES.get(content.grant_mode, content.grant_mode)
        text = self.tr("依据查阅授权 {serial} 查阅({mode}),有效期至 {until}。").format(
            serial=content.grant_serial,
            mode=label_text(mode),
            until=local_time(content.grant_until),
        )
        if self.view_only:
            text += self.tr("只可阅览:不能选择、复制或修改档案内容。")
        else:
            text += self.tr("只读:不能修改档案内容。")
        self.grant_banner.setText(text)

    def _show(self, content: CustomerContent) -> None:
        self._content = content
        self._show_grant(content)
        self.setWindowTitle(
            self.tr("客户档案 {no}({status})").format(
                no=content.archive_no, status=label_text(content.status_label)
            )
        )
        page = QWidget()
        column = QVBoxLayout(page)

        facts = QGroupBox(self.tr("目录信息"))
        form = QFormLayout(facts)
        version = self.tr("第 {v} 版").format(v=content.template_version)
        if content.is_outdated:
            version += self.tr("(现行第 {v} 版)").format(v=content.current_template_version)
        for label, value in (
            (self.tr("档案编号"), content.archive_no),
            (self.tr("类别"), f"{content.category_label} · {content.subtype_label}"),
            (self.tr("密级"), label_text(content.tier_label)),
            (self.tr("状态"), label_text(content.status_label)),
            (self.tr("管户客户经理"), content.manager_name),
            (self.tr("完整度"), f"{content.completeness}%"),
            (self.tr("检索备注"), content.catalogue_remarks),
            (self.tr("分类模板"), version),
            (self.tr("建档时间"), content.created_at.strftime("%Y-%m-%d")),
        ):
            form.addRow(label, self._value_label(value))
        column.addWidget(facts)

        if content.is_outdated and content.added_by_new_template:
            self.upgrade_label = QLabel(
                self.tr("按新版模板还需补充:") + "、".join(content.added_by_new_template)
            )
            self.upgrade_label.setWordWrap(True)
            self.upgrade_label.setStyleSheet("color: #a05a00;")
            column.addWidget(self.upgrade_label)
        if content.missing:
            self.missing_label = QLabel(self.tr("尚需填写:") + "、".join(content.missing))
            self.missing_label.setWordWrap(True)
            self.missing_label.setStyleSheet("color: #a05a00;")
            column.addWidget(self.missing_label)

        template = self._template(content)
        try:
            sections = template.sections_for(content.category, content.subtype)
        except KeyError:
            sections = ()
        self.value_labels: dict[str, QLabel] = {}
        self.tables: dict[str, QTableWidget] = {}
        for section in sections:
            box = QGroupBox(section.label)
            section_form = QFormLayout(box)
            for item in section.items:
                if item.key == CARRIER_GROUP:
                    continue  # shown below, with where each carrier is kept
                if isinstance(item, GroupDef):
                    rows = [
                        row for row in content.data.get(item.key) or [] if isinstance(row, dict)
                    ]
                    first = item.columns[0].key
                    others = [c.key for c in item.columns[1:]]
                    shown = [
                        [_text(row.get(c.key)) for c in item.columns]
                        for row in rows
                        if not item.preset_rows
                        or row.get(first) not in item.preset_rows
                        or any(_text(row.get(k)) for k in others)
                    ]
                    table = self._table([c.label for c in item.columns], shown)
                    self.tables[item.key] = table
                    section_form.addRow(QLabel(item.label))
                    section_form.addRow(table)
                else:
                    value = self._value_label(_text(content.data.get(item.key)))
                    self.value_labels[item.key] = value
                    section_form.addRow(item.label, value)
            column.addWidget(box)

        carriers = QGroupBox(self.tr("载体及存放位置"))
        carrier_layout = QVBoxLayout(carriers)
        self.carrier_table = self._table(
            [self.tr("载体种类"), self.tr("存放位置"), self.tr("备注")],
            [[label_text(c.kind_label), c.location, c.note] for c in content.carriers],
        )
        carrier_layout.addWidget(self.carrier_table)
        column.addWidget(carriers)
        column.addStretch(1)

        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)
        owner = content.manager_id == self._ctx.actor.user_id
        filed = content.status == "filed"
        may_propose = owner and filed and self._ctx.actor.may(Action.MODIFICATION_DRAFT)
        # under a grant the record is read, never changed (articles 13-14)
        self.edit_button.setVisible((content.is_draft or may_propose) and not content.under_grant)
        self.edit_button.setText(self.tr("修改…") if may_propose else self.tr("修改"))
        self.file_button.setVisible(content.is_draft and not content.under_grant)
        self.history_button.setVisible(owner and not content.is_draft)
        self._show_tier(owner and filed and not content.under_grant)
        self._show_pending()

    def _show_tier(self, offered: bool) -> None:
        """标定密级 / 申请降低密级 as the workflow offers them for this record now."""
        actions = tier.TierActions()
        if offered:
            try:
                actions = tier.tier_actions(self._ctx.archive, self._ctx.actor, self._content.id)
            except Exception as exc:
                show_error(self, exc)
        self._tier_actions = actions
        for button, choices, blocked, hint in (
            (
                self.raise_tier_button,
                actions.raise_to,
                actions.raise_blocked,
                self.tr("标定为“机密”或“绝密”:内容移入保密库,须由保密专管员到场(制度第16条)"),
            ),
            (
                self.lower_tier_button,
                actions.lower_to,
                actions.lower_blocked,
                self.tr("降低密级须报主任批准,批准时须由保密专管员到场(制度第16条)"),
            ),
        ):
            button.setVisible(bool(choices))
            button.setEnabled(not blocked)
            button.setToolTip(blocked or hint)

    def _show_pending(self) -> None:
        """The banner for a change under approval (and 修改 waits until it is settled)."""
        pending: requests.RequestLine | None = None
        if not self._content.is_draft:
            try:
                pending = requests.pending_for_customer(
                    self._ctx.archive, self._ctx.actor, self._content.id
                )
            except Exception as exc:
                show_error(self, exc)
        self._pending = pending
        self.pending_banner.setVisible(pending is not None)
        if pending is None:
            if not self._content.is_draft:
                self.edit_button.setEnabled(True)
                self.edit_button.setToolTip(self.tr("提出修改,报主任签署同意后生效(制度第10条)"))
            return
        link = f"request:{pending.id}"
        self.pending_label.setText(
            self.tr(
                '修改申请 <a href="{link}">{serial}</a> 正在办理({state},{step})。'
                "批准前档案保持下面所示的内容。"
            ).format(
                link=link,
                serial=pending.serial,
                state=label_text(pending.state_label),
                step=label_text(pending.next_step) or "—",
            )
        )
        self.edit_button.setEnabled(False)
        self.edit_button.setToolTip(
            self.tr("已有未办结的修改申请 {serial},请等待审批结果或先撤回。").format(
                serial=pending.serial
            )
        )

    # --- no copying under a grant to read only -------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.view_only
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.view_only and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- copies (article 17.1) -------------------------------------------------------------------

    def copy_items(self) -> None:
        copy_actions.copy_chosen_items(
            self._ctx, self, self._content.id, self._content.archive_no, self._custodian
        )

    def show_copy_pdf(self, form: str) -> None:
        dialog = copy_actions.show_pdf(self._ctx, self, [self._content.id], form, self._custodian)
        if dialog is not None:
            dialog.exec()

    # --- actions -------------------------------------------------------------------------------

    def _reopen(self) -> None:
        try:
            with busy_cursor():
                content = customers.open_customer(
                    self._ctx.archive, self._ctx.actor, self._content.id, custodian=self._custodian
                )
        except Exception as exc:
            show_error(self, exc)
            self.accept()
            return
        self._show(content)

    def edit(self) -> None:
        if not self._content.is_draft:
            self.propose_change()
            return
        form = CustomerFormDialog(self._ctx, self, content=self._content, custodian=self._custodian)
        form.exec()
        if form.saved is not None:
            self.changed = True
            self._reopen()

    def propose_change(self) -> None:
        """The filed record in the form, in modification mode; the change goes for approval."""
        if self._content.is_draft or self._pending is not None:
            return
        form = CustomerFormDialog(
            self._ctx, self, content=self._content, custodian=self._custodian, modification=True
        )
        form.exec()
        self._custodian = form.custodian or self._custodian
        if form.proposed is not None:
            self.changed = True
            ApprovalNews.of(self._ctx).changed.emit()
            self._show_pending()
        form.deleteLater()

    def open_pending(self) -> None:
        if self._pending is None:
            return
        if open_request_dialog(self._ctx, self._pending.id, custodian=self._custodian, parent=self):
            self.changed = True
            self._reopen()  # withdrawn, refreshed or decided: show the record as it is now

    def raise_tier(self) -> None:
        """标定密级: choose the tier and the reason, then the custodian confirms in person."""
        actions = self._tier_actions
        if not actions.raise_to or actions.raise_blocked:
            return
        dialog = TierDialog(
            self._ctx,
            self._content.id,
            self._content.archive_no,
            self._content.tier_label,
            actions.raise_to,
            lowering=False,
            custodian=self._custodian,
            parent=self,
        )
        dialog.exec()
        raised = dialog.raised
        if raised is not None:
            self._custodian = dialog.custodian
        dialog.deleteLater()
        if raised is None:
            return
        self.changed = True
        show_info(
            self,
            self.tr("档案 {no} 已标定为“{tier}”,内容已移入保密库。").format(
                no=raised.archive_no, tier=label_text(customers.TIER_LABELS[raised.tier])
            ),
        )
        self._reopen()

    def lower_tier(self) -> None:
        """申请降低密级: the request goes to the director's inbox."""
        actions = self._tier_actions
        if not actions.lower_to or actions.lower_blocked:
            return
        dialog = TierDialog(
            self._ctx,
            self._content.id,
            self._content.archive_no,
            self._content.tier_label,
            actions.lower_to,
            lowering=True,
            parent=self,
        )
        dialog.exec()
        requested = dialog.requested
        dialog.deleteLater()
        if requested is None:
            return
        self.changed = True
        ApprovalNews.of(self._ctx).changed.emit()
        show_info(
            self,
            self.tr("已提交降低密级申请 {serial},待主任审批。").format(serial=requested.serial),
        )
        self._show_tier(True)

    def show_history(self) -> None:
        self._custodian = open_record_history(
            self._ctx,
            self._content.id,
            self._content.archive_no,
            custodian=self._custodian,
            parent=self,
        )

    def file(self) -> None:
        if not self._content.is_draft:
            return
        if not confirm(
            self,
            self.tr("将档案 {no} 归档?归档后的修改须报主任批准(制度第10条)。").format(
                no=self._content.archive_no
            ),
        ):
            return
        try:
            with busy_cursor():
                customers.file_customer(
                    self._ctx.archive, self._ctx.actor, self._content.id, custodian=self._custodian
                )
        except Exception as exc:
            show_error(self, exc, self.tr("尚不能归档"))
            return
        self.changed = True
        show_info(self, self.tr("档案 {no} 已归档。").format(no=self._content.archive_no))
        self._reopen()
