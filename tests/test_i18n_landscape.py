"""The Landscape tab in Chinese (issue 17): no English left in any of its states, switched
live and back to the exact English, the files it writes the same in both languages, and
it fits a 1280×720 projector in presenter mode.

The Chinese texts come from resources/i18n/gradlab_zh_CN.ts (and any .qm named in
$GRADLAB_EXTRA_QM); where the Landscape contexts are not translated yet, the tests skip
and say so, before any widget is built.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import set_language
from gradlab.gui.landscape import explain, jobs
from gradlab.gui.landscape.runs import RunSource, short_name
from fit_checks import cut_in_scroll, outside_view
from i18n_walk import english_leftovers, english_words, texts, to_chinese
from test_landscape_gui import DATA, SUBSET, TIMEOUT, checkpoint, trained

# Texts whose translations say the tab is in the .ts (checked before any widget is built).
PROBES = (("LandscapeTab", "2-D map"),)
# Names, not English: Qt's platform in the 3-D view's one line (offscreen here), a command.
NAMES = ("offscreen", "gradlab train --save")


def _runs() -> dict[str, RunSource]:
    """Two runs sharing θ₀ and one that kept no path, named on the map as the window
    names them ("1. SGD")."""
    sgd, adam = (replace(r, short=short_name(r.label)) for r in (trained("sgd", 0.5), trained("adam", 0.01)))
    bare = replace(trained("adam", 0.01, keep_path=False), label="3. Adam", short="3. Adam", finished=False)
    return {r.label: r for r in (sgd, adam, bare)}


def _tab(qtbot, data=DATA):
    from gradlab.gui.landscape.tab import LandscapeTab

    tab = LandscapeTab()
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    qtbot.waitExposed(tab)
    if data is not None:
        tab.set_data(data)
    tab.set_runs(_runs())
    tab.controls.subset.setValue(SUBSET)
    return tab


def _compute(qtbot, tab, view: str, grid: int = 5, ticked: int = 2) -> None:
    for i in range(tab.controls.run_list.count()):  # the first `ticked` runs
        tab.controls.run_list.item(i).setCheckState(
            QtCore.Qt.CheckState.Checked if i < ticked else QtCore.Qt.CheckState.Unchecked)
    tab.controls.set_view(view)
    tab.controls.grid.setValue(grid)
    with qtbot.waitSignal(tab.computing_changed, timeout=TIMEOUT, check_params_cb=lambda on: not on):
        assert tab.compute(), tab.controls.problem.text()


def _allowed(tab) -> list[str]:
    """The runs' labels are the MNIST tab's names of them (its settings, "lr=0.5 ·
    cross-entropy"): names, as a file name is."""
    return [*NAMES, *{w for label in tab.runs for w in english_words(label)}]


def _leftovers(tab) -> list[str]:
    """The walker's English leftovers, and those of the view box's item tooltips (the
    walker reads a combo box's items, not their tooltips)."""
    allow = _allowed(tab)
    combo = tab.controls.view_combo
    tips = [combo.itemData(i, QtCore.Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
    return english_leftovers(tab, allow=allow) + [
        f"view tooltip {i}: {t!r}" for i, t in enumerate(tips) if english_words(t, allow)]


def _hover(tab) -> None:
    """A reading under the mouse, as a move over the picture gives it."""
    if tab.stack.currentWidget() is tab.line:
        tab.line.hovered.emit(tab.line.value_at(1.0))
    else:
        tab.map.hovered.emit(tab.map.value_at(0.0, 0.0))


def test_the_landscape_in_chinese_has_no_english_left(english, qtbot):
    to_chinese(english, *PROBES)
    tab = _tab(qtbot, data=None)  # built in Chinese, without data: the line saying where to get them
    try:
        assert tab.controls.problem.text().startswith("还没有 MNIST 数据")
        assert not _leftovers(tab), _leftovers(tab)
        tab.set_data(DATA)
        seen = {}
        for view in ("random", "runs", "pca", "line"):
            _compute(qtbot, tab, view, ticked=3 if view in ("runs", "line") else 1)
            _hover(tab)
            assert not _leftovers(tab), (view, _leftovers(tab))
            seen[view] = (tab.explanation.text(), tab.controls.progress.format(), tab.hover.text())
        # Pinned: what a teacher reads first, in the field's terms.
        assert tab.controls.compute_button.text() == "计算"
        assert tab.controls.view_combo.itemText(1) == "随机平面"
        assert "按滤波器归一化" in seen["random"][0] and "前 300 张训练图像" in seen["random"][0]
        assert seen["random"][1] == "完成：25 / 25 个点"
        assert seen["random"][2].startswith("α = 0, β = 0：损失 ")
        assert "未画出：3. Adam" in seen["line"][0] and "1. SGD" in seen["line"][2]
        assert "不能用来比较不同的优化器" in seen["pca"][0]
        assert tab.map.plot.getAxis("bottom").labelText.endswith(" % 的方差）")
        assert tab.line.loss_plot.getAxis("left").labelText.startswith("损失")
        # The 3-D view's line (no OpenGL offscreen), a cancelled computation, the lines of
        # what cannot be drawn.
        _compute(qtbot, tab, "random", ticked=1)
        tab.button_3d.click()
        assert tab.view3d.message.text().startswith("三维视图不可用")
        tab.button_2d.click()
        for view in ("runs", "pca"):
            tab.controls.run_list.item(0).setCheckState(QtCore.Qt.CheckState.Unchecked)
            tab.controls.run_list.item(2).setCheckState(QtCore.Qt.CheckState.Checked)
            tab.controls.set_view(view)
            assert tab.controls.problem.isVisibleTo(tab)
            assert not _leftovers(tab), (view, _leftovers(tab))
        assert "3. Adam 的起点和路径" in tab.controls.problem.text()
        tab.controls.run_list.item(0).setCheckState(QtCore.Qt.CheckState.Checked)
        tab.controls.set_view("random")
        tab.controls.grid.setValue(41)
        tab.controls.subset.setValue(2000)
        with qtbot.waitSignal(tab.frame_drawn, timeout=TIMEOUT):
            assert tab.compute()
        assert tab.controls.cancel_button.text() == "取消"
        with qtbot.waitSignal(tab.computing_changed, timeout=TIMEOUT):
            tab.cancel()
        assert tab.controls.progress.format().startswith("已取消，停在 ")
        assert not _leftovers(tab), _leftovers(tab)
    finally:
        tab.shutdown()


def _snapshot(tab) -> list[tuple[str, str]]:
    combo = tab.controls.view_combo
    return texts(tab) + [
        ("progress", tab.controls.progress.format()),
        *[(f"view tooltip {i}", combo.itemData(i, QtCore.Qt.ItemDataRole.ToolTipRole))
          for i in range(combo.count())]]


def test_switching_live_retranslates_the_open_tab_and_back(english, qtbot):
    to_chinese(english, *PROBES)  # translated? (fails here if not)
    set_language(english, "en")
    tab = _tab(qtbot)  # built in English
    try:
        for view, ticked in (("line", 3), ("pca", 1)):  # the line's texts, then a plane's
            _compute(qtbot, tab, view, ticked=ticked)
            tab.controls.set_view("runs")  # a problem line under the controls ...
            for i in (1, 2):  # one run ticked: the plane of two runs cannot be drawn
                tab.controls.run_list.item(i).setCheckState(QtCore.Qt.CheckState.Unchecked)
            assert tab.controls.problem.text() == jobs.check(tab.current_request())  # (English)
            before = _snapshot(tab)
            assert tab.controls.progress.format() == "done: 25 / 25 points" or view == "line"

            to_chinese(english, *PROBES)
            chinese = _snapshot(tab)
            assert not _leftovers(tab), (view, _leftovers(tab))
            assert tab.button_2d.text() == "二维等高线图"
            assert tab.controls.problem.text() == "两次训练的平面需要勾选两次起点 θ₀ 相同的训练（相同的随机种子、相同的网络）。"
            if view == "pca":
                assert tab.map.plot.titleLabel.text == "1. SGD 路径的 PCA 平面"
                assert tab.controls.progress.format() == "完成：25 / 25 个点"
            else:
                assert tab.explanation.text().startswith("θ₀ + α·(θ_T − θ₀)，θ_T 为每次训练的最终权重")
            assert [where for where, _ in chinese] == [where for where, _ in before]
            changed = sum(a != b for (_, a), (_, b) in zip(before, chinese))
            assert changed > 25, changed  # most texts: not only the few pinned above

            set_language(english, "en")
            assert _snapshot(tab) == before  # every text back, none left in Chinese
            set_language(english, "zh_CN")
            assert _snapshot(tab) == chinese
            set_language(english, "en")
    finally:
        tab.shutdown()


def test_the_files_written_are_the_same_in_both_languages(english, qtbot, tmp_path, monkeypatch):
    """`gradlab landscape` run inside a Chinese app writes the same JSON byte for byte;
    its picture (and the tab's export) may follow the language and is a whole PNG."""
    from gradlab.cli import landscape as landscape_cli
    from gradlab.core.mnist import data as mnist_data
    from gradlab.core.mnist.run_file import save_run

    to_chinese(english, *PROBES)
    run_file = save_run(tmp_path / "sgd.pt", checkpoint("sgd", 0.5))
    monkeypatch.setattr(mnist_data, "load", lambda folder, *a, **kw: DATA)
    written = {}
    for code in ("en", "zh_CN"):
        set_language(english, code)
        out = tmp_path / code
        out.mkdir()
        argv = ["--run", str(run_file), "--data", "D", "--plane", "pca", "--grid", "5",
                "--subset", "100", "--json", str(out / "pca.json"), "--png", str(out / "pca.png"),
                "--no-progress"]
        assert landscape_cli.main(argv, stdout=None, stderr=None) == 0
        # The picture's view is deleted later: now, before the next language reaches it
        # (a process of its own, the CLI never switches language).
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
        written[code] = (out / "pca.json").read_bytes()
        assert QtGui.QImage(str(out / "pca.png")).width() > 0
    assert written["en"] == written["zh_CN"]
    assert json.loads(written["en"])["plane"] == "pca"

    tab = _tab(qtbot)  # the tab's PNG export, in Chinese: the picture shown, whole
    try:
        _compute(qtbot, tab, "random", ticked=1)
        image = QtGui.QImage(str(tab.export_png(tmp_path / "map.png")))
        assert image.width() == tab.map.width()
        loss = tab.map.loss.copy()
        set_language(english, "en")
        np.testing.assert_array_equal(tab.map.loss, loss)  # the language changes words only
    finally:
        tab.shutdown()


def _cut_in_column(scroll: QtWidgets.QScrollArea) -> list[str]:
    """`cut_in_scroll`, and group titles and progress texts wider than their box (the
    closed view box may cut its title: its popup shows it whole)."""
    cut = cut_in_scroll(scroll)
    for w in scroll.widget().findChildren(QtWidgets.QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QtWidgets.QGroupBox):
            need = w.fontMetrics().horizontalAdvance(w.title()) + 20
            if w.width() < need:
                cut.append(f"group {w.title()!r}: {w.width()} px < {need} px")
        if isinstance(w, QtWidgets.QProgressBar):
            need = w.fontMetrics().horizontalAdvance(w.text())
            if w.width() < need:
                cut.append(f"progress {w.text()!r}: {w.width()} px < {need} px")
    return cut


def test_the_landscape_in_chinese_fits_a_1280_by_720_projector(english, qtbot, monkeypatch):
    from gradlab.gui.main_window import MainWindow

    to_chinese(english, *PROBES)
    window = MainWindow()  # built in Chinese
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    landscape = window.tab("Landscape")
    try:
        window.set_presenter(True)
        window.tabs.setCurrentWidget(landscape)
        qtbot.waitUntil(lambda: landscape.map.isVisible(), timeout=5000)
        landscape.set_data(DATA)
        monkeypatch.setattr(landscape, "refresh_runs", lambda: None)  # the MNIST tab has none
        landscape.set_runs(_runs())
        landscape.controls.subset.setValue(SUBSET)
        problems = {}
        for view, ticked in (("pca", 1), ("runs", 3), ("line", 3)):  # the longest labels
            _compute(qtbot, landscape, view, ticked=ticked)
            qtbot.wait(0)
            QtWidgets.QApplication.processEvents()
            found = _cut_in_column(landscape.scroll)
            found += [p for gv in (landscape.map, landscape.line) if gv.isVisible()
                      for p in outside_view(gv)]
            if found:
                problems[view] = found
        assert (window.width(), window.height()) == (1280, 720)
        assert window.minimumSizeHint().width() <= 1280
        assert not problems, problems
        assert landscape.controls.minimumSizeHint().width() <= landscape.scroll.viewport().width()
        assert landscape.line.width() >= 0.6 * window.width(), landscape.line.width()
        assert explain.choose("line") in landscape.controls.hint.text()
    finally:
        landscape.shutdown()
        window.race.shutdown()
