"""The customer commands as scripts use them: demo, search, import-template, import.

Real subprocesses on a real archive (production KDF). The demo archive's
customers are known in advance: demo_data is deterministic, and the demo gives
every even-numbered customer to manager1 and every odd one to manager2.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from stdnum.cn import ric

from app.models import AuditEvent, Customer
from app.storage.archive import Archive
from app.workflows import auth, demo_data
from app.workflows import customer_import as ci

PASSWORD = "Shifan2026demo"
COUNT = 300
SEED = 7


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def as_user(login: str, *args: str, archive: Path) -> subprocess.CompletedProcess[str]:
    command, *rest = args
    return run(
        command,
        "--archive",
        str(archive),
        "--as",
        login,
        "--password-stdin",
        *rest,
        stdin=PASSWORD + "\n",
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "archive"
    result = run(
        "demo",
        "--archive",
        str(root),
        "--customers",
        str(COUNT),
        "--seed",
        str(SEED),
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert f"已建立示范客户档案 {COUNT} 份" in result.stdout
    assert PASSWORD not in result.stdout
    return root


@pytest.fixture(scope="module")
def people() -> list[demo_data.DemoCustomer]:
    return demo_data.generate(COUNT, SEED)


def state(root: Path) -> tuple[int, int]:
    """(customers, audit events) as the archive holds them now."""
    archive = Archive.open(root)
    try:
        auth.authenticate(archive, "manager1", PASSWORD)
        with archive.unit_of_work() as uow:
            customers = uow.session.scalar(sa.select(sa.func.count()).select_from(Customer))
            events = uow.session.scalar(sa.select(sa.func.max(AuditEvent.seq)))
    finally:
        archive.close()
    return int(customers or 0), int(events or 0)


def test_demo_spreads_customers_over_two_managers(demo: Path, people: list[Any]) -> None:
    archive = Archive.open(demo)
    try:
        auth.authenticate(archive, "director", PASSWORD)
        with archive.unit_of_work() as uow:
            rows = uow.session.execute(
                sa.select(Customer.category, Customer.subtype, Customer.status, Customer.manager_id)
            ).all()
    finally:
        archive.close()
    assert len(rows) == COUNT
    assert len({r.manager_id for r in rows}) == 2
    assert {(r.category, r.subtype) for r in rows} == {(p.category, p.subtype) for p in people}
    assert {r.status for r in rows} == {"draft", "filed"}


def test_search_as_the_manager_finds_own_customers_by_part_of_the_name(
    demo: Path, people: list[demo_data.DemoCustomer]
) -> None:
    mine = {p.data["name"] for i, p in enumerate(people) if i % 2 == 0}
    theirs = {p.data["name"] for i, p in enumerate(people) if i % 2 == 1} - mine
    surname = next(
        p.data["name"][0] for i, p in enumerate(people) if i % 2 == 0 and p.category == "individual"
    )
    result = as_user("manager1", "search", surname, "--limit", "500", archive=demo)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    names = {line.split("  ")[2] for line in lines}
    assert names <= mine and not names & theirs
    assert all(surname in name for name in names)
    assert all(line.startswith("DEMO") for line in lines)
    limited = as_user("manager1", "search", surname, "--limit", "2", archive=demo)
    assert len(limited.stdout.splitlines()) == min(2, len(lines))


def test_search_as_the_director_shows_catalogue_lines_and_exact_matches_only(
    demo: Path, people: list[demo_data.DemoCustomer]
) -> None:
    target = next(
        p
        for i, p in enumerate(people)
        if i % 2 == 0 and p.category == "individual" and len(p.data["name"]) == 3
    )
    name = target.data["name"]
    partial = as_user("director", "search", name[:2], archive=demo)
    assert partial.returncode == 0
    assert partial.stdout.strip() == "没有找到符合条件的客户。"
    exact = as_user("director", "search", name, archive=demo)
    assert exact.returncode == 0, exact.stderr
    lines = exact.stdout.splitlines()
    assert lines and all(name not in line for line in lines)
    assert any(f"{name[0]}*{name[-1]}" in line and "客户经理:王经理" in line for line in lines)
    by_id = as_user("director", "search", target.data["id_number"], archive=demo)
    assert len(by_id.stdout.splitlines()) == 1 and name not in by_id.stdout


def fill(template: Path, out: Path, rows: list[dict[str, Any]]) -> Path:
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[ci.DATA_SHEET]
    columns = {str(c.value).rstrip("*"): c.column for c in sheet[1] if c.value}
    for r, row in enumerate(rows, start=2):
        for label, value in row.items():
            sheet.cell(row=r, column=columns[label], value=value)
    workbook.save(out)
    return out


def new_person(n: int, **extra: Any) -> dict[str, Any]:
    body = f"43138220010{n % 9 + 1}15{n:03d}"
    row = {
        "子类": "其他个人",
        "姓名": f"新客户{'甲乙丙丁'[n % 4]}",
        "证件类型": "居民身份证",
        "证件号码": body + ric.calc_check_digit(body + "0"),
        "手机号码": f"1990738{n:04d}",
        "乡镇(街道)": "湄江镇",
        "村(社区)": "塘湾村",
        "保管期限(年)": 10,
    }
    row.update(extra)
    return row


def test_import_template_then_import(demo: Path, tmp_path: Path) -> None:
    template = tmp_path / "个人客户导入表.xlsx"
    made = run(
        "import-template",
        "--archive",
        str(demo),
        "--category",
        "individual",
        "--out",
        str(template),
    )
    assert made.returncode == 0, made.stderr
    assert "已生成个人客户导入表" in made.stdout and template.is_file()
    headers = ci.read_workbook(template).headers
    assert headers[0] == "子类*" and "证件号码*" in headers

    good = fill(template, tmp_path / "good.xlsx", [new_person(1), new_person(2)])
    before = state(demo)
    checked = as_user("manager2", "import", str(good), "--dry-run", archive=demo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查通过" in checked.stdout
    assert state(demo)[0] == before[0]

    done = as_user("manager2", "import", str(good), archive=demo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已导入 2 份个人客户档案" in done.stdout
    assert state(demo)[0] == before[0] + 2
    found = as_user("manager2", "search", "新客户", archive=demo)
    assert {line.split("  ")[2] for line in found.stdout.splitlines()} == {"新客户乙", "新客户丙"}

    again = as_user("manager2", "import", str(good), "--dry-run", archive=demo)
    assert again.returncode == 1
    assert "已建有客户档案" in again.stdout


def test_rejected_import_exits_1_and_writes_nothing(demo: Path, tmp_path: Path) -> None:
    template = tmp_path / "blank.xlsx"
    assert (
        run(
            "import-template",
            "--archive",
            str(demo),
            "--category",
            "individual",
            "--out",
            str(template),
        ).returncode
        == 0
    )
    rows = [
        new_person(10),
        new_person(11, 证件号码=4.31382200101151e17),
        new_person(12, 手机号码="123"),
    ]
    bad = fill(template, tmp_path / "bad.xlsx", rows)
    before = state(demo)
    checked = as_user("manager1", "import", str(bad), "--dry-run", archive=demo)
    assert checked.returncode == 1
    refused = as_user("manager1", "import", str(bad), archive=demo)
    assert refused.returncode == 1
    assert "第 3 行“证件号码*”列" in refused.stdout and "存成了数字" in refused.stdout
    assert "第 4 行“手机号码*”列" in refused.stdout
    assert "没有建立任何档案" in refused.stdout
    assert state(demo)[0] == before[0]
    # logins were recorded, nothing else
    archive = Archive.open(demo)
    try:
        auth.authenticate(archive, "manager1", PASSWORD)
        with archive.unit_of_work() as uow:
            actions = set(
                uow.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.seq > before[1]))
            )
    finally:
        archive.close()
    assert actions <= {"login.success"}


def test_import_needs_a_manager_and_a_category(demo: Path, tmp_path: Path) -> None:
    template = tmp_path / "blank.xlsx"
    run("import-template", "--archive", str(demo), "--category", "special", "--out", str(template))
    refused = as_user("director", "import", str(template), archive=demo)
    assert refused.returncode == 2 and "导入客户档案" in refused.stderr
    odd = tmp_path / "odd.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["甲", "乙"])
    workbook.save(odd)
    unknown = as_user("manager1", "import", str(odd), archive=demo)
    assert unknown.returncode == 2 and "--category" in unknown.stderr


def test_import_template_needs_an_archive_folder(tmp_path: Path) -> None:
    result = run(
        "import-template",
        "--archive",
        str(tmp_path),
        "--category",
        "individual",
        "--out",
        str(tmp_path / "x.xlsx"),
    )
    assert result.returncode == 2
    assert "不是档案文件夹" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
