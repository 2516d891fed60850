"""keras.optimizers (second part): every Keras 3 optimizer's update rule against values Keras 3.15
printed for the same weights and gradients, slot names and order, the build-once contract,
subclasses calling ``super().update_step``, LossScaleOptimizer, CosineDecayRestarts and configs."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import optimizers
from tapeflow.keras.optimizers import schedules

W0 = [np.array([[0.5, -1.0], [2.0, 0.25]], np.float32), np.array([0.1, -0.3], np.float32)]
G = [[np.array([[0.2, -0.4], [1.0, 0.0]], np.float32), np.array([-0.5, 0.3], np.float32)],
     [np.array([[-0.1, 0.6], [0.3, -0.2]], np.float32), np.array([0.25, 0.75], np.float32)],
     [np.array([[0.05, 0.1], [-0.7, 0.4]], np.float32), np.array([-1.0, 0.0], np.float32)]]

# (optimizer, kwargs, weights after 3 steps, optimizer variable names), printed by Keras 3.15
EXPECTED = [
    ('SGD', {'learning_rate': 0.1, 'momentum': 0.9, 'nesterov': True}, [[[0.44881999492645264, -1.0440399646759033], [1.7077999114990234, 0.22819998860359192]], [0.39419999718666077, -0.6064200401306152]], ['iteration', 'learning_rate', 'w0_momentum', 'w1_momentum']),
    ('Adam', {'learning_rate': 0.01, 'amsgrad': True}, [[[0.4839326739311218, -0.9952517151832581], [1.97951078414917, 0.2542983293533325]], [0.1192442774772644, -0.3266570568084717]], ['iteration', 'learning_rate', 'w0_momentum', 'w0_velocity', 'w1_momentum', 'w1_velocity', 'w0_velocity_hat', 'w1_velocity_hat']),
    ('AdamW', {'learning_rate': 0.01, 'weight_decay': 0.1}, [[[0.48245683312416077, -0.9922721982002258], [1.9735453128814697, 0.25354164838790894]], [0.1189219206571579, -0.32573220133781433]], ['iteration', 'learning_rate', 'w0_momentum', 'w0_velocity', 'w1_momentum', 'w1_velocity']),
    ('RMSprop', {'learning_rate': 0.01, 'momentum': 0.5, 'centered': True}, [[[0.45626145601272583, -0.9866822957992554], [1.9451311826705933, 0.2710685133934021]], [0.16594871878623962, -0.40676942467689514]], ['iteration', 'learning_rate', 'w0_velocity', 'w1_velocity', 'w0_momentum', 'w1_momentum', 'w0_average_gradient', 'w1_average_gradient']),
    ('Adagrad', {'learning_rate': 0.1}, [[[0.4595639705657959, -1.0103524923324585], [1.9311590194702148, 0.23042255640029907]], [0.22973109781742096, -0.4552832841873169]], ['iteration', 'learning_rate', 'w0_accumulator', 'w1_accumulator']),
    ('Adamax', {'learning_rate': 0.05}, [[[0.4281860589981079, -0.9702531695365906], [1.9113644361495972, 0.26616817712783813]], [0.18230803310871124, -0.40839508175849915]], ['iteration', 'learning_rate', 'w0_momentum', 'w0_norm', 'w1_momentum', 'w1_norm']),
    ('Nadam', {'learning_rate': 0.05}, [[[0.4533233940601349, -0.9961295127868652], [1.954399824142456, 0.2552085518836975]], [0.18090391159057617, -0.4073271155357361]], ['iteration', 'learning_rate', 'w0_momentum', 'w0_velocity', 'w1_momentum', 'w1_velocity', 'variable']),
    ('Adadelta', {'learning_rate': 1.0, 'rho': 0.9}, [[[0.4992947578430176, -1.0004632472991943], [1.9994330406188965, 0.24972224235534668]], [0.10170254111289978, -0.3023222088813782]], ['iteration', 'learning_rate', 'w0_accumulated_grad', 'w0_accumulated_delta_var', 'w1_accumulated_grad', 'w1_accumulated_delta_var']),
    ('Ftrl', {'learning_rate': 0.1, 'l1_regularization_strength': 0.01, 'l2_regularization_strength': 0.02, 'l2_shrinkage_regularization_strength': 0.01, 'beta': 0.1}, [[[0.024617331102490425, -0.3226398229598999], [1.2011337280273438, -0.019736232236027718]], [0.1532011777162552, -0.19564980268478394]], ['iteration', 'learning_rate', 'w0_accumulator', 'w0_linear', 'w1_accumulator', 'w1_linear']),
    ('Lion', {'learning_rate': 0.05}, [[[0.44999998807907104, -1.0499999523162842], [1.9500000476837158, 0.25]], [0.15000000596046448, -0.4500000476837158]], ['iteration', 'learning_rate', 'w0_momentum', 'w1_momentum']),
    ('Lamb', {'learning_rate': 0.05}, [[[0.34501445293426514, -1.0083876848220825], [1.8180466890335083, 0.259977251291275]], [0.12733250856399536, -0.33993175625801086]], ['iteration', 'learning_rate', 'w0_momentum', 'w0_velocity', 'w1_momentum', 'w1_velocity']),
    ('Adafactor', {'learning_rate': 0.1}, [[[0.46825942397117615, -1.0287950038909912], [1.9756678342819214, 0.19846248626708984]], [0.1430448740720749, -0.35277894139289856]], ['iteration', 'learning_rate', 'w0', 'w0', 'w0_velocity', 'w1', 'w1', 'w1_velocity']),
    ('Adam', {'learning_rate': 0.01, 'global_clipnorm': 0.5, 'use_ema': True, 'ema_momentum': 0.5}, [[[0.485144704580307, -0.9963244795799255], [1.9789109230041504, 0.2549681067466736]], [0.11830451339483261, -0.3263256847858429]], ['iteration', 'learning_rate', 'w0_average', 'w1_average', 'w0_momentum', 'w0_velocity', 'w1_momentum', 'w1_velocity']),
    ('SGD', {'learning_rate': 0.1, 'gradient_accumulation_steps': 2, 'momentum': 0.5}, [[[0.4950000047683716, -1.0099999904632568], [1.934999942779541, 0.25999999046325684]], [0.11250000447034836, -0.3525000214576721]], ['iteration', 'learning_rate', 'w0_gradient_accumulator', 'w1_gradient_accumulator', 'w0_momentum', 'w1_momentum']),
]


@pytest.mark.parametrize("name,kwargs,weights,names", EXPECTED, ids=[f"{c[0]}{i}" for i, c in enumerate(EXPECTED)])
def test_update_rules_match_keras(name, kwargs, weights, names):
    keras.backend.clear_session()
    opt = getattr(optimizers, name)(**kwargs)
    vs = [keras.Variable(w.copy(), name=f"w{i}") for i, w in enumerate(W0)]
    for gs in G:
        opt.apply_gradients(zip([tf.constant(g) for g in gs], vs))
    for v, want in zip(vs, weights):
        np.testing.assert_allclose(v.numpy(), np.array(want, np.float32), rtol=2e-5, atol=2e-6)
        assert v.dtype == tf.float32
    assert [v.name for v in opt.variables] == names


def test_slot_names_follow_variable_paths_and_keras_order():
    keras.backend.clear_session()
    d = keras.layers.Dense(2)
    d.build((None, 3))
    opt = optimizers.RMSprop(momentum=0.5)
    opt.apply_gradients(zip([tf.ones_like(w) for w in d.trainable_variables], d.trainable_variables))
    assert [v.path for v in opt.variables] == [
        "rm_sprop/iteration", "rm_sprop/learning_rate", "rm_sprop/dense_kernel_velocity",
        "rm_sprop/dense_bias_velocity", "rm_sprop/dense_kernel_momentum", "rm_sprop/dense_bias_momentum"]
    sgd = optimizers.SGD(momentum=0.9)
    sgd.build(d.trainable_variables)
    assert [v.name for v in sgd.variables][2:] == ["dense_kernel_momentum", "dense_bias_momentum"]
    plain = optimizers.Adam()
    plain.build([tf.Variable([1.0], name="myvar")])
    assert [v.name for v in plain.variables][2:] == ["myvar_0_momentum", "myvar_0_velocity"]
    # auto names count up as in Keras
    assert optimizers.Adam().name == "adam_1" and optimizers.SGD(name="x").name == "x"


def test_unknown_variable_raises_after_build():
    v, w = tf.Variable([1.0]), tf.Variable([2.0])
    opt = optimizers.Adam()
    opt.apply_gradients([(tf.constant([1.0]), v)])  # builds on v
    with pytest.raises(ValueError, match=r"Unknown variable: <tf.Variable 'Variable:0'.*originally built with"):
        opt.apply_gradients([(tf.constant([1.0]), w)])
    assert w.numpy().tolist() == [2.0]  # untouched
    custom = optimizers.SGD(0.1)
    custom.build([v])
    with pytest.raises(ValueError, match="Unknown variable"):
        custom.apply([tf.constant([1.0])], [w])
    with pytest.raises(ValueError, match="must already be built"):
        optimizers.SGD().apply([tf.constant([1.0])])


def test_subclass_update_step_calling_super():
    class DoubleSGD(optimizers.SGD):
        def update_step(self, gradient, variable, learning_rate):
            super().update_step(gradient * 2.0, variable, learning_rate)

    v = tf.Variable([1.0, 2.0])
    opt = DoubleSGD(learning_rate=0.1, momentum=0.5)
    for _ in range(2):
        opt.apply_gradients([(tf.constant([1.0, -1.0]), v)])
    np.testing.assert_allclose(v.numpy(), [0.5, 2.5], rtol=1e-6)  # Keras 3.15

    class HalfAdam(optimizers.Adam):
        def update_step(self, gradient, variable, learning_rate):
            super().update_step(gradient, variable, learning_rate * 0.5)

    v = tf.Variable([1.0, 2.0])
    opt = HalfAdam(learning_rate=0.1)
    for _ in range(2):
        opt.apply_gradients([(tf.constant([1.0, -3.0]), v)])
    np.testing.assert_allclose(v.numpy(), [0.9000011682510376, 2.099999189376831], rtol=1e-6)
    assert int(opt.iterations) == 2


def test_constructor_checks_as_keras():
    for bad in (1, np.float32(0.1), tf.constant(0.1)):
        with pytest.raises(ValueError, match="Argument `learning_rate` should be float"):
            optimizers.SGD(bad)
    assert float(optimizers.SGD(np.float64(0.5)).learning_rate) == 0.5
    with pytest.raises(ValueError, match=r"`momentum` must be a float between \[0, 1\]"):
        optimizers.SGD(momentum=1)
    with pytest.raises(ValueError, match="not recognized"):
        optimizers.Nadam(foo=1)
    with pytest.raises(ValueError, match="degenerates to SignSGD"):
        optimizers.Lion(beta_1=0.0)
    with pytest.raises(ValueError, match="`learning_rate_power` needs to be negative or zero"):
        optimizers.Ftrl(learning_rate_power=0.5)
    with pytest.raises(ValueError, match="Only one of `clipnorm`"):
        optimizers.Adam(clipnorm=1.0, clipvalue=1.0)


def test_configs_as_keras():
    keras.backend.clear_session()
    assert optimizers.SGD(0.1, clipnorm=1).get_config() == {
        "name": "sgd", "learning_rate": 0.10000000149011612, "weight_decay": None, "clipnorm": 1,
        "global_clipnorm": None, "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
        "ema_overwrite_frequency": None, "loss_scale_factor": None, "gradient_accumulation_steps": None,
        "momentum": 0.0, "nesterov": False}
    cfg = optimizers.Ftrl().get_config()
    assert list(cfg)[-6:] == ["learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
                              "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta"]
    assert optimizers.AdamW().get_config()["name"] == "adam_w"
    assert optimizers.Lion().get_config()["beta_2"] == 0.99
    assert optimizers.Adafactor().get_config()["epsilon_1"] == 1e-30
    sched = optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 10, 0.5)).get_config()["learning_rate"]
    assert sched == {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay",
                     "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                                "staircase": False, "name": "ExponentialDecay"}, "registered_name": None}
    ser = optimizers.serialize(optimizers.Lamb(0.01))
    assert ser["module"] == "keras.optimizers" and ser["class_name"] == "Lamb" and ser["registered_name"] is None
    again = optimizers.deserialize(ser)
    assert isinstance(again, optimizers.Lamb) and float(again.learning_rate) == pytest.approx(0.01)
    for n in ("adamax", "nadam", "adadelta", "ftrl", "lion", "lamb", "adafactor"):
        assert type(optimizers.get(n)).__name__.lower() == n


def test_apply_returns_none_apply_gradients_returns_iterations():
    v = tf.Variable(1.0)
    opt = optimizers.SGD(0.5)
    assert opt.apply([tf.constant(1.0)], [v]) is None
    it = opt.apply_gradients([(tf.constant(1.0), v)])
    assert it is opt.iterations and int(it) == 2 and float(v) == 0.0


def test_clip_zero_means_no_clipping_and_accumulation_iterations():
    for kw in ({"clipvalue": 0.0}, {"clipnorm": 0.0}):
        v = tf.Variable([1.0, 2.0])
        optimizers.SGD(1.0, **kw).apply_gradients([(tf.constant([3.0, -4.0]), v)])
        assert v.numpy().tolist() == [-2.0, 6.0]  # Keras 3.15
    v = tf.Variable([1.0, 2.0])
    optimizers.SGD(1.0, global_clipnorm=0.3).apply_gradients([(tf.constant([0.1, -0.1]), v)])
    np.testing.assert_allclose(v.numpy(), [0.8999999761581421, 2.0999999046325684], rtol=1e-7)
    w = tf.Variable(0.0)
    acc = optimizers.SGD(1.0, gradient_accumulation_steps=2)
    acc.apply_gradients([(tf.constant(1.0), w)])
    assert float(w) == 0.0 and int(acc.iterations) == 0
    acc.apply_gradients([(tf.constant(3.0), w)])
    assert float(w) == -2.0 and int(acc.iterations) == 1 and int(acc._iterations) == 2


def test_loss_scale_optimizer_dynamic_scale():
    keras.backend.clear_session()
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(0.1), initial_scale=8.0, dynamic_growth_steps=2)
    v = tf.Variable(1.0)
    seen = []
    for g in [8.0, 8.0, 16.0, float("nan"), 8.0]:
        r = opt.apply_gradients([(tf.constant(g), v)])
        seen.append((round(float(v), 6), float(opt.dynamic_scale), int(opt.step_counter), int(opt.iterations), int(r)))
    # Keras 3.15 (the returned counter is the wrapper's own, never advanced)
    assert seen == [(0.9, 8.0, 1, 1, 0), (0.8, 16.0, 0, 2, 0), (0.7, 16.0, 1, 3, 0), (0.7, 8.0, 0, 3, 0),
                    (0.6, 8.0, 1, 4, 0)]
    assert [x.path for x in opt.variables] == [
        "loss_scale_optimizer/iteration", "loss_scale_optimizer/learning_rate", "loss_scale_optimizer/step_counter",
        "loss_scale_optimizer/dynamic_scale", "sgd/iteration", "sgd/learning_rate"]
    assert float(opt.scale_loss(tf.constant(2.0))) == 16.0
    assert float(optimizers.LossScaleOptimizer(optimizers.SGD()).scale_loss(2.0)) == 65536.0
    cfg = opt.get_config()
    assert cfg["inner_optimizer"]["class_name"] == "SGD" and cfg["initial_scale"] == 8.0
    again = optimizers.LossScaleOptimizer.from_config(cfg)
    assert isinstance(again.inner_optimizer, optimizers.SGD)
    with pytest.raises(ValueError, match="does not support `clipnorm`"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), clipnorm=1.0)


def test_cosine_decay_restarts_and_schedule_configs():
    s = schedules.CosineDecayRestarts(0.5, 4, t_mul=1.5, m_mul=0.8, alpha=0.1)
    got = [float(s(i)) for i in (0, 2, 4, 5, 9, 10, 17)]
    want = [0.5, 0.2749999761581421, 0.4099999964237213, 0.3858845829963684, 0.07411543279886246,
            0.33800002932548523, 0.08368957787752151]  # Keras 3.15
    np.testing.assert_allclose(got, want, rtol=2e-6)
    s1 = schedules.CosineDecayRestarts(1.0, 10, t_mul=1.0, m_mul=0.9)
    np.testing.assert_allclose([float(s1(i)) for i in range(0, 45, 5)],
                               [1.0, 0.5, 0.9, 0.45, 0.81, 0.405, 0.729, 0.3645, 0.6561], rtol=1e-6)
    assert s.get_config() == {"initial_learning_rate": 0.5, "first_decay_steps": 4, "t_mul": 1.5, "m_mul": 0.8,
                              "alpha": 0.1, "name": "SGDRDecay"}
    assert schedules.ExponentialDecay(0.1, 10, 0.5).get_config()["decay_steps"] == 10  # kept an int
    with pytest.raises(ValueError, match="first_decay_steps"):
        schedules.CosineDecayRestarts(0.1, 0)
