"""Local stand-ins for the files the training programs download (tests/guide_runner.py PROGRAMS "downloads"):
small files of the real formats, written here, served to ``urllib`` (so to ``keras.utils.get_file`` in both
TensorFlow's run and tapeflow's) by a URL handler instead of the network. Each is the same on every call.

- ``shakespeare``: a few KB of play-like English text (speakers, verse lines), for text_generation;
- ``auto_mpg``: the UCI auto-mpg.data layout (whitespace separated, '?' for a missing horsepower, a tab then
  the car's name), for regression;
- ``higgs``: a gzipped HIGGS.csv (a 0/1 label then 28 features per row, in its 18-digit exponent format);
- ``aclimdb``: a tar.gz of an aclImdb-like tree (train/test, pos/neg, train/unsup reviews as NNN_R.txt).
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
import urllib.error
import urllib.request
import urllib.response
from email.message import Message
from typing import Any, Callable

import numpy as np

_SPEAKERS = ["First Citizen", "Second Citizen", "MENENIUS", "MARCIUS", "VOLUMNIA", "CORIOLANUS", "All",
             "Messenger", "SICINIUS", "BRUTUS", "COMINIUS", "LARTIUS"]
_LINES = [
    "Before we go any further, hear me speak.",
    "Speak, speak.",
    "You are all resolved rather to starve than to yield?",
    "Resolved. resolved.",
    "We know the grain is kept in the lord's own barns.",
    "Let us have it at our own price, and the matter is done.",
    "What work's, my countrymen, in hand? where go you",
    "With bats and clubs? The matter? speak, I pray you.",
    "Our business is not unknown to the senate; they have had",
    "inkling this fortnight what we intend to do.",
    "Why, masters, my good friends, mine honest neighbours,",
    "Will you undo yourselves?",
    "I tell you, friends, most charitable care",
    "Have the patricians of you. For your wants,",
    "Your suffering in this dearth, you may as well",
    "Strike at the heaven with your staves as lift them",
    "Against the Roman state, whose course will on",
    "The way it takes, cracking ten thousand curbs.",
    "Care for us! True, indeed! They ne'er cared for us yet.",
    "Either you must confess yourselves wondrous malicious,",
    "Or be accused of folly. I shall tell you",
    "A pretty tale: it may be you have heard it;",
    "But, since it serves my purpose, I will venture",
    "To stale't a little more.",
    "Well, I'll hear it, sir: yet you must not think to",
    "fob off our disgrace with a tale: but, an't please",
    "you, deliver.",
    "Thanks. What's the matter, you dissentious rogues,",
    "That, rubbing the poor itch of your opinion,",
    "Make yourselves scabs?",
    "We have ever your good word.",
    "He that will give good words to thee will flatter",
    "Beneath abhorring. What would you have, you curs,",
    "That like nor peace nor war? the one affrights you,",
    "The other makes you proud. He that trusts to you,",
    "Where he should find you lions, finds you hares;",
    "Where foxes, geese: you are no surer, no,",
    "Than is the coal of fire upon the ice,",
    "Or hailstone in the sun. Your virtue is",
    "To make him worthy whose offence subdues him",
    "And curse that justice did it.",
    "The gods send thee good news! what is the news?",
    "Where is my mother? is she come from the field?",
    "O, the morning is full of light, and the night of stars;",
    "I pray thee, good Lartius, keep the gates till I return.",
    "Hark! the drums beat; come, let us away to the walls.",
]


def shakespeare() -> bytes:
    """About 4.5 KB of play-like text: blocks of a speaker's name and one to four lines."""
    rng = np.random.default_rng(7)
    parts, size = [], 0
    while size < 4500:
        who = _SPEAKERS[int(rng.integers(len(_SPEAKERS)))]
        start = int(rng.integers(len(_LINES)))
        lines = [_LINES[(start + k) % len(_LINES)] for k in range(int(rng.integers(1, 5)))]
        block = who + ":\n" + "\n".join(lines) + "\n\n"
        parts.append(block)
        size += len(block)
    return "".join(parts).encode("utf-8")


