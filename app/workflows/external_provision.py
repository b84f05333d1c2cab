"""External provision of customer information (article 17.3): two approvals, then one file.

"在对外交往与合作中如果需要提供客户信息资料的,应当事先分别由客户经理、主任批准":
whoever needs to give customer information to an outside party (a court, the
police, an auditor, a partner bank) applies first, naming the recipient
(organisation and person), the purpose, the legal basis, the customers and
exactly which of their items, and the form of delivery. Each customer's own
manager approves (for their own customers), then the director. The engine
refuses the requester at any step and the same person at both steps, so one
person holding both roles cannot approve alone; a manager cannot apply for
their own customers either (they would have to approve their own request).

Only after both approvals does the requester produce the delivered file
(:func:`produce`): a PDF holding exactly the approved items of the approved
customers, read from the archive at that moment (secret-tier content with the
custodian present), watermarked on every page with the serial, the producer,
the moment and the recipient. The same transaction writes the line of the
对外提供登记 (recipient, archive numbers and item labels, the approvals, who
produced it when, the file's SHA-256), moves the request to 已执行 and records
"external.produce". A request produces one file only: a second production is
refused, and another delivery needs a new application, so the register has
one line per approved application and the file's hash identifies it.

The application itself holds catalogue lines and item keys only, never
content: it is not kept in the vault, and its approvers decide on what is
asked, not on the values.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.errors import (
    Conflict,
    CustodianRequired,
    InvalidInput,
    NotPermitted,
)
from app.models import Customer, ExternalProvision, Request, User
from app.models.base import utcnow
from app.models.customer import CATEGORY_LABELS, TIER_LABELS
from app.printing import external_provision as document
from app.printing import watermark
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.atomic import write_atomic
from app.storage.uow import UnitOfWork
from app.template import current_template
from app.template.model import COLUMN_FIELDS
from app.workflows import approvals, customers, modification
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize, refresh
from app.workflows.modification import RequestRef

KIND = "external"
PREFIX = "DW"

#: 交付方式: code -> the form's word
DELIVERY_FORMS: dict[str, str] = {
    "paper": "纸质",
    "electronic": "电子文件",
    "inspection": "当面查阅",
}
_DELIVERY_BY_LABEL = {label: key for key, label in DELIVERY_FORMS.items()}

MAX_CUSTOMERS = 50
ORG_MAX = 100
PERSON_MAX = 64
PURPOSE_MAX = 200
BASIS_MAX = approvals.REASON_MAX
#: the register's actions: who may read it
REGISTER_ACTIONS = (
    Action.EXTERNAL_REQUEST,
    Action.EXTERNAL_APPROVE_MANAGER,
    Action.EXTERNAL_APPROVE_DIRECTOR,
)

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.APPROVE): State.SUBMITTED,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    # approved but not needed any more: the requester may still call it off
    (State.APPROVED, Event.WITHDRAW): State.WITHDRAWN,
    # the delivered file is produced (once)
    (State.APPROVED, Event.APPLY): State.APPLIED,
}
STEPS = (
    Step("manager", "客户经理审批", Action.EXTERNAL_APPROVE_MANAGER, owners=True),
    Step("director", "主任审批", Action.EXTERNAL_APPROVE_DIRECTOR),
)


# --- what the views receive ---------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChoice:
    key: str
    label: str


@dataclass(frozen=True)
class Candidate:
    """A customer as the application lists it: its catalogue line and the items it has."""

    id: int
    archive_no: str
    category: str
    subtype: str
    kind_label: str
    tier: str
    tier_label: str
    fields: tuple[FieldChoice, ...]


@dataclass(frozen=True)
class Application:
    """An application's content, read back from a request's payload."""

    recipient_org: str
    recipient_person: str
    purpose: str
    legal_basis: str
    delivery: str
    delivery_label: str
    archive_numbers: tuple[str, ...]
    fields: tuple[FieldChoice, ...]

    @property
    def field_labels(self) -> str:
        return "、".join(f.label for f in self.fields)


@dataclass(frozen=True)
class ApprovalInfo:
    step_label: str
    signer_name: str
    #: naive UTC
    signed_at: datetime


@dataclass(frozen=True)
class RegisterLine:
    """One application and, once produced, its line of the 对外提供登记."""

    request_id: int
    serial: str
    state: str
    state_label: str
    requester_name: str
    #: naive UTC
    created_at: datetime
    application: Application
    approvals: tuple[ApprovalInfo, ...]
    produced_by: str = ""
    produced_at: datetime | None = None
    file_name: str = ""
    sha256: str = ""
    pages: int = 0
    content_summary: str = ""
    #: the person asking may produce the delivered file now
    can_produce: bool = False

    @property
    def produced(self) -> bool:
        return self.produced_at is not None


@dataclass(frozen=True)
class Produced:
    serial: str
    path: Path
    sha256: str
    pages: int
    #: the file's bytes, for the preview (nothing else is kept)
    data: bytes


# --- choices and checks --------------------------------------------------------------------------


def delivery_key(value: str) -> str:
    text = (value or "").strip()
    if text in DELIVERY_FORMS:
        return text
    if text in _DELIVERY_BY_LABEL:
        return _DELIVERY_BY_LABEL[text]
    raise InvalidInput("请选择交付方式:" + "、".join(DELIVERY_FORMS.values()) + "。")


def offered_fields(category: str, subtype: str) -> tuple[FieldChoice, ...]:
    """The items an application may ask for: the template's fields of this kind of customer.

    Not the archive's own bookkeeping (密级, 保管期限, 检索备注), which is no
    information about the customer.
    """
    try:
        fields = current_template().fields_for(category, subtype)
        return tuple(FieldChoice(f.key, f.label) for f in fields if f.key not in COLUMN_FIELDS)
    except KeyError:
        return ()


def union_fields(candidates: Sequence[Candidate]) -> list[FieldChoice]:
    """Every item any of the customers has, each once, in the template's order of first use."""
    seen: dict[str, FieldChoice] = {}
    for candidate in candidates:
        for field in candidate.fields:
            seen.setdefault(field.key, field)
    return list(seen.values())


