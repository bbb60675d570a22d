"""Training readied at the launch when the person is likely to train (gui/mnist/early.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtWidgets

from gradlab.gui.mnist import early, runner


def _loop_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rule_0123456789abcdef01234567.py"
    path.write_text("# a cached loop\n")
    return path


@pytest.mark.parametrize("folder,tab,files,likely", [
    (None, None, [], False),  # a first launch: nothing remembered, nothing compiled
    (None, "Optimizer race", ["notes.txt", "rule_x.pyc", "__pycache__"], False),
    ("/data/mnist", None, [], True),  # an MNIST folder remembered
    (None, "MNIST", [], True),  # the MNIST tab was shown last
    (None, "Landscape", ["rule_abc.py"], True),  # a compiled loop: this person trained here
])
def test_likely_to_train(tmp_path, folder, tab, files, likely):
    cache = tmp_path / "kernels"
    cache.mkdir()
    for name in files:
        (cache / name).mkdir() if name == "__pycache__" else (cache / name).write_text("")
    assert early.likely_to_train(folder, tab, cache) is likely


def test_no_cache_folder_is_no_sign(tmp_path):
    assert not early.likely_to_train(None, None, tmp_path / "missing")
    assert not early.likely_to_train(None, None, None)


@pytest.fixture
def started(monkeypatch):
    """The warm-ups started, in a process that has not imported the trainer yet."""
    import threading

    calls = []
    monkeypatch.setattr(runner, "start_warm_up", lambda config, data=None: calls.append(config))
    monkeypatch.setattr(runner, "_warm_ups", [])
    monkeypatch.setattr(runner, "_trainer_ready", threading.Event())
    return calls


def test_nothing_starts_once_the_trainer_is_in(tmp_path, monkeypatch, started):
    monkeypatch.setenv("GRADLAB_CACHE_DIR", str(tmp_path))
    _loop_file(tmp_path / "kernels")
    runner._trainer_ready.set()  # the tab's own warm-up was quicker (the fixture's event)
    assert not early.start_if_likely("/data/mnist", "MNIST") and started == []


def test_a_cached_loop_starts_the_warm_up_with_a_default_run(tmp_path, monkeypatch, started):
    monkeypatch.setenv("GRADLAB_CACHE_DIR", str(tmp_path))
    assert not early.start_if_likely(None, None) and started == []
    _loop_file(tmp_path / "kernels")
    assert early.start_if_likely(None, None)
    from gradlab.core.mnist.frames import TrainConfig

    assert started == [TrainConfig()]


def test_nothing_starts_while_a_warm_up_runs(tmp_path, monkeypatch, started):
    import threading

    monkeypatch.setenv("GRADLAB_CACHE_DIR", str(tmp_path))
    _loop_file(tmp_path / "kernels")
    release = threading.Event()
    busy = threading.Thread(target=release.wait, args=(10,))
    busy.start()
    runner._warm_ups.append(busy)  # the fixture's list: restored after the test
    try:
        assert not early.start_if_likely(None, "MNIST") and started == []
    finally:
        release.set()
        busy.join()


def test_the_decision_comes_after_the_first_paint(qtbot, monkeypatch):
    """Not before: the window's first paint is what the user sees first."""
    calls = []
    monkeypatch.setattr(early, "start_if_likely", lambda folder, tab: calls.append((folder, tab)))
    monkeypatch.setattr(early, "LAUNCH_DELAY_MS", 50)  # the app's 1 s, shortened
    window = QtWidgets.QLabel("GradLab")
    qtbot.addWidget(window)
    early.warm_up_after_first_paint(window, "/data/mnist", "MNIST")
    QtWidgets.QApplication.processEvents()  # events before the window is shown: nothing yet
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [("/data/mnist", "MNIST")], timeout=5000)
    window.update()
    window.repaint()
    QtWidgets.QApplication.processEvents()
    assert calls == [("/data/mnist", "MNIST")]  # once


# --- "loaded" once a run can start on the data -----------------------------------------------


