"""The issue's acceptance programs: TF tutorials (tensorflow/docs site/en/tutorials) and keras-io guides and
examples, run cell by cell under tapeflow with only their import lines changed and their data swapped for local
arrays of the real shapes (tests/guide_runner.py PROGRAMS), each cell compared with what TensorFlow 2.21 /
Keras 3.15 printed (tests/guides/expected/, made by ``/tmp/tfenv/bin/python tests/guide_runner.py --tf --write
NAME``). Random values are wildcards, exception messages are compared by type, progress bars by their final
state. KNOWN lists the cells that do not print what TF prints yet, each a strict xfail with its reason: a cell
that starts to pass must be taken out of it."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("matplotlib")  # the programs plot (with the Agg backend)

import guide_runner as R  # noqa: E402

_VERSION = "prints tf.__version__ (tapeflow's own version, 0.1.0; TF prints 2.21.0)"
_CKPT = "tf.train.Checkpoint / tf.train.latest_checkpoint are absent (issue 8)"
KNOWN = {
    "quickstart_beginner": {1: _VERSION},
    "quickstart_advanced": {1: _VERSION},
    "classification": {2: _VERSION},
    "custom_training_walkthrough": {2: _VERSION},
    "dcgan": {2: _VERSION, 17: _CKPT, 23: _CKPT},
}
# cells whose printed value comes from random weights trained on random data although TF's three seeded runs
# happened to print the same: compared with every number a wildcard
RANDOM = {
    ("classification", 30): "argmax of the prediction for a noise image (TF printed 6 three times; 2 and 6 are "
                            "the two most frequent labels of the fake data)",
}

PROGRAMS = list(R.PROGRAMS)


@pytest.fixture(scope="module")
def runs(request):
    """Each selected program runs once, in its own process, a few at a time."""
    names = sorted({item.callspec.params["name"] for item in request.session.items
                    if getattr(item, "module", None) is request.module  # (doctest items have no module)
                    and "name" in getattr(getattr(item, "callspec", None), "params", {})})
    pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 2))

    class Futures(dict):
        def __missing__(self, name: str):
            self[name] = pool.submit(R.run_isolated, name)
            return self[name]

    futures = Futures()
    for name in names:
        futures[name]  # noqa: B018 - starts it
    yield futures
    pool.shutdown(cancel_futures=True)


def _cases():
    for name in PROGRAMS:
        expected = json.loads((R.HERE / "expected" / f"{name}.json").read_text())
        for i in range(len(expected)):
            why = KNOWN.get(name, {}).get(i)
            marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
            yield pytest.param(name, i, id=f"{name}-{i}", marks=marks)


@pytest.mark.parametrize("name,i", list(_cases()))
def test_program_cell_prints_what_tf_prints(runs, name: str, i: int) -> None:
    expected = json.loads((R.HERE / "expected" / f"{name}.json").read_text())[i]
    got = runs[name].result()[i]
    if (name, i) in RANDOM:
        tokens = R._tokens(expected["out"])
        expected = dict(expected, mode="wild", wild=[k for k, t in enumerate(tokens) if isinstance(t, float)])
    diff = R.compare(expected, got)
    assert diff is None, f"{name} cell {i}: {diff}\n--- tapeflow printed:\n{got}\n--- TF printed:\n{expected['out']}"


def test_every_program_has_its_expected_output():
    for name in PROGRAMS:
        cells = R.read_cells(name)
        expected = json.loads((R.HERE / "expected" / f"{name}.json").read_text())
        assert len(cells) == len(expected), name
        assert set(KNOWN.get(name, {})) <= set(range(len(cells))), name