def kind_label(category: str, subtype: str) -> str:
    """个人客户 / 农户: a customer's kind as outflow documents name it."""
    template = current_template()
    try:
        category_label = template.category(category).label
    except KeyError:
        category_label = CATEGORY_LABELS.get(category, category)
    try:
        subtype_label = template.subtype(category, subtype).label
    except KeyError:
        subtype_label = subtype
    return f"{category_label} / {subtype_label}"


def _candidate(customer: Customer) -> Candidate:
    return Candidate(
        id=customer.id,
        archive_no=customer.archive_no,
        category=customer.category,
        subtype=customer.subtype,
        kind_label=kind_label(customer.category, customer.subtype),
        tier=customer.tier,
        tier_label=TIER_LABELS.get(customer.tier, customer.tier),
        fields=offered_fields(customer.category, customer.subtype),
    )


def _refuse_customer(customer: Customer, live: Actor) -> None:
    if customer.status == "draft":
        raise InvalidInput(f"档案 {customer.archive_no} 仍是草稿,尚未归档,不能对外提供。")
    if customer.status == "destroyed":
        raise InvalidInput(f"档案 {customer.archive_no} 已销毁,不能对外提供。")
    if customer.manager_id == live.user_id:
        raise InvalidInput(
            f"档案 {customer.archive_no} 是您本人管户的客户:对外提供须经管户客户经理审批,"
            "本人不能审批本人的申请。请由其他工作人员提出申请,由您审批。"
        )


