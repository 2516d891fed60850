"""Convolution and pooling primitives (channels-last data, 1, 2 or 3 spatial axes) and their rules.

Data are ``(N, *spatial, C)``; conv filters are ``(*kernel, C // groups, O)``. All spatial
arguments arrive resolved, one entry per spatial axis: ``strides`` and ``dilations`` are int
tuples, ``pads`` is a tuple of ``(before, after)`` pairs. Forwards use im2col (a strided view of
the padded input, copied once into a patch matrix) and one matmul (a batched matmul over the
groups of a grouped / depthwise convolution); the only Python loops run over kernel taps
(``prod(kernel)`` iterations), never over pixels. Depthwise convolutions (one input channel per
group) skip the patch matrix: one broadcast multiply-add per kernel tap and channel multiplier.

The rules form closed families, so every derivative of every order stays in the table:
  conv(x, w)                 -> x: conv_backprop_input(g, w),  w: conv_backprop_filter(x, g)
  conv_backprop_input(g, w)  -> g: conv(h, w),                 w: conv_backprop_filter(h, g)
  conv_backprop_filter(x, g) -> x: conv_backprop_input(g, H),  g: conv(x, H)
  max_pool(x)                -> x: max_pool_grad(x, g)
  max_pool_grad(x, g)        -> g: max_pool_gather(x, h)   (x: zero almost everywhere)
  max_pool_gather(x, h)      -> h: max_pool_grad(x, k)
  avg_pool(x)  <->  avg_pool_grad(g)   (linear, each other's VJP)
  dilation2d_pick(x, w)      -> scatter-adds of g at the chosen input positions / filter taps
  max_pool_argmax(x)         (integer output, not differentiable)

Max pooling routes a window's gradient to its FIRST maximum in row-major tap order
(``ties="first"``, TF's 1-D/2-D CPU kernels) or to EVERY position equal to the maximum
(``ties="all"``, TF's MaxPool3DGrad).

Example:
    >>> from tapeflow.primitives import RULES
    >>> import tapeflow.primitives.conv  # noqa: F401
    >>> "conv_backprop_input" in RULES and "max_pool_gather" in RULES
    True
"""

from __future__ import annotations

from math import prod

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..tensor import Tensor
from . import array as A
from . import bind1, bind2, defprim
from . import core as C

_ALL = slice(None)

# --- array helpers ----------------------------------------------------------------------------


def out_size(n: int, k: int, s: int, d: int, lo: int, hi: int) -> int:
    """Output length of a window of size ``k`` (dilation ``d``) at stride ``s`` over padded ``n``."""
    return (n + lo + hi - (d * (k - 1) + 1)) // s + 1


def _no_pad(pads: tuple) -> bool:
    return not any(lo or hi for lo, hi in pads)


def _pad(x: np.ndarray, pads: tuple, value: float = 0) -> np.ndarray:
    """Pad the spatial axes of a channels-last array (a fresh array only when some pad is non-zero)."""
    if _no_pad(pads):
        return x
    sp = x.shape[1:-1]
    shape = (x.shape[0],) + tuple(n + lo + hi for n, (lo, hi) in zip(sp, pads)) + (x.shape[-1],)
    xp = np.zeros(shape, dtype=x.dtype) if value == 0 else np.full(shape, value, dtype=x.dtype)
    xp[(_ALL,) + tuple(slice(lo, lo + n) for n, (lo, _) in zip(sp, pads))] = x
    return xp


def _crop(xp: np.ndarray, pads: tuple, sp: tuple) -> np.ndarray:
    """Undo ``_pad``: the spatial window of size ``sp`` after the leading pads."""
    if xp.shape[1:-1] == tuple(sp):
        return xp
    return xp[(_ALL,) + tuple(slice(lo, lo + n) for n, (lo, _) in zip(sp, pads))]


def _patches(xp: np.ndarray, k: tuple, strides: tuple, dil: tuple, out: tuple) -> np.ndarray:
    """A read-only (N, *out, *k, C) view of the windows of padded ``xp`` (no copy)."""
    st = xp.strides
    sp = st[1:-1]
    shape = (xp.shape[0],) + tuple(out) + tuple(k) + (xp.shape[-1],)
    new = (st[0],) + tuple(a * s for a, s in zip(sp, strides)) + tuple(a * d for a, d in zip(sp, dil)) + (st[-1],)
    if xp.flags.c_contiguous and xp.size:  # a direct view on the buffer: ~10x cheaper than as_strided
        return np.ndarray(shape, xp.dtype, xp, 0, new)
    return as_strided(xp, shape, new, writeable=False)


