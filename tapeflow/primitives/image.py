"""Image primitives: TF's resampling kernels, colour-space kernels and non-max suppression.

Resampling works on arrays shaped ``(..., H, W, C)`` (any leading axes, so cotangent batches
pass through). Each forward reproduces the arithmetic of TF's CPU kernel in float32 (same
sample positions, same weight tables, same order of operations), so results match TF bit for
bit; float64 inputs (used by the gradient checker) run the same arithmetic in float64.

All resizes are linear maps ``out = My @ x @ Mx^T`` (one matrix per spatial axis). Their VJP is
``resize_grad`` (``My^T @ g @ Mx``), whose own VJP is the forward again, so derivatives of any
order exist:

  resize_bilinear / resize_nearest_neighbor / resize_bicubic / scale_and_translate
        -> g: resize_grad(g)            resize_grad -> gg: the forward resize
  resize_area: no gradient registered (TF's ``ResizeArea``)

Colour kernels: ``rgb_to_hsv`` (differentiable, TF's tie-breaking), ``hsv_to_rgb`` (TF marks it
not differentiable), ``adjust_hue`` / ``adjust_saturation`` / ``adjust_contrast`` (TF registers
no gradient). NMS kernels return indices and have no gradient.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import image as I
    >>> I.resize_bilinear_fwd(np.array([[[0.0], [1.0]]], np.float32)[None], (1, 4))[0, 0, :, 0].tolist()
    [0.0, 0.25, 0.75, 1.0]
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
from functools import lru_cache

import numpy as np

from ..tensor import Tensor
from . import array as A
from . import bind1, defprim, no_gradient
from . import core as C

F32 = np.float32
_TINY = F32(1000.0) * np.finfo(F32).tiny  # TF skips normalising a weight sum smaller than this

# --- float32 sine as TF's kernels compute it (the C library's sinf) ----------------------------------


def _load_sinf():
    try:
        name = ctypes.util.find_library("m")
        lib = ctypes.CDLL(name) if name else None
        f = lib.sinf
        f.restype = ctypes.c_float
        f.argtypes = [ctypes.c_float]
        return f
    except (OSError, AttributeError, TypeError):  # no C maths library: NumPy's float32 sine
        return None


_SINF = _load_sinf()


def _sinf(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, F32)
    if _SINF is None:
        return np.sin(a)
    flat = [_SINF(float(v)) for v in a.reshape(-1)]
    return np.array(flat, F32).reshape(a.shape)


# --- sampling positions and weights (TF's kernels, float32) --------------------------------------------


def _scale(n_in: int, n_out: int) -> np.float32:
    return F32(n_in) / F32(n_out)


@lru_cache(maxsize=256)
def bilinear_taps(n_in: int, n_out: int) -> tuple:
    """Half-pixel-centre bilinear taps: lower and upper source index and the float32 lerp."""
    pos = (np.arange(n_out, dtype=F32) + F32(0.5)) * _scale(n_in, n_out) - F32(0.5)
    fl = np.floor(pos)
    lo = np.maximum(fl.astype(np.int64), 0)
    hi = np.minimum(np.ceil(pos).astype(np.int64), n_in - 1)
    return lo, hi, (pos - fl).astype(F32)


@lru_cache(maxsize=256)
def nearest_index(n_in: int, n_out: int) -> np.ndarray:
    """Half-pixel-centre nearest neighbour: floor((o + 0.5) * scale), clamped."""
    pos = (np.arange(n_out, dtype=F32) + F32(0.5)) * _scale(n_in, n_out)
    return np.clip(np.floor(pos).astype(np.int64), 0, n_in - 1)


@lru_cache(maxsize=1)
def _keys_table() -> tuple:
    """Keys cubic (a = -0.5) sampled at 1025 points of [0, 1] (inner taps) and [1, 2] (outer taps)."""
    a = -0.5
    n = 1024
    x = (np.arange(n + 1) / n).astype(F32).astype(np.float64)
    inner = (((a + 2) * x - (a + 3)) * x * x + 1).astype(F32)
    x1 = (x.astype(F32) + F32(1.0)).astype(np.float64)
    outer = (((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a).astype(F32)
    return inner, outer


@lru_cache(maxsize=256)
def bicubic_taps(n_in: int, n_out: int) -> tuple:
    """Four taps per output: indices (n_out, 4) and weights (out-of-image taps get weight 0 and
    the rest are renormalised), from TF's 1024-step table of the Keys kernel."""
    inner, outer = _keys_table()
    pos = (np.arange(n_out, dtype=F32) + F32(0.5)) * _scale(n_in, n_out) - F32(0.5)
    base = np.floor(pos)
    loc = base.astype(np.int64)
    off = np.rint((pos - base).astype(F32) * F32(1024)).astype(np.int64)
    raw = (outer[off], inner[off], inner[1024 - off], outer[1024 - off])
    idx, w = [], []
    for k in range(4):
        want = loc - 1 + k
        b = np.clip(want, 0, n_in - 1)
        idx.append(b)
        w.append(np.where(b == want, raw[k], F32(0)).astype(F32))
    tot = ((w[0] + w[1]) + w[2]) + w[3]
    ok = np.abs(tot) >= _TINY
    inv = (F32(1) / np.where(ok, tot, F32(1))).astype(F32)
    w = [np.where(ok, wk * inv, wk).astype(F32) for wk in w]
    return np.stack(idx, 1), np.stack(w, 1)


