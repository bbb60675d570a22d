"""How fast the loss landscape computes, against issue 15's target.

    python bench/landscape_speed.py [--grid 21] [--subset 2000]

A grid point costs one forward pass of the subset (2,000 training samples) through
784-512-256-10. The target: the landscape code within 1.3x of the bare matrix
multiplications of those forward passes, i.e. per point

    ratio = (seconds of `compute_plane` per point) / (seconds of the three products
            X·W₁ᵀ, A₁·W₂ᵀ, A₂·W₃ᵀ of a plain forward pass, nothing else)

on one core (torch.set_num_threads(1)), float32. The landscape computes X·W₁ᵀ, X·D₁ᵀ and
X·D₂ᵀ once per plane and then the first layer by two axpys per point (see
`gradlab.core.landscape.evaluate`), so it may beat the plain pass: the comparison is
still against the bare products of a plain forward pass, the work a naive grid would do.
The plain path (`loss_accuracy`: θ(α, β) built, a whole forward pass) is shown too.

Per-point seconds are medians (the machine is shared: the median is steadier than a
total), timed between the grid's `stop()` calls, which come before every point. Real
MNIST from /work/shared/data/mnist (or $GRADLAB_MNIST) when present, else synthetic.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

from gradlab.core.landscape.directions import random_plane
from gradlab.core.landscape.evaluate import Evaluator
from gradlab.core.landscape.grid import compute_plane
from gradlab.core.mlp import init_params
from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.synthetic import synthetic

TARGET = 1.3
MNIST = os.environ.get("GRADLAB_MNIST", "/work/shared/data/mnist")


def _data(subset: int):
    from gradlab.core.mnist.data import find, load

    folder = find(MNIST)
    if folder is not None:
        return load(folder), f"real MNIST ({folder})"
    return synthetic(subset, 10, seed=0), "synthetic digits (no MNIST found)"


def bare_matmuls(x: torch.Tensor, weights: list[torch.Tensor], repeats: int) -> float:
    """Median seconds of the three products of a plain forward pass (ReLU between them,
    untimed: only the multiplications count)."""
    times = []
    for _ in range(repeats):
        a, t = x, 0.0
        for W in weights:
            t0 = time.perf_counter()
            z = torch.mm(a, W.t())
            t += time.perf_counter() - t0
            a = torch.relu(z)
        times.append(t)
    return float(np.median(times))


def grid_seconds(plane, evaluator, n: int, plain: bool = False) -> tuple[float, float]:
    """(total seconds of an n × n grid over ±1, median seconds per point)."""
    stamps: list[float] = []

    def stop() -> bool:
        stamps.append(time.perf_counter())
        return False

    axis = np.linspace(-1.0, 1.0, n)
    target = evaluator
    if plain:  # hide on_plane: the grid builds θ(α, β) and runs a whole forward pass
        target = type("Plain", (), {"loss_accuracy": staticmethod(evaluator.loss_accuracy)})()
    t0 = time.perf_counter()
    for _ in compute_plane(plane, axis, axis, target, stop):
        pass
    total = time.perf_counter() - t0
    # stamps[0] is the check before anything; each next one closes a point.
    per = np.diff(stamps[1:]) if len(stamps) > 2 else np.array([total])
    return total, float(np.median(per))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grid", type=int, default=21)
    ap.add_argument("--subset", type=int, default=2000)
    args = ap.parse_args()
    torch.set_num_threads(1)
    data, source = _data(args.subset)
    config = TrainConfig(hidden=(512, 256), device="cpu", threads=1)
    params = init_params([784, 512, 256, 10], seed=0)
    final = {}
    for i, (W, b) in enumerate(params):
        final[f"{2 * i}.weight"], final[f"{2 * i}.bias"] = W, b
    plane = random_plane(final, seed=0)
    evaluator = Evaluator(config, data, subset=args.subset)
    print(f"data: {source}; subset {evaluator.subset}; 784-512-256-10; float32; 1 thread")

    weights = [torch.from_numpy(np.ascontiguousarray(final[f"{2 * i}.weight"])) for i in range(3)]
    bare = bare_matmuls(evaluator.x, weights, repeats=30)
    total, per_point = grid_seconds(plane, evaluator, args.grid)
    bare_after = bare_matmuls(evaluator.x, weights, repeats=30)  # the machine may have changed
    bare = min(bare, bare_after)
    _, plain_point = grid_seconds(plane, evaluator, 5, plain=True)
    ratio = per_point / bare
    print(f"bare matmuls of one forward pass: {bare * 1e3:.2f} ms (median)")
    print(f"landscape per grid point:         {per_point * 1e3:.2f} ms (median)  "
          f"ratio {ratio:.2f} (target <= {TARGET})  {'OK' if ratio <= TARGET else 'SLOW'}")
    print(f"plain path (whole forward) point: {plain_point * 1e3:.2f} ms  ratio {plain_point / bare:.2f}")
    print(f"{args.grid}x{args.grid} grid on one core: {total:.2f} s")


if __name__ == "__main__":
    main()
