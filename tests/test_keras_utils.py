"""keras.utils and keras.backend: data helpers, Progbar's text, get_file on local files, image I/O,
directory datasets, serialization and the backend settings, against what Keras 3.15 printed."""

from __future__ import annotations

import io
import os
import sys
import tarfile
import zipfile

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import utils
from tapeflow.keras.utils import progbar as progbar_mod

PIL = pytest.importorskip("PIL.Image")

# Keras 3.15's Progbar output for the steps of `test_progbar_text` (a fake clock)
PROGBAR = {
    'bar': '\r\x1b[1m1/5\x1b[0m \x1b[32m━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m2s\x1b[0m 500ms/step - loss: 0.5000\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\r\x1b[1m3/5\x1b[0m \x1b[32m━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 250ms/step - loss: 0.3333\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\r\x1b[1m5/5\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m3s\x1b[0m 625ms/step - loss: 0.1250\n',
    'verbose2': '3/3 - 0s - 2ms/step - x: 2.0000e-04\n',
    'unknown': '\r      3/Unknown \x1b[1m2s\x1b[0m 500ms/step - loss: 1.0000e-04\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\r      5/Unknown \x1b[1m3s\x1b[0m 600ms/step - loss: 1.0000e-04\n',
    'stateful': '\r\x1b[1m 4/10\x1b[0m \x1b[32m━━━━\x1b[0m\x1b[37m━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 25ms/sample - acc: 0.5000 - loss: 2.0000\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\r\x1b[1m10/10\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m 30ms/sample - acc: 0.7000 - loss: 1.0000\n',
    'eta': '\r\x1b[1m   1/1000\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m19:25:30\x1b[0m 70s/step\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\r\x1b[1m   2/1000\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m16:38\x1b[0m 1s/step    \x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\r\x1b[1m   3/1000\x1b[0m \x1b[37m━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[1m554:01:38\x1b[0m 2001s/step',
}



class _Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def time(self) -> float:
        return self.t


def _run_bar(monkeypatch, clock, make, steps):
    monkeypatch.setattr(progbar_mod, "time", clock)
    buf = io.StringIO()
    monkeypatch.setattr(sys, "stdout", buf)
    bar = make()
    for dt, args, kw in steps:
        clock.t += dt
        if args[0] == "add":
            bar.add(*args[1:], **kw)
        else:
            bar.update(*args, **kw)
    monkeypatch.setattr(sys, "stdout", sys.__stdout__)
    return buf.getvalue()


def test_progbar_text(monkeypatch):
    cases = {
        "bar": (lambda: utils.Progbar(5), [(0.5, (1, [("loss", 0.5)]), {}), (0.5, (3, [("loss", 0.25)]), {}),
                                           (2.0, (5, [("loss", 0.125)]), {})]),
        "verbose2": (lambda: utils.Progbar(3, verbose=2), [(0.002, (1, [("x", 1.0)]), {}),
                                                           (0.004, (3, [("x", 2e-4)]), {})]),
        "unknown": (lambda: utils.Progbar(None), [(1.5, (3, [("loss", 1e-4)]), {}), (1.5, (5,), {"finalize": True})]),
        "stateful": (lambda: utils.Progbar(10, width=10, stateful_metrics=["acc"], unit_name="sample"),
                     [(0.1, ("add", 4, [("acc", 0.5), ("loss", 2.0)]), {}),
                      (0.2, ("add", 6, [("acc", 0.7), ("loss", 1.0)]), {})]),
        "eta": (lambda: utils.Progbar(1000), [(70.0, (1,), {}), (1.0, (2,), {}), (4000.0, (3,), {})]),
    }
    clock = _Clock()  # one clock for all cases, as when Keras printed them
    for key, (make, steps) in cases.items():
        assert _run_bar(monkeypatch, clock, make, steps) == PROGBAR[key], key
    with pytest.raises(ValueError, match="Only one of `stateful_metrics` or `stateless_metrics`"):
        utils.Progbar(3, stateful_metrics=["a"], stateless_metrics=["b"])


def test_interactive_logging_switch(capsys, caplog):
    utils.disable_interactive_logging()
    try:
        assert not utils.is_interactive_logging_enabled()
        with caplog.at_level("INFO"):
            utils.Progbar(1, verbose=2).update(1)
        assert capsys.readouterr().out == "" and "1/1" in caplog.text
    finally:
        utils.enable_interactive_logging()
    assert utils.is_interactive_logging_enabled()


