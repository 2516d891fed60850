"""The seed's MNIST custom training loop runs as written and prints what the seed says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MNIST = ROOT.parent / "shared" / "data" / "mnist.npz"


@pytest.mark.skipif(not MNIST.exists(), reason="needs ../shared/data/mnist.npz beside the checkout")
def test_seed_mnist_loop_prints_and_learns() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "mnist_custom_loop.py")],
        capture_output=True, text=True, timeout=600, env={"TAPEFLOW_MNIST_PATH": str(MNIST), "PATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for epoch in range(3):
        assert f"Start of epoch {epoch}" in out
    losses = [float(v) for v in re.findall(r"Training loss \(for one batch\) at step \d+: ([0-9.]+)", out)]
    assert len(losses) == 12  # steps 0, 200, 400, 600 in each of 3 epochs (782 steps per epoch)
    assert re.findall(r"Seen so far: (\d+) samples", out)[:4] == ["64", "12864", "25664", "38464"]
    train_acc = [float(v) for v in re.findall(r"Training acc over epoch: ([0-9.]+)", out)]
    val_acc = [float(v) for v in re.findall(r"Validation acc: ([0-9.]+)", out)]
    assert len(train_acc) == 3 and len(val_acc) == 3
    # SGD(1e-3) learns slowly: TF reaches 0.68-0.78 validation accuracy after 3 epochs
    assert losses[-1] < losses[0]
    assert val_acc[0] < val_acc[2]
    assert 0.55 < val_acc[2] < 0.9, val_acc
