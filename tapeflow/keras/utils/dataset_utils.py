"""``keras.utils`` dataset builders: ``split_dataset``, ``timeseries_dataset_from_array``,
``text_dataset_from_directory`` and ``image_dataset_from_directory`` (local directories).

Files are indexed, labelled, shuffled (``np.random.RandomState(seed)``) and split exactly as
Keras does, with the same messages ("Found 4 files belonging to 2 classes."). Deliberate
differences: the per-iteration ``Dataset.shuffle`` that Keras adds uses tapeflow's generator, so
its order differs from TF's; images are decoded with Pillow (PNG, BMP and GIF pixels are TF's,
and so is PNG's RGB-to-gray conversion; JPEG pixels may differ by a few levels, TF's libjpeg
decoding with its fast integer DCT).

Example:
    >>> import numpy as np
    >>> ds = timeseries_dataset_from_array(np.arange(6), None, sequence_length=3, batch_size=2)
    >>> [b.tolist() for b in ds.as_numpy_iterator()]
    [[[0, 1, 2], [1, 2, 3]], [[2, 3, 4], [3, 4, 5]]]
"""

from __future__ import annotations

import os
import random
from typing import Any

import numpy as np

from .progbar import print_msg

_IMAGE_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
_INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic")


def _tf() -> Any:
    import tapeflow

    return tapeflow


# --- split_dataset --------------------------------------------------------------------------------

def _rescale_sizes(left_size: Any, right_size: Any, total: int) -> tuple:
    lt, rt = type(left_size), type(right_size)
    if (left_size is not None and lt not in (int, float)) and (right_size is not None and rt not in (int, float)):
        raise TypeError("Invalid `left_size` and `right_size` Types. Expected: integer or float or None, Received: "
                        f"type(left_size)={lt} and type(right_size)={rt}")
    if left_size is not None and lt not in (int, float):
        raise TypeError(f"Invalid `left_size` Type. Expected: int or float or None, Received: type(left_size)={lt}.  ")
    if right_size is not None and rt not in (int, float):
        raise TypeError(f"Invalid `right_size` Type. Expected: int or float or None,Received: type(right_size)={rt}.")
    if left_size == 0 and right_size == 0:
        raise ValueError("Both `left_size` and `right_size` are zero. At least one of the split sizes must be "
                         "non-zero.")
    if (lt is int and (left_size <= 0 or left_size >= total)) or (lt is float and (left_size <= 0 or left_size >= 1)):
        raise ValueError(f"`left_size` should be either a positive integer smaller than {total}, or a float within "
                         f"the range `[0, 1]`. Received: left_size={left_size}")
    if (rt is int and (right_size <= 0 or right_size >= total)) or (rt is float and (right_size <= 0
                                                                                      or right_size >= 1)):
        raise ValueError(f"`right_size` should be either a positive integer and smaller than {total} or a float "
                         f"within the range `[0, 1]`. Received: right_size={right_size}")
    if rt is lt is float and right_size + left_size > 1:
        raise ValueError("The sum of `left_size` and `right_size` is greater than 1. It must be less than or equal "
                         "to 1.")
    left = round(left_size * total) if lt is float else (float(left_size) if lt is int else None)
    right = round(right_size * total) if rt is float else (float(right_size) if rt is int else None)
    if left is None:
        left = total - right
    elif right is None:
        right = total - left
    if left + right > total:
        raise ValueError(f"The sum of `left_size` and `right_size` should be smaller than the {total}. Received: "
                         f"left_size + right_size = {left + right}and total_length = {total}")
    for split, side in ((left, "left"), (right, "right")):
        if split == 0:
            raise ValueError(f"With `dataset` of length={total}, `left_size`={left} and `right_size`={right}."
                             f"Resulting {side} side dataset split will be empty. Adjust any of the aforementioned "
                             "parameters")
    return int(left), int(right)


