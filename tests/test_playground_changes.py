"""What a change does to Playground training (the QA pass of 2026-12-02, items 4-6): a
compared network's learning rate applies as it trains (no restart); a change that starts
training again says so under the planes; a point clicked in or out moves no other point
between training and test; a diverged network shows no accuracy. pytest-qt, offscreen;
waits on signals and conditions, never sleeps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradlab.core.playground import datasets
from gradlab.core.playground.compare import sessions_for
from gradlab.core.playground.process import TrainingProcess
from gradlab.core.playground.session import EpochStats, PlaygroundConfig, Session
from gradlab.gui.playground import tab as tab_module
from gradlab.gui.playground.tab import PlaygroundTab
from test_playground_tab import tab  # noqa: F401 - the shown tab, the same fixture

# Pinned: what the line under the planes says (English sources).
NEW_DATA = "New data: training started again from the initial weights (epoch 0)."
NEW_SETTINGS = "New settings: training started again from the initial weights (epoch 0)."




def _compare(tab: PlaygroundTab, qtbot) -> None:
    with qtbot.waitSignal(tab.sessions_changed):
        tab.compare_settings.on.setChecked(True)


def _points(X: np.ndarray) -> set[tuple[float, float]]:
    return {(float(a), float(b)) for a, b in X}


# -- item 6: a diverged network has no accuracy --------------------------------------------


def test_the_read_outs_show_no_accuracy_where_the_loss_is_not_a_number():
    diverged = EpochStats(7, math.nan, math.nan, 0.482, 0.522)  # argmax of NaN outputs still "hits"
    assert tab_module._long(diverged) == "Loss — training, — test;  accuracy — / —"
    assert tab_module._short(diverged) == "loss — / —, acc —"
    fine = EpochStats(7, 0.25, 0.5, 0.482, 0.522)
    assert tab_module._long(fine) == "Loss 0.2500 training, 0.5000 test;  accuracy 48.2 % / 52.2 %"
    assert tab_module._short(fine) == "loss 0.250 / 0.500, acc 52 %"


def test_a_diverged_network_in_the_tab_shows_dashes_for_its_accuracy(qtbot, tab):
    c = tab.controls
    c.activation.setCurrentIndex(c.activation.findData("leaky_relu"))
    c.optimizer.setCurrentIndex(c.optimizer.findData("sgd"))
    c.lr.setValue(1000.0)
    for _ in range(200):
        if tab.sessions[0].diverged is not None:
            break
        tab.step()
    s = tab.sessions[0]
    assert s.diverged is not None, "sgd with η = 1000 did not diverge in 200 epochs"
    assert tab.stats_label.text() == "Loss — training, — test;  accuracy — / —"
    assert "%" not in tab.stats_label.text()


# -- item 4: a compared network's learning rate, live --------------------------------------


def test_a_compare_rows_learning_rate_reaches_its_network_as_it_trains(qtbot, tab, monkeypatch):
    rows = tab.compare_settings.rows
    rows[2].enabled.setChecked(True)  # compare off: nothing is built for it
    rows[0].enabled.setChecked(False)  # compared: rows 2 and 3 (1 and 2 counted from 0)
    _compare(tab, qtbot)
    assert [s.config.optimizer for s in tab.sessions] == ["adam", "momentum"]
    sent = []
    monkeypatch.setattr(tab.trainer, "set_lr", lambda k, lr: sent.append((k, lr)))
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    qtbot.waitUntil(lambda: tab.loss_plot.count(1) > 3, timeout=10000)
    sessions = list(tab.sessions)
    rebuilt = []
    tab.sessions_changed.connect(lambda: rebuilt.append(True))
    rows[2].lr.setValue(0.125)  # row 3 is network 2 (k = 1)
    assert not rebuilt and tab.sessions == sessions and tab.is_running()
    assert sent == [(1, pytest.approx(0.125))] and sessions[1].lr == pytest.approx(0.125)
    assert sessions[0].lr == pytest.approx(0.01)  # Adam's own rate, untouched
    assert tab.compare_view.views[1].getPlotItem().titleLabel.text.startswith("Momentum lr 0.125")
    rows[3].lr.setValue(0.5)  # not compared: nothing happens
    assert len(sent) == 1 and not rebuilt
    counted = tab.loss_plot.count(1)
    qtbot.waitUntil(lambda: tab.loss_plot.count(1) > counted + 3, timeout=10000)
    tab.pause()
    # Trained on from where it was: the curve and the epochs never went back to 0.
    assert tab.sessions == sessions and not rebuilt
    assert sessions[1].epoch_count == tab.loss_plot.count(1) > counted + 3
    assert sessions[1].lr == pytest.approx(0.125) and tab.restart_note == ""


def test_another_change_of_a_compared_row_restarts_and_says_so(qtbot, tab):
    _compare(tab, qtbot)
    assert tab.restart_note == ""  # switching Compare on says nothing: everything changes anyway
    tab.step()
    tab.step()
    row = tab.compare_settings.rows[1]
    with qtbot.waitSignal(tab.sessions_changed):
        row.loss.setCurrentIndex(row.loss.findData("focal"))
    assert all(s.epoch_count == 0 for s in tab.sessions)
    assert tab.restart_label.isVisible() and tab.restart_note == NEW_SETTINGS
    tab.step()  # read: it goes
    assert not tab.restart_label.isVisible() and tab.restart_note == ""


def test_a_network_setting_after_training_says_training_started_again(qtbot, tab):
    with qtbot.waitSignal(tab.sessions_changed):
        tab.controls.add_layer.click()  # not trained yet: nothing lost, nothing said
    assert tab.restart_note == ""
    tab.step()
    with qtbot.waitSignal(tab.sessions_changed):
        tab.controls.add_layer.click()
    assert tab.restart_label.isVisible() and tab.restart_note == NEW_SETTINGS
    assert tab.epoch_label.text() == "Epoch 0"
    tab.reset()
    assert not tab.restart_label.isVisible()


# -- item 5: points clicked in and out -------------------------------------------------------


def test_a_point_clicked_in_or_out_moves_no_other_point_and_the_restart_is_said(qtbot, tab):
    for _ in range(3):
        tab.step()
    s = tab.sessions[0]
    train, test = _points(s.X_train), _points(s.X_test)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.add_point(0.123, -0.456)
    s = tab.sessions[0]
    assert tab.restart_label.isVisible() and tab.restart_note == NEW_DATA
    assert s.epoch_count == 0 and tab.epoch_label.text() == "Epoch 0"
    new_train, new_test = _points(s.X_train), _points(s.X_test)
    assert new_train == train | {(0.123, -0.456)} and new_test == test  # it trains; the rest kept their side
    assert not tab.controls.show_test.isChecked() and (0.123, -0.456) in _points(tab.plane.shown_X)  # drawn

    # A training point goes (one that is there once: the spiral's arms both start at 0, 0),
    # and the others stay where they were.
    gone = next(p for p in map(tuple, s.X_train) if np.all(s.X == p, axis=1).sum() == 1)
    tab.step()
    assert tab.restart_note == ""
    with qtbot.waitSignal(tab.sessions_changed):
        tab.remove_nearest(*gone)
    s = tab.sessions[0]
    assert _points(s.X_train) == new_train - {gone} and _points(s.X_test) == new_test
    assert tab.restart_note == NEW_DATA


def test_a_compared_pair_trains_on_the_kept_split_too(qtbot, tab):
    _compare(tab, qtbot)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.add_point(1.5, 1.5)
    a, b = tab.sessions
    np.testing.assert_array_equal(a.train_mask, tab.train)
    np.testing.assert_array_equal(b.train_mask, tab.train)


# -- the core: the split as a mask ---------------------------------------------------------


def test_split_mask_is_splits_choice():
    """The oracle: the first round(share·n) of default_rng(seed)'s permutation train."""
    for n, share, seed in ((200, 0.3, 1), (7, 0.5, 0), (2, 0.9, 3)):
        order = np.random.default_rng(seed).permutation(n)
        count = min(max(round(share * n), 1), n - 1)
        expected = np.zeros(n, dtype=bool)
        expected[order[:count]] = True
        np.testing.assert_array_equal(datasets.split_mask(n, share, seed), expected)
        X = np.arange(2 * n, dtype=np.float64).reshape(n, 2)
        Xtr, ytr, Xte, yte = datasets.split(X, np.arange(n), share, seed)
        assert ytr.tolist() == np.flatnonzero(expected).tolist()
        assert yte.tolist() == np.flatnonzero(~expected).tolist()


