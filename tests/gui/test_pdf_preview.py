"""The print preview: real pages from a real PDF, printed through QPrinter and read back."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.errors import InvalidInput
from app.printing.consultation_form import render_blank_form
from app.views.pdf_preview_dialog import PdfPreviewDialog


def blank_form() -> bytes:
    out = io.BytesIO()
    render_blank_form(
        out, branch_name="涟源市某某信用社", printed_by="王晓明", printed_at=datetime(2026, 3, 3)
    )
    return out.getvalue()


def test_preview_shows_every_page_and_zooms(qtbot: QtBot) -> None:
    data = blank_form()
    dialog = PdfPreviewDialog(data, "查阅申请表", "查阅申请表.pdf")
    qtbot.addWidget(dialog)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert len(dialog.page_labels) == pages
    width = dialog.page_labels[0].pixmap().width()
    dialog.zoom.setCurrentIndex(dialog.zoom.count() - 1)
    assert len(dialog.page_labels) == pages
    assert dialog.page_labels[0].pixmap().width() > width


def test_printing_renders_the_pages_and_reports_it(qtbot: QtBot, tmp_path: Path) -> None:
    data = blank_form()
    dialog = PdfPreviewDialog(data, "查阅申请表", "查阅申请表.pdf")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == len(PdfReader(io.BytesIO(data)).pages)
    # the page carries the rendered image (a real drawing, not an empty page)
    assert (tmp_path / "printed.pdf").stat().st_size > 20_000


def test_save_writes_the_same_bytes_and_tells_the_caller(qtbot: QtBot, tmp_path: Path) -> None:
    saved: list[Path] = []
    data = blank_form()
    dialog = PdfPreviewDialog(data, "查阅申请表", "表.pdf", on_save=saved.append)
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / "申请表")
    assert (tmp_path / "申请表.pdf").read_bytes() == data
    assert saved == [tmp_path / "申请表.pdf"]


def test_a_damaged_pdf_is_a_clear_message(qtbot: QtBot) -> None:
    with pytest.raises(InvalidInput) as refused:
        PdfPreviewDialog(b"%PDF-1.4 broken", "表", "表.pdf")
    assert "损坏" in str(refused.value)
