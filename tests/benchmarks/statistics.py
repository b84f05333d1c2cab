"""`make bench`: opening each statistic (统计) at N customers (default 100,000).

The archive is built as the search section builds its own (the same synthetic
people: common surnames, valid ID check digits, Lianyuan townships and
villages, two managers, 4 % organisations, 2 % secret tier), inserted in bulk,
but each 普通 row also carries its content as the form stores it (township,
village, credit rating, household and assets: about 1 KB of JSON), the
archives are spread over ten years of creation dates and four statuses, and
about N/20 requests of the counted procedures are spread over the same years.

Then each statistic is opened as the page opens it (``statistics.statistic``:
permission check, the GROUP BY queries, the audit event, commit) for the
director (the branch's tables) and for a manager (own tables plus the
branch's totals), over all time and over one year; the worst of three runs
per statistic is reported against the 1 s target.
"""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from app.models import Customer, Request, RequestCustomer, User
from app.models.customer import STATISTICS_KEYS, statistics_values
from app.security.kdf import TEST_KDF
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.database import checkpoint
from app.workflows import accounts, auth
from app.workflows import statistics as stats
from tests.benchmarks.search import TOWNSHIPS, _people

TARGET_SECONDS = 1.0
RUNS = 3
RATINGS = ("优秀", "较好", "较好", "一般", "一般", "一般", "差", None)
STATUSES = ("filed",) * 14 + ("draft", "closed", "destroyed")
INITIAL = "Chushi2026bench"
PASSWORD = "Tongji2026bench"


