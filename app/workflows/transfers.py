"""收发传递登记 (article 17.2): sending, receiving, passing on and carrying out, by name.

"收发、传递和外出携带,有指定人员负责,并采取必要的安全措施": every such movement
of an important file or carrier is a line of this register naming what moves,
the designated person responsible, from where to where, the safety measures
taken, when it left and, where it comes back, when it is due and when it came
back. Managers, custodians and staff (TRANSFER_RECORD) keep the register;
recording a line and recording a return are one unit of work each, with their
audit event ("transfer.record", "transfer.return").

A line is open while something is still out: it has a due date, or it is a
passing on or a carrying out (which always come back), and no return yet. A
file sent or received with no due date is complete when recorded. An open
line whose due time has passed is overdue: the register shows it, and
:func:`overdue_for` gives the person responsible their own overdue lines for
the home page and the inbox.

Moments are stored as naive UTC (app.models.base.utcnow). Functions here take
aware datetimes (the views pass local time with its zone) and also naive
ones, which are taken as UTC already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.errors import Conflict, InvalidInput
from app.models import Customer, TransferRecord, User
from app.models.base import utcnow
from app.models.customer import CARRIER_KINDS
from app.models.outflow import TRANSFER_KINDS
from app.security.permissions import Action, allowed
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.workflows import customers
from app.workflows.auth import Actor, authorize, refresh

ITEM_MAX = 200
PLACE_MAX = 100
MEASURES_MAX = 500
NOTE_MAX = 500
#: a line may be recorded shortly before setting out, not days ahead
AHEAD = timedelta(days=1)
#: clocks of two machines differ a little: a return "now" is not in the future
SLACK = timedelta(minutes=5)
#: kinds after which the thing always comes back (a due time is still optional for 传递)
RETURNING = frozenset({"pass", "carry"})

STATUS_LABELS = {
    "out": "未归还",
    "overdue": "逾期未归还",
    "returned": "已归还",
    "complete": "无须归还",
}
_KIND_BY_LABEL = {label: key for key, label in TRANSFER_KINDS.items()}
_CARRIER_BY_LABEL = {label: key for key, label in CARRIER_KINDS.items()}


# --- what the views receive ---------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone who may be designated responsible: works with customer information, active."""

    id: int
    login: str
    display_name: str


@dataclass(frozen=True)
class CarrierChoice:
    kind: str
    kind_label: str
    location: str

    @property
    def text(self) -> str:
        return f"{self.kind_label} {self.location}".strip()


@dataclass(frozen=True)
class CustomerCarriers:
    """A customer's catalogue reference and its carriers, to pick what moves."""

    customer_id: int
    archive_no: str
    carriers: list[CarrierChoice]


@dataclass(frozen=True)
class NewTransfer:
    """What a person types into the register. Moments: aware, or naive UTC."""

    kind: str
    item: str
    responsible_login: str
    from_place: str
    to_place: str
    safety_measures: str
    out_at: datetime
    expected_return: datetime | None = None
    archive_no: str = ""
    carrier_kind: str = ""
    carrier_location: str = ""


@dataclass(frozen=True)
class TransferLine:
    id: int
    kind: str
    kind_label: str
    item: str
    archive_no: str
    carrier_kind: str
    carrier_kind_label: str
    carrier_location: str
    responsible_login: str
    responsible_name: str
    from_place: str
    to_place: str
    safety_measures: str
    #: naive UTC
    out_at: datetime
    expected_return: datetime | None
    returned_at: datetime | None
    return_note: str
    recorded_by: str
    recorded_at: datetime
    return_recorded_by: str
    #: out | overdue | returned | complete (STATUS_LABELS)
    status: str
    status_label: str

    @property
    def carrier_label(self) -> str:
        return f"{self.carrier_kind_label} {self.carrier_location}".strip()

    @property
    def is_open(self) -> bool:
        return self.status in ("out", "overdue")

    @property
    def overdue(self) -> bool:
        return self.status == "overdue"


# --- small helpers -------------------------------------------------------------------------------


