"""Customer search on real encrypted archives: short names, pinyin, numbers, scope, index upkeep."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from stdnum.cn import ric

from app.models import Customer, CustomerNameGram, CustomerSearchKey
from app.security.roles import Role
from app.storage import search
from app.storage.search import index_customer, rebuild_index, search_customers, unindex_customer
from tests.conftest import Branch


def resident_id(region: str, birth: str, seq: str) -> str:
    body = region + birth + seq
    return body + ric.calc_check_digit(body)


ID_ZSF = resident_id("431382", "19850312", "123")
CREDIT_CODE = "93431382MA4L0XY21R"  # valid GB 32100 check character


def _id_ending_in_x() -> str:
    for seq in range(100, 999):
        number = resident_id("431382", "19900701", str(seq))
        if number.endswith("X"):
            return number
    raise AssertionError("no X check digit found")


ID_WXM = _id_ending_in_x()

#: (key, archive_no, manager (1 or 2), name, identity_no, phone, address); no name: secret tier
PEOPLE = [
    (
        "zsf",
        "LY-0101-G-2026-000001",
        1,
        "张三丰",
        ID_ZSF,
        "13807381234",
        "湖南省涟源市桥头河镇石门村3组",
    ),
    ("zs", "LY-0101-G-2026-000002", 1, "张三", None, "13907385678", "湖南省涟源市七星街镇"),
    ("lzh", "LY-0101-G-2026-000003", 1, "李张华", None, None, "湖南省涟源市桥头河镇万宝村"),
    (
        "wxm",
        "LY-0101-G-2026-000004",
        2,
        "王小明",
        ID_WXM,
        "15173829999",
        "湖南省涟源市桥头河镇石门村5组",
    ),
    ("zw", "LY-0101-G-2026-000005", 2, "张伟", None, None, None),
    ("secret", "LY-0101-G-2026-000006", 1, None, None, None, None),
    ("sxx", "LY-0101-G-2026-000007", 1, "单雄信", None, None, None),
    (
        "coop",
        "LY-0101-D-2026-000001",
        1,
        "涟源市石门农民专业合作社",
        CREDIT_CODE,
        "07384561234",
        "湖南省涟源市桥头河镇",
    ),
]


@dataclass
class Scene:
    branch: Branch
    managers: dict[int, int]  # 1, 2 -> user id
    ids: dict[str, int]  # PEOPLE key -> customer id

    def find(self, query: str, manager: int | None = 1, limit: int = 50) -> list[str]:
        """The keys of the customers found, in order."""
        by_id = {v: k for k, v in self.ids.items()}
        with self.branch.archive.unit_of_work() as uow:
            found = search_customers(
                uow.session,
                query,
                limit=limit,
                partial_manager_id=None if manager is None else self.managers[manager],
            )
        return [by_id[i] for i in found]


def _customer(
    archive_no: str, manager_id: int, name: str | None, **content: str | None
) -> Customer:
    secret = name is None
    return Customer(
        archive_no=archive_no,
        category="organisation" if "-D-" in archive_no else "individual",
        subtype="enterprise" if "-D-" in archive_no else "farmer",
        tier="secret" if secret else "ordinary",
        status="filed",
        manager_id=manager_id,
        template_version=1,
        name_masked="" if secret else name[0] + "*" + name[-1],  # type: ignore[index]
        name=name,
        created_by=manager_id,
        **content,
    )


def add_people(scene: Scene, people: list[tuple]) -> None:  # type: ignore[type-arg]
    with scene.branch.archive.unit_of_work() as uow:
        for key, archive_no, manager, name, identity_no, phone, address in people:
            customer = _customer(
                archive_no,
                scene.managers[manager],
                name,
                identity_no=identity_no,
                phone=phone,
                address=address,
            )
            uow.session.add(customer)
            uow.session.flush()
            index_customer(
                uow.session,
                customer.id,
                archive_no=archive_no,
                name=name,
                identity_no=identity_no,
                phone=phone,
                address=address,
            )
            scene.ids[key] = customer.id
        uow.commit()


@pytest.fixture
def scene(branch: Branch) -> Iterator[Scene]:
    m1 = branch.add_user("manager", [Role.MANAGER])
    m2 = branch.add_user("manager2", [Role.MANAGER])
    s = Scene(branch, {1: m1.user_id, 2: m2.user_id}, {})
    add_people(s, PEOPLE)
    yield s


# --- names -------------------------------------------------------------------------------------


def test_one_character_surname(scene: Scene) -> None:
    # prefix before infix, shorter names first; 张伟 belongs to the other manager
    assert scene.find("张") == ["zs", "zsf", "lzh"]
    assert scene.find("张", manager=2) == ["zw"]


def test_two_character_name(scene: Scene) -> None:
    # 张三 is an exact full name: first; 张三丰 starts with it
    assert scene.find("张三") == ["zs", "zsf"]
    assert scene.find("小明", manager=2) == ["wxm"]


def test_three_and_more_characters(scene: Scene) -> None:
    assert scene.find("张三丰") == ["zsf"]
    assert scene.find("农民专业") == ["coop"]
    assert scene.find("石门农民专业合作") == ["coop"]


def test_infix(scene: Scene) -> None:
    assert scene.find("三丰") == ["zsf"]
    assert scene.find("丰") == ["zsf"]
    assert scene.find("雄信") == ["sxx"]


def test_pinyin(scene: Scene) -> None:
    assert scene.find("zsf") == ["zsf"]
    assert scene.find("zhangsanfeng") == ["zsf"]
    assert scene.find("zhangs") == ["zs", "zsf"]  # prefix matches, shorter name first
    assert scene.find("ZhangSan") == ["zs", "zsf"]
    assert scene.find("zhang san") == ["zs", "zsf"]
    assert scene.find("zs") == ["zs", "zsf"]
    assert scene.find("z")[:2] == ["zs", "zsf"]
    assert scene.find("lizhang") == ["lzh"]
    # 单 as a surname is read shan; the everyday reading dan works too
    assert scene.find("shanxiongxin") == ["sxx"]
    assert scene.find("sxx") == ["sxx"]
    assert scene.find("dxx") == ["sxx"]
    assert scene.find("wxm") == []  # another manager's customer
    assert scene.find("wxm", manager=2) == ["wxm"]


# --- numbers and addresses ---------------------------------------------------------------------


def test_archive_number_exact_and_partial(scene: Scene) -> None:
    assert scene.find("LY-0101-G-2026-000004") == ["wxm"]  # exact: any manager
    assert scene.find("ly-0101-g-2026-000004", manager=None) == ["wxm"]
    assert scene.find("000003") == ["lzh"]
    assert scene.find("000003", manager=2) == []
    assert scene.find("D-2026") == ["coop"]
    # shorter names first, then by archive number; no name (secret tier) last
    assert scene.find("G-2026-00000") == ["zs", "zsf", "lzh", "sxx", "secret"]


def test_identity_number_full_and_partial(scene: Scene) -> None:
    assert ID_WXM.endswith("X")
    assert scene.find(ID_WXM) == ["wxm"]  # another manager's customer, but the full number
    assert scene.find(ID_WXM.lower(), manager=None) == ["wxm"]
    assert scene.find(CREDIT_CODE.lower(), manager=None) == ["coop"]
    assert scene.find(ID_ZSF[-6:]) == ["zsf"]
    assert scene.find("19850312") == ["zsf"]
    assert scene.find(ID_WXM[-5:].lower()) == []  # partial: only the manager's own
    assert scene.find(ID_WXM[-5:].lower(), manager=2) == ["wxm"]
    assert scene.find(ID_ZSF[:17], manager=None) == []  # not the full number


def test_phone_partial(scene: Scene) -> None:
    assert scene.find("1234") == ["zsf", "coop"]
    assert scene.find("138073") == ["zsf"]
    assert scene.find("5678") == ["zs"]
    assert scene.find("9999") == []
    assert scene.find("9999", manager=2) == ["wxm"]


def test_short_numbers_do_not_match_identity_or_phone(scene: Scene) -> None:
    assert scene.find("123") == []  # below four digits: archive numbers and addresses only
    assert scene.find("001") == ["zsf", "coop"]  # shorter names first


def test_address(scene: Scene) -> None:
    assert scene.find("桥头河镇") == ["zsf", "lzh", "coop"]  # shorter names first
    assert scene.find("石门村") == ["zsf"]
    assert scene.find("石门村", manager=2) == ["wxm"]
    assert scene.find("七星街") == ["zs"]


def test_full_width_and_spaces_in_the_query(scene: Scene) -> None:
    assert scene.find("１３８０７３") == ["zsf"]
    assert scene.find("  ＬＹ－０１０１－Ｇ－２０２６－０００００４  ", manager=None) == ["wxm"]
    assert scene.find("ｚｓｆ") == ["zsf"]
    assert scene.find("\u3000张三丰\u3000") == ["zsf"]
    assert scene.find("") == []
    assert scene.find("   ") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"""',
        "*",
        "***",
        "张*",
        "AND",
        "OR",
        "NOT",
        "张 AND 李",
        "zsf OR sxx",
        "NEAR(",
        "NEAR(张三 丰)",
        "-",
        "---",
        "-张三",
        "^张三",
        "{name}: 张",
        "name:张三丰",
        "(",
        ")",
        ":",
        "'",
        "\\",
        "%",
        "%%%",
        "_",
        "___",
        "\x00",
        "张\x00三丰",
        '张三丰"',
        "a" * 500,
    ],
)
def test_fts_syntax_in_the_query_is_just_text(scene: Scene, query: str) -> None:
    assert scene.find(query) == []
    assert scene.find(query, manager=2) == []
    assert scene.find(query, manager=None) == []


