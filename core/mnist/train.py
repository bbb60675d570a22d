"""Training the 784-512-256-10 perceptron on MNIST, as a generator of `TrainFrame`s.

    for frame in train(TrainConfig(optimizer="adam", hyper={"lr": 1e-3}), load(folder)):
        ...  # frame.losses, frame.evaluation, frame.progress, frame.checkpoint

The data are loaded once into float32 tensors, x = (pixel / 255 − 0.1307) / 0.3081, and
each epoch's batches are consecutive slices of one seeded permutation of the training
rows (the rows are gathered per batch: no DataLoader, no per-sample transform). The
permutation of epoch e comes from a torch.Generator seeded with (seed, e), and the
initial weights from `mlp.init_params(sizes, seed)`, so two runs with the same seed start
from the same weights and see the same batches whatever their optimizer, loss or engine.

The generator checks `stop()` before every step; the final frame (done or stopped)
carries a `Checkpoint`, and `train(config, data, resume=checkpoint)` goes on from it
exactly as if it had never stopped. See `gradlab.core.mnist.frames` for every field.
"""

from __future__ import annotations

import copy
import math
import os
import time
from typing import Any, Callable, Iterator

import numpy as np
import torch

from gradlab.core.blas_threads import set_blas_threads
from gradlab.core.mlp import init_params
from gradlab.core.mnist.config import check_resume, inverse_frequency, make_loss, resolve_device, validate
from gradlab.core.mnist.data import MnistData
from gradlab.core.mnist.evaluation import evaluate
from gradlab.core.mnist.frames import (
    Checkpoint, EpochResult, Evaluation, History, Progress, TrainConfig, TrainFrame, empty_rows,
)
from gradlab.core.mnist.model import NumpyEngine, TorchEngine, check_labels, params_from_state_dict
from gradlab.core.mnist.optimizers import make_optimizer
from gradlab.core.mnist.run_file import load_run, save_run
from gradlab.core.mnist.tensors import MEAN, STD, Prepared, clear_cache, prepare, train_indices
from gradlab.core.mnist.schedules import make_scheduler
from gradlab.core.mnist.schedules import restore as restore_schedule

# The public face of MNIST training: everything a caller needs is importable from here.
__all__ = ["TrainConfig", "TrainFrame", "train", "prepare", "clear_cache", "Prepared",
           "validate", "resolve_device", "make_loss", "inverse_frequency", "train_indices",
           "save_run", "load_run", "MEAN", "STD"]

INPUTS, CLASSES = 28 * 28, 10


