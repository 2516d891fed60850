"""Image ops (tf.image): resizing with gradients, flips, crops, pads, colour adjustments.

Images are NHWC (a batch ``[batch, height, width, channels]``) or a single HWC image where TF
accepts one. Resizing reproduces TF's kernels bit for bit (same sample positions, weight
tables and float32 arithmetic); gradients follow TF's registry: bilinear, nearest, bicubic and
the ``scale_and_translate`` methods (lanczos, gaussian, mitchellcubic, antialias) have one,
``area`` has none (``LookupError`` as in TF), and so have ``adjust_contrast``,
``adjust_saturation`` and ``adjust_hue``.

Random ops draw from ``tf.random`` (tapeflow's generators): the same seeds give reproducible
values within tapeflow, but not the numbers TF's Philox generators give.

Known differences from TF: the gradients of the resizes are themselves differentiable (TF has
none registered for ResizeBicubicGrad / ResizeNearestNeighborGrad / ScaleAndTranslateGrad and
marks ResizeBilinearGrad not differentiable); ``scale_and_translate`` methods also give gradients
for float16/float64 images (TF's CPU kernel fails there); ``adjust_contrast`` / ``adjust_hue`` /
``adjust_saturation`` accept float16 images (computed in float32), where TF's CPU has no kernel.
``adjust_contrast``'s mean may differ from TF's in the last bit (TF's reduction order).

Decoding and encoding (``decode_png``, ``encode_jpeg``, ``adjust_jpeg_quality`` ...) need image
codecs and are not provided; nor are ``draw_bounding_boxes``, ``extract_glimpse``,
``sample_distorted_bounding_box`` and ``generate_bounding_box_proposals``.

Example:
    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(12.0), [1, 3, 4, 1])
    >>> tf.image.resize(img, [2, 2]).numpy().reshape(-1).tolist()
    [1.5, 3.5, 7.5, 9.5]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from .. import recorders as _rec
from ..errors import InvalidArgumentError, OutOfRangeError, UnimplementedError
from ..primitives import bind, bind1, bind2
from ..primitives import core as C
from ..primitives import image as P
from ..tensor import Tensor, Variable, convert_to_tensor
from . import array_ops as A
from . import math_ops as M
from ._args import check_alloc, describe, tensor_arg

__all__ = [
    "ResizeMethod", "resize", "resize_with_pad", "resize_with_crop_or_pad",
    "flip_left_right", "flip_up_down", "random_flip_left_right", "random_flip_up_down",
    "stateless_random_flip_left_right", "stateless_random_flip_up_down", "rot90", "transpose",
    "central_crop", "crop_to_bounding_box", "pad_to_bounding_box", "random_crop", "stateless_random_crop",
    "extract_patches", "crop_and_resize",
    "convert_image_dtype", "adjust_brightness", "adjust_contrast", "adjust_saturation", "adjust_hue",
    "adjust_gamma", "rgb_to_grayscale", "grayscale_to_rgb", "rgb_to_hsv", "hsv_to_rgb", "rgb_to_yiq",
    "yiq_to_rgb", "rgb_to_yuv", "yuv_to_rgb", "per_image_standardization",
    "random_brightness", "random_contrast", "random_saturation", "random_hue",
    "stateless_random_brightness", "stateless_random_contrast", "stateless_random_saturation",
    "stateless_random_hue",
    "image_gradients", "sobel_edges", "total_variation", "psnr", "ssim", "ssim_multiscale",
    "non_max_suppression", "non_max_suppression_with_scores", "non_max_suppression_overlaps",
    "non_max_suppression_padded", "combined_non_max_suppression",
]

_F32 = np.dtype(np.float32)


# --- shared checks ------------------------------------------------------------------------------------


def _shape_str(shape: tuple) -> str:
    return str(tuple(int(s) for s in shape))


def _at_least_3d(x: Tensor) -> None:
    """TF's _CheckAtLeast3DImage: rank >= 3 and the inner three dimensions non-zero."""
    shape = x._value.shape
    if len(shape) < 3:
        raise ValueError(f"'image' (shape {_shape_str(shape)}) must be at least three-dimensional.")
    if any(s == 0 for s in shape[-3:]):
        raise ValueError(f"inner 3 dims of 'image.shape' must be > 0: {_shape_str(shape)}")


def _rank_3_or_4(x: Tensor, sep: str = " ") -> None:
    if x._value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {_shape_str(x._value.shape)}){sep}must have either 3 or 4 dimensions.")


def _batch4(x: Tensor) -> tuple:
    """A 4-D view of a 3-D or 4-D image and whether it was a batch."""
    if x._value.ndim == 3:
        return C.reshape_to(x, (1,) + x._value.shape), False
    return x, True


def _unbatch(x: Tensor, is_batch: bool) -> Tensor:
    return x if is_batch else C.reshape_to(x, x._value.shape[1:])


def _int(v: Any, op: str, what: str) -> int:
    """A Python int from an int, NumPy integer or integer scalar tensor."""
    if isinstance(v, (Tensor, Variable)):
        arr = np.asarray(v)
    else:
        arr = np.asarray(v)
    if arr.ndim != 0 or arr.dtype.kind not in "iu":
        if arr.dtype.kind == "f" or arr.dtype.kind == "b":
            raise TypeError(f"{op}: {what} must be an integer, got {v!r}")
        raise ValueError(f"{op}: {what} must be an integer scalar, got {v!r}")
    return int(arr)


def _float_image(x: Tensor, op: str) -> Tensor:
    """Images as float: float16/float32 unchanged, every other dtype through convert_image_dtype."""
    if x._value.dtype in (np.float16, np.float32):
        return x
    return convert_image_dtype(x, _dt.float32)


# --- resizing ---------------------------------------------------------------------------------------


class ResizeMethod:
    """The ``method`` names of ``tf.image.resize`` (plain strings, as in TF).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.ResizeMethod.BILINEAR
        'bilinear'
    """

    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


_RESIZE_DTYPES = ("int8", "uint8", "int16", "uint16", "int32", "int64", "float16", "float32", "float64")
_TF_OP = {"bilinear": "ResizeBilinear", "nearest": "ResizeNearestNeighbor", "bicubic": "ResizeBicubic",
          "area": "ResizeArea"}
_ST_METHODS = ("lanczos3", "lanczos5", "gaussian", "mitchellcubic")


def _size_arg(size: Any) -> tuple:
    """``size`` as a pair of ints, with TF's ValueErrors."""
    if isinstance(size, (Tensor, Variable)):
        arr = np.asarray(size)
        if arr.dtype != np.int32:
            raise ValueError("'size' must be a 1-D int32 Tensor")
    else:
        try:
            if np.asarray(size).dtype.kind not in "iu":
                raise TypeError(size)
            arr = convert_to_tensor(size, _dt.int32)._value
        except (TypeError, ValueError):
            raise ValueError("'size' must be a 1-D int32 Tensor") from None
    if arr.shape != (2,):
        raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    for v in arr:
        if v < 0:
            raise ValueError(f"Dimension {int(v)} must be >= 0")
    return int(arr[0]), int(arr[1])


def _resize4(x: Tensor, size: tuple, method: str, antialias: bool) -> Tensor:
    """Resize a 4-D tensor (method already validated)."""
    op = _TF_OP.get(method, "ScaleAndTranslate")
    if method in ("bilinear", "bicubic") and antialias:
        op = "ScaleAndTranslate"
    if size[0] <= 0 or size[1] <= 0:
        raise InvalidArgumentError(f"resize ({op}): output dimensions must be positive, got size {list(size)}", op=op)
    if x._value.shape[1] == 0 or x._value.shape[2] == 0:
        raise InvalidArgumentError(f"resize ({op}): input image must be of non-zero size, got a {describe(x)}", op=op)
    if method == "nearest":
        return bind1(P.RESIZE_NEAREST, x, {"size": size})
    dt = x._value.dtype
    if method == "bicubic" and not antialias and dt == np.float16:
        xf = C.cast_raw(C.stop_gradient_raw(x), _F32)  # TF: ResizeBicubic has no float16 gradient
    else:
        xf = M.cast(x, _dt.float32) if dt != np.float32 else x
    if op == "ResizeBilinear":
        return bind1(P.RESIZE_BILINEAR, xf, {"size": size})
    if op == "ResizeBicubic":
        return bind1(P.RESIZE_BICUBIC, xf, {"size": size})
    if op == "ResizeArea":
        return bind1(P.RESIZE_AREA, xf, {"size": size})
    kernel = {"bilinear": "triangle", "bicubic": "keyscubic"}.get(method, method)
    return bind1(P.SCALE_AND_TRANSLATE, xf, {"size": size, "kernel": kernel, "antialias": bool(antialias)})


def _check_method(method: Any) -> str:
    m = method
    if m not in ("bilinear", "nearest", "bicubic", "area") + _ST_METHODS:
        raise ValueError(f"Resize method is not implemented: {method}")
    return m


