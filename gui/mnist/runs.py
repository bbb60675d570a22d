"""What the MNIST tab remembers about each run: growing buffers fed by `TrainFrame`s.

The GUI slot that receives a frame calls `Run.append(frame)`, which only copies rows into
buffers (capacity doubles, so appending is amortised O(1)) and keeps the latest heavy
items (evaluation, progress, checkpoint). Views read `Run.*.view()` slices on the redraw
clock; nothing here draws or computes metrics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from gradlab.core.buffer import GrowingArray
from gradlab.core.mnist.frames import Evaluation, Progress, TrainConfig, TrainFrame
from gradlab.core.smoothing import EmaState, debiased_ema
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.run_label import config_label, optimizer_label


class RunStatus(StrEnum):
    """Where a run stands. Members are strings ("queued" == RunStatus.QUEUED), so a
    status compares equal to the word and prints as it."""

    QUEUED = "queued"  # waiting in the queue
    RUNNING = "running"  # its worker is training it
    STOPPED = "stopped"  # stopped by the user (or loaded unfinished): Resume goes on
    DONE = "done"  # trained all its epochs
    DIVERGED = "diverged"  # a training loss was NaN or inf; it trains no further
    FAILED = "failed"  # the worker raised; `Run.error` says what
    REMOVED = "removed"  # taken off the queue (a runner that still lists it skips it)


# The statuses as the queue shows them (the members' values stay the code's words).
STATUS_WORDS = {
    RunStatus.QUEUED: QT_TRANSLATE_NOOP("MnistRuns", "queued"),
    RunStatus.RUNNING: QT_TRANSLATE_NOOP("MnistRuns", "running"),
    RunStatus.STOPPED: QT_TRANSLATE_NOOP("MnistRuns", "stopped"),
    RunStatus.DONE: QT_TRANSLATE_NOOP("MnistRuns", "done"),
    RunStatus.DIVERGED: QT_TRANSLATE_NOOP("MnistRuns", "diverged"),
    RunStatus.FAILED: QT_TRANSLATE_NOOP("MnistRuns", "failed"),
    RunStatus.REMOVED: QT_TRANSLATE_NOOP("MnistRuns", "removed"),
}


@dataclass
class Points:
    """An evaluation series: x (fractional epoch or step), the run's own test loss, the
    test cross-entropy (the measure every run is compared on), test accuracy."""

    epoch: GrowingArray = field(default_factory=GrowingArray)
    step: GrowingArray = field(default_factory=GrowingArray)
    loss: GrowingArray = field(default_factory=GrowingArray)
    accuracy: GrowingArray = field(default_factory=GrowingArray)
    cross_entropy: GrowingArray = field(default_factory=GrowingArray)

    def add(self, e: Evaluation) -> None:
        self.extend(e.epoch, e.step, e.test_loss, e.test_accuracy, e.test_cross_entropy)

    def extend(self, epoch: float, step: int, loss: float, accuracy: float, cross_entropy: float) -> None:
        self.epoch.extend([epoch])
        self.step.extend([step])
        self.loss.extend([loss])
        self.accuracy.extend([accuracy])
        self.cross_entropy.extend([cross_entropy])


class Run:
    """One configuration in the queue and everything it has reported."""

    def __init__(self, config: TrainConfig, colour: str, number: int) -> None:
        self.config = config
        self.colour = colour
        self.number = number
        self.revision = 0  # bumped on every change, so views redraw only what changed
        self.saved_revision: int | None = None  # `revision` when last saved (or loaded)
        self.note = ""  # what a reader should know about the run (an old file's gaps)
        self.reset()

    def reset(self) -> None:
        """Forget everything trained (a run stopped before its first checkpoint)."""
        self.status = RunStatus.QUEUED
        self.steps = GrowingArray()
        self.losses = GrowingArray()
        self.lrs = GrowingArray()
        # Their width (layers) is taken from the first frame's rows.
        self.grad_norms = GrowingArray(None)
        self.dead_fraction = GrowingArray(None)
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
        self.smoothed = GrowingArray()
        self._ema_state: EmaState | None = None
        self._ema_weight = -1.0
        self.revision += 1

    # -- identity ------------------------------------------------------------------
    @property
    def label(self) -> str:
        """The run's number and settings in the core's words (`TrainConfig.label()`), as
        other tabs and files get it; `shown_label` is the same in the language shown."""
        return f"{self.number}. {self.config.label()}"

    @property
    def shown_label(self) -> str:
        """`label` in the language shown (`config_label`): the run list, the tooltips."""
        return f"{self.number}. {config_label(self.config)}"

    @property
    def short_label(self) -> str:
        """The legend's name: the run's number and optimizer ("3. Adam"); the run list
        and the legend entry's tooltip give the whole label. A whole label did not fit a
        legend inside a small plot (cut to "64-…" at 1280×720)."""
        return f"{self.number}. {optimizer_label(self.config.optimizer)}"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.DIVERGED, RunStatus.FAILED)

    @property
    def unsaved(self) -> bool:
        """True when closing or removing it would lose training that could be saved: it
        has trained steps and a checkpoint (or is training now), not saved since its last
        change (a loaded run counts as saved)."""
        return (len(self.steps) > 0 and self.status != RunStatus.REMOVED
                and (self.checkpoint is not None or self.status == RunStatus.RUNNING)
                and self.saved_revision != self.revision)

    def mark_saved(self) -> None:
        self.saved_revision = self.revision

    @property
    def resumable(self) -> bool:
        return self.status == RunStatus.STOPPED and self.checkpoint is not None

    def status_text(self) -> str:
        if self.status == RunStatus.DIVERGED:
            return translate("MnistRuns", "diverged at step {step}").format(step=self.diverged)
        if self.status == RunStatus.FAILED:
            return translate("MnistRuns", "failed: {error}").format(error=explain(self.error or ""))
        if self.status == RunStatus.STOPPED and self.progress is not None:
            return translate("MnistRuns", "stopped at step {step}").format(step=self.progress.step)
        if self.status == RunStatus.DONE and len(self.epoch_evals.accuracy):
            return translate("MnistRuns", "done, test accuracy {accuracy}%").format(
                accuracy=f"{100 * self.epoch_evals.accuracy.view()[-1]:.2f}")
        return translate("MnistRuns", STATUS_WORDS.get(self.status, str(self.status)))

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
                self.status = RunStatus.DIVERGED
            elif frame.stopped:
                self.status = RunStatus.STOPPED
            else:
                self.status = RunStatus.DONE
        else:
            self.status = RunStatus.RUNNING
        self.revision += 1

    def fail(self, message: str) -> None:
        self.status = RunStatus.FAILED
        self.error = message
        self.revision += 1

    # -- display helpers -----------------------------------------------------------------
    def smoothed_losses(self, weight: float) -> np.ndarray:
        """The debiased EMA of the training loss, smoothing only the new rows."""
        if weight != self._ema_weight:
            self.smoothed = GrowingArray()
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


OLD_FILE_NOTE = QT_TRANSLATE_NOOP(
    "MnistRuns", "saved by an older GradLab without test cross-entropy: its test "
    "cross-entropy is not drawn (accuracy and training loss are)")


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
    own_is_ce = checkpoint.config.loss == "cross_entropy"  # its own test loss is the measure
    missing = 0
    for e in h.evaluations:
        target = run.epoch_evals if e.kind == "epoch" else run.subset_evals
        ce = e.test_cross_entropy
        if math.isnan(ce) and own_is_ce:
            ce = e.test_loss
        missing += math.isnan(ce) and not math.isnan(e.test_loss)
        target.extend(e.epoch, e.step, e.test_loss, e.test_accuracy, ce)
        if e.epoch > 0:
            per_epoch = e.step / e.epoch  # steps per epoch, read back from the history
    if missing:
        # Saved before every evaluation measured the test cross-entropy, and trained with
        # another loss: its test curve cannot be put on the common scale.
        run.note = OLD_FILE_NOTE
    run.epoch_results = list(h.epochs)
    run.checkpoint = checkpoint
    run.evaluation = checkpoint.evaluation  # the pictures of its latest evaluation
    run.diverged = h.diverged
    run.saved_steps_per_epoch = per_epoch
    if h.diverged is not None:
        run.status = RunStatus.DIVERGED
    elif checkpoint.epoch >= checkpoint.config.epochs:
        run.status = RunStatus.DONE
    else:
        run.status = RunStatus.STOPPED
    run.revision += 1
    run.mark_saved()  # it is a file already: closing loses nothing until it trains more
    return run