def _cpu_copy(obj: Any) -> Any:
    """A deep copy with every tensor cloned to the CPU (checkpoints outlive the run)."""
    if isinstance(obj, torch.Tensor):
        return obj.detach().to("cpu", copy=True)
    if isinstance(obj, dict):
        return {k: _cpu_copy(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_cpu_copy(v) for v in obj)
    return copy.deepcopy(obj)


# --- the generator --------------------------------------------------------------------


def _permutation(seed: int, epoch: int, n: int) -> torch.Tensor:
    """Epoch `epoch`'s order of the n training rows (depends on nothing else)."""
    g = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
    return torch.randperm(n, generator=g)


def train(config: TrainConfig, data: MnistData, stop: Callable[[], bool] = lambda: False,
          resume: Checkpoint | None = None, frame_seconds: float = 0.05,
          clock: Callable[[], float] = time.perf_counter) -> Iterator[TrainFrame]:
    """Train as `config` says, yielding `TrainFrame`s (see `mnist_frames`).

    A frame comes about every `frame_seconds` of `clock`, right after each evaluation
    (every `config.eval_every` steps on the fixed test subset, and on the test set at each
    epoch end), and at the end. `stop()` is checked before every step; when it returns
    True the final frame has `stopped=True` and a checkpoint. A NaN or inf training loss
    ends the run with `diverged` = that step (its update is not applied). `resume` goes on
    from a checkpoint of a run with the same config (only `epochs`, device and evaluation
    settings may change). ValueError for a bad config, raised by this call itself (not
    at the first `next`), before anything is computed.
    """
    validate(config)
    if resume is not None:
        check_resume(config, resume)
    return _frames(config, data, stop, resume, frame_seconds, clock)


def _frames(config: TrainConfig, data: MnistData, stop: Callable[[], bool],
            resume: Checkpoint | None, frame_seconds: float,
            clock: Callable[[], float]) -> Iterator[TrainFrame]:
    device = torch.device("cpu") if config.engine == "numpy" else resolve_device(config.device)
    if device.type == "cpu":
        # Leave the GUI thread a core; torch's pool is process-wide. Headless runs
        # (`gradlab train`) use the same default, on purpose: app and headless then time
        # alike (issue 4 wants them within 10%), and a pool as large as the core count is
        # a trap on a busy machine: each elementwise op ends in a barrier that waits for a
        # thread the OS has given to another program (measured on a shared 2-core VM: an
        # Adam step took 30-35 ms with 2 threads, 3.5 ms with 1). A dedicated machine can
        # ask for every core with `threads` (`--threads N`).
        threads = config.threads or max(1, (os.cpu_count() or 2) - 1)
        torch.set_num_threads(threads)
        if config.engine == "numpy":
            set_blas_threads(threads)  # numpy's BLAS pool too (see blas_threads.py)
    tdtype = torch.float64 if config.dtype == "float64" else torch.float32
    prepared = prepare(data, device, tdtype)
    rows = train_indices(np.asarray(data.train_labels), config)
    if rows is None:
        train_x, train_y = prepared.train_x, prepared.train_y
        used_labels = np.asarray(data.train_labels)
    else:
        index = torch.as_tensor(rows, device=device)
        train_x, train_y = prepared.train_x[index], prepared.train_y[index]
        used_labels = np.asarray(data.train_labels)[rows]
    n_train = len(train_y)
    if n_train == 0:
        raise ValueError("no training samples left (train_subset / imbalance keep none)")
    n_test = len(prepared.test_y) if config.test_subset is None else min(config.test_subset, len(prepared.test_y))
    test_x, test_y = prepared.test_x[:n_test], prepared.test_y[:n_test]
    n_sub = min(config.eval_subset, n_test)
    grid = prepared.test_images[: min(config.grid_size, n_sub)]

    loss_fn = make_loss(config, used_labels)
    sizes = [INPUTS, *config.hidden, CLASSES]
    init = init_params(sizes, config.seed, np.float64 if config.dtype == "float64" else np.float32)
    if config.engine == "numpy":
        engine = NumpyEngine(init, config.activation, dict(config.activation_params), loss_fn,
                             np.dtype(config.dtype))
    else:
        check_labels(loss_fn, used_labels, CLASSES)  # once here, not on every batch
        engine = TorchEngine(init, config.activation, dict(config.activation_params), loss_fn,
                             device, tdtype, labels_checked=True)
    optimizer = make_optimizer(config.optimizer, engine.tensors(), config.hyper)
    if hasattr(optimizer, "prepare"):  # CoreOptimizer: compile its loop outside the timing
        optimizer.prepare()
    steps_per_epoch = math.ceil(n_train / config.batch_size)
    scheduler = make_scheduler(optimizer, config.schedule, config.schedule_params,
                               config.schedule_unit, config.epochs, steps_per_epoch)
    total_steps = config.epochs * steps_per_epoch
    layers, hidden_layers = len(sizes) - 1, len(sizes) - 2

    # Where the run stands (restored from a checkpoint when resuming).
    step, epoch_done, epoch_step = 0, 0, 0
    epoch_seconds, epoch_loss_sum, epoch_samples = 0.0, 0.0, 0
    history = History()
    if resume is not None:
        st = resume.state
        engine.load(params_from_state_dict(st["model"]))
        optimizer.load_state_dict(_cpu_copy(st["optimizer"]))
        if scheduler is not None and st.get("scheduler") is not None:
            restore_schedule(scheduler, optimizer, _cpu_copy(st["scheduler"]))
        step, epoch_done, epoch_step = resume.step, resume.epoch, resume.epoch_step
        epoch_seconds = float(st["epoch_seconds"])
        epoch_loss_sum = float(st["epoch_loss_sum"])
        epoch_samples = int(st["epoch_samples"])
        history = copy.deepcopy(resume.history)
    device_name = "cpu (numpy)" if config.engine == "numpy" else str(device)

    rows_buf: list[list[float]] = []
    step_buf: list[int] = []
    lr_buf: list[float] = []

    def progress() -> Progress:
        rate = epoch_samples / epoch_seconds if epoch_seconds > 0 else 0.0
        per_step = epoch_seconds / epoch_step if epoch_step else 0.0
        return Progress(
            epoch=epoch_done + (1 if epoch_step else 0), epochs=config.epochs, step=step,
            total_steps=total_steps, epoch_step=epoch_step, steps_per_epoch=steps_per_epoch,
            samples_per_second=rate, seconds_left=per_step * (total_steps - step),
            device=device_name)

    last_evaluation: Evaluation | None = resume.evaluation if resume is not None else None

    def checkpoint() -> Checkpoint:
        state = {
            "model": engine.state_dict(),
            "optimizer": _cpu_copy(optimizer.state_dict()),
            "scheduler": _cpu_copy(scheduler.state_dict()) if scheduler is not None else None,
            "epoch_seconds": epoch_seconds,
            "epoch_loss_sum": epoch_loss_sum,
            "epoch_samples": epoch_samples,
        }
        return Checkpoint(config, step, epoch_done, epoch_step, copy.deepcopy(history), state,
                          steps_per_epoch, last_evaluation)

    def frame(prog: Progress | None = None, **extra: Any) -> TrainFrame:
        """A frame of the buffered rows (then emptied); a checkpoint when final."""
        if rows_buf:
            stats = np.asarray(rows_buf, np.float64)
            arrays = dict(steps=np.asarray(step_buf, np.int64), losses=stats[:, 0].copy(),
                          lrs=np.asarray(lr_buf, np.float64),
                          grad_norms=stats[:, 1:1 + layers].copy(),
                          dead_fraction=stats[:, 1 + layers:].copy())
        else:
            arrays = empty_rows(layers, hidden_layers)
        rows_buf.clear()
        step_buf.clear()
        lr_buf.clear()
        if not extra.get("done") and stop():
            # Stopped since the last check: this frame is the final one. A consumer that
            # quits pulling once it sees the flag set still gets the checkpoint.
            extra["stopped"] = True
        if extra.get("done") or extra.get("stopped"):
            extra["checkpoint"] = checkpoint()
        return TrainFrame(progress=prog or progress(), **arrays, **extra)

    def run_eval(kind: str) -> Evaluation:
        nonlocal last_evaluation
        x, y = (test_x, test_y) if kind == "epoch" else (test_x[:n_sub], test_y[:n_sub])
        ev = evaluate(engine.logits, loss_fn, x, y, kind=kind, step=step,
                      epoch=step / steps_per_epoch, grid_images=grid,
                      first_layer=engine.params[0][0])
        history.evaluations.append({
            "kind": kind, "step": step, "epoch": ev.epoch, "test_loss": ev.test_loss,
            "test_accuracy": ev.test_accuracy,
            "per_class_accuracy": ev.per_class_accuracy.tolist()})
        last_evaluation = ev
        return ev

    if epoch_done >= config.epochs:  # resumed a finished run with no more epochs asked
        yield frame(done=True)
        return
    if resume is None and config.eval_every:
        # Step 0: how the untrained network does, so the test curves start at the start.
        f = frame(evaluation=run_eval("subset"))
        yield f
        if f.final:
            return
    last_flush = clock()
    while epoch_done < config.epochs:
        perm = _permutation(config.seed, epoch_done + 1, n_train).to(device)
        while epoch_step < steps_per_epoch:
            if stop():
                yield frame(stopped=True)
                return
            t0 = clock()
            idx = perm[epoch_step * config.batch_size:(epoch_step + 1) * config.batch_size]
            x, y = train_x.index_select(0, idx), train_y.index_select(0, idx)
            lr = optimizer.param_groups[0]["lr"]
            stats = engine.step(x, y).tolist()  # the one device sync of the step
            loss = stats[0]
            rows_buf.append(stats)
            step_buf.append(step + 1)
            lr_buf.append(lr)
            history.steps.append(step + 1)
            history.losses.append(loss)
            history.lrs.append(lr)
            history.grad_norms.append(stats[1:1 + layers])
            history.dead_fraction.append(stats[1 + layers:])
            if not math.isfinite(loss):
                # Not applied: the checkpoint keeps the weights of step k − 1.
                epoch_seconds += clock() - t0
                history.diverged = step + 1
                yield frame(diverged=step + 1, done=True)
                return
            optimizer.step()
            if scheduler is not None and config.schedule_unit == "batch":
                scheduler.step()
            step += 1
            epoch_step += 1
            epoch_samples += len(idx)
            epoch_loss_sum += loss
            epoch_seconds += clock() - t0
            if epoch_step == steps_per_epoch:
                break
            f = None
            if config.eval_every and step % config.eval_every == 0:
                f = frame(evaluation=run_eval("subset"))
            elif clock() - last_flush >= frame_seconds:
                f = frame()
            if f is not None:
                yield f
                if f.final:
                    return
                last_flush = clock()
        # End of the epoch: step the per-epoch schedule, evaluate on the test set.
        if scheduler is not None and config.schedule_unit == "epoch":
            scheduler.step()
        ev = run_eval("epoch")
        result = EpochResult(epoch=epoch_done + 1, train_loss=epoch_loss_sum / steps_per_epoch,
                             test_loss=ev.test_loss, test_accuracy=ev.test_accuracy,
                             seconds=epoch_seconds,
                             samples_per_second=epoch_samples / epoch_seconds if epoch_seconds > 0 else 0.0)
        history.epochs.append(result)
        prog = progress()  # still describes the finished epoch
        epoch_done += 1
        epoch_step, epoch_seconds, epoch_loss_sum, epoch_samples = 0, 0.0, 0.0, 0
        f = frame(prog, evaluation=ev, epoch_result=result, done=epoch_done >= config.epochs)
        yield f
        if f.final:
            return
        last_flush = clock()
