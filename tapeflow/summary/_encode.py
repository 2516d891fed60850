"""Pure NumPy encoders behind ``tf.summary``: histogram buckets, PNG images, WAV audio.

No TensorBoard library is needed here; ``_events.py`` wraps the results in protocol buffers.

Example:
    >>> import numpy as np
    >>> b = histogram_buckets(np.arange(10.0), 5)
    >>> b.shape, float(b[:, 2].sum())
    ((5, 3), 10.0)
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

DEFAULT_BUCKET_COUNT = 30


def histogram_buckets(data: np.ndarray, bucket_count: int | None = None) -> np.ndarray:
    """TensorBoard's ``[k, 3]`` histogram (``left edge, right edge, count`` per bucket) as float64.

    ``k`` equal-width buckets between the minimum and the maximum; the last one is closed. No data
    (or ``k == 0``) gives ``k`` all-zero rows; a single repeated value gives buckets whose edges are
    all that value, with every count in the last one.

    Example:
        >>> histogram_buckets(np.array([1.0, 1.0]), 3).tolist()
        [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 2.0]]
    """
    k = DEFAULT_BUCKET_COUNT if bucket_count is None else max(int(bucket_count), 0)
    x = np.asarray(data, dtype=np.float64).reshape(-1)
    if k == 0 or x.size == 0:
        return np.zeros((k, 3), np.float64)
    lo, hi = float(x.min()), float(x.max())
    if hi == lo:
        counts = np.zeros(k, np.float64)
        counts[-1] = x.size
        edges = np.full(k, hi)
        return np.stack([edges, edges, counts], axis=1)
    width = (hi - lo) / k
    with np.errstate(invalid="ignore", over="ignore"):
        q = np.floor((x - lo) / width)
    q = q[np.isfinite(q)]  # NaN/inf data falls in no bucket (TF counts them nowhere either)
    idx = np.minimum(q.astype(np.int64), k - 1)
    counts = np.bincount(idx, minlength=k).astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        edges = np.linspace(lo, hi, k + 1)
    edges[0], edges[-1] = lo, hi
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


def to_uint8_image(arr: np.ndarray) -> np.ndarray:
    """Pixels as uint8, as TF's ``convert_image_dtype(..., uint8, saturate=True)``.

    Floats are taken in ``[0, 1]`` (scaled by 255.5 and floored, clipped), other integer types are
    shifted down to 8 bits, bools become 0/255.

    Example:
        >>> to_uint8_image(np.array([0.0, 0.5, 1.0, 2.0])).tolist()
        [0, 127, 255, 255]
    """
    a = np.asarray(arr)
    if a.dtype == np.uint8:
        return a
    if a.dtype == np.bool_:
        return a.astype(np.uint8) * np.uint8(255)
    if a.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            scaled = np.floor(a.astype(np.float64) * 255.5)
        return np.clip(np.nan_to_num(scaled), 0, 255).astype(np.uint8)
    if a.dtype.kind in "iu":
        bits = a.dtype.itemsize * 8 - (1 if a.dtype.kind == "i" else 0)
        shifted = a.astype(np.int64) >> max(bits - 8, 0) if bits > 8 else a.astype(np.int64) << (8 - bits)
        return np.clip(shifted, 0, 255).astype(np.uint8)
    raise TypeError(f"image: pixels must be numbers, got dtype {a.dtype}")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(img: np.ndarray) -> bytes:
    """One ``(height, width, channels)`` uint8 image (1-4 channels) as PNG bytes.

    Example:
        >>> encode_png(np.zeros((2, 3, 1), np.uint8))[:8]
        b'\\x89PNG\\r\\n\\x1a\\n'
    """
    h, w, c = img.shape
    color = {1: 0, 2: 4, 3: 2, 4: 6}[c]  # gray, gray+alpha, RGB, RGBA
    rows = np.ascontiguousarray(img, np.uint8).reshape(h, w * c)
    raw = np.concatenate([np.zeros((h, 1), np.uint8), rows], axis=1).tobytes()  # filter byte 0 per row
    head = struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", head) + _png_chunk(b"IDAT", zlib.compress(raw, 6))
            + _png_chunk(b"IEND", b""))


def encode_wav(audio: np.ndarray, sample_rate: int) -> bytes:
    """A ``(frames, channels)`` float clip in ``[-1, 1]`` as 16-bit PCM WAV bytes.

    Example:
        >>> encode_wav(np.zeros((4, 1), np.float32), 8000)[:4]
        b'RIFF'
    """
    frames, channels = audio.shape
    scaled = np.round(np.clip(np.asarray(audio, np.float64), -1.0, 1.0) * 32768.0)  # as TF's encode_wav
    pcm = np.clip(scaled, -32768, 32767).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, channels, sample_rate, sample_rate * channels * 2, channels * 2, 16)
    return (b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
            + b"data" + struct.pack("<I", len(pcm)) + pcm)


__all__ = ["DEFAULT_BUCKET_COUNT", "histogram_buckets", "to_uint8_image", "encode_png", "encode_wav"]
