"""tf.io and tf.io.gfile: values and error types checked against TensorFlow 2.21."""

from __future__ import annotations

import os

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import (
    AlreadyExistsError,
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
)

G = tf.io.gfile


def test_decode_raw():
    assert tf.io.decode_raw(tf.constant(["abcd", "efgh"]), tf.int16).numpy().tolist() == [
        [25185, 25699], [26213, 26727]]
    assert tf.io.decode_raw(["abcd", "efgh"], tf.int16, little_endian=False).numpy().tolist() == [
        [24930, 25444], [25958, 26472]]
    assert tf.io.decode_raw(["ab", "cdef"], tf.uint8, fixed_length=3).numpy().tolist() == [[97, 98, 0], [99, 100, 101]]
    assert tf.io.decode_raw(["abcd", "ef"], tf.int16, fixed_length=4).numpy().tolist() == [[25185, 25699], [26213, 0]]
    assert tf.io.decode_raw(tf.constant("abc"), tf.uint8, fixed_length=2).numpy().tolist() == [97, 98]
    x = tf.io.decode_raw(["abcd"], tf.float32)
    assert x.dtype == tf.float32 and x.numpy().tolist() == [[np.float32(1.6777999e22)]]
    assert tf.io.decode_raw(["abcdefgh"], tf.float64, little_endian=False).numpy()[0, 0] == np.frombuffer(
        b"abcdefgh", ">f8")[0]
    assert tf.io.decode_raw(["ab"], tf.float16).numpy().tolist() == [[816.5]]
    assert tf.io.decode_raw(["ab"], tf.bool).numpy().tolist() == [[True, True]]
    assert tf.io.decode_raw(["", ""], tf.uint8).shape == (2, 0)
    assert tf.io.decode_raw(tf.constant([["ab"], ["cd"]]), tf.uint8).shape == (2, 1, 2)
    with pytest.raises(InvalidArgumentError, match="DecodeRaw requires input strings to all be the same size, "
                                                   "but element 1 has size 3 != 4"):
        tf.io.decode_raw(["abc", "efgh"], tf.int16)
    with pytest.raises(InvalidArgumentError, match="length 3 that is not a multiple of 2, the size of int16"):
        tf.io.decode_raw(["abc"], tf.int16)
    with pytest.raises(InvalidArgumentError, match=r"fixed_length \(3\) must be a multiple of the size of out_type"):
        tf.io.decode_raw(["abcd"], tf.int16, fixed_length=3)
    with pytest.raises(InvalidArgumentError, match="'out_type' of uint64 is not in the list"):
        tf.io.decode_raw(["abcdefgh"], tf.uint64)


def test_decode_raw_not_differentiable():
    x = tf.Variable(1.0)
    with tf.GradientTape() as t:
        y = tf.cast(tf.io.decode_raw(tf.strings.as_string(x), tf.uint8), tf.float32)
    assert t.gradient(y, x) is None


def test_base64():
    assert tf.io.encode_base64(["hello", "a", "ab", "abc", ""]).numpy().tolist() == [
        b"aGVsbG8", b"YQ", b"YWI", b"YWJj", b""]
    assert tf.io.encode_base64(["hello", "a", "ab"], pad=True).numpy().tolist() == [b"aGVsbG8=", b"YQ==", b"YWI="]
    assert tf.io.encode_base64([b"\xfb\xff\xfe"]).numpy().tolist() == [b"-__-"]
    assert tf.io.decode_base64(["aGVsbG8", "YQ", "YWI=", "-_-_", "aGVsbG8=", "YQ==", "", "YR", "YWJjZA"]).numpy().tolist() == [
        b"hello", b"a", b"ab", b"\xfb\xff\xbf", b"hello", b"a", b"", b"a", b"abcd"]
    for bad, msg in [("a", "length cannot be 1 modulo 4"), ("YWJj\n", "length cannot be 1 modulo 4"),
                     ("ab+/", "Invalid character"), ("YW I", "Invalid character"), ("YQ=", "Invalid character"),
                     ("YQ===", "Invalid character"), ("Y=Q=", "Invalid character"), ("YWJjZ", "1 modulo 4")]:
        with pytest.raises(InvalidArgumentError, match=msg):
            tf.io.decode_base64([bad])