def candidate(archive: Archive, actor: Actor, archive_no: str) -> Candidate:
    """A customer found by its full archive number, for the application form (catalogue only)."""
    live = authorize(archive, actor, Action.EXTERNAL_REQUEST)
    number = (archive_no or "").strip()
    if not number:
        raise InvalidInput("请填写档案编号。")
    with archive.unit_of_work() as uow:
        customer = customers.by_archive_no(uow.session, number)
        if customer is None:
            raise InvalidInput(f"没有档案编号为“{number}”的客户档案。请核对编号(须完整填写)。")
        _refuse_customer(customer, live)
        return _candidate(customer)


def _clean_text(value: str, what: str, limit: int, hint: str = "") -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"请填写{what}{hint}。")
    if len(text) > limit:
        raise InvalidInput(f"{what}最多 {limit} 字,请精简。")
    return text


def _checked_customers(uow: UnitOfWork, live: Actor, customer_ids: Sequence[int]) -> list[Customer]:
    ids = list(customer_ids)
    if not ids:
        raise InvalidInput("请至少列出一户要提供信息的客户。")
    if len(ids) > MAX_CUSTOMERS:
        raise InvalidInput(
            f"一份申请最多列 {MAX_CUSTOMERS} 户客户(现为 {len(ids)} 户)。请分批申请。"
        )
    rows = {c.id: c for c in uow.session.scalars(sa.select(Customer).where(Customer.id.in_(ids)))}
    seen: set[int] = set()
    result = []
    for cid in ids:
        customer = rows.get(cid)
        if customer is None:
            raise InvalidInput("找不到所列的某户客户档案,可能已被删除。请刷新后重新选择。")
        if cid in seen:
            raise InvalidInput(f"档案 {customer.archive_no} 重复列出,请删去重复的一行。")
        seen.add(cid)
        _refuse_customer(customer, live)
        result.append(customer)
    return result


def _checked_fields(chosen: Sequence[Customer], field_keys: Sequence[str]) -> list[FieldChoice]:
    """The items asked for, in the template's order; each must belong to a customer listed."""
    offered = union_fields([_candidate(c) for c in chosen])
    by_key = {f.key: f for f in offered}
    wanted = {str(k).strip() for k in field_keys if str(k).strip()}
    if not wanted:
        raise InvalidInput("请勾选要提供的信息项目(只提供对方确实需要的项目)。")
    unknown = sorted(wanted - set(by_key))
    if unknown:
        raise InvalidInput(
            f"所列客户的档案中没有这些项目:{'、'.join(unknown)}。请从列出的项目中选择。"
        )
    fields = [f for f in offered if f.key in wanted]
    for customer in chosen:
        own = {f.key for f in offered_fields(customer.category, customer.subtype)}
        if not own & wanted:
            raise InvalidInput(
                f"档案 {customer.archive_no} 没有所勾选的任何项目,提供时将是空白。"
                "请为其勾选项目,或从申请中删去此户。"
            )
    return fields


def application(payload: Mapping[str, Any]) -> Application:
    """The application as the request page and the register show it."""
    recipient = payload.get("recipient") or {}
    delivery = str(payload.get("delivery", ""))
    return Application(
        recipient_org=str(recipient.get("organisation", "")),
        recipient_person=str(recipient.get("person", "")),
        purpose=str(payload.get("purpose", "")),
        legal_basis=str(payload.get("legal_basis", "")),
        delivery=delivery,
        delivery_label=DELIVERY_FORMS.get(delivery, delivery),
        archive_numbers=tuple(str(c.get("archive_no", "")) for c in payload.get("customers") or []),
        fields=tuple(
            FieldChoice(str(f.get("key", "")), str(f.get("label", "")))
            for f in payload.get("fields") or []
        ),
    )


def _note(app: Application) -> str:
    """The application in a few lines, for the generic request page (it shows ``note``)."""
    recipient = app.recipient_org + (
        f"(接收人 {app.recipient_person})" if app.recipient_person else ""
    )
    return "\n".join(
        [
            f"接收方:{recipient}",
            f"用途:{app.purpose}",
            f"法律依据:{app.legal_basis}",
            f"交付方式:{app.delivery_label}",
            f"提供项目:{app.field_labels}",
        ]
    )


