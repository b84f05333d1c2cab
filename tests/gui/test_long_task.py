"""Work of seconds runs off the GUI thread behind a waiting window (app/views/long_task.py).

A 10 ms timer on the GUI thread counts its ticks while the work runs: run on the GUI
thread, the work would let none through. The waiting window names the step under way,
cannot be dismissed, and the work's result or error comes back to the caller.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from app.errors import InvalidInput
from app.security.roles import Role
from app.views import long_task
from app.views.long_task import WaitingDialog, run_long
from app.workflows import backup, requests


class _Watch:
    """Every 10 ms on the GUI thread: a tick, and the waiting window's text if one shows."""

    def __init__(self) -> None:
        self.ticks = 0
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks += 1
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, WaitingDialog) and widget.isVisible():
                text = widget.labelText()
                if not self.texts or self.texts[-1] != text:
                    self.texts.append(text)

    def __enter__(self) -> _Watch:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()


def test_the_windows_answer_while_the_work_runs(qtbot) -> None:
    def work(step) -> str:
        for n in range(1, 6):
            step(f"第 {n} 步")
            time.sleep(0.1)
        return "做完了"

    with _Watch() as watch:
        result = run_long(None, "测试", "正在准备……", work)
    assert result == "做完了"
    assert watch.ticks >= 25  # about 50 in 0.5 s; none if the work held the GUI thread
    assert watch.texts[-1] == "第 5 步" and "第 2 步" in watch.texts
    assert not any(
        isinstance(w, WaitingDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_the_work_s_error_is_raised_to_the_caller(qtbot) -> None:
    problem = InvalidInput("备份文件不能保存在档案文件夹内")

    def work(step) -> None:
        time.sleep(0.05)
        raise problem

    with pytest.raises(InvalidInput) as raised:
        run_long(None, "测试", "正在准备……", work)
    assert raised.value is problem


def test_escape_and_close_leave_the_waiting_window_up(qtbot) -> None:
    seen: list[bool] = []

    def press_escape() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, WaitingDialog) and widget.isVisible():
                QApplication.sendEvent(
                    widget,
                    QKeyEvent(
                        QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier
                    ),
                )
                widget.close()
                seen.append(widget.isVisible())

    QTimer.singleShot(100, press_escape)
    run_long(None, "测试", "正在准备……", lambda step: time.sleep(0.4))
    assert seen == [True]


def test_a_backup_from_the_menu_runs_behind_the_waiting_window(
    make_shell, messages, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shell = make_shell()  # the administrator
    target = tmp_path / "备份.custbak"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    real = backup.create_backup

    def slower(*args, **kwargs):  # a large archive: seconds, not milliseconds
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(backup, "create_backup", slower)
    steps: list[str] = []

    def record(dialog: WaitingDialog, text: str) -> None:
        steps.append(text)
        QProgressDialog.setLabelText(dialog, text)

    monkeypatch.setattr(WaitingDialog, "setLabelText", record)
    with _Watch() as watch:
        shell.window.backup_action.trigger()
    assert target.is_file() and "已备份到" in messages.last().text
    assert watch.ticks >= 15
    # the workflow's own steps, as it names them
    assert steps == ["正在复制数据库…", "正在计算校验值…", "正在写入备份文件…", "正在记录审计日志…"]


def test_the_inbox_poll_waits_while_work_runs(
    make_shell, branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The poll would read the archive on the GUI thread and wait for the worker's
    transaction; it skips its turn instead."""
    shell = make_shell(branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]))
    counted: list[bool] = []
    real = requests.inbox_count
    monkeypatch.setattr(
        requests, "inbox_count", lambda *a: counted.append(long_task.busy()) or real(*a)
    )
    QTimer.singleShot(100, shell.window.update_inbox_count)
    run_long(shell.window, "测试", "正在准备……", lambda step: time.sleep(0.4))
    assert counted == []
    shell.window.update_inbox_count()
    assert counted == [False]
