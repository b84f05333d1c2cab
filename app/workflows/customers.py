"""Customer archives: create, complete, file, open, and the catalogue (articles 3-8, 13, 16).

The customer manager compiles the archive (article 8): only a manager creates
one, it belongs to its creator, and until it is filed (草稿 -> 在册) only that
manager edits it. A filed archive changes only through the modification
workflow (article 10, a later issue).

Everyone who works with customer information sees the catalogue line
(archive number, category, sub-type, tier mark, owning manager, masked name);
the content opens only for the owning manager (article 13) or for the
applicant of an approved, unexpired consultation (article 14, read-only;
``content_access`` is the one place that decides), and, for 机密/绝密
records, only while a custodian has authenticated in person, because that
content lives in vault.db (article 16). Every opening, and every refused
opening, is an audit event. Searching by full name or ID number is itself a
disclosure attempt, so each search query is an event too (its kind, never its
text).

Each action is one unit of work with its audit event inside it. Secret-tier
content is written to vault.db inside the main transaction, committed just
before it: if the main commit then fails, the vault row is an orphan keyed by
an archive number that will be issued again, and the next creation replaces it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import (
    AppError,
    Conflict,
    ConsultationRequired,
    CustodianRequired,
    DuplicateCustomer,
    FormRejected,
    InvalidInput,
    NotPermitted,
    PasswordChangeRequired,
)
from app.models import (
    ArchiveCounter,
    Carrier,
    Customer,
    Request,
    RequestCustomer,
    User,
    UserRole,
    VaultRecord,
)
from app.models.base import utcnow
from app.models.customer import (
    CARRIER_KINDS,
    CATEGORY_LABELS,
    STATUS_LABELS,
    STATUSES,
    TIER_LABELS,
    TIERS,
)
from app.security.permissions import Action
from app.security.roles import Role
from app.storage import search
from app.storage.archive import VAULT_DB, Archive
from app.storage.uow import UnitOfWork
from app.template import archive_number, current_template, template_version
from app.template import validation as tv
from app.template.model import CARRIER_GROUP, COLUMN_FIELDS, GroupDef, Template
from app.workflows.approvals import State
from app.workflows.auth import Actor, authorize, refresh

#: how many search hits the catalogue pages through (a query is a lookup, not a listing)
SEARCH_CAP = 1000
#: 机密 / 绝密: the mark written into the retrieval remarks (article 16)
MARKS = {"secret": TIER_LABELS["secret"], "top_secret": TIER_LABELS["top_secret"]}
_TIER_BY_LABEL = {label: key for key, label in TIER_LABELS.items()}
_CARRIER_BY_LABEL = {label: key for key, label in CARRIER_KINDS.items()}
_REMARKS_MAX = 200


# --- what the views receive ---------------------------------------------------------------


@dataclass(frozen=True)
class CustomerRef:
    """What changed: enough for a page to select the row and say what happened."""

    id: int
    archive_no: str
    tier: str
    status: str
    completeness: int


@dataclass(frozen=True)
class CarrierLine:
    kind: str
    kind_label: str
    cabinet: str
    box: str
    folder: str
    note: str

    @property
    def location(self) -> str:
        """存放位置 as a person reads it: 柜 3 / 盒 12 / 卷 5."""
        parts = [
            f"{word} {value}"
            for word, value in (("柜", self.cabinet), ("盒", self.box), ("卷", self.folder))
            if value
        ]
        return " / ".join(parts)


@dataclass(frozen=True)
class CustomerContent:
    """One archive as its owner sees it. ``data`` is the form's record, common fields included."""

    id: int
    archive_no: str
    category: str
    category_label: str
    subtype: str
    subtype_label: str
    tier: str
    tier_label: str
    status: str
    status_label: str
    manager_id: int
    manager_name: str
    completeness: int
    #: the template version this record was filled under, and the one in force now
    template_version: int
    current_template_version: int
    retention_years: int | None
    #: as the manager typed them (without the catalogue's 机密/绝密 mark)
    retrieval_remarks: str
    #: as the catalogue shows them (with the mark for secret tier)
    catalogue_remarks: str
    data: dict[str, Any]
    carriers: list[CarrierLine]
    #: labels of required items still empty under the template in force
    missing: list[str]
    #: what the template in force requires beyond the version the record was filled under
    added_by_new_template: list[str]
    created_at: datetime
    updated_at: datetime
    #: opened under a consultation grant (read-only): its serial, mode and end (naive UTC);
    #: "" / None when opened by the owning manager
    grant_serial: str = ""
    grant_mode: str = ""
    grant_until: datetime | None = None

    @property
    def under_grant(self) -> bool:
        """Opened under a consultation grant: read-only, for the grant's period only."""
        return bool(self.grant_serial)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_outdated(self) -> bool:
        return self.template_version < self.current_template_version


@dataclass(frozen=True)
class CatalogueFilter:
    category: str | None = None
    subtype: str | None = None
    manager_id: int | None = None
    tier: str | None = None
    status: str | None = None
    #: only archives whose completeness is below this (e.g. 100: not yet complete)
    completeness_below: int | None = None
    #: the search box: archive number, name, ID, phone, address, pinyin
    query: str | None = None


@dataclass(frozen=True)
class CatalogueLine:
    id: int
    archive_no: str
    category_label: str
    subtype_label: str
    tier: str
    tier_label: str
    manager_name: str
    #: full name on tier 普通 where the record opens (owner, grant); masked otherwise ("" secret)
    display_name: str
    status_label: str
    completeness: int
    retrieval_remarks: str
    can_open: bool
    #: openable only under the person's consultation grant (read-only), not as its manager
    under_grant: bool = False


@dataclass(frozen=True)
class Choice:
    key: str | int
    label: str


@dataclass(frozen=True)
class CatalogueChoices:
    """What the catalogue's filter combos offer."""

    categories: list[Choice]
    #: category key -> its sub-types
    subtypes: dict[str, list[Choice]]
    managers: list[Choice]
    tiers: list[Choice] = field(default_factory=list)
    statuses: list[Choice] = field(default_factory=list)


# --- small helpers -------------------------------------------------------------------------


