"""Whether this machine can show a 3-D view (pyqtgraph.opengl), said in one line.

The race's and the landscape's 3-D views both ask here before they build a
`GLViewWidget`: on Qt's offscreen platform, or without PyOpenGL, they show why in a
label instead, and everything else works. The texts share one translation context,
"OpenGL", so each is translated once.
"""

from __future__ import annotations

from PySide6 import QtGui

from gradlab.gui.i18n import translate


def opengl_problem() -> str | None:
    """Why the 3-D view cannot work here, or None when it should.

    Imports OpenGL only when asked (it costs start-up time), so call it when a 3-D
    view is first shown, and again after a language change to say it anew."""
    platform = QtGui.QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return translate("OpenGL", "Qt's {platform} platform has no OpenGL").format(platform=repr(platform))
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - any failure means "no 3-D here"
        return translate("OpenGL", "PyOpenGL is not usable ({error})").format(
            error=f"{type(exc).__name__}: {exc}")
    return None


def start_failure(error: str) -> str:
    """The problem when PyOpenGL imports but the GL view itself would not start
    (`error`: the exception's type and message, kept untranslated)."""
    return translate("OpenGL", "OpenGL failed to start ({error})").format(error=error)
