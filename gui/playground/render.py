"""Render a Playground network's decision regions with its points to a PNG, no window
(`gradlab playground --png`).

    render_png("regions.png", session)

The picture is `Session.regions` over [−6, 6]² coloured as the tab colours it
(`colours.regions_rgb`), the training points filled and the test points hollow, and a
title with the epoch, the losses and the test accuracy. Works on a machine with no
display (Qt's offscreen platform, as `gui/race/render.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from gradlab.gui.exporting import ensure_app
from gradlab.gui.i18n import translate
from gradlab.gui.playground.colours import class_colour, regions_rgb

SIZE = (760, 760)
GRID = 200


def render_png(path: str | os.PathLike, session: Any, size: tuple[int, int] = SIZE,
               discretise: bool = False, title: str | None = None) -> Path:
    """Draw `session`'s regions and points and save a `size` PNG at `path` (atomically);
    OSError when it cannot be written."""
    ensure_app()
    import pyqtgraph as pg
    from PySide6 import QtCore

    from gradlab.core.playground.session import BOUNDS
    from gradlab.gui.exporting import write_image

    xmin, xmax, ymin, ymax = BOUNDS
    rgb = regions_rgb(session.regions(GRID, BOUNDS), discretise=discretise)
    win = pg.GraphicsLayoutWidget()
    win.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    win.resize(*size)
    try:
        if title is None:
            # In the language in use: English from the CLI (no translation is installed there).
            if session.diverged is not None:
                title = translate("PlaygroundRender", "diverged at epoch {epoch}").format(epoch=session.diverged)
            else:
                s = session.evaluate()
                title = translate("PlaygroundRender", "epoch {epoch}: train loss {train_loss}, test loss "
                                  "{test_loss}, test accuracy {accuracy}%").format(
                    epoch=s.epoch, train_loss=f"{s.train_loss:.3f}", test_loss=f"{s.test_loss:.3f}",
                    accuracy=f"{100 * s.test_accuracy:.1f}")
        plot = win.addPlot(title=title)
        plot.setAspectLocked(True)
        # Row i of the regions is y_i (rows go up), as ImageItem's row-major order draws it.
        image = pg.ImageItem(rgb, axisOrder="row-major")
        image.setRect(QtCore.QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
        plot.addItem(image)
        for X, y, hollow in ((session.X_train, session.y_train, False),
                             (session.X_test, session.y_test, True)):
            for k in np.unique(y):
                colour = class_colour(int(k))
                pts = X[y == k]
                plot.addItem(pg.ScatterPlotItem(
                    x=pts[:, 0], y=pts[:, 1], size=7, symbol="o",
                    pen=pg.mkPen(colour, width=1.5) if hollow else pg.mkPen(20, 20, 20, width=1),
                    brush=None if hollow else pg.mkBrush(*colour)))
        plot.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)
        win.show()  # lays the scene out; WA_DontShowOnScreen keeps it off the screen
        pg.QtWidgets.QApplication.processEvents()
        return write_image(path, win.scene(), width=size[0])
    finally:
        win.close()
        win.deleteLater()
