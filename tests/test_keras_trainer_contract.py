"""Keras 3's trainer and model contract: logs from ``train_step``, ``model.metrics`` and the
``CompileMetrics`` container, what ``fit`` hands to ``train_step``, ``compute_loss`` /
``compute_metrics``, the summary table and progress bar, configs, and the layer rules Keras 3
changed (activity regularization per sample, unweighted ``metrics=``, attribute tracking, plain
``tf.Variable`` attributes, positional arguments, seeded dropout, error reports).

Every number and text below is what Keras 3.15 (TF 2.21 backend) printed for the same program."""

from __future__ import annotations

import re

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers
from tapeflow.keras.trainer import CompileMetrics, pack_x_y_sample_weight, unpack_x_y_sample_weight

X = np.arange(12, dtype="float32").reshape(4, 3) / 10
Y = np.array([[1.0], [0.0], [2.0], [1.0]], "float32")
SW = np.array([1.0, 0.0, 2.0, 1.0], "float32")


def ones_model():
    return keras.Sequential([keras.Input((3,)), layers.Dense(1, kernel_initializer="ones")])


# --- model.metrics, metrics_names, evaluate --------------------------------------------------------------


def test_metrics_before_and_after_compile_and_evaluate():
    m = ones_model()
    assert m.metrics == [] and m.metrics_names == []
    m.compile("sgd", "mse", metrics=["mae"])
    assert [type(x).__name__ for x in m.metrics] == ["Mean", "CompileMetrics"]
    assert m.metrics_names == ["loss", "compile_metrics"]
    assert m.metrics[1].metrics == [] and not m.metrics[1].built  # built on the first batch
    assert m.evaluate(X, Y, verbose=0) == pytest.approx([1.4850000143051147, 1.0])
    assert m.metrics_names == ["loss", "compile_metrics"]
    (mae,) = m.metrics[1].metrics
    assert type(mae).__name__ == "MeanAbsoluteError" and mae.name == "mae"
    plain = ones_model()
    plain.compile("sgd", "mse")
    assert plain.metrics_names == ["loss"]
    assert isinstance(plain.evaluate(X, Y, verbose=0), float)
    with pytest.raises(ValueError, match="Expected `metrics` argument to be a list, tuple, or dict"):
        plain.compile("sgd", "mse", metrics="mae")


def test_metrics_are_not_weighted_but_weighted_metrics_are():
    m = ones_model()
    m.compile("sgd", "mse", metrics=["mae"])
    assert m.evaluate(X, Y, sample_weight=SW, verbose=0) == pytest.approx([1.1274999380111694, 1.0])
    m = ones_model()
    m.compile("sgd", "mse", metrics=["mae"], weighted_metrics=["mae"])
    d = m.evaluate(X, Y, sample_weight=SW, verbose=0, return_dict=True)
    assert d == pytest.approx({"loss": 1.1274999380111694, "mae": 1.0, "weighted_mae": 0.7249999642372131})
    # the list follows the metrics' names (here "mae" twice), then the other keys sorted
    assert m.evaluate(X, Y, sample_weight=SW, verbose=0) == pytest.approx(
        [1.1274999380111694, 1.0, 1.0, 0.7249999642372131])
    cm = CompileMetrics(["mae"], None)
    cm.update_state(np.zeros((2, 1)), np.ones((2, 1)), sample_weight=np.array([1.0, 0.0]))
    assert {k: float(v) for k, v in cm.result().items()} == {"mae": 1.0}


def test_multi_output_losses_metrics_and_order():
    a = keras.Input((3,), name="a")
    o1 = layers.Dense(1, name="o1", kernel_initializer="ones")(a)
    o2 = layers.Dense(2, name="o2", activation="softmax", kernel_initializer="ones")(a)
    f = keras.Model(a, [o1, o2])
    f.compile("sgd", ["mse", "sparse_categorical_crossentropy"], metrics=[["mae"], ["accuracy"]],
              loss_weights=[1.0, 0.5])
    y2 = np.array([0, 1, 0, 1])
    assert f.evaluate(X, [Y, y2], verbose=0) == pytest.approx(
        [1.8315736055374146, 1.4850000143051147, 0.6931471824645996, 1.0, 0.5])
    assert f.evaluate(X, [Y, y2], verbose=0, return_dict=True) == pytest.approx(
        {"loss": 1.8315736055374146, "o1_loss": 1.4850000143051147, "o1_mae": 1.0, "o2_accuracy": 0.5,
         "o2_loss": 0.6931471824645996})
    assert f.metrics_names == ["loss", "compile_metrics", "o1_loss", "o2_loss"]


