"""Shape and array ops (reshape, transpose, concat, stack, ...).

Example:
    >>> import tapeflow as tf
    >>> tf.reshape(tf.range(6), [2, 3]).shape.as_list()
    [2, 3]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..primitives import bind, bind1, defprim
from ..primitives import core as C
from ..tensor import Tensor
from ._args import describe, tensor_arg


def reshape(tensor: Any, shape: Any, name: str | None = None) -> Tensor:
    """Reshape; one dimension may be -1.

    Example:
        >>> import tapeflow as tf
        >>> tf.reshape(tf.zeros([4]), [-1, 2]).shape.as_list()
        [2, 2]
    """
    x = tensor_arg(tensor, "reshape")
    shape = tuple(int(s) for s in np.asarray(shape).reshape(-1)) if not isinstance(shape, int) else (shape,)
    size = x._value.size
    if shape.count(-1) > 1:
        raise InvalidArgumentError(f"reshape: only one dimension may be -1, got {list(shape)}", op="reshape")
    if -1 in shape:
        rest = int(np.prod([s for s in shape if s != -1], dtype=np.int64))
        if rest == 0 or size % rest:
            raise InvalidArgumentError(
                f"reshape: cannot reshape a {describe(x)} ({size} values) into {list(shape)}", op="reshape"
            )
        shape = tuple(size // rest if s == -1 else s for s in shape)
    if int(np.prod(shape, dtype=np.int64)) != size:
        raise InvalidArgumentError(
            f"reshape: cannot reshape a {describe(x)} ({size} values) into shape {list(shape)} "
            f"({int(np.prod(shape, dtype=np.int64))} values)",
            op="reshape",
        )
    return C.reshape_to(x, shape)


def transpose(a: Any, perm: Any = None, conjugate: bool = False, name: str | None = None) -> Tensor:
    """Permute axes (reverse them when ``perm`` is None)."""
    x = tensor_arg(a, "transpose")
    nd = x._value.ndim
    if perm is None:
        perm = tuple(range(nd - 1, -1, -1))
    perm = tuple(int(p) for p in np.asarray(perm).reshape(-1))
    if sorted(p % nd if nd else p for p in perm) != list(range(nd)):
        raise InvalidArgumentError(f"transpose: perm {list(perm)} is not a permutation of the axes of a {describe(x)}", op="transpose")
    perm = tuple(p % nd for p in perm)
    if perm == tuple(range(nd)):
        return x
    return C.transpose_raw(x, perm)


def _concat_vjp(g, out, ins, p, need):
    nb = C.nbatch(g, out)
    axis = p["axis"] + nb
    sizes = [t._value.shape[p["axis"]] for t in ins]
    return split_raw(g, sizes, axis)


CONCAT = defprim(
    "concat", lambda *xs, axis: np.concatenate(xs, axis=axis), _concat_vjp,
    examples=[(((2, 3), (4, 3)), {"axis": 0}), (((2, 3), (2, 1), (2, 2)), {"axis": 1})],
)


def _split_fwd(x: np.ndarray, sizes: tuple, axis: int) -> list:
    idx = np.cumsum(sizes)[:-1]
    return np.split(x, idx, axis=axis)


def _split_vjp(gs, outs, ins, p, need):
    nb = C.nbatch(gs[0], outs[0])
    return (bind(CONCAT, tuple(gs), {"axis": p["axis"] + nb}),)


SPLIT = defprim("split", _split_fwd, _split_vjp, n_out=-1,
                examples=[(((5, 3),), {"sizes": (2, 3), "axis": 0}), (((2, 4),), {"sizes": (1, 1, 2), "axis": 1})])


def split_raw(x: Tensor, sizes: list, axis: int) -> tuple:
    """Split ``x`` along ``axis`` into pieces of the given sizes (multi-output primitive)."""
    return bind(SPLIT, (x,), {"sizes": tuple(int(s) for s in sizes), "axis": axis})


def concat(values: Any, axis: int, name: str | None = None) -> Tensor:
    """Join tensors along an existing axis.

    Example:
        >>> import tapeflow as tf
        >>> tf.concat([tf.zeros([2, 1]), tf.ones([2, 2])], axis=1).shape.as_list()
        [2, 3]
    """
    ts = [tensor_arg(v, "concat") for v in values]
    if not ts:
        raise ValueError("concat: values must be a non-empty list of tensors")
    nd = ts[0]._value.ndim
    if nd == 0:
        raise InvalidArgumentError("concat: cannot concatenate scalars (use tf.stack)", op="concat")
    ax = int(axis)
    if not -nd <= ax < nd:
        raise InvalidArgumentError(f"concat: axis {ax} out of range for rank {nd}", op="concat")
    ax %= nd
    for t in ts[1:]:
        if t._value.dtype != ts[0]._value.dtype or t._value.ndim != nd or any(
            a != b for i, (a, b) in enumerate(zip(t._value.shape, ts[0]._value.shape)) if i != ax
        ):
            raise InvalidArgumentError(
                "concat: all inputs need the same dtype, rank and non-axis dimensions; got "
                + ", ".join(describe(t) for t in ts) + f" along axis {ax}",
                op="concat",
            )
    if len(ts) == 1:
        return ts[0]
    return bind(CONCAT, tuple(ts), {"axis": ax})


def expand_dims(input: Any, axis: int, name: str | None = None) -> Tensor:
    """Insert a length-1 axis at ``axis``."""
    x = tensor_arg(input, "expand_dims")
    nd = x._value.ndim
    ax = int(axis)
    if not -nd - 1 <= ax <= nd:
        raise InvalidArgumentError(f"expand_dims: axis {ax} out of range for a {describe(x)}", op="expand_dims")
    ax = ax % (nd + 1)
    shape = x._value.shape[:ax] + (1,) + x._value.shape[ax:]
    return C.reshape_to(x, shape)


def stack(values: Any, axis: int = 0, name: str | None = None) -> Tensor:
    """Join tensors of the same shape along a new axis.

    Example:
        >>> import tapeflow as tf
        >>> tf.stack([tf.zeros([3]), tf.ones([3])]).shape.as_list()
        [2, 3]
    """
    ts = [tensor_arg(v, "stack") for v in values]
    if not ts:
        raise ValueError("stack: values must be a non-empty list of tensors")
    shape0 = ts[0]._value.shape
    for t in ts[1:]:
        if t._value.shape != shape0 or t._value.dtype != ts[0]._value.dtype:
            raise InvalidArgumentError(
                "stack: all inputs need the same shape and dtype; got " + ", ".join(describe(t) for t in ts),
                op="stack",
            )
    nd = len(shape0) + 1
    ax = int(axis)
    if not -nd <= ax < nd:
        raise InvalidArgumentError(f"stack: axis {ax} out of range for rank {nd}", op="stack")
    ax %= nd
    parts = [expand_dims(t, ax) for t in ts]
    return parts[0] if len(parts) == 1 else bind(CONCAT, tuple(parts), {"axis": ax})


def unstack(value: Any, num: int | None = None, axis: int = 0, name: str | None = None) -> list:
    """Split along ``axis`` into a list of tensors with that axis removed."""
    x = tensor_arg(value, "unstack")
    nd = x._value.ndim
    if nd == 0:
        raise ValueError("unstack: cannot unstack a scalar tensor")
    ax = int(axis) % nd
    n = x._value.shape[ax]
    if num is not None and num != n:
        raise ValueError(f"unstack: num={num} but axis {ax} has length {n}")
    if n == 0:
        return []
    pieces = split_raw(x, [1] * n, ax) if n > 1 else (x,)
    shape = x._value.shape[:ax] + x._value.shape[ax + 1:]
    return [C.reshape_to(p, shape) for p in pieces]


def identity(input: Any, name: str | None = None) -> Tensor:
    """Return a tensor with the same value (recorded: gradient passes through)."""
    return C.identity_raw(tensor_arg(input, "identity"))


def stop_gradient(input: Any, name: str | None = None) -> Tensor:
    """The same value, but gradients do not flow back through it."""
    return C.stop_gradient_raw(tensor_arg(input, "stop_gradient"))


def broadcast_to(input: Any, shape: Any, name: str | None = None) -> Tensor:
    """Broadcast to ``shape`` with NumPy rules."""
    x = tensor_arg(input, "broadcast_to")
    shape = tuple(int(s) for s in np.asarray(shape).reshape(-1))
    try:
        np.broadcast_shapes(x._value.shape, shape)
        if len(shape) < x._value.ndim:
            raise ValueError
    except ValueError:
        raise InvalidArgumentError(
            f"broadcast_to: cannot broadcast a {describe(x)} to shape {list(shape)}", op="broadcast_to"
        ) from None
    return C.broadcast_to(x, shape)


__all__ = ["reshape", "transpose", "concat", "expand_dims", "stack", "unstack", "identity",
           "stop_gradient", "broadcast_to"]
