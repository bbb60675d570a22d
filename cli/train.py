"""`gradlab train`: train the MNIST network headless and write what happened as JSON.

    gradlab train --data DIR --optimizer adam:lr=0.001 --loss cross_entropy \\
        --activation relu --batch-size 128 --epochs 5 --seed 0 [--engine torch|numpy] \\
        [--device auto] [--json out.json] [--save run.pt]

The JSON (written atomically, after the run) is

    {"config": {...TrainConfig...},
     "epochs": [{"epoch", "train_loss", "test_loss", "test_accuracy", "seconds",
                 "test_cross_entropy"}, ...],
     "samples_per_second": float, "diverged": int | null}

with `test_loss` the run's own loss on the test set, `test_cross_entropy` the common
measure (the same for every loss, to compare runs), `seconds` the wall time of that epoch's training only (no evaluation) and
`samples_per_second` the training samples of all epochs over their total `seconds`.
A progress bar (tqdm) goes to stderr. Optimizer specs are every sub-command's
"name:key=value,..." (`gradlab.cli.args`), with "torch:adam:lr=0.001" for torch.optim's
reference; loss and schedule specs read the same way ("focal:gamma=2",
"weighted_cross_entropy:weights=inverse_frequency", "step:step_size=2,gamma=0.5"; a list
value is written in brackets: "weights=[1,1,1,1,1,1,1,1,1,5]", see `SPEC_SYNTAX`).

Every argument (through `gradlab.cli.args`: output paths by its rules, and --json and
--save never the same file) and the data are checked before training; a bad one exits 2
with one line on stderr naming it. What can be refused without the data is refused before
they are read: a seed past 2**32 - 1, more than 256 threads, a device that cannot train
("meta"), an imbalance digit given twice or one that keeps no digit at all, and a network
or batch that cannot fit in memory (it says how many GiB it would need). An existing
output is replaced, and stderr says so in one line ("gradlab train: replaced out.json").
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from pathlib import Path
from typing import Any, Sequence, TextIO

from gradlab.cli.args import (
    SPEC_SYNTAX, Parser, UsageError, check_outputs, existing_files, fail, note_replaced,
    parse_number, parse_optimizer, parse_spec, parse_value, shown, split_items,
)
from gradlab.core.atomic_file import atomic_write
from gradlab.core.mnist.frames import (
    ENGINES, HIDDEN_ACTIVATIONS, LOSSES, SCHEDULE_UNITS, SCHEDULES, TORCH_PREFIX, TrainConfig,
)

PROG = "gradlab train"


def build_parser() -> Parser:
    # leaky_relu's slope may be written "-1e-3", which argparse would take for an option.
    p = Parser(prog=PROG, description="Train the 784-512-256-10 MNIST network headless.",
               epilog=f"Specs (--optimizer, --loss, --schedule): {SPEC_SYNTAX}.",
               dash_values=("--alpha",))
    p.add_argument("--data", metavar="DIR",
                   help="folder with the four MNIST files (or ROOT of ROOT/MNIST/raw); "
                        "default: GradLab's data folder")
    p.add_argument("--optimizer", metavar="NAME:key=value,...", default="adam:lr=0.001",
                   help="a core optimizer (adam, sgd, momentum, ...) or torch:NAME for "
                        "torch.optim's (default adam:lr=0.001)")
    p.add_argument("--loss", metavar="NAME:key=value,...", default="cross_entropy",
                   help=f"one of {', '.join(LOSSES)} (default cross_entropy); class weights "
                        f"as a list, one per digit: weighted_cross_entropy:weights=[1,1,1,1,1,1,1,1,1,5] "
                        f"or weights=inverse_frequency; focal:gamma=2")
    p.add_argument("--activation", default="relu", metavar="NAME",
                   help=f"hidden activation: {', '.join(HIDDEN_ACTIVATIONS)} (default relu)")
    p.add_argument("--alpha", metavar="A", help="leaky_relu's negative slope (default 0.01)")
    p.add_argument("--batch-size", default="128", metavar="N")
    p.add_argument("--epochs", default="5", metavar="N")
    p.add_argument("--seed", default="0", metavar="N")
    p.add_argument("--hidden", default="512,256", metavar="W1,W2,...",
                   help="hidden layer widths (default 512,256)")
    p.add_argument("--schedule", default=TrainConfig.schedule, metavar="NAME:key=value,...",
                   help=f"learning-rate schedule: {', '.join(SCHEDULES)} (default {TrainConfig.schedule})")
    p.add_argument("--schedule-unit", default=TrainConfig.schedule_unit, choices=SCHEDULE_UNITS)
    p.add_argument("--engine", default="torch", choices=ENGINES)
    p.add_argument("--device", default="auto", metavar="DEV", help="auto, cpu, cuda, cuda:1, ...")
    p.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    p.add_argument("--imbalance", metavar="D=F,...",
                   help="keep a fraction F of digit D's training samples, e.g. 3=0.05,8=0.1")
    p.add_argument("--train-subset", metavar="N", help="use only the first N training samples")
    p.add_argument("--test-subset", metavar="N", help="evaluate on the first N test samples")
    p.add_argument("--threads", metavar="N", help="torch CPU threads (default: all but one core)")
    p.add_argument("--json", metavar="PATH", help="write the results here")
    p.add_argument("--save", metavar="PATH", help="save the trained run (weights, config, history)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


# -- parsing values -----------------------------------------------------------------


def _int(text: str, what: str, lo: int = 1, hi: int | None = None) -> int:
    """A whole number lo <= n <= hi (most of train's numbers are counts, hence lo=1)."""
    return parse_number(text, what, whole=True, lo=lo, hi=hi)


def parse_train_optimizer(spec: str) -> tuple[str, dict[str, Any]]:
    """(name, complete hyper) through the shared optimizer spec; "torch:" keeps its prefix."""
    prefix = TORCH_PREFIX if spec.strip().startswith(TORCH_PREFIX) else ""
    bare = spec.strip()[len(prefix):]
    try:
        opt = parse_optimizer(bare)
    except UsageError as e:  # name the spec as the user typed it
        raise UsageError(str(e).replace(shown(bare), shown(spec.strip()), 1)) from None
    return prefix + opt.name, dict(opt.hyper)


def parse_imbalance(text: str | None) -> dict[int, float]:
    out: dict[int, float] = {}
    try:
        items = split_items(text or "")
    except UsageError as exc:
        raise UsageError(f"--imbalance: {exc}") from None
    for item in items:
        digit, eq, frac = item.partition("=")
        if not eq:
            raise UsageError(f"--imbalance: expected DIGIT=FRACTION, got {shown(item)}")
        d = _int(digit, "--imbalance digit", lo=0, hi=9)
        if d in out:  # the last would silently win
            raise UsageError(f"--imbalance: digit {d} given twice")
        out[d] = parse_number(frac, f"--imbalance {d}", lo=0.0, hi=1.0)
    if len(out) == 10 and not any(out.values()):
        raise UsageError("--imbalance: every digit's fraction is 0, no training samples left")
    return out


def _check_schedule_values(name: str, params: dict[str, Any]) -> None:
    """A schedule's settings are numbers ("step:step_size=abc" would reach int())."""
    for key, value in params.items():
        if not isinstance(value, (int, float)):
            raise UsageError(f"--schedule {name}: {key} must be a number, got {shown(value)}")


def build_config(args: argparse.Namespace) -> TrainConfig:
    """The TrainConfig of the parsed arguments; UsageError for a bad one."""
    # Imports torch: only once the arguments parse. Its limits name the options here,
    # before any data is read; `validate` then checks every field again.
    from gradlab.core.mnist import config as limits

    optimizer, hyper = parse_train_optimizer(args.optimizer)
    loss, loss_params = parse_spec(args.loss, "--loss")
    schedule, schedule_params = parse_spec(args.schedule, "--schedule")
    _check_schedule_values(schedule, schedule_params)
    activation_params = {}
    if args.alpha is not None:
        activation_params["alpha"] = parse_value(args.alpha, "--alpha")
    hidden = tuple(_int(h, "--hidden") for h in args.hidden.split(","))
    config = TrainConfig(
        optimizer=optimizer, hyper=hyper, loss=loss, loss_params=loss_params,
        activation=args.activation, activation_params=activation_params, hidden=hidden,
        batch_size=_int(args.batch_size, "--batch-size"), epochs=_int(args.epochs, "--epochs"),
        schedule=schedule, schedule_params=schedule_params, schedule_unit=args.schedule_unit,
        seed=_int(args.seed, "--seed", lo=0, hi=limits.MAX_SEED), device=args.device, engine=args.engine,
        dtype=args.dtype, imbalance=parse_imbalance(args.imbalance),
        train_subset=None if args.train_subset is None else _int(args.train_subset, "--train-subset"),
        test_subset=None if args.test_subset is None else _int(args.test_subset, "--test-subset"),
        threads=None if args.threads is None else _int(args.threads, "--threads", hi=limits.MAX_THREADS),
        eval_every=0,  # headless: only the end-of-epoch evaluation that the JSON reports
        grid_size=0,
    )
    try:
        device = limits.resolve_device(config.device)
    except ValueError as e:
        raise UsageError(f"--device: {e}") from None
    try:
        limits.check_memory(config, device)
    except limits.TooLarge as e:
        raise UsageError(f"--{e.field.replace('_', '-')} {e.problem}") from None
    try:
        limits.validate(config)
    except ValueError as e:
        raise UsageError(str(e)) from None
    return config


def write_json(path: Path, payload: dict[str, Any]) -> None:
    """Atomically (see `atomic_file`): a reader never sees half the JSON."""
    with atomic_write(path, "w", encoding="utf-8") as f:
        json.dump(payload, f, indent=2, allow_nan=True)
        f.write("\n")


def _finite_or_none(x: float) -> float | None:
    return x if math.isfinite(x) else None


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """`gradlab train ARGS`; returns the exit status (0, or 2 on bad arguments or data)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)

    try:
        args = build_parser().parse_args(argv)
        outputs = check_outputs({"--json": (args.json, None), "--save": (args.save, None)},
                                writes={"--json": ".json", "--save": ".pt"})
        json_path, save_path = outputs["--json"], outputs["--save"]
        config = build_config(args)
    except UsageError as e:
        return fail(PROG, e, stderr)
    except SystemExit as e:  # --help
        return int(e.code or 0)

    from gradlab.core.mnist import data as mnist_data

    try:
        # A folder the user names is read (or its problem reported) as given; only
        # without --data does GradLab look in its own data folder.
        folder = args.data if args.data is not None else mnist_data.find()
        if folder is None:
            where = mnist_data.app_data_folder()
            raise mnist_data.MnistError(f"{where}: no MNIST files (pass --data DIR, or put the "
                                        f"four *-ubyte.gz files there)")
        data = mnist_data.load(folder)
    except mnist_data.MnistError as e:
        return fail(PROG, e, stderr)

    from tqdm import tqdm

    from gradlab.core.mnist.run_file import save_run
    from gradlab.core.mnist.train import train

    epochs: list[dict[str, Any]] = []
    final = None
    frames = train(config, data, frame_seconds=0.25)
    try:
        first = next(frames)
    except ValueError as e:  # what only the data can tell: a subset and imbalance that keep none
        return fail(PROG, e, stderr)
    bar = tqdm(total=None, file=stderr, unit="step", disable=args.no_progress, dynamic_ncols=True)
    try:
        for frame in itertools.chain([first], frames):
            p = frame.progress
            bar.total = p.total_steps
            bar.update(len(frame.steps))
            if len(frame.losses):
                bar.set_postfix(epoch=f"{p.epoch}/{p.epochs}", loss=f"{frame.losses[-1]:.4f}",
                                refresh=False)
            if frame.epoch_result is not None:
                r = frame.epoch_result
                epochs.append({"epoch": r.epoch, "train_loss": _finite_or_none(r.train_loss),
                               "test_loss": _finite_or_none(r.test_loss),
                               "test_accuracy": r.test_accuracy, "seconds": r.seconds,
                               "test_cross_entropy": _finite_or_none(r.test_cross_entropy)})
                bar.write(f"epoch {r.epoch}: train loss {r.train_loss:.4f}, test loss "
                          f"{r.test_loss:.4f}, test accuracy {100 * r.test_accuracy:.2f}%, "
                          f"{r.seconds:.1f} s", file=stderr)
            final = frame
    finally:
        bar.close()
    assert final is not None and final.checkpoint is not None
    if final.diverged is not None:
        print(f"{PROG}: diverged at step {final.diverged}", file=stderr)
    seconds = sum(e.seconds for e in final.checkpoint.history.epochs)
    samples = sum(e.seconds * e.samples_per_second for e in final.checkpoint.history.epochs)
    payload = {"config": config.to_dict(), "epochs": epochs,
               "samples_per_second": samples / seconds if seconds > 0 else 0.0,
               "diverged": final.diverged}
    replaced = existing_files([json_path, save_path])
    try:
        if json_path is not None:
            write_json(json_path, payload)
        if save_path is not None:
            save_run(save_path, final.checkpoint)
    except OSError as e:
        return fail(PROG, e, stderr)
    note_replaced(PROG, replaced, stderr)
    if epochs:
        last = epochs[-1]
        print(f"test accuracy {100 * last['test_accuracy']:.2f}% after {last['epoch']} epochs, "
              f"{payload['samples_per_second']:.0f} samples/s", file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