def test_dict_losses_metrics_and_outputs():
    a = keras.Input((3,), name="a")
    o1 = layers.Dense(1, name="o1", kernel_initializer="ones")(a)
    o2 = layers.Dense(2, name="o2", activation="softmax", kernel_initializer="ones")(a)
    f = keras.Model(a, [o1, o2])
    y1, y2 = np.ones((4, 1), "float32"), np.array([0, 1, 0, 1])
    f.compile("sgd", {"o1": "mse", "o2": "sparse_categorical_crossentropy"},
              metrics={"o1": "mae", "o2": ["accuracy", "acc"]}, loss_weights={"o1": 2.0, "o2": 1.0})
    assert f.evaluate(X, {"o1": y1, "o2": y2}, verbose=0, return_dict=True) == pytest.approx(
        {"loss": 3.5631470680236816, "o1_loss": 1.434999942779541, "o1_mae": 1.0, "o2_acc": 0.5, "o2_accuracy": 0.5,
         "o2_loss": 0.6931471824645996})
    assert f.evaluate(X, [y1, y2], verbose=0) == pytest.approx(
        [3.5631470680236816, 1.434999942779541, 0.6931471824645996, 1.0, 0.5, 0.5])
    f.compile("sgd", "mse", metrics=["mae", "mse"])  # one entry per output
    assert f.evaluate(X, [y1, np.ones((4, 2))], verbose=0, return_dict=True) == pytest.approx(
        {"loss": 1.684999942779541, "o1_loss": 1.434999942779541, "o1_mae": 1.0, "o2_loss": 0.25, "o2_mse": 0.25})
    g = keras.Model(a, {"p": o1, "q": o2})
    assert g.output_names == ["o1", "o2"]
    g.compile("sgd", {"p": "mse", "q": "sparse_categorical_crossentropy"}, metrics={"p": ["mae"]})
    assert g.evaluate(X, {"p": y1, "q": y2}, verbose=0, return_dict=True) == pytest.approx(
        {"loss": 2.1281471252441406, "p_loss": 1.434999942779541, "p_mae": 1.0, "q_loss": 0.6931471824645996})
    g.compile("sgd", {"p": "mse", "q": None})  # compile without metrics keeps the compiled ones (as Keras)
    assert g.evaluate(X, {"p": y1, "q": y2}, verbose=0, return_dict=True) == pytest.approx(
        {"loss": 1.434999942779541, "p_mae": 1.0})


def test_train_and_test_on_batch():
    m = ones_model()
    m.compile(keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
    assert m.train_on_batch(X, Y) == pytest.approx([1.4850000143051147, 1.0])
    np.testing.assert_allclose(m.get_weights()[0].ravel(), [0.889, 0.876, 0.863], rtol=1e-6)
    assert m.test_on_batch(X, Y, return_dict=True) == pytest.approx(
        {"loss": 0.9806119799613953, "mae": 0.8941999673843384})


def test_attribute_metrics_are_tracked():
    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = layers.Dense(1)
            self.tr = keras.metrics.Mean(name="tr")
            self.ms = [keras.metrics.Sum(name="s")]

        def call(self, x):
            return self.d(x)

    m = M()
    assert m.metrics_names == ["tr", "s"]
    m.compile("sgd", "mse")
    assert m.metrics_names == ["loss", "tr", "s"]
    assert sorted(m.fit(X, Y, verbose=0).history) == ["loss", "s", "tr"]


# --- what train_step receives and returns ---------------------------------------------------------------


class Recorder(keras.Model):
    """A GAN-like model: its own train/test steps, logs not named after any metric."""

    def __init__(self):
        super().__init__()
        self.d = layers.Dense(1)
        self.seen = []

    def call(self, x):
        return self.d(x)

    def train_step(self, data):
        self.seen.append(data)
        return {"g_loss": 2.5, "d_loss": tf.constant(1.5)}

    def test_step(self, data):
        self.seen.append(data)
        return {"t": 3.0}


def test_train_step_logs_reach_history_callbacks_and_progress_bar(capsys):
    m = Recorder()
    m.compile(optimizer="adam")
    got = []
    cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: got.append(logs))
    hist = m.fit(X, Y, batch_size=2, epochs=2, verbose=2, callbacks=[cb])
    assert hist.history == {"d_loss": [1.5, 1.5], "g_loss": [2.5, 2.5]}
    assert got[0] == {"d_loss": 1.5, "g_loss": 2.5} and type(got[0]["d_loss"]) is float
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Epoch 1/2" and out[2] == "Epoch 2/2"
    assert re.fullmatch(r"2/2 - \d+s - \d+(us|ms|s)/step - d_loss: 1\.5000 - g_loss: 2\.5000", out[1])
    assert m.evaluate(X, Y, verbose=0) == 3.0 and m.evaluate(X, Y, verbose=0, return_dict=True) == {"t": 3.0}