def test_to_categorical_and_normalize():
    out = utils.to_categorical(np.array([[0, 1], [2, 0]]))
    assert out.dtype == np.float64 and out.tolist() == [[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
                                                        [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]]
    t = utils.to_categorical(tf.constant([[1], [0]]), 3)
    assert t.dtype == tf.float32 and t.numpy().tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    with pytest.raises(IndexError, match="out of bounds"):
        utils.to_categorical([3], 2)
    with pytest.raises(IndexError, match="out of bounds"):
        utils.to_categorical([-1], 2)
    assert utils.normalize(np.array([[3.0, 4.0], [1.0, 1.0]]), axis=0, order=1).tolist() == [[0.75, 1.0], [0.2, 0.2]]
    n = utils.normalize(tf.constant([[3.0, 4.0], [0.0, 0.0]]))
    assert n.numpy().tolist() == [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]


def test_pad_sequences_as_keras():
    assert utils.pad_sequences([[1, 2, 3], [4, 5], [6]]).tolist() == [[1, 2, 3], [0, 4, 5], [0, 0, 6]]
    out = utils.pad_sequences([[1, 2, 3], [4, 5], [6]], maxlen=2, padding="post", truncating="post", value=-1)
    assert out.dtype == np.int32 and out.tolist() == [[1, 2], [4, 5], [6, -1]]
    assert utils.pad_sequences([[1.5, 2], [3]], dtype="float32").tolist() == [[1.5, 2.0], [0.0, 3.0]]
    assert utils.pad_sequences([[], [1]]).tolist() == [[0], [1]]
    assert utils.pad_sequences([["a", "b"], ["c"]], dtype=object, value="x").tolist() == [["a", "b"], ["x", "c"]]
    assert utils.pad_sequences([[[1, 2], [3, 4]], [[5, 6]]]).tolist() == [[[1, 2], [3, 4]], [[0, 0], [5, 6]]]
    with pytest.raises(ValueError, match="`dtype` int32 is not compatible with `value`'s type"):
        utils.pad_sequences([["a"]], value="x")
    with pytest.raises(ValueError, match='Padding type "mid" not understood'):
        utils.pad_sequences([[1]], padding="mid")
    with pytest.raises(ValueError, match='Truncating type "mid" not understood'):
        utils.pad_sequences([[1, 2]], maxlen=1, truncating="mid")
    with pytest.raises(ValueError, match="must be a list of iterables"):
        utils.pad_sequences([1, 2])


def test_pack_unpack_config_seed():
    assert utils.unpack_x_y_sample_weight((1, 2)) == (1, 2, None)
    assert utils.unpack_x_y_sample_weight([1, 2, 3]) == (1, 2, 3)
    assert utils.unpack_x_y_sample_weight((1,)) == (1, None, None)
    with pytest.raises(ValueError, match="Data is expected to be in format"):
        utils.unpack_x_y_sample_weight((1, 2, 3, 4))
    assert utils.pack_x_y_sample_weight((1, 2)) == ((1, 2),) and utils.pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)
    c = utils.Config(alpha=1)
    c.b = 2
    c.freeze()
    with pytest.raises(ValueError, match="frozen"):
        c.c = 3
    with pytest.raises(AttributeError, match="Did you mean 'alpha'"):
        _ = c.alpah
    assert c.as_dict() == {"alpha": 1, "b": 2} and repr(c) == "<Config {'alpha': 1, 'b': 2}>"
    utils.set_random_seed(3)
    a = (np.random.rand(), float(tf.random.uniform(())))
    utils.set_random_seed(3)
    assert a == (np.random.rand(), float(tf.random.uniform(())))
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer"):
        utils.set_random_seed(1.5)


def _archive(tmp_path, kind):
    src = tmp_path / "payload"
    src.mkdir()
    (src / "a.txt").write_text("alpha")
    path = tmp_path / ("data.tar.gz" if kind == "tar" else "data.zip")
    if kind == "tar":
        with tarfile.open(path, "w:gz") as t:
            t.add(src / "a.txt", arcname="inner/a.txt")
    else:
        with zipfile.ZipFile(path, "w") as z:
            z.write(src / "a.txt", arcname="inner/a.txt")
    return path


