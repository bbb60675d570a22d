"""The installed PySide6 must not leak references to None, True or False.

PySide6 6.12.0 on CPython 3.11 does: every void Qt call and every Python-side signal emit
drops a reference to one of these singletons, and the app aborts with "Fatal Python
error: none_dealloc" (or bool_dealloc) after a few thousand redraws. constraints.txt pins
a version without the bug; this test fails if a future set-up brings it back.
"""

from __future__ import annotations

import sys

CALLS = 5000
# A few references come and go elsewhere; the bug loses one per call.
SLACK = 100


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_void_calls_and_emits_keep_singletons_alive(qtbot):
    from PySide6 import QtCore

    class Probe(QtCore.QObject):
        changed = QtCore.Signal(object)

    probe = Probe()
    seen: list[object] = []
    probe.changed.connect(seen.append)
    probe.setObjectName("warm-up")
    before = _counts()
    for i in range(CALLS):
        probe.setObjectName("probe")  # returns nothing: the None path
        probe.signalsBlocked()  # returns a bool: the True/False path
        probe.changed.emit(i)
    after = _counts()
    assert len(seen) == CALLS
    for name, b, a in zip(("None", "True", "False"), before, after):
        assert b - a < SLACK, f"{name} lost {b - a} references over {CALLS} calls"