def _window(a: np.ndarray, tap: tuple, strides: tuple, dil: tuple, out: tuple) -> np.ndarray:
    """The spatial slice of ``a`` that every window sees at kernel tap ``tap``: (N, *out, C)."""
    return a[(_ALL,) + tuple(slice(t * d, t * d + s * (o - 1) + 1, s)
                             for t, d, s, o in zip(tap, dil, strides, out)) + (_ALL,)]


def _im2col(x: np.ndarray, k: tuple, strides: tuple, pads: tuple, dil: tuple) -> tuple:
    """The (N*prod(out), prod(k)*C) patch matrix of ``x`` and the output spatial size ``out``."""
    sp = x.shape[1:-1]
    out = tuple(out_size(n, kk, s, d, lo, hi) for n, kk, s, d, (lo, hi) in zip(sp, k, strides, dil, pads))
    m = x.shape[0] * prod(out)
    if all(kk == 1 for kk in k) and all(s == 1 for s in strides) and _no_pad(pads):
        return x.reshape(m, x.shape[-1]), out
    xp = _pad(x, pads)
    cols = _patches(xp, k, strides, dil, out).reshape(m, prod(k) * x.shape[-1])
    return cols, out


# --- conv and its two backprops ---------------------------------------------------------------


def _conv_fwd(x: np.ndarray, w: np.ndarray, strides: tuple, pads: tuple, dilations: tuple,
              groups: int = 1) -> np.ndarray:
    r = x.ndim - 2
    k, cg, o = w.shape[:r], w.shape[r], w.shape[r + 1]
    if groups > 1 and cg == 1:
        return _depthwise_fwd(x, w, strides, pads, dilations, groups)
    cols, out = _im2col(x, k, strides, pads, dilations)
    kk = prod(k)
    if groups == 1:
        y = cols @ w.reshape(kk * cg, o)
    else:  # one matmul per group, batched: (G, M, K*cg) @ (G, K*cg, og)
        m, og = cols.shape[0], o // groups
        a = cols.reshape(m, kk, groups, cg).transpose(2, 0, 1, 3).reshape(groups, m, kk * cg)
        b = w.reshape(kk, cg, groups, og).transpose(2, 0, 1, 3).reshape(groups, kk * cg, og)
        y = np.matmul(a, b).transpose(1, 0, 2).reshape(m, o)
    return y.reshape((x.shape[0],) + out + (o,))


