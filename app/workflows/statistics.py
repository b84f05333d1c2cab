"""统计 (article 5): counts for later query and statistics, never a customer's content.

"为了便于后期客户信息的查询和统计,客户信息必须按涟源市信用合作联社的要求分类填写":
the union asks branches for counts. Each statistic is one GROUP BY over
main.db (no row is loaded one by one): archives by category and sub-type, by
customer manager, by tier, by status, by completeness band, new archives per
month, the procedures per month (consultations, modifications, copies and
external provisions) and the credit ratings of 农户 by village. Every one is
filtered by a period of local dates (archives by the day they were created,
procedures by the day they were submitted).

Who sees what (STATISTICS_VIEW): the director, the service head and the
inspectors see the branch's tables (STATISTICS_VIEW_BRANCH); a customer
manager sees the tables of their own customers and, as one last line, the
branch's totals.

Content: the village and the credit rating are read from the content of
普通 archives only. The content of 机密/绝密 archives lives in vault.db and no
statistic opens it: those archives are counted by their catalogue columns
(category, tier, status, manager, completeness) and left out of the village
table, which says so.

Small numbers: a cell counting customers that would show 1 or 2 shows "<3"
(0 stays 0). Where a total shown beside such cells would let a reader
subtract their way to a hidden number (one hidden cell in a line, or hidden
cells that could only be all 1 or all 2), the smallest other number of that
line is hidden too and shows "*"; where the line has none, its total shows
"*". For a manager the branch's line is checked against what the manager
already knows: a branch figure that exceeds the manager's own by 1 or 2 shows
"<3", with the same rule for the line. Counts of procedures count requests,
not customers, and are shown as they are.

Each opening is one "statistics.view" event; printing and saving the report
("statistics.print") and the Excel export ("statistics.export") are events
too. The export holds the tables' numbers and labels only.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Customer, Request, RequestCustomer, User, UserRole
from app.models.base import utcnow
from app.models.customer import CATEGORY_LABELS, STATUS_LABELS, STATUSES, TIER_LABELS, TIERS
from app.security.permissions import Action
from app.security.roles import Role
from app.storage.archive import Archive
from app.template import current_template
from app.template.model import Template
from app.workflows.auth import Actor, authorize

#: the statistics in the order the page and the report show them
STATISTICS: tuple[str, ...] = (
    "category",
    "manager",
    "tier",
    "status",
    "completeness",
    "new_monthly",
    "procedures",
    "village_rating",
)
STATISTIC_LABELS: dict[str, str] = {
    "category": "按类别和子类",
    "manager": "按客户经理",
    "tier": "按密级",
    "status": "按档案状态",
    "completeness": "按完整度",
    "new_monthly": "每月新建档案",
    "procedures": "每月查阅、修改、复制摘抄和对外提供",
    "village_rating": "农户信用等级(按村)",
}
#: the procedures counted per month: request kind -> column
PROCEDURE_KINDS: dict[str, str] = {
    "consultation": "查阅",
    "modification": "修改",
    "copy": "复制摘抄",
    "external": "对外提供",
}
#: completeness bands: (lowest, highest, label)
COMPLETENESS_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 49, "0-49%"),
    (50, 79, "50-79%"),
    (80, 99, "80-99%"),
    (100, 100, "100%(完整)"),
)
OUTPUTS = {"print": "打印", "save": "另存为 PDF"}
SMALL = "<3"
COMPLEMENT = "*"
UNRATED = "未评级"
UNFILLED = "(未填写)"
#: a month table covers at most this many months (thirty years, the longest retention)
MAX_MONTHS = 360
SUPPRESSION_NOTE = (
    f"“{SMALL}”:不足 3 户(1 或 2)不显示;“{COMPLEMENT}”:为防止由合计推算出不足 3 的数而不显示。"
)
SECRET_NOTE = "机密、绝密档案的内容存于保密库,统计不读取:本表不含机密、绝密档案。"


# --- what the views, the report and the export receive -------------------------------------------


@dataclass(frozen=True)
class Period:
    """Local dates, both included; None is open-ended."""

    start: date | None = None
    end: date | None = None

    @property
    def text(self) -> str:
        if self.start and self.end:
            return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"
        if self.start:
            return f"{self.start:%Y-%m-%d} 起"
        if self.end:
            return f"至 {self.end:%Y-%m-%d}"
        return "全部时间"

    def details(self) -> dict[str, object]:
        result: dict[str, object] = {}
        if self.start:
            result["period_from"] = self.start.isoformat()
        if self.end:
            result["period_to"] = self.end.isoformat()
        return result


@dataclass(frozen=True)
class Cell:
    """One number: ``value`` is None when it is not shown (``hidden`` says why)."""

    value: int | None
    #: "" shown | "small" (1 or 2: "<3") | "complement" (would reveal a small one: "*")
    hidden: str = ""

    @property
    def text(self) -> str:
        if self.hidden == "small":
            return SMALL
        if self.hidden:
            return COMPLEMENT
        return f"{self.value}"


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    #: item | subtotal | total | branch (a manager's view: the branch's totals)
    kind: str = "item"
    #: 1 for the sub-types under their category
    indent: int = 0


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    #: which column the bar chart draws (of the item rows)
    chart_column: int = 0
    #: the cells count customers (small numbers are hidden)
    counts_customers: bool = True

    @property
    def items(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind == "item")


@dataclass(frozen=True)
class Report:
    """Every statistic for one period, for printing and for the export."""

    branch_name: str
    period: Period
    scope: str
    tables: tuple[Table, ...]
    printed_by: str
    #: local wall-clock time
    printed_at: datetime


# --- small numbers -------------------------------------------------------------------------------


def suppress(
    values: Mapping[Hashable, int],
    lines: Sequence[tuple[Sequence[Hashable], Hashable]],
    *,
    primary: Iterable[Hashable] | None = None,
) -> dict[Hashable, str]:
    """Which cells to hide: {key: "small" | "complement"}.

    ``values`` holds every cell, totals included; each line is (members,
    total) with the members summing to the total. Cells of 1 or 2 (or those
    in ``primary``) are hidden ("small"). Then, until nothing changes, a line
    whose hidden members a reader could work out from its shown total and
    other members (one hidden member; or hidden members that can only be all
    1 or all 2, or all at their least) hides its smallest other member of 3
    or more ("complement"), or, having none, its total.
    """
    keys = list(values)
    order = {k: i for i, k in enumerate(keys)}
    small = set(primary) if primary is not None else {k for k in keys if values[k] in (1, 2)}
    hidden: dict[Hashable, str] = {k: "small" for k in keys if k in small}
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if total in hidden:
                continue
            held = [k for k in members if k in hidden]
            if not held or not _deducible(held, values, hidden):
                continue
            spare = [k for k in members if k not in hidden and values[k] >= 3]
            if spare:
                hidden[min(spare, key=lambda k: (values[k], order[k]))] = "complement"
            else:
                hidden[total] = "complement"
            changed = True
    return hidden


def _deducible(held: list[Hashable], values: Mapping[Hashable, int], hidden: dict) -> bool:
    if len(held) == 1:
        return True
    total = sum(values[k] for k in held)
    least = sum(1 if hidden[k] == "small" else 3 for k in held)
    if total == least:
        return True
    return all(hidden[k] == "small" for k in held) and total == 2 * len(held)


# --- the period ----------------------------------------------------------------------------------


def _utc(day: date) -> datetime:
    """Local midnight at the start of ``day``, as stored (naive UTC)."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC).replace(tzinfo=None)


