"""How fast GradLab trains MNIST on the CPU, as ratios measured in one run.

    python bench/mnist_speed.py [--data DIR] [--threads N] [--batches 200] [--full] [--block 20]
                                [--breakdown] [--skip-curves]

Three contenders train the 784-512-256-10 ReLU network at batch 128 with Adam on the same
machine, interleaved block by block (`--block` batches of one, then of the next, ...) so a
shared, noisy CPU slows them alike:

- gradlab: `gradlab.core.mnist.train.train` (CoreOptimizer Adam, the core's cross-entropy,
  per-step loss, gradient norms and dead-unit counts, frames), timed around each step of
  the generator (frame_seconds=0: one frame per step, the most frame overhead).
- textbook: the torchvision-tutorial pipeline without torchvision: a Dataset whose
  __getitem__ turns one uint8 image into a float tensor, divides by 255 and normalises
  (ToTensor + Normalize), a shuffling DataLoader (batch 128, no workers), nn.Sequential,
  nn.CrossEntropyLoss and torch.optim.Adam.
- bare matmuls: only the matrix multiplications of the same forward and backward passes
  (3 forward, 5 backward: no input gradient), into preallocated outputs.

Targets (issue 4): gradlab <= 0.45 x textbook, gradlab <= 1.5 x bare matmuls. By default
the first `--batches` batches of an epoch are timed (the machine is shared); `--full` times
all but the last batch of a full epoch and scales to 469 batches.

Every contender runs in one torch thread pool of `--threads` threads (default: the app's,
all cores but one; `gradlab train` uses the same default), checked while timing.

A fourth line, gradlab with torch.optim.Adam ("torch:adam"), shows the optimizer's share;
a fifth, the bare matmuls followed by CoreOptimizer Adam's step, the floor of any engine
that trains with our Adam (the optimizer's time and the cache it takes from the matmuls);
`--breakdown` splits gradlab's batch into the engine's step (forward, loss, backward,
statistics), the optimizer's step and the rest (gathering the batch, frames, history).
Then: the time of one optimizer step of CoreOptimizer Adam (in L2-sized numpy slices, and
on whole torch tensors) and torch.optim.Adam on the network's parameters, and
CoreOptimizer Adam against torch.optim.Adam over one epoch (same seed, same batches): the
largest relative difference of the training-loss curves in float64 (target 1e-5), and
in float32 beside torch's own float32-vs-float64 drift.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

from gradlab.core.mlp import init_params
from gradlab.core.mnist.data import load
from gradlab.core.mnist.train import MEAN, STD, TrainConfig, prepare, train

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
BATCH = 128
SIZES = [784, 512, 256, 10]


def gradlab_steps(data, threads: int, optimizer: str = "adam"):
    """A generator that trains one step per `next()` (the epoch-end evaluation excluded)."""
    config = TrainConfig(optimizer=optimizer, epochs=1, eval_every=0, grid_size=0, threads=threads)
    frames = train(config, data, frame_seconds=0.0)

    def step() -> None:
        next(frames)

    return step


class TextbookDataset(torch.utils.data.Dataset):
    """torchvision.datasets.MNIST with transforms=Compose([ToTensor(), Normalize(...)]),
    step for step, minus the PIL round trip (torchvision is not installed here)."""

    def __init__(self, images: np.ndarray, labels: np.ndarray) -> None:
        self.data, self.targets = torch.from_numpy(images), torch.from_numpy(labels)

    def __len__(self) -> int:
        return len(self.targets)

    @staticmethod
    def to_tensor(pic: np.ndarray) -> torch.Tensor:
        # torchvision.transforms.functional.to_tensor for an ndarray
        if pic.ndim == 2:
            pic = pic[:, :, None]
        img = torch.from_numpy(pic.transpose((2, 0, 1))).contiguous()
        return img.to(dtype=torch.get_default_dtype()).div(255)

    @staticmethod
    def normalize(tensor: torch.Tensor, mean=(MEAN,), std=(STD,)) -> torch.Tensor:
        # torchvision.transforms.functional.normalize (inplace=False)
        tensor = tensor.clone()
        mean = torch.as_tensor(mean, dtype=tensor.dtype, device=tensor.device)
        std = torch.as_tensor(std, dtype=tensor.dtype, device=tensor.device)
        if (std == 0).any():
            raise ValueError("std evaluated to zero")
        return tensor.sub_(mean.view(-1, 1, 1)).div_(std.view(-1, 1, 1))

    def __getitem__(self, i: int):
        img, target = self.data[i], int(self.targets[i])
        return self.normalize(self.to_tensor(img.numpy())), target


def textbook_steps(data, seed: int):
    loader = torch.utils.data.DataLoader(TextbookDataset(data.train_images, data.train_labels),
                                         batch_size=BATCH, shuffle=True,
                                         generator=torch.Generator().manual_seed(seed))
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256),
                          nn.ReLU(), nn.Linear(256, 10))
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = iter(loader)

    def step() -> None:
        x, y = next(batches)
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()  # the tutorial's running-loss print syncs too

    return step


def bare_steps(adam: bool = False):
    """The 8 matmuls of one forward + backward pass at batch 128, nothing else; with
    `adam`, then CoreOptimizer Adam's step on the three weights (their "gradients" are
    the matmuls' outputs): the floor of any engine that trains with our Adam."""
    from gradlab.core.optimizers.torch_optim import CoreOptimizer

    g = torch.Generator().manual_seed(0)
    x = torch.randn(BATCH, 784, generator=g)
    W = [torch.randn(o, i, generator=g) * 0.05 for i, o in zip(SIZES[:-1], SIZES[1:])]
    a1, a2, z3 = torch.empty(BATCH, 512), torch.empty(BATCH, 256), torch.empty(BATCH, 10)
    d2, d1 = torch.empty(BATCH, 256), torch.empty(BATCH, 512)
    gW = [torch.empty_like(w) for w in W]
    params = [w.clone().requires_grad_() for w in W]
    for p, gw in zip(params, gW):
        p.grad = gw
    opt = CoreOptimizer(params, "adam", lr=1e-3) if adam else None

    def step() -> None:
        torch.mm(x, W[0].t(), out=a1)
        torch.mm(a1, W[1].t(), out=a2)
        torch.mm(a2, W[2].t(), out=z3)
        torch.mm(z3.t(), a2, out=gW[2])
        torch.mm(z3, W[2], out=d2)
        torch.mm(d2.t(), a1, out=gW[1])
        torch.mm(d2, W[1], out=d1)
        torch.mm(d1.t(), x, out=gW[0])
        if opt is not None:
            opt.step()

    return step


