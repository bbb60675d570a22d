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
changed; CoreOptimizer then falls back to numpy.

Cached on disk. A process's first loop costs numba's import (0.15 s), its set-up
(0.2 s) and the compilation (0.1-0.3 s; measured for Adam on a shared 2-core VM), at
every launch unless the loop is kept. numba's `cache=True` keeps a compiled
function beside its source file, so each loop is written, with its helpers, to a module
file in the user cache folder (`cache_folder()`: `platformdirs.user_cache_dir("gradlab")`
/kernels, or $GRADLAB_CACHE_DIR/kernels), named by a hash of its text and numba's
version; numba keys its own index by the file's stamp, the signature, the CPU and its
version. A file is never trusted: its text must equal the loop's exactly (else it is
written again), and when the file, its index or its compiled data fail to load
(truncated, garbled, another numba's), they are deleted and the loop is compiled
afresh. Where nothing can be written the loop is compiled in memory, as before. Loading
a cached loop takes a few milliseconds of the first step instead of the compilation.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import types
from pathlib import Path
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


# The first lines of every cached module file: the jit options of the loop (see
# kernel_for), with numba's on-disk cache.
_MODULE_HEAD = '''"""An optimizer's loop, generated by gradlab.core.optimizers.rule_kernel (cache)."""
import numpy as np
from numba import njit

_jit = njit(nogil=True, error_model="numpy", boundscheck=False, cache=True)
'''
CACHE_ENV = "GRADLAB_CACHE_DIR"

_kernels: dict[str, Callable[..., None]] = {}
_lock = threading.Lock()
_numba: Any = None  # the module once imported; False when it cannot be
_namespace: dict[str, Any] = {}  # np, the jit decorator and the helpers, made once
_background: list[threading.Thread] = []  # in_background's threads, maybe still running
_background_lock = threading.Lock()


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


def installed() -> bool:
    """True when numba is installed (found, not imported: 0.5 s saved until the loop is
    needed); `available()` says whether it actually imports."""
    if _numba is None:
        import importlib.util  # noqa: PLC0415

        return importlib.util.find_spec("numba") is not None
    return _numba is not False


def cache_folder() -> Path:
    """Where compiled loops are kept: $GRADLAB_CACHE_DIR/kernels when set (tests and
    benchmarks), else the user cache folder's gradlab/kernels."""
    base = os.environ.get(CACHE_ENV)
    if not base:
        try:
            import platformdirs  # noqa: PLC0415 - only when a loop is compiled

            base = platformdirs.user_cache_dir("gradlab")
        except ImportError:
            base = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                                "gradlab")
    return Path(base) / "kernels"


def cache_file(source: str) -> Path:
    """The module file that holds `source`'s loop: named by a hash of its text (the
    helpers and the loop) and numba's version."""
    text = _module_text(source)
    digest = hashlib.sha256(f"{text}\0numba {_numba.__version__}".encode()).hexdigest()[:24]
    return cache_folder() / f"rule_{digest}.py"


def _module_text(source: str) -> str:
    return f"{_MODULE_HEAD}{_HELPERS}\n\n{source}"


def kernel_for(source: str) -> Callable[..., None]:
    """The compiled loop of `source`, a `Recording.source` (compiled, or loaded from the
    disk cache, at its first call, then kept). Only `record` makes sources: every name in
    one is generated there and every number is an argument, so nothing from outside is
    ever executed (a cached file is used only when its text is exactly the loop's)."""
    if not available():
        raise RuntimeError("compiling an optimizer rule needs numba, which does not import")
    with _lock:
        kernel = _kernels.get(source)
        if kernel is None:
            try:
                kernel = _from_file(source)
            except Exception:  # noqa: BLE001 - a bad cache file is rebuilt, then never needed
                purge(source)
                try:
                    kernel = _from_file(source)
                except Exception:  # noqa: BLE001 - an unwritable cache: compile in memory
                    kernel = _in_memory(source)
            _kernels[source] = kernel
        return kernel


