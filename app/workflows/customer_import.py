"""Customer lists in and out of Excel: import with a dry run, the blank workbook, export.

Import (article 8: the manager compiles the archives of their own customers)
------------------------------------------------------------------------------
One workbook holds one category (个人/单位/特殊类客户, chosen by the person
importing); each row is one customer, its sub-type in a 子类 column or a
default. Row 1 holds the column headers: the template's Chinese labels (a
trailing or leading * marks a required column and is ignored), so the blank
workbook from :func:`write_import_template` maps without help; a mapping
(``{"column header": "field key or label"}``) overrides or adds.

:func:`dry_run` lists every problem by Excel row (header = row 1) and column
header, in Chinese, and never quotes a value: bad and missing values, ID
numbers Excel stored as numbers (their last digits are already lost: flagged,
never imported), duplicates within the file and against the archive (with the
existing archive number), required columns missing, columns ignored.

:func:`import_customers` runs the same checks and then either writes nothing
(status "rejected": one problem anywhere refuses the whole file) or creates
every customer in ONE transaction: archive numbers reserved in a block, the
rows, their carriers, the search index, one "customer.create" audit event per
customer and one "customer.import" event (count, category, archive number
range; never names or numbers). Cancelling (``cancelled()`` returning True,
asked between rows) rolls everything back.

What an imported row must hold: every column marked * in the blank workbook
(the template's required fields, 保管期限 included), with valid values. The
tier is always 普通: 机密/绝密 content belongs in the vault, which only a
custodian present in person opens, so such archives are created one by one.
Status: an archive whose required items are all filled, the repeatable tables
included (a carrier row for every archive; household members for 农户), is
entered as 在册, exactly as :func:`app.workflows.customers.file_customer`
would file it; the others stay 草稿 for the manager to complete. Pass
``file_complete=False`` to keep every imported archive a 草稿.

Duplicates against secret-tier archives cannot be found here (their numbers
are in the vault); creating them one by one with a custodian present checks
the vault.

Export
------
Customer content leaves the archive only as a copy under a permit (article
17.1): :mod:`app.workflows.copying` writes those files.
"""

from __future__ import annotations

import gc
import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.errors import InvalidInput
from app.models import Carrier, Customer
from app.models.base import utcnow
from app.models.customer import (
    CARRIER_KINDS,
    STATISTICS_KEYS,
    statistics_values,
)
from app.security import audit
from app.security.permissions import Action
from app.settings import config_dir
from app.storage import search
from app.storage.archive import Archive
from app.storage.atomic import write_atomic
from app.template import current_template
from app.template import validation as tv
from app.template.model import (
    CARRIER_GROUP,
    COLUMN_FIELDS,
    FieldDef,
    GroupDef,
    Item,
    Template,
)
from app.workflows import customers, xlsx_io
from app.workflows.auth import Actor, authorize
from app.workflows.xlsx_io import Sheet

__all__ = [
    "DATA_SHEET",
    "HELP_SHEET",
    "IGNORE",
    "SUBTYPE_KEY",
    "ImportColumn",
    "ImportProblem",
    "ImportReport",
    "Sheet",
    "dry_run",
    "guess_category",
    "import_columns",
    "import_customers",
    "import_records",
    "load_mapping",
    "read_workbook",
    "remember_mapping",
    "remembered_mapping",
    "save_mapping",
    "suggest_mapping",
    "write_import_template",
]

#: the data sheet of the blank workbook (any workbook: this sheet if present, else the first)
DATA_SHEET = "客户名单"
HELP_SHEET = "填写说明"
OPTIONS_SHEET = "选项"
#: the header and the mapping key of the sub-type column
SUBTYPE_HEADER = "子类"
SUBTYPE_KEY = "subtype"
#: a mapping value meaning "ignore this column"
IGNORE = ""
#: the file under the user's configuration folder where the dialog remembers mappings
MAPPING_FILE = "import_mapping.json"

STATUS_CLEAN = "clean"  # a dry run without problems
STATUS_REJECTED = "rejected"  # problems found: nothing written
STATUS_IMPORTED = "imported"
STATUS_CANCELLED = "cancelled"  # cancelled: nothing written

#: field types whose numbers Excel must never see as numbers
_ID_TYPES = frozenset({"resident_id", "id_number", "credit_code"})
#: field types kept as text in the blank workbook (column format "@")
_TEXT_TYPES = frozenset(
    {
        "text",
        "multiline",
        "resident_id",
        "id_number",
        "credit_code",
        "mobile",
        "phone",
        "postal_code",
    }
)
#: Excel keeps 15 significant digits of a number
_EXCEL_DIGITS = 15
#: rows per write batch (customers, carriers, index, events)
_CHUNK = 2000
#: how often progress is reported, in rows
_PROGRESS_EVERY = 250
#: rows the quick check takes at once, column by column
_QUICK_BATCH = 2000
_DUPLICATE_QUERY_CHUNK = 500

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


# --- what callers receive -------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    """One problem: an Excel row (header = 1; None for the file) and a column header."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = "文件" if self.row is None else f"第 {self.row} 行"
        if self.column:
            where += f"“{self.column}”列"
        return f"{where}:{self.message}"


@dataclass
class ImportReport:
    """What a dry run found, or what an import did. Never holds a customer's value."""

    category: str
    category_label: str
    dry_run: bool
    status: str = STATUS_CLEAN
    #: data rows read (blank rows are skipped)
    rows: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    #: column headers not imported (unknown to the template, or mapped to nothing)
    ignored_columns: list[str] = field(default_factory=list)
    #: column header -> the template label it was read as
    columns: dict[str, str] = field(default_factory=dict)
    imported: int = 0
    filed: int = 0
    drafts: int = 0
    first_archive_no: str = ""
    last_archive_no: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.status in (STATUS_CLEAN, STATUS_IMPORTED)

    @property
    def archive_range(self) -> str:
        if not self.first_archive_no:
            return ""
        if self.first_archive_no == self.last_archive_no:
            return self.first_archive_no
        return f"{self.first_archive_no} 至 {self.last_archive_no}"

    @property
    def problem_rows(self) -> int:
        return len({p.row for p in self.problems if p.row is not None})

    def summary(self) -> str:
        """One sentence for a message box or the last line of the command's report."""
        if self.status == STATUS_IMPORTED:
            parts = (
                f"其中在册 {self.filed} 份、草稿 {self.drafts} 份" if self.drafts else "均已在册"
            )
            return (
                f"已导入 {self.imported} 份{self.category_label}档案({parts}),"
                f"档案编号 {self.archive_range}。"
            )
        if self.status == STATUS_CANCELLED:
            return "导入已取消,没有建立任何档案。"
        if self.problems:
            head = "检查发现" if self.dry_run else "导入被拒绝:发现"
            tail = "请改正后重新检查。" if self.dry_run else "没有建立任何档案;请改正后重新导入。"
            rows = f"(涉及 {self.problem_rows} 行)" if self.problem_rows else ""
            return f"{head} {len(self.problems)} 个问题{rows},{tail}"
        if self.rows == 0:
            return "工作表中没有数据行。"
        return f"检查通过:{self.rows} 行均可导入。"

    def lines(self) -> list[str]:
        """The whole report, one line each (the command line prints these)."""
        out = [f"类别:{self.category_label};数据行:{self.rows}"]
        if self.columns:
            out.append("读取的列:" + "、".join(f"{h}" for h in self.columns))
        if self.ignored_columns:
            out.append("忽略的列(分类模板中没有):" + "、".join(self.ignored_columns))
        out.extend(f"  {p}" for p in self.problems)
        out.append(self.summary())
        return out


@dataclass(frozen=True)
class ImportColumn:
    """A column of the blank workbook for one category."""

    #: a field key, "carriers.<column>" for the carrier columns, or SUBTYPE_KEY
    key: str
    #: the header (the template's label; required columns get a * in the workbook)
    label: str
    required: bool
    field: FieldDef | None
    #: the sub-types that have this field (empty: all of the category)
    subtypes: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{self.label}*" if self.required else self.label


# --- the columns of a category ----------------------------------------------------------------