def test_fts_syntax_keeps_its_meaning_as_text(scene: Scene) -> None:
    add_people(
        scene,
        [("odd", "LY-0101-D-2026-000009", 1, '"星光" AND 合作社', None, None, "NEAR(村)")],
    )
    assert scene.find('"星光" AND') == ["odd"]
    assert scene.find("AND 合作") == ["odd"]
    assert scene.find("NEAR(") == ["odd"]
    assert scene.find('"星') == ["odd"]
    assert scene.find("合作社") == ["coop", "odd"]


# --- who finds what ----------------------------------------------------------------------------


def test_partial_matches_only_among_the_managers_customers(scene: Scene) -> None:
    assert scene.find("王小") == []
    assert scene.find("王小", manager=2) == ["wxm"]
    assert scene.find("桥头河镇", manager=2) == ["wxm"]


def test_exact_matches_across_managers(scene: Scene) -> None:
    assert scene.find("王小明") == ["wxm"]
    assert scene.find("张三丰", manager=2) == ["zsf"]
    assert scene.find("LY-0101-G-2026-000001", manager=2) == ["zsf"]
    assert scene.find(ID_ZSF, manager=2) == ["zsf"]


def test_without_a_manager_only_exact_matches(scene: Scene) -> None:
    assert scene.find("张", manager=None) == []
    assert scene.find("张三", manager=None) == ["zs"]
    assert scene.find("zsf", manager=None) == []
    assert scene.find("000001", manager=None) == []
    assert scene.find("1234", manager=None) == []
    assert scene.find("桥头河镇", manager=None) == []
    assert scene.find("涟源市石门农民专业合作社", manager=None) == ["coop"]
    assert scene.find(ID_ZSF, manager=None) == ["zsf"]


