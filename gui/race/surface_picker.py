"""Choose the surface: every built-in one, or a typed formula validated in place.

A formula that does not parse shows its error in red beside the field and changes
nothing else; a valid one emits `formula_chosen(text)`.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gradlab.core import surfaces
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.race.words import refit, surface_title

FORMULA_ITEM = "__formula__"


class SurfacePicker(QtWidgets.QWidget):
    surface_chosen = QtCore.Signal(str)  # a built-in surface's name
    formula_chosen = QtCore.Signal(str)  # a formula that parsed

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.combo = QtWidgets.QComboBox()
        for name in surfaces.names():
            self.combo.addItem(surface_title(name), name)
        self.combo.addItem("", FORMULA_ITEM)
        self.combo.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        grid.addWidget(self.combo, 0, 0, 1, 2)

        self.formula = QtWidgets.QLineEdit()
        self.apply = QtWidgets.QPushButton()
        grid.addWidget(self.formula, 1, 0)
        grid.addWidget(self.apply, 1, 1)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("FieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        grid.addWidget(self.error, 2, 0, 1, 2)
        self.formula_text = QtWidgets.QLabel()
        self.formula_text.setObjectName("Formula")
        self.formula_text.setWordWrap(True)
        grid.addWidget(self.formula_text, 3, 0, 1, 2)

        self.combo.activated.connect(self._picked)
        self.formula.returnPressed.connect(self._apply)
        self.apply.clicked.connect(self._apply)
        self.formula.textEdited.connect(lambda _t: self.show_error(""))
        self._error_source, self._error_ours = "", False  # the error shown (its English)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use (at start and on LanguageChange)."""
        for i in range(self.combo.count()):
            name = self.combo.itemData(i)
            self.combo.setItemText(i, translate("RaceSurfacePicker", "Your formula…")
                                   if name == FORMULA_ITEM else surface_title(name))
        refit(self.combo)
        self.formula.setPlaceholderText(translate("RaceSurfacePicker", "f(x, y) = e.g. x**2 + 3*sin(y)"))
        self.formula.setToolTip(translate("RaceSurfacePicker", "a formula in x and y: + − * / **, sin, "
                                          "cos, exp, log, sqrt, abs, tanh, …; press Enter to use it"))
        self.apply.setText(translate("RaceSurfacePicker", "Use"))
        self.apply.setToolTip(translate("RaceSurfacePicker", "race on this formula (Enter)"))
        if self._error_source:
            self.show_error(self._error_source, ours=self._error_ours)

    def show_error(self, message: str, ours: bool = False) -> None:
        """`message` in red under the field ("" hides it); `ours`: a source text of this
        file, shown translated; else a core's refusal, shown explained (core_errors)."""
        self._error_source, self._error_ours = message, ours
        self.error.setText(translate("RaceSurfacePicker", message) if ours else explain(message))
        self.error.setVisible(bool(message))

    def show_surface(self, name: str, formula: str | None, title_formula: str) -> None:
        """Reflect the current surface without emitting anything."""
        blocker = QtCore.QSignalBlocker(self.combo)
        i = self.combo.findData(FORMULA_ITEM if formula is not None else name)
        if i < 0 and formula is None and surfaces.known(name):
            # A named variant ("logistic_focal:gamma=0.5", from the explorer or a
            # scenario) gets its own item, under its family, with its own title.
            i = self.combo.findData(name.partition(":")[0]) + 1
            self.combo.insertItem(i, surface_title(name), name)
        self.combo.setCurrentIndex(max(i, 0))
        del blocker
        # A built-in surface empties the field: an old formula left there reads as the
        # surface in use.
        self.formula.setText(formula if formula is not None else "")
        self.formula_text.setText(title_formula)
        self.show_error("")

    def _picked(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name == FORMULA_ITEM:
            self.formula.setFocus()
            if self.formula.text().strip():
                self._apply()
            return
        self.surface_chosen.emit(name)

    def _apply(self) -> None:
        text = self.formula.text().strip()
        if not text:
            self.show_error(QT_TRANSLATE_NOOP("RaceSurfacePicker", "type a formula in x and y first"),
                            ours=True)
            return
        try:
            surfaces.from_expression(text)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        self.formula_chosen.emit(text)
