"""Consultation of customer information (articles 13-14): the application and the grant.

Nobody consults a customer's information without permission (article 13).
Whoever needs to writes an application naming the customers, the purpose, the
reason and who they are (article 14.1); each customer's own manager reviews it
(14.2: every manager concerned, for their own customers), then the unit head
signs it (14.3). The approved application is a grant: for the period asked
for, counted from the unit head's signature, the applicant may open those
customers read-only. It ends when the period is over (nobody needs to act:
every reading function first marks grants past their end as expired) or
earlier when the applicant says they are done.

The application holds catalogue lines only (archive number, category,
sub-type, tier), never content: it is not kept in the vault and anyone who
may see the request may read it. Whether a grant opens a record is decided in
one place, :mod:`app.workflows.customers` (``content_access`` and the grant
predicate ``grant_in_force``), so that opening, the record history and the
catalogue's names all follow one rule; this module only writes the grants.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from app.errors import Conflict, InvalidInput, NotPermitted
from app.models import Customer, Request, RequestCustomer, User
from app.models.base import utcnow
from app.models.customer import CATEGORY_LABELS, TIER_LABELS
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.template import current_template
from app.workflows import approvals, customers
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authorize, refresh
from app.workflows.modification import RequestRef

#: the procedure whose approved applications customers.content_access honours
KIND = customers.GRANT_KIND
PREFIX = "CY"

#: the longest period an application may ask for, in days. A policy figure of
#: the branch, not a workstation preference: app/settings.py holds only the
#: latter (it lives outside the archive), so the figure is kept here.
MAX_DAYS = 30
MIN_DAYS = 1
#: what the application form proposes
DEFAULT_DAYS = 7
#: customers on one application: enough for a lending campaign, not a copy of the catalogue
MAX_CUSTOMERS = 100
PURPOSE_MAX = 200
REASON_MAX = approvals.REASON_MAX
PROFILE_MAX = {"name": 64, "department": 64, "position": 64, "phone": 32}

#: 查阅方式: code -> the form's word
MODES: dict[str, str] = {"view": "阅览", "excerpt": "摘抄", "copy": "复制"}
_MODE_BY_LABEL = {label: key for key, label in MODES.items()}

#: who the audit chain names when a grant's period ends (not a valid login, so never a person)
EXPIRY_ACTOR = "(系统)"

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.APPROVE): State.SUBMITTED,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.APPROVED, Event.EXPIRE): State.EXPIRED,
    (State.APPROVED, Event.END): State.EXPIRED,
}
STEPS = (
    Step("manager_review", "客户经理审核", Action.CONSULTATION_REVIEW, owners=True),
    Step("unit_head", "单位负责人签批", Action.CONSULTATION_SIGN),
)


# --- what the views receive ---------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """查阅人概况 (article 14.1): filled from the account, editable on the form."""

    name: str
    department: str = ""
    position: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ApplicationCustomer:
    """One customer on an application: its catalogue line, nothing more."""

    id: int
    archive_no: str
    category: str
    category_label: str
    subtype: str
    subtype_label: str
    tier: str
    tier_label: str


@dataclass(frozen=True)
class Application:
    """An application's fields, read back from a request's payload (RequestDetail.payload)."""

    profile: Profile
    customers: tuple[ApplicationCustomer, ...]
    purpose: str
    reason: str
    mode: str
    mode_label: str
    days: int


@dataclass(frozen=True)
class GrantLine:
    """A grant in force: what the applicant may open, how, and until when (naive UTC)."""

    request_id: int
    serial: str
    customer_ids: tuple[int, ...]
    #: archive numbers, in the application's order
    customers: tuple[str, ...]
    mode: str
    mode_label: str
    valid_from: datetime
    ends_at: datetime
    time_left: timedelta

    @property
    def subject(self) -> str:
        """The customers as a list line shows them: three archive numbers and a count."""
        head = "、".join(self.customers[:3])
        return head + (f" 等 {len(self.customers)} 户" if len(self.customers) > 3 else "")

    @property
    def time_left_label(self) -> str:
        """还剩 3 天 4 小时 / 还剩 25 分钟: what a person needs to plan their work."""
        seconds = max(int(self.time_left.total_seconds()), 0)
        days, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        minutes = rest // 60
        if days:
            return f"还剩 {days} 天 {hours} 小时"
        if hours:
            return f"还剩 {hours} 小时 {minutes} 分钟"
        return f"还剩 {max(minutes, 1)} 分钟"


# --- small helpers -------------------------------------------------------------------------------


def mode_key(value: str) -> str:
    """'view' or '阅览' -> 'view'; anything else is refused with the choices."""
    text = (value or "").strip()
    if text in MODES:
        return text
    if text in _MODE_BY_LABEL:
        return _MODE_BY_LABEL[text]
    raise InvalidInput("请选择查阅方式:" + "、".join(MODES.values()) + "。")


def _labels(category: str, subtype: str) -> tuple[str, str]:
    template = current_template()
    try:
        category_label = template.category(category).label
    except KeyError:
        category_label = CATEGORY_LABELS.get(category, category)
    try:
        subtype_label = template.subtype(category, subtype).label
    except KeyError:
        subtype_label = subtype
    return category_label, subtype_label


def payload_of(request: Request) -> dict[str, Any]:
    """A consultation's payload (never in the vault: it holds catalogue lines only)."""
    return dict(json.loads(request.payload or "{}"))


