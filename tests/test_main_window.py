"""The main window around the tabs: it fits a projector, and its title and status bar
follow the tab on show (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

from gradlab.gui.main_window import TAB_HINTS, MainWindow

# The usual projector resolution: every tab must fit it without the window growing.
PROJECTOR = (1280, 720)


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(*PROJECTOR)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
@pytest.mark.parametrize("presenter", [False, True], ids=["normal", "presenter"])
def test_every_tab_fits_a_1280_by_720_projector(qtbot, language, window, presenter):
    """Presenter mode (fonts x1.6) is for the projector: it must fit there too, in
    English and in Chinese."""
    window.set_presenter(presenter)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)  # builds a lazy tab
        qtbot.waitUntil(lambda: window.tabs.currentWidget().isVisible(), timeout=5000)
        name = window.tabs.tabText(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= PROJECTOR[0] and hint.height() <= PROJECTOR[1], (name, hint)
        assert (window.width(), window.height()) == PROJECTOR, name


def test_title_and_status_hint_follow_the_tab(qtbot, window):
    assert window.windowTitle() == "GradLab — optimizer race"
    assert "Space" in window.statusBar().currentMessage()
    for index, (name, part) in enumerate([("MNIST", "MNIST"), ("Explorer", "explorer")], start=1):
        window.tabs.setCurrentIndex(index)
        assert window.tabs.tabText(index) == name
        assert window.windowTitle() == f"GradLab — {part}"
        assert window.statusBar().currentMessage() == TAB_HINTS[name]
    window.tabs.setCurrentIndex(0)
    assert window.windowTitle() == "GradLab — optimizer race"
    assert window.statusBar().currentMessage() == TAB_HINTS["Optimizer race"]


def test_the_window_says_which_folder_the_mnist_tab_uses(qtbot, tmp_path):
    """`mnist_folder()`: the folder in the MNIST tab's data chooser, for the
    Backpropagation tab (which may not import the MNIST tab)."""
    from gradlab.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window._tab_arguments["MNIST"] = {"data_folder": str(tmp_path / "remembered")}
    assert window.mnist_folder() == str(tmp_path / "remembered")  # the tab is not built yet
    window.tab("MNIST").data_panel.folder.setText(str(tmp_path / "chosen"))
    assert window.mnist_folder() == str(tmp_path / "chosen")
