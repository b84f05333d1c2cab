"""Changing an account's details and its ordinary roles.

The custodian role is shown but cannot be ticked here: giving or taking it
moves the vault key, which needs a custodian present in person (its own
buttons on the user page). The login cannot change, since the audit log and
signatures refer to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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

from app.security.roles import Role
from app.views.labels import role_text
from app.views.messages import show_error
from app.workflows.accounts import UserSummary


@dataclass(frozen=True)
class ProfileEdit:
    display_name: str
    department: str
    position: str
    phone: str
    roles: frozenset[Role]


#: called with what the form holds; True when saved
SubmitEdit = Callable[[ProfileEdit], bool]


class EditUserDialog(QDialog):
    def __init__(
        self, user: UserSummary, submit: SubmitEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(self.tr("修改用户信息和角色"))
        self.setModal(True)
        self.setMinimumWidth(440)

        login_label = QLabel(user.login)
        self.name_edit = QLineEdit(user.display_name)
        self.name_edit.setMaxLength(64)
        self.department_edit = QLineEdit(user.department)
        self.department_edit.setMaxLength(64)
        self.position_edit = QLineEdit(user.position)
        self.position_edit.setMaxLength(64)
        self.phone_edit = QLineEdit(user.phone)
        self.phone_edit.setMaxLength(32)

        self.role_boxes: dict[Role, QCheckBox] = {}
        roles_box = QGroupBox(self.tr("角色"))
        grid = QGridLayout(roles_box)
        for i, role in enumerate(Role):
            box = QCheckBox(role_text(role))
            box.setChecked(role in user.roles)
            if role is Role.CUSTODIAN:
                box.setEnabled(False)
            self.role_boxes[role] = box
            grid.addWidget(box, i // 2, i % 2)
        note = QLabel(
            self.tr(
                "保密专管员角色须由保密专管员本人到场授予或撤销,"
                "请使用用户管理页的“授予保密专管员”“撤销保密专管员”。"
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        grid.addWidget(note, (len(Role) + 1) // 2, 0, 1, 2)

        form = QFormLayout()
        form.addRow(self.tr("登录名"), login_label)
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("部门"), self.department_edit)
        form.addRow(self.tr("职务"), self.position_edit)
        form.addRow(self.tr("电话"), self.phone_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok_button.setText(self.tr("保存"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(roles_box)
        layout.addWidget(self.buttons)

        order: list[QWidget] = [
            self.name_edit,
            self.department_edit,
            self.position_edit,
            self.phone_edit,
            *(b for r, b in self.role_boxes.items() if r is not Role.CUSTODIAN),
            self.ok_button,
        ]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self.name_edit.setFocus()

    def edit(self) -> ProfileEdit:
        return ProfileEdit(
            display_name=self.name_edit.text(),
            department=self.department_edit.text(),
            position=self.position_edit.text(),
            phone=self.phone_edit.text(),
            roles=frozenset(r for r, box in self.role_boxes.items() if box.isChecked()),
        )

    def _on_ok(self) -> None:
        try:
            done = self._submit(self.edit())
        except Exception as exc:
            show_error(self, exc)
            return
        if done:
            self.accept()
