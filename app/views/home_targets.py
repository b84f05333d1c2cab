"""Following a home page line into its area: the tab, the filter, the line, the request opened.

The main window switches to the line's area (``Target.area``); :func:`follow`
then shows the thing itself with what each page already offers (its tabs,
its table, its filters, its select methods), so no page needs to know about
the home page. A target whose thing is gone (returned, decided meanwhile)
leaves the area shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTableView, QTableWidget, QTabWidget, QWidget

from app.views.approvals_page import ApprovalsPage
from app.views.catalogue_page import CataloguePage
from app.views.checkout_register_page import CheckoutRegisterPage
from app.views.consultation_page import ConsultationPage
from app.views.context import SessionContext
from app.views.incidents_page import IncidentsPage
from app.views.registers_page import RegistersPage
from app.views.request_view_dialog import open_request_dialog
from app.views.transfer_register_page import TransferRegisterPage
from app.workflows.dashboard import Target


def _select_line(table: QTableView, matches: Callable[[Any], bool]) -> bool:
    """Select the first row of a list model (``line(row)``) whose line matches."""
    model = table.model()
    line_of = getattr(model, "line", None)
    if model is None or not callable(line_of):
        return False
    for row in range(model.rowCount()):
        line = line_of(row)
        if line is not None and matches(line):
            table.selectRow(row)
            table.scrollTo(model.index(row, 0))
            table.setFocus()
            return True
    return False


def _select_text(table: QTableWidget, column: int, text: str) -> bool:
    for row in range(table.rowCount()):
        item = table.item(row, column)
        if item is not None and item.text() == text:
            table.selectRow(row)
            table.setFocus()
            return True
    return False


def _show_tab(tabs: QTabWidget, kind: type[QWidget]) -> QWidget | None:
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if isinstance(page, kind):
            tabs.setCurrentIndex(index)
            return page
    return None


def follow(ctx: SessionContext, page: QWidget, target: Target) -> None:
    """Show ``target`` on ``page`` (the area's page, already shown and refreshed)."""
    if isinstance(page, ApprovalsPage):
        _approvals(ctx, page, target)
    elif isinstance(page, ConsultationPage) and target.key:
        _select_text(page.grants_table, 0, target.key)
    elif isinstance(page, RegistersPage):
        _registers(page, target)
    elif isinstance(page, CataloguePage):
        _catalogue(ctx, page, target)
    elif isinstance(page, IncidentsPage) and target.key:
        page.select(target.key)


def _approvals(ctx: SessionContext, page: ApprovalsPage, target: Target) -> None:
    if target.part == "mine":
        page.tabs.setCurrentIndex(1)
        page.mine_table.setFocus()
        return
    if target.item_id is None:
        if page.tabs.isTabVisible(0):
            page.tabs.setCurrentIndex(0)
        return
    for index, table in ((0, page.inbox_table), (1, page.mine_table)):
        if page.tabs.isTabVisible(index) and _select_line(
            table, lambda line: line.id == target.item_id
        ):
            page.tabs.setCurrentIndex(index)
            break
    # the request itself, as a double-click on its line would open it
    open_request_dialog(ctx, target.item_id, parent=page)


def _registers(page: RegistersPage, target: Target) -> None:
    if target.part == "checkout":
        register = _show_tab(page.tabs, CheckoutRegisterPage)
        if isinstance(register, CheckoutRegisterPage):
            if not register.open_only.isChecked():
                register.open_only.setChecked(True)  # reloads
            elif target.item_id is not None:
                register.refresh()
            if target.item_id is not None:
                _select_line(register.table, lambda line: line.id == target.item_id)
    elif target.part == "transfers":
        register = _show_tab(page.tabs, TransferRegisterPage)
        if isinstance(register, TransferRegisterPage) and target.item_id is not None:
            register.refresh()
            register.select(target.item_id)
            register.table.setFocus()


def _catalogue(ctx: SessionContext, page: CataloguePage, target: Target) -> None:
    if target.part != "incomplete":
        return
    # the person's own archives below 100%, whatever was chosen before
    page.search_edit.clear()
    for combo in (page.category_combo, page.tier_combo, page.status_combo):
        combo.setCurrentIndex(0)
    mine = page.manager_combo.findData(ctx.actor.user_id)
    if mine >= 0:
        page.manager_combo.setCurrentIndex(mine)
    page.incomplete_box.setChecked(True)
    page.search_timer.stop()
    page.model.set_filter(page.current_filter())
    if target.item_id is not None:
        page.select_customer(target.item_id)
        page.table.setFocus()
