"""Approvals driven as people drive them: the manager proposes, the director signs at the desk.

Real archives, real keystrokes, real event loop. The director signs in the
signing dialog on the manager's session, and the session stays the
manager's; a wrong password and a rejection without a reason are answered at
their fields; staff report new information that lands in the manager's inbox
and in the count of the navigation entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.models import Customer
from app.security.roles import Role
from app.views.approvals_page import ApprovalsPage
from app.views.attachment_viewer_dialog import AttachmentViewerDialog
from app.views.catalogue_page import CataloguePage
from app.views.context import SessionContext
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.record_history_dialog import RecordHistoryDialog
from app.views.request_view_dialog import RequestViewDialog
from app.views.signing_dialog import SigningDialog
from app.views.update_submission_dialog import UpdateSubmissionDialog
from app.workflows import customers, modification, requests
from app.workflows.attachments import NewAttachment
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
NEW_MOBILE = "13907380000"


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


@pytest.fixture
def director(branch: Branch) -> Actor:
    return branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])


@pytest.fixture
def staff(branch: Branch) -> Actor:
    return branch.add_user("staff", [Role.STAFF])


@pytest.fixture
def filed_id(branch: Branch, manager: Actor) -> int:
    ref = create(branch, manager, farmer())
    customers.file_customer(branch.archive, manager, ref.id)
    return ref.id


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it, as a person does."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose an entry with the keyboard (from "nothing chosen" too)."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    if combo.currentIndex() < 0:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def proposed(branch: Branch, manager: Actor, customer_id: int) -> modification.RequestRef:
    data = customers.open_customer(branch.archive, manager, customer_id).data
    return modification.propose(
        branch.archive, manager, customer_id, dict(data, mobile=NEW_MOBILE), note="客户来柜面告知"
    )


# --- the whole modification, at the manager's desk ------------------------------------------------


def test_manager_proposes_and_the_director_signs_without_logging_the_manager_out(
    qtbot: QtBot,
    branch: Branch,
    manager: Actor,
    director: Actor,
    filed_id: int,
    make_shell: Any,
    messages: MessageBoxes,
) -> None:
    shell = make_shell(manager)
    page = shell.window.show_area("catalogue")
    assert isinstance(page, CataloguePage)
    page.table.selectRow(0)
    seen: dict[str, Any] = {}

    def fill_modification(form: QWidget) -> None:
        assert isinstance(form, CustomerFormDialog)
        seen["form_title"] = form.windowTitle()
        seen["form_buttons"] = (form.save_button.isVisible(), form.submit_button.isVisible())
        mobile = form.fields["mobile"].widget
        assert isinstance(mobile, QLineEdit)
        retype(qtbot, mobile, NEW_MOBILE)
        type_text(qtbot, form.note_edit, "客户来柜面告知新的手机号码,已核对身份证件。")
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
        seen["submitted"] = form.proposed

    def sign_as_director(dialog: QWidget) -> None:
        assert isinstance(dialog, SigningDialog)
        # the manager is logged in but may not sign: nobody is preselected
        seen["preselected"] = dialog.signer_combo.currentIndex()
        pick(qtbot, dialog.signer_combo, "用户director(director)")
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["director"])
        type_text(qtbot, dialog.reason_edit, "核实无误")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter signs
        seen["signed"] = dialog.signed
        seen["password_left"] = dialog.password_edit.text()

    def read_request(view: QWidget) -> None:
        assert isinstance(view, RequestViewDialog)
        seen["change"] = view.changes_table.texts(0)
        seen["refusal"] = view.refusal_label.text()
        seen["approve_enabled"] = view.approve_button.isEnabled()
        when_visible(SigningDialog, sign_as_director)
        qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
        seen["state_after"] = view.header_values["state"].text()
        seen["history"] = view.history_texts(0)
        view.accept()

    def read_history(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordHistoryDialog)
        seen["versions"] = [dialog.row_texts(r) for r in range(dialog.versions_table.rowCount())]
        seen["version_change"] = dialog.changes_table.texts(0)
        dialog.accept()

    def use_customer_page(view: QWidget) -> None:
        assert isinstance(view, CustomerViewDialog)
        seen["edit_text"] = view.edit_button.text()
        when_visible(CustomerFormDialog, fill_modification)
        qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
        seen["banner"] = view.pending_banner.isVisible()
        seen["banner_text"] = view.pending_label.text()
        seen["mobile_while_pending"] = view.value_labels["mobile"].text()
        seen["edit_while_pending"] = view.edit_button.isEnabled()
        when_visible(RequestViewDialog, read_request)
        qtbot.mouseClick(view.pending_button, Qt.MouseButton.LeftButton)
        seen["mobile_after"] = view.value_labels["mobile"].text()
        seen["banner_after"] = view.pending_banner.isVisible()
        when_visible(RecordHistoryDialog, read_history)
        qtbot.mouseClick(view.history_button, Qt.MouseButton.LeftButton)
        view.accept()

    when_visible(CustomerViewDialog, use_customer_page)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)

    ref = seen["submitted"]
    assert ref is not None and ref.serial.startswith("XG-")
    assert seen["form_title"].startswith("提出档案修改")
    assert seen["form_buttons"] == (False, True)
    assert seen["edit_text"] == "修改…"
    assert any(ref.serial in t and "主任" in t for t in messages.texts)
    assert seen["banner"] and ref.serial in seen["banner_text"]
    assert seen["mobile_while_pending"] == "13807381234"  # unchanged until signed
    assert not seen["edit_while_pending"]
    assert seen["change"] == ("手机号码", "13807381234", NEW_MOBILE)
    assert "主任审批" in seen["refusal"] and "用户director本人到场签署" in seen["refusal"]
    assert seen["approve_enabled"]
    assert seen["preselected"] == -1
    assert seen["signed"] is not None and seen["signed"].state == "applied"
    assert seen["password_left"] == ""
    assert "已执行" in seen["state_after"]
    assert seen["history"][1] == "用户director(director)"
    assert seen["history"][2] == "同意" and seen["history"][-1] == "✔ 签名有效"
    # the record shows the new value, the banner is gone
    assert seen["mobile_after"] == NEW_MOBILE and not seen["banner_after"]
    [version] = seen["versions"]
    assert version[0] == "第 2 版" and version[2] == ref.serial
    assert version[3:] == ["用户manager", "用户director", "✔ 签名有效"]
    assert seen["version_change"] == ("手机号码", "13807381234", NEW_MOBILE)
    # the session is still the manager's, and the signature was the director's own
    assert shell.ctx.actor.login == "manager"
    assert shell.window.user_label.text() == "用户:用户manager(manager)"
    assert "request.approve_final" in audit_actions(branch.archive, "director")
    assert customers.open_customer(branch.archive, manager, filed_id).data["mobile"] == NEW_MOBILE


# --- the signing dialog's answers at its fields -----------------------------------------------------


def test_a_wrong_password_shows_the_tries_left_and_a_rejection_needs_a_reason(
    qtbot: QtBot, branch: Branch, manager: Actor, director: Actor, filed_id: int
) -> None:
    ref = proposed(branch, manager, filed_id)
    ctx = SessionContext(branch.archive, director)
    detail = requests.open_request(branch.archive, director, ref.id)
    dialog = SigningDialog(ctx, detail, decision="reject")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # the director is logged in and may sign: preselected, the password field has the focus
    assert dialog.signer_combo.currentData() == "director"
    assert ref.serial in dialog.windowTitle()
    assert "手机号码" in dialog.summary_label.text()
    assert dialog.reason_label.text() == "理由 *"

    qtbot.keyClicks(dialog.password_edit, PASSWORDS["director"])
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.signed is None
    assert dialog.reason_error.isVisible()
    assert "不同意时须填写理由" in dialog.reason_error.text()

    type_text(qtbot, dialog.reason_edit, "无证明材料")
    assert not dialog.reason_error.isVisible()
    dialog.password_edit.setText("")
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.signed is None
    assert dialog.password_error.isVisible()
    assert "再错 4 次" in dialog.password_error.text()
    assert dialog.password_edit.text() == ""
    assert ctx.actor is director  # nothing else of the session changed
    line = requests.open_request(branch.archive, manager, ref.id).line
    assert line.state == "submitted"

    qtbot.keyClicks(dialog.password_edit, PASSWORDS["director"])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.signed is not None and dialog.signed.state == "rejected"
    again = requests.open_request(branch.archive, manager, ref.id)
    assert again.history[0].reason == "无证明材料" and again.history[0].valid


def test_escape_cancels_signing(
    qtbot: QtBot, branch: Branch, manager: Actor, director: Actor, filed_id: int
) -> None:
    ref = proposed(branch, manager, filed_id)
    ctx = SessionContext(branch.archive, director)
    dialog = SigningDialog(ctx, requests.open_request(branch.archive, director, ref.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password_edit, PASSWORDS["director"])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.signed is None
    assert dialog.password_edit.text() == ""
    assert requests.open_request(branch.archive, manager, ref.id).line.state == "submitted"


# --- staff report new information -----------------------------------------------------------------


def test_staff_submit_an_update_and_the_manager_sees_it_in_the_inbox(
    qtbot: QtBot,
    branch: Branch,
    manager: Actor,
    staff: Actor,
    filed_id: int,
    make_shell: Any,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    scan = tmp_path / "身份证.png"
    scan.write_bytes(PNG)
    shell = make_shell(staff)
    # staff decide nothing: the approvals entry is 我的申请 only
    assert "我的申请" in shell.window.area_titles
    page = shell.window.show_area("catalogue")
    assert isinstance(page, CataloguePage)
    page.table.selectRow(0)
    assert page.update_button.isVisible() and page.update_button.isEnabled()
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, UpdateSubmissionDialog)
        row = dialog._rows[0]
        pick(qtbot, row.combo, "手机号码")
        editor = dialog._rows[0].editor
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, "12345")
        type_text(qtbot, dialog.note_edit, "客户来柜面告知新号码")
        dialog.attachments.add_paths([scan])
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        seen["problem"] = dialog.row_problem(0)
        seen["still_open"] = dialog.isVisible()
        retype(qtbot, editor, NEW_MOBILE)
        seen["problem_after_typing"] = dialog.row_problem(0)
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        seen["submitted"] = dialog.submitted

    when_visible(UpdateSubmissionDialog, fill)
    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    assert seen["still_open"] and "手机号码" in seen["problem"]
    assert seen["problem_after_typing"] == ""
    ref = seen["submitted"]
    assert ref is not None and ref.serial.startswith("GX-")
    assert ref.serial in messages.last().text
    mine = shell.window.show_area("approvals")
    assert isinstance(mine, ApprovalsPage)
    assert not mine.tabs.isTabVisible(0)
    assert mine.mine_model.rowCount() == 1 and mine.mine_model.line(0).serial == ref.serial

    # the manager logs in elsewhere: the entry counts it, the inbox lists it
    owner = make_shell(manager).window
    assert "待办审批 (1)" in owner.area_titles
    inbox = owner.show_area("approvals")
    assert isinstance(inbox, ApprovalsPage)
    assert inbox.inbox_model.rowCount() == 1
    line = inbox.inbox_model.line(0)
    assert line is not None and line.serial == ref.serial and line.requester_name == "用户staff"
    detail = requests.open_request(branch.archive, manager, ref.id)
    assert [a.filename for a in detail.attachments] == ["身份证.png"]
    assert [(c.label, c.after) for c in detail.changes] == [("手机号码", NEW_MOBILE)]


def test_the_owner_is_sent_to_the_customer_page_instead(
    qtbot: QtBot, branch: Branch, manager: Actor, filed_id: int, make_shell: Any
) -> None:
    page = make_shell(manager).window.show_area("catalogue")
    assert isinstance(page, CataloguePage)
    page.table.selectRow(0)
    assert page.update_button.isVisible() and not page.update_button.isEnabled()
    assert "修改" in page.update_button.toolTip()


# --- attachments and withdrawing --------------------------------------------------------------------


def png_bytes() -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_an_image_attachment_opens_from_memory_and_the_requester_withdraws(
    qtbot: QtBot,
    branch: Branch,
    manager: Actor,
    director: Actor,
    filed_id: int,
    messages: MessageBoxes,
) -> None:
    data = customers.open_customer(branch.archive, manager, filed_id).data
    ref = modification.propose(
        branch.archive,
        manager,
        filed_id,
        dict(data, mobile=NEW_MOBILE),
        note="客户来柜面告知",
        files=[NewAttachment("户口本.png", png_bytes()), NewAttachment("证明.pdf", b"%PDF-1.4\n")],
    )
    ctx = SessionContext(branch.archive, manager)
    view = RequestViewDialog(ctx, requests.open_request(branch.archive, manager, ref.id))
    qtbot.addWidget(view)
    view.show()
    assert view.withdraw_button.isVisible()
    seen: dict[str, Any] = {}

    def look(viewer: QWidget) -> None:
        assert isinstance(viewer, AttachmentViewerDialog)
        seen.setdefault("images", []).append(viewer.has_image)
        seen.setdefault("notes", []).append(viewer.note_label.text())
        viewer.reject()

    for row in (0, 1):
        view.attachment_list.setCurrentRow(row)
        when_visible(AttachmentViewerDialog, look)
        qtbot.mouseClick(view.open_attachment_button, Qt.MouseButton.LeftButton)
    assert seen["images"] == [True, False]
    assert "PDF" in seen["notes"][1]
    # only the image was read out of the archive (each reading is audited)
    assert audit_actions(branch.archive, "manager").count("request.attachment_open") == 1

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("改由客户本人来办")
        dialog.accept()

    when_visible(QInputDialog, give_reason)
    qtbot.mouseClick(view.withdraw_button, Qt.MouseButton.LeftButton)
    assert view.changed
    assert view.header_values["state"].text() == "<b>已撤回</b>"
    assert "改由客户本人来办" in view.closing_label.text()
    assert not view.withdraw_button.isVisible() and not view.approve_button.isVisible()


def test_a_stale_request_says_so_and_its_requester_refreshes_it(
    qtbot: QtBot,
    branch: Branch,
    manager: Actor,
    director: Actor,
    filed_id: int,
    messages: MessageBoxes,
) -> None:
    ref = proposed(branch, manager, filed_id)
    with branch.archive.unit_of_work() as uow:  # another change landed meanwhile
        row = uow.session.get(Customer, filed_id)
        assert row is not None
        row.version += 1
        uow.commit()
    boss = RequestViewDialog(
        SessionContext(branch.archive, director),
        requests.open_request(branch.archive, director, ref.id),
    )
    qtbot.addWidget(boss)
    boss.show()
    assert boss.stale_banner.isVisible() and not boss.refresh_button.isVisible()
    assert not boss.approve_button.isEnabled() and boss.reject_button.isEnabled()

    view = RequestViewDialog(
        SessionContext(branch.archive, manager),
        requests.open_request(branch.archive, manager, ref.id),
    )
    qtbot.addWidget(view)
    view.show()
    assert "须由客户经理刷新" in view.stale_label.text()
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert ref.serial in messages.last().text
    assert not view.stale_banner.isVisible() and view.changed
