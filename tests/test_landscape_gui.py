"""The Landscape tab (issue 15) with pytest-qt: it opens on trained runs, computes in its
worker, draws what the core computes, cancels within a row, and says in one line what
it cannot show. The core's numbers are checked by the core's own tests (oracles); here
the oracles are the core called directly, numpy's SVD for the PCA shares, and the
evaluator at θ₀ and θ_T for the line's ends.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.synthetic import synthetic
from gradlab.gui.landscape import jobs
from gradlab.gui.landscape.runs import RunSource, as_arrays
from gradlab.gui.landscape.tab import LandscapeTab

TIMEOUT = 30_000  # ms; generous on two shared cores, never reached when things work
DATA = synthetic(600, 100, seed=0)
SUBSET = 300
HIDDEN = (16, 8)


@functools.lru_cache(maxsize=None)
def checkpoint(optimizer: str, lr: float):
    """A tiny run (784-16-8-10, one epoch of 600 synthetic digits) trained by the core."""
    from gradlab.core.mnist.train import train

    # torch.optim's rules: the core's compiled ones would cost a numba compile per test run.
    config = TrainConfig(optimizer=f"torch:{optimizer}", hyper={"lr": lr}, hidden=HIDDEN, epochs=1,
                         batch_size=60, seed=3, schedule="constant", eval_every=10_000)
    last = None
    for frame in train(config, DATA):
        last = frame
    assert last.checkpoint.trajectory is not None  # training keeps the path
    return last.checkpoint


def trained(optimizer: str, lr: float, keep_path: bool = True) -> RunSource:
    ck = checkpoint(optimizer, lr)
    config = ck.config
    label = f"{'1' if optimizer == 'sgd' else '2'}. {config.label()}"
    colour = "#ff2a2a" if optimizer == "sgd" else "#1a8cff"
    return RunSource(label=label, short=label.split(" lr")[0], colour=colour, config=config,
                     weights=ck.state["model"], trajectory=ck.trajectory if keep_path else None)


@pytest.fixture
def tab(qtbot):
    t = LandscapeTab()
    qtbot.addWidget(t)
    t.resize(1200, 800)
    t.show()
    qtbot.waitExposed(t)
    t.set_data(DATA)
    sgd, adam = trained("sgd", 0.5), trained("adam", 0.01)
    t.set_runs({sgd.label: sgd, adam.label: adam})
    t.controls.subset.setValue(SUBSET)
    yield t
    t.shutdown()


def compute(qtbot, tab: LandscapeTab, view: str, grid: int = 9) -> None:
    tab.controls.set_view(view)
    tab.controls.grid.setValue(grid)
    with qtbot.waitSignal(tab.computing_changed, timeout=TIMEOUT, check_params_cb=lambda on: not on):
        assert tab.compute(), tab.controls.problem.text()


def test_the_map_draws_the_cores_grid(qtbot, tab, tmp_path):
    from gradlab.core.landscape.directions import random_plane
    from gradlab.core.landscape.evaluate import Evaluator
    from gradlab.core.landscape.grid import compute_plane

    compute(qtbot, tab, "random")
    qtbot.waitUntil(lambda: tab.map.loss.size and not np.isnan(tab.map.loss).any(), timeout=TIMEOUT)
    run = tab.runs[tab.controls.checked()[0]]
    evaluator = Evaluator(run.config, DATA, subset=SUBSET)
    alphas = betas = np.linspace(-1.0, 1.0, 9)
    *_, last = compute_plane(random_plane(as_arrays(run.weights), 0), alphas, betas, evaluator)
    np.testing.assert_allclose(tab.map.loss, last.loss, rtol=1e-6)
    np.testing.assert_allclose(tab.map.drawn_loss(), last.loss, rtol=1e-5)  # what the image holds
    # The centre is θ_T itself: the run's loss there, whatever the directions.
    assert tab.map.loss[4, 4] == pytest.approx(evaluator.loss_accuracy(as_arrays(run.weights))[0], rel=1e-5)
    # Pixels are centred on the grid points: the image spans α₀ − Δ/2 .. α_n + Δ/2.
    rect = tab.map.image.mapRectToParent(tab.map.image.boundingRect())
    assert rect.left() == pytest.approx(-1.125) and rect.right() == pytest.approx(1.125)
    assert "filter-normalised" in tab.explanation.text()
    assert tab.controls.progress.format() == "done: 81 / 81 points"
    assert tab.map.value_at(0.0, 0.0).startswith("α = 0, β = 0: loss ")
    assert tab.map.contours.getData()[0] is not None and len(tab.map.contours.getData()[0]) > 0
    out = tab.export_png(tmp_path / "map.png")  # Export PNG…, without its dialog
    assert QtGui.QImage(str(out)).width() == tab.map.width()
    # No OpenGL offscreen: the 3-D button says so in the view, and the map stays computed.
    tab.button_3d.click()
    assert tab.stack.currentWidget() is tab.view3d and "unavailable" in tab.view3d.message.text()
    tab.button_2d.click()
    assert tab.stack.currentWidget() is tab.map


def test_the_coarse_pass_is_drawn_first_with_holes(qtbot, tab):
    """Every update drawn as it arrives (the redraw clock may skip some on a busy machine):
    the map's holes (NaN, the background) shrink to none, the coarse pass's first."""
    seen = []

    def draw_now(update) -> None:
        if not isinstance(update, (jobs.PlaneStart, jobs.LineStart)):
            tab.redraw()
            seen.append(int(np.isnan(tab.map.loss).sum()))

    tab.controls.set_view("random")
    tab.controls.grid.setValue(9)
    with qtbot.waitSignal(tab.computing_changed, timeout=TIMEOUT, check_params_cb=lambda on: not on):
        assert tab.compute()
        tab.worker.frame.connect(draw_now)  # after the tab's own slot: the update is stored
    assert seen[0] == 81 - 3  # the coarse pass's first row: α₀, α₄, α₈ of row 0
    assert seen[-1] == 0 and seen == sorted(seen, reverse=True)


def test_cancel_stops_within_a_row(qtbot, tab, monkeypatch):
    """After Cancel the worker computes at most the point it was on (the core checks the
    flag before every point), and the tab is idle again."""
    from gradlab.core.landscape import evaluate

    after_stop = []
    original = evaluate.Evaluator.on_plane

    def counting(self, plane):
        at = original(self, plane)

        def wrapped(a, b):
            worker = tab.worker
            if worker is not None and worker.stop_requested():
                after_stop.append((a, b))
            return at(a, b)
        return wrapped

    monkeypatch.setattr(evaluate.Evaluator, "on_plane", counting)
    tab.controls.set_view("random")
    tab.controls.grid.setValue(41)
    tab.controls.subset.setValue(2000)
    with qtbot.waitSignal(tab.frame_drawn, timeout=TIMEOUT):
        assert tab.compute()
    with qtbot.waitSignal(tab.computing_changed, timeout=5000):
        tab.cancel()
    assert not tab.is_computing() and tab.controls.compute_button.isEnabled()
    assert len(after_stop) <= 1, after_stop
    u = tab.last_update
    assert u.done < u.total
    assert tab.controls.progress.format().startswith("cancelled at")


def test_the_line_has_one_curve_per_run_from_the_shared_start(qtbot, tab):
    from gradlab.core.landscape.evaluate import Evaluator

    compute(qtbot, tab, "line", grid=9)
    assert tab.stack.currentWidget() is tab.line
    assert len(tab.line.curves) == 2
    alphas = tab.line.alphas
    assert alphas[0] == -0.5 and alphas[-1] == 1.5
    i0, i1 = int(np.argmin(abs(alphas))), int(np.argmin(abs(alphas - 1)))
    assert alphas[i0] == 0.0 and alphas[i1] == pytest.approx(1.0)
    for label, (loss_curve, acc_curve) in tab.line.curves.items():
        x, y = loss_curve.xData, loss_curve.yData  # as given (getData is log₁₀ on a log axis)
        assert len(x) == len(alphas) and np.isfinite(y).all()
        run = tab.runs[label]
        evaluator = Evaluator(run.config, DATA, subset=SUBSET)
        assert y[i0] == pytest.approx(evaluator.loss_accuracy(run.start())[0], rel=1e-5)
        assert y[i1] == pytest.approx(evaluator.loss_accuracy(run.final())[0], rel=1e-5)
        acc = acc_curve.yData
        assert 0 <= acc.min() and acc.max() <= 100  # percent
    ends = [c[0].yData[i0] for c in tab.line.curves.values()]
    assert ends[0] == pytest.approx(ends[1], rel=1e-6)  # one θ₀


def test_the_pca_plane_says_what_it_is_and_the_shares_it_explains(qtbot, tab):
    compute(qtbot, tab, "pca", grid=5)
    text = tab.explanation.text()
    assert "must not be used to compare optimizers" in text
    run = tab.runs[tab.controls.checked()[0]]
    # The oracle: numpy's SVD of the centred snapshots minus θ_T.
    final = run.final()
    rows = np.stack([np.concatenate([(theta[k] - final[k]).ravel() for k in final]).astype(np.float64)
                     for _, theta in run.trajectory.points()][:-1])
    s = np.linalg.svd(rows - rows.mean(axis=0), compute_uv=False)
    shares = s ** 2 / (s ** 2).sum()
    assert f"{100 * shares[0]:.1f} %" in text and f"{100 * shares[1]:.1f} %" in text
    assert f"{100 * shares[0]:.1f} % of the variance" in tab.map.plot.getAxis("bottom").labelText
    assert len(tab.map._path_items) == 1  # its own path, nobody else's


def test_the_plane_of_two_runs_draws_every_path_through_their_points(qtbot, tab):
    compute(qtbot, tab, "runs", grid=5)
    assert len(tab.map._path_items) == 2
    for item in tab.map._path_items:
        x, y = item.getData()
        assert (x[0], y[0]) == pytest.approx((0.0, 0.0), abs=1e-3)  # θ₀, shared
    first = tab.map._path_items[0].getData()
    assert (first[0][-1], first[1][-1]) == pytest.approx((1.0, 0.0), abs=1e-3)  # A's final
    assert "exactly" in tab.explanation.text()


def test_a_run_without_a_path_gets_one_line_for_the_views_that_need_one(qtbot, tab):
    bare = trained("adam", 0.01, keep_path=False)
    bare = RunSource(**{**bare.__dict__, "label": "3. no path", "short": "3. no path"})
    tab.set_runs({bare.label: bare})
    for view in ("pca", "runs", "line"):
        tab.controls.set_view(view)
        problem = tab.controls.problem.text()
        assert tab.controls.problem.isVisibleTo(tab) and "\n" not in problem, view
        assert "3. no path" in problem or view == "runs", (view, problem)
        assert not tab.compute()
    tab.controls.set_view("random")
    assert not tab.controls.problem.isVisibleTo(tab)  # the random plane needs no path
    # Beside a run with a path, the line draws that one and names the one left out.
    sgd = trained("sgd", 0.5)
    tab.set_runs({sgd.label: sgd, bare.label: bare})
    tab.controls.run_list.item(0).setCheckState(QtCore.Qt.CheckState.Checked)  # seen before: not ticked anew
    assert tab.controls.checked() == [sgd.label, bare.label]
    compute(qtbot, tab, "line", grid=5)
    assert list(tab.line.curves) == [sgd.label]
    assert "Not drawn: 3. no path" in tab.explanation.text()


def test_without_data_it_says_where_to_get_them(qtbot):
    t = LandscapeTab()
    qtbot.addWidget(t)
    run = trained("sgd", 0.5)
    t.set_runs({run.label: run})
    assert not t.compute()
    assert "MNIST tab" in t.controls.problem.text() and "\n" not in t.controls.problem.text()


def test_write_png_writes_a_picture_of_the_size_asked(tmp_path):
    from gradlab.gui.landscape.render import write_png

    alphas = np.linspace(-1, 1, 5)
    loss = np.add.outer(alphas ** 2, alphas ** 2) + 0.1
    plane = {"plane": "runs", "alphas": alphas.tolist(), "betas": alphas.tolist(),
             "loss": loss.tolist(), "accuracy": (0 * loss + 0.5).tolist(), "center_loss": 0.1,
             "paths": {"A": [[0, 0], [0.5, 0.2], [1, 0]]}, "subset": 100, "seed": 0,
             "colours": {"A": "#ff2a2a"}}
    out = write_png(plane, tmp_path / "plane.png", size=(640, 480))
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (640, 480)
    line = {"plane": "line", "alphas": [-0.5, 0, 0.5, 1, 1.5], "loss": [2.3, 2.3, 1.0, 0.2, 0.4],
            "accuracy": [0.1, 0.1, 0.6, 0.95, 0.9], "subset": 100, "seed": 0,
            "runs": {"A": {"loss": [2.3, 2.3, 1.0, 0.2, 0.4], "accuracy": [0.1, 0.1, 0.6, 0.95, 0.9]},
                     "B": {"loss": [2.3, 2.3, 1.5, 0.5, 0.6], "accuracy": [0.1, 0.1, 0.4, 0.9, 0.85]}}}
    out = write_png(line, tmp_path / "line.png", size=(500, 400))
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (500, 400)
    with pytest.raises(ValueError, match="loss grid"):
        write_png({**plane, "loss": [[1.0]]}, tmp_path / "bad.png")
    assert not (tmp_path / "bad.png").exists()


def test_the_window_lists_the_mnist_tabs_runs_in_their_colours(qtbot, tmp_path):
    from gradlab.core.mnist.run_file import load_run, save_run
    from gradlab.gui.main_window import MainWindow

    path = tmp_path / "adam.pt"
    save_run(path, checkpoint("adam", 0.01))
    assert load_run(path).trajectory is not None

    window = MainWindow()
    qtbot.addWidget(window)
    mnist = window.tab("MNIST")
    with qtbot.waitSignal(mnist.run_loaded, timeout=TIMEOUT):
        mnist.load_run_from(path)
    landscape = window.tab("Landscape")
    window.tabs.setCurrentWidget(landscape)
    landscape.refresh_runs()
    assert len(landscape.runs) == 1
    listed = next(iter(landscape.runs.values()))
    assert listed.trajectory is not None and listed.colour == mnist.runs[0].colour
    item = landscape.controls.run_list.item(0)
    assert item.foreground().color().name() == QtGui.QColor(listed.colour).name()
    # A file that is not a run: one line in the status bar, nothing added.
    bad = tmp_path / "not_a_run.pt"
    bad.write_bytes(b"not a run")
    landscape.load_run_file(bad)
    qtbot.waitUntil(lambda: "not_a_run.pt" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    assert "\n" not in window.statusBar().currentMessage()
    assert len(landscape.runs) == 1
    # The run the MNIST tab lists, loaded again: one line, not listed twice (issue 15, q_98).
    landscape.load_run_file(path)
    qtbot.waitUntil(lambda: "already listed" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    assert len(landscape.runs) == 1
    qtbot.waitUntil(lambda: landscape._file_loader is None, timeout=TIMEOUT)
    # Another run's file is added, in a colour of its own.
    other = tmp_path / "sgd.pt"
    save_run(other, checkpoint("sgd", 0.5))
    with qtbot.waitSignal(landscape.runs_changed, timeout=TIMEOUT):
        landscape.load_run_file(other)
    assert len(landscape.runs) == 2
    landscape.shutdown()
    mnist.shutdown()


def test_request_checks_are_one_line(qtbot):
    sgd, adam = trained("sgd", 0.5), trained("adam", 0.01)
    assert jobs.check(jobs.Request("runs", (sgd,), DATA)).count("\n") == 0
    assert "two" in jobs.check(jobs.Request("runs", (sgd,), DATA))
    assert jobs.check(jobs.Request("runs", (sgd, adam), DATA)) is None
    other = RunSource(**{**adam.__dict__, "trajectory": trained("adam", 0.02).trajectory})
    assert jobs.check(jobs.Request("runs", (sgd, other), DATA)) is None  # same seed: same θ₀
    assert jobs.line_alphas(21).tolist() == pytest.approx(np.arange(-5, 16) / 10)


def test_presenter_mode_at_1280_by_720_gives_the_map_most_of_the_screen(qtbot):
    from gradlab.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.set_presenter(True)
    landscape = window.tab("Landscape")
    window.tabs.setCurrentWidget(landscape)
    qtbot.waitUntil(lambda: landscape.map.isVisible(), timeout=5000)
    qtbot.wait(0)
    assert (window.width(), window.height()) == (1280, 720)
    assert landscape.map.width() >= 0.6 * window.width(), landscape.map.width()
    assert landscape.map.height() >= 0.6 * window.height(), landscape.map.height()
    # Nothing in the settings column is cut sideways: it scrolls only vertically.
    column = landscape.controls
    assert column.minimumSizeHint().width() <= landscape.scroll.viewport().width()
    landscape.shutdown()
