"""A loss surface from a formula the user types, with exact gradients.

    from_expression("x**2 + 10*sin(y)")  ->  Surface with f, ∂f/∂x = 2x, ∂f/∂y = 10 cos(y)

Safety: the text is parsed with `ast.parse(mode="eval")` (which only parses) and every
node is checked against a whitelist: numbers, the names x, y, pi, e, the operators
+ − * / ** and unary ±, and calls of whitelisted one-argument math functions. Anything
else raises ValueError naming the offender and its column. The sympy expression is then
built node by node from the checked tree, so the text itself never reaches eval, exec,
sympify or parse_expr. (`lambdify` compiles code that sympy prints from that expression.)

Constant sub-expressions are evaluated with floats while checking, and constant exponents
are bounded (also their product through nested powers), so absurd sizes (9**9**9,
x**99999999, 1e999, ((999999*x)**100)**100) and division by a literal zero are refused
before sympy could try to compute them exactly. Limits: MAX_LENGTH characters, MAX_NODES
syntax-tree nodes, MAX_DEPTH levels of nesting.

A formula is accepted only when everything that uses it can: f must be finite on at least
MIN_FINITE_SHARE of a CHECK_GRID × CHECK_GRID grid over the bounds (sqrt(-(x**2+y**2)),
finite only at the origin, has nothing to draw or race on), and neither f nor its gradient
may be undefined everywhere (1/(x-x) is sympy's complex infinity). The command line, a
scenario file and the formula box all call `from_expression`, so they refuse the same
formulas with the same one-line messages (which echo at most SHOWN characters of it).
"""

from __future__ import annotations

import ast
import math
import warnings
from typing import Any, Callable

import numpy as np

from gradlab.core.surfaces.surface import Bounds, Surface

MAX_LENGTH = 1000  # characters
MAX_NODES = 300  # syntax-tree nodes
MAX_DEPTH = 40  # nesting of operations and calls
MAX_NUMBER = 1e6  # largest number literal, in magnitude
MAX_EXPONENT = 100  # largest constant exponent, also multiplied through nesting: (x**10)**20
MAX_CONSTANT = 1e300  # largest value of a constant sub-expression
MIN_CONSTANT = 1e-300  # smallest non-zero one (sympy would keep 1/999999**100 as an exact fraction)
GRID = 201  # points per side of the grid that estimates the minimum
CHECK_GRID = 64  # points per side of the grid where f must be finite often enough...
MIN_FINITE_SHARE = 0.01  # ...on at least this share of its points
SHOWN = 40  # characters of the formula (or a part of it) that a message repeats
LOG_RATIO = 15.0  # log-scale when (max − min) > LOG_RATIO·(median − min) and min ≥ 0
HESSIAN_NODES = 600  # largest gradient (sympy nodes, ∂f/∂x and ∂f/∂y) differentiated again

NAMES = ("x", "y", "pi", "e")


def _sigmoid(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t))


# name -> (float version for constant folding, sympy builder taking the sympy module and one argument)
FUNCTIONS: dict[str, tuple[Callable[[float], float], Callable[[Any, Any], Any]]] = {
    "sin": (math.sin, lambda sp, a: sp.sin(a)),
    "cos": (math.cos, lambda sp, a: sp.cos(a)),
    "tan": (math.tan, lambda sp, a: sp.tan(a)),
    "exp": (math.exp, lambda sp, a: sp.exp(a)),
    "log": (math.log, lambda sp, a: sp.log(a)),
    "ln": (math.log, lambda sp, a: sp.log(a)),
    "sqrt": (math.sqrt, lambda sp, a: sp.sqrt(a)),
    "abs": (abs, lambda sp, a: sp.Abs(a)),
    "tanh": (math.tanh, lambda sp, a: sp.tanh(a)),
    "sinh": (math.sinh, lambda sp, a: sp.sinh(a)),
    "cosh": (math.cosh, lambda sp, a: sp.cosh(a)),
    "atan": (math.atan, lambda sp, a: sp.atan(a)),
    "arctan": (math.atan, lambda sp, a: sp.atan(a)),
    "sigmoid": (_sigmoid, lambda sp, a: 1 / (1 + sp.exp(-a))),
}

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}

