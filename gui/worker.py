"""Run a core generator in its own QThread and relay what it yields as Qt signals.

Usage::

    worker = GeneratorWorker(lambda stop: race.frames(500, stop=stop))
    worker.frame.connect(on_frame)      # GUI slot: append to buffers, mark dirty
    worker.failed.connect(show_error)   # the exception, as one line of text
    worker.finished.connect(on_done)    # always last, after failed
    worker.start()
    ...
    worker.stop_and_wait(2000)          # on pause / close: flag, then join

Why it is shaped like this (see ../shared/STYLE.md):

- The generator gets `stop`, a plain callable, and checks it between steps. Stopping
  is a flag, never `QThread.terminate()`: a queued slot would never run while the
  generator loops, and terminate can leave numpy or torch holding a lock.
- The generator throttles itself on its own clock; this class adds no timing.
- Errors become a `failed(str)` signal instead of a traceback in a thread nobody
  watches. `finished()` is emitted after the last `frame` and after `failed`.
- A worker is single-use: start it once. Each run makes a new one (cheap).
- Every running worker is kept in a module registry until its thread ends, so a
  worker the owner dropped is never garbage-collected while its thread runs (that
  is what prints "QThread: Destroyed while thread is still running" and aborts).
  `stop_all(ms)` stops and joins them all; the app calls it on `aboutToQuit`.
- Closing never aborts. The window flags every worker, waits a moment ("Finishing…"),
  then `detach_all()`: a worker blocked in a read it cannot leave (a FIFO, a stalled
  disk) stays registered. At interpreter exit `_settle_at_exit` waits `EXIT_WAIT_MS`
  more, and a thread still running then is handed to C++ ownership, so neither Python
  nor PySide's exit clean-up destroys a running QThread (that is what aborts). Blocking
  I/O in workers is chunked and checks `stop`, so this last resort is rarely reached.
"""

from __future__ import annotations

import atexit
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot


StopFlag = Callable[[], bool]
MakeGenerator = Callable[[StopFlag], Iterable[Any]]

_running: set[GeneratorWorker] = set()
# Threads still running at exit, kept rather than destroyed (see the module docstring).
_kept: list[QThread] = []
EXIT_WAIT_MS = 1000


class _Runner(QObject):
    """Iterates the generator inside the worker thread and emits what it yields.

    A QObject moved to a plain QThread, not a QThread subclass overriding `run`: the
    thread stays a plain Qt object and all Python code runs in this slot.

    The generator is drained, not abandoned, after a stop: generators check `stop`
    themselves and flush a final frame (the race's last rows, the trainer's
    checkpoint), which must reach the GUI or a stopped run loses what it trained.
    """

    item = Signal(object)
    error = Signal(str)

    def __init__(self, make_generator: MakeGenerator, stop_event: threading.Event) -> None:
        super().__init__()
        self._make_generator = make_generator
        self._stop_event = stop_event
        self.home = QThread.currentThread()

    @Slot()
    def run(self) -> None:
        stopped = self._stop_event.is_set
        try:
            for value in self._make_generator(stopped):
                self.item.emit(value)
        except Exception as exc:  # noqa: BLE001 - relayed to the GUI, not swallowed
            last = traceback.extract_tb(exc.__traceback__)[-1:]
            where = f" ({last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno})" if last else ""
            self.error.emit(f"{type(exc).__name__}: {exc}{where}")
        finally:
            # Hand the object back to the GUI thread (only its own thread may move it),
            # so deleting it later is an ordinary same-thread deletion.
            self.moveToThread(self.home)
            QThread.currentThread().quit()


class GeneratorWorker(QObject):
    """Iterate `make_generator(stop)` in a QThread; signals arrive in the GUI thread."""

    frame = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, make_generator: MakeGenerator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop_event = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("GeneratorWorker")
        self._runner = _Runner(make_generator, self._stop_event)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        # The runner emits from the worker thread and `self` lives in the GUI thread,
        # so these connections are queued: the slots run in the GUI thread, in order,
        # and the thread's `finished` arrives after the last frame.
        self._runner.item.connect(self.frame)
        self._runner.error.connect(self.failed)
        self._thread.finished.connect(self._on_thread_finished)
        self._started = False
        self._done = False
        self._detached = False

    # -- control -------------------------------------------------------------------
    def start(self) -> None:
        """Start the thread. A worker runs once; starting it again is an error."""
        if self._started:
            raise RuntimeError("a GeneratorWorker runs once; make a new one")
        self._started = True
        _running.add(self)
        self._thread.start()

    def stop(self) -> None:
        """Ask the generator to stop at its next check (returns at once)."""
        self._stop_event.set()

    def stop_and_wait(self, ms: int = 2000) -> bool:
        """Stop and join the thread; True when it has ended within `ms` milliseconds
        (a detached worker is not waited for again)."""
        self.stop()
        if not self._started:
            return True
        return self._thread.wait(0 if self._detached else ms)

    def detach(self) -> None:
        """Give up waiting: the window closes without this worker, which stays
        registered (alive) until its thread ends or the process exits."""
        self.stop()
        self._detached = True

    # -- state -----------------------------------------------------------------------
    def is_running(self) -> bool:
        """True from `start()` until the thread has ended."""
        return self._started and not self._thread.isFinished()

    def is_done(self) -> bool:
        """True once `finished` has been emitted."""
        return self._done

    def stop_requested(self) -> bool:
        return self._stop_event.is_set()

    # -- internals -------------------------------------------------------------------
    def _on_thread_finished(self) -> None:
        self._done = True
        _running.discard(self)
        self.finished.emit()


def running_workers() -> list[GeneratorWorker]:
    """Workers whose thread has been started and whose `finished` has not arrived yet."""
    return list(_running)


def stop_all(ms: int = 2000) -> bool:
    """Stop every running worker and join them within `ms` milliseconds in all (the app
    calls this on `aboutToQuit`); True when all have ended. Detached workers are not
    waited for."""
    workers = list(_running)
    for worker in workers:  # all flagged first: they wind down side by side
        worker.stop()
    deadline = time.monotonic() + ms / 1000
    ok = True
    for worker in workers:
        left = max(0, int(1000 * (deadline - time.monotonic())))
        ok = worker.stop_and_wait(left) and ok
    return ok


def detach_all() -> int:
    """Detach every worker still running (see `GeneratorWorker.detach`); how many."""
    workers = [w for w in _running if w.is_running()]
    for worker in workers:
        worker.detach()
    return len(workers)


def _settle_at_exit() -> None:
    """At interpreter exit: join what can still end, detach what cannot.

    Registered after PySide6 is imported, so it runs before PySide's own exit clean-up,
    which calls the C++ destructor of every QObject Python owns; a QThread destroyed
    while it runs prints "Destroyed while thread ... is still running" and aborts.
    """
    for worker in list(_running):
        worker._detached = False  # a last chance for every one of them
    stop_all(EXIT_WAIT_MS)
    from shiboken6 import Shiboken

    for worker in list(_running):
        thread = worker._thread
        if Shiboken.isValid(thread) and thread.isRunning():
            # Never terminate(): the read stays where it is and the process ends around
            # it. Parented to the main thread's own QThread object, which Qt never
            # deletes, the QThread is owned by C++ and no clean-up destroys it running.
            _kept.append(thread)
            thread.setParent(QThread.currentThread())


atexit.register(_settle_at_exit)
