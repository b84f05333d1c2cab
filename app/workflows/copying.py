"""Copying and excerpting customer information (article 17.1): the request and the outputs.

Nothing of a customer's content is copied, excerpted, exported or printed
without permission. Whoever needs a copy (the owning manager included) asks
with a 复制摘录申请 naming the customers, the items, the forms of output
(clipboard, Excel, PDF, paper), the purpose and a period of at most
:data:`MAX_DAYS` days; the director, or the manager who owns every customer
named, approves it; never the requester. A consultation grant in 复制 or 摘抄
mode also lets some outputs out of a record read under it
(:data:`app.workflows.customers.GRANT_OUTFLOWS`). Whether a given output may
leave is decided in one place, :func:`app.workflows.customers.outflow_permit`;
this module writes the requests and produces the outputs.

Every output says where it came from: a PDF carries the watermark on every
page, an Excel file a first line and a print header, a clipboard copy a first
and last line, each naming the permit, the person and the moment. Every output
is an audit event ("copy.produce"), and so is every refusal ("copy.refused"),
committed before the refusal is raised. Nothing is written to disk but the
file the person chose, and only after the checks.
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
from openpyxl import Workbook

from app.errors import Conflict, CopyRequired, CustodianRequired, InvalidInput
from app.models import Customer, Request
from app.models.base import utcnow
from app.models.customer import TIER_LABELS
from app.printing import copy_document as document
from app.printing import watermark
from app.printing.external_provision import ProvidedCustomer, ProvidedItem
from app.security.permissions import Action
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.atomic import write_atomic
from app.storage.uow import UnitOfWork
from app.workflows import approvals, customers, modification, xlsx_io
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize, refresh
from app.workflows.customers import OUTFLOW_FORMS, OutflowPermit
from app.workflows.external_provision import (
    FieldChoice,
    kind_label,
    offered_fields,
    union_fields,
)
from app.workflows.modification import RequestRef

KIND = customers.COPY_KIND
PREFIX = "FZ"
#: enough for a manager's whole book of customers, not the whole catalogue
MAX_CUSTOMERS = 1000
PURPOSE_MAX = 200
#: a copy is made when it is needed: the permit lasts days, not weeks
MIN_DAYS = 1
MAX_DAYS = 7
DEFAULT_DAYS = 3
#: who the audit chain names when a permit's period ends
EXPIRY_ACTOR = "(系统)"
#: the words a watermark uses for each kind of permit
BASIS_LABELS = {customers.COPY_KIND: "复制摘录申请", customers.GRANT_KIND: "查阅授权"}

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.APPROVED, Event.EXPIRE): State.EXPIRED,
}
STEPS = (
    Step(
        "approve",
        "主任或管户客户经理审批",
        Action.COPY_APPROVE,
        own_customers_only=frozenset({Role.MANAGER}),
    ),
)


# --- what the views receive ---------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A customer as a copy request lists it: its catalogue line and the items it has."""

    id: int
    archive_no: str
    kind_label: str
    tier: str
    tier_label: str
    fields: tuple[FieldChoice, ...]


@dataclass(frozen=True)
class Application:
    """A copy request's content, read back from its payload."""

    archive_numbers: tuple[str, ...]
    fields: tuple[FieldChoice, ...]
    forms: tuple[str, ...]
    form_labels: str
    purpose: str
    days: int


@dataclass(frozen=True)
class PermitLine:
    """An approved copy request in force: what it lets out, of whom, until when."""

    request_id: int
    serial: str
    customer_ids: tuple[int, ...]
    archive_numbers: tuple[str, ...]
    forms: tuple[str, ...]
    form_labels: str
    field_count: int
    ends_at: datetime

    @property
    def subject(self) -> str:
        head = "、".join(self.archive_numbers[:3])
        count = len(self.archive_numbers)
        return head + (f" 等 {count} 户" if count > 3 else "")


@dataclass(frozen=True)
class CopiedText:
    text: str
    serial: str
    items: int


@dataclass(frozen=True)
class Produced:
    """A PDF made in memory (the preview prints or saves it), or an Excel file written."""

    serials: tuple[str, ...]
    customers: int
    data: bytes = b""
    pages: int = 0
    path: Path | None = None


# --- small helpers -------------------------------------------------------------------------------


def form_key(value: str) -> str:
    text = (value or "").strip()
    if text in OUTFLOW_FORMS:
        return text
    for key, label in OUTFLOW_FORMS.items():
        if text == label:
            return key
    raise InvalidInput("请选择复制方式:" + "、".join(OUTFLOW_FORMS.values()) + "。")


