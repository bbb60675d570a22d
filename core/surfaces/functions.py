"""The built-in test functions of optimisation, each with its hand-derived gradient.

Each builder returns a `Surface`; `BUILDERS` lists them in menu order (the registry's
`names()` starts with them). Their minima and instructive starts are in the builders.
Every one but Goldstein–Price also carries its hand-derived Hessian (`hessian_fn`); the
quadratics (the bowl, the ravine, the saddle, Booth) carry a `ConstantHessian`.
"""

from __future__ import annotations

import math

import numpy as np

from gradlab.core.surfaces.surface import Surface


class ConstantHessian:
    """The Hessian of a quadratic, the same (∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²) at every point.

    `constant = True` is the flag that `gradlab.core.quadratic.is_quadratic` reads.
    """

    constant = True

    def __init__(self, hxx: float, hxy: float, hyy: float) -> None:
        self.hxx, self.hxy, self.hyy = float(hxx), float(hxy), float(hyy)

    def __call__(self, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
        return self.hxx, self.hxy, self.hyy


# --- the surfaces -------------------------------------------------------------------------


def _quadratic() -> Surface:
    # f = ½(x² + y²): Hessian = I, so gradient descent converges for η < 2 and lands
    # exactly on the minimum in one step at η = 1.
    return Surface(
        "quadratic", "Quadratic bowl", "f(x, y) = ½(x² + y²)",
        lambda x, y: 0.5 * (x * x + y * y),
        lambda x, y: (x, y),
        (-3.0, 3.0, -3.0, 3.0), [(0.0, 0.0)], (-2.5, 2.0),
        hessian_fn=ConstantHessian(1.0, 0.0, 1.0),
        description="A round bowl (Hessian = I, λ = 1): the gradient points straight at the "
        "centre, so SGD and Momentum run straight in, while RMSprop and Adam scale each "
        "coordinate on its own and their paths bend; gradient descent is stable for "
        "η < 2/λ = 2.",
    )


ILL_CONDITIONED_LAMBDAS = (1.0, 25.0)


def _ill_conditioned() -> Surface:
    # f = ½(x² + 25y²): Hessian diag(1, 25). Gradient descent on y multiplies it by
    # (1 − 25η) each step: it zig-zags for η > 1/25 and diverges for η > 2/25 = 2/λₘₐₓ.
    return Surface(
        "ill_conditioned", "Ill-conditioned quadratic (ravine)", "f(x, y) = ½(x² + 25y²)",
        lambda x, y: 0.5 * (x * x + 25.0 * y * y),
        lambda x, y: (x, 25.0 * y),
        (-5.0, 5.0, -3.0, 3.0), [(0.0, 0.0)], (-4.5, 1.0),
        hessian_fn=ConstantHessian(1.0, 0.0, 25.0),
        description="A narrow ravine with Hessian eigenvalues λ = 1 and λₘₐₓ = 25 "
        "(condition number 25): SGD is stable only for η < 2/λₘₐₓ = 0.08, and near that "
        "limit it zig-zags across the ravine while crawling along it. At the same η, "
        "Momentum reaches the minimum many times sooner than SGD.",
    )


def _rosenbrock() -> Surface:
    # f = (1 − x)² + 100(y − x²)²
    # ∂f/∂x = −2(1 − x) − 400x(y − x²),  ∂f/∂y = 200(y − x²)
    def value(x, y):
        return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2

    def grad(x, y):
        r = y - x * x
        return -2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r

    def hessian(x, y):
        # ∂²f/∂x² = 2 − 400(y − x²) + 800x² = 2 − 400y + 1200x², ∂²f/∂x∂y = −400x, ∂²f/∂y² = 200
        return 2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x, 200.0

    return Surface(
        "rosenbrock", "Rosenbrock's banana", "f(x, y) = (1 − x)² + 100(y − x²)²",
        value, grad, (-2.0, 2.0, -1.0, 3.0), [(1.0, 1.0)], (-1.5, 2.0), log_scale=True,
        hessian_fn=hessian,
        description="Finding the curved valley is easy; following its flat floor to (1, 1) "
        "is slow, and too large a learning rate bounces off its steep walls: SGD with "
        "η = 0.002 zig-zags across the floor, and with η = 0.003 it is thrown out within a "
        "few steps.",
    )


def _beale() -> Surface:
    # f = a² + b² + c², a = 1.5 − x + xy, b = 2.25 − x + xy², c = 2.625 − x + xy³
    # ∂f/∂x = 2a(y − 1) + 2b(y² − 1) + 2c(y³ − 1),  ∂f/∂y = 2a·x + 2b·2xy + 2c·3xy²
    def value(x, y):
        a = 1.5 - x + x * y
        b = 2.25 - x + x * y**2
        c = 2.625 - x + x * y**3
        return a * a + b * b + c * c

    def grad(x, y):
        a = 1.5 - x + x * y
        b = 2.25 - x + x * y**2
        c = 2.625 - x + x * y**3
        gx = 2.0 * (a * (y - 1.0) + b * (y**2 - 1.0) + c * (y**3 - 1.0))
        gy = 2.0 * x * (a + 2.0 * b * y + 3.0 * c * y**2)
        return gx, gy

    def hessian(x, y):
        # f = Σ r² over r = a, b, c, so ∇²f = 2 Σ (∇r ∇rᵀ + r ∇²r), with
        # ∇a = (y − 1, x), ∇b = (y² − 1, 2xy), ∇c = (y³ − 1, 3xy²),
        # ∂²a/∂x∂y = 1, ∂²b/∂x∂y = 2y, ∂²c/∂x∂y = 3y², ∂²b/∂y² = 2x, ∂²c/∂y² = 6xy, others 0.
        a = 1.5 - x + x * y
        b = 2.25 - x + x * y**2
        c = 2.625 - x + x * y**3
        ax, bx, cx = y - 1.0, y**2 - 1.0, y**3 - 1.0
        ay, by, cy = x, 2.0 * x * y, 3.0 * x * y**2
        hxx = 2.0 * (ax * ax + bx * bx + cx * cx)
        hxy = 2.0 * (ax * ay + a + bx * by + 2.0 * y * b + cx * cy + 3.0 * y**2 * c)
        hyy = 2.0 * (ay * ay + by * by + cy * cy + 2.0 * x * b + 6.0 * x * y * c)
        return hxx, hxy, hyy

    return Surface(
        "beale", "Beale's function",
        "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        value, grad, (-4.5, 4.5, -4.5, 4.5), [(3.0, 0.5)], (1.0, 1.5), log_scale=True,
        hessian_fn=hessian,
        description="Flat plateaus next to walls that climb steeply to the corners: watch "
        "which optimizers find the narrow valley to (3, 0.5) and which stall on the flat "
        "(SGD, with η = 0.001).",
    )


HIMMELBLAU_MINIMA = [
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.283185991286170),
    (3.584428340330492, -1.848126526964404),
]


