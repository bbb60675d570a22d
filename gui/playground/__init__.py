"""The Playground tab: small networks learn 2-D data live, and race each other.

- `tab`: `PlaygroundTab`, the layout, the worker and the one redraw clock
- `controls`: `Controls`, data, input features, network and training settings
- `compare`: `CompareSettings` (2 to 4 settings) and `CompareView` (small multiples)
- `regions`: `RegionsView`, decision regions with the points; click adds, right-click removes
- `diagram`: `NetworkDiagram`, units with thumbnails of their output, edges by weight
- `curves`: `LossPlot`, training and test loss per epoch, one pair per network
- `colours`: class colours; probabilities and unit outputs as pictures
- `render`: `render_png`, the regions and points as a PNG without a window (the CLI's --png)

Everything computed comes from `gradlab.core.playground`; this package only draws.
"""
