"""统计 (article 5): every statistic against counts the test works out from what it created.

The archives are made through the workflows (drafts; one 机密 farmer with the
custodian present), then their catalogue columns are set as time would have
set them (created months apart, filed, closed, destroyed, completeness) and
a few requests of each kind are written; every expected figure is counted
here in Python from that list, never by the module under test.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from app.errors import InvalidInput, NotPermitted
from app.models import Customer, Request, RequestCustomer
from app.security.roles import Role
from app.workflows import consultation, customers, external_provision, modification
from app.workflows import statistics as stats
from app.workflows.auth import Actor
from app.workflows.statistics import Period, Table
from tests.conftest import Branch
from tests.integration.helpers import audit_rows, details, last_seq


@dataclass
class Made:
    """One archive as the test made it."""

    id: int
    name: str
    manager: str
    subtype: str
    town: str
    village: str
    rating: str | None
    tier: str = "ordinary"
    status: str = "draft"
    created: datetime = datetime(2026, 1, 10, 2, 0)
    completeness: int = 50

    @property
    def month(self) -> str:
        return self.local(self.created).strftime("%Y-%m")

    @staticmethod
    def local(moment: datetime) -> datetime:
        return moment.replace(tzinfo=UTC).astimezone()


#: (manager, sub-type, township, village, rating, tier, status, created (UTC), completeness)
PLAN: list[tuple] = [
    *[("m1", "farmer", "桥头河镇", "石门村", "优秀", "ordinary", "filed", (2025, 3, 5), 100)] * 4,
    ("m1", "farmer", "桥头河镇", "石门村", "较好", "ordinary", "filed", (2025, 3, 9), 100),
    ("m1", "farmer", "桥头河镇", "石门村", "差", "ordinary", "draft", (2025, 4, 1), 60),
    ("m1", "farmer", "桥头河镇", "石门村", None, "ordinary", "draft", (2025, 4, 2), 40),
    *[("m1", "farmer", "安平镇", "安平村", "一般", "ordinary", "filed", (2025, 7, 20), 90)] * 3,
    ("m1", "farmer", "安平镇", "安平村", "较好", "ordinary", "closed", (2024, 11, 3), 100),
    ("m1", "urban", "蓝田街道", "光明社区", None, "ordinary", "filed", (2024, 12, 30), 85),
    ("m1", "urban", "蓝田街道", "光明社区", None, "ordinary", "destroyed", (2024, 1, 15), 100),
    ("m1", "farmer", "桥头河镇", "石门村", "优秀", "secret", "filed", (2025, 3, 6), 100),
    *[("m2", "farmer", "桥头河镇", "石门村", "优秀", "ordinary", "filed", (2025, 5, 1), 100)] * 2,
    ("m2", "farmer", "湄江镇", "塞海村", "差", "ordinary", "filed", (2025, 5, 2), 70),
    *[("m2", "farmer", "湄江镇", "塞海村", "较好", "ordinary", "filed", (2025, 12, 31), 100)] * 5,
    *[("m2", "sole_trader", "湄江镇", "塞海村", None, "ordinary", "draft", (2026, 1, 2), 30)] * 3,
]
PERIOD_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))
#: requests: (kind, submitted (UTC) or None, the customer's index in PLAN)
REQUESTS: list[tuple[str, tuple | None, int]] = [
    ("consultation", (2025, 3, 10), 0),
    ("consultation", (2025, 3, 11), 16),
    ("consultation", (2025, 8, 1), 1),
    ("modification", (2025, 3, 20), 2),
    ("modification", (2025, 9, 2), 17),
    ("copy", (2025, 8, 15), 3),
    ("external", (2024, 12, 1), 4),
    ("external", (2025, 3, 1), 18),
    ("update", (2025, 3, 12), 5),  # not counted: an update submission
    ("consultation", None, 6),  # not counted: never submitted
]


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "m1": branch.add_user("manager", [Role.MANAGER]),
        "m2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR]),
        "service": branch.add_user("service", [Role.SERVICE_HEAD]),
        "inspector": branch.add_user("inspector", [Role.INSPECTOR]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "unit_head": branch.add_user("unithead", [Role.UNIT_HEAD]),
        "keeper": branch.login("keeper"),
    }


def _record(name: str, town: str, village: str, rating: str | None, tier: str) -> dict:
    data = {"name": name, "township": town, "village": village, "tier": tier}
    if rating:
        data["credit_rating"] = rating
    return data


@pytest.fixture
def made(branch: Branch, people: dict[str, Actor]) -> list[Made]:
    rows: list[Made] = []
    for i, (who, sub, town, village, rating, tier, status, day, complete) in enumerate(PLAN):
        name = f"测试客户{i:02d}"
        label = {"ordinary": "普通", "secret": "机密"}[tier]
        ref = customers.create_customer(
            branch.archive,
            people[who],
            category="individual",
            subtype=sub,
            data=_record(name, town, village, rating, label),
            custodian=people["keeper"] if tier != "ordinary" else None,
        )
        rows.append(
            Made(
                ref.id, name, who, sub, town, village, rating, tier, status, datetime(*day, 2, 0),
                complete,
            )
        )  # fmt: skip
    with branch.archive.unit_of_work() as uow:
        for m in rows:
            uow.session.execute(
                sa.update(Customer)
                .where(Customer.id == m.id)
                .values(status=m.status, created_at=m.created, completeness=m.completeness)
            )
        ids = {who: people[who].user_id for who in ("m1", "m2")}
        for i, (kind, day, index) in enumerate(REQUESTS):
            target = rows[index]
            moment = datetime(*day, 3, 0) if day else None
            request = Request(
                serial=f"TJ-{i:04d}",
                kind=kind,
                state="submitted" if moment else "draft",
                requester_id=people["staff"].user_id,
                customer_id=target.id if kind in ("modification", "update") else None,
                payload="{}",
                content_hash="0" * 64,
                created_at=moment or datetime(2025, 1, 1),
                submitted_at=moment,
            )
            uow.session.add(request)
            uow.session.flush()
            if kind not in ("modification", "update"):
                uow.session.add(
                    RequestCustomer(
                        request_id=request.id, customer_id=target.id, manager_id=ids[target.manager]
                    )
                )
        uow.commit()
    return rows


# --- reading tables -----------------------------------------------------------------------------


def cells(table: Table) -> dict[tuple[str, str], stats.Cell]:
    """(row label, column) -> cell; the row label of sub-types without their indent."""
    return {
        (row.label, column): cell
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    }


def check_shown(table: Table, expected: dict[tuple[str, str], int]) -> None:
    """Every expected count is shown as itself, or hidden by the rules ("<3" / "*")."""
    got = cells(table)
    assert set(got) == set(expected), (
        sorted(set(got) - set(expected)),
        sorted(set(expected) - set(got)),
    )
    for key, n in expected.items():
        cell = got[key]
        assert cell.value == n, (key, cell, n)
        if n in (1, 2):
            assert (cell.hidden, cell.text) == ("small", "<3"), (key, cell)
        elif cell.hidden:
            assert (cell.hidden, cell.text, n >= 3) == ("complement", "*", True), (key, cell)
        else:
            assert cell.text == str(n), (key, cell)


def check_lines_safe(values: dict, lines: list[tuple[list, object]], hidden: dict) -> None:
    """No line with a shown total lets one subtract to a hidden number: an independent check.

    The hidden members of such a line must not be a single cell, nor all at
    their least possible values (1 for "<3", 3 for "*"), nor all "<3" at 2.
    """
    for members, total in lines:
        if total in hidden:
            continue
        held = [k for k in members if k in hidden]
        if not held:
            continue
        assert len(held) >= 2, (members, total, held)
        least = sum(1 if hidden[k] == "small" else 3 for k in held)
        actual = sum(values[k] for k in held)
        assert actual != least, (members, held)
        if all(hidden[k] == "small" for k in held):
            assert actual != 2 * len(held), (members, held)


def _table_lines(table: Table) -> tuple[dict, list, dict]:
    """The table's own lines as a reader sees them: rows across, columns down to the total."""
    values, hidden = {}, {}
    items = [r for r in table.rows if r.kind == "item"]
    total = next(r for r in table.rows if r.kind == "total")
    wide = len(table.columns) > 1
    data_cols = list(range(len(table.columns) - 1 if wide else 1))
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            values[(r, c)] = cell.value
            if cell.hidden:
                hidden[(r, c)] = cell.hidden
    index = {id(row): r for r, row in enumerate(table.rows)}
    t = index[id(total)]
    lines = []
    if wide:
        for r in range(len(table.rows)):
            if table.rows[r].kind != "branch":
                lines.append(([(r, c) for c in data_cols], (r, len(table.columns) - 1)))
    tops = [index[id(r)] for r in table.rows if r.kind in ("subtotal",)] or [
        index[id(r)] for r in items
    ]
    for c in range(len(table.columns)):
        lines.append(([(r, c) for r in tops], (t, c)))
    return values, lines, hidden


