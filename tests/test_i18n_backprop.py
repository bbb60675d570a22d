"""The Backpropagation tab in Chinese (issue 17): no English left on either page, in the
states a lesson goes through (every phase, the batch view, an optimizer's step, a refused
edit, a network from the Playground, a digit drawn); switched live and back to the exact
English; nothing it computes depends on the language; and it fits a 1280×720 projector
in presenter mode.

The Chinese texts come from resources/i18n/gradlab_zh_CN.ts (and any .qm named in
$GRADLAB_EXTRA_QM); where the tab's contexts are not translated yet, the tests that need
them skip, before any widget is built, and say so.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from gradlab.core import losses, optimizers
from gradlab.core.backprop import phases as bp_phases
from gradlab.gui.backprop import controls
from gradlab.gui.backprop.diagram import EdgeItem, UnitItem
from gradlab.gui.backprop.real import RealNetworkPage
from gradlab.gui.backprop.tab import BackpropTab
from gradlab.gui.backprop.words import core_text, phase_title
from gradlab.gui.i18n import set_language
from i18n_walk import english_leftovers, english_words, texts, to_chinese

# Words of the core's formulas, which stay formulas in Chinese ("pᵢ − onehot(yᵢ)", Adagrad's
# symbol "η_decay"), and "logits", which the course text keeps in English ("最后输出10个logits").
FORMULA_WORDS = ("onehot", "decay", "logit", "logits")
# Texts whose translations say the tab is in the .ts (checked before any widget is built).
PROBES = (("BackpropSmall", "Step ▶"), ("BackpropCore", "Gradients"))


_tabs: list[BackpropTab] = []


@pytest.fixture(autouse=True)
def _stop_real_pages():
    """The real network's page loads its network in a worker when it is built; closing a
    tab built here (not a window) does not reach the page's closeEvent, so stop it."""
    yield
    while _tabs:
        assert _tabs.pop().real.shutdown(5000)


def _tab(qtbot) -> BackpropTab:
    tab = BackpropTab()
    _tabs.append(tab)
    qtbot.addWidget(tab)
    tab.resize(1500, 950)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _real_page(qtbot, tmp_path) -> RealNetworkPage:
    page = RealNetworkPage(data_folder=tmp_path / "no-mnist-here")
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.network is not None and page._data_loader is None, timeout=20000)
    return page


def _seven() -> np.ndarray:
    """A "7" on the canvas: a top bar and a slanted stem."""
    canvas = np.zeros((280, 280))
    canvas[60:85, 70:210] = 1.0
    for row in range(85, 230):
        col = int(200 - (row - 85) * 0.5)
        canvas[row, col - 12:col + 12] = 1.0
    return canvas


def _scene_texts(page) -> list[tuple[str, str]]:
    """What the diagram shows that the walker does not read: the units' and weights'
    hover texts, the values' notes and the layers' captions."""
    out = []
    for item in page.diagram.scene().items():
        if isinstance(item, (UnitItem, EdgeItem)) and item.toolTip():
            out.append((f"{type(item).__name__} tooltip", item.toolTip()))
        if isinstance(item, QtWidgets.QGraphicsSimpleTextItem) and item.text():
            out.append(("scene text", item.text()))
    return sorted(out)


def _leftovers(root, extra: list[tuple[str, str]] = ()) -> list[str]:
    return english_leftovers(root, allow=FORMULA_WORDS) + [
        f"{where}: {text!r}" for where, text in extra if english_words(text, FORMULA_WORDS)]


def _walk_small(page, qtbot) -> list[str]:
    """Every phase of two steps (the second after the optimizer's step), for one sample
    and for the whole batch, with a weight selected: the English found on the way."""
    found: list[str] = []

    def look(where: str) -> None:
        left = _leftovers(page, _scene_texts(page))
        found.extend(f"[{where}] {line}" for line in left)

    page.select((1, 0, 1))  # a weight: the gradients phase shows its batch sum
    for step in range(2):
        for _ in range(page.phase_count()):
            for show in (0, page.show_box.count() - 1):
                page.show_box.setCurrentIndex(show)
                look(f"step {step} phase {page.phase.kind} show {show}")
            page.step()
    page.select((1, 0))  # a unit: "showing unit 0 of layer …" in the other phases
    page.step_back()
    look("a unit selected")
    return found


