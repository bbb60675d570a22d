"""Checking a `TrainConfig` and building what it names (loss, device).

Beyond each field's own rules, `validate` refuses a run that could never start or would
take the machine down with it: a seed outside MAX_SEED, more than MAX_THREADS threads, a
device that holds no data ("meta") or is absent, an imbalance that keeps no digit, and a
network or batch that cannot fit in memory (`check_memory`: its estimate against the
machine's RAM, or the GPU's memory).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import torch

from gradlab.core import losses as core_losses
from gradlab.core.mnist.frames import (
    ENGINES, HIDDEN_ACTIVATIONS, LOSSES, SCHEDULE_UNITS, Checkpoint, TrainConfig,
)
from gradlab.core.mnist.optimizers import check as check_optimizer
from gradlab.core.mnist.schedules import params as schedule_params

CLASSES = 10
INPUTS = 28 * 28
MAX_SEED = 2**32 - 1  # every seed numpy and torch accept (torch's own ends at 2**63 - 1)
MAX_THREADS = 256  # torch's OpenMP pool allocates per thread: 100 000 threads end in OOM
DEVICE_TYPES = ("cpu", "cuda", "mps")  # devices that hold data ("meta" holds only shapes)
FALLBACK_MEMORY = 8 * 2**30  # bytes, when the machine's RAM cannot be read


class TooLarge(ValueError):
    """A run that cannot fit in memory; `field` ("hidden" or "batch_size") is the part to shrink."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field, self.problem = field, problem


def inverse_frequency(labels: np.ndarray) -> list[float]:
    """w_c = N / (10 · count_c): each class contributes equally; 0 for an absent class."""
    counts = np.bincount(labels, minlength=CLASSES).astype(np.float64)
    with np.errstate(divide="ignore"):
        w = np.where(counts > 0, len(labels) / (CLASSES * counts), 0.0)
    return w.tolist()


def make_loss(config: TrainConfig, labels: np.ndarray) -> Any:
    """The core loss of the config, "inverse_frequency" resolved on the used labels."""
    p = dict(config.loss_params)
    for key in ("weights", "alpha"):
        if isinstance(p.get(key), str):
            if p[key] != "inverse_frequency":
                raise ValueError(f"{key} must be 10 numbers or 'inverse_frequency', got {p[key]!r}")
            p[key] = inverse_frequency(labels)
    for key in ("weights", "alpha"):
        if p.get(key) is not None and np.shape(p[key]) != (CLASSES,):
            raise ValueError(f"{config.loss}: {key} must be {CLASSES} numbers (one per digit), "
                             f"got {p[key]!r}")
    if config.loss == "weighted_cross_entropy" and "weights" not in p:
        p["weights"] = inverse_frequency(labels)
    return core_losses.get(config.loss, **p)


def validate(config: TrainConfig) -> None:
    """Raise ValueError naming the first bad field of `config`."""
    def positive_int(name: str, value: Any, allow_zero: bool = False) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < (0 if allow_zero else 1):
            raise ValueError(f"{name} must be an integer >= {0 if allow_zero else 1}, got {value!r}")

    check_optimizer(config.optimizer, config.hyper)
    if config.loss not in LOSSES:
        raise ValueError(f"unknown loss {config.loss!r}; valid: {', '.join(LOSSES)}")
    make_loss(config, np.arange(CLASSES))  # checks the loss's parameters
    if config.activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"unknown activation {config.activation!r}; valid: {', '.join(HIDDEN_ACTIVATIONS)}")
    from gradlab.core import activations

    activations.get(config.activation, **config.activation_params)
    positive_int("batch_size", config.batch_size)
    positive_int("epochs", config.epochs)
    positive_int("eval_every", config.eval_every, allow_zero=True)
    positive_int("eval_subset", config.eval_subset)
    positive_int("grid_size", config.grid_size, allow_zero=True)
    for h in config.hidden:
        positive_int("hidden layer width", h)
    if not config.hidden:
        raise ValueError("hidden must name at least one hidden layer")
    schedule_params(config.schedule, config.schedule_params)
    if config.schedule_unit not in SCHEDULE_UNITS:
        raise ValueError(f"unknown schedule_unit {config.schedule_unit!r}; valid: {', '.join(SCHEDULE_UNITS)}")
    if config.engine not in ENGINES:
        raise ValueError(f"unknown engine {config.engine!r}; valid: {', '.join(ENGINES)}")
    if config.dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64', got {config.dtype!r}")
    for digit, frac in config.imbalance.items():
        if int(digit) not in range(CLASSES) or not 0.0 <= float(frac) <= 1.0:
            raise ValueError(f"imbalance: digit {digit!r} must be 0-9 and its fraction in [0, 1], got {frac!r}")
    for name in ("train_subset", "test_subset"):
        value = getattr(config, name)
        if value is not None:
            positive_int(name, value)
    if config.imbalance and all(float(config.imbalance.get(d, 1.0)) == 0.0 for d in range(CLASSES)):
        raise ValueError("imbalance keeps no training samples (every digit's fraction is 0)")
    if config.threads is not None:
        positive_int("threads", config.threads)
        if config.threads > MAX_THREADS:
            raise ValueError(f"threads must be at most {MAX_THREADS}, got {config.threads}")
    positive_int("seed", config.seed, allow_zero=True)
    if config.seed > MAX_SEED:
        raise ValueError(f"seed must be at most {MAX_SEED} (2**32 - 1), got {config.seed}")
    check_memory(config, resolve_device(config.device))


