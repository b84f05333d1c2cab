"""Reading and writing .xlsx files for the import and export, without temporary files.

Reading: :func:`read_workbook` gives the rows of one sheet as openpyxl reads
them in read-only mode with ``data_only=True`` (formulas as their cached
results, dates as datetimes, numbers as int or float). openpyxl builds an
object per cell (about 25 µs a cell), which alone would hold an import of
10,000 rows of 30 columns to a few hundred rows a second, so the rows come
from :func:`read_fast`, which reads the same XML itself and gives the same
values (tests compare it with openpyxl on workbooks written by openpyxl and
by hand as Excel writes them: shared strings, rich text, styled dates, sparse
cells, booleans, errors, entities, other namespaces).

:func:`read_fast` works at two levels. A scan with regular expressions takes
the sheet's rows in the one form Excel and openpyxl write them (a default
namespace, ``<c r="B2" s="1" t="s"><v>...</v></c>`` cells, inline strings
``<is><t>...</t></is>``), which an XML parser would spend most of the time on;
a row holding anything else (a formula, rich text, an entity such as ``&amp;``,
other attributes) is handed whole to ElementTree. Whatever the scan cannot
vouch for (another encoding or namespace prefix, comments, text between rows)
sends the whole sheet to the streaming ElementTree parse instead, and anything
that does not expect (a cell type it does not know, a damaged part) falls back
to :func:`read_openpyxl`, which also words the refusal of a file that is not a
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
import zlib
from collections.abc import Callable, Iterator, Sequence
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


#: what a damaged member of the zip raises while it is read (a bad deflate stream, a cut
#: file, a compression method nobody knows), besides zipfile.BadZipFile
_DAMAGED = (zlib.error, EOFError, NotImplementedError)


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
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        IndexError,
        OSError,
        ET.ParseError,
        *_DAMAGED,
    ):
        pass
    return read_openpyxl(path, prefer, cancelled, header_only)


def read_openpyxl(
    path: Path, prefer: str = "", cancelled: Cancelled | None = None, header_only: bool = False
) -> Sheet:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        TypeError,
        *_DAMAGED,
    ):
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
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, ET.ParseError, *_DAMAGED):
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

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_MAIN = "{" + _MAIN_NS + "}"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_C, _V, _T, _R, _IS, _ROW = (f"{_MAIN}{t}" for t in ("c", "v", "t", "r", "is", "row"))


class _Unexpected(Exception):
    """Something the streaming reader does not handle: openpyxl reads the file instead."""


class _NotPlain(Exception):
    """Something the scan does not vouch for: ElementTree parses the whole part instead."""


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


def _shared_strings(zf: zipfile.ZipFile, part: str | None, scan: bool = True) -> list[str]:
    if part is None:
        return []
    if scan:
        try:
            with zf.open(part) as source:
                return _scan_shared_strings(source)
        except _NotPlain:
            pass
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
    path: Path,
    prefer: str | None = "",
    cancelled: Cancelled | None = None,
    header_only: bool = False,
    *,
    scan: bool = True,
) -> Sheet:
    """The rows as :func:`read_openpyxl` gives them, read from the XML directly.

    ``scan=False`` skips the regular-expression scan and parses every part with
    ElementTree (the tests compare the two).
    """
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
        strings = _shared_strings(zf, by_type.get("sharedStrings"), scan)
        dates = _date_styles(zf, by_type.get("styles"))
        props = book_xml.find(f"{_MAIN}workbookPr")
        epoch = (
            CALENDAR_MAC_1904
            if props is not None and props.get("date1904") in ("1", "true")
            else CALENDAR_WINDOWS_1900
        )
        reader = _Cells(strings, dates, epoch)
        collector = _RowCollector(cancelled, header_only)
        if scan:
            try:
                with zf.open(sheet_part) as source:
                    _scan_sheet(source, reader, collector)
                return collector.sheet(path.name, title)
            except _NotPlain:
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
                values = reader.row(node)
                node.clear()  # the emptied row stays in the tree: a few dozen bytes
                if not collector.add(number, values):
                    break
    return collector.sheet(path.name, title)


class _ColumnIndex(dict[str, int]):
    """Column letters -> 0-based index, worked out the first time letters are asked for."""

    def __missing__(self, letters: str) -> int:
        index = self[letters] = _column(letters)
        return index


class _Cells:
    """Cell values of one workbook (its shared strings, date styles and calendar)."""

    def __init__(self, strings: list[str], dates: set[int], epoch: datetime) -> None:
        self.strings = strings
        self.dates = dates
        self.epoch = epoch
        #: column letters -> 0-based index, as the scan meets them
        self.columns = _ColumnIndex()
        #: the text of a date cell -> its datetime (dates repeat down a column)
        self.when: dict[str, datetime | str] = {}

    def row(self, node: Any) -> list[Any]:
        """The values of a parsed <row>, placed by their references."""
        values: list[Any] = []
        position = -1
        for cell in node:
            if cell.tag != _C:
                continue
            ref = cell.get("r")
            position = _column(ref) if ref else position + 1
            if position >= len(values):
                values.extend([None] * (position + 1 - len(values)))
            values[position] = self.value(cell)
        return values

    def value(self, cell: Any) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_IS)
            return None if inline is None else _rich_text(inline)
        v = cell.find(_V)
        return self.typed(kind, None if v is None else v.text, cell.get("s"))

    def typed(self, kind: str, text: str | None, style: str | None) -> Any:
        """A value from the text of its <v> (None when empty), its type and its style."""
        if text is None:
            return None
        if kind == "s":
            return self.strings[int(text)]
        if kind == "n":
            if style is not None and int(style) in self.dates:
                when = self.when.get(text)
                if when is None:
                    number = _number(text)
                    try:
                        when = from_excel(number, self.epoch)
                    except (OverflowError, ValueError):
                        when = "#VALUE!"
                    self.when[text] = when
                return when
            return _number(text)
        if kind == "b":
            return bool(int(text))
        if kind in ("str", "e"):
            return text
        if kind == "d":
            return from_ISO8601(text)
        raise _Unexpected(kind)


# The scan. Only what it can read without doubt matches these patterns: text without "<", "&",
# "\r" or characters XML forbids (which an XML parser would turn into something else or refuse),
# attributes in the order Excel and openpyxl write them. Everything else goes to ElementTree, a
# row or a whole part at a time.

_PLAIN = "[^<&\\r\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]*"
#: rows of sheetData: (attributes of <row/>) or (attributes of <row>, its content)
_ROW_RE = re.compile(r"<row\b([^>]*?)/>|<row\b([^>]*)>(.*?)</row>", re.S)
_ROW_START = re.compile(r"\s*<row(?=[\s>/])([^>]*)>")
_ROW_NUMBER = re.compile(r"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: cells: column letters, style, type, <v> text, inline <t> text
_CELL_RE = re.compile(
    r'<c r="([A-Z]{1,3})[1-9][0-9]*"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    rf'\s*(?:/>|>(?:<v>({_PLAIN})</v>|<is><t(?: xml:space="preserve")?>({_PLAIN})</t></is>)?</c>)'
)
#: shared strings: plain <t> text, or anything else in an <si> (rich text: ElementTree)
_SI_RE = re.compile(
    rf'<si><t(?: xml:space="preserve")?>({_PLAIN})</t></si>|<si>(.*?)</si>|<si\s*/>', re.S
)
_START_TAG = re.compile(r"<([A-Za-z_][\w.\-]*)(\s[^>]*?)?\s*(/?)>")
_NAMESPACES = re.compile(r"""\sxmlns(?::[\w.\-]+)?\s*=\s*(?:"[^"]*"|'[^']*')""")
_DEFAULT_MAIN = re.compile(r"""\sxmlns\s*=\s*(["'])""" + re.escape(_MAIN_NS) + r"\1")
_DECLARATION = re.compile(r"""<\?xml\s[^>]*?\?>""")
_ENCODING = re.compile(r"""\sencoding\s*=\s*["']([^"']*)["']""")
_READ = 1 << 20