def test_exact_matches_come_first(scene: Scene) -> None:
    # 张三 exactly, then the manager's partial matches
    assert scene.find("张三", manager=2) == ["zs"]
    assert scene.find("张三", manager=1) == ["zs", "zsf"]


def test_secret_tier_only_by_archive_number(scene: Scene) -> None:
    assert scene.find("LY-0101-G-2026-000006", manager=None) == ["secret"]
    assert scene.find("LY-0101-G-2026-000006", manager=2) == ["secret"]
    assert scene.find("000006") == ["secret"]
    assert scene.find("000006", manager=2) == []
    with scene.branch.archive.unit_of_work() as uow:
        grams = uow.session.scalar(
            sa.select(sa.func.count())
            .select_from(CustomerNameGram)
            .where(CustomerNameGram.customer_id == scene.ids["secret"])
        )
        fts = uow.session.execute(
            sa.text("SELECT * FROM customer_fts WHERE rowid = :id"), {"id": scene.ids["secret"]}
        ).one()
    assert grams == 0
    assert fts._mapping["archive_no"] == "ly-0101-g-2026-000006"
    assert [fts._mapping[c] for c in search.FTS_COLUMNS if c != "archive_no"] == [None] * 6


# --- keeping the index ---------------------------------------------------------------------------


