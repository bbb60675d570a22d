"""The core's error messages in the language in use (issue 17): gui/core_errors.py.

The core refuses bad input in English (the CLI prints it so); the GUI shows the same
refusal in Chinese through `core_errors.explain`, its values (numbers, names, paths)
kept. The mechanism is tested with a translation made here (pinned Chinese, whatever the
repository's .ts says); the real errors and each tab with the repository's translation.
"""

from __future__ import annotations

import os
import re

import pytest

from gradlab.core import optimizers
from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist import run_file
from gradlab.core.surfaces import expression
from gradlab.gui import core_errors
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import EXTRA_QM_ENV, compile_ts, set_language, translate
from i18n_walk import english_words, to_chinese

_PATH = re.compile(r"[\w./-]*/[\w.-]+")  # a file's path: its own words, not the message's
# A template whose translation says the CoreError texts are in the .ts.
PROBES = (("CoreError", "{0} must be > 0, got {1}"),)
# Words a refusal quotes from the input or the code, kept as they are in Chinese.
CODE_WORDS = ("beta1", "nope", "momentum", "nesterov", "adamax", "mse", "focal", "bad", "notes", "real",
              "missing", "datasets", "ValueError")


def _error(call, *args, **kwargs) -> str:
    """The core's English refusal of `call(*args, **kwargs)`."""
    with pytest.raises((ValueError, OSError)) as info:
        call(*args, **kwargs)
    return str(info.value)


def _real_errors(tmp_path) -> list[str]:
    """Refusals the core gives to bad input a person can give the GUI."""
    junk = tmp_path / "bad.pt"
    junk.write_bytes(b"not a torch file at all")
    mnist = tmp_path / "mnist"
    mnist.mkdir()
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                 "t10k-labels-idx1-ubyte"):
        (mnist / name).write_bytes(b"\0\0\x08\x03" + bytes(5))  # a header cut short
    return [
        _error(expression.parse, "x + z"),
        _error(expression.parse, "x ^ 2"),
        _error(expression.parse, "x[0]"),
        _error(expression.parse, "sin(x, y)"),
        _error(optimizers.get, "adam", lr=-1),
        _error(optimizers.get, "adam", beta1=1.5),
        _error(optimizers.get, "nope"),
        _error(run_file.load_run, junk),
        _error(run_file.load_run, tmp_path / "missing.pt"),
        _error(mnist_data.load, mnist),
    ]


# -- the table ----------------------------------------------------------------------------------------
def test_the_table_is_in_step_with_the_core():
    assert core_errors.generated() == open(core_errors.__file__, encoding="utf-8").read(), \
        "run python -m gradlab.gui.core_errors --write"


def test_the_table_reads_messages_put_together_from_parts():
    """Literal f-strings, and a message made of a table's entry and a helper's text (the
    formula checker's), or of a helper imported from another core file (atomic_file's)."""
    texts = set(core_errors.TEXTS)
    assert {"{0} must be > 0, got {1}", "name {0} is not allowed; use x, y, pi, e (column {1})",
            "subscripts are not allowed (column {0})", "not a GradLab run (not a torch file, or damaged)",
            "{0}: is a folder, not a regular file; GradLab writes only regular files",
            "operator {0} is not allowed (column {1}); use ** for powers"} <= texts
    sites = core_errors.raise_sites()
    covered = [site for site in sites if site[2]]
    assert len(sites) > 250 and len(covered) >= 0.95 * len(sites)


# -- the mechanism, with a translation made here ------------------------------------------------------
PINNED = {
    "{0} must be > 0, got {1}": "{0} 必须 > 0，实为 {1}",
    "not a GradLab run (not a torch file, or damaged)": "不是 GradLab 训练文件（不是 torch 文件，或已损坏）",
    "unknown optimizer {0}; valid: {1}": "可用：{1}；未知的优化器 {0}",  # the fields the other way round
    "{0}: {1}": "{0}：{1}",
    "{1} ({0}, {2})": "{1}（{0}，{2}）",
}


