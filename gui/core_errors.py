"""The core's error messages in the language in use (issue 17).

`gradlab.core` knows no Qt and refuses bad input in English, one line the CLI prints as
it is: "lr must be > 0, got -1", "name 'z' is not allowed; use x, y, pi, e (column 5)".
The GUI shows the same line in the language in use through `explain`:

    explain("lr must be > 0, got -1")      # "lr 必须 > 0，实为 -1" in Chinese; itself in English

Every message template is read from the core's source with `ast` (`raise X(f"...")`, plain
strings, implicit concatenation, a message put together from a variable, a module table
or a helper that returns text) and listed here as `QT_TRANSLATE_NOOP("CoreError", ...)`,
the f-string's fields numbered `{0}`, `{1}` ... in order (a literal brace is `{{`). `explain`
matches a message against the templates, the one with the most literal text first, and
fills the translated template with the English's own values (numbers, names, paths); a
value that is itself a core message is explained too. A line the table does not know, or
one in English, comes back unchanged; Python's own texts (an OSError's strerror) stay
English inside the translated sentence, as Qt cannot translate them.

Generated from the core; after changing a core message run

    python -m gradlab.gui.core_errors --write

(`--check` exits 1 when this file is out of date; tests/test_i18n_errors.py checks too).
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, SOURCE_LANGUAGE, current_language, translate

CONTEXT = "CoreError"
# How the core joins a name to its problem ("path: not a GradLab run", "hidden: ...",
# "state.lr: must be a number"), and how the GUI joins a Python name to a message.
JOIN = QT_TRANSLATE_NOOP("CoreError", "{0}: {1}")
# A worker's failure: "<exception type>: <message> (<file>:<line>)" (gui/worker.py).
FAILURE = QT_TRANSLATE_NOOP("CoreError", "{1} ({0}, {2})")
_FAILURE = re.compile(r"(?s)(?P<kind>[A-Za-z_]\w*): (?P<message>.*) \((?P<where>[\w.-]+\.py:\d+)\)")
_DEPTH = 4  # a value inside a value inside ...: core messages nest two or three deep

# --- generated texts: do not edit by hand (see the module's docstring) ---
TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CoreError", "{0}: alpha must be a finite number, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: alpha must be {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown activation {0}; valid names: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: unknown parameter(s) {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: is a folder, not a regular file; GradLab writes only regular files"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: is a pipe (FIFO), not a regular file; GradLab writes only regular files"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: is a character device, not a regular file; GradLab writes only regular files"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: is a block device, not a regular file; GradLab writes only regular files"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: is a socket, not a regular file; GradLab writes only regular files"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: is an unknown kind of file, not a regular file; GradLab writes only regular files"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: a link GradLab cannot follow to a file"),
    QT_TRANSLATE_NOOP("CoreError", "no free temporary name beside {0}"),
    QT_TRANSLATE_NOOP("CoreError", "atomic_write: mode {0} is not a write mode ('w', 'wb', ...)"),
    QT_TRANSLATE_NOOP("CoreError", "module {0} has no attribute {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be an integer from {1} to {2}, got {3}"),
    QT_TRANSLATE_NOOP("CoreError", "seed must be a non-negative integer, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "canvas must be a non-empty 2-D array, got shape {0}"),
    QT_TRANSLATE_NOOP("CoreError", "canvas must hold numbers in [0, 1], got dtype {0}"),
    QT_TRANSLATE_NOOP("CoreError", "canvas holds NaN or infinite values"),
    QT_TRANSLATE_NOOP("CoreError", "the image is blank: it has no centre of mass"),
    QT_TRANSLATE_NOOP("CoreError", "max_terms must be at least 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be an integer from 0 to {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "layer must be an integer from {0} to {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "this trace has no update step: trace it with an optimizer"),
    QT_TRANSLATE_NOOP("CoreError", "max_terms must be an integer ≥ 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "weight must be a pair (j, k), got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "hidden δ is for layers 1 to {0}, got layer {1}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown phase kind {0}"),
    QT_TRANSLATE_NOOP("CoreError", "n_layers must be an integer ≥ 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "state dict: {0} is not an array of numbers"),
    QT_TRANSLATE_NOOP("CoreError", "state dict: {0} holds NaN or infinite values"),
    QT_TRANSLATE_NOOP("CoreError", "state dict must be a mapping, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "state dict has no layer weights ('0.weight', ...)"),
    QT_TRANSLATE_NOOP("CoreError", "state dict lacks {0} or {1}"),
    QT_TRANSLATE_NOOP("CoreError", "state dict: layer {0} has W {1} and b {2}"),
    QT_TRANSLATE_NOOP("CoreError", "state dict: layer {0} takes {1} inputs, layer {2} gives {3}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: no such file"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: not a GradLab run (it holds Python objects, which are never loaded)"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: not a GradLab run ({1}: unknown error)"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: not a GradLab run ({1}: {2})"),
    QT_TRANSLATE_NOOP("CoreError", "unknown error"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: the run has no saved weights"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: unknown error"),
    QT_TRANSLATE_NOOP("CoreError", "test digit index must be an integer from 0 to {0}, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "this trace has no update: pass optimizer= to trace()"),
    QT_TRANSLATE_NOOP("CoreError", "layer must be 1..{0}, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "unit j must be 0..{0} in layer {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "input k must be 0..{0} of layer {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be an array of numbers"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be real numbers, got dtype {1}"),
    QT_TRANSLATE_NOOP("CoreError", "params must be a non-empty list [(W_1, b_1), ..., (W_L, b_L)]"),
    QT_TRANSLATE_NOOP("CoreError", "params[{0}] (layer {1}) must be a pair (W, b)"),
    QT_TRANSLATE_NOOP("CoreError", "W of layer {0} must be a non-empty 2-D array (n_{1}, n_{2}), got shape {3}"),
    QT_TRANSLATE_NOOP("CoreError", "b of layer {0} must have shape ({1},) to match W {2}, got {3}"),
    QT_TRANSLATE_NOOP("CoreError", "W of layer {0} takes {1} inputs but layer {2} has {3} units"),
    QT_TRANSLATE_NOOP("CoreError", "the parameters of layer {0} contain NaN or inf"),
    QT_TRANSLATE_NOOP("CoreError", "x must have shape (N, {0}) with N >= 1, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "x contains NaN or inf"),
    QT_TRANSLATE_NOOP("CoreError", "y must be integer labels, got dtype {0}"),
    QT_TRANSLATE_NOOP("CoreError", "y must have shape ({0},), one label per row of x, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "label {0} is out of range for {1} classes (0..{2})"),
    QT_TRANSLATE_NOOP("CoreError", "activation must be a name or an Activation, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown loss {0} for a trace; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "loss {0} cannot be traced; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "loss must be a name or a Loss, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "state must be {0} (from {1}'s init), got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer state {0} does not fit these params (shapes {1} vs {2})"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer must be a core Optimizer (optimizers.get(...)), got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "state was given without an optimizer"),
    QT_TRANSLATE_NOOP("CoreError", "a folder, not a regular file"),
    QT_TRANSLATE_NOOP("CoreError", "a pipe (FIFO), not a regular file"),
    QT_TRANSLATE_NOOP("CoreError", "a character device, not a regular file"),
    QT_TRANSLATE_NOOP("CoreError", "a block device, not a regular file"),
    QT_TRANSLATE_NOOP("CoreError", "a socket, not a regular file"),
    QT_TRANSLATE_NOOP("CoreError", "an unknown kind of file, not a regular file"),
    QT_TRANSLATE_NOOP("CoreError", "larger than {0} bytes"),
    QT_TRANSLATE_NOOP("CoreError", "larger than {0}"),
    QT_TRANSLATE_NOOP("CoreError", "rows of shape {0} do not fit rows of shape {1}"),
    QT_TRANSLATE_NOOP("CoreError", "num_classes must be at least 2, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "no δ⁽ᴸ⁾ formula for loss {0}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown bug {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "subset must be a whole number >= 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "run {0} ends where it started (θ_A = θ₀): no plane through it"),
    QT_TRANSLATE_NOOP("CoreError", "runs {0} and {1} moved along one line from θ₀: no plane through them"),
    QT_TRANSLATE_NOOP("CoreError", "a PCA plane needs at least 3 snapshots of the path, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "the path does not span a plane (its snapshots lie on a line)"),
    QT_TRANSLATE_NOOP("CoreError", "mse: targets have shape {0}, outputs {1}"),
    QT_TRANSLATE_NOOP("CoreError", "mse: outputs are empty"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: outputs must be (N, C) logits with N, C ≥ 1, got shape {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: labels must be integers, got dtype {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: labels must have shape ({1},) to match outputs {2}, got {3}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: label {1} is out of range for {2} classes (0..{3})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: {1} must be numbers, one per class, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: {1} must be a 1-D list, one per class, got shape {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: {1} must be finite and ≥ 0, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: {1} has {2} entries but outputs have {3} classes"),
    QT_TRANSLATE_NOOP("CoreError", "weighted_cross_entropy: needs weights, one per class"),
    QT_TRANSLATE_NOOP("CoreError", "weighted_cross_entropy: weights are all 0, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: the weights of these labels sum to 0 (the loss is 0/0)"),
    QT_TRANSLATE_NOOP("CoreError", "focal: gamma must be a finite number ≥ 0, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown loss {0}; valid names: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "sizes must be at least two positive layer widths, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "theta has {0} entries, the parameters need {1}"),
    QT_TRANSLATE_NOOP("CoreError", "no loss: pass one here or to MLP(..., loss=...)"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be 10 numbers or 'inverse_frequency', got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: {1} must be {2} numbers (one per digit), got {3}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be an integer >= {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown loss {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown activation {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "hidden must name at least one hidden layer"),
    QT_TRANSLATE_NOOP("CoreError", "unknown schedule_unit {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown engine {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "dtype must be 'float32' or 'float64', got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "imbalance: digit {0} must be 0-9 and its fraction in [0, 1], got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "imbalance keeps no training samples (every digit's fraction is 0)"),
    QT_TRANSLATE_NOOP("CoreError", "threads must be at most {0}, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "seed must be at most {0} (2**32 - 1), got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: the network needs about {1} GiB, more than the limit's {2} GiB (weights, gradients, optimizer state)"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: one batch needs about {1} GiB, more than the limit's {2} GiB (activations)"),
    QT_TRANSLATE_NOOP("CoreError", "unknown device {0} ({1})"),
    QT_TRANSLATE_NOOP("CoreError", "device {0} cannot train (use auto, cpu or cuda)"),
    QT_TRANSLATE_NOOP("CoreError", "device {0} asked for, but CUDA is not available"),
    QT_TRANSLATE_NOOP("CoreError", "device {0}: this machine has {1} CUDA device(s)"),
    QT_TRANSLATE_NOOP("CoreError", "device {0} asked for, but MPS is not available"),
    QT_TRANSLATE_NOOP("CoreError", "cannot resume: the config differs from the checkpoint's in {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: truncated ({1} bytes, header needs {2})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: wrong magic number {1} (expected {2})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: header says {1} items, more than MNIST's {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: images are {1}x{2}, expected {3}x{4}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: cannot be read ({1})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: truncated or corrupt gzip data ({1})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: count mismatch: more data bytes than the header announces ({1})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: checksum mismatch (MD5 {1}, expected {2})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: count mismatch: header says {1} items, expected {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: truncated ({1} data bytes, header announces {2})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: count mismatch: {1} data bytes, header announces {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: label {1} out of range 0-9"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: missing (neither {1}.gz nor {2} is in {3})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: count mismatch: {1} labels for {2} images"),
    QT_TRANSLATE_NOOP("CoreError", "download of {0} cancelled"),
    QT_TRANSLATE_NOOP("CoreError", "no data for {0} s"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: not an http(s) address"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: more than {1} redirects"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: Content-Length {1} bytes is more than the file can be ({2} bytes); refused"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: the server sent more than the file can be ({1} bytes); stopped"),
    QT_TRANSLATE_NOOP("CoreError", "download of {0}.gz cancelled"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: download failed from every mirror ({1})"),
    QT_TRANSLATE_NOOP("CoreError", "torch:rmsprop has no eps_in_sqrt (torch adds eps outside the root)"),
    QT_TRANSLATE_NOOP("CoreError", "no torch.optim reference for {0}"),
    QT_TRANSLATE_NOOP("CoreError", "not a GradLab run (no {0} marker)"),
    QT_TRANSLATE_NOOP("CoreError", "version: must be a whole number, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "saved by a newer GradLab (version {0})"),
    QT_TRANSLATE_NOOP("CoreError", "state: missing or not a mapping"),
    QT_TRANSLATE_NOOP("CoreError", "state.{0}: must be a number, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "state.{0}: must be a finite number >= 0, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "history: damaged ({0})"),
    QT_TRANSLATE_NOOP("CoreError", "evaluation: damaged ({0})"),
    QT_TRANSLATE_NOOP("CoreError", "no such file"),
    QT_TRANSLATE_NOOP("CoreError", "cannot be read ({0})"),
    QT_TRANSLATE_NOOP("CoreError", "not a GradLab run (it holds Python objects, which GradLab never loads)"),
    QT_TRANSLATE_NOOP("CoreError", "not a GradLab run (not a torch file, or damaged)"),
    QT_TRANSLATE_NOOP("CoreError", "not a GradLab run ({0})"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: missing or not a mapping"),
    QT_TRANSLATE_NOOP("CoreError", "config: damaged ({0}: {1})"),
    QT_TRANSLATE_NOOP("CoreError", "config: device must be a name like 'cpu', got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0}: must be a whole number >= 0, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "the run has no saved weights (state.model is missing)"),
    QT_TRANSLATE_NOOP("CoreError", "weights: unexpected tensor {0} for hidden {1}"),
    QT_TRANSLATE_NOOP("CoreError", "weights {0}: not a dense tensor"),
    QT_TRANSLATE_NOOP("CoreError", "weights {0}: missing (hidden {1} needs {2} layers)"),
    QT_TRANSLATE_NOOP("CoreError", "weights {0}: shape {1}, expected {2} for hidden {3}"),
    QT_TRANSLATE_NOOP("CoreError", "weights {0}: dtype {1}, expected {2}"),
    QT_TRANSLATE_NOOP("CoreError", "weights: checksum mismatch (the file is damaged)"),
    QT_TRANSLATE_NOOP("CoreError", "weights {0}: not finite (NaN or inf)"),
    QT_TRANSLATE_NOOP("CoreError", "weights {0}: value {1} beyond ±{2} (no trained network has it)"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer: missing or not an optimizer's state"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer: state for parameter {0}, which the network does not have"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer state[{0}]: not a mapping"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer state[{0}].{1}: shape {2}, expected {3}"),
    QT_TRANSLATE_NOOP("CoreError", "optimizer state[{0}].{1}: not finite (NaN or inf)"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.steps: must be 1 to {0} whole numbers"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.steps: must increase from 0 to at most the run's {0} steps, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.{0}: tensors {1}, expected {2}"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.{0} {1}: not a dense tensor"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.{0} {1}: shape {2}, expected {3}"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.{0} {1}: dtype {2}, expected {3}"),
    QT_TRANSLATE_NOOP("CoreError", "trajectory.{0} {1}: not finite (NaN or inf)"),
    QT_TRANSLATE_NOOP("CoreError", "unknown schedule {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown parameter {0} for the {1} schedule; valid: {2}"),
    QT_TRANSLATE_NOOP("CoreError", "step_size must be an integer >= 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "gamma must be in (0, 1], got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "eta_min must be >= 0, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown schedule unit {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "no training samples left (train_subset / imbalance keep none)"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be a number, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be finite, got a number beyond ±1.8e308"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be finite, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be > 0, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be >= 0, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be in [0, 1), got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be True or False, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown hyperparameter {0} for {1}; valid: {2}"),
    QT_TRANSLATE_NOOP("CoreError", "unknown optimizer {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "an entry met a {0}, not a number"),
    QT_TRANSLATE_NOOP("CoreError", "entries of two recordings met"),
    QT_TRANSLATE_NOOP("CoreError", "an exponent that is an array"),
    QT_TRANSLATE_NOOP("CoreError", "the rule branches on an entry's value"),
    QT_TRANSLATE_NOOP("CoreError", "the rule compares an entry (a branch or a mask)"),
    QT_TRANSLATE_NOOP("CoreError", "numpy.{0}.{1} with {2}"),
    QT_TRANSLATE_NOOP("CoreError", "numpy.{0} (not an elementwise operation)"),
    QT_TRANSLATE_NOOP("CoreError", "the rule turned an entry into an array"),
    QT_TRANSLATE_NOOP("CoreError", "the rule returned {0} slots, not {1}"),
    QT_TRANSLATE_NOOP("CoreError", "slot {0} is a number but the rule made it an array"),
    QT_TRANSLATE_NOOP("CoreError", "compiling an optimizer rule needs numba, which does not import"),
    QT_TRANSLATE_NOOP("CoreError", "numba could not compile the loop: {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} does not support sparse gradients"),
    QT_TRANSLATE_NOOP("CoreError", "compare 1 to {0} settings, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "settings {0} differ in {1} ({2} vs {3}): a comparison shares the layers"),
    QT_TRANSLATE_NOOP("CoreError", "settings {0} differ in {1} ({2} vs {3}): a comparison shares the data"),
    QT_TRANSLATE_NOOP("CoreError", "settings {0} differ in {1} ({2} vs {3}): a comparison shares the train/test split"),
    QT_TRANSLATE_NOOP("CoreError", "settings {0} differ in {1} ({2} vs {3}): a comparison shares the initial weights"),
    QT_TRANSLATE_NOOP("CoreError", "unknown data set {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "points must be a whole number from 2 to {0}, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "noise must be from 0 to {0}, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} has {1} classes, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "train share must be between 0 and 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "keep fraction must be in (0, 1], got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "class {0} has no points"),
    QT_TRANSLATE_NOOP("CoreError", "features: pick at least one"),
    QT_TRANSLATE_NOOP("CoreError", "unknown feature {0}; valid: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "features: {0} given twice"),
    QT_TRANSLATE_NOOP("CoreError", "work_seconds must be in (0, frame_seconds], got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be a whole number >= 0, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "hidden: at most {0} layers, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "hidden: a layer has 1 to {0} units, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "batch size must be a whole number >= 1, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be a number {1}, got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be a number from {1} to {2}, got {3}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} must be {1} numbers or {2}, got {3}"),
    QT_TRANSLATE_NOOP("CoreError", "{0} needs one number per class ({1}), got {2}"),
    QT_TRANSLATE_NOOP("CoreError", "data: labels must be whole numbers, got dtype {0}"),
    QT_TRANSLATE_NOOP("CoreError", "data: need at least 2 points with one label each, got {0} and {1}"),
    QT_TRANSLATE_NOOP("CoreError", "data: every coordinate must be finite"),
    QT_TRANSLATE_NOOP("CoreError", "data: labels must be 0..{0}, got {1}..{2}"),
    QT_TRANSLATE_NOOP("CoreError", "initial weights do not fit the layers {0}"),
    QT_TRANSLATE_NOOP("CoreError", "momentum_rate needs at least one eigenvalue"),
    QT_TRANSLATE_NOOP("CoreError", "lr and momentum must be >= 0, got lr={0}, momentum={1}"),
    QT_TRANSLATE_NOOP("CoreError", "no optimal momentum: the smallest eigenvalue is {0} <= 0 (not convex)"),
    QT_TRANSLATE_NOOP("CoreError", "need at least one eigenvalue"),
    QT_TRANSLATE_NOOP("CoreError", "a race needs at least one optimizer"),
    QT_TRANSLATE_NOOP("CoreError", "got {0} labels for {1} optimizers"),
    QT_TRANSLATE_NOOP("CoreError", "smoothing weight must be in [0, 1), got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "formula is nested too deeply (more than {0} levels) (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "name {0} is not allowed; use x, y, pi, e (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "operator {0} is not allowed (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "attribute access '.{0}' is not allowed (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "subscripts are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "lambda is not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "strings are not allowed (f-string) (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "comprehensions are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "conditional expressions (if/else) are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "comparisons are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "'and'/'or' are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "assignment (:=) is not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "tuples are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "lists are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "sets are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "dictionaries are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "starred arguments are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "{0} is not allowed in a formula (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "strings are not allowed (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "{0} is not allowed (column {1}); only real numbers"),
    QT_TRANSLATE_NOOP("CoreError", "number {0} is too large (column {1}) (at most {2})"),
    QT_TRANSLATE_NOOP("CoreError", "operator {0} is not allowed (column {1}); use ** for powers"),
    QT_TRANSLATE_NOOP("CoreError", "exponent {0} is too large (column {1}) (at most {2})"),
    QT_TRANSLATE_NOOP("CoreError", "nested powers multiply to an exponent of {0}, too large (column {1}) (at most {2})"),
    QT_TRANSLATE_NOOP("CoreError", "division by zero (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "value of {0} is too large (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "{0} is not defined ({1}) (column {2})"),
    QT_TRANSLATE_NOOP("CoreError", "value of {0} is too small (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "only function names can be called, like sin(x) (column {0})"),
    QT_TRANSLATE_NOOP("CoreError", "function {0} is not allowed (column {1}); use one of: {2}"),
    QT_TRANSLATE_NOOP("CoreError", "keyword arguments are not allowed (column {0}): write {1}(...) with one value"),
    QT_TRANSLATE_NOOP("CoreError", "{0} takes 1 argument, got {1} (column {2})"),
    QT_TRANSLATE_NOOP("CoreError", "a formula must be text, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "formula is too long ({0} characters; at most {1})"),
    QT_TRANSLATE_NOOP("CoreError", "formula is empty; type an expression in x and y, e.g. x**2 + y**2"),
    QT_TRANSLATE_NOOP("CoreError", "not a valid formula: {0}"),
    QT_TRANSLATE_NOOP("CoreError", "not a valid formula: {0} (column {1})"),
    QT_TRANSLATE_NOOP("CoreError", "formula is nested too deeply"),
    QT_TRANSLATE_NOOP("CoreError", "formula is too large ({0} parts; at most {1})"),
    QT_TRANSLATE_NOOP("CoreError", "{0} is not allowed in a formula"),
    QT_TRANSLATE_NOOP("CoreError", "formula is nested too deeply to differentiate; nest fewer functions"),
    QT_TRANSLATE_NOOP("CoreError", "cannot use f(x, y) = {0}: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "f(x, y) = {0} is undefined everywhere (it simplifies to a division by zero or an infinity)"),
    QT_TRANSLATE_NOOP("CoreError", "f(x, y) = {0} takes complex values (a square root or log of a negative number)"),
    QT_TRANSLATE_NOOP("CoreError", "the gradient of f(x, y) = {0} is undefined everywhere"),
    QT_TRANSLATE_NOOP("CoreError", "the gradient is too large to differentiate again quickly"),
    QT_TRANSLATE_NOOP("CoreError", "f(x, y) = {0} is not finite anywhere in x ∈ [{1}, {2}], y ∈ [{3}, {4}] (at least {5}% needed to draw and race on it)"),
    QT_TRANSLATE_NOOP("CoreError", "f(x, y) = {0} is finite on only {1}% of x ∈ [{2}, {3}], y ∈ [{4}, {5}] (at least {6}% needed to draw and race on it)"),
    QT_TRANSLATE_NOOP("CoreError", "bounds must be four numbers (xmin, xmax, ymin, ymax), got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "bounds must be finite with xmin < xmax and ymin < ymax, got {0}"),
    QT_TRANSLATE_NOOP("CoreError", "surface {0}: gamma must be a number >= 0 (as in 'logistic_focal:gamma=0.5')"),
    QT_TRANSLATE_NOOP("CoreError", "unknown surface {0}; known: {1}"),
    QT_TRANSLATE_NOOP("CoreError", "surface {0}: bounds must be finite, got {1}"),
    QT_TRANSLATE_NOOP("CoreError", "surface {0}: bounds must be (xmin < xmax, ymin < ymax), got {1}"),
)
# --- end of generated texts ---


def explain(text: str) -> str:
    """The core's message `text` in the language in use: itself in English or when no
    template matches; else the translated template, filled with the English's values."""
    if not text or current_language() == SOURCE_LANGUAGE:
        return text
    return _explain(text, _DEPTH)