def _candidate(customer: Customer) -> Candidate:
    return Candidate(
        id=customer.id,
        archive_no=customer.archive_no,
        kind_label=kind_label(customer.category, customer.subtype),
        tier=customer.tier,
        tier_label=TIER_LABELS.get(customer.tier, customer.tier),
        fields=offered_fields(customer.category, customer.subtype),
    )


def _refuse_customer(customer: Customer) -> None:
    if customer.status == "draft":
        raise InvalidInput(f"档案 {customer.archive_no} 仍是草稿,尚未归档,不能申请复制。")
    if customer.status == "destroyed":
        raise InvalidInput(f"档案 {customer.archive_no} 已销毁,不能申请复制。")


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone()


def payload_of(request: Request) -> dict[str, Any]:
    return dict(json.loads(request.payload or "{}"))


def application(payload: Mapping[str, Any]) -> Application:
    forms = tuple(str(f) for f in payload.get("forms") or [])
    return Application(
        archive_numbers=tuple(str(c.get("archive_no", "")) for c in payload.get("customers") or []),
        fields=tuple(
            FieldChoice(str(f.get("key", "")), str(f.get("label", "")))
            for f in payload.get("fields") or []
        ),
        forms=forms,
        form_labels="、".join(OUTFLOW_FORMS.get(f, f) for f in forms),
        purpose=str(payload.get("purpose", "")),
        days=int(payload.get("days") or 0),
    )


def _note(app: Application) -> str:
    """The request in a few lines, for the generic request page (it shows ``note``)."""
    shown = "、".join(app.archive_numbers[:10])
    if len(app.archive_numbers) > 10:
        shown += f" 等 {len(app.archive_numbers)} 户"
    return "\n".join(
        [
            f"客户:{shown}",
            f"项目:{'、'.join(f.label for f in app.fields)}",
            f"复制方式:{app.form_labels}",
            f"用途:{app.purpose}",
            f"有效期:批准后 {app.days} 天",
        ]
    )


# --- applying ------------------------------------------------------------------------------------


def candidate(archive: Archive, actor: Actor, archive_no: str) -> Candidate:
    """A customer found by its full archive number, for the request form (catalogue line only)."""
    authorize(archive, actor, Action.COPY_REQUEST)
    number = (archive_no or "").strip()
    if not number:
        raise InvalidInput("请填写档案编号。")
    with archive.unit_of_work() as uow:
        customer = customers.by_archive_no(uow.session, number)
        if customer is None:
            raise InvalidInput(f"没有档案编号为“{number}”的客户档案。请核对编号(须完整填写)。")
        _refuse_customer(customer)
        return _candidate(customer)


def own_candidates(archive: Archive, actor: Actor) -> list[Candidate]:
    """The acting manager's own filed customers (导出本人客户 asks for all of them at once)."""
    live = authorize(archive, actor, Action.COPY_REQUEST)
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Customer)
            .where(Customer.manager_id == live.user_id, Customer.status == "filed")
            .order_by(Customer.archive_no)
            .limit(MAX_CUSTOMERS)
        ).all()
        return [_candidate(c) for c in rows]


def _clean_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidInput(f"有效期须为 {MIN_DAYS} 至 {MAX_DAYS} 天。复制件应在需要时才制作。")
    return days


def _checked(
    uow: UnitOfWork, customer_ids: Sequence[int], field_keys: Sequence[str]
) -> tuple[list[Customer], list[FieldChoice]]:
    ids = list(customer_ids)
    if not ids:
        raise InvalidInput("请至少列出一户要复制的客户。")
    if len(ids) > MAX_CUSTOMERS:
        raise InvalidInput(
            f"一份申请最多列 {MAX_CUSTOMERS} 户客户(现为 {len(ids)} 户)。请分批申请。"
        )
    if len(set(ids)) != len(ids):
        raise InvalidInput("同一户客户列出了两次,请删去重复的一行。")
    rows = {c.id: c for c in uow.session.scalars(sa.select(Customer).where(Customer.id.in_(ids)))}
    chosen = []
    for cid in ids:
        customer = rows.get(cid)
        if customer is None:
            raise InvalidInput("找不到所列的某户客户档案,可能已被删除。请刷新后重新选择。")
        _refuse_customer(customer)
        chosen.append(customer)
    offered = union_fields([_candidate(c) for c in chosen])
    wanted = {str(k).strip() for k in field_keys if str(k).strip()}
    if not wanted:
        raise InvalidInput("请勾选要复制或摘录的项目(只选工作确实需要的项目)。")
    unknown = sorted(wanted - {f.key for f in offered})
    if unknown:
        raise InvalidInput(
            f"所列客户的档案中没有这些项目:{'、'.join(unknown)}。请从列出的项目中选择。"
        )
    return chosen, [f for f in offered if f.key in wanted]


