"""Marking a record 机密/绝密 and lowering it again, and the custodian's view of the vault (art. 16).

"凡属“机密”、“绝密”的客户信息 ... 必须在检索备注栏写上“机密”、“绝密”字样,必须单独存放、专人管理".

Raising (:func:`raise_tier`): the owning manager marks a filed record 机密 or
绝密 (or 机密 as 绝密) with a custodian present in person. In one step its
content moves into vault.db, in the payload format the customer workflow
reads (``customers.open_customer`` with a custodian opens it as before), and
main.db keeps only the catalogue line: name, ID, phone, address and content
are cleared, the masked name is blanked, the retrieval remarks carry the mark,
and the search index keeps the archive number only. The record's filed
changes (``customer_versions.changes``) and the payloads of its modification
and update requests are customer content as well: they move to the vault under
``version:<archive no>:<version>`` and ``request:<serial>``, where the record
history and the request view already look for them. After the commit main.db
is rebuilt (VACUUM, the full-text index merged first) and the encrypted copies
kept before schema upgrades are removed, so that nothing readable with the
main key is left of the content (backups made before stay as they are).

Lowering needs the director's signed approval (procedure ``tier_lower``, 降低
密级申请, serial JM-...): the manager asks with a reason; the request holds
codes only (archive number, tiers) and the reason, so it stays in main.db. On
the final approval, with a custodian present, the content moves back to main.db
(to 普通: re-indexed for search with its name and numbers) or the mark alone
changes (绝密 -> 机密).

Each change of tier is filed as a new version of the record (its item 密级 and
the reason), like an approved modification, so the record history shows it.
The vault is committed just before main.db (see ``app.workflows.customers``).

:func:`vault_overview` is the custodian's page: every secret-tier record, its
vault record present or missing, vault records that belong to nothing, who
opened each record and when (from the audit chain), and the consultation
grants in force that name it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.errors import (
    Conflict,
    CustodianRequired,
    DuplicateCustomer,
    InvalidInput,
    NotPermitted,
)
from app.models import (
    AuditEvent,
    Customer,
    CustomerVersion,
    Request,
    RequestCustomer,
    User,
    VaultRecord,
)
from app.models.base import utcnow
from app.models.customer import CATEGORY_LABELS, STATUS_LABELS, TIER_LABELS, TIERS
from app.security.permissions import Action
from app.storage import search
from app.storage.archive import Archive
from app.storage.database import vacuum
from app.storage.migrate import PRE_MIGRATION_DIR
from app.storage.uow import UnitOfWork
from app.template import current_template, template_version
from app.template import validation as tv
from app.template.model import Template
from app.workflows import approvals, consultation, customers, modification, update_submission
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize, refresh
from app.workflows.customers import Choice, CustomerRef
from app.workflows.modification import RequestRef

KIND = "tier_lower"
PREFIX = "JM"
REASON_MAX = approvals.REASON_MAX
#: longest retrieval remarks, mark included (customers._prepare's limit)
REMARKS_MAX = 200
#: procedures whose payload is the customer's content: it moves with the record
CONTENT_KINDS = (modification.KIND, update_submission.KIND)
#: how many openings of each record the overview lists
OPENINGS_SHOWN = 5
SECRET_TIERS = ("secret", "top_secret")
#: vault records that belong to a request or a filed version rather than to a record
REQUEST_REF = "request:"
VERSION_REF = "version:"

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Event.APPLY): State.APPLIED,
}
STEPS = (Step("director", "主任审批", Action.TIER_LOWER_APPROVE),)
_PENDING = (State.DRAFT, State.SUBMITTED, State.APPROVED)


# --- what the views receive ----------------------------------------------------------------------


@dataclass(frozen=True)
class TierActions:
    """What the logged-in person may do about a record's tier now (the customer page's buttons).

    An empty tuple: not offered. A non-empty ``*_blocked``: offered, but refused
    now, and why (a pending request).
    """

    raise_to: tuple[Choice, ...] = ()
    lower_to: tuple[Choice, ...] = ()
    raise_blocked: str = ""
    lower_blocked: str = ""


@dataclass(frozen=True)
class Opening:
    """One opening of a record, from the audit chain."""

    name: str
    login: str
    at: datetime
    #: the custodian who was present
    custodian: str
    #: the consultation grant it was opened under ("" for the owning manager)
    grant: str


@dataclass(frozen=True)
class GrantInForce:
    serial: str
    applicant_name: str
    mode_label: str
    until: datetime | None


@dataclass(frozen=True)
class VaultLine:
    """One secret-tier record, or one vault record that belongs to no such record (an orphan)."""

    archive_no: str
    #: None: a vault record without a secret-tier record in the catalogue (an orphan)
    customer_id: int | None
    tier: str
    tier_label: str
    category_label: str
    manager_name: str
    status_label: str
    #: vault.db holds the record's content, and its size in bytes
    in_vault: bool
    size: int
    updated_at: datetime | None
    #: the latest openings, newest first (at most OPENINGS_SHOWN), and how many in all
    openings: tuple[Opening, ...]
    open_count: int
    grants: tuple[GrantInForce, ...]
    #: what is wrong, in words ("" none)
    problems: tuple[str, ...]

    @property
    def orphan(self) -> bool:
        return self.customer_id is None

    @property
    def sound(self) -> bool:
        return not self.problems


# --- small helpers -------------------------------------------------------------------------------


def _tier_key(value: str) -> str:
    text = (value or "").strip()
    if text in TIER_LABELS:
        return text
    for key, label in TIER_LABELS.items():
        if text == label:
            return key
    raise InvalidInput(f"密级只能是 普通、机密 或 绝密,不能是“{text}”。")


def _label(tier: str) -> str:
    return TIER_LABELS.get(tier, tier)


def _reason(text: str, what: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise InvalidInput(f"请填写{what}的理由。")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"理由最多 {REASON_MAX} 字,请精简。")
    return reason


def _owned_filed(uow: UnitOfWork, live: Actor, customer_id: int) -> Customer:
    customer = uow.session.get(Customer, customer_id)
    if customer is None:
        raise InvalidInput("找不到此客户档案,可能已被删除。请刷新目录后重试。")
    if customer.manager_id != live.user_id or not live.may(Action.CUSTOMER_VIEW_OWN):
        raise NotPermitted("变更他人管户客户档案的密级")
    if customer.status == "draft":
        raise Conflict(
            f"档案 {customer.archive_no} 仍是草稿:请在草稿中直接选择密级并保存"
            "(须由保密专管员到场)。"
        )
    if customer.status != "filed":
        raise Conflict(f"档案 {customer.archive_no} 已销户或销毁,不能再变更密级。")
    return customer


def pending_lower(uow: UnitOfWork, customer_id: int) -> Request | None:
    """The request to lower this customer's tier that is not yet settled, if any."""
    return uow.session.scalar(
        sa.select(Request)
        .where(
            Request.kind == KIND,
            Request.customer_id == customer_id,
            Request.state.in_(_PENDING),
        )
        .order_by(Request.id.desc())
        .limit(1)
    )


