"""One racer's card: colour, name, visibility, status, hyperparameters, update rule."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.core import optimizers
from gradlab.gui import terms
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.race.racers.hyper import HyperControl, make_control
from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.words import optimizer_note, racer_label


def formula_html(lines: list[str]) -> str:
    """The core's Unicode update rule, one line per row (already has ← √ β₁ ᵗ ⊙)."""
    from html import escape

    return "<br>".join(escape(line) for line in lines)


# The widest texts a hyperparameter box shows: it writes `%.6g`, at most six significant
# digits with an exponent or leading zeros (and a sign where the range has negatives).
WIDEST_NUMBERS = ("0.000123457", "1.23457e-05", "888888")
SIDE_BY_SIDE_PX = 400  # the widest a card may be with its labels beside their fields


def fit_number_box(box: QtWidgets.QAbstractSpinBox, samples: tuple[str, ...] = WIDEST_NUMBERS) -> None:
    """Make `box` wide enough for its widest value at its current font, as Qt sizes a spin
    box (`sizeHint`): text width + cursor + the style's frame and arrow buttons."""
    fm = box.fontMetrics()
    texts = (*samples, box.textFromValue(box.minimum()), box.textFromValue(box.maximum()),
             box.text(), *(("-" + samples[0],) if box.minimum() < 0 else ()))
    text_w = max(fm.horizontalAdvance(t) for t in texts) + 2 + 4  # + cursor, line edit margins
    opt = QtWidgets.QStyleOptionSpinBox()
    box.initStyleOption(opt)
    size = box.style().sizeFromContents(QtWidgets.QStyle.ContentsType.CT_SpinBox, opt,
                                        QtCore.QSize(text_w, fm.height()), box)
    box.setFixedWidth(size.width())




