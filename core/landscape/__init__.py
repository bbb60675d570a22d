"""The loss landscape of the MNIST network (Li et al. 2018; Goodfellow et al. 2015).

The loss on a plane through weight space, L(origin + α d₁ + β d₂), and along the line
from θ₀ to θ_T, with the runs' paths drawn on the plane. Qt-free; torch is imported
only inside the functions that compute, so the window may import these modules.

- `directions`: `random_plane`, Gaussian directions filter-normalised as Li et al. do
- `planes`: `Plane` (origin, d₁, d₂, named points, span; `project`, least squares onto
  it), `runs_plane` (through θ₀ and two runs' finals) and `pca_plane` (one run's path)
- `evaluate`: `Evaluator`, the run's loss and accuracy on a fixed training subset
- `grid`: `grid_order` (coarse first) and `compute_plane`, a generator of `GridUpdate`s
- `line`: `compute_line`, the loss along θ₀ + α(θ_T − θ₀) for several runs
- `paths`: `project_path`, a run's trajectory as (α, β) points on a plane
- `result`: `to_json`, issue 15's JSON record of a plane or a line
"""
