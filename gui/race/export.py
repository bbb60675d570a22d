"""Export the race: the surface view as PNG or SVG (`gui.exporting`), the trajectories
as CSV, each written atomically.

The picture is what the window's view shows, at the view's size, on its dark background,
with a title (the surface's) and a legend (each racer's label in its colour, the same
`style.PALETTE` colours as the window and `gradlab race --png`). PNG and SVG are painted
by the same function (`paint_view`), so they match. A file that exists is only replaced when
`confirm(path)` says so (the window asks with a QMessageBox; tests pass their own
answer)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from gradlab.core.atomic_file import atomic_write
from gradlab.gui.exporting import write_painting, write_picture
from gradlab.gui.i18n import translate
from gradlab.gui.race.words import racer_label, title_of
from gradlab.gui.style import BACKGROUND, FOREGROUND

Confirm = Callable[[Path], bool]


def _may_write(path: Path, confirm: Confirm) -> bool:
    return not path.exists() or confirm(path)


def _race_view(source: Any) -> Any:
    """The race view showing `source` (the view itself, or its scene), else None."""
    if hasattr(source, "racers") and hasattr(source, "viewport"):
        return source
    views = getattr(source, "views", None)
    for view in views() if callable(views) else ():
        if hasattr(view, "racers"):
            return view
    return None


def legend_entries(view: Any) -> list[tuple[str, str]]:
    """(text, colour) for each racer shown: its label, and where it diverged."""
    last = getattr(view, "_last", None)
    history = last[0] if last else None
    diverged = list(getattr(history, "diverged", []) or [])
    out = []
    for i, racer in enumerate(view.racers):
        if not racer.entry.visible:
            continue
        step = diverged[i] if i < len(diverged) else None
        label = racer_label(racer.entry)
        text = label if step is None else translate("RaceExport", "{label} (diverged at step {step})").format(
            label=label, step=step)
        out.append((text, racer.entry.color))
    return out


def view_title(view: Any) -> str:
    surface = getattr(view, "surface", None)
    title = title_of(surface) if getattr(surface, "title", "") else ""
    return title or translate("RaceExport", "GradLab optimizer race")


def paint_view(painter: Any, view: Any, title: str, entries: list[tuple[str, str]]) -> None:
    """The view's viewport as on screen, then a title band across the top and a legend
    below it on the left, each on a dark translucent backing (readable on any shade)."""
    from PySide6 import QtCore, QtGui

    size = view.viewport().size()
    w, h = size.width(), size.height()
    whole = QtCore.QRectF(0, 0, w, h)
    view.render(painter, whole, view.viewport().rect())
    # Qt's SVG writer ignores clipping: the heatmap and any path that left the plot would
    # spill over the axes and the page. So the margins are cleared and drawn again
    # without the plot's contents (harmless for a PNG, which was clipped already).
    box = view.plot.getViewBox()
    inside = QtCore.QRectF(view.mapFromScene(box.sceneBoundingRect()).boundingRect())
    outside = QtGui.QRegion(whole.toRect()).subtracted(QtGui.QRegion(inside.toRect()))
    for rect in outside:
        painter.fillRect(rect, QtGui.QColor(BACKGROUND))
    box.setVisible(False)
    try:
        painter.save()
        painter.setClipRegion(outside)
        view.scene().render(painter, whole, QtCore.QRectF(view.mapToScene(view.viewport().rect()).boundingRect()))
        painter.restore()
    finally:
        box.setVisible(True)

    backing = QtGui.QColor(0, 0, 0, 170)
    font = QtGui.QFont(view.font())
    font.setPixelSize(max(14, round(h / 30)))  # pixels, not points: PNG and SVG differ in dpi
    font.setBold(True)
    painter.setFont(font)
    fm = QtGui.QFontMetrics(font)
    band = QtCore.QRectF(0, 0, w, fm.height() + 8)
    painter.fillRect(band, backing)
    painter.setPen(QtGui.QColor(FOREGROUND))
    painter.drawText(band, int(QtCore.Qt.AlignmentFlag.AlignCenter), title)

    if not entries:
        return
    font.setBold(False)
    font.setPixelSize(max(12, round(h / 40)))
    painter.setFont(font)
    fm = QtGui.QFontMetrics(font)
    line, pad, swatch = fm.height() + 4, 8, 2 * fm.height()
    box = QtCore.QRectF(8, band.bottom() + 8,
                        pad * 3 + swatch + max(fm.horizontalAdvance(t) for t, _ in entries),
                        pad * 2 + line * len(entries))
    painter.fillRect(box, backing)
    for k, (text, colour) in enumerate(entries):
        y = box.top() + pad + k * line + line / 2
        x0 = box.left() + pad
        painter.setPen(QtGui.QPen(QtGui.QColor(0, 0, 0), 6))  # the window's dark outline
        painter.drawLine(QtCore.QPointF(x0, y), QtCore.QPointF(x0 + swatch, y))
        painter.setPen(QtGui.QPen(QtGui.QColor(colour), 3))
        painter.drawLine(QtCore.QPointF(x0, y), QtCore.QPointF(x0 + swatch, y))
        painter.setPen(QtGui.QColor(colour).lighter(130))
        painter.drawText(QtCore.QRectF(x0 + swatch + pad, y - line / 2, box.width(), line),
                         int(QtCore.Qt.AlignmentFlag.AlignVCenter), text)


def export_image(source: Any, path: str | Path, confirm: Confirm, width: int | None = None) -> bool:
    """PNG or SVG by the file's suffix; False when the user declined to overwrite.
    Written atomically (see `exporting`): a failed export keeps the old file.

    `source` is the race view (or its scene): the picture is the view's size, with title
    and legend. Any other scene or item is drawn as pyqtgraph would (`width` applies)."""
    path = Path(path)
    if not _may_write(path, confirm):
        return False
    view = _race_view(source)
    if view is None:
        write_picture(path, source, width=width, title=translate("RaceExport", "GradLab optimizer race"))
        return True
    size = view.viewport().size()
    title, entries = view_title(view), legend_entries(view)
    write_painting(path, (size.width(), size.height()), lambda p: paint_view(p, view, title, entries),
                   background=BACKGROUND,
                   title=translate("RaceExport", "GradLab optimizer race: {title}").format(title=title))
    return True


def export_csv(history: Any, labels: list[str], path: str | Path, confirm: Confirm) -> bool:
    """One row per step: step, then x, y, loss, grad_x, grad_y per optimizer (empty
    cells where an optimizer has diverged)."""
    path = Path(path)
    if not _may_write(path, confirm):
        return False
    header = ["step"]
    for label in labels:
        header += [f"{label} x", f"{label} y", f"{label} loss", f"{label} grad_x", f"{label} grad_y"]
    n = history.n if history is not None else 0
    with atomic_write(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for r in range(n):
            row: list[str] = [str(int(history.steps[r]))]
            for i in range(len(labels)):
                vals = (*history.points[r, i], history.losses[r, i], *history.grads[r, i])
                row += ["" if not np.isfinite(v) else repr(float(v)) for v in vals]
            out.writerow(row)
    return True
