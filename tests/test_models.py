"""keras.Model (functional, subclassed), Sequential and keras.Input."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers

RNG = np.random.default_rng(1)


def rand(*shape):
    return RNG.standard_normal(shape).astype("float32")


def mnist_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def np_forward(model, x):
    k1, b1, k2, b2, k3, b3 = model.get_weights()
    h = np.maximum(x @ k1 + b1, 0)
    h = np.maximum(h @ k2 + b2, 0)
    z = h @ k3 + b3
    e = np.exp(z - z.max(-1, keepdims=True))
    return z, e / e.sum(-1, keepdims=True)


def test_input_is_symbolic():
    x = keras.Input(shape=(28, 28), dtype="uint8", name="img")
    assert x.shape.as_list() == [None, 28, 28] and x.dtype == tf.uint8 and x.name == "img"
    assert keras.Input(shape=(3,), batch_size=8).shape.as_list() == [8, 3]
    with pytest.raises(TypeError, match="symbolic"):
        np.asarray(x)
    y = layers.Dense(5)(layers.Flatten()(x))
    assert y.shape.as_list() == [None, 5] and y.dtype == tf.float32


def test_functional_mnist_forward_weights_and_logits():
    model = mnist_model()
    assert [lay.name for lay in model.layers] == ["digits", "dense_1", "dense_2", "predictions"]
    assert [w._path for w in model.trainable_weights] == [
        "dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias", "predictions/kernel", "predictions/bias"]
    assert model.count_params() == 784 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10
    x = rand(16, 784)
    y = model(x)
    z, p = np_forward(model, x)
    np.testing.assert_allclose(y.numpy(), p, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(y._keras_logits.numpy(), z, rtol=1e-4, atol=1e-4)
    assert model.get_layer("dense_2").units == 64
    assert model.get_layer(index=1).name == "dense_1"
    with pytest.raises(ValueError, match="No such layer"):
        model.get_layer("nope")
    assert model.output_names == ["predictions"]


def test_gradients_flow_to_every_trainable_weight():
    model = mnist_model()
    x = tf.constant(rand(8, 784))
    labels = RNG.integers(0, 10, 8)
    with tf.GradientTape() as tape:
        probs = model(x, training=True)
        loss = -tf.reduce_sum(tf.math.log(tf.gather(tf.reshape(probs, [-1]), labels + 10 * np.arange(8))))
    grads = tape.gradient(loss, model.trainable_weights)
    assert len(grads) == 6
    for g, w in zip(grads, model.trainable_weights):
        assert g is not None and g.shape == w.shape and np.abs(g.numpy()).sum() > 0
    # a few manual SGD steps lower the loss (the seed's training loop, by hand)
    before = float(loss)
    for _ in range(5):
        with tf.GradientTape() as tape:
            probs = model(x, training=True)
            loss = -tf.reduce_sum(tf.math.log(tf.gather(tf.reshape(probs, [-1]), labels + 10 * np.arange(8))))
        for w, g in zip(model.trainable_weights, tape.gradient(loss, model.trainable_weights)):
            w.assign_sub(0.01 * g)
    assert float(loss) < before


def test_uint8_images_cast_to_input_dtype():
    inp = keras.Input(shape=(4, 4))
    model = keras.Model(inp, layers.Dense(2)(layers.Flatten()(inp)))
    img = RNG.integers(0, 255, (3, 4, 4)).astype(np.uint8)
    y = model(img)
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), model(img.astype("float32")).numpy())
    uint_in = keras.Input(shape=(2,), dtype="uint8")
    assert uint_in.dtype == tf.uint8
    m2 = keras.Model(uint_in, layers.Rescaling(1 / 255)(uint_in))
    np.testing.assert_allclose(m2(np.array([[0, 255]], np.uint8)).numpy(), [[0, 1]])


def test_bad_input_shape_error_names_model_and_shapes():
    model = mnist_model()
    # Keras 3's input-spec message of a functional model
    with pytest.raises(ValueError, match=r"of layer 'functional.*expected shape=\(None, 784\), found shape=\(4, 785\)"):
        model(np.zeros((4, 785), "float32"))
    with pytest.raises(ValueError, match=r"\(4, 28, 28\)"):
        model(np.zeros((4, 28, 28), "float32"))
    model(np.zeros((4, 784), "float32"))  # still fine afterwards


def test_multi_input_multi_output_lists_and_dicts():
    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(2,), name="b")
    h = layers.Concatenate()([a, b])
    out1 = layers.Dense(1, name="score")(h)
    out2 = layers.Dense(4, activation="softmax", name="cls")(h)
    model = keras.Model(inputs=[a, b], outputs=[out1, out2])
    xa, xb = rand(5, 3), rand(5, 2)
    y1, y2 = model([xa, xb])
    h_np = np.concatenate([xa, xb], -1)
    k, bias = model.get_layer("score").get_weights()
    np.testing.assert_allclose(y1.numpy(), h_np @ k + bias, rtol=1e-5, atol=1e-6)
    assert y2.shape == (5, 4)
    by_name = model({"a": xa, "b": xb})
    np.testing.assert_allclose(by_name[0].numpy(), y1.numpy())
    with pytest.raises(ValueError, match="expects 2 inputs"):
        model([xa])
    with pytest.raises(ValueError, match="missing inputs"):
        model({"a": xa})
    dmodel = keras.Model({"a": a, "b": b}, {"s": out1, "c": out2})
    out = dmodel({"a": xa, "b": xb})
    assert set(out) == {"s", "c"} and dmodel.output_names == ["cls", "score"]  # Keras 3: layer names, keys sorted
    np.testing.assert_allclose(out["s"].numpy(), y1.numpy())


def test_shared_layer_and_nested_model():
    inp = keras.Input(shape=(4,))
    shared = layers.Dense(4, name="shared")
    y = shared(shared(inp))
    model = keras.Model(inp, y)
    assert len(model.weights) == 2
    x = rand(2, 4)
    k, b = shared.get_weights()
    np.testing.assert_allclose(model(x).numpy(), (x @ k + b) @ k + b, rtol=1e-5, atol=1e-6)
    outer_in = keras.Input(shape=(4,))
    outer = keras.Model(outer_in, layers.Dense(1)(model(outer_in)))
    assert len(outer.weights) == 4
    assert outer(x).shape == (2, 1)


def test_graph_disconnected():
    a, b = keras.Input((2,)), keras.Input((2,))
    y = layers.Add()([a, b])
    with pytest.raises(ValueError, match="Graph disconnected"):
        keras.Model(a, y)
    with pytest.raises(TypeError):
        keras.Model(a, np.zeros(2))


def test_training_flag_reaches_layers_in_graph():
    inp = keras.Input(shape=(100,))
    model = keras.Model(inp, layers.Dropout(0.5)(inp))
    x = np.ones((4, 100), "float32")
    np.testing.assert_array_equal(model(x).numpy(), x)
    y = model(x, training=True).numpy()
    assert (y == 0).any() and (y == 2).any()


def test_sequential_with_and_without_input():
    s1 = keras.Sequential([keras.Input((3,)), layers.Dense(4, activation="relu"), layers.Dense(2)])
    assert s1.built and s1.count_params() == 3 * 4 + 4 + 4 * 2 + 2
    assert [type(lay).__name__ for lay in s1.layers] == ["Dense", "Dense"]
    s2 = keras.Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(2)])
    assert s2.built and len(s2.weights) == 4
    s3 = keras.Sequential()
    s3.add(layers.Dense(4))
    s3.add(layers.Dense(2))
    assert not s3.weights
    x = rand(5, 3)
    y = s3(x)
    k1, b1, k2, b2 = s3.get_weights()
    np.testing.assert_allclose(y.numpy(), (x @ k1 + b1) @ k2 + b2, rtol=1e-5, atol=1e-6)
    # a Sequential model checks the rank of its input, its layers the rest (Keras 3)
    with pytest.raises(ValueError, match=r"(?s)Sequential.*expected axis -1 of input shape to have value 3.*\(5, 4\)"):
        s3(rand(5, 4))
    popped = s1.pop()
    assert popped.units == 2 and s1(x).shape == (5, 4)
    with pytest.raises(TypeError, match="Layer"):
        keras.Sequential([3])


def test_sequential_build_and_summary():
    model = keras.Sequential([layers.Conv2D(2, 3, name="c"), layers.BatchNormalization(name="bn"),
                              layers.Flatten(name="f"), layers.Dense(3, name="out")], name="seqnet")
    model.build((None, 5, 5, 1))
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert 'Model: "seqnet"' in text
    assert "c (Conv2D)" in text and "(None, 3, 3, 2)" in text and "20" in text
    assert "out (Dense)" in text and "(None, 3)" in text and "57" in text
    assert "Total params: 85" in text and "Trainable params: 81" in text and "Non-trainable params: 4" in text


def test_summary_unbuilt_prints_empty_table(capsys):
    class M(keras.Model):
        def call(self, x):
            return x

    M().summary()  # Keras 3 prints the (empty) table of an unbuilt model
    out = capsys.readouterr().out
    assert out.startswith('Model: "m') and " Total params: 0 (0.00 B)" in out


class TwoTower(keras.Model):
    def __init__(self):
        super().__init__()
        self.towers = [layers.Dense(3, name="t1"), layers.Dense(3, name="t2")]
        self.drop = layers.Dropout(0.5)
        self.head = layers.Dense(1, name="head")

    def call(self, x, training=False):
        h = self.towers[0](x) + self.towers[1](x)
        return self.head(self.drop(h, training=training))


def test_subclassed_model_tracking_training_and_build():
    m = TwoTower()
    assert m.name.startswith("two_tower")
    assert m.weights == []
    x = rand(4, 2)
    y = m(x)
    assert y.shape == (4, 1)
    assert [w._path for w in m.weights] == ["t1/kernel", "t1/bias", "t2/kernel", "t2/bias", "head/kernel",
                                            "head/bias"]
    k1, b1, k2, b2, kh, bh = m.get_weights()
    np.testing.assert_allclose(y.numpy(), (x @ k1 + b1 + x @ k2 + b2) @ kh + bh, rtol=1e-5, atol=1e-6)
    m.towers[1].trainable = False
    assert len(m.trainable_weights) == 4 and len(m.non_trainable_weights) == 2
    with tf.GradientTape() as t:
        out = tf.reduce_sum(m(x, training=True))
    grads = t.gradient(out, m.trainable_weights)
    assert all(g is not None for g in grads)
    m2 = TwoTower()
    m2.build((None, 2))
    assert m2.count_params() == 2 * (2 * 3 + 3) + 3 + 1
    assert [lay.name for lay in m2.layers][:2] == ["t1", "t2"]


def test_weight_list_cache_sees_new_layers():
    class Grow(keras.Model):
        def __init__(self):
            super().__init__()
            self.a = layers.Dense(2)

        def call(self, x):
            return self.a(x)

    m = Grow()
    m(rand(1, 2))
    assert len(m.trainable_weights) == 2
    m.b = layers.Dense(2)
    m.b(rand(1, 2))
    assert len(m.trainable_weights) == 4


def test_functional_model_trainable_false_freezes_all():
    model = mnist_model()
    model.trainable = False
    assert model.trainable_weights == [] and len(model.non_trainable_weights) == 6
    model.trainable = True
    assert len(model.trainable_weights) == 6


def test_model_requires_both_inputs_and_outputs():
    with pytest.raises(ValueError, match="both"):
        keras.Model(inputs=keras.Input((2,)))


def test_operators_on_symbolic_tensors():
    inp = keras.Input((4,))
    x = inp / 2.0 + 1.0
    y = layers.Dense(2, kernel_initializer="ones", bias_initializer="zeros")(x)[:, :1] * 3.0
    model = keras.Model(inp, -y)
    xs = rand(3, 4)
    np.testing.assert_allclose(model(xs).numpy(), -3.0 * (xs / 2 + 1).sum(1, keepdims=True), rtol=1e-5)
    with pytest.raises(TypeError, match="symbolic"):
        tf.reshape(inp, [-1])


def test_input_casting_and_numpy_float64():
    inp = keras.Input((2,))
    model = keras.Model(inp, layers.Dense(1)(inp))
    assert model(np.ones((1, 2), np.float64)).dtype == tf.float32
    assert model(np.array([[1.0, 2.0]])).shape == (1, 1)
    with pytest.raises(ValueError, match="Only input tensors may be passed as positional arguments"):
        model([[1.0, 2.0]])  # Keras 3: a Python list is not a tensor
    assert model(tf.constant(np.ones((1, 2), np.int32))).dtype == tf.float32


def test_mnist_like_step_keeps_model_usable_with_optimizer():
    model = mnist_model()
    opt = keras.optimizers.SGD(learning_rate=0.1)
    x = tf.constant(rand(8, 784))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x) ** 2)
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_weights), model.trainable_weights))
    assert model(x).shape == (8, 10)
