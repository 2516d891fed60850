"""Convolution and pooling primitives (NHWC data, HWIO filters) and their rules.

All spatial arguments arrive resolved: ``strides`` and ``dilations`` are ``(h, w)`` int pairs,
``pads`` is ``((top, bottom), (left, right))``. Forwards use im2col (a strided view of the
padded input, copied once into a patch matrix) and one matmul; the only Python loops run over
kernel positions (``kh * kw`` iterations), never over pixels.

The rules form closed families, so every derivative of every order stays in the table:
  conv2d(x, w)                 -> x: conv2d_backprop_input(g, w),  w: conv2d_backprop_filter(x, g)
  conv2d_backprop_input(g, w)  -> g: conv2d(h, w),                 w: conv2d_backprop_filter(h, g)
  conv2d_backprop_filter(x, g) -> x: conv2d_backprop_input(g, H),  g: conv2d(x, H)
  max_pool(x)                  -> x: max_pool_grad(x, g)
  max_pool_grad(x, g)          -> g: max_pool_gather(x, h)   (x: zero almost everywhere)
  max_pool_gather(x, h)        -> h: max_pool_grad(x, k)
  avg_pool(x)  <->  avg_pool_grad(g)   (linear, each other's VJP)

Example:
    >>> from tapeflow.primitives import RULES
    >>> import tapeflow.primitives.conv  # noqa: F401
    >>> "conv2d_backprop_input" in RULES
    True
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..tensor import Tensor
from . import bind1, bind2, defprim

# --- array helpers ----------------------------------------------------------------------------


def out_size(n: int, k: int, s: int, d: int, lo: int, hi: int) -> int:
    """Output length of a window of size ``k`` (dilation ``d``) at stride ``s`` over padded ``n``."""
    return (n + lo + hi - (d * (k - 1) + 1)) // s + 1


def _pad(x: np.ndarray, pads: tuple, value: float = 0) -> np.ndarray:
    """Pad axes 1 and 2 of an NHWC array (a fresh array only when some pad is non-zero)."""
    (pt, pb), (pl, pr) = pads
    if not (pt or pb or pl or pr):
        return x
    n, h, w, c = x.shape
    xp = np.full((n, h + pt + pb, w + pl + pr, c), value, dtype=x.dtype)
    xp[:, pt:pt + h, pl:pl + w, :] = x
    return xp


def _crop(xp: np.ndarray, pads: tuple, h: int, w: int) -> np.ndarray:
    pt, pl = pads[0][0], pads[1][0]
    if xp.shape[1] == h and xp.shape[2] == w:
        return xp
    return xp[:, pt:pt + h, pl:pl + w, :]


def _patches(xp: np.ndarray, kh: int, kw: int, strides: tuple, dil: tuple, ho: int, wo: int) -> np.ndarray:
    """A read-only (N, Ho, Wo, kh, kw, C) view of the windows of padded ``xp`` (no copy)."""
    sn, sh, sw, sc = xp.strides
    shape = (xp.shape[0], ho, wo, kh, kw, xp.shape[3])
    st = (sn, sh * strides[0], sw * strides[1], sh * dil[0], sw * dil[1], sc)
    if xp.flags.c_contiguous and xp.size:  # a direct view on the buffer: ~10x cheaper than as_strided
        return np.ndarray(shape, xp.dtype, xp, 0, st)
    return as_strided(xp, shape, st, writeable=False)


def _window(a: np.ndarray, i: int, j: int, strides: tuple, dil: tuple, ho: int, wo: int) -> np.ndarray:
    """Axes 1, 2 of ``a`` at kernel offset (i, j): the (N, Ho, Wo, C) slice every window sees there."""
    r0, c0 = i * dil[0], j * dil[1]
    return a[:, r0:r0 + strides[0] * (ho - 1) + 1:strides[0], c0:c0 + strides[1] * (wo - 1) + 1:strides[1], :]


def _im2col(x: np.ndarray, kh: int, kw: int, strides: tuple, pads: tuple, dil: tuple) -> tuple:
    """The (N*Ho*Wo, kh*kw*C) patch matrix of ``x`` and the output size (Ho, Wo)."""
    n, h, w, c = x.shape
    ho = out_size(h, kh, strides[0], dil[0], *pads[0])
    wo = out_size(w, kw, strides[1], dil[1], *pads[1])
    if kh == 1 and kw == 1 and strides == (1, 1) and not any(pads[0] + pads[1]):
        return x.reshape(n * h * w, c), ho, wo
    xp = _pad(x, pads)
    cols = _patches(xp, kh, kw, strides, dil, ho, wo).reshape(n * ho * wo, kh * kw * c)
    return cols, ho, wo


# --- conv2d and its two backprops -------------------------------------------------------------


def _conv2d_fwd(x: np.ndarray, w: np.ndarray, strides: tuple, pads: tuple, dilations: tuple) -> np.ndarray:
    kh, kw, c, o = w.shape
    cols, ho, wo = _im2col(x, kh, kw, strides, pads, dilations)
    y = cols @ w.reshape(kh * kw * c, o)
    return y.reshape(x.shape[0], ho, wo, o)


def _bpi_fwd(g: np.ndarray, w: np.ndarray, input_shape: tuple, strides: tuple, pads: tuple,
             dilations: tuple) -> np.ndarray:
    """The input gradient of conv2d: a transposed convolution of ``g`` (N, Ho, Wo, O) with ``w``."""
    kh, kw, c, o = w.shape
    n, h, wd, _ = input_shape
    _, ho, wo, _ = g.shape
    g2 = g.reshape(-1, o)
    hp = h + pads[0][0] + pads[0][1]
    wp = wd + pads[1][0] + pads[1][1]
    if kh == 1 and kw == 1 and strides == (1, 1) and hp == h and wp == wd:
        return (g2 @ w[0, 0].T).reshape(n, h, wd, c)
    # one matmul per kernel tap, accumulated into the taps' windows (col2im without the
    # (N*Ho*Wo, kh*kw*C) column buffer)
    dxp = np.zeros((n, hp, wp, c), dtype=np.result_type(g, w))
    tmp = np.empty((g2.shape[0], c), dtype=dxp.dtype)
    for i in range(kh):
        for j in range(kw):
            np.matmul(g2, w[i, j].T, out=tmp)
            _window(dxp, i, j, strides, dilations, ho, wo)[...] += tmp.reshape(n, ho, wo, c)
    return _crop(dxp, pads, h, wd)


def _bpf_fwd(x: np.ndarray, g: np.ndarray, filter_shape: tuple, strides: tuple, pads: tuple,
             dilations: tuple) -> np.ndarray:
    """The filter gradient of conv2d: the correlation of ``x`` with ``g``, shape (kh, kw, C, O)."""
    kh, kw, c, o = filter_shape
    cols, ho, wo = _im2col(x, kh, kw, strides, pads, dilations)
    return (cols.T @ g.reshape(-1, o)).reshape(filter_shape)


def _conv_params(p: dict) -> dict:
    return {"strides": p["strides"], "pads": p["pads"], "dilations": p["dilations"]}


def conv2d_raw(x: Tensor, w: Tensor, p: dict) -> Tensor:
    """conv2d on Tensors with resolved params (no argument checks)."""
    return bind2(CONV2D, x, w, p)


def conv2d_backprop_input_raw(g: Tensor, w: Tensor, input_shape: tuple, p: dict) -> Tensor:
    return bind2(CONV2D_BPI, g, w, {**_conv_params(p), "input_shape": tuple(input_shape)})


def conv2d_backprop_filter_raw(x: Tensor, g: Tensor, filter_shape: tuple, p: dict) -> Tensor:
    return bind2(CONV2D_BPF, x, g, {**_conv_params(p), "filter_shape": tuple(filter_shape)})


def _conv2d_vjp(g, out, ins, p, need):
    x, w = ins
    return (
        conv2d_backprop_input_raw(g, w, x._value.shape, p) if need[0] else None,
        conv2d_backprop_filter_raw(x, g, w._value.shape, p) if need[1] else None,
    )


def _bpi_vjp(h, out, ins, p, need):
    g, w = ins
    cp = _conv_params(p)
    return (
        conv2d_raw(h, w, cp) if need[0] else None,
        conv2d_backprop_filter_raw(h, g, w._value.shape, cp) if need[1] else None,
    )


def _bpf_vjp(hw, out, ins, p, need):
    x, g = ins
    cp = _conv_params(p)
    return (
        conv2d_backprop_input_raw(g, hw, x._value.shape, cp) if need[0] else None,
        conv2d_raw(x, hw, cp) if need[1] else None,
    )


def _cp(s: tuple, pads: tuple, d: tuple = (1, 1)) -> dict:
    return {"strides": s, "pads": pads, "dilations": d}


_P0 = ((0, 0), (0, 0))
_P1 = ((1, 1), (1, 1))
# (x shape, filter shape, params, output shape): stride 1/2, VALID/SAME (TF's SAME pads), dilation,
# an uneven SAME pad (extra at the bottom/right) and a 1x1 kernel.
_CONV_CASES = [
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((1, 1), _P0), (2, 3, 3, 4)),
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((1, 1), _P1), (2, 5, 5, 4)),
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((2, 2), _P0), (2, 2, 2, 4)),
    ((2, 5, 5, 3), (3, 3, 3, 4), _cp((2, 2), _P1), (2, 3, 3, 4)),
    ((1, 6, 5, 2), (2, 3, 2, 3), _cp((2, 1), ((0, 1), (1, 1))), (1, 3, 5, 3)),
    ((1, 6, 6, 2), (2, 2, 2, 3), _cp((1, 1), ((1, 1), (1, 1)), (2, 2)), (1, 6, 6, 3)),
    ((2, 4, 4, 3), (1, 1, 3, 2), _cp((1, 1), _P0), (2, 4, 4, 2)),
]

CONV2D = defprim(
    "conv2d", _conv2d_fwd, _conv2d_vjp, batchable=False,
    examples=[((xs, ws), p) for xs, ws, p, _ in _CONV_CASES],
)
CONV2D_BPI = defprim(
    "conv2d_backprop_input", _bpi_fwd, _bpi_vjp, batchable=False,
    examples=[((ys, ws), {**p, "input_shape": xs}) for xs, ws, p, ys in _CONV_CASES],
)
CONV2D_BPF = defprim(
    "conv2d_backprop_filter", _bpf_fwd, _bpf_vjp, batchable=False,
    examples=[((xs, ys), {**p, "filter_shape": ws}) for xs, ws, p, ys in _CONV_CASES],
)


# --- pooling ----------------------------------------------------------------------------------

_ONE = (1, 1)


def _pool_out(x_shape: tuple, ksize: tuple, strides: tuple, pads: tuple) -> tuple:
    return (out_size(x_shape[1], ksize[0], strides[0], 1, *pads[0]),
            out_size(x_shape[2], ksize[1], strides[1], 1, *pads[1]))


def _low(dtype: np.dtype) -> float:
    """The padding value of max pooling: below every value of ``dtype``."""
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _max_pool_fwd(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple) -> np.ndarray:
    ho, wo = _pool_out(x.shape, ksize, strides, pads)
    xp = _pad(x, pads, _low(x.dtype))
    y = _window(xp, 0, 0, strides, _ONE, ho, wo).copy()
    for i in range(ksize[0]):
        for j in range(ksize[1]):
            if i or j:
                np.maximum(y, _window(xp, i, j, strides, _ONE, ho, wo), out=y)
    return y


def _first_max_masks(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple):
    """Yield (i, j, mask): where kernel offset (i, j) holds its window's FIRST maximum in
    row-major order (TensorFlow's CPU kernel's choice on ties), as an (N, Ho, Wo, C) bool array."""
    ho, wo = _pool_out(x.shape, ksize, strides, pads)
    xp = _pad(x, pads, _low(x.dtype))
    y = _max_pool_fwd(x, ksize, strides, pads)
    taken = None
    last = ksize[0] * ksize[1] - 1
    for i in range(ksize[0]):
        for j in range(ksize[1]):
            m = _window(xp, i, j, strides, _ONE, ho, wo) == y
            if taken is None:
                taken = m.copy() if last else m
            else:
                np.greater(m, taken, out=m)  # m and not taken
                if i * ksize[1] + j != last:
                    taken |= m
            yield i, j, m, ho, wo


def _max_pool_grad_fwd(x: np.ndarray, g: np.ndarray, ksize: tuple, strides: tuple, pads: tuple) -> np.ndarray:
    """Route each window's ``g`` to the position of that window's (first) maximum in ``x``."""
    n, h, w, c = x.shape
    if tuple(strides) == tuple(ksize) and not any(pads[0] + pads[1]):
        return _max_pool_grad_tiled(x, g, ksize)
    dxp = np.zeros((n, h + pads[0][0] + pads[0][1], w + pads[1][0] + pads[1][1], c), dtype=g.dtype)
    disjoint = strides[0] >= ksize[0] and strides[1] >= ksize[1]
    for i, j, m, ho, wo in _first_max_masks(x, ksize, strides, pads):
        win = _window(dxp, i, j, strides, _ONE, ho, wo)
        if disjoint:  # each input position is in at most one window: write, do not accumulate
            np.multiply(g, m, out=win)
        else:
            win += g * m
    return _crop(dxp, pads, h, w)


def _max_pool_grad_tiled(x: np.ndarray, g: np.ndarray, ksize: tuple) -> np.ndarray:
    """_max_pool_grad_fwd for windows that tile the input (stride == ksize, no padding): the
    windows become two axes of a reshaped view, so the masks and the routing are single ops."""
    n, h, w, c = x.shape
    kh, kw = ksize
    ho, wo = h // kh, w // kw
    xr = x[:, :ho * kh, :wo * kw].reshape(n, ho, kh, wo, kw, c)
    m = xr == _max_pool_fwd(x, ksize, ksize, ((0, 0), (0, 0)))[:, :, None, :, None, :]
    taken = m[:, :, 0, :, 0, :].copy()
    for i in range(kh):
        for j in range(kw):
            if i or j:  # keep only the first maximum of each window
                mk = m[:, :, i, :, j, :]
                np.greater(mk, taken, out=mk)
                taken |= mk
    dx = np.zeros(x.shape, dtype=g.dtype)
    dr = dx[:, :ho * kh, :wo * kw].reshape(n, ho, kh, wo, kw, c)
    np.multiply(g[:, :, None, :, None, :], m, out=dr)
    return dx


def _max_pool_gather_fwd(x: np.ndarray, h: np.ndarray, ksize: tuple, strides: tuple, pads: tuple) -> np.ndarray:
    """Pick from ``h`` (shaped like ``x``) the value at each window's maximum of ``x``."""
    hp = _pad(h, pads)
    out = None
    for i, j, m, ho, wo in _first_max_masks(x, ksize, strides, pads):
        if out is None:
            out = np.zeros(m.shape, dtype=h.dtype)
        np.copyto(out, _window(hp, i, j, strides, _ONE, ho, wo), where=m)
    return out


