"""Keras activation, normalization and merging layers: values against Keras 3.15 (hard-coded
numbers it printed for the same inputs), configs, gradients and use in models."""

import warnings

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers

A = np.array([[-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 7.0]], "float32")
S = (np.sin(np.arange(24.0)).reshape(2, 3, 4) * 2).astype("float32")
M = np.array([[[1, 1, 0, 1]], [[0, 0, 0, 0]]], "int32")
X1 = np.cos(np.arange(24.0)).reshape(2, 3, 4).astype("float32")
X2 = np.sin(np.arange(24.0) * 0.7).reshape(2, 4, 3).astype("float32")
Y1 = np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 2.0, 0.0]], "float32")
Y2 = np.array([[0.5, -1.0, 2.0, 1.0], [3.0, 1.0, -2.0, 1.0]], "float32")
RNG = np.random.default_rng(7)

# what Keras 3.15 (TF backend) printed for the layers below, rounded to 5 decimals
KERAS = {
    'leaky': [[-0.9, -0.3, -0.15, 0.0, 0.5, 1.0, 2.0, 7.0]],
    'leaky_alpha': [[-0.3, -0.1, -0.05, 0.0, 0.5, 1.0, 2.0, 7.0]],
    'relu0': [[0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 1.0, 1.0]],
    'relu1': [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 7.0]],
    'relu2': [[-0.3, -0.1, -0.05, 0.0, 0.5, 1.0, 2.0, 7.0]],
    'relu3': [[-0.7, -0.3, -0.2, -0.1, 0.0, 1.0, 2.0, 7.0]],
    'relu4': [[-0.7, -0.3, -0.2, -0.1, 0.0, 1.0, 1.5, 1.5]],
    'relu5': [[0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 2.0, 6.0]],
    'elu': [[-0.47511, -0.31606, -0.19673, 0.0, 0.5, 1.0, 2.0, 7.0]],
    'sm': [[[0.07209, 0.38797, 0.44433, 0.0956], [0.04724, 0.03153, 0.12272, 0.79851], [0.72437, 0.22834, 0.03374, 0.01355]], [[0.02518, 0.1706, 0.53391, 0.27031], [0.24653, 0.0641, 0.09764, 0.59173], [0.48867, 0.41952, 0.07733, 0.01449]]],
    'sm1': [[[0.11829, 0.68917, 0.8715, 0.25589], [0.02604, 0.01882, 0.08087, 0.718], [0.85567, 0.29201, 0.04764, 0.02612]], [[0.04807, 0.29733, 0.85749, 0.70536], [0.07905, 0.01876, 0.02633, 0.25927], [0.87287, 0.68391, 0.11617, 0.03536]]],
    'sm12': [[[0.03507, 0.18871, 0.21613, 0.0465], [0.00772, 0.00515, 0.02005, 0.13048], [0.25366, 0.07996, 0.01181, 0.00475]], [[0.01197, 0.08111, 0.25384, 0.12852], [0.01968, 0.00512, 0.0078, 0.04724], [0.21732, 0.18657, 0.03439, 0.00644]]],
    'smmask': [[[0.12974, 0.6982, 0.0, 0.17205], [0.05384, 0.03594, 0.0, 0.91022], [0.74966, 0.23631, 0.0, 0.01403]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]],
    'smmask12': [[[0.04663, 0.25095, 0.0, 0.06184], [0.01026, 0.00685, 0.0, 0.17352], [0.33731, 0.10633, 0.0, 0.00631]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]],
    'prelu': [[[0.0, 1.68294, 1.81859, 0.28224], [-0.15136, -0.38357, 0.16765, 1.31397], [1.97872, 0.82424, 0.32641, -3.99996]], [[-0.10731, 0.84033, 1.98121, 1.30058], [-0.05758, -0.38456, 0.45059, 0.29975], [1.82589, 1.67331, 0.00531, -3.38488]]],
    'gn': [[[-0.01841, 2.23102, 4.49068, 1.36547], [-1.03823, -2.6212, -0.87366, 4.46943], [1.31479, 1.07388, -2.06776, -5.50057]], [[-0.75187, 1.21047, 4.59038, 4.09222], [-0.39914, -2.70894, -3.19451, 1.10978], [1.30423, 2.39203, 0.12282, -4.82693]]],
    'gn_ax1': [[[-1.08507, 0.84539, 1.001, -0.76132], [-0.6566, -0.97089, 0.08571, 1.54178], [1.28639, 0.56194, -0.63804, -1.21029]], [[-1.5581, 0.06629, 1.03481, 0.457], [0.38177, -1.09001, -0.6302, 1.33844], [0.94031, 0.83624, -0.31714, -1.45941]]],
    'gn_inst': [[[-0.1084, 0.96783, 1.39297, 0.30096], [-1.16664, -1.37658, -0.48722, 1.04589], [1.27504, 0.40874, -0.90575, -1.34684]], [[-0.89413, 0.41851, 1.2801, 1.06978], [-0.50134, -1.37887, -1.15993, 0.26555], [1.39547, 0.96036, -0.12017, -1.33533]]],
    'un': [[[0.0, 0.67484, 0.72923, 0.11317], [-0.53487, -0.67772, -0.19748, 0.46433], [0.63277, 0.26358, -0.34795, -0.63957]], [[-0.39253, 0.30737, 0.72467, 0.47571], [-0.22806, -0.76157, -0.5949, 0.11873], [0.60868, 0.55782, -0.0059, -0.56419]]],
    'un12': [[[0.0, 0.34349, 0.37118, 0.05761], [-0.30893, -0.39143, -0.11406, 0.26818], [0.40386, 0.16823, -0.22207, -0.4082]], [[-0.22451, 0.17581, 0.41449, 0.27209], [-0.12046, -0.40227, -0.31423, 0.06271], [0.38199, 0.35007, -0.0037, -0.35407]]],
    'lnrms': [[[0.0, 4.13998, 6.71053, 1.3886], [-1.21367, -3.07563, -1.34428, 4.2144], [1.26661, 1.05521, -2.08942, -5.12087]], [[-0.94536, 1.48054, 5.23591, 4.58284], [-0.66999, -4.4746, -5.24294, 1.39514], [1.27508, 2.33705, -0.03709, -4.72754]]],
    'dot12': [[[-0.56447, 0.69529, -0.13755, -0.5564], [-0.71513, 0.88103, -0.17443, -0.7049], [-0.2083, 0.25676, -0.05094, -0.20532], [0.49004, -0.60357, 0.11939, 0.48303]], [[0.26602, -0.05687, -0.2086, 0.26749], [0.88843, -0.19027, -0.69631, 0.89333], [0.69403, -0.14874, -0.54384, 0.69786], [-0.13846, 0.02954, 0.10864, -0.13923]]],
    'dotn': [[[-0.39838, 0.58347, -0.07844, -0.38956], [-0.5539, 0.8114, -0.10916, -0.54165], [-0.13191, 0.19332, -0.02606, -0.12899], [0.33449, -0.48987, 0.06584, 0.32709]], [[0.20193, -0.02918, -0.13014, 0.20446], [0.82525, -0.11948, -0.53159, 0.83559], [0.58533, -0.08481, -0.37698, 0.59266], [-0.10387, 0.01498, 0.06698, -0.10517]]],
    'dot22': [[8.5], [-6.5]],
    'dot22n': [[0.62075], [-0.73247]],
    'dot23': [[-3.12781, 5.8098, -4.46727], [-0.11666, 2.14071, -2.68187]],
    'sn_out': [[0.40833, 0.68055, 0.95277]],
    'sn_kernel': [[0.0, 0.13611, 0.27222], [0.40833, 0.54444, 0.68055]],
    'sn_u': [[0.39027, 0.56039, 0.73051]],
}

