"""``keras.ops.nn``: Keras 3's neural-network ops (activations, losses, convolutions, pooling,
normalization, attention) in tapeflow ops, with the TensorFlow backend's semantics.

Layouts are Keras's: ``data_format`` is "channels_last" (default) or "channels_first"; conv
kernels are ``(*spatial, in_channels, out_channels)`` (transposed convs ``(*spatial, out, in)``).

Example:
    >>> relu([-1.0, 2.0]).numpy().tolist()
    [0.0, 2.0]
    >>> one_hot([1, 0], 3).numpy().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
"""

from __future__ import annotations

import builtins
import warnings
from typing import Any

import numpy as np

import tapeflow as tf

from ...tensor import Tensor
from ._common import cast as _cast
from ._common import convert, epsilon, name_of, result_type, standardize_dtype, wrap_symbolic
from .numpy import log10 as _log10

# --------------------------------------------------------------------------------------------------
# activations
# --------------------------------------------------------------------------------------------------


def relu(x: Any) -> Tensor:
    """max(x, 0), element-wise.

    Example:
        >>> relu([-1.0, 0.5]).numpy().tolist()
        [0.0, 0.5]
    """
    return tf.nn.relu(convert(x))


def relu6(x: Any) -> Tensor:
    """min(max(x, 0), 6), element-wise.

    Example:
        >>> relu6([-1.0, 7.0]).numpy().tolist()
        [0.0, 6.0]
    """
    return tf.nn.relu6(convert(x))


def sigmoid(x: Any) -> Tensor:
    """1 / (1 + exp(-x)); the result remembers ``x`` as its logits (for the cross-entropies).

    Example:
        >>> sigmoid([0.0]).numpy().tolist()
        [0.5]
    """
    x = convert(x)
    out = tf.math.sigmoid(x)
    out._keras_logits = x
    return out


def sparse_sigmoid(x: Any) -> Tensor:
    """0 below -1, 1 above 1, (x + 1) / 2 between.

    Example:
        >>> sparse_sigmoid([-2.0, 0.0, 2.0]).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    x = convert(x)
    return tf.where(x <= -1, tf.constant(0.0, x.dtype), tf.where(x >= 1, tf.constant(1.0, x.dtype), 0.5 * (x + 1)))


def tanh_shrink(x: Any) -> Tensor:
    """x - tanh(x).

    Example:
        >>> tanh_shrink([0.0]).numpy().tolist()
        [0.0]
    """
    x = convert(x)
    return x - tf.math.tanh(x)


def softplus(x: Any) -> Tensor:
    """log(1 + exp(x)).

    Example:
        >>> print(softplus([0.0]).numpy().round(4))
        [0.6931]
    """
    return tf.math.softplus(convert(x))


def softsign(x: Any) -> Tensor:
    """x / (1 + |x|).

    Example:
        >>> softsign([1.0]).numpy().tolist()
        [0.5]
    """
    return tf.nn.softsign(convert(x))


def soft_shrink(x: Any, threshold: float = 0.5) -> Tensor:
    """x - threshold above ``threshold``, x + threshold below ``-threshold``, 0 between.

    Example:
        >>> soft_shrink([-1.0, 0.2, 1.0]).numpy().tolist()
        [-0.5, 0.0, 0.5]
    """
    x = convert(x)
    return tf.where(x > threshold, x - threshold, tf.where(x < -threshold, x + threshold, tf.zeros_like(x)))


def sparse_plus(x: Any) -> Tensor:
    """0 below -1, (x + 1)^2 / 4 on [-1, 1), x above.

    Example:
        >>> sparse_plus([-2.0, 0.0, 2.0]).numpy().tolist()
        [0.0, 0.25, 2.0]
    """
    x = convert(x)
    return tf.where(x <= -1, tf.zeros_like(x), tf.where(x < 1, (1 / 4) * tf.math.pow(x + 1, 2), x))


def silu(x: Any) -> Tensor:
    """x * sigmoid(x) (Swish).

    Example:
        >>> silu([0.0]).numpy().tolist()
        [0.0]
    """
    return tf.nn.silu(convert(x))


def swish(x: Any) -> Tensor:
    """x * sigmoid(x) (``silu``).

    Example:
        >>> swish([0.0]).numpy().tolist()
        [0.0]
    """
    return silu(x)


def squareplus(x: Any, b: float = 4) -> Tensor:
    """(x + sqrt(x^2 + b)) / 2.

    Example:
        >>> squareplus([0.0]).numpy().tolist()
        [1.0]
    """
    x = convert(x)
    bb = convert(b, name_of(x))
    return (x + tf.math.sqrt(tf.math.square(x) + bb)) / 2


def log_sigmoid(x: Any) -> Tensor:
    """log(sigmoid(x)), computed stably.

    Example:
        >>> print(log_sigmoid([0.0]).numpy().round(4))
        [-0.6931]
    """
    return tf.math.log_sigmoid(convert(x))


def leaky_relu(x: Any, negative_slope: float = 0.2) -> Tensor:
    """x for x >= 0, ``negative_slope * x`` below.

    Example:
        >>> print(leaky_relu([-1.0, 1.0]).numpy().round(4))
        [-0.2  1. ]
    """
    # TF keeps the slope as a float32 attribute, also for float64 input
    return tf.nn.leaky_relu(convert(x), alpha=float(np.float32(negative_slope)))


def hard_sigmoid(x: Any) -> Tensor:
    """relu6(x + 3) / 6.

    Example:
        >>> hard_sigmoid([-4.0, 0.0, 4.0]).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    x = convert(x)
    return tf.nn.relu6(x + tf.constant(3.0, x.dtype)) / tf.constant(6.0, x.dtype)


def hard_silu(x: Any) -> Tensor:
    """x * hard_sigmoid(x).

    Example:
        >>> hard_silu([-4.0, 4.0]).numpy().tolist()
        [-0.0, 4.0]
    """
    x = convert(x)
    return x * hard_sigmoid(x)


def hard_swish(x: Any) -> Tensor:
    """x * hard_sigmoid(x) (``hard_silu``).

    Example:
        >>> hard_swish([4.0]).numpy().tolist()
        [4.0]
    """
    return hard_silu(x)


def elu(x: Any, alpha: float = 1.0) -> Tensor:
    """x for x > 0, ``alpha * (exp(x) - 1)`` below.

    Example:
        >>> elu([1.0, 0.0]).numpy().tolist()
        [1.0, 0.0]
    """
    x = convert(x)
    res = tf.nn.elu(x)
    if alpha == 1:
        return res
    return tf.where(x > 0, res, alpha * res)


def selu(x: Any) -> Tensor:
    """Scaled ELU (Klambauer et al., 2017).

    Example:
        >>> selu([0.0]).numpy().tolist()
        [0.0]
    """
    return tf.nn.selu(convert(x))