def open_all(branch: Branch, actor: Actor, period: Period | None = None) -> dict[str, Table]:
    return {key: stats.statistic(branch.archive, actor, key, period) for key in stats.STATISTICS}


# --- expected figures, from the list -------------------------------------------------------------


def in_period(m: Made, period: Period | None) -> bool:
    if period is None:
        return True
    day = Made.local(m.created).date()
    return (period.start is None or day >= period.start) and (
        period.end is None or day <= period.end
    )


SUB_LABELS = {"farmer": "农户", "urban": "城镇居民", "sole_trader": "个体工商户"}


def expected_simple(rows: list[Made], attr, labels: dict[str, str], column="档案数") -> dict:
    counts = Counter(attr(m) for m in rows)
    result = {(label, column): counts.get(key, 0) for key, label in labels.items()}
    result[("合计", column)] = len(rows)
    return result


def band(completeness: int) -> str:
    if completeness == 100:
        return "100%(完整)"
    return "0-49%" if completeness < 50 else "50-79%" if completeness < 80 else "80-99%"


def village_expected(rows: list[Made], total_label: str = "合计") -> dict:
    ratings = ["优秀", "较好", "一般", "差", "未评级"]
    farmers = [
        m
        for m in rows
        if m.subtype == "farmer" and m.tier == "ordinary" and m.status != "destroyed"
    ]
    result = {}
    for place in sorted({(m.town, m.village) for m in farmers}):
        here = [m for m in farmers if (m.town, m.village) == place]
        label = f"{place[0]} {place[1]}"
        for r in ratings:
            result[(label, r)] = sum(1 for m in here if (m.rating or "未评级") == r)
        result[(label, "合计")] = len(here)
    for r in ratings:
        result[(total_label, r)] = sum(1 for m in farmers if (m.rating or "未评级") == r)
    result[(total_label, "合计")] = len(farmers)
    return result