def memory_needed(config: TrainConfig) -> tuple[int, int]:
    """(bytes for the network, bytes for one batch), an estimate from below.

    Network: P parameters (Σ n_in·n_out + n_out over 784 → h₁ → … → 10), each held four
    times: the weights, their gradients and up to two optimizer buffers (Adam's m and v).
    Batch: B samples' activations, each kept for the backward pass and its gradient:
    3·B·(784 + Σh + 10) numbers. Bytes are numbers × 4 (float32) or 8 (float64).
    """
    size = 8 if config.dtype == "float64" else 4
    widths = [INPUTS, *(int(h) for h in config.hidden), CLASSES]
    parameters = sum(a * b + b for a, b in zip(widths, widths[1:]))
    return 4 * parameters * size, 3 * int(config.batch_size) * sum(widths) * size


def memory_limit(device: torch.device | None = None) -> tuple[int, str]:
    """(bytes, what they are): the GPU's memory for a CUDA device, else the machine's RAM
    (os.sysconf; FALLBACK_MEMORY where it cannot be read)."""
    if device is not None and device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return int(torch.cuda.get_device_properties(index).total_memory), f"the GPU's {device}"
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        total = -1
    if total > 0:
        return int(total), "this machine's"
    return FALLBACK_MEMORY, "the assumed"


def check_memory(config: TrainConfig, device: torch.device | None = None,
                 limit: int | None = None) -> None:
    """TooLarge when `memory_needed` exceeds `limit` (default `memory_limit(device)`),
    naming the part that needs the most and what it would need."""
    network, batch = memory_needed(config)
    where = "the limit's"
    if limit is None:
        limit, where = memory_limit(device)
    if network + batch <= limit:
        return
    need = f"needs about {_gib(network + batch)} GiB, more than {where} {_gib(limit)} GiB"
    if network >= batch:
        widths = ",".join(str(h) for h in config.hidden)
        raise TooLarge("hidden", f"{widths}: the network {need} (weights, gradients, optimizer state)")
    raise TooLarge("batch_size", f"{config.batch_size}: one batch {need} (activations)")


def _gib(n: int) -> str:
    return f"{n / 2**30:.3g}"


def resolve_device(device: str) -> torch.device:
    """"auto" -> CUDA when available, else CPU; anything else as torch names it."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        d = torch.device(device)
    except (RuntimeError, TypeError) as e:
        raise ValueError(f"unknown device {str(device)[:40]!r} ({str(e)[:80]})") from None
    if d.type not in DEVICE_TYPES:
        raise ValueError(f"device {device!r} cannot train (use auto, cpu or cuda)")
    if d.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device {device!r} asked for, but CUDA is not available")
    if d.type == "cuda" and d.index is not None and d.index >= torch.cuda.device_count():
        raise ValueError(f"device {device!r}: this machine has {torch.cuda.device_count()} CUDA device(s)")
    if d.type == "mps" and not torch.backends.mps.is_available():
        raise ValueError(f"device {device!r} asked for, but MPS is not available")
    return d


# Fields that may differ between a checkpoint's config and the config that resumes it.
_RESUMABLE = {"epochs", "device", "threads", "eval_every", "eval_subset", "grid_size", "test_subset"}


def check_resume(config: TrainConfig, ckpt: Checkpoint) -> None:
    """ValueError unless `config` may resume `ckpt` (same run; see _RESUMABLE)."""
    a, b = ckpt.config.to_dict(), config.to_dict()
    diff = [k for k in a if k not in _RESUMABLE and a[k] != b.get(k)]
    if diff:
        raise ValueError(f"cannot resume: the config differs from the checkpoint's in {', '.join(diff)}")