def resize(images: Any, size: Any, method: str = ResizeMethod.BILINEAR, preserve_aspect_ratio: bool = False,
           antialias: bool = False, name: str | None = None) -> Tensor:
    """Resize ``images`` (NHWC or HWC) to ``size = [new_height, new_width]``.

    Methods: ``bilinear``, ``nearest``, ``bicubic``, ``area``, ``lanczos3``, ``lanczos5``,
    ``gaussian``, ``mitchellcubic`` (TF's half-pixel-centre kernels; the values match TF's CPU
    kernels exactly). The result is float32, except ``nearest`` which keeps the dtype.
    ``antialias`` widens the filter when downsampling (not for nearest or area).
    ``preserve_aspect_ratio`` fits the image inside ``size``. Gradients flow to float images for
    every method but ``area`` (TF registers none: asking raises ``LookupError``).

    Example:
        >>> import tapeflow as tf
        >>> image = tf.constant([[1., 2.], [3., 4.]])[tf.newaxis, ..., tf.newaxis]
        >>> tf.image.resize(image, [3, 3])[0, ..., 0].numpy().tolist()
        [[1.0, 1.5, 2.0], [2.0, 2.5, 3.0], [3.0, 3.5, 4.0]]
        >>> tf.image.resize(image, [1, 4], method="nearest")[0, ..., 0].numpy().tolist()
        [[3.0, 3.0, 4.0, 4.0]]
    """
    x = tensor_arg(images, "resize")
    if x._value.ndim not in (3, 4):
        raise ValueError("'images' must have either 3 or 4 dimensions.")
    x4, is_batch = _batch4(x)
    new = _size_arg(size)
    if preserve_aspect_ratio:
        h, w = np.float32(x4._value.shape[1]), np.float32(x4._value.shape[2])
        f = np.minimum(np.float32(new[0]) / h, np.float32(new[1]) / w)
        new = (int(np.round(f * h)), int(np.round(f * w)))
    m = _check_method(method)
    if x._value.dtype.name not in _RESIZE_DTYPES:
        raise InvalidArgumentError(
            f"resize: images of dtype {x.dtype.name} are not supported (allowed: {', '.join(_RESIZE_DTYPES)})",
            op="resize")
    check_alloc((x4._value.shape[0],) + new + (x4._value.shape[3],), np.float32, "resize")
    return _unbatch(_resize4(x4, new, m, antialias), is_batch)


def _target_args(image: Any, target_height: Any, target_width: Any, op: str) -> tuple:
    """``(x4, is_batch, target_height, target_width)``: a 3-D or 4-D image as a batch (and whether it
    was one) and the target size, checked positive."""
    x = tensor_arg(image, op)
    _rank_3_or_4(x)
    x4, is_batch = _batch4(x)
    _at_least_3d(x4)
    th = _int(target_height, op, "target_height")
    tw = _int(target_width, op, "target_width")
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    return x4, is_batch, th, tw


def resize_with_pad(image: Any, target_height: Any, target_width: Any, method: str = ResizeMethod.BILINEAR,
                    antialias: bool = False) -> Tensor:
    """Resize keeping the aspect ratio so the image fits, then zero-pad to the target size.

    Example:
        >>> import tapeflow as tf
        >>> img = tf.ones([2, 4, 1])
        >>> tf.image.resize_with_pad(img, 4, 4)[..., 0].numpy().tolist()
        [[0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]]
    """
    x4, is_batch, th, tw = _target_args(image, target_height, target_width, "resize_with_pad")
    f32 = np.float32
    h, w = f32(x4._value.shape[1]), f32(x4._value.shape[2])
    ratio = max(w / f32(tw), h / f32(th))
    rh, rw = h / ratio, w / ratio
    ph = max(0, int(np.floor((f32(th) - rh) / f32(2))))
    pw = max(0, int(np.floor((f32(tw) - rw) / f32(2))))
    resized = resize(x4, [int(np.floor(rh)), int(np.floor(rw))], method, antialias=antialias)
    return _unbatch(pad_to_bounding_box(resized, ph, pw, th, tw), is_batch)


