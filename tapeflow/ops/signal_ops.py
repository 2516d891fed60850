"""``tf.signal``: FFTs, DCTs, windows, framing, STFT and mel-scale helpers (NumPy's FFT inside).

Dtypes are TF's: ``fft``/``ifft`` (1-D, 2-D, 3-D) take and return complex64/complex128;
``rfft*`` take float32/float64 and return complex64/complex128; ``irfft*`` the reverse. The
transforms run on the innermost axes, cropping or zero-padding them to ``fft_length``.
Gradients follow TF's rules (linear maps whose VJPs are FFTs again, so higher orders work);
like TF, ``rfft3d``/``irfft3d`` and the N-D FFTs have none (``LookupError``).

Example:
    >>> import tapeflow as tf
    >>> tf.signal.rfft(tf.constant([1.0, 2.0, 3.0, 4.0])).numpy().tolist()
    [(10+0j), (-2+2j), (-2+0j)]
"""

from __future__ import annotations

import math as _m
from typing import Any, Callable

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import bind1
from ..primitives import core as C
from ..primitives import signal as S
from ..tensor import Tensor, Variable
from . import array_ops as A
from ._args import describe, tensor_arg

_REAL_OF = {np.dtype(np.complex64): np.dtype(np.float32), np.dtype(np.complex128): np.dtype(np.float64)}
_COMPLEX_OF = {v: k for k, v in _REAL_OF.items()}


# --- argument helpers -------------------------------------------------------------------------------


def _int_scalar(v: Any, what: str, op: str) -> int:
    a = np.asarray(v._value if isinstance(v, Tensor) else (v._read()._value if isinstance(v, Variable) else v))
    if a.ndim != 0 or a.dtype.kind not in "iu":
        raise ValueError(f"{op}: {what} must be an integer scalar, got {v!r}")
    return int(a)


def _complex_arg(x: Any, op: str, tf_op: str) -> Tensor:
    t = tensor_arg(x, op)
    if t._value.dtype not in _REAL_OF:
        raise InvalidArgumentError(f"{op}: input must be a complex64 or complex128 tensor ({tf_op} does not take "
                                   f"{t.dtype.name}), got a {describe(t)}", op=op)
    return t


def _check_rank(t: Tensor, rank: int, op: str, exc: type = InvalidArgumentError) -> None:
    if t._value.ndim < rank:
        msg = f"{op}: input must have rank of at least {rank} but got shape {list(t._value.shape)}"
        raise exc(msg, op=op) if exc is InvalidArgumentError else exc(msg)


def _lengths(fft_length: Any, rank: int, op: str) -> tuple:
    if isinstance(fft_length, (Tensor, Variable)):
        fft_length = np.asarray(fft_length)
    a = np.asarray(fft_length)
    if a.ndim != 1 or a.dtype.kind not in "iu" or a.shape[0] != rank:
        raise ValueError(f"{op}: fft_length must be a list of {rank} integer(s), got {fft_length!r}")
    n = tuple(int(v) for v in a.tolist())
    if any(v < 0 for v in n):
        raise InvalidArgumentError(f"{op}: fft_length must be non-negative, got {list(n)}", op=op)
    return n


def _fit(x: Tensor, sizes: tuple) -> Tensor:
    """Crop or zero-pad the innermost len(sizes) axes of ``x`` to ``sizes`` (differentiably)."""
    k = len(sizes)
    have = x._value.shape[x._value.ndim - k:]
    if have == tuple(sizes):
        return x
    if any(h > s for h, s in zip(have, sizes)):
        key = (Ellipsis,) + tuple(slice(0, min(h, s)) for h, s in zip(have, sizes))
        x = A.getitem(x, key)
        have = x._value.shape[x._value.ndim - k:]
    if any(h < s for h, s in zip(have, sizes)):
        pads = [[0, 0]] * (x._value.ndim - k) + [[0, s - h] for h, s in zip(have, sizes)]
        x = A.pad(x, pads)
    return x


# --- complex FFTs --------------------------------------------------------------------------------------


def _cfft(input: Any, rank: int, inverse: bool, tf_op: str) -> Tensor:
    op = "signal." + tf_op.lower()
    x = _complex_arg(input, op, tf_op)
    _check_rank(x, rank, op)
    return S.ifft(x, rank) if inverse else S.fft(x, rank)


def fft(input: Any, name: str | None = None) -> Tensor:
    """Fast Fourier transform over the innermost axis of a complex tensor.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.fft(tf.constant([1 + 0j, 2, 3, 4])).numpy().tolist()
        [(10+0j), (-2+2j), (-2+0j), (-2-2j)]
    """
    return _cfft(input, 1, False, "FFT")


def ifft(input: Any, name: str | None = None) -> Tensor:
    """Inverse FFT over the innermost axis of a complex tensor (scaled by 1/N).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.ifft(tf.constant([4 + 0j, 0, 0, 0], tf.complex64)).numpy().tolist()
        [(1+0j), (1+0j), (1+0j), (1+0j)]
    """
    return _cfft(input, 1, True, "IFFT")


def fft2d(input: Any, name: str | None = None) -> Tensor:
    """2-D FFT over the two innermost axes of a complex tensor.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.fft2d(tf.constant([[1 + 0j, 2], [3, 4]])).numpy().tolist()
        [[(10+0j), (-2+0j)], [(-4+0j), 0j]]
    """
    return _cfft(input, 2, False, "FFT2D")


def ifft2d(input: Any, name: str | None = None) -> Tensor:
    """Inverse 2-D FFT over the two innermost axes.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.ifft2d(tf.constant([[4 + 0j, 0], [0, 0]])).numpy().tolist()
        [[(1+0j), (1+0j)], [(1+0j), (1+0j)]]
    """
    return _cfft(input, 2, True, "IFFT2D")


def fft3d(input: Any, name: str | None = None) -> Tensor:
    """3-D FFT over the three innermost axes.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.fft3d(tf.ones([2, 2, 2], tf.complex64)).numpy()[0, 0, 0]
        np.complex64(8+0j)
    """
    return _cfft(input, 3, False, "FFT3D")


