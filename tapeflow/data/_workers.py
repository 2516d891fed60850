"""The background threads of ``tf.data``: the prefetch producer and the parallel-map workers.

Rules that keep them from outliving the iterator that uses them:

- A thread holds only a small shared state object (queue, stop event, upstream iterator), never
  the iterator the consumer holds. Dropping that iterator runs its ``weakref.finalize``, which
  sets the stop event and returns: nothing waits for the thread.
- A thread that has had nothing to do for ``IDLE_S`` seconds (a prefetch queue kept full, no map
  work) exits; the next request starts a fresh one. So an iterator dropped inside a reference
  cycle (not freed until the garbage collector runs, maybe never) still leaves no thread behind.
- ``Prefetcher.close()`` returns at once: it signals stop and drains the queue; a producer busy
  computing an upstream element finishes it, sees the signal, closes the upstream and exits.

``Prefetcher.__next__`` is safe to call from several threads (each element goes to exactly one);
the prefetch queue does the hand-over, so ``DatasetIterator`` takes no lock for it.

Example:
    >>> it = Prefetcher(lambda: iter(range(3)), 2)
    >>> list(it)
    [0, 1, 2]
"""

from __future__ import annotations

import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

IDLE_S = 1.0  # a worker idle this long exits (restarted on demand)
_POLL_S = 0.05  # how often a producer waiting on a full queue looks at the stop event
_DONE = object()


def _close(it: Any) -> None:
    c = getattr(it, "close", None)
    if c is not None:
        try:
            c()
        except Exception:  # closing is best effort: the consumer has gone
            pass


class _PrefetchState:
    """What a producer thread shares with its Prefetcher (never the Prefetcher itself)."""

    __slots__ = ("q", "stop", "lock", "make_iter", "it", "pending", "running", "finished")

    def __init__(self, make_iter: Callable[[], Iterator[Any]], size: int) -> None:
        self.q: queue.Queue = queue.Queue(maxsize=size)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.make_iter: Any = make_iter
        self.it: Any = None
        self.pending: Any = None  # the item a parked producer could not put
        self.running = False
        self.finished = False  # the last item (end or error) is in the queue


def _produce(st: _PrefetchState) -> None:
    it = None
    try:
        item = st.pending
        st.pending = None
        while not st.stop.is_set():
            last = False
            if item is None:
                try:
                    if st.it is None:
                        st.it = st.make_iter()
                        st.make_iter = None
                    item = (True, next(st.it))
                except StopIteration:
                    item, last = (True, _DONE), True
                except BaseException as exc:  # handed to the consumer
                    item, last = (False, exc), True
            elif item[1] is _DONE or not item[0]:
                last = True
            waited = 0.0
            while True:
                if st.stop.is_set():
                    return
                try:
                    st.q.put(item, timeout=_POLL_S)
                    break
                except queue.Full:
                    waited += _POLL_S
                    if waited >= IDLE_S:  # nobody is taking elements: park (keep the upstream)
                        with st.lock:
                            if st.q.full() and not st.stop.is_set():
                                st.pending = item
                                st.running = False
                                return
            if last:
                st.finished = True
                return
            item = None
    finally:
        with st.lock:
            if st.running:  # not parked: this thread owns the upstream's end
                st.running = False
                it, st.it = st.it, None
        _close(it)


def _stop(st: _PrefetchState) -> None:
    """Stop the producer without waiting for it (the Prefetcher's finalizer)."""
    st.stop.set()
    try:
        while True:
            st.q.get_nowait()
    except queue.Empty:
        pass
    try:
        st.q.put_nowait((True, _DONE))  # wake consumers blocked in get
    except queue.Full:
        pass
    with st.lock:
        it = None
        if not st.running:  # parked or finished: nobody else will close the upstream
            it, st.it = st.it, None
    if it is not None:  # closing may run upstream cleanup (a map's pool): not on the caller's time
        threading.Thread(target=_close, args=(it,), name="tapeflow-prefetch", daemon=True).start()


class Prefetcher:
    """An iterator over ``make_iter()`` computed ahead by a background thread (a bounded queue)."""

    __slots__ = ("_st", "_fin", "__weakref__")
    _thread_safe = True

    def __init__(self, make_iter: Callable[[], Iterator[Any]], size: int) -> None:
        st = self._st = _PrefetchState(make_iter, size)
        self._fin = weakref.finalize(self, _stop, st)
        self._fin.atexit = False
        st.running = True
        threading.Thread(target=_produce, args=(st,), name="tapeflow-prefetch", daemon=True).start()

    def __iter__(self) -> Prefetcher:
        return self

    def __next__(self) -> Any:
        st = self._st
        if st.stop.is_set():
            raise StopIteration
        ok, e = st.q.get()
        if not st.running and not st.finished:  # the producer parked on a full queue: restart it
            with st.lock:
                if not st.running and not st.finished and not st.stop.is_set() and st.pending is not None:
                    st.running = True
                    threading.Thread(target=_produce, args=(st,), name="tapeflow-prefetch", daemon=True).start()
        if ok and e is not _DONE:
            if st.stop.is_set():  # closed meanwhile
                raise StopIteration
            return e
        try:  # the end (or an error): every later call, from any thread, sees the end
            st.q.put_nowait((True, _DONE))
        except queue.Full:
            pass
        if ok:
            raise StopIteration
        raise e

    def close(self) -> None:
        """Stop the producer and return at once (it exits after its current upstream element)."""
        self._fin()


class _PoolState:
    __slots__ = ("q", "lock", "threads", "limit")

    def __init__(self, limit: int) -> None:
        self.q: queue.SimpleQueue = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.threads = 0
        self.limit = limit


def _work(st: _PoolState) -> None:
    while True:
        try:
            task = st.q.get(timeout=IDLE_S)
        except queue.Empty:
            with st.lock:
                if st.q.empty():
                    st.threads -= 1
                    return
            continue
        if task is None:
            with st.lock:
                st.threads -= 1
            return
        f, fn, arg = task
        if f.set_running_or_notify_cancel():
            try:
                f.set_result(fn(arg))
            except BaseException as exc:
                f.set_exception(exc)
        del task, f, arg


class Workers:
    """Up to ``limit`` daemon threads running submitted calls; idle ones exit after ``IDLE_S``.

    Example:
        >>> w = Workers(2)
        >>> w.submit(abs, -3).result()
        3
        >>> w.shutdown()
    """

    __slots__ = ("_st",)

    def __init__(self, limit: int) -> None:
        self._st = _PoolState(limit)

    def submit(self, fn: Callable[[Any], Any], arg: Any) -> Future:
        st = self._st
        f: Future = Future()
        st.q.put((f, fn, arg))
        with st.lock:
            if st.threads < st.limit:
                st.threads += 1
                threading.Thread(target=_work, args=(st,), name="tapeflow-map", daemon=True).start()
        return f

    def shutdown(self) -> None:
        """Ask the threads to exit after their current call (does not wait)."""
        st = self._st
        with st.lock:
            n = st.threads
        for _ in range(n):
            st.q.put(None)
