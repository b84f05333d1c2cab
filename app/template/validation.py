"""Cleaning and checking what people type into a template's fields.

``normalize`` turns what was typed (or read from Excel) into the field's value
type without ever raising; ``validate_field`` says in Chinese what is wrong and
what to do, or returns None. Messages never repeat the value itself: they may
end up in logs and import reports, and a customer's number is not for either.

Identity numbers are checked with python-stdnum, never by hand:
  - resident ID (GB 11643): length and format, the check digit
    (``stdnum.cn.ric.calc_check_digit``), the birth date in positions 7-14
    (read as ``stdnum.cn.ric.get_birth_date`` reads it, without its clean of a
    number that is already compact) and the region in positions 1-6 against
    stdnum's table of division codes. A code counts if it exists in any period:
    stdnum's ``validate`` also demands that the code was current in the birth
    year, which rejects real numbers issued after a re-coding (everyone from
    Lianyuan born before 1999 whose first card came later carries 431382).
  - unified social credit code (GB 32100): ``stdnum.cn.uscc``; codes whose
    registering authority is a letter (N2/N3 village collective economic
    organisations, registered by agricultural departments, are customers of a
    rural credit union) pass the same format and check-digit test, computed by
    ``stdnum.cn.uscc.calc_check_digit``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from typing import Any

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from app.template.loader import parse_computed
from app.template.model import FieldDef, GroupDef, Item, Template

#: id_type values whose number is a citizen identity number (the household register
#: carries the same 18-digit number as the resident ID card)
RESIDENT_ID_TYPES = frozenset({"居民身份证", "户口簿"})
#: the largest amount accepted (one trillion yuan): anything above is a typing error
MAX_MONEY = Decimal("1000000000000")
MAX_INTEGER = 1_000_000_000
EARLIEST_DATE = date(1900, 1, 1)

_TRUE = frozenset({"是", "true", "yes", "y", "1", "对", "有", "√"})
_FALSE = frozenset({"否", "false", "no", "n", "0", "不", "无", "×"})

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}(-\d{1,6})?")
_POSTAL = re.compile(r"\d{6}")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_SPACES = re.compile(r"\s+")
_RUNS = re.compile(r"[ \t\u00a0]+")
_LIST_SEPARATORS = re.compile(r"[,、;/\n]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_PHONE_PUNCTUATION = re.compile(r"[\s\-()]")
_AREA_IN_BRACKETS = re.compile(r"^\((0\d{2,3})\)-?")
_EXTENSION = re.compile(r"(转|ext\.?|#)(\d+)$", re.IGNORECASE)
_LANDLINE_DIGITS = re.compile(r"0\d{9,11}")
_ID_SEPARATORS = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a record: a field, or a cell (row 0-based, column key) of a group."""

    key: str
    message: str
    row: int | None = None
    column: str | None = None


# --- normalising ------------------------------------------------------------------------------

_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20  # ideographic space
_HALFWIDTH[0xFFE5] = ord("¥")  # full-width yen sign
#: any character _HALFWIDTH changes (most text has none: translate is then skipped)
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000\uffe5]")


def halfwidth(text: str) -> str:
    """Full-width digits, letters, punctuation and spaces to their ASCII forms."""
    if text.isascii() or _FULLWIDTH.search(text) is None:
        return text
    return text.translate(_HALFWIDTH)


def _number_text(raw: object) -> str | None:
    """A number that arrived as a number (Excel), written without exponent or ``.0``."""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() and abs(raw) < 1e15 else repr(raw)
    if isinstance(raw, Decimal):
        return format(raw, "f")
    return None


