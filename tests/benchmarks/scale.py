"""`make bench`, scale: a real archive of N customers and M audit events.

    python -m tests.benchmarks.scale [--customers N] [--events M]   (alone)
    python -m tests.benchmarks --scale-customers N --scale-events M  (in make bench)

Defaults 100,000 customers and 1,000,000 audit events. The archive is built
the way a branch's grows: the demo staff with the real Argon2id parameters,
the customers through the import path (``demo``: full forms, search index,
one audit event each), a few modification requests the director signs in
person, and then events of a working day's kinds (searches, openings, logins,
locks) written with :func:`app.security.audit.append_many` -- the real chain
function, in a few transactions -- until the chain holds M events.

A separate process then does what a person would, so that its peak resident
memory (``resource.getrusage``) counts the program and not the builder: open
(login end to end), search (every query kind of section 3, p50/p95), the
catalogue's lazy model (first page with its count, then ``fetchMore``),
``verify`` (page HMACs and structure, the whole audit chain, every signature),
and a backup written and read back against its sums. Statistics come from
``tests/benchmarks/statistics.py`` when it exists.

Every figure is wall-clock on this machine, which others share: beside each
stands a baseline measured in the same run (the Argon2id derivation alone, a
hand-written SQL query, reading the chain and computing its HMACs with nothing
else, copying and hashing the database file), and the target of the earlier
issues. A report, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import io
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app import cli
from app.models import Customer, User
from app.security import audit
from app.storage.archive import Archive
from app.workflows import auth, customers, modification, signing
from tests.benchmarks import importing, listing
from tests.benchmarks import search as search_bench

DEFAULT_CUSTOMERS = 100_000
DEFAULT_EVENTS = 1_000_000
SIGNED_REQUESTS = 10
PER_KIND = 100
PASSWORD = cli.DEMO_PASSWORD
#: events per ``append_many`` call (one actor's stretch) and per transaction
EVENT_CALL = 2_000
EVENT_TRANSACTION = 250_000

SEARCH_MS = search_bench.TARGET_MS
SEARCH_RATIO = search_bench.TARGET_RATIO
FIRST_PAGE_MS = listing.FIRST_PAGE_MS
RSS_MB = listing.RSS_MB
IMPORT_RATE = importing.TARGET
STATISTICS_S = 1.0
VERIFY_S = 30.0

ROOT = Path(__file__).resolve().parents[2]


# --- building ------------------------------------------------------------------------------------


def _quiet(fn: Any, *args: Any) -> Any:
    with redirect_stdout(io.StringIO()):
        return fn(*args)


def _signed_requests(archive: Archive, count: int) -> int:
    """``count`` modifications of manager1's customers, each signed by the director in person."""
    manager = auth.authenticate(archive, "manager1", PASSWORD)
    with archive.unit_of_work() as uow:
        ids = list(
            uow.session.scalars(
                sa.select(Customer.id)
                .join(User, User.id == Customer.manager_id)
                .where(
                    User.login == "manager1",
                    Customer.status == "filed",
                    Customer.tier == "ordinary",
                    Customer.category == "individual",
                )
                .order_by(Customer.id)
                .limit(count)
            )
        )
    for i, cid in enumerate(ids):
        data = customers.open_customer(archive, manager, cid).data
        ref = modification.propose(
            archive, manager, cid, dict(data, mobile=f"139073800{i:02d}"), note="客户来柜面告知"
        )
        signing.decide(archive, ref.id, "director", PASSWORD, "approve")
    return len(ids)


_ACTORS = ("manager1", "manager2", "director", "staff1", "service", "inspector", "admin")
_KINDS = ("name", "pinyin", "archive_no", "identity", "phone", "address")


