"""Model.compile / fit / evaluate / predict (the Trainer mixin) on small problems."""

from __future__ import annotations

import csv

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers


def blobs(n=400, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype(np.float32)
    y = ((x[:, 0] + x[:, 1]) > 0).astype(np.float32)
    return x, y


def classifier(seed=0):
    np.random.seed(seed)
    inputs = keras.Input(shape=(4,))
    h = layers.Dense(16, activation="relu")(inputs)
    out = layers.Dense(2, activation="softmax")(h)
    model = keras.Model(inputs=inputs, outputs=out)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.02), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def test_fit_learns_and_history_keys():
    x, y = blobs()
    model = classifier()
    assert model.metrics_names == ["loss", "compile_metrics"]  # Keras 3: the metrics container
    hist = model.fit(x, y, batch_size=32, epochs=6, validation_split=0.25, verbose=0)
    assert hist is model.history
    assert list(hist.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]  # Keras 3 sorts the logs
    assert all(len(v) == 6 for v in hist.history.values())
    loss = hist.history["loss"]
    assert loss[-1] < 0.5 * loss[0]
    assert hist.history["accuracy"][-1] > 0.9 and hist.history["val_accuracy"][-1] > 0.85
    # 'accuracy' became SparseCategoricalAccuracy (sparse labels, 2-class softmax)
    assert type(model.metrics[1].metrics[0]).__name__ == "SparseCategoricalAccuracy"


def test_validation_split_takes_the_last_fraction():
    x, y = blobs(200)
    model = classifier()
    hist = model.fit(x, y, batch_size=50, epochs=2, validation_split=0.2, verbose=0)
    val = model.evaluate(x[160:], y[160:], batch_size=50, verbose=0, return_dict=True)
    assert val["loss"] == pytest.approx(hist.history["val_loss"][-1], rel=1e-5)
    assert val["accuracy"] == pytest.approx(hist.history["val_accuracy"][-1], rel=1e-5)
    with pytest.raises(ValueError, match="validation_split"):
        model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(8), validation_split=0.2, verbose=0)


def test_fit_step_is_the_hand_written_tape_step():
    x, y = blobs(64)
    a, b = classifier(seed=1), classifier(seed=1)
    b.set_weights(a.get_weights())
    a.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="sparse_categorical_crossentropy")
    opt = keras.optimizers.SGD(learning_rate=0.1)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    a.fit(x, y, batch_size=64, epochs=1, shuffle=False, verbose=0)
    with tf.GradientTape() as tape:
        logits = b(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, b.trainable_weights)
    opt.apply_gradients(zip(grads, b.trainable_weights))
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, rtol=1e-5, atol=1e-6)


def test_regression_mse_with_dataset_and_steps_per_epoch():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(256, 3)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5]], np.float32) + 0.3).astype(np.float32)
    model = keras.Sequential([layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse", metrics=["mae"])
    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(256, seed=0).batch(32)
    hist = model.fit(ds, epochs=8, verbose=0, validation_data=ds)
    assert hist.history["loss"][-1] < 0.01 and set(hist.history) == {"loss", "mae", "val_loss", "val_mae"}
    infinite = tf.data.Dataset.from_tensor_slices((x, y)).repeat().batch(32)
    with pytest.raises(ValueError, match="steps_per_epoch"):
        model.fit(infinite, epochs=1, verbose=0)
    seen = []
    cbk = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: seen.append(b))
    model.fit(infinite, epochs=2, steps_per_epoch=3, verbose=0, callbacks=[cbk])
    assert seen == [0, 1, 2, 0, 1, 2]


def test_evaluate_and_predict_forms():
    x, y = blobs(100)
    model = classifier()
    res = model.evaluate(x, y, batch_size=30, verbose=0)
    assert isinstance(res, list) and len(res) == 2
    d = model.evaluate(x, y, verbose=0, return_dict=True)
    assert set(d) == {"loss", "accuracy"} and d["loss"] == pytest.approx(res[0], rel=1e-5)
    manual = keras.losses.SparseCategoricalCrossentropy()(y, model(x))
    assert d["loss"] == pytest.approx(float(manual), rel=1e-4)
    p = model.predict(x, batch_size=7, verbose=0)
    assert isinstance(p, np.ndarray) and p.shape == (100, 2)
    np.testing.assert_allclose(p, model(x).numpy(), rtol=1e-5, atol=1e-6)
    only_loss = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])
    only_loss.compile(optimizer="sgd", loss="mse")
    assert isinstance(only_loss.evaluate(x, y[:, None], verbose=0), float)


