"""Control flow in eager mode: cond/case/switch_case, while_loop, TensorArray, map_fn,
vectorized_map, scan/foldl/foldr, py_function/numpy_function and the graph-era helpers.

Expected values, result types and error texts were taken from TensorFlow 2.21 in eager mode.
"""

from __future__ import annotations

import collections

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError, OutOfRangeError

P = collections.namedtuple("P", "a b")


def one():
    return tf.constant(1.0)


def two():
    return tf.constant(2.0)


T, F = tf.constant(True), tf.constant(False)


def grad(f, x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    return t.gradient(y, x)


def grad2(f, x):
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = f(x)
        g = t1.gradient(y, x)
    return g, t2.gradient(g, x)


def jac(f, x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    return t.jacobian(y, x)


# --- cond --------------------------------------------------------------------------------------


def test_cond_values_and_types():
    assert repr(tf.cond(True, one, two)) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>"
    assert float(tf.cond(F, one, two)) == 2.0
    r = tf.cond(F, lambda: [one()], lambda: [two()])  # tf.cond is strict: a list stays a list
    assert isinstance(r, list) and float(r[0]) == 2.0
    assert tf.cond(True, lambda: 3, lambda: 4) == 3
    assert tf.cond(True, lambda: None, lambda: None) is None
    assert tf.cond(True, lambda: {"a": 1.0}, lambda: {"a": 2.0}) == {"a": 1.0}
    # one-element, int, float and Variable predicates are taken by truth value, as TF eager
    assert float(tf.cond(tf.constant([True]), one, two)) == 1.0
    assert float(tf.cond(tf.constant(2), one, two)) == 1.0
    assert float(tf.cond(0.0, one, two)) == 2.0
    assert float(tf.cond(tf.Variable(True), one, two)) == 1.0


def test_cond_only_runs_the_chosen_branch():
    ran = []
    tf.cond(tf.constant(True), lambda: ran.append("t"), lambda: ran.append("f"))
    assert ran == ["t"]


def test_cond_errors():
    with pytest.raises(ValueError, match="The truth value of an array with more than one element is ambiguous"):
        tf.cond(tf.constant([True, False]), one, two)
    with pytest.raises(ValueError, match=r"Attempt to convert a value \(None\) with an unsupported type"):
        tf.cond(None, one, two)
    with pytest.raises(TypeError, match="cond\\(\\): 'true_fn' argument required"):
        tf.cond(True)
    with pytest.raises(TypeError, match="cond\\(\\): 'false_fn' argument required"):
        tf.cond(True, one)
    with pytest.raises(TypeError, match="'true_fn' must be callable."):
        tf.cond(True, 1, two)
    with pytest.raises(TypeError, match="'false_fn' must be callable."):
        tf.cond(True, one, 2)


def test_cond_gradients():
    x = tf.constant(3.0)

    def f(v):
        return tf.cond(v > 2.0, lambda: v * v * v, lambda: -v)

    assert float(grad(f, x)) == 27.0
    g, h = grad2(f, x)
    assert (float(g), float(h)) == (27.0, 18.0)
    assert float(grad(f, tf.constant(1.0))) == -1.0
    check_grads(lambda v: tf.cond(tf.reduce_sum(v) > 0, lambda: tf.sin(v) * v, lambda: v), [np.array([0.5, 1.5])])
    np.testing.assert_allclose(jac(lambda v: tf.cond(True, lambda: v * v, lambda: v), tf.constant([1.0, 2.0])).numpy(),
                               [[2.0, 0.0], [0.0, 4.0]])


# --- case / switch_case --------------------------------------------------------------------------


def test_case_values():
    three = lambda: tf.constant(3.0)  # noqa: E731
    assert float(tf.case([(F, one), (T, two)], default=three)) == 2.0
    assert float(tf.case([(F, one), (F, two)], default=three)) == 3.0
    assert float(tf.case([(T, one), (T, two)], default=three)) == 1.0  # the first true one
    assert float(tf.case([(F, one), (T, two)])) == 2.0  # the last pair is the default
    assert float(tf.case(((F, one), (T, two)))) == 2.0
    assert float(tf.case([(tf.constant([True]), one)], default=two)) == 1.0
    # not strict: a one-element list is unpacked; strict keeps it
    assert repr(tf.case([(T, lambda: [one()])], default=lambda: [two()])) == (
        "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>")
    assert isinstance(tf.case([(T, lambda: [one()])], default=lambda: [two()], strict=True), list)
    # exclusive: the default's own predicate is not counted
    assert float(tf.case([(T, one), (T, two)], exclusive=True)) == 1.0
    assert float(tf.case([(T, one), (F, two)], exclusive=True)) == 1.0


def test_case_errors():
    with pytest.raises(InvalidArgumentError) as e:
        tf.case([(F, one), (F, two)])
    assert str(e.value) == ("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                            "b'Input error: None of conditions evaluated as True:'\nFalse, False")
    with pytest.raises(InvalidArgumentError) as e:
        tf.case([(T, one), (T, two)], default=lambda: tf.constant(3.0), exclusive=True)
    assert str(e.value) == ("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
                            "b'Input error: exclusive=True: more than 1 conditions (?, ?) evaluated as True:'\n"
                            "True, True")
    with pytest.raises(TypeError, match="pred must be a Tensor, got: True"):
        tf.case([(True, one)], default=two)
    with pytest.raises(TypeError, match="pred must be Tensor of type bool"):
        tf.case([(tf.constant(1), one)], default=two)
    with pytest.raises(TypeError, match="'false_fn' must be callable."):
        tf.case([(T, one)], default=3)
    with pytest.raises(TypeError, match="Each entry in 'pred_fn_pairs' must be a 2-tuple. Received \\["):
        tf.case([[F, one]])
    with pytest.raises(TypeError, match="'pred_fn_pairs' must be a list, tuple, or dict. Received: <class 'str'>"):
        tf.case("ab")
    with pytest.raises(ValueError, match="Unordered dictionaries are not supported"):
        tf.case({True: one})  # (tensors are unhashable, as in TF: dict keys cannot be tensors)
    with pytest.raises(ValueError, match="The truth value of an array with more than one element"):
        tf.case([(tf.constant([True, False]), one)], default=two)
    with pytest.raises(ValueError):
        tf.case([])


def test_switch_case_values():
    fns = [one, two]
    assert float(tf.switch_case(tf.constant(1), fns)) == 2.0
    assert float(tf.switch_case(tf.constant(5), fns)) == 2.0  # out of range: the last branch
    assert float(tf.switch_case(tf.constant(-1), fns)) == 2.0
    nine = lambda: tf.constant(9.0)  # noqa: E731
    assert float(tf.switch_case(tf.constant(5), fns, default=nine)) == 9.0
    assert float(tf.switch_case(tf.constant(0), fns, default=nine)) == 1.0
    assert float(tf.switch_case(tf.constant(1), {1: one, 0: two})) == 1.0
    assert float(tf.switch_case(tf.constant(1), [(1, one), (0, two)])) == 1.0
    assert float(tf.switch_case(tf.constant(1, tf.int64), fns)) == 2.0
    assert isinstance(tf.switch_case(tf.constant(0), [lambda: [one()], lambda: [two()]]), list)


def test_switch_case_errors():
    with pytest.raises(TypeError, match="'branch_index' must be a Tensor, got <class 'int'>"):
        tf.switch_case(1, [one, two])
    with pytest.raises(TypeError, match="'branch_index' must be an integer Tensor, got <dtype: 'float32'>"):
        tf.switch_case(tf.constant(1.0), [one, two])
    with pytest.raises(ValueError, match="branch indices \\(keys\\) must form contiguous range of \\[0 to 2\\) "
                                         "but found \\{1,3\\}"):
        tf.switch_case(tf.constant(1), {3: one, 1: two})
    with pytest.raises(ValueError, match="found \\{0,0\\}"):
        tf.switch_case(tf.constant(1), [(0, one), (0, two)])
    with pytest.raises(ValueError, match="Must provide at least one item in 'branch_fns'"):
        tf.switch_case(tf.constant(0), [])
    with pytest.raises(TypeError, match="Each entry in 'branch_fns' must be a 2-tuple. Received 1."):
        tf.switch_case(tf.constant(0), [1])
    with pytest.raises(TypeError, match="fn for key 0 must be callable."):
        tf.switch_case(tf.constant(0), [(0, 1)])
    with pytest.raises(TypeError, match="key must be a Python `int`, got <class 'str'>"):
        tf.switch_case(tf.constant(0), {"a": one})
    with pytest.raises(TypeError, match="'branch_fns' must be a list, tuple, or dict"):
        tf.switch_case(tf.constant(0), one)
    with pytest.raises(InvalidArgumentError, match="branch_index must be a scalar"):
        tf.switch_case(tf.constant([1]), [one, two])


def test_case_and_switch_case_gradients():
    x = tf.constant(2.0)
    f = lambda v: tf.case([(v > 5.0, lambda: v), (v > 1.0, lambda: v ** 3)], default=lambda: v * 0.0)  # noqa: E731
    g, h = grad2(f, x)
    assert (float(g), float(h)) == (12.0, 12.0)
    s = lambda v: tf.switch_case(tf.constant(1), [lambda: v, lambda: tf.exp(v)])  # noqa: E731
    check_grads(s, [np.array([0.3, -0.2])])


# --- while_loop ---------------------------------------------------------------------------------


def test_while_loop_result_structures():
    r = tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [tf.constant(0)])
    assert repr(r) == "[<tf.Tensor: shape=(), dtype=int32, numpy=3>]"
    r = tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (tf.constant(0),))
    assert repr(r) == "(<tf.Tensor: shape=(), dtype=int32, numpy=3>,)"
    # zero iterations: the loop variables, converted to tensors
    assert repr(tf.while_loop(lambda i: i < 0, lambda i: i + 1, [0])) == "[<tf.Tensor: shape=(), dtype=int32, numpy=0>]"
    r = tf.while_loop(lambda i, j: i < 0, lambda i, j: (i + 1, j), (0, 2.0))
    assert isinstance(r, tuple) and r[1].dtype == tf.float32
    # the result has the structure the body returns (TF eager)
    r = tf.while_loop(lambda i, j: i < 3, lambda i, j: (i + 1, j * 2), [0, 1.0])
    assert isinstance(r, tuple) and (int(r[0]), float(r[1])) == (3, 8.0)
    r = tf.while_loop(lambda i, j: i < 3, lambda i, j: [i + 1, j * 2], (0, 1.0))
    assert isinstance(r, list)
    r = tf.while_loop(lambda a, b: a < 3, lambda a, b: P(a + 1, b), P(0, 1.0))
    assert type(r) is P and int(r.a) == 3
    r = tf.while_loop(lambda i, d: i < 3, lambda i, d: (i + 1, {"a": d["a"] * 2, "b": d["b"]}), (0, {"b": 1, "a": 1.0}))
    assert float(r[1]["a"]) == 8.0 and r[1]["b"].dtype == tf.int32
    r = tf.while_loop(lambda i, j: i < 3, lambda i, j: (i + 1, np.float64(5)), [0, 1.0])
    assert r[1].dtype == tf.float64  # returned values are converted with their own dtype
    r = tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [tf.Variable(1.0)])
    assert repr(r) == "[<tf.Tensor: shape=(), dtype=float32, numpy=3.0>]"


