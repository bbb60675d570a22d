"""The `gradlab` command.

    gradlab                                   open the app
    gradlab --scenario FILE --steps N --screenshot out.png
    gradlab race ...                          headless optimizer race (gradlab race --help)
    gradlab train ...                         headless MNIST training (gradlab train --help)
    gradlab backprop ...                      one backpropagation traced as JSON (backprop --help)
    gradlab playground ...                    train a small 2-D network headless (playground --help)
    gradlab landscape ...                     the loss landscape of saved MNIST runs (landscape --help)

Nothing is imported at module level beyond the standard library: `race` and `train`
must start fast and import no Qt (only `race --png` renders, offscreen), and the app
pays for Qt only when it opens.
"""

from __future__ import annotations

import importlib
import sys
from typing import Sequence

USAGE = """\
usage: gradlab [--scenario FILE] [--steps N] [--screenshot OUT.png]   open the app
       gradlab race [options]    race optimizers on a 2-D surface, headless (race --help)
       gradlab train [options]   train the MNIST network, headless (train --help)
       gradlab backprop [options]  trace one backpropagation as JSON (backprop --help)
       gradlab playground [options]  train a small network on 2-D data, headless (playground --help)
       gradlab landscape [options]  the loss landscape of saved MNIST runs, headless (landscape --help)"""


def _load(module: str, what: str):
    """The module, or None (after one line on stderr) when it is not part of this install."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        # Only the module itself being absent means "not available"; a missing
        # dependency inside it is a real error and should show its traceback.
        if exc.name != module:
            raise
        print(f"gradlab: error: {what} is not available in this installation ({module} is missing)",
              file=sys.stderr)
        return None


INTERRUPTED_LINE = "gradlab: interrupted"


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a sub-command or the app; returns the exit status.

    Ctrl-C anywhere (while importing torch, racing, training) ends with one line,
    "gradlab: interrupted", and exit status 130 (128 + SIGINT), never a traceback. Files
    already there are kept: every output is written to a temporary file and renamed
    only when complete (`gradlab.core.atomic_file`), and the temporary file is removed.
    """
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print(INTERRUPTED_LINE, file=sys.stderr, flush=True)
        return 130


def _dispatch(args: list[str]) -> int:
    command = args[0] if args else None
    if command == "race":
        from gradlab.cli import race as race_cli

        return race_cli.main(args[1:])
    if command == "train":
        train_cli = _load("gradlab.cli.train", "gradlab train")
        return 2 if train_cli is None else int(train_cli.main(args[1:]) or 0)
    if command == "backprop":
        backprop_cli = _load("gradlab.cli.backprop", "gradlab backprop")
        return 2 if backprop_cli is None else int(backprop_cli.main(args[1:]) or 0)
    if command == "playground":
        playground_cli = _load("gradlab.cli.playground", "gradlab playground")
        return 2 if playground_cli is None else int(playground_cli.main(args[1:]) or 0)
    if command == "landscape":
        landscape_cli = _load("gradlab.cli.landscape", "gradlab landscape")
        return 2 if landscape_cli is None else int(landscape_cli.main(args[1:]) or 0)
    if command in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    app = _load("gradlab.gui.app", "the GradLab window")
    return 1 if app is None else int(app.main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
