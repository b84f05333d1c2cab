"""Retention periods (article 18): the rules file, and which archives have run out.

The rules are data, not code: ``resources/retention.toml``, revised by the
customer-service management department (article 22) like the classification
template. A file that cannot be used is refused with its name, line and the
problem in Chinese (:class:`RetentionError`); until it is corrected nothing
is listed as due, because keeping an archive too long can be put right and
destroying one too early cannot.

How an archive's period is worked out (the file's header says the same to
the people who revise it):

* the period is the longest of the archive's own ``retention_years`` (typed
  when it was filed) and every rule of the file that applies to its category
  (the anti-money-laundering minimum for customer identity information, the
  union's own period per category);
* it is counted from the end of the business relationship: for an archive
  marked 已销户 the day it was closed (``customers.closed_at``); for one still
  在册, the last change to it (``updated_at``: filing, an approved
  modification), taken as the last dealing with the customer, which the
  manager confirms by asking for the destruction at all;
* an archive is due from the day its period has run out. Drafts and archives
  already destroyed are never due.
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.errors import AppError, NotPermitted
from app.models import Carrier, Customer, Request, RequestCustomer, User
from app.models.customer import CARRIER_KINDS, CATEGORY_LABELS, STATUS_LABELS, TIER_LABELS
from app.resources import resource_path
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.template import current_template
from app.workflows.auth import Actor, refresh

RULES_FILE = "retention.toml"
#: the statuses whose retention can run out (a draft was never an archive; destroyed is done)
DUE_STATUSES = ("filed", "closed")
YEARS_MIN, YEARS_MAX = 1, 100
#: requests still under way: an archive with one of these is not destroyed under it
OPEN_STATES = ("draft", "submitted")
DESTRUCTION_KIND = "destruction"

_KEY_NAME = re.compile(r"[a-z][a-z0-9_]*")
_RULE_ATTRS = frozenset({"key", "label", "categories", "years", "basis"})
_TOP_ATTRS = frozenset({"version", "name", "rules", "methods"})
_TOML_POSITION = re.compile(r"at line (\d+)")


class RetentionError(AppError):
    """The rules file cannot be used; the message names the file, the line and the problem."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        where = f"第 {line} 行:" if line else ""
        super().__init__(
            f"保管期限规则文件“{path}”{where}{problem}。"
            "请客户服务管理部按文件开头的说明改正;改正前不列出任何到期待销毁的档案。"
        )
        self.path = str(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    categories: tuple[str, ...]
    years: int
    basis: str


@dataclass(frozen=True)
class RetentionRules:
    version: int
    name: str
    rules: tuple[Rule, ...]
    #: carrier kind -> the destruction methods one may choose, the first being the default
    methods: Mapping[str, tuple[str, ...]]
    path: str = ""

    def rules_for(self, category: str) -> list[Rule]:
        return [rule for rule in self.rules if category in rule.categories]

    def minimum_years(self, category: str) -> int:
        """The longest rule for this category (an archive's own period may be longer)."""
        return max((rule.years for rule in self.rules_for(category)), default=0)

    def period(self, category: str, own_years: int | None) -> tuple[int, str]:
        """(years, what set them): the longest of the archive's own period and the rules."""
        years, source = own_years or 0, "档案填写的保管期限"
        for rule in self.rules_for(category):
            if rule.years > years:
                years, source = rule.years, rule.label
        return years, source

    def default_method(self, kind: str) -> str:
        return self.methods[kind][0]


# --- loading -------------------------------------------------------------------------------------


class _Lines:
    """Where things are in the file's text, for messages (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.rule_starts = [
            n
            for n, line in enumerate(self.lines, start=1)
            if re.match(r"\s*\[\[\s*rules\s*\]\]", line)
        ]
        self.methods_start = next(
            (
                n
                for n, line in enumerate(self.lines, start=1)
                if re.match(r"\s*\[\s*methods\s*\]", line)
            ),
            None,
        )

    def _find(self, name: str, start: int, end: int | None) -> int | None:
        pattern = re.compile(rf"\s*{re.escape(name)}\s*=")
        stop = end if end is not None else len(self.lines) + 1
        for n in range(start, stop):
            if n - 1 < len(self.lines) and pattern.match(self.lines[n - 1]):
                return n
        return None

    def _block_end(self, start: int) -> int | None:
        for n in range(start + 1, len(self.lines) + 1):
            if re.match(r"\s*\[", self.lines[n - 1]):
                return n
        return None

    def top(self, name: str) -> int | None:
        first_table = next(
            (n for n, line in enumerate(self.lines, start=1) if re.match(r"\s*\[", line)), None
        )
        return self._find(name, 1, first_table)

    def rule(self, index: int, attr: str | None = None) -> int | None:
        if index >= len(self.rule_starts):
            return None
        start = self.rule_starts[index]
        if attr is None:
            return start
        return self._find(attr, start + 1, self._block_end(start)) or start

    def method(self, kind: str | None = None) -> int | None:
        if self.methods_start is None:
            return None
        if kind is None:
            return self.methods_start
        found = self._find(kind, self.methods_start + 1, self._block_end(self.methods_start))
        return found or self.methods_start


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_rules(text: str, path: str | Path = RULES_FILE) -> RetentionRules:
    """The rules in ``text``; RetentionError with the line for the first problem found."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if not line:
            match = _TOML_POSITION.search(str(exc))
            line = int(match.group(1)) if match else None
        raise RetentionError(path, line, "不是有效的 TOML 格式(检查引号、括号和等号)") from None
    where = _Lines(text)
    for name in data:
        if name not in _TOP_ATTRS:
            raise RetentionError(path, where.top(name), f"未知的项目“{name}”")
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise RetentionError(path, where.top("version"), "第一行须为 version = 版本号(正整数)")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise RetentionError(path, where.top("name"), "name 须为文字")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RetentionError(path, None, "至少须有一条 [[rules]] 规则")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules):
        rules.append(_rule(raw, index, where, path, seen))
    methods = _methods(data.get("methods"), where, path)
    return RetentionRules(
        version=int(version), name=name, rules=tuple(rules), methods=methods, path=str(path)
    )