def test_while_loop_shapes_and_dtypes_may_change_without_invariants():
    r = tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: (tf.concat([x, x], 0),), [tf.ones([1])])
    assert r[0].shape == (4,)
    r = tf.while_loop(lambda x: x < 4, lambda x: (tf.cast(x, tf.float32) + 1.0,), [0])
    assert repr(r) == "(<tf.Tensor: shape=(), dtype=float32, numpy=4.0>,)"


def test_while_loop_bare_single_value_as_tf_function():
    # TF eager raises TypeError here; tf.function (which tapeflow runs eagerly) accepts it
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])
    assert repr(r) == "[<tf.Tensor: shape=(), dtype=int32, numpy=3>]"
    r = tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [0], maximum_iterations=3)
    assert int(r[0]) == 3


def test_while_loop_maximum_iterations():
    r = tf.while_loop(lambda i, j: i < 10, lambda i, j: (i + 1, j), (0, 1), maximum_iterations=3)
    assert (int(r[0]), int(r[1])) == (3, 1)
    r = tf.while_loop(lambda i, j: i < 10, lambda i, j: (i + 1, j), (0, 1), maximum_iterations=tf.constant(2))
    assert int(r[0]) == 2
    r = tf.while_loop(lambda i, j: i < 10, lambda i, j: (i + 1, j), (0, 1), maximum_iterations=-1)
    assert int(r[0]) == 0
    with pytest.raises(ValueError, match=r"'maximum_iterations' must be a scalar. Received shape: \(1,\)"):
        tf.while_loop(lambda i: i < 10, lambda i: [i + 1], [0], maximum_iterations=[3])


def test_while_loop_errors():
    with pytest.raises(ValueError, match="The two structures don't have the same nested structure") as e:
        tf.while_loop(lambda i, j: i < 3, lambda i, j: (i + 1,), (0, 1.0))
    assert "don't have the same number of elements" in str(e.value)
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.while_loop(lambda i, j: i < 3, lambda i, j: i + 1, (0, 1.0))
    with pytest.raises(ValueError, match="is a sequence, while substructure"):
        tf.while_loop(lambda i, j: i < 3, lambda i, j: (i + 1, 2.0), (0, (1.0, 2.0)))
    with pytest.raises(ValueError, match="'loop_vars' must be provided."):
        tf.while_loop(lambda: True, lambda: (), [])
    with pytest.raises(TypeError, match="'cond' must be callable."):
        tf.while_loop(1, lambda i: i, [0])
    with pytest.raises(TypeError, match="'body' must be callable."):
        tf.while_loop(lambda i: i, 2, [0])
    with pytest.raises(TypeError, match="'parallel_iterations' must be a positive integer."):
        tf.while_loop(lambda i: i < 2, lambda i: [i + 1], [0], parallel_iterations=0)
    with pytest.raises(TypeError, match="wrap a single variable"):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, tf.constant(0))
    with pytest.raises(ValueError, match="The truth value of an array with more than one element is ambiguous"):
        tf.while_loop(lambda i: i < 2, lambda i: [i + 1], [tf.constant([0, 1])])


