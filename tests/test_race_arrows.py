"""The race view's arrows at each head: one scale factor for both, the gradient's arrow
never shorter than MIN_GRAD_PX, and nothing drawn (and no NumPy warning) for steps too
small or too large to scale, as a racer that has converged takes."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from gradlab.gui.race.view import MIN_GRAD_PX, arrow_pairs, scaled_arrows


def _px_length(v, px):
    return math.hypot(v[0] / px[0], v[1] / px[1])


def test_the_longer_arrow_gets_arrow_px_and_both_share_the_factor():
    px = (0.01, 0.02)
    g, u = np.array([1.0, 0.0]), np.array([0.0, 2.0])
    gk, uk = scaled_arrows(g, u, px, 40.0)
    assert _px_length(uk, px) == pytest.approx(40.0)  # u is 100 px, g 100 px: a tie
    g2 = np.array([0.5, 0.0])  # 50 px against u's 100 px
    gk, uk = scaled_arrows(g2, u, px, 40.0)
    assert _px_length(uk, px) == pytest.approx(40.0)
    assert _px_length(gk, px) == pytest.approx(20.0)  # the same factor, 0.4
    assert gk[1] == 0 and gk[0] > 0


def test_a_short_gradient_arrow_is_stretched_to_the_minimum_along_its_direction():
    px = (1.0, 1.0)
    gk, uk = scaled_arrows(np.array([0.0, -1e-3]), np.array([1.0, 0.0]), px, 40.0)
    assert _px_length(uk, px) == pytest.approx(40.0)
    assert _px_length(gk, px) == pytest.approx(MIN_GRAD_PX)
    assert gk[0] == 0 and gk[1] < 0


@pytest.mark.parametrize("g, u", [
    ([0.0, 0.0], [0.0, 0.0]),             # standing still
    ([1e-320, 0.0], [0.0, -1e-321]),      # converged: 40 px / 1e-320 px overflows
    ([np.nan, 0.0], [1.0, 0.0]),          # diverged
    ([1.0, 0.0], [np.inf, 0.0]),
    ([1e300, 1e300], [1.0, 0.0]),         # 1e300 / 1e-10 px overflows the other way
])
def test_nothing_to_draw_gives_none_and_no_warning(g, u):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert scaled_arrows(np.array(g), np.array(u), (1e-10, 1e-10), 40.0) is None


def test_a_vanishing_gradient_beside_a_real_step_draws_without_warnings():
    """g is 1e-308 times the step: its stretch to MIN_GRAD_PX overflows, so it keeps the
    common factor (a dot), and the step's arrow is drawn as usual."""
    px = (1.0, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gk, uk = scaled_arrows(np.array([5e-324, 0.0]), np.array([1.0, 0.0]), px, 40.0)
        head = arrow_pairs(np.zeros(2), uk, px)
        assert arrow_pairs(np.zeros(2), gk, px).shape == (0, 2)
    assert _px_length(uk, px) == pytest.approx(40.0)
    assert head.shape == (6, 2) and np.isfinite(head).all()