def _max_pool_vjp(g, out, ins, p, need):
    return (bind2(MAX_POOL_GRAD, ins[0], g, p),)


def _max_pool_grad_vjp(h, out, ins, p, need):
    # d/dx is zero almost everywhere (the argmax is piecewise constant)
    return (None, bind2(MAX_POOL_GATHER, ins[0], h, p) if need[1] else None)


def _max_pool_gather_vjp(k, out, ins, p, need):
    return (None, bind2(MAX_POOL_GRAD, ins[0], k, p) if need[1] else None)


def _counts(x_shape: tuple, ksize: tuple, strides: tuple, pads: tuple, dtype: np.dtype) -> np.ndarray:
    """(Ho, Wo, 1) number of real (unpadded) elements in each window, as TF's avg_pool divides."""
    h, w = x_shape[1], x_shape[2]
    ho, wo = _pool_out(x_shape, ksize, strides, pads)

    def axis(n: int, k: int, s: int, lo: int, o: int) -> np.ndarray:
        start = np.arange(o) * s - lo
        return np.minimum(start + k, n) - np.maximum(start, 0)

    cnt = np.multiply.outer(axis(h, ksize[0], strides[0], pads[0][0], ho),
                            axis(w, ksize[1], strides[1], pads[1][0], wo))
    return cnt.astype(dtype)[:, :, None]


