"""``tf.print`` and TF's own tensor text format (also used by ``tf.strings.format``).

Example:
    >>> import sys
    >>> import tapeflow as tf
    >>> tf.print("x:", tf.range(10), output_stream=sys.stdout)
    x: [0 1 2 ... 7 8 9]
"""

from __future__ import annotations

import builtins
import sys
from typing import Any

import numpy as np

from ..tensor import Tensor, Variable


def _float_text(x: float, digits: int, roundtrip: Any) -> str:
    # TF's FloatToBuffer/DoubleToBuffer: the short form when it reads back exactly, else 3 (2) digits more
    short = "%.*g" % (digits, x)
    if not np.isfinite(x) or roundtrip(short) == x:
        return short
    return "%.*g" % (digits + 3 if digits == 6 else digits + 2, x)


def _scalar_text(x: Any, kind: str, itemsize: int) -> str:
    if kind == "f":
        if itemsize == 8:
            return _float_text(float(x), 15, float)
        return _float_text(float(x), 6, lambda s: float(np.float32(s)))
    if kind == "c":
        return "?"  # as TF: complex values have no text form in tf.print
    if kind == "b":
        return "1" if x else "0"
    if kind == "O" or kind in "SU":
        s = x.decode("utf-8", "backslashreplace") if isinstance(x, bytes) else str(x)
        return f'"{s}"'
    return str(x)


def format_tensor(value: Any, summarize: int | None = 3) -> str:
    """A tensor's value as TF's ``tf.print`` / ``tf.strings.format`` write it.

    Floats take 6 significant digits (15 for float64), or 9 (17) when the short form would not
    read back as the same number; bools print as 1/0, strings are double-quoted, and each dimension longer than ``2 * summarize`` shows its first and
    last ``summarize`` entries around ``...`` (``summarize=-1`` prints everything).

    Example:
        >>> format_tensor(np.arange(12, dtype=np.float32).reshape(3, 4) / 3, summarize=1)
        '[[0 ... 1]\\n ...\\n [2.66666675 ... 3.66666675]]'
    """
    arr = np.asarray(value)
    n = 3 if summarize is None else int(summarize)
    kind, size = arr.dtype.kind, arr.dtype.itemsize

    def rec(a: np.ndarray, depth: int) -> str:
        if np.ndim(a) == 0:
            return _scalar_text(a[()] if isinstance(a, np.ndarray) else a, kind, size)
        count = a.shape[0]
        cut = 0 <= n and 2 * n < count
        idx = [*range(n), None, *range(count - n, count)] if cut else list(range(count))
        parts = ["..." if i is None else rec(a[i], depth + 1) for i in idx]
        if a.ndim == 1:
            return "[" + " ".join(parts) + "]"
        return "[" + ("\n" * (a.ndim - 1) + " " * (depth + 1)).join(parts) + "]"

    return rec(arr, 0)


def _value_text(x: Any, summarize: int | None, top: bool) -> str:
    if isinstance(x, (Tensor, Variable)):
        t = x._t if isinstance(x, Variable) else x
        return format_tensor(t._value, summarize)
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {_value_text(v, summarize, False)}" for k, v in x.items()) + "}"
    if isinstance(x, (list, tuple)):
        inner = ", ".join(_value_text(v, summarize, False) for v in x)
        return f"[{inner}]" if isinstance(x, list) else f"({inner}{',' if len(x) == 1 else ''})"
    if isinstance(x, str) and not top:
        return repr(x)
    return str(x)


def print(*inputs: Any, output_stream: Any = None, summarize: int | None = 3, sep: str = " ",  # noqa: A001
          end: str = "\n", name: str | None = None) -> None:
    """``tf.print``: print values as TF does (to ``sys.stderr`` unless ``output_stream`` says otherwise).

    Tensors are written in TF's own text format (see ``format_tensor``), not as ``tf.Tensor(...)``;
    Python structures holding tensors print with the tensors formatted inside. ``output_stream`` may
    be a file object or one of TF's strings ``"file://path"`` (appended to).

    Example:
        >>> import sys
        >>> import tapeflow as tf
        >>> tf.print(tf.constant([1.5, 2.0]), {"a": tf.constant(True)}, output_stream=sys.stdout)
        [1.5 2] {'a': 1}
    """
    text = sep.join(_value_text(x, summarize, True) for x in inputs) + end
    if isinstance(output_stream, str) and output_stream.startswith("file://"):
        with open(output_stream[len("file://"):], "a", encoding="utf-8") as f:
            f.write(text)
        return
    stream = sys.stderr if output_stream is None else output_stream
    builtins.print(text, end="", file=stream)


__all__ = ["print"]