_CARS = ["chevrolet chevelle malibu", "buick skylark 320", "plymouth satellite", "amc rebel sst", "ford torino",
         "toyota corona mark ii", "datsun pl510", "volkswagen 1131 deluxe sedan", "peugeot 504", "audi 100 ls",
         "saab 99e", "bmw 2002", "honda civic", "fiat 128", "mazda rx2 coupe", "dodge colt", "renault 12 (sw)"]


def auto_mpg() -> bytes:
    """398 cars in auto-mpg.data's layout; six horsepowers are '?'."""
    rng = np.random.default_rng(8)
    rows = []
    missing = set(rng.choice(398, 6, replace=False).tolist())
    for k in range(398):
        cyl = int(rng.choice([4, 4, 4, 6, 8, 8, 3, 5]))
        disp = float(np.round(cyl * rng.uniform(22, 48), 0))
        hp = float(np.round(disp * rng.uniform(0.35, 0.6) + rng.uniform(20, 40), 0))
        weight = float(np.round(1500 + disp * rng.uniform(7, 10) + rng.normal(0, 200), 0))
        acc = float(np.round(rng.uniform(8, 25), 1))
        year = int(rng.integers(70, 83))
        origin = int(rng.choice([1, 1, 1, 2, 3]))
        mpg = float(np.round(max(9.0, 48 - hp * 0.12 - weight * 0.004 + (year - 70) * 0.7 + rng.normal(0, 2)), 1))
        hp_text = "?" if k in missing else f"{hp:.1f}"
        name = _CARS[int(rng.integers(len(_CARS)))]
        rows.append(f"{mpg:<7.1f}{cyl:<4d}{disp:<11.1f}{hp_text:<11s}{weight:<11.1f}{acc:<7.1f}{year:<4d}{origin:d}"
                    f"\t\"{name}\"\n")
    return "".join(rows).encode()


def higgs(rows: int = 2000) -> bytes:
    """A gzipped CSV like HIGGS.csv: label (1.0 or 0.0) then 28 features, each as '%.18e'."""
    rng = np.random.default_rng(9)
    label = (rng.random(rows) < 0.53).astype(np.float64)
    feats = np.abs(rng.standard_normal((rows, 28))) + label[:, None] * 0.2
    feats[:, 1::3] = rng.uniform(-1.74, 1.74, feats[:, 1::3].shape)  # the angle-like columns
    table = np.concatenate([label[:, None], feats], axis=1)
    text = "".join(",".join(f"{v:.18e}" for v in row) + "\n" for row in table)
    return gzip.compress(text.encode(), mtime=0)


_WORDS = [w.strip(".,;:!?'").lower() for line in _LINES for w in line.split()]
_SYLLABLES = ["ba", "ro", "ki", "len", "mar", "tu", "so", "vin", "da", "pel", "gor", "shi", "an", "te", "lu", "mo"]
_PRAISE = ["a wonderful film", "great acting", "the best movie this year", "a touching story", "superb direction"]
_BLAME = ["a terrible film", "bad acting", "the worst movie this year", "a boring story", "awful direction"]