def timed(step, n: int) -> float:
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    return time.perf_counter() - t0


class Breakdown:
    """Wall time spent inside TorchEngine.step and CoreOptimizer.step while installed."""

    def __init__(self) -> None:
        from gradlab.core.mnist.model import TorchEngine
        from gradlab.core.optimizers.torch_optim import CoreOptimizer

        self.totals = {"engine step (forward, loss, backward, statistics)": 0.0,
                       "optimizer step (CoreOptimizer Adam)": 0.0}
        self._patched = [(TorchEngine, "step"), (CoreOptimizer, "step")]
        self._saved = [getattr(cls, name) for cls, name in self._patched]
        self.on = False
        for (cls, name), key, real in zip(self._patched, self.totals, self._saved):
            setattr(cls, name, self._wrap(real, key))

    def _wrap(self, real, key):
        def timed_call(*args, **kwargs):
            if not self.on:
                return real(*args, **kwargs)
            t0 = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.totals[key] += time.perf_counter() - t0
        return timed_call

    def remove(self) -> None:
        for (cls, name), real in zip(self._patched, self._saved):
            setattr(cls, name, real)


def speed(data, threads: int, batches: int, block: int,
          breakdown: Breakdown | None = None) -> dict[str, float]:
    """Seconds per batch of each contender, interleaved in blocks."""
    contenders = {"gradlab": gradlab_steps(data, threads), "textbook": textbook_steps(data, 0),
                  "bare matmuls": bare_steps(),
                  "gradlab torch:adam": gradlab_steps(data, threads, "torch:adam"),
                  "bare matmuls + adam": bare_steps(adam=True)}
    torch.set_num_threads(threads)  # the same pool for everyone (train() set it too)
    for step in contenders.values():  # warm-up: first calls allocate and prepare
        timed(step, 2)
    if torch.get_num_threads() != threads:
        raise RuntimeError(f"torch runs {torch.get_num_threads()} threads, not {threads}")
    totals = {k: 0.0 for k in contenders}
    blocks: dict[str, list[float]] = {k: [] for k in contenders}
    done = 2
    while done < batches:
        n = min(block, batches - done)
        for name, step in contenders.items():
            if breakdown is not None:
                breakdown.on = name == "gradlab"
            t = timed(step, n)
            totals[name] += t
            blocks[name].append(t / n)
        if breakdown is not None:
            breakdown.on = False
        if torch.get_num_threads() != threads:  # nobody changed the pool mid-run
            raise RuntimeError(f"torch runs {torch.get_num_threads()} threads, not {threads}")
        done += n
    per_batch = {k: totals[k] / (done - 2) for k in totals}
    if breakdown is not None:
        for k, v in breakdown.totals.items():
            per_batch[k] = v / (done - 2)
    # Medians of the per-block ratios say how steady the ratios were on a shared machine.
    for other in ("textbook", "bare matmuls"):
        r = [a / b for a, b in zip(blocks["gradlab"], blocks[other])]
        per_batch[f"median block ratio vs {other}"] = statistics.median(r)
    return per_batch


