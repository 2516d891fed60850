"""Keras 3's image augmentation layers: colour (RandomGrayscale, RandomHue, RandomSaturation,
RandomColorJitter, RandomInvert, RandomPosterization, Solarization, AutoContrast,
Equalization, RandomSharpness, RandomGaussianBlur), geometry (RandomShear, and tf.keras's legacy
RandomHeight / RandomWidth) and mixing (RandomErasing, MixUp, CutMix).

Each layer follows Keras 3's contract: ``get_random_transformation(data, training=True,
seed=None)`` draws the random parameters of one call (a dict), ``transform_images(images,
transformation, training=True)`` applies them to a batch, ``transform_labels`` to the labels
(MixUp and CutMix mix them); calling the layer does both, on a batch, one image or a dict with
"images" and "labels". Given the same transformation, the results are Keras's, including its
quirks (noted per layer). The random numbers come from tapeflow's generators (a ``seed`` makes a
layer repeat its sequence), so the draws themselves are not Keras's.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> images = np.array([[[[0.0, 100.0, 200.0]]]], "float32")
    >>> layers.RandomInvert(factor=(1.0, 1.0))(images).numpy().tolist()
    [[[[255.0, 155.0, 55.0]]]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...errors import InvalidArgumentError
from ...tensor import Tensor
from .base import Layer
from .preprocessing import RandomBrightness, RandomContrast, _ImageLayer, _tensor

_VALUE_RANGE_ERROR = "The `value_range` argument should be a list of two numbers. "


def _base_factor(factor: Any, bounds: tuple) -> tuple:
    """Keras's ``BaseImagePreprocessingLayer._set_factor``: a number ``f`` gives
    ``(max(-f, lower bound), f)``, a pair is sorted."""
    msg = (f"The `factor` argument should be a number (or a list of two numbers) in the range [{bounds[0]}, "
           f"{bounds[1]}]. Received: factor={factor}")
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2 or factor[0] > bounds[1] or factor[1] < bounds[0]:
            raise ValueError(msg)
        lower, upper = sorted(factor)
    elif isinstance(factor, (int, float)) and not isinstance(factor, bool):
        if factor < bounds[0] or factor > bounds[1]:
            raise ValueError(msg)
        factor = abs(factor)
        lower, upper = max(-factor, bounds[0]), factor
    else:
        raise ValueError(msg)
    return lower, upper


def _value_range(value_range: Any) -> list:
    if not isinstance(value_range, (tuple, list)) or len(value_range) != 2:
        raise ValueError(_VALUE_RANGE_ERROR + f"Received: value_range={value_range}")
    return sorted(value_range)


def _batch_size(images: Any) -> int:
    shape = images.shape
    if len(shape) == 3:
        return 1
    if len(shape) == 4:
        return int(shape[0])
    raise ValueError(f"Expected the input image to be rank 3 or 4. Received inputs.shape={tuple(shape)}")


def _t(v: Any, dtype: Any = None) -> Tensor:
    """A transformation entry as a Tensor (arrays, lists and tensors accepted)."""
    if isinstance(v, Tensor):
        return v if dtype is None or v.dtype == dtype else tf.cast(v, dtype)
    return tf.convert_to_tensor(np.asarray(v)) if dtype is None else tf.cast(tf.convert_to_tensor(np.asarray(v)), dtype)


class _Augmentation(_ImageLayer):
    """Keras 3's ``BaseImagePreprocessingLayer`` call contract on tapeflow's image layers."""

    def _to_range(self, images: Tensor, original: Any, target: Any, dtype: Any = "float32") -> Tensor:
        """Keras's ``_transform_value_range`` (unchanged when the ranges are equal)."""
        if original[0] == target[0] and original[1] == target[1]:
            return images
        images = tf.cast(images, dtype)
        omin, omax = tf.cast(original[0], dtype), tf.cast(original[1], dtype)
        tmin, tmax = tf.cast(target[0], dtype), tf.cast(target[1], dtype)
        images = (images - omin) / (omax - omin)
        return images * (tmax - tmin) + tmin

    def _rng(self) -> np.random.Generator:
        """A NumPy generator for draws other than uniform ones, seeded from this layer's stream."""
        return np.random.default_rng(int(self._uniform((), 0.0, 2.0 ** 31)))

    def _beta(self, n: int, a: float, b: float) -> np.ndarray:
        rng = self._rng()
        x, y = rng.gamma(a, size=n), rng.gamma(b, size=n)
        return (x / (x + y)).astype(np.float32)

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        """The random parameters of one call (None for layers without any)."""
        return None

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        raise NotImplementedError

    def transform_labels(self, labels: Any, transformation: Any, training: bool = True) -> Any:
        """The labels for the transformed images (unchanged, except for MixUp and CutMix)."""
        return labels

    def _single(self, image: Tensor, transformation: Any, training: bool) -> Tensor:
        out = self.transform_images(tf.expand_dims(image, 0), transformation, training=training)
        return tf.squeeze(out, 0)

    def _cast_floats(self, x: Any) -> Tensor:
        x = _tensor(x)
        if x._value.dtype.kind == "f" and x._value.dtype != self._np_dtype:
            x = tf.cast(x, self.dtype)  # Keras casts floating inputs to the layer's dtype
        return x

    def call(self, inputs: Any, training: Any = True) -> Any:
        training = bool(training)
        if isinstance(inputs, dict):
            unknown = set(inputs) - {"images", "labels"}
            if unknown or "images" not in inputs:
                raise ValueError(f"{type(self).__name__} layer '{self.name}': dict inputs may hold 'images' and "
                                 f"'labels' only in tapeflow, got keys {sorted(inputs)}")
            data = dict(inputs)
            data["images"] = self._images(self._cast_floats(inputs["images"]))
            transformation = self.get_random_transformation(data, training=training)
            batched = data["images"]._value.ndim == 4
            if batched:
                data["images"] = self.transform_images(data["images"], transformation, training=training)
            else:
                data["images"] = self._single(data["images"], transformation, training)
            if "labels" in data:
                labels = _tensor(data["labels"])
                if batched:
                    data["labels"] = self.transform_labels(labels, transformation, training=training)
                else:
                    data["labels"] = tf.squeeze(
                        self.transform_labels(tf.expand_dims(labels, 0), transformation, training=training), 0)
            return data
        images = self._images(self._cast_floats(inputs))
        transformation = self.get_random_transformation(images, training=training)
        if images._value.ndim == 4:
            return self.transform_images(images, transformation, training=training)
        return self._single(images, transformation, training)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape


