"""Leak incidents (article 20) on a real archive: report, the head is told, steps, close."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.errors import Conflict, InvalidInput, NotPermitted
from app.security.roles import Role
from app.workflows import incidents
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.integration.test_customers import create, events, farmer


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "staff": branch.add_user("staff", [Role.STAFF]),
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "head": branch.add_user("head", [Role.SERVICE_HEAD]),
        "head2": branch.add_user("head2", [Role.SERVICE_HEAD]),
        "director": branch.add_user("director", [Role.DIRECTOR]),
    }


def _report(branch: Branch, actor: Actor, **kw: object) -> incidents.IncidentRef:
    kw.setdefault("description", "柜台打印的客户清单遗落在营业厅桌上")
    kw.setdefault("discovered_at", date.today() - timedelta(days=1))
    kw.setdefault("measures", "已收回清单并当面清点,无缺页")
    return incidents.report(branch.archive, actor, **kw)  # type: ignore[arg-type]


def test_report_reaches_the_head_who_handles_and_closes_it(
    branch: Branch, people: dict[str, Actor]
) -> None:
    staff, head, head2 = people["staff"], people["head"], people["head2"]
    archive_no = create(branch, people["manager"], farmer()).archive_no
    assert incidents.unseen_for(branch.archive, head) == []

    ref = _report(branch, staff, channel="纸质清单遗落", archive_nos=f"{archive_no}")
    assert ref.serial.startswith("SJ-") and ref.serial.endswith("-000001")
    assert ref.state == "open"

    # the head's inbox and the banner at their next login, for each head
    for who in (head, head2):
        assert [line.serial for line in incidents.open_incidents(branch.archive, who)] == [
            ref.serial
        ]
        assert incidents.incident_count(branch.archive, who) == 1
        [banner] = incidents.unseen_for(branch.archive, who)
        assert banner.serial == ref.serial and banner.unseen
        assert banner.reporter_name == "用户staff" and banner.archive_nos == archive_no
    # reading the banner changes nothing; opening the report does, for that head only
    assert len(incidents.unseen_for(branch.archive, head)) == 1
    detail = incidents.open_incident(branch.archive, head, ref.id)
    assert detail.can_handle and detail.is_open
    assert detail.channel == "纸质清单遗落" and detail.measures.startswith("已收回")
    assert incidents.unseen_for(branch.archive, head) == []
    assert len(incidents.unseen_for(branch.archive, head2)) == 1
    incidents.mark_seen(branch.archive, head2, [ref.id])
    assert incidents.unseen_for(branch.archive, head2) == []

    detail = incidents.add_step(branch.archive, head, ref.id, "已约谈经办人,调阅监控")
    detail = incidents.add_step(branch.archive, head, ref.id, "确认清单未被他人拿走")
    assert [s.text for s in detail.steps] == ["已约谈经办人,调阅监控", "确认清单未被他人拿走"]
    assert detail.steps[0].author_name == "用户head"
    with pytest.raises(InvalidInput):
        incidents.close(branch.archive, head, ref.id, "  ")
    closed = incidents.close(branch.archive, head, ref.id, "未造成泄露;已重申打印件管理要求")
    assert closed.line.state == "closed" and closed.line.state_label == "已结案"
    assert closed.conclusion.startswith("未造成泄露") and closed.closed_by_name == "用户head"
    assert not closed.can_handle and closed.closed_at is not None
    assert incidents.open_incidents(branch.archive, head) == []
    assert incidents.incident_count(branch.archive, head) == 0
    with pytest.raises(Conflict):
        incidents.add_step(branch.archive, head, ref.id, "补记")

    # the register: open and closed, the reporter sees it too
    assert [x.serial for x in incidents.incidents(branch.archive, head, state="closed")] == [
        ref.serial
    ]
    assert incidents.incidents(branch.archive, head, state="open") == []
    mine = incidents.incidents(branch.archive, staff)
    assert [(x.serial, x.steps, x.unseen) for x in mine] == [(ref.serial, 2, False)]
    assert incidents.open_incident(branch.archive, staff, ref.id).conclusion.startswith("未造成")

    actions = [e.action for e in events(branch) if e.action.startswith("incident.")]
    assert actions == [
        "incident.report",
        "incident.open",
        "incident.step",
        "incident.step",
        "incident.close",
        "incident.open",
    ]
    report_event = events(branch, "incident.report")[0]
    assert "遗落" not in report_event.details and report_event.target_id == ref.serial


def test_others_cannot_handle_or_read_someone_elses_report(
    branch: Branch, people: dict[str, Actor]
) -> None:
    staff, manager, director = people["staff"], people["manager"], people["director"]
    ref = _report(branch, staff)
    own = _report(branch, manager, description="客户经理的手机丢失,内有客户联系电话")
    assert ref.serial != own.serial
    for who in (staff, manager, director):
        with pytest.raises(NotPermitted):
            incidents.add_step(branch.archive, who, ref.id, "处理")
        with pytest.raises(NotPermitted):
            incidents.close(branch.archive, who, ref.id, "结案")
        assert incidents.open_incidents(branch.archive, who) == []
        assert incidents.incident_count(branch.archive, who) == 0
        assert incidents.unseen_for(branch.archive, who) == []
    with pytest.raises(NotPermitted):
        incidents.open_incident(branch.archive, manager, ref.id)
    assert [x.serial for x in incidents.incidents(branch.archive, manager)] == [own.serial]
    assert [x.serial for x in incidents.incidents(branch.archive, people["head"])] == [
        own.serial,
        ref.serial,
    ]
    # everyone may report, the administrator included
    assert _report(branch, branch.admin).state == "open"


def test_a_report_needs_what_happened_and_the_measures(
    branch: Branch, people: dict[str, Actor]
) -> None:
    staff = people["staff"]
    with pytest.raises(InvalidInput, match="发生了什么"):
        _report(branch, staff, description=" ")
    with pytest.raises(InvalidInput, match="补救措施"):
        _report(branch, staff, measures="")
    with pytest.raises(InvalidInput, match="晚于现在"):
        _report(branch, staff, discovered_at=datetime(2999, 1, 1, 8, 0))
    with pytest.raises(InvalidInput, match="LY-0101G"):
        _report(branch, staff, archive_nos=["LY-0101G2026999999"])
    with pytest.raises(InvalidInput, match="最多"):
        _report(branch, staff, description="泄" * (incidents.TEXT_MAX + 1))
    assert incidents.incidents(branch.archive, people["head"]) == []
    assert events(branch, "incident.report") == []
