"""The Playground trains in a child process (core/playground/process.py; issue 14's speed):
the same epochs as in the thread, bit for bit; the child is reused, takes learning rates
while it trains, is joined on close; a child that dies or cannot start is reported once
and the thread trains on. The tab with it: play, pause, a killed child, shutdown."""

from __future__ import annotations

import multiprocessing
import os
import signal

import numpy as np
import pytest

from gradlab.core.playground import datasets
from gradlab.core.playground.compare import sessions_for
from gradlab.core.playground.frames import PlaygroundFrame
from gradlab.core.playground.process import ProcessLost, TrainingProcess
from gradlab.core.playground.session import PlaygroundConfig

CONFIG = PlaygroundConfig(dataset="spiral", n_points=120, hidden=(5, 3), activation="tanh",
                          optimizer="adam", hyper={"lr": 0.03}, batch_size=7)
DATA = datasets.make("spiral", 120, 0.1, 0)


@pytest.fixture
def trainer():
    t = TrainingProcess()
    yield t
    t.close()
    assert multiprocessing.active_children() == []  # joined, none left


def _ready(t: TrainingProcess) -> TrainingProcess:
    assert t.wait_ready(20), t.failure
    return t


def _pair():
    """Two copies of the same two compared networks (momentum with L2, and Adam with
    weighted cross-entropy): one for the child, one for the thread."""
    configs = [CONFIG.replace(optimizer="momentum", hyper={"lr": 0.05}, l2=0.01),
               CONFIG.replace(loss="weighted_cross_entropy", loss_params={"weights": "inverse_frequency"})]
    return sessions_for(configs, *DATA), sessions_for(configs, *DATA)


def _same(a, b) -> None:
    for sa, sb in zip(a, b):
        for (Wa, ba), (Wb, bb) in zip(sa.params, sb.params):
            np.testing.assert_array_equal(Wa, Wb)
            np.testing.assert_array_equal(ba, bb)
        assert sa.history == sb.history and sa.diverged == sb.diverged


def test_epochs_in_the_process_equal_epochs_in_the_thread_bit_for_bit(trainer):
    remote, local = _pair()
    for s in remote + local:  # trained a little here first: the state goes there and back
        s.epoch()
        s.epoch()
    got = list(_ready(trainer).frames(remote, lambda: False, epochs_per_frame=5, max_frames=2,
                                      regions_n=8, maps_n=4))
    assert trainer.loaded == []  # the child imported no Qt, torch or numba
    assert [f.epoch for f in got] == [[7, 7], [12, 12]] and trainer.runs == 1
    assert [st.epoch for st in got[1].stats[0]] == [8, 9, 10, 11, 12]
    assert got[0].regions[0].dtype == np.float32 and got[0].regions[0].shape == (8, 8, 2)
    for s in local:
        for _ in range(10):
            s.epoch()
    _same(remote, local)
    # The optimizer's state and the batch order came back too: the next epochs agree.
    for s in remote + local:
        s.epoch()
        s.epoch()
    _same(remote, local)


def test_the_child_is_reused_and_close_joins_it(trainer):
    remote, _ = _pair()
    _ready(trainer)
    pid = trainer.pid
    for _ in range(2):
        list(trainer.frames(remote, lambda: False, epochs_per_frame=1, max_frames=1, regions_n=4, maps_n=4))
    assert trainer.pid == pid and trainer.runs == 2 and remote[0].epoch_count == 2
    process = trainer._process
    trainer.close()
    assert process.exitcode == 0 and trainer.pid is None  # it quit when asked


def test_a_learning_rate_set_while_training_reaches_the_child(trainer):
    """SGD with a learning rate of 1e-300 leaves θ where it is (each step is far below
    one ulp of θ): once the message arrives, the frames' weights stop moving."""
    [s] = sessions_for([CONFIG.replace(optimizer="sgd", hyper={"lr": 0.1})], *DATA)
    frames: list[PlaygroundFrame] = []
    stop = lambda: len(frames) >= 8  # noqa: E731
    for f in _ready(trainer).frames([s], stop, frame_seconds=0.005, regions_n=4, maps_n=4):
        frames.append(f)
        if len(frames) == 2:
            s.set_lr(1e-300)
            trainer.set_lr(0, 1e-300)
    moved = [not np.array_equal(a.params[0][0][0], b.params[0][0][0]) for a, b in zip(frames, frames[1:])]
    assert moved[0] and not any(moved[-3:])
    assert s.epoch_count == frames[-1].epoch[0]
    np.testing.assert_array_equal(s.params[0][0], frames[-1].params[0][0][0])


