"""The 统计 page: choose a statistic and a period, read the table and its chart, print, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.security.roles import Role
from app.views.bar_chart import Bar, BarChart
from app.views.context import SessionContext
from app.views.main_window import MainWindow
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.statistics_page import StatisticsPage, preset_period
from app.workflows import customers
from app.workflows.auth import Actor
from app.workflows.statistics import Period
from tests.conftest import Branch
from tests.gui.conftest import MessageBoxes, audit_actions, when_visible


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    manager = branch.add_user("manager", [Role.MANAGER])
    ratings = ("优秀", "优秀", "优秀", "较好", "差")
    plan = [("石门村", r) for r in ratings] + [("安平村", "一般")] * 4
    for i, (village, rating) in enumerate(plan):
        customers.create_customer(
            branch.archive,
            manager,
            category="individual",
            subtype="farmer",
            data={"name": f"界面客户{i}", "township": "桥头河镇", "village": village,
                  "credit_rating": rating, "tier": "普通"},
        )  # fmt: skip
    return {
        "manager": manager,
        "director": branch.add_user("director", [Role.DIRECTOR]),
        "staff": branch.add_user("staff", [Role.STAFF]),
    }


def make_page(qtbot: QtBot, branch: Branch, actor: Actor) -> StatisticsPage:
    page = StatisticsPage(SessionContext(branch.archive, actor))
    qtbot.addWidget(page)
    page.resize(1180, 620)
    page.show()
    qtbot.waitExposed(page)
    return page


def row_texts(page: StatisticsPage) -> list[list[str]]:
    table = page.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_choose_a_statistic_and_read_table_and_chart(
    qtbot: QtBot, branch: Branch, people: dict[str, Actor], messages: MessageBoxes
) -> None:
    page = make_page(qtbot, branch, people["director"])
    assert page.statistic() == "category"  # opened with the first one, for all time
    assert audit_actions(branch.archive, "director").count("statistics.view") == 1
    rows = row_texts(page)
    assert ["\u3000农户", "9"] in rows and rows[-1] == ["合计", "9"]
    assert "全网点" in page.scope_label.text() and "全部时间" in page.scope_label.text()

    page.statistic_combo.setFocus()
    page.statistic_combo.setCurrentIndex(page.statistic_combo.findData("village_rating"))
    qtbot.waitUntil(lambda: page.statistic() == "village_rating")
    assert page.table.horizontalHeaderItem(1).text() == "优秀"
    rows = row_texts(page)
    # 石门村: 优秀 3, 较好 1, 一般 0, 差 1; the two 1s hide, and so do 优秀 and the row's
    # total, or 5 - 3 would tell that both are 1
    assert rows[1] == ["桥头河镇 石门村", "*", "<3", "0", "<3", "0", "*"]
    assert rows[0] == ["桥头河镇 安平村", "0", "0", "4", "0", "0", "*"]
    assert page.table.item(1, 2).toolTip() == "不足 3 户,不显示"
    assert "推算" in page.table.item(1, 1).toolTip()
    assert "机密、绝密" in page.notes_label.text()
    # the chart draws the total column, numbers written out; a hidden one gets no bar
    assert [(b.label, b.value, b.text) for b in page.chart.bars] == [
        ("桥头河镇 安平村", None, "*"),
        ("桥头河镇 石门村", None, "*"),
    ]
    assert "桥头河镇 石门村 *" in page.chart.accessibleDescription()

    page.statistic_combo.setCurrentIndex(page.statistic_combo.findData("tier"))
    qtbot.waitUntil(lambda: page.statistic() == "tier")
    assert row_texts(page)[:3] == [["普通", "9"], ["机密", "0"], ["绝密", "0"]]
    assert audit_actions(branch.archive, "director").count("statistics.view") == 3
    assert not messages.shown


def test_a_hidden_number_gets_no_bar(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars("t", [Bar("a", 10, "10"), Bar("b", None, "<3"), Bar("c", 5, "5")])
    assert chart.bar_width(None, 200) == 0
    assert chart.bar_width(10, 200) == 200 and chart.bar_width(5, 200) == 100
    chart.resize(400, chart.sizeHint().height())
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.grab().width() == 400  # paints without error


def test_custom_period_waits_for_query(
    qtbot: QtBot, branch: Branch, people: dict[str, Actor], messages: MessageBoxes
) -> None:
    page = make_page(qtbot, branch, people["director"])
    assert not page.start_edit.isEnabled()
    page.period_combo.setCurrentIndex(page.period_combo.findData("custom"))
    assert page.start_edit.isEnabled() and page.query_button.isEnabled()
    before = audit_actions(branch.archive, "director").count("statistics.view")
    page.start_edit.setDate(QDate(2020, 1, 1))
    page.end_edit.setDate(QDate(2020, 12, 31))
    assert audit_actions(branch.archive, "director").count("statistics.view") == before
    qtbot.mouseClick(page.query_button, Qt.MouseButton.LeftButton)
    assert row_texts(page)[-1] == ["合计", "0"]  # nothing was created in 2020
    assert "2020-01-01 至 2020-12-31" in page.scope_label.text()

    page.start_edit.setDate(QDate(2021, 1, 1))
    page.end_edit.setDate(QDate(2020, 1, 1))
    qtbot.mouseClick(page.query_button, Qt.MouseButton.LeftButton)
    assert "起始日期不能晚于截止日期" in messages.last().text


def test_presets() -> None:
    today = date(2026, 5, 20)
    assert preset_period("all", today, today, today) == Period()
    assert preset_period("this_year", today, today, today) == Period(date(2026, 1, 1), today)
    assert preset_period("last_year", today, today, today) == Period(
        date(2025, 1, 1), date(2025, 12, 31)
    )
    assert preset_period("last_12", today, today, today) == Period(date(2025, 6, 1), today)
    december = date(2026, 12, 3)
    assert preset_period("last_12", december, today, today) == Period(date(2026, 1, 1), december)


def test_print_goes_through_the_preview_and_is_recorded(
    qtbot: QtBot, branch: Branch, people: dict[str, Actor], messages: MessageBoxes
) -> None:
    page = make_page(qtbot, branch, people["manager"])
    assert "本人" in page.scope_label.text() or "管户" in page.scope_label.text()
    shown: list[tuple[str, int]] = []

    def look(preview: Any) -> None:
        shown.append((preview.windowTitle(), len(preview.page_labels)))
        preview._on_print()  # what 打印 reports once the system dialog has printed
        preview.close()

    when_visible(PdfPreviewDialog, look)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0][0] == "客户档案统计表" and shown[0][1] >= 1
    assert "statistics.print" in audit_actions(branch.archive, "manager")


def test_export_writes_the_tables(
    qtbot: QtBot,
    branch: Branch,
    people: dict[str, Actor],
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    page = make_page(qtbot, branch, people["director"])
    assert page.export_button.isVisibleTo(page)
    page.export_to(tmp_path / "统计")
    assert "已导出 8 张统计表" in messages.last().text
    workbook = openpyxl.load_workbook(tmp_path / "统计.xlsx")
    assert len(workbook.sheetnames) == 8
    assert "statistics.export" in audit_actions(branch.archive, "director")


def test_keyboard_order_and_a_small_screen(
    qtbot: QtBot, branch: Branch, people: dict[str, Actor]
) -> None:
    page = make_page(qtbot, branch, people["director"])
    page.period_combo.setCurrentIndex(page.period_combo.findData("custom"))
    order = [page.statistic_combo]
    widget = page.statistic_combo
    for _ in range(7):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or widget in (
            page.start_edit.lineEdit(),
            page.end_edit.lineEdit(),
        ):
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[:7] == [
        page.statistic_combo,
        page.period_combo,
        page.start_edit,
        page.end_edit,
        page.query_button,
        page.table,
        page.print_button,
    ]
    assert page.minimumSizeHint().width() <= 1366 - 160
    assert page.minimumSizeHint().height() <= 768 - 150


def test_the_area_in_the_main_window_and_who_sees_it(
    make_shell, branch: Branch, people: dict[str, Actor]
) -> None:
    shell = make_shell(people["director"])
    page = shell.window.show_area("statistics")
    assert isinstance(page, StatisticsPage)
    staff = make_shell(people["staff"])
    assert "statistics" not in [a.key for a in staff.window._areas]
    assert isinstance(shell.window, MainWindow)
    QApplication.processEvents()


def test_a_statistic_is_read_and_recorded_only_when_the_page_is_looked_at(
    qtbot: QtBot, branch: Branch, people: dict[str, Actor]
) -> None:
    """Building the areas (login, switch of user) opens no statistic: nothing is recorded."""
    director = people["director"]
    page = StatisticsPage(SessionContext(branch.archive, director))
    qtbot.addWidget(page)
    page.statistic_combo.setCurrentIndex(1)
    assert "statistics.view" not in audit_actions(branch.archive, "director")
    page.show()
    qtbot.waitExposed(page)
    assert audit_actions(branch.archive, "director").count("statistics.view") == 1
    assert page.table.rowCount() > 0
