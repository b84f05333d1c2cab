"""出入登记: carriers leaving their place and coming back (article 12: 帐实相符).

Every time a customer's paper file or disk leaves its cabinet, the register
says which carrier of which archive, who took it, why, when and until when;
when it comes back, when, to whom and in what condition. A carrier that is
out cannot go out again until it is back. Electronic copies do not leave a
shelf and are not registered here.

Who keeps the register (CHECKOUT_RECORD): the custodian for every archive,
and a customer manager for the carriers of their own customers. The
carriers of 机密/绝密 archives are kept apart by one designated person
(article 16): only a custodian records them going out or coming back.

Who may take a carrier: its archive's own manager or a custodian; anyone
else only under a consultation grant in force that names the customer
(articles 13-14): a file in one's hands is information in one's eyes. The
grant is checked when the line is written and linked to it, and the day due
back may not be later than the grant's end.

Overdue means still out after the day it was due back, by the branch's
calendar. ``overdue_for`` is what the home page and a person's inbox show:
the person's own overdue carriers, and every overdue carrier for a custodian.

Register lines hold catalogue data only (archive number, carrier kind and
location); audit events hold ids, codes and dates, never the purpose text.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotEligible
from app.models import Carrier, CheckoutRecord, Customer, Request, RequestCustomer, User
from app.models.base import utcnow
from app.models.customer import CARRIER_KINDS, CATEGORY_LABELS, STATUS_LABELS, TIER_LABELS
from app.models.safekeeping import CONDITIONS
from app.printing.labels import ArchiveLabel, render_labels
from app.security.permissions import Action, allowed
from app.security.roles import Role, parse_roles
from app.storage.archive import Archive
from app.storage.atomic import write_atomic
from app.template import current_template
from app.workflows.auth import Actor, authorize, refresh

#: carriers that sit on a shelf and can be taken away
PHYSICAL_KINDS = ("paper", "disk")
#: the kind of request whose approved applications are consultation grants
GRANT_KIND = "consultation"
DEFAULT_DAYS = 7
#: the longest a carrier may stay out on one line
MAX_DAYS = 90
PURPOSE_MAX = 200
NOTE_MAX = 200
#: who may read the register (keep it, take stock, inspect)
READ_ACTIONS = (Action.CHECKOUT_RECORD, Action.RECONCILIATION_PERFORM, Action.INSPECTION_VIEW)


# --- what the views receive ---------------------------------------------------------------------


def location_text(cabinet: str, box: str, folder: str = "") -> str:
    """存放位置 as a person reads it: 柜 A1 / 盒 12 / 卷 3 (未登记 when nothing is recorded)."""
    parts = [
        f"{word} {value}" for word, value in (("柜", cabinet), ("盒", box), ("卷", folder)) if value
    ]
    return " / ".join(parts) if parts else "未登记位置"


@dataclass(frozen=True)
class Person:
    user_id: int
    login: str
    display_name: str

    @property
    def label(self) -> str:
        return f"{self.display_name}({self.login})"


@dataclass(frozen=True)
class CarrierChoice:
    """One physical carrier of an archive, with whether it is in its place now."""

    carrier_id: int
    kind: str
    kind_label: str
    cabinet: str
    box: str
    folder: str
    #: the open register line while it is out
    checkout_id: int | None
    borrower_name: str
    due_on: date | None

    @property
    def location(self) -> str:
        return location_text(self.cabinet, self.box, self.folder)

    @property
    def is_out(self) -> bool:
        return self.checkout_id is not None


@dataclass(frozen=True)
class ArchiveCarriers:
    """An archive's catalogue line and its physical carriers (what the 登记借出 dialog shows)."""

    customer_id: int
    archive_no: str
    category_label: str
    tier: str
    tier_label: str
    status_label: str
    carriers: tuple[CarrierChoice, ...]
    #: whether the person asking may record this archive's carriers (why not, if not)
    refusal: str


@dataclass(frozen=True)
class GrantChoice:
    request_id: int
    serial: str
    #: naive UTC
    ends_at: datetime


