"""Migration m0012: the statistics columns are written with the content, not by triggers.

m0011 copied the content's township, village and credit rating into customers.stat_*
with triggers; m0012 drops them (the program writes the columns itself). An archive
left at m0011 is upgraded with its columns copied afresh from the content, and after
the upgrade every way the program writes content (create, correct a draft, import,
raise and lower the tier) keeps the columns equal to what the triggers would have put.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import sqlalchemy as sa
from alembic import command

from app.models import Customer
from app.models.customer import statistics_value
from app.security.roles import Role
from app.storage import migrate
from app.storage.archive import Archive
from app.storage.database import checkpoint, open_engine
from app.workflows import customer_import as ci
from app.workflows import customers, signing, tier
from app.workflows import statistics as stats
from app.workflows.auth import Actor
from tests.conftest import ADMIN, PASSWORDS, Branch
from tests.integration.helpers import keys_of
from tests.integration.test_customers import create, farmer, resident_id

STAT_TRIGGERS = {"customers_stat_insert", "customers_stat_update"}
#: rows whose columns differ from what m0011's triggers computed from the content
OUT_OF_STEP = (
    "SELECT id FROM customers WHERE"
    " stat_township IS NOT json_extract(content, '$.township')"
    " OR stat_village IS NOT json_extract(content, '$.village')"
    " OR stat_credit_rating IS NOT json_extract(content, '$.credit_rating')"
)


def _triggers(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars()
        )


def _columns(archive: Archive, customer_id: int) -> tuple[Any, ...]:
    with archive.engine.connect() as conn:
        return tuple(
            conn.execute(
                sa.select(
                    Customer.stat_township, Customer.stat_village, Customer.stat_credit_rating
                ).where(Customer.id == customer_id)
            ).one()
        )


def _out_of_step(engine: sa.Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.exec_driver_sql(OUT_OF_STEP).scalars())


def _villages(archive: Archive, actor: Actor) -> set[str]:
    """The places (township and village) of the village statistic's item rows."""
    return {row.label for row in stats.statistic(archive, actor, "village_rating").items}


def test_an_archive_at_m0011_is_upgraded_with_its_columns_copied_again(branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR])
    first = create(branch, manager, farmer("甲一", resident_id(seq="101"), credit_rating="优秀"))
    second = create(branch, manager, farmer("乙二", resident_id(seq="102"), credit_rating="较好"))
    third = create(branch, manager, farmer("丙三", resident_id(seq="103")))
    branch.archive.close()

    key = keys_of(branch.root, "admin", ADMIN[2]).main_key
    engine = open_engine(branch.root / "main.db", key)
    try:
        cfg = migrate._config("main", None)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "m0011")
        assert migrate.current_revision(engine) == "m0011"
        assert _triggers(engine) >= STAT_TRIGGERS
        with engine.begin() as conn:
            # m0011's trigger follows a change of content ...
            conn.exec_driver_sql(
                "UPDATE customers SET content = json_set(content, '$.village', '新建村')"
                f" WHERE id = {second.id}"
            )
            # ... but a column written on its own is out of step with the content
            conn.exec_driver_sql(
                f"UPDATE customers SET stat_credit_rating = '差' WHERE id = {first.id}"
            )
        assert _out_of_step(engine) == [first.id]
        checkpoint(engine)
    finally:
        engine.dispose()

    branch.archive = Archive.open(branch.root)
    archive = branch.archive
    director = branch.login("director")  # unlocks the archive: main.db is upgraded
    assert migrate.current_revision(archive.engine) == migrate.head_revision("main")
    assert _triggers(archive.engine) & STAT_TRIGGERS == set()
    assert _out_of_step(archive.engine) == []
    assert _columns(archive, first.id) == ("桥头河镇", "石门村", "优秀")
    assert _columns(archive, second.id) == ("桥头河镇", "新建村", "较好")
    assert _columns(archive, third.id) == ("桥头河镇", "石门村", None)
    assert _villages(archive, director) == {"桥头河镇 新建村", "桥头河镇 石门村"}

    # going back to m0011 puts its triggers back, with the columns in step
    engine = archive.engine
    cfg = migrate._config("main", None)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "m0011")
    assert _triggers(engine) >= STAT_TRIGGERS
    assert _out_of_step(engine) == []


