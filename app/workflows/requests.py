"""Requests across procedures: the inbox, my requests, one request opened, withdrawing, history.

Who may see a request: the requester, whoever may decide its current step,
whoever decided one of its steps, and the managers of its customers. A
request's content is customer content (the before/after values), so opening
one is an audit event like opening a record, and one kept in vault.db needs
a custodian present.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from app.errors import CustodianRequired, InvalidInput, NotPermitted
from app.models import (
    ApprovalDecision,
    Customer,
    CustomerVersion,
    Request,
    RequestAttachment,
    RequestCustomer,
    User,
    VaultRecord,
)
from app.security.permissions import Action
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.workflows import approvals, attachments, consultation, customers
from app.workflows.approvals import Event, State
from app.workflows.auth import Actor, refresh
from app.workflows.modification import Change, changes_of

REASON_MAX = approvals.REASON_MAX


@dataclass(frozen=True)
class RequestLine:
    id: int
    serial: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    requester_name: str
    created_at: datetime
    #: archive numbers of the customers concerned
    subject: str
    #: the step waiting for a decision ("主任审批"), or what remains ("待执行"), or ""
    next_step: str
    #: the logged-in person may decide the current step
    for_me: bool


@dataclass(frozen=True)
class RequestDetail:
    line: RequestLine
    requester_login: str
    note: str
    customer_id: int | None
    #: modification: the difference; update submission: the proposed values (before unknown)
    changes: list[Change]
    #: the request's whole content (procedures with their own fields read it from here)
    payload: dict[str, Any]
    attachments: list[attachments.AttachmentLine]
    history: list[approvals.DecisionLine]
    content_hash: str
    close_reason: str
    #: the record changed after the request was drafted: refresh before approval
    stale: bool
    #: why the logged-in person may not decide now (None: they may)
    refusal: str | None
    can_withdraw: bool
    can_refresh: bool
    parent_serial: str
    child_serials: list[str] = field(default_factory=list)

    @property
    def can_decide(self) -> bool:
        return self.refusal is None

    @property
    def signatures_valid(self) -> bool:
        return all(line.valid for line in self.history)


@dataclass(frozen=True)
class VersionLine:
    version: int
    applied_at: datetime
    serial: str
    requested_by: str
    approved_by: str
    changes: list[Change]
    #: the approving signature verifies over the request as stored
    signature_valid: bool | None


def _roles(actor: Actor) -> set[Role]:
    return set(actor.roles)


def _lines(uow: UnitOfWork, live: Actor, rows: list[Request]) -> list[RequestLine]:
    if not rows:
        return []
    names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
    ids = [r.id for r in rows]
    subjects: dict[int, list[str]] = {}
    for request_id, archive_no in uow.session.execute(
        sa.select(RequestCustomer.request_id, Customer.archive_no)
        .join(Customer, Customer.id == RequestCustomer.customer_id)
        .where(RequestCustomer.request_id.in_(ids))
        .order_by(Customer.archive_no)
    ):
        subjects.setdefault(request_id, []).append(archive_no)
    lines = []
    for r in rows:
        proc = approvals.procedure(r.kind)
        subject = subjects.get(r.id, [])
        lines.append(
            RequestLine(
                id=r.id,
                serial=r.serial,
                kind=r.kind,
                kind_label=proc.label,
                state=r.state,
                state_label=approvals.STATE_LABELS.get(r.state, r.state),
                requester_name=names.get(r.requester_id, ""),
                created_at=r.created_at,
                subject="、".join(subject[:3])
                + (f" 等 {len(subject)} 户" if len(subject) > 3 else ""),
                next_step=approvals.next_step_label(proc, r),
                for_me=approvals.may_decide(proc, r, live.user_id, _roles(live)),
            )
        )
    return lines


def _decidable(uow: UnitOfWork, live: Actor) -> list[Request]:
    rows = uow.session.scalars(
        sa.select(Request).where(Request.state == State.SUBMITTED).order_by(Request.id)
    ).all()
    return [
        r
        for r in rows
        if approvals.may_decide(approvals.procedure(r.kind), r, live.user_id, _roles(live))
    ]


def inbox(archive: Archive, actor: Actor) -> list[RequestLine]:
    """待办审批: everything the logged-in person may decide now, oldest first."""
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        return _lines(uow, live, _decidable(uow, live))


def inbox_count(archive: Archive, actor: Actor) -> int:
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        return len(_decidable(uow, live))


def mine(archive: Archive, actor: Actor) -> list[RequestLine]:
    """我的申请: what I asked for and where each stands, newest first."""
    live = refresh(archive, actor)
    consultation.expire_due(archive)
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Request)
            .where(Request.requester_id == live.user_id)
            .order_by(Request.id.desc())
        ).all()
        return _lines(uow, live, list(rows))


def listing(archive: Archive, actor: Actor, *, pending_only: bool = False) -> list[RequestLine]:
    """The command line's view: mine, waiting for me, and those I decided (or only pending ones)."""
    live = refresh(archive, actor)
    consultation.expire_due(archive)
    with archive.unit_of_work() as uow:
        decided = sa.select(ApprovalDecision.request_id).where(
            ApprovalDecision.signer_id == live.user_id
        )
        rows = {
            r.id: r
            for r in uow.session.scalars(
                sa.select(Request).where(
                    sa.or_(Request.requester_id == live.user_id, Request.id.in_(decided))
                )
            )
        }
        for r in _decidable(uow, live):
            rows[r.id] = r
        chosen = sorted(rows.values(), key=lambda r: r.id)
        if pending_only:
            chosen = [r for r in chosen if r.state in (State.DRAFT, State.SUBMITTED)]
        return _lines(uow, live, chosen)