def test_the_small_network_in_chinese_has_no_english_left(english, qtbot, tmp_path):
    to_chinese(english, *PROBES)
    tab = _tab(qtbot)  # built in Chinese
    page = tab.small
    assert tab.tabs.tabText(0) == "小网络"
    found = _walk_small(page, qtbot)
    # Adam: its state after the step ("after step t = 1"), every optimizer's hyperparameters
    for name in optimizers.names():
        page.form.optimizer.setCurrentIndex(page.form.optimizer.findData(name))
        found += [f"[{name}] {line}" for line in _leftovers(page, _scene_texts(page))]
    page.form.optimizer.setCurrentIndex(page.form.optimizer.findData("adam"))
    page.reset()
    while page.phase.kind != "update":
        page.step()
    page.step()
    while page.phase.kind != "update":
        page.step()
    assert "第 t = 2 步之后" in page.equation.numbers.text(), page.equation.numbers.text()
    # every loss, its own rows (class weights, focal γ) and a refusal of the core's
    for name in controls.LOSSES:
        page.form.loss.setCurrentIndex(page.form.loss.findData(name))
        found += [f"[{name}] {line}" for line in _leftovers(page, _scene_texts(page))]
    page.form.loss.setCurrentIndex(page.form.loss.findData("weighted_cross_entropy"))
    page.form.class_weights[0].setValue(0.0)
    page.form.class_weights[1].setValue(0.0)  # every weight 0: the core refuses
    assert page.message.isVisibleTo(page) and "权重" in page.message.text(), page.message.text()
    found += _leftovers(page)
    page.form.class_weights[0].setValue(1.0)
    # a value in the batch that is not a number
    page.table.item(0, 0).setText("abc")
    assert page.message.text().startswith("样本 0：不是数字"), page.message.text()
    found += _leftovers(page)
    # a network from the Playground, and one too large for the page
    sizes = (2, 3, 2)
    rng = np.random.default_rng(0)
    network = {"sizes": sizes, "activation": "tanh", "loss": "cross_entropy", "optimizer": "sgd",
               "hyper": {"lr": 0.1},
               "params": [(rng.normal(size=(3, 2)).tolist(), [0.0] * 3),
                          (rng.normal(size=(2, 3)).tolist(), [0.0] * 2)],
               "x": [0.5, -0.25], "label": 1, "point": (0.5, -0.25), "inputs": ["x₁", "x₂"]}
    assert page.load_network(network) is None
    assert page.source.text().startswith("来自“游乐场”：点 (0.5, −0.25)，类别 1"), page.source.text()
    found += _leftovers(page, _scene_texts(page))
    refusal = page.fits((5, 7, 7, 7, 7, 2))
    assert refusal.startswith("“反向传播”标签页无法逐步演示这个网络（5 个输入、4 个隐藏层、某一层有 7 个神经元）")
    assert not english_words(refusal), refusal
    assert not found, "\n".join(found)
    # Pinned: a few texts a teacher reads first, in the field's terms.
    page.reset()
    assert page.equation.title.text() == "第 0 步 · 阶段 1/7：前向传播：第 1 层"
    assert page.step_button.text() == "单步 ▶" and page.play_button.text() == "播放"
    tab.close()