def apply(
    archive: Archive,
    actor: Actor,
    customer_ids: Sequence[int],
    *,
    field_keys: Sequence[str],
    forms: Sequence[str],
    purpose: str,
    days: int = DEFAULT_DAYS,
) -> RequestRef:
    """Submit a copy request to the director or the owning manager; returns its serial."""
    live = authorize(archive, actor, Action.COPY_REQUEST)
    keys = sorted({form_key(f) for f in forms}, key=list(OUTFLOW_FORMS).index)
    if not keys:
        raise InvalidInput("请选择至少一种复制方式:" + "、".join(OUTFLOW_FORMS.values()) + "。")
    text = (purpose or "").strip()
    if not text:
        raise InvalidInput("请填写用途(例如:报送县联社的授信材料)。")
    if len(text) > PURPOSE_MAX:
        raise InvalidInput(f"用途最多 {PURPOSE_MAX} 字,请精简。")
    days = _clean_days(days)
    with archive.unit_of_work() as uow:
        chosen, fields = _checked(uow, customer_ids, field_keys)
        payload: dict[str, Any] = {
            "applicant": {"user_id": live.user_id, "login": live.login},
            "customers": [{"id": c.id, "archive_no": c.archive_no, "tier": c.tier} for c in chosen],
            "fields": [{"key": f.key, "label": f.label} for f in fields],
            "forms": keys,
            "purpose": text,
            "days": days,
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
            details={"count": len(chosen), "fields": len(fields), "days": days},
        )
        uow.commit()
        return RequestRef(request.id, request.serial, request.state)


# --- the permit's life ----------------------------------------------------------------------------


def expire_due(archive: Archive) -> int:
    """Mark every copy permit past its period as expired; returns how many (as consultations)."""
    with archive.unit_of_work() as uow:
        count = approvals.expire_periods(uow, PROCEDURE, EXPIRY_ACTOR)
        if count:
            uow.commit()
        return count


def permits_in_force(archive: Archive, actor: Actor) -> list[PermitLine]:
    """我的复制许可: the person's approved copy requests in force, the soonest to end first."""
    live = refresh(archive, actor)
    expire_due(archive)
    now = utcnow()
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Request)
            .where(*customers.copy_in_force(live.user_id, now))
            .order_by(Request.valid_until, Request.id)
        ).all()
        lines = []
        for request in rows:
            payload = payload_of(request)
            app = application(payload)
            assert request.valid_until is not None
            lines.append(
                PermitLine(
                    request_id=request.id,
                    serial=request.serial,
                    customer_ids=tuple(int(c["id"]) for c in payload.get("customers") or []),
                    archive_numbers=app.archive_numbers,
                    forms=app.forms,
                    form_labels=app.form_labels,
                    field_count=len(app.fields),
                    ends_at=request.valid_until,
                )
            )
        return lines


def permitted_forms(archive: Archive, actor: Actor, customer_id: int) -> frozenset[str]:
    """Which outputs of this customer the person may make now (the buttons a page offers)."""
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            return frozenset()
        return frozenset(
            form for form in OUTFLOW_FORMS if customers.outflow_permit(uow, live, customer, form)
        )


def copyable_fields(archive: Archive, actor: Actor, customer_id: int) -> list[FieldChoice]:
    """The items a clipboard copy of this record may hold now (empty: no permit)."""
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            return []
        permit = customers.outflow_permit(uow, live, customer, "clipboard")
        if permit is None:
            return []
        return [
            f
            for f in offered_fields(customer.category, customer.subtype)
            if permit.fields is None or f.key in permit.fields
        ]


