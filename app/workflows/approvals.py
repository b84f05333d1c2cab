"""The approval engine every procedure runs on (articles 9, 10, 14, 17, 18).

A procedure (modification, update submission, consultation, ...) is a
:class:`Procedure`: its steps in order, and the one table of transitions it
allows. This module holds what is common: states and events, serial numbers,
who may decide a step (role, separation of duties, the customers' own
managers), signed decisions and their verification. It never commits: each
procedure module calls it inside its own unit of work, so a transition, its
effect and its audit event land together or not at all.

A decision is signed with the signer's Ed25519 key over the canonical content
of the request (its SHA-256) and the decision itself. ``verify`` checks every
signature against the keys the signer has held, and every request's content
against its hash: a changed request or decision shows as an invalid signature.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotEligible, SeparationOfDuties
from app.models import (
    ApprovalDecision,
    ArchiveCounter,
    Customer,
    Request,
    RequestCustomer,
    User,
    UserKey,
    VaultRecord,
)
from app.models.base import utcnow
from app.security.permissions import Action, allowed
from app.security.roles import Role
from app.storage.uow import UnitOfWork
from app.template import validation as tv

SIGNATURE_DOMAIN = b"custarchive/decision/v1\n"
#: longest reason or opinion a decision may carry
REASON_MAX = 500


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    APPLIED = "applied"
    EXPIRED = "expired"


STATE_LABELS: dict[str, str] = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "审批中",
    State.APPROVED: "已批准",
    State.REJECTED: "已驳回",
    State.WITHDRAWN: "已撤回",
    State.APPLIED: "已执行",
    State.EXPIRED: "已结束",
}
#: states in which nothing more happens to a request
FINAL_STATES = frozenset({State.REJECTED, State.WITHDRAWN, State.APPLIED, State.EXPIRED})


class Event(StrEnum):
    SUBMIT = "submit"
    #: a step approved, more steps to come
    APPROVE = "approve"
    #: the last step approved
    APPROVE_FINAL = "approve_final"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    #: the requester brings a stale request up to date (the record changed meanwhile)
    REFRESH = "refresh"
    #: the approved change is carried out (filed: 备案)
    APPLY = "apply"
    #: a grant's period is over
    EXPIRE = "expire"
    #: the applicant ends a grant early
    END = "end"


EVENT_LABELS: dict[str, str] = {
    Event.SUBMIT: "提交",
    Event.APPROVE: "审批同意",
    Event.APPROVE_FINAL: "审批同意",
    Event.REJECT: "驳回",
    Event.WITHDRAW: "撤回",
    Event.REFRESH: "按最新档案刷新",
    Event.APPLY: "执行并备案",
    Event.EXPIRE: "到期结束",
    Event.END: "提前结束",
}
DECISION_LABELS = {"approve": "同意", "reject": "不同意"}

Transitions = Mapping[tuple[State, Event], State]


@dataclass(frozen=True)
class Step:
    """One approval step: who may decide it.

    ``action`` is the permission (the matrix says which roles hold it). With
    ``owners`` the step belongs to the managers of the request's customers:
    each of them decides for their own customers, and the step is complete
    when all of them have approved. Whoever decides a step is never the
    requester nor anyone who decided an earlier step (separation of duties).

    ``own_customers_only``: roles that hold ``action`` only for their own
    customers. A signer who holds it through none but these roles decides
    only a request whose customers they all manage (a copy request: "the
    director or the owning customer manager", article 17.1); one decision
    completes the step.
    """

    key: str
    label: str
    action: Action
    owners: bool = False
    own_customers_only: frozenset[Role] = frozenset()


@dataclass(frozen=True)
class Procedure:
    kind: str
    label: str
    #: serial prefix: XG-2026-000001
    prefix: str
    steps: tuple[Step, ...]
    transitions: Transitions
    #: run inside the signing transaction before the decision is recorded (e.g. a staleness check)
    before_sign: Callable[..., None] | None = None
    #: run inside the signing transaction after it (e.g. apply an approved modification)
    after_decision: Callable[..., None] | None = None
    #: the effect takes content out of vault.db (back into main.db): main.db commits first, so
    #: a failure in between leaves the content in both places (flagged), never in neither
    vault_commits_last: bool = False

    def target(self, state: str, event: Event) -> State:
        """Where ``event`` leads from ``state``; Conflict where this procedure forbids it."""
        try:
            return self.transitions[(State(state), event)]
        except (KeyError, ValueError):
            raise Conflict(
                f"{self.label}当前为“{STATE_LABELS.get(state, state)}”,"
                f"不能{EVENT_LABELS.get(event, event)}。请刷新后查看其最新状态。"
            ) from None


_PROCEDURES: dict[str, Procedure] = {}


def register(procedure: Procedure) -> Procedure:
    _PROCEDURES[procedure.kind] = procedure
    return procedure


def _load_all() -> None:
    """Import every procedure module once, so each has registered itself.

    Done at first lookup rather than at import time: the procedure modules
    import this engine, and views or the command line may ask for a request's
    procedure without having imported its module.
    """
    from app.workflows import procedures  # noqa: F401


def procedure(kind: str) -> Procedure:
    if kind not in _PROCEDURES:
        _load_all()
    try:
        return _PROCEDURES[kind]
    except KeyError:
        raise InvalidInput(f"未知的申请类别“{kind}”。") from None


def procedures() -> list[Procedure]:
    _load_all()
    return list(_PROCEDURES.values())


def kind_label(kind: str) -> str:
    _load_all()
    proc = _PROCEDURES.get(kind)
    return proc.label if proc else kind


def pairs(session: Session, stmt: sa.Select[Any]) -> dict[Any, Any]:
    """A two-column query as a dict (id -> name)."""
    return {key: value for key, value in session.execute(stmt)}


# --- canonical content -------------------------------------------------------------------------


def canonical_json(payload: Mapping[str, Any]) -> str:
    """One spelling of a payload, so that the same content always hashes the same.

    The template's own canonical form (Decimal as text, ISO dates), so a value
    reads back the same whether it came from a record or a request.
    """
    return tv.to_json(payload)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(public_key: bytes) -> str:
    """A signer's key as a person compares it: 3F9A-11C2-7B0E-D4A8."""
    digest = hashlib.sha256(public_key).hexdigest().upper()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def decision_message(
    archive_id: str, request: Request, decision: ApprovalDecision, signer_login: str
) -> bytes:
    body = canonical_json(
        {
            "archive": archive_id,
            "serial": request.serial,
            "kind": request.kind,
            "content_hash": decision.content_hash,
            "step": decision.step,
            "step_key": decision.step_key,
            "decision": decision.decision,
            "reason": decision.reason,
            "signer": signer_login,
            "signed_at": decision.signed_at.isoformat(timespec="microseconds"),
        }
    )
    return SIGNATURE_DOMAIN + body.encode("utf-8")


# --- creating requests ---------------------------------------------------------------------------


def next_serial(uow: UnitOfWork, prefix: str) -> str:
    """XG-2026-000001: one counter per prefix and year, never reused (a rollback gives it back)."""
    year = date.today().year
    key = f"{prefix}-{year}"
    counter = uow.session.get(ArchiveCounter, key)
    if counter is None:
        counter = ArchiveCounter(prefix=key, last=0)
        uow.session.add(counter)
    counter.last += 1
    uow.session.flush()
    return f"{key}-{counter.last:06d}"


def vault_ref(serial: str) -> str:
    return f"request:{serial}"


def create(
    uow: UnitOfWork,
    proc: Procedure,
    requester_id: int,
    payload: Mapping[str, Any],
    *,
    customer_id: int | None = None,
    customer_ids: Sequence[int] = (),
    base_version: int | None = None,
    parent_id: int | None = None,
    vault: UnitOfWork | None = None,
) -> Request:
    """A new request in 草稿. With ``vault`` the payload (secret-tier content) is kept there.

    The customers' managers are recorded as they are now: an owners' step is
    decided by the managers who held the customers when the request was made.
    """
    text = canonical_json(payload)
    serial = next_serial(uow, proc.prefix)
    request = Request(
        serial=serial,
        kind=proc.kind,
        state=State.DRAFT.value,
        step=0,
        requester_id=requester_id,
        customer_id=customer_id,
        parent_id=parent_id,
        payload="" if vault is not None else text,
        payload_in_vault=vault is not None,
        content_hash=content_hash(text),
        base_version=base_version,
        close_reason="",
        created_at=utcnow(),
    )
    uow.session.add(request)
    ids = list(dict.fromkeys([*customer_ids, *([customer_id] if customer_id else [])]))
    if ids:
        owners = pairs(
            uow.session, sa.select(Customer.id, Customer.manager_id).where(Customer.id.in_(ids))
        )
        for cid in ids:
            if cid not in owners:
                raise InvalidInput("找不到申请所涉及的客户档案,可能已被删除。请刷新目录后重试。")
            request.customers.append(RequestCustomer(customer_id=cid, manager_id=owners[cid]))
    if vault is not None:
        vault.session.add(
            VaultRecord(record_ref=vault_ref(serial), tier="secret", content=text.encode("utf-8"))
        )
        vault.session.flush()
    uow.session.flush()
    return request


def replace_payload(
    uow: UnitOfWork,
    request: Request,
    payload: Mapping[str, Any],
    *,
    vault: UnitOfWork | None = None,
) -> None:
    """New content for a request nobody has decided on yet (a refresh)."""
    if request.decisions:
        raise Conflict("此申请已有审批意见,内容不能再更改。请撤回后重新提出。")
    text = canonical_json(payload)
    request.content_hash = content_hash(text)
    if request.payload_in_vault:
        if vault is None:
            raise Conflict("此申请的内容存放于保密库,须由保密专管员到场开启后办理。")
        row = vault.session.scalar(
            sa.select(VaultRecord).where(VaultRecord.record_ref == vault_ref(request.serial))
        )
        if row is None:
            vault.session.add(
                VaultRecord(
                    record_ref=vault_ref(request.serial), tier="secret", content=text.encode()
                )
            )
        else:
            row.content = text.encode("utf-8")
            row.updated_at = utcnow()
        vault.session.flush()
    else:
        request.payload = text
    uow.session.flush()


def load_payload(request: Request, vault: UnitOfWork | None = None) -> dict[str, Any] | None:
    """The request's content, or None when it is in vault.db and the vault is shut."""
    if not request.payload_in_vault:
        return dict(json.loads(request.payload or "{}"))
    if vault is None:
        return None
    blob = vault.session.scalar(
        sa.select(VaultRecord.content).where(VaultRecord.record_ref == vault_ref(request.serial))
    )
    if blob is None:
        return None
    return dict(json.loads(blob.decode("utf-8")))


# --- moving a request along ----------------------------------------------------------------------


def fire(
    uow: UnitOfWork,
    proc: Procedure,
    request: Request,
    event: Event,
    actor_login: str,
    *,
    details: Mapping[str, object] | None = None,
) -> State:
    """Take ``event`` if the procedure allows it from the current state; write its audit event."""
    target = proc.target(request.state, event)
    now = utcnow()
    request.state = target.value
    if event is Event.SUBMIT:
        request.submitted_at = now
        request.step = 0
    elif event is Event.APPROVE:
        request.step += 1
    if target in FINAL_STATES or target is State.APPROVED:
        request.closed_at = now
    uow.session.flush()
    info: dict[str, object] = {"serial": request.serial, "procedure": request.kind, "state": target}
    info.update(details or {})
    uow.audit(
        actor_login,
        f"request.{event.value}",
        target_type="request",
        target_id=request.serial,
        details=info,
    )
    return target


def current_step(proc: Procedure, request: Request) -> Step | None:
    if request.state != State.SUBMITTED or not 0 <= request.step < len(proc.steps):
        return None
    return proc.steps[request.step]


def step_owners(request: Request) -> set[int]:
    """The managers who must each decide an owners' step."""
    return {link.manager_id for link in request.customers}


def _approved_by(request: Request, step: int) -> set[int]:
    return {d.signer_id for d in request.decisions if d.step == step and d.decision == "approve"}


def refusal(proc: Procedure, request: Request, user_id: int, roles: Iterable[Role]) -> str | None:
    """Why this person may not decide the request's current step now (None: they may)."""
    roles = set(roles)
    step = current_step(proc, request)
    if step is None:
        return f"此申请当前为“{STATE_LABELS.get(request.state, request.state)}”,没有待审批的步骤。"
    if not allowed(roles, step.action):
        return f"“{step.label}”须由有“{step.action.label}”权限的人员审批。"
    if user_id == request.requester_id:
        return "不能审批本人提出的申请。"
    if any(d.signer_id == user_id for d in request.decisions if d.step < request.step):
        return "同一申请的前后审批步骤须由不同人员签署。"
    if step.owners:
        if user_id not in step_owners(request):
            return f"“{step.label}”须由所涉客户的管户客户经理本人审批。"
        if user_id in _approved_by(request, request.step):
            return "您已签署此步骤,正等待其他客户经理审批。"
    if step.own_customers_only:
        through = {r for r in roles if allowed([r], step.action)}
        owners = step_owners(request)
        if through <= step.own_customers_only and (not owners or owners != {user_id}):
            return (
                f"“{step.label}”:客户经理只能审批本人管户客户的申请;"
                "所列客户中有他人管户的,须由主任审批。"
            )
    return None


def may_decide(proc: Procedure, request: Request, user_id: int, roles: Iterable[Role]) -> bool:
    return refusal(proc, request, user_id, roles) is None


def sign(
    uow: UnitOfWork,
    archive_id: str,
    proc: Procedure,
    request: Request,
    signer: Any,
    decision: str,
    reason: str,
) -> ApprovalDecision:
    """Record ``signer``'s signed decision on the current step and move the request on.

    ``signer`` is an authenticated Actor (its keys open). A rejection needs a
    reason. Raises NotPermitted / SeparationOfDuties / InvalidInput / Conflict.
    """
    if decision not in DECISION_LABELS:
        raise InvalidInput("请选择“同意”或“不同意”。")
    reason = (reason or "").strip()
    if decision == "reject" and not reason:
        raise InvalidInput("不同意时须填写理由,申请人将看到此理由。")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"意见最多 {REASON_MAX} 字,请精简后再签署。")
    why = refusal(proc, request, signer.user_id, signer.roles)
    if why is not None:
        if current_step(proc, request) is None:
            raise Conflict(why)
        separation = signer.user_id == request.requester_id or any(
            d.signer_id == signer.user_id for d in request.decisions
        )
        raise SeparationOfDuties(why) if separation else NotEligible(why)
    step = proc.steps[request.step]
    row = ApprovalDecision(
        request_id=request.id,
        step=request.step,
        step_key=step.key,
        signer_id=signer.user_id,
        decision=decision,
        reason=reason,
        signed_at=utcnow(),
        content_hash=request.content_hash,
        public_key=signer.keys.ed25519_public,
        signature=b"",
    )
    row.signature = signer.keys.sign(decision_message(archive_id, request, row, signer.login))
    uow.session.add(row)
    request.decisions.append(row)
    uow.session.flush()
    if decision == "reject":
        event = Event.REJECT
    elif step.owners and step_owners(request) - _approved_by(request, request.step):
        event = None  # other managers still to decide this step
    elif request.step + 1 < len(proc.steps):
        event = Event.APPROVE
    else:
        event = Event.APPROVE_FINAL
    details = {"step": step.key, "decision": decision}
    if event is None:
        uow.audit(
            signer.login,
            "request.approve",
            target_type="request",
            target_id=request.serial,
            details={"serial": request.serial, "procedure": request.kind, **details},
        )
    else:
        fire(uow, proc, request, event, signer.login, details=details)
    return row


