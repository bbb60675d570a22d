"""The plain-data types of MNIST training: what a run is asked to do and what it reports.

`TrainConfig` goes in, `TrainFrame`s come out of `gradlab.core.mnist.train.train`.
Everything here is numpy and Python values, never torch or Qt, so the GUI can import
this module without paying for torch. A frame holds copies: the worker thread keeps
training while the GUI reads them.

Counting conventions, used everywhere below:
- A *step* is one optimizer update on one batch. Steps are numbered from 1 across the
  whole run (epoch 2's first step follows epoch 1's last); step 0 is the initial weights.
- Epochs are numbered from 1.
- The *training loss of step k* is the loss of step k's batch at the weights step k
  started from (the value backpropagated by that step), so step 1's loss is the loss of
  the initial weights: the same seed gives the same step-1 loss for every optimizer.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

if TYPE_CHECKING:
    from gradlab.core.mnist.trajectory import Trajectory

#: Names accepted by `TrainConfig.optimizer` beyond `gradlab.core.optimizers.names()`:
#: the torch.optim reference of the same algorithm, for the "curves coincide" lesson.
TORCH_PREFIX = "torch:"

ENGINES = ("torch", "numpy")
SCHEDULES = ("constant", "step", "cosine")
SCHEDULE_UNITS = ("epoch", "batch")
# Every activation of `gradlab.core.activations` (the explorer offers the same eight).
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "swish")
LOSSES = ("cross_entropy", "weighted_cross_entropy", "focal", "softmax_mse")
# How `TrainConfig.label` names them for a reader.
LOSS_NAMES = {"cross_entropy": "cross-entropy", "weighted_cross_entropy": "weighted CE",
              "focal": "focal", "softmax_mse": "MSE on softmax"}
ACTIVATION_NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "sigmoid": "sigmoid", "tanh": "tanh",
                    "elu": "ELU", "gelu": "GELU", "softplus": "softplus", "swish": "swish"}


@dataclass(frozen=True)
class TrainConfig:
    """One training run of the 784-512-256-10 multilayer perceptron on MNIST.

    Plain values only (round-trips through `to_dict` / `from_dict` and JSON). Two configs
    with the same `seed` (and the same `hidden`, `train_subset` and `imbalance`) start
    from the same initial weights and see the same batches in the same order, whatever
    their optimizer, loss, activation, schedule or engine, so their curves can be
    overlaid. (The batch order also depends on `batch_size` only through where the
    permutation is cut.)
    """

    optimizer: str = "adam"
    """An optimizer of `gradlab.core.optimizers` ("sgd", "momentum", "adam", ...) run
    through `CoreOptimizer`, or `"torch:<name>"` for torch.optim's own implementation
    ("torch:sgd", "torch:momentum", "torch:nesterov", "torch:rmsprop", "torch:adam",
    "torch:adagrad", "torch:adamw")."""

    hyper: Mapping[str, float] = field(default_factory=lambda: {"lr": 1e-3})
    """Hyperparameters by the core's names (`lr`, `beta1`, `beta2`, `eps`, `momentum`,
    `weight_decay`, ...); missing ones take `optimizers.defaults(name)`. For "torch:"
    optimizers the same names are translated to torch.optim's arguments."""

    loss: str = "cross_entropy"
    """"cross_entropy", "weighted_cross_entropy", "focal" or "softmax_mse" (MSE between
    softmax(logits) and one-hot labels), computed by `gradlab.core.losses`."""

    loss_params: Mapping[str, Any] = field(default_factory=dict)
    """Parameters of the loss. weighted_cross_entropy: `weights`, a list of 10 floats or
    the string "inverse_frequency" (weight of class c = N / (10 * count_c) over the
    training set actually used, after `imbalance`). focal: `gamma` (float, default 2.0)
    and `alpha` (None, or 10 floats, or "inverse_frequency")."""

    activation: str = "relu"
    """Activation of the hidden layers: one of HIDDEN_ACTIVATIONS ("sigmoid", "tanh",
    "relu", "leaky_relu", "elu", "gelu", "softplus", "swish")."""

    activation_params: Mapping[str, float] = field(default_factory=dict)
    """Parameters of the activation: {"alpha": 0.01} for leaky_relu, {"alpha": 1.0} for elu."""

    hidden: tuple[int, ...] = (512, 256)
    """Widths of the hidden layers (784 inputs and 10 outputs are fixed)."""

    batch_size: int = 128
    """Samples per step. The last batch of an epoch may be smaller (no sample is dropped)."""

    epochs: int = 5
    """Epochs to train. Resuming a checkpoint with a larger value trains further (a
    cosine schedule is stretched over the new length: `schedules.restore`)."""

    schedule: str = "cosine"
    """Learning-rate schedule, via torch.optim.lr_scheduler: "constant"; "step"
    (StepLR: lr *= `gamma` every `step_size` units); "cosine" (from lr down to `eta_min`
    over the whole run, T = epochs or total steps, in closed form: a `LambdaLR`).
    Cosine per batch is the default: with Adam at 1e-3 for 5 epochs it reaches 98.4-98.5%
    test accuracy (seeds 0-3) where a constant rate stalls at 97.3-98.0%."""

    schedule_params: Mapping[str, float] = field(default_factory=dict)
    """step: `step_size` (int units, default 1), `gamma` (default 0.5);
    cosine: `eta_min` (default 0.0)."""

    schedule_unit: str = "batch"
    """When the schedule advances: "epoch" (after the last step of each epoch) or
    "batch" (after every step). `step_size` and T_max count these units."""

    seed: int = 0
    """Seeds the initial weights (`gradlab.core.mlp.init_params`) and the batch order
    (one torch.Generator permutation per epoch, seeded from (seed, epoch))."""

    device: str = "auto"
    """"auto" (CUDA when available, else CPU), "cpu", "cuda", "cuda:1", ... The numpy
    engine always runs on the CPU."""

    engine: str = "torch"
    """"torch" (autograd) or "numpy" (`gradlab.core.mlp`, hand-written backprop)."""

    dtype: str = "float32"
    """"float32" or "float64" (float64 makes the two engines' curves coincide exactly)."""

    imbalance: Mapping[int, float] = field(default_factory=dict)
    """Digit -> fraction of its training samples to keep (e.g. {3: 0.05}); other digits
    keep all. Which samples are kept depends only on `seed`. The test set is untouched."""

    train_subset: int | None = None
    """Use only the first N training samples (before `imbalance`); None = all 60000."""

    test_subset: int | None = None
    """Use only the first N test samples for the end-of-epoch evaluation; None = all."""

    eval_every: int = 100
    """Evaluate on the fixed test subset every this many steps (0 = only at epoch ends)."""

    eval_subset: int = 1000
    """Size of the fixed test subset of the periodic evaluations (the first N test
    samples)."""

    grid_size: int = 40
    """How many fixed test digits get their predicted label shown (the first N test
    samples)."""

    threads: int | None = None
    """torch CPU threads; None = max(1, os.cpu_count() - 1), which leaves the GUI a core."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (tuples become lists, imbalance keys become ints)."""
        d = asdict(self)
        d["hyper"] = dict(self.hyper)
        d["loss_params"] = dict(self.loss_params)
        d["activation_params"] = dict(self.activation_params)
        d["schedule_params"] = dict(self.schedule_params)
        d["imbalance"] = {int(k): float(v) for k, v in self.imbalance.items()}
        d["hidden"] = list(self.hidden)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TrainConfig:
        """Inverse of `to_dict`; unknown keys are ignored (files from newer versions load)."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        if "hidden" in kw:
            kw["hidden"] = tuple(int(h) for h in kw["hidden"])
        if "imbalance" in kw:  # JSON turns int keys into strings
            kw["imbalance"] = {int(k): float(v) for k, v in kw["imbalance"].items()}
        return cls(**kw)

    def replace(self, **changes: Any) -> TrainConfig:
        """A copy with some fields changed (dataclasses.replace)."""
        return replace(self, **changes)

    def label(self) -> str:
        """A legend text naming the settings: the optimizer, its learning rate and any
        hyperparameter off its default, the loss, the activation, then only what differs
        from the defaults (so three runs that differ by optimizer read as three
        optimizers), e.g. "Adam lr=0.001 · cross-entropy · ReLU · cosine schedule"."""
        from gradlab.core import optimizers  # imported when asked: a config alone needs none of it

        torch_ref = self.optimizer.startswith(TORCH_PREFIX)
        name = self.optimizer[len(TORCH_PREFIX):] if torch_ref else self.optimizer
        try:
            title, base = optimizers.title(name), optimizers.defaults(name)
        except ValueError:
            title, base = name, {}
        hyper = dict(self.hyper)
        parts = [f"{title}{' (torch.optim)' if torch_ref else ''} lr={hyper.get('lr', base.get('lr', 0)):g}"]
        parts[0] += "".join(f" {k}={v:g}" for k, v in hyper.items() if k != "lr" and k in base and v != base[k])
        loss = LOSS_NAMES.get(self.loss, self.loss)
        if self.loss == "focal":
            loss += f" γ={float(self.loss_params.get('gamma', 2.0)):g}"
        parts += [loss, ACTIVATION_NAMES.get(self.activation, self.activation)]
        if tuple(self.hidden) != (512, 256):
            parts.append("-".join(str(h) for h in self.hidden))
        if self.batch_size != 128:
            parts.append(f"batch {self.batch_size}")
        if self.schedule != "constant":
            parts.append(f"{self.schedule} schedule")
        if self.engine != "torch":
            parts.append("NumPy backprop")
        if self.dtype != "float32":
            parts.append(self.dtype)
        if self.imbalance:
            parts.append("fewer " + ",".join(str(d) for d in sorted(self.imbalance)))
        if self.seed:
            parts.append(f"seed {self.seed}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Progress:
    """Where the run stands at the last step of a frame."""

    epoch: int
    """Current epoch (1-based): the epoch the last step belongs to (0 before any step)."""
    epochs: int
    """Total epochs of the run (config.epochs)."""
    step: int
    """Steps done in the whole run (the step number of the last step)."""
    total_steps: int
    """Steps of the whole run (epochs * steps_per_epoch)."""
    epoch_step: int
    """Steps done in the current epoch (1..steps_per_epoch)."""
    steps_per_epoch: int
    """ceil(training samples / batch_size)."""
    samples_per_second: float
    """Training throughput over the current epoch so far (evaluation time excluded);
    0.0 before any step."""
    seconds_left: float
    """Estimated seconds to finish the run at that throughput (evaluation excluded)."""
    device: str
    """Where the run computes: "cpu", "cuda:0", or "cpu (numpy)" for the numpy engine."""

    @property
    def fraction(self) -> float:
        """step / total_steps, for a progress bar."""
        return self.step / self.total_steps if self.total_steps else 0.0


@dataclass(frozen=True)
class Evaluation:
    """The network evaluated on test images (no gradient, no update) after step `step`."""

    kind: str
    """"subset" (periodic, on the first config.eval_subset test samples) or "epoch"
    (end of an epoch, on the whole test set or config.test_subset)."""
    step: int
    """Steps done when evaluated."""
    epoch: float
    """Fractional epoch of the evaluation (step / steps_per_epoch), for an x axis."""
    samples: int
    """Number of test samples evaluated."""
    test_loss: float
    """Mean loss of the configured loss function over those samples (NaN if diverged):
    the run's own loss, whose scale depends on which loss it is."""
    test_accuracy: float
    """Fraction (0..1) classified correctly."""
    per_class_accuracy: np.ndarray
    """(10,) float64: accuracy on each true digit (NaN for a digit absent from the sample)."""
    confusion: np.ndarray
    """(10, 10) int64: confusion[true, predicted] counts."""
    grid_images: np.ndarray
    """(G, 28, 28) uint8: the fixed test digits of the prediction grid (same every time)."""
    grid_labels: np.ndarray
    """(G,) int64: their true labels."""
    grid_predictions: np.ndarray
    """(G,) int64: the network's predicted labels (mistakes: != grid_labels)."""
    first_layer_weights: np.ndarray
    """(hidden[0], 784) float32: the first layer's weight matrix (row i as 28x28 is
    what hidden unit i looks for)."""
    test_cross_entropy: float = math.nan
    """Mean cross-entropy −log softmax(z)_y over those samples, whatever the run's loss:
    the common measure that runs trained with different losses are compared on (NaN in
    evaluations saved before it existed)."""


