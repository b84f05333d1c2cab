"""Reporting a leak (article 20) from the toolbar, and the head's incidents page."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from app.security.roles import Role
from app.views.context import SessionContext
from app.views.incident_report_dialog import IncidentReportDialog
from app.views.incidents_page import IncidentsPage
from app.workflows import incidents
from tests.conftest import Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible


def test_anyone_reports_from_the_toolbar(
    qtbot, make_shell, branch: Branch, messages: MessageBoxes
) -> None:
    staff = branch.add_user("staff", [Role.STAFF])
    head = branch.add_user("head", [Role.SERVICE_HEAD])
    shell = make_shell(staff)
    action = shell.window.report_leak_action
    assert action.text() == "报告泄露"
    toolbar = shell.window.findChild(QToolBar, "mainToolbar")
    assert toolbar is not None and action in toolbar.actions()

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, IncidentReportDialog)
        # nothing typed yet: refused, the dialog stays open
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        assert messages.last().kind == "warning" and "发生了什么" in messages.last().text
        assert dialog.isVisible()
        type_text(qtbot, dialog.description_edit, "客户清单遗落在营业厅桌上")
        type_text(qtbot, dialog.channel_edit, "纸质清单遗落")
        type_text(qtbot, dialog.measures_edit, "已收回清单并清点")
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)

    when_visible(IncidentReportDialog, fill)
    action.trigger()

    assert "SJ-" in messages.last().text and "主管已收到" in messages.last().text
    [line] = incidents.unseen_for(branch.archive, head)
    assert line.reporter_name == "用户staff" and line.summary == "客户清单遗落在营业厅桌上"
    assert "incident.report" in audit_actions(branch.archive, "staff")
    assert line.serial in shell.window.statusBar().currentMessage()


def test_the_head_records_a_step_and_closes(qtbot, branch: Branch, messages: MessageBoxes) -> None:
    staff = branch.add_user("staff", [Role.STAFF])
    head = branch.add_user("head", [Role.SERVICE_HEAD])
    ref = incidents.report(
        branch.archive,
        staff,
        description="误将客户联系电话发到工作群",
        discovered_at=date.today(),
        measures="已撤回消息",
    )
    page = IncidentsPage(SessionContext(branch.archive, head))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.title_label.text() == "泄露事件:1 件处理中"
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text().endswith("(新)")
    assert not page.handling.isVisible()
    page.select(ref.serial)
    assert page.handling.isVisible()
    assert "误将客户联系电话" in page.detail_view.toPlainText()
    assert incidents.unseen_for(branch.archive, head) == []

    type_text(qtbot, page.step_edit, "已约谈经办人")
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    assert "已约谈经办人" in page.detail_view.toPlainText()
    type_text(qtbot, page.conclusion_edit, "群内成员均为本社员工,未外传")
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert messages.last().kind == "question"
    assert page.table.rowCount() == 0  # the open list is empty now
    assert incidents.incident_count(branch.archive, head) == 0

    # the reporter sees their report, closed, and cannot handle it
    mine = IncidentsPage(SessionContext(branch.archive, staff))
    qtbot.addWidget(mine)
    mine.show()
    mine.refresh()
    assert mine.title_label.text() == "我报告的泄露事件"
    mine.select(ref.serial)
    assert not mine.handling.isVisible()
    assert "未外传" in mine.detail_view.toPlainText()