def _from_file(source: str) -> Callable[..., None]:
    """`source`'s loop defined from its module file (written when missing or not exactly
    the loop's text), with numba's on-disk cache beside it."""
    path = cache_file(source)
    text = _module_text(source)
    try:
        trusted = path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        trusted = False
    if not trusted:
        # Rewritten only when different: numba's index is keyed by the file's stamp.
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    # Compiled from `text` (checked above), not imported: no .pyc is trusted either. A
    # module in sys.modules all the same: numba finds a cached loop's globals through it.
    module = types.ModuleType(f"gradlab_rule_cache_{path.stem}")
    module.__file__ = str(path)
    exec(compile(text, str(path), "exec"), module.__dict__)  # noqa: S102 - our own recorded source
    sys.modules[module.__name__] = module
    return module.kernel


def _in_memory(source: str) -> Callable[..., None]:
    """`source`'s loop without any cache (a read-only home, say)."""
    # nogil: the GUI thread runs while a worker updates; error_model="numpy": x / 0
    # gives inf or NaN as numpy does (numba's default raises, and its check would stop
    # the loop from being vectorised); fastmath stays off, so no operation is reordered
    # or fused and the rounding is numpy's. The cached module file uses the same options.
    if not _namespace:
        jit = _numba.njit(nogil=True, error_model="numpy", boundscheck=False)
        _namespace.update(np=np, _jit=jit)
        exec(compile(_HELPERS, "<gradlab rule helpers>", "exec"), _namespace)  # noqa: S102
    namespace = dict(_namespace)
    exec(compile(source, "<gradlab rule>", "exec"), namespace)  # noqa: S102 - our own recorded source
    return namespace["kernel"]


def in_background(make: Callable[[], None], name: str = "gradlab loop") -> threading.Thread:
    """`make()` (a loop's compilation or load) in a thread of its own, started; returns
    the thread. Its errors are dropped: the step that needs the loop meets them again
    and falls back to numpy. `wait_for_background` joins every such thread."""
    def run() -> None:
        try:
            make()
        except Exception:  # noqa: BLE001 - see above
            pass

    thread = threading.Thread(target=run, name=name)
    with _background_lock:  # not _lock: a compilation holds that one for 0.3 s
        _background[:] = [t for t in _background if t.is_alive()]
        _background.append(thread)
    thread.start()
    return thread


def wait_for_background(timeout: float | None = None) -> bool:
    """Join the threads `in_background` started (tests, exit); True when none is left."""
    for thread in list(_background):
        thread.join(timeout)
    return not any(t.is_alive() for t in _background)


def purge(source: str) -> None:
    """Delete `source`'s module file and numba's index and data for it, and forget the
    loop in this process (the next `kernel_for` writes and compiles it afresh)."""
    _kernels.pop(source, None)
    path = cache_file(source)
    for stale in [path, *path.parent.glob(f"__pycache__/{path.stem}.*")]:
        try:
            stale.unlink()
        except OSError:
            pass


def apply(recording: Recording, p: np.ndarray, g: np.ndarray, slots: tuple) -> tuple:
    """One step, in place, on flat arrays of one float dtype: p and every array slot get
    their new values. Returns the new slots (the arrays as given, the numbers as the rule
    made them). `recording` is `record(...)` of these slots' kinds and p's dtype.

    Raises Untraceable, having changed nothing, when numba cannot compile the loop for
    these arrays (it compiles at the first call of each dtype, before the loop runs)."""
    kernel = kernel_for(recording.source)
    arrays = [s for s in slots if isinstance(s, np.ndarray)]
    args = (p, g, *arrays, *recording.constants)
    try:
        try:
            kernel(*args)
        except _numba.core.errors.NumbaError:
            raise
        except Exception:  # noqa: BLE001 - numba read a cached index or data it could not use
            # The loop itself cannot raise (numpy's error model, no bounds checks), so
            # this came from the cache, before the loop ran: rebuild it, never trust it.
            with _lock:
                purge(recording.source)
            kernel_for(recording.source)(*args)
    except _numba.core.errors.NumbaError as e:
        raise Untraceable(f"numba could not compile the loop: {str(e).splitlines()[0]}") from e
    return tuple(n if n is not None else s for s, n in zip(slots, recording.numbers))


def run(rule: Callable, p: np.ndarray, g: np.ndarray, slots: tuple, t: int,
        h: Mapping[str, Any]) -> tuple:
    """`record` then `apply`: one step of `rule` on flat arrays, in place. Raises
    Untraceable (before anything is changed) when the rule cannot be compiled."""
    return apply(record(rule, slots, t, h, p.dtype), p, g, slots)