# Friendly names for what a formula may not contain.
_FORBIDDEN = {
    ast.Subscript: "subscripts are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.JoinedStr: "strings are not allowed (f-string)",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.IfExp: "conditional expressions (if/else) are not allowed",
    ast.Compare: "comparisons are not allowed",
    ast.BoolOp: "'and'/'or' are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.List: "lists are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.Starred: "starred arguments are not allowed",
}


def _short(text: str, limit: int = SHOWN) -> str:
    """`text` quoted, cut to `limit` characters with "…": a message never repeats a whole formula."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _where(node: ast.AST) -> str:
    return f" (column {getattr(node, 'col_offset', 0) + 1})"


def _operator_column(node: ast.BinOp, text: str) -> int:
    """The 1-based column of a binary operator in `text`: ast gives a BinOp the column of
    its left operand ("x^2" would say column 1), so look between the two operands (ast's
    offsets count UTF-8 bytes, the message counts characters)."""
    op = _op_text(node.op).encode()
    lines = text.split("\n")
    start, end = getattr(node.left, "end_col_offset", None), node.right.col_offset
    if start is None or node.left.end_lineno != node.right.lineno or node.right.lineno > len(lines):
        return node.col_offset + 1
    line = lines[node.right.lineno - 1].encode()
    at = line.find(op, start, end)
    if at < 0:
        return node.col_offset + 1
    return len(line[:at].decode(errors="replace")) + 1


class _Checker:
    """Walks a parsed formula, refusing anything off the whitelist.

    `check(node)` returns the node's value as a float when it is constant (no x or y),
    otherwise None, so sizes can be bounded before anything is built. `power` is the
    product of the constant exponents the node sits under: sympy multiplies nested powers
    out exactly, so ((999999*x)**100)**100 would be a 60,000-digit integer.
    """

    def __init__(self, text: str = "") -> None:
        self.text = text  # the formula as parsed, for the columns of operators

    def check(self, node: ast.AST, depth: int = 0, power: float = 1.0) -> float | None:
        if depth > MAX_DEPTH:
            raise ValueError(f"formula is nested too deeply (more than {MAX_DEPTH} levels){_where(node)}")
        if isinstance(node, ast.Constant):
            return self._number(node)
        if isinstance(node, ast.Name):
            if node.id not in NAMES:
                raise ValueError(f"name {_short(node.id, 20)} is not allowed; use x, y, pi, e{_where(node)}")
            return {"pi": math.pi, "e": math.e}.get(node.id)
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.UAdd, ast.USub)):
                raise ValueError(f"operator {_op_text(node.op)!r} is not allowed{_where(node)}")
            v = self.check(node.operand, depth + 1, power)
            return None if v is None else (v if isinstance(node.op, ast.UAdd) else -v)
        if isinstance(node, ast.BinOp):
            return self._binop(node, depth, power)
        if isinstance(node, ast.Call):
            return self._call(node, depth, power)
        if isinstance(node, ast.Attribute):
            raise ValueError(f"attribute access '.{node.attr}' is not allowed{_where(node)}")
        for kind, message in _FORBIDDEN.items():
            if isinstance(node, kind):
                raise ValueError(message + _where(node))
        raise ValueError(f"{type(node).__name__} is not allowed in a formula{_where(node)}")

    def _number(self, node: ast.Constant) -> float:
        v = node.value
        if isinstance(v, str):
            raise ValueError(f"strings are not allowed{_where(node)}")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError(f"{v!r} is not allowed{_where(node)}; only real numbers")
        if not abs(v) <= MAX_NUMBER:  # also refuses inf from 1e999
            raise ValueError(f"number {_short(repr(node.value))} is too large{_where(node)} (at most {MAX_NUMBER:g})")
        return float(v)

    def _binop(self, node: ast.BinOp, depth: int, power: float) -> float | None:
        if type(node.op) not in _OPERATORS:
            hint = "; use ** for powers" if isinstance(node.op, ast.BitXor) else ""
            column = _operator_column(node, self.text)
            raise ValueError(f"operator {_op_text(node.op)!r} is not allowed (column {column}){hint}")
        if isinstance(node.op, ast.Pow):
            # The exponent first: it bounds what the base may contain.
            b = self.check(node.right, depth + 1, power)
            if b is not None:
                if abs(b) > MAX_EXPONENT:
                    raise ValueError(
                        f"exponent {b:g} is too large{_where(node.right)} (at most {MAX_EXPONENT})"
                    )
                if abs(b) * power > MAX_EXPONENT:
                    raise ValueError(f"nested powers multiply to an exponent of {abs(b) * power:g}, too large"
                                     f"{_where(node)} (at most {MAX_EXPONENT})")
                power = power * max(abs(b), 1.0)
            a = self.check(node.left, depth + 1, power)
        else:
            a = self.check(node.left, depth + 1, power)
            b = self.check(node.right, depth + 1, power)
        if isinstance(node.op, ast.Div) and b == 0:
            raise ValueError(f"division by zero{_where(node.right)}")
        if a is None or b is None:
            return None
        try:
            if isinstance(node.op, ast.Add):
                v = a + b
            elif isinstance(node.op, ast.Sub):
                v = a - b
            elif isinstance(node.op, ast.Mult):
                v = a * b
            elif isinstance(node.op, ast.Div):
                v = a / b
            else:
                v = math.pow(a, b)
        except OverflowError:
            raise ValueError(f"value of {_short(ast.unparse(node))} is too large{_where(node)}") from None
        except (ZeroDivisionError, ValueError) as err:
            raise ValueError(f"{_short(ast.unparse(node))} is not defined ({err}){_where(node)}") from None
        underflow = v == 0 and a != 0 and (b != 0 or not isinstance(node.op, ast.Mult))
        if underflow and not isinstance(node.op, (ast.Add, ast.Sub)):
            raise ValueError(f"value of {_short(ast.unparse(node))} is too small{_where(node)}")
        return self._bounded(v, node)

    def _call(self, node: ast.Call, depth: int, power: float) -> float | None:
        if not isinstance(node.func, ast.Name):
            self.check(node.func, depth + 1, power)  # raises for attribute access, subscripts, ...
            raise ValueError(f"only function names can be called, like sin(x){_where(node)}")
        name = node.func.id
        if name not in FUNCTIONS:
            raise ValueError(
                f"function {_short(name, 20)} is not allowed{_where(node)}; use one of: {', '.join(FUNCTIONS)}"
            )
        if node.keywords:
            raise ValueError(
                f"keyword arguments are not allowed{_where(node)}: write {name}(...) with one value"
            )
        if len(node.args) != 1:
            raise ValueError(f"{name} takes 1 argument, got {len(node.args)}{_where(node)}")
        v = self.check(node.args[0], depth + 1, power)
        if v is None:
            return None
        try:
            v = FUNCTIONS[name][0](v)
        except OverflowError:
            raise ValueError(f"value of {_short(ast.unparse(node))} is too large{_where(node)}") from None
        except (ValueError, ZeroDivisionError) as err:
            raise ValueError(f"{_short(ast.unparse(node))} is not defined ({err}){_where(node)}") from None
        return self._bounded(v, node)

    @staticmethod
    def _bounded(v: float, node: ast.AST) -> float:
        if not (math.isfinite(v) and abs(v) <= MAX_CONSTANT):
            raise ValueError(f"value of {_short(ast.unparse(node))} is too large{_where(node)}")
        if 0 < abs(v) < MIN_CONSTANT:
            raise ValueError(f"value of {_short(ast.unparse(node))} is too small{_where(node)}")
        return v


def _op_text(op: ast.AST) -> str:
    return {
        ast.MatMult: "@", ast.FloorDiv: "//", ast.Mod: "%", ast.BitXor: "^", ast.BitAnd: "&",
        ast.BitOr: "|", ast.LShift: "<<", ast.RShift: ">>", ast.Not: "not", ast.Invert: "~",
    }.get(type(op), type(op).__name__)


def parse(text: str) -> ast.expr:
    """The checked syntax tree of `text`; ValueError saying what is wrong and where."""
    if not isinstance(text, str):
        raise ValueError(f"a formula must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"formula is too long ({len(text)} characters; at most {MAX_LENGTH})")
    if not text.strip():
        raise ValueError("formula is empty; type an expression in x and y, e.g. x**2 + y**2")
    try:
        with warnings.catch_warnings():
            # Python only warns about text like "1if" or "0x1for"; for a formula it is an error.
            warnings.simplefilter("error", SyntaxWarning)
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxWarning as err:
        raise ValueError(f"not a valid formula: {err}") from None
    except SyntaxError as err:
        raise ValueError(f"not a valid formula: {err.msg} (column {err.offset or 0})") from None
    except (RecursionError, MemoryError):
        raise ValueError("formula is nested too deeply") from None
    except ValueError as err:  # e.g. null bytes
        raise ValueError(f"not a valid formula: {err}") from None
    # ast.walk is iterative, so counting is safe before the recursive check.
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise ValueError(f"formula is too large ({count} parts; at most {MAX_NODES})")
    try:
        _Checker(text.strip()).check(tree.body)
    except RecursionError:
        raise ValueError("formula is nested too deeply") from None
    return tree.body


def to_sympy(node: ast.expr, sp: Any) -> Any:
    """The sympy expression of a tree that `parse` has checked, built node by node."""
    if isinstance(node, ast.Constant):
        v = node.value
        return sp.Integer(v) if isinstance(v, int) else sp.Float(v)
    if isinstance(node, ast.Name):
        return {"x": _X(sp), "y": _Y(sp), "pi": sp.pi, "e": sp.E}[node.id]
    if isinstance(node, ast.UnaryOp):
        a = to_sympy(node.operand, sp)
        return -a if isinstance(node.op, ast.USub) else a
    if isinstance(node, ast.BinOp):
        a, b = to_sympy(node.left, sp), to_sympy(node.right, sp)
        op = type(node.op)
        if op is ast.Add:
            return a + b
        if op is ast.Sub:
            return a - b
        if op is ast.Mult:
            return a * b
        if op is ast.Div:
            return a / b
        return a**b
    if isinstance(node, ast.Call):
        return FUNCTIONS[node.func.id][1](sp, to_sympy(node.args[0], sp))
    raise ValueError(f"{type(node).__name__} is not allowed in a formula")  # parse() already refused it


def _X(sp: Any) -> Any:
    # real=True so that |x|' is sign(x) rather than an expression in re() and im().
    return sp.Symbol("x", real=True)


def _Y(sp: Any) -> Any:
    return sp.Symbol("y", real=True)


def _vectorize(fn: Callable[..., Any]) -> Callable[[np.ndarray, np.ndarray], Any]:
    def call(x: np.ndarray, y: np.ndarray) -> Any:
        # Outside its domain (log of a negative, overflow) a formula gives nan or inf;
        # the race marks that as divergence, so numpy's warnings are only noise here.
        with np.errstate(all="ignore"):
            return fn(x, y)

    return call


def from_expression(text: str, bounds: Bounds = (-5.0, 5.0, -5.0, 5.0)) -> Surface:
    """A Surface for f(x, y) = `text`, with ∂f/∂x and ∂f/∂y from sympy.diff (exact).

    minima: an ESTIMATE, the lowest point of a GRID x GRID grid over `bounds`, and [] when
    that point lies on the edge of the bounds or next to a point where f is not finite
    (then f keeps falling outside them, or into the undefined region, and the grid has
    no interior minimum). start: of the four points a quarter of the way in from
    each corner, the one farthest from that estimate where f and ∇f are finite.
    log_scale: True when f ≥ 0 on the grid and (max − min) > LOG_RATIO·(median − min),
    i.e. most of the picture would be one colour on a linear scale (Rosenbrock-like).
    ValueError when the formula is refused, or f is nowhere finite in `bounds`.
    """
    node = parse(text)
    bounds = _check_bounds(bounds)
    try:
        return _build(node, text, bounds)
    except ValueError:
        raise
    except (RecursionError, MemoryError):
        # sigmoid(sigmoid(...)) 40 deep passes MAX_DEPTH, but each sigmoid is 1/(1 + exp(-a))
        # to sympy, whose printer and Python's compiler then recurse past their limits.
        raise ValueError("formula is nested too deeply to differentiate; nest fewer functions") from None
    except SyntaxError:  # the code lambdify prints: "too many nested parentheses"
        raise ValueError("formula is nested too deeply to differentiate; nest fewer functions") from None
    except Exception as err:  # noqa: BLE001 - e.g. 10**600 overflows numpy
        raise ValueError(f"cannot use f(x, y) = {_short(text.strip())}: "
                         f"{_short(f'{type(err).__name__}: {err}')}") from None


def _build(node: ast.expr, text: str, bounds: Bounds) -> Surface:
    import sympy as sp  # lazy: importing sympy costs about half a second

    expr = to_sympy(node, sp)
    undefined = (sp.zoo, sp.nan, sp.oo, -sp.oo)
    if expr.has(*undefined):
        raise ValueError(f"f(x, y) = {_short(text.strip())} is undefined everywhere "
                         f"(it simplifies to a division by zero or an infinity)")
    if expr.has(sp.I):  # sqrt(-abs(x)) is I·sqrt(|x|): a loss has real values
        raise ValueError(f"f(x, y) = {_short(text.strip())} takes complex values "
                         f"(a square root or log of a negative number)")
    x, y = _X(sp), _Y(sp)
    gx, gy = sp.diff(expr, x), sp.diff(expr, y)
    if gx.has(*undefined) or gy.has(*undefined):
        raise ValueError(f"the gradient of f(x, y) = {_short(text.strip())} is undefined everywhere")
    value = _vectorize(sp.lambdify((x, y), expr, "numpy"))
    grad_x = _vectorize(sp.lambdify((x, y), gx, "numpy"))
    grad_y = _vectorize(sp.lambdify((x, y), gy, "numpy"))

    def grad(xa: np.ndarray, ya: np.ndarray) -> tuple[Any, Any]:
        return grad_x(xa, ya), grad_y(xa, ya)

    probe = Surface("expression", "", "", value, grad, bounds, [], (0.0, 0.0))
    _check_finite_share(probe, text, bounds)
    xs, ys, z = probe.grid(GRID)
    finite = np.isfinite(z)
    zf = np.where(finite, z, np.inf)
    i, j = np.unravel_index(np.argmin(zf), z.shape)
    on_edge = i in (0, GRID - 1) or j in (0, GRID - 1)
    # Beside an undefined cell (log(x) as x → 0⁺) f only keeps falling into the hole:
    # the lowest finite point there is no minimum either.
    on_edge = on_edge or not finite[max(i - 1, 0):i + 2, max(j - 1, 0):j + 2].all()
    minimum = (float(xs[j]), float(ys[i]))
    values = z[finite]
    zmin, zmax, zmed = float(values.min()), float(values.max()), float(np.median(values))
    log_scale = zmin >= 0 and (zmax - zmin) > LOG_RATIO * (zmed - zmin)
    pretty = _pretty(ast.unparse(node))
    return Surface(
        name="expression",
        title=f"f(x, y) = {pretty if len(pretty) <= 40 else pretty[:39] + '…'}",
        formula=f"f(x, y) = {pretty}",
        value_fn=value,
        grad_fn=grad,
        bounds=bounds,
        minima=[] if on_edge else [minimum],
        start=_start(probe, bounds, minimum),
        log_scale=log_scale,
        description=f"Your formula. Exact gradient{_gradient_text(sp, gx, gy)}; the minimum "
        f"marked is estimated from a {GRID}×{GRID} grid.",
        hessian_fn=SympyHessian(expr),
    )


class SympyHessian:
    """The exact Hessian of a typed formula, (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²), from sympy.diff.

    Built on first use, not with the surface: most formulas are only raced. A formula
    whose gradient has more than HESSIAN_NODES nodes is not differentiated again (twelve
    nested sigmoids: 1,700 nodes, and sympy takes seconds for the next derivative):
    `__call__` raises ValueError, and `gradlab.core.quadratic.hessian` falls back to
    finite differences. The Dirac deltas of |x|'' are dropped (zero everywhere but on a
    line of measure zero). `constant`: True when every third derivative is exactly 0, i.e.
    f is quadratic; only polynomials are differentiated for it (anything else is not).
    """

    def __init__(self, expr: Any) -> None:
        self.expr = expr
        self._fns: tuple[Callable[..., Any], ...] | None = None
        self._constant: bool | None = None

    def __call__(self, x: np.ndarray, y: np.ndarray) -> tuple[Any, Any, Any]:
        if self._fns is None:
            import sympy as sp

            vx, vy = _X(sp), _Y(sp)
            gx, gy = sp.diff(self.expr, vx), sp.diff(self.expr, vy)
            if sum(1 for g in (gx, gy) for _ in sp.preorder_traversal(g)) > HESSIAN_NODES:
                raise ValueError("the gradient is too large to differentiate again quickly")
            parts = (sp.diff(gx, vx), sp.diff(gx, vy), sp.diff(gy, vy))
            parts = tuple(p.replace(sp.DiracDelta, lambda *args: sp.S.Zero) for p in parts)
            self._fns = tuple(_vectorize(sp.lambdify((vx, vy), p, "numpy")) for p in parts)
        hxx, hxy, hyy = self._fns
        return hxx(x, y), hxy(x, y), hyy(x, y)

    @property
    def constant(self) -> bool:
        if self._constant is None:
            import sympy as sp

            vx, vy = _X(sp), _Y(sp)
            if not self.expr.is_polynomial(vx, vy):  # a quick no, before any derivative
                self._constant = False
                return False
            thirds = (sp.diff(self.expr, vx, 3), sp.diff(self.expr, vx, 2, vy),
                      sp.diff(self.expr, vx, vy, 2), sp.diff(self.expr, vy, 3))
            self._constant = all(t == 0 for t in thirds)
        return self._constant


def _check_finite_share(surface: Surface, text: str, bounds: Bounds) -> None:
    """ValueError unless f is finite on at least MIN_FINITE_SHARE of a CHECK_GRID² grid.

    A formula finite only on a set of measure zero (a point, a line) would pass a check
    for "finite somewhere" when a grid point happens to lie on that set, and then every
    picture of it is empty and every race diverges at step 0. The grid has an even number
    of points per side, so it samples neither the centre nor the axes of symmetric bounds.
    """
    _, _, z = surface.grid(CHECK_GRID)
    share = float(np.mean(np.isfinite(np.asarray(z, dtype=np.float64))))
    if share < MIN_FINITE_SHARE:
        where = f"x ∈ [{bounds[0]:g}, {bounds[1]:g}], y ∈ [{bounds[2]:g}, {bounds[3]:g}]"
        amount = "not finite anywhere in" if share == 0 else f"finite on only {100 * share:.2g}% of"
        raise ValueError(f"f(x, y) = {_short(text.strip())} is {amount} {where} "
                         f"(at least {100 * MIN_FINITE_SHARE:g}% needed to draw and race on it)")


def _check_bounds(bounds: Bounds) -> Bounds:
    try:
        xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    except (TypeError, ValueError):
        raise ValueError(f"bounds must be four numbers (xmin, xmax, ymin, ymax), got {bounds!r}") from None
    if not all(math.isfinite(b) for b in (xmin, xmax, ymin, ymax)) or not (xmin < xmax and ymin < ymax):
        raise ValueError(f"bounds must be finite with xmin < xmax and ymin < ymax, got {bounds!r}")
    return xmin, xmax, ymin, ymax


def _start(surface: Surface, bounds: Bounds, minimum: tuple[float, float]) -> tuple[float, float]:
    xmin, xmax, ymin, ymax = bounds
    qx, qy = (xmax - xmin) / 4, (ymax - ymin) / 4
    candidates = [(xmin + qx, ymax - qy), (xmax - qx, ymax - qy),
                  (xmin + qx, ymin + qy), (xmax - qx, ymin + qy)]

    def usable(p: tuple[float, float]) -> bool:
        return bool(np.isfinite(surface.value(*p)) and np.all(np.isfinite(surface.grad(*p))))

    good = [p for p in candidates if usable(p)] or [minimum]
    return max(good, key=lambda p: math.hypot(p[0] - minimum[0], p[1] - minimum[1]))


def _gradient_text(sp: Any, gx: Any, gy: Any) -> str:
    # Printing a huge derivative takes seconds and nobody reads it: show short ones only.
    size = sum(1 for g in (gx, gy) for _ in sp.preorder_traversal(g))
    if size > 120:
        return " (too long to show)"
    return f": ∂f/∂x = {_pretty(str(gx))}, ∂f/∂y = {_pretty(str(gy))}"


def _pretty(text: str) -> str:
    # Display only: ** as ^, * as ·, - as the minus sign.
    return text.replace("**", "^").replace("*", "·").replace("-", "−")