@lru_cache(maxsize=256)
def area_taps(n_in: int, n_out: int) -> tuple:
    """Box-filter taps: indices, float32 weights (the covered fraction of each source cell) and a
    validity mask, all (n_out, K); and the float32 scale n_in / n_out."""
    s = _scale(n_in, n_out)
    rows = []
    for o in range(n_out):
        a = F32(o) * s
        b = F32(o + 1) * s
        taps = []
        for i in range(int(math.floor(a)), int(math.ceil(b))):
            if i < a:
                wi = s if i + 1 > b else F32(i + 1) - a
            else:
                wi = b - F32(i) if i + 1 > b else F32(1.0)
            taps.append((min(max(i, 0), n_in - 1), F32(wi)))
        rows.append(taps)
    k = max(len(r) for r in rows)
    idx = np.zeros((n_out, k), np.int64)
    w = np.zeros((n_out, k), F32)
    valid = np.zeros((n_out, k), bool)
    for o, taps in enumerate(rows):
        for t, (i, wi) in enumerate(taps):
            idx[o, t], w[o, t], valid[o, t] = i, wi, True
    return idx, w, valid, s


# scale_and_translate's sampling kernels (functions of |x| in float32) and their radii
_PI = F32(3.14159265359)


def _lanczos(r: int):
    def k(x: np.ndarray) -> np.ndarray:
        x = np.abs(x).astype(F32)
        with np.errstate(all="ignore"):
            v = (F32(r) * _sinf(_PI * x) * _sinf(_PI * x / F32(r)) / (_PI * _PI * x * x)).astype(F32)
        return np.where(x > r, F32(0), np.where(x <= F32(1e-3), F32(1), v)).astype(F32)
    return k


def _gaussian(x: np.ndarray) -> np.ndarray:
    x = np.abs(x).astype(F32)
    sigma = float(F32(1.5) / F32(3.0))
    v = np.exp((-x * x).astype(np.float64) / (2.0 * sigma * sigma)).astype(F32)
    return np.where(x >= F32(1.5), F32(0), v).astype(F32)


def _triangle(x: np.ndarray) -> np.ndarray:
    x = np.abs(x).astype(F32)
    return np.where(x < 1, F32(1) - x, F32(0)).astype(F32)


def _keyscubic(x: np.ndarray) -> np.ndarray:
    x = np.abs(x).astype(F32)
    far = ((F32(-0.5) * x + F32(2.5)) * x - F32(4.0)) * x + F32(2.0)
    near = ((F32(1.5) * x - F32(2.5)) * x) * x + F32(1.0)
    return np.where(x >= 2, F32(0), np.where(x >= 1, far, near)).astype(F32)


def _mitchell(x: np.ndarray) -> np.ndarray:
    x = np.abs(x).astype(F32)
    far = ((F32(-7.0 / 18.0) * x + F32(2.0)) * x - F32(10.0 / 3.0)) * x + F32(16.0 / 9.0)
    near = ((F32(7.0 / 6.0) * x - F32(2.0)) * x) * x + F32(8.0 / 9.0)
    return np.where(x >= 2, F32(0), np.where(x >= 1, far, near)).astype(F32)


KERNELS = {"lanczos3": (_lanczos(3), 3.0), "lanczos5": (_lanczos(5), 5.0), "gaussian": (_gaussian, 1.5),
           "triangle": (_triangle, 1.0), "keyscubic": (_keyscubic, 2.0), "mitchellcubic": (_mitchell, 2.0)}


@lru_cache(maxsize=256)
def st_taps(n_in: int, n_out: int, kernel: str, antialias: bool, scale: float, translate: float) -> tuple:
    """scale_and_translate's spans: indices, float32 weights and validity, all (n_out, span)."""
    kfun, radius = KERNELS[kernel]
    scale = F32(scale)
    inv_scale = F32(1.0 / float(scale))
    inv_translate = F32(-inv_scale * F32(translate))
    kscale = max(inv_scale, F32(1.0)) if antialias else F32(1.0)
    span = min(2 * int(math.ceil(F32(radius) * kscale)) + 1, n_in)
    one_over = F32(1.0) / kscale
    sample = (np.arange(n_out, dtype=F32) + F32(0.5)) * inv_scale + inv_translate
    inside = (sample >= 0) & (sample <= n_in)
    s0 = np.clip(np.ceil(sample - F32(radius) * kscale - F32(0.5)).astype(np.int64), 0, n_in - 1)
    s1 = np.clip(np.floor(sample + F32(radius) * kscale - F32(0.5)).astype(np.int64), 0, n_in - 1) + 1
    src = s0[:, None] + np.arange(span)[None, :]
    valid = (src < s1[:, None]) & inside[:, None]
    pos = (src.astype(F32) + F32(0.5)) - sample[:, None]
    raw = np.where(valid, kfun((pos * one_over).astype(F32)), F32(0)).astype(F32)
    tot = np.zeros(n_out, F32)
    for t in range(span):  # TF sums the weights left to right in float32
        tot = (tot + raw[:, t]).astype(F32)
    ok = np.abs(tot) >= _TINY
    inv = (F32(1.0) / np.where(ok, tot, F32(1))).astype(F32)
    w = np.where(ok[:, None], raw * inv[:, None], F32(0)).astype(F32)
    return np.minimum(src, n_in - 1), w, valid