def _raise_refusal(uow: UnitOfWork, customer: Customer) -> str:
    modifying = modification.pending_for_customer(uow, customer.id)
    if modifying is not None:
        return (
            f"档案 {customer.archive_no} 有未办结的修改申请 {modifying.serial},"
            "须待其办结或撤回后再标定密级。"
        )
    lowering = pending_lower(uow, customer.id)
    if lowering is not None:
        return (
            f"档案 {customer.archive_no} 有未办结的降低密级申请 {lowering.serial},"
            "须待其办结或撤回后再标定密级。"
        )
    return ""


def _vault_row(vault: UnitOfWork, ref: str) -> VaultRecord | None:
    return vault.session.scalar(sa.select(VaultRecord).where(VaultRecord.record_ref == ref))


def _put(vault: UnitOfWork, ref: str, tier: str, content: bytes) -> None:
    row = _vault_row(vault, ref)
    if row is None:
        vault.session.add(VaultRecord(record_ref=ref, tier=tier, content=content))
    else:
        row.tier = tier
        row.content = content
        row.updated_at = utcnow()


def _version_ref(archive_no: str, version: int) -> str:
    return f"{VERSION_REF}{archive_no}:{version}"


def _missing_content(archive_no: str) -> InvalidInput:
    return InvalidInput(
        f"保密库中找不到档案 {archive_no} 的内容。请报告保密专管员核查(可能需从备份恢复)。"
    )


