"""签署审批: the person who decides a step signs it here, with their own password, now.

The signer is often not the person logged in (the director signs at the
manager's desk), so the dialog asks who signs and their password, and hands
both to ``signing.decide``, which authenticates that person for this one
decision and signs with their key. The session at this desk stays as it is:
nothing here touches the SessionContext.

Failures are shown where they belong, so that the signer can correct and sign
again without starting over: a wrong password (with the tries left before the
lockout) at the password, a rejection without a reason at the reason, a
person who may not sign this step at the signer. A conflict with the
request's state (someone decided meanwhile, the record changed) ends the
dialog with a message, because the request must be looked at again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import (
    AuthError,
    Conflict,
    CustodianRequired,
    InvalidInput,
    NotPermitted,
    SeparationOfDuties,
    WrongPassword,
)
from app.security.roles import Role
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text
from app.views.messages import error_text, show_error
from app.workflows import approvals, signing
from app.workflows.auth import Actor
from app.workflows.requests import RequestDetail
from app.workflows.signing import Signed

ERROR_STYLE = "color: #b00020;"
APPROVE, REJECT = "approve", "reject"
#: how many changed items the summary names before "等"
SUMMARY_ITEMS = 4


class SigningDialog(QDialog):
    """Sign the current step of ``detail``'s request; ``signed`` holds the result once accepted."""

    def __init__(
        self,
        ctx: SessionContext,
        detail: RequestDetail,
        *,
        decision: str = APPROVE,
        custodian: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._detail = detail
        self._custodian = custodian
        #: the signed decision (None until signed)
        self.signed: Signed | None = None
        #: the request changed meanwhile (decided by someone else, record changed): look again
        self.conflicted = False
        self.setModal(True)
        self.setWindowTitle(self.tr("签署审批 {serial}").format(serial=detail.line.serial))
        self.setMinimumWidth(520)

        # what is being signed
        line = detail.line
        heading = QLabel(
            self.tr("{kind} {serial}").format(kind=label_text(line.kind_label), serial=line.serial)
        )
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        self.summary_label = QLabel(self._summary())
        self.summary_label.setWordWrap(True)
        what = QFrame()
        what.setFrameShape(QFrame.Shape.StyledPanel)
        what.setStyleSheet("QFrame { background: #f4f6f8; }")
        what_layout = QVBoxLayout(what)
        what_layout.addWidget(heading)
        what_layout.addWidget(self.summary_label)

        # who signs
        self.signer_combo = QComboBox()
        self.signer_combo.setPlaceholderText(self.tr("请选择签署人"))
        self._signers = signing.signers(ctx.archive, line.id)
        for signer in self._signers:
            self.signer_combo.addItem(
                self.tr("{name}({login})").format(name=signer.display_name, login=signer.login),
                signer.login,
            )
        mine = self.signer_combo.findData(ctx.actor.login)
        self.signer_combo.setCurrentIndex(mine)  # -1 (nobody chosen) when not among them
        self.signer_error = self._error_label()
        if not self._signers:
            self.signer_error.setText(self.tr("目前没有可以签署此步骤的人员。"))
            self.signer_error.show()

        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("由签署人本人输入,他人请回避"))
        self.password_edit.textEdited.connect(lambda _t: self.password_error.hide())
        self.password_error = self._error_label()

        # the decision and its reason
        self.approve_radio = QRadioButton(self.tr("同意(&Y)"))
        self.reject_radio = QRadioButton(self.tr("不同意(&N)"))
        self.decision_group = QButtonGroup(self)
        self.decision_group.addButton(self.approve_radio)
        self.decision_group.addButton(self.reject_radio)
        (self.reject_radio if decision == REJECT else self.approve_radio).setChecked(True)
        self.approve_radio.toggled.connect(lambda _on: self._decision_changed())
        radios = QHBoxLayout()
        radios.addWidget(self.approve_radio)
        radios.addWidget(self.reject_radio)
        radios.addStretch(1)

        self.reason_label = QLabel()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(72)
        self.reason_edit.textChanged.connect(self._reason_changed)
        self.reason_hint = QLabel()
        self.reason_hint.setWordWrap(True)
        self.reason_hint.setStyleSheet("color: #555;")
        self.reason_error = self._error_label()
        self.general_error = self._error_label()

        form = QFormLayout()
        form.addRow(self.tr("签署人"), self._with_error(self.signer_combo, self.signer_error))
        form.addRow(self.tr("密码"), self._with_error(self.password_edit, self.password_error))
        form.addRow(self.tr("审批意见"), radios)
        reason_box = QWidget()
        reason_column = QVBoxLayout(reason_box)
        reason_column.setContentsMargins(0, 0, 0, 0)
        reason_column.setSpacing(2)
        reason_column.addWidget(self.reason_edit)
        reason_column.addWidget(self.reason_hint)
        reason_column.addWidget(self.reason_error)
        form.addRow(self.reason_label, reason_box)
        self.reason_label.setBuddy(self.reason_edit)

        self.sign_button = QPushButton(self.tr("签署"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.sign_button.setDefault(True)
        self.sign_button.setAutoDefault(True)
        self.cancel_button.setAutoDefault(False)
        self.sign_button.setEnabled(bool(self._signers))
        self.sign_button.clicked.connect(self.sign)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.cancel_button)

        notice = QLabel(
            self.tr(
                "签署即以签署人本人的密钥对上述内容和审批意见作电子签名;当前登录的用户保持不变。"
            )
        )
        notice.setWordWrap(True)
        notice.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(notice)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

        self.setTabOrder(self.signer_combo, self.password_edit)
        self.setTabOrder(self.password_edit, self.approve_radio)
        self.setTabOrder(self.approve_radio, self.reject_radio)
        self.setTabOrder(self.reject_radio, self.reason_edit)
        self.setTabOrder(self.reason_edit, self.sign_button)
        self.setTabOrder(self.sign_button, self.cancel_button)
        self._decision_changed()
        first = self.password_edit if mine >= 0 else self.signer_combo
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- pieces ------------------------------------------------------------------------------------

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.hide()
        return label

    @staticmethod
    def _with_error(widget: QWidget, error: QLabel) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        return box

    def _summary(self) -> str:
        """Kind, archive numbers and the items concerned (labels only: no customer values)."""
        detail = self._detail
        parts = [
            self.tr("所涉档案:{subject}").format(subject=detail.line.subject or "—"),
            self.tr("申请人:{name}").format(name=detail.line.requester_name),
            self.tr("当前步骤:{step}").format(step=label_text(detail.line.next_step) or "—"),
        ]
        labels = [c.label for c in detail.changes]
        if labels:
            shown = "、".join(labels[:SUMMARY_ITEMS])
            if len(labels) > SUMMARY_ITEMS:
                shown = self.tr("{items} 等").format(items=shown)
            parts.append(self.tr("涉及 {n} 项:{items}").format(n=len(labels), items=shown))
        if detail.attachments:
            parts.append(self.tr("附件 {n} 个").format(n=len(detail.attachments)))
        return "\n".join(parts)

    @property
    def decision(self) -> str:
        return REJECT if self.reject_radio.isChecked() else APPROVE

    def _decision_changed(self) -> None:
        if self.decision == REJECT:
            self.reason_label.setText(self.tr("理由 *"))
            self.reason_hint.setText(self.tr("不同意时须填写理由,申请人将看到此理由。"))
        else:
            self.reason_label.setText(self.tr("意见"))
            self.reason_hint.setText(self.tr("可选;最多 {n} 字。").format(n=approvals.REASON_MAX))
        self.reason_error.hide()

    def _reason_changed(self) -> None:
        if self.reason_error.isVisible() and self.reason_edit.toPlainText().strip():
            self.reason_error.hide()

    def _wipe_password(self) -> None:
        """Empty the password field and its undo history (setText resets it; clear() keeps it)."""
        self.password_edit.setText("")

    def _problem(self, label: QLabel, text: str, focus: QWidget) -> None:
        label.setText(text)
        label.show()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- signing ---------------------------------------------------------------------------------

    def sign(self) -> None:
        for label in (self.signer_error, self.password_error, self.reason_error):
            label.hide()
        self.general_error.hide()
        login = self.signer_combo.currentData() if self.signer_combo.currentIndex() >= 0 else ""
        reason = self.reason_edit.toPlainText().strip()
        if not login:
            self._problem(self.signer_error, self.tr("请选择签署人。"), self.signer_combo)
            return
        if self.decision == REJECT and not reason:
            # said at the field at once, before anyone types a password for nothing
            self._problem(
                self.reason_error,
                self.tr("不同意时须填写理由,申请人将看到此理由。"),
                self.reason_edit,
            )
            return
        if not self.password_edit.text():
            self._problem(
                self.password_error, self.tr("请由签署人本人输入密码。"), self.password_edit
            )
            return
        password = self.password_edit.text()
        self._wipe_password()
        try:
            with busy_cursor():
                signed = signing.decide(
                    self._ctx.archive,
                    self._detail.line.id,
                    str(login),
                    password,
                    self.decision,
                    reason,
                    custodian=self._custodian,
                )
        except WrongPassword as exc:
            self._problem(self.password_error, error_text(exc), self.password_edit)
            return
        except AuthError as exc:  # locked, disabled, unknown
            self._problem(self.password_error, error_text(exc), self.password_edit)
            return
        except (NotPermitted, SeparationOfDuties) as exc:
            self._problem(self.signer_error, error_text(exc), self.signer_combo)
            return
        except CustodianRequired:
            if self._ask_custodian():
                self._problem(
                    self.password_error,
                    self.tr("保密专管员已到场确认,请签署人重新输入密码签署。"),
                    self.password_edit,
                )
            return
        except InvalidInput as exc:
            if self.decision == REJECT and not reason:
                self._problem(self.reason_error, error_text(exc), self.reason_edit)
            else:
                self._problem(self.general_error, error_text(exc), self.reason_edit)
            return
        except Conflict as exc:
            self.conflicted = True
            show_error(self, exc, self.tr("未签署"))
            self.reject()
            return
        except Exception as exc:
            show_error(self, exc)
            return
        finally:
            del password
        self.signed = signed
        self.accept()

    def _ask_custodian(self) -> bool:
        dialog = InPersonAuthDialog(
            self._ctx.archive,
            self.tr("此申请涉及“机密”“绝密”档案,内容存放于保密库,须由保密专管员本人到场开启。"),
            required_role=Role.CUSTODIAN,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        self._custodian = dialog.actor
        return True

    @property
    def custodian(self) -> Actor | None:
        """The custodian who confirmed here, if one had to (the request view keeps them)."""
        return self._custodian

    def done(self, result: int) -> None:
        self._wipe_password()
        super().done(result)