# sorted get_config() keys of Keras 3.15
CONFIG_KEYS = {
    "LeakyReLU": ['dtype', 'name', 'negative_slope', 'trainable'],
    "ReLU": ['dtype', 'max_value', 'name', 'negative_slope', 'threshold', 'trainable'],
    "Softmax": ['axis', 'dtype', 'name', 'trainable'],
    "ELU": ['alpha', 'dtype', 'name', 'trainable'],
    "PReLU": ['alpha_constraint', 'alpha_initializer', 'alpha_regularizer', 'dtype', 'name', 'shared_axes',
              'trainable'],
    "GroupNormalization": ['axis', 'beta_constraint', 'beta_initializer', 'beta_regularizer', 'center', 'dtype',
                           'epsilon', 'gamma_constraint', 'gamma_initializer', 'gamma_regularizer', 'groups', 'name',
                           'scale', 'trainable'],
    "UnitNormalization": ['axis', 'dtype', 'name', 'trainable'],
    "Dot": ['axes', 'dtype', 'name', 'normalize', 'trainable'],
    "BatchNormalization": ['axis', 'beta_constraint', 'beta_initializer', 'beta_regularizer', 'center', 'dtype',
                           'epsilon', 'gamma_constraint', 'gamma_initializer', 'gamma_regularizer', 'momentum',
                           'moving_mean_initializer', 'moving_variance_initializer', 'name', 'renorm',
                           'renorm_clipping', 'renorm_momentum', 'scale', 'synchronized', 'trainable'],
    "LayerNormalization": ['axis', 'beta_constraint', 'beta_initializer', 'beta_regularizer', 'center', 'dtype',
                           'epsilon', 'gamma_constraint', 'gamma_initializer', 'gamma_regularizer', 'name',
                           'rms_scaling', 'scale', 'trainable'],
    "SpectralNormalization": ['dtype', 'layer', 'name', 'power_iterations', 'trainable'],
}