def test_a_killed_child_is_reported_once_and_the_thread_trains_on(trainer):
    remote, _ = _pair()
    got = []
    stop = lambda: sum(isinstance(f, PlaygroundFrame) for f in got) >= 4  # noqa: E731
    for f in _ready(trainer).frames(remote, stop, frame_seconds=0.01, regions_n=4, maps_n=4):
        got.append(f)
        if len(got) == 1:
            os.kill(trainer.pid, signal.SIGKILL)
    lost = [f for f in got if isinstance(f, ProcessLost)]
    assert len(lost) == 1 and "ended" in lost[0].why and "-9" in lost[0].why
    assert lost[0].epoch == [0, 0]  # what the child trained is gone: back to the run's start
    assert isinstance(got[-1], PlaygroundFrame) and remote[0].epoch_count == got[-1].epoch[0] > 0
    assert trainer.failure == lost[0].why and not trainer.alive()
    # Later runs train in the thread, without a second notice.
    again = list(trainer.frames(remote, lambda: False, epochs_per_frame=1, max_frames=1, regions_n=4, maps_n=4))
    assert len(again) == 1 and isinstance(again[0], PlaygroundFrame)


def test_a_child_that_cannot_start_leaves_the_training_to_the_thread(trainer, monkeypatch):
    def refuse(method):
        raise OSError("no processes here")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    remote, local = _pair()
    got = list(trainer.frames(remote, lambda: False, epochs_per_frame=3, max_frames=1, regions_n=4, maps_n=4))
    assert isinstance(got[0], ProcessLost) and "could not start" in got[0].why and "no processes" in got[0].why
    assert [f.epoch for f in got[1:]] == [[3, 3]]
    for s in local:
        for _ in range(3):
            s.epoch()
    _same(remote, local)


# -- the tab --------------------------------------------------------------------------------------
@pytest.fixture
def tab(qtbot):
    from gradlab.gui.playground.tab import PlaygroundTab

    t = PlaygroundTab()
    qtbot.addWidget(t)
    t.resize(1200, 800)
    t.show()
    t.trainer.start()
    qtbot.waitUntil(t.trainer.ready, timeout=20000)
    yield t
    t.shutdown()


def test_the_tab_trains_in_the_child_and_pause_brings_the_networks_back(qtbot, tab):
    pid = tab.trainer.pid
    for run in (1, 2):
        with qtbot.waitSignal(tab.running_changed, check_params_cb=lambda on: on):
            tab.play()
        qtbot.waitUntil(lambda: tab.redraws >= 3 * run and tab.loss_plot.count(0) > 10 * run, timeout=10000)
        with qtbot.waitSignal(tab.running_changed, check_params_cb=lambda on: not on):
            tab.pause()
        s = tab.sessions[0]
        assert tab.trainer.runs == run and tab.trainer.pid == pid  # one child, reused
        # The epochs the child trained are the local network's now, every one on the curve.
        assert s.epoch_count == tab.loss_plot.count(0) > 10 * run
        assert [st.epoch for st in s.history] == list(range(1, s.epoch_count + 1))
        assert tab.epoch_label.text() == f"Epoch {s.epoch_count}"
    assert tab.in_thread_note == "" and not tab.status.isVisible()


def test_a_learning_rate_change_in_the_tab_is_sent_to_the_child(qtbot, tab, monkeypatch):
    sent = []
    monkeypatch.setattr(tab.trainer, "set_lr", lambda k, lr: sent.append((k, lr)))
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    tab.controls.lr.setValue(0.002)
    assert sent == [(0, pytest.approx(0.002))] and tab.sessions[0].lr == pytest.approx(0.002)
    tab.pause()


