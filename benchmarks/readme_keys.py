"""Rewrite the key table in README.md from the action registry (thads_tui/ui/actions.py).

    python benchmarks/readme_keys.py          # update README.md
    python benchmarks/readme_keys.py --check  # exit 1 if README.md is stale (used by a test)
"""
from __future__ import annotations

import sys
from pathlib import Path

from thads_tui.ui.actions import help_rows

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- keys:start (made by benchmarks/readme_keys.py) -->", "<!-- keys:end -->"


def key_table() -> str:
    lines = [START]
    for heading, rows in help_rows():
        lines += ["", f"**{heading}**", "", "| keys | what it does |", "|---|---|"]
        lines += [f"| `{keys}` | {text} |" for keys, text in rows]
    lines += ["", END]
    return "\n".join(lines)


def updated(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return head + key_table() + tail


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
