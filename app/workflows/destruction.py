"""Destruction of archives whose retention has run out (article 18), and the 销毁清册.

"对失去保存价值的信息文件要按规定销毁,不得当成废纸出售." The procedure:

1. A customer manager (for their own customers) or the custodian lists due
   archives (:func:`app.workflows.retention.due_for_destruction`) and asks for
   their destruction, with the method for each kind of carrier (纸质 粉碎,
   磁盘 消磁或物理销毁, 电子 安全删除: the choices come from the rules file).
   The request (XH-2026-000001) runs on the approval engine.
2. The director approves it with a signed decision; never the requester.
3. The destruction is then carried out as its own action
   (:func:`carry_out`), naming who destroyed the carriers and the two
   witnesses (监销人); 机密/绝密 archives need the custodian present, who
   opens the vault to delete their content there.

Carrying out deletes the content for good, in one transaction: the content
columns of the catalogue row, the carriers' notes, the search index, the
vault record (secret tier), the payloads and attachments of requests that
concern only the destroyed customers, and the filed changes of the record.
What stays is a tombstone catalogue line (archive number, category, tier,
dates, status 已销毁) and one line per archive in the register, kept
permanently (the database refuses to change or delete it). After the commit
the database files are rebuilt (``VACUUM``; the full-text index is merged
first) so that no free page and no index segment keeps the deleted text, and
the encrypted copies kept before schema upgrades (``pre-migration/``), which
hold the archive as it was, are removed.

Not reachable from here: backups made before the destruction still hold the
archive (their retention is the administrator's rotation); signed decision
reasons stay as signed (they must not name customers); an audit event never
held content in the first place.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.errors import (
    Conflict,
    CustodianRequired,
    InvalidInput,
    NotPermitted,
)
from app.models import (
    ApprovalDecision,
    Carrier,
    Customer,
    CustomerVersion,
    DestructionRecord,
    Request,
    RequestAttachment,
    RequestCustomer,
    User,
    VaultRecord,
)
from app.models.base import utcnow
from app.models.customer import CARRIER_KINDS, CATEGORY_LABELS, STATUS_LABELS, TIER_LABELS
from app.printing import destruction_register as printing
from app.security.permissions import Action
from app.storage import search
from app.storage.archive import Archive
from app.storage.database import vacuum
from app.storage.migrate import PRE_MIGRATION_DIR
from app.storage.uow import UnitOfWork
from app.workflows import approvals, customers, retention
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize, refresh
from app.workflows.modification import RequestRef

KIND = retention.DESTRUCTION_KIND
PREFIX = "XH"
#: the register's own running numbers
REGISTER_PREFIX = "QC"
#: archives on one request: a day's work at the shredder, not the whole catalogue
MAX_ARCHIVES = 200
NOTE_MAX = 500
NAME_MAX = 32
#: what the register says of the record kept in this program, destroyed with the carriers
SYSTEM_RECORD = "系统记录"
SYSTEM_METHOD = "安全删除"

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Event.APPLY): State.APPLIED,
    (State.APPROVED, Event.WITHDRAW): State.WITHDRAWN,
}
STEPS = (Step("director", "主任审批", Action.DESTRUCTION_APPROVE),)

#: who may read the register
REGISTER_ACTIONS = (Action.DESTRUCTION_REQUEST, Action.DESTRUCTION_APPROVE, Action.INSPECTION_VIEW)


# --- what the views receive ----------------------------------------------------------------------


@dataclass(frozen=True)
class DestructionItem:
    """One archive on a request: the method chosen per kind of carrier (kind -> method)."""

    customer_id: int
    methods: Mapping[str, str]


@dataclass(frozen=True)
class ApprovedLine:
    """An approved request waiting to be carried out."""

    request_id: int
    serial: str
    requester_name: str
    approver_name: str
    approved_at: datetime | None
    archive_nos: tuple[str, ...]
    needs_custodian: bool


@dataclass(frozen=True)
class CarriedOut:
    serial: str
    register_nos: tuple[str, ...]
    archive_nos: tuple[str, ...]
    #: the files were rebuilt afterwards (False: the content is gone, free pages stay zeroed)
    vacuumed: bool
    removed_copies: int


@dataclass(frozen=True)
class RegisterLine:
    register_no: str
    archive_no: str
    title_masked: str
    category_label: str
    tier_label: str
    year: int
    retention_years: int
    carriers: str
    quantity: int
    method: str
    approver_name: str
    executors: str
    witnesses: str
    custodian_name: str
    destroyed_at: datetime
    request_serial: str


# --- checks shared by asking, approving and carrying out --------------------------------------------


def _may_propose_for(live: Actor, customer: Customer) -> bool:
    return retention.sees_all(live) or customer.manager_id == live.user_id


def _check_eligible(
    uow: UnitOfWork,
    rules: retention.RetentionRules,
    today: date,
    customer_ids: Sequence[int],
    *,
    own_request: int | None = None,
) -> dict[int, retention.DueLine]:
    """Each archive is still due and nothing else is under way for it; Conflict naming the first."""
    ids = list(dict.fromkeys(customer_ids))
    lines = {
        line.customer_id: line for line in retention.due_lines(uow, rules, today, customer_ids=ids)
    }
    own_serial = ""
    if own_request is not None:
        own_serial = uow.session.scalar(sa.select(Request.serial).where(Request.id == own_request))
    for customer_id in ids:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            raise InvalidInput("找不到所选的客户档案,可能已被删除。请刷新后重试。")
        if customer.status == "destroyed":
            raise Conflict(f"档案 {customer.archive_no} 已经销毁。")
        if customer.status not in retention.DUE_STATUSES:
            raise Conflict(
                f"档案 {customer.archive_no} 为“{STATUS_LABELS.get(customer.status, customer.status)}”,"
                "只有在册或已销户的档案才能销毁。"
            )
        line = lines.get(customer_id)
        if line is None:
            day, years, _ = retention.due_on(
                rules,
                customer.category,
                customer.retention_years,
                customer.status,
                customer.closed_at,
                customer.updated_at,
            )
            raise Conflict(
                f"档案 {customer.archive_no} 的保管期限({years} 年)未满,{day.isoformat()} 起才能销毁。"
            )
        if line.blocked_by:
            raise Conflict(
                f"档案 {customer.archive_no} 还有未办结的申请 {line.blocked_by}。"
                "请先办结或撤回该申请,再办理销毁。"
            )
        if line.pending_serial and line.pending_serial != own_serial:
            raise Conflict(
                f"档案 {customer.archive_no} 已列入销毁申请 {line.pending_serial},不能重复申请。"
            )
    return lines


def _methods_for(
    rules: retention.RetentionRules, line: retention.DueLine, chosen: Mapping[str, str]
) -> dict[str, str]:
    methods: dict[str, str] = {}
    for carrier in line.carriers:
        method = (chosen.get(carrier.kind) or "").strip() or rules.default_method(carrier.kind)
        allowed = rules.methods[carrier.kind]
        if method not in allowed:
            raise InvalidInput(
                f"档案 {line.archive_no} 的{carrier.kind_label}载体只能按"
                f"“{'”或“'.join(allowed)}”销毁,请重新选择。"
            )
        methods[carrier.kind] = method
    return methods


# --- asking -----------------------------------------------------------------------------------------


def propose(
    archive: Archive,
    actor: Actor,
    items: Sequence[DestructionItem],
    *,
    note: str = "",
    today: date | None = None,
) -> RequestRef:
    """Ask the director to approve destroying these due archives (submitted at once)."""
    live = authorize(archive, actor, Action.DESTRUCTION_REQUEST)
    if not items:
        raise InvalidInput("请至少选择一份到期的档案。")
    ids = [item.customer_id for item in items]
    if len(set(ids)) != len(ids):
        raise InvalidInput("同一份档案在申请中列了两次,请去掉重复的一行。")
    if len(ids) > MAX_ARCHIVES:
        raise InvalidInput(f"一次销毁申请最多 {MAX_ARCHIVES} 份档案,请分批申请。")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"说明最多 {NOTE_MAX} 字。")
    rules = retention.current_rules()
    day = today or date.today()
    with archive.unit_of_work() as uow:
        for customer_id in ids:
            customer = uow.session.get(Customer, customer_id)
            if customer is not None and not _may_propose_for(live, customer):
                raise NotPermitted("为他人管户的客户档案申请销毁")
        lines = _check_eligible(uow, rules, day, ids)
        archives = []
        for item in items:
            line = lines[item.customer_id]
            archives.append(
                {
                    "customer_id": line.customer_id,
                    "archive_no": line.archive_no,
                    "category": line.category,
                    "tier": line.tier,
                    "status": line.status,
                    "retention_years": line.retention_years,
                    "relationship_end": line.relationship_end.isoformat(),
                    "due_on": line.due_on.isoformat(),
                    "carriers": [{"kind": c.kind, "count": c.count} for c in line.carriers],
                    "methods": _methods_for(rules, line, item.methods),
                }
            )
        payload: dict[str, Any] = {
            "archives": archives,
            "note": note,
            "rules_version": rules.version,
            "needs_custodian": any(a["tier"] != "ordinary" for a in archives),
        }
        proc = approvals.procedure(KIND)
        request = approvals.create(uow, proc, live.user_id, payload, customer_ids=ids)
        approvals.fire(uow, proc, request, Event.SUBMIT, live.login, details={"count": len(ids)})
        uow.commit()
        return RequestRef(request.id, request.serial, request.state)


def payload_archives(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The archives of a destruction request's payload (RequestDetail.payload)."""
    return [dict(a) for a in payload.get("archives") or [] if isinstance(a, Mapping)]