def may_see(uow: UnitOfWork, live: Actor, request: Request) -> bool:
    """Whether ``live`` may see this request (the rule of the module docstring)."""
    if request.requester_id == live.user_id:
        return True
    if any(d.signer_id == live.user_id for d in request.decisions):
        return True
    proc = approvals.procedure(request.kind)
    if approvals.may_decide(proc, request, live.user_id, _roles(live)):
        return True
    return live.user_id in approvals.step_owners(request) and live.may(Action.CUSTOMER_VIEW_OWN)


def _load(uow: UnitOfWork, live: Actor, request_id: int) -> Request:
    request = uow.session.get(Request, request_id)
    if request is None:
        raise InvalidInput("找不到此申请,请刷新后重试。")
    if not may_see(uow, live, request):
        raise NotPermitted("查看此申请")
    return request


def open_request(
    archive: Archive, actor: Actor, request_id: int, *, custodian: Actor | None = None
) -> RequestDetail:
    """One request with its content, attachments and history; each signature verified now."""
    live = refresh(archive, actor)
    consultation.expire_due(archive)
    with archive.unit_of_work() as uow:
        request = _load(uow, live, request_id)
        purged = _purged(uow, request)
        in_vault = request.payload_in_vault and not purged
    holder = customers.live_custodian(archive, custodian) if in_vault else None
    if in_vault and holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        request = _load(uow, live, request_id)
        proc = approvals.procedure(request.kind)
        if purged:
            payload = {"note": "申请内容已随所涉档案一并销毁(制度第18条),仅保留审批记录。"}
        else:
            payload = approvals.load_payload(request, vault) or {}
        if request.kind == "update":
            labels = payload.get("labels") or {}
            changes = [
                Change(key, str(labels.get(key, key)), None, value)
                for key, value in (payload.get("values") or {}).items()
            ]
        else:
            changes = changes_of(payload)
        files = [
            attachments.AttachmentLine(
                id=a.id,
                filename=a.filename,
                media_type=a.media_type,
                media_label=attachments.MEDIA_LABELS.get(a.media_type, a.media_type),
                size=a.size,
                sha256=a.sha256,
            )
            for a in uow.session.execute(
                sa.select(
                    RequestAttachment.id,
                    RequestAttachment.filename,
                    RequestAttachment.media_type,
                    RequestAttachment.size,
                    RequestAttachment.sha256,
                )
                .where(RequestAttachment.request_id == request.id)
                .order_by(RequestAttachment.id)
            )
        ]
        history = approvals.decision_lines(uow.session, archive.archive_id, proc, request)
        stale = (
            request.kind == "modification"
            and request.state == State.SUBMITTED
            and (_customer_version(uow, request) != request.base_version)
        )
        line = _lines(uow, live, [request])[0]
        parent = uow.session.get(Request, request.parent_id) if request.parent_id else None
        children = list(
            uow.session.scalars(sa.select(Request.serial).where(Request.parent_id == request.id))
        )
        requester_login = uow.session.scalar(
            sa.select(User.login).where(User.id == request.requester_id)
        )
        mine_ = request.requester_id == live.user_id
        can_withdraw = mine_ and _allows(proc, request.state, Event.WITHDRAW)
        uow.audit(
            live.login,
            "request.open",
            target_type="request",
            target_id=request.serial,
            details={"serial": request.serial, "procedure": request.kind},
        )
        uow.commit()
        return RequestDetail(
            line=line,
            requester_login=requester_login or "",
            note=str(payload.get("note") or ""),
            customer_id=request.customer_id,
            changes=changes,
            payload=payload,
            attachments=files,
            history=history,
            content_hash=request.content_hash,
            close_reason=request.close_reason,
            stale=stale,
            refusal=approvals.refusal(proc, request, live.user_id, _roles(live)),
            can_withdraw=can_withdraw,
            can_refresh=mine_ and stale,
            parent_serial=parent.serial if parent else "",
            child_serials=children,
        )


def _purged(uow: UnitOfWork, request: Request) -> bool:
    """Whether the request's content went with the destruction of every archive it concerns.

    Destruction empties such a request's payload but keeps its hash and
    signatures: there is nothing left to show, and no custodian to ask for.
    """
    if not request.payload_in_vault or request.payload or not request.customers:
        return False
    statuses = set(
        uow.session.scalars(
            sa.select(Customer.status).where(
                Customer.id.in_([c.customer_id for c in request.customers])
            )
        )
    )
    return statuses == {"destroyed"}


