"""``keras.random``: Keras 3's random ops, stateless and seeded as in Keras.

A ``seed`` is an int, a ``SeedGenerator`` or None. An int seed gives the same numbers on every
call; a ``SeedGenerator`` advances its state at each call, so successive calls differ but a
generator built with the same seed replays the same sequence; ``None`` draws from a global
generator seeded from Python's ``random`` module. The numbers come from tapeflow's stateless
samplers (``tf.random.stateless_*``, keyed by the two-int seed Keras derives): they are
deterministic within tapeflow but are NOT the numbers Keras with TensorFlow prints for the same
seed (TF's Philox streams are not reproduced).

Example:
    >>> from tapeflow import keras
    >>> a = keras.random.normal((2,), seed=7)
    >>> bool((a.numpy() == keras.random.normal((2,), seed=7).numpy()).all())
    True
    >>> gen = keras.random.SeedGenerator(7)
    >>> bool((keras.random.normal((2,), seed=gen).numpy() == keras.random.normal((2,), seed=gen).numpy()).all())
    False
"""

from __future__ import annotations

import random as _py_random
from typing import Any

import numpy as np

import tapeflow as tf

from ..tensor import Tensor, Variable
from .ops._common import convert, name_of, standardize_dtype

_INT32_MAX = 2**31 - 1


class SeedGenerator:
    """The state of a random stream: each ``next()`` returns the current ``[seed, counter]`` pair and
    advances it, so random ops given this generator draw new values on every call.

    ``state`` is a non-trainable int64 ``keras.Variable`` (``[seed, 0]`` at creation, as Keras), so
    it is saved and restored with the layer or model holding the generator.

    Example:
        >>> gen = SeedGenerator(42)
        >>> gen.state.numpy().tolist(), gen.next().numpy().tolist(), gen.state.numpy().tolist()
        ([42, 0], [42, 0], [42, 1])
    """

    def __init__(self, seed: int | None = None, name: str | None = None, **kwargs: Any) -> None:
        from ._naming import unique_name
        from .variables import Variable as KerasVariable

        kwargs.pop("backend", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
        self.name = name if name is not None else unique_name("seed_generator")
        self._initial_seed = seed
        if seed is None:
            seed = _make_default_seed()
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError(f"Argument `seed` must be an integer. Received: seed={seed}")
        self.state = KerasVariable(np.array([seed, 0], np.int64), dtype="int64", trainable=False,
                                   name="seed_generator_state", path=f"{self.name}/seed_generator_state")

    def next(self, ordered: bool = True) -> Tensor:
        """The current state (a copy) and advance: ``[s, c] -> [s, c + 1]``, or, with
        ``ordered=False``, ``(state + 1) * 5387 % 933199`` (Keras's scramble for the global stream).

        Example:
            >>> gen = SeedGenerator(3)
            >>> _ = gen.next(ordered=False)
            >>> gen.state.numpy().tolist()
            [21548, 5387]
        """
        current = tf.identity(self.state._read())
        if ordered:
            self.state.assign(current + tf.constant([0, 1], tf.int64))
        else:
            self.state.assign((current + 1) * 5387 % 933199)
        return current

    def get_config(self) -> dict:
        """``{"seed": <the seed given (None if none)>, "name": ...}``, as Keras.

        Example:
            >>> SeedGenerator(5, name="g").get_config()
            {'seed': 5, 'name': 'g'}
        """
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> SeedGenerator:
        """A generator from ``get_config()``'s dict.

        Example:
            >>> SeedGenerator.from_config({"seed": 5, "name": "g"}).state.numpy().tolist()
            [5, 0]
        """
        return cls(**config)

    def __repr__(self) -> str:
        return f"<SeedGenerator name={self.name}, seed={self._initial_seed}>"


_GLOBAL: list = [None]


def _make_default_seed() -> int:
    """A fresh seed from Python's ``random`` module (so ``random.seed`` makes it reproducible).

    Example:
        >>> 1 <= _make_default_seed() <= 10**9
        True
    """
    return _py_random.randint(1, int(1e9))


def _global_seed_generator() -> SeedGenerator:
    """The generator behind ``seed=None`` (created on first use).

    Example:
        >>> isinstance(_global_seed_generator(), SeedGenerator)
        True
    """
    if _GLOBAL[0] is None:
        _GLOBAL[0] = SeedGenerator()
    return _GLOBAL[0]


def _reset_global_seed_generator() -> None:
    """Forget the global generator (``keras.utils.set_random_seed`` and ``clear_session`` do this in
    Keras: the next ``seed=None`` call builds a new one from Python's ``random``)."""
    _GLOBAL[0] = None


def _draw_seed(seed: Any) -> Tensor:
    """The int64 ``[seed, counter]`` pair a random op uses for ``seed`` (int, SeedGenerator or None).

    Example:
        >>> _draw_seed(12).numpy().tolist()
        [12, 0]
    """
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if isinstance(seed, int) and not isinstance(seed, bool):
        return tf.constant([seed, 0], tf.int64)
    if seed is None:
        return _global_seed_generator().next(ordered=False)
    raise ValueError("Argument `seed` must be either an integer or an instance of `SeedGenerator`. "
                     f"Received: seed={seed} (of type {type(seed)})")


def _seed(seed: Any) -> list:
    """The stateless-op seed: Keras folds the int64 pair into int32 with ``floormod(s, 2**31 - 2)``."""
    pair = _draw_seed(seed).numpy().astype(np.int64)
    return [int(v) % (_INT32_MAX - 1) for v in pair]


def _shape(shape: Any) -> list:
    if isinstance(shape, (Tensor, Variable)):
        return [int(s) for s in np.asarray(shape).reshape(-1)]
    if isinstance(shape, (int, np.integer)):
        return [int(shape)]
    return [int(s) for s in shape]


def _is_float(dtype: str) -> bool:
    return dtype.startswith("float")


def normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = None, seed: Any = None) -> Tensor:
    """Samples from a normal distribution (``mean`` and ``stddev`` may be tensors: differentiable).

    Example:
        >>> normal((2, 3), seed=1).shape.as_list()
        [2, 3]
    """
    dt = standardize_dtype(dtype)
    return tf.random.stateless_normal(_shape(shape), seed=_seed(seed), mean=mean, stddev=stddev, dtype=dt)


