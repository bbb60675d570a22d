"""Every "what to watch for" is true: each scenario's lesson and each surface's description,
raced headless (`core.race.Race`, no Qt) from its default start and settings, sentence by
sentence.

A surface picked in the window keeps the line-up the window opens with (the first
scenario's optimizers, η and step count) and starts from `surface.start`; a scenario races
its own line-up. Claims about speed compare step counts, about direction compare angles,
about plateaus compare gradient norms; claims about η limits race SGD just below and just
above the limit. Oracles are pinned literals and the geometry of the paths themselves.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pytest

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race
from gradlab.gui.race import scenario
from gradlab.resources import default_scenario, scenario_paths

SCENARIOS = {p.stem.split("_", 1)[1]: p for p in scenario_paths()}
WINDOW = scenario.load(default_scenario())  # the line-up the window opens with


@dataclass
class Track:
    """One optimizer's race: rows t = 0..T of θ_t, f(θ_t), ∇f(θ_t); `diverged` step or None."""

    points: np.ndarray  # (T + 1, 2)
    losses: np.ndarray  # (T + 1,)
    grads: np.ndarray  # (T + 1, 2)
    diverged: int | None

    @property
    def gnorm(self) -> np.ndarray:
        return np.linalg.norm(self.grads, axis=-1)

    @property
    def steps(self) -> np.ndarray:
        """|θ_{t+1} − θ_t|, (T,)."""
        return np.linalg.norm(np.diff(self.points, axis=0), axis=-1)

    def first(self, mask: np.ndarray) -> int | None:
        hit = np.flatnonzero(mask)
        return int(hit[0]) if len(hit) else None

    def first_within(self, target, radius: float) -> int | None:
        return self.first(np.linalg.norm(self.points - np.asarray(target), axis=-1) < radius)


def race(surface, lineup, start, steps: int) -> dict[str, Track]:
    """lineup: (label, optimizer name, hyper) triples; the tracks by label."""
    r = Race(surface, [optimizers.get(name, **hyper) for _, name, hyper in lineup], start,
             labels=[label for label, _, _ in lineup])
    frames = [r.initial_frame(), *r.frames(steps, frame_seconds=1e9)]
    p, f, g = (np.concatenate([getattr(fr, k) for fr in frames]) for k in ("points", "losses", "grads"))
    return {label: Track(p[:, i], f[:, i], g[:, i], r.diverged[i]) for i, (label, _, _) in enumerate(lineup)}


def window_race(name: str, steps: int | None = None) -> tuple[surfaces.Surface, dict[str, Track]]:
    """The race the window runs when `name` is picked: its start, the opening line-up."""
    s = surfaces.get(name)
    lineup = [(e.label, e.name, e.hyper) for e in WINDOW.optimizers]
    return s, race(s, lineup, s.start, steps or WINDOW.max_steps)


def scenario_race(key: str, steps: int | None = None):
    config = scenario.load(SCENARIOS[key])
    s = surfaces.get(config.surface)
    lineup = [(e.label, e.name, e.hyper) for e in config.optimizers]
    return config, s, race(s, lineup, config.start, steps or config.max_steps)


def sgd(surface, lr: float, steps: int, start=None) -> Track:
    return race(surface, [("SGD", "sgd", {"lr": lr})], start or surface.start, steps)["SGD"]


def angle(u, v) -> float:
    """The angle between two vectors, degrees."""
    u, v = np.asarray(u, float), np.asarray(v, float)
    return math.degrees(math.acos(np.clip(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)), -1, 1)))


