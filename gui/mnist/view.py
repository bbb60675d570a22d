"""Every picture of the MNIST tab: curves above, the selected run's pictures below.

The live curves (`mnist_plots`) and per-class bars in one `pg.GraphicsLayoutWidget`, the
confusion matrix, digit grid and first-layer weights in another below it. `redraw` is
called by the tab's single redraw timer only.

Lower than COMPACT_HEIGHT (a 1280×720 projector, in presenter mode or not) the two do not
share the height: side by side in a splitter the pictures got ~200 px, the confusion
matrix's cells 7 px and no numbers. A tab bar ("Curves" | "Inside the selected run")
then shows one of them at a time, with the whole height.

Colours: white paper, dark ink (set per item, not through pyqtgraph's global config,
which other tabs share).
"""

from __future__ import annotations

import contextlib
from typing import Iterator

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.mnist.digit_grid import DigitGrid
from gradlab.gui.mnist.images import ConfusionPlot, PerClassPlot, WeightsPlot
from gradlab.gui.mnist.plots import CurvePlots, Readout
from gradlab.gui.plotting.fonts import TITLE_ATTR, rescale_new_text, set_text_scale
from gradlab.gui.plotting.legend import fit_legend
from gradlab.gui.plotting.title import fit_titles

INK = (30, 30, 30)
MAX_TEXT_SCALE = 1.2
# The view's height (px) below which curves and pictures take turns: under it the
# pictures' share (3/8) leaves the confusion matrix's cells under CELL_TEXT_PIXELS.
COMPACT_HEIGHT = 700
PAGES = (QT_TRANSLATE_NOOP("MnistView", "Curves"), QT_TRANSLATE_NOOP("MnistView", "Inside the selected run"))
DIGITS_TITLE = QT_TRANSLATE_NOOP("MnistView", "Test digits: predicted label (red = mistake)")


def paper(plot: pg.PlotItem) -> None:
    """Dark axes and title for a white background."""
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(INK))
        axis.setTextPen(pg.mkPen(INK))
    plot.titleLabel.setAttr("color", INK)
    plot.titleLabel.setText(plot.titleLabel.text, size="10pt")
    if plot.legend is not None:
        plot.legend.setLabelTextColor(INK)


def title_over_whole_plot(plot: pg.PlotItem) -> None:
    """Let the title use the plot's whole width, over its axes too: over the data area
    alone (pyqtgraph's place) a small plot's title had ~100 px and was cut to
    "Learning r…"."""
    title = plot.titleLabel
    plot.layout.removeItem(title)
    plot.layout.addItem(title, 0, 0, 1, 3)


