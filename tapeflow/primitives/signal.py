"""Signal-processing primitives: FFTs over the innermost axes, the N-D FFTs, and framing.

The FFT rules are linear and their VJPs are FFTs again (so derivatives of any order work), with
TF's gradient conventions: for a complex op the gradient is ``conj(dy/dx) * g``, which for the
DFT ``F`` (``N`` points) gives ``fft -> N * ifft(g)`` and ``ifft -> fft(g) / N``; ``rfft``'s
is ``N * irfft(g * w)`` (``w`` = 1 at the DC and Nyquist bins, 1/2 at the bins whose mirror
image was dropped) and ``irfft``'s is ``rfft(g) * m / N`` (``m`` = 1 at DC and Nyquist, else 2).
Inputs reach the rules already cropped or zero-padded to the transform lengths (the public ops
do that with differentiable slicing and padding).

As TF, the 3-D real FFTs and the N-D FFTs have no gradient (``LookupError``).

``frame`` (sliding windows along an axis) and ``overlap_add`` (their sum back into a signal)
are each other's VJP. Axes in the params are negative, so every rule is batchable.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import signal as S
    >>> from tapeflow.tensor import Tensor
    >>> S.frame(Tensor(np.arange(5.0)), 3, 2, -1).numpy().tolist()
    [[0.0, 1.0, 2.0], [2.0, 3.0, 4.0]]
"""

from __future__ import annotations

import numpy as np

from ..tensor import Tensor
from . import bind1, defprim, no_gradient
from . import core as C

_REAL_OF = {np.dtype(np.complex64): np.dtype(np.float32), np.dtype(np.complex128): np.dtype(np.float64)}
_COMPLEX_OF = {v: k for k, v in _REAL_OF.items()}


def _axes(rank: int) -> tuple:
    return tuple(range(-rank, 0))


# --- complex FFTs over the innermost ``rank`` axes ----------------------------------------------------


def _fft_fwd(x: np.ndarray, rank: int) -> np.ndarray:
    if x.size == 0:
        return np.zeros(x.shape, x.dtype)
    return np.fft.fftn(x, axes=_axes(rank)).astype(x.dtype, copy=False)


def _ifft_fwd(x: np.ndarray, rank: int) -> np.ndarray:
    if x.size == 0:
        return np.zeros(x.shape, x.dtype)
    return np.fft.ifftn(x, axes=_axes(rank)).astype(x.dtype, copy=False)


def _points(t: Tensor, rank: int) -> int:
    return int(np.prod(t._value.shape[t._value.ndim - rank:], dtype=np.int64))


def _fft_vjp(g, out, ins, p, need):
    n = _points(out, p["rank"])
    return (C.multiply(bind1(IFFT, g, p), C.scalar_like(float(n), g)),)


def _ifft_vjp(g, out, ins, p, need):
    n = _points(out, p["rank"])
    return (C.divide(bind1(FFT, g, p), C.scalar_like(float(max(n, 1)), g)),)


# complex -> complex: the rule checker feeds real arrays, so tests/test_signal.py checks these
FFT = defprim("fft", _fft_fwd, _fft_vjp)
IFFT = defprim("ifft", _ifft_fwd, _ifft_vjp)


def fft(x: Tensor, rank: int) -> Tensor:
    return bind1(FFT, x, {"rank": rank})


def ifft(x: Tensor, rank: int) -> Tensor:
    return bind1(IFFT, x, {"rank": rank})


# --- real FFTs: ``n`` is the tuple of transform lengths of the innermost len(n) axes --------------------


