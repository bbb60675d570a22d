"""The status bar's message, never cut mid-word at the right edge: shortened at a sentence.

QStatusBar paints its message itself on one line: at 1280×720 in presenter mode a tab's
hint ("Small network: Right steps through the pass, … pick a test digit.") ran past the
window's edge, cut mid-word. `fit_messages(bar)` shows every message in a label across
the bar instead: whole where it fits; else as many of its whole sentences as fit, then
" …" (clauses, split at commas, when not even the first sentence fits), with the whole
message as the label's tooltip. The bar keeps its one line: a bar that grew to two
lines took the backpropagation diagram below its readable size at 1280×720.

    fit_messages(window.statusBar())   # once; showMessage and currentMessage as before

Everything still goes through `showMessage` / `clearMessage` (timeouts too), and
`currentMessage()` is the whole message; the label only mirrors `messageChanged`. A
label added as a "permanent" widget stays visible while a message is shown (QStatusBar
hides its normal widgets then), and, stretched over the bar, it leaves QStatusBar's own
one-line message no room to paint in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

OBJECT_NAME = "StatusMessage"
# A sentence and the spaces after it: ". " "; " "。" "；" (not the "." in "0.5") ...
SENTENCE = re.compile(r".+?(?:[.;!?](?:\s+|$)|[。；！？]\s*|$)", re.DOTALL)
# ... or, when not even one sentence fits, a clause: ", " "，" "、".
CLAUSE = re.compile(r".+?(?:[,:](?:\s+|$)|[，、：]\s*|$)", re.DOTALL)
MORE = " …"  # after the part shown, when the rest is in the tooltip


def shortened(text: str, fits: Callable[[str], bool]) -> str:
    """`text` if it `fits`; else its longest run of whole sentences (or, failing that,
    of whole clauses) that fits with MORE after it; else Qt's word-blind cut is left to
    the caller (returns "")."""
    if fits(text):
        return text
    for pattern in (SENTENCE, CLAUSE):
        shown = ""
        for part in pattern.findall(text):
            if not fits((shown + part).rstrip() + MORE):
                break
            shown += part
        if shown:
            return shown.rstrip() + MORE
    return ""


class StatusMessage(QtWidgets.QLabel):
    """The bar's message on its one line, shortened by `shortened` to the room the bar
    gives it, the whole message in the tooltip when shortened. The room is the bar's
    width, not the label's, which is a stale 97 px for a moment after the window is
    first shown; a label with no room yet (a hidden window) shows the whole."""

    BAR_MARGINS = 26  # the bar's width the label does not get: its margins and size grip

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = ""  # the whole message (the bar's currentMessage)

    def show_message(self, text: str) -> None:
        """`text` (the bar's message), as much as fits. Not an override of setText: a
        signal connected to `setText` calls QLabel's own C++ slot."""
        self.message = text
        self._fit()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange:  # presenter mode: fewer words fit
            self._fit()

    def _fit(self) -> None:
        bar = self.parentWidget()
        room = max(self.contentsRect().width(), bar.width() - self.BAR_MARGINS if bar else 0)
        fm = QtGui.QFontMetricsF(self.font())
        shown = self.message
        if self.isVisible() and room > 0:
            shown = shortened(self.message, lambda t: fm.horizontalAdvance(t) <= room) or \
                fm.elidedText(self.message, QtCore.Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self.message if shown != self.message else "")

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt override
        # No width of its own (the bar's layout gives it the bar), one line's height.
        return QtCore.QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt override
        return QtCore.QSize(0, super().sizeHint().height())


def fit_messages(bar: QtWidgets.QStatusBar) -> QtWidgets.QLabel:
    """Show `bar`'s messages in a label across the bar (see the module); returns it."""
    label = StatusMessage(bar)
    label.setObjectName(OBJECT_NAME)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # a file name with "<" stays as typed
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter)
    # As wide as the bar lets it be (stretch 1), never wider: it asks for no width of its
    # own, so the text is shortened instead of widening the window.
    label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Fixed)
    bar.addPermanentWidget(label, 1)
    bar.messageChanged.connect(label.show_message)
    label.show_message(bar.currentMessage())
    return label
