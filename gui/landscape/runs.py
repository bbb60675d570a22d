"""The runs the Landscape tab can show: the MNIST tab's (through the window) and run files.

A `RunSource` is plain values: the config, the final weights (the run file's "model"
state dict), the trajectory kept during training (None for runs that kept none) and a
colour. The tab never imports the MNIST tab's package: it reads the window's
`mnist_runs()` dicts, and loads files with `core.mnist.run_file.load_run` in a worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from gradlab.core.mnist.frames import TORCH_PREFIX
from gradlab.gui.i18n import translate
from gradlab.gui.terms import optimizer_title

FROM_MNIST_TAB = "MNIST tab"
_NUMBERED = re.compile(r"^(\d+)\.\s*(\S+)")


@dataclass(frozen=True)
class RunSource:
    """One run as the Landscape tab shows it. `label` is unique in the tab's list and the
    same in every language (the core's words: the run's key; the list says it with
    `run_label.shown_label`); `short` names it on the map ("1. Adam"); `where` says where
    it came from."""

    label: str
    short: str
    colour: str
    config: Any
    weights: Mapping[str, Any]
    trajectory: Any = None
    finished: bool = True
    where: str = FROM_MNIST_TAB
    file: str = ""  # the run file it was loaded from ("" for the MNIST tab's)
    steps: int | None = None  # a loaded run's steps trained

    def final(self) -> dict[str, np.ndarray]:
        """θ_T as float32 numpy arrays (the state dict may hold torch tensors)."""
        return as_arrays(self.weights)

    def start(self) -> dict[str, np.ndarray] | None:
        """θ₀ from the trajectory, or None when the run kept none."""
        if self.trajectory is None:
            return None
        return {k: np.asarray(v, dtype=np.float32) for k, v in self.trajectory.origin.items()}


def as_arrays(state: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """A state dict's tensors as float32 numpy arrays (copies)."""
    out = {}
    for key, value in state.items():
        if hasattr(value, "detach"):  # a torch tensor: no torch import needed to read it
            value = value.detach().cpu().numpy()
        out[key] = np.array(value, dtype=np.float32)
    return out


def short_name(label: str, config: Any = None) -> str:
    """"1. Adam lr=0.001 · cross-entropy" -> "1. Adam" (with `config`, the optimizer's title
    in the language in use: "1. 动量法"); other labels up to their first space."""
    m = _NUMBERED.match(label)
    if m:
        optimizer = str(getattr(config, "optimizer", "") or "")
        if optimizer:
            try:
                return f"{m.group(1)}. {optimizer_title(optimizer.removeprefix(TORCH_PREFIX))}"
            except ValueError:  # not one of the core's optimizers: the label's own word
                pass
        return f"{m.group(1)}. {m.group(2)}"
    return label.split(" ")[0][:24]


def from_window(entry: Mapping[str, Any]) -> RunSource | None:
    """A `MainWindow.mnist_runs()` dict as a RunSource; None for a run still training
    (its weights move) or one without a config."""
    if entry.get("status") == "running" or entry.get("config") is None:
        return None
    label = str(entry["label"])
    return RunSource(label=label, short=short_name(label, entry["config"]), colour=str(entry.get("colour", "#ffffff")),
                     config=entry["config"], weights=entry["state_dict"],
                     trajectory=entry.get("trajectory"), finished=bool(entry.get("finished", True)))


def from_checkpoint(checkpoint: Any, path: str | Path, colour: str) -> RunSource:
    """A run loaded from a file (`load_run`'s Checkpoint)."""
    path = Path(path)
    steps = int(getattr(checkpoint, "step", 0))
    finished = int(getattr(checkpoint, "epoch", 0)) >= int(checkpoint.config.epochs)
    label = f"{path.name}: {checkpoint.config.label()}"
    return RunSource(label=label, short=path.stem[:24], colour=colour, config=checkpoint.config,
                     weights=checkpoint.state["model"],
                     trajectory=getattr(checkpoint, "trajectory", None), finished=finished,
                     where=f"{path} ({steps} steps)", file=str(path), steps=steps)


def where_text(run: RunSource) -> str:
    """Where `run` came from, in the language in use ("MNIST tab", "adam.pt (600 steps)")."""
    if run.file and run.steps is not None:
        return translate("LandscapeRuns", "{path} ({steps} steps)").format(path=run.file, steps=run.steps)
    if run.where == FROM_MNIST_TAB:
        return translate("LandscapeRuns", "MNIST tab")
    return run.where


def same_start(runs: list[RunSource]) -> bool:
    """True when every run kept a trajectory and they all start from the same θ₀."""
    starts = [r.trajectory.origin if r.trajectory is not None else None for r in runs]
    if any(s is None for s in starts):
        return False
    first = starts[0]
    return all(s.keys() == first.keys() and all(np.array_equal(s[k], first[k]) for k in first)
               for s in starts[1:])