@dataclass(frozen=True)
class RegisterLine:
    """One line of the 出入登记."""

    id: int
    customer_id: int
    archive_no: str
    tier: str
    tier_label: str
    carrier_kind: str
    carrier_label: str
    cabinet: str
    box: str
    folder: str
    borrower_id: int
    borrower_name: str
    borrower_login: str
    purpose: str
    grant_serial: str
    #: naive UTC
    out_at: datetime
    due_on: date
    returned_at: datetime | None
    returned_to_name: str
    condition: str
    condition_label: str
    condition_note: str
    #: still out after the day it was due
    overdue: bool
    #: days past the due day (out: until today; returned: until the day it came back)
    days_late: int

    @property
    def location(self) -> str:
        return location_text(self.cabinet, self.box, self.folder)

    @property
    def is_open(self) -> bool:
        return self.returned_at is None

    @property
    def status_label(self) -> str:
        """借出中 / 逾期 3 天 / 已归还 / 逾期归还: words, not only a colour."""
        if self.is_open:
            return f"逾期 {self.days_late} 天" if self.overdue else "借出中"
        return f"逾期 {self.days_late} 天归还" if self.days_late else "已归还"


# --- small helpers -------------------------------------------------------------------------------


def local_today() -> date:
    """Today by the branch's calendar (the workstation's local time)."""
    return datetime.now().astimezone().date()


def local_day(moment: datetime) -> date:
    """The branch's calendar day of a stored moment (naive UTC)."""
    return moment.replace(tzinfo=UTC).astimezone().date()


def _names(session: Session, ids: Iterable[int | None]) -> dict[int, tuple[str, str]]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        sa.select(User.id, User.display_name, User.login).where(User.id.in_(wanted))
    )
    return {uid: (name, login) for uid, name, login in rows}


def _roles_of(user: User) -> frozenset[Role]:
    return parse_roles([r for r in user.role_names if r in Role._value2member_map_])


def _keeper_refusal(roles: Iterable[Role], user_id: int, customer: Customer) -> str | None:
    """Why this person may not keep (record or receive) the archive's carriers, or None."""
    roles = frozenset(roles)
    if Role.CUSTODIAN in roles:
        return None
    if customer.tier != "ordinary":
        return (
            f"档案 {customer.archive_no} 为“{TIER_LABELS.get(customer.tier, customer.tier)}”档案,"
            "其载体单独存放、专人管理(制度第16条),出入须由保密专管员登记。"
        )
    if allowed(roles, Action.CHECKOUT_RECORD) and customer.manager_id == user_id:
        return None
    return (
        f"档案 {customer.archive_no} 不是您管户的客户档案。"
        "客户经理只登记本人管户客户的载体出入,其他档案请由保密专管员登记。"
    )


def _check_keeper(live: Actor, customer: Customer) -> None:
    why = _keeper_refusal(live.roles, live.user_id, customer)
    if why is not None:
        raise NotEligible(why)


def _same_carrier(record: CheckoutRecord, carrier: Carrier) -> bool:
    """Whether an open line is about this carrier (also after its row was rebuilt)."""
    if record.carrier_id is not None:
        return record.carrier_id == carrier.id
    return (record.carrier_kind, record.cabinet, record.box, record.folder) == (
        carrier.kind,
        carrier.cabinet,
        carrier.box,
        carrier.folder,
    )


def open_records(
    session: Session, customer_ids: Iterable[int] | None = None
) -> list[CheckoutRecord]:
    """The lines still out (of some customers, or all), oldest first."""
    stmt = sa.select(CheckoutRecord).where(CheckoutRecord.returned_at.is_(None))
    if customer_ids is not None:
        stmt = stmt.where(CheckoutRecord.customer_id.in_(list(customer_ids)))
    return list(session.scalars(stmt.order_by(CheckoutRecord.id)))


@dataclass
class ShelfItem:
    """A physical carrier as the register knows it: where it belongs, and its open line if out."""

    customer_id: int
    archive_no: str
    status: str
    kind: str
    cabinet: str
    box: str
    folder: str
    carrier_id: int | None
    checkout: CheckoutRecord | None