def test_one_point_less_keeps_every_other_points_side():
    train = np.array([True, False, True, False])
    assert datasets.split_without(train, 1, 0.5, 0).tolist() == [True, True, False]
    # Removing the last test point among two or more: drawn again, as split_mask draws it.
    only = np.array([True, True, False])
    np.testing.assert_array_equal(datasets.split_without(only, 2, 0.5, 4), datasets.split_mask(2, 0.5, 4))
    np.testing.assert_array_equal(datasets.split_without(np.array([True, False, False]), 0, 0.5, 4),
                                  datasets.split_mask(2, 0.5, 4))


def test_a_session_trains_on_the_split_it_is_given_and_ignores_one_that_does_not_fit():
    X, y = datasets.make("gauss", 40, 0.1, seed=0)
    config = PlaygroundConfig(dataset="gauss", n_points=40)
    train = np.arange(40) % 4 == 0
    s = Session(config, X, y, train=train)
    np.testing.assert_array_equal(s.X_train, X[::4])
    np.testing.assert_array_equal(s.y_test, y[~train])
    assert s.epoch() is not None  # batches of 10 from its 10 training points
    default = datasets.split_mask(40, config.train_share, config.seed)
    for bad in (np.zeros(40, dtype=bool), train[:39], train.astype(int)):
        np.testing.assert_array_equal(Session(config, X, y, train=bad).train_mask, default)


def test_the_child_process_trains_on_the_given_split():
    """Bit for bit as in the thread, with a split no seed gives: the child got the mask."""
    X, y = datasets.make("spiral", 60, 0.1, 0)
    configs = [PlaygroundConfig(dataset="spiral", n_points=60, hidden=(3,), optimizer="adam",
                                hyper={"lr": 0.03}), PlaygroundConfig(dataset="spiral", n_points=60, hidden=(3,))]
    train = np.arange(60) % 3 != 0
    remote, local = sessions_for(configs, X, y, train), sessions_for(configs, X, y, train)
    trainer = TrainingProcess()
    try:
        assert trainer.wait_ready(20), trainer.failure
        list(trainer.frames(remote, lambda: False, epochs_per_frame=3, max_frames=2, regions_n=8, maps_n=4))
    finally:
        trainer.close()
    assert trainer.runs == 1
    for s in local:
        for _ in range(6):
            s.epoch()
    for a, b in zip(remote, local):
        assert a.history == b.history and a.epoch_count == 6
        for (Wa, ba), (Wb, bb) in zip(a.params, b.params):
            np.testing.assert_array_equal(Wa, Wb)
            np.testing.assert_array_equal(ba, bb)
