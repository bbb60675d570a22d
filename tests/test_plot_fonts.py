"""Presenter mode reaches the text inside pyqtgraph plots: ticks, axis labels, titles
and legends scale by k from the size they had first, and k = 1 restores them."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6 import QtGui, QtWidgets

from gradlab.gui.main_window import MainWindow
from gradlab.gui.mnist.view import PAGES
from gradlab.gui.plotting.fonts import TITLE_ATTR, rescale_new_text, scale_plot_text, set_text_scale


@pytest.fixture
def window(qtbot):
    """The app's window at a projector's 1280x720."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    return w


def _plot(qtbot):
    w = pg.PlotWidget(title="Loss")
    qtbot.addWidget(w)
    w.setLabel("bottom", "epoch")
    w.addLegend()
    w.plot([0, 1], [1, 0], name="Adam")
    return w


def _sizes(w):
    item = w.getPlotItem()
    axis = item.getAxis("bottom")
    legend = [label for _, label in item.legend.items]
    return (axis.style["tickFont"].pointSizeF(), axis.label.font().pointSizeF(),
            item.titleLabel.opts["size"], [label.opts["size"] for label in legend])


def test_scaling_multiplies_every_text_and_one_restores_it(qtbot):
    w = _plot(qtbot)
    assert scale_plot_text(w, 1.0) > 0
    tick, label, title, legend = _sizes(w)
    assert scale_plot_text(w, 1.6) >= 4  # two axes shown, the title, the legend's label
    tick2, label2, title2, legend2 = _sizes(w)
    assert tick2 == pytest.approx(1.6 * tick) and label2 == pytest.approx(1.6 * label)
    assert float(title2[:-2]) == pytest.approx(1.6 * float(title[:-2]), abs=0.05)
    assert float(legend2[0][:-2]) == pytest.approx(1.6 * float(legend[0][:-2]), abs=0.05)
    scale_plot_text(w, 1.6)  # again: from the first size, not compounded
    assert _sizes(w)[0] == pytest.approx(tick2)
    scale_plot_text(w, 1.0)
    assert _sizes(w) == (tick, label, title, legend)


def test_titles_can_keep_their_size(qtbot):
    w = _plot(qtbot)
    heading = pg.LabelItem("a line above the plots", size="9pt")
    setattr(heading, TITLE_ATTR, True)  # sized as a title
    w.getPlotItem().scene().addItem(heading)
    scale_plot_text(w, 1.0)
    title = w.getPlotItem().titleLabel.opts["size"]
    tick = _sizes(w)[0]
    scale_plot_text(w, 1.5, titles=1.0)
    assert w.getPlotItem().titleLabel.opts["size"] == title
    assert heading.opts["size"] == "9.0pt"
    assert _sizes(w)[0] == pytest.approx(1.5 * tick)


def test_text_added_later_joins_the_scale_once(qtbot):
    w = _plot(qtbot)
    scale_plot_text(w, 1.0)
    first = float(_sizes(w)[3][0][:-2])
    set_text_scale(w, 2.0)
    w.plot([0, 1], [0, 1], name="SGD")  # a new legend entry, at the normal size
    rescale_new_text(w)
    sizes = [float(s[:-2]) for s in _sizes(w)[3]]
    assert sizes == pytest.approx([2 * first, 2 * first], abs=0.05)


