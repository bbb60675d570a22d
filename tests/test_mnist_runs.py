"""What names and states an MNIST run: its label (one builder, in core), its status (a
string enum), and a saved run from before `grid_probabilities` was dropped still loads."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gradlab.core.mnist.frames import Checkpoint, Evaluation, History, TrainConfig
from gradlab.core.mnist.run_file import load_run, save_run
from gradlab.gui.mnist.runs import Run, RunStatus


@pytest.mark.parametrize("config, text", [
    (TrainConfig(), "Adam lr=0.001 · cross-entropy · ReLU · cosine schedule"),
    (TrainConfig(optimizer="torch:sgd", hyper={"lr": 0.05}, schedule="constant"),
     "SGD (torch.optim) lr=0.05 · cross-entropy · ReLU"),
    (TrainConfig(optimizer="momentum", hyper={"lr": 0.01, "momentum": 0.5}, loss="focal",
                 loss_params={"gamma": 3.0}, activation="leaky_relu", schedule="constant"),
     "Momentum lr=0.01 momentum=0.5 · focal γ=3 · leaky ReLU"),
    (TrainConfig(hidden=(64,), batch_size=32, engine="numpy", dtype="float64",
                 imbalance={7: 0.1, 3: 0.2}, seed=4, schedule="constant"),
     "Adam lr=0.001 · cross-entropy · ReLU · 64 · batch 32 · NumPy backprop · float64"
     " · fewer 3,7 · seed 4"),
])
def test_label_names_what_differs_from_the_defaults(config, text):
    assert config.label() == text
    assert Run(config, "#000000", 3).label == f"3. {text}"  # the GUI shows core's label


def test_status_is_a_string_that_prints_as_its_word():
    run = Run(TrainConfig(), "#000000", 1)
    assert run.status is RunStatus.QUEUED and run.status == "queued"
    assert RunStatus("stopped") is RunStatus.STOPPED  # a saved word reads back
    assert f"{RunStatus.RUNNING}" == str(RunStatus.RUNNING) == "running"
    assert run.status_text() == "queued" and type(run.status_text()) is str
    run.fail("boom")
    assert run.status == "failed" and run.finished and run.status_text() == "failed: boom"


def _evaluation() -> Evaluation:
    return Evaluation(
        kind="epoch", step=12, epoch=1.0, samples=4, test_loss=0.5, test_accuracy=0.75,
        per_class_accuracy=np.full(10, 0.75), confusion=np.eye(10, dtype=np.int64),
        grid_images=np.zeros((2, 28, 28), np.uint8), grid_labels=np.array([3, 4]),
        grid_predictions=np.array([3, 5]), first_layer_weights=np.ones((4, 784), np.float32))


def _state(config: TrainConfig) -> dict:
    """The smallest state a run file may hold: zero weights of the config's shapes."""
    sizes = (784, *config.hidden, 10)
    model = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        model[f"{2 * i}.weight"] = torch.zeros(n_out, n_in)
        model[f"{2 * i}.bias"] = torch.zeros(n_out)
    return {"model": model, "optimizer": {"state": {}, "param_groups": []}, "scheduler": None,
            "epoch_seconds": 0.0, "epoch_loss_sum": 0.0, "epoch_samples": 0}


def test_a_run_saved_with_grid_probabilities_still_loads(tmp_path):
    config = TrainConfig(hidden=(8,))
    path = save_run(tmp_path / "run.pt", Checkpoint(
        config=config, step=12, epoch=1, epoch_step=0, history=History(), state=_state(config),
        steps_per_epoch=12, evaluation=_evaluation()))
    blob = torch.load(path, weights_only=True)
    blob["evaluation"]["grid_probabilities"] = torch.tensor([0.9, 0.6])  # an older file
    torch.save(blob, path)
    ev = load_run(path).evaluation
    assert ev is not None and ev.test_accuracy == 0.75
    np.testing.assert_array_equal(ev.grid_predictions, [3, 5])
    assert not hasattr(ev, "grid_probabilities")
