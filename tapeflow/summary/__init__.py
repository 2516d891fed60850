"""``tf.summary``: TensorBoard event files in TF2's format (tensor summaries with plugin metadata).

File writers need the optional extra ``pip install 'tapeflow[tensorboard]'`` (tensorboardX, whose
protocol buffers and record writer are used); everything else here, and ``import tapeflow``, works
without it: with no default writer, the summary functions return ``False`` and write nothing.

Files are named as TF names them (``events.out.tfevents.<time>.<host>.<pid>.<n>.v2``) and hold
what TF 2 writes: ``scalar`` a float32 tensor under the ``scalars`` plugin, ``histogram`` a
``[buckets, 3]`` float64 tensor (``histograms``), ``image`` ``[width, height, png, ...]`` strings
(``images``), ``text`` strings (``text``), ``audio`` ``[k, 2]`` WAV/label strings (``audio``),
``trace_export`` a RunMetadata whose graph is the ops run while tracing
(``graph_run_metadata_graph``). TensorBoard reads them as it reads TF's.

Deliberate differences: ``trace_on(profiler=True)`` records the graph only (there is no
profiler); ``as_default()`` takes effect inside ``with`` (as TF 2), use ``set_as_default()`` for a
plain call.

Example:
    >>> import tapeflow as tf
    >>> bool(tf.summary.scalar("loss", 0.5, step=1))  # no default writer: nothing is written
    False
    >>> with tf.summary.record_if(False):
    ...     bool(tf.summary.should_record_summaries())
    False
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ..module import get_current_name_scope
from ..tensor import Tensor, Variable, constant
from . import _encode, experimental

__all__ = [
    "SummaryWriter", "create_file_writer", "create_noop_writer", "scalar", "histogram", "image", "text", "audio",
    "write", "graph", "flush", "record_if", "should_record_summaries", "trace_on", "trace_export", "trace_off",
    "experimental",
]


class _State(threading.local):
    """The default writer, step and record_if condition of this thread (as TF's summary state)."""

    def __init__(self) -> None:
        self.writer: SummaryWriter | None = None
        self.step: Any = None
        self.condition: Any = True


_STATE = _State()
_NO_STEP = (
    "No step set. Please specify one either through the `step` argument or through "
    "tf.summary.experimental.set_step()"
)


def _get_step() -> Any:
    return _STATE.step


def _set_step(step: Any) -> None:
    _STATE.step = step


def _step_value(step: Any) -> int:
    """The step as a Python int (TF's int64 conversion; a Variable or tensor is read now)."""
    if step is None:
        step = _STATE.step
        if step is None:
            raise ValueError(_NO_STEP)
    if isinstance(step, (Tensor, Variable)):
        step = np.asarray(step)
    if isinstance(step, np.ndarray):
        if step.shape != () or step.dtype.kind not in "iub":
            raise TypeError(f"Cannot convert {step!r} to EagerTensor of dtype int64")
        return int(step)
    if isinstance(step, (bool, int, np.integer)):
        return int(step)
    raise TypeError(f"Cannot convert {step!r} to EagerTensor of dtype int64")


def _condition_true() -> bool:
    cond = _STATE.condition
    if callable(cond):
        cond = cond()
    return bool(np.asarray(cond))


def _active_writer() -> SummaryWriter | None:
    w = _STATE.writer
    if w is None or isinstance(w, _NoopSummaryWriter):
        return None
    return w


def _should_write() -> bool:
    return _active_writer() is not None and _condition_true()


def _tag(name: str) -> str:
    if not isinstance(name, str):
        raise TypeError(f"tf.summary: name must be a string, got {type(name).__name__}")
    scope = get_current_name_scope()
    return f"{scope}/{name}" if scope else name


# -- writers ------------------------------------------------------------------------------------------


class SummaryWriter:
    """Base class of summary writers (``tf.summary.SummaryWriter``); make one with ``create_file_writer``.

    Example:
        >>> import tapeflow as tf
        >>> isinstance(tf.summary.create_noop_writer(), tf.summary.SummaryWriter)
        True
    """

    def set_as_default(self, step: Any = None) -> None:
        """Make this the default writer of this thread (and set the default step when given)."""
        raise NotImplementedError

    def as_default(self, step: Any = None) -> Any:
        """A context manager making this the default writer inside ``with`` (flushed on exit)."""
        raise NotImplementedError

    def init(self) -> None:
        """Initialize the writer (a file writer is ready when made: nothing to do)."""

    def flush(self) -> None:
        """Write buffered events to disk."""

    def close(self) -> None:
        """Flush and close; the writer cannot be used after."""


class _WriterContext:
    """What ``writer.as_default(step)`` returns: the writer (and step) is the default inside ``with``."""

    def __init__(self, writer: _ResourceSummaryWriter, step: Any) -> None:
        self._writer = writer
        self._step = step
        self._saved: list = []

    def __enter__(self) -> _ResourceSummaryWriter:
        self._writer._check_open()
        self._saved.append((_STATE.writer, _STATE.step))
        _STATE.writer = self._writer
        if self._step is not None:
            _STATE.step = self._step
        return self._writer

    def __exit__(self, *exc: Any) -> None:
        if not self._writer._closed:
            self._writer.flush()
        _STATE.writer, _STATE.step = self._saved.pop()


class _ResourceSummaryWriter(SummaryWriter):
    """A file writer: one event file in ``logdir`` (TF's class name)."""

    def __init__(self, logdir: str, max_queue: int, flush_millis: int, filename_suffix: str) -> None:
        from ._events import EventFile

        self._logdir = logdir
        self._file = EventFile(logdir, max_queue, flush_millis, filename_suffix)
        self._closed = False

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"SummaryWriter {self!r} is already closed")

    def set_as_default(self, step: Any = None) -> None:
        """Make this the default writer of this thread from now on (and set the step when given).

        Example:
            >>> import tapeflow as tf
            >>> tf.summary.create_noop_writer().set_as_default(step=3)  # a file writer works alike
        """
        self._check_open()
        _STATE.writer = self
        if step is not None:
            _STATE.step = step

    def as_default(self, step: Any = None) -> _WriterContext:
        """A context manager: inside ``with``, this is the default writer (and ``step`` the default step).

        Example:
            >>> import tapeflow as tf
            >>> w = tf.summary.create_noop_writer()  # a file writer works alike
            >>> with w.as_default(step=2):
            ...     pass
        """
        return _WriterContext(self, step)

    def _write(self, value: Any, step: int) -> None:
        self._check_open()
        self._file.add_summary(value, step)

    def _add_event(self, event: Any) -> None:
        self._check_open()
        self._file.add(event)

    def flush(self) -> None:
        """Write buffered events to the file.

        Example:
            >>> import tapeflow as tf
            >>> tf.summary.create_noop_writer().flush()
        """
        if not self._closed:
            self._file.flush()

    def close(self) -> None:
        """Flush and close the event file (a second close does nothing).

        Example:
            >>> import tapeflow as tf
            >>> tf.summary.create_noop_writer().close()
        """
        if not self._closed:
            self._file.close()
            self._closed = True  # still the default if it was: writing through it raises RuntimeError

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


