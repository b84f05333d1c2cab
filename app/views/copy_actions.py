"""The permitted ways out (article 17.1), shared by the record page and the 复制摘录 page.

Each asks the workflow, which checks the permit, watermarks and records the
output; without a permit the refusal is shown together with the offer to
ask for one. Secret-tier records bring the custodian in person first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.errors import AppError, CopyRequired, InvalidInput
from app.views import copy_guard
from app.views.context import SessionContext
from app.views.copy_items_dialog import CopyItemsDialog
from app.views.copy_request_dialog import CopyRequestDialog
from app.views.messages import show_error, show_info
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.request_view_dialog import with_custodian
from app.workflows import copying
from app.workflows.auth import Actor


def _refused(ctx: SessionContext, parent: QWidget | None, exc: CopyRequired, form: str) -> None:
    """Show the refusal and offer the request that would permit it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("copy_actions", "需要复制许可"))
    box.setText(str(exc))
    ask = box.addButton(
        QCoreApplication.translate("copy_actions", "提出复制摘录申请…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("copy_actions", "关闭"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    if box.clickedButton() is ask:
        request_copy(ctx, parent, exc.archive_numbers, [form])


def request_copy(
    ctx: SessionContext,
    parent: QWidget | None,
    archive_numbers: Sequence[str] = (),
    forms: Sequence[str] = (),
    *,
    own: bool = False,
) -> str | None:
    """Open the request form (prefilled; ``own``: with all one's customers listed).

    Returns the serial submitted, or None.
    """
    dialog = CopyRequestDialog(ctx, parent, archive_numbers=archive_numbers, forms=forms)
    if own:
        dialog.add_own_customers()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ref is None:
        return None
    show_info(
        parent,
        QCoreApplication.translate(
            "copy_actions", "复制摘录申请 {serial} 已提交,等待主任或管户客户经理审批。"
        ).format(serial=dialog.result_ref.serial),
        QCoreApplication.translate("copy_actions", "已提交"),
    )
    return dialog.result_ref.serial


def copy_to_clipboard(
    ctx: SessionContext,
    parent: QWidget | None,
    customer_id: int,
    field_keys: Sequence[str] | None = None,
    custodian: Actor | None = None,
) -> bool:
    """The record's permitted items on the clipboard for 30 seconds; True when copied."""
    try:
        done = with_custodian(
            ctx,
            lambda holder: copying.copy_text(
                ctx.archive, ctx.actor, customer_id, field_keys, custodian=holder
            ),
            custodian,
            parent,
            passthrough=(CopyRequired,),
        )
    except CopyRequired as exc:
        _refused(ctx, parent, exc, "clipboard")
        return False
    if done is None:
        return False
    copied, _holder = done
    copy_guard.put_on_clipboard(copied.text)
    show_info(
        parent,
        QCoreApplication.translate(
            "copy_actions",
            "已将 {n} 个项目复制到剪贴板(带水印,依据 {serial})。"
            "剪贴板将在 {seconds} 秒后自动清空;锁屏或退出时也会清空。",
        ).format(n=copied.items, serial=copied.serial, seconds=copy_guard.CLEAR_AFTER_MS // 1000),
        QCoreApplication.translate("copy_actions", "已复制"),
    )
    return True


def copy_chosen_items(
    ctx: SessionContext,
    parent: QWidget | None,
    customer_id: int,
    archive_no: str,
    custodian: Actor | None = None,
) -> bool:
    """复制/摘录…: choose among the items the permit covers, then copy them."""
    try:
        fields = copying.copyable_fields(ctx.archive, ctx.actor, customer_id)
    except AppError as exc:
        show_error(parent, exc)
        return False
    if not fields:  # no permit: the workflow refuses, records it, and the request is offered
        return copy_to_clipboard(ctx, parent, customer_id, custodian=custodian)
    dialog = CopyItemsDialog(archive_no, fields, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    keys = dialog.field_keys()
    if not keys:
        show_error(
            parent, InvalidInput(QCoreApplication.translate("copy_actions", "请至少勾选一个项目。"))
        )
        return False
    return copy_to_clipboard(ctx, parent, customer_id, keys, custodian)


def show_pdf(
    ctx: SessionContext,
    parent: QWidget | None,
    customer_ids: Sequence[int],
    form: str,
    custodian: Actor | None = None,
) -> PdfPreviewDialog | None:
    """A watermarked PDF of the records in the preview, printable ("print") or savable ("pdf")."""
    ids = list(customer_ids)
    try:
        done = with_custodian(
            ctx,
            lambda holder: copying.produce_pdf(ctx.archive, ctx.actor, ids, form, custodian=holder),
            custodian,
            parent,
            passthrough=(CopyRequired,),
        )
    except CopyRequired as exc:
        _refused(ctx, parent, exc, form)
        return None
    if done is None:
        return None
    produced, _holder = done
    name = QCoreApplication.translate("copy_actions", "客户信息复制件-{day}.pdf").format(
        day=date.today().strftime("%Y%m%d")
    )
    dialog = PdfPreviewDialog(
        produced.data,
        QCoreApplication.translate("copy_actions", "客户信息复制件({serial})").format(
            serial="、".join(produced.serials)
        ),
        str(Path.home() / name),
        on_print=lambda: copying.record_output(ctx.archive, ctx.actor, ids, "print"),
        on_save=lambda _path: copying.record_output(ctx.archive, ctx.actor, ids, "save"),
        outputs=frozenset({"print"} if form == "print" else {"save"}),
        parent=parent,
    )
    del produced
    return dialog


def export_excel(
    ctx: SessionContext,
    parent: QWidget | None,
    customer_ids: Sequence[int],
    custodian: Actor | None = None,
) -> Path | None:
    """Ask where, then write the permitted items of the records to that .xlsx only."""
    name = QCoreApplication.translate("copy_actions", "客户信息复制件-{day}.xlsx").format(
        day=date.today().strftime("%Y%m%d")
    )
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("copy_actions", "导出 Excel"),
        str(Path.home() / name),
        QCoreApplication.translate("copy_actions", "Excel 工作簿 (*.xlsx)"),
    )
    if not chosen:
        return None
    ids = list(customer_ids)
    try:
        done = with_custodian(
            ctx,
            lambda holder: copying.export_excel(
                ctx.archive, ctx.actor, ids, Path(chosen), custodian=holder
            ),
            custodian,
            parent,
            passthrough=(CopyRequired,),
        )
    except CopyRequired as exc:
        _refused(ctx, parent, exc, "excel")
        return None
    if done is None:
        return None
    produced, _holder = done
    show_info(
        parent,
        QCoreApplication.translate(
            "copy_actions",
            "已导出 {count} 户客户的信息到:\n{path}\n\n文件带有申请编号、经办人和时间的水印;"
            "请只保存在本单位的电脑或专用存储设备上,用毕及时删除,不得外传。",
        ).format(count=produced.customers, path=produced.path),
        QCoreApplication.translate("copy_actions", "导出完成"),
    )
    return produced.path
