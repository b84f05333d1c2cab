"""The user management page driven as the administrator drives it: real widgets, real archive."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.errors import AccountDisabled, PasswordChangeRequired, WrongPassword
from app.security.permissions import Action
from app.security.roles import Role
from app.views.add_user_dialog import AddUserDialog
from app.views.context import SessionContext
from app.views.edit_user_dialog import EditUserDialog
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.reset_password_dialog import ResetPasswordDialog
from app.views.user_management_page import UserManagementPage
from app.workflows import accounts, auth
from tests.conftest import PASSWORDS, Branch

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@dataclass
class Boxes:
    """Message boxes the page showed, and the answers to give to its questions."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    answers: list[QMessageBox.StandardButton] = field(default_factory=list)

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.shown if k == kind]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    record = Boxes()

    def note(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: object, _title: str, text: str, *_a: object, **_k: object):
            record.shown.append((kind, text))
            if kind == "question":
                return record.answers.pop(0) if record.answers else No
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(note(kind)))
    return record


def on_modal(cls: type[QWidget], handler: Callable[[QWidget], None]) -> None:
    """Run ``handler`` on the next modal dialog of type ``cls`` once it is shown."""
    tries = [0]

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, cls) and widget.isVisible():
            try:
                handler(widget)
            finally:
                if widget.isVisible():
                    # Never leave a test hanging in exec(); the test's asserts then fail.
                    widget.reject()  # type: ignore[attr-defined]
            return
        tries[0] += 1
        if tries[0] < 500:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


@pytest.fixture
def ctx(branch: Branch) -> SessionContext:
    return SessionContext(branch.archive, branch.admin)


@pytest.fixture
def page(qtbot: QtBot, ctx: SessionContext) -> Iterator[UserManagementPage]:
    widget = UserManagementPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    yield widget


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def select_row(qtbot: QtBot, page: UserManagementPage, login: str) -> None:
    row = page.model.row_of(login)
    assert row >= 0, login
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_user() is not None
    assert page.selected_user().login == login  # type: ignore[union-attr]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a keyboard; QTest cannot synthesise Chinese, so those go as key events."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def tick(qtbot: QtBot, box: QWidget) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def fill_new_user(
    qtbot: QtBot, dialog: AddUserDialog, login: str, password: str, roles: list[Role]
) -> None:
    qtbot.keyClicks(dialog.login_edit, login)
    type_text(qtbot, dialog.name_edit, "李四")
    type_text(qtbot, dialog.department_edit, "个人业务部")
    type_text(qtbot, dialog.position_edit, "客户经理")
    for role in roles:
        tick(qtbot, dialog.role_boxes[role])
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClicks(dialog.confirm_edit, password)


def test_lists_accounts_with_chinese_columns(page: UserManagementPage) -> None:
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == ["登录名", "姓名", "部门", "职务", "角色", "状态", "须改密码", "最后登录"]
    row = model.row_of("keeper")
    assert model.index(row, 4).data() == "保密专管员"
    assert model.index(row, 5).data() == "正常"
    assert not page.edit_button.isEnabled()