def _bpi_fwd(g: np.ndarray, w: np.ndarray, input_shape: tuple, strides: tuple, pads: tuple,
             dilations: tuple, groups: int = 1) -> np.ndarray:
    """The input gradient of conv: a transposed convolution of ``g`` (N, *out, O) with ``w``."""
    r = g.ndim - 2
    k, cg, o = w.shape[:r], w.shape[r], w.shape[r + 1]
    n, sp, c = input_shape[0], tuple(input_shape[1:-1]), input_shape[-1]
    out = g.shape[1:-1]
    m = g.size // o if o else n * prod(out)
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(sp, pads))
    dt = np.result_type(g, w)
    if groups == 1 and all(kk == 1 for kk in k) and all(s == 1 for s in strides) and padded == sp:
        return (g.reshape(m, o) @ w.reshape(cg, o).T).reshape(input_shape).astype(dt, copy=False)
    # one matmul per kernel tap, accumulated into the taps' windows (col2im without the
    # (M, prod(k)*C) column buffer)
    dxp = np.zeros((n,) + padded + (c,), dtype=dt)
    if groups > 1 and cg == 1:  # depthwise: per tap and multiplier, a broadcast multiply
        g3 = _by_multiplier(g, groups)
        wt = w.reshape(-1, groups, o // groups)
        tmp = np.empty(g3.shape[1:], dtype=dt)
        for i, tap in enumerate(np.ndindex(*k)):
            win = _window(dxp, tap, strides, dilations, out)
            for q in range(g3.shape[0]):
                win += np.multiply(g3[q], wt[i, :, q], out=tmp)
    elif groups == 1:
        g2 = g.reshape(m, o)
        tmp = np.empty((m, c), dtype=dt)
        for tap in np.ndindex(*k):
            np.matmul(g2, w[tap].T, out=tmp)
            _window(dxp, tap, strides, dilations, out)[...] += tmp.reshape((n,) + out + (c,))
    else:
        og = o // groups
        gt = np.ascontiguousarray(g.reshape(m, groups, og).transpose(1, 0, 2))  # (G, M, og)
        for tap in np.ndindex(*k):
            wt = w[tap].reshape(cg, groups, og).transpose(1, 2, 0)  # (G, og, cg)
            tmp = np.matmul(gt, wt)  # (G, M, cg)
            _window(dxp, tap, strides, dilations, out)[...] += tmp.transpose(1, 0, 2).reshape((n,) + out + (c,))
    return _crop(dxp, pads, sp)


def _bpf_fwd(x: np.ndarray, g: np.ndarray, filter_shape: tuple, strides: tuple, pads: tuple,
             dilations: tuple, groups: int = 1) -> np.ndarray:
    """The filter gradient of conv: the correlation of ``x`` with ``g``, shape (*k, C/groups, O)."""
    r = x.ndim - 2
    k, cg, o = tuple(filter_shape[:r]), filter_shape[r], filter_shape[r + 1]
    if groups > 1 and cg == 1:  # depthwise: per tap and multiplier, a channel-wise dot product
        g3 = _by_multiplier(g, groups)
        out = g.shape[1:-1]
        xp = _pad(x, pads)
        res = np.empty((prod(k), groups, g3.shape[0]), dtype=np.result_type(x, g))
        for i, tap in enumerate(np.ndindex(*k)):
            win = _window(xp, tap, strides, dilations, out).reshape(-1, groups)
            for q in range(g3.shape[0]):
                res[i, :, q] = np.einsum("mg,mg->g", win, g3[q].reshape(-1, groups))
        return res.reshape(filter_shape)
    cols, _ = _im2col(x, k, strides, pads, dilations)
    if groups == 1:
        return (cols.T @ g.reshape(-1, o)).reshape(filter_shape)
    m, kk, og = cols.shape[0], prod(k), o // groups
    a = cols.reshape(m, kk, groups, cg).transpose(2, 1, 3, 0).reshape(groups, kk * cg, m)
    b = g.reshape(m, groups, og).transpose(1, 0, 2)  # (G, M, og)
    res = np.matmul(a, b)  # (G, K*cg, og)
    return res.reshape(groups, kk, cg, og).transpose(1, 2, 0, 3).reshape(filter_shape)


def _by_multiplier(g: np.ndarray, groups: int) -> np.ndarray:
    """(N, *out, G * og) -> a contiguous (og, N, *out, G): one channel-contiguous slab per multiplier."""
    og = g.shape[-1] // groups
    return np.ascontiguousarray(np.moveaxis(g.reshape(g.shape[:-1] + (groups, og)), -1, 0))


def _depthwise_fwd(x: np.ndarray, w: np.ndarray, strides: tuple, pads: tuple, dilations: tuple,
                   groups: int) -> np.ndarray:
    """conv with one input channel per group (depthwise): per kernel tap and channel multiplier, a
    broadcast multiply-add over the tap's window (no patch matrix)."""
    r = x.ndim - 2
    k, o = w.shape[:r], w.shape[-1]
    og = o // groups
    sp = x.shape[1:-1]
    out = tuple(out_size(n, kk, s, d, lo, hi) for n, kk, s, d, (lo, hi) in zip(sp, k, strides, dilations, pads))
    xp = _pad(x, pads)
    wt = w.reshape(-1, groups, og)  # output channel g * og + q
    dt = np.result_type(x, w)
    y = np.zeros((og, x.shape[0]) + out + (groups,), dtype=dt)
    tmp = np.empty(y.shape[1:], dtype=dt)
    for i, tap in enumerate(np.ndindex(*k)):
        win = _window(xp, tap, strides, dilations, out)
        for q in range(og):
            y[q] += np.multiply(win, wt[i, :, q], out=tmp)
    return np.moveaxis(y, 0, -1).reshape((x.shape[0],) + out + (o,))


def _conv_params(p: dict) -> dict:
    return {"strides": p["strides"], "pads": p["pads"], "dilations": p["dilations"], "groups": p.get("groups", 1)}


def conv_raw(x: Tensor, w: Tensor, p: dict) -> Tensor:
    """conv on Tensors with resolved params (no argument checks)."""
    return bind2(CONV, x, w, _conv_params(p))


def conv_backprop_input_raw(g: Tensor, w: Tensor, input_shape: tuple, p: dict) -> Tensor:
    return bind2(CONV_BPI, g, w, {**_conv_params(p), "input_shape": tuple(input_shape)})


def conv_backprop_filter_raw(x: Tensor, g: Tensor, filter_shape: tuple, p: dict) -> Tensor:
    return bind2(CONV_BPF, x, g, {**_conv_params(p), "filter_shape": tuple(filter_shape)})


# the 2-D names used before the N-d generalisation
conv2d_raw = conv_raw
conv2d_backprop_input_raw = conv_backprop_input_raw
conv2d_backprop_filter_raw = conv_backprop_filter_raw


def _conv_vjp(g, out, ins, p, need):
    x, w = ins
    return (
        conv_backprop_input_raw(g, w, x._value.shape, p) if need[0] else None,
        conv_backprop_filter_raw(x, g, w._value.shape, p) if need[1] else None,
    )


def _bpi_vjp(h, out, ins, p, need):
    g, w = ins
    return (
        conv_raw(h, w, p) if need[0] else None,
        conv_backprop_filter_raw(h, g, w._value.shape, p) if need[1] else None,
    )


def _bpf_vjp(hw, out, ins, p, need):
    x, g = ins
    return (
        conv_backprop_input_raw(g, hw, x._value.shape, p) if need[0] else None,
        conv_raw(x, hw, p) if need[1] else None,
    )


def _cp(s: tuple, pads: tuple, d: tuple | None = None, groups: int = 1) -> dict:
    return {"strides": s, "pads": pads, "dilations": d or (1,) * len(s), "groups": groups}


_P0 = ((0, 0), (0, 0))
_P1 = ((1, 1), (1, 1))
# (x shape, filter shape, params, output shape): stride 1/2, VALID/SAME (TF's SAME pads), dilation,
# an uneven SAME pad (extra at the bottom/right), a 1x1 kernel; 1-D and 3-D; grouped and depthwise
# (groups == channels, one input channel per group) convolutions.
_CONV_CASES = [
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((1, 1), _P0), (2, 3, 3, 4)),
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((1, 1), _P1), (2, 5, 5, 4)),
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((2, 2), _P0), (2, 2, 2, 4)),
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((2, 2), _P1), (2, 3, 3, 4)),
    ((1, 6, 5, 2), (2, 3, 2, 3), _cp((2, 1), ((0, 1), (1, 1))), (1, 3, 5, 3)),
    ((1, 6, 6, 2), (2, 2, 2, 3), _cp((1, 1), ((1, 1), (1, 1)), (2, 2)), (1, 6, 6, 3)),
    ((2, 4, 4, 3), (1, 1, 3, 2), _cp((1, 1), _P0), (2, 4, 4, 2)),
    ((2, 7, 3), (3, 3, 2), _cp((2,), ((1, 1),)), (2, 4, 2)),
    ((1, 9, 2), (2, 2, 3), _cp((1,), ((1, 2),), (3,)), (1, 9, 3)),
    ((1, 4, 4, 3, 2), (2, 3, 2, 2, 2), _cp((2, 1, 1), ((0, 0), (1, 1), (0, 1))), (1, 2, 4, 3, 2)),
    ((1, 5, 4, 4), (3, 2, 2, 6), _cp((1, 2), ((1, 1), (0, 0)), groups=2), (1, 5, 2, 6)),
    ((2, 5, 5, 3), (3, 3, 1, 6), _cp((2, 2), _P1, groups=3), (2, 3, 3, 6)),
    ((1, 6, 5, 2), (2, 2, 1, 2), _cp((1, 1), ((1, 0), (0, 1)), (2, 2), groups=2), (1, 5, 4, 2)),
]

