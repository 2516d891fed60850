"""tf.autodiff.ForwardAccumulator: JVPs against finite differences, HVPs, nesting with tapes."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.recorders import STATE


def _np(t):
    return np.asarray(t.numpy())


def _fd_jvp(f, xs, vs, eps=1e-6):
    plus = f(*[tf.constant(x + eps * v) for x, v in zip(xs, vs)])
    minus = f(*[tf.constant(x - eps * v) for x, v in zip(xs, vs)])
    return (_np(plus) - _np(minus)) / (2 * eps)


FUNCS = {
    "poly": lambda x, w: x * x * w - x / (w * w + 1.0),
    "matmul": lambda x, w: tf.matmul(tf.reshape(x, [2, 3]), tf.reshape(w, [3, 2])),
    "reduce": lambda x, w: tf.reduce_sum(x * w, axis=0),
    "broadcast": lambda x, w: tf.reshape(x, [6, 1]) * w[:2] + tf.reshape(w, [6, 1]),
    "tanh_exp": lambda x, w: tf.tanh(x) * tf.exp(w * 0.5),
    "concat": lambda x, w: tf.concat([x, w * x], 0),
}


@pytest.mark.parametrize("name", sorted(FUNCS))
def test_jvp_matches_finite_differences(name):
    f = FUNCS[name]
    rng = np.random.default_rng(1)
    xs = [rng.standard_normal(6), rng.standard_normal(6)]
    vs = [rng.standard_normal(6), rng.standard_normal(6)]
    px, pw = tf.constant(xs[0]), tf.constant(xs[1])
    with tf.autodiff.ForwardAccumulator([px, pw], [tf.constant(vs[0]), tf.constant(vs[1])]) as acc:
        y = f(px, pw)
    np.testing.assert_allclose(_np(acc.jvp(y)), _fd_jvp(f, xs, vs), rtol=1e-6, atol=1e-8)


def test_jvp_matches_reverse_mode_jacobian():
    rng = np.random.default_rng(2)
    x0 = rng.standard_normal(4)
    v0 = rng.standard_normal(4)
    x = tf.constant(x0)
    W = tf.constant(rng.standard_normal((4, 4)))

    def f(x):
        return tf.tanh(tf.reshape(tf.matmul(W, tf.reshape(x, [4, 1])), [4]) + x * x)

    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    J = _np(t.jacobian(y, x))
    with tf.autodiff.ForwardAccumulator(x, tf.constant(v0)) as acc:
        y2 = f(x)
    np.testing.assert_allclose(_np(acc.jvp(y2)), J @ v0, rtol=1e-10)


def test_hvp_forward_over_reverse():
    # f(x) = sum(x^3): grad = 3x^2, Hessian = diag(6x), HVP = 6 x v
    x = tf.constant([1.0, -2.0, 0.5])
    v = tf.constant([0.3, 1.0, -2.0])
    with tf.autodiff.ForwardAccumulator(x, v) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x * x * x)
        g = tape.gradient(y, x)
    np.testing.assert_allclose(_np(acc.jvp(g)), 6 * _np(x) * _np(v), rtol=1e-6)


def test_hvp_reverse_over_forward():
    x = tf.constant([1.0, -2.0, 0.5])
    v = tf.constant([0.3, 1.0, -2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        with tf.autodiff.ForwardAccumulator(x, v) as acc:
            y = tf.reduce_sum(x * x * x)
        jvp = acc.jvp(y)
    np.testing.assert_allclose(float(jvp), np.sum(3 * _np(x) ** 2 * _np(v)), rtol=1e-6)
    np.testing.assert_allclose(_np(tape.gradient(jvp, x)), 6 * _np(x) * _np(v), rtol=1e-6)


def test_nested_accumulators_second_directional_derivative():
    # d2/dt2 of sin-free poly: f(x) = x^3 along v twice -> 6 x v^2
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as outer:
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as inner:
            y = x * x * x
        d1 = inner.jvp(y)
    assert float(d1) == 12.0
    assert float(outer.jvp(d1)) == 12.0


def test_variables_as_primals():
    w = tf.Variable([1.0, 2.0])
    with tf.autodiff.ForwardAccumulator(w, tf.constant([1.0, 0.0])) as acc:
        y = tf.reduce_sum(w * w)
    assert float(acc.jvp(y)) == 2.0


def test_unconnected_and_structures():
    x = tf.constant(1.0)
    c = tf.constant(5.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(2.0)) as acc:
        y = x * 3.0
        z = c * 2.0
    assert acc.jvp(z) is None
    assert float(acc.jvp(z, unconnected_gradients=tf.UnconnectedGradients.ZERO)) == 0.0
    assert float(acc.jvp(z, unconnected_gradients="zero")) == 0.0
    out = acc.jvp({"y": y, "both": [y, x]})
    assert float(out["y"]) == 6.0 and float(out["both"][1]) == 2.0
    after = x * 10.0  # after exit: not tracked
    assert acc.jvp(after) is None


def test_stop_gradient_and_int_outputs_have_no_tangent():
    x = tf.constant([1.5, 2.5])
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 1.0])) as acc:
        s = tf.stop_gradient(x) * 2.0
        k = tf.cast(x, tf.int32)
    assert acc.jvp(s) is None and acc.jvp(k) is None


def test_custom_gradient_under_forward_mode():
    @tf.custom_gradient
    def f(x):
        return x * x, lambda dy: dy * 10.0  # forward mode uses the custom rule too

    x = tf.constant(3.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = f(x)
    assert float(acc.jvp(y)) == 10.0


def test_bad_arguments():
    x = tf.constant([1.0, 2.0])
    with pytest.raises(ValueError, match="shape"):
        tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="same structure"):
        tf.autodiff.ForwardAccumulator([x, x], [tf.constant([1.0, 2.0])])
    with pytest.raises(ValueError, match="floating-point"):
        tf.autodiff.ForwardAccumulator(tf.constant([1, 2]), tf.constant([1, 2]))
    with pytest.raises(ValueError, match="dtype"):
        tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 2.0], dtype=tf.float64))


def test_accumulator_leaves_the_stack_clean():
    x = tf.constant(1.0)
    with pytest.raises(ZeroDivisionError):
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)):
            _ = x * 2.0
            raise ZeroDivisionError
    assert not STATE.recording and not STATE.tapes


def test_rule_jvp_slot_is_used_when_given():
    from tapeflow.primitives import Primitive, bind1, core

    calls = []

    def jvp(tangents, out, ins, p):
        calls.append(1)
        return core.multiply(tangents[0], core.multiply(ins[0], core.scalar_like(2.0, ins[0])))

    sq = Primitive("custom_test_square_jvp", lambda x: x * x,
                   lambda g, out, ins, p, need: (core.multiply(g, core.multiply(ins[0], core.scalar_like(2.0, ins[0]))),))
    sq.jvp = jvp
    x = tf.constant([1.0, 3.0])
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 1.0])) as acc:
        y = bind1(sq, x)
    np.testing.assert_allclose(_np(acc.jvp(y)), [2.0, 6.0])
    assert calls == [1]
