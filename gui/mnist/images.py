"""Pictures of one evaluation: confusion matrix, first-layer weights, per-class accuracy.

Each is a `pg.PlotItem` built once (image, text and bar items created up front) and
updated with `setImage` / `setText` / `setOpts`, so a redraw never rebuilds the scene.
Levels are fixed (no auto-levels), so the colours do not flicker from frame to frame.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui

from gradlab.gui.i18n import translate
from gradlab.gui.plotting.axes import tidy_axes

DIGITS = [[(i, str(i)) for i in range(10)]]
CELL_TEXT_PIXELS = 14  # the narrowest confusion cell whose number is written in it
CELL_TEXT_MAX_PIXELS = 14  # the numbers' largest font (pixels), in cells of 28 px and more
BLUES = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (8, 48, 107)])
# Blue for negative weights, white for zero, red for positive: what a unit looks for (red)
# and against (blue).
DIVERGING = pg.ColorMap([0.0, 0.5, 1.0], [(33, 102, 172), (247, 247, 247), (178, 24, 43)])


def _image_plot(item: pg.PlotItem) -> None:
    item.getViewBox().setAspectLocked(True)
    item.getViewBox().invertY(True)
    item.getViewBox().setMouseEnabled(False, False)
    item.setMenuEnabled(False)
    item.hideButtons()


class ConfusionPlot(pg.PlotItem):
    """confusion[true, predicted] as a 10x10 heat map with the counts written in it.

    Colour and text are the share of each true digit's samples (row-normalised, in %),
    so a rare digit's mistakes are as visible as a common one's, and two digits of text
    fit in a cell; the raw counts are in the tooltip.
    """

    def __init__(self) -> None:
        super().__init__(title=translate("MnistImages", "Confusion (% of true digit)"), axisItems=tidy_axes())
        _image_plot(self)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(BLUES.getLookupTable(nPts=256))
        self.addItem(self.image)
        self.setLabel("left", translate("MnistImages", "true digit"))
        self.setLabel("bottom", translate("MnistImages", "predicted digit"))
        for axis in ("left", "bottom"):
            self.getAxis(axis).setTicks(DIGITS)
        font = QtGui.QFont()
        font.setPixelSize(9)
        self.texts: list[pg.TextItem] = []
        for t in range(10):
            for p in range(10):
                text = pg.TextItem("", anchor=(0.5, 0.5))
                text.setFont(font)
                text.setPos(p, t)
                self.addItem(text)
                self.texts.append(text)
        self.getViewBox().setRange(xRange=(-0.5, 9.5), yRange=(-0.5, 9.5), padding=0)
        self.texts_shown = True
        self.getViewBox().sigTransformChanged.connect(lambda *_: self._fit_texts())
        self.clear_matrix()

    def retranslate(self) -> None:
        self.titleLabel.setText(translate("MnistImages", "Confusion (% of true digit)"))
        self.setLabel("left", translate("MnistImages", "true digit"))
        self.setLabel("bottom", translate("MnistImages", "predicted digit"))
        if self.counts is not None:
            self._tooltip()

    def cell_pixels(self) -> float:
        """How many pixels wide (and high: the aspect is locked) a cell is drawn now."""
        px, py = self.getViewBox().viewPixelSize()
        return 1.0 / max(px, py, 1e-12)

    def _fit_texts(self) -> None:
        # Too small a cell shows its colour only (the numbers stay in the tooltip): "100"
        # in a cell narrower than itself would run into its neighbours' numbers.
        # Between that and a roomy cell the numbers get a smaller font, not none
        # (presenter mode on a projector leaves cells of 14-16 px), and a large matrix
        # (the view's own page on a projector) large numbers, for the back row.
        cell = self.cell_pixels()
        shown = cell >= CELL_TEXT_PIXELS
        pixels = int(min(max(cell * 0.5, 7), CELL_TEXT_MAX_PIXELS))  # "100" is about 1.9 em wide
        if shown and self.texts and self.texts[0].textItem.font().pixelSize() != pixels:
            for text in self.texts:
                font = text.textItem.font()
                font.setPixelSize(pixels)
                text.setFont(font)
        if shown != self.texts_shown:
            self.texts_shown = shown
            for text in self.texts:
                text.setVisible(shown)

    def clear_matrix(self) -> None:
        self.counts: np.ndarray | None = None
        self.image.setImage(np.zeros((10, 10)), levels=(0.0, 1.0))
        self.image.setRect(-0.5, -0.5, 10, 10)  # cell (t, p) centred on x = p, y = t
        for text in self.texts:
            text.setText("")
            text.shown = ("", None)

    def set_matrix(self, confusion: np.ndarray) -> None:
        counts = np.asarray(confusion, np.int64)
        totals = counts.sum(axis=1, keepdims=True)
        share = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
        self.image.setImage(share, levels=(0.0, 1.0))
        self.image.setRect(-0.5, -0.5, 10, 10)
        for t in range(10):
            for p in range(10):
                pct = 100 * share[t, p]
                colour = "w" if share[t, p] > 0.5 else (40, 40, 40)
                text = f"{pct:.0f}" if pct >= 0.5 else ("·" if counts[t, p] else "")
                item = self.texts[10 * t + p]
                if (text, colour) != getattr(item, "shown", None):  # setText re-lays out: skip if same
                    item.shown = (text, colour)
                    item.setText(text, color=colour)
        self.counts = counts
        self._tooltip()

    def _tooltip(self) -> None:
        counts = self.counts
        self.image.setToolTip(translate("MnistImages", "counts [true, predicted]:") + "\n" + "\n".join(
            f"{t}: " + " ".join(f"{int(n):>4d}" for n in counts[t]) for t in range(10)))

    def describe(self, x: float, y: float) -> str:
        """The cell under view point (x, y) in words: "true 3 → predicted 5: 12 of 1,010
        threes (1.2%)"; "" outside the matrix or before a matrix is shown."""
        p, t = int(round(x)), int(round(y))
        if self.counts is None or not (0 <= p <= 9 and 0 <= t <= 9):
            return ""
        n, total = int(self.counts[t, p]), int(self.counts[t].sum())
        share = translate("MnistImages", " ({percent}%)").format(percent=f"{100 * n / total:.1f}") if total else ""
        verdict = translate("MnistImages", "right") if t == p else translate("MnistImages", "mistaken")
        return translate("MnistImages", "true {t} → predicted {p}: {n} of {total} test {t}s{share}, {verdict}").format(
            t=t, p=p, n=f"{n:,}", total=f"{total:,}", share=share, verdict=verdict)


