"""A landscape result as a PNG without a window (`gradlab landscape --png`).

    write_png(result, "plane.png", size=(1000, 800))

`result` is issue 15's JSON record: a plane ({"plane": "random" | "runs" | "pca",
"alphas", "betas", "loss" (rows β × columns α), "accuracy", "paths": {run: [[α, β], ...]},
...}) or a line ({"alphas", "loss", "accuracy"}: one list, or {run: list} for several
runs), plus optional "colours" ({run: "#rrggbb"}), "explained" ([r1, r2]) and "points"
({name: [α, β]}). It is drawn by the tab's own views (`map.MapView`, `line.LineView`),
so the file shows what the tab shows, and written atomically
(`gradlab.gui.exporting.write_image`). Works with no display (Qt's offscreen platform,
as the race's render).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from gradlab.gui.exporting import ensure_app
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.style import PALETTE

SIZE = (1000, 800)
# The picture's title, in the language in use (the CLI installs no translation: English).
TITLES = {"random": QT_TRANSLATE_NOOP("LandscapeRender", "Random plane (filter-normalised directions)"),
          "runs": QT_TRANSLATE_NOOP("LandscapeRender", "The plane through θ₀ and two runs' final weights"),
          "pca": QT_TRANSLATE_NOOP("LandscapeRender", "PCA plane of one run's path")}
LOSS_PLANE = QT_TRANSLATE_NOOP("LandscapeRender", "Loss plane")


def _colours(names: list[str], given: Mapping[str, str] | None) -> dict[str, str]:
    given = dict(given or {})
    return {name: given.get(name, PALETTE.colour(i, on_dark=True)) for i, name in enumerate(names)}


def _per_run(values: Any) -> dict[str, np.ndarray]:
    """A line's "loss" or "accuracy": {run: list} as it is, one list as run "run"."""
    if isinstance(values, Mapping):
        return {str(k): np.asarray(v, dtype=np.float64) for k, v in values.items()}
    return {"run": np.asarray(values, dtype=np.float64)}


def _mark(name: str) -> str:
    """A plane's point as the map labels it: θ₀ as it is, "final" as "final", a run's final
    as "<run>, final" (`jobs.final_mark`)."""
    from gradlab.gui.landscape.jobs import final_mark

    return name if name == "θ₀" else final_mark() if name == "final" else final_mark(name)


def caption(result: Mapping[str, Any]) -> str:
    """The line under the picture: the samples, the seed of a random plane, and for a PCA
    plane the shares of variance and why it must not compare optimizers."""
    n, kind = result.get("subset"), str(result.get("plane", ""))
    parts = []
    if kind == "pca" and result.get("explained"):
        r1, r2 = (float(r) for r in result["explained"])
        parts.append(translate("LandscapeRender", "d₁ and d₂ explain {r1} % and {r2} % of the path's "
                                                  "variance. A PCA plane belongs to one run and must "
                                                  "not be used to compare optimizers.").format(
            r1=f"{100 * r1:.1f}", r2=f"{100 * r2:.1f}"))
    if kind == "random" and result.get("seed") is not None:
        parts.append(translate("LandscapeRender", "Filter-normalised random directions, seed {seed}.").format(
            seed=result["seed"]))
    if n:
        parts.append(translate("LandscapeRender", "Loss on the first {n} training images.").format(n=n))
    return " ".join(parts)


def _check(result: Mapping[str, Any]) -> None:
    for key in ("alphas", "loss"):
        if key not in result:
            raise ValueError(f"the result has no {key!r}")


def write_png(result: Mapping[str, Any], path: str | os.PathLike, size: tuple[int, int] = SIZE) -> Path:
    """Draw `result` and save a `size` PNG at `path` (atomically); ValueError for a result
    without the fields it needs, OSError when the file cannot be written."""
    _check(result)
    ensure_app()
    from PySide6 import QtCore, QtWidgets

    from gradlab.gui.exporting import write_image
    from gradlab.gui.landscape.line import LineView
    from gradlab.gui.landscape.map import MapView, set_caption

    alphas = np.asarray(result["alphas"], dtype=np.float64)
    line = "betas" not in result
    view: Any = LineView() if line else MapView()
    view.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(*size)
    try:
        if line:
            runs = result.get("runs")
            if isinstance(runs, Mapping) and runs:  # every run's, not only the first's
                loss = {str(r): np.asarray(v["loss"], dtype=np.float64) for r, v in runs.items()}
                accuracy = {str(r): np.asarray(v.get("accuracy", [np.nan] * len(alphas)), dtype=np.float64)
                            for r, v in runs.items()}
            else:
                loss = _per_run(result["loss"])
                accuracy = _per_run(result.get("accuracy", {k: [np.nan] * len(alphas) for k in loss}))
            view.set_line(alphas, _colours(list(loss), result.get("colours")))
            view.set_values(loss, accuracy)
        else:
            betas = np.asarray(result["betas"], dtype=np.float64)
            grid = np.asarray(result["loss"], dtype=np.float64)
            if grid.shape != (len(betas), len(alphas)):
                raise ValueError(f"the loss grid is {grid.shape}, not len(betas) × len(alphas) = "
                                 f"({len(betas)}, {len(alphas)})")
            paths = {str(k): np.asarray(v, dtype=np.float64).reshape(-1, 2)
                     for k, v in (result.get("paths") or {}).items()}
            colours = _colours(list(paths), result.get("colours"))
            kind = str(result.get("plane", ""))
            points = {_mark(str(k)): (float(v[0]), float(v[1]))
                      for k, v in (result.get("points") or {}).items()}
            if not points:
                points = {"θ₀" if kind == "runs" else _mark("final"): (0.0, 0.0)}
            # A run's end in the run's colour; θ₀ and a plane's own centre in white.
            mark_colours = {_mark(str(k)): colours[str(k)] for k in (result.get("points") or {})
                            if str(k) in colours}
            view.set_plane(alphas, betas, translate("LandscapeRender", TITLES.get(kind, LOSS_PLANE)),
                           points, paths, colours, mark_colours, equal_aspect=kind in ("runs", "pca"))
            view.set_grid(grid, result.get("accuracy"))
            explained = result.get("explained")
            if explained:
                from gradlab.gui.landscape.jobs import pca_axis_labels

                bottom, left = pca_axis_labels(float(explained[0]), float(explained[1]))
                view.plot.setLabel("bottom", bottom)
                view.plot.setLabel("left", left)
        set_caption(view, caption(result))
        view.show()  # lays the scene out; WA_DontShowOnScreen keeps it off the screen
        QtWidgets.QApplication.processEvents()
        return write_image(path, view.scene(), width=size[0])
    finally:
        view.close()
        view.deleteLater()
