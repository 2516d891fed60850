"""``tf.data.Dataset``: input pipelines over NumPy arrays, tensors and generators.

Elements travel through a pipeline as nested structures (tuples, dicts) of NumPy arrays and
become tapeflow Tensors when iterated. Datasets built from arrays keep an *index plan* (the
arrays plus a stream of int64 index chunks) through ``shuffle``/``take``/``skip``/``repeat``/
``cache``, so ``batch`` produces each batch with one ``np.take`` per array instead of one Python
object per example.

Example:
    >>> import numpy as np
    >>> import tapeflow as tf
    >>> ds = tf.data.Dataset.from_tensor_slices((np.arange(6.0), np.arange(6))).batch(4)
    >>> [x.numpy().tolist() for x, y in ds]
    [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0]]
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError, OutOfRangeError
from ..tensor import Tensor, TensorShape, Variable, convert_to_tensor
from ._shuffle import buffered_shuffle
from ._workers import Prefetcher, Workers
from .specs import TensorSpec

AUTOTUNE = -1
INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2
_INF = INFINITE_CARDINALITY
_UNK = UNKNOWN_CARDINALITY

# --- nested structures (tuples, namedtuples and dicts are structure; lists are values, as TF) ---


def _is_struct(x: Any) -> bool:
    return isinstance(x, (tuple, dict))


def _flatten(s: Any, out: list) -> list:
    if isinstance(s, tuple):
        for c in s:
            _flatten(c, out)
    elif isinstance(s, dict):
        for k in sorted(s):
            _flatten(s[k], out)
    else:
        out.append(s)
    return out


def _pack(template: Any, leaves: list, pos: list | None = None) -> Any:
    if pos is None:
        pos = [0]
    if isinstance(template, tuple):
        kids = [_pack(c, leaves, pos) for c in template]
        return type(template)(*kids) if hasattr(template, "_fields") else tuple(kids)
    if isinstance(template, dict):
        vals = {k: _pack(template[k], leaves, pos) for k in sorted(template)}
        return {k: vals[k] for k in template}
    v = leaves[pos[0]]
    pos[0] += 1
    return v


def _packer(template: Any) -> Callable[[list], Any]:
    """A fast function rebuilding ``template`` from its flat leaves."""
    if not _is_struct(template):
        return lambda leaves: leaves[0]
    if type(template) is tuple and not any(_is_struct(c) for c in template):
        return tuple
    return lambda leaves: _pack(template, leaves)


def _map_leaves(fn: Callable, s: Any) -> Any:
    if type(s) is tuple:
        return tuple([_map_leaves(fn, c) for c in s])
    if isinstance(s, tuple):
        return type(s)(*[_map_leaves(fn, c) for c in s]) if hasattr(s, "_fields") else tuple(_map_leaves(fn, c) for c in s)
    if isinstance(s, dict):
        return {k: _map_leaves(fn, v) for k, v in s.items()}
    return fn(s)


def _same_structure(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same_structure(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(_same_structure(a[k], b[k]) for k in a)
    return not _is_struct(a) and not _is_struct(b)


def _to_array(v: Any) -> np.ndarray:
    """A leaf as a NumPy array, with TF's inference rules for Python values."""
    if isinstance(v, np.ndarray):
        return v if v.dtype.kind not in "USO" else convert_to_tensor(v)._value  # text: object array of bytes
    if isinstance(v, Tensor):
        return np.asarray(v._value)
    if isinstance(v, Variable):
        return np.asarray(v._read()._value)
    return np.asarray(convert_to_tensor(v)._value)


def _to_tensor(a: np.ndarray) -> Tensor:
    return Tensor(a)


def _to_numpy_out(a: np.ndarray) -> Any:
    return a[()] if a.ndim == 0 else a


def _spec_of(elem: Any) -> Any:
    return _map_leaves(lambda a: TensorSpec(a.shape, _dt.from_numpy(a.dtype)), elem)


def _shape_str(shape: tuple) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _count_arg(count: Any, op: str) -> int:
    if isinstance(count, (Tensor, Variable)):
        count = np.asarray(count)
    try:
        c = int(count)
    except (TypeError, ValueError):
        raise TypeError(f"Dataset.{op}: count must be an integer, got {count!r}")
    if c != count:
        raise TypeError(f"Dataset.{op}: count must be an integer, got {count!r}")
    return c


# --- index plans -----------------------------------------------------------------------------


class _Plan:
    """Element ``i`` of the dataset is ``pack(template, [leaf[i] for leaf in leaves])``;
    ``chunks()`` yields the int64 index chunks of one pass; ``card`` is the cardinality."""

    __slots__ = ("leaves", "template", "chunks", "card")

    def __init__(self, leaves: list, template: Any, chunks: Callable[[], Iterator[np.ndarray]], card: int) -> None:
        self.leaves = leaves
        self.template = template
        self.chunks = chunks
        self.card = card

    def derive(self, chunks: Callable[[], Iterator[np.ndarray]], card: int) -> _Plan:
        return _Plan(self.leaves, self.template, chunks, card)


def _take_chunks(chunks: Callable, n: int) -> Callable:
    def gen() -> Iterator[np.ndarray]:
        left = n
        if left <= 0:
            return
        for c in chunks():
            if c.shape[0] >= left:
                yield c[:left]
                return
            left -= c.shape[0]
            yield c
    return gen


def _skip_chunks(chunks: Callable, n: int) -> Callable:
    def gen() -> Iterator[np.ndarray]:
        left = n
        for c in chunks():
            if left:
                k = min(left, c.shape[0])
                left -= k
                c = c[k:]
                if not c.shape[0]:
                    continue
            yield c
    return gen


def _repeat_chunks(chunks: Callable, count: int) -> Callable:
    def gen() -> Iterator[np.ndarray]:
        i = 0
        while count < 0 or i < count:
            any_out = False
            for c in chunks():
                any_out = any_out or c.shape[0] > 0
                yield c
            if not any_out:
                return
            i += 1
    return gen


