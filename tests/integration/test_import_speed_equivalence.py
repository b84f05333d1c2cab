"""The fast import reads, checks and writes exactly what the plain code does.

Three shortcuts are compared with the code they stand in for, on real files and
archives: the regular-expression scan of a sheet with ElementTree and openpyxl
(entities, rich text, formulas, namespaces, odd attribute orders); the quick
check of a row with the full check (same rows prepared, same problems, in the
same order); and the rows written in bulk with what the search index and
SQLAlchemy's own inserts would hold.
"""

from __future__ import annotations

import random
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa

from app.models import AuditEvent, Carrier, Customer
from app.security import audit
from app.security.roles import Role
from app.storage import search
from app.template import current_template
from app.workflows import customer_import as ci
from app.workflows import demo_data, xlsx_io
from app.workflows.auth import Actor
from tests.conftest import Branch

# --- reading ---------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_SHARED = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{_MAIN}" count="6" uniqueCount="6"><si><t>姓名</t></si><si><t>出生日期</t></si>
<si><r><t>张</t></r><r><rPr><color rgb="FFFF0000"/></rPr><t>三丰</t></r>\
<rPh sb="0" eb="1"><t>zhang</t></rPh></si><si><t xml:space="preserve"> 石门村 </t></si>
<si><t>A&amp;B &lt;公司&gt;</t></si><si><t>x005F_x000D_行&#10;二</t></si><si/></sst>"""
_ROWS = """\
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>
<row r="2" spans="1:9" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>32874</v></c>\
<c r="C2"><v>4.31382199001011E+17</v></c><c r="D2" t="b"><v>1</v></c>\
<c r="E2" t="str"><f>A1</f><v>公式</v></c><c r="F2" t="inlineStr"><is><t>行内</t></is></c>\
<c r="G2" t="s"><v>4</v></c><c r="H2" t="s"><v>5</v></c><c r="I2" t="s"><v>6</v></c></row>
<row r="4"><c r="B4"><v>12</v></c><c r="C4"><v>3.5</v></c><c r="D4" t="e"><v>#N/A</v></c>\
<c r="E4" t="inlineStr"><is><t xml:space="preserve"> 两边 </t></is></c>\
<c r="F4" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></is></c>\
<c r="G4" t="inlineStr"><is><t>A&amp;B &#x4E2D;&#20013;</t></is></c>\
<c r="H4" t="inlineStr"><is><t>一\r\n二\r三</t></is></c>\
<c r="I4" t="inlineStr" /></row>
<row r="5"><c r="A5" t="s"/></row>
<row r="6" >
  <c r="B6" s="1" t="n"><v>45000.5</v></c>
  <c t="n" r="C6" s="1"><v>45001</v></c>
  <c r="D6" t="d"><v>2024-01-05T00:00:00</v></c>
  <c r="E6"><v>-0</v></c><c r="E6"><v>7</v></c>
</row>
<row r="7"/><row r="8"><c r="AB8" t="inlineStr"><is><t>远</t></is></c></row>
<row><c r="A9" t="inlineStr"><is><t>无行号</t></is></c><c r="C9"><v>1E3</v></c></row>
"""


def _sheet(rows: str, *, root_extra: str = "", prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    declare = f'xmlns:{prefix}="{_MAIN}"' if prefix else f'xmlns="{_MAIN}"'
    if prefix:
        rows = rows.replace("<row", f"<{p}row").replace("</row", f"</{p}row")
        for tag in ("c", "v", "is", "t", "f", "r", "rPr", "b"):
            rows = rows.replace(f"<{tag}>", f"<{p}{tag}>").replace(f"<{tag} ", f"<{p}{tag} ")
            rows = rows.replace(f"</{tag}>", f"</{p}{tag}>").replace(f"<{tag}/>", f"<{p}{tag}/>")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<{p}worksheet {declare} xmlns:x14ac="
        '"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        f'{root_extra}><{p}dimension ref="A1:I9"/><{p}sheetData>\n{rows}</{p}sheetData>'
        f'<{p}pageMargins left="0.7"/></{p}worksheet>'
    )


