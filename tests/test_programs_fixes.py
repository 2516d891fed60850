"""The tapeflow fixes that the TF tutorial programs of tests/test_programs.py needed (text_generation,
regression, overfit_and_underfit, text_classification, data_augmentation, custom_layers,
customization/basics): each checked against what TF 2.21 / Keras 3.15 printed for the same calls."""

from __future__ import annotations

import gzip
import zlib

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.errors import InvalidArgumentError, NotFoundError

# --- Dataset reprs name TF's dataset classes -------------------------------------------------------------------


def test_dataset_repr_uses_tf_class_names():
    d = tf.data.Dataset.range(10)
    spec = "TensorSpec(shape=(), dtype=tf.int64, name=None)"
    cases = {
        "_RangeDataset": d, "_TensorSliceDataset": tf.data.Dataset.from_tensor_slices(np.arange(10)),
        "_MapDataset": d.map(lambda x: x), "_ParallelMapDataset": d.map(lambda x: x, num_parallel_calls=2),
        "_FilterDataset": d.filter(lambda x: x > 1), "_ShardDataset": d.shard(2, 0),
        "_UnbatchDataset": d.batch(2).unbatch(), "_ShuffleDataset": d.shuffle(3), "_RepeatDataset": d.repeat(),
        "_TakeDataset": d.take(2), "_SkipDataset": d.skip(2), "_PrefetchDataset": d.prefetch(1),
        "CacheDataset": d.cache(), "_ConcatenateDataset": d.concatenate(d),
        "_FlatMapDataset": d.flat_map(lambda x: tf.data.Dataset.from_tensors(x)),
        "_ScanDataset": tf.data.Dataset.counter(),
    }
    for kind, ds in cases.items():
        assert repr(ds) == f"<{kind} element_spec={spec}>", kind
    assert repr(d.batch(2)) == "<_BatchDataset element_spec=TensorSpec(shape=(None,), dtype=tf.int64, name=None)>"
    assert repr(d.batch(2, num_parallel_calls=2)).startswith("<_ParallelBatchDataset ")
    assert repr(tf.data.Dataset.from_tensors(1)).startswith("<_TensorDataset ")
    assert repr(tf.data.Dataset.zip(d, d)).startswith("<_ZipDataset ")
    assert repr(d.enumerate()).startswith("<_ZipDataset ")
    # take(-1) is a new dataset in TF: naming it leaves the source's name alone
    assert repr(d.take(-1)).startswith("<_TakeDataset ") and repr(d).startswith("<_RangeDataset ")
    # the text_generation tutorial's pipeline, as TF printed it
    ds = tf.data.Dataset.from_tensor_slices(np.arange(2000)).batch(101, drop_remainder=True)
    ds = ds.map(lambda s: (s[:-1], s[1:])).shuffle(100).batch(16, drop_remainder=True)
    ds = ds.prefetch(tf.data.experimental.AUTOTUNE)
    assert repr(ds) == ("<_PrefetchDataset element_spec=(TensorSpec(shape=(16, 100), dtype=tf.int64, name=None), "
                        "TensorSpec(shape=(16, 100), dtype=tf.int64, name=None))>")


def test_padded_batch_element_spec_is_static():
    d = tf.data.Dataset.range(10)
    assert repr(d.padded_batch(2)) == \
        "<_PaddedBatchDataset element_spec=TensorSpec(shape=(None,), dtype=tf.int64, name=None)>"
    assert d.padded_batch(2, drop_remainder=True).element_spec.shape.as_list() == [2]
    g = tf.data.Dataset.from_generator(lambda: iter([[1], [2, 2]]),
                                       output_signature=tf.TensorSpec([None], tf.int32))
    assert g.padded_batch(2).element_spec.shape.as_list() == [None, None]
    assert g.padded_batch(2, padded_shapes=[5]).element_spec.shape.as_list() == [None, 5]
    assert [b.numpy().tolist() for b in g.padded_batch(2, padded_shapes=[3])] == [[[1, 0, 0], [2, 2, 0]]]


# --- TextLineDataset, CsvDataset, Counter ------------------------------------------------------------------------


