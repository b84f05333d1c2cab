"""对外提供申请 (article 17.3): to whom, why, on what basis, which customers and which items.

Customers are added by their full archive number (the catalogue line is all
this dialog ever sees); the items offered are the template's items of the
customers listed, and only the ticked ones are asked for. On 提交 the
workflow checks everything and submits the application to the customers'
managers and then the director; a refusal is shown and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.messages import show_error
from app.workflows import external_provision as external
from app.workflows.external_provision import Candidate
from app.workflows.modification import RequestRef


class ExternalProvisionDialog(QDialog):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._candidates: list[Candidate] = []
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

        # customers
        self.archive_edit = QLineEdit()
        self.archive_edit.setPlaceholderText(self.tr("完整的档案编号,如 LY-0101-G-2026-000001"))
        self.add_button = QPushButton(self.tr("添加"))
        self.remove_button = QPushButton(self.tr("移除所选"))
        self.add_button.clicked.connect(self.add_customer)
        self.archive_edit.returnPressed.connect(self.add_customer)
        self.remove_button.clicked.connect(self.remove_selected)
        self.customer_table = QTableWidget(0, 3)
        self.customer_table.setHorizontalHeaderLabels(
            [self.tr("档案编号"), self.tr("类别"), self.tr("密级")]
        )
        self.customer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customer_table.verticalHeader().hide()
        self.customer_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add_row = QHBoxLayout()
        add_row.addWidget(self.archive_edit, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)
        customers_box = QGroupBox(self.tr("提供哪些客户的信息"))
        customers_layout = QVBoxLayout(customers_box)
        customers_layout.addLayout(add_row)
        customers_layout.addWidget(self.customer_table)

        # items
        self.field_list = QListWidget()
        self.field_list.setAccessibleName(self.tr("提供的项目"))
        self.fields_hint = QLabel(self.tr("先添加客户,再勾选要提供的项目。"))
        self.fields_hint.setWordWrap(True)
        fields_box = QGroupBox(self.tr("提供哪些项目"))
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.addWidget(self.fields_hint)
        fields_layout.addWidget(self.field_list)

        lists = QHBoxLayout()
        lists.addWidget(customers_box, 3)
        lists.addWidget(fields_box, 2)

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
        layout.addLayout(lists, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    # --- customers and items ---------------------------------------------------------------------

    @property
    def candidates(self) -> list[Candidate]:
        return list(self._candidates)

    def add_customer(self) -> None:
        number = self.archive_edit.text().strip()
        if not number:
            return
        if any(c.archive_no == number for c in self._candidates):
            self.archive_edit.clear()
            return
        try:
            found = external.candidate(self._ctx.archive, self._ctx.actor, number)
        except AppError as exc:
            show_error(self, exc)
            return
        self._candidates.append(found)
        self.archive_edit.clear()
        self._show_customers()

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.customer_table.selectionModel().selectedRows()}
        self._candidates = [c for i, c in enumerate(self._candidates) if i not in rows]
        self._show_customers()

    def _show_customers(self) -> None:
        table = self.customer_table
        table.setRowCount(len(self._candidates))
        for row, c in enumerate(self._candidates):
            table.setItem(row, 0, QTableWidgetItem(c.archive_no))
            table.setItem(row, 1, QTableWidgetItem(c.kind_label))
            table.setItem(row, 2, QTableWidgetItem(label_text(c.tier_label)))
        self._show_fields()

    def _show_fields(self) -> None:
        ticked = set(self.field_keys())
        self.field_list.clear()
        for field in external.union_fields(self._candidates):
            item = QListWidgetItem(field.label)
            item.setData(Qt.ItemDataRole.UserRole, field.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if field.key in ticked else Qt.CheckState.Unchecked
            )
            self.field_list.addItem(item)
        self.fields_hint.setVisible(not self._candidates)

    def set_checked(self, keys: set[str]) -> None:
        for i in range(self.field_list.count()):
            item = self.field_list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)

    def field_keys(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.field_list.item(i) for i in range(self.field_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    # --- 提交 ------------------------------------------------------------------------------------

    def submit(self) -> None:
        try:
            with busy_cursor():
                self.result_ref = external.apply(
                    self._ctx.archive,
                    self._ctx.actor,
                    [c.id for c in self._candidates],
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
