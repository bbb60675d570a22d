"""An optimizer rule, recorded once and compiled into one loop over the entries (numba).

Every core rule is elementwise: an entry's update depends on that entry's gradient, value
and slots only. Run on whole arrays, each `+ - * /` is one pass over memory that writes a
new temporary (Adam makes about fifteen); a compiled loop reads g, θ and the slots once,
keeps every intermediate in registers and writes θ and the slots once. On the
784-512-256-10 network Adam's step takes 0.69 ms this way against 2.25 ms in numpy
(bench/mnist_speed.py, one thread).

The loop is not written by hand: the rule itself is run on `Entry` objects that record
what it does to one entry (`b1 * m + (1 - b1) * g` becomes `t0 = c0 * m_`, `t1 = c1 * g_`,
`t2 = t0 + t1`), and the recording becomes the body of

    for i in range(n):
        g_ = g[i]; p_ = p[i]; m_ = s0[i]; ...
        <the rule's operations, in the rule's order>
        s0[i] = <new m>; ...; p[i] = p_ + <update>

Arithmetic on plain Python numbers (hyperparameters, bias corrections) happens in Python
while recording, exactly as when the rule runs on arrays; each number that meets an
entry becomes an argument of the loop, cast to the arrays' dtype, as numpy casts a Python
float against a float32 array. So the loop performs numpy's operations in numpy's order
and dtype: its result equals the rule on numpy arrays bit for bit (tests check this for
every optimizer). The source depends on the rule's structure, not on the numbers, so one
compiled loop serves every step (t changes only the arguments).

numba is optional: `available()` says whether it imports. `record` raises Untraceable
when a rule does something the recorder does not know (a reduction, a branch on a value),
and `apply` when numba cannot compile the loop, in both cases before anything is
changed; CoreOptimizer then falls back to numpy. Compiling one loop takes 0.1-0.3 s, once
per process, structure and dtype.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Mapping, NamedTuple

import numpy as np


class Untraceable(Exception):
    """The rule did something that is not an elementwise operation the recorder knows."""


class _Recording:
    """The lines and numbers recorded while a rule runs on `Entry` objects."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: list[float] = []
        self._temps = 0

    def constant(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
            raise Untraceable(f"an entry met a {type(value).__name__}, not a number")
        self.constants.append(float(value))
        return f"c{len(self.constants) - 1}"

    def emit(self, expression: str) -> "Entry":
        name = f"t{self._temps}"
        self._temps += 1
        self.lines.append(f"{name} = {expression}")
        return Entry(self, name)

    def operand(self, x: Any) -> str:
        if isinstance(x, Entry):
            if x.recording is not self:
                raise Untraceable("entries of two recordings met")
            return x.name
        return self.constant(x)


# numpy ufuncs an entry understands, as the loop writes them (helpers below).
_UNARY = {"negative": "-{0}", "absolute": "abs({0})", "sqrt": "np.sqrt({0})",
          "square": "{0} * {0}", "positive": "{0}"}
_BINARY = {"add": "{0} + {1}", "subtract": "{0} - {1}", "multiply": "{0} * {1}",
           "divide": "{0} / {1}", "true_divide": "{0} / {1}",
           "maximum": "_maximum({0}, {1})", "minimum": "_minimum({0}, {1})"}


class Entry:
    """One entry of an array while a rule runs: arithmetic records a line."""

    __slots__ = ("recording", "name")
    __array_priority__ = 1000  # numpy defers to our reflected operators

    def __init__(self, recording: _Recording, name: str) -> None:
        self.recording, self.name = recording, name

    def _bin(self, template: str, other: Any, reflected: bool = False) -> "Entry":
        a, b = self.name, self.recording.operand(other)
        return self.recording.emit(template.format(*((b, a) if reflected else (a, b))))

    def __add__(self, o: Any) -> "Entry":
        return self._bin("{0} + {1}", o)

    def __radd__(self, o: Any) -> "Entry":
        return self._bin("{0} + {1}", o, True)

    def __sub__(self, o: Any) -> "Entry":
        return self._bin("{0} - {1}", o)

    def __rsub__(self, o: Any) -> "Entry":
        return self._bin("{0} - {1}", o, True)

    def __mul__(self, o: Any) -> "Entry":
        return self._bin("{0} * {1}", o)

    def __rmul__(self, o: Any) -> "Entry":
        return self._bin("{0} * {1}", o, True)

    def __truediv__(self, o: Any) -> "Entry":
        return self._bin("{0} / {1}", o)

    def __rtruediv__(self, o: Any) -> "Entry":
        return self._bin("{0} / {1}", o, True)

    def __neg__(self) -> "Entry":
        return self.recording.emit(f"-{self.name}")

    def __pos__(self) -> "Entry":
        return self

    def __abs__(self) -> "Entry":
        return self.recording.emit(f"abs({self.name})")

    def __pow__(self, exponent: Any) -> "Entry":
        # numpy (and torch) compute x ** 0.5 as sqrt(x) and x ** 2 as x * x; any other
        # exponent goes through pow. The exponent is part of the loop's source.
        if isinstance(exponent, Entry):
            raise Untraceable("an exponent that is an array")
        if exponent == 0.5:
            return self.recording.emit(f"np.sqrt({self.name})")
        if exponent == 2:
            return self.recording.emit(f"{self.name} * {self.name}")
        if exponent == 1:
            return self
        # numba would raise a float32 to a power in float64: not numpy's rounding.
        raise Untraceable(f"x ** {exponent!r}")

    def __bool__(self) -> bool:
        raise Untraceable("the rule branches on an entry's value")

    def _compare(self, other: Any) -> bool:
        raise Untraceable("the rule compares an entry (a branch or a mask)")

    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _compare  # type: ignore[assignment]
    __hash__ = object.__hash__

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> "Entry":
        if method != "__call__" or kwargs:
            raise Untraceable(f"numpy.{ufunc.__name__}.{method} with {sorted(kwargs)}")
        rec = self.recording
        if ufunc.nin == 1 and ufunc.__name__ in _UNARY:
            return rec.emit(_UNARY[ufunc.__name__].format(rec.operand(inputs[0])))
        if ufunc.nin == 2 and ufunc.__name__ in _BINARY:
            return rec.emit(_BINARY[ufunc.__name__].format(*(rec.operand(x) for x in inputs)))
        if ufunc.__name__ == "power":
            base, exponent = inputs
            if isinstance(base, Entry):
                return base ** exponent
        raise Untraceable(f"numpy.{ufunc.__name__}")

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        raise Untraceable(f"numpy.{func.__name__} (not an elementwise operation)")

    def __array__(self, *args: Any, **kwargs: Any) -> Any:
        raise Untraceable("the rule turned an entry into an array")


# The loop's helpers. No integer literals anywhere in a loop: numba would promote a
# float32 to float64 against them, and the rounding would no longer be numpy's.
_HELPERS = '''
@_jit
def _maximum(a, b):
    # numpy.maximum: NaN if either is NaN (the first one), else the larger.
    return a if (a >= b or a != a) else b

@_jit
def _minimum(a, b):
    return a if (a <= b or a != a) else b
'''


class Recording(NamedTuple):
    """What a rule did to one entry at step t: the loop's source (the same at every step
    for a given structure), the numbers that are its arguments, and the new values of
    the number slots (None for array slots)."""

    source: str
    constants: tuple  # each a numpy scalar of the arrays' dtype
    numbers: tuple


def record(rule: Callable, slots: tuple, t: int, h: Mapping[str, Any],
           dtype: Any = np.float64) -> Recording:
    """Run `rule` on entries, for arrays of `dtype`. A numpy array in `slots` is an array
    slot (an entry while recording); anything else is a number slot and passes through
    as it is, as NAdam's running product. Raises Untraceable when the rule is not plain
    elementwise math."""
    rec = _Recording()
    g, p = Entry(rec, "g_"), Entry(rec, "p_")
    is_array = tuple(isinstance(s, np.ndarray) for s in slots)
    ins = tuple(Entry(rec, f"s{k}_") if a else s for k, (a, s) in enumerate(zip(is_array, slots)))
    update, new_slots = rule(g, p, ins, t, h)
    if len(new_slots) != len(slots):
        raise Untraceable(f"the rule returned {len(new_slots)} slots, not {len(slots)}")
    writes = []
    for k, (a, value) in enumerate(zip(is_array, new_slots)):
        if a and not (isinstance(value, Entry) and value.name == f"s{k}_"):
            writes.append(f"s{k}[i] = {rec.operand(value)}")
        elif not a and isinstance(value, Entry):
            raise Untraceable(f"slot {k} is a number but the rule made it an array")
    writes.append(f"p[i] = p_ + {rec.operand(update)}")
    arrays = [f"s{k}" for k, a in enumerate(is_array) if a]
    args = ["p", "g", *arrays, *(f"c{j}" for j in range(len(rec.constants)))]
    reads = ["g_ = g[i]", "p_ = p[i]", *(f"{s}_ = {s}[i]" for s in arrays)]
    body = "\n        ".join([*reads, *rec.lines, *writes])
    source = (f"@_jit\ndef kernel({', '.join(args)}):\n"
              f"    for i in range(p.shape[0]):\n        {body}\n")
    numbers = tuple(None if a else value for a, value in zip(is_array, new_slots))
    cast = np.dtype(dtype).type  # numpy casts a Python float to the array's dtype, so do we
    return Recording(source, tuple(cast(c) for c in rec.constants), numbers)


_kernels: dict[str, Callable[..., None]] = {}
_lock = threading.Lock()
_numba: Any = None  # the module once imported; False when it cannot be
_namespace: dict[str, Any] = {}  # np, the jit decorator and the helpers, made once


def available() -> bool:
    """True when numba imports (any failure means no: the numpy path serves)."""
    global _numba
    if _numba is None:
        try:
            import numba  # noqa: PLC0415 - 0.3 s, only when a network trains

            _numba = numba
        except Exception:  # noqa: BLE001 - a broken install is "not available"
            _numba = False
    return _numba is not False


def kernel_for(source: str) -> Callable[..., None]:
    """The compiled loop of `source`, a `Recording.source` (compiled at its first call,
    then kept). Only `record` makes sources: every name in one is generated there and
    every number is an argument, so nothing from outside is ever executed."""
    if not available():
        raise RuntimeError("compiling an optimizer rule needs numba, which does not import")
    with _lock:
        kernel = _kernels.get(source)
        if kernel is None:
            # nogil: the GUI thread runs while a worker updates; error_model="numpy":
            # x / 0 gives inf or NaN as numpy does (numba's default raises, and its check
            # would stop the loop from being vectorised); fastmath stays off, so no
            # operation is reordered or fused and the rounding is numpy's.
            if not _namespace:
                jit = _numba.njit(nogil=True, error_model="numpy", boundscheck=False)
                _namespace.update(np=np, _jit=jit)
                exec(compile(_HELPERS, "<gradlab rule helpers>", "exec"), _namespace)  # noqa: S102
            namespace = dict(_namespace)
            exec(compile(source, "<gradlab rule>", "exec"), namespace)  # noqa: S102 - our own recorded source
            kernel = _kernels[source] = namespace["kernel"]
        return kernel


def apply(recording: Recording, p: np.ndarray, g: np.ndarray, slots: tuple) -> tuple:
    """One step, in place, on flat arrays of one float dtype: p and every array slot get
    their new values. Returns the new slots (the arrays as given, the numbers as the rule
    made them). `recording` is `record(...)` of these slots' kinds and p's dtype.

    Raises Untraceable, having changed nothing, when numba cannot compile the loop for
    these arrays (it compiles at the first call of each dtype, before the loop runs)."""
    kernel = kernel_for(recording.source)
    arrays = [s for s in slots if isinstance(s, np.ndarray)]
    try:
        kernel(p, g, *arrays, *recording.constants)
    except _numba.core.errors.NumbaError as e:
        raise Untraceable(f"numba could not compile the loop: {str(e).splitlines()[0]}") from e
    return tuple(n if n is not None else s for s, n in zip(slots, recording.numbers))


def run(rule: Callable, p: np.ndarray, g: np.ndarray, slots: tuple, t: int,
        h: Mapping[str, Any]) -> tuple:
    """`record` then `apply`: one step of `rule` on flat arrays, in place. Raises
    Untraceable (before anything is changed) when the rule cannot be compiled."""
    return apply(record(rule, slots, t, h, p.dtype), p, g, slots)
