"""Scenario files written to hurt: each is refused by `gradlab --scenario FILE` with one
line naming the field (exit 2), quickly and in bounded memory, before any window opens;
and the Scenarios menu survives the same files in its folder (issue 19)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"
MEMORY = 2 << 30  # address space of the child: a read "until MemoryError" ends fast


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _gradlab(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True,
                          timeout=timeout, env=env, preexec_fn=_limit_memory)


def _scenario(**changes) -> dict:
    data = {"version": 1, "title": "t", "lesson": "l", "surface": {"name": "rosenbrock"},
            "start": [-1.5, 2.0], "optimizers": [{"name": "adam", "hyper": {"lr": 0.05}}],
            "max_steps": 50}
    data.update(changes)
    return data


def _write(path: Path, data: dict | str) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _refused(path: Path, tmp_path: Path, field: str, words: str) -> None:
    r = _gradlab("--scenario", str(path), "--steps", "1", "--screenshot", str(tmp_path / "x.png"))
    assert r.returncode == 2, (r.returncode, r.stderr[-400:])
    line = r.stderr.strip()
    assert "\n" not in line and len(line) < 200 + len("gradlab: error: ") + len(str(path)), line
    assert "Traceback" not in line and f"{field}:" in line and words in line, line
    assert not (tmp_path / "x.png").exists()


def test_deep_nesting_is_refused_before_parsing(tmp_path):
    path = _write(tmp_path / "deep.json", '{"version": 1, "title": ' + "[" * 100_000 + "]" * 100_000 + "}")
    _refused(path, tmp_path, "file", "nested")


def test_a_400_digit_learning_rate_is_refused_by_name(tmp_path):
    text = json.dumps(_scenario()).replace('"lr": 0.05', '"lr": ' + "9" * 400)
    _refused(_write(tmp_path / "lr.json", text), tmp_path, "optimizers[0].hyper.lr", "finite")


def test_a_5000_digit_step_count_is_refused_by_name(tmp_path):
    text = json.dumps(_scenario()).replace('"max_steps": 50', '"max_steps": ' + "7" * 5000)
    _refused(_write(tmp_path / "steps.json", text), tmp_path, "max_steps", "whole number")


def test_ten_thousand_optimizers_are_refused(tmp_path):
    path = _write(tmp_path / "many.json", _scenario(optimizers=[{"name": "sgd"}] * 10_000))
    _refused(path, tmp_path, "optimizers", "at most 16")


@pytest.mark.parametrize("field, size", [("title", 5_000), ("lesson", 200_000)])
def test_long_texts_are_refused_without_echoing_them(tmp_path, field, size):
    path = _write(tmp_path / "long.json", _scenario(**{field: "x" * size}))
    _refused(path, tmp_path, field, "too long")


def test_a_file_larger_than_a_scenario_can_be_is_refused_before_parsing(tmp_path):
    path = _write(tmp_path / "big.json", _scenario(title="x" * 1_000_000))  # a 1 MB title
    _refused(path, tmp_path, "file", "larger than 256 KiB")


def test_a_huge_start_is_refused(tmp_path):
    _refused(_write(tmp_path / "far.json", _scenario(start=[1e300, 0.0])), tmp_path, "start[0]", "within")


def test_version_true_is_refused(tmp_path):
    _refused(_write(tmp_path / "v.json", _scenario(version=True)), tmp_path, "version", "whole number 1")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _refused(fifo, tmp_path, "file", "pipe")


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    _refused(link, tmp_path, "file", "character device")


MENU = """
import json, sys
from pathlib import Path
from PySide6 import QtWidgets
from gradlab.gui.race import scenario_menu
app = QtWidgets.QApplication([])
menu = QtWidgets.QMenu()
actions = scenario_menu.fill(menu, [Path(p) for p in sys.argv[1:]], lambda p: None)
print(json.dumps([a.text() for a in actions]))
"""


def test_the_scenarios_menu_survives_hostile_files_in_its_folder(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    long = _write(tmp_path / "long.json", _scenario(title="T" * 1_000_000))
    deep = _write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    good = _write(tmp_path / "good.json", _scenario(title="Banana  valley"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", MENU, *map(str, (fifo, zero, long, deep, good))],
                       capture_output=True, text=True, timeout=20, env=env, preexec_fn=_limit_memory)
    assert r.returncode == 0, r.stderr[-400:]
    titles = json.loads(r.stdout)
    # Unreadable files fall back to their names; the long title is refused by size (1 MB
    # is more than a scenario file may be), so it shows its name too.
    assert titles == ["pipe", "zero", "long", "deep", "Banana valley"]


def test_the_optimizers_own_check_refuses_a_400_digit_learning_rate_by_name():
    """Whatever parses the number (a scenario, a script), the core says which one."""
    from gradlab.core import optimizers

    with pytest.raises(ValueError, match=r"^lr must be finite") as info:
        optimizers.get("adam", lr=10**400)
    assert len(str(info.value)) < 200


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    from gradlab.gui.race import scenario

    path = _write(tmp_path / "ok.json", _scenario(title='[[[[{{{{ "[[[[[[[[[[ \\" ]]' * 3))
    assert scenario.load(path).title.startswith("[[[[{{{{")
