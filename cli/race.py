"""`gradlab race`: run an optimizer race headless and write its trajectories.

    gradlab race --surface rosenbrock --start -1.5,2 --steps 500 \\
        --optimizer adam:lr=0.05 --optimizer sgd:lr=0.001 --csv out.csv [--png out.png]

CSV columns are exactly `optimizer,step,x,y,loss`: one block per --optimizer in the
order given, step 0 is the start, and the `optimizer` value is the spec as typed
("#2" added on an exact repeat). A diverged optimizer's block ends with a row at the
diverged step whose values are nan, and stderr says "<label>: diverged at step k".

Every argument is checked before anything runs; a bad one exits 2 with one line on
stderr naming it, and nothing is written. Files are written atomically (a temporary
file in the same folder, then os.replace). Qt is imported only for --png.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, TextIO

import numpy as np

from gradlab.core import optimizers, surfaces
from gradlab.core.atomic_file import atomic_path, atomic_write
from gradlab.core.race import Race, default_labels

# Sensible on most surfaces, instructive on the default one (Rosenbrock): SGD crawls
# down the valley, momentum zig-zags, Adam walks its floor.
DEFAULT_OPTIMIZERS = ("sgd:lr=0.001", "momentum:lr=0.001,momentum=0.9", "adam:lr=0.05")
DEFAULT_SURFACE = "rosenbrock"
DEFAULT_STEPS = 500
# Memory guard: a row is ~56 bytes per optimizer, so this stays well under a gigabyte.
MAX_STEPS = 1_000_000
# Options whose value may start with "-" ("-1.5,2", "-x**2"); argparse would take it
# for an option, so they are rewritten as "--start=-1.5,2" before parsing.
_VALUE_MAY_BE_NEGATIVE = ("--start", "--expression")


class UsageError(Exception):
    """A bad argument: the message is the one line printed before exiting with 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse would print the whole usage block; the contract is one clear line.
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gradlab race", description="Race optimizers on a 2-D loss surface, headless.")
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
    p.add_argument("--csv", metavar="PATH", help="write optimizer,step,x,y,loss rows here")
    p.add_argument("--png", metavar="PATH", help="render the paths over the surface to this PNG")
    return p


# -- parsing values -----------------------------------------------------------------


def parse_number(text: str, what: str) -> float:
    """A finite float, or UsageError naming `what` and the text."""
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{what}: not a number: {text!r}") from None
    if not math.isfinite(value):
        raise UsageError(f"{what}: must be finite, got {text!r}")
    return value


def parse_start(text: str) -> tuple[float, float]:
    """"X,Y" as two finite floats."""
    parts = text.split(",")
    if len(parts) != 2:
        raise UsageError(f"--start: expected X,Y (two numbers), got {text!r}")
    return parse_number(parts[0].strip(), "--start x"), parse_number(parts[1].strip(), "--start y")


def parse_steps(text: str) -> int:
    try:
        steps = int(text)
    except ValueError:
        raise UsageError(f"--steps: not a whole number: {text!r}") from None
    if steps < 0:
        raise UsageError(f"--steps: must be >= 0, got {steps}")
    if steps > MAX_STEPS:
        raise UsageError(f"--steps: at most {MAX_STEPS}, got {steps}")
    return steps


def _hyper_value(name: str, key: str, text: str, default: Any) -> Any:
    what = f"--optimizer {name}: {key}"
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
        raise UsageError(f"{what}: expected true or false, got {text!r}")
    return parse_number(text, what)


def split_spec(spec: str, option: str) -> tuple[str, dict[str, str]]:
    """"name:key=value,key=value" -> (name, {key: value text}), the syntax every CLI option
    of this kind shares; UsageError for an item without "=" or a key given twice."""
    name, _, rest = spec.strip().partition(":")
    texts: dict[str, str] = {}
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = (s.strip() for s in item.partition("="))
        if not eq or not key:
            raise UsageError(f"{option} {spec!r}: expected key=value, got {item!r}")
        if key in texts:
            raise UsageError(f"{option} {spec!r}: {key} given twice")
        texts[key] = value
    return name.strip(), texts


def parse_optimizer(spec: str) -> Any:
    """"adam:lr=0.05,beta1=0.8" -> the configured Optimizer; UsageError names what is wrong."""
    name = spec.strip().partition(":")[0].strip()
    try:
        defaults = optimizers.defaults(name)  # an unknown name is the first thing to say
    except ValueError as exc:
        raise UsageError(f"--optimizer {spec!r}: {exc}") from None
    hyper: dict[str, Any] = {}
    for key, value in split_spec(spec, "--optimizer")[1].items():
        if key not in defaults:
            raise UsageError(f"--optimizer {spec!r}: unknown hyperparameter {key!r} for {name}; "
                             f"valid: {', '.join(defaults)}")
        hyper[key] = _hyper_value(name, key, value, defaults[key])
    try:
        return optimizers.get(name, **hyper)
    except ValueError as exc:
        raise UsageError(f"--optimizer {spec!r}: {exc}") from None


