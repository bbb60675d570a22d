"""The Landscape tab: the loss of the real network around the runs the MNIST tab trained.

- `tab`: `LandscapeTab`, the layout, the worker and the one redraw clock
- `controls`: `Controls`, the runs (ticked, in their colours), the picture, the grid, Compute
- `runs`: `RunSource`, a run as plain values (from the window's `mnist_runs()` or a file)
- `jobs`: what the worker runs: a `Request` of plain values, `check` (one line), `frames`
- `explain`: the sentences that say what the picture's axes are
- `map`: `MapView`, the contour map with the runs' paths, filled in coarse first
- `view3d`: `Surface3D`, the same grid as a surface (OpenGL, built on first view)
- `line`: `LineView`, the loss and accuracy along θ₀ + α·(θ_T − θ₀) for each run
- `render`: `write_png`, a result (issue 15's JSON record) as a PNG (the CLI's --png)

Everything computed comes from `gradlab.core.landscape`; this package only draws.
"""
