"""Reading the classification template files (resources/template/v<N>.toml).

The customer-service management department revises the template without code
(articles 5, 22): a new version is a new file ``v<N+1>.toml`` beside the old
ones, which stay so that records filled under them still open. Every problem
in a file is refused at load with the file, the line and the problem in
Chinese (:class:`TemplateError`); :func:`current_template` then keeps the last
version that loads.

Line numbers: syntax errors carry tomllib's own position. For the meaning of
the file (unknown type, duplicate key ...) the loader parses a copy of the text
in which every ``key = "..."`` value carries its line number as a private-use
marker, so each field, group, column, section, sub-type and category knows the
line it was declared on; a problem with one attribute (``type``, ``options``,
``computed`` ...) is reported on that attribute's line when it can be found
between the item's ``key`` line and the next item.
"""

from __future__ import annotations

import logging
import re
import string
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import AppError
from app.resources import resource_path
from app.template.model import (
    CARRIER_COLUMNS,
    CARRIER_GROUP,
    COLUMN_FIELDS,
    FIELD_TYPES,
    CategoryDef,
    FieldDef,
    GroupDef,
    Item,
    SectionDef,
    SubtypeDef,
    Template,
)

log = logging.getLogger(__name__)

#: the three kinds of customer of article 3; code elsewhere relies on these keys
CATEGORY_KEYS = ("individual", "organisation", "special")
#: what ``index_as`` may say
INDEX_KINDS = frozenset({"name", "identity", "phone", "address"})
#: stored codes the storage layer relies on (customers.tier, carriers.kind)
TIER_CODES = ("ordinary", "secret", "top_secret")
CARRIER_KIND_CODES = ("paper", "disk", "electronic")
#: placeholders of ``archive_number_format``
ARCHIVE_NUMBER_FIELDS = frozenset({"branch", "category_code", "year", "seq"})
#: field types a computed field may have and a computed expression may refer to
NUMERIC_TYPES = frozenset({"integer", "decimal", "money"})
GROUP_TYPE = "group"

_KEY_NAME = re.compile(r"[a-z][a-z0-9_]*")
_VERSION_FILE = re.compile(r"v(\d+)\.toml")

_FIELD_ATTRS = frozenset(
    {
        "key",
        "label",
        "type",
        "required",
        "options",
        "option_codes",
        "help",
        "max_length",
        "computed",
        "allow_future",
        "index_as",
    }
)
_GROUP_ATTRS = frozenset(
    {"key", "label", "type", "required", "columns", "min_rows", "max_rows", "preset_rows", "help"}
)
_TOP_ATTRS = frozenset(
    {
        "version",
        "name",
        "archive_number_format",
        "category_codes",
        "options",
        "common_sections",
        "categories",
    }
)

TYPE_LABELS = {
    "text": "文字",
    "multiline": "多行文字",
    "integer": "整数",
    "decimal": "数值",
    "money": "金额",
    "date": "日期",
    "choice": "单选",
    "multichoice": "多选",
    "bool": "是/否",
    "mobile": "手机号码",
    "phone": "电话",
    "postal_code": "邮政编码",
    "resident_id": "居民身份证号码",
    "credit_code": "统一社会信用代码",
    "id_number": "证件号码",
    GROUP_TYPE: "表格",
}


class TemplateError(AppError):
    """A template file cannot be used; the message names the file, the line and the problem."""

    exit_code = 2

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        where = f"第 {line} 行:" if line else ""
        super().__init__(
            f"分类模板文件“{path}”{where}{problem}。"
            "请客户服务管理部按文件开头的修订说明改正;改正前程序继续使用上一个可用的版本。"
        )
        self.path = str(path)
        self.line = line
        self.problem = problem


# --- computed fields -------------------------------------------------------------------


@dataclass(frozen=True)
class Computed:
    """A parsed ``computed`` value: ``sum:<group>.<column>`` or ``expr:<a> + <b> - <c>``."""

    kind: str  # "sum" | "expr"
    group: str = ""
    column: str = ""
    #: for "expr": (+1 or -1, key) in order
    terms: tuple[tuple[int, str], ...] = ()

    @property
    def references(self) -> tuple[str, ...]:
        """Top-level keys this value depends on (the group for a sum)."""
        if self.kind == "sum":
            return (self.group,)
        return tuple(key for _, key in self.terms)