def _himmelblau() -> Surface:
    # f = (x² + y − 11)² + (x + y² − 7)²
    # ∂f/∂x = 4x(x² + y − 11) + 2(x + y² − 7),  ∂f/∂y = 2(x² + y − 11) + 4y(x + y² − 7)
    def value(x, y):
        return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2

    def grad(x, y):
        a = x * x + y - 11.0
        b = x + y * y - 7.0
        return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b

    def hessian(x, y):
        # ∂²f/∂x² = 12x² + 4y − 42, ∂²f/∂x∂y = 4(x + y), ∂²f/∂y² = 12y² + 4x − 26
        return 12.0 * x * x + 4.0 * y - 42.0, 4.0 * (x + y), 12.0 * y * y + 4.0 * x - 26.0

    return Surface(
        "himmelblau", "Himmelblau's function", "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
        value, grad, (-5.0, 5.0, -5.0, 5.0), HIMMELBLAU_MINIMA, (-0.2, -0.8), log_scale=True,
        hessian_fn=hessian,
        description="Four equally good minima around a hill at (−0.27, −0.92): starting near "
        "its top, optimizers with different step rules roll into different minima.",
    )


def _rastrigin() -> Surface:
    # f = 20 + x² − 10cos(2πx) + y² − 10cos(2πy)
    # ∂f/∂x = 2x + 20π sin(2πx)  (same in y)
    tau = 2.0 * math.pi

    def value(x, y):
        return 20.0 + x * x - 10.0 * np.cos(tau * x) + y * y - 10.0 * np.cos(tau * y)

    def grad(x, y):
        return 2.0 * x + 10.0 * tau * np.sin(tau * x), 2.0 * y + 10.0 * tau * np.sin(tau * y)

    def hessian(x, y):
        # ∂²f/∂x² = 2 + 40π² cos(2πx) (same in y); the coordinates do not mix
        k = 10.0 * tau * tau
        return 2.0 + k * np.cos(tau * x), 0.0, 2.0 + k * np.cos(tau * y)

    return Surface(
        "rastrigin", "Rastrigin's function",
        "f(x, y) = 20 + x² − 10 cos(2πx) + y² − 10 cos(2πy)",
        value, grad, (-5.12, 5.12, -5.12, 5.12), [(0.0, 0.0)], (-3.3, 2.8),
        hessian_fn=hessian,
        description="An egg-crate of local minima on a bowl: small steps get trapped in "
        "the nearest dimple (from (−3.3, 2.8), with η ≤ 0.05, every optimizer stops in the "
        "one at (−2.98, 2.98)); only larger steps or momentum can hop towards (0, 0), as "
        "the Rastrigin scenario shows.",
    )


