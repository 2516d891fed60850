"""Shape and array ops (reshape, transpose, concat, stack, ...).

Example:
    >>> import tapeflow as tf
    >>> tf.reshape(tf.range(6), [2, 3]).shape.as_list()
    [2, 3]
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import array as A
from ..primitives import bind
from ..primitives import core as C
from ..primitives.array import CONCAT, SPLIT, split_raw  # noqa: F401  (SPLIT, split_raw: importable here as before)
from ..tensor import Tensor, Variable
from ._args import _scalar_for, axis_arg, check_alloc, describe, int_arg, int_list, norm_axis, ragged_op, tensor_arg

_pyslice = builtins.slice  # the public `slice` op below shadows the builtin in this module
_ALL = _pyslice(None)


def reshape(tensor: Any, shape: Any, name: str | None = None) -> Tensor:
    """Reshape; one dimension may be -1.

    Example:
        >>> import tapeflow as tf
        >>> tf.reshape(tf.zeros([4]), [-1, 2]).shape.as_list()
        [2, 2]
    """
    x = tensor_arg(tensor, "reshape")
    shape = tuple(int_list(shape, "reshape"))
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
    perm = tuple(int_list(perm, "transpose", "perm"))
    if sorted(p % nd if nd else p for p in perm) != list(range(nd)):
        raise InvalidArgumentError(f"transpose: perm {list(perm)} is not a permutation of the axes of a {describe(x)}", op="transpose")
    perm = tuple(p % nd for p in perm)
    if perm == tuple(range(nd)):
        return x
    return C.transpose_raw(x, perm)


def concat(values: Any, axis: int, name: str | None = None) -> Tensor:
    """Join tensors along an existing axis.

    Example:
        >>> import tapeflow as tf
        >>> tf.concat([tf.zeros([2, 1]), tf.ones([2, 2])], axis=1).shape.as_list()
        [2, 3]
    """
    if isinstance(values, (list, tuple)) and any(getattr(type(v), "_is_ragged", False) for v in values):
        return ragged_op("concat")(values, axis)
    ts = [tensor_arg(v, "concat") for v in values]
    if not ts:
        raise ValueError("concat: values must be a non-empty list of tensors")
    nd = ts[0]._value.ndim
    if nd == 0:
        raise InvalidArgumentError("concat: cannot concatenate scalars (use tf.stack)", op="concat")
    ax = axis_arg(axis, nd, "concat")
    for t in ts[1:]:
        if t._value.dtype != ts[0]._value.dtype or t._value.ndim != nd or any(
            a != b for i, (a, b) in enumerate(zip(t._value.shape, ts[0]._value.shape)) if i != ax
        ):
            raise InvalidArgumentError(
                "concat: all inputs need the same dtype, rank and non-axis dimensions; got "
                + ", ".join(describe(t) for t in ts) + f" along axis {ax}",
                op="concat",
            )
    return A.concat_raw(ts, ax)


def expand_dims(input: Any, axis: int, name: str | None = None) -> Tensor:
    """Insert a length-1 axis at ``axis``."""
    x = tensor_arg(input, "expand_dims")
    nd = x._value.ndim
    ax = axis if type(axis) is int else int_arg(axis, "expand_dims")
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
    if isinstance(values, (list, tuple)) and any(getattr(type(v), "_is_ragged", False) for v in values):
        return ragged_op("stack")(values, axis)
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
    return A.stack_raw(ts, axis_arg(axis, len(shape0) + 1, "stack"))


def unstack(value: Any, num: int | None = None, axis: int = 0, name: str | None = None) -> list:
    """Split along ``axis`` into a list of tensors with that axis removed."""
    x = tensor_arg(value, "unstack")
    nd = x._value.ndim
    if nd == 0:
        raise ValueError("unstack: cannot unstack a scalar tensor")
    ax = axis_arg(axis, nd, "unstack")
    n = x._value.shape[ax]
    if num is not None and num != n:
        raise ValueError(f"unstack: num={num} but axis {ax} has length {n}")
    return A.unstack_raw(x, ax)


def identity(input: Any, name: str | None = None) -> Tensor:
    """Return a tensor with the same value (recorded: gradient passes through)."""
    return C.identity_raw(tensor_arg(input, "identity"))


def stop_gradient(input: Any, name: str | None = None) -> Tensor:
    """The same value, but gradients do not flow back through it."""
    return C.stop_gradient_raw(tensor_arg(input, "stop_gradient"))


def broadcast_to(input: Any, shape: Any, name: str | None = None) -> Tensor:
    """Broadcast to ``shape`` with NumPy rules."""
    x = tensor_arg(input, "broadcast_to")
    shape = tuple(int_list(shape, "broadcast_to"))
    try:
        np.broadcast_shapes(x._value.shape, shape)
        if len(shape) < x._value.ndim:
            raise ValueError
    except ValueError:
        raise InvalidArgumentError(
            f"broadcast_to: cannot broadcast a {describe(x)} to shape {list(shape)}", op="broadcast_to"
        ) from None
    check_alloc(shape, x._value.dtype, "broadcast_to")
    return C.broadcast_to(x, shape)




# --- indexing -------------------------------------------------------------------------------------

_INDEX_HELP = (
    "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 "
    "tensors are valid indices"
)


def _as_index(v: Any, op: str) -> int:
    """A Python int from an int, NumPy integer or integer scalar Tensor/Variable."""
    if type(v) is int:
        return v
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (Tensor, Variable)):
        val = v._value if isinstance(v, Tensor) else v._t._value
        if val.ndim == 0 and val.dtype.kind in "iu":
            return int(val)
    what = describe(v) if isinstance(v, Tensor) else repr(v)
    raise TypeError(f"{op}: {_INDEX_HELP}, got {what}")


def _norm_slice(s: slice, op: str) -> slice:
    start, stop, step = s.start, s.stop, s.step
    if step is not None:
        step = _as_index(step, op)
        if step == 0:
            raise InvalidArgumentError(f"{op}: slice step must be non-zero, got {s!r}", op=op)
    if type(start) is not int and start is not None:
        start = _as_index(start, op)
    if type(stop) is not int and stop is not None:
        stop = _as_index(stop, op)
    return _pyslice(start, stop, step)


def _oob(x: Tensor, k: int, d: int) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"strided_slice: index {k} is out of bounds for dimension {d} of size {x._value.shape[d]} "
        f"(indexing a {describe(x)})",
        op="strided_slice",
    )


def _norm_key(x: Tensor, key: tuple) -> tuple:
    """Normalise a basic-indexing key: Ellipsis expanded, ints in range and non-negative."""
    shape = x._value.shape
    nd = len(shape)
    items: list = []
    consumed = 0
    ell = -1
    for k in key:
        if k is None:
            items.append(None)
        elif k is Ellipsis:
            if ell >= 0:
                raise ValueError(f"strided_slice: an index can only have a single ellipsis ('...'), got {key!r}")
            ell = len(items)
            items.append(k)
        elif type(k) is _pyslice:
            items.append(_norm_slice(k, "strided_slice"))
            consumed += 1
        else:
            items.append(_as_index(k, "strided_slice"))
            consumed += 1
    if consumed > nd:
        raise InvalidArgumentError(
            f"strided_slice: too many indices ({consumed}) for a {describe(x)} of rank {nd}",
            op="strided_slice",
        )
    if ell >= 0:
        items[ell:ell + 1] = [_ALL] * (nd - consumed)
    d = 0
    for i, k in enumerate(items):
        if k is None:
            continue
        if type(k) is int:
            size = shape[d]
            if not -size <= k < size:
                raise _oob(x, k, d)
            if k < 0:
                items[i] = k + size
        d += 1
    items.append(Ellipsis)
    return tuple(items)


def _is_mask_key(key: Any) -> bool:
    if isinstance(key, builtins.bool):
        return True
    if isinstance(key, Tensor):
        return key._value.dtype.kind == "b"
    if isinstance(key, Variable):
        return key._t._value.dtype.kind == "b"
    return isinstance(key, np.ndarray) and key.dtype.kind == "b"


def getitem(tensor: Any, key: Any) -> Tensor:
    """``tensor[key]`` with TF's rules (used by ``Tensor.__getitem__``).

    Ints (negative count from the end), slices with any step, ``None``/``tf.newaxis``, ``...``
    and integer scalar tensors; a boolean tensor key is ``tf.boolean_mask``. An int out of range
    raises ``tf.errors.InvalidArgumentError``.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(6), [2, 3])
        >>> x[-1, ::-1].numpy().tolist()
        [5, 4, 3]
    """
    x = tensor if type(tensor) is Tensor else tensor_arg(tensor, "strided_slice")
    tk = type(key)
    if tk is int:  # fast path: x[i]
        shape = x._value.shape
        if not shape:
            raise InvalidArgumentError(
                f"strided_slice: cannot index a scalar ({describe(x)}) with {key}", op="strided_slice"
            )
        d = shape[0]
        if not -d <= key < d:
            raise _oob(x, key, 0)
        return A.strided_slice(x, (key + d if key < 0 else key, Ellipsis))
    if tk is _pyslice and (key.start is None or type(key.start) is int) and (
        key.stop is None or type(key.stop) is int
    ) and (key.step is None or (type(key.step) is int and key.step != 0)):  # fast path: x[a:b:c]
        if not x._value.shape:
            raise InvalidArgumentError(
                f"strided_slice: cannot slice a scalar ({describe(x)})", op="strided_slice"
            )
        return A.strided_slice(x, (key, Ellipsis))
    if tk is not tuple:
        if _is_mask_key(key):
            return boolean_mask(x, key)
        key = (key,)
    return A.strided_slice(x, _norm_key(x, key))


def strided_slice(
    input_: Any,
    begin: Any,
    end: Any,
    strides: Any = None,
    begin_mask: int = 0,
    end_mask: int = 0,
    ellipsis_mask: int = 0,
    new_axis_mask: int = 0,
    shrink_axis_mask: int = 0,
    var: Any = None,
    name: str | None = None,
) -> Tensor:
    """TF's ``tf.strided_slice``: the slice spec given as begin/end/strides vectors and bit masks.

    Example:
        >>> import tapeflow as tf
        >>> tf.strided_slice(tf.range(10), [1], [8], [3]).numpy().tolist()
        [1, 4, 7]
    """
    x = tensor_arg(input_, "strided_slice")
    b = [int(v) for v in np.asarray(begin).reshape(-1)]
    e = [int(v) for v in np.asarray(end).reshape(-1)]
    s = [1] * len(b) if strides is None else [int(v) for v in np.asarray(strides).reshape(-1)]
    if not len(b) == len(e) == len(s):
        raise InvalidArgumentError(
            f"strided_slice: begin, end and strides must have the same length, got {len(b)}, {len(e)}, {len(s)}",
            op="strided_slice",
        )
    key = []
    for i in range(len(b)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(b[i])
        else:
            key.append(_pyslice(None if begin_mask & bit else b[i], None if end_mask & bit else e[i], s[i]))
    return getitem(x, tuple(key))


def slice(input_: Any, begin: Any, size: Any, name: str | None = None) -> Tensor:  # noqa: A001
    """Extract ``input_[begin[i] : begin[i] + size[i]]`` on every axis (``size[i] == -1``: to the end).

    Example:
        >>> import tapeflow as tf
        >>> tf.slice(tf.reshape(tf.range(12), [3, 4]), [1, 1], [2, -1]).numpy().tolist()
        [[5, 6, 7], [9, 10, 11]]
    """
    x = tensor_arg(input_, "slice")
    shape = x._value.shape
    b = int_list(begin, "slice", "begin")
    n = int_list(size, "slice", "size")
    if len(b) != len(shape) or len(n) != len(shape):
        raise InvalidArgumentError(
            f"slice: begin ({b}) and size ({n}) must both have length {len(shape)} for a {describe(x)}",
            op="slice",
        )
    key = []
    for d, (bi, ni, si) in enumerate(zip(b, n, shape)):
        if ni == -1:
            ni = si - bi
        if bi < 0 or ni < 0 or bi + ni > si:
            raise InvalidArgumentError(
                f"slice: expected begin[{d}] ({b[d]}) and size[{d}] ({n[d]}) to satisfy 0 <= begin <= "
                f"begin + size <= {si} for a {describe(x)}",
                op="slice",
            )
        key.append(_pyslice(bi, bi + ni))
    key.append(Ellipsis)
    return A.strided_slice(x, tuple(key))


# --- shape ops ----------------------------------------------------------------------------------


def squeeze(input: Any, axis: Any = None, name: str | None = None, squeeze_dims: Any = None) -> Tensor:
    """Remove axes of length 1 (all of them, or those in ``axis``, which must have length 1).

    Example:
        >>> import tapeflow as tf
        >>> tf.squeeze(tf.zeros([1, 3, 1]), axis=[0]).shape.as_list()
        [3, 1]
    """
    x = tensor_arg(input, "squeeze")
    if axis is None:
        axis = squeeze_dims
    shape = x._value.shape
    if isinstance(axis, (list, tuple)) and not axis:
        axis = None  # TF: an empty list squeezes every length-1 axis
    if axis is None:
        new = tuple(s for s in shape if s != 1)
    else:
        ax = norm_axis(axis, len(shape), "squeeze")
        for a in ax:
            if shape[a] != 1:
                raise InvalidArgumentError(
                    f"squeeze: can not squeeze dim[{a}], expected a dimension of 1, got {shape[a]} "
                    f"(input is a {describe(x)})",
                    op="squeeze",
                )
        new = tuple(s for i, s in enumerate(shape) if i not in ax)
    return C.reshape_to(x, new)


def _int_list(v: Any, op: str, what: str) -> list:
    return int_list(v, op, what)


def tile(input: Any, multiples: Any, name: str | None = None) -> Tensor:
    """Repeat the whole tensor ``multiples[i]`` times along axis ``i``.

    Example:
        >>> import tapeflow as tf
        >>> tf.tile(tf.constant([[1, 2]]), [2, 2]).numpy().tolist()
        [[1, 2, 1, 2], [1, 2, 1, 2]]
    """
    x = tensor_arg(input, "tile")
    shape = x._value.shape
    m = _int_list(multiples, "tile", "multiples")
    if len(m) != len(shape) or any(k < 0 for k in m):
        raise InvalidArgumentError(
            f"tile: multiples {m} must have one non-negative entry per axis of the {describe(x)}", op="tile"
        )
    if all(k == 1 for k in m):
        return x
    check_alloc([k * s for k, s in zip(m, shape)], x._value.dtype, "tile")
    # (s0, s1) -> (1, s0, 1, s1) -> broadcast (m0, s0, m1, s1) -> (m0*s0, m1*s1): all primitives
    split_shape, big, final = [], [], []
    for k, s in zip(m, shape):
        if k != 1:
            split_shape.append(1)
            big.append(k)
        split_shape.append(s)
        big.append(s)
        final.append(k * s)
    y = C.broadcast_to(C.reshape_to(x, tuple(split_shape)), tuple(big))
    return C.reshape_to(y, tuple(final))


def reverse(tensor: Any, axis: Any, name: str | None = None) -> Tensor:
    """Reverse the order of elements along each axis in ``axis`` (a list).

    Example:
        >>> import tapeflow as tf
        >>> tf.reverse(tf.constant([[1, 2], [3, 4]]), [1]).numpy().tolist()
        [[2, 1], [4, 3]]
    """
    x = tensor_arg(tensor, "reverse")
    nd = x._value.ndim
    ax = norm_axis(_int_list(axis, "reverse", "axis"), nd, "reverse")
    if len(set(ax)) != len(ax):
        raise InvalidArgumentError(f"reverse: axis {list(ax)} has duplicates (tensor is a {describe(x)})", op="reverse")
    if not ax:
        return x
    key = tuple(_pyslice(None, None, -1) if i in ax else _ALL for i in range(max(ax) + 1)) + (Ellipsis,)
    return A.strided_slice(x, key)


def _axis_key(ax: int, s: slice) -> tuple:
    return (_ALL,) * ax + (s, Ellipsis)


def pad(tensor: Any, paddings: Any, mode: str = "CONSTANT", constant_values: Any = 0, name: str | None = None) -> Tensor:
    """Pad with ``paddings[i] = [before, after]`` on axis ``i``; mode CONSTANT, REFLECT or SYMMETRIC.

    Example:
        >>> import tapeflow as tf
        >>> tf.pad(tf.constant([1, 2, 3]), [[1, 2]], "REFLECT").numpy().tolist()
        [2, 1, 2, 3, 2, 1]
    """
    x = tensor_arg(tensor, "pad")
    shape = x._value.shape
    nd = len(shape)
    pv = np.asarray(paddings._value if isinstance(paddings, Tensor) else paddings)
    if pv.dtype.kind not in "iu" or pv.shape != (nd, 2):
        raise InvalidArgumentError(
            f"pad: paddings must be an integer array of shape [{nd}, 2] for a {describe(x)}, got "
            f"{pv.dtype} values of shape {list(pv.shape)}",
            op="pad",
        )
    pads = [(int(a), int(b)) for a, b in pv]
    if any(a < 0 or b < 0 for a, b in pads):
        raise InvalidArgumentError(f"pad: paddings must be non-negative, got {pads}", op="pad")
    mode = str(mode).upper()
    if mode == "CONSTANT":
        cv = constant_values
        if isinstance(cv, (Tensor, Variable)):
            cv = tensor_arg(cv, "pad")
            if cv._value.dtype != x._value.dtype or cv._value.size != 1:
                raise InvalidArgumentError(
                    f"pad: constant_values must be a scalar of the input's dtype; got a {describe(cv)} "
                    f"for a {describe(x)}",
                    op="pad",
                )
            fill = cv._value.reshape(())[()]
        else:
            fill = _scalar_for(cv, x, "pad")._value[()]
        if not any(a or b for a, b in pads):
            return x
        key = tuple(_pyslice(a, a + s) for (a, _), s in zip(pads, shape)) + (Ellipsis,)
        new = tuple(a + s + b for (a, b), s in zip(pads, shape))
        return A.strided_slice_grad(x, key, new, fill)
    if mode not in ("REFLECT", "SYMMETRIC"):
        raise ValueError(f"pad: mode must be one of CONSTANT, REFLECT or SYMMETRIC, got {mode!r}")
    off = 1 if mode == "REFLECT" else 0
    for d, ((a, b), s) in enumerate(zip(pads, shape)):
        if a > s - off or b > s - off:
            rel = "less than" if off else "no greater than"
            raise InvalidArgumentError(
                f"pad: in {mode} mode paddings must be {rel} the dimension size; axis {d} has size {s} "
                f"and paddings {[a, b]} (input is a {describe(x)})",
                op="pad",
            )
    y = x
    for d, ((a, b), s) in enumerate(zip(pads, shape)):
        if not (a or b):
            continue
        parts = []
        if a:  # REFLECT: x[a], ..., x[1]; SYMMETRIC: x[a-1], ..., x[0]
            stop = 0 if off else None
            parts.append(A.strided_slice(y, _axis_key(d, _pyslice(a - 1 + off, stop, -1))))
        parts.append(y)
        if b:  # REFLECT: x[s-2], ..., x[s-1-b]; SYMMETRIC: x[s-1], ..., x[s-b]
            start = s - 1 - off
            stop = start - b
            parts.append(A.strided_slice(y, _axis_key(d, _pyslice(start, stop if stop >= 0 else None, -1))))
        y = bind(CONCAT, tuple(parts), {"axis": d})
    return y


def roll(input: Any, shift: Any, axis: Any, name: str | None = None) -> Tensor:
    """Shift elements cyclically by ``shift`` along ``axis`` (ints or equal-length lists).

    Example:
        >>> import tapeflow as tf
        >>> tf.roll(tf.constant([0, 1, 2, 3, 4]), shift=2, axis=0).numpy().tolist()
        [3, 4, 0, 1, 2]
    """
    x = tensor_arg(input, "roll")
    shape = x._value.shape
    shifts = _int_list(shift, "roll", "shift")
    axes = norm_axis(_int_list(axis, "roll", "axis"), len(shape), "roll")
    if len(shifts) != len(axes):
        raise InvalidArgumentError(f"roll: shift {shifts} and axis {list(axes)} must have the same length", op="roll")
    total: dict = {}
    for s, a in zip(shifts, axes):
        total[a] = total.get(a, 0) + s
    y = x
    for a, s in total.items():
        n = shape[a]
        s = s % n if n else 0
        if s:
            parts = (A.strided_slice(y, _axis_key(a, _pyslice(n - s, None))), A.strided_slice(y, _axis_key(a, _pyslice(0, n - s))))
            y = bind(CONCAT, parts, {"axis": a})
    return y


def split(value: Any, num_or_size_splits: Any, axis: Any = 0, num: int | None = None, name: str | None = None) -> list:
    """Split along ``axis`` into ``n`` equal pieces (an int) or pieces of the given sizes (one may be -1).

    Example:
        >>> import tapeflow as tf
        >>> [t.shape.as_list() for t in tf.split(tf.zeros([5, 2]), [1, -1])]
        [[1, 2], [4, 2]]
    """
    x = tensor_arg(value, "split")
    shape = x._value.shape
    ax = axis_arg(axis, len(shape), "split")
    dim = shape[ax]
    if isinstance(num_or_size_splits, (int, np.integer)) or (
        isinstance(num_or_size_splits, (Tensor, Variable)) and np.ndim(num_or_size_splits) == 0
    ):
        k = int_arg(num_or_size_splits, "split", "num_or_size_splits")
        if k <= 0 or dim % k:
            raise InvalidArgumentError(
                f"split: number of ways to split should evenly divide the split dimension, but got "
                f"split_dim {ax} (size = {dim}) and num_split {k} (input is a {describe(x)})",
                op="split",
            )
        sizes = [dim // k] * k
    else:
        sizes = _int_list(num_or_size_splits, "split", "size_splits")
        if sizes.count(-1) > 1 or any(s < -1 for s in sizes):
            raise InvalidArgumentError(f"split: invalid size_splits {sizes}: at most one -1, others >= 0", op="split")
        if -1 in sizes:
            rest = dim - sum(s for s in sizes if s != -1)
            if rest < 0:
                raise InvalidArgumentError(
                    f"split: size_splits {sizes} exceed the size {dim} of axis {ax} of a {describe(x)}", op="split"
                )
            sizes[sizes.index(-1)] = rest
        if sum(sizes) != dim:
            raise InvalidArgumentError(
                f"split: size_splits {sizes} must sum to the size {dim} of axis {ax} of a {describe(x)}", op="split"
            )
    if num is not None and num != len(sizes):
        raise ValueError(f"split: num={num} but the split makes {len(sizes)} pieces")
    if len(sizes) == 1:
        return [x]
    return list(split_raw(x, sizes, ax))


# --- gather family --------------------------------------------------------------------------------


def _index_array(indices: Any, op: str) -> np.ndarray:
    """Integer indices as a NumPy intp array (TF allows int32/int64 only)."""
    if isinstance(indices, Tensor):
        arr = indices._value
    elif isinstance(indices, Variable):
        arr = indices._t._value
    else:
        arr = np.asarray(indices)
        if arr.dtype.kind == "f" and arr.size == 0:
            arr = arr.astype(np.intp)
    if arr.dtype.kind not in "iu":
        raise TypeError(
            f"{op}: indices must be int32 or int64, got {_dt.from_numpy(arr.dtype).name if arr.dtype.kind != 'O' else 'object'} "
            f"indices of shape {tuple(np.shape(arr))}"
        )
    return np.asarray(arr, np.intp)


def _check_range(idx: np.ndarray, n: int, op: str, x: Tensor, axis: int) -> None:
    if idx.size and idx.view(np.uintp).max() >= n:  # negatives wrap to huge values: one pass
        bad = np.argwhere((idx < 0) | (idx >= n))[0]
        pos = ", ".join(str(int(i)) for i in bad)
        raise InvalidArgumentError(
            f"{op}: indices[{pos}] = {int(idx[tuple(bad)])} is not in [0, {n}) (axis {axis} of a {describe(x)}, "
            f"indices of shape {tuple(idx.shape)})",
            op=op,
        )


def gather(
    params: Any,
    indices: Any,
    validate_indices: Any = None,
    axis: Any = None,
    batch_dims: int = 0,
    name: str | None = None,
) -> Tensor:
    """Take slices of ``params`` along ``axis`` at ``indices``; the first ``batch_dims`` axes are batch.

    Result shape: ``params.shape[:axis] + indices.shape[batch_dims:] + params.shape[axis + 1:]``.
    Indices outside ``[0, params.shape[axis])`` raise InvalidArgumentError. The gradient
    scatters back with a segment sum, so repeated indices accumulate.

    Example:
        >>> import tapeflow as tf
        >>> tf.gather(tf.constant([[1, 2], [3, 4], [5, 6]]), [2, 0]).numpy().tolist()
        [[5, 6], [1, 2]]
    """
    x = tensor_arg(params, "gather")
    idx = _index_array(indices, "gather")
    shape = x._value.shape
    nd = len(shape)
    k = batch_dims if type(batch_dims) is int else int_arg(batch_dims, "gather", "batch_dims")
    if k < 0:
        k += idx.ndim
    if axis is None:
        ax = k
    else:
        ax = axis if type(axis) is int else int_arg(axis, "gather")
        if not -nd <= ax < nd:
            raise InvalidArgumentError(f"gather: axis {ax} is out of range for a {describe(x)}", op="gather")
        ax %= nd
    if not 0 <= k <= idx.ndim or k > ax or (nd == 0):
        raise InvalidArgumentError(
            f"gather: need 0 <= batch_dims ({batch_dims}) <= min(axis ({ax}), rank(indices) ({idx.ndim})) "
            f"and rank(params) >= 1; params is a {describe(x)}",
            op="gather",
        )
    if shape[:k] != idx.shape[:k]:
        raise InvalidArgumentError(
            f"gather: batch dimensions differ: params is a {describe(x)}, indices have shape "
            f"{tuple(idx.shape)}, batch_dims={k}",
            op="gather",
        )
    n = shape[ax]
    _check_range(idx, n, "gather", x, ax)
    if k == 0:
        return A.gather(x, idx, ax)
    # batch_dims > 0: bring `axis` next to the batch axes, fold the batch into it, gather, unfold.
    if ax != k:
        x = C.transpose_raw(x, tuple(range(k)) + (ax,) + tuple(range(k, ax)) + tuple(range(ax + 1, nd)))
    bshape = shape[:k]
    nbatch = int(np.prod(bshape, dtype=np.int64))
    rest = x._value.shape[k + 1:]
    flat = C.reshape_to(x, (nbatch * n,) + rest)
    offs = (np.arange(nbatch, dtype=np.intp) * n).reshape(bshape + (1,) * (idx.ndim - k))
    y = A.gather(flat, idx + offs, 0)  # bshape + idx.shape[k:] + shape[k:ax] + shape[ax+1:]
    if ax != k:
        r = idx.ndim - k
        mid = ax - k
        perm = tuple(range(k)) + tuple(range(k + r, k + r + mid)) + tuple(range(k, k + r)) + tuple(
            range(k + r + mid, y._value.ndim)
        )
        y = C.transpose_raw(y, perm)
    return y


def gather_nd(params: Any, indices: Any, batch_dims: int = 0, name: str | None = None) -> Tensor:
    """Gather slices addressed by the last axis of ``indices`` (a multi-index into ``params``).

    Result shape: ``indices.shape[:-1] + params.shape[batch_dims + indices.shape[-1]:]``.

    Example:
        >>> import tapeflow as tf
        >>> tf.gather_nd(tf.constant([[1, 2], [3, 4]]), [[1, 0], [0, 1]]).numpy().tolist()
        [3, 2]
    """
    x = tensor_arg(params, "gather_nd")
    idx = _index_array(indices, "gather_nd")
    shape = x._value.shape
    k = batch_dims if type(batch_dims) is int else int_arg(batch_dims, "gather_nd", "batch_dims")
    if idx.ndim < 1 or k < 0 or k >= idx.ndim or k > len(shape):
        raise InvalidArgumentError(
            f"gather_nd: indices must have rank >= 1 and 0 <= batch_dims ({k}) < rank(indices); indices "
            f"have shape {tuple(idx.shape)}, params is a {describe(x)}",
            op="gather_nd",
        )
    q = idx.shape[-1]
    if shape[:k] != idx.shape[:k] or k + q > len(shape):
        raise InvalidArgumentError(
            f"gather_nd: indices of shape {tuple(idx.shape)} (batch_dims={k}) do not index into a {describe(x)}",
            op="gather_nd",
        )
    inner = shape[k:k + q]
    if idx.size:
        bad = (idx < 0) | (idx >= np.asarray(inner, np.intp))
        if bad.any():
            where = tuple(int(i) for i in np.argwhere(bad.any(-1))[0])
            raise InvalidArgumentError(
                f"gather_nd: indices{list(where)} = {idx[where].tolist()} does not index into param shape "
                f"{list(shape)} (batch_dims={k}, dtype {x.dtype.name})",
                op="gather_nd",
            )
    strides = np.ones(q, np.intp)
    for j in range(q - 2, -1, -1):
        strides[j] = strides[j + 1] * inner[j + 1]
    lin = idx @ strides if q else np.zeros(idx.shape[:-1], np.intp)
    block = int(np.prod(inner, dtype=np.int64))
    bshape = shape[:k]
    nb = int(np.prod(bshape, dtype=np.int64))
    if k:
        lin = lin + (np.arange(nb, dtype=np.intp) * block).reshape(bshape + (1,) * (idx.ndim - 1 - k))
    flat = C.reshape_to(x, (nb * block,) + shape[k + q:])
    return A.gather(flat, lin, 0)


def _mask_array(mask: Any) -> np.ndarray:
    if isinstance(mask, Tensor):
        m = mask._value
    elif isinstance(mask, Variable):
        m = mask._t._value
    else:
        m = np.asarray(mask)
    if m.dtype.kind != "b":
        raise TypeError(f"boolean_mask: mask must be a bool tensor, got {m.dtype} values of shape {tuple(m.shape)}")
    return m


def boolean_mask(tensor: Any, mask: Any, axis: Any = None, name: str | None = None) -> Tensor:
    """Keep the entries where ``mask`` is True; ``mask`` covers axes ``axis .. axis + mask.ndim - 1``.

    Example:
        >>> import tapeflow as tf
        >>> tf.boolean_mask(tf.constant([1, 2, 3]), [True, False, True]).numpy().tolist()
        [1, 3]
    """
    x = tensor_arg(tensor, "boolean_mask")
    m = _mask_array(mask)
    shape = x._value.shape
    k = m.ndim
    if k == 0:
        raise ValueError("boolean_mask: mask cannot be a scalar.")
    ax = 0 if axis is None else _as_index(axis, "boolean_mask")
    if ax < 0:
        ax += len(shape)
    if ax < 0 or ax + k > len(shape) or shape[ax:ax + k] != m.shape:
        raise InvalidArgumentError(
            f"boolean_mask: mask of shape {tuple(m.shape)} does not match axes {ax}..{ax + k - 1} of a {describe(x)}",
            op="boolean_mask",
        )
    flat = C.reshape_to(x, shape[:ax] + (m.size,) + shape[ax + k:])
    return A.gather(flat, np.flatnonzero(m), ax)


def repeat(input: Any, repeats: Any, axis: Any = None, name: str | None = None) -> Tensor:
    """Repeat each element ``repeats`` times along ``axis`` (the flattened input when None).

    Example:
        >>> import tapeflow as tf
        >>> tf.repeat(tf.constant([1, 2]), [2, 3], axis=0).numpy().tolist()
        [1, 1, 2, 2, 2]
    """
    x = tensor_arg(input, "repeat")
    if axis is None:
        x = C.reshape_to(x, (x._value.size,))
        ax = 0
    else:
        ax = axis_arg(axis, x._value.ndim, "repeat")
    n = x._value.shape[ax]
    r = np.asarray(_int_list(repeats, "repeat", "repeats"), np.intp)
    if r.size not in (1, n) or (r < 0).any():
        raise InvalidArgumentError(
            f"repeat: repeats {r.tolist()} must be non-negative with 1 or {n} entries (axis {ax} of a {describe(x)})",
            op="repeat",
        )
    return A.gather(x, np.repeat(np.arange(n, dtype=np.intp), r if r.size == n else int(r[0])), ax)


def one_hot(
    indices: Any,
    depth: Any,
    on_value: Any = None,
    off_value: Any = None,
    axis: Any = None,
    dtype: Any = None,
    name: str | None = None,
) -> Tensor:
    """One-hot encoding: a new axis of length ``depth`` (last by default); out-of-range rows are off.

    Not differentiable with respect to ``indices``.

    Example:
        >>> import tapeflow as tf
        >>> tf.one_hot([0, 2], 3).numpy().tolist()
        [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    """
    t = tensor_arg(indices, "one_hot")
    if t._value.dtype.kind not in "iu":
        raise TypeError(f"one_hot: indices must be integers (uint8, int32, int64), got a {describe(t)}")
    depth = depth if type(depth) is int else int_arg(depth, "one_hot", "depth")
    if depth < 0:
        raise InvalidArgumentError(f"one_hot: depth must be non-negative, got {depth}", op="one_hot")
    if dtype is not None:
        dt = _dt.np_dtype(dtype)
    else:
        given = on_value if on_value is not None else off_value
        dt = tensor_arg(given, "one_hot")._value.dtype if given is not None else np.dtype(np.float32)
    vals = []
    for v, default in ((on_value, 1), (off_value, 0)):
        v = default if v is None else v
        if isinstance(v, (Tensor, Variable)):
            vt = tensor_arg(v, "one_hot")
            if vt._value.dtype != dt or vt._value.size != 1:
                raise TypeError(f"one_hot: on_value/off_value must be scalars of dtype {np.dtype(dt).name}, got a {describe(vt)}")
            vals.append(vt._value.reshape(()))
        else:
            vals.append(np.asarray(v, dt))
    nd = t._value.ndim
    ax = -1 if axis is None else axis if type(axis) is int else int_arg(axis, "one_hot")
    if not -1 <= ax <= nd:
        raise InvalidArgumentError(f"one_hot: axis {ax} must be in [-1, {nd}] for indices of shape {tuple(t._value.shape)}", op="one_hot")
    check_alloc(t._value.shape + (depth,), dt, "one_hot")
    return A.one_hot_raw(t, depth, vals[0], vals[1], ax)


__all__ = ["reshape", "transpose", "concat", "expand_dims", "stack", "unstack", "identity",
           "stop_gradient", "broadcast_to", "strided_slice", "slice", "squeeze", "tile",
           "reverse", "pad", "roll", "split", "gather", "gather_nd", "boolean_mask", "repeat", "one_hot"]
