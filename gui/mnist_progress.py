"""The progress bar over the plots: run, epoch, step, samples/s and time left.

It shows what `TrainFrame.progress` carries (the trainer measures throughput and time
left on its own clock); this widget only formats it.
"""

from __future__ import annotations

from PySide6 import QtWidgets


def clock(seconds: float) -> str:
    """0:42, 12:05 or 1:02:03."""
    s = max(0, int(round(seconds)))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def describe(run, position: int, count: int) -> str:
    p = run.progress
    head = f"Run {position}/{count}"
    if p is None:
        return f"{head} · starting (loading PyTorch and the data)…"
    parts = [head, f"epoch {p.epoch}/{p.epochs}", f"step {p.step:,}/{p.total_steps:,}"]
    if p.samples_per_second > 0:
        parts.append(f"{p.samples_per_second:,.0f} samples/s")
        parts.append(f"{clock(p.seconds_left)} left")
    parts.append(p.device)
    return " · ".join(parts)


class ProgressLine(QtWidgets.QProgressBar):
    """A progress bar whose text says where the current run stands."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("training_progress")
        self.setRange(0, 1000)
        self.setTextVisible(True)
        self.setMinimumHeight(24)
        self.idle("Choose settings, add them to the queue, and press Start.")

    def idle(self, text: str) -> None:
        self.setValue(0)
        self.setFormat(text)

    def show_run(self, run, position: int, count: int) -> None:
        p = run.progress
        self.setValue(int(1000 * p.fraction) if p is not None else 0)
        text = describe(run, position, count)
        if run.status not in ("running", "queued"):
            text += f" · {run.status_text()}"
        self.setFormat(text)  # no %p/%v/%m in it: Qt substitutes only those