def close(y, key, atol=2e-5):
    np.testing.assert_allclose(np.asarray(y.numpy() if hasattr(y, "numpy") else y, "float64"), KERAS[key],
                               rtol=2e-5, atol=atol)


def weight_grad_check(layer, x, var, eps=1e-6, rtol=1e-5, atol=1e-7):
    """The tape's gradient of sum(w * layer(x)) w.r.t. ``var`` against central differences."""
    w = RNG.standard_normal(np.shape(layer(x)))
    with tf.GradientTape() as t:
        y = tf.reduce_sum(layer(x) * w)
    g = t.gradient(y, var).numpy()
    base = var.numpy().copy()
    num = np.zeros_like(base)
    for i in np.ndindex(base.shape):
        for sgn in (1, -1):
            v = base.copy()
            v[i] += sgn * eps
            var.assign(v)
            num[i] += sgn * float(tf.reduce_sum(layer(x) * w)) / (2 * eps)
    var.assign(base)
    np.testing.assert_allclose(g, num, rtol=rtol, atol=atol)


# --- activations -----------------------------------------------------------------------------------


def test_leaky_relu_default_and_alpha_alias_warns():
    close(layers.LeakyReLU()(A), "leaky")
    with pytest.warns(UserWarning, match="Argument `alpha` is deprecated. Use `negative_slope` instead."):
        lay = layers.LeakyReLU(alpha=0.1)
    close(lay(A), "leaky_alpha")
    assert lay.get_config()["negative_slope"] == 0.1 and "alpha" not in lay.get_config()
    with pytest.raises(ValueError, match="cannot be None or negative"):
        layers.LeakyReLU(negative_slope=-1.0)


@pytest.mark.parametrize("i,kw", list(enumerate([
    dict(max_value=1.0), dict(threshold=1.0), dict(negative_slope=0.1), dict(negative_slope=0.2, threshold=0.5),
    dict(negative_slope=0.2, max_value=1.5, threshold=0.5), dict(max_value=6.0)])))
def test_relu_matches_keras(i, kw):
    close(layers.ReLU(**kw)(A), f"relu{i}")


def test_relu_errors_and_int_input():
    for kw in (dict(max_value=-1.0), dict(negative_slope=-0.1), dict(threshold=-1.0)):
        with pytest.raises(ValueError, match="ReLU layer"):
            layers.ReLU(**kw)
    y = layers.ReLU()(np.array([[-1, 2]]))
    assert y.dtype == tf.int64 and y.numpy().tolist() == [[0, 2]]  # Keras keeps integer inputs too


def test_elu_and_softmax():
    close(layers.ELU(alpha=0.5)(A), "elu")
    close(layers.Softmax()(S), "sm")
    close(layers.Softmax(axis=1)(S), "sm1")
    close(layers.Softmax(axis=[1, 2])(S), "sm12")


def test_softmax_mask():
    y = layers.Softmax()(S, mask=M)
    close(y, "smmask")
    assert y.numpy()[0, :, 2].tolist() == [0.0, 0.0, 0.0] and np.all(y.numpy()[1] == 0.0)
    close(layers.Softmax(axis=[1, 2])(S, mask=M.astype("float32") * 0.7), "smmask12")
    with pytest.raises(ValueError, match="must be broadcastable"):
        layers.Softmax()(S, mask=np.ones((2, 3, 3), bool))