_SUM = re.compile(r"sum:\s*([a-z][a-z0-9_]*)\s*\.\s*([a-z][a-z0-9_]*)")
_EXPR = re.compile(r"expr:\s*[+-]?\s*[a-z][a-z0-9_]*(\s*[+-]\s*[a-z][a-z0-9_]*)*")
_TERM = re.compile(r"([+-]?)\s*([a-z][a-z0-9_]*)")


def parse_computed(spec: str) -> Computed:
    """Parse a ``computed`` value; ValueError when it is neither form."""
    text = spec.strip()
    match = _SUM.fullmatch(text)
    if match:
        return Computed("sum", group=match.group(1), column=match.group(2))
    if _EXPR.fullmatch(text):
        body = text[len("expr:") :]
        terms = tuple(
            (-1 if sign == "-" else 1, key) for sign, key in _TERM.findall(body.replace(" ", ""))
        )
        return Computed("expr", terms=terms)
    raise ValueError(spec)


# --- line numbers ----------------------------------------------------------------------

#: the marker put after each key's value in the annotated copy (a private-use character)
_MARK = "\ue000"
_MARKED = re.compile(_MARK + r"(\d+)$")
_KEY_ASSIGN = re.compile(r"""(^|[{,])(\s*key\s*=\s*)(["'])([^"'\\\n]*)\3""")
#: where the line of a node is kept in the parsed data (no TOML key can be this)
_LINE = "\x00line"
_INLINE_KEY = re.compile(r"""\{\s*key\s*=""")
_TABLE_KEY = re.compile(r"""\s*key\s*=""")
_HEADER = re.compile(r"\s*\[\[?\s*[A-Za-z0-9_.\-\s]+\]\]?\s*(#.*)?$")


def _annotate(text: str) -> str:
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if "key" in line:
            lines[number - 1] = _KEY_ASSIGN.sub(
                lambda m, n=number: f"{m[1]}{m[2]}{m[3]}{m[4]}{_MARK}{n}{m[3]}", line
            )
    return "\n".join(lines)


def _strip_marks(node: Any) -> Any:
    """Remove the markers; every table whose ``key`` carried one records its line."""
    if isinstance(node, dict):
        key = node.get("key")
        if isinstance(key, str):
            match = _MARKED.search(key)
            if match:
                node["key"] = key[: match.start()]
                node[_LINE] = int(match.group(1))
        for name, value in list(node.items()):
            node[name] = _strip_marks(value)
        return node
    if isinstance(node, list):
        return [_strip_marks(value) for value in node]
    if isinstance(node, str) and _MARK in node:
        return re.sub(_MARK + r"\d*", "", node)
    return node


_DECODE_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def _decode_error(path: Path, text: str, error: tomllib.TOMLDecodeError) -> TemplateError:
    message = str(error)
    match = _DECODE_POSITION.search(message)
    detail = _DECODE_POSITION.sub("", message).strip()
    if match and match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
        problem = f"第 {column} 列附近不符合 TOML 格式({detail})"
    else:
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        problem = f"文件末尾不完整,不符合 TOML 格式({detail})"
    return TemplateError(
        path,
        line,
        problem + ";常见原因:引号或括号不成对、漏了逗号、同一项写了两次、中文标点用在了格式符号处",
    )


# --- building the data classes -----------------------------------------------------------