def test_while_loop_shape_invariants():
    grow = lambda x: (tf.concat([x, x], 0),)  # noqa: E731
    c = lambda x: tf.shape(x)[0] < 4  # noqa: E731
    r = tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[tf.TensorShape([None])])
    assert r[0].shape == (4,)
    r = tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[tf.TensorSpec([None], tf.float32)])
    assert r[0].shape == (4,)
    with pytest.raises(ValueError, match=r"enters the loop with shape \(1,\), but has shape \(2,\) after one "
                                         "iteration. To allow the shape to vary across iterations, use the "
                                         "`shape_invariants` argument"):
        tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[tf.TensorShape([1])])
    with pytest.raises(ValueError, match="after one iteration"):  # None: the initial shape must hold
        tf.while_loop(lambda i, x: i < 2, lambda i, x: (i + 1, tf.concat([x, x], 0)), (0, tf.ones([1])),
                      shape_invariants=(None, None))
    with pytest.raises(ValueError, match=r"It enters the loop with shape \(1,\), but the specified shape invariant "
                                         r"is \(2,\)."):
        tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[tf.TensorShape([2])])
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[tf.TensorShape([None]), tf.TensorShape([None])])
    with pytest.raises(ValueError, match="is a sequence, while substructure"):
        tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=tf.TensorShape([None]))  # not wrapped in a list
    with pytest.raises(TypeError, match="is not compatible with"):
        tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[tf.TensorSpec([None], tf.int32)])
    with pytest.raises(TypeError, match="'shape' must be one of TypeSpec, TensorShape or None. Received: <class 'int'>"):
        tf.while_loop(c, grow, [tf.ones([1])], shape_invariants=[3])


def test_while_loop_with_tensor_array():
    ta = tf.TensorArray(tf.float32, size=3)
    r = tf.while_loop(lambda i, t: i < 3, lambda i, t: (i + 1, t.write(i, tf.cast(i, tf.float32))), (0, ta))
    assert r[1] is ta
    assert r[1].stack().numpy().tolist() == [0.0, 1.0, 2.0]


def test_while_loop_gradients():
    x = tf.constant(1.5)

    def f(v):
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * v), (0, v))[1]  # v ** 4

    g, h = grad2(f, x)
    np.testing.assert_allclose([float(g), float(h)], [4 * 1.5 ** 3, 12 * 1.5 ** 2], rtol=1e-6)
    check_grads(lambda v: tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, tf.sin(a) * v), [0, v])[1],
                [np.array([0.4, -0.7, 1.1])])
    j = jac(lambda v: tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, a * v), (0, v))[1], tf.constant([1.0, 2.0]))
    assert j.numpy().tolist() == [[3.0, 0.0], [0.0, 12.0]]
    # back_prop=False has no effect in eager mode (as TF)
    r = grad(lambda v: tf.while_loop(lambda i, a: i < 2, lambda i, a: (i + 1, a * v), (0, v), back_prop=False)[1],
             tf.constant([1.0, 2.0]))
    assert r.numpy().tolist() == [3.0, 12.0]


# --- TensorArray --------------------------------------------------------------------------------


def test_tensor_array_dynamic_write_pattern_and_gradient():
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        for i in tf.range(3):
            ta = ta.write(i, x * tf.cast(i, tf.float32))
        y = ta.stack()
        s = tf.reduce_sum(y * y)
    assert str(y) == "tf.Tensor([0. 2. 4.], shape=(3,), dtype=float32)"
    assert float(t.gradient(s, x)) == 20.0
    assert repr(ta.size()) == "<tf.Tensor: shape=(), dtype=int32, numpy=3>"
    assert repr(ta.element_shape) == "TensorShape([])"


def test_tensor_array_properties():
    ta = tf.TensorArray(tf.float32, size=2)
    assert repr(ta.element_shape) == "TensorShape(None)" and str(ta.element_shape) == "<unknown>"
    assert ta.element_shape.rank is None
    assert ta.dtype == tf.float32 and ta.dynamic_size is False and ta.handle is None
    assert repr(ta.flow) == "<tf.Tensor: shape=(), dtype=int32, numpy=0>"
    assert ta.write(0, 1.0) is ta and ta.identity() is ta
    assert tf.TensorArray("float32", size=2).dtype == tf.float32
    assert int(tf.TensorArray(tf.float32, size=tf.constant(2)).size()) == 2
    assert int(tf.TensorArray(tf.float32, size=-1).size()) == 0
    assert repr(tf.TensorArray(tf.float32, size=2, element_shape=[None]).element_shape) == "TensorShape([None])"
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[None, 2]).write(0, [[1.0, 2.0]])
    assert repr(ta.element_shape) == "TensorShape([1, 2])"
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, [1.0, 2.0, 3.0]).write(1, [1.0])
    assert repr(ta.element_shape) == "TensorShape(None)"
    assert ta.concat().numpy().tolist() == [1.0, 2.0, 3.0, 1.0]


def test_tensor_array_read_semantics():
    ta = tf.TensorArray(tf.float32, size=2)
    ta.write(0, 1.0)
    assert repr(ta.read(1)) == "<tf.Tensor: shape=(), dtype=float32, numpy=0.0>"  # never written: zeros
    assert float(ta.read(0)) == 1.0
    with pytest.raises(InvalidArgumentError, match="Could not read index 0 twice because it was cleared after a "
                                                   "previous read \\(perhaps try setting clear_after_read = false\\?\\)"):
        ta.read(0)
    ta = tf.TensorArray(tf.float32, size=2, clear_after_read=False).unstack([1.0, 2.0])
    assert float(ta.read(tf.constant(1, tf.int64))) == 2.0 and float(ta.read(1)) == 2.0
    ta.read(0)
    assert ta.stack().numpy().tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="Cannot convert a partially known TensorShape <unknown> to a Tensor."):
        tf.TensorArray(tf.float32, size=2).read(0)
    with pytest.raises(ValueError, match=r"Cannot convert a partially known TensorShape \(None, 2\) to a Tensor."):
        tf.TensorArray(tf.float32, size=2, element_shape=[None, 2]).read(0)
    t = tf.TensorArray(tf.float32, size=2).unstack([1.0, 2.0])
    t.read(0)
    with pytest.raises(ValueError, match="partially known TensorShape <unknown>"):
        t.stack()  # a cleared index of unknown shape


def test_tensor_array_index_errors():
    ta = tf.TensorArray(tf.float32, size=2)
    with pytest.raises(OutOfRangeError, match="Tried to read from index 5 but array size is: 2 "):
        ta.read(5)
    with pytest.raises(OutOfRangeError, match=r"Reading from negative indices \(index -1\) is not allowed."):
        ta.read(-1)
    with pytest.raises(OutOfRangeError, match="Tried to write to index 5 but array is not resizeable and size is: 2 "):
        ta.write(5, 1.0)
    with pytest.raises(OutOfRangeError, match=r"Writing to negative indices \(index -1\) is not allowed."):
        ta.write(-1, 1.0)
    with pytest.raises(TypeError):
        ta.read(1.0)
    assert isinstance(OutOfRangeError("x"), IndexError)


