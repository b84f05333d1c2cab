"""Customer archives on a real archive: creating, completing, filing, opening, the catalogue.

Articles 3-8 (archives by the union's classification, owned by their
manager), 13 (content only for the owning manager, every opening recorded)
and 16 (机密/绝密 content only in vault.db, the mark in the catalogue).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from stdnum.cn import ric, uscc

from app.errors import (
    Conflict,
    ConsultationRequired,
    CustodianRequired,
    DuplicateCustomer,
    FormRejected,
    InvalidInput,
    NotPermitted,
)
from app.models import AuditEvent, Customer, VaultRecord
from app.security.roles import Role
from app.template import current_template
from app.template.model import FieldDef
from app.workflows import customers
from app.workflows.auth import Actor
from app.workflows.customers import CatalogueFilter
from tests.conftest import Branch

YEAR = date.today().year


def resident_id(birth: str = "19800101", seq: str = "123") -> str:
    body = "431382" + birth + seq
    return body + ric.calc_check_digit(body + "0")


def credit_code(org: str = "MA4L0000") -> str:
    body = "92431382" + org + "1"
    return body + uscc.calc_check_digit(body)


def farmer(name: str = "张三丰", id_number: str | None = None, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": name,
        "gender": "男",
        "id_type": "居民身份证",
        "id_number": id_number or resident_id(),
        "mobile": "13807381234",
        "township": "桥头河镇",
        "village": "石门村",
        "group_no": "3组",
        "household_members": [{"relation": "户主", "name": name, "gender": "男"}],
        "assets": [
            {"kind": "房产", "quantity": 1, "value": "200000"},
            {"kind": "存款", "value": "35000.50"},
        ],
        "tier": "普通",
        "retention_years": 30,
        "carriers": [{"kind": "纸质", "cabinet": "A1", "box": "12", "folder": "3"}],
    }
    record.update(extra)
    return record


def organisation(name: str = "涟源市石门农机专业合作社", code: str | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "credit_code": code or credit_code(),
        "legal_rep": "李四",
        "business_address": "涟源市桥头河镇石门村",
        "contact_phone": "0738-8321234",
        "tier": "普通",
        "retention_years": 30,
        "carriers": [{"kind": "电子", "note": "扫描件"}],
    }


def special(name: str = "王律师") -> dict[str, Any]:
    return {
        "name": name,
        "kind": "个人",
        "organisation": "湖南某某律师事务所",
        "contact_phone": "13907385678",
        "tier": "普通",
        "retention_years": 10,
        "carriers": [{"kind": "纸质", "cabinet": "B2"}],
    }


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


@pytest.fixture
def manager2(branch: Branch) -> Actor:
    return branch.add_user("manager2", [Role.MANAGER])


@pytest.fixture
def director(branch: Branch) -> Actor:
    return branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])


@pytest.fixture
def staff(branch: Branch) -> Actor:
    return branch.add_user("staff", [Role.STAFF])


@pytest.fixture
def keeper(branch: Branch) -> Actor:
    return branch.login("keeper")


def create(branch: Branch, actor: Actor, data: dict[str, Any], **kw: Any) -> customers.CustomerRef:
    kw.setdefault("category", "individual")
    kw.setdefault("subtype", "farmer")
    return customers.create_customer(branch.archive, actor, data=data, **kw)


def events(branch: Branch, *actions: str) -> list[AuditEvent]:
    with branch.archive.unit_of_work() as uow:
        stmt = sa.select(AuditEvent).order_by(AuditEvent.seq)
        if actions:
            stmt = stmt.where(AuditEvent.action.in_(actions))
        rows = list(uow.session.scalars(stmt))
        uow.session.expunge_all()
        return rows


def page(branch: Branch, actor: Actor, **flt: Any) -> list[customers.CatalogueLine]:
    return customers.catalogue_page(
        branch.archive, actor, filters=CatalogueFilter(**flt), offset=0, limit=200
    )


def customer_row(branch: Branch, customer_id: int) -> Customer:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, customer_id)
        assert row is not None
        uow.session.expunge(row)
        return row


# --- creating --------------------------------------------------------------------------------


def test_each_category_gets_an_archive_owned_by_its_creator(branch: Branch, manager: Actor) -> None:
    person = create(branch, manager, farmer())
    org = create(branch, manager, organisation(), category="organisation", subtype="cooperative")
    expert = create(branch, manager, special(), category="special", subtype="lawyer")

    assert person.archive_no == f"LY-0101G{YEAR}000001"
    assert org.archive_no == f"LY-0101D{YEAR}000001"
    assert expert.archive_no == f"LY-0101T{YEAR}000001"
    for ref in (person, org, expert):
        assert ref.status == "draft"
        assert ref.tier == "ordinary"
        assert ref.completeness == 100
        row = customer_row(branch, ref.id)
        assert row.manager_id == manager.user_id
        assert row.created_by == manager.user_id
        assert row.template_version == 1
    row = customer_row(branch, person.id)
    assert row.name == "张三丰"
    assert row.name_masked == "张*丰"
    assert row.identity_no == resident_id()
    assert row.phone == "13807381234"
    assert "石门村" in (row.address or "")
    assert row.retention_years == 30
    content = json.loads(row.content or "{}")
    assert content["total_assets"] == "235000.50"  # computed, stored
    assert "tier" not in content and "carriers" not in content  # kept in columns and rows
    lines = {line.archive_no: line for line in page(branch, manager)}
    assert lines[org.archive_no].category_label == "单位客户"
    assert lines[org.archive_no].subtype_label == "农民专业合作社"
    assert lines[expert.archive_no].display_name == "王律师"


def test_only_managers_create(branch: Branch, director: Actor, staff: Actor) -> None:
    for actor in (branch.admin, director, staff):
        with pytest.raises(NotPermitted):
            create(branch, actor, farmer())
    assert events(branch, "customer.create") == []


def test_archive_numbers_run_per_category_and_are_never_reused(
    branch: Branch, manager: Actor
) -> None:
    first = create(branch, manager, farmer("张三", resident_id(seq="111")))
    second = create(branch, manager, farmer("李四", resident_id(seq="113")))
    org = create(branch, manager, organisation(), category="organisation", subtype="enterprise")
    with pytest.raises(FormRejected):  # refused before a number is taken
        create(branch, manager, farmer("王五", "430000198001011234"))
    third = create(branch, manager, farmer("赵六", resident_id(seq="115")))
    assert [r.archive_no[-6:] for r in (first, second, third)] == ["000001", "000002", "000003"]
    assert org.archive_no.endswith(f"D{YEAR}000001")
    assert len({first.archive_no, second.archive_no, third.archive_no, org.archive_no}) == 4


def test_a_draft_may_be_incomplete_and_filing_needs_everything(
    branch: Branch, manager: Actor
) -> None:
    data = farmer()
    for key in ("mobile", "village", "household_members", "carriers"):
        del data[key]
    ref = create(branch, manager, data)
    assert ref.status == "draft"
    assert 0 < ref.completeness < 100
    with pytest.raises(InvalidInput) as refused:
        customers.file_customer(branch.archive, manager, ref.id)
    text = str(refused.value)
    for label in ("手机号码", "村(社区)", "家庭成员", "载体及存放位置"):
        assert label in text
    assert customer_row(branch, ref.id).status == "draft"

    done = customers.update_draft(branch.archive, manager, ref.id, farmer())
    assert done.completeness == 100
    filed = customers.file_customer(branch.archive, manager, ref.id)
    assert filed.status == "filed"
    assert [e.action for e in events(branch, "customer.update_draft", "customer.file")] == [
        "customer.update_draft",
        "customer.file",
    ]


def test_a_draft_needs_at_least_a_name(branch: Branch, manager: Actor) -> None:
    with pytest.raises(FormRejected) as refused:
        create(branch, manager, {"id_type": "居民身份证"})
    assert [p.key for p in refused.value.problems] == ["name"]


def test_an_invalid_id_number_blocks_saving_with_the_problem_at_its_field(
    branch: Branch, manager: Actor
) -> None:
    good = resident_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(FormRejected) as refused:
        create(branch, manager, farmer(id_number=bad, mobile="1380738"))
    problems = {p.key: p for p in refused.value.problems}
    assert set(problems) == {"id_number", "mobile"}
    assert "校验位" in problems["id_number"].message
    assert bad not in str(refused.value)  # messages never repeat the number
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(Customer)) == 0


def test_an_invalid_cell_is_reported_at_its_row_and_column(branch: Branch, manager: Actor) -> None:
    data = farmer()
    data["household_members"] = [
        {"relation": "户主", "name": "张三丰"},
        {"relation": "子女", "name": "张小丰", "id_number": "12345"},
    ]
    with pytest.raises(FormRejected) as refused:
        create(branch, manager, data)
    [problem] = refused.value.problems
    assert (problem.key, problem.row, problem.column) == ("household_members", 1, "id_number")


def test_the_same_id_number_is_never_a_second_archive(
    branch: Branch, manager: Actor, manager2: Actor
) -> None:
    number = resident_id(seq="217")
    first = create(branch, manager, farmer(id_number=number))
    # typed differently: lower-case x, full-width digits, spaces
    typed = (
        "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number[:6]) + " " + number[6:]
    )
    with pytest.raises(DuplicateCustomer) as refused:
        create(branch, manager2, farmer("张三", id_number=typed.lower()))
    assert refused.value.archive_no == first.archive_no
    assert first.archive_no in str(refused.value)
    assert number not in str(refused.value)

    org = create(branch, manager, organisation(), category="organisation", subtype="enterprise")
    with pytest.raises(DuplicateCustomer) as refused:
        create(
            branch,
            manager,
            organisation("另一个名字"),
            category="organisation",
            subtype="cooperative",
        )
    assert refused.value.archive_no == org.archive_no


# --- opening ------------------------------------------------------------------------------------


def test_only_the_owning_manager_opens_and_every_attempt_is_recorded(
    branch: Branch, manager: Actor, manager2: Actor, director: Actor, staff: Actor
) -> None:
    ref = create(branch, manager, farmer())
    content = customers.open_customer(branch.archive, manager, ref.id)
    assert content.data["name"] == "张三丰"
    assert content.data["id_number"] == resident_id()
    assert content.data["tier"] == "普通"
    assert content.carriers[0].kind_label == "纸质"
    assert content.carriers[0].location == "柜 A1 / 盒 12 / 卷 3"
    assert content.missing == []
    assert content.manager_name == "用户manager"
    assert not content.is_outdated

    for actor in (manager2, director, staff, branch.admin):
        with pytest.raises(NotPermitted) as refused:
            customers.open_customer(branch.archive, actor, ref.id)
        assert isinstance(refused.value, ConsultationRequired)
        assert "查阅申请" in str(refused.value)

    opened = events(branch, "customer.open", "customer.open_refused")
    assert [(e.actor, e.action) for e in opened] == [
        ("manager", "customer.open"),
        ("manager2", "customer.open_refused"),
        ("director", "customer.open_refused"),
        ("staff", "customer.open_refused"),
        ("admin", "customer.open_refused"),
    ]
    for event in opened:
        assert event.target_type == "customer"
        assert event.target_id == ref.archive_no
        assert "张三丰" not in event.details and resident_id() not in event.details
    assert json.loads(opened[1].details)["reason"] == "not_owner"


def test_the_administrator_has_no_catalogue(branch: Branch, manager: Actor) -> None:
    create(branch, manager, farmer())
    with pytest.raises(NotPermitted):
        page(branch, branch.admin)
    with pytest.raises(NotPermitted):
        customers.catalogue_count(branch.archive, branch.admin)
    with pytest.raises(NotPermitted):
        customers.catalogue_choices(branch.archive, branch.admin)


# --- the catalogue ------------------------------------------------------------------------------


def test_the_catalogue_masks_names_for_everyone_but_the_owner(
    branch: Branch, manager: Actor, manager2: Actor, director: Actor, staff: Actor
) -> None:
    ref = create(branch, manager, farmer())
    [own] = page(branch, manager)
    assert (own.display_name, own.can_open) == ("张三丰", True)
    for actor in (manager2, director, staff):
        [line] = page(branch, actor)
        assert line.archive_no == ref.archive_no
        assert line.display_name == "张*丰"
        assert line.can_open is False
        assert line.manager_name == "用户manager"
        assert line.tier_label == "普通"
        assert line.status_label == "草稿"
        assert line.completeness == 100


def test_others_find_a_customer_only_by_archive_number_full_name_or_full_id(
    branch: Branch, manager: Actor, director: Actor, manager2: Actor
) -> None:
    ref = create(branch, manager, farmer())
    number = resident_id()
    for actor in (director, manager2):
        for query in (
            "张",
            "张三",
            "三丰",
            "zsf",
            "zhangsanfeng",
            number[:10],
            "1380738",
            "石门村",
        ):
            assert page(branch, actor, query=query) == [], query
            assert (
                customers.catalogue_count(
                    branch.archive, actor, filters=CatalogueFilter(query=query)
                )
                == 0
            )
        for query in (ref.archive_no, "张三丰", number, number.lower()):
            [line] = page(branch, actor, query=query)
            assert line.id == ref.id and line.display_name == "张*丰", query


def test_the_owner_finds_by_any_part_and_by_pinyin(branch: Branch, manager: Actor) -> None:
    ref = create(branch, manager, farmer())
    create(branch, manager, farmer("李四", resident_id(seq="135")))
    for query in ("张", "三丰", "zsf", "zhangs", resident_id()[:10], "13807381234"[:7], "石门村"):
        lines = page(branch, manager, query=query)
        assert ref.id in [line.id for line in lines], query
    assert [line.id for line in page(branch, manager, query="三丰")] == [ref.id]


def test_each_search_is_recorded_by_its_kind_never_its_text(
    branch: Branch, manager: Actor, director: Actor
) -> None:
    ref = create(branch, manager, farmer())
    page(branch, director, query="张三丰")
    page(branch, director, query=resident_id())
    page(branch, director, query=ref.archive_no)
    page(branch, manager, query="zsf")
    # the count and further pages of the same query are not new searches
    customers.catalogue_count(branch.archive, director, filters=CatalogueFilter(query="张三丰"))
    customers.catalogue_page(
        branch.archive, director, filters=CatalogueFilter(query="张三丰"), offset=200, limit=200
    )
    page(branch, director)  # browsing is not searching
    searches = events(branch, "catalogue.search")
    assert [(e.actor, json.loads(e.details)) for e in searches] == [
        ("director", {"kind": "name", "hits": 1}),
        ("director", {"kind": "id", "hits": 1}),
        ("director", {"kind": "archive_no", "hits": 1}),
        ("manager", {"kind": "pinyin", "hits": 1}),
    ]


def test_filters_order_and_count(branch: Branch, manager: Actor, manager2: Actor) -> None:
    a = create(branch, manager, farmer("张三", resident_id(seq="151")))
    b = create(branch, manager2, farmer("李四", resident_id(seq="153"), mobile=None))
    c = create(branch, manager, organisation(), category="organisation", subtype="enterprise")
    customers.file_customer(branch.archive, manager, a.id)

    def ids(**flt: Any) -> list[int]:
        return [line.id for line in page(branch, manager, **flt)]

    assert ids(category="organisation") == [c.id]
    assert ids(subtype="farmer") == [a.id, b.id]
    assert ids(manager_id=manager2.user_id) == [b.id]
    assert ids(status="filed") == [a.id]
    assert ids(completeness_below=100) == [b.id]
    assert ids(tier="secret") == []
    count = customers.catalogue_count(
        branch.archive, manager, filters=CatalogueFilter(category="individual")
    )
    assert count == 2

    def ordered(order_by: str, descending: bool = False) -> list[int]:
        return [
            line.id
            for line in customers.catalogue_page(
                branch.archive,
                manager,
                filters=CatalogueFilter(),
                offset=0,
                limit=10,
                order_by=order_by,
                descending=descending,
            )
        ]

    assert ordered("archive_no") == [c.id, a.id, b.id]  # D before G
    assert ordered("completeness") == [b.id, a.id, c.id]
    assert ordered("manager", descending=True)[0] == b.id  # 用户manager2
    assert ordered("status") == [b.id, c.id, a.id]  # 草稿 before 在册
    assert ordered("category") == [a.id, b.id, c.id]  # the template's order: 个人 before 单位
    # paging
    first = customers.catalogue_page(
        branch.archive, manager, filters=CatalogueFilter(), offset=0, limit=2
    )
    rest = customers.catalogue_page(
        branch.archive, manager, filters=CatalogueFilter(), offset=2, limit=2
    )
    assert [line.id for line in first + rest] == [c.id, a.id, b.id]
    # a query combines with the filters
    assert [line.id for line in page(branch, manager, query="张三", status="draft")] == []


# --- secret tier --------------------------------------------------------------------------------


def _main_db_text(branch: Branch) -> str:
    """Every row of every table of main.db as text (the FTS shadow tables included)."""
    chunks: list[str] = []
    with branch.archive.unit_of_work() as uow:
        tables = uow.session.scalars(
            sa.text("SELECT name FROM sqlite_master WHERE type = 'table'")
        ).all()
        for table in tables:
            for row in uow.session.execute(sa.text(f'SELECT * FROM "{table}"')):
                chunks.append(repr(tuple(row)))
    return "\n".join(chunks)


def test_secret_content_lives_only_in_the_vault(
    branch: Branch, manager: Actor, keeper: Actor, director: Actor
) -> None:
    number = resident_id(birth="19751212", seq="357")
    data = farmer("欧阳秘", number, tier="机密", retrieval_remarks="重点客户")
    with pytest.raises(CustodianRequired):
        create(branch, manager, data)
    with pytest.raises(CustodianRequired):  # a manager is no custodian
        create(branch, manager, data, custodian=manager)
    ref = create(branch, manager, data, custodian=keeper)
    assert ref.tier == "secret"

    row = customer_row(branch, ref.id)
    assert (row.name, row.identity_no, row.phone, row.address, row.content) == (None,) * 5
    assert row.name_masked == ""
    assert row.retrieval_remarks == "机密;重点客户"
    text = _main_db_text(branch)
    for secret in ("欧阳秘", number, "桥头河镇", "石门村", "13807381234"):
        assert secret not in text
    assert ref.archive_no in text

    vault = branch.archive.vault_engine(keeper.keys)
    with Session(vault) as session:
        record = session.scalar(
            sa.select(VaultRecord).where(VaultRecord.record_ref == ref.archive_no)
        )
        assert record is not None and record.tier == "secret"
        stored = json.loads(record.content.decode("utf-8"))
    assert stored["data"]["name"] == "欧阳秘"
    assert stored["data"]["id_number"] == number
    branch.archive.close_vault()

    # the catalogue shows the line and the mark, no name
    [line] = page(branch, director)
    assert (line.display_name, line.retrieval_remarks, line.tier_label) == (
        "",
        "机密;重点客户",
        "机密",
    )
    [own] = page(branch, manager)
    assert own.display_name == "" and own.can_open
    # found by archive number only
    assert page(branch, director, query="欧阳秘") == []
    assert page(branch, manager, query="欧阳") == []
    assert [line.id for line in page(branch, director, query=ref.archive_no)] == [ref.id]

    # opening needs the owner and a custodian
    with pytest.raises(CustodianRequired):
        customers.open_customer(branch.archive, manager, ref.id)
    with pytest.raises(ConsultationRequired):
        customers.open_customer(branch.archive, director, ref.id, custodian=keeper)
    content = customers.open_customer(branch.archive, manager, ref.id, custodian=keeper)
    assert content.data["name"] == "欧阳秘"
    assert content.retrieval_remarks == "重点客户"
    assert content.catalogue_remarks == "机密;重点客户"
    assert content.data["tier"] == "机密"
    opened = events(branch, "customer.open", "customer.open_refused")
    assert [(e.action, json.loads(e.details).get("reason")) for e in opened] == [
        ("customer.open_refused", "no_custodian"),
        ("customer.open_refused", "not_owner"),
        ("customer.open", None),
    ]
    assert json.loads(opened[-1].details)["custodian"] == "keeper"
    created = events(branch, "customer.create")[-1]
    assert json.loads(created.details) == {
        "archive_no": ref.archive_no,
        "category": "individual",
        "subtype": "farmer",
        "tier": "secret",
        "completeness": 100,
        "custodian": "keeper",
    }


def test_a_top_secret_draft_is_completed_and_filed_with_a_custodian(
    branch: Branch, manager: Actor, keeper: Actor
) -> None:
    data = farmer("刘绝密", resident_id(seq="371"), tier="绝密")
    del data["mobile"]
    ref = create(branch, manager, data, custodian=keeper)
    assert customer_row(branch, ref.id).retrieval_remarks == "绝密"
    with pytest.raises(InvalidInput) as refused:
        customers.file_customer(branch.archive, manager, ref.id)
    assert "保密专管员" in str(refused.value)
    with pytest.raises(CustodianRequired):
        customers.update_draft(branch.archive, manager, ref.id, farmer("刘绝密", tier="绝密"))
    customers.update_draft(
        branch.archive,
        manager,
        ref.id,
        farmer("刘绝密", resident_id(seq="371"), tier="绝密"),
        custodian=keeper,
    )
    # lowering the tier is not a draft edit
    with pytest.raises(Conflict):
        customers.update_draft(
            branch.archive, manager, ref.id, farmer("刘绝密", tier="普通"), custodian=keeper
        )
    filed = customers.file_customer(branch.archive, manager, ref.id, custodian=keeper)
    assert filed.status == "filed"
    assert "刘绝密" not in _main_db_text(branch)


def test_a_secret_duplicate_is_found_in_the_vault(
    branch: Branch, manager: Actor, keeper: Actor
) -> None:
    number = resident_id(seq="391")
    first = create(branch, manager, farmer("甲", number, tier="机密"), custodian=keeper)
    with pytest.raises(DuplicateCustomer) as refused:
        create(branch, manager, farmer("乙", number, tier="绝密"), custodian=keeper)
    assert refused.value.archive_no == first.archive_no
    ordinary = create(branch, manager, farmer("丙", resident_id(seq="393")))
    with pytest.raises(DuplicateCustomer):
        create(branch, manager, farmer("丁", resident_id(seq="393"), tier="机密"), custodian=keeper)
    assert ordinary.tier == "ordinary"


def test_raising_a_draft_to_secret_moves_its_content_out_of_main_db(
    branch: Branch, manager: Actor, keeper: Actor
) -> None:
    ref = create(branch, manager, farmer("周升密", resident_id(seq="411")))
    assert "周升密" in _main_db_text(branch)
    customers.update_draft(
        branch.archive,
        manager,
        ref.id,
        farmer("周升密", resident_id(seq="411"), tier="机密"),
        custodian=keeper,
    )
    assert "周升密" not in _main_db_text(branch)
    content = customers.open_customer(branch.archive, manager, ref.id, custodian=keeper)
    assert content.data["name"] == "周升密"
    update = events(branch, "customer.update_draft")[-1]
    assert json.loads(update.details)["from_tier"] == "ordinary"


# --- drafts and filing --------------------------------------------------------------------------


def test_only_the_owner_edits_and_only_while_draft(
    branch: Branch, manager: Actor, manager2: Actor
) -> None:
    ref = create(branch, manager, farmer())
    with pytest.raises(NotPermitted):
        customers.update_draft(branch.archive, manager2, ref.id, farmer("改名"))
    with pytest.raises(NotPermitted):
        customers.file_customer(branch.archive, manager2, ref.id)
    customers.update_draft(branch.archive, manager, ref.id, farmer("张三丰", group_no="5组"))
    customers.file_customer(branch.archive, manager, ref.id)
    with pytest.raises(Conflict) as refused:
        customers.update_draft(branch.archive, manager, ref.id, farmer("改名"))
    assert "第10条" in str(refused.value)
    with pytest.raises(Conflict):
        customers.file_customer(branch.archive, manager, ref.id)
    content = customers.open_customer(branch.archive, manager, ref.id)
    assert content.data["group_no"] == "5组"
    assert content.status_label == "在册"
    # the search index followed the edit; the refused rename changed nothing
    assert page(branch, manager, query="改名") == []


def test_an_edit_may_not_take_another_archives_id(branch: Branch, manager: Actor) -> None:
    first = create(branch, manager, farmer("张三", resident_id(seq="431")))
    second = create(branch, manager, farmer("李四", resident_id(seq="433")))
    with pytest.raises(DuplicateCustomer) as refused:
        customers.update_draft(
            branch.archive, manager, second.id, farmer("李四", resident_id(seq="431"))
        )
    assert refused.value.archive_no == first.archive_no
    # saving a draft again with its own number is no duplicate
    customers.update_draft(
        branch.archive, manager, second.id, farmer("李四", resident_id(seq="433"))
    )


def test_no_customer_data_reaches_the_audit_log(
    branch: Branch, manager: Actor, director: Actor, keeper: Actor
) -> None:
    number = resident_id(seq="451")
    ref = create(branch, manager, farmer("审计甲", number))
    customers.update_draft(branch.archive, manager, ref.id, farmer("审计甲", number))
    customers.open_customer(branch.archive, manager, ref.id)
    with pytest.raises(NotPermitted):
        customers.open_customer(branch.archive, director, ref.id)
    page(branch, director, query="审计甲")
    page(branch, director, query=number)
    customers.file_customer(branch.archive, manager, ref.id)
    secret_no = resident_id(seq="453")
    create(branch, manager, farmer("审计乙", secret_no, tier="机密"), custodian=keeper)
    recorded = events(branch)
    assert {e.action for e in recorded} >= {
        "customer.create",
        "customer.update_draft",
        "customer.open",
        "customer.open_refused",
        "catalogue.search",
        "customer.file",
    }
    for event in recorded:
        blob = f"{event.target_id} {event.details}"
        for secret in ("审计甲", "审计乙", number, secret_no, "13807381234", "石门村", "审计"):
            assert secret not in blob


def test_numbers_reserved_in_bulk_come_from_the_same_counter(
    branch: Branch, manager: Actor
) -> None:
    with branch.archive.unit_of_work() as uow:
        numbers = customers.new_archive_numbers(uow, current_template(), "individual", "LY-0101", 3)
        uow.commit()
    assert [n[-6:] for n in numbers] == ["000001", "000002", "000003"]
    assert create(branch, manager, farmer()).archive_no.endswith("000004")


def test_a_record_filled_under_an_older_template_shows_what_the_new_one_adds(
    branch: Branch, manager: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    v1 = current_template()
    ref = create(branch, manager, farmer())
    individual = v1.category("individual")
    first, *rest = individual.sections
    wechat = FieldDef("wechat", "微信号", required=True)
    v2 = replace(
        v1,
        version=2,
        categories=tuple(
            replace(c, sections=(replace(first, items=(*first.items, wechat)), *rest))
            if c.key == "individual"
            else c
            for c in v1.categories
        ),
    )
    monkeypatch.setattr(customers, "current_template", lambda: v2)
    monkeypatch.setattr(customers, "template_version", lambda v: {1: v1, 2: v2}[v])
    content = customers.open_customer(branch.archive, manager, ref.id)
    assert content.template_version == 1 and content.current_template_version == 2
    assert content.is_outdated
    assert content.added_by_new_template == ["微信号"]
    assert content.missing == ["微信号"]
    with pytest.raises(InvalidInput) as refused:
        customers.file_customer(branch.archive, manager, ref.id)
    assert "微信号" in str(refused.value)