def uniform(shape: Any, minval: Any = 0.0, maxval: Any = 1.0, dtype: Any = None, seed: Any = None) -> Tensor:
    """Samples uniform in [minval, maxval) (a floating ``dtype``; floatx by default).

    Example:
        >>> x = uniform((100,), 2.0, 3.0, seed=1).numpy()
        >>> bool(((x >= 2.0) & (x < 3.0)).all())
        True
    """
    if dtype and not _is_float(standardize_dtype(dtype)):
        raise ValueError(f"`keras.random.uniform` requires a floating point `dtype`. Received: dtype={dtype} ")
    dt = standardize_dtype(dtype)
    return tf.random.stateless_uniform(_shape(shape), seed=_seed(seed), minval=tf.cast(minval, dt),
                                       maxval=tf.cast(maxval, dt), dtype=dt)


def randint(shape: Any, minval: Any, maxval: Any, dtype: Any = "int32", seed: Any = None) -> Tensor:
    """Integers uniform in [minval, maxval).

    Example:
        >>> x = randint((50,), 0, 3, seed=2).numpy()
        >>> sorted(set(x.tolist()))
        [0, 1, 2]
    """
    if dtype and "int" not in standardize_dtype(dtype):
        raise ValueError(f"`keras.random.randint` requires an integer `dtype`. Received: dtype={dtype} ")
    dt = standardize_dtype(dtype)
    inter = dt if dt in ("int32", "int64") else "int64"
    out = tf.random.stateless_uniform(_shape(shape), seed=_seed(seed), minval=minval, maxval=maxval, dtype=inter)
    return tf.cast(out, dt)


def truncated_normal(shape: Any, mean: Any = 0.0, stddev: Any = 1.0, dtype: Any = None, seed: Any = None) -> Tensor:
    """Samples from a normal distribution truncated to two standard deviations around ``mean``.

    Example:
        >>> bool((abs(truncated_normal((200,), seed=3).numpy()) <= 2.0).all())
        True
    """
    dt = standardize_dtype(dtype)
    return tf.random.stateless_truncated_normal(_shape(shape), seed=_seed(seed), mean=mean, stddev=stddev,
                                                dtype=dt)


