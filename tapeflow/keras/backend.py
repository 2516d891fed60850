"""``keras.backend``: the global Keras settings (float type, fuzz factor, image layout), names and
dtype helpers, plus the TF-backed legacy functions ``tf.keras.backend`` still exports (``K.mean``,
``K.sum``, ``K.variable``, ...).

``backend()`` returns ``"tensorflow"``: tapeflow stands in for TensorFlow, and programs that branch
on the backend name take their TensorFlow path.

Example:
    >>> from tapeflow import keras
    >>> K = keras.backend
    >>> K.floatx(), K.epsilon(), K.image_data_format(), K.backend()
    ('float32', 1e-07, 'channels_last', 'tensorflow')
"""

from __future__ import annotations

import builtins
import collections
import math as _math
from typing import Any

import numpy as np

_FLOATX = ["float32"]
_EPSILON = [1e-7]
_IMAGE_DATA_FORMAT = ["channels_last"]
_UIDS: collections.defaultdict = collections.defaultdict(int)
_FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")


# --- Keras 3's keras.backend ----------------------------------------------------------------------

def floatx() -> str:
    """The default float type, as a string ("float32" unless changed).

    Example:
        >>> floatx()
        'float32'
    """
    return _FLOATX[0]


def set_floatx(value: Any) -> None:
    """Set the default float type: one of "bfloat16", "float16", "float32", "float64".

    Example:
        >>> set_floatx("float64"); floatx()
        'float64'
        >>> set_floatx("float32")
    """
    from .. import dtypes as _dt

    name = value if isinstance(value, str) else getattr(value, "name", None) or _dt.as_dtype(value).name
    if name not in _FLOAT_TYPES:
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of {set(_FLOAT_TYPES)}")
    _FLOATX[0] = str(name)


def epsilon() -> float:
    """The fuzz factor used in numeric expressions (1e-7 unless changed).

    Example:
        >>> epsilon()
        1e-07
    """
    return _EPSILON[0]


def set_epsilon(value: float) -> None:
    """Set the fuzz factor.

    Example:
        >>> set_epsilon(1e-5); epsilon()
        1e-05
        >>> set_epsilon(1e-7)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"set_epsilon: expected a number, got {type(value).__name__} {value!r}")
    _EPSILON[0] = value


def image_data_format() -> str:
    """The default image layout: "channels_last" (NHWC) unless changed.

    Example:
        >>> image_data_format()
        'channels_last'
    """
    return _IMAGE_DATA_FORMAT[0]


def set_image_data_format(data_format: str) -> None:
    """Set the default image layout ("channels_last" or "channels_first").

    Example:
        >>> set_image_data_format("channels_first"); image_data_format()
        'channels_first'
        >>> set_image_data_format("channels_last")
    """
    fmt = str(data_format).lower()
    if fmt not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    _IMAGE_DATA_FORMAT[0] = fmt


def backend() -> str:
    """The backend's name: "tensorflow" (tapeflow plays TensorFlow's part).

    Example:
        >>> backend()
        'tensorflow'
    """
    return "tensorflow"


def clear_session(free_memory: bool = True) -> None:
    """Reset Keras's global state: the automatic layer/optimizer/variable names and ``get_uid``'s counters.

    Example:
        >>> from tapeflow import keras
        >>> clear_session(); keras.layers.Dense(1).name
        'dense'
    """
    from . import random as _krandom
    from ._naming import clear_session as _clear_names

    _clear_names()
    _UIDS.clear()
    _krandom._reset_global_seed_generator()


def get_uid(prefix: str = "") -> int:
    """A counter per ``prefix``: 1 on the first call, then 2, 3, ...

    Example:
        >>> p = "doc_uid_example"
        >>> get_uid(p), get_uid(p)
        (1, 2)
    """
    _UIDS[prefix] += 1
    return _UIDS[prefix]


def is_keras_tensor(x: Any) -> bool:
    """True for the symbolic tensors of the functional API (``keras.Input(...)`` and layers applied to it).

    Example:
        >>> from tapeflow import keras
        >>> is_keras_tensor(keras.Input((3,))), is_keras_tensor(np.ones(2))
        (True, False)
    """
    from .keras_tensor import KerasTensor

    return isinstance(x, KerasTensor)


def standardize_dtype(dtype: Any) -> str:
    """A dtype's Keras name (None is ``floatx()``, Python ``int`` "int64", ``float`` "float32").

    Example:
        >>> standardize_dtype(int), standardize_dtype(np.float16)
        ('int64', 'float16')
    """
    from .ops._common import standardize_dtype as _std

    return _std(dtype)


def result_type(*dtypes: Any) -> str:
    """Keras 3's type promotion of ``dtypes`` (``floatx()`` for none).

    Example:
        >>> result_type("int32", "float32"), result_type("int8", "uint8")
        ('float32', 'int16')
    """
    from .ops._common import result_type as _rt

    return _rt(*dtypes)


def is_float_dtype(dtype: Any) -> bool:
    """Whether ``dtype`` is a floating type.

    Example:
        >>> is_float_dtype("float16"), is_float_dtype(int)
        (True, False)
    """
    name = standardize_dtype(dtype)
    return name.startswith("float") or name.startswith("bfloat")


def is_int_dtype(dtype: Any) -> bool:
    """Whether ``dtype`` is a (signed or unsigned) integer type.

    Example:
        >>> is_int_dtype("uint8"), is_int_dtype(float)
        (True, False)
    """
    name = standardize_dtype(dtype)
    return name.startswith("int") or name.startswith("uint")


# --- the legacy TF-backed functions of tf.keras.backend ---------------------------------------------

def _tf() -> Any:
    import tapeflow

    return tapeflow


def abs(x: Any) -> Any:
    """``tf.abs(x)``. Example: ``K.abs(tf.constant([-1.0]))`` is ``[1.]``."""
    return _tf().abs(x)


def all(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Logical AND over ``axis`` (``x`` cast to bool). Example: ``K.all([1, 0])`` is ``False``."""
    tf = _tf()
    return tf.reduce_all(tf.cast(x, tf.bool), axis, keepdims)