def _avg_pool_fwd(x: np.ndarray, ksize: tuple, strides: tuple, pads: tuple) -> np.ndarray:
    ho, wo = _pool_out(x.shape, ksize, strides, pads)
    xp = _pad(x, pads)
    s = _window(xp, 0, 0, strides, _ONE, ho, wo).copy()
    for i in range(ksize[0]):
        for j in range(ksize[1]):
            if i or j:
                s += _window(xp, i, j, strides, _ONE, ho, wo)
    if any(pads[0] + pads[1]):
        s /= _counts(x.shape, ksize, strides, pads, x.dtype)
    else:
        s /= x.dtype.type(ksize[0] * ksize[1])
    return s


def _avg_pool_grad_fwd(g: np.ndarray, input_shape: tuple, ksize: tuple, strides: tuple, pads: tuple) -> np.ndarray:
    """Spread each window's ``g`` evenly over its real elements."""
    n, h, w, c = input_shape
    ho, wo = g.shape[1], g.shape[2]
    if any(pads[0] + pads[1]):
        gd = g / _counts(input_shape, ksize, strides, pads, g.dtype)
    else:
        gd = g / g.dtype.type(ksize[0] * ksize[1])
    dxp = np.zeros((n, h + pads[0][0] + pads[0][1], w + pads[1][0] + pads[1][1], c), dtype=g.dtype)
    for i in range(ksize[0]):
        for j in range(ksize[1]):
            _window(dxp, i, j, strides, _ONE, ho, wo)[...] += gd
    return _crop(dxp, pads, h, w)


