"""The `gradlab` command: the app, and headless sub-commands for scripts, slides, checks.

- `main`: the entry point; dispatches to a sub-command or opens the window
- `race`: `gradlab race`, an optimizer race written as CSV (and a PNG, rendered by
  `gradlab.gui.race.render`, imported only when one is asked for)
- `train`: `gradlab train`, MNIST training written as JSON

Nothing here imports Qt at module level, and nothing in `gradlab.core` imports this.
"""