def test_get_file_local(tmp_path, capsys):
    src = tmp_path / "hello.txt"
    src.write_text("hello world")
    cache = tmp_path / "cache"
    cache.mkdir()  # Keras falls back to /tmp/.keras when the cache directory is not writable (or absent)
    path = utils.get_file("h.txt", origin=src.as_uri(), cache_dir=str(cache))
    assert path == str(cache / "datasets" / "h.txt") and open(path).read() == "hello world"
    assert capsys.readouterr().out.startswith(f"Downloading data from {src.as_uri()}\n")
    # cached: no second download; a matching sha256 is accepted
    import hashlib

    digest = hashlib.sha256(b"hello world").hexdigest()
    assert utils.get_file("h.txt", origin="file:///nonexistent", cache_dir=str(cache), file_hash=digest) == path
    assert capsys.readouterr().out == ""
    with pytest.raises(ValueError, match="Incomplete or corrupted file detected"):
        utils.get_file("h2.txt", origin=src.as_uri(), cache_dir=str(cache), file_hash="0" * 64)
    with pytest.raises(Exception, match="URL fetch failure on file:///no/such/file"):
        utils.get_file("x.txt", origin="file:///no/such/file", cache_dir=str(cache))
    with pytest.raises(ValueError, match="Paths are no longer accepted"):
        utils.get_file("a/b.txt", origin=src.as_uri(), cache_dir=str(cache))
    for kind in ("tar", "zip"):
        arch = _archive(tmp_path / kind, kind) if (tmp_path / kind).mkdir() is None else None
        out = utils.get_file(arch.name, origin=arch.as_uri(), cache_dir=str(cache), extract=True)
        assert out == str(cache / "datasets" / "data_extracted")
        assert open(os.path.join(out, "inner", "a.txt")).read() == "alpha"


def test_image_io(tmp_path):
    img = utils.array_to_img(np.array([[[0.0], [0.5]], [[1.0], [0.25]]]))
    assert np.asarray(img).tolist() == [[0, 127], [255, 63]]  # Keras 3.15
    arr = utils.img_to_array(img)
    assert arr.shape == (2, 2, 1) and arr.dtype == np.float32
    assert utils.img_to_array(img, data_format="channels_first").shape == (1, 2, 2)
    rgb = (np.arange(5 * 7 * 3).reshape(5, 7, 3) * 3 + 100) % 256
    path = tmp_path / "x.png"
    utils.save_img(str(path), rgb, scale=False)
    back = utils.img_to_array(utils.load_img(str(path)))
    assert back.tolist() == rgb.astype(np.float32).tolist()
    small = utils.img_to_array(utils.load_img(str(path), target_size=(3, 4), keep_aspect_ratio=True))
    assert small[:, :, 1].tolist() == [[103.0, 121.0, 130.0, 148.0], [229.0, 247.0, 0.0, 18.0],
                                       [99.0, 117.0, 126.0, 144.0]]  # Keras 3.15
    gray = utils.img_to_array(utils.load_img(str(path), color_mode="grayscale", target_size=(2, 3),
                                             interpolation="bilinear"))
    assert gray[:, :, 0].tolist() == [[161.0, 147.0, 141.0], [113.0, 98.0, 93.0]]
    with pytest.raises(ValueError, match="Expected image array to have rank 3"):
        utils.array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match='color_mode must be "grayscale", "rgb", or "rgba"'):
        utils.load_img(str(path), color_mode="cmyk")


def _make_dirs(root):
    img_dir, txt_dir = os.path.join(root, "img"), os.path.join(root, "txt")
    for c in ("cat", "dog"):
        os.makedirs(os.path.join(img_dir, c))
        os.makedirs(os.path.join(txt_dir, c))
    for i in range(3):
        for c, off in (("cat", 0), ("dog", 100)):
            a = ((np.arange(5 * 7 * 3).reshape(5, 7, 3) * (i + 1) + off) % 256).astype(np.uint8)
            PIL.fromarray(a).save(os.path.join(img_dir, c, f"im{i}.png"))
            with open(os.path.join(txt_dir, c, f"t{i}.txt"), "w") as f:
                f.write(f"{c} text number {i} " + "x" * i)
    return img_dir, txt_dir