class _Seeds:
    """Per-iteration random generators for shuffle (reproducible when seeded)."""

    def __init__(self, seed: Any, reshuffle: bool) -> None:
        if isinstance(seed, (Tensor, Variable)):
            seed = int(np.asarray(seed))
        try:  # tf.random.set_seed makes unseeded shuffles reproducible, as in TF
            from ..ops.random_ops import get_seed
            g, s = get_seed(None if seed is None else int(seed))
        except ImportError:
            g, s = (None, None) if seed is None else (0, int(seed))
        if s is None:
            self.base = [int(np.random.SeedSequence().entropy) & 0xFFFFFFFFFFFFFFFF]
        else:
            self.base = [int(g) & 0xFFFFFFFFFFFFFFFF, int(s) & 0xFFFFFFFFFFFFFFFF]
        self.reshuffle = reshuffle
        self.count = 0
        self.lock = threading.Lock()

    def next_rng(self) -> np.random.Generator:
        if not self.reshuffle:
            return np.random.default_rng(self.base)
        with self.lock:
            k = self.count
            self.count += 1
        return np.random.default_rng(self.base + [k])


# --- Dataset ---------------------------------------------------------------------------------


def _tf_kind(kind: str | Callable[..., str]) -> Callable:
    """Name the dataset a source or transformation returns as TF names its class (``<_BatchDataset
    element_spec=...>`` in the repr); ``kind`` may be a function of the method's arguments."""
    import copy
    import functools

    def deco(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            out = fn(*args, **kwargs)
            if isinstance(out, Dataset):
                if args and out is args[0]:  # e.g. take(-1): a new dataset in TF
                    out = copy.copy(out)
                out._tf_name = kind(*args, **kwargs) if callable(kind) else kind
            return out
        return wrapper
    return deco


def _parallel(plain: str, parallel: str, pos: int) -> Callable[..., str]:
    """The name when ``num_parallel_calls`` (positional argument ``pos``, counting self) is None, else TF's
    parallel variant's."""
    def kind(*args: Any, num_parallel_calls: Any = None, **kwargs: Any) -> str:
        n = num_parallel_calls if num_parallel_calls is not None else (args[pos] if len(args) > pos else None)
        return parallel if n is not None else plain
    return kind



class Dataset:
    """A sequence of elements (structures of tensors), iterable any number of times.

    Build one with ``from_tensor_slices``, ``from_tensors``, ``from_generator``, ``range`` or
    ``zip``, then chain transformations (``map``, ``shuffle``, ``batch``, ...).

    Example:
        >>> import tapeflow as tf
        >>> [int(v) for v in tf.data.Dataset.range(5).map(lambda x: x * 2)]
        [0, 2, 4, 6, 8]
    """

    _plan: _Plan | None = None
    _tf_name: str | None = None  # TF's class name for this kind of dataset, shown by repr

    def __init__(self, gen: Callable[[], Iterator[Any]], card: int, spec: Callable[[], Any] | None = None) -> None:
        self._gen = gen
        self._cardv = card
        self._spec_fn = spec
        self._spec_cache: Any = None

    # -- internals ----------------------------------------------------------------------------
    def _card(self) -> int:
        return self._cardv

    def _compute_spec(self) -> Any:
        if self._spec_fn is not None:
            return self._spec_fn()
        it = self._gen()
        try:
            first = next(it)
        except StopIteration:
            raise ValueError("element_spec: the dataset is empty and its element structure is unknown")
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                close()
        return _spec_of(first)

    # -- iteration ----------------------------------------------------------------------------
    def __iter__(self) -> DatasetIterator:
        return DatasetIterator(self._gen(), self)

    def as_numpy_iterator(self) -> Iterator[Any]:
        """Iterate elements as NumPy values (0-d values as NumPy scalars).

        Example:
            >>> import tapeflow as tf
            >>> [v.tolist() for v in tf.data.Dataset.range(3).as_numpy_iterator()]
            [0, 1, 2]
        """
        return _NumpyIterator(self._gen(), self)

    def __bool__(self) -> bool:
        return True

    def __len__(self) -> int:
        c = self._card()
        if c == _INF:
            raise TypeError("The dataset is infinite.")
        if c == _UNK:
            raise TypeError("The dataset length is unknown.")
        return c

    def cardinality(self) -> Tensor:
        """Number of elements as an int64 Tensor: -1 if infinite, -2 if unknown.

        Example:
            >>> import tapeflow as tf
            >>> int(tf.data.Dataset.range(10).batch(3).cardinality())
            4
        """
        return Tensor(np.asarray(self._card(), np.int64))

    @property
    def element_spec(self) -> Any:
        """The structure of ``TensorSpec`` describing one element."""
        if self._spec_cache is None:
            self._spec_cache = self._compute_spec()
        return self._spec_cache

    def __repr__(self) -> str:
        return f"<{self._tf_name or type(self).__name__} element_spec={self.element_spec!r}>"

    # -- sources ------------------------------------------------------------------------------
    @staticmethod
    @_tf_kind("_TensorSliceDataset")
    def from_tensor_slices(tensors: Any, name: str | None = None) -> Dataset:
        """Slice arrays (or tuples/dicts of arrays) along their first dimension.

        Example:
            >>> import tapeflow as tf
            >>> ds = tf.data.Dataset.from_tensor_slices({"a": [1, 2], "b": [3.0, 4.0]})
            >>> [int(e["a"]) for e in ds]
            [1, 2]
        """
        leaves = [_to_array(v) for v in _flatten(tensors, [])]
        if not leaves:
            raise ValueError("Dataset.from_tensor_slices: the input structure has no components")
        for a in leaves:
            if a.ndim == 0:
                raise ValueError(
                    f"Dataset.from_tensor_slices: unbatching a tensor is only supported for rank >= 1; "
                    f"got a scalar of dtype {_dt.from_numpy(a.dtype).name}"
                )
        n = leaves[0].shape[0]
        if any(a.shape[0] != n for a in leaves):
            shapes = ", ".join(_shape_str(a.shape) for a in leaves)
            raise ValueError(
                f"Dataset.from_tensor_slices: all components must have the same size in their first "
                f"dimension; got shapes {shapes}"
            )
        template = _map_leaves(lambda _: None, tensors)
        return _IndexedDataset(_Plan(leaves, template, lambda: iter((np.arange(n, dtype=np.int64),)), n))

    @staticmethod
    @_tf_kind("_TensorDataset")
    def from_tensors(tensors: Any, name: str | None = None) -> Dataset:
        """A dataset with a single element: ``tensors``.

        Example:
            >>> import tapeflow as tf
            >>> [x.numpy().tolist() for x in tf.data.Dataset.from_tensors([1, 2])]
            [[1, 2]]
        """
        leaves = [_to_array(v)[np.newaxis] for v in _flatten(tensors, [])]
        template = _map_leaves(lambda _: None, tensors)
        return _IndexedDataset(_Plan(leaves, template, lambda: iter((np.zeros(1, np.int64),)), 1))

    @staticmethod
    @_tf_kind("_RangeDataset")
    def range(*args: Any, dtype: Any = _dt.int64, name: str | None = None) -> Dataset:
        """Like Python's ``range``: ``range(stop)``, ``range(start, stop[, step])``; int64 scalars.

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(1, 8, 3)]
            [1, 4, 7]
        """
        if not 1 <= len(args) <= 3:
            raise TypeError(f"Dataset.range takes 1 to 3 positional arguments, got {len(args)}")
        ints = [_count_arg(a, "range") for a in args]
        if len(ints) == 3 and ints[2] == 0:
            raise InvalidArgumentError(f"Dataset.range: step must be a non-zero integer. (start={ints[0]}, "
                                       f"stop={ints[1]}, step=0)", op="RangeDataset")
        r = range(*ints)
        npd = _dt.np_dtype(dtype)
        n = len(r)
        if n <= 1 << 20:
            leaf = np.arange(r.start, r.stop, r.step, dtype=np.int64).astype(npd, copy=False)
            return _IndexedDataset(_Plan([leaf], None, lambda: iter((np.arange(n, dtype=np.int64),)), n))

        def gen() -> Iterator[np.ndarray]:
            for v in r:
                yield np.asarray(v, npd)
        return Dataset(gen, n, lambda: TensorSpec((), _dt.as_dtype(dtype)))

    @staticmethod
    @_tf_kind("_ScanDataset")
    def counter(start: Any = 0, step: Any = 1, dtype: Any = _dt.int64, name: str | None = None) -> Dataset:
        """An endless count ``start, start + step, start + 2 * step, ...`` of ``dtype`` scalars.

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.counter(3, 2).take(3)]
            [3, 5, 7]
        """
        a, b = _count_arg(start, "counter"), _count_arg(step, "counter")
        npd = _dt.np_dtype(dtype)

        def gen() -> Iterator[np.ndarray]:
            v = a
            while True:
                yield np.asarray(v, npd)
                v += b

        return Dataset(gen, _INF, lambda: TensorSpec((), _dt.as_dtype(dtype)))

    @staticmethod
    @_tf_kind("_FlatMapDataset")
    def from_generator(
        generator: Callable[..., Any],
        output_types: Any = None,
        output_shapes: Any = None,
        args: Any = None,
        output_signature: Any = None,
        name: str | None = None,
    ) -> Dataset:
        """Elements produced by calling ``generator(*args)`` (once per iteration).

        Example:
            >>> import tapeflow as tf
            >>> def gen():
            ...     yield from ([1.0, 2.0], [3.0, 4.0])
            >>> ds = tf.data.Dataset.from_generator(gen, output_signature=tf.data.TensorSpec((2,), tf.float32))
            >>> [x.numpy().tolist() for x in ds]
            [[1.0, 2.0], [3.0, 4.0]]
        """
        if not callable(generator):
            raise TypeError(f"Dataset.from_generator: `generator` must be callable, got {type(generator).__name__}")
        if output_signature is not None:
            if output_types is not None or output_shapes is not None:
                raise TypeError("Dataset.from_generator: pass either output_signature or output_types/output_shapes, not both")
            spec = output_signature
            for s in _flatten(spec, []):
                if not isinstance(s, TensorSpec):
                    raise TypeError(f"Dataset.from_generator: output_signature must contain TensorSpec objects, got {s!r}")
        elif output_types is not None:
            types = _map_leaves(_dt.as_dtype, output_types)
            tleaves = _flatten(types, [])
            if output_shapes is None:
                sleaves = [None] * len(tleaves)
            else:
                sleaves = [leaf.shape for leaf in _flatten(_shapes_as_struct(output_shapes, types), [])]
                if len(sleaves) != len(tleaves):
                    raise ValueError("Dataset.from_generator: output_shapes must match the structure of output_types")
            spec = _pack(types, [TensorSpec(s, t) for s, t in zip(sleaves, tleaves)])
        else:
            raise TypeError("Dataset.from_generator: `output_signature` (or `output_types`) must be specified")
        specs = _flatten(spec, [])
        pack = _packer(spec)
        gargs = tuple(_to_array(a) for a in args) if args is not None else ()

        def convert(value: Any) -> Any:
            vals = _flatten(_lists_as_tuples(value, spec), [])
            if len(vals) != len(specs) or not _same_structure(_lists_as_tuples(value, spec), spec):
                raise InvalidArgumentError(
                    f"Dataset.from_generator: `generator` yielded an element that did not match the expected "
                    f"structure {spec!r}: {value!r}", op="from_generator")
            out = []
            for v, s in zip(vals, specs):
                try:
                    a = convert_to_tensor(v, dtype=s.dtype)._value \
                        if not isinstance(v, np.ndarray) or v.dtype.kind in "USO" else v
                    if a.dtype != s.dtype._np:
                        if (a.dtype.kind == "f" and s.dtype._np.kind in "iub") or (a.dtype.kind in "iu" and s.dtype._np.kind == "b"):
                            raise TypeError("lossy conversion")
                        a = a.astype(s.dtype._np)
                except (TypeError, ValueError) as e:
                    raise InvalidArgumentError(
                        f"Dataset.from_generator: `generator` yielded an element of dtype "
                        f"{_dt.from_numpy(np.asarray(v).dtype).name if not isinstance(v, str) else 'string'} "
                        f"where an element of dtype {s.dtype.name} was expected ({e})", op="from_generator")
                if not s._shape_ok(a.shape):
                    raise InvalidArgumentError(
                        f"Dataset.from_generator: `generator` yielded an element of shape {_shape_str(a.shape)} "
                        f"where an element of shape {_shape_str(tuple(s.shape))} was expected", op="from_generator")
                out.append(a)
            return pack(out)

        def gen() -> Iterator[Any]:
            for v in generator(*gargs):
                yield convert(v)

        return Dataset(gen, _UNK, lambda: spec)

    @staticmethod
    @_tf_kind("_ZipDataset")
    def zip(*datasets: Any, name: str | None = None) -> Dataset:
        """Combine datasets element-wise into tuples (or the structure passed); stops at the shortest.

        Example:
            >>> import tapeflow as tf
            >>> a, b = tf.data.Dataset.range(3), tf.data.Dataset.range(10, 13)
            >>> [(int(x), int(y)) for x, y in tf.data.Dataset.zip(a, b)]
            [(0, 10), (1, 11), (2, 12)]
        """
        struct = datasets[0] if len(datasets) == 1 else tuple(datasets)
        flat = _flatten(struct, [])
        for d in flat:
            if not isinstance(d, Dataset):
                raise TypeError(f"Dataset.zip: expected Dataset objects, got {type(d).__name__}")
        pack = _packer(struct)
        cards = [d._card() for d in flat]
        finite = [c for c in cards if c >= 0]
        if finite:
            card = min(finite) if _UNK not in cards or min(finite) == 0 else _UNK
        else:
            card = _UNK if _UNK in cards else _INF

        def gen() -> Iterator[Any]:
            its = [d._gen() for d in flat]
            try:
                while True:
                    elems = []
                    for it in its:
                        try:
                            elems.append(next(it))
                        except StopIteration:
                            return
                    yield pack(elems)
            finally:
                for it in its:
                    c = getattr(it, "close", None)
                    if c is not None:
                        c()

        return Dataset(gen, card, lambda: pack([d.element_spec for d in flat]))

    # -- transformations ----------------------------------------------------------------------
    @_tf_kind(_parallel("_MapDataset", "_ParallelMapDataset", 2))
    def map(self, map_func: Callable, num_parallel_calls: Any = None, deterministic: Any = None, name: str | None = None) -> Dataset:
        """Apply ``map_func`` to each element (tuples are unpacked into arguments).

        ``num_parallel_calls`` > 1 (or ``tf.data.AUTOTUNE``) runs calls in a thread pool; the
        output order is always the input order.

        Example:
            >>> import tapeflow as tf
            >>> ds = tf.data.Dataset.from_tensor_slices(([1, 2], [10, 20])).map(lambda x, y: x + y)
            >>> [int(v) for v in ds]
            [11, 22]
        """
        if not callable(map_func):
            raise TypeError(f"Dataset.map: map_func must be callable, got {type(map_func).__name__}")
        src = self

        def call(e: Any) -> Any:
            t = _map_leaves(_to_tensor, e)
            out = map_func(*t) if type(t) is tuple else map_func(t)
            if isinstance(out, list):
                out = tuple(out)
            return _map_leaves(_to_array, out)

        workers = 0
        if num_parallel_calls is not None:
            n = _count_arg(num_parallel_calls, "map")
            if n == AUTOTUNE:
                workers = os.cpu_count() or 2
            elif n > 1:
                workers = n
            elif n < 1:
                raise ValueError(f"Dataset.map: num_parallel_calls must be positive or tf.data.AUTOTUNE, got {n}")

        if workers:
            def gen() -> Iterator[Any]:
                pool = Workers(workers)  # idle threads exit: a dropped iterator leaves none behind
                pending: collections.deque = collections.deque()
                it = src._gen()
                try:
                    for e in it:
                        pending.append(pool.submit(call, e))
                        if len(pending) >= 2 * workers:
                            yield pending.popleft().result()
                    while pending:
                        yield pending.popleft().result()
                finally:
                    for f in pending:
                        f.cancel()
                    pool.shutdown()  # threads exit after their current call; nothing waits for them
                    c = getattr(it, "close", None)
                    if c is not None:
                        c()
        else:
            def gen() -> Iterator[Any]:
                for e in src._gen():
                    yield call(e)

        def spec() -> Any:
            out = Dataset._compute_spec(Dataset(gen, 0))
            in_spec = src.element_spec
            flat_in = _flatten(in_spec, [])
            if flat_in and all(s._shape is not None and len(s._shape) and s._shape[0] is None for s in flat_in):
                out = _map_leaves(lambda s: TensorSpec((None,) + tuple(s.shape[1:]), s.dtype) if len(s.shape) else s, out)
            return out

        return Dataset(gen, self._card(), spec)

    @_tf_kind("_FilterDataset")
    def filter(self, predicate: Callable, name: str | None = None) -> Dataset:
        """Keep the elements for which ``predicate`` returns a scalar True.

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(6).filter(lambda x: x % 2 == 0)]
            [0, 2, 4]
        """
        src = self

        def gen() -> Iterator[Any]:
            for e in src._gen():
                t = _map_leaves(_to_tensor, e)
                keep = predicate(*t) if type(t) is tuple else predicate(t)
                k = _to_array(keep)
                if k.shape != () or k.dtype != np.bool_:
                    raise InvalidArgumentError(
                        f"Dataset.filter: predicate must return a scalar bool tensor, got shape "
                        f"{_shape_str(k.shape)} and dtype {_dt.from_numpy(k.dtype).name}", op="filter")
                if k:
                    yield e

        c = self._card()
        return Dataset(gen, _INF if c == _INF else _UNK, lambda: src.element_spec)

    @_tf_kind(_parallel("_BatchDataset", "_ParallelBatchDataset", 3))
    def batch(self, batch_size: Any, drop_remainder: bool = False, num_parallel_calls: Any = None,
              deterministic: Any = None, name: str | None = None) -> Dataset:
        """Stack consecutive elements into batches (a smaller last batch unless ``drop_remainder``).

        Example:
            >>> import tapeflow as tf
            >>> [b.numpy().tolist() for b in tf.data.Dataset.range(5).batch(2)]
            [[0, 1], [2, 3], [4]]
        """
        bs = _count_arg(batch_size, "batch")
        if bs <= 0:
            raise InvalidArgumentError(f"Dataset.batch: batch_size must be greater than zero, got {bs}", op="batch")
        c = self._card()
        card = c if c < 0 else (c // bs if drop_remainder else -(-c // bs))
        if self._plan is not None:
            return _IndexedBatch(self._plan, bs, bool(drop_remainder), card)
        src = self

        def gen() -> Iterator[Any]:
            buf: list = []
            for e in src._gen():
                buf.append(e)
                if len(buf) == bs:
                    yield _stack(buf)
                    buf = []
            if buf and not drop_remainder:
                yield _stack(buf)

        def spec() -> Any:
            d0 = bs if drop_remainder else None
            return _map_leaves(lambda s: TensorSpec((d0,) + tuple(s.shape), s.dtype), src.element_spec)

        return Dataset(gen, card, spec)

    @_tf_kind("_PaddedBatchDataset")
    def padded_batch(self, batch_size: Any, padded_shapes: Any = None, padding_values: Any = None,
                     drop_remainder: bool = False, name: str | None = None) -> Dataset:
        """Like ``batch``, padding each component to the largest shape in the batch (or to
        ``padded_shapes``, where ``None`` dims mean "the batch maximum").

        Example:
            >>> import tapeflow as tf
            >>> g = tf.data.Dataset.from_generator(lambda: iter([[1], [2, 2]]),
            ...     output_signature=tf.data.TensorSpec([None], tf.int32))
            >>> [b.numpy().tolist() for b in g.padded_batch(2)]
            [[[1, 0], [2, 2]]]
        """
        bs = _count_arg(batch_size, "padded_batch")
        if bs <= 0:
            raise InvalidArgumentError(f"Dataset.padded_batch: batch_size must be greater than zero, got {bs}",
                                       op="padded_batch")
        src = self

        def pad_stack(elems: list) -> Any:
            flat = [_flatten(e, []) for e in elems]
            k = len(flat[0])
            shapes = _flatten(padded_shapes, []) if padded_shapes is not None else [None] * k
            values = _flatten(padding_values, []) if padding_values is not None and _is_struct(padding_values) \
                else [padding_values] * k
            out = []
            for ci, col in enumerate(zip(*flat)):
                rank = col[0].ndim
                if any(a.ndim != rank for a in col):
                    raise InvalidArgumentError(f"Dataset.padded_batch: component {ci} has elements of different ranks",
                                               op="padded_batch")
                target = [max(a.shape[d] for a in col) for d in range(rank)]
                want = shapes[ci]
                if want is not None:
                    want = list(TensorShape(want))
                    if len(want) != rank:
                        raise InvalidArgumentError(f"Dataset.padded_batch: padded_shapes[{ci}] has rank {len(want)} "
                                                   f"but the component has rank {rank}", op="padded_batch")
                    for d, w in enumerate(want):
                        if w is not None:
                            if w < target[d]:
                                raise InvalidArgumentError(
                                    f"Dataset.padded_batch: component {ci} has size {target[d]} in dimension {d}, "
                                    f"larger than the padded shape {w}", op="padded_batch")
                            target[d] = w
                pv = values[ci]
                fill = np.zeros((), col[0].dtype) if pv is None else _to_array(pv).astype(col[0].dtype)
                res = np.full((len(col), *target), fill, dtype=col[0].dtype)
                for j, a in enumerate(col):
                    res[(j, *(slice(0, s) for s in a.shape))] = a
                out.append(res)
            return _packer(elems[0])(out)

        def gen() -> Iterator[Any]:
            buf: list = []
            for e in src._gen():
                buf.append(e)
                if len(buf) == bs:
                    yield pad_stack(buf)
                    buf = []
            if buf and not drop_remainder:
                yield pad_stack(buf)

        def spec() -> Any:
            d0 = bs if drop_remainder else None
            in_specs = _flatten(src.element_spec, [])
            shapes = _flatten(padded_shapes, []) if padded_shapes is not None else [None] * len(in_specs)
            out = []
            for s, want in zip(in_specs, shapes):
                dims = tuple(s.shape) if want is None else tuple(TensorShape(want))
                out.append(TensorSpec((d0,) + dims, s.dtype))
            return _pack(src.element_spec, out)

        c = self._card()
        card = c if c < 0 else (c // bs if drop_remainder else -(-c // bs))
        return Dataset(gen, card, spec)

    @_tf_kind("_ShardDataset")
    def shard(self, num_shards: Any, index: Any, name: str | None = None) -> Dataset:
        """Every ``num_shards``-th element, starting at ``index``.

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(10).shard(3, 1)]
            [1, 4, 7]
        """
        n, i = _count_arg(num_shards, "shard"), _count_arg(index, "shard")
        if n <= 0 or not 0 <= i < n:
            raise InvalidArgumentError(f"Dataset.shard: need num_shards > 0 and 0 <= index < num_shards, got "
                                       f"num_shards={n}, index={i}", op="shard")
        c = self._card()
        card = c if c < 0 else max(0, -(-(c - i) // n))
        plan = self._plan
        if plan is not None and c >= 0:
            chunks = plan.chunks

            def sh() -> Iterator[np.ndarray]:
                idx = np.concatenate(list(chunks()) or [np.empty(0, np.int64)])
                yield idx[i::n]

            return _IndexedDataset(plan.derive(sh, card))
        src = self

        def gen() -> Iterator[Any]:
            for k, e in enumerate(src._gen()):
                if k % n == i:
                    yield e

        return Dataset(gen, card, lambda: src.element_spec)

    @_tf_kind("_UnbatchDataset")
    def unbatch(self, name: str | None = None) -> Dataset:
        """Split each element along its first dimension (the inverse of ``batch``).

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(5).batch(2).unbatch()]
            [0, 1, 2, 3, 4]
        """
        src = self

        def gen() -> Iterator[Any]:
            for e in src._gen():
                leaves = _flatten(e, [])
                n = leaves[0].shape[0] if leaves and leaves[0].ndim else None
                if n is None or any(a.ndim == 0 or a.shape[0] != n for a in leaves):
                    raise InvalidArgumentError(
                        "Dataset.unbatch: every component must have rank >= 1 and the same first dimension; got "
                        f"shapes {', '.join(_shape_str(a.shape) for a in leaves)}", op="unbatch")
                pack = _packer(e)
                for i in range(n):
                    yield pack([a[i] if a.ndim > 1 else np.asarray(a[i, ...]) for a in leaves])

        def spec() -> Any:
            return _map_leaves(lambda s: TensorSpec(tuple(s.shape)[1:], s.dtype), src.element_spec)

        return Dataset(gen, _INF if self._card() == _INF else _UNK, spec)

    @_tf_kind("_ShuffleDataset")
    def shuffle(self, buffer_size: Any, seed: Any = None, reshuffle_each_iteration: bool = True,
                name: str | None = None) -> Dataset:
        """Randomly shuffle with TF's buffer semantics: each output is a uniform pick from a buffer
        of ``buffer_size`` elements, refilled from the input.

        Example:
            >>> import tapeflow as tf
            >>> sorted(int(v) for v in tf.data.Dataset.range(5).shuffle(5, seed=1))
            [0, 1, 2, 3, 4]
        """
        b = _count_arg(buffer_size, "shuffle")
        if b == AUTOTUNE:
            b = 1024
        if b <= 0:
            raise InvalidArgumentError(f"Dataset.shuffle: buffer_size must be greater than zero, got {b}", op="shuffle")
        seeds = _Seeds(seed, bool(reshuffle_each_iteration))
        plan = self._plan
        if plan is not None:
            chunks = plan.chunks
            return _IndexedDataset(plan.derive(lambda: buffered_shuffle(chunks(), b, seeds.next_rng()), plan.card))
        src = self

        def gen() -> Iterator[Any]:
            rng = seeds.next_rng()
            buf: list = []
            draws = iter(())
            for e in src._gen():
                if len(buf) < b:
                    buf.append(e)
                    continue
                k = next(draws, None)
                if k is None:
                    draws = iter(rng.integers(0, b, 256).tolist())
                    k = next(draws)
                yield buf[k]
                buf[k] = e
            for k in rng.permutation(len(buf)).tolist():
                yield buf[k]

        return Dataset(gen, self._card(), lambda: src.element_spec)

    @_tf_kind("_RepeatDataset")
    def repeat(self, count: Any = None, name: str | None = None) -> Dataset:
        """Repeat the dataset ``count`` times (forever when None or -1).

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(2).repeat(2)]
            [0, 1, 0, 1]
        """
        n = -1 if count is None else _count_arg(count, "repeat")
        c = self._card()
        if n == 0 or c == 0:
            card = 0
        elif n < 0:
            card = _UNK if c == _UNK else _INF
        else:
            card = c * n if c >= 0 else c
        plan = self._plan
        if plan is not None:
            return _IndexedDataset(plan.derive(_repeat_chunks(plan.chunks, n), card))
        src = self

        def gen() -> Iterator[Any]:
            i = 0
            while n < 0 or i < n:
                any_out = False
                for e in src._gen():
                    any_out = True
                    yield e
                if not any_out:
                    return
                i += 1

        return Dataset(gen, card, lambda: src.element_spec)

    @_tf_kind("_TakeDataset")
    def take(self, count: Any, name: str | None = None) -> Dataset:
        """The first ``count`` elements (all of them when ``count`` is -1).

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(10).take(3)]
            [0, 1, 2]
        """
        n = _count_arg(count, "take")
        c = self._card()
        if n < 0:
            return self
        card = n if c == _INF else (min(c, n) if c >= 0 else _UNK)
        plan = self._plan
        if plan is not None:
            return _IndexedDataset(plan.derive(_take_chunks(plan.chunks, n), card))
        src = self

        def gen() -> Iterator[Any]:
            if n == 0:
                return
            for i, e in enumerate(src._gen()):
                yield e
                if i + 1 >= n:
                    return

        return Dataset(gen, card, lambda: src.element_spec)

    @_tf_kind("_SkipDataset")
    def skip(self, count: Any, name: str | None = None) -> Dataset:
        """All but the first ``count`` elements (nothing when ``count`` is -1).

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(5).skip(3)]
            [3, 4]
        """
        n = _count_arg(count, "skip")
        c = self._card()
        if n < 0:
            return self.take(0)
        card = c if c < 0 else max(c - n, 0)
        plan = self._plan
        if plan is not None:
            return _IndexedDataset(plan.derive(_skip_chunks(plan.chunks, n), card))
        src = self

        def gen() -> Iterator[Any]:
            for i, e in enumerate(src._gen()):
                if i >= n:
                    yield e

        return Dataset(gen, card, lambda: src.element_spec)

    @_tf_kind("_PrefetchDataset")
    def prefetch(self, buffer_size: Any, name: str | None = None) -> Dataset:
        """Produce elements ahead of the consumer in a background thread (bounded queue).

        Errors raised while producing are re-raised to the consumer; stopping iteration early
        (or ``close()``, or dropping the iterator) stops the thread without waiting for it, and
        a thread kept idle by a full buffer exits after a while (it restarts on demand).

        Example:
            >>> import tapeflow as tf
            >>> [int(v) for v in tf.data.Dataset.range(3).prefetch(tf.data.AUTOTUNE)]
            [0, 1, 2]
        """
        n = _count_arg(buffer_size, "prefetch")
        if n == AUTOTUNE:
            n = 4
        if n < 0:
            raise InvalidArgumentError(f"Dataset.prefetch: buffer_size must be >= 0 or AUTOTUNE, got {n}", op="prefetch")
        src = self

        def gen() -> Iterator[Any]:
            return Prefetcher(src._gen, max(n, 1))

        out = Dataset(gen, self._card(), lambda: src.element_spec)
        return out

    @_tf_kind("CacheDataset")
    def cache(self, filename: str = "", name: str | None = None) -> Dataset:
        """Keep the elements in memory after the first complete pass (later passes replay them).

        Only the in-memory cache is supported: a ``filename`` is accepted but ignored.

        Example:
            >>> import tapeflow as tf
            >>> ds = tf.data.Dataset.range(3).shuffle(3).cache()
            >>> list(ds.as_numpy_iterator()) == list(ds.as_numpy_iterator())
            True
        """
        plan = self._plan
        store: dict = {}
        if plan is not None:
            chunks = plan.chunks

            def ichunks() -> Iterator[np.ndarray]:
                if "v" in store:
                    yield store["v"]
                    return
                seen = []
                for c in chunks():
                    seen.append(c)
                    yield c
                store["v"] = np.concatenate(seen) if seen else np.empty(0, np.int64)

            return _IndexedDataset(plan.derive(ichunks, plan.card))
        src = self

        def gen() -> Iterator[Any]:
            if "v" in store:
                yield from store["v"]
                return
            seen = []
            for e in src._gen():
                seen.append(e)
                yield e
            store["v"] = seen

        return Dataset(gen, self._card(), lambda: src.element_spec)

    @_tf_kind("_ZipDataset")
    def enumerate(self, start: Any = 0, name: str | None = None) -> Dataset:
        """Pair each element with its int64 index: ``(i, element)``.

        Example:
            >>> import tapeflow as tf
            >>> [(int(i), int(v)) for i, v in tf.data.Dataset.range(10, 12).enumerate(start=5)]
            [(5, 10), (6, 11)]
        """
        s = _count_arg(start, "enumerate")
        src = self

        def gen() -> Iterator[Any]:
            for i, e in enumerate(src._gen(), s):
                yield (np.asarray(i, np.int64), e)

        return Dataset(gen, self._card(), lambda: (TensorSpec((), _dt.int64), src.element_spec))

    @_tf_kind("_ConcatenateDataset")
    def concatenate(self, dataset: Dataset, name: str | None = None) -> Dataset:
        """This dataset's elements followed by ``dataset``'s (same structure and dtypes).

        Example:
            >>> import tapeflow as tf
            >>> a, b = tf.data.Dataset.range(2), tf.data.Dataset.range(5, 7)
            >>> [int(v) for v in a.concatenate(b)]
            [0, 1, 5, 6]
        """
        if not isinstance(dataset, Dataset):
            raise TypeError(f"Dataset.concatenate: expected a Dataset, got {type(dataset).__name__}")
        sa, sb = self.element_spec, dataset.element_spec
        fa, fb = _flatten(sa, []), _flatten(sb, [])
        if not _same_structure(sa, sb) or any(x.dtype != y.dtype for x, y in zip(fa, fb)):
            raise TypeError(f"Dataset.concatenate: incompatible element types {sa!r} and {sb!r}")
        ca, cb = self._card(), dataset._card()
        card = _INF if _INF in (ca, cb) else (_UNK if _UNK in (ca, cb) else ca + cb)
        src = self

        def gen() -> Iterator[Any]:
            yield from src._gen()
            yield from dataset._gen()

        def spec() -> Any:
            return _pack(sa, [x.most_specific_common_supertype([y]) or x for x, y in zip(fa, fb)])

        return Dataset(gen, card, spec)

    @_tf_kind("_FlatMapDataset")
    def flat_map(self, map_func: Callable, name: str | None = None) -> Dataset:
        """Map each element to a dataset and chain those datasets.

        Example:
            >>> import tapeflow as tf
            >>> ds = tf.data.Dataset.range(3).flat_map(lambda x: tf.data.Dataset.range(x))
            >>> [int(v) for v in ds]
            [0, 0, 1]
        """
        src = self

        def gen() -> Iterator[Any]:
            for e in src._gen():
                t = _map_leaves(_to_tensor, e)
                d = map_func(*t) if type(t) is tuple else map_func(t)
                if not isinstance(d, Dataset):
                    raise TypeError(f"Dataset.flat_map: map_func must return a Dataset, got {type(d).__name__}")
                yield from d._gen()

        return Dataset(gen, _UNK)

    def reduce(self, initial_state: Any, reduce_func: Callable, name: str | None = None) -> Any:
        """Fold the elements: ``state = reduce_func(state, element)``.

        Example:
            >>> import tapeflow as tf
            >>> int(tf.data.Dataset.range(5).reduce(tf.constant(0, tf.int64), lambda s, x: s + x))
            10
        """
        state = _map_leaves(lambda v: Tensor(_to_array(v)), initial_state)
        for e in self._gen():
            state = reduce_func(state, _map_leaves(_to_tensor, e))
        return state

    def apply(self, transformation_func: Callable[[Dataset], Dataset]) -> Dataset:
        """``transformation_func(self)``."""
        return transformation_func(self)

    def options(self) -> Any:
        """Options are accepted and ignored (no graph optimisations to configure)."""
        return None

    @_tf_kind("_OptionsDataset")
    def with_options(self, options: Any, name: str | None = None) -> Dataset:
        """Return ``self``: options have no effect in tapeflow."""
        return self


def _stack(elems: list) -> Any:
    first = elems[0]
    flat = [_flatten(e, []) for e in elems]
    cols = list(zip(*flat))
    out = []
    for ci, col in enumerate(cols):
        s0 = col[0].shape
        for j, a in enumerate(col):
            if a.shape != s0:
                raise InvalidArgumentError(
                    f"Dataset.batch: cannot batch tensors with different shapes in component {ci}. First element "
                    f"had shape {_shape_str(s0)} and element {j} had shape {_shape_str(a.shape)}.", op="batch")
        out.append(np.stack(col))
    return _packer(first)(out)


class _IndexedDataset(Dataset):
    """Elements are gathers of the plan's arrays at the plan's index stream."""

    def __init__(self, plan: _Plan) -> None:
        self._plan = plan
        self._spec_cache = None

    def _card(self) -> int:
        return self._plan.card

    def _gen(self) -> Iterator[Any]:
        plan = self._plan
        leaves = plan.leaves
        pack = _packer(plan.template)
        strings = any(a.dtype == object for a in leaves)  # a[i] would unwrap a string to bytes
        for chunk in plan.chunks():
            for s in range(0, chunk.shape[0], 1024):
                for i in chunk[s:s + 1024].tolist():
                    yield pack([np.array(a[i, ...]) for a in leaves] if strings else [np.array(a[i]) for a in leaves])

    def _compute_spec(self) -> Any:
        p = self._plan
        return _pack(p.template, [TensorSpec(a.shape[1:], _dt.from_numpy(a.dtype)) for a in p.leaves])


class _IndexedBatch(Dataset):
    """Batches of an index plan: one ``np.take`` per array per batch."""

    def __init__(self, plan: _Plan, batch_size: int, drop_remainder: bool, card: int) -> None:
        self._src_plan = plan
        self._bs = batch_size
        self._drop = drop_remainder
        self._cardv = card
        self._spec_cache = None

    def _gen(self) -> Iterator[Any]:
        plan, bs = self._src_plan, self._bs
        leaves = plan.leaves
        pack = _packer(plan.template)
        carry = None
        for chunk in plan.chunks():
            if carry is not None and carry.shape[0]:
                chunk = np.concatenate([carry, chunk])
            n = chunk.shape[0]
            full = n - n % bs
            for s in range(0, full, bs):
                idx = chunk[s:s + bs]
                yield pack([np.take(a, idx, axis=0) for a in leaves])
            carry = chunk[full:]
        if carry is not None and carry.shape[0] and not self._drop:
            yield pack([np.take(a, carry, axis=0) for a in leaves])

    @_tf_kind("_UnbatchDataset")
    def unbatch(self, name: str | None = None) -> Dataset:
        p = self._src_plan
        if self._drop:
            bs = self._bs
            chunks = p.chunks

            def gen() -> Iterator[np.ndarray]:
                idx = np.concatenate(list(chunks()) or [np.empty(0, np.int64)])
                yield idx[: idx.shape[0] - idx.shape[0] % bs]

            if p.card < 0:
                return Dataset.unbatch(self)
            return _IndexedDataset(p.derive(gen, p.card - p.card % bs))
        return _IndexedDataset(p)

    def _compute_spec(self) -> Any:
        p = self._src_plan
        d0 = self._bs if self._drop else None
        return _pack(p.template, [TensorSpec((d0,) + a.shape[1:], _dt.from_numpy(a.dtype)) for a in p.leaves])


def _lists_as_tuples(value: Any, spec: Any) -> Any:
    """Generators may yield lists where the signature has tuples."""
    if isinstance(spec, tuple) and isinstance(value, list) and len(value) == len(spec):
        value = tuple(value)
    if isinstance(spec, tuple) and isinstance(value, tuple) and len(value) == len(spec):
        return tuple(_lists_as_tuples(v, s) for v, s in zip(value, spec))
    if isinstance(spec, dict) and isinstance(value, dict):
        return {k: _lists_as_tuples(value[k], spec[k]) if k in spec else value[k] for k in value}
    return value


def _shapes_as_struct(shapes: Any, types: Any) -> Any:
    """Turn output_shapes (lists of ints may be shapes, not structure) into types' structure."""
    if isinstance(types, tuple):
        if not isinstance(shapes, (tuple, list)) or len(shapes) != len(types):
            raise ValueError(f"Dataset.from_generator: output_shapes {shapes!r} does not match output_types {types!r}")
        return tuple(_shapes_as_struct(s, t) for s, t in zip(shapes, types))
    if isinstance(types, dict):
        if not isinstance(shapes, dict) or set(shapes) != set(types):
            raise ValueError(f"Dataset.from_generator: output_shapes {shapes!r} does not match output_types {types!r}")
        return {k: _shapes_as_struct(shapes[k], types[k]) for k in types}
    return _ShapeLeaf(TensorShape(shapes) if shapes is not None else None)


class _ShapeLeaf:
    """Wraps a shape so that flattening treats it as one leaf."""

    def __init__(self, shape: Any) -> None:
        self.shape = shape


class DatasetIterator:
    """Iterator over a Dataset, yielding tapeflow Tensors (structures preserved).

    It is trackable, as TF's: ``tf.train.Checkpoint(iterator=it)`` saves its position (the number of
    elements it has produced) under TF's key ``iterator/.ATTRIBUTES/ITERATOR_STATE``; restoring rebuilds
    the iterator from its dataset and skips to that position (running the pipeline up to it). This
    reproduces TF's state for deterministic pipelines. TF also saves a shuffle's random state; here a
    seeded shuffle continues as in TF when the restored iterator is the first one of its dataset (a new
    run, as in TF's checkpoint guide) or does not reshuffle each iteration; a shuffle without a seed
    (and no ``tf.random.set_seed``) gives another order.

    Example:
        >>> import tapeflow as tf
        >>> it = iter(tf.data.Dataset.range(2))
        >>> int(next(it)), int(it.get_next())
        (0, 1)
    """

    __slots__ = ("_it", "_lock", "_ds", "_count")

    def __init__(self, it: Iterator[Any], dataset: Any = None) -> None:
        self._it = it
        self._ds = dataset  # to rebuild the iterator on a checkpoint restore
        self._count = itertools.count()  # elements produced (next() on it is atomic: exact under threads)
        # several threads may share one iterator: each element goes to exactly one of them (a
        # prefetching iterator hands elements over through its queue; others step under a lock)
        self._lock = None if getattr(it, "_thread_safe", False) else threading.Lock()

    def __iter__(self) -> DatasetIterator:
        return self

    def _step(self) -> Any:
        """The next raw element (under the lock when threads may share this iterator)."""
        lock = self._lock
        if lock is None:
            e = next(self._it)
            next(self._count)
            return e
        with lock:
            e = next(self._it)
            next(self._count)
            return e

    def _position(self) -> int:
        """How many elements this iterator has produced (what a checkpoint saves)."""
        return int(repr(self._count)[6:-1])  # "count(N)"

    def _restore_position(self, n: int) -> None:
        """Rebuild the iterator from its dataset and skip its first ``n`` elements (checkpoint restore)."""
        if self._ds is None:
            raise ValueError("This iterator was not made from a tf.data.Dataset; its position cannot be restored")
        lock = self._lock or contextlib.nullcontext()
        with lock:
            close = getattr(self._it, "close", None)
            if close is not None:
                close()
            it = self._ds._gen()
            done = 0
            for _ in itertools.islice(it, n):
                done += 1
            self._it = it
            self._count = itertools.count(done)

    def __next__(self) -> Any:
        e = self._step()
        if type(e) is tuple:
            return tuple([Tensor(a) if type(a) is np.ndarray else _map_leaves(_to_tensor, a) for a in e])
        if type(e) is np.ndarray:
            return Tensor(e)
        return _map_leaves(_to_tensor, e)

    def get_next(self) -> Any:
        """The next element; raises ``tf.errors.OutOfRangeError`` at the end."""
        try:
            return self.__next__()
        except StopIteration:
            raise OutOfRangeError("End of sequence", op="IteratorGetNext")

    def get_next_as_optional(self) -> Any:
        raise NotImplementedError("get_next_as_optional is not supported; use next() with a default")

    def close(self) -> None:
        """Release the pipeline (background threads are signalled, not waited for)."""
        c = getattr(self._it, "close", None)
        if c is not None:
            if self._lock is None:
                c()
            else:
                with self._lock:
                    c()


class _NumpyIterator(DatasetIterator):
    """``as_numpy_iterator()``: elements as NumPy values; threads may share it as a DatasetIterator."""

    __slots__ = ()

    def __next__(self) -> Any:
        return _map_leaves(_to_numpy_out, self._step())


__all__ = ["Dataset", "DatasetIterator", "AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY"]
