"""`gradlab landscape`: the loss landscape of saved MNIST runs, headless (issue 15).

    gradlab landscape --run RUN.pt --data DIR --plane random --grid 21 --span 1.0 \\
        --subset 2000 --seed 0 --json out.json --directions dirs.npz --png out.png
    gradlab landscape --run A.pt --run B.pt --data DIR --plane runs ...
    gradlab landscape --run A.pt --data DIR --plane pca ...
    gradlab landscape --run A.pt [--run B.pt ...] --data DIR --line ...

Planes (`gradlab.core.landscape`): "random" (one run; Li et al.'s filter-normalised
Gaussian directions from --seed around its final weights, ±--span), "runs" (two runs that
share θ₀: the plane through θ₀ and both finals, every run's path on it) and "pca" (one
run's PCA plane of its path; it belongs to that run alone and compares no optimizers).
--grid N points a side (default 21). For "runs" and "pca" the grid covers the points and
paths unless --span is given. --line: the loss along θ₀ + α(θ_T − θ₀), α from −0.5 to 1.5
(--grid values, default 41), for every run (they must share θ₀).

The loss is the first run's own (its loss function) on the first --subset training
samples in file order, normalised as in training. JSON (to stdout without --json):

    {"plane": str, "alphas": [...], "betas": [...], "loss": [[...]] (len(betas) rows ×
     len(alphas) columns), "accuracy": [[...]], "center_loss": float,
     "paths": {run: [[α, β], ...]}, "subset": n, "seed": s, "points": {...}}

(--line: "alphas", "loss" and "accuracy" as lists, the first run's; "runs" has every
run's.) A non-finite number is null. Runs are named by their file names. --directions
writes an .npz with d1/<name> and d2/<name> for every tensor of the run's "model", so any
grid point can be recomputed: θ = origin + α d1 + β d2 (origin: the final weights for
"random" and "pca", θ₀ for "runs", also stored as origin/<name>). --png draws the result
(Qt, offscreen).

Every argument is checked before anything is computed; a bad one, or runs that do not
share θ₀ where that is needed, exits 2 with one line on stderr. Files are written
atomically. A progress bar (tqdm) goes to stderr.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, TextIO

import numpy as np

from gradlab.cli.args import (
    Parser, UsageError, check_outputs, existing_files, fail, note_replaced, parse_number, shown,
)
from gradlab.core.atomic_file import atomic_write

PROG = "gradlab landscape"
PLANES = ("random", "runs", "pca")
MAX_GRID = 201
MAX_SUBSET = 60000
LINE_POINTS = 41
RENDER = "gradlab.gui.landscape.render"


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="The loss landscape of saved MNIST runs, headless.")
    p.add_argument("--run", metavar="RUN.pt", action="append", default=[],
                   help="a run saved by the MNIST tab or gradlab train --save (repeat for several)")
    p.add_argument("--data", metavar="DIR", help="folder with the MNIST files (default: GradLab's)")
    p.add_argument("--plane", metavar="KIND", default="random", help=f"{', '.join(PLANES)} (default random)")
    p.add_argument("--line", action="store_true", help="the line from θ₀ to each run's final weights instead")
    p.add_argument("--grid", metavar="N", help=f"points a side (default 21; --line: {LINE_POINTS} values)")
    p.add_argument("--span", metavar="F", help="the grid covers ±F in units of the directions (default 1)")
    p.add_argument("--subset", metavar="N", default="2000", help="training samples evaluated (default 2000)")
    p.add_argument("--seed", metavar="N", default="0", help="the random plane's directions (default 0)")
    p.add_argument("--threads", metavar="N", help="torch CPU threads (default: torch's)")
    p.add_argument("--json", metavar="PATH", help="write the result here (default: stdout)")
    p.add_argument("--directions", metavar="PATH", help="write the plane's directions here (.npz)")
    p.add_argument("--png", metavar="PATH", help="draw the result here (.png)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


@dataclass(frozen=True)
class LandscapeArgs:
    runs: list[str]
    data: str | None
    plane: str
    line: bool
    grid: int
    span: float | None
    subset: int
    seed: int
    threads: int | None
    json: Path | None
    directions: Path | None
    png: Path | None
    progress: bool


def parse_args(argv: Sequence[str]) -> LandscapeArgs:
    """Every argument checked; UsageError (one line) on the first bad one."""
    ns = build_parser().parse_args(argv)
    if not ns.run:
        raise UsageError("--run is required (a run saved by the MNIST tab or gradlab train --save)")
    plane = ns.plane.strip().lower()
    if plane not in PLANES:
        raise UsageError(f"--plane: unknown plane {shown(ns.plane)}; valid: {', '.join(PLANES)}")
    if ns.line and ns.plane != "random":
        raise UsageError("--line and --plane: choose one (the line is not a plane)")
    if ns.line and ns.directions is not None:
        raise UsageError("--directions: only for a plane (the line's direction is θ_T − θ₀)")
    if not ns.line:
        wanted = {"random": 1, "runs": 2, "pca": 1}[plane]
        if len(ns.run) != wanted:
            raise UsageError(f"--plane {plane}: takes {wanted} --run, got {len(ns.run)}")
    lo = 2 if ns.line else 3
    grid = parse_number(ns.grid, "--grid", whole=True, lo=lo, hi=MAX_GRID) if ns.grid is not None \
        else (LINE_POINTS if ns.line else 21)
    span = None if ns.span is None else parse_number(ns.span, "--span", lo=1e-6, hi=1e3)
    if ns.line and span is not None:
        raise UsageError("--span: only for a plane (the line runs from α = −0.5 to 1.5)")
    subset = parse_number(ns.subset, "--subset", whole=True, lo=1, hi=MAX_SUBSET)
    seed = parse_number(ns.seed, "--seed", whole=True, lo=0, hi=2**32 - 1)
    threads = None if ns.threads is None else parse_number(ns.threads, "--threads", whole=True, lo=1, hi=256)
    outputs = check_outputs({"--json": (ns.json, None), "--directions": (ns.directions, ".npz"),
                             "--png": (ns.png, ".png")}, writes={"--json": ".json"})
    if outputs["--png"] is not None:
        try:
            found = importlib.util.find_spec(RENDER) is not None
        except ModuleNotFoundError:  # gradlab.gui.landscape itself is absent
            found = False
        if not found:
            raise UsageError(f"--png: pictures of the landscape need {RENDER}, which this "
                             f"installation does not have yet")
    for path in ns.run:
        if not Path(path).expanduser().is_file():
            raise UsageError(f"--run {shown(path)}: no such file")
    return LandscapeArgs(list(ns.run), ns.data, plane, bool(ns.line), grid, span, subset, seed, threads,
                         outputs["--json"], outputs["--directions"], outputs["--png"], not ns.no_progress)


# -- the runs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    name: str
    checkpoint: Any
    final: dict[str, np.ndarray]
    theta0: dict[str, np.ndarray]


def _names(paths: Sequence[str]) -> list[str]:
    """The runs' file names without ".pt"; the path where two share a name."""
    stems = [Path(p).stem for p in paths]
    return [s if stems.count(s) == 1 else p for s, p in zip(stems, paths)]


