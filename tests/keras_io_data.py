"""Local stand-ins for the keras-io programs' data (tests/guide_runner.py PROGRAMS "files" and the "torch" stub):
small files of the real layouts written into the program's working folder before it runs, the same on every call
and for TensorFlow's run and tapeflow's.

- ``pets``: a PetImages/{Cat,Dog} tree of random JPEG photos (JFIF, of varied sizes) plus one PNG that the
  program's "corrupted image" filter deletes, and PetImages/Cat/6779.jpg (image_classification_from_scratch);
- ``forda``: FordA_TRAIN.tsv / FordA_TEST.tsv, a -1/1 label then 500 readings per row (the UCR TSV layout);
- ``aclimdb_dir``: an unpacked aclImdb/{train,test}/{pos,neg} tree of short reviews (with ``<br />`` tags).

``stub_torch`` is the ``torch`` module of training_with_built_in_methods: ``torch.utils.data.Dataset`` (a plain
base class) and ``DataLoader`` (batches of a map-style dataset, shuffled per epoch), built on the Keras in use's
``keras.utils.PyDataset`` so that ``fit``/``evaluate`` take it (neither environment has PyTorch).
"""

from __future__ import annotations

import os
from typing import Any, Callable

import numpy as np

_WORDS = ("the movie film story actor actress plot scene director great bad good terrible wonderful boring "
          "funny love hate watch time characters script music ending beautiful awful best worst really just "
          "acting one like even well would could much also first way see make").split()


def make_files(kind: str) -> None:
    """Write the stand-in files ``kind`` into the current folder."""
    {"pets": _pets, "forda": _forda, "aclimdb_dir": _aclimdb}[kind]()


def _pets() -> None:
    from PIL import Image

    rng = np.random.default_rng(21)
    for label, names in (("Cat", ["6779", "1", "2", "3", "4", "5"]), ("Dog", ["1", "2", "3", "4", "5", "6"])):
        folder = os.path.join("PetImages", label)
        os.makedirs(folder, exist_ok=True)
        for name in names:
            h, w = int(rng.integers(150, 260)), int(rng.integers(150, 260))
            pixels = rng.integers(0, 256, (h, w, 3)).astype(np.uint8)
            Image.fromarray(pixels).save(os.path.join(folder, f"{name}.jpg"), "JPEG", quality=90)
    # a file without the JFIF marker: the program's filter deletes it
    Image.fromarray(rng.integers(0, 256, (40, 40, 3)).astype(np.uint8)).save(
        os.path.join("PetImages", "Dog", "7.jpg"), "PNG")


def _forda() -> None:
    rng = np.random.default_rng(22)
    for name, n in (("FordA_TRAIN.tsv", 60), ("FordA_TEST.tsv", 20)):
        labels = np.where(rng.random(n) < 0.5, -1.0, 1.0)
        t = np.linspace(0, 8 * np.pi, 500)
        x = np.sin(t[None, :] * (1 + 0.2 * labels[:, None])) + 0.5 * rng.standard_normal((n, 500))
        x = (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, keepdims=True)
        np.savetxt(name, np.concatenate([labels[:, None], x], axis=1), delimiter="\t", fmt="%.6f")


def _aclimdb() -> None:
    rng = np.random.default_rng(23)
    for split, per_class in (("train", 10), ("test", 5)):
        for label in ("neg", "pos"):
            folder = os.path.join("aclImdb", split, label)
            os.makedirs(folder, exist_ok=True)
            for k in range(per_class):
                sentences = []
                for _ in range(int(rng.integers(2, 6))):
                    words = rng.choice(_WORDS, int(rng.integers(4, 14)))
                    sentences.append(" ".join(words).capitalize() + str(rng.choice([".", "!", "?", "..."])))
                text = " ".join(sentences[:2]) + "<br /><br />" + " ".join(sentences[2:])
                rating = int(rng.integers(7, 11)) if label == "pos" else int(rng.integers(1, 5))
                with open(os.path.join(folder, f"{k}_{rating}.txt"), "w") as f:
                    f.write(text)


def stub_torch(module: Callable, tf_module: Callable) -> None:
    """``torch`` with ``utils.data.Dataset`` and ``utils.data.DataLoader`` (see the module docstring)."""

    class Dataset:
        def __getitem__(self, index: int) -> Any:
            raise NotImplementedError

    def dataloader_class() -> Any:
        keras = tf_module().keras

        class DataLoader(keras.utils.PyDataset):
            def __init__(self, dataset: Any, batch_size: int = 1, shuffle: bool = False, **kwargs: Any) -> None:
                super().__init__()
                self.dataset, self.batch_size, self.shuffle = dataset, int(batch_size), bool(shuffle)
                self._rng = np.random.default_rng(0)
                self._order = np.arange(len(dataset))
                self.on_epoch_end()

            def __len__(self) -> int:
                return -(-len(self.dataset) // self.batch_size)

            def __getitem__(self, idx: int) -> Any:
                items = [self.dataset[int(i)] for i in self._order[idx * self.batch_size:(idx + 1) * self.batch_size]]
                return tuple(np.stack([np.asarray(item[k]) for item in items]) for k in range(len(items[0])))

            def on_epoch_end(self) -> None:
                if self.shuffle:
                    self._rng.shuffle(self._order)

        return DataLoader

    def data_attr(attr: str) -> Any:
        if attr == "DataLoader":
            return dataloader_class()
        raise AttributeError(attr)

    module("torch", __version__="0.0 (stand-in)")
    module("torch.utils")
    module("torch.utils.data", Dataset=Dataset, __getattr__=data_attr)
