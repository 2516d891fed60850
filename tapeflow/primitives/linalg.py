"""Linear-algebra primitives: einsum, the euclidean norm and |x|**q.

``einsum``'s VJP is itself an einsum per operand (the operand's subscripts become the output),
so every order of derivative works. Equations reaching the primitive are normalised: explicit
``->``, no ellipsis, no repeated subscript within one operand.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import linalg as L
    >>> from tapeflow.tensor import Tensor
    >>> L.einsum_raw("ij,j->i", (Tensor(np.eye(2)), Tensor(np.array([3.0, 4.0])))).numpy().tolist()
    [3.0, 4.0]
"""

from __future__ import annotations

import string

import numpy as np

from ..tensor import Tensor
from . import bind, bind1, defprim
from . import core as C

# --- einsum -------------------------------------------------------------------------------------


def parse_equation(eq: str) -> tuple:
    """'ab,bc->ac' -> (['ab', 'bc'], 'ac') for a normalised equation."""
    lhs, out = eq.split("->")
    return lhs.split(","), out


_OPT_SIZE = 4096  # above this many elements per operand, let NumPy pick a BLAS-backed path


def _einsum_fwd(*xs: np.ndarray, eq: str) -> np.ndarray:
    if len(xs) > 2 or (len(xs) == 2 and min(xs[0].size, xs[1].size) >= _OPT_SIZE):
        try:
            return np.asarray(np.einsum(eq, *xs, optimize=True))
        except ValueError:  # size-1 broadcasting the optimiser's paths do not take
            pass
    return np.asarray(np.einsum(eq, *xs))


def _free_letters(used: str, n: int) -> str:
    free = [c for c in string.ascii_letters if c not in used]
    if len(free) < n:
        raise ValueError(f"einsum: out of subscript letters ({len(used)} used)")
    return "".join(free[:n])


def _einsum_vjp(g, out, ins, p, need):
    subs, osub = parse_equation(p["eq"])
    nb = C.nbatch(g, out)
    bl = _free_letters(p["eq"], nb) if nb else ""
    gsub = bl + osub
    bs = g._value.shape[:nb]
    res = []
    for i, (s, x) in enumerate(zip(subs, ins)):
        if not need[i]:
            res.append(None)
            continue
        others = [j for j in range(len(ins)) if j != i]
        avail = set(gsub).union(*(subs[j] for j in others))
        kept = "".join(c for c in s if c in avail)
        eq = ",".join([gsub] + [subs[j] for j in others]) + "->" + bl + kept
        r = einsum_raw(eq, (g,) + tuple(ins[j] for j in others))
        # letters only this operand has, or size-1 elsewhere: broadcast (the walk sums the rest)
        rs = dict(zip(kept, r._value.shape[nb:]))
        if kept != s:
            r = C.reshape_to(r, bs + tuple(rs.get(c, 1) for c in s))
        r = C.broadcast_to(r, bs + tuple(n if n != 1 else rs.get(c, 1) for c, n in zip(s, x._value.shape)))
        res.append(r)
    return tuple(res)


EINSUM = defprim(
    "einsum", _einsum_fwd, _einsum_vjp, n_out=1,
    examples=[
        (((3, 4), (4, 2)), {"eq": "ij,jk->ik"}),
        (((2, 3, 4), (2, 4, 5)), {"eq": "bij,bjk->bik"}),
        (((4,), (4,)), {"eq": "i,i->"}),
        (((3, 4),), {"eq": "ij->j"}),
        (((3, 4),), {"eq": "ij->"}),
        (((3, 4),), {"eq": "ij->ji"}),
        (((3,), (2,)), {"eq": "i,j->ij"}),
        (((3, 1), (3, 4)), {"eq": "ij,ij->i"}),
        (((2, 3), (3, 4), (4, 2)), {"eq": "ij,jk,kl->il"}),
        (((2, 3, 4), (4, 5)), {"eq": "abc,cd->abd"}),
        (((2, 3), (5,)), {"eq": "ij,k->ik"}),
    ],
)