def test_prelu_weight_shape_values_and_config():
    p = layers.PReLU(shared_axes=[1])
    p.build(tf.TensorShape([None, 3, 4]))
    assert [w.name for w in p.weights] == ["alpha"] and p.alpha.shape.as_list() == [1, 4]
    p.set_weights([np.array([[0.1, 0.2, -0.3, 2.0]], "float32")])
    close(p(S), "prelu")
    cfg = p.get_config()
    assert sorted(cfg) == CONFIG_KEYS["PReLU"] and cfg["shared_axes"] == [1]
    assert cfg["alpha_initializer"]["class_name"] == "Zeros"
    with pytest.raises(ValueError, match="incompatible"):
        p(np.zeros((2, 3, 5), "float32"))


@pytest.mark.parametrize("name", ["LeakyReLU", "ReLU", "Softmax", "ELU", "UnitNormalization"])
def test_config_keys_and_round_trip(name):
    lay = getattr(layers, name)()
    cfg = lay.get_config()
    assert sorted(cfg) == CONFIG_KEYS[name]
    again = getattr(layers, name).from_config(cfg)
    assert again.get_config() == cfg


def test_no_thresholded_relu():
    assert not hasattr(layers, "ThresholdedReLU")  # Keras 3 removed it


def test_activation_gradients_order2():
    xs = [RNG.standard_normal((3, 4)) * 2]
    for lay in [layers.LeakyReLU(dtype="float64"), layers.ReLU(negative_slope=0.2, max_value=1.5, threshold=0.5,
                                                                 dtype="float64"),
                layers.ELU(alpha=0.5, dtype="float64"), layers.Softmax(axis=[0, 1], dtype="float64")]:
        check_grads(lambda x, lay=lay: lay(x), xs, order=2)
    sm = layers.Softmax(dtype="float64")
    check_grads(lambda x: sm(x, mask=np.array([True, False, True, True])), xs, order=2)


def test_prelu_gradients():
    p = layers.PReLU(alpha_initializer=keras.initializers.Constant(0.3), shared_axes=2, dtype="float64")
    x = RNG.standard_normal((3, 2, 4))
    check_grads(lambda t: p(t), [x], order=2)
    weight_grad_check(p, tf.constant(x), p.alpha)


# --- normalization ---------------------------------------------------------------------------------


def test_group_normalization_matches_keras():
    g = layers.GroupNormalization(groups=2)
    g.build(tf.TensorShape([None, 3, 4]))
    assert [w.name for w in g.weights] == ["gamma", "beta"]
    g.set_weights([np.array([1.0, 2.0, 3.0, 4.0], "float32"), np.array([0.1, 0.2, 0.3, 0.4], "float32")])
    close(g(S), "gn")
    close(layers.GroupNormalization(groups=3, axis=1, epsilon=0.1)(S), "gn_ax1")
    inst = layers.GroupNormalization(groups=-1)
    close(inst(S), "gn_inst")
    assert inst.groups == 4
    assert sorted(g.get_config()) == CONFIG_KEYS["GroupNormalization"]


def test_group_normalization_errors():
    with pytest.raises(ValueError, match="must be a multiple"):
        layers.GroupNormalization(groups=3)(S)
    with pytest.raises(ValueError, match="cannot be more than"):
        layers.GroupNormalization(groups=8)(S)
    with pytest.raises(ValueError, match="invalid value for argument `groups`"):
        layers.GroupNormalization(groups=0)


def test_group_normalization_gradients():
    g = layers.GroupNormalization(groups=2, dtype="float64")
    x = RNG.standard_normal((2, 3, 4))
    g.build(tf.TensorShape([None, 3, 4]))
    g.gamma.assign(RNG.standard_normal(4))
    check_grads(lambda t: g(t), [x], order=2)
    weight_grad_check(g, tf.constant(x), g.gamma)
    weight_grad_check(g, tf.constant(x), g.beta)