def _clean(raw: object) -> str | None:
    """Text with full-width characters folded and surrounding space removed; None if blank."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw
    else:
        text = _number_text(raw)
        if text is None:
            text = str(raw)
    text = halfwidth(text).strip()
    return text or None


def _squeeze(text: str) -> str:
    return _SPACES.sub("", text)


def _text(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    return None if text is None else _RUNS.sub(" ", text)


def _multiline(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    if text is None:
        return None
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip() or None


def _match_option(field: FieldDef, text: str) -> str:
    for option in field.options:
        if text == option or text == halfwidth(option):
            return option
    for option, code in zip(field.options, field.option_codes, strict=False):
        if text == code:
            return option
    return text


def _choice(field: FieldDef, raw: object) -> object:
    text = _text(field, raw)
    return None if text is None else _match_option(field, str(text))


def _multichoice(field: FieldDef, raw: object) -> object:
    if raw is None:
        return None
    parts: Iterable[object]
    if isinstance(raw, list | tuple | set | frozenset):
        parts = raw
    else:
        text = _clean(raw)
        if text is None:
            return None
        parts = _LIST_SEPARATORS.split(text)
    values = []
    for part in parts:
        text = _text(field, part)
        if text is not None:
            option = _match_option(field, str(text))
            if option not in values:
                values.append(option)
    return values or None


def _to_decimal(raw: object) -> Decimal | str | None:
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else str(raw)
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw)) if raw == raw and abs(raw) != float("inf") else str(raw)
    text = _clean(raw)
    if text is None:
        return None
    compact = _squeeze(text).replace(",", "").replace("¥", "")
    compact = compact.removesuffix("元")
    if not _NUMBER.fullmatch(compact):
        return text
    try:
        return Decimal(compact)
    except InvalidOperation:
        return text


def _decimal(field: FieldDef, raw: object) -> object:
    return _to_decimal(raw)


def _integer(field: FieldDef, raw: object) -> object:
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int):
        return raw
    value = _to_decimal(raw)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, Decimal):
        return _clean(raw)
    return value


_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def _to_date(raw: object) -> date | str | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _clean(raw)
    if text is None:
        return None
    compact = _squeeze(text)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return text
    try:  # "2024-01-05T00:00:00", "2024-01-05 00:00:00"
        return datetime.fromisoformat(text).date()
    except ValueError:
        return text


def _date(field: FieldDef, raw: object) -> object:
    return _to_date(raw)


def _bool(field: FieldDef, raw: object) -> object:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    text = _clean(raw)
    if text is None:
        return None
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return text


def _mobile_digits(text: str) -> str:
    compact = _PHONE_PUNCTUATION.sub("", text)
    if compact.startswith("+86"):
        compact = compact[3:]
    elif compact.startswith("0086"):
        compact = compact[4:]
    elif compact.startswith("86") and len(compact) == 13:
        compact = compact[2:]
    return compact


def _mobile(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    return None if text is None else _mobile_digits(text)


def _phone(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    if text is None:
        return None
    mobile = _mobile_digits(text)
    if _MOBILE.fullmatch(mobile):
        return mobile
    compact = _squeeze(text)
    # (0738)8321234 -> 0738-8321234
    compact = _AREA_IN_BRACKETS.sub(r"\1-", compact)
    compact = _EXTENSION.sub(r"-\2", compact)
    if _LANDLINE_DIGITS.fullmatch(compact):
        # area codes 010 and 02x have three digits, all others four
        cut = 3 if compact[1] in "12" else 4
        compact = f"{compact[:cut]}-{compact[cut:]}"
    return compact


def _digits_only(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    return None if text is None else _squeeze(text)


def _ric_compact(number: str) -> str:
    """``stdnum.cn.ric.compact``: stdnum's clean (which turns Unicode dashes, spaces and quotes
    into ASCII ones and maps no ASCII character but the backtick), upper case, stripped. Text
    that is ASCII without a backtick comes out of clean unchanged, so it is only upper-cased
    and stripped here; anything else goes to stdnum (a test holds the two equal)."""
    if number.isascii() and "`" not in number:
        return number.upper().strip()
    return ric.compact(number)


def _uscc_compact(code: str) -> str:
    """``stdnum.cn.uscc.compact`` (clean without spaces and dashes, upper case, stripped),
    with the same shortcut for ASCII text as :func:`_ric_compact`."""
    if code.isascii() and "`" not in code:
        return code.replace(" ", "").replace("-", "").upper().strip()
    return uscc.compact(code)


def _resident_id_text(raw: object) -> str | None:
    text = _clean(raw)
    return None if text is None else _ric_compact(_ID_SEPARATORS.sub("", text))


def _resident_id(field: FieldDef, raw: object) -> object:
    return _resident_id_text(raw)


def _credit_code(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    return None if text is None else _uscc_compact(_squeeze(text))


def _id_number(field: FieldDef, raw: object) -> object:
    text = _clean(raw)
    return None if text is None else _squeeze(text).upper()


_NORMALIZERS = {
    "text": _text,
    "multiline": _multiline,
    "integer": _integer,
    "decimal": _decimal,
    "money": _decimal,
    "date": _date,
    "choice": _choice,
    "multichoice": _multichoice,
    "bool": _bool,
    "mobile": _mobile,
    "phone": _phone,
    "postal_code": _digits_only,
    "resident_id": _resident_id,
    "credit_code": _credit_code,
    "id_number": _id_number,
}


def normalize(field: FieldDef, raw: object) -> object:
    """The value in the field's type (str, int, Decimal, date, bool, list); None when blank.

    Never raises: what cannot be converted comes back as cleaned text, which
    :func:`validate_field` then reports.
    """
    if raw is None:
        return None
    handler = _NORMALIZERS.get(field.type, _text)
    try:
        return handler(field, raw)
    except Exception:  # a value of a kind nobody expected: let validation say so
        return _clean(raw)


# --- checking one value ----------------------------------------------------------------------


def _resident_id_problem(
    label: str, number: str, record: Mapping[str, object] | None
) -> str | None:
    if len(number) == 15 and number.isdigit():
        return f"“{label}”是旧版 15 位号码,请按证件填写 18 位公民身份号码"
    if len(number) != 18:
        return f"“{label}”应为 18 位(现为 {len(number)} 位),请对照证件逐位核对"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return f"“{label}”的前 17 位应为数字,最后一位为数字或 X,请核对"
    birth = _birth_date(number)
    if birth is None:
        return f"“{label}”第 7 至 14 位的出生日期不是有效日期,请对照证件核对"
    if number[-1] != ric.calc_check_digit(number):
        return f"“{label}”的校验位不对,号码中可能有输错或颠倒的数字,请对照证件逐位核对"
    if birth > date.today() or birth < EARLIEST_DATE:
        return f"“{label}”中的出生日期不合理,请对照证件核对"
    if not _known_region(number[:6]):
        return f"“{label}”前 6 位的地区代码不存在,请对照证件核对"
    if record is not None:
        stated = _to_date(record.get("birth_date"))
        if isinstance(stated, date) and stated != birth:
            return f"“{label}”中的出生日期与“出生日期”一栏不一致,请对照证件改正其中之一"
    return None


def _birth_date(number: str) -> date | None:
    """``stdnum.cn.ric.get_birth_date`` of a compact number (None where stdnum finds no date;
    a test compares the two): positions 7-14 as year, month and day."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _known_region(code: str) -> bool:
    """A division code of stdnum's table, current in any period (see the module notes)."""
    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(code):
        info.update(props)
    return bool(info.get("county"))