def ifft3d(input: Any, name: str | None = None) -> Tensor:
    """Inverse 3-D FFT over the three innermost axes.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.ifft3d(tf.ones([2, 2, 2], tf.complex64)).numpy()[0, 0, 0]
        np.complex64(1+0j)
    """
    return _cfft(input, 3, True, "IFFT3D")


# --- real FFTs ----------------------------------------------------------------------------------------


def _real_arg(x: Any, op: str) -> Tensor:
    t = tensor_arg(x, op)
    if t._value.dtype not in (np.float32, np.float64):
        raise ValueError(f"RFFT requires tf.float32 or tf.float64 inputs, got: {t!r}")
    return t


def _rfftn(input_tensor: Any, fft_length: Any, rank: int, op: str) -> Tensor:
    x = _real_arg(input_tensor, op)
    if x._value.ndim < rank:
        raise ValueError(f"{op}: shape {tuple(x._value.shape)} must have rank at least {rank}")
    n = x._value.shape[x._value.ndim - rank:] if fft_length is None else _lengths(fft_length, rank, op)
    if any(v < 1 for v in n) and x._value.size:
        raise InvalidArgumentError(f"{op}: fft_length must be positive, got {list(n)}", op=op)
    return S.rfft(_fit(x, tuple(n)), tuple(n))


