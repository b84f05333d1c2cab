"""导出本人客户档案: ask where, export, say how many (the workflow checks and audits).

The file holds customer information and leaves the archive's protection, so
the person is reminded before choosing where it goes (article 17's wider copy
control comes with the secret-tier issue). Nothing is written anywhere but
the chosen file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.messages import confirm, show_error, show_info
from app.workflows import customer_import


def export_own_customers_interactive(
    ctx: SessionContext, parent: QWidget | None = None
) -> int | None:
    """Returns how many archives were exported, or None when the person stopped or it failed."""
    if not confirm(
        parent,
        QCoreApplication.translate(
            "export_action",
            "导出的 Excel 文件含有您管户客户的信息(不含机密、绝密档案),离开了本系统的加密保护。"
            "请只保存在本单位的电脑或专用存储设备上,用完及时删除,不得外传。继续导出吗?",
        ),
        QCoreApplication.translate("export_action", "导出本人客户档案"),
    ):
        return None
    name = QCoreApplication.translate("export_action", "本人客户档案-{day}.xlsx").format(
        day=date.today().strftime("%Y%m%d")
    )
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("export_action", "导出本人客户档案"),
        str(Path.home() / name),
        QCoreApplication.translate("export_action", "Excel 工作簿 (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    try:
        with busy_cursor():
            count = customer_import.export_own_customers(ctx.archive, ctx.actor, path)
    except Exception as exc:
        show_error(parent, exc, QCoreApplication.translate("export_action", "导出未完成"))
        return None
    show_info(
        parent,
        QCoreApplication.translate("export_action", "已导出 {count} 份客户档案到:\n{path}").format(
            count=count, path=path
        ),
        QCoreApplication.translate("export_action", "导出完成"),
    )
    return count
