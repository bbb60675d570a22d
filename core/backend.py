"""One set of array operations for numpy arrays and torch tensors.

GradLab writes each formula once. The core's formulas call these functions, which
dispatch on the type of their first argument: a numpy array in gives a numpy array out,
a torch tensor in gives a torch tensor out (and autograd flows through it). torch is
never imported here: a tensor is recognised by its module name, so code that only
touches numpy never pays for importing torch.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

Array = Any  # np.ndarray or torch.Tensor


def is_torch(x: Array) -> bool:
    """True for a torch.Tensor (checked without importing torch)."""
    return type(x).__module__.startswith("torch")


def _torch():
    import torch  # only reached when a tensor is already in hand

    return torch


def asarray(x: Array) -> Array:
    """Tensors pass through; anything else becomes a float64 numpy array."""
    if is_torch(x):
        return x
    return np.asarray(x, dtype=np.float64) if not isinstance(x, np.ndarray) else x


def exp(x: Array) -> Array:
    return x.exp() if is_torch(x) else np.exp(x)


def log(x: Array) -> Array:
    return x.log() if is_torch(x) else np.log(x)


def log1p(x: Array) -> Array:
    return x.log1p() if is_torch(x) else np.log1p(x)


def expm1(x: Array) -> Array:
    """e^x - 1, exact near 0 where exp(x) - 1 would cancel."""
    return x.expm1() if is_torch(x) else np.expm1(x)


def tanh(x: Array) -> Array:
    return x.tanh() if is_torch(x) else np.tanh(x)


def sqrt(x: Array) -> Array:
    return x.sqrt() if is_torch(x) else np.sqrt(x)


def abs(x: Array) -> Array:  # noqa: A001 - mirrors numpy's name
    return x.abs() if is_torch(x) else np.abs(x)


def sign(x: Array) -> Array:
    return x.sign() if is_torch(x) else np.sign(x)


def erf(x: Array) -> Array:
    """The error function; numpy has none, so math.erf element by element (float arrays
    keep their dtype)."""
    if is_torch(x):
        return _torch().special.erf(x)
    if not np.ndim(x):
        return np.float64(math.erf(x))
    out = np.vectorize(math.erf, otypes=[np.float64])(x)
    return out.astype(x.dtype, copy=False) if getattr(x, "dtype", None) is not None and x.dtype.kind == "f" else out


def where(cond: Array, a: Array, b: Array) -> Array:
    """Elementwise choice; `a` or `b` may be Python numbers."""
    if is_torch(cond):
        torch = _torch()
        like = a if is_torch(a) else b if is_torch(b) else None
        # Two plain numbers: the result lives on cond's device in torch's default dtype.
        kw = {"dtype": like.dtype, "device": like.device} if like is not None else {"device": cond.device}
        a = a if is_torch(a) else torch.as_tensor(a, **kw)
        b = b if is_torch(b) else torch.as_tensor(b, **kw)
        return torch.where(cond, a, b)
    return np.where(cond, a, b)


def maximum(x: Array, y: float | Array) -> Array:
    if is_torch(x):
        return x.clamp(min=y) if isinstance(y, (int, float)) else _torch().maximum(x, y)
    return np.maximum(x, y)


def minimum(x: Array, y: float | Array) -> Array:
    if is_torch(x):
        return x.clamp(max=y) if isinstance(y, (int, float)) else _torch().minimum(x, y)
    return np.minimum(x, y)


def clip(x: Array, lo: float, hi: float) -> Array:
    return x.clamp(lo, hi) if is_torch(x) else np.clip(x, lo, hi)


def zeros_like(x: Array) -> Array:
    if is_torch(x):
        return _torch().zeros_like(x)
    x = np.asarray(x)
    return np.zeros_like(x, dtype=np.float64 if x.dtype.kind in "iub" else x.dtype)


def ones_like(x: Array) -> Array:
    return _torch().ones_like(x) if is_torch(x) else np.ones_like(x)


def sum(x: Array, axis: int | None = None, keepdims: bool = False) -> Array:  # noqa: A001
    if is_torch(x):
        return x.sum() if axis is None else x.sum(dim=axis, keepdim=keepdims)
    return np.sum(x, axis=axis, keepdims=keepdims)


def mean(x: Array, axis: int | None = None, keepdims: bool = False) -> Array:
    if is_torch(x):
        return x.mean() if axis is None else x.mean(dim=axis, keepdim=keepdims)
    return np.mean(x, axis=axis, keepdims=keepdims)


def amax(x: Array, axis: int, keepdims: bool = False) -> Array:
    if is_torch(x):
        return x.amax(dim=axis, keepdim=keepdims)
    return np.max(x, axis=axis, keepdims=keepdims)


def _row_max(z: Array, axis: int) -> Array:
    """max_j z_j as a constant shift (detached: the result never depends on it; 0 where
    the max is not finite, so that -inf rows do not turn into nan)."""
    m = amax(z, axis, keepdims=True)
    return where(isfinite(m), m, 0.0) if not is_torch(m) else m.detach().nan_to_num(0.0, 0.0, 0.0)


def logsumexp(z: Array, axis: int = -1, keepdims: bool = False) -> Array:
    """log sum_j exp(z_j), stable: m + log sum_j exp(z_j - m) with m = max_j z_j."""
    m = _row_max(z, axis)
    out = m + log(sum(exp(z - m), axis=axis, keepdims=True))
    if not keepdims:
        out = out.squeeze(axis) if is_torch(out) else np.squeeze(out, axis=axis)
    return out


def log_softmax(z: Array, axis: int = -1) -> Array:
    """log softmax(z)_k = z_k - logsumexp(z)."""
    return z - logsumexp(z, axis=axis, keepdims=True)


def softmax(z: Array, axis: int = -1) -> Array:
    """softmax(z)_k = exp(z_k - max z) / sum_j exp(z_j - max z).

    (Not exp(log_softmax): at logits of 1000 the subtraction z - logsumexp(z) keeps only
    ~13 digits; this form keeps every digit.)"""
    e = exp(z - _row_max(z, axis))
    return e / sum(e, axis=axis, keepdims=True)


def isfinite(x: Array) -> Array:
    return _torch().isfinite(x) if is_torch(x) else np.isfinite(x)


def take_labels(z: Array, labels: Array) -> Array:
    """z[i, labels[i]] for each row i: the entry of the true class."""
    if is_torch(z):
        return z.gather(1, labels.long().view(-1, 1)).squeeze(1)
    return z[np.arange(z.shape[0]), np.asarray(labels, dtype=np.intp)]


def one_hot(labels: Array, num_classes: int, like: Array) -> Array:
    """Rows of the identity: one_hot[i, k] = 1 if labels[i] == k, with `like`'s dtype/device."""
    if is_torch(like):
        torch = _torch()
        return torch.nn.functional.one_hot(labels.long(), num_classes).to(like.dtype)
    out = np.zeros((len(labels), num_classes), dtype=np.asarray(like).dtype)
    out[np.arange(len(labels)), np.asarray(labels, dtype=np.intp)] = 1.0
    return out


