"""`gradlab backprop`: one backpropagation traced, every intermediate written as JSON.

    gradlab backprop --sizes 2,3,3,2 --activation sigmoid --loss cross_entropy --seed 0 \\
        --x "0.5,-1.0;1.2,0.3;-0.7,2.0" --y 0,1,1 [--optimizer adam:lr=0.1] --json out.json
    gradlab backprop --run RUN.pt [--data DIR] --test-index 7 [--target 3] --json out.json

The first form traces a small network whose weights `gradlab.core.mlp.init_params(sizes,
seed)` draws (float64), on the rows of --x (";" between samples, "," between inputs) with
labels --y; --optimizer adds the update of one step from a fresh optimizer state. The
second traces the MNIST network of a run the MNIST tab saved, on one test digit, asking
"why (not) --target?" (default: the digit's true label); its activation and loss are the
run's.

The JSON is `Trace.to_json()` (see `gradlab.core.backprop.trace`): sizes, activation,
loss_name, loss_params, loss, x, y, W, b, z, a, p, sample_losses, delta, grad_W, grad_b,
input_grad, update. With --run, W and b are left out (the run file has them) and
"run" (its path and label), "test_index" and "label" (the digit's true label) are added.
Without --json the JSON goes to stdout.

Every argument is checked (through `gradlab.cli.args`) before anything is written; a bad
one exits 2 with one line on stderr naming it. The file is written atomically.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Sequence, TextIO

import numpy as np

from gradlab.cli.args import (
    Parser, UsageError, check_outputs, existing_files, fail, note_replaced, parse_number,
    parse_optimizer, parse_spec,
)
from gradlab.core import activations, losses
from gradlab.core.atomic_file import atomic_write
from gradlab.core.backprop.trace import CLASSIFICATION_LOSSES, Trace, trace

PROG = "gradlab backprop"
MAX_WIDTH = 4096  # one layer's units; the small network has a handful, MNIST's input 784
MAX_LAYERS = 10  # widths in --sizes, input and output included
SMALL_OPTIONS = ("sizes", "activation", "loss", "seed", "x", "y", "optimizer")
RUN_OPTIONS = ("data", "test_index", "target")


def build_parser() -> Parser:
    # "-0.7,2.0;..." starts with "-": argparse would take it for an option.
    p = Parser(prog=PROG, description="Trace one forward + backward pass, every number kept.",
               dash_values=("--x",))
    small = p.add_argument_group("a small network")
    small.add_argument("--sizes", metavar="N0,N1,...,NL", help="layer widths, input first (e.g. 2,3,3,2)")
    small.add_argument("--activation", metavar="NAME[:alpha=A]",
                       help=f"hidden activation: {', '.join(activations.names())} (default sigmoid)")
    small.add_argument("--loss", metavar="NAME:key=value,...",
                       help=f"{', '.join(CLASSIFICATION_LOSSES)} (default cross_entropy; "
                            "e.g. focal:gamma=2, weighted_cross_entropy:weights=1/3)")
    small.add_argument("--seed", metavar="N", help="the weights' seed (default 0)")
    small.add_argument("--x", metavar="X", help='inputs, ";" between samples: "0.5,-1;1.2,0.3"')
    small.add_argument("--y", metavar="LABELS", help="one integer label per sample: 0,1")
    small.add_argument("--optimizer", metavar="NAME:key=value,...",
                       help="also trace one update step, e.g. adam:lr=0.1")
    real = p.add_argument_group("the MNIST network of a saved run")
    real.add_argument("--run", metavar="RUN.pt", help="a run saved by the MNIST tab or gradlab train --save")
    real.add_argument("--data", metavar="DIR", help="folder with the MNIST files (default: GradLab's)")
    real.add_argument("--test-index", metavar="I", help="which test digit (0-based)")
    real.add_argument("--target", metavar="LABEL", help="the label asked about (default: the true one)")
    p.add_argument("--json", metavar="PATH", help="write the trace here (default: stdout)")
    return p


# -- parsing values -----------------------------------------------------------------


def parse_sizes(text: str) -> tuple[int, ...]:
    parts = [s for s in text.split(",")]
    if not 2 <= len(parts) <= MAX_LAYERS:
        raise UsageError(f"--sizes: expected 2 to {MAX_LAYERS} widths, got {text!r}")
    return tuple(parse_number(s, "--sizes", whole=True, lo=1, hi=MAX_WIDTH) for s in parts)


def parse_x(text: str, n_inputs: int) -> np.ndarray:
    """"a,b;c,d" -> [[a, b], [c, d]], each row `n_inputs` finite numbers."""
    rows = []
    for i, row in enumerate(text.split(";")):
        values = row.split(",")
        if len(values) != n_inputs:
            raise UsageError(f"--x: sample {i} has {len(values)} numbers, --sizes says {n_inputs} inputs")
        rows.append([parse_number(v, f"--x sample {i}") for v in values])
    return np.array(rows, dtype=np.float64)


def parse_labels(text: str, n: int, n_classes: int) -> np.ndarray:
    parts = text.split(",")
    if len(parts) != n:
        raise UsageError(f"--y: {len(parts)} labels for {n} samples of --x")
    return np.array([parse_number(s, "--y", whole=True, lo=0, hi=n_classes - 1) for s in parts], dtype=np.int64)


def parse_activation(text: str) -> Any:
    name, params = parse_spec(text, "--activation")
    try:
        return activations.get(name, **params)
    except ValueError as exc:
        raise UsageError(f"--activation {text!r}: {exc}") from None


def parse_loss(text: str) -> losses.Loss:
    name, params = parse_spec(text, "--loss")
    if name not in CLASSIFICATION_LOSSES:
        raise UsageError(f"--loss {text!r}: unknown loss {name!r}; valid: {', '.join(CLASSIFICATION_LOSSES)}")
    try:
        return losses.get(name, **params)
    except ValueError as exc:
        raise UsageError(f"--loss {text!r}: {exc}") from None


def _refuse(ns: Any, options: Sequence[str], why: str) -> None:
    for name in options:
        if getattr(ns, name) is not None:
            raise UsageError(f"--{name.replace('_', '-')}: {why}")


# -- the two forms -----------------------------------------------------------------------


def small_trace(ns: Any) -> Trace:
    """The small network of the arguments, traced; UsageError for a bad argument."""
    from gradlab.core.mlp import init_params

    _refuse(ns, RUN_OPTIONS, "only with --run")
    if ns.sizes is None:
        raise UsageError("--sizes is required (or trace a saved run with --run)")
    sizes = parse_sizes(ns.sizes)
    if ns.x is None or ns.y is None:
        raise UsageError(f"--{'x' if ns.x is None else 'y'} is required with --sizes")
    x = parse_x(ns.x, sizes[0])
    y = parse_labels(ns.y, len(x), sizes[-1])
    activation = parse_activation(ns.activation or "sigmoid")
    loss = parse_loss(ns.loss or "cross_entropy")
    seed = parse_number(ns.seed or "0", "--seed", whole=True, lo=0)
    optimizer = parse_optimizer(ns.optimizer) if ns.optimizer is not None else None
    params = init_params(sizes, seed, np.float64)
    try:
        return trace(params, activation, x, y, loss, optimizer=optimizer)
    except ValueError as exc:  # e.g. weighted cross-entropy weights for another class count
        raise UsageError(str(exc)) from None


def run_trace(ns: Any) -> tuple[Trace, dict[str, Any]]:
    """The saved run's network on one test digit, traced, and what the JSON adds."""
    from gradlab.core.backprop import real
    from gradlab.core.mnist import data as mnist_data

    _refuse(ns, SMALL_OPTIONS, "not with --run (the run's network, activation and loss are used)")
    if ns.test_index is None:
        raise UsageError("--test-index is required with --run")
    index = parse_number(ns.test_index, "--test-index", whole=True, lo=0)
    try:
        params, info = real.params_from_run_file(ns.run)
    except ValueError as exc:
        raise UsageError(f"--run: {exc}") from None
    n_classes = params[-1][0].shape[0]
    target = None if ns.target is None else parse_number(ns.target, "--target", whole=True, lo=0, hi=n_classes - 1)
    # A folder the user names is read (or its problem reported) as given, as `gradlab
    # train` does; only without --data does GradLab look in its own data folder.
    folder = ns.data if ns.data is not None else mnist_data.find()
    if folder is None:
        raise UsageError(f"--data: no MNIST files in {str(mnist_data.app_data_folder())!r} (pass --data DIR)")
    try:
        data = mnist_data.load(folder)
    except ValueError as exc:  # MnistError names the missing or damaged file
        raise UsageError(f"--data: {exc}") from None
    n_test = len(data.test_labels)
    if index >= n_test:
        raise UsageError(f"--test-index: must be 0..{n_test - 1} (the test set has {n_test} digits), got {index}")
    x, label, _ = real.test_digit(data, index)
    try:
        activation = activations.get(info["activation"], **info["activation_params"])
        loss = _run_loss(ns.run, data)
        result = trace(params, activation, x, [label if target is None else target], loss)
    except ValueError as exc:
        raise UsageError(f"--run: {exc}") from None
    return result, {"run": {"path": info["path"], "label": info["label"]}, "test_index": index, "label": label}


