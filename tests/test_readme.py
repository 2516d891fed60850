"""Every Python example in README.md runs, and prints the text block that follows it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _blocks(text: str) -> list:
    """(python code, the text block right after it or "") for each ```python block."""
    fences = re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)
    out = []
    for k, (lang, body) in enumerate(fences):
        if lang == "python":
            nxt = fences[k + 1] if k + 1 < len(fences) else ("", "")
            out.append((body, nxt[1] if nxt[0] == "text" else ""))
    return out


BLOCKS = _blocks(README)


@pytest.mark.parametrize("i", range(len(BLOCKS)))
def test_readme_example(i: int) -> None:
    code, expected = BLOCKS[i]
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, f"<README example {i}>", "exec"), {"__name__": "__main__"})
    if expected:
        assert buf.getvalue() == expected


def test_readme_has_examples_with_outputs():
    assert len(BLOCKS) >= 5 and all(out for _, out in BLOCKS[1:])
