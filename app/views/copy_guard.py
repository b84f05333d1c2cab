"""Keeping customer content on the screen: no copying out without a permit (article 17.1).

Two halves:

- :class:`ContentGuard` is one event filter on the application. Inside any
  widget marked with :func:`mark_content` (the record, its form, a request's
  changes, the catalogue) it swallows the copy and cut keys, the context
  menus of text fields and item views (whose menus offer 复制), and the
  drag of selected text out of a text area. (Item views only ever show the
  program's own menus, which never copy; their copy key is caught.) What the person types into a
  form stays theirs to edit, paste into and undo; it just does not leave.
  The permitted way out is the page's 复制/摘录… button, which asks the
  workflow for a watermarked text under a permit.
- :func:`put_on_clipboard` places such a permitted text on the clipboard and
  clears it again after :data:`CLEAR_AFTER_MS` (30 s), unless the person has
  copied something else meanwhile; :func:`clear_clipboard` empties it at
  once, and runs when the screen locks and when the program quits.

A widget may opt out (``copyAllowed`` property): the audit log, for example,
holds no customer content.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QClipboard, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

#: the property that marks a widget (and everything inside it) as showing customer content
CONTENT_PROPERTY = "customerContent"
#: how long a permitted copy stays on the clipboard
CLEAR_AFTER_MS = 30_000

_COPY_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)


def refusal_text() -> str:
    return QCoreApplication.translate(
        "copy_guard",
        "复制客户信息须经批准(制度第17条第1款):请使用页面上的“复制/摘录…”按钮;"
        "没有许可时,请先提出复制摘录申请。",
    )


def _in_content(widget: QWidget | None) -> bool:
    while widget is not None:
        if widget.property("copyAllowed"):
            return False
        if widget.property(CONTENT_PROPERTY):
            return True
        widget = widget.parentWidget()
    return False


def _text_area(widget: QWidget) -> QTextEdit | QPlainTextEdit | None:
    """The text area whose viewport ``widget`` is (mouse events arrive at the viewport)."""
    parent = widget.parentWidget()
    if isinstance(parent, QTextEdit | QPlainTextEdit) and parent.viewport() is widget:
        return parent
    return None


class ContentGuard(QObject):
    """The application-wide filter; install once with :func:`install`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: text areas where the press fell inside the selection: a move would start a drag
        self._press_in_selection: set[int] = set()
        #: how many copy attempts were refused (tests and the status bar read it)
        self.refused = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(watched, QWidget):
            return False
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            copying = isinstance(event, QKeyEvent) and any(event.matches(k) for k in _COPY_KEYS)
            if copying and _in_content(watched):
                if kind == QEvent.Type.KeyPress:
                    self._refuse(watched)
                event.accept()
                return True
            return False
        if kind == QEvent.Type.ContextMenu:
            # the standard menus of text fields offer 复制; item views show only the
            # program's own menus (open, apply...), which never copy
            target = _text_area(watched) or watched
            text_field = isinstance(
                target, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox
            )
            if text_field and _in_content(target):
                self._refuse(target)
                return True
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove) and isinstance(
            event, QMouseEvent
        ):
            area = _text_area(watched)
            if area is None or not _in_content(area):
                return False
            if kind == QEvent.Type.MouseButtonPress:
                self._press_in_selection.discard(id(area))
                cursor = area.textCursor()
                if cursor.hasSelection():
                    at = area.cursorForPosition(event.position().toPoint()).position()
                    if cursor.selectionStart() <= at < cursor.selectionEnd():
                        self._press_in_selection.add(id(area))
                return False
            if event.buttons() & Qt.MouseButton.LeftButton and id(area) in self._press_in_selection:
                return True  # no dragging the selected text out
        return False

    def _refuse(self, widget: QWidget) -> None:
        self.refused += 1
        QToolTip.showText(widget.mapToGlobal(QPoint(0, widget.height())), refusal_text(), widget)


_guard: ContentGuard | None = None
_placed: str | None = None


def install() -> ContentGuard:
    """The one guard of this application, installed on first use."""
    global _guard
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if _guard is None or _guard.parent() is not app:
        _guard = ContentGuard(app)
        app.installEventFilter(_guard)
        app.aboutToQuit.connect(clear_clipboard)
    return _guard


def mark_content(widget: QWidget) -> None:
    """``widget`` shows customer content: nothing in it is copied, cut or dragged out."""
    widget.setProperty(CONTENT_PROPERTY, True)
    for line in widget.findChildren(QLineEdit):
        line.setDragEnabled(False)
    for view in widget.findChildren(QAbstractItemView):
        view.setDragEnabled(False)
    install()


def put_on_clipboard(text: str) -> None:
    """A permitted copy: on the clipboard now, gone again after CLEAR_AFTER_MS."""
    global _placed
    install()
    QApplication.clipboard().setText(text, QClipboard.Mode.Clipboard)
    _placed = text
    QTimer.singleShot(CLEAR_AFTER_MS, lambda placed=text: _clear_if(placed))


def _clear_if(placed: str) -> None:
    if _placed == placed:
        clear_clipboard()


def clear_clipboard() -> None:
    """Empty the clipboard if it still holds what this program put there."""
    global _placed
    if _placed is None:
        return
    clipboard = QApplication.clipboard()
    if clipboard.text(QClipboard.Mode.Clipboard) == _placed:
        clipboard.clear(QClipboard.Mode.Clipboard)
    _placed = None
