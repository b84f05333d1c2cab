"""Reading and writing .xlsx files for the import and export, without temporary files.

Reading: :func:`read_workbook` gives the rows of one sheet as openpyxl reads
them in read-only mode with ``data_only=True`` (formulas as their cached
results, dates as datetimes, numbers as int or float). openpyxl builds an
object per cell (about 25 µs a cell), which alone would hold an import of
10,000 rows of 30 columns to a few hundred rows a second, so the rows come
from :func:`read_fast`, a streaming ElementTree parse of the same XML giving
the same values (tests compare the two on workbooks written by openpyxl and
by hand as Excel writes them: shared strings, rich text, styled dates, sparse
cells, booleans, errors). Anything it does not expect (another namespace, a
cell type it does not know, a damaged part) falls back to
:func:`read_openpyxl`, which also words the refusal of a file that is not a
workbook.

Writing: openpyxl spools every worksheet through a NamedTemporaryFile (a
plaintext copy of the sheet in the temp folder) before zipping it;
:func:`save` builds each sheet in memory and writes the zip straight into
the destination, and removes a partial file when writing fails.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from app.errors import InvalidInput

Cancelled = Callable[[], bool]


@dataclass
class Sheet:
    """The rows of a workbook's data sheet, as openpyxl read them."""

    name: str
    title: str
    #: header text per column ("" where the header cell is empty)
    headers: list[str]
    #: (Excel row number, cell values) of every non-blank row below the header
    rows: list[tuple[int, tuple[Any, ...]]]