def off_line(points: np.ndarray, a, b) -> float:
    """The farthest any point lies from the straight line through a and b."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = (b - a) / np.linalg.norm(b - a)
    rel = points - a
    return float(np.max(np.abs(rel[:, 0] * d[1] - rel[:, 1] * d[0])))


def local_minima(surface, n: int = 601) -> list[tuple[float, float]]:
    """Grid cells lower than their 8 neighbours (interior only)."""
    xs, ys, z = surface.grid(n)
    c = z[1:-1, 1:-1]
    lower = np.ones_like(c, dtype=bool)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                lower &= c < z[1 + di:n - 1 + di, 1 + dj:n - 1 + dj]
    i, j = np.nonzero(lower)
    return [(float(xs[b + 1]), float(ys[a + 1])) for a, b in zip(i, j)]


def hessian(surface, x: float, y: float, h: float = 1e-4) -> np.ndarray:
    """The Hessian by central differences of the analytic gradient (checked elsewhere
    against differences of f)."""
    gx1, gy1 = surface.grad(x + h, y)
    gx0, gy0 = surface.grad(x - h, y)
    hx1, hy1 = surface.grad(x, y + h)
    hx0, hy0 = surface.grad(x, y - h)
    m = np.array([[gx1 - gx0, hx1 - hx0], [gy1 - gy0, hy1 - hy0]]) / (2 * h)
    return 0.5 * (m + m.T)


# -- every lesson has its test, and reads in one notation ----------------------------------------

def test_every_surface_and_scenario_has_a_lesson_test():
    tests = {name for name in globals() if name.startswith("test_")}
    for name in surfaces.names():
        assert f"test_surface_{name}" in tests, f"the {name!r} surface's description is untested"
    for key in SCENARIOS:
        assert f"test_scenario_{key}" in tests, f"the {key!r} scenario's lesson is untested"


def _texts() -> dict[str, str]:
    out = {}
    for name in surfaces.names():
        s = surfaces.get(name)
        out[f"{name}.description"] = s.description
        out[f"{name}.title"] = s.title
    for key, path in SCENARIOS.items():
        config = scenario.load(path)
        out[f"{key}.lesson"] = config.lesson
        out[f"{key}.title"] = config.title
    return out


def test_lessons_use_unicode_notation():
    """x², λₘₐₓ, pₜ: no caret powers or underscore subscripts in what a learner reads."""
    for where, text in _texts().items():
        assert "^" not in text, where
        assert "**" not in text, where
        assert not re.search(r"\w_\w", text), where
        assert "σ'" not in text, where  # the derivative's prime is ′


def test_loss_names_match_the_losses_module():
    """One name per loss: the model surfaces are called what core/losses.py calls them."""
    from gradlab.core import losses

    titles = {n: losses.get(n).title for n in ("cross_entropy", "focal")}
    assert surfaces.title("logistic_cross_entropy").endswith(titles["cross_entropy"])
    assert surfaces.title("logistic_focal").split(" (")[0].endswith(titles["focal"])
    for where, text in _texts().items():
        assert "crossentropy" not in text.lower() and "cross entropy" not in text.lower(), where


# -- the surfaces' descriptions, raced with the window's opening line-up -------------------------

def test_surface_quadratic():
    s, t = window_race("quadratic")
    # "the gradient points straight at the centre": −∇f ∥ (0 − θ) everywhere
    for p in [s.start, (1.0, -2.7), (0.3, 0.1)]:
        assert angle(-np.array(s.grad(*p)), -np.array(p)) < 1e-6
    # "SGD and Momentum run straight in"
    for label in ("SGD", "Momentum"):
        assert off_line(t[label].points, s.start, (0, 0)) < 1e-9
    assert t["Momentum"].first_within((0, 0), 0.01) is not None
    # "RMSprop and Adam scale each coordinate on its own and their paths bend"
    for label in ("RMSprop", "Adam"):
        assert off_line(t[label].points, s.start, (0, 0)) > 0.1
    # "gradient descent is stable for η < 2/λ = 2"
    assert sgd(s, 1.9, 300).diverged is None and sgd(s, 1.9, 300).losses[-1] < 1e-10
    assert sgd(s, 2.1, 3000).diverged is not None


def test_surface_ill_conditioned():
    s, t = window_race("ill_conditioned")
    lam, lam_max = surfaces.ILL_CONDITIONED_LAMBDAS
    assert "λ = 1" in s.description and "λₘₐₓ = 25" in s.description and lam_max / lam == 25
    # "stable only for η < 2/λₘₐₓ = 0.08"
    assert sgd(s, 0.078, 400).diverged is None
    assert sgd(s, 0.082, 3000).diverged is not None
    # "near that limit it zig-zags across the ravine while crawling along it"
    near = sgd(s, 0.075, 40)
    y, x = near.points[:, 1], near.points[:, 0]
    assert np.all(np.sign(y[1:]) != np.sign(y[:-1]))  # across the ravine every step
    assert np.all(np.diff(x) > 0)  # along it without overshooting, by (1 − η) a step:
    assert abs(x[20]) > 0.2 * abs(x[0])  # still a fifth of the way out after 20 steps
    # "At the same η, Momentum reaches the minimum many times sooner than SGD."
    assert WINDOW.optimizers[0].hyper["lr"] == WINDOW.optimizers[1].hyper["lr"]
    t_mom = t["Momentum"].first_within((0, 0), 0.05)
    t_sgd = sgd(s, WINDOW.optimizers[0].hyper["lr"], 20000).first_within((0, 0), 0.05)
    assert t_mom is not None and t_sgd is not None and t_sgd > 5 * t_mom


def _valley_gap(track: Track) -> np.ndarray:
    return np.abs(track.points[:, 1] - track.points[:, 0] ** 2)  # the floor is y = x²


def test_surface_rosenbrock():
    s, t = window_race("rosenbrock")
    # "Finding the curved valley is easy": everyone is on the floor within 10 steps
    for track in t.values():
        assert track.first(_valley_gap(track) < 0.1) <= 10
    # "following its flat floor to (1, 1) is slow": SGD is still far after 1000 steps,
    # Momentum needs hundreds
    assert np.linalg.norm(t["SGD"].points[-1] - (1, 1)) > 1.0
    assert t["Momentum"].first_within((1, 1), 0.1) > 300
    # "too large a learning rate bounces off its steep walls": η = 0.002 zig-zags across
    # the floor, η = 0.003 is thrown out within a few steps
    zig = sgd(s, 0.002, 1000)
    r = zig.points[20:, 1] - zig.points[20:, 0] ** 2
    assert np.sum(np.sign(r[1:]) != np.sign(r[:-1])) > 50
    assert sgd(s, 0.003, 100).diverged <= 10


def test_surface_beale():
    s, t = window_race("beale")
    assert s.log_scale
    d = {k: np.linalg.norm(v.points[-1] - (3, 0.5)) for k, v in t.items()}
    # "which find the narrow valley to (3, 0.5)"
    assert d["Momentum"] < 0.05 and d["RMSprop"] < 0.05 and d["Adam"] < 0.05
    # "and which stall on the flat (SGD, with η = 0.001)": far off, barely moving at the end
    assert d["SGD"] > 0.3
    assert t["SGD"].steps[-200:].sum() < 0.1
    # "walls that climb steeply to the corners"
    xmin, xmax, ymin, ymax = s.bounds
    corners = [s.value(x, y) for x in (xmin, xmax) for y in (ymin, ymax)]
    assert min(corners) > 1e3 * s.value(*s.start)


def test_surface_himmelblau():
    s, t = window_race("himmelblau")
    # "Four equally good minima"
    assert len(s.minima) == 4 and all(s.value(*m) < 1e-12 for m in s.minima)
    # "around a hill at (−0.27, −0.92)": a flat point that is a local maximum
    hill = (-0.270845, -0.923039)
    assert math.hypot(*s.grad(*hill)) < 1e-3
    assert np.all(np.linalg.eigvalsh(hessian(s, *hill)) < 0)
    # "starting near its top"
    assert math.dist(s.start, hill) < 0.2
    # "optimizers with different step rules roll into different minima"
    ends = set()
    for track in t.values():
        k = int(np.argmin([math.dist(track.points[-1], m) for m in s.minima]))
        assert math.dist(track.points[-1], s.minima[k]) < 1e-3
        ends.add(k)
    assert len(ends) >= 2


def test_surface_rastrigin():
    s, t = window_race("rastrigin")
    # The nearest local minimum to (−3.3, 2.8): 2t + 20π sin(2πt) = 0 near t = ∓3, by bisection.
    lo, hi = -3.1, -2.9
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if 2 * mid + 20 * math.pi * math.sin(2 * math.pi * mid) < 0 else (lo, mid)
    dimple = (lo, -lo)
    assert s.start == (-3.3, 2.8) and round(lo, 2) == -2.98
    # "small steps get trapped in the nearest dimple ... every optimizer stops in the one
    # at (−2.98, 2.98)" (the line-up's η are all ≤ 0.05)
    assert max(e.hyper["lr"] for e in WINDOW.optimizers) <= 0.05
    for track in t.values():
        assert math.dist(track.points[-1], dimple) < 0.02
        assert track.steps[-50:].max() < 0.02  # stopped
    # "only larger steps or momentum can hop towards (0, 0), as the Rastrigin scenario shows"
    config, _, hop = scenario_race("rastrigin")
    assert config.start == s.start
    assert hop["Momentum"].losses[-1] < 0.6 * t["SGD"].losses[-1]
    assert hop["Adam"].losses[-1] < 0.8 * t["SGD"].losses[-1]


def test_surface_saddle():
    s, t = window_race("saddle")
    # "the origin is a saddle": ∇f = 0 there, downhill along y and uphill along x
    assert s.minima == [] and s.grad(0.0, 0.0) == (0.0, 0.0)
    assert np.all(np.diag(hessian(s, 0, 0)) * (1, -1) > 0)
    # "Started just off the x-axis"
    assert 0 < abs(s.start[1]) < 0.05
    # "SGD slides towards the saddle, slowing as |∇f| shrinks, and stays near the x-axis"
    sg = t["SGD"]
    assert np.linalg.norm(sg.points[-1]) < 0.25 * np.linalg.norm(sg.points[0])
    assert sg.gnorm[-1] < 0.2 * sg.gnorm[0] and sg.steps[-1] < 0.2 * sg.steps[0]
    assert np.abs(sg.points[:, 1]).max() < 0.1
    # "while RMSprop and Adam amplify the tiny y-gradient and escape downhill within a few
    # dozen steps"
    for label in ("RMSprop", "Adam"):
        escaped = t[label].first(np.abs(t[label].points[:, 1]) > 1.0)
        assert escaped is not None and escaped < 50
        assert t[label].losses[-1] < -100


def test_surface_monkey_saddle():
    s, t = window_race("monkey_saddle")
    assert s.minima == [] and s.grad(0.0, 0.0) == (0.0, 0.0)
    # "a Hessian of zero at the origin ... |∇f| = 3r² at distance r"
    assert np.abs(hessian(s, 0, 0)).max() < 1e-6
    for r in (0.1, 0.5, 1.0):
        for a in np.linspace(0, 2 * np.pi, 7):
            assert math.hypot(*s.grad(r * np.cos(a), r * np.sin(a))) == pytest.approx(3 * r * r)
    # "three valleys": f < 0 on three separate arcs of a circle round the origin
    a = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    below = s.value(np.cos(a), np.sin(a)) < 0
    assert np.sum(below != np.roll(below, 1)) == 6
    # "SGD slows to a crawl as it nears the origin before it slides off down a valley"
    sg = t["SGD"]
    closest = int(np.argmin(np.linalg.norm(sg.points, axis=-1)))
    assert np.linalg.norm(sg.points[closest]) < 0.6 * np.linalg.norm(sg.points[0])
    assert sg.steps[closest] < 0.35 * sg.steps[0]
    left_sgd = sg.first(np.abs(sg.points[:, 1]) > 1.0)
    assert left_sgd is not None and left_sgd > closest and sg.losses[-1] < -1
    # "long after Momentum, RMSprop and Adam have left"
    for label in ("Momentum", "RMSprop", "Adam"):
        left = t[label].first(np.abs(t[label].points[:, 1]) > 1.0)
        assert left is not None and left_sgd > 4 * left


def test_surface_styblinski_tang():
    s, t = window_race("styblinski_tang")
    lo, hi = surfaces.STYBLINSKI_TANG_X, 2.746802  # the two roots of 2t³ − 16t + 2.5 = 0 that are minima
    basins = {(a, b): s.value(a, b) for a in (lo, hi) for b in (lo, hi)}
    # "Four basins of different depths" (the two mixed ones are mirror images: equal)
    assert len({round(v, 6) for v in basins.values()}) == 3
    assert len(local_minima(s)) == 4
    # "the deepest is at (−2.90, −2.90)"; "the shallowest basin at (2.75, 2.75)"
    assert min(basins, key=basins.get) == (lo, lo) and max(basins, key=basins.get) == (hi, hi)
    # "from the corner, plain descent settles in the shallowest basin"
    assert s.start == (4.5, 3.5)
    for track in t.values():
        assert math.dist(track.points[-1], (hi, hi)) < 1e-2


def test_surface_goldstein_price():
    s, t = window_race("goldstein_price")
    # "Values span six orders of magnitude (3 to ~10⁶)"
    _, _, z = s.grid(801)
    assert z.min() == pytest.approx(3.0, abs=1e-3) and 5e5 < z.max() < 5e6
    # "with local minima on the way"
    assert len(local_minima(s)) >= 3
    # "The start (1.5, 1.5) is on a steep wall"
    assert math.hypot(*s.grad(*s.start)) > 1e4
    # "even η = 0.001 makes SGD and Momentum explode within two steps"
    assert WINDOW.optimizers[0].hyper["lr"] == 0.001
    assert t["SGD"].diverged <= 2 and t["Momentum"].diverged <= 2
    # "Adam ... stops in the local minimum near (1.2, 0.8) (f = 840, against 3 at (0, −1))"
    adam = t["Adam"]
    assert adam.diverged is None and math.dist(adam.points[-1], (1.2, 0.8)) < 0.01
    assert adam.losses[-1] == pytest.approx(840, abs=1) and adam.gnorm[-50:].max() < 1e-3
    assert s.value(0.0, -1.0) == pytest.approx(3.0)
    # "whose steps are about η whatever the slope": while |∇f| spans orders of magnitude
    lr = WINDOW.optimizers[3].hyper["lr"]
    moving = adam.steps[:100]
    assert moving.max() < 3 * lr and adam.gnorm[:100].max() / adam.gnorm[:100].min() > 100


BOOTH_MIN = (1.0, 3.0)


def test_surface_booth():
    s, t = window_race("booth")
    # "Hessian eigenvalues 18 and 2"
    assert np.linalg.eigvalsh(hessian(s, 0.0, 0.0)) == pytest.approx([2.0, 18.0])
    # "from (−6, 4) the gradient points 45° away from the minimum"
    assert s.start == (-6.0, 4.0)
    assert angle(-np.array(s.grad(*s.start)), np.subtract(BOOTH_MIN, s.start)) == pytest.approx(44.7, abs=1)
    # "so SGD first drops into the valley along the steep direction, then turns and curves
    # in along the gentle one": its path leaves the straight line and its heading turns
    sg = t["SGD"]
    assert off_line(sg.points, s.start, BOOTH_MIN) > 1.0
    steep, gentle = np.array([1.0, 1.0]), np.array([1.0, -1.0])
    first = sg.points[5] - sg.points[0]
    late = sg.points[-1] - sg.points[-100]
    assert min(angle(first, steep), angle(first, -steep)) < 20
    assert min(angle(late, gentle), angle(late, -gentle)) < 5
    assert angle(first, late) > 45
    assert np.linalg.norm(sg.points[-1] - BOOTH_MIN) < 0.2 * np.linalg.norm(np.subtract(s.start, BOOTH_MIN))
    # "it is stable for η < 2/18 ≈ 0.11"
    assert sgd(s, 0.105, 500).losses[-1] < 1e-6
    assert sgd(s, 0.118, 3000).diverged is not None


def test_surface_six_hump_camel():
    s, t = window_race("six_hump_camel")
    # "Two global minima near (±0.09, ∓0.71) among four local ones"
    assert sorted(np.round(s.minima, 2).tolist()) == [[-0.09, 0.71], [0.09, -0.71]]
    found = local_minima(s)
    assert len(found) == 6
    # "from the start (−1.5, −1), careful descent settles in the local minimum at (−1.61, −0.57)"
    assert s.start == (-1.5, -1.0)
    assert any(math.dist(m, (-1.61, -0.57)) < 0.02 for m in found)
    for track in t.values():
        assert math.dist(track.points[-1], (-1.607, -0.569)) < 0.01
        assert track.losses[-1] > s.value(*s.minima[0]) + 3.0  # not a global one


def test_surface_plateau_cliff():
    s, t = window_race("plateau_cliff")
    # "On the plateau |∇f| is a few 10⁻³"
    g0 = math.hypot(*s.grad(*s.start))
    assert 1e-3 < g0 < 1e-2 and s.value(*s.start) > 0.99
    # "so SGD barely moves"
    assert math.dist(t["SGD"].points[-1], s.start) < 0.01
    # "while Adam steps about η per iteration whatever the slope, and RMSprop several η (its
    # average of g² starts from zero and lags behind the growing slope)"
    lrs = {e.label: e.hyper["lr"] for e in WINDOW.optimizers}
    adam = t["Adam"]
    assert 0.3 * lrs["Adam"] < np.median(adam.steps[adam.losses[1:] > 0.9]) < 3 * lrs["Adam"]
    rms = t["RMSprop"]
    alpha = optimizers.defaults("rmsprop")["alpha"]
    first = np.abs(rms.points[1] - rms.points[0])  # per coordinate: η g / √((1 − α) g²) = 10η
    assert first == pytest.approx(lrs["RMSprop"] / math.sqrt(1 - alpha) * np.ones(2), rel=0.01)
    plateau = rms.steps[rms.losses[1:] > 0.9] / lrs["RMSprop"]
    assert len(plateau) > 20 and np.all((plateau > 4) & (plateau < 15))
    assert np.all(np.diff(rms.gnorm[:30]) > 0)  # the slope grows as it crosses
    for label in ("RMSprop", "Adam"):
        assert t[label].losses[-1] < 0.01  # and so they reach the well
    # "a learning rate large enough for SGD to cross the plateau flings it off the cliff
    # (slope ≈ 2.6) round the well"
    flung = sgd(s, 10.0, 400)
    assert np.abs(flung.points).max() > 3.0
    x, y = np.meshgrid(np.linspace(-1, 1, 1001), np.linspace(-1, 1, 1001))
    assert np.hypot(*s.grad(x, y)).max() == pytest.approx(2.6, abs=0.05)


def test_surface_logistic_mse():
    s, t = window_race("logistic_mse")
    # "Not convex": the Hessian has a negative eigenvalue somewhere
    worst = min(np.linalg.eigvalsh(hessian(s, w, b))[0]
                for w in np.linspace(-5, 5, 11) for b in np.linspace(-5, 5, 11))
    assert worst < -1e-3
    # "with plateaus ... and so does the gradient": tiny at the start
    assert math.hypot(*s.grad(*s.start)) < 0.01
    # "From the start (−4, 3), the weight's sign wrong, SGD and Momentum barely move"
    assert s.start == (-4.0, 3.0)
    assert math.dist(t["SGD"].points[-1], s.start) < 0.05
    assert math.dist(t["Momentum"].points[-1], s.start) < 0.2
    # "while RMSprop and Adam ... reach the minimum"
    for label in ("RMSprop", "Adam"):
        assert math.dist(t[label].points[-1], s.minima[0]) < 1e-3


def test_surface_logistic_cross_entropy():
    s, t = window_race("logistic_cross_entropy")
    # "Convex: one valley"
    worst = min(np.linalg.eigvalsh(hessian(s, w, b))[0]
                for w in np.linspace(-5, 5, 11) for b in np.linspace(-5, 5, 11))
    assert worst > -1e-6
    # "the gradient stays large exactly where the model is confidently wrong: from the same
    # start as on MSE, |∇L| is over 100 times larger and SGD gets moving"
    mse, _ = window_race("logistic_mse", steps=1)
    assert s.start == mse.start
    assert math.hypot(*s.grad(*s.start)) > 100 * math.hypot(*mse.grad(*mse.start))
    assert math.dist(t["SGD"].points[-1], s.start) > 1.0
    assert t["SGD"].losses[-1] < 0.9 * t["SGD"].losses[0]


def test_surface_logistic_focal():
    from gradlab.core.surfaces import logistic

    s, t = window_race("logistic_focal")
    ce = surfaces.get("logistic_cross_entropy")
    # "Cross-entropy with each point scaled by (1 − qᵢ)ᵞ": γ = 0 is cross-entropy
    assert surfaces.get("logistic_focal:gamma=0").value(0.3, -0.2) == pytest.approx(ce.value(0.3, -0.2))
    # "points the model already gets right stop pulling": at CE's minimum, a point the
    # model gets right with q > 0.9 pulls (|dℓ/ds|, by differences of ℓ) far less under focal
    w, b = ce.minima[0]
    pulls = []
    for x, y in zip(logistic.X, logistic.T):
        q = 1 / (1 + math.exp(-(w * x + b))) if y == 1 else 1 / (1 + math.exp(w * x + b))
        if q > 0.9:
            def slope(loss, h=1e-5):
                one = (np.array([x]), np.array([y]))
                f = [float(logistic.loss_value(loss, w, b + d, *one)) for d in (h, -h)]
                return abs(f[0] - f[1]) / (2 * h)
            pulls.append(slope("focal") / slope("cross_entropy"))
    assert pulls and max(pulls) < 0.05
    # "so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for cross-entropy)":
    # where the race ends, flat by differences of L, not by the code's gradient
    ends = {}
    ce_race = window_race("logistic_cross_entropy")[1]
    for name, surface, track in (("focal", s, t["Adam"]), ("ce", ce, ce_race["Adam"])):
        w, b = track.points[-1]
        h = 1e-5
        fd = [(surface.value(w + h, b) - surface.value(w - h, b)) / (2 * h),
              (surface.value(w, b + h) - surface.value(w, b - h)) / (2 * h)]
        assert np.hypot(*fd) < 1e-5
        ends[name] = (w, b)
    assert ends["focal"][0] == pytest.approx(0.45, abs=0.01)
    assert ends["ce"][0] == pytest.approx(1.12, abs=0.01)
    # "a less confident model": every point's probability is nearer ½ under focal
    from gradlab.core.surfaces.logistic import predict
    assert np.all(np.abs(predict(*ends["focal"], logistic.X) - 0.5)
                  < np.abs(predict(*ends["ce"], logistic.X) - 0.5))


# -- the scenarios' lessons, raced with their own line-ups ------------------------------------

def test_scenario_banana():
    config, s, t = scenario_race("banana")
    # "Everyone finds the curved valley within a few steps"
    for track in t.values():
        assert track.first(_valley_gap(track) < 0.1) <= 10
    # "following its nearly flat floor to the star at (1, 1) is the hard part"
    assert s.minima == [(1.0, 1.0)] and math.dist(t["SGD"].points[-1], (1, 1)) > 1.0
    # "Watch SGD crawl along the floor (its gradient there is about a hundredth of the
    # gradient at the start)"
    sg = t["SGD"]
    on_floor = sg.first(_valley_gap(sg) < 0.1)
    ratio = np.median(sg.gnorm[on_floor:]) / sg.gnorm[0]
    assert 0.002 < ratio < 0.05
    # "Momentum build up speed and overshoot the bends": its steps grow to many times
    # SGD's, and it crosses the floor line more often
    mom = t["Momentum"]
    assert np.median(mom.steps[:300]) > 5 * np.median(sg.steps[:300])
    r_m = mom.points[20:, 1] - mom.points[20:, 0] ** 2
    r_s = sg.points[20:, 1] - sg.points[20:, 0] ** 2
    assert np.sum(np.diff(np.sign(r_m)) != 0) > 2 * np.sum(np.diff(np.sign(r_s)) != 0)
    # "Adam take steps of at most about η however steep the slope": SGD's step is η|∇f|
    lrs = {e.label: e.hyper["lr"] for e in config.optimizers}
    adam = t["Adam"]
    assert adam.steps.max() < 1.5 * lrs["Adam"] and adam.gnorm[0] > 100
    assert sg.steps[0] > 100 * lrs["SGD"]
    # "and RMSprop rattle from wall to wall across the floor"
    rms = t["RMSprop"]
    r = rms.points[20:, 1] - rms.points[20:, 0] ** 2
    assert np.sum(np.diff(np.sign(r)) != 0) > 200
    assert math.dist(rms.points[-1], (1, 1)) > 0.2
    # "Compare the loss curves on the log scale: they end orders of magnitude apart"
    final = [tr.losses[-1] for tr in t.values()]
    assert max(final) / min(final) > 1e3
    assert s.log_scale


def test_scenario_ravine():
    config, s, t = scenario_race("ravine")
    along = lambda d: np.degrees(np.arctan2(np.abs(d[:, 1]), np.abs(d[:, 0])))  # noqa: E731  0° = along x
    steps = {k: np.diff(v.points, axis=0) for k, v in t.items()}
    hit = {k: v.first_within((0, 0), 0.05) for k, v in t.items()}
    # "A long narrow ravine (curvatures 1 and 25)"
    assert config.surface == "ill_conditioned"
    assert np.linalg.eigvalsh(hessian(s, 0, 0)) == pytest.approx([1.0, 25.0])
    # "at η = 0.07 it zig-zags from wall to wall before it crawls along the floor"
    fast = t["SGD η=0.07"]
    assert np.all(np.diff(np.sign(fast.points[:40, 1])) != 0)
    assert np.all(along(steps["SGD η=0.07"][:6]) > 45) and np.all(along(steps["SGD η=0.07"][20:60]) < 10)
    # "and at η = 0.02 it crawls all the way"
    assert np.all(np.diff(t["SGD η=0.02"].points[:, 0]) > 0) and hit["SGD η=0.02"] > 3 * hit["SGD η=0.07"]
    # "Momentum averages the zig-zag away (the steep components cancel, the gentle ones add up)"
    mom = steps["Momentum"][:10]
    assert np.all(mom[:, 0] > 0)  # along the floor every step adds up
    assert abs(mom[:, 1].sum()) < 0.5 * np.abs(mom[:, 1]).sum()  # across it they cancel
    # "and reaches the star in about half the steps of SGD at η = 0.07"
    assert 0.35 * hit["SGD η=0.07"] < hit["Momentum"] < 0.65 * hit["SGD η=0.07"]
    # "Nesterov ... in about a quarter"
    assert 0.15 * hit["SGD η=0.07"] < hit["Nesterov"] < 0.35 * hit["SGD η=0.07"]
    # "watch its update arrow turn to point along the ravine after its first step"
    nesterov = along(steps["Nesterov"])
    assert nesterov[0] > 45 and np.median(nesterov[1:40]) < 5 and np.all(nesterov[4:40] < 5)


def test_scenario_saddle():
    config, s, t = scenario_race("saddle")
    # "the origin is a saddle where ∇f = 0"; "Starting almost on the x-axis"
    assert s.grad(0.0, 0.0) == (0.0, 0.0) and abs(config.start[1]) < 0.05
    # "SGD slides to the saddle and lingers there for about twenty steps: ... its steps are
    # tiny, until y has grown enough to carry it off downhill"
    sg = t["SGD"]
    near = np.linalg.norm(sg.points, axis=-1) < 0.3
    assert 15 <= near.sum() <= 30
    assert sg.steps[near[:-1]].max() < 0.3 * sg.steps[0]
    sgd_off = sg.first(np.abs(sg.points[:, 1]) > 1.0)
    assert sgd_off is not None and sg.losses[-1] < -1
    # "RMSprop and Adam ... the tiny y-gradient still produces a full step and they escape
    # downhill early"
    for label, e in zip(("RMSprop", "Adam"), config.optimizers[1:]):
        tr = t[label]
        assert abs(tr.grads[0, 1]) < 0.05
        assert abs(tr.points[1, 1] - tr.points[0, 1]) > 0.5 * e.hyper["lr"]
        assert 2 * tr.first(np.abs(tr.points[:, 1]) > 1.0) < sgd_off  # "far sooner"
    # "Watch the gradient arrows shrink near the centre: along SGD's path |∇f| falls from 3
    # to about 0.3"
    assert sg.gnorm[0] == pytest.approx(3.0, abs=0.01) and 0.25 < sg.gnorm.min() < 0.35


def test_scenario_rastrigin():
    config, s, t = scenario_race("rastrigin")
    # "the only global minimum is the star at (0, 0)"
    assert s.minima == [(0.0, 0.0)] and s.value(0.0, 0.0) == 0.0
    # "Small steps fall into the nearest dimple and stop: the gradient there is zero"
    sg = t["SGD"]
    assert math.dist(sg.points[-1], (-2.985, 2.985)) < 0.01 and sg.gnorm[-50:].max() < 1e-3
    # "Momentum ... roll[s] over several ridges before it settles in a dimple about half as high"
    mom = t["Momentum"]
    ridges = np.abs(np.round(mom.points[-1]) - np.round(config.start)).sum()
    assert ridges >= 2
    assert mom.gnorm[-50:].max() < 1e-3 and mom.steps[-50:].max() < 1e-4  # settled, not bouncing
    assert 0.3 < mom.losses[-1] / sg.losses[-1] < 0.6
    # "and Adam's large steps (η = 1) jump ridges too"
    adam = t["Adam"]
    assert config.optimizers[2].hyper["lr"] == 1.0
    assert np.abs(np.round(adam.points[-1]) - np.round(config.start)).sum() >= 2
    assert adam.gnorm[-50:].max() < 1e-3 and adam.losses[-1] < sg.losses[-1]
    # "Nobody is guaranteed the global minimum"
    assert all(tr.losses[-1] > 0.5 for tr in t.values())


def test_scenario_beale():
    config, s, t = scenario_race("beale")
    # "(note the log colour scale)"
    assert s.log_scale
    # "Watch which optimizers find the narrow valley to the star at (3, 0.5): SGD is
    # slowed on the flat, while RMSprop and Adam rescale each coordinate and keep moving"
    d = {k: math.dist(v.points[-1], (3, 0.5)) for k, v in t.items()}
    assert d["SGD"] > 0.3 and t["SGD"].steps[-200:].sum() < 0.1
    assert d["RMSprop"] < 0.05 and d["Adam"] < 0.05


def test_scenario_lr_limit():
    config, s, t = scenario_race("lr_limit")
    assert "2/λₘₐₓ" in config.title
    # "Hessian eigenvalues λ = 1 and λₘₐₓ = 25"
    assert np.linalg.eigvalsh(hessian(s, 0, 0)) == pytest.approx([1.0, 25.0])
    # "multiplies the y-error by (1 − 25η) each step"
    for label, e in zip(t, config.optimizers):
        y = t[label].points[:10, 1]
        assert y[1:] / y[:-1] == pytest.approx(np.full(9, 1 - 25 * e.hyper["lr"]), rel=1e-9)
    # "At η = 0.075 SGD zig-zags but converges"
    ok = t["SGD η=0.075"]
    assert np.all(np.diff(np.sign(ok.points[:40, 1])) != 0) and ok.diverged is None
    assert ok.losses[-1] < 1e-6
    # "at η = 0.085 every zig-zag is larger than the last and it diverges"
    bad = t["SGD η=0.085"]
    y = np.abs(bad.points[:bad.diverged, 1])
    assert bad.diverged is not None and np.all(np.diff(y) > 0)
    # "Small η is safe but slow along x"
    slow = t["SGD η=0.02"]
    assert slow.diverged is None and abs(slow.points[-1, 0]) > 1e3 * abs(ok.points[-1, 0])


def test_scenario_plateau_cliff():
    config, s, t = scenario_race("plateau_cliff")
    # "On the plateau the gradient is a few 10⁻³"
    assert 1e-3 < math.hypot(*s.grad(*config.start)) < 1e-2
    # "SGD with η = 0.5 creeps across it for hundreds of steps"
    slow = t["SGD η=0.5"]
    arrives = slow.first(slow.losses < 0.05)
    assert arrives is not None and arrives > 200
    assert math.dist(slow.points[100], config.start) < 0.5
    # "then the cliff flings it back out: the well's curvature is 2/0.25² = 32, so SGD is
    # stable there only for η < 2/32"
    assert np.linalg.eigvalsh(hessian(s, 0, 0)) == pytest.approx([32, 32], rel=1e-4)
    assert 0.5 > 2 / 32 and surfaces.PLATEAU_WIDTH == 0.25
    assert slow.losses[-1] > 0.5 and slow.steps[arrives:].max() > 0.5
    # "With η = 10 it races across and is flung far away within 30 steps"
    fast = t["SGD η=10"]
    out = fast.first(np.abs(fast.points).max(axis=1) > 3.0)  # out of the picture
    assert out is not None and out < 30 and out < 0.2 * arrives
    # "Adam steps about η whatever the slope and walks down into the well"
    lrs = {e.label: e.hyper["lr"] for e in config.optimizers}
    adam = t["Adam"]
    assert 0.3 * lrs["Adam"] < np.median(adam.steps[adam.losses[1:] > 0.9]) < 3 * lrs["Adam"]
    assert adam.losses[-1] < 0.05
    # "RMSprop too, but its first steps are about 10η (its average of g² starts from zero;
    # Adam corrects for that)": per coordinate, RMSprop's first step is 10η and Adam's η
    rms = t["RMSprop"]
    per_coordinate = {k: np.abs(t[k].points[1] - t[k].points[0]) for k in ("RMSprop", "Adam")}
    assert per_coordinate["RMSprop"] == pytest.approx(10 * lrs["RMSprop"] * np.ones(2), rel=0.05)
    assert per_coordinate["Adam"] == pytest.approx(lrs["Adam"] * np.ones(2), rel=0.05)
    assert rms.losses[-1] < 0.05
