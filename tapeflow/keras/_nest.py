"""Keras's nested-structure helpers for layer inputs and outputs: lists, tuples and dicts of exactly
those types (subclasses, namedtuples included, are leaves), dicts in insertion order (not sorted as
``tf.nest``), recursive (structures are shallow). Used by ``Layer.__call__``, ``Node`` and the
functional model.

Example:
    >>> _flatten({"b": 1, "a": [2, 3]})
    [1, 2, 3]
    >>> _pack({"b": 0, "a": [0, 0]}, [4, 5, 6])
    {'b': 4, 'a': [5, 6]}
"""

from __future__ import annotations

from typing import Any, Callable


def _flatten(x: Any) -> list:
    if type(x) in (list, tuple):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    if type(x) is dict:
        out = []
        for v in x.values():
            out.extend(_flatten(v))
        return out
    return [x]


def _map(fn: Callable, x: Any) -> Any:
    if type(x) in (list, tuple):
        return type(x)(_map(fn, v) for v in x)
    if type(x) is dict:
        return {k: _map(fn, v) for k, v in x.items()}
    return fn(x)


def _pack(template: Any, flat: list) -> Any:
    """Rebuild ``template``'s structure from ``flat`` leaves."""
    it = iter(flat)
    return _map(lambda _: next(it), template)
