"""Pictures of a pyqtgraph scene or item as files, written atomically.

    write_picture("race.svg", view.scene(), title="GradLab optimizer race")
    write_picture("plots.png", layout, width=2400)

The file's suffix picks the format: `.svg` through Qt's own QSvgGenerator (see
`write_svg` for why not pyqtgraph's SVGExporter), anything else through pyqtgraph's
ImageExporter (PNG, or whatever QImage writes for that suffix). Every file goes through
`core.atomic_file`, so an export that fails halfway leaves the file that was there.
Whether an existing file may be replaced is the caller's question, asked before this.

`ensure_app()` gives the headless renders (`gradlab race --png`, `gradlab playground
--png`) a QApplication, offscreen when there is no display.

`write_painting` is for a picture drawn by a function (the race's view with its legend
and title): the same function paints the PNG and the SVG, so the two show the same.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gradlab.core.atomic_file import atomic_path, atomic_write
from gradlab.gui.i18n import QT_TRANSLATE_NOOP


def _cannot_write() -> str:
    """The error of a write Qt refused, in the language in use (a GUI dialog shows it;
    the CLI has no translator installed: English)."""
    from gradlab.gui.i18n import translate

    return translate("Dialog", "Qt could not write the image")


def ensure_app() -> Any:
    """The running QApplication, or a new one (offscreen when there is no display): what
    the CLI's `--png` renders need, without opening a window."""
    if (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import QtWidgets

    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def write_picture(path: str | os.PathLike[str], source: Any, *, width: int | None = None,
                  title: str = "GradLab") -> Path:
    """`source` (a QGraphicsScene, or an item in one) to `path`: SVG for `.svg`, else a
    raster image `width` pixels wide (default: the source's own size). `title` names an
    SVG's document; `width` does not apply to SVG, which is vector."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        return write_svg(path, source, title=title)
    return write_image(path, source, width=width)


def write_image(path: str | os.PathLike[str], source: Any, width: int | None = None) -> Path:
    """A raster picture through pyqtgraph's ImageExporter; the format is the suffix's.
    OSError when Qt cannot write it (an unknown suffix, a folder that refuses it)."""
    import pyqtgraph.exporters as exporters

    path = Path(path)
    exporter = exporters.ImageExporter(source)
    if width:
        exporter.parameters()["width"] = int(width)
    with atomic_path(path) as tmp:  # same suffix: QImage.save picks the format by it
        # QImage.save reports failure by returning False: raise, so the temporary goes.
        if not exporter.export(str(tmp)):
            raise OSError(errno.EIO, _cannot_write(), str(path))
    return path


def write_svg(path: str | os.PathLike[str], source: Any, title: str = "GradLab") -> Path:
    """SVG through Qt's own generator: vector curves and text.

    pyqtgraph 0.14's SVGExporter cannot re-parse the path data Qt 6 writes for closed
    shapes (the minima's stars: a closing "Z" breaks its coordinate rewrite), so the
    scene is rendered straight into a QSvgGenerator instead. A scene is drawn whole; an
    item, its bounding rectangle.
    """
    from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

    path = Path(path)
    if isinstance(source, QtWidgets.QGraphicsScene):
        scene, rect = source, source.sceneRect()
    else:
        scene, rect = source.scene(), source.sceneBoundingRect()
    target = QtCore.QRectF(0, 0, rect.width(), rect.height())
    # Rendered into memory, then written in one go: a generator given a file name keeps
    # its QFile (and Qt's write buffer) open until it is destroyed, after the rename.
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    generator = QtSvg.QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(target)
    generator.setTitle(title)
    painter = QtGui.QPainter(generator)
    try:
        scene.render(painter, target, rect)
    finally:
        painter.end()  # writes the closing tags
    with atomic_write(path, "wb") as f:
        f.write(buffer.data().data())
    return path


def write_painting(path: str | os.PathLike[str], size: tuple[int, int], paint: Callable[[Any], None],
                   *, background: str, title: str = "GradLab") -> Path:
    """A `size = (width, height)` picture that `paint(painter)` draws over `background`:
    SVG for `.svg` (a page exactly `size` pixels, its viewBox the same), else a raster
    image of exactly `size`. The painter's coordinates are pixels from the top left, in
    both. OSError when Qt cannot write it."""
    from PySide6 import QtCore, QtGui, QtSvg

    path = Path(path)
    w, h = (max(int(v), 1) for v in size)
    svg = path.suffix.lower() == ".svg"
    if svg:
        buffer = QtCore.QBuffer()
        buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
        device: Any = QtSvg.QSvgGenerator()
        device.setOutputDevice(buffer)
        device.setSize(QtCore.QSize(w, h))
        device.setViewBox(QtCore.QRect(0, 0, w, h))
        # 96 dpi, as a screen and a browser: a page of w × h CSS pixels.
        device.setResolution(96)
        device.setTitle(title)
    else:
        device = QtGui.QImage(w, h, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(device)
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QtCore.QRectF(0, 0, w, h), QtGui.QColor(background))
        paint(painter)
    finally:
        painter.end()  # an SVG's closing tags
    if svg:
        with atomic_write(path, "wb") as f:
            f.write(buffer.data().data())
        return path
    with atomic_path(path) as tmp:  # same suffix: QImage.save picks the format by it
        if not device.save(str(tmp)):
            raise OSError(errno.EIO, _cannot_write(), str(path))
    return path


# -- the file dialogs ---------------------------------------------------------------------------
# Qt's own (non-native) file dialog, drawn where no desktop offers one (Xvfb, a bare X
# session), takes its labels from qtbase's translation, which leaves "Look in:" and
# "Files of type:" in English: GradLab says them itself. A desktop's native dialog
# ignores these and is in the desktop's language.
_LABELS = {
    "LookIn": QT_TRANSLATE_NOOP("Dialog", "Look in:"),
    "FileName": QT_TRANSLATE_NOOP("Dialog", "File name:"),
    "FileType": QT_TRANSLATE_NOOP("Dialog", "Files of type:"),
    "Reject": QT_TRANSLATE_NOOP("Dialog", "Cancel"),
}
# Qt's own words in the dialog's file list that its translation lacks or words oddly
# ("Folder" stays English, "Size" reads 体积): GradLab's translation, asked before Qt's,
# gives them under Qt's own contexts. Marked here so that lupdate keeps them in the .ts.
QT_WORDS = (QT_TRANSLATE_NOOP("QFileSystemModel", "Size"),
            QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
            QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"))
_ACCEPT = {"open": QT_TRANSLATE_NOOP("Dialog", "Open"), "save": QT_TRANSLATE_NOOP("Dialog", "Save"),
           "folder": QT_TRANSLATE_NOOP("Dialog", "Choose")}


def file_dialog(parent: Any, caption: str, start: str = "", filters: str = "",
                mode: str = "open") -> Any:
    """A QFileDialog (not yet shown) to open a file, save one (`mode="save"`: asks before
    replacing) or choose a folder (`mode="folder"`); `start` a folder or a file name;
    its labels in the language in use."""
    from PySide6 import QtWidgets

    from gradlab.gui.i18n import translate

    Dialog = QtWidgets.QFileDialog  # noqa: N806 - a class
    dialog = Dialog(parent, caption, start, filters)
    if mode == "save":
        dialog.setAcceptMode(Dialog.AcceptMode.AcceptSave)
        dialog.setFileMode(Dialog.FileMode.AnyFile)
    elif mode == "folder":
        dialog.setFileMode(Dialog.FileMode.Directory)
        dialog.setOption(Dialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(Dialog.FileMode.ExistingFile)
    for name, text in _LABELS.items():
        dialog.setLabelText(getattr(Dialog.DialogLabel, name), translate("Dialog", text))
    dialog.setLabelText(Dialog.DialogLabel.Accept, translate("Dialog", _ACCEPT[mode]))
    return dialog


def ask_path(parent: Any, caption: str, start: str = "", filters: str = "", mode: str = "open") -> str:
    """The path chosen in a `file_dialog` (modal), or "" when it was cancelled."""
    dialog = file_dialog(parent, caption, start, filters, mode)
    try:
        if dialog.exec() != dialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        return dialog.selectedFiles()[0]
    finally:
        dialog.deleteLater()
