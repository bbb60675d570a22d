"""The current phase's equation, large, and the same equation with the numbers in.

Three lines of text, top to bottom: the phase's title ("δ of layer 1"), its symbolic
equation (`Phase.equation`, in the formula font, large enough to read from the back of
a room) and `substituted(...)` for the selected unit or weight, which wraps rather than
runs off the edge. Below them `detail` says where the numbers come from (the selected
sample, or each sample's line for the batch). The text is the core's; nothing here
formats a number of its own but the step counter.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.style import FORMULA_FONT, NORMAL, Look

# Against the window's normal font. Presenter mode enlarges them less than the rest
# (the window's font is 1.6 times larger there): still the largest text, yet the lines
# of numbers fit a projector's width in two or three lines.
EQUATION_PT = (1.8, 2.1)  # the symbolic line: normal, presenter
NUMBERS_PT = (1.3, 1.5)  # the line with the numbers

def _label(selectable: bool = True) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if selectable:  # copy a line of numbers; no keyboard focus, so the arrows still step
        label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
    return label


class EquationPanel(QtWidgets.QScrollArea):
    """`title`, `equation` (symbolic), `numbers` (substituted) and `detail` labels.

    One steady height whatever the phase: a title and `LINES` lines of numbers, up to
    `MAX_SHARE` of `room`'s height (the page). A panel that grew and shrank with its
    text made the diagram above it jump between phases; longer text (an optimizer's
    rule of six lines) scrolls inside rather than squeezing the diagram away or pushing
    the window past a projector's 720 lines."""

    MAX_SHARE = 0.45
    LINES = 7  # lines below the title: every phase of the default network fits whole

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.room: QtWidgets.QWidget | None = None
        self.inner = QtWidgets.QFrame()
        self.inner.setObjectName("EquationPanel")
        self.title = _label(False)
        self.equation = _label()
        self.numbers = _label()
        self.detail = _label()
        layout = QtWidgets.QVBoxLayout(self.inner)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        for label in (self.title, self.equation, self.numbers, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        self.setWidget(self.inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.set_look(NORMAL)

    def show_phase(self, title: str, equation: str, numbers: str, detail: str = "") -> None:
        self.title.setText(title)
        self.equation.setText(equation)
        # An algorithm of several lines (an optimizer's rule) in the numbers' size: large,
        # it would take the room of the numbers it explains.
        self.equation.setFont(self._box_font if equation.count("\n") >= 2 else self._formula_font)
        self.numbers.setText(numbers)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.refit()

    def steady_height(self) -> int:
        """The panel's height: title + `LINES` lines in the numbers' font + margins."""
        margins = self.inner.layout().contentsMargins()
        lines = QtGui.QFontMetrics(self._box_font).lineSpacing() * self.LINES
        title = QtGui.QFontMetrics(self.title.font()).lineSpacing()
        spacing = self.inner.layout().spacing() * 3
        return title + lines + spacing + margins.top() + margins.bottom() + 2 * self.frameWidth()

    def refit(self) -> None:
        need = self.steady_height()
        if self.room is not None and self.room.height() > 0:
            need = min(need, int(self.room.height() * self.MAX_SHARE))
        if self.height() != need or self.minimumHeight() != need:
            self.setFixedHeight(need)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the text wraps anew
            self.refit()

    def set_look(self, look: Look) -> None:
        """Fonts relative to the look's size: presenter mode enlarges them with the window's."""
        app_pt = QtWidgets.QApplication.font().pointSizeF()
        k = look.font_pt / NORMAL.font_pt
        normal = app_pt if app_pt > 0 else 10.0
        base = normal * k
        which = 0 if k == 1.0 else 1
        title = QtGui.QFont()
        title.setPointSizeF(base)
        title.setBold(True)
        self.title.setFont(title)
        formula = QtGui.QFont()
        formula.setFamilies([f.strip() for f in FORMULA_FONT.split(",")])
        formula.setPointSizeF(normal * EQUATION_PT[which])
        self._formula_font = formula
        numbers = QtGui.QFont(formula)
        numbers.setPointSizeF(normal * NUMBERS_PT[which])
        self._box_font = numbers
        self.numbers.setFont(numbers)
        self.equation.setFont(numbers if self.equation.text().count("\n") >= 2 else formula)
        detail = QtGui.QFont()
        detail.setPointSizeF(base * 0.9)
        self.detail.setFont(detail)
        self.refit()