def _template_for(version: int) -> Template:
    try:
        return template_version(version)
    except Exception:
        return current_template()


def _index(uow: UnitOfWork, customer: Customer) -> None:
    """The search index as the customer workflow keeps it: content only for tier 普通."""
    search.unindex_customer(uow.session, customer.id)
    ordinary = customer.tier == "ordinary"
    search.index_customer(
        uow.session,
        customer.id,
        archive_no=customer.archive_no,
        name=customer.name if ordinary else None,
        identity_no=customer.identity_no if ordinary else None,
        phone=customer.phone if ordinary else None,
        address=customer.address if ordinary else None,
    )


def _content_kind_requests(uow: UnitOfWork, customer: Customer) -> list[Request]:
    return list(
        uow.session.scalars(
            sa.select(Request)
            .where(Request.customer_id == customer.id, Request.kind.in_(CONTENT_KINDS))
            .order_by(Request.id)
        )
    )


def _file_change(
    uow: UnitOfWork,
    vault: UnitOfWork,
    customer: Customer,
    before: str,
    reason_label: str,
    reason: str,
    *,
    requested_by: int,
    approved_by: int | None,
    request_id: int | None,
) -> None:
    """The change of tier as a filed version (in the vault while the record is secret)."""
    changes = [
        {"key": "tier", "label": "密级", "before": _label(before), "after": _label(customer.tier)},
        {"key": "tier_reason", "label": reason_label, "before": None, "after": reason},
    ]
    text = json.dumps(changes, ensure_ascii=False, sort_keys=True)
    secret = customer.tier != "ordinary"
    uow.session.add(
        CustomerVersion(
            customer_id=customer.id,
            version=customer.version,
            request_id=request_id,
            changes="" if secret else text,
            requested_by=requested_by,
            approved_by=approved_by,
        )
    )
    if secret:
        _put(
            vault,
            _version_ref(customer.archive_no, customer.version),
            customer.tier,
            text.encode("utf-8"),
        )


def _ref(customer: Customer) -> CustomerRef:
    return CustomerRef(
        id=customer.id,
        archive_no=customer.archive_no,
        tier=customer.tier,
        status=customer.status,
        completeness=customer.completeness,
    )


# --- what may be done now ------------------------------------------------------------------------


def tier_actions(archive: Archive, actor: Actor, customer_id: int) -> TierActions:
    """Raising and lowering as offered to this person for this record now (the page's buttons)."""
    live = refresh(archive, actor)
    if not live.may(Action.TIER_RAISE) or not live.may(Action.CUSTOMER_VIEW_OWN):
        return TierActions()
    with archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None or customer.manager_id != live.user_id or customer.status != "filed":
            return TierActions()
        rank = TIERS.index(customer.tier) if customer.tier in TIERS else 0
        up = tuple(Choice(t, TIER_LABELS[t]) for t in TIERS[rank + 1 :])
        down = tuple(Choice(t, TIER_LABELS[t]) for t in TIERS[:rank])
        lowering = pending_lower(uow, customer.id)
        return TierActions(
            raise_to=up,
            lower_to=down,
            raise_blocked=_raise_refusal(uow, customer) if up else "",
            lower_blocked=(
                f"已有未办结的降低密级申请 {lowering.serial},请等待主任审批或先撤回。"
                if down and lowering is not None
                else ""
            ),
        )


# --- raising ---------------------------------------------------------------------------------


