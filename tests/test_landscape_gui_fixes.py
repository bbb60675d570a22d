"""What a newcomer found in the Landscape tab (issue 15's QA pass), each pinned by a test
that fails on the old behaviour: the hover line never widens the window, the 3-D view
says its height scale, one colour rule for every plane, captions in exported pictures,
no SI prefix, the coarse pass painted over its blocks, controls disabled where they do
nothing, a stale picture dimmed, neutral hints before Compute, words for θ_T, F2/F3, and
a run loaded twice listed once.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from PySide6 import QtCore

from gradlab.gui.landscape import controls as controls_module
from gradlab.gui.landscape.map import MIN_TICKS, MapView, block_fill, log_ticks
from gradlab.gui.landscape.tab import LandscapeTab
from gradlab.gui.landscape.view3d import Surface3D

from test_landscape_gui import DATA, SUBSET, TIMEOUT, compute, trained  # noqa: F401 - fixtures' helpers
from test_landscape_gui import tab  # noqa: F401 - the fixture


def long_runs():
    """Three runs with long labels and long short names (the hover reads the short ones)."""
    sgd, adam = trained("sgd", 0.5), trained("adam", 0.01)
    runs = {}
    for i, base in enumerate((sgd, adam, sgd), start=1):
        label = f"{i}. {base.config.label()} · a long label that goes on and on number {i}"
        runs[label] = replace(base, label=label, short=label[:70])
    return runs


def test_the_hover_line_never_widens_the_window(qtbot):
    from gradlab.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.set_presenter(True)
    landscape = window.tab("Landscape")
    window.tabs.setCurrentWidget(landscape)
    landscape.set_data(DATA)
    runs = long_runs()
    landscape._file_runs = dict(runs)  # as if loaded: refresh_runs keeps them
    landscape.set_runs(runs)
    landscape.controls.subset.setValue(SUBSET)
    compute(qtbot, landscape, "line", grid=5)
    assert len(landscape.line.curves) == 3
    plot = landscape.line.loss_plot
    landscape.line._mouse_moved(plot.sceneBoundingRect().center())
    # The layout requests the new reading posts are handled now (no waiting on a clock).
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
    full = landscape.hover.toolTip()
    assert all(name[:70] in full for name in runs)  # the whole reading, in the tooltip
    assert landscape.hover.fontMetrics().horizontalAdvance(full) > 1280  # long enough to matter
    # What the layout asks of the window (platforms differ in whether they then grow it).
    assert landscape.minimumSizeHint().width() <= 1280, landscape.minimumSizeHint().width()
    assert window.minimumSizeHint().width() <= 1280, window.minimumSizeHint().width()
    assert window.width() <= 1280, window.width()
    assert landscape.hover.text().endswith("…")
    landscape.shutdown()


def test_the_line_reads_short_names_and_says_its_log_scale(qtbot, tab):
    compute(qtbot, tab, "line", grid=5)
    sgd = next(iter(tab.line.curves))
    said = tab.line.value_at(1.0)
    assert tab.runs[sgd].short in said and sgd not in said  # "1. torch:sgd", not the whole label
    ticks = [t for level in tab.line.loss_plot.getAxis("bottom")._tickLevels or [] for _, t in level]
    assert "1 = final weights" in ticks and not any("θ_T" in t for t in ticks)
    tab.line.set_values({sgd: np.array([10.0, 1.0, 0.1, 0.05, 0.2])},
                        {sgd: np.full(5, 0.5)})
    assert tab.line.log_scale
    assert tab.line.loss_plot.getAxis("left").labelText == "loss (log scale)"


def test_the_3d_view_says_its_height_scale_and_hover_hint():
    view = Surface3D()
    view.set_plane(np.linspace(-1, 1, 3), np.linspace(-1, 1, 3), {}, {})
    assert view.scale.text() == ""
    view.set_grid(np.log10(np.full((3, 3), 0.5)), (math.log10(0.1), math.log10(10.0)), log=True)
    assert view.scale.text() == "height: loss from 0.1 (floor) to 10 (top), log scale"
    view.set_grid(np.full((3, 3), 0.5), (0.25, 2.0), log=False)
    assert view.scale.text() == "height: loss from 0.25 (floor) to 2 (top)"
    view.deleteLater()


def test_the_3d_button_changes_the_hover_hint(qtbot, tab):
    assert tab.hover.text().startswith("Hover over the picture")
    tab.button_3d.click()
    assert "Hover over the picture" not in tab.hover.text() and "Drag" in tab.hover.text()
    tab.button_2d.click()
    assert tab.hover.text().startswith("Hover over the picture")


@pytest.mark.parametrize("losses", [(1.0, 1.05), (0.02, 2.3), (0.3, 0.9), (2.29, 2.31)])
def test_every_plane_is_log_scaled_with_enough_ticks(qtbot, losses):
    view = MapView()
    qtbot.addWidget(view)
    alphas = np.linspace(-1, 1, 5)
    view.set_plane(alphas, alphas, "t")
    lo, hi = losses
    grid = lo + (hi - lo) * np.add.outer(alphas ** 2, alphas ** 2) / 2
    view.set_grid(grid)
    assert view.log_scale  # one rule for every plane: two runs' planes compare
    assert view.colorbar.getAxis("left").labelText == "loss (log scale)"
    major = log_ticks(*view.levels)[0]
    labels = [t for _, t in major]
    assert len(labels) >= MIN_TICKS and len(set(labels)) == len(labels)
    # Each label is the loss at its place on the bar (the colours are log₁₀ loss).
    for place, text in major:
        assert float(text) == pytest.approx(10 ** place, rel=5e-3)


def test_no_si_prefix_and_an_empty_map_spans_plus_minus_one(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()
    assert (x0, x1, y0, y1) == pytest.approx((-1, 1, -1, 1), abs=0.05)
    small = np.linspace(-0.002, 0.002, 5)
    view.set_plane(small, small, "t")
    for side in ("left", "bottom"):
        axis = view.plot.getAxis(side)
        assert not axis.autoSIPrefix and "x0.001" not in axis.labelString()


def test_block_fill_paints_each_computed_value_over_its_block():
    z = np.full((9, 9), np.nan)
    z[0, 0], z[0, 4], z[0, 8] = 1.0, 2.0, 3.0  # the coarse pass's first row
    f = block_fill(z)
    assert f[0, 1] == 1.0 and f[1, 1] == 1.0 and f[0, 3] == 2.0 and f[2, 7] == 3.0
    assert np.isnan(f[3, 0]) and np.isnan(f[8, 8])  # their blocks' values are not in yet
    z[4, 0] = 5.0
    assert block_fill(z)[3, 1] == 5.0  # the nearest coarse point, a row below
    full = np.arange(81, dtype=float).reshape(9, 9)
    np.testing.assert_array_equal(block_fill(full), full)  # computed cells keep their value


def test_the_coarse_pass_fills_the_picture_and_a_cancelled_one_says_partial(qtbot, tab):
    tab.controls.set_view("random")
    tab.controls.grid.setValue(41)
    tab.controls.subset.setValue(2000)
    with qtbot.waitSignal(tab.frame_drawn, timeout=TIMEOUT):
        assert tab.compute()
    filled = np.isfinite(np.asarray(tab.map.fill.image)).sum()
    assert filled > np.isfinite(tab.map.loss).sum()  # dots no more: their blocks are painted
    with qtbot.waitSignal(tab.computing_changed, timeout=5000):
        tab.cancel()
    u = tab.last_update
    assert u.done < u.total
    assert f"partial: {u.done} of {u.total} points" in tab.map.plot.titleLabel.text


def test_controls_that_do_nothing_in_a_view_are_disabled(qtbot):
    c = controls_module.Controls()
    qtbot.addWidget(c)
    name = lambda: c.form.labelForField(c.span).text()  # noqa: E731
    c.show_hint("line")
    assert not c.span.isEnabled() and not c.seed.isEnabled()
    c.show_hint("runs")
    assert c.span.isEnabled() and not c.seed.isEnabled() and name() == "Zoom"
    assert "around the plane's points" in c.span.toolTip()
    c.show_hint("random")
    assert c.span.isEnabled() and c.seed.isEnabled() and name() == "Span"


def test_a_picture_of_another_view_is_dimmed_until_compute(qtbot, tab):
    compute(qtbot, tab, "random", grid=5)
    said = tab.explanation.text()
    assert not tab.stale_note.isVisibleTo(tab) and tab.map.plot.opacity() == 1.0
    tab.controls.set_view("line")
    assert tab.stale_note.isVisibleTo(tab) and "press Compute" in tab.stale_note.text()
    assert tab.map.plot.opacity() < 0.5
    assert tab.explanation.text() == said  # it still explains what is drawn
    tab.controls.set_view("random")
    assert not tab.stale_note.isVisibleTo(tab) and tab.map.plot.opacity() == 1.0


def test_a_hint_is_neutral_until_compute_is_refused(qtbot):
    t = LandscapeTab()
    qtbot.addWidget(t)
    run = trained("sgd", 0.5)
    t.set_runs({run.label: run})
    assert "MNIST tab" in t.controls.problem.text()
    assert not t.controls.problem_is_error
    assert not t.compute()
    assert t.controls.problem_is_error


def test_the_runs_plane_has_true_angles(qtbot, tab):
    compute(qtbot, tab, "runs", grid=5)
    assert tab.map.plot.vb.state["aspectLocked"] == 1.0
    assert not any("θ_T" in item.textItem.toPlainText() for item in tab.map._mark_items
                   if hasattr(item, "textItem"))
    compute(qtbot, tab, "random", grid=5)
    assert tab.map.plot.vb.state["aspectLocked"] is False


def test_the_export_carries_the_explanation(qtbot, tab, tmp_path, monkeypatch):
    from gradlab.gui import exporting

    compute(qtbot, tab, "pca", grid=5)
    seen = []
    original = exporting.write_picture

    def spy(path, scene, **kw):
        item = getattr(tab.map, "caption_item", None)
        seen.append(item.text.replace("<br>", " ") if item is not None else "")
        return original(path, scene, **kw)

    monkeypatch.setattr(exporting, "write_picture", spy)
    tab.export_png(tmp_path / "pca.png")
    assert "must not be used to compare" in seen[0] and "% of its" in seen[0]
    assert tab.map.caption_item is None  # only in the file


def test_render_caption_says_the_shares_and_the_warning(tmp_path):
    from PySide6 import QtGui

    from gradlab.gui.landscape.render import caption, write_png

    alphas = np.linspace(-1, 1, 5)
    loss = np.add.outer(alphas ** 2, alphas ** 2) + 0.1
    pca = {"plane": "pca", "alphas": alphas.tolist(), "betas": alphas.tolist(), "loss": loss.tolist(),
           "subset": 100, "seed": 0, "explained": [0.62, 0.201]}
    text = caption(pca)
    assert "62.0 %" in text and "20.1 %" in text and "must not be used to compare" in text
    a = QtGui.QImage(str(write_png(pca, tmp_path / "a.png", size=(600, 500))))
    b = QtGui.QImage(str(write_png({**pca, "plane": "other", "subset": 0}, tmp_path / "b.png",
                                   size=(600, 500))))
    assert a.size() == b.size() and a != b


def test_f2_and_f3_switch_the_landscape_views(qtbot):
    from gradlab.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    landscape = window.tab("Landscape")
    window.tabs.setCurrentWidget(landscape)
    race_view = window.race.views.currentWidget()
    keys = {a.shortcut().toString(): a for a in window.findChildren(QtCore.QObject)
            if hasattr(a, "shortcut") and callable(getattr(a, "trigger", None))}
    keys["F3"].trigger()
    assert landscape.button_3d.isChecked()
    keys["F2"].trigger()
    assert landscape.button_2d.isChecked()
    assert window.race.views.currentWidget() is race_view  # the race's views left alone
    landscape.shutdown()


def test_a_bad_run_file_is_named_once(qtbot, tmp_path):
    t = LandscapeTab()
    qtbot.addWidget(t)
    bad = tmp_path / "bogus.pt"
    bad.write_bytes(b"not a run")
    t.load_run_file(bad)
    qtbot.waitUntil(lambda: "bogus.pt" in t.last_error, timeout=TIMEOUT)
    assert t.last_error.count("bogus.pt") == 1, t.last_error
    assert str(tmp_path) not in t.last_error
    qtbot.waitUntil(lambda: t._file_loader is None, timeout=TIMEOUT)
    t.shutdown()


def test_the_same_weights_are_not_listed_twice(qtbot, tab):
    run = next(iter(tab.runs.values()))
    copy = replace(run, label="sgd.pt: copy", file="/somewhere/sgd.pt")
    assert tab.listed_twin(copy) == run.label
    other = trained("adam", 0.02)
    assert tab.listed_twin(replace(other, label="x")) is None


def test_the_colour_bar_labels_fit_in_presenter_mode(qtbot):
    """pyqtgraph fixes the bar's axis at 45 px and skips a label that does not fit: with
    presenter mode's font "1.75" did not, and the bar showed no number at all."""
    from gradlab.gui.plotting.fonts import set_text_scale

    view = MapView()
    qtbot.addWidget(view)
    view.resize(880, 470)
    view.show()
    qtbot.waitExposed(view)
    set_text_scale(view, 1.6)
    alphas = np.linspace(-1, 1, 9)
    view.set_plane(alphas, alphas, "t")
    view.set_grid(1.75 + 0.38 * np.add.outer(alphas ** 2, alphas ** 2) / 2)
    axis = view.colorbar.axis
    qtbot.waitUntil(lambda: axis.textWidth > 30, timeout=5000)  # the labels were measured
    # A label is drawn only when its box (tick offset + text) lies inside the axis.
    room = lambda: axis.width() - axis.style["tickTextOffset"][0] - axis.textWidth  # noqa: E731
    qtbot.waitUntil(lambda: room() >= -0.5, timeout=5000)