# --- the tests -----------------------------------------------------------------------------------


def test_branch_statistics_match_counts_made_here(
    branch: Branch, people: dict[str, Actor], made: list[Made]
) -> None:
    tables = open_all(branch, people["director"])
    live = [m for m in made if m.status != "destroyed"]

    category = cells(tables["category"])
    assert category[("个人客户(小计)", "档案数")].value == len(live)
    for sub, label in SUB_LABELS.items():
        assert category[(label, "档案数")].value == sum(1 for m in live if m.subtype == sub)
    assert category[("单位客户(小计)", "档案数")].value == 0
    assert category[("合计", "档案数")].value == len(live)
    assert category[("其他个人", "档案数")].text == "0"

    check_shown(
        tables["tier"],
        expected_simple(
            live, lambda m: m.tier, {"ordinary": "普通", "secret": "机密", "top_secret": "绝密"}
        ),
    )
    # the one 机密 archive shows "<3"; 普通 is the only other number of the column: it hides
    # too ("*"), or the total minus 普通 would give the 1 away
    tier = cells(tables["tier"])
    assert (tier[("机密", "档案数")].text, tier[("普通", "档案数")].text) == ("<3", "*")
    assert (tier[("绝密", "档案数")].text, tier[("合计", "档案数")].text) == ("0", str(len(live)))

    check_shown(
        tables["status"],
        expected_simple(
            made,
            lambda m: m.status,
            {"draft": "草稿", "filed": "在册", "closed": "已销户", "destroyed": "已销毁"},
        ),
    )
    check_shown(
        tables["completeness"],
        expected_simple(
            live,
            lambda m: band(m.completeness),
            {b: b for b in ("0-49%", "50-79%", "80-99%", "100%(完整)")},
        ),
    )
    manager_rows = {
        "m1": "用户manager(manager)",
        "m2": "用户manager2(manager2)",
    }
    check_shown(tables["manager"], expected_simple(live, lambda m: m.manager, manager_rows))

    months = sorted({m.month for m in made})
    first, last = months[0], months[-1]
    span = [f"{y:04d}-{mo:02d}" for y in range(2024, 2027) for mo in range(1, 13)]
    span = [s for s in span if first <= s <= last]
    new = {}
    for month in span:
        n = sum(1 for m in made if m.month == month)
        new.update({(month, "个人客户"): n, (month, "单位客户"): 0, (month, "特殊类客户"): 0})
        new[(month, "合计")] = n
    new.update(
        {("合计", "个人客户"): len(made), ("合计", "单位客户"): 0, ("合计", "特殊类客户"): 0}
    )
    new[("合计", "合计")] = len(made)
    check_shown(tables["new_monthly"], new)

    check_shown(tables["village_rating"], village_expected(made))
    village = tables["village_rating"]
    assert any("机密、绝密" in note for note in village.notes)
    # the secret farmer of 石门村 (优秀) is not counted: only the six ordinary ones are
    assert cells(village)[("桥头河镇 石门村", "优秀")].value == 6

    for key, table in tables.items():
        if key == "procedures":
            continue
        values, lines, hidden = _table_lines(table)
        check_lines_safe(values, lines, hidden)


