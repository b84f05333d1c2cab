"""帐实核对: what is on the shelves against what the register says (article 12).

The custodian or an inspector goes along the cabinets and enters every
archive number found, typed or scanned from the label's barcode (a scanner
types the number and Enter), each with the cabinet and box where it lies,
optionally for one location only (a cabinet, or one box of it). The result
lists every mismatch, in four kinds:

* 缺失 ``missing``: recorded in place there, not found;
* 在架但登记为借出 ``checked_out``: found, but the register says it is out
  (it came back without being checked in);
* 无此档案 ``unknown``: no such archive number, an archive recorded as
  destroyed, or an archive with no paper or disk carrier registered;
* 位置不符 ``misplaced``: found in another cabinet or box than recorded.

A number scanned more often than its archive has carriers is listed as a
repeat, not as a difference (a scanner's double read). Carriers that are out
and not found are as the register says, and only counted.

The saved result is one row: the canonical JSON of the scope, the lines and
the differences, signed by the performer with their Ed25519 key at the
moment of saving (their password is asked again), as an approval decision
is signed. ``reconciliation_valid`` checks the signature against the stored
result, so a changed result shows. ``last_reconciliation`` gives the latest
with its counts, for the annual inspection (article 11).
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Customer, Reconciliation, User, UserKey
from app.models.base import utcnow
from app.models.customer import CARRIER_KINDS
from app.printing.reconciliation_report import (
    ReconciliationReport,
    ReportDifference,
    ReportSection,
    render_report,
)
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.atomic import write_atomic
from app.workflows import approvals
from app.workflows.auth import Actor, authenticate, authorize, refresh
from app.workflows.checkout import (
    ShelfItem,
    local_day,
    location_text,
    normalise_archive_no,
    shelf_items,
)

SIGNATURE_DOMAIN = b"custarchive/reconciliation/v1\n"
#: serial prefix: PD-2026-000001 (盘点)
PREFIX = "PD"
#: the most lines one stock-take holds (a branch has a few thousand carriers)
MAX_LINES = 20_000
LOCATION_MAX = 32

KINDS = ("missing", "checked_out", "unknown", "misplaced")
KIND_LABELS = {
    "missing": "缺失(应在架未找到)",
    "checked_out": "在架但登记为借出",
    "unknown": "无此档案",
    "misplaced": "存放位置不符",
}
#: the kinds in the report's summary line
SHORT_LABELS = {
    "missing": "缺失",
    "checked_out": "借出在架",
    "unknown": "无此档案",
    "misplaced": "位置不符",
}
#: who may read saved stock-takes (and print them) besides those who perform them
READ_ACTIONS = (Action.RECONCILIATION_PERFORM, Action.INSPECTION_VIEW)
OUTPUTS = {"print": "打印", "save": "另存为 PDF"}


# --- values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundLine:
    """One carrier found: its archive number and where it lies (blank: the scope's)."""

    archive_no: str
    cabinet: str = ""
    box: str = ""

    @property
    def location(self) -> str:
        return location_text(self.cabinet, self.box)


@dataclass(frozen=True)
class Difference:
    kind: str
    archive_no: str
    #: paper / disk ("" for an unknown number)
    carrier_kind: str
    recorded_cabinet: str
    recorded_box: str
    recorded_folder: str
    found_cabinet: str
    found_box: str
    detail: str
    #: the open register line of a carrier found while recorded out
    checkout_id: int | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def carrier_label(self) -> str:
        return CARRIER_KINDS.get(self.carrier_kind, self.carrier_kind)

    @property
    def recorded(self) -> str:
        if self.kind == "unknown":
            return ""
        return location_text(self.recorded_cabinet, self.recorded_box, self.recorded_folder)

    @property
    def found(self) -> str:
        if self.kind == "missing":
            return ""
        return location_text(self.found_cabinet, self.found_box)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "archive_no": self.archive_no,
            "carrier": self.carrier_kind,
            "recorded": [self.recorded_cabinet, self.recorded_box, self.recorded_folder],
            "found": [self.found_cabinet, self.found_box],
            "detail": self.detail,
            "checkout": self.checkout_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Difference:
        recorded = [*(data.get("recorded") or ()), "", "", ""]
        found = [*(data.get("found") or ()), "", ""]
        return cls(
            kind=str(data["kind"]),
            archive_no=str(data["archive_no"]),
            carrier_kind=str(data.get("carrier") or ""),
            recorded_cabinet=str(recorded[0]),
            recorded_box=str(recorded[1]),
            recorded_folder=str(recorded[2]),
            found_cabinet=str(found[0]),
            found_box=str(found[1]),
            detail=str(data.get("detail") or ""),
            checkout_id=data.get("checkout"),
        )


@dataclass(frozen=True)
class Outcome:
    """The result of one stock-take: the lines as entered and every difference."""

    scope_cabinet: str
    scope_box: str
    lines: tuple[FoundLine, ...]
    #: carriers recorded in place within the scope
    expected: int
    #: of those, found where recorded
    matched: int
    #: carriers recorded out within the scope and not found (as the register says)
    out_not_found: int
    #: archive numbers entered more often than their archive has carriers
    repeats: tuple[str, ...]
    differences: tuple[Difference, ...]

    def of(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in KINDS}

    @property
    def agrees(self) -> bool:
        """帐实相符: no difference of any kind."""
        return not self.differences

    @property
    def scope(self) -> str:
        return scope_text(self.scope_cabinet, self.scope_box)

    def as_json(self) -> dict[str, Any]:
        return {
            "scope": {"cabinet": self.scope_cabinet, "box": self.scope_box},
            "lines": [[line.archive_no, line.cabinet, line.box] for line in self.lines],
            "expected": self.expected,
            "matched": self.matched,
            "out_not_found": self.out_not_found,
            "repeats": list(self.repeats),
            "differences": [d.as_json() for d in self.differences],
            "counts": self.counts,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        scope = data.get("scope") or {}
        return cls(
            scope_cabinet=str(scope.get("cabinet") or ""),
            scope_box=str(scope.get("box") or ""),
            lines=tuple(FoundLine(str(a), str(c), str(b)) for a, c, b in data.get("lines") or []),
            expected=int(data.get("expected") or 0),
            matched=int(data.get("matched") or 0),
            out_not_found=int(data.get("out_not_found") or 0),
            repeats=tuple(str(r) for r in data.get("repeats") or []),
            differences=tuple(Difference.from_json(d) for d in data.get("differences") or []),
        )


@dataclass(frozen=True)
class Saved:
    """A saved, signed stock-take as it reads now (the signature verified as it is read)."""

    id: int
    serial: str
    performer_name: str
    performer_login: str
    #: naive UTC
    performed_at: datetime
    outcome: Outcome
    fingerprint: str
    content_hash: str
    valid: bool


@dataclass(frozen=True)
class Summary:
    """One saved stock-take in a list, with its difference counts."""

    id: int
    serial: str
    performer_name: str
    performed_at: datetime
    scope: str
    found: int
    missing: int
    checked_out: int
    unknown: int
    misplaced: int
    valid: bool

    @property
    def differences(self) -> int:
        return self.missing + self.checked_out + self.unknown + self.misplaced


def scope_text(cabinet: str, box: str) -> str:
    if not cabinet:
        return "全部存放位置"
    return location_text(cabinet, box)


# --- reading what was typed or scanned -----------------------------------------------------------


_SEPARATORS = re.compile(r"[\s,;,;、]+")


def parse_numbers(text: str) -> list[str]:
    """Archive numbers from typed or pasted text (one a line, or separated by spaces/commas)."""
    return [n for n in (normalise_archive_no(p) for p in _SEPARATORS.split(text or "")) if n]


def _key(value: str) -> str:
    """A location part as compared: full-width folded, spaces and case ignored."""
    return unicodedata.normalize("NFKC", value or "").strip().casefold()


def _clean_place(value: str, what: str) -> str:
    text = unicodedata.normalize("NFKC", value or "").strip()
    if len(text) > LOCATION_MAX:
        raise InvalidInput(f"{what}最多 {LOCATION_MAX} 个字符。")
    return text


def _normalised_lines(
    lines: Iterable[FoundLine | tuple[str, str, str] | str], cabinet: str, box: str
) -> tuple[FoundLine, ...]:
    result: list[FoundLine] = []
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, str):
            raw = FoundLine(raw)
        elif not isinstance(raw, FoundLine):
            raw = FoundLine(*raw)
        archive_no = normalise_archive_no(raw.archive_no)
        if not archive_no:
            continue
        if len(archive_no) > 40:
            raise InvalidInput(f"第 {number} 行“{archive_no[:20]}…”不是档案编号(太长)。请删去。")
        found_cabinet = _clean_place(raw.cabinet, "柜号") or cabinet
        if cabinet and _key(found_cabinet) == _key(cabinet):
            found_cabinet = cabinet  # one spelling: the scope's
        found_box = _clean_place(raw.box, "盒号") or (
            box if _key(found_cabinet) == _key(cabinet) else ""
        )
        if box and _key(found_box) == _key(box):
            found_box = box
        if cabinet and _key(found_cabinet) != _key(cabinet):
            raise InvalidInput(
                f"第 {number} 行 {archive_no} 的清点位置“{location_text(found_cabinet, found_box)}”"
                f"不在核对范围“{scope_text(cabinet, box)}”内。请改正清点位置,或扩大核对范围。"
            )
        if box and _key(found_box) != _key(box):
            raise InvalidInput(
                f"第 {number} 行 {archive_no} 的清点位置“{location_text(found_cabinet, found_box)}”"
                f"不在核对范围“{scope_text(cabinet, box)}”内。请改正清点位置,或扩大核对范围。"
            )
        result.append(FoundLine(archive_no, found_cabinet, found_box))
    if len(result) > MAX_LINES:
        raise InvalidInput(f"一次核对最多 {MAX_LINES} 条,请按柜分次核对。")
    return tuple(result)


# --- comparing -----------------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    """Two location parts agree unless both are given and differ."""
    return not a or not b or _key(a) == _key(b)


def _at(item: ShelfItem, line: FoundLine) -> bool:
    return _same(item.cabinet, line.cabinet) and _same(item.box, line.box)


def _in_scope(item: ShelfItem, cabinet: str, box: str) -> bool:
    if not cabinet:
        return True
    if _key(item.cabinet) != _key(cabinet):
        return False
    return not box or _key(item.box) == _key(box)


def compare(
    items: Sequence[ShelfItem],
    statuses: Mapping[str, str],
    lines: Sequence[FoundLine],
    *,
    cabinet: str = "",
    box: str = "",
    borrower_names: Mapping[int, str] | None = None,
) -> Outcome:
    """The differences between the register (``items``) and what was found (``lines``).

    ``statuses`` maps the (upper-case) archive numbers entered that exist to
    their archive's status. A pure function, so the rules are tested alone.
    """
    names = borrower_names or {}
    by_number: dict[str, list[ShelfItem]] = {}
    for item in items:
        by_number.setdefault(item.archive_no.upper(), []).append(item)
    used: set[int] = set()
    #: items found where the register says they are
    in_place: set[int] = set()
    differences: list[Difference] = []
    repeats: list[str] = []
    unknown_seen: set[tuple[str, str, str]] = set()

    def pick(
        candidates: list[ShelfItem], out: bool, here: bool, line: FoundLine
    ) -> ShelfItem | None:
        for item in candidates:
            if id(item) in used or (item.checkout is not None) != out:
                continue
            if _at(item, line) == here:
                return item
        return None

    for line in lines:
        number = line.archive_no
        status = statuses.get(number)
        candidates = by_number.get(number, [])
        reason = ""
        if status is None:
            reason = "无此档案编号"
        elif status == "destroyed":
            reason = "档案已登记为销毁"
        elif not candidates:
            reason = "档案未登记纸质或磁盘载体"
        if reason:
            key = (number, _key(line.cabinet), _key(line.box))
            if key in unknown_seen:
                repeats.append(number)
                continue
            unknown_seen.add(key)
            differences.append(
                Difference("unknown", number, "", "", "", "", line.cabinet, line.box, reason)
            )
            continue
        item = (
            pick(candidates, False, True, line)
            or pick(candidates, True, True, line)
            or pick(candidates, False, False, line)
            or pick(candidates, True, False, line)
        )
        if item is None:
            repeats.append(number)
            continue
        used.add(id(item))
        if item.checkout is None and _at(item, line):
            in_place.add(id(item))
        elif item.checkout is not None:
            record = item.checkout
            detail = (
                f"登记为 {local_day(record.out_at).isoformat()} 借给"
                f"{names.get(record.borrower_id, '')},应还 {record.due_on.isoformat()};"
                "请登记归还"
            )
            if not _at(item, line):
                detail += ",并放回登记位置"
            differences.append(
                Difference(
                    "checked_out",
                    number,
                    item.kind,
                    item.cabinet,
                    item.box,
                    item.folder,
                    line.cabinet,
                    line.box,
                    detail,
                    record.id,
                )
            )
        elif not _at(item, line):
            differences.append(
                Difference(
                    "misplaced",
                    number,
                    item.kind,
                    item.cabinet,
                    item.box,
                    item.folder,
                    line.cabinet,
                    line.box,
                    "放回登记位置,或经审批更正登记的存放位置",
                )
            )
    expected = matched = out_not_found = 0
    for item in items:
        if not _in_scope(item, cabinet, box):
            continue
        if item.checkout is not None:
            out_not_found += id(item) not in used
            continue
        expected += 1
        if id(item) in in_place:
            matched += 1
        elif id(item) not in used:
            differences.append(
                Difference(
                    "missing",
                    item.archive_no,
                    item.kind,
                    item.cabinet,
                    item.box,
                    item.folder,
                    "",
                    "",
                    "未找到;请查找,或查明是否借出未登记",
                )
            )
    order = {kind: i for i, kind in enumerate(KINDS)}
    differences.sort(key=lambda d: (order[d.kind], d.archive_no, d.carrier_kind))
    return Outcome(
        scope_cabinet=cabinet,
        scope_box=box,
        lines=tuple(lines),
        expected=expected,
        matched=matched,
        out_not_found=out_not_found,
        repeats=tuple(repeats),
        differences=tuple(differences),
    )


def _statuses(session: Session, numbers: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(numbers))
    result: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(
            sa.select(Customer.archive_no, Customer.status).where(
                sa.func.upper(Customer.archive_no).in_(chunk)
            )
        )
        result.update({number.upper(): status for number, status in rows})
    return result


def _outcome(session: Session, lines: Sequence[FoundLine], cabinet: str, box: str) -> Outcome:
    items = shelf_items(session)
    borrowers = {i.checkout.borrower_id for i in items if i.checkout is not None}
    names = approvals.pairs(
        session, sa.select(User.id, User.display_name).where(User.id.in_(borrowers))
    )
    statuses = _statuses(session, (line.archive_no for line in lines))
    return compare(items, statuses, lines, cabinet=cabinet, box=box, borrower_names=names)


def _scope(cabinet: str, box: str) -> tuple[str, str]:
    cabinet = _clean_place(cabinet, "柜号")
    box = _clean_place(box, "盒号")
    if box and not cabinet:
        raise InvalidInput("只核对一个盒时,请同时填写它所在的柜号。")
    return cabinet, box


def reconcile(
    archive: Archive,
    actor: Actor,
    lines: Iterable[FoundLine | tuple[str, str, str] | str],
    *,
    cabinet: str = "",
    box: str = "",
) -> Outcome:
    """核对: the differences between the register and the lines found (nothing is saved)."""
    authorize(archive, actor, Action.RECONCILIATION_PERFORM)
    cabinet, box = _scope(cabinet, box)
    found = _normalised_lines(lines, cabinet, box)
    with archive.unit_of_work() as uow:
        return _outcome(uow.session, found, cabinet, box)


# --- signing -------------------------------------------------------------------------------------


def result_text(outcome: Outcome) -> str:
    """The canonical JSON that is stored and signed."""
    return approvals.canonical_json(outcome.as_json())


def signed_message(
    archive_id: str, serial: str, performer_login: str, performed_at: datetime, content_hash: str
) -> bytes:
    body = approvals.canonical_json(
        {
            "archive": archive_id,
            "serial": serial,
            "kind": "reconciliation",
            "performer": performer_login,
            "performed_at": performed_at.isoformat(timespec="microseconds"),
            "content_hash": content_hash,
        }
    )
    return SIGNATURE_DOMAIN + body.encode("utf-8")


def _counts_agree(row: Reconciliation, outcome: Outcome) -> bool:
    counts = outcome.counts
    return (
        row.found_count == len(outcome.lines)
        and row.missing_count == counts["missing"]
        and row.checked_out_count == counts["checked_out"]
        and row.unknown_count == counts["unknown"]
        and row.misplaced_count == counts["misplaced"]
        and row.scope_cabinet == outcome.scope_cabinet
        and row.scope_box == outcome.scope_box
    )


def signature_valid(session: Session, archive_id: str, row: Reconciliation) -> bool:
    """Whether the stored result is exactly what its performer signed."""
    login = session.scalar(sa.select(User.login).where(User.id == row.performer_id))
    if login is None:
        return False
    keys = set(
        session.scalars(
            sa.select(UserKey.ed25519_public).where(UserKey.user_id == row.performer_id)
        )
    )
    if row.public_key not in keys:
        return False
    if approvals.content_hash(row.result) != row.content_hash:
        return False
    try:
        outcome = Outcome.from_json(json.loads(row.result))
    except (ValueError, KeyError, TypeError):
        return False
    if not _counts_agree(row, outcome):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(row.public_key).verify(
            row.signature,
            signed_message(archive_id, row.serial, login, row.performed_at, row.content_hash),
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def save(
    archive: Archive,
    actor: Actor,
    lines: Iterable[FoundLine | tuple[str, str, str] | str],
    *,
    cabinet: str = "",
    box: str = "",
    password: str,
) -> Saved:
    """保存并签名: compare again, store the result and sign it with the performer's key.

    The performer types their password again (a wrong one counts towards the
    lockout like a wrong login). The comparison is made again inside the
    saving transaction, so what is signed is the register as it is at that
    moment. The row, its signature and "reconciliation.perform" are one
    transaction.
    """
    live = authorize(archive, actor, Action.RECONCILIATION_PERFORM)
    cabinet, box = _scope(cabinet, box)
    found = _normalised_lines(lines, cabinet, box)
    if not found:
        raise InvalidInput("还没有录入任何档案编号。请扫描或输入在架档案的编号后再保存。")
    if not password:
        raise InvalidInput("请输入您的密码,以签名确认核对结果。")
    signer = authenticate(archive, live.login, password, purpose="sign")
    signer = authorize(archive, signer, Action.RECONCILIATION_PERFORM)
    with archive.unit_of_work() as uow:
        outcome = _outcome(uow.session, found, cabinet, box)
        text = result_text(outcome)
        counts = outcome.counts
        row = Reconciliation(
            serial=approvals.next_serial(uow, PREFIX),
            performer_id=signer.user_id,
            performed_at=utcnow(),
            scope_cabinet=cabinet,
            scope_box=box,
            found_count=len(outcome.lines),
            missing_count=counts["missing"],
            checked_out_count=counts["checked_out"],
            unknown_count=counts["unknown"],
            misplaced_count=counts["misplaced"],
            result=text,
            content_hash=approvals.content_hash(text),
            public_key=signer.keys.ed25519_public,
            signature=b"",
        )
        row.signature = signer.keys.sign(
            signed_message(
                archive.archive_id, row.serial, signer.login, row.performed_at, row.content_hash
            )
        )
        uow.session.add(row)
        uow.session.flush()
        details: dict[str, object] = {
            "reconciliation": row.serial,
            "count": row.found_count,
            **counts,
        }
        if cabinet:
            details["cabinet"] = cabinet
        if box:
            details["box"] = box
        uow.audit(
            signer.login,
            "reconciliation.perform",
            target_type="reconciliation",
            target_id=row.serial,
            details=details,
        )
        saved = _saved(uow.session, archive.archive_id, row)
        uow.commit()
        return saved


# --- reading saved ones --------------------------------------------------------------------------


def _authorize_read(archive: Archive, actor: Actor) -> Actor:
    live = refresh(archive, actor)
    if live.must_change_password or not any(live.may(a) for a in READ_ACTIONS):
        return authorize(archive, actor, Action.RECONCILIATION_PERFORM)
    return live


def _saved(session: Session, archive_id: str, row: Reconciliation) -> Saved:
    performer = session.get(User, row.performer_id)
    try:
        outcome = Outcome.from_json(json.loads(row.result))
    except (ValueError, KeyError, TypeError):
        outcome = Outcome(row.scope_cabinet, row.scope_box, (), 0, 0, 0, (), ())
    return Saved(
        id=row.id,
        serial=row.serial,
        performer_name=performer.display_name if performer else "",
        performer_login=performer.login if performer else "",
        performed_at=row.performed_at,
        outcome=outcome,
        fingerprint=approvals.fingerprint(row.public_key),
        content_hash=row.content_hash,
        valid=signature_valid(session, archive_id, row),
    )


def _summary(
    session: Session, archive_id: str, row: Reconciliation, names: Mapping[int, str]
) -> Summary:
    return Summary(
        id=row.id,
        serial=row.serial,
        performer_name=names.get(row.performer_id, ""),
        performed_at=row.performed_at,
        scope=scope_text(row.scope_cabinet, row.scope_box),
        found=row.found_count,
        missing=row.missing_count,
        checked_out=row.checked_out_count,
        unknown=row.unknown_count,
        misplaced=row.misplaced_count,
        valid=signature_valid(session, archive_id, row),
    )


def reconciliations(archive: Archive, actor: Actor) -> list[Summary]:
    """Every saved stock-take, the latest first, each signature verified."""
    _authorize_read(archive, actor)
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Reconciliation).order_by(
                Reconciliation.performed_at.desc(), Reconciliation.id.desc()
            )
        ).all()
        names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
        return [_summary(uow.session, archive.archive_id, r, names) for r in rows]


