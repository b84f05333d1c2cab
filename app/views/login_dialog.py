"""登录: who is at the keyboard, and what must happen before they may work.

The login list comes from the archive header, so it is shown before any key
is open. Failures are explained on the dialog itself (wrong password with the
tries left, locked login, unknown or disabled account) and the password field
is emptied, so the next try starts clean. Counting and locking are done by
``app.workflows.auth.authenticate``; nothing here keeps score.

:func:`complete_login` is the part after the password, shared by the first
login and a switch of user: a forced password change, then the day's
confidentiality notice.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
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

from app import settings as app_settings
from app.errors import StorageFull, UnknownUser
from app.storage.archive import Archive
from app.views.busy import busy_cursor
from app.views.change_password_dialog import ChangePasswordDialog
from app.views.confidentiality_notice_dialog import ConfidentialityNoticeDialog
from app.views.labels import app_title
from app.views.messages import error_text
from app.workflows import accounts, auth
from app.workflows.auth import Actor

MESSAGE_STYLE = "color: #b00020;"


class LoginDialog(QDialog):
    """Login name and password; the result is the authenticated :class:`Actor`."""

    def __init__(self, archive: Archive, parent: QWidget | None = None, *, login: str = "") -> None:
        super().__init__(parent)
        self._archive = archive
        self._actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 - {title}").format(title=app_title()))

        branch = QLabel(archive.header.branch_name)
        font = QFont(branch.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        branch.setFont(font)
        branch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        branch.setObjectName("branchName")
        title = QLabel(app_title())
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.login_combo = QComboBox()
        self.login_combo.setEditable(True)
        self.login_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.login_combo.addItems(accounts.login_choices(archive))
        self.login_combo.setCurrentIndex(-1)
        self.login_combo.setEditText(login)
        self.login_combo.setMinimumWidth(240)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        form.addRow(self.tr("登录名(&U):"), self.login_combo)
        form.addRow(self.tr("密码(&P):"), self.password_edit)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(MESSAGE_STYLE)
        self.message_label.setObjectName("loginMessage")

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            self.tr("登录(&L)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.buttons.addButton(
            self.tr("退出(&Q)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._login)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(branch)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.login_combo, self.password_edit)
        QWidget.setTabOrder(self.password_edit, self.login_button)
        QWidget.setTabOrder(self.login_button, self.quit_button)
        first = self.password_edit if login else self.login_combo
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def actor(self) -> Actor | None:
        return self._actor

    @property
    def message(self) -> str:
        return self.message_label.text()

    def _login(self) -> None:
        login = self.login_combo.currentText().strip()
        if not login:
            self._say(self.tr("请选择或输入登录名。"), self.login_combo)
            return
        password = self.password_edit.text()
        if not password:
            self._say(self.tr("请输入密码。"), self.password_edit)
            return
        try:
            with busy_cursor():
                actor = auth.authenticate(self._archive, login, password)
        except Exception as exc:
            self.password_edit.clear()
            focus = self.login_combo if isinstance(exc, UnknownUser) else self.password_edit
            self._say(error_text(exc), focus)
            return
        self.password_edit.clear()
        self._actor = actor
        self.accept()

    def _say(self, text: str, focus: QWidget) -> None:
        self.message_label.setText(text)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)


def complete_login(
    archive: Archive,
    actor: Actor,
    settings: app_settings.Settings,
    parent: QWidget | None = None,
) -> Actor | None:
    """The steps between a correct password and work; None if the person chose to leave.

    A first login (or one after a reset) must set a new password: the
    initial one was known to the administrator. Then, once a day, the
    confidentiality notice.
    """
    if actor.must_change_password:
        change = ChangePasswordDialog(archive, actor, parent, forced=True)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = change.actor
    if settings.notice_due(actor.login):
        notice = ConfidentialityNoticeDialog(actor.display_name, parent)
        if notice.exec() != QDialog.DialogCode.Accepted:
            return None
        settings.acknowledge_notice(actor.login)
        # Failing to remember only means the notice shows again next time.
        with contextlib.suppress(OSError, StorageFull):
            app_settings.save(settings)
    return actor