def _fold(text: object) -> str:
    """A header or label as compared: half-width, no spaces, no * marks."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    folded = re.sub(r"\s+", "", folded)
    return folded.strip("*")


def _carrier_label(column: FieldDef) -> str:
    """The header of a carrier column: its label (载体种类, 柜号 ...); 备注 becomes 载体备注,
    which could otherwise be taken for a remark on the customer."""
    if column.key == "note" and not column.label.startswith("载体"):
        return f"载体{column.label}"
    return column.label


def _importable(item: Item) -> bool:
    if isinstance(item, GroupDef):
        return False
    return not item.computed and item.key != "tier"


def import_columns(category: str, template: Template | None = None) -> list[ImportColumn]:
    """The columns of the blank workbook: 子类, the category's and its sub-types' fields,
    the archive-management fields and one carrier (kind, cabinet, box, folder, note)."""
    template = template or current_template()
    cat = _category(template, category)
    columns = [ImportColumn(SUBTYPE_KEY, SUBTYPE_HEADER, True, None)]
    seen = {SUBTYPE_KEY}
    for section in cat.sections:
        for item in section.items:
            if _importable(item) and item.key not in seen:
                assert isinstance(item, FieldDef)
                columns.append(ImportColumn(item.key, item.label, item.required, item))
                seen.add(item.key)
    owners: dict[str, list[str]] = {}
    firsts: dict[str, FieldDef] = {}
    for sub in cat.subtypes:
        for section in sub.sections:
            for item in section.items:
                if _importable(item) and item.key not in seen:
                    assert isinstance(item, FieldDef)
                    owners.setdefault(item.key, []).append(sub.key)
                    firsts.setdefault(item.key, item)
    for key, item in firsts.items():
        columns.append(ImportColumn(key, item.label, item.required, item, tuple(owners[key])))
        seen.add(key)
    carrier_group: GroupDef | None = None
    for section in template.common_sections:
        for item in section.items:
            if isinstance(item, GroupDef):
                if item.key == CARRIER_GROUP:
                    carrier_group = item
                continue
            if _importable(item) and item.key not in seen:
                columns.append(ImportColumn(item.key, item.label, item.required, item))
                seen.add(item.key)
    if carrier_group is not None:
        for column in carrier_group.columns:
            columns.append(
                ImportColumn(f"{CARRIER_GROUP}.{column.key}", _carrier_label(column), False, column)
            )
    return columns


def _category(template: Template, category: str) -> Any:
    try:
        return template.category(category)
    except KeyError:
        known = "、".join(f"{c.key}({c.label})" for c in template.categories)
        raise InvalidInput(f"没有客户类别“{category}”。可选:{known}。") from None


def _label_index(template: Template, category: str) -> dict[str, str]:
    """Folded label (or key) -> column key, for every name a header may use."""
    index: dict[str, str] = {}
    columns = import_columns(category, template)
    for column in columns:
        index.setdefault(_fold(column.label), column.key)
        index.setdefault(_fold(column.key), column.key)
    cat = template.category(category)
    # other labels of a key shared by sub-types (主营产品 / 主营项目), the carrier labels
    for sub in cat.subtypes:
        for item in template.items_for(category, sub.key):
            if isinstance(item, FieldDef) and _importable(item):
                index.setdefault(_fold(item.label), item.key)
            elif isinstance(item, GroupDef) and item.key == CARRIER_GROUP:
                for column in item.columns:
                    index.setdefault(_fold(column.label), f"{CARRIER_GROUP}.{column.key}")
    # 密级 is read (only 普通 is accepted), never offered
    for item in template.items_for(category, cat.subtypes[0].key):
        if isinstance(item, FieldDef) and item.key == "tier":
            index.setdefault(_fold(item.label), "tier")
            index.setdefault("tier", "tier")
    index.setdefault(_fold("子类"), SUBTYPE_KEY)
    index.setdefault(_fold("客户子类"), SUBTYPE_KEY)
    return index


def _key_labels(template: Template, category: str) -> dict[str, str]:
    labels = {c.key: c.label for c in import_columns(category, template)}
    labels.setdefault("tier", "密级")
    return labels


def suggest_mapping(
    headers: Sequence[str],
    category: str,
    mapping: Mapping[str, str | None] | None = None,
    template: Template | None = None,
) -> dict[str, str]:
    """header -> column key (IGNORE for columns not read), as the import will read them."""
    template = template or current_template()
    index = _label_index(template, category)
    given = {_fold(k): v for k, v in (mapping or {}).items()}
    result: dict[str, str] = {}
    for header in headers:
        if not header:
            continue
        folded = _fold(header)
        if folded in given:
            value = given[folded]
            result[header] = index.get(_fold(value), IGNORE) if value else IGNORE
        else:
            result[header] = index.get(folded, IGNORE)
    return result


def guess_category(headers: Sequence[str], template: Template | None = None) -> str | None:
    """The category whose own labels the headers use most (None when no clear winner).

    Only labels that one category alone uses count (单位名称 and 统一社会信用代码
    say organisation, 证件号码 says individual, 对象类型 says special).
    """
    template = template or current_template()
    labels = {
        c.key: {_fold(col.label) for col in import_columns(c.key, template)}
        for c in template.categories
    }
    scores = {}
    for key, own in labels.items():
        others = set().union(*(v for k, v in labels.items() if k != key))
        scores[key] = sum(1 for h in headers if h and _fold(h) in own - others)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


# --- mappings on disk ---------------------------------------------------------------------------


def load_mapping(path: str | Path) -> dict[str, str]:
    """A mapping file: JSON ``{"column header": "field key or label"}`` ("" or null: ignore)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except FileNotFoundError:
        raise InvalidInput(f"找不到映射文件“{path.name}”。") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise InvalidInput(
            f"映射文件“{path.name}”无法读取:应为 UTF-8 编码的 JSON,"
            '如 {"客户姓名": "姓名", "身份证号": "id_number"}。'
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()
    ):
        raise InvalidInput(
            f"映射文件“{path.name}”的格式不对:应为“列标题: 字段代码或名称”的对照,"
            '如 {"客户姓名": "姓名"}。'
        )
    return {k: v or IGNORE for k, v in data.items()}


def save_mapping(path: str | Path, mapping: Mapping[str, str | None]) -> None:
    """Write a mapping file (column headers and field keys only: no customer data)."""
    text = json.dumps(
        {k: v or IGNORE for k, v in mapping.items()}, ensure_ascii=False, indent=2, sort_keys=True
    )
    write_atomic(Path(path), text.encode("utf-8"))


def _mapping_store() -> Path:
    return config_dir() / MAPPING_FILE


def remembered_mapping(category: str) -> dict[str, str]:
    """The mapping last used for ``category`` at this workstation (empty if none or unreadable)."""
    try:
        data = json.loads(_mapping_store().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    found = data.get(category) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v or IGNORE) for k, v in found.items()}


