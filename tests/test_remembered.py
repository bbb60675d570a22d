"""What GradLab remembers between launches (issue 18), always in a temporary settings
file: the user's own settings are never read or written by a test."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6 import QtCore

from gradlab.gui import app as gui_app
from gradlab.gui.main_window import MainWindow
from gradlab.gui.race import scenario
from gradlab.gui.race.tab import default_config
from gradlab.gui.settings import Memory
from gradlab.resources import scenario_paths


def _settings(path) -> QtCore.QSettings:
    return QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)


def _launch(qtbot, path, remember_race: bool = True) -> MainWindow:
    """What `gradlab` does at start-up, on the settings file `path`."""
    memory = Memory(_settings(path), remember_race=remember_race)
    w = MainWindow(memory.race_config(scenario.from_dict) or default_config(), memory=memory)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_second_launch_finds_what_the_first_left(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "GradLab.ini"
    first = _launch(qtbot, path)
    first.resize(1400, 900)
    first.move(60, 40)
    first.race.set_surface_name("himmelblau")
    first.race.panel.set_entries(first.race.panel.entries()[:2])
    first.race._racers_changed()
    first.set_presenter(True)
    first.tabs.setCurrentIndex(2)  # Explorer
    mnist = first.tab("MNIST")
    mnist.data_panel.folder.setText(str(tmp_path))  # typed: no MNIST there, still remembered
    first.tabs.setCurrentIndex(2)
    geometry = first.saveGeometry()
    first.remember()
    first.close()

    # Qt fits a restored geometry to the screen (offscreen's is 800 x 800): check that
    # the window hands Qt back exactly what the first one saved.
    restored = []
    monkeypatch.setattr(MainWindow, "restoreGeometry",
                        lambda self, g: restored.append(bytes(g)) or True)
    second = _launch(qtbot, path)
    assert restored == [bytes(geometry)]
    assert second.presenting and second.presenter_action.isChecked()
    assert second.tabs.tabText(second.tabs.currentIndex()) == "Explorer"
    assert second.race.config.surface == "himmelblau"
    assert len(second.race.panel.entries()) == 2
    assert "Remembered" not in second.statusBar().currentMessage()
    # The MNIST tab is born looking in the remembered folder.
    assert str(tmp_path) in second.tab("MNIST").data_panel.status.text()
    second.close()


def test_a_scenario_on_the_command_line_wins_over_the_remembered_race(qtbot, tmp_path):
    path = tmp_path / "GradLab.ini"
    first = _launch(qtbot, path)
    first.race.set_surface_name("himmelblau")
    first.tabs.setCurrentIndex(2)
    first.remember()
    first.close()
    memory = Memory(_settings(path), remember_race=False)
    assert memory.race_config(scenario.from_dict) is None and memory.tab() is None


def test_a_broken_settings_file_is_ignored_with_a_message(qtbot, tmp_path):
    path = tmp_path / "GradLab.ini"
    path.write_bytes(b"[window\npresenter=banana\ngeometry=@ByteArray(xx\n\x00\xff")
    w = _launch(qtbot, path)
    assert not w.presenting
    assert "Remembered settings" in w.statusBar().currentMessage()
    assert w.race.config.surface == default_config().surface


def test_a_remembered_race_that_no_longer_validates_is_ignored(qtbot, tmp_path):
    path = tmp_path / "GradLab.ini"
    data = scenario.to_dict(scenario.load(scenario_paths()[1]))
    data["optimizers"][0]["hyper"]["lr"] = -1.0
    s = _settings(path)
    s.setValue("race/scenario", json.dumps(data))
    s.setValue("window/tab", "Explorer")
    s.sync()
    w = _launch(qtbot, path)
    message = w.statusBar().currentMessage()
    assert "race set-up was not used" in message and "optimizers[0].hyper.lr" in message
    assert w.race.config.surface == default_config().surface
    assert w.tabs.tabText(w.tabs.currentIndex()) == "Explorer"  # the rest still restored


def test_screenshots_neither_read_nor_write_remembered_settings(tmp_path, monkeypatch):
    shot = gui_app._parser().parse_args(["--screenshot", "x.png"])
    assert gui_app._memory(shot) is None
    opened = gui_app._parser().parse_args(["--scenario", "s.json"])
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    memory = gui_app._memory(opened)
    assert memory is not None and not memory.remember_race


def test_a_screenshot_run_leaves_no_settings_file(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "HOME": str(tmp_path)}
    code = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"
    r = subprocess.run([sys.executable, "-c", code, "--steps", "0", "--screenshot",
                        str(tmp_path / "s.png")], capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "cfg" / "GradLab").exists()


# -- the missing libxcb-cursor0: one clear line instead of Qt's abort --------------------------


def _no_library(name):
    return None


def _cannot_load(name):
    raise OSError(f"{name}: cannot open shared object file")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's")
def test_missing_xcb_cursor_is_detected_only_where_qt_would_need_it():
    x11 = {"DISPLAY": ":0"}
    assert gui_app.missing_xcb_cursor(x11, _no_library, _cannot_load)
    assert gui_app.missing_xcb_cursor({**x11, "QT_QPA_PLATFORM": "xcb"}, _no_library, _cannot_load)
    assert not gui_app.missing_xcb_cursor(x11, lambda n: "libxcb-cursor.so.0", _cannot_load)
    assert not gui_app.missing_xcb_cursor(x11, _no_library, lambda n: object())
    assert not gui_app.missing_xcb_cursor({**x11, "QT_QPA_PLATFORM": "offscreen"}, _no_library,
                                          _cannot_load)
    assert not gui_app.missing_xcb_cursor({}, _no_library, _cannot_load)  # no X display
    assert not gui_app.missing_xcb_cursor({**x11, "WAYLAND_DISPLAY": "wayland-0"}, _no_library,
                                          _cannot_load)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's")
def test_the_app_prints_one_line_and_exits_1_without_libxcb_cursor(tmp_path):
    code = ("import sys, gradlab.gui.app as a; a.ctypes.util.find_library = lambda n: None;"
            "a.ctypes.CDLL = lambda n: (_ for _ in ()).throw(OSError(n));"
            "sys.exit(a.main([]))")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":99", XDG_CONFIG_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env=env)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [gui_app.XCB_CURSOR_MISSING]
