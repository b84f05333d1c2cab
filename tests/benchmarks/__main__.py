"""`make bench`: how long opening an archive takes, and what encryption costs.

    python -m tests.benchmarks [--rows N] [--repeat K] [--customers N]

1. Opening: the Argon2id derivation with DEFAULT_KDF (the part a person waits
   for at login), the database open (raw-key open, probe, pragmas, migration
   check, audit key), and the whole login end to end.
2. The same insert/select workload on SQLCipher (raw key) and on plain sqlite3
   with the same pragmas, measured in this run, and the ratio against the 1.5x
   target.
3. Customer search at --customers N (default 100,000): p50/p95 per query kind
   against the 10 ms target and against a hand-written SQL query on the same
   file (tests/benchmarks/search.py).
4. Excel import of 10,000 rows (read, check, write; rows/s against 5,000) and
   the time of `demo --customers N` (tests/benchmarks/importing.py).
5. Statistics (统计) at --customers N: opening each statistic, for the director
   and a manager, all time and one year, against the 1 s target
   (tests/benchmarks/statistics.py).
6. Scale at --scale-customers N and --scale-events M (default 100,000 and
   1,000,000; 0 customers skips it): open, search, list, statistics, verify,
   backup and memory on a real archive, as one table with the earlier issues'
   targets and same-run baselines (tests/benchmarks/scale.py).

Nothing here is a test (pytest does not collect it); it prints a report and
exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import sqlcipher3

from app.security import audit, keyslots
from app.security.kdf import DEFAULT_KDF, derive_key, new_salt
from app.storage import migrate
from app.storage.archive import Archive
from app.storage.database import open_engine, raw_connect
from app.storage.uow import UnitOfWork
from app.workflows import accounts, auth
from tests.benchmarks.importing import bench_import
from tests.benchmarks.scale import DEFAULT_CUSTOMERS, DEFAULT_EVENTS, bench_scale
from tests.benchmarks.search import bench_search
from tests.benchmarks.statistics import bench_statistics

TARGET_RATIO = 1.5
PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 5000",
)
ADMIN = accounts.NewAccount("admin", "系统管理员", "Guanli2026bench")
KEEPER = accounts.NewAccount("keeper", "保密专管员", "Baomi2026bench")


def _median_time(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


# --- 1. opening -------------------------------------------------------------------------------


def bench_open(work: Path, runs: int) -> None:
    print("1. 打开档案 / opening an archive")
    print(
        f"   Argon2id DEFAULT_KDF: {DEFAULT_KDF.memory_kib // 1024} MiB, "
        f"{DEFAULT_KDF.iterations} passes, {DEFAULT_KDF.lanes} lanes"
    )
    salt = new_salt()
    kdf, kdf_all = _median_time(lambda: derive_key(ADMIN.password, salt, DEFAULT_KDF), runs)
    print(
        f"   KDF (median of {runs}):            {_ms(kdf)}   runs: "
        + ", ".join(f"{t * 1000:.0f}" for t in kdf_all)
    )

    root = work / "archive"
    archive = accounts.create_archive(
        root,
        branch_name="基准测试信用社",
        branch_code="BENCH",
        admin=ADMIN,
        custodian=KEEPER,
        kdf=DEFAULT_KDF,
    )
    main_key = auth.authenticate(archive, ADMIN.login, ADMIN.password).keys.main_key
    archive.close()
    db = root / "main.db"

    def raw_open() -> None:
        raw_connect(db, main_key).close()

    def full_db_open() -> None:
        engine = open_engine(db, main_key)
        try:
            migrate.upgrade(engine, "main", db)
            with UnitOfWork(engine, b"") as uow:
                audit.load_key(uow.session)
        finally:
            engine.dispose()

    raw_open()  # warm the file cache once, as a second login would find it
    raw, _ = _median_time(raw_open, runs * 2)
    dbo, _ = _median_time(full_db_open, runs * 2)
    print(f"   raw-key open + probe + pragmas:    {_ms(raw)}")
    print(f"   ... + migrations check + audit key:{_ms(dbo)}")

    def login() -> None:
        a = Archive.open(root)
        try:
            auth.authenticate(a, ADMIN.login, ADMIN.password)
        finally:
            a.close()

    whole, _ = _median_time(login, runs)
    print(f"   whole login (open + authenticate): {_ms(whole)}")
    print(f"   => KDF share of the login: {kdf / whole:5.0%}; database open: {dbo / whole:5.0%}")
    print()


# --- 2. workload --------------------------------------------------------------------------------

SCHEMA = (
    "CREATE TABLE customers ("
    " id INTEGER PRIMARY KEY,"
    " archive_no TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " id_number TEXT NOT NULL,"
    " phone TEXT NOT NULL,"
    " address TEXT NOT NULL,"
    " created_at TEXT NOT NULL)",
    "CREATE INDEX ix_customers_id_number ON customers (id_number)",
)


def _rows(n: int) -> list[tuple[Any, ...]]:
    rng = random.Random(42)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    return [
        (
            f"LY{i:08d}",
            rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2)))),
            f"4301811{rng.randrange(10**10, 10**11)}",
            f"13{rng.randrange(10**8, 10**9)}",
            f"湖南省涟源市某某镇某某村{rng.randrange(1, 40)}组{rng.randrange(1, 200)}号",
            f"2026-01-{1 + i % 28:02d}T08:00:00",
        )
        for i in range(n)
    ]


def _workload(conn: Any, rows: list[tuple[Any, ...]], batch: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    for statement in SCHEMA:
        conn.execute(statement)

    start = time.perf_counter()
    for i in range(0, len(rows), batch):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO customers (archive_no, name, id_number, phone, address, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows[i : i + batch],
        )
        conn.execute("COMMIT")
    timings["insert"] = time.perf_counter() - start

    keys = [r[0] for r in rows]
    random.Random(7).shuffle(keys)
    start = time.perf_counter()
    for key in keys:
        row = conn.execute("SELECT * FROM customers WHERE archive_no = ?", (key,)).fetchone()
        assert row is not None
    timings["point select"] = time.perf_counter() - start

    start = time.perf_counter()
    total = 0
    for lo in range(0, len(rows), max(len(rows) // 20, 1)):
        total += len(
            conn.execute(
                "SELECT id, name, phone FROM customers WHERE archive_no BETWEEN ? AND ?"
                " ORDER BY archive_no",
                (f"LY{lo:08d}", f"LY{lo + 999:08d}"),
            ).fetchall()
        )
    total += conn.execute("SELECT count(*) FROM customers WHERE address LIKE '%10组%'").fetchone()[
        0
    ]
    timings["range scan"] = time.perf_counter() - start
    assert total > 0
    return timings


def _plain(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma).fetchall()
    return conn


def _cipher(path: Path, key: bytes) -> sqlcipher3.Connection:
    return raw_connect(path, key, create=True)  # the program's own open: same pragmas


def _cipher_lib_unkeyed(path: Path) -> sqlcipher3.Connection:
    """SQLCipher's own SQLite without a key: tells encryption apart from library version."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma).fetchall()
    return conn