def test_tensor_array_dtype_and_shape_errors():
    ta = tf.TensorArray(tf.float32, size=2)
    assert float(ta.write(1, 1).read(1)) == 1.0  # a Python int takes the array's dtype
    with pytest.raises(InvalidArgumentError, match="^TensorArray dtype is float32 but Op is trying to write dtype int32 $"):
        tf.TensorArray(tf.float32, size=2).write(1, tf.constant(1))
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is int32 but Op is trying to write dtype float32"):
        tf.TensorArray(tf.int32, size=2).write(0, 1.0)
    assert tf.TensorArray(tf.float32, size=2).write(1, np.float64(2.0)).read(1).dtype == tf.float32
    assert repr(tf.TensorArray(tf.int32, size=2).write(1, np.array([1.5])).read(1)) == (
        "<tf.Tensor: shape=(1,), dtype=int32, numpy=array([1], dtype=int32)>")  # NumPy values are cast, as TF
    assert tf.TensorArray(tf.float64, size=2).write(0, 1.5).read(0).dtype == tf.float64
    with pytest.raises(ValueError, match=r"^Incompatible shape for value \(\(2,\)\), expected \(\(\)\)$"):
        tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(3,\)\), expected \(\(2,\)\)"):
        tf.TensorArray(tf.float32, size=2, element_shape=[2]).write(0, [1.0, 2.0, 3.0])
    with pytest.raises(InvalidArgumentError, match=r"Shapes of all inputs must match: values\[0\].shape = \[3\] != "
                                                   r"values\[1\].shape = \[1\]"):
        tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, [1.0, 2.0, 3.0]).write(1, [1.0]).stack()


def test_tensor_array_stack_edge_cases():
    assert repr(tf.TensorArray(tf.float32, size=0).stack()) == (
        "<tf.Tensor: shape=(0,), dtype=float32, numpy=array([], dtype=float32)>")
    assert tf.TensorArray(tf.float32, size=0, element_shape=[2]).stack().shape == (0, 2)
    assert tf.TensorArray(tf.float32, size=0, element_shape=[None, 2]).stack().shape == (0,)
    assert tf.TensorArray(tf.float32, size=2, element_shape=[3]).stack().numpy().tolist() == [[0.0] * 3] * 2
    assert tf.TensorArray(tf.float32, size=2).write(1, [1.0, 2.0]).stack().numpy().tolist() == [[0, 0], [1, 2]]
    ta = tf.TensorArray(tf.float32, size=1, dynamic_size=True).write(0, 1.0).write(5, 1.0)
    assert ta.stack().numpy().tolist() == [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    with pytest.raises(ValueError, match="partially known TensorShape <unknown>"):
        tf.TensorArray(tf.float32, size=2).stack()
    assert tf.TensorArray(tf.bool, size=1).write(0, True).stack().numpy().tolist() == [True]
    assert tf.TensorArray(tf.int8, size=1).write(0, 3).read(0).dtype == tf.int8


def test_tensor_array_unstack_gather_scatter_split_concat():
    ta = tf.TensorArray(tf.float32, size=3).unstack([1.0, 2.0, 3.0])
    assert float(ta.read(2)) == 3.0 and int(ta.size()) == 3 and repr(ta.element_shape) == "TensorShape(None)"
    assert int(tf.TensorArray(tf.float32, size=4).unstack([1.0, 2.0, 3.0]).size()) == 3
    with pytest.raises(ValueError, match="^Cannot unstack 3 tensors into a TensorArray of static size 2 $"):
        tf.TensorArray(tf.float32, size=2).unstack([1.0, 2.0, 3.0])
    assert tf.TensorArray(tf.float32, size=2).unstack([1, 2]).stack().dtype == tf.float32
    with pytest.raises(ValueError, match=r"Argument `axis` = 0 not in range \[0, 0\)"):
        tf.TensorArray(tf.float32, size=2).unstack(1.0)
    src = tf.TensorArray(tf.float32, size=3).unstack([1.0, 2.0, 3.0])
    assert src.gather([2, 0]).numpy().tolist() == [3.0, 1.0]
    assert src.gather(tf.constant([1])).numpy().tolist() == [2.0]
    assert src.gather([-1]).numpy().tolist() == [3.0]
    assert src.gather([]).shape == (0,)
    with pytest.raises(OutOfRangeError):
        src.gather([5])
    assert tf.TensorArray(tf.float32, size=3).scatter([2, 0], [5.0, 6.0]).stack().numpy().tolist() == [6, 0, 5]
    assert tf.TensorArray(tf.float32, size=1, dynamic_size=True).scatter([3], [5.0]).stack().numpy().tolist() == [
        0, 0, 0, 5]
    with pytest.raises(OutOfRangeError, match="Tried to write to index 4"):
        tf.TensorArray(tf.float32, size=3).scatter([4], [5.0])
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is float32 but Op is trying to write dtype int32"):
        tf.TensorArray(tf.float32, size=2).scatter([0, 1], [1, 2])
    sp = tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 2])
    assert sp.read(1).numpy().tolist() == [2.0, 3.0] and int(sp.size()) == 2
    with pytest.raises(InvalidArgumentError, match="Expected sum of lengths to be equal to values.shape\\[0\\], but "
                                                   "sum of lengths is 2 and value's shape is: \\[3\\] "):
        tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 1])
    with pytest.raises(InvalidArgumentError, match="TensorArray's size is not equal to the size of lengths \\(3 vs. 2\\)"):
        tf.TensorArray(tf.float32, size=3).split([1.0, 2.0, 3.0], [1, 2])
    with pytest.raises(InvalidArgumentError, match="Expected value to be at least a vector, but received shape: \\[\\] "):
        tf.TensorArray(tf.float32, size=1).split(1.0, [1])
    with pytest.raises(InvalidArgumentError, match="Expected lengths to be a vector, received shape: \\[1, 1\\] "):
        tf.TensorArray(tf.float32, size=1).split([1.0], [[1]])
    assert tf.TensorArray(tf.float32, size=2).write(0, [[1.0]]).write(1, [[2.0]]).concat().shape == (2, 1)
    assert tf.TensorArray(tf.float32, size=2, element_shape=[2]).concat().numpy().tolist() == [0.0] * 4
    with pytest.raises(InvalidArgumentError, match="^Concat saw a scalar shape at index 0 but requires at least vectors.$"):
        tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0).concat()
    t = tf.TensorArray(tf.float32, size=2).unstack([1.0, 2.0])
    assert t.close() is None and int(t.size()) == 0
    with pytest.raises(NotImplementedError, match="TensorArray.grad is not supported when executing eagerly"):
        t.grad("x")


def test_tensor_array_constructor_errors():
    with pytest.raises(ValueError, match="^Size must be declared for TensorArrays when eager execution is enabled.$"):
        tf.TensorArray(tf.float32)
    with pytest.raises(ValueError, match="TensorArray handles are not supported when eager execution is enabled."):
        tf.TensorArray(tf.float32, size=2, handle=1)
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        tf.TensorArray(tf.float32, size=2.0)


def test_tensor_array_gradients():
    v = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(v)
        ta = tf.TensorArray(tf.float32, size=3).unstack(v)
        z = ta.read(1) * 3 + ta.read(2) ** 2
        g = tf.TensorArray(tf.float32, size=3, clear_after_read=False).unstack(v).gather([2, 2, 0])
        c = tf.TensorArray(tf.float32, size=2).split(v, [1, 2]).concat()
        s = tf.TensorArray(tf.float32, size=3).scatter([2, 0, 1], v * v).stack()
    assert t.gradient(z, v).numpy().tolist() == [0.0, 3.0, 6.0]
    assert t.gradient(g, v).numpy().tolist() == [1.0, 0.0, 2.0]
    assert t.gradient(c, v).numpy().tolist() == [1.0, 1.0, 1.0]
    assert t.gradient(s, v).numpy().tolist() == [2.0, 4.0, 6.0]

    def f(x):
        ta = tf.TensorArray(x.dtype, size=0, dynamic_size=True)
        for i in range(3):
            ta = ta.write(i, tf.sin(x) * float(i + 1))
        back = tf.TensorArray(x.dtype, size=3).unstack(ta.stack() * x)
        return back.read(0) + back.read(2)

    check_grads(f, [np.array([0.3, -1.2])])
    j = jac(lambda x: tf.TensorArray(tf.float32, size=2).unstack(x * x).stack(), tf.constant([1.0, 2.0]))
    assert j.numpy().tolist() == [[2.0, 0.0], [0.0, 4.0]]


