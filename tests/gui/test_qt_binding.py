"""The Qt binding must not leak or drop references on the calls every page makes.

PySide6 6.12.0 dropped a reference to None on each QLabel.setText and
QModelIndex.data; on Python 3.11, where None is an ordinary object, a day at
the counter ends with the interpreter aborting. This test keeps such a version
out (pyproject pins below it).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

CALLS = 5_000  # small enough that a leaking binding fails here instead of aborting


def test_none_keeps_its_references_across_common_calls(qtbot: QtBot) -> None:
    label = QLabel()
    combo = QComboBox()
    combo.addItem("甲", None)
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    calls = {
        "QLabel.setText": lambda: label.setText("客户"),
        "QModelIndex.data": lambda: QModelIndex().data(),
        "QComboBox.currentData": combo.currentData,
    }
    for name, call in calls.items():
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        drift = before - sys.getrefcount(None)
        assert drift < CALLS // 10, f"{name} dropped {drift} references to None"