def _bounds(period: Period) -> tuple[datetime | None, datetime | None]:
    if period.start and period.end and period.start > period.end:
        raise InvalidInput("统计期间的起始日期不能晚于截止日期。请重新选择。")
    start = _utc(period.start) if period.start else None
    end = _utc(period.end + timedelta(days=1)) if period.end else None
    return start, end


def _month_shift() -> str:
    """SQLite modifier from stored UTC to the branch's clock (months by local date)."""
    offset = datetime.now().astimezone().utcoffset() or timedelta()
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def _local_month(column: Any) -> Any:
    return sa.func.strftime("%Y-%m", column, _month_shift())


def _within(column: Any, bounds: tuple[datetime | None, datetime | None]) -> list[Any]:
    start, end = bounds
    where = []
    if start is not None:
        where.append(column >= start)
    if end is not None:
        where.append(column < end)
    return where


def _months(found: Iterable[str], period: Period) -> list[str]:
    """Every month of the period (or from the first to the last found), oldest first."""
    found = sorted(m for m in found if m)
    first = f"{period.start:%Y-%m}" if period.start else (found[0] if found else None)
    last = f"{period.end:%Y-%m}" if period.end else (found[-1] if found else None)
    if first is None or last is None:
        return []
    if not period.end and found and found[-1] > last:
        last = found[-1]
    year, month = int(first[:4]), int(first[5:])
    months = []
    while len(months) <= MAX_MONTHS:
        label = f"{year:04d}-{month:02d}"
        if label > last:
            break
        months.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) > MAX_MONTHS:
        raise InvalidInput(
            f"统计期间超过 {MAX_MONTHS // 12} 年,按月统计的表太长。请缩短统计期间后再试。"
        )
    return months