def _tier_key(value: object, *, strict: bool = True) -> str | None:
    """'ordinary' / '普通' -> 'ordinary'; None or blank -> None.

    An unknown value is an error when a program passed it (``strict``); typed
    into the form it is already reported at the field by the template's check.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if text in TIER_LABELS:
        return text
    if text in _TIER_BY_LABEL:
        return _TIER_BY_LABEL[text]
    if not strict:
        return None
    raise InvalidInput(f"密级只能是 普通、机密 或 绝密,不能是“{text}”。")


def mark_remarks(tier: str, remarks: str) -> str:
    """The retrieval remarks as the catalogue shows them: 机密/绝密 first (article 16)."""
    remarks = strip_mark(remarks)
    mark = MARKS.get(tier)
    if mark is None:
        return remarks
    return f"{mark};{remarks}" if remarks else mark


def strip_mark(remarks: str) -> str:
    text = (remarks or "").strip()
    for mark in MARKS.values():
        if text == mark:
            return ""
        for sep in (";", ";", " "):
            if text.startswith(mark + sep):
                return text[len(mark) + len(sep) :].strip()
    return text


def _category_label(template: Template, key: str) -> str:
    try:
        return template.category(key).label
    except KeyError:
        return CATEGORY_LABELS.get(key, key)


def _subtype_label(template: Template, category: str, key: str) -> str:
    try:
        return template.subtype(category, key).label
    except KeyError:
        return key


def _check_kind(template: Template, category: str, subtype: str) -> None:
    try:
        template.subtype(category, subtype)
    except KeyError:
        raise InvalidInput(
            f"分类模板(第 {template.version} 版)中没有类别“{category}”下的子类“{subtype}”。"
        ) from None


def _labels(template: Template, category: str, subtype: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for item in template.items_for(category, subtype):
        labels[item.key] = item.label
    return labels


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return not value
    return False


def _live_custodian(archive: Archive, custodian: Actor | None) -> Actor | None:
    """The custodian as their account is now, if they may open the vault and hold its key."""
    if custodian is None or custodian.keys.vault_key is None:
        return None
    try:
        live = refresh(archive, custodian)
    except AppError:
        return None
    if live.must_change_password or not live.may(Action.VAULT_ACCESS):
        return None
    return live


def _vault_uow(archive: Archive, holder: Actor) -> UnitOfWork:
    # vault.db has no audit chain: its events go into main.db's, in the caller's transaction
    return UnitOfWork(archive.vault_engine(holder.keys), b"", VAULT_DB)


@contextmanager
def _vault_open(archive: Archive, holder: Actor | None) -> Iterator[UnitOfWork | None]:
    """vault.db for one action with a custodian present, shut again afterwards (article 16)."""
    if holder is None:
        yield None
        return
    try:
        yield _vault_uow(archive, holder)
    finally:
        archive.close_vault()


# --- the record: normalise, compute, validate ------------------------------------------------


@dataclass
class _Prepared:
    record: dict[str, Any]
    tier: str
    content: dict[str, Any]
    carriers: list[Carrier]
    retention_years: int | None
    remarks: str
    completeness: int
    identity: str | None
    index: dict[str, str | None]


def _carrier_rows(record: Mapping[str, Any]) -> tuple[list[Carrier], list[tv.Problem]]:
    carriers: list[Carrier] = []
    problems: list[tv.Problem] = []
    rows = record.get(CARRIER_GROUP)
    # anything but a list of rows is reported by validation ("应为表格"): nothing to read here
    for row_no, row in enumerate(rows if isinstance(rows, list | tuple) else []):
        if not isinstance(row, Mapping) or all(_blank(row.get(c)) for c in row):
            continue
        kind_text = str(row.get("kind") or "").strip()
        kind = kind_text if kind_text in CARRIER_KINDS else _CARRIER_BY_LABEL.get(kind_text)
        if kind is None:
            problems.append(
                tv.Problem(CARRIER_GROUP, "请选择载体类型(纸质、磁盘或电子)。", row_no, "kind")
            )
            continue
        carriers.append(
            Carrier(
                kind=kind,
                cabinet=str(row.get("cabinet") or "").strip(),
                box=str(row.get("box") or "").strip(),
                folder=str(row.get("folder") or "").strip(),
                note=str(row.get("note") or "").strip(),
            )
        )
    return carriers, problems


def _filled_rows(group: GroupDef, rows: list[Any]) -> list[Any]:
    """The rows worth keeping: a preset kind alone (房产 with nothing else) is no data."""
    columns = group.columns[1:] if group.preset_rows else group.columns
    return [
        row
        for row in rows
        if isinstance(row, Mapping) and any(not _blank(row.get(c.key)) for c in columns)
    ]


def _is_missing(problem: tv.Problem, items: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
    """Whether a problem of validate_record only says that something is not filled in yet."""
    item = items.get(problem.key)
    value = record.get(problem.key)
    if isinstance(item, GroupDef):
        rows = value if isinstance(value, list) else None
        if problem.row is not None and problem.column is not None:
            if rows is None or not 0 <= problem.row < len(rows):
                return False
            row = rows[problem.row]
            return isinstance(row, Mapping) and _blank(row.get(problem.column))
        # the group as a whole: "required" and "at least N rows" are missing, the rest invalid
        return (value is None or rows is not None) and len(rows or []) <= item.max_rows
    if item is None:
        return False
    return _blank(value)


def draft_problems(
    template: Template, category: str, subtype: str, record: Mapping[str, Any]
) -> list[tv.Problem]:
    """What makes a record unsavable even as a draft: invalid values, never missing ones."""
    items = {item.key: item for item in template.items_for(category, subtype)}
    return [
        problem
        for problem in tv.validate_record(template, category, subtype, record)
        if not _is_missing(problem, items, record)
    ]


def _prepare(
    template: Template,
    category: str,
    subtype: str,
    data: Mapping[str, Any],
    tier: str | None,
) -> _Prepared:
    """Normalise, compute totals and validate; raise FormRejected for values never acceptable.

    A draft may be incomplete (missing required items only lower completeness),
    but it must carry a name: a catalogue line nobody can recognise or find is
    of no use to anyone.
    """
    record = tv.normalize_record(template, category, subtype, dict(data))
    record = tv.compute_totals(template, category, subtype, record)
    problems = draft_problems(template, category, subtype, record)
    data_tier = _tier_key(record.get("tier"), strict=False)
    chosen = data_tier or _tier_key(tier) or "ordinary"
    if data_tier and _tier_key(tier) not in (None, "ordinary", data_tier):
        problems.append(tv.Problem("tier", "密级与所选不一致,请重新选择。"))
    if _blank(record.get("name")):
        problems.append(tv.Problem("name", "请填写名称:草稿也须有名称,才能在目录中识别。"))
    carriers, carrier_problems = _carrier_rows(record)
    problems.extend(carrier_problems)
    remarks = strip_mark(str(record.get("retrieval_remarks") or ""))
    if len(mark_remarks(chosen, remarks)) > _REMARKS_MAX:
        problems.append(
            tv.Problem("retrieval_remarks", f"检索备注过长(连同密级标志最多 {_REMARKS_MAX} 字)。")
        )
    retention = record.get("retention_years")
    if problems:
        raise FormRejected(problems, _labels(template, category, subtype))
    record["tier"] = TIER_LABELS[chosen]
    record["retrieval_remarks"] = remarks or None
    content = {
        key: value
        for key, value in record.items()
        if key not in COLUMN_FIELDS and key != CARRIER_GROUP
    }
    for item in template.items_for(category, subtype):
        if isinstance(item, GroupDef) and isinstance(content.get(item.key), list):
            content[item.key] = _filled_rows(item, content[item.key])
    index = tv.index_values(template, category, subtype, record)
    return _Prepared(
        record=record,
        tier=chosen,
        content=content,
        carriers=carriers,
        retention_years=retention if isinstance(retention, int) else None,
        remarks=remarks,
        completeness=int(tv.completeness(template, category, subtype, record)),
        identity=tv.identity_of(category, record) or None,
        index=dict(index),
    )


# --- archive numbers --------------------------------------------------------------------------


def new_archive_no(uow: UnitOfWork, template: Template, category: str, branch_code: str) -> str:
    """The next archive number for ``category`` this year (article 4); never reused.

    The counter lives in the caller's transaction, so a creation that rolls
    back gives its number back, and one that commits keeps it for ever (a
    later destruction does not free it).
    """
    return new_archive_numbers(uow, template, category, branch_code, 1)[0]


def new_archive_numbers(
    uow: UnitOfWork, template: Template, category: str, branch_code: str, count: int
) -> list[str]:
    """``count`` consecutive archive numbers at once (an import), from the same counter."""
    code = template.category_codes.get(category)
    if not code:
        raise InvalidInput(f"分类模板中没有类别“{category}”的档案编号代码。")
    if count < 1:
        return []
    year = date.today().year
    # one counter per category and year (the branch code is the archive's own)
    prefix = f"{code}-{year}"
    counter = uow.session.get(ArchiveCounter, prefix)
    if counter is None:
        counter = ArchiveCounter(prefix=prefix, last=0)
        uow.session.add(counter)
    first = counter.last + 1
    counter.last += count
    uow.session.flush()
    return [
        archive_number(template, branch=branch_code, category=category, year=year, seq=seq)
        for seq in range(first, first + count)
    ]


# --- duplicates ------------------------------------------------------------------------------


def _refuse_duplicate(uow: UnitOfWork, identity: str | None, *, exclude_id: int | None) -> None:
    if not identity:
        return
    stmt = sa.select(Customer.archive_no).where(Customer.identity_no == identity)
    if exclude_id is not None:
        stmt = stmt.where(Customer.id != exclude_id)
    existing = uow.session.scalar(stmt)
    if existing is not None:
        raise DuplicateCustomer(existing)


def _refuse_duplicate_in_vault(
    vault: UnitOfWork, template: Template, identity: str | None, *, exclude_ref: str | None
) -> None:
    """Secret-tier records keep no ID in main.db; with the vault open, look there too."""
    if not identity:
        return
    for ref, blob in vault.session.execute(sa.select(VaultRecord.record_ref, VaultRecord.content)):
        # request:<serial> and version:<no>:<v> rows are no records (a version is a JSON list)
        if ref == exclude_ref or ref.startswith(("request:", "version:")):
            continue
        try:
            payload = tv.from_json(blob.decode("utf-8"))
            other = tv.identity_of(payload["category"], payload.get("data") or {})
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
        if other and other == identity:
            raise DuplicateCustomer(ref)


# --- storing ---------------------------------------------------------------------------------


def _vault_payload(customer: Customer, prepared: _Prepared) -> bytes:
    payload = {
        "archive_no": customer.archive_no,
        "category": customer.category,
        "subtype": customer.subtype,
        "template_version": customer.template_version,
        "data": prepared.content,
    }
    return tv.to_json(payload).encode("utf-8")


def _write_vault(vault: UnitOfWork, customer: Customer, prepared: _Prepared) -> None:
    row = vault.session.scalar(
        sa.select(VaultRecord).where(VaultRecord.record_ref == customer.archive_no)
    )
    blob = _vault_payload(customer, prepared)
    if row is None:
        vault.session.add(
            VaultRecord(record_ref=customer.archive_no, tier=customer.tier, content=blob)
        )
    else:
        row.tier = customer.tier
        row.content = blob
        row.updated_at = utcnow()
    vault.session.flush()


def _apply(uow: UnitOfWork, customer: Customer, prepared: _Prepared, template: Template) -> None:
    """Catalogue columns always; content columns only for tier 普通 (secret: the vault)."""
    customer.tier = prepared.tier
    customer.template_version = template.version
    customer.completeness = prepared.completeness
    customer.retention_years = prepared.retention_years
    customer.retrieval_remarks = mark_remarks(prepared.tier, prepared.remarks)
    customer.updated_at = utcnow()
    customer.version = (customer.version or 0) + 1
    name = prepared.index.get("name") or prepared.record.get("name")
    if prepared.tier == "ordinary":
        customer.name = str(name) if name else None
        customer.name_masked = tv.mask_name(str(name)) if name else ""
        customer.identity_no = prepared.identity
        customer.phone = prepared.index.get("phone") or None
        customer.address = prepared.index.get("address") or None
        customer.content = tv.to_json(prepared.content)
    else:
        customer.name = None
        customer.name_masked = ""
        customer.identity_no = None
        customer.phone = None
        customer.address = None
        customer.content = None
    customer.carriers = prepared.carriers
    uow.session.flush()
    search.unindex_customer(uow.session, customer.id)
    if prepared.tier == "ordinary":
        search.index_customer(
            uow.session,
            customer.id,
            archive_no=customer.archive_no,
            name=customer.name,
            identity_no=customer.identity_no,
            phone=customer.phone,
            address=customer.address,
        )
    else:
        search.index_customer(
            uow.session,
            customer.id,
            archive_no=customer.archive_no,
            name=None,
            identity_no=None,
            phone=None,
            address=None,
        )


def _ref(customer: Customer) -> CustomerRef:
    return CustomerRef(
        id=customer.id,
        archive_no=customer.archive_no,
        tier=customer.tier,
        status=customer.status,
        completeness=customer.completeness,
    )


# --- create, update, file ----------------------------------------------------------------------


def create_customer(
    archive: Archive,
    actor: Actor,
    *,
    category: str,
    subtype: str,
    data: Mapping[str, Any],
    tier: str = "ordinary",
    custodian: Actor | None = None,
) -> CustomerRef:
    """A new archive in 草稿, owned by its creator (articles 4, 8).

    Raises FormRejected (values never acceptable, each at its field),
    DuplicateCustomer (the same ID or credit code already has an archive),
    CustodianRequired (机密/绝密 without a custodian present), NotPermitted.
    """
    live = authorize(archive, actor, Action.CUSTOMER_CREATE)
    template = current_template()
    _check_kind(template, category, subtype)
    prepared = _prepare(template, category, subtype, data, tier)
    holder: Actor | None = None
    if prepared.tier != "ordinary":
        live.require(Action.TIER_RAISE)
        holder = _live_custodian(archive, custodian)
        if holder is None:
            raise CustodianRequired()
    with _vault_open(archive, holder) as vault, archive.unit_of_work() as uow:
        _refuse_duplicate(uow, prepared.identity, exclude_id=None)
        archive_no = new_archive_no(uow, template, category, archive.header.branch_code)
        customer = Customer(
            archive_no=archive_no,
            category=category,
            subtype=subtype,
            tier=prepared.tier,
            status="draft",
            manager_id=live.user_id,
            created_by=live.user_id,
            template_version=template.version,
            name_masked="",
            retrieval_remarks="",
            completeness=0,
            version=0,
        )
        uow.session.add(customer)
        uow.session.flush()
        _apply(uow, customer, prepared, template)
        details: dict[str, object] = {
            "archive_no": archive_no,
            "category": category,
            "subtype": subtype,
            "tier": prepared.tier,
            "completeness": prepared.completeness,
        }
        if holder is not None:
            details["custodian"] = holder.login
        uow.audit(
            live.login,
            "customer.create",
            target_type="customer",
            target_id=archive_no,
            details=details,
        )
        if vault is not None:
            with vault:
                _refuse_duplicate_in_vault(vault, template, prepared.identity, exclude_ref=None)
                _write_vault(vault, customer, prepared)
                vault.commit()
        uow.commit()
        return _ref(customer)


def _owned_draft(uow: UnitOfWork, live: Actor, customer_id: int) -> Customer:
    customer = uow.session.get(Customer, customer_id)
    if customer is None:
        raise InvalidInput("找不到此客户档案,可能已被删除。请刷新目录后重试。")
    if customer.manager_id != live.user_id or not live.may(Action.CUSTOMER_VIEW_OWN):
        raise NotPermitted("修改他人管户的客户档案")
    if customer.status != "draft":
        raise Conflict(
            f"档案 {customer.archive_no} 已归档({STATUS_LABELS.get(customer.status, customer.status)}),"
            "不能再直接修改。已归档档案的修改须报主任批准后备案(制度第10条),"
            "请通过“档案修改”流程办理。"
        )
    return customer


def update_draft(
    archive: Archive,
    actor: Actor,
    customer_id: int,
    data: Mapping[str, Any],
    *,
    custodian: Actor | None = None,
) -> CustomerRef:
    """Complete or correct a draft: only its manager, only while 草稿.

    The tier may be raised (with a custodian present); lowering it needs the
    director's approval, which is the tier workflow's business, not a draft edit.
    """
    live = authorize(archive, actor, Action.CUSTOMER_CREATE)
    template = current_template()
    with archive.unit_of_work() as uow:
        customer = _owned_draft(uow, live, customer_id)
        category, subtype, old_tier = customer.category, customer.subtype, customer.tier
    prepared = _prepare(template, category, subtype, data, None)
    if old_tier != "ordinary" and TIERS.index(prepared.tier) < TIERS.index(old_tier):
        raise Conflict(
            "降低密级须经主任批准(制度第16条),不能在修改草稿时直接降低。"
            "请保持原密级保存,另行提出降低密级申请。"
        )
    holder: Actor | None = None
    if prepared.tier != "ordinary":
        if prepared.tier != old_tier:
            live.require(Action.TIER_RAISE)
        holder = _live_custodian(archive, custodian)
        if holder is None:
            raise CustodianRequired()
    with _vault_open(archive, holder) as vault, archive.unit_of_work() as uow:
        customer = _owned_draft(uow, live, customer_id)
        _refuse_duplicate(uow, prepared.identity, exclude_id=customer.id)
        _apply(uow, customer, prepared, template)
        details: dict[str, object] = {
            "archive_no": customer.archive_no,
            "tier": prepared.tier,
            "completeness": prepared.completeness,
        }
        if prepared.tier != old_tier:
            details["from_tier"] = old_tier
        if holder is not None:
            details["custodian"] = holder.login
        uow.audit(
            live.login,
            "customer.update_draft",
            target_type="customer",
            target_id=customer.archive_no,
            details=details,
        )
        if vault is not None:
            with vault:
                _refuse_duplicate_in_vault(
                    vault, template, prepared.identity, exclude_ref=customer.archive_no
                )
                _write_vault(vault, customer, prepared)
                vault.commit()
        uow.commit()
        return _ref(customer)


def _read_record(
    archive: Archive, customer: Customer, holder: Actor | None, vault: UnitOfWork | None = None
) -> tuple[dict[str, Any], int] | None:
    """The stored content and the template version it was filled under (None: vault shut).

    ``vault``: the vault's unit of work already open in the caller's action
    (one transaction per database at a time).
    """
    if customer.tier == "ordinary":
        content = tv.from_json(customer.content) if customer.content else {}
        return dict(content), customer.template_version
    if vault is not None:
        blob = vault.session.scalar(
            sa.select(VaultRecord.content).where(VaultRecord.record_ref == customer.archive_no)
        )
    elif holder is None:
        return None
    else:
        with _vault_uow(archive, holder) as own:
            blob = own.session.scalar(
                sa.select(VaultRecord.content).where(VaultRecord.record_ref == customer.archive_no)
            )
    if blob is None:
        raise InvalidInput(
            f"保密库中找不到档案 {customer.archive_no} 的内容。请报告保密专管员核查(可能需从备份恢复)。"
        )
    payload = tv.from_json(blob.decode("utf-8"))
    return dict(payload.get("data") or {}), int(
        payload.get("template_version") or customer.template_version
    )


def _full_record(customer: Customer, content: Mapping[str, Any]) -> dict[str, Any]:
    """Content plus the common items kept in columns and the carriers table."""
    record = dict(content)
    record["tier"] = TIER_LABELS.get(customer.tier, customer.tier)
    record["retention_years"] = customer.retention_years
    record["retrieval_remarks"] = strip_mark(customer.retrieval_remarks)
    record[CARRIER_GROUP] = [
        {
            "kind": CARRIER_KINDS.get(c.kind, c.kind),
            "cabinet": c.cabinet,
            "box": c.box,
            "folder": c.folder,
            "note": c.note,
        }
        for c in customer.carriers
    ]
    return record


def _missing_labels(
    template: Template, category: str, subtype: str, record: Mapping[str, Any]
) -> list[str]:
    return [item.label for item in tv.missing_required(template, category, subtype, record)]


def file_customer(
    archive: Archive, actor: Actor, customer_id: int, *, custodian: Actor | None = None
) -> CustomerRef:
    """草稿 -> 在册, only when the record is complete and correct under the template in force.

    Secret-tier content can only be checked with a custodian present; without
    one the stored completeness decides.
    """
    live = authorize(archive, actor, Action.CUSTOMER_CREATE)
    template = current_template()
    holder = _live_custodian(archive, custodian)
    with _vault_open(archive, holder), archive.unit_of_work() as uow:
        customer = _owned_draft(uow, live, customer_id)
        stored = _read_record(archive, customer, holder)
        if stored is not None:
            cat, sub = customer.category, customer.subtype
            record = _full_record(customer, stored[0])
            customer.completeness = int(tv.completeness(template, cat, sub, record))
            missing = _missing_labels(template, cat, sub, record)
            missing_keys = {i.key for i in tv.missing_required(template, cat, sub, record)}
            others = [
                p.message
                for p in tv.validate_record(template, cat, sub, record)
                if p.key not in missing_keys
            ]
            if missing or others:
                lines = [
                    f"档案 {customer.archive_no} 尚未填写完整或有误"
                    f"(完整度 {customer.completeness}%),不能归档。"
                ]
                if missing:
                    lines.append(f"还需填写:{'、'.join(missing)}。")
                lines.extend(others)
                raise InvalidInput("\n".join(lines))
        elif customer.completeness < 100:
            raise InvalidInput(
                f"档案 {customer.archive_no} 尚未填写完整(完整度 {customer.completeness}%),"
                "不能归档。请由保密专管员到场开启后补充完整。"
            )
        customer.status = "filed"
        customer.updated_at = utcnow()
        uow.audit(
            live.login,
            "customer.file",
            target_type="customer",
            target_id=customer.archive_no,
            details={"archive_no": customer.archive_no, "tier": customer.tier},
        )
        uow.commit()
        return _ref(customer)


# --- who may read content (articles 13, 14, 16) -----------------------------------------------
#
# The one place that decides whether a person may read a customer's content:
# opening, the record history (app/workflows/requests.py) and the catalogue's
# full names all ask here. Secret-tier content needs a custodian on top.

#: the procedure whose approved applications are grants (app/workflows/consultation.py)
GRANT_KIND = "consultation"


@dataclass(frozen=True)
class ContentAccess:
    """Why a person may read a customer's content now: as its manager, or under a grant."""

    owner: bool
    grant_serial: str = ""
    #: view / excerpt / copy (consultation.MODES)
    grant_mode: str = ""
    #: the grant's end, naive UTC
    grant_until: datetime | None = None


