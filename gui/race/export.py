"""Export the race: the surface view as PNG or SVG (`gui.exporting`), the trajectories
as CSV, each written atomically. A file that exists is only replaced when
`confirm(path)` says so (the window asks with a QMessageBox; tests pass their own
answer)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from gradlab.core.atomic_file import atomic_write
from gradlab.gui.exporting import write_picture

Confirm = Callable[[Path], bool]


def _may_write(path: Path, confirm: Confirm) -> bool:
    return not path.exists() or confirm(path)


def export_image(scene_or_item: Any, path: str | Path, confirm: Confirm, width: int | None = None) -> bool:
    """PNG or SVG by the file's suffix; False when the user declined to overwrite.
    Written atomically (see `exporting`): a failed export keeps the old file."""
    path = Path(path)
    if not _may_write(path, confirm):
        return False
    write_picture(path, scene_or_item, width=width, title="GradLab optimizer race")
    return True


def export_csv(history: Any, labels: list[str], path: str | Path, confirm: Confirm) -> bool:
    """One row per step: step, then x, y, loss, grad_x, grad_y per optimizer (empty
    cells where an optimizer has diverged)."""
    path = Path(path)
    if not _may_write(path, confirm):
        return False
    header = ["step"]
    for label in labels:
        header += [f"{label} x", f"{label} y", f"{label} loss", f"{label} grad_x", f"{label} grad_y"]
    n = history.n if history is not None else 0
    with atomic_write(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for r in range(n):
            row: list[str] = [str(int(history.steps[r]))]
            for i in range(len(labels)):
                vals = (*history.points[r, i], history.losses[r, i], *history.grads[r, i])
                row += ["" if not np.isfinite(v) else repr(float(v)) for v in vals]
            out.writerow(row)
    return True