def shelf_items(session: Session) -> list[ShelfItem]:
    """Every physical carrier of every archive not destroyed, with its open line if it is out.

    An open line whose carrier row no longer exists (the record was changed
    since) is still an item that is out: it keeps the kind and place it was
    taken from.
    """
    rows = session.execute(
        sa.select(Carrier, Customer.archive_no, Customer.status)
        .join(Customer, Customer.id == Carrier.customer_id)
        .where(Carrier.kind.in_(PHYSICAL_KINDS), Customer.status != "destroyed")
        .order_by(Customer.archive_no, Carrier.id)
    ).all()
    by_customer: dict[int, list[CheckoutRecord]] = {}
    for record in open_records(session):
        by_customer.setdefault(record.customer_id, []).append(record)
    items: list[ShelfItem] = []
    for carrier, archive_no, status in rows:
        pending = by_customer.get(carrier.customer_id, [])
        record = next((r for r in pending if _same_carrier(r, carrier)), None)
        if record is not None:
            pending.remove(record)
        items.append(
            ShelfItem(
                carrier.customer_id,
                archive_no,
                status,
                carrier.kind,
                carrier.cabinet,
                carrier.box,
                carrier.folder,
                carrier.id,
                record,
            )
        )
    leftovers = [r for records in by_customer.values() for r in records]
    if leftovers:
        numbers = dict(
            session.execute(
                sa.select(Customer.id, Customer.archive_no).where(
                    Customer.id.in_({r.customer_id for r in leftovers})
                )
            ).all()
        )
        for record in leftovers:
            items.append(
                ShelfItem(
                    record.customer_id,
                    numbers.get(record.customer_id, ""),
                    "",
                    record.carrier_kind,
                    record.cabinet,
                    record.box,
                    record.folder,
                    None,
                    record,
                )
            )
    return items


def normalise_archive_no(text: str) -> str:
    """What a person typed or a scanner sent, as archive numbers are stored (upper case)."""
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def _customer_by_number(session: Session, archive_no: str) -> Customer | None:
    number = normalise_archive_no(archive_no)
    if not number:
        return None
    return session.scalar(sa.select(Customer).where(sa.func.upper(Customer.archive_no) == number))


def _authorize_read(archive: Archive, actor: Actor) -> Actor:
    live = refresh(archive, actor)
    if live.must_change_password or not any(live.may(a) for a in READ_ACTIONS):
        return authorize(archive, actor, Action.CHECKOUT_RECORD)
    return live


def _grant_refusal(
    session: Session, request_id: int, borrower_id: int, customer: Customer, now: datetime
) -> tuple[Request | None, str | None]:
    request = session.get(Request, request_id)
    if request is None or request.kind != GRANT_KIND:
        return None, "找不到所选的查阅申请。请重新选择,或不关联查阅授权。"
    if request.requester_id != borrower_id:
        return None, f"查阅申请 {request.serial} 不是借用人本人提出的,不能作为其借用依据。"
    if request.state != "approved" or request.valid_until is None:
        return None, f"查阅申请 {request.serial} 未获批准或已结束,不能作为借用依据。"
    if (request.valid_from is not None and request.valid_from > now) or request.valid_until <= now:
        return None, f"查阅申请 {request.serial} 的查阅期限已过,不能作为借用依据。"
    named = session.scalar(
        sa.select(RequestCustomer.customer_id).where(
            RequestCustomer.request_id == request.id,
            RequestCustomer.customer_id == customer.id,
        )
    )
    if named is None:
        return (
            None,
            f"查阅申请 {request.serial} 未列入档案 {customer.archive_no},不能作为借用依据。",
        )
    return request, None


def _line(
    record: CheckoutRecord,
    customer: Customer,
    names: dict[int, tuple[str, str]],
    grant_serials: dict[int, str],
    today: date,
) -> RegisterLine:
    borrower = names.get(record.borrower_id, ("", ""))
    returned_to = names.get(record.returned_to_id or 0, ("", ""))
    if record.returned_at is None:
        late = (today - record.due_on).days
    else:
        late = (local_day(record.returned_at) - record.due_on).days
    return RegisterLine(
        id=record.id,
        customer_id=customer.id,
        archive_no=customer.archive_no,
        tier=customer.tier,
        tier_label=TIER_LABELS.get(customer.tier, customer.tier),
        carrier_kind=record.carrier_kind,
        carrier_label=CARRIER_KINDS.get(record.carrier_kind, record.carrier_kind),
        cabinet=record.cabinet,
        box=record.box,
        folder=record.folder,
        borrower_id=record.borrower_id,
        borrower_name=borrower[0],
        borrower_login=borrower[1],
        purpose=record.purpose,
        grant_serial=grant_serials.get(record.grant_request_id or 0, ""),
        out_at=record.out_at,
        due_on=record.due_on,
        returned_at=record.returned_at,
        returned_to_name=returned_to[0],
        condition=record.condition,
        condition_label=CONDITIONS.get(record.condition, record.condition),
        condition_note=record.condition_note,
        overdue=record.returned_at is None and late > 0,
        days_late=max(late, 0),
    )