def _workbook(path: Path, sheet: str | bytes, shared: str = _SHARED) -> Path:
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings'
            '+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship '
            f'Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{rels}">'
            '<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rels}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rels}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
        "xl/styles.xml": _STYLES,
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def _padded(sheet: xlsx_io.Sheet) -> list[tuple[int, list[Any]]]:
    width = len(sheet.headers)
    return [(n, list(v) + [None] * (width - len(v))) for n, v in sheet.rows]


SHEETS = {
    "excel": _sheet(_ROWS),
    "utf-8 mark": "\ufeff" + _sheet(_ROWS),
    "comment between rows": _sheet(_ROWS.replace('<row r="5">', '<!-- x --><row r="5">')),
    "prefixed": _sheet(_ROWS, prefix="x"),
    "second prefix for main": _sheet(_ROWS, root_extra=f'xmlns:m="{_MAIN}"').replace(
        '<c r="B4"><v>12</v></c>', '<m:c r="B4"><m:v>12</m:v></m:c>'
    ),
    "cdata": _sheet(_ROWS.replace("<t>行内</t>", "<t><![CDATA[行<内>]]></t>")),
    "empty": _sheet(""),
}


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_the_scan_reads_what_elementtree_and_openpyxl_read(tmp_path: Path, name: str) -> None:
    path = _workbook(tmp_path / "book.xlsx", SHEETS[name].encode("utf-8"))
    scanned = xlsx_io.read_fast(path, "")
    parsed = xlsx_io.read_fast(path, "", scan=False)
    assert scanned == parsed
    opened = xlsx_io.read_openpyxl(path, "")
    assert scanned.headers == opened.headers
    assert _padded(scanned) == _padded(opened)
    if name == "excel":
        values = dict(scanned.rows)
        assert values[2][0] == "张三丰" and values[2][6] == "A&B <公司>"
        assert values[4][5] == "富文本" and values[4][6] == "A&B 中中"
        assert values[4][7] == "一\n二\n三" and values[4][4] == " 两边 "
        assert values[6][4] == 7 and isinstance(values[6][1], datetime)
        assert 9 in values and len(values[8]) == 28


def test_the_scan_reads_openpyxl_workbooks_and_stops_when_asked(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "日期", "金额", "备注"])
    for i in range(350):
        sheet.append([f"张{i}", date(2000, 1, 1 + i % 28), i * 1.5, "A&B" if i % 7 else None])
    sheet.append([None, None, None, ""])
    sheet.append(["  ", None, 0, "=1+1"])
    path = tmp_path / "made.xlsx"
    workbook.save(path)
    scanned = xlsx_io.read_fast(path, "")
    assert scanned == xlsx_io.read_fast(path, "", scan=False)
    assert _padded(scanned) == _padded(xlsx_io.read_openpyxl(path, ""))
    head = xlsx_io.read_fast(path, "", header_only=True)
    assert head.headers == ["姓名", "日期", "金额", "备注"] and head.rows == []
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    part = xlsx_io.read_fast(path, "", cancelled)
    assert 0 < len(part.rows) < 350 and part.rows == scanned.rows[: len(part.rows)]


# --- checking --------------------------------------------------------------------------------

BAD_VALUES: list[Any] = [
    "abc", -5, 1e20, 4.31382199001011e17, 431382198001011234, "2099-01-01", "   ", "机密",
    "渔民", "1990-13-45", "x" * 600, 3.5, True, "是", "否", datetime(2030, 1, 1), "", "１２３",
    "0738-8321234", "12345", "１３８００１３８０００", "¥1,234.50元", "1.005", 0, -0.0, "纸质",
    "磁盘", "不知道", "431382198001011230", "  张三  ", "=1+1", "A&B<C>", "一\n二",
]  # fmt: skip


def _list(path: Path, category: str, keys: tuple[str, ...] | None, seed: int) -> Path:
    columns = [c for c in ci.import_columns(category) if keys is None or c.key in keys]
    headers = {c.key: c.header for c in columns}
    made = [m for m in demo_data.generate(900, seed) if m.category == category][:160]
    rng = random.Random(seed)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = ci.DATA_SHEET
    sheet.append([c.header for c in columns])
    rows: list[list[Any]] = []
    for customer in made:
        row = demo_data.import_row(customer, headers)
        values = [row.get(c.header) for c in columns]
        if rng.random() < 0.35:
            for _ in range(rng.choice((1, 1, 2))):
                values[rng.randrange(len(values))] = rng.choice(BAD_VALUES)
        if rows and rng.random() < 0.03:
            values = list(rng.choice(rows))  # the same customer twice
        rows.append(values)
        sheet.append(values)
    workbook.save(path)
    return path