# --- building tables -----------------------------------------------------------------------------


@dataclass
class _Grid:
    """Counts by (row, column) before layout; rows and columns in display order."""

    rows: list[tuple[Hashable, str]]
    columns: list[tuple[Hashable, str]]
    counts: dict[tuple[Hashable, Hashable], int] = field(default_factory=dict)
    #: row key -> the category it belongs under (the category table only)
    groups: dict[Hashable, tuple[Hashable, str]] = field(default_factory=dict)

    def get(self, r: Hashable, c: Hashable) -> int:
        return self.counts.get((r, c), 0)


def _layout(
    key: str,
    grid: _Grid,
    *,
    row_header: str,
    own: bool,
    branch: _Grid | None,
    counts_customers: bool = True,
    notes: Sequence[str] = (),
) -> Table:
    """Rows of the grid, subtotals, a total column (two or more columns) and the total row.

    ``own``: a manager's view: the total row reads 本人合计 and ``branch`` (the
    same grid over the whole branch) gives one more row, 全网点合计.
    """
    cols = [c for c, _ in grid.columns]
    wide = len(cols) > 1
    values: dict[Hashable, int] = {}
    lines: list[tuple[list[Hashable], Hashable]] = []
    layout: list[tuple[str, str, int, list[Hashable]]] = []

    def row_keys(name: Hashable) -> list[Hashable]:
        keys: list[Hashable] = [(name, c) for c in cols]
        if wide:
            keys.append((name, "Σ"))
            lines.append((keys[:-1], keys[-1]))
        return keys

    group_order: list[tuple[Hashable, str]] = []
    members: dict[Hashable, list[Hashable]] = defaultdict(list)
    for r, _ in grid.rows:
        group = grid.groups.get(r)
        if group is not None:
            if group not in group_order:
                group_order.append(group)
            members[group[0]].append(r)

    def fill(name: Hashable, counts: Callable[[Hashable], int]) -> None:
        for c in cols:
            values[(name, c)] = counts(c)
        if wide:
            values[(name, "Σ")] = sum(counts(c) for c in cols)

    labels = dict(grid.rows)
    tops: list[Hashable] = []
    if group_order:
        for gkey, glabel in group_order:
            sub = ("subtotal", gkey)
            fill(sub, lambda c, g=gkey: sum(grid.get(r, c) for r in members[g]))
            layout.append((f"{glabel}(小计)", "subtotal", 0, row_keys(sub)))
            tops.append(sub)
            for r in members[gkey]:
                fill(r, lambda c, r=r: grid.get(r, c))
                layout.append((labels[r], "item", 1, row_keys(r)))
            for c in [*cols, *(["Σ"] if wide else [])]:
                lines.append(([(r, c) for r in members[gkey]], (sub, c)))
    else:
        for r, label in grid.rows:
            fill(r, lambda c, r=r: grid.get(r, c))
            layout.append((label, "item", 0, row_keys(r)))
            tops.append(r)
    total = "total"
    fill(total, lambda c: sum(values[(t, c)] for t in tops))
    layout.append(("本人合计" if own else "合计", "total", 0, row_keys(total)))
    for c in [*cols, *(["Σ"] if wide else [])]:
        lines.append(([(t, c) for t in tops], (total, c)))

    hidden = suppress(values, lines) if counts_customers else {}
    rows = [
        Row(label, tuple(Cell(values[k], hidden.get(k, "")) for k in keys), kind, indent)
        for label, kind, indent, keys in layout
    ]
    if branch is not None:
        rows.append(_branch_row(branch, values, cols, wide, counts_customers))
    headers = tuple(label for _, label in grid.columns) + (("合计",) if wide else ())
    return Table(
        key=key,
        title=STATISTIC_LABELS[key],
        row_header=row_header,
        columns=headers,
        rows=tuple(rows),
        notes=tuple(notes) + ((SUPPRESSION_NOTE,) if counts_customers else ()),
        chart_column=len(headers) - 1,
        counts_customers=counts_customers,
    )