CONV = defprim(
    "conv", _conv_fwd, _conv_vjp, batchable=False,
    examples=[((xs, ws), p) for xs, ws, p, _ in _CONV_CASES],
)
CONV_BPI = defprim(
    "conv_backprop_input", _bpi_fwd, _bpi_vjp, batchable=False,
    examples=[((ys, ws), {**p, "input_shape": xs}) for xs, ws, p, ys in _CONV_CASES],
)
CONV_BPF = defprim(
    "conv_backprop_filter", _bpf_fwd, _bpf_vjp, batchable=False,
    examples=[((xs, ys), {**p, "filter_shape": ws}) for xs, ws, p, ys in _CONV_CASES],
)
CONV2D, CONV2D_BPI, CONV2D_BPF = CONV, CONV_BPI, CONV_BPF


# --- pooling ----------------------------------------------------------------------------------


def _ones(r: int) -> tuple:
    return (1,) * r


def _pool_out(x_shape: tuple, ksize: tuple, strides: tuple, pads: tuple, dil: tuple) -> tuple:
    return tuple(out_size(n, k, s, d, lo, hi)
                 for n, k, s, d, (lo, hi) in zip(x_shape[1:-1], ksize, strides, dil, pads))


def _low(dtype: np.dtype) -> float:
    """The padding value of max pooling: below every value of ``dtype``."""
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _fold_windows(xp: np.ndarray, ksize: tuple, strides: tuple, dil: tuple, out: tuple,
                  combine: np.ufunc) -> np.ndarray:
    """The pooling windows of the padded ``xp`` folded with the in-place ufunc ``combine`` (np.maximum, np.add)."""
    y = None
    for tap in np.ndindex(*ksize):
        win = _window(xp, tap, strides, dil, out)
        if y is None:
            y = win.copy()
        else:
            combine(y, win, out=y)
    return y


