"""Modification of a filed archive (article 10): requested by its manager, approved by the director.

The manager's edit does not change the record: it becomes a request holding
the item-by-item difference (before and after) and the supporting files. The
director signs it; on approval the change is applied and filed (备案) in the
same transaction, as a new version of the record naming who asked, who
approved and when. A request drafted against an older version of the record
cannot be approved until the manager refreshes it (no lost update).

For 机密/绝密 records the difference is content: it is kept in vault.db, and
drafting, refreshing and approving need a custodian present.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from app.errors import Conflict, CustodianRequired, InvalidInput, NothingChanged, NotPermitted
from app.models import Customer, CustomerVersion, Request, VaultRecord
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.workflows import approvals, attachments, customers
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize

KIND = "modification"

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.REFRESH): State.SUBMITTED,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Event.APPLY): State.APPLIED,
}
STEPS = (Step("director", "主任审批", Action.MODIFICATION_APPROVE),)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RequestRef:
    id: int
    serial: str
    state: str


def diff(
    labels: Mapping[str, str], before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[Change]:
    """Items whose value differs, in the template's order (labels), then any others."""
    keys = list(labels) + sorted((set(before) | set(after)) - set(labels))
    return [
        Change(key, labels.get(key, key), before.get(key), after.get(key))
        for key in keys
        if _same(before.get(key), after.get(key)) is False
    ]


def _same(a: Any, b: Any) -> bool:
    def norm(value: Any) -> Any:
        return None if value in ("", [], {}) else value

    return approvals.canonical_json({"v": norm(a)}) == approvals.canonical_json({"v": norm(b)})


def format_value(value: Any) -> str:
    """A before/after value as one line of text (tables as rows separated by ;)."""
    if value is None or value == "" or value == []:
        return "(空)"
    if isinstance(value, list):
        rows = []
        for row in value:
            if isinstance(row, Mapping):
                rows.append(",".join(str(v) for v in row.values() if v not in (None, "")))
            else:
                rows.append(str(row))
        return ";".join(rows)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _owned_filed(uow: UnitOfWork, live: Actor, customer_id: int) -> Customer:
    customer = uow.session.get(Customer, customer_id)
    if customer is None:
        raise InvalidInput("找不到此客户档案,可能已被删除。请刷新目录后重试。")
    if customer.manager_id != live.user_id:
        raise NotPermitted("修改他人管户的客户档案")
    if customer.status == "draft":
        raise Conflict(f"档案 {customer.archive_no} 仍是草稿,可直接修改保存,无需报批。")
    if customer.status != "filed":
        raise Conflict(f"档案 {customer.archive_no} 已销户或销毁,不能再修改。")
    return customer


def pending_for_customer(uow: UnitOfWork, customer_id: int) -> Request | None:
    return uow.session.scalar(
        sa.select(Request)
        .where(
            Request.kind == KIND,
            Request.customer_id == customer_id,
            Request.state.in_((State.DRAFT, State.SUBMITTED, State.APPROVED)),
        )
        .order_by(Request.id.desc())
        .limit(1)
    )


def _payload(
    customer: Customer,
    changes: Sequence[Change],
    note: str,
    files: Sequence[dict[str, object]],
    parent_serial: str | None,
) -> dict[str, Any]:
    return {
        "customer_id": customer.id,
        "archive_no": customer.archive_no,
        "base_version": customer.version,
        "note": note,
        "changes": [
            {"key": c.key, "label": c.label, "before": c.before, "after": c.after} for c in changes
        ],
        "attachments": list(files),
        "from_update": parent_serial,
    }


def changes_of(payload: Mapping[str, Any]) -> list[Change]:
    return [
        Change(str(c["key"]), str(c.get("label") or c["key"]), c.get("before"), c.get("after"))
        for c in payload.get("changes") or []
    ]


def propose_in(
    archive: Archive,
    uow: UnitOfWork,
    live: Actor,
    customer: Customer,
    data: Mapping[str, Any],
    *,
    note: str,
    files: Sequence[attachments.NewAttachment],
    vault: UnitOfWork | None,
    holder: Actor | None,
    parent: Request | None = None,
) -> Request:
    """The request inside the caller's transaction (an accepted update submission uses this)."""
    existing = pending_for_customer(uow, customer.id)
    if existing is not None:
        raise Conflict(
            f"档案 {customer.archive_no} 已有未办结的修改申请 {existing.serial}。"
            "请等待其审批结果,或撤回后再提出新的修改。"
        )
    current = customers.stored_record(archive, customer, holder, vault)
    before = customers.comparable_record(customer, current)
    after = customers.comparable_record(customer, data)
    changes = diff(customers.item_labels(customer), before, after)
    if not changes:
        raise NothingChanged()
    if any(c.key == "tier" for c in changes):
        raise Conflict("修改申请不能变更密级。标定或降低密级须另行办理(制度第16条)。")
    checked = attachments.check(files)
    payload = _payload(
        customer, changes, note.strip(), attachments.describe(checked), parent and parent.serial
    )
    request = approvals.create(
        uow,
        approvals.procedure(KIND),
        live.user_id,
        payload,
        customer_id=customer.id,
        base_version=customer.version,
        parent_id=parent.id if parent else None,
        vault=vault if customer.tier != "ordinary" else None,
    )
    attachments.store(uow, request, checked, live.user_id)
    approvals.fire(
        uow,
        approvals.procedure(KIND),
        request,
        Event.SUBMIT,
        live.login,
        details={"archive_no": customer.archive_no, "count": len(changes)},
    )
    return request


