"""The list of racers: cards in a scroll area and an "Add" row at the bottom."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gradlab.core import optimizers
from gradlab.gui import terms
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.race.racers.card import OptimizerCard
from gradlab.gui.race.config import OptimizerEntry, next_color, unique_label
from gradlab.gui.race.words import refit
from gradlab.gui.wheel import guard_wheel

MAX_RACERS = 8


class OptimizerPanel(QtWidgets.QWidget):
    """`changed()` when the set of racers or a hyperparameter changes (the race must be
    rebuilt); `visibility_changed(index, on)` when only what is shown changes."""

    changed = QtCore.Signal()
    visibility_changed = QtCore.Signal(int, bool)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[OptimizerCard] = []
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self._inner = QtWidgets.QWidget()
        self._list = QtWidgets.QVBoxLayout(self._inner)
        self._list.setContentsMargins(0, 0, 4, 0)
        self._list.setSpacing(6)
        self._list.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._inner)
        self._inner.installEventFilter(self)
        self.scroll = scroll
        layout.addWidget(scroll, 1)

        add_row = QtWidgets.QHBoxLayout()
        self.add_combo = QtWidgets.QComboBox()
        for name in optimizers.names():
            self.add_combo.addItem(terms.optimizer_title(name), name)
        self.add_button = QtWidgets.QPushButton()
        add_row.addWidget(self.add_combo, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)
        self.add_button.clicked.connect(lambda: self.add(self.add_combo.currentData()))
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use (at start and on LanguageChange)."""
        for i in range(self.add_combo.count()):
            self.add_combo.setItemText(i, terms.optimizer_title(self.add_combo.itemData(i)))
        refit(self.add_combo)
        self.add_button.setText(translate("RacePanel", "Add optimizer"))
        self._update_add()

    # -- editing ---------------------------------------------------------------------------
    def entries(self) -> list[OptimizerEntry]:
        return [card.entry for card in self.cards]

    def set_entries(self, entries: list[OptimizerEntry]) -> None:
        for card in self.cards:
            self._list.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for entry in entries:
            self._add_card(entry)
        self._update_add()

    def add(self, name: str) -> OptimizerCard:
        entries = self.entries()
        hyper = optimizers.defaults(name)
        entry = OptimizerEntry(
            name, hyper, unique_label(optimizers.title(name), [e.label for e in entries]),
            next_color([e.color for e in entries]),
        )
        card = self._add_card(entry)
        self._update_add()
        self.changed.emit()
        return card

    def remove(self, card: OptimizerCard) -> None:
        if len(self.cards) <= 1:
            return  # a race needs a racer
        self.cards.remove(card)
        self._list.removeWidget(card)
        card.deleteLater()
        self._update_add()
        self.changed.emit()

    def set_diverged(self, diverged: list[int | None]) -> None:
        for card, step in zip(self.cards, diverged):
            card.set_diverged(step)

    # -- internals -------------------------------------------------------------------------
    def fit_width(self) -> None:
        """As wide as the widest card needs (the list scrolls only up and down), so a
        card is never cut at the right edge, at any font."""
        cards = max((card.minimumSizeHint().width() for card in self.cards), default=0)
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        margins = self._list.contentsMargins()
        self.scroll.setMinimumWidth(cards + bar + margins.left() + margins.right())

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        # The list's layout asks again whenever a card's size changes (a font, a new card).
        if watched is self._inner and event.type() == QtCore.QEvent.Type.LayoutRequest:
            self.fit_width()
        return False

    def _add_card(self, entry: OptimizerEntry) -> OptimizerCard:
        card = OptimizerCard(entry)
        self._list.insertWidget(self._list.count() - 1, card)
        self.cards.append(card)
        self.fit_width()
        # The list scrolls: the wheel over a number passing under the pointer scrolls it,
        # it does not change μ (a card's fields take the wheel once clicked).
        guard_wheel(card)
        card.hyper_changed.connect(lambda *_: guard_wheel(card))  # fields made anew too
        card.hyper_changed.connect(lambda *_: self.changed.emit())
        card.remove_requested.connect(lambda c=card: self.remove(c))
        card.visibility_changed.connect(
            lambda on, c=card: self.visibility_changed.emit(self.cards.index(c), on))
        return card

    def _update_add(self) -> None:
        full = len(self.cards) >= MAX_RACERS
        self.add_button.setEnabled(not full)
        self.add_button.setToolTip(
            translate("RacePanel", "at most {n} racers").format(n=MAX_RACERS) if full else
            translate("RacePanel", "add another racer (the same optimizer twice is fine)"))
        for card in self.cards:
            card.remove_button.setEnabled(len(self.cards) > 1)
