"""Downloading the four MNIST files from the usual mirrors (stdlib only, no torch).

Each file is fetched in chunks (progress callback), its MD5 is checked, and only then is
it renamed into place: a temporary file in the same folder, then `os.replace`, so a
cancelled or corrupt download never leaves a file that `load` would read. Mirrors are
tried in order; a checksum mismatch or a network error moves on to the next mirror.

What a hostile or broken server cannot do:

- Keep Cancel waiting. Every socket call (connect, TLS handshake, headers, body) blocks
  at most `POLL` seconds before `cancel()` is checked again, so Cancel takes effect
  within a second whatever the server does; a server that stalls is reported as a
  cancel when cancelled, and as "no data for T s" after `timeout` seconds of silence.
- Fill the disk. No file may be larger than its known size (`LIMITS`): a Content-Length
  above it is refused before the body is read, and a stream that passes it is cut and
  its temporary file removed.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import io
import os
import select
import socket
import ssl
import time
import urllib.parse
from pathlib import Path
from typing import Callable, Mapping, Sequence

from gradlab.core.atomic_file import atomic_write
from gradlab.core.mnist.data import FILES, MnistError, app_data_folder

MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
CHUNK = 64 * 1024
POLL = 0.25  # seconds a socket call may block before `cancel()` is checked again
MAX_REDIRECTS = 5
KNOWN_SIZES = {
    "train-images-idx3-ubyte": 9912422,
    "train-labels-idx1-ubyte": 28881,
    "t10k-images-idx3-ubyte": 1648877,
    "t10k-labels-idx1-ubyte": 4542,
}
# The most bytes a download of each file may be: its known size. Nothing larger is MNIST.
LIMITS: dict[str, int] = dict(KNOWN_SIZES)

Progress = Callable[[int, int], None]  # (done_bytes, total_bytes); total 0 when unknown
Cancel = Callable[[], bool]


class DownloadCancelled(Exception):
    """The cancel callable returned True; nothing was left behind."""


class _Waiting:
    """Checks, between short waits, whether to give up: cancelled, or silent too long."""

    def __init__(self, what: str, cancel: Cancel, timeout: float) -> None:
        self.what, self.cancel, self.timeout = what, cancel, timeout
        self.since = time.monotonic()

    def check(self) -> None:
        if self.cancel():
            raise DownloadCancelled(f"download of {self.what} cancelled")
        if time.monotonic() - self.since > self.timeout:
            raise TimeoutError(f"no data for {self.timeout:g} s")

    def progressed(self) -> None:
        self.since = time.monotonic()


class _CancellableReader(io.RawIOBase):
    """The socket as a raw stream whose reads wait at most POLL seconds at a time."""

    def __init__(self, sock: socket.socket, waiting: _Waiting) -> None:
        super().__init__()
        self._sock, self._waiting = sock, waiting

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        while True:
            self._waiting.check()
            try:
                n = self._sock.recv_into(buffer)
            except (TimeoutError, ssl.SSLWantReadError):
                continue
            self._waiting.progressed()
            return n


class _SocketShim:
    """What `http.client.HTTPResponse` needs of a socket: `makefile`."""

    def __init__(self, reader: _CancellableReader) -> None:
        self._reader = reader

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(self._reader)


def _connect(host: str, port: int, waiting: _Waiting) -> socket.socket:
    """A TCP connection made without blocking longer than POLL between checks."""
    last: OSError = OSError(f"{host}: no address")
    for family, kind, proto, _, addr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            err = sock.connect_ex(addr)
            if err not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
                raise OSError(err, os.strerror(err))
            while not select.select([], [sock], [], POLL)[1]:
                waiting.check()
            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                raise OSError(err, os.strerror(err))
            sock.settimeout(POLL)
            return sock
        except DownloadCancelled:
            sock.close()
            raise
        except OSError as e:
            sock.close()
            last = e
    raise last


def _open(url: str, waiting: _Waiting) -> tuple[http.client.HTTPResponse, socket.socket]:
    """GET `url` (following redirects); the response with its headers read."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise OSError(f"{url}: not an http(s) address")
        tls = parts.scheme == "https"
        sock = _connect(parts.hostname, parts.port or (443 if tls else 80), waiting)
        try:
            if tls:
                sock = ssl.create_default_context().wrap_socket(
                    sock, server_hostname=parts.hostname, do_handshake_on_connect=False)
                while True:
                    waiting.check()
                    try:
                        sock.do_handshake()
                        break
                    except (TimeoutError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
                        continue
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            request = (f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                       "User-Agent: GradLab\r\nAccept-Encoding: identity\r\n"
                       "Connection: close\r\n\r\n").encode("ascii")
            sock.settimeout(waiting.timeout)  # a few hundred bytes: the send buffer takes them
            sock.sendall(request)
            sock.settimeout(POLL)
            response = http.client.HTTPResponse(_SocketShim(_CancellableReader(sock, waiting)),
                                                method="GET", url=url)
            response.begin()
        except BaseException:
            sock.close()
            raise
        location = response.getheader("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            sock.close()
            url = urllib.parse.urljoin(url, location)
            continue
        if response.status != 200:
            sock.close()
            raise OSError(f"HTTP {response.status} {response.reason}")
        return response, sock
    raise OSError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _fetch(url: str, dest: Path, md5: str | None, progress: Progress | None,
           cancel: Cancel, done_before: int, total: int, timeout: float,
           limit: int | None) -> int:
    """Download one URL to `dest` atomically; returns the bytes written.

    The bytes stream into a hidden `.part` file beside `dest`; raising inside the block
    (cancel, a network error, a size over `limit`, a wrong MD5) removes it, so only a
    checked file is renamed.
    """
    waiting = _Waiting(dest.name, cancel, timeout)
    digest = hashlib.md5()
    n = 0
    response, sock = _open(url, waiting)
    try:
        length = response.getheader("Content-Length")
        if limit is not None and length is not None and length.strip().isdigit() \
                and int(length) > limit:
            raise MnistError(f"{dest.name}: Content-Length {int(length):,} bytes is more than "
                             f"the file can be ({limit:,} bytes); refused")
        with atomic_write(dest, "wb", suffix=".part") as out:
            while True:
                waiting.check()
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                if limit is not None and n + len(chunk) > limit:
                    raise MnistError(f"{dest.name}: the server sent more than the file can be "
                                     f"({limit:,} bytes); stopped")
                out.write(chunk)
                digest.update(chunk)
                n += len(chunk)
                if progress is not None:
                    progress(done_before + n, total)
            got = digest.hexdigest()
            if md5 is not None and got != md5:
                raise MnistError(f"{url}: checksum mismatch (MD5 {got}, expected {md5})")
    finally:
        sock.close()
    return n


def download(folder: str | os.PathLike | None = None, *,
             mirrors: Sequence[str] = MIRRORS,
             progress: Progress | None = None,
             cancel: Callable[[], bool] = lambda: False,
             md5: Mapping[str, str] | None = None,
             sizes: Mapping[str, int] | None = None,
             timeout: float = 30.0) -> Path:
    """Download the four `.gz` files into `folder` (default: the app's data folder).

    Files already present with the right MD5 are kept. `progress(done, total)` is called
    after every chunk with bytes over all four files (`total` from `sizes`, by default
    the real files' known sizes; 0 when unknown). `cancel()` is polled at least every
    `POLL` seconds, whatever the server does; when it returns True the partial file is
    removed and `DownloadCancelled` is raised. `timeout` is how long a silent server is
    waited for. No file may exceed its size in `LIMITS`. `md5` maps a file stem to
    the expected MD5 of its .gz (default: the known ones). Raises MnistError when every
    mirror failed for a file, naming the file and each mirror's error.
    """
    dest_dir = Path(folder).expanduser() if folder is not None else app_data_folder()
    dest_dir.mkdir(parents=True, exist_ok=True)
    expected = {s.stem: s.md5_gz for s in FILES} if md5 is None else dict(md5)
    # The known sizes describe the real files only; other files report total 0 (unknown).
    sizes = dict(sizes if sizes is not None else KNOWN_SIZES if md5 is None else {})
    total = sum(sizes.get(s.stem, 0) for s in FILES) if all(s.stem in sizes for s in FILES) else 0
    done = 0
    for spec in FILES:
        name = spec.stem + ".gz"
        dest = dest_dir / name
        want = expected.get(spec.stem)
        if dest.is_file() and want is not None and _md5(dest) == want:
            done += dest.stat().st_size
            if progress is not None:
                progress(done, total)
            continue
        errors = []
        for mirror in mirrors:
            try:
                done += _fetch(mirror.rstrip("/") + "/" + name, dest, want, progress, cancel,
                               done, total, timeout, LIMITS.get(spec.stem))
                break
            except (OSError, http.client.HTTPException, MnistError) as e:
                if cancel():  # a read cut short by the cancel is a cancel, not an error
                    raise DownloadCancelled(f"download of {name} cancelled") from e
                errors.append(f"{mirror}: {e}")
        else:
            raise MnistError(f"{dest}: download failed from every mirror ({'; '.join(errors)})")
    return dest_dir


def _md5(path: Path) -> str:
    h = hashlib.md5()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

