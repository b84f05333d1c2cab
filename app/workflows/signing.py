"""Signing a decision in person: the signer types their own password at that moment.

The director signs at the manager's desk: whoever is logged in stays logged
in, and the signer's password opens only their own signing key for this one
decision. A wrong password counts towards the signer's lockout like a wrong
login. The decision, the procedure's effect (an approved modification is
applied and filed) and the audit events are one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app.errors import InvalidInput
from app.models import Customer, Request, User
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.workflows import approvals, customers
from app.workflows.auth import Actor, authenticate


@dataclass(frozen=True)
class Signer:
    login: str
    display_name: str


@dataclass(frozen=True)
class Signed:
    serial: str
    state: str
    state_label: str
    decision: str
    fingerprint: str


def signers(archive: Archive, request_id: int) -> list[Signer]:
    """Who may decide the request's current step now: the signing dialog offers these logins."""
    with archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        if request is None:
            return []
        proc = approvals.procedure(request.kind)
        step = approvals.current_step(proc, request)
        if step is None:
            return []
        users = uow.session.scalars(
            sa.select(User).where(User.status == "active").order_by(User.display_name)
        ).all()
        result = []
        for user in users:
            roles = {Role(r.role) for r in user.roles if r.role in Role._value2member_map_}
            if approvals.may_decide(proc, request, user.id, roles):
                result.append(Signer(user.login, user.display_name))
        return result


def decide(
    archive: Archive,
    request_id: int,
    login: str,
    password: str,
    decision: str,
    reason: str = "",
    *,
    custodian: Actor | None = None,
) -> Signed:
    """Authenticate ``login`` in person and record their signed decision on the current step.

    Raises the authentication errors (WrongPassword counts towards the lockout),
    NotEligible / SeparationOfDuties, InvalidInput (a rejection without a
    reason), Conflict (stale or already decided), CustodianRequired.
    """
    if decision not in approvals.DECISION_LABELS:
        raise InvalidInput("请选择“同意”或“不同意”。")
    if decision == "reject" and not (reason or "").strip():
        raise InvalidInput("不同意时须填写理由,申请人将看到此理由。")
    signer = authenticate(archive, login, password, purpose="sign")
    with archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        if request is None:
            raise InvalidInput("找不到此申请,请刷新后重试。")
        in_vault = request.payload_in_vault or _customer_tier(uow, request) != "ordinary"
    holder = customers.live_custodian(archive, custodian) if in_vault else None
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        assert request is not None
        proc = approvals.procedure(request.kind)
        if proc.before_sign is not None:
            proc.before_sign(archive, uow, request, decision, vault)
        row = approvals.sign(uow, archive.archive_id, proc, request, signer, decision, reason)
        if proc.after_decision is not None:
            proc.after_decision(archive, uow, request, signer, vault, holder)
        if vault is not None and not proc.vault_commits_last:
            vault.commit()  # new vault rows first: a failed main commit leaves an orphan only
        uow.commit()
        if vault is not None and proc.vault_commits_last:
            vault.commit()
        return Signed(
            serial=request.serial,
            state=request.state,
            state_label=approvals.STATE_LABELS.get(request.state, request.state),
            decision=row.decision,
            fingerprint=approvals.fingerprint(row.public_key),
        )


def _customer_tier(uow: UnitOfWork, request: Request) -> str:
    ids = [c.customer_id for c in request.customers]
    tiers = set(uow.session.scalars(sa.select(Customer.tier).where(Customer.id.in_(ids))))
    return "ordinary" if tiers <= {"ordinary"} else "secret"
