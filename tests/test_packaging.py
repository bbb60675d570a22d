"""The wheel built from this source tree holds every module and the package data.

pyproject.toml maps folders to packages (`core/` is `gradlab.core`, ...) and lists every
package by hand; a sub-package missing from that list still imports in the editable
install and is silently left out of the wheel. So the wheel is built (offline, with the
venv's setuptools) and every `.py` file found by walking core/, gui/, cli/ and
resources/ must be in it under its `gradlab/...` name, and so must the scenarios.

The sources are copied first, so that the build's own files (build/, *.egg-info) never
land in the shared working tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# pyproject's package-dir: source folder -> its path inside the wheel.
FOLDERS = {"core": "gradlab/core", "gui": "gradlab/gui", "cli": "gradlab/cli",
           "resources": "gradlab/resources"}
# The translations' sources: a wheel compiles its .qm from them on first use (gui/i18n.py).
DATA = ["resources/scenarios/*.json", "resources/i18n/*.ts"]


def expected_files() -> dict[str, str]:
    """{source file relative to ROOT: its name in the wheel} for every module and data file."""
    out = {}
    for folder, inside in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).as_posix()
            out[path.relative_to(ROOT).as_posix()] = f"{inside}/{rel}"
    for pattern in DATA:
        folder, _, rest = pattern.partition("/")
        for path in sorted((ROOT / folder).glob(rest)):
            rel = path.relative_to(ROOT / folder).as_posix()
            out[path.relative_to(ROOT).as_posix()] = f"{FOLDERS[folder]}/{rel}"
    return out


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, src / folder, ignore=junk)
    dist = tmp / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--quiet", "-w", str(dist), str(src)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list(dist.glob("gradlab-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_the_walk_finds_the_layout():
    files = expected_files()
    assert files["cli/main.py"] == "gradlab/cli/main.py"
    assert files["core/optimizers/registry.py"] == "gradlab/core/optimizers/registry.py"
    assert files["gui/race/racers/__init__.py"] == "gradlab/gui/race/racers/__init__.py"
    assert any(name.startswith("gradlab/resources/scenarios/") and name.endswith(".json")
               for name in files.values())


def test_the_wheel_holds_every_module_and_the_scenarios(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(f"{src} (as {inside})" for src, inside in expected_files().items()
                     if inside not in names)
    assert missing == [], ("not in the wheel; list the package in pyproject.toml's "
                           "[tool.setuptools] packages (or its data in package-data):\n"
                           + "\n".join(missing))


def test_the_wheel_declares_the_gradlab_command(wheel):
    with zipfile.ZipFile(wheel) as z:
        entry_points = next(n for n in z.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = z.read(entry_points).decode()
    assert "gradlab = gradlab.cli.main:main" in text