@pytest.fixture
def pinned(english, tmp_path, monkeypatch):
    """Chinese from a translation of PINNED only, asked before the repository's."""
    from xml.sax.saxutils import escape

    body = "".join(f"<message><source>{escape(en)}</source><translation>{escape(zh)}</translation></message>"
                   for en, zh in PINNED.items())
    ts = tmp_path / "pinned.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
                  f"<context><name>CoreError</name>{body}</context></TS>", encoding="utf-8")
    assert compile_ts(ts, tmp_path / "pinned.qm")
    monkeypatch.setenv(EXTRA_QM_ENV, os.pathsep.join(filter(None, [os.environ.get(EXTRA_QM_ENV),
                                                                       str(tmp_path / "pinned.qm")])))
    set_language(english, "zh_CN")
    return english


def test_a_message_is_shown_in_the_translation_with_its_own_values(pinned):
    assert explain("lr must be > 0, got -1") == "lr 必须 > 0，实为 -1"
    assert explain("unknown optimizer 'nope'; valid: sgd, adam") == "可用：sgd, adam；未知的优化器 'nope'"
    # the core's "path: problem", and a worker's "type: message (file:line)"
    assert explain("/tmp/a b/run.pt: not a GradLab run (not a torch file, or damaged)") == \
        "/tmp/a b/run.pt：不是 GradLab 训练文件（不是 torch 文件，或已损坏）"
    assert explain("ValueError: eps must be > 0, got 0.0 (adam.py:12)") == \
        "eps 必须 > 0，实为 0.0（ValueError，adam.py:12）"
    # a value that is itself a message; one line at a time
    assert explain("a: b: lr must be > 0, got -1\nnot a GradLab run (not a torch file, or damaged)") == \
        "a：b：lr 必须 > 0，实为 -1\n不是 GradLab 训练文件（不是 torch 文件，或已损坏）"
    # a template that ends in a field takes what follows as its value
    assert explain("lr must be > 0, got -1 and more") == "lr 必须 > 0，实为 -1 and more"


def test_what_the_table_does_not_know_comes_back_unchanged(pinned):
    for text in ("", "[Errno 13] Permission denied: '/x'", "something else entirely",
                 "lr must be > 0"):  # a template's beginning only
        assert explain(text) == text


def test_in_english_every_message_is_the_cores_own(english, tmp_path):
    for text in _real_errors(tmp_path):
        assert explain(text) == text


# -- the repository's translation ---------------------------------------------------------------------
def test_every_template_has_chinese_with_the_same_fields(english):
    to_chinese(english, *PROBES)
    fields = re.compile(r"\{\d+\}")
    untranslated = [t for t in (*core_errors.TEXTS, core_errors.JOIN, core_errors.FAILURE)
                    if translate("CoreError", t) == t]
    assert untranslated == []
    changed = [t for t in core_errors.TEXTS
               if sorted(fields.findall(translate("CoreError", t))) != sorted(fields.findall(t))]
    assert changed == []


def test_real_refusals_read_in_chinese_with_their_values(english, tmp_path):
    errors = _real_errors(tmp_path)
    to_chinese(english, *PROBES)
    for text in errors:
        shown = explain(text)
        assert shown != text
        # every number and quoted name of the English is in the Chinese
        for value in re.findall(r"'[^']*'|-?\d+(?:\.\d+)?", text):
            assert shown.count(value) >= text.count(value), (value, shown)
        words = english_words(_PATH.sub(" ", shown), CODE_WORDS)
        assert words == [], (text, shown)


def test_a_worker_failure_reads_in_chinese(english):
    to_chinese(english, *PROBES)
    shown = explain("ValueError: noise must be from 0 to 0.5, got 0.9 (datasets.py:59)")
    assert "0.5" in shown and "0.9" in shown and "datasets.py:59" in shown
    assert english_words(shown, CODE_WORDS) == []


