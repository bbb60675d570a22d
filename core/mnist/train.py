"""Training the 784-512-256-10 perceptron on MNIST, as a generator of `TrainFrame`s.

    for frame in train(TrainConfig(optimizer="adam", hyper={"lr": 1e-3}), load(folder)):
        ...  # frame.losses, frame.evaluation, frame.progress, frame.checkpoint

The data are loaded once into float32 tensors, x = (pixel / 255 − 0.1307) / 0.3081, and
each epoch's batches are consecutive slices of one seeded permutation of the training
rows (the rows are gathered per batch: no DataLoader, no per-sample transform). The
permutation of epoch e comes from a torch.Generator seeded with (seed, e), and the
initial weights from `mlp.init_params(sizes, seed)`, so two runs with the same seed start
from the same weights and see the same batches whatever their optimizer, loss or engine.

The generator checks `stop()` before every step; the final frame (done or stopped)
carries a `Checkpoint`, and `train(config, data, resume=checkpoint)` goes on from it
exactly as if it had never stopped. See `gradlab.core.mnist.frames` for every field.

Reading the code: `_frames` is the loop (epochs of steps, a frame now and then), and
`_Training` holds the run's state, one method per thing the loop does; `_Training.step`
is one step in the textbook order: forward, loss, backward, update, schedule.
"""

from __future__ import annotations

import copy
import math
import os
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import numpy as np
import torch

from gradlab.core.blas_threads import set_blas_threads
from gradlab.core.mlp import init_params
from gradlab.core.mnist.config import check_resume, inverse_frequency, make_loss, resolve_device, validate
from gradlab.core.mnist.data import MnistData
from gradlab.core.mnist.evaluation import evaluate
from gradlab.core.mnist.frames import (
    Checkpoint, EpochResult, Evaluation, EvaluationSummary, History, Progress, TrainConfig, TrainFrame,
    empty_rows,
)
from gradlab.core.mnist.model import NumpyEngine, TorchEngine, check_labels, params_from_state_dict
from gradlab.core.mnist.optimizers import make_optimizer
from gradlab.core.mnist.run_file import load_run, save_run
from gradlab.core.mnist.tensors import MEAN, STD, Prepared, clear_cache, prepare, train_indices
from gradlab.core.mnist.trajectory import Recorder
from gradlab.core.mnist.schedules import make_scheduler
from gradlab.core.mnist.schedules import restore as restore_schedule

# The public face of MNIST training: everything a caller needs is importable from here.
__all__ = ["TrainConfig", "TrainFrame", "train", "prepare", "clear_cache", "Prepared",
           "validate", "resolve_device", "make_loss", "inverse_frequency", "train_indices",
           "save_run", "load_run", "MEAN", "STD"]

INPUTS, CLASSES = 28 * 28, 10


