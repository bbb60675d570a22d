"""Where the MNIST tab gets its data: a folder chooser, auto-find, and a download.

- At start the panel looks (file names only, instantly) in the folder it was given, its
  torchvision layout `ROOT/MNIST/raw`, and GradLab's data folder (platformdirs).
- Loading (parse + MD5, about a second) and downloading run in `GeneratorWorker`s, so
  the window never freezes; the loaded `MnistData` is cached by folder. `before_loaded`
  (the tab's: torch imported and the data's tensors made, issue 19) runs in the load's
  worker after the files are read: `loaded` means the data are ready to train on.
- A broken file gets `MnistError`'s message, which names the file and what is wrong.
  Missing files get where to put them and a Download button (progress bar, Cancel).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6 import QtCore, QtWidgets

from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.data import MnistData, MnistError
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.worker import GeneratorWorker

# Loaded data by folder, shared by every tab in the process (tests make many tabs).
_CACHE: dict[Path, MnistData] = {}


def _load_frames(folder: Path, before_loaded: Callable[[MnistData, Callable[[], bool]], None] | None = None):
    """The load worker's generator: yields the MnistData or the MnistError (as a value,
    so the panel can show its message as it is); `before_loaded(data, stop)` runs
    between the read and the yield (nothing is yielded when it ends on a stop)."""
    def make(stop):
        try:
            data = _CACHE.get(folder) or mnist_data.load(folder)
        except MnistError as e:
            yield e
            return
        if before_loaded is not None:
            before_loaded(data, stop)
            if stop():
                return
        yield data
    return make


class _Progress(QtCore.QObject):
    """Carries the download's progress callback (called in the worker thread) to the GUI
    thread: a cross-thread signal is queued by Qt."""

    bytes = QtCore.Signal(int, int)


def missing_message(folder: Path | None) -> str:
    names = ", ".join(f"{s.stem}.gz" for s in mnist_data.FILES)
    where = mnist_data.app_data_folder()
    looked = (translate("MnistData", " Looked in {folder} and {raw}.").format(folder=folder, raw=folder / "MNIST" / "raw")
              if folder else "")
    return translate("MnistData", "MNIST not found.{looked} Put the four files ({names}) in {where}, "
                     "or choose a folder that holds them (or their MNIST/raw), or download them (about 11 MB).").format(
                         looked=looked, names=names, where=where)


class DataPanel(QtWidgets.QGroupBox):
    """Emits `loaded(MnistData)` when usable data is ready and `unavailable(str)` otherwise."""

    loaded = QtCore.Signal(object)
    unavailable = QtCore.Signal(str)
    loading = QtCore.Signal()  # a load began: no data until `loaded` or `unavailable`

    def __init__(self, folder: str | Path | None = None, parent=None,
                 before_loaded: Callable[[MnistData, Callable[[], bool]], None] | None = None) -> None:
        super().__init__(parent)
        self._before_loaded = before_loaded
        self._status: tuple = (lambda: "", "")  # (says the status line, its style): said again on a change of language
        self.data: MnistData | None = None
        self._loader: GeneratorWorker | None = None
        self._downloader: GeneratorWorker | None = None
        self._loading: Path | None = None
        self._waiting = False  # a load began and has not ended (is_loading)

        self.folder = QtWidgets.QLineEdit()
        self.folder.setObjectName("data_folder")
        self.folder.returnPressed.connect(lambda: self.use_folder(self.folder.text()))
        self.choose = QtWidgets.QPushButton()
        self.choose.clicked.connect(self._choose)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("data_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QtWidgets.QPushButton()
        self.download_button.clicked.connect(self.download)
        self.download_bar = QtWidgets.QProgressBar()
        self.cancel_button = QtWidgets.QPushButton()
        self.cancel_button.clicked.connect(self.cancel_download)

        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        down = QtWidgets.QHBoxLayout()
        down.addWidget(self.download_button)
        down.addWidget(self.download_bar, 1)
        down.addWidget(self.cancel_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(down)
        self._show_download(False, offer=False)
        self.retranslate()
        on_language_change(self, self.retranslate)

        found = mnist_data.find([folder] if folder else [])
        if found is not None:
            self.use_folder(found)
        else:
            self._missing(Path(folder) if folder else None)

    def retranslate(self) -> None:
        """The texts set once, and the status line, in the language shown."""
        self.setTitle(translate("MnistData", "MNIST data"))
        self.folder.setPlaceholderText(translate("MnistData", "folder with the four MNIST files"))
        self.choose.setText(translate("MnistData", "Choose…"))
        self.download_button.setText(translate("MnistData", "Download MNIST"))
        self.download_bar.setFormat(translate("MnistData", "%p% of 11 MB"))
        self.cancel_button.setText(translate("MnistData", "Cancel"))
        self.status.setText(self._status[0]())

    # -- public ---------------------------------------------------------------------
    def use_folder(self, folder: str | Path) -> None:
        """Load MNIST from `folder` (or its MNIST/raw) in a worker; `loaded` when ready."""
        folder = Path(folder).expanduser()
        self.folder.setText(str(folder))
        if self._loader is not None:
            self._loader.stop_and_wait(2000)
        self.data = None
        self._loading = folder
        self._waiting = True
        self._set_status(lambda: translate("MnistData", "Loading MNIST from {folder}…").format(folder=folder), "")
        self._loader = GeneratorWorker(_load_frames(folder, self._before_loaded), self)
        self._loader.frame.connect(self._on_loaded)
        self._loader.failed.connect(lambda msg: self._error(msg))
        self._loader.start()
        self.loading.emit()

    def set_data(self, data: MnistData, description: str = "") -> None:
        """Use data loaded elsewhere (tests, benchmarks)."""
        self.data = data
        self._waiting = False
        self._show_download(False, offer=False)
        where = description or (str(data.folder) if data.folder else "memory")
        self._set_status(lambda: translate("MnistData", "{train} training and {test} test images from {where}").format(
            train=f"{len(data.train_labels):,}", test=f"{len(data.test_labels):,}",
            where=where if description or data.folder else translate("MnistData", "memory")), "color: #1b6e2a;")
        self.loaded.emit(data)

    def is_loading(self) -> bool:
        """A load began and has neither given data nor failed yet."""
        return self._waiting

    def busy(self) -> bool:
        return any(w is not None and w.is_running() for w in (self._loader, self._downloader))

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the load and the download (both flagged first) and join them."""
        workers = [w for w in (self._loader, self._downloader) if w is not None]
        for worker in workers:
            worker.stop()
        ok = True
        for worker in workers:
            ok = worker.stop_and_wait(timeout_ms) and ok
        return ok

    # -- loading -----------------------------------------------------------------------
    def _choose(self) -> None:
        start = self.folder.text() or str(Path.home())
        from gradlab.gui.exporting import ask_path  # noqa: PLC0415 - the dialog's labels in the language in use

        folder = ask_path(self, translate("MnistData", "Folder with the MNIST files"), start, mode="folder")
        if folder:
            self.use_folder(folder)

    def _on_loaded(self, result: Any) -> None:
        if isinstance(result, MnistError):
            self._error(str(result))
            return
        if self._loading is not None:
            _CACHE[self._loading] = result
        self.set_data(result)

    def _error(self, message: str) -> None:
        self.data = None
        self._waiting = False
        if "missing" in message:
            # Which file is missing, then where to put them all and the Download button.
            loading = self._loading
            self._set_status(lambda: explain(message) + "\n\n" + missing_message(loading), "color: #a40000;")
            self._show_download(False, offer=True)
        else:
            self._set_status(lambda: explain(message), "color: #a40000;")
            self._show_download(False, offer=False)
        self.unavailable.emit(message)

    def _missing(self, folder: Path | None) -> None:
        self._waiting = False
        self._set_status(lambda: missing_message(folder), "color: #a40000;")
        self._show_download(False, offer=True)
        self.unavailable.emit("MNIST not found")

    def _set_status(self, text, style: str) -> None:
        """`text`: a string, or a function that says it (again, on a change of language)."""
        say = text if callable(text) else (lambda: text)
        self._status = (say, style)
        self.status.setText(say())
        self.status.setStyleSheet(style)

    # -- downloading ---------------------------------------------------------------------
    def _show_download(self, running: bool, offer: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.download_button.setVisible(offer or running)
        self.download_button.setEnabled(not running)
        self.download_bar.setVisible(running)
        self.cancel_button.setVisible(running)

    def download(self) -> None:
        """Download into GradLab's data folder in a worker, then load from there."""
        if self._downloader is not None and self._downloader.is_running():
            return
        from gradlab.core.mnist import download as mnist_download  # stdlib only; imported when needed

        target = mnist_data.app_data_folder()
        relay = _Progress(self)
        relay.bytes.connect(self._on_bytes)

        def make(stop):
            try:
                yield mnist_download.download(target, progress=relay.bytes.emit, cancel=stop)
            except mnist_download.DownloadCancelled:
                yield "cancelled"
            except MnistError as e:
                yield e

        self._downloader = GeneratorWorker(make, self)
        self._downloader.frame.connect(self._on_downloaded)
        self._downloader.failed.connect(self._error)
        self._downloader.finished.connect(lambda: self._show_download(False, self.data is None))
        self.download_bar.setValue(0)
        self._show_download(True, offer=True)
        self._set_status(lambda: translate("MnistData", "Downloading MNIST into {folder}…").format(folder=target), "")
        self._downloader.start()

    def cancel_download(self) -> None:
        """Ask the download to stop; it does within a second (see `download.POLL`), and
        `_on_downloaded` then says it was cancelled."""
        if self._downloader is not None and self._downloader.is_running():
            self._downloader.stop()
            self.cancel_button.setEnabled(False)
            self._set_status(lambda: translate("MnistData", "Cancelling the download…"), "")

    def _on_bytes(self, done: int, total: int) -> None:
        self.download_bar.setRange(0, 1000 if total else 0)  # busy bar while size unknown
        if total:
            self.download_bar.setValue(int(1000 * done / total))

    def _on_downloaded(self, result: Any) -> None:
        if result == "cancelled":
            self._set_status(lambda: translate("MnistData", "Download cancelled; nothing was left behind.")
                             + "\n\n" + missing_message(None), "color: #a40000;")
        elif isinstance(result, MnistError):
            self._set_status(lambda: f"{result}\n\n" + translate("MnistData", "Offline? ") + missing_message(None),
                             "color: #a40000;")
        else:
            self.use_folder(result)