def split_dataset(dataset: Any, left_size: Any = None, right_size: Any = None, shuffle: bool = False,
                  seed: int | None = None, preferred_backend: str | None = None) -> tuple:
    """Split a NumPy array, a tuple/list of arrays or a ``tf.data.Dataset`` into two Datasets
    (``left_size`` / ``right_size``: a count, or a fraction in (0, 1)); a batched Dataset gives
    batched splits. ``shuffle`` uses Python's ``random`` with ``seed``, as Keras.

    Example:
        >>> left, right = split_dataset(np.arange(10), left_size=0.8)
        >>> int(left.cardinality()), int(right.cardinality())
        (8, 2)
    """
    tf = _tf()
    if right_size is None and left_size is None:
        raise ValueError("At least one of the `left_size` or `right_size` must be specified. Received: "
                         "left_size=None and right_size=None")
    batch_size = None
    if isinstance(dataset, tf.data.Dataset):
        # a batched dataset (every component's leading dimension unknown, as `batch` leaves it) is
        # split by samples and the splits batched again by the first batch's size
        leaves = tf.nest.flatten(dataset.element_spec)
        shapes = [tuple(getattr(s, "shape", ())) for s in leaves]
        if leaves and all(len(sh) >= 1 and sh[0] is None for sh in shapes):
            first = next(iter(dataset.as_numpy_iterator()), None)
            if first is not None:
                batch_size = int(np.shape(tf.nest.flatten(first)[0])[0])
            dataset = dataset.unbatch()
        samples = list(dataset.as_numpy_iterator())
        structure = "dataset"
    elif isinstance(dataset, np.ndarray):
        samples = list(dataset)
        structure = "array"
    elif isinstance(dataset, (list, tuple)):
        arrays = [np.asarray(a) for a in dataset]
        n = len(arrays[0]) if arrays else 0
        if any(len(a) != n for a in arrays):
            raise ValueError("Received a list of NumPy arrays with different lengths. Mismatch found at index: "
                             f"{[len(a) for a in arrays]}")
        samples = list(zip(*arrays))
        structure = type(dataset)
    else:
        raise TypeError("The `dataset` argument must be either a `tf.data.Dataset` object, or a list/tuple of arrays. "
                        f"Received: dataset={dataset} of type {type(dataset)}")
    if shuffle:
        if seed is None:
            seed = random.randint(0, int(1e6))
        random.seed(seed)
        random.shuffle(samples)
    left, right = _rescale_sizes(left_size, right_size, len(samples))
    parts = []
    for part in (samples[:left], samples[-right:]):
        if structure == "array":
            data: Any = np.stack(part)
        elif part and isinstance(part[0], tuple):
            data = tuple(np.stack(c) for c in zip(*part))
        elif part and isinstance(part[0], dict):
            data = {k: np.stack([p[k] for p in part]) for k in part[0]}
        else:
            data = np.stack(part)
        ds = tf.data.Dataset.from_tensor_slices(data)
        if batch_size is not None:
            ds = ds.batch(batch_size)
        parts.append(ds)
    return parts[0], parts[1]


# --- timeseries -----------------------------------------------------------------------------------