def test_every_writer_keeps_the_columns_in_step_with_the_content(
    branch: Branch, tmp_path: Path
) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])
    keeper = branch.login("keeper")
    archive = branch.archive
    assert _triggers(archive.engine) & STAT_TRIGGERS == set()

    # created through the form
    ref = create(branch, manager, farmer("丁四", resident_id(seq="201"), credit_rating="一般"))
    assert _columns(archive, ref.id) == ("桥头河镇", "石门村", "一般")
    # a draft corrected: the village changes, the rating is taken out
    data = customers.open_customer(archive, manager, ref.id).data
    changed = {k: v for k, v in data.items() if k != "credit_rating"}
    customers.update_draft(archive, manager, ref.id, {**changed, "village": "安平村"})
    assert _columns(archive, ref.id) == ("桥头河镇", "安平村", None)

    # imported in bulk (with a rating, without one, another sub-type)
    headers = {c.key: c.header for c in ci.import_columns("individual")}
    rows = [
        {"subtype": "农户", "name": "戊五", "id_type": "居民身份证",
         "id_number": resident_id(seq="301"), "township": "湄江镇", "village": "塞海村",
         "credit_rating": "较好"},
        {"subtype": "农户", "name": "己六", "id_type": "居民身份证",
         "id_number": resident_id(seq="302"), "township": "湄江镇", "village": "塞海村"},
        {"subtype": "城镇居民", "name": "庚七", "id_type": "居民身份证",
         "id_number": resident_id(seq="303"), "township": "蓝田街道", "village": "光明社区"},
    ]  # fmt: skip
    for r in rows:
        r.update(mobile="13807381234", retention_years=30)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ci.DATA_SHEET
    keys = [k for k in headers if any(k in r for r in rows)]
    sheet.append([headers[k] for k in keys])
    for r in rows:
        sheet.append([r.get(k) for k in keys])
    path = tmp_path / "list.xlsx"
    book.save(path)
    report = ci.import_customers(archive, manager, path, category="individual")
    assert report.status == ci.STATUS_IMPORTED, report.lines()[:5]
    with archive.engine.connect() as conn:
        imported = dict(
            conn.execute(
                sa.select(Customer.name, Customer.id).where(
                    Customer.name.in_(["戊五", "己六", "庚七"])
                )
            ).all()
        )
    assert _columns(archive, imported["戊五"]) == ("湄江镇", "塞海村", "较好")
    assert _columns(archive, imported["己六"]) == ("湄江镇", "塞海村", None)
    assert _columns(archive, imported["庚七"]) == ("蓝田街道", "光明社区", None)

    # filed, then raised to 机密: the content leaves main.db, and so do the columns
    customers.file_customer(archive, manager, ref.id)
    tier.raise_tier(archive, manager, ref.id, "机密", custodian=keeper, reason="客户要求保密管理")
    assert _columns(archive, ref.id) == (None, None, None)
    # lowered again: back from the vault with the content
    request = tier.request_lower(archive, manager, ref.id, "普通", reason="客户已不再要求保密")
    signed = signing.decide(
        archive, request.id, "director", PASSWORDS["director"], "approve", "", custodian=keeper
    )
    assert signed.state == "applied"
    assert _columns(archive, ref.id) == ("桥头河镇", "安平村", None)
    assert _out_of_step(archive.engine) == []


def test_a_column_holds_what_json_extract_gives_for_any_json_value(branch: Branch) -> None:
    """statistics_value against SQLite itself, for values a template might one day hold."""
    values: list[Any] = ["石门村", "", None, True, False, 3, -12, 0.5, 2.25, [1, "a"], {"k": "中"}]
    with branch.archive.engine.connect() as conn:
        for value in values:
            text = json.dumps({"v": value}, ensure_ascii=False)
            conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS t (v VARCHAR(64))")
            conn.exec_driver_sql("DELETE FROM t")
            conn.exec_driver_sql("INSERT INTO t VALUES (json_extract(?, '$.v'))", (text,))
            stored = conn.exec_driver_sql("SELECT v FROM t").scalar()
            assert statistics_value(value) == stored, value