def method_text(methods: Mapping[str, str]) -> str:
    """纸质:粉碎;电子:安全删除 (the carriers' kinds in their usual order)."""
    parts = [f"{label}:{methods[kind]}" for kind, label in CARRIER_KINDS.items() if kind in methods]
    return ";".join(parts) or f"{SYSTEM_RECORD}:{SYSTEM_METHOD}"


# --- the approval hooks ---------------------------------------------------------------------------


def _before_sign(
    archive: Archive, uow: UnitOfWork, request: Request, decision: str, vault: UnitOfWork | None
) -> None:
    """An approval stands only for archives still due and free of other requests."""
    if decision != "approve":
        return
    ids = [link.customer_id for link in request.customers]
    _check_eligible(uow, retention.current_rules(), date.today(), ids, own_request=request.id)


# --- carrying out ----------------------------------------------------------------------------------


def approved_requests(archive: Archive, actor: Actor) -> list[ApprovedLine]:
    """Approved destruction requests not yet carried out (what 执行销毁 offers)."""
    live = authorize(archive, actor, Action.DESTRUCTION_REQUEST)
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Request)
            .where(Request.kind == KIND, Request.state == State.APPROVED)
            .order_by(Request.id)
        ).all()
        names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
        result = []
        for request in rows:
            archives = payload_archives(json.loads(request.payload or "{}"))
            if not _may_carry_out(live, request):
                continue
            approver = _approval(request)
            result.append(
                ApprovedLine(
                    request_id=request.id,
                    serial=request.serial,
                    requester_name=names.get(request.requester_id, ""),
                    approver_name=names.get(approver.signer_id, "") if approver else "",
                    approved_at=request.closed_at,
                    archive_nos=tuple(str(a.get("archive_no", "")) for a in archives),
                    needs_custodian=any(a.get("tier") != "ordinary" for a in archives),
                )
            )
        return result