def _content(person: object, town: str, rng: random.Random) -> str:
    name = getattr(person, "name", "") or ""
    return json.dumps(
        {
            "name": name,
            "gender": rng.choice(("男", "女")),
            "ethnicity": "汉族",
            "id_type": "居民身份证",
            "id_number": getattr(person, "identity_no", ""),
            "mobile": getattr(person, "phone", ""),
            "township": town,
            "village": getattr(person, "village", ""),
            "group_no": f"{rng.randrange(1, 16)}组",
            "address_detail": getattr(person, "address", ""),
            "household_size": rng.randrange(1, 8),
            "credit_rating": rng.choice(RATINGS),
            "credit_line": str(rng.randrange(1, 30) * 10000),
            "household_members": [
                {"relation": "户主", "name": name, "gender": "男"},
                {"relation": "配偶", "name": "某某", "gender": "女"},
            ],
            "assets": [
                {"kind": "房产", "quantity": 1, "value": str(rng.randrange(50, 500) * 1000)},
                {"kind": "农机具", "quantity": 2, "value": str(rng.randrange(1, 50) * 1000)},
            ],
            "operations": [
                {"kind": "种植", "last_year_net": "42000", "expected_net": "45000"},
            ],
            "expenses": [{"kind": "生活", "amount": "18000"}],
            "village_assessment": "该户家庭和睦,勤劳肯干,邻里关系良好,无不良嗜好,信用观念强。",
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def build(root: Path, n: int, seed: int = 2026) -> tuple[Archive, dict[str, str]]:
    """An archive of ``n`` customers and about n/20 requests; returns it and the logins."""
    archive = accounts.create_archive(
        root,
        branch_name="基准测试信用社",
        branch_code="LY-0101",
        admin=accounts.NewAccount("admin", "系统管理员", "Guanli2026bench"),
        custodian=accounts.NewAccount("keeper", "保密专管员", "Baomi2026bench"),
        kdf=TEST_KDF,
    )
    admin = auth.authenticate(archive, "admin", "Guanli2026bench")
    people_roles = {
        "manager1": [Role.MANAGER],
        "manager2": [Role.MANAGER],
        "director": [Role.DIRECTOR],
    }
    for login, roles in people_roles.items():
        accounts.add_user(archive, admin, accounts.NewAccount(login, login, INITIAL), roles)
        first = auth.authenticate(archive, login, INITIAL)
        accounts.change_own_password(archive, first, INITIAL, PASSWORD)
    with archive.unit_of_work() as uow:
        ids = dict(uow.session.execute(sa.select(User.login, User.id)).all())
    managers = {1: ids["manager1"], 2: ids["manager2"]}
    rng = random.Random(seed)
    people = _people(n, rng)
    start = datetime(2016, 1, 1, 2, 0)
    span = (datetime(2026, 3, 1) - start).total_seconds()
    table = Customer.__table__
    with archive.unit_of_work() as uow:
        batch = []
        for i, p in enumerate(people):
            organisation = "-D-" in p.archive_no
            town = next((t for t in TOWNSHIPS if p.address and t in p.address), TOWNSHIPS[0])
            created = start + timedelta(seconds=span * i / n)
            content = _content(p, town, rng) if p.name else None
            batch.append(
                {
                    "archive_no": p.archive_no,
                    "category": "organisation" if organisation else "individual",
                    "subtype": "cooperative" if organisation else "farmer",
                    "tier": "ordinary" if p.name else "secret",
                    "status": rng.choice(STATUSES),
                    "manager_id": managers[p.manager],
                    "template_version": 1,
                    "name_masked": (p.name[0] + "*" + p.name[-1]) if p.name else "",
                    "retrieval_remarks": "" if p.name else "机密",
                    "retention_years": 30,
                    "completeness": rng.choice((40, 75, 90, 100, 100)),
                    "name": p.name,
                    "identity_no": p.identity_no,
                    "phone": p.phone,
                    "address": p.address,
                    "content": content,
                    # written with the content, as the program writes them (migration m0012)
                    **dict(
                        zip(
                            [column for column, _ in STATISTICS_KEYS],
                            statistics_values(json.loads(content) if content else None),
                            strict=True,
                        )
                    ),
                    "created_at": created,
                    "updated_at": created,
                    "created_by": managers[p.manager],
                }
            )
            if len(batch) == 10_000:
                uow.session.execute(sa.insert(table), batch)
                batch = []
        if batch:
            uow.session.execute(sa.insert(table), batch)
        kinds = list(stats.PROCEDURE_KINDS)
        requests = []
        links = []
        for i in range(n // 20):
            kind = kinds[i % len(kinds)]
            moment = start + timedelta(seconds=span * rng.random())
            customer_id = rng.randrange(1, n + 1)
            requests.append(
                {
                    "id": i + 1,
                    "serial": f"BM-{i + 1:07d}",
                    "kind": kind,
                    "state": "applied",
                    "step": 0,
                    "requester_id": managers[1 + i % 2],
                    "customer_id": customer_id if kind == "modification" else None,
                    "payload": "{}",
                    "payload_in_vault": False,
                    "content_hash": "0" * 64,
                    "close_reason": "",
                    "created_at": moment,
                    "submitted_at": moment,
                }
            )
            if kind != "modification":
                links.append(
                    {
                        "request_id": i + 1,
                        "customer_id": customer_id,
                        "manager_id": managers[1 + customer_id % 2],
                    }
                )
        uow.session.execute(sa.insert(Request.__table__), requests)
        uow.session.execute(sa.insert(RequestCustomer.__table__), links)
        uow.commit()
    checkpoint(archive.engine)
    return archive, {"director": "director", "manager": "manager1"}


def bench_statistics(workdir: Path, customers: int = 100_000) -> list[tuple[str, float]]:
    """(statistic, worst seconds) for opening each one at ``customers``; prints a table."""
    print(f"统计 / statistics at {customers} customers (worst of {RUNS} runs, target <= 1 s)")
    started = time.perf_counter()
    archive, logins = build(workdir / "statistics-archive", customers)
    results: list[tuple[str, float]] = []
    try:
        size = archive.paths.main_db.stat().st_size
        print(f"   build {time.perf_counter() - started:.1f} s; main.db {size / 2**20:.0f} MiB")
        year = stats.Period(datetime(2025, 1, 1).date(), datetime(2025, 12, 31).date())
        cases = (
            ("director", "all time", stats.Period()),
            ("director", "2025", year),
            ("manager", "all time", stats.Period()),
        )
        print(
            f"   {'statistic':<18}" + "".join(f"{who + ' ' + when:>22}" for who, when, _ in cases)
        )
        for key in stats.STATISTICS:
            row = []
            for who, _, period in cases:
                actor = auth.authenticate(archive, logins[who], PASSWORD)
                times = []
                for _ in range(RUNS):
                    t0 = time.perf_counter()
                    stats.statistic(archive, actor, key, period)
                    times.append(time.perf_counter() - t0)
                worst = max(times)
                row.append(worst)
                results.append((f"{key} ({who}, {period.text})", worst))
            print(
                f"   {key:<18}"
                + "".join(
                    f"{t * 1000:16.0f} ms {'ok' if t <= TARGET_SECONDS else 'SLOW':>3}" for t in row
                )
            )
        worst = max(t for _, t in results)
        print(
            f"   worst {worst * 1000:.0f} ms (target <= {TARGET_SECONDS * 1000:.0f} ms);"
            f" section {time.perf_counter() - started:.1f} s"
        )
    finally:
        archive.close()
    print()
    return results


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        bench_statistics(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