class _NoopSummaryWriter(SummaryWriter):
    """A writer that writes nothing (``tf.summary.create_noop_writer``)."""

    def set_as_default(self, step: Any = None) -> None:
        """Does nothing."""

    @contextlib.contextmanager
    def as_default(self, step: Any = None) -> Iterator[_NoopSummaryWriter]:
        """A context manager that changes nothing."""
        yield self


def create_file_writer(logdir: Any, max_queue: int | None = None, flush_millis: int | None = None,
                       filename_suffix: str | None = None, name: str | None = None,
                       experimental_trackable: bool = False, experimental_mesh: Any = None) -> SummaryWriter:
    """A summary writer for an event file in ``logdir`` (made if missing), as ``tf.summary.create_file_writer``.

    ``max_queue`` (default 10) events are buffered before a flush, or ``flush_millis`` (default
    120000) ms; ``filename_suffix`` replaces the default ``.v2``. Needs tensorboardX
    (``pip install 'tapeflow[tensorboard]'``; ImportError otherwise).

    Example (not run here, it writes a file)::

        writer = tf.summary.create_file_writer("logs/run1")
        with writer.as_default(step=0):
            tf.summary.scalar("loss", 0.25)
    """
    if logdir is None:
        raise ValueError("Argument `logdir` cannot be None")
    import os

    logdir = os.fspath(logdir)
    if isinstance(logdir, bytes):
        logdir = logdir.decode()
    return _ResourceSummaryWriter(
        logdir, 10 if max_queue is None else int(max_queue), 120000 if flush_millis is None else int(flush_millis),
        ".v2" if filename_suffix is None else str(filename_suffix))


