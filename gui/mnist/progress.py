"""The progress bar over the plots: run, epoch, step, samples/s and time left.

It shows what `TrainFrame.progress` carries (the trainer measures throughput and time
left on its own clock); this widget only formats it, as much as fits one line: a narrow
bar (presenter mode's font on a projector) drops the device, the run's number, the speed
and the time left, in that order, before it elides.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.mnist.runs import RunStatus


def clock(seconds: float) -> str:
    """0:42, 12:05 or 1:02:03."""
    s = max(0, int(round(seconds)))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# When the bar is too narrow for the whole text (presenter mode's font on a projector),
# parts go in this order: the device, the run's number, the speed, the time left; what
# is left is elided at the end. Rank 0 parts (epoch, step, status) stay.
DEVICE, RUN, SPEED, TIME_LEFT = 4, 3, 2, 1
# What the bar says before any run: true in each state Start can be in (an empty queue
# trains the settings shown; without data Start is off).
IDLE_TEXT = QT_TRANSLATE_NOOP("MnistProgress", "Press Start to train these settings, or queue several first.")
LOADING_TEXT = QT_TRANSLATE_NOOP("MnistProgress", "Waiting for the MNIST data to load…")
NO_DATA_TEXT = QT_TRANSLATE_NOOP("MnistProgress", "No MNIST data yet: see the data box.")


def describe_parts(run, position: int, count: int) -> list[tuple[str, int]]:
    """What the bar says about `run`: (text, drop rank) parts, joined by " · ". The speed
    and the time left only while it trains: a stopped or finished run has no time left."""
    p = run.progress
    head = (translate("MnistProgress", "Run {position}/{count}").format(position=position, count=count), RUN)
    if p is None:
        return [head, (translate("MnistProgress", "starting (loading PyTorch and the data)…"), 0)]
    parts = [head,
             (translate("MnistProgress", "epoch {epoch}/{epochs}").format(epoch=p.epoch, epochs=p.epochs), 0),
             (translate("MnistProgress", "step {step}/{total}").format(
                 step=f"{p.step:,}", total=f"{p.total_steps:,}"), 0)]
    if p.samples_per_second > 0 and run.status in (RunStatus.RUNNING, RunStatus.QUEUED):
        parts.append((translate("MnistProgress", "{rate} samples/s").format(
            rate=f"{p.samples_per_second:,.0f}"), SPEED))
        parts.append((translate("MnistProgress", "{time} left").format(time=clock(p.seconds_left)), TIME_LEFT))
    parts.append((p.device, DEVICE))
    return parts


class ProgressLine(QtWidgets.QProgressBar):
    """A progress bar whose text says where the current run stands, as much of it as fits."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("training_progress")
        self.setRange(0, 1000)
        self.setTextVisible(True)
        self.setMinimumHeight(24)
        self._parts: list[tuple[str, int]] = []
        self._shown: tuple | None = None  # what the parts say: ("idle", text) or ("run", run, position, count)
        self.idle(IDLE_TEXT)
        on_language_change(self, self._again)

    def idle(self, text: str = IDLE_TEXT) -> None:
        """No run to describe: `text` (a source text, shown translated)."""
        if self._shown == ("idle", text) and self._parts:
            return  # said already (the tab asks on every redraw)
        self._shown = ("idle", text)
        self.setValue(0)
        self._show([(translate("MnistProgress", text), 0)])

    def show_run(self, run, position: int, count: int) -> None:
        self._shown = ("run", run, position, count)
        p = run.progress
        self.setValue(int(1000 * p.fraction) if p is not None else 0)
        parts = describe_parts(run, position, count)
        if run.status not in (RunStatus.RUNNING, RunStatus.QUEUED):
            parts.append((run.status_text(), 0))
        self._show(parts)

    def _again(self) -> None:
        """The language changed: say the same again in it."""
        if self._shown is None:
            return
        if self._shown[0] == "idle":
            text = self._shown[1]
            self._shown = None  # not "said already": say it in the new language
            self.idle(text)
        else:
            self.show_run(*self._shown[1:])

    def idle_text(self) -> str | None:
        """The source text shown while no run is described, else None."""
        return self._shown[1] if self._shown is not None and self._shown[0] == "idle" else None

    def full_text(self) -> str:
        """Every part, whether or not it fits."""
        return " · ".join(text for text, _ in self._parts)

    def _show(self, parts: list[tuple[str, int]]) -> None:
        self._parts = parts
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - a font change (presenter mode)
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        """Show the text that fits one line of the bar: every part, or fewer (highest
        drop rank first), or the rest elided. (Our text never holds %p, %v or %m, the
        only placeholders Qt substitutes.)"""
        metrics = self.fontMetrics()
        room = max(0, self.contentsRect().width() - 12)
        parts = list(self._parts)
        text = " · ".join(t for t, _ in parts)
        while metrics.horizontalAdvance(text) > room and any(rank for _, rank in parts):
            worst = max(rank for _, rank in parts)
            parts = [(t, rank) for t, rank in parts if rank != worst]
            text = " · ".join(t for t, _ in parts)
        if metrics.horizontalAdvance(text) > room:
            text = metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, room)
        self.setFormat(text)
        # What was dropped or elided is still there to read, in the tooltip.
        whole = self.full_text()
        self.setToolTip(whole if text != whole else "")
