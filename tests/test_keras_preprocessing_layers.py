"""Keras preprocessing layers: values against Keras 3.15 (hard-coded numbers it printed for the
same inputs), adapt, configs, errors, gradients, use in models and in tf.data pipelines."""

import os

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers

X = (np.sin(np.arange(30.0)).reshape(5, 3, 2) * 3 + 1).astype("float32")
IMG = (np.arange(20.0).reshape(1, 4, 5, 1) % 7).astype("float32")
RNG = np.random.default_rng(3)

# what Keras 3.15 (TF backend) printed, rounded to 5 (images: 4) decimals
KERAS = {
    'norm_mean': [1.15311, 1.10051],
    'norm_var': [4.16277, 4.54018],
    'norm': [[[-0.07504, 1.13757], [1.26197, 0.15152], [-1.18783, -1.39728]], [[-0.48589, 0.87783], [1.37969, 0.53307], [-0.87496, -1.4551]]],
    'norm12': [[[1.52271, 1.30425], [-0.04401, -1.55987], [-1.33954, -0.59505]]],
    'norm_none_mean': 1.12681,
    'norm_ds_mean': [0.83908, 3.2684, -0.72705],
    'norm_ds_var': [2.76974, 0.64065, 1.54012],
    'norm_ds1_var': [0.9492, 1.09168],
    'norm_list_var': [0.9492, 1.09168],
    'norm_given': [[0.0, 15244129.0], [1.36395, -5766400.0], [-1.1352, -38767728.0]],
    'norm_inv': [[3.0, 2.0], [8.45578, 2.0], [-1.54081, 2.0]],
    'norm_ax1': [[[0.0, 2.52441], [1.2218, -0.40775], [-2.46552, -2.81561]]],
    'disc_100': [23.999982833862305, 48.99998092651367, 73.99998474121094],
    'disc_small': [2.0, 7.333333492279053],
    'disc_ds': [15.666666984558105, 32.33333206176758],
    'disc_sin': [-8.116032600402832, -3.0478177070617676, 3.1320018768310547, 8.115859031677246],
    'rot_reflect_bilinear': [[1.2636, 2.0727, 2.3087, 1.9422, 1.0759], [0.6759, 2.3002, 0.7713, 4.0271, 1.7166], [3.7328, 5.2636, 4.4251, 4.5305, 4.3241], [3.9241, 3.0578, 2.6913, 2.9273, 3.7364]],
    'rot_wrap_nearest': [[0.0, 5.0, 6.0, 2.0, 3.0], [1.0, 4.0, 0.0, 2.0, 4.0], [1.0, 3.0, 5.0, 1.0, 4.0], [2.0, 3.0, 6.0, 0.0, 5.0]],
    'rot_constant': [[1.25, 2.5, 2.25, 3.75, 1.75], [0.75, 1.5, 3.0, 4.5, 1.25], [0.25, 2.25, 3.75, 3.5, 0.75], [-0.25, 3.0, 4.5, 2.5, 0.25]],
    'zoom_in_nearest_fill': [[3.0, 3.7, 0.8, 2.1, 2.8], [4.6, 5.3, 1.0, 1.88, 1.6], [3.4, 4.1, 4.0, 3.62, 0.4], [2.2, 2.9, 4.2, 4.24, 2.0]],
    'zoom_out_reflect': [[0.65, 0.55, 1.9, 3.6, 3.5], [3.65, 3.55, 0.7, 2.4, 2.3], [2.7, 2.6, 4.3, 2.815, 3.17], [1.5, 1.4, 3.1, 4.555, 4.49]],
    'zoom_out_constant': [[9.0, 6.875, 7.25, 7.625, 9.0], [9.0, 4.25, 0.5, 2.0, 9.0], [9.0, 3.0, 4.5, 3.375, 9.0], [9.0, 7.125, 7.5, 7.875, 9.0]],
    'trans_reflect': [[1.61, 2.61, 3.36, 3.11, 2.11], [2.25, 3.25, 4.0, 3.75, 2.75], [0.89, 1.89, 2.64, 2.39, 1.39], [3.65, 3.46, 0.64, 1.58, 4.15]],
    'trans_wrap': [[0.0, 4.5, 5.5, 3.0, 0.0], [5.0, 2.5, 3.5, 4.5, 5.0], [4.0, 1.5, 2.5, 3.5, 4.0], [2.0, 3.0, 0.5, 1.5, 2.0]],
    'trans_constant_nearest': [[0.0, 5.0, 6.0, 0.0, 1.0], [0.0, 3.0, 4.0, 5.0, 6.0], [0.0, 1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 0.0, 0.0]],
    'contrast': [[0.0, 0.075, 1.575, 3.075, 4.575], [5.0, 5.0, 0.0, 0.075, 1.575], [3.075, 4.575, 5.0, 5.0, 0.0], [0.075, 1.575, 3.075, 4.575, 5.0]],
    'brightness': [[2.55, 3.55, 4.55, 5.55, 6.55], [7.55, 8.55, 2.55, 3.55, 4.55], [5.55, 6.55, 7.55, 8.55, 2.55], [3.55, 4.55, 5.55, 6.55, 7.55]],
    'resize': [[0.9583, 1.7708, 2.2917, 3.5417], [4.125, 4.0625, 3.125, 1.3125], [1.4583, 2.7083, 3.9583, 4.1875]],
    'resize_nearest': [[0.0, 2.0, 4.0], [5.0, 0.0, 2.0], [5.0, 0.0, 2.0], [3.0, 5.0, 0.0], [1.0, 3.0, 5.0], [1.0, 3.0, 5.0]],
    'resize_crop': [[3.0, 1.5], [2.5, 4.5]],
    'resize_pad': [[0.125, 1.375, 2.625, 3.875], [5.125, 3.75, 0.625, 1.875], [3.125, 4.375, 5.625, 0.75], [1.125, 2.375, 3.625, 4.875]],
    'center_crop_small': [[1.0, 1.5, 2.0], [3.5, 2.25, 1.0], [5.6667, 3.25, 0.8333], [4.3333, 4.25, 4.1667], [3.0, 3.5, 4.0], [2.0, 2.5, 3.0]],
    'random_crop_small': [[1.0, 2.0, 3.0], [3.5, 1.0, 2.0], [5.6667, 0.8333, 1.8333], [4.3333, 4.1667, 5.1667], [3.0, 4.0, 5.0], [2.0, 3.0, 4.0]],
    'resize_uint8': [[14.0, 34.0, 54.0], [94.0, 114.0, 134.0], [174.0, 194.0, 214.0]],
    'rot_channels_first': [[1.2636, 2.0727, 2.3087, 1.9422, 1.0759], [0.6759, 2.3002, 0.7713, 4.0271, 1.7166], [3.7328, 5.2636, 4.4251, 4.5305, 4.3241], [3.9241, 3.0578, 2.6913, 2.9273, 3.7364]],
}


