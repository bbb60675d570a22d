"""The Backpropagation tab's real-network page: drawing, live probabilities, δ pictures,
saliency, target choice, MNIST test digits, and networks from runs and run files.

Oracles: p by a plain numpy forward pass written here; δ and ∂C/∂x by calling the core's
`trace` directly on the preprocessed drawing (the page must show those very numbers);
MNIST pixels read from the IDX file by hand; a run file's weights by `torch.load`.
"""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets
from PySide6.QtTest import QTest

from gradlab.core.backprop import drawing, real, trace
from gradlab.gui.backprop import canvas as canvas_mod
from gradlab.gui.backprop.real import RealNetworkPage, RunWeights

LEFT, RIGHT = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton
# A "7": a top bar and a slanted stem, in canvas-widget fractions.
SEVEN = [(0.3, 0.25), (0.5, 0.25), (0.7, 0.25), (0.6, 0.45), (0.5, 0.65), (0.45, 0.8)]


def forward_p(params, x, f=lambda z: np.maximum(z, 0.0)) -> np.ndarray:
    """softmax(W3 f(W2 f(W1 x + b1) + b2) + b3), in float64: the oracle for the bars."""
    a = np.asarray(x, np.float64).reshape(-1)
    for i, (W, b) in enumerate(params):
        z = np.asarray(W, np.float64) @ a + np.asarray(b, np.float64)
        a = f(z) if i < len(params) - 1 else z
    e = np.exp(a - a.max())
    return e / e.sum()


def make_page(qtbot, data_folder=None) -> RealNetworkPage:
    page = RealNetworkPage(data_folder=data_folder)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.network is not None and page._data_loader is None, timeout=20000)
    return page


@pytest.fixture
def page(qtbot, tmp_path):
    return make_page(qtbot, tmp_path / "no-mnist-here")


def at(widget: QtWidgets.QWidget, fx: float, fy: float) -> QtCore.QPoint:
    side = min(widget.width(), widget.height())  # the canvas is the top square
    left = (widget.width() - side) / 2
    return QtCore.QPoint(round(left + fx * side), round(fy * side))


