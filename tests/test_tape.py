"""GradientTape behaviour, checked against TF 2.x's documented results."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.primitives import Primitive, bind1
from tapeflow.tensor import STATE


def _np(t):
    return np.asarray(t.numpy())


# --- persistence --------------------------------------------------------------------------------


def test_non_persistent_second_call_raises_tf_runtime_error():
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    assert float(t.gradient(y, x)) == 6.0
    with pytest.raises(RuntimeError, match="A non-persistent GradientTape can only be used to compute one set of gradients"):
        t.gradient(y, x)
    with pytest.raises(RuntimeError, match="non-persistent"):
        t.jacobian(y, x)


def test_persistent_allows_many_calls():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = 2 * x
        y1 = x * x * x
    assert float(t.gradient(y, x)) == 2.0
    assert float(t.gradient(y1, x)) == 12.0
    assert float(t.gradient(y1, x)) == 12.0
    assert _np(t.jacobian(y1, x)) == 12.0


def test_seed_int_constant_differentiated_as_float32():
    x = tf.constant(1)
    with tf.GradientTape() as t:
        t.watch(x)
        y = 2 * x
    g = t.gradient(y, x)
    assert str(g) == "tapeflow.Tensor(2.0, shape=(), dtype=float32)"


# --- watching -----------------------------------------------------------------------------------


def test_watch_nested_structures():
    a, b, c = tf.constant(1.0), tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch({"a": a, "rest": [b, (c,)]})
        y = a * b * c
    ga, gb, gc = t.gradient(y, [a, b, c])
    assert (float(ga), float(gb), float(gc)) == (6.0, 3.0, 2.0)


@pytest.mark.parametrize("bad", [np.ones(3, np.float32), 1.5, [tf.constant(1.0), 2.0]])
def test_watch_rejects_non_tensors(bad):
    with tf.GradientTape() as t:
        with pytest.raises(ValueError, match="not tf.Tensor or tf.Variable"):
            t.watch(bad)


def test_trainable_variables_watched_automatically_in_creation_order():
    v2 = tf.Variable(2.0)
    v1 = tf.Variable(1.0)
    frozen = tf.Variable(5.0, trainable=False)
    with tf.GradientTape() as t:
        y = v1 * v2 * frozen
    assert t.watched_variables() == (v2, v1)
    g1, g2, gf = t.gradient(y, [v1, v2, frozen])
    assert float(g1) == 10.0 and float(g2) == 5.0 and gf is None
    # watched variables survive the release of a non-persistent tape
    assert t.watched_variables() == (v2, v1)


def test_non_trainable_variable_can_be_watched_explicitly():
    frozen = tf.Variable(5.0, trainable=False)
    with tf.GradientTape() as t:
        t.watch(frozen)
        y = frozen * frozen
    assert float(t.gradient(y, frozen)) == 10.0


def test_watch_accessed_variables_false():
    x = tf.Variable(2.0)
    w = tf.Variable(5.0)
    with tf.GradientTape(watch_accessed_variables=False, persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = w * w * w
    assert float(tape.gradient(y, x)) == 4.0
    assert tape.gradient(z, w) is None
    assert tape.watched_variables() == (x,)


# --- stop_recording / reset / re-entering -------------------------------------------------------


def test_stop_recording():
    x = tf.constant(4.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        with tape.stop_recording():
            y = x * x
        z = x * 3.0
    assert tape.gradient(y, x) is None
    assert float(tape.gradient(z, x)) == 3.0


def test_stop_recording_errors():
    t = tf.GradientTape()
    with pytest.raises(RuntimeError, match="Trying to stop recording a tape which is not recording"):
        with t.stop_recording():
            pass
    with t:
        pass
    with pytest.raises(ValueError, match="Tape is not recording"):
        with t.stop_recording():
            pass


def test_reset():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        loss = x * x
        t.reset()
        assert t.watched_variables() == ()
        t.watch(x)
        loss2 = x * 5.0
    assert t.gradient(loss, x) is None
    assert float(t.gradient(loss2, x)) == 5.0
    with pytest.raises(ValueError, match="Tape is not recording"):
        t.reset()


def test_reset_forgets_watched_variables():
    v = tf.Variable(3.0)
    w = tf.Variable(4.0)
    with tf.GradientTape() as t:
        _ = v * 2.0
        t.reset()
        y = w * 2.0
    assert t.watched_variables() == (w,)
    assert float(t.gradient(y, w)) == 2.0


def test_reenter_continues_recording():
    x = tf.constant(3.0)
    t = tf.GradientTape(persistent=True)
    with t:
        t.watch(x)
        y = x * x
    z = y * 2.0  # between the two `with` blocks: not recorded
    with t:
        w = y * 10.0
    assert t.gradient(z, x) is None
    assert float(t.gradient(w, x)) == 60.0


def test_reenter_gradient_value():
    x = tf.constant(3.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    with t:
        w = y * 10.0
    assert float(t.gradient(w, x)) == 60.0


def test_entering_active_tape_raises_value_error():
    t = tf.GradientTape()
    with t:
        with pytest.raises(ValueError, match="re-enter an already-active tape"):
            t.__enter__()
    assert t not in STATE.tapes and t not in STATE.recording


def test_non_persistent_tape_can_be_reused_after_reentering():
    x = tf.constant(2.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    assert float(t.gradient(y, x)) == 4.0
    with t:  # a fresh recording, as TF creates a new tape
        t.watch(x)
        z = x * x * x
    assert float(t.gradient(z, x)) == 12.0


def test_gradient_inside_context():
    x = tf.constant(3.0)
    with tf.GradientTape() as t:  # non-persistent: stops recording, later ops are not recorded
        t.watch(x)
        y = x * x
        g = t.gradient(y, x)
        z = x * 2.0
    assert float(g) == 6.0
    assert z is not None and t not in STATE.recording and t not in STATE.tapes
    with tf.GradientTape(persistent=True) as t:  # persistent: the gradient ops are recorded
        t.watch(x)
        y = x * x * x
        dy = t.gradient(y, x)
    assert float(dy) == 27.0
    assert float(t.gradient(dy, x)) == 18.0


# --- gradient(): structures, targets, options ---------------------------------------------------


def test_nested_sources_keep_structure():
    a, b, c = tf.constant(1.0), tf.constant(2.0), tf.constant([3.0, 4.0])
    with tf.GradientTape() as t:
        t.watch([a, b, c])
        y = a * b + tf.reduce_sum(c * c)
    g = t.gradient(y, {"first": a, "pair": (b, [c])})
    assert set(g) == {"first", "pair"}
    assert isinstance(g["pair"], tuple) and isinstance(g["pair"][1], list)
    assert float(g["first"]) == 2.0 and float(g["pair"][0]) == 1.0
    np.testing.assert_allclose(_np(g["pair"][1][0]), [6.0, 8.0])


def test_dict_sources_with_variables():
    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    with tf.GradientTape() as t:
        z = x * x + y * 2.0
    g = t.gradient(z, {"x": x, "y": y})
    assert float(g["x"]) == 4.0 and float(g["y"]) == 2.0


def test_multiple_and_nonscalar_targets_are_summed():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y1 = x * x  # non-scalar
        y2 = x * 3.0
    g = t.gradient({"a": y1, "b": [y2]}, x)
    np.testing.assert_allclose(_np(g), 2 * np.array([1, 2, 3]) + 3)


def test_repeated_sources():
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    g = t.gradient(y, [x, x])
    assert float(g[0]) == 4.0 and float(g[1]) == 4.0


def test_output_gradients():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        z = x * 3.0
    g = t.gradient(y, x, output_gradients=tf.constant([10.0, 100.0]))
    np.testing.assert_allclose(_np(g), [20.0, 400.0])
    g = t.gradient([y, z], x, output_gradients=[tf.constant([1.0, 0.0]), None])
    np.testing.assert_allclose(_np(g), [2.0 + 3.0, 3.0])
    with pytest.raises(ValueError, match="output_gradients"):
        t.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="2 targets but 1 output_gradients"):
        t.gradient([y, z], x, output_gradients=[tf.constant([1.0, 1.0])])


def test_unconnected_gradients():
    x = tf.constant([1.0, 2.0])
    u = tf.Variable([[1.0, 2.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * 2.0
    assert t.gradient(y, u) is None
    assert t.gradient(y, u, unconnected_gradients=tf.UnconnectedGradients.NONE) is None
    for zero in (tf.UnconnectedGradients.ZERO, "zero"):
        g = t.gradient(y, [x, u], unconnected_gradients=zero)
        np.testing.assert_allclose(_np(g[1]), np.zeros((1, 2)))
        assert g[1].dtype == tf.float32
    assert t.gradient(y, u, unconnected_gradients="none") is None
    with pytest.raises(ValueError, match="Unknown value for unconnected_gradients"):
        t.gradient(y, x, unconnected_gradients="zeros")


def test_none_target_raises_type_error():
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
    with pytest.raises(TypeError, match="received None"):
        t.gradient(None, x)


def test_bad_source_raises_value_error():
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 2.0
    with pytest.raises(ValueError, match="tf.Tensor or tf.Variable"):
        t.gradient(y, np.float32(1.0))


def test_gradient_of_target_wrt_itself():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    np.testing.assert_allclose(_np(t.gradient(y, y)), [1.0, 1.0])
    np.testing.assert_allclose(_np(t.gradient(x, x)), [1.0, 1.0])
    c = tf.constant(5.0)  # never watched: still d c / d c = 1
    assert float(t.gradient(c, c)) == 1.0


def test_gradient_wrt_intermediate():
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        z = y * y
    gy, gx = t.gradient(z, [y, x])
    assert float(gy) == 2 * 9.0 and float(gx) == 4 * 27.0


def test_integer_watched_tensor_vector():
    x = tf.constant([1, 2, 3])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    g = t.gradient(y, x)
    assert g.dtype == tf.float32
    np.testing.assert_allclose(_np(g), [2.0, 4.0, 6.0])


def test_float64_preserved():
    x = tf.constant([1.0, 2.0], dtype=tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    assert t.gradient(y, x).dtype == tf.float64


# --- higher order -------------------------------------------------------------------------------


def test_nested_tapes_third_order():
    x = tf.constant(2.0)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = x * x * x
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t3.gradient(d2, x)
    assert (float(d1), float(d2), float(d3)) == (12.0, 12.0, 6.0)


def test_mixed_partials():
    x, y = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape() as outer:
        outer.watch([x, y])
        with tf.GradientTape() as inner:
            inner.watch([x, y])
            f = x * x * y * y * y  # f_x = 2x y^3, f_xy = 6 x y^2
        fx = inner.gradient(f, x)
    fxy = outer.gradient(fx, y)
    assert float(fx) == 2 * 2 * 27
    assert float(fxy) == 6 * 2 * 9


def test_gradient_penalty():
    # f(x) = sum(w * x^2); df/dx = 2 w x; ||df/dx||^2 = 4 sum(w^2 x^2); d/dw = 8 w x^2
    w = tf.Variable([1.0, -2.0, 0.5])
    x = tf.constant([3.0, 1.0, 2.0])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            inner.watch(x)
            f = tf.reduce_sum(w * x * x)
        gx = inner.gradient(f, x)
        penalty = tf.reduce_sum(gx * gx)
    gw = outer.gradient(penalty, w)
    np.testing.assert_allclose(_np(gw), 8 * np.array([1.0, -2.0, 0.5]) * np.array([9.0, 1.0, 4.0]), rtol=1e-6)


# --- variables ----------------------------------------------------------------------------------


def test_assignment_after_recording_does_not_corrupt():
    v = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = v * v * v
    v.assign(100.0)
    v.assign_add(1.0)
    assert float(t.gradient(y, v)) == 27.0


def test_variable_read_twice_across_assignment_sums():
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        a = v * v  # d/dv = 2*2 = 4
        v.assign(5.0)
        b = v * 3.0  # d/dv = 3
        total = a + b
    assert float(t.gradient(total, v)) == 7.0


# --- jacobian / batch_jacobian ------------------------------------------------------------------


def _jac_setup(persistent=True):
    rng = np.random.default_rng(0)
    W = tf.constant(rng.standard_normal((3, 4)))
    x = tf.constant(rng.standard_normal((4, 2)))
    b = tf.constant(rng.standard_normal((2,)))
    t = tf.GradientTape(persistent=persistent)
    with t:
        t.watch([x, b])
        y = tf.matmul(W, x) * x[:3] + b  # (3, 2)
    return t, W, x, b, y


def _numeric_jac(f, x0, eps=1e-6):
    x0 = np.asarray(x0, np.float64)
    y0 = np.asarray(f(x0))
    J = np.zeros(y0.shape + x0.shape)
    for idx in np.ndindex(x0.shape):
        d = np.zeros_like(x0)
        d[idx] = eps
        J[(...,) + idx] = (np.asarray(f(x0 + d)) - np.asarray(f(x0 - d))) / (2 * eps)
    return J


def test_jacobian_matches_numeric_and_shapes():
    t, W, x, b, y = _jac_setup()
    jx, jb = t.jacobian(y, [x, b])
    assert jx.shape.as_list() == [3, 2, 4, 2] and jb.shape.as_list() == [3, 2, 2]
    Wn, bn = _np(W), _np(b)
    f = lambda xv: (Wn @ xv) * xv[:3] + bn
    np.testing.assert_allclose(_np(jx), _numeric_jac(f, _np(x)), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(_np(jb), np.broadcast_to(np.eye(2), (3, 2, 2)), atol=1e-12)
    # the loop path agrees with the batched path
    jx2, jb2 = t.jacobian(y, [x, b], experimental_use_pfor=False)
    np.testing.assert_allclose(_np(jx2), _np(jx), rtol=1e-12)
    np.testing.assert_allclose(_np(jb2), _np(jb), rtol=1e-12)
    # chunked batches agree too
    jx3 = t.jacobian(y, x, parallel_iterations=2)
    np.testing.assert_allclose(_np(jx3), _np(jx), rtol=1e-12)


def test_jacobian_unconnected():
    t, W, x, b, y = _jac_setup()
    u = tf.constant([1.0, 2.0])
    assert t.jacobian(y, u) is None
    z = t.jacobian(y, u, unconnected_gradients="zero")
    assert z.shape.as_list() == [3, 2, 2] and not np.any(_np(z))


def test_jacobian_non_persistent_loop_raises():
    t, W, x, b, y = _jac_setup(persistent=False)
    with pytest.raises(RuntimeError, match="persistent=True"):
        t.jacobian(y, x, experimental_use_pfor=False)
    # the vectorized path works once on a non-persistent tape
    assert t.jacobian(y, x).shape.as_list() == [3, 2, 4, 2]


def _sq_fwd(x):
    return x * x


def _sq_vjp(g, out, ins, p, need):
    from tapeflow.primitives import core

    return (core.multiply(g, core.multiply(ins[0], core.scalar_like(2.0, ins[0]))),)


NOBATCH = Primitive("custom_test_square_nobatch", _sq_fwd, _sq_vjp, batchable=False)


def test_jacobian_falls_back_to_loop_for_unbatchable_rule(monkeypatch):
    calls = []
    orig = NOBATCH.vjp

    def counting(g, out, ins, p, need):
        calls.append(g.shape)
        return orig(g, out, ins, p, need)

    monkeypatch.setattr(NOBATCH, "vjp", counting)
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = bind1(NOBATCH, x) * 2.0
    j = t.jacobian(y, x)
    np.testing.assert_allclose(_np(j), np.diag([4.0, 8.0, 12.0]))
    assert len(calls) == 3 and all(s == (3,) for s in calls)  # one pass per row, never a batch


def test_batch_jacobian():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    W = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * x
        z = tf.matmul(x, W)  # (2, 3)
    bj = g.batch_jacobian(y, x)
    np.testing.assert_allclose(_np(bj), [[[2, 0], [0, 4]], [[6, 0], [0, 8]]])
    bz = g.batch_jacobian(z, x)
    assert bz.shape.as_list() == [2, 3, 2]
    np.testing.assert_allclose(_np(bz), np.broadcast_to(_np(W).T, (2, 3, 2)))
    np.testing.assert_allclose(_np(g.batch_jacobian(z, x, experimental_use_pfor=False)), _np(bz))
    # unconnected: zeros of shape (b,) + t[1:] + s[1:], as TF
    u = tf.constant([[1.0], [2.0]])
    uz = g.batch_jacobian(z, u)
    assert uz.shape.as_list() == [2, 3, 1] and not np.any(_np(uz))


def test_batch_jacobian_errors():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    v = tf.constant([1.0, 2.0])
    s = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as g:
        g.watch([x, v, s])
        y = tf.concat([x, x], 0)  # (4, 2)
        w = v * v
        r = s * s
    with pytest.raises(ValueError, match="Need first dimension of target shape"):
        g.batch_jacobian(y, x)
    with pytest.raises(ValueError, match="rank at least 2"):
        g.batch_jacobian(r, s)
    with pytest.raises(ValueError, match="rank at least 2"):
        g.batch_jacobian(w, v)
    with tf.GradientTape() as g2:
        g2.watch(x)
        y = x * x
    with pytest.raises(RuntimeError, match="persistent=True"):
        g2.batch_jacobian(y, x, experimental_use_pfor=False)


def test_jacobian_higher_order_hessian():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            f = tf.reduce_sum(x * x * x) + x[0] * x[1]
        g = inner.gradient(f, x)
    H = outer.jacobian(g, x)
    np.testing.assert_allclose(_np(H), [[6.0, 1.0], [1.0, 12.0]])
