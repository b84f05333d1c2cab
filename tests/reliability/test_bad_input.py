"""Bad input, generated (hypothesis): no crash, and every rejection is a clear Chinese message.

Five doors where people (or their files) hand the program values:

- every field of template v1 (every category and sub-type, group columns too):
  ``normalize`` and ``validate_field`` on values of every kind, whole records through
  ``validate_record``, and records through ``create_customer`` on a real archive;
- the import reader: workbooks with random headers and cells, and damaged .xlsx
  bytes, through ``customer_import.dry_run``;
- the template loader on mutated copies of v1.toml;
- the command line's ``main()`` with random arguments (in-process; no command that
  starts the GUI, builds a demo or runs the self-test is drawn).

A few hundred cases in CI; over 10,000 with RUN_SLOW=1 (counted in the figures).
"""

from __future__ import annotations

import io
import itertools
import random
import re
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app import cli
from app.errors import AppError
from app.template import GroupDef, TemplateError, current_template, load_template
from app.template import validation as tv
from app.template.loader import default_folder
from app.template.model import FieldDef
from app.workflows import customer_import, customers
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.integration.test_customers import credit_code, farmer, organisation, resident_id, special
from tests.reliability import figures

CJK = re.compile(r"[\u4e00-\u9fff]")
LONG = figures.LONG


def _settings(short: int, long: int) -> settings:
    return settings(
        max_examples=figures.scale(short, long),
        deadline=None,
        derandomize=not LONG,  # CI: the same cases every run
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


def _clear(message: object, where: str) -> None:
    text = str(message)
    assert CJK.search(text), f"{where}: not a Chinese message: {text!r}"
    assert "Traceback" not in text, f"{where}: {text!r}"


class Counter:
    def __init__(self, what: str) -> None:
        self.what = what
        self.n = 0

    def __enter__(self) -> Counter:
        return self

    def tick(self) -> None:
        self.n += 1

    def __exit__(self, *exc: object) -> None:
        # cases tried; held = tried when the test passed (a failure stops the test)
        figures.record("bad input: cases without a crash", self.n, self.n, "cases")


# --- values of every kind --------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
NEAR_VALID = st.one_of(
    st.from_regex(r"\d{17}[\dXx]", fullmatch=True),  # a resident ID's shape
    st.from_regex(r"[0-9A-Z]{18}", fullmatch=True),  # a credit code's shape
    st.from_regex(r"1\d{10}", fullmatch=True),  # a mobile number
    st.from_regex(r"0\d{2,3}-?\d{7,8}(转\d{1,4})?", fullmatch=True),  # a landline
    st.from_regex(r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?", fullmatch=True),  # a date
    st.from_regex(r"[+-]?\d{0,12}(\.\d{0,4})?(万|元)?", fullmatch=True),  # an amount
    st.from_regex(r"[\uff10-\uff19\u3000\-\s]{1,20}", fullmatch=True),  # full-width digits
)
VALUES = st.one_of(
    st.none(),
    TEXT,
    NEAR_VALID,
    st.integers(),
    st.floats(),
    st.decimals(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=12),
    st.lists(st.one_of(TEXT, st.integers()), max_size=4),
    st.dictionaries(TEXT, TEXT, max_size=3),
)


def _fields() -> list[FieldDef]:
    template = current_template()
    found: dict[tuple[str, str, str], FieldDef] = {}
    for cat in template.categories:
        for sub in cat.subtypes:
            for item in template.items_for(cat.key, sub.key):
                items = item.columns if isinstance(item, GroupDef) else (item,)
                for f in items:
                    found.setdefault((f.key, f.type, f.label), f)
    return list(found.values())


FIELDS = _fields()
KINDS = [(c.key, s.key) for c in current_template().categories for s in c.subtypes]


def _value_for(field: FieldDef) -> st.SearchStrategy[Any]:
    options = st.sampled_from(field.options) if field.options else st.nothing()
    return st.one_of(VALUES, options, options.map(lambda o: f" {o}\u3000"))


def test_the_template_has_the_fields_we_cover() -> None:
    types = {f.type for f in FIELDS}
    assert len(FIELDS) >= 40 and {"text", "date", "choice"} <= types, sorted(types)


@_settings(300, 3000)
@given(data=st.data())
def test_every_field_normalises_and_judges_any_value(data: st.DataObject) -> None:
    with Counter("fields") as count:
        field = data.draw(st.sampled_from(FIELDS), label="field")
        value = data.draw(_value_for(field), label="value")
        tv.normalize(field, value)  # never raises
        message = tv.validate_field(field, value)
        if message is not None:
            _clear(message, f"{field.key}={value!r}")
        verdict = tv.judge(field)(value)
        assert (verdict is tv.BAD) == (message is not None) or verdict is tv.BLANK
        count.tick()


_SERIAL = itertools.count(1)


def _base(category: str) -> dict[str, Any]:
    """A sound record of the category with its own ID (so that only the drawn values can fail)."""
    n = next(_SERIAL)
    if category == "individual":
        born = (date(1950, 1, 1) + timedelta(days=n % 15000)).strftime("%Y%m%d")
        return farmer(id_number=resident_id(born, f"{100 + n // 15000:03d}"))
    if category == "organisation":
        return organisation(code=credit_code(f"MA{n:06d}"))
    return special()


def _record_strategy() -> st.SearchStrategy[tuple[str, str, dict[str, Any]]]:
    template = current_template()

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
        category, subtype = draw(st.sampled_from(KINDS))
        items = list(template.items_for(category, subtype))
        data = _base(category)
        for item in draw(st.lists(st.sampled_from(items), max_size=6)):
            if isinstance(item, GroupDef):
                row = st.fixed_dictionaries(
                    {},
                    optional={c.key: _value_for(c) for c in item.columns},
                )
                data[item.key] = draw(st.one_of(VALUES, st.lists(row, max_size=4)))
            else:
                data[item.key] = draw(_value_for(item))
        return category, subtype, data

    return build()


@_settings(150, 2000)
@given(case=_record_strategy())
def test_whole_records_are_judged_not_crashed_on(case: tuple[str, str, dict[str, Any]]) -> None:
    category, subtype, data = case
    with Counter("records") as count:
        for problem in tv.validate_record(current_template(), category, subtype, data):
            _clear(problem.message, f"{category}/{subtype} {problem.key}")
        count.tick()


@pytest.fixture
def manager(branch: Branch) -> Actor:
    from app.security.roles import Role

    return branch.add_user("manager", [Role.MANAGER])


def test_records_through_the_create_workflow(branch: Branch, manager: Actor) -> None:
    """Each generated record is created or refused clearly; some must go in (not only refusals)."""
    accepted: list[str] = []

    @_settings(25, 500)
    @given(case=_record_strategy())
    def create(case: tuple[str, str, dict[str, Any]]) -> None:
        category, subtype, data = case
        with Counter("create") as count:
            try:
                customers.create_customer(
                    branch.archive, manager, category=category, subtype=subtype, data=data
                )
                accepted.append(category)
            except AppError as exc:
                _clear(exc, f"create {category}/{subtype}")
            count.tick()

    create()
    assert accepted, "no generated record was accepted: the test only saw refusals"


# --- the import reader -------------------------------------------------------------------------

CELL = st.one_of(
    st.none(),
    TEXT.map(customer_import.xlsx_io.excel_text),
    NEAR_VALID.map(customer_import.xlsx_io.excel_text),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=Decimal(10**12)),
)


@st.composite
def _workbook(draw: st.DrawFn) -> tuple[str, list[str], list[list[Any]]]:
    category = draw(st.sampled_from([c.key for c in current_template().categories]))
    headers = [c.header for c in customer_import.import_columns(category)]
    chosen = draw(st.lists(st.sampled_from(headers), max_size=len(headers), unique=True))
    junk = draw(st.lists(TEXT.map(customer_import.xlsx_io.excel_text), max_size=2))
    columns = chosen + junk
    rows = draw(st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), max_size=5))
    return category, columns, rows