# --- procedures that grant something for a period (consultation, copy) ---------------------------


def start_period(request: Request, days: int) -> None:
    """The grant or permit runs from this moment (the final approval) for ``days`` days."""
    now = utcnow()
    request.valid_from = now
    request.valid_until = now + timedelta(days=days)


def expire_periods(uow: UnitOfWork, proc: Procedure, actor: str) -> int:
    """Mark every approved request of ``proc`` whose period is over as expired; how many.

    Reading functions call this before they read, so no timer is needed: the
    predicates already ignore a period that is over, this only makes the
    request's state and the audit chain say so ("request.expire", dated when
    noticed; closed_at keeps the real end). The caller commits.
    """
    due = uow.session.scalars(
        sa.select(Request)
        .where(
            Request.kind == proc.kind,
            Request.state == State.APPROVED.value,
            Request.valid_until <= utcnow(),
        )
        .order_by(Request.id)
    ).all()
    for request in due:
        ended = request.valid_until
        fire(uow, proc, request, Event.EXPIRE, actor, details={"grant": request.serial})
        request.closed_at = ended
    return len(due)


def destroyed_customers(session: Session, request: Request) -> list[str]:
    """Archive numbers of the request's customers destroyed since it was made."""
    return list(
        session.scalars(
            sa.select(Customer.archive_no)
            .join(RequestCustomer, RequestCustomer.customer_id == Customer.id)
            .where(RequestCustomer.request_id == request.id, Customer.status == "destroyed")
        )
    )


