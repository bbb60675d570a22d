"""Trains the queued runs one after another, each in a `GeneratorWorker`.

The worker runs `mnist_train.train(config, data, stop, resume)`; torch is imported there,
in the worker thread, the first time a run starts, so the window opens without it.
The frame slot only appends to the run's buffers and marks the view dirty.

- Stop: the flag is set; the generator's final frame (`stopped`, with a checkpoint)
  keeps what was trained, and the queue halts.
- Resume: a stopped run goes on from its checkpoint (`resume=`), then the queue goes on.
- A run that diverges or fails is marked and the next queued run starts.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6 import QtCore

from gradlab.core.mnist.frames import TrainFrame
from gradlab.gui.mnist.runs import Run, RunStatus
from gradlab.gui.worker import GeneratorWorker


def _train(config, data, resume):
    """The worker's generator factory; the import is here so only training pays for torch.

    `stop` is the worker's flag; the worker drains the generator after it is set, so the
    trainer's final frame (stopped, with the checkpoint Resume needs) always arrives.
    """
    def make(stop):
        from gradlab.core.mnist import train as mnist_train

        return mnist_train.train(config, data, stop=stop, resume=resume)
    return make


class Runner(QtCore.QObject):
    """Runs a list of `Run`s in order; `changed(run)` after each frame or status change."""

    changed = QtCore.Signal(object)
    started_run = QtCore.Signal(object)
    idle = QtCore.Signal()

    def __init__(self, parent: QtCore.QObject | None = None,
                 make_generator: Callable[..., Any] = _train) -> None:
        super().__init__(parent)
        self._make = make_generator
        self.worker: GeneratorWorker | None = None
        self.current: Run | None = None
        self._todo: list[Run] = []
        self._data: Any = None
        self._halt = False

    def running(self) -> bool:
        return self.worker is not None

    def start(self, runs: list[Run], data: Any) -> None:
        """Train `runs` in order (stopped ones resume from their checkpoints)."""
        if self.running():
            return
        self._todo = list(runs)
        self._data = data
        self._halt = False
        self._next()

    def stop(self) -> None:
        """Stop the current run (its final frame keeps what it trained) and the queue."""
        self._halt = True
        if self.worker is not None:
            self.worker.stop()

    def stop_and_wait(self, timeout_ms: int = 2000) -> bool:
        """Stop and join (closing): returns False if the thread outlived `timeout_ms`."""
        self._halt = True
        worker = self.worker
        return worker.stop_and_wait(timeout_ms) if worker is not None else True

    # -- internals ---------------------------------------------------------------------------
    def _next(self) -> None:
        while self._todo and not self._halt:
            run = self._todo.pop(0)
            if run.status not in (RunStatus.QUEUED, RunStatus.STOPPED):
                continue
            resume = run.checkpoint if run.resumable else None
            if resume is None and run.status == RunStatus.STOPPED:
                run.reset()  # stopped before its first checkpoint: start it over
            self.current = run
            run.status = RunStatus.RUNNING
            run.revision += 1
            self.worker = GeneratorWorker(self._make(run.config, self._data, resume), self)
            self.worker.setObjectName(f"mnist run {run.number}")
            self.worker.frame.connect(self._on_frame)
            self.worker.failed.connect(self._on_failed)
            self.worker.finished.connect(self._on_finished)
            self.started_run.emit(run)
            self.changed.emit(run)
            self.worker.start()
            return
        self.current = None
        self.idle.emit()

    def _on_frame(self, frame: TrainFrame) -> None:
        run = self.current
        if run is None:
            return
        run.append(frame)
        self.changed.emit(run)

    def _on_failed(self, message: str) -> None:
        if self.current is not None:
            self.current.fail(message)
            self.changed.emit(self.current)

    def _on_finished(self) -> None:
        run = self.current
        self.worker = None
        if run is not None and run.status == RunStatus.RUNNING:
            # Ended without a final frame (closed mid-run, or stopped before the first
            # step): no checkpoint, so Resume will start it over; its curves stay until then.
            if len(run.steps):
                run.status = RunStatus.STOPPED
                run.revision += 1
            else:
                run.reset()
            self.changed.emit(run)
        self._next()
