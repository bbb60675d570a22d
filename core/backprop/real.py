"""The MNIST network's weights, and test digits, for the backpropagation tab.

Three sources of parameters `[(W, b), ...]` (float64 numpy, W (n_l, n_(l−1))):
- `fresh_params(seed)`: the untrained network every MNIST-tab run with that seed starts
  from (`gradlab.core.mlp.init_params(sizes, seed)`, as `gradlab.core.mnist.train` calls
  it; in float32 like the tab's default runs, then widened to float64 exactly);
- `params_from_run_file(path)`: a run the MNIST tab saved (`run_file.save_run`);
- `params_from_state_dict(sd)`: a live run's `state_dict` (keys "0.weight", "0.bias",
  "2.weight", ... of `nn.Sequential(Linear, f, Linear, f, Linear)`).

torch is imported only inside the functions that read torch files, so importing this
module stays cheap for the window.
"""

from __future__ import annotations

import os
import pickle
import re
import threading
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from gradlab.core.backprop.drawing import MEAN, STD

SIZES = (784, 512, 256, 10)

Params = list[tuple[np.ndarray, np.ndarray]]


def fresh_params(seed: int = 0) -> Params:
    """The initial weights of the MNIST tab's runs with this seed, as float64 arrays.

    `gradlab.core.mnist.train` calls `init_params(sizes, config.seed, float32)` for the
    default float32 runs: the same call here, then a lossless cast to float64.
    """
    from gradlab.core.mlp import init_params

    return [(W.astype(np.float64), b.astype(np.float64)) for W, b in init_params(SIZES, seed, np.float32)]


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _one_line(error: object, limit: int = 160) -> str:
    """The first non-empty line of an error message, without terminal colour codes and at
    most `limit` characters (torch's refusals run over many lines, in bold)."""
    text = _ANSI.sub("", str(error))
    line = next((part.strip() for part in text.splitlines() if part.strip()), "unknown error")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _as_array(value: Any, key: str) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor, possibly on an accelerator
        value = value.detach().to("cpu").double().numpy()
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"state dict: {key!r} is not an array of numbers") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"state dict: {key!r} holds NaN or infinite values")
    return arr


def params_from_state_dict(state_dict: Mapping[str, Any]) -> Params:
    """float64 numpy `[(W_1, b_1), ...]` from a state dict keyed "0.weight", "0.bias",
    "2.weight", ... (`gradlab.core.mnist.model.state_dict`); tensors or arrays.

    ValueError (one line) when keys are missing or the shapes do not chain.
    """
    if not isinstance(state_dict, Mapping):
        raise ValueError(f"state dict must be a mapping, got {type(state_dict).__name__}")
    n = len([k for k in state_dict if str(k).endswith(".weight")])
    if n == 0:
        raise ValueError("state dict has no layer weights ('0.weight', ...)")
    params: Params = []
    for i in range(n):
        wkey, bkey = f"{2 * i}.weight", f"{2 * i}.bias"
        if wkey not in state_dict or bkey not in state_dict:
            raise ValueError(f"state dict lacks {wkey!r} or {bkey!r}")
        W, b = _as_array(state_dict[wkey], wkey), _as_array(state_dict[bkey], bkey)
        if W.ndim != 2 or b.shape != (W.shape[0],):
            raise ValueError(f"state dict: layer {i + 1} has W {W.shape} and b {b.shape}")
        if params and W.shape[1] != params[-1][0].shape[0]:
            raise ValueError(f"state dict: layer {i + 1} takes {W.shape[1]} inputs, "
                             f"layer {i} gives {params[-1][0].shape[0]}")
        params.append((W, b))
    return params


def params_from_run_file(path: str | os.PathLike) -> tuple[Params, dict[str, Any]]:
    """(params, info) of a run saved by the MNIST tab.

    info: "activation", "activation_params", "loss", "loss_params" (as in its config:
    weighted cross-entropy's "inverse_frequency" stays that string), "label" (the run's
    legend text), "sizes", "seed", "step", "epoch", "optimizer", "hyper", "path", "config"
    (the `TrainConfig` itself: the GUI says its label in the language in use).
    ValueError with one line for a missing, foreign or damaged file.
    """
    from gradlab.core.mnist.run_file import load_run

    try:
        checkpoint = load_run(path)
    except ValueError as e:
        cause = e.__cause__
        if isinstance(cause, FileNotFoundError):
            message = f"{path}: no such file"
        elif isinstance(cause, pickle.UnpicklingError):  # torch's weights_only refusal
            message = f"{path}: not a GradLab run (it holds Python objects, which are never loaded)"
        elif cause is not None:
            message = f"{path}: not a GradLab run ({type(cause).__name__}: {_one_line(cause)})"
        else:
            message = _one_line(e)
        raise ValueError(message) from e
    except Exception as e:  # a file that unpacks to something else than the format says
        raise ValueError(f"{path}: not a GradLab run ({type(e).__name__}: {_one_line(e)})") from e
    state = checkpoint.state
    if not isinstance(state, Mapping) or "model" not in state:
        raise ValueError(f"{path}: the run has no saved weights")
    try:
        params = params_from_state_dict(state["model"])
    except ValueError as e:
        raise ValueError(f"{path}: {_one_line(e)}") from e
    config = checkpoint.config
    sizes = (params[0][0].shape[1], *(W.shape[0] for W, _ in params))
    info = {
        "activation": config.activation,
        "activation_params": dict(config.activation_params),
        "loss": config.loss,
        "loss_params": dict(config.loss_params),
        "label": config.label(),
        "sizes": sizes,
        "seed": config.seed,
        "step": int(checkpoint.step),
        "epoch": int(checkpoint.epoch),
        "optimizer": config.optimizer,
        "hyper": dict(config.hyper),
        "path": str(Path(path)),
        "config": config,
    }
    return params, info


_loaded: dict[str, Any] = {}  # the last folder test_digit read: one MNIST load, many digits
_lock = threading.Lock()  # the tab may ask from a worker thread


def _test_set(source: Any) -> tuple[np.ndarray, np.ndarray]:
    from gradlab.core.mnist.data import MnistData, load

    if isinstance(source, MnistData):
        return source.test_images, source.test_labels
    key = str(Path(source).expanduser().resolve())
    with _lock:
        if _loaded.get("key") != key:
            data = load(source)  # MnistError (a ValueError) names a missing or bad file
            _loaded.clear()
            _loaded.update(key=key, images=data.test_images, labels=data.test_labels)
        return _loaded["images"], _loaded["labels"]


def test_digit(source: Any, index: int) -> tuple[np.ndarray, int, np.ndarray]:
    """(x (1, 784) float64, label, raw (28, 28) uint8) of MNIST test digit `index`.

    `source`: a folder holding the four MNIST files, or a loaded `MnistData`.
    x = (pixel / 255 − 0.1307) / 0.3081, what the MNIST tab's network was trained on.
    """
    images, labels = _test_set(source)
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < len(labels):
        raise ValueError(f"test digit index must be an integer from 0 to {len(labels) - 1}, got {index!r}")
    raw = np.array(images[int(index)], dtype=np.uint8)
    x = ((raw.astype(np.float64) / 255.0 - MEAN) / STD).reshape(1, -1)
    return x, int(labels[int(index)]), raw


test_digit.__test__ = False  # not a pytest test, though its name starts with "test"
