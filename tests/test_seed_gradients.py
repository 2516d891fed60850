"""The seed's GradientTape program (examples/gradient_basics.py) prints exactly what the seed shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = (
    "tf.Tensor(2.0, shape=(), dtype=float32)\n"
    "tf.Tensor(2.0, shape=(), dtype=float32)\n"
    "tf.Tensor(12.0, shape=(), dtype=float32)\n"
)


def test_gradient_basics_prints_the_seed_output():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "gradient_basics.py")],
        capture_output=True, text=True, cwd=str(ROOT), env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == EXPECTED