def _save(path: Path, columns: list[str], rows: list[list[Any]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(columns)
    for row in rows:
        ws.append(row)
    wb.save(path)


def _dry_run(branch: Branch, manager: Actor, path: Path, category: str) -> None:
    try:
        report = customer_import.dry_run(branch.archive, manager, path, category=category)
    except AppError as exc:
        _clear(exc, "import")
        return
    assert report.status in ("clean", "rejected"), report.status
    for problem in report.problems:
        _clear(problem.message, f"import row {problem.row}")
    _clear(report.summary(), "import summary")


@_settings(30, 1000)
@given(book=_workbook())
def test_the_import_reader_on_random_workbooks(
    branch: Branch, manager: Actor, tmp_path: Path, book: tuple[str, list[str], list[list[Any]]]
) -> None:
    category, columns, rows = book
    path = tmp_path / "random.xlsx"
    with Counter("import") as count:
        _save(path, columns, rows)
        _dry_run(branch, manager, path, category)
        count.tick()


@_settings(30, 500)
@given(book=_workbook(), seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 8))
def test_the_import_reader_on_damaged_files(
    branch: Branch,
    manager: Actor,
    tmp_path: Path,
    book: tuple[str, list[str], list[list[Any]]],
    seed: int,
    flips: int,
) -> None:
    category, columns, rows = book
    path = tmp_path / "damaged.xlsx"
    _save(path, columns, rows)
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    if rng.random() < 0.2:
        data = data[: rng.randrange(len(data))]
    path.write_bytes(bytes(data))
    with Counter("import-bytes") as count:
        _dry_run(branch, manager, path, category)
        count.tick()


# --- the template loader -----------------------------------------------------------------------

V1 = (default_folder() / "v1.toml").read_text("utf-8")
V1_LINES = V1.splitlines(keepends=True)
TOML_BITS = st.sampled_from(
    ['"x"', "1", "-1", "true", "[]", "{}", "[[", "]]", "=", '"', "'", "#", "\\", "\n", "1979-05-27"]
)


@st.composite
def _mutated_template(draw: st.DrawFn) -> bytes:
    lines = list(V1_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "replace", "value", "insert", "chars"]))
        if how == "drop":
            del lines[i]
        elif how == "replace":
            lines[i] = draw(TEXT) + "\n"
        elif how == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {draw(st.one_of(TOML_BITS, TEXT.map(repr)))}\n"
        elif how == "insert":
            lines.insert(i, draw(st.one_of(TOML_BITS, TEXT)) + "\n")
        elif lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + draw(st.one_of(TOML_BITS, TEXT)) + lines[i][j + 1 :]
    raw = "".join(lines).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    if draw(st.integers(0, 19)) == 0:
        raw = raw.replace(b"\xe5", b"\xff", 1)  # not UTF-8 any more
    return raw


