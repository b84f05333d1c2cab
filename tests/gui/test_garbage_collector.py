"""Garbage holding Qt objects is collected on the GUI thread only (app/views/garbage_collector.py).

A cycle that holds a widget is made unreachable; a worker thread then allocates far past
the interpreter's thresholds (with automatic collection on, that thread would collect the
cycle and run the widget's destructor there). The widget must still be alive after the
worker, and go on the GUI thread at the collector's next tick; a paused collector leaves
it alone until resumed.
"""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.views import garbage_collector


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.label = QLabel("客户内容")  # owned by Python: deleted when the cycle is freed


def _orphan_cycle(freed_on: list[str]) -> weakref.ref[_Cycle]:
    cycle = _Cycle()
    ref = weakref.ref(cycle, lambda _: freed_on.append(threading.current_thread().name))
    del cycle
    return ref


def _allocate_on_a_worker() -> None:
    def churn() -> None:
        threshold = gc.get_threshold()[0]
        for _ in range(200):
            junk = [[] for _ in range(threshold * 2)]
            del junk

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()


@pytest.fixture
def collector(qapp: QApplication) -> garbage_collector.GarbageCollector:
    gc.enable()  # as in a program that has not installed it yet
    collector = garbage_collector.install()
    gc.collect()
    return collector


def test_a_worker_never_collects_what_the_gui_thread_then_does(
    collector: garbage_collector.GarbageCollector, qtbot
) -> None:
    freed_on: list[str] = []
    ref = _orphan_cycle(freed_on)
    _allocate_on_a_worker()
    assert ref() is not None and freed_on == []
    qtbot.waitUntil(lambda: ref() is None, timeout=3 * garbage_collector.INTERVAL_MS)
    assert freed_on == [threading.main_thread().name]


def test_a_paused_collector_collects_after_it_resumes(
    collector: garbage_collector.GarbageCollector, qtbot
) -> None:
    freed_on: list[str] = []
    collector.pause()
    try:
        ref = _orphan_cycle(freed_on)
        _allocate_on_a_worker()
        qtbot.wait(2 * garbage_collector.INTERVAL_MS + 200)
        assert ref() is not None
    finally:
        collector.resume()
    qtbot.waitUntil(lambda: ref() is None, timeout=3 * garbage_collector.INTERVAL_MS)
    assert freed_on == [threading.main_thread().name]
