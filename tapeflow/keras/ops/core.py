"""``keras.ops`` core ops: conversion, casting, control flow, scatter/slice updates, custom gradients.

Example:
    >>> cast([1.7, -1.7], "int32").numpy().tolist()
    [1, -1]
    >>> fori_loop(0, 3, lambda i, v: v + i, 0).numpy().tolist()
    3
"""

from __future__ import annotations

import builtins
from typing import Any, Callable

import numpy as np

import tapeflow as tf

from ...tensor import Tensor, Variable
from ._common import cast as _cast
from ._common import convert, name_of, standardize_dtype, wrap_symbolic


def cast(x: Any, dtype: Any) -> Tensor:
    """``x`` cast to ``dtype`` (floats to integers truncate toward zero).

    Example:
        >>> cast([1, 2], "float16").dtype.name
        'float16'
    """
    return _cast(convert(x), standardize_dtype(dtype))


def saturate_cast(x: Any, dtype: Any) -> Tensor:
    """``x`` cast to ``dtype``, clipped to its range first (no wrap-around). Float values at or above
    an integer dtype's maximum give exactly that maximum (Keras with TensorFlow wraps float32
    values >= 2**31 to the int32 minimum).

    Example:
        >>> saturate_cast([-5, 300], "uint8").numpy().tolist()
        [0, 255]
    """
    dt = standardize_dtype(dtype)
    x = convert(x)
    src = tf.as_dtype(name_of(x))
    dst = tf.as_dtype(dt)
    if src.is_complex and not dst.is_complex:
        x = tf.math.real(x)
        src = x.dtype
    if src.is_bool or dst.is_bool or dst.is_complex:
        return _cast(x, dt)
    smin, smax = float(src.min), float(src.max)
    dmin, dmax = float(dst.min), float(dst.max)
    if smin >= dmin and smax <= dmax:
        return _cast(x, dt)
    npt = src.as_numpy_dtype
    lo, hi = np.array(max(smin, dmin)).astype(npt), np.array(min(smax, dmax)).astype(npt)
    if float(hi) > dmax:  # the limit rounds up in the source dtype: step below it
        hi = np.nextafter(hi, np.array(0, npt))
    if float(lo) < dmin:
        lo = np.nextafter(lo, np.array(0, npt))
    out = _cast(tf.clip_by_value(x, tf.constant(lo), tf.constant(hi)), dt)
    if src.is_floating and dst.is_integer:  # values at or above the integer max saturate to it exactly
        out = tf.where(x >= tf.constant(dmax, src), tf.constant(dst.max, dst), out)
    return out


def convert_to_tensor(x: Any, dtype: Any = None, sparse: Any = None, ragged: Any = None) -> Tensor:
    """``x`` as a tapeflow Tensor (Python floats become float32, ints int32; cast to ``dtype`` when given).

    Example:
        >>> convert_to_tensor([1, 2], dtype="float32").numpy().tolist()
        [1.0, 2.0]
    """
    if getattr(type(x), "_tf_composite", False):
        if sparse is False and hasattr(x, "indices") and hasattr(x, "dense_shape"):
            x = tf.sparse.to_dense(x)
        elif ragged is False and hasattr(x, "to_tensor"):
            x = x.to_tensor()
        elif dtype is None:
            return x
    return convert(x, None if dtype is None else standardize_dtype(dtype))


def convert_to_numpy(x: Any) -> np.ndarray:
    """``x`` as a NumPy array.

    Example:
        >>> convert_to_numpy([1, 2]).tolist()
        [1, 2]
    """
    if getattr(type(x), "_tf_composite", False):
        x = tf.sparse.to_dense(x) if hasattr(x, "dense_shape") else x.to_tensor()
    return np.array(x)


def is_tensor(x: Any) -> bool:
    """True for tapeflow tensors and variables.

    Example:
        >>> is_tensor(convert_to_tensor(1.0)), is_tensor(np.ones(2))
        (True, False)
    """
    return tf.is_tensor(x)


def dtype(x: Any) -> str:
    """``x``'s dtype name.

    Example:
        >>> dtype([1.0])
        'float32'
    """
    if isinstance(x, (Tensor, Variable)) or hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    return name_of(convert(x))


