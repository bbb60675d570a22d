"""Issue 19, the command line: hostile arguments are refused with one short line naming
the option (exit 2), before any data is read; Ctrl-C exits 130 with one line; replacing
an existing output is said on stderr. Each runs the CLI the way a user does, in a
subprocess bounded in time (and, where it could allocate, in memory)."""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gradlab.cli import train as train_cli
from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.synthetic import synthetic

SCRIPT = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
NO_DATA = "/nonexistent/gradlab-test-mnist"  # a refusal that reads the data would name it


def _limit_memory() -> None:
    # 4 GiB of address space: torch maps ~1 GiB at import; an attempt at the refused sizes
    # (tens of GiB) fails with MemoryError instead of taking the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV, preexec_fn=_limit_memory)


def _assert_one_line_refusal(proc: subprocess.Popen, option: str, timeout: float = 60) -> str:
    out, err = proc.communicate(timeout=timeout)
    lines = err.splitlines()
    assert proc.returncode == 2, err[-2000:]
    assert len(lines) == 1, err[-2000:]
    line = lines[0]
    assert len(line) < 200, line
    assert option in line, line
    for leak in ("Traceback", "Error:", "KeyError", "RecursionError", "invalid literal", NO_DATA):
        assert leak not in line, line
    return line


# -- hostile inputs, all at once -----------------------------------------------------------

DIGITS = "9" * 5001
DEEP_SIGMOID = "sigmoid(" * 40 + "x" + ")" * 40
HUGE_FORMULA = "x+" * 60_000 + "y"  # 120 KB

HOSTILE = [
    (["race", "--expression", "1/(x-x)"], "--expression"),
    (["race", "--expression", DEEP_SIGMOID], "--expression"),
    (["race", "--expression", HUGE_FORMULA], "--expression"),
    (["race", "--expression", "sqrt(-(x**2+y**2))"], "--expression"),
    (["race", "--expression", "sqrt(-abs(x))", "--start", "0,0"], "--expression"),
    (["race", "--steps", DIGITS], "--steps"),
    (["race", "--optimizer", f"adam:lr={DIGITS}"], "--optimizer"),
    (["race", "--start", f"{DIGITS},1"], "--start"),
    (["race", "--csv", "/" + "d" * 3000 + "/out.csv"], "--csv"),
    (["train", "--data", NO_DATA, "--schedule", "step:step_size=abc"], "--schedule"),
    (["train", "--data", NO_DATA, "--batch-size", DIGITS], "--batch-size"),
    (["--steps", DIGITS, "--screenshot", "never.png"], "--steps"),
]


def test_hostile_inputs_are_one_short_line_naming_the_option(tmp_path):
    procs = [(_start(*argv), option) for argv, option in HOSTILE]
    for proc, option in procs:
        _assert_one_line_refusal(proc, option)
    assert not Path("never.png").exists()


# -- the screenshot run's step cap ------------------------------------------------------------


def test_screenshot_steps_have_the_scenario_cap(tmp_path):
    out = tmp_path / "x.png"
    line = _assert_one_line_refusal(_start("--steps", "100000000", "--screenshot", str(out)), "--steps",
                                    timeout=30)
    assert "1000000" in line
    assert not out.exists()


