"""Surfaces from typed formulas: exact gradients, and a whitelist that refuses everything else
before any code could run."""

from __future__ import annotations

import builtins
import math
import os
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradlab.core import surfaces
from gradlab.core.surfaces import expression

RNG = np.random.default_rng(7)


def central_differences(s, x, y, h=1e-6):
    return ((s.value(x + h, y) - s.value(x - h, y)) / (2 * h),
            (s.value(x, y + h) - s.value(x, y - h)) / (2 * h))


# formula, bounds, f, ∂f/∂x, ∂f/∂y (derived by hand)
CASES = [
    ("x**2 + 10*sin(y)", (-5, 5, -5, 5),
     lambda x, y: x**2 + 10 * np.sin(y), lambda x, y: 2 * x, lambda x, y: 10 * np.cos(y)),
    ("exp(-(x**2 + y**2)/2)", (-3, 3, -3, 3),
     lambda x, y: np.exp(-(x**2 + y**2) / 2),
     lambda x, y: -x * np.exp(-(x**2 + y**2) / 2), lambda x, y: -y * np.exp(-(x**2 + y**2) / 2)),
    ("sqrt(x**2 + y**2 + 1)", (-5, 5, -5, 5),
     lambda x, y: np.sqrt(x**2 + y**2 + 1),
     lambda x, y: x / np.sqrt(x**2 + y**2 + 1), lambda x, y: y / np.sqrt(x**2 + y**2 + 1)),
    ("log(1 + x**2) * tanh(y)", (-4, 4, -4, 4),
     lambda x, y: np.log(1 + x**2) * np.tanh(y),
     lambda x, y: 2 * x / (1 + x**2) * np.tanh(y), lambda x, y: np.log(1 + x**2) / np.cosh(y) ** 2),
    ("sigmoid(x*y) - atan(x) + arctan(y)/pi + e", (-3, 3, -3, 3),
     lambda x, y: 1 / (1 + np.exp(-x * y)) - np.arctan(x) + np.arctan(y) / np.pi + np.e,
     lambda x, y: y * np.exp(-x * y) / (1 + np.exp(-x * y)) ** 2 - 1 / (1 + x**2),
     lambda x, y: x * np.exp(-x * y) / (1 + np.exp(-x * y)) ** 2 + 1 / (np.pi * (1 + y**2))),
    ("abs(x) + cosh(y)/10 - sinh(x)/100 + cos(x)*tan(y/2)", (-4, 4, -2, 2),
     lambda x, y: np.abs(x) + np.cosh(y) / 10 - np.sinh(x) / 100 + np.cos(x) * np.tan(y / 2),
     lambda x, y: np.sign(x) - np.cosh(x) / 100 - np.sin(x) * np.tan(y / 2),
     lambda x, y: np.sinh(y) / 10 + np.cos(x) / (2 * np.cos(y / 2) ** 2)),
    ("x**y + 2**x - ln(y)", (0.5, 3, 0.5, 3),
     lambda x, y: x**y + 2**x - np.log(y),
     lambda x, y: y * x ** (y - 1) + np.log(2) * 2**x, lambda x, y: np.log(x) * x**y - 1 / y),
    ("(x - 1)/(y**2 + 1) - -x + +y", (-5, 5, -5, 5),
     lambda x, y: (x - 1) / (y**2 + 1) + x + y,
     lambda x, y: 1 / (y**2 + 1) + 1, lambda x, y: -2 * y * (x - 1) / (y**2 + 1) ** 2 + 1),
]


@pytest.mark.parametrize("text, bounds, f, fx, fy", CASES, ids=[c[0] for c in CASES])
def test_values_and_exact_gradients(text, bounds, f, fx, fy):
    s = surfaces.from_expression(text, bounds)
    xmin, xmax, ymin, ymax = bounds
    # Random points, away from abs's kink at x = 0 where the one-sided slopes differ.
    x = RNG.uniform(xmin, xmax, 200)
    x = np.where(np.abs(x) < 1e-3, 0.5, x)
    y = RNG.uniform(ymin, ymax, 200)
    np.testing.assert_allclose(s.value(x, y), f(x, y), rtol=1e-12, atol=1e-12)
    gx, gy = s.grad(x, y)
    np.testing.assert_allclose(gx, fx(x, y), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gy, fy(x, y), rtol=1e-10, atol=1e-12)
    dx, dy = central_differences(s, x, y)
    np.testing.assert_allclose(gx, dx, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gy, dy, rtol=1e-5, atol=1e-6)


