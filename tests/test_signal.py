"""tf.signal: FFTs (values, dtypes, TF's gradient conventions, order 2), DCTs, windows, framing,
STFT, MDCT, mel matrices. Reference values marked "TF" were printed by TensorFlow 2.21."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError

RNG = np.random.default_rng(2024)


def _r(*shape):
    return RNG.standard_normal(shape)


def _c(*shape, dtype=np.complex64):
    return (RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape)).astype(dtype)


def _grad(f, *xs):
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        t.watch(xs)
        y = f(*xs)
    return [g.numpy() for g in t.gradient(y, xs)]


# --- the audio-tutorial spectrogram --------------------------------------------------------------------


def test_stft_audio_tutorial_matches_tf():
    n = np.arange(16000)
    w = (np.sin(0.05 * n) + 0.3 * np.cos(0.31 * n + 0.2) + 0.01 * (((n * 7919) % 101) - 50) / 50).astype(np.float32)
    s = tf.signal.stft(tf.constant(w), frame_length=255, frame_step=128)
    assert s.shape == (124, 129) and s.dtype == tf.complex64
    tf_values = {(0, 0): -0.027363479137420654 + 0j, (0, 1): -2.771468162536621 + 30.207096099853516j,  # TF
                 (10, 5): 0.18993784487247467 - 0.04846806451678276j, (123, 128): 0.0010440945625305176 + 0j,
                 (60, 64): 0.03838150203227997 - 0.008782774209976196j,
                 (77, 2): 19.59680938720703 + 60.35103988647461j}
    got = s.numpy()
    for ij, v in tf_values.items():
        assert abs(got[ij] - v) <= 1e-4 * max(1.0, abs(v)), (ij, got[ij], v)
    assert np.isclose(float(tf.reduce_sum(tf.abs(s))), 21423.38671875, rtol=1e-5)  # TF
    # and against a NumPy spectrogram (periodic Hann window, 256-point rFFT)
    frames = np.lib.stride_tricks.sliding_window_view(w.astype(np.float64), 255)[::128]
    hann = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(255) / 254)  # odd length: periodic == symmetric (TF)
    ref = np.fft.rfft(frames * hann, 256)
    np.testing.assert_allclose(got, ref, rtol=1e-4, atol=2e-4)


# --- FFT values and dtypes ------------------------------------------------------------------------------


@pytest.mark.parametrize("name,rank,inverse", [("fft", 1, False), ("ifft", 1, True), ("fft2d", 2, False),
                                               ("ifft2d", 2, True), ("fft3d", 3, False), ("ifft3d", 3, True)])
@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_complex_ffts_match_numpy(name, rank, inverse, dtype):
    x = _c(2, 3, 4, 5, dtype=dtype)
    y = getattr(tf.signal, name)(tf.constant(x))
    assert y.dtype == tf.as_dtype(dtype) and y.shape == x.shape
    axes = tuple(range(-rank, 0))
    ref = np.fft.ifftn(x.astype(np.complex128), axes=axes) if inverse else np.fft.fftn(x.astype(np.complex128), axes=axes)
    np.testing.assert_allclose(y.numpy(), ref, rtol=1e-4 if dtype == np.complex64 else 1e-12, atol=1e-5)


def test_fft_dtype_and_rank_errors():
    assert tf.signal.fft([1 + 0j, 2]).dtype == tf.complex128  # as TF: Python complex -> complex128
    for bad in (tf.constant([1.0, 2.0]), tf.constant([1, 2]), tf.constant([1.0], tf.float64)):
        with pytest.raises(InvalidArgumentError, match="complex"):
            tf.signal.fft(bad)
    with pytest.raises(InvalidArgumentError, match="rank of at least 1"):
        tf.signal.fft(tf.constant(1 + 0j))
    with pytest.raises(InvalidArgumentError, match="rank of at least 2"):
        tf.signal.fft2d(tf.constant([1 + 0j, 2]))
    assert tf.signal.fft(tf.zeros([0], tf.complex64)).shape == (0,)


def test_rfft_irfft_values_as_tf():
    x = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0], tf.float64)
    r = tf.signal.rfft(x)
    assert r.dtype == tf.complex128
    np.testing.assert_allclose(r.numpy(), [15, -2.5 + 3.4409548011779334j, -2.5 + 0.8122992405822659j])  # TF
    np.testing.assert_allclose(tf.signal.rfft(x, [8]).numpy(),  # TF (zero-padded)
                               [15, -5.414213562373096 - 7.242640687119285j, 3 + 2j,
                                -2.5857864376269046 - 1.2426406871192848j, 3])
    np.testing.assert_allclose(tf.signal.rfft(x, tf.constant([3])).numpy(), [6, -1.5 + 0.8660254037844386j])  # TF
    z = tf.constant([1 + 2j, -1 + 0.5j, 3 - 1j, 0.25 + 0j], tf.complex128)
    y = tf.signal.irfft(z)
    assert y.dtype == tf.float64 and y.shape == (6,)
    np.testing.assert_allclose(y.numpy(), [0.875, -0.39732909936926025, -0.5580127018922193, 1.4583333333333333,
                                           0.3080127018922193, -0.6860042339640728])  # TF
    np.testing.assert_allclose(tf.signal.irfft(z, [5]).numpy(), [1.0, -0.8495243933419574, 0.3964475340233599,
                                                                1.3924068479764722, -0.9393299886578745])  # TF
    np.testing.assert_allclose(tf.signal.irfft(z, [4]).numpy(), [0.5, -0.75, 1.5, -0.25])  # TF (cropped input)
    assert tf.signal.rfft(tf.constant([1.0, 2.0])).dtype == tf.complex64
    assert tf.signal.irfft(tf.constant([1 + 0j, 2], tf.complex64)).dtype == tf.float32


@pytest.mark.parametrize("rank", [1, 2, 3])
@pytest.mark.parametrize("lengths", ["same", "pad", "crop", "odd"])
def test_real_ffts_match_numpy(rank, lengths):
    x = _r(2, 4, 6, 8)[(0,) * (3 - rank)].astype(np.float32)
    shape = x.shape[-rank:]
    n = {"same": shape, "pad": tuple(s + 3 for s in shape), "crop": tuple(s - 1 for s in shape),
         "odd": tuple(s | 1 for s in shape)}[lengths]
    f, inv = {1: (tf.signal.rfft, tf.signal.irfft), 2: (tf.signal.rfft2d, tf.signal.irfft2d),
              3: (tf.signal.rfft3d, tf.signal.irfft3d)}[rank]
    y = f(x, list(n))
    axes = tuple(range(-rank, 0))
    np.testing.assert_allclose(y.numpy(), np.fft.rfftn(x.astype(np.float64), s=n, axes=axes), rtol=1e-4, atol=1e-4)
    z = _c(*y.shape)
    back = inv(z, list(n))
    assert back.dtype == tf.float32 and back.shape == x.shape[:-rank] + n
    np.testing.assert_allclose(back.numpy(), np.fft.irfftn(z.astype(np.complex128), s=n, axes=axes), rtol=1e-4,
                               atol=1e-5)


def test_real_fft_errors():
    with pytest.raises(ValueError, match="RFFT requires tf.float32 or tf.float64"):
        tf.signal.rfft(tf.constant([1 + 0j]))
    with pytest.raises(ValueError, match="RFFT requires"):
        tf.signal.rfft(tf.constant([1.0], tf.float16))
    with pytest.raises(ValueError, match="IRFFT requires tf.complex64 or tf.complex128"):
        tf.signal.irfft(tf.constant([1.0, 2.0]))
    with pytest.raises(ValueError, match="rank at least 2"):
        tf.signal.rfft2d(tf.range(6.0))
    with pytest.raises(ValueError, match="fft_length"):
        tf.signal.rfft(tf.constant([1.0, 2.0]), [2, 2])


# --- FFT gradients: TF's values and conventions, order 2 -------------------------------------------------


def test_fft_gradients_equal_tf():
    x = tf.constant([0.5, -1.0, 2.0, 0.25, 1.5, -0.75])
    w1, w2 = tf.constant([1.0, -2.0, 0.5, 3.0]), tf.constant([0.5, 1.0, -1.0, 2.0])
    g = _grad(lambda x: tf.reduce_sum(tf.math.real(tf.signal.rfft(x)) * w1 + tf.math.imag(tf.signal.rfft(x)) * w2), x)
    np.testing.assert_allclose(g[0], [2.5, -3.25, 3.017949342727661, 0.49999988079071045, 6.482050895690918, -3.25],
                               rtol=1e-5, atol=1e-6)  # TF
    z = tf.constant([1 + 2j, -1 + 0.5j, 3 - 1j, 0.25 + 1j], tf.complex64)
    wo = tf.constant([1.0, -1.0, 2.0, 0.5, 0.25, -3.0])
    g = _grad(lambda z: tf.reduce_sum(tf.signal.irfft(z) * wo), z)[0]
    assert g.dtype == np.complex64
    np.testing.assert_allclose(g, [-0.0416666679084301, -0.8749999403953552 - 1.0825318098068237j,
                                   0.7916666269302368 - 0.07216878980398178j, 1.125], rtol=1e-5, atol=1e-6)  # TF
    g = _grad(lambda z: tf.reduce_sum(tf.math.real(tf.signal.fft(z)) * w1 + tf.math.imag(tf.signal.fft(z)) * w2), z)
    np.testing.assert_allclose(g[0], [2.5 + 2.5j, 1.5 - 3.5j, 0.5 - 3.5j, -0.5 + 6.5j], rtol=1e-6)  # TF
    g = _grad(lambda z: tf.reduce_sum(tf.math.real(tf.signal.ifft(z)) * w1), z)
    np.testing.assert_allclose(g[0], [0.625, 0.125 + 1.25j, 0.125, 0.125 - 1.25j], rtol=1e-6)  # TF
    x2 = tf.reshape(tf.constant([0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 1.0, 2.0]), [2, 4])
    g = _grad(lambda x: tf.reduce_sum(tf.math.real(tf.signal.rfft2d(x)) * tf.reshape(tf.range(6.0), [2, 3])
                                      + tf.math.imag(tf.signal.rfft2d(x))), x2)
    np.testing.assert_allclose(g[0], [[15.0, -6.0, 5.0, -2.0], [-9.0, 0.0, -3.0, 0.0]], atol=1e-5)  # TF


def _parts(z):
    return [tf.math.real(z), tf.math.imag(z)]


@pytest.mark.parametrize("case", [
    ("fft", lambda a, b: _parts(tf.signal.fft(tf.complex(a, b))), [(2, 5), (2, 5)]),
    ("ifft", lambda a, b: _parts(tf.signal.ifft(tf.complex(a, b))), [(3, 4), (3, 4)]),
    ("fft2d", lambda a, b: _parts(tf.signal.fft2d(tf.complex(a, b))), [(2, 3, 4), (2, 3, 4)]),
    ("ifft2d", lambda a, b: _parts(tf.signal.ifft2d(tf.complex(a, b))), [(3, 4), (3, 4)]),
    ("fft3d", lambda a, b: _parts(tf.signal.fft3d(tf.complex(a, b))), [(2, 2, 3), (2, 2, 3)]),
    ("ifft3d", lambda a, b: _parts(tf.signal.ifft3d(tf.complex(a, b))), [(2, 3, 2), (2, 3, 2)]),
    ("rfft", lambda x: _parts(tf.signal.rfft(x)), [(2, 6)]),
    ("rfft-odd-pad", lambda x: _parts(tf.signal.rfft(x, [9])), [(2, 6)]),
    ("rfft-crop", lambda x: _parts(tf.signal.rfft(x, [4])), [(2, 6)]),
    ("rfft-squared", lambda x: [tf.math.real(z) ** 2 + tf.math.imag(z) ** 2 for z in [tf.signal.rfft(x)]], [(7,)]),
    ("irfft", lambda a, b: tf.signal.irfft(tf.complex(a, b)), [(2, 5), (2, 5)]),
    ("irfft-odd", lambda a, b: tf.signal.irfft(tf.complex(a, b), [7]) ** 2, [(2, 5), (2, 5)]),
    ("irfft-pad", lambda a, b: tf.signal.irfft(tf.complex(a, b), [12]), [(2, 5), (2, 5)]),
    ("rfft2d", lambda x: _parts(tf.signal.rfft2d(x, [3, 6])), [(3, 4, 5)]),
    ("irfft2d", lambda a, b: tf.signal.irfft2d(tf.complex(a, b), [4, 6]) ** 2, [(2, 4, 4), (2, 4, 4)]),
    ("irfft2d-odd", lambda a, b: tf.signal.irfft2d(tf.complex(a, b), [3, 5]), [(3, 3), (3, 3)]),
])
def test_fft_gradients_order_two(case):
    _, f, shapes = case
    check_grads(f, [_r(*s) for s in shapes], order=2)


def test_jacobians_of_ffts_and_framing():
    x = tf.constant(_r(6))
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        z = tf.signal.rfft(x)
        re, im = tf.math.real(z), tf.math.imag(z)
        back = tf.signal.irfft(tf.complex(re, im), [6])
        frames = tf.signal.frame(x, 3, 2)
        added = tf.signal.overlap_and_add(frames, 2)
    dft = np.fft.rfft(np.eye(6), axis=0)
    np.testing.assert_array_equal(t.jacobian(frames, x).numpy().reshape(-1, 6), np.eye(6)[[0, 1, 2, 2, 3, 4]])
    np.testing.assert_array_equal(t.jacobian(added, x).numpy(), np.diag([1.0, 1.0, 2.0, 1.0, 1.0, 0.0])[:5])
    np.testing.assert_allclose(t.jacobian(re, x).numpy(), dft.real, atol=1e-12)
    np.testing.assert_allclose(t.jacobian(im, x).numpy(), dft.imag, atol=1e-12)
    np.testing.assert_allclose(t.jacobian(back, x).numpy(), np.eye(6), atol=1e-12)


def test_ffts_without_gradient_raise_lookup_error_as_tf():
    x = tf.ones([2, 2, 2])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(tf.math.real(tf.signal.rfft3d(x)))
    with pytest.raises(LookupError, match="no entry for: RFFT3D"):
        t.gradient(y, x)
    z = tf.complex(tf.ones([2, 2]), tf.zeros([2, 2]))
    with tf.GradientTape() as t:
        t.watch(z)
        y = tf.reduce_sum(tf.math.real(tf.signal.fftnd(z)))
    with pytest.raises(LookupError, match="no entry for: FFTND"):
        t.gradient(y, z)


# --- N-D FFTs ---------------------------------------------------------------------------------------------


def test_fftnd_family_matches_numpy():
    z = _c(3, 4, 5)
    np.testing.assert_allclose(tf.signal.fftnd(z).numpy(), np.fft.fftn(z), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(tf.signal.fftnd(z, fft_length=[6, 3], axes=[0, -1], norm="ortho").numpy(),
                               np.fft.fftn(z, s=[6, 3], axes=[0, 2], norm="ortho"), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(tf.signal.ifftnd(z, axes=[1], norm="forward").numpy(),
                               np.fft.ifftn(z, axes=[1], norm="forward"), rtol=1e-4, atol=1e-4)
    x = _r(3, 4, 6).astype(np.float32)
    r = tf.signal.rfftnd(x, axes=[0, 2])
    assert r.dtype == tf.complex64 and r.shape == (3, 4, 4)
    np.testing.assert_allclose(r.numpy(), np.fft.rfftn(x, axes=[0, 2]), rtol=1e-4, atol=1e-4)
    back = tf.signal.irfftnd(r, fft_length=[3, 6], axes=[0, 2])
    assert back.dtype == tf.float32
    np.testing.assert_allclose(back.numpy(), x, atol=1e-5)
    np.testing.assert_allclose(tf.signal.irfftnd(r, axes=[0, 2], norm="ortho").numpy(),
                               np.fft.irfftn(r.numpy(), axes=[0, 2], norm="ortho"), rtol=1e-4, atol=1e-5)
    # the raw top-level ops
    np.testing.assert_allclose(tf.fftnd(z, [4], [0]).numpy(), np.fft.fftn(z, s=[4], axes=[0]), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(tf.ifftnd(z, [5, 5], [1, 2]).numpy(), np.fft.ifftn(z, s=[5, 5], axes=[1, 2]),
                               rtol=1e-4, atol=1e-5)
    assert tf.rfftnd(x.astype(np.float64), [6], [2], Tcomplex=tf.complex128).dtype == tf.complex128
    assert tf.irfftnd(r, [3, 6], [0, 2]).shape == (3, 4, 6)
    with pytest.raises(InvalidArgumentError, match="Tcomplex"):
        tf.rfftnd(x.astype(np.float64), [6], [2])
    with pytest.raises(ValueError, match="norm"):
        tf.signal.fftnd(z, norm="bogus")
    with pytest.raises(InvalidArgumentError, match="distinct"):
        tf.signal.fftnd(z, axes=[0, 0])


def test_fftshift_and_ifftshift():
    x = tf.constant([0.0, 1.0, 2.0, 3.0, 4.0, -5.0, -4.0, -3.0, -2.0, -1.0])
    assert tf.signal.fftshift(x).numpy().tolist() == [-5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0]
    m = tf.reshape(tf.range(15), [3, 5])
    assert tf.signal.fftshift(tf.range(5)).numpy().tolist() == [3, 4, 0, 1, 2]  # TF
    assert tf.signal.ifftshift(tf.range(5)).numpy().tolist() == [2, 3, 4, 0, 1]  # TF
    assert tf.signal.fftshift(m, axes=1).numpy().tolist() == np.fft.fftshift(m.numpy(), axes=1).tolist()
    assert tf.signal.ifftshift(m).numpy().tolist() == np.fft.ifftshift(m.numpy()).tolist()
    assert tf.signal.ifftshift(m, axes=[0, -1]).numpy().tolist() == np.fft.ifftshift(m.numpy(), axes=[0, 1]).tolist()
    check_grads(lambda v: tf.signal.fftshift(v, axes=0) * v, [_r(5, 2)], order=2)


# --- DCT ----------------------------------------------------------------------------------------------------

_DCT_TF = {  # TF: tf.signal.dct(tf.constant([1., -2., 0.5, 3., 0.25]), type=t, norm=norm)
    (1, None): [4.25, -6.321067810058594, 0.25, 7.821067810058594, 0.25],
    (2, None): [5.5, -4.451267719268799, 0.4045085906982422, 10.392243385314941, 0.15450811386108398],
    (2, "ortho"): [1.229837417602539, -1.4076144695281982, 0.1279168426990509, 3.28631591796875, 0.04885975643992424],
    (3, None): [1.686010718345642, -7.771006107330322, 0.49999961256980896, 8.343955039978027, 2.241039991378784],
    (3, "ortho"): [0.6641493439674377, -2.3264222145080566, 0.28909969329833984, 2.76957631111145, 0.839664876461029],
    (4, None): [1.9206175804138184, -5.703956604003906, 8.131728172302246, 6.058944225311279, -2.0162572860717773],
    (4, "ortho"): [0.607352614402771, -1.803749442100525, 2.5714781284332275, 1.916006326675415, -0.6375965476036072],
}


@pytest.mark.parametrize("key", sorted(_DCT_TF, key=str))
def test_dct_values_as_tf(key):
    t, norm = key
    y = tf.signal.dct(tf.constant([1.0, -2.0, 0.5, 3.0, 0.25]), type=t, norm=norm)
    assert y.dtype == tf.float32
    np.testing.assert_allclose(y.numpy(), _DCT_TF[key], rtol=1e-5, atol=2e-6)


def _dct_ref(x, t, norm):
    n = x.shape[-1]
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    if t == 1:
        m = 2 * np.cos(np.pi * k * i / (n - 1))
        m[:, 0] = 1
        m[:, -1] = (-1.0) ** np.arange(n)
    elif t == 2:
        m = 2 * np.cos(np.pi * k * (2 * i + 1) / (2 * n))
        if norm:
            m *= np.where(k == 0, np.sqrt(1 / (4 * n)), np.sqrt(1 / (2 * n)))
    elif t == 3:
        m = 2 * np.cos(np.pi * i * (2 * k + 1) / (2 * n))
        m[:, 0] = 1
        if norm:
            m *= np.where(i == 0, 1 / np.sqrt(n), np.sqrt(1 / (2 * n)))
    else:
        m = 2 * np.cos(np.pi * (2 * i + 1) * (2 * k + 1) / (4 * n))
        if norm:
            m *= np.sqrt(1 / (2 * n))
    return x @ m.T


@pytest.mark.parametrize("t,norm", [(1, None), (2, None), (2, "ortho"), (3, None), (3, "ortho"), (4, None),
                                    (4, "ortho")])
def test_dct_matches_the_cosine_matrices_and_inverts(t, norm):
    x = _r(3, 8)
    np.testing.assert_allclose(tf.signal.dct(x, type=t, norm=norm).numpy(), _dct_ref(x, t, norm), atol=1e-10)
    back = tf.signal.idct(tf.signal.dct(x, type=t, norm=norm), type=t, norm=norm).numpy()
    scale = 1.0 if norm else (2 * (8 - 1) if t == 1 else 2 * 8)
    np.testing.assert_allclose(back / scale, x, atol=1e-10)
    check_grads(lambda v: tf.signal.dct(v, type=t, norm=norm) ** 2, [_r(2, 5)], order=2)


def test_dct_n_and_errors():
    x = _r(2, 6)
    np.testing.assert_allclose(tf.signal.dct(x, n=4).numpy(), _dct_ref(x[:, :4], 2, None), atol=1e-10)
    np.testing.assert_allclose(tf.signal.dct(x, n=9).numpy(), _dct_ref(np.pad(x, [(0, 0), (0, 3)]), 2, None),
                               atol=1e-10)
    with pytest.raises(NotImplementedError, match="axis must be -1"):
        tf.signal.dct(x, axis=0)
    with pytest.raises(ValueError, match="Normalization is not supported for the Type-I DCT"):
        tf.signal.dct(x, type=1, norm="ortho")
    with pytest.raises(ValueError, match="Types I, II, III and IV"):
        tf.signal.dct(x, type=5)
    with pytest.raises(ValueError, match="Type-I DCT requires the dimension to be greater than one"):
        tf.signal.dct(tf.constant([1.0]), type=1)
    with pytest.raises(ValueError, match="Unknown normalization"):
        tf.signal.dct(x, norm="x")
    with pytest.raises(ValueError, match="n should be a positive integer"):
        tf.signal.dct(x, n=0)
    with pytest.raises(TypeError):
        tf.signal.dct(tf.constant([1, 2]))


def test_mfccs_as_tf():
    m = tf.signal.mfccs_from_log_mel_spectrograms(tf.constant([[1.0, 2.0, 0.5, -1.0]]))
    np.testing.assert_allclose(m.numpy(), [[1.7677669525146484, 1.7124598026275635, -1.25, -0.4387260973453522]],
                               rtol=1e-5, atol=1e-6)  # TF
    check_grads(lambda v: tf.signal.mfccs_from_log_mel_spectrograms(v) ** 2, [_r(2, 6)], order=2)
    with pytest.raises(ValueError, match="num_mel_bins must be positive"):
        tf.signal.mfccs_from_log_mel_spectrograms(tf.zeros([2, 0]))


# --- windows ------------------------------------------------------------------------------------------------


def test_windows_as_tf():
    close = np.testing.assert_allclose
    close(tf.signal.hann_window(5).numpy(), [0.0, 0.5, 1.0, 0.5, 0.0], atol=1e-7)  # TF: odd periodic == symmetric
    close(tf.signal.hann_window(6).numpy(), [0.0, 0.25, 0.75, 1.0, 0.7499999403953552, 0.24999982118606567],
          atol=1e-7)  # TF
    close(tf.signal.hann_window(6, periodic=False).numpy(),
          [0.0, 0.34549152851104736, 0.9045085310935974, 0.9045084714889526, 0.3454914391040802, 0.0], atol=1e-7)
    close(tf.signal.hamming_window(6).numpy(), [0.08000001311302185, 0.3100000321865082, 0.7700000405311584, 1.0,
                                                0.7699999809265137, 0.30999985337257385], atol=1e-7)  # TF
    close(tf.signal.kaiser_window(5).numpy(), [5.2773448260268196e-05, 0.21567265689373016, 1.0,
                                               0.21567265689373016, 5.2773448260268196e-05], rtol=1e-5)  # TF
    close(tf.signal.kaiser_window(4, beta=2.0).numpy(), [0.43867626786231995, 0.9243138432502747,
                                                         0.9243138432502747, 0.43867626786231995], rtol=1e-6)  # TF
    close(tf.signal.kaiser_bessel_derived_window(6).numpy(),
          [0.0071310256607830524, 0.7071067690849304, 0.9999745488166809, 0.9999745488166809, 0.7071067690849304,
           0.0071310256607830524], rtol=1e-5)  # TF
    close(tf.signal.vorbis_window(5).numpy(), [0.1494358628988266, 0.8563191294670105, 1.0, 0.8563191294670105,
                                               0.14943568408489227], atol=1e-7)  # TF
    assert tf.signal.hann_window(1).numpy().tolist() == [1.0]
    assert tf.signal.hann_window(0).shape == (0,)
    assert tf.signal.hann_window(4, dtype=tf.float16).dtype == tf.float16
    assert tf.signal.kaiser_window(7, dtype=tf.float64).dtype == tf.float64
    np.testing.assert_allclose(tf.signal.kaiser_window(9, beta=3.0, dtype=tf.float64).numpy(), np.kaiser(9, 3.0),
                               rtol=1e-12)
    np.testing.assert_allclose(tf.signal.hamming_window(8, periodic=False, dtype=tf.float64).numpy(),
                               np.hamming(8), atol=1e-15)
    with pytest.raises(ValueError, match="dtype must be a floating point type"):
        tf.signal.hann_window(4, dtype=tf.int32)


def test_kaiser_windows_differentiable_in_beta():
    check_grads(lambda b: tf.signal.kaiser_window(6, b, dtype=tf.float64), [np.array(3.0)], order=2)
    check_grads(lambda b: tf.signal.kaiser_bessel_derived_window(8, b, dtype=tf.float64), [np.array(3.0)], order=2)


# --- framing, overlap-add, STFT, MDCT -----------------------------------------------------------------------


def test_frame_shapes_values_and_padding():
    assert tf.signal.frame(tf.range(7), 3, 2).numpy().tolist() == [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    assert tf.signal.frame(tf.range(5), 3, 2, pad_end=True, pad_value=-1).numpy().tolist() == [
        [0, 1, 2], [2, 3, 4], [4, -1, -1]]
    assert tf.signal.frame(tf.range(3), 5, 2).shape == (0, 5)  # TF
    assert tf.signal.frame(tf.range(3), 5, 2, pad_end=True).numpy().tolist() == [[0, 1, 2, 0, 0], [2, 0, 0, 0, 0]]
    x = _r(2, 11, 3)
    f = tf.signal.frame(x, 4, 3, axis=1).numpy()
    assert f.shape == (2, 3, 4, 3)
    np.testing.assert_array_equal(f[:, 1], x[:, 3:7])
    audio = tf.zeros([3, 9152])
    assert tf.signal.frame(audio, 512, 180).shape == (3, 49, 512)  # TF's docstring
    assert tf.signal.frame(audio, 512, 180, pad_end=True).shape == (3, 51, 512)
    with pytest.raises(ValueError, match="rank at least 1"):
        tf.signal.frame(tf.constant(1.0), 1, 1)
    check_grads(lambda v: tf.signal.frame(v, 4, 3, pad_end=True, axis=0) ** 2, [_r(10, 2)], order=2)


def test_overlap_and_add():
    assert tf.signal.overlap_and_add(tf.ones([3, 4]), 2).numpy().tolist() == [1, 1, 2, 2, 2, 2, 1, 1]  # TF
    y = _r(2, 5, 7)
    out = tf.signal.overlap_and_add(y, 3).numpy()
    ref = np.zeros((2, 4 * 3 + 7))
    for i in range(5):
        ref[:, 3 * i: 3 * i + 7] += y[:, i]
    np.testing.assert_allclose(out, ref, atol=1e-12)
    assert tf.signal.overlap_and_add(y, 9).shape == (2, 4 * 9 + 7)
    with pytest.raises(ValueError, match="rank at least 2"):
        tf.signal.overlap_and_add(tf.ones([3]), 1)
    with pytest.raises(ValueError, match="frame_step must be an integer"):
        tf.signal.overlap_and_add(tf.ones([3, 2]), 1.0)
    check_grads(lambda v: tf.signal.overlap_and_add(v, 2) ** 2, [_r(2, 3, 5)], order=2)


def test_stft_dtypes_and_gradients():
    assert tf.signal.stft(tf.zeros([3, 400], tf.float64), 100, 50).dtype == tf.complex128
    s = tf.signal.stft(tf.zeros([2, 1000]), 256, 100, pad_end=True)
    assert s.shape == (2, 10, 129)
    assert tf.signal.stft(tf.zeros([1000]), 200, 80, fft_length=300).shape == (11, 151)

    def power(v):
        z = tf.signal.stft(v, 16, 8, pad_end=True)
        return tf.math.real(z) ** 2 + tf.math.imag(z) ** 2

    check_grads(power, [_r(2, 50)], order=2)


def test_inverse_stft():
    y = tf.signal.inverse_stft(tf.signal.stft(tf.range(12.0), 4, 2), 4, 2)
    np.testing.assert_allclose(y.numpy(), [0.0, 0.25, 2.0, 1.5, 4.0, 2.5, 6.0, 3.5, 8.0, 4.5, 10.0, 2.75],
                               atol=1e-5)  # TF
    out = tf.signal.inverse_stft(tf.zeros([5, 65], tf.complex128), 128, 32)
    assert out.dtype == tf.float64 and out.shape == (256,)  # TF
    x = tf.constant(_r(2000).astype(np.float32))
    rec = tf.signal.inverse_stft(tf.signal.stft(x, 256, 64), 256, 64,
                                 window_fn=tf.signal.inverse_stft_window_fn(64))
    np.testing.assert_allclose(rec.numpy()[256:1700], x.numpy()[256:1700], atol=1e-5)
    w = tf.signal.inverse_stft_window_fn(2)(4, dtype=tf.float32)
    assert w.numpy().tolist() == [0.0, 1.0, 1.0, 1.0]  # TF
    check_grads(lambda a, b: tf.signal.inverse_stft(tf.complex(a, b), 16, 8), [_r(3, 9), _r(3, 9)], order=2)


def test_mdct_as_tf_and_round_trip():
    m = tf.signal.mdct(tf.range(16.0), 8)
    np.testing.assert_allclose(m.numpy(), [  # TF
        [-25.33425521850586, -2.963042736053467, -2.7058968544006348, -0.33893823623657227],
        [-47.794952392578125, -1.072835922241211, -4.658271789550781, -0.7023313045501709],
        [-70.25566101074219, 0.8173713684082031, -6.61064338684082, -1.0657222270965576]], rtol=1e-5, atol=1e-5)
    x = tf.constant(_r(96).astype(np.float32))
    for kw in ({}, {"window_fn": None, "norm": "ortho"}, {"window_fn": tf.signal.kaiser_bessel_derived_window}):
        y = tf.signal.inverse_mdct(tf.signal.mdct(x, 16, **kw), **kw)
        np.testing.assert_allclose(y.numpy()[8:-8], x.numpy()[8:-8], atol=1e-5)
    with pytest.raises(ValueError, match="multiple of 4"):
        tf.signal.mdct(tf.ones([16]), 6)
    check_grads(lambda v: tf.signal.mdct(v, 8) ** 2, [_r(2, 24)], order=2)
    check_grads(lambda v: tf.signal.inverse_mdct(v) ** 2, [_r(3, 4)], order=2)


# --- mel ----------------------------------------------------------------------------------------------------


def test_linear_to_mel_weight_matrix_as_tf():
    m = tf.signal.linear_to_mel_weight_matrix(4, 9, 8000, 100.0, 3000.0)
    ref = np.zeros((9, 4))
    ref[1, :2] = [0.6762279868125916, 0.32377201318740845]  # TF
    ref[2, 1:3] = [0.5390681028366089, 0.4609318673610687]
    ref[3, 2:] = [0.6973017454147339, 0.3026982545852661]
    ref[4, 2:] = [0.02868412435054779, 0.971315860748291]
    ref[5, 3] = 0.47399407625198364
    assert m.dtype == tf.float32
    np.testing.assert_allclose(m.numpy(), ref, atol=2e-6)
    d = tf.signal.linear_to_mel_weight_matrix()
    assert d.shape == (129, 20) and float(tf.reduce_sum(d[0])) == 0.0
    assert tf.signal.linear_to_mel_weight_matrix(dtype=tf.float64).dtype == tf.float64
    with pytest.raises(ValueError, match="Nyquist"):
        tf.signal.linear_to_mel_weight_matrix(upper_edge_hertz=5000.0)
    with pytest.raises(ValueError, match="num_mel_bins must be positive"):
        tf.signal.linear_to_mel_weight_matrix(num_mel_bins=0)
    with pytest.raises(ValueError, match=">= upper_edge_hertz"):
        tf.signal.linear_to_mel_weight_matrix(lower_edge_hertz=3000.0, upper_edge_hertz=2000.0)
