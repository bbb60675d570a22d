"""The race's whole set-up as plain values: what a scenario file holds.

Controls edit a `RaceConfig`; the race tab builds a `core.race.Race` from it; scenario
files are this object in JSON. Nothing here touches Qt, so a worker thread, a test or
the JSON loader can hold one safely.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from gradlab.gui.style import PALETTE

DEFAULT_BOUNDS = (-5.0, 5.0, -5.0, 5.0)


@dataclass
class OptimizerEntry:
    """One racer: a core optimizer's name, its hyperparameters, and how it is shown."""

    name: str
    hyper: dict[str, Any]
    label: str
    color: str
    visible: bool = True


@dataclass
class RaceConfig:
    """Surface (a built-in name, or a formula with its bounds), start, racers, limits."""

    surface: str = "rosenbrock"
    formula: str | None = None
    bounds: tuple[float, float, float, float] = DEFAULT_BOUNDS
    start: tuple[float, float] = (-1.5, 2.0)
    optimizers: list[OptimizerEntry] = field(default_factory=list)
    max_steps: int = 500
    speed: float | None = 120.0
    title: str = ""
    lesson: str = ""

    def copy(self) -> RaceConfig:
        return copy.deepcopy(self)


def next_color(used: list[str]) -> str:
    """The first palette colour no racer uses yet (cycling once all are taken)."""
    for color in PALETTE.on_dark:
        if color not in used:
            return color
    return PALETTE.colour(len(used), on_dark=True)


def unique_label(title: str, used: list[str]) -> str:
    """`title`, or `title #2`, `#3`... so every racer has its own name in the legend."""
    if title not in used:
        return title
    k = 2
    while f"{title} #{k}" in used:
        k += 1
    return f"{title} #{k}"
