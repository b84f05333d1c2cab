"""备份档案: ask where, write the one-file backup, say what it holds (administrator only).

The backup holds the archive still encrypted (both databases under their
keys, the header, a signed manifest), so it may go to removable media; the
workflow checks the permission, refuses a target inside the archive folder and
records the backup in the audit chain. Restoring is done with the archive
closed (`custarchive restore`), because the open archive is what it replaces.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.views.context import SessionContext
from app.views.long_task import run_long
from app.views.messages import show_error, show_info
from app.workflows import backup

SUFFIX = ".custbak"


def make_backup_interactive(ctx: SessionContext, parent: QWidget | None = None) -> Path | None:
    """The backup file written, or None when the person stopped or it failed (already shown)."""
    name = (
        QCoreApplication.translate("backup_action", "档案备份-{day}").format(
            day=date.today().strftime("%Y%m%d")
        )
        + SUFFIX
    )
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("backup_action", "备份档案"),
        str(Path.home() / name),
        QCoreApplication.translate("backup_action", "档案备份 (*.custbak)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    try:
        report = run_long(
            parent,
            QCoreApplication.translate("backup_action", "备份档案"),
            QCoreApplication.translate("backup_action", "正在备份档案,请勿关闭程序……"),
            lambda step: backup.create_backup(
                ctx.archive, ctx.actor, path, overwrite=path.exists(), progress=step
            ),
        )
    except Exception as exc:
        show_error(parent, exc, QCoreApplication.translate("backup_action", "备份未完成"))
        return None
    show_info(
        parent,
        QCoreApplication.translate(
            "backup_action",
            "已备份到:\n{path}\n\n文件校验值(SHA-256):{digest}\n"
            "请将备份文件存放在与本机分开的安全处所(如保密柜中的专用移动硬盘)。",
        ).format(path=report.path, digest=report.sha256),
        QCoreApplication.translate("backup_action", "备份完成"),
    )
    return report.path