def _credit_code_problem(label: str, code: str) -> str | None:
    source = "请对照营业执照或登记证书"
    try:
        uscc.validate(code)
        return None
    except InvalidLength:
        return f"“{label}”应为 18 位(现为 {len(code)} 位),{source}核对"
    except InvalidChecksum:
        return f"“{label}”的校验位不对,代码中可能有输错的字符,{source}逐位核对"
    except ValidationError:
        pass
    # stdnum wants digits in the first two places; letters there are valid registering
    # authorities (N2/N3 village collectives ...): same format otherwise, same check digit
    if not (all(c in _USCC_ALPHABET for c in code) and code[0] != "0" and code[2:8].isdigit()):
        return (
            f"“{label}”含有不应出现的字符(第 3 至 8 位为数字,全码不用字母 I、O、S、V、Z),"
            f"{source}核对"
        )
    if code[-1] != uscc.calc_check_digit(code):
        return f"“{label}”的校验位不对,代码中可能有输错的字符,{source}逐位核对"
    return None


def _text_length_problem(field: FieldDef, text: str) -> str | None:
    if field.max_length is not None and len(text) > field.max_length:
        return f"“{field.label}”最多 {field.max_length} 个字(现为 {len(text)} 个),请精简"
    return None


def validate_field(
    field: FieldDef, value: object, record: Mapping[str, object] | None = None
) -> str | None:
    """What is wrong with the value, in Chinese, or None. Blank values are not checked here
    (missing required fields are reported by :func:`validate_record`)."""
    if _normalized_already(field, value):
        return _check(field, value, record)
    return _check(field, normalize(field, value), record)


