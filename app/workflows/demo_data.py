"""Fictional but realistic customers for the demo archive and the benchmarks.

Every number passes the checks real numbers pass: resident IDs carry their
GB 11643 check digit (``stdnum.cn.ric``), a Lianyuan (431382) or nearby
region code, the birth date of the ``birth_date`` field and a sequence digit
whose parity matches the gender; unified social credit codes carry the GB
11714 check character of their organisation code and the GB 32100 check
character (``stdnum.cn.uscc``). Names come from the surnames common in Loudi,
with two-character given names mostly, one-character ones often, and a few
compound surnames (欧阳, 司马 ...). Addresses are Lianyuan's townships with
fictional villages and groups. 农户 records carry the collection form's
tables (household members, assets, liabilities, operations, expenses) so that
the computed totals mean something.

About one record in nine is incomplete (no carrier registered yet, or for a
农户 the household members not yet collected), so the demo shows drafts.

Deterministic: the same ``count`` and ``seed`` give the same records (the
dates of birth, issue and founding are fixed relative to ``today``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from stdnum.cn import ric, uscc

__all__ = ["SUBTYPE_WEIGHTS", "DemoCustomer", "generate"]


@dataclass(frozen=True)
class DemoCustomer:
    category: str
    subtype: str
    data: dict[str, Any]


#: (category, sub-type) -> share of the demo customers
SUBTYPE_WEIGHTS: dict[tuple[str, str], int] = {
    ("individual", "farmer"): 50,
    ("individual", "sole_trader"): 12,
    ("individual", "urban"): 13,
    ("individual", "other_individual"): 5,
    ("organisation", "enterprise"): 4,
    ("organisation", "cooperative"): 5,
    ("organisation", "family_farm"): 3,
    ("organisation", "public_body"): 1,
    ("organisation", "other_org"): 2,
    ("special", "expert"): 2,
    ("special", "lawyer"): 1,
    ("special", "government"): 1,
    ("special", "village_body"): 1,
}
INCOMPLETE_SHARE = 0.11

# Surnames common in Loudi, roughly weighted.
_SURNAMES = {
    "李": 9, "刘": 8, "王": 7, "张": 7, "陈": 6, "曾": 5, "彭": 5, "谭": 5, "杨": 5, "周": 4,
    "吴": 4, "黄": 4, "肖": 4, "罗": 4, "梁": 3, "邓": 3, "胡": 3, "龚": 3, "朱": 3, "贺": 3,
    "谢": 2, "吕": 2, "袁": 2, "颜": 2, "易": 2, "康": 2, "廖": 2, "段": 2, "唐": 2, "孙": 1,
    "马": 1, "郭": 1, "何": 1, "高": 1, "林": 1, "宋": 1, "郑": 1, "蒋": 1, "龙": 1, "单": 1,
    "戴": 1, "聂": 1, "伍": 1, "阳": 1, "姚": 1, "欧阳": 1, "司马": 1, "上官": 1, "诸葛": 1,
}  # fmt: skip
_SURNAME_POOL = [s for s, w in _SURNAMES.items() for _ in range(w * 4 if len(s) == 1 else 3)]
_GIVEN_MALE = "伟强磊军洋勇杰涛明超刚建国志文海波林辉斌鹏飞宇浩俊鑫德福贵生发荣光永长清新宏利元和顺安成才胜忠义武兵平华"
_GIVEN_FEMALE = "芳娜敏静丽艳娟秀霞桂英红玉兰春梅金凤云婷雪琴晓燕萍莉娥珍翠菊香兰彩霞慧丹"

TOWNSHIPS = (
    "蓝田街道",
    "桥头河镇",
    "杨市镇",
    "伏口镇",
    "七星街镇",
    "渡头塘镇",
    "湄江镇",
    "龙塘镇",
    "安平镇",
    "荷塘镇",
    "斗笠山镇",
    "石马山镇",
    "三甲乡",
    "金石镇",
    "白马镇",
    "茅塘镇",
    "枫坪镇",
    "古塘乡",
    "六亩塘镇",
)
_VILLAGE_PARTS = (
    "石门万宝新民大塘长冲枫树红星田心荷叶双江白沙合心金鸡青山龙潭湖坪竹山杉树高峰和平茶园"
)
_REGIONS = ["431382"] * 14 + ["431381", "431302", "431321", "431322"]
_OLD_LIANYUAN = "432524"  # 涟源 before Loudi became a city (1999): older cards still carry it
_MOBILE_PREFIXES = [
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "147",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "178",
    "182",
    "183",
    "187",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "166",
    "175",
    "176",
    "185",
    "186",
    "133",
    "153",
    "173",
    "177",
    "180",
    "181",
    "189",
    "199",
]
_ETHNIC = ["汉族"] * 40 + ["苗族", "土家族", "瑶族", "侗族", "回族"]
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_BANK = "涟源市农村信用合作联社"
_AREA = "0738"
_POSTAL = "417100"


def _money(value: float) -> Decimal:
    return Decimal(round(value / 100.0) * 100)


class _Maker:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.ids: set[str] = set()
        self.codes: set[str] = set()
        self.phones: set[str] = set()
        rng = random.Random(seed * 7919 + 17)
        self.villages = {
            town: sorted(
                {rng.choice(_VILLAGE_PARTS) + rng.choice(_VILLAGE_PARTS) + "村" for _ in range(18)}
            )
            for town in TOWNSHIPS
        }

    # --- people -----------------------------------------------------------------------------

    def name(self, male: bool) -> str:
        rng = self.rng
        surname = rng.choice(_SURNAME_POOL)
        pool = _GIVEN_MALE if male else _GIVEN_FEMALE
        length = 1 if rng.random() < 0.22 or (len(surname) == 2 and rng.random() < 0.5) else 2
        return surname + "".join(rng.choice(pool) for _ in range(length))

    def birth(self, youngest: int = 20, oldest: int = 75) -> date:
        days = self.rng.randrange(youngest * 365, oldest * 365)
        return self.today - timedelta(days=days)

    def resident_id(self, birth: date, male: bool) -> str:
        rng = self.rng
        while True:
            region = (
                _OLD_LIANYUAN if birth.year < 1985 and rng.random() < 0.15 else rng.choice(_REGIONS)
            )
            sequence = rng.randrange(0, 100) * 10 + rng.choice(
                (1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8)
            )
            body = f"{region}{birth:%Y%m%d}{sequence:03d}"
            number = body + ric.calc_check_digit(body + "0")  # stdnum wants the full length
            if number not in self.ids:
                self.ids.add(number)
                return number

    def mobile(self) -> str:
        while True:
            number = self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def landline(self) -> str:
        return f"{_AREA}-{self.rng.choice('4568')}{self.rng.randrange(10**6):06d}"

    def place(self) -> tuple[str, str, str]:
        town = self.rng.choice(TOWNSHIPS)
        village = self.rng.choice(self.villages[town])
        if town == "蓝田街道":
            village = village[:-1] + "社区"
        return town, village, f"{self.rng.randrange(1, 16)}组"

    def credit_code(self, authority: str, kind: str) -> str:
        rng = self.rng
        while True:
            body = "MA" + "".join(rng.choice(_ORG_CODE_CHARS) for _ in range(6))
            org_code = body + _org_code_check(body)
            head = f"{authority}{kind}431382{org_code}"
            code = head + uscc.calc_check_digit(head)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def amount(self, low: float, high: float) -> Decimal:
        return _money(self.rng.uniform(low, high))


def _org_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, weights, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _id_validity(m: _Maker, born: date) -> dict[str, Any]:
    """Dates of the current card: issued at 16 or later, valid 5/10/20 years or for life."""
    today = m.today
    age = _age(born, today)
    issued_age = max(16, age - m.rng.randrange(0, 20)) if age >= 16 else max(0, age - 2)
    issued = date(min(born.year + issued_age, today.year), born.month, min(born.day, 28))
    if issued > today:
        issued = today - timedelta(days=m.rng.randrange(30, 600))
    years_at_issue = _age(born, issued)
    result: dict[str, Any] = {"id_valid_from": issued}
    if years_at_issue >= 46:
        result["id_long_term"] = "是"
    else:
        span = 5 if years_at_issue < 16 else 10 if years_at_issue < 26 else 20
        result["id_valid_to"] = date(issued.year + span, issued.month, issued.day)
        result["id_long_term"] = "否"
    return result


def _carriers(m: _Maker, serial: int) -> list[dict[str, Any]]:
    paper = {
        "kind": "纸质",
        "cabinet": f"{1 + serial // 2400}",
        "box": f"{1 + (serial // 60) % 40}",
        "folder": f"{1 + serial % 60}",
    }
    rows = [paper]
    if m.chance(0.3):
        rows.append({"kind": "电子", "note": "扫描件存档案管理电脑"})
    return rows


def _common(m: _Maker, serial: int, remarks: str = "") -> dict[str, Any]:
    return {
        "tier": "普通",
        "retention_years": m.rng.choice((10, 30, 30, 30)),
        "retrieval_remarks": remarks,
        "carriers": _carriers(m, serial),
    }


# --- individuals --------------------------------------------------------------------------------

_OCCUPATIONS = {
    "farmer": ["务农", "种植户", "养殖户", "务农兼务工"],
    "sole_trader": ["个体经营"],
    "urban": ["教师", "医生", "护士", "公务员", "企业职工", "司机", "会计"],
    "other_individual": ["自由职业", "退休", "外出务工", "学生"],
}
_EMPLOYERS = [
    "涟源市第一中学",
    "涟源市人民医院",
    "涟源市教育局",
    "湖南涟钢集团",
    "涟源市自来水公司",
    "涟源市蓝田中学",
    "涟源市妇幼保健院",
    "涟源市公路建设养护中心",
]
_SHOPS = ["副食店", "农资店", "五金店", "饭店", "理发店", "服装店", "建材店", "摩托车修理店"]
_INCOME_SOURCE = {
    "farmer": ["种植", "养殖", "外出务工"],
    "sole_trader": ["个体经营"],
    "urban": ["工资薪金"],
    "other_individual": ["外出务工", "其他", "工资薪金"],
}
_RATINGS = ["优秀", "较好", "较好", "一般", "一般", "差"]


def _person_core(m: _Maker, subtype: str, born: date, male: bool, name: str) -> dict[str, Any]:
    town, village, group = m.place()
    age = _age(born, m.today)
    married = age >= 24 and m.chance(0.85)
    number = m.resident_id(born, male)
    data: dict[str, Any] = {
        "name": name,
        "gender": "男" if male else "女",
        "ethnicity": m.rng.choice(_ETHNIC),
        "birth_date": born,
        "education": m.rng.choice(
            ["小学及以下", "初中", "初中", "高中或中专"]
            if subtype == "farmer"
            else ["初中", "高中或中专", "大专", "本科", "本科", "研究生"]
        ),
        "id_type": "居民身份证",
        "id_number": number,
        **_id_validity(m, born),
        "mobile": m.mobile(),
        "township": town,
        "village": village,
        "group_no": group,
        "address_detail": f"湖南省涟源市{town}{village}{group}{m.rng.randrange(1, 120)}号",
        "postal_code": _POSTAL,
        "occupation": m.rng.choice(_OCCUPATIONS[subtype]),
        "marital_status": "已婚"
        if married
        else m.rng.choice(["未婚", "离异", "丧偶"])
        if age > 40
        else "未婚",
        "main_income_source": m.rng.choice(_INCOME_SOURCE[subtype]),
        "credit_rating": m.rng.choice(_RATINGS),
    }
    if subtype == "urban":
        data["employer"] = m.rng.choice(_EMPLOYERS)
    return data


def _household(m: _Maker, head: dict[str, Any], born: date, male: bool) -> list[dict[str, Any]]:
    """The head, a spouse, children and sometimes a parent, each with a valid ID number."""
    surname = head["name"][:2] if head["name"][:2] in _SURNAMES else head["name"][0]
    members = [
        {
            "relation": "户主",
            "name": head["name"],
            "gender": head["gender"],
            "id_number": head["id_number"],
            "occupation": head["occupation"],
            "phone": head["mobile"],
        }
    ]
    age = _age(born, m.today)
    if head.get("marital_status") == "已婚":
        spouse_born = born + timedelta(days=m.rng.randrange(-5 * 365, 5 * 365))
        if _age(spouse_born, m.today) < 20:
            spouse_born = born
        spouse_male = not male
        members.append(
            {
                "relation": "配偶",
                "name": m.name(spouse_male),
                "gender": "男" if spouse_male else "女",
                "id_number": m.resident_id(spouse_born, spouse_male),
                "occupation": m.rng.choice(["务农", "外出务工", "家务"]),
                "phone": m.mobile() if m.chance(0.7) else None,
            }
        )
        for _ in range(m.rng.choice((0, 1, 1, 2, 2, 3)) if age >= 22 else 0):
            child_age = m.rng.randrange(0, max(1, min(age - 21, 40)))
            child_born = m.today - timedelta(days=child_age * 365 + m.rng.randrange(365))
            child_male = m.chance(0.52)
            given = m.rng.choice(_GIVEN_MALE if child_male else _GIVEN_FEMALE)
            given += (
                m.rng.choice(_GIVEN_MALE if child_male else _GIVEN_FEMALE) if m.chance(0.7) else ""
            )
            members.append(
                {
                    "relation": "子女",
                    "name": surname + given,
                    "gender": "男" if child_male else "女",
                    "id_number": m.resident_id(child_born, child_male),
                    "occupation": "学生" if child_age < 19 else m.rng.choice(["外出务工", "务农"]),
                    "phone": m.mobile() if child_age >= 18 and m.chance(0.6) else None,
                }
            )
    if age < 50 and m.chance(0.35):
        parent_born = born - timedelta(days=m.rng.randrange(22 * 365, 34 * 365))
        parent_male = m.chance(0.4)
        members.append(
            {
                "relation": "父母",
                "name": (surname + m.rng.choice(_GIVEN_MALE) + m.rng.choice(_GIVEN_MALE))
                if parent_male
                else m.name(False),
                "gender": "男" if parent_male else "女",
                "id_number": m.resident_id(parent_born, parent_male),
                "occupation": "务农",
                "phone": None,
            }
        )
    return members


def _farm_tables(m: _Maker, size: int) -> dict[str, Any]:
    a = m.amount
    assets = [
        {"kind": "房产", "quantity": 1, "value": a(60_000, 420_000)},
        {"kind": "家电", "quantity": m.rng.randrange(3, 9), "value": a(3_000, 20_000)},
        {"kind": "家具", "quantity": m.rng.randrange(5, 15), "value": a(2_000, 15_000)},
        {"kind": "交通工具", "quantity": 1, "value": a(3_000, 120_000)},
        {"kind": "农机具", "quantity": m.rng.randrange(0, 4), "value": a(0, 40_000)},
        {"kind": "存款", "quantity": None, "value": a(0, 150_000)},
        {"kind": "股金", "quantity": None, "value": a(0, 10_000)},
        {"kind": "应收款", "quantity": None, "value": a(0, 20_000)},
        {"kind": "其它", "quantity": None, "value": None},
    ]
    loan = a(0, 100_000) if m.chance(0.45) else Decimal(0)
    liabilities = [
        {"kind": "贷款", "creditor": _BANK if loan else None, "amount": loan or None},
        {"kind": "社会融资", "creditor": None, "amount": None},
        {
            "kind": "其他欠款",
            "creditor": "亲友" if m.chance(0.2) else None,
            "amount": a(2_000, 30_000) if m.chance(0.2) else None,
        },
    ]
    if liabilities[2]["amount"] and not liabilities[2]["creditor"]:
        liabilities[2]["creditor"] = "亲友"
    if liabilities[2]["creditor"] and not liabilities[2]["amount"]:
        liabilities[2]["amount"] = a(2_000, 30_000)
    operations = []
    for kind, low, high in (
        ("种植", 3_000, 60_000),
        ("养殖", 0, 80_000),
        ("商业", 0, 50_000),
        ("劳务", 0, 90_000),
    ):
        if kind in ("种植", "劳务") or m.chance(0.35):
            last = a(low, high)
            operations.append(
                {
                    "kind": kind,
                    "last_year_net": last,
                    "expected_net": _money(float(last) * m.rng.uniform(0.9, 1.2)),
                }
            )
        else:
            operations.append({"kind": kind, "last_year_net": None, "expected_net": None})
    expenses = [
        {"kind": "生活", "amount": a(8_000 + 3_000 * size, 15_000 + 6_000 * size)},
        {"kind": "人情", "amount": a(2_000, 12_000)},
        {"kind": "学费", "amount": a(0, 25_000) if m.chance(0.5) else None},
        {"kind": "医疗", "amount": a(500, 15_000)},
    ]
    return {
        "labour_count": max(1, min(size, m.rng.randrange(1, 4))),
        "contracted_land_mu": Decimal(m.rng.randrange(5, 80)) / 10,
        "forest_land_mu": Decimal(m.rng.randrange(0, 200)) / 10,
        "assets": assets,
        "liabilities": liabilities,
        "operations": operations,
        "expenses": expenses,
        "village_assessment": m.rng.choice(
            [
                "遵纪守法,勤劳肯干,邻里和睦,信用良好。",
                "家庭和睦,经营稳定,按时还本付息,群众评价好。",
                "为人诚实,有一定种养技术,收入来源稳定。",
                "家庭负担较重,但守信用,村组同意评级授信。",
            ]
        ),
    }


def _individual(m: _Maker, subtype: str, serial: int) -> dict[str, Any]:
    male = m.chance(0.62)
    born = m.birth(20 if subtype != "other_individual" else 18, 72 if subtype == "farmer" else 65)
    name = m.name(male)
    data = _person_core(m, subtype, born, male, name)
    income = {
        "farmer": (25_000, 120_000),
        "sole_trader": (50_000, 300_000),
        "urban": (60_000, 220_000),
        "other_individual": (20_000, 100_000),
    }[subtype]
    data["annual_household_income"] = m.amount(*income)
    data["house_value"] = m.amount(80_000, 600_000)
    data["vehicle_value"] = m.amount(20_000, 200_000) if m.chance(0.45) else Decimal(0)
    data["deposit_balance"] = m.amount(0, 200_000)
    data["debt_balance"] = m.amount(10_000, 150_000) if m.chance(0.35) else Decimal(0)
    rating = data["credit_rating"]
    data["credit_line"] = {
        "优秀": Decimal(300_000),
        "较好": Decimal(150_000),
        "一般": Decimal(50_000),
    }.get(rating, Decimal(0))
    if subtype == "farmer":
        members = _household(m, data, born, male)
        data["household_members"] = members
        data["household_size"] = len(members)
        data.update(_farm_tables(m, len(members)))
    else:
        data["household_size"] = m.rng.randrange(1, 6)
    if subtype == "sole_trader":
        town = data["township"]
        data.update(
            {
                "trade_name": f"涟源市{town}{name[0]}记{m.rng.choice(_SHOPS)}",
                "trade_credit_code": m.credit_code("9", "2"),
                "trade_scope": m.rng.choice(
                    ["日用百货、烟酒零售", "化肥、农药、种子零售", "五金交电、建材销售", "中餐服务"]
                ),
                "trade_place": f"涟源市{town}{m.rng.choice(['街上', '农贸市场旁', '车站路'])}{m.rng.randrange(1, 90)}号",
                "annual_turnover": m.amount(80_000, 900_000),
            }
        )
    elif subtype == "urban":
        data.update(
            {
                "job_title": m.rng.choice(["职员", "科员", "主管", "教师", "主治医师", "班组长"]),
                "years_with_employer": m.rng.randrange(1, 30),
                "social_insurance": "是",
                "housing_fund": "是" if m.chance(0.7) else "否",
            }
        )
    remarks = m.rng.choice(["", "", "", "信用户", "整村授信", "丰收贷", "福农卡"])
    data.update(_common(m, serial, remarks))
    return data


# --- organisations -----------------------------------------------------------------------------

_INDUSTRIES = {
    "enterprise": [
        "C 制造业",
        "F 批发和零售业",
        "E 建筑业",
        "G 交通运输、仓储和邮政业",
        "H 住宿和餐饮业",
    ],
    "cooperative": ["A 农、林、牧、渔业"],
    "family_farm": ["A 农、林、牧、渔业"],
    "public_body": ["S 公共管理、社会保障和社会组织", "P 教育", "Q 卫生和社会工作"],
    "other_org": ["S 公共管理、社会保障和社会组织"],
}
_COMPANY_WORDS = ["湘中", "涟水", "龙山", "湄江", "伏口", "蓝田", "金石", "安平", "茶园", "白马"]
_COMPANY_TRADES = [
    ("农产品加工有限公司", "农产品初加工、销售", "有限责任公司"),
    ("建材有限公司", "水泥制品、砂石销售", "有限责任公司"),
    ("商贸有限公司", "日用百货、农资批发零售", "有限责任公司"),
    ("运输有限公司", "普通货物道路运输", "有限责任公司"),
    ("煤矿机械厂", "矿山机械配件制造、维修", "个人独资企业"),
    ("酒店管理有限公司", "住宿、餐饮服务", "有限责任公司"),
]
_CROPS = ["水稻", "油茶", "生猪", "黄牛", "湘莲", "蔬菜", "柑橘", "茶叶", "中药材", "肉鸡"]


def _organisation(m: _Maker, subtype: str, serial: int) -> dict[str, Any]:
    town, village, group = m.place()
    rep_male = m.chance(0.75)
    rep_born = m.birth(28, 65)
    rep = m.name(rep_male)
    founded = m.today - timedelta(days=m.rng.randrange(365, 20 * 365))
    data: dict[str, Any] = {}
    if subtype == "enterprise":
        word, (trade, scope, org_type) = m.rng.choice(_COMPANY_WORDS), m.rng.choice(_COMPANY_TRADES)
        name = f"涟源市{word}{trade}"
        code = m.credit_code("9", "1")
        data.update(
            {
                "org_type": org_type,
                "business_scope": scope,
                "enterprise_scale": m.rng.choice(["小型", "微型", "微型", "中型"]),
                "registered_capital": m.amount(500_000, 20_000_000),
                "employees": m.rng.randrange(5, 300),
            }
        )
    elif subtype == "cooperative":
        crop = m.rng.choice(_CROPS)
        name = f"涟源市{village[:-1]}{crop}专业合作社"
        code = m.credit_code("9", "3")
        data.update(
            {
                "org_type": "农民专业合作社",
                "business_scope": f"组织成员开展{crop}生产,收购、销售成员产品,提供技术培训",
                "member_count": m.rng.randrange(5, 300),
                "main_products": crop,
                "demonstration_level": m.rng.choice(["无", "无", "县级", "市级", "省级"]),
                "registered_capital": m.amount(100_000, 5_000_000),
                "employees": m.rng.randrange(3, 40),
            }
        )
    elif subtype == "family_farm":
        crop = m.rng.choice(_CROPS)
        name = f"涟源市{town}{rep[0]}{m.rng.choice(_GIVEN_MALE)}家庭农场"
        code = m.credit_code("9", "2")
        data.update(
            {
                "org_type": "家庭农场",
                "business_scope": f"{crop}种植(养殖)、销售",
                "land_area_mu": Decimal(m.rng.randrange(300, 5000)) / 10,
                "main_products": crop,
                "demonstration_level": m.rng.choice(["无", "无", "县级", "市级"]),
                "registered_capital": m.amount(50_000, 1_000_000),
                "employees": m.rng.randrange(2, 12),
            }
        )
    elif subtype == "public_body":
        agency = m.chance(0.5)
        unit = m.rng.choice(["人民政府", "中心学校", "卫生院", "农业综合服务中心"])
        if agency:
            unit = "人民政府"
        name = f"涟源市{town}{unit}"
        code = m.credit_code("1", "1" if agency else "2")
        data.update(
            {
                "org_type": "机关" if agency else "事业单位",
                "supervising_body": "涟源市人民政府" if agency else "涟源市教育局",
                "funding_type": m.rng.choice(["全额拨款", "差额拨款"]),
                "employees": m.rng.randrange(10, 120),
            }
        )
    else:  # other_org: village committees and collective economic organisations
        collective = m.chance(0.5)
        if collective:
            name = f"涟源市{town}{village}股份经济合作社"
            code = m.credit_code("N", "2")
            org_type = "农村集体经济组织"
        else:
            name = f"涟源市{town}{village}村民委员会".replace("社区村民委员会", "社区居民委员会")
            code = m.credit_code("5", "4")
            org_type = "村(居)民委员会"
        data.update({"org_type": org_type, "employees": m.rng.randrange(3, 15)})
    address = f"湖南省涟源市{town}{village}{group}"
    revenue = m.amount(200_000, 30_000_000) if subtype != "public_body" else None
    assets = m.amount(500_000, 50_000_000)
    rating = m.rng.choice(_RATINGS[:-1])
    data.update(
        {
            "name": name,
            "credit_code": code,
            "legal_rep": rep,
            "legal_rep_id": m.resident_id(rep_born, rep_male),
            "founding_date": founded,
            "registered_address": address,
            "business_address": address,
            "industry": m.rng.choice(_INDUSTRIES[subtype]),
            "contact_person": rep if m.chance(0.6) else m.name(m.chance(0.5)),
            "contact_phone": m.mobile() if m.chance(0.7) else m.landline(),
            "postal_code": _POSTAL,
            "basic_account_bank": f"{_BANK}{town.replace('街道', '').replace('镇', '').replace('乡', '')}信用社",
            "basic_account_no": f"8201{m.rng.randrange(10**14, 10**15)}",
            "annual_revenue": revenue,
            "total_assets": assets,
            "total_liabilities": _money(float(assets) * m.rng.uniform(0.1, 0.7)),
            "credit_rating": rating,
            "credit_line": {"优秀": Decimal(3_000_000), "较好": Decimal(1_000_000)}.get(
                rating, Decimal(200_000)
            ),
        }
    )
    data.update(_common(m, serial, m.rng.choice(["", "", "基本户", "信用村"])))
    return data


# --- special customers -------------------------------------------------------------------------

_EXPERTS = [
    ("涟源市农业农村局", "高级农艺师", "水稻、油茶栽培", "协助评估种植户产量与授信额度"),
    ("娄底市畜牧水产事务中心", "畜牧师", "生猪、黄牛养殖", "协助评估养殖户经营情况"),
    ("涟源市人民医院", "主任医师", "医疗卫生", "协助审核医疗类贷款用途"),
    ("湖南人文科技学院", "副教授", "农村经济", "协助开展信用村评定"),
    ("涟源市自然资源局", "工程师", "土地与林权", "协助核实抵押土地、林权"),
]
_LAW_FIRMS = ["湖南涟水律师事务所", "湖南湘中律师事务所", "湖南蓝田律师事务所"]


def _special(m: _Maker, subtype: str, serial: int) -> dict[str, Any]:
    town, village, group = m.place()
    if subtype in ("expert", "lawyer"):
        male = m.chance(0.65)
        name = m.name(male)
        data: dict[str, Any] = {"name": name, "kind": "个人", "contact_phone": m.mobile()}
        if subtype == "expert":
            org, title, field, matters = m.rng.choice(_EXPERTS)
            data.update(
                {
                    "organisation": org,
                    "position": m.rng.choice(["科长", "专家", "主任", ""]) or None,
                    "professional_title": title,
                    "expertise": field,
                    "assist_matters": matters,
                    "address": f"湖南省涟源市蓝田街道{m.rng.choice(['人民路', '交通路', '新涟路'])}{m.rng.randrange(1, 300)}号",
                }
            )
        else:
            firm = m.rng.choice(_LAW_FIRMS)
            data.update(
                {
                    "organisation": firm,
                    "position": m.rng.choice(["执业律师", "合伙人"]),
                    "licence_no": f"14313{m.rng.randrange(2000, 2024)}1{m.rng.randrange(10**6):06d}",
                    "expertise": m.rng.choice(["金融借款合同纠纷", "担保物权", "公司与破产"]),
                    "assist_matters": "不良贷款清收、借款合同审查等法律咨询",
                    "address": f"湖南省涟源市蓝田街道{m.rng.choice(['人民路', '交通路'])}{m.rng.randrange(1, 300)}号",
                }
            )
    elif subtype == "government":
        office = m.rng.choice(["人民政府", "财政所", "农业综合服务中心", "司法所"])
        name = f"涟源市{town}{office}"
        data = {
            "name": name,
            "kind": "机构",
            "organisation": name,
            "expertise": f"{town}辖区",
            "contact_person": m.name(m.chance(0.6)),
            "position": m.rng.choice(["副镇长", "所长", "主任"]),
            "contact_phone": m.landline(),
            "assist_matters": "协助核实辖区农户情况,配合开展信用乡镇创建",
            "address": f"湖南省涟源市{town}",
        }
    else:
        body = f"涟源市{town}{village}{'居民委员会' if village.endswith('社区') else '村民委员会'}"
        data = {
            "name": body,
            "kind": "机构",
            "organisation": body,
            "expertise": f"{village}全村" if village.endswith("村") else f"{village}辖区",
            "contact_person": m.name(m.chance(0.7)),
            "position": m.rng.choice(["村党支部书记", "村委会主任", "村会计"]),
            "contact_phone": m.mobile(),
            "assist_matters": "协助开展农户信息采集、信用评级和贷款催收",
            "address": f"湖南省涟源市{town}{village}{group}",
        }
    data.update(_common(m, serial, m.rng.choice(["", "协助机构", "信用村联络人"])))
    return data


# --- the whole set ------------------------------------------------------------------------------


def _kinds(m: _Maker, count: int) -> list[tuple[str, str]]:
    kinds = list(SUBTYPE_WEIGHTS)
    weights = list(SUBTYPE_WEIGHTS.values())
    first = kinds[: min(count, len(kinds))]  # every sub-type appears once first
    rest = m.rng.choices(kinds, weights=weights, k=max(0, count - len(first)))
    return first + rest


def iter_generate(
    count: int, seed: int = 1, *, today: date | None = None
) -> Iterator[DemoCustomer]:
    """The customers one by one (a large demo never holds them all in memory)."""
    m = _Maker(seed, today or date.today())
    for serial, (category, subtype) in enumerate(_kinds(m, count)):
        if category == "individual":
            data = _individual(m, subtype, serial)
        elif category == "organisation":
            data = _organisation(m, subtype, serial)
        else:
            data = _special(m, subtype, serial)
        if serial >= 13 and m.chance(INCOMPLETE_SHARE):
            # still being collected: no carrier placed yet, or the household not yet visited
            if subtype == "farmer" and m.chance(0.5):
                data.pop("household_members", None)
            else:
                data.pop("carriers", None)
        yield DemoCustomer(category, subtype, {k: v for k, v in data.items() if v is not None})


def generate(count: int, seed: int = 1, *, today: date | None = None) -> list[DemoCustomer]:
    """``count`` customers over every category and sub-type (each appears once when count >= 13)."""
    return list(iter_generate(count, seed, today=today))


def import_row(customer: DemoCustomer, headers: dict[str, str]) -> dict[str, Any]:
    """The customer as one row of the blank import workbook: {header: value}.

    ``headers`` maps column keys to headers (``{c.key: c.header for c in
    import_columns(category)}``); the first carrier fills the carrier columns;
    other repeatable tables have no columns and are left out.
    """
    row: dict[str, Any] = {}
    data = customer.data
    for key, header in headers.items():
        if key == "subtype":
            row[header] = _SUBTYPE_LABELS.get(customer.subtype, customer.subtype)
        elif key.startswith("carriers."):
            carriers = data.get("carriers") or []
            if carriers:
                row[header] = carriers[0].get(key.split(".", 1)[1])
        elif key in data and not isinstance(data[key], list):
            value = data[key]
            row[header] = str(value) if isinstance(value, Decimal) else value
    return row


_SUBTYPE_LABELS = {
    "farmer": "农户",
    "sole_trader": "个体工商户",
    "urban": "城镇居民",
    "other_individual": "其他个人",
    "enterprise": "企业",
    "cooperative": "农民专业合作社",
    "family_farm": "家庭农场",
    "public_body": "机关事业单位",
    "other_org": "其他组织",
    "expert": "行业专家",
    "lawyer": "律师",
    "government": "政府机关",
    "village_body": "乡村协助机构",
}
