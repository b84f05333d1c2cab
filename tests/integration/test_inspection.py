"""年度检查 (article 11) on a real archive: each automated finding, the checklist, the two
signatures on the approval engine, the closed record, tamper detection, the printed report."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta
from typing import Any

import pypdf
import pytest
import sqlalchemy as sa

from app.errors import (
    Conflict,
    InvalidInput,
    NotEligible,
    NotPermitted,
    SeparationOfDuties,
    WrongPassword,
)
from app.models import AuditEvent, Inspection, Request
from app.models.base import utcnow
from app.printing.inspection_report import (
    InspectionReport,
    ReportCheck,
    ReportFinding,
    render_report,
)
from app.security import audit
from app.security.roles import Role
from app.storage.archive import Archive
from app.workflows import (
    checkout,
    customers,
    incidents,
    inspection,
    modification,
    reconciliation,
    signing,
    transfers,
)
from app.workflows.auth import Actor
from app.workflows.inspection import Finding, InspectionView
from tests.conftest import PASSWORDS, Branch
from tests.integration.helpers import audit_actions, details, last_seq
from tests.integration.test_consultation import apply, end_in_the_past, granted
from tests.integration.test_customers import create, farmer, resident_id

CODES = (
    "incomplete_archives",
    "outdated_template",
    "retention_due",
    "overdue_checkouts",
    "overdue_transfers",
    "expired_grants",
    "stale_requests",
    "invalid_signatures",
    "audit_chain",
    "custodians",
    "unused_accounts",
    "reconciliation",
    "open_incidents",
)


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "inspector": branch.add_user("inspector", [Role.INSPECTOR]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "keeper": branch.login("keeper"),
    }


def sql(archive: Archive, statement: str, **params: object) -> None:
    """What someone with the key and an SQL prompt (or the passing of time) does."""
    with archive.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def filed(
    branch: Branch, manager: Actor, name: str, seq: str, **extra: Any
) -> customers.CustomerRef:
    ref = create(branch, manager, farmer(name, resident_id(seq=seq), **extra))
    return customers.file_customer(branch.archive, manager, ref.id)


def findings(branch: Branch, inspector: Actor) -> dict[str, Finding]:
    result = inspection.compute_findings(branch.archive, inspector)
    assert [f.code for f in result] == list(CODES)
    return {f.code: f for f in result}


def refs(finding: Finding) -> list[str]:
    return [item.ref for item in finding.items]


def answer_all(branch: Branch, actor: Actor, view: InspectionView, **override: tuple[str, str]):
    answers = {line.key: ("符合", "") for line in view.checklist}
    answers.update(override)
    return inspection.save_checklist(branch.archive, actor, view.id, answers)


def submitted(branch: Branch, people: dict[str, Actor]) -> InspectionView:
    inspector = people["inspector"]
    view = inspection.open_inspection(branch.archive, inspector)
    view = answer_all(branch, inspector, view, storage_place=("不符合", "3 号柜锁损坏,限期更换"))
    return inspection.submit(branch.archive, inspector, view.id, PASSWORDS["inspector"])


def sign(branch: Branch, request_id: int, login: str, decision: str = "approve", reason: str = ""):
    return signing.decide(branch.archive, request_id, login, PASSWORDS[login], decision, reason)


def row_of(branch: Branch, inspection_id: int) -> Inspection:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Inspection, inspection_id)
        assert row is not None
        uow.session.expunge(row)
        return row


def request_of(branch: Branch, request_id: int) -> Request:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Request, request_id)
        assert row is not None
        uow.session.expunge(row)
        return row


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages)


# --- the findings, each from a prepared archive ----------------------------------------------------


def test_a_sound_archive_has_nothing_to_report(branch: Branch, people: dict[str, Actor]) -> None:
    found = findings(branch, people["inspector"])
    for code in CODES:
        if code != "reconciliation":
            assert found[code].severity == "ok", (code, found[code])
    assert found["reconciliation"].severity == "attention"  # no stock-take yet
    assert "还没有帐实核对记录" in found["reconciliation"].summary
    assert refs(found["custodians"]) == ["keeper"]  # the ok case names who holds the post
    assert found["audit_chain"].count == 0 and "链完整" in found["audit_chain"].summary


def test_incomplete_and_outdated_filed_records(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    a = filed(branch, manager, "客户甲", "201")
    b = filed(branch, manager, "客户乙", "202")
    draft = create(branch, manager, farmer("客户丙", resident_id(seq="203"), mobile=None))
    # a template revised since: the stored completeness and version are what the record was filed under
    sql(branch.archive, "UPDATE customers SET completeness = 80 WHERE id = :id", id=a.id)
    sql(branch.archive, "UPDATE customers SET template_version = 0 WHERE id = :id", id=b.id)

    found = findings(branch, people["inspector"])
    incomplete = found["incomplete_archives"]
    assert (incomplete.severity, incomplete.count) == ("problem", 1)
    assert refs(incomplete) == [a.archive_no]  # the draft is not an archive yet
    assert draft.archive_no not in refs(incomplete)
    assert "完整度 80%" in incomplete.items[0].detail and "manager" in incomplete.items[0].detail
    outdated = found["outdated_template"]
    assert (outdated.severity, refs(outdated)) == ("attention", [b.archive_no])
    assert "第 0 版" in outdated.items[0].detail
    # never the customer's content
    assert "客户甲" not in json.dumps([f.as_json() for f in found.values()], ensure_ascii=False)


def test_an_archive_past_its_retention(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    old = filed(branch, manager, "客户甲", "211")
    filed(branch, manager, "客户乙", "212")
    sql(branch.archive, "UPDATE customers SET updated_at = '1950-06-01' WHERE id = :id", id=old.id)

    due = findings(branch, people["inspector"])["retention_due"]
    assert (due.severity, refs(due)) == ("attention", [old.archive_no])
    assert "保管 30 年,1980-06-01 到期" in due.items[0].detail


def test_an_overdue_checkout_and_an_overdue_transfer(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    ref = filed(branch, manager, "客户甲", "221")
    carrier = checkout.find_archive(branch.archive, manager, ref.archive_no).carriers[0]
    line = checkout.check_out(
        branch.archive,
        manager,
        carrier.carrier_id,
        borrower_id=manager.user_id,
        purpose="贷款审查",
        due_on=checkout.local_today() + timedelta(days=3),
    )
    before = findings(branch, people["inspector"])
    assert before["overdue_checkouts"].severity == "ok"  # out, but not yet due
    late = checkout.local_today() - timedelta(days=5)
    sql(
        branch.archive, "UPDATE checkout_records SET due_on = :d WHERE id = :id", d=late, id=line.id
    )
    now = utcnow()
    transfers.record(
        branch.archive,
        manager,
        transfers.NewTransfer(
            kind="carry",
            item="客户甲贷款档案原件 1 卷",
            responsible_login="staff",
            from_place="信用社档案室",
            to_place="联社稽核部",
            safety_measures="密封袋封装,专人随身携带",
            out_at=now - timedelta(days=3),
            expected_return=now - timedelta(days=1),
            archive_no=ref.archive_no,
        ),
    )

    found = findings(branch, people["inspector"])
    overdue = found["overdue_checkouts"]
    assert (overdue.severity, refs(overdue)) == ("problem", [ref.archive_no])
    assert "借用人 manager" in overdue.items[0].detail and "逾期 5 天" in overdue.items[0].detail
    moved = found["overdue_transfers"]
    assert (moved.severity, moved.count) == ("problem", 1)
    assert ref.archive_no in moved.items[0].detail and "负责人 staff" in moved.items[0].detail
    assert "客户甲" not in moved.items[0].detail  # the free text of the register is not copied


def test_a_grant_past_its_end_a_stale_request_and_a_tampered_signature(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    a = filed(branch, manager, "客户甲", "231")
    b = filed(branch, manager, "客户乙", "232")
    grant = granted(branch, people, [a.id])
    end_in_the_past(branch, grant)
    pending = apply(branch, people["staff"], [b.id])
    sql(
        branch.archive,
        "UPDATE requests SET created_at = :t WHERE id = :id",
        t=utcnow() - timedelta(days=31),
        id=pending.id,
    )
    fresh = modification.propose(
        branch.archive,
        manager,
        b.id,
        dict(customers.open_customer(branch.archive, manager, b.id).data, village="桃花村"),
    )
    grant_serial = request_of(branch, grant).serial

    found = findings(branch, people["inspector"])
    expired = found["expired_grants"]
    assert (expired.severity, refs(expired)) == ("attention", [grant_serial])
    assert "申请人 staff" in expired.items[0].detail
    stale = found["stale_requests"]
    assert (stale.severity, refs(stale)) == ("attention", [pending.serial])
    assert fresh.serial not in refs(stale)  # pending, but not for 30 days
    assert "审批中" in stale.items[0].detail and "客户经理审核" in stale.items[0].detail
    assert found["invalid_signatures"].severity == "ok"

    # someone edits the approved application's content behind the program's back
    payload = json.loads(request_of(branch, grant).payload)
    payload["purpose"] = "改过的用途"
    sql(
        branch.archive,
        "UPDATE requests SET payload = :p WHERE id = :id",
        p=json.dumps(payload, ensure_ascii=False),
        id=grant,
    )
    bad = findings(branch, people["inspector"])["invalid_signatures"]
    assert bad.severity == "problem" and bad.count >= 2  # the content and each decision on it
    assert all(grant_serial in item.detail for item in bad.items)


def test_custodians_unused_accounts_and_open_incidents(
    branch: Branch, people: dict[str, Actor]
) -> None:
    sql(
        branch.archive,
        "UPDATE users SET last_login_at = :t WHERE login = 'staff'",
        t=utcnow() - timedelta(days=100),
    )
    sql(
        branch.archive,
        "UPDATE users SET last_login_at = NULL, created_at = :t WHERE login = 'manager2'",
        t=utcnow() - timedelta(days=91),
    )
    sql(
        branch.archive,
        "UPDATE users SET last_login_at = :t, status = 'disabled' WHERE login = 'director'",
        t=utcnow() - timedelta(days=200),
    )
    report = incidents.report(
        branch.archive,
        people["staff"],
        description="客户资料复印件遗落在营业厅柜台",
        discovered_at=utcnow(),
        measures="已收回复印件,调阅监控",
    )

    found = findings(branch, people["inspector"])
    unused = found["unused_accounts"]
    assert (unused.severity, refs(unused)) == ("attention", ["manager2", "staff"])  # not disabled
    assert "从未登录" in unused.items[0].detail and "最后登录" in unused.items[1].detail
    assert found["custodians"].severity == "ok"
    leaks = found["open_incidents"]
    assert (leaks.severity, refs(leaks)) == ("problem", [report.serial])

    # no custodian in post (the accounts workflow refuses to remove the last one; SQL does not)
    sql(branch.archive, "UPDATE users SET status = 'disabled' WHERE login = 'keeper'")
    custodians = findings(branch, people["inspector"])["custodians"]
    assert (custodians.severity, custodians.count) == ("problem", 0)
    assert "没有在岗的保密专管员" in custodians.summary


def test_the_last_reconciliation_and_its_differences(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    a = filed(branch, manager, "客户甲", "241")
    b = filed(branch, manager, "客户乙", "242")
    reconciliation.save(
        branch.archive, keeper, [a.archive_no, b.archive_no], password=PASSWORDS["keeper"]
    )
    assert findings(branch, people["inspector"])["reconciliation"].severity == "ok"

    saved = reconciliation.save(
        branch.archive, keeper, [a.archive_no], password=PASSWORDS["keeper"]
    )
    last = findings(branch, people["inspector"])["reconciliation"]
    assert (last.severity, refs(last)) == ("problem", [b.archive_no])
    assert saved.serial in last.summary and "帐实不符 1 处" in last.summary
    assert "缺失" in last.items[0].detail

    sql(branch.archive, "UPDATE reconciliations SET found_count = 7 WHERE id = :id", id=saved.id)
    found = findings(branch, people["inspector"])
    assert "签名无效" in found["reconciliation"].summary
    assert any(saved.serial in item.detail for item in found["invalid_signatures"].items)


# --- the record: open, checklist, signatures --------------------------------------------------------


def test_opening_makes_one_record_per_year(branch: Branch, people: dict[str, Actor]) -> None:
    inspector, director = people["inspector"], people["director"]
    assert inspection.inspection_for(branch.archive, director, inspection.current_year()) is None
    with pytest.raises(NotPermitted):
        inspection.open_inspection(branch.archive, director)  # reads, does not perform
    with pytest.raises(NotPermitted):
        inspection.open_inspection(branch.archive, people["staff"])
    assert inspection.awaiting_inspector(branch.archive, inspector)
    assert not inspection.awaiting_inspector(branch.archive, director)

    seq = last_seq(branch.archive)
    view = inspection.open_inspection(branch.archive, inspector)
    assert (view.year, view.state, view.state_label) == (
        inspection.current_year(),
        "open",
        "检查中",
    )
    assert view.editable and not view.can_sign and view.serial == ""
    assert [f.code for f in view.findings] == list(CODES)
    assert [c.key for c in view.checklist] == [c.key for c in inspection.CHECKLIST]
    assert all(c.result_label == "未检查" for c in view.checklist)
    events = [a for a in audit_actions(branch.archive, seq) if a[1].startswith("inspection.")]
    assert events == [("inspector", "inspection.open", str(view.year))]

    again = inspection.open_inspection(branch.archive, inspector)
    assert again.id == view.id
    assert not [a for a in audit_actions(branch.archive, seq) if a[1] == "inspection.open"][1:]
    seen = inspection.open_inspection(branch.archive, director)  # the director reads it
    assert seen.id == view.id and not seen.editable

    # a past year stays readable; a year without a record cannot be made afterwards
    sql(branch.archive, "UPDATE inspections SET year = year - 1 WHERE id = :id", id=view.id)
    year = inspection.current_year()
    assert inspection.years(branch.archive, director) == [year, year - 1]
    assert inspection.open_inspection(branch.archive, director, year - 1).id == view.id
    with pytest.raises(InvalidInput, match=f"{year - 2} 年度没有年度检查记录"):
        inspection.open_inspection(branch.archive, inspector, year - 2)
    assert inspection.open_inspection(branch.archive, inspector).id != view.id


def test_checklist_refresh_and_what_submission_needs(
    branch: Branch, people: dict[str, Actor]
) -> None:
    inspector, manager = people["inspector"], people["manager"]
    view = inspection.open_inspection(branch.archive, inspector)
    with pytest.raises(InvalidInput, match="10 项未填写结果"):
        inspection.submit(branch.archive, inspector, view.id, PASSWORDS["inspector"])
    with pytest.raises(InvalidInput, match="符合"):
        inspection.save_checklist(branch.archive, inspector, view.id, {"destruction": ("也许", "")})
    with pytest.raises(InvalidInput, match="没有“nothing”"):
        inspection.save_checklist(branch.archive, inspector, view.id, {"nothing": ("符合", "")})
    with pytest.raises(NotPermitted):
        answer_all(branch, people["director"], view)

    view = answer_all(branch, inspector, view, staff_awareness=("不符合", ""))
    assert view.unchecked == 0 and view.failed == 1
    line = next(c for c in view.checklist if c.key == "staff_awareness")
    assert (line.result, line.result_label) == ("fail", "不符合")
    with pytest.raises(InvalidInput, match="请在说明中写明"):
        inspection.submit(branch.archive, inspector, view.id, PASSWORDS["inspector"])
    view = inspection.save_checklist(
        branch.archive,
        inspector,
        view.id,
        {"staff_awareness": ("fail", "抽问两人,一人不知“三不准”")},
    )
    assert next(c for c in view.checklist if c.key == "staff_awareness").note.startswith("抽问")

    ref = filed(branch, manager, "客户甲", "251")
    sql(branch.archive, "UPDATE customers SET completeness = 50 WHERE id = :id", id=ref.id)
    assert view.finding("incomplete_archives").count == 0
    seq = last_seq(branch.archive)
    view = inspection.refresh_findings(branch.archive, inspector, view.id)
    assert refs(view.finding("incomplete_archives")) == [ref.archive_no]
    event = [r for r in audit_actions(branch.archive, seq) if r[1] == "inspection.refresh"]
    assert event == [("inspector", "inspection.refresh", str(view.year))]

    before = row_of(branch, view.id)
    with pytest.raises(WrongPassword):
        inspection.submit(branch.archive, inspector, view.id, "Falsch2026x")
    after = row_of(branch, view.id)
    assert (after.request_id, after.signature, after.checklist) == (None, None, before.checklist)


def test_the_inspector_signs_then_the_director(branch: Branch, people: dict[str, Actor]) -> None:
    inspector2 = branch.add_user("inspector2", [Role.INSPECTOR])
    seq = last_seq(branch.archive)
    view = submitted(branch, people)
    year = view.year
    assert (view.state, view.state_label, view.editable) == ("submitted", "待主任签署", False)
    assert re.fullmatch(rf"JC-{datetime.now().year}-0000\d\d", view.serial)
    [mine] = view.signatures
    assert (mine.role_label, mine.login, mine.decision_label, mine.valid) == (
        "检查人员",
        "inspector",
        "提交",
        True,
    )

    # the signed content: findings, checklist and the chain head at submission
    request = request_of(branch, view.request_id or 0)
    payload = json.loads(request.payload)
    assert request.kind == "inspection" and request.requester_id == people["inspector"].user_id
    assert {"findings", "checklist", "chain"} <= set(payload)
    assert payload["chain"] == {"seq": view.chain_seq, "hash": view.chain_hash}
    rows = {r.seq: r for r in _events(branch, seq)}
    submit_event = next(r for r in rows.values() if r.action == "inspection.submit")
    assert view.chain_seq is not None and view.chain_seq < submit_event.seq
    assert rows[view.chain_seq].hash == view.chain_hash  # the head as it was when signing
    assert details(submit_event) == {
        "year": year,
        "serial": view.serial,
        "problems": view.problems,
        "attention": view.attention,
        "failed": 1,
        "head_seq": view.chain_seq,
    }
    assert [f["code"] for f in payload["findings"]] == list(CODES)
    assert inspection.approvals.content_hash(request.payload) == view.content_hash

    with pytest.raises(Conflict, match="已提交主任签署"):
        answer_all(branch, people["inspector"], view)
    with pytest.raises(Conflict):
        inspection.refresh_findings(branch.archive, people["inspector"], view.id)
    with pytest.raises(SeparationOfDuties):
        sign(branch, request.id, "inspector")
    with pytest.raises(NotEligible, match="主任签署"):
        sign(branch, request.id, "inspector2")
    assert request_of(branch, request.id).state == "submitted"  # nothing recorded
    assert inspection.load(branch.archive, people["director"], view.id).can_sign
    assert not inspection.load(branch.archive, inspector2, view.id).can_sign
    assert not inspection.awaiting_inspector(branch.archive, people["inspector"])

    signed = sign(branch, request.id, "director", reason="按期整改")
    assert signed.state == "applied"
    closed = inspection.load(branch.archive, people["director"], view.id)
    assert (closed.state, closed.state_label, closed.editable) == ("closed", "已签署", False)
    assert closed.closed_at is not None
    assert [(s.role_label, s.login, s.decision_label, s.valid) for s in closed.signatures] == [
        ("检查人员", "inspector", "提交", True),
        ("主任签署", "director", "同意", True),
    ]
    actions = [(a, action) for a, action, _t in audit_actions(branch.archive, seq)]
    for expected in (
        ("inspector", "inspection.submit"),
        ("inspector", "request.submit"),
        ("director", "request.approve_final"),
        ("director", "request.apply"),
    ):
        assert expected in actions

    # read-only from now on: the workflow refuses, and so does the database
    with pytest.raises(Conflict, match="已由主任签署"):
        answer_all(branch, people["inspector"], view)
    with pytest.raises(sa.exc.DBAPIError, match="read-only"):
        sql(branch.archive, "UPDATE inspections SET checklist = '[]' WHERE id = :id", id=view.id)
    with pytest.raises(sa.exc.DBAPIError, match="never deleted"):
        sql(branch.archive, "DELETE FROM inspections WHERE id = :id", id=view.id)
    # and it stays readable for those who inspect or oversee
    head = branch.add_user("head", [Role.SERVICE_HEAD])
    assert inspection.inspection_for(branch.archive, head, year).signatures_valid  # type: ignore[union-attr]


def _events(branch: Branch, after: int) -> list[AuditEvent]:
    with branch.archive.unit_of_work() as uow:
        rows = list(
            uow.session.scalars(
                sa.select(AuditEvent).where(AuditEvent.seq >= after).order_by(AuditEvent.seq)
            )
        )
        uow.session.expunge_all()
        return rows


def test_a_rejected_record_goes_back_to_the_inspector(
    branch: Branch, people: dict[str, Actor]
) -> None:
    view = submitted(branch, people)
    first = view.serial
    sign(branch, view.request_id or 0, "director", "reject", "请补充 3 号柜整改期限")
    back = inspection.load(branch.archive, people["inspector"], view.id)
    assert (back.state, back.editable, back.rejection) == ("open", True, "请补充 3 号柜整改期限")
    assert back.signatures == () and back.chain_seq is None
    assert inspection.awaiting_inspector(branch.archive, people["inspector"])

    back = inspection.save_checklist(
        branch.archive,
        people["inspector"],
        view.id,
        {"storage_place": ("不符合", "3 号柜锁损坏,月底前更换")},
    )
    again = inspection.submit(branch.archive, people["inspector"], view.id, PASSWORDS["inspector"])
    assert again.serial != first and again.state == "submitted"
    assert again.signatures[0].valid
    sign(branch, again.request_id or 0, "director")
    assert inspection.load(branch.archive, people["director"], view.id).state == "closed"
    # the rejected submission keeps its own request, hash and signed rejection
    with branch.archive.unit_of_work() as uow:
        assert inspection.approvals.verify_all(uow.session, branch.archive.archive_id) == []
        assert inspection.verify_all(uow.session, branch.archive.archive_id) == []


def test_tampering_shows_as_invalid_signatures(branch: Branch, people: dict[str, Actor]) -> None:
    view = submitted(branch, people)
    row = row_of(branch, view.id)
    edited = json.loads(row.checklist)
    edited[2]["result"] = "pass"  # the failed storage item made to look fine
    sql(
        branch.archive,
        "UPDATE inspections SET checklist = :c WHERE id = :id",
        c=json.dumps(edited, ensure_ascii=False),
        id=view.id,
    )

    tampered = inspection.load(branch.archive, people["director"], view.id)
    assert not tampered.signatures[0].valid and not tampered.signatures_valid
    with pytest.raises(Conflict, match="与检查人员签署时不符"):
        sign(branch, view.request_id or 0, "director")
    with branch.archive.unit_of_work() as uow:
        problems = inspection.verify_all(uow.session, branch.archive.archive_id)
    assert problems == [f"{view.year} 年度检查记录的检查人员签名无效(记录可能被改动)"]
    sql(
        branch.archive,
        "UPDATE inspections SET checklist = :c WHERE id = :id",
        c=row.checklist,
        id=view.id,
    )
    assert inspection.load(branch.archive, people["director"], view.id).signatures_valid

    sign(branch, view.request_id or 0, "director")
    # after closing: someone drops the trigger and changes the chain head, or the request
    sql(branch.archive, "DROP TRIGGER inspections_closed_no_update")
    sql(
        branch.archive,
        "UPDATE inspections SET chain_hash = :h WHERE id = :id",
        h="0" * 64,
        id=view.id,
    )
    closed = inspection.load(branch.archive, people["inspector"], view.id)
    assert [s.valid for s in closed.signatures] == [False, True]
    sql(
        branch.archive,
        "UPDATE inspections SET chain_hash = :h WHERE id = :id",
        h=row.chain_hash,
        id=view.id,
    )
    request = request_of(branch, view.request_id or 0)
    sql(
        branch.archive,
        "UPDATE requests SET payload = :p WHERE id = :id",
        p=request.payload.replace("不符合", "符合"),
        id=request.id,
    )
    closed = inspection.load(branch.archive, people["inspector"], view.id)
    assert [s.valid for s in closed.signatures] == [False, False]
    # and next year's inspection says so
    bad = inspection.compute_findings(branch.archive, people["inspector"])[7]
    assert bad.code == "invalid_signatures" and bad.severity == "problem"
    assert any("年度检查记录" in item.detail for item in bad.items)


# --- the printed report -------------------------------------------------------------------------------


def test_the_report_reads_back_with_findings_chain_head_and_signatures(
    branch: Branch, people: dict[str, Actor]
) -> None:
    view = submitted(branch, people)
    sign(branch, view.request_id or 0, "director")
    view = inspection.load(branch.archive, people["director"], view.id)
    data = inspection.report_pdf(branch.archive, people["director"], view.id)
    text = re.sub(r"\s+", "", pdf_text(data))
    assert f"{view.year}年度客户信息保管状况年度检查报告" in text
    for finding in view.findings:
        assert finding.title in text, finding.title
    for line in inspection.CHECKLIST:
        assert line.label[:12] in text
    assert f"第{view.chain_seq}条{view.chain_hash}" in text
    assert view.content_hash in text
    assert view.serial in text and "3号柜锁损坏" in text
    for signature in view.signatures:  # each verified when printed
        assert f"{signature.fingerprint}有效" in text
    assert "打印人:用户director" in text and "第1页共" in text
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == "客户信息保管状况年度检查报告"

    seq = last_seq(branch.archive)
    inspection.record_output(branch.archive, people["director"], view.id, "print")
    with pytest.raises(InvalidInput):
        inspection.record_output(branch.archive, people["director"], view.id, "fax")
    assert audit_actions(branch.archive, seq) == [("director", "inspection.print", str(view.year))]
    with pytest.raises(NotPermitted):
        inspection.report_pdf(branch.archive, people["staff"], view.id)


def test_long_findings_are_capped_and_paginated() -> None:
    items = tuple((f"LY-0101-G-2026-{i:06d}", f"完整度 {i % 100}%") for i in range(1, 121))
    report = InspectionReport(
        branch_name="涟源市某某信用社",
        year=2026,
        serial="JC-2026-000001",
        state_label="已签署",
        opened_by="用户inspector",
        opened_at=datetime(2026, 1, 5, 9, 0),
        findings_at=datetime(2026, 1, 5, 9, 1),
        findings=tuple(
            ReportFinding(f"检查项目{n}", "problem", "问题", 120, "说明", "第5条", items)
            for n in range(1, 4)
        ),
        checklist=(ReportCheck("载体完好", "第6条", "符合", ""),),
        chain_seq=42,
        chain_hash="ab" * 32,
        content_hash="cd" * 32,
        signatures=(),
        printed_by="用户director",
        printed_at=datetime(2026, 1, 6, 10, 0),
    )
    out = io.BytesIO()
    render_report(report, out)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    pages = len(reader.pages)
    assert pages > 1 and f"第{pages}页共{pages}页" in text
    assert text.count("等120项") == 3
    assert "LY-0101-G-2026-000030" in text and "LY-0101-G-2026-000031" not in text
    assert "尚未签署" in text


def test_the_chain_head_is_the_one_at_submission(branch: Branch, people: dict[str, Actor]) -> None:
    view = submitted(branch, people)
    with branch.archive.unit_of_work() as uow:
        now_seq, now_hash = audit.chain_head(uow.session)
    assert (
        view.chain_seq is not None and now_seq > view.chain_seq
    )  # the submission's events came after
    assert now_hash != view.chain_hash
