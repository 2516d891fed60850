"""GradientTape behaviour, checked against TF 2.x's documented results."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.primitives import Primitive, bind1
from tapeflow.recorders import STATE


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
    assert str(g) == "tf.Tensor(2.0, shape=(), dtype=float32)"


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


# --- jacobian's diagonal fast path (_Diag cotangents in GradientTape._walk) -------------------------

import tapeflow.tape as _tape_mod  # noqa: E402


def _spy_diag(monkeypatch):
    """Record (prim name, kept diagonal?) for every record a _Diag cotangent reached, _dense calls,
    and walks seeded with a _Diag."""
    log: dict = {"steps": [], "dense": 0, "walks": 0}
    step, dense, walk = _tape_mod._diag_try, _tape_mod._dense, _tape_mod.GradientTape._walk

    def spy_step(w, prim, *a):
        r = step(w, prim, *a)
        log["steps"].append((prim.name, r))
        return r

    def spy_dense(d):
        log["dense"] += 1
        return dense(d)

    def spy_walk(self, seeds, *a, **k):
        log["walks"] += any(type(g) is _tape_mod._Diag for _, g in seeds)
        return walk(self, seeds, *a, **k)

    monkeypatch.setattr(_tape_mod, "_diag_try", spy_step)
    monkeypatch.setattr(_tape_mod, "_dense", spy_dense)
    monkeypatch.setattr(_tape_mod.GradientTape, "_walk", spy_walk)
    return log


def _three_ways(monkeypatch, build, unconnected="none", rtol=1e-12):
    """jacobian by the diagonal walk, the dense batched walk and the loop: all must agree."""
    t, y, srcs = build()
    fast = t.jacobian(y, srcs, unconnected_gradients=unconnected)
    with monkeypatch.context() as m:
        m.setattr(_tape_mod, "_DIAG_JACOBIAN", False)
        dense = t.jacobian(y, srcs, unconnected_gradients=unconnected)
    loop = t.jacobian(y, srcs, unconnected_gradients=unconnected, experimental_use_pfor=False)
    for a, b, c in zip(fast, dense, loop):
        if b is None:
            assert a is None and c is None
            continue
        assert a.dtype == b.dtype == c.dtype and a.shape == b.shape == c.shape
        np.testing.assert_allclose(_np(a), _np(b), rtol=rtol, atol=1e-12)
        np.testing.assert_allclose(_np(a), _np(c), rtol=rtol, atol=1e-12)
    return fast


def test_diag_jacobian_bench_function(monkeypatch):
    n = 7
    rng = np.random.default_rng(1)
    Wv = rng.standard_normal((n, n)).astype(np.float32)
    xv = rng.standard_normal(n).astype(np.float32)
    W, x = tf.constant(Wv), tf.constant(xv)

    def build():
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = tf.tanh(tf.reshape(tf.matmul(W, tf.reshape(x, [n, 1])), [n]) + x * x)
        return t, y, [x]

    log = _spy_diag(monkeypatch)
    (j,) = _three_ways(monkeypatch, build, rtol=1e-5)
    assert log["walks"] == 1
    taken = {name for name, ok in log["steps"] if ok}
    assert {"tanh", "add", "multiply", "reshape", "matmul"} <= taken
    assert not [s for s in log["steps"] if not s[1]]
    yv = np.tanh(Wv @ xv + xv * xv)
    np.testing.assert_allclose(_np(j), (1 - yv * yv)[:, None] * (Wv + np.diag(2 * xv)), rtol=1e-5, atol=1e-6)
    assert j.dtype == tf.float32


def test_diag_jacobian_elementwise_chain_stays_diagonal(monkeypatch):
    xv = np.array([[0.3, -1.2, 2.0], [0.7, 1.5, -0.4]])
    x = tf.constant(xv)

    def build():
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = tf.exp(tf.sin(x) * x) / (1.0 + x * x) - tf.tanh(x) + tf.nn.relu(x)
            y = tf.sqrt(tf.square(y) + 1.0) - tf.nn.sigmoid(-x)
        return t, y, [x]

    log = _spy_diag(monkeypatch)
    (j,) = _three_ways(monkeypatch, build)
    assert log["dense"] == 1  # only the final materialisation for the source
    assert log["steps"] and all(ok for _, ok in log["steps"])
    jm = _np(j).reshape(6, 6)
    np.testing.assert_array_equal(jm, np.diag(np.diag(jm)))
    f = lambda v: np.sqrt((np.exp(np.sin(v) * v) / (1 + v * v) - np.tanh(v) + np.maximum(v, 0)) ** 2 + 1) \
        - 1 / (1 + np.exp(v))
    np.testing.assert_allclose(_np(j), _numeric_jac(f, xv), rtol=1e-6, atol=1e-8)


def test_diag_jacobian_broadcasting_materialises(monkeypatch):
    x = tf.constant([1.0, -2.0, 0.5])
    w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    c = tf.constant([[1.5], [-0.5], [2.0]])
    s = tf.constant(0.7)

    def build():
        with tf.GradientTape(persistent=True) as t:
            t.watch([x, c, s])
            y = tf.tanh(tf.reshape(c, [3]) * x + s) * x  # x * x-shaped, s broadcast
            y = tf.reshape(y, [3, 1]) * tf.reshape(w, [1, 6])  # (3, 6): broadcast
        return t, y, [x, c, s]

    log = _spy_diag(monkeypatch)
    jx, jc, js = _three_ways(monkeypatch, build)
    assert jx.shape.as_list() == [3, 6, 3] and jc.shape.as_list() == [3, 6, 3, 1] and js.shape.as_list() == [3, 6]
    assert ("multiply", False) in log["steps"]  # the broadcasting multiply materialised
    # a broadcast binary op right at the seed, with sources on both sides
    u = tf.constant([[1.0, 2.0, 3.0]])

    def build2():
        with tf.GradientTape(persistent=True) as t:
            t.watch([c, u])
            y = tf.exp(c + u) * u  # (3, 1) + (1, 3) -> (3, 3)
        return t, y, [c, u]

    _three_ways(monkeypatch, build2)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_diag_jacobian_matmul_either_side(monkeypatch, dtype):
    rng = np.random.default_rng(2)
    W1 = tf.constant(rng.standard_normal((4, 3)).astype(dtype))
    W2 = tf.constant(rng.standard_normal((3, 4)).astype(dtype))
    x1 = tf.constant(rng.standard_normal((2, 4)).astype(dtype))
    x2 = tf.constant(rng.standard_normal((4, 2)).astype(dtype))
    rtol = 1e-12 if dtype == np.float64 else 1e-5

    def build():  # x @ W and W @ x, every operand a source (both input cotangents built)
        with tf.GradientTape(persistent=True) as t:
            t.watch([W1, W2, x1, x2])
            a = tf.sin(tf.matmul(x1, W1))  # (2, 3)
            b = tf.matmul(W2, x2) * 2.0  # (3, 2)
            y = a * tf.transpose(b)  # (2, 3)
        return t, y, [W1, W2, x1, x2]

    log = _spy_diag(monkeypatch)
    js = _three_ways(monkeypatch, build, rtol=rtol)
    assert [s for s in log["steps"] if s[0] == "matmul"] == [("matmul", True)]  # x1 @ W1 (W2 @ x2 sits after a transpose)
    assert [j.shape.as_list() for j in js] == [[2, 3, 4, 3], [2, 3, 3, 4], [2, 3, 2, 4], [2, 3, 4, 2]]

    def build2():  # W @ x straight at the target, and x @ W with a single-row x
        with tf.GradientTape(persistent=True) as t:
            t.watch([W2, x2])
            y = tf.matmul(W2, tf.tanh(x2))  # (3, 2)
        return t, y, [W2, x2]

    _three_ways(monkeypatch, build2, rtol=rtol)
    r = tf.constant(rng.standard_normal((1, 3)).astype(dtype))

    def build3():
        with tf.GradientTape(persistent=True) as t:
            t.watch([r, W2])
            y = tf.matmul(r, W2) + tf.matmul(r * r, W2)  # (1, 4), m == 1
        return t, y, [r, W2]

    _three_ways(monkeypatch, build3, rtol=rtol)
    sq = tf.constant(rng.standard_normal((3, 3)).astype(dtype))

    def build4():  # the same tensor on both sides
        with tf.GradientTape(persistent=True) as t:
            t.watch(sq)
            y = tf.matmul(sq, sq) - sq
        return t, y, [sq]

    _three_ways(monkeypatch, build4, rtol=rtol)


def test_diag_jacobian_reshape_in_chain(monkeypatch):
    x = tf.constant(np.linspace(-1.0, 1.0, 6).reshape(2, 3))
    W = tf.constant(np.arange(12.0).reshape(6, 2) / 10.0)

    def build():
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            h = tf.reshape(tf.exp(x), [6, 1]) * tf.reshape(x, [6, 1])  # diag through reshapes
            y = tf.reshape(tf.matmul(tf.reshape(h, [1, 6]), W), [2]) + tf.reshape(x, [6])[:2]
        return t, y, [x]

    log = _spy_diag(monkeypatch)
    _three_ways(monkeypatch, build)
    assert ("reshape", True) in log["steps"]


def test_diag_jacobian_source_reached_by_diag_and_dense_paths(monkeypatch):
    n = 5
    rng = np.random.default_rng(3)
    W = tf.constant(rng.standard_normal((n, n)))
    x = tf.constant(rng.standard_normal(n))
    z = tf.constant(rng.standard_normal(n))

    def build():  # x gets a dense gradient (through the matmul) and diagonal ones (x * x, + x)
        with tf.GradientTape(persistent=True) as t:
            t.watch([x, z])
            u = x + z  # dense g from the matmul goes to x AND z (the same Tensor): no in-place sharing
            m = tf.reshape(tf.matmul(W, tf.reshape(u, [n, 1])), [n])
            y = m + x * x + x
        return t, y, [x, z]

    jx, jz = _three_ways(monkeypatch, build)
    np.testing.assert_allclose(_np(jz), _np(W), rtol=1e-12)
    np.testing.assert_allclose(_np(jx), _np(W) + np.diag(2 * _np(x) + 1), rtol=1e-12)

    def build2():  # dense first (reduce_sum broadcasts back), then diagonal, into the same source
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = tf.sin(x) * tf.reduce_sum(x) + tf.reshape(tf.matmul(tf.reshape(x, [1, n]), W), [n])
        return t, y, [x]

    _three_ways(monkeypatch, build2)

    def build3():  # the source is an intermediate and also the target's operand
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            h = tf.exp(x)
            y = tf.reshape(tf.matmul(W, tf.reshape(h, [n, 1])), [n]) * h
        return t, y, [h, x]

    _three_ways(monkeypatch, build3)


def test_diag_jacobian_multi_and_unconnected_sources(monkeypatch):
    x = tf.constant([1.0, 2.0, 3.0])
    b = tf.constant([0.5, -0.5, 1.0])
    u = tf.constant([[1.0, 2.0]])
    v = tf.Variable([4.0, 5.0, 6.0])

    def build():
        with tf.GradientTape(persistent=True) as t:
            t.watch([x, b, u])
            y = tf.tanh(x * b) + v * x
        return t, y, [x, b, u, v]

    for uc in ("none", "zero"):
        jx, jb, ju, jv = _three_ways(monkeypatch, build, unconnected=uc)
        if uc == "none":
            assert ju is None
        else:
            assert ju.shape.as_list() == [3, 1, 2] and not np.any(_np(ju))
        np.testing.assert_allclose(_np(jv), np.diag(_np(x)), rtol=1e-6)
    # the target itself as a source: the identity
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 2.0
    np.testing.assert_array_equal(_np(t.jacobian(y, [y, x])[0]), np.eye(3))


def test_diag_jacobian_scalar_and_dtypes(monkeypatch):
    xi = tf.constant([1, 2, 3], dtype=tf.int32)

    def build_int():
        with tf.GradientTape(persistent=True) as t:
            t.watch(xi)
            y = tf.cast(xi * xi, tf.float32) * 0.5
        return t, y, [xi]

    (j,) = _three_ways(monkeypatch, build_int)
    assert j.dtype == tf.float32
    np.testing.assert_allclose(_np(j), np.diag([1.0, 2.0, 3.0]))

    def build_int_target():  # an integer target: differentiated as float32
        with tf.GradientTape(persistent=True) as t:
            t.watch(xi)
            y = xi * xi + 1
        return t, y, [xi]

    (j,) = _three_ways(monkeypatch, build_int_target)
    assert j.dtype == tf.float32
    np.testing.assert_allclose(_np(j), np.diag([2.0, 4.0, 6.0]))
    x64 = tf.constant([0.25, 0.5], dtype=tf.float64)
    s = tf.constant(0.3, dtype=tf.float64)

    def build64():
        with tf.GradientTape(persistent=True) as t:
            t.watch([x64, s])
            y = tf.exp(x64 * s) / x64
        return t, y, [x64, s]

    jx, js = _three_ways(monkeypatch, build64)
    assert jx.dtype == tf.float64 and js.dtype == tf.float64

    def build_scalar():  # a 0-d target: a batch of one
        with tf.GradientTape(persistent=True) as t:
            t.watch(s)
            y = tf.sin(s * s)
        return t, y, [s]

    (j,) = _three_ways(monkeypatch, build_scalar)
    assert j.shape.as_list() == [] and np.isclose(_np(j), 2 * 0.3 * np.cos(0.09))


def test_diag_jacobian_chunks_and_batch_jacobian_use_dense_walk(monkeypatch):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    W = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        z = tf.tanh(tf.matmul(x, W)) * 2.0  # (2, 3)
    log = _spy_diag(monkeypatch)
    bz = g.batch_jacobian(z, x)
    assert log["walks"] == 0
    np.testing.assert_allclose(_np(bz), _np(g.batch_jacobian(z, x, experimental_use_pfor=False)), rtol=1e-6)
    jc = g.jacobian(z, x, parallel_iterations=4)
    assert log["walks"] == 0
    jf = g.jacobian(z, x)
    assert log["walks"] == 1
    np.testing.assert_allclose(_np(jc), _np(jf), rtol=1e-6)


def test_diag_jacobian_inside_outer_tape_second_order(monkeypatch):
    xv = np.array([0.3, -0.8, 1.1])
    Wv = np.array([[1.0, 2.0, 0.5], [-1.0, 0.3, 2.0], [0.2, 0.1, -0.7]])
    x, W = tf.constant(xv), tf.constant(Wv)
    log = _spy_diag(monkeypatch)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reshape(tf.matmul(W, tf.reshape(x, [3, 1])), [3]) * x + tf.sin(x)
        J = inner.jacobian(y, x)
        s = tf.reduce_sum(J * J)
    g = outer.gradient(s, x)
    assert log["walks"] == 0  # an outer tape records: the dense walk, whose ops it can see

    def J_of(v):
        return Wv * v[:, None] + np.diag(Wv @ v + np.cos(v))

    np.testing.assert_allclose(_np(J), J_of(xv), rtol=1e-12)
    num = _numeric_jac(lambda v: np.sum(J_of(v) ** 2), xv)
    np.testing.assert_allclose(_np(g), num, rtol=1e-6, atol=1e-8)
    # a jacobian AFTER the outer tape stopped takes the fast path and agrees
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reshape(tf.matmul(W, tf.reshape(x, [3, 1])), [3]) * x + tf.sin(x)
    np.testing.assert_allclose(_np(t.jacobian(y, x)), J_of(xv), rtol=1e-12)
    assert log["walks"] == 1


def test_variable_as_target_is_its_own_gradient_as_tf():
    # TF's autodiff guide: `result = v0` (never read on the tape) gives dv0 = 1.0, dv1 = None
    x = tf.constant(1.0)
    v0, v1 = tf.Variable(2.0), tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        result = v0 if x > 0.0 else v1**2
    dv0, dv1 = tape.gradient(result, [v0, v1])
    assert float(dv0) == 1.0 and dv1 is None
    assert tape.gradient(result, x) is None
    assert float(tape.gradient(result, {"a": v0})["a"]) == 1.0
    assert float(tape.gradient([result, v1], v1)) == 1.0


# --- the walk's "gradient final" hook (GradientTape._walk's on_final) ----------------------------


def _spy_steps(monkeypatch, events: list) -> None:
    """Log ("step", op name) for every record the walk pushes a cotangent through."""
    for kind, step in list(_tape_mod._STEPS.items()):
        def spy(w, prim, *a, _step=step):
            events.append(("step", prim.name))
            return _step(w, prim, *a)
        monkeypatch.setitem(_tape_mod._STEPS, kind, spy)


def test_on_final_called_once_per_source_as_soon_as_final(monkeypatch):
    x = tf.constant([1.0, 2.0])
    u = tf.constant(3.0)  # unconnected
    w = tf.Variable([0.5, -1.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, u])
        a = x * 2.0
        b = tf.sin(a)
        c = b * w
        y = tf.reduce_sum(c + x)
    events: list = []
    seen: dict = {}

    def hook(sid, g):
        assert sid not in seen, "called twice"
        seen[sid] = g
        events.append(("final", sid))

    _spy_steps(monkeypatch, events)
    gx, gw, ga, gu, gy = t.gradient(y, [x, w, a, u, y], _on_final=hook)
    assert gu is None and u._id not in seen
    assert set(seen) == {x._id, w._id, a._id, y._id}
    for s, g in ((x, gx), (w, gw), (a, ga), (y, gy)):
        assert seen[s._id] is g  # the final value itself
    # y (a target, read by no record) is final before any step; w right after c = b * w's rule,
    # before sin's; a after sin's; x last, after a = x * 2's rule
    assert events[0] == ("final", y._id)
    order = [e[1] if e[0] == "step" else e for e in events]
    iw, ia, ix = order.index(("final", w._id)), order.index(("final", a._id)), order.index(("final", x._id))
    assert order[iw - 1] == "multiply" and order[iw + 1] == "sin"
    assert order[ia - 1] == "sin" and ia < ix and ix == len(order) - 1
    np.testing.assert_allclose(_np(gx), 2 * np.cos(2 * _np(x)) * _np(w.read_value()) + 1, rtol=1e-6)
    # without the hook: the same gradients
    for g0, g1 in zip(t.gradient(y, [x, w, a, u, y]), (gx, gw, ga, gu, gy)):
        assert (g0 is None) == (g1 is None)
        if g0 is not None:
            np.testing.assert_array_equal(_np(g0), _np(g1))


def test_on_final_with_slices_duplicates_and_compact_jacobian_walk():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape(persistent=True) as t:
        y = tf.reduce_sum(tf.gather(v, [2, 0, 2])) * 3.0
    got: list = []
    g1, g2 = t.gradient(y, [v, v], _on_final=lambda sid, g: got.append((sid, g)))
    assert len(got) == 1 and got[0][0] == v._id and got[0][1] is g1 is g2
    assert type(g1).__name__ == "IndexedSlices"
    # a jacobian walk seeded with a compact diagonal: the hook sees dense, final Tensors
    n = 4
    rng = np.random.default_rng(5)
    W = tf.constant(rng.standard_normal((n, n)))
    x = tf.constant(rng.standard_normal(n))
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        h = tf.exp(x)
        y = tf.tanh(tf.reshape(tf.matmul(W, tf.reshape(h, [n, 1])), [n]) * h + x * x)
    seen: dict = {}
    seed = _tape_mod._Diag(tf.constant(np.ones(n)))
    grads = t._walk([(y._id, seed)], {x._id, h._id}, (n,), on_final=lambda sid, g: seen.setdefault(sid, g))
    assert set(seen) == {x._id, h._id}
    for sid in seen:
        assert type(seen[sid]) is _tape_mod.Tensor  # dense: no _Diag or private buffer escapes
        assert grads[sid] is seen[sid]
    jx, jh = t.jacobian(y, [x, h])
    np.testing.assert_allclose(_np(seen[x._id]), _np(jx), rtol=1e-12)
    np.testing.assert_allclose(_np(seen[h._id]), _np(jh), rtol=1e-12)


def test_slices_cotangent_of_a_multi_output_op_is_densified():
    # HEAD crashed here (the multi-output path took IndexedSlices for a _Diag)
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as t:
        a, b = tf.split(x, 2, axis=1)
        y = tf.reduce_sum(tf.gather(a, [0, 2, 2])) + tf.reduce_sum(b)
    np.testing.assert_array_equal(_np(t.gradient(y, x)), [[1.0, 1.0], [0.0, 1.0], [2.0, 1.0]])
