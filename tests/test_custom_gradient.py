"""tf.custom_gradient, tf.recompute_grad and tf.grad_pass_through."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf


def _np(t):
    return np.asarray(t.numpy())


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)

    def grad(upstream):
        return upstream * (1.0 - 1.0 / (1.0 + e))

    return tf.math.log(1.0 + e), grad


def test_custom_gradient_replaces_the_rule():
    x = tf.constant([0.0, 1.0, -2.0], dtype=tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = log1pexp(x)
    np.testing.assert_allclose(_np(y), np.log1p(np.exp(_np(x))))
    np.testing.assert_allclose(_np(t.gradient(y, x)), _sigmoid(_np(x)), rtol=1e-12)


def test_custom_gradient_is_used_not_the_forward():
    @tf.custom_gradient
    def fake(x):
        return x * x, lambda dy: dy * 100.0

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = fake(x) * 2.0
    assert float(y) == 18.0
    assert float(t.gradient(y, x)) == 200.0
    assert fake.__name__ == "fake"


def test_second_order_through_grad_fn_and_closure():
    # d/dx log1pexp = sigmoid(x); d2/dx2 = sigmoid(x)(1 - sigmoid(x)); the grad_fn closes over e = exp(x)
    x = tf.constant(0.7, dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = log1pexp(x)
        g = inner.gradient(y, x)
    h = outer.gradient(g, x)
    s = _sigmoid(0.7)
    assert np.isclose(float(g), s) and np.isclose(float(h), s * (1 - s))


def test_third_order():
    @tf.custom_gradient
    def cube(x):
        return x * x * x, lambda dy: dy * 3.0 * x * x

    x = tf.constant(2.0)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = cube(x)
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    assert (float(d1), float(d2), float(t3.gradient(d2, x))) == (12.0, 12.0, 6.0)


def test_multiple_inputs_and_structured_outputs():
    @tf.custom_gradient
    def f(a, b):
        def grad(d_sum, d_prod):
            return d_sum + d_prod * b, d_sum + d_prod * a

        return (a + b, a * b), grad

    a, b = tf.constant(2.0), tf.constant(5.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([a, b])
        s, p = f(a, b)
        total = s * 3.0 + p
    ga, gb = t.gradient(total, [a, b])
    assert (float(ga), float(gb)) == (3.0 + 5.0, 3.0 + 2.0)
    # only one output used: the other output's gradient is passed as zeros
    ga, gb = t.gradient(p, [a, b])
    assert (float(ga), float(gb)) == (5.0, 2.0)


def test_dict_output():
    @tf.custom_gradient
    def f(x):
        return {"double": x * 2.0, "square": x * x}, lambda dd, ds: dd * 2.0 + ds * 2.0 * x

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        out = f(x)
        y = out["double"] + out["square"]
    assert set(out) == {"double", "square"}
    assert float(t.gradient(y, x)) == 2.0 + 6.0


def test_wrong_number_of_gradients():
    @tf.custom_gradient
    def f(a, b):
        return a * b, lambda dy: dy

    a, b = tf.constant(1.0), tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = f(a, b)
    with pytest.raises(ValueError, match="expected to return 2 gradients, but returned 1"):
        t.gradient(y, a)


def test_gradient_dtype_mismatch_is_a_clear_error():
    @tf.custom_gradient
    def f(x):
        return x * 1.0, lambda dy: tf.constant(1.0, dtype=tf.float64)

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    with pytest.raises(tf.errors.InvalidArgumentError, match="float64 gradient"):
        t.gradient(y, x)


def test_must_return_pair():
    @tf.custom_gradient
    def f(x):
        return x * 2.0

    with pytest.raises(TypeError, match=r"\(outputs, grad_fn\)"):
        f(tf.constant(1.0))


def test_variables_keyword_form():
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def linear(x):
        y = w * x

        def grad(dy, variables=None):
            assert variables is not None and len(variables) == 1 and variables[0] is w
            return dy * w * 10.0, [dy * x * 100.0]

        return y, grad

    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = linear(x)
    gx, gw = t.gradient(y, [x, w])
    assert float(y) == 6.0 and float(gx) == 30.0 and float(gw) == 200.0


def test_variables_auto_watched_without_watching_inputs():
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def f(x):
        def grad(dy, variables):
            return None, [dy * 7.0]

        return w * x, grad

    with tf.GradientTape() as t:
        y = f(tf.constant(2.0))
    assert float(t.gradient(y, w)) == 7.0


def test_grad_fn_without_variables_keyword_raises_type_error():
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def f(x):
        return w * x, lambda dy: dy * w

    with pytest.raises(TypeError, match="must accept keyword argument 'variables'"):
        f(tf.constant(1.0))


def test_wrong_number_of_variable_gradients():
    w = tf.Variable(3.0)

    @tf.custom_gradient
    def f(x):
        def grad(dy, variables=None):
            return dy, [dy, dy]

        return w * x, grad

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    with pytest.raises(ValueError, match="Must return gradient for each variable"):
        t.gradient(y, x)


def test_variable_passed_as_argument_is_an_input():
    v = tf.Variable(4.0)

    @tf.custom_gradient
    def f(a):
        return a * a, lambda dy: dy * 2.0 * a

    with tf.GradientTape() as t:
        y = f(v)
    assert float(t.gradient(y, v)) == 8.0


def test_method_decoration():
    class Scale:
        def __init__(self, k):
            self.k = k

        @tf.custom_gradient
        def __call__(self, x):
            return x * self.k, lambda dy: dy * (self.k + 1.0)

    s = Scale(2.0)
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = s(x)
    assert float(y) == 2.0 and float(t.gradient(y, x)) == 3.0


def test_jacobian_through_custom_gradient_loops():
    @tf.custom_gradient
    def sq(x):
        return x * x, lambda dy: dy * 2.0 * x

    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = sq(x)
    np.testing.assert_allclose(_np(t.jacobian(y, x)), np.diag([2.0, 4.0, 6.0]))


def test_custom_op_with_no_tape_just_computes():
    y = log1pexp(tf.constant(0.0))
    assert np.isclose(float(y), np.log(2.0))


# --- recompute_grad -----------------------------------------------------------------------------


def test_recompute_grad_values_and_gradients():
    rng = np.random.default_rng(0)
    W = tf.Variable(rng.standard_normal((3, 3)))

    def block(x):
        h = tf.tanh(tf.matmul(x, W))
        return h * h + x

    x = tf.constant(rng.standard_normal((2, 3)))
    with tf.GradientTape() as t:
        t.watch(x)
        y_ref = tf.reduce_sum(block(x))
    g_ref = t.gradient(y_ref, [x, W])
    rblock = tf.recompute_grad(block)
    with tf.GradientTape() as t:
        t.watch(x)
        out = rblock(x)
        y = tf.reduce_sum(out)
    n_records = len(t._records)
    g = t.gradient(y, [x, W])
    assert np.isclose(float(y), float(y_ref))
    np.testing.assert_allclose(_np(g[0]), _np(g_ref[0]), rtol=1e-12)
    np.testing.assert_allclose(_np(g[1]), _np(g_ref[1]), rtol=1e-12)
    assert n_records == 2  # the one recompute op and the reduce_sum: no intermediates kept


def test_recompute_grad_second_order():
    f = tf.recompute_grad(lambda x: x * x * x)
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    assert float(g) == 12.0 and float(outer.gradient(g, x)) == 12.0


# --- grad_pass_through --------------------------------------------------------------------------


def test_grad_pass_through_assign_doc_example():
    x = tf.Variable(1.0, name="x")
    z = tf.Variable(3.0, name="z")
    with tf.GradientTape() as tape:
        y = tf.grad_pass_through(x.assign)(z * z)
    assert float(y) == 9.0 and float(x) == 9.0
    assert float(tape.gradient(y, z)) == 6.0


def test_grad_pass_through_is_identity_gradient():
    x = tf.constant([1.0, -2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.grad_pass_through(lambda v: tf.cast(tf.cast(v * 3.0, tf.int32), tf.float32))(x)
        total = tf.reduce_sum(y * tf.constant([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(_np(y), [3.0, -6.0, 9.0])
    np.testing.assert_allclose(_np(t.gradient(total, x)), [1.0, 2.0, 3.0])


def test_recompute_grad_gradcheck_order_2():
    from gradcheck import check_grads

    def block(x):
        return tf.tanh(x * x) * x

    check_grads(tf.recompute_grad(block), [np.random.default_rng(3).standard_normal((2, 3))], order=2)


def test_custom_gradient_gradcheck_order_2():
    from gradcheck import check_grads

    @tf.custom_gradient
    def softplus(x):
        e = tf.exp(x)

        def grad(dy):
            return dy * e / (1.0 + e)

        return tf.math.log(1.0 + e), grad

    check_grads(softplus, [np.random.default_rng(4).standard_normal((3,))], order=2)
