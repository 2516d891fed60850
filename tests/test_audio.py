"""tf.audio.decode_wav / encode_wav: round trips, TF's exact bytes and TF's parsing of RIFF chunks."""

from __future__ import annotations

import hashlib
import io
import struct
import wave

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError

# tf.audio.encode_wav(AUDIO, 16000).numpy() printed by TF 2.21
AUDIO = [[0.0, 0.5], [-1.0, 1.0], [0.25, -0.3], [2.0, -2.0], [0.99999, -0.99999]]
TF_WAV = (b"RIFF8\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x02\x00\x80>\x00\x00\x00\xfa\x00\x00\x04\x00\x10\x00"
          b"data\x14\x00\x00\x00\x00\x00\x00@\x00\x80\xff\x7f\x00 \x9a\xd9\xff\x7f\x00\x80\xff\x7f\x00\x80")


def fmt(ch=1, sr=8000, bits=16, tag=1, block=None, bps=None, size=16, extra=b""):
    block = ch * bits // 8 if block is None else block
    bps = block * sr if bps is None else bps
    return b"fmt " + struct.pack("<IHHIIHH", size, tag, ch, sr, bps, block, bits) + extra


def riff(*chunks, size=None):
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body) if size is None else size) + body


def data(samples, size=None):
    raw = struct.pack(f"<{len(samples)}h", *samples)
    return b"data" + struct.pack("<I", len(raw) if size is None else size) + raw


def ints(wav, **kw):
    audio, rate = tf.audio.decode_wav(wav, **kw)
    return (audio.numpy() * 32768).astype(int).tolist(), int(rate)


def test_encode_matches_tf_bytes():
    w = tf.audio.encode_wav(tf.constant(AUDIO), 16000)
    assert w.dtype == tf.string and w.shape == ()
    assert w.numpy() == TF_WAV
    assert tf.audio.encode_wav(AUDIO, 16000).numpy() == TF_WAV  # a list converts to float32


def test_encode_rounding_clipping_and_nan_as_tf():
    x = np.array([[np.nan], [np.inf], [-np.inf], [0.5 / 32768], [1.5 / 32768], [-0.5 / 32768], [-1.5 / 32768],
                  [2.5 / 32768]], np.float32)
    assert tf.audio.encode_wav(x, 8000).numpy()[44:] == b"\x00\x00\xff\x7f\x00\x80\x01\x00\x02\x00\xff\xff\xfe\xff\x03\x00"
    rng = np.random.default_rng(0)
    x = rng.uniform(-1.2, 1.2, size=(300, 3)).astype(np.float32)
    x[0, 0], x[1, 0], x[2, 0] = np.nan, np.inf, -np.inf
    w = tf.audio.encode_wav(x, 22050).numpy()
    assert len(w) == 1844
    assert hashlib.sha256(w).hexdigest() == "9a748bb8dd25f498b8eaea250137f7d97523cebafa1bae804a276e66cd1f0838"


def test_decode_as_tf():
    audio, rate = tf.audio.decode_wav(TF_WAV)
    assert audio.dtype == tf.float32 and rate.dtype == tf.int32 and int(rate) == 16000
    assert audio.numpy().tolist() == [[0.0, 0.5], [-1.0, 0.999969482421875], [0.25, -0.29998779296875],
                                      [0.999969482421875, -1.0], [0.999969482421875, -1.0]]
    r = tf.audio.decode_wav(tf.constant(TF_WAV))
    assert type(r).__name__ == "DecodeWav" and r.sample_rate.numpy() == 16000 and r.audio.shape == (5, 2)


def test_round_trip_of_every_int16_through_the_wave_module():
    s = np.arange(-32768, 32768, dtype=np.int16).reshape(-1, 1)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(44100)
        wf.writeframes(s.tobytes())
    audio, rate = tf.audio.decode_wav(buf.getvalue())
    assert int(rate) == 44100
    np.testing.assert_array_equal(audio.numpy(), s.astype(np.float32) / 32768)
    assert tf.audio.encode_wav(audio, 44100).numpy() == buf.getvalue()
    back = wave.open(io.BytesIO(tf.audio.encode_wav(tf.constant(AUDIO), 16000).numpy()))
    assert (back.getnchannels(), back.getsampwidth(), back.getframerate(), back.getnframes()) == (2, 2, 16000, 5)


