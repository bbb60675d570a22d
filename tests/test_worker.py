"""GeneratorWorker: frames arrive in order in the GUI thread, errors become signals,
stop is a flag, and joining is prompt (no sleeps: we wait on signals)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, qInstallMessageHandler

from gradlab.gui import worker as worker_mod
from gradlab.gui.worker import GeneratorWorker


def _count(n):
    def make(stop):
        for i in range(n):
            if stop():
                return
            yield i
    return make


def _forever(gate: threading.Event | None = None):
    def make(stop):
        i = 0
        while not stop():
            if gate is not None:
                gate.wait(0.001)  # stand-in for one optimisation step
            yield i
            i += 1
    return make


def test_frames_arrive_in_order_then_finished(qtbot):
    w = GeneratorWorker(_count(20))
    got, threads = [], set()
    w.frame.connect(lambda v: (got.append(v), threads.add(QThread.currentThread())))
    with qtbot.waitSignal(w.finished, timeout=5000):
        w.start()
    assert got == list(range(20))
    # The slot ran in the GUI thread, not the worker's.
    assert threads == {qtbot_thread()}
    assert w.is_done() and not w.is_running()


def qtbot_thread():
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.instance().thread()


def test_generator_receives_a_working_stop_flag(qtbot):
    w = GeneratorWorker(_forever())
    first = []
    w.frame.connect(lambda v: first.append(v))
    with qtbot.waitSignal(w.frame, timeout=5000):
        w.start()
    assert not w.stop_requested()
    with qtbot.waitSignal(w.finished, timeout=5000):
        w.stop()
    assert w.stop_requested() and first


def test_error_is_relayed_as_failed_then_finished(qtbot):
    def make(stop):
        yield 1
        raise ValueError("the surface blew up")

    w = GeneratorWorker(make)
    order = []
    w.frame.connect(lambda v: order.append(("frame", v)))
    w.failed.connect(lambda msg: order.append(("failed", msg)))
    w.finished.connect(lambda: order.append(("finished",)))
    with qtbot.waitSignals([w.failed, w.finished], order="strict", timeout=5000):
        w.start()
    assert order[0] == ("frame", 1)
    assert order[1][0] == "failed" and "ValueError: the surface blew up" in order[1][1]
    assert order[2] == ("finished",)


def test_error_while_making_the_generator_is_relayed(qtbot):
    def make(stop):
        raise KeyError("no such optimizer")

    w = GeneratorWorker(make)
    with qtbot.waitSignal(w.failed, timeout=5000) as blocker:
        w.start()
    assert "KeyError" in blocker.args[0]
    qtbot.waitUntil(w.is_done, timeout=5000)


def test_stop_and_wait_joins_promptly(qtbot):
    w = GeneratorWorker(_forever(threading.Event()))
    with qtbot.waitSignal(w.frame, timeout=5000):
        w.start()
    assert w.is_running()
    assert w.stop_and_wait(2000)
    assert not w._thread.isRunning()
    qtbot.waitUntil(w.is_done, timeout=2000)


def test_a_worker_runs_once(qtbot):
    w = GeneratorWorker(_count(1))
    with qtbot.waitSignal(w.finished, timeout=5000):
        w.start()
    with pytest.raises(RuntimeError):
        w.start()


def test_stop_before_start_is_harmless(qtbot):
    w = GeneratorWorker(_count(3))
    assert w.stop_and_wait(100)
    assert not w.is_running()


def test_dropped_worker_is_kept_alive_and_stop_all_joins_it(qtbot):
    """Dropping the last reference while running must not destroy the QThread."""
    messages = []
    previous = qInstallMessageHandler(lambda mode, ctx, msg: messages.append(msg))
    try:
        w = GeneratorWorker(_forever(threading.Event()))
        with qtbot.waitSignal(w.frame, timeout=5000):
            w.start()
        thread = w._thread
        del w
        import gc
        gc.collect()
        assert worker_mod.running_workers(), "the registry must hold a running worker"
        assert worker_mod.stop_all(2000)
        assert not thread.isRunning()
        qtbot.waitUntil(lambda: not worker_mod.running_workers(), timeout=2000)
    finally:
        qInstallMessageHandler(previous)
    assert not any("Destroyed while thread" in m for m in messages)


def test_start_stop_many_times(qtbot):
    for _ in range(30):
        w = GeneratorWorker(_forever(threading.Event()))
        with qtbot.waitSignal(w.frame, timeout=5000):
            w.start()
        assert w.stop_and_wait(2000)
    qtbot.waitUntil(lambda: not worker_mod.running_workers(), timeout=2000)