def loss_curve(data, optimizer: str, dtype: str, threads: int) -> np.ndarray:
    config = TrainConfig(optimizer=optimizer, hyper={"lr": 1e-3}, epochs=1, eval_every=0,
                         grid_size=0, threads=threads, dtype=dtype)
    return np.concatenate([f.losses for f in train(config, data, frame_seconds=1.0)])


def max_rel(a: np.ndarray, b: np.ndarray, upto: int | None = None) -> float:
    return float(np.max(np.abs(a[:upto] - b[:upto]) / np.abs(b[:upto])))


def adam_curves(data, threads: int) -> None:
    """CoreOptimizer Adam vs torch.optim.Adam, per-step training losses over one epoch.

    float64 is the test of the algorithm (rounding 1e-16 cannot grow to 1e-5 in an
    epoch). In float32 any two orders of the same arithmetic drift apart after a hundred
    or so steps (training is chaotic at this learning rate); torch.optim.Adam's own
    float32 curve is printed against its float64 curve to show how far."""
    c = {(o, d): loss_curve(data, o, d, threads) for d in ("float64", "float32")
         for o in ("adam", "torch:adam")}
    n = len(c["adam", "float64"])
    r64 = max_rel(c["adam", "float64"], c["torch:adam", "float64"])
    print(f"CoreOptimizer Adam vs torch.optim.Adam, one epoch ({n} steps), same seed and batches:")
    print(f"  float64: max relative difference of the loss curves {r64:.2e} (target 1e-5) "
          f"{'OK' if r64 <= 1e-5 else 'MISSED'}")
    for upto in (100, None):
        what = f"first {upto} steps" if upto else "whole epoch"
        print(f"  float32, {what}: core vs torch {max_rel(c['adam', 'float32'], c['torch:adam', 'float32'], upto):.2e}"
              f"; torch float32 vs torch float64 {max_rel(c['torch:adam', 'float32'], c['torch:adam', 'float64'], upto):.2e}")
    return r64


class WithFlags:
    """CoreOptimizer with some of `torch_optim`'s paths switched off, for comparison."""

    def __init__(self, opt, **flags: bool) -> None:
        self.opt, self.flags = opt, flags

    def step(self) -> None:
        from gradlab.core.optimizers import torch_optim

        saved = {k: getattr(torch_optim, k) for k in self.flags}
        for k, v in self.flags.items():
            setattr(torch_optim, k, v)
        try:
            self.opt.step()
        finally:
            for k, v in saved.items():
                setattr(torch_optim, k, v)


