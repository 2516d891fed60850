"""Nested structures (lists, tuples, namedtuples, dicts) as ``tf.nest``.

Example:
    >>> flatten({"b": 1, "a": [2, 3]})
    [2, 3, 1]
"""

from __future__ import annotations

import reprlib
from typing import Any, Callable


def _is_seq(x: Any) -> bool:
    return isinstance(x, (list, tuple, dict))


def _children(x: Any) -> list:
    if isinstance(x, dict):
        return [x[k] for k in sorted(x, key=_sort_key)]
    return list(x)


def _sort_key(k: Any) -> Any:
    return (type(k).__name__, k) if not isinstance(k, (int, float, str)) else (0, str(type(k)), k)


def is_nested(x: Any) -> bool:
    """True for lists, tuples and dicts."""
    return _is_seq(x)


def flatten(structure: Any, expand_composites: bool = False) -> list:
    """The leaves of a nested structure, dicts in sorted-key order (any depth: no recursion)."""
    if not _is_seq(structure):
        return [structure]
    out: list = []
    stack = [iter(_children(structure))]
    while stack:
        for c in stack[-1]:
            if _is_seq(c):
                stack.append(iter(_children(c)))
                break
            out.append(c)
        else:
            stack.pop()
    return out


def _rebuild(template: Any, children: list) -> Any:
    if isinstance(template, dict):
        keys = sorted(template, key=_sort_key)
        d = dict(zip(keys, children))
        return type(template)((k, d[k]) for k in template) if type(template) is not dict else {k: d[k] for k in template}
    if isinstance(template, tuple) and hasattr(template, "_fields"):
        return type(template)(*children)
    return type(template)(children)


def pack_sequence_as(structure: Any, flat_sequence: list, expand_composites: bool = False) -> Any:
    """Rebuild ``structure`` with the leaves taken in order from ``flat_sequence``."""
    flat_sequence = list(flat_sequence)
    n_leaves = len(flatten(structure))
    if n_leaves != len(flat_sequence):
        raise ValueError(
            f"pack_sequence_as: structure has {n_leaves} leaves but flat_sequence has {len(flat_sequence)} elements"
        )
    it = iter(flat_sequence)
    if not _is_seq(structure):
        return next(it)
    stack = [(structure, iter(_children(structure)), [])]  # (template, children to go, rebuilt ones)
    while True:
        template, pending, built = stack[-1]
        for c in pending:
            if _is_seq(c):
                stack.append((c, iter(_children(c)), []))
                break
            built.append(next(it))
        else:
            stack.pop()
            value = _rebuild(template, built)
            if not stack:
                return value
            stack[-1][2].append(value)


_REPR = reprlib.Repr()  # a bounded repr: error messages stay short for any depth
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 6, 10, 10, 80, 80


def _short(x: Any) -> str:
    return _REPR.repr(x)


def assert_same_structure(a: Any, b: Any, check_types: bool = True) -> None:
    """Raise ValueError when two structures differ (any depth: no recursion)."""
    def check(x: Any, y: Any) -> None:
        if _is_seq(x) != _is_seq(y):
            raise ValueError(f"The two structures don't have the same nested structure: {_short(a)} vs {_short(b)}")
        if _is_seq(x):
            if isinstance(x, dict) != isinstance(y, dict) or len(x) != len(y):
                raise ValueError(
                    f"The two structures don't have the same nested structure: {_short(a)} vs {_short(b)}")
            if isinstance(x, dict) and set(x) != set(y):
                raise ValueError(f"The two structures don't have the same keys: {sorted(x)} vs {sorted(y)}")

    check(a, b)
    if not _is_seq(a):
        return
    stack = [zip(_children(a), _children(b))]
    while stack:
        for cx, cy in stack[-1]:
            check(cx, cy)
            if _is_seq(cx):
                stack.append(zip(_children(cx), _children(cy)))
                break
        else:
            stack.pop()


def _swap_instances(cls: type, part: Callable, args: tuple, kwargs: dict) -> tuple:
    """Replace each ``cls`` instance in ``args`` and ``kwargs`` (inside lists, tuples and dicts) by
    ``part(instance)``: ``(the instances found, in order; the new args as a list; the new kwargs)``
    (``tf.ragged.map_flat_values`` and ``tf.sparse.map_values``)."""
    found: list = []

    def sub(x: Any) -> Any:
        if isinstance(x, cls):
            found.append(x)
            return part(x)
        if isinstance(x, (list, tuple)):
            return type(x)(sub(v) for v in x)
        if isinstance(x, dict):
            return {k: sub(v) for k, v in x.items()}
        return x

    new_args = sub(list(args))
    return found, new_args, sub(kwargs)


def map_structure(func: Callable, *structures: Any, **kwargs: Any) -> Any:
    """Apply ``func`` leaf-wise over structures of the same shape."""
    if not structures:
        raise ValueError("map_structure needs at least one structure")
    for s in structures[1:]:
        assert_same_structure(structures[0], s)
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [func(*xs) for xs in zip(*flats)])


__all__ = ["flatten", "pack_sequence_as", "map_structure", "assert_same_structure", "is_nested"]
