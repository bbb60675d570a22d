"""Learning-rate schedules of an MNIST run, built on torch.optim.lr_scheduler.

    constant  η_t = η
    step      η_t = η · γ^⌊t / step_size⌋                       (StepLR)
    cosine    η_t = η_min + (η − η_min)(1 + cos(π t / T)) / 2    (LambdaLR, closed form)

t counts *units*: epochs (`schedule_unit="epoch"`, the scheduler steps after each epoch's
last batch) or batches (`"batch"`, after every optimizer step). For cosine, T is the
whole run in those units (epochs, or epochs × steps per epoch), so the rate reaches
η_min at the end.

Cosine is computed in closed form from t (a `LambdaLR`), not by torch's
CosineAnnealingLR, which updates the rate from the previous one: a finished run trained
for more epochs (a resumed checkpoint with a larger `epochs`) must follow the cosine of
its new length, and a recursion started from η_min would stay there.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import torch

from gradlab.core.mnist.frames import SCHEDULE_UNITS, SCHEDULES

_PARAMS = {"constant": {}, "step": {"step_size": 1, "gamma": 0.5}, "cosine": {"eta_min": 0.0}}


def params(schedule: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """`given` over the schedule's defaults; ValueError names an unknown name or value."""
    if schedule not in SCHEDULES:
        raise ValueError(f"unknown schedule {schedule!r}; valid: {', '.join(SCHEDULES)}")
    unknown = sorted(set(given) - set(_PARAMS[schedule]))
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r} for the {schedule} schedule; "
                         f"valid: {', '.join(_PARAMS[schedule]) or 'none'}")
    p = {**_PARAMS[schedule], **given}
    if schedule == "step":
        if int(p["step_size"]) != p["step_size"] or p["step_size"] < 1:
            raise ValueError(f"step_size must be an integer >= 1, got {p['step_size']!r}")
        if not 0.0 < float(p["gamma"]) <= 1.0:
            raise ValueError(f"gamma must be in (0, 1], got {p['gamma']!r}")
    if schedule == "cosine" and float(p["eta_min"]) < 0:
        raise ValueError(f"eta_min must be >= 0, got {p['eta_min']!r}")
    return p


def make_scheduler(optimizer: torch.optim.Optimizer, schedule: str, given: Mapping[str, Any],
                   unit: str, epochs: int, steps_per_epoch: int) -> Any | None:
    """The scheduler for `schedule`, or None for "constant"."""
    if unit not in SCHEDULE_UNITS:
        raise ValueError(f"unknown schedule unit {unit!r}; valid: {', '.join(SCHEDULE_UNITS)}")
    p = params(schedule, given)
    if schedule == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, int(p["step_size"]), float(p["gamma"]))
    if schedule == "cosine":
        total = max(1, epochs if unit == "epoch" else epochs * steps_per_epoch)
        return torch.optim.lr_scheduler.LambdaLR(
            optimizer, [_cosine(total, float(p["eta_min"]), g["lr"]) for g in optimizer.param_groups])
    return None


def _cosine(total: int, eta_min: float, lr: float):
    """t ↦ η_t / η for η_t = η_min + (η − η_min)(1 + cos(π min(t, T) / T)) / 2."""
    if lr == 0:
        return lambda t: 1.0

    def factor(t: int) -> float:
        return (eta_min + (lr - eta_min) * (1.0 + math.cos(math.pi * min(t, total) / total)) / 2.0) / lr
    return factor


def restore(scheduler: Any, optimizer: torch.optim.Optimizer, state: dict[str, Any]) -> None:
    """Load a checkpoint's scheduler `state` into `scheduler` (built for the resumed
    config). A cosine schedule then sets the rate of the step reached on the config's
    cosine, which differs from the saved rate when the run was given more epochs."""
    if isinstance(scheduler, torch.optim.lr_scheduler.LambdaLR):
        # Runs saved while cosine was torch's CosineAnnealingLR have no "lr_lambdas".
        state = {**state, "lr_lambdas": state.get("lr_lambdas", [None] * len(scheduler.lr_lambdas))}
        scheduler.load_state_dict(state)
        for group, base, fn in zip(optimizer.param_groups, scheduler.base_lrs, scheduler.lr_lambdas):
            group["lr"] = base * fn(scheduler.last_epoch)
        return
    scheduler.load_state_dict(state)
