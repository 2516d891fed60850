"""tf.lookup: static, vocabulary, mutable and dense hash tables, checked against TF 2.21's values,
export orders, bucket layouts and errors."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import FailedPreconditionError, InvalidArgumentError, NotFoundError, OutOfRangeError

KV = tf.lookup.KeyValueTensorInitializer
TI = tf.lookup.TextFileIndex
MHT = tf.lookup.experimental.MutableHashTable
DHT = tf.lookup.experimental.DenseHashTable
WORDS = ["emerson", "lake", "palmer", "king", "crimson", "", "a" * 70, "TensorFlow", "日本語", "x y", "lake ", "Lake"]


def ls(t):
    return t.numpy().tolist()


# --- StaticHashTable --------------------------------------------------------------------------------------------


def test_static_hash_table_lookup_and_attributes():
    init = KV(["a", "b", "c"], [7, 8, 9])
    assert (init.key_dtype, init.value_dtype) == (tf.string, tf.int32)
    t = tf.lookup.StaticHashTable(init, -1)
    out = t.lookup(tf.constant([["a", "z"], ["c", "b"]]))
    assert out.dtype == tf.int32 and ls(out) == [[7, -1], [9, 8]]
    assert ls(t[tf.constant("a")]) == 7
    s = t.size()
    assert s.dtype == tf.int64 and int(s) == 3
    assert (t.key_dtype, t.value_dtype, t.name) == (tf.string, tf.int32, None)
    assert int(t.default_value) == -1 and t.default_value.dtype == tf.int32
    assert ls(t.lookup(tf.Variable(["b"]))) == [8]


def test_static_hash_table_value_dtypes():
    t = tf.lookup.StaticHashTable(KV([1, 2], [1.5, 2.5]), -1.0)
    assert ls(t.lookup(tf.constant([1, 3]))) == [1.5, -1.0] and t.value_dtype == tf.float32
    t = tf.lookup.StaticHashTable(KV([1, 2], [1.5, 2.5], key_dtype=tf.int64, value_dtype=tf.float64), -1)
    out = t.lookup(tf.constant([1, 3], tf.int64))
    assert out.dtype == tf.float64 and ls(out) == [1.5, -1.0]
    t = tf.lookup.StaticHashTable(KV([1, 2], ["x", "y"]), "unk")
    assert ls(t.lookup(tf.constant([1, 3]))) == [b"x", b"unk"]
    t = tf.lookup.StaticHashTable(KV(["a", "b"], [True, False]), False)
    assert ls(t.lookup(tf.constant(["a", "c"]))) == [True, False]
    t = tf.lookup.StaticHashTable(KV([["a", "b"]], [[1, 2]]), -1)  # any shape, flattened
    assert ls(t.lookup(tf.constant(["a", "b", "c"]))) == [1, 2, -1]
    assert int(tf.lookup.StaticHashTable(KV(["a", "a"], [1, 1]), -1).size()) == 1


def test_static_hash_table_sparse_and_ragged_keys():
    t = tf.lookup.StaticHashTable(KV(["a", "b"], [1.5, 2.5]), 0.0)
    sp = t.lookup(tf.SparseTensor([[0, 0], [1, 2]], ["b", "q"], [2, 3]))
    assert isinstance(sp, tf.SparseTensor) and ls(sp.values) == [2.5, 0.0] and ls(sp.dense_shape) == [2, 3]
    rt = t.lookup(tf.ragged.constant([["a", "q"], ["b"]]))
    assert isinstance(rt, tf.RaggedTensor) and rt.to_list() == [[1.5, 0.0], [2.5]]


def test_static_hash_table_errors():
    init = KV(["a", "b", "c"], [7, 8, 9])
    t = tf.lookup.StaticHashTable(init, -1)
    with pytest.raises(TypeError, match="Dtype of argument `keys` must be <dtype: 'string'>, received: <dtype: 'int32'>"):
        t.lookup(tf.constant([1, 2]))
    with pytest.raises(AttributeError, match="'list' object has no attribute 'dtype'"):
        t.lookup(["a"])  # TF's lookup needs a tensor
    with pytest.raises(TypeError, match="Cannot convert -1.5 to EagerTensor of dtype int32"):
        tf.lookup.StaticHashTable(init, -1.5)
    with pytest.raises(ValueError, match=r"Shapes \(2,\) and \(\) are not compatible"):
        tf.lookup.StaticHashTable(init, [1, 2])
    with pytest.raises(FailedPreconditionError, match="HashTable has different value for same key. Key a has 1 and "
                                                      "trying to add value 2"):
        tf.lookup.StaticHashTable(KV(["a", "a"], [1, 2]), -1)
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[2\] for value, got \[3\]"):
        tf.lookup.StaticHashTable(KV(["a", "b"], [1, 2, 3]), -1)
    with pytest.raises(InvalidArgumentError, match="keys and values cannot be empty tensors."):
        tf.lookup.StaticHashTable(KV(tf.constant([], tf.string), tf.constant([], tf.int32)), -1)
    with pytest.raises(NotFoundError, match=r"HashTableV2\[.*key_dtype=DT_FLOAT.*value_dtype=DT_INT32"):
        tf.lookup.StaticHashTable(KV([1.0, 2.0], [1, 2]), -1)
    for keys, values, default in (([1, 2], tf.constant([1, 2], tf.int64), 0), (tf.constant([1], tf.int16), [1], 0),
                                  ([True], [1], 0), ([1], [True], False)):
        with pytest.raises(NotFoundError, match="All kernels registered for op HashTableV2"):
            tf.lookup.StaticHashTable(KV(keys, values), default)
    with pytest.raises(TypeError, match="Cannot convert"):
        KV(["a"], [1, 2], key_dtype=tf.int32)


def test_static_hash_table_export_has_every_entry():
    t = tf.lookup.StaticHashTable(KV(["a", "b", "c"], [7, 8, 9]), -1)
    keys, values = t.export()
    assert keys.dtype == tf.string and values.dtype == tf.int32
    assert sorted(zip(ls(keys), ls(values))) == [(b"a", 7), (b"b", 8), (b"c", 9)]  # TF's order varies by run


# --- TextFileInitializer ----------------------------------------------------------------------------------------


_FILES = iter(range(10**6))


def text_table(tmp_path, content, kd, ki, vd, vi, default=None, **kw):
    # a new file each time: TF shares tables built from the same file name and indices
    path = tmp_path / f"f{next(_FILES)}.txt"
    path.write_bytes(content)
    if default is None:
        default = "UNK" if vd == tf.string else -1
    return tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(str(path), kd, ki, vd, vi, **kw), default)


def test_text_file_columns_whole_lines_and_line_numbers(tmp_path):
    vocab = b"emerson 10\nlake 20\npalmer 30\n"
    t = text_table(tmp_path, vocab, tf.string, 0, tf.int64, 1, delimiter=" ")
    assert ls(t.lookup(tf.constant(["lake", "palmer", "x"]))) == [20, 30, -1]
    t = text_table(tmp_path, vocab, tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER)
    assert ls(t.lookup(tf.constant(["lake 20", "palmer", "x"]))) == [1, -1, -1]
    t = text_table(tmp_path, b"a\tx\t5\nb\ty\t6\n", tf.string, 1, tf.int64, 2)
    assert ls(t.lookup(tf.constant(["x", "y", "a"]))) == [5, 6, -1]
    t = text_table(tmp_path, b"a\tx\t5\nb\ty\t6\n", tf.string, 0, tf.string, 1)
    assert ls(t.lookup(tf.constant(["a", "b", "c"]))) == [b"x", b"y", b"UNK"]
    t = text_table(tmp_path, b"3\n-4\n5\n", tf.int64, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER)
    assert ls(t.lookup(tf.constant([3, -4, 5, 6], tf.int64))) == [0, 1, 2, -1]
    t = text_table(tmp_path, b"3\n-4\n5\n", tf.int64, TI.LINE_NUMBER, tf.string, TI.WHOLE_LINE)
    assert ls(t.lookup(tf.constant([0, 1, 2, 3], tf.int64))) == [b"3", b"-4", b"5", b"UNK"]
    t = text_table(tmp_path, vocab, tf.string, 0, tf.int64, TI.LINE_NUMBER, delimiter=" ", value_index_offset=3)
    assert ls(t.lookup(tf.constant(["lake"]))) == [4]
    t = text_table(tmp_path, b"1\n2\n", tf.int64, TI.LINE_NUMBER, tf.string, TI.WHOLE_LINE, value_index_offset=2)
    assert ls(t.lookup(tf.constant([2, 3], tf.int64))) == [b"1", b"2"]
    t = text_table(tmp_path, vocab, tf.string, 0, tf.int64, 1, delimiter=" ", vocab_size=2)
    assert int(t.size()) == 2 and ls(t.lookup(tf.constant(["palmer"]))) == [-1]


def test_text_file_line_handling(tmp_path):
    t = text_table(tmp_path, b"a 1\r\nb 2", tf.string, 0, tf.int64, 1, delimiter=" ")
    assert ls(t.lookup(tf.constant(["a", "b"]))) == [1, 2]  # CRLF and a last line without newline
    t = text_table(tmp_path, b"a\rb\n", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER)
    assert ls(t.lookup(tf.constant(["a\rb"]))) == [0]
    t = text_table(tmp_path, b"a,,b\n", tf.string, 1, tf.int64, TI.LINE_NUMBER, delimiter=",")
    assert ls(t.lookup(tf.constant([""]))) == [0]
    t = text_table(tmp_path, b" a\n", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER)
    assert ls(t.lookup(tf.constant([" a", "a"]))) == [0, -1]


def test_text_file_number_parsing(tmp_path):
    def value(field, dt, default=-1):
        t = text_table(tmp_path, b"a," + field + b"\n", tf.string, 0, dt, 1, default, delimiter=",")
        return ls(t.lookup(tf.constant(["a"])))[0]

    for field in (b" 5", b"+5", b"5 ", b"05"):
        assert value(field, tf.int64) == 5 and value(field, tf.int32) == 5
    assert value(b"2147483648", tf.int64) == 2147483648
    for field, dt, name in ((b"0x5", tf.int64, "int64"), (b"2147483648", tf.int32, "int32"), (b"", tf.int64, "int64"),
                            (b"1.5", tf.int64, "int64"), (b"9223372036854775808", tf.int64, "int64"),
                            (b"1.5x", tf.float32, "float"), (b"", tf.float32, "float")):
        with pytest.raises(InvalidArgumentError, match=f"Field {field.decode()} in line 0 is not a valid {name}."):
            value(field, dt, -1.0 if dt == tf.float32 else -1)
    for field, want in ((b" 1.5", 1.5), (b"1.5 ", 1.5), (b".5", 0.5), (b"1e40", np.inf), (b"-inf", -np.inf),
                        (b"Infinity", np.inf), (b"0x1p3", 8.0)):
        assert value(field, tf.float32, -1.0) == want
    assert np.isnan(value(b"NaN", tf.float32, -1.0))
    assert value(b"1.5", tf.float64, -1.0) == 1.5


def test_text_file_errors(tmp_path):
    cases = [
        (b"a\nb\n\nc\n", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER, {},
         InvalidArgumentError, r"Invalid content in .*f[0-9]+.txt: empty line found at position 5."),
        (b"a\n\n", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER, {},
         InvalidArgumentError, "empty line found at position 3."),
        (b"a\nb\na\n", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER, {},
         FailedPreconditionError, "HashTable has different value for same key. Key a has 0 and trying to add value 2"),
        (b"a 1\nb\n", tf.string, 0, tf.int64, 1, {"delimiter": " "},
         InvalidArgumentError, r"Invalid number of columns in .*f[0-9]+.txt line 1 \(b\) : expected at least 2 got 1"),
        (b"emerson 10\n", tf.string, 0, tf.int64, 5, {"delimiter": " "},
         InvalidArgumentError, r"line 0 \(emerson 10\) : expected at least 6 got 2"),
        (b"a x\n", tf.string, 0, tf.int64, 1, {"delimiter": " "},
         InvalidArgumentError, "Field x in line 0 is not a valid int64."),
        (b"a\n", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER, {"vocab_size": 3},
         InvalidArgumentError, r"Invalid vocab_size in .*f[0-9]+.txt: expected 3 but got 1"),
        (b"a true\n", tf.string, 0, tf.bool, 1, {"delimiter": " "},
         InvalidArgumentError, "Data type bool not supported."),
        (b"a 1\n", tf.string, 0, tf.int64, 1, {"delimiter": "  "},
         InvalidArgumentError, "delimiter should be only 1 char"),
        (b"", tf.string, TI.WHOLE_LINE, tf.int64, TI.LINE_NUMBER, {},
         OutOfRangeError, "Read less bytes than requested"),
    ]
    for content, kd, ki, vd, vi, kw, err, msg in cases:
        with pytest.raises(err, match=msg):
            text_table(tmp_path, content, kd, ki, vd, vi, False if vd == tf.bool else None, **kw)
    with pytest.raises(NotFoundError, match="nope.txt; No such file or directory"):
        tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(str(tmp_path / "nope.txt"), tf.string, 0, tf.int64, 1),
                                  -1)


def test_text_file_initializer_argument_errors():
    TFI = tf.lookup.TextFileInitializer
    with pytest.raises(ValueError, match="`filename` argument required for tf.lookup.TextFileInitializer"):
        TFI("", tf.string, 0, tf.int64, 1)
    with pytest.raises(ValueError, match="`key_index` should be >= -2, received: -3."):
        TFI("v.txt", tf.string, -3, tf.int64, 1)
    with pytest.raises(ValueError, match="`key_dtype` must be int64 if `key_index` is -1, received: <dtype: 'string'>"):
        TFI("v.txt", tf.string, TI.LINE_NUMBER, tf.int64, 1)
    with pytest.raises(ValueError, match="`key_dtype` should be either integer or string for `key_index` -2, "
                                         "received: <dtype: 'float32'>"):
        TFI("v.txt", tf.float32, TI.WHOLE_LINE, tf.int64, 1)
    with pytest.raises(ValueError, match="`value_dtype` must be int64 for `value_index` -1, received: <dtype: 'int32'>"):
        TFI("v.txt", tf.string, 0, tf.int32, TI.LINE_NUMBER)
    with pytest.raises(ValueError, match="`value_dtype` should be either integer or string for `value_index` -2"):
        TFI("v.txt", tf.string, 0, tf.float32, TI.WHOLE_LINE)
    with pytest.raises(ValueError, match="`vocab_size` should be > 0, received: 0"):
        TFI("v.txt", tf.string, 0, tf.int64, 1, vocab_size=0)
    init = TFI("v.txt", "string", 0, "int64", 1)
    assert (init.key_dtype, init.value_dtype) == (tf.string, tf.int64)
    assert (TI.WHOLE_LINE, TI.LINE_NUMBER) == (-2, -1)


# --- StaticVocabularyTable --------------------------------------------------------------------------------------


def test_vocabulary_table_buckets_match_tf():
    init = KV(WORDS[:3], tf.constant([0, 1, 2], tf.int64))
    t = tf.lookup.StaticVocabularyTable(init, 5)
    ids = t.lookup(tf.constant(WORDS))
    assert ids.dtype == tf.int64 and ls(ids) == [0, 1, 2, 6, 7, 6, 6, 7, 6, 7, 7, 6]
    assert int(t.size()) == 8 and (t.key_dtype, t.value_dtype, t.name) == (tf.string, tf.int64, None)
    assert ls(t[tf.constant("lake")]) == 1
    none = tf.lookup.StaticVocabularyTable(None, 1000)
    assert ls(none.lookup(tf.constant(WORDS))) == [618, 256, 257, 638, 594, 263, 88, 254, 783, 829, 114, 928]
    assert int(none.size()) == 1000 and none.name == "hash_bucket"
    # a key whose vocabulary id is -1 counts as out of vocabulary, as in TF
    t = tf.lookup.StaticVocabularyTable(KV(["a", "b"], tf.constant([-1, 7], tf.int64)), 2)
    assert ls(t.lookup(tf.constant(["a", "b", "c"]))) == [3, 7, 2]


def test_vocabulary_table_integer_keys():
    ints = [10, 20, -5, 0, 2**40, -2**63, 2**63 - 1, 7, 123456789]
    init = KV(tf.constant([10, 20], tf.int64), tf.constant([0, 1], tf.int64))
    t = tf.lookup.StaticVocabularyTable(init, 7)
    assert t.key_dtype == tf.int64
    assert ls(t.lookup(tf.constant(ints, tf.int64))) == [0, 1, 2, 4, 2, 5, 4, 4, 5]
    t32 = tf.lookup.StaticVocabularyTable(init, 3, lookup_key_dtype=tf.int32)
    assert t32.key_dtype == tf.int32
    assert ls(t32.lookup(tf.constant([10, 30, -5, 20], tf.int32))) == [0, 4, 2, 1]
    with pytest.raises(TypeError, match="Dtype of argument `keys` must be <dtype: 'int64'>, received: <dtype: 'int32'>"):
        tf.lookup.StaticVocabularyTable(init, 3).lookup(tf.constant([10], tf.int32))


def test_vocabulary_table_sparse_and_ragged():
    t = tf.lookup.StaticVocabularyTable(KV(WORDS[:3], tf.constant([0, 1, 2], tf.int64)), 3)
    sp = t.lookup(tf.SparseTensor([[0, 0], [1, 2]], ["lake", "zz"], [2, 3]))
    assert ls(sp.indices) == [[0, 0], [1, 2]] and ls(sp.values) == [1, 4]
    assert t.lookup(tf.ragged.constant([["lake", "zz"], ["x"]])).to_list() == [[1, 4], [5]]


def test_vocabulary_table_errors():
    init = KV(WORDS[:3], tf.constant([0, 1, 2], tf.int64))
    with pytest.raises(ValueError, match="`num_oov_buckets` must be > 0; use StaticHashTable."):
        tf.lookup.StaticVocabularyTable(init, 0)
    with pytest.raises(TypeError, match=r"Invalid `value_dtype`, expected <dtype: 'int64'> but got <dtype: 'int32'>."):
        tf.lookup.StaticVocabularyTable(KV(["a"], [1]), 3)
    with pytest.raises(TypeError, match=r"Invalid `key_dtype`, expected one of \(tf.int64, tf.string\), but got "
                                        r"<dtype: 'int32'>."):
        tf.lookup.StaticVocabularyTable(KV([1, 2], tf.constant([0, 1], tf.int64)), 3)
    with pytest.raises(TypeError, match="Invalid `key_dtype`, expected integer but got <dtype: 'string'>."):
        tf.lookup.StaticVocabularyTable(init, 3, lookup_key_dtype=tf.int32)
    with pytest.raises(TypeError, match="Dtype of argument `keys` must be <dtype: 'string'>, received: <dtype: 'int64'>"):
        tf.lookup.StaticVocabularyTable(None, 3).lookup(tf.constant([1], tf.int64))


# --- MutableHashTable -------------------------------------------------------------------------------------------


def test_mutable_hash_table_operations():
    t = MHT(tf.string, tf.int64, -1)
    assert (t.key_dtype, t.value_dtype, t.name, int(t.size())) == (tf.string, tf.int64, None, 0)
    assert t.insert(["a", "b"], [1, 2]) is None
    assert ls(t.lookup(["a", "z"])) == [1, -1]
    assert ls(t.lookup(tf.constant([["a", "z"]]))) == [[1, -1]]
    assert ls(t[["a", "z"]]) == [1, -1]
    t.insert("c", 3)
    t.insert(["a", "a"], [5, 6])  # the last one wins
    assert ls(t.lookup(["a"])) == [6]
    t.remove(tf.constant(["b", "zz"]))
    t.remove(tf.constant(["c"]))
    assert int(t.size()) == 1
    keys, values = t.export()
    assert (ls(keys), ls(values)) == ([b"a"], [6])
    t.insert([["x", "y"]], [[8, 9]])
    assert ls(t.lookup(["x", "y"])) == [8, 9]
    b = MHT(tf.string, tf.bool, False)
    b.insert(["a"], [True])
    assert ls(b.lookup(["a", "b"])) == [True, False]
    s = MHT(tf.int64, tf.string, "x")
    s.insert([5], ["five"])
    assert ls(s.lookup([1, 5])) == [b"x", b"five"]


def test_mutable_hash_table_export_order_matches_tf():
    t = MHT(tf.string, tf.int64, -1)
    t.insert([f"w{i}" for i in range(20)], list(range(20)))
    t.remove(tf.constant(["w3", "w7", "w11", "nope"]))
    t.insert(["w3", "zz", "w0"], [30, 40, 50])
    keys, values = t.export()
    assert ls(keys) == [b"zz", b"w17", b"w16", b"w15", b"w19", b"w13", b"w0", b"w1", b"w14", b"w2", b"w3", b"w6",
                        b"w10", b"w18", b"w4", b"w8", b"w9", b"w5", b"w12"]
    assert ls(values) == [40, 17, 16, 15, 19, 13, 50, 1, 14, 2, 30, 6, 10, 18, 4, 8, 9, 5, 12]
    t = MHT(tf.int64, tf.int64, -1)
    t.insert(list(range(40)), list(range(40)))
    assert ls(t.export()[0]) == [39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
                                 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28]
    t.remove(tf.constant([0, 13, 39, 100], tf.int64))
    assert ls(t.export()[0]) == [38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 14, 15,
                                 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28]
    for dt in (tf.int64, tf.int32):
        t = MHT(dt, tf.int32 if dt == tf.int32 else tf.int64, -1)
        for k in (5, 100, 3, 17, 2):
            t.insert([k], [k])
        assert ls(t.export()[0]) == [2, 17, 3, 100, 5]
    t = MHT(tf.int64, tf.int64, -1)
    t.insert([0, 13, 26, 1, 14], [0, 0, 0, 0, 0])
    assert ls(t.export()[0]) == [14, 1, 26, 13, 0]


def test_mutable_hash_table_of_vectors():
    v = MHT(tf.int64, tf.float32, [0.0, 0.0])
    v.insert([1, 2], [[1.0, 2.0], [3.0, 4.0]])
    assert ls(v.lookup([1, 3])) == [[1.0, 2.0], [0.0, 0.0]]
    assert ls(v.lookup([[1, 3]])) == [[[1.0, 2.0], [0.0, 0.0]]]
    assert ls(v.lookup(1)) == [1.0, 2.0]
    keys, values = v.export()
    assert (ls(keys), ls(values)) == ([2, 1], [[3.0, 4.0], [1.0, 2.0]])
    assert v.lookup(tf.zeros([0], tf.int64)).shape == (0, 2)
    assert ls(v.lookup([1, 3], dynamic_default_values=tf.constant([[5.0, 5.0], [6.0, 6.0]]))) == [[1.0, 2.0], [6.0, 6.0]]
    assert ls(v.lookup([1, 3], dynamic_default_values=tf.constant([5.0, 6.0]))) == [[1.0, 2.0], [5.0, 6.0]]
    empty = MHT(tf.int64, tf.float32, [])
    assert empty.lookup([1]).shape == (1, 0)


def test_mutable_hash_table_dynamic_defaults():
    t = MHT(tf.string, tf.int64, -1)
    t.insert(["a", "b"], [1, 2])
    d = lambda x: tf.constant(x, tf.int64)  # noqa: E731
    assert ls(t.lookup(["a", "z"], dynamic_default_values=d([100, 200]))) == [1, 200]
    assert ls(t.lookup(["a", "z"], dynamic_default_values=d(7))) == [1, 7]
    assert ls(t.lookup([["a", "z"]], dynamic_default_values=d([[100, 200]]))) == [[1, 200]]
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[\] or \[2\] for default value, got \[1\]"):
        t.lookup(["a", "z"], dynamic_default_values=d([7]))
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[\] or \[1,2\] for default value, got \[2\]"):
        t.lookup([["a", "z"]], dynamic_default_values=d([100, 200]))
    with pytest.raises(InvalidArgumentError, match=r"Signature mismatch, have: resource, string, int32->int32 "
                                                   r"expected: resource, string, int64->int64"):
        t.lookup(["a", "z"], dynamic_default_values=[100, 200])


def test_mutable_hash_table_errors():
    t = MHT(tf.string, tf.int64, -1)
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[1\] for value, got \[2\]"):
        t.insert(["d"], [1, 2])
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[1,2\] for value, got \[2\]"):
        t.insert([["x2", "y2"]], [8, 9])
    with pytest.raises(TypeError, match=r"Cannot convert \[1\] to EagerTensor of dtype string"):
        t.insert([1], [2])
    with pytest.raises(TypeError, match=r"Cannot convert \[2.5\] to EagerTensor of dtype int64"):
        t.insert(["q"], [2.5])
    with pytest.raises(ValueError, match="values: Tensor conversion requested dtype int64 for Tensor with dtype int32"):
        t.insert(tf.constant([["x3", "y3"]]), tf.constant([[8, 9]]))
    with pytest.raises(ValueError, match="keys: Tensor conversion requested dtype string for Tensor with dtype int32"):
        t.lookup(tf.constant([1]))
    with pytest.raises(AttributeError, match="'list' object has no attribute 'dtype'"):
        t.remove(["b"])
    with pytest.raises(TypeError, match="Dtype of argument `keys` must be <dtype: 'string'>, received: <dtype: 'int32'>"):
        t.remove(tf.constant([1]))
    with pytest.raises(ValueError, match="Attempt to convert a value"):
        t.lookup(tf.SparseTensor([[0]], ["a"], [3]))
    with pytest.raises(InvalidArgumentError, match=r"Default value must be a vector, got shape \[1,2\]"):
        MHT(tf.int64, tf.float32, [[0.0, 0.0]])
    with pytest.raises(NotFoundError, match=r"MutableHashTableV2\[.*key_dtype=DT_INT32.*value_dtype=DT_INT64"):
        MHT(tf.int32, tf.int64, 0)
    with pytest.raises(NotFoundError, match=r"MutableHashTableV2\[.*key_dtype=DT_STRING.*value_dtype=DT_STRING"):
        MHT(tf.string, tf.string, "x")
    with pytest.raises(NotFoundError, match="MutableHashTableOfTensorsV2"):
        MHT(tf.int64, tf.bool, [False])
    with pytest.raises(TypeError, match="Cannot convert 0.5 to EagerTensor of dtype int64"):
        MHT(tf.int64, tf.int64, 0.5)
    v = MHT(tf.int64, tf.float32, [0.0, 0.0])
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[1,2\] for value, got \[1,3\]"):
        v.insert([5], [[1.0, 2.0, 3.0]])
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[2\] or \[2,2\] for default value, got \[3\]"):
        v.lookup([1, 3], dynamic_default_values=tf.constant([5.0, 6.0, 7.0]))


def test_lookup_results_are_not_differentiable():
    t = MHT(tf.int64, tf.float32, 0.0)
    t.insert([1], [2.0])
    d = tf.constant(5.0)
    with tf.GradientTape() as g:
        g.watch(d)
        y = t.lookup([1, 2], dynamic_default_values=tf.stack([d, d]))
    assert ls(y) == [2.0, 5.0] and g.gradient(y, d) is None
    s = tf.lookup.StaticHashTable(KV(["a"], [1.0]), 0.0)
    dv = tf.Variable(0.0)
    with tf.GradientTape() as g:
        y = s.lookup(tf.constant(["a", "b"])) * dv
    assert g.gradient(y, dv) is not None  # only the lookup is cut, not the product


# --- DenseHashTable ---------------------------------------------------------------------------------------------


def export(t):
    k, v = t.export()
    return ls(k), ls(v)


def test_dense_hash_table_layout_matches_tf():
    t = DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=8)
    t.insert([100, 37, 1000000007], [1, 2, 3])
    assert export(t) == ([[-1], [-1], [-1], [-1], [100], [37], [-1], [1000000007]],
                         [[0], [0], [0], [0], [1], [2], [0], [3]])
    t = DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=8)
    t.insert([5, 13, 21], [1, 2, 3])
    assert export(t)[0] == [[21], [-1], [-1], [-1], [-1], [5], [13], [-1]]
    t.remove(tf.constant([13], tf.int64))
    assert export(t)[0] == [[21], [-1], [-1], [-1], [-1], [5], [-2], [-1]] and int(t.size()) == 2
    t.insert([21], [9])  # TF reuses the first deleted bucket: the key is then stored twice
    assert export(t) == ([[21], [-1], [-1], [-1], [-1], [5], [21], [-1]], [[3], [0], [0], [0], [0], [1], [9], [0]])
    assert int(t.size()) == 3 and ls(t.lookup([21])) == [9]
    t.remove(tf.constant([21], tf.int64))
    assert int(t.size()) == 2 and ls(t.lookup([21])) == [3]


def test_dense_hash_table_growth_matches_tf():
    for n, keys in ((1, [[-1], [-1], [10], [-1]]), (3, [[12], [-1], [10], [11]]),
                    (4, [[-1], [-1], [10], [11], [12], [13], [-1], [-1]]),
                    (7, [[16], [-1], [-1], [-1], [-1], [-1], [-1], [-1], [-1], [-1], [10], [11], [12], [13], [14], [15]])):
        t = DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=4)
        t.insert(list(range(10, 10 + n)), list(range(n)))
        assert export(t)[0] == keys
    t = DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=4)
    t.insert([9, 5], [1, 2])
    t.remove(tf.constant([5], tf.int64))
    t.insert([13, 4], [7, 8])
    assert export(t) == ([[4], [9], [13], [-1]], [[8], [1], [7], [0]])
    t.insert([20, 21], [7, 8])
    assert export(t) == ([[-1], [9], [-1], [-1], [4], [13], [21], [20]], [[0], [1], [0], [0], [8], [7], [8], [7]])
    t = DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=4)
    t.insert([1, 2, 3], [1, 2, 3])
    t.insert([1, 2], [5, 6])  # growth counts the keys of the call, present or not
    assert export(t) == ([[-1], [1], [2], [3], [-1], [-1], [-1], [-1]], [[0], [5], [6], [3], [0], [0], [0], [0]])
    assert len(export(DHT(tf.int64, tf.int64, -1, -1, -2))[0]) == 131072


def test_dense_hash_table_strings_vectors_and_values():
    t = DHT(tf.string, tf.int64, -1, "", "$", initial_num_buckets=8)
    t.insert(["a", "b", "c"], [1, 2, 3])
    assert export(t) == ([[b""], [b""], [b"b"], [b""], [b"a"], [b"c"], [b""], [b""]],
                         [[0], [0], [2], [0], [1], [3], [0], [0]])
    t = DHT(tf.int64, tf.int64, -1, [-1, -1], [-2, -2], initial_num_buckets=1024)
    t.insert([[1, 2], [3, 4], [0, 0], [100, -7]], [1, 2, 3, 4])
    k, v = export(t)
    assert [(i, k[i], v[i]) for i in range(1024) if k[i] != [-1, -1]] == [
        (795, [100, -7], [4]), (896, [0, 0], [3]), (899, [1, 2], [1]), (903, [3, 4], [2])]
    assert ls(t.lookup([[1, 2], [5, 5]])) == [1, -1] and ls(t.lookup([[[1, 2]]])) == [[1]]
    t = DHT(tf.string, tf.int64, -1, ["", ""], ["$", "$"], initial_num_buckets=1024)
    t.insert([["a", "b"], ["xyz", ""]], [1, 2])
    k, _ = export(t)
    assert [(i, k[i]) for i in range(1024) if k[i] != [b"", b""]] == [(689, [b"xyz", b""]), (789, [b"a", b"b"])]
    t = DHT(tf.int32, tf.float32, 0.0, [9999, 9999], [9998, 9998], initial_num_buckets=64)
    t.insert(tf.constant([[-1, -2], [3, -4], [-100, 7], [5, 5]], tf.int32), [1.0, 2.0, 3.0, 4.0])
    k, _ = export(t)
    assert [(i, k[i]) for i in range(64) if k[i] != [9999, 9999]] == [
        (0, [5, 5]), (2, [-1, -2]), (28, [-100, 7]), (63, [3, -4])]
    t = DHT(tf.int64, tf.float32, [0.0, 0.0], -1, -2, initial_num_buckets=4)
    t.insert([7], [[1.0, 2.0]])
    assert export(t) == ([[-1], [-1], [-1], [7]], [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [1.0, 2.0]])
    assert ls(t.lookup(7)) == [1.0, 2.0] and ls(t.lookup([[3]])) == [[[0.0, 0.0]]]
    t = DHT(tf.string, tf.float32, 0.0, "", "$", 8)
    t.insert(["a"], [1.5])
    assert ls(t[["a", "b"]]) == [1.5, 0.0]
    assert (t.key_dtype, t.value_dtype, t.name) == (tf.string, tf.float32, None)


def test_dense_hash_table_errors():
    t = DHT(tf.int64, tf.float32, [0.0, 0.0], -1, -2, initial_num_buckets=4)
    for call in (lambda: t.insert([-1], [[1.0, 2.0]]), lambda: t.lookup([-1]),
                 lambda: t.remove(tf.constant([-1], tf.int64))):
        with pytest.raises(InvalidArgumentError, match="Using the empty_key as a table key is not allowed"):
            call()
    for call in (lambda: t.insert([-2], [[1.0, 2.0]]), lambda: t.lookup([-2])):
        with pytest.raises(InvalidArgumentError, match="Using the deleted_key as a table key is not allowed"):
            call()
    with pytest.raises(AttributeError, match="'list' object has no attribute 'dtype'"):
        t.remove([1])
    with pytest.raises(TypeError, match=r"Signature mismatch. Keys must be dtype <dtype: 'int64'>, got <dtype: 'int32'>."):
        t.erase(tf.constant([1], tf.int32))
    scalar = DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=4)
    with pytest.raises(InvalidArgumentError, match=r"Expected key shape \[2\] got \[2,2\]"):
        scalar.insert([[1, 2], [3, 4]], [[1, 2], [3, 4]])
    with pytest.raises(InvalidArgumentError, match=r"Expected key shape \[2\] got \[2,2\]"):
        scalar.lookup([[1, 2], [3, 4]])
    vec = DHT(tf.int64, tf.int64, -1, [-1, -1], [-2, -2], initial_num_buckets=1024)
    with pytest.raises(InvalidArgumentError, match=r"Expected key shape \[2,2\] got \[2\]"):
        vec.lookup([1, 2])
    with pytest.raises(InvalidArgumentError, match=r"Input key shape \[3\] must end with the table's key shape \[2\]"):
        vec.lookup([1, 2, 3])
    with pytest.raises(InvalidArgumentError, match=r"Input key shape \[\] must end with the table's key shape \[2\]"):
        vec.lookup(1)
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[\] for value, got \[1\]"):
        vec.insert([1, 2], [1])
    with pytest.raises(InvalidArgumentError, match=r"Expected shape \[1\] for value, got \[1,1\]"):
        vec.insert([[1, 2]], [[1]])
    with pytest.raises(InvalidArgumentError, match="Empty and deleted keys cannot be equal"):
        DHT(tf.int64, tf.int64, -1, -1, -1)
    with pytest.raises(InvalidArgumentError, match=r"Empty value must be a scalar or a vector, got shape \[2,2\]"):
        DHT(tf.int64, tf.int64, [[0, 0], [0, 0]], -1, -2, initial_num_buckets=4)
    with pytest.raises(InvalidArgumentError, match=r"Empty key must be a scalar or a vector, got shape \[1,1\]"):
        DHT(tf.int64, tf.int64, -1, [[-1]], [[-2]], initial_num_buckets=4)
    with pytest.raises(InvalidArgumentError, match=r"Empty and deleted keys must have same shape, got shapes: \[\] "
                                                   r"and \[1\]"):
        DHT(tf.int64, tf.int64, -1, -1, [-2])
    for n in (1, 2, 5, -4):
        with pytest.raises(InvalidArgumentError, match=f"Number of buckets must be at least 4 and a power of 2, got: {n}"):
            DHT(tf.int64, tf.int64, -1, -1, -2, initial_num_buckets=n)
    with pytest.raises(NotFoundError, match=r"MutableDenseHashTableV2\[.*key_dtype=DT_FLOAT.*value_dtype=DT_INT64"):
        DHT(tf.float32, tf.int64, -1, -1.0, -2.0, initial_num_buckets=4)
    with pytest.raises(NotFoundError, match=r"MutableDenseHashTableV2\[.*key_dtype=DT_STRING.*value_dtype=DT_STRING"):
        DHT(tf.string, tf.string, "", "", "$", initial_num_buckets=4)


def test_namespace():
    assert sorted(n for n in dir(tf.lookup.experimental) if not n.startswith("_")) == ["DenseHashTable",
                                                                                      "MutableHashTable"]
    with pytest.raises(AttributeError):
        tf.lookup.experimental.DatasetInitializer  # noqa: B018  (TF 2.21 has none here)
