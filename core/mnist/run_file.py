"""Saving and loading an MNIST run: weights, optimizer state, config and metric history.

The file is `torch.save` of tensors and plain containers only (dicts, lists, numbers,
strings, None), so `torch.load(path, weights_only=True)` reads it without unpickling
any code:

    {"format": "gradlab-mnist-run", "version": 1,
     "config": TrainConfig.to_dict(), "history": History.to_dict(),
     "step": int, "epoch": int, "epoch_step": int, "steps_per_epoch": int,
     "state": {"model": {"0.weight": tensor, ...}, "optimizer": optimizer.state_dict(),
               "scheduler": dict | None, "epoch_seconds": float, ...},
     "evaluation": {"kind": str, ..., "confusion": tensor, ...} | None,
     "trajectory": {"steps": [0, ...], "origin": {"0.weight": float32 tensor, ...},
                    "deltas": {"0.weight": float16 tensor (len(steps), *shape), ...}}}

"trajectory" (optional; older files without it still load) is the path of the weights
for the loss landscape (`gradlab.core.mnist.trajectory`); its final point is "model".

"model" is keyed like `nn.Sequential(Linear, f, Linear, f, Linear).state_dict()`.
"weights_sha256" (since this version; older files without it still load) is the SHA-256
of the model's tensors (`weights_checksum`), so flipped bytes are found, not trained on.

A run file may come from anyone. `load_run` accepts it only when every part agrees with
its own config: each config field valid (`config.validate`), each weight and bias of the
shape the config's layer sizes give (784, *hidden, 10), of its dtype, finite and within
±MAX_WEIGHT, the optimizer's state shaped like the weights, the counters whole numbers.
Otherwise one line names the part, in GradLab's words (never torch's).
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
from dataclasses import fields
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import torch

from gradlab.core.atomic_file import atomic_write
from gradlab.core.bounded_read import open_regular
from gradlab.core.mnist.frames import Checkpoint, Evaluation, History, TrainConfig
from gradlab.core.mnist.trajectory import MAX_SNAPSHOTS, Trajectory

FORMAT, VERSION = "gradlab-mnist-run", 1
INPUTS, CLASSES = 784, 10
MAX_WEIGHT = 1e6  # no trained MNIST net comes near: |w| stays below ~10
_MAX_MESSAGE = 199


class RunFileError(ValueError):
    """A file that is not an acceptable run; one line naming the file and the part."""

    def __init__(self, path: str | os.PathLike, problem: str) -> None:
        text = " ".join(f"{path}: {problem}".split())
        super().__init__(text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…")


def weights_checksum(model: Mapping[str, torch.Tensor]) -> str:
    """SHA-256 over the model's tensors in key order: each key, dtype, shape and bytes."""
    h = hashlib.sha256()
    for key in sorted(model):
        t = model[key].detach().to("cpu").contiguous()
        h.update(f"{key}|{t.dtype}|{tuple(t.shape)}|".encode())
        h.update(t.reshape(-1).view(torch.uint8).numpy().tobytes())
    return h.hexdigest()


def save_run(path: str | os.PathLike, checkpoint: Checkpoint) -> Path:
    """Write `checkpoint` (a final frame's) to `path` atomically (see `atomic_file`), so
    a crash never leaves half a file."""
    path = Path(path)
    state = dict(checkpoint.state)
    blob: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "config": checkpoint.config.to_dict(),
        "history": checkpoint.history.to_dict(),
        "step": int(checkpoint.step),
        "epoch": int(checkpoint.epoch),
        "epoch_step": int(checkpoint.epoch_step),
        "steps_per_epoch": int(checkpoint.steps_per_epoch),
        "state": state,
        "evaluation": _evaluation_to_blob(checkpoint.evaluation),
    }
    if checkpoint.trajectory is not None:
        blob["trajectory"] = checkpoint.trajectory.to_blob()
    if isinstance(state.get("model"), Mapping):
        blob["weights_sha256"] = weights_checksum(state["model"])
    with atomic_write(path, "wb") as f:
        torch.save(blob, f)
    return path