def test_sample_weight_and_class_weight():
    x, y = blobs(64)
    model = classifier()
    w = np.zeros(64, np.float32)
    w[:32] = 1.0
    weighted = model.evaluate(x, y, sample_weight=w, batch_size=64, verbose=0, return_dict=True)["loss"]
    per = keras.losses.sparse_categorical_crossentropy(y, model(x)).numpy()
    assert weighted == pytest.approx(per[:32].sum() / 64, rel=1e-4)  # Keras: sum over batch size
    before = model.get_weights()
    model.fit(x, y, epochs=1, batch_size=64, class_weight={0: 0.0, 1: 0.0}, shuffle=False, verbose=0)
    for a, b in zip(before, model.get_weights()):  # zero class weights: zero gradients
        np.testing.assert_allclose(a, b, atol=1e-7)


def test_early_stopping_stops_fit():
    x, y = blobs(64)
    model = classifier()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="sparse_categorical_crossentropy")
    hist = model.fit(x, y, epochs=10, batch_size=64, verbose=0, shuffle=False,
                     callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=1)])
    assert len(hist.history["loss"]) == 2 and model.stop_training  # 1 epoch without improvement


def test_checkpoint_and_csv_logger_write(tmp_path):
    x, y = blobs(64)
    model = classifier()
    ck = keras.callbacks.ModelCheckpoint(str(tmp_path / "ck-{epoch:02d}.weights.npz"), save_weights_only=True)
    log = tmp_path / "train.csv"
    model.fit(x, y, epochs=2, batch_size=32, verbose=0, validation_split=0.25,
              callbacks=[ck, keras.callbacks.CSVLogger(str(log))])
    assert (tmp_path / "ck-01.weights.npz").is_file() and (tmp_path / "ck-02.weights.npz").is_file()
    rows = list(csv.reader(log.open()))
    assert rows[0] == ["epoch", "accuracy", "loss", "val_accuracy", "val_loss"] and len(rows) == 3


def test_learning_rate_scheduler_in_fit():
    x, y = blobs(64)
    model = classifier()
    sched = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.5 ** epoch)
    hist = model.fit(x, y, epochs=3, batch_size=64, verbose=0, callbacks=[sched])
    assert hist.history["learning_rate"] == pytest.approx([1.0, 0.5, 0.25])
    assert float(model.optimizer.learning_rate) == pytest.approx(0.25)


def test_verbose_prints_progress(capsys):
    x, y = blobs(64)
    model = classifier()
    model.fit(x, y, epochs=2, batch_size=32, verbose=2)
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out and "loss:" in out and "accuracy:" in out
    model.fit(x, y, epochs=1, batch_size=32, verbose=0)
    assert capsys.readouterr().out == ""


def test_on_batch_methods_and_errors():
    x, y = blobs(32)
    model = classifier()
    loss, acc = model.train_on_batch(x, y)
    assert np.isfinite(loss) and 0 <= acc <= 1
    d = model.test_on_batch(x, y, return_dict=True)
    assert set(d) == {"loss", "accuracy"}
    assert model.predict_on_batch(x).shape == (32, 2)
    fresh = keras.Sequential([layers.Dense(1)])
    with pytest.raises(ValueError, match="compile"):  # Keras 3's error type
        fresh.fit(x, y, verbose=0)
    with pytest.raises(ValueError, match="different numbers of samples"):
        model.fit(x, y[:10], verbose=0)


def test_custom_train_step_keras2_style():
    # Keras 3 keeps compiled_loss / compiled_metrics as deprecated shims: compiled_loss is
    # compute_loss (no loss-tracker update), and compiled_metrics.update_state feeds every metric,
    # the `loss` Mean tracker included, with (y, y_pred) -- so that tracker records mean(y_pred),
    # 0.5 for a 2-class softmax (what Keras 3.15 prints for this program)
    class Custom(keras.Model):
        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
            grads = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
            self.compiled_metrics.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    inputs = keras.Input(shape=(4,))
    out = layers.Dense(2, activation="softmax")(inputs)
    model = Custom(inputs, out)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, y = blobs(128)
    with pytest.warns(UserWarning, match="deprecated"):
        hist = model.fit(x, y, epochs=4, batch_size=32, verbose=0)
    assert set(hist.history) == {"loss", "accuracy"}
    assert hist.history["loss"] == pytest.approx([0.5] * 4)
    assert hist.history["accuracy"][-1] > hist.history["accuracy"][0]