def blank_cell(value: object) -> bool:
    """None or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def read_workbook(
    path: str | Path,
    *,
    prefer: str = "",
    cancelled: Cancelled | None = None,
    header_only: bool = False,
) -> Sheet:
    """The sheet titled ``prefer`` (else the first) of an .xlsx, as openpyxl reads it in
    read-only mode with ``data_only=True`` (formulas give their cached results).

    Blank rows are skipped; row numbers are Excel's (the header is row 1).
    ``cancelled()`` is asked every hundred rows (the rows read so far are
    returned); ``header_only`` stops after row 1.
    """
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"找不到文件“{path.name}”。")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InvalidInput(
            f"“{path.name}”不是 .xlsx 文件。请在 Excel 中“另存为”Excel 工作簿(.xlsx)后再导入。"
        )
    try:
        return read_fast(path, prefer, cancelled, header_only)
    except _Unexpected:
        pass
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, OSError, ET.ParseError):
        pass
    return read_openpyxl(path, prefer, cancelled, header_only)


def read_openpyxl(
    path: Path, prefer: str = "", cancelled: Cancelled | None = None, header_only: bool = False
) -> Sheet:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise InvalidInput(
            f"无法读取“{path.name}”:文件不是有效的 Excel 工作簿,或已加密、已损坏。"
            "请在 Excel 中打开确认后另存为 .xlsx 再导入。"
        ) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[prefer] if prefer and prefer in names else workbook.worksheets[0]
        sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
        collector = _RowCollector(cancelled, header_only)
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not collector.add(number, values):
                break
        title = sheet.title
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile):
        raise InvalidInput(f"“{path.name}”的内容无法读取,文件可能已损坏。") from None
    finally:
        workbook.close()
    return collector.sheet(path.name, title)


class _RowCollector:
    """Header and non-blank rows as they stream in."""

    def __init__(self, cancelled: Cancelled | None, header_only: bool = False) -> None:
        self.cancelled = cancelled
        self.header_only = header_only
        self.headers: list[str] = []
        self.rows: list[tuple[int, tuple[Any, ...]]] = []

    def add(self, number: int, values: Sequence[Any]) -> bool:
        if number == 1:
            self.headers = [
                "" if blank_cell(v) else re.sub(r"\s+", " ", str(v)).strip() for v in values
            ]
            return not self.header_only
        if self.cancelled is not None and number % 100 == 0 and self.cancelled():
            return False
        if not all(blank_cell(v) for v in values):
            self.rows.append((number, tuple(values)))
        return True

    def sheet(self, name: str, title: str) -> Sheet:
        width = max([len(self.headers), *(len(v) for _, v in self.rows)], default=0)
        headers = self.headers + [""] * (width - len(self.headers))
        return Sheet(name, title, headers, self.rows)


# --- the streaming reader ------------------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_C, _V, _T, _R, _IS, _ROW = (f"{_MAIN}{t}" for t in ("c", "v", "t", "r", "is", "row"))


class _Unexpected(Exception):
    """Something the streaming reader does not handle: openpyxl reads the file instead."""


def _part(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _relations(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    root = ET.fromstring(zf.read(rels))
    return {
        r.get("Id", ""): (r.get("Type", ""), _part(folder, r.get("Target", "")))
        for r in root.iter(f"{_PKG_RELS}Relationship")
        if r.get("TargetMode") != "External"
    }


def _rich_text(node: Any) -> str:
    """The text of a <si> or <is>: its <t>, or the <t> of each run (phonetic runs left out)."""
    parts = []
    for child in node:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            t = child.find(_T)
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)


def _shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None:
        return []
    strings: list[str] = []
    si = f"{_MAIN}si"
    with zf.open(part) as source:
        for _, node in ET.iterparse(source):
            if node.tag == si:
                strings.append(_rich_text(node).replace("x005F_", ""))
                node.clear()
    return strings


def _date_styles(zf: zipfile.ZipFile, part: str | None) -> set[int]:
    """Indexes of the cell styles whose number format is a date (as openpyxl decides)."""
    if part is None:
        return set()
    root = ET.fromstring(zf.read(part))
    custom = {
        int(n.get("numFmtId", "-1")): n.get("formatCode", "") for n in root.iter(f"{_MAIN}numFmt")
    }
    found: set[int] = set()
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return found
    for index, xf in enumerate(xfs.iter(f"{_MAIN}xf")):
        number = int(xf.get("numFmtId", "0"))
        fmt = custom.get(number) or BUILTIN_FORMATS.get(number) or ""
        if fmt and is_date_format(fmt):
            found.add(index)
    return found


def _column(ref: str) -> int:
    """0-based column of a cell reference (A1 -> 0, AB12 -> 27)."""
    index = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        else:
            break
    return index - 1


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def read_fast(
    path: Path, prefer: str = "", cancelled: Cancelled | None = None, header_only: bool = False
) -> Sheet:
    with zipfile.ZipFile(path) as zf:
        root_rels = ET.fromstring(zf.read("_rels/.rels"))
        book = next(
            _part("", r.get("Target", ""))
            for r in root_rels.iter(f"{_PKG_RELS}Relationship")
            if r.get("Type", "").endswith("/officeDocument")
        )
        book_xml = ET.fromstring(zf.read(book))
        if book_xml.tag != f"{_MAIN}workbook":
            raise _Unexpected(book_xml.tag)
        rels = _relations(zf, book)
        sheets = [
            (s.get("name", ""), s.get(f"{_DOC_RELS}id", "")) for s in book_xml.iter(f"{_MAIN}sheet")
        ]
        if not sheets:
            raise _Unexpected("no sheets")
        title, rid = next(((n, r) for n, r in sheets if prefer and n == prefer), sheets[0])
        sheet_part = rels[rid][1]
        by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
        strings = _shared_strings(zf, by_type.get("sharedStrings"))
        dates = _date_styles(zf, by_type.get("styles"))
        props = book_xml.find(f"{_MAIN}workbookPr")
        epoch = (
            CALENDAR_MAC_1904
            if props is not None and props.get("date1904") in ("1", "true")
            else CALENDAR_WINDOWS_1900
        )
        collector = _RowCollector(cancelled, header_only)
        with zf.open(sheet_part) as source:
            expected = 0
            for _, node in ET.iterparse(source):
                if node.tag != _ROW:
                    if node.tag == f"{_MAIN}worksheet":
                        break
                    continue
                number = int(node.get("r") or expected + 1)
                expected = number
                values: list[Any] = []
                position = -1
                for cell in node:
                    if cell.tag != _C:
                        continue
                    ref = cell.get("r")
                    position = _column(ref) if ref else position + 1
                    if position >= len(values):
                        values.extend([None] * (position + 1 - len(values)))
                    values[position] = _cell_value(cell, strings, dates, epoch)
                node.clear()  # the emptied row stays in the tree: a few dozen bytes
                if not collector.add(number, values):
                    break
    return collector.sheet(path.name, title)


def _cell_value(cell: Any, strings: list[str], dates: set[int], epoch: datetime) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_IS)
        return None if inline is None else _rich_text(inline)
    v = cell.find(_V)
    text = None if v is None else v.text
    if text is None:
        return None
    if kind == "s":
        return strings[int(text)]
    if kind == "n":
        value = _number(text)
        style = cell.get("s")
        if style is not None and int(style) in dates:
            try:
                return from_excel(value, epoch)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return value
    if kind == "b":
        return bool(int(text))
    if kind in ("str", "e"):
        return text
    if kind == "d":
        return from_ISO8601(text)
    raise _Unexpected(kind)


# --- workbooks written without temporary files -------------------------------------------------


class _InMemoryExcelWriter(ExcelWriter):
    """openpyxl's writer with every worksheet built in memory.

    openpyxl spools each worksheet through a NamedTemporaryFile before zipping
    it; for a file of customer data that is a plaintext copy on disk. Here the
    sheet XML goes to a BytesIO and from there into the destination zip.
    """

    def write_worksheet(self, ws: Any) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if self.workbook.write_only:
            if not ws.closed:
                ws.close()
            writer = ws._writer
        else:
            writer = WorksheetWriter(ws, out=BytesIO())
            writer.write()
        if not isinstance(writer.out, BytesIO):  # never a file: see the class notes
            raise RuntimeError("worksheet spooled to disk")
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)


def streaming_sheet(workbook: Workbook, title: str, widths: Sequence[float] = ()) -> Any:
    """A write-only sheet whose rows go to memory (column widths must be set first)."""
    ws = workbook.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws._writer = WorksheetWriter(ws, out=BytesIO())
    ws._writer.write_top()
    return ws


def save(workbook: Workbook, path: Path) -> None:
    """Write the workbook into ``path`` and nowhere else; a failure leaves no partial file."""
    try:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            _InMemoryExcelWriter(workbook, archive).save()
    except OSError:
        path.unlink(missing_ok=True)
        raise InvalidInput(
            f"无法写入“{path.name}”:文件可能正在 Excel 中打开,或没有写入权限、磁盘已满。"
            "请关闭该文件或另选位置后重试。"
        ) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def xlsx_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    if not path.parent.is_dir():
        raise InvalidInput(f"文件夹“{path.parent}”不存在,请另选保存位置。")
    return path


def excel_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def safe_cell(ws: Any, value: object) -> object:
    """A value for a write-only row: text that looks like a formula stays text."""
    if isinstance(value, str):
        value = excel_text(value)
        if value.startswith(("=", "+", "-", "@")) and len(value) > 1:
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    return value