# --- dense matrices (for the VJPs) -----------------------------------------------------------------


def _dense(n_in: int, idx: np.ndarray, w: np.ndarray) -> np.ndarray:
    m = np.zeros((idx.shape[0], n_in))
    rows = np.repeat(np.arange(idx.shape[0]), idx.shape[1])
    np.add.at(m, (rows, idx.reshape(-1)), w.reshape(-1).astype(np.float64))
    return m


@lru_cache(maxsize=256)
def resize_matrix(method: str, n_in: int, n_out: int, extra: tuple = ()) -> np.ndarray:
    """The (n_out, n_in) float64 matrix of one axis of ``method`` (``extra``: scale_and_translate's
    kernel, antialias, scale, translate)."""
    if method == "resize_bilinear":
        lo, hi, lerp = bilinear_taps(n_in, n_out)
        lerp = lerp.astype(np.float64)
        return _dense(n_in, np.stack([lo, hi], 1), np.stack([1 - lerp, lerp], 1))
    if method == "resize_nearest_neighbor":
        idx = nearest_index(n_in, n_out)
        return _dense(n_in, idx[:, None], np.ones((n_out, 1)))
    if method == "resize_bicubic":
        return _dense(n_in, *bicubic_taps(n_in, n_out))
    idx, w, _ = st_taps(n_in, n_out, *extra)
    return _dense(n_in, idx, w)


# --- forwards -------------------------------------------------------------------------------------


def _compute_dtype(x: np.ndarray) -> np.dtype:
    return x.dtype if x.dtype in (np.float32, np.float64) else np.dtype(F32)


def _flat4(x: np.ndarray) -> tuple:
    lead = x.shape[:-3]
    return x.reshape((-1,) + x.shape[-3:]), lead


def resize_bilinear_fwd(x: np.ndarray, size: tuple) -> np.ndarray:
    """TF's ResizeBilinear (half-pixel centres): lerp along x on two rows, then along y."""
    ct = _compute_dtype(x)
    x4, lead = _flat4(x)
    x4 = x4.astype(ct, copy=False)
    ylo, yhi, yl = bilinear_taps(x4.shape[1], size[0])
    xlo, xhi, xl = bilinear_taps(x4.shape[2], size[1])
    xl = xl.astype(ct)[:, None]
    yl = yl.astype(ct)[:, None, None]
    top, bot = x4[:, ylo], x4[:, yhi]
    tl, tr, bl, br = top[:, :, xlo], top[:, :, xhi], bot[:, :, xlo], bot[:, :, xhi]
    t = tl + (tr - tl) * xl
    b = bl + (br - bl) * xl
    out = t + (b - t) * yl
    return out.reshape(lead + out.shape[1:])


def resize_nearest_fwd(x: np.ndarray, size: tuple) -> np.ndarray:
    """TF's ResizeNearestNeighbor (half-pixel centres); keeps the dtype."""
    yi = nearest_index(x.shape[-3], size[0])
    xi = nearest_index(x.shape[-2], size[1])
    return x[..., yi, :, :][..., xi, :]


def resize_bicubic_fwd(x: np.ndarray, size: tuple) -> np.ndarray:
    """TF's ResizeBicubic (half-pixel centres, Keys a = -0.5): four taps along y for each of the
    four x taps, then the x taps, accumulated left to right."""
    ct = _compute_dtype(x)
    x4, lead = _flat4(x)
    x4 = x4.astype(ct, copy=False)
    yi, yw = bicubic_taps(x4.shape[1], size[0])
    xi, xw = bicubic_taps(x4.shape[2], size[1])
    yw, xw = yw.astype(ct), xw.astype(ct)
    out = None
    for t in range(4):
        cols = x4[:, :, xi[:, t]]
        acc = None
        for k in range(4):
            term = cols[:, yi[:, k]] * yw[:, k, None, None]
            acc = term if acc is None else acc + term
        term = acc * xw[:, t, None]
        out = term if out is None else out + term
    return out.reshape(lead + out.shape[1:])


def resize_area_fwd(x: np.ndarray, size: tuple) -> np.ndarray:
    """TF's ResizeArea: each output averages the source cells its box covers (fractionally)."""
    ct = _compute_dtype(x)
    x4, lead = _flat4(x)
    x4 = x4.astype(ct, copy=False)
    yi, yw, yv, hs = area_taps(x4.shape[1], size[0])
    xi, xw, xv, ws = area_taps(x4.shape[2], size[1])
    scale = ct.type(1.0 / float(F32(hs * ws)))
    yw, xw = yw.astype(ct), xw.astype(ct)
    acc = np.zeros((x4.shape[0], size[0], size[1], x4.shape[3]), ct)
    for k in range(yi.shape[1]):
        rows = x4[:, yi[:, k]]
        sy = np.zeros_like(acc)
        for t in range(xi.shape[1]):
            sy = np.where(xv[:, t, None], sy + rows[:, :, xi[:, t]] * xw[:, t, None], sy)
        acc = np.where(yv[:, k, None, None], acc + sy * yw[:, k, None, None], acc)
    out = acc * scale
    return out.reshape(lead + out.shape[1:])