def raise_tier(
    archive: Archive,
    actor: Actor,
    customer_id: int,
    new_tier: str,
    *,
    custodian: Actor | None,
    reason: str,
) -> CustomerRef:
    """Mark a filed record 机密/绝密 (or 机密 as 绝密): its content goes into vault.db at once.

    Only the owning manager (TIER_RAISE), only with a custodian authenticated in
    person. Raises CustodianRequired, NotPermitted, InvalidInput (no reason, an
    unknown tier, remarks too long with the mark), Conflict (not higher than
    now, not filed, a modification or a lowering of it pending).
    """
    live = authorize(archive, actor, Action.TIER_RAISE)
    target = _tier_key(new_tier)
    if target not in SECRET_TIERS:
        raise InvalidInput("标定密级只能选择“机密”或“绝密”。降低密级须报主任批准(制度第16条)。")
    why = _reason(reason, "标定密级")
    with archive.unit_of_work() as uow:
        _check_raise(uow, _owned_filed(uow, live, customer_id), target)
    holder = customers.live_custodian(archive, custodian)
    if holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        assert vault is not None
        customer = _owned_filed(uow, live, customer_id)
        before = customer.tier
        remarks = _check_raise(uow, customer, target)
        if before == "ordinary":
            data = tv.from_json(customer.content) if customer.content else {}
            payload = {
                "archive_no": customer.archive_no,
                "category": customer.category,
                "subtype": customer.subtype,
                "template_version": customer.template_version,
                "data": data,
            }
            _put(vault, customer.archive_no, target, tv.to_json(payload).encode("utf-8"))
            customer.name = None
            customer.name_masked = ""
            customer.identity_no = None
            customer.phone = None
            customer.address = None
            customer.content = None
        else:
            row = _vault_row(vault, customer.archive_no)
            if row is None:
                raise _missing_content(customer.archive_no)
            row.tier = target
            row.updated_at = utcnow()
        customer.tier = target
        customer.retrieval_remarks = remarks
        customer.version = (customer.version or 0) + 1
        customer.updated_at = utcnow()
        uow.session.flush()
        _index(uow, customer)
        versions = _versions_to_vault(uow, vault, customer)
        moved = _requests_to_vault(uow, vault, customer)
        _file_change(
            uow,
            vault,
            customer,
            before,
            "标定理由",
            why,
            requested_by=live.user_id,
            approved_by=None,
            request_id=None,
        )
        uow.audit(
            live.login,
            "tier.raise",
            target_type="customer",
            target_id=customer.archive_no,
            details={
                "archive_no": customer.archive_no,
                "from_tier": before,
                "to_tier": target,
                "custodian": holder.login,
                "version": customer.version,
                "moved_requests": moved,
                "moved_versions": versions,
            },
        )
        vault.session.flush()
        uow.session.flush()
        vault.commit()
        uow.commit()
        ref = _ref(customer)
    if before == "ordinary":
        _scrub(archive, live, ref.archive_no)
    return ref


def _check_raise(uow: UnitOfWork, customer: Customer, target: str) -> str:
    """The retrieval remarks with the new mark, once raising is known to be allowed."""
    if customer.tier in TIERS and TIERS.index(target) <= TIERS.index(customer.tier):
        raise Conflict(
            f"档案 {customer.archive_no} 现为“{_label(customer.tier)}”,"
            f"不能标定为“{_label(target)}”。降低密级须报主任批准(制度第16条)。"
        )
    why = _raise_refusal(uow, customer)
    if why:
        raise Conflict(why)
    remarks = customers.mark_remarks(target, customers.strip_mark(customer.retrieval_remarks))
    if len(remarks) > REMARKS_MAX:
        raise InvalidInput(
            f"检索备注连同“{_label(target)}”字样超过 {REMARKS_MAX} 字。"
            "请先通过修改申请精简检索备注,再标定密级。"
        )
    return remarks


def _versions_to_vault(uow: UnitOfWork, vault: UnitOfWork, customer: Customer) -> int:
    rows = uow.session.scalars(
        sa.select(CustomerVersion).where(
            CustomerVersion.customer_id == customer.id, CustomerVersion.changes != ""
        )
    ).all()
    for row in rows:
        ref = _version_ref(customer.archive_no, row.version)
        _put(vault, ref, customer.tier, row.changes.encode("utf-8"))
        row.changes = ""
    return len(rows)


