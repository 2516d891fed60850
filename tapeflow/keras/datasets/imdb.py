"""IMDB movie-review sentiment, reviews as word-index sequences (as ``keras.datasets.imdb``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)  # doctest: +SKIP
    >>> x_train.shape, x_train.dtype, x_train[0][:3]  # doctest: +SKIP
    ((25000,), dtype('O'), [1, 14, 22])
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from . import _files
from ._common import _remove_long_seq, load_npz, locate, offset, vocabulary

ORIGIN = _files.ORIGIN_BASE + "imdb.npz"
FILE_HASH = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
WORD_INDEX_ORIGIN = _files.ORIGIN_BASE + "imdb_word_index.json"
WORD_INDEX_HASH = "bfafd718b763782e994055a2d397834f"  # MD5, as Keras publishes it
ENV_VAR = "TAPEFLOW_IMDB_PATH"
WORD_INDEX_ENV_VAR = "TAPEFLOW_IMDB_WORD_INDEX_PATH"


def load_data(path: str = "imdb.npz", num_words: int | None = None, skip_top: int = 0, maxlen: int | None = None,
              seed: int = 113, start_char: int | None = 1, oov_char: int | None = 2, index_from: int = 3,
              **kwargs: Any) -> tuple:
    """Load IMDB: ``(x_train, y_train), (x_test, y_test)``; ``x`` object arrays of Python lists
    of word indices (shifted by ``index_from``, led by ``start_char``), ``y`` 0/1 labels. As
    Keras: each split is shuffled with ``np.random.RandomState(seed)``; sequences of
    ``maxlen`` words or more are dropped; indices outside ``[skip_top, num_words)`` become
    ``oov_char`` (or are dropped when it is None).

    The file is Keras's ``imdb.npz`` (SHA-256 checked; see ``mnist.load_data`` for where it is
    looked up); ``$TAPEFLOW_IMDB_PATH`` may name it. Its ragged arrays are unpickled with a
    NumPy-only unpickler.

    Example:
        >>> (x_train, y_train), _ = load_data(num_words=5000, maxlen=200)  # doctest: +SKIP
    """
    if kwargs:
        raise TypeError(f"Unrecognized keyword arguments: {kwargs}")
    f = load_npz(locate(path, ORIGIN, FILE_HASH, ENV_VAR, "imdb.load_data"), "imdb.load_data",
                 ("x_train", "y_train", "x_test", "y_test"))
    x_train, labels_train = f["x_train"], f["y_train"]
    x_test, labels_test = f["x_test"], f["y_test"]
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train, labels_train = x_train[indices], labels_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test, labels_test = x_test[indices], labels_test[indices]
    x_train = offset(x_train, start_char, index_from)
    x_test = offset(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = _remove_long_seq(maxlen, x_train, labels_train)
        x_test, labels_test = _remove_long_seq(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, no sequence was kept. "
                             "Increase maxlen.")
    xs = vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    idx = len(x_train)
    return (_objects(xs[:idx]), labels[:idx]), (_objects(xs[idx:]), labels[idx:])


def _objects(seqs: list) -> np.ndarray:
    """``np.array(seqs, dtype="object")`` as Keras builds it (a 2-D array when all lengths agree)."""
    return np.array(seqs, dtype="object")


def get_word_index(path: str = "imdb_word_index.json") -> dict:
    """The dict from words to their indices (before ``index_from`` is added), from Keras's
    ``imdb_word_index.json`` (MD5 checked, cached, downloaded when missing;
    ``$TAPEFLOW_IMDB_WORD_INDEX_PATH`` may name it).

    Example:
        >>> word_index = get_word_index()  # doctest: +SKIP
        >>> word_index["the"]  # doctest: +SKIP
        1
    """
    p = locate(path, WORD_INDEX_ORIGIN, WORD_INDEX_HASH, WORD_INDEX_ENV_VAR, "imdb.get_word_index")
    with open(p) as f:
        return json.load(f)


__all__ = ["load_data", "get_word_index"]
