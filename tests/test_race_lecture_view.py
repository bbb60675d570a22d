"""Issue 18, the race view: arrows to scale (and the Saddle lesson's "arrows shrink"),
colours that show on the table and the surface, undefined regions, the second curve
for typed formulas, sane log axes, no empty bands, the history label and slider."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPointF, Qt

from gradlab.core import surfaces
from gradlab.core.surfaces.expression import from_expression
from gradlab.gui.main_window import MainWindow
from gradlab.gui.race.config import OptimizerEntry, RaceConfig
from gradlab.gui.race.curves import GAP_TITLE, RaceCurves
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.racers.hyper import log_slider_tip
from gradlab.gui.race.transport import step_text
from gradlab.gui.race.view import UNDEFINED_CAPTION
from gradlab.gui.style import OUTLINE, PALETTE
from gradlab.resources import scenario_paths

VIRIDIS_STOPS = ["#440154", "#481a6c", "#472f7d", "#414487", "#39568c", "#31688e", "#2a788e",
                 "#23888e", "#1f988b", "#22a884", "#35b779", "#54c568", "#7ad151", "#a5db36",
                 "#d2e21b", "#fde725"]  # matplotlib's viridis at 16 stops, pinned


def _luminance(colour) -> float:
    c = QtGui.QColor(colour)
    def lin(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio."""
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


@pytest.fixture
def window(qtbot):
    w = MainWindow(RaceConfig(surface="quadratic", start=surfaces.get("quadratic").start,
                              max_steps=40, speed=None,
                              optimizers=[OptimizerEntry("sgd", {"lr": 0.1, "weight_decay": 0.0},
                                                         "SGD", PALETTE.colour(0, True))]))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def _run_to_end(qtbot, tab):
    with qtbot.waitSignal(tab.race_finished, timeout=15000):
        qtbot.mouseClick(tab.transport.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=2000)


def _shaft_px(view, item) -> float:
    """On-screen length of a drawn arrow's shaft (its first segment), in pixels."""
    x, y = item.getData()
    if x is None or len(x) == 0:
        return 0.0
    vb = view.plot.getViewBox()
    a = vb.mapViewToScene(QPointF(float(x[0]), float(y[0])))
    b = vb.mapViewToScene(QPointF(float(x[1]), float(y[1])))
    return math.hypot(b.x() - a.x(), b.y() - a.y())


# -- 1. arrows to scale ---------------------------------------------------------------------

def test_saddle_lesson_gradient_arrow_shrinks_near_the_centre(qtbot, window):
    tab = window.race
    assert window.open_scenario(next(p for p in scenario_paths() if "saddle" in p.name))
    assert "arrows shrink" in tab.lesson.toPlainText()
    _run_to_end(qtbot, tab)
    h = tab.history
    sgd = next(i for i, e in enumerate(tab.config.optimizers) if e.name == "sgd")
    # |∇f| for f = x² − y² by hand: (2x, −2y).
    grad_norm = [2 * math.hypot(*h.points[r, sgd]) for r in range(h.n)]
    later = min(range(1, h.n), key=lambda r: grad_norm[r])  # nearest the centre
    assert grad_norm[later] < 0.5 * grad_norm[0]
    lengths = {}
    for r in (0, later):
        tab.transport.slider.setValue(r)
        tab.redraw()
        lengths[r] = _shaft_px(tab.view, tab.view.racers[sgd].grad_arrow)
    assert lengths[0] > 10
    assert lengths[later] / lengths[0] == pytest.approx(grad_norm[later] / grad_norm[0], rel=0.05)


def test_converged_head_shows_no_arrow_and_the_caption_states_the_scale(qtbot, window):
    tab = window.race
    tab.transport.max_steps.setValue(600)
    _run_to_end(qtbot, tab)
    g = tab.history.grads[tab.history.n - 1, 0]
    assert math.hypot(*g) < 1e-20  # converged
    tab.redraw()
    assert _shaft_px(tab.view, tab.view.racers[0].grad_arrow) == 0.0
    assert _shaft_px(tab.view, tab.view.racers[0].update_arrow) == 0.0
    caption = tab.view.caption.text
    assert caption.startswith("arrow scale: ") and " px = a step of " in caption