def load_runs(paths: Sequence[str]) -> list[Run]:
    """Each run file loaded and checked (`load_run`); its θ₀ from its trajectory, else from
    its seed (GradLab's initial weights are `init_params(sizes, seed)`)."""
    from gradlab.core.mlp import init_params
    from gradlab.core.mnist.run_file import load_run

    runs = []
    for name, path in zip(_names(paths), paths):
        try:
            ck = load_run(Path(path).expanduser())
        except ValueError as exc:  # RunFileError: one line naming the part
            raise UsageError(f"--run: {exc}") from None
        final = {k: v.detach().to("cpu").numpy().astype(np.float32) for k, v in ck.state["model"].items()}
        if ck.trajectory is not None:
            theta0 = ck.trajectory.origin
        else:
            sizes = [784, *ck.config.hidden, 10]
            theta0 = {}
            for i, (W, b) in enumerate(init_params(sizes, ck.config.seed, np.float32)):
                theta0[f"{2 * i}.weight"], theta0[f"{2 * i}.bias"] = W, b
        runs.append(Run(name, ck, final, theta0))
    return runs


def check_shared_start(runs: Sequence[Run]) -> None:
    """UsageError unless every run started from the first run's θ₀."""
    first = runs[0]
    for r in runs[1:]:
        c0, c = first.checkpoint.config, r.checkpoint.config
        if tuple(c.hidden) != tuple(c0.hidden):
            raise UsageError(f"--run: {first.name} and {r.name} do not share θ₀ (hidden "
                             f"{list(c0.hidden)} vs {list(c.hidden)})")
        same = all(np.array_equal(first.theta0[k], r.theta0[k]) for k in first.theta0)
        if not same:
            raise UsageError(f"--run: {first.name} and {r.name} do not share θ₀ (seeds {c0.seed} and "
                             f"{c.seed}); the line and the plane of the runs need runs of one seed")


def load_data(folder: str | None) -> Any:
    from gradlab.core.mnist import data as mnist_data

    where = folder if folder is not None else mnist_data.find()
    if where is None:
        raise UsageError(f"--data: no MNIST files in {str(mnist_data.app_data_folder())!r} (pass --data DIR)")
    try:
        return mnist_data.load(where)
    except ValueError as exc:  # MnistError names the missing or damaged file
        raise UsageError(f"--data: {exc}") from None


# -- computing -----------------------------------------------------------------------