def shape(x: Any) -> tuple:
    """``x``'s shape as a tuple of ints (None for the unknown dims of a functional-API input).

    Example:
        >>> shape(np.zeros((2, 3)))
        (2, 3)
    """
    return tuple(convert(x).shape) if not hasattr(x, "shape") else tuple(x.shape)


def stop_gradient(variable: Any) -> Tensor:
    """``variable``'s value, with no gradient flowing back through it.

    Example:
        >>> stop_gradient([1.0]).numpy().tolist()
        [1.0]
    """
    return tf.stop_gradient(convert(variable))


def cond(pred: Any, true_fn: Callable, false_fn: Callable) -> Any:
    """``true_fn()`` if ``pred`` else ``false_fn()``.

    Example:
        >>> cond(True, lambda: 1, lambda: 2)
        1
    """
    return tf.cond(pred, true_fn, false_fn)


def switch(index: Any, branches: list, *operands: Any) -> Any:
    """``branches[index](*operands)`` (``index`` clipped to the valid range).

    Example:
        >>> switch(5, [lambda x: x + 1, lambda x: x * 10], 2).numpy().tolist()
        20
    """
    i = int(convert(index, "int32"))
    i = builtins.min(builtins.max(i, 0), len(branches) - 1)
    return tf.nest.map_structure(tf.convert_to_tensor, branches[i](*operands))


def while_loop(cond: Callable, body: Callable, loop_vars: Any, maximum_iterations: int | None = None) -> Any:
    """Run ``body`` while ``cond`` holds (``loop_vars`` a tuple/list is unpacked into both).

    Example:
        >>> while_loop(lambda i: i < 10, lambda i: i * 2, 1).numpy().tolist()
        16
    """
    is_seq = isinstance(loop_vars, (tuple, list))
    vs = tuple(loop_vars) if is_seq else (loop_vars,)

    def body_(*args: Any) -> tuple:
        out = body(*args)
        return tuple(out) if is_seq else (out,)

    out = tf.while_loop(cond, body_, vs, maximum_iterations=maximum_iterations)
    return tuple(out) if is_seq else out[0]


def fori_loop(lower: Any, upper: Any, body_fun: Callable, init_val: Any) -> Any:
    """``init_val`` updated by ``body_fun(i, val)`` for i in [lower, upper).

    Example:
        >>> fori_loop(0, 4, lambda i, v: v * 2, 1).numpy().tolist()
        16
    """
    val = init_val
    i = lower
    while bool(i < upper):
        val = body_fun(i, val)
        i = i + 1
    return tf.nest.map_structure(tf.convert_to_tensor, val)


def _flatten(x: Any) -> list:
    return tf.nest.flatten(x)


def scan(f: Callable, init: Any, xs: Any = None, length: int | None = None, reverse: bool = False,
         unroll: Any = 1) -> tuple:
    """``jax.lax.scan``: ``carry, y = f(carry, x)`` over the leading axis of ``xs``; returns the
    final carry and the stacked ``y``.

    Example:
        >>> carry, ys = scan(lambda c, x: (c + x, c * x), 0.0, np.array([1.0, 2.0, 3.0], "float32"))
        >>> float(carry), ys.numpy().tolist()
        (6.0, [0.0, 2.0, 9.0])
    """
    if not callable(f):
        raise TypeError(f"`f` should be a callable. Received: f={f}")
    if not isinstance(unroll, builtins.bool) and (not isinstance(unroll, int) or unroll < 1):
        raise ValueError(f"`unroll` must be an positive integer or boolean. Received: unroll={unroll}")
    if xs is None and length is None:
        raise ValueError("Got no `xs` to scan over and `length` not provided.")
    flat_xs = [] if xs is None else [convert(v) for v in _flatten(xs)]
    n = int(length) if length is not None else flat_xs[0].shape[0]
    carry = tf.nest.map_structure(convert, init)
    ys = []
    steps = range(n - 1, -1, -1) if reverse else range(n)
    for i in steps:
        x = None if xs is None else tf.nest.pack_sequence_as(xs, [v[i] for v in flat_xs])
        carry, y = f(carry, x)
        ys.append((i, y))
    if reverse:
        ys.reverse()
    ys = [y for _, y in ys]
    if not ys or ys[0] is None:
        return carry, None
    stacked = [tf.stack([tf.convert_to_tensor(v) for v in parts]) for parts in zip(*[_flatten(y) for y in ys])]
    return carry, tf.nest.pack_sequence_as(ys[0], stacked)