def _max_pool_fwd(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple, dilations: tuple | None = None,
                  ties: str = "first") -> np.ndarray:
    dil = dilations or _ones(len(ksize))
    out = _pool_out(x.shape, ksize, strides, pads, dil)
    return _fold_windows(_pad(x, pads, _low(x.dtype)), ksize, strides, dil, out, np.maximum)


def _max_masks(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple, dil: tuple, ties: str):
    """Yield (tap, mask, out): where kernel tap ``tap`` holds its window's maximum, as an
    (N, *out, C) bool array. ``ties="first"`` keeps only each window's FIRST maximum in row-major
    tap order (TensorFlow's 1-D/2-D CPU kernels' choice); ``"all"`` keeps every tied maximum."""
    out = _pool_out(x.shape, ksize, strides, pads, dil)
    xp = _pad(x, pads, _low(x.dtype))
    y = _max_pool_fwd(x, ksize, strides, pads, dil)
    first = ties == "first"
    taken = None
    last = prod(ksize) - 1
    for i, tap in enumerate(np.ndindex(*ksize)):
        m = _window(xp, tap, strides, dil, out) == y
        if first:
            if taken is None:
                taken = m.copy() if last else m
            else:
                np.greater(m, taken, out=m)  # m and not taken
                if i != last:
                    taken |= m
        yield tap, m, out


def _max_pool_grad_fwd(x: np.ndarray, g: np.ndarray, ksize: tuple, strides: tuple, pads: tuple,
                       dilations: tuple | None = None, ties: str = "first") -> np.ndarray:
    """Route each window's ``g`` to the position(s) of that window's maximum in ``x``."""
    dil = dilations or _ones(len(ksize))
    if tuple(strides) == tuple(ksize) and _no_pad(pads) and all(d == 1 for d in dil):
        return _max_pool_grad_tiled(x, g, ksize, ties)
    sp = x.shape[1:-1]
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(sp, pads))
    dxp = np.zeros((x.shape[0],) + padded + (x.shape[-1],), dtype=g.dtype)
    # each input position is in at most one window: write, do not accumulate
    disjoint = all(s >= d * (k - 1) + 1 for s, k, d in zip(strides, ksize, dil))
    for tap, m, out in _max_masks(x, ksize, strides, pads, dil, ties):
        win = _window(dxp, tap, strides, dil, out)
        if disjoint:
            np.multiply(g, m, out=win)
        else:
            win += g * m
    return _crop(dxp, pads, sp)


