"""The Backpropagation tab: a small network stepped by hand, and the real MNIST network.

Two pages in a QTabWidget: "Small network" (`small.SmallNetworkPage`) and "Real network
(MNIST)" (`real.RealNetworkPage`). `set_look(look)` passes presenter mode to both.
"""

from __future__ import annotations

from PySide6 import QtWidgets

from gradlab.gui.backprop.real import RealNetworkPage
from gradlab.gui.backprop.small import SmallNetworkPage
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.style import Look


class BackpropTab(QtWidgets.QWidget):
    """The two pages, `small` and `real`."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.small = SmallNetworkPage()
        self.real = RealNetworkPage()
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.small, "")
        self.tabs.addTab(self.real, "")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The pages' names in the language in use."""
        self.tabs.setTabText(0, translate("BackpropTab", "Small network"))
        self.tabs.setTabText(1, translate("BackpropTab", "Real network (MNIST)"))

    def set_look(self, look: Look) -> None:
        """Presenter mode on both pages."""
        self.small.set_look(look)
        self.real.set_look(look)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override: the pages stop their work
        self.small.close()
        self.real.close()
        super().closeEvent(event)