def _requests_to_vault(uow: UnitOfWork, vault: UnitOfWork, customer: Customer) -> int:
    moved = 0
    for request in _content_kind_requests(uow, customer):
        if request.payload_in_vault:
            continue
        _put(
            vault,
            approvals.vault_ref(request.serial),
            customer.tier,
            (request.payload or "{}").encode("utf-8"),
        )
        request.payload = ""
        request.payload_in_vault = True
        moved += 1
    return moved


def _scrub(archive: Archive, live: Actor, archive_no: str) -> None:
    """After the commit: rebuild main.db and drop the pre-upgrade copies that held the content.

    As after a destruction: the moved content must not stay in a free page,
    an index segment or an old WAL frame that the main key decrypts.
    """
    sound = True
    try:
        vacuum(archive.engine)
    except Exception:
        sound = False
    removed = 0
    folder = archive.paths.root / PRE_MIGRATION_DIR
    if folder.is_dir():
        for path in sorted(Path(folder).iterdir()):
            if path.is_file():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
    with archive.unit_of_work() as uow:
        uow.audit(
            live.login,
            "archive.vacuum",
            target_type="customer",
            target_id=archive_no,
            details={"archive_no": archive_no, "vault": False, "sound": sound},
        )
        if removed:
            uow.audit(
                live.login,
                "archive.copies_removed",
                target_type="customer",
                target_id=archive_no,
                details={"archive_no": archive_no, "count": removed},
            )
        uow.commit()


# --- lowering: the director's approval ---------------------------------------------------------


def request_lower(
    archive: Archive, actor: Actor, customer_id: int, new_tier: str, *, reason: str
) -> RequestRef:
    """The owning manager asks the director to lower a record's tier (机密/绝密 -> lower).

    The request holds codes and the reason only, never content, so no
    custodian is needed to ask; the custodian comes when it is approved.
    """
    live = authorize(archive, actor, Action.TIER_RAISE)
    target = _tier_key(new_tier)
    why = _reason(reason, "降低密级")
    with archive.unit_of_work() as uow:
        customer = _owned_filed(uow, live, customer_id)
        current = customer.tier
        if current not in SECRET_TIERS or TIERS.index(target) >= TIERS.index(current):
            raise Conflict(
                f"档案 {customer.archive_no} 现为“{_label(current)}”,不能降低为“{_label(target)}”。"
            )
        pending = pending_lower(uow, customer.id)
        if pending is not None:
            raise Conflict(
                f"档案 {customer.archive_no} 已有未办结的降低密级申请 {pending.serial}。"
                "请等待主任审批,或撤回后再重新申请。"
            )
        payload = {
            "customer_id": customer.id,
            "archive_no": customer.archive_no,
            "from_tier": current,
            "to_tier": target,
            # the generic request view shows "note" as 申请说明 and "changes" item by item
            "note": why,
            "changes": [
                {"key": "tier", "label": "密级", "before": _label(current), "after": _label(target)}
            ],
        }
        request = approvals.create(
            uow,
            PROCEDURE,
            live.user_id,
            payload,
            customer_id=customer.id,
            base_version=customer.version,
        )
        approvals.fire(
            uow,
            PROCEDURE,
            request,
            Event.SUBMIT,
            live.login,
            details={"archive_no": customer.archive_no, "from_tier": current, "to_tier": target},
        )
        uow.commit()
        return RequestRef(request.id, request.serial, request.state)