def _max_pool_grad_tiled(x: np.ndarray, g: np.ndarray, ksize: tuple, ties: str) -> np.ndarray:
    """_max_pool_grad_fwd for windows that tile the input (stride == ksize, no padding): the
    windows become axes of a reshaped view, so the masks and the routing are single ops."""
    r = len(ksize)
    n, c = x.shape[0], x.shape[-1]
    out = tuple(s // k for s, k in zip(x.shape[1:-1], ksize))
    inner = (_ALL,) + tuple(slice(0, o * k) for o, k in zip(out, ksize)) + (_ALL,)
    split = (n,) + tuple(v for o, k in zip(out, ksize) for v in (o, k)) + (c,)
    xr = x[inner].reshape(split)
    y = _max_pool_fwd(x, ksize, ksize, ((0, 0),) * r)
    spread = (_ALL,) + (_ALL, None) * r + (_ALL,)  # (N, o1, 1, o2, 1, ..., C)
    m = xr == y[spread]
    if ties == "first":
        taken = None
        for tap in np.ndindex(*ksize):
            mk = m[(_ALL,) + tuple(v for t in tap for v in (_ALL, t)) + (_ALL,)]
            if taken is None:
                taken = mk.copy()
            else:  # keep only the first maximum of each window
                np.greater(mk, taken, out=mk)
                taken |= mk
    dr = np.empty(split, dtype=g.dtype)
    np.multiply(g[spread], m, out=dr)
    dr = dr.reshape((n,) + tuple(o * k for o, k in zip(out, ksize)) + (c,))
    if dr.shape == x.shape:
        return dr
    dx = np.zeros(x.shape, dtype=g.dtype)
    dx[inner] = dr
    return dx


def _max_pool_gather_fwd(x: np.ndarray, h: np.ndarray, ksize: tuple, strides: tuple, pads: tuple,
                         dilations: tuple | None = None, ties: str = "first") -> np.ndarray:
    """Pick from ``h`` (shaped like ``x``) the value(s) at each window's maximum of ``x``."""
    dil = dilations or _ones(len(ksize))
    hp = _pad(h, pads)
    res = None
    for tap, m, out in _max_masks(x, ksize, strides, pads, dil, ties):
        if res is None:
            res = np.zeros(m.shape, dtype=h.dtype)
        win = _window(hp, tap, strides, dil, out)
        if ties == "first":
            np.copyto(res, win, where=m)
        else:
            res += win * m
    return res


def _pool_params(p: dict) -> dict:
    q = {"ksize": p["ksize"], "strides": p["strides"], "pads": p["pads"]}
    if p.get("dilations") is not None:
        q["dilations"] = p["dilations"]
    return q


def _max_params(p: dict) -> dict:
    return {**_pool_params(p), "ties": p.get("ties", "first")}


def _max_pool_vjp(g, out, ins, p, need):
    return (bind2(MAX_POOL_GRAD, ins[0], g, _max_params(p)),)


def _max_pool_grad_vjp(h, out, ins, p, need):
    # d/dx is zero almost everywhere (the argmax is piecewise constant)
    return (None, bind2(MAX_POOL_GATHER, ins[0], h, _max_params(p)) if need[1] else None)


def _max_pool_gather_vjp(k, out, ins, p, need):
    return (None, bind2(MAX_POOL_GRAD, ins[0], k, _max_params(p)) if need[1] else None)


def _counts(x_shape: tuple, ksize: tuple, strides: tuple, pads: tuple, dil: tuple, dtype: np.dtype) -> np.ndarray:
    """(*out, 1) number of real (unpadded) elements in each window, as TF's avg_pool divides."""
    out = _pool_out(x_shape, ksize, strides, pads, dil)
    cnt = np.ones((), dtype=np.int64)
    for n, k, s, d, (lo, _), o in zip(x_shape[1:-1], ksize, strides, dil, pads, out):
        pos = (np.arange(o) * s - lo)[:, None] + np.arange(k) * d  # (o, k) input coordinates
        cnt = np.multiply.outer(cnt, ((pos >= 0) & (pos < n)).sum(axis=1))
    return cnt.astype(dtype)[..., None]


def _avg_divisor(x_shape: tuple, ksize: tuple, strides: tuple, pads: tuple, dil: tuple, dtype: np.dtype):
    if _no_pad(pads):
        return dtype.type(prod(ksize))
    return _counts(x_shape, ksize, strides, pads, dil, dtype)


def _avg_pool_fwd(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple, dilations: tuple | None = None) -> np.ndarray:
    dil = dilations or _ones(len(ksize))
    out = _pool_out(x.shape, ksize, strides, pads, dil)
    s = _fold_windows(_pad(x, pads), ksize, strides, dil, out, np.add)
    s /= _avg_divisor(x.shape, ksize, strides, pads, dil, x.dtype)
    return s


def _avg_pool_grad_fwd(g: np.ndarray, input_shape: tuple, ksize: tuple, strides: tuple, pads: tuple,
                       dilations: tuple | None = None) -> np.ndarray:
    """Spread each window's ``g`` evenly over its real elements."""
    dil = dilations or _ones(len(ksize))
    sp = tuple(input_shape[1:-1])
    out = g.shape[1:-1]
    gd = g / _avg_divisor(input_shape, ksize, strides, pads, dil, g.dtype)
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(sp, pads))
    dxp = np.zeros((input_shape[0],) + padded + (input_shape[-1],), dtype=g.dtype)
    for tap in np.ndindex(*ksize):
        _window(dxp, tap, strides, dil, out)[...] += gd
    return _crop(dxp, pads, sp)


def _avg_pool_vjp(g, out, ins, p, need):
    return (bind1(AVG_POOL_GRAD, g, {**_pool_params(p), "input_shape": ins[0]._value.shape}),)


def _avg_pool_grad_vjp(h, out, ins, p, need):
    return (bind1(AVG_POOL, h, _pool_params(p)),)


def _pp(k: tuple, s: tuple, pads: tuple, d: tuple | None = None) -> dict:
    p = {"ksize": k, "strides": s, "pads": pads}
    if d is not None:
        p["dilations"] = d
    return p


