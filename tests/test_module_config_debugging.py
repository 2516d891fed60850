"""tf.Module, tf.name_scope, tf.print, tf.config and tf.debugging against TF 2.21's behaviour
(expected strings below are what TF 2.21 printed for the same calls)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras

# --- tf.Module -------------------------------------------------------------------------------------


class _M(tf.Module):
    def __init__(self):
        super().__init__()
        self.z = tf.Variable(1.0, name="z")
        self.d = keras.layers.Dense(2)
        self.d.build((None, 3))
        self.sub = tf.Module(name="inner")
        self.sub.w = tf.Variable([1.0, 2.0], trainable=False)
        self.lst = [tf.Variable(3.0, name="l0"), {"b": tf.Variable(4.0, name="b"), "a": tf.Variable(5.0, name="a")}]
        self.again = self.z


def test_module_collects_variables_in_tf_order():
    m = _M()
    assert m.name == "_m"
    assert [v.name for v in m.variables] == ["z:0", "l0:0", "a:0", "b:0", "Variable:0"]
    assert [v.name for v in m.trainable_variables] == ["z:0", "l0:0", "a:0", "b:0"]
    assert [v.name for v in m.non_trainable_variables] == ["Variable:0"]
    assert m.submodules == (m.sub,) and isinstance(m.variables, tuple)
    # as TF 2.16+ with Keras 3: a Keras layer held by a Module is not a Module; its variables are not collected
    assert all(v is not m.d.kernel for v in m.variables)
    paths = [p for p, _ in m._flatten(predicate=lambda v: isinstance(v, tf.Variable), with_path=True)]
    assert paths == [("again",), ("lst", 0), ("lst", 1, "a"), ("lst", 1, "b"), ("z",), ("sub", "w")]


def test_module_names_and_scopes():
    class MyDenseLayer(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self):
            return tf.get_current_name_scope()

    assert MyDenseLayer().name == "my_dense_layer" and tf.Module().name == "module"
    assert MyDenseLayer(name="x").name_scope.name == "x/" and MyDenseLayer(name="x")() == "x"
    with pytest.raises(ValueError, match="'a b' is not a valid module name"):
        tf.Module(name="a b")
    with tf.name_scope("outer") as s1:
        with tf.name_scope("inner") as s2:
            assert (s1, s2, tf.get_current_name_scope()) == ("outer/", "outer/inner/", "outer/inner")
    assert tf.get_current_name_scope() == ""


def test_module_training_loop_of_the_guide():
    class MyModel(tf.Module):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.w = tf.Variable(5.0)
            self.b = tf.Variable(0.0)

        def __call__(self, x):
            return self.w * x + self.b

    model = MyModel()
    assert str(model.variables) == ("(<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.0>, "
                                    "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=5.0>)")
    x = tf.linspace(-2.0, 2.0, 50)
    y = 3.0 * x + 2.0
    for _ in range(50):
        with tf.GradientTape() as t:
            loss = tf.reduce_mean(tf.square(y - model(x)))
        dw, db = t.gradient(loss, [model.w, model.b])
        model.w.assign_sub(0.1 * dw)
        model.b.assign_sub(0.1 * db)
    assert abs(float(model.w) - 3.0) < 0.05 and abs(float(model.b) - 2.0) < 0.05


# --- tf.print --------------------------------------------------------------------------------------


def test_print_formats_as_tf(capsys):
    tf.print(tf.range(10), output_stream=sys.stdout)
    tf.print(tf.constant([1.5, 2.0, 3.25]), output_stream=sys.stdout)
    tf.print(tf.constant(0.1), tf.constant(1e-8), tf.constant(123456789.0), output_stream=sys.stdout)
    tf.print(tf.reshape(tf.range(50, dtype=tf.float32) / 7, (5, 10))[:2], summarize=-1, output_stream=sys.stdout)
    tf.print("loss:", 3, [1, tf.constant(2)], {"a": tf.constant([1.0, 2.0])}, output_stream=sys.stdout)
    tf.print(tf.constant(True), tf.constant(1.0, tf.float64) / 3, output_stream=sys.stdout)
    tf.print(tf.zeros((2, 2, 2)), output_stream=sys.stdout, sep="|", end="<END>\n")
    tf.print(tf.reshape(tf.range(100), (10, 10)), output_stream=sys.stdout)
    tf.print(tf.constant(float("nan")), tf.constant(float("inf")), tf.constant(-2.5e10), output_stream=sys.stdout)
    out = capsys.readouterr().out
    assert out == (
        "[0 1 2 ... 7 8 9]\n"
        "[1.5 2 3.25]\n"
        "0.1 1e-08 123456792\n"
        "[[0 0.142857149 0.285714298 0.428571433 0.571428597 0.714285731 0.857142866 1 1.14285719 1.28571427]\n"
        " [1.42857146 1.57142854 1.71428573 1.85714281 2 2.14285707 2.28571439 2.42857146 2.57142854 2.71428561]]\n"
        "loss: 3 [1, 2] {'a': [1 2]}\n"
        "1 0.33333333333333331\n"
        "[[[0 0]\n  [0 0]]\n\n [[0 0]\n  [0 0]]]<END>\n"
        "[[0 1 2 ... 7 8 9]\n [10 11 12 ... 17 18 19]\n [20 21 22 ... 27 28 29]\n ...\n"
        " [70 71 72 ... 77 78 79]\n [80 81 82 ... 87 88 89]\n [90 91 92 ... 97 98 99]]\n"
        "nan inf -2.5e+10\n"
    )


def test_print_goes_to_stderr_by_default_and_to_files(capsys, tmp_path):
    tf.print("hello", tf.constant([1, 2]))
    assert capsys.readouterr().err == "hello [1 2]\n"
    path = tmp_path / "log.txt"
    tf.print("a", output_stream=f"file://{path}")
    tf.print("b", output_stream=f"file://{path}")
    assert path.read_text() == "a\nb\n"


# --- tf.config -------------------------------------------------------------------------------------


def test_config_devices():
    cpu = tf.config.list_physical_devices()[0]
    assert repr(cpu) == "PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')"
    assert tf.config.list_physical_devices("GPU") == [] and tf.config.get_visible_devices("GPU") == []
    assert tf.config.list_logical_devices() == [tf.config.LogicalDevice("/device:CPU:0", "CPU")]
    tf.config.set_visible_devices([], "GPU")
    with pytest.raises(ValueError, match="Cannot set memory growth on non-GPU"):
        tf.config.experimental.set_memory_growth(cpu, True)
    with pytest.raises(ValueError, match="Unrecognized device"):
        tf.config.set_visible_devices([tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU")])
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 3)
    assert [d.name for d in tf.config.list_logical_devices("CPU")] == ["/device:CPU:0", "/device:CPU:1", "/device:CPU:2"]
    tf.config.set_logical_device_configuration(cpu, None)
    assert tf.config.get_soft_device_placement() is True and tf.config.functions_run_eagerly() is False
    tf.config.experimental.enable_op_determinism()
    assert tf.config.optimizer.get_jit() == ""


def test_config_intra_op_threads_reach_the_blas_pool():
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas_threads():
        return [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]

    if not blas_threads():
        pytest.skip("NumPy has no BLAS thread pool that threadpoolctl can see")
    tf.config.threading.set_intra_op_parallelism_threads(1)
    try:
        assert tf.config.threading.get_intra_op_parallelism_threads() == 1
        assert set(blas_threads()) == {1}
    finally:
        tf.config.threading.set_intra_op_parallelism_threads(0)
    assert tf.config.threading.get_intra_op_parallelism_threads() == 0


# --- tf.debugging ----------------------------------------------------------------------------------


def _msg(f):
    with pytest.raises(Exception) as e:
        f()
    return type(e.value).__name__, str(e.value)


def test_asserts_pass_and_fail_with_tf_messages():
    d = tf.debugging
    assert d.assert_equal(tf.constant([1, 2]), tf.constant([1, 2])) is None
    assert tf.assert_less(tf.constant([1, 2]), 3) is None
    assert _msg(lambda: d.assert_equal(tf.constant([1, 2]), tf.constant([1, 3]))) == (
        "InvalidArgumentError", "Condition x == y did not hold.\nIndices of first 1 different values:\n[[1]]\n"
        "Corresponding x values:\n[2]\nCorresponding y values:\n[3]\nFirst 2 elements of x:\n[1 2]\n"
        "First 2 elements of y:\n[1 3]")
    assert _msg(lambda: d.assert_equal(tf.reshape(tf.range(10), (2, 5)), tf.reshape(tf.range(10), (2, 5)) * 2,
                                       summarize=2))[1] == (
        "Condition x == y did not hold.\nIndices of first 2 different values:\n[[0 1]\n [0 2]]\n"
        "Corresponding x values:\n[1 2]\nCorresponding y values:\n[2 4]\nFirst 2 elements of x:\n[0 1]\n"
        "First 2 elements of y:\n[0 2]")
    assert _msg(lambda: d.assert_greater_equal(tf.zeros((2,)), 1.0))[1] == (
        "Condition x >= y did not hold.\nFirst 2 elements of x:\n[0. 0.]\nFirst 1 elements of y:\n[1.]")
    assert _msg(lambda: d.assert_positive(tf.range(10) - 5, message="m", summarize=2)) == (
        "InvalidArgumentError", "m.  \nCondition x > 0 did not hold element-wise:\nx (shape=(10,) dtype=int32) = \n"
        "['-5', '-4', '...']")
    assert _msg(lambda: d.assert_rank(tf.constant([1.0, 2.0]), 2, message="hello")) == (
        "ValueError", "hello.  Tensor  must have rank 2.  Received rank 1, shape (2,)")
    assert _msg(lambda: d.assert_type(tf.constant([1.0]), tf.int32)) == (
        "TypeError", "tensor must be of type tf.int32; got tf.float32")
    assert _msg(lambda: d.assert_integer(tf.constant([1.0])))[0] == "TypeError"
    assert _msg(lambda: d.assert_scalar(tf.constant([1.0, 2.0])))[1] == "Expected scalar shape, saw shape: (2,)."
    assert _msg(lambda: d.assert_shapes([(tf.zeros((2, 3)), ("N", "D")), (tf.zeros((3, 3)), ("N", "D"))]))[1] == (
        "Specified by tensor shape=(2, 3) dtype=float32 dimension 0.  Tensor shape=(3, 3) dtype=float32 "
        "dimension 0 must have size 2.  Received size 3, shape (3, 3)")
    assert _msg(lambda: tf.Assert(False, [tf.range(10), "data"]))[1] == (
        "Expected 'False' to be true. Summarized data: 0, 1, 2, ...\nb'data'")
    assert "Incompatible shapes: [2] vs. [3]" in _msg(lambda: d.assert_equal(tf.constant([1, 2]), tf.constant([1, 2, 3])))[1]
    assert d.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0000001])) is None
    assert "not equal to tolerance" in _msg(lambda: d.assert_near(tf.constant([1.0]), tf.constant([1.1])))[1]
    assert d.is_numeric_tensor(tf.constant(1)) and not d.is_numeric_tensor(tf.constant(True))


def test_check_numerics_forward_and_gradient():
    d = tf.debugging
    assert _msg(lambda: d.check_numerics(tf.constant([np.nan, np.inf]), "chk"))[1] == (
        "chk : Tensor had Inf and NaN values [Op:CheckNumerics]")
    assert d.check_numerics(tf.constant([1.0]), "ok").numpy().tolist() == [1.0]
    x = tf.Variable(1.0)
    with tf.GradientTape() as t:
        y = d.check_numerics(x * 0.0, "m")
        z = 1.0 / y
    with np.errstate(divide="ignore"):
        assert _msg(lambda: t.gradient(z, x))[1] == (
            "Not a number (NaN) or infinity (Inf) values detected in gradient. m : Tensor had Inf values "
            "[Op:CheckNumerics]")
    with tf.GradientTape() as t:
        y = d.check_numerics(x * 3.0, "m")
    assert float(t.gradient(y, x)) == 3.0


def test_enable_check_numerics_names_the_op_and_the_line():
    tf.debugging.enable_check_numerics()
    try:
        with np.errstate(invalid="ignore", divide="ignore"):
            kind, msg = _msg(lambda: tf.math.log(tf.constant([-1.0, 1.0])))
            assert kind == "InvalidArgumentError"
            assert '!!! Detected Infinity or NaN in output 0 of eagerly-executing op "log"' in msg
            assert "# of +NaN elements: 1" in msg and "this op made the first non-finite value" in msg
            assert "test_module_config_debugging.py" in msg and msg.endswith(": Tensor had NaN values")
            x = tf.Variable(0.0)
            with tf.GradientTape() as t:
                y = tf.sqrt(x)
            kind, msg = _msg(lambda: t.gradient(y, x))
            assert "# of +Inf elements: 1" in msg
    finally:
        tf.debugging.disable_check_numerics()
    with np.errstate(invalid="ignore"):
        assert np.isnan(tf.math.log(tf.constant(-1.0)).numpy())


def test_keras_aliases():
    assert tf.losses.MeanSquaredError is keras.losses.MeanSquaredError
    assert tf.optimizers.Adam is keras.optimizers.Adam
    assert tf.metrics.Mean is keras.metrics.Mean and tf.initializers.Zeros is keras.initializers.Zeros


def test_errors_namespace_as_tf():
    e = tf.errors.InvalidArgumentError(None, None, "msg")  # TF's (node_def, op, message) signature
    assert str(e) == "msg" and e.message == "msg" and e.error_code == tf.errors.INVALID_ARGUMENT == 3
    assert isinstance(e, ValueError) and isinstance(e, tf.errors.OpError)
    assert tf.errors.UnknownError("x").error_code == 2 and tf.errors.OutOfRangeError("x").error_code == 11
    assert issubclass(tf.errors.OperatorNotAllowedInGraphError, TypeError)
    for code in ("OK", "CANCELLED", "DATA_LOSS", "UNAUTHENTICATED"):
        assert isinstance(getattr(tf.errors, code), int)


def test_autograph_logger_and_autodiff_alias(capsys):
    @tf.autograph.experimental.do_not_convert
    def f(x):
        return x * 2

    assert int(f(tf.constant(2))) == 4
    tf.autograph.trace("v", tf.constant([1.5, 2.0]))
    assert capsys.readouterr().out == "v [1.5 2]\n"
    assert tf.get_logger().name == "tensorflow"
    assert tf.autodiff.GradientTape is tf.GradientTape