def test_presenter_mode_scales_the_mnist_and_explorer_plots_within_the_window(qtbot, window):
    mnist, explorer = window.tab("MNIST"), window.tab("Explorer")
    axis = explorer.activations.f_plot.getAxis("bottom")
    mnist_axis = mnist.view.curves.train.getAxis("bottom")
    scale_plot_text(explorer, 1.0)  # records the normal sizes
    scale_plot_text(mnist.view, 1.0)
    normal, mnist_normal = axis.style["tickFont"].pointSizeF(), mnist_axis.style["tickFont"].pointSizeF()
    window.set_presenter(True)
    assert axis.style["tickFont"].pointSizeF() == pytest.approx(1.6 * normal)
    assert mnist_axis.style["tickFont"].pointSizeF() == pytest.approx(1.2 * mnist_normal)
    window.tabs.setCurrentWidget(mnist)
    qtbot.waitUntil(lambda: mnist.view.isVisible(), timeout=3000)
    # The line above the pictures, as long as a real run's makes it.
    mnist.view.pictures_title.setText(
        "<b>1. Adam lr=0.001 · cross-entropy · ReLU · cosine schedule</b> after step 1,404 "
        "(epoch 3.00): 98.15% right on the test set")
    for page, view in zip(PAGES, (mnist.view.curves_view, mnist.view.pictures_view)):
        mnist.view.show_page(page)  # at 1280x720 the view shows one of the two at a time
        qtbot.waitUntil(lambda v=view: v.isVisible() and min(v.viewport().width(), v.viewport().height()) > 100,
                        timeout=3000)
        bounds = view.mapToScene(view.viewport().rect()).boundingRect().adjusted(-1, -1, 1, 1)
        for item in view.scene().items():
            if isinstance(item, pg.PlotItem) and item.isVisible():
                assert bounds.contains(item.sceneBoundingRect()), item.titleLabel.text
    title = mnist.view.pictures_title
    assert title.item.sceneBoundingRect().right() <= bounds.right()
    window.set_presenter(False)
    assert axis.style["tickFont"].pointSizeF() == pytest.approx(normal)


def test_a_legend_box_shrinks_back_with_its_labels(qtbot):
    w = _plot(qtbot)
    w.plot([0, 1], [0, 1], name="SGD")
    legend = w.getPlotItem().legend
    scale_plot_text(w, 1.0)
    height = legend.height()
    scale_plot_text(w, 2.0)
    assert legend.height() > 1.3 * height
    scale_plot_text(w, 1.0)
    qtbot.waitUntil(lambda: abs(legend.height() - height) <= 1, timeout=2000)


def test_presenter_mode_widens_the_explorer_panels_and_their_checkboxes_follow(window):
    from gradlab.gui.explorer.widgets import PANEL_WIDTH

    explorer = window.tab("Explorer")
    box = next(iter(explorer.losses.checkboxes.values()))
    normal_pt = box.font().pointSizeF()
    window.set_presenter(True)
    panels = explorer.findChildren(QtWidgets.QScrollArea, "side_panel")
    assert len(panels) == 4 and {p.width() for p in panels} == {round(1.6 * PANEL_WIDTH)}
    assert box.font().pointSizeF() == pytest.approx(1.6 * normal_pt)  # no style sheet in the way
    assert box.font().bold()
    window.set_presenter(False)
    assert {p.width() for p in panels} == {PANEL_WIDTH}
    assert box.font().pointSizeF() == pytest.approx(normal_pt)


def _title_overflows(view: pg.GraphicsView) -> list[str]:
    """Titles of visible plots in `view` whose text runs past the view's left or right
    edge, or whose plot does."""
    bounds = view.mapToScene(view.viewport().rect()).boundingRect()
    out = []
    for item in view.scene().items():
        if isinstance(item, pg.PlotItem) and item.isVisible() and item.titleLabel.text:
            for rect in (item.titleLabel.item.sceneBoundingRect(), item.sceneBoundingRect()):
                if rect.left() < bounds.left() - 1 or rect.right() > bounds.right() + 1:
                    out.append(item.titleLabel.text)
    return out


