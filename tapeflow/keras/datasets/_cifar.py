"""CIFAR batches: read from Keras's archive (``cifar-10-python.tar.gz`` / ``cifar-100-python.tar.gz``)
without extracting it, pickles unpickled with a NumPy-only unpickler.

Example:
    >>> ARCHIVES["cifar10"][0]
    'cifar-10-batches-py-target_archive'
"""

from __future__ import annotations

import os
import tarfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from . import _files
from ._common import READ_ERRORS, NumpyOnlyUnpickler, corrupt

# dataset -> (file name in Keras's cache, origin, sha256 Keras publishes, folder inside the archive)
ARCHIVES = {
    "cifar10": ("cifar-10-batches-py-target_archive", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce", "cifar-10-batches-py"),
    "cifar100": ("cifar-100-python-target_archive", "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
                 "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7", "cifar-100-python"),
}


def _unpickle(f: Any) -> dict:
    d = NumpyOnlyUnpickler(f, encoding="bytes").load()
    return {(k.decode("utf8") if isinstance(k, bytes) else k): v for k, v in d.items()}


def parse_batch(d: dict, label_key: str = "labels") -> tuple:
    """(data of shape (n, 3, 32, 32), labels) from one unpickled CIFAR batch."""
    data = d["data"]
    return data.reshape(data.shape[0], 3, 32, 32), d[label_key]


class _Source:
    """The batches of one CIFAR dataset: a verified archive (read in place), an archive given by
    the user, or a directory of extracted batch files."""

    def __init__(self, which: str, env_var: str, who: str) -> None:
        fname, origin, file_hash, self.folder = ARCHIVES[which]
        env = os.environ.get(env_var)
        self.dir: Path | None = None
        self.tar: Path | None = None
        if env:
            p = Path(env).expanduser()
            if p.is_dir():
                self.dir = p / self.folder if (p / self.folder).is_dir() else p
            elif p.is_file():
                self.tar = p
            else:
                raise FileNotFoundError(f"{who}: {env_var}={env!r} names neither a CIFAR archive nor a directory")
        else:
            self.tar = _files.get_file(fname, origin, file_hash, env_hint=env_var)
        self.who = who

    def batches(self, names: list) -> dict:
        out = {}
        if self.dir is not None:
            for n in names:
                p = self.dir / n
                if not p.is_file():
                    raise FileNotFoundError(f"{self.who}: no batch file {p}")
                try:
                    with open(p, "rb") as f:
                        out[n] = _unpickle(f)
                except READ_ERRORS as e:
                    raise corrupt(self.who, p, e, "CIFAR batch file") from None
            return out
        try:
            with tarfile.open(self.tar, "r:*") as tar:
                for n in names:
                    try:
                        member = tar.getmember(f"{self.folder}/{n}")
                    except KeyError:
                        raise ValueError(f"{self.who}: the archive {self.tar} has no member {self.folder}/{n}") from None
                    f = tar.extractfile(member)
                    if f is None:
                        raise ValueError(f"{self.who}: {self.folder}/{n} in {self.tar} is not a file")
                    try:
                        out[n] = _unpickle(f)
                    except READ_ERRORS as e:
                        raise corrupt(self.who, f"{self.tar}:{self.folder}/{n}", e, "CIFAR batch") from None
        except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
            raise corrupt(self.who, self.tar, e, "CIFAR archive (.tar.gz)") from None
        return out


def to_data_format(x: np.ndarray) -> np.ndarray:
    from ..backend import image_data_format

    return x.transpose(0, 2, 3, 1) if image_data_format() == "channels_last" else x


__all__: list = []
