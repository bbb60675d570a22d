"""The path a run's weights took: θ₀ and snapshots θ_t at log-spaced steps, kept while it trains.

The loss landscape (`gradlab.core.landscape`) draws this path on a plane: the plane of two
runs' final weights, or one run's PCA plane (Li et al. 2018, §7). A path needs only a few
dozen points, and most of the motion is early, so the steps are log-spaced:

    steps = {0} ∪ {round(T^(i / (n − 1)))}, i = 0 … n − 1,   n ≤ MAX_SNAPSHOTS, T = total steps

(step 0 is θ₀; the last is T, the final weights).

Memory (issue 15 wants at most 50 MB per run). A snapshot is stored as its change from
the start, θ_t − θ₀, in float16: the landscape projects it onto a plane, where float16's
relative rounding (2⁻¹¹ of each change) moves a path point by about 1e-4 of its distance
from θ₀, far below a pixel; θ₀ itself is float32. For 784-512-256-10 (535,818 numbers):
θ₀ 2.1 MB + 32 × 1.07 MB ≈ 36 MB. Projections onto fixed directions would be smaller,
but the directions are only known later (the PCA plane needs the snapshots themselves,
and the plane of two runs needs both runs finished), so the snapshots are kept.

The final weights are exact: `final` is the run's own float32 weights at `final_step`
(the checkpoint's, not a float16 copy), so a path ends exactly where the run ended.

numpy only at import (the window imports `frames`, which names `Trajectory`); the
recorder takes torch tensors but calls only their methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

import numpy as np

MAX_SNAPSHOTS = 32
"""At most this many snapshots per run, step 0 and the final step included."""
FLOAT16_MAX = 65504.0  # the largest finite float16


def snapshot_steps(total_steps: int, count: int = MAX_SNAPSHOTS) -> list[int]:
    """Log-spaced steps 0 < s ≤ total_steps, with 0 first and total_steps last:
    0 and round(T^(i/(n−1))) for i = 0 … n−2, deduplicated (early steps are dense), at most `count`."""
    if total_steps <= 0:
        return [0]
    if total_steps + 1 <= count:
        return list(range(total_steps + 1))
    # Ask for more points than needed: rounding merges the early ones.
    for n in range(count - 1, 4 * count):
        steps = sorted({0, *np.unique(np.round(np.geomspace(1, total_steps, n)).astype(int)).tolist()})
        if len(steps) > count:
            break
        best = steps
    return best


@dataclass(frozen=True, eq=False)  # arrays: compared by identity
class Trajectory:
    """θ₀ and the snapshots θ_t = θ₀ + deltas[i] at `steps[i]` (see the module docstring)."""

    steps: list[int]
    """Steps of the snapshots, increasing, step 0 (θ₀) first."""
    origin: dict[str, np.ndarray]
    """θ₀, float32, keyed like the run file's "model" ("0.weight", "0.bias", ...)."""
    deltas: dict[str, np.ndarray]
    """θ_t − θ₀, float16, shape (len(steps), *tensor shape)."""
    final: dict[str, np.ndarray] | None = field(default=None, compare=False)
    """The run's weights at `final_step` (float32, exact), or None."""
    final_step: int | None = None
    """Steps done when the run ended (= steps[-1] for a finished run)."""

    def theta(self, i: int) -> dict[str, np.ndarray]:
        """The weights of snapshot i, float32: θ₀ + deltas[i]."""
        return {k: self.origin[k] + self.deltas[k][i].astype(np.float32) for k in self.origin}

    def points(self) -> Iterator[tuple[int, dict[str, np.ndarray]]]:
        """(step, weights) of every snapshot, then the final weights; the exact final
        weights replace a snapshot of the same step."""
        for i, s in enumerate(self.steps):
            if self.final is not None and s == self.final_step:
                break
            yield s, self.theta(i)
        if self.final is not None:
            yield int(self.final_step), self.final

    def nbytes(self) -> int:
        """Memory of θ₀ and the snapshots (the final weights are the checkpoint's)."""
        return sum(a.nbytes for a in self.origin.values()) + sum(a.nbytes for a in self.deltas.values())

    def with_final(self, final: Mapping[str, Any], step: int) -> Trajectory:
        """The same path ending at `final` (arrays or tensors) after `step` steps."""
        return Trajectory(self.steps, self.origin, self.deltas,
                          {k: _float32(v) for k, v in final.items()}, int(step))

    def to_blob(self) -> dict[str, Any]:
        """What the run file stores: steps, θ₀ and the deltas as torch tensors (torch is
        imported here: only saving calls it). The final weights are the file's "model"."""
        import torch

        return {"steps": [int(s) for s in self.steps],
                "origin": {k: torch.from_numpy(np.array(v)) for k, v in self.origin.items()},
                "deltas": {k: torch.from_numpy(np.array(v)) for k, v in self.deltas.items()}}

    @classmethod
    def from_blob(cls, blob: Mapping[str, Any], final: Mapping[str, Any] | None = None,
                  final_step: int | None = None) -> Trajectory:
        """Inverse of `to_blob` (no checks: `run_file.load_run` checks before calling)."""
        origin = {k: _float32(v) for k, v in blob["origin"].items()}
        deltas = {k: np.asarray(v.numpy() if hasattr(v, "numpy") else v, np.float16)
                  for k, v in blob["deltas"].items()}
        fin = None if final is None else {k: _float32(v) for k, v in final.items()}
        return cls([int(s) for s in blob["steps"]], origin, deltas, fin, final_step)


