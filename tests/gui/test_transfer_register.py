"""The 收发传递登记 tab: record a transfer and its return through the dialog, see what is overdue."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.models.base import utcnow
from app.security.roles import Role
from app.views.context import SessionContext
from app.views.registers_page import RegistersPage
from app.views.transfer_dialog import TransferDialog
from app.views.transfer_register_page import OVERDUE_COLOUR, TransferRegisterPage
from app.workflows import customers, transfers
from app.workflows.transfers import NewTransfer
from tests.conftest import Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer


def tab(page: RegistersPage, title: str) -> QWidget | None:
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    return page.tabs.widget(titles.index(title)) if title in titles else None


def ok(dialog: TransferDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_record_and_return_a_transfer_through_the_dialog(
    qtbot: QtBot, branch: Branch, messages: MessageBoxes
) -> None:
    branch.add_user("staff", [Role.STAFF])
    manager = branch.add_user("manager", [Role.MANAGER])
    ref = create(branch, manager, farmer())
    customers.file_customer(branch.archive, manager, ref.id)
    page = RegistersPage(SessionContext(branch.archive, manager))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    register = tab(page, "收发传递登记")
    assert isinstance(register, TransferRegisterPage)
    assert register.model.rowCount() == 0 and not register.return_button.isEnabled()

    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TransferDialog)
        type_text(qtbot, dialog.item_edit, "贷款档案原件 1 卷")
        type_text(qtbot, dialog.archive_edit, ref.archive_no)
        qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
        seen["carrier"] = dialog.carrier_combo.currentText()
        dialog.responsible_combo.setCurrentIndex(dialog.responsible_combo.findData("staff"))
        type_text(qtbot, dialog.from_edit, "信用社档案室")
        type_text(qtbot, dialog.to_edit, "联社稽核部")
        # no safety measures yet: refused, and the dialog keeps what was typed
        ok(dialog)
        seen["refusal"] = messages.last().text
        seen["still_open"] = dialog.isVisible()
        type_text(qtbot, dialog.measures_edit, "密封袋封装,专人随身携带")
        ok(dialog)

    when_visible(TransferDialog, fill)
    qtbot.mouseClick(register.record_button, Qt.MouseButton.LeftButton)
    assert "安全措施" in str(seen["refusal"]) and seen["still_open"] is True
    assert seen["carrier"] == "纸质 柜 A1 / 盒 12 / 卷 3"
    assert register.model.rowCount() == 1
    line = register.model.line(0)
    assert line is not None
    assert (line.item, line.responsible_login, line.safety_measures) == (
        "贷款档案原件 1 卷",
        "staff",
        "密封袋封装,专人随身携带",
    )
    assert line.archive_no == ref.archive_no and line.carrier_location == "柜 A1 / 盒 12 / 卷 3"
    assert line.expected_return is not None and line.status == "out"
    assert register.model.text(line, 0) == "未归还"
    assert register.return_button.isEnabled()  # the new line is selected

    def give_back(dialog: QWidget) -> None:
        assert isinstance(dialog, TransferDialog)
        type_text(qtbot, dialog.note_edit, "原件完好")
        ok(dialog)

    when_visible(TransferDialog, give_back)
    qtbot.mouseClick(register.return_button, Qt.MouseButton.LeftButton)
    line = register.model.line(0)
    assert line is not None and line.status == "returned" and line.return_note == "原件完好"
    assert register.model.text(line, 0) == "已归还" and register.model.text(line, 11)
    assert not register.return_button.isEnabled()
    actions = audit_actions(branch.archive, "manager")
    assert actions[-2:] == ["transfer.record", "transfer.return"]


def test_overdue_lines_are_marked_in_words_and_counted(qtbot: QtBot, branch: Branch) -> None:
    staff = branch.add_user("staff", [Role.STAFF])
    now = utcnow()
    late = transfers.record(
        branch.archive,
        staff,
        NewTransfer(
            kind="carry",
            item="客户资料光盘 1 张",
            responsible_login="staff",
            from_place="档案室",
            to_place="县联社",
            safety_measures="加密光盘,专人携带",
            out_at=now - timedelta(days=3),
            expected_return=now - timedelta(days=1),
        ),
    )
    transfers.record(
        branch.archive,
        staff,
        NewTransfer(
            kind="send",
            item="回复函",
            responsible_login="staff",
            from_place="信用社",
            to_place="法院",
            safety_measures="机要邮寄",
            out_at=now - timedelta(hours=1),
        ),
    )
    register = TransferRegisterPage(SessionContext(branch.archive, staff))
    qtbot.addWidget(register)
    assert register.model.rowCount() == 2
    row = register.model.row_of(late.id)
    index = register.model.index(row, 0)
    assert register.model.data(index) == "⚠ 逾期未归还"
    brush = register.model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE_COLOUR
    font = register.model.data(register.model.index(row, 2), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    other = register.model.index(1 - row, 0)
    assert register.model.data(other) == "无须归还"
    assert register.model.data(other, Qt.ItemDataRole.FontRole) is None
    assert register.overdue_label.text() == "⚠ 逾期未归还 1 项"
    register.filter_combo.setCurrentIndex(register.filter_combo.findData("overdue"))
    assert register.model.rowCount() == 1 and register.model.line(0).id == late.id  # type: ignore[union-attr]


def test_each_register_shows_for_the_people_who_keep_or_approve_it(
    qtbot: QtBot, branch: Branch
) -> None:
    director = branch.add_user("director", [Role.DIRECTOR])
    staff = branch.add_user("staff", [Role.STAFF])
    inspector = branch.add_user("inspector", [Role.INSPECTOR])
    pages = {}
    for actor in (director, staff, inspector):
        page = RegistersPage(SessionContext(branch.archive, actor))
        qtbot.addWidget(page)
        pages[actor.login] = page
    assert tab(pages["director"], "收发传递登记") is None
    assert tab(pages["director"], "对外提供登记") is not None
    assert tab(pages["staff"], "收发传递登记") is not None
    assert tab(pages["staff"], "对外提供登记") is not None
    assert tab(pages["inspector"], "收发传递登记") is None
    assert tab(pages["inspector"], "对外提供登记") is None
