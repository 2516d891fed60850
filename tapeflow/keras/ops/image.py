"""``keras.ops.image``: Keras 3's image ops (TensorFlow backend semantics) in tapeflow ops.

Images are rank 3 (one image) or rank 4 (a batch), "channels_last" unless ``data_format`` says
"channels_first".

Example:
    >>> resize(np.ones((2, 2, 1), "float32"), (4, 4)).shape.as_list()
    [4, 4, 1]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...tensor import Tensor
from ._common import cast as _cast
from ._common import convert, name_of, result_type, wrap_symbolic
from .nn import _data_format

_RESIZE = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


def _check_rank(images: Tensor, what: str = "images") -> None:
    if images.ndim not in (3, 4):
        raise ValueError(f"Invalid {what} rank: expected rank 3 (single image) or rank 4 (batch of images). Received "
                         f"input with shape: {what}.shape={tuple(images.shape)}")


def _to_last(images: Tensor) -> Tensor:
    return tf.transpose(images, (0, 2, 3, 1) if images.ndim == 4 else (1, 2, 0))


def _to_first(images: Tensor) -> Tensor:
    return tf.transpose(images, (0, 3, 1, 2) if images.ndim == 4 else (2, 0, 1))


def rgb_to_grayscale(images: Any, data_format: str | None = None) -> Tensor:
    """Luma ``0.2989 R + 0.5870 G + 0.1140 B`` with the channel axis kept (size 1), in the input dtype.

    Example:
        >>> print(rgb_to_grayscale(np.array([[[1.0, 1.0, 1.0]]], "float32")).numpy().round(4))
        [[[0.9999]]]
    """
    x = convert(images)
    df = _data_format(data_format)
    ch = -1 if df == "channels_last" else -3
    _check_rank(x)
    if x.shape[ch] not in (1, 3):
        raise ValueError(f"Invalid channel size: expected 3 (RGB) or 1 (Grayscale). Received input with shape: "
                         f"images.shape={tuple(x.shape)}")
    if x.shape[ch] == 1:
        return tf.identity(x)
    orig = name_of(x)
    x = _cast(x, result_type(orig, float))
    w = convert([0.2989, 0.5870, 0.1140], name_of(x))
    y = tf.tensordot(x, w, axes=[[ch % x.ndim], [0]])
    return _cast(tf.expand_dims(y, ch), orig)


def _hsv(images: Any, data_format: Any, fn: Any) -> Tensor:
    x = convert(images)
    df = _data_format(data_format)
    _check_rank(x)
    if name_of(x)[0] != "f":
        raise ValueError(f"Invalid images dtype: expected float dtype. Received: images.dtype={name_of(x)}")
    if df == "channels_first":
        return _to_first(fn(_to_last(x)))
    return fn(x)


def rgb_to_hsv(images: Any, data_format: str | None = None) -> Tensor:
    """RGB (in [0, 1]) to hue, saturation, value.

    Example:
        >>> rgb_to_hsv(np.array([[[1.0, 0.0, 0.0]]], "float32")).numpy().tolist()
        [[[0.0, 1.0, 1.0]]]
    """
    return _hsv(images, data_format, tf.image.rgb_to_hsv)


def hsv_to_rgb(images: Any, data_format: str | None = None) -> Tensor:
    """Hue, saturation, value to RGB.

    Example:
        >>> hsv_to_rgb(np.array([[[0.0, 1.0, 1.0]]], "float32")).numpy().tolist()
        [[[1.0, 0.0, 0.0]]]
    """
    return _hsv(images, data_format, tf.image.hsv_to_rgb)


def resize(images: Any, size: Any, interpolation: str = "bilinear", antialias: bool = False,
           crop_to_aspect_ratio: bool = False, pad_to_aspect_ratio: bool = False, fill_mode: str = "constant",
           fill_value: float = 0.0, data_format: str | None = None) -> Tensor:
    """Resize images to ``size`` = (height, width) (``tf.image.resize``); optionally crop or pad to
    the target aspect ratio first (centred).

    Example:
        >>> resize(np.arange(4.0, dtype="float32").reshape(2, 2, 1), (1, 1)).numpy().tolist()
        [[[1.5]]]
    """
    df = _data_format(data_format)
    if interpolation not in _RESIZE:
        raise ValueError(f"Invalid value for argument `interpolation`. Expected of one {_RESIZE}. Received: "
                         f"interpolation={interpolation}")
    if fill_mode != "constant":
        raise ValueError(f"Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: "
                         f"fill_mode={fill_mode}")
    if pad_to_aspect_ratio and crop_to_aspect_ratio:
        raise ValueError("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.")
    if len(size) != 2:
        raise ValueError(f"Argument `size` must be a tuple of two elements (height, width). Received: size={size}")
    x = convert(images)
    _check_rank(x)
    if df == "channels_first":
        x = _to_last(x)
    th, tw = (int(s) for s in size)
    h, w = x.shape[-3], x.shape[-2]
    if crop_to_aspect_ratio:
        ch = max(min(h, int(np.float32(w * th) / np.float32(tw))), 1)
        cw = max(min(w, int(np.float32(h * tw) / np.float32(th))), 1)
        hs, ws = int(np.float32(h - ch) / 2), int(np.float32(w - cw) / 2)
        x = x[..., hs:hs + ch, ws:ws + cw, :]
    elif pad_to_aspect_ratio:
        ph = max(h, int(np.float32(w * th) / np.float32(tw)))
        pw = max(w, int(np.float32(h * tw) / np.float32(th)))
        hs, ws = int(np.float32(ph - h) / 2), int(np.float32(pw - w) / 2)
        lead = [[0, 0]] * (x.ndim - 3)
        if hs > 0:
            x = tf.pad(x, lead + [[hs, hs], [0, 0], [0, 0]], constant_values=tf.cast(fill_value, x.dtype))
        if ws > 0:
            x = tf.pad(x, lead + [[0, 0], [ws, ws], [0, 0]], constant_values=tf.cast(fill_value, x.dtype))
    out = tf.image.resize(x, (th, tw), method=interpolation, antialias=antialias)
    return _to_first(out) if df == "channels_first" else out


def extract_patches(images: Any, size: Any, strides: Any = None, dilation_rate: Any = 1, padding: str = "valid",
                    data_format: str | None = None) -> Tensor:
    """Patches of ``size`` (an int or (h, w)) flattened into the channel axis:
    ``(..., out_h, out_w, h * w * channels)``.

    Example:
        >>> extract_patches(np.arange(16.0, dtype="float32").reshape(4, 4, 1), 2).shape.as_list()
        [2, 2, 4]
    """
    from .nn import conv

    if isinstance(size, int):
        ph = pw = size
    elif len(size) == 2:
        ph, pw = size
    else:
        raise TypeError(f"Invalid `size` argument. Expected an int or a tuple of length 2. Received: size={size}")
    df = _data_format(data_format)
    x = convert(images)
    cin = x.shape[-1] if df == "channels_last" else x.shape[-3]
    if not strides:
        strides = size
    out_dim = ph * pw * cin
    kernel = tf.reshape(tf.eye(out_dim, dtype=x.dtype), (ph, pw, cin, out_dim))
    unbatched = x.ndim == 3
    if unbatched:
        x = tf.expand_dims(x, 0)
    out = conv(x, kernel, strides=strides, padding=padding, data_format=df, dilation_rate=dilation_rate)
    return tf.squeeze(out, 0) if unbatched else out


def _hw(x: Tensor, df: str) -> tuple:
    return (x.shape[-3], x.shape[-2]) if df == "channels_last" else (x.shape[-2], x.shape[-1])


def _nonneg(v: Any, name: str) -> None:
    if v is not None and v < 0:
        raise ValueError(f"{name} must be >= 0. Received: {name}={v}")


def pad_images(images: Any, top_padding: int | None = None, left_padding: int | None = None,
               bottom_padding: int | None = None, right_padding: int | None = None, target_height: int | None = None,
               target_width: int | None = None, data_format: str | None = None) -> Tensor:
    """Zero-pad images; give two of (top, bottom, target_height) and two of (left, right, target_width).

    Example:
        >>> pad_images(np.ones((1, 1, 1), "float32"), 1, 0, 0, 1).numpy().reshape(-1).tolist()
        [0.0, 0.0, 1.0, 0.0]
    """
    df = _data_format(data_format)
    x = convert(images)
    if x.ndim not in (3, 4):
        raise ValueError(f"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). "
                         f"Received: images.shape={tuple(x.shape)}")
    if [top_padding, bottom_padding, target_height].count(None) != 1:
        raise ValueError(f"Must specify exactly two of top_padding, bottom_padding, target_height. Received: "
                         f"top_padding={top_padding}, bottom_padding={bottom_padding}, target_height={target_height}")
    if [left_padding, right_padding, target_width].count(None) != 1:
        raise ValueError(f"Must specify exactly two of left_padding, right_padding, target_width. Received: "
                         f"left_padding={left_padding}, right_padding={right_padding}, target_width={target_width}")
    for v, n in ((top_padding, "top_padding"), (bottom_padding, "bottom_padding"), (target_height, "target_height"),
                 (left_padding, "left_padding"), (right_padding, "right_padding"), (target_width, "target_width")):
        _nonneg(v, n)
    h, w = _hw(x, df)
    if top_padding is None:
        top_padding = target_height - bottom_padding - h
    if bottom_padding is None:
        bottom_padding = target_height - top_padding - h
    if left_padding is None:
        left_padding = target_width - right_padding - w
    if right_padding is None:
        right_padding = target_width - left_padding - w
    for v, n in ((top_padding, "top_padding"), (left_padding, "left_padding"), (right_padding, "right_padding"),
                 (bottom_padding, "bottom_padding")):
        _nonneg(v, n)
    pw = [[top_padding, bottom_padding], [left_padding, right_padding]]
    pw = pw + [[0, 0]] if df == "channels_last" else [[0, 0]] + pw
    if x.ndim == 4:
        pw = [[0, 0]] + pw
    return tf.pad(x, pw)


def crop_images(images: Any, top_cropping: int | None = None, left_cropping: int | None = None,
                bottom_cropping: int | None = None, right_cropping: int | None = None,
                target_height: int | None = None, target_width: int | None = None,
                data_format: str | None = None) -> Tensor:
    """Crop images; give two of (top, bottom, target_height) and two of (left, right, target_width).

    Example:
        >>> crop_images(np.arange(9.0, dtype="float32").reshape(3, 3, 1), 1, 1, 0, 0).numpy().reshape(-1).tolist()
        [4.0, 5.0, 7.0, 8.0]
    """
    df = _data_format(data_format)
    x = convert(images)
    if x.ndim not in (3, 4):
        raise ValueError(f"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). "
                         f"Received: images.shape={tuple(x.shape)}")
    if [top_cropping, bottom_cropping, target_height].count(None) != 1:
        raise ValueError(f"Must specify exactly two of top_cropping, bottom_cropping, target_height. Received: "
                         f"top_cropping={top_cropping}, bottom_cropping={bottom_cropping}, "
                         f"target_height={target_height}")
    if [left_cropping, right_cropping, target_width].count(None) != 1:
        raise ValueError(f"Must specify exactly two of left_cropping, right_cropping, target_width. Received: "
                         f"left_cropping={left_cropping}, right_cropping={right_cropping}, target_width={target_width}")
    for v, n in ((top_cropping, "top_cropping"), (bottom_cropping, "bottom_cropping"),
                 (target_height, "target_height"), (left_cropping, "left_cropping"),
                 (right_cropping, "right_cropping"), (target_width, "target_width")):
        _nonneg(v, n)
    h, w = _hw(x, df)
    if top_cropping is None:
        top_cropping = h - target_height - bottom_cropping
    if target_height is None:
        target_height = h - bottom_cropping - top_cropping
    if left_cropping is None:
        left_cropping = w - target_width - right_cropping
    if target_width is None:
        target_width = w - right_cropping - left_cropping
    for v, n in ((top_cropping, "top_cropping"), (target_height, "target_height"), (left_cropping, "left_cropping"),
                 (target_width, "target_width")):
        _nonneg(v, n)
    if df == "channels_last":
        start, shp = [top_cropping, left_cropping, 0], [target_height, target_width, x.shape[-1]]
    else:
        start, shp = [0, top_cropping, left_cropping], [x.shape[-3], target_height, target_width]
    if x.ndim == 4:
        start, shp = [0] + start, [x.shape[0]] + shp
    return tf.slice(x, start, shp)


def gaussian_blur(images: Any, kernel_size: Any = (3, 3), sigma: Any = (1.0, 1.0),
                  data_format: str | None = None) -> Tensor:
    """Blur each channel with a separable Gaussian kernel (``kernel_size`` and ``sigma`` per
    (height, width) axis, "same" padding with zeros).

    Example:
        >>> gaussian_blur(np.ones((3, 3, 1), "float32")).numpy()[1, 1, 0].round(4).tolist()
        1.0
    """
    df = _data_format(data_format)
    x = convert(images)
    dt = name_of(x)
    ks = convert(kernel_size, dt)
    sg = convert(sigma, dt)
    _check_rank(x)
    squeeze = x.ndim == 3
    if squeeze:
        x = tf.expand_dims(x, 0)
    if df == "channels_first":
        x = tf.transpose(x, (0, 2, 3, 1))
    kh, kw = (int(v) for v in np.asarray(kernel_size).reshape(-1)[:2])

    def k1(n: Tensor, s: Tensor) -> Tensor:
        pos = tf.range(n, dtype=dt) - (n - 1) / 2
        k = tf.math.exp(-0.5 * (pos / s) ** 2)
        return k / tf.reduce_sum(k)

    kern = tf.tensordot(k1(ks[1], sg[1]), k1(ks[0], sg[0]), axes=0)
    kern = tf.tile(tf.reshape(kern, (kh, kw, 1, 1)), [1, 1, x.shape[-1], 1])
    out = tf.nn.depthwise_conv2d(x, kern, strides=[1, 1, 1, 1], padding="SAME")
    if df == "channels_first":
        out = tf.transpose(out, (0, 3, 1, 2))
    return tf.squeeze(out, 0) if squeeze else out


def sobel_edges(images: Any, data_format: str | None = None) -> Tensor:
    """Sobel gradients ``(dy, dx)`` of each channel of a batch, stacked on a new last axis.

    Example:
        >>> sobel_edges(np.ones((1, 3, 3, 1), "float32")).shape.as_list()
        [1, 3, 3, 1, 2]
    """
    x = convert(images)
    if data_format == "channels_first":
        x = tf.transpose(x, (0, 2, 3, 1))
    out = tf.image.sobel_edges(x)
    if data_format == "channels_first":
        out = tf.transpose(out, (0, 3, 1, 2, 4))
    return out


def _map_coord(c: Tensor, n: int, mode: str) -> Tensor:
    """Out-of-range sample coordinates mapped back into [0, n - 1] by ``fill_mode`` (TF's rules)."""
    f = c.dtype
    if mode == "constant":
        return c
    if n <= 1:
        return tf.zeros_like(c)
    if mode == "nearest":
        return tf.clip_by_value(c, 0.0, float(n - 1))

    def trunc(v: Tensor) -> Tensor:
        return tf.cast(tf.cast(v, tf.int64), f)

    if mode == "reflect":
        sz2 = float(2 * n)
        neg = c + sz2 * trunc(-c / sz2)
        neg = tf.where(c < sz2, neg, c)
        neg = tf.where(neg < -n, neg + sz2, -neg - 1)
        pos = c - sz2 * trunc(c / sz2)
        pos = tf.where(pos >= n, sz2 - pos - 1, pos)
    else:  # wrap
        sz = float(n - 1)
        neg = c + n * (trunc(-c / sz) + 1)
        pos = c - n * trunc(c / sz)
    out = tf.where(c < 0, neg, tf.where(c > n - 1, pos, c))
    return tf.clip_by_value(out, 0.0, float(n - 1))


def _project(x: Tensor, t: Tensor, interpolation: str, fill_mode: str, fill_value: Any) -> Tensor:
    """TF's ImageProjectiveTransformV3 on NHWC ``x`` with float32 transforms ``t`` (1 or n rows of 8)."""
    n, h, w, c = x.shape
    t = tf.broadcast_to(t, (n, 8))
    col = [t[:, i][:, None, None] for i in range(8)]
    ox = tf.cast(tf.range(w), tf.float32)[None, None, :]
    oy = tf.cast(tf.range(h), tf.float32)[None, :, None]
    proj = col[6] * ox + col[7] * oy + 1.0
    safe = tf.where(tf.equal(proj, 0), tf.ones_like(proj), proj)
    ix = _map_coord((col[0] * ox + col[1] * oy + col[2]) / safe, w, fill_mode)
    iy = _map_coord((col[3] * ox + col[4] * oy + col[5]) / safe, h, fill_mode)
    dt = name_of(x)
    fill = _cast(_cast(convert(fill_value, "float32"), dt), "float32")  # the fill value as the image dtype holds it
    bidx = tf.broadcast_to(tf.range(n)[:, None, None], (n, h, w))

    def read(yy: Tensor, xx: Tensor) -> Tensor:
        yi, xi = tf.cast(yy, tf.int32), tf.cast(xx, tf.int32)
        ok = (yi >= 0) & (yi < h) & (xi >= 0) & (xi < w)
        idx = tf.stack([bidx, tf.clip_by_value(yi, 0, h - 1), tf.clip_by_value(xi, 0, w - 1)], axis=-1)
        vals = _cast(tf.gather_nd(x, idx), "float32")
        return tf.where(ok[..., None], vals, fill)

    if interpolation == "nearest":  # round half away from zero (coordinates may be negative here)
        out = read(tf.math.sign(iy) * tf.math.floor(tf.math.abs(iy) + 0.5),
                   tf.math.sign(ix) * tf.math.floor(tf.math.abs(ix) + 0.5))
    else:
        yf, xf = tf.math.floor(iy), tf.math.floor(ix)
        yc, xc = yf + 1, xf + 1
        wx0, wx1 = (xc - ix)[..., None], (ix - xf)[..., None]
        top = wx0 * read(yf, xf) + wx1 * read(yf, xc)
        bot = wx0 * read(yc, xf) + wx1 * read(yc, xc)
        out = (yc - iy)[..., None] * top + (iy - yf)[..., None] * bot
    out = tf.where(tf.equal(proj, 0)[..., None], fill, out)  # a point at infinity: the fill value
    out = _cast(out, dt)
    return out


def affine_transform(images: Any, transform: Any, interpolation: str = "bilinear", fill_mode: str = "constant",
                     fill_value: Any = 0, data_format: str | None = None) -> Tensor:
    """Projective transform of images: each output pixel (x, y) samples the input at
    ``((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)``, ``k = c0 x + c1 y + 1``, for a transform
    ``[a0, a1, a2, b0, b1, b2, c0, c1]`` (one, or one per image), as TF's ImageProjectiveTransformV3:
    "nearest" or "bilinear" sampling; outside points per ``fill_mode`` ("constant" with
    ``fill_value``, "nearest", "wrap", "reflect").

    The gradient with respect to the images is the exact adjoint of the sampling (TF instead
    applies the inverse transform to the gradient); the transforms get no gradient, as in TF.

    Example:
        >>> img = np.arange(9.0, dtype="float32").reshape(3, 3, 1)
        >>> affine_transform(img, [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0])[..., 0].numpy().tolist()
        [[1.0, 2.0, 0.0], [4.0, 5.0, 0.0], [7.0, 8.0, 0.0]]
    """
    df = _data_format(data_format)
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"Invalid value for argument `interpolation`. Expected of one ('nearest', 'bilinear'). "
                         f"Received: interpolation={interpolation}")
    if fill_mode not in ("constant", "nearest", "wrap", "reflect"):
        raise ValueError(f"Invalid value for argument `fill_mode`. Expected of one ('constant', 'nearest', 'wrap', "
                         f"'reflect'). Received: fill_mode={fill_mode}")
    x = convert(images)
    t = tf.stop_gradient(_cast(convert(transform), "float32"))
    _check_rank(x)
    if t.ndim not in (1, 2):
        raise ValueError(f"Invalid transform rank: expected rank 1 (single transform) or rank 2 (batch of "
                         f"transforms). Received input with shape: transform.shape={tuple(t.shape)}")
    squeeze = x.ndim == 3
    if squeeze:
        x = tf.expand_dims(x, 0)
    if t.ndim == 1:
        t = tf.expand_dims(t, 0)
    if df == "channels_first":
        x = tf.transpose(x, (0, 2, 3, 1))
    n = x.shape[0]
    if t.shape[0] not in (1, n) or t.shape[1] != 8:
        raise ValueError(f"affine_transform: transform must have shape (8,), (1, 8) or ({n}, 8); got "
                         f"{tuple(t.shape)}")
    out = _project(x, t, interpolation, fill_mode, fill_value)
    if df == "channels_first":
        out = tf.transpose(out, (0, 3, 1, 2))
    return tf.squeeze(out, 0) if squeeze else out


