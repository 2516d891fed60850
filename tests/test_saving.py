"""save_weights / load_weights: round trip, atomic writes, clear errors."""

from __future__ import annotations

import os

import numpy as np
import pytest

from tapeflow import keras
from tapeflow.keras import layers, saving


def make_model(units=4):
    inp = keras.Input(shape=(3,))
    x = layers.Dense(units, activation="relu")(inp)
    x = layers.BatchNormalization()(x)
    return keras.Model(inp, layers.Dense(2)(x))


def test_round_trip_restores_every_weight(tmp_path):
    src = make_model()
    src(np.ones((4, 3), "float32"), training=True)  # moves the BN statistics away from their init
    path = tmp_path / "model.weights.npz"
    src.save_weights(str(path))
    dst = make_model()
    x = np.random.default_rng(0).standard_normal((5, 3)).astype("float32")
    assert not np.allclose(dst(x).numpy(), src(x).numpy())
    dst.load_weights(path)  # a PathLike works too
    for a, b in zip(src.get_weights(), dst.get_weights()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(dst(x).numpy(), src(x).numpy())
    with np.load(path, allow_pickle=False) as data:  # a plain, pickle-free npz
        assert "w0000" in data.files and "dense" in str(data["__names__"][0])


def test_subclassed_and_sequential_round_trip(tmp_path):
    seq = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    seq(np.zeros((1, 2), "float32"))
    p = str(tmp_path / "seq.weights.npz")
    seq.save_weights(p)
    other = keras.Sequential([layers.Dense(3), layers.Dense(1)])
    other.build((None, 2))
    other.load_weights(p)
    for a, b in zip(seq.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_crash_mid_save_keeps_previous_file(tmp_path, monkeypatch):
    model = make_model()
    path = str(tmp_path / "m.weights.npz")
    model.save_weights(path)
    before = open(path, "rb").read()

    def broken(f, arrays):
        f.write(b"partial garbage")
        raise OSError("disk full")

    monkeypatch.setattr(saving, "_write_npz", broken)
    model.get_layer(index=1).set_weights([np.ones((3, 4)), np.ones(4)])
    with pytest.raises(OSError, match="disk full"):
        model.save_weights(path)
    assert open(path, "rb").read() == before
    assert os.listdir(tmp_path) == ["m.weights.npz"]  # no temporary file left behind
    monkeypatch.undo()
    fresh = make_model()
    fresh.load_weights(path)  # the old file still loads


def test_missing_file(tmp_path):
    missing = str(tmp_path / "nope.weights.npz")
    with pytest.raises(FileNotFoundError, match="nope.weights.npz"):
        make_model().load_weights(missing)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        make_model().save_weights(str(tmp_path / "no_dir" / "x.weights.npz"))


def test_mis_shaped_weight_names_weight_and_shapes(tmp_path):
    path = str(tmp_path / "a.weights.npz")
    make_model(units=4).save_weights(path)
    dst = make_model(units=5)
    before = dst.get_weights()
    with pytest.raises(ValueError, match=r"dense.*/kernel.*\(3, 5\).*\(3, 4\)"):
        dst.load_weights(path)
    for a, b in zip(before, dst.get_weights()):  # all or nothing: nothing was assigned
        np.testing.assert_array_equal(a, b)


def test_missing_and_extra_weights(tmp_path):
    small = keras.Sequential([keras.Input((3,)), layers.Dense(2)])
    big = keras.Sequential([keras.Input((3,)), layers.Dense(2), layers.Dense(2)])
    p_small, p_big = str(tmp_path / "s.weights.npz"), str(tmp_path / "b.weights.npz")
    small.save_weights(p_small)
    big.save_weights(p_big)
    with pytest.raises(ValueError, match=r"holds 2 weights.*has 4.*no value for weight 'dense.*/kernel'"):
        big.load_weights(p_small)
    with pytest.raises(ValueError, match="has only 2"):
        small.load_weights(p_big)


def test_bad_files(tmp_path):
    junk = tmp_path / "junk.weights.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a readable"):
        make_model().load_weights(str(junk))
    pickled = tmp_path / "obj.npz"
    np.savez(pickled, w0000=np.array([{"a": 1}], dtype=object), __format__=np.array("tapeflow-weights-v1"))
    with pytest.raises(ValueError):
        make_model().load_weights(str(pickled))
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, x=np.zeros(3))
    with pytest.raises(ValueError, match="not a tapeflow weights file"):
        make_model().load_weights(str(foreign))


def test_h5_without_h5py_and_other_names(tmp_path):
    try:
        import h5py  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="h5py"):
            make_model().save_weights(str(tmp_path / "m.weights.h5"))
    with pytest.raises(ValueError, match=".keras"):
        make_model().save_weights(str(tmp_path / "m.keras"))
    p = str(tmp_path / "m.weights.npz")
    make_model().save_weights(p)
    with pytest.raises(FileExistsError):
        make_model().save_weights(p, overwrite=False)


def test_unbuilt_model_cannot_load(tmp_path):
    p = str(tmp_path / "m.weights.npz")
    make_model().save_weights(p)
    with pytest.raises(ValueError, match="not been built"):
        keras.Sequential([layers.Dense(2)]).load_weights(p)
