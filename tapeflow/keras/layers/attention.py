"""Keras layers: EinsumDense, Attention, AdditiveAttention and MultiHeadAttention.

Masks follow Keras 3: a query mask zeroes (Attention) or is carried to (MultiHeadAttention)
the output; a value/key mask hides those positions from every query; ``use_causal_mask``
hides the future.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> mha = layers.MultiHeadAttention(num_heads=2, key_dim=4)
    >>> x = np.zeros((3, 5, 8), "float32")
    >>> mha(x, x).shape.as_list(), [tuple(w.shape) for w in mha.weights][:2]
    ([3, 5, 8], [(8, 2, 4), (2, 4)])
"""

from __future__ import annotations

import math
import re
import string
from typing import Any

import numpy as np

import tapeflow as tf

from ...tensor import Tensor, TensorShape
from .. import activations as _acts
from .. import initializers as _inits
from .. import regularizers as _regs
from .base import Layer, get_keras_mask, set_keras_mask
from .core import _ser

# --- EinsumDense ----------------------------------------------------------------------------------


def _einsum_shapes(equation: str, bias_axes: Any, input_shape: Any, output_shape: Any) -> tuple:
    """(kernel shape, bias shape or None, full output shape, kernel input axes, kernel output axes)
    for an EinsumDense equation ``in,kernel->out`` (``...`` allowed at the left or right end of
    the input and output)."""
    eq = equation.replace(" ", "")
    left = re.fullmatch(r"\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)", eq)
    right = re.fullmatch(r"([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.", eq)
    plain = re.fullmatch(r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", eq)
    m = plain or left or right
    if m is None:
        raise ValueError(f"Invalid einsum equation '{equation}'. Equations must be in the form [X],[Y]->[Z], "
                         "...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....")
    ins, ws, outs = m.group(1), m.group(2), m.group(3)
    input_shape = list(input_shape)
    n_el = len(input_shape) - len(ins)
    if n_el < 0 or (plain is not None and n_el != 0):
        raise ValueError(f"EinsumDense: the input of rank {len(input_shape)} does not match the equation "
                         f"'{equation}'")
    partial = [output_shape] if isinstance(output_shape, (int, np.integer)) else list(output_shape)
    full = [input_shape[0]] + partial
    is_left = left is not None and plain is None
    if n_el > 0 and is_left:
        full = [input_shape[0]] + input_shape[1:n_el] + partial
    elif n_el > 0:
        full = full + input_shape[len(input_shape) - n_el:]
    if is_left:
        in_pos = {c: i - len(ins) for i, c in enumerate(ins)}
        out_pos = {c: i + n_el for i, c in enumerate(outs)}
    else:
        in_pos = {c: i for i, c in enumerate(ins)}
        out_pos = {c: i for i, c in enumerate(outs)}
    for c in ins:
        if c in out_pos:
            o = full[out_pos[c]]
            if o is not None and o != input_shape[in_pos[c]]:
                raise ValueError(f"Input shape and output shape do not match at shared dimension '{c}'. Input shape is "
                                 f"{input_shape[in_pos[c]]}, and output shape is {o}.")
    for c in outs:
        if c not in ins and c not in ws:
            raise ValueError(f"Dimension '{c}' was specified in the output '{outs}' but has no corresponding dim in "
                             f"the input spec '{ins}' or weight spec '{ws}'")
    kshape, in_axes, out_axes = [], [], []
    for i, c in enumerate(ws):
        if c in out_pos:
            kshape.append(full[out_pos[c]])
            out_axes.append(i)
        elif c in in_pos:
            kshape.append(input_shape[in_pos[c]])
            in_axes.append(i)
        else:
            raise ValueError(f"Weight dimension '{c}' did not have a match in either the input spec '{ins}' or the "
                             f"output spec '{outs}'. For this layer, the weight must be fully specified.")
    bshape = None
    if bias_axes is not None:
        off = n_el if is_left else 0
        for c in bias_axes:
            if c not in outs:
                raise ValueError(f"Bias dimension '{c}' was requested, but is not part of the output spec '{outs}'")
        first = min(outs.find(c) for c in bias_axes)
        bshape = [full[i + off] if c in bias_axes else 1 for i, c in enumerate(outs) if i >= first]
        if not is_left:
            bshape += [1] * n_el
    return kshape, bshape, full, in_axes, out_axes


class EinsumDense(Layer):
    """A dense layer whose product is an einsum: ``einsum(equation, inputs, kernel) + bias``.

    Args:
        equation: ``"ab,bc->ac"``-style; the first operand is the input, the second the kernel
            (``...`` may stand for leading or trailing input axes).
        output_shape: the output shape without the batch axis (None for dims taken from the
            input); an int for a rank-2 output.
        activation: applied last (None: linear).
        bias_axes: the output letters that get a bias (None: no bias).
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        kernel_constraint, bias_constraint: as for Dense.

    Fan-based initializers see the kernel's input and output axes (as Keras 3): the fan-in of a
    ``(d, heads, key_dim)`` query kernel is ``d`` and its fan-out ``heads * key_dim``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layer = layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 4), bias_axes="de")
        >>> layer(np.zeros((3, 5, 6), "float32")).shape.as_list(), layer.kernel.shape.as_list()
        ([3, 5, 2, 4], [6, 2, 4])
    """

    def __init__(self, equation: str, output_shape: Any, activation: Any = None, bias_axes: str | None = None,
                 kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, kernel_constraint: Any = None,
                 bias_constraint: Any = None, lora_rank: Any = None, lora_alpha: Any = None,
                 quantization_config: Any = None, **kwargs: Any) -> None:
        if lora_rank or quantization_config is not None:
            raise ValueError("EinsumDense: LoRA and quantization are not supported by tapeflow "
                             "(lora_rank and quantization_config must be None)")
        super().__init__(**kwargs)
        if not isinstance(equation, str):
            raise ValueError(f"EinsumDense: equation must be a string, got {equation!r}")
        self.equation = equation
        self.partial_output_shape = ((int(output_shape),) if isinstance(output_shape, (int, np.integer))
                                     else tuple(output_shape))
        self.bias_axes = bias_axes
        self.activation = _acts.get(activation)
        self.kernel_initializer = _inits.get(kernel_initializer)
        self.bias_initializer = _inits.get(bias_initializer)
        self.kernel_regularizer = _regs.get(kernel_regularizer)
        self.bias_regularizer = _regs.get(bias_regularizer)
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.lora_rank = None
        self.lora_alpha = None
        self.supports_masking = False
        self._kernel = None
        self.bias = None

    @property
    def kernel(self) -> Any:
        """The kernel weight."""
        if self._kernel is None:
            raise AttributeError("You must build the layer before accessing `kernel`.")
        return self._kernel

    def build(self, input_shape: Any) -> None:
        shape = [None if d is None else int(d) for d in TensorShape(input_shape)]
        kshape, bshape, _, in_axes, out_axes = _einsum_shapes(self.equation, self.bias_axes, shape,
                                                              self.partial_output_shape)
        if any(d is None for d in kshape):
            raise ValueError(f"EinsumDense layer '{self.name}': the kernel shape {kshape} is not fully known for "
                             f"input shape {tuple(shape)}")
        init = self.kernel_initializer
        if isinstance(init, _inits.VarianceScaling):
            fan_in = int(np.prod([kshape[a] for a in in_axes], dtype=np.int64))
            fan_out = int(np.prod([kshape[a] for a in out_axes], dtype=np.int64))
            base = init

            def init(shape: Any, dtype: Any = None) -> Tensor:
                # the fans of the kernel's input and output axes (iid draws, reshaped)
                return tf.reshape(base((fan_in, fan_out), dtype=dtype), list(shape))

        self._kernel = self.add_weight(name="kernel", shape=tuple(kshape), initializer=init,
                                       regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        if bshape is not None:
            self.bias = self.add_weight(name="bias", shape=tuple(bshape), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self._spec = (len(shape), 0, ())
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = [None if d is None else int(d) for d in TensorShape(input_shape)]
        return tuple(_einsum_shapes(self.equation, self.bias_axes, shape, self.partial_output_shape)[2])

    def call(self, inputs: Any, training: Any = None) -> Tensor:
        x = tf.einsum(self.equation, inputs, self._kernel._read())
        if self.bias is not None:
            x = x + self.bias._read()
        if self.activation is not None and self.activation is not _acts.linear:
            x = self.activation(x)
        return x

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(output_shape=self.partial_output_shape, equation=self.equation,
                   activation=_acts.serialize(self.activation), bias_axes=self.bias_axes,
                   kernel_initializer=_ser(self.kernel_initializer), bias_initializer=_ser(self.bias_initializer),
                   kernel_regularizer=_ser(self.kernel_regularizer), bias_regularizer=_ser(self.bias_regularizer),
                   activity_regularizer=_ser(self.activity_regularizer),
                   kernel_constraint=_ser(self.kernel_constraint), bias_constraint=_ser(self.bias_constraint),
                   quantization_config=None)
        return cfg


# --- Attention / AdditiveAttention --------------------------------------------------------------


def _dropout(x: Tensor, rate: float, seed: Any) -> Tensor:
    if rate >= 1.0:
        return tf.zeros_like(x)
    return tf.nn.dropout(x, rate=rate, seed=seed)


class Attention(Layer):
    """Dot-product attention (Luong style): ``softmax(query @ key^T) @ value``.

    Called on ``[query, value]`` or ``[query, value, key]`` (key defaults to value), shapes
    ``(batch, Tq, dim)`` and ``(batch, Tv, dim)``.

    Args:
        use_scale: learn a scalar that multiplies the scores.
        score_mode: "dot" (``q @ k^T``) or "concat" (``sum(tanh(q + k))``, scaled).
        dropout: dropout rate of the attention weights (training only).
        seed: the dropout seed.

    Call arguments: ``mask=[query_mask, value_mask]``, ``training``,
    ``return_attention_scores``, ``use_causal_mask``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> q = np.array([[[1.0, 0.0]]], "float32"); v = np.array([[[1.0, 0.0], [0.0, 1.0]]], "float32")
        >>> out, w = layers.Attention()([q, v], return_attention_scores=True)
        >>> [round(p, 4) for p in w.numpy()[0, 0].tolist()]
        [0.7311, 0.2689]
    """

    def __init__(self, use_scale: bool = False, score_mode: str = "dot", dropout: float = 0.0,
                 seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if self.score_mode not in ("dot", "concat"):
            raise ValueError("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. "
                             f"Received: score_mode={score_mode}")
        self.scale = None
        self.concat_score_weight = None

    def _validate(self, inputs: Any, mask: Any = None) -> None:
        who = type(self).__name__
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"{who} layer must be called on a list of inputs, namely [query, value] or "
                             f"[query, value, key]. Received: inputs={inputs}.")
        if not 2 <= len(inputs) <= 3:
            raise ValueError(f"{who} layer accepts inputs list of length 2 or 3, namely [query, value] or "
                             f"[query, value, key]. Received length: {len(inputs)}.")
        if mask is not None:
            if not isinstance(mask, (list, tuple)):
                raise ValueError(f"{who} layer mask must be a list, namely [query_mask, value_mask]. "
                                 f"Received: mask={mask}.")
            if not 2 <= len(mask) <= 3:
                raise ValueError(f"{who} layer accepts mask list of length 2 or 3. Received: inputs={inputs}, "
                                 f"mask={mask}.")

    def build(self, input_shape: Any) -> None:
        self._validate(input_shape)
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(name="concat_score_weight", shape=(), initializer="ones")
        self.built = True

    def _scores(self, q: Tensor, k: Tensor) -> Tensor:
        if self.score_mode == "dot":
            s = tf.matmul(q, k, transpose_b=True)
            if self.scale is not None:
                s = s * self.scale._read()
            return s
        qk = tf.expand_dims(q, -2) + tf.expand_dims(k, -3)
        if self.scale is not None:
            qk = self.scale._read() * qk
        return self.concat_score_weight._read() * tf.reduce_sum(tf.tanh(qk), axis=-1)

    def call(self, inputs: Any, mask: Any = None, training: Any = False, return_attention_scores: bool = False,
             use_causal_mask: bool = False) -> Any:
        self._validate(inputs, mask)
        q = tf.convert_to_tensor(inputs[0])
        v = tf.convert_to_tensor(inputs[1])
        k = tf.convert_to_tensor(inputs[2]) if len(inputs) > 2 else v
        q_mask = mask[0] if mask else None
        v_mask = mask[1] if mask else None
        scores = self._scores(q, k)
        smask = None if v_mask is None else tf.cast(v_mask, tf.bool)
        if use_causal_mask:
            tq, tv = int(scores.shape[-2]), int(scores.shape[-1])
            causal = tf.constant(np.tril(np.ones((tq, tv), bool))[None])
            smask = causal if smask is None else tf.logical_and(tf.expand_dims(smask, -2), causal)
        if smask is not None:
            if smask.shape.ndims == 2:
                smask = tf.expand_dims(smask, -2)
            scores = tf.where(tf.logical_not(smask), scores - (65504.0 if scores.dtype == tf.float16 else 1e9),
                              scores)
        weights = tf.nn.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = _dropout(weights, self.dropout, self.seed)
        out = tf.matmul(weights, v)
        if q_mask is not None:
            out = tf.where(tf.expand_dims(tf.cast(q_mask, tf.bool), -1), out, tf.zeros_like(out))
        if return_attention_scores:
            return out, weights
        return out

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        self._validate(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return tf.convert_to_tensor(mask[0])

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return (*tuple(input_shape[0])[:-1], tuple(input_shape[1])[-1])

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(use_scale=self.use_scale, score_mode=self.score_mode, dropout=self.dropout, seed=self.seed)
        return cfg


class AdditiveAttention(Attention):
    """Additive attention (Bahdanau style): scores ``sum(scale * tanh(query + key), -1)``.

    Args:
        use_scale: learn a per-feature scale vector (default True).
        dropout: dropout rate of the attention weights.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> att = layers.AdditiveAttention()
        >>> att([np.zeros((2, 3, 4), "float32"), np.zeros((2, 5, 4), "float32")]).shape.as_list()
        [2, 3, 4]
    """

    def __init__(self, use_scale: bool = True, dropout: float = 0.0, **kwargs: Any) -> None:
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape: Any) -> None:
        self._validate(input_shape)
        dim = TensorShape(input_shape[0])[-1]
        if self.use_scale:
            if dim is None:
                raise ValueError(f"AdditiveAttention layer '{self.name}': the last query dimension must be known")
            self.scale = self.add_weight(name="scale", shape=(int(dim),), initializer="glorot_uniform")
        self.built = True

    def _scores(self, q: Tensor, k: Tensor) -> Tensor:
        t = tf.tanh(tf.expand_dims(q, -2) + tf.expand_dims(k, -3))
        if self.use_scale:
            t = self.scale._read() * t
        return tf.reduce_sum(t, axis=-1)

    def get_config(self) -> dict:
        cfg = super().get_config()
        del cfg["score_mode"]
        return cfg


# --- MultiHeadAttention ---------------------------------------------------------------------------


def _letters(n: int, start: int = 0) -> str:
    return string.ascii_lowercase[start:start + n]


def _proj_equation(free: int, bound: int, out: int) -> tuple:
    """(equation, bias letters, output rank) of a projection keeping ``free`` leading input axes,
    contracting ``bound`` axes with the kernel and adding ``out`` kernel axes."""
    f = _letters(free)
    b = _letters(bound, free)
    o = _letters(out, free + bound)
    return f"{f}{b},{b}{o}->{f}{o}", o, free + out


def _attention_equations(rank: int, attn_axes: tuple) -> tuple:
    """The einsums of attention on projected tensors of ``rank`` (batch..., attention axes...,
    heads, head size): (key x query -> scores, scores x value -> output, scores rank)."""
    target = _letters(rank)
    batch = [i for i in range(rank - 1) if i not in attn_axes]
    extra = iter(_letters(len(attn_axes), rank))
    source = "".join(target[i] if i in batch or i == rank - 1 else next(extra) for i in range(rank))
    product = "".join([target[i] for i in batch] + [target[i] for i in attn_axes] + [source[i] for i in attn_axes])
    return f"{source},{target}->{product}", f"{product},{source}->{target}", len(product)


class MultiHeadAttention(Layer):
    """Multi-head attention as in "Attention Is All You Need" (Keras 3's layer and weights).

    The query, key and value are projected per head by ``EinsumDense`` sublayers named "query",
    "key", "value" (kernels ``(dim, num_heads, key_dim)``, biases ``(num_heads, key_dim)``),
    attention runs over ``attention_axes`` (the sequence axis by default) and the heads are
    merged by "attention_output" (kernel ``(num_heads, value_dim, out_dim)``), so the weights
    are interchangeable with Keras's (``set_weights``).

    Args:
        num_heads, key_dim: the number of heads and the size of each for query and key.
        value_dim: the size of each value head (default ``key_dim``).
        dropout: dropout rate of the attention probabilities.
        use_bias: biases in the projections.
        output_shape: the last dims of the output (default the query's last dim).
        attention_axes: the axes attention runs over (default all but batch, heads, features).
        sliding_window: attend only to positions less than this far away.
        use_gate: a sigmoid gate (projected from the query) on each head's output.
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint, seed: as for Dense.

    Call arguments: ``query, value, key=None, attention_mask=None,
    return_attention_scores=False, training=None, use_causal_mask=False``; masks attached to
    ``query``/``value``/``key`` (by Embedding(mask_zero=True) or Masking) are used.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> mha = layers.MultiHeadAttention(num_heads=2, key_dim=3)
        >>> out, scores = mha(np.zeros((1, 4, 6), "float32"), np.zeros((1, 5, 6), "float32"),
        ...                   return_attention_scores=True)
        >>> out.shape.as_list(), scores.shape.as_list()
        ([1, 4, 6], [1, 2, 4, 5])
    """

    def __init__(self, num_heads: int, key_dim: int, value_dim: int | None = None, dropout: float = 0.0,
                 use_bias: bool = True, output_shape: Any = None, attention_axes: Any = None,
                 sliding_window: int | None = None, flash_attention: Any = None,
                 kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, bias_constraint: Any = None, use_gate: bool = False,
                 seed: int | None = None, **kwargs: Any) -> None:
        if not isinstance(num_heads, (int, np.integer)) or isinstance(num_heads, bool) or num_heads <= 0:
            raise ValueError("Received an invalid value for argument `num_heads`, expected a positive integer. "
                             f"Received: num_heads={num_heads}")
        if not isinstance(key_dim, (int, np.integer)) or isinstance(key_dim, bool) or key_dim <= 0:
            raise ValueError("Received an invalid value for argument `key_dim`, expected a positive integer. "
                             f"Received: key_dim={key_dim}")
        if value_dim is not None and (not isinstance(value_dim, (int, np.integer)) or value_dim <= 0):
            raise ValueError("Received an invalid value for argument `value_dim`, expected a positive integer or "
                             f"`None`. Received: value_dim={value_dim}")
        if flash_attention:
            raise ValueError("Flash attention is not supported in tensorflow backend.")
        super().__init__(**kwargs)
        self.supports_masking = True
        self._num_heads = int(num_heads)
        self._key_dim = int(key_dim)
        self._value_dim = int(value_dim) if value_dim else int(key_dim)
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            if isinstance(output_shape, (int, np.integer)):
                output_shape = (int(output_shape),)
            try:
                output_shape = tuple(output_shape)
            except TypeError:
                raise ValueError(f"Invalid `output_shape`: {output_shape}. When specified, the `output_shape` should "
                                 "be of type tuple, list, or int.") from None
        self._output_shape = output_shape or None
        self._flash_attention = False
        self._kernel_initializer = _inits.get(kernel_initializer)
        self._bias_initializer = _inits.get(bias_initializer)
        self._kernel_regularizer = _regs.get(kernel_regularizer)
        self._bias_regularizer = _regs.get(bias_regularizer)
        self._activity_regularizer = _regs.get(activity_regularizer)
        self._kernel_constraint = kernel_constraint
        self._bias_constraint = bias_constraint
        if isinstance(attention_axes, (int, np.integer)):
            attention_axes = (int(attention_axes),)
        elif attention_axes and not isinstance(attention_axes, (list, tuple)):
            raise ValueError(f"`attention_axes` must be an int, list, or tuple.Received: attention_axes={attention_axes}")
        self._attention_axes = tuple(attention_axes) if attention_axes else None
        if sliding_window is not None and (not isinstance(sliding_window, (int, np.integer)) or sliding_window <= 0):
            raise ValueError("`sliding_window` must be `None` or a positive integer. Received: "
                             f"sliding_window={sliding_window}")
        self._sliding_window = sliding_window
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(self._key_dim))
        # sublayers, made in build (in Keras's weight order)
        self._query_dense = None
        self._key_dense = None
        self._gate_dense = None
        self._value_dense = None
        self._output_dense = None

    # -- properties ---------------------------------------------------------------------------------
    @property
    def num_heads(self) -> int:
        return self._num_heads

    @property
    def key_dim(self) -> int:
        return self._key_dim

    @property
    def value_dim(self) -> int:
        return self._value_dim

    @property
    def dropout(self) -> float:
        return self._dropout

    @property
    def use_bias(self) -> bool:
        return self._use_bias

    @property
    def attention_axes(self) -> Any:
        return self._attention_axes

    @property
    def query_dense(self) -> Any:
        return self._query_dense

    @property
    def key_dense(self) -> Any:
        return self._key_dense

    @property
    def value_dense(self) -> Any:
        return self._value_dense

    @property
    def output_dense(self) -> Any:
        return self._output_dense

    # -- build ----------------------------------------------------------------------------------------
    def _sub_kwargs(self) -> dict:
        return dict(kernel_regularizer=self._kernel_regularizer, bias_regularizer=self._bias_regularizer,
                    activity_regularizer=self._activity_regularizer, kernel_constraint=self._kernel_constraint,
                    bias_constraint=self._bias_constraint, dtype=self.dtype,
                    kernel_initializer=type(self._kernel_initializer).from_config(
                        self._kernel_initializer.get_config()),
                    bias_initializer=type(self._bias_initializer).from_config(self._bias_initializer.get_config()))

    def _proj(self, rank: int, last: list, name: str, **extra: Any) -> EinsumDense:
        eq, bias, out_rank = _proj_equation(rank - 1, 1, 2)
        return EinsumDense(eq, output_shape=[None] * (out_rank - 1 - len(last)) + last,
                           bias_axes=bias if self._use_bias else None, name=name, **extra, **self._sub_kwargs())

    def build(self, query_shape: Any, value_shape: Any = None, key_shape: Any = None) -> None:
        if value_shape is None:
            # called with the query shape only (the layer is built on its first call, when the
            # value and key shapes are known)
            return
        q = tuple(TensorShape(query_shape))
        v = tuple(TensorShape(value_shape))
        k = v if key_shape is None else tuple(TensorShape(key_shape))
        self._build_shapes_dict = {"query_shape": (None,) + q[1:], "value_shape": (None,) + v[1:]}
        if k != v:
            self._build_shapes_dict["key_shape"] = (None,) + k[1:]
        if v[1:-1] != k[1:-1]:
            raise ValueError("All dimensions of `value` and `key`, except the last one, must be equal. Received: "
                             f"value_shape={v} and key_shape={k}")
        self._query_dense = self._proj(len(q), [self._num_heads, self._key_dim], "query")
        self._query_dense._build_with_shapes(TensorShape(q))
        self._key_dense = self._proj(len(k), [self._num_heads, self._key_dim], "key")
        self._key_dense._build_with_shapes(TensorShape(k))
        if self._use_gate:
            self._gate_dense = self._proj(len(q), [self._num_heads, self._value_dim], "gate", activation="sigmoid")
            self._gate_dense._build_with_shapes(TensorShape(q))
        self._value_dense = self._proj(len(v), [self._num_heads, self._value_dim], "value")
        self._value_dense._build_with_shapes(TensorShape(v))
        rank = len(v) + 1
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            self._attention_axes = tuple(a if a >= 0 else rank - 1 + a for a in self._attention_axes)
        self._dot_product_equation, self._combine_equation, n = _attention_equations(rank, self._attention_axes)
        self._norm_axes = tuple(range(n - len(self._attention_axes), n))
        out = list(self._output_shape) if self._output_shape else [q[-1]]
        eq, bias, out_rank = _proj_equation(len(q) - 1, 2, len(out))
        self._output_dense = EinsumDense(eq, output_shape=[None] * (out_rank - 1 - len(out)) + out,
                                         bias_axes=bias if self._use_bias else None, name="attention_output",
                                         **self._sub_kwargs())
        shp = list(self._query_dense.compute_output_shape(q))
        shp[-1] = self._value_dim
        self._output_dense._build_with_shapes(TensorShape(shp))
        self.built = True

    def get_build_config(self) -> dict | None:
        """Keras 3's ``{"shapes_dict": {"query_shape": ..., "value_shape": ...}}`` once built.

        Example:
            >>> import numpy as np
            >>> mha = MultiHeadAttention(num_heads=2, key_dim=2)
            >>> x = np.zeros((1, 3, 4), "float32"); _ = mha(x, x)
            >>> mha.get_build_config()
            {'shapes_dict': {'query_shape': (None, 3, 4), 'value_shape': (None, 3, 4)}}
        """
        shapes = getattr(self, "_build_shapes_dict", None)
        return None if shapes is None else {"shapes_dict": dict(shapes)}

    def build_from_config(self, config: dict | None) -> None:
        """Build from ``get_build_config()``'s output (``shapes_dict``, or one ``input_shape``)."""
        if not config or self.built:
            return
        if "shapes_dict" in config:
            self.build(**{k: tuple(v) for k, v in config["shapes_dict"].items()})
        elif config.get("input_shape") is not None:
            shape = tuple(config["input_shape"])
            self.build(shape, shape)

    # -- masks ----------------------------------------------------------------------------------------
    def _causal(self, tq: int, tv: int) -> Tensor:
        return tf.constant(np.tril(np.ones((tq, tv), bool))[None])

    def _window(self, tq: int, tv: int) -> Tensor:
        i = np.arange(tq)[:, None]
        j = np.arange(tv)[None, :]
        return tf.constant((np.abs(i - j) < self._sliding_window)[None])

    def _compute_attention_mask(self, query: Tensor, value: Tensor, query_mask: Any = None, value_mask: Any = None,
                                key_mask: Any = None, attention_mask: Any = None,
                                use_causal_mask: bool = False) -> Any:
        auto = None
        if query_mask is not None:
            auto = tf.expand_dims(tf.cast(query_mask, tf.bool), -1)
        for m in (value_mask, key_mask):
            if m is not None:
                m = tf.expand_dims(tf.cast(m, tf.bool), -2)
                auto = m if auto is None else tf.logical_and(auto, m)
        tq, tv = int(query.shape[1]), int(value.shape[1])
        if use_causal_mask:
            c = self._causal(tq, tv)
            auto = c if auto is None else tf.logical_and(auto, c)
        if self._sliding_window is not None:
            w = self._window(tq, tv)
            auto = w if auto is None else tf.logical_and(auto, w)
        if attention_mask is not None:
            attention_mask = tf.cast(attention_mask, tf.bool)
        if auto is not None:
            attention_mask = auto if attention_mask is None else tf.logical_and(attention_mask, auto)
        return attention_mask

    def _expand_mask(self, mask: Tensor, rank: int) -> Tensor:
        axis = -len(self._attention_axes) * 2 - 1
        while mask.shape.ndims < rank:
            mask = tf.expand_dims(mask, axis)
        return mask

    def _softmax(self, scores: Tensor, mask: Any) -> Tensor:
        """Softmax over the attention axes (Keras's Softmax layer: masked scores are set to -1e9
        and their probabilities to 0)."""
        if mask is not None:
            mask = tf.broadcast_to(self._expand_mask(tf.cast(mask, tf.bool), scores.shape.ndims), tf.shape(scores))
            big = -30000.0 if scores.dtype == tf.float16 else -1e9
            scores = tf.where(mask, scores, tf.constant(big, scores.dtype))
        axes = self._norm_axes
        if len(axes) > 1:
            probs = tf.exp(scores - tf.reduce_logsumexp(scores, axis=list(axes), keepdims=True))
        else:
            probs = tf.nn.softmax(scores, axis=axes[0])
        if mask is not None:
            probs = tf.where(mask, probs, tf.zeros_like(probs))
        return probs

    def _compute_attention(self, query: Tensor, key: Tensor, value: Tensor, attention_mask: Any = None,
                           training: Any = None, return_attention_scores: bool = False,
                           use_causal_mask: bool = False) -> tuple:
        fused = not (self._dropout > 0.0 or return_attention_scores or query.shape.ndims != 4)
        if fused:
            # Keras's dot_product_attention path: masked logits become -0.7 * float32 max
            # (fully masked rows stay uniform, not zero)
            logits = tf.einsum("BTNH,BSNH->BNTS", query, key) * tf.cast(self._inverse_sqrt_key_dim, query.dtype)
            mask = None
            if attention_mask is not None:
                mask = self._expand_mask(tf.cast(attention_mask, tf.bool), 4)
            if use_causal_mask:
                c = self._causal(int(logits.shape[2]), int(logits.shape[3]))[None]
                mask = c if mask is None else tf.logical_and(mask, c)
            if mask is not None:
                mask = tf.broadcast_to(mask, tf.shape(logits))
                big = -0.7 * (65500.0 if logits.dtype == tf.float16 else 3.38953e38)
                logits = tf.where(mask, logits, tf.constant(big, logits.dtype))
            probs = tf.nn.softmax(logits, axis=-1)
            return tf.einsum("BNTS,BSNH->BTNH", probs, value), None
        if use_causal_mask:
            c = self._causal(int(query.shape[1]), int(value.shape[1]))
            attention_mask = c if attention_mask is None else tf.logical_and(tf.cast(attention_mask, tf.bool), c)
        query = query * tf.cast(self._inverse_sqrt_key_dim, query.dtype)
        scores = tf.einsum(self._dot_product_equation, key, query)
        scores = self._softmax(scores, attention_mask)
        final = scores
        if training and self._dropout > 0.0:
            final = _dropout(scores, self._dropout, self.seed)
        return tf.einsum(self._combine_equation, final, value), scores

    # -- call ---------------------------------------------------------------------------------------
    def call(self, query: Any, value: Any, key: Any = None, query_mask: Any = None, value_mask: Any = None,
             key_mask: Any = None, attention_mask: Any = None, return_attention_scores: bool = False,
             training: Any = None, use_causal_mask: bool = False) -> Any:
        query = tf.convert_to_tensor(query)
        value = tf.convert_to_tensor(value)
        key = value if key is None else tf.convert_to_tensor(key)
        if self._query_dense is None:
            self.build(query.shape, value.shape, key.shape)
        query_mask = get_keras_mask(query)
        for t in (query, value, key):
            set_keras_mask(t, None)
        causal_only = (use_causal_mask and query_mask is None and value_mask is None and key_mask is None
                       and attention_mask is None and self._sliding_window is None
                       and type(self)._compute_attention is MultiHeadAttention._compute_attention)
        if causal_only:
            attention_mask = None
        else:
            attention_mask = self._compute_attention_mask(query, value, query_mask=query_mask, value_mask=value_mask,
                                                          key_mask=key_mask, attention_mask=attention_mask,
                                                          use_causal_mask=use_causal_mask)
        gate = self._gate_dense(query) if self._use_gate else None
        q = self._query_dense(query)
        k = self._key_dense(key)
        v = self._value_dense(value)
        extra = {"use_causal_mask": True} if causal_only else {}
        out, scores = self._compute_attention(q, k, v, attention_mask, training, return_attention_scores, **extra)
        if gate is not None:
            out = out * gate
        out = self._output_dense(out)
        if query_mask is not None:
            set_keras_mask(out, query_mask)
        if return_attention_scores:
            return out, scores
        return out

    def compute_output_shape(self, query_shape: Any, value_shape: Any = None, key_shape: Any = None) -> tuple:
        q = tuple(query_shape)
        if value_shape is not None:
            v = tuple(value_shape)
            k = v if key_shape is None else tuple(key_shape)
            if v[1:-1] != k[1:-1]:
                raise ValueError("All dimensions of `value` and `key`, except the last one, must be equal. "
                                 f"Received: value_shape={v} and key_shape={k}")
        if self._output_shape:
            return q[:-1] + tuple(self._output_shape)
        return q

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(num_heads=self._num_heads, key_dim=self._key_dim, value_dim=self._value_dim,
                   dropout=self._dropout, use_bias=self._use_bias, use_gate=self._use_gate,
                   output_shape=self._output_shape, attention_axes=self._attention_axes,
                   sliding_window=self._sliding_window, kernel_initializer=_ser(self._kernel_initializer),
                   bias_initializer=_ser(self._bias_initializer), kernel_regularizer=_ser(self._kernel_regularizer),
                   bias_regularizer=_ser(self._bias_regularizer),
                   activity_regularizer=_ser(self._activity_regularizer),
                   kernel_constraint=_ser(self._kernel_constraint), bias_constraint=_ser(self._bias_constraint),
                   seed=self.seed)
        return cfg


__all__ = ["EinsumDense", "Attention", "AdditiveAttention", "MultiHeadAttention"]