@dataclass(frozen=True)
class EpochResult:
    """Summary of one finished epoch (also the row of `gradlab train --json`)."""

    epoch: int
    """Epoch number (1-based)."""
    train_loss: float
    """Mean training loss over that epoch's steps (each step's loss as defined above)."""
    test_loss: float
    """Loss on the test set (or config.test_subset) after the epoch."""
    test_accuracy: float
    """Accuracy (0..1) on the test set (or config.test_subset) after the epoch."""
    seconds: float
    """Wall time of that epoch's training only (evaluation and frame building excluded;
    a stopped-and-resumed epoch adds its parts)."""
    samples_per_second: float
    """Training samples of the epoch / seconds."""
    test_cross_entropy: float = math.nan
    """Test cross-entropy after the epoch, whatever the run's loss (NaN in runs saved
    before it existed)."""


@dataclass(frozen=True)
class EvaluationSummary:
    """The light part of an `Evaluation`, kept for every evaluation of a run: what a
    saved run's test curves are drawn from (the pictures are kept for the latest only)."""

    kind: str
    """"subset" or "epoch", as `Evaluation.kind`."""
    step: int
    """Steps done when evaluated."""
    epoch: float
    """Fractional epoch, step / steps_per_epoch."""
    test_loss: float
    """Mean test loss (NaN if diverged)."""
    test_accuracy: float
    """Fraction (0..1) classified correctly."""
    per_class_accuracy: tuple[float, ...]
    """Accuracy on each true digit, 10 values (NaN for a digit absent from the sample)."""
    test_cross_entropy: float = math.nan
    """Mean test cross-entropy whatever the run's loss (NaN in runs saved before it
    existed: such a run shows its own loss only)."""

    @classmethod
    def of(cls, ev: Evaluation) -> EvaluationSummary:
        """The summary of a full evaluation."""
        return cls(kind=ev.kind, step=ev.step, epoch=ev.epoch, test_loss=ev.test_loss,
                   test_accuracy=ev.test_accuracy,
                   per_class_accuracy=tuple(ev.per_class_accuracy.tolist()),
                   test_cross_entropy=ev.test_cross_entropy)

    def to_dict(self) -> dict[str, Any]:
        """The plain dict a saved run stores (per_class_accuracy as a list)."""
        return {**asdict(self), "per_class_accuracy": list(self.per_class_accuracy)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> EvaluationSummary:
        """Inverse of `to_dict`; unknown keys are ignored (files from newer versions load)."""
        return cls(kind=str(d["kind"]), step=int(d["step"]), epoch=float(d["epoch"]),
                   test_loss=float(d["test_loss"]), test_accuracy=float(d["test_accuracy"]),
                   per_class_accuracy=tuple(float(a) for a in d["per_class_accuracy"]),
                   test_cross_entropy=float(d.get("test_cross_entropy", math.nan)))


@dataclass
class History:
    """Everything a run has reported so far, for saving and reloading a run."""

    steps: list[int] = field(default_factory=list)
    """Step number of each recorded training loss."""
    losses: list[float] = field(default_factory=list)
    """Training loss of each step."""
    lrs: list[float] = field(default_factory=list)
    """Learning rate used by each step."""
    grad_norms: list[list[float]] = field(default_factory=list)
    """Per step, the gradient norm of each layer (see TrainFrame.grad_norms)."""
    dead_fraction: list[list[float]] = field(default_factory=list)
    """Per step, the dead-unit fraction of each hidden layer (see TrainFrame.dead_fraction)."""
    evaluations: list[EvaluationSummary] = field(default_factory=list)
    """Summary of each evaluation, in order."""
    epochs: list[EpochResult] = field(default_factory=list)
    """One entry per finished epoch."""
    diverged: int | None = None
    """Step whose loss was NaN or inf, if any."""

    def to_dict(self) -> dict[str, Any]:
        """Plain lists, floats and dicts (what `save_run` stores); each evaluation is the
        dict {"kind", "step", "epoch", "test_loss", "test_accuracy", "per_class_accuracy",
        "test_cross_entropy"}."""
        d = asdict(self)
        d["evaluations"] = [e.to_dict() for e in self.evaluations]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> History:
        kw = dict(d)
        kw["evaluations"] = [EvaluationSummary.from_dict(e) for e in kw.get("evaluations", [])]
        kw["epochs"] = [EpochResult(**e) for e in kw.get("epochs", [])]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in kw.items() if k in known})


