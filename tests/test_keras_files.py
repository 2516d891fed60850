"""Keras 3's files, both ways: `.keras` and `.weights.h5` written by Keras 3.15 (tests/fixtures/keras3, made by
tests/fixtures/make_keras3_fixtures.py with TensorFlow in a private venv) load in tapeflow and predict what Keras
predicted; files tapeflow writes have Keras's layout (the same HDF5 tree, the same config classes), so Keras loads
them (checked by hand with the same script, see HACKING.md); and tapeflow's own round trips keep weights and
optimizer state, refuse Lambda bytecode in safe mode, and never leave a half-written file."""

from __future__ import annotations

import json
import os
import sys
import zipfile

import numpy as np
import pytest

h5py = pytest.importorskip("h5py")

import tapeflow as tf  # noqa: E402
from tapeflow import keras  # noqa: E402
from tapeflow.keras import layers  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "fixtures"))
import keras3_models as M  # noqa: E402

FIX = os.path.join(os.path.dirname(__file__), "fixtures", "keras3")
M.custom_classes(keras)  # registers fixtures>Scale and fixtures>TwoTower with tapeflow's keras


def _inputs(name: str) -> tuple:
    d = np.load(os.path.join(FIX, name + ".npz"))
    xs = [d[k] for k in sorted(d.files) if k.startswith("x_")]
    ys = [d[k] for k in sorted(d.files) if k.startswith("y")]
    return (xs if len(xs) > 1 else xs[0]), ys


def _predict(model, x) -> list:
    p = model.predict(x, verbose=0)
    return [np.asarray(v) for v in (p if isinstance(p, (list, tuple)) else [p])]


def _tree(f) -> dict:
    """{dataset path: (shape, dtype)} of an HDF5 weights file."""
    out = {}
    f.visititems(lambda k, v: out.__setitem__(k, (v.shape, str(v.dtype))) if isinstance(v, h5py.Dataset) else None)
    return out


@pytest.mark.parametrize("name", list(M.MODELS))
def test_keras3_file_loads_and_predicts_as_keras(name):
    model = keras.models.load_model(os.path.join(FIX, name + ".keras"))
    x, ys = _inputs(name)
    for p, y in zip(_predict(model, x), ys):
        np.testing.assert_allclose(p, y, rtol=1e-4, atol=1e-5)
    # the optimizer state came back too: every variable equals the file's
    with zipfile.ZipFile(os.path.join(FIX, name + ".keras")) as z:
        import io

        with h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
            stored = f["optimizer/vars"]
            assert len(stored) == len(model.optimizer.variables) > 2
            for i, v in enumerate(model.optimizer.variables):
                np.testing.assert_array_equal(v.numpy(), stored[str(i)][()])
    assert int(model.optimizer.iterations.numpy()) >= 1