def test_procedures_per_month_count_requests_not_customers(
    branch: Branch, people: dict[str, Actor], made: list[Made]
) -> None:
    assert {consultation.KIND, modification.KIND, external_provision.KIND} <= set(
        stats.PROCEDURE_KINDS
    )
    table = stats.statistic(branch.archive, people["inspector"], "procedures")
    counted = [r for r in REQUESTS if r[1] is not None and r[0] in stats.PROCEDURE_KINDS]
    labels = stats.PROCEDURE_KINDS
    month = lambda day: Made.local(datetime(*day, 3, 0)).strftime("%Y-%m")  # noqa: E731
    got = cells(table)
    for kind, label in labels.items():
        assert got[("合计", label)].value == sum(1 for r in counted if r[0] == kind)
        for m in {month(r[1]) for r in counted}:
            n = sum(1 for r in counted if r[0] == kind and month(r[1]) == m)
            assert (got[(m, label)].value, got[(m, label)].text) == (n, str(n))  # never "<3"
    assert got[("合计", "合计")].value == len(counted) == 8
    assert not table.counts_customers
    assert table.items[0].label == "2024-12"

    in_2025 = stats.statistic(branch.archive, people["inspector"], "procedures", PERIOD_2025)
    assert [r.label for r in in_2025.items] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert cells(in_2025)[("合计", "合计")].value == len(counted) - 1  # not the 2024 one
    assert cells(in_2025)[("2025-03", "查阅")].value == 2


def test_the_period_filters_by_creation_date(
    branch: Branch, people: dict[str, Actor], made: list[Made]
) -> None:
    tables = open_all(branch, people["service"], PERIOD_2025)
    within = [m for m in made if in_period(m, PERIOD_2025)]
    live = [m for m in within if m.status != "destroyed"]
    assert 0 < len(within) < len(made)
    check_shown(
        tables["status"],
        expected_simple(
            within,
            lambda m: m.status,
            {"draft": "草稿", "filed": "在册", "closed": "已销户", "destroyed": "已销毁"},
        ),
    )
    assert cells(tables["category"])[("合计", "档案数")].value == len(live)
    check_shown(tables["village_rating"], village_expected(within))
    assert [r.label for r in tables["new_monthly"].items] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert cells(tables["new_monthly"])[("2025-07", "合计")].value == 3
    # the last day of the period counts in full (2025-12-31 02:00 UTC is that day everywhere east)
    assert cells(tables["new_monthly"])[("2025-12", "合计")].value == 5

    with pytest.raises(InvalidInput, match="起始日期不能晚于截止日期"):
        stats.statistic(
            branch.archive, people["director"], "tier", Period(date(2025, 2, 1), date(2025, 1, 1))
        )
    with pytest.raises(InvalidInput):
        stats.statistic(branch.archive, people["director"], "nonsense")