class WeightsPlot(pg.PlotItem):
    """The first `count` rows of the first layer's weights, each shown as a 28x28 image.

    Each tile is scaled by its own largest |w| so faint units are as readable as strong
    ones; red pixels push the unit's input up, blue ones down.
    """

    def __init__(self, count: int = 64, columns: int = 8) -> None:
        super().__init__(title=translate("MnistImages", "First-layer weights ({count} units)").format(count=count))
        _image_plot(self)
        for axis in ("left", "bottom"):
            self.hideAxis(axis)
        self.count, self.columns = count, columns
        self.rows = -(-count // columns)
        # Averaged down to the pixels it is drawn on (see DigitGrid): skipped rows and
        # columns lost the lines between tiles and striped the weights.
        self.image = pg.ImageItem(axisOrder="row-major", autoDownsample=True)
        self.image.setLookupTable(DIVERGING.getLookupTable(nPts=256))
        self.addItem(self.image)
        self.clear_weights()

    def retranslate(self) -> None:
        self.titleLabel.setText(translate("MnistImages", "First-layer weights ({count} units)").format(count=self.count))

    def _blank(self) -> np.ndarray:
        return np.zeros((self.rows * 29 + 1, self.columns * 29 + 1))

    def clear_weights(self) -> None:
        self.image.setImage(self._blank(), levels=(-1.0, 1.0))

    def set_weights(self, weights: np.ndarray) -> None:
        w = np.asarray(weights, np.float64)[: self.count]
        canvas = self._blank()
        scale = np.abs(w).max(axis=1)
        scale[~np.isfinite(scale) | (scale == 0)] = 1.0
        tiles = (w / scale[:, None]).reshape(-1, 28, 28)
        for i, tile in enumerate(tiles):
            r, c = divmod(i, self.columns)
            canvas[1 + r * 29 : 1 + r * 29 + 28, 1 + c * 29 : 1 + c * 29 + 28] = tile
        self.image.setImage(np.nan_to_num(canvas), levels=(-1.0, 1.0))


class PerClassPlot(pg.PlotItem):
    """Test accuracy of each digit, one bar per run side by side, in the runs' colours."""

    def __init__(self) -> None:
        super().__init__(title=translate("MnistImages", "Per-class accuracy (%)"), axisItems=tidy_axes())
        self.getAxis("bottom").setTicks(DIGITS)
        self.setLabel("bottom", translate("MnistImages", "digit"))
        self.setYRange(0, 100, padding=0.02)
        self.setXRange(-0.6, 9.6, padding=0)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.showGrid(y=True, alpha=0.25)
        self.bars: dict[int, pg.BarGraphItem] = {}
        self.shown_runs: list = []

    def retranslate(self) -> None:
        self.titleLabel.setText(translate("MnistImages", "Per-class accuracy (%)"))
        self.setLabel("bottom", translate("MnistImages", "digit"))

    def describe(self, x: float) -> str:
        """The readout for the digit nearest to x: each run's accuracy on it, with the
        counts ("■ 97.2% (953/980)"), in the runs' colours; "" off the digits."""
        digit = int(round(x))
        if not 0 <= digit <= 9:
            return ""
        parts = []
        for run in self.shown_runs:
            confusion = np.asarray(run.evaluation.confusion)
            right, total = int(confusion[digit, digit]), int(confusion[digit].sum())
            acc = f"{100 * right / total:.1f}% ({right:,}/{total:,})" if total else translate("MnistImages", "no samples")
            parts.append(f"<span style='color:{run.colour}'>■ {acc}</span>")
        return translate("MnistImages", "<b>per-class accuracy</b> · digit {digit} · ").format(digit=digit) + " ".join(parts)

    def set_runs(self, runs: list) -> None:
        """`runs` with an evaluation; one BarGraphItem per run, created once."""
        shown = self.shown_runs = [r for r in runs if r.evaluation is not None]
        for key in set(self.bars) - {id(r) for r in shown}:
            self.removeItem(self.bars.pop(key))
        width = 0.8 / max(1, len(shown))
        for i, run in enumerate(shown):
            x = np.arange(10) - 0.4 + width * (i + 0.5)
            key = (id(run.evaluation), len(shown))
            bar = self.bars.get(id(run))
            if bar is not None and bar.shown == key:
                continue  # unchanged: no setOpts, so no repaint
            acc = np.nan_to_num(100 * np.asarray(run.evaluation.per_class_accuracy, np.float64))
            if bar is None:
                bar = pg.BarGraphItem(x=x, height=acc, width=width, brush=run.colour, pen=None)
                self.bars[id(run)] = bar
                self.addItem(bar)
            else:
                bar.setOpts(x=x, height=acc, width=width)
            bar.shown = key