def scale_and_translate_fwd(x: np.ndarray, size: tuple, kernel: str, antialias: bool,
                            scale: tuple | None = None, translate: tuple = (0.0, 0.0)) -> np.ndarray:
    """TF's ScaleAndTranslate: separable filtering along rows (y) first, then columns (x)."""
    ct = _compute_dtype(x)
    x4, lead = _flat4(x)
    x4 = x4.astype(ct, copy=False)
    h, w = x4.shape[1], x4.shape[2]
    sc = scale if scale is not None else (float(F32(size[0]) / F32(h)), float(F32(size[1]) / F32(w)))
    yi, yw, yv = st_taps(h, size[0], kernel, antialias, sc[0], translate[0])
    xi, xw, xv = st_taps(w, size[1], kernel, antialias, sc[1], translate[1])
    yw, xw = yw.astype(ct), xw.astype(ct)
    inter = np.zeros((x4.shape[0], size[0], w, x4.shape[3]), ct)
    for t in range(yi.shape[1]):
        inter = np.where(yv[:, t, None, None], inter + yw[:, t, None, None] * x4[:, yi[:, t]], inter)
    out = np.zeros((x4.shape[0], size[0], size[1], x4.shape[3]), ct)
    for t in range(xi.shape[1]):
        out = np.where(xv[:, t, None], out + xw[:, t, None] * inter[:, :, xi[:, t]], out)
    return out.reshape(lead + out.shape[1:])


def _matrices(method: str, in_size: tuple, p: dict) -> tuple:
    if method == "scale_and_translate":
        h, w = in_size
        oh, ow = p["size"]
        sc = p.get("scale") or (float(F32(oh) / F32(h)), float(F32(ow) / F32(w)))
        tr = p.get("translate", (0.0, 0.0))
        ey = (p["kernel"], p["antialias"], sc[0], tr[0])
        ex = (p["kernel"], p["antialias"], sc[1], tr[1])
        return resize_matrix(method, h, oh, ey), resize_matrix(method, w, ow, ex)
    return resize_matrix(method, in_size[0], p["size"][0]), resize_matrix(method, in_size[1], p["size"][1])


def _resize_grad_fwd(g: np.ndarray, method: str, in_size: tuple, **p) -> np.ndarray:
    """The transpose of a resize: ``My^T @ g @ Mx`` on the two spatial axes."""
    my, mx = _matrices(method, in_size, p)
    ct = g.dtype if g.dtype.kind == "f" else np.dtype(F32)
    g4, lead = _flat4(g)
    n, oh, ow, c = g4.shape
    t = np.matmul(my.T.astype(ct), g4.reshape(n, oh, ow * c))  # (n, H, OW*C)
    t = t.reshape(n, in_size[0], ow, c).transpose(0, 1, 3, 2)  # (n, H, C, OW)
    out = np.matmul(t, mx.astype(ct)).transpose(0, 1, 3, 2)  # (n, H, W, C)
    return np.ascontiguousarray(out).reshape(lead + out.shape[1:])


def _fwd_params(p: dict) -> dict:
    return {k: v for k, v in p.items() if k not in ("method", "in_size")}


def _resize_vjp(name: str):
    def vjp(g, out, ins, p, need):
        (x,) = ins
        return (resize_grad(g, name, tuple(x._value.shape[-3:-1]), p),)
    return vjp


def _resize_grad_vjp(gg, out, ins, p, need):
    return (bind1(RULES_BY_NAME[p["method"]], gg, _fwd_params(p)),)


_RS_CASES = [((1, 3, 4, 2), (5, 7)), ((2, 5, 6, 1), (2, 3)), ((1, 4, 3, 1), (4, 5))]

RESIZE_BILINEAR = defprim("resize_bilinear", resize_bilinear_fwd, _resize_vjp("resize_bilinear"),
                          examples=[((xs,), {"size": s}) for xs, s in _RS_CASES])
RESIZE_NEAREST = defprim("resize_nearest_neighbor", resize_nearest_fwd, _resize_vjp("resize_nearest_neighbor"),
                         examples=[((xs,), {"size": s}) for xs, s in _RS_CASES])
RESIZE_BICUBIC = defprim("resize_bicubic", resize_bicubic_fwd, _resize_vjp("resize_bicubic"),
                         examples=[((xs,), {"size": s}) for xs, s in _RS_CASES])
SCALE_AND_TRANSLATE = defprim(
    "scale_and_translate", scale_and_translate_fwd, _resize_vjp("scale_and_translate"),
    examples=[((xs,), {"size": s, "kernel": k, "antialias": a})
              for (xs, s), k, a in zip(_RS_CASES, ("lanczos3", "triangle", "gaussian"), (False, True, True))],
)
RESIZE_AREA = defprim("resize_area", resize_area_fwd, no_gradient("ResizeArea"))
RULES_BY_NAME = {"resize_bilinear": RESIZE_BILINEAR, "resize_nearest_neighbor": RESIZE_NEAREST,
                 "resize_bicubic": RESIZE_BICUBIC, "scale_and_translate": SCALE_AND_TRANSLATE}