def grant_in_force(user_id: int, now: datetime) -> tuple[sa.ColumnElement[bool], ...]:
    """A consultation grant of ``user_id`` in force at ``now``: approved, applicant, in period.

    Only the applicant is covered (a grant is personal, article 14.1 names the
    person); a withdrawn, rejected, ended or expired application covers nobody,
    and neither does an approved one past its end that nobody has marked yet.
    """
    return (
        Request.kind == GRANT_KIND,
        Request.state == State.APPROVED.value,
        Request.requester_id == user_id,
        Request.valid_from <= now,
        Request.valid_until > now,
    )


def covering_grant(
    session: Session, user_id: int, customer_id: int, now: datetime | None = None
) -> Request | None:
    """The person's grant in force that names this customer (the latest-ending one)."""
    moment = now or utcnow()
    return session.scalar(
        sa.select(Request)
        .join(RequestCustomer, RequestCustomer.request_id == Request.id)
        .where(*grant_in_force(user_id, moment), RequestCustomer.customer_id == customer_id)
        .order_by(Request.valid_until.desc(), Request.id.desc())
        .limit(1)
    )


def granted_customer_ids(session: Session, user_id: int, now: datetime | None = None) -> set[int]:
    """Every customer the person may open under a grant now (a short list: a few applications)."""
    moment = now or utcnow()
    return set(
        session.scalars(
            sa.select(RequestCustomer.customer_id)
            .join(Request, Request.id == RequestCustomer.request_id)
            .where(*grant_in_force(user_id, moment))
        )
    )