# --- map_fn / vectorized_map -----------------------------------------------------------------------

X = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def test_map_fn_values():
    assert tf.map_fn(lambda r: r * 2, X).numpy().tolist() == [[2, 4], [6, 8], [10, 12]]
    assert repr(tf.map_fn(lambda r: tf.reduce_sum(r), X)) == (
        "<tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 3.,  7., 11.], dtype=float32)>")
    ints = tf.constant([1, 2])
    for sig in (dict(fn_output_signature=tf.float32), dict(dtype=tf.float32),
                dict(fn_output_signature=tf.TensorSpec([], tf.float32)), dict(fn_output_signature="float32")):
        r = tf.map_fn(lambda v: tf.cast(v, tf.float32), ints, **sig)
        assert r.dtype == tf.float32 and r.numpy().tolist() == [1.0, 2.0]
    r = tf.map_fn(lambda ab: (ab[0] + ab[1], ab[0]), (X, X))
    assert isinstance(r, tuple) and r[0].numpy().tolist() == [[2, 4], [6, 8], [10, 12]]
    r = tf.map_fn(lambda ab: (ab[0] + ab[1], tf.reduce_sum(ab[0])), (X, X), fn_output_signature=(tf.float32, tf.float32))
    assert r[1].numpy().tolist() == [3.0, 7.0, 11.0]
    r = tf.map_fn(lambda d: {"a": d["a"] * 2, "b": d["b"]}, {"a": X, "b": tf.constant([1, 2, 3])})
    assert r["b"].dtype == tf.int32 and r["a"].shape == (3, 2)
    assert tf.map_fn(lambda r: 1.0, X).numpy().tolist() == [1.0, 1.0, 1.0]  # converted to the signature's dtype
    assert tf.map_fn(lambda r: np.float64(1.0), X).dtype == tf.float32
    assert tf.map_fn(lambda r: r * 2, np.array([1.0, 2.0])).dtype == tf.float64
    assert tf.map_fn(lambda r: r * 2, tf.Variable([1.0, 2.0])).numpy().tolist() == [2.0, 4.0]
    assert tf.map_fn(lambda r: r, X, fn_output_signature=tf.TensorSpec(None, tf.float32)).shape == (3, 2)
    # zero elements: as TF, shape (0,) unless the signature fixes the element shape
    assert tf.map_fn(lambda r: r * 2, tf.zeros([0, 3])).shape == (0,)
    assert tf.map_fn(lambda r: r * 2, tf.zeros([0, 3]), fn_output_signature=tf.TensorSpec([3])).shape == (0, 3)


def test_map_fn_errors():
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is int32 but Op is trying to write dtype float32"):
        tf.map_fn(lambda v: tf.cast(v, tf.float32), tf.constant([1, 2]))
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is float32 but Op is trying to write dtype int32"):
        tf.map_fn(lambda r: tf.constant(1), X)
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(\)\), expected \(\(2,\)\)"):
        tf.map_fn(lambda v: tf.cast(v, tf.float32), tf.constant([1, 2]), fn_output_signature=tf.TensorSpec([2]))
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(2,\)\), expected \(\(1,\)\)"):
        tf.map_fn(lambda r: r[:tf.cast(r[0], tf.int32)], tf.constant([[1.0, 2.0], [2.0, 3.0]]))
    with pytest.raises(InvalidArgumentError, match="Shapes of all inputs must match"):
        tf.map_fn(lambda r: r[:tf.cast(r[0], tf.int32)], tf.constant([[1.0, 2.0], [2.0, 3.0]]), infer_shape=False)
    with pytest.raises(ValueError, match="don't have the same nested structure") as e:
        tf.map_fn(lambda ab: ab[0] + ab[1], (X, X))
    assert "is a sequence, while substructure" in str(e.value)
    with pytest.raises(TypeError, match="don't have the same sequence type"):
        tf.map_fn(lambda ab: [ab[0], ab[1]], (X, X))
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.map_fn(lambda r: [r], X)
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.map_fn(lambda r: (r, r), X, fn_output_signature=tf.float32)
    with pytest.raises(ValueError, match="^Elements in elems must be 1\\+ dimensional Tensors, not scalars$"):
        tf.map_fn(lambda r: r, tf.constant(1.0))
    with pytest.raises(ValueError, match="not scalars"):
        tf.map_fn(lambda r: r * 2, [1.0, 2.0])
    with pytest.raises(ValueError, match="^Dimensions 3 and 2 are not compatible$"):
        tf.map_fn(lambda ab: ab[0], (tf.zeros([3]), tf.zeros([2])))
    with pytest.raises(ValueError, match=r"Got \(\), which does not contain any Tensors."):
        tf.map_fn(lambda ab: ab, ())
    with pytest.raises(TypeError, match="callable"):
        tf.map_fn(3, X)


def test_map_fn_gradients():
    with tf.GradientTape() as t:
        t.watch(X)
        y = tf.map_fn(lambda r: tf.reduce_sum(r * r), X)
    assert t.gradient(y, X).numpy().tolist() == [[2, 4], [6, 8], [10, 12]]
    check_grads(lambda a, b: tf.map_fn(lambda ab: tf.sin(ab[0]) * ab[1], (a, b), fn_output_signature=tf.float64),
                [np.array([[0.1, 0.2], [0.3, -0.4]]), np.array([[1.0, 2.0], [-1.0, 0.5]])])
    j = jac(lambda v: tf.map_fn(lambda e: e * e, v), tf.constant([1.0, 2.0]))
    assert j.numpy().tolist() == [[2.0, 0.0], [0.0, 4.0]]
    r = grad(lambda v: tf.map_fn(lambda e: e * e, v, back_prop=False), tf.constant([1.0, 2.0]))
    assert r.numpy().tolist() == [2.0, 4.0]  # back_prop=False has no effect eagerly, as TF


def test_vectorized_map_matches_map_fn():
    fns = [lambda r: r * 2, lambda r: tf.reduce_sum(r * r), lambda r: tf.linalg.matmul(r[None], tf.ones([2, 1]))]
    for fn in fns:
        a, b = tf.vectorized_map(fn, X), tf.map_fn(fn, X, fn_output_signature=tf.float32)
        assert a.shape == b.shape and a.numpy().tolist() == b.numpy().tolist()
    assert tf.vectorized_map(lambda r: tf.constant(1.0), X).numpy().tolist() == [1.0, 1.0, 1.0]
    assert tf.vectorized_map(lambda r: 1.0, X).dtype == tf.float32
    r = tf.vectorized_map(lambda r: tf.cast(r, tf.int32), X)  # the dtype may change: no signature needed
    assert r.dtype == tf.int32 and r.numpy().tolist() == [[1, 2], [3, 4], [5, 6]]
    r = tf.vectorized_map(lambda ab: (ab[0] + ab[1], tf.reduce_sum(ab[0])), (X, X))
    assert isinstance(r, tuple) and r[1].numpy().tolist() == [3.0, 7.0, 11.0]
    r = tf.vectorized_map(lambda r: {"a": r, "b": r[0]}, X)
    assert r["b"].numpy().tolist() == [1.0, 3.0, 5.0]
    assert isinstance(tf.vectorized_map(lambda r: [r], X), list)
    assert tf.vectorized_map(lambda ab: ab[0] * ab[1], [X, X]).numpy().tolist() == [[1, 4], [9, 16], [25, 36]]
    assert tf.vectorized_map(lambda r: None, X) is None
    assert tf.vectorized_map(lambda r: r * 2, tf.zeros([0, 2])).shape == (0, 2)
    assert tf.vectorized_map(lambda r: r * 2, np.array([1.0, 2.0])).dtype == tf.float64
    with pytest.raises(ValueError, match="not scalars"):
        tf.vectorized_map(lambda r: r, tf.constant(1.0))
    with pytest.raises(ValueError, match="Dimensions 3 and 2 are not compatible"):
        tf.vectorized_map(lambda ab: ab[0], (tf.zeros([3]), tf.zeros([2])))
    with pytest.raises(InvalidArgumentError, match="every call must return the same shapes and dtypes"):
        tf.vectorized_map(lambda r: r[:tf.cast(r[0], tf.int32)], tf.constant([[1.0, 2.0], [2.0, 3.0]]))


