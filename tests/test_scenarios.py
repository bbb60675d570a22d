"""Teaching scenarios: every bundled file loads, and each one shows its lesson when
raced headless with `core.race` (no Qt). Scenario files: validation names the field."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race
from gradlab.gui.race import scenario
from gradlab.gui.race.scenario import ScenarioError
from gradlab.resources import scenario_paths

PATHS = {p.stem.split("_", 1)[1]: p for p in scenario_paths()}


def _race(name: str, steps: int | None = None):
    config = scenario.load(PATHS[name])
    surface = surfaces.get(config.surface)
    race = Race(surface, [optimizers.get(e.name, **e.hyper) for e in config.optimizers],
                config.start, labels=[e.label for e in config.optimizers])
    frames = [race.initial_frame(), *race.frames(steps or config.max_steps, frame_seconds=1e9)]
    points = np.concatenate([f.points for f in frames])
    losses = np.concatenate([f.losses for f in frames])
    return config, surface, race, points, losses


def _first_within(points, target, radius):
    d = np.linalg.norm(points - np.asarray(target), axis=-1)
    hit = np.flatnonzero(d < radius)
    return int(hit[0]) if len(hit) else None


def test_all_teaching_scenarios_ship_and_load():
    expected = {"banana", "ravine", "saddle", "rastrigin", "beale", "lr_limit", "plateau_cliff"}
    assert expected <= set(PATHS)
    for path in PATHS.values():
        config = scenario.load(path)
        assert config.title and len(config.lesson) > 80
        assert 2 <= len(config.optimizers) <= 4


def test_banana_default_adaptive_and_momentum_beat_sgd():
    config, s, race, p, loss = _race("banana")
    labels = [e.label for e in config.optimizers]
    final = dict(zip(labels, loss[-1]))
    assert final["Momentum"] < 1e-3 and final["Adam"] < 1e-2
    assert final["SGD"] > 100 * final["Momentum"]


def test_ravine_momentum_reaches_the_minimum_first():
    config, s, race, p, loss = _race("ravine")
    labels = [e.label for e in config.optimizers]
    t = {lab: _first_within(p[:, i], (0, 0), 0.05) for i, lab in enumerate(labels)}
    assert t["Momentum"] is not None and t["SGD η=0.07"] is not None
    assert t["Momentum"] < 0.7 * t["SGD η=0.07"]
    assert t["SGD η=0.02"] is None or t["SGD η=0.02"] > 2 * t["Momentum"]
    # SGD zig-zags across the ravine: y changes sign again and again
    y = p[:40, 0, 1]
    assert np.sum(np.diff(np.sign(y)) != 0) > 10


def test_saddle_sgd_lingers_adaptive_methods_escape():
    config, s, race, p, loss = _race("saddle", steps=30)
    labels = [e.label for e in config.optimizers]
    y = dict(zip(labels, np.abs(p[-1, :, 1])))
    assert y["SGD"] < 0.3  # still at the saddle's level
    assert y["Adam"] > 1.0 and y["RMSprop"] > 1.0  # escaped downhill


def test_rastrigin_small_steps_get_trapped_momentum_gets_lower():
    config, s, race, p, loss = _race("rastrigin")
    labels = [e.label for e in config.optimizers]
    final = dict(zip(labels, loss[-1]))
    assert final["SGD"] > 10  # trapped in a dimple near the start
    assert final["Momentum"] < 0.6 * final["SGD"]  # settled in a dimple about half as high (test_lessons)
    assert all(v > 0.5 for v in final.values())  # nobody finds the global minimum: it is local


def test_beale_sgd_slowed_on_the_flat_adaptive_reach_the_valley():
    config, s, race, p, loss = _race("beale")
    labels = [e.label for e in config.optimizers]
    d = {lab: np.linalg.norm(p[-1, i] - (3, 0.5)) for i, lab in enumerate(labels)}
    assert d["Adam"] < 0.05 and d["RMSprop"] < 0.05
    assert d["SGD"] > 0.3


def test_lr_limit_two_over_lambda_max():
    config, s, race, p, loss = _race("lr_limit")
    labels = [e.label for e in config.optimizers]
    lam_max = max(surfaces.ILL_CONDITIONED_LAMBDAS)
    lrs = {e.label: e.hyper["lr"] for e in config.optimizers}
    assert lrs["SGD η=0.075"] < 2 / lam_max < lrs["SGD η=0.085"]
    div = dict(zip(labels, race.diverged))
    assert div["SGD η=0.085"] is not None
    assert div["SGD η=0.075"] is None and div["SGD η=0.02"] is None
    assert loss[-1, labels.index("SGD η=0.075")] < 1e-6


def test_plateau_sgd_crawls_or_is_flung_adaptive_walk_in():
    config, s, race, p, loss = _race("plateau_cliff")
    labels = [e.label for e in config.optimizers]
    i = {lab: k for k, lab in enumerate(labels)}
    assert loss[-1, i["Adam"]] < 0.05 and loss[-1, i["RMSprop"]] < 0.05
    assert loss[-1, i["SGD η=0.5"]] > 0.5  # still on the plateau
    far = np.abs(p[:, i["SGD η=10"]]).max()
    assert far > 3.0  # flung off the cliff, out of the picture


# -- file validation ---------------------------------------------------------------------------------

def _good() -> dict:
    return json.loads(PATHS["banana"].read_text(encoding="utf-8"))


@pytest.mark.parametrize("edit, field", [
    (lambda d: d.pop("version"), "version"),
    (lambda d: d.update(version=99), "version"),
    (lambda d: d.update(surface={"name": "nope"}), "surface.name"),
    (lambda d: d.update(surface={"formula": "x**2 + foo(y)"}), "surface.formula"),
    (lambda d: d.update(surface={"formula": "x**2", "bounds": [1, 0, 0, 1]}), "surface.bounds"),
    (lambda d: d.update(start=[0]), "start"),
    (lambda d: d.update(start=[0, "a"]), "start[1]"),
    (lambda d: d["optimizers"][2].update(name="lbfgs"), "optimizers[2].name"),
    (lambda d: d["optimizers"][0]["hyper"].update(lr=0), "optimizers[0].hyper.lr"),
    (lambda d: d["optimizers"][3]["hyper"].update(beta1=1.5), "optimizers[3].hyper.beta1"),
    (lambda d: d["optimizers"][0]["hyper"].update(betta=1), "optimizers[0].hyper.betta"),
    (lambda d: d["optimizers"][1].update(color="red"), "optimizers[1].color"),
    (lambda d: d.update(optimizers=[]), "optimizers"),
    (lambda d: d.update(max_steps=-3), "max_steps"),
    (lambda d: d.update(speed="fast"), "speed"),
    (lambda d: d.update(colour="x"), "colour"),
])
def test_bad_field_is_named(tmp_path, edit, field):
    data = _good()
    edit(data)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ScenarioError) as info:
        scenario.load(path)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}:")


def test_not_json_is_reported(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{ nope")
    with pytest.raises(ScenarioError, match="not valid JSON"):
        scenario.load(path)


def test_round_trip(tmp_path):
    config = scenario.load(PATHS["ravine"])
    path = tmp_path / "r.json"
    scenario.save(config, path)
    again = scenario.load(path)
    assert scenario.to_dict(again) == scenario.to_dict(config)


def test_formula_scenario_round_trip(tmp_path):
    data = _good()
    data["surface"] = {"formula": "(x - 1)**2 + 3*y**2", "bounds": [-3, 3, -2, 2]}
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data))
    config = scenario.load(path)
    assert config.formula == "(x - 1)**2 + 3*y**2" and config.bounds == (-3, 3, -2, 2)
    scenario.save(config, path)
    assert scenario.load(path).formula == config.formula


def test_model_surface_scenario_round_trip(tmp_path):
    """Racing on the explorer's model loss, then saving, gives a file that loads again."""
    config = scenario.load(PATHS["ravine"])
    config.surface = "logistic_mse"
    path = tmp_path / "m.json"
    scenario.save(config, path)
    again = scenario.load(path)
    assert again.surface == "logistic_mse"
    assert again.bounds == surfaces.get("logistic_mse").bounds