def _avg_pool_vjp(g, out, ins, p, need):
    return (bind1(AVG_POOL_GRAD, g, {**p, "input_shape": ins[0]._value.shape}),)


def _avg_pool_grad_vjp(h, out, ins, p, need):
    return (bind1(AVG_POOL, h, {"ksize": p["ksize"], "strides": p["strides"], "pads": p["pads"]}),)


def _pp(k: tuple, s: tuple, pads: tuple) -> dict:
    return {"ksize": k, "strides": s, "pads": pads}


# (x shape, params, output shape): 2x2/2 VALID, 3x3/2 SAME (pads 1,1), 3x3/1 SAME, an uneven
# SAME pad (extra at the bottom/right, 2x2/2 over 5), overlapping VALID windows.
_POOL_CASES = [
    ((2, 4, 4, 3), _pp((2, 2), (2, 2), _P0), (2, 2, 2, 3)),
    ((2, 5, 5, 2), _pp((3, 3), (2, 2), _P1), (2, 3, 3, 2)),
    ((1, 4, 5, 2), _pp((3, 3), (1, 1), _P1), (1, 4, 5, 2)),
    ((1, 5, 5, 2), _pp((2, 2), (2, 2), ((0, 1), (0, 1))), (1, 3, 3, 2)),
    ((2, 5, 4, 1), _pp((3, 2), (1, 2), _P0), (2, 3, 2, 1)),
]