def perspective_transform(images: Any, start_points: Any, end_points: Any, interpolation: str = "bilinear",
                          fill_value: Any = 0, data_format: str | None = None) -> Tensor:
    """Warp images so the four ``start_points`` (x, y) land on ``end_points`` (shape (4, 2), or
    (n, 4, 2) per image): the homography is solved from the 8 point equations, then applied as in
    ``affine_transform`` with "constant" fill.

    Example:
        >>> img = np.arange(16.0, dtype="float32").reshape(4, 4, 1)
        >>> pts = [[0, 0], [3, 0], [0, 3], [3, 3]]
        >>> bool(np.allclose(perspective_transform(img, pts, pts).numpy(), img, atol=1e-4))
        True
    """
    df = _data_format(data_format)
    sp, ep = convert(start_points, "float32"), convert(end_points, "float32")
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"Invalid value for argument `interpolation`. Expected of one ('nearest', 'bilinear'). "
                         f"Received: interpolation={interpolation}")
    x = convert(images)
    _check_rank(x)
    for pts, what in ((sp, "start_points"), (ep, "end_points")):
        if pts.ndim not in (2, 3) or tuple(pts.shape[-2:]) != (4, 2):
            raise ValueError(f"Invalid {what} shape: expected (4,2) for a single image or (N,4,2) for a batch. "
                             f"Received shape: {tuple(pts.shape)}")
    if tuple(sp.shape) != tuple(ep.shape):
        raise ValueError(f"start_points and end_points must have the same shape. Received "
                         f"start_points.shape={tuple(sp.shape)}, end_points.shape={tuple(ep.shape)}")
    squeeze = x.ndim == 3
    if squeeze:
        x = tf.expand_dims(x, 0)
    if sp.ndim == 2:
        sp, ep = tf.expand_dims(sp, 0), tf.expand_dims(ep, 0)
    if df == "channels_first":
        x = tf.transpose(x, (0, 2, 3, 1))
    # two equations per point: the transform maps each end point (output) to its start point (input)
    rows, rhs = [], []
    zero, one = tf.zeros_like(ep[:, 0, 0]), tf.ones_like(ep[:, 0, 0])
    for i in range(4):
        ex, ey, sx, sy = ep[:, i, 0], ep[:, i, 1], sp[:, i, 0], sp[:, i, 1]
        rows.append(tf.stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], axis=-1))
        rows.append(tf.stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], axis=-1))
        rhs += [sx, sy]
    coeffs = tf.stack(rows, axis=1)
    target = tf.expand_dims(tf.stack(rhs, axis=-1), -1)
    t = tf.reshape(tf.linalg.solve(coeffs, target), [-1, 8])
    out = _project(x, tf.stop_gradient(t), interpolation, "constant", fill_value)
    if df == "channels_first":
        out = tf.transpose(out, (0, 3, 1, 2))
    return tf.squeeze(out, 0) if squeeze else out