def test_read_write_file(tmp_path):
    p = str(tmp_path / "x.bin")
    assert tf.io.write_file(p, "hello\x00world") is None
    assert repr(tf.io.read_file(p)) == r"<tf.Tensor: shape=(), dtype=string, numpy=b'hello\x00world'>"
    tf.io.write_file(tf.constant(p), tf.constant(b"again"))
    assert tf.io.read_file(tf.constant(p)).numpy() == b"again"
    assert sorted(os.listdir(tmp_path)) == ["x.bin"]  # the atomic write left no temporary file
    deep = str(tmp_path / "sub" / "dir" / "y.txt")
    tf.io.write_file(deep, "x")  # parents are created, as TF
    assert open(deep, "rb").read() == b"x"
    with pytest.raises(NotFoundError, match="nope.txt; No such file or directory"):
        tf.io.read_file(str(tmp_path / "nope.txt"))
    with pytest.raises(FailedPreconditionError, match="Is a directory"):
        tf.io.read_file(str(tmp_path))
    with pytest.raises(FailedPreconditionError, match="Is a directory"):
        tf.io.write_file(str(tmp_path), "a")
    with pytest.raises(InvalidArgumentError, match=r"Contents tensor must be scalar, but had shape: \[2\]"):
        tf.io.write_file(p, tf.constant(["a", "b"]))
    with pytest.raises(InvalidArgumentError, match=r"Input filename tensor must be scalar, but had shape: \[1\]"):
        tf.io.read_file(tf.constant([p]))


def test_matching_files(tmp_path):
    d = str(tmp_path)
    for n in ["x.txt", "a1.txt", "b1.txt", "a2.dat"]:
        open(os.path.join(d, n), "w").close()
    os.mkdir(os.path.join(d, "sub"))
    open(os.path.join(d, "sub", "y.txt"), "w").close()

    def names(t):
        return [os.path.relpath(p.decode(), d) for p in t.numpy().tolist()]

    assert names(tf.io.matching_files(os.path.join(d, "*.txt"))) == ["a1.txt", "b1.txt", "x.txt"]
    assert names(tf.io.matching_files(os.path.join(d, "a?.*"))) == ["a1.txt", "a2.dat"]
    assert names(tf.io.matching_files([os.path.join(d, "a*"), os.path.join(d, "b*")])) == [
        "a1.txt", "a2.dat", "b1.txt"]
    assert names(tf.io.matching_files(os.path.join(d, "[ab]1.txt"))) == ["a1.txt", "b1.txt"]
    assert names(tf.io.matching_files(os.path.join(d, "[!a]1.txt"))) == ["b1.txt"]
    assert names(tf.io.matching_files(os.path.join(d, "[^a]1.txt"))) == ["b1.txt"]
    assert names(tf.io.matching_files(os.path.join(d, "*", "*.txt"))) == ["sub/y.txt"]
    assert names(tf.io.matching_files(os.path.join(d, "a\\1.txt"))) == ["a1.txt"]
    empty = tf.io.matching_files(os.path.join(d, "nonexist", "*"))
    assert repr(empty) == "<tf.Tensor: shape=(0,), dtype=string, numpy=array([], dtype=object)>"


def test_gfile_directories(tmp_path):
    d = str(tmp_path)
    p = os.path.join(d, "x.txt")
    assert G.exists(d) and not G.exists(p) and not G.exists("") and G.exists(d.encode())
    with pytest.raises(TypeError, match="Expected binary or unicode string"):
        G.exists(tf.constant(d))
    G.mkdir(os.path.join(d, "a"))
    G.mkdir(os.path.join(d, "a"))  # exists already: no error, as TF
    with pytest.raises(NotFoundError, match="No such file or directory"):
        G.mkdir(os.path.join(d, "q", "r"))
    G.makedirs(os.path.join(d, "b", "c", "d"))
    G.makedirs(os.path.join(d, "b", "c", "d"))
    with G.GFile(p, "w") as f:
        f.write("hello\nworld\n")
    with pytest.raises(FailedPreconditionError, match=f"{p} is not a directory"):
        G.makedirs(os.path.join(p, "z"))
    assert G.isdir(d) and not G.isdir(p) and not G.isdir(os.path.join(d, "zz"))
    assert sorted(G.listdir(d)) == ["a", "b", "x.txt"]
    with pytest.raises(NotFoundError, match="Could not find directory"):
        G.listdir(os.path.join(d, "nope"))
    assert sorted(G.glob(os.path.join(d, "*"))) == sorted(os.path.join(d, n) for n in ["a", "b", "x.txt"])
    assert G.glob(os.path.join(d, "nope", "*")) == []
    st = G.stat(p)
    assert (st.length, st.is_directory, type(st.mtime_nsec)) == (12, False, int) and G.stat(d).is_directory
    with pytest.raises(NotFoundError):
        G.stat(os.path.join(d, "nope"))
    walked = [(os.path.relpath(r, d), sorted(ds), sorted(fs)) for r, ds, fs in G.walk(os.path.join(d, "b"))]
    assert walked == [("b", ["c"], []), ("b/c", ["d"], []), ("b/c/d", [], [])]
    assert [os.path.relpath(r, d) for r, _, _ in G.walk(os.path.join(d, "b"), topdown=False)] == [
        "b/c/d", "b/c", "b"]
    assert list(G.walk(os.path.join(d, "nope"))) == []
    assert G.join("a", "b", "c") == "a/b/c" and G.join("a/", "/b") == "/b" and G.join("gs://bucket", "x") == "gs://bucket/x"