def gelu(x: Any, approximate: bool = True) -> Tensor:
    """Gaussian error linear unit (the tanh approximation unless ``approximate=False``).

    Example:
        >>> print(gelu([1.0]).numpy().round(4))
        [0.8412]
    """
    return tf.nn.gelu(convert(x), approximate=approximate)


def celu(x: Any, alpha: float = 1.0) -> Tensor:
    """max(x, 0) + alpha * expm1(min(x, 0) / alpha).

    Example:
        >>> print(celu([-1.0, 1.0]).numpy().round(4))
        [-0.6321  1.    ]
    """
    x = convert(x)
    return tf.math.maximum(x, 0.0) + alpha * tf.math.expm1(tf.math.minimum(x, 0.0) / alpha)


def glu(x: Any, axis: int = -1) -> Tensor:
    """Gated linear unit: the first half of ``axis`` times the sigmoid of the second half.

    Example:
        >>> glu([1.0, 0.0]).numpy().tolist()
        [0.5]
    """
    x = convert(x)
    if x.shape[axis] % 2 != 0:
        raise ValueError(f"axis size must be divisible by 2. Received: x.shape={tuple(x.shape)} with axis={axis}")
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.math.sigmoid(b)


def hard_tanh(x: Any) -> Tensor:
    """x clipped to [-1, 1].

    Example:
        >>> hard_tanh([-2.0, 0.5]).numpy().tolist()
        [-1.0, 0.5]
    """
    return tf.clip_by_value(convert(x), -1.0, 1.0)


def hard_shrink(x: Any, threshold: float = 0.5) -> Tensor:
    """x where |x| > threshold, else 0.

    Example:
        >>> hard_shrink([-1.0, 0.2]).numpy().tolist()
        [-1.0, 0.0]
    """
    x = convert(x)
    return tf.where(tf.math.abs(x) > threshold, x, tf.zeros_like(x))


def threshold(x: Any, threshold: float, default_value: float) -> Tensor:
    """x where x > threshold, else ``default_value``.

    Example:
        >>> threshold([0.5, 2.0], 1.0, -1.0).numpy().tolist()
        [-1.0, 2.0]
    """
    x = convert(x)
    return tf.where(x > threshold, x, tf.cast(default_value, x.dtype) if not isinstance(default_value, Tensor)
                    else default_value)


def _over_axes(fn: Any, x: Tensor, axis: Any) -> Tensor:
    """Apply the last-axis ``fn`` over several axes (flattened together), as Keras's softmax."""
    keep = [v for v in range(x.ndim) if v not in axis]
    xt = tf.transpose(x, keep + list(axis))
    y = fn(tf.reshape(xt, [x.shape[v] for v in keep] + [-1]), axis=-1)
    y = tf.reshape(y, xt.shape)
    order = keep + list(axis)
    return tf.transpose(y, sorted(range(len(order)), key=order.__getitem__))


def softmax(x: Any, axis: Any = -1) -> Tensor:
    """exp(x) / sum(exp(x)) along ``axis`` (an int, a tuple, or None for all axes); the result
    remembers ``x`` as its logits.

    Example:
        >>> softmax([[0.0, 0.0]]).numpy().tolist()
        [[0.5, 0.5]]
    """
    x = convert(x)
    if isinstance(axis, int) and -x.ndim <= axis < x.ndim and x.shape[axis] == 1:
        warnings.warn(f"You are using a softmax over axis {axis} of a tensor of shape {tuple(x.shape)}. This axis "
                      "has size 1. The softmax operation will always return the value 1, which is likely not what "
                      "you intended. Did you mean to use a sigmoid instead?", stacklevel=2)
    if isinstance(axis, (tuple, list)):
        out = _over_axes(tf.nn.softmax, x, [a % x.ndim for a in axis])
    elif axis is None:
        out = tf.reshape(tf.nn.softmax(tf.reshape(x, [-1]), axis=-1), x.shape)
    else:
        out = tf.nn.softmax(x, axis=axis)
    out._keras_logits = x
    return out


def log_softmax(x: Any, axis: Any = -1) -> Tensor:
    """log(softmax(x)) along ``axis``, computed stably.

    Example:
        >>> print(log_softmax([0.0, 0.0]).numpy().round(4))
        [-0.6931 -0.6931]
    """
    x = convert(x)
    if isinstance(axis, (tuple, list)):
        return _over_axes(tf.nn.log_softmax, x, [a % x.ndim for a in axis])
    if axis is None:
        return tf.reshape(tf.nn.log_softmax(tf.reshape(x, [-1]), axis=-1), x.shape)
    return tf.nn.log_softmax(x, axis=axis)


def sparsemax(x: Any, axis: int = -1) -> Tensor:
    """Sparsemax (Martins & Astudillo, 2016): the Euclidean projection onto the simplex.

    Example:
        >>> sparsemax([1.0, 0.0, -1.0]).numpy().tolist()
        [1.0, 0.0, 0.0]
    """
    x = convert(x)
    srt = tf.sort(x, direction="DESCENDING", axis=axis)
    csum = tf.math.cumsum(srt, axis=axis)
    r = tf.range(1, x.shape[axis] + 1, dtype=x.dtype)
    rs = [1] * x.ndim
    rs[axis] = -1
    r = tf.reshape(r, rs)
    support = srt - (csum - 1) / r > 0
    k = tf.reduce_sum(tf.cast(support, x.dtype), axis=axis, keepdims=True)
    tau = (tf.reduce_sum(tf.where(support, csum, tf.zeros_like(csum)), axis=axis, keepdims=True) - 1) / k
    return tf.math.maximum(x - tau, tf.zeros((), x.dtype))


# --------------------------------------------------------------------------------------------------
# encodings and losses
# --------------------------------------------------------------------------------------------------


def one_hot(x: Any, num_classes: int, axis: int = -1, dtype: Any = None, sparse: bool = False) -> Tensor:
    """One-hot encoding of integer ``x`` along a new ``axis`` (negative indices give zero rows).

    Example:
        >>> one_hot([2], 3, dtype="int32").numpy().tolist()
        [[0, 0, 1]]
    """
    if sparse:
        raise ValueError("one_hot: sparse=True is not supported by tapeflow's keras.ops")
    x = convert(x, "int64")
    dt = standardize_dtype(dtype)
    if dt == "bool":
        return tf.one_hot(x, num_classes, on_value=True, off_value=False, axis=axis, dtype=tf.bool)
    return tf.one_hot(x, num_classes, axis=axis, dtype=dt)