RESIZE_GRAD = defprim(
    "resize_grad", _resize_grad_fwd, _resize_grad_vjp,
    examples=[((((1,) + s + (xs[-1],)),), {"method": m, "in_size": xs[1:3], "size": s})
              for (xs, s), m in zip(_RS_CASES, ("resize_bilinear", "resize_bicubic", "resize_nearest_neighbor"))]
    + [(((2, 2, 3, 1),), {"method": "scale_and_translate", "in_size": (5, 6), "size": (2, 3),
                          "kernel": "lanczos5", "antialias": True})],
)
for _prim in (RESIZE_BILINEAR, RESIZE_NEAREST, RESIZE_BICUBIC, SCALE_AND_TRANSLATE):
    _prim.jvp = (lambda pr: lambda ts, out, ins, p: bind1(pr, ts[0], p))(_prim)
RESIZE_GRAD.jvp = lambda ts, out, ins, p: bind1(RESIZE_GRAD, ts[0], p)


def resize_grad(g: Tensor, method: str, in_size: tuple, p: dict) -> Tensor:
    """The input gradient of the resize ``method`` (a primitive name) for cotangent ``g``."""
    return bind1(RESIZE_GRAD, g, {"method": method, "in_size": tuple(in_size), **p})


# --- colour space --------------------------------------------------------------------------------------


def rgb_to_hsv_fwd(x: np.ndarray) -> np.ndarray:
    """TF's RGBToHSV: hue and saturation in [0, 1], value = max channel."""
    t = x.dtype.type
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    v = np.maximum(np.maximum(r, g), b)
    rng = v - np.minimum(np.minimum(r, g), b)
    with np.errstate(all="ignore"):
        s = np.where(v > 0, rng / v, t(0))
        norm = (t(1) / rng) * (t(1) / t(6))
        h = np.where(r == v, norm * (g - b), np.where(g == v, norm * (b - r) + t(2) / t(6), norm * (r - g) + t(4) / t(6)))
    h = np.where(rng > 0, h, t(0))
    h = np.where(h < 0, h + t(1), h)
    return np.stack([h, s, v], -1).astype(x.dtype, copy=False)


def hsv_to_rgb_fwd(x: np.ndarray) -> np.ndarray:
    """TF's HSVToRGB (piecewise-linear hue ramps)."""
    t = x.dtype.type
    h, s, v = x[..., 0], x[..., 1], x[..., 2]
    dh = h * t(6)
    dr = np.clip(np.abs(dh - t(3)) - t(1), t(0), t(1))
    dg = np.clip(-np.abs(dh - t(2)) + t(2), t(0), t(1))
    db = np.clip(-np.abs(dh - t(4)) + t(2), t(0), t(1))
    one_s = -s + t(1)
    return np.stack([(one_s + s * dr) * v, (one_s + s * dg) * v, (one_s + s * db) * v], -1).astype(x.dtype, copy=False)


def _rgb_to_hsv_vjp(g, out, ins, p, need):
    """d(h, s, v)/d(r, g, b) with TF's conventions: the max channel is the first of R >= G >= B
    in a tie, the min channel the last; saturation terms count only for a positive channel and
    hue terms only for a positive maximum; a zero range gives zero hue derivatives."""
    (x,) = ins
    xv = x._value
    dt = xv.dtype
    r, gr, b = xv[..., 0], xv[..., 1], xv[..., 2]
    is_max = [(r >= b) & (r >= gr), (gr > r) & (gr >= b), (b > r) & (b > gr)]
    is_min = [(r < b) & (r < gr), (gr <= r) & (gr < b), (b <= r) & (b <= gr)]
    ch = [x[..., k] for k in range(3)]
    vmax = ch[0] * Tensor(is_max[0].astype(dt)) + ch[1] * Tensor(is_max[1].astype(dt)) + ch[2] * Tensor(is_max[2].astype(dt))
    vmin = ch[0] * Tensor(is_min[0].astype(dt)) + ch[1] * Tensor(is_min[1].astype(dt)) + ch[2] * Tensor(is_min[2].astype(dt))
    vmax_np = np.where(is_max[0], r, np.where(is_max[1], gr, b))
    vmin_np = np.where(is_min[0], r, np.where(is_min[1], gr, b))
    d_np = vmax_np - vmin_np
    safe_d = Tensor(np.where(d_np > 0, 1, 0).astype(dt))  # 1 where the range is positive
    d = (vmax - vmin) + Tensor(np.where(d_np > 0, 0, 1).astype(dt))  # never zero
    safe_v = vmax + Tensor(np.where(vmax_np != 0, 0, 1).astype(dt))
    gh, gs, gv = g[..., 0], g[..., 1], g[..., 2]
    pos = [Tensor((xv[..., k] > 0).astype(dt)) for k in range(3)]
    mpos = Tensor((vmax_np > 0).astype(dt))
    zero = C.multiply(gh, Tensor(np.zeros((), dt)))
    grads = [zero, zero, zero]
    for k in range(3):
        mk = Tensor(is_max[k].astype(dt))
        nk = Tensor(is_min[k].astype(dt))
        # value = max channel
        grads[k] = grads[k] + gv * mk
        # saturation = (max - min) / max: d/dmax = min / max^2, d/dmin = -1 / max
        ds = mk * vmin / (safe_v * safe_v) - nk / safe_v
        grads[k] = grads[k] + gs * ds * pos[k]
    # hue (in turns) = (p - q) / (6 (max - min)) + offset, (p, q) = the channels after the max one
    for k in range(3):
        mk = Tensor(is_max[k].astype(dt)) * mpos * safe_d
        pk, qk = (k + 1) % 3, (k + 2) % 3
        a = gh * mk / (d * 6.0)
        bb = a * (ch[pk] - ch[qk]) / d
        grads[pk] = grads[pk] + a
        grads[qk] = grads[qk] - a
        grads[k] = grads[k] - bb
        for j in range(3):
            grads[j] = grads[j] + bb * Tensor(is_min[j].astype(dt))
    return (A.stack_raw(grads, -1),)