def load(archive: Archive, actor: Actor, reconciliation_id: int) -> Saved:
    _authorize_read(archive, actor)
    with archive.unit_of_work() as uow:
        row = uow.session.get(Reconciliation, reconciliation_id)
        if row is None:
            raise InvalidInput("找不到此帐实核对记录,请刷新后重试。")
        return _saved(uow.session, archive.archive_id, row)


def reconciliation_valid(archive: Archive, reconciliation_id: int) -> bool:
    """Whether the stored stock-take is exactly what its performer signed."""
    with archive.unit_of_work() as uow:
        row = uow.session.get(Reconciliation, reconciliation_id)
        return row is not None and signature_valid(uow.session, archive.archive_id, row)


def last_reconciliation(archive: Archive) -> Summary | None:
    """The latest stock-take with its difference counts (for the annual inspection)."""
    with archive.unit_of_work() as uow:
        row = uow.session.scalar(
            sa.select(Reconciliation)
            .order_by(Reconciliation.performed_at.desc(), Reconciliation.id.desc())
            .limit(1)
        )
        if row is None:
            return None
        names = approvals.pairs(
            uow.session, sa.select(User.id, User.display_name).where(User.id == row.performer_id)
        )
        return _summary(uow.session, archive.archive_id, row, names)


def verify_all(session: Session, archive_id: str) -> list[str]:
    """Every saved stock-take's signature (for the archive check and the inspection)."""
    return [
        f"帐实核对 {row.serial} 的签名无效(核对结果可能被改动)"
        for row in session.scalars(sa.select(Reconciliation).order_by(Reconciliation.id))
        if not signature_valid(session, archive_id, row)
    ]