def _may_carry_out(live: Actor, request: Request) -> bool:
    """The requester, the custodian, or the manager of one of the archives concerned."""
    if retention.sees_all(live) or request.requester_id == live.user_id:
        return True
    return live.user_id in {link.manager_id for link in request.customers}


def _approval(request: Request) -> ApprovalDecision | None:
    approving = [d for d in request.decisions if d.decision == "approve"]
    return approving[-1] if approving else None


def _names(values: Sequence[str] | str, what: str) -> list[str]:
    if isinstance(values, str):
        values = values.replace(",", "、").replace(",", "、").split("、")
    names = [str(v).strip() for v in values if str(v).strip()]
    for name in names:
        if len(name) > NAME_MAX:
            raise InvalidInput(f"{what}“{name[:8]}…”的姓名过长(最多 {NAME_MAX} 字)。")
    if len(set(names)) != len(names):
        raise InvalidInput(f"{what}中有重复的姓名。")
    return names


def _people(executors: Sequence[str] | str, witnesses: Sequence[str] | str) -> tuple[str, str]:
    doers = _names(executors, "销毁执行人")
    if not doers:
        raise InvalidInput("请填写销毁执行人的姓名。")
    watchers = _names(witnesses, "监销人")
    if len(watchers) != 2:
        raise InvalidInput("销毁须有两名监销人在场,请填写两位不同人员的姓名。")
    both = set(doers) & set(watchers)
    if both:
        raise InvalidInput(f"“{next(iter(both))}”不能既是销毁执行人又是监销人。")
    return "、".join(doers), "、".join(watchers)


def _load_approved(uow: UnitOfWork, request_id: int) -> Request:
    request = uow.session.get(Request, request_id)
    if request is None or request.kind != KIND:
        raise InvalidInput("找不到此销毁申请,请刷新后重试。")
    if request.state != State.APPROVED:
        raise Conflict(
            f"销毁申请 {request.serial} 当前为“{approvals.STATE_LABELS.get(request.state, request.state)}”,"
            "只有经主任批准的申请才能执行销毁。"
        )
    return request


