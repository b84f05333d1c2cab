"""`make bench`, section 4: Excel import and the demo data.

1. A workbook of ROWS individual customers (demo data as a person would type
   it into the blank import workbook) is read, checked (dry run) and imported
   into a fresh archive; the time of each phase and rows per second of the
   whole import (read + check + write, as `custarchive import` runs it) are
   printed against the 5,000 rows/s target. Two shapes: a typical list (the
   20 columns a branch fills: identity, contact, address, income, carrier) and
   every column of the blank workbook.
2. For reference, how long openpyxl's own read-only reader takes for the same
   typical workbook (the import reads the same XML itself: app/workflows/xlsx_io.py).
3. `demo --customers N` (default the --customers of the bench, 100,000): the
   customers part of the demo (generation, checks, writing through the import
   path, all categories, 农户 with their tables), in customers per second.

Prints a report; never fails.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import openpyxl

from app.security.kdf import TEST_KDF
from app.security.roles import Role
from app.storage.archive import Archive
from app.workflows import accounts, auth, demo_data, xlsx_io
from app.workflows import customer_import as ci
from app.workflows.auth import Actor

ROWS = 10_000
TARGET = 5_000
PASSWORD = "Daoru2026bench"
#: the columns a branch typically fills in a 农户/居民 list
TYPICAL = (
    "subtype",
    "name",
    "gender",
    "birth_date",
    "id_type",
    "id_number",
    "mobile",
    "township",
    "village",
    "group_no",
    "address_detail",
    "household_size",
    "annual_household_income",
    "credit_rating",
    "credit_line",
    "retention_years",
    "carriers.kind",
    "carriers.cabinet",
    "carriers.box",
    "carriers.folder",
)


def _archive(root: Path, managers: tuple[str, ...]) -> tuple[Archive, list[Actor]]:
    archive = accounts.create_archive(
        root,
        branch_name="基准测试信用社",
        branch_code="BENCH",
        admin=accounts.NewAccount("admin", "系统管理员", PASSWORD),
        custodian=accounts.NewAccount("keeper", "保密专管员", PASSWORD),
        kdf=TEST_KDF,
    )
    admin = auth.authenticate(archive, "admin", PASSWORD)
    people = []
    for login in managers:
        accounts.add_user(
            archive,
            admin,
            accounts.NewAccount(login, f"经理{login}", "Chushi2026bench"),
            [Role.MANAGER],
        )
        person = auth.authenticate(archive, login, "Chushi2026bench")
        people.append(accounts.change_own_password(archive, person, "Chushi2026bench", PASSWORD))
    return archive, people


def _workbook(path: Path, rows: int, seed: int, keys: tuple[str, ...] | None) -> tuple[Path, int]:
    columns = [c for c in ci.import_columns("individual") if keys is None or c.key in keys]
    headers = {c.key: c.header for c in columns}
    made = (m for m in demo_data.iter_generate(rows * 2, seed) if m.category == "individual")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = ci.DATA_SHEET
    sheet.append([c.header for c in columns])
    for _, customer in zip(range(rows), made, strict=False):
        row = demo_data.import_row(customer, headers)
        sheet.append([row.get(c.header) for c in columns])
    workbook.save(path)
    return path, len(columns)


def _timed(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _timed_cpu(fn: Any) -> tuple[Any, float, float]:
    """The result, the wall time and this process's CPU time (on a machine that others
    share, the CPU time says what the import itself costs; the import runs in one thread)."""
    cpu = time.process_time()
    result, seconds = _timed(fn)
    return result, seconds, time.process_time() - cpu


def bench_import(work: Path, demo_customers: int = 100_000, rows: int = ROWS) -> None:
    print(
        f"4. 导入 / Excel import of {rows} rows (target >= {TARGET} rows/s, read + check + write)"
    )
    started = time.perf_counter()
    print(
        f"   {'workbook':<22}{'cols':>5}{'read':>8}{'check':>8}{'write':>8}{'total':>8}"
        f"{'rows/s':>9}{'cpu':>7}{'rows/s':>8}   target"
    )
    typical_path: Path | None = None
    for n, (label, keys) in enumerate((("typical list", TYPICAL), ("every column", None))):
        folder = work / f"import-{n}"
        folder.mkdir()
        path, width = _workbook(folder / "list.xlsx", rows, seed=100 + n, keys=keys)
        if keys is TYPICAL:
            typical_path = path
        archive, (manager,) = _archive(folder / "archive", ("manager1",))
        try:
            sheet, read = _timed(lambda p=path: ci.read_workbook(p))
            checked, dry = _timed(
                lambda p=path, m=manager, a=archive: ci.dry_run(a, m, p, category="individual")
            )
            report, total, cpu = _timed_cpu(
                lambda p=path, m=manager, a=archive: ci.import_customers(
                    a, m, p, category="individual"
                )
            )
        finally:
            archive.close()
        if report.status != ci.STATUS_IMPORTED:
            print(f"   {label}: not imported ({report.summary()}); first problems:")
            for problem in report.problems[:5]:
                print(f"      {problem}")
            continue
        assert len(sheet.rows) == rows and checked.ok
        check, write = dry - read, total - dry
        rate = rows / total
        print(
            f"   {label:<22}{width:>5}{read:>7.1f}s{check:>7.1f}s{write:>7.1f}s{total:>7.1f}s"
            f"{rate:>9.0f}{cpu:>6.1f}s{rows / cpu:>8.0f}   {'ok' if rate >= TARGET else 'BELOW TARGET'}"
        )
    if typical_path is not None:
        _, slow = _timed(lambda: xlsx_io.read_openpyxl(typical_path))
        print(
            f"   (openpyxl's own read-only reader on the typical list: {slow:.1f} s;"
            " the streaming reader gives the same values)"
        )
    print(
        "   read = the streaming reader; check = dry run minus read (normalise, validate,"
        " duplicates);\n   write = import minus dry run (numbers, rows, carriers, search index,"
        " one audit event per customer, commit);\n   cpu = this process's CPU time for the"
        " import (wall time on a loaded machine includes waiting for a core)."
    )

    if demo_customers > 0:
        archive, _ = _archive(work / "demo-archive", ("manager1", "manager2"))
        from app import cli

        try:
            _, seconds = _timed(lambda: cli._demo_customers(archive, PASSWORD, demo_customers, 1))
        finally:
            archive.close()
        print(
            f"   demo --customers {demo_customers}: {seconds:.1f} s"
            f" ({demo_customers / seconds:.0f} customers/s; accounts not included)"
        )
    print(f"   Section time {time.perf_counter() - started:.1f} s.")
    print()