def test_the_real_network_in_chinese_has_no_english_left(english, qtbot, tmp_path):
    to_chinese(english, *PROBES)
    page = _real_page(qtbot, tmp_path)  # built in Chinese, no MNIST folder
    with qtbot.waitSignal(page.traced, timeout=5000):
        page.canvas.set_array(_seven())
    hover = []
    for (row, layer), _ in sorted(page.pictures.descriptions.items()):
        images = page.pictures.forward if row == 0 else page.pictures.backward
        if layer < len(images):
            rect = images[layer].sceneBoundingRect()
            hover.append(("hover", page.hover_text(rect.center())))
    assert len(hover) == 6 and all(text for _, text in hover)
    page.target.setCurrentIndex(page.target.findData(3))
    left = _leftovers(page, hover)
    assert not left, "\n".join(left)
    assert page.data_note.text() == "没有 MNIST 数据：请手写一个数字。"
    assert page.verdict.text().startswith("网络认为是 ")
    assert page.status.text() == "正在使用：未训练（随机种子 0）"
    assert page.units.toPlainText().startswith("目标为 3 时，每层 |δ| 最大的神经元：")
    page.shutdown()


def _snapshot(tab: BackpropTab) -> list[tuple[str, str]]:
    tabs = [("tab", tab.tabs.tabText(i)) for i in range(tab.tabs.count())]
    real = tab.real
    return (tabs + texts(tab) + _scene_texts(tab.small)
            + [("real status", real.status.text()), ("hover", real.hover_text(
                real.pictures.backward[1].sceneBoundingRect().center()))])


def test_switching_live_retranslates_the_open_tab_and_back(english, qtbot, tmp_path):
    to_chinese(english, *PROBES)  # translated? (fails here if not)
    set_language(english, "en")
    tab = _tab(qtbot)  # built in English
    page, real = tab.small, tab.real
    qtbot.waitUntil(lambda: real.network is not None, timeout=20000)
    with qtbot.waitSignal(real.traced, timeout=5000):
        real.canvas.set_array(_seven())
    page.form.optimizer.setCurrentIndex(page.form.optimizer.findData("adam"))
    while page.phase.kind != "update":
        page.step()
    page.set_playing(True)  # "Pause" on the button
    page.set_playing(False)
    page.step()
    page.step()  # step 1: a second trace, its forward phase
    page.show_box.setCurrentIndex(page.show_box.count() - 1)  # the batch
    before = _snapshot(tab)
    assert page.equation.title.text() == "Step 1 · phase 2 of 7: Forward: layer 2"
    assert page.loss_plot.plot_item.titleLabel.text == "Loss C"

    to_chinese(english, *PROBES)
    chinese = _snapshot(tab)
    left = _leftovers(tab, _scene_texts(page))
    assert not left, "\n".join(left)
    assert page.equation.title.text() == "第 1 步 · 阶段 2/7：前向传播：第 2 层"
    assert page.loss_plot.plot_item.titleLabel.text == "损失 C"
    assert page.loss_plot.getAxis("bottom").labelText == "步数"
    assert page.form.optimizer.currentText() == "Adam"
    assert page.form.opt_form.labelForField(page.form.hyper["lr"]).text() == "学习率 η"
    assert page.show_box.currentText() == "整批（全部 4 个）"
    assert [c.text() for c in page.diagram.captions] == ["输入 x = a⁽⁰⁾", "隐藏层 a⁽¹⁾", "logits z⁽²⁾"]
    assert real.target.itemText(0) == "真实标签" and real.use_drawing.text() == "我画的数字"
    assert [where for where, _ in chinese] == [where for where, _ in before]
    changed = sum(a != b for (_, a), (_, b) in zip(before, chinese))
    assert changed > 60, changed  # most texts: not only the few pinned above

    set_language(english, "en")
    assert _snapshot(tab) == before  # every text back, none left in Chinese
    set_language(english, "zh_CN")
    assert _snapshot(tab) == chinese
    real.shutdown()