def _checked(path: Path, category: str, subtype: str | None, quick: bool) -> ci._Checked:
    template = current_template()
    sheet = ci.read_workbook(path)
    plan = ci._plan(template, category, sheet, None, subtype)
    checker = ci._Checker(template, category)
    if not quick:
        checker.quick = lambda subtype, rows, quick: [None] * len(rows)  # type: ignore[method-assign]
    return ci._check_sheet(
        template, category, sheet, plan, subtype, checker, None, None, len(sheet.rows)
    )


TYPICAL = ("subtype", "name", "gender", "birth_date", "id_type", "id_number", "mobile")
TYPICAL += ("township", "village", "group_no", "household_size", "annual_household_income")
TYPICAL += ("credit_line", "retention_years", "carriers.kind", "carriers.cabinet", "carriers.box")


@pytest.mark.parametrize(
    ("category", "keys", "subtype"),
    [
        ("individual", None, None),
        ("individual", TYPICAL, None),
        ("individual", tuple(k for k in TYPICAL if k != "subtype"), "farmer"),
        ("organisation", None, None),
        ("special", None, None),
    ],
)
def test_the_quick_check_agrees_with_the_full_check(
    tmp_path: Path, category: str, keys: tuple[str, ...] | None, subtype: str | None
) -> None:
    path = _list(tmp_path / "list.xlsx", category, keys, seed=len(category) + len(keys or ()))
    fast = _checked(path, category, subtype, quick=True)
    full = _checked(path, category, subtype, quick=False)
    assert fast.problems and fast.prepared  # both kinds of rows are there
    assert fast.problems == full.problems
    assert fast.prepared == full.prepared
    assert fast.identities == full.identities