# --- the printed report --------------------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _report(archive: Archive, live: Actor, saved: Saved) -> ReconciliationReport:
    outcome = saved.outcome
    return ReconciliationReport(
        branch_name=archive.header.branch_name,
        serial=saved.serial,
        performed_at=_local(saved.performed_at),
        performer=f"{saved.performer_name}({saved.performer_login})",
        scope=outcome.scope,
        found=len(outcome.lines),
        expected=outcome.expected,
        matched=outcome.matched,
        out_not_found=outcome.out_not_found,
        repeats=outcome.repeats,
        sections=tuple(
            ReportSection(
                KIND_LABELS[kind],
                SHORT_LABELS[kind],
                tuple(
                    ReportDifference(
                        archive_no=d.archive_no,
                        carrier=d.carrier_label,
                        recorded=d.recorded,
                        found=d.found,
                        detail=d.detail,
                    )
                    for d in outcome.of(kind)
                ),
            )
            for kind in KINDS
        ),
        lines=tuple((line.archive_no, line.location) for line in outcome.lines),
        fingerprint=saved.fingerprint,
        valid=saved.valid,
        content_hash=saved.content_hash,
        printed_by=live.display_name,
        printed_at=_local(utcnow()),
    )


def report_pdf(archive: Archive, actor: Actor, reconciliation_id: int) -> bytes:
    """The report as PDF bytes, for the preview; :func:`record_print` when it leaves the program."""
    live = _authorize_read(archive, actor)
    saved = load(archive, live, reconciliation_id)
    buffer = io.BytesIO()
    render_report(_report(archive, live, saved), buffer)
    return buffer.getvalue()


def record_print(archive: Archive, actor: Actor, reconciliation_id: int, output: str) -> None:
    """ "reconciliation.print": the report was printed or saved as a file."""
    live = _authorize_read(archive, actor)
    if output not in OUTPUTS:
        raise InvalidInput("未知的输出方式。")
    with archive.unit_of_work() as uow:
        row = uow.session.get(Reconciliation, reconciliation_id)
        if row is None:
            raise InvalidInput("找不到此帐实核对记录,请刷新后重试。")
        uow.audit(
            live.login,
            "reconciliation.print",
            target_type="reconciliation",
            target_id=row.serial,
            details={"reconciliation": row.serial, "output": output},
        )
        uow.commit()


def print_report(
    archive: Archive, actor: Actor, reconciliation_id: int, out: Path | BinaryIO
) -> None:
    """Write the report to ``out`` (the command line); audited before it is written."""
    data = report_pdf(archive, actor, reconciliation_id)
    record_print(archive, actor, reconciliation_id, "save")
    if isinstance(out, Path | str):
        write_atomic(Path(out), data)
    else:
        out.write(data)