def _rfft_fwd(x: np.ndarray, n: tuple) -> np.ndarray:
    cdt = _COMPLEX_OF[x.dtype]
    shape = x.shape[: x.ndim - len(n)] + n[:-1] + (n[-1] // 2 + 1,)
    if x.size == 0 or 0 in shape:
        return np.zeros(shape, cdt)
    return np.fft.rfftn(x, s=n, axes=_axes(len(n))).astype(cdt, copy=False)


def _irfft_fwd(x: np.ndarray, n: tuple) -> np.ndarray:
    rdt = _REAL_OF[x.dtype]
    shape = x.shape[: x.ndim - len(n)] + n
    if x.size == 0 or 0 in shape:
        return np.zeros(shape, rdt)
    return np.fft.irfftn(x, s=n, axes=_axes(len(n))).astype(rdt, copy=False)


def _half_weights(n_last: int, inner: float, edge: float, dtype: np.dtype) -> Tensor:
    """Weights along the half-spectrum axis: ``edge`` at DC (and at Nyquist for even lengths),
    ``inner`` at the bins whose mirror images are not stored."""
    m = n_last // 2 + 1
    w = np.full(m, inner, np.float64)
    w[0] = edge
    if n_last % 2 == 0:
        w[-1] = edge
    return Tensor(w.astype(dtype))


def _rfft_vjp(g, out, ins, p, need):
    n = p["n"]
    total = float(np.prod(n, dtype=np.int64))
    gw = C.multiply(g, _half_weights(n[-1], 0.5, 1.0, g._value.dtype))
    r = bind1(IRFFT, gw, p)
    return (C.multiply(r, C.scalar_like(total, r)),)


def _irfft_vjp(g, out, ins, p, need):
    n = p["n"]
    total = float(max(np.prod(n, dtype=np.int64), 1))
    r = bind1(RFFT, g, p)
    return (C.multiply(r, _half_weights(n[-1], 2.0 / total, 1.0 / total, r._value.dtype)),)


# real <-> complex: checked through real compositions in tests/test_signal.py
RFFT = defprim("rfft", _rfft_fwd, _rfft_vjp)
IRFFT = defprim("irfft", _irfft_fwd, _irfft_vjp)
# TF registers no gradient for RFFT3D / IRFFT3D
RFFT3D = defprim("rfft3d", _rfft_fwd, no_gradient("RFFT3D"))
IRFFT3D = defprim("irfft3d", _irfft_fwd, no_gradient("IRFFT3D"))


def rfft(x: Tensor, n: tuple) -> Tensor:
    return bind1(RFFT3D if len(n) == 3 else RFFT, x, {"n": tuple(n)})


def irfft(x: Tensor, n: tuple) -> Tensor:
    return bind1(IRFFT3D if len(n) == 3 else IRFFT, x, {"n": tuple(n)})


# --- N-D FFTs over chosen axes (TF registers no gradient for FFTND and friends) -------------------------


def _nd_fwd(kind: str):
    def fwd(x: np.ndarray, n: tuple, axes: tuple) -> np.ndarray:
        if kind in ("fft", "ifft"):
            dt, shape = x.dtype, list(x.shape)
        elif kind == "rfft":
            dt, shape = _COMPLEX_OF[x.dtype], list(x.shape)
        else:
            dt, shape = _REAL_OF[x.dtype], list(x.shape)
        for a, k in zip(axes, n):
            shape[a] = k
        if kind == "rfft" and axes:
            shape[axes[-1]] = n[-1] // 2 + 1
        if not axes:
            return x.astype(dt) if kind != "irfft" else np.real(x).astype(dt)
        if 0 in shape or x.size == 0:
            return np.zeros(shape, dt)
        f = {"fft": np.fft.fftn, "ifft": np.fft.ifftn, "rfft": np.fft.rfftn, "irfft": np.fft.irfftn}[kind]
        return f(x, s=n, axes=axes).astype(dt, copy=False)

    return fwd


FFTND = defprim("fftnd", _nd_fwd("fft"), no_gradient("FFTND"))
IFFTND = defprim("ifftnd", _nd_fwd("ifft"), no_gradient("IFFTND"))
RFFTND = defprim("rfftnd", _nd_fwd("rfft"), no_gradient("RFFTND"))
IRFFTND = defprim("irfftnd", _nd_fwd("irfft"), no_gradient("IRFFTND"))


# --- framing and overlap-add ---------------------------------------------------------------------------


def _frame_fwd(x: np.ndarray, length: int, step: int, axis: int, count: int) -> np.ndarray:
    """``x`` with its ``axis`` (negative) replaced by ``(count, length)`` windows ``step`` apart."""
    xa = np.moveaxis(x, axis, -1)
    if count == 0 or length == 0:
        fr = np.zeros(xa.shape[:-1] + (count, length), x.dtype)
    else:
        fr = np.lib.stride_tricks.sliding_window_view(xa, length, axis=-1)[..., : (count - 1) * step + 1: step, :]
    return np.ascontiguousarray(np.moveaxis(fr, (-2, -1), (axis - 1, axis)))


def _overlap_add_fwd(y: np.ndarray, step: int, axis: int, length: int) -> np.ndarray:
    """Sum the frames of ``y`` (frames at ``axis - 1``, samples at ``axis``, negative) placed
    ``step`` apart into a signal of ``length`` samples along ``axis`` (cropped or zero-filled)."""
    ya = np.moveaxis(y, (axis - 1, axis), (-2, -1))
    lead, (count, flen) = ya.shape[:-2], ya.shape[-2:]
    if count == 0 or flen == 0 or step == 0:
        out = np.zeros(lead + (length,), y.dtype)
        return np.moveaxis(out, -1, axis)
    k = -(-flen // step)  # segments of ``step`` samples per frame
    padded = np.zeros(lead + (count, k * step), y.dtype)
    padded[..., :flen] = ya
    seg = padded.reshape(lead + (count, k, step))
    full = np.zeros(lead + ((count + k - 1) * step,), y.dtype)
    for j in range(k):
        full[..., j * step: (j + count) * step] += seg[..., :, j, :].reshape(lead + (count * step,))
    if full.shape[-1] >= length:
        out = full[..., :length]
    else:
        out = np.zeros(lead + (length,), y.dtype)
        out[..., : full.shape[-1]] = full
    return np.ascontiguousarray(np.moveaxis(out, -1, axis))


def _frame_vjp(g, out, ins, p, need):
    n = ins[0]._value.shape[p["axis"]]
    return (overlap_add(g, p["step"], p["axis"], n),)


def _overlap_add_vjp(g, out, ins, p, need):
    y = ins[0]._value
    return (frame(g, y.shape[p["axis"]], p["step"], p["axis"], y.shape[p["axis"] - 1]),)


FRAME = defprim(
    "frame", _frame_fwd, _frame_vjp,
    examples=[(((10,),), {"length": 4, "step": 2, "axis": -1, "count": 4}),
              (((2, 9, 3),), {"length": 3, "step": 2, "axis": -2, "count": 4}),
              (((11,),), {"length": 3, "step": 5, "axis": -1, "count": 2}),
              (((2, 7),), {"length": 4, "step": 4, "axis": -1, "count": 2})],
)
OVERLAP_ADD = defprim(
    "overlap_add", _overlap_add_fwd, _overlap_add_vjp,
    examples=[(((4, 3),), {"step": 2, "axis": -1, "length": 9}),
              (((2, 3, 4, 2),), {"step": 3, "axis": -2, "length": 10}),
              (((3, 2),), {"step": 3, "axis": -1, "length": 9}),
              (((3, 5),), {"step": 5, "axis": -1, "length": 15})],
)


def frame(x: Tensor, length: int, step: int, axis: int, count: int | None = None) -> Tensor:
    """Windows of ``length`` samples, ``step`` apart, along the (negative) ``axis`` of ``x``;
    ``count`` defaults to every window that fits."""
    if count is None:
        n = x._value.shape[axis]
        count = max(0, (n - length) // step + 1) if n >= length else 0
    return bind1(FRAME, x, {"length": int(length), "step": int(step), "axis": int(axis), "count": int(count)})


def overlap_add(y: Tensor, step: int, axis: int, length: int) -> Tensor:
    """Overlap-add the frames of ``y`` (frames at ``axis - 1``) into ``length`` samples."""
    return bind1(OVERLAP_ADD, y, {"step": int(step), "axis": int(axis), "length": int(length)})


__all__: list[str] = []
