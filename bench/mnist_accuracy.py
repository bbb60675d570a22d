"""Does the default MNIST run reach 98% test accuracy? (issue 4)

    python bench/mnist_accuracy.py [--data DIR] [--epochs 5] [--engine torch|numpy] [--threads N]
                                   [--seed 0] [--schedule cosine|constant]

Trains the defaults, Adam (CoreOptimizer) lr 1e-3, batch 128, ReLU 784-512-256-10,
cross-entropy, seed 0, the default schedule (cosine, stepped per batch), on the full 60000 training images, and prints each epoch's test
accuracy on the 10000 test images and its training time. Target: at least 98.0% after
5 epochs. Exit status 1 when missed. A few minutes on one CPU core.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gradlab.core.mnist.data import load
from gradlab.core.mnist.train import TrainConfig, train

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
TARGET = 0.98


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--engine", default="torch", choices=("torch", "numpy"))
    ap.add_argument("--optimizer", default="adam", help="adam (CoreOptimizer) or torch:adam")
    ap.add_argument("--threads", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--schedule", default=TrainConfig.schedule, choices=("constant", "cosine"),
                    help="cosine (the default): annealed per batch from lr to 0 over the run")
    args = ap.parse_args(argv)
    config = TrainConfig(optimizer=args.optimizer, hyper={"lr": 1e-3}, epochs=args.epochs,
                         engine=args.engine, threads=args.threads, seed=args.seed,
                         schedule=args.schedule, schedule_unit=TrainConfig.schedule_unit, eval_every=0, grid_size=0)
    print(f"MNIST accuracy: {config.label()}, batch {config.batch_size}, {config.epochs} epochs, "
          f"seed {config.seed}, {args.threads} thread(s)")
    accuracy, seconds = 0.0, 0.0
    for frame in train(config, load(args.data), frame_seconds=1.0):
        r = frame.epoch_result
        if r is not None:
            accuracy, seconds = r.test_accuracy, seconds + r.seconds
            print(f"  epoch {r.epoch}: train loss {r.train_loss:.4f}  test loss {r.test_loss:.4f}  "
                  f"test accuracy {100 * r.test_accuracy:.2f}%  ({r.seconds:.1f} s, "
                  f"{r.samples_per_second:.0f} samples/s)", flush=True)
    ok = accuracy >= TARGET
    print(f"final test accuracy {100 * accuracy:.2f}% (target >= {100 * TARGET:.1f}%) "
          f"{'OK' if ok else 'MISSED'}; {seconds:.1f} s of training")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
