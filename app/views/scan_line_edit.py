"""A line for archive numbers that a barcode scanner types: Enter adds, it never closes a dialog.

A hand scanner is a keyboard: it types the number and presses Enter. In a
dialog, Enter would also press the default button (save, register...) once
the line has handled it; this line keeps the key to itself, so each scan
only does what the line's ``returnPressed`` does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanLineEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(400)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