def test_a_typed_rosenbrock_equals_the_built_in_one():
    built_in = surfaces.get("rosenbrock")
    typed = surfaces.from_expression("(1 - x)**2 + 100*(y - x**2)**2", built_in.bounds)
    xs, ys, z = built_in.grid(64)
    x, y = np.meshgrid(xs, ys)
    np.testing.assert_allclose(typed.value(x, y), z, rtol=1e-12)
    for a, b in zip(typed.grad(x, y), built_in.grad(x, y)):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)
    assert typed.log_scale  # its range is as wide as the built-in's
    assert typed.minima[0] == pytest.approx((1.0, 1.0), abs=0.1)  # a grid estimate


def test_constants_and_missing_variables_keep_the_input_shape():
    x = np.zeros((4, 5))
    constant = surfaces.from_expression("3")
    assert constant.value(x, x).shape == (4, 5) and np.all(constant.value(x, x) == 3)
    assert all(g.shape == (4, 5) and not g.any() for g in constant.grad(x, x))
    only_x = surfaces.from_expression("x**3")
    gx, gy = only_x.grad(x + 2, x)
    assert gx.shape == gy.shape == (4, 5) and np.all(gx == 12) and not gy.any()
    assert isinstance(only_x.value(2.0, 1.0), float)


def test_a_512_grid_in_one_call():
    s = surfaces.from_expression("x**2 + 10*sin(y)")
    x, y = np.meshgrid(np.linspace(-5, 5, 512), np.linspace(-5, 5, 512))
    t0 = time.perf_counter()
    z = s.value(x, y)
    gx, gy = s.grad(x, y)
    assert time.perf_counter() - t0 < 0.5
    assert z.shape == gx.shape == gy.shape == (512, 512)
    assert np.all(np.isfinite(z)) and np.all(np.isfinite(gx)) and np.all(np.isfinite(gy))


def test_minimum_estimate_start_and_scale():
    s = surfaces.from_expression("(x - 1)**2 + 2*(y + 2)**2")
    step = 10 / (expression.GRID - 1)
    assert len(s.minima) == 1 and s.minima[0] == pytest.approx((1.0, -2.0), abs=step)
    assert math.hypot(s.start[0] - 1, s.start[1] + 2) > 3  # a race from here has a way to go
    assert not s.log_scale
    assert "estimated" in s.description and "∂f/∂x" in s.description
    assert s.formula.startswith("f(x, y) = ")
    # Falling off the edge of the bounds: no interior minimum to show.
    assert surfaces.from_expression("x + y").minima == []


def test_nowhere_finite_is_refused():
    with pytest.raises(ValueError, match="not finite anywhere"):
        surfaces.from_expression("log(-1 - x**2)")
    with pytest.raises(ValueError, match="not finite anywhere"):
        surfaces.from_expression("sqrt(x - 10)")


@pytest.mark.parametrize("bounds", [(1, -1, 0, 1), (0, 1, 0, math.nan), (0, 1, 2), "abcd"])
def test_bad_bounds_are_refused(bounds):
    with pytest.raises(ValueError, match="bounds"):
        surfaces.from_expression("x + y", bounds)


def test_text_never_reaches_sympify(monkeypatch):
    # sympify(str) parses through parse_expr; the surface must be built without it.
    import sympy.parsing.sympy_parser as parser

    calls = []
    monkeypatch.setattr(parser, "parse_expr", lambda *a, **k: calls.append(a))
    s = surfaces.from_expression("x**2 + 10*sin(y)")
    assert s.value(1.0, 0.0) == 1.0 and calls == []


