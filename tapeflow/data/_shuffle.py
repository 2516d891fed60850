"""TF's buffered shuffle, simulated on index sequences with NumPy (no per-element Python).

TF's ``shuffle(buffer_size)`` fills a buffer with the first ``buffer_size`` elements, then
repeatedly emits a uniformly chosen buffer slot and refills that slot with the next input
element; when the input ends the rest of the buffer is emitted in random order.

For a block of ``m`` new inputs and slot choices ``j[0..m)``, output ``t`` is whatever slot
``j[t]`` holds at step ``t``: the new element placed there at the previous step ``t' < t`` that
chose the same slot, or the slot's content before the block when there is none. A stable sort of
``j`` lists each slot's steps in time order, so "previous step with the same slot" is the
preceding sorted entry: one ``argsort`` per block instead of a Python loop.

Example:
    >>> import numpy as np
    >>> out = np.concatenate(list(buffered_shuffle([np.arange(10)], 1, np.random.default_rng(0))))
    >>> out.tolist()
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np


def _step_block(buf: np.ndarray, new: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Emit ``len(new)`` elements from the full buffer ``buf`` (updated in place)."""
    m = new.shape[0]
    size = buf.shape[0]
    j = rng.integers(0, size, m)
    order = np.argsort(j, kind="stable")
    js = j[order]
    prev = np.empty(m, np.int64)
    prev[0] = -1
    prev[1:] = order[:-1]
    same = np.empty(m, bool)
    same[0] = False
    np.equal(js[1:], js[:-1], out=same[1:])
    prev_of = np.full(m, -1, np.int64)
    prev_of[order] = np.where(same, prev, -1)
    has_prev = prev_of >= 0
    out = buf[j]
    out[has_prev] = new[prev_of[has_prev]]
    # each chosen slot ends holding the new element placed at its last step
    last = np.empty(m, bool)
    last[-1] = True
    np.not_equal(js[1:], js[:-1], out=last[:-1])
    buf[js[last]] = new[order[last]]
    return out


def buffered_shuffle(chunks: Iterable[np.ndarray], buffer_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Yield TF-buffered-shuffled index chunks from a stream of int64 index chunks."""
    filled: list = []
    n_filled = 0
    buf = None
    for chunk in chunks:
        if chunk.shape[0] == 0:
            continue
        if buf is None:
            need = buffer_size - n_filled
            filled.append(chunk[:need])
            n_filled += min(need, chunk.shape[0])
            chunk = chunk[need:]
            if n_filled < buffer_size:
                continue
            buf = np.concatenate(filled).astype(np.int64, copy=True)
            if chunk.shape[0] == 0:
                continue
        yield _step_block(buf, chunk, rng)
    rest = buf if buf is not None else (np.concatenate(filled) if filled else np.empty(0, np.int64))
    if rest.shape[0]:
        yield rng.permutation(rest)


def buffered_shuffle_loop(chunks: Iterable[np.ndarray], buffer_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Reference implementation with an explicit per-element loop (for tests)."""
    buf: list = []
    out: list = []
    for chunk in chunks:
        for v in chunk.tolist():
            if len(buf) < buffer_size:
                buf.append(v)
                continue
            k = int(rng.integers(0, buffer_size))
            out.append(buf[k])
            buf[k] = v
    while buf:
        k = int(rng.integers(0, len(buf)))
        out.append(buf[k])
        buf[k] = buf[-1]
        buf.pop()
    yield np.asarray(out, np.int64)
