"""The race's picture exports (issue 18): PNG and SVG the size of the view, showing what
the window shows, with a title and a legend, in the window's palette (`style.PALETTE`),
the same as `gradlab race --png`. The SVG is rendered back (QSvgRenderer) and compared
with the PNG on a coarse grid, before and after a run that diverged."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtSvg

from gradlab.core import surfaces
from gradlab.gui.main_window import MainWindow
from gradlab.gui.race.config import OptimizerEntry, RaceConfig
from gradlab.gui.style import BACKGROUND, PALETTE

GRID = (64, 48)
MEAN_DIFF = 12.0  # per channel, 0-255, on the 64×48 grid: text antialiasing and no more


def _config(diverging: bool) -> RaceConfig:
    lr = 5.0 if diverging else 0.1  # on ½(x² + y²) each step multiplies x by 1 − η = −4
    return RaceConfig(
        surface="quadratic", start=surfaces.get("quadratic").start,
        optimizers=[OptimizerEntry("sgd", {"lr": lr, "weight_decay": 0.0}, "SGD", PALETTE.colour(0, True)),
                    OptimizerEntry("adam", {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
                                            "weight_decay": 0.0}, "Adam", PALETTE.colour(1, True)),
                    OptimizerEntry("momentum", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.0},
                                   "Momentum", PALETTE.colour(2, True))],
        max_steps=60, speed=None)


@pytest.fixture(params=[False, True], ids=["fresh", "diverged"])
def window(qtbot, request):
    w = MainWindow(_config(request.param))
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.confirm_overwrite = lambda path: True
    if request.param:
        with qtbot.waitSignal(w.race.race_finished, timeout=20000):
            w.race.run()
        qtbot.waitUntil(lambda: not w.race.is_running(), timeout=2000)
        assert w.race.history.diverged[0] is not None  # the picture is of a diverged run
    yield w
    w.race.shutdown()


def _array(image: QtGui.QImage) -> np.ndarray:
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), np.uint8, count=h * stride).reshape(h, stride)[:, : 3 * w] \
        .reshape(h, w, 3).astype(np.int16)


def _pixels_near(rgb: np.ndarray, colour: str, tol: int = 40) -> int:
    c = QtGui.QColor(colour)
    target = np.array([c.red(), c.green(), c.blue()])
    return int((np.abs(rgb - target).max(axis=2) <= tol).sum())


def _svg_as_image(path, size: QtCore.QSize) -> QtGui.QImage:
    image = QtGui.QImage(size, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtGui.QColor("white"))  # a browser's page: what is not painted shows white
    painter = QtGui.QPainter(image)
    QtSvg.QSvgRenderer(str(path)).render(painter)
    painter.end()
    return image


def test_png_is_the_views_size_with_every_racers_colour(qtbot, window, tmp_path):
    path = tmp_path / "race.png"
    assert window.export_view(path)
    image = QtGui.QImage(str(path))
    assert image.size() == window.race.view.viewport().size()
    rgb = _array(image)
    for entry in window.race.panel.entries():
        # The legend's line alone is ≥ 3 × 20 pixels of the colour.
        assert _pixels_near(rgb, entry.color) >= 50, entry.label


def test_svg_is_the_views_size_and_shows_what_the_png_shows(qtbot, window, tmp_path):
    png, svg = tmp_path / "race.png", tmp_path / "race.svg"
    assert window.export_view(png) and window.export_view(svg)
    size = window.race.view.viewport().size()
    text = svg.read_text(encoding="utf-8")
    assert re.search(rf'viewBox="0 0 {size.width()} {size.height()}"', text)
    # The page: width and height in mm for 96 px per inch (a browser's CSS pixel).
    mm = [float(v) for v in re.search(r'<svg width="([\d.]+)mm" height="([\d.]+)mm"', text).groups()]
    assert mm == pytest.approx([size.width() * 25.4 / 96, size.height() * 25.4 / 96], abs=0.1)

    a = QtGui.QImage(str(png)).scaled(*GRID, mode=QtCore.Qt.TransformationMode.SmoothTransformation)
    b = _svg_as_image(svg, size).scaled(*GRID, mode=QtCore.Qt.TransformationMode.SmoothTransformation)
    diff = np.abs(_array(a) - _array(b)).reshape(-1, 3).mean(axis=0)
    assert (diff < MEAN_DIFF).all(), diff
    # Drawn on the window's dark background, not on a white page.
    corner = _array(_svg_as_image(svg, size))[-3, -3]
    bg = QtGui.QColor(BACKGROUND)
    assert np.abs(corner - [bg.red(), bg.green(), bg.blue()]).max() <= 8
    rgb = _array(_svg_as_image(svg, size))
    for entry in window.race.panel.entries():
        assert _pixels_near(rgb, entry.color) >= 50, entry.label


def test_cli_render_uses_the_windows_palette(tmp_path):
    from gradlab.gui.race.render import render_png

    surface = surfaces.get("quadratic")
    x0 = np.array(surface.start, dtype=float)
    k = np.linspace(0.0, 1.0, 30)[:, None]
    points = np.stack([x0 * (1 - k), x0 * (1 - k) * [1, -0.5], x0 * (1 - k) * [-0.5, 1]], axis=1)
    path = render_png(tmp_path / "cli.png", surface, points, ["a", "b", "c"], size=(600, 450))
    rgb = _array(QtGui.QImage(str(path)))
    for i in range(3):
        assert _pixels_near(rgb, PALETTE.colour(i, on_dark=True)) >= 50, i
