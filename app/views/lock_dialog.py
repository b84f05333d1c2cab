"""解除锁定: the one window that accepts input while the screen is locked.

It asks the person who locked it for their password, or lets someone else
log in instead (切换用户). It cannot be closed or escaped: the only ways out
are a correct password or leaving the program. What happens next (removing
the covers, changing the session's person, recording the switch) is the
caller's business (app.views.idle_lock); this dialog only authenticates, with
``app.workflows.auth.authenticate``, which also counts wrong passwords towards
the lockout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UnknownUser
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import app_title
from app.views.login_dialog import MESSAGE_STYLE
from app.views.messages import error_text
from app.workflows import accounts, auth
from app.workflows.auth import Actor


class LockDialog(QDialog):
    """Application-modal; emits exactly one of ``unlocked``, ``switched``, ``quit_requested``."""

    #: the same person typed their password (the Actor as it is now)
    unlocked = Signal(object)
    #: another person logged in (their Actor); the previous session ends
    switched = Signal(object)
    #: the person chose to leave the program instead of unlocking
    quit_requested = Signal()

    UNLOCK_PAGE, SWITCH_PAGE = 0, 1

    def __init__(
        self, ctx: SessionContext, parent: QWidget | None = None, *, switch: bool = False
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._done = False
        self.setWindowTitle(self.tr("已锁定 - {title}").format(title=app_title()))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        # No close button: closing must not be a way around the password.
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )

        heading = QLabel(self.tr("屏幕已锁定"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._unlock_page())
        self.pages.addWidget(self._switch_page())

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(MESSAGE_STYLE)
        self.message_label.setObjectName("lockMessage")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.pages)
        layout.addWidget(self.message_label)
        self.setMinimumWidth(420)
        self.show_page(self.SWITCH_PAGE if switch else self.UNLOCK_PAGE)

    # --- pages ------------------------------------------------------------------------

    def _unlock_page(self) -> QWidget:
        page = QWidget()
        actor = self._ctx.actor
        self.who_label = QLabel(
            self.tr("{name}({login})已锁定屏幕。请输入密码解除锁定。").format(
                name=actor.display_name, login=actor.login
            )
        )
        self.who_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("密码(&P):"), self.password_edit)
        self.unlock_button = QPushButton(self.tr("解除锁定(&U)"))
        self.switch_button = QPushButton(self.tr("切换用户(&S)…"))
        self.quit_button = QPushButton(self.tr("退出程序(&Q)"))
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button.clicked.connect(lambda: self.show_page(self.SWITCH_PAGE))
        self.quit_button.clicked.connect(self._quit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.unlock_button, self.switch_button, self.quit_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.who_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.password_edit, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.switch_button)
        QWidget.setTabOrder(self.switch_button, self.quit_button)
        return page

    def _switch_page(self) -> QWidget:
        page = QWidget()
        note = QLabel(
            self.tr(
                "由另一位用户登录。切换后,{name}未完成的操作将被取消,打开的窗口将被关闭。"
            ).format(name=self._ctx.actor.display_name)
        )
        note.setWordWrap(True)
        self.login_combo = QComboBox()
        self.login_combo.setEditable(True)
        self.login_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.login_combo.addItems(accounts.login_choices(self._ctx.archive))
        self.login_combo.setCurrentIndex(-1)
        self.switch_password_edit = QLineEdit()
        self.switch_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("登录名(&N):"), self.login_combo)
        form.addRow(self.tr("密码(&W):"), self.switch_password_edit)
        self.confirm_switch_button = QPushButton(self.tr("登录并切换(&L)"))
        self.back_button = QPushButton(self.tr("返回(&B)"))
        self.confirm_switch_button.clicked.connect(self._switch)
        self.back_button.clicked.connect(lambda: self.show_page(self.UNLOCK_PAGE))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_switch_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.login_combo, self.switch_password_edit)
        QWidget.setTabOrder(self.switch_password_edit, self.confirm_switch_button)
        QWidget.setTabOrder(self.confirm_switch_button, self.back_button)
        return page

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.message_label.clear()
        self.password_edit.clear()
        self.switch_password_edit.clear()
        switching = index == self.SWITCH_PAGE
        self.unlock_button.setDefault(not switching)
        self.confirm_switch_button.setDefault(switching)
        focus = self.login_combo if switching else self.password_edit
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def message(self) -> str:
        return self.message_label.text()

    # --- actions --------------------------------------------------------------------------

    def _unlock(self) -> None:
        password = self.password_edit.text()
        self.password_edit.clear()
        if not password:
            self._say(self.tr("请输入密码。"), self.password_edit)
            return
        actor = self._authenticate(self._ctx.actor.login, password, "unlock", self.password_edit)
        if actor is not None:
            self._finish()
            self.unlocked.emit(actor)

    def _switch(self) -> None:
        login = self.login_combo.currentText().strip()
        password = self.switch_password_edit.text()
        self.switch_password_edit.clear()
        if not login:
            self._say(self.tr("请选择或输入登录名。"), self.login_combo)
            return
        if not password:
            self._say(self.tr("请输入密码。"), self.switch_password_edit)
            return
        actor = self._authenticate(login, password, "login", self.switch_password_edit)
        if actor is not None:
            self._finish()
            self.switched.emit(actor)

    def _quit(self) -> None:
        self._finish()
        self.quit_requested.emit()

    def _authenticate(
        self, login: str, password: str, purpose: str, field: QWidget
    ) -> Actor | None:
        try:
            with busy_cursor():
                return auth.authenticate(self._ctx.archive, login, password, purpose=purpose)
        except Exception as exc:
            unknown = isinstance(exc, UnknownUser) and purpose == "login"
            focus = self.login_combo if unknown else field
            self._say(error_text(exc), focus)
            return None

    def _say(self, text: str, focus: QWidget) -> None:
        self.message_label.setText(text)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish(self) -> None:
        """Hide first, so that whatever the caller opens next is not under this dialog."""
        self._done = True
        super().accept()

    # --- no way out but the buttons ----------------------------------------------------------

    def reject(self) -> None:
        """Escape goes back from the switch page; on the unlock page it does nothing."""
        if self.pages.currentIndex() == self.SWITCH_PAGE:
            self.show_page(self.UNLOCK_PAGE)

    def accept(self) -> None:
        """Enter is handled by the default button, never by closing the dialog."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._done:
            event.accept()
        else:
            event.ignore()
