"""`gradlab --scenario FILE --steps N --screenshot out.png`, in a fresh process each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


from gradlab.resources import scenario_paths

SCRIPT = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"


def _gradlab(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_screenshot_after_n_steps(tmp_path):
    out = tmp_path / "shot.png"
    ravine = next(p for p in scenario_paths() if "ravine" in p.name)
    r = _gradlab("--scenario", str(ravine), "--steps", "37", "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    assert f"at step 37" in r.stdout  # it waited for the race, not a timer
    w, h = _png_size(out)
    assert w >= 1000 and h >= 600
    assert "Destroyed while thread" not in r.stderr


def test_screenshot_of_the_initial_default_view(tmp_path):
    out = tmp_path / "start.png"
    r = _gradlab("--steps", "0", "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    assert "at step 0" in r.stdout
    assert out.stat().st_size > 10_000


def test_bad_scenario_is_one_clear_line_and_exit_2(tmp_path):
    data = json.loads(scenario_paths()[0].read_text())
    data["optimizers"][0]["hyper"]["lr"] = "fast"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    out = tmp_path / "never.png"
    r = _gradlab("--scenario", str(bad), "--steps", "5", "--screenshot", str(out))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "optimizers[0].hyper.lr" in lines[0]
    assert not out.exists()


def test_missing_scenario_file(tmp_path):
    r = _gradlab("--scenario", str(tmp_path / "nope.json"), "--screenshot", str(tmp_path / "x.png"))
    assert r.returncode == 2 and "cannot read" in r.stderr


def test_start_up_does_not_import_torch():
    code = ("import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen';"
            "from PySide6 import QtWidgets; app = QtWidgets.QApplication([]);"
            "from gradlab.gui.main_window import MainWindow; w = MainWindow(); w.show();"
            "app.processEvents(); print('torch' in sys.modules); w.close()")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