def associative_scan(f: Callable, elems: Any, reverse: bool = False, axis: int = 0) -> Any:
    """Inclusive scan of an associative ``f`` along ``axis`` (the parallel odd/even recursion, so
    floating results round as Keras's).

    Example:
        >>> associative_scan(lambda a, b: a + b, np.array([1, 2, 3, 4])).numpy().tolist()
        [1, 3, 6, 10]
    """
    if not callable(f):
        raise TypeError(f"`f` should be a callable. Received: f={f}")
    flat = [convert(e) for e in _flatten(elems)]
    if reverse:
        flat = [tf.reverse(e, [axis]) for e in flat]
    num = flat[0].shape[axis]
    if builtins.any(e.shape[axis] != num for e in flat[1:]):
        raise ValueError("Array inputs to associative_scan must have the same first dimension. (saw: "
                         f"{[tuple(e.shape) for e in flat]})")

    def sl(x: Tensor, start: int, stop: Any = None, step: int = 1) -> Tensor:
        idx = [builtins.slice(None)] * x.ndim
        idx[axis] = builtins.slice(start, stop, step)
        return x[tuple(idx)]

    def combine(a: list, b: list) -> list:
        out = f(tf.nest.pack_sequence_as(elems, a), tf.nest.pack_sequence_as(elems, b))
        return _flatten(out)

    def interleave(a: Tensor, b: Tensor) -> Tensor:
        na, nb = a.shape[axis], b.shape[axis]
        ax = axis % a.ndim
        head = sl(a, 0, nb)
        pair = tf.stack([head, b], axis=ax + 1)
        shp = list(head.shape)
        shp[ax] = 2 * nb
        res = tf.reshape(pair, shp)
        if na == nb + 1:
            res = tf.concat([res, sl(a, na - 1, na)], axis=ax)
        return res

    def run(es: list) -> list:
        n = es[0].shape[axis]
        if n < 2:
            return es
        reduced = combine([sl(e, 0, -1, 2) for e in es], [sl(e, 1, None, 2) for e in es])
        if n == 2:
            return [tf.concat([sl(e, 0, 1), r], axis=axis) for e, r in zip(es, reduced)]
        if n == 3:
            rr = combine(reduced, [sl(e, 2, 3) for e in es])
            return [tf.concat([sl(e, 0, 1), r, q], axis=axis) for e, r, q in zip(es, reduced, rr)]
        odd = run(reduced)
        if n % 2 == 0:
            even = combine([sl(o, 0, -1) for o in odd], [sl(e, 2, None, 2) for e in es])
        else:
            even = combine(odd, [sl(e, 2, None, 2) for e in es])
        even = [tf.concat([sl(e, 0, 1), r], axis=axis) for e, r in zip(es, even)]
        return [interleave(a, b) for a, b in zip(even, odd)]

    out = run(flat)
    if reverse:
        out = [tf.reverse(e, [axis]) for e in out]
    return tf.nest.pack_sequence_as(elems, out)


def map(f: Callable, xs: Any) -> Any:  # noqa: A001  (Keras's name)
    """``f`` applied to each slice along the leading axis of ``xs`` (a tensor or a nest), stacked.

    Example:
        >>> map(lambda v: v * 2, np.array([1.0, 2.0], "float32")).numpy().tolist()
        [2.0, 4.0]
    """
    flat = [convert(v) for v in _flatten(xs)]
    n = flat[0].shape[0]
    outs = [f(tf.nest.pack_sequence_as(xs, [v[i] for v in flat])) for i in range(n)]
    if not outs:
        raise ValueError("map: `xs` has no elements along its leading axis")
    parts = [tf.stack([tf.convert_to_tensor(v) for v in group]) for group in zip(*[_flatten(o) for o in outs])]
    return tf.nest.pack_sequence_as(outs[0], parts)