def load_run(path: str | os.PathLike) -> Checkpoint:
    """Read a file of `save_run` (weights_only=True) and check it against its own config;
    ValueError (a `RunFileError`, one line naming the part) when it is not acceptable."""
    blob = _read(path)
    if not isinstance(blob, dict) or blob.get("format") != FORMAT:
        raise RunFileError(path, f"not a GradLab run (no {FORMAT!r} marker)")
    version = blob.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise RunFileError(path, f"version: must be a whole number, got {_show(version)}")
    if version > VERSION:
        raise RunFileError(path, f"saved by a newer GradLab (version {version})")
    config = _config(path, blob.get("config"))
    step, epoch, epoch_step = (_count(path, blob, k) for k in ("step", "epoch", "epoch_step"))
    steps_per_epoch = _count(path, blob, "steps_per_epoch", default=0)
    state = blob.get("state")
    if not isinstance(state, dict):
        raise RunFileError(path, "state: missing or not a mapping")
    _check_model(path, blob, state, config)
    _check_optimizer(path, state, config)
    for key in ("epoch_seconds", "epoch_loss_sum", "epoch_samples"):
        value = state.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RunFileError(path, f"state.{key}: must be a number, got {_show(value)}")
        # The loss sum of a diverged epoch may be inf or NaN; time and samples may not.
        if key != "epoch_loss_sum" and not (math.isfinite(value) and value >= 0):
            raise RunFileError(path, f"state.{key}: must be a finite number >= 0, got {_show(value)}")
    try:
        history = History.from_dict(_mapping(path, blob.get("history"), "history"))
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        raise RunFileError(path, f"history: damaged ({type(e).__name__})") from None
    try:
        evaluation = _evaluation_from_blob(blob.get("evaluation"))
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        raise RunFileError(path, f"evaluation: damaged ({type(e).__name__})") from None
    trajectory = _trajectory(path, blob.get("trajectory"), config, state["model"], step)
    return Checkpoint(config=config, step=step, epoch=epoch, epoch_step=epoch_step,
                      history=history, state=state, steps_per_epoch=steps_per_epoch,
                      evaluation=evaluation, trajectory=trajectory)


# -- the checks ------------------------------------------------------------------------


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _looks_like_torch(path: str | os.PathLike) -> bool:
    """Whether the file starts as torch.save writes: a zip archive ("PK\\x03\\x04"), or an
    old-style pickle (protocol 2+: byte 0x80 then the protocol number)."""
    try:
        with open_regular(path) as f:
            head = f.read(4)
    except (OSError, ValueError):
        return False
    return head.startswith(b"PK\x03\x04") or (len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5)