def _float32(v: Any) -> np.ndarray:
    if hasattr(v, "detach"):  # a torch tensor
        v = v.detach().to("cpu").numpy()
    return np.asarray(v, np.float32)


class Recorder:
    """Keeps the snapshots while a run trains: `maybe_take(step, params)` after every
    update copies θ_t − θ₀ (float16, on the CPU) when `step` is one of `steps`. The copy
    is read-only on the weights (no RNG, no in-place change), so training is unchanged."""

    def __init__(self, names: list[str], tensors: list[Any], total_steps: int,
                 resume: Trajectory | None = None) -> None:
        self.names = names
        if resume is None:
            # A copy: a CPU tensor's .numpy() shares the weights' memory, which training changes.
            self.origin = {k: _float32(t).copy() for k, t in zip(names, tensors)}
            self.steps = [0]
            self.deltas = {k: [np.zeros(v.shape, np.float16)] for k, v in self.origin.items()}
            plan = snapshot_steps(total_steps)
        else:
            self.origin = resume.origin
            self.steps = list(resume.steps)
            self.deltas = {k: list(v) for k, v in resume.deltas.items()}
            # A resumed run may have more epochs: plan over the new length, keep the
            # snapshots already taken, thin the rest so the total stays ≤ MAX_SNAPSHOTS.
            later = [s for s in snapshot_steps(total_steps) if s > self.steps[-1]]
            room = MAX_SNAPSHOTS - len(self.steps)
            if len(later) > room:
                keep = np.unique(np.round(np.linspace(0, len(later) - 1, max(room, 0))).astype(int))
                later = [later[i] for i in keep] if room > 0 else []
            plan = later
        self.plan = set(plan) - {0}
        self._torch_origin: list[Any] | None = None

    def maybe_take(self, step: int, tensors: list[Any]) -> None:
        if step not in self.plan or step in self.steps:
            return
        changes = {}
        for k, t in zip(self.names, tensors):
            d = t.detach().to("cpu").numpy().astype(np.float32, copy=False) - self.origin[k]
            if not (np.isfinite(d).all() and np.abs(d).max(initial=0.0) <= FLOAT16_MAX):
                # A run blowing up: float16 cannot hold the change. The path ends at the
                # last snapshot it can hold (the final weights are kept exactly anyway).
                self.plan = set()
                return
            changes[k] = d.astype(np.float16)
        for k, d in changes.items():
            self.deltas[k].append(d)
        self.steps.append(step)

    def trajectory(self, final: Mapping[str, Any], final_step: int) -> Trajectory:
        """A copy of the path so far, ending at `final` (the checkpoint's weights)."""
        deltas = {k: np.stack(v) for k, v in self.deltas.items()}
        origin = {k: v.copy() for k, v in self.origin.items()}
        return Trajectory(list(self.steps), origin, deltas).with_final(final, final_step)