def multi_hot(inputs: Any, num_classes: int | None = None, axis: int = -1, dtype: Any = None, sparse: bool = False,
              **kwargs: Any) -> Tensor:
    """Multi-hot encoding: 1 at each class present in a sample (the last axis of 2-D input).

    Example:
        >>> multi_hot([0, 2], num_classes=4).numpy().tolist()
        [1.0, 0.0, 1.0, 0.0]
    """
    if num_classes is None and "num_tokens" in kwargs:
        num_classes = kwargs.pop("num_tokens")
    if num_classes is None:
        raise ValueError("Argument `num_classes` must be specified.")
    if sparse:
        raise ValueError("multi_hot: sparse=True is not supported by tapeflow's keras.ops")
    x = convert(inputs)
    red = 1 if x.ndim > 1 else 0
    dt = standardize_dtype(dtype)
    out = one_hot(x, num_classes, axis=axis, dtype=dt)
    if dt == "bool":
        return tf.reduce_any(out, axis=red)
    return tf.reduce_max(out, axis=red)


def _same_shape(target: Tensor, output: Tensor) -> None:
    if target.ndim != output.ndim:
        raise ValueError("Arguments `target` and `output` must have the same rank (ndim). Received: "
                         f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}")
    if tuple(target.shape) != tuple(output.shape):
        raise ValueError("Arguments `target` and `output` must have the same shape. Received: "
                         f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}")


def _logits(output: Tensor, from_logits: bool, fn: str) -> tuple:
    logits = getattr(output, "_keras_logits", None)
    if logits is None:
        return output, from_logits
    if from_logits:
        warnings.warn(f'"`{fn}` received `from_logits=True`, but the `output` argument was produced by a '
                      "sigmoid or softmax activation and thus does not represent logits. Was this intended?",
                      stacklevel=3)
    return logits, True


def binary_crossentropy(target: Any, output: Any, from_logits: bool = False) -> Tensor:
    """Element-wise binary cross-entropy (``output`` clipped to [eps, 1 - eps] unless logits).

    Example:
        >>> print(binary_crossentropy([1.0, 0.0], [0.5, 0.5]).numpy().round(4))
        [0.6931 0.6931]
    """
    t, o = tf.convert_to_tensor(target), tf.convert_to_tensor(output)
    _same_shape(t, o)
    o, from_logits = _logits(output if isinstance(output, Tensor) else o, from_logits, "binary_crossentropy")
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=t, logits=o)
    eps = epsilon()
    o = tf.clip_by_value(o, eps, 1.0 - eps)
    bce = t * tf.math.log(o)
    bce += (1 - t) * tf.math.log(1 - o)
    return -bce


def categorical_crossentropy(target: Any, output: Any, from_logits: bool = False, axis: int = -1) -> Tensor:
    """Cross-entropy between one-hot (or soft) ``target`` and ``output`` along ``axis``.

    Probabilities are renormalised to sum to 1 and clipped to [eps, 1 - eps].

    Example:
        >>> print(categorical_crossentropy([[0.0, 1.0]], [[0.5, 0.5]]).numpy().round(4))
        [0.6931]
    """
    t, o = tf.convert_to_tensor(target), tf.convert_to_tensor(output)
    if t.ndim < 1:
        raise ValueError("Arguments `target` and `output` must be at least rank 1. Received: "
                         f"target.shape={tuple(t.shape)}, output.shape={tuple(o.shape)}")
    _same_shape(t, o)
    o, from_logits = _logits(output if isinstance(output, Tensor) else o, from_logits, "categorical_crossentropy")
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=t, logits=o, axis=axis)
    o = o / tf.reduce_sum(o, axis, keepdims=True)
    eps = epsilon()
    o = tf.clip_by_value(o, eps, 1.0 - eps)
    return -tf.reduce_sum(t * tf.math.log(o), axis)


def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: bool = False, axis: int = -1) -> Tensor:
    """Cross-entropy between integer class ``target`` and ``output`` (classes on the last axis).

    Example:
        >>> print(sparse_categorical_crossentropy([1], [[0.5, 0.5]]).numpy().round(4))
        [0.6931]
    """
    o = tf.convert_to_tensor(output)
    if axis != -1 and axis != o.ndim - 1:
        raise ValueError(f"Only axis=-1 is currently supported. Received: axis={axis}")
    o, from_logits = _logits(output if isinstance(output, Tensor) else o, from_logits,
                             "sparse_categorical_crossentropy")
    t = tf.cast(tf.convert_to_tensor(target), tf.int64)
    if t.ndim == o.ndim and t.shape[-1] == 1:
        t = tf.squeeze(t, axis=-1)
    if o.ndim < 1:
        raise ValueError(f"Argument `output` must be at least rank 1. Received: output.shape={tuple(o.shape)}")
    if t.ndim != o.ndim - 1:
        raise ValueError("Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                         f"target.shape={tuple(t.shape)}, output.shape={tuple(o.shape)}")
    if tuple(t.shape) != tuple(o.shape[:-1]):
        raise ValueError("Arguments `target` and `output` must have the same shape up until the last dimension: "
                         f"target.shape={tuple(t.shape)}, output.shape={tuple(o.shape)}")
    if not from_logits:
        eps = epsilon()
        o = tf.math.log(tf.clip_by_value(o, eps, 1 - eps))
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=t, logits=o)


# --------------------------------------------------------------------------------------------------
# convolution and pooling
# --------------------------------------------------------------------------------------------------


def _data_format(data_format: Any) -> str:
    if data_format is None:
        from .. import backend

        fn = getattr(backend, "image_data_format", None)
        return fn() if fn is not None else "channels_last"
    df = str(data_format).lower()
    if df not in ("channels_last", "channels_first"):
        raise ValueError(f"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. "
                         f"Received: data_format={data_format}")
    return df


def _tf_format(data_format: str, ndim: int) -> str:
    names = {3: ("NWC", "NCW"), 4: ("NHWC", "NCHW"), 5: ("NDHWC", "NCDHW")}
    if ndim not in names:
        raise ValueError(f"Input rank not supported: {ndim}. Expected values are [3, 4, 5]")
    return names[ndim][data_format == "channels_first"]


def _to_last(x: Tensor) -> Tensor:
    return tf.transpose(x, [0] + list(range(2, x.ndim)) + [1])


def _to_first(x: Tensor) -> Tensor:
    return tf.transpose(x, [0, x.ndim - 1] + list(range(1, x.ndim - 1)))


def _tuple(v: Any, n: int) -> tuple:
    return (int(v),) * n if isinstance(v, (int, np.integer)) else tuple(int(i) for i in v)


def _check_channels(inputs: Tensor, kernel: Tensor, data_format: str, kdim: int = -2) -> None:
    ch = inputs.shape[-1] if data_format == "channels_last" else inputs.shape[1]
    if ch != kernel.shape[kdim]:
        raise ValueError(f"The number of input channels must match the kernel's input channels. Received: input "
                         f"channels={ch}, kernel input channels={kernel.shape[kdim]}, data_format='{data_format}'.")


