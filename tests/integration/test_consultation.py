"""Consultation applications and grants (articles 13-14) on a real archive.

Apply, the managers' review, the unit head's signature, opening read-only
under the grant (every route that reads content asks the same rule), the end
of the grant (expiry, early end), rejection, separation of duties, the
custodian for secret tier, and the printed form.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pypdf
import pytest
import sqlalchemy as sa

from app.errors import (
    Conflict,
    ConsultationRequired,
    CopyRequired,
    CustodianRequired,
    InvalidInput,
    NotEligible,
    NotPermitted,
    SeparationOfDuties,
)
from app.models import Customer, Request
from app.models.base import utcnow
from app.security.roles import Role
from app.workflows import (
    consultation,
    consultation_print,
    copying,
    customers,
    modification,
    requests,
    signing,
)
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.integration.test_customers import create, events, farmer, page, resident_id

YEAR = date.today().year
PURPOSE = "春耕备耕农户小额信用贷款授信评级"
REASON = "核对家庭成员、经营规模和历史还款记录,以评定信用等级。"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
    }


def filed(
    branch: Branch, manager: Actor, name: str = "张三丰", seq: str = "123", **extra: Any
) -> int:
    custodian = extra.pop("custodian", None)
    ref = create(branch, manager, farmer(name, resident_id(seq=seq), **extra), custodian=custodian)
    customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
    return ref.id


def apply(branch: Branch, actor: Actor, ids: list[int], **kw: Any) -> consultation.RequestRef:
    kw.setdefault("purpose", PURPOSE)
    kw.setdefault("reason", REASON)
    kw.setdefault("mode", "excerpt")
    kw.setdefault("days", 5)
    return consultation.apply(branch.archive, actor, ids, **kw)


def sign(
    branch: Branch, request_id: int, login: str, decision: str = "approve", reason: str = ""
) -> signing.Signed:
    return signing.decide(branch.archive, request_id, login, PASSWORDS[login], decision, reason)


def granted(branch: Branch, people: dict[str, Actor], ids: list[int], **kw: Any) -> int:
    """An application by staff, reviewed by its manager(s) and signed by the director."""
    ref = apply(branch, people["staff"], ids, **kw)
    owners = {row_of(branch, cid).manager_id for cid in ids}
    logins = {a.user_id: a.login for a in people.values()}
    for owner in sorted(owners):
        sign(branch, ref.id, logins[owner])
    assert sign(branch, ref.id, "director").state == "approved"
    return ref.id


def row_of(branch: Branch, customer_id: int) -> Customer:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, customer_id)
        assert row is not None
        uow.session.expunge(row)
        return row


def request_row(branch: Branch, request_id: int) -> Request:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Request, request_id)
        assert row is not None
        uow.session.expunge(row)
        return row


def end_in_the_past(branch: Branch, request_id: int) -> None:
    """The period is over (as if the days had passed)."""
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Request, request_id)
        assert row is not None
        row.valid_until = utcnow() - timedelta(minutes=1)
        uow.commit()


def inbox(branch: Branch, actor: Actor) -> list[str]:
    return [line.serial for line in requests.inbox(branch.archive, actor)]


# --- the whole way -------------------------------------------------------------------------------


def test_apply_review_sign_then_open_read_only_under_the_grant(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff, director = people["manager"], people["staff"], people["director"]
    cid = filed(branch, manager)
    other = filed(branch, manager, "李四", seq="125")

    ref = apply(branch, staff, [cid], days=5)
    assert ref.serial == f"CY-{YEAR}-000001" and ref.state == "submitted"
    assert inbox(branch, manager) == [ref.serial]
    assert inbox(branch, director) == []  # the manager reviews first
    detail = requests.open_request(branch.archive, manager, ref.id)
    form = consultation.application(detail.payload)
    assert form.purpose == PURPOSE and form.mode_label == "摘抄" and form.days == 5
    assert form.profile.name == "用户staff"
    assert [(c.archive_no, c.category_label, c.tier_label) for c in form.customers] == [
        (row_of(branch, cid).archive_no, "个人客户", "普通")
    ]
    assert "张三丰" not in json.dumps(detail.payload, ensure_ascii=False)  # catalogue lines only
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, staff, cid)

    assert sign(branch, ref.id, "manager", reason="理由充分,手续齐全").state == "submitted"
    assert inbox(branch, manager) == [] and inbox(branch, director) == [ref.serial]
    with pytest.raises(ConsultationRequired):  # not yet signed by the unit head
        customers.open_customer(branch.archive, staff, cid)
    assert sign(branch, ref.id, "director").state == "approved"

    row = request_row(branch, ref.id)
    assert row.valid_from is not None and row.valid_until is not None
    assert row.valid_until - row.valid_from == timedelta(days=5)
    content = customers.open_customer(branch.archive, staff, cid)
    assert content.data["name"] == "张三丰"
    assert content.under_grant and content.grant_serial == ref.serial
    assert content.grant_mode == "excerpt" and content.grant_until == row.valid_until
    opened = events(branch, "customer.open")[-1]
    assert opened.actor == "staff"
    assert json.loads(opened.details) == {
        "archive_no": row_of(branch, cid).archive_no,
        "tier": "ordinary",
        "grant": ref.serial,
    }
    # the owner's own opening names no grant
    assert not customers.open_customer(branch.archive, manager, cid).under_grant
    # only the customers named
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, staff, other)

    [grant] = consultation.grants_in_force(branch.archive, staff)
    assert (grant.serial, grant.customer_ids, grant.mode_label) == (ref.serial, (cid,), "摘抄")
    assert grant.customers == (row_of(branch, cid).archive_no,)
    assert grant.ends_at == row.valid_until and timedelta(days=4) < grant.time_left
    assert grant.time_left_label.startswith("还剩 4 天")
    found = consultation.grant_for(branch.archive, staff, cid)
    assert found is not None and (found.serial, found.ends_at) == (grant.serial, grant.ends_at)
    assert consultation.grant_for(branch.archive, staff, other) is None
    assert consultation.grants_in_force(branch.archive, manager) == []

    lines = {line.id: line for line in page(branch, staff)}
    assert (lines[cid].display_name, lines[cid].can_open, lines[cid].under_grant) == (
        "张三丰",
        True,
        True,
    )
    assert (lines[other].display_name, lines[other].can_open) == ("李*", False)
    actions = [e.action for e in events(branch) if e.action.startswith("request.")]
    assert actions[0] == "request.submit" and "request.approve_final" in actions


def test_every_route_refuses_without_a_grant_and_reads_with_one(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    manager, manager2, staff = people["manager"], people["manager2"], people["staff"]
    cid = filed(branch, manager)
    data = customers.open_customer(branch.archive, manager, cid).data
    change = modification.propose(branch.archive, manager, cid, dict(data, mobile="13907380000"))
    sign(branch, change.id, "director")
    archive_no = row_of(branch, cid).archive_no

    for actor in (manager2, staff):
        with pytest.raises(ConsultationRequired):
            customers.open_customer(branch.archive, actor, cid)
        with pytest.raises(NotPermitted):
            requests.record_history(branch.archive, actor, cid)
        [line] = page(branch, actor, query=archive_no)
        assert (line.display_name, line.can_open) == ("张*丰", False)
    for actor in (staff, manager2):
        with pytest.raises(CopyRequired):
            copying.export_excel(branch.archive, actor, [cid], tmp_path / "x.xlsx")

    ref = apply(branch, manager2, [cid])
    sign(branch, ref.id, "manager")
    sign(branch, ref.id, "director")

    assert customers.open_customer(branch.archive, manager2, cid).data["mobile"] == "13907380000"
    [version] = requests.record_history(branch.archive, manager2, cid)
    assert version.serial == change.serial and version.signature_valid is True
    history = events(branch, "customer.history")[-1]
    assert history.actor == "manager2" and json.loads(history.details)["grant"] == ref.serial
    [line] = page(branch, manager2, query=archive_no)
    assert (line.display_name, line.can_open, line.under_grant) == ("张三丰", True, True)
    # a grant is to consult, not to export a list: that needs a copy request (article 17.1)
    with pytest.raises(CopyRequired):
        copying.export_excel(branch.archive, manager2, [cid], tmp_path / "m2.xlsx")
    assert not (tmp_path / "m2.xlsx").exists()
    # and it is personal: staff gains nothing from manager2's grant
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, staff, cid)
    with pytest.raises(NotPermitted):
        requests.record_history(branch.archive, staff, cid)

    consultation.end_grant(branch.archive, manager2, ref.id, "评级已完成")
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, manager2, cid)
    with pytest.raises(NotPermitted):
        requests.record_history(branch.archive, manager2, cid)
    [line] = page(branch, manager2, query=archive_no)
    assert (line.display_name, line.can_open) == ("张*丰", False)


# --- the end of a grant --------------------------------------------------------------------------


def test_expiry_closes_the_grant_and_is_recorded(branch: Branch, people: dict[str, Actor]) -> None:
    staff = people["staff"]
    cid = filed(branch, people["manager"])
    request_id = granted(branch, people, [cid])
    customers.open_customer(branch.archive, staff, cid)

    end_in_the_past(branch, request_id)
    # closed at once, even before anyone marks it expired
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, staff, cid)
    assert request_row(branch, request_id).state == "approved"
    assert page(branch, staff)[0].can_open is False

    assert consultation.grants_in_force(branch.archive, staff) == []
    row = request_row(branch, request_id)
    assert row.state == "expired" and row.closed_at == row.valid_until
    [expired] = events(branch, "request.expire")
    assert expired.actor == consultation.EXPIRY_ACTOR
    assert json.loads(expired.details)["grant"] == row.serial
    assert consultation.expire_due(branch.archive) == 0  # once only
    [mine] = requests.mine(branch.archive, staff)
    assert mine.state_label == "已结束"
    with pytest.raises(Conflict):
        consultation.end_grant(branch.archive, staff, request_id, "已用完")


def test_the_applicant_ends_a_grant_early_with_a_reason(
    branch: Branch, people: dict[str, Actor]
) -> None:
    staff = people["staff"]
    cid = filed(branch, people["manager"])
    request_id = granted(branch, people, [cid], days=30)
    with pytest.raises(InvalidInput):
        consultation.end_grant(branch.archive, staff, request_id, "  ")
    with pytest.raises(NotPermitted):
        consultation.end_grant(branch.archive, people["manager"], request_id, "代为结束")

    ref = consultation.end_grant(branch.archive, staff, request_id, "授信评级已完成")
    assert ref.state == "expired"
    assert request_row(branch, request_id).close_reason == "授信评级已完成"
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, staff, cid)
    assert consultation.grant_for(branch.archive, staff, cid) is None
    [ended] = events(branch, "request.end")
    assert ended.actor == "staff" and "授信评级已完成" not in ended.details
    with pytest.raises(Conflict):
        consultation.end_grant(branch.archive, staff, request_id, "再次结束")


# --- decisions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["manager", "director"])
def test_a_rejection_at_either_step_ends_it_with_its_reason(
    branch: Branch, people: dict[str, Actor], step: str
) -> None:
    staff = people["staff"]
    cid = filed(branch, people["manager"])
    ref = apply(branch, staff, [cid])
    if step == "director":
        sign(branch, ref.id, "manager")
    with pytest.raises(InvalidInput):
        sign(branch, ref.id, step, "reject", "")
    assert sign(branch, ref.id, step, "reject", "查阅目的与所列客户无关").state == "rejected"
    detail = requests.open_request(branch.archive, staff, ref.id)
    assert detail.line.state_label == "已驳回"
    assert detail.history[-1].reason == "查阅目的与所列客户无关" and detail.history[-1].valid
    assert request_row(branch, ref.id).valid_until is None
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, staff, cid)
    with pytest.raises(Conflict):
        sign(branch, ref.id, "director")
    assert inbox(branch, people["manager"]) == [] and inbox(branch, people["director"]) == []


def test_customers_of_two_managers_need_both_reviews(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, manager2, director, staff = (
        people["manager"],
        people["manager2"],
        people["director"],
        people["staff"],
    )
    first = filed(branch, manager)
    second = filed(branch, manager2, "李四", seq="125")
    ref = apply(branch, staff, [first, second])
    assert inbox(branch, manager) == [ref.serial] and inbox(branch, manager2) == [ref.serial]

    assert sign(branch, ref.id, "manager").state == "submitted"
    assert inbox(branch, manager) == [] and inbox(branch, manager2) == [ref.serial]
    assert inbox(branch, director) == []
    with pytest.raises(NotEligible):  # not yet: manager2 has not reviewed
        sign(branch, ref.id, "director")
    with pytest.raises(SeparationOfDuties, match="等待其他客户经理"):  # once is enough
        sign(branch, ref.id, "manager")

    assert sign(branch, ref.id, "manager2").state == "submitted"
    assert inbox(branch, manager2) == [] and inbox(branch, director) == [ref.serial]
    assert sign(branch, ref.id, "director").state == "approved"
    assert customers.open_customer(branch.archive, staff, first).data["name"] == "张三丰"
    assert customers.open_customer(branch.archive, staff, second).data["name"] == "李四"


def test_one_managers_rejection_ends_an_application_for_two(
    branch: Branch, people: dict[str, Actor]
) -> None:
    first = filed(branch, people["manager"])
    second = filed(branch, people["manager2"], "李四", seq="125")
    ref = apply(branch, people["staff"], [first, second])
    sign(branch, ref.id, "manager")
    assert sign(branch, ref.id, "manager2", "reject", "本户不在评级范围").state == "rejected"
    assert inbox(branch, people["director"]) == []


def test_separation_of_duties(branch: Branch, people: dict[str, Actor]) -> None:
    chief = branch.add_user("chief", [Role.MANAGER, Role.UNIT_HEAD])
    own = filed(branch, chief, "王五", seq="127")
    theirs = filed(branch, people["manager"])

    # the applicant never decides their own application
    ref = apply(branch, chief, [theirs])
    sign(branch, ref.id, "manager")
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "chief")
    assert [s.login for s in signing.signers(branch.archive, ref.id)] == ["director"]
    assert sign(branch, ref.id, "director").state == "approved"

    # the reviewer does not sign again as unit head, even holding both roles
    ref = apply(branch, people["staff"], [own])
    assert [s.login for s in signing.signers(branch.archive, ref.id)] == ["chief"]
    sign(branch, ref.id, "chief")
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "chief")
    assert [s.login for s in signing.signers(branch.archive, ref.id)] == ["director"]
    assert sign(branch, ref.id, "director").state == "approved"

    # neither the staff nor another manager reviews a customer that is not theirs
    ref = apply(branch, people["staff"], [theirs])
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "manager2")
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "director")


def test_a_secret_tier_customer_also_needs_the_custodian(
    branch: Branch, people: dict[str, Actor]
) -> None:
    keeper = branch.login("keeper")
    staff = people["staff"]
    cid = filed(branch, people["manager"], "欧阳秘", seq="129", tier="机密", custodian=keeper)
    request_id = granted(branch, people, [cid])
    with pytest.raises(CustodianRequired):
        customers.open_customer(branch.archive, staff, cid)
    content = customers.open_customer(branch.archive, staff, cid, custodian=keeper)
    assert content.data["name"] == "欧阳秘" and content.grant_serial
    opened = json.loads(events(branch, "customer.open")[-1].details)
    assert opened["custodian"] == "keeper" and opened["tier"] == "secret"
    assert opened["grant"] == request_row(branch, request_id).serial
    refused = json.loads(events(branch, "customer.open_refused")[-1].details)
    assert refused["reason"] == "no_custodian"
    [line] = page(branch, staff)
    assert line.display_name == "" and line.can_open  # the catalogue never shows a secret name


# --- applying: what is refused -------------------------------------------------------------------


def test_applications_are_checked_before_anything_is_written(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, staff = people["manager"], people["staff"]
    cid = filed(branch, manager)
    gone = filed(branch, manager, "李四", seq="125")
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, gone)
        assert row is not None
        row.status = "destroyed"
        uow.commit()

    cases: list[tuple[dict[str, Any], str]] = [
        ({"purpose": " "}, "查阅目的"),
        ({"reason": ""}, "查阅理由"),
        ({"purpose": "目" * 201}, "最多 200 字"),
        ({"days": 0}, "至少 1 天"),
        ({"days": consultation.MAX_DAYS + 1}, f"最多 {consultation.MAX_DAYS} 天"),
        ({"mode": "拍照"}, "阅览、摘抄、复制"),
        ({"ids": []}, "至少选择一户"),
        ({"ids": [cid, cid]}, "重复"),
        ({"ids": [gone]}, "已销毁"),
        ({"ids": [cid], "profile": consultation.Profile(name=" ")}, "查阅人姓名"),
    ]
    for changes, message in cases:
        ids = changes.pop("ids", [cid])
        with pytest.raises(InvalidInput) as refused:
            apply(branch, staff, ids, **changes)
        assert message in str(refused.value), (changes, str(refused.value))
    with pytest.raises(InvalidInput) as own:
        apply(branch, manager, [cid])
    assert "本人管户" in str(own.value)
    with pytest.raises(NotPermitted):
        apply(branch, branch.admin, [cid])
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0

    profile = consultation.Profile("王晓明", "信贷部", "信贷员", "0738-4412345")
    ref = apply(branch, staff, [cid], mode="阅览", days=consultation.MAX_DAYS, profile=profile)
    payload = requests.open_request(branch.archive, staff, ref.id).payload
    assert consultation.application(payload).profile == profile
    assert payload["mode"] == "view" and payload["days"] == consultation.MAX_DAYS
    requests.withdraw(branch.archive, staff, ref.id, "改为书面申请")
    assert request_row(branch, ref.id).state == "withdrawn"
    assert inbox(branch, manager) == []


# --- the printed form ----------------------------------------------------------------------------


NAMES = [s + g for s in "张王李赵刘陈杨黄周吴" for g in ("建国", "秀英", "志强", "桂兰")]


def test_forty_customers_print_a_multi_page_form_without_any_full_name(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    manager, staff = people["manager"], people["staff"]
    ids = [filed(branch, manager, name, seq=f"{i:03d}") for i, name in enumerate(NAMES, 1)]
    assert len(ids) == 40
    request_id = granted(branch, people, ids, days=10)
    serial = request_row(branch, request_id).serial
    numbers = [row_of(branch, cid).archive_no for cid in ids]

    form = consultation_print.form_for(branch.archive, staff, request_id)
    assert form.serial == serial and len(form.customers) == 40
    assert [c.archive_no for c in form.customers] == numbers
    assert form.customers[0].masked_name == "张*国"
    [review] = form.manager_reviews
    assert review.valid is True and review.signer == "用户manager" and review.fingerprint
    assert form.unit_head is not None and form.unit_head.valid is True
    assert form.period_end is not None and form.period_start is not None
    assert (form.period_end - form.period_start).days == 10
    assert form.content_hash == request_row(branch, request_id).content_hash

    out = tmp_path / "form.pdf"
    assert consultation_print.print_form(branch.archive, staff, request_id, out) == serial
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) > 1
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    assert serial in text and "张*国" in text and "用户manager" in text
    assert [n for n in numbers if n not in text] == []
    assert [name for name in NAMES if name in text] == []
    [printed] = events(branch, "consultation.form_print")
    assert printed.actor == "staff"
    assert json.loads(printed.details) == {"serial": serial, "count": 40}

    # the reviewer and the unit head may print it; someone unconcerned may not
    buffer = io.BytesIO()
    consultation_print.print_form(branch.archive, manager, request_id, buffer)
    consultation_print.print_form(branch.archive, people["director"], request_id, buffer)
    with pytest.raises(NotPermitted):
        consultation_print.print_form(branch.archive, people["manager2"], request_id, buffer)
    with pytest.raises(NotPermitted):
        consultation_print.print_form(branch.archive, branch.admin, request_id, buffer)
    assert len(events(branch, "consultation.form_print")) == 3


def test_a_pending_form_shows_the_managers_still_to_review(
    branch: Branch, people: dict[str, Actor]
) -> None:
    first = filed(branch, people["manager"])
    second = filed(branch, people["manager2"], "李四", seq="125")
    ref = apply(branch, people["staff"], [first, second])
    sign(branch, ref.id, "manager")
    form = consultation_print.form_for(branch.archive, people["staff"], ref.id)
    assert [(r.signer, r.valid) for r in form.manager_reviews] == [
        ("用户manager", True),
        ("用户manager2", None),
    ]
    assert form.unit_head is None and form.period_start is None
    assert [c.masked_name for c in form.customers] == ["张*丰", "李*"]


def test_the_blank_form_is_printed_and_recorded(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    out = tmp_path / "blank.pdf"
    consultation_print.print_blank_form(branch.archive, people["staff"], out)
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    assert "数码客户信息查阅申请表" in text and "涟源市某某信用社" in text
    [blank] = events(branch, "consultation.form_blank")
    assert blank.actor == "staff"
    with pytest.raises(NotPermitted):
        consultation_print.print_blank_form(branch.archive, branch.admin, tmp_path / "x.pdf")