def _read(path: str | os.PathLike) -> Any:
    """torch.load with weights_only=True, of a regular file; GradLab's own words for
    every refusal (torch's advice to turn weights_only off is never relayed)."""
    try:
        with open_regular(path) as f:
            return torch.load(f, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise RunFileError(path, "no such file") from None
    except OSError as e:
        raise RunFileError(path, f"cannot be read ({e.strerror or type(e).__name__})") from None
    except pickle.UnpicklingError:
        if _looks_like_torch(path):  # the weights_only refusal: the file holds code or objects
            raise RunFileError(path, "not a GradLab run (it holds Python objects, which GradLab "
                                     "never loads)") from None
        # torch reads a file that is not a zip archive as an old-style pickle, and any
        # other bytes (a text file) fail as a pickle: nothing was refused, it is not torch's
        raise RunFileError(path, "not a GradLab run (not a torch file, or damaged)") from None
    except ValueError as e:
        if "regular file" in str(e):  # bounded_read.NotRegularFile: a pipe, a device, ...
            raise RunFileError(path, f"not a GradLab run ({e})") from None
        raise RunFileError(path, "not a GradLab run (not a torch file, or damaged)") from None
    except Exception:  # torch raises many kinds for a foreign or damaged file
        raise RunFileError(path, "not a GradLab run (not a torch file, or damaged)") from None


def _mapping(path: str | os.PathLike, value: Any, part: str) -> dict:
    if not isinstance(value, dict):
        raise RunFileError(path, f"{part}: missing or not a mapping")
    return value


def _config(path: str | os.PathLike, value: Any) -> TrainConfig:
    from gradlab.core.mnist.config import validate  # torch-side, as this module

    d = _mapping(path, value, "config")
    try:
        config = TrainConfig.from_dict(d)
    except (TypeError, ValueError, AttributeError) as e:
        raise RunFileError(path, f"config: damaged ({type(e).__name__}: {_show(str(e))})") from None
    device = config.device
    if not isinstance(device, str) or len(device) > 40:
        raise RunFileError(path, f"config: device must be a name like 'cpu', got {_show(device)}")
    try:
        # The device may be one this machine lacks (saved on a GPU): resuming chooses its
        # own, so every other field is checked and the device only by its type.
        validate(config.replace(device="cpu"))
    except (TypeError, ValueError, AttributeError, KeyError) as e:
        raise RunFileError(path, f"config: {e}") from None
    return config


def _count(path: str | os.PathLike, blob: dict, key: str, default: int | None = None) -> int:
    value = blob.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RunFileError(path, f"{key}: must be a whole number >= 0, got {_show(value)}")
    return value


def _expected_shapes(config: TrainConfig) -> dict[str, tuple[int, ...]]:
    sizes = (INPUTS, *config.hidden, CLASSES)
    out: dict[str, tuple[int, ...]] = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        out[f"{2 * i}.weight"] = (n_out, n_in)
        out[f"{2 * i}.bias"] = (n_out,)
    return out


def _check_model(path: str | os.PathLike, blob: dict, state: dict, config: TrainConfig) -> None:
    """Every weight and bias: present, no others, the config's shape and dtype, finite,
    within ±MAX_WEIGHT; and the checksum, when the file has one."""
    model = state.get("model")
    if not isinstance(model, dict):
        raise RunFileError(path, "the run has no saved weights (state.model is missing)")
    expected = _expected_shapes(config)
    for key, value in model.items():
        if key not in expected:
            raise RunFileError(path, f"weights: unexpected tensor {_show(key)} for hidden "
                                     f"{list(config.hidden)}")
        if not isinstance(value, torch.Tensor) or value.layout != torch.strided:
            raise RunFileError(path, f"weights {key}: not a dense tensor")
    missing = [k for k in expected if k not in model]
    if missing:
        raise RunFileError(path, f"weights {missing[0]}: missing (hidden {list(config.hidden)} "
                                 f"needs {len(expected) // 2} layers)")
    dtype = getattr(torch, config.dtype)
    for key, shape in expected.items():
        t = model[key]
        if tuple(t.shape) != shape:
            raise RunFileError(path, f"weights {key}: shape {tuple(t.shape)}, expected {shape} "
                                     f"for hidden {list(config.hidden)}")
        if t.dtype != dtype:
            raise RunFileError(path, f"weights {key}: dtype {str(t.dtype).removeprefix('torch.')}, "
                                     f"expected {config.dtype}")
    # After the shapes (which name the part), before the values: damaged bytes may still
    # be finite and small, and only the checksum can tell.
    stored = blob.get("weights_sha256")
    if stored is not None and stored != weights_checksum(model):
        raise RunFileError(path, "weights: checksum mismatch (the file is damaged)")
    for key in expected:
        t = model[key]
        if not bool(torch.isfinite(t).all()):
            raise RunFileError(path, f"weights {key}: not finite (NaN or inf)")
        if t.numel() and float(t.abs().max()) > MAX_WEIGHT:
            raise RunFileError(path, f"weights {key}: value {float(t.abs().max()):.3g} beyond "
                                     f"±{MAX_WEIGHT:g} (no trained network has it)")


def _check_optimizer(path: str | os.PathLike, state: dict, config: TrainConfig) -> None:
    """The optimizer's state dict: each per-parameter tensor shaped like its parameter
    (or a scalar, like Adam's step), finite; parameter indices in range."""
    opt = state.get("optimizer")
    if not isinstance(opt, dict) or not isinstance(opt.get("state"), dict) \
            or not isinstance(opt.get("param_groups"), list):
        raise RunFileError(path, "optimizer: missing or not an optimizer's state")
    shapes = list(_expected_shapes(config).values())  # the parameter order: W0, b0, W1, ...
    for index, slots in opt["state"].items():
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(shapes):
            raise RunFileError(path, f"optimizer: state for parameter {_show(index)}, which the "
                                     f"network does not have")
        if not isinstance(slots, dict):
            raise RunFileError(path, f"optimizer state[{index}]: not a mapping")
        for name, value in slots.items():
            if not isinstance(value, torch.Tensor):
                continue  # plain numbers (a step count)
            where = f"optimizer state[{index}].{_show(name)}"
            if value.dim() and tuple(value.shape) != shapes[index]:
                raise RunFileError(path, f"{where}: shape {tuple(value.shape)}, expected {shapes[index]}")
            if value.is_floating_point() and not bool(torch.isfinite(value).all()):
                raise RunFileError(path, f"{where}: not finite (NaN or inf)")


def _trajectory(path: str | os.PathLike, blob: Any, config: TrainConfig,
                model: Mapping[str, torch.Tensor], step: int) -> Trajectory | None:
    """The run's path (optional: None when the file has none): steps whole numbers,
    increasing from 0, none beyond the run's `step`, at most MAX_SNAPSHOTS; θ₀ float32 and
    the deltas float16 (len(steps), *shape) for every weight and bias, all finite."""
    if blob is None:
        return None
    blob = _mapping(path, blob, "trajectory")
    steps = blob.get("steps")
    if not isinstance(steps, list) or not 1 <= len(steps) <= MAX_SNAPSHOTS \
            or any(isinstance(s, bool) or not isinstance(s, int) for s in steps):
        raise RunFileError(path, f"trajectory.steps: must be 1 to {MAX_SNAPSHOTS} whole numbers")
    if steps[0] != 0 or any(b <= a for a, b in zip(steps, steps[1:])) or steps[-1] > step:
        raise RunFileError(path, f"trajectory.steps: must increase from 0 to at most the run's "
                                 f"{step} steps, got {_show(steps)}")
    expected = _expected_shapes(config)
    for part, dtype, lead in (("origin", torch.float32, ()), ("deltas", torch.float16, (len(steps),))):
        tensors = _mapping(path, blob.get(part), f"trajectory.{part}")
        if set(tensors) != set(expected):
            raise RunFileError(path, f"trajectory.{part}: tensors {_show(list(tensors))}, expected "
                                     f"{sorted(expected)}")
        for key, shape in expected.items():
            t = tensors[key]
            where = f"trajectory.{part} {key}"
            if not isinstance(t, torch.Tensor) or t.layout != torch.strided:
                raise RunFileError(path, f"{where}: not a dense tensor")
            if tuple(t.shape) != (*lead, *shape):
                raise RunFileError(path, f"{where}: shape {tuple(t.shape)}, expected {(*lead, *shape)}")
            if t.dtype != dtype:
                raise RunFileError(path, f"{where}: dtype {str(t.dtype).removeprefix('torch.')}, "
                                         f"expected {str(dtype).removeprefix('torch.')}")
            if not bool(torch.isfinite(t).all()):
                raise RunFileError(path, f"{where}: not finite (NaN or inf)")
    return Trajectory.from_blob(blob, final=model, final_step=step)


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