def _lines(session: Session, records: Sequence[CheckoutRecord], today: date) -> list[RegisterLine]:
    if not records:
        return []
    customers = {
        c.id: c
        for c in session.scalars(
            sa.select(Customer).where(Customer.id.in_({r.customer_id for r in records}))
        )
    }
    names = _names(session, [uid for r in records for uid in (r.borrower_id, r.returned_to_id)])
    grant_ids = {r.grant_request_id for r in records if r.grant_request_id}
    serials = (
        dict(
            session.execute(
                sa.select(Request.id, Request.serial).where(Request.id.in_(grant_ids))
            ).all()
        )
        if grant_ids
        else {}
    )
    return [_line(r, customers[r.customer_id], names, serials, today) for r in records]


# --- reading -------------------------------------------------------------------------------------


def find_archive(archive: Archive, actor: Actor, archive_no: str) -> ArchiveCarriers:
    """An archive by its number (typed or scanned) with its physical carriers and where each is."""
    live = authorize(archive, actor, Action.CHECKOUT_RECORD)
    number = normalise_archive_no(archive_no)
    if not number:
        raise InvalidInput("请输入或扫描档案编号。")
    with archive.unit_of_work() as uow:
        customer = _customer_by_number(uow.session, number)
        if customer is None:
            raise InvalidInput(f"找不到档案编号“{number}”。请核对编号(可扫描档案标签上的条码)。")
        carriers = [c for c in customer.carriers if c.kind in PHYSICAL_KINDS]
        records = open_records(uow.session, [customer.id])
        names = _names(uow.session, [r.borrower_id for r in records])
        choices = []
        for carrier in carriers:
            record = next((r for r in records if _same_carrier(r, carrier)), None)
            if record is not None:
                records.remove(record)
            choices.append(
                CarrierChoice(
                    carrier_id=carrier.id,
                    kind=carrier.kind,
                    kind_label=CARRIER_KINDS.get(carrier.kind, carrier.kind),
                    cabinet=carrier.cabinet,
                    box=carrier.box,
                    folder=carrier.folder,
                    checkout_id=record.id if record else None,
                    borrower_name=names.get(record.borrower_id, ("", ""))[0] if record else "",
                    due_on=record.due_on if record else None,
                )
            )
        refusal = _keeper_refusal(live.roles, live.user_id, customer) or ""
        if customer.status == "destroyed":
            refusal = f"档案 {customer.archive_no} 已销毁,没有可借出的载体。"
        elif not choices and not refusal:
            refusal = f"档案 {customer.archive_no} 没有登记纸质或磁盘载体,无需登记出入。"
        return ArchiveCarriers(
            customer_id=customer.id,
            archive_no=customer.archive_no,
            category_label=CATEGORY_LABELS.get(customer.category, customer.category),
            tier=customer.tier,
            tier_label=TIER_LABELS.get(customer.tier, customer.tier),
            status_label=STATUS_LABELS.get(customer.status, customer.status),
            carriers=tuple(choices),
            refusal=refusal,
        )


def borrowers(archive: Archive, actor: Actor) -> list[Person]:
    """Active accounts who work with customer information (the administrator takes no files)."""
    authorize(archive, actor, Action.CHECKOUT_RECORD)
    with archive.unit_of_work() as uow:
        users = uow.session.scalars(
            sa.select(User).where(User.status == "active").order_by(User.display_name, User.login)
        ).all()
        return [
            Person(u.id, u.login, u.display_name)
            for u in users
            if allowed(_roles_of(u), Action.CATALOGUE_VIEW)
        ]


def keepers(archive: Archive, actor: Actor, customer_id: int) -> list[Person]:
    """Who may take a carrier of this archive back into safekeeping (归还 to whom)."""
    authorize(archive, actor, Action.CHECKOUT_RECORD)
    with archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            return []
        users = uow.session.scalars(
            sa.select(User).where(User.status == "active").order_by(User.display_name, User.login)
        ).all()
        return [
            Person(u.id, u.login, u.display_name)
            for u in users
            if _keeper_refusal(_roles_of(u), u.id, customer) is None
        ]


