"""Formulas kept whole in wrapped text: "p(1 − p)" never split as "p(1" / "− p)".

Qt breaks a wrapped line at any space, and between a letter and "(" in Chinese text,
so a formula inside a sentence (an explorer note, a race lesson) was cut at its
operators: "σ′ / (s)", "100(y / − x²)²". `unbroken(text)` joins each formula's parts for
display: inside parentheses a no-break space (U+00A0) either side of an operator
written with spaces and after a comma; outside them a no-break space before the
operator only (a long formula may still wrap, after a "+" or "=", between its terms,
rather than anywhere); a word joiner (U+2060, no width) before a "(" that follows a
symbol or number. Only the text shown changes: the source given to translate() keeps
plain spaces.

    label.setText(unbroken(translate("ExplorerLosses", "... the softmax's p(1 − p) ...")))
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
WORD_JOINER = "\u2060"

OPERATORS = "−+=×·÷≤≥≈≠<>→←/"
# "(" straight after a symbol, a digit, a prime, a superscript or a ")": a call or a product.
_OPENING = re.compile(r"(?<=[\w′″'ʹ⁰¹²³⁴⁵⁶⁷⁸⁹ᵀᵞ⁾)])\(")


def unbroken(text: str) -> str:
    """`text` for display, with line breaks inside its formulas only between terms."""
    out = []
    depth = 0
    n = len(text)
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(depth - 1, 0)
        if c == " " and i + 1 < n:
            before, after = text[i - 1] if i else "", text[i + 1]
            lone_after = i + 2 >= n or text[i + 2] == " "  # " − " (not "<b>")
            if after in OPERATORS and lone_after:
                c = NO_BREAK_SPACE  # never a line starting with an operator
            elif before in OPERATORS and i >= 2 and text[i - 2] in " \u00a0" and depth > 0:
                c = NO_BREAK_SPACE  # inside parentheses: nor one ending with it
            elif before == "," and depth > 0:
                c = NO_BREAK_SPACE  # "f(x, y)"
        out.append(c)
    return _OPENING.sub(WORD_JOINER + "(", "".join(out))


def plain(text: str) -> str:
    """`text` with the joins of `unbroken` undone (for reading and comparing it)."""
    return text.replace(NO_BREAK_SPACE, " ").replace(WORD_JOINER, "")
