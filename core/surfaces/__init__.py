"""Two-dimensional loss surfaces that optimizers race over, found by name.

    from gradlab.core import surfaces
    surfaces.get("rosenbrock").value(x, y)       f(x, y), vectorized
    surfaces.from_expression("x**2 + 10*sin(y)") a typed formula with exact gradients

- `surface`: the `Surface` record (f, its analytic gradient, bounds, minima, start)
- `functions`: the built-in test functions (Rosenbrock, Beale, Rastrigin, ...)
- `logistic`: the loss of a logistic regression over its two parameters (the explorer's)
- `expression`: typed formulas, checked against a whitelist, differentiated by sympy
  (imported lazily inside it: sympy costs half a second)
- `registry`: `names`, `get`, `known`, `title`, `from_expression` (re-exported here)
"""

from gradlab.core.surfaces.functions import (  # noqa: F401
    HIMMELBLAU_MINIMA, ILL_CONDITIONED_LAMBDAS, PLATEAU_WIDTH, SIX_HUMP_CAMEL_MINIMA, STYBLINSKI_TANG_X,
)
from gradlab.core.surfaces.registry import from_expression, get, known, names, title  # noqa: F401
from gradlab.core.surfaces.surface import Bounds, Fn, GradFn, Surface  # noqa: F401