def _run_loss(path: str, data: Any) -> losses.Loss:
    """The run's own loss, with "inverse_frequency" weights counted on the very training
    rows it used, as the trainer does (`gradlab.core.mnist.config.make_loss`)."""
    from gradlab.core.mnist.config import make_loss
    from gradlab.core.mnist.run_file import load_run
    from gradlab.core.mnist.tensors import train_indices

    config = load_run(path).config
    labels = np.asarray(data.train_labels)
    rows = train_indices(labels, config)
    return make_loss(config, labels if rows is None else labels[rows])


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """`gradlab backprop ARGS`; returns the exit status (0, or 2 on a bad argument)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        ns = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        out = check_outputs({"--json": (ns.json, None)})["--json"]
        if ns.run is not None:
            result, extra = run_trace(ns)
            payload = {**result.to_json(include_params=False), **extra}
        else:
            payload = small_trace(ns).to_json()
    except UsageError as exc:
        return fail(PROG, exc, stderr)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if out is None:
        json.dump(payload, stdout)
        stdout.write("\n")
        return 0
    replaced = existing_files([out])
    try:
        with atomic_write(out, "w", encoding="utf-8") as f:
            json.dump(payload, f)
            f.write("\n")
    except OSError as exc:  # the folder became unwritable, the disk is full, ...
        return fail(PROG, exc, stderr)
    note_replaced(PROG, replaced, stderr)  # a script's convention is to overwrite: say so
    return 0


if __name__ == "__main__":
    sys.exit(main())