def test_gfile_copy_rename_remove(tmp_path):
    d = str(tmp_path)
    p, y, z = (os.path.join(d, n) for n in ("x.txt", "y.txt", "z.txt"))
    tf.io.write_file(p, "data")
    G.copy(p, y)
    with pytest.raises(AlreadyExistsError, match="file already exists"):
        G.copy(p, y)
    G.copy(p, y, overwrite=True)
    with pytest.raises(NotFoundError):
        G.copy(os.path.join(d, "nope"), os.path.join(d, "y2"))
    with pytest.raises(NotFoundError):
        G.copy(p, os.path.join(d, "nodir", "y.txt"))
    G.rename(y, z)
    assert not G.exists(y) and open(z).read() == "data"
    G.copy(p, y)
    with pytest.raises(AlreadyExistsError):
        G.rename(y, z)
    G.rename(y, z, overwrite=True)
    with pytest.raises(NotFoundError):
        G.rename(os.path.join(d, "nope"), os.path.join(d, "z2"))
    os.mkdir(os.path.join(d, "dd"))
    with pytest.raises(FailedPreconditionError, match="Is a directory"):
        G.remove(os.path.join(d, "dd"))
    G.remove(z)
    with pytest.raises(NotFoundError):
        G.remove(z)
    os.makedirs(os.path.join(d, "t", "u"))
    G.rmtree(os.path.join(d, "t"))
    assert not G.exists(os.path.join(d, "t"))
    with pytest.raises(NotFoundError, match="not found"):
        G.rmtree(os.path.join(d, "t"))
    G.rmtree(p)  # a file is removed too, as TF
    assert not G.exists(p)


def test_gfile_gfile(tmp_path):
    p = str(tmp_path / "x.txt")
    with G.GFile(p, "w") as f:
        f.write("hello\n")
        f.write(b"world\n")
    assert G.GFile(p).read() == "hello\nworld\n" and G.GFile(p, "rb").read() == b"hello\nworld\n"
    assert G.GFile(p).readlines() == ["hello\n", "world\n"] and list(G.GFile(p)) == ["hello\n", "world\n"]
    assert [line for line in G.GFile(p, "rb")] == [b"hello\n", b"world\n"]
    f = G.GFile(p)
    assert (f.readline(), f.read(3)) == ("hello\n", "wor")
    f.seek(6)
    assert (f.read(3), f.tell(), f.size(), f.name, f.mode) == ("wor", 9, 12, p, "r")
    f.seek(1, 1)
    assert f.read() == "d\n" and f.seekable()
    f.close()
    with G.GFile(p, "a") as f:
        f.write("x")
    assert open(p, "rb").read() == b"hello\nworld\nx"
    with pytest.raises(InvalidArgumentError, match="mode is not 'r' or 'w' or 'a' or 'r\\+' or 'w\\+' or 'a\\+'"):
        G.GFile(p, "x")
    with pytest.raises(NotFoundError, match="No such file or directory"):
        G.GFile(str(tmp_path / "nope")).read()
    with pytest.raises(FailedPreconditionError, match="Is a directory"):
        G.GFile(str(tmp_path)).read()
    with pytest.raises(PermissionDeniedError, match="File isn't open for writing"):
        G.GFile(p, "r").write("x")
    w = G.GFile(str(tmp_path / "n.txt"), "w")
    w.write("buffered")
    assert open(str(tmp_path / "n.txt")).read() == ""  # written on flush/close, as TF
    w.flush()
    assert open(str(tmp_path / "n.txt")).read() == "buffered"
    w.close()
    with pytest.raises(TypeError, match="Expected binary or unicode string"):
        G.GFile(str(tmp_path / "m.txt"), "w").write(tf.constant("abc"))


def test_namespace():
    assert sorted(tf.io.__all__) == sorted(
        ["decode_raw", "encode_base64", "decode_base64", "read_file", "write_file", "matching_files", "gfile"])
    for absent in ("serialize_tensor", "parse_tensor", "TFRecordWriter", "parse_example", "exists"):
        assert not hasattr(tf.io, absent)
    assert sorted(G.__all__) == ["GFile", "copy", "exists", "glob", "isdir", "join", "listdir", "makedirs", "mkdir",
                                 "remove", "rename", "rmtree", "stat", "walk"]
