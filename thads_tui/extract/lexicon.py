"""Gazetteers, letter classes and text folding shared by the recognisers.

Everything is built once, lazily, and cached: the recognisers compile their regexes from these
at first use so importing the package stays cheap.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

# Latin letters Vietnamese uses, split by case. \w alone cannot tell a name from a word.
_LATIN = [chr(c) for c in range(0x41, 0x1EFA) if "LATIN" in unicodedata.name(chr(c), "")]
UPPER = "[" + "".join(c for c in _LATIN if c.isupper() and c.isalpha()) + "]"
LOWER = "[" + "".join(c for c in _LATIN if c.islower() and c.isalpha()) + "]"
CAP_WORD = rf"{UPPER}{LOWER}*"  # a Titlecase syllable: Nguyễn, Gia, A
ACRO_WORD = rf"{UPPER}{UPPER}+"  # THADS, HĐND (a leading set, not a repeat: scanned fast)


def _lines(name: str) -> list[str]:
    text = files("thads_tui.extract.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ln.strip() for ln in _lines(name)))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A tab-separated data file as {first column: other columns}."""
    out: dict[str, tuple[str, ...]] = {}
    for ln in _lines(name):
        key, *rest = ln.split("\t")
        out[key.strip()] = tuple(r.strip() for r in rest)
    return out


@cache
def surnames() -> dict[str, bool]:
    """Family name -> True when it is also an everyday word and needs more evidence."""
    out = {}
    for ln in word_list("surnames.txt"):
        name, _, flag = ln.partition(" ")
        out[name] = flag == "?"
    return out


@cache
def stop_pattern() -> str:
    """Lookahead-ready alternation of the stop words/phrases, each a whole word sequence."""
    return trie_pattern(word_list("stopwords.txt"))


def trie_pattern(words) -> str:
    """One regex alternation for many literals, factored as a trie so matching stays linear
    in the text rather than in the number of words."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


# Old-style tone placement (Hoá, Thuỷ, Uỷ ban) moved to the new style (Hóa, Thủy, Ủy ban): a
# same-length rewrite, so offsets into the folded text are offsets into the original.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_BASE = {"o": "òóỏõọ", "u": "ùúủũụ"}
_SWAP: dict[str, str] = {}
for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
    for tone in range(5):
        for up1, up2 in ((False, False), (True, False), (True, True)):
            a, b = first, _TONED[second][tone]
            na, nb = _BASE[first][tone], second
            if up1:
                a, na = a.upper(), na.upper()
            if up2:
                b, nb = b.upper(), nb.upper()
            _SWAP[a + b] = na + nb
# No leading look-behind (`qu` is checked by hand): CPython then scans for the first letters fast.
# Two character sets, not the alternation of the pairs (twice as fast): a pair that is no old
# style (`oÀ`) is skipped by hand; its second letter starts no pair, so nothing is missed.
_OLD_TONE = re.compile("[" + "".join(sorted({k[0] for k in _SWAP})) + "]["
                       + "".join(sorted({k[1] for k in _SWAP})) + r"](?!\w)")
# Odd spaces and dashes, each with its plain form (one character each; no plain one is odd).
_ODD_PAIRS = (("\xa0", " "), ("\t", " "), ("\u2009", " "), ("\u202f", " "), ("\r", " "),
              ("\u2013", "-"), ("\u2011", "-"), ("\u2010", "-"))


def fold(text: str) -> str:
    """Same-length normalisation the recognisers run on (tone placement, odd spaces/dashes)."""
    for odd, plain in _ODD_PAIRS:  # (a one-character `in` is a memchr: faster than one set scan;
        if odd in text:            # str.replace per character present: translate is ~10x slower)
            text = text.replace(odd, plain)
    parts, last = [], 0
    for m in _OLD_TONE.finditer(text):
        s = m.start()
        new = _SWAP.get(m.group())
        if new is None or s and text[s - 1] in "qQ":  # `quá`, `Quý` are no old-style `oá`, `uý`
            continue
        parts += (text[last:s], new)
        last = m.end()
    return "".join(parts) + text[last:] if parts else text
