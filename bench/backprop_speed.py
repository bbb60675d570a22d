"""How fast the Backpropagation tab re-traces the real MNIST network for a new input.

    python bench/backprop_speed.py [--traces 200] [--run RUN.pt] [--data DIR] [--seed 0]

Each stroke on the tab's drawing canvas gives a new 784-pixel input, and the tab calls
`gradlab.core.backprop.trace` on the 784-512-256-10 network for it (N = 1, the target
label, cross-entropy): forward, loss, every δ, the weight gradients and
the input gradient, all in float64 and made read-only. This times `--traces` such
traces, each on a different digit (MNIST test digits with --data, else synthetic ones),
on ONE thread (the window's worker shares the CPU with the GUI), and prints the median
and p95 milliseconds, twice: passing the weights of an earlier trace (read-only arrays
that `trace` shares instead of copying, what the tab does) and passing writable arrays
(copied, 3.3 MB, on every trace). Target (issue 13): median < 30 ms for both; exit
status 1 if it is missed.

For scale, the same run times the bare matrix products of that pass, into preallocated
float64 outputs: 3 forward (x W₁ᵀ, a₁ W₂ᵀ, a₂ W₃ᵀ) and 6 backward (the three ∂C/∂W outer
products δᵀa and the three δ W, the last one the input gradient), interleaved with the
traces so a shared, noisy CPU slows both alike, and prints trace / matmuls.

Weights: `gradlab.core.backprop.real.fresh_params(seed)` (the MNIST tab's starting
point), or a saved run's with --run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# One thread, before numpy loads its BLAS (threadpoolctl is not a dependency).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

from gradlab.core.blas_threads import blas_threads, set_blas_threads  # noqa: E402

TARGET_MS = 30.0
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"


def _inputs(n: int, data: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """n normalised digits (n, 784) and their labels: MNIST test digits, else synthetic."""
    from gradlab.core.backprop.drawing import MEAN, STD

    if data is not None and data.exists():
        from gradlab.core.mnist.data import load

        d = load(data)
        images, labels = d.test_images[:n], d.test_labels[:n]
    else:
        from gradlab.core.mnist.synthetic import synthetic

        d = synthetic(10, n, seed=0)
        images, labels = d.test_images, d.test_labels
    x = (images.reshape(len(images), 784).astype(np.float64) / 255.0 - MEAN) / STD
    return x, labels.astype(np.int64)


def bare_matmuls(params: list[tuple[np.ndarray, np.ndarray]]):
    """A function doing only the products of one N = 1 forward + backward pass: per layer
    l, a⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ forward, then δ⁽ˡ⁾ᵀ a⁽ˡ⁻¹⁾ and δ⁽ˡ⁾ W⁽ˡ⁾ backward (into preallocated outputs)."""
    Ws = [np.ascontiguousarray(W, dtype=np.float64) for W, _ in params]
    acts = [np.zeros((1, Ws[0].shape[1]))] + [np.zeros((1, W.shape[0])) for W in Ws]
    deltas = [np.ones((1, W.shape[0])) for W in Ws]
    grads = [np.zeros(W.shape) for W in Ws]
    nudges = [np.zeros((1, W.shape[1])) for W in Ws]

    def run(xi: np.ndarray) -> None:
        acts[0][0] = xi
        for l, W in enumerate(Ws):
            np.matmul(acts[l], W.T, out=acts[l + 1])
        for l in range(len(Ws) - 1, -1, -1):
            np.matmul(deltas[l].T, acts[l], out=grads[l])
            np.matmul(deltas[l], Ws[l], out=nudges[l])

    return run


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--traces", type=int, default=200)
    ap.add_argument("--run", type=Path, help="a saved MNIST run (default: fresh weights)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="MNIST folder (else synthetic digits)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--warmup", type=int, default=10)
    args = ap.parse_args()

    set_blas_threads(1)
    from gradlab.core import activations, losses
    from gradlab.core.backprop import real, trace

    if args.run is not None:
        params, info = real.params_from_run_file(args.run)
        act = activations.get(info["activation"], **info["activation_params"])
        where = f"run {args.run}"
    else:
        params, act = real.fresh_params(args.seed), activations.get("relu")
        where = f"fresh weights, seed {args.seed}"
    # Cross-entropy always: every traced loss costs the same at N = 1 (10 logits).
    loss_name = "cross_entropy"
    loss = losses.get(loss_name)
    n = args.traces + args.warmup
    xs, labels = _inputs(n, args.data)
    matmuls = bare_matmuls(params)

    # The tab's way: the weights of the first trace (read-only, shared, never copied) ...
    first = trace(params, act, xs[:1], labels[:1], loss)
    shared = list(zip(first.W, first.b))
    times: dict[str, list[float]] = {"shared": [], "copied": [], "bare": []}
    for i in range(n):
        x, y = xs[i : i + 1], labels[i : i + 1]
        t0 = time.perf_counter()
        trace(shared, act, x, y, loss)
        t1 = time.perf_counter()
        trace(params, act, x, y, loss)  # ... and writable weights, copied on every trace
        t2 = time.perf_counter()
        matmuls(xs[i])
        t3 = time.perf_counter()
        if i >= args.warmup:
            times["shared"].append((t1 - t0) * 1e3)
            times["copied"].append((t2 - t1) * 1e3)
            times["bare"].append((t3 - t2) * 1e3)

    med = {k: statistics.median(v) for k, v in times.items()}
    source = "MNIST test digits" if args.data is not None and args.data.exists() else "synthetic digits"
    print(f"{'-'.join(map(str, first.sizes))} {act.name}, {loss_name}, {where}; {args.traces} traces of {source}, "
          f"N = 1, float64; BLAS threads: {blas_threads()}")
    for key, label in [("shared", "trace (a trace's own weights, shared)"),
                       ("copied", "trace (writable weights, copied)"),
                       ("bare", "bare matmuls")]:
        print(f"{label:40s} median {med[key]:7.2f} ms   p95 {_pct(times[key], 0.95):7.2f} ms")
    print(f"trace / bare matmuls (medians): {med['shared'] / med['bare']:.1f}x shared, "
          f"{med['copied'] / med['bare']:.1f}x copied")
    worst = max(med["shared"], med["copied"])
    ok = worst < TARGET_MS
    print(f"PASS: median < {TARGET_MS:.0f} ms" if ok else f"FAIL: median {worst:.2f} ms >= {TARGET_MS:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