def timeseries_dataset_from_array(data: Any, targets: Any, sequence_length: int, sequence_stride: int = 1,
                                  sampling_rate: int = 1, batch_size: int | None = 128, shuffle: bool = False,
                                  seed: int | None = None, start_index: int | None = None,
                                  end_index: int | None = None, format: str = "tf") -> Any:
    """Windows of ``sequence_length`` steps (every ``sampling_rate``-th step), starting every
    ``sequence_stride`` steps, paired with ``targets[start]`` when ``targets`` is given, in batches.

    Example:
        >>> x = np.arange(10)
        >>> ds = timeseries_dataset_from_array(x[:-3], x[3:], sequence_length=3, batch_size=None)
        >>> [(w.tolist(), int(t)) for w, t in ds.take(2).as_numpy_iterator()]
        [([0, 1, 2], 3), ([1, 2, 3], 4)]
    """
    n = len(data)
    if start_index:
        if start_index < 0:
            raise ValueError(f"`start_index` must be 0 or greater. Received: start_index={start_index}")
        if start_index >= n:
            raise ValueError(f"`start_index` must be lower than the length of the data. Received: "
                             f"start_index={start_index}, for data of length {n}")
    if end_index:
        if start_index and end_index <= start_index:
            raise ValueError(f"`end_index` must be higher than `start_index`. Received: start_index={start_index}, "
                             f"and end_index={end_index} ")
        if end_index >= n:
            raise ValueError(f"`end_index` must be lower than the length of the data. Received: "
                             f"end_index={end_index}, for data of length {n}")
        if end_index <= 0:
            raise ValueError(f"`end_index` must be higher than 0. Received: end_index={end_index}")
    if sampling_rate <= 0:
        raise ValueError(f"`sampling_rate` must be higher than 0. Received: sampling_rate={sampling_rate}")
    if sampling_rate >= n:
        raise ValueError(f"`sampling_rate` must be lower than the length of the data. Received: "
                         f"sampling_rate={sampling_rate}, for data of length {n}")
    if sequence_stride <= 0:
        raise ValueError(f"`sequence_stride` must be higher than 0. Received: sequence_stride={sequence_stride}")
    if sequence_stride >= n:
        raise ValueError(f"`sequence_stride` must be lower than the length of the data. Received: "
                         f"sequence_stride={sequence_stride}, for data of length {n}")
    if format != "tf":
        raise ValueError(f'`format` should be "tf" (grain is not available). Received: format={format}')
    tf = _tf()
    start = 0 if start_index is None else start_index
    end = n if end_index is None else end_index
    num_seqs = end - start - (sequence_length - 1) * sampling_rate
    if targets is not None:
        num_seqs = min(num_seqs, len(targets))
    positions = np.arange(0, max(num_seqs, 0), sequence_stride, dtype=np.int64)
    if shuffle:
        if seed is None:
            seed = np.random.randint(1e6)
        np.random.RandomState(seed).shuffle(positions)
    values = data.numpy() if hasattr(data, "numpy") else np.asarray(data)
    values = values[start:end]
    offsets = np.arange(sequence_length, dtype=np.int64) * sampling_rate
    tvals = None
    if targets is not None:
        tvals = targets.numpy() if hasattr(targets, "numpy") else np.asarray(targets)
        tvals = tvals[start:end]

    def windows(pos: Any) -> Any:
        p = pos.numpy()
        w = tf.constant(values[p[..., None] + offsets])
        if tvals is None:
            return w
        return w, tf.constant(tvals[p])

    ds = tf.data.Dataset.from_tensor_slices(positions)
    if batch_size is not None:
        if shuffle:
            ds = ds.shuffle(buffer_size=batch_size * 8, seed=seed)
        ds = ds.batch(batch_size)
    elif shuffle:
        ds = ds.shuffle(buffer_size=1024, seed=seed)
    return ds.map(windows)


# --- directories ----------------------------------------------------------------------------------

def _check_split(validation_split: Any, subset: Any, shuffle: bool, seed: Any) -> None:
    if validation_split and not 0 < validation_split < 1:
        raise ValueError(f"`validation_split` must be between 0 and 1, received: {validation_split}")
    if (validation_split or subset) and not (validation_split and subset):
        raise ValueError("If `subset` is set, `validation_split` must be set, and inversely.")
    if subset not in ("training", "validation", "both", None):
        raise ValueError(f'`subset` must be either "training", "validation" or "both", received: {subset}')
    if validation_split and shuffle and seed is None:
        raise ValueError("If using `validation_split` and shuffling the data, you must provide a `seed` argument, to "
                         "make sure that there is no overlap between the training and validation subset.")


