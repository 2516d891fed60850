"""Each reason a gradient can be None gets its own explanation (tape.explain / explain_last_none)."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.explain import explain
from tapeflow.tape import explain_last_none


def _none_and_why(tape, target, source):
    assert tape.gradient(target, source) is None
    return explain_last_none(source)


def test_not_none_is_reported():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * 3.0
    msg = t.explain(y, x)
    assert "not None" in msg and "2 recorded" in msg
    assert "not None" in t.explain(y, y) and "itself a target" in t.explain(y, y)


def test_tensor_never_watched():
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        y = x * x
    msg = _none_and_why(t, y, x)
    assert "never watched" in msg and "tape.watch" in msg


def test_variable_not_trainable():
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as t:
        y = v * v
    msg = _none_and_why(t, y, v)
    assert "not trainable" in msg and "trainable=False" in msg and "'Variable:0'" in msg


def test_watch_accessed_variables_false():
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        y = v * v
    msg = _none_and_why(t, y, v)
    assert "watch_accessed_variables=False" in msg


def test_variable_never_read_while_recording():
    v = tf.Variable(2.0, name="w")
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 3.0
    msg = _none_and_why(t, y, v)
    assert "never read" in msg and "'w:0'" in msg


def test_not_connected():
    x, z = tf.constant(1.0), tf.constant(5.0)
    with tf.GradientTape() as t:
        t.watch([x, z])
        _ = x * 2.0
        y = z * 3.0
    msg = _none_and_why(t, y, x)
    assert "does not depend on the source" in msg


def test_cut_by_cast_to_int():
    x = tf.constant([1.5, 2.5])
    with tf.GradientTape() as t:
        t.watch(x)
        k = tf.cast(x, tf.int32)
        y = tf.cast(k * 2, tf.float32)
    msg = _none_and_why(t, y, x)
    assert "non-differentiable op 'cast_to_int'" in msg


@pytest.mark.skipif(not hasattr(tf, "argmax"), reason="argmax not available yet")
def test_cut_by_argmax():
    x = tf.constant([1.0, 3.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        i = tf.argmax(x)
        y = tf.cast(i, tf.float32) * 2.0
    msg = _none_and_why(t, y, x)
    assert "'argmax'" in msg and "non-differentiable" in msg


@pytest.mark.skipif(not hasattr(tf, "greater"), reason="greater not available yet")
def test_cut_by_comparison():
    x = tf.constant([1.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        m = tf.greater(x, 2.0)
        y = tf.cast(m, tf.float32) * 5.0
    msg = _none_and_why(t, y, x)
    assert "'greater'" in msg


@pytest.mark.skipif(not hasattr(tf, "floor"), reason="floor not available yet")
def test_cut_by_floor_or_round():
    from tapeflow.primitives import RULES

    x = tf.constant([1.2, 3.7])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.floor(x) * 2.0
    g = t.gradient(y, x)
    if RULES.get("floor") is not None and RULES["floor"].vjp is None:
        assert g is None
        assert "'floor'" in explain_last_none(x)
    else:  # floor registered with a zero gradient: nothing to explain
        np.testing.assert_allclose(np.asarray(g), [0.0, 0.0])


def test_blocked_by_stop_gradient():
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.stop_gradient(x * x) * 3.0
    msg = _none_and_why(t, y, x)
    assert "stop_gradient" in msg and "blocked" in msg


def test_numpy_round_trip():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        h = x * 2.0
        a = h.numpy()
        y = tf.constant(np.sin(a)) * 1.0
    msg = _none_and_why(t, y, x)
    assert "NumPy" in msg and ".numpy()" in msg


def test_numpy_round_trip_via_asarray():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant(np.asarray(x) * 2.0)
    assert "NumPy" in _none_and_why(t, y, x)


def test_target_computed_before_tape():
    x = tf.Variable(2.0)
    y = x * x
    with tf.GradientTape() as t:
        _ = x * 1.0
    msg = _none_and_why(t, y, x)
    assert "before the tape started recording" in msg


def test_target_computed_after_tape_exit():
    x = tf.Variable(2.0)
    with tf.GradientTape() as t:
        _ = x * 1.0
    y = x * x
    msg = _none_and_why(t, y, x)
    assert "after the tape stopped recording" in msg


def test_target_computed_before_reset():
    x = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y = x * x
        t.reset()
        _ = x * 3.0
    msg = _none_and_why(t, y, x)
    assert "reset()" in msg


def test_target_computed_inside_stop_recording():
    x = tf.Variable(2.0)
    with tf.GradientTape() as t:
        with t.stop_recording():
            y = x * x
    msg = _none_and_why(t, y, x)
    assert "stop_recording()" in msg


def test_variable_replaced_by_tensor():
    w = tf.Variable(3.0)
    w = w + 1  # now a Tensor: the classic mistake
    with tf.GradientTape() as t:
        y = w * w
    msg = _none_and_why(t, y, w)
    assert "not a Variable" in msg and "x = x + 1" in msg and "assign" in msg and "'Variable:0'" in msg


def test_variable_replaced_inside_training_loop_subtract():
    w = tf.Variable(1.0, name="kernel")
    lr = 0.1
    for _ in range(2):
        with tf.GradientTape() as t:
            loss = w * w
        g = t.gradient(loss, w)
        if g is None:
            break
        w = w - lr * g  # replaces the variable
    assert g is None
    msg = explain_last_none(w)
    assert "`-`" in msg and "'kernel:0'" in msg


def test_explain_last_none_after_non_persistent_release():
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(tf.cast(x, tf.int32), tf.float32)
    assert t.gradient(y, x) is None
    assert t._records is None  # released...
    assert "cast_to_int" in explain_last_none(x)  # ...but the skeleton explains
    assert "cast_to_int" in t.explain(y, x)


def test_explain_last_none_is_none_for_connected_sources():
    x, z = tf.constant(1.0), tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch([x, z])
        y = x * 2.0
    gx, gz = t.gradient(y, [x, z])
    assert gx is not None and gz is None
    assert explain_last_none(x) is None
    assert explain_last_none(z) is not None


def test_optimizer_error_carries_explanation():
    try:
        from tapeflow import keras
        opt = keras.optimizers.SGD(learning_rate=0.1)
    except Exception:  # the optimizer package is written in parallel
        pytest.skip("keras optimizers not available")
    v = tf.Variable(1.0, trainable=False)
    with tf.GradientTape() as t:
        y = v * 2.0
    g = t.gradient(y, [v])
    with pytest.raises(ValueError, match="not trainable"):
        opt.apply_gradients(zip(g, [v]))


def test_explain_function_matches_method():
    x = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as t:
        y = x * 2.0
    assert explain(t, y, x) == t.explain(y, x)
    assert explain(t, [y, y * 1.0], x).startswith("The gradient is None")


def test_target_from_before_a_used_tape_was_reentered():
    x = tf.constant(2.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        y = x * x
    t.gradient(y, x)
    with t:
        t.watch(x)
        _ = x * 3.0
    msg = _none_and_why(t, y, x)
    assert "entered again" in msg and "persistent=True" in msg
