"""One test for "can this machine show 3-D?" (gui/opengl.py), used by the race's and the
landscape's 3-D views alike: it was copied into both (feature packages may not import each
other), with its texts translated twice under two contexts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6 import QtWidgets

from gradlab.gui import i18n, opengl
from gradlab.gui.landscape import view3d as landscape_view3d
from gradlab.gui.race import view3d as race_view3d

GUI = Path(__file__).resolve().parents[1] / "gui"


def test_both_3d_views_ask_the_one_function():
    assert race_view3d.opengl_problem is opengl.opengl_problem
    assert landscape_view3d.opengl_problem is opengl.opengl_problem
    for path in (GUI / "race" / "view3d.py", GUI / "landscape" / "view3d.py"):
        defined = {node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, ast.FunctionDef)}
        assert "opengl_problem" not in defined, path
        assert "PyOpenGL is not usable" not in path.read_text(encoding="utf-8"), path


def test_offscreen_says_why_in_english_and_chinese(qapp, english):
    if QtWidgets.QApplication.platformName() != "offscreen":
        pytest.skip("says why only where Qt has no OpenGL")
    assert opengl.opengl_problem() == "Qt's 'offscreen' platform has no OpenGL"
    assert opengl.start_failure("RuntimeError: no context") == "OpenGL failed to start (RuntimeError: no context)"
    i18n.set_language(qapp, "zh_CN")
    # (needs the "OpenGL" context in resources/i18n/gradlab_zh_CN.ts)
    assert opengl.opengl_problem() == "Qt 的 'offscreen' 平台不支持 OpenGL"
    assert opengl.start_failure("RuntimeError: x") == "OpenGL 启动失败（RuntimeError: x）"


def test_the_landscape_3d_view_says_the_shared_text(qtbot):
    view = landscape_view3d.Surface3D()
    qtbot.addWidget(view)
    view.activate()
    if QtWidgets.QApplication.platformName() == "offscreen":
        assert not view.available
        assert opengl.opengl_problem() in view.message.text()
