"""keras.layers: outputs against NumPy, weights, training behaviour, losses, errors."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers

RNG = np.random.default_rng(0)


def rand(*shape, dtype="float32"):
    return RNG.standard_normal(shape).astype(dtype)


# --- Dense ----------------------------------------------------------------------------------


def test_dense_matches_numpy_and_weight_order():
    d = layers.Dense(3, activation="relu")
    x = rand(4, 5)
    y = d(x)
    assert [w.name for w in d.weights] == ["kernel", "bias"]
    k, b = d.get_weights()
    assert k.shape == (5, 3) and b.shape == (3,)
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), np.maximum(x @ k + b, 0), rtol=1e-5, atol=1e-6)


def test_dense_rank3_input_and_no_bias():
    d = layers.Dense(2, use_bias=False, kernel_initializer="ones")
    x = rand(2, 3, 4)
    np.testing.assert_allclose(d(x).numpy(), x @ np.ones((4, 2), "float32"), rtol=1e-6)
    assert len(d.weights) == 1


def test_dense_softmax_sets_keras_logits():
    d = layers.Dense(4, activation="softmax")
    x = rand(3, 2)
    y = d(x)
    k, b = d.get_weights()
    logits = x @ k + b
    np.testing.assert_allclose(y._keras_logits.numpy(), logits, rtol=1e-5, atol=1e-6)
    e = np.exp(logits - logits.max(-1, keepdims=True))
    np.testing.assert_allclose(y.numpy(), e / e.sum(-1, keepdims=True), rtol=1e-5, atol=1e-6)


def test_dense_casts_inputs_to_float32():
    d = layers.Dense(2)
    assert d(np.ones((1, 3), np.float64)).dtype == tf.float32
    assert d(np.ones((1, 3), np.int64)).dtype == tf.float32
    assert d(tf.constant(np.ones((1, 3), np.float64))).dtype == tf.float32


def test_dense_wrong_input_size_is_a_clear_error():
    d = layers.Dense(2, name="probe_dense")
    d(np.ones((1, 3), "float32"))
    # Keras 3's input-spec message
    with pytest.raises(ValueError, match=r"probe_dense.*expected axis -1 of input shape to have value 3.*\(1, 5\)"):
        d(np.ones((1, 5), "float32"))
    with pytest.raises(ValueError, match="min_ndim=2"):
        d(np.ones((3,), "float32"))


def test_dense_bad_units():
    with pytest.raises(ValueError, match="units"):
        layers.Dense(0)


def test_dense_float64_gradcheck_order2():
    d = layers.Dense(3, activation="tanh", dtype="float64")
    d.build(tf.TensorShape([None, 4]))
    assert d.kernel.dtype == tf.float64
    check_grads(lambda x: d(x), [RNG.standard_normal((2, 4))], order=2)


def test_gradients_reach_kernel_and_bias():
    d = layers.Dense(2)
    x = tf.constant(rand(5, 3))
    with tf.GradientTape() as t:
        y = tf.reduce_sum(d(x))
    gk, gb = t.gradient(y, d.trainable_weights)
    np.testing.assert_allclose(gk.numpy(), np.repeat(x.numpy().sum(0)[:, None], 2, 1), rtol=1e-5)
    np.testing.assert_allclose(gb.numpy(), [5.0, 5.0])


# --- layer base -----------------------------------------------------------------------------


class Probe(layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.seen_training = "unset"
        self.build_shapes = []

    def build(self, input_shape):
        self.build_shapes.append(tuple(input_shape))
        self.w = self.add_weight(name="w", shape=(input_shape[-1],), initializer="ones")

    def call(self, x, training=None):
        self.seen_training = training
        return x * self.w


def test_auto_names_are_numbered():
    a, b = Probe(), Probe()
    assert b.name == a.name + "_1" or b.name.rsplit("_", 1)[0] == a.name.rsplit("_", 1)[0]
    assert a.name.startswith("probe")
    assert layers.BatchNormalization().name.startswith("batch_normalization")
    assert layers.Conv2D(1, 1).name.startswith("conv2d")
    assert layers.MaxPooling2D().name.startswith("max_pooling2d")
    with pytest.raises(ValueError):
        layers.Dense(1, name="a/b")


def test_lazy_build_once_with_input_shape():
    p = Probe()
    assert not p.built
    p(np.ones((2, 3), "float32"))
    p(np.ones((4, 3), "float32"))
    assert p.built and p.build_shapes == [(2, 3)]


def test_training_passed_only_when_accepted_and_propagated():
    p = Probe()
    p(np.ones((1, 2), "float32"), training=True)
    assert p.seen_training is True
    p(np.ones((1, 2), "float32"))
    assert p.seen_training is None

    class Outer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.inner = Probe()

        def call(self, x):  # no training argument: the flag still reaches sub-layers
            return self.inner(x)

    o = Outer()
    o(np.ones((1, 2), "float32"), training=True)
    assert o.inner.seen_training is True
    o(np.ones((1, 2), "float32"), training=False)
    assert o.inner.seen_training is False


def test_unknown_kwargs_rejected():
    with pytest.raises(TypeError, match="unrecognized"):
        layers.Dense(2, bogus=1)


def test_trainable_toggle_moves_weights():
    d = layers.Dense(2)
    d(np.ones((1, 3), "float32"))
    d.trainable = False
    assert d.trainable_weights == [] and len(d.non_trainable_weights) == 2
    d.trainable = True
    assert len(d.trainable_weights) == 2 and d.non_trainable_weights == []


def test_nested_layers_tracked_in_attribute_order():
    class Block(layers.Layer):
        def __init__(self):
            super().__init__()
            self.first = layers.Dense(3, name="blk_first")
            self.rest = [layers.Dense(2, name="blk_a"), layers.Dense(1, name="blk_b")]

        def call(self, x):
            x = self.first(x)
            for lay in self.rest:
                x = lay(x)
            return x

    b = Block()
    b(np.ones((1, 4), "float32"))
    assert [w._path for w in b.weights] == [
        "blk_first/kernel", "blk_first/bias", "blk_a/kernel", "blk_a/bias", "blk_b/kernel", "blk_b/bias"]
    b.rest[0].trainable = False
    assert [w._path for w in b.trainable_weights] == [
        "blk_first/kernel", "blk_first/bias", "blk_b/kernel", "blk_b/bias"]
    assert b.count_params() == 4 * 3 + 3 + 3 * 2 + 2 + 2 + 1


def test_get_set_weights_checks_shapes():
    d = layers.Dense(2, name="sw")
    d(np.ones((1, 3), "float32"))
    d.set_weights([np.ones((3, 2)), np.arange(2)])
    np.testing.assert_array_equal(d.bias.numpy(), [0.0, 1.0])
    assert d.get_weights()[0].dtype == np.float32
    with pytest.raises(ValueError, match=r"sw.*kernel.*\(3, 2\).*\(2, 3\)"):
        d.set_weights([np.ones((2, 3)), np.zeros(2)])
    with pytest.raises(ValueError, match="2 arrays"):
        d.set_weights([np.ones((3, 2))])


def test_count_params_needs_build():
    with pytest.raises(ValueError, match="isn't built"):
        layers.Dense(2).count_params()


def test_add_weight_keras3_order_and_dtype():
    lay = layers.Layer()
    w = lay.add_weight((2, 2), initializer="zeros", name="z")
    assert w.name == "z" and w.shape == (2, 2)
    i = lay.add_weight(name="count", shape=(), dtype="int32", trainable=False)
    assert i.dtype == tf.int32 and int(i.numpy()) == 0
    assert lay.trainable_weights == [w] and lay.non_trainable_weights == [i]


def test_regularization_losses_are_differentiable_and_recomputed():
    d = layers.Dense(2, kernel_regularizer=keras.regularizers.L2(0.1), bias_regularizer="l1",
                     activity_regularizer=keras.regularizers.L2(0.5))
    x = rand(3, 2)
    with tf.GradientTape() as t:
        y = d(x)
        losses = d.losses
        total = tf.add_n(losses) if hasattr(tf, "add_n") else losses[0] + losses[1] + losses[2]
    k = d.kernel.numpy()
    assert len(losses) == 3
    np.testing.assert_allclose(float(losses[1]), 0.1 * (k ** 2).sum(), rtol=1e-5)
    # Keras 3 divides the activity penalty by the batch size (3 here)
    np.testing.assert_allclose(float(losses[0]), 0.5 * (y.numpy() ** 2).sum() / 3, rtol=1e-5)
    gk = t.gradient(total, d.kernel)
    assert gk is not None
    # d/dk of the activity term plus the weight penalty
    dy = 2 * 0.5 * y.numpy() / 3
    np.testing.assert_allclose(gk.numpy(), x.T @ dy + 0.2 * k, rtol=1e-4, atol=1e-5)
    d(x)
    assert len(d.losses) == 3  # activity loss replaced, not accumulated


def test_add_loss_cleared_each_call():
    class L(layers.Layer):
        def call(self, x):
            self.add_loss(tf.reduce_sum(x))
            return x

    lay = L()
    lay(np.ones((2,), "float32"))
    lay(np.ones((3,), "float32"))
    assert [float(v) for v in lay.losses] == [3.0]


def test_layer_errors_name_the_layer():
    class Bad(layers.Layer):
        def call(self, x):
            return tf.matmul(x, tf.ones([7, 2]))

    # Keras 3's report: the class whose call failed, the message, the arguments received
    with pytest.raises(ValueError, match=r"(?s)calling Bad\.call\(\).*matmul.*x=tf\.Tensor\(shape=\(2, 3\)"):
        Bad()(np.ones((2, 3), "float32"))


# --- simple layers ----------------------------------------------------------------------------


def test_activation_flatten_reshape():
    x = rand(2, 3, 4)
    np.testing.assert_allclose(layers.Activation("relu")(x).numpy(), np.maximum(x, 0))
    np.testing.assert_array_equal(layers.Flatten()(x).numpy(), x.reshape(2, 12))
    np.testing.assert_array_equal(layers.Reshape((4, 3))(x).numpy(), x.reshape(2, 4, 3))
    np.testing.assert_array_equal(layers.Reshape((-1, 2))(x).numpy(), x.reshape(2, 6, 2))
    with pytest.raises(ValueError, match=r"cannot reshape.*\(2, 3, 4\)"):
        layers.Reshape((5,))(x)


def test_dropout_training_and_inference():
    x = np.ones((200, 50), "float32")
    drop = layers.Dropout(0.25)
    np.testing.assert_array_equal(drop(x).numpy(), x)
    np.testing.assert_array_equal(drop(x, training=False).numpy(), x)
    tf.random.set_seed(5)
    y = drop(x, training=True).numpy()
    assert set(np.unique(y)) <= {0.0, np.float32(1 / 0.75)}
    assert 0.2 < (y == 0).mean() < 0.3
    tf.random.set_seed(5)
    np.testing.assert_array_equal(drop(x, training=True).numpy(), y)
    with pytest.raises(ValueError):
        layers.Dropout(1.5)


def test_rescaling_uint8():
    y = layers.Rescaling(1 / 255)(np.array([[0, 255]], np.uint8))
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), [[0.0, 1.0]])


# --- convolution and pooling ------------------------------------------------------------------


def naive_conv(x, k, stride, pad, dil=(1, 1)):
    n, h, w, c = x.shape
    kh, kw, _, f = k.shape
    ekh, ekw = (kh - 1) * dil[0] + 1, (kw - 1) * dil[1] + 1
    if pad == "same":
        oh, ow = -(-h // stride[0]), -(-w // stride[1])
        ph = max((oh - 1) * stride[0] + ekh - h, 0)
        pw = max((ow - 1) * stride[1] + ekw - w, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        oh, ow = (h - ekh) // stride[0] + 1, (w - ekw) // stride[1] + 1
    out = np.zeros((n, oh, ow, f))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    pix = x[:, i * stride[0] + a * dil[0], j * stride[1] + b * dil[1], :]
                    out[:, i, j, :] += pix @ k[a, b]
    return out


@pytest.mark.parametrize("pad,stride,dil", [("valid", (1, 1), (1, 1)), ("same", (1, 1), (1, 1)),
                                            ("same", (2, 2), (1, 1)), ("valid", (2, 1), (1, 1)),
                                            ("same", (1, 1), (2, 2))])
def test_conv2d_matches_naive_loop(pad, stride, dil):
    conv = layers.Conv2D(4, (3, 2), strides=stride, padding=pad, dilation_rate=dil)
    x = rand(2, 7, 6, 3)
    y = conv(x)
    k, b = conv.get_weights()
    assert k.shape == (3, 2, 3, 4)
    np.testing.assert_allclose(y.numpy(), naive_conv(x, k, stride, pad, dil) + b, rtol=1e-4, atol=1e-5)


def test_conv2d_channels_first_and_relu():
    conv = layers.Conv2D(2, 3, data_format="channels_first", activation="relu")
    x = rand(1, 3, 5, 5)
    y = conv(x)
    k, b = conv.get_weights()
    ref = np.maximum(naive_conv(x.transpose(0, 2, 3, 1), k, (1, 1), "valid") + b, 0).transpose(0, 3, 1, 2)
    np.testing.assert_allclose(y.numpy(), ref, rtol=1e-4, atol=1e-5)


def test_conv2d_wrong_channels():
    conv = layers.Conv2D(2, 3, name="probe_conv")
    conv(np.zeros((1, 5, 5, 3), "float32"))
    with pytest.raises(ValueError, match="probe_conv"):
        conv(np.zeros((1, 5, 5, 4), "float32"))
    with pytest.raises(ValueError, match="ndim=4"):
        conv(np.zeros((5, 5, 3), "float32"))


def test_pooling_matches_numpy():
    x = rand(2, 4, 6, 3)
    mp = layers.MaxPooling2D()(x).numpy()
    ap = layers.AveragePooling2D()(x).numpy()
    blocks = x.reshape(2, 2, 2, 3, 2, 3)
    np.testing.assert_allclose(mp, blocks.max(axis=(2, 4)))
    np.testing.assert_allclose(ap, blocks.mean(axis=(2, 4)), rtol=1e-6)
    assert layers.MaxPooling2D(pool_size=3, strides=1, padding="same")(x).shape == (2, 4, 6, 3)
    assert layers.AveragePooling2D(pool_size=(2, 3))(x).shape == (2, 2, 2, 3)
    np.testing.assert_allclose(layers.GlobalAveragePooling2D()(x).numpy(), x.mean(axis=(1, 2)), rtol=1e-6)
    assert layers.GlobalAveragePooling2D(keepdims=True)(x).shape == (2, 1, 1, 3)
    np.testing.assert_allclose(layers.GlobalMaxPooling2D()(x).numpy(), x.max(axis=(1, 2)))


# --- normalization ------------------------------------------------------------------------------


def test_batchnorm_training_inference_and_moving_update():
    bn = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)
    x = rand(8, 3) * 2 + 1
    y = bn(x, training=True).numpy()
    mean, var = x.mean(0), x.var(0)
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.1 * mean, rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.numpy(), 0.9 + 0.1 * var, rtol=1e-5)
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [w.name for w in bn.non_trainable_weights] == ["moving_mean", "moving_variance"]
    # inference uses the moving statistics and leaves them alone
    mm = bn.moving_mean.numpy()
    y2 = bn(x).numpy()
    np.testing.assert_allclose(y2, (x - mm) / np.sqrt(bn.moving_variance.numpy() + 1e-3), rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), mm)
    # frozen BN runs in inference mode even with training=True
    bn.trainable = False
    np.testing.assert_allclose(bn(x, training=True).numpy(), y2, rtol=1e-6)
    np.testing.assert_array_equal(bn.moving_mean.numpy(), mm)


def test_batchnorm_conv_axis_and_channels_first():
    x = rand(4, 3, 3, 2)
    bn = layers.BatchNormalization(epsilon=0.0)
    y = bn(x, training=True).numpy()
    np.testing.assert_allclose(y.mean(axis=(0, 1, 2)), 0, atol=1e-5)
    np.testing.assert_allclose(y.var(axis=(0, 1, 2)), 1, rtol=1e-3)
    bn1 = layers.BatchNormalization(axis=1, epsilon=0.0)
    z = bn1(x, training=True).numpy()
    assert bn1.gamma.shape == (3,)
    np.testing.assert_allclose(z.mean(axis=(0, 2, 3)), 0, atol=1e-5)


def test_batchnorm_gradients_float64():
    bn = layers.BatchNormalization(dtype="float64")
    bn.build(tf.TensorShape([None, 3]))
    bn.gamma.assign(np.array([1.5, -0.5, 2.0]))
    check_grads(lambda x: bn(x, training=True), [RNG.standard_normal((5, 3))], order=2)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(bn(tf.constant(RNG.standard_normal((5, 3))), training=True) * np.arange(3.0))
    g = t.gradient(y, bn.trainable_weights)
    assert all(v is not None for v in g)


def test_layernorm_matches_numpy():
    ln = layers.LayerNormalization(epsilon=1e-3)
    x = rand(3, 4, 5)
    ln(x)
    ln.gamma.assign(np.linspace(0.5, 1.5, 5).astype("float32"))
    ln.beta.assign(np.linspace(-1, 1, 5).astype("float32"))
    y = ln(x).numpy()
    m, v = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    ref = (x - m) / np.sqrt(v + 1e-3) * np.linspace(0.5, 1.5, 5) + np.linspace(-1, 1, 5)
    np.testing.assert_allclose(y, ref, rtol=1e-4, atol=1e-5)
    ln2 = layers.LayerNormalization(axis=[1, 2], epsilon=0.0)
    z = ln2(x).numpy()
    np.testing.assert_allclose(z.reshape(3, -1).mean(-1), 0, atol=1e-5)


def test_layernorm_gradcheck_float64():
    ln = layers.LayerNormalization(dtype="float64")
    ln.build(tf.TensorShape([None, 4]))
    check_grads(lambda x: ln(x), [RNG.standard_normal((2, 4))], order=2)


# --- embedding and merging ----------------------------------------------------------------------


def test_embedding_lookup_and_gradient():
    emb = layers.Embedding(6, 3)
    idx = np.array([[1, 2, 1], [5, 0, 1]])
    with tf.GradientTape() as t:
        out = emb(idx)
        loss = tf.reduce_sum(out)
    table = emb.embeddings.numpy()
    np.testing.assert_array_equal(out.numpy(), table[idx])
    g = tf.convert_to_tensor(t.gradient(loss, emb.embeddings)).numpy()
    counts = np.bincount(idx.ravel(), minlength=6)[:, None] * np.ones((1, 3))
    np.testing.assert_allclose(g, counts)
    with pytest.raises(ValueError, match="out of range"):
        emb(np.array([[6]]))
    with pytest.raises(ValueError, match="integers"):
        emb(np.array([[0.5]]))


def test_merging_layers():
    a, b = rand(2, 3), rand(2, 3)
    np.testing.assert_allclose(layers.Add()([a, b]).numpy(), a + b)
    np.testing.assert_allclose(layers.Subtract()([a, b]).numpy(), a - b)
    np.testing.assert_allclose(layers.Multiply()([a, b]).numpy(), a * b)
    np.testing.assert_allclose(layers.Average()([a, b]).numpy(), (a + b) / 2, rtol=1e-6)
    np.testing.assert_allclose(layers.Maximum()([a, b]).numpy(), np.maximum(a, b))
    c = rand(2, 5)
    np.testing.assert_array_equal(layers.Concatenate()([a, c]).numpy(), np.concatenate([a, c], -1))
    np.testing.assert_array_equal(layers.Concatenate(axis=0)([a, b]).numpy(), np.concatenate([a, b], 0))
    with pytest.raises(ValueError, match="matching shapes"):
        layers.Concatenate(axis=0)([a, c])
    with pytest.raises(ValueError, match="compatible shapes"):
        layers.Add()([a, c])
    with pytest.raises(ValueError, match="list"):
        layers.Add()(a)


def test_keras_variables_assigned_as_attributes_are_tracked():
    # Keras 3 tracks keras.Variable attributes (directly or in lists), not plain tf.Variables
    class WithVars(layers.Layer):
        def __init__(self):
            super().__init__()
            self.scale = keras.Variable(np.full(3, 2.0, "float32"))
            self.frozen = [keras.Variable(1.0, trainable=False)]
            self.raw = tf.Variable(1.0)

        def call(self, x):
            return x * self.scale

    lay = WithVars()
    assert lay.trainable_weights == [lay.scale] and lay.non_trainable_weights == lay.frozen
    assert all(v is not lay.raw for v in lay.weights)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(lay(np.ones((2, 3), "float32")))
    np.testing.assert_allclose(t.gradient(y, lay.trainable_weights)[0].numpy(), [2.0, 2.0, 2.0])


def test_mask_dropped_when_call_does_not_take_it():
    d = layers.Dense(2)
    assert d(np.ones((1, 3), "float32"), mask=None).shape == (1, 2)


def test_initial_weights_kwarg_and_config():
    d = layers.Dense(2, weights=[np.ones((3, 2)), np.zeros(2)], activation="relu", name="cfg_dense")
    y = d(np.ones((1, 3), "float32"))
    np.testing.assert_allclose(y.numpy(), [[3.0, 3.0]])
    cfg = d.get_config()
    assert cfg["units"] == 2 and cfg["activation"] == "relu" and cfg["name"] == "cfg_dense"
    clone = layers.Dense.from_config({**cfg, "name": "cfg_dense_clone"})
    assert clone.units == 2 and clone.activation is keras.activations.relu
