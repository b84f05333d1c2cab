"""The union's classification template as data: categories, sub-types, sections, fields.

The template is a versioned TOML file the customer-service management
department revises without code (articles 5, 22). These classes are what the
loader produces and what forms, validation, import and statistics read. They
carry no behaviour beyond finding things, so a template can be compared,
cached and shown without side effects.

Field types:
  text, multiline, integer, decimal, money (yuan, 2 places, not negative),
  date (ISO, not in the future unless ``allow_future``), choice (one of
  ``options``), multichoice, bool, mobile, phone (mobile or landline),
  postal_code, resident_id (GB 11643), credit_code (GB 32100), id_number
  (checked as resident_id when the sibling ``id_type`` field is 居民身份证).
The common section's fields ``tier``, ``retention_years`` and
``retrieval_remarks`` and its group ``carriers`` (columns kind, cabinet, box,
folder, note) are kept in their own columns and table rather than in the
record's data, because the catalogue, the vault and the registers need them
without opening content.

A group is a repeatable table of column fields (household members, assets by
kind...); ``preset_rows`` fills its first column with fixed kinds, and
``totals`` names the money columns summed into computed fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

#: common fields stored as columns of ``customers`` (not inside the content)
COLUMN_FIELDS = ("tier", "retention_years", "retrieval_remarks")
#: the common group stored in ``carriers``
CARRIER_GROUP = "carriers"
CARRIER_COLUMNS = ("kind", "cabinet", "box", "folder", "note")

FIELD_TYPES = frozenset(
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
        "resident_id",
        "credit_code",
        "id_number",
    }
)


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    type: str = "text"
    required: bool = False
    options: tuple[str, ...] = ()
    help: str = ""
    max_length: int | None = None
    #: for computed fields: "sum:<group>.<column>" or "expr:<a> - <b>" over other keys
    computed: str | None = None
    allow_future: bool = False
    #: an index the catalogue and search use: name, identity, phone, address
    index_as: str | None = None
    #: stored codes parallel to ``options`` (tier 普通/机密/绝密 -> ordinary/secret/top_secret,
    #: carrier kind 纸质/磁盘/电子 -> paper/disk/electronic); empty when the label is stored
    option_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupDef:
    """A repeatable table; its value in a record is a list of {column key: value} rows."""

    key: str
    label: str
    columns: tuple[FieldDef, ...]
    required: bool = False
    min_rows: int = 0
    max_rows: int = 50
    #: fixed first-column values, one row each (e.g. asset kinds 房产, 家电 ...)
    preset_rows: tuple[str, ...] = ()
    help: str = ""


Item = FieldDef | GroupDef


@dataclass(frozen=True)
class SectionDef:
    key: str
    label: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class SubtypeDef:
    key: str
    label: str
    #: sections only this sub-type has (e.g. the 农户 collection form)
    sections: tuple[SectionDef, ...] = ()


@dataclass(frozen=True)
class CategoryDef:
    key: str  # individual | organisation | special
    label: str
    subtypes: tuple[SubtypeDef, ...]
    sections: tuple[SectionDef, ...]


@dataclass(frozen=True)
class Template:
    version: int
    name: str
    #: e.g. "{branch}-{category_code}-{year}-{seq:06d}"
    archive_number_format: str
    #: category key -> one-letter code used in archive numbers (G, D, T)
    category_codes: dict[str, str]
    #: sections every category has (tier, carriers, retention, remarks ...)
    common_sections: tuple[SectionDef, ...]
    categories: tuple[CategoryDef, ...]
    source: str = field(default="", compare=False)

    def category(self, key: str) -> CategoryDef:
        for category in self.categories:
            if category.key == key:
                return category
        raise KeyError(key)

    def subtype(self, category: str, key: str) -> SubtypeDef:
        for subtype in self.category(category).subtypes:
            if subtype.key == key:
                return subtype
        raise KeyError(f"{category}/{key}")

    def sections_for(self, category: str, subtype: str) -> tuple[SectionDef, ...]:
        """In form order: the category's own, the sub-type's, then the common ones."""
        cat = self.category(category)
        return (*cat.sections, *self.subtype(category, subtype).sections, *self.common_sections)

    def items_for(self, category: str, subtype: str) -> Iterator[Item]:
        for section in self.sections_for(category, subtype):
            yield from section.items

    def fields_for(self, category: str, subtype: str) -> Iterator[FieldDef]:
        """Top-level fields (not group columns)."""
        for item in self.items_for(category, subtype):
            if isinstance(item, FieldDef):
                yield item

    def item(self, category: str, subtype: str, key: str) -> Item:
        for item in self.items_for(category, subtype):
            if item.key == key:
                return item
        raise KeyError(key)
