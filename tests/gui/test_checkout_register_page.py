"""出入登记 in the registers area: overdue lines stand out in words, 登记借出 and 登记归还 by scan."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from app.models import CheckoutRecord
from app.security.roles import Role
from app.views.checkin_dialog import CheckinDialog
from app.views.checkout_dialog import CheckoutDialog
from app.views.checkout_register_page import CheckoutRegisterPage
from app.views.context import SessionContext
from app.views.label_print_dialog import LabelPrintDialog
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.reconciliation_page import ReconciliationPage
from app.views.registers_page import RegistersPage
from app.workflows import checkout, customers
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.gui.conftest import audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer, resident_id


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


@pytest.fixture
def numbers(branch: Branch, manager: Actor) -> list[str]:
    made = []
    for i, box in enumerate(("12", "13")):
        carriers = [{"kind": "纸质", "cabinet": "A1", "box": box}]
        ref = create(
            branch, manager, farmer(f"客户{i}", resident_id(seq=f"4{i}0"), carriers=carriers)
        )
        customers.file_customer(branch.archive, manager, ref.id)
        made.append(ref.archive_no)
    return made


def _overdue_line(branch: Branch, manager: Actor, number: str) -> int:
    """A carrier out since last month: written now, then its due day moved back (time passing)."""
    carrier = checkout.find_archive(branch.archive, manager, number).carriers[0]
    line = checkout.check_out(
        branch.archive,
        manager,
        carrier.carrier_id,
        borrower_id=manager.user_id,
        purpose="贷款审查",
        due_on=checkout.local_today(),
    )
    with branch.archive.unit_of_work() as uow:
        uow.session.execute(
            sa.update(CheckoutRecord)
            .where(CheckoutRecord.id == line.id)
            .values(due_on=checkout.local_today() - timedelta(days=6))
        )
        uow.commit()
    return line.id


def test_registers_area_shows_the_tabs_for_those_who_keep_them(
    qtbot, make_shell, branch: Branch, manager: Actor
) -> None:
    keeper = branch.login("keeper")
    shell = make_shell(keeper)
    page = shell.window.show_area("registers")
    assert isinstance(page, RegistersPage)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:2] == ["出入登记", "帐实核对"]
    assert isinstance(page.tabs.widget(1), ReconciliationPage)
    inspector = branch.add_user("inspector", [Role.INSPECTOR])
    shell.ctx.set_actor(inspector)
    page = shell.window.show_area("registers")
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "帐实核对" in titles and "出入登记" not in titles


def test_overdue_is_written_out_and_the_register_takes_scans(
    qtbot, branch: Branch, manager: Actor, numbers: list[str]
) -> None:
    late_id = _overdue_line(branch, manager, numbers[0])
    page = CheckoutRegisterPage(SessionContext(branch.archive, manager))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.overdue_label.isVisible() and "有 1 件载体逾期未还" in page.overdue_label.text()
    model = page.model
    status = model.index(0, model.COLUMNS.index("status"))
    assert model.line(0).id == late_id and status.data() == "逾期 6 天"
    assert status.data(Qt.ItemDataRole.FontRole).bold()

    def fill_out(dialog: CheckoutDialog) -> None:
        qtbot.keyClicks(dialog.number_edit, numbers[1].lower())
        qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)  # looks up, does not submit
        assert dialog.isVisible() and dialog.carrier_combo.count() == 1
        assert dialog.number_edit.text() == numbers[1]
        type_text(qtbot, dialog.purpose_edit, "年度检查")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(CheckoutDialog, fill_out)
    qtbot.mouseClick(page.out_button, Qt.MouseButton.LeftButton)
    assert [model.line(r).archive_no for r in range(model.rowCount())] == numbers
    assert model.index(1, model.COLUMNS.index("status")).data() == "借出中"

    def fill_in(dialog: CheckinDialog) -> None:
        assert dialog.line_combo.count() == 1  # opened on the line that was double-clicked
        dialog.condition_combo.setCurrentIndex(dialog.condition_combo.findData("damaged"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "状况说明" in dialog.error_label.text()
        type_text(qtbot, dialog.note_edit, "封皮受潮")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(CheckinDialog, fill_in)
    page.table.activated.emit(model.index(0, 0))
    assert [model.line(r).archive_no for r in range(model.rowCount())] == [numbers[1]]
    assert not page.overdue_label.isVisible()
    actions = audit_actions(branch.archive, "manager")
    assert actions.count("checkout.out") == 2 and actions.count("checkout.in") == 1


def test_labels_from_the_register(
    qtbot, branch: Branch, manager: Actor, numbers: list[str]
) -> None:
    dialog = LabelPrintDialog(SessionContext(branch.archive, manager), numbers)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[int] = []

    def printed(preview: PdfPreviewDialog) -> None:
        seen.append(len(preview.page_labels))
        preview._on_print()  # the system print dialog cannot run here: what it reports after
        preview.close()

    when_visible(PdfPreviewDialog, printed)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert seen == [1] and dialog.sheet is not None and dialog.sheet.count == 2
    assert audit_actions(branch.archive, "manager")[-1] == "label.print"