@dataclass(frozen=True)
class Checkpoint:
    """Everything needed to go on exactly where a run stopped: pass it as
    `train(config, data, resume=checkpoint)`. The GUI treats it as an opaque handle
    (keep it to offer Resume, or give it to `mnist_train.save_run`)."""

    config: TrainConfig
    """The config the run was trained with."""
    step: int
    """Steps done."""
    epoch: int
    """Epochs fully done."""
    epoch_step: int
    """Steps done in the unfinished epoch (0 at an epoch boundary)."""
    history: History
    """The metric history up to `step`."""
    state: Mapping[str, Any]
    """Opaque to the GUI: weights, optimizer and scheduler state (tensors or arrays),
    the unfinished epoch's training time and loss sum."""
    steps_per_epoch: int = 0
    """Steps in one epoch of this run (0 in checkpoints from before this field)."""
    evaluation: Evaluation | None = None
    """The latest evaluation (confusion matrix, digit grid, first-layer weights), so a
    saved and loaded run shows its pictures; None before the first one."""
    trajectory: Trajectory | None = None
    """θ₀ and the weights at log-spaced steps, ending at this checkpoint's weights
    (`gradlab.core.mnist.trajectory`), for the loss landscape's paths; None for runs
    saved before it existed. Only the checkpoint carries it, never a frame."""


