"""What the MNIST tab remembers about each run: growing buffers fed by `TrainFrame`s.

The GUI slot that receives a frame calls `Run.append(frame)`, which only copies rows into
buffers (capacity doubles, so appending is amortised O(1)) and keeps the latest heavy
items (evaluation, progress, checkpoint). Views read `Run.*.view()` slices on the redraw
clock; nothing here draws or computes metrics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradlab.core.mnist.frames import Evaluation, Progress, TrainConfig, TrainFrame
from gradlab.core.smoothing import EmaState, debiased_ema

# Colours people can tell apart (Okabe-Ito, then a few more), in queue order.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#444444",
)


LOSS_NAMES = {"cross_entropy": "cross-entropy", "weighted_cross_entropy": "weighted CE",
              "focal": "focal", "softmax_mse": "MSE on softmax"}
ACTIVATION_NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "sigmoid": "sigmoid", "tanh": "tanh"}


def short_label(c: TrainConfig) -> str:
    """A legend text naming a run's settings: the optimizer, its learning rate and any
    hyperparameter off its default, the loss, the activation, then only what differs from
    the defaults (so three runs that differ by optimizer read as three optimizers)."""
    from gradlab.core import optimizers
    from gradlab.core.mnist.frames import TORCH_PREFIX

    torch_ref = c.optimizer.startswith(TORCH_PREFIX)
    name = c.optimizer[len(TORCH_PREFIX):] if torch_ref else c.optimizer
    try:
        title, base = optimizers.title(name), optimizers.defaults(name)
    except ValueError:
        title, base = name, {}
    hyper = dict(c.hyper)
    parts = [f"{title}{' (torch.optim)' if torch_ref else ''} lr={hyper.get('lr', base.get('lr', 0)):g}"]
    parts[0] += "".join(f" {k}={v:g}" for k, v in hyper.items() if k != "lr" and k in base and v != base[k])
    loss = LOSS_NAMES.get(c.loss, c.loss)
    if c.loss == "focal":
        loss += f" γ={float(c.loss_params.get('gamma', 2.0)):g}"
    parts += [loss, ACTIVATION_NAMES.get(c.activation, c.activation)]
    if tuple(c.hidden) != (512, 256):
        parts.append("-".join(str(h) for h in c.hidden))
    if c.batch_size != 128:
        parts.append(f"batch {c.batch_size}")
    if c.schedule != "constant":
        parts.append(f"{c.schedule} schedule")
    if c.engine != "torch":
        parts.append("NumPy backprop")
    if c.dtype != "float32":
        parts.append(c.dtype)
    if c.imbalance:
        parts.append("fewer " + ",".join(str(d) for d in sorted(c.imbalance)))
    if c.seed:
        parts.append(f"seed {c.seed}")
    return " · ".join(parts)


class Growing:
    """Rows appended at the end of a float64 array whose capacity doubles when full.

    1-D by default; give `columns=True` for 2-D rows (k, L), L taken from the first rows.
    """

    def __init__(self, columns: bool = False, capacity: int = 256) -> None:
        self.columns = columns
        self._capacity = capacity
        self._data: np.ndarray | None = None if columns else np.empty(capacity, np.float64)
        self.size = 0

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, np.float64)
        if self._data is None:  # first 2-D rows: now the width is known
            self._data = np.empty((self._capacity, rows.shape[1]), np.float64)
        n = len(rows)
        if self.size + n > len(self._data):
            capacity = max(2 * len(self._data), self.size + n)
            grown = np.empty((capacity, *self._data.shape[1:]), np.float64)
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self._data[self.size : self.size + n] = rows
        self.size += n

    def view(self) -> np.ndarray:
        """The filled part (a view: valid until the next `extend`)."""
        if self._data is None:
            return np.empty((0, 0), np.float64)
        return self._data[: self.size]

    def __len__(self) -> int:
        return self.size


@dataclass
class Points:
    """An evaluation series: x (fractional epoch or step), test loss, test accuracy."""

    epoch: Growing = field(default_factory=Growing)
    step: Growing = field(default_factory=Growing)
    loss: Growing = field(default_factory=Growing)
    accuracy: Growing = field(default_factory=Growing)

    def add(self, e: Evaluation) -> None:
        self.epoch.extend([e.epoch])
        self.step.extend([e.step])
        self.loss.extend([e.test_loss])
        self.accuracy.extend([e.test_accuracy])


class Run:
    """One configuration in the queue and everything it has reported."""

    def __init__(self, config: TrainConfig, colour: str, number: int) -> None:
        self.config = config
        self.colour = colour
        self.number = number
        self.revision = 0  # bumped on every change, so views redraw only what changed
        self.reset()

    def reset(self) -> None:
        """Forget everything trained (a run stopped before its first checkpoint)."""
        self.status = "queued"
        self.steps = Growing()
        self.losses = Growing()
        self.lrs = Growing()
        self.grad_norms = Growing(columns=True)
        self.dead_fraction = Growing(columns=True)
        self.subset_evals = Points()
        self.epoch_evals = Points()
        self.evaluation: Evaluation | None = None
        self.progress: Progress | None = None
        self.checkpoint: Any = None
        self.diverged: int | None = None
        self.error: str | None = None
        self.epoch_results: list = []
        self.saved_steps_per_epoch: float | None = None  # for a loaded run (no progress yet)
        # Smoothed training loss, extended incrementally; reset when the weight changes.
        self.smoothed = Growing()
        self._ema_state: EmaState | None = None
        self._ema_weight = -1.0
        self.revision += 1

    # -- identity ------------------------------------------------------------------
    @property
    def label(self) -> str:
        return f"{self.number}. {short_label(self.config)}"

    @property
    def finished(self) -> bool:
        return self.status in ("done", "diverged", "failed")

    @property
    def resumable(self) -> bool:
        return self.status == "stopped" and self.checkpoint is not None

    def status_text(self) -> str:
        if self.status == "diverged":
            return f"diverged at step {self.diverged}"
        if self.status == "failed":
            return f"failed: {self.error}"
        if self.status == "stopped" and self.progress is not None:
            return f"stopped at step {self.progress.step}"
        if self.status == "done" and len(self.epoch_evals.accuracy):
            return f"done, test accuracy {100 * self.epoch_evals.accuracy.view()[-1]:.2f}%"
        return self.status

    # -- frames ----------------------------------------------------------------------
    def append(self, frame: TrainFrame) -> None:
        """Copy a frame's rows into the buffers (the GUI slot's only work)."""
        if len(frame.steps):
            self.steps.extend(frame.steps)
            self.losses.extend(frame.losses)
            self.lrs.extend(frame.lrs)
            self.grad_norms.extend(frame.grad_norms)
            self.dead_fraction.extend(frame.dead_fraction)
        if frame.evaluation is not None:
            self.evaluation = frame.evaluation
            (self.epoch_evals if frame.evaluation.kind == "epoch" else self.subset_evals).add(
                frame.evaluation
            )
        if frame.epoch_result is not None:
            self.epoch_results.append(frame.epoch_result)
        self.progress = frame.progress
        if frame.diverged is not None:
            self.diverged = frame.diverged
        if frame.final:
            self.checkpoint = frame.checkpoint
            if frame.diverged is not None:
                self.status = "diverged"
            elif frame.stopped:
                self.status = "stopped"
            else:
                self.status = "done"
        else:
            self.status = "running"
        self.revision += 1

    def fail(self, message: str) -> None:
        self.status = "failed"
        self.error = message
        self.revision += 1

    # -- display helpers -----------------------------------------------------------------
    def smoothed_losses(self, weight: float) -> np.ndarray:
        """The debiased EMA of the training loss, smoothing only the new rows."""
        if weight != self._ema_weight:
            self.smoothed = Growing()
            self._ema_state, self._ema_weight = None, weight
        new = self.losses.view()[len(self.smoothed) :]
        if len(new):
            values, self._ema_state = debiased_ema(new, weight, self._ema_state)
            self.smoothed.extend(values)
        return self.smoothed.view()

    def finite_rows(self) -> int:
        """Rows before the first non-finite training loss (a diverged run is not drawn
        past its divergence)."""
        losses = self.losses.view()
        bad = np.flatnonzero(~np.isfinite(losses))
        return int(bad[0]) if len(bad) else len(losses)

    def epochs_done(self) -> float:
        """How far the run got, in epochs (also for a loaded run, which has no progress)."""
        p = self.progress
        if p is not None and p.steps_per_epoch:
            return p.step / p.steps_per_epoch
        spe = self.steps_per_epoch()
        return float(self.steps.view()[-1] / spe) if len(self.steps) and math.isfinite(spe) else 0.0

    def steps_per_epoch(self) -> float:
        p = self.progress
        if p is not None and p.steps_per_epoch:
            return float(p.steps_per_epoch)
        return float(self.saved_steps_per_epoch or math.nan)


def run_from_checkpoint(checkpoint: Any, colour: str, number: int) -> Run:
    """A `Run` holding a saved run's history (from `mnist_train.load_run`), ready to show
    its curves and, when it has epochs left, to resume."""
    h = checkpoint.history
    run = Run(checkpoint.config, colour, number)
    if h.steps:
        run.steps.extend(np.asarray(h.steps, np.float64))
        run.losses.extend(np.asarray(h.losses, np.float64))
        run.lrs.extend(np.asarray(h.lrs, np.float64))
        run.grad_norms.extend(np.asarray(h.grad_norms, np.float64))
        run.dead_fraction.extend(np.asarray(h.dead_fraction, np.float64))
    per_epoch = None
    for e in h.evaluations:
        target = run.epoch_evals if e["kind"] == "epoch" else run.subset_evals
        target.epoch.extend([e["epoch"]])
        target.step.extend([e["step"]])
        target.loss.extend([e["test_loss"]])
        target.accuracy.extend([e["test_accuracy"]])
        if e["epoch"] > 0:
            per_epoch = e["step"] / e["epoch"]  # steps per epoch, read back from the history
    run.epoch_results = list(h.epochs)
    run.checkpoint = checkpoint
    run.evaluation = checkpoint.evaluation  # the pictures of its latest evaluation
    run.diverged = h.diverged
    run.saved_steps_per_epoch = per_epoch
    if h.diverged is not None:
        run.status = "diverged"
    elif checkpoint.epoch >= checkpoint.config.epochs:
        run.status = "done"
    else:
        run.status = "stopped"
    run.revision += 1
    return run