def _saddle() -> Surface:
    # f = x² − y²: ∂f/∂x = 2x, ∂f/∂y = −2y. Unbounded below, so there is no minimum.
    return Surface(
        "saddle", "Saddle point", "f(x, y) = x² − y²",
        lambda x, y: x * x - y * y,
        lambda x, y: (2.0 * x, -2.0 * y),
        (-2.0, 2.0, -2.0, 2.0), [], (-1.5, 0.01),
        hessian_fn=ConstantHessian(2.0, 0.0, -2.0),
        description="No minimum (minima = []): the origin is a saddle. Started just off the "
        "x-axis, SGD slides towards the saddle, slowing as |∇f| shrinks, and stays near the "
        "x-axis, while RMSprop and Adam amplify the tiny y-gradient and escape downhill "
        "within a few dozen steps.",
    )


def _monkey_saddle() -> Surface:
    # f = x³ − 3xy²: ∂f/∂x = 3x² − 3y², ∂f/∂y = −6xy. Unbounded below: no minimum.
    return Surface(
        "monkey_saddle", "Monkey saddle", "f(x, y) = x³ − 3xy²",
        lambda x, y: x**3 - 3.0 * x * y * y,
        lambda x, y: (3.0 * (x * x - y * y), -6.0 * x * y),
        (-2.0, 2.0, -2.0, 2.0), [], (1.0, 0.05),
        # ∂²f/∂x² = 6x, ∂²f/∂x∂y = −6y, ∂²f/∂y² = −6x: zero at the origin
        hessian_fn=lambda x, y: (6.0 * x, -6.0 * y, -6.0 * x),
        description="No minimum (minima = []): a saddle with three valleys and a Hessian of "
        "zero at the origin, so the gradient vanishes quadratically (|∇f| = 3r² at distance "
        "r): SGD slows to a crawl as it nears the origin before it slides off down a "
        "valley, long after Momentum, RMSprop and Adam have left.",
    )


STYBLINSKI_TANG_X = -2.903534027771178  # root of 2x³ − 16x + 2.5 = 0, the global one


