"""Keras reshaping and regularization layers (reshaping.py, regularization.py): values against
NumPy and Keras 3.15 (TF backend), shapes (eager, symbolic, compute_output_shape), configs,
gradients, training-only noise with tapeflow's random ops, models and errors.

The resized values were printed by Keras 3.15.1 / TF 2.21 for the inputs made by ``data``.
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers

CF = "channels_first"


def data(shape, k=0):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 0.37 + 0.1 + k) * 2).reshape(shape).astype("float32")


def to_last(x):
    return np.moveaxis(x, 1, -1)


def to_first(x):
    return np.moveaxis(x, -1, 1)


# (layer, kwargs, input shape, output shape, Keras's output flattened)
KERAS_RESIZE = [
    ('UpSampling2D', dict(size=(2, 3), interpolation='bilinear'), (1, 2, 3, 2), (1, 4, 9, 2),
     [0.1996668, 0.9057726, 0.1996668, 0.9057726, 0.62954, 1.227592, 1.059413, 1.549412, 1.489286, 1.871232,
     1.659496, 1.866794, 1.829706, 1.862357, 1.999915, 1.857919, 1.999915, 1.857919, 0.5158658, 0.8975289,
     0.5158658, 0.8975289, 0.7298158, 1.018756, 0.9437658, 1.139984, 1.157716, 1.261211, 1.169813, 1.162541,
     1.18191, 1.063871, 1.194008, 0.9652006, 1.194008, 0.9652006, 1.148264, 0.8810418, 1.148264, 0.8810418,
     0.9303674, 0.6010844, 0.7124711, 0.3211268, 0.4945748, 0.0411694, 0.1904471, -0.2459661, -0.1136804,
     -0.5331017, -0.4178079, -0.8202372, -0.4178079, -0.8202372, 1.464463, 0.8727981, 1.464463, 0.8727981,
     1.030643, 0.3922482, 0.5968237, -0.08830166, 0.1630043, -0.5688514, -0.2992358, -0.9502196, -0.7614758,
     -1.331588, -1.223716, -1.712956, -1.223716, -1.712956]),
    ('UpSampling2D', dict(size=2, interpolation='bilinear', data_format=CF), (1, 1, 3, 3), (1, 1, 6, 6),
     [0.1996668, 0.3761933, 0.7292461, 1.051651, 1.343408, 1.489286, 0.6175581, 0.7579956, 1.038871, 1.279842,
     1.48091, 1.581445, 1.453341, 1.5216, 1.65812, 1.736225, 1.755916, 1.765761, 1.76954, 1.756689, 1.730987,
     1.64715, 1.505177, 1.434191, 1.566155, 1.463261, 1.257472, 1.012616, 0.7286942, 0.5867331, 1.464463,
     1.316547, 1.020714, 0.6953497, 0.3404528, 0.1630043]),
    ('UpSampling2D', dict(size=2, interpolation='bicubic'), (1, 3, 3, 1), (1, 6, 6, 1),
     [-0.01462317, 0.181671, 0.5971516, 1.004588, 1.350449, 1.513895, 0.4717795, 0.6319728, 0.9710717, 1.281614,
     1.5228, 1.636796, 1.502137, 1.585948, 1.763437, 1.868915, 1.888523, 1.897843, 1.902241, 1.889607, 1.862983,
     1.750437, 1.566755, 1.480017, 1.619522, 1.503053, 1.25663, 0.9417455, 0.5997701, 0.4382167, 1.486386,
     1.320862, 0.9706029, 0.5601104, 0.1433184, -0.05359645]),
    ('UpSampling2D', dict(size=2, interpolation='area'), (1, 2, 2, 1), (1, 4, 4, 1),
     [0.1996668, 0.1996668, 0.9057726, 0.9057726, 0.1996668, 0.1996668, 0.9057726, 0.9057726, 1.489286, 1.489286,
     1.871232, 1.871232, 1.489286, 1.489286, 1.871232, 1.871232]),
    ('UpSampling2D', dict(size=2, interpolation='lanczos3'), (1, 3, 3, 1), (1, 6, 6, 1),
     [-0.1077139, 0.06472268, 0.436603, 0.9900537, 1.301625, 1.433522, 0.4689495, 0.6238211, 0.946466, 1.389063,
     1.612978, 1.701483, 1.440076, 1.545887, 1.743851, 1.938415, 1.980718, 1.981894, 1.983446, 1.979247,
     1.930431, 1.726196, 1.522804, 1.414698, 1.683323, 1.592332, 1.363453, 0.9147761, 0.5895889, 0.4338599,
     1.40545, 1.271531, 0.9561872, 0.399071, 0.02643648, -0.1459935]),
]


@pytest.mark.parametrize("name,kwargs,shape,out_shape,expected", KERAS_RESIZE,
                         ids=[c[1]["interpolation"] + str(i) for i, c in enumerate(KERAS_RESIZE)])
def test_upsampling2d_interpolation_matches_keras(name, kwargs, shape, out_shape, expected):
    layer = getattr(layers, name)(**kwargs)
    y = layer(data(shape))
    assert y.dtype == tf.float32 and tuple(y.shape) == out_shape
    np.testing.assert_allclose(y.numpy().reshape(-1), np.array(expected, "float32"), rtol=2e-6, atol=2e-6)
    assert tuple(layer(keras.Input(shape=shape[1:])).shape.as_list()) == (None,) + out_shape[1:]


def test_upsampling2d_bilinear_exact_values():
    x = np.array([[1.0, 2.0], [3.0, 5.0]], "float32").reshape(1, 2, 2, 1)
    y = layers.UpSampling2D(interpolation="bilinear")(x).numpy()[0, :, :, 0]
    # half-pixel centres: edges repeat, inner rows/cols at 1/4 and 3/4 (Keras 3 / tf.image.resize)
    assert y.tolist() == [[1.0, 1.25, 1.75, 2.0], [1.5, 1.8125, 2.4375, 2.75],
                          [2.5, 2.9375, 3.8125, 4.25], [3.0, 3.5, 4.5, 5.0]]


# --- data movement against NumPy ----------------------------------------------------------------------


def _np_pad(x, pads, cf):
    spec = [(0, 0)] * x.ndim
    for i, pr in enumerate(pads):
        spec[(2 if cf else 1) + i] = pr
    return np.pad(x, spec)


MOVES = [
    (lambda: layers.ZeroPadding1D(), (2, 3, 2), lambda x: _np_pad(x, [(1, 1)], False)),
    (lambda: layers.ZeroPadding1D((0, 2), data_format=CF), (2, 3, 2), lambda x: _np_pad(x, [(0, 2)], True)),
    (lambda: layers.ZeroPadding2D((1, 2)), (1, 2, 3, 2), lambda x: _np_pad(x, [(1, 1), (2, 2)], False)),
    (lambda: layers.ZeroPadding2D(((0, 1), (2, 0)), data_format=CF), (1, 2, 3, 2),
     lambda x: _np_pad(x, [(0, 1), (2, 0)], True)),
    (lambda: layers.ZeroPadding3D(1), (1, 1, 2, 1, 2), lambda x: _np_pad(x, [(1, 1)] * 3, False)),
    (lambda: layers.ZeroPadding3D(((1, 0), (0, 2), (1, 1)), data_format=CF), (1, 2, 1, 2, 1),
     lambda x: _np_pad(x, [(1, 0), (0, 2), (1, 1)], True)),
    (lambda: layers.Cropping1D(), (2, 5, 3), lambda x: x[:, 1:-1]),
    (lambda: layers.Cropping1D((2, 0)), (2, 5, 3), lambda x: x[:, 2:]),
    (lambda: layers.Cropping2D(((1, 0), (0, 2))), (1, 3, 4, 2), lambda x: x[:, 1:, :2]),
    (lambda: layers.Cropping2D(1, data_format=CF), (1, 2, 3, 4), lambda x: x[:, :, 1:-1, 1:-1]),
    (lambda: layers.Cropping3D(), (1, 3, 4, 5, 2), lambda x: x[:, 1:-1, 1:-1, 1:-1]),
    (lambda: layers.Cropping3D((0, 1, (2, 0)), data_format=CF), (1, 2, 3, 4, 5), lambda x: x[:, :, :, 1:-1, 2:]),
    (lambda: layers.UpSampling1D(3), (2, 2, 3), lambda x: np.repeat(x, 3, axis=1)),
    (lambda: layers.UpSampling2D((2, 3)), (1, 2, 2, 3), lambda x: np.repeat(np.repeat(x, 2, 1), 3, 2)),
    (lambda: layers.UpSampling2D(2, data_format=CF), (1, 3, 2, 2), lambda x: np.repeat(np.repeat(x, 2, 2), 2, 3)),
    (lambda: layers.UpSampling3D((1, 2, 3)), (1, 2, 2, 2, 1),
     lambda x: np.repeat(np.repeat(x, 2, 2), 3, 3)),
    (lambda: layers.UpSampling3D(2, data_format=CF), (1, 2, 1, 2, 1),
     lambda x: np.repeat(np.repeat(np.repeat(x, 2, 2), 2, 3), 2, 4)),
    (lambda: layers.Permute((2, 1)), (2, 3, 4), lambda x: np.transpose(x, (0, 2, 1))),
    (lambda: layers.Permute((3, 1, 2)), (2, 3, 4, 5), lambda x: np.transpose(x, (0, 3, 1, 2))),
    (lambda: layers.RepeatVector(3), (2, 4), lambda x: np.repeat(x[:, None, :], 3, axis=1)),
]


@pytest.mark.parametrize("make,shape,ref", MOVES, ids=[str(i) for i in range(len(MOVES))])
def test_data_movement_layers(make, shape, ref):
    layer = make()
    x = data(shape)
    y = layer(x)
    np.testing.assert_array_equal(y.numpy(), ref(x))
    # the shapes without running, with a known and an unknown batch / spatial size
    assert tuple(layer.compute_output_shape(shape)) == y.shape
    sym = layer(keras.Input(batch_shape=(None,) + shape[1:])).shape.as_list()
    assert sym == [None] + list(y.shape[1:])
    # linear: gradients w.r.t. the input, order 2, in float64
    f64 = type(layer).from_config({**layer.get_config(), "dtype": "float64", "name": None})
    check_grads(lambda t: f64(t), [x.astype("float64")], order=2)


def test_unknown_spatial_dims_stay_unknown():
    assert layers.ZeroPadding1D(2)(keras.Input(shape=(None, 3))).shape.as_list() == [None, None, 3]
    assert layers.Cropping2D(1)(keras.Input(shape=(None, 5, 3))).shape.as_list() == [None, None, 3, 3]
    assert layers.UpSampling2D(2)(keras.Input(shape=(None, 4, 3))).shape.as_list() == [None, None, 8, 3]
    assert layers.UpSampling1D(2)(keras.Input(shape=(None, 3))).shape.as_list() == [None, None, 3]
    assert layers.Permute((2, 1))(keras.Input(shape=(None, 3))).shape.as_list() == [None, 3, None]
    assert layers.UpSampling3D(data_format=CF)(keras.Input(shape=(2, None, 3, 4))).shape.as_list() == \
        [None, 2, None, 6, 8]
    assert layers.Cropping3D(1).compute_output_shape((None, 4, None, 3, 2)) == (None, 2, None, 1, 2)


def test_integer_inputs_keep_their_dtype():
    x = np.arange(6, dtype="int32").reshape(1, 3, 2)
    for layer in (layers.ZeroPadding1D(), layers.Cropping1D((1, 0)), layers.UpSampling1D(), layers.Permute((2, 1))):
        assert layer(x).dtype == tf.int32
    assert layers.RepeatVector(2)(x[0]).dtype == tf.int32
    y = layers.UpSampling2D(interpolation="bilinear")(x.reshape(1, 3, 2, 1))
    assert y.dtype == tf.float32  # resizing gives floats, as tf.image.resize
    sym = layers.UpSampling2D(interpolation="bilinear")(keras.Input(shape=(3, 2, 1), dtype="int32"))
    assert sym.dtype == tf.float32 and sym.shape.as_list() == [None, 6, 4, 1]


def test_float64_layers_keep_float64():
    x = data((1, 2, 3, 1)).astype("float64")
    assert layers.UpSampling2D(interpolation="bilinear", dtype="float64")(x).dtype == tf.float64
    assert layers.ZeroPadding2D(dtype="float64")(x).dtype == tf.float64


def test_bilinear_gradient_is_the_adjoint():
    # the resize is linear: <grad of <f(x), g>, d> == <g, f(d)>
    layer = layers.UpSampling2D((2, 3), interpolation="bilinear", data_format=CF)
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((2, 3, 2, 3)).astype("float32"))
    g = rng.standard_normal((2, 3, 4, 9)).astype("float32")
    d = rng.standard_normal((2, 3, 2, 3)).astype("float32")
    with tf.GradientTape() as tape:
        tape.watch(x)
        s = tf.reduce_sum(layer(x) * g)
    grad = tape.gradient(s, x).numpy()
    np.testing.assert_allclose((grad * d).sum(), (layer(d).numpy() * g).sum(), rtol=1e-5)


# --- configs ------------------------------------------------------------------------------------------

CONFIGS = [
    (layers.ZeroPadding1D(), ["padding", "data_format"], {"padding": (1, 1)}),
    (layers.ZeroPadding2D(), ["padding", "data_format"], {"padding": ((1, 1), (1, 1))}),
    (layers.ZeroPadding3D(2), ["padding", "data_format"], {"padding": ((2, 2), (2, 2), (2, 2))}),
    (layers.Cropping1D(), ["cropping"], {"cropping": (1, 1)}),
    (layers.Cropping2D((1, 2)), ["cropping", "data_format"], {"cropping": ((1, 1), (2, 2))}),
    (layers.Cropping3D(), ["cropping", "data_format"], {"cropping": ((1, 1), (1, 1), (1, 1))}),
    (layers.UpSampling1D(), ["size"], {"size": 2}),
    (layers.UpSampling2D(interpolation="BILINEAR"), ["size", "data_format", "interpolation"],
     {"size": (2, 2), "interpolation": "bilinear"}),
    (layers.UpSampling3D(), ["size", "data_format"], {"size": (2, 2, 2)}),
    (layers.Permute([2, 1]), ["dims"], {"dims": (2, 1)}),
    (layers.RepeatVector(2), ["n"], {"n": 2}),
    (layers.GaussianNoise(0.1), ["stddev", "seed"], {"stddev": 0.1, "seed": None}),
    (layers.GaussianDropout(0.3, seed=2), ["rate", "seed"], {"rate": 0.3, "seed": 2}),
    (layers.AlphaDropout(0.3), ["rate", "seed", "noise_shape"], {"rate": 0.3, "noise_shape": None}),
    (layers.ActivityRegularization(), ["l1", "l2"], {"l1": 0.0, "l2": 0.0}),
]


@pytest.mark.parametrize("layer,keys,values", CONFIGS, ids=[type(c[0]).__name__ for c in CONFIGS])
def test_config_keys_as_keras_and_round_trip(layer, keys, values):
    cfg = layer.get_config()
    assert list(cfg)[:3] == ["name", "trainable", "dtype"] and list(cfg)[3:] == keys
    assert {k: cfg[k] for k in values} == values
    assert type(layer).from_config(cfg).get_config() == cfg


def test_spatial_dropout_config_is_keras_short_form():
    assert list(layers.SpatialDropout1D(0.5).get_config()) == ["rate", "seed", "name", "dtype"]
    cfg = layers.SpatialDropout2D(0.5, data_format=CF, seed=3).get_config()
    assert list(cfg) == ["rate", "seed", "name", "dtype", "data_format"]
    assert (cfg["rate"], cfg["seed"], cfg["data_format"]) == (0.5, 3, CF)
    assert layers.SpatialDropout3D.from_config(layers.SpatialDropout3D(0.2).get_config()).rate == 0.2
    assert isinstance(layers.SpatialDropout1D(0.1), layers.Dropout)


# --- noise layers: training only, tapeflow's random ops, seeds ---------------------------------------

NOISE = [
    lambda: layers.SpatialDropout1D(0.5, seed=5),
    lambda: layers.GaussianNoise(0.3, seed=5),
    lambda: layers.GaussianDropout(0.4, seed=5),
    lambda: layers.AlphaDropout(0.3, seed=5),
]


@pytest.mark.parametrize("make", NOISE, ids=["spatial", "gnoise", "gdropout", "alpha"])
def test_noise_layers_identity_at_inference_and_seeded_in_training(make):
    x = data((4, 6, 5))
    layer = make()
    for y in (layer(x), layer(x, training=False)):
        np.testing.assert_array_equal(y.numpy(), x)
    a = layer(x, training=True).numpy()
    b = layer(x, training=True).numpy()
    assert not np.array_equal(a, x) and not np.array_equal(a, b)  # a new draw per call
    twin = make()  # same seed: the same sequence of draws
    np.testing.assert_array_equal(twin(x, training=True).numpy(), a)
    np.testing.assert_array_equal(twin(x, training=True).numpy(), b)
    assert tuple(layer(keras.Input(shape=(None, 5))).shape.as_list()) == (None, None, 5)


def test_unseeded_noise_follows_the_global_seed():
    x = np.ones((3, 4), "float32")
    tf.random.set_seed(11)
    a = layers.GaussianNoise(0.5)(x, training=True).numpy()
    tf.random.set_seed(11)
    b = layers.GaussianNoise(0.5)(x, training=True).numpy()
    np.testing.assert_array_equal(a, b)


def test_spatial_dropout_drops_whole_channels():
    rate = 0.4
    x = np.ones((64, 5, 7, 8), "float32")
    y = layers.SpatialDropout2D(rate, seed=1)(x, training=True).numpy()
    assert set(np.unique(y).tolist()) == {0.0, np.float32(1 / (1 - rate))}
    assert (y == y[:, :1, :1, :]).all()
    assert abs((y[:, 0, 0, :] == 0).mean() - rate) < 0.08
    yc = layers.SpatialDropout3D(rate, data_format=CF, seed=1)(np.ones((8, 6, 2, 3, 4), "float32"), training=True)
    yc = yc.numpy()
    assert (yc == yc[:, :, :1, :1, :1]).all() and (yc == 0).any()
    y1 = layers.SpatialDropout1D(rate, seed=2)(np.ones((16, 9, 5), "float32"), training=True).numpy()
    assert (y1 == y1[:, :1, :]).all()


def test_gaussian_noise_and_dropout_statistics():
    x = np.ones((200, 100), "float32")
    n = layers.GaussianNoise(0.5, seed=0)(x, training=True).numpy() - 1.0
    assert abs(n.mean()) < 0.01 and abs(n.std() - 0.5) < 0.01
    m = layers.GaussianDropout(0.2, seed=0)(x, training=True).numpy()
    assert abs(m.mean() - 1.0) < 0.01 and abs(m.std() - 0.5) < 0.01  # sqrt(0.2 / 0.8)


def test_alpha_dropout_values_as_keras():
    # Keras 3.15 printed these two values (kept, dropped) for rate 0.5 on ones and rate 0.2 on twos
    y = layers.AlphaDropout(0.5, seed=1)(np.ones((1000,), "float32"), training=True).numpy()
    np.testing.assert_allclose(sorted(set(y.tolist())), [-0.7791938185691833, 1.6655988693237305], rtol=1e-6)
    y = layers.AlphaDropout(0.2, seed=1)(np.full((1000,), 2.0, "float32"), training=True).numpy()
    np.testing.assert_allclose(sorted(set(y.tolist())), [-1.2361598014831543, 2.066847085952759], rtol=1e-6)
    # it keeps a standard normal input's mean and variance
    z = np.random.default_rng(0).standard_normal((400, 250)).astype("float32")
    out = layers.AlphaDropout(0.3, seed=4)(z, training=True).numpy()
    assert abs(out.mean()) < 0.02 and abs(out.std() - 1.0) < 0.02
    shared = layers.AlphaDropout(0.5, noise_shape=(None, 1), seed=2)(np.ones((6, 4), "float32"), training=True)
    assert (shared.numpy() == shared.numpy()[:, :1]).all()


@pytest.mark.parametrize("make", NOISE, ids=["spatial", "gnoise", "gdropout", "alpha"])
def test_noise_layer_gradients(make):
    layer = type(make()).from_config({**make().get_config(), "dtype": "float64", "name": None})
    x = tf.constant(data((3, 4, 5)).astype("float64") + 3.0)  # no zeros, so y / x is the noise factor
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x, training=True)
        s = tf.reduce_sum(y)
    g = tape.gradient(s, x).numpy()
    yv, xv = y.numpy(), x.numpy()
    name = type(layer).__name__
    if name == "GaussianNoise":
        np.testing.assert_allclose(g, np.ones_like(xv))
    elif name == "AlphaDropout":
        alpha_p = -1.6732632423543772 * 1.0507009873554805
        a = ((1 - 0.3) * (1 + 0.3 * alpha_p ** 2)) ** -0.5
        dropped = np.isclose(yv, a * alpha_p - a * alpha_p * 0.3)  # a * alpha_p + b
        assert 0 < dropped.sum() < dropped.size
        np.testing.assert_allclose(g, np.where(dropped, 0.0, a))
    else:
        np.testing.assert_allclose(g, yv / xv)
    # inference: the identity, gradient one
    with tf.GradientTape() as tape:
        tape.watch(x)
        s = tf.reduce_sum(layer(x))
    np.testing.assert_array_equal(tape.gradient(s, x).numpy(), np.ones_like(xv))


def test_noise_is_active_in_fit_only():
    model = keras.Sequential([keras.Input(shape=(4,)), layers.GaussianNoise(0.5, seed=1), layers.Dense(1)])
    x = np.ones((8, 4), "float32")
    np.testing.assert_array_equal(model.predict(x, verbose=0), model.predict(x, verbose=0))
    assert not np.array_equal(model(x, training=True).numpy(), model(x).numpy())
    model.compile(optimizer="sgd", loss="mse")
    hist = model.fit(x, np.zeros((8, 1), "float32"), epochs=2, verbose=0)
    assert np.isfinite(hist.history["loss"]).all()


def test_activity_regularization_identity_and_loss():
    reg = layers.ActivityRegularization(l1=0.1, l2=0.5)
    assert isinstance(reg.activity_regularizer, keras.regularizers.L1L2)
    x = tf.constant(data((4, 3)))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = reg(x)
        loss = tf.add_n(reg.losses)
    np.testing.assert_array_equal(y.numpy(), x.numpy())
    assert len(reg.losses) == 1
    g = tape.gradient(loss, x).numpy()
    assert g.shape == (4, 3) and np.all(np.sign(g) == np.sign(x.numpy()))
    reg(x)
    assert len(reg.losses) == 1  # replaced on each call, not accumulated


def test_activity_regularization_loss_value_as_keras():
    reg = layers.ActivityRegularization(l1=0.1, l2=0.5)
    reg(np.ones((4, 3), "float32"))
    assert np.isclose(float(reg.losses[0]), 1.8)  # Keras 3.15: (0.1 * 12 + 0.5 * 12) / 4


# --- models ---------------------------------------------------------------------------------------------


def test_image_model_with_padding_cropping_upsampling():
    model = keras.Sequential([
        keras.Input(shape=(6, 6, 3)),
        layers.ZeroPadding2D(1),
        layers.Conv2D(4, 3),
        layers.SpatialDropout2D(0.2, seed=0),
        layers.UpSampling2D(interpolation="bilinear"),
        layers.Cropping2D(((1, 1), (2, 2))),
        layers.Permute((3, 1, 2)),
        layers.Flatten(),
        layers.Dense(2),
    ])
    x = np.random.default_rng(0).standard_normal((4, 6, 6, 3)).astype("float32")
    assert model(x).shape.as_list() == [4, 2]
    model.compile(optimizer="adam", loss="mse")
    hist = model.fit(x, np.zeros((4, 2), "float32"), epochs=2, verbose=0)
    assert np.isfinite(hist.history["loss"]).all()


def test_sequence_model_with_repeat_vector():
    inp = keras.Input(shape=(5,))
    h = layers.RepeatVector(4)(inp)
    h = layers.ZeroPadding1D((2, 0))(h)
    h = layers.UpSampling1D(2)(h)
    h = layers.Cropping1D((1, 1))(h)
    h = layers.GaussianDropout(0.1)(h)
    assert h.shape.as_list() == [None, 10, 5]
    model = keras.Model(inp, layers.Permute((2, 1))(h))
    assert model(np.ones((3, 5), "float32")).shape.as_list() == [3, 5, 10]


# --- errors -----------------------------------------------------------------------------------------------


def test_argument_errors():
    with pytest.raises(TypeError, match="integer value for `size`"):
        layers.UpSampling1D(2.0)
    with pytest.raises(ValueError, match="interpolation"):
        layers.UpSampling2D(interpolation="cubic")
    with pytest.raises(ValueError, match="size"):
        layers.UpSampling3D((2, 2))
    with pytest.raises(TypeError, match="integer value for `n`"):
        layers.RepeatVector("3")
    with pytest.raises(ValueError, match="`n` should be a positive integer"):
        layers.RepeatVector(0)
    with pytest.raises(ValueError, match="Invalid permutation"):
        layers.Permute((1, 3))
    with pytest.raises(ValueError, match="cannot be negative"):
        layers.ZeroPadding2D(-1)
    with pytest.raises(ValueError, match="should have 3 elements"):
        layers.Cropping3D((1, 1))
    with pytest.raises(ValueError, match="stddev"):
        layers.GaussianNoise(1.5)
    with pytest.raises(ValueError, match="rate"):
        layers.AlphaDropout(-0.1)
    with pytest.raises(ValueError, match="rate"):
        layers.GaussianDropout(2)
    with pytest.raises(ValueError, match="data_format"):
        layers.SpatialDropout2D(0.1, data_format="NHWC")


def test_input_errors_name_the_layer():
    with pytest.raises(ValueError, match=r"crop_me.*cropping.*\(1, 3, 2\)"):
        layers.Cropping1D((2, 1), name="crop_me")(np.zeros((1, 3, 2), "float32"))
    with pytest.raises(ValueError, match=r"expected ndim=2.*\(1, 2, 3\)"):
        layers.RepeatVector(2)(np.zeros((1, 2, 3), "float32"))
    with pytest.raises(ValueError, match=r"expected ndim=4"):
        layers.ZeroPadding2D()(np.zeros((1, 2, 3), "float32"))
    with pytest.raises(ValueError, match=r"expected ndim=3"):
        layers.Permute((2, 1))(keras.Input(shape=(2, 3, 4)))
    with pytest.raises(ValueError, match=r"cropping"):
        layers.Cropping2D(2)(keras.Input(shape=(4, 3, 1)))
    with pytest.raises(TypeError, match="floating-point input"):
        layers.GaussianNoise(0.1)(np.ones((2, 2), "int32"), training=True)
    with pytest.raises(ValueError, match="noise_shape"):
        layers.AlphaDropout(0.5, noise_shape=(2, 3, 1))(np.ones((2, 3), "float32"), training=True)