def _hsv_sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """RGB values in (0.1, 1) with well-separated channels (no ties in max or min)."""
    base = rng.uniform(0.1, 0.3, shape[:-1] + (1,))
    steps = np.stack([rng.permutation(3) for _ in range(int(np.prod(shape[:-1])))]).reshape(shape[:-1] + (3,))
    return base + 0.25 * steps + rng.uniform(0, 0.05, shape)


RGB_TO_HSV = defprim("rgb_to_hsv", rgb_to_hsv_fwd, _rgb_to_hsv_vjp,
                     examples=[(((4, 3),), {}, _hsv_sampler), (((2, 2, 3),), {}, _hsv_sampler)])
HSV_TO_RGB = defprim("hsv_to_rgb", hsv_to_rgb_fwd, None)  # TF: NotDifferentiable("HSVToRGB")


# --- hue / saturation / contrast kernels (TF registers no gradient) -----------------------------------


def _hue_fwd(x: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """TF's AdjustHue CPU kernel: hue on a [0, 6) scale between the min and max channel."""
    xf = x.astype(F32)
    r, g, b = xf[..., 0], xf[..., 1], xf[..., 2]
    rg = r < g
    cat = np.where(rg, np.where(b < r, 1, np.where(b > g, 3, 2)), np.where(b < g, 0, np.where(b > r, 4, 5)))
    vmax = np.where(rg, np.where(b > g, b, g), np.where(b > r, b, r))
    vmin = np.where(rg, np.where(b < r, b, r), np.where(b < g, b, g))
    vmid = np.choose(cat, [g, r, b, g, r, b])
    with np.errstate(all="ignore"):
        ratio = (vmid - vmin) / (vmax - vmin)
    inc = (cat & 1) == 0
    h = np.where(vmax == vmin, F32(0), cat.astype(F32) + np.where(inc, ratio, F32(1) - ratio)).astype(F32)
    h = (h + F32(delta) * F32(6.0)).astype(F32)
    for _ in range(3):  # TF steps by 6 until h is in [0, 6)
        h = np.where(h < 0, h + F32(6), h)
    for _ in range(3):
        h = np.where(h >= 6, h - F32(6), h)
    hc = h.astype(np.int64)
    ratio = h - hc.astype(F32)
    ratio = np.where((hc & 1) == 0, ratio, F32(1) - ratio)
    vmid = vmin + ratio * (vmax - vmin)
    hc = np.minimum(hc, 5)
    rr = np.choose(hc, [vmax, vmid, vmin, vmin, vmid, vmax])
    gg = np.choose(hc, [vmid, vmax, vmax, vmid, vmin, vmin])
    bb = np.choose(hc, [vmin, vmin, vmid, vmax, vmax, vmid])
    return np.stack([rr, gg, bb], -1).astype(x.dtype)


def _sat_fwd(x: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """TF's AdjustSaturation CPU kernel: scale S in HSV (clipped to [0, 1]) and convert back."""
    xf = x.astype(F32)
    r, g, b = xf[..., 0], xf[..., 1], xf[..., 2]
    v = np.maximum(r, np.maximum(g, b))
    rng = v - np.minimum(r, np.minimum(g, b))
    with np.errstate(all="ignore"):
        s = np.where(v > 0, rng / v, F32(0)).astype(F32)
        norm = F32(1.0) / (F32(6.0) * rng)
        h = np.where(r == v, norm * (g - b),
                     np.where(g == v, (norm * (b - r)).astype(np.float64) + 2.0 / 6.0,
                              (norm * (r - g)).astype(np.float64) + 4.0 / 6.0)).astype(F32)
    h = np.where(rng <= 0, F32(0), h)
    h = np.where(h < 0, h + F32(1), h).astype(F32)
    s = np.minimum(F32(1.0), np.maximum(F32(0.0), s * F32(factor))).astype(F32)
    c = s * v
    m = v - c
    dh = (h * F32(6)).astype(F32)
    cat = dh.astype(np.int64)
    fm = dh
    for _ in range(4):
        fm = np.where(fm <= 0, fm + F32(2), fm)
    for _ in range(4):
        fm = np.where(fm >= F32(2), fm - F32(2), fm)
    xx = c * (F32(1) - np.abs(fm - F32(1)))
    z = np.zeros_like(c)
    bad = (cat < 0) | (cat > 5)
    catc = np.clip(cat, 0, 5)
    rr = np.where(bad, z, np.choose(catc, [c, xx, z, z, xx, c]))
    gg = np.where(bad, z, np.choose(catc, [xx, c, c, xx, z, z]))
    bb = np.where(bad, z, np.choose(catc, [z, z, xx, c, c, xx]))
    return np.stack([rr + m, gg + m, bb + m], -1).astype(x.dtype)


def _contrast_fwd(x: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """TF's AdjustContrastv2: per image and channel, (x - mean) * factor + mean, in float32."""
    xf = x.astype(F32)
    mean = np.mean(xf, axis=(-3, -2), keepdims=True, dtype=F32)
    return ((xf - mean) * F32(factor) + mean).astype(x.dtype)


ADJUST_HUE = defprim("adjust_hue", _hue_fwd, no_gradient("AdjustHue"))
ADJUST_SATURATION = defprim("adjust_saturation", _sat_fwd, no_gradient("AdjustSaturation"))
ADJUST_CONTRAST = defprim("adjust_contrast", _contrast_fwd, no_gradient("AdjustContrastv2"))


# --- non-max suppression -------------------------------------------------------------------------------


def _iou_matrix(boxes: np.ndarray) -> np.ndarray:
    """TF's IOU for every pair (coordinates in either corner order; empty boxes overlap nothing)."""
    b = boxes.astype(F32)
    ymin = np.minimum(b[:, 0], b[:, 2])
    xmin = np.minimum(b[:, 1], b[:, 3])
    ymax = np.maximum(b[:, 0], b[:, 2])
    xmax = np.maximum(b[:, 1], b[:, 3])
    area = (ymax - ymin) * (xmax - xmin)
    iy = np.maximum(np.minimum(ymax[:, None], ymax[None]) - np.maximum(ymin[:, None], ymin[None]), F32(0))
    ix = np.maximum(np.minimum(xmax[:, None], xmax[None]) - np.maximum(xmin[:, None], xmin[None]), F32(0))
    inter = (iy * ix).astype(F32)
    with np.errstate(all="ignore"):
        iou = (inter / (area[:, None] + area[None] - inter)).astype(F32)
    empty = (area[:, None] <= 0) | (area[None] <= 0)
    return np.where(empty, F32(0), iou)


def greedy_nms(boxes: np.ndarray, scores: np.ndarray, max_out: int, iou_thr: float, score_thr: float,
               soft_sigma: float = 0.0, overlaps: np.ndarray | None = None) -> tuple:
    """TF's NonMaxSuppressionV3/V5 algorithm: candidates in decreasing score (ties: lower index
    first), each compared with the boxes already selected, newest first; hard suppression when
    the IOU exceeds ``iou_thr``; with ``soft_sigma > 0`` scores decay by exp(-iou^2 / (2 sigma))
    and a decayed candidate is re-queued. Returns (indices int32, scores float32)."""
    import heapq

    sim = _iou_matrix(boxes) if overlaps is None else overlaps.astype(F32)
    scores = scores.astype(F32)
    thr = F32(iou_thr)
    sthr = F32(score_thr)
    scale = F32(-0.5) / F32(soft_sigma) if soft_sigma > 0 else F32(0)
    heap = [(-float(s), i, 0) for i, s in enumerate(scores) if s > sthr]
    heapq.heapify(heap)
    sel: list = []
    sel_scores: list = []
    cur = {i: F32(scores[i]) for _, i, _ in heap}
    while len(sel) < max_out and heap:
        _, i, begin = heapq.heappop(heap)
        score = cur[i]
        original = score
        hard = False
        for j in range(len(sel) - 1, begin - 1, -1):
            s = sim[i, sel[j]]
            if soft_sigma > 0:
                score = F32(score * F32(math.exp(float(scale * s * s))))
            elif s > thr:
                hard = True
                break
            if score <= sthr:
                break
        begin = len(sel)
        if hard:
            continue
        if score == original:
            sel.append(i)
            sel_scores.append(score)
            continue
        if score > sthr:
            cur[i] = score
            heapq.heappush(heap, (-float(score), i, begin))
    return np.array(sel, np.int32), np.array(sel_scores, F32)


def _nms_fwd(boxes: np.ndarray, scores: np.ndarray, max_out: int, iou_thr: float, score_thr: float) -> np.ndarray:
    return greedy_nms(boxes, scores, max_out, iou_thr, score_thr)[0]


def _nms5_fwd(boxes: np.ndarray, scores: np.ndarray, max_out: int, iou_thr: float, score_thr: float,
              soft_sigma: float) -> tuple:
    idx, sc = greedy_nms(boxes, scores, max_out, iou_thr, score_thr, soft_sigma)
    return idx, sc.astype(scores.dtype)


def _nms_overlaps_fwd(overlaps: np.ndarray, scores: np.ndarray, max_out: int, thr: float, score_thr: float) -> np.ndarray:
    return greedy_nms(None, scores, max_out, thr, score_thr, overlaps=overlaps)[0]


NMS = defprim("non_max_suppression", _nms_fwd, no_gradient("NonMaxSuppressionV3"))
NMS_WITH_SCORES = defprim("non_max_suppression_with_scores", _nms5_fwd, no_gradient("NonMaxSuppressionV5"), n_out=2)
NMS_OVERLAPS = defprim("non_max_suppression_overlaps", _nms_overlaps_fwd, None)  # TF: NotDifferentiable


def padded_nms(boxes: np.ndarray, scores: np.ndarray, max_out: int, iou_thr: float, score_thr: float,
               sorted_input: bool, canonical: bool, tile_size: int = 512) -> tuple:
    """TF 2's non_max_suppression_padded on (B, N, 4) boxes. Boxes scoring <= score_thr are zeroed;
    in score order, a box is suppressed by a surviving box of an earlier tile of ``tile_size``
    boxes when their IOU (with a 1e-8 guard on the union) is >= iou_thr, and by one of its own
    tile likewise but only when iou_thr > 0 (TF's in-tile fixed point suppresses nothing at a
    zero threshold); a survivor counts as selected only if one of its
    coordinates is positive. Returns (indices (B, max_out) int32, num_valid (B,) int32), padding
    indices 0."""
    f32 = F32
    b = boxes.astype(f32).copy()
    s = scores.astype(f32).copy()
    nb, n = s.shape
    if score_thr != float("-inf"):
        keep = (s > f32(score_thr)).astype(f32)
        s = s * keep
        b = b * keep[..., None]
    if not canonical and n:
        if not b[0, 0, 0] <= b[0, 0, 2]:
            b[..., [0, 2]] = b[..., [2, 0]]
        if not b[0, 0, 1] <= b[0, 0, 3]:
            b[..., [1, 3]] = b[..., [3, 1]]
    if not sorted_input:
        order = np.argsort(-s, axis=1, kind="stable")
    else:
        order = np.tile(np.arange(n), (nb, 1))
    idx = np.zeros((nb, max_out), np.int32)
    nvalid = np.zeros(nb, np.int32)
    thr = f32(iou_thr)
    for k in range(nb):
        bs = b[k, order[k]]
        area = (bs[:, 2] - bs[:, 0]) * (bs[:, 3] - bs[:, 1])
        survivors: list = []
        chosen: list = []
        for i in range(n):
            if len(chosen) >= max_out:
                break
            if survivors:
                sv = np.array(survivors)
                ix = np.maximum(np.minimum(bs[i, 3], bs[sv, 3]) - np.maximum(bs[i, 1], bs[sv, 1]), f32(0))
                iy = np.maximum(np.minimum(bs[i, 2], bs[sv, 2]) - np.maximum(bs[i, 0], bs[sv, 0]), f32(0))
                inter = ix * iy
                iou = inter / (area[sv] + area[i] - inter + f32(1e-8))
                same_tile = sv // tile_size == i // tile_size
                if np.any((iou >= thr) & (~same_tile | (thr > 0))):
                    continue
            survivors.append(i)
            if np.any(bs[i] > 0):
                chosen.append(i)
        nvalid[k] = min(len(chosen), max_out)
        pos = np.array(chosen[:max_out], np.int64)
        idx[k, :len(pos)] = order[k][pos]
    return idx, nvalid


def _combined_fwd(boxes: np.ndarray, scores: np.ndarray, per_class: int, total: int, iou_thr: float,
                  score_thr: float, pad_per_class: bool, clip: bool) -> tuple:
    """TF's CombinedNonMaxSuppression: greedy NMS per batch and class (IOU > iou_thr suppresses),
    then the best ``total`` detections of each batch by score."""
    nb, n, q, _ = boxes.shape
    ncls = scores.shape[2]
    max_det = min(total, per_class * ncls) if pad_per_class else total
    out_b = np.zeros((nb, max_det, 4), F32)
    out_s = np.zeros((nb, max_det), F32)
    out_c = np.zeros((nb, max_det), F32)
    valid = np.zeros(nb, np.int32)
    for k in range(nb):
        cands = []
        for c in range(ncls):
            cb = boxes[k, :, 0 if q == 1 else c, :]
            sel, sc = greedy_nms(cb, scores[k, :, c], per_class, iou_thr, score_thr)
            cands.extend((float(s_), c, int(i)) for i, s_ in zip(sel, sc))
        cands.sort(key=lambda t: -t[0])
        cands = cands[:max_det]
        valid[k] = len(cands)
        for j, (s_, c, i) in enumerate(cands):
            bx = boxes[k, i, 0 if q == 1 else c, :].astype(F32)
            out_b[k, j] = np.clip(bx, 0, 1) if clip else bx
            out_s[k, j] = s_
            out_c[k, j] = c
    return out_b, out_s, out_c, valid


COMBINED_NMS = defprim("combined_non_max_suppression", _combined_fwd, no_gradient("CombinedNonMaxSuppression"), n_out=4)


__all__: list[str] = []
