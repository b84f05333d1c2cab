"""Update submissions (article 9): staff report new information to the owning manager.

Staff who learn that a customer's information changed (a new phone, a new
address) cannot see the record: they name the customer by its catalogue line,
propose values for the items concerned, attach the supporting material, and
submit it to the manager who owns the customer. The manager accepts or
rejects it, signing like every decision. An accepted submission becomes a
modification request in the manager's name (article 10), which the director
then approves; the submission itself is then done (已执行).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from app.errors import (
    Conflict,
    CustodianRequired,
    FormRejected,
    InvalidInput,
    NothingChanged,
)
from app.models import Customer, Request, RequestAttachment
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.template import current_template
from app.template import validation as tv
from app.workflows import approvals, attachments, customers, modification
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize

KIND = "update"
NOTE_MAX = 500

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Event.APPLY): State.APPLIED,
}
STEPS = (Step("manager", "管户客户经理受理", Action.UPDATE_DECIDE, owners=True),)


@dataclass(frozen=True)
class FieldChoice:
    key: str
    label: str
    type: str
    options: tuple[str, ...]
    help: str


def fields_for(archive: Archive, actor: Actor, customer_id: int) -> list[FieldChoice]:
    """The items of this customer's form that a submission may propose values for.

    Only the catalogue line is needed to ask (category and sub-type): the
    submitter never sees the current values.
    """
    authorize(archive, actor, Action.UPDATE_SUBMIT)
    with archive.unit_of_work() as uow:
        customer = _customer(uow, customer_id)
        category, subtype = customer.category, customer.subtype
    template = current_template()
    return [
        FieldChoice(f.key, f.label, f.type, tuple(f.options), f.help)
        for f in template.fields_for(category, subtype)
        if not f.computed and f.key != "tier"
    ]


def _customer(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = uow.session.get(Customer, customer_id)
    if customer is None:
        raise InvalidInput("找不到此客户档案,可能已被删除。请刷新目录后重试。")
    if customer.status != "filed":
        raise Conflict(f"档案 {customer.archive_no} 不是在册档案,不能提交信息更新。")
    return customer


def _checked_values(customer: Customer, values: Mapping[str, Any]) -> dict[str, Any]:
    template = current_template()
    fields = {
        f.key: f
        for f in template.fields_for(customer.category, customer.subtype)
        if not f.computed and f.key != "tier"
    }
    problems: list[tv.Problem] = []
    clean: dict[str, Any] = {}
    for key, raw in values.items():
        field = fields.get(key)
        if field is None:
            problems.append(tv.Problem(key, "此客户的档案没有这一项,请重新选择。"))
            continue
        value = tv.normalize(field, raw)
        if value is None or value == "":
            problems.append(tv.Problem(key, f"请填写“{field.label}”的新内容。"))
            continue
        message = tv.validate_field(field, raw)
        if message:
            problems.append(tv.Problem(key, message))
            continue
        clean[key] = value
    if problems:
        raise FormRejected(problems, {k: f.label for k, f in fields.items()})
    if not clean:
        raise InvalidInput("请至少填写一项需要更新的信息。")
    return clean


def submit(
    archive: Archive,
    actor: Actor,
    customer_id: int,
    values: Mapping[str, Any],
    *,
    note: str,
    files: Sequence[attachments.NewAttachment] = (),
    custodian: Actor | None = None,
) -> modification.RequestRef:
    """Propose new values for a filed customer, to its owning manager.

    For a 机密/绝密 customer the proposed values are secret content: they are
    kept in vault.db, so a custodian must be present to submit.
    """
    live = authorize(archive, actor, Action.UPDATE_SUBMIT)
    note = (note or "").strip()
    if not note:
        raise InvalidInput("请说明信息变更的情况和来源(例如:客户来柜面告知新的手机号码)。")
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"说明最多 {NOTE_MAX} 字,请精简。")
    with archive.unit_of_work() as uow:
        customer = _customer(uow, customer_id)
        if customer.manager_id == live.user_id:
            raise Conflict(
                "您是此客户的管户客户经理,请直接在档案中提出修改申请,报主任审批(制度第10条)。"
            )
        clean = _checked_values(customer, values)
        tier = customer.tier
    checked = attachments.check(files)
    holder = customers.live_custodian(archive, custodian) if tier != "ordinary" else None
    if tier != "ordinary" and holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        customer = _customer(uow, customer_id)
        labels = customers.item_labels(customer)
        payload = {
            "customer_id": customer.id,
            "archive_no": customer.archive_no,
            "values": {key: clean[key] for key in clean},
            "labels": {key: labels.get(key, key) for key in clean},
            "note": note,
            "attachments": attachments.describe(checked),
        }
        request = approvals.create(
            uow, PROCEDURE, live.user_id, payload, customer_id=customer.id, vault=vault
        )
        attachments.store(uow, request, checked, live.user_id)
        approvals.fire(
            uow,
            PROCEDURE,
            request,
            Event.SUBMIT,
            live.login,
            details={"archive_no": customer.archive_no, "count": len(clean)},
        )
        modification.commit_both(uow, vault)
        return modification.RequestRef(request.id, request.serial, request.state)


def _after_decision(
    archive: Archive,
    uow: UnitOfWork,
    request: Request,
    signer: Actor,
    vault: UnitOfWork | None,
    holder: Actor | None,
) -> None:
    """Accepted: the manager's modification request, with the same material, goes to the director."""
    if request.state != State.APPROVED:
        return
    payload = approvals.load_payload(request, vault) or {}
    customer = uow.session.get(Customer, request.customer_id)
    if customer is None:
        raise InvalidInput("找不到申请所涉及的客户档案,可能已被删除。")
    record = customers.stored_record(archive, customer, holder, vault)
    record.update(payload.get("values") or {})
    files = [
        attachments.NewAttachment(a.filename, a.data)
        for a in uow.session.scalars(_attachments_of(request))
    ]
    note = f"依据信息更新申请 {request.serial}:{payload.get('note') or ''}"
    try:
        child = modification.propose_in(
            archive,
            uow,
            signer,
            customer,
            record,
            note=note[:NOTE_MAX],
            files=files,
            vault=vault,
            holder=holder,
            parent=request,
        )
    except NothingChanged:
        child = None  # the record already says what was reported: accepted, nothing to file
    approvals.fire(
        uow,
        PROCEDURE,
        request,
        Event.APPLY,
        signer.login,
        details={"archive_no": customer.archive_no, "child": child.serial if child else ""},
    )


def _attachments_of(request: Request) -> Any:
    return (
        sa.select(RequestAttachment)
        .where(RequestAttachment.request_id == request.id)
        .order_by(RequestAttachment.id)
    )


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="信息更新申请",
        prefix="GX",
        steps=STEPS,
        transitions=TRANSITIONS,
        after_decision=_after_decision,
    )
)