def _after_decision(
    archive: Archive,
    uow: UnitOfWork,
    request: Request,
    signer: Actor,
    vault: UnitOfWork | None,
    holder: Actor | None,
) -> None:
    """On the final approval: lower the tier at once, with the custodian present."""
    if request.state != State.APPROVED:
        return
    payload = approvals.load_payload(request) or {}
    customer = uow.session.get(Customer, request.customer_id) if request.customer_id else None
    if customer is None:
        raise InvalidInput("找不到申请所涉及的客户档案,可能已被删除。")
    before, target = str(payload.get("from_tier")), str(payload.get("to_tier"))
    if customer.status != "filed":
        raise Conflict(f"档案 {customer.archive_no} 已不在册,不能再变更密级。请驳回此申请。")
    if customer.tier != before or target not in TIERS:
        raise Conflict(
            f"档案 {customer.archive_no} 的密级在申请后已有变动(现为“{_label(customer.tier)}”)。"
            "请驳回此申请,由客户经理按现在的密级重新申请。"
        )
    if vault is None or holder is None:
        raise CustodianRequired()
    if target == "ordinary":
        _content_to_main(uow, vault, customer)
    else:
        row = _vault_row(vault, customer.archive_no)
        if row is None:
            raise _missing_content(customer.archive_no)
        row.tier = target
        row.updated_at = utcnow()
    customer.tier = target
    customer.retrieval_remarks = customers.mark_remarks(
        target, customers.strip_mark(customer.retrieval_remarks)
    )
    customer.version = (customer.version or 0) + 1
    customer.updated_at = utcnow()
    uow.session.flush()
    _index(uow, customer)
    _file_change(
        uow,
        vault,
        customer,
        before,
        "降低理由",
        str(payload.get("note") or ""),
        requested_by=request.requester_id,
        approved_by=signer.user_id,
        request_id=request.id,
    )
    vault.session.flush()
    uow.session.flush()
    details: dict[str, object] = {
        "archive_no": customer.archive_no,
        "from_tier": before,
        "to_tier": target,
        "version": customer.version,
    }
    approvals.fire(uow, PROCEDURE, request, Event.APPLY, signer.login, details=details)
    uow.audit(
        signer.login,
        "tier.lower",
        target_type="customer",
        target_id=customer.archive_no,
        details={**details, "serial": request.serial, "custodian": holder.login},
    )


def _content_to_main(uow: UnitOfWork, vault: UnitOfWork, customer: Customer) -> None:
    """普通 again: the content, the filed changes and the request payloads back into main.db.

    The vault rows are deleted in the same signing step. signing.decide commits
    the vault just before main.db; should main.db's commit fail right after, the
    record stays 机密 with its content gone from the vault: the custodian's
    overview then reports it missing, to be restored from a backup.
    """
    row = _vault_row(vault, customer.archive_no)
    if row is None:
        raise _missing_content(customer.archive_no)
    payload = tv.from_json(row.content.decode("utf-8"))
    data: dict[str, Any] = dict(payload.get("data") or {})
    filled_under = int(payload.get("template_version") or customer.template_version)
    template = _template_for(filled_under)
    try:
        index = tv.index_values(template, customer.category, customer.subtype, data)
    except KeyError:
        index = {}
    identity = tv.identity_of(customer.category, data) or None
    if identity:
        other = uow.session.scalar(
            sa.select(Customer.archive_no).where(
                Customer.identity_no == identity, Customer.id != customer.id
            )
        )
        if other is not None:
            raise DuplicateCustomer(other)
    name = index.get("name") or data.get("name")
    customer.name = str(name) if name else None
    customer.name_masked = tv.mask_name(str(name)) if name else ""
    customer.identity_no = identity
    customer.phone = index.get("phone") or None
    customer.address = index.get("address") or None
    customer.content = tv.to_json(data)
    vault.session.delete(row)
    for version in uow.session.scalars(
        sa.select(CustomerVersion).where(
            CustomerVersion.customer_id == customer.id, CustomerVersion.changes == ""
        )
    ):
        kept = _vault_row(vault, _version_ref(customer.archive_no, version.version))
        if kept is not None:
            version.changes = kept.content.decode("utf-8")
            vault.session.delete(kept)
    for request in _content_kind_requests(uow, customer):
        if not request.payload_in_vault:
            continue
        kept = _vault_row(vault, approvals.vault_ref(request.serial))
        if kept is None:
            continue  # emptied with a destruction: nothing to bring back
        request.payload = kept.content.decode("utf-8")
        request.payload_in_vault = False
        vault.session.delete(kept)


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="降低密级申请",
        prefix=PREFIX,
        steps=STEPS,
        transitions=TRANSITIONS,
        after_decision=_after_decision,
        # lowering moves content back to main.db: keep the vault's copy until main.db has it
        vault_commits_last=True,
    )
)