def close(y, key, rtol=2e-5, atol=2e-4):
    np.testing.assert_allclose(np.asarray(y.numpy() if hasattr(y, "numpy") else y, "float64"), KERAS[key],
                               rtol=rtol, atol=atol)


# --- Normalization ---------------------------------------------------------------------------------


def test_normalization_adapt_array_matches_keras():
    n = layers.Normalization()
    n.adapt(X)
    close(n.adapt_mean, "norm_mean")
    close(n.adapt_variance, "norm_var")
    close(n(X[:2]), "norm")
    assert [w.name for w in n.weights] == ["mean", "variance", "count"]
    assert n.count.dtype == tf.int64 and int(n.count.numpy()) == 0 and not n.trainable_weights
    n12 = layers.Normalization(axis=(1, 2))
    n12.adapt(X)
    close(n12(X[:1]), "norm12")
    nn = layers.Normalization(axis=None)
    nn.adapt(tf.constant(X))
    close(nn.adapt_mean, "norm_none_mean")


def test_normalization_adapt_datasets_and_iterables():
    n = layers.Normalization(axis=1)
    n.adapt(tf.data.Dataset.from_tensor_slices(X).batch(2))
    close(n.adapt_mean, "norm_ds_mean")
    close(n.adapt_variance, "norm_ds_var")
    n1 = layers.Normalization()
    n1.adapt(tf.data.Dataset.from_tensor_slices(X[:, 0]))  # unbatched rows: batched by 128
    close(n1.adapt_variance, "norm_ds1_var")
    n2 = layers.Normalization()
    n2.adapt([X[:2, 0], X[2:, 0]])
    close(n2.adapt_variance, "norm_list_var")
    with pytest.raises(ValueError, match="incompatible shape"):
        n2.adapt(np.zeros((4, 3), "float32"))


def test_normalization_given_statistics_and_invert():
    close(layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 0.0])(X[0]), "norm_given", rtol=1e-4)
    close(layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 0.0], invert=True)(X[0]), "norm_inv")
    close(layers.Normalization(mean=[1.0, 2.0, 3.0], variance=[1.0, 2.0, 3.0], axis=1)(X[:1]), "norm_ax1")
    n = layers.Normalization(mean=2.0, variance=4.0)
    assert n(np.array([[4, 0]])).numpy().tolist() == [[1.0, -1.0]]  # integers are cast to float32
    assert not n.weights
    cfg = n.get_config()
    assert sorted(cfg) == ["axis", "dtype", "invert", "mean", "name", "trainable", "variance"]
    assert (cfg["axis"], cfg["mean"], cfg["variance"]) == ((-1,), 2.0, 4.0)
    assert layers.Normalization().get_config()["mean"] is None
    with pytest.raises(ValueError, match="both `mean` and `variance` must be set"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match=r"range \[-ndim, ndim\)"):
        layers.Normalization(axis=3)(np.zeros((2, 2), "float32"))


def test_normalization_gradients_and_set_weights():
    n = layers.Normalization(dtype="float64")
    n.adapt(RNG.standard_normal((6, 3)) * 2)
    check_grads(lambda x: n(x), [RNG.standard_normal((2, 3))], order=2)
    inv = layers.Normalization(mean=[1.0, -1.0], variance=[2.0, 3.0], invert=True, dtype="float64")
    check_grads(lambda x: inv(x), [RNG.standard_normal((2, 2))], order=2)
    n.set_weights([np.zeros(3), np.full(3, 4.0), np.array(0)])
    np.testing.assert_allclose(n(np.ones((1, 3))).numpy(), [[0.5, 0.5, 0.5]])


