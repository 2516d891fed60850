"""``tf.audio``: 16-bit PCM WAV decoding and encoding, as TF's ``DecodeWav`` / ``EncodeWav``.

Samples are float32 in ``[-1, 1)``: a 16-bit sample ``s`` decodes to ``s / 32768``, and encoding
rounds ``x * 32768`` half away from zero, clamped to ``[-32768, 32767]`` (NaN encodes as 0). The
RIFF chunks are read exactly as TF reads them (with ``struct``; Python's ``wave`` module accepts and
refuses different files), so the same files decode and the same ones fail, with TF's messages.
Encoding has no gradient in TF (``LookupError``); decoding reads a string, so its result has none.

Example:
    >>> import tapeflow as tf
    >>> wav = tf.audio.encode_wav(tf.constant([[0.0, 0.5], [-1.0, 0.25]]), 16000)
    >>> audio, rate = tf.audio.decode_wav(wav)
    >>> audio.numpy().tolist(), int(rate)
    ([[0.0, 0.5], [-1.0, 0.25]], 16000)
"""

from __future__ import annotations

import collections
import struct
from typing import Any

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .ops.hash_ops import tf_type_name
from .primitives import bind, defprim, no_gradient
from .tensor import Tensor, Variable, _object_array, convert_to_tensor

__all__ = ["decode_wav", "encode_wav"]

_DecodeWav = collections.namedtuple("DecodeWav", ["audio", "sample_rate"])

_INT32_MAX = 2**31 - 1


def _text(b: bytes) -> str:
    """Bytes in a message as TF's C strings show them (cut at the first NUL)."""
    return b.split(b"\0", 1)[0].decode("latin-1")


def _shape_text(shape: tuple) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


