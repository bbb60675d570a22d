"""torch's main shared library loaded without the GIL, before `import torch` (issue 19).

`import torch` spends 0.15-0.3 s (more on a busy machine) in one `dlopen`: the dynamic
linker maps libtorch_cpu.so (~400 MB), relocates it and runs its static initialisers,
and CPython holds the GIL through an extension module's load, so the GUI thread cannot
run a line of Python then: a paint or a timer waits that long. A foreign function called
through `ctypes.CDLL` releases the GIL, so `preload()` calls libc's `dlopen` on that
library first, from the warm-up thread; torch's own import then finds it loaded (the
linker reuses a loaded library of the same name) and holds the GIL only for the rest.
Measured with the MNIST tab opening (bench/run_start.py's cold launches, load ~2.5 on 2
cores): the GUI timer's worst wait 230-240 ms instead of 420-540 ms.

Linux only (elsewhere, or when anything is unusual, it does nothing: torch's import
loads the library as it always does). RTLD_LOCAL, as when the library is loaded as a
dependency of torch._C: its symbols are not made global.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys

LIBRARY = "libtorch_cpu.so"


def library_path() -> str | None:
    """Where torch's installed libtorch_cpu.so is, without importing torch; None when
    torch is not installed, already imported, or laid out otherwise."""
    if not sys.platform.startswith("linux") or "torch" in sys.modules:
        return None
    try:
        spec = importlib.util.find_spec("torch")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "lib", LIBRARY)
    return path if os.path.isfile(path) else None


def preload() -> bool:
    """Load libtorch_cpu.so with the GIL released (call it in a worker thread, before
    `import torch`); True when it is loaded. Failures change nothing."""
    path = library_path()
    if path is None:
        return False
    try:
        libc = ctypes.CDLL(None)
        libc.dlopen.restype = ctypes.c_void_p
        libc.dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
        return bool(libc.dlopen(os.fsencode(path), os.RTLD_NOW | os.RTLD_LOCAL))
    except (OSError, AttributeError):  # no libc dlopen to call: torch's import does it
        return False