# --- Discretization --------------------------------------------------------------------------------


def test_discretization_bins_and_modes():
    d = layers.Discretization(bin_boundaries=[0.0, 1.0])
    y = d(np.array([-1.0, 0.0, 0.5, 1.0, 2.0]))
    assert y.dtype == tf.int32 and y.numpy().tolist() == [0, 1, 1, 2, 2]
    oh = layers.Discretization(bin_boundaries=[0.0, 1.0], output_mode="one_hot")(np.array([-1.0, 0.5, 2.0]))
    assert oh.dtype == tf.float32 and oh.numpy().tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    mh = layers.Discretization(bin_boundaries=[0.0, 1.0], output_mode="multi_hot")(np.array([[-1.0, 0.5], [2.0, 2.0]]))
    assert mh.numpy().tolist() == [[1, 1, 0], [0, 0, 1]]
    ct = layers.Discretization(bin_boundaries=[0.0, 1.0], output_mode="count")(np.array([[-1.0, 0.5], [2.0, 2.0]]))
    assert ct.numpy().tolist() == [[1, 1, 0], [0, 0, 2]]


def test_discretization_adapt_matches_keras_quantiles():
    for key, data in [("disc_100", np.arange(100, dtype="float32")),
                      ("disc_small", np.array([[1.0, 2.0, 2.0, 3.0, 7.0, 8.0, 9.0, 10.0]])),
                      ("disc_ds", tf.data.Dataset.from_tensor_slices(np.arange(50, dtype="float32")).batch(7))]:
        d = layers.Discretization(num_bins=len(KERAS[key]) + 1)
        d.adapt(data)
        assert d.bin_boundaries == KERAS[key]
    d = layers.Discretization(num_bins=5, epsilon=0.05)
    d.adapt((np.sin(np.arange(500.0)) * 10).astype("float32"))
    assert d.bin_boundaries == KERAS["disc_sin"]


def test_discretization_config_and_errors():
    d = layers.Discretization(num_bins=3)
    d.adapt(np.arange(9.0))
    cfg = d.get_config()
    assert sorted(cfg) == ["bin_boundaries", "dtype", "epsilon", "name", "num_bins", "output_mode", "sparse"]
    again = layers.Discretization.from_config(cfg)
    assert again.bin_boundaries == d.bin_boundaries and again.num_bins == 3
    with pytest.raises(ValueError, match="either `num_bins` or `bin_boundaries`"):
        layers.Discretization()
    with pytest.raises(ValueError, match="should not be set"):
        layers.Discretization(bin_boundaries=[1.0], num_bins=2)
    with pytest.raises(ValueError, match="Cannot adapt"):
        layers.Discretization(bin_boundaries=[1.0]).adapt([1.0])


# --- StringLookup / IntegerLookup ------------------------------------------------------------------


def test_string_lookup_vocabulary_and_modes():
    s = layers.StringLookup(vocabulary=["a", "b", "c"])
    y = s(np.array([["a", "x"], ["c", "b"]]))
    assert y.dtype == tf.int64 and y.numpy().tolist() == [[1, 0], [3, 2]]
    assert int(s(tf.constant("b"))) == 2 and s(tf.constant("b")).shape.as_list() == []
    assert s.get_vocabulary() == ["[UNK]", "a", "b", "c"] and s.vocabulary_size() == 4
    assert isinstance(s.get_vocabulary()[1], np.str_) and type(s.get_vocabulary()[0]) is str  # as Keras
    assert s.get_vocabulary(include_special_tokens=False) == ["a", "b", "c"]
    mh = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="multi_hot")(np.array([["a", "x"], ["c", "c"]]))
    assert mh.dtype == tf.int64 and mh.numpy().tolist() == [[1, 1, 0, 0], [0, 0, 0, 1]]
    oh = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="one_hot")(np.array(["a", "x", "c"]))
    assert oh.numpy().tolist() == [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]]
    ct = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="count")(np.array([["a", "x"], ["c", "c"]]))
    assert ct.numpy().tolist() == [[1, 1, 0, 0], [0, 0, 0, 2]]
    ti = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="tf_idf", idf_weights=[0.5, 0.25, 0.125])
    y = ti(np.array([["a", "x"], ["c", "c"]]))
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), [[0.29166666, 0.5, 0, 0], [0, 0, 0, 0.25]], rtol=1e-6)


