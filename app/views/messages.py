"""The one place where failures become a message box.

Domain errors carry their Chinese message; anything else is a defect, shown
as a generic apology (never the exception text, which could quote data) and
logged by type and place only.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import AppError

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, AppError):
        return QCoreApplication.translate("errors", exc.message)
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    log.error("unexpected %s at %s", type(exc).__name__, where)
    return QCoreApplication.translate(
        "messages", "程序发生意外错误,本次操作未保存。请重试;如再次出现,请联系系统管理员。"
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    QMessageBox.warning(
        parent, title or QCoreApplication.translate("messages", "无法完成操作"), error_text(exc)
    )


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or QCoreApplication.translate("messages", "提示"), text)


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(
        parent,
        title or QCoreApplication.translate("messages", "请确认"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
