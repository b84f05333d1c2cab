"""The screen lock: idle time-out under a modal dialog, covers on every window, unlock, switch."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.security.roles import Role
from app.settings import Settings
from app.views.confidentiality_notice_dialog import ConfidentialityNoticeDialog
from app.views.idle_lock import LockOverlay
from app.views.lock_dialog import LockDialog
from tests.conftest import ADMIN, PASSWORDS, Branch
from tests.gui.conftest import Shell, audit_actions, when_visible


def customer_dialog(shell: Shell, title: str = "客户档案 - 张三") -> QDialog:
    """A dialog of the kind that shows a customer's name (the thing a lock must hide)."""
    dialog = QDialog(shell.window)
    dialog.setWindowTitle(title)
    QVBoxLayout(dialog).addWidget(QLabel("身份证号 430000199001011234"))
    dialog.resize(400, 300)
    return dialog


def unlock(qtbot, dialog: LockDialog, password: str) -> None:
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def assert_covered(shell: Shell, *windows) -> None:
    overlays = shell.lock.overlays()
    for window in windows:
        overlay = overlays.get(window)
        assert isinstance(overlay, LockOverlay), window
        assert overlay.parentWidget() is window
        assert overlay.covers(), window
        assert window.windowTitle() == "已锁定 - 客户信息档案系统"
        # the overlay is the topmost child: nothing of the window is drawn above it
        assert [c for c in window.children() if isinstance(c, QWidget)][-1] is overlay


def test_idle_lock_fires_under_a_modal_dialog_and_covers_every_window(qtbot, make_shell) -> None:
    shell = make_shell()
    dialog = customer_dialog(shell)
    seen: dict[str, object] = {}

    def while_modal() -> None:
        try:
            seen["modal"] = QApplication.activeModalWidget() is dialog
            shell.lock.set_interval_ms(50)  # nobody touches anything from now on
            qtbot.waitUntil(lambda: shell.ctx.locked, timeout=5_000)
            lock_dialog = shell.lock.dialog
            assert lock_dialog is not None and lock_dialog.isVisible()
            assert lock_dialog.isModal()
            assert_covered(shell, shell.window, dialog)
            # the dialog underneath was neither hidden nor ended
            seen["dialog_visible_while_locked"] = dialog.isVisible()
            seen["who"] = lock_dialog.who_label.text()

            unlock(qtbot, lock_dialog, ADMIN[2])
            shell.lock.set_interval_ms(3_600_000)
            seen["locked_after"] = shell.ctx.locked
            seen["overlays_after"] = dict(shell.lock.overlays())
            seen["titles_after"] = (shell.window.windowTitle(), dialog.windowTitle())
            seen["dialog_visible_after"] = dialog.isVisible()
            seen["lock_dialog_visible_after"] = lock_dialog.isVisible()
            seen["children_overlays"] = dialog.findChildren(LockOverlay)
        finally:
            dialog.accept()

    QTimer.singleShot(0, while_modal)
    assert dialog.exec() == QDialog.DialogCode.Accepted

    assert seen["modal"] is True
    assert seen["dialog_visible_while_locked"] is True
    assert seen["who"] == "系统管理员甲(admin)已锁定屏幕。请输入密码解除锁定。"
    assert seen["locked_after"] is False
    assert seen["overlays_after"] == {}
    assert seen["titles_after"] == ("客户信息档案系统 - 涟源市某某信用社", "客户档案 - 张三")
    assert seen["dialog_visible_after"] is True
    assert seen["lock_dialog_visible_after"] is False
    assert seen["children_overlays"] == []


def test_typing_in_a_modal_dialog_keeps_the_lock_away(qtbot, make_shell) -> None:
    shell = make_shell(interval_ms=1_000)
    dialog = customer_dialog(shell)
    field = QLineEdit()
    dialog.layout().addWidget(field)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    for _ in range(15):  # 1.5 s of typing, longer than the time-out
        qtbot.wait(100)
        qtbot.keyClick(field, Qt.Key.Key_A)
    assert not shell.ctx.locked
    assert field.text() == "a" * 15
    # then nobody types: it locks, and the dialog is covered, not closed
    qtbot.waitUntil(lambda: shell.ctx.locked, timeout=5_000)
    assert dialog.isVisible()
    assert_covered(shell, shell.window, dialog)


