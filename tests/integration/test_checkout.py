"""出入登记 (article 12) on a real archive: out and in, one carrier out once, overdue, grants."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from app.errors import Conflict, InvalidInput, NotEligible, NotPermitted
from app.models import CheckoutRecord
from app.security.roles import Role
from app.workflows import checkout, consultation, customers, signing
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.integration.helpers import audit_rows, details, last_seq
from tests.integration.test_customers import create, farmer, resident_id


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "keeper": branch.login("keeper"),
    }


CARRIERS = [
    {"kind": "纸质", "cabinet": "A1", "box": "12", "folder": "3"},
    {"kind": "磁盘", "cabinet": "A1", "box": "13"},
    {"kind": "电子", "note": "扫描件"},
]


def filed(branch: Branch, manager: Actor, seq: str = "123", **extra: Any) -> int:
    extra.setdefault("carriers", CARRIERS)
    custodian = extra.pop("custodian", None)
    ref = create(
        branch, manager, farmer("张三丰", resident_id(seq=seq), **extra), custodian=custodian
    )
    customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
    return ref.id


def carriers_of(branch: Branch, actor: Actor, archive_no: str) -> dict[str, checkout.CarrierChoice]:
    found = checkout.find_archive(branch.archive, actor, archive_no)
    return {c.kind: c for c in found.carriers}


def archive_no(branch: Branch, actor: Actor, customer_id: int) -> str:
    return customers.open_customer(branch.archive, actor, customer_id).archive_no


def out(
    branch: Branch,
    recorder: Actor,
    carrier_id: int,
    borrower: Actor,
    days: int = 7,
    **kw: Any,
) -> checkout.RegisterLine:
    return checkout.check_out(
        branch.archive,
        recorder,
        carrier_id,
        borrower_id=borrower.user_id,
        purpose=kw.pop("purpose", "贷款审查"),
        due_on=checkout.local_today() + timedelta(days=days),
        **kw,
    )


def test_out_and_in_are_registered_and_audited(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    number = archive_no(branch, manager, cid)
    found = checkout.find_archive(branch.archive, manager, number.lower())
    assert found.archive_no == number and found.refusal == ""
    # the electronic copy never leaves a shelf: only paper and disk are offered
    assert [c.kind for c in found.carriers] == ["paper", "disk"]
    paper = found.carriers[0]
    assert paper.location == "柜 A1 / 盒 12 / 卷 3" and not paper.is_out

    seq = last_seq(branch.archive)
    line = out(branch, manager, paper.carrier_id, manager, purpose="贷款审查 复核抵押物")
    assert line.is_open and line.archive_no == number and line.carrier_label == "纸质"
    assert line.borrower_login == "manager" and line.status_label == "借出中"
    assert carriers_of(branch, manager, number)["paper"].is_out
    assert [(x.id, x.is_open) for x in checkout.register(branch.archive, manager)] == [
        (line.id, True)
    ]

    back = checkout.check_in(branch.archive, people["keeper"], line.id, condition="intact")
    assert not back.is_open and back.returned_to_name == "保密员乙"
    assert back.condition_label == "完好" and back.status_label == "已归还"
    assert checkout.register(branch.archive, manager, open_only=True) == []
    assert not carriers_of(branch, manager, number)["paper"].is_out

    rows = [r for r in audit_rows(branch.archive, seq) if r.action.startswith("checkout.")]
    assert [(r.actor, r.action, r.target_id) for r in rows] == [
        ("manager", "checkout.out", number),
        ("keeper", "checkout.in", number),
    ]
    assert details(rows[0]) == {
        "checkout": line.id,
        "archive_no": number,
        "carrier": "paper",
        "borrower": "manager",
        "due": line.due_on.isoformat(),
    }
    assert details(rows[1]) == {
        "checkout": line.id,
        "archive_no": number,
        "carrier": "paper",
        "received_by": "keeper",
        "condition": "intact",
        "overdue": False,
    }
    # the purpose is the register's, never the audit log's
    assert all("抵押物" not in r.details for r in rows)


def test_a_carrier_already_out_cannot_go_out_again(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    number = archive_no(branch, manager, filed(branch, manager))
    choices = carriers_of(branch, manager, number)
    first = out(branch, manager, choices["paper"].carrier_id, manager)
    with pytest.raises(Conflict, match="尚未归还"):
        out(branch, people["keeper"], choices["paper"].carrier_id, people["keeper"])
    # the disk of the same archive is another carrier
    out(branch, manager, choices["disk"].carrier_id, manager)
    assert len(checkout.register(branch.archive, manager, open_only=True)) == 2
    checkout.check_in(branch.archive, manager, first.id)
    with pytest.raises(Conflict, match="已于"):
        checkout.check_in(branch.archive, manager, first.id)
    again = out(branch, manager, choices["paper"].carrier_id, manager)
    assert again.id != first.id


def test_a_line_survives_its_carrier_row_being_rebuilt(
    branch: Branch, people: dict[str, Actor]
) -> None:
    """Saving a draft rebuilds its carrier rows: the open line still holds the carrier."""
    manager = people["manager"]
    data = farmer("李四", resident_id(seq="456"), carriers=CARRIERS)
    ref = create(branch, manager, data)
    number = archive_no(branch, manager, ref.id)
    line = out(branch, manager, carriers_of(branch, manager, number)["paper"].carrier_id, manager)
    customers.update_draft(branch.archive, manager, ref.id, dict(data, mobile="13907380000"))
    with branch.archive.unit_of_work() as uow:
        assert uow.session.get(CheckoutRecord, line.id).carrier_id is None  # row was replaced
    paper = carriers_of(branch, manager, number)["paper"]
    assert paper.is_out and paper.checkout_id == line.id
    with pytest.raises(Conflict):
        out(branch, manager, paper.carrier_id, manager)
    checkout.check_in(branch.archive, manager, line.id)
    assert not carriers_of(branch, manager, number)["paper"].is_out


def test_overdue_lists_for_the_register_the_borrower_and_the_custodian(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    number = archive_no(branch, manager, filed(branch, manager))
    choices = carriers_of(branch, manager, number)
    line = out(branch, manager, choices["paper"].carrier_id, manager, days=1)
    soon = out(branch, keeper, choices["disk"].carrier_id, keeper, days=30)
    today = checkout.local_today()
    assert checkout.overdue(branch.archive, keeper) == []
    assert checkout.overdue(branch.archive, keeper, today=today + timedelta(days=1)) == []

    later = today + timedelta(days=5)
    late = checkout.overdue(branch.archive, keeper, today=later)
    assert [(x.id, x.overdue, x.days_late) for x in late] == [(line.id, True, 4)]
    assert late[0].status_label == "逾期 4 天"
    # the borrower and the custodian are reminded; another manager is not
    assert [x.id for x in checkout.overdue_for(branch.archive, manager, today=later)] == [line.id]
    assert [x.id for x in checkout.overdue_for(branch.archive, keeper, today=later)] == [line.id]
    assert checkout.overdue_for(branch.archive, people["manager2"], today=later) == []
    flags = {
        x.id: x.overdue
        for x in checkout.register(branch.archive, keeper, open_only=True, today=later)
    }
    assert flags == {line.id: True, soon.id: False}
    # an inspector reads the register; staff do not keep it
    inspector = branch.add_user("inspector", [Role.INSPECTOR])
    assert len(checkout.register(branch.archive, inspector)) == 2
    with pytest.raises(NotPermitted):
        checkout.register(branch.archive, people["staff"])

    seq = last_seq(branch.archive)
    back = checkout.check_in(branch.archive, keeper, line.id)
    assert back.days_late == 0  # returned within its day
    assert details(audit_rows(branch.archive, seq)[-1])["overdue"] is False


def _grant(branch: Branch, people: dict[str, Actor], ids: list[int], days: int = 5) -> int:
    ref = consultation.apply(
        branch.archive,
        people["staff"],
        ids,
        purpose="农户小额信用贷款授信评级",
        reason="核对家庭成员和经营规模",
        mode="view",
        days=days,
    )
    for login in ("manager", "director"):
        signing.decide(branch.archive, ref.id, login, PASSWORDS[login], "approve", "")
    return ref.id


def test_others_borrow_only_under_an_approved_consultation(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff, keeper = people["manager"], people["staff"], people["keeper"]
    cid = filed(branch, manager)
    other = filed(branch, manager, seq="789")
    number = archive_no(branch, manager, cid)
    paper = carriers_of(branch, manager, number)["paper"].carrier_id
    with pytest.raises(InvalidInput, match="查阅申请"):
        out(branch, keeper, paper, staff)

    # a consultation still awaiting its signatures is no permission
    pending = consultation.apply(
        branch.archive,
        staff,
        [cid],
        purpose="授信评级",
        reason="核对经营规模",
        mode="view",
        days=3,
    )
    assert checkout.grant_choices(branch.archive, keeper, staff.user_id, cid) == []
    with pytest.raises(InvalidInput, match="未获批准"):
        out(branch, keeper, paper, staff, grant_request_id=pending.id)
    # a grant for another customer does not cover this one
    elsewhere = _grant(branch, people, [other])
    with pytest.raises(InvalidInput, match="未列入"):
        out(branch, keeper, paper, staff, grant_request_id=elsewhere)

    grant = _grant(branch, people, [cid], days=5)
    choices = checkout.grant_choices(branch.archive, keeper, staff.user_id, cid)
    assert [c.request_id for c in choices] == [grant]
    # the grant is personal: it is no ground for another borrower
    with pytest.raises(InvalidInput, match="不是借用人本人"):
        out(branch, keeper, paper, people["manager2"], grant_request_id=grant)
    # and the carrier comes back before the grant ends
    with pytest.raises(InvalidInput, match="截止日期"):
        out(branch, keeper, paper, staff, days=20, grant_request_id=grant)

    seq = last_seq(branch.archive)
    line = out(branch, keeper, paper, staff, days=3, grant_request_id=grant)
    assert line.grant_serial.startswith("CY-") and line.borrower_login == "staff"
    event = audit_rows(branch.archive, seq)[-1]
    assert event.action == "checkout.out" and details(event)["grant"] == line.grant_serial


def test_who_keeps_the_register_and_what_a_line_needs(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    number = archive_no(branch, manager, filed(branch, manager))
    paper = carriers_of(branch, manager, number)["paper"].carrier_id
    # another manager keeps only their own customers' carriers
    assert checkout.find_archive(branch.archive, people["manager2"], number).refusal
    with pytest.raises(NotEligible, match="不是您管户"):
        out(branch, people["manager2"], paper, people["manager2"])
    with pytest.raises(NotPermitted):
        out(branch, people["staff"], paper, manager)
    with pytest.raises(InvalidInput, match="借用事由"):
        out(branch, manager, paper, manager, purpose="  ")
    with pytest.raises(InvalidInput, match="早于今天"):
        out(branch, manager, paper, manager, days=-1)
    with pytest.raises(InvalidInput, match="最长"):
        out(branch, manager, paper, manager, days=checkout.MAX_DAYS + 1)
    with pytest.raises(InvalidInput, match="不接触客户信息"):
        out(branch, manager, paper, branch.admin)
    with branch.archive.unit_of_work() as uow:
        electronic = uow.session.scalar(
            sa.text("SELECT id FROM carriers WHERE kind = 'electronic'")
        )
    with pytest.raises(InvalidInput, match="电子载体"):
        out(branch, manager, electronic, manager)
    assert checkout.register(branch.archive, manager) == []

    line = out(branch, manager, paper, manager)
    with pytest.raises(InvalidInput, match="状况说明"):
        checkout.check_in(branch.archive, manager, line.id, condition="incomplete")
    with pytest.raises(InvalidInput, match="不能接收"):
        checkout.check_in(branch.archive, manager, line.id, received_by_id=people["staff"].user_id)
    keepers = checkout.keepers(branch.archive, manager, line.customer_id)
    assert {p.login for p in keepers} == {"keeper", "manager"}
    back = checkout.check_in(
        branch.archive, manager, line.id, condition="incomplete", note="缺第3页"
    )
    assert back.condition_label == "缺页缺件" and back.condition_note == "缺第3页"
    assert back.returned_to_name == "用户manager"
    # the custodian keeps every archive's carriers
    assert checkout.find_archive(branch.archive, keeper, number).refusal == ""


def test_secret_tier_carriers_are_kept_by_the_custodian_only(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    cid = filed(branch, manager, seq="321", tier="机密", custodian=keeper)
    with branch.archive.unit_of_work() as uow:
        number = uow.session.scalar(sa.text(f"SELECT archive_no FROM customers WHERE id = {cid}"))
    found = checkout.find_archive(branch.archive, manager, number)
    assert found.tier_label == "机密" and "保密专管员" in found.refusal
    paper = found.carriers[0].carrier_id
    with pytest.raises(NotEligible, match="保密专管员"):
        out(branch, manager, paper, manager)
    line = out(branch, keeper, paper, manager)
    assert line.tier_label == "机密"
    with pytest.raises(NotEligible):
        checkout.check_in(branch.archive, manager, line.id)
    with pytest.raises(InvalidInput, match="保密专管员"):
        checkout.check_in(branch.archive, keeper, line.id, received_by_id=manager.user_id)
    checkout.check_in(branch.archive, keeper, line.id)


def test_the_audit_log_holds_no_purpose_text(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    number = archive_no(branch, manager, filed(branch, manager))
    line = out(
        branch,
        manager,
        carriers_of(branch, manager, number)["paper"].carrier_id,
        manager,
        purpose="核对张三丰抵押房产",
    )
    checkout.check_in(branch.archive, manager, line.id, condition="damaged", note="封皮受潮")
    text = json.dumps([r.details for r in audit_rows(branch.archive)], ensure_ascii=False)
    assert "张三丰" not in text and "受潮" not in text