class MnistView(QtWidgets.QWidget):
    """Two views: the curves (`curves_view`) over the pictures of the selected run's
    last evaluation (`pictures_view`).

    Two viewports, not one, because a redraw during training changes only the curves:
    in one scene every curve update also repainted the confusion matrix, the digits and
    their 140 text labels, which cost the training run a third of the GUI's time.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.curves_view = pg.GraphicsLayoutWidget()
        self.pictures_view = pg.GraphicsLayoutWidget()
        for view in (self.curves_view, self.pictures_view):
            view.setBackground("w")
        self.ci = self.curves_view.ci
        self.curves = CurvePlots(self.ci)
        self.curves.connect_hover(self.curves_view.scene())
        self.per_class = PerClassPlot()
        self.ci.addItem(self.per_class, row=2, col=3)
        self.curves.per_class = self.per_class  # the curves' readout line reads it out too
        self.confusion = ConfusionPlot()
        self.digits = DigitGrid(count=40, columns=8, title=translate("MnistView", DIGITS_TITLE))
        self.weights = WeightsPlot()
        pictures = self.pictures_view.ci
        self.pictures_title = pg.LabelItem("", justify="left", size="9pt", color=INK)
        # What the line above the pictures says, and in which colour (said again on a change of language).
        self._pictures_says = (lambda: translate("MnistView", "Inside the selected run, after its latest evaluation: "
                                                 "train a run to see it."), INK)
        self.pictures_title.setText(self._pictures_says[0](), color=INK)
        # Sized as the pictures' titles in presenter mode: scaled, its ~110 characters ran
        # past the right edge of a 1280-pixel projector.
        setattr(self.pictures_title, TITLE_ATTR, True)
        pictures.addItem(self.pictures_title, row=0, col=0, colspan=3)
        pictures.addItem(self.confusion, row=1, col=0)
        pictures.addItem(self.digits, row=1, col=1)
        pictures.addItem(self.weights, row=1, col=2)
        # The confusion matrix's readout, under the pictures (the curves have theirs above).
        self.pictures_readout = Readout("", justify="left", size="9pt", color=INK)
        pictures.addItem(self.pictures_readout, row=2, col=0, colspan=3)
        self.pictures_view.scene().sigMouseMoved.connect(self._hover_pictures)
        # The confusion matrix as wide as the digits: its numbers need cells of 14 px
        # (on its own page, see _arrange, wider still).
        pictures.layout.setColumnStretchFactor(0, 3)
        pictures.layout.setColumnStretchFactor(1, 3)
        pictures.layout.setColumnStretchFactor(2, 2)
        for plot in (*self.curves.plots.values(), self.per_class, self.confusion, self.digits, self.weights):
            paper(plot)
        self.curves.readout.setAttr("color", INK)
        self.curves.readout.setText(translate("MnistPlots", "hover over a plot to read its values"))
        self.pictures_readout.setText(translate("MnistView", "hover over the confusion matrix to read a cell"))
        self.ci.layout.setRowStretchFactor(1, 3)
        self.ci.layout.setRowStretchFactor(2, 2)
        splitter = self.splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        for view in (self.curves_view, self.pictures_view):
            fit_titles(view)
        for plot in (*self.curves.plots.values(), self.per_class, self.confusion, self.digits, self.weights):
            title_over_whole_plot(plot)
        splitter.addWidget(self.curves_view)
        splitter.addWidget(self.pictures_view)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.pages = QtWidgets.QTabBar()
        self.pages.setObjectName("mnist_pages")
        self.pages.setDrawBase(False)
        self.pages.setExpanding(False)
        for name in PAGES:
            self.pages.addTab(translate("MnistView", name))
        self.pages.currentChanged.connect(lambda *_: self._arrange())
        self.pages.hide()
        self.compact = False
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.pages)
        layout.addWidget(splitter)
        self._shown = None  # (run id, evaluation) on display in the pictures
        self._legend_runs = 0  # runs in the legend when its text was last scaled
        # The runs' legend stays inside the training-loss plot, however narrow.
        self.curves.train.vb.sigResized.connect(lambda *_: self.fit_legend())
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text of the plots, the pages' names and the line above the pictures in the
        language shown (pyqtgraph's items are not widgets: they are told from here)."""
        for i, name in enumerate(PAGES):
            self.pages.setTabText(i, translate("MnistView", name))
        self.pages.setTabToolTip(1, translate("MnistView", "the confusion matrix, test digits and first-layer weights "
                                              "of the run selected in the list"))
        self.curves.retranslate()
        for plot in (self.per_class, self.confusion, self.weights):
            plot.retranslate()
        self.digits.titleLabel.setText(translate("MnistView", DIGITS_TITLE))
        say, colour = self._pictures_says
        self.pictures_title.setText(say(), color=colour)
        self.pictures_readout.setText(translate("MnistView", "hover over the confusion matrix to read a cell"))
        self.fit_legend()

    def show_page(self, name: str) -> None:
        """In a compact view, show PAGES' `name` ("Curves" or "Inside the selected run");
        a roomy view shows both anyway."""
        self.pages.setCurrentIndex(PAGES.index(name))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's API
        super().resizeEvent(event)
        compact = event.size().height() < COMPACT_HEIGHT
        if compact != self.compact:
            self.compact = compact
            self._arrange()

    def _arrange(self) -> None:
        # A hidden pane keeps its last size (an export draws it at that size); the
        # splitter gives the shown one the whole height.
        self.pages.setVisible(self.compact)
        page = self.pages.currentIndex()
        self.curves_view.setVisible(not self.compact or page == 0)
        self.pictures_view.setVisible(not self.compact or page == 1)
        # On its own page the pictures are short and wide: the square confusion matrix is
        # then limited by its width, so it takes the weights' spare width.
        self.pictures_view.ci.layout.setColumnStretchFactor(0, 4 if self.compact else 3)

    def fit_legend(self) -> None:
        """Keep every run's entry inside the training-loss plot: as many columns as the
        plot's height needs (five runs in presenter mode on a projector showed three),
        each entry cut short enough for its column's width (see plot_legend; the legend
        sits 8 px in from the plot's right edge: as much room on the left)."""
        legend, vb = self.curves.legend, self.curves.train.vb
        columns = 1
        if legend.items:
            row = max(label.boundingRect().height() for _, label in legend.items)
            row += legend.layout.verticalSpacing()
            rows = max(int((vb.height() - 16) // max(row, 1.0)), 1)
            columns = min(-(-len(legend.items) // rows), len(legend.items))
            if legend.columnCount != columns:
                legend.setColumnCount(columns)
        fit_legend(legend, (vb.width() - 16) / columns)

    def set_text_scale(self, k: float) -> None:
        """Presenter mode: the plots' text at k times its normal size, at most
        MAX_TEXT_SCALE (eight plots share the space one plot has in the race: at 1.6
        times their ticks overlap and four titles overflow a 1280-pixel projector). The
        pictures' long titles (and the line above them) keep their size, for the same reason."""
        k = min(k, MAX_TEXT_SCALE)
        set_text_scale(self.curves_view, k)
        set_text_scale(self.pictures_view, k, titles=1.0)
        self.fit_legend()

    def _hover_pictures(self, pos) -> None:
        text = ""
        if self.confusion.sceneBoundingRect().contains(pos):
            p = self.confusion.vb.mapSceneToView(pos)
            text = self.confusion.describe(p.x(), p.y())
        self.pictures_readout.setText(text or translate("MnistView", "hover over the confusion matrix to read a cell"))

    def hover_items(self) -> list:
        """The lines that follow the pointer: never part of an exported picture."""
        return [self.curves.readout, self.pictures_readout]

    def export_items(self) -> list:
        """What "export plots" writes: the curves' layout, then the pictures'."""
        return [self.curves_view.ci, self.pictures_view.ci]

    @contextlib.contextmanager
    def exporting(self) -> Iterator[None]:
        """Hide the hover readouts while an export renders the scenes: they describe
        where the pointer was, which the picture does not show."""
        items = self.hover_items()
        shown = [item.isVisible() for item in items]
        for item in items:
            item.setVisible(False)
        try:
            yield
        finally:
            for item, visible in zip(items, shown):
                item.setVisible(visible)

    def redraw(self, runs: list, selected, smoothing: float) -> None:
        self.curves.update(runs, smoothing)
        if len(runs) != self._legend_runs:  # a run's legend entry came (or went)
            self._legend_runs = len(runs)
            rescale_new_text(self.curves_view)
        self.fit_legend()  # after an entry came, or a run's entry changed (diverged)
        self.per_class.set_runs(runs)
        evaluation = selected.evaluation if selected is not None else None
        key = (id(selected), id(evaluation))
        if key == self._shown:
            return
        self._shown = key
        if evaluation is None:
            self._pictures_says = (lambda: translate("MnistView", "Select a run that has been evaluated to see inside it."), INK)
            self.pictures_title.setText(self._pictures_says[0](), color=INK)
            self.confusion.clear_matrix()
            self.digits.clear_digits()
            self.weights.clear_weights()
            return
        def says(run=selected, e=evaluation) -> str:
            where = (translate("MnistView", "test set") if e.kind == "epoch" else
                     translate("MnistView", "first {count} test digits").format(count=f"{e.samples:,}"))
            return translate("MnistView", "<b>{run}</b> after step {step} (epoch {epoch}): {accuracy}% right on the {where}").format(
                run=run.shown_label, step=f"{e.step:,}", epoch=f"{e.epoch:.2f}", accuracy=f"{100 * e.test_accuracy:.2f}", where=where)

        self._pictures_says = (says, selected.colour)
        self.pictures_title.setText(says(), color=selected.colour)
        self.confusion.set_matrix(evaluation.confusion)
        self.digits.set_digits(evaluation.grid_images, evaluation.grid_labels, evaluation.grid_predictions)
        self.weights.set_weights(evaluation.first_layer_weights)
