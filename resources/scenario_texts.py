"""The teaching scenarios' titles and "what to watch for" texts, marked for translation.

The scenario files stay language-independent (their English texts are the source
text); this module lists those texts as `QT_TRANSLATE_NOOP("Scenario", ...)` calls so
that pyside6-lupdate finds them, and the race tab shows each through
`translate("Scenario", text)`. A scenario a user writes keeps its own text: it has no
entry, and `translate` returns it unchanged.

The list is generated from resources/scenarios/*.json; after editing a scenario run

    python -m gradlab.resources.scenario_texts --write

(`--check` exits 1 when this file is out of date; tests/test_i18n_race.py checks too).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """The text unchanged: the call only marks it for pyside6-lupdate (no Qt needed here)."""
    return text


BEGIN = "# --- generated texts: do not edit by hand (see the module's docstring) ---"
END = "# --- end of generated texts ---"

# --- generated texts: do not edit by hand (see the module's docstring) ---
TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Scenario", "Rosenbrock's banana valley"),
    QT_TRANSLATE_NOOP("Scenario", "Everyone finds the curved valley within a few steps; following its nearly flat floor to the star at (1, 1) is the hard part. Watch SGD crawl along the floor (its gradient there is about a hundredth of the gradient at the start), Momentum build up speed and overshoot the bends, Adam take steps of at most about η however steep the slope, and RMSprop rattle from wall to wall across the floor. Compare the loss curves on the log scale: they end orders of magnitude apart."),
    QT_TRANSLATE_NOOP("Scenario", "Ravine: momentum vs SGD"),
    QT_TRANSLATE_NOOP("Scenario", "A long narrow ravine (curvatures 1 and 25). SGD needs a small η to stay stable across the ravine: at η = 0.07 it zig-zags from wall to wall before it crawls along the floor, and at η = 0.02 it crawls all the way. Momentum averages the zig-zag away (the steep components cancel, the gentle ones add up) and reaches the star in about half the steps of SGD at η = 0.07; Nesterov, which looks ahead before it steps, in about a quarter: watch its update arrow turn to point along the ravine after its first step."),
    QT_TRANSLATE_NOOP("Scenario", "Saddle point"),
    QT_TRANSLATE_NOOP("Scenario", "f = x² − y² has no minimum; the origin is a saddle where ∇f = 0. Starting almost on the x-axis, SGD slides to the saddle and lingers there for about twenty steps: the y-gradient is tiny, so its steps are tiny, until y has grown enough to carry it off downhill. RMSprop and Adam divide by the gradient's size, so the tiny y-gradient still produces a full step and they escape downhill far sooner. Watch the gradient arrows shrink near the centre: along SGD's path |∇f| falls from 3 to about 0.3."),
    QT_TRANSLATE_NOOP("Scenario", "Rastrigin: a field of local minima"),
    QT_TRANSLATE_NOOP("Scenario", "An egg-crate of dimples on top of a bowl; the only global minimum is the star at (0, 0). Small steps fall into the nearest dimple and stop: the gradient there is zero, so the optimizer believes it is done. Momentum carries enough speed to roll over several ridges before it settles in a dimple about half as high, and Adam's large steps (η = 1) jump ridges too. Nobody is guaranteed the global minimum: gradient descent is local."),
    QT_TRANSLATE_NOOP("Scenario", "Beale's function"),
    QT_TRANSLATE_NOOP("Scenario", "Flat plateaus beside walls that climb steeply to the corners (note the log colour scale). Watch which optimizers find the narrow valley to the star at (3, 0.5): SGD is slowed on the flat, while RMSprop and Adam rescale each coordinate and keep moving."),
    QT_TRANSLATE_NOOP("Scenario", "Learning-rate limit 2/λₘₐₓ"),
    QT_TRANSLATE_NOOP("Scenario", "f = ½(x² + 25y²) has Hessian eigenvalues λ = 1 and λₘₐₓ = 25. Gradient descent multiplies the y-error by (1 − 25η) each step: stable only while |1 − 25η| < 1, i.e. η < 2/λₘₐₓ = 0.08. At η = 0.075 SGD zig-zags but converges; at η = 0.085 every zig-zag is larger than the last and it diverges. Small η is safe but slow along x."),
    QT_TRANSLATE_NOOP("Scenario", "Plateau and cliff"),
    QT_TRANSLATE_NOOP("Scenario", "On the plateau the gradient is a few 10⁻³. SGD with η = 0.5 creeps across it for hundreds of steps, then the cliff flings it back out: the well's curvature is 2/0.25² = 32, so SGD is stable there only for η < 2/32. With η = 10 it races across and is flung far away within 30 steps. Adam steps about η whatever the slope and walks down into the well; RMSprop too, but its first steps are about 10η (its average of g² starts from zero; Adam corrects for that)."),
)
# --- end of generated texts ---


def marked(context: str, texts: Iterable[str], name: str = "TEXTS") -> str:
    """`name = (QT_TRANSLATE_NOOP(context, text), ...)` as Python source, each text once,
    in order. One literal per text, on one line: lupdate reads literals, not expressions."""
    lines = [f"{name}: tuple[str, ...] = ("]
    seen: set[str] = set()
    for text in texts:
        if text and text not in seen:
            seen.add(text)
            # JSON's escapes (\" \\ \n \uXXXX) are Python's too; lupdate reads them alike.
            lines.append(f"    QT_TRANSLATE_NOOP({json.dumps(context)}, "
                         f"{json.dumps(text, ensure_ascii=False)}),")
    return "\n".join(lines + [")"])


def rewrite(path: Path, body: str) -> str:
    """The text of `path` with the part between BEGIN and END replaced by `body`."""
    source = path.read_text(encoding="utf-8")
    head, sep, rest = source.partition(BEGIN + "\n")
    _, sep2, tail = rest.partition(END)
    if not (sep and sep2):
        raise ValueError(f"{path}: the generated-texts markers are missing")
    return f"{head}{BEGIN}\n{body}\n{END}{tail}"


def scenario_texts() -> list[str]:
    """Every shipped scenario's title, then its lesson, in menu order."""
    from gradlab.resources import scenario_paths

    out: list[str] = []
    for path in scenario_paths():
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [data.get("title", ""), data.get("lesson", "")]
    return out


def generated() -> str:
    """This module's text as it should be, for the scenarios shipped now."""
    return rewrite(Path(__file__), marked("Scenario", scenario_texts()))


def main(argv: list[str], path: Path, expected: str, module: str) -> int:
    """`--write`: bring `path` up to date; `--check`: exit 1 if it is out of date."""
    if argv not in (["--write"], ["--check"]):
        print(f"usage: python -m {module} --write | --check", file=sys.stderr)
        return 2
    current = path.read_text(encoding="utf-8")
    if argv == ["--check"]:
        if current != expected:
            print(f"{path} is out of date: run it with --write", file=sys.stderr)
            return 1
        return 0
    if current != expected:
        path.write_text(expected, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], Path(__file__), generated(), "gradlab.resources.scenario_texts"))
