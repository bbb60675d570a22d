"""The race tab's words that come from the core, in the language in use.

The core keeps its English texts (surface titles and descriptions, optimizer titles and
notes): the CLI prints them and scenario files store them. The race tab shows them
through here. Their source texts are marked in `core_texts` (generated from the core);
texts the core builds from parts (a model surface's title, a typed formula's
description) are put together here again from translated parts. Anything unknown (a
name a user typed, a scenario of their own) is shown as it is.
"""

from __future__ import annotations

import re
from typing import Any

from gradlab.core import optimizers, surfaces
from gradlab.gui import terms
from gradlab.gui.i18n import translate

_MODEL = re.compile(r"^logistic_(mse|cross_entropy|focal)(?::gamma=(.+))?$")
# The core's description of a typed formula (core/surfaces/expression.py).
_FORMULA = re.compile(r"^Your formula\. Exact gradient(?:: (?P<gradient>.*)| \(too long to show\)); "
                      r"the minimum marked is estimated from a (?P<n>\d+)×(?P=n) grid\.$", re.DOTALL)
# A model surface's (core/surfaces/logistic.py).
_MODEL_DATA = re.compile(r"^x is the weight w, y the bias b\. Data \(x, t\): (?P<data>.*?)\. ", re.DOTALL)


def _model(name: str) -> tuple[str, float] | None:
    m = _MODEL.match(name or "")
    if m is None:
        return None
    try:
        gamma = float(m.group(2)) if m.group(2) else 2.0
    except ValueError:
        return None
    return m.group(1), gamma


def surface_title(name: str, english: str | None = None) -> str:
    """The title of the surface called `name` (its English title `english`, when known)."""
    from gradlab.core.surfaces import logistic

    model = _model(name)
    if model is not None:
        loss, gamma = model
        title = translate("RaceSurface", "Logistic regression, {loss}").format(
            loss=translate("RaceSurface", logistic.LOSSES[loss]))
        return title + (f" (γ = {gamma:g})" if loss == "focal" else "")
    if english is None:
        english = surfaces.title(name) if surfaces.known(name) else name
    return translate("RaceSurface", english)


def title_of(surface: Any) -> str:
    """`surface.title` in the language in use (a typed formula's title is its formula)."""
    return surface_title(surface.name, surface.title)


def description_of(surface: Any) -> str:
    """`surface.description` in the language in use."""
    from gradlab.core.surfaces import logistic

    text = surface.description or ""
    model = _model(surface.name)
    if model is not None:
        m = _MODEL_DATA.match(text)
        lesson = logistic.LESSONS[model[0]]
        if m is not None and text.endswith(lesson):
            return translate("RaceSurface", "x is the weight w, y the bias b. Data (x, t): {data}. "
                             "{lesson}").format(data=m.group("data"),
                                                lesson=translate("RaceSurface", lesson))
        return text
    m = _FORMULA.match(text)
    if m is not None:
        if m.group("gradient") is None:
            gradient = translate("RaceSurface", "Exact gradient (too long to show)")
        else:
            gradient = translate("RaceSurface", "Exact gradient: {gradient}").format(
                gradient=m.group("gradient"))
        return translate("RaceSurface", "Your formula. {gradient}; the minimum marked is "
                         "estimated from a {n}×{n} grid.").format(gradient=gradient, n=m.group("n"))
    return translate("RaceSurface", text)


def racer_label(entry: Any) -> str:
    """A racer's label as shown: a label that begins with its optimizer's English title
    ("Momentum", "Momentum #2", "SGD η=0.07") begins with the translated title; the label
    kept in the racer (and saved in scenarios and CSV files) stays as it is."""
    label = entry.label
    try:
        english = optimizers.title(entry.name)
    except ValueError:
        return label
    if label == english or label.startswith(english + " "):
        return terms.optimizer_title(entry.name) + label[len(english):]
    return label


def optimizer_note(name: str) -> str:
    """The optimizer's update-rule note (its docstring), for the card's tooltip, as rich
    text: the prose as paragraphs, the indented pseudo-code in a fixed-width block (the
    docstring's reStructuredText `.. code-block::` marker is for Sphinx, not for a reader)."""
    doc = optimizers.get(name).doc
    if not doc:
        return translate("RaceOptimizer", "update rule")
    return rst_note_html(translate("RaceOptimizer", doc))


def rst_note_html(text: str) -> str:
    """Plain paragraphs and indented code blocks of `text` as HTML; directive lines dropped."""
    import html  # noqa: PLC0415 - only tooltips need it
    import textwrap  # noqa: PLC0415

    parts: list[str] = []
    code: list[str] = []
    prose: list[str] = []

    def flush() -> None:
        if code:
            block = textwrap.dedent("\n".join(code)).strip("\n")
            parts.append(f"<pre>{html.escape(block)}</pre>")
            code.clear()
        if prose:
            parts.append(f"<p>{html.escape(' '.join(prose))}</p>")
            prose.clear()

    for line in text.splitlines():
        if line.strip().startswith(".. "):
            continue
        if line.startswith((" ", "\t")) and line.strip():
            if prose:
                flush()
            code.append(line)
        elif not line.strip():
            if prose:
                flush()
            elif code:
                code.append("")
        else:
            if code:
                flush()
            prose.append(line.strip())
    flush()
    return "".join(parts)


def scenario_text(text: str) -> str:
    """A scenario's title or lesson: the shipped ones are translated, a user's stay."""
    return translate("Scenario", text) if text else text


def refit(combo: Any) -> None:
    """Size a combo box to its items again after their texts changed (a language change):
    Qt measures them once, when first shown, and would cut a longer translation."""
    policy = combo.sizeAdjustPolicy()
    other = type(policy).AdjustToContents if policy != type(policy).AdjustToContents \
        else type(policy).AdjustToContentsOnFirstShow
    combo.setSizeAdjustPolicy(other)  # setting a different policy drops the cached size
    combo.setSizeAdjustPolicy(policy)