def stroke(widget, points, button=LEFT) -> None:
    QTest.mousePress(widget, button, QtCore.Qt.KeyboardModifier.NoModifier, at(widget, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(widget, at(widget, *p))
    QTest.mouseRelease(widget, button, QtCore.Qt.KeyboardModifier.NoModifier, at(widget, *points[-1]))


def image_of(item) -> np.ndarray:
    return np.asarray(item.image, np.float64)


def test_drawing_updates_the_probabilities_with_the_preprocessed_drawing(page, qtbot):
    page.target.setCurrentIndex(page.target.findData(3))  # a fixed y, known to the oracle
    with qtbot.waitSignal(page.traced, timeout=5000) as blocker:
        stroke(page.canvas, SEVEN)
    canvas = page.canvas.array()
    assert canvas.shape == (canvas_mod.SIDE, canvas_mod.SIDE) and canvas.max() <= 1.0
    # ink along the stroke, none in a far corner
    side = canvas_mod.SIDE
    assert canvas[int(0.25 * side), int(0.5 * side)] > 0.9 and canvas[int(0.95 * side), int(0.05 * side)] == 0
    x = drawing.preprocess(canvas)
    params = real.fresh_params(0)
    # the bars: p of the preprocessed drawing, by a numpy forward pass written here
    np.testing.assert_allclose(page.pictures.prob_bars.opts["height"], forward_p(params, x),
                               rtol=1e-9, atol=1e-12)
    # the digit shown beside the canvas is the preprocessed one (what the network reads)
    np.testing.assert_array_equal(image_of(page.pictures.forward[0]), x)
    # the saliency picture is ∂C/∂x of the core's trace with y = 3, as a 28×28 image
    t = trace(params, "relu", x.reshape(1, -1), [3], "cross_entropy")
    np.testing.assert_allclose(image_of(page.pictures.backward[0]), t.input_grad.reshape(28, 28), rtol=1e-9,
                               atol=1e-15)
    np.testing.assert_allclose(image_of(page.pictures.backward[1]), t.delta[0].reshape(16, 32), rtol=1e-9,
                               atol=1e-15)
    np.testing.assert_allclose(image_of(page.pictures.forward[1]), t.a[1].reshape(16, 32), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(image_of(page.pictures.backward[2]), t.delta[1].reshape(16, 16), rtol=1e-9,
                               atol=1e-15)
    assert blocker.args[0] is page.trace
    assert page.use_drawing.isChecked()


def test_the_canvas_reports_while_drawing_throttled(page, qtbot):
    c = page.canvas
    QTest.mousePress(c, LEFT, QtCore.Qt.KeyboardModifier.NoModifier, at(c, 0.3, 0.3))
    with qtbot.waitSignal(c.changed, timeout=2000) as first:  # before the button is released
        for i in range(20):
            QTest.mouseMove(c, at(c, 0.3 + 0.02 * i, 0.3 + 0.01 * i))
    seen = []
    c.changed.connect(seen.append)
    for i in range(20):  # many moves within one interval: one emission at most, on the timer
        QTest.mouseMove(c, at(c, 0.7 - 0.02 * i, 0.5))
    assert seen == []
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2000)
    with qtbot.waitSignal(c.changed, timeout=2000):
        QTest.mouseRelease(c, LEFT, QtCore.Qt.KeyboardModifier.NoModifier, at(c, 0.3, 0.5))
    assert first.args[0].sum() > 0 and len(seen) == 2
    assert not c._timer.isActive()


def test_the_right_button_erases_and_clear_wipes(page, qtbot):
    with qtbot.waitSignal(page.traced, timeout=5000):
        stroke(page.canvas, SEVEN)
    ink = page.canvas.array().sum()
    with qtbot.waitSignal(page.canvas.changed, timeout=2000):
        stroke(page.canvas, SEVEN[:3], button=RIGHT)  # rub out the top bar
    after = page.canvas.array()
    assert 0 < after.sum() < 0.8 * ink
    assert after[int(0.25 * canvas_mod.SIDE), int(0.5 * canvas_mod.SIDE)] == 0
    with qtbot.waitSignal(page.traced, timeout=2000):
        QTest.mouseClick(page.clear_button, LEFT)
    assert not page.canvas.array().any()
    np.testing.assert_array_equal(image_of(page.pictures.forward[0]), drawing.preprocess(np.zeros((28, 28))))


def test_changing_the_target_retraces(page, qtbot):
    with qtbot.waitSignal(page.traced, timeout=5000):
        stroke(page.canvas, SEVEN)
    # a drawing has no label: its target is the prediction, and the page says so
    predicted = int(np.argmax(page.pictures.prob_bars.opts["height"]))
    assert f"target {predicted}" in page.target_label.text() and "the prediction" in page.target_label.text()
    before = image_of(page.pictures.backward[1]).copy()
    other = (predicted + 1) % 10
    with qtbot.waitSignal(page.traced, timeout=2000) as blocker:
        page.target.setCurrentIndex(page.target.findData(other))
    t = blocker.args[0]
    assert list(t.y) == [other]
    assert f"target {other} (chosen)" in page.target_label.text()
    for plot in page.pictures.backward_plots[1:]:
        assert f"y = {other}" in plot.titleLabel.text
    after = image_of(page.pictures.backward[1])
    assert not np.allclose(after, before)
    oracle = trace(real.fresh_params(0), "relu", drawing.preprocess(page.canvas.array()).reshape(1, -1),
                   [other], "cross_entropy")
    np.testing.assert_allclose(after, oracle.delta[0].reshape(16, 32), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(page.pictures.delta_bars.opts["height"], oracle.delta[2][0], rtol=1e-9, atol=1e-15)
    # the list of units names the largest |δ| of the output layer first
    j = int(np.argmax(np.abs(oracle.delta[2][0])))
    assert f"layer 3, unit {j}:" in page.units.toPlainText().splitlines()[1]


def test_without_mnist_the_test_digit_controls_are_off(page):
    if page.data is not None:
        pytest.skip("MNIST found in the app's data folder")
    assert not page.index.isEnabled() and not page.next_mistake_button.isEnabled()
    assert not page.use_test.isEnabled()
    assert page.data_note.text() == "No MNIST data: draw a digit."
    assert page.data_note.heightForWidth(page.data_note.width()) <= 1.5 * page.data_note.fontMetrics().height()


def _idx_test_set(folder):
    with gzip.open(folder / "t10k-images-idx3-ubyte.gz", "rb") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz", "rb") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    return images, labels


def test_a_test_digit_loads_and_next_mistake_finds_a_wrong_one(qtbot, mnist_dir):
    page = make_page(qtbot, mnist_dir)
    assert page.data is not None and page.index.isEnabled()
    images, labels = _idx_test_set(mnist_dir)
    with qtbot.waitSignal(page.traced, timeout=5000):
        page.index.setValue(11)
    assert page.use_test.isChecked()
    x = (images[11] / 255.0 - 0.1307) / 0.3081
    np.testing.assert_allclose(image_of(page.pictures.forward[0]), x, rtol=1e-12)
    assert f"(a {labels[11]})" in page.target_label.text()
    assert f"target {labels[11]} (the true label)" in page.target_label.text()
    params = real.fresh_params(0)
    with qtbot.waitSignal(page.traced, timeout=10000):
        QTest.mouseClick(page.next_mistake_button, LEFT)
    found = page.index.value()
    assert found > 11
    predictions = [int(np.argmax(forward_p(params, (images[i] / 255.0 - 0.1307) / 0.3081)))
                   for i in range(12, found + 1)]
    assert predictions[-1] != labels[found]  # wrong
    assert predictions[:-1] == list(labels[12:found])  # and every digit before it right
    assert f"Test digit {found} (a {labels[found]})" in page.target_label.text()


def test_a_run_file_loads_in_the_worker_and_its_weights_are_used(qtbot, page, tmp_path, monkeypatch):
    import threading

    import torch

    from gradlab.gui.backprop import real as page_mod

    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.core.mnist.synthetic import synthetic
    from gradlab.core.mnist.train import save_run, train

    config = TrainConfig(schedule="constant", hidden=(64, 32), batch_size=50, epochs=1, eval_every=0,
                         eval_subset=50, grid_size=4, threads=1, activation="tanh", hyper={"lr": 0.01})
    frames = list(train(config, synthetic(200, 50, seed=1)))
    path = save_run(tmp_path / "tiny.pt", frames[-1].checkpoint)
    sd = torch.load(path, weights_only=True)["state"]["model"]
    params = [(sd[f"{2 * i}.weight"].double().numpy(), sd[f"{2 * i}.bias"].double().numpy()) for i in range(3)]

    threads = []
    original = page_mod._load_file
    monkeypatch.setattr(page_mod, "_load_file",
                        lambda p: threads.append(threading.current_thread()) or original(p))
    page.target.setCurrentIndex(page.target.findData(5))
    with qtbot.waitSignal(page.network_loaded, timeout=20000):
        page.open_run_file(path)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()  # read in the worker
    qtbot.waitUntil(lambda: page._network_loader is None)
    assert "tiny.pt" in page.status.text() and "tiny.pt" in page.network_combo.currentText()
    with qtbot.waitSignal(page.traced, timeout=5000):
        stroke(page.canvas, SEVEN)
    x = drawing.preprocess(page.canvas.array())
    np.testing.assert_allclose(page.pictures.prob_bars.opts["height"], forward_p(params, x, np.tanh), rtol=1e-9,
                               atol=1e-12)
    assert page.trace.sizes == (784, 64, 32, 10) and page.trace.activation == "tanh"
    assert image_of(page.pictures.backward[1]).shape == (8, 8)  # 64 units as a grid
    # a file that is not a run: the message says so, the network in use stays
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a run")
    said = lambda m: "bad.pt" in m and "Loading" not in m  # noqa: E731
    with qtbot.waitSignal(page.message, timeout=20000, check_params_cb=said):
        page.open_run_file(bad)
    qtbot.waitUntil(lambda: page._network_loader is None)
    assert page.trace.sizes == (784, 64, 32, 10)
    assert "tiny.pt" in page.network_combo.currentText()  # the list shows the network in use
    assert page.network_combo.findText("File: bad.pt") < 0


def test_runs_of_the_mnist_tab_are_offered_and_used(page, qtbot):
    rng = np.random.default_rng(3)
    params = [(rng.normal(0, 0.05, (n_out, n_in)), rng.normal(0, 0.05, n_out))
              for n_in, n_out in zip((784, 512, 256), (512, 256, 10))]
    sd = {}
    for i, (W, b) in enumerate(params):
        sd[f"{2 * i}.weight"], sd[f"{2 * i}.bias"] = W, b
    page.set_runs([RunWeights("1. Adam lr=0.001 · cross-entropy · ReLU", sd)])
    i = page.network_combo.findText("MNIST tab: 1. Adam lr=0.001 · cross-entropy · ReLU")
    assert i == 1
    with qtbot.waitSignal(page.network_loaded, timeout=10000):
        page.network_combo.setCurrentIndex(i)
        page.network_combo.activated.emit(i)
    qtbot.waitUntil(lambda: page._network_loader is None)
    with qtbot.waitSignal(page.traced, timeout=5000):
        stroke(page.canvas, SEVEN)
    x = drawing.preprocess(page.canvas.array())
    np.testing.assert_allclose(page.pictures.prob_bars.opts["height"], forward_p(params, x),
                               rtol=1e-9, atol=1e-12)


def test_the_page_lists_the_runs_its_window_offers(qtbot):
    """The main window hands the MNIST tab's runs over as plain values (`mnist_runs`)."""
    params = real.fresh_params(1)
    sd = {f"{2 * i}.{k}": v for i, (W, b) in enumerate(params) for k, v in (("weight", W), ("bias", b))}

    class Window(QtWidgets.QMainWindow):
        def mnist_runs(self):
            return [{"label": "2. SGD lr=0.1 · cross-entropy · tanh", "state_dict": sd, "activation": "tanh"}]

    window = Window()
    qtbot.addWidget(window)
    page = RealNetworkPage()
    window.setCentralWidget(page)
    window.show()
    qtbot.waitUntil(lambda: page.network is not None and page._network_loader is None, timeout=20000)
    qtbot.waitUntil(lambda: page._data_loader is None, timeout=20000)
    i = page.network_combo.findText("MNIST tab: 2. SGD lr=0.1 · cross-entropy · tanh")
    assert i == 1
    with qtbot.waitSignal(page.network_loaded, timeout=10000):
        page.network_combo.activated.emit(i)
    qtbot.waitUntil(lambda: page._network_loader is None)
    x = drawing.preprocess(page.canvas.array())
    assert page.trace.activation == "tanh"
    np.testing.assert_allclose(page.pictures.prob_bars.opts["height"], forward_p(params, x, np.tanh), rtol=1e-9,
                               atol=1e-12)


def test_hovering_a_unit_names_it_with_its_numbers(page, qtbot):
    from gradlab.core.backprop import equations

    with qtbot.waitSignal(page.traced, timeout=5000):
        stroke(page.canvas, SEVEN)
    image = page.pictures.backward[1]  # δ⁽¹⁾, 16×32
    pos = image.mapToScene(QtCore.QPointF(5.5, 2.5))  # column 5 of row 2: unit 2·32 + 5
    assert page.pictures.unit_at(pos) == (1, 1, 69)
    text = page.hover_text(pos)
    assert text.startswith("δ⁽¹⁾ = ∂C/∂z⁽¹⁾")
    assert text.endswith(equations.unit_tooltip(page.trace, 1, 69))
    assert "Layer 1, unit 69" in text
    pixel = page.pictures.forward[0].mapToScene(QtCore.QPointF(27.5, 0.5))  # the input's last column
    assert page.pictures.unit_at(pixel) == (0, 0, 27)
    vb = page.pictures.delta_plot.getViewBox()
    assert page.pictures.unit_at(vb.mapViewToScene(QtCore.QPointF(7.1, 0.0))) == (1, 3, 7)
    assert page.hover_text(QtCore.QPointF(-50, -50)) == ""


def test_the_main_window_hands_over_the_mnist_tabs_runs(qtbot):
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.core.mnist.synthetic import synthetic
    from gradlab.core.mnist.train import train
    from gradlab.gui.main_window import MainWindow
    from gradlab.gui.mnist.runs import run_from_checkpoint

    config = TrainConfig(schedule="constant", batch_size=100, epochs=1, eval_every=0, eval_subset=50,
                         grid_size=4, threads=1, activation="sigmoid")
    checkpoint = list(train(config, synthetic(200, 50, seed=2)))[-1].checkpoint
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.mnist_runs() == []  # the MNIST tab is not built yet
    mnist = window.tab("MNIST")
    run = mnist.queue.add_run(run_from_checkpoint(checkpoint, "#0072B2", 1))
    runs = window.mnist_runs()
    assert [r["label"] for r in runs] == [run.label] and runs[0]["activation"] == "sigmoid"
    page = window.tab("Backpropagation").real
    window.tabs.setCurrentWidget(window.tab("Backpropagation"))
    window.tab("Backpropagation").tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.network is not None and page._network_loader is None, timeout=20000)
    qtbot.waitUntil(lambda: page._data_loader is None, timeout=20000)
    i = page.network_combo.findText(f"MNIST tab: {run.label}")
    assert i == 1
    with qtbot.waitSignal(page.network_loaded, timeout=10000):
        page.network_combo.activated.emit(i)
    qtbot.waitUntil(lambda: page._network_loader is None)
    sd = checkpoint.state["model"]
    params = [(sd[f"{2 * k}.weight"].double().numpy(), sd[f"{2 * k}.bias"].double().numpy()) for k in range(3)]
    x = drawing.preprocess(page.canvas.array())
    sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    np.testing.assert_allclose(page.pictures.prob_bars.opts["height"], forward_p(params, x, sigmoid), rtol=1e-9,
                               atol=1e-12)


def test_presenter_mode_at_1280_by_720_keeps_the_pictures_large(qtbot):
    from gradlab.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    tab = window.tab("Backpropagation")
    page = tab.real
    window.tabs.setCurrentWidget(tab)
    tab.tabs.setCurrentWidget(page)
    window.set_presenter(True)
    qtbot.waitUntil(lambda: page.trace is not None and page._data_loader is None, timeout=20000)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1280, 720))
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    # every picture on screen at least 120 px tall or wide (a 16×32 grid is half as tall)
    view = page.layers_view
    for image in page.pictures.forward + page.pictures.backward:
        rect = view.mapFromScene(image.sceneBoundingRect()).boundingRect()
        assert max(rect.width(), rect.height()) >= 120, rect
    # the titles fit whole (none cut with "…") once the layout has settled
    plots = page.pictures.forward_plots + page.pictures.backward_plots
    qtbot.waitUntil(lambda: all(p.titleLabel.shown == p.titleLabel.text for p in plots), timeout=3000)
    assert page.verdict.font().pointSizeF() > window.font().pointSizeF()
    assert page.canvas.width() >= 150 and page.canvas.height() >= 150


