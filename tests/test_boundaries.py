"""Who may import whom, read from the source with `ast` (nothing is imported or run):

- `core` computes and never imports `gui`, `cli`, PySide6, pyqtgraph or shiboken6, in
  any import statement anywhere in a file (inside functions too: a lazy import is still
  a dependency).
- A GUI feature package (`gui/race`, `gui/mnist`, `gui/explorer`, and any later
  `gui/<feature>/`: every sub-package of gui but `plotting`) never imports another one;
  what two features share lives in `gui/plotting` or at the top of `gui`. So neither
  of those imports a feature either, except the two modules that put the features
  together: `gui/app.py` and `gui/main_window.py`.

Imports are resolved to absolute `gradlab.` names (relative ones by the file's package;
`from gradlab.gui import race` counts as importing `gradlab.gui.race`), and string
literals given to `importlib.import_module` / `__import__` count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The folders of the gradlab package (pyproject's package-dir).
PACKAGES = {"core": "gradlab.core", "gui": "gradlab.gui", "cli": "gradlab.cli",
            "resources": "gradlab.resources"}
NOT_IN_CORE = ("gradlab.gui", "gradlab.cli", "PySide6", "pyqtgraph", "shiboken6",
               # the folders' own names, should someone write `import gui`
               "gui", "cli")
SHARED_GUI = "plotting"
# The modules that assemble the window out of every feature.
ASSEMBLERS = {"gradlab.gui.app", "gradlab.gui.main_window"}


def module_name(path: Path) -> str:
    """core/optimizers/adam.py -> gradlab.core.optimizers.adam (a package by its __init__)."""
    folder, *rest = path.relative_to(ROOT).with_suffix("").parts
    if rest and rest[-1] == "__init__":
        rest = rest[:-1]
    return ".".join((PACKAGES[folder], *rest))


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from gradlab.gui import race` imports the sub-module gradlab.gui.race
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names
                      if alias.name != "*"]
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__")))):
            found.append((node.lineno, node.args[0].value))
    return found


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def sources(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def features() -> list[str]:
    """The GUI feature packages: every sub-package of gui but the shared plotting one."""
    return sorted(p.parent.name for p in (ROOT / "gui").glob("*/__init__.py")
                  if p.parent.name != SHARED_GUI)


def violations(paths: list[Path], forbidden) -> list[str]:
    """"file:line imports X" for every import for which forbidden(module name) is true."""
    return [f"{p.relative_to(ROOT)}:{line} imports {module}"
            for p in paths for line, module in imports(p) if forbidden(module)]


def test_the_walk_sees_the_layout():
    assert {"race", "mnist", "explorer"} <= set(features())
    assert SHARED_GUI not in features()
    adam = ROOT / "core" / "optimizers" / "adam.py"
    assert module_name(adam) == "gradlab.core.optimizers.adam"
    assert len(sources(ROOT / "core")) > 20


def test_imports_are_resolved(tmp_path, monkeypatch):
    # A file written in gui/race's place, with every kind of import the checks must see.
    fake_root = tmp_path
    race = fake_root / "gui" / "race"
    race.mkdir(parents=True)
    (race / "__init__.py").write_text("from . import tab\n")
    (race / "tab.py").write_text(
        "import os\n"
        "from ..mnist import runs\n"
        "from .. import explorer\n"
        "from gradlab.gui import mnist as m\n"
        "def later():\n"
        "    import pyqtgraph.opengl\n"
        "    importlib.import_module('gradlab.gui.explorer.tab')\n")
    monkeypatch.setitem(globals(), "ROOT", fake_root)
    assert [m for _, m in imports(race / "__init__.py")] == ["gradlab.gui.race", "gradlab.gui.race.tab"]
    assert [m for _, m in imports(race / "tab.py")] == [
        "os", "gradlab.gui.mnist", "gradlab.gui.mnist.runs", "gradlab.gui", "gradlab.gui.explorer",
        "gradlab.gui", "gradlab.gui.mnist", "pyqtgraph.opengl", "gradlab.gui.explorer.tab"]


def _core_forbids(module: str) -> bool:
    return any(within(module, bad) for bad in NOT_IN_CORE)


def test_core_imports_no_gui_no_cli_no_qt():
    bad = violations(sources(ROOT / "core"), _core_forbids)
    assert bad == [], "core must stay Qt-free and below gui/cli:\n" + "\n".join(bad)


@pytest.mark.parametrize("feature", features())
def test_a_gui_feature_imports_no_other_feature(feature):
    others = [f"gradlab.gui.{f}" for f in features() if f != feature]
    bad = violations(sources(ROOT / "gui" / feature),
                     lambda module: any(within(module, o) for o in others))
    assert bad == [], (f"gui/{feature} imports another feature; move what they share to "
                       f"gui/{SHARED_GUI} or the top of gui:\n" + "\n".join(bad))


def test_shared_gui_code_imports_no_feature():
    shared = sources(ROOT / "gui" / SHARED_GUI) + [
        p for p in sorted((ROOT / "gui").glob("*.py")) if module_name(p) not in ASSEMBLERS]
    every_feature = [f"gradlab.gui.{f}" for f in features()]
    bad = violations(shared, lambda module: any(within(module, f) for f in every_feature))
    assert bad == [], "shared GUI code must not depend on a feature:\n" + "\n".join(bad)
