"""Validation of what people type: every field type, whole records, identity, masking, JSON.

Identity numbers are fictional but real in format: built with stdnum's check-digit
functions, with the Lianyuan division code 431382 where a region is needed.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn import ric, uscc

from app.resources import resource_path
from app.template import load_template
from app.template.model import CategoryDef, FieldDef, GroupDef, SectionDef, SubtypeDef, Template
from app.template.validation import (
    Problem,
    completeness,
    compute_totals,
    from_json,
    identity_of,
    index_values,
    mask_name,
    missing_required,
    normalize,
    normalize_record,
    option_code,
    option_label,
    preset_rows,
    to_json,
    upgrade_view,
    validate_field,
    validate_record,
)

V1 = resource_path("template", "v1.toml")


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(V1)


def resident_id(first17: str) -> str:
    """A number with the right GB 11643 check digit (stdnum computes it)."""
    assert len(first17) == 17
    return first17 + ric.calc_check_digit(first17 + "0")


def wrong_check_digit(number: str) -> str:
    digits = "0123456789X"
    return number[:-1] + digits[(digits.index(number[-1]) + 1) % 11]


def credit_code(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17 + "0")


#: a man born 12 June 1985, registered in Lianyuan
ZHANG_ID = resident_id("43138219850612123")
#: a woman born 3 March 1990 whose number ends in X
X_ID = next(
    number
    for number in (resident_id(f"43138219900303{seq:03d}") for seq in range(0, 999, 2))
    if number.endswith("X")
)
COOP_CODE = credit_code("93431382MA4L2K7R5")
VILLAGE_COLLECTIVE_CODE = credit_code("N2431382MA4L2K7R5")


def field(template: Template, key: str, category: str = "individual", subtype: str = "farmer"):
    item = template.item(category, subtype, key)
    assert isinstance(item, FieldDef)
    return item


def group(template: Template, key: str, category: str = "individual", subtype: str = "farmer"):
    item = template.item(category, subtype, key)
    assert isinstance(item, GroupDef)
    return item


def farmer_record() -> dict[str, object]:
    return {
        "name": "张三丰",
        "gender": "男",
        "ethnicity": "土家族",
        "birth_date": "1985-06-12",
        "id_type": "居民身份证",
        "id_number": ZHANG_ID,
        "mobile": "13807381234",
        "township": "桥头河镇",
        "village": "石门村",
        "group_no": "3组",
        "household_members": [
            {"relation": "户主", "name": "张三丰", "gender": "男", "id_number": ZHANG_ID},
            {"relation": "配偶", "name": "李四妹", "gender": "女", "id_number": X_ID},
        ],
        "assets": [
            {"kind": "房产", "quantity": 1, "value": "300,000"},
            {"kind": "交通工具", "quantity": "2", "value": "45000.50"},
            {"kind": "存款", "quantity": None, "value": "20000"},
            {"kind": "其它", "quantity": None, "value": None},
        ],
        "liabilities": [{"kind": "贷款", "creditor": "涟源农商银行", "amount": "50000"}],
        "operations": [
            {"kind": "种植", "last_year_net": "35000", "expected_net": "40000"},
            {"kind": "养殖", "last_year_net": "12000.25", "expected_net": "15000"},
        ],
        "expenses": [
            {"kind": "生活", "amount": "18000"},
            {"kind": "学费", "amount": "6000"},
            {"kind": "医疗", "amount": "1500.75"},
        ],
        "tier": "普通",
        "retention_years": 30,
        "carriers": [{"kind": "纸质", "cabinet": "A1", "box": "03", "folder": "2026-015"}],
    }


# --- resident ID -----------------------------------------------------------------------------


def test_fictional_ids_are_real_in_format() -> None:
    assert ric.is_valid(resident_id("11010119900307123"))  # stdnum agrees on a Beijing number
    assert len(ZHANG_ID) == 18 and X_ID.endswith("X")
    assert ric.get_birth_date(ZHANG_ID) == date(1985, 6, 12)


def test_resident_id_valid(template: Template) -> None:
    legal_rep_id = field(template, "legal_rep_id", "organisation", "enterprise")
    assert validate_field(legal_rep_id, ZHANG_ID) is None
    assert validate_field(legal_rep_id, X_ID) is None


def test_resident_id_registered_in_lianyuan_before_the_1999_recoding(template: Template) -> None:
    # 431382 has been Lianyuan's code since 1999; people born earlier carry it when their first
    # card came later. stdnum's own validate() refuses them; this archive must not.
    assert not ric.is_valid(ZHANG_ID)
    assert (
        validate_field(field(template, "legal_rep_id", "organisation", "enterprise"), ZHANG_ID)
        is None
    )


def test_resident_id_wrong_check_digit(template: Template) -> None:
    message = validate_field(
        field(template, "legal_rep_id", "organisation", "enterprise"), wrong_check_digit(ZHANG_ID)
    )
    assert message and "校验位" in message
    assert ZHANG_ID not in message  # messages never repeat the number


def test_resident_id_impossible_birth_date(template: Template) -> None:
    number = resident_id("43138219850230123")  # 30 February, check digit right
    message = validate_field(field(template, "legal_rep_id", "organisation", "enterprise"), number)
    assert message and "出生日期" in message and "有效日期" in message


def test_resident_id_birth_in_the_future(template: Template) -> None:
    future = date.today() + timedelta(days=400)
    number = resident_id(f"431382{future:%Y%m%d}123")
    message = validate_field(field(template, "legal_rep_id", "organisation", "enterprise"), number)
    assert message and "出生日期" in message


def test_resident_id_unknown_region(template: Template) -> None:
    number = resident_id("99999919850612123")
    message = validate_field(field(template, "legal_rep_id", "organisation", "enterprise"), number)
    assert message and "地区代码" in message


def test_resident_id_length_and_format(template: Template) -> None:
    rep = field(template, "legal_rep_id", "organisation", "enterprise")
    assert "18 位" in (validate_field(rep, ZHANG_ID[:-1]) or "")
    assert "15 位" in (validate_field(rep, "431382850612123") or "")
    assert "17 位应为数字" in (validate_field(rep, "43138219850612A23" + "1") or "")


def test_resident_id_birth_date_must_agree_with_the_birth_date_field(template: Template) -> None:
    id_number = field(template, "id_number")
    record = {"id_type": "居民身份证", "birth_date": date(1985, 6, 13)}
    message = validate_field(id_number, ZHANG_ID, record)
    assert message and "出生日期" in message and "不一致" in message
    assert (
        validate_field(
            id_number, ZHANG_ID, {"id_type": "居民身份证", "birth_date": "1985年6月12日"}
        )
        is None
    )
    problems = validate_record(
        template, "individual", "farmer", {**farmer_record(), "birth_date": "1985-06-13"}
    )
    assert [p.key for p in problems] == ["id_number"]


def test_resident_id_normalised_from_full_width_spaces_and_lower_x(template: Template) -> None:
    rep = field(template, "legal_rep_id", "organisation", "enterprise")
    typed = " " + X_ID[:6] + " " + X_ID[6:14] + "　" + X_ID[14:17] + "x "
    full_width = "".join(
        chr(ord(c) + 0xFEE0) for c in typed.strip().replace(" ", "").replace("　", "")
    )
    assert normalize(rep, typed) == X_ID
    assert normalize(rep, full_width) == X_ID
    assert validate_field(rep, typed) is None
    assert normalize(rep, "4313-8219-8506-1212-39") == "431382198506121239"


def test_id_number_follows_the_id_type(template: Template) -> None:
    id_number = field(template, "id_number")
    bad = wrong_check_digit(ZHANG_ID)
    assert validate_field(id_number, bad, {"id_type": "居民身份证"})
    assert validate_field(id_number, bad, {"id_type": "户口簿"})  # the same citizen number
    # a passport number is only checked for length
    assert validate_field(id_number, "E12345678", {"id_type": "护照"}) is None
    assert normalize(id_number, "e 1234 5678") == "E12345678"
    assert "32" in (validate_field(id_number, "A" * 33, {"id_type": "其他"}) or "")
    assert validate_field(id_number, bad) is None  # no id_type known: cannot tell


# --- credit code -----------------------------------------------------------------------------


def test_credit_code(template: Template) -> None:
    code = field(template, "credit_code", "organisation", "cooperative")
    assert uscc.is_valid(COOP_CODE)
    assert validate_field(code, COOP_CODE) is None
    assert normalize(code, COOP_CODE.lower()[:9] + " " + COOP_CODE[9:]) == COOP_CODE
    assert "校验位" in (
        validate_field(code, COOP_CODE[:-1] + ("0" if COOP_CODE[-1] != "0" else "1")) or ""
    )
    assert "18 位" in (validate_field(code, COOP_CODE[:-2]) or "")
    letter_o = COOP_CODE[:10] + "O" + COOP_CODE[11:]
    assert "字符" in (validate_field(code, letter_o) or "")


def test_credit_code_of_a_village_collective(template: Template) -> None:
    # registered by the agricultural department: letters in the first two places
    code = field(template, "credit_code", "organisation", "other_org")
    assert not uscc.is_valid(VILLAGE_COLLECTIVE_CODE)
    assert validate_field(code, VILLAGE_COLLECTIVE_CODE) is None
    broken = VILLAGE_COLLECTIVE_CODE[:-1] + ("0" if VILLAGE_COLLECTIVE_CODE[-1] != "0" else "1")
    assert "校验位" in (validate_field(code, broken) or "")


# --- phones, postal codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13807381234", "13807381234"),
        ("138 0738 1234", "13807381234"),
        ("１３８０７３８１２３４", "13807381234"),
        ("+86 138-0738-1234", "13807381234"),
        ("19912345678", "19912345678"),
    ],
)
def test_mobile_valid(template: Template, typed: str, stored: str) -> None:
    mobile = field(template, "mobile")
    assert normalize(mobile, typed) == stored
    assert validate_field(mobile, typed) is None


@pytest.mark.parametrize(
    "typed", ["12807381234", "1380738123", "138073812345", "0738-8321234", "abc"]
)
def test_mobile_invalid(template: Template, typed: str) -> None:
    assert "11 位" in (validate_field(field(template, "mobile"), typed) or "")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0738-8321234", "0738-8321234"),
        ("0738 8321234", "0738-8321234"),
        ("07388321234", "0738-8321234"),
        ("(0738)8321234", "0738-8321234"),
        ("010-12345678", "010-12345678"),
        ("0738-8321234转806", "0738-8321234-806"),
        ("13807381234", "13807381234"),
    ],
)
def test_phone_valid(template: Template, typed: str, stored: str) -> None:
    phone = field(template, "contact_phone", "organisation", "enterprise")
    assert normalize(phone, typed) == stored
    assert validate_field(phone, typed) is None


@pytest.mark.parametrize("typed", ["8321234", "0738-83212", "1380738123", "电话"])
def test_phone_invalid(template: Template, typed: str) -> None:
    phone = field(template, "contact_phone", "organisation", "enterprise")
    assert "区号" in (validate_field(phone, typed) or "")


def test_postal_code(template: Template) -> None:
    postal = field(template, "postal_code")
    assert validate_field(postal, "417100") is None
    assert validate_field(postal, "４１７ １００") is None
    assert normalize(postal, 417100) == "417100"
    for bad in ("41710", "4171000", "41710A"):
        assert "6 位" in (validate_field(postal, bad) or "")


# --- dates, numbers, choices, text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2024-01-05",
        "2024/1/5",
        "2024年1月5日",
        "2024.01.05",
        "20240105",
        "２０２４－０１－０５",
        date(2024, 1, 5),
        datetime(2024, 1, 5, 9, 30),
        "2024-01-05 00:00:00",
    ],
)
def test_date_forms(template: Template, typed: object) -> None:
    birth = field(template, "birth_date")
    assert normalize(birth, typed) == date(2024, 1, 5)
    assert validate_field(birth, typed) is None


def test_dates_not_in_the_future_unless_allowed(template: Template) -> None:
    tomorrow = date.today() + timedelta(days=1)
    assert "晚于今天" in (validate_field(field(template, "birth_date"), tomorrow) or "")
    assert validate_field(field(template, "id_valid_to"), tomorrow) is None
    assert validate_field(field(template, "birth_date"), date.today()) is None


def test_impossible_or_unreadable_dates(template: Template) -> None:
    birth = field(template, "birth_date")
    assert normalize(birth, "2024-02-30") == "2024-02-30"
    assert "有效日期" in (validate_field(birth, "2024-02-30") or "")
    assert "有效日期" in (validate_field(birth, "去年") or "")
    assert "1900" in (validate_field(birth, "1850-01-01") or "")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("１２３", Decimal("123")),
        ("¥ 2,000元", Decimal("2000")),
        (1500, Decimal("1500")),
        (1234.5, Decimal("1234.5")),
        (Decimal("0.10"), Decimal("0.10")),
        ("0", Decimal("0")),
    ],
)
def test_money_forms(template: Template, typed: object, value: Decimal) -> None:
    credit_line = field(template, "credit_line")
    assert normalize(credit_line, typed) == value
    assert isinstance(normalize(credit_line, typed), Decimal)
    assert validate_field(credit_line, typed) is None


def test_money_problems(template: Template) -> None:
    credit_line = field(template, "credit_line")
    assert "负数" in (validate_field(credit_line, "-100") or "")
    assert "两位小数" in (validate_field(credit_line, "10.005") or "")
    assert validate_field(credit_line, "10.500") is None  # a trailing zero is not a third place
    assert "过大" in (validate_field(credit_line, "1" + "0" * 13) or "")
    assert "数字" in (validate_field(credit_line, "五万") or "")
    assert "数字" in (validate_field(credit_line, "NaN") or "")
    assert normalize(credit_line, "五万") == "五万"


def test_integer(template: Template) -> None:
    size = field(template, "household_size")
    assert normalize(size, "５") == 5
    assert normalize(size, "1,200") == 1200
    assert normalize(size, 4.0) == 4
    assert validate_field(size, "5") is None
    assert "负数" in (validate_field(size, -1) or "")
    assert "整数" in (validate_field(size, "3.5") or "")
    assert "整数" in (validate_field(size, "三口") or "")


def test_bool(template: Template) -> None:
    long_term = field(template, "id_long_term")
    for typed, value in [
        ("是", True),
        ("否", False),
        ("true", True),
        ("FALSE", False),
        ("1", True),
        (0, False),
        (True, True),
    ]:
        assert normalize(long_term, typed) is value
        assert validate_field(long_term, typed) is None
    assert "是" in (validate_field(long_term, "也许") or "")


def test_choice(template: Template) -> None:
    rating = field(template, "credit_rating")
    assert validate_field(rating, "较好") is None
    assert validate_field(rating, " 较好 ") is None
    assert "选择" in (validate_field(rating, "很好") or "")
    org_type = field(template, "org_type", "organisation", "other_org")
    assert normalize(org_type, "村（居）民委员会") == "村(居)民委员会"
    assert validate_field(org_type, "村（居）民委员会") is None


def test_tier_labels_and_stored_codes(template: Template) -> None:
    tier = field(template, "tier")
    assert normalize(tier, "secret") == "机密"
    assert validate_field(tier, "top_secret") is None
    assert option_code(tier, "绝密") == "top_secret"
    assert option_code(tier, "普通") == "ordinary"
    assert option_label(tier, "secret") == "机密"
    kind = group(template, "carriers").columns[0]
    assert option_code(kind, "磁盘") == "disk"
    assert option_label(kind, "electronic") == "电子"
    assert option_code(field(template, "gender"), "女") == "女"


def test_multichoice() -> None:
    crops = FieldDef("crops", "种植品种", "multichoice", options=("水稻", "油菜", "柑橘"))
    assert normalize(crops, "水稻、油菜，柑橘") == ["水稻", "油菜", "柑橘"]
    assert normalize(crops, ["水稻", " ", "水稻"]) == ["水稻"]
    assert validate_field(crops, ["水稻", "油菜"]) is None
    assert validate_field(crops, ["水稻", "玉米"])


def test_text_length_and_spaces(template: Template) -> None:
    name = field(template, "name")
    assert normalize(name, "  张三丰 ") == "张三丰"
    assert normalize(name, "   ") is None
    assert normalize(name, "") is None
    assert normalize(name, None) is None
    assert "64" in (validate_field(name, "张" * 65) or "")
    assert validate_field(name, "张" * 64) is None
    assert normalize(field(template, "group_no"), "３组") == "3组"
    assert normalize(field(template, "group_no"), 3) == "3"
    remarks = field(template, "village_assessment")
    assert normalize(remarks, " 守信 \r\n 勤劳  ") == "守信\n 勤劳"


def test_normalize_never_raises(template: Template) -> None:
    for item in template.items_for("individual", "farmer"):
        fields = item.columns if isinstance(item, GroupDef) else (item,)
        for each in fields:
            for odd in (object(), ["a"], {"a": 1}, float("nan"), float("inf"), b"\xff", -0.0):
                normalize(each, odd)
                validate_field(each, odd)


# --- whole records ---------------------------------------------------------------------------


def test_valid_farmer_record_has_no_problems(template: Template) -> None:
    assert validate_record(template, "individual", "farmer", farmer_record()) == []


def test_missing_required_fields_are_reported(template: Template) -> None:
    record = farmer_record()
    del record["mobile"]
    record["village"] = "  "
    record["household_members"] = []
    problems = validate_record(template, "individual", "farmer", record)
    keys = {p.key: p for p in problems}
    assert set(keys) == {"mobile", "village", "household_members"}
    assert all("必填" in p.message for p in problems)
    assert keys["mobile"] == Problem("mobile", keys["mobile"].message)


def test_group_problems_carry_row_and_column(template: Template) -> None:
    record = farmer_record()
    record["assets"][1]["value"] = "-5"  # type: ignore[index]
    record["household_members"][1]["id_number"] = wrong_check_digit(X_ID)  # type: ignore[index]
    record["household_members"].append({"relation": "子女", "gender": "女"})  # type: ignore[union-attr]
    problems = validate_record(template, "individual", "farmer", record)
    cells = {(p.key, p.row, p.column) for p in problems}
    assert cells == {
        ("assets", 1, "value"),
        ("household_members", 1, "id_number"),
        ("household_members", 2, "name"),
    }
    by_cell = {(p.key, p.row): p.message for p in problems}
    assert (
        "第 3 行" in by_cell[("household_members", 2)]
        and "必填" in by_cell[("household_members", 2)]
    )


def test_empty_preset_rows_are_not_problems(template: Template) -> None:
    assets = group(template, "assets")
    rows = preset_rows(assets)
    assert [r["kind"] for r in rows] == list(assets.preset_rows)
    record = {**farmer_record(), "assets": rows}
    assert validate_record(template, "individual", "farmer", record) == []


def test_too_many_rows(template: Template) -> None:
    record = {**farmer_record(), "expenses": [{"kind": "生活", "amount": "1"}] * 21}
    problems = validate_record(template, "individual", "farmer", record)
    assert [p.key for p in problems] == ["expenses"]
    assert "20" in problems[0].message


def test_group_that_is_not_a_table(template: Template) -> None:
    record = {**farmer_record(), "carriers": "A1 柜"}
    problems = validate_record(template, "individual", "farmer", record)
    assert [p.key for p in problems] == ["carriers"]


def test_computed_totals_for_a_farmer(template: Template) -> None:
    record = compute_totals(template, "individual", "farmer", farmer_record())
    assert record["total_assets"] == Decimal("365000.50")
    assert record["total_liabilities"] == Decimal("50000.00")
    assert record["total_income_last_year"] == Decimal("47000.25")
    assert record["total_expenses"] == Decimal("25500.75")
    assert record["net_household_income"] == Decimal("21499.50")
    assert all(
        isinstance(record[k], Decimal)
        for k in ("total_assets", "total_liabilities", "net_household_income")
    )
    assert str(record["total_liabilities"]) == "50000.00"
    # the input is not changed; an empty record totals to zero
    assert "total_assets" not in farmer_record()
    empty = compute_totals(template, "individual", "farmer", {})
    assert empty["net_household_income"] == Decimal("0.00")
    # a negative net income is a fact, not an error
    poor = compute_totals(
        template, "individual", "farmer", {"expenses": [{"kind": "医疗", "amount": "900"}]}
    )
    assert poor["net_household_income"] == Decimal("-900.00")


def test_computed_fields_are_never_reported_or_required(template: Template) -> None:
    record = {**farmer_record(), "total_assets": "-1"}  # a stale value typed over is ignored
    assert validate_record(template, "individual", "farmer", record) == []


def test_normalize_record(template: Template) -> None:
    record = normalize_record(
        template,
        "individual",
        "farmer",
        {
            "mobile": "１３８０７３８１２３４",
            "assets": [{"kind": "房产", "value": "1,000"}],
            "legacy": "x",
        },
    )
    assert record["mobile"] == "13807381234"
    assert record["assets"] == [{"kind": "房产", "value": Decimal("1000")}]
    assert record["legacy"] == "x"


def test_missing_required_and_completeness(template: Template) -> None:
    required = [i.key for i in template.items_for("individual", "farmer") if i.required]
    assert required == [
        "name",
        "id_type",
        "id_number",
        "mobile",
        "township",
        "village",
        "household_members",
        "tier",
        "retention_years",
        "carriers",
    ]
    assert [i.key for i in missing_required(template, "individual", "farmer", {})] == required
    assert completeness(template, "individual", "farmer", {}) == 0
    assert completeness(template, "individual", "farmer", farmer_record()) == 100
    half = {k: v for k, v in farmer_record().items() if k in required[:5]}
    assert completeness(template, "individual", "farmer", half) == 50
    nearly = {k: v for k, v in farmer_record().items() if k != "carriers"}
    assert completeness(template, "individual", "farmer", nearly) == 90
    assert [i.key for i in missing_required(template, "individual", "farmer", nearly)] == [
        "carriers"
    ]


def test_completeness_when_nothing_is_required() -> None:
    section = SectionDef("basic", "基本信息", (FieldDef("name", "名称"),))
    expert = SubtypeDef("expert", "行业专家")
    bare = Template(
        version=1,
        name="无必填项",
        archive_number_format="{category_code}{seq}",
        category_codes={"special": "T"},
        common_sections=(),
        categories=(CategoryDef("special", "特殊类客户", (expert,), (section,)),),
    )
    assert completeness(bare, "special", "expert", {}) == 100
    assert missing_required(bare, "special", "expert", {}) == []


# --- identity, catalogue, masking ----------------------------------------------------------------


def test_identity_of() -> None:
    typed = X_ID[:-1].replace("1", "１") + "x"
    assert identity_of("individual", {"id_type": "居民身份证", "id_number": typed}) == X_ID
    assert (
        identity_of("individual", {"id_type": "户口簿", "id_number": f" {ZHANG_ID} "}) == ZHANG_ID
    )
    assert identity_of("individual", {"id_type": "护照", "id_number": "E1234 5678"}) == "E12345678"
    assert identity_of("individual", {"id_type": "居民身份证"}) is None
    assert identity_of("organisation", {"credit_code": COOP_CODE.lower()}) == COOP_CODE
    assert identity_of("organisation", {}) is None
    assert identity_of("special", {"name": "涟源市司法局", "credit_code": COOP_CODE}) is None


def test_index_values(template: Template) -> None:
    values = index_values(
        template, "individual", "farmer", {**farmer_record(), "mobile": "138 0738 1234"}
    )
    assert values == {
        "name": "张三丰",
        "identity": ZHANG_ID,
        "phone": "13807381234",
        "address": "桥头河镇 石门村 3组",
    }
    organisation = index_values(
        template,
        "organisation",
        "cooperative",
        {
            "name": "涟源市石门柑橘专业合作社",
            "credit_code": COOP_CODE,
            "business_address": "桥头河镇石门村",
        },
    )
    assert organisation == {
        "name": "涟源市石门柑橘专业合作社",
        "identity": COOP_CODE,
        "address": "桥头河镇石门村",
    }
    special = index_values(
        template, "special", "lawyer", {"name": "王律师", "contact_phone": "0738 8321234"}
    )
    assert special == {"name": "王律师", "phone": "0738-8321234"}
    assert index_values(template, "special", "lawyer", {}) == {}


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张*丰"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧**娜"),
        ("张", "*"),
        ("", ""),
        (" 李四 ", "李*"),
        ("涟源市石门柑橘专业合作社", "涟源***作社"),
        ("湖南某某公司", "湖南***公司"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# --- JSON --------------------------------------------------------------------------------------


def test_json_round_trip(template: Template) -> None:
    record = compute_totals(
        template,
        "individual",
        "farmer",
        normalize_record(template, "individual", "farmer", farmer_record()),
    )
    text = to_json(record)
    assert "张三丰" in text  # not escaped
    assert '"birth_date":"1985-06-12"' in text
    assert '"total_assets":"365000.50"' in text
    keys = list(json.loads(text))
    assert keys == sorted(keys)
    assert to_json(dict(reversed(list(record.items())))) == text  # canonical
    plain = from_json(text)
    assert plain["birth_date"] == "1985-06-12"
    typed = from_json(text, template, "individual", "farmer")
    assert typed == record
    assert typed["birth_date"] == date(1985, 6, 12)
    assert typed["assets"][0]["value"] == Decimal("300000")
    assert from_json("") == {}
    with pytest.raises(ValueError):
        from_json("[1, 2]")


# --- records filled under an older version ----------------------------------------------------


def test_upgrade_view_lists_what_the_new_version_requires(
    template: Template, tmp_path: Path
) -> None:
    text = V1.read_text(encoding="utf-8").replace("version = 1\n", "version = 2\n", 1)
    text = text.replace(
        '[[categories.sections]]\nkey = "contact"',
        '[[categories.sections.items]]\nkey = "native_place"\nlabel = "籍贯"\ntype = "text"\n'
        'required = true\n\n[[categories.sections]]\nkey = "contact"',
        1,
    )
    (tmp_path / "v2.toml").write_text(text, encoding="utf-8")
    v2 = load_template(tmp_path / "v2.toml")
    record = farmer_record()  # complete under version 1
    assert completeness(template, "individual", "farmer", record) == 100
    lacking = upgrade_view(v2, "individual", "farmer", record)
    assert [item.key for item in lacking] == ["native_place"]
    assert lacking[0].label == "籍贯"
    assert completeness(v2, "individual", "farmer", record) < 100
    assert upgrade_view(v2, "individual", "farmer", {**record, "native_place": "湖南涟源"}) == []
    # with the old version given, only what is new is listed
    partial = {k: v for k, v in record.items() if k != "mobile"}
    assert [i.key for i in upgrade_view(v2, "individual", "farmer", partial)] == [
        "native_place",
        "mobile",
    ]
    assert [i.key for i in upgrade_view(v2, "individual", "farmer", partial, template)] == [
        "native_place"
    ]
    # organisations are untouched by this revision
    assert (
        upgrade_view(
            v2,
            "organisation",
            "enterprise",
            {
                "name": "x",
                "credit_code": COOP_CODE,
                "legal_rep": "y",
                "tier": "普通",
                "retention_years": 10,
                "carriers": [{"kind": "纸质"}],
            },
        )
        == []
    )
