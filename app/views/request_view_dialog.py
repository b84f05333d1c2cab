"""One request, as its requester and its deciders read it: what is asked, on what, and how it went.

Everything shown comes from ``requests.open_request``, which checked that this
person may see the request, verified every signature as it loaded and wrote
the opening into the audit chain. The dialog adds no rule of its own: whether
the person may decide, withdraw or refresh is what the workflow said
(``can_decide``/``refusal``, ``can_withdraw``, ``can_refresh``), and the
buttons only follow it. Deciding goes through the signing dialog, which asks
the signer's own password; the session at this desk is left alone. So the
同意/不同意 buttons are also offered when the person logged in may not decide
but someone else may (``signing.signers``): the director signs at the
manager's desk, and the line beside the buttons says why the logged-in
person cannot and who can.

A change is shown item by item: the value before in grey and struck through,
the value after in bold, so that the difference reads without colour too. A
signature that no longer verifies is said in words and in red, never only by
a colour. Requests whose content is in the vault (机密/绝密 records) open only
with the custodian present, as the customer page does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import CustodianRequired
from app.security.roles import Role
from app.views import copy_guard
from app.views.attachment_viewer_dialog import AttachmentViewerDialog, is_image, size_text
from app.views.busy import busy_cursor
from app.views.consultation_detail_widget import ConsultationDetailWidget
from app.views.context import SessionContext
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text, local_time
from app.views.messages import show_error, show_info
from app.views.signing_dialog import APPROVE, REJECT, SigningDialog
from app.workflows import consultation, modification, requests, signing
from app.workflows.approvals import DECISION_LABELS
from app.workflows.auth import Actor
from app.workflows.modification import Change
from app.workflows.requests import RequestDetail

T = TypeVar("T")

BEFORE_COLOUR = QColor("#777777")
AFTER_COLOUR = QColor("#0b4f8a")
INVALID_COLOUR = QColor("#b00020")
VALID_COLOUR = QColor("#1e7b34")
STALE_STYLE = "background: #fff4d6; border: 1px solid #e0b84f; padding: 6px;"
INVALID_STYLE = "background: #fde2e4; border: 1px solid #b00020; color: #b00020; padding: 6px;"
#: states shown with a colour beside their word (the word says it; the colour helps)
STATE_COLOURS = {"rejected": "#b00020", "withdrawn": "#777777", "applied": "#1e7b34"}


class ApprovalNews(QObject):
    """Says that requests changed (a submission, a decision, a withdrawal) in this session.

    One per SessionContext, found as its child, so the navigation count and
    the approvals page refresh whichever window did the work, without a
    global and without each dialog knowing who listens.
    """

    changed = Signal()

    @classmethod
    def of(cls, ctx: SessionContext) -> ApprovalNews:
        news = ctx.findChild(cls, "approvalNews")
        if news is None:
            news = cls(ctx)
            news.setObjectName("approvalNews")
        return news


def value_text(value: object) -> str:
    """A before/after value as one line (the workflow's spelling, its words translated)."""
    return label_text(modification.format_value(value))


def ask_custodian(ctx: SessionContext, reason: str, parent: QWidget | None) -> Actor | None:
    """The custodian in person (article 16), or None when nobody confirmed."""
    dialog = InPersonAuthDialog(ctx.archive, reason, required_role=Role.CUSTODIAN, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def with_custodian(
    ctx: SessionContext,
    call: Callable[[Actor | None], T],
    custodian: Actor | None,
    parent: QWidget | None,
    passthrough: tuple[type[Exception], ...] = (),
) -> tuple[T, Actor | None] | None:
    """``call(custodian)``; on CustodianRequired ask for the custodian and try once more.

    Returns (result, custodian used), or None when it failed (already shown) or
    the custodian did not come. Errors of a ``passthrough`` type are raised for
    the caller to answer (a missing copy permit comes with an offer to ask).
    """
    for _attempt in range(2):
        try:
            with busy_cursor():
                return call(custodian), custodian
        except CustodianRequired as exc:
            if custodian is not None:
                show_error(parent, exc)
                return None
            custodian = ask_custodian(
                ctx,
                QCoreApplication.translate(
                    "RequestViewDialog",
                    "此申请涉及“机密”“绝密”档案,内容存放于保密库,须由保密专管员本人到场开启。",
                ),
                parent,
            )
            if custodian is None:
                return None
        except passthrough:
            raise
        except Exception as exc:
            show_error(parent, exc)
            return None
    return None


class ChangesTable(QTableWidget):
    """项目 / 原内容 / 新内容, the old value struck through in grey and the new one in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("项目"), self.tr("原内容"), self.tr("新内容")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # values are customer content: shown, not selectable for copying (article 17.1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def set_changes(self, changes: Sequence[Change], *, show_before: bool = True) -> None:
        self.setRowCount(0)
        self.setColumnHidden(1, not show_before)
        after_header = self.horizontalHeaderItem(2)
        if after_header is not None:
            after_header.setText(self.tr("新内容") if show_before else self.tr("申请更新为"))
        for row, change in enumerate(changes):
            self.insertRow(row)
            label = QTableWidgetItem(change.label)
            before = QTableWidgetItem(value_text(change.before))
            font = QFont(before.font())
            font.setStrikeOut(True)
            before.setFont(font)
            before.setForeground(QBrush(BEFORE_COLOUR))
            before.setToolTip(self.tr("原内容(将被替换)"))
            after = QTableWidgetItem(value_text(change.after))
            bold = QFont(after.font())
            bold.setBold(True)
            after.setFont(bold)
            after.setForeground(QBrush(AFTER_COLOUR))
            after.setToolTip(self.tr("新内容"))
            self.setItem(row, 0, label)
            self.setItem(row, 1, before)
            self.setItem(row, 2, after)
        self.resizeRowsToContents()

    def texts(self, row: int) -> tuple[str, str, str]:
        """(item, before, after) as shown in ``row`` (for tests and screen readers)."""
        cells = [self.item(row, c) for c in range(3)]
        return tuple(c.text() if c is not None else "" for c in cells)  # type: ignore[return-value]


class RequestViewDialog(QDialog):
    """One request opened: header, note, the change, attachments, signed history, actions."""

    def __init__(
        self,
        ctx: SessionContext,
        detail: RequestDetail,
        *,
        custodian: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        copy_guard.mark_content(self)  # customer content: no copying out (art. 17.1)
        self._ctx = ctx
        self._detail = detail
        self._custodian = custodian
        #: something was decided, withdrawn or refreshed here: lists should reload
        self.changed = False
        self.setModal(True)

        self.header = QGridLayout()
        self.header.setHorizontalSpacing(12)
        self.header.setColumnStretch(1, 1)
        self.header.setColumnStretch(3, 1)
        self.header_values: dict[str, QLabel] = {}
        for i, (key, title) in enumerate(
            (
                ("serial", self.tr("申请编号")),
                ("kind", self.tr("类别")),
                ("state", self.tr("状态")),
                ("next", self.tr("下一步")),
                ("requester", self.tr("申请人")),
                ("created", self.tr("提出时间")),
                ("subject", self.tr("所涉档案")),
                ("related", self.tr("关联申请")),
            )
        ):
            name = QLabel(title)
            name.setStyleSheet("color: #555;")
            value = QLabel()
            value.setWordWrap(True)
            self.header_values[key] = value
            self.header.addWidget(name, i // 2, (i % 2) * 2)
            self.header.addWidget(value, i // 2, (i % 2) * 2 + 1)

        self.invalid_banner = QLabel()
        self.invalid_banner.setObjectName("invalidBanner")
        self.invalid_banner.setWordWrap(True)
        self.invalid_banner.setStyleSheet(INVALID_STYLE)

        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.setToolTip(self.tr("按档案现在的内容重新计算此申请的修改前后对照"))
        self.refresh_button.clicked.connect(self.refresh_request)
        self.stale_banner = QFrame()
        self.stale_banner.setObjectName("staleBanner")
        self.stale_banner.setStyleSheet(f"QFrame#staleBanner {{ {STALE_STYLE} }}")
        stale_row = QHBoxLayout(self.stale_banner)
        stale_row.setContentsMargins(6, 2, 6, 2)
        stale_row.addWidget(self.stale_label, 1)
        stale_row.addWidget(self.refresh_button)

        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.closing_label = QLabel()
        self.closing_label.setWordWrap(True)
        self.closing_label.setStyleSheet("color: #555;")

        self.changes_box = QGroupBox()
        self.changes_table = ChangesTable()
        changes_layout = QVBoxLayout(self.changes_box)
        changes_layout.addWidget(self.changes_table)
        # a consultation has no change: its application (who, on whom, why, how) instead
        self.consultation_detail = ConsultationDetailWidget()
        self.consultation_detail.hide()

        self.attachment_list = QListWidget()
        self.attachment_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.attachment_list.itemActivated.connect(lambda _item: self.open_attachment())
        self.attachment_list.currentRowChanged.connect(lambda _row: self._update_open())
        self.open_attachment_button = QPushButton(self.tr("查看附件(&V)"))
        self.open_attachment_button.setAutoDefault(False)
        self.open_attachment_button.clicked.connect(self.open_attachment)
        self.attachments_box = QGroupBox()
        attach_layout = QVBoxLayout(self.attachments_box)
        attach_layout.addWidget(self.attachment_list, 1)
        attach_layout.addWidget(self.open_attachment_button)

        self.history_table = QTableWidget(0, 7)
        self.history_table.setHorizontalHeaderLabels(
            [
                self.tr("步骤"),
                self.tr("签署人"),
                self.tr("意见"),
                self.tr("理由"),
                self.tr("时间"),
                self.tr("密钥指纹"),
                self.tr("签名"),
            ]
        )
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(True)
        history_header = self.history_table.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history_box = QGroupBox()
        history_layout = QVBoxLayout(self.history_box)
        history_layout.addWidget(self.history_table)

        lower = QHBoxLayout()
        lower.addWidget(self.attachments_box, 2)
        lower.addWidget(self.history_box, 5)

        self.approve_button = QPushButton(self.tr("同意(&Y)…"))
        self.reject_button = QPushButton(self.tr("不同意(&N)…"))
        self.withdraw_button = QPushButton(self.tr("撤回(&W)…"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.approve_button.clicked.connect(lambda: self.decide(APPROVE))
        self.reject_button.clicked.connect(lambda: self.decide(REJECT))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.close_button.clicked.connect(self.accept)
        for button in (self.approve_button, self.reject_button, self.withdraw_button):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self.refusal_label = QLabel()
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.refusal_label, 1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addWidget(self.invalid_banner)
        layout.addWidget(self.stale_banner)
        layout.addWidget(self.note_label)
        layout.addWidget(self.closing_label)
        layout.addWidget(self.changes_box, 1)
        layout.addWidget(self.consultation_detail, 1)
        layout.addLayout(lower, 1)
        layout.addLayout(buttons)

        self.setTabOrder(self.changes_table, self.consultation_detail.customers_table)
        self.setTabOrder(self.consultation_detail.customers_table, self.attachment_list)
        self.setTabOrder(self.attachment_list, self.open_attachment_button)
        self.setTabOrder(self.open_attachment_button, self.history_table)
        self.setTabOrder(self.history_table, self.approve_button)
        self.setTabOrder(self.approve_button, self.reject_button)
        self.setTabOrder(self.reject_button, self.withdraw_button)
        self.setTabOrder(self.withdraw_button, self.close_button)
        self._fit_to_screen()
        self._show(detail)

    # --- showing --------------------------------------------------------------------------------

    @property
    def detail(self) -> RequestDetail:
        return self._detail

    def _fit_to_screen(self) -> None:
        screen = self.screen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1040, 680
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    def _show(self, detail: RequestDetail) -> None:
        self._detail = detail
        line = detail.line
        self.setWindowTitle(
            self.tr("{kind} {serial}").format(kind=label_text(line.kind_label), serial=line.serial)
        )
        values = self.header_values
        values["serial"].setText(line.serial)
        values["kind"].setText(label_text(line.kind_label))
        state = label_text(line.state_label)
        colour = STATE_COLOURS.get(line.state)
        values["state"].setText(f"<b>{state}</b>")
        values["state"].setStyleSheet(f"color: {colour};" if colour else "")
        values["next"].setText(label_text(line.next_step) or "—")
        values["requester"].setText(
            self.tr("{name}({login})").format(
                name=line.requester_name, login=detail.requester_login
            )
        )
        values["created"].setText(local_time(line.created_at))
        values["subject"].setText(line.subject or "—")
        related = []
        if detail.parent_serial:
            related.append(self.tr("依据 {serial}").format(serial=detail.parent_serial))
        if detail.child_serials:
            related.append(
                self.tr("已转为 {serials}").format(serials="、".join(detail.child_serials))
            )
        values["related"].setText(";".join(related) or "—")

        self.invalid_banner.setVisible(not detail.signatures_valid)
        self.invalid_banner.setText(
            self.tr(
                "✘ 签名无效:此申请或其审批意见在签署后被改动过,不能作为依据。请立即报告检查人员。"
            )
        )
        self.stale_banner.setVisible(detail.stale)
        self.refresh_button.setVisible(detail.can_refresh)
        self.stale_label.setText(
            self.tr("⚠ 档案已有变动,须由客户经理刷新:请按档案现在的内容刷新此申请后再报批。")
            if detail.can_refresh
            else self.tr("⚠ 档案已有变动,须由客户经理刷新后才能同意。")
        )

        self.note_label.setText(
            self.tr("申请说明:{note}").format(note=detail.note) if detail.note else ""
        )
        self.note_label.setVisible(bool(detail.note))
        self.closing_label.setText(
            self.tr("撤回/结束原因:{reason}").format(reason=detail.close_reason)
            if detail.close_reason
            else ""
        )
        self.closing_label.setVisible(bool(detail.close_reason))

        show_before = any(c.before is not None for c in detail.changes) or line.kind != "update"
        self.changes_box.setTitle(
            self.tr("修改内容(共 {n} 项)").format(n=len(detail.changes))
            if show_before
            else self.tr("申请更新的信息(共 {n} 项)").format(n=len(detail.changes))
        )
        self.changes_table.set_changes(detail.changes, show_before=show_before)
        # procedures without an item-by-item change (a consultation) have nothing to show here
        self.changes_box.setVisible(bool(detail.changes) or line.kind in ("modification", "update"))
        is_consultation = line.kind == consultation.KIND
        if is_consultation:
            self.changes_box.hide()
            self.consultation_detail.set_application(consultation.application(detail.payload))
        self.consultation_detail.setVisible(is_consultation)
        # nothing is attached to an application: leave the room to its customers and history
        self.attachments_box.setVisible(bool(detail.attachments) or not is_consultation)

        self.attachments_box.setTitle(self.tr("附件({n})").format(n=len(detail.attachments)))
        self.attachment_list.clear()
        for attachment in detail.attachments:
            item = QListWidgetItem(
                self.tr("{name}({kind},{size})").format(
                    name=attachment.filename,
                    kind=label_text(attachment.media_label),
                    size=size_text(attachment.size),
                )
            )
            item.setToolTip(
                self.tr("{name}\nSHA-256:{digest}").format(
                    name=attachment.filename, digest=attachment.sha256
                )
            )
            self.attachment_list.addItem(item)
        if detail.attachments:
            self.attachment_list.setCurrentRow(0)
        else:
            empty = QListWidgetItem(self.tr("(无附件)"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.attachment_list.addItem(empty)
        self._update_open()

        self.history_box.setTitle(self.tr("审批记录({n})").format(n=len(detail.history)))
        self._show_history(detail)

        waiting = line.state == "submitted"
        signers = self._signers_elsewhere() if waiting and not detail.can_decide else []
        may_sign_here = detail.can_decide or bool(signers)
        self.approve_button.setVisible(waiting)
        self.reject_button.setVisible(waiting)
        self.approve_button.setEnabled(may_sign_here and not detail.stale)
        self.reject_button.setEnabled(may_sign_here)
        lines = []
        if not detail.can_decide and detail.refusal:
            lines.append(detail.refusal)
            if signers:
                lines.append(self.tr("可由{names}本人到场签署。").format(names="、".join(signers)))
        if may_sign_here and detail.stale:
            lines.append(self.tr("档案已有变动,须由客户经理刷新后才能同意;仍可不同意。"))
        refusal = "\n".join(lines)
        self.approve_button.setToolTip(refusal)
        self.reject_button.setToolTip(refusal)
        self.refusal_label.setText(refusal if waiting else "")
        self.withdraw_button.setVisible(detail.can_withdraw)

    def _signers_elsewhere(self) -> list[str]:
        """Who else may sign the current step in person at this desk (names)."""
        try:
            people = signing.signers(self._ctx.archive, self._detail.line.id)
        except Exception:
            return []
        return [p.display_name for p in people if p.login != self._ctx.actor.login]

    def _show_history(self, detail: RequestDetail) -> None:
        table = self.history_table
        table.setRowCount(0)
        for row, step in enumerate(detail.history):
            table.insertRow(row)
            decision = QTableWidgetItem(label_text(step.decision_label))
            if step.decision == REJECT:
                decision.setForeground(QBrush(INVALID_COLOUR))
            signature = QTableWidgetItem(
                self.tr("✔ 签名有效") if step.valid else self.tr("✘ 签名无效")
            )
            font = QFont(signature.font())
            font.setBold(not step.valid)
            signature.setFont(font)
            signature.setForeground(QBrush(VALID_COLOUR if step.valid else INVALID_COLOUR))
            if not step.valid:
                signature.setBackground(QBrush(QColor("#fde2e4")))
                signature.setToolTip(self.tr("签名与申请内容或审批意见不符:记录可能被改动"))
            cells = [
                QTableWidgetItem(label_text(step.step_label)),
                QTableWidgetItem(
                    self.tr("{name}({login})").format(
                        name=step.signer_name, login=step.signer_login
                    )
                ),
                decision,
                QTableWidgetItem(step.reason),
                QTableWidgetItem(local_time(step.signed_at)),
                QTableWidgetItem(step.fingerprint),
                signature,
            ]
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        if not detail.history:
            table.insertRow(0)
            waiting = QTableWidgetItem(self.tr("尚无审批意见"))
            waiting.setForeground(QBrush(BEFORE_COLOUR))
            table.setItem(0, 0, waiting)
            table.setSpan(0, 0, 1, table.columnCount())
        table.resizeRowsToContents()

    def _update_open(self) -> None:
        row = self.attachment_list.currentRow()
        self.open_attachment_button.setEnabled(0 <= row < len(self._detail.attachments))

    def history_texts(self, row: int) -> list[str]:
        """What row ``row`` of the history says, cell by cell."""
        cells = [self.history_table.item(row, c) for c in range(self.history_table.columnCount())]
        return [c.text() if c is not None else "" for c in cells]

    # --- actions --------------------------------------------------------------------------------

    def reload(self) -> bool:
        """Open the request again (the workflow re-verifies every signature)."""
        done = with_custodian(
            self._ctx,
            lambda holder: requests.open_request(
                self._ctx.archive, self._ctx.actor, self._detail.line.id, custodian=holder
            ),
            self._custodian,
            self,
        )
        if done is None:
            return False
        detail, self._custodian = done
        self._show(detail)
        return True

    def _changed(self) -> None:
        self.changed = True
        ApprovalNews.of(self._ctx).changed.emit()

    def decide(self, decision: str) -> None:
        button = self.approve_button if decision == APPROVE else self.reject_button
        if not button.isEnabled():
            return
        dialog = SigningDialog(
            self._ctx, self._detail, decision=decision, custodian=self._custodian, parent=self
        )
        dialog.exec()
        self._custodian = dialog.custodian or self._custodian
        signed = dialog.signed
        if signed is None:
            if dialog.conflicted:
                self.reload()  # someone decided or the record changed: show it as it is now
            return
        self._changed()
        show_info(
            self,
            self.tr(
                "已签署“{decision}”。申请 {serial} 现为“{state}”。\n签署人密钥指纹 {fingerprint}"
            ).format(
                decision=label_text(DECISION_LABELS.get(signed.decision, signed.decision)),
                serial=signed.serial,
                state=label_text(signed.state_label),
                fingerprint=signed.fingerprint,
            ),
            self.tr("已签署"),
        )
        self.reload()

    def withdraw(self) -> None:
        if not self._detail.can_withdraw:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("撤回申请"),
            self.tr("撤回申请 {serial} 的原因(将记入申请):").format(
                serial=self._detail.line.serial
            ),
        )
        if not ok:
            return
        try:
            with busy_cursor():
                requests.withdraw(self._ctx.archive, self._ctx.actor, self._detail.line.id, reason)
        except Exception as exc:
            show_error(self, exc, self.tr("未撤回"))
            return
        self._changed()
        self.reload()

    def refresh_request(self) -> None:
        if not self._detail.can_refresh:
            return
        done = with_custodian(
            self._ctx,
            lambda holder: modification.refresh(
                self._ctx.archive, self._ctx.actor, self._detail.line.id, custodian=holder
            ),
            self._custodian,
            self,
        )
        if done is None:
            return
        self._custodian = done[1]
        self._changed()
        show_info(
            self,
            self.tr("已按档案现在的内容刷新申请 {serial},可以继续审批。").format(
                serial=self._detail.line.serial
            ),
        )
        self.reload()

    def open_attachment(self) -> None:
        row = self.attachment_list.currentRow()
        if not 0 <= row < len(self._detail.attachments):
            return
        line = self._detail.attachments[row]
        data: bytes | None = None
        if is_image(line.media_type):
            try:
                with busy_cursor():
                    _name, _kind, data = requests.attachment(
                        self._ctx.archive, self._ctx.actor, line.id
                    )
            except Exception as exc:
                show_error(self, exc)
                return
        viewer = AttachmentViewerDialog(line, data, self)
        del data
        viewer.exec()
        viewer.deleteLater()


def open_request_dialog(
    ctx: SessionContext,
    request_id: int,
    *,
    custodian: Actor | None = None,
    parent: QWidget | None = None,
) -> bool:
    """Open one request (asking for the custodian when its content is in the vault) and wait.

    True when something was decided, withdrawn or refreshed in it.
    """
    done = with_custodian(
        ctx,
        lambda holder: requests.open_request(ctx.archive, ctx.actor, request_id, custodian=holder),
        custodian,
        parent,
    )
    if done is None:
        return False
    detail, holder = done
    dialog = RequestViewDialog(ctx, detail, custodian=holder, parent=parent)
    dialog.exec()
    changed = dialog.changed
    dialog.deleteLater()
    return changed