def test_vectorized_map_gradients():
    with tf.GradientTape() as t:
        t.watch(X)
        y = tf.vectorized_map(lambda r: tf.reduce_sum(r * r), X)
    assert t.gradient(y, X).numpy().tolist() == [[2, 4], [6, 8], [10, 12]]
    check_grads(lambda a: tf.vectorized_map(lambda r: tf.exp(r) * r[0], a), [np.array([[0.1, 0.2], [0.3, -0.4]])])


# --- scan / foldl / foldr ----------------------------------------------------------------------------

V4 = tf.constant([1.0, 2.0, 3.0, 4.0])


def test_scan_values():
    add = lambda a, b: a + b  # noqa: E731
    assert tf.scan(add, V4).numpy().tolist() == [1, 3, 6, 10]
    assert tf.scan(add, V4, initializer=10.0).numpy().tolist() == [11, 13, 16, 20]
    assert tf.scan(add, V4, reverse=True).numpy().tolist() == [10, 9, 7, 4]
    assert tf.scan(add, V4, initializer=tf.constant(1.0), reverse=True).numpy().tolist() == [11, 10, 8, 5]
    assert tf.scan(lambda a, e: a + e[0] * e[1], (V4, V4), initializer=0.0).numpy().tolist() == [1, 5, 14, 30]
    r = tf.scan(lambda a, e: (a[0] + e[0], a[1] * e[1]), (V4, V4))
    assert r[0].numpy().tolist() == [1, 3, 6, 10] and r[1].numpy().tolist() == [1, 2, 6, 24]
    r = tf.scan(lambda a, e: (a[0] + e, a[1] * e), V4, initializer=(tf.constant(0.0), tf.constant(1.0)))
    assert isinstance(r, tuple) and r[1].numpy().tolist() == [1, 2, 6, 24]
    r = tf.scan(lambda a, e: {"s": a["s"] + e}, V4, initializer={"s": tf.constant(0.0)})
    assert r["s"].numpy().tolist() == [1, 3, 6, 10]
    assert tf.scan(lambda a, e: a * e, V4, initializer=tf.ones([2])).numpy().tolist() == [[1, 1], [2, 2], [6, 6], [24, 24]]
    r = tf.scan(lambda a, e: a + tf.cast(e, tf.int32), V4, initializer=0)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [1, 3, 6, 10]
    assert tf.scan(lambda a, e: a + 1, V4, initializer=0).numpy().tolist() == [1, 2, 3, 4]
    assert tf.scan(lambda a, e: 1.0, V4).dtype == tf.float32
    assert tf.scan(add, tf.reshape(V4, [2, 2])).numpy().tolist() == [[1, 2], [4, 6]]
    assert tf.scan(add, np.array([1.0, 2.0])).dtype == tf.float64
    assert tf.scan(add, tf.zeros([0]), initializer=1.0).shape == (0,)


def test_scan_errors():
    with pytest.raises(TypeError, match="don't have the same sequence type"):
        tf.scan(lambda a, e: [a[0] + e, a[1] * e], V4, initializer=(tf.constant(0.0), tf.constant(1.0)))
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.scan(lambda a, e: a[0] + e, V4, initializer=(tf.constant(0.0), tf.constant(1.0)))
    with pytest.raises(InvalidArgumentError, match="TensorArray dtype is float32 but Op is trying to write dtype int32"):
        tf.scan(lambda a, e: tf.cast(a, tf.int32), V4)
    with pytest.raises(OutOfRangeError, match="Tried to read from index 0 but array size is: 0 "):
        tf.scan(lambda a, e: a + e, tf.zeros([0]))
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(1,\)\), expected \(\(0,\)\)"):
        tf.scan(lambda a, e: tf.concat([a, [e]], 0), V4, initializer=tf.zeros([0]))
    with pytest.raises(ValueError, match="not scalars"):
        tf.scan(lambda a, e: a + e, tf.constant(1.0))


def test_folds():
    assert float(tf.foldl(lambda a, b: a + b, V4)) == 10.0
    assert float(tf.foldl(lambda a, b: a * 10 + b, V4, initializer=0.0)) == 1234.0
    assert float(tf.foldr(lambda a, b: a * 10 + b, V4)) == 4321.0
    assert float(tf.foldr(lambda a, b: a * 10 + b, V4, initializer=0.0)) == 4321.0
    assert float(tf.foldr(lambda a, e: a - e, tf.constant([1.0, 2.0, 3.0]))) == 0.0
    r = tf.foldl(lambda a, e: (a[0] + e[0], a[1] * e[1]), (V4, V4))
    assert (float(r[0]), float(r[1])) == (10.0, 24.0)
    assert float(tf.foldl(lambda a, e: a + e[0] * e[1], (V4, V4), initializer=0.0)) == 30.0
    assert float(tf.foldl(lambda a, e: a + e, tf.zeros([0]), initializer=2.0)) == 2.0
    assert repr(tf.foldl(lambda a, e: a + 1, V4, initializer=0)) == "<tf.Tensor: shape=(), dtype=int32, numpy=4>"
    assert tf.foldl(lambda a, e: tf.cast(a, tf.int32), V4).dtype == tf.int32  # no dtype check, as TF
    assert tf.foldl(lambda a, e: tf.concat([a, [e]], 0), V4, initializer=tf.zeros([0])).numpy().tolist() == [1, 2, 3, 4]
    assert tf.foldl(lambda a, e: a, V4, initializer=np.float64(1.0)).dtype == tf.float64
    with pytest.raises(TypeError, match="don't have the same sequence type"):
        tf.foldl(lambda a, e: [a[0] + e, a[1]], V4, initializer=(tf.constant(0.0), tf.constant(1.0)))
    with pytest.raises(ValueError, match="don't have the same nested structure"):
        tf.foldl(lambda a, e: a[0] + e, V4, initializer=(tf.constant(0.0), tf.constant(1.0)))
    with pytest.raises(OutOfRangeError, match="Tried to read from index 0 but array size is: 0 "):
        tf.foldl(lambda a, e: a + e, tf.zeros([0]))
    with pytest.raises(ValueError, match="not scalars"):
        tf.foldr(lambda a, e: a + e, tf.constant(1.0))


