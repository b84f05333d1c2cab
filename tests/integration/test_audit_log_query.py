"""Reading the audit log on a real encrypted archive: filters, paging, permission, tampering."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.errors import NotPermitted
from app.security.roles import Role
from app.workflows import audit_log, auth
from app.workflows.auth import Actor
from tests.conftest import Branch


@pytest.fixture
def inspector(branch: Branch) -> Actor:
    return branch.add_user("inspector", [Role.INSPECTOR])


def _session_events(branch: Branch, actor: Actor, n: int) -> None:
    for _ in range(n):
        auth.record_session_event(branch.archive, actor, "session.lock")


def test_filters_by_user_and_action(branch: Branch, inspector: Actor) -> None:
    _session_events(branch, branch.admin, 3)
    rows = audit_log.search_events(
        branch.archive, inspector, actor_login="admin", action="session.lock"
    )
    assert len(rows) == 3
    assert all(r.actor == "admin" and r.action == "session.lock" for r in rows)
    assert rows[0].action_label == "锁定屏幕"
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    assert rows[0].occurred_at.tzinfo is not None

    created = audit_log.search_events(branch.archive, inspector, action="user.create")
    assert {r.target_id for r in created} == {"admin", "keeper", "inspector"}
    assert created[0].details == {"roles": ["inspector"]}
    assert audit_log.count_events(branch.archive, inspector, actor_login="keeper") == 0


def test_date_range_is_local_days_with_until_inclusive(branch: Branch, inspector: Actor) -> None:
    today = datetime.now().astimezone().date()
    total = audit_log.count_events(branch.archive, inspector)
    assert total > 0
    assert audit_log.count_events(branch.archive, inspector, since=today, until=today) == total
    assert audit_log.count_events(branch.archive, inspector, until=today) == total
    tomorrow = today + timedelta(days=1)
    assert audit_log.count_events(branch.archive, inspector, since=tomorrow) == 0
    yesterday = today - timedelta(days=1)
    assert audit_log.count_events(branch.archive, inspector, until=yesterday) == 0
    assert audit_log.search_events(branch.archive, inspector, since=date(2000, 1, 1)) != []


def test_paging_and_count(branch: Branch, inspector: Actor) -> None:
    _session_events(branch, branch.admin, 25)
    total = audit_log.count_events(branch.archive, inspector)
    first = audit_log.search_events(branch.archive, inspector, offset=0, limit=10)
    upto = first[0].seq
    pages = [first]
    offset = 10
    while True:
        page = audit_log.search_events(
            branch.archive, inspector, offset=offset, limit=10, upto_seq=upto
        )
        if not page:
            break
        # Events appended while paging do not shift the pages.
        _session_events(branch, branch.admin, 1)
        pages.append(page)
        offset += 10
    seqs = [r.seq for p in pages for r in p]
    assert len(seqs) == total == len(set(seqs))
    assert seqs == list(range(upto, 0, -1))
    assert audit_log.count_events(branch.archive, inspector, upto_seq=upto) == total
    assert audit_log.count_events(branch.archive, inspector) > total


def test_filter_choices_lists_what_occurs(branch: Branch, inspector: Actor) -> None:
    choices = audit_log.filter_choices(branch.archive, inspector)
    assert {"admin", "inspector"} <= set(choices.actors)
    assert ("user.create", "新建用户") in choices.actions
    assert ("session.lock", "锁定屏幕") not in choices.actions


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_refused_for_manager_and_admin(branch: Branch, role: Role) -> None:
    who = branch.admin if role is Role.ADMIN else branch.add_user("manager", [Role.MANAGER])
    with pytest.raises(NotPermitted):
        audit_log.search_events(branch.archive, who)
    with pytest.raises(NotPermitted):
        audit_log.count_events(branch.archive, who)
    with pytest.raises(NotPermitted):
        audit_log.filter_choices(branch.archive, who)
    with pytest.raises(NotPermitted):
        audit_log.chain_status(branch.archive, who)
    with pytest.raises(NotPermitted):
        audit_log.record_view(branch.archive, who)


def test_service_head_may_read(branch: Branch) -> None:
    head = branch.add_user("head", [Role.SERVICE_HEAD])
    assert audit_log.count_events(branch.archive, head) > 0


def test_viewing_and_checking_are_recorded(branch: Branch, inspector: Actor) -> None:
    audit_log.record_view(branch.archive, inspector)
    status = audit_log.chain_status(branch.archive, inspector)
    assert status.ok and status.length > 0 and len(status.head) == 64
    views = audit_log.search_events(branch.archive, inspector, actor_login="inspector")
    assert [r.action for r in views[:2]] == ["audit.verify_chain", "audit.view"]
    assert views[0].action_label == "校验审计链"
    assert views[1].action_label == "查看审计日志"
    assert views[0].details == {"length": status.length, "problems": 0}


def test_chain_status_reports_a_tampered_row(branch: Branch, inspector: Actor) -> None:
    with branch.archive.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        conn.execute(
            sa.text("UPDATE audit_events SET actor = 'keeper' WHERE seq = :seq"), {"seq": 2}
        )
    status = audit_log.chain_status(branch.archive, inspector)
    assert not status.ok
    assert any("第 2 条" in p and "改动" in p for p in status.problems)