def content_access(uow: UnitOfWork, live: Actor, customer: Customer) -> ContentAccess | None:
    """Whether ``live`` may read this customer's content now (None: a consultation is needed).

    The owning manager may; so may the applicant of a grant in force that
    names the customer (read-only, CUSTOMER_VIEW_GRANTED). Nobody else, whatever
    their role: a director or an inspector applies like anyone (article 13).
    """
    if live.may(Action.CUSTOMER_VIEW_OWN) and customer.manager_id == live.user_id:
        return ContentAccess(owner=True)
    if not live.may(Action.CUSTOMER_VIEW_GRANTED):
        return None
    grant = covering_grant(uow.session, live.user_id, customer.id)
    if grant is None:
        return None
    mode = str(json.loads(grant.payload or "{}").get("mode", ""))
    return ContentAccess(
        owner=False, grant_serial=grant.serial, grant_mode=mode, grant_until=grant.valid_until
    )


# --- what may leave the archive (article 17.1) ----------------------------------------------------
#
# Copying, excerpting, exporting and printing customer content each need a
# permit in force: an approved copy request (app/workflows/copying.py) naming
# the customer and that form of output, or a consultation grant whose mode
# lets that output out. Owning the customer is not enough: the manager asks
# like anyone, and the director (or, for another's request, the owning
# manager) approves. This is the one rule; every route asks here.

