"""Why momentum works: the race's surface seen through its Hessian (Goh, Distill 2017).

On a quadratic f(θ) = ½ (θ − θ*)ᵀ H (θ − θ*) every optimizer of the heavy-ball family
moves each eigen-direction of H on its own: the error's component along vᵢ shrinks by
|1 − ηλᵢ| per step for gradient descent, and by the spectral radius of a 2×2 iteration
for momentum (b ← βb + g, θ ← θ − ηb, torch's convention; Distill's z ← βz + ∇f,
w ← w − αz is the same). The panel shows, for the surface's Hessian at the start (or at
a Shift-clicked point; on a surface that is not quadratic this is the local quadratic
model there, and says so):

- λ₁ ≤ λ₂ and κ = λ₂/λ₁, with the eigenvectors drawn on the surface (`EigenOverlay`);
- the convergence map of heavy-ball momentum over η (log axis) and β: the rate
  max_i ρ(η, β, λᵢ) as a heatmap, the region where it diverges (ρ ≥ 1) in grey, the
  critical-damping curves β = (1 − √(ηλᵢ))², the optimum (η*, β*) as a star, and each
  SGD or Momentum racer's (η, β) as a dot in its colour. Clicking the map sets the
  selected racer's η and β; "Optimal" sets η*, β*;
- the stability limits: η < 2/λ_max (gradient descent, the map's β = 0 row, dotted)
  and η < 2(1 + β)/λ_max (momentum, the map's divergence edge), on the map and as red
  marks on each SGD or Momentum racer's learning-rate slider (`limits_changed`);
- the selected racer's error along each eigen-direction over the steps (log y), with
  the predicted |cᵢ(0)| ρᵢᵗ dashed, and its measured rate (the slope of log ‖θ − θ*‖
  over steps 50-300) beside the predicted one.

All the mathematics is `gradlab.core.quadratic`'s; this file only shows it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.core import quadratic
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.fonts import rescale_new_text, set_text_scale
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.curves import peak_decimate
from gradlab.gui.race.momentum.eigenvectors import COLORS, EigenOverlay
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.words import racer_label, refit
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.style import BACKGROUND, MUTED, NORMAL, Look

MAP_LRS = 160  # columns of the map (η, log-spaced)
MAP_MOMENTA = 120  # rows of the map (β, evenly spaced)
MAX_MOMENTUM = 0.99  # the map's top row: the momentum control allows 0.999, which says little more
# The map's η axis, in units of 1/λ_max: the momentum limit 2(1 + β)/λ_max is < 4/λ_max.
LR_LO, LR_HI = 1e-2, 4.4
HYPER_LR_RANGE = (1e-5, 10.0)  # what the cards' learning-rate boxes accept
MEASURE_FROM, MEASURE_TO = 50, 300  # the steps whose slope gives the measured rate
HEAVY_BALL = ("sgd", "momentum")  # the racers the theory predicts exactly
MAP_SETS = ("sgd", "momentum", "nesterov")  # whose η (and β) a click on the map sets
DIVERGED_RGBA = (90, 90, 90, 235)
RATE_FLOOR = -3.0  # the map's colours end at ρ = 1 − 10⁻³ (a thousand steps per e-fold)
RATE_TICKS = (0.5, 0.9, 0.99, 0.999)  # a decade of 1 − ρ apart: they never crowd
LABELS_MIN_PX = 220  # the narrowest map (its axes' inside) that shows words inside it


def _round3(v: float) -> float:
    """Three significant digits, as the cards' sliders write them."""
    return float(f"{v:.3g}")


