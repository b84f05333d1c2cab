"""复制摘录申请 (article 17.1): which customers, which items, in what form, what for, how long.

Anyone who needs a copy asks here, the owning manager included; the director
or the manager owning every customer listed approves it (never the person
asking). A manager exporting their own book of customers starts with
列入本人全部客户. On 提交 the workflow checks everything; a refusal is shown
and nothing typed is lost.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.customer_items_picker import CustomerItemsPicker
from app.views.labels import label_text
from app.views.messages import show_error
from app.workflows import copying
from app.workflows.customers import OUTFLOW_FORMS
from app.workflows.modification import RequestRef


class CopyRequestDialog(QDialog):
    def __init__(
        self,
        ctx: SessionContext,
        parent: QWidget | None = None,
        *,
        archive_numbers: Sequence[str] = (),
        forms: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: the submitted request, once 提交 succeeded
        self.result_ref: RequestRef | None = None
        self.setWindowTitle(self.tr("复制摘录申请"))
        self.setModal(True)
        self.resize(760, 620)

        intro = QLabel(
            self.tr(
                "制度第17条:复制、摘录客户信息须经批准。本申请由主任或所涉客户的管户客户经理"
                "审批(申请人本人不能审批)。只勾选工作确实需要的项目;批准后在有效期内制作,"
                "每份复制件都带有申请编号、经办人和时间的水印。"
            )
        )
        intro.setWordWrap(True)

        self.picker = CustomerItemsPicker(
            lambda number: copying.candidate(self._ctx.archive, self._ctx.actor, number),
            self.tr("复制哪些客户的信息"),
            self.tr("复制哪些项目"),
        )
        self.own_button = QPushButton(self.tr("列入本人全部客户"))
        self.own_button.setAutoDefault(False)
        self.own_button.setToolTip(self.tr("列入您管户的全部已归档客户(导出本人客户时使用)"))
        self.own_button.setVisible(ctx.actor.may(Action.CUSTOMER_VIEW_OWN))
        self.own_button.clicked.connect(self.add_own_customers)
        self.picker.add_row.addWidget(self.own_button)
        self.all_items_button = QPushButton(self.tr("全选项目"))
        self.all_items_button.setAutoDefault(False)
        self.all_items_button.clicked.connect(self.check_all_items)

        self.form_boxes: dict[str, QCheckBox] = {}
        forms_row = QHBoxLayout()
        for key, word in OUTFLOW_FORMS.items():
            box = QCheckBox(label_text(word))
            box.setChecked(key in forms)
            self.form_boxes[key] = box
            forms_row.addWidget(box)
        forms_row.addStretch(1)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setMaxLength(copying.PURPOSE_MAX)
        self.purpose_edit.setPlaceholderText(self.tr("例如:报送县联社的授信审查材料"))
        self.days_spin = QSpinBox()
        self.days_spin.setRange(copying.MIN_DAYS, copying.MAX_DAYS)
        self.days_spin.setValue(copying.DEFAULT_DAYS)
        self.days_spin.setSuffix(self.tr(" 天"))
        form = QFormLayout()
        form.addRow(self.tr("复制方式:"), forms_row)
        form.addRow(self.tr("用途:"), self.purpose_edit)
        form.addRow(self.tr("有效期(批准后):"), self.days_spin)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("提交"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        items_row = QHBoxLayout()
        items_row.addStretch(1)
        items_row.addWidget(self.all_items_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addLayout(items_row)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        boxes = list(self.form_boxes.values())
        chain = [
            self.picker.archive_edit,
            self.picker.add_button,
            self.picker.remove_button,
            self.own_button,
            self.picker.customer_table,
            self.picker.field_list,
            self.all_items_button,
            *boxes,
            self.purpose_edit,
            self.days_spin,
            self.buttons,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

        for number in archive_numbers:
            self.picker.archive_edit.setText(number)
            self.picker.add_customer()

    # --- customers, items, forms ------------------------------------------------------------------

    def add_own_customers(self) -> None:
        try:
            with busy_cursor():
                own = copying.own_candidates(self._ctx.archive, self._ctx.actor)
        except AppError as exc:
            show_error(self, exc)
            return
        known = {c.archive_no for c in self.picker.candidates}
        self.picker.set_candidates(
            self.picker.candidates + [c for c in own if c.archive_no not in known]
        )

    def check_all_items(self) -> None:
        keys = set()
        for i in range(self.picker.field_list.count()):
            keys.add(str(self.picker.field_list.item(i).data(Qt.ItemDataRole.UserRole)))
        self.picker.set_checked(keys)

    def forms(self) -> list[str]:
        return [key for key, box in self.form_boxes.items() if box.isChecked()]

    # --- 提交 ------------------------------------------------------------------------------------

    def submit(self) -> None:
        try:
            with busy_cursor():
                self.result_ref = copying.apply(
                    self._ctx.archive,
                    self._ctx.actor,
                    [c.id for c in self.picker.candidates],
                    field_keys=self.picker.field_keys(),
                    forms=self.forms(),
                    purpose=self.purpose_edit.text(),
                    days=self.days_spin.value(),
                )
        except AppError as exc:
            show_error(self, exc)
            return
        self.accept()