# --- hostile text: refused, with a message naming the offender, and nothing runs ------------

HOSTILE = [
    ("__import__('os').system('touch {pwned}')", "'.system'"),
    ("__import__('os')", "'__import__'"),
    ("os.system('touch {pwned}')", "'.system'"),
    ("os", "name 'os' is not allowed; use x, y, pi, e"),
    ("().__class__", "'.__class__'"),
    ("().__class__.__bases__[0].__subclasses__()", "attribute access"),
    ("lambda: 1", "lambda"),
    ("'a'*10**9", "strings are not allowed"),
    ("9**9**9", "exponent"),
    ("x**99999999", "99999999"),
    ("x**(10*11)", "exponent 110"),
    ("((999999*x)**100)**100", "nested powers multiply to an exponent of 10000"),
    ("x*(1e-6)**60", "too small"),
    ("1e999", "too large"),
    ("exp(1000)", "too large"),
    ("[x for x in ()]", "comprehensions"),
    ("x if y else 1", "conditional"),
    ("open('{pwned}', 'w')", "'open'"),
    ("exec('1')", "'exec'"),
    ("eval('1')", "'eval'"),
    ("compile('1', '', 'eval')", "'compile'"),
    ("x.real", "'.real'"),
    ("x[0]", "subscripts"),
    ('f"{{x}}"', "strings"),
    ('"abc"', "strings"),
    ("b'abc'", "only real numbers"),
    ("1j * x", "only real numbers"),
    ("True + x", "only real numbers"),
    ("", "empty"),
    ("   ", "empty"),
    ("x" * 100_000, "too long"),
    ("(" * 300 + "x" + ")" * 300, "nested"),
    ("-" * 60 + "x", "nested too deeply"),
    ("+".join(["x"] * 200), "too large"),
    ("x @ y", "'@'"),
    ("x // y", "'//'"),
    ("x % y", "'%'"),
    ("x ^ 2", "use ** for powers"),
    ("x < y", "comparisons"),
    ("x and y", "'and'/'or'"),
    ("(x, y)", "tuples"),
    ("sin(x, y)", "sin takes 1 argument, got 2"),
    ("sin(x=1)", "keyword arguments"),
    ("sin(*x)", "starred"),
    ("unknown(x)", "function 'unknown' is not allowed"),
    ("sin(x)(y)", "only function names"),
    ("x / 0", "division by zero"),
    ("x / (2 - 2)", "division by zero"),
    ("log(0)", "'log(0)' is not defined"),
    ("(x := 1)", ":="),
    ("x +", "not a valid formula"),
    ("x; import os", "not a valid formula"),
    ("x\0", "not a valid formula"),
]


class Recorder:
    """While active, the ways code could run or escape only take notes (and raise); imports
    are noted and allowed (the standard library imports lazily, e.g. ast.walk's deque).

    Plain setattr, not monkeypatch: monkeypatch itself imports while patching."""

    TARGETS = [(builtins, "eval"), (builtins, "exec"), (builtins, "open"), (os, "system"),
               (os, "popen")]
    # Refused text must not get as far as any of these, sympy included.
    DANGEROUS = {"os", "subprocess", "shutil", "socket", "ctypes", "importlib", "sympy"}

    def __init__(self):
        self.calls: list[str] = []
        self.imports: list[str] = []
        self._saved = [(owner, name, getattr(owner, name))
                       for owner, name in self.TARGETS + [(builtins, "__import__")]]

    def __enter__(self):
        for owner, name in self.TARGETS:
            setattr(owner, name, self._note(name))
        real_import = builtins.__import__

        def note_import(name, *args, **kwargs):
            self.imports.append(name)
            return real_import(name, *args, **kwargs)

        builtins.__import__ = note_import
        return self

    def __exit__(self, *exc):
        for owner, name, original in self._saved:
            setattr(owner, name, original)

    def dangerous_imports(self) -> set[str]:
        return {n for n in self.imports if n.split(".")[0] in self.DANGEROUS}

    def _note(self, name):
        def note(*args, **kwargs):
            self.calls.append(name)
            raise RuntimeError(f"{name} was called")

        return note


