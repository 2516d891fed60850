"""Argument checks the engine needs too (``tf.constant``'s shape), below ``ops/``: integer
arguments and the out-of-memory check. ``ops/_args.py`` re-exports them for the public ops.

Example:
    >>> int_list((2, 3), "reshape")
    [2, 3]
    >>> check_alloc((2, 3), "float32", "zeros")  # fits: no error
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .tensor import Tensor, Variable, builtins_bool


def int_arg(v: Any, op: str, what: str = "axis") -> int:
    """One integer argument of ``op`` (an axis, a size, a count): a Python/NumPy int or an integer
    scalar tensor. Anything else raises TF's error type (a string: InvalidArgumentError, as TF's
    attribute check; a float, None or other object: TypeError), naming the op and the value."""
    if type(v) is int:
        return v
    if isinstance(v, (np.integer, builtins_bool, np.bool_)):
        return int(v)
    if isinstance(v, (Tensor, Variable, np.ndarray)):
        a = np.asarray(v)
        if a.ndim == 0 and a.dtype.kind in "iu":
            return int(a)
        raise TypeError(
            f"{op}: {what} must be an integer scalar, got a {_dt.from_numpy(a.dtype).name if a.dtype.kind != 'U' else 'string'} "
            f"value of shape {a.shape}"
        )
    if isinstance(v, (str, bytes)):
        raise InvalidArgumentError(f"{op}: {what} must be an integer, got the string {v!r}", op=op)
    raise TypeError(f"{op}: {what} must be an integer, got {v!r} of type {type(v).__name__}")


def int_list(v: Any, op: str, what: str = "shape") -> list:
    """A list of ints from a list/tuple (of ints or integer scalars), an int, an integer NumPy
    array or an integer tensor; anything else raises naming the op (None or float entries:
    TypeError; strings: InvalidArgumentError, as TF's dtype check)."""
    if type(v) in (list, tuple):
        if all(type(d) is int for d in v):
            return list(v)
        return [int_arg(d, op, f"{what} entry") for d in v]
    if isinstance(v, (Tensor, Variable, np.ndarray)):
        a = np.asarray(v)
        if a.dtype.kind not in "iu" and not (a.size == 0 and a.dtype.kind == "f"):
            if a.dtype.kind in "USO":
                raise InvalidArgumentError(f"{op}: {what} must be integers, got strings {a.tolist()!r}", op=op)
            raise TypeError(f"{op}: {what} must be integers, got {a.dtype.name} values {a.tolist()!r}")
        return [int(d) for d in a.reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    if v is None:
        raise TypeError(f"{op}: {what} must be a list of integers or an integer tensor, got None")
    if isinstance(v, (str, bytes)):
        raise InvalidArgumentError(f"{op}: {what} must be integers, got the string {v!r}", op=op)
    try:
        items = list(v)
    except TypeError:
        raise TypeError(f"{op}: {what} must be a list of integers or an integer tensor, got {v!r}") from None
    return [int_arg(d, op, f"{what} entry") for d in items]


def _mem_limit() -> int:
    try:
        import os  # noqa: PLC0415

        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 1 << 40


_MEM_LIMIT = _mem_limit()
_CHEAP = 1 << 22  # element counts below this never need a check

_TYPE_WORDS = {"float32": "float", "float64": "double", "float16": "half", "bool": "bool"}


def oom_error(shape: Any, dt: Any, op: str) -> Exception:
    """TF's ResourceExhaustedError for an allocation of ``shape`` x ``dt`` that cannot succeed."""
    from .errors import ResourceExhaustedError  # noqa: PLC0415

    name = _dt.from_numpy(np.dtype(dt)).name
    dims = ",".join(str(int(d)) for d in shape)
    nbytes = int(np.prod([int(d) for d in shape], dtype=object)) * np.dtype(dt).itemsize
    return ResourceExhaustedError(
        f"{op}: OOM when allocating tensor with shape[{dims}] and type {_TYPE_WORDS.get(name, name)} "
        f"on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu ({nbytes} bytes, "
        f"{_MEM_LIMIT} bytes of memory in all)",
        op=op,
    )


def check_alloc(shape: tuple, dt: Any, op: str) -> None:
    """Raise ResourceExhaustedError (as TF) before allocating ``shape`` x ``dt`` beyond memory."""
    n = 1
    for d in shape:
        n *= d
    if n >= _CHEAP and n * np.dtype(dt).itemsize > _MEM_LIMIT:
        raise oom_error(shape, dt, op)


__all__ = ["int_arg", "int_list", "check_alloc", "oom_error"]