def ssim(image1: Any, image2: Any, max_val: float = 1.0, filter_size: int = 11, filter_sigma: float = 1.5,
         k1: float = 0.01, k2: float = 0.03, data_format: str | None = None) -> Tensor:
    """Structural similarity of two images (per image, averaged over channels; Gaussian window,
    "valid" convolution), as Keras computes it.

    Example:
        >>> img = np.linspace(0.0, 1.0, 11 * 11).reshape(11, 11, 1).astype("float32")
        >>> round(float(ssim(img, img)), 4)
        1.0
    """
    df = _data_format(data_format)
    a, b = convert(image1), convert(image2)
    orig = name_of(a)
    dt = result_type(orig, float)
    a, b = _cast(a, dt), _cast(b, dt)
    _check_rank(a, "image1")
    _check_rank(b, "image2")
    unbatched = a.ndim == 3
    if unbatched:
        a, b = tf.expand_dims(a, 0), tf.expand_dims(b, 0)
    if df == "channels_first":
        a, b = tf.transpose(a, (0, 2, 3, 1)), tf.transpose(b, (0, 2, 3, 1))
    n, h, w, c = a.shape
    pos = tf.range(filter_size, dtype=dt) - (filter_size - 1) / 2.0
    g = tf.math.exp(-(pos ** 2) / (2.0 * filter_sigma ** 2))
    g = g / tf.reduce_sum(g)
    kern = tf.reshape(tf.reshape(g, [-1, 1]) * tf.reshape(g, [-1]), (filter_size, filter_size, 1, 1))
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    a1 = tf.reshape(tf.transpose(a, (0, 3, 1, 2)), [-1, h, w, 1])
    b1 = tf.reshape(tf.transpose(b, (0, 3, 1, 2)), [-1, h, w, 1])

    def blur(t: Tensor) -> Tensor:
        return tf.nn.convolution(t, kern, padding="VALID")

    mu1, mu2 = blur(a1), blur(b1)
    mu11, mu22, mu12 = mu1 * mu1, mu2 * mu2, mu1 * mu2
    s11 = blur(a1 * a1) - mu11
    s22 = blur(b1 * b1) - mu22
    s12 = blur(a1 * b1) - mu12
    smap = ((2.0 * mu12 + c1) * (2.0 * s12 + c2)) / ((mu11 + mu22 + c1) * (s11 + s22 + c2))
    per = tf.reduce_mean(tf.reshape(tf.reduce_mean(smap, axis=[1, 2, 3]), [n, c]), axis=-1)
    if unbatched:
        per = tf.squeeze(per, 0)
    return _cast(per, orig)


__all__ = [
    "affine_transform", "crop_images", "perspective_transform", "extract_patches", "gaussian_blur", "hsv_to_rgb", "pad_images", "resize", "rgb_to_grayscale",
    "rgb_to_hsv", "sobel_edges", "ssim",
]

wrap_symbolic(globals(), __all__, skip=())