def _rule(raw: object, index: int, where: _Lines, path: str | Path, seen: set[str]) -> Rule:
    if not isinstance(raw, dict):
        raise RetentionError(path, where.rule(index), "规则须写成 [[rules]] 一节")
    for attr in raw:
        if attr not in _RULE_ATTRS:
            raise RetentionError(path, where.rule(index, attr), f"规则中未知的项目“{attr}”")
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY_NAME.fullmatch(key):
        raise RetentionError(
            path, where.rule(index, "key"), "key 须为小写英文字母开头的代码(字母、数字、下划线)"
        )
    if key in seen:
        raise RetentionError(path, where.rule(index, "key"), f"规则代码“{key}”重复")
    seen.add(key)
    label = _text(raw.get("label"))
    if label is None:
        raise RetentionError(path, where.rule(index, "label"), f"规则“{key}”缺少中文名称 label")
    categories = raw.get("categories")
    if (
        not isinstance(categories, list)
        or not categories
        or not all(isinstance(c, str) for c in categories)
    ):
        raise RetentionError(
            path, where.rule(index, "categories"), f"规则“{key}”的 categories 须为类别代码的列表"
        )
    unknown = [c for c in categories if c not in CATEGORY_LABELS]
    if unknown:
        raise RetentionError(
            path,
            where.rule(index, "categories"),
            f"规则“{key}”中未知的客户类别“{unknown[0]}”"
            "(可用 individual 个人客户、organisation 单位客户、special 特殊类客户)",
        )
    years = raw.get("years")
    if not _is_int(years) or not YEARS_MIN <= years <= YEARS_MAX:
        raise RetentionError(
            path,
            where.rule(index, "years"),
            f"规则“{key}”的 years 须为 {YEARS_MIN} 至 {YEARS_MAX} 的整数",
        )
    basis = _text(raw.get("basis"))
    if basis is None:
        raise RetentionError(path, where.rule(index, "basis"), f"规则“{key}”缺少依据 basis")
    return Rule(key, label, tuple(dict.fromkeys(categories)), int(years), basis)


def _methods(raw: object, where: _Lines, path: str | Path) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise RetentionError(path, where.method(), "缺少 [methods] 一节(每种载体的销毁方式)")
    for kind in raw:
        if kind not in CARRIER_KINDS:
            raise RetentionError(
                path,
                where.method(kind),
                f"未知的载体种类“{kind}”(可用 paper 纸质、disk 磁盘、electronic 电子)",
            )
    methods: dict[str, tuple[str, ...]] = {}
    for kind, label in CARRIER_KINDS.items():
        values = raw.get(kind)
        if values is None:
            raise RetentionError(path, where.method(), f"缺少{label}载体的销毁方式 {kind}")
        if (
            not isinstance(values, list)
            or not values
            or not all(_text(v) for v in values)
            or any(len(str(v)) > 20 for v in values)
        ):
            raise RetentionError(
                path,
                where.method(kind),
                f'{label}载体的销毁方式须为文字的列表,每项不超过 20 字,如 ["粉碎"]',
            )
        methods[kind] = tuple(dict.fromkeys(str(v).strip() for v in values))
    return methods


