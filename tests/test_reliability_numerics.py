"""Issue 9, items 4-6: edge numerics as TF, no NumPy warnings out of tapeflow, no recursion limit
in graph walks and tf.nest, and NaNs explained (check numerics in the backward pass, explain_nan)."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras

# --- 4. edge numerics (TF 2.21's values) ----------------------------------------------------------

def test_argmax_argmin_skip_nan_as_tf():
    nan = np.nan
    assert int(tf.argmax([1.0, nan, 3.0])) == 2
    assert int(tf.argmax([nan, 1.0, 3.0])) == 2
    assert int(tf.argmax([1.0, 5.0, nan, 7.0])) == 3
    assert int(tf.argmin([1.0, nan, 0.0])) == 2
    assert tf.argmax([[1.0, nan], [nan, 2.0]], axis=1).numpy().tolist() == [0, 1]
    assert tf.argmax([[1.0, 2.0], [4.0, 3.0]], axis=0).numpy().tolist() == [1, 1]  # no NaN: unchanged


def test_clip_by_norm_negative_clip_gives_zeros():
    np.testing.assert_array_equal(tf.clip_by_norm([3.0, 4.0], -1.0).numpy(), [0.0, 0.0])
    np.testing.assert_array_equal(tf.clip_by_norm([3.0, 4.0], 0.0).numpy(), [0.0, 0.0])
    np.testing.assert_allclose(tf.clip_by_norm([3.0, 4.0], 1.0).numpy(), [0.6, 0.8], rtol=1e-6)


@pytest.mark.parametrize("x, value, grad", [
    ([1.0, np.inf], np.inf, [0.0, np.nan]),
    ([1.0, -np.inf], 1.0, [1.0, 0.0]),
    ([-np.inf, -np.inf], -np.inf, [np.nan, np.nan]),
])
def test_reduce_logsumexp_gradient_with_infinities(x, value, grad):
    v = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.reduce_logsumexp(v)
    assert float(y) == value
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), grad)


def test_reduce_mean_of_nothing_is_nan_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(float(tf.reduce_mean(tf.zeros((0,)))))
        assert np.isnan(tf.reduce_mean(tf.zeros((0, 3)), axis=0).numpy()).all()


def test_no_numpy_warnings_leak():
    x = tf.Variable([0.0, 1.0])
    cases = [
        lambda: tf.math.log(tf.constant([0.0, 1.0])),
        lambda: tf.constant([1.0, 0.0]) / tf.constant([0.0, 0.0]),
        lambda: tf.sqrt(tf.constant(-1.0)),
        lambda: tf.exp(tf.constant(1000.0)),
        lambda: tf.pow(tf.constant(0.0), -1.0),
        lambda: tf.cast(tf.constant([np.nan, 1e10]), tf.int32),
        lambda: tf.reduce_logsumexp(tf.constant([-np.inf, -np.inf])),
        lambda: tf.nn.softmax(tf.constant([np.inf, 1.0])),
        lambda: tf.acos(tf.constant(2.0)),
        lambda: tf.constant([60000.0], tf.float16) * 2.0,
        lambda: tf.cast(tf.constant(1e6), tf.float16),
        lambda: tf.sigmoid(tf.constant(-1000.0)),
        lambda: keras.losses.binary_crossentropy([1.0], [0.0]),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning would raise here
        for case in cases:
            case()
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(tf.sqrt(x) + tf.math.log(x))
        assert np.isinf(tape.gradient(y, x).numpy()[0])


# --- 5. depth -------------------------------------------------------------------------------------

def test_functional_model_of_10000_layers():
    limit = sys.getrecursionlimit()
    x = keras.Input((2,))
    h = x
    for i in range(10_000):
        h = keras.layers.Dense(2, kernel_initializer="identity")(h) if i % 100 == 0 else \
            keras.layers.Activation("linear")(h)
    model = keras.Model(x, h)
    assert len(model.layers) == 10_001
    np.testing.assert_array_equal(model(np.ones((1, 2), "float32")).numpy(), [[1.0, 1.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(model(np.ones((1, 2), "float32")))
    grads = tape.gradient(y, model.trainable_variables)
    assert len(grads) == 200 and all(g is not None for g in grads)
    again = keras.Model.from_config(model.get_config())
    assert len(again.layers) == 10_001
    assert sys.getrecursionlimit() == limit  # (not raised to get there)


def test_nest_over_10000_deep_structures():
    deep = 1
    for _ in range(10_000):
        deep = [deep]
    assert tf.nest.flatten(deep) == [1]
    assert tf.nest.flatten(tf.nest.map_structure(lambda v: v + 1, deep)) == [2]
    tf.nest.assert_same_structure(deep, deep)
    assert tf.nest.flatten(tf.nest.pack_sequence_as(deep, [7])) == [7]
    d: dict = {}
    cur = d
    for _ in range(10_000):
        cur["a"] = {}
        cur = cur["a"]
    cur["a"] = 3
    assert tf.nest.flatten(d) == [3]
    with pytest.raises(ValueError, match="same nested structure"):
        tf.nest.assert_same_structure(deep, d)
    assert tf.nest.map_structure(lambda v: v * 2, {"b": (1, 2), "a": [3, {"c": 4}]}) == \
        {"b": (2, 4), "a": [6, {"c": 8}]}


# --- 6. NaNs explained ----------------------------------------------------------------------------

def test_check_numerics_names_the_forward_op_of_a_backward_nan():
    x = tf.Variable([1.0, 0.0])
    tf.debugging.enable_check_numerics()
    try:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            with tf.GradientTape() as tape:
                y = tf.reduce_sum(tf.sqrt(x))  # the op whose gradient rule makes the Inf
            tape.gradient(y, x)
    finally:
        tf.debugging.disable_check_numerics()
    text = str(info.value)
    assert 'made by the gradient rule of op "sqrt"' in text
    assert "y = tf.reduce_sum(tf.sqrt(x))  # the op whose gradient rule makes the Inf" in text  # its line
    assert "tape.gradient(y, x)" in text  # and the line that ran the backward pass


def test_check_numerics_forward_names_op_line_and_ranges():
    tf.debugging.enable_check_numerics()
    try:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            tf.math.log(tf.constant(np.linspace(-1.0, 1.0, 10, dtype=np.float32)))
    finally:
        tf.debugging.disable_check_numerics()
    text = str(info.value)
    assert '"log"' in text and "this op made the first non-finite value" in text
    assert "min -1, max 1" in text and "test_reliability_numerics.py" in text


def test_explain_nan_forward_origin_and_received_values():
    x = tf.Variable([1.0, 0.0], name="w")
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(tf.math.log(x) * 2.0 + 1.0)
    text = tape.explain_nan(y)
    assert text.startswith('The first non-finite value appeared in op "log" (op 1 of 4')
    assert "input 0: shape (2,), min 0, max 1 (all finite)" in text
    assert "then through: multiply -> add -> reduce_sum" in text
    v = tf.Variable([np.nan, 1.0], name="bad")
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(v * 3.0)
    assert "the variable 'bad', not made by a recorded op" in tape.explain_nan(y)


def test_explain_nan_in_the_gradient_and_when_all_is_finite():
    x = tf.Variable([4.0, 0.0])
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(tf.sqrt(x))
    assert tape.explain_nan(y).startswith("No NaN or Inf on the way to the target in the forward pass")
    assert 'made by the gradient rule of op "sqrt"' in tape.explain_nan(y, x)
    with tf.GradientTape() as tape2:
        z = tf.reduce_sum(x * 2.0)
    assert tape2.explain_nan(z, x) == "No NaN or Inf on the way to the target, in the forward pass or in the gradient."
    with pytest.raises(RuntimeError, match="already used"):
        tape2.explain_nan(z, x)
