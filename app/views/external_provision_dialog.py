"""对外提供申请 (article 17.3): to whom, why, on what basis, which customers and which items.

Customers are added by their full archive number (the catalogue line is all
this dialog ever sees); the items offered are the template's items of the
customers listed, and only the ticked ones are asked for. On 提交 the
workflow checks everything and submits the application to the customers'
managers and then the director; a refusal is shown and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.customer_items_picker import CustomerItemsPicker
from app.views.labels import label_text
from app.views.messages import show_error
from app.workflows import external_provision as external
from app.workflows.external_provision import Candidate
from app.workflows.modification import RequestRef


class ExternalProvisionDialog(QDialog):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: the submitted application, once 提交 succeeded
        self.result_ref: RequestRef | None = None
        self.setWindowTitle(self.tr("对外提供申请"))
        self.setModal(True)
        self.resize(760, 640)

        intro = QLabel(
            self.tr(
                "制度第17条:在对外交往与合作中需要提供客户信息资料的,应当事先分别由客户经理、"
                "主任批准。只勾选对方确实需要的项目;批准后由申请人生成交付文件。"
            )
        )
        intro.setWordWrap(True)

        self.picker = CustomerItemsPicker(
            lambda number: external.candidate(self._ctx.archive, self._ctx.actor, number),
            self.tr("提供哪些客户的信息"),
            self.tr("提供哪些项目"),
        )
        # the picker's parts, by the names the tests and the tab order use
        self.archive_edit = self.picker.archive_edit
        self.add_button = self.picker.add_button
        self.remove_button = self.picker.remove_button
        self.customer_table = self.picker.customer_table
        self.field_list = self.picker.field_list

        # the rest
        self.org_edit = QLineEdit()
        self.org_edit.setMaxLength(external.ORG_MAX)
        self.org_edit.setPlaceholderText(self.tr("例如:涟源市人民法院"))
        self.person_edit = QLineEdit()
        self.person_edit.setMaxLength(external.PERSON_MAX)
        self.person_edit.setPlaceholderText(self.tr("对方经办人的姓名"))
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setMaxLength(external.PURPOSE_MAX)
        self.basis_edit = QPlainTextEdit()
        self.basis_edit.setPlaceholderText(self.tr("法律条文,或协助查询通知书等文书的名称和文号"))
        self.basis_edit.setFixedHeight(60)
        self.delivery_combo = QComboBox()
        for key, word in external.DELIVERY_FORMS.items():
            self.delivery_combo.addItem(label_text(word), key)
        form = QFormLayout()
        form.addRow(self.tr("接收单位:"), self.org_edit)
        form.addRow(self.tr("接收人:"), self.person_edit)
        form.addRow(self.tr("用途:"), self.purpose_edit)
        form.addRow(self.tr("法律依据:"), self.basis_edit)
        form.addRow(self.tr("交付方式:"), self.delivery_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("提交"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    # --- customers and items ---------------------------------------------------------------------

    @property
    def candidates(self) -> list[Candidate]:
        return self.picker.candidates

    def add_customer(self) -> None:
        self.picker.add_customer()

    def set_checked(self, keys: set[str]) -> None:
        self.picker.set_checked(keys)

    def field_keys(self) -> list[str]:
        return self.picker.field_keys()

    # --- 提交 ------------------------------------------------------------------------------------

    def submit(self) -> None:
        try:
            with busy_cursor():
                self.result_ref = external.apply(
                    self._ctx.archive,
                    self._ctx.actor,
                    [c.id for c in self.picker.candidates],
                    self.field_keys(),
                    recipient_org=self.org_edit.text(),
                    recipient_person=self.person_edit.text(),
                    purpose=self.purpose_edit.text(),
                    legal_basis=self.basis_edit.toPlainText(),
                    delivery=str(self.delivery_combo.currentData()),
                )
        except AppError as exc:
            show_error(self, exc)
            return
        self.accept()