#: the procedure whose approved requests permit copies (app/workflows/copying.py)
COPY_KIND = "copy"
#: the forms of output: to the clipboard (复制 / 摘录), an Excel file, a PDF file, on paper
OUTFLOW_FORMS: dict[str, str] = {
    "clipboard": "复制/摘录到剪贴板",
    "excel": "导出 Excel",
    "pdf": "导出 PDF",
    "print": "打印",
}
#: what a consultation grant's mode lets out of a record opened under it: 阅览 nothing,
#: 摘抄 chosen items to the clipboard, 复制 the record as text, PDF or paper
#: (a list of many customers in Excel always needs a copy request)
GRANT_OUTFLOWS: dict[str, frozenset[str]] = {
    "view": frozenset(),
    "excerpt": frozenset({"clipboard"}),
    "copy": frozenset({"clipboard", "pdf", "print"}),
}


@dataclass(frozen=True)
class OutflowPermit:
    """Why this form of output of this customer may leave the archive now."""

    #: the copy request's or the grant's serial, printed in the watermark
    serial: str
    #: COPY_KIND or GRANT_KIND
    kind: str
    forms: frozenset[str]
    #: the items it covers; None: every item of the record
    fields: frozenset[str] | None
    #: naive UTC
    until: datetime


def copy_in_force(user_id: int, now: datetime) -> tuple[sa.ColumnElement[bool], ...]:
    """An approved copy request of ``user_id`` in its period (personal, like a grant)."""
    return (
        Request.kind == COPY_KIND,
        Request.state == State.APPROVED.value,
        Request.requester_id == user_id,
        Request.valid_from <= now,
        Request.valid_until > now,
    )


