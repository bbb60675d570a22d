"""The sentences under the controls: what the picture's axes are, in the learner's words.

Each says what is drawn and nothing it does not show: the directions d₁ and d₂, where
the origin is, which samples the loss is measured on, and for the PCA plane the share
of the path's variance each direction explains and why it must not compare runs.
"""

from __future__ import annotations

NO_DATA = ("No MNIST data yet: load or download them in the MNIST tab (its Data box), "
           "then come back here.")

CHOOSE = {
    "line": "The straight line from the shared start θ₀ through each ticked run's final weights.",
    "random": "The loss around the first ticked run's final weights, along two random directions.",
    "runs": "The plane through θ₀ and the final weights of the first two ticked runs, with "
            "every ticked run's path.",
    "pca": "The plane in which the first ticked run's path varies most, with that path.",
}


def samples(n: int) -> str:
    return f"{n:,} training images".replace(",", " ")


def random(run: str, seed: int, n: int) -> str:
    return (f"θ_T + α·d₁ + β·d₂ around {run}'s final weights θ_T: d₁, d₂ are random directions "
            f"(seed {seed}), filter-normalised (each row of a weight matrix as long as that row of "
            f"θ_T; biases fixed), so one unit is the network's own scale. Loss on the first "
            f"{samples(n)}.")


def runs(names: tuple[str, str], b_point: tuple[float, float], n: int,
         skipped: list[str] | None = None) -> str:
    b1, b2 = b_point
    text = (f"θ₀ + α·d₁ + β·d₂ with d₁ = θ_T({names[0]}) − θ₀ and d₂ ⟂ d₁ of the same length, "
            f"so θ₀ = (0, 0), {names[0]} ends at (1, 0) and {names[1]} at ({b1:.2f}, {b2:.2f}), "
            f"exactly; the paths are projected onto the plane. {names[0]}'s loss on the first "
            f"{samples(n)}.")
    if skipped:
        text += f" No path for {', '.join(skipped)} (another θ₀, or none kept)."
    return text


def pca(run: str, explained: tuple[float, float], n: int) -> str:
    r1, r2 = explained
    return (f"θ_T + α·d₁ + β·d₂: d₁, d₂ are the directions in which {run}'s path (checkpoints "
            f"− θ_T) varies most, explaining {100 * r1:.1f} % and {100 * r2:.1f} % of its "
            "variance. A PCA plane belongs to one run and must not be used to compare "
            f"optimizers. Loss on the first {samples(n)}.")


def line(runs: int, n: int, left_out: list[str] | None = None) -> str:
    which = "each run's" if runs > 1 else "the run's"
    text = (f"θ₀ + α·(θ_T − θ₀) for {which} final weights θ_T: α = 0 is the start "
            f"{'they share' if runs > 1 else 'of training'}, α = 1 the end of training. Loss and "
            f"accuracy on the first {samples(n)}.")
    if left_out:
        text += f" Not drawn: {', '.join(left_out)} (another θ₀, or no path kept)."
    return text


def no_trajectory(run: str, view: str) -> str:
    what = {"line": "The line", "runs": "The plane of two runs", "pca": "The PCA plane"}[view]
    return (f"{what} needs {run}'s start and path, and that run kept none (trained or saved "
            "before GradLab kept them); its random plane works.")
