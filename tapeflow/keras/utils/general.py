"""The array helpers of ``keras.utils``: ``to_categorical``, ``normalize``, ``pad_sequences``,
``set_random_seed``, ``pack_x_y_sample_weight`` / ``unpack_x_y_sample_weight`` and ``Config``.

Example:
    >>> from tapeflow import keras
    >>> keras.utils.to_categorical([0, 2], num_classes=3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
"""

from __future__ import annotations

import copy
import difflib
import json
import random
from typing import Any

import numpy as np

_GLOBAL_SEED: list = [None]


def to_categorical(x: Any, num_classes: int | None = None) -> Any:
    """One-hot encode integer class labels (a trailing axis of 1 is dropped). NumPy input gives a
    float64 NumPy array (as Keras); a Tensor gives a float32 one-hot Tensor.

    Example:
        >>> to_categorical([[1], [0]], 3).tolist()
        [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    """
    import tapeflow as tf

    if isinstance(x, (tf.Tensor, tf.Variable)):
        shape = tuple(x.shape)
        if len(shape) > 1 and shape[-1] == 1:
            x = tf.reshape(x, shape[:-1])
        if num_classes is None:
            num_classes = int(np.max(x.numpy())) + 1 if np.size(x.numpy()) else 0
        return tf.one_hot(tf.cast(x, tf.int64), int(num_classes))
    x = np.array(x, dtype="int64")
    shape = x.shape
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = tuple(shape[:-1])
    x = x.reshape(-1)
    if not num_classes:
        num_classes = int(np.max(x)) + 1
    if x.size and (x.min() < 0 or x.max() >= num_classes):
        bad = int(x[(x < 0) | (x >= num_classes)][0])
        raise IndexError(f"to_categorical: label {bad} is out of bounds for num_classes={num_classes} (labels must "
                         f"be in [0, {num_classes}))")
    out = np.zeros((x.shape[0], num_classes))
    out[np.arange(x.shape[0]), x] = 1
    return out.reshape(shape + (num_classes,))


def normalize(x: Any, axis: int = -1, order: int = 2) -> Any:
    """Scale ``x`` to unit ``order``-norm along ``axis``. A NumPy array gives a NumPy array (zero
    norms left as they are); a Tensor gives ``x * min(rsqrt(sum(x**2)), 1 / epsilon)`` for L2.

    Example:
        >>> normalize(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
        [[0.6, 0.8], [0.0, 0.0]]
    """
    import tapeflow as tf

    from .. import backend as _backend

    if isinstance(x, np.ndarray):
        norm = np.atleast_1d(np.linalg.norm(x, order, axis))
        norm[norm == 0] = 1
        axis = axis or -1
        return x / np.expand_dims(norm, axis)
    if not isinstance(order, int) or not order >= 1:
        raise ValueError(f"Argument `order` must be an int >= 1. Received: order={order}")
    x = tf.convert_to_tensor(x)
    if len(x.shape) == 0:
        x = tf.expand_dims(x, 0)
    eps = _backend.epsilon()
    if order == 2:
        inv = tf.math.rsqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
        return x * tf.minimum(inv, tf.constant(1.0 / eps, x.dtype))
    norm = tf.norm(x, ord=order, axis=axis, keepdims=True)
    return x / tf.maximum(norm, tf.constant(eps, x.dtype))


def pad_sequences(sequences: Any, maxlen: int | None = None, dtype: Any = "int32", padding: str = "pre",
                  truncating: str = "pre", value: Any = 0.0) -> np.ndarray:
    """Pad (or truncate) sequences to one length: a NumPy array ``(num_samples, maxlen, ...)``.

    ``padding`` / ``truncating``: 'pre' (the default: pad or cut at the start) or 'post'; ``maxlen``
    defaults to the longest sequence.

    Example:
        >>> pad_sequences([[1, 2, 3], [4, 5], [6]]).tolist()
        [[1, 2, 3], [0, 4, 5], [0, 0, 6]]
        >>> pad_sequences([[1, 2, 3], [4, 5], [6]], maxlen=2, padding="post", truncating="post", value=-1).tolist()
        [[1, 2], [4, 5], [6, -1]]
    """
    if not hasattr(sequences, "__len__"):
        raise ValueError("`sequences` must be iterable.")
    num_samples = len(sequences)
    lengths = []
    sample_shape: tuple = ()
    first = True
    for s in sequences:
        try:
            lengths.append(len(s))
            if first and len(s):
                sample_shape = np.asarray(s).shape[1:]
                first = False
        except TypeError as e:
            raise ValueError(f"`sequences` must be a list of iterables. Found non-iterable: {s}") from e
    if maxlen is None:
        if not lengths:
            raise ValueError("pad_sequences: `sequences` is empty and no `maxlen` was given")
        maxlen = int(np.max(lengths))
    is_str = np.issubdtype(dtype, np.str_) or np.issubdtype(dtype, np.bytes_)
    if isinstance(value, str) and dtype is not object and not is_str:
        raise ValueError(f"`dtype` {dtype} is not compatible with `value`'s type: {type(value)}\nYou should set "
                         "`dtype=object` for variable length strings.")
    x = np.full((num_samples, maxlen) + sample_shape, value, dtype=dtype)
    for idx, s in enumerate(sequences):
        if not len(s):
            continue
        if truncating == "pre":
            trunc = s[-maxlen:] if maxlen else s[:0]
        elif truncating == "post":
            trunc = s[:maxlen]
        else:
            raise ValueError(f'Truncating type "{truncating}" not understood')
        trunc = np.asarray(trunc, dtype=dtype)
        if trunc.shape[1:] != sample_shape:
            raise ValueError(f"Shape of sample {trunc.shape[1:]} of sequence at position {idx} is different from "
                             f"expected shape {sample_shape}")
        if padding == "post":
            x[idx, : len(trunc)] = trunc
        elif padding == "pre":
            if len(trunc):
                x[idx, -len(trunc):] = trunc
        else:
            raise ValueError(f'Padding type "{padding}" not understood')
    return x