@_settings(100, 2000)
@given(raw=_mutated_template())
def test_the_template_loader_on_mutated_files(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "v1.toml"
    path.write_bytes(raw)
    with Counter("template") as count:
        try:
            load_template(path)
        except TemplateError as exc:
            _clear(exc.problem, f"template line {exc.line}")
        count.tick()


# --- the command line ----------------------------------------------------------------------------

_PARSER = cli._parser()
_SKIPPED = {"demo", "selftest"}  # real work (a demo archive, a self-test archive), not input


def _commands() -> tuple[list[list[str]], list[str]]:
    commands: list[list[str]] = []
    options: set[str] = set()

    def walk(parser: Any, prefix: list[str]) -> None:
        for action in parser._actions:
            options.update(o for o in action.option_strings if o.startswith("--"))
            if action.choices and hasattr(action, "_name_parser_map"):
                for name, sub in action._name_parser_map.items():
                    if name not in _SKIPPED:
                        commands.append([*prefix, name])
                        walk(sub, [*prefix, name])

    walk(_PARSER, [])
    return commands, sorted(options - {"--help", "--version"})


COMMANDS, OPTIONS = _commands()


@pytest.fixture
def cli_place(branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A working folder with the branch's archive, a file and nothing else; no terminal."""
    work = tmp_path / "cli"
    work.mkdir()
    (work / "note.txt").write_text("不是档案", "utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def no_gui(argv: object = None) -> int:
        raise AssertionError("random arguments started the GUI")

    import app.__main__

    monkeypatch.setattr(app.__main__, "main", no_gui)
    branch.archive.close()
    return [str(branch.root), "note.txt", "missing", "admin", "keeper", "individual"]


@st.composite
def _argv(draw: st.DrawFn, places: list[str]) -> list[str]:
    argv = list(draw(st.sampled_from(COMMANDS)))
    token = st.one_of(
        st.sampled_from(OPTIONS),
        st.sampled_from(places),
        TEXT.filter(lambda t: t not in _SKIPPED),
        st.integers(-5, 10**6).map(str),
        st.sampled_from(["-h", "--", "-", "--as", "--archive", "--out", "x.pdf", "x.xlsx"]),
    )
    return argv + draw(st.lists(token, max_size=8))


@_settings(200, 1500)
@given(data=st.data())
def test_the_command_line_on_random_arguments(
    cli_place: list[str], capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    argv = data.draw(_argv(cli_place), label="argv")
    if "-h" in argv or "--help" in argv:
        argv = [a for a in argv if a not in ("-h", "--help")]
    with Counter("cli") as count:
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse: a usage error (2)
            out, err = capsys.readouterr()
            assert exc.code == 2, (argv, exc.code, err)
            assert "usage:" in err or "用法" in err, (argv, err)
            count.tick()
            return
        out, err = capsys.readouterr()
        assert code != cli.EXIT_DEFECT, f"{argv}: {err}"
        assert code in (cli.EXIT_OK, cli.EXIT_PROBLEMS, cli.EXIT_ERROR), (argv, code)
        if code == cli.EXIT_ERROR:
            _clear(err, f"cli {argv}")
        assert "Traceback" not in out + err
        count.tick()