def _einsum_jvp(ts, out, ins, p):
    """Multilinear: the sum over operands of the einsum with that operand replaced by its tangent."""
    total = None
    for i, t in enumerate(ts):
        if t is None:
            continue
        term = einsum_raw(p["eq"], tuple(t if j == i else x for j, x in enumerate(ins)))
        total = term if total is None else C.add(total, term)
    return total


EINSUM.jvp = _einsum_jvp


def einsum_raw(eq: str, xs: tuple) -> Tensor:
    """Einsum on Tensors with a normalised equation (raw primitive, no checks)."""
    if len(xs) == 1:
        return bind1(EINSUM, xs[0], {"eq": eq})
    return bind(EINSUM, tuple(xs), {"eq": eq})


# --- euclidean norm -------------------------------------------------------------------------------


def _enorm_fwd(x: np.ndarray, axis: tuple | None, keepdims: bool, safe: bool = False) -> np.ndarray:
    if axis is None and x.dtype.kind == "f":  # one BLAS dot over all entries
        v = x.reshape(-1)
        r = np.sqrt(np.asarray(np.dot(v, v)))
        return r.reshape((1,) * x.ndim) if keepdims else r
    return np.sqrt(np.sum(x * x, axis=axis, keepdims=keepdims))


def _enorm_vjp(g, out, ins, p, need):
    (x,) = ins
    nb = C.nbatch(g, out)
    kept = C._kept_shape(x._value.shape, p["axis"])
    gk = C.reshape_to(g, g._value.shape[:nb] + kept)
    nk = C.reshape_to(out, kept)
    if p.get("safe"):  # a zero norm gets a zero gradient instead of 0/0
        nk = C.add(nk, bind1(ZERO_MASK, nk))
    return (C.multiply(gk, C.divide(x, nk)),)


ZERO_MASK = defprim("zero_mask", lambda x: (x == 0).astype(x.dtype), None)
EUCLIDEAN_NORM = defprim(
    "euclidean_norm", _enorm_fwd, _enorm_vjp,
    examples=[
        (((3, 4),), {"axis": None, "keepdims": False}),
        (((3, 4),), {"axis": (1,), "keepdims": False}),
        (((2, 3, 4),), {"axis": (0, 2), "keepdims": True}),
        (((5,),), {"axis": (0,), "keepdims": False, "safe": True}),
    ],
)


def euclidean_norm(x: Tensor, axis: tuple | None, keepdims: bool, safe: bool = False) -> Tensor:
    """sqrt(sum(x * x, axis)); ``safe`` gives a zero (not NaN) gradient where the norm is 0."""
    p = {"axis": axis, "keepdims": keepdims}
    if safe:
        p["safe"] = True
    return bind1(EUCLIDEAN_NORM, x, p)


# --- |x| ** q ---------------------------------------------------------------------------------------


def _abs_pow_fwd(x: np.ndarray, q: float) -> np.ndarray:
    a = np.abs(x)
    return a if q == 1 else np.power(a, q, dtype=x.dtype) if x.dtype.kind == "f" else np.power(a, q)


def _abs_pow_vjp(g, out, ins, p, need):
    (x,) = ins
    q = p["q"]
    d = bind1(SIGN, x)
    if q != 1:
        d = C.multiply(C.multiply(abs_pow(x, q - 1), d), C.scalar_like(q, x))
    return (C.multiply(g, d),)


SIGN = defprim("sign_nondiff", lambda x: np.sign(x), None)
ABS_POW = defprim(
    "abs_pow", _abs_pow_fwd, _abs_pow_vjp,
    examples=[(((3, 4),), {"q": 1}, "away0"), (((3, 4),), {"q": 3.0}, "away0"), (((5,),), {"q": 0.5}, "away0"),
              (((2, 3),), {"q": 2.0})],
)


def abs_pow(x: Tensor, q: float) -> Tensor:
    """|x| ** q (``q == 1``: |x|), differentiable to any order away from 0."""
    return bind1(ABS_POW, x, {"q": q})


__all__: list[str] = []