def test_a_manager_sees_own_tables_and_the_branch_totals(
    branch: Branch, people: dict[str, Actor], made: list[Made]
) -> None:
    tables = open_all(branch, people["m2"])
    mine = [m for m in made if m.manager == "m2" and m.status != "destroyed"]
    others = [m for m in made if m.manager != "m2" and m.status != "destroyed"]

    manager = tables["manager"]
    assert [r.label for r in manager.rows] == ["用户manager2(manager2)", "本人合计", "全网点合计"]
    assert manager.rows[0].cells[0].value == len(mine)
    assert manager.rows[-1].cells[0].text == str(len(mine) + len(others))

    category = cells(tables["category"])
    assert category[("农户", "档案数")].value == sum(1 for m in mine if m.subtype == "farmer")
    assert category[("城镇居民", "档案数")].text == "0"  # manager1's only
    assert category[("全网点合计", "档案数")].value == len(mine) + len(others)

    village = tables["village_rating"]
    labels = [r.label for r in village.rows]
    assert labels == ["桥头河镇 石门村", "湄江镇 塞海村", "本人合计", "全网点合计"]
    own = village_expected([m for m in made if m.manager == "m2"], "本人合计")
    for key, n in own.items():
        assert cells(village)[key].value == n
    # the branch's line: a figure that exceeds manager2's own by 1 or 2 is hidden
    branch_line = village_expected(made, "全网点合计")
    own_line = village_expected([m for m in made if m.manager == "m2"], "本人合计")
    for column in ("优秀", "较好", "一般", "差", "未评级", "合计"):
        cell = cells(village)[("全网点合计", column)]
        total = branch_line[("全网点合计", column)]
        difference = total - own_line[("本人合计", column)]
        assert cell.value == total
        if difference in (1, 2) or total in (1, 2):
            assert cell.text == "<3", (column, cell)
        elif cell.hidden:
            assert cell.text == "*" and difference >= 3
        else:
            assert cell.text == str(total)
    hidden = [c for c in village.rows[-1].cells[:-1] if c.hidden]
    # 差: manager1 has 1 (<3); 较好: 2 (<3). never a single hidden number in the line
    assert len(hidden) != 1

    procedures = cells(tables["procedures"])
    assert procedures[("本人合计", "查阅")].value == 1  # the one about manager2's customer
    assert procedures[("本人合计", "修改")].value == 1
    assert procedures[("本人合计", "对外提供")].value == 1
    assert procedures[("全网点合计", "查阅")].value == 3


def test_who_may_see_statistics(branch: Branch, people: dict[str, Actor], made: list[Made]) -> None:
    for who in ("director", "service", "inspector"):
        table = stats.statistic(branch.archive, people[who], "manager")
        assert [r.kind for r in table.rows] == ["item", "item", "total"], who
        assert not stats.is_own_view(people[who])
    assert stats.is_own_view(people["m1"])
    for who in ("staff", "unit_head", "keeper"):
        with pytest.raises(NotPermitted):
            stats.statistic(branch.archive, people[who], "category")
        with pytest.raises(NotPermitted):
            stats.report_pdf(branch.archive, people[who])
        with pytest.raises(NotPermitted):
            stats.export_xlsx(branch.archive, people[who], branch.root.parent / f"{who}.xlsx")
        assert not (branch.root.parent / f"{who}.xlsx").exists()
    with pytest.raises(NotPermitted):
        stats.statistic(branch.archive, branch.admin, "category")


def test_views_prints_and_exports_are_audited(
    branch: Branch, people: dict[str, Actor], made: list[Made], tmp_path: Path
) -> None:
    seq = last_seq(branch.archive)
    stats.statistic(branch.archive, people["director"], "village_rating", PERIOD_2025)
    stats.record_print(branch.archive, people["director"], "print", PERIOD_2025)
    stats.record_print(branch.archive, people["director"], "save")
    stats.export_xlsx(branch.archive, people["director"], tmp_path / "统计", PERIOD_2025)
    with pytest.raises(InvalidInput):
        stats.record_print(branch.archive, people["director"], "fax")
    events = [(r.actor, r.action, details(r)) for r in audit_rows(branch.archive, seq)]
    period = {"period_from": "2025-01-01", "period_to": "2025-12-31"}
    assert events == [
        ("director", "statistics.view", {"statistic": "village_rating", **period}),
        ("director", "statistics.print", {"output": "print", **period}),
        ("director", "statistics.print", {"output": "save"}),
        ("director", "statistics.export", {"count": len(stats.STATISTICS), **period}),
    ]
    assert (tmp_path / "统计.xlsx").exists()