def any(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Logical OR over ``axis`` (``x`` cast to bool). Example: ``K.any([1, 0])`` is ``True``."""
    tf = _tf()
    return tf.reduce_any(tf.cast(x, tf.bool), axis, keepdims)


def argmax(x: Any, axis: int = -1) -> Any:
    """``tf.argmax(x, axis)`` (int64)."""
    return _tf().argmax(x, axis)


def argmin(x: Any, axis: int = -1) -> Any:
    """``tf.argmin(x, axis)`` (int64)."""
    return _tf().argmin(x, axis)


def arange(start: Any, stop: Any = None, step: Any = 1, dtype: str = "int32") -> Any:
    """``tf.range`` (a negative ``start`` alone gives an empty range), cast to ``dtype``.

    Example:
        >>> arange(1, 4, dtype="float32").numpy().tolist()
        [1.0, 2.0, 3.0]
    """
    tf = _tf()
    if stop is None and start < 0:
        start = 0
    result = tf.range(start, limit=stop, delta=step)
    if dtype != "int32":
        result = tf.cast(result, dtype)
    return result


def batch_dot(x: Any, y: Any, axes: Any = None) -> Any:
    """Dot product of matching batch entries over ``axes`` (the last of ``x`` and the second-to-last
    of ``y`` by default, or the last of ``y`` when it is 2-D).

    Example:
        >>> import tapeflow as tf
        >>> batch_dot(tf.ones((2, 3)), tf.ones((2, 3))).numpy().tolist()
        [[3.0], [3.0]]
    """
    tf = _tf()
    x, y = tf.convert_to_tensor(x), tf.convert_to_tensor(y)
    xs, ys = tuple(x.shape), tuple(y.shape)
    xn, yn = len(xs), len(ys)
    if xn < 2 or yn < 2:
        raise ValueError(f"Cannot do batch_dot on inputs with rank < 2. Received inputs with tf.shapes {xs} and {ys}.")
    if xs[0] != ys[0]:
        raise ValueError(f"Cannot do batch_dot on inputs with different batch sizes. Received inputs with tf.shapes "
                         f"{xs} and {ys}.")
    if isinstance(axes, int):
        axes = [axes, axes]
    if axes is None:
        axes = [xn - 1, yn - 1] if yn == 2 else [xn - 1, yn - 2]
    if builtins.any(isinstance(a, (list, tuple)) for a in axes):
        raise ValueError(f"Multiple target dimensions are not supported. Expected: None, int, (int, int), "
                         f"Provided: {axes}")
    a0, a1 = [a + n if a < 0 else a for a, n in zip(axes, (xn, yn))]
    if 0 in (a0, a1):
        raise ValueError("Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch "
                         "dimension to your inputs using K.expand_dims(x, 0)")
    if xs[a0] != ys[a1]:
        raise ValueError(f"Cannot do batch_dot on inputs with tf.shapes {xs} and {ys} with axes={[a0, a1]}. "
                         f"x.shape[{a0}] != y.shape[{a1}] ({xs[a0]} != {ys[a1]}).")
    # move the contracted axes last in x and second in y, flatten the rest, one batched matmul
    xp = [i for i in range(xn) if i != a0] + [a0]
    yp = [0, a1] + [i for i in range(1, yn) if i != a1]
    xt, yt = tf.transpose(x, xp), tf.transpose(y, yp)
    x_mid = [xs[i] for i in xp[1:-1]]
    y_rest = [ys[i] for i in yp[2:]]
    x3 = tf.reshape(xt, (xs[0], int(np.prod(x_mid, dtype=np.int64)), xs[a0]))
    y3 = tf.reshape(yt, (ys[0], ys[a1], int(np.prod(y_rest, dtype=np.int64))))
    out = tf.matmul(x3, y3)
    shape = [xs[0]] + x_mid + y_rest
    if xn == 2 and yn == 2:
        shape = [xs[0], 1]
    return tf.reshape(out, shape)


def batch_flatten(x: Any) -> Any:
    """Reshape to ``(batch, -1)``. Example: ``K.batch_flatten(tf.zeros((2, 3, 4))).shape`` is (2, 12)."""
    tf = _tf()
    x = tf.convert_to_tensor(x)
    return tf.reshape(x, (x.shape[0], -1) if x.shape[0] != 0 else (0, int(np.prod(x.shape[1:], dtype=np.int64))))


def batch_get_value(tensors: list) -> list:
    """The NumPy values of ``tensors``."""
    return [x.numpy() for x in tensors]


def batch_set_value(tuples: list) -> None:
    """Assign each ``(variable, value)`` pair."""
    for x, value in tuples:
        x.assign(np.asarray(value, dtype=x.dtype.name))


def batch_normalization(x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: int = -1,
                        epsilon: float = 1e-3) -> Any:
    """``tf.nn.batch_normalization(x, mean, var, beta, gamma, epsilon)``."""
    return _tf().nn.batch_normalization(x, mean, var, beta, gamma, epsilon)


def bias_add(x: Any, bias: Any, data_format: str | None = None) -> Any:
    """Add ``bias`` along the channel axis (``data_format``: "channels_last" by default)."""
    tf = _tf()
    fmt = image_data_format() if data_format is None else data_format
    if fmt not in ("channels_first", "channels_last"):
        raise ValueError(f"Unknown data_format: {data_format}")
    x, bias = tf.convert_to_tensor(x), tf.convert_to_tensor(bias)
    bshape = tuple(bias.shape)
    if len(bshape) != 1 and len(bshape) != ndim(x) - 1:
        raise ValueError(f"Unexpected bias dimensions {len(bshape)}. Expected it to be 1 or {ndim(x) - 1} dimensions")
    if len(bshape) == 1:
        return tf.nn.bias_add(x, bias, data_format="NCHW" if fmt == "channels_first" else "NHWC")
    if ndim(x) in (3, 4, 5):
        if fmt == "channels_first":
            return x + tf.reshape(bias, (1, bshape[-1]) + bshape[:-1])
        return x + tf.reshape(bias, (1,) + bshape)
    return tf.nn.bias_add(x, bias)


def binary_crossentropy(target: Any, output: Any, from_logits: bool = False) -> Any:
    """Elementwise binary cross-entropy (``log(p + epsilon)`` of clipped probabilities, as TF's legacy Keras).

    Example:
        >>> np.round(binary_crossentropy([1.0, 0.0], [0.9, 0.2]).numpy().astype(float), 4).tolist()
        [0.1054, 0.2231]
    """
    tf = _tf()
    output = tf.convert_to_tensor(output)
    target = tf.cast(target, output.dtype)
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    e = epsilon()
    output = tf.clip_by_value(output, e, 1.0 - e)
    bce = target * tf.math.log(output + e)
    bce += (1 - target) * tf.math.log(1 - output + e)
    return -bce


def binary_focal_crossentropy(target: Any, output: Any, apply_class_balancing: bool = False, alpha: float = 0.25,
                              gamma: float = 2.0, from_logits: bool = False) -> Any:
    """Elementwise binary focal cross-entropy."""
    tf = _tf()
    output = tf.convert_to_tensor(output)
    target = tf.cast(target, output.dtype)
    sig = tf.sigmoid(output) if from_logits else output
    p_t = target * sig + (1 - target) * (1 - sig)
    focal = tf.pow(1.0 - p_t, gamma) * binary_crossentropy(target, output, from_logits=from_logits)
    if apply_class_balancing:
        focal = (target * alpha + (1 - target) * (1 - alpha)) * focal
    return focal


def cast(x: Any, dtype: Any) -> Any:
    """``tf.cast(x, dtype)``."""
    return _tf().cast(x, dtype)


def cast_to_floatx(x: Any) -> Any:
    """A tensor cast to ``floatx()``; anything else becomes a NumPy array of that type.

    Example:
        >>> cast_to_floatx([1, 2])
        array([1., 2.], dtype=float32)
    """
    tf = _tf()
    if isinstance(x, (tf.Tensor, tf.Variable, tf.SparseTensor)):
        return tf.cast(x, dtype=floatx())
    return np.asarray(x, dtype=floatx())


def categorical_crossentropy(target: Any, output: Any, from_logits: bool = False, axis: int = -1) -> Any:
    """Cross-entropy over ``axis`` between one-hot targets and probabilities (or logits)."""
    tf = _tf()
    output = tf.convert_to_tensor(output)
    target = tf.cast(target, output.dtype)
    if tuple(target.shape) != tuple(output.shape):
        raise ValueError(f"Shapes {tuple(target.shape)} and {tuple(output.shape)} are incompatible")
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=target, logits=output, axis=axis)
    output = output / tf.reduce_sum(output, axis, True)
    e = epsilon()
    output = tf.clip_by_value(output, e, 1.0 - e)
    return -tf.reduce_sum(target * tf.math.log(output), axis)


def categorical_focal_crossentropy(target: Any, output: Any, alpha: float = 0.25, gamma: float = 2.0,
                                   from_logits: bool = False, axis: int = -1) -> Any:
    """Focal cross-entropy over ``axis`` between one-hot targets and probabilities (or logits)."""
    tf = _tf()
    output = tf.convert_to_tensor(output)
    target = tf.cast(target, output.dtype)
    if from_logits:
        output = tf.nn.softmax(output, axis=axis)
    output = output / tf.reduce_sum(output, axis=axis, keepdims=True)
    e = epsilon()
    output = tf.clip_by_value(output, e, 1.0 - e)
    cce = -target * tf.math.log(output)
    return tf.reduce_sum(tf.pow(1.0 - output, gamma) * alpha * cce, axis=axis)


def clip(x: Any, min_value: Any, max_value: Any) -> Any:
    """``tf.clip_by_value`` (None bounds are unbounded; a max below the min is raised to it).

    Example:
        >>> clip(np.array([1.0, 5.0], np.float32), 2, 1).numpy().tolist()
        [2.0, 2.0]
    """
    if isinstance(min_value, (int, float)) and isinstance(max_value, (int, float)) and max_value < min_value:
        max_value = min_value
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    return _tf().clip_by_value(x, min_value, max_value)


def concatenate(tensors: list, axis: int = -1) -> Any:
    """``tf.concat(tensors, axis)`` (sparse inputs are densified)."""
    tf = _tf()
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    return tf.concat([to_dense(x) for x in tensors], axis)


def constant(value: Any, dtype: Any = None, shape: Any = None, name: str | None = None) -> Any:
    """``tf.constant`` with ``floatx()`` as the default dtype.

    Example:
        >>> constant([1, 2]).dtype.name
        'float32'
    """
    return _tf().constant(value, dtype=floatx() if dtype is None else dtype, shape=shape, name=name)


def cos(x: Any) -> Any:
    """``tf.cos(x)``."""
    return _tf().cos(x)


def count_params(x: Any) -> int:
    """The number of elements of ``x``. Example: ``K.count_params(tf.zeros((2, 3)))`` is 6."""
    return int(_math.prod(tuple(x.shape)))


def cumsum(x: Any, axis: int = 0) -> Any:
    """``tf.cumsum(x, axis)``."""
    return _tf().cumsum(x, axis=axis)


def cumprod(x: Any, axis: int = 0) -> Any:
    """``tf.math.cumprod(x, axis)``."""
    return _tf().math.cumprod(x, axis=axis)


def dot(x: Any, y: Any) -> Any:
    """Tensor dot product over the last axis of ``x`` and the second-to-last of ``y`` (Theano style for N-D).

    Example:
        >>> import tapeflow as tf
        >>> dot(tf.ones((2, 3, 4)), tf.ones((5, 4, 6))).shape
        TensorShape([2, 3, 5, 6])
    """
    tf = _tf()
    x, y = tf.convert_to_tensor(x), tf.convert_to_tensor(y)
    if ndim(x) > 2 or ndim(y) > 2:
        xs, ys = tuple(x.shape), tuple(y.shape)
        perm = list(range(len(ys)))
        perm = [perm.pop(-2)] + perm
        xt = tf.reshape(x, [-1, xs[-1]])
        yt = tf.reshape(tf.transpose(y, perm=perm), [ys[-2], -1])
        return tf.reshape(tf.matmul(xt, yt), xs[:-1] + ys[:-2] + ys[-1:])
    return tf.matmul(x, y)


def dropout(x: Any, level: float, noise_shape: Any = None, seed: Any = None) -> Any:
    """``tf.nn.dropout(x, rate=level)``."""
    if seed is None:
        seed = int(np.random.randint(10e6))
    return _tf().nn.dropout(x, rate=level, noise_shape=noise_shape, seed=seed)


def dtype(x: Any) -> str:
    """The dtype's name. Example: ``K.dtype(tf.zeros(2))`` is 'float32'."""
    return x.dtype.name


def elu(x: Any, alpha: float = 1.0) -> Any:
    """ELU with slope ``alpha`` for negative inputs."""
    tf = _tf()
    res = tf.nn.elu(x)
    return res if alpha == 1 else tf.where(tf.convert_to_tensor(x) > 0, res, alpha * res)


def equal(x: Any, y: Any) -> Any:
    """``tf.equal(x, y)``."""
    return _tf().equal(x, y)


def eval(x: Any) -> Any:
    """The NumPy value of a tensor or variable."""
    return get_value(to_dense(x))


def exp(x: Any) -> Any:
    """``tf.exp(x)``."""
    return _tf().exp(x)


def expand_dims(x: Any, axis: int = -1) -> Any:
    """``tf.expand_dims(x, axis)``."""
    return _tf().expand_dims(x, axis)


def eye(size: Any, dtype: Any = None, name: str | None = None) -> Any:
    """An identity matrix as a Variable (``floatx()`` by default)."""
    tf = _tf()
    dt = floatx() if dtype is None else dtype
    return variable(tf.eye(size, dtype=dt), dt, name)


def flatten(x: Any) -> Any:
    """``tf.reshape(x, [-1])``."""
    return _tf().reshape(x, [-1])


def foldl(fn: Any, elems: Any, initializer: Any = None, name: str | None = None) -> Any:
    """``tf.foldl``."""
    return _tf().foldl(fn, elems, initializer=initializer, name=name)


def foldr(fn: Any, elems: Any, initializer: Any = None, name: str | None = None) -> Any:
    """``tf.foldr``."""
    return _tf().foldr(fn, elems, initializer=initializer, name=name)


def gather(reference: Any, indices: Any) -> Any:
    """``tf.gather(reference, indices)``."""
    return _tf().gather(reference, indices)


def get_value(x: Any) -> Any:
    """The NumPy value of a tensor or variable (other values as they are)."""
    tf = _tf()
    return x.numpy() if isinstance(x, (tf.Tensor, tf.Variable)) else x


def greater(x: Any, y: Any) -> Any:
    """``tf.greater(x, y)``."""
    return _tf().greater(x, y)


def greater_equal(x: Any, y: Any) -> Any:
    """``tf.greater_equal(x, y)``."""
    return _tf().greater_equal(x, y)


def hard_sigmoid(x: Any) -> Any:
    """``clip(0.2 * x + 0.5, 0, 1)``."""
    tf = _tf()
    return tf.clip_by_value(tf.convert_to_tensor(x) * 0.2 + 0.5, 0.0, 1.0)


def in_top_k(predictions: Any, targets: Any, k: int) -> Any:
    """Whether each target is among the top ``k`` predictions."""
    return _tf().math.in_top_k(targets, predictions, k)


def int_shape(x: Any) -> tuple | None:
    """The shape as a tuple of ints. Example: ``K.int_shape(tf.zeros((2, 3)))`` is (2, 3)."""
    try:
        shape = x.shape
        return shape if isinstance(shape, tuple) else tuple(shape.as_list())
    except ValueError:
        return None


def is_sparse(tensor: Any) -> bool:
    """Whether ``tensor`` is a ``tf.SparseTensor``."""
    return isinstance(tensor, _tf().SparseTensor)


def l2_normalize(x: Any, axis: Any = None) -> Any:
    """``tf.linalg.l2_normalize(x, axis)``."""
    return _tf().linalg.l2_normalize(x, axis=axis)


def less(x: Any, y: Any) -> Any:
    """``tf.less(x, y)``."""
    return _tf().less(x, y)


def less_equal(x: Any, y: Any) -> Any:
    """``tf.less_equal(x, y)``."""
    return _tf().less_equal(x, y)


def log(x: Any) -> Any:
    """``tf.math.log(x)``."""
    return _tf().math.log(x)


def map_fn(fn: Any, elems: Any, name: str | None = None, dtype: Any = None) -> Any:
    """``tf.map_fn(fn, elems)``."""
    tf = _tf()
    if dtype is not None:
        return tf.map_fn(fn, elems, name=name, fn_output_signature=dtype)
    return tf.map_fn(fn, elems, name=name)


def max(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.reduce_max``."""
    return _tf().reduce_max(x, axis, keepdims)


def maximum(x: Any, y: Any) -> Any:
    """``tf.maximum``."""
    return _tf().maximum(x, y)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.reduce_mean`` (booleans are cast to ``floatx()`` first).

    Example:
        >>> import tapeflow as tf
        >>> float(mean(tf.constant([True, False])))
        0.5
    """
    tf = _tf()
    x = tf.convert_to_tensor(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, floatx())
    return tf.reduce_mean(x, axis, keepdims)


def min(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.reduce_min``."""
    return _tf().reduce_min(x, axis, keepdims)


def minimum(x: Any, y: Any) -> Any:
    """``tf.minimum``."""
    return _tf().minimum(x, y)


def moving_average_update(x: Any, value: Any, momentum: Any) -> Any:
    """``x -= (x - value) * (1 - momentum)`` on a variable."""
    tf = _tf()
    momentum = tf.cast(momentum, x.dtype)
    value = tf.cast(value, x.dtype)
    return x.assign_sub((x - value) * (1 - momentum))


def name_scope(name: str) -> Any:
    """``tf.name_scope(name)``."""
    return _tf().name_scope(name)


def ndim(x: Any) -> int:
    """The rank of ``x``."""
    return len(_tf().convert_to_tensor(x).shape) if not hasattr(x, "shape") else len(tuple(x.shape))


def not_equal(x: Any, y: Any) -> Any:
    """``tf.not_equal``."""
    return _tf().not_equal(x, y)


def one_hot(indices: Any, num_classes: int) -> Any:
    """``tf.one_hot(indices, depth=num_classes)``."""
    return _tf().one_hot(indices, depth=num_classes, axis=-1)


def ones(shape: Any, dtype: Any = None, name: str | None = None) -> Any:
    """A Variable of ones (``floatx()`` by default)."""
    tf = _tf()
    dt = floatx() if dtype is None else dtype
    return variable(tf.ones(shape=shape, dtype=dt), dtype=dt, name=name)


def ones_like(x: Any, dtype: Any = None, name: str | None = None) -> Any:
    """``tf.ones_like``."""
    return _tf().ones_like(x, dtype=dtype, name=name)


def permute_dimensions(x: Any, pattern: Any) -> Any:
    """``tf.transpose(x, perm=pattern)``."""
    return _tf().transpose(x, perm=pattern)


def pow(x: Any, a: Any) -> Any:
    """``tf.pow(x, a)``."""
    return _tf().pow(x, a)


def prod(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.reduce_prod``."""
    return _tf().reduce_prod(x, axis, keepdims)


def random_bernoulli(shape: Any, p: float = 0.0, dtype: Any = None, seed: Any = None) -> Any:
    """Ones with probability ``p``, else zeros."""
    tf = _tf()
    dt = floatx() if dtype is None else dtype
    if seed is None:
        seed = int(np.random.randint(10e6))
    return tf.where(tf.random.uniform(shape, dtype=dt, seed=seed) <= p, tf.ones(shape, dtype=dt),
                    tf.zeros(shape, dtype=dt))


def random_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = None, seed: Any = None) -> Any:
    """``tf.random.normal`` (``floatx()`` by default)."""
    if seed is None:
        seed = int(np.random.randint(10e6))
    return _tf().random.normal(shape, mean=mean, stddev=stddev, dtype=floatx() if dtype is None else dtype, seed=seed)


def random_normal_variable(shape: Any, mean: float, scale: float, dtype: Any = None, name: str | None = None,
                           seed: Any = None) -> Any:
    """A Variable of normal samples."""
    dt = floatx() if dtype is None else dtype
    return variable(random_normal(shape, mean, scale, dt, seed), dtype=dt, name=name)


def random_uniform(shape: Any, minval: float = 0.0, maxval: float = 1.0, dtype: Any = None, seed: Any = None) -> Any:
    """``tf.random.uniform`` (``floatx()`` by default)."""
    if seed is None:
        seed = int(np.random.randint(10e6))
    return _tf().random.uniform(shape, minval=minval, maxval=maxval, dtype=floatx() if dtype is None else dtype,
                                seed=seed)


def random_uniform_variable(shape: Any, low: float, high: float, dtype: Any = None, name: str | None = None,
                            seed: Any = None) -> Any:
    """A Variable of uniform samples."""
    dt = floatx() if dtype is None else dtype
    return variable(random_uniform(shape, low, high, dt, seed), dtype=dt, name=name)


def relu(x: Any, alpha: float = 0.0, max_value: Any = None, threshold: float = 0.0) -> Any:
    """Rectified linear unit with a negative slope ``alpha``, a cap ``max_value`` and a ``threshold``.

    Example:
        >>> np.round(relu(np.array([-1.0, 2.0, 8.0]), alpha=0.1, max_value=6.0).numpy(), 4).tolist()
        [-0.1, 2.0, 6.0]
    """
    tf = _tf()
    x = tf.convert_to_tensor(x)
    if alpha != 0.0:
        if max_value is None and threshold == 0:
            return tf.nn.leaky_relu(x, alpha=alpha)
        negative_part = tf.nn.relu(-x + threshold) if threshold != 0 else tf.nn.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        x = x * tf.cast(tf.greater(x, threshold), dtype=x.dtype)
    elif max_value == 6:
        x = tf.nn.relu6(x)
        clip_max = False
    else:
        x = tf.nn.relu(x)
    if clip_max:
        x = tf.clip_by_value(x, tf.constant(0, dtype=x.dtype), tf.constant(max_value, dtype=x.dtype))
    if alpha != 0.0:
        x -= tf.constant(alpha, dtype=x.dtype) * negative_part
    return x


def repeat(x: Any, n: int) -> Any:
    """Repeat a 2-D ``(batch, features)`` tensor ``n`` times: ``(batch, n, features)``."""
    tf = _tf()
    if ndim(x) != 2:
        raise ValueError(f"Expected input `x` to have rank 2. Received: rank(x)={ndim(x)}")
    return tf.tile(tf.expand_dims(x, 1), [1, n, 1])


def repeat_elements(x: Any, rep: int, axis: int) -> Any:
    """Repeat each element ``rep`` times along ``axis`` (as ``np.repeat``)."""
    return _tf().repeat(x, rep, axis=axis)


def reshape(x: Any, shape: Any) -> Any:
    """``tf.reshape``."""
    return _tf().reshape(x, shape)


def reverse(x: Any, axes: Any) -> Any:
    """``tf.reverse`` over ``axes`` (an int or a list)."""
    return _tf().reverse(x, [axes] if isinstance(axes, int) else axes)


def round(x: Any) -> Any:
    """``tf.round`` (half to even)."""
    return _tf().round(x)


def set_value(x: Any, value: Any) -> None:
    """Assign ``value`` (converted to the variable's dtype)."""
    x.assign(np.asarray(value, dtype=x.dtype.name))


def shape(x: Any) -> Any:
    """``tf.shape(x)``."""
    return _tf().shape(x)


def sigmoid(x: Any) -> Any:
    """``tf.sigmoid``."""
    return _tf().sigmoid(x)


def sign(x: Any) -> Any:
    """``tf.sign``."""
    return _tf().sign(x)


def sin(x: Any) -> Any:
    """``tf.sin``."""
    return _tf().sin(x)


def softmax(x: Any, axis: int = -1) -> Any:
    """Softmax over ``axis``; the output carries its logits for the cross-entropies."""
    tf = _tf()
    x = tf.convert_to_tensor(x)
    if len(x.shape) <= 1:
        raise ValueError(f"Cannot apply softmax to a tensor that is 1D. Received input: {x}")
    out = tf.nn.softmax(x, axis=axis)
    out._keras_logits = x
    return out


def softplus(x: Any) -> Any:
    """``tf.math.softplus``."""
    return _tf().math.softplus(x)


def softsign(x: Any) -> Any:
    """``tf.math.softsign``."""
    return _tf().math.softsign(x)


def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: bool = False, axis: int = -1,
                                    ignore_class: Any = None) -> Any:
    """Cross-entropy between integer targets and probabilities (or logits) over the last axis."""
    from . import losses

    return losses.sparse_categorical_crossentropy(target, output, from_logits=from_logits, ignore_class=ignore_class,
                                                  axis=axis)


def spatial_2d_padding(x: Any, padding: Any = ((1, 1), (1, 1)), data_format: str | None = None) -> Any:
    """Zero-pad the two spatial axes of a 4-D tensor."""
    if len(padding) != 2 or len(padding[0]) != 2 or len(padding[1]) != 2:
        raise ValueError(f"Expected `padding` to be a tuple of 2 tuples of 2 integers. Received: padding={padding}")
    fmt = image_data_format() if data_format is None else data_format
    if fmt not in ("channels_first", "channels_last"):
        raise ValueError(f"Unknown data_format: {data_format}")
    if fmt == "channels_first":
        pattern = [[0, 0], [0, 0], list(padding[0]), list(padding[1])]
    else:
        pattern = [[0, 0], list(padding[0]), list(padding[1]), [0, 0]]
    return _tf().pad(x, pattern)


def sqrt(x: Any) -> Any:
    """``sqrt(max(x, 0))``. Example: ``K.sqrt(tf.constant([-1.0, 4.0]))`` is ``[0., 2.]``."""
    tf = _tf()
    x = tf.convert_to_tensor(x)
    return tf.sqrt(tf.maximum(x, tf.zeros((), x.dtype)))


def square(x: Any) -> Any:
    """``tf.square``."""
    return _tf().square(x)


def squeeze(x: Any, axis: int) -> Any:
    """``tf.squeeze(x, [axis])``."""
    return _tf().squeeze(x, [axis])


def stack(x: Any, axis: int = 0) -> Any:
    """``tf.stack``."""
    return _tf().stack(x, axis=axis)


def std(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.math.reduce_std`` (booleans cast to ``floatx()``)."""
    tf = _tf()
    x = tf.convert_to_tensor(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, floatx())
    return tf.math.reduce_std(x, axis=axis, keepdims=keepdims)


def stop_gradient(variables: Any) -> Any:
    """``tf.stop_gradient`` (of each element of a list or tuple)."""
    tf = _tf()
    if isinstance(variables, (list, tuple)):
        return map(tf.stop_gradient, variables)
    return tf.stop_gradient(variables)


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.reduce_sum``."""
    return _tf().reduce_sum(x, axis, keepdims)


def switch(condition: Any, then_expression: Any, else_expression: Any) -> Any:
    """``then_expression`` where ``condition`` holds, else ``else_expression`` (a scalar condition
    picks one of them; callables are called)."""
    tf = _tf()
    condition = tf.convert_to_tensor(condition)
    if condition.dtype != tf.bool:
        condition = tf.cast(condition, "bool")
    if not ndim(condition):
        branch = then_expression if bool(condition.numpy()) else else_expression
        return branch() if callable(branch) else branch
    if callable(then_expression):
        then_expression = then_expression()
    if callable(else_expression):
        else_expression = else_expression()
    then_expression = tf.convert_to_tensor(then_expression)
    cnd, end = ndim(condition), ndim(then_expression)
    if cnd > end:
        raise ValueError(f"Rank of `condition` should be less than or equal to rank of `then_expression` and "
                         f"`else_expression`. ndim(condition)={cnd}, ndim(then_expression)={end}")
    if cnd > 1 and end > cnd:
        condition = tf.reshape(condition, tuple(condition.shape) + (1,) * (end - cnd))
        condition = tf.broadcast_to(condition, then_expression.shape)
    return tf.where(condition, then_expression, else_expression)


def tanh(x: Any) -> Any:
    """``tf.tanh``."""
    return _tf().tanh(x)


def temporal_padding(x: Any, padding: Any = (1, 1)) -> Any:
    """Zero-pad the middle axis of a 3-D tensor."""
    if len(padding) != 2:
        raise ValueError(f"Expected `padding` to be a tuple of 2 integers. Received: padding={padding}")
    return _tf().pad(x, [[0, 0], [padding[0], padding[1]], [0, 0]])


def tile(x: Any, n: Any) -> Any:
    """``tf.tile`` (an int ``n`` for 1-D inputs)."""
    return _tf().tile(x, [n] if isinstance(n, int) else n)


def to_dense(tensor: Any) -> Any:
    """A sparse tensor densified (others unchanged)."""
    tf = _tf()
    return tf.sparse.to_dense(tensor) if is_sparse(tensor) else tensor


def transpose(x: Any) -> Any:
    """``tf.transpose``."""
    return _tf().transpose(x)


def truncated_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = None, seed: Any = None) -> Any:
    """``tf.random.truncated_normal`` (``floatx()`` by default)."""
    if seed is None:
        seed = int(np.random.randint(10e6))
    return _tf().random.truncated_normal(shape, mean, stddev, dtype=floatx() if dtype is None else dtype, seed=seed)


def update(x: Any, new_x: Any) -> Any:
    """``x.assign(new_x)``."""
    return x.assign(new_x)


def update_add(x: Any, increment: Any) -> Any:
    """``x.assign_add(increment)``."""
    return x.assign_add(increment)


def update_sub(x: Any, decrement: Any) -> Any:
    """``x.assign_sub(decrement)``."""
    return x.assign_sub(decrement)


def var(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.math.reduce_variance`` (booleans cast to ``floatx()``)."""
    tf = _tf()
    x = tf.convert_to_tensor(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, floatx())
    return tf.math.reduce_variance(x, axis=axis, keepdims=keepdims)


def variable(value: Any, dtype: Any = None, name: str | None = None, constraint: Any = None) -> Any:
    """A ``tf.Variable`` of ``value`` (``floatx()`` by default).

    Example:
        >>> variable([1.0, 2.0])
        <tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    tf = _tf()
    return tf.Variable(value, dtype=floatx() if dtype is None else dtype, name=name, constraint=constraint)


def zeros(shape: Any, dtype: Any = None, name: str | None = None) -> Any:
    """A Variable of zeros (``floatx()`` by default)."""
    tf = _tf()
    dt = floatx() if dtype is None else dtype
    return variable(tf.zeros(shape=shape, dtype=dt), dtype=dt, name=name)


def zeros_like(x: Any, dtype: Any = None, name: str | None = None) -> Any:
    """``tf.zeros_like``."""
    return _tf().zeros_like(x, dtype=dtype, name=name)


__all__ = [
    "floatx", "set_floatx", "epsilon", "set_epsilon", "image_data_format", "set_image_data_format", "backend",
    "clear_session", "get_uid", "is_keras_tensor", "standardize_dtype", "result_type", "is_float_dtype",
    "is_int_dtype",
    "abs", "all", "any", "argmax", "argmin", "arange", "batch_dot", "batch_flatten", "batch_get_value",
    "batch_set_value", "batch_normalization", "bias_add", "binary_crossentropy", "binary_focal_crossentropy", "cast",
    "cast_to_floatx", "categorical_crossentropy", "categorical_focal_crossentropy", "clip", "concatenate", "constant",
    "cos", "count_params", "cumsum", "cumprod", "dot", "dropout", "dtype", "elu", "equal", "eval", "exp",
    "expand_dims", "eye", "flatten", "foldl", "foldr", "gather", "get_value", "greater", "greater_equal",
    "hard_sigmoid", "in_top_k", "int_shape", "is_sparse", "l2_normalize", "less", "less_equal", "log", "map_fn", "max",
    "maximum", "mean", "min", "minimum", "moving_average_update", "name_scope", "ndim", "not_equal", "one_hot", "ones",
    "ones_like", "permute_dimensions", "pow", "prod", "random_bernoulli", "random_normal", "random_normal_variable",
    "random_uniform", "random_uniform_variable", "relu", "repeat", "repeat_elements", "reshape", "reverse", "round",
    "set_value", "shape", "sigmoid", "sign", "sin", "softmax", "softplus", "softsign",
    "sparse_categorical_crossentropy", "spatial_2d_padding", "sqrt", "square", "squeeze", "stack", "std",
    "stop_gradient", "sum", "switch", "tanh", "temporal_padding", "tile", "to_dense", "transpose", "truncated_normal",
    "update", "update_add", "update_sub", "var", "variable", "zeros", "zeros_like",
]