@dataclass(frozen=True)
class TrainFrame:
    """What one frame of the training generator reports: the steps done since the
    previous frame (k rows, k >= 0), and the heavy items only when they happened.

    A frame is yielded about every `frame_seconds` of training, and always right after
    an evaluation, at the end of each epoch, and at the end of the run (the final frame
    has `done` or `stopped` set and carries a `checkpoint`). Arrays are copies.
    """

    steps: np.ndarray
    """(k,) int64: step numbers of the rows."""
    losses: np.ndarray
    """(k,) float64: training loss of each step (NaN/inf rows only at a divergence)."""
    lrs: np.ndarray
    """(k,) float64: learning rate each step used."""
    grad_norms: np.ndarray
    """(k, L) float64: per step, the L2 norm of each linear layer's gradient (weights and
    bias together), input layer first; L = len(hidden) + 1. Sigmoid's vanishing gradients
    show as small norms in the first layers."""
    dead_fraction: np.ndarray
    """(k, H) float64: per step, for each hidden layer (H = len(hidden)), the fraction of
    its units whose activation is exactly 0 for every sample of the batch (dead ReLUs;
    always 0 for sigmoid, tanh, leaky_relu)."""
    progress: Progress
    """Position, throughput and time left at the frame's last step."""
    evaluation: Evaluation | None = None
    """An evaluation done since the previous frame (at most one per frame), else None."""
    epoch_result: EpochResult | None = None
    """Set when an epoch finished in this frame (its `evaluation` is then kind="epoch")."""
    diverged: int | None = None
    """The step whose training loss was NaN or inf; the run stops there (that step's
    update is not applied)."""
    done: bool = False
    """True on the final frame of a run that ended by itself (all epochs, or diverged)."""
    stopped: bool = False
    """True on the final frame of a run ended by `stop()`; resume goes on. Any frame built
    after `stop()` turned True is that final frame, so a consumer may stop pulling as
    soon as it sees its flag set (after the frame in hand)."""
    checkpoint: Checkpoint | None = None
    """On the final frame only: the state to resume from or save."""

    @property
    def final(self) -> bool:
        """True on the last frame of a run."""
        return self.done or self.stopped


def empty_rows(layers: int, hidden_layers: int) -> dict[str, np.ndarray]:
    """Zero-row arrays for a frame that carries no steps (e.g. a final frame right after
    an evaluation frame)."""
    return {
        "steps": np.zeros(0, np.int64),
        "losses": np.zeros(0, np.float64),
        "lrs": np.zeros(0, np.float64),
        "grad_norms": np.zeros((0, layers), np.float64),
        "dead_fraction": np.zeros((0, hidden_layers), np.float64),
    }
