"""What the Playground draws per frame, and how cheaply (issue 14's ≥ 30 redraws/s): the
thumbnails' colours (pinned literals), thumbnails repainted in turns only while training,
edges restyled only when their look changes, and the GIL switch interval lowered while
the worker trains and restored after."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from gradlab.gui.playground import diagram as diagram_module
from gradlab.gui.playground.colours import unit_rgb, units_rgb
from gradlab.gui.playground.diagram import NetworkDiagram


def test_a_layer_of_thumbnails_is_coloured_as_each_unit_alone():
    # Unit 0: scale 2 (its largest |value|): 2 → full blue (8, 119, 189), −1 → half orange
    # 255 + (245 − 255)/2 = 250, 255 + (147 − 255)/2 = 201, 255 + (34 − 255)/2 = 144.5 → 144,
    # 0 → white. Unit 1: all zero → white, never a division by zero; NaN → white.
    maps = np.array([[[2.0, -1.0], [0.0, 2.0]], [[0.0, 0.0], [np.nan, 0.0]]])
    rgb = units_rgb(maps)
    assert rgb.dtype == np.uint8 and rgb.shape == (2, 2, 2, 3)
    assert rgb[0, 0, 0].tolist() == [8, 119, 189]
    assert rgb[0, 0, 1].tolist() == [250, 201, 144]
    assert rgb[0, 1, 0].tolist() == [255, 255, 255]
    assert (rgb[1] == 255).all()
    for k in range(2):
        np.testing.assert_array_equal(unit_rgb(maps[k]), rgb[k])


@pytest.fixture
def big(qtbot):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.set_architecture(["x₁", "x₂"], (8,) * 6, 2)  # 48 hidden units
    painted = []
    for layer in d.units:
        for unit in layer:
            unit.set_map = lambda rgb, u=unit, f=unit.set_map: (painted.append(u.key), f(rgb))
    return d, painted


def _params(sizes, seed):
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(m, n)), rng.normal(size=m)) for n, m in zip(sizes[:-1], sizes[1:])]


def test_thumbnails_are_repainted_in_turns_only_while_training(big):
    d, painted = big
    sizes = [2, *(8,) * 6, 2]
    maps = [np.random.default_rng(0).normal(size=(8, 4, 4)) for _ in range(6)]
    d.set_weights(_params(sizes, 0), maps)  # paused: every thumbnail
    assert len(painted) == 48
    painted.clear()
    d.set_weights(_params(sizes, 1), maps, in_turns=True)
    first = set(painted)
    assert len(first) == diagram_module.THUMBS_PER_FRAME == 24
    painted.clear()
    d.set_weights(_params(sizes, 2), maps, in_turns=True)
    assert len(painted) == 24 and not first & set(painted)  # the other half: all 48 in two frames


def test_edges_are_restyled_only_when_their_look_changes(qtbot):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.set_architecture(["x₁", "x₂"], (3,), 2)
    params = [(np.array([[1.0, -0.5], [0.25, 0.0], [-1.0, 0.5]]), np.zeros(3)),
              (np.array([[1.0, -1.0, 0.5], [0.0, 0.2, -0.2]]), np.zeros(2))]
    d.set_weights(params)
    widths = {e.key: e.pen().widthF() for e in d.edges}
    # |w| / max|w| = 1 → 0.5 + 4; 0.5 → 0.5 + 2; 0.25 → 0.5 + 1; 0 → 0.5.
    assert widths[(0, 0, 0)] == 4.5 and widths[(0, 0, 1)] == 2.5 and widths[(0, 1, 0)] == 1.5
    assert widths[(0, 1, 1)] == 0.5
    pens = {e.key: e.pen() for e in d.edges}
    nudged = [(W + 0.01, b) for W, b in params]  # less than a quarter pixel of width
    nudged[0][0][0, 0] = -1.0  # but this one changes sign
    d.set_weights(nudged)
    changed = {e.key for e in d.edges if e.pen() != pens[e.key]}
    assert changed == {(0, 0, 0)}


def test_the_gil_switch_interval_is_short_only_while_training(qtbot):
    from gradlab.gui.playground.tab import GIL_SWITCH_SECONDS, PlaygroundTab

    before = sys.getswitchinterval()
    tab = PlaygroundTab()
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    assert sys.getswitchinterval() == pytest.approx(min(GIL_SWITCH_SECONDS, before))
    tab.pause()
    assert sys.getswitchinterval() == before
    tab.play()
    tab.shutdown()
    assert sys.getswitchinterval() == before


def test_the_loss_axes_end_at_round_numbers_above_the_data():
    """The loss plot's axes change only when a curve outgrows a round number (pinned)."""
    from gradlab.gui.playground.curves import nice_ceiling

    values = [0.0, -1.0, float("nan"), 0.3, 0.69, 1.0, 1.01, 37, 51, 101, 151, 999, 1000, 1001, 7.6]
    assert [nice_ceiling(v) for v in values] == [1, 1, 1, 0.3, 0.75, 1, 1.5, 50, 75, 150, 200, 1000, 1000,
                                                 1500, 10]
