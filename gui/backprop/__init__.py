"""The Backpropagation tab: how a network's gradient is computed, phase by phase.

- `tab`: `BackpropTab`, the two pages in a QTabWidget and presenter mode
- `small`: `SmallNetworkPage`, a network of a few units stepped through the forward pass,
  the loss, each layer's δ, the gradients and the optimizer's update
- `diagram`: `NetworkDiagram`, the units and weights drawn, coloured, hoverable, clickable
- `equation`: `EquationPanel`, the phase's equation large, with the numbers substituted
- `controls`: `NetworkForm` (shape, activation, loss, optimizer, seed) and `BatchTable`
- `loss_plot`: `StepLossPlot`, the batch loss after each optimizer step
- `real` (with `canvas`, `views`): `RealNetworkPage`, the MNIST network on a digit one draws
- `words`: the core's English (phase titles, the equations' remarks, hover texts) in the
  language in use; every text of the tab goes through Qt's translation (issue 17)

The math is `gradlab.core.backprop`'s (`trace`, `phases`, `substituted`); nothing here
computes it. Qt, pyqtgraph and numpy only: torch is never imported on this path.
"""