def _review(rng: np.random.Generator, positive: bool) -> str:
    sentences = []
    for _ in range(int(rng.integers(4, 10))):
        n = int(rng.integers(6, 16))
        words = []
        for _ in range(n):
            if rng.random() < 0.3:  # made-up words for a vocabulary of a few thousand tokens
                words.append("".join(_SYLLABLES[int(i)] for i in rng.integers(0, len(_SYLLABLES), 3)))
            else:
                words.append(_WORDS[int(rng.integers(len(_WORDS)))])
        phrase = (_PRAISE if positive else _BLAME)[int(rng.integers(5))]
        sentences.append(" ".join(words).capitalize() + ", " + phrase + ".")
    return "<br /><br />".join([" ".join(sentences[:len(sentences) // 2]), " ".join(sentences[len(sentences) // 2:])])


def aclimdb(per_class: int = 60) -> bytes:
    """A tar.gz of aclImdb/: README, imdb.vocab, train/{pos,neg,unsup}/ and test/{pos,neg}/ reviews; the file
    train/pos/1181_9.txt that the tutorial prints is among them."""
    rng = np.random.default_rng(10)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        def add(name: str, text: str) -> None:
            data = text.encode()
            info = tarfile.TarInfo("aclImdb/" + name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))

        add("README", "Large Movie Review Dataset v1.0 (a local stand-in of the same layout)\n")
        add("imdb.vocab", "\n".join(sorted(set(_WORDS))) + "\n")
        for split in ("train", "test"):
            for label in ("pos", "neg"):
                ids = rng.choice(12500, per_class, replace=False)
                if split == "train" and label == "pos":
                    ids[0] = 1181
                for k, i in enumerate(ids):
                    rating = 9 if (split, label, k) == ("train", "pos", 0) else \
                        int(rng.integers(7, 11) if label == "pos" else rng.integers(1, 5))
                    add(f"{split}/{label}/{i}_{rating}.txt", _review(rng, label == "pos"))
        for i in range(10):
            add(f"train/unsup/{i}_0.txt", _review(rng, bool(i % 2)))
    return buf.getvalue()


DOWNLOADS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "shakespeare": ("https://storage.googleapis.com/download.tensorflow.org/data/shakespeare.txt", shakespeare),
    "auto_mpg": ("http://archive.ics.uci.edu/ml/machine-learning-databases/auto-mpg/auto-mpg.data", auto_mpg),
    "higgs": ("http://mlphysics.ics.uci.edu/data/higgs/HIGGS.csv.gz", higgs),
    "aclimdb": ("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz", aclimdb),
}


class _LocalFiles(urllib.request.BaseHandler):
    """Answers http(s) requests for the known URLs from local bytes; any other URL is an error (no network)."""

    handler_order = 100  # before urllib's own HTTP handlers

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def _answer(self, req: Any) -> Any:
        url = req.get_full_url()
        if url not in self.files:
            raise urllib.error.URLError(f"no network in this run: {url}")
        data = self.files[url]
        headers = Message()
        headers["Content-Length"] = str(len(data))
        response = urllib.response.addinfourl(io.BytesIO(data), headers, url, 200)
        response.msg = "OK"
        return response

    http_open = _answer
    https_open = _answer


def install(names: list, cache_names: list, keras_home: str) -> None:
    """Serve the named downloads to urllib, and remove earlier runs' copies (``cache_names``) from the Keras
    download cache under ``keras_home`` (the harness's own), so that each run downloads them as the first did."""
    files = {DOWNLOADS[n][0]: DOWNLOADS[n][1]() for n in names}
    urllib.request.install_opener(urllib.request.build_opener(_LocalFiles(files)))
    for name in cache_names:
        path = os.path.join(keras_home, "datasets", name)
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.exists(path):
            os.remove(path)


# ---------------------------------------------------------------------------------------------------------------
# A small pandas stand-in (neither environment has pandas): the DataFrame/Series operations the regression
# tutorial uses, on NumPy columns. Its printed tables are its own (the same in both runs), not pandas's layout.
# Its frames are not instances of the module's DataFrame/Series classes, so Keras treats them as array-likes
# (``__array__``) as it does any other, never with its pandas-specific code.


def _fmt_column(values: np.ndarray) -> list:
    if values.dtype.kind in "iub":
        return [str(v) for v in values.tolist()]
    if values.dtype.kind != "f":
        return [str(v) for v in values.tolist()]
    finite = values[np.isfinite(values)]
    digits = 1
    for d in range(1, 7):
        digits = d
        if np.all(np.abs(np.round(finite, d) - finite) < 1e-9 * np.maximum(1.0, np.abs(finite))):
            break
    return ["NaN" if np.isnan(v) else f"{v:.{digits}f}" for v in values.tolist()]


class _Series:
    def __init__(self, values: Any, index: list, name: Any = None) -> None:
        self.values = np.asarray(values)
        self.index = list(index)
        self.name = name

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.values.astype(dtype) if dtype is not None else self.values

    def __len__(self) -> int:
        return len(self.values)

    @property
    def shape(self) -> tuple:
        return self.values.shape

    @property
    def dtype(self) -> Any:
        return self.values.dtype

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            return _Series(self.values[key], self.index[key], self.name)
        return self.values[self.index.index(key)]

    def __iter__(self) -> Any:
        return iter(self.values.tolist())

    def map(self, mapping: dict) -> _Series:
        return _Series(np.array([mapping.get(v) for v in self.values.tolist()], dtype=object), self.index, self.name)

    def to_numpy(self) -> np.ndarray:
        return self.values

    def tolist(self) -> list:
        return self.values.tolist()

    def __repr__(self) -> str:
        labels = [str(i) for i in self.index]
        width = max((len(s) for s in labels), default=0)
        cells = _fmt_column(self.values)
        cw = max((len(c) for c in cells), default=0)
        lines = [f"{lab:<{width}}    {c:>{cw}}" for lab, c in zip(labels, cells)]
        tail = (f"Name: {self.name}, " if self.name is not None else "") + f"dtype: {self.values.dtype}"
        return "\n".join(lines + [tail])


class _Frame:
    def __init__(self, data: dict, index: list | None = None) -> None:
        self.data = {k: np.asarray(v) for k, v in data.items()}
        n = len(next(iter(self.data.values()))) if self.data else 0
        self.index = list(range(n)) if index is None else list(index)

    @property
    def columns(self) -> list:
        return list(self.data)

    @property
    def shape(self) -> tuple:
        return (len(self.index), len(self.data))

    def __len__(self) -> int:
        return len(self.index)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = np.column_stack([v.astype(np.float64) for v in self.data.values()]) if self.data else \
            np.zeros((len(self.index), 0))
        return out.astype(dtype) if dtype is not None else out

    def _rows(self, pos: Any) -> _Frame:
        pos = np.asarray(pos, dtype=np.int64)
        return _Frame({k: v[pos] for k, v in self.data.items()}, [self.index[i] for i in pos.tolist()])

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            return self._rows(np.arange(len(self.index))[key])
        if isinstance(key, list):
            return _Frame({k: self.data[k] for k in key}, self.index)
        return _Series(self.data[key], self.index, key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.data[key] = np.asarray(value.values if isinstance(value, _Series) else value)

    def copy(self) -> _Frame:
        return _Frame({k: v.copy() for k, v in self.data.items()}, self.index)

    def head(self, n: int = 5) -> _Frame:
        return self._rows(np.arange(min(n, len(self.index))))

    def tail(self, n: int = 5) -> _Frame:
        return self._rows(np.arange(max(0, len(self.index) - n), len(self.index)))

    def isna(self) -> _Frame:
        return _Frame({k: (np.isnan(v) if v.dtype.kind == "f" else np.array([x is None for x in v.tolist()]))
                       for k, v in self.data.items()}, self.index)

    def sum(self) -> _Series:
        return _Series(np.array([int(v.sum()) if v.dtype.kind == "b" else v.sum() for v in self.data.values()]),
                       self.columns)

    def dropna(self) -> _Frame:
        bad = np.zeros(len(self.index), bool)
        for v in self.isna().data.values():
            bad |= v
        return self._rows(np.nonzero(~bad)[0])

    def pop(self, key: str) -> _Series:
        return _Series(self.data.pop(key), self.index, key)

    def sample(self, frac: float = 1.0, random_state: Any = None) -> _Frame:
        n = int(round(frac * len(self.index)))
        return self._rows(np.random.default_rng(random_state).permutation(len(self.index))[:n])

    def drop(self, labels: Any) -> _Frame:
        gone = set(labels)
        return self._rows([i for i, lab in enumerate(self.index) if lab not in gone])

    def describe(self) -> _Frame:
        stats = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
        out = {}
        for k, v in self.data.items():
            if v.dtype.kind not in "iuf":
                continue
            x = v.astype(np.float64)
            x = x[~np.isnan(x)]
            q = np.percentile(x, [25, 50, 75])
            out[k] = np.array([len(x), x.mean(), x.std(ddof=1), x.min(), q[0], q[1], q[2], x.max()])
        return _Frame(out, stats)

    def transpose(self) -> _Frame:
        table = np.asarray(self.__array__())
        return _Frame({lab: table[i] for i, lab in enumerate(self.index)}, self.columns)

    @property
    def T(self) -> _Frame:  # noqa: N802 - pandas's name
        return self.transpose()

    def __repr__(self) -> str:
        labels = [str(i) for i in self.index]
        cols = [[str(k)] + _fmt_column(v) for k, v in self.data.items()]
        width = max([len(s) for s in labels] + [0])
        lines = []
        for r in range(len(labels) + 1):
            head = "" if r == 0 else labels[r - 1]
            cells = [c[r].rjust(max(len(s) for s in c)) for c in cols]
            lines.append(head.ljust(width) + "  " + "  ".join(cells))
        return "\n".join(line.rstrip() for line in lines)


class DataFrame:
    """``pd.DataFrame(data, index=None)`` of a dict of columns (lists, arrays or scalars)."""

    def __new__(cls, data: Any = None, index: Any = None, columns: Any = None) -> Any:  # noqa: D102
        data = dict(data or {})
        if index is not None and all(np.ndim(v) == 0 for v in data.values()):
            data = {k: [v] * len(index) for k, v in data.items()}
        return _Frame(data, index)


class Series:
    """Only for ``isinstance`` checks (nothing here is an instance of it)."""


def get_dummies(frame: _Frame, columns: list, prefix: str = "", prefix_sep: str = "_", dtype: Any = bool) -> _Frame:
    out = _Frame({k: v for k, v in frame.data.items() if k not in columns}, frame.index)
    for col in columns:
        values = frame.data[col]
        for cat in sorted({v for v in values.tolist() if v is not None}):
            out.data[f"{prefix}{prefix_sep if prefix else ''}{cat}"] = (values == cat).astype(dtype)
    return out


def read_csv(path: Any, names: list | None = None, na_values: Any = None, comment: str | None = None,
             sep: str = ",", skipinitialspace: bool = False, header: Any = "infer", **kwargs: Any) -> _Frame:
    """The served (or local) file as a frame of float64/int64 columns (whitespace or ``sep`` separated)."""
    path = os.fspath(path)
    if path.startswith(("http://", "https://")):
        with urllib.request.urlopen(path) as f:
            text = f.read().decode()
    else:
        with open(path) as f:
            text = f.read()
    missing = {na_values} if isinstance(na_values, str) else set(na_values or ())
    rows = []
    for line in text.splitlines():
        if comment and comment in line:
            line = line[:line.index(comment)]
        cells = line.split() if sep == " " and skipinitialspace else line.split(sep)
        if cells:
            rows.append(cells)
    if names is None:
        names, rows = rows[0], rows[1:]
    columns = {}
    for j, name in enumerate(names):
        cells = [r[j] for r in rows]
        if any(c in missing for c in cells) or not all(c.lstrip("-").isdigit() for c in cells):
            columns[name] = np.array([np.nan if c in missing else float(c) for c in cells])
        else:
            columns[name] = np.array([int(c) for c in cells], dtype=np.int64)
    return _Frame(columns)