def remember_mapping(category: str, mapping: Mapping[str, str | None]) -> None:
    store = _mapping_store()
    try:
        data = json.loads(store.read_text("utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[category] = {k: v or IGNORE for k, v in mapping.items()}
    store.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(store, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


# --- reading a workbook -------------------------------------------------------------------------


def _blank_cell(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_workbook(
    path: str | Path, *, cancelled: Cancelled | None = None, header_only: bool = False
) -> Sheet:
    """The data sheet (DATA_SHEET if present, else the first) of an .xlsx, as openpyxl reads
    it in read-only mode with ``data_only=True``; see :func:`xlsx_io.read_workbook`."""
    return xlsx_io.read_workbook(
        path, prefer=DATA_SHEET, cancelled=cancelled, header_only=header_only
    )


# --- checking rows ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Prepared:
    """One row ready to be written."""

    row: int
    subtype: str
    content: str
    identity: str | None
    index: dict[str, str]
    completeness: int
    retention: int | None
    remarks: str
    carriers: list[dict[str, str]]
    #: the statistics columns (STATISTICS_KEYS): the content's township, village, credit rating
    stats: tuple[str | None, ...] = (None, None, None)


@dataclass
class _Checked:
    prepared: list[_Prepared] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    #: identity number -> the row it first appears on, for the archive check
    identities: dict[str, int] = field(default_factory=dict)
    cancelled: bool = False


#: field types whose verdict depends only on the value (so it may be remembered)
_CONTEXT_FREE = frozenset(
    {
        "text",
        "multiline",
        "integer",
        "decimal",
        "money",
        "date",
        "choice",
        "multichoice",
        "bool",
        "mobile",
        "phone",
        "postal_code",
        "credit_code",
    }
)
_MEMO_LIMIT = 200_000

# How the quick check (_Checker.quick) takes a column of a file.
_MEMO = 0  # value and verdict depend on the cell alone: remembered per distinct cell
_FRESH = 1  # normalised and judged on every row (multichoice: a list per row)
_CONTEXT = 2  # judged with the rest of the row (resident ID, ID number)
_TIER = 3  # 密级: blank or 普通
_IGNORED = 4  # not a field of the row's sub-type: only the numeric check applies
_SLOWLY = 5  # a computed field: the full check
#: cells remembered per column before its memo starts afresh (bounds the memory)
_COLUMN_MEMO = 50_000


#: what the memo of a _MEMO column holds for a blank value, and for a value with a problem
_BLANK = tv.BLANK
_BAD = tv.BAD
_MISSING = object()


@dataclass
class _Quick:
    """How the quick check reads a file's rows of one sub-type (built once per import)."""

    #: cells per row (shorter rows are padded with None)
    width: int
    #: _MEMO columns: (cell index, field key, the sub-type's field, the field a number in
    #: the cell is a problem for (None: never), memo: cell -> (value, its piece of the
    #: content's JSON or None), _BLANK or _BAD; the field's :func:`tv.judge`, the JSON
    #: of the key and colon (None: not part of the content))
    memo: list[
        tuple[
            int,
            str,
            FieldDef,
            FieldDef | None,
            dict[Any, Any],
            Callable[[object], object],
            str | None,
        ]
    ]
    #: the other columns: (cell index, field key, the sub-type's field or None, numeric field,
    #: mode, the JSON of the key and colon or None)
    others: list[tuple[int, str, FieldDef | None, FieldDef | None, int, str | None]]
    #: (cell index, carrier column key, its field, memo) of the flat carrier columns
    carriers: list[tuple[int, str, FieldDef, dict[Any, Any]]]
    #: required fields whose column the file has (a blank one is a problem)
    required: list[str]
    #: the fields judged with the rest of the row, in form order
    context: list[FieldDef]


class _Checker:
    """The template's validators applied to rows of one category, fast.

    Every value is normalised once and checked with
    :func:`app.template.validation.validate_field`; verdicts on values that
    depend on nothing else (a choice, an amount, a township) are remembered,
    because a list repeats them on every row.

    The rows of a file first go through :meth:`quick`, which gives the row's
    :class:`_Prepared` only when :meth:`check` would find nothing wrong: the
    same functions on the same values, with each distinct cell of a column
    normalised and judged once, and without the per-row bookkeeping that
    wording problems needs. Any doubt (a problem, a number in a text column,
    an unexpected field) leaves the row to :meth:`check`, which words every
    problem; so the problems of a file are found by :meth:`check` alone.
    """

    def __init__(self, template: Template, category: str) -> None:
        self.template = template
        self.category = category
        cat = template.category(category)
        self.subtypes = {s.key: s for s in cat.subtypes}
        self.subtype_by_name: dict[str, str] = {}
        for sub in cat.subtypes:
            self.subtype_by_name[_fold(sub.key)] = sub.key
            self.subtype_by_name[_fold(sub.label)] = sub.key
        self.items: dict[str, list[Item]] = {
            key: list(template.items_for(category, key)) for key in self.subtypes
        }
        self.fields: dict[str, list[FieldDef]] = {
            key: [i for i in items if isinstance(i, FieldDef)] for key, items in self.items.items()
        }
        self.groups: dict[str, dict[str, GroupDef]] = {
            key: {i.key: i for i in items if isinstance(i, GroupDef)}
            for key, items in self.items.items()
        }
        carrier = next(
            (g for groups in self.groups.values() for k, g in groups.items() if k == CARRIER_GROUP),
            None,
        )
        self.carrier_columns: dict[str, FieldDef] = (
            {c.key: c for c in carrier.columns} if carrier is not None else {}
        )
        #: per sub-type: required fields (not computed) and required tables, for completeness
        self.required_fields: dict[str, list[str]] = {
            key: [f.key for f in fs if f.required and not f.computed]
            for key, fs in self.fields.items()
        }
        self.required_groups: dict[str, list[str]] = {
            key: [g.key for g in gs.values() if g.required] for key, gs in self.groups.items()
        }
        self.computes: dict[str, bool] = {
            key: any(f.computed for f in fs) for key, fs in self.fields.items()
        }
        #: per sub-type: (field key, index kind) of the fields the catalogue and search index
        self.indexed: dict[str, list[tuple[str, str]]] = {
            key: [(f.key, f.index_as) for f in fs if f.index_as] for key, fs in self.fields.items()
        }
        #: per sub-type: the keys of each index kind (name, identity, phone, address), in order
        self.index_keys: dict[str, tuple[list[str], ...]] = {
            sub: tuple(
                [key for key, index_as in pairs if index_as == kind]
                for kind in ("name", "identity", "phone", "address")
            )
            for sub, pairs in self.indexed.items()
        }
        self._memo: dict[tuple[Any, ...], str | None] = {}
        self._normal: dict[tuple[Any, ...], Any] = {}
        self._subtype_of: dict[Any, str | None] = {}
        self._codes: dict[tuple[Any, ...], str | None] = {}
        self._item_memos: dict[FieldDef, dict[Any, Any]] = {}
        self._judges: dict[FieldDef, Callable[[object], object]] = {}
        #: (computed key, id of its value) -> (the value, its piece of the content's JSON)
        self._computed_pieces: dict[tuple[str, int], tuple[object, str]] = {}
        self._carrier_memos: dict[FieldDef, dict[Any, Any]] = {}
        #: per sub-type: the computed fields' keys (set on the record by _prepared)
        self.computed_keys: dict[str, list[str]] = {
            key: [f.key for f in fs if f.computed] for key, fs in self.fields.items()
        }

    def normalize(self, item: FieldDef, raw: object) -> Any:
        """:func:`tv.normalize`, remembered for values that repeat (a township, a choice)."""
        if item.type == "multichoice" or isinstance(raw, list | dict):
            return tv.normalize(item, raw)
        key = (item.key, item.type, type(raw), raw)
        try:
            return self._normal[key]
        except KeyError:
            pass
        except TypeError:
            return tv.normalize(item, raw)
        value = tv.normalize(item, raw)
        if len(self._normal) >= _MEMO_LIMIT:
            self._normal.clear()
        self._normal[key] = value
        return value

    def subtype_of(self, raw: object) -> str | None:
        if _blank_cell(raw):
            return None
        try:
            return self._subtype_of[raw]
        except KeyError:
            pass
        except TypeError:
            return self.subtype_by_name.get(_fold(raw))
        found = self._subtype_of[raw] = self.subtype_by_name.get(_fold(raw))
        return found

    def subtype_names(self) -> str:
        return "、".join(s.label for s in self.subtypes.values())

    def _verdict(self, item: FieldDef, value: Any, record: Mapping[str, Any]) -> str | None:
        if item.type not in _CONTEXT_FREE:
            return tv.validate_field(item, value, record)
        memo_key = (
            item.key,
            item.label,
            type(value),
            tuple(value) if isinstance(value, list) else value,
        )
        try:
            return self._memo[memo_key]
        except KeyError:
            pass
        except TypeError:
            return tv.validate_field(item, value, record)
        verdict = tv.validate_field(item, value, record)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[memo_key] = verdict
        return verdict

    def quick_columns(
        self,
        subtype: str,
        width: int,
        data_columns: Sequence[tuple[int, str]],
        carrier_columns: Sequence[tuple[int, str]],
        field_of: Mapping[str, FieldDef],
        present: set[str],
    ) -> _Quick:
        """How :meth:`quick` reads the file's columns for rows of ``subtype``."""
        own = {item.key: item for item in self.fields[subtype]}
        memo_columns = []
        others = []
        for index, key in data_columns:
            item = own.get(key)
            numeric = field_of.get(key)
            if numeric is not None and numeric.type not in _ID_TYPES | _TEXT_TYPES:
                numeric = None  # _numeric_problem finds nothing for other types
            if item is None:
                mode = _IGNORED
            elif item.computed:
                mode = _SLOWLY
            elif key == "tier":
                mode = _TIER
            elif item.type not in _CONTEXT_FREE:
                mode = _CONTEXT
            elif item.type == "multichoice":
                mode = _FRESH
            else:
                mode = _MEMO
            head = None if key in _NOT_CONTENT else _key_json(key)
            if mode == _MEMO:
                assert item is not None
                memo = self._item_memos.setdefault(item, {})
                judge = self._judges.get(item)
                if judge is None:
                    judge = self._judges[item] = tv.judge(item)
                memo_columns.append((index, key, item, numeric, memo, judge, head))
            elif mode != _IGNORED or numeric is not None:
                others.append((index, key, item, numeric, mode, head))
        carriers = [
            (index, key, column, self._carrier_memos.setdefault(column, {}))
            for index, key in carrier_columns
            if (column := self.carrier_columns.get(key)) is not None
        ]
        present_keys = {key for _, key in data_columns} & present
        required = [
            f.key
            for f in self.fields[subtype]
            if f.required and not f.computed and f.key != "tier" and f.key in present_keys
        ]
        context = [
            item
            for item in self.fields[subtype]
            if item.key in present_keys
            and item.type not in _CONTEXT_FREE
            and not item.computed
            and item.key != "tier"
        ]
        return _Quick(width, memo_columns, others, carriers, required, context)

    def quick(
        self, subtype: str, rows: Sequence[tuple[int, Sequence[Any]]], quick: _Quick
    ) -> list[_Prepared | None]:
        """Each row's :class:`_Prepared` when :meth:`check` would find no problem in it; None
        when it might (the caller then runs :meth:`check`, which words the problems).

        Column by column: the distinct cells of a column are judged once (a village, a
        gender, a rating repeat on row after row), then each row is assembled from the
        verdicts of its cells."""
        width = quick.width
        cells_of = [
            values if len(values) >= width else (*values, *([None] * (width - len(values))))
            for _, values in rows
        ]
        count = len(cells_of)
        doubtful = bytearray(count)  # 1: the row is left to check()
        keys: list[str] = []
        columns: list[list[Any]] = []
        content_columns = 0
        for index, key, _item, numeric, memo, judge, head in quick.memo:
            cells = [values[index] for values in cells_of]
            if _SCALARS.issuperset(map(type, cells)):
                # text, dates and blanks only: the distinct cells are judged (a number may
                # equal one of another type, 1 == 1.0 == True: those go cell by cell below)
                table: dict[Any, Any] = {None: None}
                bad = False
                for raw in set(cells):
                    if raw is None:
                        continue
                    cell = raw if raw.__class__ is str else (raw.__class__, raw)
                    got = memo.get(cell, _MISSING)
                    if got is _MISSING:
                        got = _judged(judge, head, raw)
                        if len(memo) >= _COLUMN_MEMO:
                            memo.clear()
                        memo[cell] = got
                    if got is _BLANK:
                        got = None
                    elif got is _BAD:
                        bad = True
                    table[raw] = got
                verdicts = list(map(table.__getitem__, cells))
                if bad:
                    for position, got in enumerate(verdicts):
                        if got is _BAD:
                            doubtful[position] = 1
                            verdicts[position] = None
            else:
                verdicts = []
                append = verdicts.append
                for position, raw in enumerate(cells):
                    if raw is None:
                        append(None)
                        continue
                    kind = raw.__class__
                    if kind is str:
                        cell = raw
                    else:
                        if numeric is not None and _numeric_problem(numeric, raw):
                            doubtful[position] = 1
                            append(None)
                            continue
                        cell = (kind, repr(raw)) if kind is float else (kind, raw)
                    got = memo.get(cell, _MISSING)
                    if got is _MISSING:
                        got = _judged(judge, head, raw)
                        if len(memo) >= _COLUMN_MEMO:
                            memo.clear()
                        memo[cell] = got
                    if got is _BLANK:
                        got = None
                    elif got is _BAD:
                        doubtful[position] = 1
                        got = None
                    append(got)
            if head is None:
                keys.append(key)
                columns.append(verdicts)
            else:
                # the columns that are part of the content first (their pieces are taken)
                keys.insert(content_columns, key)
                columns.insert(content_columns, verdicts)
                content_columns += 1
        content_keys = keys[:content_columns]
        others = quick.others
        required = quick.required
        context = quick.context
        carriers = quick.carriers
        prepared = self._prepared
        results: list[_Prepared | None] = [None] * count
        by_row = zip(*columns, strict=True) if columns else ((),) * count
        for position, verdicts, (row, _), values in zip(
            range(count), by_row, rows, cells_of, strict=True
        ):
            if doubtful[position]:
                continue
            record = {k: got[0] for k, got in zip(keys, verdicts, strict=True) if got is not None}
            #: field key -> its piece of the content's JSON ('"key":value')
            pieces = {
                k: got[1] for k, got in zip(content_keys, verdicts, strict=False) if got is not None
            }
            if others and not self._quick_others(values, others, record, pieces):
                continue
            if any(key not in record for key in required):
                continue
            if any(
                (value := record.get(item.key)) is not None
                and tv.validate_field(item, value, record)
                for item in context
            ):
                continue
            if carriers and not self._quick_carrier(values, carriers, record):
                continue
            results[position] = prepared(row, subtype, record, pieces)
        return results

    def _quick_others(
        self,
        values: Sequence[Any],
        others: list[tuple[int, str, FieldDef | None, FieldDef | None, int, str | None]],
        record: dict[str, Any],
        pieces: dict[str, str],
    ) -> bool:
        """The row's columns judged with the rest of the row (False: leave it to check)."""
        for index, key, item, numeric, mode, head in others:
            raw = values[index]
            if raw is None:
                continue
            if numeric is not None and _numeric_problem(numeric, raw):
                return False
            if mode == _IGNORED:
                continue
            assert item is not None
            if mode in (_CONTEXT, _FRESH):
                value = self.normalize(item, raw)
                if _blank_value(value):
                    continue
                if mode == _FRESH and self._verdict(item, value, record):
                    return False
                record[key] = value
                if head is not None:
                    pieces[key] = head + _value_json(value)
            elif mode == _TIER:
                if self.normalize(item, raw) not in (None, "普通"):
                    return False
            else:
                return False
        return True

    def _quick_carrier(
        self,
        values: Sequence[Any],
        carriers: list[tuple[int, str, FieldDef, dict[Any, Any]]],
        record: dict[str, Any],
    ) -> bool:
        """The row's carrier from the flat carrier columns (False: leave it to check)."""
        carrier: dict[str, Any] = {}
        for index, key, column, memo in carriers:
            raw = values[index]
            if raw is None:
                continue
            kind = type(raw)
            if kind is not str and _numeric_problem(column, raw):
                return False
            if _blank_cell(raw):
                continue
            cell = raw if kind is str else (kind, repr(raw))
            judged = memo.get(cell)
            if judged is None:
                value = tv.normalize(column, raw)
                judged = (value, tv.validate_field(column, value, None))
                if len(memo) >= _COLUMN_MEMO:
                    memo.clear()
                memo[cell] = judged
            if judged[1]:
                return False
            carrier[key] = judged[0]
        if carrier:
            if "kind" not in carrier and "kind" in self.carrier_columns:
                return False
            record[CARRIER_GROUP] = [carrier]
        return True

    def check(
        self,
        row: int,
        subtype: str,
        data: Mapping[str, Any],
        carrier_cells: Mapping[str, Any] | None,
        present: set[str] | None,
        problems: list[tuple[str, str]],
    ) -> _Prepared | None:
        """Normalise, validate and compute one record; problems are (column key, message).

        ``present``: the keys whose columns the file has (a required item whose
        column is absent is reported once for the file, not on every row);
        None for records that do not come from a file (everything is expected).
        ``carrier_cells``: one carrier from the file's flat columns (kind, cabinet ...).
        """
        start = len(problems)
        record: dict[str, Any] = {}
        fields = self.fields[subtype]
        for item in fields:
            raw = data.get(item.key)
            if raw is not None:
                record[item.key] = self.normalize(item, raw)
        tier = record.pop("tier", None)
        if tier not in (None, "普通"):
            problems.append(
                (
                    "tier",
                    "导入只能建立“普通”密级的档案;“机密”“绝密”档案的内容须存入保密库,"
                    "请由保密专管员到场后逐份建立",
                )
            )
        for item in fields:
            if item.computed or item.key == "tier":
                continue
            value = record.get(item.key)
            if _blank_value(value):
                if item.required and (present is None or item.key in present):
                    problems.append((item.key, f"“{item.label}”为必填项,请填写"))
                record.pop(item.key, None)
                continue
            message = self._verdict(item, value, record)
            if message:
                problems.append((item.key, message))
        if carrier_cells:
            carrier = self._flat_carrier(carrier_cells, problems)
            if carrier:
                record[CARRIER_GROUP] = [carrier]
        self._tables(subtype, data, record, problems)
        if len(problems) > start:
            return None
        return self._prepared(row, subtype, record)

    def _flat_carrier(
        self, cells: Mapping[str, Any], problems: list[tuple[str, str]]
    ) -> dict[str, Any]:
        carrier: dict[str, Any] = {}
        for key, raw in cells.items():
            column = self.carrier_columns.get(key)
            if column is not None and not _blank_cell(raw):
                carrier[key] = self.normalize(column, raw)
        for key, value in carrier.items():
            message = self._verdict(self.carrier_columns[key], value, carrier)
            if message:
                problems.append((f"{CARRIER_GROUP}.{key}", message))
        kind = self.carrier_columns.get("kind")
        if carrier and kind is not None and "kind" not in carrier:
            problems.append(
                (f"{CARRIER_GROUP}.kind", f"填写了存放位置,请同时填写“{_carrier_label(kind)}”")
            )
        return carrier

    def _tables(
        self,
        subtype: str,
        data: Mapping[str, Any],
        record: dict[str, Any],
        problems: list[tuple[str, str]],
    ) -> None:
        """Whole repeatable tables given with a record (household members, assets ...)."""
        groups = self.groups[subtype]
        tables = {k: data[k] for k in groups if data.get(k) and k not in record}
        if not tables:
            return
        normalised = tv.normalize_record(self.template, self.category, subtype, tables)
        empty = {
            item.key
            for item in tv.missing_required(self.template, self.category, subtype, normalised)
        }
        for problem in tv.validate_record(self.template, self.category, subtype, normalised):
            if problem.key not in tables:
                continue
            if problem.row is None and problem.key in empty:
                continue  # a required table left empty: the archive stays a draft
            problems.append((problem.key, problem.message))
        for key in tables:
            record[key] = normalised[key]

    def _prepared(
        self,
        row: int,
        subtype: str,
        record: dict[str, Any],
        pieces: dict[str, str] | None = None,
    ) -> _Prepared:
        """The row ready to be written. ``pieces``: the JSON of the record's content values
        (key -> '"key":value'), as the quick check builds them on the way (a cell's piece is
        remembered with its value); the computed totals are added here."""
        carriers: list[dict[str, str]] = []
        kind_field = self.carrier_columns.get("kind")
        for carrier in record.get(CARRIER_GROUP) or []:
            if not isinstance(carrier, Mapping) or kind_field is None:
                continue
            kind = self._option_code(kind_field, carrier.get("kind"))
            if kind not in CARRIER_KINDS:
                continue
            carriers.append(
                {
                    "kind": kind,
                    "cabinet": str(carrier.get("cabinet") or "").strip(),
                    "box": str(carrier.get("box") or "").strip(),
                    "folder": str(carrier.get("folder") or "").strip(),
                    "note": str(carrier.get("note") or "").strip(),
                }
            )
        record["tier"] = "普通"
        if self.computes[subtype]:
            record = tv.compute_totals(self.template, self.category, subtype, record)
        complete = self._completeness(subtype, record)
        identity = tv.identity_of(self.category, record)
        index = self._index(subtype, record, identity)
        retention = record.get("retention_years")
        if pieces is not None:
            computed = self._computed_pieces
            for key in self.computed_keys[subtype]:
                value = record.get(key)
                if value is not None:
                    # the totals of rows without tables are the same objects every time
                    known = computed.get((key, id(value)))
                    if known is None or known[0] is not value:
                        if len(computed) >= _COLUMN_MEMO:
                            computed.clear()
                        known = computed[(key, id(value))] = (
                            value,
                            _key_json(key) + _value_json(value),
                        )
                    pieces[key] = known[1]
            # what tv.to_json writes of the content: the keys in order, each piece as it writes it
            text = "{" + ",".join([pieces[key] for key in sorted(pieces)]) + "}"
        else:
            # Decimals and dates as tv.to_json writes them, without its encoder's callback
            content = {
                key: format(value, "f")
                if value.__class__ is Decimal
                else value.isoformat()
                if value.__class__ in _DATES
                else value
                for key, value in record.items()
                if value is not None and key not in _NOT_CONTENT
            }
            text = tv.to_json(content)
        stats = tuple(record.get(key) for _, key in STATISTICS_KEYS)
        if any(value is not None and value.__class__ is not str for value in stats):
            stats = statistics_values(json.loads(text))
        return _Prepared(
            row=row,
            subtype=subtype,
            content=text,
            identity=identity or None,
            index=index,
            completeness=int(complete),
            retention=retention if isinstance(retention, int) else None,
            remarks=str(record.get("retrieval_remarks") or "").strip(),
            carriers=carriers,
            stats=stats,
        )

    def _option_code(self, item: FieldDef, value: object) -> str | None:
        """:func:`tv.option_code`, remembered (a carrier kind is one of three)."""
        key = (id(item), type(value), value)
        try:
            return self._codes[key]
        except KeyError:
            pass
        except TypeError:
            return tv.option_code(item, value)
        code = self._codes[key] = tv.option_code(item, value)
        return code

    def _index(
        self, subtype: str, record: Mapping[str, Any], identity: str | None
    ) -> dict[str, str]:
        """As :func:`tv.index_values` (a test holds them equal), from the values already
        normalised here instead of walking the whole template again for every row;
        ``identity`` is :func:`tv.identity_of` of the record."""
        result: dict[str, str] = {}
        names, identities, phones, addresses = self.index_keys[subtype]
        for key in names:
            value = record.get(key)
            if value is not None:
                result["name"] = _as_text(value)
                break
        for key in identities:
            value = record.get(key)
            if value is not None:
                result["identity"] = identity or _as_text(value)
                break
        for kind, keys in (("phone", phones), ("address", addresses)):
            texts = [_as_text(value) for key in keys if (value := record.get(key)) is not None]
            if texts:
                result[kind] = " ".join(texts)
        return result

    def _completeness(self, subtype: str, record: Mapping[str, Any]) -> int:
        """As :func:`tv.completeness`: the share of required items filled (values here are
        already normalised, blanks removed; tables are judged by the template's own rule)."""
        fields = self.required_fields[subtype]
        groups = self.required_groups[subtype]
        total = len(fields) + len(groups)
        if not total:
            return 100
        # a field is in the record only with a value that is not blank (check and quick
        # leave blanks out); tier and the computed totals are not among these fields
        missing = len(fields) - sum(map(record.__contains__, fields))
        for key in groups:
            if not self._table_filled(self.groups[subtype][key], record.get(key)):
                missing += 1
        return (total - missing) * 100 // total

    @staticmethod
    def _table_filled(group: GroupDef, rows: object) -> bool:
        """The template's rule (tv.missing_required): at least max(1, min_rows) rows with
        something in a cell other than a preset kind. Rows here are already normalised."""
        if not isinstance(rows, list):
            return False
        columns = group.columns[1:] if group.preset_rows else group.columns
        filled = sum(
            1
            for row in rows
            if isinstance(row, Mapping) and any(not _blank_value(row.get(c.key)) for c in columns)
        )
        return filled >= max(1, group.min_rows)


#: a text as tv.to_json writes it (its encoder, ensure_ascii=False, calls this for any str)
_json_text = json.encoder.encode_basestring
#: record keys that are not part of the stored content (own columns, the carriers table)
_NOT_CONTENT = frozenset({*COLUMN_FIELDS, CARRIER_GROUP})
_DATES = (date, datetime)


#: the cell types whose distinct values the quick check judges once per batch (no value of
#: one equals a value of another; numbers, which may, are judged cell by cell)
_SCALARS = frozenset({str, type(None), datetime, date})


def _judged(judge: Callable[[object], object], head: str | None, raw: object) -> object:
    """A cell's verdict as the quick check remembers it: _BLANK, _BAD or (value, its piece
    of the content's JSON or None)."""
    got = judge(raw)
    if got is _BLANK or got is _BAD:
        return got
    return (got, None if head is None else head + _value_json(got))


def _key_json(key: str) -> str:
    """A content key as tv.to_json writes it, with its colon."""
    return tv.to_json(key) + ":"


def _value_json(value: object) -> str:
    """A content value as tv.to_json writes it inside the record (Decimals and dates as text)."""
    if value.__class__ is str:
        return _json_text(value)
    if value.__class__ is Decimal:
        value = format(value, "f")  # type: ignore[arg-type]
    elif value.__class__ in _DATES:
        value = value.isoformat()  # type: ignore[attr-defined]
    return tv.to_json(value)  # type: ignore[arg-type]


def _as_text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _blank_value(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _numeric_problem(item: FieldDef, value: object) -> str | None:
    """A number where a code belongs: Excel has already changed it, so it is never imported."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    label = item.label
    fix = (
        "请把该列设为“文本”格式后按证件重新录入号码(或在号码前加英文单引号 '),"
        "不要从数字格式的单元格复制"
    )
    if item.type in _ID_TYPES:
        if isinstance(value, float) and not value.is_integer():
            return f"“{label}”在 Excel 中被存成了数字(科学计数法),号码已失真;{fix}"
        digits = len(str(abs(int(value))))
        if isinstance(value, float) or digits > _EXCEL_DIGITS:
            return (
                f"“{label}”在 Excel 中被存成了数字:Excel 只保留 {_EXCEL_DIGITS} 位有效数字,"
                f"超出的位已变成 0 或以科学计数法显示,号码已失真;{fix}"
            )
        return f"“{label}”在 Excel 中被存成了数字,开头的 0 和末位的 X 会丢失,无法确认号码完整;{fix}"
    if item.type in _TEXT_TYPES:
        if isinstance(value, float) and (not value.is_integer() or abs(value) >= 10**_EXCEL_DIGITS):
            return f"“{label}”在 Excel 中被存成了数字(科学计数法),数字已失真;{fix}"
        if isinstance(value, int) and len(str(abs(value))) > _EXCEL_DIGITS:
            return f"“{label}”在 Excel 中被存成了数字,超过 {_EXCEL_DIGITS} 位的部分已失真;{fix}"
    return None


@dataclass
class _Plan:
    """How the columns of a sheet are read."""

    #: (column index, header, key) of every column read
    columns: list[tuple[int, str, str]]
    ignored: list[str]
    problems: list[ImportProblem]
    header_of: dict[str, str]
    subtype_index: int | None


def _plan(
    template: Template,
    category: str,
    sheet: Sheet,
    mapping: Mapping[str, str | None] | None,
    default_subtype: str | None,
) -> _Plan:
    labels = _key_labels(template, category)
    index = _label_index(template, category)
    given = {_fold(k): v for k, v in (mapping or {}).items()}
    problems: list[ImportProblem] = []
    for header, value in (mapping or {}).items():
        if value and _fold(value) not in index:
            problems.append(
                ImportProblem(
                    None,
                    header,
                    f"映射中指定的字段“{value}”不在分类模板的{template.category(category).label}中",
                )
            )
    columns: list[tuple[int, str, str]] = []
    ignored: list[str] = []
    taken: dict[str, str] = {}
    for i, header in enumerate(sheet.headers):
        if not header:
            if any(i < len(v) and not _blank_cell(v[i]) for _, v in sheet.rows):
                ignored.append(f"第 {get_column_letter(i + 1)} 列(无标题)")
            continue
        folded = _fold(header)
        if folded in given:
            value = given[folded]
            key = index.get(_fold(value)) if value else None
        else:
            key = index.get(folded)
        if key is None:
            ignored.append(header)
            continue
        if key in taken:
            problems.append(
                ImportProblem(
                    1,
                    header,
                    f"“{taken[key]}”和“{header}”两列都对应“{labels.get(key, key)}”,"
                    "请删去其中一列或在列对照中改为忽略",
                )
            )
            continue
        taken[key] = header
        columns.append((i, header, key))
    header_of = {key: header for _, header, key in columns}
    subtype_index = next((i for i, _, key in columns if key == SUBTYPE_KEY), None)
    if subtype_index is None and default_subtype is None:
        problems.append(
            ImportProblem(
                1,
                SUBTYPE_HEADER,
                f"缺少“{SUBTYPE_HEADER}”列:请加上此列逐行填写子类,或在导入时选择默认子类",
            )
        )
    return _Plan(columns, ignored, problems, header_of, subtype_index)


def _missing_columns(
    template: Template, category: str, plan: _Plan, subtypes_used: set[str]
) -> list[ImportProblem]:
    problems = []
    for column in import_columns(category, template):
        if column.key == SUBTYPE_KEY or not column.required or column.key in plan.header_of:
            continue
        if column.subtypes and not subtypes_used.intersection(column.subtypes):
            continue
        problems.append(
            ImportProblem(
                1,
                column.label,
                f"缺少必填列“{column.label}”:请在第 1 行加上此列并逐行填写"
                "(列标题须与导入模板一致,或在列对照中指定)",
            )
        )
    return problems


def _check_sheet(
    template: Template,
    category: str,
    sheet: Sheet,
    plan: _Plan,
    default_subtype: str | None,
    checker: _Checker,
    progress: Progress | None,
    cancelled: Cancelled | None,
    total: int,
) -> _Checked:
    result = _Checked()
    labels = _key_labels(template, category)
    present = {key for _, _, key in plan.columns}
    data_columns = [(i, key) for i, _, key in plan.columns if key != SUBTYPE_KEY and "." not in key]
    carrier_columns = [
        (i, key.split(".", 1)[1])
        for i, _, key in plan.columns
        if key.startswith(CARRIER_GROUP + ".")
    ]
    field_of: dict[str, FieldDef] = {}
    for items in checker.fields.values():
        for item in items:
            field_of.setdefault(item.key, item)
    subtypes_used: set[str] = set()
    quicks: dict[str, _Quick] = {}
    subtype_index = plan.subtype_index
    rows = sheet.rows
    done = 0
    for start in range(0, len(rows), _QUICK_BATCH):
        batch = rows[start : start + _QUICK_BATCH]
        # the quick check first, a sub-type's rows of the batch at once; a row it does not
        # pass is checked in full below
        groups: dict[str, list[int]] = {}
        for position, (_, values) in enumerate(batch):
            subtype = default_subtype
            if subtype_index is not None:
                raw = values[subtype_index] if subtype_index < len(values) else None
                if not _blank_cell(raw):
                    subtype = checker.subtype_of(raw)
            if subtype is not None:
                groups.setdefault(subtype, []).append(position)
        passed: list[_Prepared | None] = [None] * len(batch)
        for subtype, positions in groups.items():
            quick = quicks.get(subtype)
            if quick is None:
                quick = quicks[subtype] = checker.quick_columns(
                    subtype, len(sheet.headers), data_columns, carrier_columns, field_of, present
                )
            found = checker.quick(subtype, [batch[p] for p in positions], quick)
            for position, prepared in zip(positions, found, strict=True):
                passed[position] = prepared
        for (row, values), prepared in zip(batch, passed, strict=True):
            done += 1
            if cancelled is not None and cancelled():
                result.cancelled = True
                return result
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(done, total)
            if prepared is not None:
                subtypes_used.add(prepared.subtype)
                if _note_identity(result, prepared, plan.header_of, labels):
                    result.prepared.append(prepared)
                continue
            _check_row(
                row,
                values,
                plan,
                default_subtype,
                checker,
                data_columns,
                carrier_columns,
                field_of,
                present,
                labels,
                subtypes_used,
                result,
            )
    result.problems[:0] = _missing_columns(template, category, plan, subtypes_used)
    return result


def _check_row(
    row: int,
    values: Sequence[Any],
    plan: _Plan,
    default_subtype: str | None,
    checker: _Checker,
    data_columns: list[tuple[int, str]],
    carrier_columns: list[tuple[int, str]],
    field_of: Mapping[str, FieldDef],
    present: set[str],
    labels: Mapping[str, str],
    subtypes_used: set[str],
    result: _Checked,
) -> None:
    """The full check of one row, wording every problem."""
    width = len(values)
    row_problems: list[tuple[str, str]] = []
    subtype = default_subtype
    if plan.subtype_index is not None:
        raw = values[plan.subtype_index] if plan.subtype_index < width else None
        if not _blank_cell(raw):
            subtype = checker.subtype_of(raw)
            if subtype is None:
                row_problems.append(
                    (SUBTYPE_KEY, f"“{SUBTYPE_HEADER}”只能是:{checker.subtype_names()}")
                )
        elif default_subtype is None:
            row_problems.append((SUBTYPE_KEY, f"请填写“{SUBTYPE_HEADER}”"))
    data: dict[str, Any] = {}
    for i, key in data_columns:
        value = values[i] if i < width else None
        if value is None:
            continue
        item = field_of.get(key)
        if item is not None:
            numeric = _numeric_problem(item, value)
            if numeric:
                row_problems.append((key, numeric))
                continue
        data[key] = value
    carrier_cells = {key: values[i] if i < width else None for i, key in carrier_columns}
    for key, raw in carrier_cells.items():
        column = checker.carrier_columns.get(key)
        if column is not None and raw is not None:
            numeric = _numeric_problem(column, raw)
            if numeric:
                row_problems.append((f"{CARRIER_GROUP}.{key}", numeric))
                carrier_cells[key] = None
    prepared = None
    if subtype is not None:
        subtypes_used.add(subtype)
        flagged = {key for key, _ in row_problems}
        row_present = present - flagged
        prepared = checker.check(row, subtype, data, carrier_cells, row_present, row_problems)
    for key, message in row_problems:
        result.problems.append(
            ImportProblem(row, plan.header_of.get(key) or labels.get(key, key), message)
        )
    if (
        prepared is not None
        and not row_problems
        and _note_identity(result, prepared, plan.header_of, labels)
    ):
        result.prepared.append(prepared)


def _note_identity(
    result: _Checked, prepared: _Prepared, header_of: Mapping[str, str], labels: Mapping[str, str]
) -> bool:
    """Remember the row's identity number; a second row with it is a problem (False)."""
    identity = prepared.identity
    if not identity:
        return True
    first = result.identities.get(identity)
    if first is None:
        result.identities[identity] = prepared.row
        return True
    key = _identity_column(labels)
    label = labels.get(key, "证件号码")
    result.problems.append(
        ImportProblem(
            prepared.row,
            header_of.get(key) or label,
            f"与第 {first} 行的“{label}”相同:同一客户只能建一份档案,请删去重复的行",
        )
    )
    return False


def _identity_column(labels: Mapping[str, str]) -> str:
    for key in ("id_number", "credit_code"):
        if key in labels:
            return key
    return "id_number"


def _archive_duplicates(
    session: Any, checked: _Checked, header_of: Mapping[str, str], labels: Mapping[str, str]
) -> list[ImportProblem]:
    """Identity numbers that already have an archive (read in chunks: no query per row)."""
    identities = list(checked.identities)
    key = _identity_column(labels)
    label = labels.get(key, "证件号码")
    header = header_of.get(key) or label
    problems = []
    for start in range(0, len(identities), _DUPLICATE_QUERY_CHUNK):
        chunk = identities[start : start + _DUPLICATE_QUERY_CHUNK]
        rows = session.execute(
            sa.select(Customer.identity_no, Customer.archive_no).where(
                Customer.identity_no.in_(chunk)
            )
        ).all()
        for identity, archive_no in rows:
            row = checked.identities[identity]
            problems.append(
                ImportProblem(
                    row,
                    header,
                    f"此“{label}”已建有客户档案,档案编号 {archive_no}:同一客户不能重复建档,"
                    "请删去此行,或在目录中按档案编号查找该档案",
                )
            )
    problems.sort(key=lambda p: p.row or 0)
    return problems


# --- writing ----------------------------------------------------------------------------------


class _Cancelled(Exception):
    pass


#: the columns of customers that differ from row to row of an import, as _write gives them
_CUSTOMER_COLUMNS = (
    "archive_no",
    "subtype",
    "status",
    "name_masked",
    "retrieval_remarks",
    "retention_years",
    "completeness",
    "name",
    "identity_no",
    "phone",
    "address",
    "content",
    *(column for column, _ in STATISTICS_KEYS),
)
_CARRIER_COLUMNS = ("customer_id", "kind", "cabinet", "box", "folder", "note")


class _BulkInsert:
    """An INSERT of many rows into a table: the columns that differ per row as tuples,
    the others (constants, and the defaults SQLAlchemy adds for columns left out) once.

    The statement is compiled by SQLAlchemy for the connection's dialect and run as one
    executemany through the driver, without SQLAlchemy's handling of every row's parameters
    (for thousands of rows a large part of the work). Constants go through their column
    type's conversion once. Where values would need SQLAlchemy's handling on every row
    (a named paramstyle, a converting type on a per-row column, a computed default), the
    rows go through SQLAlchemy's own executemany instead.
    """

    def __init__(
        self,
        conn: sa.Connection,
        table: sa.Table,
        columns: tuple[str, ...],
        constants: Mapping[str, Any],
    ) -> None:
        self.conn = conn
        self.table = table
        self.columns = columns
        self.constants = dict(constants)
        self.sql: str | None = None
        dialect = conn.dialect
        fixed = dict(constants)
        for column in table.columns:
            if column.key in columns or column.key in fixed or column.default is None:
                continue
            if not column.default.is_scalar:
                return
            fixed[column.key] = column.default.arg  # type: ignore[attr-defined]
        if not dialect.positional:
            return
        stored = []
        for key, value in fixed.items():
            processor = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
            stored.append(
                processor(value) if processor is not None and value is not None else value
            )
        for key in columns:
            if table.c[key].type.dialect_impl(dialect).bind_processor(dialect) is not None:
                return
        names = (*columns, *fixed)
        compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(names))
        order = tuple(compiled.positiontup or ())
        if sorted(order) != sorted(names):
            return
        self.sql = str(compiled)
        self.tail = tuple(stored)
        positions = [names.index(name) for name in order]
        self.arrange = itemgetter(*positions) if len(positions) > 1 else None

    def execute(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.sql is None or self.arrange is None:
            self.conn.execute(
                sa.insert(self.table),
                [{**dict(zip(self.columns, row, strict=True)), **self.constants} for row in rows],
            )
            return
        arrange, tail = self.arrange, self.tail
        self.conn.exec_driver_sql(self.sql, [arrange(row + tail) for row in rows])


def _ids(conn: sa.Connection, archive_numbers: Sequence[str], after: int | None) -> dict[str, int]:
    """archive number -> id of customers just written: read as the rows above ``after``
    (the largest id before they were written, in this transaction), or by their numbers
    where that does not give all of them."""
    c = Customer.__table__.c
    found: dict[str, int] = {}
    if after is not None:
        rows = conn.execute(sa.select(c.archive_no, c.id).where(c.id > after))
        found.update((archive_no, cid) for archive_no, cid in rows)
        if all(number in found for number in archive_numbers):
            return found
    for start in range(0, len(archive_numbers), _DUPLICATE_QUERY_CHUNK):
        chunk = archive_numbers[start : start + _DUPLICATE_QUERY_CHUNK]
        stmt = sa.select(c.archive_no, c.id).where(c.archive_no.in_(chunk))
        found.update((archive_no, cid) for archive_no, cid in conn.execute(stmt))
    return found


def _write(
    archive: Archive,
    live: Actor,
    template: Template,
    category: str,
    checked: _Checked,
    *,
    source: str,
    file_complete: bool,
    header_of: Mapping[str, str],
    labels: Mapping[str, str],
    progress: Progress | None,
    cancelled: Cancelled | None,
    done_before: int,
    total: int,
) -> tuple[list[ImportProblem], list[str], int]:
    """Everything in one transaction; returns (archive duplicates, archive numbers, filed)."""
    rows = checked.prepared
    with archive.unit_of_work() as uow:
        duplicates = _archive_duplicates(uow.session, checked, header_of, labels)
        if duplicates:
            return duplicates, [], 0
        numbers = customers.new_archive_numbers(
            uow, template, category, archive.header.branch_code, len(rows)
        )
        now = utcnow()
        filed = 0
        events: list[tuple[str, str, str, dict[str, object]]] = [
            (
                "customer.import",
                "catalogue",
                category,
                {
                    "count": len(rows),
                    "category": category,
                    "first": numbers[0] if numbers else "",
                    "last": numbers[-1] if numbers else "",
                    "source": source,
                },
            )
        ]
        summary = events[0][3]
        conn = uow.session.connection()
        insert_customers = _BulkInsert(
            conn,
            Customer.__table__,
            _CUSTOMER_COLUMNS,
            {
                "category": category,
                "tier": "ordinary",
                "manager_id": live.user_id,
                "template_version": template.version,
                "created_at": now,
                "updated_at": now,
                "created_by": live.user_id,
            },
        )
        insert_carriers = _BulkInsert(conn, Carrier.__table__, _CARRIER_COLUMNS, {})
        masked: dict[str, str] = {}
        done = done_before
        for start in range(0, len(rows), _CHUNK):
            batch = rows[start : start + _CHUNK]
            values = []
            for offset, row in enumerate(batch):
                if cancelled is not None and cancelled():
                    raise _Cancelled()
                archive_no = numbers[start + offset]
                status = "filed" if file_complete and row.completeness >= 100 else "draft"
                filed += status == "filed"
                index = row.index
                name = index.get("name")
                if name:
                    mask = masked.get(name)
                    if mask is None:
                        mask = masked[name] = tv.mask_name(name)
                else:
                    mask = ""
                values.append(
                    (
                        archive_no,
                        row.subtype,
                        status,
                        mask,
                        row.remarks,
                        row.retention,
                        row.completeness,
                        name,
                        row.identity,
                        index.get("phone") or None,
                        index.get("address") or None,
                        row.content,
                        *row.stats,
                    )
                )
                events.append(
                    (
                        "customer.create",
                        "customer",
                        archive_no,
                        {
                            "archive_no": archive_no,
                            "category": category,
                            "subtype": row.subtype,
                            "tier": "ordinary",
                            "completeness": row.completeness,
                            "status": status,
                            "source": source,
                        },
                    )
                )
            last = conn.execute(sa.select(sa.func.max(Customer.__table__.c.id))).scalar()
            insert_customers.execute(values)
            returned = _ids(conn, [value[0] for value in values], last or 0)
            ids = [returned[value[0]] for value in values]
            insert_carriers.execute(
                [
                    (cid, c["kind"], c["cabinet"], c["box"], c["folder"], c["note"])
                    for cid, row in zip(ids, batch, strict=True)
                    for c in row.carriers
                ]
            )
            search.index_customers(
                uow.session,
                [
                    search.SearchEntry(cid, value[0], value[7], value[8], value[9], value[10])
                    for cid, value in zip(ids, values, strict=True)
                ],
            )
            done += len(batch)
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled():
                raise _Cancelled()
        summary["filed"] = filed
        summary["drafts"] = len(rows) - filed
        audit.append_many(uow.session, live.login, events)
        if cancelled is not None and cancelled():
            raise _Cancelled()
        uow.commit()
    return [], numbers, filed


# --- the entry points ---------------------------------------------------------------------------


@contextmanager
def _no_automatic_collection() -> Iterator[None]:
    """The interpreter's automatic garbage collection held off for one check or import.

    Those make hundreds of thousands of objects that are not garbage (the sheet's cells,
    the prepared rows), and each full collection walks all of them: several per 10,000
    rows, about a tenth of the import's time. They make almost no cycles; what they make
    is collected afterwards. In the window the program's own collector already holds
    collections off (app/views/garbage_collector.py): nothing to do then.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@_no_automatic_collection()
def _run(
    archive: Archive,
    actor: Actor,
    path: str | Path,
    *,
    category: str,
    subtype: str | None,
    mapping: Mapping[str, str | None] | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    write: bool,
    file_complete: bool,
) -> ImportReport:
    started = time.perf_counter()
    live = authorize(archive, actor, Action.CUSTOMER_IMPORT)
    template = current_template()
    cat = _category(template, category)
    if subtype is not None:
        subtype = _subtype_key(template, category, subtype)
    report = ImportReport(category, cat.label, dry_run=not write)
    sheet = read_workbook(path, cancelled=cancelled)
    if cancelled is not None and cancelled():
        report.status = STATUS_CANCELLED
        return report
    report.rows = len(sheet.rows)
    plan = _plan(template, category, sheet, mapping, subtype)
    labels = _key_labels(template, category)
    report.columns = {header: labels.get(key, key) for _, header, key in plan.columns}
    report.ignored_columns = plan.ignored
    report.problems.extend(plan.problems)
    total = report.rows * (2 if write else 1)
    checker = _Checker(template, category)
    checked = _check_sheet(
        template, category, sheet, plan, subtype, checker, progress, cancelled, total
    )
    if checked.cancelled:
        report.status = STATUS_CANCELLED
        return report
    report.problems.extend(checked.problems)
    return _finish(
        archive,
        live,
        template,
        category,
        report,
        checked,
        plan.header_of,
        labels,
        source="excel",
        write=write,
        file_complete=file_complete,
        progress=progress,
        cancelled=cancelled,
        started=started,
    )


def _finish(
    archive: Archive,
    live: Actor,
    template: Template,
    category: str,
    report: ImportReport,
    checked: _Checked,
    header_of: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    source: str,
    write: bool,
    file_complete: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
    started: float,
) -> ImportReport:
    total = report.rows * (2 if write else 1)
    if not write:
        with archive.unit_of_work() as uow:
            report.problems.extend(_archive_duplicates(uow.session, checked, header_of, labels))
        _sort(report)
        report.status = STATUS_REJECTED if report.problems else STATUS_CLEAN
        if progress is not None:
            progress(total, total)
        report.seconds = time.perf_counter() - started
        return report
    if report.problems or not checked.prepared:
        if checked.identities:  # the refusal lists every problem, the archive's duplicates too
            with archive.unit_of_work() as uow:
                report.problems.extend(_archive_duplicates(uow.session, checked, header_of, labels))
        _sort(report)
        report.status = STATUS_REJECTED
        if not report.problems:
            report.problems.append(ImportProblem(None, "", "工作表中没有可导入的数据行"))
        report.seconds = time.perf_counter() - started
        return report
    try:
        duplicates, numbers, filed = _write(
            archive,
            live,
            template,
            category,
            checked,
            source=source,
            file_complete=file_complete,
            header_of=header_of,
            labels=labels,
            progress=progress,
            cancelled=cancelled,
            done_before=report.rows,
            total=total,
        )
    except _Cancelled:
        report.status = STATUS_CANCELLED
        report.seconds = time.perf_counter() - started
        return report
    if duplicates:
        report.problems.extend(duplicates)
        _sort(report)
        report.status = STATUS_REJECTED
    else:
        report.status = STATUS_IMPORTED
        report.imported = len(numbers)
        report.filed = filed
        report.drafts = len(numbers) - filed
        report.first_archive_no, report.last_archive_no = numbers[0], numbers[-1]
        if progress is not None:
            progress(total, total)
    report.seconds = time.perf_counter() - started
    return report


def _sort(report: ImportReport) -> None:
    report.problems.sort(key=lambda p: -1 if p.row is None else p.row)


def _subtype_key(template: Template, category: str, subtype: str) -> str:
    cat = template.category(category)
    for sub in cat.subtypes:
        if _fold(subtype) in (_fold(sub.key), _fold(sub.label)):
            return sub.key
    names = "、".join(f"{s.key}({s.label})" for s in cat.subtypes)
    raise InvalidInput(f"{cat.label}没有子类“{subtype}”。可选:{names}。")


def dry_run(
    archive: Archive,
    actor: Actor,
    path: str | Path,
    *,
    category: str,
    subtype: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Check a workbook without writing anything; status "clean" or "rejected".

    ``subtype``: the default for rows whose 子类 cell is blank (key or label).
    ``progress(done, total)`` is called every few hundred rows; ``cancelled()``
    between rows (status "cancelled").
    """
    return _run(
        archive,
        actor,
        path,
        category=category,
        subtype=subtype,
        mapping=mapping,
        progress=progress,
        cancelled=cancelled,
        write=False,
        file_complete=True,
    )


def import_customers(
    archive: Archive,
    actor: Actor,
    path: str | Path,
    *,
    category: str,
    subtype: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    file_complete: bool = True,
) -> ImportReport:
    """Check, then create every row's archive in one transaction, or none (see the module).

    Status "imported", "rejected" (problems listed; nothing written) or
    "cancelled" (nothing written). ``progress(done, total)``: total is two
    steps per row (checking, then writing).
    """
    return _run(
        archive,
        actor,
        path,
        category=category,
        subtype=subtype,
        mapping=mapping,
        progress=progress,
        cancelled=cancelled,
        write=True,
        file_complete=file_complete,
    )


@_no_automatic_collection()
def import_records(
    archive: Archive,
    actor: Actor,
    *,
    category: str,
    records: Sequence[tuple[str, Mapping[str, Any]]],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    file_complete: bool = True,
    source: str = "records",
) -> ImportReport:
    """The same checks and the same single transaction for records already in memory.

    ``records``: (sub-type key, data) with the template's field keys; the
    repeatable tables (household members, assets, carriers ...) as lists of
    row dicts. Problems name the record by its position (first = row 1) and
    the field by its label. Used by the demo data; audited as "customer.import"
    with ``source``.
    """
    started = time.perf_counter()
    live = authorize(archive, actor, Action.CUSTOMER_IMPORT)
    template = current_template()
    cat = _category(template, category)
    report = ImportReport(category, cat.label, dry_run=False, rows=len(records))
    checker = _Checker(template, category)
    labels = _key_labels(template, category)
    for sub in cat.subtypes:
        for item in template.items_for(category, sub.key):
            labels.setdefault(item.key, item.label)
    checked = _Checked()
    total = len(records) * 2
    for number, (subtype, data) in enumerate(records, start=1):
        if cancelled is not None and cancelled():
            report.status = STATUS_CANCELLED
            return report
        if progress is not None and number % _PROGRESS_EVERY == 0:
            progress(number, total)
        problems: list[tuple[str, str]] = []
        if subtype not in checker.subtypes:
            problems.append((SUBTYPE_KEY, f"“{SUBTYPE_HEADER}”只能是:{checker.subtype_names()}"))
            prepared = None
        else:
            prepared = checker.check(number, subtype, data, None, None, problems)
        for key, message in problems:
            report.problems.append(ImportProblem(number, labels.get(key, key), message))
        if prepared is not None and not problems and _note_identity(checked, prepared, {}, labels):
            checked.prepared.append(prepared)
    report.problems.extend(checked.problems)
    return _finish(
        archive,
        live,
        template,
        category,
        report,
        checked,
        {},
        labels,
        source=source,
        write=True,
        file_complete=file_complete,
        progress=progress,
        cancelled=cancelled,
        started=started,
    )


# --- the blank workbook -------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_TYPE_WORDS = {
    "text": "文字",
    "multiline": "文字(可多行)",
    "integer": "整数",
    "decimal": "数值",
    "money": "金额(元,最多两位小数,不能为负)",
    "date": "日期,如 2024-01-05",
    "choice": "从下拉列表选择",
    "multichoice": "从选项中选择,多个用“、”分隔",
    "bool": "是 / 否",
    "mobile": "11 位手机号码",
    "phone": "手机号码或带区号的固定电话,如 0738-8321234",
    "postal_code": "6 位邮政编码",
    "resident_id": "18 位公民身份号码(文本)",
    "credit_code": "18 位统一社会信用代码(文本)",
    "id_number": "证件号码(文本);身份证、户口簿填 18 位公民身份号码",
}
_LAST_ROW = 1_048_576


def _options(column: ImportColumn, template: Template, category: str) -> list[str]:
    if column.key == SUBTYPE_KEY:
        return [s.label for s in template.category(category).subtypes]
    item = column.field
    if item is None:
        return []
    if item.type in ("choice", "multichoice"):
        return list(item.options)
    if item.type == "bool":
        return ["是", "否"]
    return []


def write_import_template(category: str, path: str | Path) -> Path:
    """The blank workbook users fill for ``category``: the data sheet headed by the template's
    labels (* = required), drop-down lists for 子类 and every choice, text format for numbers
    that are codes, and a 填写说明 sheet. Returns the path written (.xlsx added if missing)."""
    template = current_template()
    cat = _category(template, category)
    path = xlsx_io.xlsx_path(path)
    columns = import_columns(category, template)
    workbook = Workbook()
    ws = workbook.active
    ws.title = DATA_SHEET
    options_ws = workbook.create_sheet(OPTIONS_SHEET)
    help_ws = workbook.create_sheet(HELP_SHEET, 1)
    option_col = 0
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        item = column.field
        if item is not None and item.help:
            cell.comment = Comment(item.help, "客户信息档案系统", width=300, height=120)
        ws.column_dimensions[letter].width = max(10, min(40, len(column.header) * 2.2 + 2))
        if (item is not None and item.type in _TEXT_TYPES) or column.key == SUBTYPE_KEY:
            ws.column_dimensions[letter].number_format = "@"
        elif item is not None and item.type == "date":
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        choices = _options(column, template, category)
        if choices:
            option_col += 1
            olet = get_column_letter(option_col)
            options_ws.cell(row=1, column=option_col, value=column.label)
            for r, choice in enumerate(choices, start=2):
                options_ws.cell(row=r, column=option_col, value=choice)
            validation = DataValidation(
                type="list",
                formula1=f"'{OPTIONS_SHEET}'!${olet}$2:${olet}${len(choices) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从列表中选择",
                error=f"“{column.label}”只能从下拉列表中选择。",
            )
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 32
    options_ws.sheet_state = "hidden"
    _write_help(help_ws, template, cat, columns)
    xlsx_io.save(workbook, path)
    return path


def _write_help(ws: Any, template: Template, cat: Any, columns: list[ImportColumn]) -> None:
    lines = [
        f"{cat.label}导入表 填写说明(分类模板第 {template.version} 版:{template.name})",
        "",
        f"1. 在“{DATA_SHEET}”工作表中从第 2 行起每行填写一位客户;第 1 行的列标题不要改动。"
        "标题带 * 的列为必填项,每行都要填写。",
        f"2. 本表只用于{cat.label};“{SUBTYPE_HEADER}”列从下拉列表选择"
        f"({'、'.join(s.label for s in cat.subtypes)})。",
        "3. 证件号码、统一社会信用代码、电话号码等列已设为“文本”格式。请直接输入或“选择性粘贴-数值”;"
        "不要从数字格式的单元格复制,否则 Excel 会把 18 位号码变成 4.31382E+17 或把末几位变成 0,"
        "这样的号码无法导入,须重新录入。",
        "4. 日期按 2024-01-05 或 2024年1月5日 填写;金额以元为单位,不能为负数,不写“万元”。",
        "5. 载体种类、柜号、盒号、卷宗号填写该档案纸质(或磁盘、电子)载体的存放位置;"
        "一行只能填一种载体,其余载体导入后在档案中补充。",
        "6. 所有导入的档案密级均为“普通”;“机密”“绝密”档案须由保密专管员到场后逐份建立。",
        "7. 导入前先点“检查”:程序逐行逐列列出所有问题,全部改正后才能导入;"
        "导入是整批进行的,任何一行有问题都不会导入任何一行。",
        "8. 必填项(含载体、农户的家庭成员)全部齐全的档案导入后直接“在册”,其余为“草稿”,"
        "由客户经理补充完整后归档。同一证件号码已建档的,不能重复导入。",
        "9. 本表填好后含有客户信息,请按制度妥善保管,导入完成后及时删除。",
        "",
    ]
    for text in lines:
        ws.append([text])
    ws["A1"].font = Font(bold=True, size=13)
    header = ["列标题", "必填", "填写格式", "适用子类", "说明"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    labels = {s.key: s.label for s in cat.subtypes}
    for column in columns:
        item = column.field
        if column.key == SUBTYPE_KEY:
            kind, text = "从下拉列表选择", "客户子类"
        else:
            kind = _TYPE_WORDS.get(item.type, "") if item is not None else ""
            text = item.help if item is not None else ""
            if (
                item is not None
                and item.type in ("choice", "multichoice")
                and len(item.options) <= 12
            ):
                kind += ":" + "、".join(item.options)
        scope = "、".join(labels.get(s, s) for s in column.subtypes) if column.subtypes else "全部"
        ws.append([column.label, "是" if column.required else "", kind, scope, text])
    for letter, width in zip("ABCDE", (26, 6, 40, 20, 60), strict=True):
        ws.column_dimensions[letter].width = width