class _Builder:
    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.data = data
        self.option_lists: dict[str, tuple[str, ...]] = {}
        #: id(item or section) -> its node, for line numbers of later (per-form) problems
        self.nodes: dict[int, dict[str, Any]] = {}

    # -- errors --

    def fail(self, line: int | None, problem: str) -> TemplateError:
        return TemplateError(self.path, line, problem)

    def line_of(self, node: Mapping[str, Any] | None) -> int | None:
        return node.get(_LINE) if node else None

    def attr_line(self, node: Mapping[str, Any], attr: str) -> int | None:
        """The line of ``attr = ...`` within ``node`` (from its key line to the next item)."""
        start = self.line_of(node)
        if start is None:
            return None
        pattern = re.compile(rf"(^|[{{,])\s*{re.escape(attr)}\s*=")
        if start - 1 >= len(self.lines):
            return start
        if _INLINE_KEY.search(self.lines[start - 1]):
            # an inline table { key = ..., ... } is one line
            return start
        for index in range(start - 1, len(self.lines)):
            line = self.lines[index]
            if index > start - 1 and (_HEADER.match(line) or _TABLE_KEY.match(line)):
                break
            if pattern.search(line):
                return index + 1
        return start

    def top_line(self, name: str) -> int | None:
        pattern = re.compile(rf"^\s*(\[\[?\s*)?{re.escape(name)}\b")
        for index, line in enumerate(self.lines):
            if pattern.match(line):
                return index + 1
        return None

    # -- small readers --

    def text(self, node: Mapping[str, Any], attr: str, what: str, *, required: bool = True) -> str:
        value = node.get(attr)
        if value is None:
            if required:
                raise self.fail(self.line_of(node), f"{what}缺少 {attr}")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(self.attr_line(node, attr), f"{what}的 {attr} 应为非空的文字")
        return value.strip()

    def flag(self, node: Mapping[str, Any], attr: str, what: str) -> bool:
        value = node.get(attr, False)
        if not isinstance(value, bool):
            raise self.fail(self.attr_line(node, attr), f"{what}的 {attr} 只能写 true 或 false")
        return value

    def count(
        self, node: Mapping[str, Any], attr: str, what: str, default: int | None, minimum: int
    ) -> int | None:
        value = node.get(attr, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(
                self.attr_line(node, attr), f"{what}的 {attr} 应为不小于 {minimum} 的整数"
            )
        return value

    def key(self, node: Mapping[str, Any], what: str) -> str:
        value = node.get("key")
        if not isinstance(value, str) or not value:
            raise self.fail(self.line_of(node), f"{what}缺少 key(代码)")
        if not _KEY_NAME.fullmatch(value):
            raise self.fail(
                self.line_of(node),
                f"{what}的代码“{value}”只能用小写英文字母、数字和下划线,并以字母开头",
            )
        return value

    def tables(self, parent: Mapping[str, Any], attr: str, what: str, *, line: int | None):
        value = parent.get(attr)
        if value is None:
            raise self.fail(line, f"{what}缺少 [[{attr}]] 表")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(line, f"{what}的 {attr} 应写成 [[{attr}]] 表")
        return value

    def string_list(self, node: Mapping[str, Any], attr: str, what: str) -> tuple[str, ...]:
        value = node.get(attr)
        line = self.attr_line(node, attr)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(line, f'{what}的 {attr} 应为文字列表,如 ["甲", "乙"]')
        items = tuple(v.strip() for v in value)
        seen: set[str] = set()
        for item in items:
            if item in seen:
                raise self.fail(line, f"{what}的 {attr} 中“{item}”重复")
            seen.add(item)
        return items

    # -- the file --

    def build(self) -> Template:
        data = self.data
        for name in data:
            if name not in _TOP_ATTRS:
                raise self.fail(self.top_line(name), f"不认识的项目“{name}”")

        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.fail(self.top_line("version") or 1, "文件开头应写 version = 版本号(正整数)")
        named = _VERSION_FILE.fullmatch(self.path.name)
        if named and int(named.group(1)) != version:
            raise self.fail(
                self.top_line("version"),
                f"文件名 {self.path.name} 与 version = {version} 不一致,"
                f"第 {version} 版应保存为 v{version}.toml",
            )
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(self.top_line("name") or 1, "缺少模板名称 name")

        options = data.get("options", {})
        if not isinstance(options, dict):
            raise self.fail(self.top_line("options"), "options 应写成 [options] 表")
        for list_name, values in options.items():
            node = {"key": list_name, "values": values, _LINE: self._option_line(list_name)}
            self.option_lists[list_name] = self.string_list(node, "values", f"选项表“{list_name}”")

        common_nodes = self.tables(data, "common_sections", "模板", line=1)
        common = tuple(self.section(node, "共有部分") for node in common_nodes)
        self.check_common(common)

        category_nodes = self.tables(data, "categories", "模板", line=1)
        categories: list[CategoryDef] = []
        for node in category_nodes:
            category = self.category(node)
            if any(c.key == category.key for c in categories):
                raise self.fail(self.line_of(node), f"客户类别“{category.key}”写了两次")
            categories.append(category)
        keys = [c.key for c in categories]
        for key in CATEGORY_KEYS:
            if key not in keys:
                raise self.fail(
                    self.top_line("categories") or 1,
                    f"缺少客户类别“{key}”的 [[categories]] 表(制度第 3 条的三类客户都要有)",
                )

        fmt = self.archive_format(data.get("archive_number_format"))
        codes = self.category_codes(data.get("category_codes"))

        template = Template(
            version=version,
            name=name.strip(),
            archive_number_format=fmt,
            category_codes=codes,
            common_sections=common,
            categories=tuple(categories),
            source=str(self.path),
        )
        for category in template.categories:
            for subtype in category.subtypes:
                self.check_form(template, category, subtype)
        return template

    def _option_line(self, list_name: str) -> int | None:
        start = self.top_line("options")
        if start is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(list_name)}\s*=")
        for index in range(start - 1, len(self.lines)):
            if pattern.match(self.lines[index]):
                return index + 1
        return start

    def archive_format(self, value: object) -> str:
        line = self.top_line("archive_number_format") or 1
        if not isinstance(value, str) or not value.strip():
            raise self.fail(line, "缺少档案编号格式 archive_number_format")
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
            unknown = names - ARCHIVE_NUMBER_FIELDS
            if unknown:
                raise ValueError(", ".join(sorted(unknown)))
            value.format(branch="LY01", category_code="G", year=2026, seq=1)
        except (ValueError, KeyError, IndexError) as error:
            raise self.fail(
                line,
                "档案编号格式只能使用 {branch}、{category_code}、{year}、{seq}"
                f"(如 {{seq:06d}}),现有写法有误:{error}",
            ) from None
        if "category_code" not in names or "seq" not in names:
            raise self.fail(line, "档案编号格式必须包含 {category_code} 和 {seq},否则编号会重复")
        return value

    def category_codes(self, value: object) -> dict[str, str]:
        line = self.top_line("category_codes") or 1
        if not isinstance(value, dict):
            raise self.fail(line, "缺少 [category_codes] 表(各类客户在档案编号中的代码)")
        codes: dict[str, str] = {}
        for key in CATEGORY_KEYS:
            code = value.get(key)
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]", code):
                raise self.fail(line, f"[category_codes] 中“{key}”应为一个大写英文字母")
            if code in codes.values():
                raise self.fail(line, f"[category_codes] 中代码“{code}”被两类客户使用")
            codes[key] = code
        extra = set(value) - set(CATEGORY_KEYS)
        if extra:
            raise self.fail(line, f"[category_codes] 中有不存在的客户类别:{', '.join(extra)}")
        return codes

    def category(self, node: dict[str, Any]) -> CategoryDef:
        key = self.key(node, "客户类别")
        if key not in CATEGORY_KEYS:
            raise self.fail(
                self.line_of(node),
                f"客户类别代码“{key}”不存在,只能是 individual、organisation、special",
            )
        what = f"客户类别“{key}”"
        label = self.text(node, "label", what)
        subtype_nodes = self.tables(node, "subtypes", what, line=self.line_of(node))
        if not subtype_nodes:
            raise self.fail(self.line_of(node), f"{what}至少要有一个子类 [[categories.subtypes]]")
        subtypes = []
        seen: dict[str, int | None] = {}
        for sub in subtype_nodes:
            sub_key = self.key(sub, f"{what}的子类")
            if sub_key in seen:
                raise self.fail(self.line_of(sub), f"{what}的子类代码“{sub_key}”重复")
            seen[sub_key] = self.line_of(sub)
            sub_what = f"子类“{sub_key}”"
            section_nodes = sub.get("sections", [])
            if not isinstance(section_nodes, list) or not all(
                isinstance(s, dict) for s in section_nodes
            ):
                raise self.fail(
                    self.line_of(sub), f"{sub_what}的 sections 应写成 [[...sections]] 表"
                )
            sections = tuple(self.section(s, sub_what) for s in section_nodes)
            for attr in sub:
                if attr not in {"key", "label", "sections", _LINE}:
                    raise self.fail(self.attr_line(sub, attr), f"{sub_what}中不认识的项目“{attr}”")
            subtypes.append(
                SubtypeDef(key=sub_key, label=self.text(sub, "label", sub_what), sections=sections)
            )
        section_nodes = self.tables(node, "sections", what, line=self.line_of(node))
        if not section_nodes:
            raise self.fail(self.line_of(node), f"{what}至少要有一节 [[categories.sections]]")
        sections = tuple(self.section(s, what) for s in section_nodes)
        for attr in node:
            if attr not in {"key", "label", "subtypes", "sections", _LINE}:
                raise self.fail(self.attr_line(node, attr), f"{what}中不认识的项目“{attr}”")
        return CategoryDef(key=key, label=label, subtypes=tuple(subtypes), sections=sections)

    def section(self, node: dict[str, Any], owner: str) -> SectionDef:
        key = self.key(node, f"{owner}的分节")
        what = f"分节“{key}”"
        label = self.text(node, "label", what)
        item_nodes = self.tables(node, "items", what, line=self.line_of(node))
        if not item_nodes:
            raise self.fail(self.line_of(node), f"{what}中没有字段")
        for attr in node:
            if attr not in {"key", "label", "items", _LINE}:
                raise self.fail(self.attr_line(node, attr), f"{what}中不认识的项目“{attr}”")
        items = tuple(self.item(n) for n in item_nodes)
        section = SectionDef(key=key, label=label, items=items)
        self.nodes[id(section)] = node
        return section

    def item(self, node: dict[str, Any]) -> Item:
        kind = node.get("type", "text")
        if kind == GROUP_TYPE:
            return self.group(node)
        return self.field(node, column=False)

    def field(self, node: dict[str, Any], *, column: bool) -> FieldDef:
        key = self.key(node, "表格的列" if column else "字段")
        what = f"{'列' if column else '字段'}“{key}”"
        kind = node.get("type", "text")
        if not isinstance(kind, str) or kind not in FIELD_TYPES:
            allowed = "、".join(sorted(FIELD_TYPES | ({GROUP_TYPE} if not column else set())))
            raise self.fail(
                self.attr_line(node, "type"),
                f"{what}的类型“{kind}”不存在,可用的类型有:{allowed}",
            )
        for attr in node:
            if attr not in _FIELD_ATTRS and attr != _LINE:
                raise self.fail(self.attr_line(node, attr), f"{what}中不认识的项目“{attr}”")
        label = self.text(node, "label", what)
        options: tuple[str, ...] = ()
        if kind in {"choice", "multichoice"}:
            raw = node.get("options")
            if raw is None or raw == []:
                raise self.fail(
                    self.attr_line(node, "options" if "options" in node else "type"),
                    f"{what}是{TYPE_LABELS[kind]}字段,必须写出选项 options",
                )
            if isinstance(raw, str):
                if raw not in self.option_lists:
                    raise self.fail(
                        self.attr_line(node, "options"),
                        f"{what}引用的选项表“{raw}”在 [options] 中不存在",
                    )
                options = self.option_lists[raw]
            else:
                options = self.string_list(node, "options", what)
        elif "options" in node:
            raise self.fail(
                self.attr_line(node, "options"), f"{what}不是单选或多选字段,不能有选项 options"
            )
        codes: tuple[str, ...] = ()
        if "option_codes" in node:
            codes = self.string_list(node, "option_codes", what)
            if kind != "choice" or len(codes) != len(options):
                raise self.fail(
                    self.attr_line(node, "option_codes"),
                    f"{what}的 option_codes 只用于单选字段,且个数应与选项相同",
                )
        computed = node.get("computed")
        if computed is not None:
            line = self.attr_line(node, "computed")
            if column:
                raise self.fail(line, f"{what}:表格的列不能是计算字段")
            if not isinstance(computed, str):
                raise self.fail(line, f"{what}的 computed 应为文字")
            try:
                parse_computed(computed)
            except ValueError:
                raise self.fail(
                    line,
                    f'{what}的计算式写法不对,应为 "sum:表格.列" 或 "expr:字段甲 - 字段乙"',
                ) from None
            if kind not in NUMERIC_TYPES:
                raise self.fail(line, f"{what}是计算字段,类型应为 money、decimal 或 integer")
            if node.get("required"):
                raise self.fail(line, f"{what}是自动计算的字段,不能设为必填")
        index_as = node.get("index_as")
        if index_as is not None:
            line = self.attr_line(node, "index_as")
            if column:
                raise self.fail(line, f"{what}:表格的列不能用于检索(index_as)")
            if index_as not in INDEX_KINDS:
                raise self.fail(
                    line, f"{what}的 index_as 只能是 {'、'.join(sorted(INDEX_KINDS))} 之一"
                )
        allow_future = self.flag(node, "allow_future", what)
        if allow_future and kind != "date":
            raise self.fail(
                self.attr_line(node, "allow_future"), f"{what}不是日期字段,不能写 allow_future"
            )
        result = FieldDef(
            key=key,
            label=label,
            type=kind,
            required=self.flag(node, "required", what),
            options=options,
            help=self.text(node, "help", what, required=False),
            max_length=self.count(node, "max_length", what, None, 1),
            computed=computed.strip() if isinstance(computed, str) else None,
            allow_future=allow_future,
            index_as=index_as,
            option_codes=codes,
        )
        self.nodes[id(result)] = node
        return result

    def group(self, node: dict[str, Any]) -> GroupDef:
        key = self.key(node, "表格")
        what = f"表格“{key}”"
        for attr in node:
            if attr not in _GROUP_ATTRS and attr != _LINE:
                raise self.fail(self.attr_line(node, attr), f"{what}中不认识的项目“{attr}”")
        label = self.text(node, "label", what)
        raw_columns = node.get("columns")
        if not isinstance(raw_columns, list) or not raw_columns:
            raise self.fail(self.line_of(node), f"{what}缺少列 columns")
        columns = []
        seen: set[str] = set()
        for column_node in raw_columns:
            if not isinstance(column_node, dict):
                raise self.fail(self.attr_line(node, "columns"), f"{what}的每一列应写成 {{ ... }}")
            column_node.setdefault(_LINE, self.attr_line(node, "columns"))
            if column_node.get("type") == GROUP_TYPE:
                raise self.fail(self.line_of(column_node), f"{what}中不能再套表格")
            column = self.field(column_node, column=True)
            if column.key in seen:
                raise self.fail(self.line_of(column_node), f"{what}中列代码“{column.key}”重复")
            seen.add(column.key)
            columns.append(column)
        min_rows = self.count(node, "min_rows", what, 0, 0) or 0
        max_rows = self.count(node, "max_rows", what, 50, 1) or 50
        if min_rows > max_rows:
            raise self.fail(self.attr_line(node, "min_rows"), f"{what}的 min_rows 大于 max_rows")
        preset: tuple[str, ...] = ()
        if "preset_rows" in node:
            preset = self.string_list(node, "preset_rows", what)
            line = self.attr_line(node, "preset_rows")
            if len(preset) > max_rows:
                raise self.fail(line, f"{what}预设的行数多于 max_rows")
            first = columns[0]
            if first.type not in {"text", "choice"}:
                raise self.fail(line, f"{what}有预设行时,第一列应为文字或单选")
            if first.type == "choice" and not set(preset) <= set(first.options):
                raise self.fail(line, f"{what}的预设行不在第一列的选项中")
        result = GroupDef(
            key=key,
            label=label,
            columns=tuple(columns),
            required=self.flag(node, "required", what),
            min_rows=min_rows,
            max_rows=max_rows,
            preset_rows=preset,
            help=self.text(node, "help", what, required=False),
        )
        self.nodes[id(result)] = node
        return result

    # -- checks across items --

    def check_common(self, sections: tuple[SectionDef, ...]) -> None:
        items = {item.key: item for section in sections for item in section.items}
        line = self.top_line("common_sections") or 1
        for key in COLUMN_FIELDS:
            if not isinstance(items.get(key), FieldDef):
                raise self.fail(line, f"共有部分缺少字段“{key}”(目录和保密库要用它)")
        carriers = items.get(CARRIER_GROUP)
        if not isinstance(carriers, GroupDef):
            raise self.fail(line, f"共有部分缺少表格“{CARRIER_GROUP}”(载体及存放位置,制度第 6 条)")
        column_keys = tuple(c.key for c in carriers.columns)
        if column_keys != CARRIER_COLUMNS:
            raise self.fail(
                self.line_of(self.nodes.get(id(carriers))) or line,
                f"表格“{CARRIER_GROUP}”的列应依次为 {', '.join(CARRIER_COLUMNS)}",
            )
        self.check_codes(carriers.columns[0], CARRIER_KIND_CODES, line)
        tier = items["tier"]
        assert isinstance(tier, FieldDef)
        self.check_codes(tier, TIER_CODES, line)

    def check_codes(self, field: FieldDef, codes: tuple[str, ...], fallback: int) -> None:
        if field.type != "choice" or field.option_codes != codes:
            node = self.nodes.get(id(field))
            raise self.fail(
                (self.attr_line(node, "option_codes") if node else None) or fallback,
                f"字段“{field.key}”应为单选,option_codes 应为 {', '.join(codes)}(不要改动)",
            )

    def check_form(self, template: Template, category: CategoryDef, subtype: SubtypeDef) -> None:
        form = f"“{category.label}/{subtype.label}”"
        sections = template.sections_for(category.key, subtype.key)
        section_lines: dict[str, int | None] = {}
        for section in sections:
            node = self.nodes.get(id(section))
            if section.key in section_lines:
                raise self.fail(
                    self.line_of(node),
                    f"分节代码“{section.key}”在{form}表单中重复"
                    + self._also(section_lines[section.key]),
                )
            section_lines[section.key] = self.line_of(node)
        items: dict[str, Item] = {}
        item_lines: dict[str, int | None] = {}
        for section in sections:
            for item in section.items:
                node = self.nodes.get(id(item))
                if item.key in items:
                    # report the later of the two in the file: that is usually the new one
                    here, there = self.line_of(node), item_lines[item.key]
                    if here is not None and there is not None and there > here:
                        here, there = there, here
                    raise self.fail(
                        here, f"字段代码“{item.key}”在{form}表单中重复" + self._also(there)
                    )
                items[item.key] = item
                item_lines[item.key] = self.line_of(node)
        name = items.get("name")
        if not isinstance(name, FieldDef) or name.computed:
            raise self.fail(
                self.line_of(self.nodes.get(id(category.sections[0]))),
                f"{form}表单缺少名称字段“name”(目录、检索和查重都要用它)",
            )
        computed = {
            key: item for key, item in items.items() if isinstance(item, FieldDef) and item.computed
        }
        for key, item in computed.items():
            node = self.nodes[id(item)]
            line = self.attr_line(node, "computed")
            spec = parse_computed(item.computed or "")
            if spec.kind == "sum":
                group = items.get(spec.group)
                if not isinstance(group, GroupDef):
                    raise self.fail(
                        line, f"字段“{key}”的计算式引用的表格“{spec.group}”在{form}表单中不存在"
                    )
                column = next((c for c in group.columns if c.key == spec.column), None)
                if column is None:
                    raise self.fail(
                        line, f"字段“{key}”的计算式引用的列“{spec.group}.{spec.column}”不存在"
                    )
                if column.type not in NUMERIC_TYPES:
                    raise self.fail(
                        line, f"字段“{key}”的计算式引用的列“{spec.group}.{spec.column}”不是数字"
                    )
            else:
                for ref in spec.references:
                    target = items.get(ref)
                    if target is None:
                        raise self.fail(
                            line, f"字段“{key}”的计算式引用的字段“{ref}”在{form}表单中不存在"
                        )
                    if not isinstance(target, FieldDef) or target.type not in NUMERIC_TYPES:
                        raise self.fail(line, f"字段“{key}”的计算式引用的“{ref}”不是数字字段")
        # no computed field may depend on itself, directly or through others
        for start in computed:
            stack = [(start, (start,))]
            while stack:
                key, path = stack.pop()
                spec = parse_computed(computed[key].computed or "")
                for ref in spec.references:
                    if ref == start:
                        raise self.fail(
                            self.attr_line(self.nodes[id(computed[start])], "computed"),
                            f"计算字段相互引用成环:{' -> '.join((*path, ref))}",
                        )
                    if ref in computed and ref not in path:
                        stack.append((ref, (*path, ref)))

    @staticmethod
    def _also(line: int | None) -> str:
        return f"(第 {line} 行已有)" if line else ""