# --- the custodian's page ----------------------------------------------------------------------


def vault_overview(archive: Archive, actor: Actor, *, custodian: Actor | None) -> list[VaultLine]:
    """Every secret-tier record with its vault record, openings and grants; orphans at the end.

    For the custodian (VAULT_ACCESS), with a custodian authenticated in person:
    it opens vault.db (sizes only, never content). Recorded as "vault.overview".
    """
    live = authorize(archive, actor, Action.VAULT_ACCESS)
    holder = customers.live_custodian(archive, custodian)
    if holder is None:
        raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault, archive.unit_of_work() as uow:
        assert vault is not None
        stored = {
            row.record_ref: row
            for row in vault.session.execute(
                sa.select(
                    VaultRecord.record_ref,
                    VaultRecord.tier,
                    sa.func.length(VaultRecord.content).label("size"),
                    VaultRecord.updated_at,
                )
            )
        }
        names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
        people = approvals.pairs(uow.session, sa.select(User.login, User.display_name))
        secret = list(
            uow.session.scalars(
                sa.select(Customer)
                .where(Customer.tier.in_(SECRET_TIERS), Customer.status != "destroyed")
                .order_by(Customer.archive_no)
            )
        )
        numbers = [c.archive_no for c in secret]
        openings, counts = _openings(uow, numbers, people)
        grants = _grants(uow, [c.id for c in secret], names)
        versions = _vault_versions(uow, [c.id for c in secret])
        requests_ = _vault_requests(uow, [c.id for c in secret])
        lines: list[VaultLine] = []
        used: set[str] = set()
        for customer in secret:
            row = stored.get(customer.archive_no)
            problems = []
            if row is None:
                problems.append("保密库中没有此档案的内容,须从备份恢复")
            elif row.tier != customer.tier:
                problems.append(f"保密库记录的密级(“{_label(row.tier)}”)与目录不一致")
            if customer.content or customer.name or customer.identity_no:
                problems.append("主库中仍留有此档案的内容")
            for number in versions.get(customer.id, ()):
                ref = _version_ref(customer.archive_no, number)
                used.add(ref)
                if ref not in stored:
                    problems.append(f"保密库中缺少第 {number} 版修改记录")
            for serial in requests_.get(customer.id, ()):
                ref = approvals.vault_ref(serial)
                used.add(ref)
                if ref not in stored:
                    problems.append(f"保密库中缺少申请 {serial} 的内容")
            used.add(customer.archive_no)
            lines.append(
                VaultLine(
                    archive_no=customer.archive_no,
                    customer_id=customer.id,
                    tier=customer.tier,
                    tier_label=_label(customer.tier),
                    category_label=CATEGORY_LABELS.get(customer.category, customer.category),
                    manager_name=names.get(customer.manager_id, ""),
                    status_label=STATUS_LABELS.get(customer.status, customer.status),
                    in_vault=row is not None,
                    size=int(row.size or 0) if row is not None else 0,
                    updated_at=row.updated_at if row is not None else None,
                    openings=tuple(openings.get(customer.archive_no, ())[:OPENINGS_SHOWN]),
                    open_count=counts.get(customer.archive_no, 0),
                    grants=tuple(grants.get(customer.id, ())),
                    problems=tuple(problems),
                )
            )
        lines.extend(_orphans(uow, stored, used))
        uow.audit(
            live.login,
            "vault.overview",
            target_type="vault",
            details={
                "count": len(secret),
                "problems": sum(1 for line in lines if line.problems),
                "custodian": holder.login,
            },
        )
        uow.commit()
        return lines


