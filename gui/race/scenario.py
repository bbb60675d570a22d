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

A scenario may come from anyone, so what is read is bounded before it is parsed (a
regular file of at most MAX_FILE_BYTES, JSON nested at most MAX_DEPTH deep, whole
numbers of at most MAX_INT_DIGITS digits) and what it may hold is bounded after
(MAX_OPTIMIZERS racers, text lengths in MAX_TEXT, every number a float with
|x| <= MAX_MAGNITUDE). Each refusal is one line naming the field.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from gradlab.core import optimizers, surfaces
from gradlab.core.atomic_file import atomic_write
from gradlab.core.bounded_read import read_limited
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import translate
from gradlab.gui.race.config import OptimizerEntry, RaceConfig, next_color

VERSION = 1
MAX_STEPS_LIMIT = 1_000_000
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

MAX_FILE_BYTES = 256 * 1024  # the shipped scenarios are about 2 KB
MAX_DEPTH = 8  # a scenario nests 4 deep ({optimizers: [{hyper: {}}]})
MAX_INT_DIGITS = 18  # longer whole numbers are read as floats (so 10**400 is inf, refused)
MAX_OPTIMIZERS = 16  # racers in one race; the palette and the table hold a dozen
MAX_MAGNITUDE = 1e12  # any number (start, bounds, hyperparameters, speed)
MAX_TEXT = {"title": 200, "lesson": 20_000, "label": 80, "surface.formula": 1_000}
_MAX_MESSAGE = 199  # a refusal is one line under 200 characters


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _show(value: Any) -> str:
    """A value for a message, never long: a 1 MB title is not echoed back."""
    return _clip(repr(value), 40)


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message starts with the field's path."""

    def __init__(self, field: str, problem: str) -> None:
        field = _clip(" ".join(str(field).split()), 60)
        super().__init__(_clip(" ".join(f"{field}: {problem}".split()), _MAX_MESSAGE))
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
    return from_dict(read_json(path))


