"""Writing what the MNIST tab shows: curves as CSV, the plots as PNG or SVG.

Both refuse to replace an existing file unless `overwrite=True`: the tab asks the user
first (the save dialog's own confirmation), and code that calls these directly cannot
clobber a file by accident. Pictures go through `gradlab.gui.exporting` (PNG by
pyqtgraph's ImageExporter, SVG by Qt's QSvgGenerator); every file is written atomically.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

from gradlab.core.atomic_file import atomic_write
from gradlab.gui import exporting
from gradlab.gui.i18n import translate

CSV_COLUMNS = ("run", "settings", "kind", "step", "epoch", "train_loss", "smoothed_train_loss",
               "learning_rate", "test_loss", "test_accuracy", "test_cross_entropy")


def _refuse(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise FileExistsError(translate("MnistExport", "{path} exists; not replaced without asking").format(path=path))


def write_csv(path: str | Path, runs: list, smoothing: float, overwrite: bool = False) -> Path:
    """One row per training step ("train") and per evaluation ("subset"/"epoch") of every
    run; per-layer gradient norms and dead fractions in extra columns. `test_loss` is the
    run's own loss, `test_cross_entropy` the measure every run is compared on."""
    path = Path(path)
    _refuse(path, overwrite)
    layers = max((r.grad_norms.view().shape[1] for r in runs if len(r.grad_norms)), default=0)
    hidden = max((r.dead_fraction.view().shape[1] for r in runs if len(r.dead_fraction)), default=0)
    header = [*CSV_COLUMNS, *(f"grad_norm_layer{i + 1}" for i in range(layers)),
              *(f"dead_fraction_hidden{i + 1}" for i in range(hidden))]
    with atomic_write(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        for run in runs:
            spe = run.steps_per_epoch()
            steps, losses, lrs = run.steps.view(), run.losses.view(), run.lrs.view()
            smooth = run.smoothed_losses(smoothing)
            grads, dead = run.grad_norms.view(), run.dead_fraction.view()
            for i in range(len(steps)):
                g = list(grads[i]) + [""] * (layers - grads.shape[1]) if len(grads) else [""] * layers
                d = list(dead[i]) + [""] * (hidden - dead.shape[1]) if len(dead) else [""] * hidden
                out.writerow([run.number, run.config.label(), "train", int(steps[i]),
                              steps[i] / spe if np.isfinite(spe) else "", losses[i], smooth[i],
                              lrs[i], "", "", "", *g, *d])
            for kind, points in (("subset", run.subset_evals), ("epoch", run.epoch_evals)):
                for i in range(len(points.step)):
                    out.writerow([run.number, run.config.label(), kind, int(points.step.view()[i]),
                                  points.epoch.view()[i], "", "", "", points.loss.view()[i],
                                  points.accuracy.view()[i], points.cross_entropy.view()[i],
                                  *[""] * (layers + hidden)])
    return path


def picture_paths(path: str | Path, count: int) -> list[Path]:
    """`plots.png` for the first item, then `plots-2.png`, `plots-3.png`, ..."""
    path = Path(path)
    return [path] + [path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(2, count + 1)]


def write_pictures(path: str | Path, items: list, overwrite: bool = False) -> list[Path]:
    """Each item to its own file (see `picture_paths`); none is written if any exists
    and `overwrite` is False."""
    paths = picture_paths(path, len(items))
    for p in paths:
        _refuse(p, overwrite)
    return [write_picture(p, item, overwrite=True) for p, item in zip(paths, items)]


def write_picture(path: str | Path, item: Any, overwrite: bool = False) -> Path:
    """The plots (`item`: a GraphicsLayout or PlotItem) as PNG (2x, for print) or SVG,
    chosen by the file's suffix."""
    path = Path(path)
    _refuse(path, overwrite)
    if path.suffix.lower() not in (".png", ".svg"):
        raise ValueError(translate("MnistExport", "{path}: choose a .png or .svg file").format(path=path))
    width = 2 * (int(item.boundingRect().width()) or 1200)  # SVG ignores it
    return exporting.write_picture(path, item, width=width, title="GradLab MNIST")
