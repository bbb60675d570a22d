"""The Explorer tab: activations, losses, a model's loss surface, the gradient check.

- `tab`: `ExplorerTab`, one page per topic
- `activations`: each activation and its derivative, saturation and dead zones shaded
- `losses`: losses and their gradients against the predicted probability
- `surface`: a logistic regression's loss surface under MSE, cross-entropy, focal
- `gradcheck`: hand-written backprop against finite differences (and planted bugs)
- `widgets`: the controls these pages share

Every text goes through `gradlab.gui.i18n.translate` (contexts "ExplorerTab",
"ExplorerActivations", ...; the field's names through `gradlab.gui.terms`); each view sets
its texts in `retranslate()`, which runs again on every LanguageChange (live switching).
"""