def test_a_formula_finite_on_a_point_is_refused_before_the_window(tmp_path):
    """It used to pass the scenario check and then fail inside the view: rc 1, traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "surface": {"formula": "sqrt(-(x**2+y**2))"},
                               "start": [0, 0], "optimizers": [{"name": "sgd", "hyper": {"lr": 0.01}}]}))
    out = tmp_path / "x.png"
    line = _assert_one_line_refusal(_start("--scenario", str(bad), "--steps", "3", "--screenshot", str(out)),
                                    "surface.formula", timeout=60)
    assert "finite" in line
    assert not out.exists()


# -- gradlab train: refused before the data are read --------------------------------------------


@pytest.fixture
def no_data_reads(monkeypatch):
    def load(*args, **kwargs):
        raise AssertionError("the data were read before the arguments were refused")

    monkeypatch.setattr(mnist_data, "load", load)


ZERO = ",".join(f"{d}=0" for d in range(10))


@pytest.mark.parametrize("argv,says", [
    (["--imbalance", ZERO], "--imbalance: every digit's fraction is 0"),
    (["--imbalance", "3=0.1,3=0.5"], "--imbalance: digit 3 given twice"),
    (["--seed", "99999999999999999999"], "--seed: at most 4294967295"),
    (["--device", "meta"], "--device: device 'meta' cannot train"),
    (["--threads", "100000"], "--threads: at most 256"),
    (["--hidden", "10000000"], "--hidden 10000000: the network needs about"),
    (["--batch-size", "1000000000"], "--batch-size 1000000000: one batch needs about"),
    (["--schedule", "step:step_size=abc"], "--schedule step: step_size must be a number"),
])
def test_train_refuses_before_loading_data(no_data_reads, argv, says):
    err = io.StringIO()
    rc = train_cli.main(["--data", NO_DATA, "--no-progress", *argv], stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert rc == 2 and len(lines) == 1, err.getvalue()
    assert lines[0].startswith(f"gradlab train: error: {says}"), lines[0]
    assert len(lines[0]) < 200


def test_a_network_too_large_for_memory_is_refused_with_its_size(tmp_path):
    """In a real process with 4 GiB of address space: refused with what it needs, not an
    allocation that fails (or succeeds and swaps)."""
    line = _assert_one_line_refusal(_start("train", "--data", NO_DATA, "--hidden", "10000000",
                                           "--json", str(tmp_path / "o.json")), "--hidden")
    gib = float(line.split("needs about ")[1].split(" GiB")[0])
    # (784·10⁷ + 10⁷ + 10⁸ + 10) parameters × 4 bytes × 4 copies ≈ 127 GiB
    assert 120 < gib < 140, line


def test_imbalance_and_subset_that_keep_nothing_after_loading(monkeypatch):
    """Only the labels can tell: one line, exit 2, not a traceback from the training loop."""
    data = synthetic(300, 100, seed=2)
    monkeypatch.setattr(mnist_data, "load", lambda *a, **k: data)
    first = int(data.train_labels[0])
    err = io.StringIO()
    rc = train_cli.main(["--data", "x", "--no-progress", "--hidden", "8", "--epochs", "1",
                         "--train-subset", "1", "--imbalance", f"{first}=0"],
                        stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert rc == 2 and lines == ["gradlab train: error: no training samples left "
                                 "(train_subset / imbalance keep none)"], err.getvalue()


# -- Ctrl-C ----------------------------------------------------------------------------------

# The real CLI, with one line on stderr once the race is running (nothing else prints
# until it ends), so the test can interrupt it mid-race without sleeping.
INTERRUPTIBLE = """
import sys
from gradlab.cli import main, race
collect = race.collect
def announced(*args):
    print("racing", file=sys.stderr, flush=True)
    return collect(*args)
race.collect = announced
sys.exit(main.main(sys.argv[1:]))
"""


def test_ctrl_c_exits_130_with_one_line_and_keeps_old_files(tmp_path):
    old = tmp_path / "out.csv"
    old.write_text("the previous run\n")
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPTIBLE, "race", "--steps", "1000000",
                             "--csv", str(old)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV)
    try:
        assert proc.stderr.readline() == "racing\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert err.splitlines() == ["gradlab: interrupted"]
    assert out == ""
    assert old.read_text() == "the previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


# -- replacing an output -----------------------------------------------------------------------


def test_replacing_an_output_is_said_on_stderr(tmp_path):
    csv = tmp_path / "out.csv"
    new = subprocess.run([sys.executable, "-c", SCRIPT, "race", "--steps", "3", "--csv", str(csv)],
                         capture_output=True, text=True, timeout=60, env=ENV)
    assert new.returncode == 0 and new.stderr == "", new.stderr  # a new file: nothing to say
    again = subprocess.run([sys.executable, "-c", SCRIPT, "race", "--steps", "4", "--csv", str(csv)],
                           capture_output=True, text=True, timeout=60, env=ENV)
    assert again.returncode == 0
    assert again.stderr.splitlines() == [f"gradlab race: replaced {csv}"]
    assert csv.read_text().splitlines()[-1].split(",")[1] == "4"  # and it was replaced