def bench_workload(work: Path, n: int, batch: int, repeat: int) -> None:
    print(
        f"2. 工作负载 / workload: {n} inserts ({batch} per transaction), "
        f"{n} indexed point selects, range scans; median of {repeat} runs each"
    )
    rows = _rows(n)
    results: dict[str, list[dict[str, float]]] = {"sqlcipher": [], "sqlite": [], "unkeyed": []}
    openers: dict[str, Callable[[Path], Any]] = {
        "sqlite": _plain,
        "sqlcipher": lambda path: _cipher(path, keyslots.new_archive_key()),
        "unkeyed": _cipher_lib_unkeyed,
    }
    for run in range(repeat):
        order = list(openers) if run % 2 == 0 else list(reversed(openers))
        for kind in order:
            path = work / f"{kind}-{run}.db"
            with closing(openers[kind](path)) as conn:
                results[kind].append(_workload(conn, rows, batch))
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)

    def median(kind: str, phase: str) -> float:
        return statistics.median(r[phase] for r in results[kind])

    phases = ["insert", "point select", "range scan"]
    print(
        f"   {'phase':<14}{'sqlite3':>12}{'sqlcipher':>12}{'ratio':>8}   target <= {TARGET_RATIO}x"
        f"   {'(SQLCipher lib, no key':>24}{'ratio)':>8}"
    )
    totals = {"sqlite": 0.0, "sqlcipher": 0.0, "unkeyed": 0.0}
    lines = [(phase, {k: median(k, phase) for k in totals}) for phase in phases]
    for _, figures in lines:
        for kind in totals:
            totals[kind] += figures[kind]
    for phase, f in [*lines, ("total", totals)]:
        ratio = f["sqlcipher"] / f["sqlite"]
        flag = "ok          " if ratio <= TARGET_RATIO else "ABOVE TARGET"
        print(
            f"   {phase:<14}{_ms(f['sqlite']):>12}{_ms(f['sqlcipher']):>12}{ratio:7.2f}x   {flag}"
            f"   {_ms(f['unkeyed']):>24}{f['sqlcipher'] / f['unkeyed']:7.2f}x"
        )
    print(
        "   ratio = SQLCipher with its raw key / plain sqlite3 (stdlib), same pragmas "
        "(WAL, synchronous FULL, secure_delete, temp_store memory);\n"
        "   the last column compares with SQLCipher's own SQLite unkeyed, i.e. the cost of "
        "encryption alone."
    )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kdf-runs", type=int, default=5)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--scale-customers", type=int, default=DEFAULT_CUSTOMERS)
    parser.add_argument("--scale-events", type=int, default=DEFAULT_EVENTS)
    args = parser.parse_args(argv)

    with closing(sqlcipher3.connect(":memory:")) as c:
        cipher_version = c.execute("PRAGMA cipher_version").fetchone()
        cipher_sqlite = c.execute("SELECT sqlite_version()").fetchone()[0]
    print("custarchive benchmark")
    print(
        f"   {platform.platform()}; Python {platform.python_version()}; {os.cpu_count()} CPUs\n"
        f"   SQLCipher {cipher_version[0] if cipher_version else '?'} (SQLite {cipher_sqlite});"
        f" plain SQLite {sqlite3.sqlite_version}\n"
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="custarchive-bench-") as tmp:
        bench_open(Path(tmp), args.kdf_runs)
        bench_workload(Path(tmp), args.rows, args.batch, args.repeat)
        bench_search(Path(tmp), args.customers)
        bench_import(Path(tmp), args.customers)
        print("5. ", end="")
        stats = bench_statistics(Path(tmp), args.customers)
        if args.scale_customers > 0:
            # section 5's figures at the same size stand in the scale table (not run twice)
            same = stats if args.scale_customers == args.customers else None
            bench_scale(Path(tmp), args.scale_customers, args.scale_events, same)
    print(f"total bench time {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