def test_string_lookup_invert_mask_and_oov_buckets():
    inv = layers.StringLookup(vocabulary=["a", "b", "c"], invert=True)
    assert inv(np.array([[1, 0], [3, 5]])).numpy().tolist() == [[b"a", b"[UNK]"], [b"c", b"[UNK]"]]
    s = layers.StringLookup(mask_token="", num_oov_indices=2, vocabulary=["a", "b"])
    assert s.get_vocabulary() == ["", "[UNK]", "[UNK]", "a", "b"]
    assert s(np.array(["", "a", "zz", "q", "b"])).numpy().tolist() == [0, 3, 1, 2, 4]  # FarmHash OOV buckets
    salted = layers.StringLookup(num_oov_indices=3, vocabulary=["a"], salt=7)
    assert salted.get_config()["salt"] == [7, 7]
    assert salted(np.array(["zz", "q", "a"])).numpy().max() <= 3
    with pytest.raises(tf.errors.InvalidArgumentError, match=r'found OOV values \["b"\], consider setting'):
        layers.StringLookup(vocabulary=["a"], num_oov_indices=0)(np.array(["a", "b"]))


def test_string_lookup_adapt_orders_by_count_then_token_descending():
    s = layers.StringLookup()
    s.adapt(np.array(["b", "a", "c", "a", "b", "d"]))
    assert s.get_vocabulary() == ["[UNK]", "b", "a", "d", "c"]
    s3 = layers.StringLookup(max_tokens=3)
    s3.adapt([["b", "a"], ["c", "a"], ["b", "d"]])
    assert s3.get_vocabulary() == ["[UNK]", "b", "a"]
    t = layers.StringLookup(output_mode="tf_idf")
    t.adapt([["b", "a"], ["c", "a"], ["b", "d"]])
    assert t.get_vocabulary() == ["[UNK]", "b", "a", "d", "c"]
    np.testing.assert_allclose(t.idf_weights.numpy(), [0.804719, 0.6931472, 0.6931472, 0.91629076, 0.91629076],
                               rtol=1e-6)
    ds = tf.data.Dataset.from_tensor_slices(np.array(["x", "y", "y", "z", "z", "z"])).batch(4)
    s4 = layers.StringLookup()
    s4.adapt(ds)
    assert s4.get_vocabulary() == ["[UNK]", "z", "y", "x"]
    with pytest.raises(ValueError, match="Cannot adapt layer"):
        layers.StringLookup(vocabulary=["a"]).adapt(["a"])


def test_string_lookup_config_and_errors():
    s = layers.StringLookup(vocabulary=["a", "b"], mask_token="[M]")
    cfg = s.get_config()
    assert sorted(cfg) == sorted(["name", "trainable", "dtype", "invert", "max_tokens", "num_oov_indices", "oov_token",
                                  "mask_token", "output_mode", "sparse", "pad_to_max_tokens", "idf_weights",
                                  "vocabulary", "vocabulary_size", "oov_method", "salt", "encoding"])
    assert cfg["vocabulary"] == ["a", "b"] and cfg["vocabulary_size"] == 4
    again = layers.StringLookup.from_config(cfg)
    assert again.get_vocabulary() == s.get_vocabulary()
    with pytest.raises(ValueError, match="repeated term"):
        layers.StringLookup(vocabulary=["a", "a"])
    with pytest.raises(ValueError, match="reserved mask token"):
        layers.StringLookup(vocabulary=["a", ""], mask_token="")
    with pytest.raises(ValueError, match="`output_mode` must be `'int'` when `invert` is true"):
        layers.StringLookup(invert=True, output_mode="one_hot")
    with pytest.raises(RuntimeError, match="you must set the layer's vocabulary"):
        layers.StringLookup(output_mode="multi_hot")(np.array(["a"]))
    with pytest.raises(ValueError, match="larger than the maximum vocab size"):
        layers.StringLookup(max_tokens=2, vocabulary=["a", "b"])


def test_string_lookup_vocabulary_file(tmp_path):
    path = os.path.join(tmp_path, "vocab.txt")
    with open(path, "w") as f:
        f.write("cat\ndog\n")
    s = layers.StringLookup(vocabulary=path)
    assert s(np.array(["dog", "cow"])).numpy().tolist() == [2, 0]
    assert s.get_config()["vocabulary"] is None


def test_integer_lookup():
    i = layers.IntegerLookup()
    i.adapt(np.array([5, 3, 3, 7, 9, 9, 1]))
    assert i.get_vocabulary() == [-1, 9, 3, 7, 5, 1]
    assert isinstance(i.get_vocabulary()[1], np.int64) and type(i.get_vocabulary()[0]) is int
    assert i(np.array([3, 4, 9])).numpy().tolist() == [2, 0, 1]
    i2 = layers.IntegerLookup(vocabulary=[12, 36], num_oov_indices=3)
    assert i2(np.array([12, 5, 36, 7, 8])).numpy().tolist() == [3, 2, 4, 1, 2]  # floormod OOV buckets
    assert i2.get_vocabulary() == [-1, -1, -1, 12, 36]
    i3 = layers.IntegerLookup(vocabulary=[12, 36], mask_token=0)
    assert i3(np.array([12, 0, 36, 7])).numpy().tolist() == [2, 0, 3, 1]
    assert i3.get_vocabulary() == [0, -1, 12, 36]
    cfg = i3.get_config()
    assert cfg["vocabulary"] == [12, 36] and cfg["vocabulary_size"] == 4 and cfg["vocabulary_dtype"] == "int64"
    assert layers.IntegerLookup(vocabulary=[12, 36], invert=True)([[2, 0]]).numpy().tolist() == [[36, -1]]
    fh = layers.IntegerLookup(vocabulary=[1], num_oov_indices=2, oov_method="farmhash")
    assert fh(np.array([5, 6, 1])).numpy().tolist()[2] == 2
    with pytest.raises(ValueError, match="`salt` can only be used when `oov_method='farmhash'`"):
        layers.IntegerLookup(salt=3)


