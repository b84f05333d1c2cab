"""Work that takes seconds (a backup, the chain check, a rekey) off the GUI thread.

At 100,000 customers a backup takes about 25 s and the chain check about 14 s.
Run on the GUI thread, the window stops painting and Windows marks the program
"未响应", which invites a person to end it in the middle of a backup or a
rekey. :func:`run_long` runs the work on a worker thread and waits in a local
event loop behind a small modal window that names the step under way; the
windows keep painting, the screen lock keeps working, and the call still reads
as an ordinary function call that returns the work's result or raises its
error, here on the GUI thread.

The waiting window cannot be dismissed: none of this work may be stopped
halfway. Garbage is collected on the GUI thread only (garbage_collector), so
the worker never destroys a window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.views.busy import busy_cursor

T = TypeVar("T")
#: how many run_long calls are waiting (the inbox poll waits for them to end)
_running = 0
#: what the work calls to name the step under way (any thread)
Step = Callable[[str], None]


class _Worker(QThread):
    stepped = Signal(str)

    def __init__(self, work: Callable[[Step], Any]) -> None:
        super().__init__()
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self.stepped.emit)
        except BaseException as exc:  # raised again by run_long, on the GUI thread
            self.error = exc


class WaitingDialog(QProgressDialog):
    """A busy bar and the step under way; Esc and the close button do nothing."""

    def __init__(self, title: str, text: str, parent: QWidget | None) -> None:
        super().__init__(text, "", 0, 0, parent)
        self.setCancelButton(None)  # type: ignore[arg-type]
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setMinimumWidth(360)

    def reject(self) -> None:
        pass  # the work cannot be stopped halfway

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


def busy() -> bool:
    """Whether work runs behind a waiting window: a poll that would read the archive on the
    GUI thread skips its turn (it would wait for the worker's transaction, and freeze)."""
    return _running > 0


def run_long(parent: QWidget | None, title: str, text: str, work: Callable[[Step], T]) -> T:
    """``work(step)`` on a worker thread while the windows keep answering; its result, or
    its exception raised here. ``step(text)`` shows what is under way."""
    global _running
    # where the person was: the waiting window takes the activation and gives it back
    window, focus = QApplication.activeWindow(), QApplication.focusWidget()
    worker = _Worker(work)
    dialog = WaitingDialog(title, text, parent)
    worker.stepped.connect(dialog.setLabelText)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)  # queued: delivered once the loop runs
    _running += 1
    try:
        with busy_cursor():
            worker.start()
            dialog.show()
            loop.exec()
            worker.wait()
    finally:
        _running -= 1
    dialog.hide()
    dialog.deleteLater()
    worker.deleteLater()
    if window is not None and shiboken6.isValid(window) and window.isVisible():
        window.activateWindow()
        if focus is not None and shiboken6.isValid(focus) and focus.window() is window:
            focus.setFocus()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[no-any-return]