def test_arrows_follow_a_resize_at_once(qtbot, window):
    tab = window.race
    _run_to_end(qtbot, tab)
    tab.transport.slider.setValue(0)
    tab.redraw()
    qtbot.waitUntil(lambda: not tab.timer.isActive(), timeout=3000)  # nothing redraws from here
    arrow = tab.view.racers[0].update_arrow
    before_px = _shaft_px(tab.view, arrow)
    before_data = arrow.getData()[0].copy()
    vb = tab.view.plot.getViewBox()
    size = vb.viewPixelSize()[0]
    window.resize(1000, 650)  # no redraw called after this
    qtbot.waitUntil(lambda: abs(vb.viewPixelSize()[0] - size) > 0.1 * size, timeout=3000)
    qtbot.waitUntil(lambda: not np.array_equal(arrow.getData()[0], before_data), timeout=3000)
    cap = tab.view.arrow_cap_px()
    # The step's on-screen length is again the scale times its length, with the new pixels.
    u = tab.history.updates[0, 0]
    assert _shaft_px(tab.view, arrow) == pytest.approx(tab.view.px_per_unit * math.hypot(*u), rel=0.03)
    assert _shaft_px(tab.view, arrow) <= cap + 1
    assert before_px > 0


# -- 2. colours ----------------------------------------------------------------------------

def test_every_racer_colour_shows_on_the_table_and_on_the_surface(qtbot, window):
    tab = window.race
    table_bg = tab.table.palette().color(QtGui.QPalette.ColorRole.Base)
    outline = QtGui.QColor(*OUTLINE[:3])
    contour = QtGui.QColor("white")
    for colour in (*PALETTE.on_dark, *PALETTE.on_light):
        assert contrast(colour, table_bg) >= 3.0, colour
        assert contrast(colour, contour) >= 3.0, colour  # white contours, ✛ and ★
        for shade in VIRIDIS_STOPS:
            # Either the colour or the dark outline under it stands out from each shade
            # (3:1 is out of reach on viridis' mid-blues for any colour that keeps 3:1
            # on white: the best is about 2.5).
            assert max(contrast(colour, shade), contrast(outline, shade)) >= 2.4, (colour, shade)
    for entry in tab.config.optimizers:
        assert entry.color in PALETTE.on_dark
    racer = tab.view.racers[0]
    assert racer.tail.opts["shadowPen"] is not None
    assert racer.update_arrow.opts["shadowPen"] is not None


def test_teaching_scenarios_use_the_palette(qtbot, window):
    for path in scenario_paths():
        assert window.open_scenario(path)
        for entry in window.race.config.optimizers:
            assert contrast(entry.color, "#ffffff") >= 3.0, (path.name, entry.label, entry.color)


# -- 3. undefined regions --------------------------------------------------------------------

def test_undefined_region_is_hatched_not_painted_as_highest_and_has_no_minimum(qtbot, window):
    tab = window.race
    surface = from_expression("log(x) + y**2")
    assert surface.minima == []  # f falls without end as x → 0⁺: no minimum in the window
    tab.set_custom_surface(surface)
    layer = tab.view.layer
    image = layer.image.image
    rect = layer.image.mapRectToParent(layer.image.boundingRect())
    col = int((-2.0 - rect.left()) / rect.width() * image.shape[1])  # x = −2: log undefined
    row = image.shape[0] // 2
    assert not np.isfinite(image[row, col])  # not the top colour's value: transparent
    assert layer.undefined and layer.hatch.isVisible()
    assert len(layer.minima_item.data) == 0
    tab.redraw()
    assert UNDEFINED_CAPTION in tab.view.caption.text


# -- 4. the second curve for a typed formula --------------------------------------------------

