"""The numpy/torch dispatch layer: same numbers from both, torch's oracles in float64."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gradlab.core import backend as B

torch.set_num_threads(1)

RNG = np.random.default_rng(0)
Z = np.concatenate([RNG.normal(scale=5.0, size=(6, 5)),
                    [[1000.0, -1000.0, 0.0, 0.0, 0.0], [-1000.0] * 5, [1000.0] * 5]])


def test_importing_the_math_modules_imports_no_torch_or_qt():
    code = ("import sys, gradlab.core.backend, gradlab.core.activations, gradlab.core.losses; "
            "bad = [m for m in ('torch', 'PySide6', 'pyqtgraph') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_is_torch():
    assert B.is_torch(torch.zeros(1)) and B.is_torch(torch.nn.Parameter(torch.zeros(1)))
    assert not B.is_torch(np.zeros(1)) and not B.is_torch(1.0) and not B.is_torch([1.0])


@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_torch_at_extremes(keepdims):
    ref = torch.logsumexp(torch.tensor(Z), dim=1, keepdim=keepdims).numpy()
    np.testing.assert_allclose(B.logsumexp(Z, axis=1, keepdims=keepdims), ref, rtol=1e-14)
    np.testing.assert_allclose(B.logsumexp(torch.tensor(Z), axis=1, keepdims=keepdims).numpy(), ref, rtol=1e-14)


def test_softmax_and_log_softmax_match_torch():
    t = torch.tensor(Z)
    for z in (Z, t):
        p, logp = B.softmax(z, axis=1), B.log_softmax(z, axis=1)
        p, logp = (p.numpy(), logp.numpy()) if B.is_torch(p) else (p, logp)
        np.testing.assert_allclose(p, F.softmax(t, 1).numpy(), rtol=1e-13, atol=1e-300)
        np.testing.assert_allclose(logp, F.log_softmax(t, 1).numpy(), rtol=1e-13)
        np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-14)


def test_logsumexp_gradient_is_softmax():
    t = torch.tensor(Z, requires_grad=True)
    B.logsumexp(t, axis=1).sum().backward()
    np.testing.assert_allclose(t.grad.numpy(), F.softmax(t.detach(), 1).numpy(), rtol=1e-13, atol=1e-300)


def test_erf_matches_math_and_torch():
    x = np.array([-1000.0, -3.0, -0.5, 0.0, 1e-300, 0.7, 5.0])
    expected = [math.erf(v) for v in x]
    np.testing.assert_allclose(B.erf(x), expected, rtol=1e-15)
    np.testing.assert_allclose(B.erf(torch.tensor(x)).numpy(), expected, rtol=1e-14)
    assert B.erf(np.float64(0.5)) == pytest.approx(math.erf(0.5), rel=1e-15)


def test_elementwise_ops_agree_between_numpy_and_torch():
    x = np.array([-0.9, -1e-12, 0.0, 0.5, 3.0])
    t = torch.tensor(x)
    for op in (B.exp, B.log1p, B.expm1, B.tanh, B.abs, B.sign):
        np.testing.assert_allclose(op(t).numpy(), op(x), rtol=1e-15, err_msg=op.__name__)
    np.testing.assert_array_equal(B.maximum(t, 0.0).numpy(), B.maximum(x, 0.0))
    np.testing.assert_array_equal(B.minimum(t, t * 2).numpy(), B.minimum(x, x * 2))
    np.testing.assert_array_equal(B.clip(t, -1, 1).numpy(), B.clip(x, -1, 1))
    assert B.expm1(np.array([1e-20]))[0] == 1e-20  # where exp(x) - 1 would give 0


def test_where_with_two_numbers_on_a_tensor_condition():
    out = B.where(torch.tensor([True, False]), 1.0, 0.0)
    assert B.is_torch(out) and out.dtype == torch.get_default_dtype()
    assert out.tolist() == [1.0, 0.0]
    t32 = torch.tensor([1.0, -1.0], dtype=torch.float32)
    assert B.where(t32 > 0, t32, 0.0).dtype == torch.float32


def test_labels_helpers():
    z = RNG.normal(size=(3, 4))
    y = np.array([2, 0, 3])
    np.testing.assert_array_equal(B.take_labels(z, y), z[[0, 1, 2], [2, 0, 3]])
    np.testing.assert_array_equal(B.take_labels(torch.tensor(z), torch.tensor(y)).numpy(), z[[0, 1, 2], [2, 0, 3]])
    hot = B.one_hot(y, 4, like=z)
    assert hot.dtype == np.float64 and hot.sum() == 3 and hot[2, 3] == 1.0
    np.testing.assert_array_equal(B.one_hot(torch.tensor(y), 4, like=torch.tensor(z)).numpy(), hot)
    w = [0.5, 1.0, 2.0, 4.0]
    np.testing.assert_array_equal(B.gather_weights(w, y, like=z), [2.0, 0.5, 4.0])
    gt = B.gather_weights(w, torch.tensor(y), like=torch.tensor(z, dtype=torch.float32))
    assert gt.dtype == torch.float32 and gt.tolist() == [2.0, 0.5, 4.0]


def test_conversions():
    assert B.as_float_array([1, 2]).dtype == np.float64
    f32 = np.zeros(2, dtype=np.float32)
    assert B.as_float_array(f32) is f32
    assert B.as_float_array(torch.tensor([1, 2])).dtype == torch.get_default_dtype()
    t = torch.zeros(2, dtype=torch.float64)
    assert B.as_float_array(t) is t
    assert B.as_like([1, 2], t).dtype == torch.float64
    assert B.as_like(torch.tensor([1.0, 2.0]), f32).dtype == np.float32
    assert B.labels_like([1, 2], t).dtype == torch.int64
    assert B.labels_like(torch.tensor([1, 2]), f32).dtype == np.intp
    assert B.to_float(torch.tensor(2.5, requires_grad=True)) == 2.5 and B.to_float(np.float64(1.5)) == 1.5


def test_tiny_is_the_smallest_normal_number():
    assert B.tiny(np.zeros(1)) == np.finfo(np.float64).tiny
    assert B.tiny(np.zeros(1, dtype=np.float32)) == np.finfo(np.float32).tiny
    assert B.tiny(torch.zeros(1, dtype=torch.float32)) == torch.finfo(torch.float32).tiny


def test_reductions_agree():
    t = torch.tensor(Z)
    for op in (B.sum, B.mean):
        np.testing.assert_allclose(op(t, axis=1, keepdims=True).numpy(), op(Z, axis=1, keepdims=True), rtol=1e-14)
        assert float(op(t)) == pytest.approx(float(op(Z)), rel=1e-14)
    np.testing.assert_array_equal(B.amax(t, 1).numpy(), B.amax(Z, 1))
    assert B.zeros_like(np.array([1, 2])).dtype == np.float64
    assert B.ones_like(t).dtype == torch.float64
