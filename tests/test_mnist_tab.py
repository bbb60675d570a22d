"""The MNIST tab driven through its widgets: start, stop, resume, queue, close, data
errors, smoothing, save/load, and opening without torch.

Training runs on a small synthetic MNIST-shaped dataset (a bright bar whose height says
the digit, over noise): a few hundred images, one small hidden layer, so a run takes a
fraction of a second and every test trains for real through `mnist_train.train` in the
tab's worker thread. Waits are on signals and conditions, never sleeps.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6 import QtCore

from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.data import MnistData
from gradlab.gui.mnist.tab import MnistTab

TIMEOUT = 20_000  # ms; generous on two shared cores, never reached when things work


def synthetic(n_train: int = 512, n_test: int = 256, seed: int = 0) -> MnistData:
    rng = np.random.default_rng(seed)

    def make(n):
        labels = rng.integers(0, 10, n)
        images = (rng.random((n, 28, 28)) * 60).astype(np.uint8)
        for i, d in enumerate(labels):
            images[i, 3 + 2 * d : 5 + 2 * d, 4:24] = 255
        return images, labels.astype(np.int64)

    train_x, train_y = make(n_train)
    test_x, test_y = make(n_test)
    return MnistData(train_x, train_y, test_x, test_y)


DATA = synthetic()


@pytest.fixture
def tab(qtbot, tmp_path, monkeypatch):
    # Keep the app's real data folder out of it: auto-find must not load a user's MNIST.
    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    t = MnistTab()
    qtbot.addWidget(t)
    t.data_panel.set_data(DATA, "synthetic test data")
    small(t, epochs=1, batch=32)
    yield t
    assert t.shutdown(2000)


def small(tab: MnistTab, epochs: int, batch: int, optimizer: str = "adam", lr: float = 0.01) -> None:
    """Settings for a fast run, typed into the form."""
    tab.form.hidden.setText("16")
    tab.form.batch_size.setValue(batch)
    tab.form.epochs.setValue(epochs)
    tab.form.eval_every.setValue(4)
    tab.form.hyper.set_optimizer(optimizer)
    tab.form.hyper.fields["lr"].setValue(lr)


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)


def wait_idle(qtbot, tab: MnistTab) -> None:
    qtbot.waitUntil(lambda: not tab.runner.running(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not tab._dirty, timeout=TIMEOUT)  # the last frame is drawn


def curve_data(tab: MnistTab, run) -> tuple[np.ndarray, np.ndarray]:
    x, y = tab.view.curves.runs[id(run)].smooth.getData()
    return (np.array([]), np.array([])) if x is None else (x, y)


def test_start_trains_and_draws_every_view(qtbot, tab):
    click(qtbot, tab.start_button)
    assert tab.runner.running() and not tab.start_button.isEnabled()
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    assert run.status == "done", run.status_text()
    assert len(run.steps) == 16  # 512 samples / batch 32, one epoch
    x, y = curve_data(tab, run)
    assert len(x) == 16 and np.all(np.isfinite(y))
    assert x[-1] == pytest.approx(1.0)  # the x axis is in epochs
    # The pictures show the selected run's last evaluation.
    assert tab.view.digits.labels[0].textItem.toPlainText() != ""
    assert tab.view.confusion.image.image.sum() == pytest.approx(10.0)  # rows sum to 1
    assert tab.view.per_class.bars
    assert "done, test accuracy" in tab.queue.list.item(0).text()
    assert "step 16/16" in tab.progress.format()


def test_stop_keeps_the_steps_and_resume_goes_on(qtbot, tab):
    small(tab, epochs=400, batch=8)  # far more than the test will train
    click(qtbot, tab.start_button)
    (run,) = tab.runs
    qtbot.waitUntil(lambda: len(run.steps) >= 3, timeout=TIMEOUT)
    click(qtbot, tab.stop_button)
    wait_idle(qtbot, tab)
    assert run.status == "stopped" and run.resumable
    stopped_at = len(run.steps)
    assert 3 <= stopped_at < run.progress.total_steps
    assert tab.resume_button.isEnabled()

    click(qtbot, tab.resume_button)
    qtbot.waitUntil(lambda: len(run.steps) >= stopped_at + 3, timeout=TIMEOUT)
    click(qtbot, tab.stop_button)
    wait_idle(qtbot, tab)
    steps = run.steps.view()
    # Resume went on from the next step: no step repeated, none skipped.
    np.testing.assert_array_equal(steps, np.arange(1, len(steps) + 1))
    assert len(steps) > stopped_at and run.status == "stopped"


def test_two_queued_runs_both_finish_with_their_own_curves(qtbot, tab):
    click(qtbot, tab.queue.add_button)
    small(tab, epochs=1, batch=32, optimizer="sgd", lr=0.1)
    click(qtbot, tab.queue.add_button)
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    assert [r.status for r in tab.runs] == ["done", "done"]
    colours = set()
    for run in tab.runs:
        x, y = curve_data(tab, run)
        assert len(x) == 16
        colours.add(tab.view.curves.runs[id(run)].smooth.opts["pen"].color().name())
    assert len(colours) == 2
    a, b = (curve_data(tab, r)[1] for r in tab.runs)
    assert a[0] == pytest.approx(b[0])  # same seed: same initial weights, same first batch
    assert not np.allclose(a, b)  # different optimizers
    names = [label.text for _, label in tab.view.curves.legend.items]
    assert any("Adam" in n for n in names) and any("SGD" in n for n in names)


def test_a_diverged_run_is_labelled_and_the_queue_goes_on(qtbot, tab):
    small(tab, epochs=2, batch=8, optimizer="sgd", lr=10.0)
    tab.form.activation.setCurrentIndex(tab.form.activation.findData("relu"))
    bad = tab.queue.add(tab.form.config().replace(hyper={"lr": 1e4}))
    small(tab, epochs=1, batch=32)
    click(qtbot, tab.queue.add_button)
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    assert bad.status == "diverged"
    assert bad.status_text() == f"diverged at step {bad.diverged}"
    assert tab.runs[1].status == "done"
    _, y = curve_data(tab, bad)
    assert np.all(np.isfinite(y))  # drawn only up to the divergence
    assert "diverged at step" in tab.view.curves.runs[id(bad)].diverged.textItem.toPlainText()


def test_closing_mid_epoch_joins_the_worker(qtbot, tab):
    messages = []
    previous = QtCore.qInstallMessageHandler(lambda *args: messages.append(args[-1]))
    try:
        small(tab, epochs=400, batch=8)
        click(qtbot, tab.start_button)
        qtbot.waitUntil(lambda: bool(tab.runs) and len(tab.runs[0].steps) > 0, timeout=TIMEOUT)
        thread = tab.runner.worker._thread
        tab.close()  # closeEvent: stop, join within 2 s
        assert thread.isFinished()
        assert not tab.timer.isActive()
    finally:
        QtCore.qInstallMessageHandler(previous)
    assert not [m for m in messages if "QThread" in m or "Destroyed" in m]


def write_files(folder, broken: str | None = None) -> None:
    """The four IDX files with the real counts (blank images, gzip: a few KB), one of them
    cut short when `broken` names it."""
    folder.mkdir()
    for spec in mnist_data.FILES:
        shape = (spec.count, 28, 28) if spec.magic == mnist_data.IMAGE_MAGIC else (spec.count,)
        path = mnist_data.write_idx(folder / f"{spec.stem}.gz", np.zeros(shape, np.uint8))
        if spec.stem == broken:
            raw = gzip.decompress(path.read_bytes())
            path.write_bytes(gzip.compress(raw[:5000]))


def test_a_broken_file_is_named(qtbot, tab, tmp_path):
    folder = tmp_path / "mnist"
    write_files(folder, broken="train-images-idx3-ubyte")
    tab.data_panel.folder.setText(str(folder))
    qtbot.keyClick(tab.data_panel.folder, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.data_panel.data is None and "Loading" not in tab.data_panel.status.text(),
                    timeout=TIMEOUT)
    text = tab.data_panel.status.text()
    assert "train-images-idx3-ubyte" in text and "truncated" in text
    assert not tab.start_button.isEnabled()


def test_missing_files_say_where_to_put_them_and_offer_a_download(qtbot, tab, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    tab.data_panel.use_folder(folder)
    qtbot.waitUntil(lambda: "Loading" not in tab.data_panel.status.text(), timeout=TIMEOUT)
    text = tab.data_panel.status.text()
    assert "train-images-idx3-ubyte.gz: missing" in text
    assert str(mnist_data.app_data_folder()) in text  # where to put them
    assert tab.data_panel.download_button.isVisibleTo(tab)


def test_smoothing_slider_changes_the_smoothed_curve(qtbot, tab):
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    raw = run.losses.view().copy()
    _, heavy = curve_data(tab, run)
    tab.smoothing.setValue(0)
    qtbot.waitUntil(lambda: not np.array_equal(curve_data(tab, run)[1], heavy), timeout=TIMEOUT)
    _, none = curve_data(tab, run)
    np.testing.assert_allclose(none, raw)  # w = 0 is the raw curve
    assert np.std(np.diff(heavy)) < np.std(np.diff(raw))
    assert tab.smoothing_label.text() == "w = 0.00"


def test_save_load_and_export_never_overwrite(qtbot, tab, tmp_path):
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    assert tab.save_button.isEnabled()
    path = tmp_path / "run.pt"
    tab.save_run_to(run, path)
    with qtbot.waitSignal(tab.run_loaded, timeout=TIMEOUT) as loading:
        tab.load_run_from(path)
        assert not tab.load_button.isEnabled() and "Loading run.pt" in tab.message.text()
    loaded = loading.args[0]
    qtbot.waitUntil(lambda: tab.load_button.isEnabled(), timeout=TIMEOUT)  # the loader ended
    wait_idle(qtbot, tab)
    assert loaded.status == "done" and loaded in tab.runs
    np.testing.assert_array_equal(loaded.losses.view(), run.losses.view())
    # its pictures (confusion matrix, digits, weights) come back with it
    assert loaded.evaluation is not None
    np.testing.assert_array_equal(loaded.evaluation.confusion, run.evaluation.confusion)
    x_saved, _ = curve_data(tab, loaded)
    np.testing.assert_allclose(x_saved, curve_data(tab, run)[0])  # same epochs axis

    from gradlab.gui.mnist.export import write_csv, write_pictures

    csv_path = write_csv(tmp_path / "curves.csv", tab.runs, tab.smoothing_weight())
    lines = csv_path.read_text().splitlines()
    assert lines[0].startswith("run,settings,kind,step") and len(lines) > 32
    with pytest.raises(FileExistsError):
        write_csv(csv_path, tab.runs, 0.5)
    curves, pictures = write_pictures(tmp_path / "plots.png", tab.view.export_items())
    assert curves.stat().st_size > 10_000 and pictures.name == "plots-2.png"
    svg, _ = write_pictures(tmp_path / "plots.svg", tab.view.export_items())
    assert svg.read_text().lstrip().startswith("<?xml")
    pictures.unlink()  # the curves file alone still blocks both
    with pytest.raises(FileExistsError):
        write_pictures(curves, tab.view.export_items())
    assert not pictures.exists()


def test_numpy_engine_trains_in_the_tab(qtbot, tab):
    tab.form.engine.setCurrentIndex(tab.form.engine.findData("numpy"))
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    assert run.config.engine == "numpy"
    assert run.status == "done", run.status_text()
    assert "NumPy" in run.label


def test_form_round_trips_a_config(qtbot, tab):
    tab.form.loss.setCurrentIndex(tab.form.loss.findData("focal"))
    tab.form.gamma.setValue(3.0)
    tab.form.schedule.setCurrentIndex(tab.form.schedule.findData("cosine"))
    tab.form.imbalance.setChecked(True)
    tab.form.hyper.set_optimizer("torch:adam")
    config = tab.form.config()
    assert config.optimizer == "torch:adam" and config.loss_params["gamma"] == 3.0
    assert config.imbalance == {3: 0.05, 8: 0.05} and config.schedule == "cosine"
    tab.form.set_config(type(config)())
    tab.form.set_config(config)
    assert tab.form.config() == config
    tab.form.hidden.setText("12, x")
    with pytest.raises(ValueError, match="hidden layers"):
        tab.form.config()


def test_the_tab_imports_torch_in_a_warm_up_thread_from_its_first_paint(tmp_path):
    """Issue 19: the tab's first paint starts torch's import in a background thread, so
    Start finds it done; never on the GUI thread (nor numba's: a run imports it), and not
    before that paint (the import would hold it up). An audit hook names the thread of
    each module's first import."""
    code = textwrap.dedent("""
        import json, os, sys, threading, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        imports = []
        def hook(event, args):
            if event == "import" and args[0] in ("torch", "numba"):
                imports.append([args[0], threading.current_thread().name])
        sys.addaudithook(hook)
        from PySide6 import QtCore, QtWidgets
        app = QtWidgets.QApplication([])
        from gradlab.gui.mnist import runner
        from gradlab.gui.mnist.tab import MnistTab
        tab = MnistTab()
        built = [t.name for t in runner._warm_ups]  # right after construction: none yet
        tab.show()
        deadline = time.monotonic() + 10
        while not runner._warm_ups and time.monotonic() < deadline:
            app.processEvents()  # the first paint, then the warm-up's start
        started = [t.name for t in runner._warm_ups]
        done = runner.wait_for_warm_ups(120)
        print(json.dumps({"built": built, "started": started, "done": done, "imports": imports,
                          "loaded": "torch" in sys.modules}))
        tab.shutdown()
        # A shown pyqtgraph view still alive at interpreter exit segfaults (PySide6 6.11
        # and 6.12 here); delete it first.
        tab.deleteLater()
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    """)
    env = dict(os.environ, GRADLAB_CACHE_DIR=str(tmp_path / "cache"), HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180,
                         env=env)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["built"] == [] and result["started"] == ["gradlab warm-up"]
    assert result["done"] and result["loaded"]
    assert ["torch", "gradlab warm-up"] in result["imports"]
    assert [m for m, thread in result["imports"] if thread == "MainThread"] == []


@pytest.mark.slow
def test_real_mnist_subset_learns(qtbot, tab, mnist_dir):
    tab.data_panel.use_folder(mnist_dir)
    qtbot.waitUntil(lambda: tab.data_panel.data is not None, timeout=60_000)
    small(tab, epochs=1, batch=64, lr=0.003)
    tab.form.hidden.setText("64")
    tab.form.train_subset.setValue(4096)
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    assert run.status == "done"
    assert run.epoch_evals.accuracy.view()[-1] > 0.8  # chance is 0.1


def test_a_new_tab_runs_nothing(qtbot, tab):
    assert not tab.timer.isActive() and not tab.runner.running()
    assert not tab.data_panel.busy()


def test_hover_log_scale_and_fit(qtbot, tab):
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    curves = tab.view.curves
    centre = curves.train.vb.sceneBoundingRect().center()
    tab.view.curves_view.scene().sigMouseMoved.emit(centre)
    text = curves.readout.text
    assert "training loss" in text and "epoch" in text and "smoothed" in text
    tab.log_y.click()  # a check box: toggled through Qt, as a click does
    assert curves.train.ctrl.logYCheck.isChecked() and curves.test_loss.ctrl.logYCheck.isChecked()
    curves.train.setXRange(0.4, 0.5)
    click(qtbot, tab.fit_button)
    low, high = curves.train.vb.viewRange()[0]
    assert low <= 1 / 16 and high >= 1.0  # every step in view again
    assert run.label in tab.view.pictures_title.text


def test_closing_the_main_window_mid_epoch_joins_the_tab_worker(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    from gradlab.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    tab = window.tab("MNIST")
    assert isinstance(tab, MnistTab)
    tab.data_panel.set_data(DATA, "synthetic test data")
    small(tab, epochs=400, batch=8)
    click(qtbot, tab.start_button)
    qtbot.waitUntil(lambda: len(tab.runs[0].steps) > 0, timeout=TIMEOUT)
    thread = tab.runner.worker._thread
    tab.ask_unsaved = lambda *question: "discard"  # the run is not saved: the window asks
    window.close()
    assert thread.isFinished() and not tab.timer.isActive()


def test_a_run_removed_while_another_trains_is_not_trained(qtbot, tab):
    small(tab, epochs=15, batch=8)  # about a second: long enough to remove the next one
    tab.form.eval_every.setValue(0)
    click(qtbot, tab.queue.add_button)
    small(tab, epochs=1, batch=32)
    second = tab.add_current()
    click(qtbot, tab.start_button)
    first = tab.runs[0]
    qtbot.waitUntil(lambda: len(first.steps) > 0, timeout=TIMEOUT)
    tab.queue.select(second)
    click(qtbot, tab.queue.remove_button)
    assert tab.runs == [first]
    tab.queue.select(first)
    assert not tab.queue.remove_button.isEnabled()  # the running run cannot be removed
    assert first.status == "running"
    wait_idle(qtbot, tab)  # the queue goes on after the first run: not to the removed one
    assert first.status == "done"
    assert len(second.steps) == 0 and id(second) not in tab.view.curves.runs


def test_download_shows_progress_and_cancels(qtbot, tab, monkeypatch):
    from gradlab.core.mnist import download as mnist_download

    def fake_download(folder, *, progress, cancel, **kwargs):
        """Stands in for the network: reports progress until cancelled."""
        import threading

        done, total, tick = 0, 11_000_000, threading.Event()
        while not cancel():
            done = min(total, done + 65536)
            progress(done, total)
            tick.wait(0.002)  # the fake network's pace, in the worker thread
        raise mnist_download.DownloadCancelled()

    monkeypatch.setattr(mnist_download, "download", fake_download)
    panel = tab.data_panel
    panel._show_download(False, offer=True)
    click(qtbot, panel.download_button)
    qtbot.waitUntil(lambda: panel.download_bar.value() > 0, timeout=TIMEOUT)
    assert panel.cancel_button.isVisibleTo(tab) and not panel.download_button.isEnabled()
    click(qtbot, panel.cancel_button)
    qtbot.waitUntil(lambda: "cancelled" in panel.status.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=TIMEOUT)
    assert not panel.cancel_button.isVisibleTo(tab)


def test_form_starts_from_the_trainers_defaults(qtbot):
    """The tab's first run is the documented default (cosine per batch, Adam 1e-3, ...)."""
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.gui.mnist.controls import ConfigForm

    form = ConfigForm()
    qtbot.addWidget(form)
    c, d = form.config(), TrainConfig()
    assert (c.optimizer, c.hyper["lr"], c.loss, c.activation, c.hidden, c.batch_size, c.epochs,
            c.schedule, c.schedule_unit, c.seed, c.engine) == \
           (d.optimizer, d.hyper["lr"], d.loss, d.activation, d.hidden, d.batch_size, d.epochs,
            d.schedule, d.schedule_unit, d.seed, d.engine)


def test_loading_a_file_that_is_not_a_run_says_so_and_adds_nothing(qtbot, tab, tmp_path):
    bad = tmp_path / "notes.pt"
    bad.write_bytes(b"not a torch file at all")
    tab.load_run_from(bad)  # in a worker: this returns at once
    qtbot.waitUntil(lambda: tab.load_button.isEnabled(), timeout=TIMEOUT)
    assert "notes.pt" in tab.message.text() and tab.runs == []
    assert "#a40000" in tab.message.styleSheet()  # shown as an error


def test_a_finished_run_trains_for_more_epochs(qtbot, tab):
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    (run,) = tab.runs
    assert run.status == "done" and tab.more_button.isEnabled()
    one_epoch = run.steps.view().copy()
    tab.more_epochs.setValue(2)
    assert tab.more_epochs.suffix() == " epochs"
    click(qtbot, tab.more_button)
    wait_idle(qtbot, tab)
    assert run.status == "done" and run.config.epochs == 3 and len(run.epoch_results) == 3
    steps = run.steps.view()
    np.testing.assert_array_equal(steps[: len(one_epoch)], one_epoch)  # kept, then went on
    np.testing.assert_array_equal(np.diff(steps), 1)
    assert len(steps) == 3 * len(one_epoch) and tab.runs == [run]


def test_train_more_is_off_for_runs_that_are_not_finished(qtbot, tab):
    assert not tab.more_button.isEnabled()  # nothing selected
    run = tab.add_current()
    assert tab.queue.selected() is run and not tab.more_button.isEnabled()  # queued
    small(tab, epochs=1, batch=8, optimizer="sgd", lr=1e6)  # diverges at once
    bad = tab.add_current()
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    assert bad.status == "diverged"
    tab.queue.select(bad)
    assert not tab.more_button.isEnabled()
    tab.queue.select(run)
    assert run.status == "done" and tab.more_button.isEnabled()