def as_utc(moment: datetime) -> datetime:
    """A moment as stored: naive UTC (an aware one converted, a naive one taken as UTC)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def kind_key(value: str) -> str:
    text = (value or "").strip()
    if text in TRANSFER_KINDS:
        return text
    if text in _KIND_BY_LABEL:
        return _KIND_BY_LABEL[text]
    raise InvalidInput("请选择方式:" + "、".join(TRANSFER_KINDS.values()) + "。")


def _text(value: str, what: str, limit: int, hint: str = "") -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"请填写{what}{hint}。")
    if len(text) > limit:
        raise InvalidInput(f"{what}最多 {limit} 字,请精简。")
    return text


def _is_open(row: TransferRecord) -> bool:
    return row.returned_at is None and (row.expected_return is not None or row.kind in RETURNING)


def _status(row: TransferRecord, now: datetime) -> str:
    if row.returned_at is not None:
        return "returned"
    if not _is_open(row):
        return "complete"
    if row.expected_return is not None and row.expected_return < now:
        return "overdue"
    return "out"


def _works_with_customers(user: User) -> bool:
    roles = {Role(r) for r in user.role_names if r in Role._value2member_map_}
    return allowed(roles, Action.CATALOGUE_VIEW)


def _lines(uow: UnitOfWork, rows: list[TransferRecord], now: datetime) -> list[TransferLine]:
    users = {
        uid: (login, name)
        for uid, login, name in uow.session.execute(
            sa.select(User.id, User.login, User.display_name)
        )
    }
    ids = {r.customer_id for r in rows if r.customer_id is not None}
    numbers: dict[int, str] = {}
    if ids:
        numbers = {
            cid: no
            for cid, no in uow.session.execute(
                sa.select(Customer.id, Customer.archive_no).where(Customer.id.in_(ids))
            )
        }
    result = []
    for r in rows:
        status = _status(r, now)
        login, name = users.get(r.responsible_id, ("", ""))
        result.append(
            TransferLine(
                id=r.id,
                kind=r.kind,
                kind_label=TRANSFER_KINDS.get(r.kind, r.kind),
                item=r.item,
                archive_no=numbers.get(r.customer_id, "") if r.customer_id else "",
                carrier_kind=r.carrier_kind,
                carrier_kind_label=CARRIER_KINDS.get(r.carrier_kind, r.carrier_kind),
                carrier_location=r.carrier_location,
                responsible_login=login,
                responsible_name=name,
                from_place=r.from_place,
                to_place=r.to_place,
                safety_measures=r.safety_measures,
                out_at=r.out_at,
                expected_return=r.expected_return,
                returned_at=r.returned_at,
                return_note=r.return_note,
                recorded_by=users.get(r.recorded_by, ("", ""))[1],
                recorded_at=r.recorded_at,
                return_recorded_by=users.get(r.return_recorded_by or 0, ("", ""))[1],
                status=status,
                status_label=STATUS_LABELS[status],
            )
        )
    return result


def _overdue_clause(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        TransferRecord.returned_at.is_(None),
        TransferRecord.expected_return.is_not(None),
        TransferRecord.expected_return < now,
    )


# --- choices for the form ------------------------------------------------------------------------


def people(archive: Archive, actor: Actor) -> list[Person]:
    """Who may be designated responsible: active accounts that work with customer information."""
    authorize(archive, actor, Action.TRANSFER_RECORD)
    with archive.unit_of_work() as uow:
        users = uow.session.scalars(
            sa.select(User).where(User.status == "active").order_by(User.display_name)
        ).all()
        return [Person(u.id, u.login, u.display_name) for u in users if _works_with_customers(u)]


def customer_carriers(archive: Archive, actor: Actor, archive_no: str) -> CustomerCarriers:
    """A customer found by its full archive number, with its carriers (catalogue data only)."""
    authorize(archive, actor, Action.TRANSFER_RECORD)
    number = (archive_no or "").strip()
    if not number:
        raise InvalidInput("请填写档案编号。")
    with archive.unit_of_work() as uow:
        customer = customers.by_archive_no(uow.session, number)
        if customer is None:
            raise InvalidInput(f"没有档案编号为“{number}”的客户档案。请核对编号(须完整填写)。")
        return CustomerCarriers(
            customer_id=customer.id,
            archive_no=customer.archive_no,
            carriers=[
                _carrier_choice(c.kind, c.cabinet, c.box, c.folder) for c in customer.carriers
            ],
        )


def _carrier_choice(kind: str, cabinet: str, box: str, folder: str) -> CarrierChoice:
    parts = [
        f"{word} {value}" for word, value in (("柜", cabinet), ("盒", box), ("卷", folder)) if value
    ]
    return CarrierChoice(kind, CARRIER_KINDS.get(kind, kind), " / ".join(parts))


# --- recording -----------------------------------------------------------------------------------


def record(archive: Archive, actor: Actor, new: NewTransfer) -> TransferLine:
    """Enter one line in the register. Everything is checked before anything is written."""
    live = authorize(archive, actor, Action.TRANSFER_RECORD)
    kind = kind_key(new.kind)
    item = _text(new.item, "传递的文件或载体", ITEM_MAX, "(例如:贷款档案原件 1 卷)")
    origin = _text(new.from_place, "从何处", PLACE_MAX)
    destination = _text(new.to_place, "送往何处", PLACE_MAX)
    measures = _text(
        new.safety_measures, "安全措施", MEASURES_MAX, "(例如:密封袋封装、专人专车、全程随身)"
    )
    now = utcnow()
    out_at = as_utc(new.out_at)
    if out_at > now + AHEAD:
        raise InvalidInput("送出时间不能晚于明天。请在实际送出当天登记。")
    expected = as_utc(new.expected_return) if new.expected_return is not None else None
    if expected is None and kind == "carry":
        raise InvalidInput("外出携带须填写预计归还时间。")
    if expected is not None and expected <= out_at:
        raise InvalidInput("预计归还时间须晚于送出时间。")
    carrier_label = (new.carrier_kind or "").strip()
    carrier_kind = (
        carrier_label if carrier_label in CARRIER_KINDS else _CARRIER_BY_LABEL.get(carrier_label)
    )
    if carrier_label and carrier_kind is None:
        raise InvalidInput("载体类型只能是 纸质、磁盘 或 电子。")
    location = (new.carrier_location or "").strip()
    number = (new.archive_no or "").strip()
    if (carrier_kind or location) and not number:
        raise InvalidInput("登记客户档案的载体时,请同时填写其档案编号。")
    with archive.unit_of_work() as uow:
        responsible = uow.session.scalar(
            sa.select(User).where(User.login == (new.responsible_login or "").strip())
        )
        if responsible is None or not new.responsible_login:
            raise InvalidInput(
                "请选择指定负责人(制度第17条:收发、传递和外出携带须有指定人员负责)。"
            )
        if responsible.status != "active" or not _works_with_customers(responsible):
            raise InvalidInput(
                f"“{responsible.display_name}”不能作为负责人:须为在职且从事客户信息工作的人员。"
            )
        customer_id: int | None = None
        if number:
            customer = customers.by_archive_no(uow.session, number)
            if customer is None:
                raise InvalidInput(f"没有档案编号为“{number}”的客户档案。请核对编号(须完整填写)。")
            customer_id, number = customer.id, customer.archive_no
            if carrier_kind:
                held = {
                    (c.kind, c.location)
                    for c in (
                        _carrier_choice(x.kind, x.cabinet, x.box, x.folder)
                        for x in customer.carriers
                    )
                }
                if (carrier_kind, location) not in held:
                    raise InvalidInput(
                        f"档案 {number} 没有登记这一载体。请从该档案的载体中选择,"
                        "或不选载体、只在“传递的文件或载体”中写明。"
                    )
        row = TransferRecord(
            kind=kind,
            item=item,
            customer_id=customer_id,
            carrier_kind=carrier_kind or "",
            carrier_location=location if carrier_kind else "",
            responsible_id=responsible.id,
            from_place=origin,
            to_place=destination,
            safety_measures=measures,
            out_at=out_at,
            expected_return=expected,
            return_note="",
            recorded_by=live.user_id,
            recorded_at=now,
        )
        uow.session.add(row)
        uow.session.flush()
        details: dict[str, object] = {
            "transfer": row.id,
            "transfer_kind": kind,
            "responsible": responsible.login,
            "returnable": _is_open(row),
        }
        if number:
            details["archive_no"] = number
        if carrier_kind:
            details["carrier"] = carrier_kind
        uow.audit(
            live.login,
            "transfer.record",
            target_type="transfer",
            target_id=str(row.id),
            details=details,
        )
        line = _lines(uow, [row], now)[0]
        uow.commit()
        return line


def record_return(
    archive: Archive,
    actor: Actor,
    transfer_id: int,
    *,
    returned_at: datetime | None = None,
    note: str = "",
) -> TransferLine:
    """Close an open line: it came back (at ``returned_at``, default now)."""
    live = authorize(archive, actor, Action.TRANSFER_RECORD)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(f"归还说明最多 {NOTE_MAX} 字,请精简。")
    now = utcnow()
    back = as_utc(returned_at) if returned_at is not None else now
    if back > now + SLACK:
        raise InvalidInput("归还时间不能晚于现在。请在实际归还后登记。")
    with archive.unit_of_work() as uow:
        row = uow.session.get(TransferRecord, transfer_id)
        if row is None:
            raise InvalidInput("找不到此登记,请刷新后重试。")
        if row.returned_at is not None:
            raise Conflict("此登记已登记归还,不能重复登记。请刷新后查看。")
        if not _is_open(row):
            raise Conflict("此登记为发出或收到,无须归还。")
        if back < row.out_at:
            raise InvalidInput("归还时间不能早于送出时间。")
        late = row.expected_return is not None and back > row.expected_return
        row.returned_at = back
        row.return_note = note
        row.return_recorded_by = live.user_id
        row.return_recorded_at = now
        uow.session.flush()
        uow.audit(
            live.login,
            "transfer.return",
            target_type="transfer",
            target_id=str(row.id),
            details={"transfer": row.id, "overdue": late},
        )
        line = _lines(uow, [row], now)[0]
        uow.commit()
        return line


# --- reading -------------------------------------------------------------------------------------


def listing(
    archive: Archive,
    actor: Actor,
    *,
    open_only: bool = False,
    overdue_only: bool = False,
    now: datetime | None = None,
) -> list[TransferLine]:
    """The register, newest first (a branch records tens a month, not thousands)."""
    authorize(archive, actor, Action.TRANSFER_RECORD)
    moment = as_utc(now) if now is not None else utcnow()
    stmt = sa.select(TransferRecord).order_by(
        TransferRecord.out_at.desc(), TransferRecord.id.desc()
    )
    if overdue_only:
        stmt = stmt.where(_overdue_clause(moment))
    elif open_only:
        stmt = stmt.where(TransferRecord.returned_at.is_(None))
    with archive.unit_of_work() as uow:
        rows = list(uow.session.scalars(stmt))
        lines = _lines(uow, rows, moment)
    if open_only:
        lines = [line for line in lines if line.is_open]
    return lines


def overdue_for(
    archive: Archive, actor: Actor, *, now: datetime | None = None
) -> list[TransferLine]:
    """The overdue lines this person is responsible for (home page, inbox), oldest due first.

    Anyone may ask for their own: being designated responsible does not need
    the right to keep the register.
    """
    live = refresh(archive, actor)
    moment = as_utc(now) if now is not None else utcnow()
    with archive.unit_of_work() as uow:
        rows = list(
            uow.session.scalars(
                sa.select(TransferRecord)
                .where(TransferRecord.responsible_id == live.user_id, _overdue_clause(moment))
                .order_by(TransferRecord.expected_return, TransferRecord.id)
            )
        )
        return _lines(uow, rows, moment)