def _working_day(rng: random.Random, actor: str, numbers: list[str], n: int) -> list[Any]:
    """``n`` events of the kinds a working day is made of, as ``append_many`` takes them."""
    events: list[Any] = []
    while len(events) < n:
        roll = rng.random()
        number = rng.choice(numbers)
        if roll < 0.40:
            events.append(
                (
                    "catalogue.search",
                    "catalogue",
                    "",
                    {"kind": rng.choice(_KINDS), "hits": rng.randrange(60)},
                )
            )
        elif roll < 0.75:
            events.append(("customer.open", "customer", number, {}))
        elif roll < 0.82:
            events.append(("customer.history", "customer", number, {}))
        elif roll < 0.90:
            events.append(("login.success", "user", actor, {"purpose": "login"}))
        elif roll < 0.96:
            events.append(("session.lock", "user", actor, {}))
        else:
            events.append(("session.unlock", "user", actor, {}))
    return events[:n]


def _fill_audit(archive: Archive, count: int, seed: int) -> int:
    """Add ``count`` chained events through ``audit.append_many``, EVENT_TRANSACTION per commit."""
    if count <= 0:
        return 0
    rng = random.Random(seed)
    with archive.unit_of_work() as uow:
        numbers = list(uow.session.scalars(sa.select(Customer.archive_no)))
    written = 0
    while written < count:
        in_transaction = min(EVENT_TRANSACTION, count - written)
        with archive.unit_of_work() as uow:
            done = 0
            while done < in_transaction:
                n = min(EVENT_CALL, in_transaction - done)
                actor = rng.choice(_ACTORS)
                audit.append_many(uow.session, actor, _working_day(rng, actor, numbers, n))
                done += n
            uow.commit()
        written += in_transaction
    return written


_VILLAGE = re.compile(r"(\S+村)")


def _search_plan(archive: Archive, seed: int) -> dict[str, Any]:
    """The queries of section 3's kinds, drawn from this archive's own customers."""
    people = []
    with archive.unit_of_work() as uow:
        manager1 = uow.session.scalar(sa.select(User.id).where(User.login == "manager1"))
        rows = uow.session.execute(
            sa.select(
                Customer.archive_no,
                Customer.category,
                Customer.manager_id,
                Customer.name,
                Customer.identity_no,
                Customer.phone,
                Customer.address,
            )
        )
        for number, category, manager_id, name, identity, phone, address in rows:
            village = _VILLAGE.search(address or "")
            complete = name and identity and phone and village and category == "individual"
            people.append(
                search_bench.Person(
                    archive_no=number,
                    manager=1 if manager_id == manager1 else 2,
                    name=name if complete else None,
                    identity_no=identity,
                    phone=phone,
                    address=address,
                    village=village.group(1) if village else "",
                )
            )
    queries = search_bench._queries(
        people, PER_KIND, random.Random(seed), individual=lambda p: p.name is not None
    )
    return {"manager_id": manager1, "queries": queries}


def build(root: Path, n_customers: int, n_events: int, seed: int = 1) -> dict[str, Any]:
    """The archive at ``root``; returns the build's figures and the search plan."""
    info: dict[str, Any] = {}
    start = time.perf_counter()
    rc = _quiet(cli.main, ["demo", "--archive", str(root), "--customers", "0"])
    if rc != 0:
        raise RuntimeError(f"demo archive not created (exit {rc})")
    info["accounts"] = time.perf_counter() - start
    archive = Archive.open(root)
    try:
        start = time.perf_counter()
        if n_customers > 0:
            _quiet(cli._demo_customers, archive, PASSWORD, n_customers, seed)
        info["customers"] = time.perf_counter() - start
        start = time.perf_counter()
        info["signed"] = _signed_requests(archive, SIGNED_REQUESTS)
        info["signing"] = time.perf_counter() - start
        with archive.unit_of_work() as uow:
            have, _ = audit.chain_head(uow.session)
        start = time.perf_counter()
        info["events_added"] = _fill_audit(archive, n_events - have, seed)
        info["events_time"] = time.perf_counter() - start
        info["plan"] = _search_plan(archive, seed)
    finally:
        archive.close()
    return info


