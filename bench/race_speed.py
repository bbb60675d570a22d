"""How fast the race core runs, against the targets of the foundation issue.

    python bench/race_speed.py

1. `Race`: 4 optimizers x 10,000 steps on Rosenbrock, every frame consumed (the
   default 16 ms throttle, as the GUI runs it). Target: under 1 s.
2. `run_many`: 1,000 starts x 4 optimizers x 1,000 steps, vectorized over the starts.
   Target: under 2 s.

Each figure is the best of a few repeats (the machine is shared; the minimum is the
least disturbed), printed with its ratio to the target (below 1.0 meets it).
"""

from __future__ import annotations

import time

import numpy as np

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race, run_many

REPEATS = 3


def _four():
    return [optimizers.get("sgd", lr=1e-3), optimizers.get("momentum", lr=1e-3),
            optimizers.get("rmsprop", lr=1e-3), optimizers.get("adam", lr=0.05)]


def race_seconds() -> float:
    surface = surfaces.get("rosenbrock")
    race = Race(surface, _four(), surface.start)
    t0 = time.perf_counter()
    for _ in race.frames(10_000):
        pass
    return time.perf_counter() - t0


def run_many_seconds() -> float:
    surface = surfaces.get("rosenbrock")
    xmin, xmax, ymin, ymax = surface.bounds
    rng = np.random.default_rng(0)
    starts = np.column_stack([rng.uniform(xmin, xmax, 1000), rng.uniform(ymin, ymax, 1000)])
    t0 = time.perf_counter()
    for opt in _four():
        run_many(surface, opt, starts, 1000)
    return time.perf_counter() - t0


def main() -> None:
    for label, fn, target in (
        ("race: 4 optimizers x 10,000 steps (Rosenbrock)", race_seconds, 1.0),
        ("run_many: 1,000 starts x 4 optimizers x 1,000 steps", run_many_seconds, 2.0),
    ):
        best = min(fn() for _ in range(REPEATS))
        print(f"{label}: {best:.3f} s (target {target:g} s, ratio {best / target:.2f})")


if __name__ == "__main__":
    main()