def test_unit_normalization():
    close(layers.UnitNormalization()(S), "un")
    close(layers.UnitNormalization(axis=[1, 2])(S), "un12")
    assert layers.UnitNormalization()(np.zeros((1, 3), "float32")).numpy().tolist() == [[0.0, 0.0, 0.0]]
    with pytest.raises(TypeError, match="Invalid value for `axis`"):
        layers.UnitNormalization(axis="x")
    u = layers.UnitNormalization(axis=[0, 1], dtype="float64")
    check_grads(lambda t: u(t), [RNG.standard_normal((2, 3))], order=2)


def test_layer_normalization_rms_scaling_and_configs():
    with pytest.warns(UserWarning, match="rms_scaling=True"):
        ln = layers.LayerNormalization(rms_scaling=True)
    ln.build(tf.TensorShape([None, 3, 4]))
    assert [w.name for w in ln.weights] == ["gamma"]
    ln.set_weights([np.array([1.0, 2.0, 3.0, 4.0], "float32")])
    close(ln(S), "lnrms")
    cfg = ln.get_config()
    assert sorted(cfg) == CONFIG_KEYS["LayerNormalization"] and cfg["rms_scaling"] and cfg["center"]
    assert sorted(layers.BatchNormalization().get_config()) == CONFIG_KEYS["BatchNormalization"]
    bn = layers.BatchNormalization.from_config(layers.BatchNormalization(momentum=0.9).get_config())
    assert bn.momentum == 0.9


def test_spectral_normalization():
    sn = layers.SpectralNormalization(layers.Dense(3, kernel_initializer=keras.initializers.Constant(
        np.arange(6.0).reshape(2, 3))))
    sn.build(tf.TensorShape([None, 2]))
    assert [w.name for w in sn.weights] == ["kernel", "vector_u", "bias"]  # Keras's order
    assert [w.name for w in sn.trainable_weights] == ["kernel", "bias"]
    sn.vector_u.assign(np.array([[0.3, -0.2, 0.5]], "float32"))
    close(sn(np.ones((1, 2), "float32"), training=True), "sn_out")
    close(sn.layer.kernel, "sn_kernel")
    close(sn.vector_u, "sn_u")
    k = sn.layer.kernel.numpy()
    sn(np.ones((1, 2), "float32"))  # inference: the kernel is left alone
    np.testing.assert_array_equal(sn.layer.kernel.numpy(), k)
    cfg = sn.get_config()
    assert sorted(cfg) == CONFIG_KEYS["SpectralNormalization"] and cfg["layer"]["class_name"] == "Dense"
    again = layers.SpectralNormalization.from_config(cfg)
    assert again.layer.units == 3 and again.power_iterations == 1
    with pytest.raises(ValueError, match="power_iterations"):
        layers.SpectralNormalization(layers.Dense(2), power_iterations=0)
    with pytest.raises(ValueError, match="no attribute 'kernel' nor 'embeddings'"):
        layers.SpectralNormalization(layers.ReLU())(np.ones((1, 2), "float32"))


# --- merging -----------------------------------------------------------------------------------------


def test_dot_matches_keras():
    close(layers.Dot(axes=(1, 2))([X1, X2]), "dot12")
    close(layers.Dot(axes=(1, 2), normalize=True)([X1, X2]), "dotn")
    y = layers.Dot(axes=1)([Y1, Y2])
    assert y.shape.as_list() == [2, 1]
    close(y, "dot22")
    close(layers.Dot(axes=-1, normalize=True)([Y1, Y2]), "dot22n")
    close(layers.Dot(axes=(1, 2))([Y1, X1]), "dot23")
    close(layers.dot([Y1, Y2], axes=1), "dot22")
    d = layers.Dot(axes=(2, 3))
    out = d([np.ones((2, 3, 4, 5), "float32"), np.ones((2, 2, 6, 4), "float32")])
    assert out.shape.as_list() == [2, 3, 5, 2, 6] and float(out.numpy()[0, 0, 0, 0, 0]) == 4.0
    assert d.compute_output_shape([(None, 3, 4, 5), (None, 2, 6, 4)]) == (None, 3, 5, 2, 6)
    assert layers.Dot(axes=1).compute_output_shape([(None, 4), (None, 4)]) == (None, 1)
    assert sorted(layers.Dot(axes=1).get_config()) == CONFIG_KEYS["Dot"]


