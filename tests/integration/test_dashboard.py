"""首页 items on a real archive: each kind reaches the right person and nobody else.

Every count is checked against what the test itself created; grants ending
within three days are flagged; and no line ever carries a customer's name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.models import CheckoutRecord, Customer
from app.models.base import utcnow
from app.security.roles import Role
from app.workflows import (
    backup,
    checkout,
    copying,
    customers,
    dashboard,
    incidents,
    inspection,
    modification,
    signing,
    transfers,
)
from app.workflows import update_submission as updates
from app.workflows.auth import Actor
from app.workflows.dashboard import DashboardItem, Target
from tests.conftest import PASSWORDS, Branch
from tests.integration.test_checkout import carriers_of, out
from tests.integration.test_consultation import apply, granted
from tests.integration.test_customers import create, farmer, resident_id
from tests.integration.test_external_provision import sign
from tests.integration.test_transfers import carry

NAMES = ("张三丰", "李秀英", "王建国", "刘芳", "陈志强", "欧阳娜娜")


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "service": branch.add_user("service", [Role.SERVICE_HEAD]),
        "inspector": branch.add_user("inspector", [Role.INSPECTOR]),
        "keeper": branch.login("keeper"),
        "admin": branch.admin,
    }


def filed(branch: Branch, manager: Actor, name: str, seq: str) -> customers.CustomerRef:
    ref = create(branch, manager, farmer(name, resident_id(seq=seq)))
    return customers.file_customer(branch.archive, manager, ref.id)


def items(branch: Branch, actor: Actor, **kw: object) -> list[DashboardItem]:
    return dashboard.items(branch.archive, actor, **kw)  # type: ignore[arg-type]


def of(found: list[DashboardItem], section: str, kind: str | None = None) -> list[DashboardItem]:
    return [i for i in found if i.section == section and kind in (None, i.kind)]


def summary(found: list[DashboardItem], section: str) -> DashboardItem:
    (line,) = of(found, section, "summary")
    return line


def assert_no_names(found: list[DashboardItem]) -> None:
    for item in found:
        for name in NAMES:
            assert name not in item.text, (name, item.text)


def test_decisions_wait_in_the_deciders_inbox_and_requests_in_the_requesters(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, director, staff = people["manager"], people["director"], people["staff"]
    refs = [filed(branch, manager, name, f"1{i:02d}") for i, name in enumerate(NAMES[:4])]
    proposed = [
        modification.propose(
            branch.archive,
            manager,
            ref.id,
            dict(customers.open_customer(branch.archive, manager, ref.id).data, mobile=mobile),
        )
        for ref, mobile in zip(refs[:3], ("13907380001", "13907380002", "13907380003"), strict=True)
    ]
    reported = updates.submit(
        branch.archive, staff, refs[3].id, {"mobile": "13974381234"}, note="客户来柜面告知。"
    )

    # the director decides the three modifications; the manager the staff member's report
    found = items(branch, director)
    assert summary(found, "inbox").count == len(proposed)
    lines = of(found, "inbox", "request")
    assert {line.target for line in lines} == {
        Target("approvals", "request", ref.id, ref.serial) for ref in proposed
    }
    assert all(ref.serial in " ".join(i.text for i in lines) for ref in proposed)
    assert of(found, "mine") == []

    found = items(branch, manager)
    assert summary(found, "inbox").count == 1
    (line,) = of(found, "inbox", "request")
    assert reported.serial in line.text and refs[3].archive_no in line.text
    assert summary(found, "mine").count == len(proposed)
    assert {i.target.item_id for i in of(found, "mine", "request") if i.target} == {
        ref.id for ref in proposed
    }
    assert all("审批中" in i.text for i in of(found, "mine", "request"))

    found = items(branch, staff)
    assert of(found, "inbox") == []
    (line,) = of(found, "mine", "request")
    assert reported.serial in line.text
    for person in ("manager2", "keeper", "service", "inspector", "admin"):
        assert of(items(branch, people[person]), "inbox") == []

    # a rejection stays with the requester, marked; the director's inbox shrinks by one
    signing.decide(
        branch.archive, proposed[0].id, "director", PASSWORDS["director"], "reject", "证明不全"
    )
    assert summary(items(branch, director), "inbox").count == len(proposed) - 1
    found = items(branch, manager)
    assert summary(found, "mine").count == len(proposed) - 1
    (rejected,) = [i for i in of(found, "mine", "request") if proposed[0].serial in i.text]
    assert "已驳回" in rejected.text and rejected.severity == "attention"
    # ... for two weeks
    later = datetime.now(UTC) + timedelta(days=15)
    assert not [i for i in of(items(branch, manager, now=later), "mine") if "已驳回" in i.text]
    assert_no_names(items(branch, manager) + items(branch, director) + items(branch, staff))


def test_grants_in_force_and_those_ending_within_three_days(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff = people["manager"], people["staff"]
    a, b, c = (filed(branch, manager, name, f"2{i:02d}") for i, name in enumerate(NAMES[:3]))
    long = granted(branch, people, [a.id, b.id], days=10)
    short = granted(branch, people, [c.id], days=2)
    pending = apply(branch, staff, [c.id], days=5)  # not a grant yet

    found = items(branch, staff)
    head = summary(found, "grants")
    assert head.count == 2 and "其中 1 项 3 天内到期" in head.text
    assert head.severity == "attention"
    lines = {i.target.item_id: i for i in of(found, "grants", "grant") if i.target}
    assert set(lines) == {long, short}
    assert lines[short].severity == "attention" and "还剩 1 天" in lines[short].text
    assert lines[long].severity == "info" and "还剩 9 天" in lines[long].text
    assert a.archive_no in lines[long].text and b.archive_no in lines[long].text
    assert lines[long].target == Target("consultation", "grant", long, lines[long].target.key)
    # the approved application is under 查阅授权, not again under 我的申请
    mine = " ".join(i.text for i in of(found, "mine"))
    assert pending.serial in mine
    assert lines[long].target.key not in mine

    # eight days on, the long one ends within three days as well
    soon = datetime.now(UTC) + timedelta(days=8)
    found = items(branch, staff, now=soon)
    assert "其中 2 项 3 天内到期" in summary(found, "grants").text
    for person in ("manager", "manager2", "director", "admin"):
        assert of(items(branch, people[person]), "grants") == []
    assert_no_names(found)


def test_a_copy_permit_is_a_grant_of_its_own_kind(branch: Branch, people: dict[str, Actor]) -> None:
    manager, staff = people["manager"], people["staff"]
    ref = filed(branch, manager, NAMES[0], "250")
    permit = copying.apply(
        branch.archive,
        staff,
        [ref.id],
        field_keys=["name"],
        forms=["clipboard"],
        purpose="报送材料",
        days=5,
    )
    sign(branch, permit.id, "manager")
    found = items(branch, staff)
    (line,) = of(found, "grants", "grant")
    assert line.text.startswith(f"复制授权 {permit.serial}({ref.archive_no})")
    assert line.severity == "info" and "还剩 4 天" in line.text  # five days: not yet ending
    assert line.target == Target("copy", "grant", permit.id, permit.serial)
    assert "1 项复制授权有效" in summary(found, "grants").text
    assert permit.serial not in " ".join(i.text for i in of(found, "mine"))
    assert of(items(branch, manager), "grants") == []
    assert_no_names(found)


def test_overdue_carriers_and_transfers_reach_the_people_who_answer_for_them(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff, keeper = people["manager"], people["staff"], people["keeper"]
    refs = [filed(branch, manager, name, f"3{i:02d}") for i, name in enumerate(NAMES[:3])]
    grant = granted(branch, people, [refs[2].id], days=10)  # staff borrow under a grant
    lent = [
        out(
            branch,
            manager,
            carriers_of(branch, manager, ref.archive_no)["paper"].carrier_id,
            who,
            **({"grant_request_id": grant} if who is staff else {}),
        )
        for ref, who in ((refs[0], manager), (refs[1], manager), (refs[2], staff))
    ]
    with branch.archive.unit_of_work() as uow:  # two of them are past their day
        for line, days in ((lent[0], 3), (lent[2], 1)):
            row = uow.session.get(CheckoutRecord, line.id)
            assert row is not None
            row.due_on = checkout.local_today() - timedelta(days=days)
        uow.commit()
    now = utcnow()
    late = transfers.record(
        branch.archive,
        manager,
        carry(
            archive_no=refs[1].archive_no,
            out_at=now - timedelta(days=3),
            expected_return=now - timedelta(days=1),
        ),
    )
    transfers.record(branch.archive, manager, carry())  # due later

    found = items(branch, manager)
    assert summary(found, "overdue").count == 1
    (line,) = of(found, "overdue", "checkout")
    assert refs[0].archive_no in line.text and "已逾期 3 天" in line.text
    assert line.severity == "urgent"
    assert line.target == Target("registers", "checkout", lent[0].id, refs[0].archive_no)

    found = items(branch, staff)  # staff keep no shelves: told, without a link to the register
    assert summary(found, "overdue").count == 2
    (line,) = of(found, "overdue", "checkout")
    assert refs[2].archive_no in line.text and line.target is None
    (moved,) = of(found, "overdue", "transfer")
    assert refs[1].archive_no in moved.text and "外出携带" in moved.text
    assert moved.target == Target("registers", "transfers", late.id)
    assert "贷款档案原件" not in moved.text  # what was typed stays in the register

    # the custodian keeps the shelves: every overdue carrier, and only carriers
    found = items(branch, keeper)
    assert summary(found, "overdue").count == 2
    assert {i.target.item_id for i in of(found, "overdue", "checkout") if i.target} == {
        lent[0].id,
        lent[2].id,
    }
    for person in ("manager2", "director", "service", "admin"):
        assert of(items(branch, people[person]), "overdue") == []
    # the inbox's reminders are the same lines
    assert [i.text for i in dashboard.reminders(branch.archive, staff)] == [
        i.text for i in of(items(branch, staff), "overdue") if i.kind != "summary"
    ]
    assert_no_names(items(branch, manager) + items(branch, staff) + items(branch, keeper))


def test_a_manager_sees_their_own_incomplete_archives(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, manager2 = people["manager"], people["manager2"]
    made = []
    for i, (name, missing) in enumerate(
        zip(NAMES[:4], (("mobile",), ("mobile", "village"), (), ("carriers",)), strict=True)
    ):
        data = farmer(name, resident_id(seq=f"4{i:02d}"))
        for key in missing:
            del data[key]
        made.append(create(branch, manager, data))
    done = filed(branch, manager, NAMES[4], "450")
    # a template revision left a filed archive short of a new item
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, done.id)
        assert row is not None
        row.completeness = 90
        uow.commit()
    other = create(branch, manager2, farmer(NAMES[5], resident_id(seq="460"), mobile=""))

    expected = {ref.id: ref.completeness for ref in made if ref.completeness < 100}
    expected[done.id] = 90
    found = items(branch, manager)
    head = summary(found, "incomplete")
    assert head.count == len(expected) == 4
    assert head.target == Target("catalogue", "incomplete")
    lines = of(found, "incomplete", "customer")
    assert {i.target.item_id: i for i in lines if i.target}.keys() == expected.keys()
    scores = [int(i.text.split("完整度 ")[1].rstrip("%")) for i in lines]
    assert scores == sorted(expected.values())  # the emptiest first
    (filed_line,) = [i for i in lines if done.archive_no in i.text]
    assert "在册" in filed_line.text and filed_line.severity == "attention"
    assert other.completeness < 100
    assert summary(items(branch, manager2), "incomplete").count == 1
    for person in ("director", "staff", "keeper", "service", "admin"):
        assert of(items(branch, people[person]), "incomplete") == []
    assert_no_names(found)


def test_leak_reports_reach_the_department_head_without_their_words(
    branch: Branch, people: dict[str, Actor]
) -> None:
    ref = filed(branch, people["manager"], NAMES[0], "500")
    first = incidents.report(
        branch.archive,
        people["staff"],
        description=f"柜台打印的客户名单(含{NAMES[0]})遗落在营业厅",
        discovered_at=date.today(),
        measures="已收回名单并清点",
        archive_nos=[ref.archive_no],
    )
    second = incidents.report(
        branch.archive,
        people["manager"],
        description="一台旧电脑未经处理即送修",
        discovered_at=date.today(),
        measures="已取回",
    )
    head = people["service"]
    found = items(branch, head)
    top = summary(found, "oversight")
    assert top.count == 2 and "其中 2 起新报告尚未查看" in top.text and top.severity == "urgent"
    lines = {i.target.key: i for i in of(found, "oversight", "incident") if i.target}
    assert set(lines) == {first.serial, second.serial}
    assert "涉及 1 份档案" in lines[first.serial].text
    for line in lines.values():
        assert "名单" not in line.text and "电脑" not in line.text and "新报告" in line.text
    # opened: still being handled, no longer new
    incidents.open_incident(branch.archive, head, first.id)
    lines = {i.target.key: i for i in of(items(branch, head), "oversight", "incident") if i.target}
    assert "处理中" in lines[first.serial].text and lines[first.serial].severity == "attention"
    assert [i.target.key for i in dashboard.reminders(branch.archive, head) if i.target] == [
        second.serial
    ]
    incidents.close(branch.archive, head, first.id, "已查明,无客户信息外泄。")
    assert summary(items(branch, head), "oversight").count == 1
    for person in ("staff", "manager", "director", "inspector", "admin"):
        assert of(items(branch, people[person]), "oversight", "incident") == []
    assert_no_names(found)


def test_the_years_inspection_for_those_who_read_or_perform_it(
    branch: Branch, people: dict[str, Actor]
) -> None:
    year = inspection.current_year()
    readers = ("director", "inspector", "service")
    for person in readers:
        (line,) = of(items(branch, people[person]), "oversight", "inspection")
        assert f"{year} 年度检查尚未开始" in line.text and line.target == Target("inspection")
    (line,) = of(items(branch, people["inspector"]), "oversight", "inspection")
    assert "请开始本年度检查" in line.text
    for person in ("manager", "staff", "keeper", "admin"):
        assert of(items(branch, people[person]), "oversight") == []

    inspector = people["inspector"]
    view = inspection.open_inspection(branch.archive, inspector)
    (line,) = of(items(branch, inspector), "oversight", "inspection")
    assert "进行中" in line.text and line.target == Target("inspection", "", view.id)
    answers = {item.key: ("符合", "") for item in view.checklist}
    inspection.save_checklist(branch.archive, inspector, view.id, answers)
    sent = inspection.submit(branch.archive, inspector, view.id, PASSWORDS["inspector"])
    (line,) = of(items(branch, people["director"]), "oversight", "inspection")
    assert "待您签署" in line.text and sent.serial in line.text and line.severity == "urgent"
    (line,) = of(items(branch, people["service"]), "oversight", "inspection")
    assert "待主任签署" in line.text and line.severity == "info"
    # the director's decision waits in the inbox too
    assert sent.serial in " ".join(i.text for i in of(items(branch, people["director"]), "inbox"))
    signing.decide(branch.archive, sent.request_id, "director", PASSWORDS["director"], "approve")
    (line,) = of(items(branch, inspector), "oversight", "inspection")
    assert "已签署" in line.text


def test_the_last_backups_age_for_the_administrator(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    admin = people["admin"]
    (line,) = of(items(branch, admin), "backup")
    assert "尚未备份" in line.text and line.severity == "urgent"
    assert line.target == Target("backup")
    for person in ("manager", "director", "keeper", "service"):
        assert of(items(branch, people[person]), "backup") == []

    backup.create_backup(branch.archive, admin, tmp_path / "one.custbak")
    (line,) = of(items(branch, admin), "backup")
    assert "今天" in line.text and line.severity == "info" and line.count == 0
    later = datetime.now(UTC) + timedelta(days=9, hours=1)
    (line,) = of(items(branch, admin, now=later, backup_reminder_days=7), "backup")
    assert line.severity == "attention" and line.count == 9 and "超过 7 天" in line.text
    (line,) = of(items(branch, admin, now=later, backup_reminder_days=30), "backup")
    assert line.severity == "info" and "9 天前" in line.text
    # the administrator holds nothing else on the home page
    assert {i.section for i in items(branch, admin)} == {"backup"}


def test_long_sections_list_five_and_count_the_rest(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    for i in range(dashboard.LIST_MAX + 2):
        data = farmer(f"客户{i}", resident_id(seq=f"6{i:02d}"))
        del data["mobile"]
        create(branch, manager, data)
    found = of(items(branch, manager), "incomplete")
    assert found[0].count == dashboard.LIST_MAX + 2
    assert len([i for i in found if i.kind == "customer"]) == dashboard.LIST_MAX
    (more,) = [i for i in found if i.kind == "more"]
    assert more.count == 2 and "另有 2 项" in more.text
    assert [i.section for i in items(branch, manager)] == sorted(
        (i.section for i in items(branch, manager)), key=list(dashboard.SECTIONS).index
    )