def test_unindex_removes(scene: Scene) -> None:
    with scene.branch.archive.unit_of_work() as uow:
        unindex_customer(uow.session, scene.ids["zsf"])
        uow.commit()
    assert scene.find("zsf") == []
    assert scene.find("三丰") == []
    assert scene.find("桥头河镇") == ["lzh", "coop"]
    assert scene.find("张") == ["zs", "lzh"]


def test_reindex_after_a_change(scene: Scene) -> None:
    with scene.branch.archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, scene.ids["zsf"])
        assert customer is not None
        customer.name = "张君宝"
        index_customer(
            uow.session,
            customer.id,
            archive_no=customer.archive_no,
            name=customer.name,
            identity_no=customer.identity_no,
            phone=customer.phone,
            address=customer.address,
        )
        uow.commit()
    assert scene.find("三丰") == []
    assert scene.find("zsf") == []
    assert scene.find("君宝") == ["zsf"]
    assert scene.find("zjb") == ["zsf"]
    assert scene.find("张") == ["zs", "zsf", "lzh"]


def test_a_rolled_back_index_write_leaves_nothing(scene: Scene) -> None:
    with scene.branch.archive.unit_of_work() as uow:
        unindex_customer(uow.session, scene.ids["zsf"])
        # no commit
    assert scene.find("zsf") == ["zsf"]


def _index_state(scene: Scene) -> tuple[list[tuple], ...]:  # type: ignore[type-arg]
    with scene.branch.archive.unit_of_work() as uow:
        keys = [
            tuple(r)
            for r in uow.session.execute(
                sa.select(CustomerSearchKey.__table__).order_by(CustomerSearchKey.customer_id)
            )
        ]
        grams = [
            tuple(r)
            for r in uow.session.execute(
                sa.select(CustomerNameGram.__table__).order_by(
                    *CustomerNameGram.__table__.primary_key.columns
                )
            )
        ]
        fts = [
            tuple(r)
            for r in uow.session.execute(
                sa.text(
                    f"SELECT rowid, {', '.join(search.FTS_COLUMNS)} FROM customer_fts"
                    " ORDER BY rowid"
                )
            )
        ]
    return grams, keys, fts


QUERIES = ["张", "张三", "三丰", "zsf", "zhangs", "000001", "1234", "桥头河镇", ID_ZSF, "石门"]


def test_rebuild_index_equals_incremental_indexing(scene: Scene) -> None:
    before = _index_state(scene)
    results = {(q, m): scene.find(q, manager=m) for q in QUERIES for m in (1, 2, None)}
    with scene.branch.archive.unit_of_work() as uow:
        uow.session.execute(sa.delete(CustomerNameGram))
        uow.session.execute(sa.delete(CustomerSearchKey))
        uow.session.execute(sa.text("DELETE FROM customer_fts"))
        uow.commit()
    assert scene.find("张") == []
    with scene.branch.archive.unit_of_work() as uow:
        assert rebuild_index(uow.session) == len(PEOPLE)
        uow.commit()
    assert _index_state(scene) == before
    assert {(q, m): scene.find(q, manager=m) for q in QUERIES for m in (1, 2, None)} == results
    with scene.branch.archive.unit_of_work() as uow:  # again over a full index: the same
        assert rebuild_index(uow.session) == len(PEOPLE)
        uow.commit()
    assert _index_state(scene) == before


def test_limit_respected(scene: Scene) -> None:
    more = [
        (
            f"z{i}",
            f"LY-0101-G-2026-{100 + i:06d}",
            1,
            "张" + "一二三四五六七八九十"[i % 10] + "明",
            None,
            None,
            "湖南省涟源市桥头河镇",
        )
        for i in range(30)
    ]
    add_people(scene, more)
    assert len(scene.find("张")) == 33
    assert scene.find("张", limit=5) == ["zs", "zsf", "z0", "z1", "z2"]
    assert len(scene.find("桥头河镇", limit=7)) == 7
    assert len(scene.find("zh", limit=3)) == 3
    assert scene.find("张三", limit=1) == ["zs"]  # the exact match
    assert scene.find("张", limit=0) == []


