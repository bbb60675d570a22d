"""The MNIST tab in Chinese (issue 17): no English left in it (no data, data loaded, a
run trained, its pictures, its hover lines, the questions it asks), switched live and
back to the exact English, files written the same in both languages, and it fits a
1280×720 projector in presenter mode in Chinese. Also, in both languages: the settings
panel is never cut at its right edge, and the runs' legend shows whole names.

The Chinese texts come from resources/i18n/gradlab_zh_CN.ts (and any .qm named in
$GRADLAB_EXTRA_QM); where the MNIST contexts are not translated yet, the tests that need
them skip and say so, before they build any widget.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6 import QtWidgets

from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.frames import TrainConfig
from gradlab.gui.i18n import set_language
from gradlab.gui.main_window import MainWindow
from gradlab.gui.mnist.export import write_csv
from gradlab.gui.mnist.runs import config_label
from gradlab.gui.mnist.tab import DISCARD, MnistTab
from gradlab.gui.plotting.legend import full_text
from i18n_walk import english_words, texts, to_chinese
from test_mnist_presenter import cut_titles
from test_mnist_tab import DATA, click, small, wait_idle
from test_presenter_layout import cut_values

# Code names a Chinese course writes as they are: the module torch.optim (the "(torch.optim)"
# optimizers) and the precisions' dtypes.
CODE_WORDS = ("optim", "float32", "float64")
# Texts whose translations say the tab is in the .ts (checked before any widget is built).
PROBES = (("MnistTab", "Train more"),)


@pytest.fixture
def english(qapp, tmp_path, monkeypatch):
    """English now and after; the app's real data folder kept out (no user's MNIST)."""
    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    set_language(qapp, "en")
    yield qapp
    set_language(qapp, "en")


def _tab(qtbot) -> MnistTab:
    tab = MnistTab()
    qtbot.addWidget(tab)
    tab.ask_unsaved = lambda *question: DISCARD
    tab.resize(1500, 950)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _train(qtbot, tab: MnistTab) -> None:
    """Data in, two short runs trained (one of them SGD), the first selected."""
    tab.data_panel.set_data(DATA)
    small(tab, epochs=1, batch=64)
    tab.add_current()
    small(tab, epochs=1, batch=64, optimizer="sgd", lr=0.1)
    tab.add_current()
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    tab.queue.select(tab.runs[0])
    tab.redraw_now()


def _hover(tab: MnistTab) -> None:
    """The hover lines over the training loss and the confusion matrix."""
    view = tab.view
    view.curves._hover(view.curves.test_acc.sceneBoundingRect().center())
    view._hover_pictures(view.confusion.vb.mapViewToScene(pg.Point(3, 3)))


def _item_texts(tab: MnistTab) -> list[tuple[str, str]]:
    """What the walker does not read: the plots' item tooltips (a legend entry's whole
    label, the confusion counts), the progress bar's format, the hidden page bar."""
    out = [("progress", tab.progress.format())]
    for view in tab.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if hasattr(item, "toolTip") and item.toolTip():
                out.append((f"{type(item).__name__} tooltip", item.toolTip()))
    return out


def _names(text: str) -> str:
    """`text` without the file names and folders it quotes (the MNIST files', where to
    put them): names, not words."""
    for name in (*(f"{s.stem}.gz" for s in mnist_data.FILES), str(mnist_data.app_data_folder()), "MNIST/raw"):
        text = text.replace(name, " ")
    return text


def _leftovers(tab: MnistTab) -> list[str]:
    return [f"{where}: {text!r} {english_words(_names(text), CODE_WORDS)}"
            for where, text in texts(tab) + _item_texts(tab) if english_words(_names(text), CODE_WORDS)]


def test_the_mnist_tab_in_chinese_has_no_english_left(english, qtbot):
    to_chinese(english, *PROBES)
    tab = _tab(qtbot)  # built in Chinese: no data yet (the missing-files message)
    assert not _leftovers(tab), _leftovers(tab)
    # Every row of the form shown once: focal loss, leaky ReLU, a step schedule, imbalance.
    form = tab.form
    form.loss.setCurrentIndex(form.loss.findData("focal"))
    form.alpha.mode.setCurrentIndex(form.alpha.mode.findData("custom"))
    form.activation.setCurrentIndex(form.activation.findData("leaky_relu"))
    form.schedule.setCurrentIndex(form.schedule.findData("step"))
    form.imbalance.setChecked(True)
    form.hidden.setText("16, x")
    tab.add_current()  # a field it cannot read: the message names it
    assert not _leftovers(tab), _leftovers(tab)
    assert tab.message.text() == "隐藏层：'16, x' 不是一串整数"
    form.set_config(TrainConfig())
    _train(qtbot, tab)
    _hover(tab)
    assert not _leftovers(tab), _leftovers(tab)
    # The questions asked before runs are lost.
    asked = []
    tab.ask_unsaved = lambda *question: asked.append(question) or "cancel"
    assert not tab.confirm_close()
    tab.queue.remove_selected()
    words = [english_words(text, CODE_WORDS) for question in asked for text in question]
    assert len(asked) == 2 and not any(words), (asked, words)
    # Pinned: what a teacher reads first, in the field's terms.
    assert asked[0][1] == "第 1 和 2 次训练的结果尚未保存。关闭会丢失这些结果。"
    assert tab.view.curves.lr.titleLabel.text == "学习率"
    assert tab.view.curves.test_loss.titleLabel.text == "测试集交叉熵"
    assert tab.form.loss.itemText(tab.form.loss.findData("focal")) == "焦点损失（Focal Loss）"
    assert tab.start_button.text() == "开始"
    assert tab.runs[1].status_text().startswith("已完成，测试集准确率 ")
    tab.shutdown(2000)


