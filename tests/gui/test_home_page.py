"""The home page as people use it: what needs them, each line a link into the right area.

Real archives, real main windows, real clicks and key presses: a line is
activated with the mouse or with Enter, and the window shows the area and,
there, the request opened, the register line, grant or record selected.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.models.base import utcnow
from app.security.roles import Role
from app.views.approvals_page import ApprovalsPage
from app.views.catalogue_page import CataloguePage
from app.views.consultation_page import ConsultationPage
from app.views.home_page import HomePage, ItemLink
from app.views.incidents_page import IncidentsPage
from app.views.registers_page import RegistersPage
from app.views.request_view_dialog import RequestViewDialog
from app.views.transfer_register_page import TransferRegisterPage
from app.workflows import customers, incidents, modification, transfers
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.gui.conftest import when_visible
from tests.integration.test_consultation import granted
from tests.integration.test_customers import create, farmer, resident_id
from tests.integration.test_transfers import carry


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "service": branch.add_user("service", [Role.SERVICE_HEAD]),
    }


def filed(branch: Branch, manager: Actor, seq: str, name: str = "张三丰") -> customers.CustomerRef:
    ref = create(branch, manager, farmer(name, resident_id(seq=seq)))
    return customers.file_customer(branch.archive, manager, ref.id)


def home_of(make_shell, actor: Actor):
    shell = make_shell(actor)
    home = shell.window.stack.currentWidget()
    assert isinstance(home, HomePage)
    return shell, home


def selected_row(table: QTableView) -> int:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def test_a_click_opens_the_request_waiting_for_the_director(
    qtbot: QtBot, make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    ref = filed(branch, manager, "101")
    data = customers.open_customer(branch.archive, manager, ref.id).data
    asked = modification.propose(branch.archive, manager, ref.id, dict(data, mobile="13907380001"))

    shell, home = home_of(make_shell, people["director"])
    assert home.section_labels["inbox"].text() == "待我审批"
    assert home.texts("inbox")[0] == "1 件申请等待您审批。"
    link = home.link(asked.serial)
    assert link.isVisible() and ref.archive_no in link.text
    assert "张三丰" not in " ".join(home.texts())

    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, RequestViewDialog)
        seen["serial"] = dialog.detail.line.serial
        seen["area"] = shell.window.current_area()
        dialog.close()

    when_visible(RequestViewDialog, look)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert seen == {"serial": asked.serial, "area": "approvals"}
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ApprovalsPage)
    assert page.inbox_model.line(selected_row(page.inbox_table)).id == asked.id  # type: ignore[union-attr]


def test_enter_on_an_overdue_transfer_selects_it_in_the_register(
    qtbot: QtBot, make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    now = utcnow()
    late = transfers.record(
        branch.archive,
        people["manager"],
        carry(out_at=now - timedelta(days=3), expected_return=now - timedelta(days=1)),
    )
    transfers.record(branch.archive, people["manager"], carry(responsible_login="manager"))
    shell, home = home_of(make_shell, people["staff"])
    assert home.section_labels["overdue"].text() == "⚠ 逾期未还"
    link = home.link("外出携带")
    assert link.tag_label.text() == "紧急" and link.tag_label.isVisible()

    link.setFocus()
    qtbot.waitUntil(link.hasFocus)
    qtbot.keyClick(link, Qt.Key.Key_Return)

    assert shell.window.current_area() == "registers"
    page = shell.window.stack.currentWidget()
    assert isinstance(page, RegistersPage)
    register = page.tabs.currentWidget()
    assert isinstance(register, TransferRegisterPage)
    assert register.selected() is not None and register.selected().id == late.id  # type: ignore[union-attr]


def test_incomplete_archives_open_the_catalogue_filtered_to_them(
    qtbot: QtBot, make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    filed(branch, manager, "201", "李秀英")  # complete: not listed
    data = farmer("王建国", resident_id(seq="202"))
    del data["mobile"]
    short = create(branch, manager, data)
    shell, home = home_of(make_shell, manager)
    head = home.link("份资料不全")
    assert head.item.count == 1

    qtbot.mouseClick(head, Qt.MouseButton.LeftButton)
    page = shell.window.stack.currentWidget()
    assert isinstance(page, CataloguePage)
    assert page.incomplete_box.isChecked()
    assert page.current_filter().manager_id == manager.user_id
    assert [page.model.line(r).id for r in range(page.model.rowCount())] == [short.id]  # type: ignore[union-attr]

    shell.window.show_area("home")  # shown again: reloaded
    line = home.link(short.archive_no)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    assert shell.window.current_area() == "catalogue"
    assert page.selected_line() is not None and page.selected_line().id == short.id  # type: ignore[union-attr]


def test_a_grant_ending_soon_is_flagged_and_leads_to_it(
    qtbot: QtBot, make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    first, second = filed(branch, manager, "301"), filed(branch, manager, "302", "刘芳")
    granted(branch, people, [first.id], days=10)
    soon = granted(branch, people, [second.id], days=2)
    shell, home = home_of(make_shell, people["staff"])
    lines = [t for t in home.texts("grants") if second.archive_no in t]
    assert len(lines) == 1
    link = home.link(second.archive_no)
    assert link.tag_label.text() == "注意" and link.item.target.item_id == soon  # type: ignore[union-attr]
    assert not home.link(first.archive_no).tag_label.isVisibleTo(home)

    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ConsultationPage)
    grant = page.selected_grant()
    assert grant is not None and grant.request_id == soon


def test_the_department_head_goes_to_a_new_leak_report(
    qtbot: QtBot, make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    ref = incidents.report(
        branch.archive,
        people["staff"],
        description="柜台打印的客户名单遗落在营业厅",
        discovered_at=utcnow().date(),
        measures="已收回名单并清点",
    )
    shell, home = home_of(make_shell, people["service"])
    link = home.link(ref.serial)
    assert "新报告" in link.text and "名单" not in link.text
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    page = shell.window.stack.currentWidget()
    assert isinstance(page, IncidentsPage)
    rows = page.table.selectionModel().selectedRows()
    assert rows and page.table.item(rows[0].row(), 0).text().startswith(ref.serial)
    # opened there: no longer new when the home page is shown again
    shell.window.show_area("home")
    assert "处理中" in home.link(ref.serial).text


def test_the_backup_line_starts_a_backup(
    qtbot: QtBot, make_shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(*args: object, **kw: object) -> tuple[str, str]:
        asked.append("file")
        return "", ""  # the administrator cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    shell, home = home_of(make_shell, None)
    link = home.link("尚未备份")
    link.setFocus()
    qtbot.keyClick(link, Qt.Key.Key_Space)
    assert asked == ["file"]
    assert shell.window.current_area() == "home"


def test_tab_walks_the_links_in_order_and_nothing_scrolls_sideways(
    qtbot: QtBot, make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    for i in range(8):  # more than one section's worth, with long lines
        data = farmer(f"客户{i}", resident_id(seq=f"4{i:02d}"))
        del data["mobile"]
        create(branch, manager, data)
    ref = filed(branch, manager, "499")
    data = customers.open_customer(branch.archive, manager, ref.id).data
    modification.propose(branch.archive, manager, ref.id, dict(data, mobile="13907380009"))
    shell, home = home_of(make_shell, manager)
    shell.window.resize(1366 - 16, 768 - 48)
    qtbot.waitUntil(lambda: shell.window.width() == 1366 - 16)

    links = [link for link in home.links if link.item.target is not None]
    assert len(links) >= 8
    sections = [link.item.section for link in links]
    assert sections == sorted(sections, key=["inbox", "mine", "incomplete"].index)
    links[0].setFocus()
    qtbot.waitUntil(links[0].hasFocus)
    for before, after in pairwise(links):
        assert before.hasFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        qtbot.waitUntil(after.hasFocus)
    # on the branch's screen the lines wrap inside the page: nothing scrolls sideways
    assert home.scroll.horizontalScrollBar().maximum() == 0
    for link in home.findChildren(ItemLink):
        assert link.width() <= home.scroll.viewport().width()
    # on less room the page scrolls down, and still never sideways
    shell.window.resize(1000, 420)
    qtbot.waitUntil(lambda: home.scroll.verticalScrollBar().maximum() > 0)
    assert home.scroll.horizontalScrollBar().maximum() == 0
