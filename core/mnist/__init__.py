"""The 784-512-256-10 MNIST network: data, training, evaluation and run files.

Import the module you need; this package imports nothing itself, because most of its
modules import torch (1.5-3 s) and the window must not pay for it at start-up.

- `frames`: the plain records training yields (`TrainConfig`, `TrainFrame`, `Evaluation`,
  `History`, `Checkpoint`, ...); numpy only
- `config`: checking a `TrainConfig` and building what it names (loss, device)
- `data`: reading the four IDX files (`load`, `find`, `MnistError`); numpy only
- `download`: fetching them, checked against their known MD5s; standard library only
- `synthetic`: a small learnable stand-in for tests and demos
- `tensors`: the normalised tensors batches are gathered from
- `model`: the two engines (torch autograd, hand-written numpy backprop)
- `optimizers`: a torch optimizer for a config (GradLab's rules or torch.optim's)
- `schedules`: learning-rate schedules (constant, step, cosine)
- `evaluation`: test loss, accuracy, confusion, the digit grid
- `run_file`: saving and loading a whole run
- `train`: the training loop, `train(config, data) -> Iterator[TrainFrame]`
"""