def application(payload: Mapping[str, Any]) -> Application:
    """The fields of an application as the request page and the printed form show them."""
    person = payload.get("applicant") or {}
    lines = []
    for row in payload.get("customers") or []:
        category, subtype = str(row.get("category", "")), str(row.get("subtype", ""))
        category_label, subtype_label = _labels(category, subtype)
        tier = str(row.get("tier", ""))
        lines.append(
            ApplicationCustomer(
                id=int(row.get("id", 0)),
                archive_no=str(row.get("archive_no", "")),
                category=category,
                category_label=category_label,
                subtype=subtype,
                subtype_label=subtype_label,
                tier=tier,
                tier_label=TIER_LABELS.get(tier, tier),
            )
        )
    mode = str(payload.get("mode", ""))
    return Application(
        profile=Profile(
            name=str(person.get("name", "")),
            department=str(person.get("department", "")),
            position=str(person.get("position", "")),
            phone=str(person.get("phone", "")),
        ),
        customers=tuple(lines),
        purpose=str(payload.get("purpose", "")),
        reason=str(payload.get("reason", "")),
        mode=mode,
        mode_label=MODES.get(mode, mode),
        days=int(payload.get("days", 0)),
    )


# --- applying ------------------------------------------------------------------------------------


def default_profile(archive: Archive, actor: Actor) -> Profile:
    """The applicant's particulars as their account holds them, to prefill the form."""
    live = refresh(archive, actor)
    with archive.unit_of_work() as uow:
        user = uow.session.get(User, live.user_id)
        assert user is not None
        return Profile(user.display_name, user.department, user.position, user.phone)


def _clean_profile(profile: Profile) -> dict[str, str]:
    values = {
        "name": (profile.name or "").strip(),
        "department": (profile.department or "").strip(),
        "position": (profile.position or "").strip(),
        "phone": (profile.phone or "").strip(),
    }
    if not values["name"]:
        raise InvalidInput("请填写查阅人姓名。")
    words = {"name": "姓名", "department": "部门", "position": "职务", "phone": "联系电话"}
    for key, limit in PROFILE_MAX.items():
        if len(values[key]) > limit:
            raise InvalidInput(f"查阅人{words[key]}最多 {limit} 字。")
    return values