def _check_output(path_text: str, option: str, suffix: str | None = None) -> Path:
    """The output path, after checking it can be written (nothing is created yet)."""
    path = Path(path_text)
    if suffix is not None and path.suffix.lower() != suffix:
        raise UsageError(f"{option}: expected a {suffix} file name, got {path_text!r}")
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"{option}: {path_text!r} is a folder")
    if not folder.is_dir():
        raise UsageError(f"{option}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{option}: cannot write {path_text!r}")
    return path


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


def _join_values(argv: Sequence[str]) -> list[str]:
    """["--start", "-1.5,2"] -> ["--start=-1.5,2"] (see _VALUE_MAY_BE_NEGATIVE)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in _VALUE_MAY_BE_NEGATIVE and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def parse_args(argv: Sequence[str]) -> RaceArgs:
    """Check every argument; UsageError (one line) on the first bad one."""
    ns = build_parser().parse_args(_join_values(argv))

    if ns.expression is not None:
        try:
            surface = surfaces.from_expression(ns.expression)
        except ValueError as exc:
            raise UsageError(f"--expression {ns.expression!r}: {exc}") from None
    else:
        try:
            surface = surfaces.get(ns.surface or DEFAULT_SURFACE)
        except ValueError as exc:
            raise UsageError(f"--surface: {exc}") from None
    start = parse_start(ns.start) if ns.start is not None else surface.start
    steps = parse_steps(ns.steps)
    specs = [s.strip() for s in ns.optimizer] or list(DEFAULT_OPTIMIZERS)
    opts = [parse_optimizer(spec) for spec in specs]
    csv_path = _check_output(ns.csv, "--csv") if ns.csv is not None else None
    png_path = _check_output(ns.png, "--png", ".png") if ns.png is not None else None
    if csv_path is not None and png_path is not None and csv_path.resolve() == png_path.resolve():
        raise UsageError(f"--csv and --png name the same file {ns.csv!r}")
    return RaceArgs(surface, start, steps, opts, default_labels(specs), csv_path, png_path)


# -- running and writing ---------------------------------------------------------------


def collect(race: Race, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Run `race` to `steps`; `(points (k, n, 2), losses (k, n))` including step 0."""
    frames = [race.initial_frame()]
    # One frame at the end: nothing watches the progress, so never yield early.
    frames += list(race.frames(steps, frame_seconds=math.inf))
    points = np.concatenate([f.points for f in frames])
    losses = np.concatenate([f.losses for f in frames])
    return points, losses


def write_csv(out: TextIO, labels: Sequence[str], points: np.ndarray, losses: np.ndarray,
              diverged: Sequence[int | None]) -> None:
    """The CSV blocks (see the module docstring) to an open text file."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["optimizer", "step", "x", "y", "loss"])
    for i, label in enumerate(labels):
        last = points.shape[0] - 1 if diverged[i] is None else diverged[i]
        for t in range(last + 1):
            x, y = points[t, i]
            writer.writerow([label, t, repr(float(x)), repr(float(y)), repr(float(losses[t, i]))])


def write_outputs(args: RaceArgs, race: Race, points: np.ndarray, losses: np.ndarray) -> None:
    """CSV and PNG each to a temporary file beside its target; both are renamed only
    once both are written, so a failed picture leaves no CSV either."""
    with ExitStack() as files:
        if args.csv is not None:
            out = files.enter_context(atomic_write(args.csv, "w", newline="", encoding="utf-8"))
            write_csv(out, race.labels, points, losses, race.diverged)
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
        print(f"gradlab race: error: {' '.join(str(exc).split())}", file=stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    race = Race(args.surface, args.optimizers, args.start, args.labels)
    points, losses = collect(race, args.steps)
    try:
        write_outputs(args, race, points, losses)
    except OSError as exc:  # the folder became unwritable, the disk is full, ...
        print(f"gradlab race: error: {' '.join(str(exc).split())}", file=stderr)
        return 2
    for label, k in zip(race.labels, race.diverged):
        if k is not None:
            print(f"{label}: diverged at step {k}", file=stderr)
    for line in summary_lines(race, points, losses):
        print(line, file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