def conv(inputs: Any, kernel: Any, strides: Any = 1, padding: str = "valid", data_format: str | None = None,
         dilation_rate: Any = 1) -> Tensor:
    """N-D convolution (1-3 spatial dims); ``kernel`` is ``(*spatial, in_channels / groups, filters)``.

    Example:
        >>> conv(np.ones((1, 3, 1), "float32"), np.ones((2, 1, 1), "float32")).numpy().reshape(-1).tolist()
        [2.0, 2.0]
    """
    data_format = _data_format(data_format)
    x, k = convert(inputs), convert(kernel)
    nsp = x.ndim - 2
    ch = x.shape[-1] if data_format == "channels_last" else x.shape[1]
    if ch % k.shape[-2] != 0:
        _check_channels(x, k, data_format)
    strides, dil = _tuple(strides, nsp), _tuple(dilation_rate, nsp)
    first = data_format == "channels_first"
    if first:
        x = _to_last(x)
    groups = ch // k.shape[-2]
    if groups == 1:
        out = tf.nn.convolution(x, k, strides, padding.upper(), data_format=_tf_format("channels_last", x.ndim),
                                dilations=dil)
    else:  # grouped convolution: one convolution per group of input channels
        kin, kout = k.shape[-2], k.shape[-1]
        per = kout // groups
        outs = [tf.nn.convolution(x[..., g * kin:(g + 1) * kin], k[..., g * per:(g + 1) * per], strides,
                                  padding.upper(), data_format=_tf_format("channels_last", x.ndim), dilations=dil)
                for g in range(groups)]
        out = tf.concat(outs, axis=-1)
    if builtins.any(d == 0 for d in out.shape) and x._value.size != 0:
        raise ValueError(f"The convolution operation resulted in an empty output. Output shape: {tuple(out.shape)}. "
                         "This can happen if the input is too small for the given kernel size, strides, dilation "
                         "rate, and padding mode. Please check the input shape and convolution parameters.")
    return _to_first(out) if first else out