def test_printed_report_reads_back(
    branch: Branch, people: dict[str, Actor], made: list[Made]
) -> None:
    data = stats.report_pdf(branch.archive, people["director"], PERIOD_2025)
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert reader.metadata.title == "客户档案统计表"
    assert "涟源市某某信用社" in text
    assert "2025-01-01 至 2025-12-31" in text
    assert "用户director(director)" in text
    for i, page in enumerate(pages, 1):
        assert f"第 {i} 页 共 {len(pages)} 页" in page
    for title in stats.STATISTIC_LABELS.values():
        assert title in text
    assert "<3" in text and "机密、绝密" in text
    for m in made:
        assert m.name not in text


def test_excel_export_holds_the_tables_and_no_customer(
    branch: Branch, people: dict[str, Actor], made: list[Made], tmp_path: Path
) -> None:
    path = tmp_path / "统计表.xlsx"
    count = stats.export_xlsx(branch.archive, people["director"], path)
    assert count == len(stats.STATISTICS)
    workbook = openpyxl.load_workbook(path)
    assert len(workbook.sheetnames) == len(stats.STATISTICS)
    tables = open_all(branch, people["director"])
    values: list[object] = []
    for sheet, key in zip(workbook.worksheets, stats.STATISTICS, strict=True):
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        values += [v for r in rows for v in r if v is not None]
        table = tables[key]
        header = rows.index([table.row_header, *table.columns])
        for row, line in zip(table.rows, rows[header + 1 :], strict=False):
            assert str(line[0]).strip("\u3000") == row.label
            assert line[1 : 1 + len(row.cells)] == [
                c.text if c.hidden else c.value for c in row.cells
            ]
    text = json.dumps([str(v) for v in values], ensure_ascii=False)
    for m in made:
        assert m.name not in text
    assert "<3" in text


def test_suppress_hides_what_a_total_would_give_away() -> None:
    # one small cell in a line: the smallest other (>= 3) is hidden too
    values = {"a": 1, "b": 5, "c": 9, "t": 15}
    assert stats.suppress(values, [(["a", "b", "c"], "t")]) == {"a": "small", "b": "complement"}
    # 1 + 3 hidden would still be worked out (the least they could be): one more
    values = {"a": 1, "b": 3, "c": 4, "d": 9, "t": 17}
    assert stats.suppress(values, [(["a", "b", "c", "d"], "t")]) == {
        "a": "small",
        "b": "complement",
        "c": "complement",
    }
    # two small cells of 1 and 2: safe as they are; two of 1: hide one more
    assert stats.suppress({"a": 1, "b": 2, "c": 7, "t": 10}, [(["a", "b", "c"], "t")]) == {
        "a": "small",
        "b": "small",
    }
    assert stats.suppress({"a": 1, "b": 1, "c": 7, "t": 9}, [(["a", "b", "c"], "t")]) == {
        "a": "small",
        "b": "small",
        "c": "complement",
    }
    # nothing else to hide: the total goes
    assert stats.suppress({"a": 2, "b": 0, "t": 2}, [(["a", "b"], "t")]) == {
        "a": "small",
        "t": "small",
    }
    assert stats.suppress(
        {"a": 1, "b": 4, "t": 5, "u": 5, "g": 10}, [(["a", "b"], "t"), (["t", "u"], "g")]
    ) == {
        "a": "small",
        "b": "complement",
    }
    assert stats.suppress({"a": 0, "b": 4, "t": 4}, [(["a", "b"], "t")]) == {}


def test_raising_a_tier_takes_the_archive_out_of_the_village_table(
    branch: Branch, people: dict[str, Actor], made: list[Made]
) -> None:
    from app.workflows import tier

    target = made[7]  # manager1's ordinary farmer of 安平村, rated 一般, filed
    before = cells(stats.statistic(branch.archive, people["director"], "village_rating"))
    tier.raise_tier(
        branch.archive,
        people["m1"],
        target.id,
        "secret",
        custodian=people["keeper"],
        reason="客户要求保密",
    )
    after = cells(stats.statistic(branch.archive, people["director"], "village_rating"))
    assert after[("安平镇 安平村", "一般")].value == before[("安平镇 安平村", "一般")].value - 1
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, target.id)
        assert (row.content, row.stat_township, row.stat_village, row.stat_credit_rating) == (
            None,
            None,
            None,
            None,
        )