def test_directory_datasets_as_keras(tmp_path, capsys):
    img_dir, txt_dir = _make_dirs(str(tmp_path))
    ds = utils.image_dataset_from_directory(img_dir, image_size=(3, 4), shuffle=False, batch_size=4)
    x, y = next(iter(ds))
    assert x.dtype == tf.float32 and tuple(x.shape) == (4, 3, 4, 3)
    assert np.round(x.numpy()[0, :, :, 0], 4).tolist() == [[8.125, 13.375, 18.625, 23.875],
                                                           [43.125, 48.375, 53.625, 58.875],
                                                           [78.125, 83.375, 88.625, 93.875]]
    assert y.numpy().tolist() == [0, 0, 0, 1] and ds.class_names == ["cat", "dog"]
    ds = utils.image_dataset_from_directory(img_dir, image_size=(4, 4), shuffle=False, batch_size=6,
                                            color_mode="grayscale", label_mode="categorical",
                                            crop_to_aspect_ratio=True)
    x, y = next(iter(ds))
    assert np.round(x.numpy()[1, :, :, 0], 3).tolist() == [[13.0, 20.5, 28.0, 35.5], [65.5, 73.0, 80.5, 88.0],
                                                           [118.0, 125.5, 133.0, 140.5], [170.5, 178.0, 185.5, 193.0]]
    assert y.numpy().tolist() == [[1.0, 0.0]] * 3 + [[0.0, 1.0]] * 3
    tr, va = utils.image_dataset_from_directory(img_dir, image_size=(3, 4), seed=7, validation_split=0.34,
                                                subset="both")
    rel = lambda paths: [os.path.relpath(p, img_dir) for p in paths]  # noqa: E731
    assert rel(tr.file_paths) == ["dog/im0.png", "dog/im2.png", "cat/im0.png", "cat/im2.png"]
    assert rel(va.file_paths) == ["cat/im1.png", "dog/im1.png"]
    t = utils.text_dataset_from_directory(txt_dir, shuffle=False, batch_size=4, max_length=12, label_mode="binary")
    x, y = next(iter(t))
    assert x.numpy().tolist() == [b"cat text num"] * 3 + [b"dog text num"]
    assert y.numpy().tolist() == [[0.0], [0.0], [0.0], [1.0]]
    assert capsys.readouterr().out == (
        "Found 6 files belonging to 2 classes.\n" * 3 + "Using 4 files for training.\nUsing 2 files for "
        "validation.\nFound 6 files belonging to 2 classes.\n")
    with pytest.raises(ValueError, match="you must provide a `seed` argument"):
        utils.image_dataset_from_directory(img_dir, validation_split=0.2, subset="training")
    with pytest.raises(ValueError, match="there must be exactly 2 class_names"):
        utils.text_dataset_from_directory(txt_dir, label_mode="binary", class_names=["cat"])


def test_timeseries_and_split_dataset():
    s = utils.timeseries_dataset_from_array(np.arange(20), np.arange(20) * 10, sequence_length=4, sequence_stride=3,
                                            sampling_rate=2, batch_size=2, start_index=1, end_index=18)
    assert [(a.numpy().tolist(), b.numpy().tolist()) for a, b in s] == [
        ([[1, 3, 5, 7], [4, 6, 8, 10]], [10, 40]), ([[7, 9, 11, 13], [10, 12, 14, 16]], [70, 100])]  # Keras 3.15
    with pytest.raises(ValueError, match="`sampling_rate` must be higher than 0"):
        utils.timeseries_dataset_from_array(np.arange(5), None, 2, sampling_rate=0)
    left, right = utils.split_dataset((np.arange(10), np.arange(10) * 2), left_size=0.3, shuffle=True, seed=5)
    assert [tuple(int(v) for v in e) for e in left.as_numpy_iterator()] == [(2, 4), (3, 6), (1, 2)]
    assert [tuple(int(v) for v in e) for e in right.as_numpy_iterator()] == [
        (0, 0), (8, 16), (7, 14), (6, 12), (5, 10), (4, 8), (9, 18)]
    a, b = utils.split_dataset(tf.data.Dataset.range(6).batch(4), right_size=2)
    assert [x.tolist() for x in a.as_numpy_iterator()] == [[0, 1, 2, 3]]
    assert [x.tolist() for x in b.as_numpy_iterator()] == [[4, 5]]
    with pytest.raises(ValueError, match="At least one of the `left_size` or `right_size` must be specified"):
        utils.split_dataset(np.arange(3))