# --- TextVectorization -----------------------------------------------------------------------------

DOCS = ["The cat sat on the mat.", "The dog ate my homework!", "A cat, a dog."]


def test_text_vectorization_adapt_and_int_output():
    t = layers.TextVectorization()
    t.adapt(DOCS)
    assert t.get_vocabulary() == ["", "[UNK]", "the", "dog", "cat", "a", "sat", "on", "my", "mat", "homework", "ate"]
    assert t.vocabulary_size() == 12
    y = t(["the cat and the dog", "mat"])
    assert y.dtype == tf.int64 and y.numpy().tolist() == [[2, 4, 1, 2, 3], [9, 0, 0, 0, 0]]
    assert t(np.array([["the cat"], ["dog"]])).numpy().tolist() == [[2, 4], [3, 0]]
    assert t("cat").numpy().tolist() == [4]
    with pytest.raises(ValueError, match="the last shape dimension must be 1"):
        t(np.array([["a", "b"]]))


def test_text_vectorization_modes_ngrams_and_sequence_length():
    t2 = layers.TextVectorization(max_tokens=6, output_mode="multi_hot", ngrams=2)
    t2.adapt(DOCS)
    assert t2.get_vocabulary() == ["[UNK]", "the", "dog", "cat", "a", "the mat"]
    assert t2(["the cat and the dog"]).numpy().tolist() == [[1, 1, 1, 1, 0, 0]]
    t3 = layers.TextVectorization(output_sequence_length=4)
    t3.set_vocabulary(["the", "cat", "dog"])
    assert t3.get_vocabulary() == ["", "[UNK]", "the", "cat", "dog"]
    assert t3(["the cat ate the dog food", "dog"]).numpy().tolist() == [[2, 3, 1, 2], [4, 0, 0, 0]]
    t4 = layers.TextVectorization(output_mode="tf_idf")
    t4.adapt(["a b b", "b c", "c c c d"])
    assert t4.get_vocabulary() == ["[UNK]", "c", "b", "d", "a"]
    np.testing.assert_allclose(t4(["a b c z"]).numpy(), [[0.804719, 0.6931472, 0.6931472, 0.0, 0.91629076]],
                               rtol=1e-6)
    t5 = layers.TextVectorization(output_mode="count", standardize=None, split="character")
    t5.adapt(["aAb", "bc"])
    assert t5.get_vocabulary() == ["[UNK]", "b", "c", "a", "A"]
    assert t5(["aab"]).numpy().tolist() == [[0, 1, 0, 2, 0]]
    r = layers.TextVectorization(vocabulary=["x", "y"], ragged=True)(["x y x", "y"])
    assert r.to_list() == [[2, 3, 2], [3]]
    t7 = layers.TextVectorization()
    t7.adapt(["Héllo WORLD, héllo"])
    assert t7.get_vocabulary() == ["", "[UNK]", "héllo", "world"]


def test_text_vectorization_config_and_dataset_map():
    t3 = layers.TextVectorization(output_sequence_length=4, vocabulary=["the", "cat"])
    cfg = t3.get_config()
    assert sorted(cfg) == sorted(["name", "trainable", "dtype", "max_tokens", "standardize", "split", "ngrams",
                                  "output_mode", "output_sequence_length", "pad_to_max_tokens", "sparse", "ragged",
                                  "vocabulary", "idf_weights", "encoding", "vocabulary_size"])
    assert cfg["vocabulary_size"] == 4 and cfg["vocabulary"] == ["the", "cat"]
    assert layers.TextVectorization.from_config(cfg)(["cat"]).numpy().tolist() == [[3, 0, 0, 0]]
    ds = tf.data.Dataset.from_tensor_slices(["x y", "y z z"]).batch(2)
    t6 = layers.TextVectorization()
    t6.adapt(ds)
    assert t6.get_vocabulary() == ["", "[UNK]", "z", "y", "x"]
    (batch,) = list(ds.map(t6))
    assert batch.numpy().tolist() == [[4, 3, 0], [3, 2, 2]]
    with pytest.raises(ValueError, match="`output_sequence_length` must not be set"):
        layers.TextVectorization(output_mode="count", output_sequence_length=3)


def test_text_classifier_end_to_end():
    tv = layers.TextVectorization(max_tokens=20, output_sequence_length=5)
    tv.adapt(["good movie", "bad movie", "very good", "very bad"])
    inp = keras.Input(shape=(1,), dtype="string")
    x = layers.Embedding(20, 4)(tv(inp))
    x = layers.GlobalAveragePooling1D()(x) if hasattr(layers, "GlobalAveragePooling1D") else layers.Flatten()(x)
    model = keras.Model(inp, layers.Dense(1, activation="sigmoid")(x))
    model.compile(optimizer="adam", loss="binary_crossentropy")
    text = np.array([["good movie"], ["bad movie"], ["very good"], ["very bad"]])
    hist = model.fit(text, np.array([1.0, 0.0, 1.0, 0.0]), epochs=3, verbose=0)
    assert len(hist.history["loss"]) == 3 and model.predict(text, verbose=0).shape == (4, 1)