def test_the_quick_check_agrees_across_batches_and_mixed_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows taken in small batches, and columns whose cells mix text with numbers equal across
    types (1, 1.0, True): the quick check still prepares exactly what the full check does."""
    path = _list(tmp_path / "list.xlsx", "individual", TYPICAL, seed=11)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    size = headers.index(next(h for h in headers if h.startswith("家庭人口")))
    mobile = headers.index(next(h for h in headers if h.startswith("手机号码")))
    for n, row in enumerate(sheet.iter_rows(min_row=2), start=0):
        row[size].value = (1, 1.0, True, "1", 2, "2", 0, False)[n % 8]
        if n % 9 == 0:
            row[mobile].value = 13800138000 if n % 2 else "13800138000"
    workbook.save(path)
    monkeypatch.setattr(ci, "_QUICK_BATCH", 7)
    fast = _checked(path, "individual", None, quick=True)
    full = _checked(path, "individual", None, quick=False)
    assert fast.problems and fast.prepared
    assert fast.problems == full.problems
    assert fast.prepared == full.prepared


# --- writing ---------------------------------------------------------------------------------


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


def _index(session: Any) -> dict[str, list[tuple[Any, ...]]]:
    conn = session.connection()
    return {
        table: [tuple(row) for row in conn.execute(sa.text(f"SELECT {columns} FROM {table}"))]
        for table, columns in (
            ("customer_fts", "rowid, " + ", ".join(search.FTS_COLUMNS)),
            ("customer_search_keys", "customer_id, manager_id, name_len, archive_no"),
            ("customer_name_grams", "gram, infix, name_len, archive_no, customer_id"),
        )
    }


def test_written_rows_are_what_the_plain_inserts_and_a_rebuilt_index_hold(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    made = [m for m in demo_data.generate(400, seed=21) if m.category == "individual"]
    headers = {c.key: c.header for c in ci.import_columns("individual")}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(headers.values()))
    for m in made:
        row = demo_data.import_row(m, headers)
        sheet.append([row.get(h) for h in headers.values()])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    report = ci.import_customers(branch.archive, manager, path, category="individual")
    assert report.status == ci.STATUS_IMPORTED, report.lines()[:5]

    with branch.archive.unit_of_work() as uow:
        session = uow.session
        written = _index(session)
        assert search.rebuild_index(session) == len(made)
        rebuilt = _index(session)
        for table in written:
            assert sorted(written[table], key=repr) == sorted(rebuilt[table], key=repr), table
        session.rollback()

        mine = session.scalars(sa.select(Customer).order_by(Customer.id)).all()
        assert [c.archive_no for c in mine] == [
            f"LY-0101G{date.today().year}{n:06d}" for n in range(1, len(made) + 1)
        ]
        assert {c.version for c in mine} == {1}
        assert all(c.created_at == c.updated_at and c.created_by == manager.user_id for c in mine)
        # the same values written by SQLAlchemy's own insert come out the same
        table = Customer.__table__
        plain = {
            c.key: getattr(mine[0], c.key)
            for c in table.columns
            if c.key not in ("id", "archive_no", "identity_no", "version")
        }
        session.execute(sa.insert(table), [{**plain, "archive_no": "X-1", "identity_no": None}])
        again = session.scalars(sa.select(Customer).where(Customer.archive_no == "X-1")).one()
        for c in table.columns:
            if c.key not in ("id", "archive_no", "identity_no"):
                assert getattr(again, c.key) == getattr(mine[0], c.key), c.key
        carriers = session.scalars(sa.select(Carrier).where(Carrier.customer_id == mine[0].id))
        assert [c.kind for c in carriers] == [
            {v: k for k, v in ci.CARRIER_KINDS.items()}[made[0].data["carriers"][0]["kind"]]
        ]


def test_bulk_insert_leaves_computed_defaults_to_sqlalchemy(branch: Branch, manager: Actor) -> None:
    with branch.archive.unit_of_work() as uow:
        conn = uow.session.connection()
        columns = (
            "archive_no",
            "category",
            "subtype",
            "tier",
            "status",
            "manager_id",
            "template_version",
            "created_by",
        )
        insert = ci._BulkInsert(conn, Customer.__table__, columns, {})
        assert insert.sql is None  # created_at has a computed default: SQLAlchemy fills it in
        insert.execute(
            [
                (
                    "X-2",
                    "individual",
                    "urban",
                    "ordinary",
                    "draft",
                    manager.user_id,
                    1,
                    manager.user_id,
                )
            ]
        )
        row = uow.session.scalars(sa.select(Customer).where(Customer.archive_no == "X-2")).one()
        assert row.created_at is not None and row.version == 1 and row.name_masked == ""


def test_audit_events_written_in_bulk_are_stored_as_one_by_one(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    made = [m for m in demo_data.generate(60, seed=5) if m.category == "individual"]
    headers = {c.key: c.header for c in ci.import_columns("individual")}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(headers.values()))
    for m in made:
        row = demo_data.import_row(m, headers)
        sheet.append([row.get(h) for h in headers.values()])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    report = ci.import_customers(branch.archive, manager, path, category="individual")
    assert report.status == ci.STATUS_IMPORTED, report.lines()[:5]
    with branch.archive.unit_of_work() as uow:
        uow.audit(manager.login, "customer.export", target_type="catalogue", details={"count": 0})
        uow.commit()
    with branch.archive.unit_of_work() as uow:
        session = uow.session
        assert audit.verify(session, audit.load_key(session)) == []
        table = AuditEvent.__table__
        stored = {
            action: (when, seq)
            for action, when, seq in session.execute(
                sa.select(table.c.action, sa.text("occurred_at"), table.c.seq).order_by(table.c.seq)
            )
        }
        created = session.scalars(
            sa.select(AuditEvent.occurred_at).where(AuditEvent.action == "customer.create")
        ).all()
    assert len(created) == len(made)
    assert all(isinstance(when, datetime) for when in created)
    # the text in the file: the bulk rows as SQLAlchemy stores the one added by itself
    bulk, one = stored["customer.create"][0], stored["customer.export"][0]
    assert isinstance(bulk, str) and isinstance(one, str)
    assert len(bulk) == len(one) and bulk[4] == one[4] == "-" and bulk[10] == one[10] == " "
    assert (
        stored["customer.import"][1] < stored["customer.create"][1] < stored["customer.export"][1]
    )