def _index_directory(directory: str, labels: Any, formats: tuple, class_names: Any, shuffle: bool, seed: int,
                     follow_links: bool, verbose: bool) -> tuple:
    directory = os.fspath(directory)
    if labels == "inferred":
        subdirs = [d for d in sorted(os.listdir(directory))
                   if os.path.isdir(os.path.join(directory, d)) and not d.startswith(".")]
        if class_names is not None:
            if not set(class_names).issubset(set(subdirs)):
                raise ValueError("The `class_names` passed did not match the names of the subdirectories of the "
                                 f"target directory. Expected: {subdirs} (or a subset of it), but received: "
                                 f"class_names={class_names}")
            subdirs = list(class_names)
    else:
        subdirs = [""]
        if class_names is not None:
            if labels is None:
                raise ValueError("When `labels=None` (no labels), argument `class_names` cannot be specified.")
            raise ValueError("When argument `labels` is specified, argument `class_names` cannot be specified (the "
                             "`class_names` will be the sorted list of labels).")
    class_names = subdirs
    filenames: list = []
    found_labels: list = []
    for idx, sub in enumerate(subdirs):
        root_dir = os.path.join(directory, sub)
        walk = os.walk(root_dir, followlinks=follow_links)
        for root, _, files in sorted(walk, key=lambda x: x[0]):
            for fname in sorted(files):
                if fname.lower().endswith(formats):
                    rel = os.path.join(os.path.basename(root_dir), os.path.relpath(os.path.join(root, fname),
                                                                                   root_dir))
                    filenames.append(rel)
                    found_labels.append(idx)
    if labels == "inferred":
        out_labels: Any = np.asarray(found_labels, dtype="int32")
    elif labels is None:
        out_labels = None
        class_names = None
    else:
        if len(labels) != len(filenames):
            raise ValueError(f"Expected the lengths of `labels` to match the number of files in the target "
                             f"directory. len(labels) is {len(labels)} while we found {len(filenames)} files in "
                             f"directory {directory}.")
        out_labels = labels
        class_names = [str(label) for label in sorted(set(labels))]
    if verbose:
        if out_labels is None:
            print_msg(f"Found {len(filenames)} files.")
        else:
            print_msg(f"Found {len(filenames)} files belonging to {len(class_names)} classes.")
    paths = [os.path.join(directory, f) for f in filenames]
    if shuffle:
        np.random.RandomState(seed).shuffle(paths)
        if out_labels is not None:
            np.random.RandomState(seed).shuffle(out_labels)
    return paths, out_labels, class_names


def _subset(samples: list, labels: Any, validation_split: Any, subset: Any) -> tuple:
    if not validation_split:
        return samples, labels
    n_val = int(validation_split * len(samples))
    if subset == "training":
        print_msg(f"Using {len(samples) - n_val} files for training.")
        samples = samples[:-n_val]
        labels = None if labels is None else labels[:-n_val]
    elif subset == "validation":
        print_msg(f"Using {n_val} files for validation.")
        samples = samples[-n_val:]
        labels = None if labels is None else labels[-n_val:]
    else:
        raise ValueError(f'`subset` must be either "training" or "validation", received: {subset}')
    return samples, labels


def _label_tensor(label: Any, label_mode: str, num_classes: int) -> Any:
    tf = _tf()
    if label_mode == "binary":
        return tf.expand_dims(tf.cast(label, "float32"), axis=-1)
    if label_mode == "categorical":
        return tf.one_hot(label, num_classes)
    return label


def _build(paths: list, labels: Any, label_mode: Any, num_classes: int, load: Any, shuffle: bool, buffer: int,
           seed: Any, batch_size: Any, kind: str) -> Any:
    tf = _tf()
    if not paths:
        raise ValueError(f"No {kind} files found in directory. Allowed format: "
                         + (".txt" if kind == "text" else str(_IMAGE_FORMATS)))
    if labels is None or label_mode is None:
        ds = tf.data.Dataset.from_tensor_slices(np.asarray(paths, dtype=object).astype(bytes))
        if shuffle:
            ds = ds.shuffle(buffer, seed=seed)
        ds = ds.map(lambda p: load(p))
    else:
        ds = tf.data.Dataset.from_tensor_slices((np.asarray(paths, dtype=object).astype(bytes),
                                                 np.asarray(labels, dtype="int32")))
        if shuffle:
            ds = ds.shuffle(buffer, seed=seed)
        ds = ds.map(lambda p, y: (load(p), _label_tensor(y, label_mode, num_classes)))
    if batch_size is not None:
        ds = ds.batch(batch_size)
    return ds


