"""The 对外提供登记 tab: apply through the form, then produce the file and look at it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.security.roles import Role
from app.views.context import SessionContext
from app.views.external_provision_dialog import ExternalProvisionDialog
from app.views.external_register_page import ExternalRegisterPage
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.workflows import customers, signing
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import create, farmer


def test_apply_through_the_form_then_produce_and_preview(
    qtbot: QtBot, branch: Branch, messages: MessageBoxes, tmp_path: Path
) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR])
    staff = branch.add_user("staff", [Role.STAFF])
    ref = create(branch, manager, farmer())
    customers.file_customer(branch.archive, manager, ref.id)
    page = ExternalRegisterPage(SessionContext(branch.archive, staff))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.new_button.isVisible() and not page.produce_button.isEnabled()

    seen: dict[str, object] = {}

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, ExternalProvisionDialog)
        type_text(qtbot, widget.archive_edit, ref.archive_no)
        qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
        seen["customers"] = [c.archive_no for c in widget.candidates]
        seen["offered"] = widget.field_list.count()
        widget.set_checked({"name", "mobile"})
        type_text(qtbot, widget.org_edit, "涟源市人民法院")
        type_text(qtbot, widget.person_edit, "李法官")
        type_text(qtbot, widget.purpose_edit, "执行案件财产调查")
        type_text(qtbot, widget.basis_edit, "协助查询通知书")
        widget.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_visible(ExternalProvisionDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen["customers"] == [ref.archive_no] and int(seen["offered"]) > 10  # type: ignore[call-overload]
    assert "已提交" in messages.last().text
    assert page.model.rowCount() == 1
    line = page.model.line(0)
    assert line is not None and line.state == "submitted" and not line.can_produce
    assert [f.key for f in line.application.fields] == ["name", "mobile"]

    for login in ("manager", "director"):
        signing.decide(branch.archive, line.request_id, login, PASSWORDS[login], "approve")
    page.refresh()
    page.select(line.request_id)
    assert page.produce_button.isEnabled()
    line = page.selected()
    assert line is not None

    def look(widget: QWidget) -> None:
        assert isinstance(widget, PdfPreviewDialog)
        seen["pages"] = len(widget.page_labels)
        widget.save_to(tmp_path / "副本.pdf")
        widget.close()

    when_visible(PdfPreviewDialog, look)
    produced = page.produce_to(line, tmp_path / "交付.pdf")
    assert produced is not None and seen["pages"] == produced.pages
    assert "张三丰" in PdfReader(tmp_path / "交付.pdf").pages[0].extract_text()
    assert (tmp_path / "副本.pdf").read_bytes() == produced.data
    done = page.model.line(page.model.row_of(line.request_id))
    assert done is not None and done.produced and done.sha256 == produced.sha256
    assert not page.produce_button.isEnabled()
    actions = audit_actions(branch.archive, "staff")
    assert actions[-2:] == ["external.produce", "external.output"]