def test_desired_channels_and_samples():
    w = riff(fmt(ch=3), data([1, 2, 3, 4, 5, 6]))
    assert ints(w, desired_channels=5)[0] == [[1, 2, 3, 3, 3], [4, 5, 6, 6, 6]]
    assert ints(w, desired_channels=1)[0] == [[1], [4]]
    assert ints(riff(fmt(ch=1), data([1, 2])), desired_channels=3)[0] == [[1, 1, 1], [2, 2, 2]]
    assert ints(w, desired_samples=1)[0] == [[1, 2, 3]]
    assert ints(w, desired_samples=3)[0] == [[1, 2, 3], [4, 5, 6], [0, 0, 0]]
    assert tf.audio.decode_wav(w, desired_channels=0).audio.shape == (2, 0)
    assert tf.audio.decode_wav(w, desired_samples=0).audio.shape == (0, 3)
    assert ints(w, desired_channels=tf.constant(1))[0] == [[1], [4]]
    with pytest.raises(InvalidArgumentError, match="desired_channels must be >= -1, got -2"):
        tf.audio.decode_wav(w, desired_channels=-2)
    with pytest.raises(InvalidArgumentError, match="desired_samples must be >= -1, got -3"):
        tf.audio.decode_wav(w, desired_samples=-3)


def test_chunks_are_read_as_tf_reads_them():
    junk = b"JUNK" + struct.pack("<I", 3) + b"abc"  # no padding byte after odd chunks, as in TF
    assert ints(riff(junk, fmt(), data([7]))) == ([[7]], 8000)
    assert ints(riff(b"JUNK\x00\x00\x00\x00" * 2, fmt(), data([7]))) == ([[7]], 8000)
    lst = b"LIST" + struct.pack("<I", 3) + b"abc"
    assert ints(riff(fmt(), lst, data([7]))) == ([[7]], 8000)
    assert ints(riff(fmt(), data([7]), lst)) == ([[7]], 8000)
    assert ints(riff(fmt(size=18, extra=b"\x05\x00"), data([7]))) == ([[7]], 8000)
    for size in (0, 4, 1000):  # the RIFF size is not checked
        assert ints(riff(fmt(), data([5, 6]), size=size)) == ([[5], [6]], 8000)
    assert ints(riff(fmt(), data([5, 6, 7], size=7))) == ([[5], [6], [7]], 8000)  # a byte over: ignored
    assert ints(riff(fmt(ch=2), data([5, 6, 7, 8], size=3))) == ([], 8000)  # no whole frame
    # after the data TF reads the next chunk header; a size past the end stops the loop
    assert ints(riff(fmt(), data([5, 6])) + b"\x01" * 8) == ([[5], [6]], 8000)
    assert ints(riff(fmt(sr=0), data([1]))) == ([[1]], 0)


@pytest.mark.parametrize("wav, msg", [
    (b"garbage", "Header mismatch: Expected RIFF but found garb"),
    (b"RIFF\x00\x00\x00\x00WAVX", "Header mismatch: Expected WAVE but found WAVX"),
    (b"", "Data too short when trying to read string"),
    (b"RIFF\x04\x00\x00\x00WAVE", "Data too short when trying to read string"),
    (riff(data([1]), fmt()), "Unexpected field data"),
    (riff(b"LIST" + struct.pack("<I", 4) + b"abcd", fmt(), data([7])), "Unexpected field LIST"),
    (riff(b"JUNK" + struct.pack("<I", 100), fmt(), data([7])), "Data too short when trying to read string"),
    (riff(fmt(size=40, extra=b"\x00" * 24), data([5])), "Bad format chunk size for WAV: Expected 16 or 18, but got40"),
    (riff(fmt(tag=3), data([5])), r"Bad audio format for WAV: Expected 1 \(PCM\), but got3"),
    (riff(fmt(ch=0), data([5])), "Bad number of channels for WAV: Expected at least 1, but got 0"),
    (riff(fmt(bits=8, block=1), data([5])), "Can only read 16-bit WAV files, but received 8"),
    (riff(fmt(block=4), data([5])), "Bad bytes per sample in WAV header: Expected 2 but got 4"),
    (riff(fmt(bps=3), data([5])), r"Bad bytes per second in WAV header: Expected 16000 but got 3 \(sample_rate=8000, "
                                  r"bytes_per_sample=2\)"),
    (riff(fmt()), "No data chunk found in WAV"),
    (riff(fmt(size=18)), "No data chunk found in WAV"),
    (riff(fmt(), data([7]), data([8])), "More than one data chunk found in WAV"),
    (riff(fmt(), data([5, 6], size=6)), "Data too short when trying to read string"),
    (riff(fmt(), data([5, 6]))[:-1], "Data too short when trying to read string"),
    (riff(fmt(), data([5, 6])) + b"xy", "Data too short when trying to read string"),
    (riff(fmt(), data([5, 6, 7], size=3)), "Data too short when trying to read string"),
    (riff(fmt(), b"data" + struct.pack("<I", 0x80000000)),
     "WAV data chunk 'data' is too large: 2147483648 bytes, but the limit is 2147483647"),
])
def test_decode_errors_as_tf(wav, msg):
    with pytest.raises(InvalidArgumentError, match=msg):
        tf.audio.decode_wav(wav)