# -- each tab shows the core's refusals in Chinese ----------------------------------------------------
def test_the_race_shows_a_formula_refusal_in_chinese_and_again_after_a_switch(english, qtbot):
    from gradlab.gui.race.tab import RaceTab, default_config

    to_chinese(english, *PROBES)
    tab = RaceTab(default_config())
    qtbot.addWidget(tab)
    tab.set_formula("x + z")
    chinese = tab.picker.error.text()
    assert "'z'" in chinese and "5" in chinese and english_words(chinese) == []
    set_language(english, "en")  # live: the line is said again in English
    assert tab.picker.error.text() == "name 'z' is not allowed; use x, y, pi, e (column 5)"
    set_language(english, "zh_CN")
    assert tab.picker.error.text() == chinese


def test_a_scenario_refusal_from_the_core_is_in_chinese(english, tmp_path):
    from gradlab.gui.race import scenario

    to_chinese(english, *PROBES)
    base = {"version": 1, "surface": {"name": "quadratic"}, "start": [0, 0]}
    for bad, field in (({**base, "optimizers": [{"name": "adam", "hyper": {"lr": -1}}]}, "optimizers[0].hyper.lr"),
                       ({**base, "surface": {"formula": "x + z"}, "optimizers": [{"name": "sgd"}]},
                        "surface.formula")):
        with pytest.raises(scenario.ScenarioError) as info:
            scenario.from_dict(bad)
        where, _, why = str(info.value).partition(": ")
        assert where == field and english_words(why) == [], why
    nan = tmp_path / "nan.json"
    nan.write_text('{"start": [NaN, 0]}', encoding="utf-8")
    with pytest.raises(scenario.ScenarioError) as info:
        scenario.read_json(nan)
    where, _, why = str(info.value).partition(": ")
    assert where == "file" and "NaN" in why and english_words(why) == [], why


def test_the_mnist_tab_says_why_a_file_is_not_a_run_in_chinese(english, qtbot, tmp_path):
    from gradlab.gui.mnist.tab import DISCARD, MnistTab

    to_chinese(english, *PROBES)
    tab = MnistTab()
    qtbot.addWidget(tab)
    tab.ask_unsaved = lambda *question: DISCARD
    bad = tmp_path / "notes.pt"
    bad.write_bytes(b"not a torch file at all")
    tab.load_run_from(bad)  # in a worker
    qtbot.waitUntil(lambda: tab.load_button.isEnabled(), timeout=20000)
    shown = tab.message.text()
    assert "notes.pt" in shown and "#a40000" in tab.message.styleSheet()
    assert english_words(_PATH.sub(" ", shown), CODE_WORDS) == [], shown
    set_language(english, "en")
    assert tab.message.text() == _error(run_file.load_run, bad)  # the core's own line


def test_the_playground_shows_a_data_refusal_in_chinese(english, qtbot, monkeypatch):
    from gradlab.gui.playground.tab import PlaygroundTab

    to_chinese(english, *PROBES)
    tab = PlaygroundTab()
    qtbot.addWidget(tab)
    try:
        settings = tab.controls.settings
        monkeypatch.setattr(tab.controls, "settings", lambda: {**settings(), "noise": 0.9})
        tab.new_data()
        shown = tab.status.text()
        assert "0.5" in shown and "0.9" in shown and english_words(shown) == [], shown
        set_language(english, "en")
        assert tab.status.text() == "noise must be from 0 to 0.5, got 0.9"
    finally:
        tab.shutdown()


def test_the_backprop_page_shows_a_loss_refusal_in_chinese(english, qtbot):
    from gradlab.gui.backprop.small import SmallNetworkPage

    to_chinese(english, *PROBES)
    page = SmallNetworkPage()
    qtbot.addWidget(page)
    page.show()
    page.form.loss.setCurrentIndex(page.form.loss.findData("weighted_cross_entropy"))
    page.form.class_weights[0].setValue(0.0)
    page.form.class_weights[1].setValue(0.0)  # every label's weight 0: the core refuses the loss
    assert page.message.isVisibleTo(page)
    shown = page.message.text()
    assert "0" in shown and english_words(shown) == [], shown
    set_language(english, "en")
    assert "weights" in page.message.text() and english_words(page.message.text()) != []
