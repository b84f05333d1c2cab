"""Excel import and export on real archives and real .xlsx files (openpyxl writes them here).

The issue's rules: a dry run lists every problem by row and column in Chinese;
an import is all or nothing; ID numbers Excel stored as numbers are flagged,
never imported; duplicates within the file and against the archive are named;
cancelling writes nothing; only managers import; export holds only the
manager's own ordinary customers and is audited. The demo data passes the same
checks as a person's workbook.
"""

from __future__ import annotations

import gc
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from stdnum.cn import ric, uscc

from app.errors import InvalidInput, NotPermitted
from app.models import AuditEvent, Carrier, Customer
from app.security import audit
from app.security.roles import Role
from app.storage.search import search_customers
from app.template import current_template
from app.template import validation as tv
from app.workflows import customer_import as ci
from app.workflows import customers, demo_data, xlsx_io
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.integration.helpers import audit_rows, details, last_seq

YEAR = date.today().year


def resident_id(birth: str = "19800101", seq: str = "123") -> str:
    body = "431382" + birth + seq
    return body + ric.calc_check_digit(body + "0")


def credit_code(org: str = "MA4L0000") -> str:
    body = "93431382" + org + "1"
    return body + uscc.calc_check_digit(body)


def person(n: int, **extra: Any) -> dict[str, Any]:
    """A complete 城镇居民 row by header (labels without the * mark)."""
    birth = f"19{70 + n % 25:02d}0{1 + n % 9}1{n % 9}"
    row: dict[str, Any] = {
        "子类": "城镇居民",
        "姓名": ["张三丰", "李四", "王小明", "欧阳娜娜", "刘德"][n % 5] + ("" if n < 5 else str(n)),
        "性别": "男",
        "出生日期": f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
        "证件类型": "居民身份证",
        "证件号码": resident_id(birth, f"{n % 1000:03d}"),
        "手机号码": f"138{n:08d}",
        "乡镇(街道)": "桥头河镇",
        "村(社区)": "石门村",
        "组": "3组",
        "保管期限(年)": 30,
        "载体种类": "纸质",
        "柜号": "A1",
        "盒号": "12",
        "卷宗号": str(n),
    }
    row.update(extra)
    return row


def fill(path: Path, rows: list[dict[str, Any]], category: str = "individual") -> Path:
    """The blank workbook for ``category`` with ``rows`` below the header (by label)."""
    blank = ci.write_import_template(category, path.with_name(path.stem + "-blank.xlsx"))
    workbook = openpyxl.load_workbook(blank)
    sheet = workbook[ci.DATA_SHEET]
    columns = {
        str(cell.value).rstrip("*"): cell.column for cell in sheet[1] if cell.value is not None
    }
    for r, row in enumerate(rows, start=2):
        for label, value in row.items():
            sheet.cell(row=r, column=columns[label], value=value)
    workbook.save(path)
    return path


def plain_workbook(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


def count_customers(branch: Branch) -> int:
    with branch.archive.unit_of_work() as uow:
        return int(uow.session.scalar(sa.select(sa.func.count()).select_from(Customer)) or 0)


def where(report: ci.ImportReport) -> set[tuple[int | None, str]]:
    return {(p.row, p.column) for p in report.problems}


# --- the blank workbook -------------------------------------------------------------------------


def test_blank_workbook_has_labels_lists_and_text_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_temp_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl spooled a sheet to a temporary file")

    monkeypatch.setattr("openpyxl.worksheet._writer.create_temporary_file", no_temp_files)
    path = ci.write_import_template("individual", tmp_path / "个人")
    assert path.suffix == ".xlsx" and path.is_file()
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:2] == [ci.DATA_SHEET, ci.HELP_SHEET]
    sheet = workbook[ci.DATA_SHEET]
    headers = [c.value for c in sheet[1]]
    assert headers[0] == "子类*"
    for label in (
        "姓名*",
        "证件号码*",
        "手机号码*",
        "出生日期",
        "保管期限(年)*",
        "载体种类",
        "柜号",
    ):
        assert label in headers
    assert "密级" not in " ".join(headers) and "家庭资产合计(元)" not in headers
    column = {h: i + 1 for i, h in enumerate(headers)}
    letter = openpyxl.utils.get_column_letter
    for label in ("证件号码*", "手机号码*", "组"):
        assert sheet.column_dimensions[letter(column[label])].number_format == "@"
    lists = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    assert f"{letter(column['子类*'])}2" in lists
    assert f"{letter(column['性别'])}2" in lists
    assert f"{letter(column['民族'])}2" in lists  # 56 options: a range on the options sheet
    options = workbook[ci.OPTIONS_SHEET]
    assert options.sheet_state == "hidden"
    assert [c.value for c in options["A"]][:5] == [
        "子类",
        "农户",
        "个体工商户",
        "城镇居民",
        "其他个人",
    ]
    helptext = " ".join(str(c.value) for row in workbook[ci.HELP_SHEET].iter_rows() for c in row)
    assert "文本" in helptext and "4.31382E+17" in helptext
    # it maps without help
    assert set(ci.suggest_mapping(headers, "individual").values()) >= {"name", "id_number"}
    assert IGNORE_NONE(ci.suggest_mapping(headers, "individual"))