def create_noop_writer() -> SummaryWriter:
    """A writer that writes nothing (for code that always expects a writer).

    Example:
        >>> import tapeflow as tf
        >>> with tf.summary.create_noop_writer().as_default():
        ...     bool(tf.summary.scalar("x", 1.0, step=0))
        False
    """
    return _NoopSummaryWriter()


# -- recording control ---------------------------------------------------------------------------------


@contextlib.contextmanager
def record_if(condition: Any) -> Iterator[None]:
    """Inside ``with``, write summaries only when ``condition`` (a bool, a bool tensor, or a callable
    returning one, called at each write) is true.

    Example:
        >>> import tapeflow as tf
        >>> with tf.summary.record_if(lambda: False):
        ...     bool(tf.summary.scalar("x", 1.0, step=0))
        False
    """
    saved = _STATE.condition
    _STATE.condition = condition
    try:
        yield
    finally:
        _STATE.condition = saved


def should_record_summaries() -> Tensor:
    """A bool tensor: is there a default writer, and is the ``record_if`` condition true?

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.summary.should_record_summaries())
        False
    """
    return constant(_should_write())


def flush(writer: SummaryWriter | None = None, name: str | None = None) -> None:
    """Flush ``writer`` (default: the default writer) to disk.

    Example:
        >>> import tapeflow as tf
        >>> tf.summary.flush()
    """
    w = writer if writer is not None else _STATE.writer
    if w is not None:
        w.flush()


# -- summaries ---------------------------------------------------------------------------------------------


def _metadata(metadata: Any) -> Any:
    from ._events import proto_modules

    p = proto_modules()
    if metadata is None:
        return p.summary_pb2.SummaryMetadata()
    if isinstance(metadata, (bytes, bytearray)):
        return p.summary_pb2.SummaryMetadata.FromString(bytes(metadata))
    if isinstance(metadata, p.summary_pb2.SummaryMetadata):
        return metadata
    if hasattr(metadata, "SerializeToString"):  # e.g. tensorboard's own SummaryMetadata class
        return p.summary_pb2.SummaryMetadata.FromString(metadata.SerializeToString())
    raise TypeError(f"tf.summary.write: metadata must be a SummaryMetadata proto or bytes, got {type(metadata).__name__}")


def _emit(tag: str, array: Callable[[], np.ndarray], step: Any, plugin: str | None, content: bytes = b"",
          description: str | None = None, metadata: Any = None) -> Tensor:
    """Write one tensor summary when recording; the value is computed only then."""
    writer = _active_writer()
    if writer is None or not _condition_true():
        return constant(False)
    s = _step_value(step)
    from ._events import proto_modules, summary_metadata, tensor_proto

    p = proto_modules()
    md = _metadata(metadata) if plugin is None else summary_metadata(plugin, content, description)
    value = p.summary_pb2.Summary.Value(tag=tag, tensor=tensor_proto(array()), metadata=md)
    writer._write(value, s)
    return constant(True)


def write(tag: str, tensor: Any, step: Any = None, metadata: Any = None, name: str | None = None) -> Tensor:
    """Write any tensor (or a callable returning one, called only when recording) under ``tag``.

    ``metadata``: a ``SummaryMetadata`` proto or its bytes. Returns a bool tensor: True when
    written, False when there is no default writer or ``record_if`` is false.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.summary.write("raw", tf.constant([1, 2]), step=0))
        False
    """
    def value() -> np.ndarray:
        return np.asarray(tensor() if callable(tensor) else tensor)

    return _emit(_tag(tag), value, step, None, metadata=metadata)


