"""Convolution and pooling: ``tf.nn.conv1d/2d/3d``, ``convolution``, the transposed convolutions,
``depthwise_conv2d`` (+ backprops), ``separable_conv2d``, ``atrous_conv2d(_transpose)``, max /
average pooling in 1, 2 and 3 dimensions, ``pool``, ``max_pool_with_argmax``, ``dilation2d`` and
``erosion2d``.

Data are channels-last (``NWC``, ``NHWC``, ``NDHWC``); the channels-first formats (``NCW``,
``NCHW``, ``NCDHW``) are accepted for every float dtype and handled by transposing (TF's CPU
kernels take them for float32 only). Filters are ``(*kernel, in, out)``. TF's SAME padding puts
the odd extra pad at the end of each axis; average pooling with SAME padding divides by the number
of real (unpadded) elements of each window. A VALID window larger than the input raises
(where TF's reference kernels return an empty output). Only floating-point data are convolved
(TF also takes int32 for ``conv1d``/``conv2d``/``convolution``); max pooling in 1-D/2-D,
``max_pool_with_argmax`` and ``dilation2d``/``erosion2d`` also take integers, as TF does.

Example:
    >>> import tapeflow as tf
    >>> x = tf.ones([1, 4, 4, 1])
    >>> tf.nn.conv2d(x, tf.ones([3, 3, 1, 2]), strides=1, padding="SAME").shape.as_list()
    [1, 4, 4, 2]
    >>> tf.nn.max_pool2d(x, ksize=2, strides=2, padding="VALID").shape.as_list()
    [1, 2, 2, 1]
"""

from __future__ import annotations

from collections import namedtuple
from math import prod
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import array as A
from ..primitives import bind1, bind2
from ..primitives import conv as K
from ..primitives import core as C
from ..tensor import Tensor, Variable
from ._args import describe, tensor_arg

_LAST = {1: "NWC", 2: "NHWC", 3: "NDHWC"}
_FIRST = {1: "NCW", 2: "NCHW", 3: "NCDHW"}


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


def _to_last(x: Tensor, n: int) -> Tensor:
    return C.transpose_raw(x, (0,) + tuple(range(2, n + 2)) + (1,))


def _to_first(y: Tensor, n: int) -> Tensor:
    return C.transpose_raw(y, (0, n + 1) + tuple(range(1, n + 1)))


def _spatial(v: Any, what: str, op: str, nchw: bool, default: int = 1, n: int = 2) -> tuple:
    """Normalise strides / dilations / ksize (an int, or 1, n or n + 2 ints) to n ints."""
    if v is None:
        return (default,) * n
    allowed = "1 or 3" if n == 1 else f"1, {n} or {n + 2}"
    try:
        vals = _as_ints(v)
    except (TypeError, ValueError):
        raise _err(op, f"{what} must be an int or a list of {allowed} ints, got {v!r}") from None
    if len(vals) == 1:
        res = (vals[0],) * n
    elif len(vals) == n:
        res = tuple(vals)
    elif len(vals) == n + 2:
        outer = (vals[0], vals[1]) if nchw else (vals[0], vals[-1])
        if outer != (1, 1):
            raise _err(op, f"{what} {vals} must be 1 in the batch and channel dimensions")
        res = tuple(vals[2:]) if nchw else tuple(vals[1:-1])
    else:
        raise _err(op, f"{what} must be an int or a list of {allowed} ints, got {vals}")
    if min(res) < 1:
        raise _err(op, f"{what} must be positive, got {vals}")
    return res


def _format(data_format: Any, op: str, n: int = 2, aliases: dict | None = None) -> bool:
    """True for a channels-first ``data_format``."""
    if data_format is None or data_format == "channels_last" or data_format == _LAST[n]:
        return False
    if data_format == "channels_first" or data_format == _FIRST[n]:
        return True
    if aliases and data_format in aliases:
        return aliases[data_format]
    raise _err(op, f"data_format must be {_LAST[n]!r} or {_FIRST[n]!r}, got {data_format!r}")


