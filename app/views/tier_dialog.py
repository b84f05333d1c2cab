"""标定密级 / 申请降低密级 for one filed record (article 16), from the customer page.

Raising: the owning manager chooses 机密 or 绝密 and writes the reason; then a
custodian confirms in person at this desk, and the content moves into the vault
at once (``tier.raise_tier``). Lowering: the manager chooses the lower tier and
writes the reason; the request goes to the director's inbox
(``tier.request_lower``), and the custodian comes when it is approved.

The choices offered are the workflow's (``tier.tier_actions``); a refusal is
shown in a message box and the dialog stays open, nothing half-done.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.security.roles import Role
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text
from app.views.messages import show_error
from app.workflows import tier
from app.workflows.auth import Actor
from app.workflows.customers import Choice, CustomerRef
from app.workflows.modification import RequestRef


class TierDialog(QDialog):
    """Raise a record's tier (with the custodian in person) or ask for it to be lowered."""

    def __init__(
        self,
        ctx: SessionContext,
        customer_id: int,
        archive_no: str,
        current_label: str,
        choices: Sequence[Choice],
        *,
        lowering: bool,
        custodian: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer_id = customer_id
        self._archive_no = archive_no
        self._lowering = lowering
        self._custodian = custodian
        #: raised: the record as it is now; lowered: the request made (None until done)
        self.raised: CustomerRef | None = None
        self.requested: RequestRef | None = None
        self.setModal(True)
        self.setMinimumWidth(460)
        self.setWindowTitle(
            self.tr("申请降低密级 {no}").format(no=archive_no)
            if lowering
            else self.tr("标定密级 {no}").format(no=archive_no)
        )

        intro = QLabel(
            self.tr(
                "档案 {no} 现为“{tier}”。降低密级须报主任批准(制度第16条):"
                "申请提交后进入主任的待办审批,批准时须由保密专管员到场。"
            ).format(no=archive_no, tier=label_text(current_label))
            if lowering
            else self.tr(
                "档案 {no} 现为“{tier}”。标定为“机密”或“绝密”后,档案内容立即移入保密库,"
                "目录中只保留目录行,检索备注栏写明密级(制度第16条)。"
                "此后查看须由保密专管员到场;下一步须由保密专管员本人到场确认。"
            ).format(no=archive_no, tier=label_text(current_label))
        )
        intro.setWordWrap(True)

        self.tier_box = QGroupBox(self.tr("降低为") if lowering else self.tr("标定为"))
        self.tier_group = QButtonGroup(self)
        self.tier_buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout(self.tier_box)
        for choice in choices:
            button = QRadioButton(label_text(choice.label))
            self.tier_group.addButton(button)
            self.tier_buttons[str(choice.key)] = button
            row.addWidget(button)
        row.addStretch(1)
        if choices:
            self.tier_buttons[str(choices[0].key)].setChecked(True)

        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("理由(例如:客户已退出经营,其信息不再需要按机密管理)")
            if lowering
            else self.tr("理由(例如:客户资产信息涉及重大商业秘密)")
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(90)
        self.reason_edit.textChanged.connect(self._update_ok)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            self.tr("提交申请") if lowering else self.tr("下一步:保密专管员确认…")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tier_box)
        layout.addWidget(QLabel(self.tr("理由")))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.reason_edit.setFocus()

    @property
    def custodian(self) -> Actor | None:
        """The custodian who confirmed here (the customer page keeps them for reopening)."""
        return self._custodian

    def chosen(self) -> str:
        for key, button in self.tier_buttons.items():
            if button.isChecked():
                return key
        return ""

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(
            bool(self.reason_edit.toPlainText().strip()) and bool(self.chosen())
        )

    def submit(self) -> None:
        key, reason = self.chosen(), self.reason_edit.toPlainText()
        if not key or not reason.strip():
            return
        if self._lowering:
            self._request(key, reason)
        else:
            self._raise(key, reason)

    def _request(self, key: str, reason: str) -> None:
        try:
            with busy_cursor():
                self.requested = tier.request_lower(
                    self._ctx.archive, self._ctx.actor, self._customer_id, key, reason=reason
                )
        except Exception as exc:
            show_error(self, exc, self.tr("未提交"))
            return
        self.accept()

    def _raise(self, key: str, reason: str) -> None:
        target = label_text(self.tier_buttons[key].text())
        dialog = InPersonAuthDialog(
            self._ctx.archive,
            self.tr(
                "档案 {no} 标定为“{tier}”,内容将移入保密库,须由保密专管员本人到场确认。"
            ).format(no=self._archive_no, tier=target),
            required_role=Role.CUSTODIAN,
            preselect=self._custodian.login if self._custodian is not None else None,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return
        holder = dialog.actor
        dialog.deleteLater()
        try:
            with busy_cursor():
                self.raised = tier.raise_tier(
                    self._ctx.archive,
                    self._ctx.actor,
                    self._customer_id,
                    key,
                    custodian=holder,
                    reason=reason,
                )
        except Exception as exc:
            show_error(self, exc, self.tr("未标定"))
            return
        self._custodian = holder
        self.accept()
