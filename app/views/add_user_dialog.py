"""The form for a new account: who the person is, their roles, an initial password.

The initial password is handed to the person on paper or in person and must
be changed at their first login, so the administrator never knows a password
in use. The dialog stays open on a refusal (weak password, login taken) so
nothing typed is lost; the page decides what happens on 确定 (for the
custodian role it first fetches a custodian to confirm in person).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.security.roles import Role
from app.views.labels import role_text
from app.views.messages import show_error
from app.workflows import accounts

#: called with the typed account and roles; True when the account was created
SubmitNewUser = Callable[[accounts.NewAccount, frozenset[Role]], bool]


class AddUserDialog(QDialog):
    def __init__(self, submit: SubmitNewUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(self.tr("新增用户"))
        self.setModal(True)
        self.setMinimumWidth(440)

        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(self.tr("小写字母开头,如 zhangsan"))
        self.login_edit.setMaxLength(32)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.department_edit = QLineEdit()
        self.department_edit.setMaxLength(64)
        self.position_edit = QLineEdit()
        self.position_edit.setMaxLength(64)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(32)

        self.role_boxes: dict[Role, QCheckBox] = {}
        roles_box = QGroupBox(self.tr("角色(可多选)"))
        grid = QGridLayout(roles_box)
        for i, role in enumerate(Role):
            box = QCheckBox(role_text(role))
            self.role_boxes[role] = box
            grid.addWidget(box, i // 2, i % 2)
        self.custodian_note = QLabel(
            self.tr("授予保密专管员角色须由一名保密专管员本人到场输入密码确认。")
        )
        self.custodian_note.setWordWrap(True)
        grid.addWidget(self.custodian_note, (len(Role) + 1) // 2, 0, 1, 2)

        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(
            self.tr(
                "初始密码至少 10 个字符,须含字母和数字,不能包含登录名。"
                "请当面告知本人;本人首次登录时必须修改。"
            )
        )
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.login_edit)
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("部门"), self.department_edit)
        form.addRow(self.tr("职务"), self.position_edit)
        form.addRow(self.tr("电话"), self.phone_edit)
        pw_form = QFormLayout()
        pw_form.addRow(self.tr("初始密码"), self.password_edit)
        pw_form.addRow(self.tr("确认密码"), self.confirm_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(roles_box)
        layout.addLayout(pw_form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        order: list[QWidget] = [
            self.login_edit,
            self.name_edit,
            self.department_edit,
            self.position_edit,
            self.phone_edit,
            *self.role_boxes.values(),
            self.password_edit,
            self.confirm_edit,
            self.ok_button,
        ]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self.login_edit.setFocus()

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.role_boxes.items() if box.isChecked())

    def account(self) -> accounts.NewAccount:
        return accounts.NewAccount(
            login=self.login_edit.text().strip(),
            display_name=self.name_edit.text(),
            password=self.password_edit.text(),
            department=self.department_edit.text(),
            position=self.position_edit.text(),
            phone=self.phone_edit.text(),
        )

    def _on_ok(self) -> None:
        try:
            if self.password_edit.text() != self.confirm_edit.text():
                raise InvalidInput(self.tr("两次输入的初始密码不一致,请重新输入。"))
            done = self._submit(self.account(), self.roles())
        except Exception as exc:
            show_error(self, exc)
            return
        if done:
            self.password_edit.clear()
            self.confirm_edit.clear()
            self.accept()