def test_wrong_password_keeps_it_locked(qtbot, make_shell, branch: Branch) -> None:
    shell = make_shell()
    shell.lock.lock()
    dialog = shell.lock.dialog
    assert dialog is not None

    unlock(qtbot, dialog, "Falsch2026x")

    assert shell.ctx.locked
    assert dialog.isVisible()
    assert dialog.message == "密码错误。再错 4 次,此登录名将被锁定 15 分钟。"
    assert dialog.password_edit.text() == ""
    assert_covered(shell, shell.window)
    assert "login.failure" in audit_actions(branch.archive, "admin")


def test_escape_and_close_do_not_unlock(qtbot, make_shell) -> None:
    shell = make_shell()
    shell.lock.lock()
    dialog = shell.lock.dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    assert shell.ctx.locked
    assert_covered(shell, shell.window)


def test_manual_lock_is_recorded_and_unlock_too(qtbot, make_shell, branch: Branch) -> None:
    shell = make_shell()
    toolbar = shell.window.findChild(QToolBar, "mainToolbar")
    qtbot.mouseClick(toolbar.widgetForAction(shell.window.lock_action), Qt.MouseButton.LeftButton)
    assert shell.ctx.locked
    unlock(qtbot, shell.lock.dialog, ADMIN[2])
    assert not shell.ctx.locked
    actions = audit_actions(branch.archive, "admin")
    assert actions[-2:] == ["session.lock", "session.unlock"]


def test_a_window_opened_while_locked_is_covered(qtbot, make_shell) -> None:
    shell = make_shell()
    shell.lock.lock()
    late = customer_dialog(shell, "迟到的窗口")
    late.show()
    assert_covered(shell, late)
    unlock(qtbot, shell.lock.dialog, ADMIN[2])
    assert late.windowTitle() == "迟到的窗口"
    assert late.findChildren(LockOverlay) == []
    late.close()


def test_switch_user_changes_the_person_and_the_status_bar(
    qtbot, make_shell, branch: Branch, settings: Settings
) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    shell = make_shell()
    assert "用户管理" in shell.window.area_titles
    settings.acknowledge_notice("manager")
    previous_dialog = customer_dialog(shell)
    previous_dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    previous_dialog.show()

    shell.lock.lock()
    dialog = shell.lock.dialog
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == LockDialog.SWITCH_PAGE
    qtbot.keyClicks(dialog.login_combo.lineEdit(), "manager")
    qtbot.keyClicks(dialog.switch_password_edit, PASSWORDS["manager"])
    with qtbot.waitSignal(shell.ctx.actor_changed) as changed:
        qtbot.mouseClick(dialog.confirm_switch_button, Qt.MouseButton.LeftButton)

    assert changed.args[0].login == manager.login
    assert shell.ctx.actor.login == "manager"
    assert not shell.ctx.locked
    assert shell.lock.overlays() == {}
    assert shell.window.user_label.text() == "用户:用户manager(manager)"
    assert shell.window.roles_label.text() == "角色:客户经理"
    assert "用户管理" not in shell.window.area_titles
    assert "客户档案" in shell.window.area_titles
    # the previous person's dialog was ended, not left open for the next person
    assert not previous_dialog.isVisible()
    assert previous_dialog.result() == QDialog.DialogCode.Rejected
    assert "session.switch" in audit_actions(branch.archive, "admin")
    assert audit_actions(branch.archive, "manager")[-1] == "login.success"


