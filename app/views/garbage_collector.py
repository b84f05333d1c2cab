"""Python's cyclic garbage collector, run on the GUI thread only.

A collection runs on whichever thread happens to allocate when a threshold is
crossed. When it frees a cycle holding a Qt object (a closed dialog whose
signal is connected to its own method, say), the object's C++ destructor runs on
that thread; Qt widgets may be destroyed on the GUI thread only, and destroying
one elsewhere damages the heap, so that the program aborts later at some
unrelated point ("malloc_consolidate(): unaligned fastbin chunk detected", seen
in full test runs after an import job and a test's writer thread had run Python
beside hundreds of windows). The remedy is the one PyQt programs have used since
calibre: automatic collection off, and a timer on the GUI thread that makes one of
the interpreter's collections every second (the older generations at the
interpreter's own thresholds).

A long job on a worker thread (an import of thousands of rows) pauses the timer
for its length: the job's rows are not garbage, and walking them again and again
would freeze the window.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: how often the GUI thread looks at the collector's counts
INTERVAL_MS = 1_000


def collect_due() -> int:
    """One collection, as the interpreter makes them: each call collects the youngest
    generation, and an older one (with the younger) when its count has crossed the
    interpreter's threshold; the number of unreachable objects found.

    Every call collects, even when few objects were allocated since the last: the count
    is allocations minus deallocations, so a cycle left while the program allocates and
    frees as much would otherwise wait for ever.
    """
    _, threshold1, threshold2 = gc.get_threshold()
    _, count1, count2 = gc.get_count()
    if count2 > threshold2:
        return gc.collect(2)
    if count1 > threshold1:
        return gc.collect(1)
    return gc.collect(0)


class GarbageCollector(QObject):
    """The timer; install once per application with :func:`install`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._paused = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        if not self._paused:
            collect_due()

    def pause(self) -> None:
        self._paused += 1

    def resume(self) -> None:
        self._paused = max(0, self._paused - 1)

    @property
    def paused(self) -> bool:
        return self._paused > 0


_collector: GarbageCollector | None = None


def install() -> GarbageCollector:
    """Switch automatic collection off and collect on the GUI thread from now on."""
    global _collector
    app = QCoreApplication.instance()
    assert app is not None, "the garbage collector needs the application"
    if _collector is None or _collector.parent() is not app:
        _collector = GarbageCollector(app)
    gc.disable()
    return _collector


def pause() -> None:
    """No collections until :func:`resume` (a worker thread's long job is running)."""
    if _collector is not None:
        _collector.pause()


def resume() -> None:
    if _collector is not None:
        _collector.resume()
