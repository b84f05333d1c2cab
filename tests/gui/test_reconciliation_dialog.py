"""帐实核对 driven as the custodian drives it: scan numbers with Enter, 核对, sign with the password."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.security.roles import Role
from app.views.context import SessionContext
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.reconciliation_dialog import ReconciliationDialog
from app.workflows import checkout, customers, reconciliation
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer, resident_id

UNKNOWN = "LY-0101G2099999999"


@pytest.fixture
def shelf(branch: Branch) -> dict[str, str]:
    """A, B and D recorded in A1/12, C in A1/14 (out), E in B2/1."""
    manager = branch.add_user("manager", [Role.MANAGER])
    places = {"A": ("A1", "12"), "B": ("A1", "12"), "C": ("A1", "14"), "D": ("A1", "12")}
    places["E"] = ("B2", "1")
    made: dict[str, str] = {}
    for i, (key, (cabinet, box)) in enumerate(places.items()):
        carriers: list[dict[str, Any]] = [{"kind": "纸质", "cabinet": cabinet, "box": box}]
        ref = create(
            branch, manager, farmer(f"客户{key}", resident_id(seq=f"3{i}0"), carriers=carriers)
        )
        customers.file_customer(branch.archive, manager, ref.id)
        made[key] = ref.archive_no
    carrier = checkout.find_archive(branch.archive, manager, made["C"]).carriers[0]
    checkout.check_out(
        branch.archive,
        manager,
        carrier.carrier_id,
        borrower_id=manager.user_id,
        purpose="贷款审查",
        due_on=checkout.local_today() + timedelta(days=3),
    )
    return made


@pytest.fixture
def keeper(branch: Branch) -> Actor:
    return branch.login("keeper")


@pytest.fixture
def dialog(qtbot, branch: Branch, keeper: Actor) -> ReconciliationDialog:
    widget = ReconciliationDialog(SessionContext(branch.archive, keeper))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def scan(qtbot, dialog: ReconciliationDialog, number: str) -> None:
    """What a barcode scanner does: type the number, press Enter."""
    qtbot.keyClicks(dialog.scan_edit, number)
    qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Return)


def set_text(qtbot, edit: Any, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)


def rows(dialog: ReconciliationDialog) -> list[tuple[str, ...]]:
    table = dialog.differences_table
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_scan_compare_and_sign(
    qtbot,
    branch: Branch,
    shelf: dict[str, str],
    dialog: ReconciliationDialog,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    set_text(qtbot, dialog.scope_cabinet, "A1")
    assert dialog.here_cabinet.text() == "A1"  # the place counted follows the scope
    set_text(qtbot, dialog.here_box, "12")
    for key in ("A", "B", "E"):
        scan(qtbot, dialog, shelf[key])
    scan(qtbot, dialog, UNKNOWN.lower())
    set_text(qtbot, dialog.here_box, "14")
    scan(qtbot, dialog, shelf["C"])
    # each Enter added a line and left the dialog open, the scan line empty and focused
    assert dialog.isVisible() and dialog.scan_edit.text() == ""
    assert dialog.lines_table.rowCount() == 5 and dialog.count_label.text() == "共 5 条"
    assert dialog.lines_table.item(3, 1).text() == UNKNOWN
    assert dialog.lines_table.item(4, 2).text() == "柜 A1 / 盒 14"

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "帐实不符" in dialog.verdict_label.text() and "4 处差异" in dialog.verdict_label.text()
    found = {(r[0], r[1]) for r in rows(dialog)}
    assert found == {
        ("缺失(应在架未找到)", shelf["D"]),
        ("在架但登记为借出", shelf["C"]),
        ("无此档案", UNKNOWN),
        ("存放位置不符", shelf["E"]),
    }
    misplaced = next(r for r in rows(dialog) if r[1] == shelf["E"])
    assert misplaced[3:5] == ("柜 B2 / 盒 1", "柜 A1 / 盒 12")
    assert "相符 2" in dialog.summary_label.text()

    # a wrong password: said in the dialog, nothing saved, the lines kept
    type_text(qtbot, dialog.password_edit, "not-my-password")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None and dialog.error_label.isVisible()
    assert "密码错误" in dialog.error_label.text() and dialog.password_edit.text() == ""
    assert dialog.lines_table.rowCount() == 5
    assert reconciliation.last_reconciliation(branch.archive) is None

    # the right one, confirmed with Enter in the password field
    type_text(qtbot, dialog.password_edit, PASSWORDS["keeper"])
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    saved = dialog.saved
    assert saved is not None and saved.valid and dialog.isVisible()
    assert (
        saved.serial in dialog.saved_label.text() and saved.fingerprint in dialog.saved_label.text()
    )
    assert not dialog.scan_edit.isEnabled() and dialog.print_button.isEnabled()
    assert reconciliation.reconciliation_valid(branch.archive, saved.id)
    assert saved.outcome.counts == {"missing": 1, "checked_out": 1, "unknown": 1, "misplaced": 1}
    assert "reconciliation.perform" in audit_actions(branch.archive, "keeper")

    # 打印报告 opens the preview; saving the PDF from it is recorded
    target = tmp_path / "report.pdf"
    when_visible(PdfPreviewDialog, lambda preview: (preview.save_to(target), preview.close()))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert saved.serial in text and shelf["D"] in text and "帐实不符" in text
    assert audit_actions(branch.archive, "keeper")[-1] == "reconciliation.print"
    assert messages.shown == []


def test_typed_or_pasted_numbers_and_a_removed_line(
    qtbot, shelf: dict[str, str], dialog: ReconciliationDialog
) -> None:
    set_text(qtbot, dialog.scope_cabinet, "A1")
    set_text(qtbot, dialog.scope_box, "12")
    dialog.scan_edit.setText(f"{shelf['A']} {shelf['B']}, {shelf['D']}")  # pasted, several at once
    qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Return)
    scan(qtbot, dialog, UNKNOWN)
    assert dialog.lines_table.rowCount() == 4
    dialog.lines_table.selectRow(3)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [dialog.lines_table.item(r, 1).text() for r in range(3)] == [
        shelf["A"],
        shelf["B"],
        shelf["D"],
    ]
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert rows(dialog) == [] and "帐实相符" in dialog.verdict_label.text()
    # a new scan makes the result shown stale: it is cleared until 核对 again
    scan(qtbot, dialog, shelf["E"])
    assert dialog.outcome is None and dialog.verdict_label.text() == ""


def test_a_place_outside_the_scope_is_refused_in_the_dialog(
    qtbot, shelf: dict[str, str], dialog: ReconciliationDialog
) -> None:
    set_text(qtbot, dialog.scope_cabinet, "A1")
    set_text(qtbot, dialog.here_cabinet, "B2")
    scan(qtbot, dialog, shelf["E"])
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible() and "不在核对范围" in dialog.error_label.text()
    assert dialog.lines_table.rowCount() == 1  # nothing lost


def test_closing_with_unsaved_lines_asks_first(
    qtbot,
    shelf: dict[str, str],
    dialog: ReconciliationDialog,
    messages: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan(qtbot, dialog, shelf["A"])
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.No)
    )
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.lines_table.rowCount() == 1
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
