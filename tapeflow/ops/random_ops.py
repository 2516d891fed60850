"""``tf.random``: seeded random tensors (global + op seeds, as TF 2) and ``Generator``.

Seeds follow TF 2: after ``set_seed(s)`` the same sequence of random ops gives the same
values. An op given ``seed=`` draws from its own stream keyed by (global seed, op seed), so
repeated calls differ but the sequence repeats after ``set_seed``. The draws themselves are
constants; like TF, tensor ``mean``/``stddev``/``minval``/``maxval`` arguments enter through
ordinary (differentiable) ops.

Example:
    >>> import tapeflow as tf
    >>> tf.random.set_seed(1)
    >>> a = tf.random.normal([2])
    >>> tf.random.set_seed(1)
    >>> bool((tf.random.normal([2]).numpy() == a.numpy()).all())
    True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import bind1, defprim
from ..primitives import core as C
from ..tensor import Tensor, TensorShape, Variable
from ._args import describe, tensor_arg

_DEFAULT_GLOBAL_SEED = 87654321
_MASK64 = (1 << 64) - 1


class _SeedState:
    """The global seed, the stream for ops without a seed, and one stream per op seed."""

    def __init__(self) -> None:
        self.global_seed: int | None = None
        self.rng = np.random.Generator(np.random.PCG64())
        self.op_rngs: dict = {}
        self.op_counter = 0  # op seeds handed out by get_seed(None) under a global seed


_STATE = _SeedState()


def set_seed(seed: int | None) -> None:
    """Set the global random seed: the same sequence of random ops then repeats its values.

    Example:
        >>> import tapeflow as tf
        >>> tf.random.set_seed(42)
        >>> a = float(tf.random.uniform([]))
        >>> tf.random.set_seed(42)
        >>> a == float(tf.random.uniform([]))
        True
    """
    if seed is None:
        _STATE.global_seed = None
        _STATE.rng = np.random.Generator(np.random.PCG64())
    else:
        s = int(np.asarray(seed)) & _MASK64
        _STATE.global_seed = s
        _STATE.rng = np.random.Generator(np.random.PCG64(s))
    _STATE.op_rngs = {}
    _STATE.op_counter = 0


def get_seed(op_seed: int | None) -> tuple:
    """The (global seed, op seed) pair for an op given ``op_seed``, as TF's ``get_seed``.

    With no seed at all: (None, None). With a global seed but no op seed, each call hands out
    the next op seed from a counter that ``set_seed`` restarts (so successive callers differ,
    reproducibly).

    Example:
        >>> import tapeflow as tf
        >>> tf.random.set_seed(3)
        >>> tf.random.get_seed(7)
        (3, 7)
    """
    g = _STATE.global_seed
    if op_seed is not None:
        return (_DEFAULT_GLOBAL_SEED if g is None else g, int(op_seed))
    if g is None:
        return (None, None)
    _STATE.op_counter += 1
    return (g, _STATE.op_counter)


def _rng(seed: Any = None) -> np.random.Generator:
    """The NumPy generator an op with ``seed`` draws from (shared with dropout, initializers...)."""
    if seed is None:
        return _STATE.rng
    key = int(np.asarray(seed)) & _MASK64
    r = _STATE.op_rngs.get(key)
    if r is None:
        g = _DEFAULT_GLOBAL_SEED if _STATE.global_seed is None else _STATE.global_seed
        r = _STATE.op_rngs[key] = np.random.Generator(np.random.PCG64([g, key]))
    return r


def _numpy_generator() -> np.random.Generator:
    """The global stream (for ops without a seed); follows ``set_seed``."""
    return _STATE.rng


# --- argument helpers ---------------------------------------------------------------------------


def _shape(shape: Any, op: str) -> tuple:
    if isinstance(shape, (Tensor, Variable)):
        shape = np.asarray(shape)
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    if isinstance(shape, np.ndarray):
        if shape.ndim > 1 or (shape.size and shape.dtype.kind not in "iu"):
            raise InvalidArgumentError(f"{op}: shape must be a 1-D integer vector, got {shape!r}", op=op)
        shape = shape.reshape(-1).tolist()
    try:
        dims = tuple(int(np.asarray(d)) for d in shape)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"{op}: shape must be a list of non-negative ints, got {shape!r}", op=op) from None
    if any(d < 0 for d in dims) or (isinstance(shape, TensorShape) and None in shape):
        raise InvalidArgumentError(f"{op}: shape must be fully defined and non-negative, got {list(dims)}", op=op)
    return dims


def _float_dtype(dtype: Any, op: str) -> np.dtype:
    dt = _dt.np_dtype(dtype)
    if dt.kind != "f":
        raise ValueError(f"{op}: dtype must be a floating type (float16, float32, float64), got "
                         f"{_dt.as_dtype(dtype).name}")
    return dt


def _draw_normal(rng: np.random.Generator, shape: tuple, dt: np.dtype) -> np.ndarray:
    if dt == np.float64:
        return rng.standard_normal(shape)
    z = rng.standard_normal(shape, dtype=np.float32)
    return z if dt == np.float32 else z.astype(dt)


def _draw_truncated(rng: np.random.Generator, shape: tuple, dt: np.dtype) -> np.ndarray:
    """Standard normals, redrawing those beyond 2 (whole-array redraws, no per-element loop)."""
    z = rng.standard_normal(shape)
    bad = np.abs(z) > 2.0
    n = int(bad.sum())
    while n:
        z[bad] = rng.standard_normal(n)
        bad = np.abs(z) > 2.0
        n = int(bad.sum())
    return z.astype(dt, copy=False)


def _param(v: Any, dt: np.dtype, shape: tuple, what: str, op: str) -> Any:
    """A location/scale argument: a NumPy scalar (fast path) or a Tensor (differentiable)."""
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        return np.asarray(v, dt)
    t = tensor_arg(v, op, dtype=None if isinstance(v, (Tensor, Variable, np.ndarray)) else dt)
    if t._value.dtype != dt:
        raise InvalidArgumentError(f"{op}: {what} is a {describe(t)}, but dtype is {_dt.from_numpy(dt).name}",
                                   op=op)
    try:
        full = np.broadcast_shapes(t._value.shape, shape)
    except ValueError:
        full = None
    if full != shape:
        raise InvalidArgumentError(f"{op}: {what} ({describe(t)}) does not broadcast to shape {list(shape)}",
                                   op=op)
    return t


def _affine(z: np.ndarray, scale: Any, shift: Any) -> Tensor:
    """scale * z + shift; through recorded ops when scale or shift is a Tensor."""
    if type(scale) is not Tensor and type(shift) is not Tensor:
        if scale != 1:
            z = z * scale
        if shift != 0:
            z = z + shift
        return Tensor(np.asarray(z, z.dtype))
    out = Tensor(z)
    out = C.multiply(out, scale if type(scale) is Tensor else Tensor(scale))
    return C.add(out, shift if type(shift) is Tensor else Tensor(shift))


def _normal(rng: np.random.Generator, shape: Any, mean: Any, stddev: Any, dtype: Any, op: str,
            truncated: bool = False) -> Tensor:
    dt = _float_dtype(dtype, op)
    shp = _shape(shape, op)
    m = _param(mean, dt, shp, "mean", op)
    s = _param(stddev, dt, shp, "stddev", op)
    z = _draw_truncated(rng, shp, dt) if truncated else _draw_normal(rng, shp, dt)
    return _affine(z, s, m)


def _uniform(rng: np.random.Generator, shape: Any, minval: Any, maxval: Any, dtype: Any, op: str) -> Tensor:
    dt = _dt.np_dtype(dtype)
    shp = _shape(shape, op)
    if dt.kind in "iu":
        if maxval is None:
            raise ValueError(f"{op}: must specify maxval for integer dtype {_dt.from_numpy(dt).name}")
        lo, hi = np.asarray(minval), np.asarray(maxval)
        if lo.ndim or hi.ndim:
            raise InvalidArgumentError(f"{op}: minval and maxval must be scalars for integer dtypes", op=op)
        lo, hi = int(lo), int(hi)
        if lo >= hi:
            raise InvalidArgumentError(f"{op}: need minval < maxval, got minval={lo}, maxval={hi}", op=op)
        return Tensor(rng.integers(lo, hi, size=shp, dtype=dt))
    if dt.kind != "f":
        raise ValueError(f"{op}: dtype must be a floating or integer type, got {_dt.from_numpy(dt).name}")
    lo = _param(minval, dt, shp, "minval", op)
    hi = _param(1.0 if maxval is None else maxval, dt, shp, "maxval", op)
    u = rng.random(shp, dtype=np.float64 if dt == np.float64 else np.float32).astype(dt, copy=False)
    if type(lo) is not Tensor and type(hi) is not Tensor:
        return _affine(u, hi - lo, lo)
    lo_t = lo if type(lo) is Tensor else Tensor(lo)
    hi_t = hi if type(hi) is Tensor else Tensor(hi)
    return _affine(u, C.subtract(hi_t, lo_t), lo_t)


# --- the stateful ops ---------------------------------------------------------------------------


def normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dt.float32, seed: int | None = None,
           name: str | None = None) -> Tensor:
    """Samples from a normal distribution.

    Example:
        >>> import tapeflow as tf
        >>> tf.random.normal([2, 3], mean=1.0, stddev=0.5, seed=1).shape.as_list()
        [2, 3]
    """
    return _normal(_rng(seed), shape, mean, stddev, dtype, "random.normal")


def truncated_normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dt.float32,
                     seed: int | None = None, name: str | None = None) -> Tensor:
    """Normal samples, redrawn when more than 2 standard deviations from the mean.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_max(tf.abs(tf.random.truncated_normal([1000])))) <= 2.0
        True
    """
    return _normal(_rng(seed), shape, mean, stddev, dtype, "random.truncated_normal", truncated=True)


def uniform(shape: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dt.float32, seed: int | None = None,
            name: str | None = None) -> Tensor:
    """Uniform samples in [minval, maxval) (maxval defaults to 1 for floats; required for ints).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.random.uniform([100], minval=2, maxval=5, dtype=tf.int32)
        >>> 2 <= int(tf.reduce_min(x)) and int(tf.reduce_max(x)) < 5
        True
    """
    return _uniform(_rng(seed), shape, minval, maxval, dtype, "random.uniform")


def _shuffle_fwd(x: np.ndarray, perm: np.ndarray) -> np.ndarray:
    return x[perm]


SHUFFLE = defprim("random_shuffle", _shuffle_fwd, None)  # no gradient, as TF


def shuffle(value: Any, seed: int | None = None, name: str | None = None) -> Tensor:
    """Randomly permute ``value`` along its first axis.

    Example:
        >>> import tapeflow as tf
        >>> sorted(tf.random.shuffle(tf.range(5)).numpy().tolist())
        [0, 1, 2, 3, 4]
    """
    x = tensor_arg(value, "random.shuffle")
    if x._value.ndim == 0:
        return bind1(SHUFFLE, x, {"perm": ()})
    return bind1(SHUFFLE, x, {"perm": _rng(seed).permutation(x._value.shape[0])})


def categorical(logits: Any, num_samples: int, dtype: Any = None, seed: int | None = None,
                name: str | None = None) -> Tensor:
    """Draw ``num_samples`` class ids per row of 2-D unnormalised log-probabilities ``logits``.

    Example:
        >>> import tapeflow as tf
        >>> tf.random.categorical([[0.0, -1e9]], 3).numpy().tolist()
        [[0, 0, 0]]
    """
    op = "random.categorical"
    x = tensor_arg(logits, op)
    if x._value.ndim != 2 or x._value.dtype.kind != "f":
        raise InvalidArgumentError(f"{op}: logits must be a 2-D float tensor [batch, classes], got a {describe(x)}",
                                   op=op)
    dt = np.dtype(np.int64) if dtype is None else _dt.np_dtype(dtype)
    if dt not in (np.int32, np.int64):
        raise ValueError(f"{op}: dtype must be int32 or int64, got {_dt.from_numpy(dt).name}")
    n = int(num_samples)
    if n < 0:
        raise InvalidArgumentError(f"{op}: num_samples must be >= 0, got {n}", op=op)
    b, k = x._value.shape
    if k == 0:
        raise InvalidArgumentError(f"{op}: logits have no classes ({describe(x)})", op=op)
    # Gumbel-max: argmax(logits + Gumbel noise) is a draw from softmax(logits)
    noisy = x._value.astype(np.float64)[:, None, :] + _rng(seed).gumbel(size=(b, n, k))
    return Tensor(np.argmax(noisy, axis=-1).astype(dt))


# --- stateless ops ------------------------------------------------------------------------------


def _stateless_rng(seed: Any, op: str) -> np.random.Generator:
    s = np.asarray(seed)
    if s.shape != (2,) or s.dtype.kind not in "iu":
        raise InvalidArgumentError(f"{op}: seed must be an integer tensor of shape [2], got {s!r}", op=op)
    key = np.array([int(v) & _MASK64 for v in s.tolist()], np.uint64)
    return np.random.Generator(np.random.Philox(key=key))


def stateless_normal(shape: Any, seed: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dt.float32,
                     name: str | None = None, alg: Any = "auto_select") -> Tensor:
    """Normal samples that depend only on ``seed`` (shape [2]).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.random.stateless_normal([3], seed=[1, 2])
        >>> bool((a.numpy() == tf.random.stateless_normal([3], seed=[1, 2]).numpy()).all())
        True
    """
    op = "random.stateless_normal"
    return _normal(_stateless_rng(seed, op), shape, mean, stddev, dtype, op)


def stateless_truncated_normal(shape: Any, seed: Any, mean: Any = 0.0, stddev: Any = 1.0,
                               dtype: Any = _dt.float32, name: str | None = None, alg: Any = "auto_select") -> Tensor:
    """Truncated normal samples that depend only on ``seed`` (shape [2]).

    Example:
        >>> import tapeflow as tf
        >>> tf.random.stateless_truncated_normal([2], seed=[0, 1]).shape.as_list()
        [2]
    """
    op = "random.stateless_truncated_normal"
    return _normal(_stateless_rng(seed, op), shape, mean, stddev, dtype, op, truncated=True)


def stateless_uniform(shape: Any, seed: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dt.float32,
                      name: str | None = None, alg: Any = "auto_select") -> Tensor:
    """Uniform samples that depend only on ``seed`` (shape [2]).

    Example:
        >>> import tapeflow as tf
        >>> tf.random.stateless_uniform([2], seed=[3, 4]).shape.as_list()
        [2]
    """
    op = "random.stateless_uniform"
    return _uniform(_stateless_rng(seed, op), shape, minval, maxval, dtype, op)


# --- Generator ----------------------------------------------------------------------------------

_ALGS = {None: "philox", "philox": "philox", "threefry": "philox", "auto_select": "philox",
         1: "philox", 2: "philox", 3: "philox"}


def _alg(alg: Any) -> str:
    key = alg.lower() if isinstance(alg, str) else getattr(alg, "value", alg)
    if key not in _ALGS:
        raise ValueError(f"Generator: unknown algorithm {alg!r} (use 'philox', 'threefry' or 'auto_select')")
    return _ALGS[key]


class Generator:
    """A random number generator with its own state (as ``tf.random.Generator``).

    Two generators made ``from_seed`` with the same seed produce the same numbers.

    Example:
        >>> import tapeflow as tf
        >>> g1, g2 = tf.random.Generator.from_seed(7), tf.random.Generator.from_seed(7)
        >>> bool((g1.normal([3]).numpy() == g2.normal([3]).numpy()).all())
        True
    """

    def __init__(self, copy_from: Generator | None = None, state: Any = None, alg: Any = None) -> None:
        self._alg = _alg(alg)
        if copy_from is not None:
            self._alg = copy_from._alg
            bg = np.random.Philox()
            bg.state = copy_from._rng.bit_generator.state
            self._rng = np.random.Generator(bg)
        elif state is not None:
            st = [int(v) & _MASK64 for v in np.asarray(state).reshape(-1).tolist()]
            self._rng = np.random.Generator(np.random.Philox(st or [0]))
        else:
            self._rng = np.random.Generator(np.random.Philox())

    @classmethod
    def from_seed(cls, seed: int, alg: Any = None) -> Generator:
        """A generator whose stream depends only on ``seed``."""
        g = cls.__new__(cls)
        g._alg = _alg(alg)
        g._rng = np.random.Generator(np.random.Philox(int(np.asarray(seed)) & _MASK64))
        return g

    @classmethod
    def from_non_deterministic_state(cls, alg: Any = None) -> Generator:
        """A generator seeded from OS entropy."""
        return cls(alg=alg)

    def reset_from_seed(self, seed: int) -> None:
        """Restart the stream as ``from_seed(seed)`` would."""
        self._rng = np.random.Generator(np.random.Philox(int(np.asarray(seed)) & _MASK64))

    @property
    def algorithm(self) -> int:
        return 1  # philox

    @property
    def state(self) -> Tensor:
        """The counter and key of the underlying Philox stream (as an int64 tensor)."""
        st = self._rng.bit_generator.state["state"]
        words = list(np.asarray(st["counter"], np.uint64)) + list(np.asarray(st["key"], np.uint64))
        return Tensor(np.array(words, np.uint64).view(np.int64))

    def normal(self, shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dt.float32,
               name: str | None = None) -> Tensor:
        """Normal samples from this generator."""
        return _normal(self._rng, shape, mean, stddev, dtype, "Generator.normal")

    def truncated_normal(self, shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = _dt.float32,
                         name: str | None = None) -> Tensor:
        """Normal samples redrawn beyond 2 standard deviations."""
        return _normal(self._rng, shape, mean, stddev, dtype, "Generator.truncated_normal", truncated=True)

    def uniform(self, shape: Any, minval: Any = 0, maxval: Any = None, dtype: Any = _dt.float32,
                name: str | None = None) -> Tensor:
        """Uniform samples in [minval, maxval)."""
        return _uniform(self._rng, shape, minval, maxval, dtype, "Generator.uniform")

    def uniform_full_int(self, shape: Any, dtype: Any = _dt.uint64, name: str | None = None) -> Tensor:
        """Integers spread over the whole range of ``dtype``."""
        dt = _dt.np_dtype(dtype)
        if dt.kind not in "iu":
            raise ValueError(f"Generator.uniform_full_int: dtype must be an integer type, got {dt}")
        info = np.iinfo(dt)
        shp = _shape(shape, "Generator.uniform_full_int")
        return Tensor(self._rng.integers(info.min, info.max, size=shp, dtype=dt, endpoint=True))

    def make_seeds(self, count: int = 1) -> Tensor:
        """An int64 tensor of shape [2, count]: seeds for the stateless ops."""
        return Tensor(self._rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, size=(2, int(count)),
                                         dtype=np.int64, endpoint=True))

    def split(self, count: int = 1) -> list:
        """``count`` new independent generators (this one's state advances)."""
        out = []
        for _ in range(int(count)):
            g = Generator.__new__(Generator)
            g._alg = self._alg
            seed = self._rng.integers(0, np.iinfo(np.int64).max, size=4, dtype=np.int64).tolist()
            g._rng = np.random.Generator(np.random.Philox(seed))
            out.append(g)
        return out


_GLOBAL_GENERATOR: list = []


def get_global_generator() -> Generator:
    """The process-wide Generator (made from OS entropy on first use).

    Example:
        >>> import tapeflow as tf
        >>> tf.random.get_global_generator().normal([2]).shape.as_list()
        [2]
    """
    if not _GLOBAL_GENERATOR:
        _GLOBAL_GENERATOR.append(Generator.from_non_deterministic_state())
    return _GLOBAL_GENERATOR[0]


def set_global_generator(generator: Generator) -> None:
    """Replace the process-wide Generator."""
    if not isinstance(generator, Generator):
        raise TypeError(f"set_global_generator: expected a tf.random.Generator, got {type(generator).__name__}")
    _GLOBAL_GENERATOR[:] = [generator]


__all__ = [
    "set_seed", "get_seed", "normal", "truncated_normal", "uniform", "shuffle", "categorical",
    "stateless_normal", "stateless_truncated_normal", "stateless_uniform", "Generator",
    "get_global_generator", "set_global_generator",
]