def _normalized_already(field: FieldDef, value: object) -> bool:
    """Whether normalize returns ``value`` as it is: a date for a date field, an int for an
    integer field, a bool for a bool field, a finite Decimal for an amount (an import checks
    many values that normalize has just made; the others are normalised again)."""
    kind = value.__class__
    if kind is Decimal:
        return field.type in ("decimal", "money") and value.is_finite()  # type: ignore[attr-defined]
    return (
        (kind is date and field.type == "date")
        or (kind is int and field.type == "integer")
        or (kind is bool and field.type == "bool")
    )


def _check(field: FieldDef, value: object, record: Mapping[str, object] | None) -> str | None:
    """:func:`validate_field` on a value already normalised."""
    if value is None or field.computed:
        return None
    label = field.label
    kind = field.type
    if kind in {"text", "multiline"}:
        return _text_length_problem(field, str(value))
    if kind == "choice":
        if value not in field.options:
            return f"“{label}”只能从下拉列表中选择,请重新选择"
        return None
    if kind == "multichoice":
        if not isinstance(value, list) or any(v not in field.options for v in value):
            return f"“{label}”只能从列出的选项中选择,请重新选择"
        return None
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"“{label}”应填写整数,如 3"
        if value < 0:
            return f"“{label}”不能是负数,请填写 0 或正整数"
        if value > MAX_INTEGER:
            return f"“{label}”数值过大,请核对"
        return None
    if kind in {"decimal", "money"}:
        if not isinstance(value, Decimal):
            example = "1234.50" if kind == "money" else "12.5"
            return f"“{label}”应填写数字,如 {example}(可带千分位逗号)"
        if value < 0:
            return f"“{label}”不能是负数,请填写 0 或正数"
        if value >= MAX_MONEY:
            unit = "(本栏以元为单位)" if kind == "money" else ""
            return f"“{label}”数额过大,请核对{unit}"
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2 and value != round(value, 2):
            return f"“{label}”最多保留两位小数,请四舍五入" + ("到分" if kind == "money" else "")
        return None
    if kind == "date":
        if not isinstance(value, date):
            return f"“{label}”不是有效日期,请按 2024-01-05 或 2024年1月5日 的格式填写"
        if value < EARLIEST_DATE:
            return f"“{label}”早于 1900 年,请核对"
        if not field.allow_future and value > date.today():
            return f"“{label}”不能晚于今天,请核对日期"
        return None
    if kind == "bool":
        if not isinstance(value, bool):
            return f"“{label}”请选择“是”或“否”"
        return None
    if kind == "mobile":
        if not _MOBILE.fullmatch(str(value)):
            return f"“{label}”应为 11 位手机号码,以 13 至 19 开头,请核对"
        return None
    if kind == "phone":
        text = str(value)
        if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
            return None
        return f"“{label}”应为 11 位手机号码,或带区号的固定电话(如 0738-8321234),请核对"
    if kind == "postal_code":
        if not _POSTAL.fullmatch(str(value)):
            return f"“{label}”应为 6 位数字(如涟源 417100),请核对"
        return None
    if kind == "resident_id":
        return _resident_id_problem(label, str(value), record)
    if kind == "credit_code":
        return _credit_code_problem(label, str(value))
    if kind == "id_number":
        id_type = _clean(record.get("id_type")) if record is not None else None
        if id_type in RESIDENT_ID_TYPES:
            return _resident_id_problem(label, _ric_compact(str(value)), record)
        text = str(value)
        if len(text) > 32:
            return f"“{label}”最多 32 个字符(现为 {len(text)} 个),请核对"
        return None
    return None