# --- applying ------------------------------------------------------------------------------------


def apply(
    archive: Archive,
    actor: Actor,
    customer_ids: Sequence[int],
    field_keys: Sequence[str],
    *,
    recipient_org: str,
    recipient_person: str,
    purpose: str,
    legal_basis: str,
    delivery: str,
) -> RequestRef:
    """Submit an application to the customers' managers, then the director; returns its serial."""
    live = authorize(archive, actor, Action.EXTERNAL_REQUEST)
    org = _clean_text(recipient_org, "接收单位", ORG_MAX, "(例如:涟源市人民法院)")
    person = _clean_text(recipient_person, "接收人", PERSON_MAX, "(对方经办人的姓名)")
    purpose = _clean_text(purpose, "用途", PURPOSE_MAX)
    basis = _clean_text(legal_basis, "法律依据", BASIS_MAX, "(例如:法律条文、协助查询通知书的文号)")
    form = delivery_key(delivery)
    with archive.unit_of_work() as uow:
        chosen = _checked_customers(uow, live, customer_ids)
        fields = _checked_fields(chosen, field_keys)
        payload: dict[str, Any] = {
            "recipient": {"organisation": org, "person": person},
            "purpose": purpose,
            "legal_basis": basis,
            "delivery": form,
            "customers": [
                {
                    "id": c.id,
                    "archive_no": c.archive_no,
                    "category": c.category,
                    "subtype": c.subtype,
                    "tier": c.tier,
                }
                for c in chosen
            ],
            "fields": [{"key": f.key, "label": f.label} for f in fields],
        }
        payload["note"] = _note(application(payload))
        request = approvals.create(
            uow, PROCEDURE, live.user_id, payload, customer_ids=[c.id for c in chosen]
        )
        approvals.fire(
            uow,
            PROCEDURE,
            request,
            Event.SUBMIT,
            live.login,
            details={"count": len(chosen), "fields": len(fields), "delivery": form},
        )
        uow.commit()
        return RequestRef(request.id, request.serial, request.state)


# --- producing the delivered file ----------------------------------------------------------------


def _payload(request: Request) -> dict[str, Any]:
    return dict(json.loads(request.payload or "{}"))


def _approving(request: Request) -> list[Any]:
    return [d for d in request.decisions if d.decision == "approve"]


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone()


def _own_approved(uow: UnitOfWork, live: Actor, request_id: int) -> Request:
    request = uow.session.get(Request, request_id)
    if request is None or request.kind != KIND:
        raise InvalidInput("找不到此对外提供申请,请刷新后重试。")
    if request.requester_id != live.user_id:
        raise NotPermitted("生成他人申请的对外提供文件")
    if request.state == State.APPLIED:
        raise Conflict(
            f"申请 {request.serial} 的交付文件已经生成过,每份申请只生成一次(见对外提供登记)。"
            "如需再次提供,请重新提出申请。"
        )
    if request.state != State.APPROVED:
        label = approvals.STATE_LABELS.get(request.state, request.state)
        raise Conflict(
            f"申请 {request.serial} 当前为“{label}”:须经客户经理、主任先后批准后才能生成交付文件"
            "(制度第17条)。"
        )
    steps = {d.step_key for d in _approving(request)}
    if steps != {s.key for s in STEPS}:
        raise Conflict(f"申请 {request.serial} 缺少客户经理或主任的批准,不能生成交付文件。")
    return request


def _check_signatures(uow: UnitOfWork, archive: Archive, request: Request) -> None:
    for decision in request.decisions:
        if not approvals.decision_valid(uow.session, archive.archive_id, request, decision):
            raise Conflict(
                f"申请 {request.serial} 的审批签名校验不通过(申请或审批意见在签署后被改动过),"
                "不能据此提供客户信息。请立即报告检查人员。"
            )


def _value_text(value: Any) -> str:
    return modification.format_value(value)


