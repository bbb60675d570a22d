"""Saving and loading an MNIST run: weights, optimizer state, config and metric history.

The file is `torch.save` of tensors and plain containers only (dicts, lists, numbers,
strings, None), so `torch.load(path, weights_only=True)` reads it without unpickling
any code:

    {"format": "gradlab-mnist-run", "version": 1,
     "config": TrainConfig.to_dict(), "history": History.to_dict(),
     "step": int, "epoch": int, "epoch_step": int, "steps_per_epoch": int,
     "state": {"model": {"0.weight": tensor, ...}, "optimizer": optimizer.state_dict(),
               "scheduler": dict | None, "epoch_seconds": float, ...},
     "evaluation": {"kind": str, ..., "confusion": tensor, ...} | None}

"model" is keyed like `nn.Sequential(Linear, f, Linear, f, Linear).state_dict()`.
"""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import torch

from gradlab.core.atomic_file import atomic_write
from gradlab.core.mnist.frames import Checkpoint, Evaluation, History, TrainConfig

FORMAT, VERSION = "gradlab-mnist-run", 1


def save_run(path: str | os.PathLike, checkpoint: Checkpoint) -> Path:
    """Write `checkpoint` (a final frame's) to `path` atomically (see `atomic_file`), so
    a crash never leaves half a file."""
    path = Path(path)
    blob: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "config": checkpoint.config.to_dict(),
        "history": checkpoint.history.to_dict(),
        "step": int(checkpoint.step),
        "epoch": int(checkpoint.epoch),
        "epoch_step": int(checkpoint.epoch_step),
        "steps_per_epoch": int(checkpoint.steps_per_epoch),
        "state": dict(checkpoint.state),
        "evaluation": _evaluation_to_blob(checkpoint.evaluation),
    }
    with atomic_write(path, "wb") as f:
        torch.save(blob, f)
    return path


def load_run(path: str | os.PathLike) -> Checkpoint:
    """Read a file of `save_run` (weights_only=True); ValueError when it is not one."""
    try:
        blob = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # torch raises many kinds for a foreign or damaged file
        raise ValueError(f"{path}: not a GradLab run ({type(e).__name__}: {e})") from e
    if not isinstance(blob, dict) or blob.get("format") != FORMAT:
        raise ValueError(f"{path}: not a GradLab run (no {FORMAT!r} marker)")
    if blob.get("version", 0) > VERSION:
        raise ValueError(f"{path}: saved by a newer GradLab (version {blob['version']})")
    return Checkpoint(
        config=TrainConfig.from_dict(blob["config"]),
        step=blob["step"], epoch=blob["epoch"], epoch_step=blob["epoch_step"],
        history=History.from_dict(blob["history"]),
        state=blob["state"],
        steps_per_epoch=int(blob.get("steps_per_epoch", 0)),
        evaluation=_evaluation_from_blob(blob.get("evaluation")),
    )


def _evaluation_to_blob(ev: Evaluation | None) -> dict[str, Any] | None:
    """Arrays as tensors, the rest as plain values: what weights_only=True may read."""
    if ev is None:
        return None
    # torch.tensor copies: frame arrays may be read-only, which from_numpy warns about.
    return {f.name: torch.tensor(v) if isinstance(v, np.ndarray) else v
            for f in fields(ev) for v in [getattr(ev, f.name)]}


def _evaluation_from_blob(blob: dict[str, Any] | None) -> Evaluation | None:
    if blob is None:
        return None
    # Fields a version no longer has are skipped (files saved before grid_probabilities
    # was dropped still load).
    known = {f.name for f in fields(Evaluation)}
    return Evaluation(**{k: v.numpy() if isinstance(v, torch.Tensor) else v
                         for k, v in blob.items() if k in known})