def read_json(path: str | Path) -> Any:
    """The JSON value in `path`, read within the limits (regular file, size, depth),
    not yet checked as a scenario; ScenarioError("file", ...) otherwise."""
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise ScenarioError("file", translate("RaceScenario", "cannot read {path}: {why}").format(path=path, why=exc.strerror or exc)) from None
    except ValueError as exc:  # not a regular file, or too large
        raise ScenarioError("file", translate("RaceScenario", "{path} is {why}").format(path=path, why=explain(str(exc)))) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError("file", translate("RaceScenario", "{path} is not UTF-8 text").format(path=path)) from None
    depth = _depth(text)
    if depth > MAX_DEPTH:
        raise ScenarioError("file", translate("RaceScenario", "nested {depth} deep, more than {most}").format(depth=depth, most=MAX_DEPTH))
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise ScenarioError("file", translate("RaceScenario", "not valid JSON (line {line}: {why})").format(line=exc.lineno, why=exc.msg)) from None
    except (ValueError, RecursionError) as exc:  # the parse hooks' refusals
        raise ScenarioError("file", translate("RaceScenario", "not valid JSON ({why})").format(why=exc)) from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _depth(text: str) -> int:
    """How deep `[` and `{` nest outside strings, counted before json.loads recurses
    into them (100 000 levels raise RecursionError there). Stops counting past the limit."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if m.group() in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest


def _parse_int(digits: str) -> int | float:
    # A 400-digit whole number is no step count: as a float it is inf and refused by
    # name; and int() of 5000 digits raises a ValueError that names no field.
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else float(digits)


def _parse_constant(name: str) -> float:
    raise ValueError(translate("RaceScenario", "{name} is not a number in JSON").format(name=name))


def from_dict(data: Any) -> RaceConfig:
    if not isinstance(data, dict):
        raise ScenarioError("file", translate("RaceScenario", "the top level must be a JSON object"))
    version = data.get("version")
    if version is None:
        raise ScenarioError("version", translate("RaceScenario", "missing (this file is not a GradLab scenario)"))
    if isinstance(version, bool) or not isinstance(version, int):  # true == 1 in Python
        raise ScenarioError("version", translate("RaceScenario", "must be the whole number {version}, got {value}").format(
            version=VERSION, value=_show(version)))
    if version != VERSION:
        raise ScenarioError("version", translate("RaceScenario", "unsupported version {value} (expected {version})").format(
            value=_show(version), version=VERSION))
    known = {"version", "title", "lesson", "surface", "start", "optimizers", "max_steps", "speed"}
    extra = sorted(set(data) - known)
    if extra:
        raise ScenarioError(extra[0], translate("RaceScenario", "unknown field"))

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
        raise ScenarioError(key, translate("RaceScenario", "missing"))
    return data[key]


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise ScenarioError(field, translate("RaceScenario", "must be text, got {value}").format(value=_show(value)))
    limit = MAX_TEXT[field.rsplit(".", 1)[-1] if field.endswith(".label") else field]
    if len(value) > limit:
        raise ScenarioError(field, translate("RaceScenario", "too long ({n} characters, at most {most})").format(
            n=len(value), most=limit))
    return value


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError(field, translate("RaceScenario", "must be a finite number, got {value}").format(value=_show(value)))
    try:
        out = float(value)  # an int too large for a float raises OverflowError
    except OverflowError:
        out = math.inf
    if not math.isfinite(out):
        raise ScenarioError(field, translate("RaceScenario", "must be a finite number, got {value}").format(value=_show(value)))
    if abs(out) > MAX_MAGNITUDE:
        raise ScenarioError(field, translate("RaceScenario", "must be within ±{most}, got {value}").format(
            most=f"{MAX_MAGNITUDE:g}", value=f"{out:g}"))
    return out


def _numbers(value: Any, field: str, count: int) -> list[float]:
    if not isinstance(value, list) or len(value) != count:
        raise ScenarioError(field, translate("RaceScenario", "must be a list of {n} numbers, got {value}").format(
            n=count, value=_show(value)))
    return [_number(v, f"{field}[{i}]") for i, v in enumerate(value)]


def _int(value: Any, field: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ScenarioError(field, translate("RaceScenario", "must be a whole number from {lo} to {hi}, got {value}").format(
            lo=lo, hi=hi, value=_show(value)))
    return value


def _speed(value: Any) -> float | None:
    if value == "max":
        return None
    speed = _number(value, "speed")
    if speed <= 0:
        raise ScenarioError("speed", translate("RaceScenario", "must be > 0 steps per second or \"max\", got {value}").format(
            value=_show(value)))
    return speed


def _surface(value: Any, config: RaceConfig) -> None:
    if not isinstance(value, dict):
        raise ScenarioError("surface", translate("RaceScenario", 'must be {"name": ...} or {"formula": ..., "bounds": [...]}'))
    if "name" in value:
        name = value["name"]
        try:
            surface = surfaces.get(name)
        except ValueError as exc:  # names the bad name and the known ones
            raise ScenarioError("surface.name", explain(str(exc))) from None
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
            raise ScenarioError(field, explain(str(exc))) from None
        config.surface, config.formula, config.bounds = "", formula, bounds  # type: ignore[assignment]
        return
    raise ScenarioError("surface", translate("RaceScenario", 'needs "name" or "formula"'))


def _optimizers(value: Any) -> list[OptimizerEntry]:
    if not isinstance(value, list) or not value:
        raise ScenarioError("optimizers", translate("RaceScenario", "must be a non-empty list"))
    if len(value) > MAX_OPTIMIZERS:
        raise ScenarioError("optimizers", translate("RaceScenario", "{n} racers, at most {most}").format(
            n=len(value), most=MAX_OPTIMIZERS))
    out: list[OptimizerEntry] = []
    for i, item in enumerate(value):
        where = f"optimizers[{i}]"
        if not isinstance(item, dict):
            raise ScenarioError(where, translate("RaceScenario", "must be an object"))
        name = item.get("name")
        if not isinstance(name, str) or name not in optimizers.names():
            raise ScenarioError(f"{where}.name",
                                translate("RaceScenario", "unknown optimizer {value}; known: {names}").format(
                                    value=_show(name), names=", ".join(optimizers.names())))
        hyper = item.get("hyper", {})
        if not isinstance(hyper, dict):
            raise ScenarioError(f"{where}.hyper", translate("RaceScenario", "must be an object"))
        for key, v in hyper.items():
            if key not in optimizers.defaults(name):
                raise ScenarioError(f"{where}.hyper.{key}", translate("RaceScenario", "not a hyperparameter of {name}").format(name=name))
            if not isinstance(v, bool):  # flags are checked by the optimizer; numbers here too
                _number(v, f"{where}.hyper.{key}")
            try:
                optimizers.get(name, **{key: v})
            except ValueError as exc:
                raise ScenarioError(f"{where}.hyper.{key}", explain(str(exc))) from None
        merged = {**optimizers.defaults(name), **hyper}
        label = _text(item.get("label", optimizers.title(name)), f"{where}.label") or optimizers.title(name)
        color = item.get("color") or next_color([e.color for e in out])
        if not isinstance(color, str) or not _COLOR.match(color):
            raise ScenarioError(f"{where}.color", translate("RaceScenario", "must be like \"#ff8800\", got {value}").format(value=_show(color)))
        visible = item.get("visible", True)
        if not isinstance(visible, bool):
            raise ScenarioError(f"{where}.visible", translate("RaceScenario", "must be true or false, got {value}").format(value=_show(visible)))
        out.append(OptimizerEntry(name, merged, label, color, visible))
    return out
