"""The destruction dialog and the 销毁清册 tab, driven as a manager and the custodian drive them."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from app.models import Request
from app.security.roles import Role
from app.views.context import SessionContext
from app.views.destruction_dialog import DestructionDialog
from app.views.destruction_register_page import DestructionRegisterPage
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.registers_page import RegistersPage
from app.workflows import destruction, signing
from app.workflows.auth import Actor
from app.workflows.destruction import DestructionItem
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer, resident_id
from tests.integration.test_destruction import LONG_AGO, _filed, _row, _set


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR]),
        "inspector": branch.add_user("inspector", [Role.INSPECTOR]),
        "keeper": branch.login("keeper"),
    }


def _old(branch: Branch, manager: Actor, name: str, seq: str) -> int:
    cid = _filed(branch, manager, farmer(name, resident_id(seq=seq)))
    _set(branch, cid, updated_at=LONG_AGO, created_at=LONG_AGO)
    return cid


def _dialog(qtbot, branch: Branch, actor: Actor) -> DestructionDialog:
    dialog = DestructionDialog(SessionContext(branch.archive, actor))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_ask_then_carry_out_an_approved_destruction(
    qtbot, branch: Branch, people: dict[str, Actor], messages: MessageBoxes
) -> None:
    manager = people["manager"]
    cid = _old(branch, manager, "褚天禄", "258")
    create(branch, manager, farmer("钱未满", resident_id(seq="111")))  # a draft: never due
    archive_no = _row(branch, cid).archive_no

    dialog = _dialog(qtbot, branch, manager)
    assert dialog.due_table.rowCount() == 1
    assert dialog.due_table.item(0, 1).text() == archive_no
    assert dialog.due_table.item(0, 2).text() == "褚*禄"
    assert not dialog.submit_button.isEnabled()
    assert [dialog.method_combos["disk"].itemText(i) for i in range(2)] == ["消磁", "物理销毁"]

    dialog.set_checked(archive_no)
    assert dialog.submit_button.isEnabled() and dialog.selected_label.text() == "已选 1 份档案"
    type_text(qtbot, dialog.note_edit, "保管期满")
    _click(qtbot, dialog.submit_button)
    assert "已提交" in messages.last().text and "XH-" in messages.last().text
    serial = messages.last().text.split("销毁申请 ")[1].split(" ")[0]
    # listed in a request now: its box cannot be ticked again
    assert not (dialog.due_table.item(0, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable)
    assert dialog.approved_table.rowCount() == 0
    dialog.close()

    request_id = _request_id(branch, serial)
    signing.decide(branch.archive, request_id, "director", PASSWORDS["director"], "approve")

    dialog = _dialog(qtbot, branch, manager)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.approved_table.rowCount() == 1
    assert dialog.approved_table.item(0, 1).text() == archive_no
    dialog.approved_table.selectRow(0)
    assert not dialog.carry_out_button.isEnabled()  # names first
    type_text(qtbot, dialog.executors_edit, "赵师傅")
    type_text(qtbot, dialog.witness1_edit, "钱会计")
    type_text(qtbot, dialog.witness2_edit, "钱会计")
    _click(qtbot, dialog.carry_out_button)
    assert messages.last().kind == "warning" and "重复" in messages.last().text
    assert _row(branch, cid).status == "filed"
    dialog.witness2_edit.clear()
    type_text(qtbot, dialog.witness2_edit, "孙出纳")
    _click(qtbot, dialog.carry_out_button)
    assert messages.shown[-2].kind == "question" and "不能撤销" in messages.shown[-2].text
    assert "已销毁 1 份档案" in messages.last().text and "QC-" in messages.last().text
    assert _row(branch, cid).status == "destroyed"
    assert dialog.approved_table.rowCount() == 0 and dialog.due_table.rowCount() == 0
    assert "customer.destroy" in audit_actions(branch.archive, "manager")


def _request_id(branch: Branch, serial: str) -> int:
    with branch.archive.unit_of_work() as uow:
        found = uow.session.scalar(sa.select(Request.id).where(Request.serial == serial))
    assert found is not None, serial
    return int(found)


def test_secret_tier_asks_the_custodian_in_person(
    qtbot, branch: Branch, people: dict[str, Actor], messages: MessageBoxes
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    cid = _filed(
        branch, manager, farmer("端木守密", resident_id(seq="369"), tier="机密"), custodian=keeper
    )
    _set(branch, cid, updated_at=LONG_AGO, created_at=LONG_AGO)
    archive_no = _row(branch, cid).archive_no
    dialog = _dialog(qtbot, branch, keeper)
    assert dialog.due_table.item(0, 4).text() == "机密"
    dialog.set_checked(archive_no)
    _click(qtbot, dialog.submit_button)
    serial = messages.last().text.split("销毁申请 ")[1].split(" ")[0]
    signing.decide(
        branch.archive, _request_id(branch, serial), "director", PASSWORDS["director"], "approve"
    )
    dialog.close()

    dialog = _dialog(qtbot, branch, manager)
    dialog.tabs.setCurrentIndex(1)
    assert "含机密" in dialog.approved_table.item(0, 1).text()
    dialog.approved_table.selectRow(0)
    type_text(qtbot, dialog.executors_edit, "赵师傅")
    type_text(qtbot, dialog.witness1_edit, "钱会计")
    type_text(qtbot, dialog.witness2_edit, "孙出纳")

    # the custodian stays away: nothing happens
    when_visible(InPersonAuthDialog, lambda d: d.reject())
    _click(qtbot, dialog.carry_out_button)
    assert _row(branch, cid).status == "filed"

    def custodian_confirms(auth: Any) -> None:
        auth.login_combo.setCurrentText("keeper")
        auth.password_edit.setText(PASSWORDS["keeper"])
        auth.ok_button.click()

    when_visible(InPersonAuthDialog, custodian_confirms)
    _click(qtbot, dialog.carry_out_button)
    qtbot.waitUntil(lambda: _row(branch, cid).status == "destroyed", timeout=5000)
    assert "已销毁 1 份档案" in messages.last().text


def test_the_register_tab_lists_and_prints(
    qtbot, branch: Branch, people: dict[str, Actor], messages: MessageBoxes
) -> None:
    manager = people["manager"]
    cid = _old(branch, manager, "褚天禄", "258")
    ref = destruction.propose(branch.archive, manager, [DestructionItem(cid, {})])
    signing.decide(branch.archive, ref.id, "director", PASSWORDS["director"], "approve")
    destruction.carry_out(
        branch.archive, manager, ref.id, executors="赵师傅", witnesses=["钱会计", "孙出纳"]
    )

    # the inspector reads the register (no destruction button for them)
    registers = RegistersPage(SessionContext(branch.archive, people["inspector"]))
    qtbot.addWidget(registers)
    titles = [registers.tabs.tabText(i) for i in range(registers.tabs.count())]
    assert "销毁清册" in titles
    registers.tabs.setCurrentIndex(titles.index("销毁清册"))
    registers.show()
    qtbot.waitExposed(registers)
    page = registers.tabs.currentWidget()
    assert isinstance(page, DestructionRegisterPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 1).text() == _row(branch, cid).archive_no
    assert page.table.item(0, 2).text() == "褚*禄"
    assert "赵师傅" in page.table.item(0, 9).text()
    assert not page.destroy_button.isVisible()

    shown: list[str] = []

    def look(preview: Any) -> None:
        shown.append(preview.windowTitle())
        preview._on_print()  # what 打印 reports once the system dialog has printed
        preview.close()

    when_visible(PdfPreviewDialog, look)
    _click(qtbot, page.print_button)
    assert shown == ["销毁清册"]
    assert "destruction.register_print" in audit_actions(branch.archive, "inspector")
    assert not [m for m in messages.shown if m.kind == "warning"]
