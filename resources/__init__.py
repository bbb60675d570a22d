"""GradLab resources: teaching scenarios (and, later, icons and styles)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def scenario_paths() -> list[Path]:
    """The teaching scenarios shipped with GradLab, in menu order (file names sort it)."""
    folder = resources.files(__name__) / "scenarios"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json"))


def default_scenario() -> Path:
    """The set-up the window opens with: the first teaching scenario."""
    return scenario_paths()[0]
