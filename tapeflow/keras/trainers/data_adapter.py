"""Data adaptation for ``fit`` / ``evaluate`` / ``predict``: arrays, tensors, ``tf.data.Dataset``s and
``PyDataset``s become a batched ``Dataset``; ``validation_split``; class weights; the
``(x, y, sample_weight)`` packing of a batch.

Example:
    >>> import numpy as np
    >>> ds, steps = make_dataset(np.zeros((10, 2)), np.zeros(10), None, 4, False, "fit")
    >>> steps, [b[0].shape.as_list() for b in ds]
    (3, [[4, 2], [4, 2], [2, 2]])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...data.dataset import Dataset
from ...tensor import Tensor, Variable, convert_to_tensor
from ..utils.general import pack_x_y_sample_weight, unpack_x_y_sample_weight
from ..utils.py_dataset import PyDataset
from ..utils.py_dataset import as_dataset as as_py_dataset

__all__ = ["make_dataset", "split_validation", "unpack_x_y_sample_weight", "pack_x_y_sample_weight"]


# --- nested structures (Keras's `tree`: dicts flatten in sorted key order) -----------------------


def _is_nested(x: Any) -> bool:
    return isinstance(x, (list, tuple, dict))


def _flat(x: Any) -> list:
    if isinstance(x, dict):
        return [v for k in sorted(x) for v in _flat(x[k])]
    if isinstance(x, (list, tuple)):
        return [v for c in x for v in _flat(c)]
    return [x]


def _first_dim(x: Any) -> int:
    """The batch size: the first dimension of the first non-None leaf."""
    for leaf in _flat(x):
        if leaf is None:
            continue
        shape = tuple(leaf.shape) if isinstance(leaf, (Tensor, Variable)) else np.shape(leaf)
        if len(shape):
            return int(shape[0])
    raise ValueError("Expected at least one array with a batch dimension in the input data")


def _slice(x: Any, sl: slice) -> Any:
    if isinstance(x, dict):
        return {k: _slice(v, sl) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(_slice(v, sl) for v in x)
    if x is None:
        return None
    return np.asarray(x)[sl]


def _arrays(x: Any) -> Any:
    """Array data as NumPy: dicts stay dicts, lists/tuples of arrays become tuples (multi-input)."""
    if isinstance(x, dict):
        return {k: _arrays(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, (np.ndarray, Tensor, Variable)) or _is_nested(v)
                                                   for v in x):
        return tuple(_arrays(v) for v in x)
    return np.asarray(x)


def make_dataset(x: Any, y: Any, sample_weight: Any, batch_size: int | None, shuffle: bool, what: str,
                 steps: int | None = None, class_weight: dict | None = None) -> tuple:
    """(Dataset, number of batches or None) for array data or a Dataset."""
    # other array-likes (pandas-style frames and series) as NumPy arrays, as Keras takes any `__array__`
    x, y = (np.asarray(v) if hasattr(v, "__array__") and not isinstance(v, (np.ndarray, Tensor, Variable))
            else v for v in (x, y))
    if isinstance(x, Dataset):
        if y is not None:
            raise ValueError(f"{what}: `y` must not be given when `x` is a tf.data.Dataset (it yields (x, y) pairs)")
        if sample_weight is not None:
            raise ValueError(f"{what}: `sample_weight` must not be given when `x` is a tf.data.Dataset")
        card = x._card()
        return x, (steps if steps is not None else card if card >= 0 else None)
    if isinstance(x, PyDataset):
        for arg, val in (("y", y), ("sample_weight", sample_weight)):
            if val is not None:
                raise ValueError(f"When providing `x` as a PyDataset, `{arg}` should not be passed. Instead, "
                                 f"the {'targets' if arg == 'y' else 'sample weights'} should be included as "
                                 "part of the PyDataset.")
        ds = as_py_dataset(x, shuffle=shuffle, class_weight=class_weight)
        card = ds._card()
        return ds, (steps if steps is not None else card if card >= 0 else None)
    if hasattr(x, "__next__") or (hasattr(x, "__iter__") and not isinstance(x, (np.ndarray, Tensor, Variable, list, tuple, dict))):
        raise ValueError(f"{what}: unsupported input type {type(x).__name__}; pass arrays, tensors or a tf.data.Dataset")
    if x is None:
        raise ValueError(f"{what}: no input data `x` was given")
    bs = 32 if batch_size is None else int(batch_size)
    if bs <= 0:
        raise ValueError(f"{what}: batch_size must be positive, got {batch_size}")
    xa = _arrays(x)
    n = _first_dim(xa)
    ya = sw = None
    if y is not None:
        ya = _arrays(y)
        if _first_dim(ya) != n:
            raise ValueError(f"{what}: x and y have different numbers of samples: {n} and {_first_dim(ya)} "
                             f"(x shapes {[np.shape(v) for v in _flat(xa)]}, y shapes {[np.shape(v) for v in _flat(ya)]})")
    if class_weight is not None:
        if sample_weight is not None:
            raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")
        if ya is None or _is_nested(ya):
            raise ValueError("`class_weight` is only supported for Models with a single output.")
        sample_weight = _class_weight_to_sample_weights(ya, class_weight)
    if sample_weight is not None:
        if ya is None:
            raise ValueError(f"{what}: `sample_weight` was given without targets `y`")
        sw = np.asarray(sample_weight, np.float32)
        if sw.shape[:1] != (n,):
            raise ValueError(f"{what}: sample_weight has shape {sw.shape}, expected a first dimension of {n}")
    ds = Dataset.from_tensor_slices(pack_x_y_sample_weight(xa, ya, sw))
    if shuffle:
        ds = ds.shuffle(max(n, 1))
    ds = ds.batch(bs)
    card = ds._card()
    return ds, (min(steps, card) if steps is not None else card)


def split_validation(x: Any, y: Any, sample_weight: Any, validation_split: float) -> tuple:
    """``fit``'s ``validation_split``: the last fraction of the array samples (before any shuffling)
    as validation data; ``(x, y, sample_weight, validation_data)`` with the training part first.

    Example:
        >>> import numpy as np
        >>> x, y, sw, val = split_validation(np.arange(10.0), np.arange(10.0), None, 0.2)
        >>> x.shape, val[0].tolist(), val[2]
        ((8,), [8.0, 9.0], None)
    """
    if isinstance(x, Dataset):
        raise ValueError("fit: `validation_split` is only supported for Tensors or NumPy arrays, "
                         "not for a tf.data.Dataset; pass `validation_data` instead")
    xa = _arrays(x)
    n = _first_dim(xa)
    cut = int(n * (1.0 - validation_split))
    if cut == 0 or cut == n:
        raise ValueError(f"fit: validation_split={validation_split} leaves no samples for training or "
                         f"validation ({n} samples)")
    ya = _arrays(y) if y is not None else None
    sw = np.asarray(sample_weight) if sample_weight is not None else None
    validation_data = (_slice(xa, slice(cut, None)), _slice(ya, slice(cut, None)),
                       sw[cut:] if sw is not None else None)
    x, y = _slice(xa, slice(0, cut)), _slice(ya, slice(0, cut))
    sample_weight = sw[:cut] if sw is not None else None
    return x, y, sample_weight, validation_data


def _class_weighted_batch(data: Any, class_weight: dict) -> Any:
    """A dataset's batch ``(x, y[, sample_weight])`` with the class weights as its sample weights."""
    x, y, sw = unpack_x_y_sample_weight(data)
    if y is None or _is_nested(y):
        raise ValueError("`class_weight` is only supported for Models with a single output.")
    if sw is not None:
        raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")
    return (x, y, Tensor(_class_weight_to_sample_weights(np.asarray(y), class_weight)))


def _class_weight_to_sample_weights(y: Any, class_weight: dict) -> np.ndarray:
    """Keras's class weights: one weight per sample from its class (argmax of one-hot labels,
    rounded otherwise); classes not listed weigh 1."""
    ya = np.asarray(y)
    if ya.ndim > 1:
        ya = ya.argmax(-1) if ya.shape[-1] != 1 else ya[..., 0]
    cls = np.round(ya).astype(np.int32).reshape(ya.shape[0], -1)[:, 0] if ya.ndim else np.round(ya).astype(np.int32)
    return np.array([class_weight.get(int(c), 1.0) for c in np.atleast_1d(cls)], np.float32)


def _tensors(x: Any) -> Any:
    if x is None:
        return None
    if isinstance(x, dict):
        return {k: _tensors(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, (np.ndarray, Tensor, Variable)) or _is_nested(v) for v in x):
        return tuple(_tensors(v) for v in x)
    return x if isinstance(x, Tensor) else convert_to_tensor(np.asarray(x) if not isinstance(x, Variable) else x)
