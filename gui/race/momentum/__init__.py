"""Why momentum works, beside the race (the "Why momentum" tab of its right column).

- `panel`: `MomentumTheory`, the convergence map of heavy-ball momentum (clickable, with
  Optimal), the error along each eigen-direction and the measured against the predicted
  rate, all from `gradlab.core.quadratic`
- `eigenvectors`: `EigenOverlay`, the Hessian's eigenvectors drawn on the surface
"""