def grant_choices(
    archive: Archive, actor: Actor, borrower_id: int, customer_id: int
) -> list[GrantChoice]:
    """The borrower's consultation grants in force that name this customer."""
    authorize(archive, actor, Action.CHECKOUT_RECORD)
    now = utcnow()
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Request)
            .join(RequestCustomer, RequestCustomer.request_id == Request.id)
            .where(
                Request.kind == GRANT_KIND,
                Request.state == "approved",
                Request.requester_id == borrower_id,
                Request.valid_until > now,
                RequestCustomer.customer_id == customer_id,
            )
            .order_by(Request.valid_until.desc(), Request.id.desc())
        ).all()
        return [
            GrantChoice(r.id, r.serial, r.valid_until)
            for r in rows
            if r.valid_until is not None and (r.valid_from is None or r.valid_from <= now)
        ]


def register(
    archive: Archive, actor: Actor, *, open_only: bool = False, today: date | None = None
) -> list[RegisterLine]:
    """The 出入登记: open lines by the day due (overdue first), or every line, newest first."""
    _authorize_read(archive, actor)
    day = today or local_today()
    with archive.unit_of_work() as uow:
        stmt = sa.select(CheckoutRecord)
        if open_only:
            stmt = stmt.where(CheckoutRecord.returned_at.is_(None)).order_by(
                CheckoutRecord.due_on, CheckoutRecord.id
            )
        else:
            stmt = stmt.order_by(CheckoutRecord.out_at.desc(), CheckoutRecord.id.desc())
        return _lines(uow.session, uow.session.scalars(stmt).all(), day)


def overdue(archive: Archive, actor: Actor, *, today: date | None = None) -> list[RegisterLine]:
    """Every carrier still out after the day it was due back, the longest overdue first."""
    _authorize_read(archive, actor)
    return _overdue(archive, None, today or local_today())


def overdue_for(archive: Archive, actor: Actor, *, today: date | None = None) -> list[RegisterLine]:
    """What the home page and the inbox remind this person of.

    The carriers they hold past their day, and for a custodian every overdue
    carrier (they keep the shelves). Nothing needs a permission beyond an
    active account: one's own borrowing is one's own business.
    """
    live = refresh(archive, actor)
    borrower = None if Role.CUSTODIAN in live.roles else live.user_id
    return _overdue(archive, borrower, today or local_today())


def _overdue(archive: Archive, borrower_id: int | None, today: date) -> list[RegisterLine]:
    with archive.unit_of_work() as uow:
        stmt = (
            sa.select(CheckoutRecord)
            .where(CheckoutRecord.returned_at.is_(None), CheckoutRecord.due_on < today)
            .order_by(CheckoutRecord.due_on, CheckoutRecord.id)
        )
        if borrower_id is not None:
            stmt = stmt.where(CheckoutRecord.borrower_id == borrower_id)
        return _lines(uow.session, uow.session.scalars(stmt).all(), today)


def find_open(archive: Archive, actor: Actor, archive_no: str) -> list[RegisterLine]:
    """The lines still out of one archive (the 登记归还 dialog, by typed or scanned number)."""
    authorize(archive, actor, Action.CHECKOUT_RECORD)
    number = normalise_archive_no(archive_no)
    if not number:
        raise InvalidInput("请输入或扫描档案编号。")
    with archive.unit_of_work() as uow:
        customer = _customer_by_number(uow.session, number)
        if customer is None:
            raise InvalidInput(f"找不到档案编号“{number}”。请核对编号。")
        return _lines(uow.session, open_records(uow.session, [customer.id]), local_today())


# --- writing -------------------------------------------------------------------------------------


def _clean_text(value: str, limit: int, what: str) -> str:
    text = " ".join((value or "").split())
    if len(text) > limit:
        raise InvalidInput(f"{what}最多 {limit} 字,请精简后再登记。")
    return text


