"""tf.data: sources, transformations, shuffle semantics, prefetch threads, cardinality."""

from __future__ import annotations

import gc
import threading
import time

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.data import _shuffle
from tapeflow.errors import InvalidArgumentError, OutOfRangeError

Dataset = tf.data.Dataset


def ints(ds) -> list:
    return [int(v) for v in ds]


# --- sources ------------------------------------------------------------------------------------


def test_from_tensor_slices_tuple_dict_nested():
    x = np.arange(12, dtype=np.float32).reshape(6, 2)
    y = np.arange(6)
    elems = list(Dataset.from_tensor_slices((x, y)))
    assert len(elems) == 6
    assert all(type(e) is tuple and isinstance(e[0], tf.Tensor) for e in elems)
    np.testing.assert_array_equal(elems[3][0].numpy(), x[3])
    assert int(elems[3][1]) == 3 and elems[3][1].dtype == tf.int64

    d = list(Dataset.from_tensor_slices({"a": x, "b": y}))
    assert type(d[0]) is dict and set(d[0]) == {"a", "b"}
    np.testing.assert_array_equal(d[5]["a"].numpy(), x[5])

    nested = list(Dataset.from_tensor_slices(((x, y), {"z": y * 2})))
    (xa, ya), dz = nested[2]
    np.testing.assert_array_equal(xa.numpy(), x[2])
    assert int(ya) == 2 and int(dz["z"]) == 4