#: what a :func:`judge` gives for a value that is blank, and for one with a problem
BLANK = object()
BAD = object()


def _judged(field: FieldDef, raw: object) -> object:
    value = normalize(field, raw)
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        return BLANK
    if validate_field(field, value, None):
        return BAD
    return value


def judge(field: FieldDef) -> Callable[[object], object]:
    """A function of one cell of ``field`` (a type whose verdict depends on the value alone)
    giving :func:`normalize`'s value, BLANK when that is blank, BAD when
    :func:`validate_field` (without a record) finds a problem in it.

    The cells a list holds most (plain text, a date read as a datetime, eleven digits of
    a mobile number, an amount of digits) take a short way with the same outcome (a test
    compares the two on many values); anything else goes the whole way.
    """
    whole = partial(_judged, field)
    kind = field.type
    if field.computed:
        return whole
    if kind == "text":
        limit = field.max_length

        def text(raw: object) -> object:
            if raw.__class__ is not str or not (raw.isascii() or _FULLWIDTH.search(raw) is None):
                return whole(raw)
            value = raw.strip()
            if not value:
                return BLANK
            if "  " in value or "\t" in value or "\xa0" in value:
                value = _RUNS.sub(" ", value)
            if limit is not None and len(value) > limit:
                return BAD
            return value

        return text
    if kind == "date":

        def when(raw: object) -> object:
            if raw.__class__ is not datetime:
                return whole(raw)
            value = raw.date()
            return BAD if _check(field, value, None) else value

        return when
    if kind in ("mobile", "phone"):

        def mobile(raw: object) -> object:
            if raw.__class__ is str and raw.isascii() and _MOBILE.fullmatch(raw):
                return raw
            return whole(raw)

        return mobile
    if kind in ("money", "decimal"):

        def amount(raw: object) -> object:
            if raw.__class__ is str and raw.isascii() and raw.replace(".", "", 1).isdigit():
                value = Decimal(raw)
                return BAD if _check(field, value, None) else value
            return whole(raw)

        return amount
    return whole


# --- whole records -----------------------------------------------------------------------------