def _allows(proc: approvals.Procedure, state: str, event: Event) -> bool:
    try:
        proc.target(state, event)
    except Exception:
        return False
    return True


def _customer_version(uow: UnitOfWork, request: Request) -> int | None:
    if request.customer_id is None:
        return None
    return uow.session.scalar(sa.select(Customer.version).where(Customer.id == request.customer_id))


def attachment(archive: Archive, actor: Actor, attachment_id: int) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of one attachment, for showing from memory; audited."""
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        row = uow.session.get(RequestAttachment, attachment_id)
        if row is None:
            raise InvalidInput("找不到此附件,请刷新后重试。")
        request = _load(uow, live, row.request_id)
        uow.audit(
            live.login,
            "request.attachment_open",
            target_type="request",
            target_id=request.serial,
            details={"serial": request.serial, "count": 1},
        )
        uow.commit()
        return row.filename, row.media_type, bytes(row.data)


def withdraw(archive: Archive, actor: Actor, request_id: int, reason: str) -> RequestLine:
    """The requester takes a request back; it stays on record with the reason."""
    live = refresh(archive, actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写撤回原因。")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"撤回原因最多 {REASON_MAX} 字。")
    with archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        if request is None:
            raise InvalidInput("找不到此申请,请刷新后重试。")
        if request.requester_id != live.user_id:
            raise NotPermitted("撤回他人提出的申请")
        proc = approvals.procedure(request.kind)
        approvals.fire(uow, proc, request, Event.WITHDRAW, live.login)
        request.close_reason = reason
        line = _lines(uow, live, [request])[0]
        uow.commit()
        return line


def pending_for_customer(archive: Archive, actor: Actor, customer_id: int) -> RequestLine | None:
    """The modification waiting on this customer, for the banner on its page."""
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        request = uow.session.scalar(
            sa.select(Request)
            .where(
                Request.kind == "modification",
                Request.customer_id == customer_id,
                Request.state.in_((State.DRAFT, State.SUBMITTED, State.APPROVED)),
            )
            .order_by(Request.id.desc())
            .limit(1)
        )
        if request is None or not may_see(uow, live, request):
            return None
        return _lines(uow, live, [request])[0]


def record_history(
    archive: Archive, actor: Actor, customer_id: int, *, custodian: Actor | None = None
) -> list[VersionLine]:
    """Every filed version of an archive, newest first: changes, requester, approver, signature.

    Content (before and after values): for whoever may open the record itself
    (customers.content_access: the owning manager, or a consultation grant in
    force); opening it is an audit event, naming the grant when under one.
    """
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            raise InvalidInput("找不到此客户档案,可能已被删除。请刷新目录后重试。")
        if customers.content_access(uow, live, customer) is None:
            raise NotPermitted("查看他人管户客户的档案修改记录")
        tier = customer.tier
    holder = customers.live_custodian(archive, custodian) if tier != "ordinary" else None
    if tier != "ordinary" and holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        access = customers.content_access(uow, live, customer)
        if access is None:  # the grant ended in between
            raise NotPermitted("查看他人管户客户的档案修改记录")
        names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
        result = []
        for row in uow.session.scalars(
            sa.select(CustomerVersion)
            .where(CustomerVersion.customer_id == customer_id)
            .order_by(CustomerVersion.version.desc())
        ):
            text = row.changes
            if not text and vault is not None:
                blob = vault.session.scalar(
                    sa.select(VaultRecord.content).where(
                        VaultRecord.record_ref == f"version:{customer.archive_no}:{row.version}"
                    )
                )
                text = blob.decode("utf-8") if blob else "[]"
            changes = changes_of({"changes": json.loads(text or "[]")})
            request = uow.session.get(Request, row.request_id) if row.request_id else None
            valid: bool | None = None
            serial = ""
            if request is not None:
                serial = request.serial
                approvals_ = [d for d in request.decisions if d.decision == "approve"]
                valid = (
                    all(
                        approvals.decision_valid(uow.session, archive.archive_id, request, d)
                        for d in approvals_
                    )
                    if approvals_
                    else None
                )
            result.append(
                VersionLine(
                    version=row.version,
                    applied_at=row.applied_at,
                    serial=serial,
                    requested_by=names.get(row.requested_by, ""),
                    approved_by=names.get(row.approved_by or 0, ""),
                    changes=changes,
                    signature_valid=valid,
                )
            )
        details: dict[str, object] = {"archive_no": customer.archive_no, "count": len(result)}
        if access.grant_serial:
            details["grant"] = access.grant_serial
        uow.audit(
            live.login,
            "customer.history",
            target_type="customer",
            target_id=customer.archive_no,
            details=details,
        )
        uow.commit()
        return result
