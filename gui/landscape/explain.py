"""The sentences under the controls: what the picture's axes are, in the learner's words.

Each says what is drawn and nothing it does not show: the directions d₁ and d₂, where
the origin is, which samples the loss is measured on, and for the PCA plane the share
of the path's variance each direction explains and why it must not compare runs.
Every sentence is in the language in use when it is asked for (gui/i18n.py): the tab
asks again when the language changes.
"""

from __future__ import annotations

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "LandscapeExplain"

NO_DATA = QT_TRANSLATE_NOOP("LandscapeExplain",
                            "No MNIST data yet: load or download them in the MNIST tab (its Data box), "
                            "then come back here.")

# What Compute will draw (English source texts; shown through `choose`).
CHOOSE = {
    "line": QT_TRANSLATE_NOOP("LandscapeExplain",
                              "The straight line from the shared start θ₀ through each ticked run's "
                              "final weights."),
    "random": QT_TRANSLATE_NOOP("LandscapeExplain",
                                "The loss around the first ticked run's final weights, along two "
                                "random directions."),
    "runs": QT_TRANSLATE_NOOP("LandscapeExplain",
                              "The plane through θ₀ and the final weights of the first two ticked "
                              "runs, with every ticked run's path."),
    "pca": QT_TRANSLATE_NOOP("LandscapeExplain",
                             "The plane in which the first ticked run's path varies most, with that "
                             "path."),
}


def choose(view: str) -> str:
    """`CHOOSE[view]` in the language in use."""
    return translate("LandscapeExplain", CHOOSE[view])


def no_data() -> str:
    return translate("LandscapeExplain", NO_DATA)


def names(items: list[str]) -> str:
    """Run names in a list ("1. SGD, 2. Adam"; "1. SGD、2. Adam" in Chinese)."""
    return translate("LandscapeExplain", ", ").join(items)


def samples(n: int) -> str:
    count = f"{n:,}".replace(",", " ")
    return translate("LandscapeExplain", "{count} training images").format(count=count)


def random(run: str, seed: int, n: int) -> str:
    return translate(
        "LandscapeExplain",
        "θ_T + α·d₁ + β·d₂ around {run}'s final weights θ_T: d₁, d₂ are random directions "
        "(seed {seed}), filter-normalised (each row of a weight matrix as long as that row of "
        "θ_T; biases fixed), so one unit is the network's own scale. Loss on the first "
        "{samples}.").format(run=run, seed=seed, samples=samples(n))


def runs(names_: tuple[str, str], b_point: tuple[float, float], n: int,
         skipped: list[str] | None = None) -> str:
    b1, b2 = b_point
    text = translate(
        "LandscapeExplain",
        "θ₀ + α·d₁ + β·d₂ with d₁ = θ_T({a}) − θ₀ and d₂ ⟂ d₁ of the same length, "
        "so θ₀ = (0, 0), {a} ends at (1, 0) and {b} at ({b1}, {b2}), "
        "exactly; the paths are projected onto the plane. {a}'s loss on the first "
        "{samples}.").format(a=names_[0], b=names_[1], b1=f"{b1:.2f}", b2=f"{b2:.2f}",
                             samples=samples(n))
    if skipped:
        text += translate("LandscapeExplain", " No path for {runs} (another θ₀, or none kept).").format(
            runs=names(skipped))
    return text


def pca(run: str, explained: tuple[float, float], n: int) -> str:
    r1, r2 = explained
    return translate(
        "LandscapeExplain",
        "θ_T + α·d₁ + β·d₂: d₁, d₂ are the directions in which {run}'s path (checkpoints "
        "− θ_T) varies most, explaining {r1} % and {r2} % of its "
        "variance. A PCA plane belongs to one run and must not be used to compare "
        "optimizers. Loss on the first {samples}.").format(
            run=run, r1=f"{100 * r1:.1f}", r2=f"{100 * r2:.1f}", samples=samples(n))


def line(runs: int, n: int, left_out: list[str] | None = None) -> str:
    if runs > 1:
        text = translate(
            "LandscapeExplain",
            "θ₀ + α·(θ_T − θ₀) for each run's final weights θ_T: α = 0 is the start "
            "they share, α = 1 the end of training. Loss and "
            "accuracy on the first {samples}.")
    else:
        text = translate(
            "LandscapeExplain",
            "θ₀ + α·(θ_T − θ₀) for the run's final weights θ_T: α = 0 is the start "
            "of training, α = 1 the end of training. Loss and "
            "accuracy on the first {samples}.")
    text = text.format(samples=samples(n))
    if left_out:
        text += translate("LandscapeExplain", " Not drawn: {runs} (another θ₀, or no path kept).").format(
            runs=names(left_out))
    return text


def no_trajectory(run: str, view: str) -> str:
    if view == "line":
        text = translate("LandscapeExplain", "The line needs {run}'s start and path, and that run kept none "
                                  "(trained or saved before GradLab kept them); its random plane works.")
    elif view == "runs":
        text = translate("LandscapeExplain", "The plane of two runs needs {run}'s start and path, and that run "
                                  "kept none (trained or saved before GradLab kept them); its random "
                                  "plane works.")
    else:
        text = translate("LandscapeExplain", "The PCA plane needs {run}'s start and path, and that run kept none "
                                  "(trained or saved before GradLab kept them); its random plane works.")
    return text.format(run=run)