# --- loading -------------------------------------------------------------------------------


def load_template(path: str | Path) -> Template:
    """Read and check one template file; every problem raises :class:`TemplateError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TemplateError(path, None, f"无法读取文件({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TemplateError(
            path, line, "文件不是 UTF-8 编码;请用记事本“另存为”,编码选择 UTF-8 后保存"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _decode_error(path, text, error) from None
    try:
        data = _strip_marks(tomllib.loads(_annotate(text)))
    except tomllib.TOMLDecodeError:
        # an unusual spelling of ``key`` defeated the annotation: no lines for the meaning
        log.debug("template %s: line annotation skipped", path.name)
    return _Builder(path, text, data).build()


_lock = threading.RLock()
_by_version: dict[tuple[Path, int], Template] = {}
_current: dict[Path, Template] = {}
_problems: dict[Path, list[TemplateError]] = {}


def default_folder() -> Path:
    return resource_path("template")


def _folder(folder: str | Path | None) -> Path:
    return Path(folder).resolve() if folder is not None else default_folder().resolve()


def available_versions(folder: str | Path | None = None) -> dict[int, Path]:
    """{version: file} for the files ``v<N>.toml`` in the folder, oldest first."""
    root = _folder(folder)
    found: dict[int, Path] = {}
    if root.is_dir():
        for path in root.glob("v*.toml"):
            match = _VERSION_FILE.fullmatch(path.name)
            if not match:
                continue
            version = int(match.group(1))
            # v1.toml wins over v01.toml
            if version not in found or path.name == f"v{version}.toml":
                found[version] = path
    return dict(sorted(found.items()))


def _load_version(root: Path, version: int, path: Path) -> Template:
    with _lock:
        cached = _by_version.get((root, version))
    if cached is not None:
        return cached
    template = load_template(path)
    with _lock:
        _by_version[(root, version)] = template
    return template


def template_version(version: int, folder: str | Path | None = None) -> Template:
    """The template a record was filled under (old versions stay loadable)."""
    root = _folder(folder)
    path = available_versions(root).get(version)
    if path is None:
        raise TemplateError(
            root / f"v{version}.toml",
            None,
            f"找不到第 {version} 版分类模板文件;按该版本填写的档案要用它打开,"
            "旧版本文件不得删除,请从安装包或备份中恢复",
        )
    return _load_version(root, version, path)


def current_template(folder: str | Path | None = None) -> Template:
    """The newest version that loads; a malformed newer file is logged and skipped."""
    root = _folder(folder)
    with _lock:
        cached = _current.get(root)
    if cached is not None:
        return cached
    versions = available_versions(root)
    if not versions:
        raise TemplateError(root, None, "文件夹中没有分类模板文件(v1.toml 等)")
    problems: list[TemplateError] = []
    for version in sorted(versions, reverse=True):
        try:
            template = _load_version(root, version, versions[version])
        except TemplateError as error:
            log.warning("分类模板第 %d 版无法使用,改用上一个可用版本:%s", version, error.message)
            problems.append(error)
            continue
        with _lock:
            _current[root] = template
            _problems[root] = problems
        return template
    with _lock:
        _problems[root] = problems
    first = problems[0]
    raise TemplateError(first.path, first.line, f"没有可用的分类模板版本。{first.problem}")


def template_problems(folder: str | Path | None = None) -> list[TemplateError]:
    """Newer versions :func:`current_template` had to skip (for a notice to the department)."""
    with _lock:
        return list(_problems.get(_folder(folder), []))


def clear_cache() -> None:
    """Forget loaded templates (tests; after the department places a new file)."""
    with _lock:
        _by_version.clear()
        _current.clear()
        _problems.clear()


def archive_number(template: Template, *, branch: str, category: str, year: int, seq: int) -> str:
    """The archive number of the ``seq``-th archive of a category in a year at a branch."""
    return template.archive_number_format.format(
        branch=branch, category_code=template.category_codes[category], year=year, seq=seq
    )
