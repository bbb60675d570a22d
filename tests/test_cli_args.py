"""gradlab.cli.args, the pieces every sub-command reads its arguments with: one-line
errors, the spec syntax, numbers, values that start with "-", and the output-path rules."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from gradlab.cli.args import (
    Parser, UsageError, check_output, check_outputs, fail, join_dash_values, parse_bool,
    parse_number, parse_optimizer, parse_spec, parse_value, split_items, split_spec,
)


def _parser() -> Parser:
    p = Parser(prog="gradlab test", dash_values=("--start",))
    p.add_argument("--start")
    p.add_argument("--steps", default="1")
    return p


# -- the parser ---------------------------------------------------------------------


def test_parser_errors_are_a_usage_error_not_a_usage_block(capsys):
    with pytest.raises(UsageError, match="unrecognized arguments: --frobnicate"):
        _parser().parse_args(["--frobnicate"])
    with pytest.raises(UsageError, match="expected one argument"):
        _parser().parse_args(["--steps"])
    assert capsys.readouterr().err == ""


def test_help_still_exits_0(capsys):
    with pytest.raises(SystemExit) as exc:
        _parser().parse_args(["--help"])
    assert exc.value.code == 0 and "usage: gradlab test" in capsys.readouterr().out


def test_values_that_start_with_a_dash():
    assert _parser().parse_args(["--start", "-1.5,2", "--steps", "3"]).start == "-1.5,2"
    assert _parser().parse_args(["--start", "-x**2"]).start == "-x**2"
    # Without dash_values argparse refuses the same words: the joining is what helps.
    plain = Parser(prog="p")
    plain.add_argument("--start")
    with pytest.raises(UsageError, match="expected one argument"):
        plain.parse_args(["--start", "-1.5,2"])


def test_join_dash_values():
    options = ("--start", "--expression")
    assert join_dash_values(["--start", "-1,2", "--steps", "-3"], options) == [
        "--start=-1,2", "--steps", "-3"]
    assert join_dash_values(["--expression", "-x", "--start"], options) == ["--expression=-x", "--start"]
    assert join_dash_values(["--", "--start", "-1"], options) == ["--", "--start", "-1"]


def test_fail_prints_one_line_and_returns_2():
    err = io.StringIO()
    assert fail("gradlab x", UsageError("two\n  lines"), err) == 2
    assert err.getvalue() == "gradlab x: error: two lines\n"


# -- values -------------------------------------------------------------------------


def test_parse_number():
    assert parse_number(" 1e-3 ", "--lr") == 0.001
    assert parse_number("-2", "--x") == -2.0
    assert parse_number("7", "--steps", whole=True, lo=0, hi=10) == 7
    assert isinstance(parse_number("7", "--steps", whole=True), int)


@pytest.mark.parametrize("text,kwargs,message", [
    ("fast", {}, "--n: not a number: 'fast'"),
    ("nan", {}, "--n: must be finite, got 'nan'"),
    ("-inf", {}, "--n: must be finite, got '-inf'"),
    ("ten", {"whole": True}, "--n: not a whole number: 'ten'"),
    ("1.5", {"whole": True}, "--n: not a whole number: '1.5'"),
    ("-1", {"whole": True, "lo": 0}, "--n: must be >= 0, got -1"),
    ("11", {"whole": True, "hi": 10}, "--n: at most 10, got 11"),
    ("0.05", {"lo": 0.1}, "--n: must be >= 0.1, got 0.05"),
])
def test_parse_number_names_the_option_and_the_text(text, kwargs, message):
    with pytest.raises(UsageError) as exc:
        parse_number(text, "--n", **kwargs)
    assert str(exc.value) == message


def test_parse_bool():
    assert [parse_bool(t, "b") for t in ("true", "Yes", "1", "on")] == [True] * 4
    assert [parse_bool(t, "b") for t in ("false", "NO", "0", "off")] == [False] * 4
    with pytest.raises(UsageError, match="b: expected true or false, got 'maybe'"):
        parse_bool("maybe", "b")


def test_parse_value():
    assert parse_value("2", "v") == 2 and isinstance(parse_value("2", "v"), int)
    assert parse_value("-3", "v") == -3 and isinstance(parse_value("-3", "v"), int)
    assert parse_value("0.5", "v") == 0.5
    assert parse_value("1/1/5", "v") == [1.0, 1.0, 5.0]
    assert parse_value("inverse_frequency", "v") == "inverse_frequency"
    with pytest.raises(UsageError, match="not a number or a list of numbers: '1x'"):
        parse_value("1x", "v")
    with pytest.raises(UsageError, match="must be finite"):
        parse_value("inf", "v")
    with pytest.raises(UsageError, match="not a number: 'a'"):
        parse_value("1/a", "v")


# -- specs --------------------------------------------------------------------------


def test_split_spec():
    assert split_spec("adam", "--o") == ("adam", {})
    assert split_spec(" adam : lr = 0.1 , beta1=0.8, ", "--o") == ("adam", {"lr": "0.1", "beta1": "0.8"})
    assert split_items(" a=1, ,b=2 ,") == ["a=1", "b=2"]


@pytest.mark.parametrize("spec,message", [
    ("adam:lr", "--o 'adam:lr': expected key=value, got 'lr'"),
    ("adam:=1", "--o 'adam:=1': expected key=value, got '=1'"),
    ("adam:lr=1,lr=2", "--o 'adam:lr=1,lr=2': lr given twice"),
])
def test_split_spec_errors(spec, message):
    with pytest.raises(UsageError) as exc:
        split_spec(spec, "--o")
    assert str(exc.value) == message


def test_parse_spec_reads_each_value():
    assert parse_spec("focal:gamma=2,alpha=inverse_frequency", "--loss") == (
        "focal", {"gamma": 2, "alpha": "inverse_frequency"})
    with pytest.raises(UsageError, match=r"--loss 'focal:gamma=x1': gamma: not a number"):
        parse_spec("focal:gamma=x1", "--loss")


def test_parse_optimizer():
    opt = parse_optimizer("adam:lr=0.05,beta1=0.8")
    assert opt.name == "adam" and opt.hyper["lr"] == 0.05 and opt.hyper["beta1"] == 0.8
    assert parse_optimizer("rmsprop:eps_in_sqrt=yes").hyper["eps_in_sqrt"] is True
    for spec, named in [("adamm", "adamm"), ("adam:lrr=1", "unknown hyperparameter 'lrr'"),
                        ("adam:lr=-1", "-1"), ("rmsprop:eps_in_sqrt=2", "expected true or false")]:
        with pytest.raises(UsageError, match=named):
            parse_optimizer(spec)


# -- output paths -------------------------------------------------------------------


def test_a_writable_path_is_returned_and_nothing_is_created(tmp_path):
    assert check_output(str(tmp_path / "a.csv"), "--csv") == tmp_path / "a.csv"
    assert check_output(str(tmp_path / "A.PNG"), "--png", ".png") == tmp_path / "A.PNG"
    (tmp_path / "old.csv").write_text("x")
    assert check_output(str(tmp_path / "old.csv"), "--csv") == tmp_path / "old.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]


def test_home_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert check_output("~/out.json", "--json") == tmp_path / "out.json"


def test_a_relative_path_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_output("out.csv", "--csv") == Path("out.csv")


@pytest.mark.parametrize("make,text,suffix,message", [
    (None, "{tmp}/picture.jpg", ".png", "--out '{tmp}/picture.jpg': expected a .png file name"),
    (None, "{tmp}/png", ".png", "--out '{tmp}/png': expected a .png file name"),
    (None, "{tmp}", None, "--out '{tmp}': is a folder"),
    ("dir", "{tmp}/d.png", ".png", "--out '{tmp}/d.png': is a folder"),
    (None, "{tmp}/missing/a.csv", None, "--out '{tmp}/missing/a.csv': folder '{tmp}/missing' does not exist"),
    ("file", "{tmp}/f/a.csv", None, "--out '{tmp}/f/a.csv': folder '{tmp}/f' is not a folder"),
])
def test_output_rules(tmp_path, make, text, suffix, message):
    if make == "dir":
        (tmp_path / "d.png").mkdir()
    if make == "file":
        (tmp_path / "f").write_text("a file, not a folder")
    with pytest.raises(UsageError) as exc:
        check_output(text.format(tmp=tmp_path), "--out", suffix)
    assert str(exc.value) == message.format(tmp=tmp_path)


def test_an_unwritable_folder_or_file(tmp_path, monkeypatch):
    # Permissions are pretended (os.access), since the tests may run as root.
    locked, read_only = tmp_path / "locked", tmp_path / "ro.csv"
    locked.mkdir()
    read_only.write_text("x")
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) not in (locked, read_only))
    with pytest.raises(UsageError) as exc:
        check_output(str(locked / "a.csv"), "--csv")
    assert str(exc.value) == f"--csv {str(locked / 'a.csv')!r}: folder {str(locked)!r} is not writable"
    with pytest.raises(UsageError) as exc:
        check_output(str(read_only), "--csv")
    assert str(exc.value) == f"--csv {str(read_only)!r}: the file is not writable"


def test_two_outputs_naming_the_same_file_are_refused(tmp_path):
    a = str(tmp_path / "out.png")
    with pytest.raises(UsageError) as exc:
        check_outputs({"--csv": (a, None), "--png": (a, ".png")})
    assert str(exc.value) == f"--csv and --png name the same file {a!r}"
    # The same file under another name: through ".." and through a symbolic link.
    (tmp_path / "sub").mkdir()
    with pytest.raises(UsageError, match="--json and --save name the same file"):
        check_outputs({"--json": (a, None), "--save": (str(tmp_path / "sub" / ".." / "out.png"), None)})
    (tmp_path / "link").symlink_to(tmp_path / "sub")
    with pytest.raises(UsageError, match="name the same file"):
        check_outputs({"--json": (str(tmp_path / "sub" / "x"), None),
                       "--save": (str(tmp_path / "link" / "x"), None)})


def test_check_outputs_skips_absent_ones_and_keeps_the_order(tmp_path):
    got = check_outputs({"--json": (None, None), "--csv": (str(tmp_path / "a.csv"), ".csv"),
                         "--png": (str(tmp_path / "a.png"), ".png")})
    assert got == {"--json": None, "--csv": tmp_path / "a.csv", "--png": tmp_path / "a.png"}
    # The first bad one is named, in the order given.
    with pytest.raises(UsageError, match="^--csv "):
        check_outputs({"--csv": (str(tmp_path / "no" / "a.csv"), None), "--png": ("x.jpg", ".png")})


# -- issue 18: lists in specs, outputs named for another format ----------------------------


def test_a_list_value_keeps_its_commas_in_brackets():
    spec = "weighted_cross_entropy:weights=[1,2,1,1,1,1,1,1,1,1]"
    assert parse_spec(spec, "--loss") == ("weighted_cross_entropy",
                                          {"weights": [1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]})
    assert split_items("gamma=2, alpha=[0.5, 1 ,2],b=1") == ["gamma=2", "alpha=[0.5, 1 ,2]", "b=1"]
    assert parse_spec("focal:alpha=[0.5, 1 ,2],gamma=2", "--loss") == ("focal", {"alpha": [0.5, 1.0, 2.0], "gamma": 2})
    assert parse_value("[3]", "v") == [3.0]


@pytest.mark.parametrize("spec,message", [
    ("w:weights=1,2", "--loss 'w:weights=1,2': expected key=value, got '2'; a list is written in brackets: key=[1,2,3]"),
    ("w:weights=[1,2", "--loss 'w:weights=[1,2': '[' without its ']'"),
    ("w:weights=1,2]", "--loss 'w:weights=1,2]': ']' without its '['"),
    ("w:weights=[1,,2]", "--loss 'w:weights=[1,,2]': weights: a list needs numbers between its commas, got '[1,,2]'"),
    ("w:weights=[]", "--loss 'w:weights=[]': weights: a list needs numbers between its commas, got '[]'"),
    ("w:weights=[1,a]", "--loss 'w:weights=[1,a]': weights: not a number: 'a'"),
    ("w:weights=[1]x", "--loss 'w:weights=[1]x': weights: a list is written [a,b,...], got '[1]x'"),
])
def test_bad_lists_are_one_clear_line(spec, message):
    with pytest.raises(UsageError) as exc:
        parse_spec(spec, "--loss")
    assert str(exc.value) == message


def test_an_output_named_for_another_known_format_is_refused(tmp_path):
    with pytest.raises(UsageError, match=r"writes CSV, but the name says PNG; use a \.csv file name"):
        check_output(str(tmp_path / "out.png"), "--csv", writes=".csv")
    with pytest.raises(UsageError, match=r"--save .*: writes saved run, but the name says JSON"):
        check_outputs({"--save": (str(tmp_path / "run.json"), None)}, writes={"--save": ".pt"})
    assert check_output(str(tmp_path / "Out.CSV"), "--csv", writes=".csv") == tmp_path / "Out.CSV"
    assert check_output(str(tmp_path / "out"), "--csv", writes=".csv") == tmp_path / "out"