def test_the_data_are_loaded_after_the_trainer_is_ready(monkeypatch):
    """The load worker reads the files, then waits in `before_loaded` (the tab's
    `ready_to_train`); a stop while it waits yields nothing, a bad file is said at once."""
    from gradlab.core.mnist.data import MnistError
    from gradlab.core.mnist.synthetic import synthetic
    from gradlab.gui.mnist import data_panel

    data = synthetic(20, 10)
    monkeypatch.setattr(data_panel, "_CACHE", {})
    monkeypatch.setattr(data_panel.mnist_data, "load", lambda folder: data)
    order = []
    frames = data_panel._load_frames(Path("mnist"), lambda d, stop: order.append(d))(lambda: False)
    assert next(frames) is data and order == [data]
    stopped = data_panel._load_frames(Path("mnist"), lambda d, stop: order.append("stopped"))(lambda: True)
    assert list(stopped) == [] and order[-1] == "stopped"

    def broken(folder):
        raise MnistError("train-images-idx3-ubyte.gz: truncated")

    monkeypatch.setattr(data_panel.mnist_data, "load", broken)
    frames = data_panel._load_frames(Path("mnist"), lambda d, stop: order.append("waited"))(lambda: False)
    assert isinstance(next(frames), MnistError) and "waited" not in order


@pytest.fixture
def fresh_process(monkeypatch):
    """The runner's state in a process that has not imported the trainer yet."""
    import threading

    monkeypatch.setattr(runner, "_trainer_ready", threading.Event())
    monkeypatch.setattr(runner, "_warm_ups", [])
    return runner._trainer_ready


def test_wait_for_trainer_starts_a_warm_up_and_returns_when_it_is_ready(monkeypatch, fresh_process):
    import threading

    release = threading.Event()
    configs = []

    def start(config, data=None):
        configs.append(config)
        thread = threading.Thread(target=lambda: release.wait(10) and fresh_process.set())
        runner._warm_ups.append(thread)
        thread.start()
        return thread

    monkeypatch.setattr(runner, "start_warm_up", start)
    waiter = threading.Thread(target=runner.wait_for_trainer, args=(lambda: False,))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and len(configs) == 1  # waiting for the import
    release.set()
    waiter.join(10)
    assert not waiter.is_alive() and fresh_process.is_set()
    runner.wait_for_trainer(lambda: False)  # ready: returns at once, nothing started
    assert len(configs) == 1


def test_wait_for_trainer_ends_on_stop_or_a_failed_warm_up(monkeypatch, fresh_process):
    import threading

    release = threading.Event()
    stuck = threading.Thread(target=release.wait, args=(10,))
    runner._warm_ups.append(stuck)
    stuck.start()
    try:
        flags = iter([False, False, True])
        runner.wait_for_trainer(lambda: next(flags))  # Stop (a new folder, the window closed)
        assert not fresh_process.is_set()
    finally:
        release.set()
        stuck.join()

    def failing(config, data=None):  # a warm-up whose import fails: it ends, never ready
        thread = threading.Thread(target=lambda: None)
        thread.start()
        return thread

    monkeypatch.setattr(runner, "start_warm_up", failing)
    runner.wait_for_trainer(lambda: False)  # no hang: the trainer will say what is wrong
    assert not fresh_process.is_set()


def test_ready_to_train_leaves_the_tensors_made_for_a_default_run():
    """After it the trainer finds the data's tensors made, for a default run."""
    import torch

    from gradlab.core.mnist import tensors
    from gradlab.core.mnist.config import resolve_device
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.core.mnist.synthetic import synthetic

    data = synthetic(30, 10)
    tensors.clear_cache()
    try:
        runner.ready_to_train(data, lambda: True)  # stopped: nothing made
        assert tensors._cache == {}
        runner.ready_to_train(data, lambda: False)
        assert runner._trainer_ready.is_set()
        default = TrainConfig()  # where a default run trains (the CPU here, CUDA where there is one)
        device = "cpu" if default.engine != "torch" else str(resolve_device(default.device))
        assert tensors._cache["data"] is data and tensors._cache["key"][1:] == (device, torch.float32)
    finally:
        assert runner.wait_for_warm_ups(30)
        tensors.clear_cache()
