"""Reading a sub-command's arguments: the pieces every `gradlab <command>` shares.

A bad argument is one line on stderr naming it, exit status 2, and nothing written; a
sub-command gets that by using these pieces and nothing of its own:

- `UsageError`: raise it with the one line to print ("--steps: must be >= 0, got -1").
- `Parser`: an `argparse.ArgumentParser` whose errors raise `UsageError` instead of
  printing the usage block; `dash_values` names the options whose value may start
  with "-" (`--start -1.5,2`, `--expression "-x**2"`), which argparse would take for
  an option (see `join_dash_values`).
- `split_spec` / `parse_spec`: the one syntax of every "thing with settings" option,
  `name:key=value,key=value` (`adam:lr=0.05`, `focal:gamma=2`, `step:step_size=2`); a
  value that is a list is written in brackets, `weights=[1,1,5]` (`SPEC_SYNTAX`, which
  every --help shows).
- `parse_number` (finite floats, and whole numbers with `whole=True`, with bounds),
  `parse_value` (a number, a [bracketed] list of numbers, or a word), `parse_bool`,
  `parse_optimizer` (a core optimizer from its spec).
- `check_outputs`: every output path checked before anything runs, with one set of
  rules (see `check_output`), and two outputs naming the same file refused.
- `fail`: print the error line as "<prog>: error: <message>" and return 2; the line is
  always one line under `MAX_LINE` characters, and `shown` shortens any input it echoes.
- `existing_files` / `note_replaced`: the one stderr line per output that replaced an
  existing file (a script's convention is to overwrite; the note says so, the GUI asks).

Files are then written through `gradlab.core.atomic_file` (a temporary file beside the
target, then `os.replace`), so a failure halfway never leaves half a file.

A new sub-command (`cli/backprop.py`, say) looks like this, and `cli/main.py` dispatches
`gradlab backprop ...` to its `main(argv)`:

    from gradlab.cli.args import Parser, UsageError, check_outputs, fail, parse_number

    PROG = "gradlab backprop"

    def build_parser() -> Parser:
        p = Parser(prog=PROG, description="...", dash_values=("--x",))
        p.add_argument("--x", metavar="X", default="0.5")
        p.add_argument("--csv", metavar="PATH")
        return p

    def main(argv=None, stdout=None, stderr=None) -> int:
        stderr = stderr or sys.stderr
        try:
            ns = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
            x = parse_number(ns.x, "--x")
            outputs = check_outputs({"--csv": (ns.csv, ".csv")})
        except UsageError as exc:
            return fail(PROG, exc, stderr)
        except SystemExit as exc:  # --help
            return int(exc.code or 0)
        ...  # run, then write outputs["--csv"] with atomic_write

Nothing here imports Qt or torch: `gradlab race` must start fast.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO, overload

from gradlab.core import optimizers


class UsageError(Exception):
    """A bad argument: the message is the one line printed before exiting with 2."""


MAX_LINE = 199  # characters in an error line: a refusal is read at a glance, never scrolled
MAX_SHOWN = 40  # characters of an echoed input (a 120 KB formula is not repeated back)
MAX_PATH_SHOWN = 120  # a path is shown longer: its folder is what tells two apart


def shown(text: object, limit: int = MAX_SHOWN) -> str:
    """`repr(text)`, cut to `limit` characters with "…" when longer: how every refusal
    echoes what was typed ("'999999999…' (5001 characters)")."""
    text = str(text)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit - 1] + '…'!r} ({len(text)} characters)"


def one_line(message: object, limit: int = MAX_LINE) -> str:
    """`message` with its whitespace folded to single spaces, cut to `limit` characters:
    the last guard, after each message has shortened its own echoes. The cut ("…") is in
    the middle, where the echoed input is; the start names the field and the end says
    what is wrong, and both stay."""
    text = " ".join(str(message).split())
    if len(text) <= limit:
        return text
    head = (limit - 1) * 3 // 5
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def fail(prog: str, message: object, stderr: TextIO | None = None) -> int:
    """Print "<prog>: error: <message>" as one line under MAX_LINE characters and return 2."""
    print(one_line(f"{prog}: error: {message}"), file=stderr or sys.stderr)
    return 2


def existing_files(paths: Iterable[Path | None]) -> list[Path]:
    """The outputs among `paths` that are regular files already (after links): the ones a
    write replaces. Ask before writing, and pass the answer to `note_replaced` after."""
    found = []
    for path in paths:
        try:
            if path is not None and path.is_file():
                found.append(path)
        except OSError:  # a name the system refuses: the write will say why
            pass
    return found


def note_replaced(prog: str, paths: Iterable[Path], stderr: TextIO | None = None) -> None:
    """One stderr line per output that replaced an existing file ("gradlab race: replaced
    out.csv"): a script's convention is to overwrite, and this says so. Said after the
    write succeeded, so it never announces what did not happen."""
    for path in paths:
        print(one_line(f"{prog}: replaced {path}"), file=stderr or sys.stderr)


# -- the parser ---------------------------------------------------------------------


def join_dash_values(argv: Sequence[str], options: Sequence[str]) -> list[str]:
    """["--start", "-1.5,2"] -> ["--start=-1.5,2"] for each option in `options`.

    argparse takes a word that starts with "-" for an option unless it looks like a plain
    negative number ("-1.5" is a value, "-1.5,2", "-1e-3" and "-x**2" are not), so an
    option whose value may start with "-" is glued to its value before parsing. Words
    after a bare "--" are left alone.
    """
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--":
            out.extend(argv[i:])
            break
        if argv[i] in options and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


class Parser(argparse.ArgumentParser):
    """argparse with errors as one `UsageError` line, and `dash_values`: the options whose
    value may start with "-" (see `join_dash_values`). `--help` still exits 0 through
    SystemExit, which a sub-command's `main` turns into its return value."""

    def __init__(self, *args: Any, dash_values: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dash_values = tuple(dash_values)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(join_dash_values(argv, self.dash_values), namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse would print the whole usage block; the contract is one clear line.
        raise UsageError(message)


# -- values -------------------------------------------------------------------------


@overload
def parse_number(text: str, what: str, *, whole: Literal[False] = ...,
                 lo: float | None = ..., hi: float | None = ...) -> float: ...
@overload
def parse_number(text: str, what: str, *, whole: Literal[True],
                 lo: float | None = ..., hi: float | None = ...) -> int: ...
def parse_number(text: str, what: str, *, whole: bool = False,
                 lo: float | None = None, hi: float | None = None) -> float | int:
    """A finite float (or with `whole`, an int) with lo <= value <= hi; UsageError naming
    `what` and the text otherwise ("--steps: not a whole number: 'ten'")."""
    text = text.strip()
    digits = text.lstrip("+-").replace("_", "")
    if whole and len(digits) > 30 and digits.isdigit():
        # int() refuses past 4300 digits with a message about "limits"; no count needs 30.
        raise UsageError(f"{what}: {len(digits)} digits, far too large"
                         + (f" (at most {hi})" if hi is not None else ""))
    try:
        value: float | int = int(text) if whole else float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise UsageError(f"{what}: not {kind}: {shown(text)}") from None
    if not math.isfinite(value):
        if digits[:1].isdigit() or digits[:1] == ".":  # 1e999 or 400 digits: finite as typed
            raise UsageError(f"{what}: {shown(text)} is too large for a float (at most 1.8e308)")
        raise UsageError(f"{what}: must be finite, got {shown(text)}")
    if lo is not None and value < lo:
        raise UsageError(f"{what}: must be >= {lo}, got {value}")
    if hi is not None and value > hi:
        raise UsageError(f"{what}: at most {hi}, got {value}")
    return value


def parse_bool(text: str, what: str) -> bool:
    """true/false, 1/0, yes/no, on/off (any case)."""
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise UsageError(f"{what}: expected true or false, got {shown(text)}")


def parse_value(text: str, what: str) -> Any:
    """A spec's value: a number ("2" -> 2, "0.5" -> 0.5), a list of numbers in brackets
    ("[1,1,5]" -> [1.0, 1.0, 5.0]; the older "1/1/5" still reads the same), or a bare
    word ("inverse_frequency")."""
    text = text.strip()
    if text.startswith("[") or text.endswith("]"):
        if not (text.startswith("[") and text.endswith("]")) or "[" in text[1:] or "]" in text[:-1]:
            raise UsageError(f"{what}: a list is written [a,b,...], got {shown(text)}")
        items = [item.strip() for item in text[1:-1].split(",")]
        if items == [""] or "" in items:
            raise UsageError(f"{what}: a list needs numbers between its commas, got {shown(text)}")
        return [parse_number(item, what) for item in items]
    if "/" in text:
        return [parse_number(item, what) for item in text.split("/")]
    try:
        number = float(text)
    except ValueError:
        if text.replace("_", "").isalpha():
            return text
        raise UsageError(f"{what}: not a number or a list of numbers: {shown(text)}") from None
    if not math.isfinite(number):
        raise UsageError(f"{what}: must be finite, got {shown(text)}")
    return int(number) if text.lstrip("-").isdigit() else number


# -- specs: name:key=value,key=value --------------------------------------------------


# How every spec option is written; each sub-command's --help shows it.
SPEC_SYNTAX = "NAME:key=value,key=value; a list in brackets, e.g. weights=[1,1,1,1,1,1,1,1,1,5]"


def split_items(text: str) -> list[str]:
    """The comma-separated items of a spec's settings, stripped, empty ones dropped.

    The one place that decides where an item ends: only at commas outside brackets, so
    a list value keeps its commas ("weights=[1,1,5],x=2" -> ["weights=[1,1,5]", "x=2"]),
    and every spec option of every sub-command reads it. An unclosed or unopened
    bracket is a UsageError.
    """
    items: list[str] = []
    depth, current = 0, []
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                raise UsageError("']' without its '['")
        if char == "," and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    if depth:
        raise UsageError("'[' without its ']'")
    items.append("".join(current))
    return [item for item in (s.strip() for s in items) if item]


def split_spec(spec: str, option: str) -> tuple[str, dict[str, str]]:
    """"name:key=value,key=value" -> (name, {key: value text}); UsageError for an item
    without "=" or a key given twice."""
    name, _, rest = spec.strip().partition(":")
    texts: dict[str, str] = {}
    try:
        items = split_items(rest)
    except UsageError as exc:
        raise UsageError(f"{option} {shown(spec)}: {exc}") from None
    for item in items:
        key, eq, value = (s.strip() for s in item.partition("="))
        if not eq or not key:
            hint = "; a list is written in brackets: key=[1,2,3]" if not eq and texts else ""
            raise UsageError(f"{option} {shown(spec)}: expected key=value, got {shown(item)}{hint}")
        if key in texts:
            raise UsageError(f"{option} {shown(spec)}: {key} given twice")
        texts[key] = value
    return name.strip(), texts


def parse_spec(spec: str, option: str) -> tuple[str, dict[str, Any]]:
    """`split_spec`, each value read by `parse_value` ("focal:gamma=2" -> ("focal", {"gamma": 2}))."""
    name, texts = split_spec(spec, option)
    return name, {key: parse_value(text, f"{option} {shown(spec)}: {key}") for key, text in texts.items()}


def parse_optimizer(spec: str, option: str = "--optimizer") -> Any:
    """"adam:lr=0.05,beta1=0.8" -> the configured core Optimizer; each value is read as
    its default's type (a bool as `parse_bool`, else a number). UsageError names what is
    wrong: an unknown name first, then an unknown key, a bad value, a rejected setting."""
    name = spec.strip().partition(":")[0].strip()
    try:
        defaults = optimizers.defaults(name)
    except ValueError as exc:
        raise UsageError(f"{option} {shown(spec)}: {exc}") from None
    hyper: dict[str, Any] = {}
    for key, text in split_spec(spec, option)[1].items():
        if key not in defaults:
            raise UsageError(f"{option} {shown(spec)}: unknown hyperparameter {shown(key)} for {name}; "
                             f"valid: {', '.join(defaults)}")
        what = f"{option} {name}: {key}"
        hyper[key] = (parse_bool(text, what) if isinstance(defaults[key], bool)
                      else parse_number(text, what))
    try:
        return optimizers.get(name, **hyper)
    except ValueError as exc:
        raise UsageError(f"{option} {shown(spec)}: {exc}") from None


# -- output files -------------------------------------------------------------------


# The formats GradLab writes or reads, by suffix: an output whose name says one of these
# but that would be written in another format is refused (`--csv out.png` would put CSV
# text in a file every viewer opens as a picture).
KNOWN_SUFFIXES = {".csv": "CSV", ".png": "PNG", ".svg": "SVG", ".json": "JSON", ".pt": "saved run",
                  ".npz": "NumPy", ".jpg": "JPEG", ".jpeg": "JPEG", ".pdf": "PDF", ".gz": "gzip",
                  ".txt": "text", ".py": "Python"}


def check_output(text: str, option: str, suffix: str | None = None, *,
                 writes: str | None = None) -> Path:
    """The output path `text` (with "~" expanded), after checking, without creating
    anything, that it can be written: the suffix is `suffix` when one is required (any
    case); with `writes` (the suffix of the format written, e.g. ".csv"), a name whose
    suffix is another of `KNOWN_SUFFIXES` is refused (any other suffix, or none, is
    allowed); the path is not a folder, its folder exists and is a folder, and the folder
    (and the file, when it exists) is writable. A name the system refuses ("File name too
    long") is a UsageError with its reason."""
    try:
        return _check_output(text, option, suffix, writes)
    except OSError as exc:
        raise UsageError(f"{option} {shown(text, MAX_PATH_SHOWN)}: {exc.strerror or exc}") from None


def _check_output(text: str, option: str, suffix: str | None, writes: str | None) -> Path:
    path = Path(text).expanduser()
    named, at = f"{option} {shown(text, MAX_PATH_SHOWN)}", shown(path.parent, MAX_PATH_SHOWN)
    if suffix is not None and path.suffix.lower() != suffix.lower():
        raise UsageError(f"{named}: expected a {suffix} file name")
    said = path.suffix.lower()
    if writes is not None and said in KNOWN_SUFFIXES and said != writes.lower():
        raise UsageError(f"{named}: writes {KNOWN_SUFFIXES.get(writes.lower(), writes)}, "
                         f"but the name says {KNOWN_SUFFIXES[said]}; use a {writes} file name")
    if path.is_dir():
        raise UsageError(f"{named}: is a folder")
    folder = path.parent
    if not folder.is_dir():
        says = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"{named}: folder {at} {says}")
    # The temporary file is created in the folder, then renamed over the file: both need
    # write and search permission on the folder.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{named}: folder {at} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{named}: the file is not writable")
    return path


def check_outputs(outputs: Mapping[str, tuple[str | None, str | None]],
                  writes: Mapping[str, str] | None = None) -> dict[str, Path | None]:
    """{option: (path text or None, required suffix or None)} -> {option: checked Path or
    None}, each by `check_output` in the order given (`writes`: {option: the suffix of the
    format it writes}, see `check_output`); two options naming the same file (after "~",
    "..", and symbolic links) are refused, since the second would overwrite the first."""
    checked: dict[str, Path | None] = {}
    seen: dict[Path, str] = {}
    for option, (text, suffix) in outputs.items():
        if text is None:
            checked[option] = None
            continue
        path = check_output(text, option, suffix, writes=(writes or {}).get(option))
        try:
            real = path.resolve()
        except (OSError, RuntimeError) as exc:  # a loop of symbolic links
            raise UsageError(f"{option} {shown(text, MAX_PATH_SHOWN)}: {exc}") from None
        same = seen.get(real)
        if same is not None:
            raise UsageError(f"{same} and {option} name the same file {shown(text, MAX_PATH_SHOWN)}")
        seen[real] = option
        checked[option] = path
    return checked
