"""`gradlab race`: run an optimizer race headless and write its trajectories.

    gradlab race --surface rosenbrock --start -1.5,2 --steps 500 \\
        --optimizer adam:lr=0.05 --optimizer sgd:lr=0.001 --csv out.csv [--png out.png]

CSV columns are exactly `optimizer,step,x,y,loss,note`: one block per --optimizer in
the order given, step 0 is the start, and the `optimizer` value is the spec as typed
("#2" added on an exact repeat). A diverged optimizer's block ends with a row at the
diverged step whose values are nan, and its one summary line on stdout says
"<label>: diverged at step k (last finite loss ...)".

`note` is empty except on the row of step k where an adaptive optimizer's g² overflowed
(|g| > 1.3e154: v is inf, every update 0, the point stalls with a finite loss, exactly
as torch.optim's would): there it says "g² overflowed". The numbers are unchanged, and
stderr gets one line, "<label>: g² overflowed at step k (...)", per such optimizer.

A start where the loss or its gradient is not finite (`--start 1e300,1e300`) is a bad
argument: nothing could be raced from it. --csv names a CSV file: a name that says
another format (`--csv out.png`) is refused.

Every argument is checked before anything runs (through `gradlab.cli.args`, the pieces
every sub-command shares; --csv and --png never the same file); a bad one exits 2 with
one line on stderr naming it, and nothing is written. Files are written atomically (a
temporary file in the same folder, then os.replace); an existing one is replaced, and
stderr says so in one line ("gradlab race: replaced out.csv"). Qt is imported only for --png.
"""

from __future__ import annotations

import csv
import math
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, TextIO

import numpy as np

from gradlab.cli.args import (
    SPEC_SYNTAX, Parser, UsageError, check_outputs, existing_files, fail, note_replaced,
    parse_number, parse_optimizer,
)
from gradlab.core import optimizers, surfaces
from gradlab.core.atomic_file import atomic_path, atomic_write
from gradlab.core.race import Race, default_labels

PROG = "gradlab race"
# Sensible on most surfaces, instructive on the default one (Rosenbrock): SGD crawls
# down the valley, momentum zig-zags, Adam walks its floor.
DEFAULT_OPTIMIZERS = ("sgd:lr=0.001", "momentum:lr=0.001,momentum=0.9", "adam:lr=0.05")
DEFAULT_SURFACE = "rosenbrock"
DEFAULT_STEPS = 500
# Memory guard: a row is ~56 bytes per optimizer, so this stays well under a gigabyte.
MAX_STEPS = 1_000_000


def build_parser() -> Parser:
    # "-1.5,2" and "-x**2" start with "-": argparse would take them for options.
    p = Parser(prog=PROG, description="Race optimizers on a 2-D loss surface, headless.",
               epilog=f"Optimizer specs: {SPEC_SYNTAX}.", dash_values=("--start", "--expression"))
    where = p.add_mutually_exclusive_group()
    where.add_argument("--surface", metavar="NAME",
                       help=f"a built-in surface (default {DEFAULT_SURFACE}): {', '.join(surfaces.names())}")
    where.add_argument("--expression", metavar="TEXT", help='a formula in x and y, e.g. "x**2 + 10*sin(y)"')
    p.add_argument("--start", metavar="X,Y", help="the start point (default: the surface's)")
    p.add_argument("--steps", metavar="N", default=str(DEFAULT_STEPS),
                   help=f"iterations (default {DEFAULT_STEPS})")
    p.add_argument("--optimizer", metavar="NAME:key=value,...", action="append", default=[],
                   help=f"repeatable; names: {', '.join(optimizers.names())} "
                        f"(default: {' '.join(DEFAULT_OPTIMIZERS)})")
    p.add_argument("--csv", metavar="PATH", help="write optimizer,step,x,y,loss rows here (a .csv name)")
    p.add_argument("--png", metavar="PATH", help="render the paths over the surface to this PNG")
    return p


# -- parsing values -----------------------------------------------------------------


def parse_start(text: str) -> tuple[float, float]:
    """"X,Y" as two finite floats."""
    parts = text.split(",")
    if len(parts) != 2:
        raise UsageError(f"--start: expected X,Y (two numbers), got {text!r}")
    return parse_number(parts[0], "--start x"), parse_number(parts[1], "--start y")


def check_start(surface: Any, start: tuple[float, float]) -> None:
    """UsageError unless the loss and its gradient are finite at `start`: from there every
    optimizer would 'diverge at step 0' and the CSV would hold only nan."""
    x, y = start
    with np.errstate(all="ignore"):
        value = float(surface.value(np.float64(x), np.float64(y)))
        grad = [float(g) for g in surface.grad(np.float64(x), np.float64(y))]
    bad = [name for name, v in (("loss", value), ("gradient", grad[0]), ("gradient", grad[1]))
           if not math.isfinite(v)]
    if bad:
        raise UsageError(f"--start {x:g},{y:g}: the {bad[0]} is not finite there "
                         f"(f = {value:g}); pick a start inside the surface")


def parse_steps(text: str) -> int:
    return parse_number(text, "--steps", whole=True, lo=0, hi=MAX_STEPS)


@dataclass(frozen=True)
class RaceArgs:
    """Every argument of one `gradlab race`, checked."""

    surface: Any
    start: tuple[float, float]
    steps: int
    optimizers: list[Any]
    labels: list[str]
    csv: Path | None
    png: Path | None


