"""Issue 19: closing the window while work is blocked, Cancel of the download within a
second, the download's size caps, and Save… into a folder that cannot take the file.

Servers here are raw sockets on 127.0.0.1 that misbehave on purpose (silent, stalled
after the headers, trickling, endless, lying about their size); each is released when
its test ends. Times are measured from the moment the server has stalled.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from gradlab.core.mnist import download as mnist_download
from gradlab.core.mnist.data import MnistError

REPO = Path(__file__).resolve().parent.parent
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"


class _Hostile:
    """A one-connection server on 127.0.0.1 that runs `behave(conn, server)`."""

    def __init__(self, behave) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/mnist/"
        self.release = threading.Event()   # set when the test ends: the server lets go
        self.stalled = threading.Event()   # set once it has started to misbehave
        self.stalled_at = 0.0
        self.sent = 0
        self._behave = behave
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def stall(self) -> None:
        self.stalled_at = time.monotonic()
        self.stalled.set()

    def _serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            conn.recv(65536)  # the request
            try:
                self._behave(conn, self)
            except OSError:  # the client hung up: what a cancel or a refusal does
                pass

    def __enter__(self) -> _Hostile:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.listener.close()
        self._thread.join(5)


def silent(conn, server) -> None:
    server.stall()
    server.release.wait(20)


def headers_then_stall(conn, server) -> None:
    conn.sendall(HEAD + b"Content-Length: 4542\r\n\r\n" + bytes(100))
    server.stall()
    server.release.wait(20)


def trickle(conn, server) -> None:
    conn.sendall(HEAD + b"Content-Length: 4542\r\n\r\n")
    while not server.release.wait(0.02):  # the server's pace: a byte every 20 ms
        conn.sendall(b"\0")
        if not server.stalled.is_set():
            server.stall()


def endless(conn, server) -> None:
    conn.sendall(HEAD + b"Connection: close\r\n\r\n")
    block = bytes(65536)
    while not server.release.is_set():
        conn.sendall(block)
        server.sent += len(block)


def lying_length(conn, server) -> None:
    conn.sendall(HEAD + b"Content-Length: 6000000000\r\n\r\n")
    server.stall()
    server.release.wait(20)


def _download(tmp_path: Path, server: _Hostile, cancel=lambda: False, timeout: float = 10.0):
    # A made-up MD5 so that the known sizes do not set `total`; LIMITS still apply.
    return mnist_download.download(tmp_path / "dl", mirrors=[server.url], cancel=cancel,
                                   md5={"train-images-idx3-ubyte": "0" * 32}, timeout=timeout)


class _CancelWhileBlocked:
    """Cancel pressed while the client waits: False on the first look after the server
    stalled (the client then goes back to its read), True from the second look on."""

    def __init__(self, server: _Hostile) -> None:
        self.server, self.looks = server, 0

    def __call__(self) -> bool:
        if self.server.stalled.is_set():
            self.looks += 1
        return self.looks >= 2


@pytest.mark.parametrize("behave", [silent, headers_then_stall, trickle])
def test_cancel_takes_effect_within_a_second_whatever_the_server_does(tmp_path, behave):
    with _Hostile(behave) as server:
        with pytest.raises(mnist_download.DownloadCancelled):
            _download(tmp_path, server, cancel=_CancelWhileBlocked(server))
        late = time.monotonic() - server.stalled_at
    assert late < 1.0, f"Cancel took {late:.2f} s"
    assert not list((tmp_path / "dl").iterdir()), "a cancelled download left a file"


def test_a_silent_server_times_out_with_a_message_naming_the_silence(tmp_path):
    with _Hostile(headers_then_stall) as server:
        t0 = time.monotonic()
        with pytest.raises(MnistError, match=r"train-images-idx3-ubyte\.gz: download failed.*no data for 0\.5 s"):
            _download(tmp_path, server, timeout=0.5)
        assert time.monotonic() - t0 < 3
    assert not list((tmp_path / "dl").iterdir())


def test_an_endless_stream_is_cut_at_the_files_known_size(tmp_path, monkeypatch):
    monkeypatch.setitem(mnist_download.LIMITS, "train-images-idx3-ubyte", 200_000)
    with _Hostile(endless) as server:
        with pytest.raises(MnistError, match=r"more than the file can be \(200,000 bytes\)"):
            _download(tmp_path, server)
    # The client stopped reading: what it was sent is bounded by the cap and the buffers.
    assert server.sent < 200_000 + 16 * 65536 + 8 * 1024 * 1024
    assert not list((tmp_path / "dl").iterdir()), "the temporary file must be removed"


def test_a_content_length_over_the_cap_is_refused_before_reading(tmp_path):
    with _Hostile(lying_length) as server:
        t0 = time.monotonic()
        with pytest.raises(MnistError, match=r"Content-Length 6,000,000,000 bytes is more than the file can be \(9,912,422 bytes\)"):
            _download(tmp_path, server, timeout=10)
        assert time.monotonic() - t0 < 2, "refused at once, not after a time-out"
    assert not list((tmp_path / "dl").iterdir())


def test_the_known_sizes_are_the_caps():
    assert mnist_download.LIMITS == {"train-images-idx3-ubyte": 9912422,
                                     "train-labels-idx1-ubyte": 28881,
                                     "t10k-images-idx3-ubyte": 1648877,
                                     "t10k-labels-idx1-ubyte": 4542}


# --- the GUI ------------------------------------------------------------------------------


def test_the_panel_stops_saying_downloading_within_a_second_of_cancel(qtbot, tmp_path, monkeypatch):
    from PySide6 import QtCore

    from gradlab.core.mnist import data as mnist_data
    from gradlab.gui.mnist.data_panel import DataPanel

    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    with _Hostile(headers_then_stall) as server:
        real = mnist_download.download
        monkeypatch.setattr(mnist_download, "download",
                            lambda folder, **kw: real(folder, mirrors=[server.url], **kw))
        panel = DataPanel(tmp_path / "nothing-here")
        qtbot.addWidget(panel)
        qtbot.mouseClick(panel.download_button, QtCore.Qt.MouseButton.LeftButton)
        assert "Downloading" in panel.status.text()
        qtbot.waitUntil(server.stalled.is_set, timeout=5000)
        qtbot.mouseClick(panel.cancel_button, QtCore.Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Download cancelled" in panel.status.text(), timeout=1000)
        qtbot.waitUntil(lambda: not panel.busy(), timeout=1000)
        assert not list((tmp_path / "app-data").glob("*.part"))


@pytest.mark.parametrize("where", ["missing", "under_a_file"])
def test_save_into_a_folder_that_cannot_take_it_says_so(qtbot, tmp_path, monkeypatch, where):
    from gradlab.core.mnist import data as mnist_data
    from gradlab.core.mnist.frames import Checkpoint, History, TrainConfig
    from gradlab.gui.mnist.tab import MnistTab

    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    tab = MnistTab()
    qtbot.addWidget(tab)
    run = tab.add_config(TrainConfig())
    run.checkpoint = Checkpoint(config=run.config, step=0, epoch=0, epoch_step=0,
                                history=History(), state={})
    tab.queue.select(run)
    tab._update_buttons()  # the checkpoint was set by hand, not by a frame
    (tmp_path / "a-file").write_text("x")
    target = {"missing": tmp_path / "gone" / "run.pt",
              "under_a_file": tmp_path / "a-file" / "run.pt"}[where]
    monkeypatch.setattr(tab, "_save_path", lambda *a: target)
    assert tab.save_button.isEnabled(), tab.message.text()
    tab.save_button.click()  # raised out of the slot before: no message, nothing shown
    text = tab.message.text()
    assert text.startswith(f"Could not save run {run.number} to {target}: ")
    assert "\n" not in text and len(text) < 200 + len(str(target))
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "app-data"] or \
        sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
    assert tab.shutdown(2000)


# --- closing the window while work is blocked -----------------------------------------------

CLOSE_SCRIPT = textwrap.dedent('''
    import sys, threading
    from PySide6 import QtCore, QtWidgets
    from gradlab.core.mnist import data as mnist_data, download as mnist_download
    from gradlab.gui import main_window, worker

    mnist_data.app_data_folder = lambda: __import__("pathlib").Path(sys.argv[2])
    main_window.CLOSE_WAIT_MS = 300
    worker.EXIT_WAIT_MS = 300
    app = QtWidgets.QApplication([])
    app.aboutToQuit.connect(lambda: worker.stop_all(2000))
    window = main_window.MainWindow()
    window.show()
    tab = window.tab("MNIST")
    real = mnist_download.download
    mnist_download.download = lambda folder, **kw: real(folder, mirrors=[sys.argv[1]], **kw)
    tab.data_panel.download()                       # from a server that never answers
    never = threading.Event()
    def stuck(stop):                                # a read that ignores its stop flag
        never.wait()
        yield None
    worker.GeneratorWorker(stuck, tab).start()
    def close_when_blocked():
        if len(worker.running_workers()) == 2 and {sys.argv[3]} <= set(open(sys.argv[4]).read().split()):
            window.close()
        else:
            QtCore.QTimer.singleShot(20, close_when_blocked)
    close_when_blocked()
    sys.exit(app.exec())
''')


def test_closing_while_workers_are_blocked_exits_cleanly(tmp_path):
    """Before: SIGABRT, "QThread: Destroyed while thread 'GeneratorWorker' is still running"."""
    flag = tmp_path / "flag"
    flag.write_text("")

    def silent_and_say_so(conn, server) -> None:
        flag.write_text("stalled")
        silent(conn, server)

    script = tmp_path / "close.py"
    script.write_text(CLOSE_SCRIPT)
    with _Hostile(silent_and_say_so) as server:
        t0 = time.monotonic()
        done = subprocess.run([sys.executable, str(script), server.url, str(tmp_path / "data"),
                               "stalled", str(flag)],
                              capture_output=True, text=True, timeout=60, cwd=REPO,
                              env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
        took = time.monotonic() - t0
    assert "Destroyed while thread" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert took < 30