def produce(
    archive: Archive,
    actor: Actor,
    request_id: int,
    out: Path,
    *,
    custodian: Actor | None = None,
) -> Produced:
    """Write the delivered PDF to ``out`` and enter it in the 对外提供登记 (once per request).

    Only the requester, only after both approvals, only while every signature
    verifies. Secret-tier customers need the custodian present. The file is
    written before the register commits and removed again if the commit fails,
    so a file exists only with its register line.
    """
    live = authorize(archive, actor, Action.EXTERNAL_REQUEST)
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    with archive.unit_of_work() as uow:
        request = _own_approved(uow, live, request_id)
        ids = [link.customer_id for link in request.customers]
        secret = any(
            tier != "ordinary"
            for tier in uow.session.scalars(sa.select(Customer.tier).where(Customer.id.in_(ids)))
        )
    holder = customers.live_custodian(archive, custodian) if secret else None
    if secret and holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        request = _own_approved(uow, live, request_id)
        _check_signatures(uow, archive, request)
        payload = _payload(request)
        app = application(payload)
        names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
        labels = {s.key: s.label for s in STEPS}
        decisions = sorted(_approving(request), key=lambda d: (d.step, d.signed_at))
        provided = []
        for row in payload.get("customers") or []:
            customer = uow.session.get(Customer, int(row.get("id", 0)))
            if customer is None or customer.status == "destroyed":
                raise Conflict(
                    f"档案 {row.get('archive_no', '')} 在批准后已销毁或删除,不能再提供。"
                    "请撤回此申请,重新申请其余客户。"
                )
            record = customers.stored_record(archive, customer, holder, vault)
            own = {f.key for f in offered_fields(customer.category, customer.subtype)}
            provided.append(
                document.ProvidedCustomer(
                    archive_no=customer.archive_no,
                    kind=kind_label(customer.category, customer.subtype),
                    items=tuple(
                        document.ProvidedItem(f.label, _value_text(record.get(f.key)))
                        for f in app.fields
                        if f.key in own
                    ),
                )
            )
        now = utcnow()
        local_now = _local(now)
        mark = watermark.text(
            f"对外提供 {request.serial}",
            f"经办人 {live.display_name}",
            local_now.strftime("%Y-%m-%d %H:%M"),
            f"仅限{app.recipient_org}使用",
        )
        doc = document.ProvisionDocument(
            branch_name=archive.header.branch_name,
            serial=request.serial,
            recipient_org=app.recipient_org,
            recipient_person=app.recipient_person,
            purpose=app.purpose,
            legal_basis=app.legal_basis,
            delivery=app.delivery_label,
            approvals=tuple(
                document.ApprovalLine(
                    labels.get(d.step_key, d.step_key),
                    names.get(d.signer_id, ""),
                    _local(d.signed_at),
                )
                for d in decisions
            ),
            customers=tuple(provided),
            produced_by=live.display_name,
            produced_at=local_now,
            watermark=mark,
        )
        buffer = io.BytesIO()
        pages = document.render(doc, buffer)
        data = buffer.getvalue()
        del buffer, provided, doc
        digest = hashlib.sha256(data).hexdigest()
        summary = "、".join(app.archive_numbers) + ";" + app.field_labels
        uow.session.add(
            ExternalProvision(
                request_id=request.id,
                serial=request.serial,
                recipient_org=app.recipient_org,
                recipient_person=app.recipient_person,
                purpose=app.purpose,
                legal_basis=app.legal_basis,
                delivery=app.delivery,
                content_summary=summary,
                customer_count=len(app.archive_numbers),
                field_count=len(app.fields),
                approvals=json.dumps(
                    [
                        {
                            "step": d.step_key,
                            "label": labels.get(d.step_key, d.step_key),
                            "signer_id": d.signer_id,
                            "signer": names.get(d.signer_id, ""),
                            "signed_at": d.signed_at.isoformat(timespec="seconds"),
                        }
                        for d in decisions
                    ],
                    ensure_ascii=False,
                ),
                produced_by=live.user_id,
                produced_at=now,
                file_name=out.name[:200],
                sha256=digest,
                pages=pages,
            )
        )
        uow.session.flush()
        approvals.fire(
            uow,
            PROCEDURE,
            request,
            Event.APPLY,
            live.login,
            details={"count": len(app.archive_numbers), "fields": len(app.fields)},
        )
        details: dict[str, object] = {
            "serial": request.serial,
            "count": len(app.archive_numbers),
            "fields": len(app.fields),
            "pages": pages,
            "sha256": digest,
        }
        if holder is not None:
            details["custodian"] = holder.login
        uow.audit(
            live.login,
            "external.produce",
            target_type="request",
            target_id=request.serial,
            details=details,
        )
        _write(out, data)
        try:
            uow.commit()
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        return Produced(request.serial, out, digest, pages, data)


