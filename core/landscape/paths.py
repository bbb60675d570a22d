"""A run's path on a plane: every snapshot of its trajectory, and its final weights,
projected (least squares) to (α, β). On the plane of the runs θ₀ and the finals lie on the
plane exactly; the snapshots between are their nearest points on it."""

from __future__ import annotations

import numpy as np

from gradlab.core.landscape.planes import Plane
from gradlab.core.mnist.trajectory import Trajectory


def project_path(plane: Plane, trajectory: Trajectory) -> np.ndarray:
    """(k, 2) float64: (α, β) of each point of `trajectory.points()` (θ₀ first, the final
    weights last)."""
    coords = [plane.project(theta) for _, theta in trajectory.points()]
    return np.asarray(coords, np.float64).reshape(-1, 2)


def path_steps(trajectory: Trajectory) -> list[int]:
    """The step of each row of `project_path`."""
    return [s for s, _ in trajectory.points()]