def _branch_row(
    branch: _Grid,
    own: Mapping[Hashable, int],
    cols: list[Hashable],
    wide: bool,
    counts_customers: bool,
) -> Row:
    """全网点合计 for a manager: hidden where it would show what others hold in small numbers."""
    totals = {c: sum(branch.get(r, c) for r, _ in branch.rows) for c in cols}
    if wide:
        totals["Σ"] = sum(totals[c] for c in cols)
    keys = [*cols, *(["Σ"] if wide else [])]
    hidden: dict[Hashable, str] = {}
    if counts_customers:
        others = {c: max(totals[c] - own[("total", c)], 0) for c in keys}
        lines = [(cols, "Σ")] if wide else []
        hidden = suppress(others, lines)
        for c in keys:
            if totals[c] in (1, 2):
                hidden[c] = "small"
    return Row("全网点合计", tuple(Cell(totals[c], hidden.get(c, "")) for c in keys), "branch")


# --- the statistics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Query:
    """What every statistic of one opening shares."""

    session: Session
    template: Template
    period: Period
    bounds: tuple[datetime | None, datetime | None]
    #: the manager whose own customers are counted; None for the branch
    manager_id: int | None

    def customers(self, *extra: Any, live: bool = True, village: bool = False) -> list[Any]:
        """The archives counted; ``village``: every filter off its own index (see _bare)."""
        created = _bare(Customer.created_at) if village else Customer.created_at
        where = list(extra) + _within(created, self.bounds)
        if live:
            where.append(Customer.status != "destroyed")
        if self.manager_id is not None:
            # "+ 0": not the manager_id index (a lookup per row), the covering one
            where.append(Customer.manager_id + 0 == self.manager_id)
        return where

    def branch(self) -> _Query:
        return _Query(self.session, self.template, self.period, self.bounds, None)


def _bare(column: Any) -> Any:
    """``+customers.x``: the column's value, but not its own index.

    SQLite would otherwise read a one-column index (tier, category ...) for
    its order or its equality and look up each row: at 100,000 archives the
    covering indexes of migration m0011 are ten times faster.
    """
    return sa.literal_column(f"+customers.{column.key}", type_=column.type)


def _count_by(
    q: _Query, columns: Sequence[Any], where: list[Any], source: Any = Customer
) -> list[Any]:
    stmt = sa.select(*columns, sa.func.count()).select_from(source).where(*where).group_by(*columns)
    return list(q.session.execute(stmt))


def _category_grid(q: _Query) -> _Grid:
    found = {
        (cat, sub): n
        for cat, sub, n in _count_by(
            q, (_bare(Customer.category), _bare(Customer.subtype)), q.customers()
        )
    }
    grid = _Grid(rows=[], columns=[("n", "档案数")])
    known: set[tuple[str, str]] = set()
    for cat in q.template.categories:
        for sub in cat.subtypes:
            key = (cat.key, sub.key)
            known.add(key)
            grid.rows.append((key, sub.label))
            grid.groups[key] = (cat.key, cat.label)
    for cat, sub in sorted(set(found) - known):  # a sub-type a newer template dropped
        key = (cat, sub)
        grid.rows.append((key, sub))
        grid.groups[key] = (cat, CATEGORY_LABELS.get(cat, cat))
    # rows grouped by category, in template order
    order = [c.key for c in q.template.categories]
    grid.rows.sort(key=lambda r: order.index(r[0][0]) if r[0][0] in order else len(order))
    grid.counts = {(k, "n"): n for k, n in found.items()}
    return grid