def _clean_text(value: str, what: str, limit: int, hint: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"请填写{what}{hint}。")
    if len(text) > limit:
        raise InvalidInput(f"{what}最多 {limit} 字,请精简。")
    return text


def _clean_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise InvalidInput(f"查阅期限须为 {MIN_DAYS} 至 {MAX_DAYS} 天的整数。")
    if days < MIN_DAYS:
        raise InvalidInput(f"查阅期限至少 {MIN_DAYS} 天。")
    if days > MAX_DAYS:
        raise InvalidInput(f"查阅期限最多 {MAX_DAYS} 天。需要更久的,请期满后重新申请(制度第14条)。")
    return days


def _checked_customers(uow: UnitOfWork, live: Actor, customer_ids: Sequence[int]) -> list[Customer]:
    """The customers asked for, in order; refuse own, destroyed, unknown and repeated ones."""
    ids = list(customer_ids)
    if not ids:
        raise InvalidInput("请至少选择一户要查阅的客户。")
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
            raise InvalidInput("找不到所选的某户客户档案,可能已被删除。请刷新目录后重新选择。")
        if cid in seen:
            raise InvalidInput(f"档案 {customer.archive_no} 重复列出,请删去重复的一行。")
        seen.add(cid)
        if customer.manager_id == live.user_id:
            raise InvalidInput(
                f"档案 {customer.archive_no} 是您本人管户的客户,可直接查看,无需申请。"
                "请从申请中删去此户。"
            )
        if customer.status == "destroyed":
            raise InvalidInput(f"档案 {customer.archive_no} 已销毁,不能查阅。请从申请中删去此户。")
        result.append(customer)
    return result


def apply(
    archive: Archive,
    actor: Actor,
    customer_ids: Sequence[int],
    *,
    purpose: str,
    reason: str,
    mode: str,
    days: int,
    profile: Profile | None = None,
) -> RequestRef:
    """Submit an application (article 14.1) to the customers' managers; returns its serial.

    ``profile`` None takes the particulars from the account. Everything is
    checked before anything is written; the request, its serial and the
    "request.submit" event are one transaction.
    """
    live = authorize(archive, actor, Action.CONSULTATION_APPLY)
    purpose = _clean_text(purpose, "查阅目的", PURPOSE_MAX, "(例如:农户小额信用贷款授信评级)")
    reason = _clean_text(reason, "查阅理由", REASON_MAX, ",说明为何须查阅这些客户的信息")
    key = mode_key(mode)
    days = _clean_days(days)
    person = _clean_profile(profile or default_profile(archive, live))
    with archive.unit_of_work() as uow:
        chosen = _checked_customers(uow, live, customer_ids)
        payload: dict[str, Any] = {
            "applicant": {"user_id": live.user_id, "login": live.login, **person},
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
            "purpose": purpose,
            "reason": reason,
            "mode": key,
            "days": days,
        }
        request = approvals.create(
            uow, PROCEDURE, live.user_id, payload, customer_ids=[c.id for c in chosen]
        )
        approvals.fire(
            uow,
            PROCEDURE,
            request,
            Event.SUBMIT,
            live.login,
            details={"count": len(chosen), "mode": key, "days": days},
        )
        uow.commit()
        return RequestRef(request.id, request.serial, request.state)


# --- the grant's life ----------------------------------------------------------------------------


def expire_due(archive: Archive) -> int:
    """Mark every grant whose period is over as expired (已结束); returns how many."""
    with archive.unit_of_work() as uow:
        count = approvals.expire_periods(uow, PROCEDURE, EXPIRY_ACTOR)
        if count:
            uow.commit()
        return count