# --- Hashing and CategoryEncoding ------------------------------------------------------------------


def test_hashing_matches_keras():
    five = np.array([["A"], ["B"], ["C"], ["D"], ["E"]])
    y = layers.Hashing(num_bins=3)(five)
    assert y.dtype == tf.int64 and y.numpy().ravel().tolist() == [1, 0, 1, 1, 2]
    assert layers.Hashing(num_bins=3, salt=133)(five).numpy().ravel().tolist() == [0, 0, 2, 1, 0]
    masked = layers.Hashing(num_bins=3, mask_value="")(np.array([["A"], [""], ["C"], ["D"], ["E"]]))
    assert masked.numpy().ravel().tolist() == [1, 0, 2, 2, 1]
    assert layers.Hashing(num_bins=3)(np.array([[1], [2], [3]])).numpy().ravel().tolist() == [0, 1, 0]
    assert layers.Hashing(num_bins=3)(np.array([[1.5], [2.0], [3.7]])).numpy().ravel().tolist() == [0, 1, 0]
    mh = layers.Hashing(num_bins=4, output_mode="multi_hot")(np.array([["A", "B"], ["C", "C"]]))
    assert mh.dtype == tf.float32 and mh.numpy().tolist() == [[1, 0, 0, 0], [0, 0, 0, 1]]
    cfg = layers.Hashing(num_bins=3, salt=1).get_config()
    assert cfg["salt"] == [1, 1] and cfg["dtype"]["config"]["name"] == "int64"  # Keras 3.15: a DTypePolicy dict
    assert sorted(cfg) == ["dtype", "mask_value", "name", "num_bins", "output_mode", "salt", "sparse", "trainable"]
    with pytest.raises(ValueError, match="num_bins"):
        layers.Hashing(num_bins=0)


def test_category_encoding():
    x = np.array([[0, 1], [3, 3]])
    assert layers.CategoryEncoding(num_tokens=4)(x).numpy().tolist() == [[1, 1, 0, 0], [0, 0, 0, 1]]
    assert layers.CategoryEncoding(num_tokens=4, output_mode="count")(x).numpy().tolist() == [[1, 1, 0, 0],
                                                                                                [0, 0, 0, 2]]
    assert layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")(np.array([0, 3])).numpy().tolist() == [
        [1, 0, 0, 0], [0, 0, 0, 1]]
    w = layers.CategoryEncoding(num_tokens=4, output_mode="count")(x, count_weights=np.array([[0.5, 0.25], [1, 2]]))
    assert w.numpy().tolist() == [[0.5, 0.25, 0, 0], [0, 0, 0, 3]]
    assert layers.CategoryEncoding(num_tokens=4)(np.array([1, 2])).numpy().tolist() == [0, 1, 1, 0]
    assert layers.CategoryEncoding(num_tokens=3)(np.array([[0, 5]])).numpy().tolist() == [[1, 0, 0]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="non-negative"):
        layers.CategoryEncoding(num_tokens=3)(np.array([[0, -1]]))
    assert sorted(layers.CategoryEncoding(num_tokens=3).get_config()) == ["dtype", "name", "num_tokens",
                                                                           "output_mode", "trainable"]
    sp = layers.CategoryEncoding(num_tokens=3, sparse=True)(np.array([[0, 2]]))
    assert isinstance(sp, tf.SparseTensor) and tf.sparse.to_dense(sp).numpy().tolist() == [[1, 0, 1]]


# --- image layers ----------------------------------------------------------------------------------

FIXED = {  # layers whose random factor ranges are a single point: the output is Keras's
    "rot_reflect_bilinear": lambda: layers.RandomRotation((0.1, 0.1)),
    "rot_wrap_nearest": lambda: layers.RandomRotation((-0.15, -0.15), fill_mode="wrap", interpolation="nearest"),
    "rot_constant": lambda: layers.RandomRotation((0.25, 0.25), fill_mode="constant", fill_value=-1.0),
    "zoom_in_nearest_fill": lambda: layers.RandomZoom((-0.4, -0.4), (0.3, 0.3), fill_mode="nearest"),
    "zoom_out_reflect": lambda: layers.RandomZoom((0.7, 0.7)),
    "zoom_out_constant": lambda: layers.RandomZoom((0.5, 0.5), fill_mode="constant", fill_value=9.0),
    "trans_reflect": lambda: layers.RandomTranslation((0.33, 0.33), (-0.45, -0.45)),
    "trans_wrap": lambda: layers.RandomTranslation((0.5, 0.5), (0.9, 0.9), fill_mode="wrap"),
    "trans_constant_nearest": lambda: layers.RandomTranslation((-0.3, -0.3), (0.25, 0.25), fill_mode="constant",
                                                               interpolation="nearest"),
    "contrast": lambda: layers.RandomContrast((-0.5, 0.5), value_range=(0, 5)),
    "brightness": lambda: layers.RandomBrightness((0.01, 0.01)),
    "resize": lambda: layers.Resizing(3, 4),
    "resize_nearest": lambda: layers.Resizing(6, 3, interpolation="nearest"),
    "resize_crop": lambda: layers.Resizing(2, 2, crop_to_aspect_ratio=True),
    "resize_pad": lambda: layers.Resizing(4, 4, pad_to_aspect_ratio=True, fill_value=-2.0),
    "center_crop_small": lambda: layers.CenterCrop(6, 3),
    "random_crop_small": lambda: layers.RandomCrop(6, 3),
}