def scalar(name: str, data: Any, step: Any = None, description: str | None = None) -> Tensor:
    """Write a scalar (as float32, TensorBoard's ``scalars`` plugin); True when written.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.summary.scalar("accuracy", 0.9, step=0))
        False
    """
    def value() -> np.ndarray:
        a = np.asarray(data)
        if a.dtype.kind in "OSU":
            raise TypeError(f"tf.summary.scalar: data must be a number, got a {a.dtype.kind == 'O' and 'string' or a.dtype}")
        if a.shape != ():
            raise ValueError(f"Expected scalar shape, saw shape: {tuple(a.shape)}.")
        return a.astype(np.float32)

    return _emit(_tag(name), value, step, "scalars", description=description)


def histogram(name: str, data: Any, step: Any = None, buckets: int | None = None,
              description: str | None = None) -> Tensor:
    """Write a histogram of ``data`` (``buckets`` equal-width buckets, default 30; TensorBoard's
    ``histograms`` plugin, a ``[buckets, 3]`` tensor of left edge, right edge, count).

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.summary.histogram("weights", tf.random.normal([100]), step=0))
        False
    """
    def value() -> np.ndarray:
        a = np.asarray(data)
        if a.dtype.kind in "OSU":
            raise TypeError("tf.summary.histogram: data must be numbers, got strings")
        return _encode.histogram_buckets(a, buckets)

    return _emit(_tag(name), value, step, "histograms", description=description)


def image(name: str, data: Any, step: Any = None, max_outputs: int = 3, description: str | None = None) -> Tensor:
    """Write up to ``max_outputs`` images of ``data`` (``[k, height, width, channels]``, channels 1-4;
    uint8, or floats in ``[0, 1]``) as PNGs (TensorBoard's ``images`` plugin).

    Example:
        >>> import numpy as np, tapeflow as tf
        >>> bool(tf.summary.image("batch", np.zeros((2, 8, 8, 3), np.float32), step=0))
        False
    """
    def value() -> np.ndarray:
        a = np.asarray(data)
        if a.ndim != 4:
            raise ValueError(f"Tensor  must have rank 4.  Received rank {a.ndim}, shape {tuple(a.shape)}")
        if not 1 <= a.shape[-1] <= 4:
            raise ValueError(f"tf.summary.image: images must have 1 to 4 channels, got shape {tuple(a.shape)}")
        imgs = _encode.to_uint8_image(a[: max(int(max_outputs), 0)])
        out = [str(a.shape[2]).encode(), str(a.shape[1]).encode()] + [_encode.encode_png(im) for im in imgs]
        return np.array(out, dtype=object)

    return _emit(_tag(name), value, step, "images", description=description)


def text(name: str, data: Any, step: Any = None, description: str | None = None) -> Tensor:
    """Write a string tensor (TensorBoard's ``text`` plugin renders it as Markdown).

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.summary.text("notes", "hello", step=0))
        False
    """
    def value() -> np.ndarray:
        a = np.asarray(data)
        if a.dtype.kind not in "OSU":
            dt = data.dtype.name if isinstance(data, (Tensor, Variable)) else {"f": "float32", "i": "int32"}.get(
                a.dtype.kind, a.dtype.name)
            raise TypeError(f"tensor must be of type tf.string; got tf.{dt}")
        return a

    return _emit(_tag(name), value, step, "text", description=description)


