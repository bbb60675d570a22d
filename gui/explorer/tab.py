"""The explorer tab: see the calculus behind training.

Four sub-views, each in its own file:
- Activations (`explorer_activations`): f and f', formulas, where the gradient dies.
- Losses (`explorer_losses`): loss and slope against the probability of the true class.
- Model surface (`explorer_surface`): logistic regression's loss over (w, b).
- Check my gradients (`explorer_gradcheck`): hand-written backprop against finite differences.

Qt and numpy only: nothing on this path imports torch. `race_requested(Surface)` asks the
main window to open the logistic-regression surface in the race.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gradlab.gui.explorer.activations import ActivationsView
from gradlab.gui.explorer.gradcheck import GradientCheckView
from gradlab.gui.explorer.losses import LossesView
from gradlab.gui.explorer.surface import SurfaceView
from gradlab.gui.explorer.widgets import scale_side_panels
from gradlab.gui.i18n import translate
from gradlab.gui.plotting.fonts import set_text_scale
from gradlab.gui.style import NORMAL, Look


class ExplorerTab(QtWidgets.QWidget):
    """Sub-views in a QTabWidget; `race_requested` carries a core Surface."""

    race_requested = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.activations = ActivationsView()
        self.losses = LossesView()
        self.surface = SurfaceView()
        self.gradients = GradientCheckView()
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setDocumentMode(True)
        for view in (self.activations, self.losses, self.surface, self.gradients):
            self.tabs.addTab(view, "")
        self.surface.race_requested.connect(self.race_requested)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt's name
        # Qt's own way, not i18n.on_language_change: a filter holding this view's bound
        # method made the view's wrappers a cycle that the garbage collector cleared
        # while Qt still drew them (pyqtgraph items without their attributes, a crash).
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The sub-views' names, in the language now chosen (each view retranslates itself)."""
        for view, title in ((self.activations, translate("ExplorerTab", "Activations")),
                            (self.losses, translate("ExplorerTab", "Losses")),
                            (self.surface, translate("ExplorerTab", "Loss surface of a model")),
                            (self.gradients, translate("ExplorerTab", "Check my gradients"))):
            self.tabs.setTabText(self.tabs.indexOf(view), title)

    def set_look(self, look: Look) -> None:
        """Presenter mode: the plots' text at the window font's scale (the widgets follow
        the window's font on their own). Each view keeps the scale for legends it rebuilds."""
        k = look.font_pt / NORMAL.font_pt
        scale_side_panels(self, k)
        for view in (self.activations, self.losses, self.surface, self.gradients):
            set_text_scale(view, k)
        self.losses.fit_legend()  # its font changed: the columns that fit may have too
        self.losses.place_notes()  # and the spot that fits the notes
