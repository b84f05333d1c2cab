"""The customer form driven as a manager drives it: real keystrokes into real widgets.

Chinese goes in as an input method commits it (type_text); tables are edited
through their cell editors and committed with Enter, which must never submit
the dialog.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from stdnum.cn import ric

from app.models import Customer
from app.security.roles import Role
from app.views.catalogue_page import CataloguePage
from app.views.context import SessionContext
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.workflows import customers
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible


def resident_id(birth: str = "19800101", seq: str = "123") -> str:
    body = "431382" + birth + seq
    return body + ric.calc_check_digit(body + "0")


GOOD_ID = resident_id()
#: the same number with a wrong check digit
BAD_ID = GOOD_ID[:-1] + ("1" if GOOD_ID[-1] != "1" else "2")


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


@pytest.fixture
def ctx(branch: Branch, manager: Actor) -> SessionContext:
    return SessionContext(branch.archive, manager)


@pytest.fixture
def form(qtbot: QtBot, ctx: SessionContext) -> CustomerFormDialog:
    dialog = CustomerFormDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def line_edit(form: CustomerFormDialog, key: str) -> QLineEdit:
    widget = form.fields[key].widget
    assert isinstance(widget, QLineEdit)
    return widget


def choose(qtbot: QtBot, form: CustomerFormDialog, key: str, text: str) -> None:
    """Pick an option with the keyboard: focus the combo and type until it is chosen."""
    combo = form.fields[key].widget
    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    while combo.currentIndex() != index:
        key_ = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key_)


def cell_editor(table: QTableWidget) -> QWidget:
    editors = [
        w
        for w in table.viewport().findChildren(QWidget)
        if isinstance(w, QLineEdit | QComboBox) and w.isVisible()
    ]
    assert editors, "no cell editor open"
    return editors[-1]


def edit_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Open the cell's editor, type (or choose) ``text`` and commit with Enter."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = cell_editor(table)
    if isinstance(editor, QComboBox):
        index = editor.findText(text)
        assert index >= 0, text
        while editor.currentIndex() != index:
            qtbot.keyClick(editor, Qt.Key.Key_Down)
    else:
        type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)


def fill_farmer(qtbot: QtBot, form: CustomerFormDialog, id_number: str = GOOD_ID) -> None:
    type_text(qtbot, line_edit(form, "name"), "张三丰")
    choose(qtbot, form, "gender", "男")
    choose(qtbot, form, "id_type", "居民身份证")
    type_text(qtbot, line_edit(form, "id_number"), id_number)
    type_text(qtbot, line_edit(form, "mobile"), "13807381234")
    type_text(qtbot, line_edit(form, "township"), "桥头河镇")
    type_text(qtbot, line_edit(form, "village"), "石门村")
    type_text(qtbot, line_edit(form, "group_no"), "3组")
    members = form.groups["household_members"]
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, members.table, 0, 0, "户主")
    edit_cell(qtbot, members.table, 0, 1, "张三丰")
    type_text(qtbot, line_edit(form, "retention_years"), "30")
    carriers = form.groups["carriers"]
    qtbot.mouseClick(carriers.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, carriers.table, 0, 0, "纸质")
    edit_cell(qtbot, carriers.table, 0, 1, "A1")
    edit_cell(qtbot, carriers.table, 0, 2, "12")


def stored(branch: Branch) -> list[Customer]:
    with branch.archive.unit_of_work() as uow:
        rows = list(uow.session.scalars(sa.select(Customer).order_by(Customer.id)))
        uow.session.expunge_all()
        return rows


# --- filling in ------------------------------------------------------------------------------------


def test_the_form_is_the_template_of_the_chosen_kind(
    qtbot: QtBot, form: CustomerFormDialog
) -> None:
    assert form.category == "individual" and form.subtype == "farmer"
    assert {"name", "id_number", "mobile", "township", "total_assets"} <= set(form.fields)
    assert {"household_members", "assets", "carriers"} <= set(form.groups)
    assert form.fields["name"].label.text() == "姓名 *"
    assert form.fields["id_number"].widget.toolTip()  # help text as tooltip
    assert form.fields["total_assets"].widget.focusPolicy() == Qt.FocusPolicy.NoFocus
    # preset kinds fill the first column, read-only
    assets = form.groups["assets"].table
    assert assets.item(0, 0).text() == "房产"
    assert not assets.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert form.fields["tier"].value() == "普通"
    assert form.width() <= 1366 and form.height() <= 768
    # Tab follows the form's order, past the computed totals
    assert line_edit(form, "name").nextInFocusChain() is form.fields["gender"].widget
    assert form.groups["assets"].remove_button.nextInFocusChain() is not (
        form.fields["total_assets"].widget
    )
    # another category lays out its own sections, keeping what was typed
    type_text(qtbot, line_edit(form, "name"), "涟源市某某合作社")
    form.category_combo.setCurrentIndex(form.category_combo.findData("organisation"))
    assert "credit_code" in form.fields and "id_number" not in form.fields
    assert form.fields["name"].value() == "涟源市某某合作社"
    assert form.subtype_combo.currentData() == "enterprise"


def test_errors_show_at_the_field_as_one_types_and_completeness_follows(
    qtbot: QtBot, form: CustomerFormDialog
) -> None:
    start = form.completeness_bar.value()
    type_text(qtbot, line_edit(form, "name"), "张三丰")
    assert form.completeness_bar.value() > start
    choose(qtbot, form, "id_type", "居民身份证")
    id_edit = line_edit(form, "id_number")
    type_text(qtbot, id_edit, BAD_ID)
    error = form.fields["id_number"].error_label
    assert error.isVisibleTo(form) and "校验位" in error.text()
    assert BAD_ID not in error.text()
    # correct the last digit: the message goes
    qtbot.keyClick(id_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(id_edit, GOOD_ID[-1])
    assert not error.isVisibleTo(form)
    before = form.completeness_bar.value()
    type_text(qtbot, line_edit(form, "mobile"), "1380738")
    assert "11 位" in form.fields["mobile"].error_label.text()
    qtbot.keyClicks(line_edit(form, "mobile"), "1234")
    assert not form.fields["mobile"].error_label.isVisibleTo(form)
    assert form.completeness_bar.value() > before
    assert form.completeness_bar.text() == f"完整度 {form.completeness_bar.value()}%"


def test_asset_values_update_the_computed_totals(qtbot: QtBot, form: CustomerFormDialog) -> None:
    assets = form.groups["assets"].table
    edit_cell(qtbot, assets, 0, 2, "200000")  # 房产
    assert line_edit(form, "total_assets").text() == "200000.00"
    edit_cell(qtbot, assets, 5, 2, "35000.5")  # 存款
    assert line_edit(form, "total_assets").text() == "235000.50"
    operations = form.groups["operations"].table
    edit_cell(qtbot, operations, 0, 1, "30000")
    expenses = form.groups["expenses"].table
    edit_cell(qtbot, expenses, 0, 1, "12000")
    assert line_edit(form, "net_household_income").text() == "18000.00"
    edit_cell(qtbot, assets, 1, 2, "-5")
    assert assets.item(1, 2).toolTip()  # the bad cell carries its message
    assert form.groups["assets"].error_label.isVisibleTo(form)
    assert form.isVisible()  # Enter in the tables never submitted the form


def test_a_manager_fills_saves_finds_and_opens_a_farmer(
    qtbot: QtBot, branch: Branch, ctx: SessionContext, messages: MessageBoxes
) -> None:
    page = CataloguePage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.new_button.isVisible() and not page.hint_label.isVisible()
    done: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CustomerFormDialog)
        fill_farmer(qtbot, dialog)
        assets = dialog.groups["assets"].table
        edit_cell(qtbot, assets, 0, 2, "200000")
        edit_cell(qtbot, assets, 5, 2, "35000.5")
        assert line_edit(dialog, "total_assets").text() == "235000.50"
        assert dialog.completeness_bar.value() == 100
        qtbot.keyClick(dialog.groups["assets"].table, Qt.Key.Key_Return)
        assert dialog.isVisible()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        done.append("saved")

    when_visible(CustomerFormDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert done == ["saved"]
    [row] = stored(branch)
    assert (row.name, row.identity_no, row.status, row.completeness) == (
        "张三丰",
        GOOD_ID,
        "draft",
        100,
    )
    assert f"档案编号 {row.archive_no}" in messages.last().text

    # find it by part of the name
    type_text(qtbot, page.search_edit, "三丰")
    assert page.search_timer.isActive()  # the search waits for the typing to pause
    # the catalogue already shows this one customer: wait for the search itself to have run
    qtbot.waitUntil(
        lambda: (
            not page.search_timer.isActive()
            and page.model.rowCount() == 1
            and page.model.total == 1
        )
    )
    assert page.model.line(0).display_name == "张三丰"
    assert page.count_label.text() == "共 1 户"
    page.table.selectRow(0)
    assert page.open_button.isEnabled()
    seen: dict[str, Any] = {}

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, CustomerViewDialog)
        seen["name"] = dialog.value_labels["name"].text()
        seen["id"] = dialog.value_labels["id_number"].text()
        seen["member"] = dialog.tables["household_members"].item(0, 1).text()
        seen["assets"] = dialog.value_labels["total_assets"].text()
        seen["carrier"] = dialog.carrier_table.item(0, 1).text()
        seen["buttons"] = (dialog.edit_button.isVisible(), dialog.file_button.isVisible())
        dialog.accept()

    when_visible(CustomerViewDialog, read)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "name": "张三丰",
        "id": GOOD_ID,
        "member": "张三丰",
        "assets": "235000.50",
        "carrier": "柜 A1 / 盒 12",
        "buttons": (True, True),
    }
    assert audit_actions(branch.archive, "manager")[-1] == "customer.open"


def test_saving_with_a_bad_id_shows_the_problem_at_the_field(
    qtbot: QtBot, branch: Branch, form: CustomerFormDialog
) -> None:
    fill_farmer(qtbot, form, id_number=BAD_ID)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert "校验位" in form.fields["id_number"].error_label.text()
    assert "1 处" in form.status_label.text()
    assert stored(branch) == []


def test_a_duplicate_id_names_the_existing_archive(
    qtbot: QtBot, branch: Branch, manager: Actor, form: CustomerFormDialog, messages: MessageBoxes
) -> None:
    other = customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="farmer",
        data={"name": "张三", "id_type": "居民身份证", "id_number": GOOD_ID},
    )
    fill_farmer(qtbot, form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert other.archive_no in messages.last().text
    assert other.archive_no in form.fields["id_number"].error_label.text()
    assert len(stored(branch)) == 1


def test_save_and_file_files_a_complete_archive_and_explains_an_incomplete_one(
    qtbot: QtBot, branch: Branch, form: CustomerFormDialog, messages: MessageBoxes
) -> None:
    type_text(qtbot, line_edit(form, "name"), "李四")
    qtbot.mouseClick(form.file_button, Qt.MouseButton.LeftButton)
    # saved as a draft, but not filed: the dialog stays, saying what is missing
    assert form.isVisible()
    assert form.saved is not None and form.saved.status == "draft"
    assert "手机号码" in messages.last().text
    # completing it and filing again updates the same draft
    fill_farmer(qtbot, form)
    line_edit(form, "name").clear()
    type_text(qtbot, line_edit(form, "name"), "李四")
    qtbot.mouseClick(form.file_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    [row] = stored(branch)
    assert (row.name, row.status) == ("李四", "filed")


def test_escape_asks_before_throwing_away_what_was_typed(
    qtbot: QtBot, ctx: SessionContext, messages: MessageBoxes
) -> None:
    empty = CustomerFormDialog(ctx)
    qtbot.addWidget(empty)
    empty.show()
    qtbot.keyClick(empty, Qt.Key.Key_Escape)
    assert not empty.isVisible() and messages.shown == []

    typed = CustomerFormDialog(ctx)
    qtbot.addWidget(typed)
    typed.show()
    type_text(qtbot, typed.fields["name"].widget, "王五")
    qtbot.keyClick(line_edit(typed, "name"), Qt.Key.Key_Escape)
    assert messages.last().kind == "question"
    assert not typed.isVisible()


def test_enter_moves_on_and_never_saves(
    qtbot: QtBot, branch: Branch, form: CustomerFormDialog
) -> None:
    type_text(qtbot, line_edit(form, "name"), "赵六")
    qtbot.keyClick(line_edit(form, "name"), Qt.Key.Key_Return)
    assert form.isVisible()
    assert stored(branch) == []


def test_a_secret_archive_is_saved_with_a_custodian_present(
    qtbot: QtBot, branch: Branch, form: CustomerFormDialog
) -> None:
    fill_farmer(qtbot, form)
    choose(qtbot, form, "tier", "机密")

    def confirm_in_person(dialog: QWidget) -> None:
        assert isinstance(dialog, InPersonAuthDialog)
        dialog.login_combo.setCurrentIndex(dialog.login_combo.findText("keeper"))
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["keeper"])
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(InPersonAuthDialog, confirm_in_person)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    [row] = stored(branch)
    assert (row.tier, row.name, row.content, row.retrieval_remarks) == (
        "secret",
        None,
        None,
        "机密",
    )
