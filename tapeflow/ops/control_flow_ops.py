"""Control flow in eager mode: cond, while_loop, map_fn, scan, foldl/foldr, TensorArray, py_function."""

from __future__ import annotations

__all__: list[str] = []
