"""The race generator: rows equal a hand loop of optimizer.update, frames are copies,
stop / resume / throttling follow their contract, divergence stops one run only."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race, RaceFrame, default_labels, divergence_limit, run_many
from gradlab.core.surfaces import Surface

START = (-1.5, 2.0)


def _mix():
    return [
        optimizers.get("sgd", lr=1e-3),
        optimizers.get("momentum", lr=1e-3, momentum=0.9),
        optimizers.get("nesterov", lr=1e-3),
        optimizers.get("rmsprop", lr=1e-2),
        optimizers.get("adam", lr=0.05),
        optimizers.get("nadam", lr=0.01),  # its state has a float field (mu_product)
    ]


def _all_rows(race: Race, until: int, **kw) -> list[RaceFrame]:
    return [race.initial_frame(), *race.frames(until, **kw)]


def _cat(frames: list[RaceFrame], field: str) -> np.ndarray:
    return np.concatenate([getattr(f, field) for f in frames])


def _hand_loop(surface, opt, start, steps):
    """The oracle: one optimizer, scalar surface calls, optimizer.update step by step."""
    p = np.array(start, dtype=np.float64)
    state = opt.init(p.copy())
    pts, losses, grads, updates, states = [], [], [], [], []
    for _ in range(steps + 1):
        g = np.array(surface.grad(p[0], p[1]), dtype=np.float64)
        u, new_state = opt.update(g, state, p)
        pts.append(p.copy())
        losses.append(float(surface.value(p[0], p[1])))
        grads.append(g)
        updates.append(np.asarray(u, dtype=np.float64))
        states.append(state)
        p = p + u
        state = new_state
    return np.array(pts), np.array(losses), np.array(grads), np.array(updates), states


def test_initial_frame_is_step_zero():
    surface = surfaces.get("rosenbrock")
    opts = _mix()
    race = Race(surface, opts, START)
    f = race.initial_frame()
    n = len(opts)
    assert f.steps.tolist() == [0]
    assert f.points.shape == (1, n, 2) and f.losses.shape == (1, n)
    assert f.grads.shape == (1, n, 2) and f.updates.shape == (1, n, 2)
    np.testing.assert_array_equal(f.points[0], np.tile(START, (n, 1)))
    assert f.losses[0] == pytest.approx([surface.value(*START)] * n)
    assert all(s["step"] == 0 for s in f.states)
    assert f.diverged == [None] * n and f.done is False
    assert race.step == 0


def test_rows_equal_a_hand_loop_of_each_optimizer():
    surface = surfaces.get("rosenbrock")
    opts = _mix()
    steps = 300
    race = Race(surface, opts, START)
    frames = _all_rows(race, steps, frame_seconds=0.0)
    assert race.step == steps and frames[-1].done
    np.testing.assert_array_equal(_cat(frames, "steps"), np.arange(steps + 1))
    for i, opt in enumerate(opts):
        pts, losses, grads, updates, states = _hand_loop(surface, opt, START, steps)
        np.testing.assert_allclose(_cat(frames, "points")[:, i], pts, rtol=1e-13, atol=0)
        np.testing.assert_allclose(_cat(frames, "losses")[:, i], losses, rtol=1e-13, atol=0)
        np.testing.assert_allclose(_cat(frames, "grads")[:, i], grads, rtol=1e-13, atol=0)
        np.testing.assert_allclose(_cat(frames, "updates")[:, i], updates, rtol=1e-13, atol=1e-300)
        # The state at the last row is the one after `steps` steps (it produced θ_steps).
        last = frames[-1].states[i]
        assert last["step"] == steps
        for name, value in zip(states[-1]._fields, states[-1]):
            np.testing.assert_allclose(last[name], value, rtol=1e-13, atol=0)


def test_frames_are_copies_the_race_does_not_share():
    surface = surfaces.get("rosenbrock")
    a = Race(surface, _mix(), START)
    b = Race(surface, _mix(), START)
    first = a.initial_frame()
    for frame in [first, *a.frames(40, frame_seconds=0.0)]:
        for arr in (frame.steps, frame.points, frame.losses, frame.grads, frame.updates):
            arr[...] = -7
        for state in frame.states:
            for value in state.values():
                if isinstance(value, np.ndarray):
                    value[...] = 1e9
        frame.diverged[:] = [3] * len(frame.diverged)
    assert a.initial_frame().steps.tolist() == [0]
    assert a.diverged == [None] * 6
    rest_a = list(a.frames(80, frame_seconds=math.inf))
    list(b.frames(40, frame_seconds=math.inf))
    rest_b = list(b.frames(80, frame_seconds=math.inf))
    np.testing.assert_array_equal(rest_a[-1].points, rest_b[-1].points)
    np.testing.assert_array_equal(rest_a[-1].states[4]["m"], rest_b[-1].states[4]["m"])


def test_stop_is_honoured_within_one_step_and_flushes():
    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    calls = []

    def stop():
        calls.append(race.step)
        return race.step >= 7

    frames = list(race.frames(100, stop=stop, frame_seconds=math.inf))
    assert race.step == 7
    assert calls == list(range(8))  # checked before every step, and not after the stop
    assert len(frames) == 1 and frames[0].done is False
    assert frames[0].steps.tolist() == list(range(1, 8))


def test_continuing_after_stop_equals_one_uninterrupted_run():
    surface = surfaces.get("rosenbrock")
    paused = Race(surface, _mix(), START)
    parts = list(paused.frames(100, stop=lambda: paused.step >= 33, frame_seconds=0.0))
    parts += list(paused.frames(100, frame_seconds=0.0))
    whole = Race(surface, _mix(), START)
    once = list(whole.frames(100, frame_seconds=math.inf))
    assert parts[-1].done and paused.step == 100
    for field in ("steps", "points", "losses", "grads", "updates"):
        np.testing.assert_array_equal(_cat(parts, field), _cat(once, field))


def test_single_step_yields_one_row():
    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    for expected in (1, 2, 3):
        (frame,) = list(race.frames(race.step + 1))
        assert frame.steps.tolist() == [expected] and frame.done
        assert all(s["step"] == expected for s in frame.states)


def test_throttling_follows_its_own_clock():
    ticks = itertools.count()

    def clock():  # advances 1 ms per call
        return next(ticks) / 1000.0

    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    frames = list(race.frames(200, frame_seconds=0.016, clock=clock))
    sizes = [len(f.steps) for f in frames]
    assert all(16 <= k <= 17 for k in sizes[:-1]), sizes
    assert sizes[-1] <= 17 and frames[-1].done
    assert not any(f.done for f in frames[:-1])
    assert sum(sizes) == 200
    np.testing.assert_array_equal(_cat(frames, "steps"), np.arange(1, 201))


def test_a_slow_clock_gives_one_final_frame():
    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    frames = list(race.frames(500, clock=lambda: 0.0))
    assert len(frames) == 1 and frames[0].done and len(frames[0].steps) == 500


def test_reaching_the_target_again_yields_an_empty_done_frame():
    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    list(race.frames(5))
    (frame,) = list(race.frames(5))
    assert frame.done and frame.points.shape == (0, 6, 2) and race.step == 5


def _first_far_step(lr: float, lam: float, y0: float, limit: float) -> int:
    y, t = y0, 0
    while abs(y) <= limit:
        y, t = y * (1 - lr * lam), t + 1
    return t


def test_divergence_is_marked_and_the_others_go_on():
    surface = surfaces.get("ill_conditioned")
    race = Race(surface, [optimizers.get("sgd", lr=1.0), optimizers.get("adam", lr=0.1)], surface.start)
    frames = _all_rows(race, 300, frame_seconds=0.0)
    k = _first_far_step(1.0, 25.0, surface.start[1], divergence_limit(surface.bounds))
    assert race.diverged == [k, None] and frames[-1].diverged == [k, None]
    assert race.step == 300 and frames[-1].done
    points = _cat(frames, "points")
    for field in ("points", "losses", "grads", "updates"):
        rows = _cat(frames, field)[:, 0]
        assert np.isnan(rows[k:]).all(), field
        assert np.isfinite(rows[:k]).all(), field
    assert np.isfinite(points[:, 1]).all()
    assert np.linalg.norm(points[-1, 1]) < 0.05  # adam got there


def test_non_finite_loss_diverges_at_that_step():
    # f = x for x >= 0, undefined (NaN) left of 0: SGD with lr 1 walks 2.5, 1.5, 0.5, -0.5.
    half = Surface("half", "Half line", "f = x", lambda x, y: np.where(x >= 0, x, np.nan),
                   lambda x, y: (np.ones_like(x), np.zeros_like(y)), (-3, 3, -3, 3), [], (2.5, 0.0))
    race = Race(half, [optimizers.get("sgd", lr=1.0), optimizers.get("sgd", lr=0.1)], half.start)
    frames = _all_rows(race, 10, frame_seconds=0.0)
    assert race.diverged == [3, None]
    losses = _cat(frames, "losses")
    assert np.isnan(losses[3:, 0]).all() and np.isfinite(losses[:3, 0]).all()
    assert losses[-1, 1] == pytest.approx(1.5)


def test_every_optimizer_diverged_ends_the_race_early():
    surface = surfaces.get("ill_conditioned")
    race = Race(surface, [optimizers.get("sgd", lr=1.0)], surface.start)
    frames = list(race.frames(10_000, frame_seconds=math.inf))
    assert frames[-1].done and race.step == race.diverged[0] < 20


def test_run_many_equals_a_loop_per_start():
    surface = surfaces.get("rosenbrock")
    opt = optimizers.get("adam", lr=0.02)
    starts = np.random.default_rng(1).uniform(-2, 2, size=(7, 2))
    out = run_many(surface, opt, starts, 150)
    assert out.shape == (151, 7, 2)
    for j, start in enumerate(starts):
        pts = _hand_loop(surface, opt, start, 150)[0]
        np.testing.assert_allclose(out[:, j], pts, rtol=1e-13, atol=0)


def test_run_many_marks_diverged_starts_nan():
    surface = surfaces.get("ill_conditioned")
    starts = np.array([[1.0, 0.0], [-4.5, 1.0]])  # the first never leaves y = 0
    out = run_many(surface, optimizers.get("sgd", lr=1.0), starts, 30)
    k = _first_far_step(1.0, 25.0, 1.0, divergence_limit(surface.bounds))
    assert np.isfinite(out[:, 0]).all()
    assert np.isfinite(out[:k, 1]).all() and np.isnan(out[k:, 1]).all()


def test_labels():
    assert default_labels(["adam", "sgd", "adam", "adam"]) == ["adam", "sgd", "adam #2", "adam #3"]
    surface = surfaces.get("quadratic")
    race = Race(surface, [optimizers.get("sgd"), optimizers.get("sgd")], (1, 1))
    assert race.labels == ["sgd", "sgd #2"]
    with pytest.raises(ValueError, match="labels"):
        Race(surface, [optimizers.get("sgd")], (1, 1), labels=["a", "b"])
    with pytest.raises(ValueError, match="at least one"):
        Race(surface, [], (1, 1))


def test_states_hold_each_optimizers_fields():
    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    (frame,) = list(race.frames(12, frame_seconds=math.inf))
    assert set(frame.states[0]) == {"step"}
    assert set(frame.states[1]) == {"step", "velocity"}
    assert set(frame.states[4]) == {"step", "m", "v"}
    assert frame.states[4]["m"].shape == (2,)
    assert isinstance(frame.states[5]["mu_product"], float)


def test_frames_do_not_share_state_arrays():
    race = Race(surfaces.get("rosenbrock"), _mix(), START)
    list(race.frames(3))
    (first,) = list(race.frames(10, stop=lambda: True))
    (second,) = list(race.frames(10, stop=lambda: True))  # no step between the two
    first.states[4]["m"][...] = 1e9
    assert np.abs(second.states[4]["m"]).max() < 1e9


def test_a_diverged_run_stops_feeding_non_finite_points_to_the_surface():
    seen = []

    def value(x, y):
        seen.append(bool(np.isfinite(x).all() and np.isfinite(y).all()))
        return x * x + y * y

    # A gradient of 1e300·x: with lr 1e10 the first step overflows to -inf; with lr 1e-305
    # the step is 1e-5·x, an ordinary run.
    steep = Surface("steep", "", "", value, lambda x, y: (1e300 * x, 2.0 * y),
                    (-2, 2, -2, 2), [(0.0, 0.0)], (1.0, 1.0))
    race = Race(steep, [optimizers.get("sgd", lr=1e10), optimizers.get("sgd", lr=1e-305)],
                steep.start)
    list(race.frames(50, frame_seconds=math.inf))
    assert race.diverged == [1, None] and race.step == 50
    # Step 1 is evaluated to find the divergence; from then on the row rests at the start.
    assert len(seen) == 51 and not seen[1] and all(seen[2:])