def test_admin_adds_a_manager_who_must_change_the_initial_password(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    initial = "Chushi2026ab"

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        fill_new_user(qtbot, dialog, "lisi", initial, [Role.MANAGER])
        click(qtbot, dialog.ok_button)

    on_modal(AddUserDialog, fill)
    click(qtbot, page.add_button)

    assert boxes.texts("warning") == []
    assert any("lisi" in t and "首次登录" in t for t in boxes.texts("information"))
    row = page.model.row_of("lisi")
    assert page.model.index(row, 4).data() == "客户经理"
    assert page.model.index(row, 6).data() == "是"
    assert page.selected_user().login == "lisi"  # type: ignore[union-attr]

    actor = auth.authenticate(branch.archive, "lisi", initial)
    assert actor.roles == frozenset({Role.MANAGER})
    assert actor.must_change_password
    with pytest.raises(PasswordChangeRequired):
        actor.require(Action.CUSTOMER_CREATE)


def test_weak_password_shows_the_rule_and_creates_nothing(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    still_open: list[bool] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        fill_new_user(qtbot, dialog, "wangwu", "abc12", [Role.STAFF])
        click(qtbot, dialog.ok_button)
        still_open.append(dialog.isVisible())
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    on_modal(AddUserDialog, fill)
    click(qtbot, page.add_button)

    assert still_open == [True]
    (warning,) = boxes.texts("warning")
    assert "密码不符合要求" in warning and "至少 10 个字符" in warning
    assert branch.archive.header.slot("wangwu") is None
    assert "wangwu" not in {u.login for u in accounts.list_users(branch.archive, branch.admin)}
    assert page.model.row_of("wangwu") == -1


def test_mismatched_confirmation_is_refused(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        fill_new_user(qtbot, dialog, "zhaoliu", "Chushi2026ab", [Role.STAFF])
        qtbot.keyClicks(dialog.confirm_edit, "x")
        click(qtbot, dialog.ok_button)
        dialog.reject()

    on_modal(AddUserDialog, fill)
    click(qtbot, page.add_button)
    assert any("不一致" in t for t in boxes.texts("warning"))
    assert branch.archive.header.slot("zhaoliu") is None


def test_adding_a_custodian_needs_a_custodian_in_person(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    def confirm_keeper(dialog: QWidget) -> None:
        assert isinstance(dialog, InPersonAuthDialog)
        assert dialog.login_combo.currentText() == "keeper"
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["keeper"])
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AddUserDialog)
        fill_new_user(qtbot, dialog, "sunqi", "Chushi2026ab", [Role.CUSTODIAN])
        on_modal(InPersonAuthDialog, confirm_keeper)
        click(qtbot, dialog.ok_button)

    on_modal(AddUserDialog, fill)
    click(qtbot, page.add_button)

    assert boxes.texts("warning") == []
    assert branch.archive.slot("sunqi").holds_vault


def test_disabling_a_user_stops_their_login(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    page.refresh()
    select_row(qtbot, page, "manager")
    assert page.disable_button.text() == "停用"

    boxes.answers = [Yes]
    click(qtbot, page.disable_button)

    assert any("停用" in t and "manager" in t for t in boxes.texts("question"))
    assert page.model.index(page.model.row_of("manager"), 5).data() == "已停用"
    assert page.disable_button.text() == "启用"
    with pytest.raises(AccountDisabled):
        branch.login("manager")

    click(qtbot, page.disable_button)  # enabling needs no confirmation
    assert branch.login("manager").login == "manager"


def test_declining_the_confirmation_changes_nothing(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    page.refresh()
    select_row(qtbot, page, "manager")
    boxes.answers = [No]
    click(qtbot, page.disable_button)
    assert branch.login("manager").login == "manager"


def test_granting_custodian_through_the_in_person_dialog(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    page.refresh()
    select_row(qtbot, page, "manager")
    assert not branch.archive.slot("manager").holds_vault
    inline: list[str] = []

    def confirm_keeper(dialog: QWidget) -> None:
        assert isinstance(dialog, InPersonAuthDialog)
        assert "保密专管员本人" in dialog.reason_label.text()
        qtbot.keyClicks(dialog.password_edit, "Cuowu2026xx")
        click(qtbot, dialog.ok_button)
        inline.append(dialog.error_label.text())
        assert dialog.isVisible() and dialog.password_edit.text() == ""
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["keeper"])
        click(qtbot, dialog.ok_button)

    boxes.answers = [Yes]
    on_modal(InPersonAuthDialog, confirm_keeper)
    click(qtbot, page.grant_button)

    assert inline and "密码错误" in inline[0]
    assert boxes.texts("warning") == []
    assert branch.archive.slot("manager").holds_vault
    row = page.model.row_of("manager")
    assert "保密专管员" in page.model.index(row, 4).data()
    assert not page.grant_button.isEnabled()
    assert page.revoke_custodian_button.isEnabled()


def test_in_person_dialog_refuses_someone_without_the_role(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    branch.add_user("staff", [Role.STAFF])
    page.refresh()
    select_row(qtbot, page, "manager")
    inline: list[str] = []

    def wrong_person(dialog: QWidget) -> None:
        assert isinstance(dialog, InPersonAuthDialog)
        dialog.login_combo.setCurrentIndex(dialog.login_combo.findText("staff"))
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["staff"])
        click(qtbot, dialog.ok_button)
        inline.append(dialog.error_label.text())
        dialog.reject()

    boxes.answers = [Yes]
    on_modal(InPersonAuthDialog, wrong_person)
    click(qtbot, page.grant_button)
    assert inline and "不是保密专管员" in inline[0]
    assert not branch.archive.slot("manager").holds_vault


def test_resetting_a_password(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    page.refresh()
    select_row(qtbot, page, "manager")
    new = "Chongzhi2026m"

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ResetPasswordDialog)
        qtbot.keyClicks(dialog.password_edit, new)
        qtbot.keyClicks(dialog.confirm_edit, new)
        qtbot.keyClick(dialog.confirm_edit, Qt.Key.Key_Return)

    on_modal(ResetPasswordDialog, fill)
    click(qtbot, page.reset_button)

    assert boxes.texts("warning") == []
    assert any("已重置" in t for t in boxes.texts("information"))
    with pytest.raises(WrongPassword):
        branch.login("manager")
    actor = branch.login("manager", new)
    assert actor.must_change_password
    assert page.model.index(page.model.row_of("manager"), 6).data() == "是"


def test_editing_profile_and_roles(
    qtbot: QtBot, page: UserManagementPage, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("staff", [Role.STAFF])
    page.refresh()
    select_row(qtbot, page, "staff")

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, EditUserDialog)
        assert not dialog.role_boxes[Role.CUSTODIAN].isEnabled()
        dialog.name_edit.clear()
        type_text(qtbot, dialog.name_edit, "周八")
        tick(qtbot, dialog.role_boxes[Role.MANAGER])
        click(qtbot, dialog.ok_button)

    on_modal(EditUserDialog, edit)
    click(qtbot, page.edit_button)

    assert boxes.texts("warning") == []
    row = page.model.row_of("staff")
    assert page.model.index(row, 1).data() == "周八"
    assert page.model.index(row, 4).data() == "客户经理、工作人员"


def test_revoking_removes_the_slot_and_offers_rekey(
    qtbot: QtBot, page: UserManagementPage, ctx: SessionContext, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("manager", [Role.MANAGER])
    page.refresh()
    select_row(qtbot, page, "manager")
    old_key = ctx.actor.keys.main_key

    boxes.answers = [Yes, No]  # revoke: yes; rekey now: not yet
    click(qtbot, page.revoke_button)

    assert branch.archive.header.slot("manager") is None
    assert page.model.row_of("manager") == -1
    assert any("更换档案密钥" in t for t in boxes.texts("question"))
    assert page.rekey_banner.isVisible()

    boxes.answers = [Yes]
    click(qtbot, page.rekey_button)

    assert boxes.texts("warning") == []
    assert any("档案密钥已更换" in t for t in boxes.texts("information"))
    assert ctx.actor.keys.main_key != old_key
    assert not page.rekey_banner.isVisible()
    # everyone else still opens the archive under the new key
    assert branch.login("keeper").login == "keeper"
    assert page.model.row_of("admin") >= 0


def test_revoking_then_rekeying_at_once(
    qtbot: QtBot, page: UserManagementPage, ctx: SessionContext, branch: Branch, boxes: Boxes
) -> None:
    branch.add_user("staff", [Role.STAFF])
    page.refresh()
    select_row(qtbot, page, "staff")
    old_key = ctx.actor.keys.main_key
    boxes.answers = [Yes, Yes]
    click(qtbot, page.revoke_button)
    assert branch.archive.header.slot("staff") is None
    assert ctx.actor.keys.main_key != old_key
    assert not page.rekey_banner.isVisible()


def test_page_hidden_from_someone_who_may_not_manage(
    qtbot: QtBot, branch: Branch, boxes: Boxes
) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    widget = UserManagementPage(SessionContext(branch.archive, manager))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.no_permission_label.isVisible()
    assert not widget.content.isVisible()
    assert widget.model.rowCount() == 0
