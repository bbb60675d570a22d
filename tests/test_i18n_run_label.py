"""A MNIST run's label in the language shown, in every tab that names it (issue 17).

The Landscape tab's run list and the Backpropagation tab's network list and "In use" line
name the MNIST tab's runs (handed in by the window's `mnist_runs()`) and loaded run files
with their settings in Chinese, keep the run's number and the file's name, re-say them on
a live switch, and in English show the core's label word for word. The runs are plain
values here (no training): what is checked is the words, against pinned literals.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
from PySide6 import QtCore, QtWidgets

from gradlab.core.backprop import real
from gradlab.core.mnist.frames import TrainConfig
from gradlab.gui.i18n import set_language
from gradlab.gui.run_label import config_label, shown_label
from i18n_walk import to_chinese

# The settings' words the labels below use, in the translation file (checked first).
PROBES = (("MnistRuns", "cross-entropy"), ("MnistRuns", "cosine schedule"), ("MnistRuns", "seed {seed}"),
          ("BackpropReal", "MNIST tab: {label}"), ("BackpropReal", "In use: {label}"))
ADAM = TrainConfig()  # the MNIST tab's default run: Adam, cosine schedule
ADAM_EN = "Adam lr=0.001 · cross-entropy · ReLU · cosine schedule"
ADAM_ZH = "Adam lr=0.001 · 交叉熵 · ReLU · 余弦退火"
TANH = TrainConfig(activation="tanh", schedule="constant", seed=3)
TANH_EN = "Adam lr=0.001 · cross-entropy · tanh · seed 3"
TANH_ZH = "Adam lr=0.001 · 交叉熵 · tanh · 随机种子 3"


def _state_dict() -> dict[str, np.ndarray]:
    """The untrained 784-512-256-10 network's weights as a state dict ("0.weight", ...)."""
    return {f"{2 * i}.{k}": v for i, (W, b) in enumerate(real.fresh_params(1))
            for k, v in (("weight", W), ("bias", b))}


def _entry(number: int, config: TrainConfig, colour: str) -> dict:
    """A run as `MainWindow.mnist_runs()` hands it over (its label in the core's words)."""
    return {"label": f"{number}. {config.label()}", "state_dict": _state_dict(),
            "activation": config.activation, "activation_params": {}, "loss": config.loss,
            "loss_params": {}, "config": config, "colour": colour, "status": "done",
            "trajectory": None, "finished": True}


class _Window(QtWidgets.QMainWindow):
    """A window offering runs as the main window does, around one tab."""

    def __init__(self, runs: list[dict]) -> None:
        super().__init__()
        self.runs = runs

    def mnist_runs(self) -> list[dict]:
        return list(self.runs)


def test_the_english_label_is_the_cores_word_for_word(english):
    assert config_label(ADAM) == ADAM_EN == ADAM.label()
    assert config_label(TANH) == TANH_EN == TANH.label()
    # What a tab put around the settings stays: the number, a file's name, a twin's count.
    assert shown_label(f"1. {ADAM_EN}", ADAM) == f"1. {ADAM_EN}"
    assert shown_label(f"adam.pt: {ADAM_EN} (2)", ADAM) == f"adam.pt: {ADAM_EN} (2)"
    # A label without the config's words, or without a config: as it was.
    assert shown_label("3. Adam", ADAM) == "3. Adam"
    assert shown_label(f"1. {ADAM_EN}", None) == f"1. {ADAM_EN}"


def test_shown_label_says_the_settings_in_chinese_and_keeps_the_rest(english):
    to_chinese(english, *PROBES)
    assert shown_label(f"1. {ADAM_EN}", ADAM) == f"1. {ADAM_ZH}"
    assert shown_label(f"adam.pt: {ADAM_EN} (2)", ADAM) == f"adam.pt: {ADAM_ZH} (2)"
    assert shown_label(f"2. {TANH_EN}", TANH) == f"2. {TANH_ZH}"


