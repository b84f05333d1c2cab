"""The catalogue page on a real archive: who sees which name, search, lazy loading, sorting."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from stdnum.cn import ric

from app.models import Customer
from app.security.roles import Role
from app.views.catalogue_model import BATCH
from app.views.catalogue_page import CataloguePage
from app.views.context import SessionContext
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.import_dialog import ImportDialog
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.workflows import customers
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible

YEAR = date.today().year


def resident_id(seq: str = "123") -> str:
    body = "431382" + "19800101" + seq
    return body + ric.calc_check_digit(body + "0")


def farmer(name: str, seq: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "id_type": "居民身份证",
        "id_number": resident_id(seq),
        "mobile": "13807381234",
        "township": "桥头河镇",
        "village": "石门村",
        "household_members": [{"relation": "户主", "name": name}],
        "tier": "普通",
        "retention_years": 30,
        "carriers": [{"kind": "纸质", "cabinet": "A1"}],
        **extra,
    }


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


@pytest.fixture
def director(branch: Branch) -> Actor:
    return branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])


def make_page(qtbot: QtBot, branch: Branch, actor: Actor) -> CataloguePage:
    page = CataloguePage(SessionContext(branch.archive, actor))
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def insert_many(branch: Branch, manager: Actor, count: int) -> None:
    """Catalogue lines straight into main.db (the listing does not need content)."""
    with branch.archive.unit_of_work() as uow:
        for i in range(count):
            uow.session.add(
                Customer(
                    archive_no=f"LY-0101G{YEAR}{i + 1:06d}",
                    category="individual",
                    subtype="farmer",
                    tier="ordinary",
                    status="draft",
                    manager_id=manager.user_id,
                    created_by=manager.user_id,
                    template_version=1,
                    name=f"客户{i:03d}",
                    name_masked="客**",
                    retrieval_remarks="",
                    # the least complete line is the very last archive number
                    completeness=0 if i == count - 1 else 10 + i % 90,
                )
            )
        uow.commit()


def click_header(qtbot: QtBot, page: CataloguePage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


# --- who sees what ------------------------------------------------------------------------------


def test_a_director_sees_only_the_masked_line_and_cannot_open(
    qtbot: QtBot, branch: Branch, manager: Actor, director: Actor, messages: MessageBoxes
) -> None:
    ref = customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="farmer",
        data=farmer("张三丰", "123"),
    )
    page = make_page(qtbot, branch, director)
    assert page.hint_label.isVisible()
    assert "查阅申请" in page.hint_label.text()
    assert not page.new_button.isVisible()
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "共 1 户"
    line = page.model.line(0)
    assert (line.archive_no, line.display_name, line.can_open) == (ref.archive_no, "张*丰", False)
    assert page.model.index(0, 3).data() == "张*丰"
    page.table.selectRow(0)
    assert not page.open_button.isEnabled()
    # Enter on the line asks the workflow, which refuses and records the attempt
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert "查阅申请" in messages.last().text
    assert audit_actions(branch.archive, "director")[-1] == "customer.open_refused"

    # a part of the name finds nothing; the full name finds the masked line
    type_text(qtbot, page.search_edit, "张三")
    qtbot.waitUntil(lambda: page.model.current_filter.query == "张三")
    assert page.model.rowCount() == 0 and page.count_label.text() == "共 0 户"
    type_text(qtbot, page.search_edit, "丰")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.line(0).display_name == "张*丰"


def test_the_owner_sees_the_name_and_opens_with_enter(
    qtbot: QtBot, branch: Branch, manager: Actor
) -> None:
    customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="farmer",
        data=farmer("张三丰", "123"),
    )
    page = make_page(qtbot, branch, manager)
    assert not page.hint_label.isVisible() and page.new_button.isVisible()
    assert page.model.line(0).display_name == "张三丰"
    page.table.selectRow(0)
    assert page.open_button.isEnabled()
    seen: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, CustomerViewDialog)
        seen.append(dialog.value_labels["name"].text())
        dialog.accept()

    when_visible(CustomerViewDialog, read)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert seen == ["张三丰"]


def test_a_secret_line_opens_for_its_owner_with_a_custodian(
    qtbot: QtBot, branch: Branch, manager: Actor
) -> None:
    keeper = branch.login("keeper")
    ref = customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="farmer",
        data=farmer("欧阳秘", "357", tier="机密"),
        custodian=keeper,
    )
    page = make_page(qtbot, branch, manager)
    line = page.model.line(0)
    assert (line.display_name, line.retrieval_remarks) == ("", "机密")
    assert page.model.index(0, 8).data() == "机密"
    seen: list[str] = []

    def custodian(dialog: QWidget) -> None:
        assert isinstance(dialog, InPersonAuthDialog)
        when_visible(CustomerViewDialog, read)
        dialog.login_combo.setCurrentIndex(dialog.login_combo.findText("keeper"))
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["keeper"])
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, CustomerViewDialog)
        seen.append(dialog.value_labels["name"].text())
        dialog.accept()

    when_visible(InPersonAuthDialog, custodian)
    page.table.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert seen == ["欧阳秘"]
    assert page.model.line(0).archive_no == ref.archive_no


def test_the_administrator_has_no_catalogue(qtbot: QtBot, branch: Branch) -> None:
    page = make_page(qtbot, branch, branch.admin)
    assert page.no_permission_label.isVisible()
    assert not page.content.isVisible()
    assert page.model.rowCount() == 0


# --- search and filters ---------------------------------------------------------------------------


def test_typing_searches_once_per_pause(qtbot: QtBot, branch: Branch, manager: Actor) -> None:
    for name, seq in (("张三丰", "123"), ("李四", "135"), ("张无忌", "147")):
        customers.create_customer(
            branch.archive, manager, category="individual", subtype="farmer", data=farmer(name, seq)
        )
    page = make_page(qtbot, branch, manager)
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search_edit, "zsf")
    qtbot.waitUntil(lambda: page.model.current_filter.query == "zsf")
    assert [page.model.line(i).display_name for i in range(page.model.rowCount())] == ["张三丰"]
    assert audit_actions(branch.archive, "manager").count("catalogue.search") == 1
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.current_filter.query is None)
    assert page.model.rowCount() == 3

    # filters combine; the sub-types follow the category
    page.category_combo.setCurrentIndex(page.category_combo.findText("单位客户"))
    assert page.subtype_combo.findText("农户") < 0
    assert page.model.rowCount() == 0 and page.count_label.text() == "共 0 户"
    page.category_combo.setCurrentIndex(page.category_combo.findText("个人客户"))
    page.subtype_combo.setCurrentIndex(page.subtype_combo.findText("农户"))
    assert page.model.rowCount() == 3
    page.tier_combo.setCurrentIndex(page.tier_combo.findText("机密"))
    assert page.model.rowCount() == 0
    page.tier_combo.setCurrentIndex(0)
    page.manager_combo.setCurrentIndex(page.manager_combo.findText("用户manager"))
    assert page.model.rowCount() == 3
    page.incomplete_box.setChecked(True)
    assert page.model.rowCount() == 0


# --- a long catalogue --------------------------------------------------------------------------------


def test_the_list_loads_in_batches_as_it_scrolls(
    qtbot: QtBot, branch: Branch, manager: Actor
) -> None:
    insert_many(branch, manager, 450)
    page = make_page(qtbot, branch, manager)
    assert page.model.rowCount() == BATCH
    assert page.model.total == 450 and page.count_label.text() == "共 450 户"
    seen = [BATCH]
    for _ in range(10):
        if not page.model.canFetchMore():
            break
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda: page.model.rowCount() > seen[-1])
        seen.append(page.model.rowCount())
    assert seen == [200, 400, 450]
    assert page.model.line(449).archive_no == f"LY-0101G{YEAR}000450"


def test_clicking_a_header_asks_the_archive_again_in_that_order(
    qtbot: QtBot, branch: Branch, manager: Actor
) -> None:
    insert_many(branch, manager, 450)
    page = make_page(qtbot, branch, manager)
    assert page.model.line(0).archive_no.endswith("000001")
    click_header(qtbot, page, 7)  # 完整度
    qtbot.waitUntil(lambda: page.model.order == ("completeness", False))
    # the least complete line was number 450, never loaded before: the archive sorted
    assert page.model.line(0).archive_no.endswith("000450")
    assert page.model.line(0).completeness == 0
    assert page.model.rowCount() == BATCH
    click_header(qtbot, page, 7)
    qtbot.waitUntil(lambda: page.model.order == ("completeness", True))
    assert page.model.line(0).completeness == 99
    click_header(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.model.order[0] == "archive_no")
    assert page.model.line(0).archive_no.endswith(("000001", "000450"))


def test_a_new_archive_from_the_page_is_selected_after_saving(
    qtbot: QtBot, branch: Branch, manager: Actor
) -> None:
    page = make_page(qtbot, branch, manager)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CustomerFormDialog)
        type_text(qtbot, dialog.fields["name"].widget, "新客户")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_visible(CustomerFormDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    selected = page.selected_line()
    assert selected is not None and selected.display_name == "新客户"
    assert selected.status_label == "草稿"


def test_import_and_export_are_offered_to_managers_only(
    qtbot: QtBot, branch: Branch, manager: Actor, director: Actor
) -> None:
    page = make_page(qtbot, branch, manager)
    assert page.import_button.isVisible() and page.export_button.isVisible()
    seen: list[str] = []

    def look(dialog: QWidget) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()  # type: ignore[attr-defined]

    when_visible(ImportDialog, look)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1

    other = make_page(qtbot, branch, director)
    assert not other.import_button.isVisible()
    assert not other.export_button.isVisible()
