"""keras.datasets: MNIST from the shared file, cache lookup, checksum, download, offline error."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
from pathlib import Path

import numpy as np
import pytest

from tapeflow.errors import NotFoundError
from tapeflow.keras.datasets import _files, fashion_mnist, mnist

# the repository root's sibling shared/data/mnist.npz (CI clones the repo beside ../shared)
SHARED_MNIST = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist.npz"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Empty caches, no env overrides, no checkout copy, and no network."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TAPEFLOW_HOME", str(tmp_path / "tfhome"))
    monkeypatch.delenv("TAPEFLOW_MNIST_PATH", raising=False)
    monkeypatch.delenv("TAPEFLOW_FASHION_MNIST_PATH", raising=False)
    monkeypatch.setattr(mnist, "_checkout_copy", lambda: None)

    def offline(url, *a, **k):
        raise OSError("network is unreachable (test)")

    monkeypatch.setattr(_files, "urlopen", offline)
    return tmp_path


def _small_npz(path: Path) -> bytes:
    rng = np.random.default_rng(0)
    buf = io.BytesIO()
    np.savez(buf, x_train=rng.integers(0, 255, (6, 28, 28), dtype=np.uint8), y_train=np.arange(6, dtype=np.uint8),
             x_test=rng.integers(0, 255, (2, 28, 28), dtype=np.uint8), y_test=np.arange(2, dtype=np.uint8))
    data = buf.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


class _Resp(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


@pytest.mark.skipif(not SHARED_MNIST.is_file(), reason="shared MNIST file not present")
def test_shared_file_via_path_and_env(monkeypatch):
    (x_train, y_train), (x_test, y_test) = mnist.load_data(path=str(SHARED_MNIST))
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (60000,) and y_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and y_test.shape == (10000,)
    assert set(np.unique(y_train).tolist()) == set(range(10))
    monkeypatch.setenv("TAPEFLOW_MNIST_PATH", str(SHARED_MNIST))
    (x2, _), _ = mnist.load_data()
    assert np.array_equal(x2[:10], x_train[:10])


def test_env_path_missing_file(monkeypatch, tmp_path):
    monkeypatch.setenv("TAPEFLOW_MNIST_PATH", str(tmp_path / "nope.npz"))
    with pytest.raises(FileNotFoundError, match="TAPEFLOW_MNIST_PATH"):
        mnist.load_data()


def test_cache_hit_with_matching_hash(isolated, monkeypatch):
    cache = isolated / "tfhome" / "datasets"
    cache.mkdir(parents=True)
    data = _small_npz(cache / "mnist.npz")
    monkeypatch.setattr(mnist, "FILE_HASH", hashlib.sha256(data).hexdigest())
    (x, y), _ = mnist.load_data()
    assert x.shape == (6, 28, 28) and y.tolist() == list(range(6))


def test_keras_cache_is_searched(isolated, monkeypatch):
    kc = Path(os.environ["HOME"]) / ".keras" / "datasets"
    kc.mkdir(parents=True)
    data = _small_npz(kc / "mnist.npz")
    monkeypatch.setattr(mnist, "FILE_HASH", hashlib.sha256(data).hexdigest())
    (_, y), _ = mnist.load_data()
    assert y.shape == (6,)


def test_download_verifies_and_writes_atomically(isolated, monkeypatch):
    data = _small_npz(None)
    monkeypatch.setattr(mnist, "FILE_HASH", hashlib.sha256(data).hexdigest())
    urls = []

    def fake_urlopen(url, *a, **k):
        urls.append(url)
        return _Resp(data)

    monkeypatch.setattr(_files, "urlopen", fake_urlopen)
    (x, _), (xt, _) = mnist.load_data()
    assert urls == ["https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"]
    assert x.shape == (6, 28, 28) and xt.shape == (2, 28, 28)
    dest = isolated / "tfhome" / "datasets"
    assert sorted(p.name for p in dest.iterdir()) == ["mnist.npz"]  # no temp file left behind
    mnist.load_data()
    assert len(urls) == 1  # second call uses the verified cache


def test_download_from_file_url(isolated, tmp_path, monkeypatch):
    import urllib.request

    src = tmp_path / "origin.bin"
    src.write_bytes(b"hello tapeflow")
    monkeypatch.setattr(_files, "urlopen", urllib.request.urlopen)  # file:// needs no network
    p = _files.get_file("x.bin", src.as_uri(), hashlib.sha256(b"hello tapeflow").hexdigest(), subdir="sub")
    assert p.read_bytes() == b"hello tapeflow" and p.parent.name == "sub"


def test_corrupt_download_is_rejected(isolated, monkeypatch):
    monkeypatch.setattr(_files, "urlopen", lambda url, *a, **k: _Resp(b"not the real file"))
    with pytest.raises(_files.ChecksumError, match="sha256"):
        mnist.load_data()
    dest = isolated / "tfhome" / "datasets"
    assert not dest.exists() or list(dest.iterdir()) == []


def test_corrupt_cached_file_is_not_used(isolated):
    cache = isolated / "tfhome" / "datasets"
    cache.mkdir(parents=True)
    _small_npz(cache / "mnist.npz")  # valid npz, but not Keras's file: checksum differs
    with pytest.raises(NotFoundError, match="wrong checksum"):
        mnist.load_data()


def test_offline_error_says_where_to_put_the_file(isolated):
    with pytest.raises(FileNotFoundError) as ei:
        mnist.load_data()
    msg = str(ei.value)
    assert "mnist.npz" in msg and str(isolated / "tfhome" / "datasets" / "mnist.npz") in msg
    assert ".keras" in msg and "TAPEFLOW_MNIST_PATH" in msg


def test_explicit_file_missing_arrays(tmp_path):
    p = tmp_path / "bad.npz"
    np.savez(p, x_train=np.zeros((2, 28, 28), np.uint8))
    with pytest.raises(ValueError, match="missing arrays"):
        mnist.load_data(path=str(p))


def _idx_gz(path: Path, arr: np.ndarray, header: int) -> None:
    with gzip.open(path, "wb") as f:
        f.write(b"\0" * header + arr.tobytes())


def test_fashion_mnist_from_env_dir(monkeypatch, tmp_path):
    rng = np.random.default_rng(1)
    xtr, xte = rng.integers(0, 255, (5, 28, 28), dtype=np.uint8), rng.integers(0, 255, (3, 28, 28), dtype=np.uint8)
    _idx_gz(tmp_path / "train-labels-idx1-ubyte.gz", np.arange(5, dtype=np.uint8), 8)
    _idx_gz(tmp_path / "train-images-idx3-ubyte.gz", xtr, 16)
    _idx_gz(tmp_path / "t10k-labels-idx1-ubyte.gz", np.arange(3, dtype=np.uint8), 8)
    _idx_gz(tmp_path / "t10k-images-idx3-ubyte.gz", xte, 16)
    monkeypatch.setenv("TAPEFLOW_FASHION_MNIST_PATH", str(tmp_path))
    (x, y), (x2, y2) = fashion_mnist.load_data()
    assert x.shape == (5, 28, 28) and x.dtype == np.uint8 and np.array_equal(x, xtr)
    assert y.tolist() == [0, 1, 2, 3, 4] and np.array_equal(x2, xte) and y2.shape == (3,)


def test_fashion_mnist_offline_error(isolated):
    with pytest.raises(FileNotFoundError, match="fashion-mnist"):
        fashion_mnist.load_data()
