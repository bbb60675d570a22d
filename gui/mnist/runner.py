"""Trains the queued runs one after another, each in a `GeneratorWorker`.

The worker runs `mnist_train.train(config, data, stop, resume)`; torch is imported there,
in the worker thread, the first time a run starts, so the window opens without it.
The frame slot only appends to the run's buffers and marks the view dirty.

Start-up (issue 19). The first run of a process imports torch (0.9 s on a quiet
2-core machine, 2-3 s on a busy one), makes the data's tensors (0.15 s) and readies the
optimizer's compiled loop (numba's import 0.16 s, its set-up 0.3 s even when the loop
comes from `rule_kernel`'s disk cache). A warm-up thread imports torch and the trainer
ahead of Start: the app starts one after the window's first paint when the person is
likely to train (gui/mnist/early.py), the tab one at its own first paint, and one with
the data when they are loaded (`Runner.warm_up`), which also makes the tensors. The data
panel says the data are loaded once torch and the trainer are in and the tensors made
(`ready_to_train`, in its load worker: reading the files overlaps the import), so a
Start pressed then waits for neither. Nor does it wait for numba: the run's first steps take numpy
slices, which give the loop's result bit for bit, and the run makes its loop in a thread
of its own after its first frame (`train(loop_in_background=True)`), when it no longer
delays anything the person waits for. The warm-up cannot be interrupted, so the worker
waits for it checking `stop` every `WARM_UP_POLL_S`: Stop is honoured at once, the
warm-up is abandoned (it finishes in the background and serves the next Start), and the
run ends with no frame (it will start over). torch's import holds the GIL in stretches
(its main library's load, 0.15-0.3 s, is done without it: `torch_libraries`): the GUI
thread can wait then (bench/run_start.py prints the GUI timer's waits).

- Stop: the flag is set; the generator's final frame (`stopped`, with a checkpoint)
  keeps what was trained, and the queue halts.
- Resume: a stopped run goes on from its checkpoint (`resume=`), then the queue goes on.
- A run that diverges or fails is marked and the next queued run starts.
"""

from __future__ import annotations

import sys
import threading
from typing import Any, Callable

from PySide6 import QtCore

from gradlab.core.mnist.frames import TrainFrame
from gradlab.gui.mnist import torch_libraries
from gradlab.gui.mnist.runs import Run, RunStatus
from gradlab.gui.worker import GeneratorWorker


# How often the worker looks at Stop while the warm-up runs (Stop within 0.5 s).
WARM_UP_POLL_S = 0.02
_warm_ups: list[threading.Thread] = []  # started, maybe still running (abandoned ones too)
_warm_ups_lock = threading.Lock()
# Set once torch and the trainer are imported in this process (they stay imported): from
# then on Start needs nothing else from a warm-up.
_trainer_ready = threading.Event()


def _warm_up(config: Any, data: Any = None) -> None:
    """What the first run of a process pays before its first step, done ahead of it:
    torch and the trainer imported, then `data`'s tensors for the run's device and dtype
    (kept by `tensors.prepare`, which the trainer then finds ready). Not the optimizer's
    compiled loop: the run makes it beside itself after its first frame (numba's import
    and set-up take 0.5 s of CPU, 1-2 s on a busy machine, which a Start pressed meanwhile
    would share). Errors are left to the trainer, which reports them in its own words."""
    try:
        torch_libraries.preload()  # its longest stretch under the GIL, without the GIL
        import numpy as np  # noqa: PLC0415
        import torch  # noqa: PLC0415 - only training pays for torch

        from gradlab.core.mnist import train as _trainer  # noqa: F401, PLC0415 - imported ahead
        from gradlab.core.mnist.config import resolve_device  # noqa: PLC0415
        from gradlab.core.mnist.tensors import prepare  # noqa: PLC0415

        np.unique(np.zeros(1))  # its first call imports numpy.ma (70 ms), else in the first frame
        _trainer_ready.set()
        if data is not None:
            device = torch.device("cpu") if config.engine != "torch" else resolve_device(config.device)
            prepare(data, device, torch.float64 if config.dtype == "float64" else torch.float32)
    except Exception:  # noqa: BLE001 - the trainer meets the same error and reports it
        pass


