"""Event files in TF2's format, written through tensorboardX's synchronous ``EventsWriter``.

Everything that needs the optional ``tensorboardX`` package lives here and imports it on first
use, so ``import tapeflow`` (and ``tf.summary`` without a file writer) works without it.

Summaries are TF2's tensor summaries: a ``TensorProto`` value plus ``SummaryMetadata`` naming the
TensorBoard plugin (``scalars``, ``histograms``, ``images``, ``text``, ``audio``, ...).
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import weakref
from typing import Any

import numpy as np

_INSTALL = "pip install 'tapeflow[tensorboard]'"


def proto_modules() -> Any:
    """tensorboardX's protobuf modules (event, summary, tensor, ...), or ImportError with the install hint."""
    try:
        from tensorboardX.proto import (  # noqa: F401
            attr_value_pb2,
            event_pb2,
            graph_pb2,
            node_def_pb2,
            summary_pb2,
            tensor_pb2,
            tensor_shape_pb2,
            versions_pb2,
        )
    except ImportError as e:
        raise ImportError(
            f"tf.summary file writers need the optional TensorBoard writer (tensorboardX): {_INSTALL} "
            f"(import failed: {e})"
        ) from e
    import tensorboardX.proto as p

    return p


# TF's DataType enum values (tensorflow/core/framework/types.proto)
_DT = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "object": 7, "complex64": 8,
       "int64": 9, "bool": 10, "uint16": 17, "complex128": 18, "float16": 19, "uint32": 22, "uint64": 23}


def dtype_enum(dt: np.dtype) -> int:
    """TF's DataType number for a NumPy dtype (strings and bytes are DT_STRING)."""
    dt = np.dtype(dt)
    if dt.kind in "OSU":
        return 7
    try:
        return _DT[dt.name]
    except KeyError:
        raise TypeError(f"tf.summary: cannot write a tensor of dtype {dt.name}") from None


def _as_bytes(x: Any) -> bytes:
    if isinstance(x, bytes):
        return x
    if isinstance(x, np.bytes_):
        return bytes(x)
    return str(x).encode("utf-8")


def tensor_proto(arr: Any) -> Any:
    """A TensorProto for a NumPy value (numbers as little-endian ``tensor_content``, strings as ``string_val``)."""
    p = proto_modules()
    a = np.asarray(arr)
    tp = p.tensor_pb2.TensorProto(dtype=dtype_enum(a.dtype))
    for d in a.shape:
        tp.tensor_shape.dim.add(size=int(d))
    if a.dtype.kind in "OSU":
        tp.string_val.extend(_as_bytes(x) for x in a.reshape(-1))
    else:
        tp.tensor_content = np.ascontiguousarray(a, a.dtype.newbyteorder("<")).tobytes()
    return tp


def summary_metadata(plugin_name: str | None, content: bytes = b"", description: str | None = None) -> Any:
    """SummaryMetadata naming a TensorBoard plugin (and its content bytes), with an optional description."""
    p = proto_modules()
    md = p.summary_pb2.SummaryMetadata()
    if plugin_name:
        md.plugin_data.plugin_name = plugin_name
        if content:
            md.plugin_data.content = content
    if description:
        md.summary_description = description
    return md


# one number per file writer in this process, as TF's ``<pid>.<n>`` in the event file name
_COUNTER = iter(range(1 << 62))
_COUNTER_LOCK = threading.Lock()
_OPEN: weakref.WeakSet = weakref.WeakSet()


class EventFile:
    """One open event file: ``events.out.tfevents.<time>.<host>.<pid>.<n><suffix>`` in ``logdir``.

    Events go through tensorboardX's synchronous ``EventsWriter`` (no thread); the file is flushed
    every ``max_queue`` events, when ``flush_millis`` have passed since the last flush (checked at
    each write), on ``flush()``/``close()`` and at interpreter exit.
    """

    def __init__(self, logdir: str, max_queue: int = 10, flush_millis: int = 120000, suffix: str = ".v2") -> None:
        proto_modules()
        from tensorboardX.event_file_writer import EventsWriter
        from tensorboardX.record_writer import directory_check

        directory_check(logdir)
        with _COUNTER_LOCK:
            n = next(_COUNTER)
        self._writer = EventsWriter(os.path.join(logdir, "events"), f".{os.getpid()}.{n}{suffix}")
        self.path = self._writer._file_name
        self._max_queue = max(int(max_queue), 1)
        self._flush_s = max(float(flush_millis), 0.0) / 1000.0
        self._pending = 0
        self._last_flush = time.monotonic()
        self._lock = threading.Lock()
        self.closed = False
        _OPEN.add(self)

    def add(self, event: Any) -> None:
        """Append one Event proto (``wall_time`` filled in when unset)."""
        if not event.wall_time:
            event.wall_time = time.time()
        with self._lock:
            if self.closed:
                return
            self._writer.write_event(event)
            self._pending += 1
            if self._pending >= self._max_queue or time.monotonic() - self._last_flush >= self._flush_s:
                self._flush_locked()

    def add_summary(self, value: Any, step: int) -> None:
        """Append an Event holding one ``Summary.Value`` at ``step``."""
        p = proto_modules()
        ev = p.event_pb2.Event(step=int(step))
        ev.summary.value.append(value)
        self.add(ev)

    def _flush_locked(self) -> None:
        self._writer.flush()
        self._pending = 0
        self._last_flush = time.monotonic()

    def flush(self) -> None:
        with self._lock:
            if not self.closed:
                self._flush_locked()

    def close(self) -> None:
        with self._lock:
            if not self.closed:
                self._writer.close()
                self.closed = True


@atexit.register
def _flush_all() -> None:  # pragma: no cover - runs at interpreter exit
    for f in list(_OPEN):
        try:
            f.close()
        except Exception:
            pass