def _depthwise_2d(x: Tensor, k: Tensor, strides: tuple, padding: str, dil: tuple, pointwise: Any = None) -> Tensor:
    if builtins.any(s > 1 for s in strides) and builtins.any(d > 1 for d in dil):
        # TF's depthwise conv takes no stride together with dilation: stride 1, then subsample
        if padding == "SAME":
            pads = [[0, 0]]
            for i, ks in enumerate(k.shape[:2]):
                n = x.shape[1 + i]
                eff = (ks - 1) * dil[i] + 1
                total = builtins.max((-(-n // strides[i]) - 1) * strides[i] + eff - n, 0)
                pads.append([total // 2, total - total // 2])
            x = tf.pad(x, pads + [[0, 0]])
        out = tf.nn.depthwise_conv2d(x, k, strides=(1, 1, 1, 1), padding="VALID", dilations=dil)
        out = out[:, ::strides[0], ::strides[1], :]
        if pointwise is not None:
            out = tf.nn.conv2d(out, pointwise, strides=(1, 1, 1, 1), padding="VALID")
        return out
    if pointwise is not None:
        return tf.nn.separable_conv2d(x, k, pointwise, (1,) + strides + (1,), padding, dilations=dil)
    return tf.nn.depthwise_conv2d(x, k, (1,) + strides + (1,), padding, dilations=dil)


def _depthwise(inputs: Any, kernel: Any, strides: Any, padding: str, data_format: Any, dilation_rate: Any,
               pointwise: Any, op: str) -> Tensor:
    data_format = _data_format(data_format)
    x, k = convert(inputs), convert(kernel)
    nsp = x.ndim - 2
    if nsp not in (1, 2):
        raise ValueError(f"`inputs` rank must be 3 (1D conv) or 4 (2D conv). Received: {x.ndim}.")
    _check_channels(x, k, data_format)
    strides, dil = _tuple(strides, nsp), _tuple(dilation_rate, nsp)
    first = data_format == "channels_first"
    if first:
        x = _to_last(x)
    pw = None if pointwise is None else convert(pointwise)
    if nsp == 1:
        x, k = tf.expand_dims(x, 1), tf.expand_dims(k, 0)
        pw = None if pw is None else tf.expand_dims(pw, 0)
        strides, dil = (1,) + strides, (1,) + dil
    out = _depthwise_2d(x, k, strides, padding.upper(), dil, pw)
    if nsp == 1:
        out = tf.squeeze(out, [1])
    return _to_first(out) if first else out


def depthwise_conv(inputs: Any, kernel: Any, strides: Any = 1, padding: str = "valid", data_format: str | None = None,
                   dilation_rate: Any = 1) -> Tensor:
    """1-D or 2-D depthwise convolution; ``kernel`` is ``(*spatial, in_channels, multiplier)``.

    Example:
        >>> depthwise_conv(np.ones((1, 3, 2), "float32"), np.ones((2, 2, 1), "float32")).numpy().tolist()
        [[[2.0, 2.0], [2.0, 2.0]]]
    """
    return _depthwise(inputs, kernel, strides, padding, data_format, dilation_rate, None, "depthwise_conv")


def separable_conv(inputs: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any = 1,
                   padding: str = "valid", data_format: str | None = None, dilation_rate: Any = 1) -> Tensor:
    """Depthwise convolution followed by a 1x1 (pointwise) convolution.

    Example:
        >>> separable_conv(np.ones((1, 3, 2), "float32"), np.ones((2, 2, 1), "float32"), np.ones((1, 2, 1), "float32")).numpy().tolist()
        [[[4.0], [4.0]]]
    """
    return _depthwise(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate, pointwise_kernel,
                      "separable_conv")


def _transpose_out_size(n: int, k: int, s: int, padding: str, out_pad: Any, d: int) -> int:
    k = (k - 1) * d + 1
    if padding == "valid":
        out_pad = builtins.max(k, s) - k if out_pad is None else out_pad
        return (n - 1) * s + k + out_pad
    if padding != "same":
        raise ValueError(f"The `padding` argument must be one of 'valid', 'same'. Received: padding={padding}")
    return n * s if out_pad is None else (n - 1) * s + k % 2 + out_pad


def conv_transpose(inputs: Any, kernel: Any, strides: Any = 1, padding: str = "valid", output_padding: Any = None,
                   data_format: str | None = None, dilation_rate: Any = 1) -> Tensor:
    """Transposed N-D convolution; ``kernel`` is ``(*spatial, filters, in_channels)``.

    Example:
        >>> conv_transpose(np.ones((1, 2, 1), "float32"), np.ones((2, 1, 1), "float32"), strides=2).numpy().reshape(-1).tolist()
        [1.0, 1.0, 1.0, 1.0]
    """
    data_format = _data_format(data_format)
    x, k = convert(inputs), convert(kernel)
    _check_channels(x, k, data_format, kdim=-1)
    nsp = x.ndim - 2
    strides, dil = _tuple(strides, nsp), _tuple(dilation_rate, nsp)
    ops_ = (None,) * nsp if output_padding is None else _tuple(output_padding, nsp)
    first = data_format == "channels_first"
    if first:
        x = _to_last(x)
    spatial = [_transpose_out_size(x.shape[1 + i], k.shape[i], strides[i], padding.lower(), ops_[i], dil[i])
               for i in range(nsp)]
    out = tf.nn.conv_transpose(x, k, [x.shape[0]] + spatial + [k.shape[-2]], strides, padding=padding.upper(),
                               dilations=dil)
    return _to_first(out) if first else out


def _pool(inputs: Any, pool_size: Any, strides: Any, padding: str, data_format: Any, fn: Any) -> Tensor:
    data_format = _data_format(data_format)
    x = convert(inputs)
    nsp = x.ndim - 2
    if nsp not in (1, 2, 3):
        raise ValueError(f"Pooling inputs's shape must be 3, 4 or 5, corresponding to 1D, 2D and 3D inputs. "
                         f"But received shape: {tuple(x.shape)}.")
    ps = _tuple(pool_size, nsp)
    st = ps if strides is None else _tuple(strides, nsp)
    first = data_format == "channels_first"
    if first:
        x = _to_last(x)
    out = fn(x, ps, st, padding.upper(), _tf_format("channels_last", x.ndim))
    return _to_first(out) if first else out


def max_pool(inputs: Any, pool_size: Any, strides: Any = None, padding: str = "valid",
             data_format: str | None = None) -> Tensor:
    """Max pooling over 1-3 spatial dims (``strides`` default to ``pool_size``).

    Example:
        >>> max_pool([[[1.0], [3.0], [2.0], [0.0]]], 2).numpy().reshape(-1).tolist()
        [3.0, 2.0]
    """
    return _pool(inputs, pool_size, strides, padding, data_format, tf.nn.max_pool)


def average_pool(inputs: Any, pool_size: Any, strides: Any = None, padding: str = "valid",
                 data_format: str | None = None) -> Tensor:
    """Average pooling over 1-3 spatial dims (``strides`` default to ``pool_size``; "same" padding
    averages the valid entries only).

    Example:
        >>> average_pool([[[1.0], [3.0], [2.0], [0.0]]], 2).numpy().reshape(-1).tolist()
        [2.0, 1.0]
    """
    return _pool(inputs, pool_size, strides, padding, data_format, tf.nn.avg_pool)


def _adaptive(inputs: Any, output_size: Any, data_format: Any, reduce: Any) -> Tensor:
    data_format = _data_format(data_format)
    x = convert(inputs)
    nsp = x.ndim - 2
    if nsp not in (1, 2, 3):
        raise ValueError("adaptive pooling supports 1D, 2D, or 3D inputs only.")
    outs = _tuple(output_size, nsp)
    first = data_format == "channels_first"
    if first:
        x = _to_last(x)
    for i in range(nsp):
        ax = 1 + i
        n, o = x.shape[ax], outs[i]
        pieces = []
        for j in range(o):
            s = builtins.min((j * n) // o, n - 1)
            e = builtins.min(-((-(j + 1) * n) // o), n)
            sl = [builtins.slice(None)] * x.ndim
            sl[ax] = builtins.slice(s, e)
            pieces.append(reduce(x[tuple(sl)], axis=ax, keepdims=True))
        x = tf.concat(pieces, axis=ax)
    return _to_first(x) if first else x


def adaptive_average_pool(inputs: Any, output_size: Any, data_format: str | None = None) -> Tensor:
    """Average pooling to a fixed ``output_size`` (window i spans floor(i n / o) to ceil((i + 1) n / o)).

    Example:
        >>> adaptive_average_pool([[[1.0], [2.0], [3.0]]], 2).numpy().reshape(-1).tolist()
        [1.5, 2.5]
    """
    return _adaptive(inputs, output_size, data_format, tf.reduce_mean)


def adaptive_max_pool(inputs: Any, output_size: Any, data_format: str | None = None) -> Tensor:
    """Max pooling to a fixed ``output_size``.

    Example:
        >>> adaptive_max_pool([[[1.0], [2.0], [3.0]]], 2).numpy().reshape(-1).tolist()
        [2.0, 3.0]
    """
    return _adaptive(inputs, output_size, data_format, tf.reduce_max)


def depth_to_space(x: Any, block_size: int, data_format: str = "channels_last") -> Tensor:
    """Move channel blocks into ``block_size`` x ``block_size`` spatial blocks (4-D input).

    Example:
        >>> depth_to_space(np.arange(4.0).reshape(1, 1, 1, 4), 2).numpy().reshape(-1).tolist()
        [0.0, 1.0, 2.0, 3.0]
    """
    x = convert(x)
    if data_format == "channels_last":
        return tf.nn.depth_to_space(x, block_size, data_format="NHWC")
    return tf.transpose(tf.nn.depth_to_space(tf.transpose(x, [0, 2, 3, 1]), block_size), [0, 3, 1, 2])


def space_to_depth(x: Any, block_size: int, data_format: str = "channels_last") -> Tensor:
    """Move ``block_size`` x ``block_size`` spatial blocks into channels (4-D input).

    Example:
        >>> space_to_depth(np.ones((1, 2, 2, 1), "float32"), 2).shape.as_list()
        [1, 1, 1, 4]
    """
    x = convert(x)
    if data_format == "channels_last":
        return tf.nn.space_to_depth(x, block_size, data_format="NHWC")
    return tf.transpose(tf.nn.space_to_depth(tf.transpose(x, [0, 2, 3, 1]), block_size), [0, 3, 1, 2])


def _pair(v: Any) -> tuple:
    return (v, v) if isinstance(v, int) else tuple(v)


def unfold(x: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0, stride: Any = 1) -> Tensor:
    """Sliding blocks of an NCHW image as columns: ``(N, C * kh * kw, L)`` (PyTorch's ``unfold``).

    Example:
        >>> unfold(np.arange(4.0).reshape(1, 1, 2, 2), 2).numpy().reshape(-1).tolist()
        [0.0, 1.0, 2.0, 3.0]
    """
    x = convert(x)
    k, d, p, s = _pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride)
    n, c = x.shape[0], x.shape[1]
    if builtins.any(v > 0 for v in p):
        x = tf.pad(x, [[0, 0], [0, 0], [p[0], p[0]], [p[1], p[1]]])
    patches = tf.image.extract_patches(tf.transpose(x, [0, 2, 3, 1]), sizes=[1, k[0], k[1], 1],
                                       strides=[1, s[0], s[1], 1], rates=[1, d[0], d[1], 1], padding="VALID")
    nh, nw = patches.shape[1], patches.shape[2]
    patches = tf.reshape(patches, [n, nh, nw, k[0], k[1], c])
    patches = tf.transpose(patches, [0, 5, 3, 4, 1, 2])
    return tf.reshape(patches, [n, c * k[0] * k[1], nh * nw])


def fold(x: Any, output_size: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0, stride: Any = 1) -> Tensor:
    """Sum sliding blocks ``(N, C * kh * kw, L)`` back into an NCHW image (PyTorch's ``fold``).

    Example:
        >>> fold(np.ones((1, 4, 1), "float32"), 2, 2).numpy().tolist()
        [[[[1.0, 1.0], [1.0, 1.0]]]]
    """
    x = convert(x)
    k, d, p, s = _pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride)
    o = _pair(output_size)
    n, ckk = x.shape[0], x.shape[1]
    c = ckk // (k[0] * k[1])
    nh = (o[0] + 2 * p[0] - d[0] * (k[0] - 1) - 1) // s[0] + 1
    nw = (o[1] + 2 * p[1] - d[1] * (k[1] - 1) - 1) // s[1] + 1
    x = tf.reshape(x, [n, c, k[0], k[1], nh, nw])
    hp, wp = o[0] + 2 * p[0], o[1] + 2 * p[1]
    out = tf.zeros([n, c, hp, wp], x.dtype)
    for i in range(k[0]):
        for j in range(k[1]):
            blk = x[:, :, i, j]  # (n, c, nh, nw)
            if s[0] > 1 or s[1] > 1:  # spread with zeros between samples
                blk = tf.reshape(tf.pad(blk[:, :, :, None, :, None],
                                        [[0, 0], [0, 0], [0, 0], [0, s[0] - 1], [0, 0], [0, s[1] - 1]]),
                                 [n, c, nh * s[0], nw * s[1]])
                blk = blk[:, :, :(nh - 1) * s[0] + 1, :(nw - 1) * s[1] + 1]
            h0, w0 = i * d[0], j * d[1]
            bh, bw = blk.shape[2], blk.shape[3]
            out = out + tf.pad(blk, [[0, 0], [0, 0], [h0, hp - h0 - bh], [w0, wp - w0 - bw]])
    if p[0] > 0 or p[1] > 0:
        out = out[:, :, p[0]:hp - p[0], p[1]:wp - p[1]]
    return out


# --------------------------------------------------------------------------------------------------
# normalization, attention, misc
# --------------------------------------------------------------------------------------------------


def moments(x: Any, axes: Any, keepdims: bool = False, synchronized: bool = False) -> tuple:
    """Mean and variance over ``axes`` (float16 computed in float32).

    Example:
        >>> [t.numpy().tolist() for t in moments([1.0, 3.0], axes=[0])]
        [2.0, 1.0]
    """
    x = convert(x)
    n = name_of(x)
    if n == "float16":
        x = _cast(x, "float32")
    m, v = tf.nn.moments(x, axes, keepdims=keepdims)
    if n == "float16":
        lim = float(np.finfo(np.float16).max)
        m = _cast(tf.clip_by_value(m, -lim, lim), n)
        v = _cast(tf.clip_by_value(v, -lim, lim), n)
    return m, v


def batch_normalization(x: Any, mean: Any, variance: Any, axis: int, offset: Any = None, scale: Any = None,
                        epsilon: float = 1e-3) -> Tensor:
    """(x - mean) / sqrt(variance + epsilon) * scale + offset, with the statistics along ``axis``.

    Example:
        >>> batch_normalization([[1.0, 2.0]], [1.0, 1.0], [1.0, 1.0], axis=-1, epsilon=0.0).numpy().tolist()
        [[0.0, 1.0]]
    """
    x = convert(x)
    mean, variance = convert(mean), convert(variance)
    offset = None if offset is None else convert(offset)
    scale = None if scale is None else convert(scale)
    if axis != -1:
        shp = [1] * x.ndim
        shp[axis] = mean.shape[0]
        mean, variance = tf.reshape(mean, shp), tf.reshape(variance, shp)
        offset = None if offset is None else tf.reshape(offset, shp)
        scale = None if scale is None else tf.reshape(scale, shp)
    return tf.nn.batch_normalization(x, mean, variance, offset, scale, epsilon)


def normalize(x: Any, axis: int = -1, order: int = 2, epsilon: float | None = None) -> Tensor:
    """x / max(norm(x, order), epsilon) along ``axis``.

    Example:
        >>> normalize([3.0, 4.0]).numpy().tolist()
        [0.6000000238418579, 0.800000011920929]
    """
    if not isinstance(order, int) or not order >= 1:
        raise ValueError(f"Argument `order` must be an int >= 1. Received: order={order}")
    x = convert(x)
    if x.ndim == 0:
        x = tf.expand_dims(x, 0)
    eps = globals()["epsilon"]() if epsilon is None else epsilon
    if order == 2:
        from .numpy import minimum, square
        from .numpy import sum as _sum

        inv = tf.math.rsqrt(_sum(square(x), axis=axis, keepdims=True))
        return x * minimum(inv, 1.0 / eps)
    from .linalg import norm
    from .numpy import divide, maximum

    return divide(x, maximum(norm(x, ord=order, axis=axis, keepdims=True), eps))


def rms_normalization(x: Any, scale: Any = None, axis: Any = -1, epsilon: float | None = None) -> Tensor:
    """x * rsqrt(mean(x^2) + epsilon) * scale along ``axis`` (computed in at least float32).

    Example:
        >>> print(rms_normalization([[3.0, 4.0]], epsilon=0.0).numpy().round(4))
        [[0.8485 1.1314]]
    """
    from .numpy import expand_dims, mean, multiply, square

    eps = globals()["epsilon"]() if epsilon is None else epsilon
    x = convert(x)
    orig = name_of(x)
    x = _cast(x, result_type(orig, "float32"))
    if scale is not None:
        scale = convert(scale, name_of(x))
    if isinstance(axis, (tuple, list)):
        axis = sorted(axis)
    if x.ndim == 0:
        x = expand_dims(x, 0)
    out = multiply(x, tf.math.rsqrt(mean(square(x), axis=axis, keepdims=True) + eps))
    if scale is not None:
        out = multiply(out, scale)
    return _cast(out, orig)


def layer_normalization(x: Any, gamma: Any = None, beta: Any = None, axis: Any = -1, epsilon: float | None = None,
                        **kwargs: Any) -> Tensor:
    """Normalize to zero mean and unit variance along ``axis``, then scale by ``gamma`` and shift by
    ``beta`` (computed in at least float32).

    Example:
        >>> layer_normalization([[1.0, 3.0]], epsilon=0.0).numpy().tolist()
        [[-1.0, 1.0]]
    """
    rms_scaling = kwargs.pop("rms_scaling", False)
    eps = globals()["epsilon"]() if epsilon is None else epsilon
    x = convert(x)
    orig = name_of(x)
    x = _cast(x, result_type(orig, "float32"))
    gamma = None if gamma is None else convert(gamma, name_of(x))
    beta = None if beta is None else convert(beta, name_of(x))
    nd = x.ndim
    axes = sorted(a % nd for a in ([axis] if isinstance(axis, int) else axis))
    bshape = [1] * nd
    for a in axes:
        bshape[a] = x.shape[a]

    def bc(v: Any) -> Any:
        if v is not None and v.ndim != nd and axes != [nd - 1]:
            return tf.reshape(v, bshape)
        return v

    if rms_scaling:
        warnings.warn("You passed `rms_scaling=True`, which is deprecated. This argument incorrectly scales the "
                      "input by the variance, not the root mean square. To correctly use RMS Normalization, please "
                      "use `keras.ops.rms_normalization` / `keras.ops.nn.rms_normalization` instead.", stacklevel=2)
        v = tf.math.reduce_variance(x, axis=axes, keepdims=True)
        out = x * tf.math.rsqrt(v + eps)
        if gamma is not None:
            out = out * bc(gamma)
        return _cast(out, orig)
    m, v = moments(x, axes=axes, keepdims=True)
    inv = tf.math.rsqrt(v + eps)
    if gamma is not None:
        inv = inv * bc(gamma)
    res = -m * inv
    if beta is not None:
        res = res + bc(beta)
    return _cast(x * inv + res, orig)


def psnr(x1: Any, x2: Any, max_val: Any) -> Tensor:
    """Peak signal-to-noise ratio (dB) between two images of the same shape.

    Example:
        >>> print(psnr([0.0, 1.0], [0.0, 0.9], 1.0).numpy().round(3))
        23.01
    """
    a, b = convert(x1), convert(x2)
    if tuple(a.shape) != tuple(b.shape):
        raise ValueError(f"Input shapes {tuple(a.shape)} and {tuple(b.shape)} must match for PSNR calculation. ")
    mv = convert(max_val, name_of(b))
    mse = tf.reduce_mean(tf.math.square(a - b))
    return 20 * _log10(mv) - 10 * _log10(mse)


def polar(abs_: Any, angle: Any) -> Tensor:
    """The complex numbers ``abs_ * (cos(angle) + i sin(angle))``.

    Example:
        >>> polar([2.0], [0.0]).numpy().tolist()
        [(2+0j)]
    """
    from .numpy import cos, sin

    a, t = convert(abs_), convert(angle)
    re, im = a * cos(t), a * sin(t)
    if tuple(re.shape) != tuple(im.shape):
        raise ValueError("Input `x` should be a tuple of two tensors - real and imaginary. Both the real and "
                         f"imaginary parts should have the same shape. Received: x[0].shape = {tuple(re.shape)}, "
                         f"x[1].shape = {tuple(im.shape)}")
    return tf.complex(re, im)


def _large_negative(dtype: str) -> Tensor:
    val = 65500.0 if dtype == "float16" else 3.38953e38
    return tf.constant(val * -0.7, dtype)


def dot_product_attention(query: Any, key: Any, value: Any, bias: Any = None, mask: Any = None, scale: Any = None,
                          is_causal: bool = False, flash_attention: bool | None = None,
                          attn_logits_soft_cap: Any = None) -> Tensor:
    """Scaled dot-product attention on ``(B, T, N, H)`` query and ``(B, S, K, H)`` key/value.

    ``logits = einsum(q, k) * scale`` (default ``1 / sqrt(H)``) plus ``bias``; where ``mask`` is
    False (or above the diagonal when ``is_causal``) logits become -0.7 * float32-max; softmax over
    S; grouped-query attention repeats the K key/value heads N / K times (also for K = 1, where
    Keras with TensorFlow fails).

    Example:
        >>> q = np.ones((1, 2, 1, 4), "float32")
        >>> dot_product_attention(q, q, q).shape.as_list()
        [1, 2, 1, 4]
    """
    if attn_logits_soft_cap is not None:
        raise ValueError("attn_logits_soft_cap is only supported for JAX on TPU. Set attn_logits_soft_cap=None "
                         "when not using JAX on TPU.")
    if flash_attention:
        raise ValueError("Flash attention is not supported in tensorflow backend.")
    q, k, v = convert(query), convert(key), convert(value)
    if q.ndim != 4:
        raise ValueError(f"`dot_product_attention` only supports 4D inputs. Received: query.shape={tuple(q.shape)}, "
                         f"key.shape={tuple(k.shape)}, value.shape={tuple(v.shape)}.")
    dt = result_type(name_of(q), name_of(k), name_of(v))
    q, k, v = _cast(q, dt), _cast(k, dt), _cast(v, dt)
    nq, nk = q.shape[2], k.shape[2]
    if nq > nk > 1:
        k = tf.repeat(k, nq // nk, axis=2)
        v = tf.repeat(v, nq // nk, axis=2)
    elif nq > nk == 1:
        k = tf.repeat(k, nq, axis=2)
        v = tf.repeat(v, nq, axis=2)
    if bias is not None:
        bias = convert(bias, dt)
    if scale is None:
        scale = 1.0 / tf.math.sqrt(tf.cast(k.shape[-1], tf.float32))
    logits_dt = result_type(dt, "float32")
    logits = _cast(tf.einsum("BTNH,BSNH->BNTS", q, k), logits_dt)
    logits = logits * tf.cast(scale, logits.dtype)
    if bias is not None:
        logits = logits + tf.cast(bias, logits.dtype)
    if mask is not None or is_causal:
        keep = tf.ones_like(logits, dtype=tf.bool)
        if mask is not None:
            keep = tf.logical_and(keep, _cast(convert(mask), "bool"))
        if is_causal:
            t_, s_ = logits.shape[2], logits.shape[3]
            causal = tf.linalg.band_part(tf.ones((t_, s_), tf.bool), -1, 0)
            keep = tf.logical_and(keep, causal[None, None])
        logits = tf.where(keep, logits, _large_negative(name_of(logits)))
    probs_dt = result_type(name_of(logits), "float32")
    probs = _cast(tf.nn.softmax(_cast(logits, probs_dt), axis=-1), dt)
    return tf.einsum("BNTS,BSNH->BTNH", probs, v)


def ctc_loss(target: Any, output: Any, target_length: Any, output_length: Any, mask_index: int = 0) -> Tensor:
    """Connectionist temporal classification loss per sample: ``-log p(target | output)``.

    ``target`` is ``(batch, max_label_length)`` int labels, ``output`` ``(batch, max_time, classes)``
    logits (softmax over classes is applied), ``mask_index`` the blank class. Computed exactly with
    the forward (alpha) recursion in log space; float64 input is computed in float32 and cast back,
    as Keras on TF. A label sequence that cannot fit its output length gives ``inf`` (TF returns a
    large finite penalty there, from its log(1e-307) stand-in for log(0)).

    Example:
        >>> round(float(ctc_loss([[1]], np.zeros((1, 1, 2), "float32"), [1], [1])[0]), 4)  # log(2)
        0.6931
    """
    t = _cast(convert(target), "int32")
    o = convert(output)
    res_dt = result_type(name_of(o), "float32")
    comp = "float32" if res_dt == "float64" else res_dt
    return _cast(_ctc(t, _cast(o, comp), target_length, output_length, mask_index), res_dt)


def _ctc(t: Tensor, logits: Tensor, target_length: Any, output_length: Any, mask_index: int) -> Tensor:
    """CTC negative log-likelihoods of int ``t`` under ``logits`` (batch, time, classes), in their dtype."""
    comp = name_of(logits)
    o = logits
    logp = tf.nn.log_softmax(logits, axis=-1)
    tl = [int(v) for v in np.asarray(convert(target_length)).reshape(-1)]
    ol = [int(v) for v in np.asarray(convert(output_length)).reshape(-1)]
    blank = mask_index % o.shape[-1]
    # unreachable states hold a large finite negative log-probability (not -inf: its logsumexp
    # gradient would be NaN); exp() of it is exactly 0, so reachable values are unchanged
    neg_inf = tf.constant(-1e30 if comp != "float16" else -6e4, comp)
    losses = []
    for b in range(o.shape[0]):
        labels = [int(v) for v in np.asarray(t[b])[:tl[b]]]
        ext = [blank]
        for lab in labels:
            ext += [lab, blank]
        ns = len(ext)
        # transitions from s-2 are allowed where the label differs from the one two back
        skip = np.array([s >= 2 and ext[s] != blank and ext[s] != ext[s - 2] for s in range(ns)])
        lp = tf.gather(logp[b], tf.constant(ext, tf.int32), axis=-1)  # (time, ns)
        init = np.full(ns, False)
        init[:2] = True
        alpha = tf.where(tf.constant(init[:ns]), lp[0], neg_inf)
        for step in range(1, ol[b]):
            prev1 = tf.concat([tf.reshape(neg_inf, [1]), alpha[:-1]], 0)
            prev2 = tf.concat([tf.fill([2], neg_inf), alpha[:-2]], 0)[:ns]
            prev2 = tf.where(tf.constant(skip), prev2, neg_inf)
            alpha = tf.math.reduce_logsumexp(tf.stack([alpha, prev1, prev2]), axis=0) + lp[step]
        tail = alpha[-2:] if ns > 1 else alpha[-1:]
        loss = -tf.math.reduce_logsumexp(tail)
        if float(loss) > -0.5 * float(neg_inf):  # the labels cannot fit the output length
            loss = loss + tf.constant(np.inf, comp)
        losses.append(loss)
    return tf.stack(losses)


def ctc_decode(inputs: Any, sequence_lengths: Any, strategy: str = "greedy", beam_width: int = 100,
               top_paths: int = 1, merge_repeated: bool = True, mask_index: int = 0) -> tuple:
    """Decode CTC outputs ``(batch, time, classes)``: returns the label sequences ``(1, batch, time)``
    (int32, padded with -1) and the scores ``(batch, 1)`` (minus the sum of the best logit per step).

    Only ``strategy="greedy"`` (best class per step, repeats merged, blanks removed) is supported;
    "beam_search" raises ``ValueError``.

    Example:
        >>> logits = np.log(np.array([[[0.1, 0.9], [0.1, 0.9], [0.9, 0.1], [0.2, 0.8]]], "float32"))
        >>> paths, scores = ctc_decode(logits, [4])
        >>> paths.numpy().tolist()
        [[[1, 1, -1, -1]]]
    """
    if strategy != "greedy":
        if strategy == "beam_search":
            raise ValueError("ctc_decode: strategy='beam_search' is not supported by tapeflow's keras.ops (use "
                             "'greedy')")
        raise ValueError(f"Invalid strategy {strategy}. Supported values are 'greedy' and 'beam_search'.")
    x = convert(inputs)
    x = _cast(x, result_type(name_of(x), "float32"))
    lengths = [int(v) for v in np.asarray(convert(sequence_lengths, "int32")).reshape(-1)]
    n, steps, classes = x.shape
    blank = mask_index % classes if mask_index is not None else classes - 1
    # TF's decoder wants the blank last: roll it there (ties then break as in TF), map labels back
    order = [c for c in range(classes) if c != blank] + [blank]
    rolled = tf.gather(x, tf.constant(order, tf.int32), axis=-1)
    best = tf.math.argmax(rolled, axis=-1, output_type=tf.int32).numpy()
    mx = tf.reduce_max(rolled, axis=-1)
    mask = tf.sequence_mask(tf.constant(lengths, tf.int32), steps, dtype=mx.dtype)
    scores = -tf.reduce_sum(mx * mask, axis=1, keepdims=True)
    rows = []
    for b in range(n):
        seq, prev = [], -1
        for t in range(lengths[b]):
            c = int(best[b, t])
            if c != classes - 1 and not (merge_repeated and c == prev):
                seq.append(order[c])
            prev = c
        rows.append(seq + [-1] * (steps - len(seq)))
    return tf.constant([rows], tf.int32), scores


__all__ = [
    "adaptive_average_pool", "adaptive_max_pool", "average_pool", "batch_normalization", "binary_crossentropy",
    "categorical_crossentropy", "celu", "conv", "conv_transpose", "ctc_decode", "ctc_loss", "depth_to_space", "depthwise_conv",
    "dot_product_attention", "elu", "fold", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish",
    "hard_tanh", "layer_normalization", "leaky_relu", "log_sigmoid", "log_softmax", "max_pool", "moments",
    "multi_hot", "normalize", "one_hot", "polar", "psnr", "relu", "relu6", "rms_normalization", "selu",
    "separable_conv", "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign", "space_to_depth",
    "sparse_categorical_crossentropy", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish",
    "tanh_shrink", "threshold", "unfold",
]

wrap_symbolic(globals(), __all__, skip=())