def _explain(text: str, depth: int) -> str:
    if depth <= 0 or not text.strip():
        return text
    if "\n" in text:  # one line at a time (a report of several refusals)
        return "\n".join(_explain(line, depth) for line in text.split("\n"))
    failure = _FAILURE.fullmatch(text)  # first: a template's edge fields would swallow its parts
    if failure is not None:
        message = _explain(failure["message"], depth - 1)
        if message != failure["message"]:
            return _fill(translate(CONTEXT, FAILURE), [failure["kind"], message, failure["where"]])
    for pattern, template in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        shown = translate(CONTEXT, template)
        if shown == template:  # no translation: the core's English stays
            return text
        return _fill(shown, [_explain(v, depth - 1) for v in match.groups()])
    # "name: problem", where the name is a path, a field or a type and the problem a message
    start = 0
    while (at := text.find(": ", start)) >= 0:
        head, rest = text[:at], text[at + 2:]
        shown = _explain(rest, depth - 1)
        if shown != rest:
            return _fill(translate(CONTEXT, JOIN), [head, shown])
        start = at + 2
    return text


_FIELD = re.compile(r"\{\{|\}\}|\{(\d+)\}")


def _fill(template: str, values: list[str]) -> str:
    """`template` with `{n}` replaced by values[n] and `{{`, `}}` by braces (a translation
    with a broken field keeps it as written rather than fail)."""
    def one(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return m.group(0)[0]
        n = int(m.group(1))
        return values[n] if n < len(values) else m.group(0)

    return _FIELD.sub(one, template)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each template as a regular expression, the most literal text first (compiled once,
    on the first message explained)."""
    out = []
    for template in TEXTS:
        parts, literal = [], 0
        pos = 0
        for m in _FIELD.finditer(template):
            text = template[pos:m.start()]
            parts.append(re.escape(text))
            literal += len(text)
            if m.group(1) is None:
                parts.append(re.escape(m.group(0)[0]))
                literal += 1
            elif m.start() == 0 and not template[m.end():].startswith(": "):
                # A leading field holds a name, never "name: ...": "path: lr must be > 0"
                # is the path joined to a message (JOIN), not a field "path: lr".
                parts.append("((?:(?!: ).)*?)")
            else:
                parts.append("(.*?)")
            pos = m.end()
        parts.append(re.escape(template[pos:]))
        literal += len(template) - pos
        out.append((literal, re.compile("(?s)" + "".join(parts)), template))
    out.sort(key=lambda t: -t[0])
    return tuple((pattern, template) for _, pattern, template in out)


# -- the table, read from the core's source ----------------------------------------------------
_MAX_ALTERNATIVES = 24  # a message with more combinations keeps the varying part as a field


def core_sources() -> list[Path]:
    """The core's Python files, in a stable order."""
    from gradlab import core  # noqa: PLC0415 - only to find its folder

    return sorted(Path(core.__file__).parent.rglob("*.py"))


def templates(sources: list[Path] | None = None) -> list[str]:
    """Every message template the core raises, in the order of its files and lines."""
    out = [t for _path, _line, found in raise_sites(sources) for t in found]
    seen: set[str] = set()
    return [t for t in out if not (t in seen or seen.add(t))]


def raise_sites(sources: list[Path] | None = None) -> list[tuple[Path, int, list[str]]]:
    """(file, line, its message templates) for every `raise` in the core; no templates
    where the message is not the core's words (a re-raise, an OSError's strerror, a
    path joined to another error's text: that text is explained on its own)."""
    out = []
    for path in core_sources() if sources is None else sources:
        out += [(path, line, [t for t in found if _worded(t)]) for line, found in _Module.of(path).sites()]
    return out


def _worded(template: str) -> bool:
    """A message, not a bare name or punctuation: two words of 2+ letters outside its
    fields, a space between them."""
    return len(re.findall(r"(?:^|\s)[A-Za-z]{2,}", re.sub(r"\{\}|\{\{|\}\}", " ", template))) >= 2


class _Module:
    """One core file: its functions' string variables, its tables of strings and the
    helpers that return text, so that a message put together from them is read whole."""

    _loaded: dict[Path, _Module] = {}

    @classmethod
    def of(cls, path: Path) -> _Module:
        """The file at `path`, read once (a helper imported from it is read from there)."""
        if path not in cls._loaded:
            cls._loaded[path] = cls(path.read_text(encoding="utf-8"), path)
        return cls._loaded[path]

    def __init__(self, source: str, path: Path | None = None) -> None:
        import ast  # noqa: PLC0415 - only when the table is generated

        self.ast = ast
        self.tree = ast.parse(source)
        # Helpers imported from another core file: name -> (that file, the name there).
        self.imported: dict[str, tuple[Path, str]] = {}
        root = Path(__file__).resolve().parents[1]  # gradlab's folder: gradlab.core.x -> core/x.py
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gradlab.core"):
                file = root.joinpath(*node.module.split(".")[1:]).with_suffix(".py")
                for alias in node.names:
                    if file.is_file() and file != path:
                        self.imported[alias.asname or alias.name] = (file, alias.name)
        # Every function and method is a scope; a helper is called by its name (a module's).
        self.scopes = [n for n in ast.walk(self.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.globals: dict[str, ast.expr] = {}
        for node in self.tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.globals[target.id] = node.value

    def sites(self) -> list[tuple[int, list[str]]]:
        """(line, the templates of its arguments) for each `raise` of this file, in order."""
        ast = self.ast
        out: list[tuple[int, list[str]]] = []
        for scope in [self.tree, *self.scopes]:
            for node in self._own_nodes(scope):
                if isinstance(node, ast.Raise) and node.exc is not None:
                    call = node.exc if isinstance(node.exc, ast.Call) else None
                    args = [*call.args, *(k.value for k in call.keywords)] if call else []
                    out.append((node.lineno, [t for arg in args for t in self.texts(arg, scope)]))
        return sorted(out, key=lambda site: site[0])

    def _own_nodes(self, scope):  # noqa: ANN001, ANN202 - ast nodes
        """The nodes of `scope` outside the functions nested in it (each is a scope)."""
        ast = self.ast
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop(0)
            yield node
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                stack.extend(ast.iter_child_nodes(node))
            elif isinstance(node, ast.ClassDef):
                stack.extend(n for n in node.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))

    def texts(self, node, scope, depth: int = 0) -> list[str]:  # noqa: ANN001
        """The templates `node` can evaluate to: a literal, an f-string, a concatenation, a
        conditional, a variable or table of strings of this file, a helper of this file
        that returns text; `{}` (a field) for anything else, or when unsure."""
        ast = self.ast
        if depth > 6:
            return ["{}"]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [_escape(node.value)]
        if isinstance(node, ast.JoinedStr):
            return self._joined(node.values, scope, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._joined([node.left, node.right], scope, depth)
        if isinstance(node, ast.IfExp):
            return _field_or(self.texts(node.body, scope, depth + 1) + self.texts(node.orelse, scope, depth + 1))
        if isinstance(node, ast.Name):
            return _field_or([t for v in self._values_of(node.id, scope) for t in self.texts(v, scope, depth + 1)])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            name = node.func.id
            if name in self.functions:
                return self.helper_texts(name, depth + 1)
            if name in self.imported:
                file, there = self.imported[name]
                return _Module.of(file).helper_texts(there, depth + 1)
            if name == "next" and len(node.args) == 2:
                return _field_or(self._picked(node.args[0]) + self.texts(node.args[1], scope, depth + 1))
        return ["{}"]

    def helper_texts(self, name: str, depth: int) -> list[str]:
        """The texts the helper `name` of this file returns (a field when it is not one)."""
        ast = self.ast
        helper = self.functions.get(name)
        if helper is None:
            return ["{}"]
        returns = [n.value for n in self._own_nodes(helper) if isinstance(n, ast.Return) and n.value is not None]
        return _field_or([t for v in returns for t in self.texts(v, helper, depth)])

    def _picked(self, node) -> list[str]:  # noqa: ANN001
        """`(name for test, name in TABLE if ...)`: the strings of TABLE at name's place."""
        ast = self.ast
        if not (isinstance(node, ast.GeneratorExp) and isinstance(node.elt, ast.Name)
                and len(node.generators) == 1):
            return []
        loop = node.generators[0]
        table = self.globals.get(loop.iter.id) if isinstance(loop.iter, ast.Name) else None
        if not (isinstance(loop.target, ast.Tuple) and isinstance(table, (ast.Tuple, ast.List))):
            return []
        names = [isinstance(t, ast.Name) and t.id == node.elt.id for t in loop.target.elts]
        if names.count(True) != 1:
            return []
        at = names.index(True)
        return [_escape(row.elts[at].value) for row in table.elts
                if isinstance(row, ast.Tuple) and len(row.elts) > at
                and isinstance(row.elts[at], ast.Constant) and isinstance(row.elts[at].value, str)]

    def _joined(self, parts, scope, depth: int) -> list[str]:  # noqa: ANN001
        """The templates of parts written one after another (an f-string, a + b)."""
        ast = self.ast
        out = [""]
        for part in parts:
            if isinstance(part, ast.FormattedValue):
                if part.conversion != -1 or part.format_spec is not None:
                    options = ["{}"]
                else:
                    options = self.texts(part.value, scope, depth + 1)
            else:
                options = self.texts(part, scope, depth + 1)
            if len(out) * len(options) > _MAX_ALTERNATIVES:
                options = ["{}"]
            out = [a + b for a in out for b in options]
        return _field_or(out)

    def _values_of(self, name: str, scope):  # noqa: ANN001, ANN202
        """What `name` is given in `scope` (assignments; a loop over a table's values or
        items), or at the module's top level."""
        ast = self.ast
        values = []
        for node in self._own_nodes(scope) if scope is not self.tree else []:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                values.append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                    and node.target.id == name and node.value is not None:
                values.append(node.value)
            elif isinstance(node, ast.For):
                values += self._loop_values(node, name)
        if not values and name in self.globals:
            value = self.globals[name]
            values = [value]
        return values

    def _loop_values(self, loop, name: str) -> list:  # noqa: ANN001
        """`for k, name in TABLE.items()` / `for name in TABLE.values()`: the table's values."""
        ast = self.ast
        it = loop.iter
        if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute)
                and isinstance(it.func.value, ast.Name) and it.func.attr in ("items", "values")):
            return []
        table = self.globals.get(it.func.value.id)
        if not isinstance(table, ast.Dict):
            return []
        target = loop.target
        if it.func.attr == "items":
            if not (isinstance(target, ast.Tuple) and len(target.elts) == 2
                    and isinstance(target.elts[1], ast.Name) and target.elts[1].id == name):
                return []
        elif not (isinstance(target, ast.Name) and target.id == name):
            return []
        return list(table.values)


_UNNUMBERED = re.compile(r"\{\{|\}\}|\{\}")


def _field_or(options: list[str]) -> list[str]:
    """`options` without repeats, each with no words of its own (a number, a sum of
    numbers, a name the file does not define) made one field."""
    # A text with no letters is a value's own shape ("'abc'…", a repr cut short): a field.
    options = list(dict.fromkeys(o if not o or re.search("[A-Za-z]", _UNNUMBERED.sub("", o)) else "{}"
                                 for o in options))
    return options or ["{}"]


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _numbered(template: str) -> str:
    """`{}` fields numbered {0}, {1} ... in order."""
    counter = iter(range(1000))
    return re.sub(r"\{\{|\}\}|\{\}", lambda m: m.group(0) if m.group(0) != "{}" else f"{{{next(counter)}}}",
                  template)


def generated() -> str:
    """This module's text as it should be for the core as it is now."""
    from gradlab.resources.scenario_texts import marked, rewrite  # noqa: PLC0415

    return rewrite(Path(__file__), marked(CONTEXT, [_numbered(t) for t in templates()]))


if __name__ == "__main__":
    from gradlab.resources.scenario_texts import main  # noqa: PLC0415

    sys.exit(main(sys.argv[1:], Path(__file__), generated(), "gradlab.gui.core_errors"))