def customer_ids_for(
    archive: Archive, actor: Actor, *, serial: str = "", archive_numbers: Sequence[str] = ()
) -> list[int]:
    """The customers a command-line export names: a copy request's, or by archive number.

    Finding them permits nothing: producing checks each customer's permit.
    """
    live = refresh(archive, actor)
    if bool(serial) == bool(archive_numbers):
        raise InvalidInput("请给出复制摘录申请的编号(--request),或档案编号(--customer),二者选一。")
    with archive.unit_of_work() as uow:
        if serial:
            request = uow.session.scalar(sa.select(Request).where(Request.serial == serial.strip()))
            if request is None or request.kind != KIND or request.requester_id != live.user_id:
                raise InvalidInput(f"没有您提出的编号为“{serial}”的复制摘录申请。")
            return [int(c["id"]) for c in payload_of(request).get("customers") or []]
        ids = []
        for number in archive_numbers:
            customer = customers.by_archive_no(uow.session, number.strip())
            if customer is None:
                raise InvalidInput(f"没有档案编号为“{number}”的客户档案。请核对编号(须完整填写)。")
            ids.append(customer.id)
        return ids


# --- producing -------------------------------------------------------------------------------------


def _permits(
    archive: Archive, uow: UnitOfWork, live: Actor, chosen: Sequence[Customer], form: str
) -> dict[int, OutflowPermit]:
    """Each customer's permit for ``form``; a refusal is recorded, committed, then raised."""
    found: dict[int, OutflowPermit] = {}
    missing: list[str] = []
    for customer in chosen:
        permit = customers.outflow_permit(uow, live, customer, form)
        if permit is None:
            missing.append(customer.archive_no)
        else:
            found[customer.id] = permit
    if missing:
        uow.audit(
            live.login,
            "copy.refused",
            target_type="customer",
            target_id=missing[0],
            details={"form": form, "count": len(missing), "archive_no": missing[0]},
        )
        uow.commit()
        raise CopyRequired(missing, OUTFLOW_FORMS[form])
    _check_signatures(archive, uow, found.values())
    return found


def _check_signatures(archive: Archive, uow: UnitOfWork, permits: Any) -> None:
    """A copy request whose approval no longer verifies permits nothing (tampering)."""
    for serial in {p.serial for p in permits if p.kind == KIND}:
        request = uow.session.scalar(sa.select(Request).where(Request.serial == serial))
        assert request is not None
        for decision in request.decisions:
            if not approvals.decision_valid(uow.session, archive.archive_id, request, decision):
                raise Conflict(
                    f"复制摘录申请 {serial} 的审批签名校验不通过(申请或审批意见在签署后被改动过),"
                    "不能据此复制客户信息。请立即报告检查人员。"
                )


def _customers(uow: UnitOfWork, customer_ids: Sequence[int]) -> list[Customer]:
    ids = list(dict.fromkeys(customer_ids))
    if not ids:
        raise InvalidInput("没有要复制的客户。")
    rows = {c.id: c for c in uow.session.scalars(sa.select(Customer).where(Customer.id.in_(ids)))}
    if len(rows) != len(ids):
        raise InvalidInput("找不到所列的某户客户档案,可能已被删除。请刷新后重试。")
    return [rows[i] for i in ids]


def _secret(chosen: Sequence[Customer]) -> bool:
    return any(c.tier != "ordinary" for c in chosen)


def _holder(archive: Archive, secret: bool, custodian: Actor | None) -> Actor | None:
    if not secret:
        return None
    holder = customers.live_custodian(archive, custodian)
    if holder is None:
        raise CustodianRequired()
    return holder


def _items(
    customer: Customer, record: Mapping[str, Any], allowed: frozenset[str] | None
) -> list[ProvidedItem]:
    return [
        ProvidedItem(f.label, modification.format_value(record.get(f.key)))
        for f in offered_fields(customer.category, customer.subtype)
        if allowed is None or f.key in allowed
    ]


def _mark(serials: Sequence[str], live: Actor, now: datetime) -> str:
    return watermark.text(
        f"复制件 {'、'.join(serials)}",
        f"经办人 {live.display_name}",
        _local(now).strftime("%Y-%m-%d %H:%M"),
        "仅限本社内部使用",
    )


def _produced_event(
    uow: UnitOfWork,
    live: Actor,
    form: str,
    permits: Mapping[int, OutflowPermit],
    chosen: Sequence[Customer],
    holder: Actor | None,
    **extra: object,
) -> None:
    serials = sorted({p.serial for p in permits.values()})
    details: dict[str, object] = {
        "form": form,
        "serial": "、".join(serials),
        "count": len(chosen),
        **extra,
    }
    if len(chosen) == 1:
        details["archive_no"] = chosen[0].archive_no
    if holder is not None:
        details["custodian"] = holder.login
    uow.audit(
        live.login,
        "copy.produce",
        target_type="request" if len(serials) == 1 else "customer",
        target_id=serials[0] if len(serials) == 1 else chosen[0].archive_no,
        details=details,
    )