def test_decode_argument_errors():
    with pytest.raises(InvalidArgumentError, match=r"contents must be scalar, got shape \[1\]"):
        tf.audio.decode_wav(tf.constant([TF_WAV]))
    with pytest.raises(InvalidArgumentError, match="expected to be a string tensor but is a int32 tensor"):
        tf.audio.decode_wav(tf.constant(1))


def test_encode_errors_as_tf():
    with pytest.raises(InvalidArgumentError, match=r"audio must be 2-dimensional\[2\]"):
        tf.audio.encode_wav(tf.constant([1.0, 0.5]), 8000)
    with pytest.raises(InvalidArgumentError, match=r"Input sample_rate should be a scalar tensor, got \[1\] instead."):
        tf.audio.encode_wav(tf.constant(AUDIO), [8000])
    with pytest.raises(TypeError, match="Cannot convert 8000.0 to EagerTensor of dtype int32"):
        tf.audio.encode_wav(tf.constant(AUDIO), 8000.0)
    with pytest.raises(InvalidArgumentError, match="expected to be a float tensor but is a double tensor"):
        tf.audio.encode_wav(tf.constant(AUDIO, tf.float64), 8000)
    with pytest.raises(InvalidArgumentError, match="expected to be a int32 tensor but is a int64 tensor"):
        tf.audio.encode_wav(tf.zeros([1, 2]), tf.constant(5, tf.int64))
    with pytest.raises(InvalidArgumentError, match="audio is null"):
        tf.audio.encode_wav(tf.zeros([3, 0]), 8000)
    with pytest.raises(InvalidArgumentError, match=r"num_channels must be in \(0, 2\^16\), got: 0"):
        tf.audio.encode_wav(tf.zeros([0, 0]), 8000)
    with pytest.raises(InvalidArgumentError, match=r"num_channels must be in \(0, 2\^16\), got: 65536"):
        tf.audio.encode_wav(tf.zeros([1, 65536]), 5)
    with pytest.raises(InvalidArgumentError, match=r"sample_rate must be in \(0, 2\^32\), got: 18446744073709551611"):
        tf.audio.encode_wav(tf.zeros([1, 2]), -5)


def test_encode_edge_headers_as_tf():
    assert tf.audio.encode_wav(tf.zeros([0, 2]), 8000).numpy() == (
        b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x02\x00@\x1f\x00\x00\x00}\x00\x00\x04\x00\x10\x00"
        b"data\x00\x00\x00\x00")
    assert tf.audio.encode_wav(tf.zeros([1, 65535]), 5).numpy()[:44] == (
        b'RIFF"\x00\x02\x00WAVEfmt \x10\x00\x00\x00\x01\x00\xff\xff\x05\x00\x00\x00\xf6\xff\t\x00\xfe\xff\x10\x00'
        b"data\xfe\xff\x01\x00")
    assert tf.audio.encode_wav(tf.zeros([2, 1]), 2**30).numpy()[:44] == (
        b"RIFF(\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x00\x00\x00@\x00\x00\x00\x80\x02\x00\x10\x00"
        b"data\x04\x00\x00\x00")
    audio, _ = tf.audio.decode_wav(tf.audio.encode_wav(tf.zeros([0, 2]), 8000))
    assert audio.shape == (0, 2)


def test_gradients_as_tf():
    x = tf.constant([[0.5]])
    with tf.GradientTape() as g:
        g.watch(x)
        audio, _ = tf.audio.decode_wav(tf.audio.encode_wav(x, 8000))
    assert g.gradient(audio, x) is None


def test_gradient_through_encode_wav_raises_tf_lookup_error():
    x = tf.constant([[0.1], [0.2]])
    with tf.GradientTape() as g:
        g.watch(x)
        w = tf.audio.encode_wav(x, 8000)
    with pytest.raises(LookupError, match="gradient registry has no entry for: EncodeWav"):
        g.gradient(w, x)