def _carrier_counts(uow: UnitOfWork, customer_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in uow.session.scalars(
        sa.select(Carrier.kind).where(Carrier.customer_id == customer_id)
    ):
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _requests_only_about(uow: UnitOfWork, ids: set[int]) -> list[Request]:
    """Requests (other than destructions) whose every customer is being destroyed."""
    concerned = uow.session.scalars(
        sa.select(Request)
        .where(
            Request.kind != KIND,
            Request.id.in_(
                sa.select(RequestCustomer.request_id).where(RequestCustomer.customer_id.in_(ids))
            ),
        )
        .order_by(Request.id)
    ).all()
    return [
        r
        for r in concerned
        if {link.customer_id for link in r.customers} <= ids
        and (r.customer_id is None or r.customer_id in ids)
    ]


def _purge(
    uow: UnitOfWork, vault: UnitOfWork | None, customer: Customer, requests: Sequence[Request]
) -> int:
    """Delete one archive's content everywhere in the transaction; returns vault rows deleted."""
    customer.name = None
    customer.identity_no = None
    customer.phone = None
    customer.address = None
    customer.content = None
    customer.name_masked = ""
    customer.retrieval_remarks = customers.mark_remarks(customer.tier, "")
    customer.status = "destroyed"
    customer.updated_at = utcnow()
    customer.version = (customer.version or 0) + 1
    for carrier in customer.carriers:
        carrier.note = ""
    uow.session.execute(
        sa.update(CustomerVersion)
        .where(CustomerVersion.customer_id == customer.id)
        .values(changes="")
    )
    uow.session.flush()
    # the tombstone stays findable by its archive number, and by nothing else
    search.index_customer(
        uow.session,
        customer.id,
        archive_no=customer.archive_no,
        name=None,
        identity_no=None,
        phone=None,
        address=None,
    )
    deleted = 0
    if vault is not None:
        refs = [customer.archive_no, *(approvals.vault_ref(r.serial) for r in requests)]
        result = vault.session.execute(
            sa.delete(VaultRecord).where(
                sa.or_(
                    VaultRecord.record_ref.in_(refs),
                    VaultRecord.record_ref.like(f"version:{customer.archive_no}:%"),
                )
            )
        )
        deleted = int(getattr(result, "rowcount", 0) or 0)
    return deleted


def _purge_requests(uow: UnitOfWork, requests: Sequence[Request]) -> None:
    """Empty what these requests asked (customer content), keeping their hash and signatures.

    The payload is marked as kept elsewhere, so the signed hash still checks
    out (a signature covers the hash, not the text), and the content, now
    destroyed, is not asked for again.
    """
    if not requests:
        return
    ids = [r.id for r in requests]
    uow.session.execute(sa.delete(RequestAttachment).where(RequestAttachment.request_id.in_(ids)))
    for request in requests:
        request.payload = ""
        request.payload_in_vault = True
    uow.session.flush()


def _remove_pre_migration_copies(root: Path) -> int:
    """The encrypted copies kept before schema upgrades hold the archive as it was: remove them."""
    folder = root / PRE_MIGRATION_DIR
    removed = 0
    if not folder.is_dir():
        return 0
    for path in sorted(folder.iterdir()):
        if path.is_file():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


def carry_out(
    archive: Archive,
    actor: Actor,
    request_id: int,
    *,
    executors: Sequence[str] | str,
    witnesses: Sequence[str] | str,
    custodian: Actor | None = None,
    note: str = "",
    today: date | None = None,
) -> CarriedOut:
    """执行销毁: destroy the archives of an approved request and write the register.

    ``executors``: who destroyed the carriers (names); ``witnesses``: the two
    监销人 (two different people, neither an executor); ``custodian``: the
    custodian present in person, required when a 机密/绝密 archive is among
    them. Raises InvalidInput, Conflict (not approved, no longer due, another
    request under way), CustodianRequired, NotPermitted.
    """
    live = authorize(archive, actor, Action.DESTRUCTION_REQUEST)
    doers, watchers = _people(executors, witnesses)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"备注最多 {NOTE_MAX} 字。")
    rules = retention.current_rules()
    day = today or date.today()
    with archive.unit_of_work() as uow:
        request = _load_approved(uow, request_id)
        if not _may_carry_out(live, request):
            raise NotPermitted("执行他人提出的销毁申请")
        ids = [link.customer_id for link in request.customers]
        tiers = set(uow.session.scalars(sa.select(Customer.tier).where(Customer.id.in_(ids))))
        approver = _approval(request)
        if approver is None or not approvals.decision_valid(
            uow.session, archive.archive_id, request, approver
        ):
            raise Conflict(
                f"销毁申请 {request.serial} 的批准签名无法验证,不能执行。请报告系统管理员核查。"
            )
    holder: Actor | None = None
    if tiers - {"ordinary"}:
        holder = customers.live_custodian(archive, custodian)
        if holder is None:
            raise CustodianRequired()
    with customers.open_vault(archive, holder) as vault:
        with archive.unit_of_work() as uow:
            request = _load_approved(uow, request_id)
            ids = [link.customer_id for link in request.customers]
            _check_eligible(uow, rules, day, ids, own_request=request.id)
            payload = json.loads(request.payload or "{}")
            chosen = {int(a["customer_id"]): a for a in payload_archives(payload)}
            approver = _approval(request)
            assert approver is not None
            approver_name = uow.session.scalar(
                sa.select(User.display_name).where(User.id == approver.signer_id)
            )
            destroyed = set(ids)
            only_theirs = _requests_only_about(uow, destroyed)
            now = utcnow()
            register_nos: list[str] = []
            archive_nos: list[str] = []
            vault_rows = 0
            for customer_id in ids:
                customer = uow.session.get(Customer, customer_id)
                assert customer is not None
                entry = chosen.get(customer_id, {})
                counts = _carrier_counts(uow, customer_id)
                methods = dict(entry.get("methods") or {})
                for kind in counts:
                    methods.setdefault(kind, rules.default_method(kind))
                register_no = approvals.next_serial(uow, REGISTER_PREFIX)
                years, _ = rules.period(customer.category, customer.retention_years)
                uow.session.add(
                    DestructionRecord(
                        register_no=register_no,
                        request_id=request.id,
                        customer_id=customer.id,
                        archive_no=customer.archive_no,
                        title_masked=customer.name_masked if customer.tier == "ordinary" else "",
                        category=customer.category,
                        tier=customer.tier,
                        year=customer.created_at.year,
                        retention_years=int(entry.get("retention_years") or years),
                        carriers="、".join(
                            f"{label} {counts[kind]}"
                            for kind, label in CARRIER_KINDS.items()
                            if counts.get(kind)
                        ),
                        quantity=sum(counts.values()),
                        method=method_text({k: methods[k] for k in counts}),
                        approver_id=approver.signer_id,
                        approver_name=approver_name or "",
                        executors=doers,
                        witnesses=watchers,
                        custodian_id=holder.user_id if holder else None,
                        custodian_name=holder.display_name if holder else "",
                        recorded_by=live.user_id,
                        destroyed_at=now,
                        note=note,
                    )
                )
                mine = [
                    r
                    for r in only_theirs
                    if customer_id in {link.customer_id for link in r.customers}
                ]
                vault_rows += _purge(
                    uow, vault if customer.tier != "ordinary" else None, customer, mine
                )
                details: dict[str, object] = {
                    "archive_no": customer.archive_no,
                    "tier": customer.tier,
                    "register": register_no,
                    "serial": request.serial,
                }
                if holder is not None and customer.tier != "ordinary":
                    details["custodian"] = holder.login
                uow.audit(
                    live.login,
                    "customer.destroy",
                    target_type="customer",
                    target_id=customer.archive_no,
                    details=details,
                )
                register_nos.append(register_no)
                archive_nos.append(customer.archive_no)
            _purge_requests(uow, only_theirs)
            approvals.fire(
                uow,
                approvals.procedure(KIND),
                request,
                Event.APPLY,
                live.login,
                details={"count": len(ids), "requests": len(only_theirs)},
            )
            serial = request.serial
            if vault is not None:
                vault.commit()
            uow.commit()
        vacuumed = _rebuild(archive, holder if vault is not None else None, serial, live)
    removed = _remove_pre_migration_copies(archive.paths.root)
    if removed:
        with archive.unit_of_work() as uow:
            uow.audit(
                live.login,
                "archive.copies_removed",
                target_type="request",
                target_id=serial,
                details={"serial": serial, "count": removed},
            )
            uow.commit()
    return CarriedOut(
        serial=serial,
        register_nos=tuple(register_nos),
        archive_nos=tuple(archive_nos),
        vacuumed=vacuumed,
        removed_copies=removed,
    )


