"""The mouse wheel changes a field only when the field has focus.

A settings panel that scrolls is full of spin boxes and combo boxes; Qt's default lets
each of them take the wheel the moment the pointer passes over it, so scrolling the
panel changes whatever field slides under the pointer (batch size 128 became 120).

    guard_wheel(panel)   # every spin box and combo box inside `panel`, now

A guarded field takes focus by click or Tab only (Qt.StrongFocus, not WheelFocus), and
a wheel event over it while it has no focus is passed on to its parent, so the scroll
area around it scrolls. Once clicked, the wheel steps it as usual. Call `guard_wheel`
again after adding fields; fields already guarded are left as they are.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

# Sliders too (a racer's μ has one beside its box); never scroll bars, which are sliders
# of another kind: the wheel is theirs.
GUARDED = (QtWidgets.QAbstractSpinBox, QtWidgets.QComboBox, QtWidgets.QSlider)


class _WheelGuard(QtCore.QObject):
    """The event filter: a wheel over an unfocused field goes to the field's parent."""

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() != QtCore.QEvent.Type.Wheel or not isinstance(watched, QtWidgets.QWidget)
                or watched.hasFocus()):
            return False
        # The field never sees it. It goes straight to the scroll area around the field:
        # Qt passes an ignored wheel event on to the parents only when it came from the
        # mouse itself (not one sent by code), so handing it over is the one way that
        # always works.
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QtWidgets.QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QtCore.QCoreApplication.sendEvent(area.viewport(), event)
            event.accept()
        else:
            event.ignore()  # a mouse wheel then goes on to the parents
        return True


_guard: _WheelGuard | None = None


def guard_wheel(root: QtWidgets.QWidget) -> None:
    """Guard every spin box, combo box and slider under `root` (and `root` itself if it is one)."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QtWidgets.QApplication.instance())
    fields = [w for w in (root, *root.findChildren(QtWidgets.QWidget)) if isinstance(w, GUARDED)]
    for field in fields:
        if field.property("wheel_guarded"):
            continue
        field.setProperty("wheel_guarded", True)
        field.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(_guard)