# --- measuring (in a child process) --------------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _resident_mb() -> float:
    """Resident memory now (VmRSS), what the list's 300 MB target is about; 0 without /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024
    except OSError:
        return 0.0


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _timed(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _chain_floor(archive: Archive, key: bytes) -> tuple[int, float]:
    """Read every event's columns with a bare cursor and compute its HMAC: the least any
    verify of the chain must do (no checks, no messages, no ORM)."""
    start = time.perf_counter()
    count = 0
    mac = hmac.new(key, digestmod=hashlib.sha256)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with archive.engine.connect() as conn:
        cursor = conn.exec_driver_sql(
            "SELECT seq, occurred_at, actor, action, target_type, target_id, details, prev_hash"
            " FROM audit_events ORDER BY seq"
        )
        for seq, at, actor, action, ttype, tid, details, prev in cursor:
            m = mac.copy()
            m.update(prev.encode("ascii"))
            m.update(encode([seq, at, actor, action, ttype, tid, details]).encode())
            m.hexdigest()
            count += 1
    return count, time.perf_counter() - start


def measure(root: Path, plan: dict[str, Any], work: Path) -> dict[str, Any]:
    """Everything a person waits for, in this process; returns the figures."""
    from PySide6.QtCore import QCoreApplication

    from app.security.kdf import derive_key, new_salt
    from app.storage.header import read_header
    from app.views.catalogue_model import CatalogueModel
    from app.views.context import SessionContext
    from app.workflows import approvals, backup, integrity

    out: dict[str, Any] = {"rss": {}}
    app = QCoreApplication.instance() or QCoreApplication([])

    # open: the whole login, against the Argon2id derivation alone with the archive's parameters
    logins = []
    for i in range(3):
        start = time.perf_counter()
        archive = Archive.open(root)
        actor = auth.authenticate(archive, "manager1", PASSWORD)
        logins.append(time.perf_counter() - start)
        if i == 0:
            out["rss"]["open"] = _rss_mb()  # one open and login, Argon2id's memory included
        archive.close()
    out["login"] = _median(logins)
    kdf = read_header(root)[0].kdf
    salt = new_salt()
    out["kdf"] = _median([_timed(lambda: derive_key(PASSWORD, salt, kdf))[1] for _ in range(3)])
    archive = Archive.open(root)
    actor = auth.authenticate(archive, "manager1", PASSWORD)

    # search: section 3's kinds, ours and the hand-written query
    kinds: dict[str, Any] = {}
    manager_id = plan["manager_id"]
    with archive.unit_of_work() as uow:
        for kind in search_bench.KINDS:
            batch = plan["queries"][kind]
            hits, ours, theirs = search_bench.time_kind(uow.session, kind, batch, manager_id)
            o50, o95 = search_bench._percentiles(ours)
            _, t95 = search_bench._percentiles(theirs)
            kinds[kind] = {"hits": hits / len(batch), "p50": o50, "p95": o95, "sql_p95": t95}
    out["search"] = kinds
    out["rss"]["search"] = _rss_mb()

    # list: the catalogue's lazy model, as the page drives it
    model = CatalogueModel(SessionContext(archive, actor))
    first = [_timed(model.reload)[1] for _ in range(5)]
    out["list_total"] = model.total
    fetches = []
    for _ in range(25):
        if not model.canFetchMore():
            break
        fetches.append(_timed(model.fetchMore)[1])
    out["list_rows"] = model.rowCount()
    out["list_first"] = _median(first)
    out["list_first_worst"] = max(first)
    out["fetch_median"] = _median(fetches) if fetches else 0.0
    out["fetch_worst"] = max(fetches) if fetches else 0.0
    sql = sa.text(
        "SELECT id, archive_no, category, subtype, tier, name_masked, manager_id, status,"
        " completeness, retrieval_remarks FROM customers ORDER BY archive_no LIMIT 200"
    )
    with archive.unit_of_work() as uow:
        out["list_sql"] = _median(
            [_timed(lambda s=uow.session: s.execute(sql).all())[1] for _ in range(5)]
        )
    out["resident_list"] = _resident_mb()
    del model
    app.processEvents()
    out["rss"]["list"] = _rss_mb()

    # verify: the whole archive as the custodian runs it (vault included), then its parts
    custodian = auth.authenticate(archive, "custodian", PASSWORD)
    cpu = time.process_time()
    report, out["verify"] = _timed(lambda: integrity.verify(archive, custodian))
    out["verify_cpu"] = time.process_time() - cpu
    out["verify_sound"] = report.sound
    out["verify_problems"] = report.problems[:5]
    out["chain_length"] = report.chain_length
    with archive.unit_of_work() as uow:
        key = audit.load_key(uow.session)
        cpu = time.process_time()
        problems, out["chain"] = _timed(lambda s=uow.session: audit.verify(s, key))
        out["chain_cpu"] = time.process_time() - cpu
        assert not problems, problems[:3]
        signatures, out["signatures"] = _timed(
            lambda s=uow.session: approvals.verify_all(s, archive.archive_id)
        )
        assert not signatures, signatures[:3]
        out["decisions"] = uow.session.scalar(sa.text("SELECT count(*) FROM approval_decisions"))
    out["chain_floor_rows"], out["chain_floor"] = _chain_floor(archive, key)
    out["rss"]["verify"] = _rss_mb()

    # backup: write it, read it back against its sums; the floor is copying and hashing main.db
    admin = auth.authenticate(archive, "admin", PASSWORD)
    target = work / "scale-backup.zip"
    made, out["backup"] = _timed(lambda: backup.create_backup(archive, admin, target))
    out["backup_size"] = made.size
    _, out["backup_check"] = _timed(lambda: backup.inspect_backup(target))
    from app.storage.database import checkpoint

    checkpoint(archive.engine)
    out["main_db_size"] = archive.paths.main_db.stat().st_size

    def copy_and_hash() -> None:
        copy = work / "main-copy.db"
        shutil.copyfile(archive.paths.main_db, copy)
        digest = hashlib.sha256()
        with open(copy, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        copy.unlink()

    _, out["copy_floor"] = _timed(copy_and_hash)
    target.unlink()
    out["rss"]["backup"] = _rss_mb()
    archive.close()
    return out


def _run_child(root: Path, plan: dict[str, Any], work: Path) -> dict[str, Any]:
    plan_file = work / "scale-plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.scale", "--measure", str(root), str(plan_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"measuring process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- statistics (another benchmark, when present) ------------------------------------------------


def _statistics(work: Path, n_customers: int) -> tuple[float | None, str]:
    """(worst seconds or None, note) from tests/benchmarks/statistics.py if it is there."""
    try:
        from tests.benchmarks.statistics import bench_statistics  # type: ignore[import-not-found]
    except ImportError:
        return None, "tests/benchmarks/statistics.py not present"
    folder = work / "statistics"
    folder.mkdir(exist_ok=True)
    try:
        result, spent = _timed(lambda: bench_statistics(folder, n_customers))
    except Exception as exc:  # a report, not a test: say what happened and go on
        return None, f"bench_statistics failed ({type(exc).__name__})"
    return _worst_statistic(result, spent)


def _worst_statistic(result: Any, spent: float) -> tuple[float | None, str]:
    """bench_statistics returns [(statistic, worst seconds), ...]; anything else is not read."""
    try:
        worst = max(result, key=lambda r: r[1])
        return float(worst[1]), f"worst of {len(result)}: {worst[0]}"
    except (TypeError, ValueError, IndexError):
        return None, f"bench_statistics returned no figures (it ran in {spent:.1f} s)"


# --- the report ----------------------------------------------------------------------------------


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:.1f} s"


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "NO")


def table(
    n_customers: int,
    built: dict[str, Any],
    m: dict[str, Any],
    stats: tuple[float | None, str],
) -> list[tuple[str, str, str, str, str]]:
    """(what, figure, target, met, baseline in the same run) per line."""
    rows: list[tuple[str, str, str, str, str]] = []
    if built["customers"]:
        rate = n_customers / built["customers"]
        rows.append(
            (
                f"build: {n_customers:,} customers via import",
                f"{rate:,.0f} rows/s",
                f">= {IMPORT_RATE:,} rows/s",
                _met(rate >= IMPORT_RATE),
                f"{_s(built['customers'])} in all",
            )
        )
    if built["events_added"]:
        ev = built["events_added"]
        rows.append(
            (
                f"build: {ev:,} audit events (append_many)",
                f"{ev / built['events_time']:,.0f} events/s",
                "—",
                "—",
                f"{_s(built['events_time'])} in all",
            )
        )
    rows.append(
        (
            "open: login end to end (manager)",
            _ms(m["login"]),
            "—",
            "—",
            f"Argon2id alone {_ms(m['kdf'])}",
        )
    )
    worst_p95 = max(k["p95"] for k in m["search"].values())
    worst_ratio = max(k["p95"] / k["sql_p95"] for k in m["search"].values())
    for kind in search_bench.KINDS:
        k = m["search"][kind]
        ratio = k["p95"] / k["sql_p95"]
        rows.append(
            (
                f"search {kind} p50 / p95",
                f"{k['p50'] * 1000:.2f} / {k['p95'] * 1000:.2f} ms",
                f"p95 <= {SEARCH_MS:.0f} ms",
                _met(k["p95"] * 1000 <= SEARCH_MS),
                f"SQL p95 {k['sql_p95'] * 1000:.2f} ms ({ratio:.2f}x)",
            )
        )
    rows.append(
        (
            "search: worst p95 of 12 kinds",
            f"{worst_p95 * 1000:.2f} ms",
            f"<= {SEARCH_MS:.0f} ms",
            _met(worst_p95 * 1000 <= SEARCH_MS),
            "",
        )
    )
    rows.append(
        (
            "search: worst p95 / hand-written SQL",
            f"{worst_ratio:.2f}x",
            f"<= {SEARCH_RATIO:.0f}x",
            _met(worst_ratio <= SEARCH_RATIO),
            "",
        )
    )
    rows.append(
        (
            f"list: first page + count ({m['list_total']:,} lines)",
            f"{_ms(m['list_first'])} (worst {_ms(m['list_first_worst'])})",
            f"<= {FIRST_PAGE_MS:.0f} ms",
            _met(m["list_first_worst"] * 1000 <= FIRST_PAGE_MS),
            f"SQL first 200 rows {_ms(m['list_sql'])}",
        )
    )
    rows.append(
        (
            f"list: fetchMore 200 rows (to {m['list_rows']:,})",
            f"{_ms(m['fetch_median'])} (worst {_ms(m['fetch_worst'])})",
            f"<= {FIRST_PAGE_MS:.0f} ms",
            _met(m["fetch_worst"] * 1000 <= FIRST_PAGE_MS),
            "",
        )
    )
    seconds, note = stats
    rows.append(
        (
            "statistics: a page",
            _s(seconds) if seconds is not None else "n/a",
            f"<= {STATISTICS_S:.0f} s",
            _met(seconds <= STATISTICS_S) if seconds is not None else "—",
            note,
        )
    )
    sound = "sound" if m["verify_sound"] else "PROBLEMS: " + "; ".join(m["verify_problems"])
    rows.append(
        (
            f"verify: whole archive ({m['chain_length']:,} events)",
            _s(m["verify"]),
            f"<= {VERIFY_S:.0f} s",
            _met(m["verify"] <= VERIFY_S),
            f"{sound}; CPU {_s(m['verify_cpu'])}",
        )
    )
    rows.append(
        (
            "  of which the audit chain alone",
            _s(m["chain"]),
            "",
            "",
            f"CPU {_s(m['chain_cpu'])}; bare read + HMAC {_s(m['chain_floor'])}",
        )
    )
    rows.append(
        (
            f"  of which signatures ({m['decisions']} decisions)",
            _ms(m["signatures"]),
            "",
            "",
            "",
        )
    )
    rows.append(
        (
            f"backup: create ({m['backup_size'] / 2**20:,.0f} MiB file)",
            _s(m["backup"]),
            "—",
            "—",
            f"copy + SHA-256 of main.db {_s(m['copy_floor'])}",
        )
    )
    rows.append(("backup: read back against its sums", _s(m["backup_check"]), "—", "—", ""))
    rss = m["rss"]
    rows.append(
        (
            "memory: resident with the list open",
            f"{m['resident_list']:.0f} MB",
            f"<= {RSS_MB:.0f} MB",
            _met(m["resident_list"] <= RSS_MB) if m["resident_list"] else "—",
            "",
        )
    )
    rows.append(
        (
            "memory: peak RSS, open + search + list",
            f"{rss['list']:.0f} MB",
            "—",
            "—",
            f"after the first login {rss['open']:.0f} MB (Argon2id's 100 MiB included)",
        )
    )
    rows.append(
        (
            "memory: peak RSS, + verify + backup",
            f"{rss['backup']:.0f} MB",
            "—",
            "—",
            f"after verify {rss['verify']:.0f} MB",
        )
    )
    return rows


def bench_scale(
    work: Path,
    n_customers: int = DEFAULT_CUSTOMERS,
    n_events: int = DEFAULT_EVENTS,
    statistics_figures: list[tuple[str, float]] | None = None,
    archive_root: Path | None = None,
) -> list[tuple[str, str, str, str, str]]:
    """Build, measure, print the table; returns its rows.

    ``statistics_figures``: what ``bench_statistics`` returned if the statistics
    section already ran at this size in this run (else it is called here).
    ``archive_root``: build there and keep it; if an archive is there already, measure
    that one as it is (its own sizes) without building.
    """
    print(
        f"6. 规模 / scale: {n_customers:,} customers, {n_events:,} audit events\n"
        "   Wall-clock on this machine (shared, often loaded): read each figure beside the"
        f" baseline measured in this run. {_load()} at the start."
    )
    started = time.perf_counter()
    root = archive_root or work / "scale-archive"
    if (root / "archive.json").exists():
        archive = Archive.open(root)
        try:
            auth.authenticate(archive, "admin", PASSWORD)
            with archive.unit_of_work() as uow:
                n_customers = uow.session.scalar(sa.select(sa.func.count(Customer.id))) or 0
            plan = _search_plan(archive, 1)
        finally:
            archive.close()
        built = {"accounts": 0.0, "customers": 0.0, "signed": 0, "signing": 0.0}
        built |= {"events_added": 0, "events_time": 0.0, "plan": plan}
        print(f"   (the existing archive {root}: {n_customers:,} customers, not rebuilt)")
    else:
        built = build(root, n_customers, n_events)
    size = sum(p.stat().st_size for p in root.iterdir() if p.is_file())
    print(
        f"   built in {time.perf_counter() - started:.0f} s: accounts {built['accounts']:.1f} s,"
        f" customers {built['customers']:.1f} s, {built['signed']} signed modifications"
        f" {built['signing']:.1f} s, events {built['events_time']:.1f} s;"
        f" archive folder {size / 2**20:,.0f} MiB"
    )
    measured = _run_child(root, built.pop("plan"), work)
    if statistics_figures:
        worst, note = _worst_statistic(statistics_figures, 0.0)
        stats = (worst, f"section 5, {note}")
    else:
        stats = _statistics(work, n_customers)
    rows = table(n_customers, built, measured, stats)
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("what", "figure", "target", "met", "baseline (same run)")
    for row in (header, *rows):
        print("   " + "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)), row[4])
    print(
        "   open: the design's figure is Argon2id about 0.3 s on two cores (no target of its own);"
        " verify: page HMACs and\n   structure of main.db and vault.db, the chain, every"
        " signature; memory: one process that opened, searched, listed, verified, backed up."
        f"\n   Section time {time.perf_counter() - started:.0f} s; {_load()}."
    )
    print()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.scale", description=__doc__)
    parser.add_argument("--customers", type=int, default=DEFAULT_CUSTOMERS)
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS)
    parser.add_argument(
        "--archive",
        type=Path,
        help="build the archive here and keep it; an archive already there is measured as it is",
    )
    parser.add_argument("--measure", nargs=2, metavar=("ARCHIVE", "PLAN"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        root, plan = Path(args.measure[0]), json.loads(Path(args.measure[1]).read_text("utf-8"))
        with tempfile.TemporaryDirectory(prefix="custarchive-scale-") as tmp:
            result = measure(root, plan, Path(tmp))
        print(json.dumps(result, ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory(prefix="custarchive-bench-") as tmp:
        bench_scale(Path(tmp), args.customers, args.events, archive_root=args.archive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
