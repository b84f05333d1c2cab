"""The screen lock: after some minutes without input, or on request, cover every window.

Two pitfalls shape this module (see ARCHITECTURE.md, "Known pitfalls"):

- The lock must fire while a modal dialog is open. A modal dialog runs its own
  event loop and takes all input, so watching the main window would miss
  both the input and the idleness. The watcher is therefore an event filter
  on the whole application, and the timer is an ordinary QTimer, which fires
  in whichever event loop is running.
- The lock must cover every window, not only the main one. Hiding a dialog
  would end its ``exec()`` and lose what was typed, so each visible top-level
  window instead gets an opaque child widget over its whole area, and its
  title is replaced (titles can name a customer). The lock dialog itself is
  application-modal, so nothing underneath receives input.

Switching user ends the previous person's session: their open dialogs are
rejected and other windows closed before the new person sees the screen.
Every lock, switch and logout is an audit event (``auth.record_session_event``);
unlock is recorded by ``auth.authenticate`` itself.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings
from app.views import copy_guard
from app.views.context import SessionContext
from app.views.labels import app_title
from app.views.lock_dialog import LockDialog
from app.views.login_dialog import complete_login
from app.workflows import auth
from app.workflows.auth import Actor

log = logging.getLogger(__name__)

#: any of these counts as someone at the keyboard
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)

OVERLAY_COLOR = QColor("#24313f")


class LockOverlay(QWidget):
    """An opaque cover over one window's whole area, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        label = QLabel(self.tr("屏幕已锁定\n请在“解除锁定”窗口中输入密码"))
        label.setStyleSheet("color: white; font-size: 14pt;")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addStretch(1)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def covers(self) -> bool:
        """True if nothing of the window's area is left uncovered."""
        parent = self.parentWidget()
        return parent is not None and self.isVisible() and self.geometry().contains(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A resize, or a child added later (a page rebuilt for the next person), must not
        # uncover anything.
        if watched is self.parentWidget() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
        ):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), OVERLAY_COLOR)

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.setParent(None)
        self.deleteLater()


class IdleLock(QObject):
    """Watches for input, locks on time-out or request, and unlocks or switches user.

    ``interval_ms`` overrides the settings' minutes (tests use a few milliseconds).
    """

    #: the session is over (quit from the lock, or a switch the new person declined)
    session_ended = Signal()

    def __init__(
        self,
        ctx: SessionContext,
        settings: Settings,
        *,
        interval_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._settings = settings
        self._covers: list[tuple[QWidget, LockOverlay, str]] = []
        self._covering = False
        self._dialog: LockDialog | None = None
        self._ended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms if interval_ms is not None else settings.idle_lock_ms)
        self._timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None, "IdleLock needs a QApplication"
        app.installEventFilter(self)
        self._timer.start()

    # --- state ---------------------------------------------------------------------------

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if not self._ctx.locked and not self._ended:
            self._timer.start()

    @property
    def dialog(self) -> LockDialog | None:
        """The lock dialog while the screen is locked."""
        return self._dialog

    def overlays(self) -> dict[QWidget, LockOverlay]:
        return {window: overlay for window, overlay, _ in self._covers if shiboken6.isValid(window)}

    # --- watching --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            if not self._ctx.locked and not self._ended:
                self._timer.start()
        elif (
            kind == QEvent.Type.Show
            and self._covering
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            # A window that appears while locked (a late message box) is covered too.
            self._cover(watched)
        return False

    # --- locking ---------------------------------------------------------------------------

    def lock(self, *, switch: bool = False) -> None:
        """Cover every window and ask for a password (or, with ``switch``, another login)."""
        if self._ended:
            return
        if self._ctx.locked:
            if self._dialog is not None:
                self._dialog.raise_()
                self._dialog.activateWindow()
            return
        self._timer.stop()
        self._close_popups()
        self._ctx.set_locked(True)
        self._covering = True
        for window in QApplication.topLevelWidgets():
            self._cover(window)
        _clear_own_clipboard()
        self._record(self._ctx.actor, "session.lock")
        dialog = LockDialog(self._ctx, switch=switch)
        dialog.unlocked.connect(self._on_unlocked)
        dialog.switched.connect(self._on_switched)
        dialog.quit_requested.connect(self._on_quit)
        self._dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _close_popups(self) -> None:
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
            if QApplication.activePopupWidget() is popup:
                popup.hide()

    def _cover(self, window: QWidget) -> None:
        if (
            not window.isVisible()
            or isinstance(window, (LockDialog, LockOverlay))
            or any(covered is window for covered, _, _ in self._covers)
        ):
            return
        title = window.windowTitle()
        self._covers.append((window, LockOverlay(window), title))
        window.setWindowTitle(self.tr("已锁定 - {title}").format(title=app_title()))

    def _uncover(self) -> None:
        self._covering = False
        for window, overlay, title in self._covers:
            if shiboken6.isValid(window):
                window.setWindowTitle(title)
                if shiboken6.isValid(overlay):
                    overlay.remove()
        self._covers.clear()

    def _drop_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None

    # --- ways out --------------------------------------------------------------------------

    def _on_unlocked(self, actor: Actor) -> None:
        self._drop_dialog()
        self._uncover()
        self._ctx.set_locked(False)
        if actor != self._ctx.actor:  # roles or name changed meanwhile
            self._ctx.set_actor(actor)
        self._timer.start()

    def _on_switched(self, actor: Actor) -> None:
        self._drop_dialog()
        previous = self._ctx.actor
        self._record(previous, "session.switch")
        self._end_previous_work()
        # No window appears uncovered while the new person finishes logging in,
        # but their own dialogs (password change, notice) must not be covered.
        self._covering = False
        admitted = complete_login(self._ctx.archive, actor, self._settings)
        if admitted is None:
            self._end(actor)
            return
        self._ctx.set_actor(admitted)
        self._uncover()
        self._ctx.set_locked(False)
        self._timer.start()

    def _end_previous_work(self) -> None:
        """Reject the previous person's dialogs and close their extra windows."""
        for window in QApplication.topLevelWidgets():
            if not window.isVisible() or isinstance(window, (QMainWindow, LockOverlay)):
                continue
            if isinstance(window, QDialog):
                window.reject()
            else:
                window.close()
        self._ctx.archive.close_vault()

    def _on_quit(self) -> None:
        self._drop_dialog()
        self._end_previous_work()
        self._end(self._ctx.actor)

    # --- ending ------------------------------------------------------------------------------

    def logout(self) -> None:
        """The program is closing: record the end of the session (once) and stop watching."""
        self._end(self._ctx.actor)

    def _end(self, actor: Actor) -> None:
        if self._ended:
            return
        self._ended = True
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        _clear_own_clipboard()
        self._record(actor, "session.logout")
        self.session_ended.emit()

    @property
    def ended(self) -> bool:
        return self._ended

    def _record(self, actor: Actor, action: str) -> None:
        # Locking must never fail because the log could not be written (disk full):
        # the screen is covered first, and the failure is noted by type only.
        try:
            auth.record_session_event(self._ctx.archive, actor, action)
        except Exception as exc:
            log.warning("could not record %s: %s", action, type(exc).__name__)


def _clear_own_clipboard() -> None:
    """Empty the clipboard only if this program put its content there (ARCHITECTURE.md).

    A permitted copy (copy_guard) is recognised by its text, which works on
    every platform; ownsClipboard() covers anything else this program copied.
    """
    copy_guard.clear_clipboard()
    clipboard = QApplication.clipboard()
    if clipboard.ownsClipboard():
        clipboard.clear(QClipboard.Mode.Clipboard)
