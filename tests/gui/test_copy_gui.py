"""复制摘录 in the program: the request through its form, the watermarked export, the guard.

Real widgets on a real archive: a staff member asks, the owning manager
signs, the export lands with the request's serial in it; the copy key, the
text fields' menus and dragging out of a text area copy nothing from a
customer's pages; a permitted copy leaves the clipboard after its time and
when the screen locks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.security.roles import Role
from app.views import copy_actions, copy_guard
from app.views.context import SessionContext
from app.views.copy_page import CopyPage
from app.views.copy_request_dialog import CopyRequestDialog
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.customer_view_dialog import CustomerViewDialog
from app.workflows import copying, customers, requests, signing
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer


@pytest.fixture
def people(branch: Branch) -> dict[str, object]:
    manager = branch.add_user("manager", [Role.MANAGER])
    staff = branch.add_user("staff", [Role.STAFF])
    branch.add_user("director", [Role.DIRECTOR])
    ref = create(branch, manager, farmer())
    customers.file_customer(branch.archive, manager, ref.id)
    return {"manager": manager, "staff": staff, "customer": ref}


def clipboard() -> str:
    return QApplication.clipboard().text()


def test_a_staff_copy_request_approved_then_the_export_is_watermarked(
    qtbot: QtBot,
    branch: Branch,
    people: dict[str, object],
    messages: MessageBoxes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ref = people["customer"]
    page = CopyPage(SessionContext(branch.archive, people["staff"]))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.empty_label.isVisible() and not page.excel_button.isEnabled()

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, CopyRequestDialog)
        assert not widget.own_button.isVisible()  # staff own no customers
        type_text(qtbot, widget.picker.archive_edit, ref.archive_no)  # type: ignore[attr-defined]
        qtbot.mouseClick(widget.picker.add_button, Qt.MouseButton.LeftButton)
        widget.picker.set_checked({"name", "village"})
        widget.form_boxes["excel"].setChecked(True)
        type_text(qtbot, widget.purpose_edit, "报送县联社授信审查材料")
        widget.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_visible(CopyRequestDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert "已提交" in messages.last().text
    found = re.search(r"FZ-\d{4}-\d+", messages.last().text)
    assert found is not None
    serial = found.group(0)
    assert page.empty_label.isVisible()  # waiting for approval: nothing to make yet

    (request_id,) = [
        line.id
        for line in requests.mine(branch.archive, people["staff"])  # type: ignore[arg-type]
        if line.serial == serial
    ]
    signing.decide(branch.archive, request_id, "manager", PASSWORDS["manager"], "approve")
    page.refresh()
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == serial
    assert page.excel_button.isEnabled() and not page.pdf_button.isEnabled()

    out = tmp_path / "复制件.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    assert "已导出 1 户" in messages.last().text
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert serial in str(rows[0][0]) and "用户staff" in str(rows[0][0])
    assert "张三丰" in rows[2] and "石门村" in rows[2]
    assert "copy.produce" in audit_actions(branch.archive, "staff")


def _open_record(branch: Branch, people: dict[str, object], qtbot: QtBot) -> CustomerViewDialog:
    manager = people["manager"]
    content = customers.open_customer(branch.archive, manager, people["customer"].id)  # type: ignore[arg-type, attr-defined]
    dialog = CustomerViewDialog(SessionContext(branch.archive, manager), content)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_copy_button_without_a_permit_refuses_and_offers_the_request(
    qtbot: QtBot, branch: Branch, people: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open_record(branch, people, qtbot)
    QApplication.clipboard().setText("别的内容")
    offered: list[str] = []

    def refuse(widget: QWidget) -> None:
        offered.append(widget.text())  # type: ignore[attr-defined]
        widget.close()

    when_visible(QMessageBox, refuse)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert offered and "复制摘录申请" in offered[0]
    assert clipboard() == "别的内容"
    assert audit_actions(branch.archive, "manager")[-1] == "copy.refused"


def test_the_copy_key_menus_and_drag_copy_nothing_from_customer_content(
    qtbot: QtBot, branch: Branch, people: dict[str, object]
) -> None:
    manager = people["manager"]
    content = customers.open_customer(branch.archive, manager, people["customer"].id)  # type: ignore[arg-type, attr-defined]
    form = CustomerFormDialog(SessionContext(branch.archive, manager), None, content=content)  # type: ignore[arg-type]
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    guard = copy_guard.install()
    edits = [e for e in form.findChildren(QLineEdit) if e.isVisible() and "张三丰" in e.text()]
    assert edits, "the name field should show the name"
    edit = edits[0]
    QApplication.clipboard().setText("别的内容")
    edit.setFocus()
    edit.selectAll()
    before = guard.refused
    qtbot.keySequence(edit, QKeySequence.StandardKey.Copy)
    qtbot.keySequence(edit, QKeySequence.StandardKey.Cut)
    assert clipboard() == "别的内容" and edit.text() == "张三丰"
    assert guard.refused == before + 2
    menu = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), edit.mapToGlobal(QPoint(5, 5))
    )
    assert QApplication.sendEvent(edit, menu)  # swallowed by the guard: no menu with 复制
    assert guard.refused == before + 3
    assert not edit.dragEnabled()
    # the same keys work outside customer content
    plain = QLineEdit("普通文字")
    qtbot.addWidget(plain)
    plain.show()
    plain.selectAll()
    qtbot.keySequence(plain, QKeySequence.StandardKey.Copy)
    assert clipboard() == "普通文字"


def test_a_permitted_copy_is_watermarked_and_leaves_the_clipboard_again(
    qtbot: QtBot,
    make_shell,
    branch: Branch,
    people: dict[str, object],
    messages: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    staff = people["staff"]
    customer_id = people["customer"].id  # type: ignore[attr-defined]
    ref = copying.apply(
        branch.archive,
        staff,
        [customer_id],
        field_keys=["name"],
        forms=["clipboard"],  # type: ignore[arg-type]
        purpose="核对户主姓名",
    )
    signing.decide(branch.archive, ref.id, "manager", PASSWORDS["manager"], "approve")
    shell = make_shell(staff)
    monkeypatch.setattr(copy_guard, "CLEAR_AFTER_MS", 300)
    assert copy_actions.copy_to_clipboard(shell.ctx, shell.window, customer_id)
    text = clipboard()
    assert "张三丰" in text and ref.serial in text.splitlines()[0]
    assert "秒后自动清空" in messages.last().text
    qtbot.waitUntil(lambda: clipboard() == "", timeout=3_000)
    # copied again, then the screen locks: gone at once
    monkeypatch.setattr(copy_guard, "CLEAR_AFTER_MS", 3_600_000)
    assert copy_actions.copy_to_clipboard(shell.ctx, shell.window, customer_id)
    assert "张三丰" in clipboard()
    shell.lock.lock()
    assert clipboard() == ""


def test_the_timer_leaves_alone_what_the_person_copied_since(qtbot: QtBot, monkeypatch) -> None:
    monkeypatch.setattr(copy_guard, "CLEAR_AFTER_MS", 200)
    copy_guard.put_on_clipboard("【复制件】档案内容")
    QApplication.clipboard().setText("自己的笔记")
    qtbot.wait(500)
    assert clipboard() == "自己的笔记"
    copy_guard.put_on_clipboard("【复制件】档案内容")
    qtbot.waitUntil(lambda: clipboard() == "", timeout=3_000)