def outflow_permit(
    uow: UnitOfWork, live: Actor, customer: Customer, form: str
) -> OutflowPermit | None:
    """The permit under which ``form`` of this customer's content may leave now (None: refuse).

    A copy request is looked for first (it names the items); then a
    consultation grant in force whose mode lets ``form`` out. A destroyed
    record lets nothing out.
    """
    if form not in OUTFLOW_FORMS or customer.status == "destroyed":
        return None
    if not live.may(Action.CONTENT_EXPORT):
        return None
    now = utcnow()
    requests = uow.session.scalars(
        sa.select(Request)
        .join(RequestCustomer, RequestCustomer.request_id == Request.id)
        .where(*copy_in_force(live.user_id, now), RequestCustomer.customer_id == customer.id)
        .order_by(Request.valid_until.desc(), Request.id.desc())
    ).all()
    for request in requests:
        payload = json.loads(request.payload or "{}")
        forms = frozenset(str(f) for f in payload.get("forms") or [])
        if form in forms:
            assert request.valid_until is not None
            return OutflowPermit(
                serial=request.serial,
                kind=COPY_KIND,
                forms=forms,
                fields=frozenset(str(f.get("key")) for f in payload.get("fields") or []),
                until=request.valid_until,
            )
    access = content_access(uow, live, customer)
    if access is None or not access.grant_serial:
        return None
    forms = GRANT_OUTFLOWS.get(access.grant_mode, frozenset())
    if form not in forms:
        return None
    assert access.grant_until is not None
    return OutflowPermit(
        serial=access.grant_serial,
        kind=GRANT_KIND,
        forms=forms,
        fields=None,
        until=access.grant_until,
    )


# --- opening content ----------------------------------------------------------------------------


def _older_template(version: int) -> Template | None:
    try:
        return template_version(version)
    except Exception:
        return None


def open_customer(
    archive: Archive, actor: Actor, customer_id: int, *, custodian: Actor | None = None
) -> CustomerContent:
    """The content, for the owning manager or under a grant in force (articles 13-14).

    Secret tier needs a custodian present besides (article 16). Every opening
    is an event ("customer.open", naming the grant when opened under one), and
    so is every refusal ("customer.open_refused"), committed before the
    refusal is raised.
    """
    live = refresh(archive, actor)
    if live.must_change_password:
        raise PasswordChangeRequired(live.login)
    holder = _live_custodian(archive, custodian)
    template = current_template()
    try:
        return _open(archive, live, customer_id, holder, template)
    finally:
        if holder is not None:
            archive.close_vault()


def _open(
    archive: Archive, live: Actor, customer_id: int, holder: Actor | None, template: Template
) -> CustomerContent:
    with archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, customer_id)
        if customer is None:
            raise InvalidInput("找不到此客户档案,可能已被删除。请刷新目录后重试。")
        if customer.status == "destroyed":
            # nothing is left to open: only the catalogue line and the register line remain
            raise Conflict(
                f"档案 {customer.archive_no} 已按制度第18条销毁,内容已不复存在;"
                "目录中只保留其目录行,销毁情况见登记簿中的销毁清册。"
            )
        refusal: AppError | None = None
        reason = ""
        access = content_access(uow, live, customer)
        if access is None:
            refusal, reason = ConsultationRequired(customer.archive_no), "not_owner"
        elif customer.tier != "ordinary" and holder is None:
            refusal, reason = CustodianRequired(), "no_custodian"
        if refusal is not None:
            uow.audit(
                live.login,
                "customer.open_refused",
                target_type="customer",
                target_id=customer.archive_no,
                details={
                    "archive_no": customer.archive_no,
                    "tier": customer.tier,
                    "reason": reason,
                },
            )
            uow.commit()
            raise refusal
        stored = _read_record(archive, customer, holder)
        assert stored is not None
        content, filled_under = stored
        record = _full_record(customer, content)
        missing = _missing_labels(template, customer.category, customer.subtype, record)
        added: list[str] = []
        if filled_under < template.version:
            added = _added_by_new_template(template, filled_under, customer, record)
        manager_name = uow.session.scalar(
            sa.select(User.display_name).where(User.id == customer.manager_id)
        )
        details: dict[str, object] = {"archive_no": customer.archive_no, "tier": customer.tier}
        if holder is not None and customer.tier != "ordinary":
            details["custodian"] = holder.login
        assert access is not None
        if access.grant_serial:
            details["grant"] = access.grant_serial
        uow.audit(
            live.login,
            "customer.open",
            target_type="customer",
            target_id=customer.archive_no,
            details=details,
        )
        uow.commit()
        return CustomerContent(
            id=customer.id,
            archive_no=customer.archive_no,
            category=customer.category,
            category_label=_category_label(template, customer.category),
            subtype=customer.subtype,
            subtype_label=_subtype_label(template, customer.category, customer.subtype),
            tier=customer.tier,
            tier_label=TIER_LABELS.get(customer.tier, customer.tier),
            status=customer.status,
            status_label=STATUS_LABELS.get(customer.status, customer.status),
            manager_id=customer.manager_id,
            manager_name=manager_name or "",
            completeness=customer.completeness,
            template_version=filled_under,
            current_template_version=template.version,
            retention_years=customer.retention_years,
            retrieval_remarks=strip_mark(customer.retrieval_remarks),
            catalogue_remarks=customer.retrieval_remarks,
            data=record,
            carriers=[
                CarrierLine(
                    kind=c.kind,
                    kind_label=CARRIER_KINDS.get(c.kind, c.kind),
                    cabinet=c.cabinet,
                    box=c.box,
                    folder=c.folder,
                    note=c.note,
                )
                for c in customer.carriers
            ],
            missing=missing,
            added_by_new_template=added,
            created_at=customer.created_at,
            updated_at=customer.updated_at,
            grant_serial=access.grant_serial,
            grant_mode=access.grant_mode,
            grant_until=access.grant_until,
        )