@pytest.mark.parametrize("key", sorted(FIXED))
def test_image_layers_match_keras(key):
    y = FIXED[key]()(IMG)
    assert y.dtype == tf.float32
    close(y[0, ..., 0], key)
    np.testing.assert_array_equal(FIXED[key]()(IMG[0]).numpy(), y.numpy()[0])  # a single image


def test_image_layers_dtypes_channels_first_and_inference():
    close(layers.Resizing(3, 3)(np.arange(20, dtype="uint8").reshape(4, 5, 1) * 12)[..., 0], "resize_uint8")
    assert layers.Resizing(3, 3)(np.zeros((4, 5, 1), "uint8")).dtype == tf.uint8
    rot_cf = layers.RandomRotation((0.1, 0.1), data_format="channels_first")(IMG.transpose(0, 3, 1, 2))
    close(rot_cf[0, 0], "rot_channels_first")
    x = np.arange(2 * 4 * 4 * 1).reshape(2, 4, 4, 1).astype("uint8")
    for lay in [layers.RandomFlip(), layers.RandomRotation(0.2), layers.RandomZoom(0.2),
                layers.RandomTranslation(0.2, 0.2)]:
        y = lay(x, training=False)
        assert y.dtype == tf.float32 and np.array_equal(y.numpy(), x.astype("float32"))
    for lay in [layers.RandomContrast(0.3), layers.RandomBrightness(0.3), layers.RandomCrop(2, 2)]:
        assert np.array_equal(lay(x, training=False).numpy(), x) and lay(x, training=False).dtype == tf.uint8
    assert layers.RandomBrightness(0.5)(x).dtype == tf.uint8
    with pytest.raises(tf.errors.InvalidArgumentError, match="floating point"):
        layers.RandomContrast(0.5)(x)
    with pytest.raises(ValueError, match="rank 3"):
        layers.RandomFlip()(np.zeros((4, 4), "float32"))


def test_random_layers_seeded_and_vary():
    x = np.arange(2 * 6 * 6 * 1, dtype="float32").reshape(2, 6, 6, 1)
    for make in [lambda s: layers.RandomFlip(seed=s), lambda s: layers.RandomRotation(0.2, seed=s),
                 lambda s: layers.RandomZoom(0.3, seed=s), lambda s: layers.RandomTranslation(0.3, 0.3, seed=s),
                 lambda s: layers.RandomContrast(0.5, seed=s), lambda s: layers.RandomBrightness(0.2, seed=s),
                 lambda s: layers.RandomCrop(3, 3, seed=s)]:
        a, b = make(11), make(11)
        outs_a = [a(x).numpy() for _ in range(4)]
        outs_b = [b(x).numpy() for _ in range(4)]
        for u, v in zip(outs_a, outs_b):
            np.testing.assert_array_equal(u, v)  # the same seed repeats the same sequence
        assert any(not np.array_equal(outs_a[0], o) for o in outs_a[1:])  # and the draws change


def test_random_flip_modes():
    x = np.arange(6, dtype="float32").reshape(1, 2, 3, 1)
    seen = {tuple(layers.RandomFlip("horizontal", seed=s)(x).numpy().ravel()) for s in range(12)}
    assert seen == {(0, 1, 2, 3, 4, 5), (2, 1, 0, 5, 4, 3)}
    seen = {tuple(layers.RandomFlip(seed=s)(x).numpy().ravel()) for s in range(12)}
    assert seen == {(0, 1, 2, 3, 4, 5), (5, 4, 3, 2, 1, 0)}  # both axes share one coin (Keras 3)
    with pytest.raises(ValueError, match="unknown mode"):
        layers.RandomFlip("diagonal")