def _cpu_copy(obj: Any) -> Any:
    """A deep copy with every tensor cloned to the CPU (checkpoints outlive the run)."""
    if isinstance(obj, torch.Tensor):
        return obj.detach().to("cpu", copy=True)
    if isinstance(obj, dict):
        return {k: _cpu_copy(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_cpu_copy(v) for v in obj)
    return copy.deepcopy(obj)


# --- the generator --------------------------------------------------------------------


def _permutation(seed: int, epoch: int, n: int) -> torch.Tensor:
    """Epoch `epoch`'s order of the n training rows (depends on nothing else)."""
    g = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
    return torch.randperm(n, generator=g)


def train(config: TrainConfig, data: MnistData, stop: Callable[[], bool] = lambda: False,
          resume: Checkpoint | None = None, frame_seconds: float = 0.05,
          clock: Callable[[], float] = time.perf_counter,
          loop_in_background: bool = False) -> Iterator[TrainFrame]:
    """Train as `config` says, yielding `TrainFrame`s (see `gradlab.core.mnist.frames`).

    A frame comes about every `frame_seconds` of `clock`, right after each evaluation
    (every `config.eval_every` steps on the fixed test subset, and on the test set at each
    epoch end), and at the end. `stop()` is checked before every step; when it returns
    True the final frame has `stopped=True` and a checkpoint. A NaN or inf training loss
    ends the run with `diverged` = that step (its update is not applied). `resume` goes on
    from a checkpoint of a run with the same config (only `epochs`, device and evaluation
    settings may change). ValueError for a bad config, raised by this call itself (not
    at the first `next`), before anything is computed.

    `loop_in_background`: the first steps do not wait for the optimizer's compiled loop
    (numba's import and the loop's load, ~0.5 s the first time in a process); they take
    numpy slices, which give the loop's result bit for bit, until it is ready: it is made
    in a thread of its own once the first frame is built
    (`CoreOptimizer.slices_until_prepared`, then `prepare(wait=False)`). The MNIST tab's
    Start uses it; a timed run (the CLI, benchmarks) waits, so that no epoch includes the
    slower first steps.
    """
    validate(config)
    if resume is not None:
        check_resume(config, resume)
    return _frames(config, data, stop, resume, frame_seconds, clock, loop_in_background)


def _frames(config: TrainConfig, data: MnistData, stop: Callable[[], bool],
            resume: Checkpoint | None, frame_seconds: float,
            clock: Callable[[], float], loop_in_background: bool = False) -> Iterator[TrainFrame]:
    """The training loop: epochs of steps, a frame now and then (see `train`)."""
    run = _Training(config, data, stop, resume, clock, loop_in_background)
    if run.epochs_done >= config.epochs:  # resumed a finished run with no more epochs asked
        yield run.frame(done=True)
        return
    if resume is None and config.eval_every:
        # Step 0: how the untrained network does, so the test curves start at the start.
        f = run.frame(evaluation=run.evaluate("subset"))
        yield f
        if f.final:
            return
    last_frame = clock()
    while run.epochs_done < config.epochs:
        for batch in run.batches_left():
            if stop():
                yield run.frame(stopped=True)
                return
            if not run.step(batch):
                yield run.frame(diverged=run.history.diverged, done=True)
                return
            if run.epoch.steps == run.steps_per_epoch:
                break  # the epoch's own frame follows
            f = None
            if config.eval_every and run.steps_done % config.eval_every == 0:
                f = run.frame(evaluation=run.evaluate("subset"))
            elif clock() - last_frame >= frame_seconds:
                f = run.frame()
            if f is not None:
                yield f
                if f.final:
                    return
                last_frame = clock()  # pace from when the consumer is done with the frame
        f = run.end_of_epoch()
        yield f
        if f.final:
            return
        last_frame = clock()


@dataclass
class _EpochSoFar:
    """The unfinished epoch's tallies (a checkpoint keeps them: a stopped-and-resumed
    epoch adds its parts)."""

    steps: int = 0
    samples: int = 0
    loss_sum: float = 0.0
    seconds: float = 0.0
    """Training time only: evaluation and frame building are not timed."""


class _Rows:
    """The per-step rows (loss, grad norms, dead fractions) since the last frame."""

    def __init__(self, layers: int, hidden_layers: int) -> None:
        self.layers, self.hidden_layers = layers, hidden_layers
        self.stats: list[list[float]] = []
        self.steps: list[int] = []
        self.lrs: list[float] = []

    def add(self, step: int, lr: float, stats: list[float]) -> None:
        self.steps.append(step)
        self.lrs.append(lr)
        self.stats.append(stats)

    def take(self) -> dict[str, np.ndarray]:
        """The rows as a frame's arrays (copies), then forget them."""
        if not self.steps:
            return empty_rows(self.layers, self.hidden_layers)
        stats = np.asarray(self.stats, np.float64)
        arrays = dict(steps=np.asarray(self.steps, np.int64), losses=stats[:, 0].copy(),
                      lrs=np.asarray(self.lrs, np.float64),
                      grad_norms=stats[:, 1:1 + self.layers].copy(),
                      dead_fraction=stats[:, 1 + self.layers:].copy())
        self.stats, self.steps, self.lrs = [], [], []
        return arrays


class _Training:
    """One run in progress: its data, network, optimizer and schedule, and where it
    stands (`steps_done`, `epochs_done`, `epoch`, `history`). The loop in `_frames`
    drives it; every method here is one thing the loop does."""

    def __init__(self, config: TrainConfig, data: MnistData, stop: Callable[[], bool],
                 resume: Checkpoint | None, clock: Callable[[], float],
                 loop_in_background: bool = False) -> None:
        self.config, self.stop, self.clock = config, stop, clock
        self.device = _use_device(config)
        self.device_name = "cpu (numpy)" if config.engine == "numpy" else str(self.device)
        tdtype = torch.float64 if config.dtype == "float64" else torch.float32
        prepared = prepare(data, self.device, tdtype)

        # The rows trained on (after train_subset and imbalance), and the test rows.
        rows = train_indices(np.asarray(data.train_labels), config)
        labels = np.asarray(data.train_labels)
        if rows is None:
            self.train_x, self.train_y = prepared.train_x, prepared.train_y
        else:
            index = torch.as_tensor(rows, device=self.device)
            self.train_x, self.train_y = prepared.train_x[index], prepared.train_y[index]
            labels = labels[rows]
        if len(self.train_y) == 0:
            raise ValueError("no training samples left (train_subset / imbalance keep none)")
        n_test = len(prepared.test_y)
        if config.test_subset is not None:
            n_test = min(config.test_subset, n_test)
        self.test_x, self.test_y = prepared.test_x[:n_test], prepared.test_y[:n_test]
        self.n_subset = min(config.eval_subset, n_test)
        self.grid = prepared.test_images[: min(config.grid_size, self.n_subset)]

        # The network, its loss, the optimizer and the learning-rate schedule.
        self.loss_fn = make_loss(config, labels)
        sizes = [INPUTS, *config.hidden, CLASSES]
        self.engine = _engine(config, sizes, self.loss_fn, labels, self.device, tdtype)
        self.optimizer = make_optimizer(config.optimizer, self.engine.tensors(), config.hyper)
        # CoreOptimizer: its loop compiled outside the timing, or (loop_in_background) made
        # beside the run once the first frame is out; numpy slices until then.
        self.loop_later = loop_in_background and hasattr(self.optimizer, "slices_until_prepared")
        if self.loop_later:
            self.optimizer.slices_until_prepared()
        elif hasattr(self.optimizer, "prepare"):
            self.optimizer.prepare()
        self.steps_per_epoch = math.ceil(len(self.train_y) / config.batch_size)
        self.scheduler = make_scheduler(self.optimizer, config.schedule, config.schedule_params,
                                        config.schedule_unit, config.epochs, self.steps_per_epoch)
        self.total_steps = config.epochs * self.steps_per_epoch

        # Where the run stands.
        self.steps_done, self.epochs_done = 0, 0
        self.epoch = _EpochSoFar()
        self.history = History()
        self.last_evaluation: Evaluation | None = None
        self.rows = _Rows(layers=len(sizes) - 1, hidden_layers=len(sizes) - 2)
        if resume is not None:
            self._restore(resume)
        # The path of the weights, for the loss landscape: θ₀ and log-spaced snapshots. A
        # checkpoint saved before trajectories existed resumes without one.
        names = [f"{2 * i}.{part}" for i in range(len(sizes) - 1) for part in ("weight", "bias")]
        self.recorder: Recorder | None = None
        if resume is None or resume.trajectory is not None:
            self.recorder = Recorder(names, self.engine.tensors(), self.total_steps,
                                     None if resume is None else resume.trajectory)

    def _restore(self, resume: Checkpoint) -> None:
        """Go on from `resume`: weights, optimizer and schedule state, counters, history."""
        st = resume.state
        self.engine.load(params_from_state_dict(st["model"]))
        self.optimizer.load_state_dict(_cpu_copy(st["optimizer"]))
        if self.scheduler is not None and st.get("scheduler") is not None:
            restore_schedule(self.scheduler, self.optimizer, _cpu_copy(st["scheduler"]))
        self.steps_done, self.epochs_done = resume.step, resume.epoch
        self.epoch = _EpochSoFar(steps=resume.epoch_step, samples=int(st["epoch_samples"]),
                                 loss_sum=float(st["epoch_loss_sum"]),
                                 seconds=float(st["epoch_seconds"]))
        self.history = copy.deepcopy(resume.history)  # the checkpoint may be resumed again
        self.last_evaluation = resume.evaluation

    def batches_left(self) -> Iterator[torch.Tensor]:
        """The row indices of this epoch's remaining batches: consecutive slices of the
        epoch's permutation (computed when asked for, after the previous step)."""
        b = self.config.batch_size
        perm = _permutation(self.config.seed, self.epochs_done + 1, len(self.train_y)).to(self.device)
        while self.epoch.steps < self.steps_per_epoch:
            yield perm[self.epoch.steps * b:(self.epoch.steps + 1) * b]

    def step(self, batch: torch.Tensor) -> bool:
        """One optimizer step on the rows `batch`: forward, loss, backward (the engine),
        then the update and the per-batch schedule. False when the loss is NaN or inf:
        that update is not applied, so the weights stay those of the step before."""
        t0 = self.clock()
        x, y = self.train_x.index_select(0, batch), self.train_y.index_select(0, batch)
        lr = self.optimizer.param_groups[0]["lr"]
        # Forward, loss, backward: ∂C/∂θ lands in each parameter's .grad; `stats` is
        # [loss, grad norm per layer..., dead fraction per hidden layer...], the one
        # device sync of the step.
        stats = self.engine.step(x, y).tolist()
        loss = stats[0]
        self._record(lr, stats)
        if not math.isfinite(loss):  # not applied: a checkpoint keeps the weights of step k − 1
            self.epoch.seconds += self.clock() - t0
            self.history.diverged = self.steps_done + 1
            return False
        self.optimizer.step()  # θ ← θ − (the optimizer's update from ∂C/∂θ)
        if self.scheduler is not None and self.config.schedule_unit == "batch":
            self.scheduler.step()
        self.steps_done += 1
        self.epoch.steps += 1
        self.epoch.samples += len(batch)
        self.epoch.loss_sum += loss
        self.epoch.seconds += self.clock() - t0
        if self.recorder is not None:  # outside the timing: a copy at a few dozen steps
            self.recorder.maybe_take(self.steps_done, self.engine.tensors())
        return True

    def _record(self, lr: float, stats: list[float]) -> None:
        """Step k's row (k = steps_done + 1), for the next frame and for the history."""
        k, layers = self.steps_done + 1, self.rows.layers
        self.rows.add(k, lr, stats)
        h = self.history
        h.steps.append(k)
        h.losses.append(stats[0])
        h.lrs.append(lr)
        h.grad_norms.append(stats[1:1 + layers])
        h.dead_fraction.append(stats[1 + layers:])

    def end_of_epoch(self) -> TrainFrame:
        """After an epoch's last step: step the per-epoch schedule, evaluate on the test
        set, start the next epoch; the epoch's frame (final after the last epoch)."""
        if self.scheduler is not None and self.config.schedule_unit == "epoch":
            self.scheduler.step()
        ev = self.evaluate("epoch")
        e = self.epoch
        result = EpochResult(epoch=self.epochs_done + 1, train_loss=e.loss_sum / self.steps_per_epoch,
                             test_loss=ev.test_loss, test_accuracy=ev.test_accuracy, seconds=e.seconds,
                             samples_per_second=e.samples / e.seconds if e.seconds > 0 else 0.0,
                             test_cross_entropy=ev.test_cross_entropy)
        self.history.epochs.append(result)
        progress = self.progress()  # still describes the finished epoch
        self.epochs_done += 1
        self.epoch = _EpochSoFar()
        return self.frame(progress, evaluation=ev, epoch_result=result,
                          done=self.epochs_done >= self.config.epochs)

    def evaluate(self, kind: str) -> Evaluation:
        """Evaluate now on the fixed test subset ("subset") or the test set ("epoch")."""
        n = len(self.test_y) if kind == "epoch" else self.n_subset
        x, y = self.test_x[:n], self.test_y[:n]
        ev = evaluate(self.engine.logits, self.loss_fn, x, y, kind=kind, step=self.steps_done,
                      epoch=self.steps_done / self.steps_per_epoch, grid_images=self.grid,
                      first_layer=self.engine.params[0][0])
        self.history.evaluations.append(EvaluationSummary.of(ev))
        self.last_evaluation = ev
        return ev

    def progress(self) -> Progress:
        """Where the run stands; throughput and time left from this epoch so far."""
        e = self.epoch
        rate = e.samples / e.seconds if e.seconds > 0 else 0.0
        per_step = e.seconds / e.steps if e.steps else 0.0
        return Progress(
            epoch=self.epochs_done + (1 if e.steps else 0), epochs=self.config.epochs,
            step=self.steps_done, total_steps=self.total_steps, epoch_step=e.steps,
            steps_per_epoch=self.steps_per_epoch, samples_per_second=rate,
            seconds_left=per_step * (self.total_steps - self.steps_done), device=self.device_name)

    def checkpoint(self) -> Checkpoint:
        """Everything needed to resume, copied: the run may go on after it is taken."""
        state = {
            "model": self.engine.state_dict(),
            "optimizer": _cpu_copy(self.optimizer.state_dict()),
            "scheduler": _cpu_copy(self.scheduler.state_dict()) if self.scheduler is not None else None,
            "epoch_seconds": self.epoch.seconds,
            "epoch_loss_sum": self.epoch.loss_sum,
            "epoch_samples": self.epoch.samples,
        }
        trajectory = None
        if self.recorder is not None:
            trajectory = self.recorder.trajectory(state["model"], self.steps_done)
        return Checkpoint(self.config, self.steps_done, self.epochs_done, self.epoch.steps,
                          copy.deepcopy(self.history), state, self.steps_per_epoch, self.last_evaluation,
                          trajectory)

    def frame(self, progress: Progress | None = None, **extra: Any) -> TrainFrame:
        """A frame of the rows since the last one; a checkpoint when final."""
        arrays = self.rows.take()
        if not extra.get("done") and self.stop():
            # Stopped since the last check: this frame is the final one. A consumer that
            # quits pulling once it sees the flag set still gets the checkpoint.
            extra["stopped"] = True
        if extra.get("done") or extra.get("stopped"):
            extra["checkpoint"] = self.checkpoint()
        if self.loop_later:  # the first frame: the loop may now take the CPU beside the run
            self.loop_later = False
            self.optimizer.prepare(wait=False)
        return TrainFrame(progress=progress or self.progress(), **arrays, **extra)


def _use_device(config: TrainConfig) -> torch.device:
    """Where the run computes; sets the CPU thread pools when that is the CPU."""
    device = torch.device("cpu") if config.engine == "numpy" else resolve_device(config.device)
    if device.type == "cpu":
        # Leave the GUI thread a core; torch's pool is process-wide. Headless runs
        # (`gradlab train`) use the same default, on purpose: app and headless then time
        # alike (issue 4 wants them within 10%), and a pool as large as the core count is
        # a trap on a busy machine: each elementwise op ends in a barrier that waits for a
        # thread the OS has given to another program (measured on a shared 2-core VM: an
        # Adam step took 30-35 ms with 2 threads, 3.5 ms with 1). A dedicated machine can
        # ask for every core with `threads` (`--threads N`).
        threads = config.threads or max(1, (os.cpu_count() or 2) - 1)
        torch.set_num_threads(threads)
        if config.engine == "numpy":
            set_blas_threads(threads)  # numpy's BLAS pool too (see blas_threads.py)
    return device


def _engine(config: TrainConfig, sizes: list[int], loss: Any, labels: np.ndarray,
            device: torch.device, tdtype: torch.dtype) -> NumpyEngine | TorchEngine:
    """The engine holding `mlp.init_params(sizes, seed)`'s weights."""
    init = init_params(sizes, config.seed, np.float64 if config.dtype == "float64" else np.float32)
    if config.engine == "numpy":
        return NumpyEngine(init, config.activation, dict(config.activation_params), loss,
                           np.dtype(config.dtype))
    check_labels(loss, labels, CLASSES)  # once here, not on every batch
    return TorchEngine(init, config.activation, dict(config.activation_params), loss,
                       device, tdtype, labels_checked=True)