def test_text_line_dataset(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes(b"x\r\ny\n\nz")
    ds = tf.data.TextLineDataset(str(a))
    assert repr(ds) == "<TextLineDatasetV2 element_spec=TensorSpec(shape=(), dtype=tf.string, name=None)>"
    assert list(ds.as_numpy_iterator()) == [b"x", b"y", b"", b"z"]
    assert int(ds.cardinality()) == -2
    (tmp_path / "b.gz").write_bytes(gzip.compress(b"p\nq\n"))
    (tmp_path / "b.z").write_bytes(zlib.compress(b"p\nq\n"))
    assert list(tf.data.TextLineDataset([str(tmp_path / "b.gz")], compression_type="GZIP").as_numpy_iterator()) \
        == [b"p", b"q"]
    assert list(tf.data.TextLineDataset(str(tmp_path / "b.z"), compression_type="ZLIB").as_numpy_iterator()) \
        == [b"p", b"q"]
    both = tf.data.TextLineDataset(tf.constant([str(a), str(a)]))
    assert len(list(both.as_numpy_iterator())) == 8
    from_ds = tf.data.TextLineDataset(tf.data.Dataset.from_tensor_slices([str(a)]))
    assert list(from_ds.as_numpy_iterator()) == [b"x", b"y", b"", b"z"]
    # the customization/basics tutorial's file: a last line of two spaces, no newline
    c = tmp_path / "c.txt"
    c.write_text("Line 1\nLine 2\nLine 3\n  ")
    batches = [b.numpy().tolist() for b in tf.data.TextLineDataset(str(c)).batch(2)]
    assert batches == [[b"Line 1", b"Line 2"], [b"Line 3", b"  "]]
    with pytest.raises(NotFoundError, match="No such file"):
        list(tf.data.TextLineDataset(str(tmp_path / "missing.txt")))
    with pytest.raises(InvalidArgumentError, match="compression_type"):
        tf.data.TextLineDataset(str(a), compression_type="BZ2")


def test_csv_dataset_types_defaults_and_quotes(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('h1,h2,h3,h4\n1,2.5,"a,b",7\n3,,x,8\n')
    ds = tf.data.experimental.CsvDataset(str(p), [tf.int32, 0.0, tf.string, tf.int64], header=True)
    assert repr(ds).startswith("<CsvDatasetV2 element_spec=(TensorSpec(shape=(), dtype=tf.int32, name=None), "
                               "TensorSpec(shape=(), dtype=tf.float32, name=None), TensorSpec(shape=(), "
                               "dtype=tf.string, name=None), TensorSpec(shape=(), dtype=tf.int64, name=None))>")
    rows = list(ds.as_numpy_iterator())
    assert [tuple(v.item() if hasattr(v, "item") else v for v in r) for r in rows] == \
        [(1, 2.5, b"a,b", 7), (3, 0.0, b"x", 8)]
    assert [r[0].dtype for r in rows] == [np.int32, np.int32] and rows[0][3].dtype == np.int64
    # defaults fill empty fields; a Python float default is float32, a tensor default keeps its dtype
    ds = tf.data.experimental.CsvDataset(str(p), [0, 1.5, "zz", tf.constant(9, tf.int64)], header=True)
    assert [float(r[1]) for r in ds] == [2.5, 1.5]
    # column selection and na_value
    sel = tf.data.experimental.CsvDataset(str(p), [0, tf.int64], header=True, select_cols=[0, 3])
    assert [(int(a), int(b)) for a, b in sel] == [(1, 7), (3, 8)]
    exc = tf.data.experimental.CsvDataset(str(p), [0, tf.int64], header=True, exclude_cols=[1, 2])
    assert [(int(a), int(b)) for a, b in exc] == [(1, 7), (3, 8)]
    na = tf.data.experimental.CsvDataset(str(p), [0.0, 0.0, "s", tf.float64], header=True, na_value="3")
    assert [float(r[0]) for r in na] == [1.0, 0.0]
    # doubled quotes and a newline inside quotes; ';' as delimiter; GZIP
    q = tmp_path / "q.csv"
    q.write_text('"he said ""hi""",2\n"x\ny",3\n')
    assert [r[0].numpy() for r in tf.data.experimental.CsvDataset(str(q), ["", 0])] == [b'he said "hi"', b"x\ny"]
    g = tmp_path / "d.csv.gz"
    g.write_bytes(gzip.compress(b"1;2\n3;4"))
    ds = tf.data.experimental.CsvDataset(str(g), [tf.float32, tf.float64], field_delim=";", compression_type="GZIP")
    out = list(ds.as_numpy_iterator())
    assert [(float(a), float(b)) for a, b in out] == [(1.0, 2.0), (3.0, 4.0)] and out[0][1].dtype == np.float64


def test_csv_dataset_errors(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("h1,h2\n1,,3\n")
    with pytest.raises(InvalidArgumentError, match="Field 0 in record is not a valid int32: h1"):
        list(tf.data.experimental.CsvDataset(str(p), [tf.int32, tf.int32]))
    with pytest.raises(InvalidArgumentError, match="Field 1 is required but missing in record!"):
        list(tf.data.experimental.CsvDataset(str(p), [tf.int32] * 3, header=True))
    with pytest.raises(InvalidArgumentError, match="Expect 2 fields but have more in record"):
        list(tf.data.experimental.CsvDataset(str(p), [0, 0], header=True))
    short = tmp_path / "s.csv"
    short.write_text("4,5\n")
    with pytest.raises(InvalidArgumentError, match="Expect 3 fields but have 2 in record"):
        list(tf.data.experimental.CsvDataset(str(short), [0, 0, 0]))
    bad = tmp_path / "b.csv"
    bad.write_text("1.5,99999999999,abc\n")
    with pytest.raises(InvalidArgumentError, match="not a valid int32: 1.5"):
        list(tf.data.experimental.CsvDataset(str(bad), [0, 0, 0.0]))
    with pytest.raises(InvalidArgumentError, match="not a valid int32: 99999999999"):
        list(tf.data.experimental.CsvDataset(str(bad), [0.0, 0, 0.0]))
    with pytest.raises(InvalidArgumentError, match="not a valid float: abc"):
        list(tf.data.experimental.CsvDataset(str(bad), [0.0, tf.int64, 0.0]))
    with pytest.raises(InvalidArgumentError, match="strictly increasing"):
        tf.data.experimental.CsvDataset(str(p), [0, 0], select_cols=[1, 0])
    with pytest.raises(InvalidArgumentError, match="should match output size"):
        tf.data.experimental.CsvDataset(str(p), [0], select_cols=[0, 1])
    with pytest.raises(InvalidArgumentError, match="Unsupported compression_type: BZ2"):
        tf.data.experimental.CsvDataset(str(p), [0, 0], compression_type="BZ2")
    with pytest.raises(ValueError, match="unsupported dtype bool"):
        tf.data.experimental.CsvDataset(str(p), [tf.bool, tf.float64])


def test_counter():
    c = tf.data.experimental.Counter(start=3, step=2, dtype=tf.int32)
    assert repr(c) == "<_ScanDataset element_spec=TensorSpec(shape=(), dtype=tf.int32, name=None)>"
    assert int(c.cardinality()) == -1
    assert [int(v) for v in c.take(3)] == [3, 5, 7]
    assert c.take(1).element_spec.dtype == tf.int32
    # the data_augmentation tutorial's zip of a dataset with (counter, counter)
    z = tf.data.Dataset.zip((tf.data.Dataset.range(10, 12), (tf.data.Dataset.counter(), tf.data.Dataset.counter())))
    assert [(int(x), int(a), int(b)) for x, (a, b) in z] == [(10, 0, 0), (11, 1, 1)]


# --- tf.strings.reduce_join of a RaggedTensor ---------------------------------------------------------------------


def _tolist(t):
    return t.to_list() if hasattr(t, "to_list") else t.numpy().tolist()


def test_reduce_join_ragged_matches_tf():
    r = tf.ragged.constant([["a", "b", "c"], ["d"], []])
    out = tf.strings.reduce_join(r, axis=-1)
    assert isinstance(out, tf.Tensor) and out.shape == (3,) and _tolist(out) == [b"abc", b"d", b""]
    out = tf.strings.reduce_join(r, axis=1, separator="-", keepdims=True)
    assert out.shape == (3, 1) and _tolist(out) == [[b"a-b-c"], [b"d"], [b""]]
    assert _tolist(tf.strings.reduce_join(r, axis=0)) == [b"ad", b"b", b"c"]
    assert tf.strings.reduce_join(r, axis=0, keepdims=True).shape == (1, 3)
    assert tf.strings.reduce_join(r).numpy() == b"abcd"
    assert _tolist(tf.strings.reduce_join(r, keepdims=True)) == [[b"abcd"]]
    r3 = tf.ragged.constant([[["a", "b"], ["c"]], [["d"]]])
    assert isinstance(tf.strings.reduce_join(r3, axis=-1), tf.RaggedTensor)
    assert _tolist(tf.strings.reduce_join(r3, axis=-1)) == [[b"ab", b"c"], [b"d"]]
    assert _tolist(tf.strings.reduce_join(r3, axis=1)) == [[b"ac", b"b"], [b"d"]]
    r4 = tf.RaggedTensor.from_row_lengths(tf.constant([["a", "b"], ["c", "d"], ["e", "f"]]), [2, 1])
    assert _tolist(tf.strings.reduce_join(r4, axis=-1)) == [[b"ab", b"cd"], [b"ef"]]
    dense = tf.strings.reduce_join(r4, axis=1)
    assert isinstance(dense, tf.Tensor) and _tolist(dense) == [[b"ac", b"bd"], [b"e", b"f"]]
    # the text_generation tutorial: ids -> characters (ragged) -> strings
    chars = tf.strings.unicode_split(["abcdefg", "xyz"], input_encoding="UTF-8")
    assert tf.strings.reduce_join(chars, axis=-1).numpy().tolist() == [b"abcdefg", b"xyz"]
    with pytest.raises(tf.errors.OutOfRangeError):
        tf.strings.reduce_join(r, axis=2)


# --- Keras 3 contracts -------------------------------------------------------------------------------------------


def test_model_init_rejects_keras2_positional_self():
    class MyModel(keras.Model):
        def __init__(self):
            super().__init__(self)  # Keras 2 idiom (text_generation tutorial): a TypeError in Keras 3

    with pytest.raises(TypeError, match=r"Layer.__init__\(\) takes 1 positional argument but 2 were given"):
        MyModel()
    with pytest.raises(TypeError, match="1 positional argument but 2"):
        keras.Model(1)
    with pytest.raises(ValueError, match="Unrecognized keyword arguments passed to Model"):
        keras.Model(inputs=keras.Input((2,)))
    i = keras.Input((2,))
    o = keras.layers.Dense(1)(i)
    assert keras.Model(i, outputs=o).built and keras.Model(inputs=i, outputs=o).built


def test_add_weight_name_must_be_a_keyword():
    class MyDenseLayer(keras.layers.Layer):  # the custom_layers tutorial's TF 2 call
        def build(self, input_shape):
            self.kernel = self.add_weight("kernel", shape=[int(input_shape[-1]), 10])

        def call(self, inputs):
            return tf.matmul(inputs, self.kernel)

    layer = MyDenseLayer()
    with pytest.raises(ValueError, match="`name` must be passed as a keyword argument"):
        layer(tf.zeros([10, 5]))
    assert [v.name for v in layer.trainable_variables] == []
    w = keras.layers.Layer().add_weight((2, 3), "zeros")
    assert w.shape.as_list() == [2, 3]


def test_normalization_mean_after_adapt():
    x = np.array([[1.0, 10.0], [3.0, 30.0]], np.float32)
    n = keras.layers.Normalization(axis=-1)
    assert n.mean is None
    n.adapt(x)
    assert isinstance(n.mean, tf.Tensor) and n.mean.shape == (1, 2) and n.mean.dtype == tf.float32
    np.testing.assert_allclose(n.mean.numpy(), [[2.0, 20.0]])
    np.testing.assert_allclose(n.variance.numpy(), [[1.0, 100.0]])
    flat = keras.layers.Normalization(axis=None)
    flat.adapt(np.array([1.0, 2.0, 3.0, 4.0], np.float32))
    assert flat.mean.shape == (1,) and flat.mean.numpy().tolist() == [2.5]  # as Keras 3


class _ArrayLike:
    """A pandas-style column: only ``__array__`` (and iteration, as pandas objects have)."""

    def __init__(self, values):
        self.values = np.asarray(values)

    def __array__(self, dtype=None, copy=None):
        return self.values if dtype is None else self.values.astype(dtype)

    def __iter__(self):
        return iter(self.values.tolist())

    def __len__(self):
        return len(self.values)


def test_fit_and_evaluate_take_array_likes():
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="ones")])
    m.compile(optimizer="sgd", loss="mean_absolute_error")
    x, y = _ArrayLike(np.arange(8.0)), _ArrayLike(np.arange(8.0) * 2)
    loss = m.evaluate(x, y, verbose=0)
    assert loss == pytest.approx(3.5)
    hist = m.fit(x, y, epochs=1, verbose=0, validation_split=0.25)
    assert set(hist.history) == {"loss", "val_loss"}


def test_decay_schedules_take_arrays_of_steps():
    s = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=20000, decay_rate=1, staircase=False)
    out = s(np.linspace(0, 100000, 5))
    assert out.dtype == tf.float32 and out.shape == (5,)
    np.testing.assert_allclose(out.numpy(), [0.001, 0.00044444, 0.00028571, 0.00021053, 0.00016667], rtol=1e-4)
    assert float(s(10)) == pytest.approx(0.0009995003)
    e = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True)
    np.testing.assert_allclose(e(np.array([5, 15, 25])).numpy(), [0.1, 0.05, 0.025], rtol=1e-6)