class ConvergenceMap(pg.GraphicsLayoutWidget):
    """The rate of heavy-ball momentum over log₁₀ η (x) and β (y).

    `clicked(lr, momentum)` when the map is clicked inside its axes."""

    clicked = QtCore.Signal(float, float)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.plot: pg.PlotItem = self.addPlot(enableMenu=False, axisItems=tidy_axes())
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)  # a click sets η and β; a drag would pan
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        # Images, markers and lines live in log₁₀ η; a log axis then writes η itself under
        # them. (PlotDataItems take η itself: in a log plot they take the log themselves.)
        self.plot.setLogMode(x=True, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        # No label: the title says what the colours are, and a projector's narrow column
        # has no room for it.
        self.colorbar = pg.ColorBarItem(values=(RATE_FLOOR, 0.0), colorMap="viridis",
                                        interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        # The colours stretch log₁₀(1 − ρ) (the steps needed grow as 1/(1 − ρ)), the bar's
        # ticks say ρ: fast is bright, the slow crowd near ρ = 1 still shows its shades.
        self.colorbar.axis.setTicks([[(math.log10(1.0 - r), f"{r:g}") for r in RATE_TICKS]])
        self.diverged = pg.ImageItem(axisOrder="row-major")
        self.diverged.setZValue(5)
        self.plot.addItem(self.diverged)
        self.diverged_text = pg.TextItem(translate("RaceMomentum", "diverges"), color="#f0f0f0",
                                         anchor=(1, 0))
        self.diverged_text.setZValue(6)
        self.plot.addItem(self.diverged_text, ignoreBounds=True)
        dash = QtCore.Qt.PenStyle.DashLine
        self.damping = [pg.PlotDataItem(pen=pg.mkPen(c, width=2, style=dash)) for c in COLORS]
        self.edge = pg.PlotDataItem(pen=pg.mkPen("#ff5050", width=2))  # 2(1 + β)/λ_max
        self.gd_limit = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#ff5050", width=2,
                                        style=QtCore.Qt.PenStyle.DotLine),
                                        label="GD: η < {value}", labelOpts={
                                            "position": 0.3, "color": "#ff8080",
                                            # Hangs down, left of the line: its right
                                            # side is the grey divergent region.
                                            "anchors": [(1, 0), (1, 0)],
                                            "fill": (0, 0, 0, 150)})
        self.optimum = pg.ScatterPlotItem(size=22, symbol="star", pen=pg.mkPen("k", width=1.2),
                                          brush=pg.mkBrush("#ffffff"))
        self.racers = pg.ScatterPlotItem(size=13, pen=pg.mkPen("k", width=1.5))
        self.selected = pg.ScatterPlotItem(size=22, pen=pg.mkPen("w", width=2.5), brush=None)
        for z, item in ((10, self.edge), (11, self.damping[0]), (11, self.damping[1]),
                        (12, self.gd_limit), (20, self.optimum), (21, self.racers),
                        (22, self.selected)):
            item.setZValue(z)
            self.plot.addItem(item, ignoreBounds=True)
        self.note = pg.TextItem("", color=MUTED, anchor=(0.5, 0.5))
        self.plot.addItem(self.note, ignoreBounds=True)
        self._why = ""  # the source text of the note shown in place of the map
        self.retranslate()
        on_language_change(self, self.retranslate)
        fit_titles(self)  # the title never widens the map past a projector's narrow column
        self.scene().sigMouseClicked.connect(self._clicked)
        self.extent: tuple[float, float, float, float] | None = None  # log η lo, hi, β lo, hi

    def retranslate(self) -> None:
        """Axis labels, title and the words on the map in the language in use."""
        self.plot.setLabel("bottom", translate("RaceMomentum", "learning rate η (log)"))
        self.plot.setLabel("left", translate("RaceMomentum", "momentum β"))
        self.plot.setTitle(translate("RaceMomentum", "rate ρ of momentum"))
        if self.diverged_text.toPlainText():
            self.diverged_text.setText(translate("RaceMomentum", "diverges"))
        self.note.setText(translate("RaceMomentum", self._why) if self._why else "")

    def show_map(self, lrs: np.ndarray, momenta: np.ndarray, rates: np.ndarray) -> None:
        """`rates[i, j]` for momenta[i] (rows, y) and lrs[j] (columns, x)."""
        finite = np.where(np.isfinite(rates), rates, np.inf)
        with np.errstate(all="ignore"):
            shade = np.log10(np.maximum(1.0 - finite, 10.0 ** RATE_FLOOR))
        self.image.setImage(shade, levels=(RATE_FLOOR, 0.0), autoLevels=False)
        mask = np.zeros((*rates.shape, 4), dtype=np.ubyte)
        mask[finite >= 1.0] = DIVERGED_RGBA
        self.diverged.setImage(mask, levels=(0, 255), autoLevels=False)
        x0, x1 = math.log10(lrs[0]), math.log10(lrs[-1])
        y0, y1 = float(momenta[0]), float(momenta[-1])
        # Cell centres at the grid's values: the image reaches half a cell beyond them.
        dx, dy = (x1 - x0) / (len(lrs) - 1), (y1 - y0) / (len(momenta) - 1)
        rect = QtCore.QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy)
        self.image.setRect(rect)
        self.diverged.setRect(rect)
        self.extent = (rect.left(), rect.right(), rect.top(), rect.bottom())
        self.plot.setXRange(rect.left(), rect.right(), padding=0)
        # A little room under β = 0, where the SGD racers' dots sit.
        self.plot.setYRange(rect.top() - 0.03, rect.bottom(), padding=0)
        # Top right, where the grey region is widest and no label of the lines is.
        self.diverged_text.setPos(rect.right(), rect.bottom())
        for item in (self.image, self.diverged):
            item.setVisible(True)
        self._why = ""
        self.note.setText("")

    def show_nothing(self, why: str) -> None:
        """No map (the model is not convex there): say why in its place (`why`: a source
        text marked in the "RaceMomentum" context, shown translated)."""
        for item in (self.image, self.diverged):
            item.setVisible(False)
        for item in (*self.damping, self.edge, self.optimum, self.racers, self.selected):
            item.setData([], [])
        self.gd_limit.setVisible(False)
        self.diverged_text.setText("")
        self.extent = None
        self.plot.setXRange(-3, 0, padding=0)
        self.plot.setYRange(0, 1, padding=0)
        self._why = why
        self.note.setText(translate("RaceMomentum", why))
        self.note.setPos(-1.5, 0.5)

    def _clicked(self, event: Any) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton or self.extent is None:
            return
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        x0, x1, y0, y1 = self.extent
        if not (x0 <= p.x() <= x1 and y0 <= p.y() <= y1):
            return
        event.accept()
        self.clicked.emit(10.0 ** p.x(), p.y())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if hasattr(self, "gd_limit"):  # not while pyqtgraph's own __init__ sizes the view
            self.fit_labels()

    def fit_labels(self) -> None:
        """The words inside the map ("diverges", the GD limit) only where they fit beside
        the markers: in a projector's narrow column they would cover them; the text
        under the map says the same."""
        wide = self.plot.getViewBox().width() >= LABELS_MIN_PX
        self.diverged_text.setVisible(wide)
        self.gd_limit.label.setVisible(wide and self.gd_limit.isVisible())

    def view_to_widget(self, lr: float, momentum: float) -> QtCore.QPoint:
        """Where (η, β) is on this widget, in pixels (tests click there)."""
        scene = self.plot.getViewBox().mapViewToScene(QtCore.QPointF(math.log10(lr), momentum))
        return self.mapFromScene(scene)