def load_rules(path: Path) -> RetentionRules:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise RetentionError(path, None, "文件不存在") from None
    except UnicodeDecodeError:
        raise RetentionError(path, None, "不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise RetentionError(path, None, f"无法读取({type(exc).__name__})") from None
    return parse_rules(text, path)


_cache: dict[str, tuple[tuple[int, int], RetentionRules]] = {}
_cache_lock = threading.Lock()


def rules_path() -> Path:
    return resource_path(RULES_FILE)


def current_rules(path: Path | None = None) -> RetentionRules:
    """The rules in force, read again whenever the file has changed (a revision applies at once)."""
    path = path or rules_path()
    try:
        stat = path.stat()
    except OSError:
        raise RetentionError(path, None, "文件不存在") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(str(path))
        if cached is not None and cached[0] == stamp:
            return cached[1]
    rules = load_rules(path)
    with _cache_lock:
        _cache[str(path)] = (stamp, rules)
    return rules


# --- dates ---------------------------------------------------------------------------------------


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def relationship_end(status: str, closed_at: datetime | None, updated_at: datetime) -> date:
    """When the retention period starts (see the module docstring)."""
    if status == "closed" and closed_at is not None:
        return closed_at.date()
    return updated_at.date()


def due_on(
    rules: RetentionRules,
    category: str,
    own_years: int | None,
    status: str,
    closed_at: datetime | None,
    updated_at: datetime,
) -> tuple[date, int, str]:
    """(the first day the archive is due, its period in years, what set the period)."""
    years, source = rules.period(category, own_years)
    return add_years(relationship_end(status, closed_at, updated_at), years), years, source


# --- the due list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarrierCount:
    kind: str
    kind_label: str
    count: int


@dataclass(frozen=True)
class DueLine:
    """An archive whose retention period has run out: a catalogue line, no content."""

    customer_id: int
    archive_no: str
    category: str
    category_label: str
    subtype_label: str
    tier: str
    tier_label: str
    status: str
    status_label: str
    manager_id: int
    manager_name: str
    #: 张*丰 ("" for secret tier)
    title_masked: str
    created_on: date
    relationship_end: date
    retention_years: int
    #: the rule (or the archive's own period) that set the retention
    retention_source: str
    due_on: date
    carriers: tuple[CarrierCount, ...]
    #: an open destruction request already lists it (its serial), or ""
    pending_serial: str
    #: another request about it is still under way (its serial), or ""
    blocked_by: str

    @property
    def needs_custodian(self) -> bool:
        return self.tier != "ordinary"

    @property
    def carriers_text(self) -> str:
        return "、".join(f"{c.kind_label} {c.count}" for c in self.carriers)


def may_list(actor: Actor) -> bool:
    return actor.may(Action.DESTRUCTION_REQUEST) or actor.may(Action.DESTRUCTION_APPROVE)


def sees_all(actor: Actor) -> bool:
    """A manager proposes their own customers; the custodian and the director see all."""
    return actor.may(Action.VAULT_ACCESS) or actor.may(Action.DESTRUCTION_APPROVE)


def candidates(
    uow: UnitOfWork, rules: RetentionRules, today: date, *, manager_id: int | None = None
) -> sa.Select[Any]:
    """Customers that may be due: a coarse SQL cut by the rules' minimum per category."""
    c = Customer
    conditions = []
    for category in CATEGORY_LABELS:
        cutoff = datetime.combine(
            add_years(today, -rules.minimum_years(category)), datetime.max.time()
        )
        end = sa.case(
            (sa.and_(c.status == "closed", c.closed_at.is_not(None)), c.closed_at),
            else_=c.updated_at,
        )
        conditions.append(sa.and_(c.category == category, end <= cutoff))
    stmt = sa.select(c).where(c.status.in_(DUE_STATUSES), sa.or_(*conditions))
    if manager_id is not None:
        stmt = stmt.where(c.manager_id == manager_id)
    return stmt.order_by(c.archive_no)


def requests_under_way(
    uow: UnitOfWork, customer_ids: Sequence[int]
) -> tuple[dict[int, str], dict[int, str]]:
    """(customer -> serial of an open destruction request, customer -> another open request)."""
    pending: dict[int, str] = {}
    blocked: dict[int, str] = {}
    if not customer_ids:
        return pending, blocked
    rows = uow.session.execute(
        sa.select(RequestCustomer.customer_id, Request.serial, Request.kind, Request.state)
        .join(Request, Request.id == RequestCustomer.request_id)
        .where(
            RequestCustomer.customer_id.in_(list(customer_ids)),
            Request.state.in_((*OPEN_STATES, "approved")),
        )
        .order_by(Request.id)
    )
    for customer_id, serial, kind, state in rows:
        if kind == DESTRUCTION_KIND:
            pending.setdefault(customer_id, serial)
        elif state in OPEN_STATES:
            blocked.setdefault(customer_id, serial)
    return pending, blocked


def due_lines(
    uow: UnitOfWork,
    rules: RetentionRules,
    today: date,
    *,
    manager_id: int | None = None,
    customer_ids: Sequence[int] | None = None,
) -> list[DueLine]:
    """The due archives (all of them, or those among ``customer_ids``), in archive-number order."""
    template = current_template()
    stmt = candidates(uow, rules, today, manager_id=manager_id)
    if customer_ids is not None:
        stmt = stmt.where(Customer.id.in_(list(customer_ids)))
    found: list[tuple[Customer, date, int, str]] = []
    for customer in uow.session.scalars(stmt):
        day, years, source = due_on(
            rules,
            customer.category,
            customer.retention_years,
            customer.status,
            customer.closed_at,
            customer.updated_at,
        )
        if day <= today:
            found.append((customer, day, years, source))
    ids = [c.id for c, *_ in found]
    pending, blocked = requests_under_way(uow, ids)
    names = {row[0]: row[1] for row in uow.session.execute(sa.select(User.id, User.display_name))}
    counts: dict[int, dict[str, int]] = {}
    if ids:
        for customer_id, kind, count in uow.session.execute(
            sa.select(Carrier.customer_id, Carrier.kind, sa.func.count())
            .where(Carrier.customer_id.in_(ids))
            .group_by(Carrier.customer_id, Carrier.kind)
        ):
            counts.setdefault(customer_id, {})[kind] = count
    lines = []
    for customer, day, years, source in found:
        by_kind = counts.get(customer.id, {})
        category = next((c for c in template.categories if c.key == customer.category), None)
        subtype = (
            next((s.label for s in category.subtypes if s.key == customer.subtype), None)
            if category
            else None
        )
        lines.append(
            DueLine(
                customer_id=customer.id,
                archive_no=customer.archive_no,
                category=customer.category,
                category_label=CATEGORY_LABELS.get(customer.category, customer.category),
                subtype_label=subtype or customer.subtype,
                tier=customer.tier,
                tier_label=TIER_LABELS.get(customer.tier, customer.tier),
                status=customer.status,
                status_label=STATUS_LABELS.get(customer.status, customer.status),
                manager_id=customer.manager_id,
                manager_name=names.get(customer.manager_id, ""),
                title_masked=customer.name_masked if customer.tier == "ordinary" else "",
                created_on=customer.created_at.date(),
                relationship_end=relationship_end(
                    customer.status, customer.closed_at, customer.updated_at
                ),
                retention_years=years,
                retention_source=source,
                due_on=day,
                carriers=tuple(
                    CarrierCount(kind, label, by_kind[kind])
                    for kind, label in CARRIER_KINDS.items()
                    if by_kind.get(kind)
                ),
                pending_serial=pending.get(customer.id, ""),
                blocked_by=blocked.get(customer.id, ""),
            )
        )
    return lines


def due_for_destruction(
    archive: Archive, actor: Actor, *, today: date | None = None
) -> list[DueLine]:
    """到期待销毁: archives whose retention period has run out, by the rules in force.

    A manager sees their own customers; the custodian and the director see
    all. Raises RetentionError when the rules file cannot be used (nothing is
    listed then), NotPermitted for anyone who neither proposes nor approves.
    """
    live = refresh(archive, actor)
    if not may_list(live):
        raise NotPermitted(Action.DESTRUCTION_REQUEST.label)
    rules = current_rules()
    day = today or date.today()
    with archive.unit_of_work() as uow:
        return due_lines(uow, rules, day, manager_id=None if sees_all(live) else live.user_id)