def test_a_formula_with_two_equal_minima_shows_the_loss_gap(qtbot):
    curves = RaceCurves()
    qtbot.addWidget(curves)
    surface = from_expression("(x**2 - 1)**2 + y**2")
    curves.set_surface(surface, fmin=0.0)
    entries = [OptimizerEntry("sgd", {"lr": 0.1}, "a", PALETTE.colour(0, True)),
               OptimizerEntry("sgd", {"lr": 0.1}, "b", PALETTE.colour(1, True))]
    curves.set_racers(entries)
    h = RaceHistory(2, surface.minima)
    # Racer a at one minimum (1, 0), racer b at the other (−1, 0): both done.
    pts = np.array([[[0.5, 0.5], [-0.5, 0.5]], [[1.0, 0.0], [-1.0, 0.0]]])
    f = (pts[..., 0] ** 2 - 1) ** 2 + pts[..., 1] ** 2
    h.append(SimpleNamespace(steps=np.arange(2), points=pts, losses=f, grads=np.zeros((2, 2, 2)),
                             updates=np.zeros((2, 2, 2)), states=[{}, {}], diverged=[None, None], done=True))
    curves.redraw(h, 1)
    assert curves.dist.plot.titleLabel.text == GAP_TITLE
    for c in curves.dist.curves:
        y = c.yData
        assert y[-1] < 1e-6  # at a lowest point: no gap, whichever minimum


# -- 5. log axes ----------------------------------------------------------------------------

def test_log_step_axis_ticked_after_a_run_shows_the_steps(qtbot, window):
    tab = window.race
    _run_to_end(qtbot, tab)
    tab.curves.log_x.setChecked(True)  # no redraw called
    for c in (tab.curves.loss, tab.curves.dist):
        lo, hi = c.plot.viewRange()[0]
        assert -0.5 < lo < 0.1 and 1.4 < hi < 1.8  # log10(0.5) .. log10(40)


def test_a_loss_of_exactly_zero_does_not_stretch_the_log_axis(qtbot):
    curves = RaceCurves()
    qtbot.addWidget(curves)
    surface = from_expression("x**2 + y**2")
    curves.set_surface(surface, fmin=0.0)
    curves.set_racers([OptimizerEntry("sgd", {"lr": 0.5}, "a", PALETTE.colour(0, True))])
    h = RaceHistory(1, surface.minima)
    losses = np.array([[8.0], [1e-3], [0.0]])
    h.append(SimpleNamespace(steps=np.arange(3), points=np.zeros((3, 1, 2)), losses=losses,
                             grads=np.zeros((3, 1, 2)), updates=np.zeros((3, 1, 2)), states=[{}],
                             diverged=[None], done=True))
    curves.redraw(h, 2)
    y = curves.loss.curves[0].yData  # as handed over, before the log axis maps it
    assert y.min() >= 8.0 * 1e-16 * 0.99  # not 1e-300
    assert curves.loss.plot.viewRange()[1][0] > -17  # log10 of the axis' bottom


# -- 6. no dark empty bands -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["ill_conditioned", "six_hump_camel"])
def test_the_heatmap_fills_the_view(qtbot, window, name):
    tab = window.race
    i = tab.picker.combo.findData(name)
    tab.picker.combo.setCurrentIndex(i)
    tab.picker.combo.activated.emit(i)
    vb = tab.view.plot.getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    rect = tab.view.layer.image.mapRectToParent(tab.view.layer.image.boundingRect())
    w, h = vb.width(), vb.height()
    assert 2 / 3 <= w / h <= 3 / 2  # the window's shape: the picture is made to fill these
    assert rect.left() <= x0 + 1e-9 and rect.right() >= x1 - 1e-9
    assert rect.top() <= y0 + 1e-9 and rect.bottom() >= y1 - 1e-9


# -- 7. history label, slider, tooltip ------------------------------------------------------

def test_history_label_and_slider(qtbot, window):
    assert step_text(999, 1000, 1000) == "step 999 of 1000 recorded (max 1000)"
    assert step_text(40, 40, 300) == "step 40 of 300"
    tab = window.race
    window.resize(window.minimumSizeHint())  # as small as the window goes
    qtbot.waitUntil(lambda: window.width() < 1400, timeout=2000)
    slider = tab.transport.slider
    # A track, not a square: at least 120 px (what leaves the step counter room in a
    # 1280-px presenter window, tests/test_main_window.py) and many times its height.
    assert slider.width() >= 120 and slider.width() >= 5 * slider.height()


def test_log_slider_tooltip_is_plain_words():
    tip = log_slider_tip(1e-5, 10.0)
    assert "^" not in tip and "span" not in tip
    assert "multiplies" in tip and "about 4" in tip  # (10 / 1e-5)^(1/10) = 10^0.6 ≈ 3.98