def _simple_grid(
    q: _Query, column: Any, labels: Sequence[tuple[str, str]], *, live: bool = True
) -> _Grid:
    found = dict(_count_by(q, (column,), q.customers(live=live)))
    rows = list(labels) + [(k, k) for k in sorted(set(found) - {k for k, _ in labels})]
    return _Grid(rows=rows, columns=[("n", "档案数")], counts={(k, "n"): found[k] for k in found})


def _band(column: Any) -> Any:
    return sa.case(
        *((column <= high, label) for _, high, label in COMPLETENESS_BANDS[:-1]),
        else_=COMPLETENESS_BANDS[-1][2],
    )


def _manager_grid(q: _Query) -> _Grid:
    found = dict(_count_by(q, (_bare(Customer.manager_id),), q.customers()))
    people = {
        uid: (login, name, status)
        for uid, login, name, status in q.session.execute(
            sa.select(User.id, User.login, User.display_name, User.status)
        )
    }
    managers = set(
        q.session.scalars(sa.select(UserRole.user_id).where(UserRole.role == Role.MANAGER.value))
    )
    ids = set(found)
    if q.manager_id is None:
        ids |= {uid for uid in managers if people.get(uid, ("", "", ""))[2] == "active"}
    else:
        ids = {q.manager_id}
    rows = []
    for uid in sorted(ids, key=lambda u: (people.get(u, ("", "", ""))[0], u)):
        login, name, status = people.get(uid, ("?", "?", ""))
        mark = "" if status == "active" else "(已停用)" if status == "disabled" else "(已注销)"
        rows.append((uid, f"{name}({login}){mark}"))
    return _Grid(rows=rows, columns=[("n", "档案数")], counts={(k, "n"): found[k] for k in found})


def _new_monthly_grid(q: _Query) -> _Grid:
    month = _local_month(Customer.created_at)
    found = _count_by(q, (month, _bare(Customer.category)), q.customers(live=False))
    columns = [(c.key, c.label) for c in q.template.categories]
    columns += [
        (k, CATEGORY_LABELS.get(k, k))
        for k in sorted({c for _, c, _ in found})
        if k not in {c for c, _ in columns}
    ]
    return _Grid(
        rows=[(m, m) for m in _months({m for m, _, _ in found}, q.period)],
        columns=columns,
        counts={(m, c): n for m, c, n in found},
    )


def _procedure_counts(q: _Query) -> list[Any]:
    month = _local_month(Request.submitted_at)
    where = [Request.kind.in_(PROCEDURE_KINDS), Request.submitted_at.is_not(None)]
    where += _within(Request.submitted_at, q.bounds)
    if q.manager_id is not None:
        listed = (
            sa.select(RequestCustomer.request_id)
            .where(RequestCustomer.manager_id == q.manager_id)
            .scalar_subquery()
        )
        owned = sa.select(Customer.id).where(Customer.manager_id == q.manager_id)
        where.append(sa.or_(Request.id.in_(listed), Request.customer_id.in_(owned)))
    return _count_by(q, (month, Request.kind), where, Request)


def _procedure_grid(q: _Query) -> _Grid:
    found = _procedure_counts(q)
    return _Grid(
        rows=[(m, m) for m in _months({m for m, _, _ in found}, q.period)],
        columns=list(PROCEDURE_KINDS.items()),
        counts={(m, k): n for m, k, n in found},
    )


def _ratings(template: Template) -> tuple[str, ...]:
    for cat in template.categories:
        if cat.key != "individual":
            continue
        for sub in cat.subtypes:
            if sub.key != "farmer":
                continue
            for item in template.fields_for(cat.key, sub.key):
                if item.key == "credit_rating":
                    return item.options
    return ()