def test_switching_to_someone_who_has_not_read_the_notice_today(
    qtbot, make_shell, branch: Branch, settings: Settings
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    shell = make_shell()
    shell.lock.lock(switch=True)
    dialog = shell.lock.dialog
    assert dialog.pages.currentIndex() == LockDialog.SWITCH_PAGE
    seen: list[bool] = []

    def read(notice: ConfidentialityNoticeDialog) -> None:
        # the new person reads the notice while the previous person's screen stays covered
        seen.append(shell.ctx.locked and bool(shell.lock.overlays()))
        qtbot.keyClick(notice.agree_box, Qt.Key.Key_Space)
        qtbot.mouseClick(notice.ok_button, Qt.MouseButton.LeftButton)

    when_visible(ConfidentialityNoticeDialog, read)
    qtbot.keyClicks(dialog.login_combo.lineEdit(), "manager")
    qtbot.keyClicks(dialog.switch_password_edit, PASSWORDS["manager"])
    qtbot.mouseClick(dialog.confirm_switch_button, Qt.MouseButton.LeftButton)

    assert seen == [True]
    assert shell.ctx.actor.login == "manager"
    assert not settings.notice_due("manager")


def test_wrong_password_on_switch_changes_nothing(qtbot, make_shell, branch: Branch) -> None:
    branch.add_user("manager", [Role.MANAGER])
    shell = make_shell()
    shell.lock.lock(switch=True)
    dialog = shell.lock.dialog
    qtbot.keyClicks(dialog.login_combo.lineEdit(), "manager")
    qtbot.keyClicks(dialog.switch_password_edit, "Falsch2026x")
    qtbot.mouseClick(dialog.confirm_switch_button, Qt.MouseButton.LeftButton)
    assert "密码错误" in dialog.message
    assert shell.ctx.actor.login == "admin"
    assert shell.ctx.locked
    # back to the unlock page, and the person who locked can still come back
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    unlock(qtbot, dialog, ADMIN[2])
    assert not shell.ctx.locked


def test_quit_from_the_lock_ends_the_session(qtbot, make_shell, branch: Branch) -> None:
    shell = make_shell()
    open_dialog = customer_dialog(shell)
    open_dialog.show()
    shell.lock.lock()
    with qtbot.waitSignal(shell.lock.session_ended):
        qtbot.mouseClick(shell.lock.dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not shell.window.isVisible()
    assert not open_dialog.isVisible()
    assert audit_actions(branch.archive, "admin")[-1] == "session.logout"
    assert audit_actions(branch.archive).count("session.logout") == 1


def test_ctrl_l_locks(qtbot, make_shell) -> None:
    shell = make_shell()
    shell.window.activateWindow()
    qtbot.waitActive(shell.window)
    # through the window system, as a real key press arrives (shortcuts are resolved there)
    qtbot.keyClick(shell.window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shell.ctx.locked, timeout=2_000)


def test_switching_back_and_forth_rebuilds_the_window_each_time(
    qtbot, make_shell, branch: Branch, settings: Settings
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    settings.acknowledge_notice("manager")
    shell = make_shell()
    for login, password, has_users in (
        ("manager", PASSWORDS["manager"], False),
        ("admin", ADMIN[2], True),
        ("manager", PASSWORDS["manager"], False),
    ):
        shell.lock.lock(switch=True)
        dialog = shell.lock.dialog
        qtbot.keyClicks(dialog.login_combo.lineEdit(), login)
        qtbot.keyClicks(dialog.switch_password_edit, password)
        qtbot.mouseClick(dialog.confirm_switch_button, Qt.MouseButton.LeftButton)
        qtbot.wait(20)  # let the previous person's pages be deleted
        assert shell.ctx.actor.login == login
        assert ("用户管理" in shell.window.area_titles) is has_users
    assert audit_actions(branch.archive).count("session.switch") == 3


def test_idle_minutes_come_from_the_settings_and_are_kept_in_range(
    qtbot, branch: Branch, config_dir
) -> None:
    from app import settings as app_settings
    from app.views.context import SessionContext
    from app.views.idle_lock import IdleLock

    ctx = SessionContext(branch.archive, branch.admin)
    for stored, minutes in ((99, 30), (0, 1), (12, 12), ("abc", 5), (True, 5), (None, 5)):
        settings = app_settings.Settings.from_json({"idle_lock_minutes": stored})
        assert settings.idle_lock_minutes == minutes, stored
        lock = IdleLock(ctx, settings)
        assert lock.interval_ms == minutes * 60_000
        lock.logout()
    # a damaged file is no reason not to start (and not to lock)
    config_dir.mkdir(parents=True, exist_ok=True)
    app_settings.settings_path().write_text("{not json", "utf-8")
    assert app_settings.load().idle_lock_minutes == 5