def test_dot_errors():
    with pytest.raises(ValueError, match="Incompatible input shapes"):
        layers.Dot(axes=1)([Y1, X1])
    with pytest.raises(ValueError, match="batch_dot over axis 0"):
        layers.Dot(axes=0)([Y1, Y2])
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        layers.Dot(axes=1)([Y1, Y2, Y1])
    with pytest.raises(TypeError, match="Invalid type for argument `axes`"):
        layers.Dot(axes="1")
    with pytest.raises(ValueError, match="two elements"):
        layers.Dot(axes=(1, 2, 3))


def test_dot_gradients_order2():
    d = layers.Dot(axes=(1, 2), dtype="float64")
    check_grads(lambda a, b: d([a, b]), [RNG.standard_normal((2, 3, 4)), RNG.standard_normal((2, 4, 3))], order=2)
    dn = layers.Dot(axes=1, normalize=True, dtype="float64")
    check_grads(lambda a, b: dn([a, b]), [RNG.standard_normal((2, 4)), RNG.standard_normal((2, 4))], order=2)


def test_functional_merge_helpers():
    np.testing.assert_allclose(layers.subtract([Y1, Y2]).numpy(), Y1 - Y2)
    np.testing.assert_allclose(layers.multiply([Y1, Y2]).numpy(), Y1 * Y2)
    np.testing.assert_allclose(layers.average([Y1, Y2, Y1]).numpy(), (2 * Y1 + Y2) / 3, rtol=1e-6)
    np.testing.assert_allclose(layers.maximum([Y1, Y2]).numpy(), np.maximum(Y1, Y2))
    np.testing.assert_allclose(layers.minimum([Y1, Y2]).numpy(), np.minimum(Y1, Y2))
    a, b = keras.Input((4,)), keras.Input((4,))
    m = keras.Model([a, b], [layers.dot([a, b], axes=1), layers.subtract([a, b])])
    d, s = m([Y1, Y2])
    assert d.shape.as_list() == [2, 1]
    np.testing.assert_allclose(s.numpy(), Y1 - Y2)


# --- in models ---------------------------------------------------------------------------------------


def test_layers_in_a_trained_model():
    tf.random.set_seed(1)
    model = keras.Sequential([
        keras.Input((6,)), layers.Dense(8), layers.PReLU(), layers.GroupNormalization(groups=2),
        layers.LeakyReLU(), layers.Dense(4), layers.ELU(), layers.UnitNormalization(), layers.Dense(3),
        layers.Softmax(),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x = RNG.standard_normal((32, 6)).astype("float32")
    y = (x[:, 0] > 0).astype("int32") + (x[:, 1] > 0).astype("int32")
    alpha0 = model.layers[1].alpha.numpy().copy()
    hist = model.fit(x, y, epochs=5, batch_size=8, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]
    assert not np.array_equal(model.layers[1].alpha.numpy(), alpha0)
    p = model.predict(x[:3], verbose=0)
    np.testing.assert_allclose(p.sum(-1), 1.0, rtol=1e-5)


def test_functional_model_with_spectral_norm_and_masking():
    inp = keras.Input((5,))
    out = layers.SpectralNormalization(layers.Dense(2))(inp)
    m = keras.Model(inp, out)
    assert m(np.ones((3, 5), "float32"), training=True).shape.as_list() == [3, 2]
    emb = layers.Embedding(6, 4, mask_zero=True)
    seq = np.array([[1, 2, 0, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the activation layers pass the mask on without a warning
        h = layers.ReLU()(emb(seq))
    assert h._keras_mask.numpy().tolist() == [[True, True, False, False]]


def test_relu_activation_threshold_as_keras():
    # values printed by Keras 3.15 (keras.activations.relu)
    x = tf.constant([-2.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0])
    r = tf.keras.activations.relu
    assert r(x, threshold=1.0).numpy().tolist() == [0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 3.0]
    assert str(r(x, threshold=1.0).numpy()[0]) == "0.0"  # not -0.0
    np.testing.assert_allclose(r(x, threshold=1.0, negative_slope=0.1, max_value=2.5).numpy(),
                               [-0.3, -0.15, -0.1, -0.05, 0.0, 2.0, 2.5], rtol=1e-6)


def test_rescaling_with_array_offset():
    out = tf.keras.layers.Rescaling(2.0, offset=np.array([1.0, -1.0], "float32"))(tf.constant([[1.0, 1.0]]))
    assert out.numpy().tolist() == [[3.0, 1.0]]