def test_the_page_finds_mnist_where_the_mnist_tab_has_it(qtbot, mnist_dir):
    """Shown in a window, the page asks it for the MNIST tab's folder (`mnist_folder`)
    and loads the test set from there: Test digit is usable."""

    class Window(QtWidgets.QMainWindow):
        def mnist_folder(self):
            return str(mnist_dir)

    window = Window()
    qtbot.addWidget(window)
    page = RealNetworkPage(data_folder=mnist_dir / "no-mnist-here")
    window.setCentralWidget(page)
    window.show()
    qtbot.waitUntil(lambda: page.network is not None and page._network_loader is None, timeout=20000)
    qtbot.waitUntil(lambda: page.data is not None and page._data_loader is None, timeout=30000)
    assert page.use_test.isEnabled() and page.index.maximum() == 9999


def test_a_long_run_name_is_elided_in_the_middle_with_the_whole_name_as_tooltip(page):
    label = "1. Adam lr=0.001 · cross-entropy · relu · batch 64 · seed 0"
    page.set_runs([RunWeights(label, {})])
    combo = page.network_combo
    assert combo.itemData(1, QtCore.Qt.ItemDataRole.ToolTipRole) == f"MNIST tab: {label}"
    combo.setCurrentIndex(1)
    assert not combo.grab().isNull()  # the eliding paintEvent runs