def test_fit_without_y_hands_x_itself_to_train_step():
    m = Recorder()
    m.compile(optimizer="adam")
    m.fit(X, batch_size=4, verbose=0)
    assert isinstance(m.seen[-1], tf.Tensor) and m.seen[-1].shape == (4, 3)
    m.fit((X, X), batch_size=4, verbose=0)  # several inputs: a 1-tuple holding their tuple
    assert isinstance(m.seen[-1], tuple) and len(m.seen[-1]) == 1 and len(m.seen[-1][0]) == 2
    m.fit({"a": X}, batch_size=4, verbose=0)
    assert isinstance(m.seen[-1], dict) and list(m.seen[-1]) == ["a"]
    m.fit(X, Y, sample_weight=SW, batch_size=4, verbose=0)
    assert isinstance(m.seen[-1], tuple) and len(m.seen[-1]) == 3
    m.fit(tf.data.Dataset.from_tensor_slices(X).batch(4), verbose=0)
    assert isinstance(m.seen[-1], tf.Tensor)


def test_unpack_and_pack_x_y_sample_weight():
    a, b, c = np.ones(2), np.zeros(2), np.full(2, 2.0)
    assert unpack_x_y_sample_weight(a)[0] is a and unpack_x_y_sample_weight(a)[1:] == (None, None)
    assert unpack_x_y_sample_weight((a,))[0] is a
    x, y, sw = unpack_x_y_sample_weight([a, b])
    assert x is a and y is b and sw is None
    assert unpack_x_y_sample_weight((a, b, c))[2] is c
    with pytest.raises(ValueError, match=r"Data is expected to be in format `x`, `\(x,\)`"):
        unpack_x_y_sample_weight((a, b, c, a))
    assert pack_x_y_sample_weight(a) is a
    packed = pack_x_y_sample_weight([a, b])
    assert type(packed) is tuple and len(packed) == 1 and packed[0][1] is b
    assert len(pack_x_y_sample_weight(a, b)) == 2 and len(pack_x_y_sample_weight(a, b, c)) == 3


def test_custom_train_step_over_self_metrics():
    # keras-io "Customizing what happens in fit()": update every metric of self.metrics by hand
    class CustomModel(keras.Model):
        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compute_loss(y=y, y_pred=y_pred)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply(grads, self.trainable_variables)
            for metric in self.metrics:
                if metric.name == "loss":
                    metric.update_state(loss)
                else:
                    metric.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    inputs = keras.Input(shape=(3,))
    model = CustomModel(inputs, layers.Dense(1, kernel_initializer="ones")(inputs))
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse", metrics=["mae"])
    hist = model.fit(X, Y, batch_size=4, verbose=0)
    # the compile_metrics dict is flattened into the logs
    assert sorted(hist.history) == ["loss", "mae"]
    assert hist.history["loss"] == pytest.approx([1.4850000143051147]) and hist.history["mae"] == [1.0]


def test_epoch_logs_come_from_metrics_when_the_keys_agree():
    class Zeroing(keras.Sequential):
        def train_step(self, data):
            logs = super().train_step(data)
            return {k: v * 0.0 for k, v in logs.items()}  # same keys: the epoch shows the metrics

    m = Zeroing([keras.Input((3,)), layers.Dense(1, kernel_initializer="ones")])
    m.compile(keras.optimizers.SGD(0.0), "mse")
    assert m.fit(X, Y, batch_size=4, verbose=0).history["loss"] == pytest.approx([1.4850000143051147])


def test_compute_loss_and_compute_metrics():
    bare = ones_model()
    bare.compile("sgd")
    with pytest.raises(ValueError, match=r"No loss to compute. Provide a `loss` argument in `compile\(\)`."):
        bare.compute_loss(X, Y, bare(X))
    m = keras.Sequential([keras.Input((3,)), layers.Dense(1, kernel_initializer="ones",
                                                          kernel_regularizer=keras.regularizers.L2(0.5))])
    m.compile("sgd", "mse", metrics=["mae"])
    y_pred = m(X)
    # the compiled loss plus the kernel penalty 0.5 * 3
    assert float(m.compute_loss(X, Y, y_pred)) == pytest.approx(1.485 + 1.5, rel=1e-6)
    res = m.compute_metrics(X, Y, y_pred)
    assert sorted(res) == ["loss", "mae"] and isinstance(res["mae"], tf.Tensor) and float(res["mae"]) == 1.0
    with pytest.raises(ValueError, match="You must call `compile\\(\\)` before using the model"):
        ones_model().fit(X, Y, verbose=0)