# --- verifying signatures ------------------------------------------------------------------------


def _keys_of(session: Session, user_id: int) -> set[bytes]:
    return set(session.scalars(sa.select(UserKey.ed25519_public).where(UserKey.user_id == user_id)))


def decision_valid(
    session: Session,
    archive_id: str,
    request: Request,
    decision: ApprovalDecision,
    *,
    logins: Mapping[int, str] | None = None,
) -> bool:
    """Whether a decision's signature holds over the request as it is stored now."""
    login = (logins or {}).get(decision.signer_id) or session.scalar(
        sa.select(User.login).where(User.id == decision.signer_id)
    )
    if login is None or decision.public_key not in _keys_of(session, decision.signer_id):
        return False
    if decision.content_hash != request.content_hash:
        return False
    if not request.payload_in_vault and content_hash(request.payload) != request.content_hash:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(decision.public_key).verify(
            decision.signature, decision_message(archive_id, request, decision, login)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_all(session: Session, archive_id: str) -> list[str]:
    """Every request's content against its hash and every decision's signature."""
    problems: list[str] = []
    logins = pairs(session, sa.select(User.id, User.login))
    requests = {r.id: r for r in session.scalars(sa.select(Request))}
    for request in requests.values():
        if not request.payload_in_vault and content_hash(request.payload) != request.content_hash:
            problems.append(f"申请 {request.serial} 的内容与其校验值不符(可能被改动)")
    for decision in session.scalars(sa.select(ApprovalDecision).order_by(ApprovalDecision.id)):
        request = requests.get(decision.request_id)
        if request is None:
            problems.append(f"审批记录 {decision.id} 找不到其申请")
            continue
        if not decision_valid(session, archive_id, request, decision, logins=logins):
            problems.append(f"申请 {request.serial} 第 {decision.step + 1} 步的审批签名无效")
    return problems


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionLine:
    step_label: str
    signer_name: str
    signer_login: str
    decision: str
    decision_label: str
    reason: str
    signed_at: datetime
    fingerprint: str
    valid: bool


def decision_lines(
    session: Session, archive_id: str, proc: Procedure, request: Request
) -> list[DecisionLine]:
    """The history of steps, each signature verified as it is shown."""
    names = pairs(session, sa.select(User.id, User.display_name))
    logins = pairs(session, sa.select(User.id, User.login))
    labels = {s.key: s.label for s in proc.steps}
    return [
        DecisionLine(
            step_label=labels.get(d.step_key, d.step_key),
            signer_name=names.get(d.signer_id, ""),
            signer_login=logins.get(d.signer_id, ""),
            decision=d.decision,
            decision_label=DECISION_LABELS.get(d.decision, d.decision),
            reason=d.reason,
            signed_at=d.signed_at,
            fingerprint=fingerprint(d.public_key),
            valid=decision_valid(session, archive_id, request, d, logins=logins),
        )
        for d in request.decisions
    ]


def next_step_label(proc: Procedure, request: Request) -> str:
    step = current_step(proc, request)
    if step is not None:
        return step.label
    return {
        State.DRAFT: "待提交",
        State.APPROVED: "待执行",
    }.get(State(request.state), "")