def test_serialization_registry_and_scopes():
    @utils.register_keras_serializable(package="tests")
    class Scale:
        def __init__(self, k=1.0):
            self.k = k

        def get_config(self):
            return {"k": self.k}

        @classmethod
        def from_config(cls, config):
            return cls(**config)

    cfg = utils.serialize_keras_object(Scale(2.0))
    assert cfg["class_name"] == "Scale" and cfg["config"] == {"k": 2.0} and cfg["registered_name"] == "tests>Scale"
    assert utils.get_registered_name(Scale) == "tests>Scale" and utils.get_registered_object("tests>Scale") is Scale
    assert utils.deserialize_keras_object(cfg).k == 2.0
    assert "tests>Scale" in utils.get_custom_objects()

    class Local:
        def get_config(self):
            return {}

        @classmethod
        def from_config(cls, config):
            return cls()

    lcfg = {"module": None, "class_name": "Local", "config": {}, "registered_name": "Local"}
    with pytest.raises(TypeError, match="Could not locate class 'Local'"):
        utils.deserialize_keras_object(lcfg)
    with utils.custom_object_scope({"Local": Local}):
        assert isinstance(utils.deserialize_keras_object(lcfg), Local)
    assert isinstance(utils.deserialize_keras_object(lcfg, custom_objects={"Local": Local}), Local)
    assert utils.serialize_keras_object(np.array([1.0, 2.0])) == {"class_name": "__numpy__",
                                                                  "config": {"value": [1.0, 2.0], "dtype": "float64"}}
    assert utils.serialize_keras_object(np.float32(1.5)) == 1.5
    assert utils.serialize_keras_object([1, (2, "a"), {"k": None}]) == [1, (2, "a"), {"k": None}]
    built = utils.deserialize_keras_object({"module": "keras.optimizers", "class_name": "Nadam",
                                            "config": {"learning_rate": 0.5}, "registered_name": None})
    assert type(built).__name__ == "Nadam"
    assert utils.deserialize_keras_object({"module": "builtins", "class_name": "function", "config": "relu",
                                           "registered_name": "function"}) is keras.activations.relu


def test_backend_settings_and_helpers():
    K = keras.backend
    assert (K.floatx(), K.epsilon(), K.image_data_format(), K.backend()) == ("float32", 1e-07, "channels_last",
                                                                             "tensorflow")
    with pytest.raises(ValueError, match="Unknown `floatx` value: int32"):
        K.set_floatx("int32")
    with pytest.raises(ValueError, match="The `data_format` argument must be one of"):
        K.set_image_data_format("nchw")
    K.set_floatx("float64")
    try:
        assert K.floatx() == "float64" and K.cast_to_floatx([1]).dtype == np.float64
    finally:
        K.set_floatx("float32")
    K.set_epsilon(1e-3)
    try:
        assert float(keras.losses.mean_absolute_percentage_error([[0.0]], [[1.0]])[0]) == pytest.approx(100000.0)
    finally:
        K.set_epsilon(1e-7)
    prefix = "backend_test_uid"
    assert (K.get_uid(prefix), K.get_uid(prefix)) == (1, 2)
    assert K.is_keras_tensor(keras.Input((3,))) and not K.is_keras_tensor(tf.constant(1.0))
    assert (K.is_float_dtype("float16"), K.is_int_dtype("uint8"), K.is_int_dtype(float)) == (True, True, False)
    assert K.standardize_dtype(int) == "int64" and K.result_type("int32", "float32") == "float32"
    assert utils.clear_session is K.clear_session and utils.is_keras_tensor is K.is_keras_tensor


