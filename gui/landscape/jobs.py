"""What the Landscape tab's worker runs: plain values in, the core's generators, frames out.

    request = Request("random", (run,), data, grid=21, span=1.0, subset=2000, seed=0)
    problem = check(request)              # one line, or None: said before any thread starts
    worker = GeneratorWorker(lambda stop: frames(request, stop))

`frames` yields a `PlaneStart` (the grid's α and β, the marked points, the projected
paths, the explanation) and then the core's `GridUpdate`s, or a `LineStart` and then
`LineUpdate`s. Everything heavy (torch, the directions, the projections) happens here,
in the worker thread: the GUI only draws. `load_data` and `load_file` read MNIST and a
run file the same way, off the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from gradlab.gui.i18n import translate
from gradlab.gui.landscape import explain
from gradlab.gui.landscape.runs import RunSource, same_start

VIEWS = ("line", "random", "runs", "pca")
LINE_RANGE = (-0.5, 1.5)  # α from half a run before θ₀ to half a run past θ_T (issue 15)


@dataclass(frozen=True)
class Request:
    """What to compute: `view` one of VIEWS, the checked runs (the plane's run first), the
    MNIST data, and the grid's settings."""

    view: str
    runs: tuple[RunSource, ...]
    data: Any
    grid: int = 21
    span: float = 1.0
    subset: int = 2000
    seed: int = 0


@dataclass(frozen=True)
class PlaneStart:
    """The plane about to be computed: what the map draws before the first value."""

    alphas: np.ndarray
    betas: np.ndarray
    title: str
    marks: dict[str, tuple[float, float]]
    mark_colours: dict[str, str]
    paths: dict[str, np.ndarray]
    colours: dict[str, str]
    explanation: str
    axis_labels: tuple[str, str]
    explained: tuple[float, float] | None = None
    kind: str = "random"
    # (title, explanation, axis_labels) again, in the language in use: the tab asks when
    # the language changes (plain values inside: safe to call on the GUI thread).
    retell: Callable[[], tuple[str, str, tuple[str, str]]] | None = None


@dataclass(frozen=True)
class LineStart:
    alphas: np.ndarray
    colours: dict[str, str] = field(default_factory=dict)
    explanation: str = ""
    names: dict[str, str] = field(default_factory=dict)
    retell: Callable[[], str] | None = None  # the explanation again, in the language in use


def check(request: Request) -> str | None:
    """Why `request` cannot be computed, in one line; None when it can."""
    runs = request.runs
    if request.data is None:
        return explain.no_data()
    if not runs:
        return translate("LandscapeJobs", "Tick at least one run in the list (train one in the MNIST "
                                          "tab, or Load… a run file).")
    if request.view == "runs" and len(runs) < 2:
        return translate("LandscapeJobs", "The plane of two runs needs two ticked runs that share θ₀ "
                                          "(same seed, same network).")
    if request.view in ("line", "runs", "pca"):
        # The first run (the first two for their plane) must have a path; other ticked runs
        # are drawn when they share θ₀ with the first, and named as left out otherwise.
        needed = runs[:2] if request.view == "runs" else runs[:1]
        missing = [r for r in needed if r.trajectory is None]
        if missing:
            return explain.no_trajectory(missing[0].short, request.view)
        if request.view == "runs" and not same_start(list(needed)):
            return translate("LandscapeJobs", "{a} and {b} do not share θ₀ (the same seed and "
                                              "network give the same start): tick two runs trained "
                                              "from one seed.").format(a=needed[0].short, b=needed[1].short)
    if request.subset < 1 or request.grid < 3 or not request.span > 0:
        return translate("LandscapeJobs", "The grid needs at least 3 points a side, a positive span and "
                                          "a subset of at least 1.")
    return None


def final_mark(run: str | None = None) -> str:
    """A run's final weights as the map labels them ("1. SGD, final"; "final" alone): words,
    not "θ_T", whose subscript is lost in large fonts."""
    if run is None:
        return translate("LandscapeJobs", "final")
    return translate("LandscapeJobs", "{run}, final").format(run=run)


def worker_threads() -> int:
    """torch threads for the worker: every core but one, which the GUI keeps."""
    return max(1, (os.cpu_count() or 2) - 1)


def grid_axis(lo: float, hi: float, n: int, span: float) -> np.ndarray:
    """n points from lo to hi, the interval scaled by `span` about its centre."""
    c, h = (lo + hi) / 2, (hi - lo) / 2 * span
    return np.linspace(c - h, c + h, n)


def line_alphas(grid: int) -> np.ndarray:
    """α from −0.5 to 1.5 in steps of 2/(4k): 4k + 1 points (k from `grid`), so that α = 0
    and α = 1 are grid points (21 points: steps of 0.1)."""
    k = max(1, round((grid - 1) / 4))
    return np.linspace(*LINE_RANGE, 4 * k + 1)


def frames(request: Request, stop: Callable[[], bool]) -> Iterator[Any]:
    """The worker's generator (see the module docstring)."""
    from gradlab.core.landscape.evaluate import Evaluator

    threads = worker_threads()
    n = min(int(request.subset), len(request.data.train_labels))
    evaluators: dict[str, Any] = {}

    def evaluator_for(run: RunSource) -> Any:
        # One per loss: the runs of a line may be trained on different losses.
        key = repr((run.config.loss, dict(run.config.loss_params), run.config.activation,
                    dict(run.config.activation_params)))
        if key not in evaluators:
            evaluators[key] = Evaluator(run.config, request.data, subset=n, threads=threads)
        return evaluators[key]

    if request.view == "line":
        yield from _line(request, n, evaluator_for, stop)
    else:
        yield from _plane(request, n, evaluator_for, stop)


def _line(request: Request, n: int, evaluator_for: Callable[[RunSource], Any],
          stop: Callable[[], bool]) -> Iterator[Any]:
    from gradlab.core.landscape.line import compute_line

    first = request.runs[0]
    shown = [r for r in request.runs if r.trajectory is not None and same_start([first, r])]
    left_out = [r.short for r in request.runs if r not in shown]
    runs = {r.label: r for r in shown}
    alphas = line_alphas(request.grid)
    retell = partial(explain.line, len(runs), n, left_out)
    yield LineStart(alphas, {r.label: r.colour for r in shown}, retell(),
                    {r.label: r.short for r in shown}, retell)
    theta0 = first.start()
    finals = {label: r.final() for label, r in runs.items()}
    yield from compute_line(theta0, finals, alphas, lambda label: evaluator_for(runs[label]), stop)


def _plane(request: Request, n: int, evaluator_for: Callable[[RunSource], Any],
           stop: Callable[[], bool]) -> Iterator[Any]:
    from gradlab.core.landscape.grid import compute_plane
    from gradlab.core.landscape.paths import project_path

    run = request.runs[0]
    final = run.final()
    paths: dict[str, np.ndarray] = {}
    colours = {r.label: r.colour for r in request.runs}
    mark_colours = {"θ₀": "#ffffff"}
    if request.view == "random":
        from gradlab.core.landscape.directions import random_plane

        plane = random_plane(final, request.seed)
        marks = {final_mark(run.short): (0.0, 0.0)}
        mark_colours[final_mark(run.short)] = run.colour
        retell = partial(_random_texts, run.short, request.seed, n)
    elif request.view == "runs":
        from gradlab.core.landscape.planes import runs_plane

        a, b = request.runs[0], request.runs[1]
        names = (a.short, b.short) if a.short != b.short else ("A", "B")
        plane = runs_plane(a.start(), final, b.final(), names=names)
        marks = {}
        for name, xy in plane.points.items():
            label = name if name == "θ₀" else final_mark(name)
            marks[label] = xy
            if name != "θ₀":
                mark_colours[label] = a.colour if name == names[0] else b.colour
        for r in request.runs:
            if stop():
                return
            if r.trajectory is not None and same_start([a, r]):
                paths[r.label] = project_path(plane, r.trajectory)
        retell = partial(_runs_texts, names, plane.points.get(names[1], (0.0, 0.0)), n,
                         [r.short for r in request.runs[2:] if r.label not in paths])
    else:
        from gradlab.core.landscape.planes import pca_plane

        traj = run.trajectory
        # The snapshots, not the final weights: the plane's origin is θ_T already.
        snapshots = [theta for _, theta in traj.points()][:-1]
        plane = pca_plane(snapshots, final)
        paths[run.label] = project_path(plane, traj)
        marks = {}
        for name, xy in plane.points.items():
            label = final_mark() if name == "final" else name
            marks[label] = xy
            mark_colours[label] = run.colour if name == "final" else "#ffffff"
        r1, r2 = plane.explained
        retell = partial(_pca_texts, run.short, (float(r1), float(r2)), n)
    a0, a1, b0, b1 = plane.default_span
    alphas = grid_axis(a0, a1, request.grid, request.span)
    betas = grid_axis(b0, b1, request.grid, request.span)
    if stop():
        return
    title, text, labels = retell()
    yield PlaneStart(alphas, betas, title, marks, mark_colours, paths, colours, text, labels,
                     plane.explained, plane.kind, retell)
    yield from compute_plane(plane, alphas, betas, evaluator_for(run), stop)


def _random_texts(run: str, seed: int, n: int) -> tuple[str, str, tuple[str, str]]:
    """The random plane's title, explanation and axis labels, in the language in use."""
    return (translate("LandscapeJobs", "Random plane around the end of {run}").format(run=run),
            explain.random(run, seed, n),
            (translate("LandscapeJobs", "α (along d₁)"), translate("LandscapeJobs", "β (along d₂)")))


def _runs_texts(names: tuple[str, str], b_point: tuple[float, float], n: int,
                skipped: list[str]) -> tuple[str, str, tuple[str, str]]:
    """The plane of two runs' title, explanation and axis labels."""
    return (translate("LandscapeJobs", "Plane through θ₀ and the ends of {a} and {b}").format(
                a=names[0], b=names[1]),
            explain.runs(names, b_point, n, skipped=skipped),
            (translate("LandscapeJobs", "α (along d₁ = {a}'s final weights − θ₀)").format(a=names[0]),
             translate("LandscapeJobs", "β (along d₂ ⟂ d₁)")))


def _pca_texts(run: str, explained: tuple[float, float], n: int) -> tuple[str, str, tuple[str, str]]:
    """The PCA plane's title, explanation and axis labels."""
    r1, r2 = explained
    return (translate("LandscapeJobs", "PCA plane of {run}'s path").format(run=run),
            explain.pca(run, (r1, r2), n),
            pca_axis_labels(r1, r2))


def pca_axis_labels(r1: float, r2: float) -> tuple[str, str]:
    """The PCA plane's axes, with the share of the path's variance each explains."""
    return (translate("LandscapeJobs", "α (along d₁: {share} % of the variance)").format(
                share=f"{100 * r1:.1f}"),
            translate("LandscapeJobs", "β (along d₂: {share} %)").format(share=f"{100 * r2:.1f}"))


def load_data(folder: str | Path) -> Iterator[Any]:
    """MNIST from `folder` (or its torchvision layout): yields the MnistData, or the
    problem as a ValueError (the tab shows it in one line)."""
    from gradlab.core.mnist import data as mnist_data

    try:
        yield mnist_data.load(folder)
    except (ValueError, OSError) as exc:
        yield ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def load_file(path: str | Path) -> Iterator[Any]:
    """A run file's Checkpoint, or its problem as a ValueError of one line."""
    try:
        from gradlab.core.mnist.run_file import load_run

        yield load_run(path)
    except (ValueError, OSError) as exc:
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield ValueError(text)