def _rebuild(archive: Archive, holder: Actor | None, serial: str, live: Actor) -> bool:
    """VACUUM main.db (and vault.db when it was touched) after the commit; record the outcome."""
    sound = True
    try:
        vacuum(archive.engine)
        if holder is not None:
            vacuum(archive.vault_engine(holder.keys))
    except Exception:
        sound = False
    with archive.unit_of_work() as uow:
        uow.audit(
            live.login,
            "archive.vacuum",
            target_type="request",
            target_id=serial,
            details={"serial": serial, "vault": holder is not None, "sound": sound},
        )
        uow.commit()
    return sound


# --- the register ----------------------------------------------------------------------------------


def _require_register(archive: Archive, actor: Actor) -> Actor:
    live = refresh(archive, actor)
    if not any(live.may(action) for action in REGISTER_ACTIONS):
        raise NotPermitted("查看销毁清册")
    return live


def register_lines(
    archive: Archive, actor: Actor, *, year: int | None = None
) -> list[RegisterLine]:
    """The 销毁清册, oldest first (optionally one year's destructions)."""
    _require_register(archive, actor)
    with archive.unit_of_work() as uow:
        stmt = (
            sa.select(DestructionRecord, Request.serial)
            .join(Request, Request.id == DestructionRecord.request_id)
            .order_by(DestructionRecord.id)
        )
        if year is not None:
            stmt = stmt.where(
                DestructionRecord.destroyed_at >= datetime(year, 1, 1),
                DestructionRecord.destroyed_at < datetime(year + 1, 1, 1),
            )
        return [
            RegisterLine(
                register_no=row.register_no,
                archive_no=row.archive_no,
                title_masked=row.title_masked,
                category_label=CATEGORY_LABELS.get(row.category, row.category),
                tier_label=TIER_LABELS.get(row.tier, row.tier),
                year=row.year,
                retention_years=row.retention_years,
                carriers=row.carriers,
                quantity=row.quantity,
                method=row.method,
                approver_name=row.approver_name,
                executors=row.executors,
                witnesses=row.witnesses,
                custodian_name=row.custodian_name,
                destroyed_at=row.destroyed_at,
                request_serial=serial,
            )
            for row, serial in uow.session.execute(stmt)
        ]


