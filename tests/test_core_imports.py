"""Importing the core (and the `gradlab` command, and running a headless race) pulls in
none of PySide6, pyqtgraph, torch, numba, nor any of gradlab.gui: checked in a fresh
interpreter.

The modules are the ones named below, each of which must exist (a rename that forgets
this list fails here instead of silently checking less), and every other module found in
core/ and cli/ except those allowed to import torch at module level (the MNIST training)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("PySide6", "pyqtgraph", "torch", "numba", "shiboken6")
MODULES = [
    "gradlab.core", "gradlab.core.backend", "gradlab.core.activations", "gradlab.core.losses",
    "gradlab.core.atomic_file", "gradlab.core.race", "gradlab.core.smoothing",
    "gradlab.core.optimizers", "gradlab.core.optimizers.registry", "gradlab.core.optimizers.base",
    "gradlab.core.optimizers.rule_kernel",
    "gradlab.core.surfaces", "gradlab.core.surfaces.registry", "gradlab.core.surfaces.surface",
    "gradlab.core.surfaces.functions", "gradlab.core.surfaces.expression",
    "gradlab.core.mnist", "gradlab.core.mnist.frames", "gradlab.core.mnist.data",
    "gradlab.cli", "gradlab.cli.main", "gradlab.cli.args", "gradlab.cli.race", "gradlab.cli.train",
]
# Modules that train a network: they import torch at module level, and only they (and
# what only they import) may. `gradlab train` imports them after its arguments parse.
MAY_IMPORT_TORCH = {
    "gradlab.core.optimizers.torch_optim",
    "gradlab.core.mnist.config", "gradlab.core.mnist.evaluation", "gradlab.core.mnist.model",
    "gradlab.core.mnist.optimizers", "gradlab.core.mnist.run_file", "gradlab.core.mnist.schedules",
    "gradlab.core.mnist.tensors", "gradlab.core.mnist.train",
}

# "imported": {module: the heavy modules its import brought in}, for each that brought any.
SCRIPT = """
import importlib, io, json, sys, contextlib
loaded = lambda: sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r} or m.startswith("gradlab.gui"))
imported = {{}}
for name in {modules!r}:
    before = set(loaded())
    importlib.import_module(name)
    brought = [m for m in loaded() if m not in before]
    if brought:
        imported[name] = brought
from gradlab.cli import main as cli
with contextlib.redirect_stdout(io.StringIO()):
    status = cli.main(["race", "--steps", "20"])
print(json.dumps({{"imported": imported, "raced": loaded(), "status": status}}))
"""


def _found(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def _modules_in(folder: str) -> list[str]:
    """gradlab.<folder>.* for every .py file under ROOT/folder (packages by their __init__)."""
    names = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(("gradlab", *parts)))
    return names


def test_every_listed_module_exists():
    missing = [m for m in [*MODULES, *MAY_IMPORT_TORCH] if not _found(m)]
    assert missing == [], f"renamed or removed? update this test's lists: {missing}"


def test_the_walk_finds_the_new_layout():
    found = set(_modules_in("core")) | set(_modules_in("cli"))
    assert set(MODULES) <= found and MAY_IMPORT_TORCH <= found


@pytest.mark.parametrize("heavy", ["torch", "PySide6.QtCore"])
def test_the_check_sees_a_heavy_import(heavy):
    # The script must be able to fail: importing a heavy module shows up in its result.
    code = SCRIPT.format(modules=["gradlab.core", heavy], heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert heavy in json.loads(done.stdout.strip().splitlines()[-1])["imported"][heavy]


def test_core_and_headless_race_import_no_qt_and_no_torch():
    walked = [m for m in _modules_in("core") + _modules_in("cli") if m not in MAY_IMPORT_TORCH]
    modules = list(dict.fromkeys(MODULES + walked))
    code = SCRIPT.format(modules=modules, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["imported"] == {}, "these modules import what they must not (module: brought in)"
    assert (result["raced"], result["status"]) == ([], 0)
