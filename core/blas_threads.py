"""Setting how many threads numpy's BLAS uses, at run time (best effort, no dependency).

The numpy engine multiplies matrices with numpy, i.e. with the BLAS numpy was built
with (OpenBLAS in the wheels). Its thread pool is sized once, from the environment, when
numpy loads; on a busy or small machine a pool as large as the core count spins against
torch's pool, the GUI and other programs, and a 128x784 @ 784x512 product measured 27x
slower with 2 threads than with 1 on a shared 2-core machine. So a run sets the BLAS pool
to the same size as torch's. `threadpoolctl` is used when installed; otherwise numpy's
bundled OpenBLAS is called through ctypes. Anything else is left alone.
"""

from __future__ import annotations

import ctypes
import glob
import os

import numpy as np

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
            "openblas_get_num_threads64_", "openblas_get_num_threads")


def _openblas() -> ctypes.CDLL | None:
    """numpy's bundled OpenBLAS (in numpy.libs beside the package, or numpy/.libs)."""
    root = os.path.dirname(os.path.dirname(np.__file__))
    patterns = [os.path.join(root, "numpy.libs", "*openblas*"),
                os.path.join(os.path.dirname(np.__file__), ".libs", "*openblas*")]
    for path in sorted(p for pat in patterns for p in glob.glob(pat)):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


def _first(lib: ctypes.CDLL, names: tuple[str, ...]):
    for name in names:
        fn = getattr(lib, name, None)
        if fn is not None:
            return fn
    return None


def set_blas_threads(n: int) -> bool:
    """Ask numpy's BLAS for `n` threads; True when it could be done."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-not-found]

        threadpool_limits(limits=n, user_api="blas")
        return True
    except Exception:  # absent, or no BLAS it knows: try OpenBLAS directly
        pass
    lib = _openblas()
    fn = _first(lib, _SETTERS) if lib is not None else None
    if fn is None:
        return False
    fn.argtypes = [ctypes.c_int]
    fn(int(n))
    return True


def blas_threads() -> int | None:
    """The OpenBLAS pool size, or None when it cannot be read."""
    lib = _openblas()
    fn = _first(lib, _GETTERS) if lib is not None else None
    if fn is None:
        return None
    fn.restype = ctypes.c_int
    return int(fn())