def register_years(archive: Archive, actor: Actor) -> list[int]:
    """The years with destructions, newest first (the register page's filter)."""
    _require_register(archive, actor)
    with archive.unit_of_work() as uow:
        stamps = uow.session.scalars(sa.select(DestructionRecord.destroyed_at)).all()
    return sorted({s.year for s in stamps}, reverse=True)


def register_pdf(archive: Archive, actor: Actor, *, year: int | None = None) -> bytes:
    """The register as a PDF (for preview, printing or saving; nothing is written to disk)."""
    live = _require_register(archive, actor)
    lines = register_lines(archive, live, year=year)
    document = printing.RegisterDocument(
        branch_name=archive.header.branch_name,
        year=year,
        lines=tuple(
            printing.RegisterEntry(
                register_no=line.register_no,
                archive_no=line.archive_no,
                title=line.title_masked,
                category=line.category_label,
                tier=line.tier_label,
                year=line.year,
                retention_years=line.retention_years,
                carriers=line.carriers,
                quantity=line.quantity,
                method=line.method,
                approver=line.approver_name,
                executors=line.executors,
                witnesses=line.witnesses,
                custodian=line.custodian_name,
                destroyed_on=line.destroyed_at.date(),
                request_serial=line.request_serial,
            )
            for line in lines
        ),
        printed_by=live.display_name,
        printed_at=datetime.now(),
    )
    return printing.render_register_bytes(document)


def record_register_output(
    archive: Archive, actor: Actor, how: str, *, year: int | None = None, count: int = 0
) -> None:
    """The register was printed or saved as a PDF (``how``: print | save): an audit event."""
    live = _require_register(archive, actor)
    if how not in ("print", "save"):
        raise ValueError(how)
    details: dict[str, object] = {"output": how, "count": count}
    if year is not None:
        details["year"] = year
    with archive.unit_of_work() as uow:
        uow.audit(
            live.login,
            "destruction.register_print",
            target_type="register",
            target_id="destruction",
            details=details,
        )
        uow.commit()


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="销毁申请",
        prefix=PREFIX,
        steps=STEPS,
        transitions=TRANSITIONS,
        before_sign=_before_sign,
    )
)
