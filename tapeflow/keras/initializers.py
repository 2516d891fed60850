"""``keras.initializers``: objects that make the starting values of layer weights.

Calling an initializer with a shape (and optionally a dtype) returns a Tensor. Random
initializers draw from a NumPy Generator: with ``seed=`` they repeat the same values on every
call (as Keras 3); without one they follow ``tf.random.set_seed``.

Example:
    >>> from tapeflow import keras
    >>> keras.initializers.Ones()((2,)).numpy().tolist()
    [1.0, 1.0]
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..tensor import Tensor, Variable

_fallback = np.random.default_rng()


def _generator(seed: Any) -> np.random.Generator:
    """A Generator for one draw: fixed by ``seed``, else tf.random's global stream (which
    ``tf.random.set_seed`` restarts)."""
    if seed is not None:
        return np.random.default_rng(int(seed) & 0xFFFFFFFFFFFFFFFF)
    from ..ops import random_ops

    gen = getattr(random_ops, "_numpy_generator", None)
    return gen() if gen is not None else _fallback


def _shape(shape: Any) -> tuple:
    if shape is None:
        raise ValueError("initializer: a shape is required")
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    try:
        out = tuple(int(s) for s in shape)
    except (TypeError, ValueError):
        raise ValueError(f"initializer: shape must be a tuple of known ints, got {shape!r}") from None
    if any(s < 0 for s in out):
        raise ValueError(f"initializer: shape has a negative dimension: {out}")
    return out


def _dtype(dtype: Any) -> np.dtype:
    return np.dtype(np.float32) if dtype is None else _dt.np_dtype(dtype)


def _float_dtype(dtype: Any, who: str) -> np.dtype:
    d = _dtype(dtype)
    if d.kind != "f":
        raise ValueError(f"{who}: expected a floating dtype, got {_dt.from_numpy(d).name}")
    return d


def _fans(shape: tuple, input_axes: Any = None, output_axes: Any = None) -> tuple:
    """(fan_in, fan_out) as Keras: dense (in, out); conv (*kernel, in, out); or the products of the
    sizes along ``input_axes`` / ``output_axes`` when both are given (einsum kernels)."""
    if input_axes is not None and output_axes is not None:
        try:
            return (int(np.prod([shape[a] for a in input_axes])), int(np.prod([shape[a] for a in output_axes])))
        except (IndexError, TypeError):
            raise ValueError(f"VarianceScaling: input_axes={input_axes} / output_axes={output_axes} do not fit a "
                             f"weight of shape {tuple(shape)}") from None
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    field = int(np.prod(shape[:-2]))
    return shape[-2] * field, shape[-1] * field


def _truncated(rng: np.random.Generator, shape: tuple, mean: float, stddev: float) -> np.ndarray:
    """Normal samples redrawn until they fall within two standard deviations of the mean."""
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2.0
    while bad.any():  # each pass redraws only the rejects (about 5% of the previous pass)
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2.0
    return out * stddev + mean


class Initializer:
    """Base class: ``__call__(shape, dtype=None)`` returns a Tensor; ``get_config`` its arguments.

    Example:
        >>> class Twos(Initializer):
        ...     def __call__(self, shape, dtype=None):
        ...         return Constant(2.0)(shape, dtype)
        >>> Twos()((1,)).numpy().tolist()
        [2.0]
    """

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement __call__(shape, dtype)")

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Initializer:
        return cls(**config)

    def clone(self) -> Initializer:
        return type(self).from_config(self.get_config())

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class Zeros(Initializer):
    """All zeros. Example: ``Zeros()((2, 3))``."""

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        return Tensor(np.zeros(_shape(shape), _dtype(dtype)))


class Ones(Initializer):
    """All ones. Example: ``Ones()((2, 3))``."""

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        return Tensor(np.ones(_shape(shape), _dtype(dtype)))


class Constant(Initializer):
    """A constant value (a scalar, or an array broadcastable to the shape).

    Example:
        >>> Constant(3.0)((2,)).numpy().tolist()
        [3.0, 3.0]
    """

    def __init__(self, value: Any = 0.0) -> None:
        self.value = value

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        shape = _shape(shape)
        v = np.asarray(self.value.numpy() if isinstance(self.value, (Tensor, Variable)) else self.value)
        try:
            arr = np.broadcast_to(v, shape).astype(_dtype(dtype))
        except ValueError:
            raise ValueError(
                f"Constant initializer: value of shape {v.shape} cannot fill a weight of shape {shape}"
            ) from None
        return Tensor(arr)

    def get_config(self) -> dict:
        v = self.value
        return {"value": v.tolist() if isinstance(v, np.ndarray) else v}


class RandomNormal(Initializer):
    """Normal samples (mean 0.0, stddev 0.05 by default).

    Example:
        >>> RandomNormal(seed=1)((2, 2)).shape.as_list()
        [2, 2]
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: int | None = None) -> None:
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        d = _float_dtype(dtype, "RandomNormal")
        rng = _generator(self.seed)
        return Tensor((rng.standard_normal(_shape(shape)) * self.stddev + self.mean).astype(d))

    def get_config(self) -> dict:
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(Initializer):
    """Normal samples (mean 0.0, stddev 0.05) redrawn beyond two standard deviations.

    Example:
        >>> float(abs(TruncatedNormal(stddev=1.0, seed=0)((1000,))).numpy().max()) <= 2.0
        True
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: int | None = None) -> None:
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        d = _float_dtype(dtype, "TruncatedNormal")
        rng = _generator(self.seed)
        return Tensor(_truncated(rng, _shape(shape), self.mean, self.stddev).astype(d))

    def get_config(self) -> dict:
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(Initializer):
    """Uniform samples in [minval, maxval) (-0.05 to 0.05 by default).

    Example:
        >>> v = RandomUniform(0.0, 1.0, seed=0)((100,)).numpy()
        >>> bool(v.min() >= 0.0 and v.max() < 1.0)
        True
    """

    def __init__(self, minval: float = -0.05, maxval: float = 0.05, seed: int | None = None) -> None:
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        d = _dtype(dtype)
        rng = _generator(self.seed)
        shape = _shape(shape)
        if d.kind in "iu":
            return Tensor(rng.integers(int(self.minval), int(self.maxval), shape).astype(d))
        if d.kind != "f":
            raise ValueError(f"RandomUniform: unsupported dtype {_dt.from_numpy(d).name}")
        return Tensor(rng.uniform(self.minval, self.maxval, shape).astype(d))

    def get_config(self) -> dict:
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class VarianceScaling(Initializer):
    """Samples scaled to the weight's fan: variance = scale / n with n = fan_in, fan_out or their mean.

    ``distribution`` is "truncated_normal", "untruncated_normal" or "uniform".

    Example:
        >>> VarianceScaling(2.0, "fan_in", "uniform", seed=0)((4, 3)).shape.as_list()
        [4, 3]
    """

    def __init__(
        self,
        scale: float = 1.0,
        mode: str = "fan_in",
        distribution: str = "truncated_normal",
        seed: int | None = None,
        input_axes: Any = None,
        output_axes: Any = None,
    ) -> None:
        if scale <= 0.0:
            raise ValueError(f"VarianceScaling: scale must be positive, got {scale}")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"VarianceScaling: mode must be 'fan_in', 'fan_out' or 'fan_avg', got {mode!r}")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in ("truncated_normal", "untruncated_normal", "uniform"):
            raise ValueError(
                "VarianceScaling: distribution must be 'truncated_normal', 'untruncated_normal' or "
                f"'uniform', got {distribution!r}"
            )
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed
        self.input_axes = None if input_axes is None else list(input_axes)
        self.output_axes = None if output_axes is None else list(output_axes)

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        d = _float_dtype(dtype, type(self).__name__)
        shape = _shape(shape)
        fan_in, fan_out = _fans(shape, self.input_axes, self.output_axes)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        var = self.scale / max(1.0, n)
        rng = _generator(self.seed)
        if self.distribution == "truncated_normal":
            # the stddev of a unit normal truncated at +-2 is 0.87962566103423978
            arr = _truncated(rng, shape, 0.0, math.sqrt(var) / 0.87962566103423978)
        elif self.distribution == "untruncated_normal":
            arr = rng.standard_normal(shape) * math.sqrt(var)
        else:
            lim = math.sqrt(3.0 * var)
            arr = rng.uniform(-lim, lim, shape)
        return Tensor(arr.astype(d))

    def get_config(self) -> dict:
        return {"seed": self.seed, "scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "input_axes": self.input_axes, "output_axes": self.output_axes}


class GlorotUniform(VarianceScaling):
    """Uniform in [-limit, limit], limit = sqrt(6 / (fan_in + fan_out)) (the Keras default).

    Example:
        >>> w = GlorotUniform(seed=0)((6, 6)).numpy()
        >>> bool(abs(w).max() <= (6 / 12) ** 0.5)
        True
    """

    def __init__(self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(1.0, "fan_avg", "uniform", seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class GlorotNormal(VarianceScaling):
    """Truncated normal with stddev sqrt(2 / (fan_in + fan_out)). Example: ``GlorotNormal()((3, 4))``."""

    def __init__(self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(1.0, "fan_avg", "truncated_normal", seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class HeNormal(VarianceScaling):
    """Truncated normal with stddev sqrt(2 / fan_in). Example: ``HeNormal()((3, 4))``."""

    def __init__(self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(2.0, "fan_in", "truncated_normal", seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class HeUniform(VarianceScaling):
    """Uniform in [-limit, limit], limit = sqrt(6 / fan_in). Example: ``HeUniform()((3, 4))``."""

    def __init__(self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(2.0, "fan_in", "uniform", seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class LecunNormal(VarianceScaling):
    """Truncated normal with stddev sqrt(1 / fan_in). Example: ``LecunNormal()((3, 4))``."""

    def __init__(self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(1.0, "fan_in", "truncated_normal", seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class LecunUniform(VarianceScaling):
    """Uniform in [-limit, limit], limit = sqrt(3 / fan_in). Example: ``LecunUniform()((3, 4))``."""

    def __init__(self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None) -> None:
        super().__init__(1.0, "fan_in", "uniform", seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


class Orthogonal(Initializer):
    """A (semi-)orthogonal matrix times ``gain`` (the last axis against all others flattened).

    Example:
        >>> import numpy as np
        >>> w = Orthogonal(seed=0)((3, 3)).numpy()
        >>> bool(np.allclose(w.T @ w, np.eye(3), atol=1e-5))
        True
    """

    def __init__(self, gain: float = 1.0, seed: int | None = None) -> None:
        self.gain, self.seed = gain, seed

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        d = _float_dtype(dtype, "Orthogonal")
        shape = _shape(shape)
        if len(shape) < 2:
            raise ValueError(f"Orthogonal initializer needs a shape of rank >= 2, got {shape}")
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        a = _generator(self.seed).standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)
        q = q * np.sign(np.diag(r))  # a uniform draw over orthogonal matrices
        if rows < cols:
            q = q.T
        return Tensor((self.gain * q[:rows, :cols]).reshape(shape).astype(d))

    def get_config(self) -> dict:
        return {"gain": self.gain, "seed": self.seed}


class Identity(Initializer):
    """``gain`` times the identity matrix (2-D shapes only). Example: ``Identity()((2, 2))``."""

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = gain

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        shape = _shape(shape)
        if len(shape) != 2:
            raise ValueError(f"Identity initializer needs a 2-D shape, got {shape}")
        return Tensor((self.gain * np.eye(*shape)).astype(_dtype(dtype)))

    def get_config(self) -> dict:
        return {"gain": self.gain}


def _cosine_sum(m: int, coefs: tuple) -> np.ndarray:
    """A symmetric generalized cosine window of ``m`` points: sum_k a_k cos(k t), t from -pi to pi."""
    t = np.linspace(-np.pi, np.pi, m)
    return sum(a * np.cos(k * t) for k, a in enumerate(coefs))


def _bartlett(m: int) -> np.ndarray:
    n = np.arange(m, dtype=np.float64)
    half = (m - 1) / 2.0
    return np.where(n <= half, 2.0 * n / (m - 1), 2.0 - 2.0 * n / (m - 1))


def _triang(m: int) -> np.ndarray:
    n = np.arange(1, (m + 1) // 2 + 1, dtype=np.float64)
    up = 2.0 * n / (m + 1) if m % 2 else (2.0 * n - 1.0) / m
    return np.concatenate([up, up[-2::-1] if m % 2 else up[::-1]])


_WINDOWS = {
    "hann": lambda m: _cosine_sum(m, (0.5, 0.5)),
    "hamming": lambda m: _cosine_sum(m, (0.54, 0.46)),
    "blackman": lambda m: _cosine_sum(m, (0.42, 0.5, 0.08)),
    "bartlett": _bartlett,
    "triang": _triang,
    "boxcar": lambda m: np.ones(m),
    "cosine": lambda m: np.sin(np.pi / m * (np.arange(m) + 0.5)),
}
_WINDOW_ALIASES = {"hanning": "hann", "han": "hann", "hamm": "hamming", "ham": "hamming", "black": "blackman",
                   "blk": "blackman", "bart": "bartlett", "brt": "bartlett", "tri": "triangle", "triangle": "triang",
                   "box": "boxcar", "ones": "boxcar", "rect": "boxcar", "rectangular": "boxcar", "halfcosine": "cosine"}


def _window(name: str, m: int, periodic: bool) -> np.ndarray:
    """scipy.signal.get_window's value for the windows above (``periodic``: its ``fftbins``)."""
    key = _WINDOW_ALIASES.get(name, name)
    key = _WINDOW_ALIASES.get(key, key)
    fn = _WINDOWS.get(key)
    if fn is None:
        raise ValueError(f"Invalid window name '{name}' in parameter window='{name}'! tapeflow's STFT initializer "
                         f"supports the windows {sorted(_WINDOWS)} (scipy.signal.get_window has more)")
    if m == 1:
        return np.ones(1)
    return fn(m + 1)[:-1] if periodic else fn(m)