class OptimizerCard(QtWidgets.QFrame):
    """Shows and edits one `OptimizerEntry`. Emits `hyper_changed(name, value)` for a
    hyperparameter, `visibility_changed(bool)`, `remove_requested()`."""

    hyper_changed = QtCore.Signal(str, object)
    visibility_changed = QtCore.Signal(bool)
    remove_requested = QtCore.Signal()

    def __init__(self, entry: OptimizerEntry, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OptimizerCard")
        self.entry = entry
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)

        head = QtWidgets.QHBoxLayout()
        self.swatch = QtWidgets.QLabel()
        self.swatch.setFixedSize(14, 14)
        self.swatch.setStyleSheet(f"background: {entry.color}; border: 1px solid #333; border-radius: 3px;")
        self.visible_box = QtWidgets.QCheckBox()
        self.visible_box.setChecked(entry.visible)
        self.visible_box.setStyleSheet("font-weight: bold;")
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("Diverged")
        self._status = ("", None)  # what the status says: ("diverged", step), ("error", text)
        self.remove_button = QtWidgets.QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        head.addWidget(self.swatch)
        head.addWidget(self.visible_box)
        head.addWidget(self.status, 1)
        head.addWidget(self.remove_button)
        outer.addLayout(head)

        form = QtWidgets.QFormLayout()
        form.setContentsMargins(20, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(2)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form  # its rows wrap (label above field) when the card is narrow
        self.controls: dict[str, QtWidgets.QWidget] = {}
        self._rows: list[tuple[QtWidgets.QLabel, QtWidgets.QWidget]] = []
        self._keys: list[str] = []  # the hyperparameter of each row
        for key, value in entry.hyper.items():
            info = optimizers.HYPER_INFO.get(key)
            if info is None:
                continue
            control = make_control(info, value)
            label = QtWidgets.QLabel()
            form.addRow(label, control)
            self._rows.append((label, control))
            self._keys.append(key)
            self.controls[key] = control
            if isinstance(control, HyperControl):
                control.changed.connect(lambda v, k=key: self._changed(k, v))
            else:
                control.toggled.connect(lambda v, k=key: self._changed(k, bool(v)))
        outer.addLayout(form)

        self.formula = QtWidgets.QLabel()
        self.formula.setObjectName("Formula")
        self.formula.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.formula.setContentsMargins(20, 2, 0, 0)
        outer.addWidget(self.formula)
        self._update_formula()

        self.visible_box.toggled.connect(self._visible)
        self.remove_button.clicked.connect(self.remove_requested)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use (at start and on LanguageChange)."""
        entry = self.entry
        label = racer_label(entry)
        self.visible_box.setText(label)
        self.visible_box.setToolTip(translate("RaceCard", "show or hide this optimizer's path, "
                                              "arrows and curves"))
        self.remove_button.setToolTip(translate("RaceCard", "remove {label} from the race").format(label=label))
        for (row_label, _control), key in zip(self._rows, self._keys):
            info = optimizers.HYPER_INFO[key]
            row_label.setText(terms.hyper_label(key))
            tip = (translate("RaceCard", "{key} (range {lo} … {hi}, log scale)") if info.log
                   else translate("RaceCard", "{key} (range {lo} … {hi})"))
            row_label.setToolTip(tip.format(key=key, lo=f"{info.lo:g}", hi=f"{info.hi:g}"))
        self.formula.setToolTip(optimizer_note(entry.name))
        self._show_status()
        self._fit_to_font()

    def _fit_to_font(self) -> None:
        """Size the number boxes for the current font: presenter mode's larger font must
        not cut a learning rate to "0" or an ε to "1e"."""
        for control in self.controls.values():
            if isinstance(control, HyperControl):
                fit_number_box(control.box)
        # Too wide for label beside field (presenter mode's font in the side panel): each
        # label goes above its field, rather than the panel taking the surface's room.
        wrap = QtWidgets.QFormLayout.RowWrapPolicy
        wide = self.side_by_side_width() > SIDE_BY_SIDE_PX
        self.form.setRowWrapPolicy(wrap.WrapAllRows if wide else wrap.DontWrapRows)

    def side_by_side_width(self) -> int:
        """The width the card needs to show each label beside its field."""
        # The card's own list of rows: a QLayoutItem that PySide hands out can be freed
        # under the layout's feet.
        form = self.form
        labels = max((label.sizeHint().width() for label, _ in self._rows), default=0)
        fields = max((field.minimumSizeHint().width() for _, field in self._rows), default=0)
        m, fm = self.layout().contentsMargins(), form.contentsMargins()
        return m.left() + m.right() + fm.left() + fm.right() + labels + form.horizontalSpacing() + fields

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QtCore.QEvent.Type.FontChange, QtCore.QEvent.Type.StyleChange):
            self._fit_to_font()

    def _changed(self, key: str, value: Any) -> None:
        try:
            optimizers.get(self.entry.name, **{**self.entry.hyper, key: value})
        except ValueError as exc:  # the spin box ranges prevent this; keep the old value
            self._status = ("error", str(exc))
            self._show_status()
            return
        self.entry.hyper[key] = value
        self._update_formula()
        self.hyper_changed.emit(key, value)

    def _visible(self, on: bool) -> None:
        self.entry.visible = on
        self.visibility_changed.emit(on)

    def _update_formula(self) -> None:
        opt = optimizers.get(self.entry.name, **self.entry.hyper)
        self.formula.setText(formula_html(opt.formula))

    def set_diverged(self, step: int | None) -> None:
        self._status = ("diverged", step)
        self._show_status()

    def _show_status(self) -> None:
        kind, value = self._status
        if kind == "diverged" and value is not None:
            self.status.setText(translate("RaceCard", "diverged at step {step}").format(step=value))
        else:
            self.status.setText(explain(value) if kind == "error" else "")

    def set_hyper(self, key: str, value: float) -> None:
        """Set a control programmatically (tests, scenario loading)."""
        control = self.controls[key]
        if isinstance(control, HyperControl):
            control.set_value(value)
        else:
            control.setChecked(bool(value))