def compute(args: LandscapeArgs, stderr: TextIO) -> tuple[dict[str, Any], Any]:
    """(the JSON record, the plane or None)."""
    from tqdm import tqdm

    from gradlab.core.landscape import directions, planes
    from gradlab.core.landscape.evaluate import Evaluator
    from gradlab.core.landscape.grid import compute_plane
    from gradlab.core.landscape.line import compute_line
    from gradlab.core.landscape.paths import project_path
    from gradlab.core.landscape.result import to_json

    runs = load_runs(args.runs)
    if args.line or args.plane == "runs":
        check_shared_start(runs)
    data = load_data(args.data)
    try:
        evaluator = Evaluator(runs[0].checkpoint.config, data, subset=args.subset, threads=args.threads,
                              device="cpu")
    except ValueError as exc:
        raise UsageError(f"--run: {exc}") from None
    bars: list[Any] = []  # made at the first update, its total known: no empty bar before it

    def advance(update: Any) -> None:
        if not bars:
            bars.append(tqdm(total=update.total, file=stderr, unit="point", disable=not args.progress,
                             dynamic_ncols=True))
        bars[0].update(update.done - bars[0].n)

    try:
        if args.line:
            alphas = np.linspace(-0.5, 1.5, args.grid)
            evaluators = {runs[0].name: evaluator}

            def evaluator_for(name: str) -> Evaluator:
                if name not in evaluators:  # each run with its own loss
                    run = next(r for r in runs if r.name == name)
                    evaluators[name] = Evaluator(run.checkpoint.config, data, subset=args.subset, device="cpu")
                return evaluators[name]

            last = None
            for last in compute_line(runs[0].theta0, {r.name: r.final for r in runs}, alphas, evaluator_for):
                advance(last)
            return to_json(plane="line", alphas=alphas, loss=last.loss, accuracy=last.accuracy,
                           subset=evaluator.subset, seed=args.seed), None
        try:
            if args.plane == "random":
                plane = directions.random_plane(runs[0].final, args.seed)
            elif args.plane == "runs":
                plane = planes.runs_plane(runs[0].theta0, runs[0].final, runs[1].final,
                                          names=(runs[0].name, runs[1].name))
            else:
                traj = runs[0].checkpoint.trajectory
                if traj is None:
                    raise UsageError(f"--plane pca: {runs[0].name} has no trajectory (saved before "
                                     "GradLab kept one)")
                plane = planes.pca_plane([th for _, th in traj.points()][:-1], runs[0].final)
        except ValueError as exc:
            raise UsageError(f"--plane {args.plane}: {exc}") from None
        if args.span is not None:
            a0, a1, b0, b1 = -args.span, args.span, -args.span, args.span
        else:
            a0, a1, b0, b1 = plane.default_span
        alphas, betas = np.linspace(a0, a1, args.grid), np.linspace(b0, b1, args.grid)
        last = None
        for last in compute_plane(plane, alphas, betas, evaluator):
            advance(last)
        paths = {}
        for r in runs:
            if r.checkpoint.trajectory is not None and args.plane != "random":
                paths[r.name] = project_path(plane, r.checkpoint.trajectory)
        center = evaluator.loss_accuracy(plane.origin)[0]
        return to_json(plane=args.plane, alphas=alphas, betas=betas, loss=last.loss, accuracy=last.accuracy,
                       center_loss=center, paths=paths, subset=evaluator.subset,
                       seed=args.seed,
                       explained=plane.explained, points=plane.points), plane
    finally:
        for bar in bars:
            bar.close()


def write_directions(path: Path, plane: Any) -> None:
    """d1/<name>, d2/<name> and origin/<name> for every tensor, float32."""
    arrays = {f"{part}/{k}": np.asarray(getattr(plane, part)[k], np.float32)
              for part in ("d1", "d2", "origin") for k in plane.origin}
    with atomic_write(path, "wb") as f:
        np.savez(f, **arrays)


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """`gradlab landscape ARGS`; returns the exit status (0, or 2 on a bad argument)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = parse_args(list(sys.argv[1:] if argv is None else argv))
        payload, plane = compute(args, stderr)
    except UsageError as exc:
        return fail(PROG, exc, stderr)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    replaced = existing_files([args.json, args.directions, args.png])
    try:
        if args.directions is not None:
            write_directions(args.directions, plane)
        if args.png is not None:
            import importlib

            render = importlib.import_module(RENDER)  # Qt only when a picture is asked for
            render.write_png(payload, str(args.png))  # atomic, as every output
        if args.json is None:
            json.dump(payload, stdout)
            stdout.write("\n")
        else:
            with atomic_write(args.json, "w", encoding="utf-8") as f:
                json.dump(payload, f)
                f.write("\n")
    except OSError as exc:  # the folder became unwritable, the disk is full, ...
        return fail(PROG, exc, stderr)
    note_replaced(PROG, replaced, stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