def start_warm_up(config: Any, data: Any = None) -> threading.Thread:
    """`_warm_up(config[, data])` in a thread of its own, started; returns at once."""
    args = (config,) if data is None else (config, data)
    thread = threading.Thread(target=_warm_up, args=args, name="gradlab warm-up")
    with _warm_ups_lock:  # the GUI thread and the data panel's loader both start them
        _warm_ups[:] = [t for t in _warm_ups if t.is_alive()]
        _warm_ups.append(thread)
    thread.start()
    return thread


def warm_up_in_background(config: Any, stop: Callable[[], bool]) -> bool:
    """Wait until torch and the trainer are imported (by a warm-up thread started now
    unless they are); False as soon as `stop()` says so (the thread is abandoned: it
    ends on its own, see `wait_for_warm_ups`). The rest of the warm-up (the tensors) goes on
    beside the run, whose trainer waits for it only where it needs it."""
    if _trainer_ready.is_set():
        return not stop()
    thread = start_warm_up(config)
    while not _trainer_ready.is_set() and thread.is_alive():
        if stop():
            return False
        _trainer_ready.wait(WARM_UP_POLL_S)
    return not stop()


def ready_to_train(data: Any, stop: Callable[[], bool]) -> None:
    """`wait_for_trainer(stop)`, then `data`'s tensors made for a default run's device
    and dtype (`tensors.prepare` keeps them for the trainer). The data panel calls this
    in its load worker: the tab says the data are loaded when a run can start on them
    at once (issue 19)."""
    wait_for_trainer(stop)
    if stop() or not _trainer_ready.is_set():
        return
    import torch  # noqa: PLC0415 - imported by now

    from gradlab.core.mnist.config import resolve_device  # noqa: PLC0415
    from gradlab.core.mnist.frames import TrainConfig  # noqa: PLC0415
    from gradlab.core.mnist.tensors import prepare  # noqa: PLC0415

    config = TrainConfig()
    try:
        device = torch.device("cpu") if config.engine != "torch" else resolve_device(config.device)
        prepare(data, device, torch.float64 if config.dtype == "float64" else torch.float32)
    except Exception:  # noqa: BLE001 - the trainer makes them itself, and reports what fails
        pass


def wait_for_trainer(stop: Callable[[], bool]) -> None:
    """Return once torch and the trainer are imported (by the warm-up running, or one
    started now with a default run's settings), once that warm-up has ended without
    them (the trainer will report why), or as soon as `stop()` says so."""
    if _trainer_ready.is_set():
        return
    thread = next((t for t in _warm_ups if t.is_alive()), None)
    if thread is None:
        from gradlab.core.mnist.frames import TrainConfig  # noqa: PLC0415 - numpy only

        thread = start_warm_up(TrainConfig())
    while not _trainer_ready.is_set() and thread.is_alive() and not stop():
        _trainer_ready.wait(WARM_UP_POLL_S)


def wait_for_warm_ups(timeout: float | None = None) -> bool:
    """Join every warm-up thread and the compiled loops' loaders (tests, and the app's
    exit); True when none is left."""
    for thread in list(_warm_ups):
        thread.join(timeout)
    left = any(t.is_alive() for t in _warm_ups)
    if "gradlab.core.optimizers.rule_kernel" in sys.modules:  # never imported for this
        left = not sys.modules["gradlab.core.optimizers.rule_kernel"].wait_for_background(timeout) or left
    return not left


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

        return mnist_train.train(config, data, stop=stop, resume=resume, loop_in_background=True)
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

    def warm_up(self, config: Any, data: Any = None) -> None:
        """Pay the first run's start-up (torch, the trainer, `data`'s tensors for
        `config`) now, in the background, so that Start shows its first frame sooner
        (the tab calls this at its first paint, and with the data when they are loaded).
        Nothing happens while a run is going, nor without data while a warm-up is."""
        if self.running():
            return
        if data is not None or not any(t.is_alive() for t in _warm_ups):
            start_warm_up(config, data)

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
