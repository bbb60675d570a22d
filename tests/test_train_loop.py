"""The training loop's frames, pinned by numeric fingerprints.

Each scenario runs `train` on the synthetic digits with a fake clock that advances a fixed
amount per call, so where frames fall and every timing number are the same on every run.
`LAYOUTS` pins the frames' shapes exactly (step ranges, evaluation kinds, epoch results,
flags, checkpoints); `FINGERPRINTS` pins their numbers: every row's training loss and
learning rate, per-layer sums of the gradient norms and dead fractions, the progress,
each evaluation and epoch result, and each checkpoint's counters, history sums and
per-tensor sums and norms of the weights and optimizer state. A refactor that changes
a number, a frame boundary or the call order fails here.

Integers, strings and flags must match exactly, floats within RTOL: float32 kernels round
differently on other CPUs and library builds (AVX2 vs AVX-512, another OpenBLAS), and the
test must pass on any x86-64 machine. The diverging run's layout stays exact: its step-3
loss is about 3e43 in float64, far beyond float32's 3.4e38, so it overflows everywhere.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Callable

import numpy as np
import pytest
import torch

from gradlab.core.mnist.frames import Checkpoint, Evaluation, TrainConfig, TrainFrame
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.mnist.train import train

DATA = synthetic(600, 200, seed=1)
# 550 rows, minus half the 3s: 523 rows, 11 steps of 50 and a last batch of 23.
TORCH = TrainConfig(optimizer="adam", hyper={"lr": 2e-3}, schedule="cosine", schedule_unit="batch",
                    hidden=(32, 16), batch_size=50, epochs=3, eval_every=5, eval_subset=100,
                    grid_size=12, train_subset=550, imbalance={3: 0.5}, test_subset=150, threads=1)
NUMPY = TrainConfig(optimizer="momentum", hyper={"lr": 0.05, "momentum": 0.9}, schedule="step",
                    schedule_params={"step_size": 1, "gamma": 0.5}, schedule_unit="epoch",
                    hidden=(24, 12), activation="tanh", batch_size=60, epochs=2, eval_every=4,
                    eval_subset=80, grid_size=8, engine="numpy", threads=1)
DIVERGING = TORCH.replace(optimizer="sgd", hyper={"lr": 1e6}, schedule="constant", eval_every=0)
CONFIGS = {"TORCH": TORCH, "NUMPY": NUMPY, "DIVERGING": DIVERGING}

# Measured on these scenarios (a few dozen steps), against the float32 one-thread run:
# two torch/BLAS threads move a fingerprint by at most 2.3e-7 (relative), float64 instead
# of float32 by at most 3.5e-7; so 1e-4 leaves ~300x headroom over rounding while a loss
# off by 0.1% or a schedule one step ahead still fails (test_the_fingerprint_sees_...).
RTOL = 1e-4


def fake_clock(tick: float = 0.125, on_call: Callable[[int], None] | None = None) -> Callable[[], float]:
    """A clock that reads `tick` seconds more at each call (a power of two: exact sums)."""
    calls = [0]

    def clock() -> float:
        calls[0] += 1
        if on_call is not None:
            on_call(calls[0])
        return calls[0] * tick

    return clock


def _tensor(x: Any) -> dict[str, float]:
    """A tensor's sum and sum of magnitudes (its L1 norm, the scale its sum is compared
    at: a sum of mixed signs may cancel to near 0)."""
    a = np.asarray(x.detach().cpu() if isinstance(x, torch.Tensor) else x, np.float64)
    return {"sum": float(a.sum()), "abs": float(np.abs(a).sum())}


def _l1(x: Any) -> float:
    return _tensor(x)["abs"]


def _finite_sum(values: Any) -> float:
    """The sum of the finite values (a diverged step's row is NaN or inf)."""
    a = np.asarray(values, np.float64)
    return float(a[np.isfinite(a)].sum())


def _evaluation(ev: Evaluation) -> dict[str, Any]:
    return {"kind": ev.kind, "step": ev.step, "epoch": ev.epoch, "samples": ev.samples,
            "test_loss": ev.test_loss, "test_accuracy": ev.test_accuracy,
            "per_class": float(np.nansum(ev.per_class_accuracy)),
            "first_layer": _tensor(ev.first_layer_weights)}


def _checkpoint(c: Checkpoint) -> dict[str, Any]:
    """Counters exactly, the config by name, the history by sums, and the state (weights,
    optimizer and schedule) by per-tensor sums and norms."""
    h, st = c.history, c.state
    opt = st["optimizer"]
    sched = st["scheduler"]
    return {
        "config": next(name for name, config in CONFIGS.items() if config == c.config),
        "counters": (c.step, c.epoch, c.epoch_step, c.steps_per_epoch, st["epoch_samples"]),
        "epoch_seconds": st["epoch_seconds"], "epoch_loss_sum": st["epoch_loss_sum"],
        "history": {
            "steps": (len(h.steps), sum(h.steps), h.diverged, int(np.sum(~np.isfinite(h.losses)))),
            "losses": _finite_sum(h.losses), "lrs": _finite_sum(h.lrs),
            "grad_norms": _finite_sum(h.grad_norms), "dead": _finite_sum(h.dead_fraction),
            "evaluations": (len(h.evaluations), sum(e.step for e in h.evaluations),
                            "".join(e.kind[0] for e in h.evaluations),
                            _finite_sum([e.test_loss for e in h.evaluations]),
                            sum(e.test_accuracy for e in h.evaluations)),
            "epochs": [(e.epoch, e.train_loss, e.test_loss, e.test_accuracy, e.seconds,
                        e.samples_per_second) for e in h.epochs]},
        "evaluation": None if c.evaluation is None else (c.evaluation.kind, c.evaluation.step),
        "model": {k: _tensor(v) for k, v in st["model"].items()},
        "optimizer": {str(i): {k: _l1(v) if isinstance(v, torch.Tensor) else v for k, v in s.items()}
                      for i, s in opt["state"].items()},
        "param_groups": [{k: v for k, v in g.items() if k != "params"} for g in opt["param_groups"]],
        # Only the schedule's position: torch versions differ in the rest of its state.
        "scheduler": None if sched is None else (sched["last_epoch"], sched["_last_lr"]),
    }


def fingerprint(frames: list[TrainFrame]) -> list[dict[str, Any]]:
    """Per frame, the numbers a refactor could change: each row's training loss and
    learning rate, the per-layer sums of the gradient norms and dead fractions, the
    progress (counters, and the throughput and time left of the fake clock), the
    evaluation, the epoch result, and the checkpoint (see `_checkpoint`). Frame
    boundaries, kinds and flags are `layout`'s."""
    out = []
    for f in frames:
        p = f.progress
        fp: dict[str, Any] = {
            "losses": [float(v) for v in f.losses], "lrs": [float(v) for v in f.lrs],
            "grad_norms": [_finite_sum(column) for column in f.grad_norms.T],
            "dead": [_finite_sum(column) for column in f.dead_fraction.T],
            "progress": (p.epoch, p.epochs, p.step, p.total_steps, p.epoch_step, p.steps_per_epoch,
                         p.device, p.samples_per_second, p.seconds_left)}
        if f.evaluation is not None:
            fp["evaluation"] = _evaluation(f.evaluation)
        if f.epoch_result is not None:
            r = f.epoch_result
            fp["epoch_result"] = (r.epoch, r.train_loss, r.test_loss, r.test_accuracy, r.seconds,
                                  r.samples_per_second)
        if f.checkpoint is not None:
            fp["checkpoint"] = _checkpoint(f.checkpoint)
        out.append(fp)
    return out


def mismatches(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Where `actual` differs from the pinned `expected`: ints, strings, flags and None
    exactly, floats within RTOL (NaN equals NaN), a tensor's "sum" within RTOL of its
    "abs"."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return [f"{where}: keys {sorted(actual) if isinstance(actual, dict) else actual!r} "
                    f"!= {sorted(expected)}"]
        scale = expected.get("abs", 0.0) if set(expected) == {"sum", "abs"} else 0.0
        out = []
        for k in expected:
            if k == "sum" and scale:
                ok = abs(actual[k] - expected[k]) <= RTOL * scale
                out += [] if ok else [f"{where}.sum: {actual[k]!r} != {expected[k]!r} (scale {scale!r})"]
            else:
                out += mismatches(actual[k], expected[k], f"{where}.{k}")
        return out
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
            return [f"{where}: {actual!r} != {expected!r}"]
        return [m for i, (a, e) in enumerate(zip(actual, expected)) for m in mismatches(a, e, f"{where}[{i}]")]
    if isinstance(expected, float) and isinstance(actual, float):
        if math.isnan(expected) or math.isnan(actual):
            return [] if math.isnan(expected) and math.isnan(actual) else [f"{where}: {actual!r} != {expected!r}"]
        return [] if abs(actual - expected) <= RTOL * abs(expected) else [f"{where}: {actual!r} != {expected!r}"]
    if type(actual) is not type(expected) or actual != expected:
        return [f"{where}: {actual!r} != {expected!r}"]
    return []


def layout(frames: list[TrainFrame]) -> list[str]:
    """Each frame as 'first-last steps', then e<kind><step>, r<epoch>, done/stopped/div<k>,
    c<checkpoint step>: e.g. '6-10 esubset10'."""
    out = []
    for f in frames:
        parts = [f"{f.steps[0]}-{f.steps[-1]}" if len(f.steps) else "-"]
        if f.evaluation is not None:
            parts.append(f"e{f.evaluation.kind}{f.evaluation.step}")
        if f.epoch_result is not None:
            parts.append(f"r{f.epoch_result.epoch}")
        if f.diverged is not None:
            parts.append(f"div{f.diverged}")
        parts += [flag for flag in ("done", "stopped") if getattr(f, flag)]
        if f.checkpoint is not None:
            parts.append(f"c{f.checkpoint.step}")
        out.append(" ".join(parts))
    return out


def stop_after_step(config: TrainConfig, step: int, **kw: Any) -> list[TrainFrame]:
    """Frames of a run whose consumer asks to stop once it has seen `step`."""
    flag: list[bool] = []
    frames = []
    for f in train(config, DATA, stop=lambda: bool(flag), **kw):
        frames.append(f)
        if len(f.steps) and f.steps[-1] >= step:
            flag.append(True)
    return frames


def torch_whole() -> list[TrainFrame]:
    return list(train(TORCH, DATA, frame_seconds=1.0, clock=fake_clock()))


def torch_stop_and_resume() -> list[TrainFrame]:
    # Stopped mid-epoch 2, resumed with the same config; then the finished run resumed
    # with no epoch left (one empty final frame).
    part = stop_after_step(TORCH, 17, frame_seconds=1.0, clock=fake_clock())
    rest = list(train(TORCH, DATA, resume=part[-1].checkpoint, frame_seconds=1.0, clock=fake_clock()))
    again = list(train(TORCH, DATA, resume=rest[-1].checkpoint, clock=fake_clock()))
    return part + rest + again


def numpy_stop_and_resume() -> list[TrainFrame]:
    # The stop comes from inside the clock, mid-step (as the GUI's Stop may), then the run
    # resumes and is stopped again right at its start.
    flag: list[bool] = []
    clock = fake_clock(on_call=lambda n: flag.append(True) if n == 50 else None)
    part = list(train(NUMPY, DATA, stop=lambda: bool(flag), frame_seconds=0.5, clock=clock))
    stopped_at_once = list(train(NUMPY, DATA, resume=part[-1].checkpoint, stop=lambda: True,
                                 clock=fake_clock()))
    rest = list(train(NUMPY, DATA, resume=stopped_at_once[-1].checkpoint, frame_seconds=0.5,
                      clock=fake_clock()))
    return part + stopped_at_once + rest


def diverging() -> list[TrainFrame]:
    return list(train(DIVERGING, DATA, frame_seconds=1.0, clock=fake_clock()))


SCENARIOS = {"torch_whole": torch_whole, "torch_stop_and_resume": torch_stop_and_resume,
             "numpy_stop_and_resume": numpy_stop_and_resume, "diverging": diverging}

LAYOUTS: dict[str, list[str]] = {
    "torch_whole": [
        "- esubset0",
        "1-3",
        "4-5 esubset5",
        "6-8",
        "9-10 esubset10",
        "11-11 eepoch11 r1",
        "12-14",
        "15-15 esubset15",
        "16-18",
        "19-20 esubset20",
        "21-22 eepoch22 r2",
        "23-25 esubset25",
        "26-28",
        "29-30 esubset30",
        "31-33 eepoch33 r3 done c33"],
    "torch_stop_and_resume": [
        "- esubset0",
        "1-3",
        "4-5 esubset5",
        "6-8",
        "9-10 esubset10",
        "11-11 eepoch11 r1",
        "12-14",
        "15-15 esubset15",
        "16-18",
        "- stopped c18",
        "19-20 esubset20",
        "21-22 eepoch22 r2",
        "23-25 esubset25",
        "26-28",
        "29-30 esubset30",
        "31-33 eepoch33 r3 done c33",
        "- done c33"],
    "numpy_stop_and_resume": [
        "- esubset0",
        "1-2",
        "3-4 esubset4",
        "5-6",
        "7-8 esubset8",
        "9-10 eepoch10 r1",
        "11-12 esubset12",
        "13-14",
        "15-16 esubset16 stopped c16",
        "- stopped c16",
        "17-18",
        "19-20 eepoch20 r2 done c20"],
    "diverging": [
        "1-3 div3 done c2"],
}
# Recorded from this loop (`fingerprint`, floats to 8 significant digits), itself checked
# bit for bit against the loop as it was before it became `_Training`.
NAN = float("nan")
FINGERPRINTS: dict[str, list[dict[str, Any]]] = {
    'torch_whole': [
        {'losses': [], 'lrs': [], 'grad_norms': [0.0, 0.0, 0.0], 'dead': [0.0, 0.0],
         'progress': (0, 3, 0, 33, 0, 11, 'cpu', 0.0, 0.0),
         'evaluation': {'kind': 'subset', 'step': 0, 'epoch': 0.0, 'samples': 100, 'test_loss': 2.2920361,
                        'test_accuracy': 0.06, 'per_class': 0.45054945,
                        'first_layer': {'sum': 2.2932486, 'abs': 444.87428}}},
        {'losses': [2.2902024, 2.2701397, 2.2328985], 'lrs': [0.002, 0.0019954719, 0.0019819287],
         'grad_norms': [1.3440266, 0.37625333, 0.47854221], 'dead': [0.0, 0.0625],
         'progress': (1, 3, 3, 33, 3, 11, 'cpu', 400.0, 3.75)},
        {'losses': [2.1917546, 2.1628501], 'lrs': [0.001959493, 0.0019283679],
         'grad_norms': [0.95121101, 0.36836389, 0.39018843], 'dead': [0.0, 0.0],
         'progress': (1, 3, 5, 33, 5, 11, 'cpu', 400.0, 3.5),
         'evaluation': {'kind': 'subset', 'step': 5, 'epoch': 0.45454545, 'samples': 100,
                        'test_loss': 2.1430149, 'test_accuracy': 0.52, 'per_class': 5.0531136,
                        'first_layer': {'sum': -26.819415, 'abs': 458.83034}}},
        {'losses': [2.0913949, 2.091418, 2.0110495], 'lrs': [0.0018888354, 0.0018412535, 0.0017860531],
         'grad_norms': [1.707564, 0.86598292, 0.91673556], 'dead': [0.15625, 0.0],
         'progress': (1, 3, 8, 33, 8, 11, 'cpu', 400.0, 3.125)},
        {'losses': [2.0218101, 1.9122138], 'lrs': [0.001723734, 0.0016548607],
         'grad_norms': [1.1534898, 0.66272849, 0.7869904], 'dead': [0.0625, 0.0],
         'progress': (1, 3, 10, 33, 10, 11, 'cpu', 400.0, 2.875),
         'evaluation': {'kind': 'subset', 'step': 10, 'epoch': 0.90909091, 'samples': 100,
                        'test_loss': 1.9511337, 'test_accuracy': 0.62, 'per_class': 6.2692308,
                        'first_layer': {'sum': -70.522054, 'abs': 480.52346}}},
        {'losses': [1.8706508], 'lrs': [0.0015800569], 'grad_norms': [0.75723994, 0.52390009, 0.79468918],
         'dead': [0.03125, 0.0625], 'progress': (1, 3, 11, 33, 11, 11, 'cpu', 380.36364, 2.75),
         'evaluation': {'kind': 'epoch', 'step': 11, 'epoch': 1.0, 'samples': 150, 'test_loss': 1.8855896,
                        'test_accuracy': 0.64666667, 'per_class': 6.4222222,
                        'first_layer': {'sum': -76.748254, 'abs': 484.8717}},
         'epoch_result': (1, 2.1042166, 1.8855896, 0.64666667, 1.375, 380.36364)},
        {'losses': [1.7527165, 1.7732964, 1.7400675], 'lrs': [0.0015, 0.001415415, 0.001327068],
         'grad_norms': [1.6858594, 1.2841308, 1.5845172], 'dead': [0.09375, 0.0625],
         'progress': (2, 3, 14, 33, 3, 11, 'cpu', 400.0, 2.375)},
        {'losses': [1.7530632], 'lrs': [0.0012357589], 'grad_norms': [0.54948074, 0.40325028, 0.50563568],
         'dead': [0.03125, 0.0], 'progress': (2, 3, 15, 33, 4, 11, 'cpu', 400.0, 2.25),
         'evaluation': {'kind': 'subset', 'step': 15, 'epoch': 1.3636364, 'samples': 100,
                        'test_loss': 1.7463632, 'test_accuracy': 0.7, 'per_class': 6.9457875,
                        'first_layer': {'sum': -101.4701, 'abs': 502.86666}}},
        {'losses': [1.6148279, 1.6102928, 1.5118108], 'lrs': [0.0011423148, 0.0010475819, 0.00095241808],
         'grad_norms': [1.801749, 1.5214686, 1.6723072], 'dead': [0.09375, 0.0],
         'progress': (2, 3, 18, 33, 7, 11, 'cpu', 400.0, 1.875)},
        {'losses': [1.5258324, 1.5421171], 'lrs': [0.00085768516, 0.00076424106],
         'grad_norms': [1.1047516, 0.97810766, 1.2535913], 'dead': [0.03125, 0.0],
         'progress': (2, 3, 20, 33, 9, 11, 'cpu', 400.0, 1.625),
         'evaluation': {'kind': 'subset', 'step': 20, 'epoch': 1.8181818, 'samples': 100,
                        'test_loss': 1.593497, 'test_accuracy': 0.76, 'per_class': 7.4139194,
                        'first_layer': {'sum': -128.36195, 'abs': 522.11385}}},
        {'losses': [1.4176414, 1.4749192], 'lrs': [0.00067293204, 0.00058458499],
         'grad_norms': [1.2594475, 1.1937596, 1.6462107], 'dead': [0.0625, 0.0625],
         'progress': (2, 3, 22, 33, 11, 11, 'cpu', 380.36364, 1.375),
         'evaluation': {'kind': 'epoch', 'step': 22, 'epoch': 2.0, 'samples': 150, 'test_loss': 1.5381486,
                        'test_accuracy': 0.77333333, 'per_class': 7.6000503,
                        'first_layer': {'sum': -135.73347, 'abs': 527.67347}},
         'epoch_result': (2, 1.6105987, 1.5381486, 0.77333333, 1.375, 380.36364)},
        {'losses': [1.4937105, 1.4418249, 1.3787675], 'lrs': [0.0005, 0.00041994309, 0.00034513927],
         'grad_norms': [1.6912346, 1.4304206, 1.966056], 'dead': [0.0625, 0.125],
         'progress': (3, 3, 25, 33, 3, 11, 'cpu', 400.0, 1.0),
         'evaluation': {'kind': 'subset', 'step': 25, 'epoch': 2.2727273, 'samples': 100,
                        'test_loss': 1.5106788, 'test_accuracy': 0.8, 'per_class': 7.8113553,
                        'first_layer': {'sum': -142.71228, 'abs': 533.26278}}},
        {'losses': [1.3320204, 1.2930496, 1.3171279], 'lrs': [0.00027626596, 0.00021394691, 0.00015874647],
         'grad_norms': [1.7828546, 1.9839729, 2.4414536], 'dead': [0.09375, 0.0625],
         'progress': (3, 3, 28, 33, 6, 11, 'cpu', 400.0, 0.625)},
        {'losses': [1.36696, 1.4470521], 'lrs': [0.00011116455, 7.1632067e-05],
         'grad_norms': [1.0913966, 1.1096698, 1.5972072], 'dead': [0.0625, 0.0],
         'progress': (3, 3, 30, 33, 8, 11, 'cpu', 400.0, 0.375),
         'evaluation': {'kind': 'subset', 'step': 30, 'epoch': 2.7272727, 'samples': 100,
                        'test_loss': 1.4828942, 'test_accuracy': 0.82, 'per_class': 7.9652015,
                        'first_layer': {'sum': -147.35609, 'abs': 537.05453}}},
        {'losses': [1.2492251, 1.3080791, 1.3144361], 'lrs': [4.0507026e-05, 1.8071303e-05, 4.5280774e-06],
         'grad_norms': [1.7489008, 1.7971959, 2.4110948], 'dead': [0.0625, 0.1875],
         'progress': (3, 3, 33, 33, 11, 11, 'cpu', 380.36364, 0.0),
         'evaluation': {'kind': 'epoch', 'step': 33, 'epoch': 3.0, 'samples': 150, 'test_loss': 1.467826,
                        'test_accuracy': 0.80666667, 'per_class': 7.9122675,
                        'first_layer': {'sum': -147.68959, 'abs': 537.34306}},
         'epoch_result': (3, 1.3583867, 1.467826, 0.80666667, 1.375, 380.36364),
         'checkpoint': {'config': 'TORCH', 'counters': (33, 3, 0, 11, 0), 'epoch_seconds': 0.0,
                        'epoch_loss_sum': 0.0,
                        'history': {'steps': (33, 561, None, 0), 'losses': 55.805221, 'lrs': 0.034,
                                    'grad_norms': 51.573631, 'dead': 1.46875,
                                    'evaluations': (10, 171, 'sssessesse', 17.611182, 6.5066667),
                                    'epochs': [(1, 2.1042166, 1.8855896, 0.64666667, 1.375, 380.36364),
                                               (2, 1.6105987, 1.5381486, 0.77333333, 1.375, 380.36364),
                                               (3, 1.3583867, 1.467826, 0.80666667, 1.375, 380.36364)]},
                        'evaluation': ('epoch', 33),
                        'model': {'0.weight': {'sum': -147.68959, 'abs': 537.34306},
                                  '0.bias': {'sum': 0.34632556, 'abs': 0.6156549},
                                  '2.weight': {'sum': 4.8665319, 'abs': 50.241093},
                                  '2.bias': {'sum': 0.28597452, 'abs': 1.4697079},
                                  '4.weight': {'sum': -2.8400971, 'abs': 19.844336},
                                  '4.bias': {'sum': -1.325403, 'abs': 1.5810418}},
                        'optimizer': {'0': {'step': 33, 'm': 38.868278, 'v': 0.010469903},
                                      '1': {'step': 33, 'm': 0.11763949, 'v': 4.879596e-05},
                                      '2': {'step': 33, 'm': 6.5731416, 'v': 0.0070868204},
                                      '3': {'step': 33, 'm': 0.12197806, 'v': 0.00014014647},
                                      '4': {'step': 33, 'm': 4.7962283, 'v': 0.011368926},
                                      '5': {'step': 33, 'm': 0.22122613, 'v': 0.00060219003}},
                        'param_groups': [{'lr': 0.0, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-08,
                                          'weight_decay': 0.0, 'initial_lr': 0.002}],
                        'scheduler': (33, [0.0])}},
    ],
    'torch_stop_and_resume': [
        {'losses': [], 'lrs': [], 'grad_norms': [0.0, 0.0, 0.0], 'dead': [0.0, 0.0],
         'progress': (0, 3, 0, 33, 0, 11, 'cpu', 0.0, 0.0),
         'evaluation': {'kind': 'subset', 'step': 0, 'epoch': 0.0, 'samples': 100, 'test_loss': 2.2920361,
                        'test_accuracy': 0.06, 'per_class': 0.45054945,
                        'first_layer': {'sum': 2.2932486, 'abs': 444.87428}}},
        {'losses': [2.2902024, 2.2701397, 2.2328985], 'lrs': [0.002, 0.0019954719, 0.0019819287],
         'grad_norms': [1.3440266, 0.37625333, 0.47854221], 'dead': [0.0, 0.0625],
         'progress': (1, 3, 3, 33, 3, 11, 'cpu', 400.0, 3.75)},
        {'losses': [2.1917546, 2.1628501], 'lrs': [0.001959493, 0.0019283679],
         'grad_norms': [0.95121101, 0.36836389, 0.39018843], 'dead': [0.0, 0.0],
         'progress': (1, 3, 5, 33, 5, 11, 'cpu', 400.0, 3.5),
         'evaluation': {'kind': 'subset', 'step': 5, 'epoch': 0.45454545, 'samples': 100,
                        'test_loss': 2.1430149, 'test_accuracy': 0.52, 'per_class': 5.0531136,
                        'first_layer': {'sum': -26.819415, 'abs': 458.83034}}},
        {'losses': [2.0913949, 2.091418, 2.0110495], 'lrs': [0.0018888354, 0.0018412535, 0.0017860531],
         'grad_norms': [1.707564, 0.86598292, 0.91673556], 'dead': [0.15625, 0.0],
         'progress': (1, 3, 8, 33, 8, 11, 'cpu', 400.0, 3.125)},
        {'losses': [2.0218101, 1.9122138], 'lrs': [0.001723734, 0.0016548607],
         'grad_norms': [1.1534898, 0.66272849, 0.7869904], 'dead': [0.0625, 0.0],
         'progress': (1, 3, 10, 33, 10, 11, 'cpu', 400.0, 2.875),
         'evaluation': {'kind': 'subset', 'step': 10, 'epoch': 0.90909091, 'samples': 100,
                        'test_loss': 1.9511337, 'test_accuracy': 0.62, 'per_class': 6.2692308,
                        'first_layer': {'sum': -70.522054, 'abs': 480.52346}}},
        {'losses': [1.8706508], 'lrs': [0.0015800569], 'grad_norms': [0.75723994, 0.52390009, 0.79468918],
         'dead': [0.03125, 0.0625], 'progress': (1, 3, 11, 33, 11, 11, 'cpu', 380.36364, 2.75),
         'evaluation': {'kind': 'epoch', 'step': 11, 'epoch': 1.0, 'samples': 150, 'test_loss': 1.8855896,
                        'test_accuracy': 0.64666667, 'per_class': 6.4222222,
                        'first_layer': {'sum': -76.748254, 'abs': 484.8717}},
         'epoch_result': (1, 2.1042166, 1.8855896, 0.64666667, 1.375, 380.36364)},
        {'losses': [1.7527165, 1.7732964, 1.7400675], 'lrs': [0.0015, 0.001415415, 0.001327068],
         'grad_norms': [1.6858594, 1.2841308, 1.5845172], 'dead': [0.09375, 0.0625],
         'progress': (2, 3, 14, 33, 3, 11, 'cpu', 400.0, 2.375)},
        {'losses': [1.7530632], 'lrs': [0.0012357589], 'grad_norms': [0.54948074, 0.40325028, 0.50563568],
         'dead': [0.03125, 0.0], 'progress': (2, 3, 15, 33, 4, 11, 'cpu', 400.0, 2.25),
         'evaluation': {'kind': 'subset', 'step': 15, 'epoch': 1.3636364, 'samples': 100,
                        'test_loss': 1.7463632, 'test_accuracy': 0.7, 'per_class': 6.9457875,
                        'first_layer': {'sum': -101.4701, 'abs': 502.86666}}},
        {'losses': [1.6148279, 1.6102928, 1.5118108], 'lrs': [0.0011423148, 0.0010475819, 0.00095241808],
         'grad_norms': [1.801749, 1.5214686, 1.6723072], 'dead': [0.09375, 0.0],
         'progress': (2, 3, 18, 33, 7, 11, 'cpu', 400.0, 1.875)},
        {'losses': [], 'lrs': [], 'grad_norms': [0.0, 0.0, 0.0], 'dead': [0.0, 0.0],
         'progress': (2, 3, 18, 33, 7, 11, 'cpu', 400.0, 1.875),
         'checkpoint': {'config': 'TORCH', 'counters': (18, 1, 7, 11, 350), 'epoch_seconds': 0.875,
                        'epoch_loss_sum': 11.756075,
                        'history': {'steps': (18, 171, None, 0), 'losses': 34.902457, 'lrs': 0.028960612,
                                    'grad_norms': 23.086305, 'dead': 0.65625,
                                    'evaluations': (5, 41, 'ssses', 10.018137, 2.5466667),
                                    'epochs': [(1, 2.1042166, 1.8855896, 0.64666667, 1.375, 380.36364)]},
                        'evaluation': ('subset', 15),
                        'model': {'0.weight': {'sum': -118.40017, 'abs': 515.11559},
                                  '0.bias': {'sum': 0.25603588, 'abs': 0.58691125},
                                  '2.weight': {'sum': 4.1899475, 'abs': 49.378364},
                                  '2.bias': {'sum': 0.26034246, 'abs': 1.4703458},
                                  '4.weight': {'sum': -2.6625997, 'abs': 19.529896},
                                  '4.bias': {'sum': -1.3257668, 'abs': 1.5719667}},
                        'optimizer': {'0': {'step': 18, 'm': 33.345843, 'v': 0.0055409028},
                                      '1': {'step': 18, 'm': 0.10180709, 'v': 2.4803743e-05},
                                      '2': {'step': 18, 'm': 4.2710432, 'v': 0.0022590339},
                                      '3': {'step': 18, 'm': 0.11884422, 'v': 8.356055e-05},
                                      '4': {'step': 18, 'm': 2.6302262, 'v': 0.0030822003},
                                      '5': {'step': 18, 'm': 0.14567952, 'v': 0.00031405245}},
                        'param_groups': [{'lr': 0.00085768516, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-08,
                                          'weight_decay': 0.0, 'initial_lr': 0.002}],
                        'scheduler': (18, [0.00085768516])}},
        {'losses': [1.5258324, 1.5421171], 'lrs': [0.00085768516, 0.00076424106],
         'grad_norms': [1.1047516, 0.97810766, 1.2535913], 'dead': [0.03125, 0.0],
         'progress': (2, 3, 20, 33, 9, 11, 'cpu', 400.0, 1.625),
         'evaluation': {'kind': 'subset', 'step': 20, 'epoch': 1.8181818, 'samples': 100,
                        'test_loss': 1.593497, 'test_accuracy': 0.76, 'per_class': 7.4139194,
                        'first_layer': {'sum': -128.36195, 'abs': 522.11385}}},
        {'losses': [1.4176414, 1.4749192], 'lrs': [0.00067293204, 0.00058458499],
         'grad_norms': [1.2594475, 1.1937596, 1.6462107], 'dead': [0.0625, 0.0625],
         'progress': (2, 3, 22, 33, 11, 11, 'cpu', 380.36364, 1.375),
         'evaluation': {'kind': 'epoch', 'step': 22, 'epoch': 2.0, 'samples': 150, 'test_loss': 1.5381486,
                        'test_accuracy': 0.77333333, 'per_class': 7.6000503,
                        'first_layer': {'sum': -135.73347, 'abs': 527.67347}},
         'epoch_result': (2, 1.6105987, 1.5381486, 0.77333333, 1.375, 380.36364)},
        {'losses': [1.4937105, 1.4418249, 1.3787675], 'lrs': [0.0005, 0.00041994309, 0.00034513927],
         'grad_norms': [1.6912346, 1.4304206, 1.966056], 'dead': [0.0625, 0.125],
         'progress': (3, 3, 25, 33, 3, 11, 'cpu', 400.0, 1.0),
         'evaluation': {'kind': 'subset', 'step': 25, 'epoch': 2.2727273, 'samples': 100,
                        'test_loss': 1.5106788, 'test_accuracy': 0.8, 'per_class': 7.8113553,
                        'first_layer': {'sum': -142.71228, 'abs': 533.26278}}},
        {'losses': [1.3320204, 1.2930496, 1.3171279], 'lrs': [0.00027626596, 0.00021394691, 0.00015874647],
         'grad_norms': [1.7828546, 1.9839729, 2.4414536], 'dead': [0.09375, 0.0625],
         'progress': (3, 3, 28, 33, 6, 11, 'cpu', 400.0, 0.625)},
        {'losses': [1.36696, 1.4470521], 'lrs': [0.00011116455, 7.1632067e-05],
         'grad_norms': [1.0913966, 1.1096698, 1.5972072], 'dead': [0.0625, 0.0],
         'progress': (3, 3, 30, 33, 8, 11, 'cpu', 400.0, 0.375),
         'evaluation': {'kind': 'subset', 'step': 30, 'epoch': 2.7272727, 'samples': 100,
                        'test_loss': 1.4828942, 'test_accuracy': 0.82, 'per_class': 7.9652015,
                        'first_layer': {'sum': -147.35609, 'abs': 537.05453}}},
        {'losses': [1.2492251, 1.3080791, 1.3144361], 'lrs': [4.0507026e-05, 1.8071303e-05, 4.5280774e-06],
         'grad_norms': [1.7489008, 1.7971959, 2.4110948], 'dead': [0.0625, 0.1875],
         'progress': (3, 3, 33, 33, 11, 11, 'cpu', 380.36364, 0.0),
         'evaluation': {'kind': 'epoch', 'step': 33, 'epoch': 3.0, 'samples': 150, 'test_loss': 1.467826,
                        'test_accuracy': 0.80666667, 'per_class': 7.9122675,
                        'first_layer': {'sum': -147.68959, 'abs': 537.34306}},
         'epoch_result': (3, 1.3583867, 1.467826, 0.80666667, 1.375, 380.36364),
         'checkpoint': {'config': 'TORCH', 'counters': (33, 3, 0, 11, 0), 'epoch_seconds': 0.0,
                        'epoch_loss_sum': 0.0,
                        'history': {'steps': (33, 561, None, 0), 'losses': 55.805221, 'lrs': 0.034,
                                    'grad_norms': 51.573631, 'dead': 1.46875,
                                    'evaluations': (10, 171, 'sssessesse', 17.611182, 6.5066667),
                                    'epochs': [(1, 2.1042166, 1.8855896, 0.64666667, 1.375, 380.36364),
                                               (2, 1.6105987, 1.5381486, 0.77333333, 1.375, 380.36364),
                                               (3, 1.3583867, 1.467826, 0.80666667, 1.375, 380.36364)]},
                        'evaluation': ('epoch', 33),
                        'model': {'0.weight': {'sum': -147.68959, 'abs': 537.34306},
                                  '0.bias': {'sum': 0.34632556, 'abs': 0.6156549},
                                  '2.weight': {'sum': 4.8665319, 'abs': 50.241093},
                                  '2.bias': {'sum': 0.28597452, 'abs': 1.4697079},
                                  '4.weight': {'sum': -2.8400971, 'abs': 19.844336},
                                  '4.bias': {'sum': -1.325403, 'abs': 1.5810418}},
                        'optimizer': {'0': {'step': 33, 'm': 38.868278, 'v': 0.010469903},
                                      '1': {'step': 33, 'm': 0.11763949, 'v': 4.879596e-05},
                                      '2': {'step': 33, 'm': 6.5731416, 'v': 0.0070868204},
                                      '3': {'step': 33, 'm': 0.12197806, 'v': 0.00014014647},
                                      '4': {'step': 33, 'm': 4.7962283, 'v': 0.011368926},
                                      '5': {'step': 33, 'm': 0.22122613, 'v': 0.00060219003}},
                        'param_groups': [{'lr': 0.0, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-08,
                                          'weight_decay': 0.0, 'initial_lr': 0.002}],
                        'scheduler': (33, [0.0])}},
        {'losses': [], 'lrs': [], 'grad_norms': [0.0, 0.0, 0.0], 'dead': [0.0, 0.0],
         'progress': (3, 3, 33, 33, 0, 11, 'cpu', 0.0, 0.0),
         'checkpoint': {'config': 'TORCH', 'counters': (33, 3, 0, 11, 0), 'epoch_seconds': 0.0,
                        'epoch_loss_sum': 0.0,
                        'history': {'steps': (33, 561, None, 0), 'losses': 55.805221, 'lrs': 0.034,
                                    'grad_norms': 51.573631, 'dead': 1.46875,
                                    'evaluations': (10, 171, 'sssessesse', 17.611182, 6.5066667),
                                    'epochs': [(1, 2.1042166, 1.8855896, 0.64666667, 1.375, 380.36364),
                                               (2, 1.6105987, 1.5381486, 0.77333333, 1.375, 380.36364),
                                               (3, 1.3583867, 1.467826, 0.80666667, 1.375, 380.36364)]},
                        'evaluation': ('epoch', 33),
                        'model': {'0.weight': {'sum': -147.68959, 'abs': 537.34306},
                                  '0.bias': {'sum': 0.34632556, 'abs': 0.6156549},
                                  '2.weight': {'sum': 4.8665319, 'abs': 50.241093},
                                  '2.bias': {'sum': 0.28597452, 'abs': 1.4697079},
                                  '4.weight': {'sum': -2.8400971, 'abs': 19.844336},
                                  '4.bias': {'sum': -1.325403, 'abs': 1.5810418}},
                        'optimizer': {'0': {'step': 33, 'm': 38.868278, 'v': 0.010469903},
                                      '1': {'step': 33, 'm': 0.11763949, 'v': 4.879596e-05},
                                      '2': {'step': 33, 'm': 6.5731416, 'v': 0.0070868204},
                                      '3': {'step': 33, 'm': 0.12197806, 'v': 0.00014014647},
                                      '4': {'step': 33, 'm': 4.7962283, 'v': 0.011368926},
                                      '5': {'step': 33, 'm': 0.22122613, 'v': 0.00060219003}},
                        'param_groups': [{'lr': 0.0, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-08,
                                          'weight_decay': 0.0, 'initial_lr': 0.002}],
                        'scheduler': (33, [0.0])}},
    ],
    'numpy_stop_and_resume': [
        {'losses': [], 'lrs': [], 'grad_norms': [0.0, 0.0, 0.0], 'dead': [0.0, 0.0],
         'progress': (0, 2, 0, 20, 0, 10, 'cpu (numpy)', 0.0, 0.0),
         'evaluation': {'kind': 'subset', 'step': 0, 'epoch': 0.0, 'samples': 80, 'test_loss': 2.3112404,
                        'test_accuracy': 0.1125, 'per_class': 1.0,
                        'first_layer': {'sum': 2.5341051, 'abs': 334.34185}}},
        {'losses': [2.2969127, 2.2703202], 'lrs': [0.05, 0.05],
         'grad_norms': [1.5341613, 0.29868053, 0.30823207], 'dead': [0.0, 0.0],
         'progress': (1, 2, 2, 20, 2, 10, 'cpu (numpy)', 480.0, 2.25)},
        {'losses': [2.3018203, 2.2054682], 'lrs': [0.05, 0.05],
         'grad_norms': [1.640294, 0.342623, 0.33797568], 'dead': [0.0, 0.0],
         'progress': (1, 2, 4, 20, 4, 10, 'cpu (numpy)', 480.0, 2.0),
         'evaluation': {'kind': 'subset', 'step': 4, 'epoch': 0.4, 'samples': 80, 'test_loss': 2.1453445,
                        'test_accuracy': 0.2875, 'per_class': 2.9444444,
                        'first_layer': {'sum': 1.7957058, 'abs': 335.57728}}},
        {'losses': [2.1622379, 2.0696597], 'lrs': [0.05, 0.05],
         'grad_norms': [1.4338732, 0.38206856, 0.36997525], 'dead': [0.0, 0.0],
         'progress': (1, 2, 6, 20, 6, 10, 'cpu (numpy)', 480.0, 1.75)},
        {'losses': [2.0352952, 2.0187919], 'lrs': [0.05, 0.05],
         'grad_norms': [1.3436198, 0.48250102, 0.48790362], 'dead': [0.0, 0.0],
         'progress': (1, 2, 8, 20, 8, 10, 'cpu (numpy)', 480.0, 1.5),
         'evaluation': {'kind': 'subset', 'step': 8, 'epoch': 0.8, 'samples': 80, 'test_loss': 1.8541151,
                        'test_accuracy': 0.725, 'per_class': 7.1923077,
                        'first_layer': {'sum': -1.5693949, 'abs': 343.61708}}},
        {'losses': [1.924234, 1.8286341], 'lrs': [0.05, 0.05],
         'grad_norms': [1.136878, 0.57621518, 0.63351649], 'dead': [0.0, 0.0],
         'progress': (1, 2, 10, 20, 10, 10, 'cpu (numpy)', 480.0, 1.25),
         'evaluation': {'kind': 'epoch', 'step': 10, 'epoch': 1.0, 'samples': 200, 'test_loss': 1.7355686,
                        'test_accuracy': 0.785, 'per_class': 7.85,
                        'first_layer': {'sum': -4.366258, 'abs': 351.5265}},
         'epoch_result': (1, 2.1113374, 1.7355686, 0.785, 1.25, 480.0)},
        {'losses': [1.7361102, 1.6883831], 'lrs': [0.025, 0.025],
         'grad_norms': [0.98927608, 0.65714949, 0.81029457], 'dead': [0.0, 0.0],
         'progress': (2, 2, 12, 20, 2, 10, 'cpu (numpy)', 480.0, 1.0),
         'evaluation': {'kind': 'subset', 'step': 12, 'epoch': 1.2, 'samples': 80, 'test_loss': 1.6129971,
                        'test_accuracy': 0.8625, 'per_class': 8.5178571,
                        'first_layer': {'sum': -5.9505246, 'abs': 356.26107}}},
        {'losses': [1.6202871, 1.5612919], 'lrs': [0.025, 0.025],
         'grad_norms': [0.88584584, 0.66295949, 0.77084216], 'dead': [0.0, 0.0],
         'progress': (2, 2, 14, 20, 4, 10, 'cpu (numpy)', 480.0, 0.75)},
        {'losses': [1.5240401, 1.4872569], 'lrs': [0.025, 0.025],
         'grad_norms': [0.81759521, 0.62911361, 0.79011297], 'dead': [0.0, 0.0],
         'progress': (2, 2, 16, 20, 6, 10, 'cpu (numpy)', 480.0, 0.5),
         'evaluation': {'kind': 'subset', 'step': 16, 'epoch': 1.6, 'samples': 80, 'test_loss': 1.425339,
                        'test_accuracy': 0.9375, 'per_class': 9.3214286,
                        'first_layer': {'sum': -9.1070613, 'abs': 366.75189}},
         'checkpoint': {'config': 'NUMPY', 'counters': (16, 1, 6, 10, 360), 'epoch_seconds': 0.75,
                        'epoch_loss_sum': 9.6173693,
                        'history': {'steps': (16, 136, None, 0), 'losses': 30.730744, 'lrs': 0.65,
                                    'grad_norms': 18.321707, 'dead': 0.0,
                                    'evaluations': (6, 50, 'sssess', 11.084605, 3.71),
                                    'epochs': [(1, 2.1113374, 1.7355686, 0.785, 1.25, 480.0)]},
                        'evaluation': ('subset', 16),
                        'model': {'0.weight': {'sum': -9.1070613, 'abs': 366.75189},
                                  '0.bias': {'sum': 0.030872207, 'abs': 0.51280167},
                                  '2.weight': {'sum': 4.1373632, 'abs': 33.228797},
                                  '2.bias': {'sum': -0.10426066, 'abs': 1.2533621},
                                  '4.weight': {'sum': 1.9131461, 'abs': 21.955185},
                                  '4.bias': {'sum': -0.39108349, 'abs': 0.74412449}},
                        'optimizer': {'0': {'step': 16, 'velocity': 281.68351},
                                      '1': {'step': 16, 'velocity': 0.49528813},
                                      '2': {'step': 16, 'velocity': 26.0333},
                                      '3': {'step': 16, 'velocity': 0.86011764},
                                      '4': {'step': 16, 'velocity': 19.62964},
                                      '5': {'step': 16, 'velocity': 0.84384616}},
                        'param_groups': [{'lr': 0.025, 'momentum': 0.9, 'weight_decay': 0.0,
                                          'initial_lr': 0.05}],
                        'scheduler': (1, [0.025])}},
        {'losses': [], 'lrs': [], 'grad_norms': [0.0, 0.0, 0.0], 'dead': [0.0, 0.0],
         'progress': (2, 2, 16, 20, 6, 10, 'cpu (numpy)', 480.0, 0.5),
         'checkpoint': {'config': 'NUMPY', 'counters': (16, 1, 6, 10, 360), 'epoch_seconds': 0.75,
                        'epoch_loss_sum': 9.6173693,
                        'history': {'steps': (16, 136, None, 0), 'losses': 30.730744, 'lrs': 0.65,
                                    'grad_norms': 18.321707, 'dead': 0.0,
                                    'evaluations': (6, 50, 'sssess', 11.084605, 3.71),
                                    'epochs': [(1, 2.1113374, 1.7355686, 0.785, 1.25, 480.0)]},
                        'evaluation': ('subset', 16),
                        'model': {'0.weight': {'sum': -9.1070613, 'abs': 366.75189},
                                  '0.bias': {'sum': 0.030872207, 'abs': 0.51280167},
                                  '2.weight': {'sum': 4.1373632, 'abs': 33.228797},
                                  '2.bias': {'sum': -0.10426066, 'abs': 1.2533621},
                                  '4.weight': {'sum': 1.9131461, 'abs': 21.955185},
                                  '4.bias': {'sum': -0.39108349, 'abs': 0.74412449}},
                        'optimizer': {'0': {'step': 16, 'velocity': 281.68351},
                                      '1': {'step': 16, 'velocity': 0.49528813},
                                      '2': {'step': 16, 'velocity': 26.0333},
                                      '3': {'step': 16, 'velocity': 0.86011764},
                                      '4': {'step': 16, 'velocity': 19.62964},
                                      '5': {'step': 16, 'velocity': 0.84384616}},
                        'param_groups': [{'lr': 0.025, 'momentum': 0.9, 'weight_decay': 0.0,
                                          'initial_lr': 0.05}],
                        'scheduler': (1, [0.025])}},
        {'losses': [1.4752327, 1.37514], 'lrs': [0.025, 0.025],
         'grad_norms': [0.75684395, 0.58869296, 0.81787264], 'dead': [0.0, 0.0],
         'progress': (2, 2, 18, 20, 8, 10, 'cpu (numpy)', 480.0, 0.25)},
        {'losses': [1.303142, 1.2794998], 'lrs': [0.025, 0.025],
         'grad_norms': [0.71109858, 0.59995756, 0.846053], 'dead': [0.0, 0.0],
         'progress': (2, 2, 20, 20, 10, 10, 'cpu (numpy)', 480.0, 0.0),
         'evaluation': {'kind': 'epoch', 'step': 20, 'epoch': 2.0, 'samples': 200, 'test_loss': 1.260126,
                        'test_accuracy': 0.945, 'per_class': 9.45,
                        'first_layer': {'sum': -11.646579, 'abs': 377.67713}},
         'epoch_result': (2, 1.5050384, 1.260126, 0.945, 1.25, 480.0),
         'checkpoint': {'config': 'NUMPY', 'counters': (20, 2, 0, 10, 0), 'epoch_seconds': 0.0,
                        'epoch_loss_sum': 0.0,
                        'history': {'steps': (20, 210, None, 0), 'losses': 36.163758, 'lrs': 0.75,
                                    'grad_norms': 22.642226, 'dead': 0.0,
                                    'evaluations': (7, 70, 'sssesse', 12.344731, 4.655),
                                    'epochs': [(1, 2.1113374, 1.7355686, 0.785, 1.25, 480.0),
                                               (2, 1.5050384, 1.260126, 0.945, 1.25, 480.0)]},
                        'evaluation': ('epoch', 20),
                        'model': {'0.weight': {'sum': -11.646579, 'abs': 377.67713},
                                  '0.bias': {'sum': 0.056846875, 'abs': 0.5288479},
                                  '2.weight': {'sum': 4.4689069, 'abs': 35.297372},
                                  '2.bias': {'sum': -0.06929156, 'abs': 1.2056033},
                                  '4.weight': {'sum': 1.9131461, 'abs': 24.021834},
                                  '4.bias': {'sum': -0.39108351, 'abs': 0.7007539}},
                        'optimizer': {'0': {'step': 20, 'velocity': 251.10775},
                                      '1': {'step': 20, 'velocity': 0.40907188},
                                      '2': {'step': 20, 'velocity': 29.42628},
                                      '3': {'step': 20, 'velocity': 0.82030246},
                                      '4': {'step': 20, 'velocity': 24.854159},
                                      '5': {'step': 20, 'velocity': 0.7655998}},
                        'param_groups': [{'lr': 0.0125, 'momentum': 0.9, 'weight_decay': 0.0,
                                          'initial_lr': 0.05}],
                        'scheduler': (2, [0.0125])}},
    ],
    'diverging': [
        {'losses': [2.2902024, 448625880000000.0, NAN], 'lrs': [1000000.0, 1000000.0, 1000000.0],
         'grad_norms': [5830431200.0, 14598074000.0, 19241339000.0], 'dead': [0.8125, 0.875],
         'progress': (1, 3, 2, 33, 2, 11, 'cpu', 266.66667, 5.8125),
         'checkpoint': {'config': 'DIVERGING', 'counters': (2, 0, 2, 11, 100), 'epoch_seconds': 0.375,
                        'epoch_loss_sum': 448625880000000.0,
                        'history': {'steps': (3, 6, 3, 1), 'losses': 448625880000000.0, 'lrs': 3000000.0,
                                    'grad_norms': 39669844000.0, 'dead': 1.6875,
                                    'evaluations': (0, 0, '', 0.0, 0), 'epochs': []},
                        'evaluation': None,
                        'model': {'0.weight': {'sum': 4.2439854e+17, 'abs': 5.9868388e+17},
                                  '0.bias': {'sum': -3829843300000000.0, 'abs': 3843360800000000.0},
                                  '2.weight': {'sum': -1.3499549e+17, 'abs': 1.6961644e+17},
                                  '2.bias': {'sum': -65713492000.0, 'abs': 79589706000.0},
                                  '4.weight': {'sum': -954865870.0, 'abs': 9.2750149e+16},
                                  '4.bias': {'sum': -1.2421875, 'abs': 1796515.6}},
                        'optimizer': {'0': {'step': 2}, '1': {'step': 2}, '2': {'step': 2},
                                      '3': {'step': 2}, '4': {'step': 2}, '5': {'step': 2}},
                        'param_groups': [{'lr': 1000000.0, 'weight_decay': 0.0}], 'scheduler': None}},
    ],
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_frames_are_those_of_the_pinned_loop(name):
    frames = SCENARIOS[name]()
    assert layout(frames) == LAYOUTS[name]
    assert mismatches(fingerprint(frames), FINGERPRINTS[name]) == []


def test_the_fingerprint_sees_small_changes():
    # The pin can fail: one loss off by 0.1%, one weight off by 1% of its tensor's total
    # magnitude, the fake clock's time left off by one tick, or one counter off by one.
    frames = diverging()
    assert mismatches(fingerprint(frames), FINGERPRINTS["diverging"]) == []
    f = frames[0]
    losses = f.losses.copy()
    losses[0] *= 1 + 1e-3
    weights = {k: v.clone() for k, v in f.checkpoint.state["model"].items()}
    weights["2.weight"][0, 0] += 0.01 * float(weights["2.weight"].abs().sum())
    changed = [
        TrainFrame(**{**vars(f), "losses": losses}),
        TrainFrame(**{**vars(f), "checkpoint": Checkpoint(**{
            **vars(f.checkpoint), "state": {**f.checkpoint.state, "model": weights}})}),
        TrainFrame(**{**vars(f), "progress": replace(f.progress, seconds_left=f.progress.seconds_left + 0.125)}),
        TrainFrame(**{**vars(f), "progress": replace(f.progress, epoch_step=f.progress.epoch_step + 1)}),
    ]
    for g in changed:
        assert mismatches(fingerprint([g]), FINGERPRINTS["diverging"])
