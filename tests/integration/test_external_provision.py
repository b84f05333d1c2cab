"""External provision (article 17.3): the manager's and the director's approval, then one file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from app.errors import (
    Conflict,
    CustodianRequired,
    InvalidInput,
    NotEligible,
    NotPermitted,
    SeparationOfDuties,
)
from app.models import ExternalProvision, Request
from app.security.roles import Role
from app.workflows import customers, requests, signing
from app.workflows import external_provision as external
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.integration.helpers import audit_rows, details, last_seq
from tests.integration.test_customers import create, farmer, resident_id

RECIPIENT = "涟源市人民法院"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "staff2": branch.add_user("staff2", [Role.STAFF]),
    }


def filed(branch: Branch, manager: Actor, name: str, seq: str, **extra: Any) -> int:
    custodian = extra.pop("custodian", None)
    ref = create(branch, manager, farmer(name, resident_id(seq=seq), **extra), custodian=custodian)
    customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
    return ref.id


def apply(branch: Branch, actor: Actor, ids: list[int], fields: list[str], **kw: Any):
    values: dict[str, Any] = {
        "recipient_org": RECIPIENT,
        "recipient_person": "李法官",
        "purpose": "执行案件财产调查",
        "legal_basis": "(2026)湘1382执123号协助查询通知书",
        "delivery": "纸质",
    }
    values.update(kw)
    return external.apply(branch.archive, actor, ids, fields, **values)


def sign(branch: Branch, request_id: int, login: str, decision: str = "approve", reason: str = ""):
    return signing.decide(branch.archive, request_id, login, PASSWORDS[login], decision, reason)


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def register_line(branch: Branch, request_id: int) -> ExternalProvision | None:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.scalar(
            sa.select(ExternalProvision).where(ExternalProvision.request_id == request_id)
        )
        if row is not None:
            uow.session.expunge(row)
        return row


def test_nothing_is_produced_before_both_approvals(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["name", "mobile"])
    assert ref.serial.startswith("DW-") and ref.state == "submitted"
    out = tmp_path / "交付.pdf"
    with pytest.raises(Conflict, match="批准"):
        external.produce(branch.archive, people["staff"], ref.id, out)
    # the director cannot go first: the customer's manager decides the first step
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "director")
    assert [line.serial for line in requests.inbox(branch.archive, people["manager"])] == [
        ref.serial
    ]
    assert sign(branch, ref.id, "manager").state == "submitted"
    with pytest.raises(Conflict, match="批准"):
        external.produce(branch.archive, people["staff"], ref.id, out)
    assert not out.exists() and register_line(branch, ref.id) is None
    assert sign(branch, ref.id, "director").state == "approved"
    produced = external.produce(branch.archive, people["staff"], ref.id, out)
    assert produced.path == out and out.exists()


def test_a_rejected_or_withdrawn_application_never_produces(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["name"])
    sign(branch, ref.id, "manager")
    assert sign(branch, ref.id, "director", "reject", "法律依据不足").state == "rejected"
    with pytest.raises(Conflict):
        external.produce(branch.archive, people["staff"], ref.id, tmp_path / "a.pdf")
    second = apply(branch, people["staff"], [cid], ["name"])
    sign(branch, second.id, "manager")
    sign(branch, second.id, "director")
    requests.withdraw(branch.archive, people["staff"], second.id, "对方已撤回查询")
    with pytest.raises(Conflict):
        external.produce(branch.archive, people["staff"], second.id, tmp_path / "b.pdf")
    assert not list(tmp_path.glob("*.pdf"))


def test_one_person_holding_both_roles_cannot_approve_twice(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    boss = branch.add_user("boss", [Role.MANAGER, Role.DIRECTOR])
    cid = filed(branch, boss, "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["name"])
    assert sign(branch, ref.id, "boss").state == "submitted"
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "boss")
    assert [s.login for s in signing.signers(branch.archive, ref.id)] == ["director"]
    with pytest.raises(Conflict):
        external.produce(branch.archive, people["staff"], ref.id, tmp_path / "a.pdf")
    assert sign(branch, ref.id, "director").state == "approved"


def test_nobody_approves_their_own_application(branch: Branch, people: dict[str, Actor]) -> None:
    mine = filed(branch, people["manager"], "张三丰", "123")
    # a manager cannot ask for their own customers: they would approve their own request
    with pytest.raises(InvalidInput, match="本人管户"):
        apply(branch, people["manager"], [mine], ["name"])
    ref = apply(branch, people["manager2"], [mine], ["name"])
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "manager2")
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "staff")
    sign(branch, ref.id, "manager")
    assert sign(branch, ref.id, "director").state == "approved"


def test_every_manager_of_the_customers_approves_before_the_director(
    branch: Branch, people: dict[str, Actor]
) -> None:
    a = filed(branch, people["manager"], "张三丰", "123")
    b = filed(branch, people["manager2"], "李四光", "234")
    ref = apply(branch, people["staff"], [a, b], ["name"])
    assert sign(branch, ref.id, "manager").state == "submitted"
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "director")
    assert sign(branch, ref.id, "manager2").state == "submitted"
    assert sign(branch, ref.id, "director").state == "approved"


def test_the_file_holds_exactly_the_approved_items_with_the_watermark_on_every_page(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    staff = people["staff"]
    ids = [
        filed(branch, people["manager"], name, f"{300 + i}", mobile=f"1390738{1000 + i}")
        for i, name in enumerate(["张三丰", "李四光", "王五福", "赵六顺", "钱七喜", "孙八达"])
    ]
    ref = apply(branch, staff, ids, ["mobile", "name"])
    sign(branch, ref.id, "manager")
    sign(branch, ref.id, "director")
    before = last_seq(branch.archive)
    out = tmp_path / "交付"
    produced = external.produce(branch.archive, staff, ref.id, out)
    assert produced.path == tmp_path / "交付.pdf"

    pages = texts(produced.path)
    assert len(pages) == produced.pages >= 2
    mark = f"对外提供 {ref.serial} · 经办人 用户staff · "
    for text in pages:
        assert mark in text and f"仅限{RECIPIENT}使用" in text
    whole = "\n".join(pages)
    for i, name in enumerate(["张三丰", "李四光", "王五福", "赵六顺", "钱七喜", "孙八达"]):
        assert name in whole and f"1390738{1000 + i}" in whole
    # approved: 姓名 and 手机号码; nothing else of the record reaches the file
    assert "姓名" in whole and "手机号码" in whole
    for label in ("证件号码", "乡镇", "村(社区)", "家庭成员", "石门村", "桥头河镇"):
        assert label not in whole
    for i in range(6):
        assert resident_id(seq=f"{300 + i}") not in whole
    assert "用户manager" in whole and "用户director" in whole

    data = produced.path.read_bytes()
    assert produced.data == data
    assert produced.sha256 == hashlib.sha256(data).hexdigest()
    line = register_line(branch, ref.id)
    assert line is not None
    assert line.sha256 == produced.sha256 and line.file_name == "交付.pdf"
    assert line.recipient_org == RECIPIENT and line.recipient_person == "李法官"
    assert line.customer_count == 6 and line.field_count == 2 and line.pages == produced.pages
    assert line.content_summary.endswith(";姓名、手机号码")
    assert all(n in line.content_summary for n in produced_numbers(branch, ids))
    approvals = json.loads(line.approvals)
    assert [(a["step"], a["signer"]) for a in approvals] == [
        ("manager", "用户manager"),
        ("director", "用户director"),
    ]
    (listed,) = external.register(branch.archive, people["director"])
    assert listed.produced and listed.sha256 == produced.sha256 and not listed.can_produce
    assert listed.state == "applied"

    events = audit_rows(branch.archive, before)
    assert [e.action for e in events] == ["request.apply", "external.produce"]
    info = details(events[-1])
    assert info == {
        "serial": ref.serial,
        "count": 6,
        "fields": 2,
        "pages": produced.pages,
        "sha256": produced.sha256,
    }
    assert not any("张三丰" in e.details or "1390738" in e.details for e in events)

    # once only: a second production is refused and the file stays as delivered
    with pytest.raises(Conflict, match="只生成一次"):
        external.produce(branch.archive, staff, ref.id, tmp_path / "again.pdf")
    assert not (tmp_path / "again.pdf").exists() and produced.path.read_bytes() == data


def produced_numbers(branch: Branch, ids: list[int]) -> list[str]:
    with branch.archive.unit_of_work() as uow:
        from app.models import Customer

        return [uow.session.get(Customer, i).archive_no for i in ids]  # type: ignore[union-attr]


def test_only_the_requester_produces(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["name"])
    sign(branch, ref.id, "manager")
    sign(branch, ref.id, "director")
    for other in ("staff2", "manager", "director"):
        with pytest.raises(NotPermitted):
            external.produce(branch.archive, people[other], ref.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    (line,) = external.register(branch.archive, people["staff"])
    assert line.can_produce and not line.produced


def test_a_secret_tier_customer_needs_the_custodian(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    keeper = branch.login("keeper")
    cid = filed(branch, people["manager"], "欧阳秘", "455", tier="机密", custodian=keeper)
    ref = apply(branch, people["staff"], [cid], ["name", "village"])
    sign(branch, ref.id, "manager")
    sign(branch, ref.id, "director")
    with pytest.raises(CustodianRequired):
        external.produce(branch.archive, people["staff"], ref.id, tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()
    produced = external.produce(
        branch.archive, people["staff"], ref.id, tmp_path / "a.pdf", custodian=keeper
    )
    whole = "\n".join(texts(produced.path))
    assert "欧阳秘" in whole and "石门村" in whole and "13807381234" not in whole
    (event,) = [e for e in audit_rows(branch.archive) if e.action == "external.produce"]
    assert details(event)["custodian"] == "keeper"


def test_a_tampered_application_produces_nothing(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["name"])
    sign(branch, ref.id, "manager")
    sign(branch, ref.id, "director")
    with branch.archive.unit_of_work() as uow:
        request = uow.session.get(Request, ref.id)
        assert request is not None
        payload = json.loads(request.payload)
        payload["fields"].append({"key": "id_number", "label": "证件号码"})
        request.payload = json.dumps(payload, ensure_ascii=False)
        uow.commit()
    with pytest.raises(Conflict, match="签名"):
        external.produce(branch.archive, people["staff"], ref.id, tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists() and register_line(branch, ref.id) is None


def test_a_file_that_cannot_be_written_leaves_no_register_line(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["name"])
    sign(branch, ref.id, "manager")
    sign(branch, ref.id, "director")
    before = last_seq(branch.archive)
    with pytest.raises(InvalidInput, match="无法保存"):
        external.produce(branch.archive, people["staff"], ref.id, tmp_path / "无此目录" / "a.pdf")
    assert register_line(branch, ref.id) is None and audit_rows(branch.archive, before) == []
    produced = external.produce(branch.archive, people["staff"], ref.id, tmp_path / "a.pdf")
    assert register_line(branch, ref.id) is not None and produced.path.exists()


def test_applications_are_checked_before_anything_is_written(
    branch: Branch, people: dict[str, Actor]
) -> None:
    staff = people["staff"]
    cid = filed(branch, people["manager"], "张三丰", "123")
    draft = create(branch, people["manager"], farmer("李草稿", resident_id(seq="777"))).id
    before = last_seq(branch.archive)
    cases: list[tuple[list[int], list[str], dict[str, Any], str]] = [
        ([], ["name"], {}, "至少"),
        ([cid], [], {}, "勾选"),
        ([cid], ["name", "no_such_item"], {}, "no_such_item"),
        ([cid], ["tier"], {}, "tier"),
        ([cid, cid], ["name"], {}, "重复"),
        ([draft], ["name"], {}, "草稿"),
        ([cid], ["name"], {"recipient_org": "  "}, "接收单位"),
        ([cid], ["name"], {"recipient_person": ""}, "接收人"),
        ([cid], ["name"], {"legal_basis": ""}, "法律依据"),
        ([cid], ["name"], {"purpose": "用" * 201}, "用途最多"),
        ([cid], ["name"], {"delivery": "传真"}, "交付方式"),
    ]
    for ids, fields, extra, message in cases:
        with pytest.raises(InvalidInput, match=message):
            apply(branch, staff, ids, fields, **extra)
    with pytest.raises(NotPermitted):
        apply(branch, people["director"], [cid], ["name"])
    assert audit_rows(branch.archive, before) == []
    assert external.register(branch.archive, staff) == []


def test_the_application_reads_in_the_generic_request_page(
    branch: Branch, people: dict[str, Actor]
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = apply(branch, people["staff"], [cid], ["mobile", "name"], delivery="electronic")
    detail = requests.open_request(branch.archive, people["manager"], ref.id)
    assert detail.line.kind_label == "对外提供申请" and detail.line.next_step == "客户经理审批"
    assert detail.can_decide and detail.changes == []
    assert (
        RECIPIENT in detail.note and "姓名、手机号码" in detail.note and "电子文件" in detail.note
    )
    app = external.application(detail.payload)
    assert [f.key for f in app.fields] == ["name", "mobile"]
    assert app.delivery_label == "电子文件"
    # the application holds no content, only what is asked for
    assert "张三丰" not in json.dumps(detail.payload, ensure_ascii=False)


def test_candidates_offer_the_template_items_of_their_kind(
    branch: Branch, people: dict[str, Actor]
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    number = produced_numbers(branch, [cid])[0]
    found = external.candidate(branch.archive, people["staff"], f"  {number} ")
    keys = [f.key for f in found.fields]
    assert found.id == cid and keys[:2] == ["name", "gender"] and "mobile" in keys
    assert not {"tier", "retention_years", "retrieval_remarks"} & set(keys)
    with pytest.raises(InvalidInput, match="没有档案编号"):
        external.candidate(branch.archive, people["staff"], "LY-0101-G-2099-000001")
    with pytest.raises(InvalidInput, match="本人管户"):
        external.candidate(branch.archive, people["manager"], number)
