"""The `gradlab` command: the app, and headless sub-commands for scripts, slides, checks.

- `main`: the entry point; dispatches to a sub-command or opens the window
- `race`: `gradlab race`, an optimizer race written as CSV (and a PNG, rendered by
  `gradlab.gui.race.render`, imported only when one is asked for)
- `train`: `gradlab train`, MNIST training written as JSON
- `args`: what every sub-command shares to read its arguments (one-line errors, exit 2;
  `name:key=value` specs; numbers; output paths checked before anything runs)

Nothing here imports Qt at module level, and nothing in `gradlab.core` imports this.
"""