def _openings(
    uow: UnitOfWork, numbers: Sequence[str], people: dict[Any, Any]
) -> tuple[dict[str, list[Opening]], dict[str, int]]:
    """customer.open events of these records, newest first, and their number per record."""
    found: dict[str, list[Opening]] = {}
    counts: dict[str, int] = {}
    for start in range(0, len(numbers), 500):
        chunk = list(numbers[start : start + 500])
        rows = uow.session.execute(
            sa.select(
                AuditEvent.target_id, AuditEvent.actor, AuditEvent.occurred_at, AuditEvent.details
            )
            .where(AuditEvent.action == "customer.open", AuditEvent.target_id.in_(chunk))
            .order_by(AuditEvent.seq.desc())
        )
        for number, login, at, text in rows:
            counts[number] = counts.get(number, 0) + 1
            if counts[number] > OPENINGS_SHOWN:
                continue
            try:
                details = json.loads(text or "{}")
            except ValueError:
                details = {}
            found.setdefault(number, []).append(
                Opening(
                    name=people.get(login, login),
                    login=login,
                    at=at,
                    custodian=str(details.get("custodian") or ""),
                    grant=str(details.get("grant") or ""),
                )
            )
    return found, counts


def _grants(
    uow: UnitOfWork, ids: Sequence[int], names: dict[Any, Any]
) -> dict[int, list[GrantInForce]]:
    """Approved consultation grants not yet ended that name these customers."""
    found: dict[int, list[GrantInForce]] = {}
    if not ids:
        return found
    now = utcnow()
    rows = uow.session.execute(
        sa.select(RequestCustomer.customer_id, Request)
        .join(Request, Request.id == RequestCustomer.request_id)
        .where(
            Request.kind == customers.GRANT_KIND,
            Request.state == State.APPROVED.value,
            Request.valid_until > now,
            RequestCustomer.customer_id.in_(list(ids)),
        )
        .order_by(Request.valid_until)
    )
    for customer_id, request in rows:
        mode = str(consultation.payload_of(request).get("mode", ""))
        found.setdefault(customer_id, []).append(
            GrantInForce(
                serial=request.serial,
                applicant_name=names.get(request.requester_id, ""),
                mode_label=consultation.MODES.get(mode, mode),
                until=request.valid_until,
            )
        )
    return found


def _vault_versions(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, list[int]]:
    """The filed versions whose changes should be in the vault (changes kept there: "")."""
    found: dict[int, list[int]] = {}
    if ids:
        for customer_id, version in uow.session.execute(
            sa.select(CustomerVersion.customer_id, CustomerVersion.version).where(
                CustomerVersion.customer_id.in_(list(ids)), CustomerVersion.changes == ""
            )
        ):
            found.setdefault(customer_id, []).append(version)
    return found


def _vault_requests(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, list[str]]:
    """Requests of these customers whose content is kept in the vault (not emptied)."""
    found: dict[int, list[str]] = {}
    if ids:
        for customer_id, serial in uow.session.execute(
            sa.select(Request.customer_id, Request.serial).where(
                Request.customer_id.in_(list(ids)), Request.payload_in_vault.is_(True)
            )
        ):
            found.setdefault(customer_id, []).append(serial)
    return found


def _orphans(uow: UnitOfWork, stored: dict[str, Any], used: set[str]) -> list[VaultLine]:
    """Vault records no secret-tier record, version or request of one accounts for."""
    leftover = sorted(set(stored) - used)
    # a request of another customer (a consultation or a record since lowered) may still need it
    in_vault = set(
        uow.session.scalars(sa.select(Request.serial).where(Request.payload_in_vault.is_(True)))
    )
    lines = []
    for ref in leftover:
        if ref.startswith(REQUEST_REF) and ref[len(REQUEST_REF) :] in in_vault:
            continue
        row = stored[ref]
        if ref.startswith(REQUEST_REF):
            problem = "孤立记录:对应的申请不存在或其内容不在保密库中"
        elif ref.startswith(VERSION_REF):
            problem = "孤立记录:对应的档案不是机密/绝密档案,或没有这一版修改记录"
        else:
            problem = "孤立记录:目录中没有对应的机密/绝密档案"
        lines.append(
            VaultLine(
                archive_no=ref,
                customer_id=None,
                tier=row.tier,
                tier_label=_label(row.tier),
                category_label="",
                manager_name="",
                status_label="",
                in_vault=True,
                size=int(row.size or 0),
                updated_at=row.updated_at,
                openings=(),
                open_count=0,
                grants=(),
                problems=(problem,),
            )
        )
    return lines
