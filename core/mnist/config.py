"""Checking a `TrainConfig` and building what it names (loss, device)."""

from __future__ import annotations

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
    if config.threads is not None:
        positive_int("threads", config.threads)
    resolve_device(config.device)


def resolve_device(device: str) -> torch.device:
    """"auto" -> CUDA when available, else CPU; anything else as torch names it."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        d = torch.device(device)
    except (RuntimeError, TypeError) as e:
        raise ValueError(f"unknown device {device!r} ({e})") from None
    if d.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device {device!r} asked for, but CUDA is not available")
    return d


# Fields that may differ between a checkpoint's config and the config that resumes it.
_RESUMABLE = {"epochs", "device", "threads", "eval_every", "eval_subset", "grid_size", "test_subset"}


def check_resume(config: TrainConfig, ckpt: Checkpoint) -> None:
    """ValueError unless `config` may resume `ckpt` (same run; see _RESUMABLE)."""
    a, b = ckpt.config.to_dict(), config.to_dict()
    diff = [k for k in a if k not in _RESUMABLE and a[k] != b.get(k)]
    if diff:
        raise ValueError(f"cannot resume: the config differs from the checkpoint's in {', '.join(diff)}")