def audio(name: str, data: Any, sample_rate: Any, step: Any = None, max_outputs: int = 3,
          encoding: str | None = None, description: str | None = None) -> Tensor:
    """Write up to ``max_outputs`` clips of ``data`` (``[k, frames, channels]`` floats in ``[-1, 1]``) as
    16-bit WAV (TensorBoard's ``audio`` plugin).

    Example:
        >>> import numpy as np, tapeflow as tf
        >>> bool(tf.summary.audio("clip", np.zeros((1, 100, 1), np.float32), 8000, step=0))
        False
    """
    if encoding not in (None, "wav"):
        raise ValueError(f"Unknown encoding: {encoding!r}")

    def value() -> np.ndarray:
        a = np.asarray(data, np.float32)
        if a.ndim != 3:
            raise ValueError(f"Tensor  must have rank 3.  Received rank {a.ndim}, shape {tuple(a.shape)}")
        rate = int(np.asarray(sample_rate))
        clips = [[_encode.encode_wav(c, rate), b""] for c in a[: max(int(max_outputs), 0)]]
        return np.array(clips, dtype=object).reshape(len(clips), 2)

    return _emit(_tag(name), value, step, "audio", content=b"\x10\x0b", description=description)  # encoding=WAV


# -- graphs ----------------------------------------------------------------------------------------------


def graph(graph_data: Any) -> Tensor:
    """Write a graph for TensorBoard's graph dashboard: a ``GraphDef`` proto (or its bytes), or a
    ``tf.GradientTape`` (the ops it recorded). True when written.

    Example:
        >>> import tapeflow as tf
        >>> with tf.GradientTape() as tape:
        ...     y = tf.Variable(2.0) * 3.0
        >>> bool(tf.summary.graph(tape))  # no default writer
        False
    """
    writer = _active_writer()
    if writer is None or not _condition_true():
        return constant(False)
    from ._events import proto_modules
    from ._graph import graph_def

    p = proto_modules()
    if isinstance(graph_data, (bytes, bytearray)):
        data = bytes(graph_data)
    elif hasattr(graph_data, "SerializeToString"):
        data = graph_data.SerializeToString()
    else:
        data = graph_def(graph_data).SerializeToString()
    writer._add_event(p.event_pb2.Event(step=0, graph_def=data))
    return constant(True)


_TRACE_LOCK = threading.Lock()
_TRACE: list = []  # [the active _Trace] or []


def trace_on(graph: bool = True, profiler: bool = False, profiler_outdir: str | None = None) -> None:
    """Start recording every op run (any thread) for ``trace_export`` (TensorBoard's graph dashboard).

    There is no profiler: ``profiler=True`` records the graph only (with a warning).

    Example:
        >>> import tapeflow as tf
        >>> tf.summary.trace_on(graph=True)
        >>> y = tf.matmul(tf.ones([2, 3]), tf.ones([3, 1]))
        >>> tf.summary.trace_off()
    """
    from ..primitives import add_output_hook
    from ._graph import _Trace

    with _TRACE_LOCK:
        if _TRACE:
            warnings.warn("Trace already enabled", stacklevel=2)
            return
        if profiler:
            warnings.warn("tapeflow has no profiler: trace_on(profiler=True) records the graph only", stacklevel=2)
        t = _Trace()
        _TRACE.append(t)
        add_output_hook(t)


def trace_off() -> None:
    """Stop tracing and discard what was recorded (nothing happens when tracing is off).

    Example:
        >>> import tapeflow as tf
        >>> tf.summary.trace_off()
    """
    from ..primitives import remove_output_hook

    with _TRACE_LOCK:
        while _TRACE:
            remove_output_hook(_TRACE.pop())


def trace_export(name: str, step: Any = None, profiler_outdir: str | None = None) -> Tensor:
    """Write the ops recorded since ``trace_on`` as a graph summary named ``name`` (TF's
    ``graph_run_metadata_graph`` plugin data), then stop tracing. Needs a default writer to write.

    Example:
        >>> import tapeflow as tf
        >>> tf.summary.trace_on()
        >>> z = tf.constant(1.0) + 2.0
        >>> bool(tf.summary.trace_export("f", step=0))  # no default writer: nothing written
        False
    """
    with _TRACE_LOCK:
        if not _TRACE:
            raise ValueError("Must enable trace before export through tf.summary.trace_on.")
        tr = _TRACE[0]
    try:
        from ._graph import graph_def, run_metadata_bytes

        def value() -> np.ndarray:
            return np.array(run_metadata_bytes(graph_def(tr.graph())), dtype=object)

        return _emit(_tag(name), value, step, "graph_run_metadata_graph", content=b"1")
    finally:
        trace_off()