def copy_text(
    archive: Archive,
    actor: Actor,
    customer_id: int,
    field_keys: Sequence[str] | None = None,
    *,
    custodian: Actor | None = None,
) -> CopiedText:
    """The chosen items of one record as text for the clipboard, between two watermark lines.

    ``field_keys`` None: every item the permit covers (复制); some keys: an
    excerpt (摘录), each of which the permit must cover.
    """
    live = authorize(archive, actor, Action.CONTENT_EXPORT)
    with archive.unit_of_work() as uow:
        chosen = _customers(uow, [customer_id])
        permit = _permits(archive, uow, live, chosen, "clipboard")[customer_id]
        secret = _secret(chosen)
    customer_holder = _holder(archive, secret, custodian)
    with customers.open_vault(archive, customer_holder) as vault, archive.unit_of_work() as uow:
        customer = _customers(uow, [customer_id])[0]
        record = customers.stored_record(archive, customer, customer_holder, vault)
        allowed = permit.fields
        if field_keys is not None:
            wanted = frozenset(str(k) for k in field_keys)
            outside = wanted - allowed if allowed is not None else frozenset()
            if outside:
                raise CopyRequired([customer.archive_no], "摘录所选项目")
            if not wanted:
                raise InvalidInput("请勾选要摘录的项目。")
            allowed = wanted
        items = _items(customer, record, allowed)
        now = utcnow()
        mark = _mark([permit.serial], live, now)
        lines = [f"【{mark}】", f"档案编号:{customer.archive_no}"]
        lines += [f"{item.label}:{item.value}" for item in items]
        lines.append(f"【{mark}】")
        _produced_event(
            uow,
            live,
            "clipboard",
            {customer.id: permit},
            [customer],
            customer_holder,
            items=len(items),
        )
        uow.commit()
        return CopiedText("\n".join(lines), permit.serial, len(items))


def produce_pdf(
    archive: Archive,
    actor: Actor,
    customer_ids: Sequence[int],
    form: str,
    *,
    purpose: str = "",
    custodian: Actor | None = None,
) -> Produced:
    """A watermarked PDF of the records, in memory, for 导出 PDF ("pdf") or 打印 ("print")."""
    if form not in ("pdf", "print"):
        raise InvalidInput("未知的输出方式。")
    live = authorize(archive, actor, Action.CONTENT_EXPORT)
    with archive.unit_of_work() as uow:
        chosen = _customers(uow, customer_ids)
        _permits(archive, uow, live, chosen, form)
        secret = _secret(chosen)
    holder = _holder(archive, secret, custodian)
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        chosen = _customers(uow, customer_ids)
        permits = _permits(archive, uow, live, chosen, form)
        provided = []
        for customer in chosen:
            record = customers.stored_record(archive, customer, holder, vault)
            provided.append(
                ProvidedCustomer(
                    archive_no=customer.archive_no,
                    kind=kind_label(customer.category, customer.subtype),
                    items=tuple(_items(customer, record, permits[customer.id].fields)),
                )
            )
        serials = tuple(sorted({p.serial for p in permits.values()}))
        kinds = {p.kind for p in permits.values()}
        now = utcnow()
        doc = document.CopyDocument(
            branch_name=archive.header.branch_name,
            serials="、".join(serials),
            basis="、".join(BASIS_LABELS.get(k, k) for k in sorted(kinds)),
            purpose=purpose or _purposes(uow, serials),
            customers=tuple(provided),
            produced_by=live.display_name,
            produced_at=_local(now),
            watermark=_mark(serials, live, now),
        )
        buffer = io.BytesIO()
        pages = document.render(doc, buffer)
        data = buffer.getvalue()
        del provided, doc, buffer
        _produced_event(
            uow,
            live,
            form,
            permits,
            chosen,
            holder,
            pages=pages,
            sha256=hashlib.sha256(data).hexdigest(),
        )
        uow.commit()
        return Produced(serials, len(chosen), data=data, pages=pages)


def _purposes(uow: UnitOfWork, serials: Sequence[str]) -> str:
    found = []
    for serial in serials:
        request = uow.session.scalar(sa.select(Request).where(Request.serial == serial))
        if request is not None and request.kind == KIND:
            found.append(str(payload_of(request).get("purpose", "")))
        elif request is not None:
            found.append(str(json.loads(request.payload or "{}").get("purpose", "")))
    return ";".join(p for p in found if p)