def IGNORE_NONE(mapping: dict[str, str]) -> bool:
    return all(value != ci.IGNORE for value in mapping.values())


@pytest.mark.parametrize("category", ["individual", "organisation", "special"])
def test_every_category_has_a_blank_workbook(tmp_path: Path, category: str) -> None:
    path = ci.write_import_template(category, tmp_path / f"{category}.xlsx")
    headers = ci.read_workbook(path).headers
    mapping = ci.suggest_mapping(headers, category)
    assert IGNORE_NONE(mapping)
    assert ci.guess_category(headers) == category


# --- good, bad, mixed --------------------------------------------------------------------------


def test_good_workbook_imports_all_or_nothing_and_is_searchable(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    rows = [
        person(1),
        person(2, 子类="农户"),
        person(3, 子类="个体工商户", 载体种类=None, 柜号=None, 盒号=None, 卷宗号=None),
    ]
    path = fill(tmp_path / "good.xlsx", rows)
    before = last_seq(branch.archive)
    checked = ci.dry_run(branch.archive, manager, path, category="individual")
    assert checked.status == ci.STATUS_CLEAN, checked.lines()
    assert checked.rows == 3 and checked.ok
    assert last_seq(branch.archive) == before and count_customers(branch) == 0

    report = ci.import_customers(branch.archive, manager, path, category="individual")
    assert report.status == ci.STATUS_IMPORTED, report.lines()
    assert report.imported == 3
    assert report.first_archive_no == f"LY-0101G{YEAR}000001"
    assert report.last_archive_no == f"LY-0101G{YEAR}000003"
    # 城镇居民 complete -> 在册; 农户 without household members and the row without a carrier
    assert (report.filed, report.drafts) == (1, 2)
    assert "已导入 3 份个人客户档案" in report.summary()

    with branch.archive.unit_of_work() as uow:
        found = {c.archive_no: c for c in uow.session.scalars(sa.select(Customer))}
        carriers = [c.cabinet for c in uow.session.scalars(sa.select(Carrier))]
        first = found[report.first_archive_no]
        assert first.manager_id == manager.user_id and first.created_by == manager.user_id
        assert first.tier == "ordinary" and first.status == "filed" and first.completeness == 100
        assert first.name == "李四" and first.name_masked == "李*"
        assert first.identity_no == rows[0]["证件号码"]
        assert first.template_version == current_template().version
        content = tv.from_json(first.content or "")
        assert content["birth_date"] == rows[0]["出生日期"]
        assert "carriers" not in content and "tier" not in content
        statuses = sorted(c.status for c in found.values())
        ids = {c.id for c in found.values()}
        first_id, second_id = first.id, found[f"LY-0101G{YEAR}000002"].id
        hits = search_customers(uow.session, "李", partial_manager_id=manager.user_id)
        exact = search_customers(uow.session, rows[1]["证件号码"])
    assert statuses == ["draft", "draft", "filed"]
    assert carriers == ["A1", "A1"]
    assert set(hits) <= ids and first_id in hits
    assert exact == [second_id]

    # the catalogue (the workflow's visibility rules) shows them to their manager by name
    lines = customers.catalogue_page(
        branch.archive, manager, filters=customers.CatalogueFilter(query="王小")
    )
    assert [line.display_name for line in lines] == ["王小明"]

    events = audit_rows(branch.archive, before)
    actions = [e.action for e in events]
    assert actions.count("customer.import") == 1 and actions.count("customer.create") == 3
    summary = details(next(e for e in events if e.action == "customer.import"))
    assert summary == {
        "category": "individual",
        "count": 3,
        "drafts": 2,
        "filed": 1,
        "first": report.first_archive_no,
        "last": report.last_archive_no,
        "source": "excel",
    }
    text = " ".join(e.details + e.target_id for e in events)
    for row in rows:
        assert row["姓名"] not in text and row["证件号码"] not in text
    # the chain still verifies
    with branch.archive.unit_of_work() as uow:
        assert audit.verify(uow.session, audit.load_key(uow.session)) == []


def test_archive_numbers_continue_with_the_form(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    ci.import_customers(
        branch.archive,
        manager,
        fill(tmp_path / "a.xlsx", [person(1), person(2)]),
        category="individual",
    )
    ref = customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="urban",
        data={"name": "赵六", "id_type": "居民身份证", "id_number": resident_id("19900101", "555")},
    )
    assert ref.archive_no == f"LY-0101G{YEAR}000003"
    report = ci.import_customers(
        branch.archive, manager, fill(tmp_path / "b.xlsx", [person(3)]), category="individual"
    )
    assert report.first_archive_no == f"LY-0101G{YEAR}000004"


def test_bad_workbook_lists_every_problem_by_row_and_column(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    rows = [
        person(1, 证件号码=resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")),
        person(2, 手机号码=None),
        person(3, 出生日期="1990-13-45"),
        person(4, **{"家庭年收入(元)": -5000}),
        person(5, 性别="未知"),
        person(6, 子类="渔民"),
        person(7, 载体种类=None),  # a location without its carrier kind
    ]
    path = fill(tmp_path / "bad.xlsx", rows)
    before, count = last_seq(branch.archive), count_customers(branch)
    for run in (ci.dry_run, ci.import_customers):
        report = run(branch.archive, manager, path, category="individual")
        assert report.status == ci.STATUS_REJECTED
        assert not report.ok
        assert {
            (2, "证件号码*"),
            (3, "手机号码*"),
            (4, "出生日期"),
            (5, "家庭年收入(元)"),
            (6, "性别"),
            (7, "子类*"),
            (8, "载体种类"),
        } <= where(report)
        messages = {(p.row, p.column): p.message for p in report.problems}
        assert "校验位" in messages[(2, "证件号码*")]
        assert "必填" in messages[(3, "手机号码*")]
        assert "日期" in messages[(4, "出生日期")]
        assert "负数" in messages[(5, "家庭年收入(元)")]
        assert "下拉列表" in messages[(6, "性别")]
        assert "城镇居民" in messages[(7, "子类*")]
        assert "第 2 行" in "\n".join(report.lines())
        for row in rows:  # never quotes a value
            assert row["证件号码"] not in "\n".join(report.lines())
    assert last_seq(branch.archive) == before
    assert count_customers(branch) == count


def test_mixed_good_and_bad_writes_nothing(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    rows = [person(n) for n in range(1, 40)] + [person(40, 证件号码="43138219800101123")]
    path = fill(tmp_path / "mixed.xlsx", rows)
    before = last_seq(branch.archive)
    report = ci.import_customers(branch.archive, manager, path, category="individual")
    assert report.status == ci.STATUS_REJECTED
    assert where(report) == {(41, "证件号码*")}
    assert "18 位" in report.problems[0].message
    assert count_customers(branch) == 0 and last_seq(branch.archive) == before
    assert "没有建立任何档案" in report.summary()


def test_id_numbers_stored_as_numbers_are_flagged_never_imported(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    number = resident_id("19900101", "123")
    rows = [
        person(1, 证件号码=4.31382199001011e17),  # what Excel keeps of an 18-digit number
        person(2, 证件号码=int(number[:15] + "000")),  # precision lost: trailing zeros
        person(3, 证件号码=int(number[:-1])),  # whole digits but no check character
        person(4, 手机号码=13807381234),  # a mobile fits in 15 digits: accepted
        person(5),
    ]
    path = fill(tmp_path / "numbers.xlsx", rows)
    # openpyxl kept them as numbers, as Excel would have
    sheet = ci.read_workbook(path)
    assert isinstance(sheet.rows[0][1][sheet.headers.index("证件号码*")], float)
    report = ci.import_customers(branch.archive, manager, path, category="individual")
    assert report.status == ci.STATUS_REJECTED
    assert where(report) == {(2, "证件号码*"), (3, "证件号码*"), (4, "证件号码*")}
    for problem in report.problems:
        assert "存成了数字" in problem.message and "文本" in problem.message
    assert "15 位有效数字" in report.problems[1].message
    assert count_customers(branch) == 0

    fixed = fill(tmp_path / "fixed.xlsx", [person(1), person(4, 手机号码=13807381234), person(5)])
    report = ci.import_customers(branch.archive, manager, fixed, category="individual")
    assert report.status == ci.STATUS_IMPORTED, report.lines()
    with branch.archive.unit_of_work() as uow:
        phones = set(uow.session.scalars(sa.select(Customer.phone)))
    assert "13807381234" in phones


def test_duplicates_within_the_file_and_against_the_archive(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    first = ci.import_customers(
        branch.archive, manager, fill(tmp_path / "one.xlsx", [person(1)]), category="individual"
    )
    assert first.status == ci.STATUS_IMPORTED
    other = branch.add_user("manager2", [Role.MANAGER])
    rows = [person(2), person(1, 姓名="改了名字"), person(3), person(3, 姓名="又一个")]
    path = fill(tmp_path / "dups.xlsx", rows)
    before = last_seq(branch.archive)
    report = ci.import_customers(branch.archive, other, path, category="individual")
    assert report.status == ci.STATUS_REJECTED
    assert where(report) == {(3, "证件号码*"), (5, "证件号码*")}
    messages = {p.row: p.message for p in report.problems}
    assert first.first_archive_no in messages[3] and "已建有客户档案" in messages[3]
    assert "第 4 行" in messages[5]
    assert count_customers(branch) == 1 and last_seq(branch.archive) == before


def test_cancelled_import_writes_nothing(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    rows = [person(n) for n in range(1, 121)]
    path = fill(tmp_path / "many.xlsx", rows)
    before = last_seq(branch.archive)
    for after in (50, 120 + 50):  # while checking, and while writing
        calls = {"n": 0}

        def cancelled(calls: dict[str, int] = calls, after: int = after) -> bool:
            calls["n"] += 1
            return calls["n"] > after

        report = ci.import_customers(
            branch.archive, manager, path, category="individual", cancelled=cancelled
        )
        assert report.status == ci.STATUS_CANCELLED
        assert calls["n"] > after
        assert "取消" in report.summary()
        assert count_customers(branch) == 0 and last_seq(branch.archive) == before
    # and the numbers it had reserved are given back
    report = ci.import_customers(branch.archive, manager, path, category="individual")
    assert report.first_archive_no == f"LY-0101G{YEAR}000001"


def test_progress_is_reported(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    path = fill(tmp_path / "p.xlsx", [person(n) for n in range(1, 601)])
    seen: list[tuple[int, int]] = []
    report = ci.import_customers(
        branch.archive,
        manager,
        path,
        category="individual",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert report.status == ci.STATUS_IMPORTED
    assert seen[-1] == (1200, 1200)
    assert len(seen) >= 3 and seen == sorted(seen)
    checks: list[tuple[int, int]] = []
    ci.dry_run(
        branch.archive,
        manager,
        path,
        category="individual",
        progress=lambda d, t: checks.append((d, t)),
    )
    assert checks[-1] == (600, 600)


def test_no_automatic_collection_while_importing_and_as_before_after(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    """The interpreter's full collections would walk the sheet's cells again and again."""
    path = fill(tmp_path / "g.xlsx", [person(n) for n in range(1, 301)])
    for enabled in (True, False):  # False: the window's own collector holds them off
        (gc.enable if enabled else gc.disable)()
        during: set[bool] = set()
        report = ci.import_customers(
            branch.archive,
            manager,
            path,
            category="individual",
            progress=lambda *_, seen=during: seen.add(gc.isenabled()),
            cancelled=lambda seen=during: bool(seen.add(gc.isenabled())),
        )
        assert report.status == (ci.STATUS_IMPORTED if enabled else ci.STATUS_REJECTED)
        assert during == {False} and gc.isenabled() is enabled
    gc.disable()


def test_only_managers_import(branch: Branch, tmp_path: Path) -> None:
    director = branch.add_user("director", [Role.DIRECTOR])
    path = fill(tmp_path / "x.xlsx", [person(1)])
    for run in (ci.dry_run, ci.import_customers):
        with pytest.raises(NotPermitted):
            run(branch.archive, director, path, category="individual")
    with pytest.raises(NotPermitted):
        ci.import_customers(branch.archive, branch.admin, path, category="individual")
    assert count_customers(branch) == 0


def test_missing_columns_and_subtype_default(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    headers = ["姓名", "证件类型", "证件号码", "乡镇(街道)", "村(社区)", "保管期限(年)", "备用"]
    row = ["李四", "居民身份证", resident_id(), "杨市镇", "石门村", 30, "随便"]
    path = plain_workbook(tmp_path / "short.xlsx", headers, [row])
    report = ci.dry_run(branch.archive, manager, path, category="individual")
    assert report.status == ci.STATUS_REJECTED
    assert (1, "手机号码") in where(report) and (1, "子类") in where(report)
    assert report.ignored_columns == ["备用"]
    assert not any(p.row == 2 for p in report.problems)  # not repeated on every row

    path = plain_workbook(
        tmp_path / "ok.xlsx", [*headers[:-1], "手机号码"], [[*row[:-1], "13807381234"]]
    )
    report = ci.import_customers(
        branch.archive, manager, path, category="individual", subtype="城镇居民"
    )
    assert report.status == ci.STATUS_IMPORTED, report.lines()
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(Customer.subtype)) == "urban"
    with pytest.raises(InvalidInput):
        ci.dry_run(branch.archive, manager, path, category="individual", subtype="渔民")
    with pytest.raises(InvalidInput):
        ci.dry_run(branch.archive, manager, path, category="shops")


def test_secret_tier_is_refused(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    headers = [
        "子类",
        "姓名",
        "证件类型",
        "证件号码",
        "手机号码",
        "乡镇(街道)",
        "村(社区)",
        "保管期限(年)",
        "密级",
    ]
    base = ["城镇居民", "李四", "居民身份证", resident_id(), "13807381234", "杨市镇", "石门村", 30]
    path = plain_workbook(tmp_path / "tier.xlsx", headers, [[*base, "机密"]])
    report = ci.dry_run(branch.archive, manager, path, category="individual")
    assert where(report) == {(2, "密级")} and "保密专管员" in report.problems[0].message
    path = plain_workbook(tmp_path / "tier2.xlsx", headers, [[*base, "普通"]])
    assert ci.dry_run(branch.archive, manager, path, category="individual").ok


def test_mapping_file(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    headers = ["客户类型", "客户姓名", "身份证号", "证件", "电话", "镇", "村", "期限", "备注栏"]
    row = [
        "农户",
        "王五",
        resident_id("19751231", "321"),
        "居民身份证",
        "15907381234",
        "伏口镇",
        "红星村",
        10,
        "x",
    ]
    path = plain_workbook(tmp_path / "own.xlsx", headers, [row])
    mapping_file = tmp_path / "mapping.json"
    ci.save_mapping(
        mapping_file,
        {
            "客户类型": "子类",
            "客户姓名": "name",
            "身份证号": "证件号码",
            "证件": "id_type",
            "电话": "mobile",
            "镇": "township",
            "村": "village",
            "期限": "retention_years",
            "备注栏": None,
        },
    )
    mapping = ci.load_mapping(mapping_file)
    assert mapping["备注栏"] == ci.IGNORE
    report = ci.import_customers(
        branch.archive, manager, path, category="individual", mapping=mapping
    )
    assert report.status == ci.STATUS_IMPORTED, report.lines()
    assert report.ignored_columns == ["备注栏"]
    assert report.columns["客户姓名"] == "姓名"
    bad = ci.dry_run(
        branch.archive, manager, path, category="individual", mapping={**mapping, "电话": "传真"}
    )
    assert (None, "电话") in where(bad)
    (tmp_path / "broken.json").write_text("[1, 2]", "utf-8")
    with pytest.raises(InvalidInput):
        ci.load_mapping(tmp_path / "broken.json")


def test_remembered_mapping_lives_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUSTARCHIVE_CONFIG_DIR", str(tmp_path / "config"))
    assert ci.remembered_mapping("individual") == {}
    ci.remember_mapping("individual", {"客户姓名": "name"})
    ci.remember_mapping("special", {"名称": "name"})
    assert ci.remembered_mapping("individual") == {"客户姓名": "name"}
    stored = json.loads((tmp_path / "config" / ci.MAPPING_FILE).read_text("utf-8"))
    assert set(stored) == {"individual", "special"}


def test_not_a_workbook(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    text = tmp_path / "list.xlsx"
    text.write_text("姓名,证件号码\n", "utf-8")
    with pytest.raises(InvalidInput, match="有效的 Excel"):
        ci.dry_run(branch.archive, manager, text, category="individual")
    csv = tmp_path / "list.csv"
    csv.write_text("姓名,证件号码\n", "utf-8")
    with pytest.raises(InvalidInput, match=r"不是 \.xlsx"):
        ci.dry_run(branch.archive, manager, csv, category="individual")


def test_organisation_workbook(branch: Branch, manager: Actor, tmp_path: Path) -> None:
    rows = [
        {
            "子类": "农民专业合作社",
            "单位名称": "涟源市石门农机专业合作社",
            "统一社会信用代码": credit_code(),
            "法定代表人(负责人)": "李四",
            "法定代表人身份证号码": resident_id("19700101", "111"),
            "成立日期": date(2015, 3, 1),
            "保管期限(年)": 30,
            "载体种类": "电子",
        },
        {
            "子类": "企业",
            "单位名称": "涟源市某某公司",
            "统一社会信用代码": credit_code()[:-1] + ("1" if credit_code()[-1] != "1" else "2"),
            "法定代表人(负责人)": "王五",
            "保管期限(年)": 30,
        },
    ]
    path = fill(tmp_path / "org.xlsx", rows, "organisation")
    report = ci.dry_run(branch.archive, manager, path, category="organisation")
    assert where(report) == {(3, "统一社会信用代码*")}
    path = fill(tmp_path / "org2.xlsx", rows[:1], "organisation")
    report = ci.import_customers(branch.archive, manager, path, category="organisation")
    assert report.status == ci.STATUS_IMPORTED, report.lines()
    assert report.first_archive_no == f"LY-0101D{YEAR}000001"


# --- the streaming reader reads what openpyxl reads ---------------------------------------------

_SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>姓名</t></si><si><t>出生日期</t></si><si><r><t>张</t></r><r><t>三丰</t></r>\
<rPh sb="0" eb="1"><t>zhang</t></rPh></si><si><t xml:space="preserve"> 石门村 </t></si></sst>"""
_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>32874</v></c><c r="C2"><v>4.31382199001011E+17</v></c>\
<c r="D2" t="b"><v>1</v></c><c r="E2" t="str"><v>公式</v></c><c r="F2" t="inlineStr"><is><t>行内</t></is></c></row>
<row r="4"><c r="B4"><v>12</v></c><c r="C4"><v>3.5</v></c><c r="D4" t="e"><v>#N/A</v></c></row>
<row r="5"><c r="A5" t="s"/></row>
</sheetData></worksheet>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def excel_like(path: Path) -> Path:
    """A workbook as Excel writes it: shared strings, rich text, a styled date, sparse cells."""
    parts = {
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
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
            'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": _SHEET,
        "xl/sharedStrings.xml": _SHARED,
        "xl/styles.xml": _STYLES,
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def test_streaming_reader_reads_what_openpyxl_reads(tmp_path: Path) -> None:
    path = excel_like(tmp_path / "excel.xlsx")
    fast = xlsx_io.read_fast(path, None)
    slow = xlsx_io.read_openpyxl(path, None)
    assert fast.headers == slow.headers == ["姓名", "出生日期", "", "石门村", "", ""]
    width = len(fast.headers)

    def padded(sheet: ci.Sheet) -> list[tuple[int, list[Any]]]:
        return [(n, list(v) + [None] * (width - len(v))) for n, v in sheet.rows]

    assert padded(fast) == padded(slow)
    assert [n for n, _ in fast.rows] == [2, 4]
    values = fast.rows[0][1]
    assert values[0] == "张三丰" and values[1].date() == date(1990, 1, 1)
    assert isinstance(values[2], float) and values[3] is True and values[4] == "公式"
    # and a workbook written by openpyxl (inline strings)
    made = fill(tmp_path / "made.xlsx", [person(1), person(2)])
    assert padded(xlsx_io.read_fast(made, None)) == padded(xlsx_io.read_openpyxl(made, None))


# --- demo data ---------------------------------------------------------------------------------


def test_demo_data_is_valid_deterministic_and_covers_every_subtype(
    branch: Branch, manager: Actor
) -> None:
    made = demo_data.generate(400, seed=7)
    assert made == demo_data.generate(400, seed=7)
    assert made != demo_data.generate(400, seed=8)
    template = current_template()
    kinds = {(c.key, s.key) for c in template.categories for s in c.subtypes}
    assert {(m.category, m.subtype) for m in made} == kinds
    names = [m.data["name"] for m in made if m.category == "individual"]
    assert any(len(n) == 2 for n in names) and any(len(n) == 3 for n in names)
    assert any(n[:2] in ("欧阳", "司马", "上官", "诸葛") for n in names)
    for m in made:
        if m.category == "individual":
            number = m.data["id_number"]
            assert number[-1] == ric.calc_check_digit(number)
            assert ric.get_birth_date(number) == m.data["birth_date"]
            assert int(number[16]) % 2 == (1 if m.data["gender"] == "男" else 0)
            for member in m.data.get("household_members", []):
                assert member["id_number"][-1] == ric.calc_check_digit(member["id_number"])
        if m.category == "organisation":
            code = m.data["credit_code"]
            assert code[-1] == uscc.calc_check_digit(code[:-1])
    farmers = [m for m in made if m.subtype == "farmer" and "household_members" in m.data]
    assert farmers and all(m.data["assets"] and m.data["operations"] for m in farmers)

    by_category: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for m in made:
        by_category.setdefault(m.category, []).append((m.subtype, m.data))
    drafts = 0
    for category, records in by_category.items():
        report = ci.import_records(
            branch.archive, manager, category=category, records=records, source="demo"
        )
        assert report.status == ci.STATUS_IMPORTED, report.lines()[:10]
        drafts += report.drafts
    assert 0.03 * len(made) < drafts < 0.25 * len(made)
    with branch.archive.unit_of_work() as uow:
        content = uow.session.scalar(
            sa.select(Customer.content).where(
                Customer.subtype == "farmer", Customer.status == "filed"
            )
        )
    record = tv.from_json(content or "")
    assert float(record["total_assets"]) > 0
    assert float(record["net_household_income"]) == float(record["total_income_last_year"]) - float(
        record["total_expenses"]
    )


def test_checks_agree_with_the_template_functions() -> None:
    """The import's own completeness and index equal the template's, record by record."""
    template = current_template()
    made = demo_data.generate(600, seed=5)
    for category in ("individual", "organisation", "special"):
        checker = ci._Checker(template, category)
        for m in (m for m in made if m.category == category):
            problems: list[tuple[str, str]] = []
            prepared = checker.check(1, m.subtype, m.data, None, None, problems)
            assert prepared is not None, problems
            record = tv.normalize_record(template, category, m.subtype, m.data)
            record = tv.compute_totals(template, category, m.subtype, record)
            assert prepared.completeness == tv.completeness(template, category, m.subtype, record)
            assert prepared.index == tv.index_values(template, category, m.subtype, record)
            assert prepared.identity == (tv.identity_of(category, record) or None)


def test_records_import_names_the_record_and_field(branch: Branch, manager: Actor) -> None:
    good = demo_data.generate(20, seed=3)
    records = [(m.subtype, dict(m.data)) for m in good if m.category == "individual"]
    records[1][1]["mobile"] = "12345"
    report = ci.import_records(branch.archive, manager, category="individual", records=records)
    assert report.status == ci.STATUS_REJECTED
    assert where(report) == {(2, "手机号码")}


def test_rows_from_the_demo_fill_the_blank_workbook(
    branch: Branch, manager: Actor, tmp_path: Path
) -> None:
    made = [m for m in demo_data.generate(60, seed=11) if m.category == "organisation"]
    headers = {c.key: c.label for c in ci.import_columns("organisation")}
    path = fill(
        tmp_path / "demo.xlsx", [demo_data.import_row(m, headers) for m in made], "organisation"
    )
    report = ci.import_customers(branch.archive, manager, path, category="organisation")
    assert report.status == ci.STATUS_IMPORTED, report.lines()
    assert report.imported == len(made)


def test_audit_labels_cover_the_new_events() -> None:
    assert audit.event_label("customer.import") != "customer.import"
    assert isinstance(AuditEvent.__table__, sa.Table)
