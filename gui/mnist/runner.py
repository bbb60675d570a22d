"""Trains the queued runs one after another, each in a `GeneratorWorker`.

The worker runs `mnist_train.train(config, data, stop, resume)`; torch is imported there,
in the worker thread, the first time a run starts, so the window opens without it.
The frame slot only appends to the run's buffers and marks the view dirty.

Start-up (issue 19). The first run of a process imports torch (0.3-1 s) and numba
(0.35 s with its set-up) and compiles the optimizer's loop (0.1-0.3 s, or loads it from
`rule_kernel`'s disk cache); none of it can be interrupted. So the worker does it in a
warm-up thread of its own and waits for it checking `stop` every `WARM_UP_POLL_S`: Stop
is honoured at once, the warm-up is abandoned (it finishes in the background, and what
it compiled serves the next Start), and the run ends with no frame (it will start over).
The tab also starts a warm-up as soon as it is built (when first shown: never while the
window starts on another tab), and when the data are loaded (`Runner.warm_up`):
torch's import overlaps the data's loading, and a Start pressed as soon as the data are
in finds it done or nearly (bench/run_start.py measures that, from the tab's opening).
torch's import holds the GIL while it loads its libraries: the GUI thread can wait
~0.1-0.5 s then, wherever the import runs (at the tab's opening it delays the tab's
first paint by about that much: bench/run_start.py prints the GUI timer's waits).

- Stop: the flag is set; the generator's final frame (`stopped`, with a checkpoint)
  keeps what was trained, and the queue halts.
- Resume: a stopped run goes on from its checkpoint (`resume=`), then the queue goes on.
- A run that diverges or fails is marked and the next queued run starts.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6 import QtCore

from gradlab.core.mnist.frames import TrainFrame
from gradlab.gui.mnist.runs import Run, RunStatus
from gradlab.gui.worker import GeneratorWorker


# How often the worker looks at Stop while the warm-up runs (Stop within 0.5 s).
WARM_UP_POLL_S = 0.02
_warm_ups: list[threading.Thread] = []  # started, maybe still running (abandoned ones too)


def _warm_up(config: Any) -> None:
    """What the first run of a process pays before its first step, done ahead of it:
    torch and the trainer imported, the optimizer's compiled loop built (or loaded from
    the disk cache) for the run's dtype. Errors are left to the trainer, which reports
    them in its own words."""
    try:
        import torch  # noqa: PLC0415 - only training pays for torch

        from gradlab.core.mnist import train as _trainer  # noqa: F401, PLC0415 - imported ahead
        from gradlab.core.mnist.config import resolve_device  # noqa: PLC0415
        from gradlab.core.mnist.optimizers import make_optimizer  # noqa: PLC0415

        on_cpu = config.engine != "torch" or resolve_device(config.device).type == "cpu"
        if on_cpu:
            dtype = torch.float64 if config.dtype == "float64" else torch.float32
            probe = torch.zeros(1, dtype=dtype, requires_grad=True)
            optimizer = make_optimizer(config.optimizer, [probe], config.hyper)
            if hasattr(optimizer, "prepare"):
                optimizer.prepare()  # compiled once per process; the trainer's is then free
    except Exception:  # noqa: BLE001 - the trainer meets the same error and reports it
        pass


def start_warm_up(config: Any) -> threading.Thread:
    """`_warm_up(config)` in a thread of its own, started; returns at once."""
    thread = threading.Thread(target=_warm_up, args=(config,), name="gradlab warm-up")
    _warm_ups[:] = [t for t in _warm_ups if t.is_alive()]
    _warm_ups.append(thread)
    thread.start()
    return thread


def warm_up_in_background(config: Any, stop: Callable[[], bool]) -> bool:
    """Run `_warm_up(config)` in a thread of its own and wait for it; False as soon as
    `stop()` says so (the thread is abandoned: it ends on its own, see `wait_for_warm_ups`)."""
    thread = start_warm_up(config)
    while thread.is_alive():
        if stop():
            return False
        thread.join(WARM_UP_POLL_S)
    return not stop()


def wait_for_warm_ups(timeout: float | None = None) -> bool:
    """Join every warm-up thread (tests, and the app's exit); True when none is left."""
    for thread in list(_warm_ups):
        thread.join(timeout)
    return not any(t.is_alive() for t in _warm_ups)


def _train(config, data, resume):
    """The worker's generator factory; the import is here so only training pays for torch.

    `stop` is the worker's flag; the worker drains the generator after it is set, so the
    trainer's final frame (stopped, with the checkpoint Resume needs) always arrives. A
    stop during the warm-up ends the run with no frame (see the module docstring).
    """
    def make(stop):
        if not warm_up_in_background(config, stop):
            return iter(())
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

    def warm_up(self, config: Any) -> None:
        """Pay the first run's start-up (torch, numba, `config`'s compiled loop) now, in
        the background, so that Start shows its first frame sooner (the tab calls this
        when it is built and when the data are loaded). Nothing happens while a warm-up
        or a run is going."""
        if not self.running() and not any(t.is_alive() for t in _warm_ups):
            start_warm_up(config)

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