def _directory_dataset(directory: Any, labels: Any, label_mode: Any, class_names: Any, batch_size: Any,
                       shuffle: bool, seed: Any, validation_split: Any, subset: Any, follow_links: bool,
                       verbose: bool, formats: tuple, load: Any, kind: str) -> Any:
    if labels not in ("inferred", None):
        if not isinstance(labels, (list, tuple)):
            raise ValueError(f"`labels` argument should be a list/tuple of integer labels, of the same size as the "
                             f"number of {kind} files in the target directory. If you wish to infer the labels from "
                             'the subdirectory names in the target directory, pass `labels="inferred"`. If you wish '
                             f"to get a dataset that only contains {kind} samples (no labels), pass `labels=None`. "
                             f"Received: labels={labels}")
        if class_names:
            raise ValueError(f'You can only pass `class_names` if `labels="inferred"`. Received: labels={labels}, '
                             f"and class_names={class_names}")
    if label_mode not in {"int", "categorical", "binary", None}:
        raise ValueError(f'`label_mode` argument must be one of "int", "categorical", "binary", or None. Received: '
                         f"label_mode={label_mode}")
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    _check_split(validation_split, subset, shuffle, seed)
    if seed is None:
        seed = np.random.randint(1e6)
    paths, labs, class_names = _index_directory(directory, labels, formats, class_names, shuffle, seed,
                                                follow_links, verbose)
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(f'When passing `label_mode="binary"`, there must be exactly 2 class_names. Received: '
                         f"class_names={class_names}")
    buffer = batch_size * 8 if batch_size is not None else 1024
    n_classes = len(class_names) if class_names else 0
    if subset == "both":
        p_tr, l_tr = _subset(paths, labs, validation_split, "training")
        p_va, l_va = _subset(paths, labs, validation_split, "validation")
        train = _build(p_tr, l_tr, label_mode, n_classes, load, shuffle, buffer, seed, batch_size, kind)
        val = _build(p_va, l_va, label_mode, n_classes, load, False, buffer, seed, batch_size, kind)
        for d, p in ((train, p_tr), (val, p_va)):
            d.class_names = class_names
            d.file_paths = p
        return [train, val]
    paths, labs = _subset(paths, labs, validation_split, subset)
    ds = _build(paths, labs, label_mode, n_classes, load, shuffle, buffer, seed, batch_size, kind)
    ds.class_names = class_names
    ds.file_paths = paths
    return ds


def text_dataset_from_directory(directory: Any, labels: Any = "inferred", label_mode: Any = "int",
                                class_names: Any = None, batch_size: int | None = 32, max_length: int | None = None,
                                shuffle: bool = True, seed: int | None = None, validation_split: float | None = None,
                                subset: str | None = None, follow_links: bool = False, format: str = "tf",
                                verbose: bool = True) -> Any:
    """A Dataset of ``(text, label)`` from ``directory/<class>/*.txt`` (texts as byte strings, cut to
    ``max_length`` characters; labels as ints, one-hot floats or float (batch, 1) for 'binary').

    Example:
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> for c, t in (("neg", "bad"), ("pos", "good")):
        ...     os.makedirs(os.path.join(d, c)); _ = open(os.path.join(d, c, "a.txt"), "w").write(t)
        >>> ds = text_dataset_from_directory(d, shuffle=False)
        Found 2 files belonging to 2 classes.
        >>> x, y = next(iter(ds)); x.numpy().tolist(), y.numpy().tolist(), ds.class_names
        ([b'bad', b'good'], [0, 1], ['neg', 'pos'])
    """
    if format != "tf":
        raise ValueError(f'`format` should be "tf" (grain is not available). Received: format={format}')
    tf = _tf()

    def load(path: Any) -> Any:
        with open(path.numpy().decode(), "rb") as f:
            raw = f.read()
        if max_length is not None:
            raw = raw[:max_length]
        return tf.constant(raw)

    return _directory_dataset(directory, labels, label_mode, class_names, batch_size, shuffle, seed,
                              validation_split, subset, follow_links, verbose, (".txt",), load, "text")


def _decode_image(path: str, channels: int) -> np.ndarray:
    """An image file as a uint8 (height, width, channels) array, decoded as TF's ``decode_image``
    does where Pillow allows: RGB to gray with libpng's fixed-point weights (9797, 19234, 3737) / 2**15
    (truncated), gray replicated to RGB, alpha dropped or added (opaque); JPEGs decoded to gray read
    libjpeg's luminance directly."""
    from .image_utils import _pil

    if _pil is None:
        raise ImportError("Could not import PIL.Image. The use of `image_dataset_from_directory` requires PIL.")
    img = _pil.open(path)
    if channels == 1 and img.format == "JPEG":
        img.draft("L", img.size)
        return np.asarray(img.convert("L"))[..., None]
    if img.mode not in ("L", "RGB", "RGBA"):
        img = img.convert("RGBA" if ("A" in img.mode or "transparency" in img.info) else "RGB")
    a = np.asarray(img)
    if a.ndim == 2:
        a = a[..., None]
    if channels == 1:
        if a.shape[-1] == 1:
            return a
        rgb = a[..., :3].astype(np.int64)
        return ((9797 * rgb[..., 0] + 19234 * rgb[..., 1] + 3737 * rgb[..., 2]) >> 15).astype(np.uint8)[..., None]
    if a.shape[-1] == 1:
        a = np.repeat(a, 3, axis=-1)
    if channels == 3:
        return a[..., :3]
    if a.shape[-1] == 3:
        a = np.concatenate([a, np.full(a.shape[:-1] + (1,), 255, np.uint8)], axis=-1)
    return a


