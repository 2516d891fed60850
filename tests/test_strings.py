"""String tensors and tf.strings: every expected value/text below was printed by TensorFlow 2.21."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError, OutOfRangeError, UnimplementedError

S = tf.strings


def rt_list(x):
    return x.to_list()


# --- the string dtype and conversion -------------------------------------------------------------


def test_constant_printing_as_tf():
    x = tf.constant("Gray wolf")
    assert str(x) == "tf.Tensor(b'Gray wolf', shape=(), dtype=string)"
    assert repr(tf.constant("🥳👍")) == r"<tf.Tensor: shape=(), dtype=string, numpy=b'\xf0\x9f\xa5\xb3\xf0\x9f\x91\x8d'>"
    v = tf.constant(["a", "b", "c"])
    assert repr(v) == "<tf.Tensor: shape=(3,), dtype=string, numpy=array([b'a', b'b', b'c'], dtype=object)>"
    assert str(v) == "tf.Tensor([b'a' b'b' b'c'], shape=(3,), dtype=string)"
    assert repr(tf.constant([["a", "b"], ["c", "d"]])) == (
        "<tf.Tensor: shape=(2, 2), dtype=string, numpy=\narray([[b'a', b'b'],\n       [b'c', b'd']], dtype=object)>")
    assert str(tf.constant([b"\xff"])) == r"tf.Tensor([b'\xff'], shape=(1,), dtype=string)"


def test_numpy_values_are_object_arrays_of_bytes():
    x = tf.constant("héllo")
    assert type(x.numpy()) is bytes and x.numpy() == "héllo".encode()
    v = tf.constant(["a", b"b"]).numpy()
    assert v.dtype == object and v.tolist() == [b"a", b"b"]
    assert x.dtype == tf.string and x.dtype is tf.string and tf.string.as_numpy_dtype is object
    for arr in (np.array(["ab", "c"]), np.array([b"ab", b"c"]), np.array(["ab", "c"], dtype=object)):
        t = tf.constant(arr)
        assert t.dtype == tf.string and t.numpy().tolist() == [b"ab", b"c"]
    assert tf.constant(np.str_("hi")).numpy() == b"hi" and tf.constant(np.bytes_(b"hi")).numpy() == b"hi"
    assert tf.constant(["a\x00"]).numpy().tolist() == [b"a\x00"]  # no NumPy NUL stripping
    assert tf.constant([tf.constant("a"), "b"]).numpy().tolist() == [b"a", b"b"]
    assert tf.constant("a", shape=[2, 2]).numpy().tolist() == [[b"a", b"a"], [b"a", b"a"]]
    assert tf.constant([[], []], tf.string).shape == (2, 0)
    assert tf.convert_to_tensor("a", dtype_hint=tf.float32).dtype == tf.string


def test_string_dtype_properties():
    assert tf.as_dtype("string") is tf.string and tf.as_dtype(np.str_) is tf.string
    assert tf.as_dtype(object) is tf.string and tf.as_dtype(np.bytes_) is tf.string
    assert tf.string.size == 0 and not tf.string.is_floating
    with pytest.raises(TypeError, match="Cannot find minimum value of <dtype: 'string'>"):
        tf.string.min
    for bad in (str, bytes):
        with pytest.raises(TypeError):
            tf.as_dtype(bad)


@pytest.mark.parametrize("value", [[[1, 2], [3]], [["a"], ["b", "c"]], [["a"], []], [np.array([1, 2]), np.array([1])]])
def test_non_rectangular_sequences(value):
    with pytest.raises(ValueError, match=r"^Can't convert non-rectangular Python sequence to Tensor\.$"):
        tf.constant(value)
    with pytest.raises(ValueError, match="non-rectangular"):
        tf.convert_to_tensor(value)


def test_conversion_errors_as_tf():
    for value in (["a", 1], [b"a", 1.0], [1.5, "a"], [True, "a"], [[1, 2], [3, "a"]], [1, None]):
        with pytest.raises(ValueError, match=r"^Can't convert Python sequence with mixed types to Tensor\.$"):
            tf.constant(value)
    with pytest.raises(ValueError, match=r"Attempt to convert a value \(None\) with an unsupported type"):
        tf.constant(None)
    with pytest.raises(ValueError, match=r"Unsupported object type int"):
        tf.constant(np.array(["a", 1], dtype=object))
    with pytest.raises(TypeError, match="Cannot convert 'a' to EagerTensor of dtype int32"):
        tf.constant("a", dtype=tf.int32)
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        tf.constant(1, dtype=tf.string)
    with pytest.raises(TypeError, match="Expected tensor b'a' with dtype tf.int32, but got dtype tf.string"):
        tf.constant(tf.constant("a"), dtype=tf.int32)
    assert tf.constant(np.array(["1"]), dtype=tf.int32).numpy().tolist() == [1]  # TF parses NumPy text


def test_float64_lists_keep_full_precision():
    assert tf.constant([0.1, 1 / 3], tf.float64).numpy().tolist() == [0.1, 1 / 3]


def test_equality_and_concatenation():
    y = tf.constant(["b", "a", "b"])
    assert (y == "a").numpy().tolist() == [False, True, False]
    assert ("a" == y).numpy().tolist() == [False, True, False]
    assert (y != "b").numpy().tolist() == [False, True, False]
    assert tf.equal(y, ["a", "c", "b"]).numpy().tolist() == [False, False, True]
    assert (y == np.array(["a", "c", "b"])).numpy().tolist() == [False, False, True]
    assert tf.math.not_equal(y, y).numpy().tolist() == [False, False, False]
    assert ("a" + y).numpy().tolist() == [b"ab", b"aa", b"ab"]
    s = tf.constant("x")
    assert repr(s + s) == "<tf.Tensor: shape=(), dtype=string, numpy=b'xx'>"
    assert tf.add_n([s]).numpy() == b"x"
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        s == 1  # noqa: B015
    with pytest.raises(InvalidArgumentError):
        tf.equal(tf.constant(["a"]), tf.constant([1]))


@pytest.mark.parametrize("op", [
    lambda y: y * y, lambda y: y - y, lambda y: -y, lambda y: y / y, lambda y: tf.exp(y), lambda y: tf.abs(y),
    lambda y: tf.reduce_sum(y), lambda y: tf.reduce_max(y), lambda y: tf.maximum(y, y), lambda y: y < y,
    lambda y: tf.add_n([y, y]), lambda y: tf.where(y), lambda y: tf.ones_like(y), lambda y: tf.math.cumsum(y),
    lambda y: tf.square(y), lambda y: tf.sqrt(y), lambda y: tf.nn.relu(y), lambda y: tf.reduce_mean(y),
])
def test_numeric_ops_reject_strings(op):
    y = tf.constant(["b", "a"])
    with pytest.raises(InvalidArgumentError) as e:
        op(y)
    assert "string" in str(e.value)


def test_string_casts_are_unimplemented():
    with pytest.raises(UnimplementedError, match="Cast string to int32 is not supported"):
        tf.cast(tf.constant(["1"]), tf.int32)
    with pytest.raises(UnimplementedError, match="Cast int32 to string is not supported"):
        tf.cast(tf.constant([1]), tf.string)
    assert tf.cast(tf.constant(["1"]), tf.string).numpy().tolist() == [b"1"]


def test_shape_ops_and_creation_keep_bytes():
    y = tf.constant(["a", "b", "c"])
    assert repr(y[0]) == "<tf.Tensor: shape=(), dtype=string, numpy=b'a'>"
    assert tf.gather(y, 2).numpy() == b"c" and tf.reverse(y, [0]).numpy().tolist() == [b"c", b"b", b"a"]
    assert tf.reshape(y, [3, 1]).shape == (3, 1) and tf.concat([y, ["d"]], 0).numpy().tolist()[-1] == b"d"
    assert tf.stack(["a", "b"]).numpy().tolist() == [b"a", b"b"]
    assert tf.where([True, False, True], y, "z").numpy().tolist() == [b"a", b"z", b"c"]
    assert repr(tf.zeros([2], tf.string)) == "<tf.Tensor: shape=(2,), dtype=string, numpy=array([b'', b''], dtype=object)>"
    assert tf.zeros_like(tf.constant("q")).numpy() == b""
    assert tf.zeros_like(tf.constant([1]), tf.string).numpy().tolist() == [b""]
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        tf.ones([2], tf.string)
    assert tf.fill([2], "a").numpy().tolist() == [b"a", b"a"]
    v = tf.Variable(["a", "b"])
    assert repr(v) == "<tf.Variable 'Variable:0' shape=(2,) dtype=string, numpy=array([b'a', b'b'], dtype=object)>"
    v.assign(["c", "d"])
    assert v.numpy().tolist() == [b"c", b"d"]


def test_tf_data_with_strings():
    ds = tf.data.Dataset.from_tensor_slices(np.array(["ab", "c"]))
    assert [repr(e) for e in ds] == ["<tf.Tensor: shape=(), dtype=string, numpy=b'ab'>",
                                     "<tf.Tensor: shape=(), dtype=string, numpy=b'c'>"]
    assert list(tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).as_numpy_iterator()) == [b"a", b"b", b"c"]
    batches = list(tf.data.Dataset.from_tensor_slices((["ab", "c"], [1, 2])).batch(2))
    assert batches[0][0].numpy().tolist() == [b"ab", b"c"]
    mapped = tf.data.Dataset.from_tensor_slices({"s": np.array([b"x", b"y"])}).map(lambda d: d["s"] + "!")
    assert [e.numpy() for e in mapped] == [b"x!", b"y!"]
    kept = tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).filter(lambda s: s != "b")
    assert [e.numpy() for e in kept] == [b"a", b"c"]
    assert tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).reduce("", lambda a, b: a + b).numpy() == b"abc"
    gen = tf.data.Dataset.from_generator(lambda: iter(["a", "b"]), output_signature=tf.TensorSpec((), tf.string))
    assert [e.numpy() for e in gen] == [b"a", b"b"]
    assert [e.numpy() for e in tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).batch(2).unbatch()] == [
        b"a", b"b", b"c"]


# --- tf.strings -------------------------------------------------------------------------------------


def test_tensor_guide_examples():
    assert str(S.split(tf.constant("Gray wolf"), sep=" ")) == "tf.Tensor([b'Gray' b'wolf'], shape=(2,), dtype=string)"
    assert str(S.to_number(S.split(tf.constant("1 10 100"), " "))) == (
        "tf.Tensor([  1.  10. 100.], shape=(3,), dtype=float32)")
    assert str(S.bytes_split(tf.constant("Duck"))) == "tf.Tensor([b'D' b'u' b'c' b'k'], shape=(4,), dtype=string)"
    assert str(tf.io.decode_raw(tf.constant("Duck"), tf.uint8)) == (
        "tf.Tensor([ 68 117  99 107], shape=(4,), dtype=uint8)")
    assert S.unicode_split(tf.constant("アヒル 🦆"), "UTF-8").numpy().tolist() == [
        b"\xe3\x82\xa2", b"\xe3\x83\x92", b"\xe3\x83\xab", b" ", b"\xf0\x9f\xa6\x86"]
    assert str(S.unicode_decode(tf.constant("アヒル 🦆"), "UTF-8")) == (
        "tf.Tensor([ 12450  12498  12523     32 129414], shape=(5,), dtype=int32)")


def test_as_string():
    f = tf.constant([3.14159265, 1e10, 1e-5, 100.0])
    assert S.as_string(f).numpy().tolist() == [b"3.141593", b"10000000000.000000", b"0.000010", b"100.000000"]
    assert S.as_string(f, precision=3).numpy().tolist() == [b"3.142", b"10000000000.000", b"0.000", b"100.000"]
    assert S.as_string(f, scientific=True).numpy().tolist() == [
        b"3.141593e+00", b"1.000000e+10", b"1.000000e-05", b"1.000000e+02"]
    assert S.as_string(f, shortest=True).numpy().tolist() == [b"3.14159", b"1e+10", b"1e-05", b"100"]
    assert S.as_string(tf.constant([1, 22, -333]), width=5, fill="0").numpy().tolist() == [b"00001", b"00022", b"-0333"]
    assert S.as_string(tf.constant([1, -2]), width=5, fill="+").numpy().tolist() == [b"   +1", b"   -2"]
    assert S.as_string(tf.constant([5], tf.uint32), fill="+").numpy().tolist() == [b"5"]
    assert S.as_string(tf.constant([True, False])).numpy().tolist() == [b"true", b"false"]
    assert S.as_string(tf.constant([1 + 2j], tf.complex128), precision=2).numpy().tolist() == [b"(1.00,2.00)"]
    assert S.as_string(tf.constant([np.nan, np.inf, -np.inf, -np.nan])).numpy().tolist() == [
        b"nan", b"inf", b"-inf", b"-nan"]
    assert S.as_string(tf.constant([123456789.0])).numpy().tolist() == [b"123456792.000000"]
    assert tf.as_string(1.5).numpy() == b"1.500000"
    for kwargs, msg in [({"fill": "ab"}, "Fill string must be one or fewer characters"),
                        ({"fill": "x"}, 'Fill argument not supported: "x"'),
                        ({"scientific": True, "shortest": True}, "Cannot select both scientific and shortest")]:
        with pytest.raises(InvalidArgumentError, match=msg):
            S.as_string(tf.constant([1.5]), **kwargs)
    with pytest.raises(InvalidArgumentError, match="precision not supported for datatype int8"):
        S.as_string(tf.constant([1], tf.int8), precision=2)


def test_join_length_case_strip():
    assert S.join(["a", "b", "c"], separator="-").numpy() == b"a-b-c"
    assert S.join([tf.constant(["a", "b"]), "x"]).numpy().tolist() == [b"ax", b"bx"]
    assert S.join([]).numpy() == b""
    with pytest.raises(InvalidArgumentError, match=r"Input shapes do not match: \[2\] vs. \[3\]"):
        S.join([tf.constant(["a", "b"]), tf.constant(["c", "d", "e"])])
    with pytest.raises(ValueError, match="dtype string"):
        S.join([tf.constant([1]), "a"])
    words = tf.constant(["hello", "héllo", "", "🦆"])
    assert S.length(words).numpy().tolist() == [5, 6, 0, 4] and S.length(words).dtype == tf.int32
    assert S.length(words, unit="UTF8_CHAR").numpy().tolist() == [5, 5, 0, 1]
    with pytest.raises(InvalidArgumentError, match='Value for attr \'unit\' of "CHAR"'):
        S.length("abc", unit="CHAR")
    assert S.lower(["HeLLo", "ÀÉ"]).numpy().tolist() == [b"hello", "ÀÉ".encode()]
    assert S.lower(["ÀÉ", "İ"], encoding="utf-8").numpy().tolist() == ["àé".encode(), b"i\xcc\x87"]
    assert S.upper(["ß", "ﬁ", "àé"], encoding="utf-8").numpy().tolist() == [b"SS", b"FI", "ÀÉ".encode()]
    assert S.upper([b"\xff abc", b"ab\x00cd"], encoding="utf-8").numpy().tolist() == [b"\xef\xbf\xbd ABC", b"AB"]
    with pytest.raises(InvalidArgumentError, match="only utf-8 or '' \\(no encoding\\) is supported, received UTF-8"):
        S.upper("a", encoding="UTF-8")
    assert S.strip(["  hi  ", "\tx\n", "\x0b\x0cy\r", "\xa0z"]).numpy().tolist() == [b"hi", b"x", b"y", b"\xc2\xa0z"]


def test_bytes_split_and_ragged_results():
    assert rt_list(S.bytes_split(["hello", "", "ab"])) == [[b"h", b"e", b"l", b"l", b"o"], [], [b"a", b"b"]]
    r = S.bytes_split(tf.constant([["ab", "c"], ["", "d"]]))
    assert rt_list(r) == [[[b"a", b"b"], [b"c"]], [[], [b"d"]]] and r.shape.as_list() == [2, 2, None]
    assert S.bytes_split("héllo").numpy().tolist() == [b"h", b"\xc3", b"\xa9", b"l", b"l", b"o"]


def test_reduce_join():
    x = tf.constant([["a", "b"], ["c", "d"]])
    assert S.reduce_join(x).numpy() == b"abcd"
    assert S.reduce_join(x, axis=0).numpy().tolist() == [b"ac", b"bd"]
    assert S.reduce_join(x, axis=-1, keepdims=True, separator="-").numpy().tolist() == [[b"a-b"], [b"c-d"]]
    assert S.reduce_join(x, axis=[0, 1], separator=",").numpy() == b"a,c,b,d"
    assert S.reduce_join(x, axis=[1, 0], separator=",").numpy() == b"a,b,c,d"
    assert S.reduce_join(x, keepdims=True).shape == (1, 1)
    assert S.reduce_join(tf.constant([], tf.string)).numpy() == b""
    assert S.reduce_join(tf.zeros([2, 0], tf.string), axis=1).numpy().tolist() == [b"", b""]
    with pytest.raises(OutOfRangeError, match=r"Invalid reduction dimension 2 for input with 2 dimension\(s\)"):
        S.reduce_join(x, axis=2)
    with pytest.raises(InvalidArgumentError, match="Duplicate reduction dimension 1"):
        S.reduce_join(x, axis=[1, 1])


def test_format():
    assert S.format("Hello {}!", tf.constant("World")).numpy() == b'Hello "World"!'
    assert S.format("x={} y={}", (tf.constant([1, 2, 3]), tf.constant(2.5))).numpy() == b"x=[1 2 3] y=2.5"
    assert S.format("{}", tf.constant(np.arange(10))).numpy() == b"[0 1 2 ... 7 8 9]"
    assert S.format("{}", tf.constant(np.arange(10)), summarize=-1).numpy() == b"[0 1 2 3 4 5 6 7 8 9]"
    assert S.format("{}", tf.constant(np.arange(12).reshape(3, 4) * 1.5)).numpy() == (
        b"[[0 1.5 3 4.5]\n [6 7.5 9 10.5]\n [12 13.5 15 16.5]]")
    assert S.format("{}", tf.constant(np.arange(8).reshape(2, 2, 2))).numpy() == b"[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]"
    assert S.format("{}", tf.constant(np.arange(7).reshape(7, 1))).numpy() == (
        b"[[0]\n [1]\n [2]\n ...\n [4]\n [5]\n [6]]")
    assert S.format("{}", tf.constant(np.arange(24).reshape(2, 3, 4)), summarize=1).numpy() == (
        b"[[[0 ... 3]\n  ...\n  [8 ... 11]]\n\n [[12 ... 15]\n  ...\n  [20 ... 23]]]")
    assert S.format("{}", tf.constant([0.1, 1e-7, 123456.7])).numpy() == b"[0.1 1e-07 123456.703]"
    assert S.format("{}", tf.constant([0.1, 1 / 3], tf.float64)).numpy() == b"[0.1 0.33333333333333331]"
    assert S.format("{}", tf.constant([True, False])).numpy() == b"[1 0]"
    assert S.format("{}", tf.constant([1 + 2j])).numpy() == b"[?]"
    assert S.format("{}", tf.zeros([1, 0])).numpy() == b"[\n ...]"
    assert S.format("{}", tf.zeros([0, 3])).numpy() == b"[]"
    assert S.format("{}", tf.constant([b"q\"r", b"\n\x01", "é"])).numpy() == b'["q\\"r" "\\n\\001" "\xc3\xa9"]'
    assert S.format("%s", [tf.constant(1)], placeholder="%s").numpy() == b"1"
    with pytest.raises(ValueError, match="The template expects 2 tensors, but the inputs only has 1"):
        S.format("a {} b {}", [tf.constant(1)])


def test_ngrams():
    d = tf.constant(["a", "b", "c", "d"])
    assert S.ngrams(d, 2).numpy().tolist() == [b"a b", b"b c", b"c d"]
    assert S.ngrams(d, [1, 3], separator="_").numpy().tolist() == [b"a", b"b", b"c", b"d", b"a_b_c", b"b_c_d"]
    assert S.ngrams(["a", "b"], 3).numpy().tolist() == []
    assert S.ngrams(["a", "b"], 3, preserve_short_sequences=True).numpy().tolist() == [b"a b"]
    assert S.ngrams(["a", "b", "c"], 2, pad_values=("<s>", "</s>")).numpy().tolist() == [
        b"<s> a", b"a b", b"b c", b"c </s>"]
    assert S.ngrams(["a", "b", "c"], 3, pad_values="#", padding_width=1).numpy().tolist() == [
        b"# a b", b"a b c", b"b c #"]
    assert S.ngrams(tf.constant([["a", "b", "c"], ["d", "e", "f"]]), 2).numpy().tolist() == [
        [b"a b", b"b c"], [b"d e", b"e f"]]
    r = tf.RaggedTensor.from_row_lengths(["a", "b", "c", "d"], [3, 1])
    assert rt_list(S.ngrams(r, 2)) == [[b"a b", b"b c"], []]
    assert rt_list(S.ngrams(r, 2, preserve_short_sequences=True)) == [[b"a b", b"b c"], [b"d"]]
    e = tf.RaggedTensor.from_row_lengths(tf.constant(["a", "b"]), [2, 0])
    assert rt_list(S.ngrams(e, 2, pad_values="#")) == [[b"# a", b"a b", b"b #"], [b"# #"]]
    assert S.ngrams(tf.constant([], tf.string), 2, pad_values="#").numpy().tolist() == []
    with pytest.raises(ValueError, match="Data must have rank>0"):
        S.ngrams(tf.constant("a"), 2)
    with pytest.raises(ValueError, match=r"All ngram_widths must be greater than 0. Got \[1, 0\]"):
        S.ngrams(d, [1, 0])
    with pytest.raises(ValueError, match="pad_values must be provided if padding_width is set."):
        S.ngrams(d, 2, padding_width=1)
    with pytest.raises(TypeError, match="pad_values must be a string, tuple of strings, or None."):
        S.ngrams(d, 2, pad_values=1)


def test_regex():
    assert S.regex_full_match(["abc", "ab", "xabc"], "a.c").numpy().tolist() == [True, False, False]
    assert S.regex_full_match(["aé"], "a.").numpy().tolist() == [True]  # "." is one character
    assert S.regex_full_match(["a\nb"], "a.b").numpy().tolist() == [False]
    r = S.regex_replace(["hello world", "aaa"], "o|a", "0")
    assert r.numpy().tolist() == [b"hell0 w0rld", b"000"]
    assert S.regex_replace(["hello world"], "o", "0", replace_global=False).numpy().tolist() == [b"hell0 world"]
    assert S.regex_replace("Text with tags.<br /><b>contains html</b>", "<[^>]+>", " ").numpy() == (
        b"Text with tags.  contains html ")
    assert S.regex_replace("john smith", r"(\w+) (\w+)", r"\2 \1").numpy() == b"smith john"
    cases = [("abc", "", "-", b"-a-b-c-"), ("abxd", "x*", "-", b"-a-b-d-"), ("aaa", "a*?", "-", b"-a-a-a-"),
             ("abc", "b", r"\0\0", b"abbc"), ("abc", "b", r"\\", b"a\\c"), ("abc", "(b)", r"\2", b"abc"),
             ("aé_b", r"\w+", "_", b"_\xc3\xa9_"), ("x", "[[:alpha:]]", "A", b"A"), ("aXb", r"\p{Lu}", "_", b"a_b"),
             ("a{,2}", "a{,2}", "_", b"_"), ("aab", "a{,2}", "_", b"aab"), ("a.b", r"\Qa.\E", "_", b"_b"),
             ("ab", r"b\z", "_", b"a_"), ("a\nb", "(?m)^b", "x", b"a\nx"), ("a\nb", "^b", "x", b"a\nb"),
             ("ABC", "(?i)b", "x", b"AxC"), ("ab", "(?U)a+", "x", b"xb"), ("a b", r"\b", "|", b"|a| |b|"),
             (b"a\xffb", ".", "x", b"x\xffx"), ("a1b22", r"\d+", "#", b"a#b#"), ("a b\tc", r"\s", "_", b"a_b_c")]
    for text, pattern, rewrite, want in cases:
        assert S.regex_replace(tf.constant([text]), pattern, rewrite).numpy().tolist() == [want], (pattern, text)
    for pattern, msg in [("(unclosed", "missing \\)"), ("(a)(?=b)", r"invalid perl operator: \(\?="),
                         (r"(a)\1", r"invalid escape sequence: \\1")]:
        with pytest.raises(InvalidArgumentError, match=msg):
            S.regex_replace(["ab"], pattern, "x")
    with pytest.raises(InvalidArgumentError, match="invalid rewrite pattern"):
        S.regex_replace(["ab"], "a", "x\\y")


def test_split():
    assert rt_list(S.split(["hello world", "a b c", ""])) == [[b"hello", b"world"], [b"a", b"b", b"c"], []]
    assert S.split("  a  b  ").numpy().tolist() == [b"a", b"b"]
    assert S.split("  a  b  ", sep=" ").numpy().tolist() == [b"", b"", b"a", b"", b"b", b"", b""]
    assert S.split("a,b,,c", sep=",", maxsplit=1).numpy().tolist() == [b"a", b"b,,c"]
    assert S.split("a b c d", maxsplit=2).numpy().tolist() == [b"a", b"b", b"c d"]
    assert S.split("  ,,  a,,   ", maxsplit=2).numpy().tolist() == [b",,", b"a,,", b""]
    assert S.split(" bba", maxsplit=1).numpy().tolist() == [b"bba", b""]
    assert S.split("\t", maxsplit=0).numpy().tolist() == [b"\t"]
    assert S.split("", sep=",").numpy().tolist() == [b""] and S.split("").numpy().tolist() == []
    assert S.split("a<>b<>c", sep="<>").numpy().tolist() == [b"a", b"b", b"c"]
    assert S.split("a\xa0b").numpy().tolist() == [b"a\xc2\xa0b"]
    r = S.split(tf.constant([["a b"], ["c"]]))
    assert rt_list(r) == [[[b"a", b"b"]], [[b"c"]]] and r.shape.as_list() == [2, 1, None]
    nested = tf.RaggedTensor.from_row_lengths(["a b", "c", "d e f"], [2, 1])
    assert rt_list(S.split(nested)) == [[[b"a", b"b"], [b"c"]], [[b"d", b"e", b"f"]]]


def test_substr():
    assert S.substr(["Hello", "World"], 1, 3).numpy().tolist() == [b"ell", b"orl"]
    assert S.substr("Hello", -3, 2).numpy() == b"ll" and S.substr("Hello", 5, 2).numpy() == b""
    assert S.substr("Hello", 1, -1).numpy() == b"ello"
    assert S.substr("héllo", 1, 2, unit="UTF8_CHAR").numpy() == b"\xc3\xa9l"
    assert S.substr("héllo", 1, 2).numpy() == b"\xc3\xa9"
    assert S.substr("héllo", 1, -1, unit="UTF8_CHAR").numpy() == b""
    assert S.substr(["Hello", "World"], [1, 2], [2, 3]).numpy().tolist() == [b"el", b"rld"]
    assert S.substr(tf.constant([["ab", "cd"], ["ef", "gh"]]), [0, 1], [1, 1]).numpy().tolist() == [
        [b"a", b"d"], [b"e", b"h"]]
    assert S.substr("Hello", [1, 2], [1, 2]).numpy().tolist() == [b"e", b"ll"]
    assert S.substr([b"\xbf\xbf\x00"], 0, 2, unit="UTF8_CHAR").numpy().tolist() == [b"\xbf\xbf\x00"]
    with pytest.raises(InvalidArgumentError, match=r"pos 6 out of range for string b'Hello' at index 0"):
        S.substr("Hello", 6, 2)
    with pytest.raises(InvalidArgumentError, match=r"pos 3 out of range for string b'Wo' at index 1"):
        S.substr(["Hello", "Wo"], 3, 1)
    with pytest.raises(InvalidArgumentError, match="pos -1 out of range for string at index 0"):
        S.substr("hello", -1, -1, unit="UTF8_CHAR")
    with pytest.raises(InvalidArgumentError, match=r"pos and len should have the same shape, got: \[3\] vs. \[\]"):
        S.substr(["Hello", "World"], [1, 2, 3], 1)
    with pytest.raises(InvalidArgumentError):
        S.substr("Hello", 1.0, 2)


def test_to_number():
    assert str(S.to_number(["1.5", "-2e3", " 3", "inf", "nan", "0x10", "1e40"])) == (
        "tf.Tensor([ 1.5e+00 -2.0e+03  3.0e+00      inf      nan  1.6e+01      inf], shape=(7,), dtype=float32)")
    assert S.to_number(["12", "-7", " 0012 "], out_type=tf.int32).numpy().tolist() == [12, -7, 12]
    assert S.to_number(["12345678901"], out_type=tf.int64).numpy().tolist() == [12345678901]
    assert S.to_number(["0x1p3", "Infinity", "+.5", "1."]).numpy().tolist() == [8.0, np.inf, 0.5, 1.0]
    assert S.to_number(["4294967295"], out_type=tf.uint32).numpy().tolist() == [4294967295]
    assert S.to_number(["0.1"], out_type=tf.float64).numpy().tolist() == [0.1]
    for bad, dt in [("1.5", tf.int32), ("abc", tf.float32), ("", tf.float32), ("1_000", tf.float32),
                    ("1e", tf.float32), ("12345678901", tf.int32), ("-1", tf.uint32), ("0x1A", tf.int32),
                    ("1 2", tf.float32), ("１", tf.float32)]:
        with pytest.raises(InvalidArgumentError, match="StringToNumberOp could not correctly convert string"):
            S.to_number([bad], out_type=dt)
    with pytest.raises(InvalidArgumentError, match="Value for attr 'out_type' of uint8 is not in the list"):
        S.to_number(["1"], out_type=tf.uint8)


def test_hash_buckets_match_tf():
    strs = ["", "a", "Hello", "TensorFlow", "2.x", "x" * 17, "y" * 33, "z" * 64, "q" * 65, "héllo wörld " * 20]
    b = 2**62 + 7
    assert S.to_hash_bucket_fast(strs, b).numpy().tolist() == [
        1936946117179621441, 3694432073954588117, 1569640939275362418, 4265654129848386254, 943390013796179357,
        2082709914559524759, 3999049019338133239, 294799756062990872, 3080958293828885282, 1209488766930995157]
    assert S.to_hash_bucket(strs, b).numpy().tolist() == [
        105434511174508077, 2996632905371535868, 1802903312739808208, 4519201464338240499, 106544778936929478,
        4161156153655800097, 3468653955998158659, 160759053204327811, 1610706693071186600, 523958158545272862]
    assert S.to_hash_bucket_strong(strs, b, [12345, -678]).numpy().tolist() == [
        3683555764569887401, 1354186685320606987, 1285673800045898090, 1719235571134570277, 4296585407279951619,
        2447038948528951314, 4152338016667258939, 495691019118696735, 3524832535354438788, 1813373190419955333]
    assert S.to_hash_bucket_fast(["Hello", "TensorFlow", "2.x"], 3).numpy().tolist() == [0, 2, 2]
    r = S.to_hash_bucket_fast(tf.constant([["a", "b"], ["c", "d"]]), 10)
    assert r.dtype == tf.int64 and r.numpy().tolist() == [[9, 2], [2, 5]]
    with pytest.raises(InvalidArgumentError, match="Value for attr 'num_buckets' of 0 must be at least minimum 1"):
        S.to_hash_bucket_fast(["a"], 0)
    with pytest.raises(InvalidArgumentError, match="Key must have 2 elements"):
        S.to_hash_bucket_strong(["a"], 10, [1])


def test_unicode_decode_and_split():
    d = S.unicode_decode(["héllo", "", "🦆x"], "UTF-8")
    assert rt_list(d) == [[104, 233, 108, 108, 111], [], [129414, 120]] and d.dtype == tf.int32
    assert rt_list(S.unicode_decode([b"a\xffb", b"\xc3"], "UTF-8")) == [[97, 65533, 98], [65533]]
    assert rt_list(S.unicode_decode([b"a\xffb"], "UTF-8", errors="ignore")) == [[97, 98]]
    assert rt_list(S.unicode_decode([b"a\xffb"], "UTF-8", replacement_char=63)) == [[97, 63, 98]]
    assert rt_list(S.unicode_decode(["a\tb\n\x7f"], "UTF-8", replace_control_characters=True)) == [
        [97, 65533, 98, 65533, 127]]
    for raw, want in [(b"\xed\xa0\x80", [65533] * 3), (b"\xf0\x9f\xa6", [65533]), (b"\xe3\x82x", [65533, 120]),
                      (b"\xc0\xaf", [65533, 65533]), (b"\xf4\x90\x80\x80", [65533] * 4)]:
        assert rt_list(S.unicode_decode([raw], "UTF-8")) == [want]
    assert rt_list(S.unicode_decode([b"a\x00b"], "UTF-16-BE")) == [[24832, 65533]]
    assert rt_list(S.unicode_decode([b"\xd8\x00\x00"], "UTF-16-BE")) == [[65533]]
    assert rt_list(S.unicode_decode([b"\xff\xfea\x00"], "UTF-16")) == [[97]]
    assert rt_list(S.unicode_decode([b"\x00a"], "UTF-16")) == [[97]]
    assert rt_list(S.unicode_decode([b"\x00\x11\x00\x00"], "UTF-32-BE")) == [[65533]]
    assert rt_list(S.unicode_decode([b"abc\xe9"], "ISO-8859-1")) == [[97, 98, 99, 233]]
    assert rt_list(S.unicode_decode([b"a\x80"], "US-ASCII")) == [[97, 65533]]
    assert rt_list(S.unicode_decode(tf.constant([["ab", "c"], ["", "d"]]), "UTF-8")) == [
        [[97, 98], [99]], [[], [100]]]
    with pytest.raises(InvalidArgumentError, match="Invalid formatting on input string"):
        S.unicode_decode([b"a\xffb"], "UTF-8", errors="strict")
    with pytest.raises(InvalidArgumentError, match="replacement_char out of unicode codepoint range"):
        S.unicode_decode(["a"], "UTF-8", replacement_char=-1)
    with pytest.raises(InvalidArgumentError, match="Could not create converter for input encoding: EBCDIC"):
        S.unicode_decode(["a"], "EBCDIC")
    chars, offsets = S.unicode_decode_with_offsets(tf.constant("アヒル 🦆"), "UTF-8")
    assert offsets.numpy().tolist() == [0, 3, 6, 9, 10] and offsets.dtype == tf.int64
    c2, o2 = S.unicode_decode_with_offsets([b"a\xffb"], "UTF-8", errors="ignore")
    assert rt_list(c2) == [[97, 98]] and rt_list(o2) == [[0, 2]]
    assert rt_list(S.unicode_split(["héllo", "🦆x"], "UTF-8")) == [
        [b"h", b"\xc3\xa9", b"l", b"l", b"o"], [b"\xf0\x9f\xa6\x86", b"x"]]
    assert rt_list(S.unicode_split([b"a\xffb"], "UTF-8")) == [[b"a", b"\xef\xbf\xbd", b"b"]]
    sp, so = S.unicode_split_with_offsets("héllo", "UTF-8")
    assert sp.numpy().tolist() == [b"h", b"\xc3\xa9", b"l", b"l", b"o"] and so.numpy().tolist() == [0, 1, 3, 4, 5]
    with pytest.raises(InvalidArgumentError, match='output_encoding\' of "utf-8" is not in the list'):
        S.unicode_split(["ab"], "utf-8")


def test_unicode_encode_and_transcode():
    assert S.unicode_encode([72, 233, 128512], "UTF-8").numpy() == b"H\xc3\xa9\xf0\x9f\x98\x80"
    rows = tf.RaggedTensor.from_row_lengths(tf.constant([72, 105, 128512]), [2, 1])
    assert S.unicode_encode(rows, "UTF-8").numpy().tolist() == [b"Hi", b"\xf0\x9f\x98\x80"]
    assert S.unicode_encode(tf.constant([[72, 105], [97, 98]]), "UTF-16-BE").numpy().tolist() == [
        b"\x00H\x00i", b"\x00a\x00b"]
    assert S.unicode_encode([72, 0xD800, 0x110000, -1], "UTF-8").numpy() == b"H" + b"\xef\xbf\xbd" * 3
    assert S.unicode_encode([72, 0xD800], "UTF-8", errors="ignore").numpy() == b"H"
    assert S.unicode_encode([72, 0xD800], "UTF-8", replacement_char=63).numpy() == b"H?"
    assert S.unicode_encode([128512], "UTF-32-BE").numpy() == b"\x00\x01\xf6\x00"
    assert S.unicode_encode(tf.zeros([2, 0], tf.int32), "UTF-8").numpy().tolist() == [b"", b""]
    with pytest.raises(InvalidArgumentError, match="Code point is out of range for Unicode, or is a surrogate."):
        S.unicode_encode([72, 0xD800], "UTF-8", errors="strict")
    with pytest.raises(InvalidArgumentError, match='output_encoding\' of "UTF-16-LE" is not in the list'):
        S.unicode_encode([1], "UTF-16-LE")
    with pytest.raises(ValueError, match="input_tensor's rank must be at least 1."):
        S.unicode_encode(72, "UTF-8")
    assert S.unicode_transcode(["héllo"], "UTF-8", "UTF-16-BE").numpy().tolist() == [b"\x00h\x00\xe9\x00l\x00l\x00o"]
    assert S.unicode_transcode([b"a\xffb"], "UTF-8", "UTF-8").numpy().tolist() == [b"a\xef\xbf\xbdb"]
    assert S.unicode_transcode([b"a\xffb"], "UTF-8", "UTF-8", errors="ignore").numpy().tolist() == [b"ab"]
    assert S.unicode_transcode([b"a\xffb"], "UTF-8", "UTF-16-BE", replacement_char=63).numpy().tolist() == [
        b"\x00a\x00?\x00b"]
    assert S.unicode_transcode(["a\x01b"], "UTF-8", "UTF-8", replace_control_characters=True).numpy().tolist() == [
        b"a\xef\xbf\xbdb"]
    with pytest.raises(InvalidArgumentError, match="Invalid formatting on input string"):
        S.unicode_transcode([b"a\xffb"], "UTF-8", "UTF-8", errors="strict")


def test_unsorted_segment_join():
    assert S.unsorted_segment_join(["a", "b", "c", "d"], [0, 1, 0, 1], 2, separator=":").numpy().tolist() == [
        b"a:c", b"b:d"]
    assert S.unsorted_segment_join(["a", "b", "c"], [0, 2, 0], 3).numpy().tolist() == [b"ac", b"", b"b"]
    assert S.unsorted_segment_join([["a", "b"], ["c", "d"]], [1, 0], 2, separator=",").numpy().tolist() == [
        [b"c", b"d"], [b"a", b"b"]]
    assert S.unsorted_segment_join([["a", "b"], ["c", "d"]], [[0, 1], [1, 0]], 2).numpy().tolist() == [b"ad", b"bc"]
    with pytest.raises(InvalidArgumentError, match="segment_ids are not allowed to exceed num_segments"):
        S.unsorted_segment_join(["a", "b"], [0, 5], 2)


def test_ragged_inputs_to_elementwise_ops():
    r = tf.RaggedTensor.from_row_lengths(["Ab", "c", "dE"], [2, 1])
    assert rt_list(S.length(r)) == [[2, 1], [2]]
    assert rt_list(S.upper(r)) == [[b"AB", b"C"], [b"DE"]]
    assert rt_list(S.to_number(tf.RaggedTensor.from_row_lengths(["1", "2.5"], [1, 1]))) == [[1.0], [2.5]]


def test_not_differentiable_as_tf():
    x = tf.Variable(1.5)
    with tf.GradientTape(persistent=True) as t:
        y = S.to_number(S.as_string(x))
        z = y * x
    assert t.gradient(y, x) is None
    assert float(t.gradient(z, x)) == 1.5


def test_namespace():
    assert tf.strings.__all__ == S.__all__ and "unicode_script" not in dir(tf.strings)
    with pytest.raises(AttributeError):
        tf.strings.unicode_script  # noqa: B018  (needs ICU's script data: absent)