def _pieces(source: Any, root: str, body: str, unit_end: bytes) -> tuple[str, Iterator[str]]:
    """The content of the element ``body`` (``root`` itself or a child of it) of an XML part,
    as text cut after whole ``unit_end`` elements, and the namespace declarations of the root,
    which must be ``root`` in the default namespace of SpreadsheetML. _NotPlain for anything
    else the scan does not vouch for (another encoding, a DOCTYPE, comments)."""
    marker = f"<{body}".encode()
    buffer = b""
    while True:
        chunk = source.read(_READ)
        buffer += chunk
        start = buffer.find(marker)
        if start >= 0 and buffer.find(b">", start) >= 0:
            break
        if not chunk:
            raise _NotPlain(f"no <{body}>")
    end = buffer.find(b">", start) + 1
    head = _text(buffer[:start].removeprefix(b"\xef\xbb\xbf"))
    declaration = _DECLARATION.match(head)
    if declaration is not None:
        encoding = _ENCODING.search(declaration.group(0))
        if encoding and encoding.group(1).lower().replace("-", "") != "utf8":
            raise _NotPlain(encoding.group(1))
        head = head[declaration.end() :]
    if "<!" in head or "<?" in head:  # a DOCTYPE, a comment, a processing instruction
        raise _NotPlain("head")
    tag = _START_TAG.fullmatch(_text(buffer[start:end]))
    if tag is None or tag.group(1) != body:
        raise _NotPlain(f"<{body}>")
    element = tag if root == body else _START_TAG.search(head)
    attributes = (element.group(2) or "") if element else ""
    if element is None or element.group(1) != root or not _DEFAULT_MAIN.search(attributes):
        raise _NotPlain("root")
    if root != body and tag.group(2):
        raise _NotPlain(f"attributes on <{body}>")
    declarations = " ".join(m.group(0).strip() for m in _NAMESPACES.finditer(attributes))
    if tag.group(3):  # empty
        return declarations, iter(())
    return declarations, _body(source, buffer[end:], f"</{body}>".encode(), unit_end)


