"""Scenario files: a `RaceConfig` as JSON, with a version, validated field by field.

    {"version": 1, "title": "...", "lesson": "what to watch for",
     "surface": {"name": "rosenbrock"}            or {"formula": "x**2 + y**2",
                                                      "bounds": [-5, 5, -5, 5]},
     "start": [-1.5, 2.0],
     "optimizers": [{"name": "adam", "label": "Adam", "hyper": {"lr": 0.05},
                     "color": "#ff4d4d", "visible": true}, ...],
     "max_steps": 500, "speed": 120}               (speed: steps/s, or "max")

`load` either returns a complete config or raises `ScenarioError` whose message names
the offending field (`optimizers[1].hyper.lr: must be > 0`), so a hand-edited file never
half-applies. Validation asks `gradlab.core` (surfaces, expressions, optimizers) rather
than repeating its rules.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from gradlab.core import optimizers, surfaces
from gradlab.core.atomic_file import atomic_write
from gradlab.gui.race.config import OptimizerEntry, RaceConfig, next_color

VERSION = 1
MAX_STEPS_LIMIT = 1_000_000
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message starts with the field's path."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


# -- writing ---------------------------------------------------------------------------


def to_dict(config: RaceConfig) -> dict[str, Any]:
    if config.formula is not None:
        surface: dict[str, Any] = {"formula": config.formula, "bounds": list(config.bounds)}
    else:
        surface = {"name": config.surface}
    return {
        "version": VERSION,
        "title": config.title,
        "lesson": config.lesson,
        "surface": surface,
        "start": [float(config.start[0]), float(config.start[1])],
        "optimizers": [
            {"name": e.name, "label": e.label, "hyper": dict(e.hyper), "color": e.color,
             "visible": e.visible}
            for e in config.optimizers
        ],
        "max_steps": int(config.max_steps),
        "speed": "max" if config.speed is None else float(config.speed),
    }


def save(config: RaceConfig, path: str | Path) -> None:
    """Atomically (see `atomic_file`): a failed save leaves the old scenario readable."""
    text = json.dumps(to_dict(config), indent=2, ensure_ascii=False) + "\n"
    with atomic_write(path, "w", encoding="utf-8") as f:
        f.write(text)


# -- reading ---------------------------------------------------------------------------


def load(path: str | Path) -> RaceConfig:
    """The config in `path`; ScenarioError naming the field (or the file) otherwise."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError("file", f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScenarioError("file", f"{path} is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError("file", f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return from_dict(data)


def from_dict(data: Any) -> RaceConfig:
    if not isinstance(data, dict):
        raise ScenarioError("file", "the top level must be a JSON object")
    version = data.get("version")
    if version is None:
        raise ScenarioError("version", "missing (this file is not a GradLab scenario)")
    if version != VERSION:
        raise ScenarioError("version", f"unsupported version {version!r} (expected {VERSION})")
    known = {"version", "title", "lesson", "surface", "start", "optimizers", "max_steps", "speed"}
    extra = sorted(set(data) - known)
    if extra:
        raise ScenarioError(extra[0], "unknown field")

    config = RaceConfig(optimizers=[])
    config.title = _text(data.get("title", ""), "title")
    config.lesson = _text(data.get("lesson", ""), "lesson")
    _surface(data.get("surface"), config)
    config.start = tuple(_numbers(_required(data, "start"), "start", 2))  # type: ignore[assignment]
    config.optimizers = _optimizers(_required(data, "optimizers"))
    config.max_steps = _int(data.get("max_steps", 500), "max_steps", 1, MAX_STEPS_LIMIT)
    config.speed = _speed(data.get("speed", "max"))
    return config


def _required(data: dict, key: str) -> Any:
    if key not in data:
        raise ScenarioError(key, "missing")
    return data[key]


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise ScenarioError(field, f"must be text, got {value!r}")
    return value


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ScenarioError(field, f"must be a finite number, got {value!r}")
    return float(value)


def _numbers(value: Any, field: str, count: int) -> list[float]:
    if not isinstance(value, list) or len(value) != count:
        raise ScenarioError(field, f"must be a list of {count} numbers, got {value!r}")
    return [_number(v, f"{field}[{i}]") for i, v in enumerate(value)]


def _int(value: Any, field: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ScenarioError(field, f"must be a whole number from {lo} to {hi}, got {value!r}")
    return value


def _speed(value: Any) -> float | None:
    if value == "max":
        return None
    speed = _number(value, "speed")
    if speed <= 0:
        raise ScenarioError("speed", f"must be > 0 steps per second or \"max\", got {value!r}")
    return speed


def _surface(value: Any, config: RaceConfig) -> None:
    if not isinstance(value, dict):
        raise ScenarioError("surface", 'must be {"name": ...} or {"formula": ..., "bounds": [...]}')
    if "name" in value:
        name = value["name"]
        try:
            surface = surfaces.get(name)
        except ValueError as exc:  # names the bad name and the known ones
            raise ScenarioError("surface.name", str(exc)) from None
        config.surface, config.formula = name, None
        config.bounds = surface.bounds
        return
    if "formula" in value:
        formula = _text(value["formula"], "surface.formula")
        bounds = tuple(_numbers(value.get("bounds", [-5, 5, -5, 5]), "surface.bounds", 4))
        try:
            surfaces.from_expression(formula, bounds)  # type: ignore[arg-type]
        except ValueError as exc:
            field = "surface.bounds" if "bound" in str(exc) else "surface.formula"
            raise ScenarioError(field, str(exc)) from None
        config.surface, config.formula, config.bounds = "", formula, bounds  # type: ignore[assignment]
        return
    raise ScenarioError("surface", 'needs "name" or "formula"')


def _optimizers(value: Any) -> list[OptimizerEntry]:
    if not isinstance(value, list) or not value:
        raise ScenarioError("optimizers", "must be a non-empty list")
    out: list[OptimizerEntry] = []
    for i, item in enumerate(value):
        where = f"optimizers[{i}]"
        if not isinstance(item, dict):
            raise ScenarioError(where, "must be an object")
        name = item.get("name")
        if name not in optimizers.names():
            raise ScenarioError(f"{where}.name",
                                f"unknown optimizer {name!r}; known: {', '.join(optimizers.names())}")
        hyper = item.get("hyper", {})
        if not isinstance(hyper, dict):
            raise ScenarioError(f"{where}.hyper", "must be an object")
        for key, v in hyper.items():
            if key not in optimizers.defaults(name):
                raise ScenarioError(f"{where}.hyper.{key}", f"not a hyperparameter of {name}")
            try:
                optimizers.get(name, **{key: v})
            except ValueError as exc:
                raise ScenarioError(f"{where}.hyper.{key}", str(exc)) from None
        merged = {**optimizers.defaults(name), **hyper}
        label = _text(item.get("label", optimizers.title(name)), f"{where}.label") or optimizers.title(name)
        color = item.get("color") or next_color([e.color for e in out])
        if not isinstance(color, str) or not _COLOR.match(color):
            raise ScenarioError(f"{where}.color", f"must be like \"#ff8800\", got {color!r}")
        visible = item.get("visible", True)
        if not isinstance(visible, bool):
            raise ScenarioError(f"{where}.visible", f"must be true or false, got {visible!r}")
        out.append(OptimizerEntry(name, merged, label, color, visible))
    return out