def categorical(logits: Any, num_samples: int, dtype: Any = "int32", seed: Any = None) -> Tensor:
    """Class indices drawn from the categorical distributions given by the rows of 2-D ``logits``.

    Example:
        >>> categorical([[0.0, -1e9]], 3, seed=1).numpy().tolist()
        [[0, 0, 0]]
    """
    lg = convert(logits)
    if lg.ndim != 2:
        raise ValueError(f"`logits` should be a 2-D tensor with shape [batch_size, num_classes]. Received: "
                         f"logits={logits}")
    out = tf.random.stateless_categorical(lg, num_samples, seed=_seed(seed))
    return tf.cast(out, standardize_dtype(dtype))


def dropout(inputs: Any, rate: float, noise_shape: Any = None, seed: Any = None) -> Tensor:
    """Zero each element (or each ``noise_shape`` slice) with probability ``rate`` and scale the rest
    by ``1 / (1 - rate)``; ``None`` entries of ``noise_shape`` take the input's size.

    Example:
        >>> out = dropout(np.ones((2, 4), "float32"), 0.5, noise_shape=(None, 1), seed=1).numpy()
        >>> sorted(set(out.reshape(-1).tolist())) in ([0.0, 2.0], [0.0], [2.0])
        True
    """
    x = convert(inputs)
    if rate == 1.0:
        return tf.zeros_like(x)
    if rate == 0.0:
        return x
    if noise_shape is None:
        ns = list(x.shape)
    else:
        ns = [x.shape[i] if v is None else int(v) for i, v in enumerate(noise_shape)]
    u = tf.random.stateless_uniform(ns, seed=_seed(seed), dtype=x.dtype if _is_float(name_of(x)) else tf.float32)
    keep = tf.cast(u >= tf.cast(rate, u.dtype), x.dtype)
    scale = tf.constant(1.0 / (1.0 - rate), x.dtype)
    return x * scale * keep


def shuffle(x: Any, axis: int = 0, seed: Any = None) -> Tensor:
    """``x`` with its slices along ``axis`` in a random order.

    Example:
        >>> sorted(shuffle(np.arange(5), seed=1).numpy().tolist())
        [0, 1, 2, 3, 4]
    """
    x = convert(x)
    u = tf.random.stateless_uniform([x.shape[axis]], seed=_seed(seed))
    return tf.gather(x, tf.argsort(u), axis=axis)


def gamma(shape: Any, alpha: Any, dtype: Any = None, seed: Any = None) -> Tensor:
    """Samples from Gamma(alpha, 1).

    Example:
        >>> bool((gamma((10,), 2.0, seed=1).numpy() > 0).all())
        True
    """
    dt = standardize_dtype(dtype)
    return tf.random.stateless_gamma(_shape(shape), seed=_seed(seed), alpha=alpha, dtype=dt)


def binomial(shape: Any, counts: Any, probabilities: Any, dtype: Any = None, seed: Any = None) -> Tensor:
    """Successes in ``counts`` Bernoulli trials of probability ``probabilities`` (dtype floatx unless given).

    Example:
        >>> x = binomial((20,), 5, 0.5, seed=1).numpy()
        >>> x.dtype.name, bool(((x >= 0) & (x <= 5)).all())
        ('float32', True)
    """
    dt = standardize_dtype(dtype)
    return tf.random.stateless_binomial(_shape(shape), seed=_seed(seed), counts=counts, probs=probabilities,
                                        output_dtype=dt)


def beta(shape: Any, alpha: Any, beta: Any, dtype: Any = None, seed: Any = None) -> Tensor:
    """Samples from Beta(alpha, beta), as ``g_a / (g_a + g_b)`` of two gamma draws (the second one
    seeded with the first seed + 12, as Keras).

    Example:
        >>> x = globals()["beta"]((10,), 2.0, 3.0, seed=1).numpy()
        >>> bool(((x > 0) & (x < 1)).all())
        True
    """
    dt = standardize_dtype(dtype)
    s1 = _seed(seed)
    s2 = [s + 12 for s in s1]
    shp = _shape(shape)
    a = tf.broadcast_to(convert(alpha, dt), shp)
    b = tf.broadcast_to(convert(beta, dt), shp)
    ga = tf.random.stateless_gamma(shp, seed=s1, alpha=a, dtype=dt)
    gb = tf.random.stateless_gamma(shp, seed=s2, alpha=b, dtype=dt)
    return ga / (ga + gb)


__all__ = ["SeedGenerator", "beta", "binomial", "categorical", "dropout", "gamma", "normal", "randint", "shuffle",
           "truncated_normal", "uniform"]
