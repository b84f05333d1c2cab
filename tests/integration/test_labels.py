"""Archive labels: an A4 sheet with each archive number and its barcode, never a customer's name."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest

from app.errors import InvalidInput, NotPermitted
from app.printing import labels as label_pdf
from app.security.roles import Role
from app.workflows import checkout, customers
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.integration.helpers import audit_rows, details, last_seq
from tests.integration.test_customers import create, farmer, resident_id

NAMES = ("欧阳春生", "谢秋菊", "梁冬至")


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "keeper": branch.login("keeper"),
    }


@pytest.fixture
def numbers(branch: Branch, people: dict[str, Actor]) -> list[str]:
    """Three archives: paper in A1, paper and disk in A1, a secret one in B2."""
    manager, keeper = people["manager"], people["keeper"]
    shelves: list[tuple[list[dict[str, Any]], str]] = [
        ([{"kind": "纸质", "cabinet": "A1", "box": "12", "folder": "3"}], "普通"),
        (
            [{"kind": "纸质", "cabinet": "A1", "box": "12"}, {"kind": "磁盘", "cabinet": "A1"}],
            "普通",
        ),
        ([{"kind": "纸质", "cabinet": "B2", "box": "1"}], "机密"),
    ]
    result = []
    for i, (carriers, tier) in enumerate(shelves):
        custodian = keeper if tier != "普通" else None
        data = farmer(NAMES[i], resident_id(seq=f"20{i}"), carriers=carriers, tier=tier)
        ref = create(branch, manager, data, custodian=custodian)
        customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
        result.append(ref.archive_no)
    return result


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_labels_carry_each_archive_number_and_no_name(
    branch: Branch, people: dict[str, Actor], numbers: list[str]
) -> None:
    manager = people["manager"]
    sheet = checkout.label_sheet(
        branch.archive, manager, archive_numbers=[n.lower() for n in numbers]
    )
    # one label per paper or disk carrier: 1 + 2 + 1
    assert sheet.count == 4 and sheet.archive_numbers == tuple(numbers)
    reader = pypdf.PdfReader(io.BytesIO(sheet.data))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.1)  # A4
    assert reader.metadata.title == "档案标签"
    text = _text(sheet.data)
    for number in numbers:
        assert number in text
    assert text.count(numbers[1]) == 2
    for name in NAMES:
        assert name not in text
        assert name[0] + "*" not in text  # not even the masked name
    assert "个人客户" in text and "机密" in text and "柜 A1 / 盒 12 / 卷 3" in text
    # the secret mark appears only on the secret archive's label: once
    assert len(re.findall("机密", text)) == 1


def test_all_carriers_of_a_cabinet(
    branch: Branch, people: dict[str, Actor], numbers: list[str]
) -> None:
    keeper = people["keeper"]
    sheet = checkout.label_sheet(branch.archive, keeper, cabinet="a1")
    assert sheet.count == 3 and set(sheet.archive_numbers) == set(numbers[:2])
    assert numbers[2] not in _text(sheet.data)
    with pytest.raises(InvalidInput, match="没有登记"):
        checkout.label_sheet(branch.archive, keeper, cabinet="Z9")
    with pytest.raises(InvalidInput, match="找不到档案编号"):
        checkout.label_sheet(branch.archive, keeper, archive_numbers=["LY-0101G2099999999"])
    with pytest.raises(InvalidInput):
        checkout.label_sheet(branch.archive, keeper)
    with pytest.raises(NotPermitted):
        checkout.label_sheet(branch.archive, people["staff"], cabinet="A1")


def test_a_full_sheet_runs_onto_a_second_page(
    branch: Branch, people: dict[str, Actor], numbers: list[str]
) -> None:
    labels = [
        label_pdf.ArchiveLabel(f"LY-0101G2026{i:06d}", "个人客户", "农户", "", "纸质", "柜 A1")
        for i in range(1, 16)
    ]
    out = io.BytesIO()
    assert label_pdf.render_labels(labels, out) == 2
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == 2
    assert "LY-0101G2026000015" in reader.pages[1].extract_text()
    assert "LY-0101G2026000014" in reader.pages[0].extract_text()
    # three labels already used on the sheet: the twelfth starts the second page
    out = io.BytesIO()
    assert label_pdf.render_labels(labels, out, skip=3) == 2
    second = pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[1].extract_text()
    assert "LY-0101G2026000012" in second and "LY-0101G2026000011" not in second


def test_the_barcode_fits_the_label_and_printing_is_audited(
    branch: Branch, people: dict[str, Actor], numbers: list[str]
) -> None:
    code = label_pdf.barcode(numbers[0], label_pdf.LABEL_WIDTH - 2 * label_pdf.PADDING)
    assert code.width <= label_pdf.LABEL_WIDTH - 2 * label_pdf.PADDING
    assert code.barWidth >= label_pdf.MIN_BAR
    sheet = checkout.label_sheet(branch.archive, people["manager"], archive_numbers=numbers[:1])
    seq = last_seq(branch.archive)
    checkout.record_label_print(branch.archive, people["manager"], sheet, "print")
    events = audit_rows(branch.archive, seq)
    assert [(e.actor, e.action) for e in events] == [("manager", "label.print")]
    assert details(events[0]) == {
        "count": 1,
        "output": "print",
        "first": numbers[0],
        "last": numbers[0],
    }


# --- the printed barcode reads back as the archive number ---------------------------------------


def _code128_table() -> dict[str, int]:
    """Bar/space widths ("212222") -> symbol value, from the Code 128 standard's pattern table."""
    from reportlab.graphics.barcode.code128 import _patterns

    widths = {"a": "1", "b": "2", "c": "3", "d": "4"}
    return {"".join(widths[ch.lower()] for ch in p): v for v, p in _patterns.items()}


