"""The hand-written numpy backprop engine against torch autograd on real MNIST.

    python bench/numpy_engine.py [--data DIR] [--threads 1] [--epochs 1]

Both engines train the 784-512-256-10 ReLU network with cross-entropy and Adam (lr 1e-3)
at batch 128 in float32, from the same initial weights (`gradlab.core.mlp.init_params`)
on the same shuffled batches. numpy: `MLP.loss_and_grads` + `gradlab.core.optimizers`
Adam on the flattened parameters. torch: nn.Linear layers, autograd, torch.optim.Adam.

Timing is interleaved block by block (numpy does batches k..k+B, then torch does the
same batches, and so on), so both see the same load on a shared machine; the ratio of
the summed times is printed with the numpy engine's test accuracy after each epoch.
Targets: ratio ≤ 2, accuracy ≥ 96% after one epoch.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from pathlib import Path

MEAN, STD = 0.1307, 0.3081
SIZES = [784, 512, 256, 10]
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"


def read_idx(path: Path):
    """An IDX file (.gz or raw) as a uint8 numpy array: magic, big-endian dims, then bytes."""
    import numpy as np

    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(folder: Path):
    """(x_train, y_train, x_test, y_test): images as normalised float32 rows of 784."""
    import numpy as np

    def images(name):
        x = read_idx(folder / name).reshape(-1, 784).astype(np.float32) / 255.0
        return (x - MEAN) / STD

    return (
        images("train-images-idx3-ubyte.gz"), read_idx(folder / "train-labels-idx1-ubyte.gz").astype(np.int64),
        images("t10k-images-idx3-ubyte.gz"), read_idx(folder / "t10k-labels-idx1-ubyte.gz").astype(np.int64),
    )


def torch_model(params):
    """nn.Sequential(Linear, ReLU, ..., Linear) holding a copy of `params`, in their dtype."""
    import torch

    layers = []
    for i, (W, b) in enumerate(params):
        lin = torch.nn.Linear(W.shape[1], W.shape[0], dtype=torch.from_numpy(W).dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        layers += [lin] + ([torch.nn.ReLU()] if i < len(params) - 1 else [])
    return torch.nn.Sequential(*layers)


def float64_agreement(x_train, y_train, n_batches: int, bs: int, seed: int) -> None:
    """Both engines in float64 from the same weights on the same batches: the loss curves
    coincide (up to rounding amplified by Adam's steps)."""
    import numpy as np
    import torch

    from gradlab.core import losses, optimizers
    from gradlab.core.mlp import MLP, init_params

    params = init_params(SIZES, seed=seed, dtype=np.float64)
    net = MLP(params, "relu", losses.get("cross_entropy"))
    adam = optimizers.get("adam", lr=1e-3)
    state = adam.init(net.params)
    model = torch_model(params)
    torch_adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    order = np.random.default_rng(seed).permutation(len(x_train))
    gaps = []
    for k in range(n_batches):
        idx = order[k * bs : (k + 1) * bs]
        xb, yb = x_train[idx].astype(np.float64), y_train[idx]
        loss, grads = net.loss_and_grads(xb, yb)
        updates, state = adam.update(grads, state, net.params)
        net.params = optimizers.apply_updates(net.params, updates)
        torch_adam.zero_grad()
        t_loss = torch.nn.functional.cross_entropy(model(torch.from_numpy(xb)), torch.from_numpy(yb))
        t_loss.backward()
        torch_adam.step()
        gaps.append(abs(loss - t_loss.item()) / abs(t_loss.item()))
    print(f"float64, {n_batches} Adam steps: max relative loss gap numpy vs torch {max(gaps):.1e} "
          f"(first step {gaps[0]:.1e})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--threads", type=int, default=1, help="BLAS/torch threads for both engines")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--block", type=int, default=20, help="batches per interleaved timing block")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--float64-batches", type=int, default=50,
                    help="batches of the float64 agreement check (0 to skip)")
    args = ap.parse_args()

    # Before numpy loads OpenBLAS: both engines get the same number of threads.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np
    import torch

    from gradlab.core import losses, optimizers
    from gradlab.core.mlp import MLP, flatten, init_params, unflatten

    torch.set_num_threads(args.threads)
    x_train, y_train, x_test, y_test = load(args.data)
    xt_train, yt_train = torch.from_numpy(x_train), torch.from_numpy(y_train)

    if args.float64_batches:
        float64_agreement(x_train, y_train, args.float64_batches, args.batch_size, args.seed)

    params = init_params(SIZES, seed=args.seed)
    # numpy engine: θ is the one vector the optimizer sees; the net's params are views into it.
    theta = flatten(params)
    net = MLP(unflatten(theta, params), "relu", losses.get("cross_entropy"))
    adam = optimizers.get("adam", lr=1e-3)
    state = adam.init(theta)

    # torch engine: the same numbers in nn.Linear layers.
    model = torch_model(params)
    torch_adam = torch.optim.Adam(model.parameters(), lr=1e-3)

    def numpy_step(xb, yb) -> float:
        nonlocal theta, state
        loss, grads = net.loss_and_grads(xb, yb)
        updates, state = adam.update(flatten(grads), state, theta)
        theta = optimizers.apply_updates(theta, updates)
        net.params = unflatten(theta, params)
        return loss

    def torch_step(xb, yb) -> float:
        torch_adam.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        torch_adam.step()
        return loss.item()

    bs = args.batch_size
    rng = np.random.default_rng(args.seed)
    print(f"MNIST {len(x_train)} train / {len(x_test)} test, {SIZES}, relu, cross-entropy, Adam 1e-3, "
          f"batch {bs}, float32, {args.threads} thread(s) each")
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(len(x_train))
        batches = [order[i : i + bs] for i in range(0, len(order), bs)]
        t_np = t_torch = 0.0
        np_losses, torch_losses = [], []
        for start in range(0, len(batches), args.block):
            block = batches[start : start + args.block]
            t0 = time.perf_counter()
            for idx in block:
                np_losses.append(numpy_step(x_train[idx], y_train[idx]))
            t1 = time.perf_counter()
            for idx in block:
                ti = torch.from_numpy(idx)
                torch_losses.append(torch_step(xt_train[ti], yt_train[ti]))
            t2 = time.perf_counter()
            t_np += t1 - t0
            t_torch += t2 - t1
        acc_np = float(np.mean(net.forward(x_test).argmax(axis=1) == y_test))
        with torch.no_grad():
            acc_torch = float((model(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean())
        gap = np.max(np.abs(np.array(np_losses) - np.array(torch_losses)))
        print(f"epoch {epoch}: numpy {t_np:.2f} s, torch {t_torch:.2f} s, ratio numpy/torch {t_np / t_torch:.2f} "
              f"(target <= 2)")
        print(f"  test accuracy: numpy {acc_np:.2%} (target >= 96%), torch {acc_torch:.2%}; "
              f"last batch loss numpy {np_losses[-1]:.4f} torch {torch_losses[-1]:.4f}; "
              f"max |loss gap| over the epoch {gap:.2e}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