def _cut_titles(view: pg.GraphicsView) -> list[str]:
    """Titles of visible plots in `view` drawn cut short with "…" (the whole only in the
    tooltip): a title that fits its plot only because it was elided."""
    return [item.titleLabel.text for item in view.scene().items()
            if isinstance(item, pg.PlotItem) and item.isVisible() and item.titleLabel.text
            and getattr(item.titleLabel, "shown", item.titleLabel.text) != item.titleLabel.text]


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_the_race_plot_titles_are_whole_at_1280_by_720_in_presenter_mode(qtbot, language, window):
    """Each title the race's second plot can have ("distance to nearest minimum" was drawn
    "distance to nearest m…"): a distance, a typed formula's loss gap, no minimum."""
    race = window.race
    window.set_presenter(True)
    title = race.curves.dist.plot.titleLabel
    for second_plot, choose in (("distance", lambda: None),
                                ("gap", lambda: race.set_formula("(x**2 - 1)**2 + y**2")),
                                ("no minimum", lambda: race.set_surface_name("saddle"))):
        choose()
        assert race.curves.gap == (second_plot == "gap")
        assert race.curves.has_minima == (second_plot != "no minimum")
        qtbot.waitUntil(lambda: race.curves.dist.widget.width() > 0 and title.width() > 0, timeout=3000)
        QtWidgets.QApplication.processEvents()
        assert title.width() < 300  # the narrow column this test is about
        for view in (race.curves.loss.widget, race.curves.dist.widget):
            assert _cut_titles(view) == [], (second_plot, title.text, title.shown, title.width())
        assert race.curves.dist.plot.toolTip()  # what the short title leaves out
    race.shutdown()


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_the_race_curves_keep_room_to_read_at_1280_by_720_in_presenter_mode(qtbot, language, window):
    """The loss and distance plots had 38 px for their curves (one tick) under the lesson:
    each keeps at least 80 px between its title and its axis; the lesson scrolls."""
    window.set_presenter(True)
    curves = window.race.curves
    boxes = [c.plot.getViewBox() for c in (curves.loss, curves.dist)]
    qtbot.waitUntil(lambda: all(b.height() > 0 for b in boxes), timeout=3000)
    QtWidgets.QApplication.processEvents()
    assert [b.height() >= 80 for b in boxes] == [True, True], [b.height() for b in boxes]
    assert window.race.lesson_box.height() >= 120  # its title and the lesson's first lines


def test_in_presenter_mode_every_plot_title_fits_a_1280_by_720_window(qtbot, window):
    window.set_presenter(True)
    explorer = window.tab("Explorer")
    pages = [(tab, None) for tab in ("Optimizer race", "MNIST", "Backpropagation", "Playground", "Landscape")]
    pages += [("Explorer", i) for i in range(explorer.tabs.count())]
    for name, sub in pages:
        tab = window.tab(name)
        window.tabs.setCurrentWidget(tab)
        if sub is not None:
            explorer.tabs.setCurrentIndex(sub)
        shown = [v for v in tab.findChildren(pg.GraphicsView) if v.isVisible()]
        qtbot.waitUntil(lambda s=shown: all(v.width() > 0 for v in s) and len(s) > 0, timeout=3000)
        QtWidgets.QApplication.processEvents()
        for view in shown:
            assert _title_overflows(view) == [], (name, sub)
            assert _cut_titles(view) == [], (name, sub)


def test_presenter_mode_reaches_the_explorer_panels_monospace_equations(window):
    explorer = window.tab("Explorer")
    labels = explorer.gradients.findChildren(QtWidgets.QLabel)
    normal = {id(label): label.font().pointSizeF() for label in labels}
    window.set_presenter(True)
    for label in labels:
        assert label.font().pointSizeF() == pytest.approx(1.6 * normal[id(label)]), label.text()[:40]
    equations = next(label for label in labels if label.text().startswith("Forward"))
    # What the app asks for, not what the host resolves it to: whether a host's "monospace"
    # face reports a fixed pitch depends on its installed fonts (Noto Sans Mono does not).
    assert equations.font().families() == ["monospace"]
    assert equations.font().styleHint() == QtGui.QFont.StyleHint.TypeWriter