def _irfftn(input_tensor: Any, fft_length: Any, rank: int, op: str) -> Tensor:
    x = tensor_arg(input_tensor, op)
    if x._value.ndim < rank:
        raise ValueError(f"{op}: shape {tuple(x._value.shape)} must have rank at least {rank}")
    if x._value.dtype not in _REAL_OF:
        raise ValueError(f"IRFFT requires tf.complex64 or tf.complex128 inputs, got: {x!r}")
    if fft_length is None:
        inner = list(x._value.shape[x._value.ndim - rank:])
        inner[-1] = max(0, 2 * (inner[-1] - 1))
        n = tuple(inner)
    else:
        n = _lengths(fft_length, rank, op)
    return S.irfft(_fit(x, n[:-1] + (n[-1] // 2 + 1,)), n)


def rfft(input_tensor: Any, fft_length: Any = None, name: str | None = None) -> Tensor:
    """FFT of a real signal over its innermost axis: the ``fft_length // 2 + 1`` unique bins
    (float32 -> complex64, float64 -> complex128). ``fft_length`` (a 1-element list) crops or
    zero-pads the signal first.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.rfft(tf.constant([1.0, 2.0, 3.0]), fft_length=[4]).numpy().tolist()
        [(6+0j), (-2-2j), (2+0j)]
    """
    return _rfftn(input_tensor, fft_length, 1, "signal.rfft")


def irfft(input_tensor: Any, fft_length: Any = None, name: str | None = None) -> Tensor:
    """Inverse of ``rfft``: a real signal of ``fft_length`` samples (default ``2 * (bins - 1)``)
    from the non-negative-frequency half of a spectrum (complex64 -> float32).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.irfft(tf.constant([1 + 1j, 2 + 2j, 3 + 3j], tf.complex64)).numpy().tolist()
        [2.0, -1.5, 0.0, 0.5]
    """
    return _irfftn(input_tensor, fft_length, 1, "signal.irfft")


def rfft2d(input_tensor: Any, fft_length: Any = None, name: str | None = None) -> Tensor:
    """2-D FFT of a real signal over its two innermost axes (half spectrum on the last).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.rfft2d(tf.reshape(tf.range(6.0), [2, 3])).numpy().astype("complex128").round(4).tolist()
        [[(15+0j), (-3+1.7321j)], [(-9+0j), 0j]]
    """
    return _rfftn(input_tensor, fft_length, 2, "signal.rfft2d")


def irfft2d(input_tensor: Any, fft_length: Any = None, name: str | None = None) -> Tensor:
    """Inverse of ``rfft2d`` over the two innermost axes.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(6.0), [2, 3])
        >>> tf.signal.irfft2d(tf.signal.rfft2d(x), fft_length=[2, 3]).numpy().round(4).tolist()
        [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    """
    return _irfftn(input_tensor, fft_length, 2, "signal.irfft2d")


def rfft3d(input_tensor: Any, fft_length: Any = None, name: str | None = None) -> Tensor:
    """3-D FFT of a real signal over its three innermost axes (no gradient, as TF).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.rfft3d(tf.ones([2, 2, 2])).shape.as_list()
        [2, 2, 2]
    """
    return _rfftn(input_tensor, fft_length, 3, "signal.rfft3d")


def irfft3d(input_tensor: Any, fft_length: Any = None, name: str | None = None) -> Tensor:
    """Inverse of ``rfft3d`` (no gradient, as TF).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.irfft3d(tf.signal.rfft3d(tf.ones([2, 2, 2]))).numpy().ravel().tolist()
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """
    return _irfftn(input_tensor, fft_length, 3, "signal.irfft3d")


# --- N-D FFTs over chosen axes --------------------------------------------------------------------------

_NORMS = (None, "backward", "forward", "ortho")


def _nd_axes(x: Tensor, axes: Any, op: str) -> tuple:
    nd = x._value.ndim
    if axes is None:
        return tuple(range(nd))
    a = np.asarray(axes._value if isinstance(axes, Tensor) else axes)
    if a.ndim > 1 or (a.size and a.dtype.kind not in "iu"):
        raise ValueError(f"{op}: axes must be a list of integers, got {axes!r}")
    out = []
    for v in a.reshape(-1).tolist():
        if not -nd <= int(v) < nd:
            raise InvalidArgumentError(f"{op}: axis {v} is out of range for a tensor of rank {nd}", op=op)
        out.append(int(v) % nd)
    if len(set(out)) != len(out):
        raise InvalidArgumentError(f"{op}: axes must be distinct, got {a.tolist()}", op=op)
    return tuple(out)


def _nd(kind: str, x: Tensor, fft_length: Any, axes: tuple, norm: Any, op: str) -> Tensor:
    if norm not in _NORMS:
        raise ValueError(f"{op}: norm must be None, 'backward', 'forward' or 'ortho', got {norm!r}")
    if fft_length is None:
        n = [x._value.shape[a] for a in axes]
        if kind == "irfft" and n:
            n[-1] = max(0, 2 * (n[-1] - 1))
        n = tuple(n)
    else:
        n = _lengths(fft_length, len(axes), op)
    if norm in ("forward", "ortho"):
        total = float(np.prod(n, dtype=np.float64))
        s = total if norm == "forward" else _m.sqrt(total)
        inverse = kind in ("ifft", "irfft")
        x = C.multiply(x, Tensor(np.asarray(s if inverse else 1.0 / s, x._value.dtype)))
    prim = {"fft": S.FFTND, "ifft": S.IFFTND, "rfft": S.RFFTND, "irfft": S.IRFFTND}[kind]
    return bind1(prim, x, {"n": n, "axes": axes})


def fftnd(input_tensor: Any, fft_length: Any = None, axes: Any = None, norm: Any = None,
          name: str | None = None) -> Tensor:
    """N-D FFT of a complex tensor over ``axes`` (default: all), each cropped or zero-padded to
    ``fft_length``; ``norm`` is None/'backward' (no scaling), 'forward' (1/n) or 'ortho'
    (1/sqrt(n)). TF's CPU build has no kernel for this op: tapeflow follows the op's documented
    semantics (NumPy's ``fftn``). No gradient, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.fftnd(tf.constant([[1 + 0j, 2], [3, 4]]), norm="ortho").numpy().tolist()
        [[(5+0j), (-1+0j)], [(-2+0j), 0j]]
    """
    op = "signal.fftnd"
    x = _complex_arg(input_tensor, op, "FFTND")
    return _nd("fft", x, fft_length, _nd_axes(x, axes, op), norm, op)


def ifftnd(input_tensor: Any, fft_length: Any = None, axes: Any = None, norm: Any = None,
           name: str | None = None) -> Tensor:
    """Inverse N-D FFT (see ``fftnd``; 'backward' scales by 1/n, 'forward' not at all).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.ifftnd(tf.constant([[4 + 0j, 0], [0, 0]])).numpy().tolist()
        [[(1+0j), (1+0j)], [(1+0j), (1+0j)]]
    """
    op = "signal.ifftnd"
    x = _complex_arg(input_tensor, op, "IFFTND")
    return _nd("ifft", x, fft_length, _nd_axes(x, axes, op), norm, op)


def rfftnd(input_tensor: Any, fft_length: Any = None, axes: Any = None, norm: Any = None,
           name: str | None = None) -> Tensor:
    """N-D FFT of a real tensor over ``axes`` (half spectrum on the last of them); see ``fftnd``.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.rfftnd(tf.constant([[1.0, 2.0, 5.0], [3.0, 4.0, 6.0]]), axes=[0]).numpy().tolist()
        [[(4+0j), (6+0j), (11+0j)], [(-2+0j), (-2+0j), (-1+0j)]]
    """
    op = "signal.rfftnd"
    x = _real_arg(input_tensor, op)
    return _nd("rfft", x, fft_length, _nd_axes(x, axes, op), norm, op)


def irfftnd(input_tensor: Any, fft_length: Any = None, axes: Any = None, norm: Any = None,
            name: str | None = None) -> Tensor:
    """Inverse of ``rfftnd`` (default length of the last axis: ``2 * (bins - 1)``).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[1.0, 2.0, 5.0], [3.0, 4.0, 6.0]])
        >>> tf.signal.irfftnd(tf.signal.rfftnd(x), fft_length=[2, 3]).numpy().round(4).tolist()
        [[1.0, 2.0, 5.0], [3.0, 4.0, 6.0]]
    """
    op = "signal.irfftnd"
    x = tensor_arg(input_tensor, op)
    if x._value.dtype not in _REAL_OF:
        raise ValueError(f"IRFFT requires tf.complex64 or tf.complex128 inputs, got: {x!r}")
    return _nd("irfft", x, fft_length, _nd_axes(x, axes, op), norm, op)


def _raw_axes(x: Tensor, fft_length: Any, axes: Any, op: str) -> tuple:
    ax = _nd_axes(x, axes, op)
    return ax, _lengths(fft_length, len(ax), op)


def raw_fftnd(input: Any, fft_length: Any, axes: Any, name: str | None = None) -> Tensor:
    """``tf.fftnd`` (the raw op): N-D FFT over ``axes`` with lengths ``fft_length`` (both required).

    Example:
        >>> import tapeflow as tf
        >>> tf.fftnd(tf.constant([[1 + 0j, 2], [3, 4]]), [2], [0]).numpy().tolist()
        [[(4+0j), (6+0j)], [(-2+0j), (-2+0j)]]
    """
    x = _complex_arg(input, "fftnd", "FFTND")
    ax, n = _raw_axes(x, fft_length, axes, "fftnd")
    return bind1(S.FFTND, x, {"n": n, "axes": ax})


def raw_ifftnd(input: Any, fft_length: Any, axes: Any, name: str | None = None) -> Tensor:
    """``tf.ifftnd`` (the raw op): inverse N-D FFT over ``axes`` with lengths ``fft_length``.

    Example:
        >>> import tapeflow as tf
        >>> tf.ifftnd(tf.constant([[4 + 0j, 6], [-2, -2]]), [2], [0]).numpy().tolist()
        [[(1+0j), (2+0j)], [(3+0j), (4+0j)]]
    """
    x = _complex_arg(input, "ifftnd", "IFFTND")
    ax, n = _raw_axes(x, fft_length, axes, "ifftnd")
    return bind1(S.IFFTND, x, {"n": n, "axes": ax})


def raw_rfftnd(input: Any, fft_length: Any, axes: Any, Tcomplex: Any = _dt.complex64,  # noqa: N803 (TF's name)
               name: str | None = None) -> Tensor:
    """``tf.rfftnd`` (the raw op): ``Tcomplex`` must be the complex type of the input's precision.

    Example:
        >>> import tapeflow as tf
        >>> tf.rfftnd(tf.constant([[1.0, 2.0, 5.0]]), [3], [1]).shape.as_list()
        [1, 2]
    """
    x = _real_arg(input, "rfftnd")
    if _dt.np_dtype(Tcomplex) != _COMPLEX_OF[x._value.dtype]:
        raise InvalidArgumentError(f"rfftnd: Tcomplex={_dt.as_dtype(Tcomplex).name} does not match a "
                                   f"{describe(x)} (float32 -> complex64, float64 -> complex128)", op="rfftnd")
    ax, n = _raw_axes(x, fft_length, axes, "rfftnd")
    return bind1(S.RFFTND, x, {"n": n, "axes": ax})


def raw_irfftnd(input: Any, fft_length: Any, axes: Any, Treal: Any = _dt.float32,  # noqa: N803 (TF's name)
                name: str | None = None) -> Tensor:
    """``tf.irfftnd`` (the raw op): ``Treal`` must be the real type of the input's precision.

    Example:
        >>> import tapeflow as tf
        >>> tf.irfftnd(tf.constant([[4 + 0j, 0]], tf.complex64), [2], [1]).numpy().tolist()
        [[2.0, 2.0]]
    """
    x = tensor_arg(input, "irfftnd")
    if x._value.dtype not in _REAL_OF:
        raise InvalidArgumentError(f"irfftnd: input must be complex64 or complex128, got a {describe(x)}",
                                   op="irfftnd")
    if _dt.np_dtype(Treal) != _REAL_OF[x._value.dtype]:
        raise InvalidArgumentError(f"irfftnd: Treal={_dt.as_dtype(Treal).name} does not match a {describe(x)} "
                                   "(complex64 -> float32, complex128 -> float64)", op="irfftnd")
    ax, n = _raw_axes(x, fft_length, axes, "irfftnd")
    return bind1(S.IRFFTND, x, {"n": n, "axes": ax})


# --- shifts ---------------------------------------------------------------------------------------------


def _shift(x: Any, axes: Any, sign: int, op: str) -> Tensor:
    t = tensor_arg(x, op)
    shape = t._value.shape
    if axes is None:
        ax = list(range(len(shape)))
    elif isinstance(axes, (int, np.integer)):
        ax = [int(axes)]
    else:
        ax = [int(a) for a in np.asarray(axes._value if isinstance(axes, Tensor) else axes).reshape(-1).tolist()]
    if not ax:
        return t
    for a in ax:
        if not -len(shape) <= a < len(shape):
            raise InvalidArgumentError(f"{op}: axis {a} is out of range for a {describe(t)}", op=op)
    shifts = [sign * (shape[a] // 2) for a in ax]
    return A.roll(t, shifts, ax)


def fftshift(x: Any, axes: Any = None, name: str | None = None) -> Tensor:
    """Move the zero-frequency bin to the centre (``numpy.fft.fftshift``); all axes by default.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.fftshift(tf.constant([0., 1., 2., 3., 4., -5., -4., -3., -2., -1.])).numpy().tolist()
        [-5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0]
    """
    return _shift(x, axes, 1, "signal.fftshift")


def ifftshift(x: Any, axes: Any = None, name: str | None = None) -> Tensor:
    """The inverse of ``fftshift`` (they differ by one sample for odd lengths).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.ifftshift(tf.constant([[0., 1., 2.], [3., 4., -4.], [-3., -2., -1.]])).numpy().tolist()
        [[4.0, -4.0, 3.0], [-2.0, -1.0, -3.0], [1.0, 2.0, 0.0]]
    """
    return _shift(x, axes, -1, "signal.ifftshift")


# --- DCT -------------------------------------------------------------------------------------------------


def _twiddle(n: int, sign: float, cdt: np.dtype) -> Tensor:
    """2 * exp(sign * i * pi * k / (2n)) for k < n."""
    k = np.arange(n, dtype=np.float64)
    return Tensor((2.0 * np.exp(sign * 1j * np.pi * k / (2.0 * n))).astype(cdt))


def _real(z: Tensor) -> Tensor:
    from . import math_ops as M

    return M.real(z)


def _dct_core(x: Tensor, type: int, norm: Any) -> Tensor:
    """DCT of the innermost axis (already cut or padded to its length N)."""
    from . import math_ops as M

    dt = x._value.dtype
    cdt = _COMPLEX_OF[dt]
    n = x._value.shape[-1]
    if type == 1:
        mirror = A.getitem(x, (Ellipsis, slice(n - 2, 0, -1)))
        y = A.concat([x, mirror], axis=-1)
        return _real(S.rfft(y, (2 * n - 2,)))
    if type == 2:
        spec = S.rfft(_fit(x, (2 * n,)), (2 * n,))
        y = _real(C.multiply(A.getitem(spec, (Ellipsis, slice(0, n))), _twiddle(n, -1.0, cdt)))
        if norm == "ortho":
            w = np.full(n, _m.sqrt(0.5 / n))
            w[0] = 0.5 / _m.sqrt(n)
            y = C.multiply(y, Tensor(w.astype(dt)))
        return y
    if type == 3:
        if norm == "ortho":
            w = np.full(n, _m.sqrt(n * 0.5))
            w[0] = _m.sqrt(n)
            x = C.multiply(x, Tensor(w.astype(dt)))
        else:
            x = C.multiply(x, Tensor(np.asarray(float(n), dt)))
        z = C.multiply(M.complex(x, Tensor(np.zeros((), dt))), _twiddle(n, 1.0, cdt))
        y = S.irfft(_fit(z, (n + 1,)), (2 * n,))
        return A.getitem(y, (Ellipsis, slice(0, n)))
    # type 4: the odd bins of a 2N-point DCT-II of the zero-padded signal
    y = A.getitem(_dct_core(_fit(x, (2 * n,)), 2, None), (Ellipsis, slice(1, None, 2)))
    if norm == "ortho":
        y = C.multiply(y, Tensor(np.asarray(_m.sqrt(0.5 / n), dt)))
    return y


def _dct_args(input: Any, type: int, n: Any, axis: int, norm: Any, op: str) -> Tensor:
    x = tensor_arg(input, op)
    if axis != -1:
        raise NotImplementedError(f"axis must be -1. Got: {axis}")
    if n is not None and n < 1:
        raise ValueError("n should be a positive integer or None")
    if type not in (1, 2, 3, 4):
        raise ValueError("Types I, II, III and IV (I)DCT are supported.")
    if type == 1:
        if norm == "ortho":
            raise ValueError("Normalization is not supported for the Type-I DCT.")
        if x._value.ndim and x._value.shape[-1] < 2:
            raise ValueError("Type-I DCT requires the dimension to be greater than one.")
    if norm not in (None, "ortho"):
        raise ValueError(f"Unknown normalization. Expected None or 'ortho', got: {norm}")
    if x._value.dtype not in (np.float32, np.float64):
        raise TypeError(f"{op}: input must be a float32 or float64 tensor, got a {describe(x)}")
    if x._value.ndim < 1:
        raise ValueError(f"{op}: input must have rank at least 1, got a {describe(x)}")
    if n is not None:
        x = _fit(x, (int(n),))
    return x


def dct(input: Any, type: int = 2, n: int | None = None, axis: int = -1, norm: Any = None,
        name: str | None = None) -> Tensor:
    """Discrete cosine transform (types 1-4, scipy.fftpack conventions) of the innermost axis;
    ``n`` crops or zero-pads it first, ``norm='ortho'`` makes types 2-4 orthonormal.

    Example:
        >>> import tapeflow as tf
        >>> y = tf.signal.dct(tf.constant([1.0, 2.0, 3.0, 4.0]), norm="ortho")
        >>> [round(v, 4) for v in y.numpy().tolist()]
        [5.0, -2.2304, 0.0, -0.1585]
    """
    x = _dct_args(input, type, n, axis, norm, "signal.dct")
    return _dct_core(x, type, norm)


def idct(input: Any, type: int = 2, n: int | None = None, axis: int = -1, norm: Any = None,
         name: str | None = None) -> Tensor:
    """Inverse DCT: the DCT of the inverse type (3 for 2, 2 for 3; 1 and 4 are their own). Without
    ``norm='ortho'``, ``idct(dct(x)) == x * 2N`` (``2(N-1)`` for type 1).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([1.0, 2.0, 3.0, 4.0])
        >>> tf.signal.idct(tf.signal.dct(x, norm="ortho"), norm="ortho").numpy().round(4).tolist()
        [1.0, 2.0, 3.0, 4.0]
    """
    x = _dct_args(input, type, n, axis, norm, "signal.idct")
    return _dct_core(x, {1: 1, 2: 3, 3: 2, 4: 4}[type], norm)


# --- windows --------------------------------------------------------------------------------------------


def _window_args(window_length: Any, dtype: Any, op: str) -> tuple:
    dt = _dt.np_dtype(dtype)
    if dt.kind != "f":
        raise ValueError(f"dtype must be a floating point type. Found {_dt.from_numpy(dt)!r}")
    n = _int_scalar(window_length, "window_length", op)
    if n < 0:
        raise InvalidArgumentError(f"{op}: window_length must be >= 0, got {n}", op=op)
    return n, dt


def _raised_cosine(window_length: Any, periodic: Any, dtype: Any, a: float, b: float, op: str) -> Tensor:
    n, dt = _window_args(window_length, dtype, op)
    if n == 1:
        return Tensor(np.ones(1, dt))
    per = np.asarray(periodic._value if isinstance(periodic, Tensor) else periodic)
    if per.ndim:
        raise ValueError(f"{op}: periodic must be a scalar, got {periodic!r}")
    even = 1 - n % 2
    denom = np.asarray(n + int(bool(per)) * even - 1, dt)
    arg = np.asarray(2 * np.pi, dt) * np.arange(n, dtype=dt) / denom
    return Tensor(np.asarray(np.asarray(a, dt) - np.asarray(b, dt) * np.cos(arg), dt))


def hann_window(window_length: Any, periodic: Any = True, dtype: Any = _dt.float32,
                name: str | None = None) -> Tensor:
    """Hann window ``0.5 - 0.5 cos(2 pi n / N)``; ``periodic`` (for spectral analysis) uses
    ``N = length`` for even lengths (as TF: odd lengths are the same either way), else
    ``length - 1``.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.hann_window(4).numpy().tolist()
        [0.0, 0.5, 1.0, 0.5]
    """
    return _raised_cosine(window_length, periodic, dtype, 0.5, 0.5, "signal.hann_window")


def hamming_window(window_length: Any, periodic: Any = True, dtype: Any = _dt.float32,
                   name: str | None = None) -> Tensor:
    """Hamming window ``0.54 - 0.46 cos(2 pi n / N)`` (``periodic`` as ``hann_window``).

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in tf.signal.hamming_window(3, periodic=False).numpy().tolist()]
        [0.08, 1.0, 0.08]
    """
    return _raised_cosine(window_length, periodic, dtype, 0.54, 0.46, "signal.hamming_window")


def _cast_param(v: Any, dt: np.dtype, op: str) -> Tensor:
    if isinstance(v, (Tensor, Variable)):
        t = tensor_arg(v, op)
        return t if t._value.dtype == dt else C.cast_raw(t, dt)
    return Tensor(np.asarray(v, dt))


def kaiser_window(window_length: Any, beta: Any = 12.0, dtype: Any = _dt.float32,
                  name: str | None = None) -> Tensor:
    """Kaiser window ``I0(beta sqrt(1 - (2n/(N-1) - 1)^2)) / I0(beta)`` (differentiable in ``beta``).

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.kaiser_window(3, beta=0.0).numpy().tolist()
        [1.0, 1.0, 1.0]
    """
    from . import math_ops as M

    op = "signal.kaiser_window"
    n, dt = _window_args(window_length, dtype, op)
    if n == 1:
        return Tensor(np.ones(1, dt))
    half = np.float32((np.float32(n) - np.float32(1.0)) / np.float32(2.0))
    arg = np.arange(-half, half + np.float32(0.1), dtype=np.float32).astype(dt)
    b = _cast_param(beta, dt, op)
    ratio = np.asarray(arg / np.asarray(half, dt), dt)
    root = Tensor(np.sqrt(np.maximum(np.asarray(1.0, dt) - ratio * ratio, np.asarray(0.0, dt))).astype(dt))
    num = C.multiply(b, root)
    return C.multiply(M.exp(C.subtract(num, b)), C.divide(M.bessel_i0e(num), M.bessel_i0e(b)))


def kaiser_bessel_derived_window(window_length: Any, beta: Any = 12.0, dtype: Any = _dt.float32,
                                 name: str | None = None) -> Tensor:
    """Kaiser-Bessel-derived window (for MDCTs): square roots of the normalised running sums of
    a Kaiser window of ``length // 2 + 1`` points, mirrored.

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in tf.signal.kaiser_bessel_derived_window(4, beta=0.0).numpy().tolist()]
        [0.5774, 0.8165, 0.8165, 0.5774]
    """
    from . import math_ops as M

    op = "signal.kaiser_bessel_derived_window"
    n, dt = _window_args(window_length, dtype, op)
    k = kaiser_window(n // 2 + 1, beta, dtype=dtype)
    cs = M.cumsum(k)
    m = cs._value.shape[0]
    halfw = M.sqrt(C.divide(A.getitem(cs, slice(0, m - 1)), A.getitem(cs, m - 1)))
    return A.concat([halfw, A.reverse(halfw, [0])], axis=0)


def vorbis_window(window_length: Any, dtype: Any = _dt.float32, name: str | None = None) -> Tensor:
    """Vorbis power-complementary window ``sin(pi/2 sin^2(pi (n + 1/2) / N))`` (for MDCTs).

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in tf.signal.vorbis_window(4).numpy().tolist()]
        [0.228, 0.9737, 0.9737, 0.228]
    """
    n, dt = _window_args(window_length, dtype, "signal.vorbis_window")
    arg = np.arange(n, dtype=dt)
    inner = np.sin(np.asarray(np.pi, dt) / np.asarray(n, dt) * (arg + np.asarray(0.5, dt)))
    return Tensor(np.asarray(np.sin(np.asarray(np.pi / 2.0, dt) * inner ** np.asarray(2.0, dt)), dt))


# --- framing ---------------------------------------------------------------------------------------------


def frame(signal: Any, frame_length: Any, frame_step: Any, pad_end: bool = False, pad_value: Any = 0,
          axis: Any = -1, name: str | None = None) -> Tensor:
    """Split ``axis`` of ``signal`` into frames of ``frame_length`` samples, ``frame_step`` apart,
    giving shape ``[..., frames, frame_length, ...]``. Without ``pad_end`` only whole frames
    are kept (``1 + (N - frame_length) // frame_step``); with it the signal is padded with
    ``pad_value`` to ``ceil(N / frame_step)`` frames.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.frame(tf.range(7), 3, 2).numpy().tolist()
        [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
        >>> tf.signal.frame(tf.range(5), 3, 2, pad_end=True, pad_value=-1).numpy().tolist()
        [[0, 1, 2], [2, 3, 4], [4, -1, -1]]
    """
    op = "signal.frame"
    x = tensor_arg(signal, op)
    if x._value.ndim < 1:
        raise ValueError(f"{op}: signal must have rank at least 1, got a {describe(x)}")
    length = _int_scalar(frame_length, "frame_length", op)
    step = _int_scalar(frame_step, "frame_step", op)
    ax = _int_scalar(axis, "axis", op)
    nd = x._value.ndim
    if not -nd <= ax < nd:
        raise InvalidArgumentError(f"{op}: axis {ax} is out of range for a {describe(x)}", op=op)
    if length < 0 or step < 1:
        raise InvalidArgumentError(f"{op}: need frame_length >= 0 and frame_step >= 1, got {length} and {step}",
                                   op=op)
    ax = ax - nd if ax >= 0 else ax
    n = x._value.shape[ax]
    if pad_end:
        count = -(-n // step)
        extra = max(0, length + step * (count - 1) - n)
        if extra:
            pads = [[0, 0]] * nd
            pads[nd + ax] = [0, extra]
            pv = tensor_arg(pad_value, op) if isinstance(pad_value, (Tensor, Variable)) else pad_value
            x = A.pad(x, pads, constant_values=pv)
    else:
        count = max(0, 1 + (n - length) // step)
    return S.frame(x, length, step, ax, count)


def overlap_and_add(signal: Any, frame_step: Any, name: str | None = None) -> Tensor:
    """Overlap-add ``[..., frames, frame_length]`` frames placed ``frame_step`` apart into
    ``[..., (frames - 1) * frame_step + frame_length]`` samples.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.overlap_and_add(tf.ones([3, 4]), 2).numpy().tolist()
        [1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0]
    """
    op = "signal.overlap_and_add"
    x = tensor_arg(signal, op)
    if x._value.ndim < 2:
        raise ValueError(f"{op}: signal must have rank at least 2, got a {describe(x)}")
    fs = np.asarray(frame_step._value if isinstance(frame_step, Tensor) else frame_step)
    if fs.dtype.kind not in "iu":
        raise ValueError(f"frame_step must be an integer. Got {fs.dtype}")
    step = _int_scalar(frame_step, "frame_step", op)
    if step < 1:
        raise InvalidArgumentError(f"{op}: frame_step must be >= 1, got {step}", op=op)
    frames, length = x._value.shape[-2:]
    return S.overlap_add(x, step, -1, max(0, length + step * (frames - 1)))


# --- STFT -------------------------------------------------------------------------------------------------


def _enclosing_power_of_two(v: int) -> int:
    return int(2 ** np.ceil(np.log(v) / np.log(2.0))) if v > 0 else 1


def stft(signals: Any, frame_length: Any, frame_step: Any, fft_length: Any = None,
         window_fn: Callable | None = hann_window, pad_end: bool = False, name: str | None = None) -> Tensor:
    """Short-time Fourier transform of real ``[..., samples]`` signals: frames, windowed by
    ``window_fn(frame_length, dtype=...)`` (None: no window), each ``rfft``-ed with
    ``fft_length`` points (default: the smallest power of 2 >= frame_length).

    Example:
        >>> import tapeflow as tf
        >>> s = tf.signal.stft(tf.zeros([16000]), frame_length=255, frame_step=128)
        >>> s.shape.as_list(), s.dtype
        ([124, 129], tf.complex64)
    """
    op = "signal.stft"
    x = tensor_arg(signals, op)
    if x._value.ndim < 1:
        raise ValueError(f"{op}: signals must have rank at least 1, got a {describe(x)}")
    length = _int_scalar(frame_length, "frame_length", op)
    step = _int_scalar(frame_step, "frame_step", op)
    nfft = _enclosing_power_of_two(length) if fft_length is None else _int_scalar(fft_length, "fft_length", op)
    frames = frame(x, length, step, pad_end=pad_end)
    if window_fn is not None:
        w = tensor_arg(window_fn(length, dtype=_dt.from_numpy(frames._value.dtype)), op)
        frames = C.multiply(frames, w)
    return rfft(frames, [nfft])


def inverse_stft_window_fn(frame_step: Any, forward_window_fn: Callable = hann_window,
                           name: str | None = None) -> Callable:
    """A window function for ``inverse_stft`` that undoes ``forward_window_fn``'s overlapping
    windows: the forward window divided by the sum of its squares over the overlapping frames.

    Example:
        >>> import tapeflow as tf
        >>> w = tf.signal.inverse_stft_window_fn(2)(4, dtype=tf.float32)
        >>> w.numpy().tolist()
        [0.0, 1.0, 1.0, 1.0]
    """
    from . import math_ops as M

    op = "signal.inverse_stft_window_fn"
    step = _int_scalar(frame_step, "frame_step", op)

    def window(frame_length: Any, dtype: Any = _dt.float32) -> Tensor:
        length = _int_scalar(frame_length, "frame_length", op)
        fwd = tensor_arg(forward_window_fn(length, dtype=dtype), op)
        overlaps = -(-length // step)
        denom = A.pad(M.square(fwd), [[0, overlaps * step - length]])
        denom = C.reduce_sum_raw(A.reshape(denom, [overlaps, step]), (0,), True)
        denom = A.getitem(A.reshape(A.tile(denom, [overlaps, 1]), [overlaps * step]), slice(0, length))
        dt = fwd._value.dtype
        is_zero = M.equal(denom, Tensor(np.zeros((), dt)))
        safe = M.where(is_zero, Tensor(np.ones(denom._value.shape, dt)), denom)
        return M.where(is_zero, Tensor(np.zeros(fwd._value.shape, dt)), C.divide(fwd, safe))

    return window


def inverse_stft(stfts: Any, frame_length: Any, frame_step: Any, fft_length: Any = None,
                 window_fn: Callable | None = hann_window, name: str | None = None) -> Tensor:
    """Inverse of ``stft``: ``irfft`` each frame, cut or pad it to ``frame_length``, window it
    and overlap-add. Pass ``window_fn=tf.signal.inverse_stft_window_fn(frame_step)`` to
    reconstruct what ``stft`` with a Hann window analysed.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.random.normal([1024], seed=1)
        >>> s = tf.signal.stft(x, 256, 64)
        >>> y = tf.signal.inverse_stft(s, 256, 64, window_fn=tf.signal.inverse_stft_window_fn(64))
        >>> bool(tf.reduce_max(tf.abs(y[256:-256] - x[256:-256])) < 1e-4)
        True
    """
    op = "signal.inverse_stft"
    x = tensor_arg(stfts, op)
    if x._value.ndim < 2:
        raise ValueError(f"{op}: stfts must have rank at least 2, got a {describe(x)}")
    length = _int_scalar(frame_length, "frame_length", op)
    step = _int_scalar(frame_step, "frame_step", op)
    nfft = _enclosing_power_of_two(length) if fft_length is None else _int_scalar(fft_length, "fft_length", op)
    frames = _fit(irfft(x, [nfft]), (length,))
    if window_fn is not None:
        w = tensor_arg(window_fn(length, dtype=_dt.from_numpy(frames._value.dtype)), op)
        frames = C.multiply(frames, w)
    return overlap_and_add(frames, step)


# --- MDCT ---------------------------------------------------------------------------------------------------


def mdct(signals: Any, frame_length: Any, window_fn: Callable | None = vorbis_window, pad_end: bool = False,
         norm: Any = None, name: str | None = None) -> Tensor:
    """Modified DCT of real ``[..., samples]`` signals over frames of ``frame_length`` (a multiple
    of 4) with 50% overlap: ``[..., frames, frame_length // 2]``. ``window_fn=None`` scales by
    1/sqrt(2) instead of windowing.

    Example:
        >>> import tapeflow as tf
        >>> tf.signal.mdct(tf.ones([16]), 8).shape.as_list()
        [3, 4]
    """
    op = "signal.mdct"
    x = tensor_arg(signals, op)
    if x._value.ndim < 1:
        raise ValueError(f"{op}: signals must have rank at least 1, got a {describe(x)}")
    length = _int_scalar(frame_length, "frame_length", op)
    if length % 4 != 0:
        raise ValueError("The frame length must be a multiple of 4.")
    frames = frame(x, length, length // 2, pad_end=pad_end)
    dt = frames._value.dtype
    if window_fn is not None:
        frames = C.multiply(frames, tensor_arg(window_fn(length, dtype=_dt.from_numpy(dt)), op))
    else:
        frames = C.multiply(frames, Tensor(np.asarray(1.0 / np.sqrt(2), dt)))
    q = length // 4
    a, b, c, d = (A.getitem(frames, (Ellipsis, slice(i * q, (i + 1) * q))) for i in range(4))
    first = C.subtract(C.negative(A.reverse(c, [-1])), d)
    second = C.subtract(a, A.reverse(b, [-1]))
    return dct(A.concat([first, second], axis=-1), type=4, norm=norm)


def inverse_mdct(mdcts: Any, window_fn: Callable | None = vorbis_window, norm: Any = None,
                 name: str | None = None) -> Tensor:
    """Inverse of ``mdct``: ``[..., frames, half]`` bins to ``(frames - 1) * half + 2 * half``
    samples (use the same window for perfect reconstruction).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.random.normal([64], seed=3)
        >>> y = tf.signal.inverse_mdct(tf.signal.mdct(x, 16))
        >>> bool(tf.reduce_max(tf.abs(y[8:-8] - x[8:-8])) < 1e-5)
        True
    """
    op = "signal.inverse_mdct"
    x = tensor_arg(mdcts, op)
    if x._value.ndim < 2:
        raise ValueError(f"{op}: mdcts must have rank at least 2, got a {describe(x)}")
    half = x._value.shape[-1]
    dt = x._value.dtype
    if norm is None:
        y = C.multiply(dct(x, type=4), Tensor(np.asarray(0.5 / half, dt)))
    elif norm == "ortho":
        y = dct(x, type=4, norm="ortho")
    else:
        raise ValueError(f"{op}: norm must be None or 'ortho', got {norm!r}")
    h = half // 2
    p0 = A.getitem(y, (Ellipsis, slice(0, h)))
    p1 = A.getitem(y, (Ellipsis, slice(h, None)))
    frames = A.concat([p1, C.negative(A.reverse(p1, [-1])), C.negative(A.reverse(p0, [-1])), C.negative(p0)], axis=-1)
    if window_fn is not None:
        frames = C.multiply(frames, tensor_arg(window_fn(2 * half, dtype=_dt.from_numpy(dt)), op))
    else:
        frames = C.multiply(frames, Tensor(np.asarray(1.0 / np.sqrt(2), dt)))
    return overlap_and_add(frames, half)


# --- mel scale and MFCCs -------------------------------------------------------------------------------------

_MEL_BREAK_HZ = 700.0
_MEL_HIGH_Q = 1127.0


def _hz_to_mel(f: np.ndarray, dt: np.dtype) -> np.ndarray:
    return np.asarray(_MEL_HIGH_Q, dt) * np.log(np.asarray(1.0, dt) + f / np.asarray(_MEL_BREAK_HZ, dt))


def _linspace(a: Any, b: Any, num: int, dt: np.dtype) -> np.ndarray:
    """``num`` points from a to b, as TF's kernel: start + i * step, the last exactly ``b``."""
    a, b = np.asarray(a, dt), np.asarray(b, dt)
    if num == 1:
        return np.array([a], dt)
    step = np.asarray((b - a) / np.asarray(num - 1, dt), dt)
    out = (a + step * np.arange(num, dtype=dt)).astype(dt)
    if num:
        out[-1] = b
    return out


def linear_to_mel_weight_matrix(num_mel_bins: int = 20, num_spectrogram_bins: int = 129, sample_rate: Any = 8000,
                                lower_edge_hertz: float = 125.0, upper_edge_hertz: float = 3800.0,
                                dtype: Any = _dt.float32, name: str | None = None) -> Tensor:
    """A ``[num_spectrogram_bins, num_mel_bins]`` matrix of triangular HTK mel filters: multiply a
    linear-frequency magnitude spectrogram by it to get a mel spectrogram (TF's formula, the DC
    bin zeroed).

    Example:
        >>> import tapeflow as tf
        >>> m = tf.signal.linear_to_mel_weight_matrix(num_mel_bins=4, num_spectrogram_bins=9)
        >>> m.shape.as_list(), m.dtype
        ([9, 4], tf.float32)
    """
    op = "signal.linear_to_mel_weight_matrix"
    dt = _dt.np_dtype(dtype)
    sr = sample_rate
    if isinstance(sr, (Tensor, Variable)):
        sr = np.asarray(sr).item()
    lo = float(np.asarray(lower_edge_hertz))
    hi = float(np.asarray(upper_edge_hertz))
    nmel = int(num_mel_bins)
    if nmel <= 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {num_mel_bins}")
    if lo < 0.0:
        raise ValueError(f"lower_edge_hertz must be non-negative. Got: {lower_edge_hertz}")
    if lo >= hi:
        raise ValueError(f"lower_edge_hertz {lo:.1f} >= upper_edge_hertz {hi:.1f}")
    if sr <= 0.0:
        raise ValueError(f"sample_rate must be positive. Got: {sample_rate}")
    if hi > sr / 2:
        raise ValueError("upper_edge_hertz must not be larger than the Nyquist frequency (sample_rate / 2). "
                         f"Got {upper_edge_hertz} for sample_rate: {sample_rate}")
    if dt.kind != "f":
        raise ValueError(f"dtype must be a floating point type. Got: {_dt.from_numpy(dt)!r}")
    nspec = int(num_spectrogram_bins)
    if nspec < 0:
        raise InvalidArgumentError(f"{op}: num_spectrogram_bins must be >= 0, got {nspec}", op=op)
    nyquist = np.asarray(sr, dt) / np.asarray(2.0, dt)
    freqs = _linspace(0.0, nyquist, nspec, dt)[1:]
    spec_mel = _hz_to_mel(freqs, dt)[:, None]
    edges = _linspace(_hz_to_mel(np.asarray(lo, dt), dt), _hz_to_mel(np.asarray(hi, dt), dt), nmel + 2, dt)
    lower, center, upper = edges[:-2][None, :], edges[1:-1][None, :], edges[2:][None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        lower_slopes = (spec_mel - lower) / (center - lower)
        upper_slopes = (upper - spec_mel) / (upper - center)
        w = np.maximum(np.asarray(0.0, dt), np.minimum(lower_slopes, upper_slopes)).astype(dt)
    return Tensor(np.concatenate([np.zeros((1 if nspec else 0, nmel), dt), w], axis=0))


def mfccs_from_log_mel_spectrograms(log_mel_spectrograms: Any, name: str | None = None) -> Tensor:
    """MFCCs: the HTK-scaled DCT-II of ``[..., num_mel_bins]`` log-magnitude mel spectrograms
    (``dct(x) / sqrt(2 * num_mel_bins)``; keep the first few coefficients).

    Example:
        >>> import tapeflow as tf
        >>> m = tf.signal.mfccs_from_log_mel_spectrograms(tf.ones([2, 4]))
        >>> m.shape.as_list(), round(float(m[0, 0]), 4)
        ([2, 4], 2.8284)
    """
    op = "signal.mfccs_from_log_mel_spectrograms"
    x = tensor_arg(log_mel_spectrograms, op)
    if x._value.ndim and x._value.shape[-1] == 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {x!r}")
    y = dct(x, type=2)
    return C.multiply(y, Tensor(np.asarray(1.0 / _m.sqrt(2.0 * x._value.shape[-1]), y._value.dtype)))


__all__ = [
    "fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d", "rfft", "irfft", "rfft2d", "irfft2d", "rfft3d", "irfft3d",
    "fftnd", "ifftnd", "rfftnd", "irfftnd", "fftshift", "ifftshift", "dct", "idct", "hann_window", "hamming_window",
    "kaiser_window", "kaiser_bessel_derived_window", "vorbis_window", "frame", "overlap_and_add", "stft",
    "inverse_stft", "inverse_stft_window_fn", "mdct", "inverse_mdct", "linear_to_mel_weight_matrix",
    "mfccs_from_log_mel_spectrograms",
]