def test_the_english_texts_are_the_cores_own(english):
    """In English the tab reads as before: the phase titles are the core's, word for word,
    the core's texts pass untouched, the hyperparameters' labels are the core's."""
    from gradlab.core.backprop import trace

    rng = np.random.default_rng(1)
    params = [(rng.normal(size=(3, 2)), np.zeros(3)), (rng.normal(size=(2, 3)), np.zeros(2))]
    x, y = rng.normal(size=(2, 2)), np.array([0, 1])
    for loss in controls.LOSSES:
        loss_obj = losses.get(loss, **({"weights": [1.0, 2.0]} if loss == "weighted_cross_entropy" else {}))
        for name in optimizers.names():
            t = trace(params, "sigmoid", x, y, loss_obj, optimizer=optimizers.get(name))
            for phase in bp_phases.phases_for(t):
                assert phase_title(phase) == phase.title
                assert core_text(phase.equation) == phase.equation
    for name in optimizers.names():
        for key in optimizers.defaults(name):
            info = optimizers.HYPER_INFO.get(key)
            old = f"{info.label} {info.symbol}" if info else key
            assert controls._hyper_label(key) == old.capitalize()


def test_nothing_the_tab_computes_depends_on_the_language(english, qtbot, tmp_path):
    """The tab writes no file; what it computes and hands on (the traces, the Playground's
    refusal aside) is the same in both languages."""
    def run() -> list:
        tab = _tab(qtbot)
        page = tab.small
        page.form.optimizer.setCurrentIndex(page.form.optimizer.findData("adam"))
        page.step_ten()
        out = [(t.loss, [w.copy() for w in t.W], t.x.copy(), t.y.copy()) for t in page.history]
        tab.close()
        return out

    to_chinese(english, *PROBES)
    chinese = run()
    set_language(english, "en")
    english_run = run()
    assert len(chinese) == len(english_run) == 11
    for (la, wa, xa, ya), (lb, wb, xb, yb) in zip(chinese, english_run):
        assert la == lb and all(np.array_equal(a, b) for a, b in zip(wa, wb))
        assert np.array_equal(xa, xb) and np.array_equal(ya, yb)


def _cut(root: QtWidgets.QWidget) -> list[str]:
    """Visible labels and buttons that show less than their text (a word-wrapped label
    is checked for its height instead)."""
    cut = []
    for w in root.findChildren(QtWidgets.QWidget):
        if not w.isVisible() or not isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)):
            continue
        if isinstance(w, QtWidgets.QLabel) and w.wordWrap():
            if w.text() and w.height() < w.heightForWidth(w.width()) - 1:
                cut.append(f"label {w.text()[:40]!r}: {w.height()} px < {w.heightForWidth(w.width())} px")
        elif w.width() < w.sizeHint().width():
            cut.append(f"{type(w).__name__} {w.text()!r}: {w.width()} px < {w.sizeHint().width()} px")
    return cut


def test_the_tab_in_chinese_fits_a_1280_by_720_projector(english, qtbot):
    from gradlab.gui.main_window import MainWindow

    to_chinese(english, *PROBES)
    window = MainWindow()  # built in Chinese
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.set_presenter(True)
        tab = window.tab("Backpropagation")
        window.tabs.setCurrentWidget(tab)
        page = tab.small
        qtbot.waitUntil(page.isVisible)
        page.form.optimizer.setCurrentIndex(page.form.optimizer.findData("adam"))  # the longest labels
        page.step()
        QtWidgets.QApplication.processEvents()
        problems = {}
        scroll = page.panel
        room = scroll.width() - scroll.verticalScrollBar().sizeHint().width()
        if scroll.widget().minimumSizeHint().width() > room:
            problems["settings"] = [f"{scroll.widget().minimumSizeHint().width()} px > {room} px"]
        for name, root in (("small", page), ("real", tab.real)):
            tab.tabs.setCurrentWidget(root)
            qtbot.waitUntil(root.isVisible)
            QtWidgets.QApplication.processEvents()
            found = _cut(root)
            if found:
                problems[name] = found
        assert (window.width(), window.height()) == (1280, 720)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720, hint
        assert not problems, problems
        tab.tabs.setCurrentWidget(page)
        QtWidgets.QApplication.processEvents()
        assert page.diagram.height() >= 220 and page.diagram.unit_radius_px() >= 18
    finally:
        window.race.shutdown()
        tab = window.tab("Backpropagation")
        tab.real.shutdown()
        QtCore.QCoreApplication.processEvents()