def _pads(padding: Any, sp: tuple, keff: tuple, strides: tuple, op: str, x: Tensor, nchw: bool,
          explicit_ok: bool = True) -> tuple:
    """Resolve ``padding`` to one (before, after) pair per spatial axis of size ``sp``."""
    n = len(sp)
    if isinstance(padding, str):
        mode = padding.upper()
        if mode == "VALID":
            for s, k in zip(sp, keff):
                if s < k:
                    raise _err(op, f"the (dilated) window {keff} is larger than the input's spatial size {tuple(sp)} "
                                   f"with VALID padding (input: {describe(x)})")
            return ((0, 0),) * n
        if mode == "SAME":
            res = []
            for s, k, st in zip(sp, keff, strides):
                o = -(-s // st)
                tot = max((o - 1) * st + k - s, 0)
                res.append((tot // 2, tot - tot // 2))
            return tuple(res)
        raise _err(op, f"padding must be 'SAME' or 'VALID', got {padding!r}")
    if not explicit_ok:
        raise _err(op, f"padding must be 'SAME' or 'VALID', got {padding!r}")
    try:
        pairs = [tuple(int(a) for a in pr) for pr in padding]
    except (TypeError, ValueError):
        raise _err(op, f"padding must be 'SAME', 'VALID' or a list of [before, after] pairs, got {padding!r}") from None
    if not all(len(pr) == 2 for pr in pairs) or len(pairs) not in (n, n + 2):
        raise _err(op, f"explicit padding must be {n + 2} [before, after] pairs, got {padding!r}")
    if len(pairs) == n + 2:
        outer = (pairs[0], pairs[1]) if nchw else (pairs[0], pairs[-1])
        if any(outer[0] + outer[1]):
            raise _err(op, f"explicit padding {pairs} must be 0 in the batch and channel dimensions")
        sp_pairs = tuple(pairs[2:]) if nchw else tuple(pairs[1:-1])
    else:
        sp_pairs = tuple(pairs)
    if min(a for pr in sp_pairs for a in pr) < 0:
        raise _err(op, f"explicit padding must be non-negative, got {pairs}")
    for s, k, (lo, hi) in zip(sp, keff, sp_pairs):
        if s + lo + hi < k:
            raise _err(op, f"the (dilated) window {keff} is larger than the padded input ({describe(x)}, "
                           f"padding {pairs})")
    return sp_pairs


def _check_x(x: Tensor, op: str, what: str = "input", rank: int = 4, ints: bool = False, layout: str = "") -> None:
    if x._value.ndim != rank:
        lay = f" ({layout or _LAST.get(rank - 2, '')})"
        raise _err(op, f"{what} must be a rank-{rank} tensor{lay}, got a {describe(x)}")
    _check_dtype(x, op, what, ints)


def _check_dtype(x: Tensor, op: str, what: str = "input", ints: bool = False) -> None:
    kind = x._value.dtype.kind
    if kind != "f" and not (ints and kind in "iu"):
        want = "a floating-point or integer" if ints else "a floating-point"
        raise _err(op, f"{what} must be {want} tensor, got a {describe(x)}")


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


def _keff(k: tuple, d: tuple) -> tuple:
    return tuple(dd * (kk - 1) + 1 for kk, dd in zip(k, d))


def _int_shape(v: Any, op: str, what: str, n: int) -> tuple:
    try:
        shape = tuple(_as_ints(v))
    except (TypeError, ValueError):
        raise _err(op, f"{what} must be {n} ints, got {v!r}") from None
    if len(shape) != n or min(shape) < 0:
        raise _err(op, f"{what} must be {n} non-negative ints, got {list(shape)}")
    return shape


def _check_out_size(op: str, src: str, sp: tuple, k: tuple, p: dict, g: Tensor, what: str = "out_backprop") -> None:
    """Raise unless convolving spatial size ``sp`` (``src`` in the message) with kernel ``k`` and the
    strides, dilations and pads in ``p`` gives the spatial size of ``g`` (a backprop's gradient)."""
    want = tuple(K.out_size(o, kk, ss, dd, lo, hi)
                 for o, kk, ss, dd, (lo, hi) in zip(sp, k, p["strides"], p["dilations"], p["pads"]))
    if want != g._value.shape[1:-1]:
        raise _err(op, f"{src} would be convolved to spatial size {want}, but {what} is a {describe(g)}")


# --- convolutions -------------------------------------------------------------------------------


def _conv(op: str, input: Any, filters: Any, strides: Any, padding: Any, data_format: Any, dilations: Any,
          n: int, groups_ok: bool = True, aliases: dict | None = None) -> Tensor:
    """N-d convolution; extra leading batch dimensions are flattened and restored (as TF)."""
    x, w = _pair_args(input, filters, op, "input", "filters")
    nchw = _format(data_format, op, n, aliases)
    lay = _FIRST[n] if nchw else _LAST[n]
    if x._value.ndim < n + 2:
        raise _err(op, f"input must be a rank-{n + 2} tensor ({lay}, optionally with more leading batch "
                       f"dimensions), got a {describe(x)}")
    if w._value.ndim != n + 2:
        raise _err(op, f"filters must be a rank-{n + 2} tensor ({'DHW'[3 - n:]}IO), got a {describe(w)} "
                       f"(input: {describe(x)})")
    _check_dtype(x, op)
    lead = x._value.shape[:x._value.ndim - n - 1]
    if len(lead) > 1:
        x = C.reshape_to(x, (prod(lead),) + x._value.shape[len(lead):])
    if nchw:
        x = _to_last(x, n)
    c = x._value.shape[-1]
    k, ci, co = w._value.shape[:n], w._value.shape[n], w._value.shape[n + 1]
    groups = 1
    if c != ci:
        if not groups_ok or ci == 0 or c % ci:
            why = "match" if not groups_ok else "be a multiple of"
            raise _err(op, f"input depth {c} must {why} the filters' input depth {ci}: input is a {describe(x)} "
                           f"({_LAST[n]}), filters a {describe(w)}")
        groups = c // ci
        if co % groups:
            raise _err(op, f"output depth {co} must be evenly divisible by the number of groups {groups} "
                           f"(input: {describe(x)}, filters: {describe(w)})")
    s = _spatial(strides, "strides", op, nchw, n=n)
    d = _spatial(dilations, "dilations", op, nchw, n=n)
    pads = _pads(padding, x._value.shape[1:-1], _keff(k, d), s, op, x, nchw)
    y = K.conv_raw(x, w, {"strides": s, "pads": pads, "dilations": d, "groups": groups})
    if nchw:
        y = _to_first(y, n)
    if len(lead) > 1:
        y = C.reshape_to(y, lead + y._value.shape[1:])
    return y


def conv1d(
    input: Any,
    filters: Any,
    stride: Any,
    padding: Any,
    data_format: str = "NWC",
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """1-D convolution (cross-correlation) of NWC ``input`` with WIO ``filters``.

    ``stride``/``dilations``: an int or a list of 1 or 3 ints; ``padding``: "SAME", "VALID" or
    explicit ``[[0, 0], [left, right], [0, 0]]``. A ``filters`` input depth that divides the input
    depth makes a grouped convolution, as TF's CPU kernel does.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(5.0), [1, 5, 1])
        >>> tf.nn.conv1d(x, tf.ones([2, 1, 1]), stride=1, padding="VALID").numpy().reshape(-1).tolist()
        [1.0, 3.0, 5.0, 7.0]
    """
    return _conv("conv1d", input, filters, stride, padding, data_format, dilations, 1,
                 aliases={"NHWC": False, "NCHW": True})


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
    or explicit ``[[0, 0], [top, bottom], [left, right], [0, 0]]``. A ``filters`` input depth that
    divides the input depth makes a grouped convolution, as TF's CPU kernel does (tapeflow also
    differentiates it, where TF's CPU kernels raise).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), 1, "VALID")
        >>> y.numpy().reshape(-1).tolist()
        [4.0, 4.0, 4.0, 4.0]
    """
    return _conv("conv2d", input, filters, strides, padding, data_format, dilations, 2)


def conv3d(
    input: Any,
    filters: Any,
    strides: Any,
    padding: Any,
    data_format: str = "NDHWC",
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """3-D convolution of NDHWC ``input`` with DHWIO ``filters`` (input depths must match).

    ``strides``/``dilations``: a list of 5 ints (an int or 3 ints are also taken); ``padding``:
    "SAME" or "VALID" (or explicit pairs).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.conv3d(tf.ones([1, 3, 3, 3, 1]), tf.ones([2, 2, 2, 1, 1]), [1, 1, 1, 1, 1], "VALID")
        >>> y.numpy().reshape(-1).tolist()
        [8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0]
    """
    return _conv("conv3d", input, filters, strides, padding, data_format, dilations, 3, groups_ok=False)


def convolution(
    input: Any,
    filters: Any,
    strides: Any = None,
    padding: Any = "VALID",
    data_format: str | None = None,
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """N-d convolution (N = 1, 2 or 3, from the filters' rank): conv1d, conv2d or conv3d.

    Strides above 1 cannot be combined with dilations above 1 (TF's ValueError).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.convolution(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 4]), padding="SAME").shape.as_list()
        [1, 5, 5, 4]
        >>> tf.nn.convolution(tf.ones([1, 8, 2]), tf.ones([3, 2, 1]), dilations=2).shape.as_list()
        [1, 4, 1]
    """
    op = "convolution"
    w = filters if isinstance(filters, (Tensor, Variable, np.ndarray)) else tensor_arg(
        filters, op, input.dtype if isinstance(input, (Tensor, Variable)) else None)
    n = len(w.shape) - 2
    if n not in (1, 2, 3):
        raise _err(op, f"the filters' rank must be 3, 4 or 5 (1, 2 or 3 spatial dimensions), got shape "
                       f"{tuple(w.shape)}")
    nchw = _format(data_format, op, n, {"NHWC": False, "NCHW": True} if n == 1 else None)
    s = _spatial(strides, "strides", op, nchw, n=n)
    d = _spatial(dilations, "dilations", op, nchw, n=n)
    if max(s) > 1 and max(d) > 1:
        raise _err(op, f"strides > 1 are not supported together with dilations > 1, got strides={list(s)} "
                       f"and dilations={list(d)}")
    return _conv(op, input, w, s, padding, data_format, d, n, groups_ok=n < 3,
                 aliases={"NHWC": False, "NCHW": True} if n == 1 else None)


def atrous_conv2d(value: Any, filters: Any, rate: Any, padding: Any, name: str | None = None) -> Tensor:
    """Dilated ("atrous") 2-D convolution of NHWC ``value``: ``conv2d`` with ``dilations=rate``.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(25.0), [1, 5, 5, 1])
        >>> tf.nn.atrous_conv2d(x, tf.ones([2, 2, 1, 1]), rate=2, padding="VALID").numpy().reshape(-1).tolist()
        [24.0, 28.0, 32.0, 44.0, 48.0, 52.0, 64.0, 68.0, 72.0]
    """
    op = "atrous_conv2d"
    r = _spatial(rate, "rate", op, False)
    return _conv(op, value, filters, 1, padding, "NHWC", r, 2)


def _conv_transpose(op: str, input: Any, filters: Any, output_shape: Any, strides: Any, padding: Any,
                    data_format: Any, dilations: Any, n: int, aliases: dict | None = None) -> Tensor:
    g, w = _pair_args(input, filters, op, "input", "filters")
    nchw = _format(data_format, op, n, aliases)
    _check_x(g, op, rank=n + 2, layout=_FIRST[n] if nchw else _LAST[n])
    if w._value.ndim != n + 2:
        raise _err(op, f"filters must be a rank-{n + 2} tensor, got a {describe(w)} (input: {describe(g)})")
    oshape = _int_shape(output_shape, op, "output_shape", n + 2)
    if nchw:
        g = _to_last(g, n)
        oshape = (oshape[0],) + oshape[2:] + (oshape[1],)
    k, co, ci = w._value.shape[:n], w._value.shape[n], w._value.shape[n + 1]
    c = g._value.shape[-1]
    if c != ci or oshape[-1] != co or oshape[0] != g._value.shape[0]:
        raise _err(op, f"input {describe(g)}, filters {describe(w)} (*kernel, out, in) and output_shape "
                       f"{list(oshape)} do not agree (need input depth == filters[-1], output depth == "
                       f"filters[-2], same batch)")
    s = _spatial(strides, "strides", op, nchw, n=n)
    d = _spatial(dilations, "dilations", op, nchw, n=n)
    p = {"strides": s, "pads": _pads(padding, oshape[1:-1], _keff(k, d), s, op, g, nchw), "dilations": d}
    _check_out_size(op, f"output_shape {list(oshape)}", oshape[1:-1], k, p, g, "the input")
    y = K.conv_backprop_input_raw(g, w, oshape, p)
    return _to_first(y, n) if nchw else y


def conv1d_transpose(
    input: Any,
    filters: Any,
    output_shape: Any,
    strides: Any,
    padding: Any = "SAME",
    data_format: str = "NWC",
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """The transpose (gradient) of ``conv1d``; ``filters`` are (width, out_channels, in_channels).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.conv1d_transpose(tf.ones([1, 3, 1]), tf.ones([2, 1, 1]), [1, 6, 1], 2)
        >>> y.numpy().reshape(-1).tolist()
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """
    return _conv_transpose("conv1d_transpose", input, filters, output_shape, strides, padding, data_format,
                           dilations, 1, {"NHWC": False, "NCHW": True})


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
    return _conv_transpose("conv2d_transpose", input, filters, output_shape, strides, padding, data_format,
                           dilations, 2)


def conv3d_transpose(
    input: Any,
    filters: Any,
    output_shape: Any,
    strides: Any,
    padding: Any = "SAME",
    data_format: str = "NDHWC",
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """The transpose (gradient) of ``conv3d``; ``filters`` are (kd, kh, kw, out_channels, in_channels).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.conv3d_transpose(tf.ones([1, 2, 2, 2, 3]), tf.ones([2, 2, 2, 1, 3]), [1, 4, 4, 4, 1], 2)
        >>> y.shape.as_list(), float(tf.reduce_sum(y))
        ([1, 4, 4, 4, 1], 192.0)
    """
    return _conv_transpose("conv3d_transpose", input, filters, output_shape, strides, padding, data_format,
                           dilations, 3)


def conv_transpose(
    input: Any,
    filters: Any,
    output_shape: Any,
    strides: Any,
    padding: Any = "SAME",
    data_format: str | None = None,
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """The transpose of ``convolution``: conv1d/2d/3d_transpose chosen by ``len(output_shape)``.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.conv_transpose(tf.ones([1, 3, 3, 4]), tf.ones([3, 3, 2, 4]), [1, 6, 6, 2], 2).shape.as_list()
        [1, 6, 6, 2]
    """
    op = "conv_transpose"
    try:
        m = len(_as_ints(output_shape))
    except (TypeError, ValueError):
        raise _err(op, f"output_shape must be a list of 3, 4 or 5 ints, got {output_shape!r}") from None
    if m not in (3, 4, 5):
        raise _err(op, f"output_shape must be of length 3, 4 or 5, got {m}")
    return _conv_transpose(op, input, filters, output_shape, strides, padding, data_format, dilations, m - 2,
                           {"NHWC": False, "NCHW": True} if m == 3 else None)


def atrous_conv2d_transpose(
    value: Any, filters: Any, output_shape: Any, rate: int, padding: str, name: str | None = None
) -> Tensor:
    """The transpose of ``atrous_conv2d``: ``conv2d_transpose`` with stride 1 and ``dilations=rate``.

    ``filters`` are (kh, kw, out_channels, in_channels); ``padding`` is "SAME" or "VALID".

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.atrous_conv2d_transpose(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), [1, 5, 5, 1], 2, "VALID")
        >>> y.numpy()[0, :, :, 0].tolist()[0]
        [1.0, 1.0, 2.0, 1.0, 1.0]
    """
    op = "atrous_conv2d_transpose"
    try:
        r = _as_ints(rate)
    except (TypeError, ValueError):
        raise _err(op, f"rate must be a positive int, got {rate!r}") from None
    if len(r) != 1 or r[0] < 1:
        raise _err(op, f"rate must be a positive int, got {rate!r}")
    if not isinstance(padding, str) or padding.upper() not in ("SAME", "VALID"):
        raise _err(op, f"padding must be 'SAME' or 'VALID', got {padding!r}")
    return _conv_transpose(op, value, filters, output_shape, 1, padding, "NHWC", r[0], 2)


# --- depthwise / separable ---------------------------------------------------------------------


def _depthwise_params(op: str, strides: Any, padding: Any, dilations: Any, nchw: bool, sp: tuple, k: tuple,
                      x: Tensor, forbid_both: bool = True) -> dict:
    s = _spatial(strides, "strides", op, nchw)
    d = _spatial(dilations, "dilations", op, nchw)
    if forbid_both and max(s) > 1 and max(d) > 1:
        # TF only warns here and computes a space-to-batch result that is not a strided dilated conv
        raise _err(op, f"strides must be 1 when dilations > 1, got strides={list(s)} and dilations={list(d)}")
    return {"strides": s, "pads": _pads(padding, sp, _keff(k, d), s, op, x, nchw), "dilations": d}


def depthwise_conv2d(
    input: Any,
    filter: Any,
    strides: Any,
    padding: Any,
    data_format: str | None = None,
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """Depthwise 2-D convolution: each input channel ``k`` is convolved with its own
    ``filter[:, :, k, :]`` (``channel_multiplier`` outputs), output channel ``k * multiplier + q``.

    ``filter``: (kh, kw, in_channels, channel_multiplier); ``dilations``: 2 ints (the rate), with
    strides 1 when above 1 (TF only warns there and computes something else: tapeflow raises).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.constant([1., 2., 3., 4., 5., 6.]), [1, 3, 2, 1])
        >>> k = tf.reshape(tf.constant([1., 2., 3., 4.]), [2, 1, 1, 2])
        >>> tf.nn.depthwise_conv2d(x, k, [1, 1, 1, 1], "VALID").numpy()[0].tolist()
        [[[10.0, 14.0], [14.0, 20.0]], [[18.0, 26.0], [22.0, 32.0]]]
    """
    op = "depthwise_conv2d"
    x, w = _pair_args(input, filter, op, "input", "filter")
    nchw = _format(data_format, op)
    _check_x(x, op, layout="NCHW" if nchw else "NHWC")
    if w._value.ndim != 4:
        raise _err(op, f"filter must be a rank-4 tensor (kh, kw, in_channels, multiplier), got a {describe(w)}")
    if nchw:
        x = _to_last(x, 2)
    kh, kw, ci, m = w._value.shape
    if x._value.shape[-1] != ci:
        raise _err(op, f"input depth {x._value.shape[-1]} must equal the filter's in_channels {ci}: input is a "
                       f"{describe(x)} (NHWC), filter a {describe(w)}")
    p = _depthwise_params(op, strides, padding, dilations, nchw, x._value.shape[1:3], (kh, kw), x)
    y = K.conv_raw(x, C.reshape_to(w, (kh, kw, 1, ci * m)), {**p, "groups": max(ci, 1)})
    return _to_first(y, 2) if nchw else y


def depthwise_conv2d_backprop_input(
    input_sizes: Any,
    filter: Any,
    out_backprop: Any,
    strides: Any,
    padding: Any,
    data_format: str = "NHWC",
    dilations: Any = (1, 1, 1, 1),
    name: str | None = None,
) -> Tensor:
    """The gradient of ``depthwise_conv2d`` with respect to its input, of shape ``input_sizes``.

    ``dilations`` (4 ints) are honoured as documented by TF; TF 2.21's CPU kernel ignores them.

    Example:
        >>> import tapeflow as tf
        >>> g = tf.ones([1, 2, 2, 2])
        >>> dx = tf.nn.depthwise_conv2d_backprop_input([1, 3, 3, 1], tf.ones([2, 2, 1, 2]), g, [1, 1, 1, 1], "VALID")
        >>> dx.numpy()[0, :, :, 0].tolist()
        [[2.0, 4.0, 2.0], [4.0, 8.0, 4.0], [2.0, 4.0, 2.0]]
    """
    op = "depthwise_conv2d_backprop_input"
    w, g = _pair_args(filter, out_backprop, op, "filter", "out_backprop")
    nchw = _format(data_format, op)
    _check_x(g, op, "out_backprop", layout="NCHW" if nchw else "NHWC")
    if w._value.ndim != 4:
        raise _err(op, f"filter must be a rank-4 tensor (kh, kw, in_channels, multiplier), got a {describe(w)}")
    sizes = _int_shape(input_sizes, op, "input_sizes", 4)
    if nchw:
        g = _to_last(g, 2)
        sizes = (sizes[0], sizes[2], sizes[3], sizes[1])
    kh, kw, ci, m = w._value.shape
    if sizes[-1] != ci or g._value.shape[-1] != ci * m or g._value.shape[0] != sizes[0]:
        raise _err(op, f"input_sizes {list(sizes)} (NHWC), filter {describe(w)} and out_backprop {describe(g)} "
                       f"do not agree (need input depth == filter[2], out_backprop depth == filter[2] * filter[3])")
    p = _depthwise_params(op, strides, padding, dilations, nchw, sizes[1:3], (kh, kw), g, forbid_both=False)
    _check_out_size(op, f"input_sizes {list(sizes)}", sizes[1:3], (kh, kw), p, g)
    y = K.conv_backprop_input_raw(g, C.reshape_to(w, (kh, kw, 1, ci * m)), sizes, {**p, "groups": max(ci, 1)})
    return _to_first(y, 2) if nchw else y


def depthwise_conv2d_backprop_filter(
    input: Any,
    filter_sizes: Any,
    out_backprop: Any,
    strides: Any,
    padding: Any,
    data_format: str = "NHWC",
    dilations: Any = (1, 1, 1, 1),
    name: str | None = None,
) -> Tensor:
    """The gradient of ``depthwise_conv2d`` with respect to its filter, of shape ``filter_sizes``.

    ``dilations`` (4 ints) are honoured as documented by TF; TF 2.21's CPU kernel ignores them.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(9.0), [1, 3, 3, 1])
        >>> dw = tf.nn.depthwise_conv2d_backprop_filter(x, [2, 2, 1, 1], tf.ones([1, 2, 2, 1]), [1, 1, 1, 1], "VALID")
        >>> dw.numpy().reshape(-1).tolist()
        [8.0, 12.0, 20.0, 24.0]
    """
    op = "depthwise_conv2d_backprop_filter"
    x, g = _pair_args(input, out_backprop, op, "input", "out_backprop")
    nchw = _format(data_format, op)
    _check_x(x, op, layout="NCHW" if nchw else "NHWC")
    _check_x(g, op, "out_backprop", layout="NCHW" if nchw else "NHWC")
    fs = _int_shape(filter_sizes, op, "filter_sizes", 4)
    if nchw:
        x, g = _to_last(x, 2), _to_last(g, 2)
    kh, kw, ci, m = fs
    if x._value.shape[-1] != ci or g._value.shape[-1] != ci * m or g._value.shape[0] != x._value.shape[0]:
        raise _err(op, f"input {describe(x)}, filter_sizes {list(fs)} and out_backprop {describe(g)} do not "
                       f"agree (need input depth == filter_sizes[2], out_backprop depth == filter_sizes[2] * "
                       f"filter_sizes[3])")
    p = _depthwise_params(op, strides, padding, dilations, nchw, x._value.shape[1:3], (kh, kw), x,
                          forbid_both=False)
    _check_out_size(op, f"input {describe(x)}", x._value.shape[1:3], (kh, kw), p, g)
    dw = K.conv_backprop_filter_raw(x, g, (kh, kw, 1, ci * m), {**p, "groups": max(ci, 1)})
    return C.reshape_to(dw, fs)


def separable_conv2d(
    input: Any,
    depthwise_filter: Any,
    pointwise_filter: Any,
    strides: Any,
    padding: Any,
    data_format: str | None = None,
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """``depthwise_conv2d`` followed by a 1x1 ``conv2d`` with ``pointwise_filter``
    (1, 1, in_channels * multiplier, out_channels) that mixes the channels.

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.separable_conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 1]), tf.ones([1, 1, 2, 3]),
        ...                            [1, 1, 1, 1], "VALID")
        >>> y.numpy().reshape(-1).tolist()
        [18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0, 18.0]
    """
    op = "separable_conv2d"
    x, dw = _pair_args(input, depthwise_filter, op, "input", "depthwise_filter")
    _, pw = _pair_args(x, pointwise_filter, op, "input", "pointwise_filter")
    if pw._value.ndim != 4 or pw._value.shape[:2] != (1, 1):
        raise _err(op, f"pointwise_filter must have shape (1, 1, in_channels * multiplier, out_channels), got a "
                       f"{describe(pw)}")
    y = depthwise_conv2d(x, dw, strides, padding, data_format, dilations)
    return _conv(op, y, pw, 1, "VALID", data_format, None, 2)


# --- pooling ------------------------------------------------------------------------------------


def _pool(prim: Any, op: str, input: Any, ksize: Any, strides: Any, padding: Any, data_format: Any, n: int = 2,
          explicit_ok: bool = False, ints: bool = False, ties: str = "first", dilations: tuple | None = None,
          aliases: dict | None = None) -> Tensor:
    x = tensor_arg(input, op)
    nchw = _format(data_format, op, n, aliases)
    _check_x(x, op, rank=n + 2, ints=ints, layout=_FIRST[n] if nchw else _LAST[n])
    if nchw:
        x = _to_last(x, n)
    k = _spatial(ksize, "ksize", op, nchw, n=n)
    s = _spatial(strides, "strides", op, nchw, n=n)
    d = dilations or (1,) * n
    pads = _pads(padding, x._value.shape[1:-1], _keff(k, d), s, op, x, nchw, explicit_ok=explicit_ok)
    if not isinstance(padding, str):
        for kk, (lo, hi) in zip(k, pads):
            if lo >= kk or hi >= kk:
                raise _err(op, f"explicit padding {pads} must be smaller than the window size {k}")
    p = {"ksize": k, "strides": s, "pads": pads}
    if max(d) > 1:
        p["dilations"] = d
    if ties != "first":
        p["ties"] = ties
    y = bind1(prim, x, p)
    return _to_first(y, n) if nchw else y


def max_pool1d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NWC", name: str | None = None
) -> Tensor:
    """Max over each ``ksize`` window of NWC ``input``; the gradient goes to the first maximum.

    ``padding``: "SAME", "VALID" or explicit ``[[0, 0], [left, right], [0, 0]]`` (each pad
    smaller than the window).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.constant([1., 5., 2., 4., 3.]), [1, 5, 1])
        >>> tf.nn.max_pool1d(x, 2, 2, "SAME").numpy().reshape(-1).tolist()
        [5.0, 4.0, 3.0]
    """
    return _pool(K.MAX_POOL, "max_pool1d", input, ksize, strides, padding, data_format, 1, explicit_ok=True,
                 ints=True)


def avg_pool1d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NWC", name: str | None = None
) -> Tensor:
    """Mean over each ``ksize`` window of NWC ``input`` (SAME: over the real elements only).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.constant([1., 5., 2., 4., 3.]), [1, 5, 1])
        >>> tf.nn.avg_pool1d(x, 2, 2, "SAME").numpy().reshape(-1).tolist()
        [3.0, 3.0, 3.0]
    """
    return _pool(K.AVG_POOL, "avg_pool1d", input, ksize, strides, padding, data_format, 1)


def max_pool2d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NHWC", name: str | None = None
) -> Tensor:
    """Max over each ``ksize`` window of NHWC ``input``; the gradient goes to the first maximum.

    ``padding``: "SAME", "VALID" or explicit ``[[0, 0], [top, bottom], [left, right], [0, 0]]``
    (each pad smaller than the window).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
        >>> tf.nn.max_pool2d(x, 2, 2, "VALID").numpy().reshape(-1).tolist()
        [5.0, 7.0, 13.0, 15.0]
    """
    return _pool(K.MAX_POOL, "max_pool2d", input, ksize, strides, padding, data_format, 2, explicit_ok=True,
                 ints=True)


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
    return _pool(K.AVG_POOL, "avg_pool2d", input, ksize, strides, padding, data_format, 2)


def max_pool3d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NDHWC", name: str | None = None
) -> Tensor:
    """Max over each ``ksize`` window of NDHWC ``input``. As TF's MaxPool3DGrad, the gradient of
    a window goes to EVERY position holding its maximum (ties are not broken).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(8.0), [1, 2, 2, 2, 1])
        >>> tf.nn.max_pool3d(x, 2, 2, "VALID").numpy().reshape(-1).tolist()
        [7.0]
    """
    return _pool(K.MAX_POOL, "max_pool3d", input, ksize, strides, padding, data_format, 3, ties="all")


def avg_pool3d(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str = "NDHWC", name: str | None = None
) -> Tensor:
    """Mean over each ``ksize`` window of NDHWC ``input`` (SAME: over the real elements only).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(8.0), [1, 2, 2, 2, 1])
        >>> tf.nn.avg_pool3d(x, 2, 2, "VALID").numpy().reshape(-1).tolist()
        [3.5]
    """
    return _pool(K.AVG_POOL, "avg_pool3d", input, ksize, strides, padding, data_format, 3)


def _rank_n(input: Any, op: str) -> tuple:
    x = tensor_arg(input, op)
    n = x._value.ndim - 2
    if not 1 <= n <= 3:
        raise _err(op, f"input must be a tensor of rank 3, 4 or 5, got a {describe(x)}")
    return x, n


def _generic_format(data_format: Any, n: int) -> Any:
    """``max_pool``/``avg_pool`` name the layout only by its channel position."""
    if isinstance(data_format, str) and data_format not in ("channels_first", "channels_last"):
        return _FIRST[n] if data_format.startswith("NC") else (_LAST[n] if data_format.startswith("N") else data_format)
    return data_format


def max_pool(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str | None = None, name: str | None = None
) -> Tensor:
    """``tf.nn.max_pool``: ``max_pool1d``, ``max_pool2d`` or ``max_pool3d`` by the input's rank
    (3, 4 or 5). Explicit padding is taken for 1-D and 2-D pooling only.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.max_pool(tf.ones([1, 4, 4, 2]), 2, 2, "SAME").shape.as_list()
        [1, 2, 2, 2]
        >>> tf.nn.max_pool(tf.ones([1, 4, 4, 4, 2]), 2, 2, "SAME").shape.as_list()
        [1, 2, 2, 2, 2]
    """
    op = "max_pool"
    x, n = _rank_n(input, op)
    if n == 3 and not isinstance(padding, str):
        raise _err(op, f"explicit padding is not supported with an input tensor of rank 5, got {padding!r}")
    return _pool(K.MAX_POOL, op, x, ksize, strides, padding, _generic_format(data_format, n), n,
                 explicit_ok=n < 3, ints=n < 3, ties="all" if n == 3 else "first")


def avg_pool(
    input: Any, ksize: Any, strides: Any, padding: Any, data_format: str | None = None, name: str | None = None
) -> Tensor:
    """``tf.nn.avg_pool``: ``avg_pool1d``, ``avg_pool2d`` or ``avg_pool3d`` by the input's rank.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.avg_pool(tf.ones([1, 4, 4, 2]), 3, 1, "SAME").shape.as_list()
        [1, 4, 4, 2]
    """
    op = "avg_pool"
    x, n = _rank_n(input, op)
    return _pool(K.AVG_POOL, op, x, ksize, strides, padding, _generic_format(data_format, n), n)


def _n_ints(v: Any, n: int, what: str, op: str) -> tuple:
    try:
        vals = _as_ints(v)
    except (TypeError, ValueError):
        raise _err(op, f"{what} must be a list of {n} ints, got {v!r}") from None
    if len(vals) == 1 and not isinstance(v, (list, tuple, np.ndarray, Tensor, Variable)):
        vals = vals * n
    if len(vals) != n:
        raise _err(op, f"{what} must be a list of {n} ints (one per spatial dimension), got {vals}")
    if min(vals) < 1:
        raise _err(op, f"all values of {what} must be positive, got {vals}")
    return tuple(vals)


def pool(
    input: Any,
    window_shape: Any,
    pooling_type: str,
    strides: Any = None,
    padding: Any = "VALID",
    data_format: str | None = None,
    dilations: Any = None,
    name: str | None = None,
) -> Tensor:
    """N-d max (``pooling_type="MAX"``) or average (``"AVG"``) pooling with optional dilated
    windows; ``window_shape``, ``strides`` and ``dilations`` have one int per spatial dimension.

    Dilations above 1 need strides of 1 and VALID padding (TF's ValueErrors).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(6.0), [1, 6, 1])
        >>> tf.nn.pool(x, [2], "MAX", dilations=[2]).numpy().reshape(-1).tolist()
        [2.0, 3.0, 4.0, 5.0]
    """
    op = "pool"
    x, n = _rank_n(input, op)
    if pooling_type not in ("MAX", "AVG"):
        raise _err(op, f"{n}-D {pooling_type} pooling is not supported (pooling_type must be 'MAX' or 'AVG')")
    k = _n_ints(window_shape, n, "window_shape", op)
    s = (1,) * n if strides is None else _n_ints(strides, n, "strides", op)
    d = (1,) * n if dilations is None else _n_ints(dilations, n, "dilations", op)
    if max(s) > 1 and max(d) > 1:
        raise _err(op, f"strides > 1 are not supported together with dilations > 1, got strides={list(s)} and "
                       f"dilations={list(d)}")
    if max(d) > 1 and isinstance(padding, str) and padding.upper() == "SAME":
        raise _err(op, f"pooling with 'SAME' padding is not implemented for dilations > 1, got {list(d)}")
    fmt = _generic_format(data_format, n)
    if pooling_type == "MAX":
        if n == 3 and not isinstance(padding, str):
            raise _err(op, f"explicit padding is not supported with an input tensor of rank 5, got {padding!r}")
        return _pool(K.MAX_POOL, op, x, k, s, padding, fmt, n, explicit_ok=n < 3, ints=n < 3,
                     ties="all" if n == 3 else "first", dilations=d)
    return _pool(K.AVG_POOL, op, x, k, s, padding, fmt, n, dilations=d)


MaxPoolWithArgmax = namedtuple("MaxPoolWithArgmax", ["output", "argmax"])


def max_pool_with_argmax(
    input: Any,
    ksize: Any,
    strides: Any,
    padding: str,
    data_format: str = "NHWC",
    output_dtype: Any = _dt.int64,
    include_batch_in_index: bool = False,
    name: str | None = None,
) -> MaxPoolWithArgmax:
    """2-D max pooling of NHWC ``input`` that also returns where each maximum is: the flattened
    index ``(y * width + x) * channels + c`` (``((b * height + y) * width + x) * channels + c``
    with ``include_batch_in_index``) of each window's first maximum, as ``output_dtype``
    (int64 or int32). The gradient of ``output`` goes to those positions; ``argmax`` has none.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.constant([1., 4., 3., 2.]), [1, 2, 2, 1])
        >>> out, idx = tf.nn.max_pool_with_argmax(x, 2, 2, "VALID")
        >>> out.numpy().reshape(-1).tolist(), idx.numpy().reshape(-1).tolist(), idx.dtype.name
        ([4.0], [1], 'int64')
    """
    op = "max_pool_with_argmax"
    if data_format != "NHWC":
        raise _err(op, f"data_format values other than 'NHWC' are not supported, got {data_format!r}")
    odt = _dt.as_dtype(output_dtype)
    if odt not in (_dt.int32, _dt.int64):
        raise _err(op, f"output_dtype must be int32 or int64, got {odt.name}")
    x = tensor_arg(input, op)
    _check_x(x, op, ints=True)
    k = _spatial(ksize, "ksize", op, False)
    s = _spatial(strides, "strides", op, False)
    pads = _pads(padding, x._value.shape[1:3], k, s, op, x, False, explicit_ok=False)
    p = {"ksize": k, "strides": s, "pads": pads}
    out = bind1(K.MAX_POOL, x, p)
    idx = bind1(K.MAX_POOL_ARGMAX, x, {**p, "include_batch": bool(include_batch_in_index),
                                       "dtype": np.dtype(_dt.np_dtype(odt))})
    return MaxPoolWithArgmax(out, idx)


# --- morphology -----------------------------------------------------------------------------------


def _dilation2d(op: str, x: Tensor, w: Tensor, strides: Any, padding: Any, data_format: Any, dilations: Any,
                negate: bool = False) -> Tensor:
    if data_format != "NHWC":
        raise _err(op, f"data_format values other than 'NHWC' are not supported, got {data_format!r}")
    _check_x(x, op, ints=True)
    if w._value.ndim != 3:
        raise _err(op, f"filters must be a rank-3 tensor (kh, kw, depth), got a {describe(w)}")
    if w._value.shape[-1] != x._value.shape[-1]:
        raise _err(op, f"input and filters must have the same depth: input is a {describe(x)}, filters a "
                       f"{describe(w)}")
    s = _spatial(strides, "strides", op, False)
    r = _spatial(dilations, "dilations", op, False)
    kh, kw, _ = w._value.shape
    pads = _pads(padding, x._value.shape[1:3], _keff((kh, kw), r), s, op, x, False, explicit_ok=False)
    if negate:  # erosion by duality: -dilation(-x, reversed filters)
        x = C.negative(x)
        w = A.strided_slice(w, (slice(None, None, -1), slice(None, None, -1), Ellipsis))
    pos, tap, fill = K.dilation2d_route(x._value, w._value, s, r, pads)
    p = {"pos": pos, "tap": tap}
    if fill is not None:
        p["fill"] = fill
    y = bind2(K.DILATION2D_PICK, x, w, p)
    return C.negative(y) if negate else y


def dilation2d(
    input: Any,
    filters: Any,
    strides: Any,
    padding: str,
    data_format: str,
    dilations: Any,
    name: str | None = None,
) -> Tensor:
    """Grayscale morphological dilation of NHWC ``input`` with (kh, kw, depth) ``filters``:
    ``out[b, y, x, c] = max over (dy, dx) of input[b, y*sy + dy*ry, x*sx + dx*rx, c] + filters[dy, dx, c]``
    (out-of-bounds taps are skipped). The gradient goes to the first maximising tap in row-major
    order, as TF's CPU kernel. ``data_format`` must be "NHWC"; ``strides``/``dilations``: 4 ints.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(9.0), [1, 3, 3, 1])
        >>> y = tf.nn.dilation2d(x, tf.zeros([2, 2, 1]), [1, 1, 1, 1], "VALID", "NHWC", [1, 1, 1, 1])
        >>> y.numpy().reshape(-1).tolist()
        [4.0, 5.0, 7.0, 8.0]
    """
    op = "dilation2d"
    x, w = _pair_args(input, filters, op, "input", "filters")
    return _dilation2d(op, x, w, strides, padding, data_format, dilations)


def erosion2d(
    value: Any,
    filters: Any,
    strides: Any,
    padding: str,
    data_format: str,
    dilations: Any,
    name: str | None = None,
) -> Tensor:
    """Grayscale morphological erosion: ``-dilation2d(-value, filters reversed in height and width)``
    (TF's definition).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(9.0), [1, 3, 3, 1])
        >>> y = tf.nn.erosion2d(x, tf.zeros([2, 2, 1]), [1, 1, 1, 1], "VALID", "NHWC", [1, 1, 1, 1])
        >>> y.numpy().reshape(-1).tolist()
        [-0.0, 1.0, 3.0, 4.0]
    """
    op = "erosion2d"
    x, w = _pair_args(value, filters, op, "value", "filters")
    return _dilation2d(op, x, w, strides, padding, data_format, dilations, negate=True)


__all__ = [
    "conv1d", "conv2d", "conv3d", "convolution", "atrous_conv2d", "conv1d_transpose", "conv2d_transpose",
    "conv3d_transpose", "conv_transpose", "atrous_conv2d_transpose", "depthwise_conv2d",
    "depthwise_conv2d_backprop_input", "depthwise_conv2d_backprop_filter", "separable_conv2d",
    "max_pool1d", "avg_pool1d", "max_pool2d", "avg_pool2d", "max_pool3d", "avg_pool3d", "max_pool", "avg_pool",
    "pool", "max_pool_with_argmax", "dilation2d", "erosion2d",
]
