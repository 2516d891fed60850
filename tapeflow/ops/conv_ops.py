"""Convolution and pooling (``tf.nn.conv2d``, ``conv2d_transpose``, ``max_pool2d``, ``avg_pool2d``).

Data are NHWC (``data_format="NCHW"`` is accepted and handled by transposing), filters HWIO.
TF's SAME padding puts the odd extra pad at the bottom/right; ``avg_pool`` with SAME padding
divides by the number of real (unpadded) elements of each window.

Example:
    >>> import tapeflow as tf
    >>> x = tf.ones([1, 4, 4, 1])
    >>> tf.nn.conv2d(x, tf.ones([3, 3, 1, 2]), strides=1, padding="SAME").shape.as_list()
    [1, 4, 4, 2]
    >>> tf.nn.max_pool2d(x, ksize=2, strides=2, padding="VALID").shape.as_list()
    [1, 2, 2, 1]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..primitives import bind1, bind2
from ..primitives import conv as K
from ..primitives import core as C
from ..tensor import Tensor, Variable
from ._args import describe, tensor_arg

_TO_NHWC = (0, 2, 3, 1)
_TO_NCHW = (0, 3, 1, 2)


def _err(op: str, msg: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"{op}: {msg}", op=op)


def _as_ints(v: Any) -> list:
    if isinstance(v, (Tensor, Variable)):
        v = np.asarray(v)
    if isinstance(v, np.ndarray):
        return [int(a) for a in v.reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    return [int(a) for a in v]


def _spatial(v: Any, what: str, op: str, nchw: bool, default: int = 1) -> tuple:
    """Normalise strides / dilations / ksize (int, or 1, 2 or 4 ints) to an (h, w) pair."""
    if v is None:
        return (default, default)
    try:
        vals = _as_ints(v)
    except (TypeError, ValueError):
        raise _err(op, f"{what} must be an int or a list of 1, 2 or 4 ints, got {v!r}") from None
    if len(vals) == 1:
        hw = (vals[0], vals[0])
    elif len(vals) == 2:
        hw = (vals[0], vals[1])
    elif len(vals) == 4:
        n, c = (vals[0], vals[1]) if nchw else (vals[0], vals[3])
        if n != 1 or c != 1:
            raise _err(op, f"{what} {vals} must be 1 in the batch and channel dimensions")
        hw = (vals[2], vals[3]) if nchw else (vals[1], vals[2])
    else:
        raise _err(op, f"{what} must be an int or a list of 1, 2 or 4 ints, got {vals}")
    if hw[0] < 1 or hw[1] < 1:
        raise _err(op, f"{what} must be positive, got {vals}")
    return hw


def _format(data_format: Any, op: str) -> bool:
    """True for NCHW."""
    if data_format in (None, "NHWC", "channels_last"):
        return False
    if data_format in ("NCHW", "channels_first"):
        return True
    raise _err(op, f"data_format must be 'NHWC' or 'NCHW', got {data_format!r}")


def _pads(padding: Any, hw: tuple, keff: tuple, strides: tuple, op: str, x: Tensor, nchw: bool,
          explicit_ok: bool = True) -> tuple:
    """Resolve ``padding`` to ((top, bottom), (left, right)) for input spatial size ``hw``."""
    if isinstance(padding, str):
        mode = padding.upper()
        if mode == "VALID":
            for n, k in zip(hw, keff):
                if n < k:
                    raise _err(op, f"the (dilated) window {keff} is larger than the input's spatial size {hw} "
                                   f"with VALID padding (input: {describe(x)})")
            return ((0, 0), (0, 0))
        if mode == "SAME":
            res = []
            for n, k, s in zip(hw, keff, strides):
                o = -(-n // s)
                tot = max((o - 1) * s + k - n, 0)
                res.append((tot // 2, tot - tot // 2))
            return tuple(res)
        raise _err(op, f"padding must be 'SAME' or 'VALID', got {padding!r}")
    if not explicit_ok:
        raise _err(op, f"padding must be 'SAME' or 'VALID', got {padding!r}")
    try:
        pairs = [tuple(int(a) for a in pr) for pr in padding]
    except (TypeError, ValueError):
        raise _err(op, f"padding must be 'SAME', 'VALID' or a list of [before, after] pairs, got {padding!r}") from None
    if len(pairs) == 4 and all(len(pr) == 2 for pr in pairs):
        outer = (pairs[0], pairs[1]) if nchw else (pairs[0], pairs[3])
        if any(outer[0] + outer[1]):
            raise _err(op, f"explicit padding {pairs} must be 0 in the batch and channel dimensions")
        sp = (pairs[2], pairs[3]) if nchw else (pairs[1], pairs[2])
    elif len(pairs) == 2 and all(len(pr) == 2 for pr in pairs):
        sp = (pairs[0], pairs[1])
    else:
        raise _err(op, f"explicit padding must be 4 [before, after] pairs, got {padding!r}")
    if min(sp[0] + sp[1]) < 0:
        raise _err(op, f"explicit padding must be non-negative, got {pairs}")
    for n, k, (lo, hi) in zip(hw, keff, sp):
        if n + lo + hi < k:
            raise _err(op, f"the (dilated) window {keff} is larger than the padded input ({describe(x)}, "
                           f"padding {pairs})")
    return sp


def _check_x(x: Tensor, op: str, what: str = "input") -> None:
    if x._value.ndim != 4:
        raise _err(op, f"{what} must be a rank-4 tensor (NHWC), got a {describe(x)}")
    if x._value.dtype.kind != "f":
        raise _err(op, f"{what} must be a floating-point tensor, got a {describe(x)}")


def _pair_args(a: Any, b: Any, op: str, an: str, bn: str) -> tuple:
    """Convert input and filters; a plain Python value takes the other operand's dtype."""
    a_t = isinstance(a, (Tensor, Variable, np.ndarray))
    b_t = isinstance(b, (Tensor, Variable, np.ndarray))
    if a_t or not b_t:
        a = tensor_arg(a, op)
        b = tensor_arg(b, op, a.dtype if not b_t else None)
    else:
        b = tensor_arg(b, op)
        a = tensor_arg(a, op, b.dtype)
    if a._value.dtype != b._value.dtype:
        raise _err(op, f"{an} and {bn} must have the same dtype, got {an}: {describe(a)}, {bn}: {describe(b)}")
    return a, b