def check_out(
    archive: Archive,
    actor: Actor,
    carrier_id: int,
    *,
    borrower_id: int,
    purpose: str,
    due_on: date,
    grant_request_id: int | None = None,
) -> RegisterLine:
    """登记借出: the carrier leaves its place for ``borrower_id`` until ``due_on``.

    Everything is checked before anything is written; the line and its
    "checkout.out" event are one transaction. Raises NotPermitted (not a
    keeper of this archive), InvalidInput (purpose, dates, borrower, grant),
    Conflict (the carrier is already out).
    """
    live = authorize(archive, actor, Action.CHECKOUT_RECORD)
    purpose = _clean_text(purpose, PURPOSE_MAX, "借用事由")
    if not purpose:
        raise InvalidInput("请填写借用事由(例如:贷款审查、年度检查)。")
    today = local_today()
    if not isinstance(due_on, date):
        raise InvalidInput("请选择应还日期。")
    if due_on < today:
        raise InvalidInput("应还日期不能早于今天。")
    if due_on > today + timedelta(days=MAX_DAYS):
        raise InvalidInput(f"一次借出最长 {MAX_DAYS} 天,请选择较早的应还日期,到期可归还后再借。")
    now = utcnow()
    with archive.unit_of_work() as uow:
        carrier = uow.session.get(Carrier, carrier_id)
        if carrier is None:
            raise InvalidInput("找不到所选的载体,档案可能刚被修改。请重新输入档案编号后再选择。")
        customer = carrier.customer
        if customer.status == "destroyed":
            raise InvalidInput(f"档案 {customer.archive_no} 已销毁,不能借出。")
        if carrier.kind not in PHYSICAL_KINDS:
            raise InvalidInput("电子载体不在档案柜中存放,无需登记出入。请选择纸质或磁盘载体。")
        _check_keeper(live, customer)
        holder = next(
            (r for r in open_records(uow.session, [customer.id]) if _same_carrier(r, carrier)),
            None,
        )
        if holder is not None:
            name = _names(uow.session, [holder.borrower_id]).get(holder.borrower_id, ("", ""))[0]
            raise Conflict(
                f"档案 {customer.archive_no} 的{CARRIER_KINDS[carrier.kind]}载体已于"
                f" {local_day(holder.out_at).isoformat()} 借给{name},尚未归还,不能再次借出。"
                "请先登记归还。"
            )
        borrower = uow.session.get(User, borrower_id)
        if borrower is None or borrower.status != "active":
            raise InvalidInput("所选借用人不存在或已停用。请重新选择借用人。")
        borrower_roles = _roles_of(borrower)
        if not allowed(borrower_roles, Action.CATALOGUE_VIEW):
            raise InvalidInput(f"“{borrower.display_name}”的岗位不接触客户信息,不能借用档案载体。")
        grant: Request | None = None
        if grant_request_id is not None:
            grant, why = _grant_refusal(uow.session, grant_request_id, borrower.id, customer, now)
            if why is not None:
                raise InvalidInput(why)
            assert grant is not None and grant.valid_until is not None
            if due_on > local_day(grant.valid_until):
                raise InvalidInput(
                    f"应还日期不能晚于查阅授权 {grant.serial} 的截止日期"
                    f" {local_day(grant.valid_until).isoformat()}。"
                )
        owner = customer.manager_id == borrower.id and Role.MANAGER in borrower_roles
        if grant is None and not owner and Role.CUSTODIAN not in borrower_roles:
            raise InvalidInput(
                f"“{borrower.display_name}”不是档案 {customer.archive_no} 的管户客户经理。"
                "其他人员借用档案载体须凭已批准、在有效期内的查阅申请(制度第13、14条):"
                "请关联其查阅授权,或先由其提出查阅申请。"
            )
        record = CheckoutRecord(
            customer_id=customer.id,
            carrier_id=carrier.id,
            carrier_kind=carrier.kind,
            cabinet=carrier.cabinet,
            box=carrier.box,
            folder=carrier.folder,
            borrower_id=borrower.id,
            purpose=purpose,
            grant_request_id=grant.id if grant else None,
            out_at=now,
            due_on=due_on,
            out_recorded_by=live.user_id,
            condition="",
            condition_note="",
        )
        uow.session.add(record)
        uow.session.flush()
        details: dict[str, object] = {
            "checkout": record.id,
            "archive_no": customer.archive_no,
            "carrier": carrier.kind,
            "borrower": borrower.login,
            "due": due_on.isoformat(),
        }
        if grant is not None:
            details["grant"] = grant.serial
        uow.audit(
            live.login,
            "checkout.out",
            target_type="customer",
            target_id=customer.archive_no,
            details=details,
        )
        line = _lines(uow.session, [record], today)[0]
        uow.commit()
        return line