class _Reader:
    """TF's bounds-checked cursor over the WAV bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def skip(self, n: int) -> None:
        if self.pos + n > len(self.data):
            raise InvalidArgumentError("Data too short when trying to read string", op="DecodeWav")
        self.pos += n

    def take(self, n: int) -> bytes:
        start = self.pos
        self.skip(n)
        return self.data[start:self.pos]

    def expect(self, text: bytes) -> None:
        found = self.take(len(text))
        if found != text:
            raise InvalidArgumentError(
                f"Header mismatch: Expected {text.decode()} but found {_text(found)}", op="DecodeWav")

    def u16(self) -> int:
        return struct.unpack("<H", self.take(2))[0]

    def u32(self) -> int:
        return struct.unpack("<I", self.take(4))[0]


def _parse_wav(data: bytes) -> tuple:
    """(samples as an int16 array of shape (frames, channels), sample rate) of a 16-bit PCM WAV."""
    r = _Reader(data)
    bad = lambda msg: InvalidArgumentError(msg, op="DecodeWav")  # noqa: E731
    r.expect(b"RIFF")
    r.u32()  # the RIFF size is not checked, as in TF
    r.expect(b"WAVE")
    while True:  # JUNK chunks may come before the format chunk
        chunk = r.take(4)
        if chunk == b"fmt ":
            break
        if chunk != b"JUNK":
            raise bad(f"Unexpected field {_text(chunk)}")
        r.skip(r.u32())
    fmt_size = r.u32()
    if fmt_size not in (16, 18):
        raise bad(f"Bad format chunk size for WAV: Expected 16 or 18, but got{fmt_size}")
    audio_format = r.u16()
    if audio_format != 1:
        raise bad(f"Bad audio format for WAV: Expected 1 (PCM), but got{audio_format}")
    channels = r.u16()
    if channels < 1:
        raise bad(f"Bad number of channels for WAV: Expected at least 1, but got {channels}")
    rate = r.u32()
    bytes_per_second = r.u32()
    bytes_per_sample = r.u16()
    bits = r.u16()
    if bits != 16:
        raise bad(f"Can only read 16-bit WAV files, but received {bits}")
    expected = (bits * channels + 7) // 8
    if bytes_per_sample != expected:
        raise bad(f"Bad bytes per sample in WAV header: Expected {expected} but got {bytes_per_sample}")
    expected = (bytes_per_sample * rate) & 0xFFFFFFFF
    if bytes_per_second != expected:
        raise bad(f"Bad bytes per second in WAV header: Expected {expected} but got {bytes_per_second} "
                  f"(sample_rate={rate}, bytes_per_sample={bytes_per_sample})")
    if fmt_size == 18:
        r.pos += 2  # unchecked, as in TF
    samples = None
    while r.pos < len(data):
        chunk = r.take(4)
        size = r.u32()
        if size > _INT32_MAX:
            raise bad(f"WAV data chunk '{_text(chunk)}' is too large: {size} bytes, but the limit is "
                      f"{_INT32_MAX}")
        if chunk == b"data":
            if samples is not None:
                raise bad("More than one data chunk found in WAV")
            frames = size // bytes_per_sample
            raw = r.take(2 * frames * channels)  # TF continues right after the samples it read
            samples = np.frombuffer(raw, "<i2").reshape(frames, channels)
        else:
            r.pos += size  # unchecked, as in TF: a chunk running past the end ends the file
    if samples is None:
        raise bad("No data chunk found in WAV")
    return samples, rate


def _decode_fwd(contents: np.ndarray, *, desired_channels: int, desired_samples: int) -> tuple:
    if desired_channels < -1:
        raise InvalidArgumentError(f"desired_channels must be >= -1, got {desired_channels}", op="DecodeWav")
    if desired_samples < -1:
        raise InvalidArgumentError(f"desired_samples must be >= -1, got {desired_samples}", op="DecodeWav")
    if contents.ndim != 0:
        raise InvalidArgumentError(
            f"contents must be scalar, got shape {_shape_text(contents.shape)}", op="DecodeWav")
    samples, rate = _parse_wav(contents[()])
    frames, channels = samples.shape
    out_frames = frames if desired_samples == -1 else desired_samples
    out_channels = channels if desired_channels == -1 else desired_channels
    out = np.zeros((out_frames, out_channels), np.float32)
    n = min(frames, out_frames)
    if n and out_channels:
        src = np.minimum(np.arange(out_channels), channels - 1)  # extra channels repeat the last one
        out[:n] = samples[:n][:, src].astype(np.float32) * np.float32(1.0 / 32768)
    return out, np.asarray(np.uint32(rate).astype(np.int32))


_DECODE = defprim("decode_wav", _decode_fwd, None, n_out=2)  # a string input: no gradient path


def _int_param(x: Any) -> int:
    if isinstance(x, (Tensor, Variable)):
        return int(np.asarray(x).reshape(()))
    return int(x)


def decode_wav(contents: Any, desired_channels: int = -1, desired_samples: int = -1, name: str | None = None) -> Any:
    """Decode a 16-bit PCM WAV file (a scalar string tensor) into float32 ``audio`` of shape
    ``(samples, channels)`` in ``[-1, 1)`` and its int32 ``sample_rate``, as TF's namedtuple
    ``DecodeWav(audio, sample_rate)``. ``desired_channels`` keeps the first channels or repeats the
    last one; ``desired_samples`` truncates or pads with zeros (-1 keeps the file's).

    Example:
        >>> import tapeflow as tf
        >>> wav = tf.audio.encode_wav(tf.constant([[0.5], [-0.25]]), 8000)
        >>> tf.audio.decode_wav(wav, desired_channels=2, desired_samples=3).audio.numpy().tolist()
        [[0.5, 0.5], [-0.25, -0.25], [0.0, 0.0]]
    """
    if isinstance(contents, Variable):
        contents = contents._read()
    t = contents if isinstance(contents, Tensor) else convert_to_tensor(contents)
    if t._value.dtype.kind != "O":
        raise InvalidArgumentError(
            f"cannot compute DecodeWav as input #0(zero-based) was expected to be a string tensor but is a "
            f"{tf_type_name(t.dtype)} tensor", op="DecodeWav")
    params = {"desired_channels": _int_param(desired_channels), "desired_samples": _int_param(desired_samples)}
    audio, rate = bind(_DECODE, (t,), params)
    return _DecodeWav(audio, rate)


def _encode_fwd(audio: np.ndarray, sample_rate: np.ndarray) -> np.ndarray:
    bad = lambda msg: InvalidArgumentError(msg, op="EncodeWav")  # noqa: E731
    if audio.ndim != 2:
        raise bad(f"audio must be 2-dimensional{_shape_text(audio.shape)}")
    if sample_rate.ndim != 0:
        raise bad(f"Input sample_rate should be a scalar tensor, got {_shape_text(sample_rate.shape)} instead.")
    frames, channels = audio.shape
    rate = int(sample_rate) & 0xFFFFFFFFFFFFFFFF  # TF widens the int32 to size_t
    if audio.size == 0 and frames > 0:
        raise bad("audio is null")
    if rate == 0 or rate > 0xFFFFFFFF:
        raise bad(f"sample_rate must be in (0, 2^32), got: {rate}")
    if channels == 0 or channels > 0xFFFF:
        raise bad(f"num_channels must be in (0, 2^16), got: {channels}")
    data_size = frames * channels * 2
    file_size = 44 + data_size
    if file_size > 0xFFFFFFFF:
        raise bad("Provided channels and frames cannot be encoded as a WAV.")
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", file_size - 8, b"WAVE", b"fmt ", 16, 1, channels, rate,
                         (rate * 2 * channels) & 0xFFFFFFFF, (2 * channels) & 0xFFFF, 16, b"data", data_size)
    v = audio.astype(np.float64) * 32768.0  # exact; then C's roundf (half away from zero)
    v = np.sign(v) * np.floor(np.abs(v) + 0.5)
    v = np.where(np.isnan(v), 0.0, np.clip(v, -32768.0, 32767.0))
    return _object_array([header + v.astype("<i2").tobytes()], ())


_ENCODE = defprim("encode_wav", _encode_fwd, no_gradient("EncodeWav"))


def encode_wav(audio: Any, sample_rate: Any, name: str | None = None) -> Tensor:
    """Encode float32 ``audio`` of shape ``(samples, channels)`` as a 16-bit PCM WAV file (a scalar
    string tensor) with the int32 ``sample_rate``.

    Example:
        >>> import tapeflow as tf
        >>> wav = tf.audio.encode_wav(tf.constant([[0.5]]), 5)
        >>> len(wav.numpy()), wav.numpy()[:4], wav.numpy()[-2:]
        (46, b'RIFF', b'\\x00@')
    """
    if isinstance(audio, Variable):
        audio = audio._read()
    a = audio if isinstance(audio, Tensor) else convert_to_tensor(audio, dtype=_dt.float32)
    if a._value.dtype != np.float32:
        raise InvalidArgumentError(
            f"cannot compute EncodeWav as input #0(zero-based) was expected to be a float tensor but is a "
            f"{tf_type_name(a.dtype)} tensor", op="EncodeWav")
    if isinstance(sample_rate, Variable):
        sample_rate = sample_rate._read()
    if isinstance(sample_rate, float):  # TF never converts a Python float to int32
        raise TypeError(f"Cannot convert {sample_rate!r} to EagerTensor of dtype int32")
    sr = sample_rate if isinstance(sample_rate, Tensor) else convert_to_tensor(sample_rate, dtype=_dt.int32)
    if sr._value.dtype != np.int32:
        raise InvalidArgumentError(
            f"cannot compute EncodeWav as input #1(zero-based) was expected to be a int32 tensor but is a "
            f"{tf_type_name(sr.dtype)} tensor", op="EncodeWav")
    return bind(_ENCODE, (a, sr))