def record_output(archive: Archive, actor: Actor, customer_ids: Sequence[int], how: str) -> None:
    """A produced PDF printed ("print") or saved ("save") from the preview: checked, an event."""
    form = {"print": "print", "save": "pdf"}.get(how)
    if form is None:
        raise InvalidInput("未知的输出方式。")
    live = authorize(archive, actor, Action.CONTENT_EXPORT)
    with archive.unit_of_work() as uow:
        chosen = _customers(uow, customer_ids)
        permits = _permits(archive, uow, live, chosen, form)
        serials = sorted({p.serial for p in permits.values()})
        uow.audit(
            live.login,
            "copy.output",
            target_type="request",
            target_id=serials[0],
            details={"serial": "、".join(serials), "output": how, "count": len(chosen)},
        )
        uow.commit()


def export_excel(
    archive: Archive,
    actor: Actor,
    customer_ids: Sequence[int],
    out: str | Path,
    *,
    custodian: Actor | None = None,
) -> Produced:
    """The records' permitted items as one .xlsx sheet, a watermark line first and in the header.

    The file is written only after every check; the event commits after the
    file is complete, and a failed commit removes the file again.
    """
    live = authorize(archive, actor, Action.CONTENT_EXPORT)
    path = xlsx_io.xlsx_path(out)
    with archive.unit_of_work() as uow:
        chosen = _customers(uow, customer_ids)
        _permits(archive, uow, live, chosen, "excel")
        secret = _secret(chosen)
    holder = _holder(archive, secret, custodian)
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        chosen = _customers(uow, customer_ids)
        permits = _permits(archive, uow, live, chosen, "excel")
        serials = tuple(sorted({p.serial for p in permits.values()}))
        now = utcnow()
        mark = _mark(serials, live, now)
        columns: dict[str, str] = {}
        rows = []
        for customer in chosen:
            record = customers.stored_record(archive, customer, holder, vault)
            allowed = permits[customer.id].fields
            values = {}
            for f in offered_fields(customer.category, customer.subtype):
                if allowed is None or f.key in allowed:
                    columns.setdefault(f.key, f.label)
                    values[f.key] = modification.format_value(record.get(f.key))
            rows.append((customer, values))
        workbook = Workbook(write_only=True)
        ws = xlsx_io.streaming_sheet(workbook, "复制件", [20, 16] + [14] * len(columns))
        ws.oddHeader.center.text = mark
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.append([mark])
        ws.append(["档案编号", "类别", *columns.values()])
        for customer, values in rows:
            cells = [customer.archive_no, kind_label(customer.category, customer.subtype)]
            cells += [values.get(key, "") for key in columns]
            ws.append([xlsx_io.safe_cell(ws, v) for v in cells])
        ws.append([mark])
        xlsx_io.save(workbook, path)
        try:
            _produced_event(uow, live, "excel", permits, chosen, holder, items=len(columns))
            uow.commit()
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return Produced(serials, len(chosen), path=path)


def save_pdf(data: bytes, out: Path) -> None:
    """Write a produced PDF where the person chose (the preview's 另存为)."""
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise InvalidInput(
            f"无法保存到“{out}”:{exc.strerror or exc}。请换一个文件夹后重试。"
        ) from None


# --- hooks the signing engine runs inside its transaction ------------------------------------------


def _before_sign(
    archive: Archive, uow: UnitOfWork, request: Request, decision: str, vault: UnitOfWork | None
) -> None:
    if decision != "approve":
        return
    destroyed = approvals.destroyed_customers(uow.session, request)
    if destroyed:
        raise Conflict(
            f"复制摘录申请 {request.serial} 所列档案 {'、'.join(destroyed)} 已销毁,不能批准。请驳回。"
        )


def _after_decision(
    archive: Archive,
    uow: UnitOfWork,
    request: Request,
    signer: Actor,
    vault: UnitOfWork | None,
    holder: Actor | None,
) -> None:
    """The approval starts the permit: its period counts from this moment."""
    if request.state != State.APPROVED or request.valid_from is not None:
        return
    approvals.start_period(request, int(payload_of(request).get("days") or 0))
    uow.session.flush()


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="复制摘录申请",
        prefix=PREFIX,
        steps=STEPS,
        transitions=TRANSITIONS,
        before_sign=_before_sign,
        after_decision=_after_decision,
    )
)