def conv2d(
    input: Any,
    filters: Any,
    strides: Any,
    padding: Any,
    data_format: str = "NHWC",
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """2-D convolution (cross-correlation, as TF) of NHWC ``input`` with HWIO ``filters``.

    ``strides``/``dilations``: an int or a list of 1, 2 or 4 ints; ``padding``: "SAME", "VALID"
    or explicit ``[[0, 0], [top, bottom], [left, right], [0, 0]]``.

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), 1, "VALID")
        >>> y.numpy().reshape(-1).tolist()
        [4.0, 4.0, 4.0, 4.0]
    """
    op = "conv2d"
    x, w = _pair_args(input, filters, op, "input", "filters")
    nchw = _format(data_format, op)
    _check_x(x, op)
    if w._value.ndim != 4:
        raise _err(op, f"filters must be a rank-4 tensor (HWIO), got a {describe(w)} (input: {describe(x)})")
    if nchw:
        x = C.transpose_raw(x, _TO_NHWC)
    kh, kw, ci, co = w._value.shape
    n, h, wd, c = x._value.shape
    if c != ci:
        raise _err(op, f"input depth {c} does not match the filters' input channels {ci}: input is a "
                       f"{describe(x)} (NHWC), filters a {describe(w)} (HWIO)")
    s = _spatial(strides, "strides", op, nchw)
    d = _spatial(dilations, "dilations", op, nchw)
    keff = (d[0] * (kh - 1) + 1, d[1] * (kw - 1) + 1)
    pads = _pads(padding, (h, wd), keff, s, op, x, nchw)
    y = bind2(K.CONV2D, x, w, {"strides": s, "pads": pads, "dilations": d})
    return C.transpose_raw(y, _TO_NCHW) if nchw else y


def conv2d_transpose(
    input: Any,
    filters: Any,
    output_shape: Any,
    strides: Any,
    padding: Any = "SAME",
    data_format: str = "NHWC",
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """The transpose (gradient) of ``conv2d``; ``filters`` are (kh, kw, out_channels, in_channels).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 3]), tf.ones([3, 3, 5, 3]), [1, 4, 4, 5], 2)
        >>> y.shape.as_list()
        [1, 4, 4, 5]
    """
    op = "conv2d_transpose"
    g, w = _pair_args(input, filters, op, "input", "filters")
    nchw = _format(data_format, op)
    _check_x(g, op)
    if w._value.ndim != 4:
        raise _err(op, f"filters must be a rank-4 tensor, got a {describe(w)} (input: {describe(g)})")
    try:
        oshape = tuple(_as_ints(output_shape))
    except (TypeError, ValueError):
        raise _err(op, f"output_shape must be 4 ints, got {output_shape!r}") from None
    if len(oshape) != 4 or min(oshape) < 0:
        raise _err(op, f"output_shape must be 4 non-negative ints, got {list(oshape)}")
    if nchw:
        g = C.transpose_raw(g, _TO_NHWC)
        oshape = tuple(oshape[i] for i in _TO_NHWC)
    kh, kw, co, ci = w._value.shape
    n, ho, wo, c = g._value.shape
    if c != ci or oshape[3] != co or oshape[0] != n:
        raise _err(op, f"input {describe(g)}, filters {describe(w)} (kh, kw, out, in) and output_shape "
                       f"{list(oshape)} do not agree (need input depth == filters[3], output depth == "
                       f"filters[2], same batch)")
    s = _spatial(strides, "strides", op, nchw)
    d = _spatial(dilations, "dilations", op, nchw)
    keff = (d[0] * (kh - 1) + 1, d[1] * (kw - 1) + 1)
    pads = _pads(padding, oshape[1:3], keff, s, op, g, nchw)
    want = (K.out_size(oshape[1], kh, s[0], d[0], *pads[0]), K.out_size(oshape[2], kw, s[1], d[1], *pads[1]))
    if want != (ho, wo):
        raise _err(op, f"output_shape {list(oshape)} would be convolved to spatial size {want}, but the input "
                       f"is a {describe(g)}")
    p = {"strides": s, "pads": pads, "dilations": d}
    y = K.conv2d_backprop_input_raw(g, w, oshape, p)
    return C.transpose_raw(y, _TO_NCHW) if nchw else y


def _pool(prim: Any, op: str, input: Any, ksize: Any, strides: Any, padding: Any, data_format: Any) -> Tensor:
    x = tensor_arg(input, op)
    nchw = _format(data_format, op)
    _check_x(x, op)
    if nchw:
        x = C.transpose_raw(x, _TO_NHWC)
    k = _spatial(ksize, "ksize", op, nchw)
    s = _spatial(strides, "strides", op, nchw)
    pads = _pads(padding, x._value.shape[1:3], k, s, op, x, nchw, explicit_ok=False)
    y = bind1(prim, x, {"ksize": k, "strides": s, "pads": pads})
    return C.transpose_raw(y, _TO_NCHW) if nchw else y


def max_pool2d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NHWC", name: str | None = None
) -> Tensor:
    """Max over each ``ksize`` window of NHWC ``input``; the gradient goes to the first maximum.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
        >>> tf.nn.max_pool2d(x, 2, 2, "VALID").numpy().reshape(-1).tolist()
        [5.0, 7.0, 13.0, 15.0]
    """
    return _pool(K.MAX_POOL, "max_pool2d", input, ksize, strides, padding, data_format)


def avg_pool2d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NHWC", name: str | None = None
) -> Tensor:
    """Mean over each ``ksize`` window of NHWC ``input`` (SAME: over the real elements only).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
        >>> tf.nn.avg_pool2d(x, 2, 2, "VALID").numpy().reshape(-1).tolist()
        [2.5, 4.5, 10.5, 12.5]
    """
    return _pool(K.AVG_POOL, "avg_pool2d", input, ksize, strides, padding, data_format)


def max_pool(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str | None = None, name: str | None = None
) -> Tensor:
    """``tf.nn.max_pool`` (4-D input only here): same as ``max_pool2d``.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.max_pool(tf.ones([1, 4, 4, 2]), 2, 2, "SAME").shape.as_list()
        [1, 2, 2, 2]
    """
    return _pool(K.MAX_POOL, "max_pool", input, ksize, strides, padding, data_format)


def avg_pool(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str | None = None, name: str | None = None
) -> Tensor:
    """``tf.nn.avg_pool`` (4-D input only here): same as ``avg_pool2d``.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.avg_pool(tf.ones([1, 4, 4, 2]), 3, 1, "SAME").shape.as_list()
        [1, 4, 4, 2]
    """
    return _pool(K.AVG_POOL, "avg_pool", input, ksize, strides, padding, data_format)


__all__ = ["conv2d", "conv2d_transpose", "max_pool2d", "avg_pool2d", "max_pool", "avg_pool"]
