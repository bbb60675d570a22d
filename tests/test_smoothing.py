"""The debiased EMA behind the loss curve's smoothing slider."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradlab.core.smoothing import debiased_ema


def reference(values: list[float], w: float) -> list[float]:
    """The textbook recurrence, written out with the bias correction 1 - w^t."""
    m, out = 0.0, []
    for t, x in enumerate(values, start=1):
        m = w * m + (1 - w) * x
        out.append(m / (1 - w**t))
    return out


def test_matches_the_textbook_recurrence():
    rng = np.random.default_rng(0)
    values = rng.normal(size=200)
    smoothed, _ = debiased_ema(values, 0.9)
    np.testing.assert_allclose(smoothed, reference(values.tolist(), 0.9), rtol=1e-12)


def test_first_value_is_unbiased_and_constant_stays_constant():
    smoothed, _ = debiased_ema(np.full(50, 3.0), 0.99)
    # Without debiasing the first value would be 0.03; with it, every value is exactly 3.
    np.testing.assert_allclose(smoothed, 3.0, rtol=1e-12)


def test_weight_zero_is_the_raw_curve_and_more_weight_is_smoother():
    rng = np.random.default_rng(1)
    values = rng.normal(size=500)
    raw, _ = debiased_ema(values, 0.0)
    np.testing.assert_array_equal(raw, values)
    light, _ = debiased_ema(values, 0.5)
    heavy, _ = debiased_ema(values, 0.95)
    assert np.std(np.diff(heavy)) < np.std(np.diff(light)) < np.std(np.diff(values))


def test_state_continues_the_same_curve():
    values = np.linspace(1.0, 0.0, 30) + np.sin(np.arange(30.0))
    whole, _ = debiased_ema(values, 0.8)
    first, state = debiased_ema(values[:13], 0.8)
    rest, _ = debiased_ema(values[13:], 0.8, state)
    np.testing.assert_allclose(np.concatenate([first, rest]), whole, rtol=1e-12)


def test_non_finite_values_are_skipped_not_spread():
    smoothed, _ = debiased_ema(np.array([1.0, math.inf, math.nan, 1.0]), 0.9)
    assert math.isnan(smoothed[1]) and math.isnan(smoothed[2])
    assert smoothed[0] == pytest.approx(1.0) and smoothed[3] == pytest.approx(1.0)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 2.0])
def test_weight_out_of_range_is_refused(bad):
    with pytest.raises(ValueError, match="smoothing weight"):
        debiased_ema(np.ones(3), bad)