@pytest.mark.parametrize("text, message", HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_hostile_text_is_refused_and_runs_nothing(text, message, tmp_path):
    pwned = tmp_path / "pwned"
    text = text.format(pwned=pwned)
    error = None
    with Recorder() as recorder:
        try:
            expression.from_expression(text)
        except ValueError as err:
            error = str(err)
    assert error is not None, f"{text[:60]!r} was accepted"
    assert message in error
    assert recorder.calls == [] and recorder.dangerous_imports() == set()
    assert not pwned.exists()


def test_the_recorder_would_notice(tmp_path):
    with Recorder() as recorder:
        with pytest.raises(RuntimeError):
            os.system(f"touch {tmp_path / 'x'}")
        __import__("os.path")
    assert recorder.calls == ["system"] and not (tmp_path / "x").exists()
    assert recorder.dangerous_imports() == {"os.path"}


def test_refusals_say_where():
    with pytest.raises(ValueError, match=r"name 'os' is not allowed; use x, y, pi, e \(column 5\)"):
        surfaces.from_expression("x + os")


def test_a_parser_recursion_error_becomes_a_value_error(monkeypatch):
    def too_deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(expression.ast, "parse", too_deep)
    with pytest.raises(ValueError, match="nested too deeply"):
        expression.from_expression("x")


def test_sympy_failures_become_value_errors():
    # x − x is 0 symbolically, so sympy makes x/0 its complex infinity, which numpy can't
    # print: the message says so (it used to be "KeyError: 'ComplexInfinity'").
    with pytest.raises(ValueError, match="undefined everywhere") as info:
        surfaces.from_expression("x / (x - x)")
    assert "Error" not in str(info.value)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="xy+-*/() 0123456789.e,sinoqrtlgpab_'[]:", max_size=30))
def test_any_text_gives_a_surface_or_a_value_error(text):
    try:
        s = expression.from_expression(text)
    except ValueError:
        return
    assert np.isfinite(s.value(*s.start))  # the race has somewhere finite to begin


def formulas():
    """Random formulas in x and y with smooth functions: strings for from_expression."""
    leaves = st.sampled_from(["x", "y", "1", "2", "0.5", "pi"])

    def grow(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner)
            .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(["sin", "cos", "tanh", "sigmoid", "atan"]), inner)
            .map(lambda t: f"{t[0]}({t[1]})"),
            inner.map(lambda a: f"({a})**2"),
        )

    return st.recursive(leaves, grow, max_leaves=6)


@settings(max_examples=25, deadline=None)
@given(formulas())
def test_random_formulas_have_gradients_matching_finite_differences(text):
    s = expression.from_expression(text, (-2, 2, -2, 2))
    x = RNG.uniform(-2, 2, 20)
    y = RNG.uniform(-2, 2, 20)
    gx, gy = s.grad(x, y)
    dx, dy = central_differences(s, x, y)
    scale = 1 + np.abs(s.value(x, y))
    np.testing.assert_allclose(gx, dx, rtol=1e-5, atol=1e-6 * scale.max())
    np.testing.assert_allclose(gy, dy, rtol=1e-5, atol=1e-6 * scale.max())


def test_text_python_only_warns_about_is_rejected_without_a_warning():
    """ "1if x else 2" makes Python warn (invalid decimal literal), not fail: still no formula."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="not a valid formula"):
            surfaces.from_expression("1if x else 2")


# -- issue 18: an operator's error points at the operator ----------------------------------


@pytest.mark.parametrize("text,column", [
    ("x^2", 2), ("y + x^2", 6), ("x**2 + y^3", 9), ("(x)  ^  (y)", 6), ("sin(x)^2", 7),
    ("x % 2", 3), ("x//2", 2),
])
def test_a_forbidden_operator_names_its_own_column(text, column):
    with pytest.raises(ValueError) as exc:
        surfaces.from_expression(text)
    assert f"(column {column})" in str(exc.value)
    assert text[column - 1] in "^%/"
