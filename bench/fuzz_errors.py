"""Error-quality report: every bad-argument case of ``tests/fuzz_cases.py`` on tapeflow.

Run: python bench/fuzz_errors.py [-v]
Prints how many cases end in
  clear   a tapeflow error (tf.errors.* / TypeError / ValueError raised by tapeflow) naming the op,
  unclear any other exception (from NumPy/Python internals, or not naming the op),
  silent  a returned value where TensorFlow raises (TF's outcomes: tests/fixtures/fuzz_errors_tf.json),
  ok      a returned value where TensorFlow returns one too,
  strict  a clear error where TensorFlow returns a value (e.g. a float axis TF truncates).
Regenerate TF's outcomes (TensorFlow in a private venv):
  TF_CPP_MIN_LOG_LEVEL=3 /tmp/tfenv/bin/python bench/fuzz_errors.py --tf --write
"""

from __future__ import annotations

import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
FIXTURE = os.path.join(HERE, "..", "tests", "fixtures", "fuzz_errors_tf.json")

import fuzz_cases as fc  # noqa: E402

# Cases that abort TensorFlow 2.21 itself (a failed C++ CHECK): recorded as raising.
TF_CRASHES = {"nn.conv2d|input|str_array", "nn.conv2d|input|object_array", "nn.conv2d|input|ragged"}


def key(case: tuple) -> str:
    i, slot, _kind, bad = case
    return f"{fc.SPECS[i][0]}|{slot}|{bad}"


def tf_outcomes() -> dict:
    with open(FIXTURE) as f:
        return json.load(f)


def classify(case: tuple, tf_out: dict, tfmod=None, value=None, use_value=False) -> tuple[str, str]:
    import tapeflow  # noqa: PLC0415

    tfmod = tfmod or tapeflow
    pkg = os.path.dirname(tapeflow.__file__)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res, e = fc.run_case(tfmod, case, value, use_value)
    path = fc.SPECS[case[0]][0]
    tf_raises = tf_out.get(key(case), "raise") == "raise"
    if res == "return":
        return ("silent" if tf_raises else "ok"), ""
    detail = f"{type(e).__name__}: {str(e)[:150]}"
    if not fc.is_clear(e, path, pkg):
        return "unclear", detail
    return ("clear" if tf_raises else "strict"), detail


def main() -> None:
    args = sys.argv[1:]
    cases = fc.cases()
    if "--tf" in args:
        import tensorflow as tf  # noqa: PLC0415

        out = {}
        for c in cases:
            if "-v" in args:
                print(key(c), file=sys.stderr, flush=True)
            if (c[3] == "huge" and c[1] != "seed") or key(c) in TF_CRASHES:  # TF raises ResourceExhaustedError (some ops
                out[key(c)] = "raise"                     # hang trying first) / aborts the process
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res, _e = fc.run_case(tf, c)
            out[key(c)] = res
        if "--write" in args:
            with open(FIXTURE, "w") as f:
                json.dump(out, f, indent=0, sort_keys=True)
        print(sum(v == "raise" for v in out.values()), "raise,", sum(v == "return" for v in out.values()), "return")
        return
    tf_out = tf_outcomes()
    counts = {"clear": 0, "unclear": 0, "silent": 0, "ok": 0, "strict": 0}
    for c in cases:
        cls, detail = classify(c, tf_out)
        counts[cls] += 1
        if "-v" in args and cls in ("unclear", "silent"):
            print(f"{cls:8s} {key(c):55s} {detail}")
    print(f"{len(cases)} cases over {len(fc.SPECS)} op specs: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