def _styblinski_tang() -> Surface:
    # f = ½ Σ (t⁴ − 16t² + 5t) over t = x, y;  ∂f/∂t = 2t³ − 16t + 2.5
    def value(x, y):
        return 0.5 * (x**4 - 16.0 * x * x + 5.0 * x + y**4 - 16.0 * y * y + 5.0 * y)

    def grad(x, y):
        return 2.0 * x**3 - 16.0 * x + 2.5, 2.0 * y**3 - 16.0 * y + 2.5

    def hessian(x, y):
        # ∂²f/∂t² = 6t² − 16; the coordinates do not mix
        return 6.0 * x * x - 16.0, 0.0, 6.0 * y * y - 16.0

    m = STYBLINSKI_TANG_X
    return Surface(
        "styblinski_tang", "Styblinski–Tang function",
        "f(x, y) = ½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
        value, grad, (-5.0, 5.0, -5.0, 5.0), [(m, m)], (4.5, 3.5),
        hessian_fn=hessian,
        description="Four basins of different depths: from the corner, plain descent "
        "settles in the shallowest basin at (2.75, 2.75); the deepest is at (−2.90, −2.90).",
    )


def _goldstein_price() -> Surface:
    # f = A·B with
    #   A = 1 + P²Q,  P = x + y + 1,  Q = 19 − 14x + 3x² − 14y + 6xy + 3y²
    #   B = 30 + R²S, R = 2x − 3y,    S = 18 − 32x + 12x² + 48y − 36xy + 27y²
    # ∂A/∂x = ∂A/∂y = 2PQ + P²(6x + 6y − 14)
    # ∂B/∂x = 4RS + R²(24x − 36y − 32),  ∂B/∂y = −6RS + R²(54y − 36x + 48)
    def parts(x, y):
        p = x + y + 1.0
        q = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y
        r = 2.0 * x - 3.0 * y
        s = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y
        return p, q, r, s

    def value(x, y):
        p, q, r, s = parts(x, y)
        return (1.0 + p * p * q) * (30.0 + r * r * s)

    def grad(x, y):
        p, q, r, s = parts(x, y)
        a = 1.0 + p * p * q
        b = 30.0 + r * r * s
        da = 2.0 * p * q + p * p * (6.0 * x + 6.0 * y - 14.0)
        dbx = 4.0 * r * s + r * r * (24.0 * x - 36.0 * y - 32.0)
        dby = -6.0 * r * s + r * r * (54.0 * y - 36.0 * x + 48.0)
        return da * b + a * dbx, da * b + a * dby

    return Surface(
        "goldstein_price", "Goldstein–Price function",
        "f(x, y) = [1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]"
        " · [30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]",
        value, grad, (-2.0, 2.0, -2.0, 2.0), [(0.0, -1.0)], (1.5, 1.5), log_scale=True,
        description="Values span six orders of magnitude (3 to ~10⁶) with local minima on "
        "the way. The start (1.5, 1.5) is on a steep wall: even η = 0.001 makes SGD and "
        "Momentum explode within two steps, while Adam, whose steps are about η whatever the "
        "slope, comes down the wall and stops in the local minimum near (1.2, 0.8) "
        "(f = 840, against 3 at (0, −1)).",
    )


