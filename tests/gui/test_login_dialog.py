"""The login dialog against a real archive: success, the failure messages, keyboard use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.views.login_dialog import LoginDialog
from tests.conftest import ADMIN, CUSTODIAN, Branch


@pytest.fixture
def dialog(qtbot, branch: Branch) -> LoginDialog:
    dialog = LoginDialog(branch.archive)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def attempt(qtbot, dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.login_combo.lineEdit(), login)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_offers_the_logins_and_shows_the_branch(dialog: LoginDialog, branch: Branch) -> None:
    combo = dialog.login_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["admin", "keeper"]
    assert combo.currentText() == ""
    assert dialog.findChild(QLabel, "branchName").text() == branch.archive.header.branch_name
    assert dialog.password_edit.echoMode() is dialog.password_edit.EchoMode.Password


def test_correct_password_logs_in(qtbot, dialog: LoginDialog) -> None:
    attempt(qtbot, dialog, CUSTODIAN[0], CUSTODIAN[2])
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert dialog.actor is not None
    assert dialog.actor.login == "keeper"
    assert dialog.password_edit.text() == ""


def test_enter_in_the_password_field_logs_in(qtbot, dialog: LoginDialog) -> None:
    qtbot.keyClicks(dialog.login_combo.lineEdit(), ADMIN[0])
    qtbot.keyClicks(dialog.password_edit, ADMIN[2])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.login == "admin"


def test_wrong_password_says_how_many_tries_remain(qtbot, dialog: LoginDialog) -> None:
    attempt(qtbot, dialog, ADMIN[0], "Falsch2026x")
    assert dialog.isVisible()
    assert dialog.actor is None
    assert dialog.message == "密码错误。再错 4 次,此登录名将被锁定 15 分钟。"
    assert dialog.password_edit.text() == ""
    assert dialog.login_combo.currentText() == "admin"


def test_five_wrong_passwords_lock_the_login(qtbot, dialog: LoginDialog) -> None:
    for _ in range(5):
        attempt(qtbot, dialog, CUSTODIAN[0], "Falsch2026x")
    assert dialog.message == "密码错误。此登录名已被锁定 15 分钟。"
    # even the right password is refused now, with the lock's end time
    attempt(qtbot, dialog, CUSTODIAN[0], CUSTODIAN[2])
    assert dialog.actor is None
    assert dialog.isVisible()
    assert "密码连续输错 5 次,此登录名已锁定" in dialog.message


def test_unknown_login(qtbot, dialog: LoginDialog) -> None:
    attempt(qtbot, dialog, "nobody", "Whatever2026")
    assert dialog.actor is None
    assert "没有名为“nobody”的用户" in dialog.message


def test_empty_fields_are_explained_without_trying(qtbot, dialog: LoginDialog) -> None:
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "请选择或输入登录名。"
    qtbot.keyClicks(dialog.login_combo.lineEdit(), ADMIN[0])
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "请输入密码。"
    assert dialog.isVisible()


def test_quit_rejects(qtbot, dialog: LoginDialog) -> None:
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.actor is None


def _tab_stops(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits from ``start``, following the focus chain as Qt does."""
    stops: list[QWidget] = []
    widget = start
    while len(stops) < count:
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusProxy() is None
        ):
            stops.append(widget)
    return stops


def test_tab_order_is_login_password_login_button_quit(dialog: LoginDialog) -> None:
    login_field = dialog.login_combo.lineEdit()
    stops = _tab_stops(login_field, 3)
    assert stops == [dialog.password_edit, dialog.login_button, dialog.quit_button]
    assert dialog.login_button.isDefault()


def test_tab_key_moves_from_login_to_password(qtbot, dialog: LoginDialog) -> None:
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.login_combo.setFocus()
    qtbot.waitUntil(lambda: dialog.login_combo.hasFocus())
    qtbot.keyClick(dialog.login_combo.lineEdit(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.password_edit.hasFocus())