def test_deprecated_compiled_loss_and_metrics_warn():
    m = ones_model()
    m.compile("sgd", "mse", metrics=["mae"])
    with pytest.warns(UserWarning, match=r"`model.compiled_loss\(\)` is deprecated"):
        loss = m.compiled_loss(Y, m(X))
    assert float(loss) == pytest.approx(1.485)
    with pytest.warns(UserWarning, match=r"`model.compiled_metrics\(\)` is deprecated"):
        m.compiled_metrics.update_state(Y, m(X))
    assert float(m.metrics[0].result()) == pytest.approx(float(np.mean(X.sum(1))))  # the tracker got y_pred


def test_training_flag_follows_the_call_signature():
    seen = []

    class Probe(layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    class NoFlag(keras.Model):
        def __init__(self):
            super().__init__()
            self.p, self.d = Probe(), layers.Dense(1)

        def call(self, x):  # fit cannot pass `training` to this call
            return self.d(self.p(x))

    class DefaultFalse(NoFlag):
        def call(self, x, training=False):
            return self.d(self.p(x))

    for cls, expect in ((NoFlag, [None, None]), (DefaultFalse, [False, True])):
        seen.clear()
        m = cls()
        m.compile("sgd", "mse")
        m(X)
        m.fit(X, Y, batch_size=4, verbose=0)
        assert seen == expect, cls.__name__


# --- progress bar ---------------------------------------------------------------------------------------


def test_progress_bar_layouts(capsys):
    m = ones_model()
    m.compile("sgd", "mse", metrics=["mae"])
    m.fit(X, Y, batch_size=2, epochs=1, verbose=1)
    raw = capsys.readouterr().out
    assert "Epoch" not in raw  # a single epoch has no "Epoch 1/1" line
    final = raw.split("\r")[-1]
    assert re.fullmatch(r"\x1b\[1m2/2\x1b\[0m \x1b\[32m━{20}\x1b\[0m\x1b\[37m\x1b\[0m \x1b\[1m\d+s\x1b\[0m \d+(us|ms|s)"
                        r"/step - loss: \d\.\d{4} - mae: \d\.\d{4} *\n", final)
    assert raw.startswith("\r\x1b[1m1/2\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m")
    m.evaluate(X, Y, batch_size=4, verbose=2)
    assert re.fullmatch(r"1/1 - \d+s - \d+(us|ms|s)/step - loss: \d\.\d{4} - mae: \d\.\d{4}\n",
                        capsys.readouterr().out)
    m.predict(X, verbose=2)
    assert re.fullmatch(r"1/1 - \d+s - \d+(us|ms|s)/step\n", capsys.readouterr().out)
    m.fit(tf.data.Dataset.from_tensor_slices((X, Y)).batch(2).filter(lambda a, b: True), verbose=1)
    assert capsys.readouterr().out.startswith("\r      1/Unknown \x1b[1m")


def test_progbar_averages_stateless_values(capsys):
    bar = keras.utils.Progbar(2, verbose=2, stateful_metrics=["acc"])
    bar.update(1, [("loss", 1.0), ("acc", 0.5)])
    bar.update(2, [("loss", 3.0), ("acc", 0.25)])
    assert capsys.readouterr().out.endswith(" - loss: 3.0000 - acc: 0.2500\n")  # the final step is shown as is
    bar = keras.utils.Progbar(3, verbose=1, interval=0.0)
    bar.update(1, [("loss", 1.0)])
    bar.update(2, [("loss", 3.0)])
    assert capsys.readouterr().out.split("\r")[-1].rstrip().endswith("- loss: 2.0000")


# --- summary --------------------------------------------------------------------------------------------

SEQ = (
    'Model: "seq"\n'
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n'
    '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n'
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n'
    '│ a_really_long_layer_name_that_… │ (None, 4)              │            16 │\n'
    '│ (Dense)                         │                        │               │\n'
    '├─────────────────────────────────┼────────────────────────┼───────────────┤\n'
    '│ d2 (Dense)                      │ (None, 2)              │            10 │\n'
    '└─────────────────────────────────┴────────────────────────┴───────────────┘\n'
    ' Total params: 26 (104.00 B)\n'
    ' Trainable params: 26 (104.00 B)\n'
    ' Non-trainable params: 0 (0.00 B)\n'
)

SHARED = (
    'Model: "shared_m"\n'
    '┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓\n'
    '┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃\n'
    '┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩\n'
    '│ i1 (InputLayer)     │ (None, 4)         │          0 │ -                 │\n'
    '├─────────────────────┼───────────────────┼────────────┼───────────────────┤\n'
    '│ i2 (InputLayer)     │ (None, 4)         │          0 │ -                 │\n'
    '├─────────────────────┼───────────────────┼────────────┼───────────────────┤\n'
    '│ shared (Dense)      │ (None, 4)         │         20 │ i1[0][0],         │\n'
    '│                     │                   │            │ i2[0][0]          │\n'
    '├─────────────────────┼───────────────────┼────────────┼───────────────────┤\n'
    '│ cat (Concatenate)   │ (None, 8)         │          0 │ shared[0][0],     │\n'
    '│                     │                   │            │ shared[1][0]      │\n'
    '└─────────────────────┴───────────────────┴────────────┴───────────────────┘\n'
    ' Total params: 20 (80.00 B)\n'
    ' Trainable params: 20 (80.00 B)\n'
    ' Non-trainable params: 0 (0.00 B)\n'
)

NESTED = (
    'Model: "outer"\n'
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓\n'
    '┃ Layer (type)                ┃ Output Shape          ┃    Param # ┃ Trai… ┃\n'
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩\n'
    '│ inner (Sequential)          │ (None, 3)             │         39 │   N   │\n'
    '├─────────────────────────────┼───────────────────────┼────────────┼───────┤\n'
    '│    └ in1 (Dense)            │ (None, 4)             │         24 │   N   │\n'
    '├─────────────────────────────┼───────────────────────┼────────────┼───────┤\n'
    '│    └ in2 (Dense)            │ (None, 3)             │         15 │   N   │\n'
    '├─────────────────────────────┼───────────────────────┼────────────┼───────┤\n'
    '│ last (Dense)                │ (None, 1)             │          4 │   Y   │\n'
    '└─────────────────────────────┴───────────────────────┴────────────┴───────┘\n'
    ' Total params: 43 (172.00 B)\n'
    ' Trainable params: 4 (16.00 B)\n'
    ' Non-trainable params: 39 (156.00 B)\n'
)

SUB = (
    'Model: "sub"\n'
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n'
    '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n'
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n'
    '│ s1 (Dense)                      │ (2, 4)                 │            16 │\n'
    '├─────────────────────────────────┼────────────────────────┼───────────────┤\n'
    '│ bn (BatchNormalization)         │ (2, 4)                 │            16 │\n'
    '├─────────────────────────────────┼────────────────────────┼───────────────┤\n'
    '│ unused (Dense)                  │ ?                      │   0 (unbuilt) │\n'
    '└─────────────────────────────────┴────────────────────────┴───────────────┘\n'
    ' Total params: 32 (128.00 B)\n'
    ' Trainable params: 24 (96.00 B)\n'
    ' Non-trainable params: 8 (32.00 B)\n'
)

OPT60 = (
    'Model: "outer"\n'
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓\n'
    '┃ Layer (type)             ┃ Output Shape      ┃   Param # ┃\n'
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩\n'
    '│ inner (Sequential)       │ (None, 3)         │        39 │\n'
    '├──────────────────────────┼───────────────────┼───────────┤\n'
    '│ last (Dense)             │ (None, 1)         │         4 │\n'
    '└──────────────────────────┴───────────────────┴───────────┘\n'
    ' Total params: 53 (216.00 B)\n'
    ' Trainable params: 4 (16.00 B)\n'
    ' Non-trainable params: 39 (156.00 B)\n'
    ' Optimizer params: 10 (44.00 B)\n'
)


def test_summary_tables_as_keras(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")

    def text(model, **kw):
        out = []
        model.summary(print_fn=out.append, **kw)
        assert len(out) == 1  # Keras hands print_fn the whole table at once
        return out[0]

    m = keras.Sequential([keras.Input((3,)), layers.Dense(4, name="a_really_long_layer_name_that_goes_on_and_on"),
                          layers.Dense(2, name="d2")], name="seq")
    assert text(m) == SEQ
    s = layers.Dense(4, name="shared")
    i1, i2 = keras.Input((4,), name="i1"), keras.Input((4,), name="i2")
    assert text(keras.Model([i1, i2], layers.Concatenate(name="cat")([s(i1), s(i2)]), name="shared_m")) == SHARED
    inner = keras.Sequential([layers.Dense(4, name="in1"), layers.Dense(3, name="in2")], name="inner")
    outer = keras.Sequential([keras.Input((5,)), inner, layers.Dense(1, name="last")], name="outer")
    outer.layers[0].trainable = False
    assert text(outer, expand_nested=True, show_trainable=True) == NESTED

    class Sub(keras.Model):
        def __init__(self):
            super().__init__(name="sub")
            self.d1 = layers.Dense(4, name="s1")
            self.bn = layers.BatchNormalization(name="bn")
            self.d0 = layers.Dense(2, name="unused")

        def call(self, x):
            return self.bn(self.d1(x))

    sub = Sub()
    sub(np.ones((2, 3), "float32"))
    assert text(sub) == SUB
    outer.compile("adam", "mse")
    outer.fit(np.ones((4, 5)), np.ones((4, 1)), verbose=0)
    assert text(outer, line_length=60) == OPT60


def test_summary_to_stdout_and_errors(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    m = keras.Sequential([keras.Input((3,)), layers.Dense(4, name="a_really_long_layer_name_that_goes_on_and_on"),
                          layers.Dense(2, name="d2")], name="seq")
    m.summary()
    assert capsys.readouterr().out == SEQ
    with pytest.raises(ValueError, match="Passed layer_names do not match"):
        m.summary(layer_range=["nope", "d2"])
    m.summary(print_fn=print, layer_range=["d2", "d2"])
    assert "a_really" not in capsys.readouterr().out


# --- configs and shapes ---------------------------------------------------------------------------------


def test_sequential_and_functional_configs_round_trip():
    seq = keras.Sequential([keras.Input((3,)), layers.Dense(2, name="d")], name="seq")
    cfg = seq.get_config()
    assert list(cfg) == ["name", "trainable", "dtype", "layers", "build_input_shape"]
    assert cfg["build_input_shape"] == (None, 3)
    assert [list(e) for e in cfg["layers"]] == [["module", "class_name", "config", "registered_name"],
                                                ["module", "class_name", "config", "registered_name", "build_config"]]
    assert cfg["layers"][0]["config"] == {"batch_shape": (None, 3), "dtype": "float32", "sparse": False,
                                          "ragged": False, "name": cfg["layers"][0]["config"]["name"],
                                          "optional": False}
    assert cfg["layers"][1]["build_config"] == {"input_shape": (None, 3)}
    again = keras.Sequential.from_config(cfg)
    assert again.name == "seq" and again.output_shape == (None, 2) and again.count_params() == 8

    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    h = layers.Concatenate(name="cat")([a, b])
    f = keras.Model([a, b], layers.Dense(2, name="dd")(h * 2.0), name="f2")
    fc = f.get_config()
    assert list(fc) == ["name", "trainable", "layers", "input_layers", "output_layers"]
    assert fc["input_layers"] == [["a", 0, 0], ["b", 0, 0]] and fc["output_layers"] == ["dd", 0, 0]
    cat = fc["layers"][2]
    assert list(cat) == ["module", "class_name", "config", "registered_name", "build_config", "name", "inbound_nodes"]
    assert cat["build_config"] == {"input_shape": [(None, 3), (None, 2)]}
    assert cat["inbound_nodes"] == [{"args": ([
        {"class_name": "__keras_tensor__", "config": {"shape": (None, 3), "dtype": "float32", "keras_history": ["a", 0, 0]}},
        {"class_name": "__keras_tensor__", "config": {"shape": (None, 2), "dtype": "float32", "keras_history": ["b", 0, 0]}},
    ],), "kwargs": {}}]
    mult = fc["layers"][3]
    assert (mult["module"], mult["class_name"], mult["inbound_nodes"][0]["args"][1]) == (
        "keras.src.ops.numpy", "Multiply", 2.0)
    g = keras.Model.from_config(fc)
    assert g.name == "f2" and [lay.name for lay in g.layers] == ["a", "b", "cat", "dd"]
    g.set_weights(f.get_weights())
    xa, xb = np.ones((2, 3), "float32"), np.ones((2, 2), "float32")
    np.testing.assert_allclose(g([xa, xb]).numpy(), f([xa, xb]).numpy())


def test_layer_base_config_and_build_config():
    d = layers.Dense(2, activity_regularizer="l2")
    cfg = layers.Layer.get_config(d)
    assert cfg["dtype"] == {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                            "registered_name": None}
    assert cfg["activity_regularizer"]["class_name"] == "L2"
    assert layers.Dense(2).get_build_config() is None
    d(np.ones((1, 3), "float32"))
    assert d.get_build_config() == {"input_shape": (1, 3)}
    e = layers.Dense.from_config(layers.Dense(2).get_config())
    e.build_from_config({"input_shape": (None, 3)})
    assert e.built and e.kernel.shape == (3, 2)


def test_output_shapes():
    seq = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    assert seq.output_shape == (None, 2) and seq.input_shape == (None, 3)
    assert seq.compute_output_shape((None, 3)) == (None, 2) and seq.compute_output_shape((5, 3)) == (5, 2)
    a, b = keras.Input((3,)), keras.Input((2,))
    h = layers.Concatenate()([a, b])
    f = keras.Model({"a": a, "b": b}, [layers.Dense(1)(h), layers.Dense(2)(h)])
    assert f.output_shape == [(None, 1), (None, 2)] and f.input_shape == {"a": (None, 3), "b": (None, 2)}
    assert f.compute_output_shape({"a": (5, 3), "b": (5, 2)}) == [(5, 1), (5, 2)]
    deferred = keras.Sequential([layers.Dense(4), layers.Dense(2)])
    deferred(np.ones((2, 5), "float32"))  # built from the first call: its batch size included (Keras 3)
    assert deferred.input_shape == (2, 5) and deferred.output_shape == (2, 2)
    assert deferred(np.ones((3, 5), "float32")).shape == (3, 2)

    class Sub(keras.Model):
        def call(self, x):
            return x

    with pytest.raises(AttributeError, match="output_shape"):
        Sub().output_shape


# --- layer rules Keras 3 changed ------------------------------------------------------------------------


def test_activity_regularizer_is_divided_by_the_batch_size():
    d = layers.Dense(2, kernel_initializer="ones", activity_regularizer=keras.regularizers.L2(0.1))
    d(np.ones((4, 3), "float32"))
    (loss,) = d.losses
    assert float(loss) == pytest.approx(1.8000000715255737)

    class Identity(layers.Layer):
        def call(self, x):
            return x

    ar = Identity(activity_regularizer="l2")
    for shape, want in (((5, 2), 0.019999999552965164), ((5,), 0.009999999776482582), ((), 0.009999999776482582)):
        ar(np.ones(shape, "float32"))
        assert float(ar.losses[0]) == pytest.approx(want)
    m = keras.Sequential([keras.Input((3,)), layers.Dense(2, kernel_initializer="ones",
                                                          activity_regularizer=keras.regularizers.L2(0.1))])
    m.compile("sgd", "mse")
    for bs in (4, 2):  # the per-sample penalty does not depend on the batch size
        assert m.evaluate(X, np.zeros((4, 2)), batch_size=bs, verbose=0) == pytest.approx(4.48199987411499)


def test_trainable_weights_follow_attribute_changes():
    class Blocks(keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = []

        def call(self, x):
            for b in self.blocks:
                x = b(x)
            return x

    m = Blocks()
    d1 = layers.Dense(2)
    d1(np.ones((1, 2), "float32"))
    assert m.trainable_weights == []
    m.blocks.append(d1)
    assert m.trainable_weights == d1.trainable_weights
    d2 = layers.Dense(3)
    d2(np.ones((1, 2), "float32"))
    m.blocks[0] = d2
    assert m.trainable_weights == d2.trainable_weights
    m.blocks = [d1, d2]
    assert len(m.trainable_weights) == 4 and len(m.layers) == 2
    m.blocks.pop()
    assert m.trainable_weights == d1.trainable_weights
    m.extra = {"x": d2}
    assert len(m.weights) == 4
    m.extra["y"] = layers.Dense(1)
    assert len(m.layers) == 3
    del m.extra
    m.blocks.clear()
    assert m.weights == [] and m.layers == []


def test_plain_tf_variables_are_not_layer_weights():
    class Raw(layers.Layer):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(tf.ones((2, 2)), name="w")
            self.kv = keras.Variable(np.ones(2, "float32"), name="kv")
            self.lst = [tf.Variable(1.0)]

        def call(self, x):
            return x @ self.w

    r = Raw()
    assert [v.name for v in r.variables] == ["kv"] and r.trainable_weights == [r.kv]
    r(np.ones((1, 2), "float32"))
    assert [v.name for v in r.weights] == ["kv"]


def test_python_values_are_not_positional_inputs():
    d = layers.Dense(2)
    msg = ("Only input tensors may be passed as positional arguments. The following argument value should be "
           "passed as a keyword argument: 1.0 (of type <class 'float'>)")
    with pytest.raises(ValueError, match=re.escape(msg)):
        d([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match=re.escape("keyword argument: abc (of type <class 'str'>)")):
        d("abc")
    with pytest.raises(ValueError, match=re.escape("keyword argument: 2 (of type <class 'int'>)")):
        d(np.ones((1, 3)), 2)
    with pytest.raises(ValueError, match=re.escape("keyword argument: 2.0 (of type <class 'float'>)")):
        layers.Add()([np.ones((1, 2)), 2.0])
    assert d(np.ones((1, 3))).shape == (1, 2) and d(tf.Variable(np.ones((1, 3), "float32"))).shape == (1, 2)
    assert d([np.ones((1, 3))][0]).dtype == tf.float32
    seq = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    with pytest.raises(ValueError, match="Only input tensors may be passed as positional arguments"):
        seq([[1.0, 2.0, 3.0]])


def test_dropout_layers_with_the_same_seed_draw_the_same_masks():
    x = np.ones((4, 16), "float32")
    a, b = layers.Dropout(0.5, seed=1), layers.Dropout(0.5, seed=1)
    ma, mb = a(x, training=True).numpy(), b(x, training=True).numpy()
    ma2, mb2 = a(x, training=True).numpy(), b(x, training=True).numpy()
    assert (ma == mb).all() and (ma2 == mb2).all() and not (ma == ma2).all()
    assert set(np.unique(ma)) <= {0.0, 2.0}
    np.testing.assert_array_equal(a(x).numpy(), x)  # inference
    c = layers.Dropout(0.5, seed=1, noise_shape=(None, 1))
    mc = c(x, training=True).numpy()
    assert all(len(set(row)) == 1 for row in mc.tolist())  # one decision per row

    from gradcheck import check_grads

    def f(v):
        return layers.Dropout(0.3, seed=5, dtype="float64")(v, training=True)

    check_grads(f, [np.random.default_rng(0).normal(size=(3, 4))], order=2)


def test_call_errors_are_reported_as_keras_does():
    class FlexibleDense(layers.Layer):
        def __init__(self, out_features, **kwargs):
            super().__init__(**kwargs)
            self.out_features = out_features

        def build(self, input_shape):
            self.w = tf.Variable(tf.ones([input_shape[-1], self.out_features]), name="w")

        def call(self, inputs):
            return tf.matmul(inputs, self.w)

    f = FlexibleDense(3)
    f(tf.ones((1, 3)))
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        f(tf.ones((1, 4)))
    lines = str(e.value).split("\n")
    assert lines[0] == "Exception encountered when calling FlexibleDense.call()."
    assert lines[-3:] == ["", "Arguments received by FlexibleDense.call():",
                          "  \u2022 inputs=tf.Tensor(shape=(1, 4), dtype=float32)"]

    class Two(layers.Layer):
        def call(self, a, b=None, training=None, **kw):
            raise ValueError("boom")

    with pytest.raises(ValueError) as e:
        Two()(np.ones((2, 2), "float32"), b=[np.ones(1)], extra=3)
    assert str(e.value) == (
        "Exception encountered when calling Two.call().\n\n\x1b[1mboom\x1b[0m\n\nArguments received by Two.call():\n"
        "  \u2022 a=tf.Tensor(shape=(2, 2), dtype=float32)\n  \u2022 b=['tf.Tensor(shape=(1,), dtype=float32)']\n"
        "  \u2022 training=None\n  \u2022 kw={'extra': '3'}")

    class Three(layers.Layer):
        def call(self, a, *rest):
            raise KeyError("k")

    with pytest.raises(KeyError) as e:
        Three()(np.ones((2, 2), "float32"), np.ones((3,), "int32"))
    assert e.value.args[0].endswith("  \u2022 rest=('tf.Tensor(shape=(3,), dtype=int32)',)")
    inner = keras.Sequential([keras.Input((3,)), FlexibleDense(2)])
    with pytest.raises(ValueError, match=r"^Exception encountered when calling FlexibleDense\.call\(\)"):
        inner(np.ones((1, 4), "float32"))  # the innermost failing call reports


def test_sequential_builds_take_functional_names():
    keras.clear_session()
    keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    deferred = keras.Sequential([layers.Dense(2)])
    deferred(np.ones((1, 3), "float32"))
    x = keras.Input((3,))
    assert keras.Model(x, layers.Dense(1)(x)).name == "functional_2"  # as Keras 3 names it


def test_accuracy_for_a_single_output_unit_is_binary_as_keras():
    # Keras 3.15: loss="mse", metrics=["accuracy"] with (n, 1) targets picks BinaryAccuracy: a zero prediction
    # against targets of 1.0 scores 0.0 (categorical accuracy over one column would score 1.0)
    x = np.linspace(0.0, 1.0, 24, dtype="float32").reshape(8, 3)
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, kernel_initializer="zeros")])
    m.compile(loss="mse", metrics=["accuracy"])
    assert m.evaluate(x, np.ones((8, 1), "float32"), verbose=0)[1] == 0.0
    assert m.evaluate(x, np.zeros((8, 1), "float32"), verbose=0)[1] == 1.0
