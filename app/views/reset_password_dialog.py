"""A new initial password for someone who has forgotten theirs.

Typed twice because nobody can read it back; the person must change it at
their next login. The dialog stays open on a refusal so it can be corrected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.views.messages import show_error

#: called with the new password; True when the reset was done
SubmitPassword = Callable[[str], bool]


class ResetPasswordDialog(QDialog):
    def __init__(
        self, login: str, display_name: str, submit: SubmitPassword, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(self.tr("重置密码"))
        self.setModal(True)
        self.setMinimumWidth(400)

        who = QLabel(
            self.tr("为“{name}”({login})设置新的初始密码。").format(name=display_name, login=login)
        )
        who.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(
            self.tr(
                "至少 10 个字符,须含字母和数字,不能包含登录名。"
                "请当面告知本人;本人下次登录时必须修改。原有签名仍然有效。"
            )
        )
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("新初始密码"), self.password_edit)
        form.addRow(self.tr("确认密码"), self.confirm_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("重置"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.password_edit, self.confirm_edit)
        self.setTabOrder(self.confirm_edit, self.ok_button)
        self.password_edit.setFocus()

    def _on_ok(self) -> None:
        try:
            if self.password_edit.text() != self.confirm_edit.text():
                raise InvalidInput(self.tr("两次输入的密码不一致,请重新输入。"))
            done = self._submit(self.password_edit.text())
        except Exception as exc:
            show_error(self, exc)
            return
        if done:
            self.password_edit.clear()
            self.confirm_edit.clear()
            self.accept()