def test_image_layer_configs():
    keys = {
        "Resizing": (dict(height=2, width=2), ["antialias", "crop_to_aspect_ratio", "data_format", "dtype",
                                               "fill_mode", "fill_value", "height", "interpolation", "name",
                                               "pad_to_aspect_ratio", "trainable", "width"]),
        "CenterCrop": (dict(height=2, width=2), ["data_format", "dtype", "height", "name", "trainable", "width"]),
        "RandomCrop": (dict(height=2, width=2), ["data_format", "dtype", "height", "name", "seed", "trainable",
                                                 "width"]),
        "RandomFlip": (dict(), ["data_format", "dtype", "mode", "name", "seed", "trainable"]),
        "RandomRotation": (dict(factor=0.1), ["data_format", "dtype", "factor", "fill_mode", "fill_value",
                                              "interpolation", "name", "seed", "trainable"]),
        "RandomZoom": (dict(height_factor=0.1), ["data_format", "dtype", "fill_mode", "fill_value", "height_factor",
                                                 "interpolation", "name", "seed", "trainable", "width_factor"]),
        "RandomTranslation": (dict(height_factor=0.1, width_factor=0.1),
                              ["data_format", "dtype", "fill_mode", "fill_value", "height_factor", "interpolation",
                               "name", "seed", "trainable", "width_factor"]),
        "RandomContrast": (dict(factor=0.1), ["data_format", "dtype", "factor", "name", "seed", "trainable",
                                              "value_range"]),
        "RandomBrightness": (dict(factor=0.1), ["data_format", "dtype", "factor", "name", "seed", "trainable",
                                                "value_range"]),
    }
    for name, (kw, expected) in keys.items():
        cfg = getattr(layers, name)(**kw).get_config()
        assert sorted(cfg) == expected, name
        getattr(layers, name).from_config(cfg)
    assert layers.RandomRotation(0.1).get_config()["factor"] == (-0.1, 0.1)
    assert layers.RandomContrast(0.1).get_config()["factor"] == (0, 0.1)
    assert layers.RandomBrightness(0.1).get_config()["value_range"] == [0, 255]
    assert isinstance(layers.RandomCrop(2, 2).get_config()["seed"], int)
    with pytest.raises(ValueError, match=r"in the range \[-1, 1\]"):
        layers.RandomRotation(1.5)
    with pytest.raises(NotImplementedError, match="Unknown `fill_mode`"):
        layers.RandomZoom(0.1, fill_mode="mirror")


def test_image_layer_gradients():
    x = RNG.standard_normal((2, 4, 5, 1))
    for lay in [layers.RandomRotation(0.2, seed=1, dtype="float64"),
                layers.RandomZoom(0.3, fill_mode="constant", fill_value=1.0, seed=2, dtype="float64"),
                layers.RandomTranslation(0.3, 0.3, fill_mode="wrap", seed=3, dtype="float64"),
                layers.RandomContrast(0.4, value_range=(-100, 100), seed=4, dtype="float64"),
                layers.CenterCrop(3, 3, dtype="float64")]:
        gen = getattr(lay, "_generator", None)
        state = None if gen is None else gen._rng.bit_generator.state

        def f(t, lay=lay, gen=gen, state=state):
            if gen is not None:  # the same random transform on every evaluation
                gen._rng.bit_generator.state = state
            return lay(t)

        check_grads(f, [x], order=2)


def test_augmentation_in_model_and_dataset():
    aug = keras.Sequential([layers.RandomFlip("horizontal", seed=1), layers.RandomRotation(0.1, seed=2),
                            layers.RandomZoom(0.1, seed=3)])
    x = RNG.random((4, 8, 8, 3)).astype("float32")
    np.testing.assert_array_equal(aug(x, training=False).numpy(), x)
    assert not np.array_equal(aug(x, training=True).numpy(), x)
    model = keras.Sequential([keras.Input((8, 8, 3)), layers.RandomFlip(), layers.RandomContrast(0.2),
                              layers.Rescaling(1 / 255.0), layers.Flatten(), layers.Dense(2)])
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x * 255, np.array([0, 1, 0, 1]), epochs=1, verbose=0)
    np.testing.assert_allclose(model.predict(x, verbose=0), model.predict(x, verbose=0))  # inference: no noise
    ds = tf.data.Dataset.from_tensor_slices(x).batch(2).map(lambda b: layers.RandomCrop(4, 4, seed=5)(b))
    assert [b.shape.as_list() for b in ds] == [[2, 4, 4, 3], [2, 4, 4, 3]]
    n = layers.Normalization()
    n.adapt(x.reshape(-1, 3))
    mapped = list(tf.data.Dataset.from_tensor_slices(x.reshape(-1, 3)[:4]).batch(4).map(n))[0]
    np.testing.assert_allclose(mapped.numpy(), (x.reshape(-1, 3)[:4] - x.reshape(-1, 3).mean(0))
                               / x.reshape(-1, 3).std(0), rtol=1e-4, atol=1e-5)


def test_string_lookup_in_functional_model():
    inp = keras.Input(shape=(), dtype="string")
    idx = layers.StringLookup(vocabulary=["a", "b", "c"])(inp)
    out = layers.Embedding(4, 2, embeddings_initializer="ones")(idx)
    m = keras.Model(inp, out)
    assert m(tf.constant(["a", "z"])).shape.as_list() == [2, 2]
    assert m.predict(np.array(["a", "b", "c"]), verbose=0).shape == (3, 2)


def test_rescaling_offset():
    y = layers.Rescaling(scale=2.0, offset=1.0)(np.array([[1, 2]], "uint8"))
    assert y.dtype == tf.float32 and y.numpy().tolist() == [[3.0, 5.0]]
    assert layers.Rescaling(scale=[1.0, 2.0], offset=1.0)(np.array([[1, 2]], "uint8")).numpy().tolist() == [[2.0, 5.0]]
    assert sorted(layers.Rescaling(2.0).get_config()) == ["dtype", "name", "offset", "scale", "trainable"]
