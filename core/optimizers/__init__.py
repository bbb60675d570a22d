"""Optimizers as pure functions, and the adapters that run them on a network.

    from gradlab.core import optimizers
    opt = optimizers.get("adam", lr=0.01)          # the registry (registry.py)
    state = opt.init(theta); updates, state = opt.update(grads, state, theta)

- `registry`: `get`, `names`, `defaults`, `title`, `HYPER_INFO`, `apply_updates` (re-exported here)
- `base`: the `Optimizer` record, and the hyperparameter table (how each is shown and checked)
- `momentum`, `rms`, `adam`: one family of update rules each (SGD, momentum, Nesterov;
  RMSprop, Adagrad; Adam, AdamW, Adamax, NAdam), the algorithm box in each docstring
- `rule_kernel`: a rule recorded once and compiled by numba into one loop
- `torch_optim`: `CoreOptimizer`, a `torch.optim.Optimizer` that steps with these rules
  (imports torch: never imported by this package's `__init__`)
"""

from gradlab.core.optimizers.registry import *  # noqa: F401,F403
from gradlab.core.optimizers.registry import __all__  # noqa: F401
