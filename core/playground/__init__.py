"""The Playground: small networks learning 2-D data live (TensorFlow Playground on
GradLab's core). Qt-free, numpy only.

- `datasets`: circle, xor, gauss, spiral (2 or 3 arms), moons, made as TF Playground's
  `src/dataset.ts` makes them; `split` into train and test; `imbalance` (keep a fraction
  of one class)
- `features`: the inputs x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂ (`compute`)
- `session`: `PlaygroundConfig`, and `Session`: one network (the core MLP with
  hand-written backpropagation and a core optimizer) training epoch by epoch, with its
  decision regions and each hidden unit's map over the plane
- `compare`: `sessions_for`, networks that share the data and the initial weights
- `frames`: the generator that trains them, yielding `PlaygroundFrame` copies
- `process`: `TrainingProcess`, a child process that trains the sessions (its own GIL)
  and sends the frames back; the app's worker runs its `frames`
"""