def test_from_tensor_slices_python_lists_infer_tf_dtypes():
    e = list(Dataset.from_tensor_slices(([1.0, 2.0], [1, 2])))
    assert e[0][0].dtype == tf.float32 and e[0][1].dtype == tf.int32
    t = list(Dataset.from_tensor_slices(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
    assert t[1].numpy().tolist() == [3.0, 4.0]


def test_from_tensor_slices_mismatched_first_dim_names_shapes():
    with pytest.raises(ValueError, match=r"\(5, 2\).*\(4,\)"):
        Dataset.from_tensor_slices((np.zeros((5, 2)), np.zeros(4)))
    with pytest.raises(ValueError, match="rank >= 1"):
        Dataset.from_tensor_slices(np.float32(1.0))


def test_from_tensors_and_range():
    assert [x.numpy().tolist() for x in Dataset.from_tensors([1, 2, 3])] == [[1, 2, 3]]
    assert ints(Dataset.range(5)) == [0, 1, 2, 3, 4]
    assert ints(Dataset.range(2, 5)) == [2, 3, 4]
    assert ints(Dataset.range(10, 0, -3)) == [10, 7, 4, 1]
    assert next(iter(Dataset.range(3))).dtype == tf.int64
    assert next(iter(Dataset.range(3, dtype=tf.int32))).dtype == tf.int32
    assert ints(Dataset.range(0)) == []


def test_from_generator_signature_types_and_errors():
    calls = []

    def gen():
        calls.append(1)
        for i in range(3):
            yield np.full((2,), i, np.float64), i

    sig = (tf.data.TensorSpec((2,), tf.float32), tf.data.TensorSpec((), tf.int64))
    ds = Dataset.from_generator(gen, output_signature=sig)
    out = list(ds)
    assert out[2][0].dtype == tf.float32 and out[2][0].numpy().tolist() == [2.0, 2.0]
    assert out[1][1].dtype == tf.int64 and int(out[1][1]) == 1
    list(ds)
    assert len(calls) == 2  # the generator is called once per iteration
    assert ds.element_spec == sig
    assert int(ds.cardinality()) == tf.data.UNKNOWN_CARDINALITY

    ds2 = Dataset.from_generator(lambda: iter([[1, 2], [3, 4]]), output_types=tf.int32, output_shapes=(2,))
    assert [v.numpy().tolist() for v in ds2] == [[1, 2], [3, 4]]

    bad = Dataset.from_generator(lambda: iter([np.zeros(3)]), output_signature=tf.data.TensorSpec((2,), tf.float32))
    with pytest.raises(InvalidArgumentError, match=r"shape \(3,\).*\(2,\)"):
        list(bad)
    with pytest.raises(TypeError, match="output_signature"):
        Dataset.from_generator(lambda: iter([1]))
    with pytest.raises(TypeError):
        Dataset.from_generator(42, output_types=tf.int32)


def test_zip():
    a, b = Dataset.range(3), Dataset.range(10, 20)
    assert [(int(x), int(y)) for x, y in Dataset.zip(a, b)] == [(0, 10), (1, 11), (2, 12)]
    assert [(int(x), int(y)) for x, y in Dataset.zip((a, b))] == [(0, 10), (1, 11), (2, 12)]
    d = list(Dataset.zip({"p": a, "q": b}))
    assert int(d[1]["q"]) == 11
    assert int(Dataset.zip(a, b).cardinality()) == 3
    assert int(Dataset.zip(a, b.repeat()).cardinality()) == 3


# --- transformations --------------------------------------------------------------------------


def test_map_unpacks_tuples_and_keeps_structure():
    ds = Dataset.from_tensor_slices((np.arange(4.0), np.arange(4.0) * 10)).map(lambda x, y: (x + y, y))
    assert [(float(a), float(b)) for a, b in ds] == [(0, 0), (11, 10), (22, 20), (33, 30)]
    dd = Dataset.from_tensor_slices({"a": np.arange(3.0)}).map(lambda d: {"a2": d["a"] * 2})
    assert [float(e["a2"]) for e in dd] == [0.0, 2.0, 4.0]
    seen = []
    Dataset.range(1).map(lambda x: seen.append(type(x)) or x).as_numpy_iterator().__next__()
    assert seen == [tf.Tensor]


@pytest.mark.parametrize("npc", [4, tf.data.AUTOTUNE])
def test_map_parallel_uses_threads_and_preserves_order(npc):
    threads = set()

    def slow(x):
        threads.add(threading.get_ident())
        time.sleep(0.002 * (int(x) % 3))
        return x * 2

    ds = Dataset.range(40).map(slow, num_parallel_calls=npc)
    assert ints(ds) == [2 * i for i in range(40)]
    assert len(threads) > 1


def test_map_parallel_propagates_errors():
    def f(x):
        if int(x) == 5:
            raise KeyError("boom")
        return x

    with pytest.raises(KeyError, match="boom"):
        list(Dataset.range(10).map(f, num_parallel_calls=3))


def test_filter():
    ds = Dataset.range(10).filter(lambda x: tf.constant(int(x) % 3 == 0))
    assert ints(ds) == [0, 3, 6, 9]
    assert int(ds.cardinality()) == tf.data.UNKNOWN_CARDINALITY
    with pytest.raises(InvalidArgumentError, match="scalar bool"):
        list(Dataset.range(3).filter(lambda x: x))


def test_batch_and_drop_remainder():
    x = np.arange(20, dtype=np.float32).reshape(10, 2)
    b = list(Dataset.from_tensor_slices(x).batch(4))
    assert [t.shape.as_list() for t in b] == [[4, 2], [4, 2], [2, 2]]
    np.testing.assert_array_equal(np.concatenate([t.numpy() for t in b]), x)
    bd = list(Dataset.from_tensor_slices(x).batch(4, drop_remainder=True))
    assert [t.shape.as_list() for t in bd] == [[4, 2], [4, 2]]
    # the generic (non-array) path
    g = Dataset.from_generator(lambda: iter(x), output_signature=tf.data.TensorSpec((2,), tf.float32))
    gb = list(g.batch(3, drop_remainder=True))
    assert len(gb) == 3 and gb[2].numpy().tolist() == x[6:9].tolist()
    with pytest.raises(InvalidArgumentError):
        Dataset.range(3).batch(0)


def test_batch_mismatched_shapes_is_clear():
    g = Dataset.from_generator(lambda: iter([np.zeros(2), np.zeros(3)]),
                               output_signature=tf.data.TensorSpec((None,), tf.float64))
    with pytest.raises(InvalidArgumentError, match=r"different shapes.*\(2,\).*\(3,\)"):
        list(g.batch(2))


def test_unbatch():
    assert ints(Dataset.range(7).batch(3).unbatch()) == list(range(7))
    assert ints(Dataset.range(7).batch(3, drop_remainder=True).unbatch()) == list(range(6))
    assert ints(Dataset.range(7).map(lambda v: v).batch(3).unbatch()) == list(range(7))


def test_repeat_take_skip():
    assert ints(Dataset.range(3).repeat(2)) == [0, 1, 2, 0, 1, 2]
    assert ints(Dataset.range(3).repeat().take(7)) == [0, 1, 2, 0, 1, 2, 0]
    assert ints(Dataset.range(10).skip(7)) == [7, 8, 9]
    assert ints(Dataset.range(10).take(-1)) == list(range(10))
    assert ints(Dataset.range(10).skip(-1)) == []
    assert ints(Dataset.range(3).map(lambda v: v).repeat(2).skip(2).take(3)) == [2, 0, 1]
    assert ints(Dataset.range(0).repeat()) == []


def test_padded_batch_and_shard():
    g = Dataset.from_generator(lambda: iter([[1], [2, 2], [3, 3, 3]]),
                               output_signature=tf.data.TensorSpec([None], tf.int32))
    assert [b.numpy().tolist() for b in g.padded_batch(2)] == [[[1, 0], [2, 2]], [[3, 3, 3]]]
    b = next(iter(g.padded_batch(3, padded_shapes=[4], padding_values=-1)))
    assert b.numpy().tolist() == [[1, -1, -1, -1], [2, 2, -1, -1], [3, 3, 3, -1]] and b.dtype == tf.int32
    with pytest.raises(InvalidArgumentError, match="larger than the padded shape"):
        list(g.padded_batch(3, padded_shapes=[2]))
    assert ints(Dataset.range(10).shard(3, 1)) == [1, 4, 7]
    assert int(Dataset.range(10).shard(3, 1).cardinality()) == 3
    assert ints(Dataset.range(10).map(lambda v: v).shard(4, 3)) == [3, 7]


def test_enumerate_concatenate():
    assert [(int(i), int(v)) for i, v in Dataset.range(3, 5).enumerate(10)] == [(10, 3), (11, 4)]
    assert ints(Dataset.range(2).concatenate(Dataset.range(5, 7))) == [0, 1, 5, 6]
    with pytest.raises(TypeError):
        Dataset.range(2).concatenate(Dataset.from_tensor_slices(np.zeros(2, np.float32)))


def test_as_numpy_iterator_and_reduce():
    out = list(Dataset.from_tensor_slices((np.arange(2.0), np.arange(2))).as_numpy_iterator())
    assert isinstance(out[0][0], np.floating) and out[1][1] == 1
    assert int(Dataset.range(5).reduce(tf.constant(0, tf.int64), lambda s, x: s + x)) == 10


# --- shuffle ------------------------------------------------------------------------------------


def test_shuffle_buffer_one_preserves_order():
    x = np.arange(100)
    assert [int(v) for v in Dataset.from_tensor_slices(x).shuffle(1)] == list(range(100))
    g = Dataset.from_generator(lambda: iter(range(20)), output_signature=tf.data.TensorSpec((), tf.int64))
    assert ints(g.shuffle(1)) == list(range(20))


def test_shuffle_seeded_reproducible_and_reshuffle():
    mk = lambda **kw: Dataset.from_tensor_slices(np.arange(200)).shuffle(50, **kw)
    a, b = mk(seed=7), mk(seed=7)
    ea, eb = ints(a), ints(b)
    assert ea == eb and sorted(ea) == list(range(200)) and ea != list(range(200))
    ea2 = ints(a)
    assert ea2 != ea  # reshuffled on the next iteration
    assert ints(b) == ea2
    assert ints(mk(seed=7).repeat(2)) == ea + ea2  # repeat() reshuffles each pass the same way
    fixed = mk(seed=3, reshuffle_each_iteration=False)
    assert ints(fixed) == ints(fixed)
    assert ints(mk(seed=1)) != ints(mk(seed=2))


def test_global_seed_makes_unseeded_shuffle_reproducible():
    tf.random.set_seed(11)
    a = ints(Dataset.range(100).shuffle(20))
    tf.random.set_seed(11)
    b = ints(Dataset.range(100).shuffle(20))
    tf.random.set_seed(None)
    assert a == b and a != list(range(100))


@pytest.mark.parametrize("generic", [False, True])
def test_shuffle_is_buffered_not_global(generic):
    n, buf = 300, 10
    src = Dataset.from_tensor_slices(np.arange(n)) if not generic else Dataset.from_generator(
        lambda: iter(range(n)), output_signature=tf.data.TensorSpec((), tf.int64))
    firsts = []
    for seed in range(200):
        out = ints(src.shuffle(buf, seed=seed))
        assert sorted(out) == list(range(n))
        # with a buffer of 10 the t-th output was read at most 9 elements ahead
        assert all(v < t + buf for t, v in enumerate(out))
        firsts.append(out[0])
    counts = np.bincount(firsts, minlength=buf)
    assert counts.shape == (buf,) and counts.min() > 5  # roughly uniform over the first buffer


def test_vectorised_shuffle_matches_the_loop_exactly():
    def loop(seq, size, j):
        buf, out = list(seq[:size]), []
        for t, v in enumerate(seq[size:]):
            out.append(buf[j[t]])
            buf[j[t]] = v
        return out, buf

    for n, size in [(100, 7), (64, 1), (500, 499), (1000, 64)]:
        seq = np.arange(n)
        got = np.concatenate(list(_shuffle.buffered_shuffle([seq], size, np.random.default_rng(3))))
        j = np.random.default_rng(3).integers(0, size, n - size)
        ref, rest = loop(seq, size, j)
        assert got[: n - size].tolist() == ref
        assert sorted(got[n - size:].tolist()) == sorted(rest)


def test_shuffle_position_distribution_matches_reference():
    # mean output position of element 0 agrees between the vectorised and the per-element algorithm
    n, size, reps = 60, 8, 400
    rng_a, rng_b = np.random.default_rng(0), np.random.default_rng(1)
    pa = [int(np.flatnonzero(np.concatenate(list(_shuffle.buffered_shuffle([np.arange(30), np.arange(30, n)], size, rng_a))) == 0)[0])
          for _ in range(reps)]
    pb = [int(np.flatnonzero(next(_shuffle.buffered_shuffle_loop([np.arange(n)], size, rng_b)) == 0)[0])
          for _ in range(reps)]
    assert abs(np.mean(pa) - np.mean(pb)) < 1.5  # both ~ size (geometric tail), std/sqrt(reps) ~ 0.4


def test_seed_pipeline_pairs_stay_aligned_and_cover_epoch():
    n = 5000
    x = np.repeat(np.arange(n, dtype=np.float32)[:, None], 3, axis=1)
    y = np.arange(n, dtype=np.float32)
    ds = Dataset.from_tensor_slices((x, y)).shuffle(buffer_size=1024).batch(64)
    assert len(ds) == -(-n // 64)
    for _ in range(2):
        seen = []
        for xb, yb in ds:
            assert xb.dtype == tf.float32 and xb.shape[1] == 3
            np.testing.assert_array_equal(xb.numpy()[:, 0], yb.numpy())
            seen.append(yb.numpy())
        assert sorted(np.concatenate(seen).tolist()) == list(range(n))


# --- prefetch / cache ---------------------------------------------------------------------------


def _prefetch_threads() -> int:
    return sum(t.name == "tapeflow-prefetch" and t.is_alive() for t in threading.enumerate())


def test_prefetch_values_and_errors():
    assert ints(Dataset.range(50).prefetch(3)) == list(range(50))
    assert ints(Dataset.range(5).prefetch(tf.data.AUTOTUNE)) == list(range(5))

    def f(x):
        if int(x) == 4:
            raise ZeroDivisionError("bad element")
        return x

    got = []
    with pytest.raises(ZeroDivisionError, match="bad element"):
        for v in Dataset.range(10).map(f).prefetch(2):
            got.append(int(v))
    assert got == [0, 1, 2, 3]


def test_prefetch_early_stop_leaves_no_thread():
    gc.collect()
    before = _prefetch_threads()
    for _ in range(5):
        for i, _v in enumerate(Dataset.range(10**6).prefetch(2)):
            if i == 3:
                break
    gc.collect()
    deadline = time.time() + 2
    while _prefetch_threads() > before and time.time() < deadline:
        time.sleep(0.01)
    assert _prefetch_threads() == before


def test_cache_replays_first_pass():
    calls = []

    def gen():
        calls.append(1)
        yield from range(5)

    ds = Dataset.from_generator(gen, output_signature=tf.data.TensorSpec((), tf.int64)).cache()
    assert ints(ds) == ints(ds) == list(range(5))
    assert len(calls) == 1
    sh = Dataset.range(50).shuffle(50).cache()
    first = ints(sh)
    assert ints(sh) == first and sorted(first) == list(range(50))


# --- cardinality, len, spec, iterator -----------------------------------------------------------


def test_cardinality_and_len():
    ds = Dataset.range(10)
    assert int(ds.cardinality()) == 10 and ds.cardinality().dtype == tf.int64
    assert int(ds.batch(3).cardinality()) == 4 and len(ds.batch(3, drop_remainder=True)) == 3
    assert int(ds.repeat().cardinality()) == tf.data.INFINITE_CARDINALITY == -1
    assert int(ds.repeat().take(4).cardinality()) == 4
    assert int(ds.repeat(3).skip(5).cardinality()) == 25
    assert int(tf.data.experimental.cardinality(ds.filter(lambda v: tf.constant(True)))) == -2
    with pytest.raises(TypeError, match="infinite"):
        len(ds.repeat())
    with pytest.raises(TypeError, match="unknown"):
        len(ds.filter(lambda v: tf.constant(True)))
    assert bool(ds.repeat()) is True
    assert tf.data.experimental.AUTOTUNE == tf.data.AUTOTUNE == -1


def test_element_spec():
    x = np.zeros((100, 784), np.float32)
    y = np.zeros(100, np.float32)
    ds = Dataset.from_tensor_slices((x, y))
    sx, sy = ds.element_spec
    assert sx.shape.as_list() == [784] and sx.dtype == tf.float32 and sy.shape.as_list() == []
    bx, _ = ds.shuffle(10).batch(64).element_spec
    assert bx.shape.as_list() == [None, 784]
    dx, _ = ds.batch(64, drop_remainder=True).element_spec
    assert dx.shape.as_list() == [64, 784]
    assert repr(sx) == "TensorSpec(shape=(784,), dtype=tf.float32, name=None)"
    assert sx.is_compatible_with(np.zeros(784, np.float32)) and not sx.is_compatible_with(np.zeros(3, np.float32))
    m = ds.batch(8).map(lambda a, b: a).element_spec
    assert m.shape.as_list() == [None, 784]


def test_iterator_get_next_out_of_range():
    it = iter(Dataset.range(1))
    assert int(it.get_next()) == 0
    with pytest.raises(OutOfRangeError):
        it.get_next()
