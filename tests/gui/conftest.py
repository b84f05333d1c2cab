"""GUI fixtures: real widgets on a fresh archive, message boxes recorded instead of shown.

Every test gets its own configuration folder (CUSTARCHIVE_CONFIG_DIR), so the
settings file and the remembered window geometry never touch the real ones,
and every static QMessageBox call is recorded, so a test can assert what a
person would have read and no test waits on a box nobody can click.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
import sqlalchemy as sa
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.models import AuditEvent
from app.settings import CONFIG_DIR_ENV, Settings
from app.storage.archive import Archive
from app.views import garbage_collector
from app.views.context import SessionContext
from app.views.idle_lock import IdleLock
from app.views.main_window import MainWindow
from app.workflows.auth import Actor
from tests.conftest import Branch

#: long enough that the idle timer never fires in a test that does not ask for it
NEVER_MS = 3_600_000


@dataclass
class Shown:
    kind: str
    title: str
    text: str


@dataclass
class MessageBoxes:
    shown: list[Shown] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.shown]

    def last(self) -> Shown:
        assert self.shown, "no message box was shown"
        return self.shown[-1]


@pytest.fixture(autouse=True)
def _collector(qapp: QApplication) -> None:
    """The program's garbage collector on the GUI thread, as main() installs it."""
    garbage_collector.install()


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()

    def recorder(kind: str, answer: QMessageBox.StandardButton) -> Callable[..., object]:
        def show(parent: QWidget | None, title: str, text: str, *args: object) -> object:
            boxes.shown.append(Shown(kind, title, text))
            return answer

        return show

    ok = QMessageBox.StandardButton.Ok
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind, ok)))
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(recorder("question", yes)))
    return boxes


@pytest.fixture
def settings() -> Settings:
    return Settings()


@dataclass
class Shell:
    """The main window as the composition root builds it, for one person."""

    ctx: SessionContext
    lock: IdleLock
    window: MainWindow


@pytest.fixture
def make_shell(qtbot, branch: Branch, settings: Settings) -> Iterator[Callable[..., Shell]]:
    made: list[Shell] = []

    def make(actor: Actor | None = None, *, interval_ms: int = NEVER_MS) -> Shell:
        actor = actor or branch.admin
        settings.acknowledge_notice(actor.login)
        ctx = SessionContext(branch.archive, actor)
        lock = IdleLock(ctx, settings, interval_ms=interval_ms)
        window = MainWindow(ctx, lock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        shell = Shell(ctx, lock, window)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        shell.lock.logout()
        if shell.lock.dialog is not None:
            shell.lock.dialog.deleteLater()
        shell.window.close()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isModal():
            widget.close()


def when_visible(cls: type[QWidget], act: Callable[[QWidget], None], tries: int = 500) -> None:
    """Run ``act`` on the first visible top-level ``cls`` (a dialog started with exec()).

    If ``act`` fails, or leaves the dialog open for seconds, the dialog is
    closed, so the test fails on its assertions instead of hanging.
    """

    def close_if_open(widget: QWidget) -> None:
        if shiboken6.isValid(widget) and widget.isVisible():
            widget.close()

    def poll(left: int) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, cls) and widget.isVisible():
                QTimer.singleShot(5_000, lambda w=widget: close_if_open(w))
                try:
                    act(widget)
                except BaseException:
                    widget.close()
                    raise
                return
        if left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type as a person does: ASCII key by key, Chinese as an input method commits it.

    (QTest cannot synthesise key presses for characters outside Latin-1.)
    """
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def audit_actions(archive: Archive, login: str | None = None) -> list[str]:
    """The audit chain's actions in order (tests only: views never query)."""
    stmt = sa.select(AuditEvent.action).order_by(AuditEvent.seq)
    if login is not None:
        stmt = stmt.where(AuditEvent.actor == login)
    with archive.unit_of_work() as uow:
        return list(uow.session.scalars(stmt))
