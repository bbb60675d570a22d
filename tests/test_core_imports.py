"""Importing the core (and the `gradlab` command, and running a headless race) pulls in
none of PySide6, pyqtgraph, torch, numba: checked in a fresh interpreter."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

HEAVY = ("PySide6", "pyqtgraph", "torch", "numba")
MODULES = [
    "gradlab.core", "gradlab.core.backend", "gradlab.core.activations", "gradlab.core.losses",
    "gradlab.core.optimizers", "gradlab.core.surfaces", "gradlab.core.surfaces.expression",
    "gradlab.core.race", "gradlab.cli.race", "gradlab.cli.main",
]

SCRIPT = """
import importlib, io, json, sys, contextlib
for name in {modules!r}:
    importlib.import_module(name)
after_import = sorted(m for m in {heavy!r} if m in sys.modules)
from gradlab.cli import main as cli
with contextlib.redirect_stdout(io.StringIO()):
    status = cli.main(["race", "--steps", "20"])
after_race = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"imported": after_import, "raced": after_race, "status": status}}))
"""


def test_core_and_headless_race_import_no_qt_and_no_torch():
    present = [m for m in MODULES if importlib.util.find_spec(m) is not None]
    assert "gradlab.core.race" in present and "gradlab.cli.main" in present
    code = SCRIPT.format(modules=present, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"imported": [], "raced": [], "status": 0}