def resize_with_crop_or_pad(image: Any, target_height: Any, target_width: Any) -> Tensor:
    """Centrally crop and/or zero-pad ``image`` to ``target_height`` x ``target_width``.

    Example:
        >>> import tapeflow as tf
        >>> img = tf.reshape(tf.range(1, 10), [3, 3, 1])
        >>> tf.image.resize_with_crop_or_pad(img, 1, 5)[..., 0].numpy().tolist()
        [[0, 4, 5, 6, 0]]
    """
    x4, is_batch, th, tw = _target_args(image, target_height, target_width, "resize_with_crop_or_pad")
    h, w = x4._value.shape[1], x4._value.shape[2]
    wd, hd = tw - w, th - h
    cropped = crop_to_bounding_box(x4, max(-hd // 2, 0), max(-wd // 2, 0), min(th, h), min(tw, w))
    padded = pad_to_bounding_box(cropped, max(hd // 2, 0), max(wd // 2, 0), th, tw)
    return _unbatch(padded, is_batch)


# --- flips, rotations, crops ---------------------------------------------------------------------------


def _flip(image: Any, axis: int, op: str) -> Tensor:
    x = tensor_arg(image, op)
    _at_least_3d(x)
    _rank_3_or_4(x, sep="")
    return A.reverse(x, [axis + x._value.ndim - 3])


def flip_left_right(image: Any) -> Tensor:
    """Mirror images horizontally (the width axis).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.flip_left_right(tf.reshape(tf.range(4), [1, 4, 1]))[..., 0].numpy().tolist()
        [[3, 2, 1, 0]]
    """
    return _flip(image, 1, "flip_left_right")


def flip_up_down(image: Any) -> Tensor:
    """Flip images vertically (the height axis).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.flip_up_down(tf.reshape(tf.range(3), [3, 1, 1]))[:, 0, 0].numpy().tolist()
        [2, 1, 0]
    """
    return _flip(image, 0, "flip_up_down")


def _random_flip(image: Any, axis: int, draw: Any, op: str) -> Tensor:
    x = tensor_arg(image, op)
    _at_least_3d(x)
    _rank_3_or_4(x)
    if x._value.ndim == 3:
        u = draw([])
        return A.reverse(x, [axis]) if float(u._value) < 0.5 else x
    n = x._value.shape[0]
    u = draw([n])
    flips = M.cast(M.round(C.reshape_to(u, (n, 1, 1, 1))), x.dtype)
    flipped = A.reverse(x, [axis + 1])
    return flips * flipped + (1 - flips) * x


def _uniform(seed: Any):
    from . import random_ops as R

    return lambda shape: R.uniform(shape, 0, 1.0, seed=seed)


def _stateless_uniform(seed: Any):
    from . import random_ops as R

    return lambda shape: R.stateless_uniform(shape, seed=seed, minval=0, maxval=1.0)


def random_flip_left_right(image: Any, seed: int | None = None) -> Tensor:
    """Mirror horizontally with probability 1/2 (each image of a batch on its own draw).

    Draws come from tapeflow's ``tf.random`` generators: reproducible after
    ``tf.random.set_seed``, but not the same draws as TensorFlow.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.random_flip_left_right(tf.ones([2, 3, 1]), seed=5).shape.as_list()
        [2, 3, 1]
    """
    return _random_flip(image, 1, _uniform(seed), "random_flip_left_right")


def random_flip_up_down(image: Any, seed: int | None = None) -> Tensor:
    """Flip vertically with probability 1/2 (each image of a batch on its own draw).

    Draws come from tapeflow's ``tf.random`` generators (not TensorFlow's numbers).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.random_flip_up_down(tf.ones([2, 3, 1]), seed=5).shape.as_list()
        [2, 3, 1]
    """
    return _random_flip(image, 0, _uniform(seed), "random_flip_up_down")


def stateless_random_flip_left_right(image: Any, seed: Any) -> Tensor:
    """Mirror horizontally with probability 1/2, decided by the ``seed`` pair alone.

    Deterministic for a given seed within tapeflow (TF's own generator gives other draws).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(6.0), [1, 2, 3, 1])
        >>> a = tf.image.stateless_random_flip_left_right(x, seed=(1, 2))
        >>> b = tf.image.stateless_random_flip_left_right(x, seed=(1, 2))
        >>> bool(tf.reduce_all(a == b))
        True
    """
    return _random_flip(image, 1, _stateless_uniform(seed), "stateless_random_flip_left_right")


def stateless_random_flip_up_down(image: Any, seed: Any) -> Tensor:
    """Flip vertically with probability 1/2, decided by the ``seed`` pair alone.

    Deterministic for a given seed within tapeflow (TF's own generator gives other draws).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.stateless_random_flip_up_down(tf.ones([2, 2, 1]), seed=(3, 4)).shape.as_list()
        [2, 2, 1]
    """
    return _random_flip(image, 0, _stateless_uniform(seed), "stateless_random_flip_up_down")


def rot90(image: Any, k: Any = 1, name: str | None = None) -> Tensor:
    """Rotate images counter-clockwise by ``k`` quarter turns.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(4), [2, 2, 1])
        >>> tf.image.rot90(x)[..., 0].numpy().tolist()
        [[1, 3], [0, 2]]
    """
    x = tensor_arg(image, "rot90")
    _at_least_3d(x)
    if isinstance(k, (Tensor, Variable)):
        kt = tensor_arg(k, "rot90")
        if kt._value.dtype != np.int32:
            raise ValueError(f"Tensor conversion requested dtype int32 for Tensor with dtype {kt.dtype.name}")
    else:
        try:
            kt = convert_to_tensor(k, _dt.int32)
        except (TypeError, ValueError):
            raise TypeError(f"Cannot convert {k!r} to EagerTensor of dtype int32") from None
    if kt._value.ndim != 0:
        raise ValueError(f"Shape {_shape_str(kt._value.shape)} must have rank 0")
    kk = int(kt._value) % 4
    _rank_3_or_4(x)
    o = x._value.ndim - 3
    perm = tuple(range(o)) + (o + 1, o, o + 2)
    if kk == 1:
        return A.transpose(A.reverse(x, [o + 1]), perm)
    if kk == 2:
        return A.reverse(x, [o, o + 1])
    if kk == 3:
        return A.reverse(A.transpose(x, perm), [o + 1])
    return x


def transpose(image: Any, name: str | None = None) -> Tensor:
    """Swap the height and width axes.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.transpose(tf.zeros([2, 5, 3])).shape.as_list()
        [5, 2, 3]
    """
    x = tensor_arg(image, "transpose")
    _at_least_3d(x)
    _rank_3_or_4(x)
    return A.transpose(x, [1, 0, 2] if x._value.ndim == 3 else [0, 2, 1, 3])


def central_crop(image: Any, central_fraction: float) -> Tensor:
    """Keep the central ``central_fraction`` (in (0, 1]) of each spatial dimension.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.central_crop(tf.zeros([1, 10, 9, 2]), 0.3).shape.as_list()
        [1, 4, 3, 2]
    """
    x = tensor_arg(image, "central_crop")
    if isinstance(central_fraction, (Tensor, Variable, np.ndarray, np.generic)):
        cf = np.asarray(central_fraction)[()]
    else:
        cf = central_fraction
    if cf <= 0.0 or cf > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if cf == 1.0:
        return x
    _at_least_3d(x)
    rank = x._value.ndim
    if rank not in (3, 4):
        raise ValueError(f"`image` should either be a Tensor with rank = 3 or rank = 4. Had rank = {rank}.")
    h, w = x._value.shape[rank - 3], x._value.shape[rank - 2]
    hs = int((float(h) - float(h) * cf) / 2)
    ws = int((float(w) - float(w) * cf) / 2)
    key = (slice(None),) * (rank - 3) + (slice(hs, h - hs), slice(ws, w - ws))
    return x[key]


def crop_to_bounding_box(image: Any, offset_height: int, offset_width: int, target_height: int,
                         target_width: int) -> Tensor:
    """Crop the box with top-left corner (offset_height, offset_width) and the target size.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(12), [3, 4, 1])
        >>> tf.image.crop_to_bounding_box(x, 1, 1, 2, 2)[..., 0].numpy().tolist()
        [[5, 6], [9, 10]]
    """
    x = tensor_arg(image, "crop_to_bounding_box")
    _rank_3_or_4(x)
    x4, is_batch = _batch4(x)
    _at_least_3d(x4)
    op = "crop_to_bounding_box"
    oh, ow = _int(offset_height, op, "offset_height"), _int(offset_width, op, "offset_width")
    th, tw = _int(target_height, op, "target_height"), _int(target_width, op, "target_width")
    h, w = x4._value.shape[1], x4._value.shape[2]
    for ok, msg in ((ow >= 0, "offset_width must be >= 0."), (oh >= 0, "offset_height must be >= 0."),
                    (tw > 0, "target_width must be > 0."), (th > 0, "target_height must be > 0."),
                    (w >= tw + ow, "width must be >= target + offset."), (h >= th + oh, "height must be >= target + offset.")):
        if not ok:
            raise ValueError(msg)
    return _unbatch(x4[:, oh:oh + th, ow:ow + tw, :], is_batch)


def pad_to_bounding_box(image: Any, offset_height: int, offset_width: int, target_height: int,
                        target_width: int) -> Tensor:
    """Zero-pad to ``target_height`` x ``target_width`` with the image at the given offset.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.pad_to_bounding_box(tf.ones([1, 1, 1]), 1, 0, 2, 2)[..., 0].numpy().tolist()
        [[0.0, 0.0], [1.0, 0.0]]
    """
    x = tensor_arg(image, "pad_to_bounding_box")
    _rank_3_or_4(x)
    x4, is_batch = _batch4(x)
    op = "pad_to_bounding_box"
    oh, ow = _int(offset_height, op, "offset_height"), _int(offset_width, op, "offset_width")
    th, tw = _int(target_height, op, "target_height"), _int(target_width, op, "target_width")
    h, w = x4._value.shape[1], x4._value.shape[2]
    after_w, after_h = tw - ow - w, th - oh - h
    _at_least_3d(x4)
    for ok, msg in ((oh >= 0, "offset_height must be >= 0"), (ow >= 0, "offset_width must be >= 0"),
                    (after_w >= 0, "width must be <= target - offset"), (after_h >= 0, "height must be <= target - offset")):
        if not ok:
            raise ValueError(msg)
    padded = A.pad(x4, [[0, 0], [oh, after_h], [ow, after_w], [0, 0]])
    return _unbatch(padded, is_batch)


def _random_crop(value: Any, size: Any, uniform_int: Any, op: str) -> Tensor:
    x = tensor_arg(value, op)
    if isinstance(size, (Tensor, Variable)):
        sz = np.asarray(size)
        if sz.dtype != np.int32:
            raise ValueError(f"Tensor conversion requested dtype int32 for Tensor with dtype {sz.dtype}")
    else:
        try:
            if np.asarray(size).dtype.kind not in "iu":
                raise TypeError(size)
            sz = convert_to_tensor(size, _dt.int32)._value
        except (TypeError, ValueError):
            raise TypeError(f"Cannot convert {size!r} to EagerTensor of dtype int32") from None
    shape = np.array(x._value.shape, np.int32)
    if sz.shape != shape.shape:
        raise InvalidArgumentError(
            f"{op}: Incompatible shapes: {list(shape.shape)} vs. {list(sz.shape)} (size must have one entry per "
            f"axis of the {describe(x)})", op=op)
    if not np.all(shape >= sz):
        raise InvalidArgumentError(
            f"{op}: Need value.shape >= size, got {', '.join(map(str, shape))} and {', '.join(map(str, sz))}", op=op)
    limit = shape - sz + 1
    offset = uniform_int(len(shape)) % limit
    key = tuple(slice(int(o), int(o) + int(s)) for o, s in zip(offset, sz))
    return x[key] if key else x


def random_crop(value: Any, size: Any, seed: int | None = None, name: str | None = None) -> Tensor:
    """Slice a ``size``-shaped block out of ``value`` at a uniformly random offset.

    Offsets come from tapeflow's ``tf.random`` (not TensorFlow's numbers).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.random_crop(tf.zeros([4, 5, 3]), [2, 2, 3], seed=1).shape.as_list()
        [2, 2, 3]
    """
    from . import random_ops as R

    def draw(n: int) -> np.ndarray:
        return R.uniform([n], 0, np.iinfo(np.int32).max, dtype=_dt.int32, seed=seed)._value

    return _random_crop(value, size, draw, "random_crop")


def stateless_random_crop(value: Any, size: Any, seed: Any, name: str | None = None) -> Tensor:
    """Slice a ``size``-shaped block at an offset fixed by the ``seed`` pair.

    Deterministic for a given seed within tapeflow (TF's own generator gives other offsets).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(20), [4, 5])
        >>> a = tf.image.stateless_random_crop(x, [2, 2], seed=(1, 2))
        >>> bool(tf.reduce_all(a == tf.image.stateless_random_crop(x, [2, 2], seed=(1, 2))))
        True
    """
    from . import random_ops as R

    def draw(n: int) -> np.ndarray:
        return R.stateless_uniform([n], seed=seed, minval=0, maxval=np.iinfo(np.int32).max, dtype=_dt.int32)._value

    return _random_crop(value, size, draw, "stateless_random_crop")


def _four(v: Any, what: str) -> list:
    vals = [int(a) for a in np.asarray(v).reshape(-1)]
    if len(vals) < 4:
        raise InvalidArgumentError(f"extract_patches: Length for attr '{what}' of {len(vals)} must be at least minimum 4",
                                   op="extract_patches")
    return vals


def extract_patches(images: Any, sizes: Any, strides: Any, rates: Any, padding: str,
                    name: str | None = None) -> Tensor:
    """Gather ``sizes[1] x sizes[2]`` patches (dilated by ``rates``) every ``strides`` pixels.

    The result has shape ``[batch, out_rows, out_cols, ksize_rows * ksize_cols * depth]``;
    ``padding`` is "VALID" or "SAME" (zeros). Differentiable for float images.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(16), [1, 4, 4, 1])
        >>> tf.image.extract_patches(x, [1, 2, 2, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")[0, 0].numpy().tolist()
        [[0, 1, 4, 5], [2, 3, 6, 7]]
    """
    op = "extract_patches"
    x = tensor_arg(images, op)
    ks, st, rt = _four(sizes, "ksizes"), _four(strides, "strides"), _four(rates, "rates")
    if padding not in ("SAME", "VALID"):
        raise InvalidArgumentError(f"{op}: Value for attr 'padding' of \"{padding}\" is not in the list of allowed "
                                   "values: \"SAME\", \"VALID\"", op=op)
    if x._value.ndim != 4:
        raise InvalidArgumentError(f"{op}: input must be 4-dimensional{list(x._value.shape)}", op=op)
    if ks[0] != 1 or ks[3] != 1 or st[0] != 1 or st[3] != 1:
        raise UnimplementedError(f"{op}: Only support ksizes across space.", op=op)
    if rt[0] != 1 or rt[3] != 1:
        raise UnimplementedError(f"{op}: Only support rates across space.", op=op)
    for vals, what in ((ks, "ksizes"), (st, "strides"), (rt, "rates")):
        if vals[1] <= 0 or vals[2] <= 0:
            raise OutOfRangeError(f"{op}: {what} is out of range.", op=op)
    if x._value.dtype.kind not in "iufc":
        raise InvalidArgumentError(f"{op}: images of dtype {x.dtype.name} are not supported", op=op)
    n, h, w, c = x._value.shape
    idx_axes = []
    for size, k, s, r in ((h, ks[1], st[1], rt[1]), (w, ks[2], st[2], rt[2])):
        ke = (k - 1) * r + 1
        if padding == "VALID":
            out = max((size - ke + s) // s, 0)
            before = 0
        else:
            out = -(-size // s)
            before = max((out - 1) * s + ke - size, 0) // 2
        pos = np.arange(out)[:, None] * s + np.arange(k)[None, :] * r - before  # (out, k)
        idx_axes.append(pos)
    py, px = idx_axes
    oh, ow, kh, kw = py.shape[0], px.shape[0], py.shape[1], px.shape[1]
    yy = py[:, None, :, None]
    xx = px[None, :, None, :]
    valid = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
    flat = np.where(valid, np.clip(yy, 0, h - 1) * w + np.clip(xx, 0, w - 1), h * w)  # (oh, ow, kh, kw)
    x3 = C.reshape_to(x, (n, h * w, c))
    if not valid.all():  # one zero row stands in for every padded pixel
        x3 = A.concat([x3, Tensor(np.zeros((n, 1, c), x._value.dtype))], axis=1)
    from ..primitives import array as AP

    g = AP.gather(x3, flat.astype(np.int64), 1)  # (n, oh, ow, kh, kw, c)
    return C.reshape_to(g, (n, oh, ow, kh * kw * c))


def crop_and_resize(image: Any, boxes: Any, box_indices: Any, crop_size: Any, method: str = "bilinear",
                    extrapolation_value: float = 0.0, name: str | None = None) -> Tensor:
    """Crop boxes (normalised ``[y1, x1, y2, x2]``) out of a batch of images and resize them.

    The result is float32 ``[num_boxes, crop_height, crop_width, depth]``; samples outside the
    image take ``extrapolation_value``. Gradients flow to float images and to ``boxes`` (for
    ``nearest``, as in TF, the box gradient is the bilinear one).

    Example:
        >>> import tapeflow as tf
        >>> img = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
        >>> out = tf.image.crop_and_resize(img, [[0.0, 0.0, 1.0, 1.0]], [0], [2, 2])
        >>> out[0, ..., 0].numpy().tolist()
        [[0.0, 3.0], [12.0, 15.0]]
    """
    op = "crop_and_resize"
    x = tensor_arg(image, op)
    b = tensor_arg(boxes, op, dtype=_dt.float32) if not isinstance(boxes, (Tensor, Variable)) else tensor_arg(boxes, op)
    if b._value.dtype != np.float32:
        raise ValueError(f"Tensor conversion requested dtype float32 for Tensor with dtype {b.dtype.name}")
    bi = np.asarray(box_indices)
    cs = np.asarray(crop_size)
    if method not in ("bilinear", "nearest"):
        raise InvalidArgumentError(f"{op}: Value for attr 'method' of \"{method}\" is not in the list of allowed "
                                   "values: \"bilinear\", \"nearest\"", op=op)
    if x._value.ndim != 4:
        raise InvalidArgumentError(f"{op}: input image must be 4-D{list(x._value.shape)}", op=op)
    if x._value.dtype.name not in ("uint8", "uint16", "int8", "int16", "int32", "int64", "float16", "float32", "float64"):
        raise InvalidArgumentError(f"{op}: images of dtype {x.dtype.name} are not supported", op=op)
    n, h, w, c = x._value.shape
    if cs.shape != (2,) or cs.dtype.kind not in "iu":
        raise InvalidArgumentError(f"{op}: crop_size must be a length-2 int32 vector, got {cs.tolist()!r}", op=op)
    ch, cw = int(cs[0]), int(cs[1])
    if ch <= 0 or cw <= 0:
        raise InvalidArgumentError(f"{op}: crop dimensions must be positive", op=op)
    if b._value.ndim != 2 or b._value.shape[1] != 4:
        raise InvalidArgumentError(f"{op}: boxes must have 4 columns" if b._value.ndim == 2
                                   else f"{op}: boxes must be 2-D{list(b._value.shape)}", op=op)
    nb = b._value.shape[0]
    if bi.shape != (nb,):
        raise InvalidArgumentError(f"{op}: box_index has incompatible shape", op=op)
    if bi.size and (bi.min() < 0 or bi.max() >= n):
        raise OutOfRangeError(f"{op}: box_index has values outside [0, batch_size)", op=op)
    if h == 0 or w == 0:
        raise InvalidArgumentError(f"{op}: image dimensions must be positive", op=op)
    xf = M.cast(x, _dt.float32) if x._value.dtype != np.float32 else x
    if x._value.dtype.kind != "f":
        xf = C.stop_gradient_raw(xf)
    bi = bi.astype(np.int64)
    f32 = np.float32

    # TF: height_scale = (y2 - y1) * (H - 1) / (crop_h - 1); in_y = y1 * (H - 1) + y * height_scale
    y1, x1, y2, x2 = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    if ch > 1:
        hsc = (y2 - y1) * f32(h - 1) / f32(ch - 1)
        in_y = y1[:, None] * f32(h - 1) + Tensor(np.arange(ch, dtype=f32))[None, :] * hsc[:, None]
    else:
        in_y = (f32(0.5) * (y1 + y2) * f32(h - 1))[:, None]
    if cw > 1:
        wsc = (x2 - x1) * f32(w - 1) / f32(cw - 1)
        in_x = x1[:, None] * f32(w - 1) + Tensor(np.arange(cw, dtype=f32))[None, :] * wsc[:, None]
    else:
        in_x = (f32(0.5) * (x1 + x2) * f32(w - 1))[:, None]
    yv, xv = in_y._value, in_x._value
    ok_y = (yv >= 0) & (yv <= h - 1)  # (nb, ch)
    ok_x = (xv >= 0) & (xv <= w - 1)
    ext = f32(extrapolation_value)
    fill = Tensor(np.asarray(ext, f32))
    mask = (ok_y[:, :, None] & ok_x[:, None, :])[..., None]  # (nb, ch, cw, 1)
    img_flat = C.reshape_to(xf, (n * h * w, c))

    def gather(yi: np.ndarray, xi: np.ndarray, src: Tensor) -> Tensor:
        flat = (bi[:, None, None] * h + yi[:, :, None]) * w + xi[:, None, :]  # (nb, ch, cw)
        from ..primitives import array as AP

        return AP.gather(src, flat, 0)  # (nb, ch, cw, c)

    def bilinear(src: Tensor) -> Tensor:
        ty = np.clip(np.floor(yv), 0, h - 1).astype(np.int64)
        by = np.clip(np.ceil(yv), 0, h - 1).astype(np.int64)
        lx = np.clip(np.floor(xv), 0, w - 1).astype(np.int64)
        rx = np.clip(np.ceil(xv), 0, w - 1).astype(np.int64)
        ylerp = (in_y - Tensor(np.floor(yv).astype(f32)))[:, :, None, None]
        xlerp = (in_x - Tensor(np.floor(xv).astype(f32)))[:, None, :, None]
        tl, tr = gather(ty, lx, src), gather(ty, rx, src)
        bl, br = gather(by, lx, src), gather(by, rx, src)
        top = tl + (tr - tl) * xlerp
        bot = bl + (br - bl) * xlerp
        return top + (bot - top) * ylerp

    if method == "bilinear":
        out = bilinear(img_flat)
    else:
        # TF rounds half away from zero (roundf); the box gradient is the bilinear one
        ny = np.clip(np.floor(np.abs(yv) + f32(0.5)) * np.sign(yv), 0, h - 1).astype(np.int64)
        nx = np.clip(np.floor(np.abs(xv) + f32(0.5)) * np.sign(xv), 0, w - 1).astype(np.int64)
        out = gather(ny, nx, img_flat)
        if _rec.active():
            lin = bilinear(C.stop_gradient_raw(img_flat))
            out = out + (lin - C.stop_gradient_raw(lin))
    if mask.all():
        return out
    return M.where(Tensor(np.broadcast_to(mask, out._value.shape)), out, fill)


# --- dtype conversion and colour ----------------------------------------------------------------------


def _saturate_cast(x: Tensor, dtype: Any) -> Tensor:
    """TF's saturate_cast: clip to the target range (nudged inward when not representable)."""
    src = x._value.dtype
    dst = _dt.np_dtype(dtype)
    lo_in = np.finfo(src).min if src.kind == "f" else np.iinfo(src).min
    hi_in = np.finfo(src).max if src.kind == "f" else np.iinfo(src).max
    lo_out = np.iinfo(dst).min if dst.kind in "iu" else np.finfo(dst).min
    hi_out = np.iinfo(dst).max if dst.kind in "iu" else np.finfo(dst).max
    promoted = np.promote_types(src, dst)
    lo = src.type(np.maximum(lo_in, lo_out))
    if np.array([lo, lo_out], promoted)[0] < np.array([lo, lo_out], promoted)[1]:
        lo = np.nextafter(lo, src.type(0), dtype=src)
    hi = src.type(np.minimum(float(hi_in), float(hi_out)))
    if np.array([hi, hi_out], promoted)[0] > np.array([hi, hi_out], promoted)[1]:
        hi = np.nextafter(hi, src.type(0), dtype=src)
    clipped = M.clip_by_value(x, Tensor(np.asarray(lo, src)), Tensor(np.asarray(hi, src)))
    return M.cast(clipped, dtype)


def convert_image_dtype(image: Any, dtype: Any, saturate: bool = False, name: str | None = None) -> Tensor:
    """Convert between image dtypes, rescaling: floats span [0, 1], integers [0, MAX].

    int -> float multiplies by 1 / MAX; float -> int multiplies by MAX + 0.5 and casts (with
    ``saturate=True`` values are clipped to the target range first); int -> int shifts by the
    ratio of the ranges.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.convert_image_dtype(tf.constant([0, 128, 255], tf.uint8), tf.float32).numpy().tolist()
        [0.0, 0.501960813999176, 1.0]
        >>> tf.image.convert_image_dtype(tf.constant([0.5, 1.5]), tf.uint8, saturate=True).numpy().tolist()
        [127, 255]
    """
    x = tensor_arg(image, "convert_image_dtype")
    dt = _dt.as_dtype(dtype)
    if not dt.is_floating and not dt.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    src = x._value.dtype
    if src.kind not in "iuf":
        raise AttributeError("image dtype must be either floating point or integer")
    dst = dt._np
    if dst == src:
        return A.identity(x)
    if src.kind in "iu" and dst.kind in "iu":
        max_in, max_out = int(np.iinfo(src).max), int(np.iinfo(dst).max)
        if max_in > max_out:
            scaled = M.floordiv(x, Tensor(np.asarray((max_in + 1) // (max_out + 1), src)))
            return _saturate_cast(scaled, dt) if saturate else M.cast(scaled, dt)
        cast = _saturate_cast(x, dt) if saturate else M.cast(x, dt)
        return M.multiply(cast, Tensor(np.asarray((max_out + 1) // (max_in + 1), dst)))
    if src.kind == "f" and dst.kind == "f":
        return M.cast(x, dt)
    if src.kind in "iu":
        cast = M.cast(x, dt)
        return M.multiply(cast, Tensor(np.asarray(1.0 / float(np.iinfo(src).max), dst)))
    scaled = M.multiply(x, Tensor(np.asarray(float(np.iinfo(dst).max) + 0.5, src)))
    return _saturate_cast(scaled, dt) if saturate else M.cast(scaled, dt)


def adjust_brightness(image: Any, delta: Any) -> Tensor:
    """Add ``delta`` to every pixel (of the float image; integer images convert back, saturating).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.adjust_brightness(tf.constant([[[0.25]]]), 0.5).numpy().tolist()
        [[[0.75]]]
    """
    x = tensor_arg(image, "adjust_brightness")
    orig = x.dtype
    xf = _float_image(x, "adjust_brightness")
    d = tensor_arg(delta, "adjust_brightness")
    adjusted = M.add(xf, M.cast(d, xf.dtype))
    return convert_image_dtype(adjusted, orig, saturate=True)


def _scalar_float32(v: Any, op: str, what: str, tf_op: str) -> Tensor:
    if isinstance(v, (Tensor, Variable)):
        t = tensor_arg(v, op)
        if t._value.dtype != np.float32:
            raise InvalidArgumentError(f"{op}: cannot compute {tf_op} as input #1(zero-based) was expected to be a "
                                       f"float tensor but is a {t.dtype.name} tensor", op=op)
    else:
        t = convert_to_tensor(v, _dt.float32)
    if t._value.ndim != 0:
        raise InvalidArgumentError(f"{op}: {what} must be scalar: {list(t._value.shape)}", op=op)
    return t


def _check_channels3(x: Tensor, op: str, at_least_3d: bool = True) -> None:
    shape = x._value.shape
    if at_least_3d and len(shape) < 3:
        raise InvalidArgumentError(f"{op}: input must be at least 3-D, got shape{list(shape)}", op=op)
    if shape[-1] != 3:
        raise InvalidArgumentError(f"{op}: input must have 3 channels but instead has {shape[-1]} channels.", op=op)


def adjust_contrast(images: Any, contrast_factor: Any) -> Tensor:
    """Per image and channel: ``(x - mean) * contrast_factor + mean`` (mean over height, width).

    TF registers no gradient for this op (``AdjustContrastv2``): asking for one raises
    ``LookupError``, as in TF.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[[1.0], [3.0]]])
        >>> tf.image.adjust_contrast(x, 2.0).numpy().tolist()
        [[[0.0], [4.0]]]
    """
    op = "adjust_contrast"
    x = tensor_arg(images, op)
    orig = x.dtype
    xf = _float_image(x, op)
    f = _scalar_float32(contrast_factor, op, "contrast_factor", "AdjustContrastv2")
    if xf._value.ndim < 3:
        raise InvalidArgumentError(f"{op}: input must be at least 3-D, got shape{list(xf._value.shape)}", op=op)
    adjusted = bind2(P.ADJUST_CONTRAST, xf, f)
    return convert_image_dtype(adjusted, orig, saturate=True)


def _adjust_rgb(image: Any, value: Any, op: str, what: str, tf_op: str, prim: Any) -> Tensor:
    """``prim`` (an HSV adjustment) of the float RGB image by the float32 scalar ``value``, in the
    image's dtype."""
    x = tensor_arg(image, op)
    orig = x.dtype
    xf = _float_image(x, op)
    v = _scalar_float32(value, op, what, tf_op)
    _check_channels3(xf, op)
    return convert_image_dtype(bind2(prim, xf, v), orig)


def adjust_saturation(image: Any, saturation_factor: Any, name: str | None = None) -> Tensor:
    """Multiply the HSV saturation by ``saturation_factor`` (clipped to [0, 1]) on RGB images.

    TF registers no gradient for this op (``AdjustSaturation``): asking raises ``LookupError``.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[[1.0, 0.5, 0.0]]])
        >>> tf.image.adjust_saturation(x, 0.5).numpy().tolist()
        [[[1.0, 0.75, 0.5]]]
    """
    return _adjust_rgb(image, saturation_factor, "adjust_saturation", "scale", "AdjustSaturation",
                       P.ADJUST_SATURATION)


def adjust_hue(image: Any, delta: Any, name: str | None = None) -> Tensor:
    """Rotate the hue of RGB images by ``delta`` (in [-1, 1], a fraction of the colour wheel).

    TF registers no gradient for this op (``AdjustHue``): asking raises ``LookupError``.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[[1.0, 0.0, 0.0]]])
        >>> tf.image.adjust_hue(x, 1 / 3).numpy().tolist()
        [[[0.0, 1.0, 0.0]]]
    """
    op = "adjust_hue"
    if isinstance(delta, (Tensor, Variable)):
        out_of_range = bool(tensor_arg(delta, op) < -1) or bool(tensor_arg(delta, op) > 1)
    else:
        out_of_range = delta < -1 or delta > 1
    if out_of_range:
        raise ValueError("delta must be in the interval [-1, 1]")
    return _adjust_rgb(image, delta, op, "delta", "AdjustHue", P.ADJUST_HUE)


def adjust_gamma(image: Any, gamma: Any = 1, gain: Any = 1) -> Tensor:
    """Gamma correction: ``gain * image ** gamma`` on the float image.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.adjust_gamma(tf.constant([0.25, 1.0]), 2).numpy().tolist()
        [0.0625, 1.0]
    """
    x = tensor_arg(image, "adjust_gamma")
    orig = x.dtype
    xf = _float_image(x, "adjust_gamma")
    if isinstance(gamma, (Tensor, Variable)):
        if not bool(np.all(np.asarray(gamma) >= 0)):
            raise InvalidArgumentError("adjust_gamma: Gamma should be a non-negative real number.", op="adjust_gamma")
    elif gamma < 0:
        raise ValueError("Gamma should be a non-negative real number.")
    adjusted = gain * xf ** gamma
    return convert_image_dtype(adjusted, orig, saturate=True)


_GRAY = [0.2989, 0.5870, 0.1140]


def rgb_to_grayscale(images: Any, name: str | None = None) -> Tensor:
    """Luma ``0.2989 R + 0.5870 G + 0.1140 B`` with a last axis of size 1, in the input dtype.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.rgb_to_grayscale(tf.constant([[10, 20, 30]], tf.uint8)).numpy().tolist()
        [[18]]
    """
    x = tensor_arg(images, "rgb_to_grayscale")
    orig = x.dtype
    xf = convert_image_dtype(x, _dt.float32)
    if x._value.ndim == 0 or x._value.shape[-1] != 3:
        raise InvalidArgumentError(
            f"rgb_to_grayscale: Matrix size-incompatible: the last axis of the {describe(x)} must be 3 (RGB)",
            op="rgb_to_grayscale")
    w = [Tensor(np.asarray(v, np.float32)) for v in _GRAY]
    # summed left to right in float32, as TF's matrix-vector product does
    gray = (xf[..., 0:1] * w[0] + xf[..., 1:2] * w[1]) + xf[..., 2:3] * w[2]
    return convert_image_dtype(gray, orig)


def grayscale_to_rgb(images: Any, name: str | None = None) -> Tensor:
    """Repeat a size-1 last axis three times.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.grayscale_to_rgb(tf.constant([[0.5]])).numpy().tolist()
        [[0.5, 0.5, 0.5]]
    """
    x = tensor_arg(images, "grayscale_to_rgb")
    if x._value.ndim < 2:
        raise ValueError(f"A grayscale image (shape {_shape_str(x._value.shape)}) must be at least two-dimensional.")
    if x._value.shape[-1] != 1:
        raise ValueError("Last dimension of a grayscale image should be size 1.")
    return A.tile(x, [1] * (x._value.ndim - 1) + [3])


def _hsv_check(x: Tensor, op: str, tf_op: str) -> None:
    if x._value.dtype.kind != "f":
        raise InvalidArgumentError(f"{op}: Value for attr 'T' of {x.dtype.name} is not in the list of allowed values: "
                                   f"half, bfloat16, float, double ({tf_op})", op=op)
    if x._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: input must be at least 1D[]", op=op)
    if x._value.shape[-1] != 3:
        from ..errors import FailedPreconditionError

        raise FailedPreconditionError(f"{op}: input must have 3 channels but input only has "
                                      f"{x._value.shape[-1]} channels.", op=op)


def rgb_to_hsv(images: Any, name: str | None = None) -> Tensor:
    """RGB (last axis) to HSV, all in [0, 1] for RGB in [0, 1]; differentiable as in TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.rgb_to_hsv(tf.constant([0.5, 0.25, 0.25])).numpy().tolist()
        [0.0, 0.5, 0.5]
    """
    x = tensor_arg(images, "rgb_to_hsv")
    _hsv_check(x, "rgb_to_hsv", "RGBToHSV")
    return bind1(P.RGB_TO_HSV, x)


def hsv_to_rgb(images: Any, name: str | None = None) -> Tensor:
    """HSV (last axis) to RGB. Not differentiable (TF: ``NotDifferentiable("HSVToRGB")``).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.hsv_to_rgb(tf.constant([0.0, 0.5, 0.5])).numpy().tolist()
        [0.5, 0.25, 0.25]
    """
    x = tensor_arg(images, "hsv_to_rgb")
    _hsv_check(x, "hsv_to_rgb", "HSVToRGB")
    return bind1(P.HSV_TO_RGB, x)


def _colour_matrix(images: Any, kernel: list, op: str) -> Tensor:
    from . import linalg_ops as L

    x = tensor_arg(images, op)
    if x._value.dtype.kind != "f":
        raise TypeError(f"Cannot convert {kernel!r} to EagerTensor of dtype {x.dtype.name}")
    if x._value.ndim == 0 or x._value.shape[-1] != 3:
        raise InvalidArgumentError(f"{op}: Matrix size-incompatible: the last axis of the {describe(x)} must be 3",
                                   op=op)
    return L.tensordot(x, Tensor(np.array(kernel, x._value.dtype)), [[x._value.ndim - 1], [0]])


_RGB_TO_YIQ = [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617], [0.114, -0.32134392, 0.31119955]]
_YIQ_TO_RGB = [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021], [0.6208248, -0.64720424, 1.70423049]]
_RGB_TO_YUV = [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512], [0.114, 0.43601035, -0.10001026]]
_YUV_TO_RGB = [[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]]


def rgb_to_yiq(images: Any) -> Tensor:
    """RGB to YIQ (a 3x3 matrix on the last axis).

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in tf.image.rgb_to_yiq(tf.constant([1.0, 0.0, 0.0])).numpy().tolist()]
        [0.299, 0.5959, 0.2115]
    """
    return _colour_matrix(images, _RGB_TO_YIQ, "rgb_to_yiq")


def yiq_to_rgb(images: Any) -> Tensor:
    """YIQ to RGB (a 3x3 matrix on the last axis).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.yiq_to_rgb(tf.constant([0.5, 0.0, 0.0])).numpy().tolist()
        [0.5, 0.5, 0.5]
    """
    return _colour_matrix(images, _YIQ_TO_RGB, "yiq_to_rgb")


def rgb_to_yuv(images: Any) -> Tensor:
    """RGB to YUV (a 3x3 matrix on the last axis).

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in tf.image.rgb_to_yuv(tf.constant([0.0, 0.0, 1.0])).numpy().tolist()]
        [0.114, 0.436, -0.1]
    """
    return _colour_matrix(images, _RGB_TO_YUV, "rgb_to_yuv")


def yuv_to_rgb(images: Any) -> Tensor:
    """YUV to RGB (a 3x3 matrix on the last axis).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.yuv_to_rgb(tf.constant([0.5, 0.0, 0.0])).numpy().tolist()
        [0.5, 0.5, 0.5]
    """
    return _colour_matrix(images, _YUV_TO_RGB, "yuv_to_rgb")


def per_image_standardization(image: Any) -> Tensor:
    """Scale each image to zero mean and unit variance: ``(x - mean) / max(std, 1/sqrt(N))``.

    Example:
        >>> import tapeflow as tf
        >>> tf.image.per_image_standardization(tf.constant([[[0.0], [2.0]]])).numpy().tolist()
        [[[-1.0], [1.0]]]
    """
    x = tensor_arg(image, "per_image_standardization")
    _at_least_3d(x)
    xf = M.cast(x, _dt.float32)
    n = int(np.prod(x._value.shape[-3:]))
    mean = M.reduce_mean(xf, axis=[-1, -2, -3], keepdims=True)
    std = M.reduce_std(xf, axis=[-1, -2, -3], keepdims=True)
    min_std = M.rsqrt(Tensor(np.asarray(n, np.float32)))
    return M.divide(xf - mean, M.maximum(std, min_std))


# --- random colour ops ---------------------------------------------------------------------------------


def _draw(seed: Any, lo: Any, hi: Any, stateless: bool) -> Tensor:
    from . import random_ops as R

    if stateless:
        return R.stateless_uniform([], seed=seed, minval=lo, maxval=hi)
    return R.uniform([], lo, hi, seed=seed)


def _check_max_delta(max_delta: Any) -> None:
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def _check_range(lower: Any, upper: Any) -> None:
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")


def _check_hue_delta(max_delta: Any) -> None:
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def random_brightness(image: Any, max_delta: float, seed: int | None = None) -> Tensor:
    """``adjust_brightness`` by a delta drawn uniformly from [-max_delta, max_delta).

    The draw comes from tapeflow's ``tf.random`` (not TensorFlow's numbers).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.image.random_brightness(tf.zeros([2, 2, 1]), 0.1, seed=3)
        >>> bool(tf.reduce_all(tf.abs(y) <= 0.1))
        True
    """
    _check_max_delta(max_delta)
    return adjust_brightness(image, _draw(seed, -max_delta, max_delta, False))


def stateless_random_brightness(image: Any, max_delta: float, seed: Any) -> Tensor:
    """``adjust_brightness`` by a delta fixed by the ``seed`` pair (deterministic within tapeflow).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.image.stateless_random_brightness(tf.zeros([1, 1, 1]), 0.2, seed=(1, 2))
        >>> b = tf.image.stateless_random_brightness(tf.zeros([1, 1, 1]), 0.2, seed=(1, 2))
        >>> a.numpy().tolist() == b.numpy().tolist()
        True
    """
    _check_max_delta(max_delta)
    return adjust_brightness(image, _draw(seed, -max_delta, max_delta, True))


def random_contrast(image: Any, lower: float, upper: float, seed: int | None = None) -> Tensor:
    """``adjust_contrast`` by a factor drawn uniformly from [lower, upper) (tapeflow's draws).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.random_contrast(tf.ones([2, 2, 3]), 0.5, 1.5, seed=1).numpy().max()
        np.float32(1.0)
    """
    _check_range(lower, upper)
    return adjust_contrast(image, _draw(seed, lower, upper, False))


def stateless_random_contrast(image: Any, lower: float, upper: float, seed: Any) -> Tensor:
    """``adjust_contrast`` by a factor fixed by the ``seed`` pair (deterministic within tapeflow).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.stateless_random_contrast(tf.ones([2, 2, 3]), 0.5, 1.5, seed=(1, 2)).shape.as_list()
        [2, 2, 3]
    """
    _check_range(lower, upper)
    return adjust_contrast(image, _draw(seed, lower, upper, True))


def random_saturation(image: Any, lower: float, upper: float, seed: int | None = None) -> Tensor:
    """``adjust_saturation`` by a factor drawn uniformly from [lower, upper) (tapeflow's draws).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.random_saturation(tf.ones([2, 2, 3]), 0.5, 1.5, seed=1).shape.as_list()
        [2, 2, 3]
    """
    _check_range(lower, upper)
    return adjust_saturation(image, _draw(seed, lower, upper, False))


def stateless_random_saturation(image: Any, lower: float, upper: float, seed: Any = None) -> Tensor:
    """``adjust_saturation`` by a factor fixed by the ``seed`` pair (deterministic within tapeflow).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.stateless_random_saturation(tf.ones([2, 2, 3]), 0.5, 1.5, seed=(1, 2)).shape.as_list()
        [2, 2, 3]
    """
    _check_range(lower, upper)
    return adjust_saturation(image, _draw(seed, lower, upper, True))


def random_hue(image: Any, max_delta: float, seed: int | None = None) -> Tensor:
    """``adjust_hue`` by a delta drawn uniformly from [-max_delta, max_delta), max_delta <= 0.5.

    The draw comes from tapeflow's ``tf.random`` (not TensorFlow's numbers).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.random_hue(tf.ones([2, 2, 3]), 0.2, seed=1).shape.as_list()
        [2, 2, 3]
    """
    _check_hue_delta(max_delta)
    return adjust_hue(image, _draw(seed, -max_delta, max_delta, False))


def stateless_random_hue(image: Any, max_delta: float, seed: Any) -> Tensor:
    """``adjust_hue`` by a delta fixed by the ``seed`` pair (deterministic within tapeflow).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.stateless_random_hue(tf.ones([2, 2, 3]), 0.2, seed=(1, 2)).shape.as_list()
        [2, 2, 3]
    """
    _check_hue_delta(max_delta)
    return adjust_hue(image, _draw(seed, -max_delta, max_delta, True))


# --- image measures ------------------------------------------------------------------------------------


def image_gradients(image: Any) -> tuple:
    """Forward differences ``(dy, dx)`` of NHWC images, zero in the last row / column.

    Example:
        >>> import tapeflow as tf
        >>> dy, dx = tf.image.image_gradients(tf.reshape(tf.range(4.0), [1, 2, 2, 1]))
        >>> dy[0, ..., 0].numpy().tolist(), dx[0, ..., 0].numpy().tolist()
        ([[2.0, 2.0], [0.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    """
    x = tensor_arg(image, "image_gradients")
    if x._value.ndim != 4:
        raise ValueError(f"image_gradients expects a 4D tensor [batch_size, h, w, d], not {_shape_str(x._value.shape)}.")
    n, h, w, d = x._value.shape
    dy = x[:, 1:, :, :] - x[:, :-1, :, :]
    dx = x[:, :, 1:, :] - x[:, :, :-1, :]
    dy = A.concat([dy, Tensor(np.zeros((n, 1, w, d), x._value.dtype))], 1)
    dx = A.concat([dx, Tensor(np.zeros((n, h, 1, d), x._value.dtype))], 2)
    return dy, dx


def sobel_edges(image: Any) -> Tensor:
    """Sobel responses ``[batch, h, w, d, 2]`` (vertical then horizontal) with reflected borders.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.constant([0.0, 0.0, 1.0] * 3), [1, 3, 3, 1])
        >>> tf.image.sobel_edges(x)[0, 1, :, 0, 1].numpy().tolist()
        [0.0, 4.0, 0.0]
    """
    op = "sobel_edges"
    x = tensor_arg(image, op)
    if x._value.ndim != 4:
        raise InvalidArgumentError(f"{op}: The first dimension of paddings must be the rank of inputs[4,2], "
                                   f"{list(x._value.shape)}", op=op)
    if x._value.dtype.kind != "f":
        raise InvalidArgumentError(f"{op}: Value for attr 'T' of {x.dtype.name} is not in the list of allowed values: "
                                   "half, bfloat16, float, double (DepthwiseConv2dNative)", op=op)
    h, w = x._value.shape[1], x._value.shape[2]
    if h < 2 or w < 2:
        raise InvalidArgumentError(f"{op}: paddings must be less than the dimension size: 1, 1 not less than "
                                   f"{min(h, w)}", op=op)
    p = A.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")

    def win(i: int, j: int) -> Tensor:
        return p[:, i:i + h, j:j + w, :]

    ky = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]
    kx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    outs = []
    for k in (ky, kx):
        acc = None
        for i in range(3):
            for j in range(3):
                if k[i][j]:
                    term = win(i, j) * float(k[i][j])
                    acc = term if acc is None else acc + term
        outs.append(acc)
    return A.stack(outs, axis=-1)


def total_variation(images: Any, name: str | None = None) -> Tensor:
    """Sum of absolute differences of neighbouring pixels (per image for a batch).

    Example:
        >>> import tapeflow as tf
        >>> tf.image.total_variation(tf.constant([[[1.0], [5.0]], [[3.0], [2.0]]])).numpy()
        np.float32(10.0)
    """
    x = tensor_arg(images, "total_variation")
    nd = x._value.ndim
    if nd == 3:
        d1 = x[1:, :, :] - x[:-1, :, :]
        d2 = x[:, 1:, :] - x[:, :-1, :]
        axis = None
    elif nd == 4:
        d1 = x[:, 1:, :, :] - x[:, :-1, :, :]
        d2 = x[:, :, 1:, :] - x[:, :, :-1, :]
        axis = [1, 2, 3]
    else:
        raise ValueError("'images' must be either 3 or 4-dimensional.")
    if x._value.dtype.kind == "u":
        raise InvalidArgumentError(f"total_variation: Value for attr 'T' of {x.dtype.name} is not in the list of "
                                   "allowed values (Abs)", op="total_variation")
    return M.reduce_sum(M.abs(d1), axis=axis) + M.reduce_sum(M.abs(d2), axis=axis)


def _compatible(a: Tensor, b: Tensor, op: str) -> None:
    sa, sb = a._value.shape, b._value.shape
    if len(sa) < 3 or len(sb) < 3:
        short = sa if len(sa) < 3 else sb
        raise ValueError(f"Shape {_shape_str(short)} must have rank at least 3")
    if sa[-3:] != sb[-3:]:
        raise ValueError(f"Shapes {_shape_str(sa[-3:])} and {_shape_str(sb[-3:])} are incompatible")
    for d1, d2 in zip(reversed(sa[:-3]), reversed(sb[:-3])):
        if not (d1 == 1 or d2 == 1 or d1 == d2):
            raise ValueError(f"Two images are not compatible: {_shape_str(sa)} and {_shape_str(sb)}")


def _max_val(max_val: Any, like: Tensor) -> Tensor:
    return convert_image_dtype(M.cast(tensor_arg(max_val, "max_val"), like.dtype), _dt.float32)


def psnr(a: Any, b: Any, max_val: Any, name: str | None = None) -> Tensor:
    """Peak signal-to-noise ratio (dB) between images, per image: ``20 log10(max) - 10 log10(mse)``.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[[0.0], [0.5]]])
        >>> round(float(tf.image.psnr(x, x + 0.1, 1.0)), 3)
        20.0
    """
    x, y = tensor_arg(a, "psnr"), tensor_arg(b, "psnr")
    mv = _max_val(max_val, x)
    x, y = convert_image_dtype(x, _dt.float32), convert_image_dtype(y, _dt.float32)
    mse = M.reduce_mean(M.squared_difference(x, y), [-3, -2, -1])
    out = M.subtract(20 * M.log(mv) / M.log(Tensor(np.float32(10.0))),
                     np.float32(10 / np.log(10)) * M.log(mse))
    _compatible(x, y, "psnr")
    return out


def _gauss_kernel(size: int, sigma: float) -> np.ndarray:
    coords = np.arange(size, dtype=np.float32) - np.float32(size - 1) / np.float32(2.0)
    g = np.square(coords) * (np.float32(-0.5) / np.square(np.float32(sigma)))
    g = (g[None, :] + g[:, None]).reshape(-1)
    g = np.exp(g - g.max())
    return (g / g.sum(dtype=np.float32)).astype(np.float32).reshape(size, size)


def _ssim_per_channel(x: Tensor, y: Tensor, max_val: Tensor, filter_size: int, filter_sigma: float,
                      k1: float, k2: float, return_index_map: bool = False) -> tuple:
    from . import conv_ops as CO

    for s in (x._value.shape, y._value.shape):
        if s[-3] < filter_size or s[-2] < filter_size:
            raise InvalidArgumentError(
                f"ssim: images ({', '.join(map(str, s))}) must be at least filter_size ({filter_size}) high and wide",
                op="ssim")
    kernel = Tensor(_gauss_kernel(filter_size, filter_sigma).reshape(filter_size, filter_size, 1, 1))

    def reducer(t: Tensor) -> Tensor:
        s = t._value.shape
        h, w, c = s[-3:]
        t4 = C.reshape_to(t, (int(np.prod(s[:-3], dtype=np.int64)), h, w, c))
        tc = A.transpose(t4, [0, 3, 1, 2])
        tc = C.reshape_to(tc, (t4._value.shape[0] * c, h, w, 1))
        r = CO.conv2d(tc, kernel, 1, "VALID")
        oh, ow = r._value.shape[1], r._value.shape[2]
        r = A.transpose(C.reshape_to(r, (t4._value.shape[0], c, oh, ow)), [0, 2, 3, 1])
        return C.reshape_to(r, s[:-3] + (oh, ow, c))

    c1 = (k1 * max_val) ** 2
    c2 = (k2 * max_val) ** 2
    mean0, mean1 = reducer(x), reducer(y)
    num0 = mean0 * mean1 * 2.0
    den0 = M.square(mean0) + M.square(mean1)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = reducer(x * y) * 2.0
    den1 = reducer(M.square(x) + M.square(y))
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    if return_index_map:
        return luminance * cs, cs
    return M.reduce_mean(luminance * cs, [-3, -2]), M.reduce_mean(cs, [-3, -2])


def ssim(img1: Any, img2: Any, max_val: Any, filter_size: int = 11, filter_sigma: float = 1.5, k1: float = 0.01,
         k2: float = 0.03, return_index_map: bool = False) -> Tensor:
    """Structural similarity (Gaussian window ``filter_size``/``filter_sigma``), averaged over
    channels; ``return_index_map`` keeps the per-pixel map.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(144.0) / 144.0, [12, 12, 1])
        >>> float(tf.image.ssim(x, x, 1.0))
        1.0
    """
    x, y = tensor_arg(img1, "ssim"), tensor_arg(img2, "ssim")
    _compatible(x, y, "ssim")
    mv = _max_val(max_val, x)
    x, y = convert_image_dtype(x, _dt.float32), convert_image_dtype(y, _dt.float32)
    per_channel, _ = _ssim_per_channel(x, y, mv, int(filter_size), filter_sigma, k1, k2, return_index_map)
    return M.reduce_mean(per_channel, [-1])


_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def ssim_multiscale(img1: Any, img2: Any, max_val: Any, power_factors: Any = _MSSSIM_WEIGHTS, filter_size: int = 11,
                    filter_sigma: float = 1.5, k1: float = 0.01, k2: float = 0.03) -> Tensor:
    """Multi-scale SSIM: contrast-structure terms at ``len(power_factors)`` scales (2x2 average
    pooling between scales, odd sizes padded symmetrically) and SSIM at the coarsest.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(48.0 * 48.0) / 2304.0, [48, 48, 1])
        >>> float(tf.image.ssim_multiscale(x, x, 1.0, power_factors=(0.5, 0.5), filter_size=3))
        1.0
    """
    from . import conv_ops as CO
    from . import nn_ops as NN

    x, y = tensor_arg(img1, "ssim_multiscale"), tensor_arg(img2, "ssim_multiscale")
    _compatible(x, y, "ssim_multiscale")
    mv = _max_val(max_val, x)
    imgs = [convert_image_dtype(x, _dt.float32), convert_image_dtype(y, _dt.float32)]
    heads = [t._value.shape[:-3] for t in imgs]
    pf = [float(v) for v in np.asarray(power_factors, np.float32).reshape(-1)]
    mcs = []
    per_channel = None
    for k in range(len(pf)):
        if k > 0:
            flat = [C.reshape_to(t, (int(np.prod(t._value.shape[:-3], dtype=np.int64)),) + t._value.shape[-3:])
                    for t in imgs]
            rh, rw = flat[0]._value.shape[1] % 2, flat[0]._value.shape[2] % 2
            if rh or rw:
                flat = [A.pad(t, [[0, 0], [0, rh], [0, rw], [0, 0]], mode="SYMMETRIC") for t in flat]
            down = [CO.avg_pool2d(t, 2, 2, "VALID") for t in flat]
            imgs = [C.reshape_to(t, hd + t._value.shape[1:]) for t, hd in zip(down, heads)]
        per_channel, cs = _ssim_per_channel(imgs[0], imgs[1], mv, int(filter_size), filter_sigma, k1, k2)
        mcs.append(NN.relu(cs))
    mcs.pop()
    stacked = A.stack(mcs + [NN.relu(per_channel)], axis=-1)
    ms = M.reduce_prod(M.pow(stacked, Tensor(np.array(pf, np.float32))), [-1])
    return M.reduce_mean(ms, [-1])


# --- non-max suppression ------------------------------------------------------------------------------


def _nms_args(boxes: Any, scores: Any, max_output_size: Any, iou_threshold: Any, score_threshold: Any,
              op: str, tf_op: str) -> tuple:
    b = tensor_arg(boxes, op)
    s = tensor_arg(scores, op)
    if b._value.dtype not in (np.float16, np.float32):
        raise InvalidArgumentError(f"{op}: Value for attr 'T' of {b.dtype.name} is not in the list of allowed "
                                   f"values: half, float ({tf_op})", op=op)
    if s._value.dtype != b._value.dtype:
        raise InvalidArgumentError(f"{op}: cannot compute {tf_op} as input #1(zero-based) was expected to be a "
                                   f"{b.dtype.name} tensor but is a {s.dtype.name} tensor", op=op)
    mo = _int(max_output_size, op, "max_output_size")
    it = float(np.asarray(iou_threshold))
    st = float(np.asarray(score_threshold))
    if b._value.ndim != 2:
        raise InvalidArgumentError(f"{op}: boxes must be 2-D{list(b._value.shape)}", op=op)
    if b._value.shape[1] != 4:
        raise InvalidArgumentError(f"{op}: boxes must have 4 columns (Dimension must be 4 but is "
                                   f"{b._value.shape[1]})", op=op)
    if s._value.ndim != 1:
        raise InvalidArgumentError(f"{op}: scores must be 1-D{list(s._value.shape)}", op=op)
    if s._value.shape[0] != b._value.shape[0]:
        raise InvalidArgumentError(f"{op}: scores has incompatible shape (Dimensions must be equal, but are "
                                   f"{b._value.shape[0]} and {s._value.shape[0]})", op=op)
    if not 0 <= it <= 1:
        raise InvalidArgumentError(f"{op}: iou_threshold must be in [0, 1]", op=op)
    if mo < 0:
        raise InvalidArgumentError(f"{op}: output size must be non-negative", op=op)
    return b, s, mo, it, st


def non_max_suppression(boxes: Any, scores: Any, max_output_size: Any, iou_threshold: float = 0.5,
                        score_threshold: float = float("-inf"), name: str | None = None) -> Tensor:
    """Greedy non-max suppression: int32 indices of up to ``max_output_size`` boxes, by
    decreasing score, dropping boxes whose IOU with a kept box exceeds ``iou_threshold``.

    Example:
        >>> import tapeflow as tf
        >>> boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 10, 1, 11]]
        >>> tf.image.non_max_suppression(boxes, [0.9, 0.8, 0.7], 3).numpy().tolist()
        [0, 2]
    """
    b, s, mo, it, st = _nms_args(boxes, scores, max_output_size, iou_threshold, score_threshold,
                                 "non_max_suppression", "NonMaxSuppressionV3")
    return bind(P.NMS, (b, s), {"max_out": mo, "iou_thr": it, "score_thr": st})


def non_max_suppression_with_scores(boxes: Any, scores: Any, max_output_size: Any, iou_threshold: float = 0.5,
                                    score_threshold: float = float("-inf"), soft_nms_sigma: float = 0.0,
                                    name: str | None = None) -> tuple:
    """Non-max suppression returning ``(selected_indices, selected_scores)``; with
    ``soft_nms_sigma > 0``, Soft-NMS: overlapping boxes have their scores decayed by
    ``exp(-iou**2 / (2 * sigma))`` instead of being removed.

    Example:
        >>> import tapeflow as tf
        >>> boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 10, 1, 11]]
        >>> idx, sc = tf.image.non_max_suppression_with_scores(boxes, [0.9, 0.8, 0.7], 3)
        >>> idx.numpy().tolist(), sc.numpy().tolist()
        ([0, 2], [0.8999999761581421, 0.699999988079071])
    """
    op = "non_max_suppression_with_scores"
    b, s, mo, it, st = _nms_args(boxes, scores, max_output_size, iou_threshold, score_threshold, op,
                                 "NonMaxSuppressionV5")
    sig = float(np.asarray(soft_nms_sigma))
    if sig < 0:
        raise InvalidArgumentError(f"{op}: soft_nms_sigma_val must be >= 0", op=op)
    return bind(P.NMS_WITH_SCORES, (b, s), {"max_out": mo, "iou_thr": it, "score_thr": st, "soft_sigma": sig})


def non_max_suppression_overlaps(overlaps: Any, scores: Any, max_output_size: Any, overlap_threshold: float = 0.5,
                                 score_threshold: float = float("-inf"), name: str | None = None) -> Tensor:
    """Greedy non-max suppression from a precomputed ``[n, n]`` overlap matrix: a box is dropped
    when its overlap with a kept box exceeds ``overlap_threshold``.

    Example:
        >>> import tapeflow as tf
        >>> ov = [[1.0, 0.7, 0.2], [0.7, 1.0, 0.0], [0.2, 0.0, 1.0]]
        >>> tf.image.non_max_suppression_overlaps(ov, [0.9, 0.8, 0.7], 3, 0.6).numpy().tolist()
        [0, 2]
    """
    op = "non_max_suppression_overlaps"
    ov = tensor_arg(overlaps, op, dtype=_dt.float32) if not isinstance(overlaps, (Tensor, Variable)) \
        else tensor_arg(overlaps, op)
    s = tensor_arg(scores, op, dtype=_dt.float32) if not isinstance(scores, (Tensor, Variable)) else tensor_arg(scores, op)
    if ov._value.ndim != 2 or ov._value.shape[0] != ov._value.shape[1]:
        raise InvalidArgumentError(f"{op}: overlaps must be a square matrix, got shape {list(ov._value.shape)}", op=op)
    if s._value.shape != (ov._value.shape[0],):
        raise InvalidArgumentError(f"{op}: scores has incompatible shape {list(s._value.shape)} for overlaps of shape "
                                   f"{list(ov._value.shape)}", op=op)
    mo = _int(max_output_size, op, "max_output_size")
    if mo < 0:
        raise InvalidArgumentError(f"{op}: output size must be non-negative", op=op)
    return bind(P.NMS_OVERLAPS, (ov, s), {"max_out": mo, "thr": float(np.asarray(overlap_threshold)),
                                          "score_thr": float(np.asarray(score_threshold))})


def non_max_suppression_padded(boxes: Any, scores: Any, max_output_size: Any, iou_threshold: float = 0.5,
                               score_threshold: float = float("-inf"), pad_to_max_output_size: bool = False,
                               name: str | None = None, sorted_input: bool = False,
                               canonicalized_coordinates: bool = False, tile_size: int = 512) -> tuple:
    """Non-max suppression with fixed-size output: ``(indices, num_valid)``; boxes may carry
    batch dimensions (then ``pad_to_max_output_size`` must be True). As TF's implementation, a
    box is suppressed when IOU >= ``iou_threshold`` with a kept box (IOU with a 1e-8 guard), boxes
    scoring <= ``score_threshold`` are zeroed, and a box with no positive coordinate is never
    selected. Padding entries are 0.

    Example:
        >>> import tapeflow as tf
        >>> boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 10, 1, 11]]
        >>> idx, n = tf.image.non_max_suppression_padded(boxes, [0.9, 0.8, 0.7], 3, pad_to_max_output_size=True)
        >>> idx.numpy().tolist(), int(n)
        ([0, 2, 0], 2)
    """
    op = "non_max_suppression_padded"
    b = tensor_arg(boxes, op)
    s = tensor_arg(scores, op)
    if not pad_to_max_output_size and b._value.ndim > 2:
        raise ValueError(f"'pad_to_max_output_size' (value {pad_to_max_output_size}) must be True for batched input")
    mo = _int(max_output_size, op, "max_output_size")
    bv, sv = b._value, s._value
    if bv.ndim < 2 or bv.shape[-1] != 4 or sv.shape != bv.shape[:-1]:
        raise InvalidArgumentError(f"{op}: boxes must be [..., num_boxes, 4] and scores [..., num_boxes]; got "
                                   f"{describe(b)} and {describe(s)}", op=op)
    batch = bv.shape[:-2]
    nbx = bv.shape[-2]
    b3 = bv.reshape(-1, nbx, 4).astype(np.float32)
    s2 = sv.reshape(-1, nbx).astype(np.float32)
    idx, nvalid = P.padded_nms(b3, s2, mo, float(np.asarray(iou_threshold)), float(np.asarray(score_threshold)),
                               sorted_input, canonicalized_coordinates, int(tile_size))
    if not pad_to_max_output_size:
        return Tensor(idx[0, :nvalid[0]]), Tensor(np.asarray(nvalid.reshape(batch)[()] if batch else nvalid[0]))
    return Tensor(idx.reshape(batch + (mo,))), Tensor(np.asarray(nvalid.reshape(batch)))


def combined_non_max_suppression(boxes: Any, scores: Any, max_output_size_per_class: Any, max_total_size: Any,
                                 iou_threshold: float = 0.5, score_threshold: float = float("-inf"),
                                 pad_per_class: bool = False, clip_boxes: bool = True, name: str | None = None) -> tuple:
    """Per-class greedy NMS over a batch, then the best ``max_total_size`` detections overall.

    ``boxes``: ``[batch, num_boxes, q, 4]`` (q = 1 shares boxes across classes), ``scores``:
    ``[batch, num_boxes, num_classes]``. Returns ``(nmsed_boxes, nmsed_scores, nmsed_classes,
    valid_detections)``, padded with zeros.

    Example:
        >>> import tapeflow as tf
        >>> boxes = tf.constant([[[[0, 0, 1, 1]], [[0, 0.1, 1, 1.1]]]])
        >>> scores = tf.constant([[[0.9, 0.1], [0.8, 0.7]]])
        >>> b, s, c, n = tf.image.combined_non_max_suppression(boxes, scores, 2, 3)
        >>> s.numpy().tolist(), c.numpy().tolist(), n.numpy().tolist()
        ([[0.8999999761581421, 0.699999988079071, 0.0]], [[0.0, 1.0, 0.0]], [2])
    """
    op = "combined_non_max_suppression"
    b = tensor_arg(boxes, op, dtype=_dt.float32) if not isinstance(boxes, (Tensor, Variable)) else tensor_arg(boxes, op)
    s = tensor_arg(scores, op, dtype=_dt.float32) if not isinstance(scores, (Tensor, Variable)) else tensor_arg(scores, op)
    bv, sv = b._value, s._value
    if bv.ndim != 4 or bv.shape[-1] != 4:
        raise InvalidArgumentError(f"{op}: boxes must be 4-D [batch, num_boxes, q, 4], got {describe(b)}", op=op)
    if sv.ndim != 3 or sv.shape[:2] != bv.shape[:2] or bv.shape[2] not in (1, sv.shape[2]):
        raise InvalidArgumentError(f"{op}: scores must be [batch, num_boxes, num_classes] matching boxes; got "
                                   f"{describe(s)} for {describe(b)}", op=op)
    mpc = _int(max_output_size_per_class, op, "max_output_size_per_class")
    mts = _int(max_total_size, op, "max_total_size")
    it = float(np.asarray(iou_threshold, np.float32))
    if mts <= 0:
        raise InvalidArgumentError(f"{op}: max_total_size must be > 0", op=op)
    if mpc <= 0:
        raise InvalidArgumentError(f"{op}: max_output_size_per_class must be > 0", op=op)
    if not 0 <= it <= 1:
        raise InvalidArgumentError(f"{op}: iou_threshold must be in [0, 1]", op=op)
    return bind(P.COMBINED_NMS, (b, s), {"per_class": mpc, "total": mts, "iou_thr": it,
                                         "score_thr": float(np.asarray(score_threshold, np.float32)),
                                         "pad_per_class": bool(pad_per_class), "clip": bool(clip_boxes)})