def test_a_customer_changing_hands(scene: Scene) -> None:
    """The manager filter is checked against customers itself, even before reindexing."""
    with scene.branch.archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, scene.ids["zsf"])
        assert customer is not None
        customer.manager_id = scene.managers[2]
        uow.commit()
    for query in ("三丰", "zsf", "石门村", ID_ZSF[-6:]):
        assert scene.find(query) == [], query  # the old manager: no more
    assert scene.find("张") == ["zs", "lzh"]
    with scene.branch.archive.unit_of_work() as uow:
        customer = uow.session.get(Customer, scene.ids["zsf"])
        assert customer is not None
        index_customer(
            uow.session,
            customer.id,
            archive_no=customer.archive_no,
            name=customer.name,
            identity_no=customer.identity_no,
            phone=customer.phone,
            address=customer.address,
        )
        uow.commit()
    for query in ("三丰", "zsf", ID_ZSF[-6:]):
        assert scene.find(query, manager=2) == ["zsf"], query
    assert scene.find("石门村", manager=2) == ["zsf", "wxm"]
    assert scene.find("张", manager=2) == ["zw", "zsf"]


def test_index_customer_refuses_an_unknown_customer(scene: Scene) -> None:
    with scene.branch.archive.unit_of_work() as uow, pytest.raises(ValueError):
        index_customer(
            uow.session,
            999_999,
            archive_no="LY-X",
            name="某某",
            identity_no=None,
            phone=None,
            address=None,
        )


PORTABLE_QUERIES = [
    "张三丰",
    "农民专业",
    "zsf",
    "zhangsanfeng",
    "zhangs",
    "lizhang",
    "000003",
    "G-2026-00000",
    "1234",
    "138073",
    "19850312",
    "桥头河镇",
    "石门村",
    "001",
    "123",
    '"星',
    "%%%",
    "___",
    "a_b",
    "shanxiongxin",
    "dxx",
    "lizhanghua",
]


def test_the_portable_like_search_agrees_with_fts(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside SQLite (PostgreSQL) the same search runs with LIKE: same hits, same order.

    On SQLite, few hits are ranked from their text and many inside the index: the same too.
    """
    with_fts = {(q, m): scene.find(q, manager=m) for q in PORTABLE_QUERIES for m in (1, 2)}
    # many hits are ranked inside the index instead of from their text: the same order
    monkeypatch.setattr(search, "_FEW_HITS", 0)
    assert {(q, m): scene.find(q, manager=m) for q in PORTABLE_QUERIES for m in (1, 2)} == with_fts
    monkeypatch.setattr(search, "_is_sqlite", lambda session: False)
    with_like = {(q, m): scene.find(q, manager=m) for q in PORTABLE_QUERIES for m in (1, 2)}
    assert with_like == with_fts
    assert with_like[("zhangs", 1)] == ["zs", "zsf"]


def _grams_of(scene: Scene, key: str) -> int:
    with scene.branch.archive.unit_of_work() as uow:
        return uow.session.scalar(
            sa.select(sa.func.count())
            .select_from(CustomerNameGram)
            .where(CustomerNameGram.customer_id == scene.ids[key])
        )


def test_a_deleted_customer_is_never_found(scene: Scene) -> None:
    assert _grams_of(scene, "zsf") > 0
    with scene.branch.archive.unit_of_work() as uow:  # deleted without unindexing
        uow.session.execute(sa.delete(Customer).where(Customer.id == scene.ids["zsf"]))
        uow.commit()
    for query in ("张三丰", "三丰", "张", "zsf", "石门村", ID_ZSF, ID_ZSF[-6:], "000001"):
        assert "zsf" not in scene.find(query), query
    with scene.branch.archive.unit_of_work() as uow:
        unindex_customer(uow.session, scene.ids["zsf"])
        uow.commit()
    assert _grams_of(scene, "zsf") == 0


def test_a_very_broad_query_is_ranked_among_the_newest_hits(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Part of every address: with more hits than the window, the newest are ranked."""
    assert scene.find("湖南省涟源市") == ["zs", "zsf", "lzh", "coop"]
    monkeypatch.setattr(search, "_WINDOW", 2)  # the two newest hits: coop, then wxm
    assert scene.find("湖南省涟源市") == ["coop"]
    assert scene.find("湖南省涟源市", manager=2) == ["wxm"]
    monkeypatch.setattr(search, "_WINDOW", 5)  # all five
    assert scene.find("湖南省涟源市") == ["zs", "zsf", "lzh", "coop"]