class _Page(QtWidgets.QWidget):
    """The panel's scrolling page: never shorter than its wrapped labels and its plots'
    minimum heights need at its width (a scroll area asks only the width-blind minimum,
    and the layout then draws the labels over the plots)."""

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QtCore.QEvent) -> bool:  # noqa: D102 - Qt override
        handled = super().event(event)
        # A label's new text (the model's numbers, another language, presenter mode's
        # font) wraps onto more lines at the same width: measured again, not only on resize.
        if event.type() == QtCore.QEvent.Type.LayoutRequest:
            self._fit()
        return handled

    def _fit(self) -> None:
        if self.layout() is None:
            return
        need = self.layout().totalMinimumHeightForWidth(self.width())
        if need > 0 and need != self.minimumHeight():  # -1: no answer yet (no width)
            self.setMinimumHeight(need)


class MomentumTheory(QtWidgets.QWidget):
    """The panel. `hyper_chosen(index, {"lr": η, "momentum": β})` asks the race to set
    racer `index`'s hyperparameters (a click on the map, "Optimal")."""

    hyper_chosen = QtCore.Signal(int, dict)
    # Per racer, (η_max, why) for its learning-rate slider's mark, or None: no mark.
    limits_changed = QtCore.Signal(list)

    def __init__(self, overlay: EigenOverlay, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MomentumTheory")
        self.overlay = overlay
        self.look = NORMAL
        self.surface: Any = None
        self.start: tuple[float, float] = (0.0, 0.0)
        self.probe: tuple[float, float] | None = None  # a Shift-clicked point, else the start
        self.entries: list[OptimizerEntry] = []
        self.eigenvalues: np.ndarray | None = None
        self.vectors: np.ndarray | None = None
        self.best: tuple[float, float] | None = None  # (η*, β*)
        self.minimum: tuple[float, float] | None = None
        self.exact_model = False  # f is quadratic: the model is f itself
        self._model_key: tuple = ()
        self._last: tuple[RaceHistory | None, int] | None = None

        self.model_label = QtWidgets.QLabel()
        self.model_label.setWordWrap(True)
        self.model_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.racer_box = QtWidgets.QComboBox()
        self.optimal_button = QtWidgets.QPushButton()
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.racer_box, 1)
        row.addWidget(self.optimal_button)

        self.limits_label = QtWidgets.QLabel()
        self.limits_label.setWordWrap(True)
        self.limits_label.setObjectName("Muted")
        # The error plot's key, under it: a legend inside would cover the curves.
        self.errors_key = QtWidgets.QLabel()
        self.errors_key.setWordWrap(True)
        self.errors_key.setObjectName("Muted")
        self.rate_label = QtWidgets.QLabel()
        self.rate_label.setWordWrap(True)
        self.rate_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        # The plots are built when the panel is first shown (`_ensure_plots`): most lessons
        # never open it, and they would cost start-up ~70 ms.
        self.map: ConvergenceMap | None = None
        self.errors: pg.PlotWidget | None = None
        self.error_curves: list[pg.PlotDataItem] = []
        self.predicted_curves: list[pg.PlotDataItem] = []

        # In a scroll area: on a 720-pixel projector with presenter fonts the panel scrolls
        # rather than squeezing its plots under their own labels.
        inner = _Page()
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._page = QtWidgets.QVBoxLayout(inner)
        self._page.setContentsMargins(4, 4, 4, 4)
        self._page.addWidget(self.model_label)
        self._page.addLayout(row)

        self.optimal_button.clicked.connect(self.choose_optimal)
        self.racer_box.currentIndexChanged.connect(self._racer_selected)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use (at start and on LanguageChange): the ones set
        once here, the plots', and the model's and rates' (worked out again)."""
        self.model_label.setToolTip(translate("RaceMomentum", "The Hessian H of f and its "
                                              "eigen-decomposition H vᵢ = λᵢ vᵢ. Shift+click the "
                                              "surface to read it at another point."))
        self.racer_box.setToolTip(translate("RaceMomentum", "the racer whose error, rate and "
                                            "hyperparameters the panel shows and sets"))
        self.optimal_button.setText(translate("RaceMomentum", "Optimal"))
        self.optimal_button.setToolTip(translate("RaceMomentum", "set the selected Momentum racer to "
                                                 "the optimum η* = (2 / (√λ₁ + √λ₂))², "
                                                 "β* = ((√κ − 1)/(√κ + 1))²"))
        along = translate("RaceMomentum", "along {v}")
        self.errors_key.setText(
            "cᵢ = vᵢ · (θ − θ*): <span style='color:#ffffff;background:#222'>&nbsp;"
            f"{along.format(v='v₁')}&nbsp;</span> <span style='color:#ffc400;background:#222'>"
            f"&nbsp;{along.format(v='v₂')}&nbsp;</span>;<br>"
            + translate("RaceMomentum", "dashed: the predicted |cᵢ(0)| ρᵢᵗ"))
        for i, e in enumerate(self.entries):
            self.racer_box.setItemText(i, racer_label(e))
        refit(self.racer_box)
        if self.errors is not None:
            self._errors_labels()
        self._model_key = ()  # the model's texts are written again
        self._update_model()
        self._update_racers()
        self._emit_limits()
        if self._last is not None:
            self.redraw(*self._last)

    def _errors_labels(self) -> None:
        ep = self.errors.getPlotItem()
        ep.setTitle(translate("RaceMomentum", "error along each eigen-direction"))
        ep.setLabel("bottom", translate("RaceMomentum", "step"))
        ep.setLabel("left", "|cᵢ|")

    def _ensure_plots(self) -> None:
        """The map and the error plot, built once, the first time the panel is shown."""
        if self.map is not None:
            return
        self.map = ConvergenceMap()
        self.map.setMinimumHeight(230)
        self.errors = pg.PlotWidget(background=BACKGROUND, enableMenu=False, axisItems=tidy_axes())
        self.errors.setMinimumHeight(170)
        ep = self.errors.getPlotItem()
        ep.hideButtons()
        self._errors_labels()
        ep.showGrid(x=True, y=True, alpha=0.2)
        ep.setLogMode(x=False, y=True)
        # Steps start at 0: an empty plot's default −0.5..0.5 read as negative steps.
        ep.setLimits(xMin=0)
        for side in ("left", "bottom"):
            ep.getAxis(side).enableAutoSIPrefix(False)
        ep.getAxis("left").setWidth(62)
        fit_titles(self.errors)
        self.error_curves = [ep.plot(pen=pg.mkPen(c, width=2)) for c in COLORS]
        self.predicted_curves = [ep.plot(pen=pg.mkPen(c, width=1.5, style=QtCore.Qt.PenStyle.DashLine))
                                 for c in COLORS]
        # pyqtgraph views hint at their current size: ignored, or the scroll area's page
        # would grow by each resize. They share what the labels leave, 3 : 2.
        for plot in (self.map, self.errors):
            plot.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                               QtWidgets.QSizePolicy.Policy.Ignored)
        self._page.addWidget(self.map, 3)
        self._page.addWidget(self.limits_label)
        self._page.addWidget(self.errors, 2)
        self._page.addWidget(self.errors_key)
        self._page.addWidget(self.rate_label)
        self.map.clicked.connect(self._map_clicked)
        rescale_new_text(self)  # born into presenter mode, if it is on

    # -- what is shown -------------------------------------------------------------------------
    def set_race(self, surface: Any, start: tuple[float, float], entries: list[OptimizerEntry]) -> None:
        """A reset: a surface, a start and racers (the race tab calls this every time)."""
        if surface is not self.surface or tuple(start) != self.start:
            self.probe = None  # a new surface or start: the Hessian is read at the start again
        self.surface, self.start = surface, (float(start[0]), float(start[1]))
        old = self.racer_box.currentIndex()
        previous = self.entries[old].label if 0 <= old < len(self.entries) else None
        self.entries = list(entries)
        labels = [e.label for e in self.entries]
        # The same racer stays selected (labels are unique); a new set of racers starts over.
        selected = labels.index(previous) if previous in labels else -1
        blocker = QtCore.QSignalBlocker(self.racer_box)
        self.racer_box.clear()
        for e in self.entries:
            self.racer_box.addItem(racer_label(e))
        if not 0 <= selected < len(self.entries):
            # The first racer the theory describes exactly, Momentum before SGD.
            ranked = sorted(range(len(self.entries)), key=lambda i: (
                ["momentum", "sgd"].index(self.entries[i].name) if self.entries[i].name
                in HEAVY_BALL else 2, i))
            selected = ranked[0] if ranked else -1
        self.racer_box.setCurrentIndex(selected)
        del blocker
        self._update_model()
        self._update_racers()
        self._last = None
        self._emit_limits()

    def set_point(self, x: float, y: float) -> None:
        """Read the Hessian at (x, y) instead of the start (Shift+click on the surface)."""
        self.probe = (float(x), float(y))
        self._update_model()
        self._update_racers()
        self._emit_limits()
        if self._last is not None:
            self.redraw(*self._last)

    def point(self) -> tuple[float, float]:
        return self.probe if self.probe is not None else self.start

    def selected(self) -> int:
        return self.racer_box.currentIndex()

    def _update_model(self) -> None:
        """Hessian, eigen-pairs, map, optimum and limits: once per (surface, point)."""
        if self.surface is None or self.map is None or not self.isVisible():
            return  # computed when shown: nothing of it is drawn before (start-up)
        key = (id(self.surface), self.point())
        if key == self._model_key:
            return
        self._model_key = key
        x, y = self.point()
        H, exact = quadratic.hessian(self.surface, x, y)
        if not np.isfinite(H).all():  # f undefined or overflowing there: no model to show
            self.eigenvalues = self.vectors = self.best = self.minimum = None
            self.overlay.clear()
            self.model_label.setText(translate("RaceMomentum", "f has no finite Hessian at {point}: "
                                               "Shift+click a point where it is defined.").format(
                                                   point=f"({x:.3g}, {y:.3g})"))
            self.map.show_nothing(QT_TRANSLATE_NOOP("RaceMomentum", "no Hessian here"))
            self.limits_label.setText("")
            return
        lams, vecs = quadratic.eigen(H)
        self.eigenvalues, self.vectors = np.asarray(lams, dtype=float), np.asarray(vecs, dtype=float)
        l1, l2 = (float(v) for v in self.eigenvalues)
        where = f"({x:.3g}, {y:.3g})"
        self.exact_model = bool(exact and quadratic.is_quadratic(self.surface))
        if self.exact_model:
            model = translate("RaceMomentum", "f is quadratic: one Hessian everywhere (exact)")
        elif exact:
            model = translate("RaceMomentum", "local quadratic model at {point} (Hessian exact)").format(
                point=where)
        else:
            model = translate("RaceMomentum", "local quadratic model at {point} (Hessian by finite "
                              "differences)").format(point=where)
        self.overlay.show(self.point(), self.eigenvalues, self.vectors, self.surface.bounds)
        self.overlay.set_visible(self.isVisible())
        self.minimum = self._minimum(x, y, exact and quadratic.is_quadratic(self.surface))
        if l1 <= 0:
            self.best = None
            self.model_label.setText(
                f"{model}<br>λ₁ = {l1:.4g} ≤ λ₂ = {l2:.4g}: "
                + translate("RaceMomentum", "λ₁ ≤ 0, not a bowl here (a saddle, a ridge or a flat "
                            "valley), so no η, β converges to this point."))
            self.map.show_nothing(QT_TRANSLATE_NOOP("RaceMomentum", "not convex here:\nno (η, β) converges"))
            self.limits_label.setText("")
            self.optimal_button.setEnabled(False)
            return
        kappa = float(quadratic.condition(self.eigenvalues))
        self.model_label.setText(
            f"{model}<br><b>λ₁ = {l1:.4g} ≤ λ₂ = {l2:.4g}</b>, "
            f"<b>κ = λ₂/λ₁ = {kappa:.4g}</b>")
        lo, hi = HYPER_LR_RANGE
        lrs = np.logspace(math.log10(max(LR_LO / l2, lo)), math.log10(min(LR_HI / l2, hi)), MAP_LRS)
        momenta = np.linspace(0.0, MAX_MOMENTUM, MAP_MOMENTA)
        self.map.show_map(lrs, momenta, quadratic.rate_map(lrs, momenta, self.eigenvalues))
        m = self.map
        for curve, lam in zip(m.damping, self.eigenvalues):
            # Only where ηλ ≤ 1: beyond, (1 − √(ηλ))² rises again and damps nothing.
            ok = lrs * lam <= 1.0
            curve.setData(lrs[ok], quadratic.critical_damping(lrs[ok], float(lam)))
        m.edge.setData(quadratic.stability_limit(self.eigenvalues, momentum=momenta), momenta)
        gd = float(quadratic.stability_limit(self.eigenvalues))
        m.gd_limit.setValue(math.log10(gd))
        m.gd_limit.label.setFormat(f"GD: η < {gd:.3g}")
        m.gd_limit.setVisible(True)
        m.fit_labels()
        m.diverged_text.setText(translate("RaceMomentum", "diverges"))
        lr_best, beta_best = (float(v) for v in quadratic.optimal_momentum(self.eigenvalues))
        self.best = (lr_best, beta_best)
        m.optimum.setData([math.log10(lr_best)], [beta_best])
        rate_best = float(quadratic.momentum_rate(lr_best, beta_best, self.eigenvalues))
        self.limits_label.setText(translate(
            "RaceMomentum", "★ η* = {lr}, β* = {beta}: ρ = {rate} · stable: GD η < 2/λ₂ = {gd} "
            "(dotted), momentum η < 2(1 + β)/λ₂ (red edge) · dashed: critical damping").format(
                lr=f"{lr_best:.4g}", beta=f"{beta_best:.4g}", rate=f"{rate_best:.4g}", gd=f"{gd:.4g}"))
        self.limits_label.setToolTip(translate(
            "RaceMomentum", "The optimum η* = (2 / (√λ₁ + √λ₂))², β* = ((√κ − 1)/(√κ + 1))² (the "
            "star). Gradient descent (β = 0) diverges for η ≥ 2/λ_max = {gd} (dotted line); "
            "momentum for η ≥ 2(1 + β)/λ_max (the red edge of the grey region). Dashed: the "
            "critical damping β = (1 − √(ηλᵢ))², white for λ₁, amber for λ₂: above a curve that "
            "direction spirals in at √β, below it decays without oscillating. The SGD and "
            "Momentum racers' learning-rate sliders carry a red mark at their own limit.").format(
                gd=f"{gd:.4g}"))

    def _minimum(self, x: float, y: float, quadratic_surface: bool) -> tuple[float, float] | None:
        """θ*: on a quadratic, where it is flat (exact, unlike a typed formula's grid
        minimum); elsewhere the listed minimum nearest to (x, y)."""
        if quadratic_surface:
            flat = quadratic.stationary_point(self.surface, x, y)
            if flat is not None:
                return float(flat[0]), float(flat[1])
        minima = getattr(self.surface, "minima", None) or []
        if not minima:
            return None
        return min(minima, key=lambda m: (m[0] - x) ** 2 + (m[1] - y) ** 2)

    def _update_racers(self) -> None:
        """The SGD and Momentum racers' (η, β) on the map; the selected one ringed."""
        m = self.map
        self._update_optimal_button()
        if self.best is None or m is None:
            return
        spots, ring = [], []
        for i, e in enumerate(self.entries):
            if e.name not in HEAVY_BALL or "lr" not in e.hyper:
                continue
            pos = (math.log10(float(e.hyper["lr"])), float(e.hyper.get("momentum", 0.0)))
            spots.append({"pos": pos, "brush": pg.mkBrush(e.color), "data": i})
            if i == self.selected():
                ring.append(pos)
        m.racers.setData(spots)
        m.selected.setData([p[0] for p in ring], [p[1] for p in ring])

    def _update_optimal_button(self) -> None:
        i = self.selected()
        ok = (self.best is not None and 0 <= i < len(self.entries)
              and "momentum" in self.entries[i].hyper)
        self.optimal_button.setEnabled(ok)

    def stability_limits(self) -> list[tuple[float, str] | None]:
        """Per racer: the learning rate beyond which it diverges on the model, and why
        (SGD: 2/λ_max; Momentum: 2(1 + β)/λ_max), or None (another optimizer, no model)."""
        out: list[tuple[float, str] | None] = []
        for e in self.entries:
            if self.best is None or self.eigenvalues is None or e.name not in HEAVY_BALL:
                out.append(None)
                continue
            beta = float(e.hyper.get("momentum", 0.0))
            limit = float(quadratic.stability_limit(self.eigenvalues, momentum=beta))
            rule = (translate("RaceMomentum", "2(1 + β)/λ_max with β = {beta}").format(beta=f"{beta:g}")
                    if e.name == "momentum" else "2/λ_max")
            out.append((limit, translate("RaceMomentum", "Red mark: η = {rule} = {limit}, beyond which "
                                         "this racer diverges here (λ_max = {lam}).").format(
                rule=rule, limit=f"{limit:.4g}", lam=f"{float(self.eigenvalues[-1]):.4g}")))
        return out

    def _emit_limits(self) -> None:
        # Marks only while the explanation is shown, as the eigenvectors.
        limits = self.stability_limits() if self.isVisible() else [None] * len(self.entries)
        self.limits_changed.emit(limits)

    # -- choosing hyperparameters -------------------------------------------------------------------
    def _racer_selected(self, _index: int) -> None:
        self._update_racers()
        if self._last is not None:
            self.redraw(*self._last)

    def _map_clicked(self, lr: float, momentum: float) -> None:
        i = self.selected()
        # A momentum map says nothing about Adam's or RMSprop's learning rate.
        if not 0 <= i < len(self.entries) or self.entries[i].name not in MAP_SETS:
            return
        hyper = {"lr": _round3(lr)}
        if "momentum" in self.entries[i].hyper:
            hyper["momentum"] = min(max(_round3(momentum), 0.0), MAX_MOMENTUM)
        self.hyper_chosen.emit(i, hyper)

    def choose_optimal(self) -> None:
        """η*, β* for the selected racer (a Momentum racer)."""
        i = self.selected()
        if self.best is None or not 0 <= i < len(self.entries) or "momentum" not in self.entries[i].hyper:
            return
        # Four digits, not the sliders' three: 0.111 for η* = 0.1111 would already cost steps.
        lr, beta = self.best
        self.hyper_chosen.emit(i, {"lr": float(f"{lr:.4g}"), "momentum": float(f"{beta:.4g}")})

    # -- the race's side -------------------------------------------------------------------------------
    def predicted_rate(self, index: int) -> float | None:
        """ρ for racer `index` on the model, or None where heavy-ball theory says nothing."""
        if self.best is None or self.eigenvalues is None or not 0 <= index < len(self.entries):
            return None  # no model, or one that is not a bowl: nothing converges to it
        e = self.entries[index]
        if e.name not in HEAVY_BALL or e.hyper.get("weight_decay", 0.0):
            return None
        return float(quadratic.momentum_rate(float(e.hyper["lr"]), float(e.hyper.get("momentum", 0.0)),
                                             self.eigenvalues))

    def redraw(self, history: RaceHistory | None, cursor: int) -> None:
        """Error components and rates of the selected racer (only while shown)."""
        self._last = (history, cursor)
        if not self.isVisible():
            return
        i = self.selected()
        for c in (*self.error_curves, *self.predicted_curves):
            c.setData([], [])
        if history is None or history.n == 0 or not 0 <= i < history.m or self.vectors is None:
            self.rate_label.setText("")
            return
        e = self.entries[i] if i < len(self.entries) else None
        predicted = self.predicted_rate(i)
        if predicted is None:
            pred_text = translate("RaceMomentum", "predicted: — (heavy-ball theory covers SGD and "
                                  "Momentum without weight decay, on a bowl)")
        elif self.exact_model:
            pred_text = translate("RaceMomentum", "predicted {rate}").format(rate=f"<b>{predicted:.4f}</b>")
        else:
            x, y = self.point()
            pred_text = translate("RaceMomentum", "predicted {rate} by the local model at {point}").format(
                rate=f"<b>{predicted:.4f}</b>", point=f"({x:.3g}, {y:.3g})")
        if self.minimum is None:
            self.rate_label.setText(translate("RaceMomentum", "No minimum known on this surface: no "
                                              "error to measure. {predicted}").format(predicted=pred_text))
            return
        n = history.n
        points = history.points[:n, i]
        comps = np.abs(np.asarray(quadratic.error_components(points, self.minimum, self.vectors)))
        steps = history.steps[:n].astype(np.float64)
        finite = np.isfinite(comps).all(axis=1)
        x, ys = peak_decimate(steps[finite], comps[finite])
        # Drawn all the way down (the optimum reaches 1e-50 in 300 steps: the point of the
        # plot); only an exact 0 needs a floor, the smallest value there is.
        positive = comps[finite & (comps > 0).all(axis=1)]
        floor = float(positive.min()) if positive.size else 1.0
        for k, curve in enumerate(self.error_curves):
            curve.setData(x, np.maximum(ys[:, k], floor), skipFiniteCheck=True)
        if e is not None and e.name in HEAVY_BALL and finite.any() and self.eigenvalues is not None:
            last = steps[finite][-1]
            t = np.linspace(0.0, last, 200)
            for k, curve in enumerate(self.predicted_curves):
                rho = float(quadratic.momentum_rate(float(e.hyper["lr"]), float(e.hyper.get("momentum", 0.0)),
                                                    self.eigenvalues[k:k + 1]))
                c0 = float(comps[0, k])
                if c0 > 0 and rho > 0:
                    with np.errstate(all="ignore"):
                        curve.setData(t, np.maximum(c0 * rho ** t, floor))
        last_step = history.last_step
        if last_step >= MEASURE_FROM + 10:
            stop = min(MEASURE_TO, last_step)
            # ‖θ − θ*‖ = ‖Qᵀ(θ − θ*)‖: Q is orthonormal. θ* is the model's, not a grid's.
            distances = np.hypot(comps[:, 0], comps[:, 1])
            measured = float(quadratic.measured_rate(distances, MEASURE_FROM, stop))
            gap = (f" ({100 * (measured / predicted - 1):+.2f} %)"
                   if predicted and math.isfinite(measured) else "")
            self.rate_label.setText(translate(
                "RaceMomentum", "rate per step, measured over steps {first}–{last}: {rate} · "
                "{predicted}{gap}").format(first=MEASURE_FROM, last=stop, rate=f"<b>{measured:.4f}</b>",
                                           predicted=pred_text, gap=gap))
        else:
            self.rate_label.setText(translate(
                "RaceMomentum", "rate per step: {predicted} · measured: run the race past step "
                "{step}").format(predicted=pred_text, step=MEASURE_FROM + 10))

    # -- showing ----------------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._ensure_plots()
        self._update_model()
        self._update_racers()
        self.overlay.set_visible(self.overlay.shown)
        self._emit_limits()
        if self._last is not None:
            self.redraw(*self._last)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.overlay.set_visible(False)  # the eigenvectors belong to this explanation
        self._emit_limits()

    def set_look(self, look: Look) -> None:
        self.look = look
        k = look.font_pt / NORMAL.font_pt
        set_text_scale(self, k, titles=min(k, 1.3))
        self.overlay.set_font_pt(look.font_pt)