MAX_POOL = defprim(
    "max_pool", _max_pool_fwd, _max_pool_vjp, batchable=False,
    examples=[((xs,), p, "distinct") for xs, p, _ in _POOL_CASES],
)
MAX_POOL_GRAD = defprim(
    "max_pool_grad", _max_pool_grad_fwd, _max_pool_grad_vjp, batchable=False,
    examples=[((xs, ys), p, "distinct") for xs, p, ys in _POOL_CASES],
)
MAX_POOL_GATHER = defprim(
    "max_pool_gather", _max_pool_gather_fwd, _max_pool_gather_vjp, batchable=False,
    examples=[((xs, xs), p, "distinct") for xs, p, _ in _POOL_CASES],
)
AVG_POOL = defprim(
    "avg_pool", _avg_pool_fwd, _avg_pool_vjp, batchable=False,
    examples=[((xs,), p) for xs, p, _ in _POOL_CASES],
)
AVG_POOL_GRAD = defprim(
    "avg_pool_grad", _avg_pool_grad_fwd, _avg_pool_grad_vjp, batchable=False,
    examples=[((ys,), {**p, "input_shape": xs}) for xs, p, ys in _POOL_CASES],
)

__all__ = [
    "CONV2D", "CONV2D_BPI", "CONV2D_BPF", "MAX_POOL", "MAX_POOL_GRAD", "MAX_POOL_GATHER",
    "AVG_POOL", "AVG_POOL_GRAD", "conv2d_raw", "conv2d_backprop_input_raw",
    "conv2d_backprop_filter_raw", "out_size",
]
