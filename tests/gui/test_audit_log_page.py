"""The audit log page as an inspector uses it: lazy paging, filters, the chain banner."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.security.roles import Role
from app.views.audit_log_model import BATCH
from app.views.audit_log_page import AuditLogPage
from app.views.context import SessionContext
from app.workflows import audit_log, auth
from app.workflows.auth import Actor
from tests.conftest import Branch


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def note(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: object, _title: str, text: str, *_a: object, **_k: object):
            shown.append(f"{kind}:{text}")
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(note(kind)))
    return shown


@pytest.fixture
def inspector(branch: Branch) -> Actor:
    return branch.add_user("inspector", [Role.INSPECTOR])


def open_page(qtbot: QtBot, branch: Branch, actor: Actor) -> AuditLogPage:
    page = AuditLogPage(SessionContext(branch.archive, actor))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.refresh()  # the chain check runs behind a waiting window, which gives activation back
    qtbot.waitUntil(page.isActiveWindow)
    return page


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def choose(combo: object, value: str) -> None:
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index >= 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def shown_column(page: AuditLogPage, column: int) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_lazy_model_fetches_more_when_scrolled(
    qtbot: QtBot, branch: Branch, inspector: Actor, warnings: list[str]
) -> None:
    for _ in range(260):
        auth.record_session_event(branch.archive, branch.admin, "session.lock")
    page = open_page(qtbot, branch, inspector)
    model = page.model

    assert model.total > 260
    assert model.rowCount() == BATCH
    assert model.canFetchMore()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["序号", "时间", "用户", "操作", "对象", "详情"]
    # newest first: the page's own check and view are at the top
    assert shown_column(page, 3)[:2] == ["校验审计链", "查看审计日志"]

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > BATCH)
    while model.canFetchMore():
        page.table.scrollToBottom()
        qtbot.wait(10)
    assert model.rowCount() == model.total
    seqs = [int(s) for s in shown_column(page, 0)]
    assert seqs == list(range(seqs[0], 0, -1))
    assert page.count_label.text() == f"共 {model.total} 条"
    assert warnings == []


def test_filters_by_user_action_and_date(
    qtbot: QtBot, branch: Branch, inspector: Actor, warnings: list[str]
) -> None:
    auth.record_session_event(branch.archive, branch.admin, "session.lock")
    page = open_page(qtbot, branch, inspector)

    choose(page.actor_combo, "admin")
    click(qtbot, page.query_button)
    assert page.model.rowCount() > 0
    assert set(shown_column(page, 2)) == {"admin"}

    choose(page.action_combo, "session.lock")
    page.action_combo.setFocus()
    qtbot.keyClick(page.action_combo, Qt.Key.Key_Return)  # Enter runs the query too
    assert shown_column(page, 3) == ["锁定屏幕"]
    assert page.count_label.text() == "共 1 条"

    choose(page.actor_combo, "")
    choose(page.action_combo, "user.create")
    click(qtbot, page.query_button)
    assert sorted(shown_column(page, 4)) == ["用户 admin", "用户 inspector", "用户 keeper"]
    assert shown_column(page, 5)[0] == "角色:检查人员"

    page.date_box.setChecked(True)
    tomorrow = QDate.currentDate().addDays(1)
    page.since_edit.setDate(tomorrow)
    page.until_edit.setDate(tomorrow)
    click(qtbot, page.query_button)
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "共 0 条"

    page.since_edit.setDate(QDate.currentDate())
    page.until_edit.setDate(QDate.currentDate())
    click(qtbot, page.query_button)
    assert page.model.rowCount() == 3
    assert warnings == []


def test_opening_the_page_is_recorded_once_but_filtering_is_not(
    qtbot: QtBot, branch: Branch, inspector: Actor
) -> None:
    page = open_page(qtbot, branch, inspector)
    click(qtbot, page.query_button)
    click(qtbot, page.query_button)
    views = audit_log.count_events(branch.archive, inspector, action="audit.view")
    checks = audit_log.count_events(branch.archive, inspector, action="audit.verify_chain")
    assert (views, checks) == (1, 1)
    click(qtbot, page.recheck_button)
    assert audit_log.count_events(branch.archive, inspector, action="audit.verify_chain") == 2


def test_chain_banner_turns_to_abnormal_after_tampering(
    qtbot: QtBot, branch: Branch, inspector: Actor, warnings: list[str]
) -> None:
    page = open_page(qtbot, branch, inspector)
    assert page.chain_label.text().startswith("审计链完整")
    assert not page.problems_view.isVisible()

    with branch.archive.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        conn.exec_driver_sql("UPDATE audit_events SET action = 'login.failure' WHERE seq = 3")
    click(qtbot, page.recheck_button)

    assert page.chain_label.text().startswith("审计链异常")
    assert "b00020" in page.chain_label.styleSheet()
    assert page.problems_view.isVisible()
    assert "第 3 条" in page.problems_view.toPlainText()
    assert page.chain_status is not None and not page.chain_status.ok
    assert warnings == []


def test_service_head_sees_the_log(qtbot: QtBot, branch: Branch) -> None:
    head = branch.add_user("head", [Role.SERVICE_HEAD])
    page = open_page(qtbot, branch, head)
    assert page.content.isVisible()
    assert page.model.rowCount() > 0


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_hidden_from_those_who_may_not_read_it(
    qtbot: QtBot, branch: Branch, role: Role, warnings: list[str]
) -> None:
    who = branch.admin if role is Role.ADMIN else branch.add_user("manager", [Role.MANAGER])
    before = len(branch.archive.header.logins)  # noqa: F841 - the archive stays usable
    page = open_page(qtbot, branch, who)
    assert page.no_permission_label.isVisible()
    assert not page.content.isVisible()
    assert page.model.rowCount() == 0
    assert warnings == []


def test_switching_to_someone_without_permission_clears_the_rows(
    qtbot: QtBot, branch: Branch, inspector: Actor
) -> None:
    page = open_page(qtbot, branch, inspector)
    assert page.model.rowCount() > 0
    manager = branch.add_user("manager", [Role.MANAGER])
    page._ctx.set_actor(manager)
    assert page.model.rowCount() == 0
    assert not page.content.isVisible()
