"""Consultation driven as people drive it (articles 13-14): apply, review, sign, read only.

Real archive, real keystrokes, real event loop. A staff member applies
through the dialog, the owning manager reviews and the unit head signs from
their inboxes through the request view and the signing dialog, then the staff
member opens the customer from the grants list: a banner names the grant, and
under 阅览 Ctrl+C copies nothing. The form's print preview opens with its pages,
and printing or saving it is an audit event.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.models import AuditEvent
from app.security.roles import Role
from app.views import pdf_preview_dialog
from app.views.approvals_page import ApprovalsPage
from app.views.catalogue_page import CataloguePage
from app.views.consultation_apply_dialog import ConsultationApplyDialog
from app.views.consultation_page import ConsultationPage
from app.views.context import SessionContext
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.request_view_dialog import RequestViewDialog
from app.views.signing_dialog import SigningDialog
from app.workflows import consultation, customers, requests
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_consultation import PURPOSE, REASON, filed, granted, row_of

CLIPBOARD = "剪贴板里原有的内容"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
    }


@pytest.fixture
def customer_id(branch: Branch, people: dict[str, Actor]) -> int:
    return filed(branch, people["manager"])


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as a person does."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, widget, text)


def events(branch: Branch, action: str) -> list[dict[str, Any]]:
    """The details of every ``action`` event, in order (tests only)."""
    with branch.archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(AuditEvent.details)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.seq)
        )
        return [json.loads(d) for d in rows]


class PdfPrintDialog:
    """The system print dialog, answered "print to this PDF file" (there is no printer here)."""

    target: Path

    def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))

    def exec(self) -> int:
        return 1  # QDialog.Accepted


def sign_in_dialog(qtbot: QtBot, signer: str, reason: str = "") -> Any:
    def sign(dialog: QWidget) -> None:
        assert isinstance(dialog, SigningDialog)
        index = dialog.signer_combo.findData(signer)
        assert index >= 0, signer
        dialog.signer_combo.setCurrentIndex(index)
        qtbot.keyClicks(dialog.password_edit, PASSWORDS[signer])
        if reason:
            type_text(qtbot, dialog.reason_edit, reason)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter signs

    return sign


# --- the whole consultation --------------------------------------------------------------------------


def test_apply_review_sign_then_read_only_under_the_grant(
    qtbot: QtBot,
    branch: Branch,
    people: dict[str, Actor],
    customer_id: int,
    make_shell: Any,
    messages: MessageBoxes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive_no = row_of(branch, customer_id).archive_no
    staff_shell = make_shell(people["staff"])
    page = staff_shell.window.show_area("consultation")
    assert isinstance(page, ConsultationPage)
    assert page.mine_empty.isVisible() and page.grants_empty.isVisible()
    assert not page.inbox_label.isVisible()  # staff review nothing
    seen: dict[str, Any] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsultationApplyDialog)
        seen["prefilled"] = dialog.name_edit.text()
        seen["first_focus"] = dialog.focusWidget() is dialog.search_edit
        # submitting nothing: each field says what it needs, nothing is written
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        seen["empty"] = [dialog.problem(k) for k in ("customers", "purpose", "reason")]
        # part of a name finds nothing for someone who is not the manager
        type_text(qtbot, dialog.search_edit, "张三")
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
        seen["partial"] = dialog.problem("customers")
        retype(qtbot, dialog.search_edit, "张三丰")
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
        seen["row"] = dialog.row_texts(0)
        seen["search_left"] = dialog.search_edit.text()
        # the same customer again is refused at the field
        type_text(qtbot, dialog.search_edit, archive_no)
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
        seen["again"] = dialog.problem("customers")
        seen["count"] = len(dialog.chosen)
        dialog.purpose_edit.setFocus()
        type_text(qtbot, dialog.purpose_edit, PURPOSE)
        qtbot.keyClick(dialog.purpose_edit, Qt.Key.Key_Tab)
        seen["after_purpose"] = dialog.focusWidget() is dialog.reason_edit
        type_text(qtbot, dialog.reason_edit, REASON)
        seen["mode_default"] = dialog.mode_buttons["view"].isChecked()
        retype(qtbot, dialog.days_spin.lineEdit(), "3")
        type_text(qtbot, dialog.department_edit, "信贷部")
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
        seen["submitted"] = dialog.submitted

    when_visible(ConsultationApplyDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)

    ref = seen["submitted"]
    assert ref is not None and ref.serial.startswith("CY-")
    assert seen["prefilled"] == "用户staff" and seen["first_focus"]
    assert "请至少加入一户" in seen["empty"][0]
    assert "请填写查阅目的" in seen["empty"][1] and "请填写查阅理由" in seen["empty"][2]
    assert "找不到“张三”" in seen["partial"]
    number, category, subtype, tier, name = seen["row"]
    assert number == archive_no and tier == "普通" and category and subtype
    assert name and name != "张三丰"  # the masked name only
    assert seen["search_left"] == ""
    assert f"档案 {archive_no} 已在申请中" in seen["again"] and seen["count"] == 1
    assert seen["after_purpose"] and seen["mode_default"]
    assert any(ref.serial in text and "已提交" in text for text in messages.texts)
    app = consultation.application(
        requests.open_request(branch.archive, people["staff"], ref.id).payload
    )
    assert app.days == 3 and app.mode == "view" and app.purpose == PURPOSE
    assert app.profile.department == "信贷部" and app.profile.name == "用户staff"
    assert page.mine_model.rowCount() == 1
    line = page.mine_model.line(0)
    assert line is not None and line.serial == ref.serial and line.next_step == "客户经理审核"
    assert page.withdraw_button.isEnabled()

    # the owning manager: the consultation page points to the inbox, the inbox opens it
    manager_shell = make_shell(people["manager"])
    manager_page = manager_shell.window.show_area("consultation")
    assert isinstance(manager_page, ConsultationPage)
    assert manager_page.inbox_label.isVisible()
    assert "有 1 件查阅申请等待您审核或签批" in manager_page.inbox_label.text()
    manager_page.inbox_label.linkActivated.emit("approvals")
    inbox = manager_shell.window.stack.currentWidget()
    assert isinstance(inbox, ApprovalsPage)
    assert manager_shell.window.current_area() == "approvals"

    def review(view: QWidget) -> None:
        assert isinstance(view, RequestViewDialog)
        widget = view.consultation_detail
        seen["detail_shown"] = widget.isVisible() and not view.changes_box.isVisible()
        seen["detail"] = {key: label.text() for key, label in widget.values.items()}
        seen["detail_row"] = widget.row_texts(0)
        when_visible(SigningDialog, sign_in_dialog(qtbot, "manager"))
        qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
        seen["after_review"] = view.header_values["next"].text()
        view.accept()

    when_visible(RequestViewDialog, review)
    qtbot.mouseClick(inbox.open_button, Qt.MouseButton.LeftButton)
    assert seen["detail_shown"]
    assert seen["detail"]["purpose"] == PURPOSE and seen["detail"]["reason"] == REASON
    assert seen["detail"]["mode"] == "阅览" and seen["detail"]["days"].startswith("3 天")
    assert seen["detail"]["name"] == "用户staff" and seen["detail"]["department"] == "信贷部"
    assert seen["detail_row"][0] == archive_no and seen["detail_row"][3] == "普通"
    assert seen["after_review"] == "单位负责人签批"

    # the unit head signs from their own inbox
    head_shell = make_shell(people["director"])
    head_inbox = head_shell.window.show_area("approvals")
    assert isinstance(head_inbox, ApprovalsPage)

    def sign_as_head(view: QWidget) -> None:
        assert isinstance(view, RequestViewDialog)
        when_visible(SigningDialog, sign_in_dialog(qtbot, "director", "同意查阅"))
        qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
        seen["state"] = view.header_values["state"].text()
        view.accept()

    when_visible(RequestViewDialog, sign_as_head)
    qtbot.mouseClick(head_inbox.open_button, Qt.MouseButton.LeftButton)
    assert "已批准" in seen["state"]

    # the applicant: the grant is listed with its time left; open the customer from it
    qtbot.mouseClick(page.reload_button, Qt.MouseButton.LeftButton)
    assert page.mine_model.line(0).state == "approved"  # type: ignore[union-attr]
    assert not page.withdraw_button.isEnabled()
    assert page.grants_table.rowCount() == 1
    cells = [page.grants_table.item(0, c).text() for c in range(5)]  # type: ignore[union-attr]
    assert cells[:3] == [ref.serial, "阅览", archive_no]
    assert cells[4].startswith("还剩")
    assert page.grant_customers.currentItem().text() == archive_no  # type: ignore[union-attr]
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(CLIPBOARD)

    def read(view: QWidget) -> None:
        assert isinstance(view, CustomerViewDialog)
        seen["banner"] = view.grant_banner.isVisible(), view.grant_banner.text()
        seen["buttons"] = [b.isVisible() for b in (view.edit_button, view.file_button)]
        seen["name"] = view.value_labels["name"].text()
        seen["flags"] = {
            label.textInteractionFlags()
            for label in view.findChildren(QLabel)
            if label in view.value_labels.values()
        }
        seen["menus"] = {
            view.carrier_table.contextMenuPolicy(),
            view.value_labels["name"].contextMenuPolicy(),
        }
        table = view.carrier_table
        seen["no_edit"] = table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        table.setCurrentCell(0, 0)
        seen["cell"] = table.item(0, 0).text()  # type: ignore[union-attr]
        qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        seen["clipboard"] = QGuiApplication.clipboard().text()
        view.accept()

    when_visible(CustomerViewDialog, read)
    qtbot.mouseClick(page.open_customer_button, Qt.MouseButton.LeftButton)
    shown, banner = seen["banner"]
    assert shown and f"依据查阅授权 {ref.serial} 查阅(阅览),有效期至 " in banner
    assert seen["buttons"] == [False, False]
    assert seen["name"] == "张三丰"
    assert seen["flags"] == {Qt.TextInteractionFlag.NoTextInteraction}
    assert seen["menus"] == {Qt.ContextMenuPolicy.NoContextMenu}
    assert seen["no_edit"] and seen["cell"] == "纸质"
    assert seen["clipboard"] == CLIPBOARD
    opened = events(branch, "customer.open")[-1]
    assert opened["grant"] == ref.serial and opened["archive_no"] == archive_no

    # the filled form: preview with its pages; saving and printing are each an event
    printed = tmp_path / "printed.pdf"
    PdfPrintDialog.target = printed
    monkeypatch.setattr(pdf_preview_dialog, "QPrintDialog", PdfPrintDialog)
    saved = tmp_path / "查阅申请表.pdf"
    before = len(events(branch, "consultation.form_print"))

    def look(preview: QWidget) -> None:
        assert isinstance(preview, PdfPreviewDialog)
        seen["title"] = preview.windowTitle()
        seen["pages"] = len(preview.page_labels)
        seen["after_open"] = len(events(branch, "consultation.form_print"))
        preview.save_to(saved)
        preview.print_document()
        preview.close()

    when_visible(PdfPreviewDialog, look)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert ref.serial in seen["title"] and seen["pages"] >= 1
    assert seen["after_open"] == before  # looking at it on screen is not a print
    recorded = events(branch, "consultation.form_print")[before:]
    assert [e["output"] for e in recorded] == ["save", "print"]
    assert all(e["serial"] == ref.serial and e["count"] == 1 for e in recorded)
    text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert ref.serial in text and archive_no in text
    assert len(PdfReader(printed).pages) == seen["pages"]

    # done early: the grant ends with the reason and the customer no longer opens
    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        seen["ask"] = dialog.labelText()
        dialog.setTextValue("授信评级已完成")
        dialog.accept()

    when_visible(QInputDialog, give_reason)
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    assert ref.serial in seen["ask"]
    assert page.grants_table.rowCount() == 0 and page.grants_empty.isVisible()
    assert page.mine_model.line(0).state == "expired"  # type: ignore[union-attr]
    assert "request.end" in audit_actions(branch.archive, "staff")
    with pytest.raises(Exception, match="查阅申请"):
        customers.open_customer(branch.archive, people["staff"], customer_id)


# --- copying: the copy key never; the watermarked 复制/摘录 only where the mode allows it -----------


@pytest.mark.parametrize(("mode", "copies"), [("view", False), ("excerpt", True)])
def test_ctrl_c_copies_nothing_under_any_grant(
    qtbot: QtBot,
    branch: Branch,
    people: dict[str, Actor],
    customer_id: int,
    mode: str,
    copies: bool,
) -> None:
    granted(branch, people, [customer_id], mode=mode)
    content = customers.open_customer(branch.archive, people["staff"], customer_id)
    view = CustomerViewDialog(SessionContext(branch.archive, people["staff"]), content)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.view_only is (mode == "view")
    assert consultation.MODES[mode] in view.grant_banner.text()
    table = view.carrier_table
    table.setCurrentCell(0, 0)
    QGuiApplication.clipboard().setText(CLIPBOARD)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # the raw cell never leaves (article 17.1); under 摘抄 the watermarked 复制/摘录 is offered
    assert QGuiApplication.clipboard().text() == CLIPBOARD
    assert view.copy_button.isVisible() is copies
    assert not view.edit_button.isVisible() and not view.file_button.isVisible()


# --- the workflow's answer at its field; from the catalogue ----------------------------------------


def test_the_workflow_refusal_is_shown_at_the_customers_field(
    qtbot: QtBot, branch: Branch, people: dict[str, Actor], customer_id: int
) -> None:
    manager = people["manager"]
    archive_no = row_of(branch, customer_id).archive_no
    ctx = SessionContext(branch.archive, manager)
    dialog = ConsultationApplyDialog(ctx, consultation.default_profile(branch.archive, manager))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.search_edit, archive_no)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    type_text(qtbot, dialog.purpose_edit, PURPOSE)
    type_text(qtbot, dialog.reason_edit, REASON)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    # one's own customer needs no application: the workflow says so, at the list
    assert dialog.submitted is None and dialog.isVisible()
    assert f"档案 {archive_no} 是您本人管户的客户" in dialog.problem("customers")
    assert dialog.customer_table.currentRow() == 0
    assert requests.mine(branch.archive, manager) == []
    # removing it with the keyboard clears the problem
    dialog.customer_table.setFocus()
    qtbot.keyClick(dialog.customer_table, Qt.Key.Key_Delete)
    assert dialog.chosen == [] and dialog.problem("customers") == ""


def test_catalogue_offers_to_apply_for_a_line_one_cannot_open(
    qtbot: QtBot,
    branch: Branch,
    people: dict[str, Actor],
    customer_id: int,
    make_shell: Any,
    messages: MessageBoxes,
) -> None:
    archive_no = row_of(branch, customer_id).archive_no
    shell = make_shell(people["staff"])
    page = shell.window.show_area("catalogue")
    assert isinstance(page, CataloguePage)
    assert page.apply_button.isVisible() and not page.apply_button.isEnabled()
    page.table.selectRow(0)
    assert page.apply_button.isEnabled()
    seen: dict[str, Any] = {}

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsultationApplyDialog)
        seen["rows"] = [dialog.row_texts(r)[0] for r in range(dialog.customer_table.rowCount())]
        seen["focus"] = dialog.focusWidget() is dialog.purpose_edit
        dialog.reject()

    when_visible(ConsultationApplyDialog, check)
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert seen["rows"] == [archive_no] and seen["focus"]
    assert requests.mine(branch.archive, people["staff"]) == []  # cancelled: nothing sent


def test_withdraw_and_the_blank_form(
    qtbot: QtBot,
    branch: Branch,
    people: dict[str, Actor],
    customer_id: int,
    make_shell: Any,
    tmp_path: Path,
) -> None:
    ref = consultation.apply(
        branch.archive,
        people["staff"],
        [customer_id],
        purpose=PURPOSE,
        reason=REASON,
        mode="view",
        days=2,
    )
    shell = make_shell(people["staff"])
    page = shell.window.show_area("consultation")
    assert isinstance(page, ConsultationPage)
    assert page.selected_request() is not None

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("客户已来柜面提供资料,无需查阅")
        dialog.accept()

    when_visible(QInputDialog, give_reason)
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    line = page.mine_model.line(0)
    assert line is not None and line.serial == ref.serial and line.state == "withdrawn"
    assert not page.withdraw_button.isEnabled()

    blank = tmp_path / "空白.pdf"
    seen: dict[str, int] = {}

    def look(preview: QWidget) -> None:
        assert isinstance(preview, PdfPreviewDialog)
        seen["pages"] = len(preview.page_labels)
        preview.save_to(blank)
        preview.close()

    when_visible(PdfPreviewDialog, look)
    qtbot.mouseClick(page.blank_button, Qt.MouseButton.LeftButton)
    assert seen["pages"] >= 1
    assert len(PdfReader(io.BytesIO(blank.read_bytes())).pages) == seen["pages"]
    assert events(branch, "consultation.form_blank")[-1]["output"] == "save"