def _snapshot(tab: MnistTab) -> list[tuple[str, str]]:
    return texts(tab) + _item_texts(tab) + [("message", tab.message.text())]


def test_switching_live_retranslates_the_open_tab_and_back(english, qtbot):
    to_chinese(english, *PROBES)  # translated? (fails here if not)
    set_language(english, "en")
    tab = _tab(qtbot)  # built in English
    _train(qtbot, tab)
    tab.stop()  # a message set once ("Stopping…"), said again in each language
    _hover(tab)
    before = _snapshot(tab)
    assert tab.message.text() == "Stopping… what was trained is kept; Resume goes on."
    assert tab.view.curves.train.titleLabel.text == "Training loss per batch (each run's own loss)"
    assert tab.queue.list.item(1).text().startswith("2. SGD lr=0.1 · cross-entropy · ReLU · 16 · batch 64")
    set_language(english, "zh_CN")
    assert not _leftovers(tab), _leftovers(tab)
    assert tab.message.text() == "正在停止…已训练的结果会保留；点击“继续”可接着训练。"
    assert tab.view.curves.train.titleLabel.text == "每个批次的训练损失（各次训练自己的损失函数）"
    assert tab.queue.list.item(1).text().startswith("2. SGD lr=0.1 · 交叉熵 · ReLU · 16 · 批量 64")
    set_language(english, "en")
    _hover(tab)
    assert _snapshot(tab) == before
    tab.shutdown(2000)


def test_the_run_label_in_english_is_the_cores(english):
    """The run list's label is the core's `TrainConfig.label()` word for word in English
    (the CSV keeps the core's in every language)."""
    configs = [
        TrainConfig(),
        TrainConfig(optimizer="momentum", hyper={"lr": 0.05, "momentum": 0.8}, loss="focal",
                    loss_params={"gamma": 1.5}, activation="leaky_relu", hidden=(64, 32),
                    batch_size=32, schedule="step", engine="numpy", dtype="float64",
                    imbalance={3: 0.1, 8: 0.1}, seed=7),
        TrainConfig(optimizer="torch:adam", loss="softmax_mse", schedule="constant", activation="swish"),
        TrainConfig(loss="weighted_cross_entropy", activation="gelu"),
    ]
    for config in configs:
        assert config_label(config) == config.label()


def test_files_written_are_the_same_in_both_languages(english, qtbot, tmp_path):
    to_chinese(english, *PROBES)
    set_language(english, "en")
    tab = _tab(qtbot)
    _train(qtbot, tab)
    written = {}
    for code in ("en", "zh_CN"):
        set_language(english, code)
        folder = tmp_path / code
        folder.mkdir()
        write_csv(folder / "curves.csv", tab.runs, tab.smoothing_weight())
        tab.save_run_to(tab.runs[0], folder / "run.pt")
        written[code] = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert written["en"] == written["zh_CN"]
    assert "交叉" not in written["zh_CN"]["curves.csv"].decode()
    assert "cross-entropy" in written["zh_CN"]["curves.csv"].decode()  # the core's label
    tab.shutdown(2000)


# -- presenter mode on a 1280×720 projector, in both languages ---------------------------------
def _settings_cut(tab: MnistTab) -> list[str]:
    """The settings' fields whose right edge is past the panel's visible width."""
    viewport = tab.settings_scroll.viewport()
    cut = []
    for field in tab.form.findChildren(QtWidgets.QWidget):
        if (isinstance(field, (QtWidgets.QComboBox, QtWidgets.QAbstractSpinBox, QtWidgets.QLineEdit,
                               QtWidgets.QCheckBox))
                and field.isVisible() and not isinstance(field.parent(), QtWidgets.QAbstractSpinBox)):
            right = field.mapTo(viewport, field.rect().topRight()).x()
            if right >= viewport.width():
                cut.append(f"{field.objectName() or type(field).__name__}: right edge {right} px "
                           f"in {viewport.width()} px")
    return cut


def _legend_cut(tab: MnistTab) -> list[str]:
    return [f"{full_text(label)!r} shown as {label.text!r}"
            for _, label in tab.view.curves.legend.items if label.text != full_text(label)]


@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_the_tab_fits_a_projector_in_presenter_mode(english, qtbot, code):
    if code != "en":
        to_chinese(english, *PROBES)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    tab = w.tab("MNIST")
    tab.ask_unsaved = lambda *question: DISCARD
    w.tabs.setCurrentWidget(tab)
    tab.data_panel.set_data(DATA)
    small(tab, epochs=1, batch=64)
    for optimizer in ("adam", "momentum", "sgd", "adamw", "torch:rmsprop"):  # five long-ish names
        tab.form.hyper.set_optimizer(optimizer)
        tab.form.hyper.fields["lr"].setValue(0.01)
        tab.add_current()
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    assert _settings_cut(tab) == []
    w.set_presenter(True)
    qtbot.wait(0)
    QtWidgets.QApplication.processEvents()
    assert w.presenting and w.height() <= 720
    tab.view.show_page("Curves")
    tab.redraw_now()
    QtWidgets.QApplication.processEvents()
    assert _settings_cut(tab) == []  # the panel widened (or wrapped its rows) for the larger font
    assert cut_values(tab) == []
    assert _legend_cut(tab) == []
    # The whole label is the legend entry's tooltip.
    assert [label.toolTip() for _, label in tab.view.curves.legend.items] == [r.shown_label for r in tab.runs]
    assert cut_titles(tab.view.curves_view) == []
    if code == "zh_CN":
        assert not _leftovers(tab), _leftovers(tab)
    w.set_presenter(False)
    QtWidgets.QApplication.processEvents()
    assert _settings_cut(tab) == []
