"""``keras.utils.array_to_img`` / ``img_to_array`` / ``load_img`` / ``save_img`` (they need Pillow,
as in Keras: without it they raise ``ImportError``).

Example:
    >>> import numpy as np
    >>> img = array_to_img(np.zeros((2, 3, 3)))
    >>> img.size, img_to_array(img).shape
    ((3, 2), (2, 3, 3))
"""

from __future__ import annotations

import io
import pathlib
import warnings
from typing import Any

import numpy as np

try:
    from PIL import Image as _pil
except ImportError:  # pragma: no cover - Pillow is optional
    _pil = None

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


def _data_format(data_format: str | None) -> str:
    from .. import backend as _backend

    fmt = _backend.image_data_format() if data_format is None else str(data_format).lower()
    if fmt not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    return fmt


def _floatx() -> str:
    from .. import backend as _backend

    return _backend.floatx()


def array_to_img(x: Any, data_format: str | None = None, scale: bool = True, dtype: Any = None) -> Any:
    """A PIL image from a 3-D array (height, width, channels) with 1 (L, or I above 255), 3 (RGB)
    or 4 (RGBA) channels; ``scale`` maps the values' range onto [0, 255].

    Example:
        >>> array_to_img(np.ones((4, 5, 1))).mode
        'L'
    """
    data_format = _data_format(data_format)
    if dtype is None:
        dtype = _floatx()
    if _pil is None:
        raise ImportError("Could not import PIL.Image. The use of `array_to_img` requires PIL.")
    x = np.asarray(x.numpy() if hasattr(x, "numpy") else x, dtype=dtype)
    if x.ndim != 3:
        raise ValueError(f"Expected image array to have rank 3 (single image). Got array with shape: {x.shape}")
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        x_max = np.max(x)
        if x_max != 0:
            x /= x_max
        x *= 255
    if x.shape[2] == 4:
        return _pil.fromarray(x.astype("uint8"), "RGBA")
    if x.shape[2] == 3:
        return _pil.fromarray(x.astype("uint8"), "RGB")
    if x.shape[2] == 1:
        if np.max(x) > 255:
            return _pil.fromarray(x[:, :, 0].astype("int32"), "I")
        return _pil.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"Unsupported channel number: {x.shape[2]}")


def img_to_array(img: Any, data_format: str | None = None, dtype: Any = None) -> np.ndarray:
    """A 3-D NumPy array (``floatx()`` by default) from a PIL image (grayscale gets a channel axis).

    Example:
        >>> img_to_array(array_to_img(np.ones((4, 5, 1)))).shape
        (4, 5, 1)
    """
    data_format = _data_format(data_format)
    if dtype is None:
        dtype = _floatx()
    x = np.asarray(img, dtype=dtype)
    if x.ndim == 3:
        if data_format == "channels_first":
            x = x.transpose(2, 0, 1)
    elif x.ndim == 2:
        x = x.reshape((1,) + x.shape) if data_format == "channels_first" else x.reshape(x.shape + (1,))
    else:
        raise ValueError(f"Unsupported image shape: {x.shape}")
    return x


def save_img(path: Any, x: Any, data_format: str | None = None, file_format: str | None = None, scale: bool = True,
             **kwargs: Any) -> None:
    """Save an image array to ``path`` (the format from the extension unless ``file_format``)."""
    data_format = _data_format(data_format)
    if file_format is None and isinstance(path, (str, pathlib.Path)):
        file_format = pathlib.Path(path).suffix[1:].lower()
    if file_format and file_format.lower() == "jpg":
        file_format = "jpeg"
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and file_format == "jpeg":
        warnings.warn("The JPEG format does not support RGBA images, converting to RGB.", stacklevel=2)
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)


def load_img(path: Any, color_mode: str = "rgb", target_size: Any = None, interpolation: str = "nearest",
             keep_aspect_ratio: bool = False) -> Any:
    """Load an image file as a PIL image in ``color_mode`` ('grayscale', 'rgb', 'rgba'), resized to
    ``target_size`` ``(height, width)`` when given (center-cropped first with ``keep_aspect_ratio``)."""
    if _pil is None:
        raise ImportError("Could not import PIL.Image. The use of `load_img` requires PIL.")
    if isinstance(path, io.BytesIO):
        img = _pil.open(path)
    elif isinstance(path, (pathlib.Path, bytes, str)):
        if isinstance(path, pathlib.Path):
            path = str(path.resolve())
        with open(path, "rb") as f:
            img = _pil.open(io.BytesIO(f.read()))
    else:
        raise TypeError(f"path should be path-like or io.BytesIO, not {type(path)}")
    if color_mode == "grayscale":
        if img.mode not in ("L", "I;16", "I"):
            img = img.convert("L")
    elif color_mode == "rgba":
        if img.mode != "RGBA":
            img = img.convert("RGBA")
    elif color_mode == "rgb":
        if img.mode != "RGB":
            img = img.convert("RGB")
    else:
        raise ValueError('color_mode must be "grayscale", "rgb", or "rgba"')
    if target_size is not None:
        wh = (target_size[1], target_size[0])
        if img.size != wh:
            if interpolation not in _INTERPOLATIONS:
                raise ValueError(f"Invalid interpolation method {interpolation} specified. Supported methods are "
                                 f"{', '.join(_INTERPOLATIONS)}")
            resampling = getattr(_pil, "Resampling", _pil)
            resample = getattr(resampling, interpolation.upper())
            if keep_aspect_ratio:
                width, height = img.size
                tw, th = wh
                crop_h = min(height, (width * th) // tw)
                crop_w = min(width, (height * tw) // th)
                h0 = (height - crop_h) // 2
                w0 = (width - crop_w) // 2
                img = img.resize(wh, resample, box=[w0, h0, w0 + crop_w, h0 + crop_h])
            else:
                img = img.resize(wh, resample)
    return img


__all__ = ["array_to_img", "img_to_array", "load_img", "save_img"]