def gather_weights(weights: Array, labels: Array, like: Array) -> Array:
    """weights[labels[i]] for each i, as `like`'s kind of array."""
    if is_torch(like):
        torch = _torch()
        w = torch.as_tensor(weights, dtype=like.dtype, device=like.device)
        return w[labels.long()]
    return np.asarray(weights, dtype=np.asarray(like).dtype)[np.asarray(labels, dtype=np.intp)]


def as_float_array(x: Array) -> Array:
    """x as a floating array of its own kind: float tensors and arrays pass through
    unchanged (dtype and device kept); integers, bools and Python numbers become float64
    numpy arrays (float tensors of torch's default dtype for integer tensors)."""
    if is_torch(x):
        return x if x.is_floating_point() else x.to(_torch().get_default_dtype())
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def as_like(x: Array, like: Array) -> Array:
    """x as the same kind of float array as `like` (dtype and device for tensors)."""
    if is_torch(like):
        torch = _torch()
        return torch.as_tensor(x, dtype=like.dtype, device=like.device)
    if is_torch(x):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=np.asarray(like).dtype)


def labels_like(labels: Array, like: Array) -> Array:
    """Integer class labels as `like`'s kind of array (int64 tensor on its device, or intp)."""
    if is_torch(like):
        torch = _torch()
        return torch.as_tensor(labels, device=like.device).long()
    if is_torch(labels):
        labels = labels.detach().cpu().numpy()
    return np.asarray(labels).astype(np.intp)


def tiny(x: Array) -> float:
    """The smallest positive normal number of x's float dtype (1/tiny is still finite)."""
    if is_torch(x):
        return float(_torch().finfo(x.dtype).tiny)
    return float(np.finfo(np.asarray(x).dtype).tiny)


def to_float(x: Array) -> float:
    """A scalar array or tensor as a Python float."""
    return float(x.detach().item()) if is_torch(x) else float(x)