class STFT(Initializer):
    """Conv kernels computing the real (``side="real"``) or imaginary (``side="imag"``) part of a
    short-time Fourier transform: for a shape ``(frame_length, input_channels, fft_bins)`` the
    kernel is ``cos(-2 pi t f / (2 (fft_bins - 1)))`` (or ``sin``) of shape
    ``(frame_length, 1, fft_bins)`` (as Keras, whatever ``input_channels`` is), times the
    ``window`` divided by its L2 norm (``scaling="density"``) or L1 norm (``"spectrum"``).

    ``window`` is None, an array of ``frame_length`` values, or a name. Keras looks names up with
    scipy.signal.get_window; tapeflow (NumPy only) knows "hann", "hamming", "blackman",
    "bartlett", "triang", "boxcar" and "cosine" (and their scipy aliases), and raises ValueError
    for other names.

    Example:
        >>> k = STFT(window=None, scaling=None)((3, 1, 2))
        >>> k.shape.as_list(), k.numpy()[:, 0, :].tolist()
        ([3, 1, 2], [[1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    """

    def __init__(self, side: str = "real", window: Any = "hann", scaling: str | None = "density",
                 periodic: bool = False) -> None:
        if side not in ("real", "imag"):
            raise ValueError(f"side should be 'real' or 'imag', not {side}")
        if isinstance(window, str):
            _window(window, 1, False)  # an unknown name fails here, as in Keras
        if scaling is not None and scaling not in ("density", "spectrum"):
            raise ValueError(f"Scaling is invalid, it must be `None`, 'density' or 'spectrum'. Received "
                             f"scaling={scaling}")
        self.side = side
        self.window = window
        self.scaling = scaling
        self.periodic = periodic

    def __call__(self, shape: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
        d = _float_dtype(dtype, "STFT")
        shape = _shape(shape)
        if len(shape) != 3:
            raise ValueError(f"STFT initializer needs a shape (frame_length, input_channels, fft_bins), got {shape}")
        frame_length, _, fft_length = shape
        win = None
        scaling = np.asarray(1, d)
        if self.window is not None:
            win = self.window
            if isinstance(win, str):
                win = _window(win, frame_length, bool(self.periodic))
            win = np.asarray(win.numpy() if isinstance(win, (Tensor, Variable)) else win).astype(d)
            if win.ndim != 1 or win.shape[-1] != frame_length:
                raise ValueError(f"The shape of `window` must be equal to [frame_length].Received: window "
                                 f"shape={win.shape}")
            win = win.reshape(frame_length, 1, 1)
            if self.scaling == "density":
                scaling = np.sqrt(np.sum(np.square(win), dtype=d))
            elif self.scaling == "spectrum":
                scaling = np.sum(np.abs(win), dtype=d)
        freq = np.arange(fft_length, dtype=d).reshape(1, 1, fft_length) / np.asarray((fft_length - 1) * 2, d)
        time = np.arange(frame_length, dtype=d).reshape(frame_length, 1, 1)
        args = (np.asarray(-2, d) * time) * freq * np.arccos(np.asarray(-1, d))
        kernel = (np.cos(args) if self.side == "real" else np.sin(args)).astype(d)
        if win is not None:
            kernel = (kernel * win / scaling).astype(d)
        return Tensor(kernel)

    def get_config(self) -> dict:
        return {"side": self.side, "window": self.window, "periodic": self.periodic, "scaling": self.scaling}


# Keras 3's compatibility names (the same classes)
IdentityInitializer = Identity
OrthogonalInitializer = Orthogonal
STFTInitializer = STFT


# Keras' lower-case aliases
zeros = Zeros
ones = Ones
constant = Constant
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
glorot_uniform = GlorotUniform
glorot_normal = GlorotNormal
he_normal = HeNormal
he_uniform = HeUniform
lecun_normal = LecunNormal
lecun_uniform = LecunUniform
orthogonal = Orthogonal
identity = Identity
stft = STFT

_CLASSES = {
    c.__name__: c
    for c in (Zeros, Ones, Constant, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
              GlorotUniform, GlorotNormal, HeNormal, HeUniform, LecunNormal, LecunUniform,
              Orthogonal, Identity, STFT)
}
_NAMES = {
    "zeros": Zeros, "ones": Ones, "constant": Constant, "random_normal": RandomNormal,
    "normal": RandomNormal, "random_uniform": RandomUniform, "uniform": RandomUniform,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal, "he_normal": HeNormal,
    "he_uniform": HeUniform, "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform,
    "orthogonal": Orthogonal, "identity": Identity, "stft": STFT, "IdentityInitializer": Identity,
    "OrthogonalInitializer": Orthogonal, "STFTInitializer": STFT,
}


def get(identifier: Any) -> Any:
    """An initializer from a name ("glorot_uniform", "GlorotUniform"), a config dict, an
    instance or a callable; ``None`` gives None.

    Example:
        >>> type(get("he_normal")).__name__
        'HeNormal'
    """
    if identifier is None:
        return None
    if isinstance(identifier, Initializer):
        return identifier
    if isinstance(identifier, str):
        cls = _NAMES.get(identifier) or _CLASSES.get(identifier)
        if cls is None:
            raise ValueError(
                f"Could not interpret initializer identifier: {identifier!r}. Known names: {sorted(_NAMES)}"
            )
        return cls()
    if isinstance(identifier, dict):
        cls = _CLASSES.get(identifier.get("class_name")) or _NAMES.get(identifier.get("class_name"))
        if cls is None:
            raise ValueError(f"Could not interpret initializer config: {identifier!r}")
        return cls.from_config(identifier.get("config", {}))
    if isinstance(identifier, type) and issubclass(identifier, Initializer):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret initializer identifier: {identifier!r}")


def serialize(initializer: Initializer) -> dict:
    """Keras 3's config of an initializer (``module``, ``class_name``, ``config``, ``registered_name``).

    Example:
        >>> serialize(Zeros())
        {'module': 'keras.initializers', 'class_name': 'Zeros', 'config': {}, 'registered_name': None}
    """
    from .utils.serialization import serialize_keras_object

    return serialize_keras_object(initializer)


def deserialize(config: dict) -> Initializer:
    """The inverse of ``serialize``."""
    return get(config)


__all__ = [
    "Initializer", "Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform", "TruncatedNormal",
    "VarianceScaling", "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LecunNormal",
    "LecunUniform", "Orthogonal", "Identity", "get", "serialize", "deserialize",
    "zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal",
    "variance_scaling", "glorot_uniform", "glorot_normal", "he_normal", "he_uniform",
    "lecun_normal", "lecun_uniform", "orthogonal", "identity", "STFT", "STFTInitializer", "stft",
    "IdentityInitializer", "OrthogonalInitializer",
]