def image_dataset_from_directory(directory: Any, labels: Any = "inferred", label_mode: Any = "int",
                                 class_names: Any = None, color_mode: str = "rgb", batch_size: int | None = 32,
                                 image_size: Any = (256, 256), shuffle: bool = True, seed: int | None = None,
                                 validation_split: float | None = None, subset: str | None = None,
                                 interpolation: str = "bilinear", follow_links: bool = False,
                                 crop_to_aspect_ratio: bool = False, pad_to_aspect_ratio: bool = False,
                                 data_format: str | None = None, format: str = "tf", verbose: bool = True) -> Any:
    """A Dataset of ``(images, labels)`` from ``directory/<class>/*.{png,jpg,jpeg,bmp,gif}``: images
    decoded (Pillow), resized to ``image_size`` with ``tf.image.resize`` (float32), in batches.

    Example:
        >>> import tempfile, os
        >>> from tapeflow.keras.utils import save_img
        >>> d = tempfile.mkdtemp()
        >>> for c in ("cat", "dog"):
        ...     os.makedirs(os.path.join(d, c)); save_img(os.path.join(d, c, "a.png"), np.ones((4, 4, 3)))
        >>> ds = image_dataset_from_directory(d, image_size=(2, 2), shuffle=False)
        Found 2 files belonging to 2 classes.
        >>> x, y = next(iter(ds)); x.shape, y.numpy().tolist()
        (TensorShape([2, 2, 2, 3]), [0, 1])
    """
    if format != "tf":
        raise ValueError(f'`format` should be "tf" (grain is not available). Received: format={format}')
    channels = {"rgb": 3, "rgba": 4, "grayscale": 1}.get(color_mode)
    if channels is None:
        raise ValueError(f'`color_mode` must be one of {{"rgb", "rgba", "grayscale"}}. Received: color_mode={color_mode}')
    if isinstance(image_size, int):
        image_size = (image_size, image_size)
    elif not isinstance(image_size, (list, tuple)) or not len(image_size) == 2:
        raise ValueError(f"Invalid `image_size` value. Expected a tuple of 2 integers. Received: image_size={image_size}")
    interpolation = interpolation.lower()
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(f"Argument `interpolation` should be one of {_INTERPOLATIONS}. Received: "
                         f"interpolation={interpolation}")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError("Only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be set to `True`.")
    from .. import backend as _backend

    fmt = _backend.image_data_format() if data_format is None else data_format
    tf = _tf()
    h, w = int(image_size[0]), int(image_size[1])

    def load(path: Any) -> Any:
        arr = _decode_image(path.numpy().decode(), channels)
        x = tf.constant(arr)
        if crop_to_aspect_ratio:
            ih, iw = arr.shape[0], arr.shape[1]
            ch = max(min(ih, int(float(iw * h) / w)), 1)
            cw = max(min(iw, int(float(ih * w) / h)), 1)
            h0, w0 = int(float(ih - ch) / 2), int(float(iw - cw) / 2)
            x = x[h0:h0 + ch, w0:w0 + cw, :]
            out = tf.image.resize(x, (h, w), method=interpolation)
        elif pad_to_aspect_ratio:
            out = tf.image.resize_with_pad(x, h, w, method=interpolation)
        else:
            out = tf.image.resize(x, (h, w), method=interpolation)
        if fmt == "channels_first":
            out = tf.transpose(out, (2, 0, 1))
        return out

    return _directory_dataset(directory, labels, label_mode, class_names, batch_size, shuffle, seed,
                              validation_split, subset, follow_links, verbose, _IMAGE_FORMATS, load, "image")


__all__ = ["split_dataset", "timeseries_dataset_from_array", "text_dataset_from_directory",
           "image_dataset_from_directory"]
