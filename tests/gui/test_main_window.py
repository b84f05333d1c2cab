"""The main window: areas by permission, honest placeholders, status bar, size, closing."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QToolBar

from app import APP_TITLE
from app.security.roles import Role
from app.views.area_placeholder import AreaPlaceholder
from app.views.audit_log_page import AuditLogPage
from app.views.change_password_dialog import ChangePasswordDialog
from app.views.home_page import HomePage
from app.views.main_window import AREAS, MainWindow, default_size
from app.views.user_management_page import UserManagementPage
from tests.conftest import Branch
from tests.gui.conftest import audit_actions, when_visible


def click_area(qtbot, window: MainWindow, title: str) -> None:
    nav: QListWidget = window.nav
    item = nav.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    rect = nav.visualItemRect(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_admin_sees_user_management_and_no_customer_areas(make_shell) -> None:
    shell = make_shell()
    assert shell.window.area_titles == ["首页", "事件报告", "用户管理"]


def test_manager_sees_the_customer_work_but_not_user_management(make_shell, branch: Branch):
    shell = make_shell(branch.add_user("manager", [Role.MANAGER]))
    titles = shell.window.area_titles
    for title in ("首页", "客户档案", "待办审批", "查阅申请", "登记簿", "统计", "事件报告"):
        assert title in titles
    assert "用户管理" not in titles
    assert "审计日志" not in titles
    assert "年度检查" not in titles


def test_inspector_sees_the_audit_log(make_shell, branch: Branch) -> None:
    shell = make_shell(branch.add_user("inspector", [Role.INSPECTOR]))
    titles = shell.window.area_titles
    assert "审计日志" in titles
    assert "年度检查" in titles
    assert "用户管理" not in titles
    assert "待办审批" not in titles
    page = shell.window.show_area("audit")
    assert isinstance(page, AuditLogPage)


def test_navigation_shows_the_page_and_refreshes_it(qtbot, make_shell, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(UserManagementPage, "refresh", lambda self: calls.append("users"))
    monkeypatch.setattr(HomePage, "refresh", lambda self: calls.append("home"))
    shell = make_shell()
    assert isinstance(shell.window.stack.currentWidget(), HomePage)
    assert calls.count("home") == 1  # shown first, loaded once
    before = calls.count("users")

    click_area(qtbot, shell.window, "用户管理")

    assert shell.window.current_area() == "users"
    assert isinstance(shell.window.stack.currentWidget(), UserManagementPage)
    assert calls.count("users") == before + 1
    assert calls.count("home") == 1


def test_unbuilt_areas_say_so_honestly(make_shell, branch: Branch) -> None:
    shell = make_shell(branch.add_user("manager", [Role.MANAGER]))
    # every area is built now (统计 was the last); the placeholder stays for the next one
    assert [area.key for area in AREAS if area.page is None] == []
    page = AreaPlaceholder("统计", "第5条", "按联社的分类统计。")
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert "统计" in texts
    assert "此功能将在后续版本中提供。" in texts
    assert any("第5条" in text for text in texts)
    # no tables or lists that could hold sample rows
    assert page.findChildren(QAbstractItemView) == []
    assert not isinstance(shell.window.show_area("statistics"), AreaPlaceholder)


def test_home_page_greets_the_person(make_shell, branch: Branch) -> None:
    shell = make_shell()
    home = shell.window.stack.currentWidget()
    assert isinstance(home, HomePage)
    assert home.greeting_label.text() == "系统管理员甲,您好"
    assert home.roles_label.text() == "系统管理员"
    assert "涟源市某某信用社" in home.branch_label.text()
    assert "LY-0101" in home.branch_label.text()
    # the fixture's login is the only one so far
    assert home.last_login_label.text() == "这是您第一次登录本系统。"
    assert "第19条" in home.findChild(QLabel, "confidentialityReminder").text()

    branch.login("admin")
    home.refresh()
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", home.last_login_label.text())


def test_title_and_status_bar(make_shell, branch: Branch) -> None:
    shell = make_shell()
    window = shell.window
    assert APP_TITLE in window.windowTitle()
    assert "涟源市某某信用社" in window.windowTitle()
    assert window.user_label.text() == "用户:系统管理员甲(admin)"
    assert window.roles_label.text() == "角色:系统管理员"
    assert str(branch.root) in window.archive_label.text()


def test_session_actions(make_shell) -> None:
    window = make_shell().window
    assert window.lock_action.shortcut() == QKeySequence("Ctrl+L")
    texts = [a.text() for a in window.findChild(QToolBar, "mainToolbar").actions()]
    # the session's actions, then 报告泄露 (article 20) for everyone after a separator
    assert texts == ["锁定(&L)", "切换用户(&U)…", "修改密码(&P)…", "退出(&X)", "", "报告泄露"]


def test_fits_a_1366x768_screen(make_shell, branch: Branch) -> None:
    # the window opens inside a 1366x768 screen less a Windows taskbar of 40 pixels
    first = default_size(QSize(1366, 728))
    assert first.width() <= 1366 - 16
    assert first.height() <= 728 - 48
    for actor in (branch.admin, branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])):
        window = make_shell(actor).window
        for area in [window.current_area(), *(a.key for a in window._areas)]:
            window.show_area(area)
            hint = window.minimumSizeHint()
            assert hint.width() <= first.width(), area
            assert hint.height() <= first.height(), area


def test_geometry_is_remembered(qtbot, make_shell, branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    shell = make_shell(manager)
    # the offscreen screen is 800 px wide, less than the catalogue's minimum: vary the height
    width = shell.window.width()
    shell.window.resize(width, 555)
    assert shell.window.height() == 555
    shell.window.close()
    again = make_shell(manager).window
    assert (again.width(), again.height()) == (width, 555)


def test_changing_password_from_the_window(qtbot, make_shell, branch: Branch) -> None:
    shell = make_shell()

    def change(dialog: ChangePasswordDialog) -> None:
        assert not dialog.forced
        qtbot.keyClicks(dialog.current_edit, "Guanli2026x")
        qtbot.keyClicks(dialog.new_edit, "Xinmima2026adm")
        qtbot.keyClicks(dialog.confirm_edit, "Xinmima2026adm")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(ChangePasswordDialog, change)
    shell.window.password_action.trigger()
    assert shell.window.statusBar().currentMessage() == "密码已修改。"
    assert "user.password_change" in audit_actions(branch.archive, "admin")


def test_quitting_records_the_logout(make_shell, branch: Branch) -> None:
    shell = make_shell()
    shell.window.quit_action.trigger()
    assert not shell.window.isVisible()
    assert shell.lock.ended
    assert audit_actions(branch.archive, "admin")[-1] == "session.logout"


def test_python_m_app_logs_in_and_opens_the_window(
    qtbot, branch: Branch, monkeypatch, config_dir
) -> None:
    """The composition root end to end on an existing archive: login, notice, window, quit."""
    import sys

    from app import __main__ as entry
    from app import settings as app_settings
    from app.views.confidentiality_notice_dialog import ConfidentialityNoticeDialog
    from app.views.login_dialog import LoginDialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    monkeypatch.setattr(entry, "install_translators", lambda app: None)
    monkeypatch.setattr(entry.logging_setup, "configure", lambda: None)
    branch.archive.close()  # main() takes the folder for itself
    seen: dict[str, object] = {}

    def log_in(dialog: LoginDialog) -> None:
        qtbot.keyClicks(dialog.login_combo.lineEdit(), "admin")
        qtbot.keyClicks(dialog.password_edit, "Guanli2026x")
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)

    def acknowledge(dialog: ConfidentialityNoticeDialog) -> None:
        qtbot.keyClick(dialog.agree_box, Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def use_and_quit(window: MainWindow) -> None:
        seen["titles"] = window.area_titles
        seen["user"] = window.user_label.text()
        window.quit_action.trigger()

    when_visible(LoginDialog, log_in)
    when_visible(ConfidentialityNoticeDialog, acknowledge)
    when_visible(MainWindow, use_and_quit)
    assert entry.main(["--archive", str(branch.root)]) == 0

    assert seen == {"titles": ["首页", "事件报告", "用户管理"], "user": "用户:系统管理员甲(admin)"}
    remembered = app_settings.load()
    assert remembered.last_archive == branch.root
    assert not remembered.notice_due("admin")
    archive = branch.reopen()
    branch.login("admin")  # to read the chain; its own login.success comes last
    actions = audit_actions(archive, "admin")
    assert actions[-3:] == ["login.success", "session.logout", "login.success"]