def test_a_killed_child_in_the_tab_says_so_and_training_goes_on(qtbot, tab):
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    qtbot.waitUntil(lambda: tab.trainer._running, timeout=10000)  # the child has the networks
    with qtbot.waitSignal(tab.moved_to_thread, timeout=10000):
        os.kill(tab.trainer.pid, signal.SIGKILL)
    assert tab.status.isVisible() and tab.status.text().startswith("Training goes on inside the window")
    assert "exit code -9" in tab.status.text()
    qtbot.waitUntil(lambda: tab.loss_plot.count(0) > 5 and tab.redraws > 5, timeout=10000)
    assert tab.is_running()
    tab.pause()
    s = tab.sessions[0]
    assert s.epoch_count == tab.loss_plot.count(0) > 5  # the curve was cut back, then grew again
    assert tab.status.isVisible() and "Training goes on" in tab.status.text()


def _trains_in_the_child(qtbot, tab, runs: int) -> None:
    """Wait until the child has the networks of run `runs` and a frame of it is drawn."""
    qtbot.waitUntil(lambda: tab.trainer._running and tab.trainer.runs == runs - 1, timeout=10000)
    drawn = tab.redraws
    qtbot.waitUntil(lambda: tab.redraws > drawn + 1, timeout=10000)


def test_changes_while_training_hand_the_networks_back_and_train_on_in_the_same_child(qtbot, tab):
    """Reset, a clicked point and Compare, each while the child trains: the networks come
    back, are changed here, and the same child trains the new ones."""
    pid = tab.trainer.pid
    tab.play()
    _trains_in_the_child(qtbot, tab, 1)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.reset()
    assert tab.trainer.runs == 1 and tab.is_running()  # run 1 came back; run 2 started
    n = len(tab.y)
    _trains_in_the_child(qtbot, tab, 2)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.add_point(1.0, 2.0)
    assert len(tab.sessions[0].X_train) + len(tab.sessions[0].X_test) == n + 1
    _trains_in_the_child(qtbot, tab, 3)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.compare_settings.on.setChecked(True)
    _trains_in_the_child(qtbot, tab, 4)
    tab.pause()
    a, b = tab.sessions
    assert tab.trainer.runs == 4 and tab.trainer.pid == pid
    assert a.epoch_count == tab.loss_plot.count(0) > 0 and b.epoch_count == tab.loss_plot.count(1) > 0
    assert not np.array_equal(a.params[0][0], b.params[0][0])  # SGD and Adam, trained apart


def test_a_network_diverging_in_the_child_stops_with_its_label(qtbot, tab):
    c = tab.controls
    c.activation.setCurrentIndex(c.activation.findData("leaky_relu"))
    c.optimizer.setCurrentIndex(c.optimizer.findData("sgd"))
    c.lr.setValue(1000.0)
    with qtbot.waitSignal(tab.diverged, timeout=10000):
        tab.play()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10000)
    assert tab.trainer.runs == 1  # the child trained it, and handed it back by itself
    s = tab.sessions[0]
    assert s.diverged is not None and s.epoch_count == s.diverged
    assert f"Diverged at epoch {s.diverged}" in tab.status.text()


def test_shutdown_leaves_no_process(qtbot, tab):
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    process = tab.trainer._process
    tab.shutdown()
    assert process.exitcode is not None and multiprocessing.active_children() == []
    assert not tab.is_running()


def test_the_loss_plot_starts_again_after_a_rebuild(qtbot, tab):
    """The curves' auto-range is applied when the plot paints (`grab` paints it)."""
    plot = tab.loss_plot
    view = plot.getPlotItem().getViewBox()
    for _ in range(40):
        tab.step()
    plot.grab()
    assert view.viewRange()[0][1] >= 40
    with qtbot.waitSignal(tab.sessions_changed):
        tab.new_weights_button.click()
    plot.grab()
    (x0, x1), (y0, y1) = view.viewRange()
    assert x1 <= 1.5 and y1 <= 1.5  # not the old networks' 40 epochs, with nothing in them
    for _ in range(2):
        tab.step()
    plot.grab()
    assert 1.5 <= view.viewRange()[0][1] <= 3  # fitted to the new curve