def test_scan_and_fold_gradients():
    x = tf.constant([1.0, 2.0])

    def f(v):
        return tf.reduce_sum(tf.scan(lambda a, e: a * e, v, initializer=tf.constant(2.0)))

    g, h = grad2(f, x)
    assert g.numpy().tolist() == [6.0, 2.0] and h.numpy().tolist() == [2.0, 2.0]  # TF's values
    check_grads(lambda v: tf.scan(lambda a, e: tf.sin(a) + e * e, v, reverse=True), [np.array([0.2, -0.5, 0.9])])
    check_grads(lambda v: tf.foldl(lambda a, e: a * e + tf.cos(e), v), [np.array([0.2, -0.5, 0.9])])
    check_grads(lambda v, w: tf.foldr(lambda a, e: a * e[0] + e[1], (v, w), initializer=v[0]),
                [np.array([0.2, -0.5, 0.9]), np.array([1.0, 2.0, -1.0])])
    j = jac(lambda v: tf.scan(lambda a, e: a + e, v), tf.constant([1.0, 2.0]))
    assert j.numpy().tolist() == [[1.0, 0.0], [1.0, 1.0]]


# --- py_function / numpy_function ---------------------------------------------------------------

XV = tf.constant([1.0, 2.0])


def test_py_function_outputs():
    assert repr(tf.py_function(lambda a: a * 2, [XV], tf.float32)) == (
        "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>")
    r = tf.py_function(lambda a: a * 2, [XV], [tf.float32])
    assert isinstance(r, list) and len(r) == 1
    r = tf.py_function(lambda a: (a * 2, a), [XV], (tf.float32, tf.float32))
    assert isinstance(r, list) and r[1].numpy().tolist() == [1.0, 2.0]
    assert tf.py_function(lambda a: None, [XV], []) == []
    assert tf.py_function(lambda a: a.numpy() * 2, [XV], tf.float32).numpy().tolist() == [2.0, 4.0]
    assert repr(tf.py_function(lambda a: np.float64(3.0), [XV], tf.float32)) == (
        "<tf.Tensor: shape=(), dtype=float32, numpy=3.0>")
    assert tf.py_function(lambda a: 3, [XV], tf.float32).dtype == tf.float32
    assert tf.py_function(lambda a: 3, [XV], tf.int64).dtype == tf.int64
    assert tf.py_function(lambda a, b: a + b, XV, tf.float32).numpy() == 3.0  # inp is iterated, as TF
    assert tf.py_function(lambda a, b: a + b, (XV, XV), tf.float32).numpy().tolist() == [2.0, 4.0]
    assert tf.py_function(lambda a: a, [[XV, XV]], tf.float32).shape == (2, 2)
    assert tf.py_function(lambda a: (a, a), [XV], [tf.float32])[0].shape == (2,)  # extra results are dropped
    assert float(tf.py_function(lambda a: [1.0, 2.0], [XV], tf.float32)) == 1.0
    assert tf.py_function(lambda a: a, [XV], "float32").dtype == tf.float32
    assert tf.py_function(lambda a: a, [XV], tf.TensorSpec([2], tf.float32)).shape == (2,)
    assert float(tf.py_function(lambda: tf.constant(1.0), [], tf.float32)) == 1.0
    assert tf.py_function(lambda a: "hi", [XV], tf.string).numpy() == b"hi"
    seen = tf.py_function(lambda a, b, c: tf.constant(f"{type(a).__name__} {a.dtype.name} {b.dtype.name} {c.dtype.name}"),
                          [1.0, 2, tf.Variable(1.0)], tf.string)
    assert seen.numpy() == b"EagerTensor float32 int32 float32"
    assert tf.py_function(Tout=tf.float32)(lambda a: a * 3)(XV).numpy().tolist() == [3.0, 6.0]


