"""Modification approval (article 10) and update submissions (article 9) on a real archive."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from app.errors import (
    Conflict,
    CustodianRequired,
    InvalidInput,
    NotEligible,
    NothingChanged,
    NotPermitted,
    SeparationOfDuties,
    WrongPassword,
)
from app.models import ApprovalDecision, Customer, CustomerVersion, Request
from app.security.roles import Role
from app.workflows import attachments, customers, integrity, modification, requests, signing
from app.workflows import update_submission as updates
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.integration.test_customers import create, customer_row, events, farmer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% scan of the customer's new ID card\n%%EOF\n"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
    }


def filed(branch: Branch, manager: Actor, **extra: Any) -> int:
    ref = create(branch, manager, farmer(**extra))
    customers.file_customer(branch.archive, manager, ref.id)
    return ref.id


def content(branch: Branch, manager: Actor, customer_id: int) -> dict[str, Any]:
    return customers.open_customer(branch.archive, manager, customer_id).data


def sign(branch: Branch, request_id: int, login: str, decision: str = "approve", reason: str = ""):
    return signing.decide(branch.archive, request_id, login, PASSWORDS[login], decision, reason)


def test_approval_applies_exactly_the_diff_and_files_a_version(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    before = content(branch, manager, cid)
    wanted = dict(before, mobile="13907380000", village="桃花村")
    ref = modification.propose(
        branch.archive,
        manager,
        cid,
        wanted,
        note="客户来柜面告知",
        files=[attachments.NewAttachment("证明.pdf", PDF)],
    )
    assert ref.state == "submitted" and ref.serial.startswith("XG-")
    # the record is unchanged until the director signs
    assert content(branch, manager, cid)["mobile"] == before["mobile"]
    detail = requests.open_request(branch.archive, people["director"], ref.id)
    assert {(c.key, c.before, c.after) for c in detail.changes} == {
        ("mobile", before["mobile"], "13907380000"),
        ("village", before["village"], "桃花村"),
    }
    assert detail.can_decide and [a.filename for a in detail.attachments] == ["证明.pdf"]
    assert [line.serial for line in requests.inbox(branch.archive, people["director"])] == [
        ref.serial
    ]
    assert requests.pending_for_customer(branch.archive, manager, cid) is not None

    signed = sign(branch, ref.id, "director", reason="核实无误")
    assert signed.state == "applied"
    after = content(branch, manager, cid)
    assert after == dict(before, mobile="13907380000", village="桃花村")
    history = requests.record_history(branch.archive, manager, cid)
    assert len(history) == 1
    assert history[0].serial == ref.serial and history[0].signature_valid is True
    assert history[0].approved_by == "用户director" and history[0].requested_by == "用户manager"
    assert {c.key for c in history[0].changes} == {"mobile", "village"}
    assert customer_row(branch, cid).version == 2  # 1 when created, 2 with the approved change
    assert requests.inbox(branch.archive, people["director"]) == []
    assert requests.pending_for_customer(branch.archive, manager, cid) is None
    actions = [e.action for e in events(branch) if e.action.startswith("request.")]
    assert actions[:1] == ["request.submit"]
    assert "request.approve_final" in actions and actions[-1] == "request.apply"


def test_reject_changes_nothing_and_needs_a_reason(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    before = content(branch, manager, cid)
    ref = modification.propose(branch.archive, manager, cid, dict(before, mobile="13907380000"))
    with pytest.raises(InvalidInput):
        sign(branch, ref.id, "director", "reject", "")
    signed = sign(branch, ref.id, "director", "reject", "无证明材料")
    assert signed.state == "rejected"
    assert content(branch, manager, cid) == before
    detail = requests.open_request(branch.archive, manager, ref.id)
    assert detail.history[0].reason == "无证明材料" and detail.history[0].valid
    with pytest.raises(Conflict):
        sign(branch, ref.id, "director")


def test_nobody_approves_their_own_request_or_without_the_role(
    branch: Branch, people: dict[str, Actor]
) -> None:
    boss = branch.add_user("boss", [Role.MANAGER, Role.DIRECTOR])
    cid = filed(branch, boss)
    before = content(branch, boss, cid)
    ref = modification.propose(branch.archive, boss, cid, dict(before, mobile="13907380000"))
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "boss")
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "manager2")
    assert [s.login for s in signing.signers(branch.archive, ref.id)] == ["director"]
    assert sign(branch, ref.id, "director").state == "applied"


def test_a_wrong_password_counts_towards_the_lockout(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    ref = modification.propose(
        branch.archive, manager, cid, dict(content(branch, manager, cid), mobile="13907380000")
    )
    with pytest.raises(WrongPassword) as wrong:
        signing.decide(branch.archive, ref.id, "director", "not-the-password", "approve")
    assert wrong.value.remaining == 4
    assert any(e.action == "login.failure" for e in events(branch))
    assert customer_row(branch, cid).version == 1


def test_a_stale_request_is_refused_until_refreshed(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    first = filed(branch, manager)
    before = content(branch, manager, first)
    ref = modification.propose(branch.archive, manager, first, dict(before, mobile="13907380000"))
    # another change lands first (through its own approved request)
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, first)
        assert row is not None
        row.version += 1
        uow.commit()
    with pytest.raises(Conflict) as stale:
        sign(branch, ref.id, "director")
    assert "刷新" in str(stale.value)
    assert requests.open_request(branch.archive, manager, ref.id).stale
    modification.refresh(branch.archive, manager, ref.id)
    assert not requests.open_request(branch.archive, manager, ref.id).stale
    assert sign(branch, ref.id, "director").state == "applied"


def test_only_the_owner_proposes_and_only_on_a_change(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    before = content(branch, manager, cid)
    with pytest.raises(NotPermitted):
        modification.propose(branch.archive, people["manager2"], cid, before)
    with pytest.raises(NothingChanged):
        modification.propose(branch.archive, manager, cid, before)
    with pytest.raises(Conflict):
        modification.propose(branch.archive, manager, cid, dict(before, tier="机密"))
    first = modification.propose(branch.archive, manager, cid, dict(before, mobile="13907380000"))
    with pytest.raises(Conflict):
        modification.propose(branch.archive, manager, cid, dict(before, mobile="13907381111"))
    requests.withdraw(branch.archive, manager, first.id, "改由客户本人来办")
    detail = requests.open_request(branch.archive, manager, first.id)
    assert detail.line.state == "withdrawn" and detail.close_reason == "改由客户本人来办"
    with pytest.raises(Conflict):
        sign(branch, first.id, "director")


def test_a_tampered_decision_or_request_fails_verify(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    ref = modification.propose(
        branch.archive, manager, cid, dict(content(branch, manager, cid), mobile="13907380000")
    )
    sign(branch, ref.id, "director", reason="同意")
    auditor = branch.add_user("auditor", [Role.INSPECTOR])
    assert integrity.verify(branch.archive, auditor).sound
    # someone with the key drops the trigger and edits the reason of the decision
    with branch.archive.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER approval_decisions_no_update")
        conn.exec_driver_sql("UPDATE approval_decisions SET reason = '不同意'")
    report = integrity.verify(branch.archive, auditor)
    assert any("签名无效" in p for p in report.problems)
    detail = requests.open_request(branch.archive, manager, ref.id)
    assert detail.history[0].valid is False
    # and a changed request shows too
    with branch.archive.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE requests SET payload = replace(payload, '1390738', '1390739')")
    report = integrity.verify(branch.archive, auditor)
    assert any("校验值不符" in p for p in report.problems)


def test_decisions_are_never_edited_or_deleted(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    ref = modification.propose(
        branch.archive, manager, cid, dict(content(branch, manager, cid), mobile="13907380000")
    )
    sign(branch, ref.id, "director", "reject", "材料不全")
    for statement in (
        "UPDATE approval_decisions SET decision = 'approve'",
        "DELETE FROM approval_decisions",
    ):
        with pytest.raises(sa.exc.DBAPIError), branch.archive.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(ApprovalDecision)) == 1


def test_attachments_round_trip_and_are_refused_when_wrong(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    cid = filed(branch, manager)
    before = content(branch, manager, cid)
    with pytest.raises(InvalidInput) as wrong:
        modification.propose(
            branch.archive,
            manager,
            cid,
            dict(before, mobile="13907380000"),
            files=[attachments.NewAttachment("病毒.exe", b"MZ\x90\x00")],
        )
    assert "PDF、JPEG 或 PNG" in str(wrong.value)
    with pytest.raises(InvalidInput) as big:
        modification.propose(
            branch.archive,
            manager,
            cid,
            dict(before, mobile="13907380000"),
            files=[attachments.NewAttachment("大.png", PNG + b"\0" * attachments.MAX_BYTES)],
        )
    assert "MB" in str(big.value)
    with branch.archive.unit_of_work() as uow:  # nothing half-written
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0
    ref = modification.propose(
        branch.archive,
        manager,
        cid,
        dict(before, mobile="13907380000"),
        files=[attachments.NewAttachment("户口本.png", PNG)],
    )
    detail = requests.open_request(branch.archive, people["director"], ref.id)
    name, kind, data = requests.attachment(
        branch.archive, people["director"], detail.attachments[0].id
    )
    assert (name, kind, data) == ("户口本.png", "image/png", PNG)
    with pytest.raises(NotPermitted):
        requests.attachment(branch.archive, people["staff"], detail.attachments[0].id)
    branch.archive.close()
    marker = b"scan of the customer's new ID card"
    for path in branch.root.rglob("*"):
        if path.is_file():
            assert marker not in path.read_bytes()


def test_an_update_submission_becomes_the_managers_modification(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff = people["manager"], people["staff"]
    cid = filed(branch, manager)
    before = content(branch, manager, cid)
    keys = {f.key for f in updates.fields_for(branch.archive, staff, cid)}
    assert {"mobile", "village"} <= keys
    with pytest.raises(InvalidInput):
        updates.submit(branch.archive, staff, cid, {"mobile": "12345"}, note="客户来电")
    ref = updates.submit(
        branch.archive,
        staff,
        cid,
        {"mobile": "13907380000"},
        note="客户来柜面告知新号码",
        files=[attachments.NewAttachment("身份证.pdf", PDF)],
    )
    assert ref.serial.startswith("GX-")
    assert [line.serial for line in requests.inbox(branch.archive, manager)] == [ref.serial]
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "manager2")
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "director")
    accepted = sign(branch, ref.id, "manager", reason="已核实")
    assert accepted.state == "applied"
    assert content(branch, manager, cid) == before  # still needs the director
    detail = requests.open_request(branch.archive, manager, ref.id)
    assert len(detail.child_serials) == 1
    child = requests.inbox(branch.archive, people["director"])[0]
    assert child.serial == detail.child_serials[0] and child.requester_name == "用户manager"
    child_detail = requests.open_request(branch.archive, people["director"], child.id)
    assert [a.filename for a in child_detail.attachments] == ["身份证.pdf"]
    assert child_detail.parent_serial == ref.serial
    sign(branch, child.id, "director")
    assert content(branch, manager, cid)["mobile"] == "13907380000"


def test_a_rejected_update_submission_stays_on_record(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff = people["manager"], people["staff"]
    cid = filed(branch, manager)
    ref = updates.submit(branch.archive, staff, cid, {"mobile": "13907380000"}, note="客户来电")
    sign(branch, ref.id, "manager", "reject", "号码未经客户本人确认")
    mine = requests.mine(branch.archive, staff)
    assert [(m.serial, m.state) for m in mine] == [(ref.serial, "rejected")]
    detail = requests.open_request(branch.archive, staff, ref.id)
    assert detail.history[0].reason == "号码未经客户本人确认"


def test_secret_tier_modification_needs_the_custodian(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    keeper = branch.login("keeper")
    ref = create(branch, manager, farmer(tier="机密"), custodian=keeper)
    customers.file_customer(branch.archive, manager, ref.id, custodian=keeper)
    data = customers.open_customer(branch.archive, manager, ref.id, custodian=keeper).data
    with pytest.raises(CustodianRequired):
        modification.propose(branch.archive, manager, ref.id, dict(data, mobile="13907380000"))
    req = modification.propose(
        branch.archive, manager, ref.id, dict(data, mobile="13907380000"), custodian=keeper
    )
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Request, req.id)
        assert row is not None and row.payload == "" and row.payload_in_vault
    with pytest.raises(CustodianRequired):
        requests.open_request(branch.archive, people["director"], req.id)
    with pytest.raises(CustodianRequired):
        sign(branch, req.id, "director")
    signing.decide(
        branch.archive, req.id, "director", PASSWORDS["director"], "approve", custodian=keeper
    )
    opened = customers.open_customer(branch.archive, manager, ref.id, custodian=keeper)
    assert opened.data["mobile"] == "13907380000"
    history = requests.record_history(branch.archive, manager, ref.id, custodian=keeper)
    assert history[0].changes[0].after == "13907380000"
    with branch.archive.unit_of_work() as uow:
        version = uow.session.scalar(sa.select(CustomerVersion))
        assert version is not None and version.changes == ""


def test_a_secret_tier_update_submission_is_kept_in_the_vault(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff = people["manager"], people["staff"]
    keeper = branch.login("keeper")
    ref = create(branch, manager, farmer(tier="绝密"), custodian=keeper)
    customers.file_customer(branch.archive, manager, ref.id, custodian=keeper)
    with pytest.raises(CustodianRequired):
        updates.submit(branch.archive, staff, ref.id, {"mobile": "13907380000"}, note="来电")
    sub = updates.submit(
        branch.archive, staff, ref.id, {"mobile": "13907380000"}, note="来电", custodian=keeper
    )
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Request, sub.id)
        assert row is not None and row.payload_in_vault and "13907380000" not in row.payload
    signing.decide(
        branch.archive, sub.id, "manager", PASSWORDS["manager"], "approve", custodian=keeper
    )
    child = requests.inbox(branch.archive, people["director"])[0]
    signing.decide(
        branch.archive, child.id, "director", PASSWORDS["director"], "approve", custodian=keeper
    )
    opened = customers.open_customer(branch.archive, manager, ref.id, custodian=keeper)
    assert opened.data["mobile"] == "13907380000"