def _body(source: Any, buffer: bytes, closing: bytes, unit_end: bytes) -> Iterator[str]:
    while True:
        end = buffer.find(closing)
        if end >= 0:
            yield _text(buffer[:end], body=True)
            return
        cut = buffer.rfind(unit_end)
        if cut >= 0:
            cut += len(unit_end)
            yield _text(buffer[:cut], body=True)
            buffer = buffer[cut:]
        chunk = source.read(_READ)
        if not chunk:
            raise _NotPlain("unterminated")
        buffer += chunk


def _text(data: bytes, body: bool = False) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _NotPlain("encoding") from None
    if body and ("<!" in text or "<?" in text or "]]>" in text):
        raise _NotPlain("comment, CDATA or processing instruction")
    return text


def _fragment(tag: str, declarations: str, content: str) -> Any:
    """``content`` parsed as the children of a <tag> in the part's namespaces."""
    try:
        return ET.fromstring(f"<{tag} {declarations}>{content}</{tag}>")
    except ET.ParseError:
        raise _NotPlain("fragment") from None


def _scan_sheet(source: Any, cells: _Cells, collector: _RowCollector) -> None:
    declarations, pieces = _pieces(source, "worksheet", "sheetData", b"</row>")
    expected = 0
    try:
        for text in pieces:
            for attributes, content in _rows(text):
                if "xmlns" in attributes:
                    raise _NotPlain("namespace on a row")
                found = _ROW_NUMBER.search(attributes)
                number = expected + 1
                if found is not None and (found.group(1) or found.group(2)):
                    number = int(found.group(1) or found.group(2))
                expected = number
                values = _scan_cells(content, cells, declarations) if content else []
                if not collector.add(number, values):
                    return
    except (ValueError, IndexError, KeyError, OverflowError, _Unexpected):
        raise _NotPlain("a value the scan does not read") from None


def _rows(text: str) -> Iterator[tuple[str, str | None]]:
    """(attributes, content) of each <row> in ``text``; content None for an empty <row/>."""
    pieces = text.split("</row>")
    for piece in pieces[:-1]:
        found = _ROW_START.match(piece)
        if found is not None and not found.group(1).endswith("/"):
            yield found.group(1), piece[found.end() :]
        else:  # empty rows before this one (<row r="7"/>), or something else
            yield from _rows_matched(piece + "</row>")
    if pieces[-1].strip():
        yield from _rows_matched(pieces[-1])


def _rows_matched(text: str) -> Iterator[tuple[str, str | None]]:
    parts = _ROW_RE.split(text)
    if "".join(parts[0::4]).strip():
        raise _NotPlain("text between rows")
    for empty, attributes, content in zip(parts[1::4], parts[2::4], parts[3::4], strict=True):
        yield (empty, None) if attributes is None else (attributes, content)


def _scan_cells(content: str, cells: _Cells, declarations: str) -> list[Any]:
    parts = _CELL_RE.split(content)
    if "".join(parts[0::6]).strip():  # not only plain cells: ElementTree reads the row
        return cells.row(_fragment("row", declarations, content))
    letters = parts[1::6]
    if not letters:
        return []
    kinds = parts[3::6]
    values = parts[5::6]  # the inline strings; the other cells are read below
    others = [i for i, kind in enumerate(kinds) if kind != "inlineStr"]
    if others:
        styles = parts[2::6]
        texts = parts[4::6]
        strings = cells.strings
        typed = cells.typed
        for i in others:
            kind, text = kinds[i], texts[i]
            if kind is None:
                values[i] = typed("n", text, styles[i]) if text else None
            elif kind == "s":
                values[i] = strings[int(text)] if text else None
            else:
                values[i] = typed(kind, text or None, styles[i])
    positions = list(map(cells.columns.__getitem__, letters))
    if positions[-1] == len(positions) - 1 and positions == list(range(len(positions))):
        return values  # every cell from A on, in order
    row: list[Any] = [None] * (max(positions) + 1)
    for position, value in zip(positions, values, strict=True):
        row[position] = value  # in document order: a repeated reference keeps the last
    return row


def _scan_shared_strings(source: Any) -> list[str]:
    declarations, pieces = _pieces(source, "sst", "sst", b"</si>")
    strings: list[str] = []
    for text in pieces:
        parts = _SI_RE.split(text)
        if "".join(parts[0::3]).strip():
            raise _NotPlain("text between strings")
        for plain, rich in zip(parts[1::3], parts[2::3], strict=True):
            if plain is not None:
                value = plain
            elif rich is not None:
                value = _rich_text(_fragment("si", declarations, rich))
            else:
                value = ""
            strings.append(value.replace("x005F_", ""))
    return strings


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
