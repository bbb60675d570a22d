"""`gradlab playground`: train one Playground network headless and write what it did.

    gradlab playground --dataset spiral --classes 2 --noise 0 --points 500 --train-share 0.5 \\
        --features x1,x2 --hidden 8,8 --activation tanh --loss cross_entropy \\
        --optimizer adam:lr=0.03 --batch-size 10 --epochs 300 --seed 0 \\
        --json out.json --png regions.png

JSON: `{"config": {...}, "epochs": [{"epoch", "train_loss", "test_loss", "train_accuracy",
"test_accuracy"}, ...], "diverged": null | epoch}` (a non-finite number is null), to
stdout without --json. `--hidden none` is a network with no hidden layer. `--png` draws
the decision regions with the training and test points (imports Qt, offscreen).

Every argument is checked before anything runs (`gradlab.cli.args`); a bad one exits 2
with one line on stderr naming it, and nothing is written. Files are written atomically.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, TextIO

import numpy as np

from gradlab.cli.args import (
    SPEC_SYNTAX, Parser, UsageError, check_outputs, existing_files, fail, note_replaced,
    parse_number, parse_optimizer, parse_spec, shown,
)
from gradlab.core import activations
from gradlab.core.atomic_file import atomic_write
from gradlab.core.playground import datasets, features
from gradlab.core.playground.session import (
    LOSSES, MAX_LAYERS, MAX_UNITS, PlaygroundConfig, Session, make_loss,
)

PROG = "gradlab playground"
MAX_EPOCHS = 100_000


def build_parser() -> Parser:
    d = PlaygroundConfig()
    p = Parser(prog=PROG, description="Train a small network on 2-D data, headless (the Playground tab).",
               epilog=f"Specs (--optimizer, --loss): {SPEC_SYNTAX}.")
    p.add_argument("--dataset", metavar="NAME", default=d.dataset, help=", ".join(datasets.NAMES))
    p.add_argument("--classes", metavar="C", default=str(d.classes), help="2, or 3 for the spiral")
    p.add_argument("--noise", metavar="F", default=str(d.noise), help="0 to 0.5")
    p.add_argument("--points", metavar="N", default=str(d.n_points), help="points in the data set")
    p.add_argument("--train-share", metavar="F", default=str(d.train_share), help="0.1 to 0.9")
    p.add_argument("--imbalance", metavar="CLASS:FRACTION",
                   help="keep only this fraction of one class (e.g. 1:0.2)")
    p.add_argument("--features", metavar="LIST", default=",".join(d.features),
                   help=",".join(features.FEATURES))
    p.add_argument("--hidden", metavar="LIST", default=",".join(map(str, d.hidden)),
                   help=f"units per hidden layer, e.g. 8,8 (0 to {MAX_LAYERS} layers of 1 to "
                        f"{MAX_UNITS}); none for no hidden layer")
    p.add_argument("--activation", metavar="NAME", default=d.activation,
                   help=", ".join(activations.names()))
    p.add_argument("--loss", metavar="NAME:key=value,...", default=d.loss,
                   help=f"{', '.join(LOSSES)}; weights or alpha may be inverse_frequency")
    p.add_argument("--optimizer", metavar="NAME:key=value,...", default="sgd:lr=0.03")
    p.add_argument("--batch-size", metavar="N", default=str(d.batch_size))
    p.add_argument("--l2", metavar="F", default=str(d.l2), help="L2 weight decay λ on the weights")
    p.add_argument("--epochs", metavar="N", default="100")
    p.add_argument("--seed", metavar="N", default="0", help="the data's seed (and the split's)")
    p.add_argument("--weight-seed", metavar="N", default="0", help="initial weights and batch order")
    p.add_argument("--json", metavar="PATH", help="write the run here (default: stdout)")
    p.add_argument("--png", metavar="PATH", help="draw the decision regions and points here")
    return p


@dataclass(frozen=True)
class PlaygroundArgs:
    config: PlaygroundConfig
    epochs: int
    imbalance: tuple[int, float] | None
    json: Path | None
    png: Path | None


def _checked(option: str, check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def parse_hidden(text: str) -> tuple[int, ...]:
    if text.strip().lower() in ("none", ""):
        return ()
    units = tuple(parse_number(t, "--hidden", whole=True) for t in text.split(","))
    if len(units) > MAX_LAYERS:
        raise UsageError(f"--hidden: at most {MAX_LAYERS} layers, got {len(units)} in {shown(text)}")
    for u in units:
        if not 1 <= u <= MAX_UNITS:
            raise UsageError(f"--hidden: a layer has 1 to {MAX_UNITS} units, got {u}")
    return units


def parse_imbalance(text: str, classes: int) -> tuple[int, float]:
    cls_text, colon, frac_text = text.partition(":")
    if not colon:
        raise UsageError(f"--imbalance: expected CLASS:FRACTION, got {shown(text)}")
    cls = parse_number(cls_text, "--imbalance class", whole=True, lo=0, hi=classes - 1)
    frac = parse_number(frac_text, "--imbalance fraction", lo=0.0, hi=1.0)
    if frac == 0:
        raise UsageError("--imbalance fraction: must be > 0, got 0")
    return cls, frac


def parse_args(argv: Sequence[str]) -> PlaygroundArgs:
    """Every argument checked; UsageError (one line) on the first bad one."""
    ns = build_parser().parse_args(argv)
    dataset = ns.dataset.strip()
    if dataset not in datasets.NAMES:
        raise UsageError(f"--dataset: unknown data set {shown(dataset)}; valid: {', '.join(datasets.NAMES)}")
    classes = parse_number(ns.classes, "--classes", whole=True)
    noise = parse_number(ns.noise, "--noise", lo=0.0, hi=datasets.MAX_NOISE)
    points = parse_number(ns.points, "--points", whole=True, lo=2, hi=datasets.MAX_POINTS)
    _checked("--classes", datasets.check, dataset, points, noise, classes)
    share = parse_number(ns.train_share, "--train-share", lo=0.1, hi=0.9)
    imbalance = parse_imbalance(ns.imbalance, classes) if ns.imbalance is not None else None
    names = tuple(t.strip() for t in ns.features.split(","))
    _checked("--features", features.check, names)
    hidden = parse_hidden(ns.hidden)
    activation = ns.activation.strip()
    _checked("--activation", activations.get, activation)
    loss, loss_params = parse_spec(ns.loss, "--loss")
    optimizer = parse_optimizer(ns.optimizer)
    batch = parse_number(ns.batch_size, "--batch-size", whole=True, lo=1, hi=datasets.MAX_POINTS)
    l2 = parse_number(ns.l2, "--l2", lo=0.0)
    epochs = parse_number(ns.epochs, "--epochs", whole=True, lo=0, hi=MAX_EPOCHS)
    seed = parse_number(ns.seed, "--seed", whole=True, lo=0)
    weight_seed = parse_number(ns.weight_seed, "--weight-seed", whole=True, lo=0)
    config = PlaygroundConfig(
        dataset=dataset, classes=classes, noise=noise, n_points=points, train_share=share,
        seed=seed, features=names, hidden=hidden, activation=activation, loss=loss,
        loss_params=loss_params, optimizer=optimizer.name, hyper=dict(optimizer.hyper),
        batch_size=batch, l2=l2, weight_seed=weight_seed)
    _checked(f"--loss {shown(ns.loss)}", make_loss, config, np.arange(classes))
    _checked("settings", config.validate)  # the per-option checks above leave nothing here
    outputs = check_outputs({"--json": (ns.json, None), "--png": (ns.png, ".png")},
                            writes={"--json": ".json"})
    return PlaygroundArgs(config, epochs, imbalance, outputs["--json"], outputs["--png"])


def make_session(args: PlaygroundArgs) -> Session:
    c = args.config
    X, y = datasets.make(c.dataset, c.n_points, c.noise, c.seed, c.classes)
    if args.imbalance is not None:
        X, y = datasets.imbalance(X, y, *args.imbalance, seed=c.seed)
    return Session(c, X, y)


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def run(args: PlaygroundArgs) -> tuple[Session, dict[str, Any]]:
    """Train `args.epochs` epochs (fewer when the network diverges); (session, JSON payload)."""
    session = make_session(args)
    for _ in range(args.epochs):
        if session.epoch() is None:
            break
    epochs = [{key: (_finite_or_none(v) if isinstance(v, float) else v)
               for key, v in s.to_dict().items()} for s in session.history]
    config = args.config.to_dict()
    if args.imbalance is not None:
        config["imbalance"] = list(args.imbalance)
    return session, {"config": config, "epochs": epochs, "diverged": session.diverged}


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """`gradlab playground ARGS`; the exit status (0, or 2 on a bad argument)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        return fail(PROG, exc, stderr)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    session, payload = run(args)
    replaced = existing_files([args.json, args.png])
    try:
        if args.png is not None:
            from gradlab.gui.playground.render import render_png

            render_png(args.png, session)
        if args.json is not None:
            with atomic_write(args.json, "w", encoding="utf-8") as f:
                json.dump(payload, f)
                f.write("\n")
    except OSError as exc:  # the folder became unwritable, the disk is full, ...
        return fail(PROG, exc, stderr)
    if args.json is None:
        json.dump(payload, stdout)
        stdout.write("\n")
    last = session.history[-1] if session.history else None
    if session.diverged is not None:
        print(f"{PROG}: diverged at epoch {session.diverged}", file=stderr)
    elif last is not None and args.json is not None:
        print(f"epoch {last.epoch}: train loss {last.train_loss:.4f}, test loss {last.test_loss:.4f}, "
              f"test accuracy {100 * last.test_accuracy:.1f}%", file=stdout)
    note_replaced(PROG, replaced, stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