def _added_by_new_template(
    template: Template, filled_under: int, customer: Customer, record: Mapping[str, Any]
) -> list[str]:
    """What the template in force requires that the version filled under did not (still empty)."""
    try:
        items = tv.upgrade_view(
            template,
            customer.category,
            customer.subtype,
            record,
            old_template=_older_template(filled_under),
        )
    except KeyError:
        return []
    return [item.label for item in items]


# --- the catalogue -----------------------------------------------------------------------------


_QUERY_KINDS = (
    ("id", re.compile(r"^(\d{17}[\dXx]|\d{15})$")),
    ("credit_code", re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")),
    # a letter (category code) and a run of digits (year and sequence): LY01G2026000123
    ("archive_no", re.compile(r"^(?=.*[A-Za-z])(?=(?:.*\d){6})[A-Za-z0-9-]+$")),
    ("number", re.compile(r"^[\d\s+-]+$")),
    ("pinyin", re.compile(r"^[A-Za-z\s]+$")),
    ("name", re.compile(r"^[\u3400-\u9fff\u00b7·]+$")),
)


def query_kind(query: str) -> str:
    """What a search query looks like (recorded instead of the query itself)."""
    text = query.strip()
    for kind, pattern in _QUERY_KINDS:
        if pattern.match(text):
            return kind
    return "other"


def _order_column(template: Template, order_by: str | None) -> Any:
    if order_by in (None, "", "archive_no"):
        return Customer.archive_no
    if order_by == "category":
        positions = {c.key: i for i, c in enumerate(template.categories)}
        return sa.case(positions, value=Customer.category, else_=len(positions))
    if order_by == "subtype":
        positions = {
            s.key: i * 100 + j
            for i, c in enumerate(template.categories)
            for j, s in enumerate(c.subtypes)
        }
        return sa.case(positions, value=Customer.subtype, else_=len(positions) * 100)
    if order_by == "status":
        return sa.case({s: i for i, s in enumerate(STATUSES)}, value=Customer.status, else_=9)
    columns = {
        "name": Customer.name_masked,
        "display_name": Customer.name_masked,
        "tier": Customer.tier,
        "manager": User.display_name,
        "manager_name": User.display_name,
        "completeness": Customer.completeness,
        "retrieval_remarks": Customer.retrieval_remarks,
        "created_at": Customer.created_at,
        "updated_at": Customer.updated_at,
    }
    if order_by not in columns:
        raise ValueError(f"unknown order {order_by!r}")
    return columns[order_by]


def _line_select(live: Actor, granted: set[int] | None = None) -> sa.Select[Any]:
    """The catalogue line; the full name only where content_access would open the record."""
    readable = Customer.manager_id == live.user_id
    if granted:
        readable = sa.or_(readable, Customer.id.in_(sorted(granted)))
    own_name = sa.case(
        (sa.and_(readable, Customer.tier == "ordinary"), Customer.name),
        else_=sa.null(),
    )
    return sa.select(
        Customer.id,
        Customer.archive_no,
        Customer.category,
        Customer.subtype,
        Customer.tier,
        Customer.status,
        Customer.manager_id,
        Customer.name_masked,
        own_name.label("own_name"),
        Customer.retrieval_remarks,
        Customer.completeness,
        User.display_name,
    ).join(User, User.id == Customer.manager_id)


def _filtered(stmt: sa.Select[Any], flt: CatalogueFilter) -> sa.Select[Any]:
    if flt.category:
        stmt = stmt.where(Customer.category == flt.category)
    if flt.subtype:
        stmt = stmt.where(Customer.subtype == flt.subtype)
    if flt.manager_id is not None:
        stmt = stmt.where(Customer.manager_id == flt.manager_id)
    if flt.tier:
        stmt = stmt.where(Customer.tier == flt.tier)
    if flt.status:
        stmt = stmt.where(Customer.status == flt.status)
    if flt.completeness_below is not None:
        stmt = stmt.where(Customer.completeness < flt.completeness_below)
    return stmt


def _search_ids(uow: UnitOfWork, live: Actor, query: str) -> list[int]:
    """Managers find their own customers by any part; everyone else only exactly."""
    partial = live.user_id if live.may(Action.CUSTOMER_VIEW_OWN) else None
    return list(
        search.search_customers(uow.session, query, limit=SEARCH_CAP, partial_manager_id=partial)
    )


def _granted(uow: UnitOfWork, live: Actor) -> set[int]:
    """The customers the catalogue shows as openable under a grant (content_access's rule)."""
    if not live.may(Action.CUSTOMER_VIEW_GRANTED):
        return set()
    return granted_customer_ids(uow.session, live.user_id)


def _to_line(
    template: Template, live: Actor, row: Any, granted: set[int] | None = None
) -> CatalogueLine:
    manager = row.manager_id == live.user_id and live.may(Action.CUSTOMER_VIEW_OWN)
    under_grant = not manager and row.id in (granted or ())
    readable = manager or under_grant
    if row.tier != "ordinary":
        display = ""
    elif readable and row.own_name:
        display = row.own_name
    else:
        display = row.name_masked
    return CatalogueLine(
        id=row.id,
        archive_no=row.archive_no,
        category_label=_category_label(template, row.category),
        subtype_label=_subtype_label(template, row.category, row.subtype),
        tier=row.tier,
        tier_label=TIER_LABELS.get(row.tier, row.tier),
        manager_name=row.display_name,
        display_name=display,
        status_label=STATUS_LABELS.get(row.status, row.status),
        completeness=row.completeness,
        retrieval_remarks=row.retrieval_remarks,
        can_open=readable,
        under_grant=under_grant,
    )


def _query_text(flt: CatalogueFilter) -> str:
    return (flt.query or "").strip()


def catalogue_page(
    archive: Archive,
    actor: Actor,
    *,
    filters: CatalogueFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    order_by: str | None = None,
    descending: bool = False,
) -> list[CatalogueLine]:
    """One page of the catalogue. Without a query: SQL filters, order, limit and offset.

    With a query the hits of the search index are filtered and ordered (by
    relevance unless ``order_by`` is given). The first page of each query is
    recorded as one "catalogue.search" event with the query's kind and the
    number of hits, never the query.
    """
    flt = filters or CatalogueFilter()
    live = authorize(archive, actor, Action.CATALOGUE_VIEW)
    template = current_template()
    query = _query_text(flt)
    with archive.unit_of_work() as uow:
        granted = _granted(uow, live)
        if not query:
            order = _order_column(template, order_by)
            stmt = _filtered(_line_select(live, granted), flt).order_by(
                order.desc() if descending else order.asc(),
                Customer.id.desc() if descending else Customer.id.asc(),
            )
            rows = uow.session.execute(stmt.offset(max(offset, 0)).limit(max(limit, 0))).all()
            return [_to_line(template, live, row, granted) for row in rows]
        ids = _search_ids(uow, live, query)
        if offset == 0:
            uow.audit(
                live.login,
                "catalogue.search",
                target_type="catalogue",
                details={"kind": query_kind(query), "hits": len(ids)},
            )
            uow.commit()
        if not ids:
            return []
        stmt = _filtered(_line_select(live, granted), flt).where(Customer.id.in_(ids))
        if order_by:
            order = _order_column(template, order_by)
            stmt = stmt.order_by(
                order.desc() if descending else order.asc(),
                Customer.id.desc() if descending else Customer.id.asc(),
            )
            rows = uow.session.execute(stmt.offset(max(offset, 0)).limit(max(limit, 0))).all()
        else:
            rank = {customer_id: i for i, customer_id in enumerate(ids)}
            found = sorted(uow.session.execute(stmt).all(), key=lambda r: rank[r.id])
            if descending:
                found.reverse()
            rows = found[max(offset, 0) : max(offset, 0) + max(limit, 0)]
        return [_to_line(template, live, row, granted) for row in rows]


def catalogue_count(
    archive: Archive, actor: Actor, *, filters: CatalogueFilter | None = None
) -> int:
    """How many catalogue lines match (searching does not record an event here)."""
    flt = filters or CatalogueFilter()
    live = authorize(archive, actor, Action.CATALOGUE_VIEW)
    query = _query_text(flt)
    with archive.unit_of_work() as uow:
        stmt = _filtered(sa.select(sa.func.count()).select_from(Customer), flt)
        if query:
            ids = _search_ids(uow, live, query)
            if not ids:
                return 0
            stmt = stmt.where(Customer.id.in_(ids))
        return int(uow.session.scalar(stmt) or 0)


def catalogue_choices(archive: Archive, actor: Actor) -> CatalogueChoices:
    """The filter combos' choices: the template's categories, the managers who hold archives."""
    authorize(archive, actor, Action.CATALOGUE_VIEW)
    template = current_template()
    with archive.unit_of_work() as uow:
        owners = sa.select(Customer.manager_id).distinct()
        managers = sa.select(UserRole.user_id).where(UserRole.role == Role.MANAGER.value)
        rows = uow.session.execute(
            sa.select(User.id, User.display_name, User.login)
            .where(sa.or_(User.id.in_(owners), User.id.in_(managers)))
            .order_by(User.display_name, User.login)
        ).all()
    return CatalogueChoices(
        categories=[Choice(c.key, c.label) for c in template.categories],
        subtypes={c.key: [Choice(s.key, s.label) for s in c.subtypes] for c in template.categories},
        managers=[Choice(r.id, r.display_name) for r in rows],
        tiers=[Choice(t, TIER_LABELS[t]) for t in TIERS],
        statuses=[Choice(s, STATUS_LABELS[s]) for s in STATUSES],
    )


# --- filed records under the modification workflow (article 10) ------------------------------


def comparable_record(customer: Customer, data: Mapping[str, Any]) -> dict[str, Any]:
    """A record in one normal form, so that old and new compare item by item.

    Both sides go through the same normalisation as a save (totals computed,
    empty table rows dropped, carriers as the form shows them): a difference
    is then a real change, not a spelling of the same value.
    """
    template = current_template()
    prepared = _prepare(template, customer.category, customer.subtype, data, None)
    record: dict[str, Any] = dict(prepared.content)
    record["tier"] = TIER_LABELS[prepared.tier]
    record["retention_years"] = prepared.retention_years
    record["retrieval_remarks"] = prepared.remarks or None
    record[CARRIER_GROUP] = [
        {
            "kind": CARRIER_KINDS.get(c.kind, c.kind),
            "cabinet": c.cabinet,
            "box": c.box,
            "folder": c.folder,
            "note": c.note,
        }
        for c in prepared.carriers
    ]
    return record


def stored_record(
    archive: Archive, customer: Customer, holder: Actor | None, vault: UnitOfWork | None = None
) -> dict[str, Any]:
    """The record as it is filed now (content and common items); CustodianRequired if in the vault."""
    stored = _read_record(archive, customer, holder, vault)
    if stored is None:
        raise CustodianRequired()
    return _full_record(customer, stored[0])


def item_labels(customer: Customer) -> dict[str, str]:
    labels = _labels(current_template(), customer.category, customer.subtype)
    labels.setdefault("tier", "密级")
    labels.setdefault("retention_years", "保管期限(年)")
    labels.setdefault("retrieval_remarks", "检索备注")
    labels.setdefault(CARRIER_GROUP, "档案载体")
    return labels


def replace_record(
    uow: UnitOfWork, customer: Customer, data: Mapping[str, Any], vault: UnitOfWork | None
) -> int:
    """Write an approved change of a filed record; returns its new version.

    The tier is not changed here: raising or lowering it is its own procedure
    (article 16), so a change of tier is refused rather than slipped through.
    """
    template = current_template()
    prepared = _prepare(template, customer.category, customer.subtype, data, None)
    if prepared.tier != customer.tier:
        raise Conflict("修改申请不能变更密级。标定或降低密级须另行办理(制度第16条)。")
    if customer.tier != "ordinary" and vault is None:
        raise CustodianRequired()
    _refuse_duplicate(uow, prepared.identity, exclude_id=customer.id)
    _apply(uow, customer, prepared, template)
    if vault is not None:
        _refuse_duplicate_in_vault(
            vault, template, prepared.identity, exclude_ref=customer.archive_no
        )
        _write_vault(vault, customer, prepared)
    return customer.version


def live_custodian(archive: Archive, custodian: Actor | None) -> Actor | None:
    """The custodian present in person, if they may open the vault now (article 16)."""
    return _live_custodian(archive, custodian)


@contextmanager
def open_vault(archive: Archive, holder: Actor | None) -> Iterator[UnitOfWork | None]:
    """vault.db's unit of work for one action with a custodian present, shut afterwards.

    Yields None without a custodian. The caller commits the vault just before
    main.db (see the module docstring), or leaves and nothing is written.
    """
    if holder is None:
        yield None
        return
    try:
        with _vault_uow(archive, holder) as vault:
            yield vault
    finally:
        archive.close_vault()


def by_archive_no(session: Session, text: str) -> Customer | None:
    """The customer whose archive number a person typed (full-width or lower case alike), or None.

    Registers that name a customer by its number (transfers, external
    provision) find it through this; it reads the catalogue line only.
    """
    number = unicodedata.normalize("NFKC", text or "").strip().upper()
    if not number:
        return None
    return session.scalar(sa.select(Customer).where(sa.func.upper(Customer.archive_no) == number))