def parse_args(argv: Sequence[str]) -> RaceArgs:
    """Check every argument; UsageError (one line) on the first bad one."""
    ns = build_parser().parse_args(argv)

    if ns.expression is not None:
        try:
            surface = surfaces.from_expression(ns.expression)
        except ValueError as exc:
            raise UsageError(f"--expression: {exc}") from None  # exc quotes the formula, shortened
    else:
        try:
            surface = surfaces.get(ns.surface or DEFAULT_SURFACE)
        except ValueError as exc:
            raise UsageError(f"--surface: {exc}") from None
    start = parse_start(ns.start) if ns.start is not None else surface.start
    check_start(surface, start)
    steps = parse_steps(ns.steps)
    specs = [s.strip() for s in ns.optimizer] or list(DEFAULT_OPTIMIZERS)
    opts = [parse_optimizer(spec) for spec in specs]
    outputs = check_outputs({"--csv": (ns.csv, None), "--png": (ns.png, ".png")}, writes={"--csv": ".csv"})
    return RaceArgs(surface, start, steps, opts, default_labels(specs), outputs["--csv"], outputs["--png"])


# -- running and writing ---------------------------------------------------------------


def collect(race: Race, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Run `race` to `steps`; `(points (k, n, 2), losses (k, n))` including step 0."""
    frames = [race.initial_frame()]
    # One frame at the end: nothing watches the progress, so never yield early.
    frames += list(race.frames(steps, frame_seconds=math.inf))
    points = np.concatenate([f.points for f in frames])
    losses = np.concatenate([f.losses for f in frames])
    return points, losses


OVERFLOW_NOTE = "g² overflowed"


def write_csv(out: TextIO, labels: Sequence[str], points: np.ndarray, losses: np.ndarray,
              diverged: Sequence[int | None],
              overflowed: Sequence[int | None] | None = None) -> None:
    """The CSV blocks (see the module docstring) to an open text file."""
    overflowed = overflowed or [None] * len(labels)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["optimizer", "step", "x", "y", "loss", "note"])
    for i, label in enumerate(labels):
        last = points.shape[0] - 1 if diverged[i] is None else diverged[i]
        for t in range(last + 1):
            x, y = points[t, i]
            note = OVERFLOW_NOTE if t == overflowed[i] else ""
            writer.writerow([label, t, repr(float(x)), repr(float(y)), repr(float(losses[t, i])), note])


def overflow_lines(race: Race, points: np.ndarray) -> list[str]:
    """One stderr line per optimizer whose g² overflowed (see the module docstring)."""
    lines = []
    for i, label in enumerate(race.labels):
        k = race.overflowed[i]
        if k is not None:
            with np.errstate(all="ignore"):
                g = float(np.hypot(*race.surface.grad(*points[k, i])))
            lines.append(f"{PROG}: {label}: g² overflowed at step {k} (|∇f| = {g:.3g}); its updates "
                         "are 0 or tiny from there, as torch.optim's would be")
    return lines


def write_outputs(args: RaceArgs, race: Race, points: np.ndarray, losses: np.ndarray) -> None:
    """CSV and PNG each to a temporary file beside its target; both are renamed only
    once both are written, so a failed picture leaves no CSV either."""
    with ExitStack() as files:
        if args.csv is not None:
            out = files.enter_context(atomic_write(args.csv, "w", newline="", encoding="utf-8"))
            write_csv(out, race.labels, points, losses, race.diverged, race.overflowed)
        if args.png is not None:
            tmp = files.enter_context(atomic_path(args.png))  # keeps .png: the exporter reads it
            from gradlab.gui.race.render import render_png  # Qt only when a picture is asked for

            render_png(tmp, race.surface, points, race.labels, race.diverged)


def summary_lines(race: Race, points: np.ndarray, losses: np.ndarray) -> list[str]:
    """One line per optimizer: final loss and steps, or where it diverged."""
    lines = []
    for i, label in enumerate(race.labels):
        k = race.diverged[i]
        if k is None:
            x, y = points[-1, i]
            lines.append(f"{label}: final loss {losses[-1, i]:.6g} at ({x:.6g}, {y:.6g}) "
                         f"after {race.step} steps")
        elif k == 0:
            lines.append(f"{label}: diverged at step 0 (the loss at the start is not finite)")
        else:
            lines.append(f"{label}: diverged at step {k} (last finite loss "
                         f"{losses[k - 1, i]:.6g} at step {k - 1})")
    return lines


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """`gradlab race ARGS`; returns the exit status (0, or 2 on a bad argument)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_args(argv)
    except UsageError as exc:
        return fail(PROG, exc, stderr)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    race = Race(args.surface, args.optimizers, args.start, args.labels)
    points, losses = collect(race, args.steps)
    try:
        replaced = existing_files([args.csv, args.png])
        write_outputs(args, race, points, losses)
    except OSError as exc:  # the folder became unwritable, the disk is full, ...
        return fail(PROG, exc, stderr)
    note_replaced(PROG, replaced, stderr)
    # A diverged optimizer is reported once, in its summary line (which also says the last
    # finite loss), not again on stderr.
    for line in summary_lines(race, points, losses):
        print(line, file=stdout)
    for line in overflow_lines(race, points):
        print(line, file=stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