def _is_blank(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _rows(value: object) -> list[Mapping[str, object]] | None:
    if value is None:
        return []
    if isinstance(value, list | tuple) and all(isinstance(row, Mapping) for row in value):
        return list(value)
    return None


def _row_filled(group: GroupDef, row: Mapping[str, object], *, normalized: bool = False) -> bool:
    """A row counts when a cell other than a preset kind holds something."""
    columns = group.columns[1:] if group.preset_rows else group.columns
    if normalized:
        return any(not _is_blank(row.get(c.key)) for c in columns)
    return any(normalize(c, row.get(c.key)) is not None for c in columns)


def _filled_rows(group: GroupDef, value: object) -> int:
    rows = _rows(value) or []
    return sum(1 for row in rows if _row_filled(group, row))


def _group_filled(group: GroupDef, value: object) -> bool:
    return _filled_rows(group, value) >= max(1, group.min_rows)


def validate_record(
    template: Template, category: str, subtype: str, data: Mapping[str, object]
) -> list[Problem]:
    """Every problem of a record in form order, including “必填” for missing required items."""
    record = normalize_record(template, category, subtype, data)
    problems: list[Problem] = []
    for item in template.items_for(category, subtype):
        value = record.get(item.key)
        if isinstance(item, GroupDef):
            problems.extend(_group_problems(item, value))
            continue
        if item.computed:
            continue
        if _is_blank(value):
            if item.required:
                problems.append(Problem(item.key, f"“{item.label}”为必填项,请填写"))
            continue
        message = _check(item, value, record)
        if message:
            problems.append(Problem(item.key, message))
    return problems


def _group_problems(group: GroupDef, value: object) -> list[Problem]:
    rows = _rows(value)
    if rows is None:
        return [Problem(group.key, f"“{group.label}”应为表格(每行一组数据),请重新填写")]
    problems: list[Problem] = []
    filled = 0
    for index, row in enumerate(rows):
        if not _row_filled(group, row, normalized=True):
            continue
        filled += 1
        for column in group.columns:
            cell = row.get(column.key)
            if _is_blank(cell):
                if column.required:
                    problems.append(
                        Problem(
                            group.key,
                            f"“{group.label}”第 {index + 1} 行的“{column.label}”为必填项,请填写",
                            row=index,
                            column=column.key,
                        )
                    )
                continue
            message = _check(column, cell, row)
            if message:
                problems.append(
                    Problem(
                        group.key,
                        f"“{group.label}”第 {index + 1} 行:{message}",
                        row=index,
                        column=column.key,
                    )
                )
    if len(rows) > group.max_rows:
        problems.append(
            Problem(group.key, f"“{group.label}”最多 {group.max_rows} 行,请删去多余的行")
        )
    if filled < group.min_rows:
        problems.append(
            Problem(group.key, f"“{group.label}”至少要填 {group.min_rows} 行(现有 {filled} 行)")
        )
    elif group.required and filled == 0:
        problems.append(Problem(group.key, f"“{group.label}”为必填项,请至少填写一行"))
    return problems


def normalize_record(
    template: Template, category: str, subtype: str, data: Mapping[str, object]
) -> dict[str, Any]:
    """A copy with every field and group cell normalised; keys the template lacks are kept."""
    result: dict[str, Any] = dict(data)
    for item in template.items_for(category, subtype):
        if item.key not in data:
            continue
        value = data[item.key]
        if isinstance(item, GroupDef):
            rows = _rows(value)
            if rows is None:
                continue
            result[item.key] = [_normalize_row(item, row) for row in rows]
        else:
            result[item.key] = normalize(item, value)
    return result


def _normalize_row(group: GroupDef, row: Mapping[str, object]) -> dict[str, Any]:
    cleaned: dict[str, Any] = dict(row)
    for column in group.columns:
        if column.key in row:
            cleaned[column.key] = normalize(column, row[column.key])
    return cleaned


def preset_rows(group: GroupDef) -> list[dict[str, Any]]:
    """Blank rows for a group's preset kinds (the first column filled), for a new form."""
    first = group.columns[0].key
    return [{first: kind, **{c.key: None for c in group.columns[1:]}} for kind in group.preset_rows]


def compute_totals(
    template: Template, category: str, subtype: str, data: Mapping[str, object]
) -> dict[str, Any]:
    """A copy with every computed field set (Decimal; money to the fen)."""
    result: dict[str, Any] = dict(data)
    known = _items_by_key(template, category, subtype)
    if not known.computed:
        return result
    if all(data.get(key) is None for key in known.inputs):
        # no table to add up and no value to take: the totals of every such record (a row
        # of a spreadsheet, which has no tables) are the same, worked out once
        if known.empty_totals is None:
            known.empty_totals = _totals(known.items, known.computed, data)
        result.update(known.empty_totals)
        return result
    result.update(_totals(known.items, known.computed, data))
    return result


def _totals(
    items: Mapping[str, Item], computed: Mapping[str, FieldDef], data: Mapping[str, object]
) -> dict[str, Decimal]:
    done: dict[str, Decimal] = {}

    def number(key: str, seen: tuple[str, ...]) -> Decimal:
        if key in computed:
            return total(key, seen)
        item = items.get(key)
        value = normalize(item, data.get(key)) if isinstance(item, FieldDef) else None
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        return value if isinstance(value, Decimal) else _ZERO

    def total(key: str, seen: tuple[str, ...] = ()) -> Decimal:
        if key in done:
            return done[key]
        if key in seen:  # the loader refuses cycles; never loop on a hand-made template
            return _ZERO
        field = computed[key]
        spec = _parse_computed(field.computed or "")
        amount = _ZERO
        if spec.kind == "sum":
            group = items.get(spec.group)
            rows = _rows(data.get(spec.group)) if isinstance(group, GroupDef) else None
            if rows and isinstance(group, GroupDef):
                column = next((c for c in group.columns if c.key == spec.column), None)
                for row in rows:
                    cell = normalize(column, row.get(spec.column)) if column else None
                    if isinstance(cell, int | Decimal) and not isinstance(cell, bool):
                        amount += Decimal(cell)
        else:
            for sign, ref in spec.terms:
                amount += sign * number(ref, (*seen, key))
        if field.type == "money":
            amount = amount.quantize(_CENT)
        elif field.type == "integer":
            amount = amount.to_integral_value()
        done[key] = amount
        return amount

    return {key: total(key) for key in computed}


_ZERO = Decimal(0)
_CENT = Decimal("0.01")
_parse_computed = lru_cache(maxsize=1024)(parse_computed)


@dataclass
class _SubtypeItems:
    """What compute_totals needs of a sub-type, worked out once per template."""

    template: Template
    items: dict[str, Item]
    #: the computed fields by key, in form order
    computed: dict[str, FieldDef]
    #: the record keys the totals read: the tables added up, the fields taken
    inputs: tuple[str, ...]
    #: the totals of a record that has none of the inputs (filled in on first use)
    empty_totals: dict[str, Decimal] | None = None


#: (template, category, sub-type) -> _SubtypeItems; the entry holds the template, so that its
#: id stays its own (templates are immutable)
_ITEMS: dict[tuple[int, str, str], _SubtypeItems] = {}


def _items_by_key(template: Template, category: str, subtype: str) -> _SubtypeItems:
    key = (id(template), category, subtype)
    found = _ITEMS.get(key)
    if found is None or found.template is not template:
        items = {item.key: item for item in template.items_for(category, subtype)}
        computed = {
            k: item for k, item in items.items() if isinstance(item, FieldDef) and item.computed
        }
        inputs: dict[str, None] = {}
        for field in computed.values():
            spec = _parse_computed(field.computed or "")
            if spec.kind == "sum":
                inputs[spec.group] = None
            else:
                inputs.update((ref, None) for _, ref in spec.terms if ref not in computed)
        if len(_ITEMS) >= 256:
            _ITEMS.clear()
        found = _ITEMS[key] = _SubtypeItems(template, items, computed, tuple(inputs))
    return found


def missing_required(
    template: Template, category: str, subtype: str, data: Mapping[str, object]
) -> list[Item]:
    """Required fields and groups with nothing in them, in form order."""
    missing: list[Item] = []
    for item in template.items_for(category, subtype):
        if not item.required:
            continue
        value = data.get(item.key)
        if isinstance(item, GroupDef):
            if not _group_filled(item, value):
                missing.append(item)
        elif not item.computed and normalize(item, value) is None:
            missing.append(item)
    return missing


def completeness(
    template: Template, category: str, subtype: str, data: Mapping[str, object]
) -> int:
    """Share of required items filled, 0-100 (100 only when all are; 100 if none required)."""
    required = [
        item
        for item in template.items_for(category, subtype)
        if item.required and not (isinstance(item, FieldDef) and item.computed)
    ]
    if not required:
        return 100
    missing = len(missing_required(template, category, subtype, data))
    return (len(required) - missing) * 100 // len(required)


def upgrade_view(
    new_template: Template,
    category: str,
    subtype: str,
    data: Mapping[str, object],
    old_template: Template | None = None,
) -> list[Item]:
    """What ``new_template`` requires that this record (filled under an older version) lacks.

    With ``old_template`` given, only what the older version did not already require.
    Raises KeyError when the newer version no longer has the category or sub-type.
    """
    missing = missing_required(new_template, category, subtype, data)
    if old_template is None:
        return missing
    try:
        before = {item.key for item in old_template.items_for(category, subtype) if item.required}
    except KeyError:
        before = set()
    return [item for item in missing if item.key not in before]


# --- identity, catalogue, masking ----------------------------------------------------------------


def identity_of(category: str, data: Mapping[str, object]) -> str | None:
    """The number duplicates are found by: resident ID normalised, other IDs as typed
    (cleaned of spaces and full-width characters), the credit code; None otherwise."""
    if category == "individual":
        number = _clean(data.get("id_number"))
        if number is None:
            return None
        id_type = _clean(data.get("id_type"))
        if id_type in RESIDENT_ID_TYPES:
            return _resident_id_text(number)
        return _squeeze(number).upper()
    if category == "organisation":
        code = _clean(data.get("credit_code"))
        return _uscc_compact(_squeeze(code)) if code else None
    return None


def index_values(
    template: Template, category: str, subtype: str, data: Mapping[str, object]
) -> dict[str, str]:
    """{"name", "identity", "phone", "address"} for the catalogue and search (missing omitted)."""
    parts: dict[str, list[str]] = {}
    for field in template.fields_for(category, subtype):
        if not field.index_as:
            continue
        value = normalize(field, data.get(field.key))
        if value is None:
            continue
        parts.setdefault(field.index_as, []).append(_as_text(value))
    result: dict[str, str] = {}
    if parts.get("name"):
        result["name"] = parts["name"][0]
    if parts.get("identity"):
        result["identity"] = identity_of(category, data) or parts["identity"][0]
    if parts.get("phone"):
        result["phone"] = " ".join(parts["phone"])
    if parts.get("address"):
        result["address"] = " ".join(parts["address"])
    return result


def _as_text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def mask_name(name: str) -> str:
    """张三丰 -> 张*丰, 张三 -> 张*, 欧阳娜娜 -> 欧**娜, 张 -> *; longer (organisation)
    names keep their first two and last two characters: 涟源市某某农机合作社 -> 涟源***作社."""
    text = unicodedata.normalize("NFC", (name or "").strip())
    length = len(text)
    if length == 0:
        return ""
    if length == 1:
        return "*"
    if length == 2:
        return text[0] + "*"
    if length <= 4:
        return text[0] + "*" * (length - 2) + text[-1]
    return text[:2] + "***" + text[-2:]


# --- canonical JSON ----------------------------------------------------------------------------


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} in a record")


