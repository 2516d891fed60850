"""Threads: atomic variable updates, metrics and optimizers shared by threads, tf.data iterators shared
by threads (and their worker threads' lifetime), and the per-tape "why is this gradient None" record."""

from __future__ import annotations

import copy
import gc
import sys
import threading
import time
import weakref

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.data import _workers
from tapeflow.tape import explain_last_none


@pytest.fixture(autouse=True)
def _switch_often():
    """Switch threads often, so that a missing lock loses updates every time."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(old)


def run_threads(n: int, fn, *args) -> list:
    """Run fn(k, *args) in n threads; return the exceptions they raised."""
    errors: list = []

    def body(k: int) -> None:
        try:
            fn(k, *args)
        except BaseException as e:  # noqa: BLE001 - reported to the test
            errors.append(e)

    threads = [threading.Thread(target=body, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


# --- 1. Variables --------------------------------------------------------------------------------


def test_assign_add_and_sub_are_atomic():
    v = tf.Variable(0.0)

    def work(k):
        for _ in range(20_000):
            v.assign_add(1.0)
            if k == 1:
                v.assign_sub(tf.constant(0.5))

    assert run_threads(2, work) == []
    assert float(v) == 40_000 - 10_000


def test_scatter_updates_are_atomic_with_assign_add():
    v = tf.Variable(np.zeros(3, np.float32))
    rows = tf.IndexedSlices(tf.constant([1.0]), tf.constant([1]))

    def work(k):
        for _ in range(5_000):
            if k == 0:
                v.scatter_add(rows)
            elif k == 1:
                v.scatter_nd_add([[1]], [1.0])
            else:
                v.assign_add(np.ones(3, np.float32))

    assert run_threads(3, work) == []
    assert v.numpy().tolist() == [5_000.0, 15_000.0, 5_000.0]


def test_sliced_assign_is_atomic():
    v = tf.Variable(np.zeros(2, np.float32))
    reverted = []

    def work(k):
        for i in range(1, 3_001):
            v[k].assign(float(i))
            seen = float(v.numpy()[k])  # another thread's stale write would bring back an older value
            if seen < i:
                reverted.append((k, i, seen))

    assert run_threads(2, work) == []
    assert reverted == []
    assert v.numpy().tolist() == [3_000.0, 3_000.0]


def test_deepcopy_of_an_updated_variable_has_its_own_lock():
    v = tf.Variable(1.0)
    v.assign_add(1.0)
    w = copy.deepcopy(v)
    w.assign_add(1.0)
    assert (float(v), float(w)) == (2.0, 3.0)
    assert w._lock() is not v._lock()


# --- optimizers ----------------------------------------------------------------------------------


def test_sgd_apply_gradients_from_two_threads_loses_no_step():
    w = tf.Variable(np.zeros(3, np.float32))
    opt = keras.optimizers.SGD(1.0)
    g = tf.constant(-np.ones(3, np.float32))

    def work(k):
        for _ in range(2_000):
            opt.apply_gradients([(g, w)])

    assert run_threads(2, work) == []
    assert w.numpy().tolist() == [4_000.0] * 3
    assert int(opt.iterations) == 4_000


def test_adam_from_two_threads_matches_the_same_steps_in_one_thread():
    g = tf.constant(np.array([0.5, -1.0, 2.0], np.float32))

    def make():
        return tf.Variable(np.array([1.0, 2.0, 3.0], np.float32)), keras.optimizers.Adam(0.01)

    w_ref, opt_ref = make()
    for _ in range(1_000):
        opt_ref.apply_gradients([(g, w_ref)])
    w, opt = make()
    assert run_threads(2, lambda k: [opt.apply_gradients([(g, w)]) for _ in range(500)]) == []
    assert int(opt.iterations) == 1_000
    np.testing.assert_array_equal(w.numpy(), w_ref.numpy())
    for a, b in zip(opt.variables, opt_ref.variables):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    copy.deepcopy(opt)  # the lock stays out of copies


# --- 2. Metrics ----------------------------------------------------------------------------------


@pytest.mark.parametrize("make, args, want", [
    (keras.metrics.Mean, ([1.0, 3.0],), {"total": 80_000.0, "count": 40_000.0}),
    (keras.metrics.Sum, ([1.0, 2.0],), {"total": 60_000.0}),
    (keras.metrics.SparseCategoricalAccuracy, ([1, 0], [[0.1, 0.9], [0.2, 0.8]]),
     {"total": 20_000.0, "count": 40_000.0}),
])
def test_metric_updates_from_two_threads_lose_nothing(make, args, want):
    m = make()
    assert run_threads(2, lambda k: [m.update_state(*args) for _ in range(10_000)]) == []
    assert {v.name: float(v) for v in m.variables} == want


def test_metric_result_never_sees_half_an_update():
    m = keras.metrics.Mean()
    m.update_state([1.0])
    seen = set()

    def work(k):
        for _ in range(5_000):
            if k == 0:
                m.update_state([1.0])
            else:
                seen.add(float(m.result()))

    assert run_threads(2, work) == []
    assert seen == {1.0}


def test_user_metric_subclass_is_locked_too():
    class Count(keras.metrics.Metric):
        def __init__(self):
            super().__init__(name="count")
            self.n = self.add_weight(name="n")

        def update_state(self, values):
            old = float(self.n.numpy())  # an unprotected read-modify-write in user code
            self.n.assign(old + 1.0)

        def result(self):
            return self.n.value()

    m = Count()
    assert run_threads(2, lambda k: [m.update_state(0) for _ in range(5_000)]) == []
    assert float(m.result()) == 10_000.0
    m.reset_state()
    assert float(copy.deepcopy(m).result()) == 0.0


# --- 3. tf.data iterators shared by threads ------------------------------------------------------


def _drain_from_threads(ds, n: int = 4) -> tuple:
    it = iter(ds)
    seen: list = []

    def work(k):
        mine = []
        for x in it:
            mine.extend(np.asarray(x).reshape(-1).tolist())
        seen.extend(mine)

    return seen, run_threads(n, work)


@pytest.mark.parametrize("name", ["range", "map_batch_prefetch", "parallel_map", "prefetch_unbatch"])
def test_iterator_shared_by_threads_hands_out_each_element_once(name):
    n = 100_000 if name in ("range", "map_batch_prefetch") else 20_000
    ds = {
        "range": lambda: tf.data.Dataset.range(n),
        "map_batch_prefetch": lambda: tf.data.Dataset.range(n).map(lambda x: x + 0).batch(7).prefetch(4),
        "parallel_map": lambda: tf.data.Dataset.range(n).map(lambda x: x * 1, num_parallel_calls=3),
        "prefetch_unbatch": lambda: tf.data.Dataset.range(n).prefetch(2).map(lambda x: x),
    }[name]()
    seen, errors = _drain_from_threads(ds)
    assert errors == []
    assert len(seen) == n
    assert sorted(seen) == list(range(n))


def test_as_numpy_iterator_shared_by_threads():
    it = tf.data.Dataset.range(50_000).batch(3).as_numpy_iterator()
    seen: list = []
    assert run_threads(4, lambda k: seen.extend(v for b in it for v in b.tolist())) == []
    assert sorted(seen) == list(range(50_000))


def test_prefetch_error_reaches_one_thread_and_ends_the_others():
    def f(x):
        if int(x) == 50:
            raise ValueError("boom")
        return x

    it = iter(tf.data.Dataset.range(100).map(f).prefetch(2))
    got: list = []
    errors = run_threads(3, lambda k: got.extend(int(x) for x in it))
    assert len(errors) == 1 and "boom" in str(errors[0])
    assert sorted(got) == list(range(50))


# --- 4. worker threads do not outlive their iterator ---------------------------------------------


def _tapeflow_threads() -> int:
    return sum(t.name.startswith("tapeflow-") and t.is_alive() for t in threading.enumerate())


def _wait_for_threads(n: int, limit: float = 5.0) -> int:
    deadline = time.time() + limit
    while _tapeflow_threads() > n and time.time() < deadline:
        time.sleep(0.02)
    return _tapeflow_threads()


class _Holder:
    pass


@pytest.mark.parametrize("make", [
    lambda: tf.data.Dataset.range(10**9).prefetch(2),
    lambda: tf.data.Dataset.range(10**9).map(lambda x: x, num_parallel_calls=3),
    lambda: tf.data.Dataset.range(10**9).map(lambda x: x, num_parallel_calls=2).prefetch(3),
], ids=["prefetch", "parallel_map", "parallel_map_prefetch"])
def test_iterator_dropped_in_a_cycle_leaves_no_thread_without_gc(make, monkeypatch):
    monkeypatch.setattr(_workers, "IDLE_S", 0.2)
    base = _wait_for_threads(0)
    gc.disable()
    try:
        h = _Holder()
        h.me = h
        h.it = iter(make())
        next(h.it)
        assert _tapeflow_threads() > base
        del h  # unreachable, but only the garbage collector could free it
        assert _wait_for_threads(base) == base
    finally:
        gc.enable()
        gc.collect()


def test_parked_producer_restarts_and_keeps_the_order(monkeypatch):
    monkeypatch.setattr(_workers, "IDLE_S", 0.1)
    it = iter(tf.data.Dataset.range(30).map(lambda x: x * 2, num_parallel_calls=2).prefetch(3))
    got = [int(next(it))]
    time.sleep(0.5)  # long enough for the producer and the map workers to exit
    got += [int(x) for x in it]
    assert got == [2 * i for i in range(30)]


def test_dropped_prefetch_iterator_stops_its_thread():
    base = _wait_for_threads(0)
    it = iter(tf.data.Dataset.range(10**9).prefetch(2))
    next(it)
    del it
    assert _wait_for_threads(base, 2.0) == base


def test_close_of_prefetch_over_a_slow_generator_returns_at_once():
    def slow():
        yield 0
        while True:
            time.sleep(0.5)
            yield 1

    it = iter(tf.data.Dataset.from_generator(slow, output_signature=tf.TensorSpec((), tf.int32)).prefetch(2))
    assert int(next(it)) == 0
    time.sleep(0.05)  # the producer is now inside the slow upstream element
    t0 = time.perf_counter()
    it.close()
    assert time.perf_counter() - t0 < 0.1
    with pytest.raises(StopIteration):
        next(it)


# --- 5. the "why is this gradient None" record belongs to its tape -------------------------------


def test_deleting_the_tape_frees_its_arrays():
    x = tf.constant(np.ones((500, 500), np.float32))
    unused = tf.Variable(1.0)
    gc.disable()
    try:
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            big = x * 2.0
            y = tf.reduce_sum(big)
        ref = weakref.ref(big)
        del big
        assert tape.gradient(y, unused) is None
        assert explain_last_none(unused) is not None
        del tape, y
        assert ref() is None
        assert explain_last_none(unused) is None
    finally:
        gc.enable()


def test_tapes_in_two_threads_do_not_see_each_others_records():
    a_done, b_done = threading.Event(), threading.Event()
    out = {}

    def thread_a(k):
        x = tf.constant(2.0)
        with tf.GradientTape() as t:
            y = tf.cast(tf.cast(x, tf.int32), tf.float32)  # x is never watched
        assert t.gradient(y, x) is None
        a_done.set()
        b_done.wait(10)
        out["a"] = explain_last_none(x)

    def thread_b(k):
        a_done.wait(10)
        x = tf.constant(3.0)
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
        assert t.gradient(y, x) is not None  # a successful gradient clears only this thread's record
        out["b"] = explain_last_none(x)
        b_done.set()

    errors: list = []
    ts = [threading.Thread(target=lambda f=f: errors.extend(run_threads(1, f))) for f in (thread_a, thread_b)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert errors == []
    assert out["b"] is None
    assert out["a"] is not None and "watch" in out["a"]