def _write(out: Path, data: bytes) -> None:
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise InvalidInput(
            f"无法保存到“{out}”:{exc.strerror or exc}。请换一个文件夹后重试;未作任何登记。"
        ) from None


def record_output(archive: Archive, actor: Actor, request_id: int, how: str) -> None:
    """The delivered file printed or saved again from the preview ("print" / "save"): an event."""
    live = authorize(archive, actor, Action.EXTERNAL_REQUEST)
    if how not in ("print", "save"):
        raise InvalidInput("未知的输出方式。")
    with archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        if request is None or request.kind != KIND:
            raise InvalidInput("找不到此对外提供申请,请刷新后重试。")
        if request.requester_id != live.user_id or request.state != State.APPLIED:
            raise NotPermitted("输出对外提供文件")
        uow.audit(
            live.login,
            "external.output",
            target_type="request",
            target_id=request.serial,
            details={"serial": request.serial, "output": how},
        )
        uow.commit()


# --- the register --------------------------------------------------------------------------------


def register(archive: Archive, actor: Actor) -> list[RegisterLine]:
    """Every application, newest first, with its register line once the file is produced."""
    live = refresh(archive, actor)
    if not any(live.may(a) for a in REGISTER_ACTIONS):
        raise NotPermitted("查看对外提供登记")
    with archive.unit_of_work() as uow:
        names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
        rows = uow.session.scalars(
            sa.select(Request).where(Request.kind == KIND).order_by(Request.id.desc())
        ).all()
        produced = {
            p.request_id: p
            for p in uow.session.scalars(
                sa.select(ExternalProvision).where(
                    ExternalProvision.request_id.in_([r.id for r in rows])
                )
            )
        }
        labels = {s.key: s.label for s in STEPS}
        lines = []
        for r in rows:
            line = produced.get(r.id)
            lines.append(
                RegisterLine(
                    request_id=r.id,
                    serial=r.serial,
                    state=r.state,
                    state_label=approvals.STATE_LABELS.get(r.state, r.state),
                    requester_name=names.get(r.requester_id, ""),
                    created_at=r.created_at,
                    application=application(_payload(r)),
                    approvals=tuple(
                        ApprovalInfo(
                            labels.get(d.step_key, d.step_key),
                            names.get(d.signer_id, ""),
                            d.signed_at,
                        )
                        for d in _approving(r)
                    ),
                    produced_by=names.get(line.produced_by, "") if line else "",
                    produced_at=line.produced_at if line else None,
                    file_name=line.file_name if line else "",
                    sha256=line.sha256 if line else "",
                    pages=line.pages if line else 0,
                    content_summary=line.content_summary if line else "",
                    can_produce=(
                        r.state == State.APPROVED
                        and r.requester_id == live.user_id
                        and live.may(Action.EXTERNAL_REQUEST)
                    ),
                )
            )
        return lines


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="对外提供申请",
        prefix=PREFIX,
        steps=STEPS,
        transitions=TRANSITIONS,
    )
)