def test_the_landscape_run_list_names_runs_in_the_language_shown(english, qtbot, tmp_path):
    from gradlab.gui.landscape.runs import from_checkpoint
    from gradlab.gui.landscape.tab import LandscapeTab

    to_chinese(english, *PROBES)
    window = _Window([_entry(1, ADAM, "#ff2a2a")])
    qtbot.addWidget(window)
    tab = LandscapeTab()
    window.setCentralWidget(tab)
    window.resize(1200, 800)
    window.show()
    tab.refresh_runs()
    # A run file loaded by Load… (plain values as `load_run` gives them).
    saved = SimpleNamespace(config=TANH, state={"model": _state_dict()}, step=600, epoch=1)
    tab.add_run(from_checkpoint(saved, tmp_path / "tanh.pt", "#1a8cff"))
    run_list = tab.controls.run_list

    def shown() -> list[str]:
        return [run_list.item(i).text() for i in range(run_list.count())]

    keys = [f"1. {ADAM_EN}", f"tanh.pt: {TANH_EN}"]  # the runs' keys: the core's words
    assert shown() == [f"1. {ADAM_ZH}", f"tanh.pt: {TANH_ZH}"]
    assert run_list.item(0).toolTip().startswith(f"1. {ADAM_ZH}\n")
    assert list(tab.runs) == keys and tab.controls.checked() == keys
    set_language(english, "en")  # live: the open list says them again
    assert shown() == [f"1. {ADAM_EN}", f"tanh.pt: {TANH_EN}"]
    assert run_list.item(0).toolTip().startswith(f"1. {ADAM_EN}\n")
    assert tab.controls.checked() == keys  # still ticked: the keys did not change
    set_language(english, "zh_CN")
    assert shown() == [f"1. {ADAM_ZH}", f"tanh.pt: {TANH_ZH}"]
    tab.shutdown()


def test_the_backprop_network_list_and_in_use_line_name_runs_in_the_language_shown(
        english, qtbot, tmp_path, monkeypatch):
    from gradlab.gui.backprop.real import RealNetworkPage

    to_chinese(english, *PROBES)
    window = _Window([_entry(2, TANH, "#ff2a2a")])
    qtbot.addWidget(window)
    page = RealNetworkPage(data_folder=tmp_path / "no-mnist-here")
    window.setCentralWidget(page)
    window.resize(1400, 850)
    window.show()  # asks the window for its runs
    qtbot.waitUntil(lambda: page.network is not None and page._network_loader is None, timeout=20000)
    qtbot.waitUntil(lambda: page._data_loader is None, timeout=20000)
    combo = page.network_combo
    assert combo.itemText(1) == f"MNIST 标签页：2. {TANH_ZH}"
    assert combo.itemData(1, QtCore.Qt.ItemDataRole.ToolTipRole) == f"MNIST 标签页：2. {TANH_ZH}"
    with qtbot.waitSignal(page.network_loaded, timeout=10000) as loaded:
        combo.setCurrentIndex(1)
        combo.activated.emit(1)
    qtbot.waitUntil(lambda: page._network_loader is None)
    assert loaded.args == [f"2. {TANH_EN}"]  # the run's key: the core's words
    assert page.status.text() == f"正在使用：2. {TANH_ZH}"
    assert combo.toolTip() == f"2. {TANH_ZH}"
    set_language(english, "en")
    assert combo.itemText(1) == f"MNIST tab: 2. {TANH_EN}"
    assert page.status.text() == f"In use: 2. {TANH_EN}"
    assert combo.toolTip() == f"2. {TANH_EN}"

    # A run file: its name kept, its settings in the language shown. The file is read by
    # the core (its own tests check that); here it hands back what a run file holds.
    def read(path):
        return real.fresh_params(0), {"label": ADAM.label(), "config": ADAM, "activation": "relu",
                                      "activation_params": {}, "loss": "cross_entropy", "loss_params": {}}

    monkeypatch.setattr(real, "params_from_run_file", read)
    set_language(english, "zh_CN")
    with qtbot.waitSignal(page.network_loaded, timeout=10000):
        page.open_run_file(tmp_path / "adam.pt")
    qtbot.waitUntil(lambda: page._network_loader is None)
    assert page.status.text() == f"正在使用：adam.pt: {ADAM_ZH}"
    set_language(english, "en")
    assert page.status.text() == f"In use: adam.pt: {ADAM_EN}"
    page.shutdown()



def test_the_landscape_map_names_a_run_by_its_optimizer_in_the_language_shown(english):
    """The map's marks and paths name a run "1. Momentum" (the list's label shortened): in
    Chinese with the optimizer's Chinese title, in English as the label says it."""
    from gradlab.gui.landscape.runs import from_window

    momentum = TrainConfig(optimizer="momentum", hyper={"lr": 0.05})
    torch_sgd = TrainConfig(optimizer="torch:sgd", hyper={"lr": 0.1})
    assert from_window(_entry(1, momentum, "#ff0000")).short == "1. Momentum"
    assert from_window(_entry(2, torch_sgd, "#00ff00")).short == "2. SGD"
    to_chinese(english, *PROBES, ("Terms", "Momentum"))
    assert from_window(_entry(1, momentum, "#ff0000")).short == "1. 动量法"
    assert from_window(_entry(2, torch_sgd, "#00ff00")).short == "2. SGD"