def vectorized_map(function: Callable, elements: Any) -> Any:
    """``function`` mapped over the leading axis of ``elements`` (``tf.vectorized_map``).

    Example:
        >>> vectorized_map(lambda v: v + 1, np.array([1.0, 2.0], "float32")).numpy().tolist()
        [2.0, 3.0]
    """
    return tf.vectorized_map(function, elements)


def slice(inputs: Any, start_indices: Any, shape: Any) -> Tensor:  # noqa: A001  (Keras's name)
    """The block of ``inputs`` starting at ``start_indices`` with size ``shape`` (-1: to the end).

    Example:
        >>> slice(np.arange(6).reshape(2, 3), (0, 1), (2, 2)).numpy().tolist()
        [[1, 2], [4, 5]]
    """
    return tf.slice(convert(inputs), start_indices, shape)


def slice_update(inputs: Any, start_indices: Any, updates: Any) -> Tensor:
    """``inputs`` with the block at ``start_indices`` replaced by ``updates`` (start indices are
    clamped so the block fits, as XLA's dynamic_update_slice).

    Example:
        >>> slice_update(np.zeros((2, 3), "int32"), (1, 1), np.ones((1, 2), "int32")).numpy().tolist()
        [[0, 0, 0], [0, 1, 1]]
    """
    x = convert(inputs)
    u = convert(updates, name_of(x))
    starts = [int(s) for s in np.asarray(convert(start_indices)).reshape(-1)]
    if len(starts) != x.ndim or u.ndim != x.ndim:
        raise ValueError(f"slice_update: start_indices {starts} and updates of shape {tuple(u.shape)} must match the "
                         f"rank of inputs {tuple(x.shape)}")
    starts = [builtins.min(builtins.max(s, 0), n - m) for s, n, m in zip(starts, x.shape, u.shape)]
    if builtins.any(m > n for n, m in zip(x.shape, u.shape)):
        raise ValueError(f"slice_update: updates of shape {tuple(u.shape)} do not fit inputs of shape {tuple(x.shape)}")
    grids = np.meshgrid(*[np.arange(s, s + m) for s, m in zip(starts, u.shape)], indexing="ij")
    idx = np.stack(grids, axis=-1).reshape(-1, x.ndim) if x.ndim else np.zeros((1, 0), np.int64)
    return tf.tensor_scatter_nd_update(x, tf.constant(idx), tf.reshape(u, [-1]))


def scatter(indices: Any, values: Any, shape: Any) -> Tensor:
    """A zero tensor of ``shape`` with ``values`` added at ``indices`` (duplicates accumulate).

    Example:
        >>> scatter([[1], [3]], [5.0, 6.0], (4,)).numpy().tolist()
        [0.0, 5.0, 0.0, 6.0]
    """
    return tf.scatter_nd(convert(indices), convert(values), shape)


def scatter_update(inputs: Any, indices: Any, updates: Any, reduction: str | None = None) -> Tensor:
    """``inputs`` with ``updates`` written at ``indices`` (or combined by ``reduction``: "add",
    "max", "min", "mul").

    Example:
        >>> scatter_update(np.zeros(3, "float32"), [[0], [2]], [1.0, 2.0]).numpy().tolist()
        [1.0, 0.0, 2.0]
    """
    if reduction is not None:
        reduction = reduction.lower()
        if reduction not in ("add", "max", "min", "mul"):
            raise ValueError(f"Invalid reduction: {reduction}. Supported values are: None, 'add', 'max', 'min', "
                             "'mul'.")
    x, idx, u = convert(inputs), convert(indices), convert(updates)
    if reduction is None:
        return tf.tensor_scatter_nd_update(x, idx, u)
    if reduction == "add":
        return tf.tensor_scatter_nd_add(x, idx, u)
    if reduction == "max":
        return tf.tensor_scatter_nd_max(x, idx, u)
    if reduction == "min":
        return tf.tensor_scatter_nd_min(x, idx, u)
    res = x
    for i in range(idx.shape[0]):
        one = idx[i:i + 1]
        res = tf.tensor_scatter_nd_update(res, one, tf.gather_nd(res, one) * u[i])
    return res