def test_py_function_errors():
    with pytest.raises(TypeError, match="Missing required argument: 'Tout'\n  If using tf.py_function as a decorator"):
        tf.py_function(lambda a: a, [XV], None)
    with pytest.raises(TypeError, match="Don't set the `inp` argument when using tf.py_function as a decorator"):
        tf.py_function(inp=[XV], Tout=tf.float32)
    with pytest.raises(TypeError, match="Missing argument `inp`"):
        tf.py_function(lambda a: a, Tout=tf.float32)
    with pytest.raises(ValueError, match="Expected func to be callable. Received func=3 of type <class 'int'>."):
        tf.py_function(3, [XV], tf.float32)
    with pytest.raises(InvalidArgumentError, match="Cannot convert 3.5 to EagerTensor of dtype int32"):
        tf.py_function(lambda a: 3.5, [XV], tf.int32)
    with pytest.raises(InvalidArgumentError, match="Tensor conversion requested dtype float32 for Tensor with dtype int32"):
        tf.py_function(lambda a: tf.constant(3), [XV], tf.float32)
    with pytest.raises(InvalidArgumentError, match="returns 1 values, but expects to see 2 values."):
        tf.py_function(lambda a: a, [XV], [tf.float32, tf.float32])
    with pytest.raises(InvalidArgumentError, match="returns 0 values, but expects to see 1 values."):
        tf.py_function(lambda a: None, [XV], tf.float32)
    with pytest.raises(InvalidArgumentError, match="ValueError: invalid literal for int"):
        tf.py_function(lambda a: int("z"), [XV], tf.float32)
    with pytest.raises(ValueError, match="Attempt to convert a value"):
        tf.py_function(lambda a: a["k"], [{"k": XV}], tf.float32)
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`"):
        tf.py_function(lambda a: (a, (a, a)), [XV], (tf.float32, (tf.float32, tf.float32)))
    with pytest.raises(RuntimeError, match="Attempting to return a variable from an eagerly executed py_func"):
        tf.py_function(lambda a: tf.Variable(1.0), [XV], tf.float32)


def test_py_function_gradients_as_tf():
    assert grad(lambda v: tf.py_function(lambda a: a * a, [v], tf.float32), XV).numpy().tolist() == [2.0, 4.0]
    r = grad(lambda v: tf.py_function(lambda a, b: (a * b, a + b), [v, v], [tf.float32, tf.float32]), XV)
    assert r.numpy().tolist() == [4.0, 6.0]
    r = grad(lambda v: tf.py_function(lambda a, b: (a * b, a + b), [v, v], [tf.float32, tf.float32])[0], XV)
    assert r.numpy().tolist() == [2.0, 4.0]
    r = grad(lambda v: tf.py_function(lambda a: tf.cast(a, tf.float64) * 2, [v], tf.float64), XV)
    assert r.numpy().tolist() == [2.0, 2.0]
    # an output that does not depend on the input: zeros (TF: a scalar 0.0)
    assert grad(lambda v: tf.py_function(lambda a: a.numpy() * 2, [v], tf.float32), XV).numpy().tolist() == [0.0, 0.0]
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = tf.py_function(lambda a: a * v, [XV], tf.float32)
    assert t.gradient(y, v) is None  # a captured variable gets no gradient, as TF
    with tf.GradientTape() as t:
        y = tf.py_function(lambda a: a * 2, [v], tf.float32)
    assert t.gradient(y, v).numpy().tolist() == [2.0, 2.0]
    g, h = grad2(lambda x: tf.py_function(lambda a: a * a * a, [x], tf.float32), XV)
    assert g.numpy().tolist() == [3.0, 12.0] and h is None  # second order: None, as TF
    with tf.GradientTape(persistent=True) as t:
        t.watch(XV)
        y = tf.py_function(lambda a: a * a, [XV], tf.float32)
    assert t.gradient(y, XV).numpy().tolist() == t.gradient(y, XV).numpy().tolist() == [2.0, 4.0]
    assert t.jacobian(y, XV).numpy().tolist() == [[2.0, 0.0], [0.0, 4.0]]
    assert grad(lambda x: tf.py_function(lambda a: a * a, [x], tf.float32) * x, XV).numpy().tolist() == [3.0, 12.0]


def test_numpy_function():
    assert tf.numpy_function(lambda a: a * 2, [XV], tf.float32).numpy().tolist() == [2.0, 4.0]
    seen = tf.numpy_function(lambda a, b: np.array(f"{type(a).__name__} {type(b).__name__} {a.dtype} {b.dtype}"),
                             [XV, 1.0], tf.string)
    assert seen.numpy() == b"ndarray ndarray float32 float64"
    # results keep their own dtypes (Tout is not applied in eager mode, as TF)
    assert tf.numpy_function(lambda a: a.astype(np.float64), [XV], tf.float32).dtype == tf.float64
    assert tf.numpy_function(lambda a: np.array([1, 2]), [XV], tf.float32).dtype == tf.int64
    assert tf.numpy_function(lambda a: 1.0, [XV], tf.float32).dtype == tf.float32
    assert isinstance(tf.numpy_function(lambda a: a, [XV], [tf.float32]), tf.Tensor)  # a single result alone
    r = tf.numpy_function(lambda a: (a, a), [XV], tf.float32)
    assert isinstance(r, list) and len(r) == 2
    r = tf.numpy_function(lambda a: (a, None), [XV], [tf.float32, tf.float32])
    assert r[1] is None
    r = tf.numpy_function(lambda a: (np.array(a.flags.writeable), np.array(a.flags.owndata)), [XV], [tf.bool, tf.bool])
    assert [bool(t) for t in r] == [True, True]
    x = tf.constant([1.0, 2.0])
    tf.numpy_function(lambda a: a.__setitem__(0, 9.0) or a, [x], tf.float32)
    assert x.numpy().tolist() == [1.0, 2.0]  # a copy is passed
    assert tf.numpy_function(Tout=tf.float32)(lambda a: a * 3)(XV).numpy().tolist() == [3.0, 6.0]
    with pytest.raises(ValueError, match="invalid literal"):  # propagated unchanged, as TF eager
        tf.numpy_function(lambda a: int("z"), [XV], tf.float32)
    with pytest.raises(TypeError, match="Missing required argument: 'Tout'\n  If using tf.numpy_function"):
        tf.numpy_function(lambda a: a, [XV], None)
    with tf.GradientTape() as t:
        t.watch(XV)
        y = tf.numpy_function(lambda a: a * a, [XV], tf.float32)
    assert t.gradient(y, XV) is None


# --- graph-era helpers ------------------------------------------------------------------------------


def test_group_control_dependencies_no_op_tuple():
    assert tf.group(XV, XV) is None and tf.group() is None and tf.group(XV, foo=1) is None
    with tf.control_dependencies([XV]) as c:
        y = XV + 1.0
    assert c is None and y.numpy().tolist() == [2.0, 3.0]
    with tf.control_dependencies(None) as c:
        pass
    calls = []
    with tf.control_dependencies([lambda: calls.append(1), XV]):
        pass
    assert calls == [1]
    with pytest.raises(TypeError, match="not iterable"):
        tf.control_dependencies(lambda: 1)
    with pytest.raises(ValueError, match="truth value"):
        tf.control_dependencies(XV)
    assert tf.no_op() is None and tf.no_op(name="a") is None
    r = tf.tuple([XV, None])
    assert r[0] is XV and r[1] is None
    assert tf.tuple(XV) is XV
    assert tf.tuple((XV, 1.0)) == (XV, 1.0)
    assert tf.tuple.__name__ == "tuple" and tuple([1]) == (1,)


def test_identity_n():
    r = tf.identity_n([XV, tf.constant(1)])
    assert isinstance(r, list) and r[1].dtype == tf.int32 and r[0] is not XV
    assert [float(t) for t in tf.identity_n(XV)] == [1.0, 2.0]
    assert tf.identity_n((XV, 1.0))[1].dtype == tf.float32
    assert tf.identity_n([[1.0, 2.0], XV])[0].shape == (2,)
    assert repr(tf.identity_n([tf.Variable(1.0)])) == "[<tf.Tensor: shape=(), dtype=float32, numpy=1.0>]"
    with pytest.raises(InvalidArgumentError, match="Length for attr 'T' of 0 must be at least minimum 1"):
        tf.identity_n([])
    with tf.GradientTape() as t:
        t.watch(XV)
        a, b = tf.identity_n([XV, XV * 2])
        s = tf.reduce_sum(a * b)
    assert t.gradient(s, XV).numpy().tolist() == [4.0, 8.0]


def test_init_scope_and_inside_function():
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        with tf.init_scope() as c:
            y = x * x
        z = x * 3.0
    assert c is None and t.gradient(y, x) is None
    with tf.GradientTape() as t:
        t.watch(x)
        with tf.init_scope():
            pass
        z = x * 3.0
    assert float(t.gradient(z, x)) == 3.0  # recording resumes after the scope
    assert tf.inside_function() is False
    assert tf.function(lambda: tf.inside_function())() is False  # tapeflow's tf.function is a pass-through


def test_ensure_shape():
    for shape in ([2], [None], tf.TensorShape([2]), None, tf.constant([2]), 2):
        assert tf.ensure_shape(XV, shape).numpy().tolist() == [1.0, 2.0]
    assert tf.ensure_shape(XV, [2]) is not XV
    assert tf.ensure_shape(tf.constant(1.0), []).shape == ()
    assert tf.ensure_shape([1.0, 2.0], [2]).dtype == tf.float32
    assert tf.ensure_shape(np.zeros(2), [2]).dtype == tf.float64
    assert tf.ensure_shape(tf.Variable([1.0]), [1]).shape == (1,)
    with pytest.raises(InvalidArgumentError, match=r"Shape of tensor input \[2\] is not compatible with expected shape \[3\]."):
        tf.ensure_shape(XV, [3])
    with pytest.raises(InvalidArgumentError, match=r"expected shape \[2,1\]"):
        tf.ensure_shape(XV, [2, 1])
    with pytest.raises(InvalidArgumentError, match=r"Shape of tensor input \[\] is not compatible with expected shape \[1\]"):
        tf.ensure_shape(tf.constant(1.0), [1])
    with pytest.raises(InvalidArgumentError, match=r"input \[2,3\] is not compatible with expected shape \[\?,4\]"):
        tf.ensure_shape(tf.zeros([2, 3]), [None, 4])
    assert grad(lambda v: tf.reduce_sum(tf.ensure_shape(v, [2]) ** 2), XV).numpy().tolist() == [2.0, 4.0]
    check_grads(lambda v: tf.ensure_shape(v * v, [None, 2]), [np.array([[1.0, 2.0]])])


def test_get_static_value():
    r = tf.get_static_value(XV)
    assert repr(r) == "array([1., 2.], dtype=float32)"
    r[0] = 9.0
    assert XV.numpy().tolist() == [1.0, 2.0]  # a copy
    assert repr(tf.get_static_value(tf.constant(3))) == "np.int32(3)"
    assert tf.get_static_value(3) == 3 and tf.get_static_value([1, 2]) == [1, 2]
    assert tf.get_static_value(tf.Variable(1.0)) is None and tf.get_static_value(None) is None
    assert tf.get_static_value(tf.constant("a")) == b"a"
    assert tf.get_static_value([XV])[0] is XV