def set_random_seed(seed: int) -> None:
    """Seed Python's ``random``, NumPy's global generator and tapeflow's global seed
    (``tf.random.set_seed``) at once.

    Example:
        >>> set_random_seed(1); a = np.random.rand()
        >>> set_random_seed(1); a == np.random.rand()
        True
    """
    if not isinstance(seed, int):
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed} (of type {type(seed)})")
    import tapeflow as tf

    _GLOBAL_SEED[0] = seed
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)
    from .. import random as _krandom

    _krandom._reset_global_seed_generator()  # as Keras: the next seed=None draw starts a new generator


def get_random_seed() -> int | None:
    """The seed last given to ``set_random_seed`` (None when never set)."""
    return _GLOBAL_SEED[0]


def unpack_x_y_sample_weight(data: Any) -> tuple:
    """``(x, y, sample_weight)`` from ``x``, ``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)``.

    Example:
        >>> unpack_x_y_sample_weight((1, 2)), unpack_x_y_sample_weight(5)
        ((1, 2, None), (5, None, None))
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return (data, None, None)
    if len(data) == 1:
        return (data[0], None, None)
    if len(data) == 2:
        return (data[0], data[1], None)
    if len(data) == 3:
        return (data[0], data[1], data[2])
    raise ValueError(f"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
                     f"found: {data}")


def pack_x_y_sample_weight(x: Any, y: Any = None, sample_weight: Any = None) -> Any:
    """The inverse of ``unpack_x_y_sample_weight``: ``x`` alone (a tuple ``x`` is wrapped as ``(x,)``),
    ``(x, y)`` or ``(x, y, sample_weight)``.

    Example:
        >>> pack_x_y_sample_weight(1), pack_x_y_sample_weight(1, 2), pack_x_y_sample_weight((1, 2))
        (1, (1, 2), ((1, 2),))
    """
    if y is None:
        return (x,) if isinstance(x, (tuple, list)) else x
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


class Config:
    """A dict whose entries are also attributes (``config.lr``), that can be frozen.

    Example:
        >>> c = Config(lr=0.1)
        >>> c.epochs = 3
        >>> c.lr, c["epochs"], sorted(c)
        (0.1, 3, ['epochs', 'lr'])
    """

    __attrs__: Any = None

    def __init__(self, **kwargs: Any) -> None:
        self._config = kwargs
        self._frozen = False
        self.__attrs__ = set(dir(self))

    @property
    def frozen(self) -> bool:
        return self._frozen

    def freeze(self) -> None:
        self._frozen = True

    def unfreeze(self) -> None:
        self._frozen = False

    def _raise_if_frozen(self) -> None:
        if self._frozen:
            raise ValueError("Cannot mutate attribute(s) because the config is frozen.")

    def as_dict(self) -> dict:
        return copy.copy(self._config)

    def to_json(self) -> str:
        return json.dumps(self._config)

    def keys(self) -> Any:
        return self._config.keys()

    def values(self) -> Any:
        return self._config.values()

    def items(self) -> Any:
        return self._config.items()

    def pop(self, *args: Any) -> Any:
        self._raise_if_frozen()
        return self._config.pop(*args)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._raise_if_frozen()
        self._config.update(*args, **kwargs)

    def get(self, keyname: str, value: Any = None) -> Any:
        return self._config.get(keyname, value)

    def __setattr__(self, name: str, value: Any) -> None:
        attrs = object.__getattribute__(self, "__attrs__")
        if attrs is None or name in attrs:
            object.__setattr__(self, name, value)
            return
        self._raise_if_frozen()
        self._config[name] = value

    def __getattr__(self, name: str) -> Any:
        attrs = object.__getattribute__(self, "__attrs__")
        if attrs is None or name in attrs:
            return object.__getattribute__(self, name)
        config = object.__getattribute__(self, "_config")
        if name in config:
            return config[name]
        msg = f"Unknown attribute: '{name}'."
        close = difflib.get_close_matches(name, config.keys(), n=1, cutoff=0.7)
        if close:
            msg += f" Did you mean '{close[0]}'?"
        raise AttributeError(msg)

    def __setitem__(self, key: str, item: Any) -> None:
        self._raise_if_frozen()
        self._config[key] = item

    def __getitem__(self, key: str) -> Any:
        return self._config[key]

    def __repr__(self) -> str:
        return f"<Config {self._config}>"

    def __iter__(self) -> Any:
        yield from sorted(self._config.keys())

    def __len__(self) -> int:
        return len(self._config)

    def __delitem__(self, key: str) -> None:
        self._raise_if_frozen()
        del self._config[key]

    def __contains__(self, item: Any) -> bool:
        return item in self._config


__all__ = ["to_categorical", "normalize", "pad_sequences", "set_random_seed", "unpack_x_y_sample_weight",
           "pack_x_y_sample_weight", "Config"]
