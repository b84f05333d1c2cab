"""修改密码: a person sets their own password; forced at the first login after an account
is made or reset.

Only the person's own slot is re-wrapped (app.workflows.accounts does it), so
keys and earlier signatures stay valid. A wrong current password counts
towards the lockout like any other.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, InvalidInput, WrongPassword
from app.security.passwords import MIN_LENGTH
from app.storage.archive import Archive
from app.views.busy import busy_cursor
from app.views.messages import show_error
from app.workflows import accounts
from app.workflows.auth import Actor


def password_rules_text() -> str:
    """The rules as a person reads them; the check itself is app.security.passwords."""
    return QCoreApplication.translate(
        "passwords",
        "密码要求:至少 {n} 个字符,须同时包含英文字母和数字,不能包含登录名,首尾不能有空格。"
        "请设置只有您本人知道的密码,不要写在纸上或告诉他人。",
    ).format(n=MIN_LENGTH)


class ChangePasswordDialog(QDialog):
    """Current, new and confirmed password; the result is the updated Actor."""

    def __init__(
        self,
        archive: Archive,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        forced: bool = False,
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._actor = actor
        self._forced = forced
        self.setWindowTitle(self.tr("修改密码"))
        self.setModal(True)

        if forced:
            intro_text = self.tr(
                "{name}({login}),这是您第一次使用此账户(或密码刚被重置)。"
                "系统管理员设置的初始密码只能用于这一次登录:请现在设置只有您本人知道的新密码,"
                "设置后才能继续使用。如不修改,只能退出程序。"
            )
        else:
            intro_text = self.tr("{name}({login}),请输入当前密码和新密码。")
        intro = QLabel(intro_text.format(name=actor.display_name, login=actor.login))
        intro.setWordWrap(True)

        rules = QLabel(password_rules_text())
        rules.setWordWrap(True)
        rules.setObjectName("passwordRules")

        self.current_edit = self._password_edit()
        self.new_edit = self._password_edit()
        self.confirm_edit = self._password_edit()
        form = QFormLayout()
        current_label = self.tr("初始密码(&C):") if forced else self.tr("当前密码(&C):")
        form.addRow(current_label, self.current_edit)
        form.addRow(self.tr("新密码(&N):"), self.new_edit)
        form.addRow(self.tr("确认新密码(&R):"), self.confirm_edit)

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            self.tr("确定修改"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("退出程序") if forced else self.tr("取消"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._change)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        QWidget.setTabOrder(self.current_edit, self.new_edit)
        QWidget.setTabOrder(self.new_edit, self.confirm_edit)
        QWidget.setTabOrder(self.confirm_edit, self.ok_button)
        QWidget.setTabOrder(self.ok_button, self.cancel_button)
        self.current_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _password_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMinimumWidth(240)
        return edit

    @property
    def forced(self) -> bool:
        return self._forced

    @property
    def actor(self) -> Actor:
        """The person as they are after the change (or unchanged if the dialog was cancelled)."""
        return self._actor

    def _change(self) -> None:
        new = self.new_edit.text()
        if new != self.confirm_edit.text():
            self._fail(InvalidInput(self.tr("两次输入的新密码不一致,请重新输入。")), self.new_edit)
            return
        try:
            with busy_cursor():
                self._actor = accounts.change_own_password(
                    self._archive, self._actor, self.current_edit.text(), new
                )
        except WrongPassword as exc:
            self._fail(exc, self.current_edit)
            return
        except AppError as exc:
            self._fail(exc, self.new_edit)
            return
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.clear()
        self.accept()

    def _fail(self, exc: AppError, focus: QLineEdit) -> None:
        show_error(self, exc, self.tr("未能修改密码"))
        self.new_edit.clear()
        self.confirm_edit.clear()
        if focus is self.current_edit:
            self.current_edit.clear()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