def check_in(
    archive: Archive,
    actor: Actor,
    checkout_id: int,
    *,
    condition: str = "intact",
    note: str = "",
    received_by_id: int | None = None,
) -> RegisterLine:
    """登记归还: the carrier is back, received by ``received_by_id`` (the recorder if None).

    A condition other than 完好 needs a note saying what is wrong. Raises
    NotPermitted, InvalidInput, Conflict (already back).
    """
    live = authorize(archive, actor, Action.CHECKOUT_RECORD)
    if condition not in CONDITIONS:
        raise InvalidInput("请选择归还时载体的状况:" + "、".join(CONDITIONS.values()) + "。")
    note = _clean_text(note, NOTE_MAX, "状况说明")
    if condition != "intact" and not note:
        raise InvalidInput(
            f"载体归还时“{CONDITIONS[condition]}”,请在状况说明中写明情况(例如:缺第3页)。"
        )
    today = local_today()
    with archive.unit_of_work() as uow:
        record = uow.session.get(CheckoutRecord, checkout_id)
        if record is None:
            raise InvalidInput("找不到此出入登记,请刷新后重试。")
        customer = uow.session.get(Customer, record.customer_id)
        assert customer is not None
        if record.returned_at is not None:
            raise Conflict(
                f"档案 {customer.archive_no} 的此载体已于"
                f" {local_day(record.returned_at).isoformat()} 登记归还。请刷新列表。"
            )
        _check_keeper(live, customer)
        receiver_id = received_by_id if received_by_id is not None else live.user_id
        receiver = uow.session.get(User, receiver_id)
        if receiver is None or receiver.status != "active":
            raise InvalidInput("所选接收人不存在或已停用。请重新选择接收人。")
        why = _keeper_refusal(_roles_of(receiver), receiver.id, customer)
        if why is not None:
            raise InvalidInput(
                f"“{receiver.display_name}”不能接收此载体:载体须交还保密专管员"
                + ("。" if customer.tier != "ordinary" else "或管户客户经理。")
            )
        record.returned_at = utcnow()
        record.returned_to_id = receiver.id
        record.in_recorded_by = live.user_id
        record.condition = condition
        record.condition_note = note
        uow.session.flush()
        line = _lines(uow.session, [record], today)[0]
        uow.audit(
            live.login,
            "checkout.in",
            target_type="customer",
            target_id=customer.archive_no,
            details={
                "checkout": record.id,
                "archive_no": customer.archive_no,
                "carrier": record.carrier_kind,
                "received_by": receiver.login,
                "condition": condition,
                "overdue": line.days_late > 0,
            },
        )
        uow.commit()
        return line


# --- archive labels ------------------------------------------------------------------------------

#: the most labels one print run makes (about 70 sheets)
MAX_LABELS = 1000


@dataclass(frozen=True)
class LabelSheet:
    """Labels made for printing: the PDF, how many labels, for which archives."""

    data: bytes
    count: int
    archive_numbers: tuple[str, ...]
    cabinet: str


def _labels_for(customers: Sequence[Customer], cabinet: str) -> list[ArchiveLabel]:
    template = current_template()
    result: list[ArchiveLabel] = []
    for customer in customers:
        try:
            category = template.category(customer.category).label
        except KeyError:
            category = CATEGORY_LABELS.get(customer.category, customer.category)
        try:
            subtype = template.subtype(customer.category, customer.subtype).label
        except KeyError:
            subtype = customer.subtype
        mark = TIER_LABELS.get(customer.tier, "") if customer.tier != "ordinary" else ""
        carriers = [
            c
            for c in customer.carriers
            if c.kind in PHYSICAL_KINDS
            and (not cabinet or _place_key(c.cabinet) == _place_key(cabinet))
        ]
        for carrier in carriers or [None]:
            result.append(
                ArchiveLabel(
                    archive_no=customer.archive_no,
                    category=category,
                    subtype=subtype,
                    tier_mark=mark,
                    carrier=CARRIER_KINDS.get(carrier.kind, "") if carrier else "",
                    location=(
                        location_text(carrier.cabinet, carrier.box, carrier.folder)
                        if carrier and (carrier.cabinet or carrier.box or carrier.folder)
                        else ""
                    ),
                )
            )
    return result


