"""The classification template file: version 1 as the union gave it, and refusing broken files."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import sys
from pathlib import Path

import pytest

from app.resources import resource_path, resource_root
from app.template import (
    TemplateError,
    archive_number,
    available_versions,
    clear_cache,
    current_template,
    load_template,
    model,
    template_problems,
    template_version,
)
from app.template.loader import parse_computed
from app.template.model import FIELD_TYPES, FieldDef, GroupDef, Template

V1 = resource_path("template", "v1.toml")
V1_TEXT = V1.read_text(encoding="utf-8")

SUBTYPES = {
    "individual": ["farmer", "sole_trader", "urban", "other_individual"],
    "organisation": ["enterprise", "cooperative", "family_farm", "public_body", "other_org"],
    "special": ["expert", "lawyer", "government", "village_body"],
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module")
def v1() -> Template:
    return load_template(V1)


def line_of(text: str, needle: str, occurrence: int = 1, *, whole: bool = False) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle`` (or equal to it)."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if (line.strip() == needle) if whole else (needle in line):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str, name: str = "v1.toml") -> TemplateError:
    path = write(tmp_path, name, text)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    error = caught.value
    assert error.path == str(path)
    assert name in str(error)
    assert error.line is not None
    assert f"第 {error.line} 行" in str(error)
    return error


# --- version 1 ------------------------------------------------------------------------------


def test_v1_loads_from_the_resources_folder(v1: Template) -> None:
    assert V1.is_file()
    assert V1_TEXT.startswith("version = 1\n")
    header = "\n".join(line for line in V1_TEXT.split("\n")[1:20] if line.startswith("#"))
    assert "客户服务管理部" in header and "v2.toml" in header
    assert v1.version == 1
    assert v1.source == str(V1)
    assert current_template().version == 1
    assert [c.key for c in v1.categories] == ["individual", "organisation", "special"]
    assert [c.label for c in v1.categories] == ["个人客户", "单位客户", "特殊类客户"]
    for category, subtypes in SUBTYPES.items():
        assert [s.key for s in v1.category(category).subtypes] == subtypes
    labels = {s.key: s.label for c in v1.categories for s in c.subtypes}
    assert labels["farmer"] == "农户"
    assert labels["cooperative"] == "农民专业合作社"
    assert labels["village_body"] == "乡村协助机构"


def test_archive_number_format_and_codes(v1: Template) -> None:
    assert v1.category_codes == {"individual": "G", "organisation": "D", "special": "T"}
    assert v1.archive_number_format == "{branch}{category_code}{year}{seq:06d}"
    number = archive_number(v1, branch="LY01", category="organisation", year=2026, seq=123)
    assert number == "LY01D2026000123"


def test_every_category_and_subtype_has_sections(v1: Template) -> None:
    for category in v1.categories:
        assert category.sections
        for subtype in category.subtypes:
            sections = v1.sections_for(category.key, subtype.key)
            assert sections[-len(v1.common_sections) :] == v1.common_sections
            for section in sections:
                assert section.key and section.label and section.items


def test_keys_are_unique_within_every_form(v1: Template) -> None:
    for category, subtypes in SUBTYPES.items():
        for subtype in subtypes:
            keys = [item.key for item in v1.items_for(category, subtype)]
            assert len(keys) == len(set(keys)), (category, subtype)
            for item in v1.items_for(category, subtype):
                if isinstance(item, GroupDef):
                    columns = [c.key for c in item.columns]
                    assert len(columns) == len(set(columns))


def test_conventional_keys_other_code_relies_on(v1: Template) -> None:
    wanted = {
        "individual": {
            "name",
            "gender",
            "birth_date",
            "id_type",
            "id_number",
            "mobile",
            "township",
            "village",
            "group_no",
        },
        "organisation": {"name", "credit_code", "legal_rep", "legal_rep_id", "contact_phone"}
        | {"business_address"},
        "special": {"name", "kind", "organisation", "contact_phone"},
    }
    for category, keys in wanted.items():
        for subtype in SUBTYPES[category]:
            present = {item.key for item in v1.items_for(category, subtype)}
            assert keys <= present, (category, subtype, keys - present)
            for key in (*model.COLUMN_FIELDS, model.CARRIER_GROUP):
                assert key in present


def test_required_fields(v1: Template) -> None:
    def required(category: str, subtype: str) -> set[str]:
        return {i.key for i in v1.items_for(category, subtype) if i.required}

    individual = required("individual", "urban")
    assert {"name", "id_type", "id_number", "mobile", "township", "village"} <= individual
    assert {"name", "credit_code", "legal_rep"} <= required("organisation", "enterprise")
    assert {"name", "kind", "organisation", "contact_phone"} <= required("special", "lawyer")
    assert "household_members" in required("individual", "farmer")


def test_field_types_and_index_markers(v1: Template) -> None:
    item = v1.item
    assert item("individual", "farmer", "id_number").type == "id_number"
    assert item("individual", "farmer", "mobile").type == "mobile"
    assert item("individual", "farmer", "birth_date").type == "date"
    assert item("individual", "farmer", "id_valid_to").allow_future is True
    assert item("organisation", "enterprise", "credit_code").type == "credit_code"
    assert item("organisation", "enterprise", "legal_rep_id").type == "resident_id"
    assert item("special", "expert", "contact_phone").type == "phone"
    markers = {
        category: {
            f.key: f.index_as for f in v1.fields_for(category, SUBTYPES[category][0]) if f.index_as
        }
        for category in SUBTYPES
    }
    assert markers["individual"] == {
        "name": "name",
        "id_number": "identity",
        "mobile": "phone",
        "township": "address",
        "village": "address",
        "group_no": "address",
    }
    assert markers["organisation"] == {
        "name": "name",
        "credit_code": "identity",
        "contact_phone": "phone",
        "business_address": "address",
    }
    assert markers["special"]["name"] == "name"
    assert markers["special"]["contact_phone"] == "phone"


def test_choice_options(v1: Template) -> None:
    def options(key: str, category: str = "individual", subtype: str = "urban") -> tuple:
        field = v1.item(category, subtype, key)
        assert isinstance(field, FieldDef) and field.type == "choice"
        return field.options

    assert options("gender") == ("男", "女")
    ethnicity = options("ethnicity")
    assert len(ethnicity) == 56 == len(set(ethnicity))
    assert ethnicity[0] == "汉族"
    assert {"土家族", "苗族", "瑶族", "侗族", "基诺族"} <= set(ethnicity)
    assert all(e.endswith("族") for e in ethnicity)
    assert options("id_type") == (
        "居民身份证",
        "户口簿",
        "护照",
        "港澳居民来往内地通行证",
        "台湾居民来往大陆通行证",
        "外国人永久居留身份证",
        "其他",
    )
    assert options("credit_rating") == ("优秀", "较好", "一般", "差")
    assert set(options("marital_status")) == {"未婚", "已婚", "离异", "丧偶"}
    industry = options("industry", "organisation", "enterprise")
    assert len(industry) == 20
    assert [s[0] for s in industry] == list("ABCDEFGHIJKLMNOPQRST")
    assert industry[0] == "A 农、林、牧、渔业"
    assert industry[9] == "J 金融业"


def test_common_section(v1: Template) -> None:
    items = {i.key: i for s in v1.common_sections for i in s.items}
    tier = items["tier"]
    assert isinstance(tier, FieldDef)
    assert tier.options == ("普通", "机密", "绝密")
    assert tier.option_codes == ("ordinary", "secret", "top_secret")
    assert tier.required
    assert items["retention_years"].type == "integer"
    assert items["retrieval_remarks"].label == "检索备注"
    carriers = items["carriers"]
    assert isinstance(carriers, GroupDef)
    assert tuple(c.key for c in carriers.columns) == model.CARRIER_COLUMNS
    kind = carriers.columns[0]
    assert kind.options == ("纸质", "磁盘", "电子")
    assert kind.option_codes == ("paper", "disk", "electronic")
    assert [c.label for c in carriers.columns[1:4]] == ["柜号", "盒号", "卷宗号"]


def test_farmer_collection_form(v1: Template) -> None:
    form = {i.key: i for i in v1.items_for("individual", "farmer")}
    members = form["household_members"]
    assert isinstance(members, GroupDef)
    assert [c.key for c in members.columns] == [
        "relation",
        "name",
        "gender",
        "id_number",
        "occupation",
        "phone",
    ]
    assert members.columns[0].label == "与户主关系"
    expected = {
        "assets": (
            ("房产", "家电", "家具", "交通工具", "农机具", "存款", "股金", "应收款", "其它"),
            ["kind", "quantity", "value"],
        ),
        "liabilities": (("贷款", "社会融资", "其他欠款"), ["kind", "creditor", "amount"]),
        "operations": (
            ("种植", "养殖", "商业", "劳务"),
            ["kind", "last_year_net", "expected_net"],
        ),
        "expenses": (("生活", "人情", "学费", "医疗"), ["kind", "amount"]),
    }
    for key, (presets, columns) in expected.items():
        group = form[key]
        assert isinstance(group, GroupDef)
        assert group.preset_rows == presets
        assert [c.key for c in group.columns] == columns
        assert all(c.type == "money" for c in group.columns if c.key != "kind" and "net" in c.key)
    assert form["assets"].columns[2].type == "money"
    computed = {k: i.computed for k, i in form.items() if isinstance(i, FieldDef) and i.computed}
    assert computed == {
        "total_assets": "sum:assets.value",
        "total_liabilities": "sum:liabilities.amount",
        "total_income_last_year": "sum:operations.last_year_net",
        "total_expenses": "sum:expenses.amount",
        "net_household_income": "expr:total_income_last_year - total_expenses",
    }
    # the farmer form is the farmer's only: other sub-types do not carry it
    urban = {i.key for i in v1.items_for("individual", "urban")}
    assert "household_members" not in urban and "total_assets" not in urban


def test_template_is_made_of_the_model_classes(v1: Template) -> None:
    assert type(v1) is model.Template
    assert isinstance(v1.common_sections, tuple) and isinstance(v1.categories, tuple)
    for category in v1.categories:
        assert type(category) is model.CategoryDef
        assert isinstance(category.subtypes, tuple)
        for subtype in category.subtypes:
            assert type(subtype) is model.SubtypeDef
            for section in v1.sections_for(category.key, subtype.key):
                assert type(section) is model.SectionDef
                assert isinstance(section.items, tuple)
                for item in section.items:
                    assert type(item) in (model.FieldDef, model.GroupDef)
                    fields = item.columns if isinstance(item, GroupDef) else (item,)
                    for field in fields:
                        assert type(field) is model.FieldDef
                        assert field.type in FIELD_TYPES
                        assert isinstance(field.options, tuple)
                        assert isinstance(field.option_codes, tuple)
                        assert field.label
                        if field.type in {"choice", "multichoice"}:
                            assert field.options
    declared = {f.name for f in dataclasses.fields(model.FieldDef)}
    assert {"key", "label", "type", "required", "options", "computed", "index_as"} <= declared
    # frozen: a loaded template cannot be changed by whoever reads it
    with pytest.raises(dataclasses.FrozenInstanceError):
        v1.version = 2  # type: ignore[misc]


def test_loading_twice_gives_equal_templates(v1: Template) -> None:
    assert load_template(V1) == v1


def test_parse_computed() -> None:
    assert parse_computed("sum:assets.value").references == ("assets",)
    spec = parse_computed("expr:a - b + c")
    assert spec.terms == ((1, "a"), (-1, "b"), (1, "c"))
    for bad in ("sum:assets", "total", "expr:a * b", "expr:", "sum:a.b.c"):
        with pytest.raises(ValueError):
            parse_computed(bad)


# --- refusing broken files --------------------------------------------------------------------


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = replace_once(V1_TEXT, 'key = "mobile"', 'key = "mobile')
    error = refused(tmp_path, text)
    assert error.line == line_of(text, 'key = "mobile')
    assert "TOML" in error.problem


def test_unfinished_file_points_at_its_end(tmp_path: Path) -> None:
    text = V1_TEXT + "\n[[categories"
    error = refused(tmp_path, text)
    assert error.line == len(text.split("\n"))


def test_unknown_field_type(tmp_path: Path) -> None:
    old = 'key = "ethnicity"\nlabel = "民族"\ntype = "choice"'
    text = replace_once(V1_TEXT, old, 'key = "ethnicity"\nlabel = "民族"\ntype = "chioce"')
    error = refused(tmp_path, text)
    assert error.line == line_of(text, 'type = "chioce"')
    assert "chioce" in error.problem and "ethnicity" in error.problem


def test_unknown_column_type(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT,
        '{ key = "creditor", label = "债权人", type = "text"',
        '{ key = "creditor", label = "债权人", type = "string"',
    )
    error = refused(tmp_path, text)
    assert error.line == line_of(text, 'type = "string"')


def test_duplicate_key_in_one_form(tmp_path: Path) -> None:
    text = replace_once(V1_TEXT, 'key = "education"', 'key = "gender"')
    error = refused(tmp_path, text)
    first = line_of(text, 'key = "gender"', whole=True)
    assert error.line == line_of(text, 'key = "gender"', occurrence=2, whole=True)
    assert f"第 {first} 行已有" in error.problem
    assert "gender" in error.problem


def test_duplicate_key_between_category_and_subtype(tmp_path: Path) -> None:
    # the farmer form's own field (written first in the file) clashing with the individual
    # category's mobile: the later line in the file is the one reported
    text = replace_once(V1_TEXT, 'key = "labour_count"', 'key = "mobile"')
    error = refused(tmp_path, text)
    first = line_of(text, 'key = "mobile"')
    assert error.line == line_of(text, 'key = "mobile"', occurrence=2)
    assert f"第 {first} 行已有" in error.problem
    assert "农户" in error.problem


def test_choice_without_options(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT, 'type = "choice"\noptions = "marital_status"\n', 'type = "choice"\n'
    )
    error = refused(tmp_path, text)
    marital = line_of(text, 'key = "marital_status"')
    assert error.line == marital + 2  # the type line of that field
    assert "options" in error.problem


def test_options_naming_a_list_that_does_not_exist(tmp_path: Path) -> None:
    text = replace_once(V1_TEXT, 'options = "education"', 'options = "educaton"')
    error = refused(tmp_path, text)
    assert error.line == line_of(text, 'options = "educaton"')


def test_computed_referring_to_an_unknown_key(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT,
        "expr:total_income_last_year - total_expenses",
        "expr:total_income - total_expenses",
    )
    error = refused(tmp_path, text)
    assert error.line == line_of(text, "expr:total_income - total_expenses")
    assert "total_income" in error.problem


def test_computed_sum_over_unknown_column(tmp_path: Path) -> None:
    text = replace_once(V1_TEXT, "sum:expenses.amount", "sum:expenses.amout")
    error = refused(tmp_path, text)
    assert error.line == line_of(text, "sum:expenses.amout")


def test_computed_cycle(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT, "expr:total_income_last_year - total_expenses", "expr:net_household_income"
    )
    error = refused(tmp_path, text)
    assert error.line == line_of(text, "expr:net_household_income")


def test_misspelt_attribute(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT,
        'key = "birth_date"\nlabel = "出生日期"',
        'key = "birth_date"\nrequried = true\nlabel = "出生日期"',
    )
    error = refused(tmp_path, text)
    assert error.line == line_of(text, "requried = true")


def test_missing_required_table(tmp_path: Path) -> None:
    # the special category loses its sections: its form would have no name field
    head, _, _ = V1_TEXT.partition('[[categories.sections]]\nkey = "special_basic"')
    error = refused(tmp_path, head)
    assert error.line == line_of(head, 'key = "special"')
    assert "sections" in error.problem


def test_missing_category(tmp_path: Path) -> None:
    head, _, _ = V1_TEXT.partition("# 特殊类客户")
    error = refused(tmp_path, head)
    assert "special" in error.problem


def test_tier_codes_may_not_change(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT,
        'option_codes = ["ordinary", "secret", "top_secret"]',
        'option_codes = ["normal", "secret", "top_secret"]',
    )
    error = refused(tmp_path, text)
    assert error.line == line_of(text, 'option_codes = ["normal"')


def test_version_must_match_the_file_name(tmp_path: Path) -> None:
    error = refused(tmp_path, V1_TEXT, name="v2.toml")
    assert error.line == 1
    assert "v2.toml" in error.problem


def test_bad_archive_number_format(tmp_path: Path) -> None:
    text = replace_once(
        V1_TEXT,
        'archive_number_format = "{branch}{category_code}{year}{seq:06d}"',
        'archive_number_format = "{branch}{category}{year}{seq:06d}"',
    )
    error = refused(tmp_path, text)
    assert error.line == line_of(text, "archive_number_format =")


def test_file_not_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "v1.toml"
    path.write_bytes(V1_TEXT.encode("gb18030"))
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert "UTF-8" in caught.value.problem
    assert caught.value.line == line_of(V1_TEXT, "涟源")


def test_byte_order_mark_from_notepad_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "v1.toml"
    path.write_bytes(V1_TEXT.encode("utf-8-sig"))
    assert load_template(path).version == 1


# --- versions, the last good one, the cache -------------------------------------------------


def v2_text(extra_required: bool = True) -> str:
    text = replace_once(V1_TEXT, "version = 1\n", "version = 2\n")
    if extra_required:
        text = replace_once(
            text,
            '[[categories.sections]]\nkey = "contact"',
            '[[categories.sections.items]]\nkey = "native_place"\nlabel = "籍贯"\n'
            'type = "text"\nrequired = true\n\n[[categories.sections]]\nkey = "contact"',
        )
    return text


def test_available_versions(tmp_path: Path) -> None:
    write(tmp_path, "v1.toml", V1_TEXT)
    write(tmp_path, "v2.toml", v2_text())
    write(tmp_path, "v2.toml.bak", "x")
    write(tmp_path, "notes.toml", "x")
    write(tmp_path, "vx.toml", "x")
    assert available_versions(tmp_path) == {1: tmp_path / "v1.toml", 2: tmp_path / "v2.toml"}
    assert available_versions(tmp_path / "missing") == {}
    assert 1 in available_versions()


def test_newest_good_version_is_current_and_old_ones_still_open(tmp_path: Path) -> None:
    write(tmp_path, "v1.toml", V1_TEXT)
    write(tmp_path, "v2.toml", v2_text())
    current = current_template(tmp_path)
    assert current.version == 2
    assert current.item("individual", "farmer", "native_place").required
    old = template_version(1, tmp_path)
    assert old.version == 1
    with pytest.raises(KeyError):
        old.item("individual", "farmer", "native_place")
    assert template_problems(tmp_path) == []


def test_malformed_newest_version_keeps_the_last_good_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "v1.toml", V1_TEXT)
    broken = replace_once(v2_text(), 'type = "mobile"', 'type = "cellphone"')
    write(tmp_path, "v2.toml", broken)
    with caplog.at_level(logging.WARNING, logger="app.template.loader"):
        current = current_template(tmp_path)
    assert current.version == 1
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    logged = warnings[0].getMessage()
    assert "v2.toml" in logged and f"第 {line_of(broken, 'cellphone')} 行" in logged
    problems = template_problems(tmp_path)
    assert [p.line for p in problems] == [line_of(broken, "cellphone")]
    with pytest.raises(TemplateError):
        template_version(2, tmp_path)


def test_no_loadable_version_raises(tmp_path: Path) -> None:
    write(tmp_path, "v1.toml", "version = 1\nname = [")
    with pytest.raises(TemplateError) as caught:
        current_template(tmp_path)
    assert caught.value.line == 2
    with pytest.raises(TemplateError):
        current_template(tmp_path / "empty")


def test_missing_old_version_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "v2.toml", v2_text())
    with pytest.raises(TemplateError) as caught:
        template_version(1, tmp_path)
    assert "v1.toml" in str(caught.value)


def test_cache_until_cleared(tmp_path: Path) -> None:
    write(tmp_path, "v1.toml", V1_TEXT)
    first = current_template(tmp_path)
    assert current_template(tmp_path) is first
    assert template_version(1, tmp_path) is first
    write(tmp_path, "v2.toml", v2_text())
    assert current_template(tmp_path).version == 1  # cached
    clear_cache()
    assert current_template(tmp_path).version == 2


def test_resource_path_in_checkout_and_in_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resource_root() == Path(__file__).resolve().parents[2] / "resources"
    assert resource_path("template", "v1.toml") == resource_root() / "template" / "v1.toml"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("template") == tmp_path / "resources" / "template"
    shutil.copytree(V1.parent, tmp_path / "resources" / "template")
    bundled = (tmp_path / "resources" / "template" / "v1.toml").resolve()
    assert current_template().source == str(bundled)