def optimizer_steps(threads: int, n: int = 60) -> dict[str, float]:
    """Seconds per step of CoreOptimizer Adam by each of its CPU paths (compiled loop,
    numpy slices, whole torch tensors) and of torch.optim.Adam on the net's parameters."""
    from gradlab.core.optimizers.torch_optim import CoreOptimizer

    torch.set_num_threads(threads)

    def params():
        ps = [torch.tensor(a).requires_grad_() for layer in init_params(SIZES, 0) for a in layer]
        for p in ps:
            p.grad = torch.randn_like(p) * 1e-3
        return ps

    def core(**flags: bool):
        return WithFlags(CoreOptimizer(params(), "adam", lr=1e-3), **flags)

    opts = {"CoreOptimizer adam, compiled loop": core(),
            "CoreOptimizer adam, numpy slices": core(COMPILED=False),
            "CoreOptimizer adam, whole torch tensors": core(COMPILED=False, NUMPY_SLICES=False),
            "torch.optim.Adam (foreach=False)": torch.optim.Adam(params(), lr=1e-3, foreach=False),
            "torch.optim.Adam (default)": torch.optim.Adam(params(), lr=1e-3),
            "torch.optim.Adam (fused=True)": torch.optim.Adam(params(), lr=1e-3, fused=True)}
    for opt in opts.values():
        opt.step()  # compiles the loop, creates the state
    totals = {k: 0.0 for k in opts}
    for _ in range(n // 10):
        for k, opt in opts.items():
            totals[k] += timed(opt.step, 10)
    return {k: v / n for k, v in totals.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--threads", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    ap.add_argument("--batches", type=int, default=200, help="batches timed per contender")
    ap.add_argument("--full", action="store_true", help="time a whole epoch (468 batches)")
    ap.add_argument("--block", type=int, default=20)
    ap.add_argument("--skip-curves", action="store_true")
    ap.add_argument("--breakdown", action="store_true",
                    help="split gradlab's batch into engine step, optimizer step and the rest")
    args = ap.parse_args(argv)
    data = load(args.data)
    prepare(data)  # once, outside the timing (the app does it once too)
    steps_per_epoch = -(-len(data.train_labels) // BATCH)
    batches = steps_per_epoch - 1 if args.full else min(args.batches, steps_per_epoch - 1)
    print(f"MNIST speed, CPU, {args.threads} torch thread(s), batch {BATCH}, "
          f"{batches - 2} batches timed per contender in blocks of {args.block} (+2 warm-up)")
    breakdown = Breakdown() if args.breakdown else None
    try:
        s = speed(data, args.threads, batches, args.block, breakdown)
    finally:
        if breakdown is not None:
            breakdown.remove()
    for k in ("gradlab", "textbook", "bare matmuls", "gradlab torch:adam", "bare matmuls + adam"):
        print(f"  {k:19s} {1e3 * s[k]:7.2f} ms/batch  -> {s[k] * steps_per_epoch:6.2f} s/epoch")
    if breakdown is not None:
        rest = s["gradlab"] - sum(s[k] for k in breakdown.totals)
        print("  gradlab's batch (wall time, timers included):")
        for k in breakdown.totals:
            print(f"    {k:52s} {1e3 * s[k]:6.2f} ms")
        print(f"    {'rest (batch gather, frames, history, timers)':52s} {1e3 * rest:6.2f} ms")
    r_text = s["gradlab"] / s["textbook"]
    r_bare = s["gradlab"] / s["bare matmuls"]
    print(f"  gradlab / textbook     = {r_text:.3f}  (target <= 0.45; median per block "
          f"{s['median block ratio vs textbook']:.3f})  {'OK' if r_text <= 0.45 else 'MISSED'}")
    print(f"  gradlab / bare matmuls = {r_bare:.3f}  (target <= 1.5;  median per block "
          f"{s['median block ratio vs bare matmuls']:.3f})  {'OK' if r_bare <= 1.5 else 'MISSED'}")
    print(f"  (bare matmuls + CoreOptimizer Adam) / bare matmuls = "
          f"{s['bare matmuls + adam'] / s['bare matmuls']:.3f}: the floor with our Adam")
    opt = optimizer_steps(args.threads)
    for k, v in opt.items():
        print(f"  optimizer step: {k:41s} {1e3 * v:6.2f} ms")
    ok = r_text <= 0.45 and r_bare <= 1.5
    if not args.skip_curves:
        ok = adam_curves(data, args.threads) <= 1e-5 and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