#: what json.dumps(default=_json_default, sort_keys=True, ensure_ascii=False,
#: separators=(",", ":")) builds on every call, built once
_JSON = json.JSONEncoder(
    default=_json_default, sort_keys=True, ensure_ascii=False, separators=(",", ":")
)


def to_json(data: Mapping[str, object]) -> str:
    """Canonical text for storage and signatures: sorted keys, Decimal as text, ISO dates."""
    return _JSON.encode(data)


def from_json(
    text: str,
    template: Template | None = None,
    category: str | None = None,
    subtype: str | None = None,
) -> dict[str, Any]:
    """Back from :func:`to_json`. Values come back as text unless the template, category
    and sub-type are given, in which case they are normalised to their types."""
    data = json.loads(text) if text else {}
    if not isinstance(data, dict):
        raise ValueError("record content is not an object")
    if template is not None and category is not None and subtype is not None:
        return normalize_record(template, category, subtype, data)
    return data


# --- stored codes of choices ---------------------------------------------------------------------


def option_code(field: FieldDef, label: object) -> str | None:
    """The stored code of a choice (tier 机密 -> secret); the label itself without codes."""
    value = normalize(field, label)
    if value is None:
        return None
    if field.option_codes and value in field.options:
        return field.option_codes[field.options.index(value)]
    return str(value)


def option_label(field: FieldDef, code: str | None) -> str | None:
    """The label of a stored code (secret -> 机密)."""
    if code is None:
        return None
    if code in field.option_codes:
        return field.options[field.option_codes.index(code)]
    return code
