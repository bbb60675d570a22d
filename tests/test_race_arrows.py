"""The race view's arrows: one scale per view, lengths in proportion to the steps they
draw, nothing drawn below MIN_ARROW_PX, and no NumPy warning for steps too small or too
large to scale (a converged racer takes steps of 1e-310)."""

from __future__ import annotations

import math
import warnings
from types import SimpleNamespace

import numpy as np
import pytest

from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.view import (MIN_ARROW_PX, ArrowScale, arrow_pairs, longest_step,
                                   scale_caption, scaled_arrow)


def _px_length(v, px):
    return math.hypot(v[0] / px[0], v[1] / px[1])


def test_arrow_length_is_the_step_length_times_the_scale():
    px = (0.01, 0.02)  # data units per pixel, x and y
    for v, want in (([0.3, 0.4], 25.0), ([1.0, 0.0], 50.0), ([0.0, -0.2], 10.0)):
        drawn = scaled_arrow(np.array(v), px, 50.0)  # 50 px per unit of step
        assert _px_length(drawn, px) == pytest.approx(want)
        # Same direction on screen as in the data (x and y pixel sizes differ here).
        assert math.atan2(drawn[1] / px[1], drawn[0] / px[0]) == pytest.approx(math.atan2(v[1], v[0]))


def test_an_arrow_below_the_visible_length_is_not_drawn():
    px = (1.0, 1.0)
    assert scaled_arrow(np.array([MIN_ARROW_PX * 0.99, 0.0]), px, 1.0) is None
    assert scaled_arrow(np.array([MIN_ARROW_PX * 1.01, 0.0]), px, 1.0) is not None
    # A converged head: |∇f| ≈ 1e-22 on a scale of a few hundred pixels per unit.
    assert scaled_arrow(np.array([1e-22, -3e-23]), px, 300.0) is None


@pytest.mark.parametrize("v, k", [
    ([0.0, 0.0], 60.0),             # standing still
    ([1e-320, 0.0], 60.0),          # converged
    ([np.nan, 0.0], 60.0),          # diverged
    ([np.inf, 0.0], 60.0),
    ([1e300, 1e300], 1e300),        # overflows to inf
    ([1.0, 0.0], 0.0),              # no scale yet
    ([1.0, 0.0], math.inf),
])
def test_nothing_to_draw_gives_none_and_no_warning(v, k):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert scaled_arrow(np.array(v), (1e-10, 1e-10), k) is None


def test_an_arrow_the_scale_left_out_is_cut_to_the_cap():
    px = (1.0, 1.0)
    drawn = scaled_arrow(np.array([0.0, 10.0]), px, 50.0, cap_px=60.0)  # 500 px unscaled
    assert _px_length(drawn, px) == pytest.approx(60.0) and drawn[0] == 0 and drawn[1] > 0


def test_arrow_head_is_finite():
    px = (1.0, 1.0)
    drawn = scaled_arrow(np.array([1.0, 0.0]), px, 40.0)
    head = arrow_pairs(np.zeros(2), drawn, px)
    assert head.shape == (6, 2) and np.isfinite(head).all()


def _history(points, grads, updates, diverged=None):
    points, grads, updates = (np.asarray(a, dtype=float) for a in (points, grads, updates))
    k, m = points.shape[:2]
    h = RaceHistory(m)
    h.append(SimpleNamespace(steps=np.arange(k), points=points, losses=np.zeros((k, m)), grads=grads,
                             updates=updates, states=[{}] * m, diverged=diverged or [None] * m, done=True))
    return h


def test_the_scale_is_the_longest_step_taken_leaving_out_diverged_racers_and_points_outside():
    bounds = (-1.0, 1.0, -1.0, 1.0)
    h = _history(points=[[[0, 0], [0, 0], [0.5, 0]], [[0, 0], [5, 5], [0.5, 0]]],
                 grads=[[[300, 400], [0, 0], [0, 0]], [[0, 0], [100, 0], [0, 1e6]]],
                 updates=[[[0.3, 0.4], [0, 0.1], [0, 0]], [[0, 0.2], [0, 9.0], [0, 1e3]]],
                 diverged=[None, None, 1])
    # Racer 0's step of 0.5 at row 0 (not its gradient); racer 1's step of 9 is outside
    # the bounds; racer 2 diverged (its step of 1000 does not count).
    assert longest_step(h, bounds, slice(0, 2)) == pytest.approx(0.5)
    scale = ArrowScale()
    assert scale.update(h, bounds) == pytest.approx(0.5)


def test_caption_states_the_scale():
    text = scale_caption(120.0, 60.0)  # 120 px per unit: 60 px is a step of 0.5
    assert text == "arrow scale: 60 px = a step of 0.5"