@pytest.mark.parametrize("name", list(M.MODELS))
def test_keras3_weights_h5_loads_into_a_tapeflow_model(name):
    keras.utils.set_random_seed(7)
    model, _, _ = M.MODELS[name](keras, layers, np)
    model.load_weights(os.path.join(FIX, name + ".weights.h5"))
    x, ys = _inputs(name)
    for p, y in zip(_predict(model, x), ys):
        np.testing.assert_allclose(p, y, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", list(M.MODELS))
def test_tapeflow_writes_keras3_layout(name, tmp_path):
    keras.utils.set_random_seed(1)
    model, x, _ = M.MODELS[name](keras, layers, np)
    path = str(tmp_path / (name + ".keras"))
    model.save(path)
    model.save_weights(str(tmp_path / "w.weights.h5"))
    with zipfile.ZipFile(path) as mine, zipfile.ZipFile(os.path.join(FIX, name + ".keras")) as theirs:
        assert sorted(mine.namelist()) == sorted(theirs.namelist()) == ["config.json", "metadata.json",
                                                                         "model.weights.h5"]
        import io

        with h5py.File(io.BytesIO(mine.read("model.weights.h5")), "r") as a, \
                h5py.File(io.BytesIO(theirs.read("model.weights.h5")), "r") as b:
            assert _tree(a) == _tree(b)
        cm, ck = json.loads(mine.read("config.json")), json.loads(theirs.read("config.json"))
        assert (cm["module"], cm["class_name"], cm.get("registered_name")) == (
            ck["module"], ck["class_name"], ck.get("registered_name"))
        if "layers" in ck["config"]:
            def classes(cfg):
                # (Keras also records the ops that make masks, e.g. NotEqual for Embedding(mask_zero=True),
                # Any for Masking, as graph nodes: tapeflow computes masks inside the layers)
                return [(e["module"], e["class_name"]) for e in cfg["config"]["layers"]
                        if e["class_name"] not in ("NotEqual", "Any")]
            assert classes(cm) == classes(ck)
        assert cm["compile_config"]["optimizer"]["class_name"] == ck["compile_config"]["optimizer"]["class_name"]
        assert set(json.loads(mine.read("metadata.json"))) >= {"keras_version", "date_saved"}
    with h5py.File(str(tmp_path / "w.weights.h5"), "r") as a, \
            h5py.File(os.path.join(FIX, name + ".weights.h5"), "r") as b:
        assert _tree(a) == _tree(b)


@pytest.mark.parametrize("name", ["seq_mlp", "func_multi", "subclassed"])
def test_round_trip_keeps_weights_and_optimizer_state(name, tmp_path):
    keras.utils.set_random_seed(3)
    model, x, y = M.MODELS[name](keras, layers, np)
    path = str(tmp_path / "m.keras")
    model.save(path)
    again = keras.models.load_model(path)
    for a, b in zip(_predict(model, x), _predict(again, x)):
        np.testing.assert_array_equal(a, b)
    assert [v.shape for v in again.optimizer.variables] == [v.shape for v in model.optimizer.variables]
    for a, b in zip(again.optimizer.variables, model.optimizer.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    # one more step from the same state (and the same dropout masks) gives the same weights
    for m in (model, again):
        keras.utils.set_random_seed(5)
        m.fit(x, y, batch_size=16, epochs=1, verbose=0, shuffle=False)
    for a, b in zip(model.weights, again.weights):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-6, atol=1e-7)


def test_weights_npz_still_round_trips(tmp_path):
    model, x, _ = M.seq_mlp(keras, layers, np)
    path = str(tmp_path / "w.weights.npz")
    model.save_weights(path)
    twin, _, _ = M.seq_mlp(keras, layers, np)
    twin.load_weights(path)
    np.testing.assert_array_equal(_predict(model, x)[0], _predict(twin, x)[0])


def _lambda_model():
    x = keras.Input((3,))
    y = layers.Lambda(lambda t: t * 2.0 + 1.0)(layers.Dense(2)(x))
    return keras.Model(x, y)


def test_lambda_bytecode_refused_in_safe_mode(tmp_path):
    model = _lambda_model()
    path = str(tmp_path / "lam.keras")
    model.save(path)
    with pytest.raises(ValueError, match="safe_mode=False"):
        keras.models.load_model(path)
    again = keras.models.load_model(path, safe_mode=False)
    x = np.ones((2, 3), "float32")
    np.testing.assert_array_equal(model.predict(x, verbose=0), again.predict(x, verbose=0))


def test_save_is_atomic(tmp_path, monkeypatch):
    from tapeflow.keras import _keras_format as kf

    model, _, _ = M.seq_mlp(keras, layers, np)
    path = str(tmp_path / "m.keras")
    model.save(path)
    before = open(path, "rb").read()

    def broken(out, *args):
        out.write(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kf, "_write_zip", broken)
    with pytest.raises(OSError):
        model.save(path)
    assert open(path, "rb").read() == before
    assert os.listdir(tmp_path) == ["m.keras"]  # no temporary file left behind
    monkeypatch.undo()
    with pytest.raises(OSError):
        model.save_weights(str(tmp_path / "nodir" / "w.weights.h5"))


def test_file_errors(tmp_path):
    model, _, _ = M.seq_mlp(keras, layers, np)
    with pytest.raises(tf.errors.NotFoundError, match="no such file"):
        keras.models.load_model(str(tmp_path / "missing.keras"))
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a zip archive"):
        keras.models.load_model(str(bad))
    part = tmp_path / "part.keras"
    with zipfile.ZipFile(part, "w") as z:
        z.writestr("metadata.json", "{}")
    with pytest.raises(ValueError, match="no config.json"):
        keras.models.load_model(str(part))
    with pytest.raises(ValueError, match="legacy Keras 2 HDF5"):
        model.save(str(tmp_path / "m.h5"))
    with pytest.raises(ValueError, match="extension"):
        model.save(str(tmp_path / "m"))
    with pytest.raises(ValueError, match="File format not supported"):
        keras.models.load_model(str(tmp_path / "m.pb"))


def test_mismatched_weights_change_nothing(tmp_path):
    big = keras.Sequential([keras.Input((6,)), layers.Dense(8), layers.Dense(3)])
    path = str(tmp_path / "big.weights.h5")
    big.save_weights(path)
    small = keras.Sequential([keras.Input((6,)), layers.Dense(8), layers.Dense(2)])
    before = [w.numpy().copy() for w in small.weights]
    with pytest.raises(ValueError, match=r"variable.shape=\(8, 2\).*value.shape=\(8, 3\)"):
        small.load_weights(path)
    for w, b in zip(small.weights, before):
        np.testing.assert_array_equal(w.numpy(), b)  # all or nothing: the first layer was not assigned either
    short = keras.Sequential([keras.Input((6,)), layers.Dense(8)])
    other = str(tmp_path / "short.weights.h5")
    short.save_weights(other)
    with pytest.raises(ValueError, match="expected 2 variables, but received 0"):
        big.load_weights(other)
    with pytest.warns(UserWarning, match="Skipping"):
        small.load_weights(path, skip_mismatch=True)


def test_lookup_vocabularies_travel_as_keras_assets(tmp_path):
    sl = layers.StringLookup()
    sl.adapt(np.array(["a", "b", "b", "c"]))
    il = layers.IntegerLookup()
    il.adapt(np.array([3, 3, 5, 7]))
    tv = layers.TextVectorization(max_tokens=10, output_sequence_length=4)
    tv.adapt(np.array(["the cat sat", "the dog"]))
    i1, i2, i3 = keras.Input((1,), dtype="string"), keras.Input((), dtype="string"), keras.Input((1,), dtype="int64")
    model = keras.Model([i1, i2, i3], [sl(i1), tv(i2), il(i3)])
    path = str(tmp_path / "lookups.keras")
    model.save(path)
    with zipfile.ZipFile(path) as z:  # the entries Keras 3.15 writes for this model
        assert sorted(n for n in z.namelist() if n.startswith("assets/")) == [
            "assets/layers/integer_lookup/vocabulary.txt", "assets/layers/string_lookup/vocabulary.txt",
            "assets/layers/text_vectorization/_lookup_layer/vocabulary.txt",
            "assets/layers/text_vectorization/vocabulary.txt"]
        assert z.read("assets/layers/string_lookup/vocabulary.txt") == b"[UNK]\nb\nc\na"
    again = keras.models.load_model(path)
    data = [np.array([["a"], ["c"], ["z"]]), np.array(["the dog sat", "cat", "new words"]), np.array([[3], [7], [9]])]
    for a, b in zip(model.predict(data, verbose=0), again.predict(data, verbose=0)):
        np.testing.assert_array_equal(a, b)
    tv2 = next(lay for lay in again.layers if type(lay).__name__ == "TextVectorization")
    assert [str(v) for v in tv2.get_vocabulary()] == ["", "[UNK]", "the", "sat", "dog", "cat"]