def propose(
    archive: Archive,
    actor: Actor,
    customer_id: int,
    data: Mapping[str, Any],
    *,
    note: str = "",
    files: Sequence[attachments.NewAttachment] = (),
    custodian: Actor | None = None,
) -> RequestRef:
    """The owning manager's change of a filed archive, submitted to the director."""
    live = authorize(archive, actor, Action.MODIFICATION_DRAFT)
    with archive.unit_of_work() as uow:
        tier = _owned_filed(uow, live, customer_id).tier
    holder = customers.live_custodian(archive, custodian) if tier != "ordinary" else None
    if tier != "ordinary" and holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        customer = _owned_filed(uow, live, customer_id)
        request = propose_in(
            archive, uow, live, customer, data, note=note, files=files, vault=vault, holder=holder
        )
        commit_both(uow, vault)
        return RequestRef(request.id, request.serial, request.state)


def commit_both(uow: UnitOfWork, vault: UnitOfWork | None) -> None:
    """The vault first (its rows are keyed by serials the main commit makes final), then main."""
    if vault is not None:
        vault.commit()
    uow.commit()


def refresh(
    archive: Archive, actor: Actor, request_id: int, *, custodian: Actor | None = None
) -> RequestRef:
    """Bring a stale request up to date: the same after-values against the record as it is now."""
    live = authorize(archive, actor, Action.MODIFICATION_DRAFT)
    with archive.unit_of_work() as uow:
        request = _own_request(uow, live, request_id)
        tier = _customer(uow, request).tier
    holder = customers.live_custodian(archive, custodian) if tier != "ordinary" else None
    if tier != "ordinary" and holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        request = _own_request(uow, live, request_id)
        customer = _customer(uow, request)
        payload = approvals.load_payload(request, vault)
        if payload is None:
            raise CustodianRequired()
        current = customers.stored_record(archive, customer, holder, vault)
        wanted = dict(current)
        for change in changes_of(payload):
            wanted[change.key] = change.after
        before = customers.comparable_record(customer, current)
        after = customers.comparable_record(customer, wanted)
        changes = diff(customers.item_labels(customer), before, after)
        if not changes:
            raise InvalidInput("档案现已与申请修改的内容一致,无需再审批。请撤回此申请。")
        payload.update(
            _payload(customer, changes, str(payload.get("note") or ""), [], None)
            | {
                "attachments": payload.get("attachments") or [],
                "from_update": payload.get("from_update"),
            }
        )
        approvals.replace_payload(uow, request, payload, vault=vault)
        request.base_version = customer.version
        approvals.fire(
            uow,
            approvals.procedure(KIND),
            request,
            Event.REFRESH,
            live.login,
            details={"archive_no": customer.archive_no, "count": len(changes)},
        )
        commit_both(uow, vault)
        return RequestRef(request.id, request.serial, request.state)


def _own_request(uow: UnitOfWork, live: Actor, request_id: int) -> Request:
    request = uow.session.get(Request, request_id)
    if request is None or request.kind != KIND:
        raise InvalidInput("找不到此修改申请,请刷新后重试。")
    if request.requester_id != live.user_id:
        raise NotPermitted("刷新他人提出的修改申请")
    return request


def _customer(uow: UnitOfWork, request: Request) -> Customer:
    customer = uow.session.get(Customer, request.customer_id) if request.customer_id else None
    if customer is None:
        raise InvalidInput("找不到申请所涉及的客户档案,可能已被删除。")
    return customer


def is_stale(uow: UnitOfWork, request: Request) -> bool:
    customer = uow.session.get(Customer, request.customer_id) if request.customer_id else None
    return customer is not None and customer.version != request.base_version


# --- hooks the signing engine runs inside its transaction ------------------------------------------


def _before_sign(
    archive: Archive, uow: UnitOfWork, request: Request, decision: str, vault: UnitOfWork | None
) -> None:
    if decision == "approve" and is_stale(uow, request):
        raise Conflict(
            f"档案在修改申请 {request.serial} 提出后已有变动,按旧内容批准会覆盖新的修改。"
            "请客户经理按最新档案刷新此申请后再审批。"
        )


def _after_decision(
    archive: Archive,
    uow: UnitOfWork,
    request: Request,
    signer: Actor,
    vault: UnitOfWork | None,
    holder: Actor | None,
) -> None:
    """On approval: apply exactly the signed difference and file it as a new version."""
    if request.state != State.APPROVED:
        return
    customer = _customer(uow, request)
    payload = approvals.load_payload(request, vault)
    if payload is None:
        raise CustodianRequired()
    changes = changes_of(payload)
    record = customers.stored_record(archive, customer, holder, vault)
    for change in changes:
        record[change.key] = change.after
    version = customers.replace_record(uow, customer, record, vault)
    text = json.dumps(payload["changes"], ensure_ascii=False, sort_keys=True)
    row = CustomerVersion(
        customer_id=customer.id,
        version=version,
        request_id=request.id,
        changes="" if customer.tier != "ordinary" else text,
        requested_by=request.requester_id,
        approved_by=signer.user_id,
    )
    uow.session.add(row)
    if customer.tier != "ordinary" and vault is not None:
        vault.session.add(
            VaultRecord(
                record_ref=f"version:{customer.archive_no}:{version}",
                tier=customer.tier,
                content=text.encode("utf-8"),
            )
        )
        vault.session.flush()
    uow.session.flush()
    approvals.fire(
        uow,
        approvals.procedure(KIND),
        request,
        Event.APPLY,
        signer.login,
        details={"archive_no": customer.archive_no, "count": len(changes), "version": version},
    )


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="档案修改申请",
        prefix="XG",
        steps=STEPS,
        transitions=TRANSITIONS,
        before_sign=_before_sign,
        after_decision=_after_decision,
    )
)