def _booth() -> Surface:
    # f = (x + 2y − 7)² + (2x + y − 5)²: Hessian [[10, 8], [8, 10]], eigenvalues 18 and 2.
    # ∂f/∂x = 2(x + 2y − 7) + 4(2x + y − 5),  ∂f/∂y = 4(x + 2y − 7) + 2(2x + y − 5)
    def value(x, y):
        return (x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2

    def grad(x, y):
        a = x + 2.0 * y - 7.0
        b = 2.0 * x + y - 5.0
        return 2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b

    return Surface(
        "booth", "Booth's function", "f(x, y) = (x + 2y − 7)² + (2x + y − 5)²",
        # The start is off both eigenvector lines through (1, 3): from (−8, −6), on the
        # steep one, the gradient pointed exactly at the minimum and every path was straight.
        value, grad, (-10.0, 10.0, -10.0, 10.0), [(1.0, 3.0)], (-6.0, 4.0),
        hessian_fn=ConstantHessian(10.0, 8.0, 10.0),
        description="A tilted quadratic (Hessian eigenvalues 18 and 2): from (−6, 4) the "
        "gradient points 45° away from the minimum, so SGD first drops into the valley "
        "along the steep direction, then turns and curves in along the gentle one; it is "
        "stable for η < 2/18 ≈ 0.11.",
    )


SIX_HUMP_CAMEL_MINIMA = [
    (0.08984201310031807, -0.7126564030207396),
    (-0.08984201310031807, 0.7126564030207396),
]


def _six_hump_camel() -> Surface:
    # f = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²
    # ∂f/∂x = 8x − 8.4x³ + 2x⁵ + y,  ∂f/∂y = x − 8y + 16y³
    def value(x, y):
        x2 = x * x
        y2 = y * y
        return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2

    def grad(x, y):
        return 8.0 * x - 8.4 * x**3 + 2.0 * x**5 + y, x - 8.0 * y + 16.0 * y**3

    def hessian(x, y):
        # ∂²f/∂x² = 8 − 25.2x² + 10x⁴, ∂²f/∂x∂y = 1, ∂²f/∂y² = 48y² − 8
        x2 = x * x
        return 8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0, 48.0 * y * y - 8.0

    return Surface(
        "six_hump_camel", "Six-hump camel function",
        "f(x, y) = (4 − 2.1x² + x⁴/3)x² + xy + (4y² − 4)y²",
        value, grad, (-3.0, 3.0, -2.0, 2.0), SIX_HUMP_CAMEL_MINIMA, (-1.5, -1.0),
        hessian_fn=hessian,
        description="Two global minima near (±0.09, ∓0.71) among four local ones: from the "
        "start (−1.5, −1), careful descent settles in the local minimum at (−1.61, −0.57).",
    )


PLATEAU_WIDTH = 0.25  # s: the well's radius; the cliff is steepest at r = s/√3


def _plateau_cliff() -> Surface:
    # f = u/(1 + u), u = (x² + y²)/s²: ≈ 1 on a plateau where |∇f| ≈ 2s²/r³ (~10⁻³),
    # dropping down a cliff of slope up to 3√3/(8s) ≈ 2.6 into the well at the origin.
    # ∂f/∂x = (1/(1 + u)²)·2x/s²  (same in y)
    s2 = PLATEAU_WIDTH**2

    def value(x, y):
        u = (x * x + y * y) / s2
        return u / (1.0 + u)

    def grad(x, y):
        u = (x * x + y * y) / s2
        k = 2.0 / (s2 * (1.0 + u) ** 2)
        return k * x, k * y

    def hessian(x, y):
        # ∇f = k(u)·(x, y) with ∂k/∂x = −8x / (s⁴(1 + u)³), so
        # ∂²f/∂x² = k − 8x²/(s⁴(1 + u)³), ∂²f/∂x∂y = −8xy/(s⁴(1 + u)³), ∂²f/∂y² likewise
        u = (x * x + y * y) / s2
        k = 2.0 / (s2 * (1.0 + u) ** 2)
        m = 8.0 / (s2 * s2 * (1.0 + u) ** 3)
        return k - m * x * x, -m * x * y, k - m * y * y

    return Surface(
        "plateau_cliff", "Plateau and cliff", "f(x, y) = u / (1 + u),  u = (x² + y²)/0.25²",
        value, grad, (-3.0, 3.0, -3.0, 3.0), [(0.0, 0.0)], (2.5, 1.8),
        hessian_fn=hessian,
        description="On the plateau |∇f| is a few 10⁻³, so SGD barely moves while Adam steps "
        "about η per iteration whatever the slope, and RMSprop several η (its average of g² "
        "starts from zero and lags behind the growing slope); a learning rate large enough "
        "for SGD to cross the plateau flings it off the cliff (slope ≈ 2.6) round the well.",
    )


BUILDERS: dict[str, Callable[[], Surface]] = {
    "quadratic": _quadratic,
    "ill_conditioned": _ill_conditioned,
    "rosenbrock": _rosenbrock,
    "beale": _beale,
    "himmelblau": _himmelblau,
    "rastrigin": _rastrigin,
    "saddle": _saddle,
    "monkey_saddle": _monkey_saddle,
    "styblinski_tang": _styblinski_tang,
    "goldstein_price": _goldstein_price,
    "booth": _booth,
    "six_hump_camel": _six_hump_camel,
    "plateau_cliff": _plateau_cliff,
}