def _images_of(data: Any) -> Any:
    return data["images"] if isinstance(data, dict) else data


# --- colour -------------------------------------------------------------------------------------


class RandomGrayscale(_Augmentation):
    """In training, turns each image grey with probability ``factor`` (the luma
    ``0.2989 R + 0.587 G + 0.114 B`` in every channel). The dtype is kept (Keras does not cast
    this layer's images). Keras's config has no ``seed``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[10.0, 20.0, 30.0]]]], "float32")
        >>> print(layers.RandomGrayscale(factor=1.0)(x).numpy().round(3))
        [[[[18.149 18.149 18.149]]]]
    """

    def __init__(self, factor: float = 0.5, data_format: Any = None, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        if factor < 0 or factor > 1:
            raise ValueError(f"`factor` should be between 0 and 1. Received: factor={factor}")
        self.factor = factor

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        images = _images_of(data)
        n = int(images.shape[0]) if len(images.shape) == 4 else 1
        return tf.constant((self._uniform((n,), 0.0, 1.0) < self.factor).reshape(n, 1, 1, 1))

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        from ..ops.image import rgb_to_grayscale

        apply = transformation if transformation is not None else self.get_random_transformation(images)
        gray = rgb_to_grayscale(images, data_format=self.data_format)
        return tf.where(tf.broadcast_to(_t(apply), images.shape), tf.broadcast_to(gray, images.shape), images)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["factor"] = self.factor
        return cfg


class RandomInvert(_Augmentation):
    """In training, inverts each image (``value_range[1] - x``) with a probability drawn in
    ``factor`` (a number ``f``: ``[0, f]``). Images become the layer's dtype in training.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.RandomInvert(value_range=(0, 1)).transform_images(
        ...     np.array([[[[0.25]]], [[[0.25]]]], "float32"), {"apply_inversion": [True, False]}).numpy().ravel().tolist()
        [0.75, 0.25]
    """

    def __init__(self, factor: Any = 1.0, value_range: Any = (0, 255), seed: Any = None, data_format: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (0, 1))
        self.value_range = value_range

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        if not training:
            return None
        n = _batch_size(_images_of(data))
        probability = self._uniform((n,), self.factor[0], self.factor[1])
        threshold = self._uniform((n,), 0.0, 1.0)
        return {"apply_inversion": tf.constant(threshold < probability)}

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        images = tf.cast(images, self.dtype)
        apply = tf.reshape(_t(transformation["apply_inversion"], tf.bool), [-1, 1, 1, 1])
        inverted = tf.cast(self.value_range[1], self.dtype) - images
        return tf.where(tf.broadcast_to(apply, images.shape), inverted, images)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


def _factor_0_1(factor: Any, name: str, error: str) -> tuple:
    def check(v: float) -> None:
        if v > 1.0 or v < 0:
            raise ValueError(error + f"Received: input_number={v}")

    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            raise ValueError(error + f"Received: {name}={factor}")
        check(factor[0])
        check(factor[1])
        return tuple(sorted(factor))
    if isinstance(factor, (int, float)) and not isinstance(factor, bool):
        check(factor)
        return 0, factor
    raise ValueError(error + f"Received: {name}={factor}")


class Solarization(_Augmentation):
    """In training, adds a random amount to each image (drawn in ``[a0, a1 * 255]`` for
    ``addition_factor`` (a0, a1), as Keras), clips to [0, 255], then inverts the pixels at or
    above a random threshold (``[t0, t1 * 255]``), all on the image rescaled from
    ``value_range`` to [0, 255]. Output in the layer's dtype, also at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[10.0, 100.0, 200.0]]]], "float32")
        >>> t = {"additions": np.zeros((1, 1, 1, 1), "float32"), "thresholds": np.full((1, 1, 1, 1), 150.0, "float32")}
        >>> layers.Solarization().transform_images(x, t).numpy().tolist()
        [[[[10.0, 100.0, 55.0]]]]
    """

    _ERROR = ("The `addition_factor` and `threshold_factor` arguments should be a number (or a list of two numbers) "
              "in the range [0, 1]. ")

    def __init__(self, addition_factor: Any = 0.0, threshold_factor: Any = 0.0, value_range: Any = (0, 255),
                 seed: Any = None, **kwargs: Any) -> None:
        super().__init__(seed=seed, **kwargs)
        self.addition_factor = _factor_0_1(addition_factor, "addition_factor", self._ERROR)
        self.threshold_factor = _factor_0_1(threshold_factor, "threshold_factor", self._ERROR)
        self.value_range = _value_range(value_range)

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        if not training:
            return None
        images = _images_of(data)
        shape = (int(images.shape[0]), 1, 1, 1) if len(images.shape) == 4 else (1, 1, 1)
        a, t = self.addition_factor, self.threshold_factor
        return {"additions": tf.cast(self._uniform(shape, a[0], a[1] * 255), self.dtype),
                "thresholds": tf.cast(self._uniform(shape, t[0], t[1] * 255), self.dtype)}

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = tf.cast(_t(images), self.dtype)
        if not training or transformation is None:
            return images
        x = self._to_range(images, self.value_range, (0, 255), self.dtype)
        x = tf.clip_by_value(x + _t(transformation["additions"], self.dtype), 0.0, 255.0)
        x = tf.where(x < _t(transformation["thresholds"], self.dtype), x, 255.0 - x)
        return self._to_range(x, (0, 255), self.value_range, self.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(value_range=self.value_range, addition_factor=self.addition_factor,
                   threshold_factor=self.threshold_factor, seed=self.seed)
        return cfg


class RandomPosterization(_Augmentation):
    """In training, keeps only the top ``b`` bits of each 8-bit pixel value, ``b`` drawn per
    image in ``factor`` (a number ``f``: [1, f); as Keras the upper bound is excluded unless both
    bounds are equal), on the image rescaled from ``value_range`` to [0, 255]. Training output in
    the layer's dtype; inference returns the input unchanged.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[100.0, 200.0, 255.0]]]], "float32")
        >>> layers.RandomPosterization(factor=(2, 2))(x).numpy().tolist()
        [[[[64.0, 192.0, 192.0]]]]
    """

    _MAX_FACTOR = 8

    def __init__(self, factor: Any, value_range: Any = (0, 255), data_format: Any = None, seed: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (1, 8))
        self.value_range = _value_range(value_range)

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        n = _batch_size(_images_of(data))
        lo, hi = self.factor
        if lo != hi:
            bits = np.floor(self._uniform((n,), float(lo), float(hi))).astype(np.uint8)
        else:
            bits = np.full((n,), lo, np.uint8)
        return {"shift_factor": tf.constant((self._MAX_FACTOR - bits).astype(np.uint8))}

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        from ..ops.numpy import bitwise_left_shift, bitwise_right_shift

        shift = tf.reshape(_t(transformation["shift_factor"], tf.uint8), [-1, 1, 1, 1])
        x = self._to_range(images, self.value_range, (0, 255), self.dtype)
        x = tf.cast(x, tf.uint8)
        x = bitwise_left_shift(bitwise_right_shift(x, shift), shift)
        x = tf.cast(x, self.dtype)
        return self._to_range(x, (0, 255), self.value_range, self.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


class AutoContrast(_Augmentation):
    """Stretches each image's values to the full ``value_range`` (per image and channel, over
    axes 1 and 2 as Keras, whatever ``data_format``); constant channels are left as they are.
    Applied in training and inference; output in the layer's dtype.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[50.0], [100.0]], [[150.0], [75.0]]]], "float32")
        >>> layers.AutoContrast()(x)[0, ..., 0].numpy().tolist()
        [[0.0, 127.5], [255.0, 63.75]]
    """

    def __init__(self, value_range: Any = (0, 255), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.value_range = _value_range(value_range)

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        original = _t(images)
        x = self._to_range(original, self.value_range, (0, 255), self.dtype)
        x = tf.cast(x, self.dtype)
        low = tf.reduce_min(x, axis=(1, 2), keepdims=True)
        high = tf.reduce_max(x, axis=(1, 2), keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = tf.cast(255.0, self.dtype) / (high - low)
            out = x * scale + (-low * scale)
        out = tf.clip_by_value(out, 0.0, 255.0)
        out = self._to_range(out, (0, 255), self.value_range, self.dtype)
        return tf.where(tf.math.is_nan(out), tf.cast(original, self.dtype), out)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["value_range"] = self.value_range
        return cfg


class Equalization(_Augmentation):
    """Histogram equalization of each channel with ``bins`` bins. As Keras, one histogram is
    taken per channel over the whole batch, and a channel with a single occupied bin is left as
    it is. Training output in the layer's dtype; inference returns the input unchanged.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[0.0], [64.0]], [[128.0], [255.0]]]], "float32")
        >>> layers.Equalization(bins=4)(x)[0, ..., 0].numpy().tolist()
        [[0.0, 0.0], [128.0, 255.0]]
    """

    def __init__(self, value_range: Any = (0, 255), bins: int = 256, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.bins = bins
        self.value_range = _value_range(value_range)

    @staticmethod
    def _rescale(values: Tensor, source: Any, target: Any) -> Tensor:
        scale = (target[1] - target[0]) / (source[1] - source[0])
        offset = target[0] - source[0] * scale
        return values * scale + offset

    def _equalize_channel(self, channel: Tensor) -> Tensor:
        # Keras compares its list value_range with a tuple: the rescaling always runs
        channel = self._rescale(channel, self.value_range, (0, 255))
        values = tf.cast(channel, tf.float32)
        scaled = (values - 0.0) * (self.bins - 1) / (255.0 - 0.0)
        indices = tf.clip_by_value(tf.cast(scaled, tf.int32), 0, self.bins - 1)
        hist = np.bincount(indices.numpy().reshape(-1), minlength=self.bins).astype(np.int32)
        if np.count_nonzero(hist) <= 1:
            equalized = channel
        else:
            cdf = np.cumsum(hist).astype(np.int32)
            cdf_min = cdf[np.nonzero(cdf)[0][0]]
            denominator = cdf[-1] - cdf_min
            denominator = denominator if denominator != 0 else np.int32(1)
            lookup = ((cdf - cdf_min) * 255) / np.float64(denominator)
            lookup = np.clip(np.round(lookup), 0, 255)
            scaled_channel = (channel / 255.0) * (self.bins - 1)
            idx = tf.cast(tf.clip_by_value(scaled_channel, 0.0, float(self.bins - 1)), tf.int32)
            equalized = tf.gather(tf.constant(lookup), idx)
        return self._rescale(equalized, (0, 255), self.value_range)

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        images = tf.cast(images, self.dtype)
        axis = -3 if self.data_format == "channels_first" else -1
        channels = tf.unstack(images, axis=axis)
        return tf.cast(tf.stack([tf.cast(self._equalize_channel(c), self.dtype) for c in channels], axis=axis),
                       self.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(bins=self.bins, value_range=self.value_range)
        return cfg


def _hsv_last(images: Tensor, data_format: str) -> tuple:
    return (tf.transpose(images, (0, 2, 3, 1)), True) if data_format == "channels_first" else (images, False)


class RandomHue(_Augmentation):
    """In training, shifts each image's hue by ``± f / 2`` turns, ``f`` drawn in ``factor`` (a
    number ``a``: [0, a]) and the sign at random; pixel values in ``value_range``. Output in the
    layer's dtype; inference returns the input unchanged.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[255.0, 0.0, 0.0]]]], "float32")
        >>> layers.RandomHue(0.5).transform_images(x, {"factor": [1 / 3]}).numpy().round(2).tolist()
        [[[[0.0, 255.0, 0.0]]]]
    """

    def __init__(self, factor: Any, value_range: Any = (0, 255), data_format: Any = None, seed: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (0, 1))
        self.value_range = value_range

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        n = _batch_size(_images_of(data))
        invert = np.where(self._uniform((n,), 0.0, 1.0) > 0.5, np.float32(-1), np.float32(1))
        factor = self._uniform((n,), self.factor[0], self.factor[1])
        return {"factor": tf.constant((invert * factor * np.float32(0.5)).astype(np.float32))}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        from ..ops.image import hsv_to_rgb, rgb_to_hsv

        x = tf.cast(images, self.dtype)
        x = self._to_range(x, self.value_range, (0, 1))
        adjust = tf.reshape(_t(transformation["factor"], x.dtype), [-1, 1, 1])
        hsv = rgb_to_hsv(x, data_format=self.data_format)
        ch = 1 if self.data_format == "channels_first" else -1
        h, s, v = tf.unstack(hsv, axis=ch)
        h = h + adjust
        h = tf.where(h > 1.0, h - 1.0, h)
        h = tf.where(h < 0.0, h + 1.0, h)
        x = hsv_to_rgb(tf.stack([h, s, v], axis=ch), data_format=self.data_format)
        x = tf.clip_by_value(x, 0.0, 1.0)
        x = self._to_range(x, (0, 1), self.value_range)
        return tf.cast(x, self.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


class RandomSaturation(_Augmentation):
    """In training, multiplies each image's saturation by ``f / (1 - f + 1e-7)``, ``f`` drawn in
    ``factor`` (a number ``a``: [-a, a], as Keras), the saturation clipped to ``value_range``
    (Keras's own choice). Expects floating images in [0, 1] for the HSV conversion to be
    meaningful, as Keras. Inference returns the input unchanged.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[0.8, 0.4, 0.4]]]], "float32")
        >>> print(layers.RandomSaturation(0.5).transform_images(x, {"factor": [0.5]}).numpy().round(3))
        [[[[0.8 0.6 0.6]]]]
    """

    def __init__(self, factor: Any, value_range: Any = (0, 255), data_format: Any = None, seed: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (-1, 1))
        self.value_range = _value_range(value_range)

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        n = _batch_size(_images_of(data))
        f = self._uniform((n,), self.factor[0], self.factor[1])
        return {"factor": tf.constant((f / (np.float32(1) - f + np.float32(1e-7))).astype(np.float32))}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        from ..ops.image import hsv_to_rgb, rgb_to_hsv

        adjust = tf.reshape(_t(transformation["factor"], self.dtype), [-1, 1, 1])
        hsv = rgb_to_hsv(images, data_format=self.data_format)
        ch = 1 if self.data_format == "channels_first" else -1
        h, s, v = tf.unstack(hsv, axis=ch)
        s = tf.clip_by_value(s * tf.cast(adjust, s.dtype), float(self.value_range[0]), float(self.value_range[1]))
        return hsv_to_rgb(tf.stack([h, s, v], axis=ch), data_format=self.data_format)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


class RandomColorJitter(_Augmentation):
    """In training, applies in turn RandomBrightness, RandomContrast, RandomSaturation and
    RandomHue, each only when its factor is given (each with ``value_range`` and ``seed``).
    Output in the layer's dtype; inference returns the input unchanged.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[[10.0, 20.0, 250.0]]]], "float32")
        >>> layers.RandomColorJitter(brightness_factor=(0.1, 0.1))(x).numpy().tolist()
        [[[[35.5, 45.5, 255.0]]]]
    """

    def __init__(self, value_range: Any = (0, 255), brightness_factor: Any = None, contrast_factor: Any = None,
                 saturation_factor: Any = None, hue_factor: Any = None, seed: Any = None, data_format: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.value_range = value_range
        self.brightness_factor = brightness_factor
        self.contrast_factor = contrast_factor
        self.saturation_factor = saturation_factor
        self.hue_factor = hue_factor
        self.random_brightness = None if brightness_factor is None else RandomBrightness(
            factor=brightness_factor, value_range=value_range, seed=seed)
        self.random_contrast = None if contrast_factor is None else RandomContrast(
            factor=contrast_factor, value_range=value_range, seed=seed)
        self.random_saturation = None if saturation_factor is None else RandomSaturation(
            factor=saturation_factor, value_range=value_range, seed=seed)
        self.random_hue = None if hue_factor is None else RandomHue(factor=hue_factor, value_range=value_range,
                                                                     seed=seed)

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        x = tf.cast(images, self.dtype)
        if self.random_brightness is not None:
            x = self.random_brightness._transform(x, True)
        if self.random_contrast is not None:
            x = self.random_contrast._transform(x, True)
        for sub in (self.random_saturation, self.random_hue):
            if sub is not None:
                x = sub.transform_images(x, sub.get_random_transformation(x), training=True)
        return tf.cast(x, self.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(value_range=self.value_range, brightness_factor=self.brightness_factor,
                   contrast_factor=self.contrast_factor, saturation_factor=self.saturation_factor,
                   hue_factor=self.hue_factor, seed=self.seed)
        return cfg


class RandomSharpness(_Augmentation):
    """In training, blends each image with its 3x3 smoothed version (kernel 1/13 around 5/13,
    zero padding): ``x + (1 - 2 f) (smooth(x) - x)``, ``f`` drawn in ``factor`` (a number ``a``:
    [0, a]), clipped to ``value_range``. Output in the layer's dtype, also at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.full((1, 3, 3, 1), 13.0, "float32")
        >>> layers.RandomSharpness(0.5).transform_images(x, {"factor": [0.25]})[0, ..., 0].numpy().round(3).tolist()
        [[10.5, 11.5, 10.5], [11.5, 13.0, 11.5], [10.5, 11.5, 10.5]]
    """

    def __init__(self, factor: Any, value_range: Any = (0, 255), data_format: Any = None, seed: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (0, 1))
        self.value_range = _value_range(value_range)

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        n = _batch_size(_images_of(data))
        return {"factor": tf.constant(self._uniform((n,), self.factor[0], self.factor[1]))}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = tf.cast(_t(images), self.dtype)
        if not training:
            return images
        x = tf.transpose(images, (0, 3, 2, 1)) if self.data_format == "channels_first" else images
        f = tf.reshape(tf.cast(_t(transformation["factor"]) * 2, self.dtype), [-1, 1, 1, 1])
        ch = int(x.shape[-1])
        a, b = 1.0 / 13.0, 5.0 / 13.0
        kernel = np.tile(np.array([[a, a, a], [a, b, a], [a, a, a]], self._np_dtype).reshape(3, 3, 1, 1),
                         (1, 1, ch, 1))
        smooth = tf.nn.depthwise_conv2d(x, tf.constant(kernel), strides=[1, 1, 1, 1], padding="SAME")
        x = x + (1.0 - f) * (smooth - x)
        x = tf.clip_by_value(x, float(self.value_range[0]), float(self.value_range[1]))
        return tf.transpose(x, (0, 3, 2, 1)) if self.data_format == "channels_first" else x

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


def _kernel_size(k: Any) -> tuple:
    msg = f"kernel_size must be an odd number. Received: kernel_size={k}"
    if isinstance(k, (tuple, list)):
        if len(k) != 2:
            raise ValueError(f"The `kernel_size` argument should be a number (or a list of two numbers) Received: "
                             f"kernel_size={k}")
        if k[0] % 2 == 0 or k[1] % 2 == 0:
            raise ValueError(msg)
        return k[0], k[1]
    if isinstance(k, (int, float)) and not isinstance(k, bool):
        if k % 2 == 0:
            raise ValueError(msg)
        return k, k
    raise ValueError(msg)


class RandomGaussianBlur(_Augmentation):
    """In training, blurs each image with probability drawn in ``factor`` (a number ``f``: [0,
    f]) with a Gaussian kernel of ``kernel_size``; the (y, x) sigmas are drawn once per call in
    ``sigma`` (a number ``s``: [0, s]) plus 1e-6. Clipped to ``value_range``; output in the
    layer's dtype, also at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.zeros((1, 3, 3, 1), "float32"); x[0, 1, 1, 0] = 100.0
        >>> out = layers.RandomGaussianBlur().transform_images(x, {"should_apply_blur": [True], "blur_factor": [1.0, 1.0]})
        >>> round(float(out[0, 1, 1, 0]), 3)
        20.418
    """

    def __init__(self, factor: Any = 1.0, kernel_size: Any = 3, sigma: Any = 1.0, value_range: Any = (0, 255),
                 data_format: Any = None, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (0, 1))
        self.kernel_size = _kernel_size(kernel_size)
        try:
            self.sigma = _base_factor(sigma, (0, 1))
        except ValueError:
            raise ValueError(f"The `sigma` argument should be a number (or a list of two numbers) in the range "
                             f"[0, 1]. Received: factor={sigma}") from None
        self.value_range = value_range

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        if not training:
            return None
        n = _batch_size(_images_of(data))
        probability = self._uniform((n,), self.factor[0], self.factor[1])
        threshold = self._uniform((n,), 0.0, 1.0)
        blur = self._uniform((2,), self.sigma[0], self.sigma[1]) + np.float32(1e-6)
        return {"should_apply_blur": tf.constant(threshold < probability),
                "blur_factor": tf.cast(blur, self.dtype)}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = tf.cast(_t(images), self.dtype)
        if not training or transformation is None:
            return images
        from ..ops.image import gaussian_blur

        sigma = _t(transformation["blur_factor"], self.dtype)
        blurred = gaussian_blur(images, kernel_size=self.kernel_size, sigma=sigma, data_format=self.data_format)
        apply = tf.reshape(_t(transformation["should_apply_blur"], tf.bool), [-1, 1, 1, 1])
        x = tf.where(tf.broadcast_to(apply, images.shape), tf.cast(blurred, self.dtype), images)
        return tf.clip_by_value(x, float(self.value_range[0]), float(self.value_range[1]))

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, kernel_size=self.kernel_size, sigma=self.sigma, value_range=self.value_range,
                   seed=self.seed)
        return cfg


# --- geometry -----------------------------------------------------------------------------------


class RandomShear(_Augmentation):
    """In training, shears each image: ``x' = x + sx y``, ``y' = sy x + y`` (TF's projective
    transform, ``fill_mode`` "reflect"/"wrap"/"constant"/"nearest", ``interpolation``
    "bilinear"/"nearest"), ``sx`` drawn in ``x_factor`` and ``sy`` in ``y_factor`` (a number
    ``f``: [-f, f]; factors must lie in [0, 1]) and both signs flipped at random. Output in the
    layer's dtype, also at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(9, dtype="float32").reshape(1, 3, 3, 1)
        >>> out = layers.RandomShear(fill_mode="constant").transform_images(x, {"shear_factor": [[1.0, 0.0]]})
        >>> out[0, ..., 0].numpy().tolist()
        [[0.0, 1.0, 2.0], [4.0, 5.0, 0.0], [8.0, 0.0, 0.0]]
    """

    _ERROR = "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. "
    _FILL_MODES = ("reflect", "wrap", "constant", "nearest")
    _INTERPOLATIONS = ("nearest", "bilinear")

    def __init__(self, x_factor: Any = 0.0, y_factor: Any = 0.0, interpolation: str = "bilinear",
                 fill_mode: str = "reflect", fill_value: float = 0.0, data_format: Any = None, seed: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.x_factor = self._factor(x_factor, "x_factor")
        self.y_factor = self._factor(y_factor, "y_factor")
        if fill_mode not in self._FILL_MODES:
            raise NotImplementedError(f"Unknown `fill_mode` {fill_mode}. Expected of one {self._FILL_MODES}.")
        if interpolation not in self._INTERPOLATIONS:
            raise NotImplementedError(f"Unknown `interpolation` {interpolation}. Expected of one "
                                      f"{self._INTERPOLATIONS}.")
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation

    def _factor(self, factor: Any, name: str) -> tuple:
        def check(v: float) -> None:
            if v > 1.0 or v < 0.0:
                raise ValueError(self._ERROR + f"Received: input_number={v}")

        if isinstance(factor, (tuple, list)):
            if len(factor) != 2:
                raise ValueError(self._ERROR + f"Received: {name}={factor}")
            check(factor[0])
            check(factor[1])
            return tuple(sorted(factor))
        if isinstance(factor, (int, float)) and not isinstance(factor, bool):
            check(factor)
            factor = abs(factor)
            return -factor, factor
        raise ValueError(self._ERROR + f"Received: {name}={factor}")

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        if not training:
            return None
        images = _images_of(data)
        n = int(images.shape[0]) if len(images.shape) == 4 else 1
        invert = np.where(self._uniform((n, 1), 0.0, 1.0) > 0.5, np.float32(-1), np.float32(1))
        sy = self._uniform((n, 1), self.y_factor[0], self.y_factor[1])
        sx = self._uniform((n, 1), self.x_factor[0], self.x_factor[1])
        return {"shear_factor": tf.cast(np.concatenate([sx, sy], axis=1) * invert, self.dtype),
                "input_shape": tuple(images.shape)}

    def transform_images(self, images: Any, transformation: Any, training: bool = True) -> Tensor:
        images = tf.cast(_t(images), self.dtype)
        if not training or transformation is None:
            return images
        from ..ops.image import affine_transform

        shear = np.asarray(_t(transformation["shear_factor"]).numpy(), np.float32).reshape(-1, 2)
        n = shear.shape[0]
        one, zero = np.ones(n, np.float32), np.zeros(n, np.float32)
        matrix = np.stack([one, shear[:, 0], zero, shear[:, 1], one, zero, zero, zero], axis=1)
        out = affine_transform(images, tf.constant(matrix), interpolation=self.interpolation, fill_mode=self.fill_mode,
                               fill_value=self.fill_value, data_format=self.data_format)
        return tf.cast(out, self.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(x_factor=self.x_factor, y_factor=self.y_factor, fill_mode=self.fill_mode,
                   interpolation=self.interpolation, seed=self.seed, fill_value=self.fill_value,
                   data_format=self.data_format)
        return cfg


class _LegacyResize(Layer):
    """tf.keras's RandomHeight / RandomWidth: one random scale of one side per call."""

    _axis = -3
    _side = "height"

    def __init__(self, factor: Any, interpolation: str = "bilinear", seed: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._autocast = False
        self.factor = factor
        if isinstance(factor, (tuple, list)):
            lower, upper = factor[0], factor[1]
        else:
            lower, upper = -factor, factor
        if upper < lower:
            bound = "lesser" if self._side == "height" else "less"
            raise ValueError(f"`factor` argument cannot have an upper bound {bound} than the lower bound. "
                             f"Received: factor={factor}")
        if lower < -1.0 or upper < -1.0:
            raise ValueError(f"`factor` argument must have values larger than -1. Received: factor={factor}")
        self._lower, self._upper = lower, upper
        self.interpolation = interpolation
        self.seed = seed
        self._generator = tf.random.Generator.from_seed(seed) if seed is not None else None

    def _convert_inputs(self, x: Any) -> Any:
        return x

    def call(self, inputs: Any, training: Any = True) -> Tensor:
        x = _tensor(inputs)
        if x._value.dtype != self._np_dtype:
            if x._value.dtype.kind != "f":
                raise InvalidArgumentError(f"{type(self).__name__} layer '{self.name}': Tensor conversion requested "
                                           f"dtype {self.dtype} for Tensor with dtype {x.dtype.name}",
                                           op=type(self).__name__)
            x = tf.cast(x, self.dtype)
        if not bool(training):
            return x
        lo, hi = 1.0 + self._lower, 1.0 + self._upper
        if self._generator is not None:
            f = float(self._generator.uniform((), lo, hi, dtype=tf.float32))
        else:
            f = float(tf.random.uniform((), lo, hi, dtype=tf.float32))
        shape = x._value.shape
        size = [shape[-3], shape[-2]]
        k = 0 if self._axis == -3 else 1
        size[k] = int(np.float32(f) * np.float32(size[k]))
        out = tf.image.resize(x, size, method=self.interpolation)
        return tf.cast(out, self.dtype)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shape = list(input_shape)
        shape[self._axis] = None
        return tuple(shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, interpolation=self.interpolation, seed=self.seed)
        return cfg


class RandomHeight(_LegacyResize):
    """tf.keras's (legacy) RandomHeight: in training, resizes the images (rank 3 or 4) to a
    random height ``int(h * (1 + f))``, one ``f`` per call drawn in ``factor`` (a number ``a``:
    [-a, a]), with ``tf.image.resize``'s ``interpolation``. Inputs must be floating; output in
    the layer's dtype.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.RandomHeight((0.5, 0.5))(np.zeros((2, 4, 5, 3), "float32")).shape.as_list()
        [2, 6, 5, 3]
    """


class RandomWidth(_LegacyResize):
    """tf.keras's (legacy) RandomWidth: as RandomHeight, for the width.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.RandomWidth((-0.4, -0.4))(np.zeros((4, 5, 3), "float32")).shape.as_list()
        [4, 3, 3]
    """

    _axis = -2
    _side = "width"


# --- erasing and mixing -------------------------------------------------------------------------


def _box_masks(shape: tuple, corners: tuple, data_format: str, dtype: Any) -> np.ndarray:
    """Keras's boolean masks of the boxes [x0, x1) x [y0, y1) per image, repeated over channels."""
    hax, wax, cax = (-2, -1, -3) if data_format == "channels_first" else (-3, -2, -1)
    h, w = shape[hax], shape[wax]
    gy, gx = np.meshgrid(np.arange(h, dtype=dtype), np.arange(w, dtype=dtype), indexing="ij")
    if data_format == "channels_last":
        gy, gx = gy[None, :, :, None], gx[None, :, :, None]
    else:
        gy, gx = gy[None, None, :, :], gx[None, None, :, :]
    x0, x1, y0, y1 = (c[:, None, None, None] for c in corners)
    masks = (gx >= x0) & (gx < x1) & (gy >= y0) & (gy < y1)
    return np.repeat(masks, shape[cax], axis=cax)


class _BoxMixin:
    def _crop_bounds(self, n: int, length: int, ratio: np.ndarray) -> tuple:
        dt = self._np_dtype
        crop = (ratio * length).astype(dt)
        start = (self._uniform((n,), 0.0, 1.0).astype(dt) * (np.asarray(length, dt) - crop)).astype(dt)
        return start, (start + crop).astype(dt)

    def _hw_axes(self) -> tuple:
        return (-2, -1) if self.data_format == "channels_first" else (-3, -2)


class RandomErasing(_BoxMixin, _Augmentation):
    """In training, erases a random box from each image with probability drawn in ``factor``
    (a number ``f``: [0, f]): each side is ``sqrt(s)`` of the image's, ``s`` drawn in ``scale``;
    the box is filled with ``fill_value`` (a number or one per channel; None: Gaussian noise
    times ``value_range[1]``), clipped to ``value_range``. Output in the layer's dtype, also at
    inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.ones((1, 2, 2, 1), "float32")
        >>> mask = np.array([True, False, False, False]).reshape(1, 2, 2, 1)
        >>> t = {"apply_erasing": [True], "batch_masks": mask, "fill_value": np.zeros((1, 2, 2, 1), "float32")}
        >>> layers.RandomErasing().transform_images(x, t)[0, ..., 0].numpy().tolist()
        [[0.0, 1.0], [1.0, 1.0]]
    """

    def __init__(self, factor: Any = 1.0, scale: Any = (0.02, 0.33), fill_value: Any = None, value_range: Any = (0, 255),
                 seed: Any = None, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (0, 1))
        try:
            self.scale = _base_factor(scale, (0, 1))
        except ValueError:
            raise ValueError(f"The `scale` argument should be a number (or a list of two numbers) in the range "
                             f"[0, 1]. Received: factor={scale}") from None
        self.fill_value = fill_value
        self.value_range = value_range

    def _fill(self, images: Any, shape: tuple) -> np.ndarray:
        fv = self.fill_value
        dt = self._np_dtype
        if fv is None:
            fill = self._rng().standard_normal(shape).astype(dt) * np.asarray(self.value_range[1], dt)
        elif isinstance(fv, (tuple, list)):
            if len(fv) != 3:
                raise ValueError("The `fill_value` argument should be a number (or a list of three numbers) ")
            fill = np.broadcast_to(np.asarray(fv, dt), shape).astype(dt)
        elif isinstance(fv, (int, float)):
            fill = np.ones(shape, dt) * np.asarray(fv, dt)
        else:
            raise ValueError("The `fill_value` argument should be a number (or a list of three numbers) ")
        return np.clip(fill, self.value_range[0], self.value_range[1]).astype(dt)

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        if not training:
            return None
        images = _images_of(data)
        n = _batch_size(images)
        shape = tuple(images.shape)
        hax, wax = self._hw_axes()
        s = np.sqrt(self._uniform((n, 2), self.scale[0], self.scale[1]).astype(self._np_dtype))
        x0, x1 = self._crop_bounds(n, shape[wax], s[:, 0])
        y0, y1 = self._crop_bounds(n, shape[hax], s[:, 1])
        masks = _box_masks(shape, (x0, x1, y0, y1), self.data_format, self._np_dtype)
        probability = self._uniform((n,), self.factor[0], self.factor[1])
        threshold = self._uniform((n,), 0.0, 1.0)
        return {"apply_erasing": tf.constant(threshold < probability), "batch_masks": tf.constant(masks),
                "fill_value": tf.constant(self._fill(images, shape))}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = tf.cast(_t(images), self.dtype)
        if not training:
            return images
        masks = _t(transformation["batch_masks"], tf.bool)
        fill = _t(transformation["fill_value"], self.dtype)
        shape = images.shape
        erased = tf.where(tf.broadcast_to(masks, shape), tf.broadcast_to(fill, shape), images)
        apply = tf.reshape(_t(transformation["apply_erasing"], tf.bool), [-1, 1, 1, 1])
        return tf.where(tf.broadcast_to(apply, shape), erased, images)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, scale=self.scale, fill_value=self.fill_value, value_range=self.value_range,
                   seed=self.seed)
        return cfg


def _mix_labels(labels: Any, weight: Any, order: Any) -> Tensor:
    from ..ops.numpy import add, multiply, reshape, subtract, take

    w = reshape(_t(weight), [-1, 1])
    other = take(labels, _t(order), axis=0)
    return add(multiply(w, labels), multiply(subtract(1.0, w), other))


class MixUp(_Augmentation):
    """In training, replaces each image (and label) by ``w x + (1 - w) x'``, ``x'`` another
    sample of the batch (a random permutation) and ``w`` drawn from Beta(``alpha``, ``alpha``).
    Labels must be floating (one-hot), as Keras. Output in the layer's dtype; inference returns
    the input unchanged.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([0.0, 10.0], "float32").reshape(2, 1, 1, 1)
        >>> t = {"mix_weight": [0.75, 0.5], "permutation_order": [1, 0]}
        >>> layers.MixUp().transform_images(x, t).numpy().ravel().tolist()
        [2.5, 5.0]
    """

    def __init__(self, alpha: float = 0.2, data_format: Any = None, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.alpha = alpha

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        images = _images_of(data)
        n = 1 if len(images.shape) == 3 else int(images.shape[0])
        order = self._rng().permutation(n).astype(np.int64)
        return {"mix_weight": tf.constant(self._beta(n, self.alpha, self.alpha)),
                "permutation_order": tf.constant(order)}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = _t(images)
        if not training:
            return images
        x = tf.cast(images, self.dtype)
        w = tf.cast(tf.reshape(_t(transformation["mix_weight"]), [-1, 1, 1, 1]), self.dtype)
        other = tf.cast(tf.gather(x, _t(transformation["permutation_order"]), axis=0), self.dtype)
        return w * x + (1.0 - w) * other

    def transform_labels(self, labels: Any, transformation: Any, training: bool = True) -> Any:
        if not training:
            return labels
        labels = _t(labels)
        if labels.dtype.is_integer:
            raise InvalidArgumentError("cannot compute Mul as input #1(zero-based) was expected to be a float tensor "
                                       f"but is a {labels.dtype.name} tensor [Op:Mul] name: ", op="Mul")
        return _mix_labels(labels, _t(transformation["mix_weight"], labels.dtype),
                           transformation["permutation_order"])

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(alpha=self.alpha, seed=self.seed)
        return cfg


class CutMix(_BoxMixin, _Augmentation):
    """In training, pastes a random box of another image of the batch into each image and mixes
    the labels by the pasted area: ``w = 1 - box area / image area``. The box's sides are
    ``sqrt(1 - l)`` of the image's, ``l`` drawn from Beta(``a``, ``a``) with ``a`` drawn in
    ``factor`` (a number ``f``: [0, f]). A single image (rank 3) is returned as it is. Output
    in the layer's dtype, also at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([0.0, 10.0], "float32").reshape(2, 1, 1, 1)
        >>> t = {"permutation_order": [1, 0], "batch_masks": np.array([True, False]).reshape(2, 1, 1, 1),
        ...      "mix_weight": [0.0, 1.0]}
        >>> layers.CutMix().transform_images(x, t).numpy().ravel().tolist()
        [10.0, 10.0]
    """

    def __init__(self, factor: Any = 1.0, seed: Any = None, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _base_factor(factor, (0, 1))

    def get_random_transformation(self, data: Any, training: bool = True, seed: Any = None) -> Any:
        if not training:
            return None
        images = _images_of(data)
        if len(images.shape) == 3:
            return None
        shape = tuple(images.shape)
        n = shape[0]
        hax, wax = self._hw_axes()
        h, w = shape[hax], shape[wax]
        dt = self._np_dtype
        alpha = float(self._uniform((), self.factor[0], self.factor[1])) + 1e-6
        weight = self._beta(n, alpha, alpha).astype(dt)
        ratio = np.sqrt(np.asarray(1.0, dt) - weight)
        x0, x1 = self._crop_bounds(n, w, ratio)
        y0, y1 = self._crop_bounds(n, h, ratio)
        masks = _box_masks(shape, (x0, x1, y0, y1), self.data_format, dt)
        weight = (1.0 - (x1 - x0) * (y1 - y0) / (w * h)).astype(dt)
        order = self._rng().permutation(n).astype(np.int32)
        return {"permutation_order": tf.constant(order), "batch_masks": tf.constant(masks),
                "mix_weight": tf.constant(weight)}

    def transform_images(self, images: Any, transformation: Any = None, training: bool = True) -> Tensor:
        images = tf.cast(_t(images), self.dtype)
        if not training or transformation is None:
            return images
        masks = tf.broadcast_to(_t(transformation["batch_masks"], tf.bool), images.shape)
        other = tf.gather(images, _t(transformation["permutation_order"]), axis=0)
        return tf.where(masks, other, images)

    def transform_labels(self, labels: Any, transformation: Any, training: bool = True) -> Any:
        if not training or transformation is None:
            return labels
        return _mix_labels(_t(labels), transformation["mix_weight"], transformation["permutation_order"])

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, seed=self.seed)
        return cfg


__all__ = ["RandomGrayscale", "RandomInvert", "Solarization", "RandomPosterization", "AutoContrast", "Equalization",
           "RandomHue", "RandomSaturation", "RandomColorJitter", "RandomSharpness", "RandomGaussianBlur",
           "RandomShear", "RandomHeight", "RandomWidth", "RandomErasing", "MixUp", "CutMix"]
