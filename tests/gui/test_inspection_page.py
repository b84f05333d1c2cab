"""年度检查 driven as the inspector and the director drive it: taken there at login, the findings
and their records, the checklist, 提交签署 with the password, the director's signature, the report."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.security.roles import Role
from app.views.home_page import HomePage
from app.views.inspection_page import InspectionPage
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.signing_dialog import SigningDialog
from app.workflows import incidents, inspection
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible


@pytest.fixture
def inspector(branch: Branch) -> Actor:
    return branch.add_user("inspector", [Role.INSPECTOR])


@pytest.fixture
def director(branch: Branch) -> Actor:
    return branch.add_user("director", [Role.DIRECTOR])


def shown(widget: QWidget) -> bool:
    """Not hidden by the page (widgets on another tab are not visible, but not hidden either)."""
    return not widget.isHidden()


def column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def inspection_page(shell) -> InspectionPage:
    page = shell.window.stack.currentWidget()
    assert isinstance(page, InspectionPage)
    return page


def fill_checklist(qtbot, page: InspectionPage) -> None:
    """符合 everywhere but the storage item, which is 不符合 with a note typed in Chinese."""
    keys = [line.key for line in page.view.checklist]  # type: ignore[union-attr]
    for key, combo in zip(keys, page._result_combos, strict=True):
        combo.setCurrentIndex(combo.findData("fail" if key == "storage_place" else "pass"))
    note = page._note_edits[keys.index("storage_place")]
    note.setFocus()
    type_text(qtbot, note, "3 号柜锁损坏,月底前更换")


def test_the_inspector_is_taken_to_this_years_inspection(
    qtbot, make_shell, branch: Branch, inspector: Actor
) -> None:
    incidents.report(
        branch.archive,
        inspector,
        description="客户资料复印件遗落在柜台",
        discovered_at=date.today(),
        measures="已收回",
    )
    shell = make_shell(inspector)
    assert shell.window.current_area() == "inspection"
    page = inspection_page(shell)
    view = page.view
    assert view is not None and view.year == inspection.current_year()
    assert page.state_label.text() == "检查中"
    assert page.year_combo.currentText() == f"{view.year} 年度"
    # the severity is in words (and a mark), not only a colour
    results = column(page.findings_table, 0)
    assert len(results) == len(view.findings) == 13
    assert all(any(w in text for w in ("正常", "需关注", "问题")) for text in results)
    titles = column(page.findings_table, 1)
    row = titles.index("未结案的泄露事件")
    assert "问题" in results[row]

    page.findings_table.selectRow(row)
    serial = view.finding("open_incidents").items[0].ref
    assert column(page.items_table, 0) == [serial]
    assert "共 1 项" in page.items_label.text()
    assert "inspection.open" in audit_actions(branch.archive, "inspector")


def test_checklist_and_submission_with_the_password(
    qtbot, make_shell, branch: Branch, inspector: Actor, messages: MessageBoxes
) -> None:
    shell = make_shell(inspector)
    page = inspection_page(shell)
    view = page.view
    assert view is not None and shown(page.submit_button)
    assert not page.save_button.isEnabled()  # nothing to save yet

    fill_checklist(qtbot, page)
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = inspection.load(branch.archive, inspector, view.id)
    line = next(c for c in saved.checklist if c.key == "storage_place")
    assert (line.result_label, line.note) == ("不符合", "3 号柜锁损坏,月底前更换")
    assert saved.unchecked == 0 and not page.save_button.isEnabled()

    page.tabs.setCurrentIndex(2)
    qtbot.keyClicks(page.password_edit, "Falsch2026x")
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert shown(page.sign_error) and "密码" in page.sign_error.text()
    assert page.password_edit.text() == ""
    assert inspection.load(branch.archive, inspector, view.id).state == "open"

    qtbot.keyClicks(page.password_edit, PASSWORDS["inspector"])
    qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)  # Enter submits
    done = inspection.load(branch.archive, inspector, view.id)
    assert done.state == "submitted" and done.serial.startswith("JC-")
    assert page.state_label.text() == "待主任签署"
    assert not shown(page.submit_button) and not page.refresh_button.isEnabled()
    assert all(not combo.isEnabled() for combo in page._result_combos)
    assert column(page.signatures_table, 0) == ["检查人员"]
    assert column(page.signatures_table, 5) == ["有效"]
    assert f"第 {done.chain_seq} 条" in page.chain_label.text()
    assert any(done.serial in text and "主任签署" in text for text in messages.texts)
    assert "inspection.submit" in audit_actions(branch.archive, "inspector")

    # submitted: the next login goes to the home page
    again = make_shell(inspector)
    assert isinstance(again.window.stack.currentWidget(), HomePage)


def test_the_director_signs_and_prints(
    qtbot, make_shell, branch: Branch, inspector: Actor, director: Actor
) -> None:
    view = inspection.open_inspection(branch.archive, inspector)
    answers = {line.key: ("符合", "") for line in view.checklist}
    inspection.save_checklist(branch.archive, inspector, view.id, answers)
    inspection.submit(branch.archive, inspector, view.id, PASSWORDS["inspector"])

    shell = make_shell(director)
    shell.window.show_area("inspection")
    page = inspection_page(shell)
    assert page.state_label.text() == "待主任签署"
    assert shown(page.sign_button) and not shown(page.submit_button)
    assert not shown(page.refresh_button)
    seen: dict[str, object] = {}

    def sign_as_director(dialog: QWidget) -> None:
        assert isinstance(dialog, SigningDialog)
        seen["signer"] = dialog.signer_combo.currentData()
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["director"])
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    when_visible(SigningDialog, sign_as_director)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert seen["signer"] == "director"
    assert page.state_label.text() == "已签署"
    assert column(page.signatures_table, 0) == ["检查人员", "主任签署"]
    assert column(page.signatures_table, 5) == ["有效", "有效"]
    assert not shown(page.sign_button)
    assert "只能查看和打印" in page.banner.text()

    def look_and_print(dialog: QWidget) -> None:
        assert isinstance(dialog, PdfPreviewDialog)
        seen["pages"] = len(dialog.page_labels)
        dialog._on_print()  # what 打印… reports once the system dialog has printed
        dialog.reject()

    when_visible(PdfPreviewDialog, look_and_print)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert int(seen["pages"]) >= 1  # type: ignore[call-overload]
    assert "inspection.print" in audit_actions(branch.archive, "director")


def test_a_year_without_a_record_for_the_director(
    qtbot, make_shell, branch: Branch, director: Actor
) -> None:
    shell = make_shell(director)
    page = shell.window.show_area("inspection")
    assert isinstance(page, InspectionPage)
    assert page.view is None
    assert "尚未开始检查" in page.empty_label.text() and page.tabs.isHidden()
    assert not page.print_button.isEnabled()
