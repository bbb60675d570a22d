"""Export the race: the surface view as PNG or SVG (pyqtgraph's exporters), the
trajectories as CSV. A file that exists is only replaced when `confirm(path)` says so
(the window asks with a QMessageBox; tests pass their own answer)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

Confirm = Callable[[Path], bool]


def _may_write(path: Path, confirm: Confirm) -> bool:
    return not path.exists() or confirm(path)


def export_image(scene_or_item: Any, path: str | Path, confirm: Confirm, width: int | None = None) -> bool:
    """PNG or SVG by the file's suffix; False when the user declined to overwrite."""
    import pyqtgraph.exporters as exporters

    path = Path(path)
    if not _may_write(path, confirm):
        return False
    if path.suffix.lower() == ".svg":
        try:
            exporters.SVGExporter(scene_or_item).export(str(path))
        except ValueError:
            # pyqtgraph 0.14's SVG exporter cannot re-parse some paths Qt 6.12 writes
            # (closed symbols such as the minima's stars): render the scene with Qt's own
            # SVG generator instead, which keeps everything vector.
            _svg_with_qt(scene_or_item, path)
        return True
    else:
        exporter = exporters.ImageExporter(scene_or_item)
        if width:
            exporter.parameters()["width"] = int(width)
    exporter.export(str(path))
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
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for r in range(n):
            row: list[str] = [str(int(history.steps[r]))]
            for i in range(len(labels)):
                vals = (*history.points[r, i], history.losses[r, i], *history.grads[r, i])
                row += ["" if not np.isfinite(v) else repr(float(v)) for v in vals]
            out.writerow(row)
    return True


def _svg_with_qt(scene_or_item: Any, path: Path) -> None:
    from PySide6 import QtCore, QtGui, QtSvg

    scene = scene_or_item if hasattr(scene_or_item, "sceneRect") else scene_or_item.scene()
    rect = scene.sceneRect() if hasattr(scene, "sceneRect") else scene_or_item.sceneBoundingRect()
    gen = QtSvg.QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(rect.size().toSize())
    gen.setViewBox(QtCore.QRectF(0, 0, rect.width(), rect.height()))
    gen.setTitle("GradLab optimizer race")
    painter = QtGui.QPainter(gen)
    try:
        scene.render(painter, QtCore.QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
