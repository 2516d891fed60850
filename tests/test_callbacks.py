"""keras.callbacks driven directly (no training): hook order, History, EarlyStopping,
ModelCheckpoint, LearningRateScheduler, CSVLogger, progress output."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from tapeflow.keras import callbacks as cb


class FakeOptimizer:
    def __init__(self, lr: float) -> None:
        self.learning_rate = lr


class FakeModel:
    """Just what the callbacks touch: weights, save_weights/save, optimizer, stop_training."""

    def __init__(self) -> None:
        self.w = [np.zeros(2, np.float32)]
        self.stop_training = False
        self.optimizer = FakeOptimizer(0.1)
        self.saved: list = []

    def get_weights(self):
        return [a.copy() for a in self.w]

    def set_weights(self, ws):
        self.w = [np.array(a) for a in ws]

    def save_weights(self, path, overwrite=True):
        self.saved.append(("weights", path))
        with open(path, "w") as f:
            f.write("w")

    def save(self, path, overwrite=True):
        self.saved.append(("model", path))


def run_epochs(callbacks, model, values, key="val_loss"):
    """Simulate fit: epoch e sets the weights to e and reports values[e] under key."""
    cbl = cb.CallbackList(callbacks, model=model, epochs=len(values), verbose=0, steps=1)
    cbl.on_train_begin()
    ran = 0
    for e, v in enumerate(values):
        cbl.on_epoch_begin(e)
        model.w = [np.full(2, e, np.float32)]
        cbl.on_train_batch_begin(0)
        cbl.on_train_batch_end(0, {"loss": v})
        cbl.on_epoch_end(e, {"loss": v, key: v})
        ran += 1
        if model.stop_training:
            break
    cbl.on_train_end()
    return ran


def test_hook_order_and_aliases():
    calls = []

    class Rec(cb.Callback):
        def on_train_begin(self, logs=None):
            calls.append("train_begin")

        def on_epoch_begin(self, epoch, logs=None):
            calls.append(f"epoch_begin{epoch}")

        def on_batch_end(self, batch, logs=None):  # the Keras 1 name still fires
            calls.append(f"batch_end{batch}")

        def on_epoch_end(self, epoch, logs=None):
            calls.append(f"epoch_end{epoch}")

        def on_train_end(self, logs=None):
            calls.append("train_end")

    m = FakeModel()
    r = Rec()
    run_epochs([r], m, [1.0, 0.5])
    assert calls == ["train_begin", "epoch_begin0", "batch_end0", "epoch_end0", "epoch_begin1", "batch_end0",
                     "epoch_end1", "train_end"]
    assert r.model is m and r.params["epochs"] == 2
    with pytest.raises(TypeError):
        cb.CallbackList([object()])


def test_history_records_and_sets_model_history():
    m = FakeModel()
    cbl = cb.CallbackList([], add_history=True, model=m)
    h = cbl.callbacks[-1]
    assert isinstance(h, cb.History) and m.history is h
    cbl.on_train_begin()
    cbl.on_epoch_end(0, {"loss": np.float32(2.0), "accuracy": 0.5})
    cbl.on_epoch_end(1, {"loss": 1.0, "accuracy": 0.75})
    assert h.history == {"loss": [2.0, 1.0], "accuracy": [0.5, 0.75]} and h.epoch == [0, 1]
    assert type(h.history["loss"][0]) is float


def test_early_stopping_patience_and_restore():
    m = FakeModel()
    es = cb.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
    ran = run_epochs([es], m, [1.0, 0.5, 0.6, 0.7, 0.2, 0.1])
    assert ran == 4 and es.stopped_epoch == 3 and es.best == 0.5 and es.best_epoch == 1
    assert m.stop_training and m.w[0].tolist() == [1.0, 1.0]  # weights of the best epoch


def test_early_stopping_min_delta_mode_and_baseline():
    m = FakeModel()
    es = cb.EarlyStopping(monitor="val_loss", min_delta=0.1, patience=1)
    assert run_epochs([es], m, [1.0, 0.95, 0.93, 0.5]) == 2  # 0.95 is not a 0.1 improvement
    m = FakeModel()
    es = cb.EarlyStopping(monitor="val_accuracy", patience=1)
    assert es.mode == "max"
    assert run_epochs([es], m, [0.5, 0.6, 0.55, 0.9], key="val_accuracy") == 3
    m = FakeModel()
    es = cb.EarlyStopping(monitor="val_loss", patience=2, baseline=0.1)
    assert run_epochs([es], m, [0.5, 0.4, 0.3, 0.2]) == 2  # never beats the baseline
    with pytest.raises(ValueError):
        cb.EarlyStopping(mode="sideways")


def test_early_stopping_missing_monitor_does_not_stop(capsys):
    m = FakeModel()
    es = cb.EarlyStopping(monitor="val_nope", patience=0)
    assert run_epochs([es], m, [1.0, 2.0, 3.0]) == 3
    assert "val_nope" in capsys.readouterr().err


def test_model_checkpoint_formats_and_best_only(tmp_path):
    m = FakeModel()
    ck = cb.ModelCheckpoint(str(tmp_path / "w-{epoch:02d}-{val_loss:.2f}.weights.h5"), save_weights_only=True)
    run_epochs([ck], m, [0.5, 0.25])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-01-0.50.weights.h5", "w-02-0.25.weights.h5"]
    m2 = FakeModel()
    best = cb.ModelCheckpoint(str(tmp_path / "best-{epoch}.keras"), monitor="val_loss", save_best_only=True)
    run_epochs([best], m2, [0.5, 0.7, 0.3])
    assert m2.saved == [("model", str(tmp_path / "best-1.keras")), ("model", str(tmp_path / "best-3.keras"))]
    m3 = FakeModel()
    freq = cb.ModelCheckpoint(str(tmp_path / "b{batch}.weights.h5"), save_weights_only=True, save_freq=2)
    run_epochs([freq], m3, [1, 1, 1, 1])
    assert len(m3.saved) == 2
    with pytest.raises(KeyError, match="no log key"):
        run_epochs([cb.ModelCheckpoint(str(tmp_path / "{nokey}.keras"))], FakeModel(), [1.0])
    # Keras 3's file-name rules, checked at construction
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        cb.ModelCheckpoint(str(tmp_path / "ckpt_{epoch}"), save_weights_only=True)
    with pytest.raises(ValueError, match=r"must end in `\.keras`"):
        cb.ModelCheckpoint(str(tmp_path / "model.weights.h5x"))


def test_learning_rate_scheduler_sets_and_logs():
    m = FakeModel()
    sched = cb.LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch > 0 else lr)
    hist = cb.History()
    cbl = cb.CallbackList([sched, hist], model=m)
    cbl.on_train_begin()
    for e in range(3):
        cbl.on_epoch_begin(e)
        cbl.on_epoch_end(e, {"loss": 1.0})
    # the callbacks share one (Keras 3: pythonified) copy of the logs: the rate reaches History
    assert hist.history["learning_rate"] == pytest.approx([0.1, 0.05, 0.025])
    one_arg = cb.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1))
    one_arg.set_model(m)
    one_arg.on_epoch_begin(2)
    assert m.optimizer.learning_rate == pytest.approx(0.03)


def test_csv_logger_writes_and_appends(tmp_path):
    path = tmp_path / "log.csv"
    run_epochs([cb.CSVLogger(str(path))], FakeModel(), [0.5, 0.25])
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["epoch", "loss", "val_loss"]
    assert rows[1] == ["0", "0.5", "0.5"] and rows[2] == ["1", "0.25", "0.25"]
    run_epochs([cb.CSVLogger(str(path), append=True)], FakeModel(), [0.125])
    rows = list(csv.reader(path.open()))
    assert len(rows) == 4 and rows[3] == ["0", "0.125", "0.125"]  # no second header
    run_epochs([cb.CSVLogger(str(path), separator=";")], FakeModel(), [1.0])
    assert path.read_text().splitlines()[0] == "epoch;loss;val_loss"


def test_progbar_verbose_levels(capsys):
    # Keras 3's layout (written to sys.stdout): verbose=1 redraws one line with escape codes and
    # backspaces, verbose=2 prints one line per epoch; "Epoch i/n" only with several epochs
    for verbose in (0, 1, 2):
        p = cb.ProgbarLogger()
        cbl = cb.CallbackList([p], model=FakeModel(), verbose=verbose, epochs=2, steps=3)
        cbl.on_train_begin()
        for e in range(2):
            cbl.on_epoch_begin(e)
            for b in range(3):
                cbl.on_train_batch_end(b, {"loss": 0.5})
            cbl.on_epoch_end(e, {"loss": 0.5, "val_loss": 0.25})
        out = capsys.readouterr().out
        if verbose == 0:
            assert out == ""
            continue
        lines = out.split("\n")
        assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2" and lines[4] == ""
        last = lines[1].split("\r")[-1] if verbose == 1 else lines[1]
        if verbose == 2:
            assert last.startswith("3/3 - 0s - ") and last.endswith("/step - loss: 0.5000 - val_loss: 0.2500")
        else:
            assert last.startswith("\x1b[1m3/3\x1b[0m \x1b[32m" + "━" * 20 + "\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m ")
            assert "/step - loss: 0.5000 - val_loss: 0.2500" in last


def test_lambda_and_terminate_on_nan():
    seen = []
    lam = cb.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append((epoch, logs["loss"])))
    m = FakeModel()
    run_epochs([lam, cb.TerminateOnNaN()], m, [1.0, float("nan"), 3.0])
    assert seen[0] == (0, 1.0) and len(seen) == 2 and m.stop_training
