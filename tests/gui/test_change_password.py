"""Changing one's own password: forced at the first login, and from the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from app import settings as app_settings
from app.errors import WrongPassword
from app.security.roles import Role
from app.settings import Settings
from app.views.change_password_dialog import ChangePasswordDialog
from app.views.confidentiality_notice_dialog import ConfidentialityNoticeDialog
from app.views.login_dialog import LoginDialog, complete_login
from app.workflows import auth
from tests.conftest import Branch
from tests.gui.conftest import audit_actions, when_visible

INITIAL = "Chushi2026man"  # what Branch.add_user gives "manager" before the first login
NEW = "Wodemima2026z"


def fill(qtbot, dialog: ChangePasswordDialog, current: str, new: str, confirm: str | None = None):
    qtbot.keyClicks(dialog.current_edit, current)
    qtbot.keyClicks(dialog.new_edit, new)
    qtbot.keyClicks(dialog.confirm_edit, new if confirm is None else confirm)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_first_login_forces_a_new_password_then_the_notice(
    qtbot, branch: Branch, settings: Settings, messages
) -> None:
    branch.add_user("manager", [Role.MANAGER], changed=False)
    login = LoginDialog(branch.archive)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.login_combo.lineEdit(), "manager")
    qtbot.keyClicks(login.password_edit, INITIAL)
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    assert login.actor is not None and login.actor.must_change_password

    seen: dict[str, object] = {}

    def change(dialog: ChangePasswordDialog) -> None:
        seen["forced"] = dialog.forced
        seen["cancel"] = dialog.cancel_button.text()
        fill(qtbot, dialog, INITIAL, NEW)

    def notice(dialog: ConfidentialityNoticeDialog) -> None:
        seen["ok_enabled_before"] = dialog.ok_button.isEnabled()
        qtbot.keyClick(dialog.agree_box, Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(ChangePasswordDialog, change)
    when_visible(ConfidentialityNoticeDialog, notice)
    actor = complete_login(branch.archive, login.actor, settings)

    assert seen == {"forced": True, "cancel": "退出程序", "ok_enabled_before": False}
    assert messages.shown == []
    assert actor is not None
    assert not actor.must_change_password
    assert "user.password_change" in audit_actions(branch.archive, "manager")
    # the notice is remembered for today, on disk
    assert not app_settings.load().notice_due("manager")
    # the new password opens the account, the initial one no longer does
    assert not auth.authenticate(branch.archive, "manager", NEW).must_change_password
    with pytest.raises(WrongPassword):
        auth.authenticate(branch.archive, "manager", INITIAL)


def test_the_forced_change_cannot_be_skipped(qtbot, branch: Branch, settings: Settings) -> None:
    actor = branch.add_user("manager", [Role.MANAGER], changed=False)
    when_visible(
        ChangePasswordDialog,
        lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton),
    )
    assert complete_login(branch.archive, actor, settings) is None
    assert auth.refresh(branch.archive, actor).must_change_password
    # and nothing was acknowledged on the way out
    assert settings.notice_due("manager")


def test_declining_the_notice_ends_the_login(qtbot, branch: Branch, settings: Settings) -> None:
    when_visible(
        ConfidentialityNoticeDialog,
        lambda d: qtbot.mouseClick(d.quit_button, Qt.MouseButton.LeftButton),
    )
    assert complete_login(branch.archive, branch.admin, settings) is None
    assert settings.notice_due("admin")


def test_the_notice_is_shown_once_a_day(qtbot, branch: Branch, settings: Settings) -> None:
    settings.acknowledge_notice("admin")
    # no dialog is expected: if one appeared, exec() would wait and the test would time out
    assert complete_login(branch.archive, branch.admin, settings) == branch.admin


@pytest.fixture
def dialog(qtbot, branch: Branch) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(branch.archive, branch.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_rules_are_shown_and_cancel_is_allowed(dialog: ChangePasswordDialog) -> None:
    rules = dialog.findChild(QLabel, "passwordRules").text()
    assert "至少 10 个字符" in rules
    assert "不能包含登录名" in rules
    assert not dialog.forced
    assert dialog.cancel_button.text() == "取消"


def test_confirmation_must_match(qtbot, dialog: ChangePasswordDialog, messages) -> None:
    fill(qtbot, dialog, "Guanli2026x", NEW, NEW + "q")
    assert dialog.isVisible()
    assert messages.last().text == "两次输入的新密码不一致,请重新输入。"


def test_wrong_current_password_counts(qtbot, dialog: ChangePasswordDialog, messages) -> None:
    fill(qtbot, dialog, "Falsch2026x", NEW)
    assert dialog.isVisible()
    assert messages.last().text == "密码错误。再错 4 次,此登录名将被锁定 15 分钟。"
    assert dialog.current_edit.text() == ""


def test_weak_new_password_is_refused(qtbot, dialog: ChangePasswordDialog, messages) -> None:
    fill(qtbot, dialog, "Guanli2026x", "kurz1")
    assert dialog.isVisible()
    assert "密码不符合要求" in messages.last().text
    assert dialog.current_edit.text() == "Guanli2026x"  # only the new fields are cleared
    assert dialog.new_edit.text() == ""


def test_success_returns_the_updated_actor(
    qtbot, dialog: ChangePasswordDialog, branch: Branch
) -> None:
    fill(qtbot, dialog, "Guanli2026x", NEW)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.login == "admin"
    auth.authenticate(branch.archive, "admin", NEW)