def end_grant(archive: Archive, actor: Actor, request_id: int, reason: str) -> RequestRef:
    """The applicant is done before the period ends: the grant closes now, with the reason."""
    live = refresh(archive, actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写提前结束查阅的原因(例如:授信评级已完成)。")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"原因最多 {REASON_MAX} 字。")
    expire_due(archive)
    with archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        if request is None or request.kind != KIND:
            raise InvalidInput("找不到此查阅申请,请刷新后重试。")
        if request.requester_id != live.user_id:
            raise NotPermitted("结束他人的查阅授权")
        if request.state != State.APPROVED:
            raise Conflict(
                f"查阅申请 {request.serial} 当前为"
                f"“{approvals.STATE_LABELS.get(request.state, request.state)}”,"
                "没有正在生效的查阅授权可以结束。"
            )
        approvals.fire(
            uow, PROCEDURE, request, Event.END, live.login, details={"grant": request.serial}
        )
        request.close_reason = reason
        uow.commit()
        return RequestRef(request.id, request.serial, request.state)


def _grant_lines(uow: UnitOfWork, rows: Sequence[Request], now: datetime) -> list[GrantLine]:
    if not rows:
        return []
    numbers = approvals.pairs(
        uow.session,
        sa.select(Customer.id, Customer.archive_no).where(
            Customer.id.in_(
                sa.select(RequestCustomer.customer_id).where(
                    RequestCustomer.request_id.in_([r.id for r in rows])
                )
            )
        ),
    )
    lines = []
    for request in rows:
        payload = payload_of(request)
        ids = tuple(int(c["id"]) for c in payload.get("customers") or [])
        mode = str(payload.get("mode", ""))
        assert request.valid_from is not None and request.valid_until is not None
        lines.append(
            GrantLine(
                request_id=request.id,
                serial=request.serial,
                customer_ids=ids,
                customers=tuple(numbers.get(cid, "") for cid in ids),
                mode=mode,
                mode_label=MODES.get(mode, mode),
                valid_from=request.valid_from,
                ends_at=request.valid_until,
                time_left=request.valid_until - now,
            )
        )
    return lines


def grants_in_force(archive: Archive, actor: Actor) -> list[GrantLine]:
    """我的查阅授权: the person's grants in force now, the soonest to end first."""
    live = refresh(archive, actor)
    expire_due(archive)
    now = utcnow()
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Request)
            .where(*customers.grant_in_force(live.user_id, now))
            .order_by(Request.valid_until, Request.id)
        ).all()
        return _grant_lines(uow, rows, now)


def grant_for(archive: Archive, actor: Actor, customer_id: int) -> GrantLine | None:
    """The person's grant in force for this customer, if any (the banner on its page)."""
    live = refresh(archive, actor)
    expire_due(archive)
    now = utcnow()
    with archive.unit_of_work() as uow:
        request = customers.covering_grant(uow.session, live.user_id, customer_id, now)
        if request is None:
            return None
        return _grant_lines(uow, [request], now)[0]


# --- hooks the signing engine runs inside its transaction ------------------------------------------


def _before_sign(
    archive: Archive, uow: UnitOfWork, request: Request, decision: str, vault: UnitOfWork | None
) -> None:
    """No approval for a record destroyed since the application was made (nothing to consult)."""
    if decision != "approve":
        return
    destroyed = approvals.destroyed_customers(uow.session, request)
    if destroyed:
        raise Conflict(
            f"查阅申请 {request.serial} 所列档案 {'、'.join(destroyed)} 已销毁,不能批准。"
            "请驳回,由申请人删去后重新申请。"
        )


def _after_decision(
    archive: Archive,
    uow: UnitOfWork,
    request: Request,
    signer: Actor,
    vault: UnitOfWork | None,
    holder: Actor | None,
) -> None:
    """The unit head's signature starts the grant: its period counts from this moment."""
    if request.state != State.APPROVED or request.valid_from is not None:
        return
    approvals.start_period(request, int(payload_of(request).get("days") or 0))
    uow.session.flush()


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="查阅申请",
        prefix=PREFIX,
        steps=STEPS,
        transitions=TRANSITIONS,
        before_sign=_before_sign,
        after_decision=_after_decision,
    )
)
