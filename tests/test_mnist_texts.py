"""The MNIST tab's progress bar says what is so before any run (QA item 16): while the
data load it waits for them (Start is off), once loaded Start trains the settings shown,
and when the load failed there are no data. The load is held on an event here, so the
"waiting" state lasts as long as the test needs it."""

from __future__ import annotations

import threading

import pytest

from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.data import MnistError
from gradlab.core.mnist.synthetic import synthetic
from gradlab.gui.mnist import tab as tab_module
from gradlab.gui.mnist.tab import MnistTab

TIMEOUT = 10_000  # ms
DATA = synthetic(200, 50)


@pytest.fixture
def held_load(tmp_path, monkeypatch):
    """A load that answers only when the test sets the event: (event, outcome), where
    outcome["error"] makes it fail."""
    release = threading.Event()
    outcome: dict = {}

    def load(folder, *args, **kwargs):
        release.wait(TIMEOUT / 1000)
        if "error" in outcome:
            raise MnistError(outcome["error"])
        return DATA

    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    monkeypatch.setattr(mnist_data, "find", lambda folders=None: tmp_path)
    monkeypatch.setattr(mnist_data, "load", load)
    monkeypatch.setattr(tab_module, "ready_to_train", lambda data, stop: None)  # no torch here
    yield release, outcome
    release.set()


def _tab(qtbot, tmp_path) -> MnistTab:
    t = MnistTab(data_folder=tmp_path)
    qtbot.addWidget(t)
    t.resize(1600, 1000)
    t.show()
    return t


def test_while_the_data_load_the_bar_waits_for_them_then_says_what_start_does(qtbot, tmp_path, held_load):
    release, _ = held_load
    tab = _tab(qtbot, tmp_path)
    assert not tab.start_button.isEnabled()
    assert tab.progress.format() == "Waiting for the MNIST data to load…"
    release.set()
    qtbot.waitUntil(lambda: tab.data_panel.data is not None, timeout=TIMEOUT)
    assert tab.start_button.isEnabled()
    assert tab.progress.format() == "Press Start to train these settings, or queue several first."
    assert tab.shutdown(2000)


def test_when_the_load_failed_the_bar_says_there_are_no_data(qtbot, tmp_path, held_load):
    release, outcome = held_load
    outcome["error"] = "train-images-idx3-ubyte.gz: not a gzip file"
    tab = _tab(qtbot, tmp_path)
    release.set()
    qtbot.waitUntil(lambda: not tab.data_panel.is_loading(), timeout=TIMEOUT)
    assert not tab.start_button.isEnabled()
    assert tab.progress.format() == "No MNIST data yet: see the data box."
    assert tab.shutdown(2000)