def test_backend_legacy_functions():
    K = keras.backend
    assert float(K.mean(tf.constant([True, False]))) == 0.5
    assert K.sum(tf.constant([[1, 2], [3, 4]]), axis=1).numpy().tolist() == [3, 7]
    assert K.int_shape(tf.zeros((2, 3))) == (2, 3) and K.ndim(tf.zeros((2, 3))) == 2
    assert K.clip(tf.constant([1.0, 5.0]), 2, 1).numpy().tolist() == [2.0, 2.0]
    assert K.sqrt(tf.constant([-1.0, 4.0])).numpy().tolist() == [0.0, 2.0]
    v = K.variable([1.0, 2.0])
    assert repr(v) == "<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>"
    K.set_value(v, [3, 4])
    assert K.get_value(v).tolist() == [3.0, 4.0] and K.eval(K.update_add(v, [1.0, 1.0])).tolist() == [4.0, 5.0]
    assert K.zeros((2,)).numpy().tolist() == [0.0, 0.0] and K.ones((2,), dtype="int32").dtype == tf.int32
    assert K.constant([1, 2]).dtype == tf.float32 and K.arange(-3).numpy().tolist() == []
    assert K.count_params(tf.zeros((2, 3))) == 6 and K.dtype(tf.zeros(2)) == "float32"
    np.testing.assert_allclose(K.softmax(tf.constant([[1.0, 2.0]])).numpy(), [[0.26894143, 0.73105854]], rtol=1e-6)
    assert K.repeat_elements(tf.constant([[1, 2]]), 2, 1).numpy().tolist() == [[1, 1, 2, 2]]
    assert K.repeat(tf.constant([[1, 2]]), 2).numpy().tolist() == [[[1, 2], [1, 2]]]
    assert K.batch_flatten(tf.zeros((2, 3, 4))).shape == (2, 12) and K.flatten(tf.zeros((2, 3))).shape == (6,)
    assert K.batch_dot(tf.ones((2, 3)), tf.ones((2, 3))).numpy().tolist() == [[3.0], [3.0]]
    assert K.batch_dot(tf.ones((2, 3, 4)), tf.ones((2, 4, 5))).shape == (2, 3, 5)
    assert K.dot(tf.ones((2, 3, 4)), tf.ones((5, 4, 6))).shape == (2, 3, 5, 6)
    assert int(K.switch(tf.constant(True), tf.constant(1), tf.constant(2))) == 1
    assert K.switch(tf.constant([True, False]), tf.constant([1, 1]), tf.constant([2, 2])).numpy().tolist() == [1, 2]
    np.testing.assert_allclose(K.relu(tf.constant([-1.0, 2.0, 8.0]), alpha=0.1, max_value=6.0).numpy(),
                               [-0.1, 2.0, 6.0], rtol=1e-6)
    np.testing.assert_allclose(K.hard_sigmoid(tf.constant([0.0, 3.0])).numpy(), [0.5, 1.0])
    np.testing.assert_allclose(K.elu(tf.constant([-1.0, 1.0]), 0.5).numpy(), [-0.31606027, 1.0], rtol=1e-6)
    np.testing.assert_allclose(K.binary_crossentropy(tf.constant([1.0, 0.0]), tf.constant([0.9, 0.2])).numpy(),
                               [0.10536041, 0.22314338], rtol=1e-6)
    np.testing.assert_allclose(K.categorical_crossentropy(tf.constant([[0.0, 1.0]]), tf.constant([[0.3, 0.7]])).numpy(),
                               [0.35667497], rtol=1e-6)
    assert K.temporal_padding(tf.ones((1, 2, 1))).shape == (1, 4, 1)
    assert K.spatial_2d_padding(tf.ones((1, 2, 2, 1))).shape == (1, 4, 4, 1)
    np.testing.assert_allclose([float(K.std(tf.constant([1.0, 2.0, 3.0]))), float(K.var(tf.constant([1.0, 2.0, 3.0])))],
                               [0.8164966, 0.6666667], rtol=1e-6)
    assert float(K.moving_average_update(K.variable(1.0), 2.0, 0.9)) == pytest.approx(1.1)
    assert K.in_top_k(tf.constant([[0.1, 0.9]]), tf.constant([1]), 1).numpy().tolist() == [True]
    assert K.bias_add(tf.ones((1, 2)), tf.constant([1.0, 2.0])).numpy().tolist() == [[2.0, 3.0]]
    assert K.reverse(tf.constant([1, 2, 3]), 0).numpy().tolist() == [3, 2, 1]
    assert K.concatenate([tf.ones((1, 2)), tf.ones((1, 2))]).shape == (1, 4)
    assert K.gather(tf.constant([5, 6, 7]), [0, 2]).numpy().tolist() == [5, 7]
    assert not K.is_sparse(tf.zeros(1)) and K.shape(tf.zeros((2, 3))).numpy().tolist() == [2, 3]