# (x shape, params, output shape): 2x2/2 VALID, 3x3/2 SAME (pads 1,1), 3x3/1 SAME, an uneven
# SAME pad (extra at the bottom/right, 2x2/2 over 5), overlapping VALID windows, dilated windows,
# 1-D and 3-D windows.
_POOL_CASES = [
    ((2, 4, 4, 3), _pp((2, 2), (2, 2), _P0), (2, 2, 2, 3)),
    ((2, 5, 5, 2), _pp((3, 3), (2, 2), _P1), (2, 3, 3, 2)),
    ((1, 4, 5, 2), _pp((3, 3), (1, 1), _P1), (1, 4, 5, 2)),
    ((1, 5, 5, 2), _pp((2, 2), (2, 2), ((0, 1), (0, 1))), (1, 3, 3, 2)),
    ((2, 5, 4, 1), _pp((3, 2), (1, 2), _P0), (2, 3, 2, 1)),
    ((1, 6, 5, 2), _pp((2, 2), (1, 1), _P0, (2, 3)), (1, 4, 2, 2)),
    ((2, 7, 3), _pp((3,), (2,), ((1, 1),)), (2, 4, 3)),
    ((1, 4, 5, 3, 2), _pp((2, 2, 2), (2, 2, 1), ((0, 0), (0, 1), (0, 1))), (1, 2, 3, 3, 2)),
    ((1, 4, 4, 4, 1), _pp((2, 2, 2), (2, 2, 2), ((0, 0),) * 3), (1, 2, 2, 2, 1)),
]
# ties="all" (TF's MaxPool3DGrad): with distinct values it routes exactly like "first"
_MAX_CASES = [(xs, p, ys) for xs, p, ys in _POOL_CASES] + [
    (xs, {**p, "ties": "all"}, ys) for xs, p, ys in _POOL_CASES if len(xs) == 5
]

MAX_POOL = defprim(
    "max_pool", _max_pool_fwd, _max_pool_vjp, batchable=False,
    examples=[((xs,), p, "distinct") for xs, p, _ in _MAX_CASES],
)
MAX_POOL_GRAD = defprim(
    "max_pool_grad", _max_pool_grad_fwd, _max_pool_grad_vjp, batchable=False,
    examples=[((xs, ys), p, "distinct") for xs, p, ys in _MAX_CASES],
)
MAX_POOL_GATHER = defprim(
    "max_pool_gather", _max_pool_gather_fwd, _max_pool_gather_vjp, batchable=False,
    examples=[((xs, xs), p, "distinct") for xs, p, _ in _MAX_CASES],
)
AVG_POOL = defprim(
    "avg_pool", _avg_pool_fwd, _avg_pool_vjp, batchable=False,
    examples=[((xs,), p) for xs, p, _ in _POOL_CASES],
)
AVG_POOL_GRAD = defprim(
    "avg_pool_grad", _avg_pool_grad_fwd, _avg_pool_grad_vjp, batchable=False,
    examples=[((ys,), {**p, "input_shape": xs}) for xs, p, ys in _POOL_CASES],
)


# --- max_pool_with_argmax's indices (not differentiable) ------------------------------------------


def _argmax_fwd(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple, include_batch: bool,
                dtype: np.dtype) -> np.ndarray:
    """Flattened index ``((b * H + y) * W + x) * C + c`` (``b`` only with ``include_batch``) of each
    2-D window's first maximum in row-major order, among its real (unpadded) elements: a window
    whose real elements are all equal to the padding value still points at its first real one."""
    n, h, w, c = x.shape
    dil = (1, 1)
    out = _pool_out(x.shape, ksize, strides, pads, dil)
    xp = _pad(x, pads, _low(x.dtype))
    valid = _pad(np.ones((1, h, w, 1), dtype=bool), pads, False)
    y = _max_pool_fwd(x, ksize, strides, pads)
    row = np.zeros((n,) + out + (c,), dtype=np.int64)
    col = np.zeros_like(row)
    found = np.zeros(row.shape, dtype=bool)
    oh = (np.arange(out[0]) * strides[0] - pads[0][0])[:, None, None]
    ow = (np.arange(out[1]) * strides[1] - pads[1][0])[None, :, None]
    for tap in np.ndindex(*ksize):
        m = (_window(xp, tap, strides, dil, out) == y) & _window(valid, tap, strides, dil, out)
        np.greater(m, found, out=m)
        found |= m
        np.copyto(row, oh + tap[0], where=m)
        np.copyto(col, ow + tap[1], where=m)
    idx = (row * w + col) * c + np.arange(c)
    if include_batch:
        idx = idx + (np.arange(n) * (h * w * c))[:, None, None, None]
    return idx.astype(dtype)


MAX_POOL_ARGMAX = defprim("max_pool_argmax", _argmax_fwd, None)


