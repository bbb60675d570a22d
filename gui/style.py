"""The window's look: one place for fonts, sizes, colours and the stylesheet.

Presenter mode (gui/presenter.py) scales what is here; nothing else hard-codes a size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

BACKGROUND = "#1e1f24"  # the plots' background: dark, so bright paths read on a projector
FOREGROUND = "#d8dae0"
MUTED = "#8a8f9c"
ERROR = "#ff6b6b"


class Palette(NamedTuple):
    """The colours racers and runs are given, in order, cycling.

    One row works everywhere: every colour has a relative luminance between 0.23 and
    0.28, so its WCAG contrast ratio is at least 3.2:1 against white (the tables, the
    MNIST plots, the white contours, the ✛ and the ★). On the viridis heatmap no
    colour can stand out by luminance from every shade, so the race draws each path
    and arrow over a dark outline (`OUTLINE`): on every shade the colour or its outline
    has a contrast of at least 2.4:1 (tests/test_race_lecture_view.py checks both).
    Both rows are kept for the callers that name one; they are the same.
    """

    on_dark: tuple[str, ...]
    on_light: tuple[str, ...]

    def colour(self, i: int, on_dark: bool) -> str:
        """The i-th colour (0-based, cycling) for a dark or a light background."""
        colours = self.on_dark if on_dark else self.on_light
        return colours[i % len(colours)]


_COLOURS = ("#ff2a2a", "#1a8cff", "#f05a00", "#e040e0", "#14a064", "#9966ff", "#c08400", "#0f9aa8")
PALETTE = Palette(on_dark=_COLOURS, on_light=_COLOURS)
OUTLINE = (0, 0, 0, 200)  # the dark edge drawn under each path and arrow on the surface


@dataclass(frozen=True)
class Look:
    """Sizes that presenter mode changes together."""

    font_pt: float = 10.0
    path_width: float = 2.0
    arrow_width: float = 2.0
    head_size: float = 11.0
    arrow_px: float = 60.0  # the longer arrow at each head, on screen
    # Loss and distance curves hold thousands of points: a 1 px pen is Qt's fast path
    # (a 2 px one costs several times more to paint, every frame).
    curve_width: float = 1.0

    def scaled(self, k: float) -> Look:
        return Look(self.font_pt * k, self.path_width * k, self.arrow_width * k,
                    self.head_size * k, self.arrow_px * k, round(self.curve_width * k))


NORMAL = Look()
PRESENTER = NORMAL.scaled(1.6)

FORMULA_FONT = "DejaVu Serif, Cambria Math, STIX Two Math, serif"


def stylesheet(look: Look, base_pt: float) -> str:
    """Qt stylesheet for the race tab's controls (plots are styled by pyqtgraph).

    The font size is part of the sheet because a styled widget no longer inherits
    font changes from its window: presenter mode has to say the size here.
    """
    pt = base_pt * look.font_pt / NORMAL.font_pt
    # Only when scaled: a universal rule makes every widget's polish slower (start-up).
    size = "" if look == NORMAL else f"QWidget {{ font-size: {pt:.1f}pt; }}"
    return size + f"""
    QGroupBox {{ font-weight: bold; margin-top: 1.1em; border: 1px solid palette(mid);
                 border-radius: 5px; padding: 6px 6px 4px 6px; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
    QFrame#OptimizerCard {{ border: 1px solid palette(mid); border-radius: 5px; }}
    QLabel#Formula {{ font-family: {FORMULA_FONT}; color: palette(text); }}
    QLabel#FieldError {{ color: {ERROR}; }}
    QLabel#Diverged {{ color: {ERROR}; font-weight: bold; }}
    QLabel#Muted {{ color: {MUTED}; }}
    QPushButton#RunButton {{ font-weight: bold; min-width: 6em; }}
    """
