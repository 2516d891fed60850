"""``keras.ops.math``-level ops of Keras 3: segment reductions, top-k, special functions, FFTs and
short-time Fourier transforms (complex values travel as (real, imaginary) pairs, as in Keras).

Example:
    >>> print(logsumexp([0.0, 0.0]).numpy().round(4))
    0.6931
    >>> [t.numpy().tolist() for t in rfft(np.array([1.0, 0.0, 0.0, 0.0], "float32"))]
    [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np  # noqa: F401  (the examples use it)

import tapeflow as tf

from ...tensor import Tensor
from ._common import cast as _cast
from ._common import convert, name_of, wrap_symbolic


def _segment_check(data: Tensor, ids: Tensor) -> None:
    if ids.ndim > 1:
        raise ValueError(f"Argument `segment_ids` should be an 1-D vector, got shape: {ids.ndim}. Consider either "
                         "flatten input with segment_ids.reshape((-1)) and data.reshape((-1, ) + "
                         "data.shape[len(segment_ids.shape):]) or vectorize with vmap.")
    if ids.shape[0] != data.shape[0]:
        raise ValueError(f"Argument `segment_ids` and `data` should have same leading dimension. Got "
                         f"{tuple(ids.shape)} v.s. {tuple(data.shape)}.")


def _segment(data: Any, segment_ids: Any, num_segments: Any, sorted: bool, kind: str) -> Tensor:  # noqa: A002
    data, ids = convert(data), convert(segment_ids)
    _segment_check(data, ids)
    if sorted:
        if num_segments is not None:
            raise ValueError("Argument `num_segments` cannot be set when sorted is True when using the tensorflow "
                             f"backend.Received: num_segments={num_segments}, sorted={sorted}.")
        return getattr(tf.math, f"segment_{kind}")(data, ids)
    if num_segments is None:
        if kind == "sum":
            num_segments = int(tf.shape(tf.unique(ids)[0])[0])
        else:
            num_segments = int(tf.reduce_max(ids)) + 1
    return getattr(tf.math, f"unsorted_segment_{kind}")(data, ids, num_segments)


def segment_sum(data: Any, segment_ids: Any, num_segments: int | None = None, sorted: bool = False) -> Tensor:  # noqa: A002
    """Sum of the rows of ``data`` in each segment.

    Without ``num_segments`` the output has as many rows as there are distinct ids (TensorFlow
    backend), so ids should then be 0..k-1.

    Example:
        >>> segment_sum([1.0, 2.0, 3.0], [0, 0, 1]).numpy().tolist()
        [3.0, 3.0]
    """
    return _segment(data, segment_ids, num_segments, sorted, "sum")


def segment_max(data: Any, segment_ids: Any, num_segments: int | None = None, sorted: bool = False) -> Tensor:  # noqa: A002
    """Maximum of the rows of ``data`` in each segment (empty segments: the dtype's lowest value).

    Example:
        >>> segment_max([1.0, 5.0, 3.0], [0, 0, 1]).numpy().tolist()
        [5.0, 3.0]
    """
    return _segment(data, segment_ids, num_segments, sorted, "max")


def segment_min(data: Any, segment_ids: Any, num_segments: int | None = None, sorted: bool = False) -> Tensor:  # noqa: A002
    """Minimum of the rows of ``data`` in each segment.

    Example:
        >>> segment_min([1.0, 5.0, 3.0], [0, 0, 1]).numpy().tolist()
        [1.0, 3.0]
    """
    return _segment(data, segment_ids, num_segments, sorted, "min")


def segment_prod(data: Any, segment_ids: Any, num_segments: int | None = None, sorted: bool = False) -> Tensor:  # noqa: A002
    """Product of the rows of ``data`` in each segment.

    Example:
        >>> segment_prod([2.0, 5.0, 3.0], [0, 0, 1]).numpy().tolist()
        [10.0, 3.0]
    """
    return _segment(data, segment_ids, num_segments, sorted, "prod")


def top_k(x: Any, k: int, sorted: bool = True) -> tuple:  # noqa: A002
    """The ``k`` largest entries of the last axis and their (int32) indices.

    Example:
        >>> values, indices = top_k([1.0, 3.0, 2.0], 2)
        >>> values.numpy().tolist(), indices.numpy().tolist()
        ([3.0, 2.0], [1, 2])
    """
    return tuple(tf.math.top_k(convert(x), k, sorted=sorted))


def in_top_k(targets: Any, predictions: Any, k: int) -> Tensor:
    """Whether each target class is among the ``k`` largest predictions of its row.

    Example:
        >>> in_top_k([1, 0], [[0.1, 0.9], [0.8, 0.2]], 1).numpy().tolist()
        [True, True]
    """
    return tf.math.in_top_k(convert(targets), convert(predictions), k)


def logsumexp(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """log(sum(exp(x))) over ``axis``, computed stably.

    Example:
        >>> print(logsumexp([[0.0, 0.0]], axis=1).numpy().round(4))
        [0.6931]
    """
    return tf.math.reduce_logsumexp(convert(x), axis=tuple(axis) if isinstance(axis, list) else axis,
                                    keepdims=keepdims)


def erf(x: Any) -> Tensor:
    """The error function, element-wise.

    Example:
        >>> erf([0.0]).numpy().tolist()
        [0.0]
    """
    return tf.math.erf(convert(x))


def erfc(x: Any) -> Tensor:
    """1 - erf(x), element-wise.

    Example:
        >>> erfc([0.0]).numpy().tolist()
        [1.0]
    """
    return tf.math.erfc(convert(x))


def erfinv(x: Any) -> Tensor:
    """The inverse error function, element-wise.

    Example:
        >>> erfinv([0.0]).numpy().tolist()
        [0.0]
    """
    x = convert(x)
    if name_of(x) == "float16":
        return _cast(tf.math.erfinv(_cast(x, "float32")), "float16")
    return tf.math.erfinv(x)


def rsqrt(x: Any) -> Tensor:
    """1 / sqrt(x), element-wise.

    Example:
        >>> rsqrt([4.0]).numpy().tolist()
        [0.5]
    """
    return tf.math.rsqrt(convert(x))


def logdet(x: Any) -> Tensor:
    """log(det(x)) of Hermitian positive-definite matrices.

    Example:
        >>> print(logdet([[2.0, 0.0], [0.0, 2.0]]).numpy().round(4))
        1.3863
    """
    return tf.linalg.logdet(convert(x))


def cdist(x: Any, y: Any) -> Tensor:
    """Euclidean distances between the rows of ``x`` and of ``y`` (batched over leading axes).

    Example:
        >>> cdist([[0.0, 0.0]], [[3.0, 4.0], [0.0, 1.0]]).numpy().tolist()
        [[5.0, 1.0]]
    """
    a, b = convert(x), convert(y)
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError("`cdist` inputs must have rank >= 2")
    if a.shape[-1] != b.shape[-1]:
        raise ValueError("Last dimension of inputs to `cdist` must match")
    from .numpy import expand_dims, sqrt, square
    from .numpy import sum as _sum

    d = expand_dims(a, -2) - expand_dims(b, -3)
    return sqrt(_sum(square(d), axis=-1))


def extract_sequences(x: Any, sequence_length: int, sequence_stride: int) -> Tensor:
    """Frames of ``sequence_length`` taken every ``sequence_stride`` along the last axis.

    Example:
        >>> extract_sequences([1, 2, 3, 4, 5], 2, 2).numpy().tolist()
        [[1, 2], [3, 4]]
    """
    return tf.signal.frame(convert(x), frame_length=sequence_length, frame_step=sequence_stride, axis=-1,
                           pad_end=False)


def _complex(x: Any) -> Tensor:
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"Input `x` should be a tuple of two tensors - real and imaginary.Received: x={x}")
    re, im = convert(x[0]), convert(x[1])
    if tuple(re.shape) != tuple(im.shape):
        raise ValueError("Input `x` should be a tuple of two tensors - real and imaginary.Both the real and "
                         f"imaginary parts should have the same shape. Received: x[0].shape = {tuple(re.shape)}, "
                         f"x[1].shape = {tuple(im.shape)}")
    if name_of(re)[0] != "f" or name_of(im)[0] != "f":
        raise ValueError(f"At least one tensor in input `x` is not of type float.Received: x={x}.")
    return tf.complex(re, im)


def _parts(z: Tensor) -> tuple:
    return tf.math.real(z), tf.math.imag(z)


def fft(x: tuple) -> tuple:
    """FFT over the last axis of the complex ``(real, imag)`` pair; returns a pair.

    Example:
        >>> [t.numpy().tolist() for t in fft((np.array([1.0, 0.0], "float32"), np.zeros(2, "float32")))]
        [[1.0, 1.0], [0.0, 0.0]]
    """
    return _parts(tf.signal.fft(_complex(x)))


def fft2(x: tuple) -> tuple:
    """2-D FFT over the last two axes of a ``(real, imag)`` pair.

    Example:
        >>> re = np.ones((2, 2), "float32")
        >>> [t.numpy().tolist() for t in fft2((re, np.zeros_like(re)))]
        [[[4.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]]
    """
    return _parts(tf.signal.fft2d(_complex(x)))


def ifft2(x: tuple) -> tuple:
    """Inverse 2-D FFT of a ``(real, imag)`` pair.

    Example:
        >>> re = np.array([[4.0, 0.0], [0.0, 0.0]], "float32")
        >>> ifft2((re, np.zeros_like(re)))[0].numpy().tolist()
        [[1.0, 1.0], [1.0, 1.0]]
    """
    re, im = convert(x[0]), convert(x[1])
    h = tf.cast(re.shape[-2], re.dtype)
    w = tf.cast(re.shape[-1], re.dtype)
    fr, fi = fft2((re, -im))
    return fr / (h * w), -fi / (h * w)


def rfft(x: Any, fft_length: int | None = None) -> tuple:
    """FFT of a real signal over the last axis (``fft_length // 2 + 1`` bins), as a pair.

    Example:
        >>> [t.numpy().tolist() for t in rfft(np.array([0.0, 1.0], "float32"))]
        [[1.0, -1.0], [0.0, 0.0]]
    """
    z = tf.signal.rfft(convert(x), fft_length=None if fft_length is None else [fft_length])
    return _parts(z)


def irfft(x: tuple, fft_length: int | None = None) -> Tensor:
    """Inverse of ``rfft`` from a ``(real, imag)`` pair.

    Example:
        >>> irfft((np.array([1.0, -1.0], "float32"), np.zeros(2, "float32"))).numpy().tolist()
        [0.0, 1.0]
    """
    return tf.signal.irfft(_complex(x), None if fft_length is None else [fft_length])


def _window(window: Any, n: int, dtype: Any) -> Any:
    if window is None:
        return None
    if isinstance(window, str):
        if window == "hann":
            return tf.signal.hann_window(n, periodic=True, dtype=dtype)
        return tf.signal.hamming_window(n, periodic=True, dtype=dtype)
    w = convert(window, dtype)
    if w.ndim != 1 or w.shape[-1] != n:
        raise ValueError(f"The shape of `window` must be equal to [sequence_length].Received: window shape="
                         f"{tuple(w.shape)}")
    return w


def _check_window(window: Any) -> None:
    if isinstance(window, str) and window not in ("hann", "hamming"):
        raise ValueError(f'If a string is passed to `window`, it must be one of `"hann"`, `"hamming"`. Received: '
                         f"window={window}")


def stft(x: Any, sequence_length: int, sequence_stride: int, fft_length: int, window: Any = "hann",
         center: bool = True) -> tuple:
    """Short-time Fourier transform of float32/float64 signals, as a ``(real, imag)`` pair.

    ``center`` reflect-pads ``fft_length // 2`` on both sides; the window (``"hann"``,
    ``"hamming"``, an array or None) is zero-padded to ``fft_length``.

    Example:
        >>> re, im = stft(np.ones(8, "float32"), 4, 2, 4)
        >>> re.shape.as_list()
        [5, 3]
    """
    if not isinstance(sequence_stride, int) or sequence_stride <= 0:
        raise ValueError(f"`sequence_stride` must be a positive integer. Received: sequence_stride={sequence_stride}")
    x = convert(x)
    if name_of(x) not in ("float32", "float64"):
        raise TypeError(f"Invalid input type. Expected `float32` or `float64`. Received: input type={name_of(x)}")
    if fft_length < sequence_length:
        raise ValueError("`fft_length` must equal or larger than `sequence_length`. Received: "
                         f"sequence_length={sequence_length}, fft_length={fft_length}")
    _check_window(window)
    if center:
        pw = [[0, 0]] * (x.ndim - 1) + [[fft_length // 2, fft_length // 2]]
        x = tf.pad(x, pw, mode="REFLECT")
    lp = (fft_length - sequence_length) // 2
    rp = fft_length - sequence_length - lp
    w = _window(window, sequence_length, x.dtype)
    win = None if w is None else (lambda n, dtype, _w=tf.pad(w, [[lp, rp]]): _w)
    z = tf.signal.stft(x, frame_length=sequence_length + lp + rp, frame_step=sequence_stride, fft_length=fft_length,
                       window_fn=win)
    return _parts(z)


def istft(x: tuple, sequence_length: int, sequence_stride: int, fft_length: int, length: int | None = None,
          window: Any = "hann", center: bool = True) -> Tensor:
    """Inverse of ``stft`` from a ``(real, imag)`` pair (``length`` trims the output).

    Example:
        >>> sig = np.sin(np.arange(16.0)).astype("float32")
        >>> back = istft(stft(sig, 8, 4, 8), 8, 4, 8, length=16)
        >>> bool(np.allclose(back.numpy(), sig, atol=1e-5))
        True
    """
    if not isinstance(sequence_stride, int) or sequence_stride <= 0:
        raise ValueError(f"`sequence_stride` must be a positive integer. Received: sequence_stride={sequence_stride}")
    _check_window(window)
    z = _complex(x)
    dt = tf.math.real(z).dtype
    expected = fft_length + sequence_stride * (z.shape[-2] - 1)
    lp = (fft_length - sequence_length) // 2
    rp = fft_length - sequence_length - lp
    w = _window(window, sequence_length, dt)
    if w is None:
        win = None
    else:
        wp = tf.pad(w, [[lp, rp]])
        win = tf.signal.inverse_stft_window_fn(sequence_stride, lambda n, dtype: wp)
    out = tf.signal.inverse_stft(z, frame_length=sequence_length + lp + rp, frame_step=sequence_stride,
                                 fft_length=fft_length, window_fn=win)
    start = 0 if center is False else fft_length // 2
    if length is not None:
        end = start + length
    elif center is True:
        end = -(fft_length // 2)
    else:
        end = expected
    return out[..., start:end]


def view_as_complex(x: Any) -> Tensor:
    """A complex64 tensor from a trailing axis of size 2 holding (real, imag).

    Example:
        >>> view_as_complex([[1.0, 2.0]]).numpy().tolist()
        [(1+2j)]
    """
    x = convert(x)
    if x.ndim < 1 or x.shape[-1] != 2:
        raise ValueError(f"Last dimension of input must be size 2 (real and imaginary). Received shape: "
                         f"{tuple(x.shape)}")
    re = tf.cast(x[..., 0], tf.float32)
    im = tf.cast(x[..., 1], tf.float32)
    return tf.complex(re, im)


def view_as_real(x: Any) -> Tensor:
    """A real tensor with a trailing axis of size 2 holding (real, imag) of complex ``x``.

    Example:
        >>> view_as_real(np.array([1 + 2j], "complex64")).numpy().tolist()
        [[1.0, 2.0]]
    """
    x = convert(x)
    return tf.stack([tf.math.real(x), tf.math.imag(x)], axis=-1)


__all__ = [
    "cdist", "erf", "erfc", "erfinv", "extract_sequences", "fft", "fft2", "ifft2", "in_top_k", "irfft", "istft",
    "logdet", "logsumexp", "rfft", "rsqrt", "segment_max", "segment_min", "segment_prod", "segment_sum", "stft",
    "top_k", "view_as_complex", "view_as_real",
]

wrap_symbolic(globals(), __all__, skip=())