def _village_grid(q: _Query) -> _Grid:
    # copies of three content values, written with the content, read from their index
    # (migrations m0011, m0012; app/models/customer.py STATISTICS_KEYS)
    town, village, rating = (
        Customer.stat_township,
        Customer.stat_village,
        Customer.stat_credit_rating,
    )
    where = q.customers(
        _bare(Customer.category) == "individual",
        _bare(Customer.subtype) == "farmer",
        _bare(Customer.tier) == "ordinary",
        village=True,
    )
    found = _count_by(q, (town, village, rating), where)
    options = _ratings(q.template)
    columns = [(o, o) for o in options] + [(UNRATED, UNRATED)]
    counts: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    places: set[tuple[str, str]] = set()
    for t, v, r, n in found:
        place = ((t or "").strip(), (v or "").strip())
        places.add(place)
        counts[(place, r if r in options else UNRATED)] += n
    rows = [
        (p, f"{p[0] or UNFILLED} {p[1] or UNFILLED}")
        for p in sorted(places, key=lambda p: (p[0] == "", p[0], p[1] == "", p[1]))
    ]
    return _Grid(rows=rows, columns=columns, counts=dict(counts))


_BUILDERS: dict[str, Callable[[_Query], _Grid]] = {
    "category": _category_grid,
    "manager": _manager_grid,
    "tier": lambda q: _simple_grid(q, _bare(Customer.tier), [(t, TIER_LABELS[t]) for t in TIERS]),
    "status": lambda q: _simple_grid(
        q, _bare(Customer.status), [(s, STATUS_LABELS[s]) for s in STATUSES], live=False
    ),
    "completeness": lambda q: _simple_grid(
        q, _band(Customer.completeness), [(b[2], b[2]) for b in COMPLETENESS_BANDS]
    ),
    "new_monthly": _new_monthly_grid,
    "procedures": _procedure_grid,
    "village_rating": _village_grid,
}
_ROW_HEADERS = {
    "category": "类别 / 子类",
    "manager": "客户经理",
    "tier": "密级",
    "status": "档案状态",
    "completeness": "完整度",
    "new_monthly": "月份",
    "procedures": "月份(提交)",
    "village_rating": "乡镇(街道) 村(社区)",
}
_NOTES = {
    "category": ("不含已销毁档案。",),
    "manager": ("不含已销毁档案。",),
    "tier": ("不含已销毁档案。",),
    "status": ("含已销毁档案。",),
    "completeness": ("不含已销毁档案;完整度按分类模板的必填项计算。",),
    "new_monthly": ("按建档日期统计,含其后已销毁的档案。",),
    "procedures": ("按提交日期统计申请件数(不是客户数);含其后被驳回、撤回的申请。",),
    "village_rating": (
        SECRET_NOTE,
        "仅农户;不含已销毁档案;乡镇、村和信用等级按档案内容中填写的统计。",
    ),
}


def is_own_view(actor: Actor) -> bool:
    """A manager without the branch's tables: their own customers and the branch's totals."""
    return not actor.may(Action.STATISTICS_VIEW_BRANCH)


def scope_text(actor: Actor) -> str:
    if is_own_view(actor):
        return f"{actor.display_name}管户的客户(另列全网点合计)"
    return "全网点"


def _table(q: _Query, key: str) -> Table:
    build = _BUILDERS[key]
    own = q.manager_id is not None
    counts_customers = key != "procedures"
    notes = _NOTES[key]
    if own:
        notes = ("本人管户的客户;最后一行为全网点合计。", *notes)
        if key == "procedures":
            notes = ("涉及本人管户客户的申请;最后一行为全网点合计。", *_NOTES[key])
    return _layout(
        key,
        build(q),
        row_header=_ROW_HEADERS[key],
        own=own,
        branch=build(q.branch()) if own else None,
        counts_customers=counts_customers,
        notes=notes,
    )


def _check(key: str) -> None:
    if key not in _BUILDERS:
        raise InvalidInput("没有这项统计。请从列表中选择。")


def _query(archive: Archive, live: Actor, session: Session, period: Period) -> _Query:
    return _Query(
        session=session,
        template=current_template(),
        period=period,
        bounds=_bounds(period),
        manager_id=live.user_id if is_own_view(live) else None,
    )


