"""The MNIST tab in front of a class (issue 18): runs compared on one measure, the wheel
that scrolls instead of changing fields, exports without the hover line, runs never lost
without asking, the progress bar after the runs are gone, readouts of every run's value,
and every activation of the core.

Same synthetic data and fixture as test_mnist_tab.py; dialogs are answered through the
tab's `ask_unsaved` / `choose_folder` attributes.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core import activations
from gradlab.core.mnist.run_file import load_run
from gradlab.gui.mnist.tab import CANCEL, DISCARD, IDLE_TEXT, SAVE
from test_mnist_tab import DATA, click, small, tab, wait_idle  # noqa: F401 - the fixture


class Answers:
    """Stands in for the Save/Discard/Cancel dialog: answers in turn, records questions."""

    def __init__(self, *answers: str) -> None:
        self.answers, self.asked = list(answers), []

    def __call__(self, title: str, text: str, discard: str) -> str:
        self.asked.append(text)
        assert self.answers, f"asked once too often: {text}"
        return self.answers.pop(0)


def never_asked(title, text, discard):
    raise AssertionError(f"asked without need: {text}")


def train_runs(qtbot, tab, losses=("cross_entropy",)) -> list:
    for loss in losses:
        tab.form.loss.setCurrentIndex(tab.form.loss.findData(loss))
        tab.add_current()
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    assert all(r.status == "done" for r in tab.runs)
    return tab.runs


# -- 1. one measure for every run -------------------------------------------------------------

def test_the_test_plot_shows_cross_entropy_for_every_run_whatever_its_loss(qtbot, tab):
    ce_run, mse_run = train_runs(qtbot, tab, ("cross_entropy", "softmax_mse"))
    curves = tab.view.curves
    assert "cross-entropy" in curves.test_loss.titleLabel.text
    assert "each run's own loss" in curves.train.titleLabel.text
    for run in (ce_run, mse_run):
        items = curves.runs[id(run)]
        for points, item in ((run.subset_evals, items.test_loss), (run.epoch_evals, items.test_loss_epoch)):
            _, y = item.getData()
            np.testing.assert_allclose(y, points.cross_entropy.view())
    # Cross-entropy's own test loss is the measure; MSE's is another number, not drawn.
    np.testing.assert_allclose(ce_run.epoch_evals.cross_entropy.view(), ce_run.epoch_evals.loss.view())
    mse_own, mse_ce = mse_run.epoch_evals.loss.view()[-1], mse_run.epoch_evals.cross_entropy.view()[-1]
    assert mse_own < 0.5 * mse_ce  # on its own scale MSE would look far "better"


def test_the_csv_has_the_test_cross_entropy_beside_the_runs_own_loss(qtbot, tab, tmp_path):
    import csv

    from gradlab.gui.mnist.export import write_csv

    (run,) = train_runs(qtbot, tab, ("softmax_mse",))
    rows = list(csv.DictReader(write_csv(tmp_path / "c.csv", tab.runs, 0.5).open()))
    last = [r for r in rows if r["kind"] == "epoch"][-1]
    assert float(last["test_cross_entropy"]) == pytest.approx(run.epoch_evals.cross_entropy.view()[-1])
    assert float(last["test_loss"]) == pytest.approx(run.epoch_evals.loss.view()[-1])


# -- 2. the wheel scrolls the panel --------------------------------------------------------------

def wheel(widget: QtWidgets.QWidget, notches: int = -3) -> None:
    centre = QtCore.QPointF(widget.rect().center())
    event = QtGui.QWheelEvent(centre, QtCore.QPointF(widget.mapToGlobal(centre.toPoint())),
                              QtCore.QPoint(0, 0), QtCore.QPoint(0, 120 * notches),
                              QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier,
                              QtCore.Qt.ScrollPhase.NoScrollPhase, False)
    QtWidgets.QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_field_scrolls_the_panel_and_leaves_the_value(qtbot, tab):
    tab.resize(1280, 500)  # short: the settings panel scrolls
    tab.show()
    qtbot.waitExposed(tab)
    scroll = tab.form.parentWidget().parentWidget()
    assert isinstance(scroll, QtWidgets.QScrollArea) and scroll.verticalScrollBar().maximum() > 0
    bar = scroll.verticalScrollBar()
    fields = [tab.form.batch_size, tab.form.schedule, tab.form.hyper.fields["lr"]]
    before = [tab.form.batch_size.value(), tab.form.schedule.currentIndex(), tab.form.hyper.fields["lr"].value()]
    for field in fields:
        assert not field.hasFocus()
        bar.setValue(bar.minimum())
        wheel(field)
        assert bar.value() > bar.minimum(), field.objectName()  # the panel scrolled
    assert [tab.form.batch_size.value(), tab.form.schedule.currentIndex(),
            tab.form.hyper.fields["lr"].value()] == before
    # Fields of an optimizer chosen later are guarded too.
    tab.form.hyper.set_optimizer("momentum")
    beta = tab.form.hyper.fields["momentum"]
    value = beta.value()
    wheel(beta)
    assert beta.value() == value
    # Clicked (focused), a field takes the wheel as before.
    tab.form.batch_size.setFocus()
    qtbot.waitUntil(tab.form.batch_size.hasFocus)
    wheel(tab.form.batch_size, notches=1)
    assert tab.form.batch_size.value() == before[0] + 1


# -- 3. the export has no hover line -----------------------------------------------------------

def test_exported_plots_do_not_show_the_hover_readouts(qtbot, tab, tmp_path):
    tab.resize(1500, 950)
    tab.show()
    qtbot.waitExposed(tab)
    train_runs(qtbot, tab)
    tab.view.curves.readout.setText("")
    tab.view.pictures_readout.setText("")
    # A first render places the digit grid's labels (they lay out when first painted).
    tab.write_plots(tmp_path / "warm-up.png")
    clean = tab.write_plots(tmp_path / "clean.png")
    tab.view.curves.readout.setText("<b>test cross-entropy</b> · epoch 0.512 · 1.234 · stale hover")
    tab.view.pictures_readout.setText("true 3 → predicted 5: 12 of 101 test 3s (11.9%), mistaken")
    hovered = tab.write_plots(tmp_path / "hovered.png")
    for a, b in zip(clean, hovered):
        assert QtGui.QImage(str(a)) == QtGui.QImage(str(b)), f"{b.name} differs from {a.name}"
    # and the readouts are back on screen afterwards
    assert tab.view.curves.readout.isVisible() and tab.view.pictures_readout.isVisible()


# -- 4. runs are never lost without asking --------------------------------------------------------

def test_closing_asks_before_losing_runs_and_saving_keeps_them(qtbot, tab, tmp_path):
    tab.ask_unsaved = never_asked
    assert tab.confirm_close()  # nothing trained: nothing to lose
    (run,) = train_runs(qtbot, tab)
    assert tab.has_unsaved_runs()
    tab.ask_unsaved = Answers(CANCEL, DISCARD, SAVE)
    assert not tab.confirm_close()
    assert "Run 1" in tab.ask_unsaved.asked[0]
    assert tab.confirm_close()  # Discard
    tab.choose_folder = lambda: tmp_path
    assert tab.confirm_close()  # Save runs…
    saved = load_run(tmp_path / "mnist-run-1.pt")
    assert saved.step == len(run.steps) and not tab.has_unsaved_runs()
    tab.ask_unsaved = never_asked
    assert tab.confirm_close()


def test_saving_on_close_stops_a_training_run_and_keeps_its_checkpoint(qtbot, tab, tmp_path):
    small(tab, epochs=400, batch=8)
    click(qtbot, tab.start_button)
    (run,) = tab.runs
    qtbot.waitUntil(lambda: len(run.steps) > 0, timeout=20_000)
    assert tab.has_unsaved_runs()
    tab.ask_unsaved = Answers(SAVE)
    tab.choose_folder = lambda: tmp_path
    assert tab.confirm_close()
    assert not tab.runner.running() and run.status == "stopped"
    assert load_run(tmp_path / "mnist-run-1.pt").step == run.checkpoint.step > 0


def test_the_main_window_stays_open_on_cancel(qtbot, tmp_path, monkeypatch):
    from gradlab.core.mnist import data as mnist_data
    from gradlab.gui.main_window import MainWindow

    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("MNIST")
    tab.data_panel.set_data(DATA, "synthetic test data")
    small(tab, epochs=1, batch=32)
    train_runs(qtbot, tab)
    tab.ask_unsaved = Answers(CANCEL, DISCARD)
    window.close()
    assert window.isVisible() and len(tab.runs) == 1
    window.close()
    assert not window.isVisible() and len(tab.ask_unsaved.asked) == 2


def test_remove_and_clear_all_ask_for_unsaved_runs_and_the_progress_bar_resets(qtbot, tab):
    first, second = train_runs(qtbot, tab, ("cross_entropy", "focal"))
    assert "Run 2/2" in tab.progress.format() or "epoch 1/1" in tab.progress.format()
    tab.ask_unsaved = Answers(CANCEL, DISCARD)
    tab.queue.select(first)
    click(qtbot, tab.queue.remove_button)
    assert tab.runs == [first, second]  # Cancel
    click(qtbot, tab.queue.remove_button)
    assert tab.runs == [second]  # Discard
    tab.ask_unsaved = Answers(CANCEL, DISCARD)
    click(qtbot, tab.queue.clear_button)
    assert tab.runs == [second]
    click(qtbot, tab.queue.clear_button)
    assert tab.runs == []
    qtbot.waitUntil(lambda: not tab._dirty)
    assert tab.progress.format() == IDLE_TEXT and tab.progress.value() == 0
    assert not tab.queue.clear_button.isEnabled()
    # A queued run that never trained goes without a question.
    tab.ask_unsaved = never_asked
    tab.add_current()
    click(qtbot, tab.queue.remove_button)
    assert tab.runs == []


def test_removing_the_last_run_resets_the_progress_bar(qtbot, tab):
    (run,) = train_runs(qtbot, tab)
    assert "epoch 1/1" in tab.progress.format()
    tab.ask_unsaved = Answers(DISCARD)
    click(qtbot, tab.queue.remove_button)
    qtbot.waitUntil(lambda: not tab._dirty)
    assert "Run 1/1" not in tab.progress.format() and "epoch" not in tab.progress.format()


# -- 6. hover readouts ------------------------------------------------------------------------------

def hover(tab, plot, x: float, y: float) -> str:
    scene_pos = plot.vb.mapViewToScene(QtCore.QPointF(x, y))
    plot.scene().sigMouseMoved.emit(scene_pos)
    return plot.scene() is tab.view.curves_view.scene() and tab.view.curves.readout.text


def test_hover_reads_every_runs_value_and_the_pictures(qtbot, tab):
    tab.resize(1500, 950)
    tab.show()
    qtbot.waitExposed(tab)
    first, second = train_runs(qtbot, tab, ("cross_entropy", "softmax_mse"))
    curves = tab.view.curves
    tab.redraw_now()
    # Near epoch 0.5: each run's nearest subset evaluation (eval every 4 of 16 steps).
    text = hover(tab, curves.test_loss, 0.49, 1.0)
    for run in (first, second):
        pts = run.subset_evals
        i = int(np.argmin(np.abs(pts.epoch.view() - 0.49)))
        assert f"{pts.cross_entropy.view()[i]:.4f}" in text and run.colour in text
    text = hover(tab, curves.test_acc, 1.0, 50)
    for run in (first, second):
        assert f"{100 * run.epoch_evals.accuracy.view()[-1]:.2f}%" in text
    # Per-class accuracy: each run's share of the digit's test samples, with counts.
    text = hover(tab, tab.view.per_class, 3.1, 50)
    for run in (first, second):
        c = run.evaluation.confusion
        assert f"({c[3, 3]}/{c[3].sum()})" in text
    assert "digit 3" in text
    # A confusion cell: true row, predicted column, count of the row's total.
    tab.queue.select(first)
    tab.redraw_now()
    c = first.evaluation.confusion
    hover(tab, tab.view.confusion, 5.0, 2.0)  # x = predicted 5, y = true 2
    text = tab.view.pictures_readout.text
    assert f"true 2 → predicted 5: {c[2, 5]} of {c[2].sum()}" in text


def test_full_test_points_have_their_own_marker_and_legend_entry(qtbot, tab):
    (run,) = train_runs(qtbot, tab)
    items = tab.view.curves.runs[id(run)]
    for dots in (items.test_loss_epoch, items.test_acc_epoch):
        assert dots.opts["symbol"] == "d" and dots.opts["pen"] is None
    names = [label.text for _, label in tab.view.curves.test_legend.items]
    assert names == ["test subset", "full test set"]


# -- 7. every activation ------------------------------------------------------------------------

def test_the_form_offers_every_activation_with_alpha_where_it_has_one(qtbot, tab):
    form = tab.form
    offered = [form.activation.itemData(i) for i in range(form.activation.count())]
    assert offered == activations.names()
    rows = {"leaky_relu": form.leak, "elu": form.elu_alpha}
    for name in offered:
        form.activation.setCurrentIndex(form.activation.findData(name))
        for owner, box in rows.items():
            assert form.net_form.isRowVisible(box) == (name == owner), (name, owner)
        config = form.config()
        assert config.activation == name
    form.activation.setCurrentIndex(form.activation.findData("elu"))
    form.elu_alpha.setValue(0.5)
    config = form.config()
    assert dict(config.activation_params) == {"alpha": 0.5}
    form.set_config(config.replace(activation="gelu", activation_params={}))
    form.set_config(config)
    assert form.elu_alpha.value() == 0.5 and form.config() == config


@pytest.mark.parametrize("name", ["elu", "swish"])
def test_a_new_activation_trains_in_the_tab(qtbot, tab, name):
    tab.form.activation.setCurrentIndex(tab.form.activation.findData(name))
    (run,) = train_runs(qtbot, tab)
    assert run.config.activation == name and np.isfinite(run.losses.view()).all()