def unstack(x: Any, num: int | None = None, axis: int = 0) -> list:
    """The slices of ``x`` along ``axis``, as a list.

    Example:
        >>> [t.numpy().tolist() for t in unstack([[1, 2], [3, 4]])]
        [[1, 2], [3, 4]]
    """
    return tf.unstack(convert(x), num=num, axis=axis)


def custom_gradient(f: Callable) -> Callable:
    """Decorate ``f`` returning ``(output, grad_fn)`` so gradients use ``grad_fn(upstream)``.

    Keras's TensorFlow backend calls ``grad_fn`` with the upstream gradient as a positional argument
    (write it as ``def grad(*args, upstream=None)``, as Keras's docs do).

    Example:
        >>> import tapeflow as tf
        >>> @custom_gradient
        ... def double(x):
        ...     def grad(*args, upstream=None):
        ...         upstream = args[0] if upstream is None else upstream
        ...         return upstream * 10.0
        ...     return x * 2.0, grad
        >>> x = tf.constant(1.0)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = double(x)
        >>> float(tape.gradient(y, x))
        10.0
    """
    return tf.custom_gradient(f)


def _axes_tokens(side: str) -> list:
    import re

    toks = re.findall(r"\w+|\([^)]*\)", side)
    return [t[1:-1].split() if t.startswith("(") else [t] for t in toks]


def rearrange(tensor: Any, pattern: str, **axes_lengths: Any) -> Tensor:
    """einops-style axis rearrangement: ``"b h w c -> b (h w) c"``; a parenthesised group on the left
    splits an axis (its sizes from ``axes_lengths``, one may be inferred), on the right merges axes.

    Example:
        >>> rearrange(np.zeros((2, 6, 3)), "b (h w) c -> b c h w", h=2).shape.as_list()
        [2, 3, 2, 3]
    """
    import re

    x = convert(tensor)
    lhs, rhs = re.split(r"\s*->\s*", pattern)
    left, right = _axes_tokens(lhs), _axes_tokens(rhs)
    if len(left) != x.ndim:
        raise ValueError(f"rearrange: the pattern {pattern!r} names {len(left)} input axes but the tensor has "
                         f"rank {x.ndim} (shape {tuple(x.shape)})")
    sizes = dict(axes_lengths)
    for group, dim in zip(left, x.shape):
        if len(group) == 1:
            sizes[group[0]] = dim
            continue
        unknown = [a for a in group if a not in sizes]
        known = int(np.prod([sizes[a] for a in group if a in sizes], dtype=np.int64))
        if len(unknown) > 1:
            raise ValueError(f"rearrange: cannot infer the sizes of {unknown} in {pattern!r}")
        if unknown:
            sizes[unknown[0]] = dim // known
    flat_left = [a for g in left for a in g]
    flat_right = [a for g in right for a in g]
    if sorted(flat_left) != sorted(flat_right):
        raise ValueError(f"rearrange: both sides of {pattern!r} must name the same axes")
    x = tf.reshape(x, [sizes[a] for a in flat_left])
    x = tf.transpose(x, [flat_left.index(a) for a in flat_right])
    return tf.reshape(x, [int(np.prod([sizes[a] for a in g], dtype=np.int64)) for g in right])


__all__ = [
    "associative_scan", "cast", "cond", "convert_to_numpy", "convert_to_tensor", "custom_gradient", "dtype",
    "fori_loop", "is_tensor", "map", "rearrange", "saturate_cast", "scan", "scatter", "scatter_update", "shape", "slice",
    "slice_update", "stop_gradient", "switch", "unstack", "vectorized_map", "while_loop",
]

wrap_symbolic(globals(), __all__, skip=('cond', 'while_loop', 'fori_loop', 'scan', 'associative_scan', 'map', 'vectorized_map', 'switch', 'custom_gradient', 'convert_to_numpy', 'is_tensor', 'dtype', 'shape'))
