"""The Optimizer race tab: optimizers racing over a 2-D loss surface.

- `tab`: `RaceTab`, the tab (behaviour: run, pause, step, history, keys)
- `layout`: builds and places its widgets; `config`: `RaceConfig`, what a race is
- `driver`: paces a `core.race.Race` inside the worker thread
- `history`: the race's frames, kept for stepping back and the slider
- `view`: the surface with paths, heads and arrows; `view3d`: the same in 3-D
- `curves`: loss and distance curves; `table`: each racer's state; `lesson`: what to watch for
- `surface_picker`, `transport`: the surface/formula choice; run, step, speed, history
- `racers`: the racers' cards (colour, hyperparameters, update rule)
- `momentum`: why momentum works (eigenvectors, convergence map, rates) beside the race
- `scenario`, `scenario_menu`: teaching scenarios as JSON files, and their menu
- `export`: PNG, SVG, CSV of the race; `render`: a race as a PNG without a window (CLI)
- `words`: the core's texts (surface titles and notes, racers' names) in the language in
  use; `core_texts`: those texts marked for translation (generated from the core)
"""
