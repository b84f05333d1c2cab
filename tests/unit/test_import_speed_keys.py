"""The shortcuts the fast import takes give what the slower, obvious code gives.

Identity numbers compacted without stdnum's per-character clean, full-width text
left alone when it has nothing full-width, the canonical JSON from one encoder,
computed totals from a template read once, search keys normalised in one pass
and pinyin read a character at a time: each is compared here with the code it
replaces, on many values.
"""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypinyin import lazy_pinyin
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from app.resources import resource_path
from app.storage import search
from app.template import load_template
from app.template import validation as tv
from app.template.model import CategoryDef, FieldDef, GroupDef, SectionDef, SubtypeDef, Template
from app.workflows import demo_data

ASCII = [chr(c) for c in range(128)]
NOT_ASCII = ["\u2010", "\u2013", "\u2014", "\u00a0", "\u3000", "\u2018", "\u2019", "Ｘ", "ｘ", "ß"]


def _samples(seed: int, alphabet: list[str], count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    base = "43138219800101123X"
    out = ["", " ", base, base.lower(), f" {base} ", "9143138206123456XY", "a`b", "`"]
    for _ in range(count):
        chars = list(base)
        for _ in range(rng.randrange(1, 4)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(alphabet))
        out.append("".join(chars))
    return out


@pytest.mark.parametrize("alphabet", [ASCII, ASCII + NOT_ASCII])
def test_identity_numbers_compact_as_stdnum_does(alphabet: list[str]) -> None:
    for text in _samples(len(alphabet), alphabet):
        assert tv._ric_compact(text) == ric.compact(text), repr(text)
        assert tv._uscc_compact(text) == uscc.compact(text), repr(text)


def test_halfwidth_only_changes_full_width_text() -> None:
    table = tv._HALFWIDTH
    texts = [
        "",
        "abc 123",
        "张三丰",
        "１２３ＡＢＣ",
        "桥头河镇\u3000石门村",
        "￥1,234",
        "Ｘ",
        "a\u00a0b",
    ]
    texts += [
        "".join(random.Random(i).choices(ASCII + NOT_ASCII + ["张", "Ａ"], k=12))
        for i in range(500)
    ]
    for text in texts:
        assert tv.halfwidth(text) == text.translate(table)


def test_clean_of_text_and_numbers() -> None:
    assert tv._clean(" １２３ ") == "123"
    assert tv._clean(12) == "12" and tv._clean(12.0) == "12" and tv._clean(True) == "是"
    assert tv._clean(Decimal("1.50")) == "1.50" and tv._clean("   ") is None

    class Text(str):
        pass

    assert tv._clean(Text(" a ")) == "a"


def test_canonical_json_is_what_json_dumps_writes() -> None:
    values = [
        {"b": Decimal("1.50"), "a": date(2024, 1, 5), "c": [Decimal("2"), {"z": 1, "y": "张"}]},
        {"when": datetime(2024, 1, 5, 8, 30), "set": frozenset(), "t": ("x", 1), "n": None},
        {"text": 'quote " and \\ and \n 张三', "f": 1.5, "i": 3, "b": True},
    ]
    for value in values:
        assert tv.to_json(value) == json.dumps(
            value,
            default=tv._json_default,
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )


def _template(formula: str, net_type: str = "money") -> Template:
    money = FieldDef("amount", "金额", "money")
    group = GroupDef("rows", "明细", (money,))
    fields = (
        FieldDef("a", "甲", "money"),
        FieldDef("b", "乙", "integer"),
        FieldDef("sum", "合计", "money", computed="sum:rows.amount"),
        FieldDef("net", "净额", net_type, computed=formula),
    )
    section = SectionDef("main", "基本", (*fields, group))
    category = CategoryDef("individual", "个人客户", (SubtypeDef("urban", "城镇居民"),), (section,))
    return Template(1, "t", "{seq}", {"individual": "G"}, (), (category,))


def test_computed_totals_follow_each_template() -> None:
    data = {"a": "100.5", "b": 3, "rows": [{"amount": "10"}, {"amount": "2.25"}]}
    first = tv.compute_totals(_template("expr:a - sum"), "individual", "urban", data)
    second = tv.compute_totals(_template("expr:a + b + sum"), "individual", "urban", data)
    assert first["sum"] == second["sum"] == Decimal("12.25")
    assert first["net"] == Decimal("88.25") and second["net"] == Decimal("115.75")
    # records without tables or amounts (spreadsheet rows): worked out once per template
    money, whole = _template("expr:a - sum"), _template("expr:a - sum", "integer")
    for _ in range(2):
        assert str(tv.compute_totals(money, "individual", "urban", {"x": 1})["net"]) == "0.00"
        assert str(tv.compute_totals(whole, "individual", "urban", {})["net"]) == "0"
    assert tv.compute_totals(money, "individual", "urban", {"a": "5"})["net"] == Decimal("5.00")


def _reference_normalise(text: str | None) -> str:
    """search.normalise as it was written first (NFKC, control characters, spaces, case)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(search._CONTROL)
    return search._SPACE.sub(" ", text).strip().lower()


def test_search_keys_normalise_as_before() -> None:
    alphabet = ASCII + NOT_ASCII + ["张", "Ａ", "\u2028", "\x85", "\u200b", "\u1680", "\ufb01", "①"]
    texts = [None, "", "  ", "ABC  def", "张 三\t丰", "\x00x\x7f", "LY-0101G2026000001", "①②"]
    rng = random.Random(3)
    texts += ["".join(rng.choices(alphabet, k=rng.randrange(1, 16))) for _ in range(5000)]
    for text in texts:
        assert search.normalise(text) == _reference_normalise(text), repr(text)


def _names() -> list[str]:
    surnames = list(demo_data._SURNAMES) + list(search.SURNAME_READINGS)
    given = demo_data._GIVEN_MALE + demo_data._GIVEN_FEMALE
    rng = random.Random(11)
    names = [s + g for s in surnames for g in given]
    names += [rng.choice(surnames) + "".join(rng.choices(given, k=2)) for _ in range(6000)]
    # names holding words whose reading differs from their characters' own
    names += [
        "单于",
        "张银行",
        "李长江",
        "王重阳",
        "曾经",
        "欧阳长青",
        "朴正熙",
        "解放",
        "乐乐",
        "覃",
    ]
    names += ["涟源市石门农机专业合作社", "ABC合作社", "阿卜杜·热合曼", "张 三", "〇〇七", "王㐀"]
    return names


def test_pinyin_a_character_at_a_time_is_what_pypinyin_reads() -> None:
    for name in _names():
        text = search.normalise(name)
        expected = search._syllables_of(lazy_pinyin(text, errors=search._keep_unknown))
        assert search._syllables(text) == expected, name


def _reference_pinyin_forms(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """search.pinyin_forms as it was written first: lazy_pinyin of the whole name."""
    text = search.normalise(name)
    syllables = search._syllables_of(lazy_pinyin(text, errors=search._keep_unknown))
    if not syllables:
        return (), ()
    variants = [syllables]
    reading = search.SURNAME_READINGS.get(text[0])
    if reading and syllables[0][1] and syllables[0][0] != reading:
        variants.append([(reading, True), *syllables[1:]])
    full = tuple(dict.fromkeys("".join(s for s, _ in v) for v in variants))
    initials = tuple(dict.fromkeys("".join(s[0] if han else s for s, han in v) for v in variants))
    return full, initials


def test_pinyin_forms_from_each_characters_forms_are_pypinyins() -> None:
    names = [*_names(), "朴", "朴正", "单单", "曾曾", "〇", "㐀单", "区区", "王"]
    search.pinyin_forms.cache_clear()
    for name in names:
        assert search.pinyin_forms(name) == _reference_pinyin_forms(name), name
    assert search.pinyin_forms("单雄信") == (("danxiongxin", "shanxiongxin"), ("dxx", "sxx"))
    assert search.pinyin_forms("朴正熙")[1] == ("pzx",)  # both readings begin with p


def _reference_grams(name: str) -> dict[str, int]:
    """The name's one- and two-character pieces as search._grams_of first worked them out."""
    best: dict[str, int] = {}
    length = len(name)
    for i in range(length):
        for piece in (name[i : i + 1], name[i : i + 2] if i + 2 <= length else ""):
            if piece and " " not in piece:
                best[piece] = min(best.get(piece, 1), 0 if i == 0 else 1)
    return best


def test_name_grams_as_first_worked_out() -> None:
    names = [search.normalise(n) for n in _names()]
    names += ["张", "张三", "张张", "张三张", "a b", "ab c d", "王 王", "三三三三", "a  b"]
    for name in names:
        full, initials = search.pinyin_forms(name)
        expected = _reference_grams(name)
        for form in (*full, *initials):
            expected[form[:1]] = expected[form[:2]] = 0
        rows = search._grams_of(7, name, "ly-1", full, initials)
        assert {gram: infix for gram, infix, *_ in rows} == expected, name
        assert len(rows) == len(expected)
        assert {tuple(rest) for _, _, *rest in rows} == {(len(name), "ly-1", 7)}


def test_birth_date_of_a_resident_id_as_stdnum_reads_it() -> None:
    rng = random.Random(5)
    numbers = ["43138219800101123X", "431382198002301234", "431382198013011234"]
    numbers += ["431382000001011234", "431382999912311234", "43138219800229123X"]
    for _ in range(3000):
        year, month, day = rng.randrange(1890, 2100), rng.randrange(0, 14), rng.randrange(0, 33)
        numbers.append(f"431382{year:04d}{month:02d}{day:02d}123X")
    for number in numbers:
        try:
            expected: date | None = ric.get_birth_date(number)
        except ValidationError:
            expected = None
        assert tv._birth_date(number) == expected, number


def _judge_samples(item: FieldDef) -> list[object]:
    samples: list[object] = [
        None, "", " ", "\t", "\u3000", "abc", " abc ", "a  b", "a\tb", "a\u00a0b", "a b",
        "张三", "张\u3000三", "ＡＢＣ", "１２３", "x" * 600, "x" * 32, "x" * 33, "=1+1",
        "13800138000", " 13800138000", "138 0013 8000", "+8613800138000", "12345678901",
        "1380013800０", "０738-8321234", "417100", "41710", "0", "00", "057200", "1,234.50",
        "¥1,234.50元", "1.005", "1.5", "7.", ".6", ".", "1.2.3", "-5", "+5", "1e3",
        "999999999999999", "1000000000000", "2024-01-05", "2024年1月5日", "20240105",
        "1899-12-31", "2099-01-01", "是", "否", "1", "true", "男", "女", "其他", "纸质",
        0, 1, -5, 3, 10**12, 3.5, 1.0, 4.31382199001011e17, True, False, Decimal("1.50"),
        datetime(2000, 1, 5), datetime(1899, 12, 31), datetime(2099, 1, 1), date(2000, 1, 5),
        datetime.now(), datetime.now() + timedelta(days=2),
    ]  # fmt: skip
    samples += list(item.options) + [f" {o} " for o in item.options]
    if item.max_length:
        samples += ["张" * item.max_length, "张" * (item.max_length + 1)]
    return samples


def _reference_judged(item: FieldDef, raw: object) -> object:
    """What the import did with such a cell before tv.judge: normalise, blank, validate."""
    value = tv.normalize(item, raw)
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        return tv.BLANK
    if tv.validate_field(item, value, None):
        return tv.BAD
    return value


def test_judges_give_what_normalise_and_validate_give() -> None:
    template = load_template(resource_path("template/v1.toml"))
    items: dict[tuple[str, str], FieldDef] = {}
    for category in template.categories:
        for subtype in category.subtypes:
            for item in template.fields_for(category.key, subtype.key):
                items.setdefault((item.key, item.type), item)
    extra = [
        FieldDef("t", "文字", "text"),
        FieldDef("m", "金额", "money", computed="sum:rows.amount"),
        FieldDef("d", "日期", "date", allow_future=True),
        FieldDef("p", "电话", "phone"),
        FieldDef("n", "数值", "decimal"),
    ]
    kinds = set()
    for item in [*items.values(), *extra]:
        if item.type in ("resident_id", "id_number"):
            continue  # judged with the rest of the record, never alone
        kinds.add(item.type)
        judge = tv.judge(item)
        for raw in _judge_samples(item):
            expected = _reference_judged(item, raw)
            got = judge(raw)
            assert got == expected and type(got) is type(expected), (item.key, raw)
    assert {"text", "date", "mobile", "money", "decimal", "phone", "choice"} <= kinds