def statistic(archive: Archive, actor: Actor, key: str, period: Period | None = None) -> Table:
    """One statistic for ``period``; the opening is a "statistics.view" event."""
    live = authorize(archive, actor, Action.STATISTICS_VIEW)
    _check(key)
    period = period or Period()
    with archive.unit_of_work() as uow:
        table = _table(_query(archive, live, uow.session, period), key)
        uow.audit(
            live.login,
            "statistics.view",
            target_type="statistics",
            target_id=key,
            details={"statistic": key, **period.details()},
        )
        uow.commit()
    return table


def _local_now() -> datetime:
    return utcnow().replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def report(archive: Archive, actor: Actor, period: Period | None = None) -> Report:
    """Every statistic for ``period`` (nothing recorded: printing or exporting it is)."""
    live = authorize(archive, actor, Action.STATISTICS_VIEW)
    period = period or Period()
    with archive.unit_of_work() as uow:
        q = _query(archive, live, uow.session, period)
        tables = tuple(_table(q, key) for key in STATISTICS)
    return Report(
        branch_name=archive.header.branch_name,
        period=period,
        scope=scope_text(live),
        tables=tables,
        printed_by=f"{live.display_name}({live.login})",
        printed_at=_local_now(),
    )


def report_pdf(archive: Archive, actor: Actor, period: Period | None = None) -> bytes:
    """The printable report as PDF bytes, for the preview; :func:`record_print` when it leaves."""
    from app.printing.statistics_report import render_report

    buffer = io.BytesIO()
    render_report(report(archive, actor, period), buffer)
    return buffer.getvalue()


def record_print(archive: Archive, actor: Actor, output: str, period: Period | None = None) -> None:
    """ "statistics.print": the report was printed or saved as a PDF."""
    live = authorize(archive, actor, Action.STATISTICS_VIEW)
    if output not in OUTPUTS:
        raise InvalidInput("未知的输出方式。")
    period = period or Period()
    with archive.unit_of_work() as uow:
        uow.audit(
            live.login,
            "statistics.print",
            target_type="statistics",
            target_id="report",
            details={"output": output, **period.details()},
        )
        uow.commit()


def export_xlsx(
    archive: Archive, actor: Actor, path: str | Path, period: Period | None = None
) -> int:
    """The tables to an Excel workbook, one sheet each; returns how many tables.

    Numbers and labels only: the cells hidden on screen are hidden here too.
    One "statistics.export" event, committed after the file is complete; a
    failure removes the file.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    from app.workflows import xlsx_io

    live = authorize(archive, actor, Action.STATISTICS_EXPORT)
    period = period or Period()
    target = xlsx_io.xlsx_path(path)
    data = report(archive, live, period)
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    right = Alignment(horizontal="right")
    for number, table in enumerate(data.tables, 1):
        ws = xlsx_io.streaming_sheet(
            workbook, f"{number}-{table.title}"[:31], [30] + [12] * len(table.columns)
        )

        def line(*values: object, strong: bool = False, ws: Any = ws) -> None:
            cells = []
            for i, value in enumerate(values):
                cell = WriteOnlyCell(
                    ws, value=xlsx_io.excel_text(value) if isinstance(value, str) else value
                )
                if isinstance(value, str):
                    cell.data_type = "s"  # a label that looks like a formula stays text
                if strong:
                    cell.font = bold
                if i:
                    cell.alignment = right
                cells.append(cell)
            ws.append(cells)

        line(f"{data.branch_name} 客户档案统计:{table.title}", strong=True)
        line(f"统计期间:{data.period.text};范围:{data.scope}")
        line(f"导出人:{data.printed_by};导出时间:{data.printed_at:%Y-%m-%d %H:%M}")
        line()
        line(table.row_header, *table.columns, strong=True)
        for row in table.rows:
            values: list[object] = [
                c.value if not c.hidden and c.value is not None else c.text for c in row.cells
            ]
            line(("　" * row.indent) + row.label, *values, strong=row.kind != "item")
        line()
        for note in table.notes:
            line(note)
    with archive.unit_of_work() as uow:
        xlsx_io.save(workbook, target)
        try:
            uow.audit(
                live.login,
                "statistics.export",
                target_type="statistics",
                target_id="report",
                details={"count": len(data.tables), **period.details()},
            )
            uow.commit()
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return len(data.tables)
