"""The import dialog and the export action, driven as a person drives them.

The file dialogs are patched to return a real workbook written in tmp_path;
message boxes are recorded (tests/gui/conftest.py). The import runs on the
dialog's worker thread, so the tests wait for it the way a person waits for
the progress bar.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget

from app.models import Customer
from app.security.roles import Role
from app.views import copy_actions
from app.views.context import SessionContext
from app.views.copy_request_dialog import CopyRequestDialog
from app.views.import_dialog import ImportDialog
from app.workflows import customer_import as ci
from tests.conftest import Branch
from tests.gui.conftest import MessageBoxes, when_visible
from tests.integration.test_import import fill, person


@pytest.fixture
def ctx(branch: Branch) -> SessionContext:
    manager = branch.add_user("manager", [Role.MANAGER])
    return SessionContext(branch.archive, manager)


@pytest.fixture
def dialog(qtbot, ctx: SessionContext) -> ImportDialog:
    made = ImportDialog(ctx)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def choose(qtbot, monkeypatch: pytest.MonkeyPatch, dialog: ImportDialog, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "Excel (*.xlsx)"))
    )
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)


def click_and_wait(qtbot, dialog: ImportDialog, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)


def customers_in(ctx: SessionContext) -> int:
    with ctx.archive.unit_of_work() as uow:
        return int(uow.session.scalar(sa.select(sa.func.count()).select_from(Customer)) or 0)


def problems_shown(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    table = dialog.problem_table
    return [
        tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def test_check_shows_problems_then_the_fixed_file_imports(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    dialog: ImportDialog,
    ctx: SessionContext,
    messages: MessageBoxes,
    config_dir: Path,
    tmp_path: Path,
) -> None:
    path = tmp_path / "名单.xlsx"
    fill(path, [person(1), person(2, 证件号码="43138219800101123"), person(3, 性别="未知")])
    assert not dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()
    choose(qtbot, monkeypatch, dialog, path)
    assert dialog.file_edit.text() == str(path)
    assert dialog.category() == "individual"
    assert dialog.mapping_table.rowCount() > 20
    assert dialog.mapping()["证件号码*"] == "id_number"
    assert not dialog.import_button.isEnabled()

    click_and_wait(qtbot, dialog, dialog.check_button)
    shown = problems_shown(dialog)
    assert ("3", "证件号码*") in [(r, c) for r, c, _ in shown]
    assert ("4", "性别") in [(r, c) for r, c, _ in shown]
    assert "2 个问题" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()

    fill(path, [person(1), person(2), person(3)])  # the person fixes the file
    click_and_wait(qtbot, dialog, dialog.check_button)
    assert problems_shown(dialog) == []
    assert "检查通过" in dialog.summary_label.text()
    assert dialog.import_button.isEnabled() and customers_in(ctx) == 0

    values: list[int] = []
    dialog.progress_bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    report = imported.args[0]
    assert report.status == ci.STATUS_IMPORTED and report.imported == 3
    assert customers_in(ctx) == 3
    assert values and dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert messages.last().kind == "information" and "已导入 3 份" in messages.last().text
    assert not dialog.isVisible()
    assert (config_dir / ci.MAPPING_FILE).is_file()


def test_mapping_table_maps_own_headers_and_is_remembered(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    ctx: SessionContext,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    workbook = openpyxl.Workbook()
    row = person(1)
    headers = ["客户姓名" if h == "姓名" else h for h in row]
    workbook.active.append(headers)
    workbook.active.append(list(row.values()))
    path = tmp_path / "own.xlsx"
    workbook.save(path)

    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, monkeypatch, dialog, path)
    assert dialog.mapping()["客户姓名"] == ci.IGNORE
    click_and_wait(qtbot, dialog, dialog.check_button)
    assert ("1", "姓名") in [(r, c) for r, c, _ in problems_shown(dialog)]
    assert not dialog.import_button.isEnabled()

    combo = dialog.mapping_table.cellWidget(headers.index("客户姓名"), 1)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("name"))
    assert dialog.mapping()["客户姓名"] == "name"
    click_and_wait(qtbot, dialog, dialog.check_button)
    assert problems_shown(dialog) == []
    combo.setCurrentIndex(combo.findData(ci.IGNORE))  # a change after the check
    assert not dialog.import_button.isEnabled()
    combo.setCurrentIndex(combo.findData("name"))
    click_and_wait(qtbot, dialog, dialog.check_button)
    click_and_wait(qtbot, dialog, dialog.import_button)
    assert customers_in(ctx) == 1
    assert ci.remembered_mapping("individual")["客户姓名"] == "name"

    again = ImportDialog(ctx)
    qtbot.addWidget(again)
    again.show()
    choose(qtbot, monkeypatch, again, path)
    assert again.mapping()["客户姓名"] == "name"


def test_cancel_rolls_the_import_back(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    dialog: ImportDialog,
    ctx: SessionContext,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    path = fill(tmp_path / "many.xlsx", [person(n) for n in range(1, 2001)])
    choose(qtbot, monkeypatch, dialog, path)
    click_and_wait(qtbot, dialog, dialog.check_button)
    assert dialog.import_button.isEnabled()

    def cancel_on_first_progress(value: int) -> None:
        if dialog.running and value > 0 and dialog.cancel_button.isEnabled():
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    dialog.progress_bar.valueChanged.connect(cancel_on_first_progress)
    assert not dialog.cancel_button.isEnabled()
    click_and_wait(qtbot, dialog, dialog.import_button)
    assert dialog.last_report is not None
    assert dialog.last_report.status == ci.STATUS_CANCELLED
    assert customers_in(ctx) == 0
    assert messages.last().title == "已取消" and "没有建立任何档案" in messages.last().text
    assert dialog.isVisible()
    assert not dialog.import_button.isEnabled()  # check again before importing
    assert dialog.check_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_unreadable_file_is_refused_with_a_message(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    dialog: ImportDialog,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    choose(qtbot, monkeypatch, dialog, path)
    assert messages.last().kind == "warning" and "有效的 Excel" in messages.last().text
    assert dialog.file_edit.text() == "" and not dialog.check_button.isEnabled()


def test_blank_workbook_is_saved_where_chosen(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    dialog: ImportDialog,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    target = tmp_path / "blank.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("organisation"))
    qtbot.mouseClick(dialog.blank_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    assert "统一社会信用代码*" in ci.read_workbook(target).headers
    assert "已保存空白导入表" in messages.last().text


def test_exporting_own_customers_starts_as_a_copy_request_for_all_of_them(
    qtbot,
    ctx: SessionContext,
    messages: MessageBoxes,
    tmp_path: Path,
) -> None:
    """Exporting is copying (article 17.1): the button asks for approval first."""
    ci.import_customers(
        ctx.archive,
        ctx.actor,
        fill(tmp_path / "in.xlsx", [person(1), person(2)]),
        category="individual",
    )
    seen: dict[str, object] = {}

    def look(widget: QWidget) -> None:
        assert isinstance(widget, CopyRequestDialog)
        seen["customers"] = len(widget.picker.candidates)
        seen["forms"] = widget.forms()
        widget.reject()

    when_visible(CopyRequestDialog, look)
    assert copy_actions.request_copy(ctx, None, forms=["excel"], own=True) is None
    assert seen == {"customers": 2, "forms": ["excel"]}