# --- morphological dilation (tf.nn.dilation2d) ---------------------------------------------------


def dilation2d_route(x: np.ndarray, w: np.ndarray, strides: tuple, rates: tuple, pads: tuple) -> tuple:
    """Where each output of a 2-D morphological dilation takes its value, as TF's CPU kernel
    picks it: scanning the window's real (in-bounds) taps in row-major order and keeping a tap
    only when ``x + w`` is STRICTLY greater than the best so far, starting from the dtype's
    lowest value. Returns flat indices into ``x`` and ``w`` (shaped like the output) and the mask
    of windows where no tap beat the lowest value (their output is that lowest value, and TF
    still routes their gradient to the first in-bounds input position and filter tap 0)."""
    n, h, wd, c = x.shape
    kh, kw, _ = w.shape
    out = _pool_out(x.shape, (kh, kw), strides, pads, rates)
    lowest = np.finfo(x.dtype).min if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    xp = _pad(x, pads, 0)
    valid = _pad(np.ones((1, h, wd, 1), dtype=bool), pads, False)
    best = np.full((n,) + out + (c,), lowest, dtype=x.dtype)
    row0 = np.arange(out[0]) * strides[0] - pads[0][0]
    col0 = np.arange(out[1]) * strides[1] - pads[1][0]
    row = np.broadcast_to(np.maximum(row0, 0)[:, None, None], best.shape).copy()
    col = np.broadcast_to(np.maximum(col0, 0)[None, :, None], best.shape).copy()
    tap_idx = np.zeros(best.shape, dtype=np.int64)
    for i, j in np.ndindex(kh, kw):
        v = _window(xp, (i, j), strides, rates, out) + w[i, j]
        m = (v > best) & _window(valid, (i, j), strides, rates, out)
        np.copyto(best, v, where=m)
        np.copyto(row, (row0 + i * rates[0])[:, None, None], where=m)
        np.copyto(col, (col0 + j * rates[1])[None, :, None], where=m)
        np.copyto(tap_idx, i * kw + j, where=m)
    ch = np.arange(c)
    pos = ((np.arange(n)[:, None, None, None] * h + np.minimum(row, h - 1)) * wd + np.minimum(col, wd - 1)) * c + ch
    tap = tap_idx * c + ch
    fill = best == lowest
    # a tap whose x + w equals the lowest value exactly never wins (strict >): same as unfilled
    return pos, tap, (fill if fill.any() else None)


def _pick_fwd(x: np.ndarray, w: np.ndarray, pos: np.ndarray, tap: np.ndarray, fill: np.ndarray | None = None) -> np.ndarray:
    v = x.reshape(-1)[pos] + w.reshape(-1)[tap]
    if fill is not None:
        lowest = np.finfo(v.dtype).min if v.dtype.kind == "f" else np.iinfo(v.dtype).min
        v[fill] = lowest
    return v


def _pick_vjp(g, out, ins, p, need):
    x, w = ins
    flat = C.reshape_to(g, (g._value.size,))

    def route(idx: np.ndarray, like: Tensor) -> Tensor:
        return C.reshape_to(A.scatter_add(flat, idx.reshape(-1), 0, like._value.size), like._value.shape)

    return (route(p["pos"], x) if need[0] else None, route(p["tap"], w) if need[1] else None)


def _pick_case(xs: tuple, ws: tuple, seed: int) -> tuple:
    """A rule example: fixed routing indices into ``x`` (shape xs) and ``w`` (shape ws)."""
    rng = np.random.default_rng(seed)
    shape = (xs[0], 2, 3, xs[-1])
    return ((xs, ws), {"pos": rng.integers(0, prod(xs), shape), "tap": rng.integers(0, prod(ws), shape)})


DILATION2D_PICK = defprim(
    "dilation2d_pick", _pick_fwd, _pick_vjp, batchable=False,
    examples=[_pick_case((2, 4, 3, 2), (2, 2, 2), 0), _pick_case((1, 3, 3, 1), (3, 2, 1), 1)],
)


__all__ = [
    "CONV", "CONV_BPI", "CONV_BPF", "CONV2D", "CONV2D_BPI", "CONV2D_BPF", "MAX_POOL", "MAX_POOL_GRAD",
    "MAX_POOL_GATHER", "AVG_POOL", "AVG_POOL_GRAD", "MAX_POOL_ARGMAX", "DILATION2D_PICK", "conv_raw",
    "conv_backprop_input_raw", "conv_backprop_filter_raw", "conv2d_raw", "conv2d_backprop_input_raw",
    "conv2d_backprop_filter_raw", "dilation2d_route", "out_size",
]