def _place_key(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().casefold()


def label_sheet(
    archive: Archive,
    actor: Actor,
    *,
    archive_numbers: Sequence[str] = (),
    cabinet: str = "",
    skip: int = 0,
) -> LabelSheet:
    """Archive labels as an A4 PDF: for the numbers given, or for every carrier in ``cabinet``.

    One label per paper or disk carrier (an archive without one gets one
    label for its folder). Nothing is recorded here: :func:`record_label_print`
    writes "label.print" when the sheet is printed or saved.
    """
    authorize(archive, actor, Action.LABEL_PRINT)
    numbers = list(dict.fromkeys(n for n in map(normalise_archive_no, archive_numbers) if n))
    cabinet = unicodedata.normalize("NFKC", cabinet or "").strip()
    if not numbers and not cabinet:
        raise InvalidInput("请输入要打印标签的档案编号,或选择一个档案柜。")
    if not 0 <= skip < 14:
        raise InvalidInput("跳过的标签数须为 0 至 13(一张标签纸有 14 枚)。")
    with archive.unit_of_work() as uow:
        if numbers:
            found = {
                c.archive_no.upper(): c
                for c in uow.session.scalars(
                    sa.select(Customer).where(sa.func.upper(Customer.archive_no).in_(numbers))
                )
            }
            unknown = [n for n in numbers if n not in found]
            if unknown:
                raise InvalidInput(
                    f"找不到档案编号:{'、'.join(unknown[:10])}{' 等' if len(unknown) > 10 else ''}。"
                    "请核对后重试。"
                )
            chosen = [found[n] for n in numbers]
            cabinet_filter = ""
        else:
            ids = uow.session.scalars(
                sa.select(Carrier.customer_id).where(Carrier.kind.in_(PHYSICAL_KINDS)).distinct()
            ).all()
            chosen = [
                c
                for c in uow.session.scalars(
                    sa.select(Customer)
                    .where(Customer.id.in_(ids), Customer.status != "destroyed")
                    .order_by(Customer.archive_no)
                )
                if any(
                    k.kind in PHYSICAL_KINDS and _place_key(k.cabinet) == _place_key(cabinet)
                    for k in c.carriers
                )
            ]
            if not chosen:
                raise InvalidInput(f"档案柜“{cabinet}”中没有登记纸质或磁盘载体。请核对柜号。")
            cabinet_filter = cabinet
        destroyed = [c.archive_no for c in chosen if c.status == "destroyed"]
        if destroyed:
            raise InvalidInput(f"档案 {'、'.join(destroyed[:10])} 已销毁,不再打印标签。")
        labels = _labels_for(chosen, cabinet_filter)
        chosen_numbers = tuple(c.archive_no for c in chosen)
    if len(labels) > MAX_LABELS:
        raise InvalidInput(f"一次最多打印 {MAX_LABELS} 枚标签,请分批打印。")
    buffer = io.BytesIO()
    render_labels(labels, buffer, skip=skip)
    return LabelSheet(
        data=buffer.getvalue(),
        count=len(labels),
        archive_numbers=chosen_numbers,
        cabinet=cabinet_filter,
    )


def record_label_print(archive: Archive, actor: Actor, sheet: LabelSheet, output: str) -> None:
    """ "label.print": the labels were printed or saved as a file (with their count)."""
    live = authorize(archive, actor, Action.LABEL_PRINT)
    if output not in ("print", "save"):
        raise InvalidInput("未知的输出方式。")
    details: dict[str, object] = {
        "count": sheet.count,
        "output": output,
        "first": sheet.archive_numbers[0] if sheet.archive_numbers else "",
        "last": sheet.archive_numbers[-1] if sheet.archive_numbers else "",
    }
    if sheet.cabinet:
        details["cabinet"] = sheet.cabinet
    with archive.unit_of_work() as uow:
        uow.audit(live.login, "label.print", target_type="label", details=details)
        uow.commit()


def print_labels(
    archive: Archive,
    actor: Actor,
    out: Path | BinaryIO,
    *,
    archive_numbers: Sequence[str] = (),
    cabinet: str = "",
) -> int:
    """Write the labels to ``out`` (the command line); audited before writing. Returns the count."""
    sheet = label_sheet(archive, actor, archive_numbers=archive_numbers, cabinet=cabinet)
    record_label_print(archive, actor, sheet, "save")
    if isinstance(out, Path | str):
        write_atomic(Path(out), sheet.data)
    else:
        out.write(sheet.data)
    return sheet.count
