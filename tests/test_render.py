"""Offscreen rendering: the race PNG and the SurfaceLayer it is built on."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race
from gradlab.gui.race.render import finite_path, render_png
from gradlab.gui.style import PALETTE


def _race_points(surface, opts, steps):
    race = Race(surface, opts, surface.start)
    frames = [race.initial_frame(), *race.frames(steps, frame_seconds=math.inf)]
    return race, np.concatenate([f.points for f in frames])


def _colours(image) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}


def test_png_has_the_size_and_shows_the_paths(tmp_path):
    from PySide6.QtGui import QColor, QImage

    surface = surfaces.get("rosenbrock")
    race, points = _race_points(surface, [optimizers.get("adam", lr=0.05),
                                          optimizers.get("sgd", lr=0.004)], 200)
    assert race.diverged[1] is not None  # a diverged path is drawn up to where it left
    out = render_png(tmp_path / "race.png", surface, points, race.labels, race.diverged,
                     size=(640, 480))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (640, 480)
    assert len(_colours(image)) > 50  # a heatmap, not a blank canvas
    # The first path's colour appears: sample every pixel for the exact palette colour.
    red = QColor(PALETTE.on_dark[0]).rgb()
    bits = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(bits.constBits(), dtype=np.uint32).reshape(480, bits.bytesPerLine() // 4)
    assert ((raw[:, :640] | 0xFF000000) == (red | 0xFF000000)).sum() > 20


def test_finite_path_stops_at_nan_and_cuts_far_segments():
    bounds = (-1.0, 1.0, -1.0, 1.0)
    xy = np.array([[0.0, 0.0], [0.5, 0.0], [np.nan, np.nan], [0.1, 0.1]])
    np.testing.assert_array_equal(finite_path(xy, bounds), xy[:2])
    far = np.array([[0.0, 0.0], [1e9, 2e9], [3.0, 3.0]])
    cut = finite_path(far, bounds)
    assert cut.shape == (2, 2)
    assert cut[1, 1] == pytest.approx(50.0) and cut[1, 0] == pytest.approx(25.0)  # same direction


def test_surface_layer_log_scale_levels_contours_and_range(qtbot):
    import pyqtgraph as pg

    from gradlab.gui.plotting.surface_layer import CONTOUR_COUNT, LINEAR_LABEL, LOG_LABEL, SurfaceLayer

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    layer = SurfaceLayer(widget.getPlotItem())
    rosen = surfaces.get("rosenbrock")
    layer.set_surface(rosen)
    img = layer.image.image
    assert img.shape == (layer.resolution, layer.resolution)
    # log10(f - fmin + 1): 0 at the valley floor, about log10(f_max) at the corners.
    assert layer.levels[0] == pytest.approx(0.0, abs=0.01)
    assert layer.levels[1] == pytest.approx(math.log10(rosen.value(-2.0, -1.0) + 1), rel=0.02)
    assert layer.image.getLevels() == pytest.approx(layer.levels)
    # Row-major: row 0 is y = ymin; at the bottom-left corner f is large, at (1, 1) small.
    assert img[0, 0] > img[layer.resolution // 2, 3 * layer.resolution // 4]
    assert len(layer.contours) == CONTOUR_COUNT
    assert all(layer.levels[0] < iso.level < layer.levels[1] for iso in layer.contours)
    assert layer.colorbar.getAxis("left").labelText == LOG_LABEL
    (xr, yr) = widget.getPlotItem().viewRange()
    assert xr == pytest.approx([-2.0, 2.0]) and yr == pytest.approx([-1.0, 3.0])
    assert layer.minima_item.data["x"].tolist() == [1.0]

    quad = surfaces.get("quadratic")
    layer.set_surface(quad)  # reused: same items, new picture
    assert layer.colorbar.getAxis("left").labelText == LINEAR_LABEL
    assert layer.levels[1] == pytest.approx(quad.value(3.0, 3.0), rel=0.02)
    (xr, _) = widget.getPlotItem().viewRange()
    assert xr == pytest.approx([-3.0, 3.0])
