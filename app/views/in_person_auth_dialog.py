"""A second person confirms at this desk by typing their own password.

Some steps must not rest on the word of whoever is logged in: handing over the
vault key needs a custodian, a signature needs the signer. The person in
question comes to this computer and authenticates here; the logged-in session
stays as it is. Failures (wrong password, locked, disabled) are shown inside
the dialog so the person can retry without starting the action again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.security.roles import Role
from app.storage.archive import Archive
from app.views.busy import busy_cursor
from app.views.labels import role_text
from app.views.messages import error_text, show_error
from app.workflows import accounts
from app.workflows.auth import Actor


class InPersonAuthDialog(QDialog):
    """Ask ``reason``; accept only when the chosen person's password opens their slot.

    ``required_role``, when given, must be held by that person (for instance a
    custodian); ``preselect`` is the login offered first.
    """

    def __init__(
        self,
        archive: Archive,
        reason: str,
        *,
        required_role: Role | None = None,
        preselect: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._required_role = required_role
        self._actor: Actor | None = None
        self.setWindowTitle(self.tr("本人到场确认"))
        self.setModal(True)
        self.setMinimumWidth(400)

        self.reason_label = QLabel(reason)
        self.reason_label.setWordWrap(True)

        self.login_combo = QComboBox()
        self.login_combo.addItems(accounts.login_choices(archive))
        if preselect:
            index = self.login_combo.findText(preselect)
            if index >= 0:
                self.login_combo.setCurrentIndex(index)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("由本人输入,他人请回避"))

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.login_combo)
        form.addRow(self.tr("密码"), self.password_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确认"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._authenticate)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if required_role is not None:
            who = QLabel(self.tr("须由{role}本人确认。").format(role=role_text(required_role)))
            layout.addWidget(who)
        layout.addWidget(self.reason_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.setTabOrder(self.login_combo, self.password_edit)
        self.setTabOrder(self.password_edit, self.ok_button)
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def actor(self) -> Actor | None:
        """The person who confirmed, with their keys open (None until accepted)."""
        return self._actor

    def _show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _authenticate(self) -> None:
        login = self.login_combo.currentText()
        password = self.password_edit.text()
        if not login or not password:
            self._show_problem(self.tr("请选择登录名并由本人输入密码。"))
            return
        try:
            with busy_cursor():
                actor = accounts.authenticate_in_person(
                    self._archive, login, password, role=self._required_role
                )
        except AppError as exc:
            self.password_edit.clear()
            self._show_problem(error_text(exc))
            return
        except Exception as exc:
            self.password_edit.clear()
            show_error(self, exc)
            return
        self.password_edit.clear()
        self._actor = actor
        self.accept()
