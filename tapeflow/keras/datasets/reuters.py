"""Reuters newswire topics, articles as word-index sequences (as ``keras.datasets.reuters``).

Example:
    >>> from tapeflow import keras
    >>> len(keras.datasets.reuters.get_label_names())
    46
"""

from __future__ import annotations

import json

import numpy as np

from . import _files
from ._common import _remove_long_seq, load_npz, locate, offset, vocabulary

ORIGIN = _files.ORIGIN_BASE + "reuters.npz"
FILE_HASH = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
WORD_INDEX_ORIGIN = _files.ORIGIN_BASE + "reuters_word_index.json"
WORD_INDEX_HASH = "4d44cc38712099c9e383dc6e5f11a921"  # MD5, as Keras publishes it
ENV_VAR = "TAPEFLOW_REUTERS_PATH"
WORD_INDEX_ENV_VAR = "TAPEFLOW_REUTERS_WORD_INDEX_PATH"


def load_data(path: str = "reuters.npz", num_words: int | None = None, skip_top: int = 0, maxlen: int | None = None,
              test_split: float = 0.2, seed: int = 113, start_char: int | None = 1, oov_char: int | None = 2,
              index_from: int = 3) -> tuple:
    """Load Reuters: ``(x_train, y_train), (x_test, y_test)``; ``x`` object arrays of Python
    lists of word indices, ``y`` topic indices (0-45). As Keras: shuffled with
    ``np.random.RandomState(seed)``, then the last ``test_split`` of it is the test set;
    sequences, ``maxlen``, ``num_words``, ``skip_top`` and the special tokens as
    ``imdb.load_data``.

    The file is Keras's ``reuters.npz`` (SHA-256 checked, cached, downloaded when missing);
    ``$TAPEFLOW_REUTERS_PATH`` may name it.

    Example:
        >>> (x_train, y_train), (x_test, y_test) = load_data(num_words=10000)  # doctest: +SKIP
    """
    f = load_npz(locate(path, ORIGIN, FILE_HASH, ENV_VAR, "reuters.load_data"), "reuters.load_data",
                 ("x", "y"))
    xs, labels = f["x"], f["y"]
    rng = np.random.RandomState(seed)
    indices = np.arange(len(xs))
    rng.shuffle(indices)
    xs, labels = xs[indices], labels[indices]
    xs = offset(xs, start_char, index_from)
    if maxlen:
        xs, labels = _remove_long_seq(maxlen, xs, labels)
    xs = vocabulary(xs, num_words, skip_top, oov_char)
    idx = int(len(xs) * (1 - test_split))
    x_train, y_train = np.array(xs[:idx], dtype="object"), np.array(labels[:idx])
    x_test, y_test = np.array(xs[idx:], dtype="object"), np.array(labels[idx:])
    return (x_train, y_train), (x_test, y_test)


def get_word_index(path: str = "reuters_word_index.json") -> dict:
    """The dict from words to their indices (before ``index_from`` is added), from Keras's
    ``reuters_word_index.json`` (MD5 checked, cached, downloaded when missing;
    ``$TAPEFLOW_REUTERS_WORD_INDEX_PATH`` may name it).

    Example:
        >>> word_index = get_word_index()  # doctest: +SKIP
    """
    p = locate(path, WORD_INDEX_ORIGIN, WORD_INDEX_HASH, WORD_INDEX_ENV_VAR, "reuters.get_word_index")
    with open(p) as f:
        return json.load(f)


def get_label_names() -> tuple:
    """The 46 topic names, indexed by label.

    Example:
        >>> get_label_names()[:3]
        ('cocoa', 'grain', 'veg-oil')
    """
    return ("cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee",
            "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx",
            "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock",
            "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem",
            "dlr", "gas", "silver", "wpi", "hog", "lead")


__all__ = ["load_data", "get_word_index", "get_label_names"]