def _decode_code128(runs: list[int]) -> str:
    """Decode bar/space pixel runs (first bar to last bar) of one Code 128 symbol row."""
    symbols = (len(runs) - 7) // 6
    assert len(runs) == 6 * symbols + 7, f"{len(runs)} runs is not a Code 128 row"
    module = sum(runs) / (11 * symbols + 13)
    table = _code128_table()
    values = []
    for i in range(symbols):
        chunk = runs[6 * i : 6 * i + 6]
        key = "".join(str(max(1, round(r / module))) for r in chunk)
        values.append(table[key])
    stop = "".join(str(max(1, round(r / module))) for r in runs[-7:])
    assert stop == "2331112", "no stop pattern"
    start, *data, check = values
    assert (start + sum(i * v for i, v in enumerate(data, 1))) % 103 == check, "bad checksum"
    text, code = "", {103: "A", 104: "B", 105: "C"}[start]
    for v in data:
        if (
            v in (99, 100, 101)
            and not (code == "A" and v == 101)
            and not (code == "B" and v == 100)
        ):
            code = {99: "C", 100: "B", 101: "A"}[v]
        elif code == "C":
            text += f"{v:02d}"
        else:
            text += chr(v + 32)
    return text


def _barcode_row(pdf: bytes, label_index: int, dpi: int = 600) -> list[int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        scale = dpi / 72
        bitmap = document[0].render(scale=scale, grayscale=True)
        try:
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            buffer = bytes(bitmap.buffer)
        finally:
            bitmap.close()
    finally:
        document.close()
    x0, y0 = label_pdf._origin(label_index)
    # a line across the middle of the bars (the barcode stands 2.5 mm above the label's edge)
    y_pt = y0 + 2.5 * label_pdf.mm + label_pdf.BARCODE_HEIGHT / 2
    row = round((label_pdf.PAGE_HEIGHT - y_pt) * scale)
    assert 0 <= row < height
    left, right = round(x0 * scale), round((x0 + label_pdf.LABEL_WIDTH) * scale)
    dark = [buffer[row * stride + x] < 128 for x in range(left, min(right, width))]
    first = dark.index(True)
    last = len(dark) - 1 - dark[::-1].index(True)
    runs, count = [], 1
    for a, b in zip(dark[first:last], dark[first + 1 : last + 1], strict=True):
        if a == b:
            count += 1
        else:
            runs.append(count)
            count = 1
    runs.append(count)
    return runs


def test_the_printed_barcode_scans_as_the_archive_number(
    branch: Branch, people: dict[str, Actor], numbers: list[str]
) -> None:
    sheet = checkout.label_sheet(branch.archive, people["keeper"], archive_numbers=numbers)
    # labels in order: numbers[0], numbers[1] (paper), numbers[1] (disk), numbers[2]
    expected = [numbers[0], numbers[1], numbers[1], numbers[2]]
    assert [_decode_code128(_barcode_row(sheet.data, i)) for i in range(4)] == expected
