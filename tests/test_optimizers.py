"""keras.optimizers and keras.optimizers.schedules against hand-written NumPy versions of Keras 3's rules."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.errors import InvalidArgumentError
from tapeflow.keras import optimizers
from tapeflow.keras.optimizers import schedules

SHAPES = [(3, 4), (4,), ()]


def _grads(rng, steps):
    return [[rng.standard_normal(s).astype(np.float32) for s in SHAPES] for _ in range(steps)]


def _run(opt, init, grads):
    vs = [tf.Variable(a.copy()) for a in init]
    for gs in grads:
        opt.apply_gradients(zip([tf.constant(g) for g in gs], vs))
    return [v.numpy() for v in vs]


# --- reference formulas (Keras 3), written independently in NumPy -------------------------------

def ref_sgd(w, grads, lr, momentum=0.0, nesterov=False):
    w = w.astype(np.float64)
    m = np.zeros_like(w)
    for g in grads:
        if momentum == 0:
            w = w - lr * g
        else:
            m = momentum * m - lr * g
            w = w + (momentum * m - lr * g if nesterov else m)
    return w


def ref_adam(w, grads, lr, b1=0.9, b2=0.999, eps=1e-7, amsgrad=False, wd=None):
    w = w.astype(np.float64)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    vmax = np.zeros_like(w)
    for t, g in enumerate(grads, start=1):
        if wd is not None:
            w = w - w * wd * lr
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        lr_t = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        if amsgrad:
            vmax = np.maximum(vmax, v)
            w = w - lr_t * m / (np.sqrt(vmax) + eps)
        else:
            w = w - lr_t * m / (np.sqrt(v) + eps)
    return w


def ref_rmsprop(w, grads, lr, rho=0.9, momentum=0.0, eps=1e-7, centered=False):
    w = w.astype(np.float64)
    s = np.zeros_like(w)
    a = np.zeros_like(w)
    mom = np.zeros_like(w)
    for g in grads:
        s = rho * s + (1 - rho) * g * g
        if centered:
            a = rho * a + (1 - rho) * g
            inc = lr * g / np.sqrt(s - a * a + eps)
        else:
            inc = lr * g / np.sqrt(s + eps)
        if momentum > 0:
            mom = momentum * mom + inc
            w = w - mom
        else:
            w = w - inc
    return w


def ref_adagrad(w, grads, lr, init=0.1, eps=1e-7):
    w = w.astype(np.float64)
    acc = np.full_like(w, init)
    for g in grads:
        acc = acc + g * g
        w = w - lr * g / np.sqrt(acc + eps)
    return w


CASES = [
    (lambda: optimizers.SGD(0.1), lambda w, gs: ref_sgd(w, gs, 0.1)),
    (lambda: optimizers.SGD(0.1, momentum=0.9), lambda w, gs: ref_sgd(w, gs, 0.1, 0.9)),
    (lambda: optimizers.SGD(0.1, momentum=0.5, nesterov=True), lambda w, gs: ref_sgd(w, gs, 0.1, 0.5, True)),
    (lambda: optimizers.Adam(0.01), lambda w, gs: ref_adam(w, gs, 0.01)),
    (lambda: optimizers.Adam(0.01, beta_1=0.8, beta_2=0.99, amsgrad=True),
     lambda w, gs: ref_adam(w, gs, 0.01, 0.8, 0.99, amsgrad=True)),
    (lambda: optimizers.AdamW(0.01), lambda w, gs: ref_adam(w, gs, 0.01, wd=0.004)),
    (lambda: optimizers.AdamW(0.01, weight_decay=0.1), lambda w, gs: ref_adam(w, gs, 0.01, wd=0.1)),
    (lambda: optimizers.RMSprop(0.01), lambda w, gs: ref_rmsprop(w, gs, 0.01)),
    (lambda: optimizers.RMSprop(0.01, rho=0.8, momentum=0.9, centered=True),
     lambda w, gs: ref_rmsprop(w, gs, 0.01, 0.8, 0.9, centered=True)),
    (lambda: optimizers.Adagrad(0.1), lambda w, gs: ref_adagrad(w, gs, 0.1)),
    (lambda: optimizers.Adagrad(0.1, initial_accumulator_value=0.5), lambda w, gs: ref_adagrad(w, gs, 0.1, 0.5)),
]


@pytest.mark.parametrize("make,ref", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_updates_match_reference(make, ref):
    rng = np.random.default_rng(0)
    init = [rng.standard_normal(s).astype(np.float32) for s in SHAPES]
    grads = _grads(rng, 4)
    opt = make()
    got = _run(opt, init, grads)
    for i, (w, out) in enumerate(zip(init, got)):
        expected = ref(w, [gs[i] for gs in grads])
        np.testing.assert_allclose(out, expected, rtol=2e-5, atol=1e-6)
        assert out.dtype == np.float32
    assert int(opt.iterations) == 4
    assert opt.iterations.dtype == tf.int64


def test_float64_variables_and_update_step_directly():
    v = tf.Variable(np.array([1.0, -2.0]))
    opt = optimizers.Adam(0.1)
    opt.build([v])
    opt.update_step(tf.constant([0.5, 0.5], dtype=tf.float64), v, 0.1)
    np.testing.assert_allclose(v.numpy(), ref_adam(np.array([1.0, -2.0]), [np.array([0.5, 0.5])], 0.1), rtol=1e-12)
    assert v.dtype == tf.float64


def test_defaults_match_keras():
    assert float(optimizers.SGD().learning_rate) == pytest.approx(0.01)
    a = optimizers.Adam()
    assert (a.beta_1, a.beta_2, a.epsilon, a.amsgrad) == (0.9, 0.999, 1e-7, False)
    assert float(a.learning_rate) == pytest.approx(0.001)
    assert optimizers.AdamW().weight_decay == 0.004
    r = optimizers.RMSprop()
    assert (r.rho, r.momentum, r.epsilon, r.centered) == (0.9, 0.0, 1e-7, False)
    g = optimizers.Adagrad()
    assert (g.initial_accumulator_value, g.epsilon) == (0.1, 1e-7)
    assert float(g.learning_rate) == pytest.approx(0.001)


def test_new_values_are_new_arrays_tape_values_untouched():
    v = tf.Variable([1.0, 2.0])
    before = v._t._value
    snapshot = before.copy()
    opt = optimizers.SGD(0.5, momentum=0.9)
    for _ in range(2):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    np.testing.assert_array_equal(before, snapshot)
    assert v._t._value is not before


def test_gradient_tape_training_reduces_loss():
    rng = np.random.default_rng(1)
    xs = rng.standard_normal((16, 3)).astype(np.float32)
    x = tf.constant(xs)
    y = tf.constant((xs @ np.array([[1.0], [-2.0], [0.5]])).astype(np.float32))
    w = tf.Variable(np.zeros((3, 1), np.float32))
    opt = optimizers.Adam(0.1)
    losses = []
    for _ in range(60):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
        opt.apply_gradients(zip(tape.gradient(loss, [w]), [w]))
        losses.append(float(loss))
    assert losses[-1] < 0.05 * losses[0]


def test_learning_rate_assignment():
    opt = optimizers.SGD(learning_rate=0.1)
    v = tf.Variable(1.0)
    opt.learning_rate = 0.5
    assert float(opt.learning_rate) == 0.5
    opt.apply_gradients([(tf.constant(1.0), v)])
    assert float(v) == pytest.approx(0.5)
    opt.learning_rate = tf.constant(0.25)
    opt.apply_gradients([(tf.constant(1.0), v)])
    assert float(v) == pytest.approx(0.25)
    assert opt.learning_rate.numpy() == np.float32(0.25)
    assert opt.lr is opt.learning_rate
    assert any(x is opt.learning_rate for x in opt.variables)


def test_schedule_learning_rate_evaluated_at_iterations():
    sched = schedules.ExponentialDecay(1.0, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(learning_rate=sched)
    v = tf.Variable(0.0)
    for _ in range(3):
        opt.apply_gradients([(tf.constant(-1.0), v)])
    assert float(v) == pytest.approx(1.0 + 0.5 + 0.25)
    assert float(opt.learning_rate) == pytest.approx(0.125)
    with pytest.raises(TypeError, match="not settable"):
        opt.learning_rate = 0.1
    cfg = opt.get_config()
    again = optimizers.SGD.from_config(cfg)
    assert isinstance(again._learning_rate, schedules.ExponentialDecay)


def test_callable_learning_rate():
    opt = optimizers.SGD(learning_rate=lambda: 0.2)
    v = tf.Variable(1.0)
    opt.apply_gradients([(tf.constant(1.0), v)])
    assert float(v) == pytest.approx(0.8)


def test_schedules_values():
    e = schedules.ExponentialDecay(0.1, 10, 0.5)
    assert float(e(5)) == pytest.approx(0.1 * 0.5 ** 0.5, rel=1e-6)
    es = schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True)
    assert float(es(15)) == pytest.approx(0.05)
    assert float(es(tf.Variable(np.int64(25), trainable=False))) == pytest.approx(0.025)
    p = schedules.PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1])
    assert [float(p(s)) for s in (0, 100, 101, 200, 201)] == pytest.approx([1.0, 1.0, 0.5, 0.5, 0.1])
    with pytest.raises(ValueError, match="1 less"):
        schedules.PiecewiseConstantDecay([1, 2], [1.0])
    c = schedules.CosineDecay(1.0, 100, alpha=0.1)
    for s in (0, 30, 100, 150):
        frac = min(s, 100) / 100
        assert float(c(s)) == pytest.approx((0.9 * 0.5 * (1 + math.cos(math.pi * frac)) + 0.1), rel=1e-6)
    w = schedules.CosineDecay(0.0, 10, warmup_target=1.0, warmup_steps=5)
    assert float(w(2)) == pytest.approx(0.4)
    assert float(w(5)) == pytest.approx(1.0)
    assert float(w(10)) == pytest.approx(0.5, rel=1e-6)
    assert float(w(100)) == pytest.approx(0.0, abs=1e-7)
    it = schedules.InverseTimeDecay(1.0, 2, 0.5)
    assert float(it(4)) == pytest.approx(0.5)
    pd = schedules.PolynomialDecay(1.0, 10, end_learning_rate=0.0, power=2.0)
    assert float(pd(5)) == pytest.approx(0.25)
    assert c(3).dtype == tf.float32
    for s in (e, p, c, w, it, pd):
        again = schedules.deserialize(schedules.serialize(s))
        assert float(again(7)) == pytest.approx(float(s(7)))
    with pytest.raises(ValueError):
        schedules.ExponentialDecay(0.1, 0, 0.5)


def test_clipnorm_clipvalue_global_clipnorm():
    g1, g2 = np.array([3.0, 4.0], np.float32), np.array([0.0, 12.0], np.float32)

    def step(**kw):
        vs = [tf.Variable([0.0, 0.0]), tf.Variable([0.0, 0.0])]
        optimizers.SGD(1.0, **kw).apply_gradients(zip([tf.constant(g1), tf.constant(g2)], vs))
        return [-v.numpy() for v in vs]

    a, b = step(clipnorm=1.0)
    np.testing.assert_allclose(a, g1 / 5.0, rtol=1e-6)
    np.testing.assert_allclose(b, g2 / 12.0, rtol=1e-6)
    a, b = step(clipnorm=100.0)
    np.testing.assert_allclose(a, g1)
    a, b = step(clipvalue=3.5)
    np.testing.assert_allclose(a, [3.0, 3.5])
    np.testing.assert_allclose(b, [0.0, 3.5])
    a, b = step(global_clipnorm=6.5)  # global norm is 13
    np.testing.assert_allclose(a, g1 * 0.5, rtol=1e-6)
    np.testing.assert_allclose(b, g2 * 0.5, rtol=1e-6)
    with pytest.raises(ValueError, match="Only one of"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(ValueError, match="Only one of"):
        optimizers.Adam(clipnorm=1.0, global_clipnorm=1.0)


def test_weight_decay_and_exclusion():
    opt = optimizers.SGD(0.1, weight_decay=0.5)
    a, b = tf.Variable([2.0]), tf.Variable([2.0], name="bias")
    opt.exclude_from_weight_decay(var_names=["bias"])
    opt.apply_gradients([(tf.constant([1.0]), a), (tf.constant([1.0]), b)])
    assert a.numpy()[0] == pytest.approx(2.0 - 2.0 * 0.5 * 0.1 - 0.1)
    assert b.numpy()[0] == pytest.approx(2.0 - 0.1)


def test_none_gradient_warns_and_skips():
    a, b = tf.Variable(1.0, name="used"), tf.Variable(1.0, name="unused_var")
    opt = optimizers.SGD(0.1)
    with pytest.warns(UserWarning, match="unused_var"):
        opt.apply_gradients([(tf.constant(1.0), a), (None, b)])
    assert float(a) == pytest.approx(0.9)
    assert float(b) == 1.0
    assert int(opt.iterations) == 1


def test_all_none_gradients_error_explains():
    from tapeflow.tape import explain_last_none

    used, unused = tf.Variable(1.0, name="used"), tf.Variable(3.0, name="never_used")
    with tf.GradientTape() as tape:
        loss = used * 2.0
    grads = tape.gradient(loss, [unused])
    assert grads == [None]
    reason = explain_last_none(unused)
    opt = optimizers.Adam()
    with pytest.raises(ValueError) as info:
        opt.apply_gradients(zip(grads, [unused]))
    msg = str(info.value)
    assert "No gradients provided" in msg and "never_used" in msg
    if reason:
        assert reason in msg
    assert int(opt.iterations) == 0


def test_gradient_shape_mismatch_is_clear_and_atomic():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable([[1.0, 2.0]], name="w")
    opt = optimizers.SGD(0.1)
    with pytest.raises(InvalidArgumentError, match=r"\(2,\).*'w:0'.*\(1, 2\)"):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), a), (tf.constant([1.0, 1.0]), b)])
    assert a.numpy().tolist() == [1.0, 2.0]
    assert int(opt.iterations) == 0


def test_bad_inputs():
    opt = optimizers.SGD()
    with pytest.raises(TypeError):
        opt.apply_gradients([(tf.constant(1.0), tf.constant(1.0))])
    with pytest.raises(InvalidArgumentError, match="int32"):
        opt.apply_gradients([(tf.constant(1), tf.Variable(1))])
    with pytest.raises(ValueError, match="not recognized"):
        optimizers.Adam(foo=1)
    with pytest.raises(ValueError):
        optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError):
        optimizers.AdamW(weight_decay=None)


def test_apply_and_build_contract():
    vs = [tf.Variable([1.0]), tf.Variable([2.0])]
    opt = optimizers.SGD(1.0, momentum=0.5)
    opt.build(vs)
    assert opt.built
    assert len(opt.variables) == 2 + 2  # iterations, learning_rate, one momentum per variable
    opt.apply([tf.constant([1.0]), tf.constant([1.0])])  # the built variables
    assert [v.numpy()[0] for v in vs] == [0.0, 1.0]
    # as Keras 3: a variable the optimizer was not built with is rejected
    w = tf.Variable([5.0])
    with pytest.raises(ValueError, match="Unknown variable"):
        opt.apply_gradients([(tf.constant([1.0]), w)])


def test_custom_optimizer_subclass():
    class SignSGD(optimizers.Optimizer):
        def build(self, var_list):
            if self.built:
                return
            super().build(var_list)

        def update_step(self, gradient, variable, learning_rate):
            variable.assign_sub(tf.sign(gradient) * learning_rate)

    v = tf.Variable([1.0, 1.0])
    opt = SignSGD(learning_rate=0.25)
    opt.apply_gradients([(tf.constant([3.0, -0.1]), v)])
    assert v.numpy().tolist() == [0.75, 1.25]
    assert int(opt.iterations) == 1


def test_minimize_and_constraint():
    v = tf.Variable(3.0)
    opt = optimizers.SGD(0.25)
    opt.minimize(lambda: v * v, [v])
    assert float(v) == pytest.approx(1.5)
    c = tf.Variable([1.0, -1.0], constraint=lambda x: tf.maximum(x, 0.0))
    optimizers.SGD(1.0).apply_gradients([(tf.constant([0.5, 0.5]), c)])
    assert c.numpy().tolist() == [0.5, 0.0]


def test_ema_and_gradient_accumulation():
    v = tf.Variable(0.0)
    opt = optimizers.SGD(1.0, use_ema=True, ema_momentum=0.5)
    for _ in range(3):
        opt.apply_gradients([(tf.constant(-1.0), v)])
    assert float(v) == 3.0
    opt.finalize_variable_values([v])
    assert float(v) == pytest.approx(0.5 * (0.5 * 1.0 + 0.5 * 2.0) + 0.5 * 3.0)

    w = tf.Variable(0.0)
    acc = optimizers.SGD(1.0, gradient_accumulation_steps=2)
    acc.apply_gradients([(tf.constant(1.0), w)])
    assert float(w) == 0.0
    acc.apply_gradients([(tf.constant(3.0), w)])
    assert float(w) == -2.0
    assert int(acc.iterations) == 1  # Keras 3: optimizer steps, iterations // gradient_accumulation_steps


def test_get_serialize_config():
    assert isinstance(optimizers.get("adam"), optimizers.Adam)
    assert isinstance(optimizers.get("SGD"), optimizers.SGD)
    assert isinstance(optimizers.get("rmsprop"), optimizers.RMSprop)
    assert isinstance(optimizers.get("adagrad"), optimizers.Adagrad)
    assert isinstance(optimizers.get("adamw"), optimizers.AdamW)
    o = optimizers.Adam(0.01, amsgrad=True, clipnorm=2.0)
    assert optimizers.get(o) is o
    again = optimizers.deserialize(optimizers.serialize(o))
    assert isinstance(again, optimizers.Adam) and again.amsgrad and again.clipnorm == 2.0
    assert float(again.learning_rate) == pytest.approx(0.01)
    with pytest.raises(ValueError):
        optimizers.get("nope")
    assert keras.optimizers.SGD is optimizers.SGD


def test_deprecated_lr_argument():
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        opt = optimizers.SGD(lr=0.3)
    assert float(opt.learning_rate) == pytest.approx(0.3)
