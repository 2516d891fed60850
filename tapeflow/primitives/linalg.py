"""Linear-algebra primitives: einsum (and its diagonals), norms, and the matrix rules of tf.linalg.

``einsum``'s VJP is itself an einsum per operand (the operand's subscripts become the output),
so every order of derivative works. Equations reaching the primitive are normalised: explicit
``->``, no ellipsis, no repeated subscript within one operand (``einsum_diagonal`` takes those
diagonals first; its VJP is an einsum with identity matrices).

The matrix rules (inverse, solves, determinants, Cholesky, QR, SVD, eigh, square root, diagonals,
band parts, tridiagonal solves) follow TF's gradient formulas, written in tapeflow ops.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import linalg as L
    >>> from tapeflow.tensor import Tensor
    >>> L.einsum_raw("ij,j->i", (Tensor(np.eye(2)), Tensor(np.array([3.0, 4.0])))).numpy().tolist()
    [3.0, 4.0]
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import Tensor
from . import array as A
from . import bind, bind1, bind2, defprim, no_gradient
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


# =====================================================================================================
# Matrix primitives (tf.linalg). Forwards work on stacks of matrices (leading batch axes); every VJP
# is written with the raw tapeflow ops below, so nested tapes differentiate it again. Cotangents may
# carry extra leading (jacobian) axes: the rules only use broadcasting matmul / solves / elementwise
# ops and slices built from the tensors' actual ranks, so they keep those axes.
# =====================================================================================================

_ALL = slice(None)
_SAFE_EPS = 1e-20  # TF's "Lorentz broadening" of 1 / (e_j - e_i) in the eigh / svd gradients


def _lapack(a: np.ndarray) -> np.ndarray:
    """float16 has no LAPACK routines: compute in float32 (the caller casts back)."""
    return a.astype(np.float32) if a.dtype == np.float16 else a


def _is_complex(t: Tensor) -> bool:
    return t._value.dtype.kind == "c"


def _real_only(t: Tensor, tf_op: str) -> None:
    if _is_complex(t):
        raise NotImplementedError(
            f"the gradient of {tf_op} for complex inputs ({t._value.dtype}) is not implemented in tapeflow"
        )


def _k(v: float, like: Tensor) -> Tensor:
    return C.scalar_like(v, like)


def _mm(a: Tensor, b: Tensor) -> Tensor:
    return C.matmul(a, b)


def _mT(x: Tensor) -> Tensor:
    return C._swap_last(x)


def _unsq(x: Tensor, axis: int) -> Tensor:
    """Insert a size-1 axis at negative position ``axis`` (-1: last, -2: before last)."""
    s = x._value.shape
    i = len(s) + axis + 1
    return C.reshape_to(x, s[:i] + (1,) + s[i:])


def _expand2(x: Tensor) -> Tensor:
    return C.reshape_to(x, x._value.shape + (1, 1))


def _eye(n: int, like: Tensor) -> Tensor:
    return Tensor(np.eye(n, dtype=like._value.dtype))


def _slice_axis(x: Tensor, axis: int, sl: Any) -> Tensor:
    """``x[..., sl, (:) * (-axis - 1)]`` for a negative ``axis`` (raw strided_slice)."""
    nd = x._value.ndim
    key = (_ALL,) * (nd + axis) + (sl,)
    return A.strided_slice(x, key)


def _place_axis(x: Tensor, axis: int, start: int, total: int) -> Tensor:
    """Zero-pad ``x`` along negative ``axis`` so that it sits at ``[start:start+len]`` of ``total``."""
    s = x._value.shape
    nd = len(s)
    width = s[nd + axis]
    if start == 0 and width == total:
        return x
    key = (_ALL,) * (nd + axis) + (slice(start, start + width),)
    shape = s[: nd + axis] + (total,) + s[nd + axis + 1:]
    return A.strided_slice_grad(x, key, shape)


def _concat_axis(parts: list, axis: int) -> Tensor:
    """Concatenate along a negative ``axis`` as a sum of zero-padded placements."""
    total = sum(p._value.shape[axis] for p in parts)
    out, start = None, 0
    for p in parts:
        t = _place_axis(p, axis, start, total)
        start += p._value.shape[axis]
        out = t if out is None else C.add(out, t)
    return out


def _safe_recip(x: Tensor) -> Tensor:
    """x / (x^2 + 1e-20): 1/x away from 0 and 0 at 0 (TF's _SafeReciprocal)."""
    return C.divide(x, C.add(C.multiply(x, x), _k(_SAFE_EPS, x)))


def _offdiag(x: Tensor) -> Tensor:
    """Zero the diagonal of the last two (square) axes."""
    n = x._value.shape[-1]
    return C.multiply(x, Tensor((1 - np.eye(n)).astype(x._value.dtype)))


def _diag_times(x: Tensor, factor: float) -> Tensor:
    n = x._value.shape[-1]
    return C.multiply(x, Tensor((factor * np.eye(n)).astype(x._value.dtype)))


# --- conj / adjoint -----------------------------------------------------------------------------------

CONJ = defprim("linalg_conj", np.conj, lambda g, out, ins, p, need: (conj(g),),
               examples=[(((3, 4),), {})], elementwise=True)
CONJ.jvp = lambda ts, out, ins, p: conj(ts[0])


def conj(x: Tensor) -> Tensor:
    """Complex conjugate (the identity for real tensors)."""
    return bind1(CONJ, x) if _is_complex(x) else x


def adjoint(x: Tensor) -> Tensor:
    """Conjugate transpose of the last two axes."""
    return _mT(conj(x))


# --- einsum diagonals (repeated subscripts within one operand) ----------------------------------------


def _unique_letters(s: str) -> str:
    return "".join(dict.fromkeys(s))


def _ediag_fwd(x: np.ndarray, src: str, dst: str) -> np.ndarray:
    return np.array(np.einsum(f"{src}->{dst}", x))


def _ediag_vjp(g, out, ins, p, need):
    src, dst = p["src"], p["dst"]
    nb = C.nbatch(g, out)
    used = src + dst
    bl = _free_letters(used, nb) if nb else ""
    extra = len(src) - len(set(src))
    fresh = iter(_free_letters(used + bl, extra))
    sizes = dict(zip(src, ins[0]._value.shape))
    seen: set = set()
    full, eyes = [], []
    for c in src:
        if c in seen:
            f = next(fresh)
            full.append(f)
            eyes.append(c + f)
        else:
            seen.add(c)
            full.append(c)
    eq = ",".join([bl + dst] + eyes) + "->" + bl + "".join(full)
    eye_ts = tuple(Tensor(np.eye(sizes[e[0]], dtype=g._value.dtype)) for e in eyes)
    return (einsum_raw(eq, (g,) + eye_ts),)


EINSUM_DIAGONAL = defprim(
    "einsum_diagonal", _ediag_fwd, _ediag_vjp,
    examples=[
        (((3, 3),), {"src": "ii", "dst": "i"}),
        (((2, 3, 2, 4),), {"src": "bxby", "dst": "bxy"}),
        (((2, 2, 2),), {"src": "iii", "dst": "i"}),
        (((3, 2, 3),), {"src": "iai", "dst": "ia"}),
    ],
)
EINSUM_DIAGONAL.jvp = lambda ts, out, ins, p: bind1(EINSUM_DIAGONAL, ts[0], p)


def einsum_diagonal(x: Tensor, src: str) -> tuple:
    """Take the diagonals named by repeated letters of ``src``: returns (tensor, unique subscripts)."""
    dst = _unique_letters(src)
    return bind1(EINSUM_DIAGONAL, x, {"src": src, "dst": dst}), dst


# --- band_part ------------------------------------------------------------------------------------------


def band_mask(m: int, n: int, lo: int, hi: int) -> np.ndarray:
    """(m, n) bool mask of the band: ``lo`` sub- and ``hi`` superdiagonals (negative: all)."""
    i = np.arange(m)[:, None]
    j = np.arange(n)[None, :]
    mask = np.ones((m, n), bool)
    if lo >= 0:
        mask &= (i - j) <= lo
    if hi >= 0:
        mask &= (j - i) <= hi
    return mask


def _band_fwd(x: np.ndarray, lo: int, hi: int) -> np.ndarray:
    return np.where(band_mask(x.shape[-2], x.shape[-1], lo, hi), x, np.zeros((), x.dtype))


BAND_PART = defprim(
    "band_part", _band_fwd, lambda g, out, ins, p, need: (band_part(g, p["lo"], p["hi"]),),
    examples=[(((3, 4),), {"lo": 1, "hi": 0}), (((2, 4, 3),), {"lo": -1, "hi": 1}), (((3, 3),), {"lo": 0, "hi": -1})],
    elementwise=True,
)
BAND_PART.jvp = lambda ts, out, ins, p: band_part(ts[0], p["lo"], p["hi"])


def band_part(x: Tensor, lo: int, hi: int) -> Tensor:
    """Keep ``lo`` subdiagonals and ``hi`` superdiagonals (negative: all), zero elsewhere."""
    return bind1(BAND_PART, x, {"lo": int(lo), "hi": int(hi)})


def tril(x: Tensor) -> Tensor:
    return band_part(x, -1, 0)


def triu(x: Tensor) -> Tensor:
    return band_part(x, 0, -1)


# --- diagonals: matrix_diag / matrix_diag_part / matrix_set_diag (TF's V3 ops) ----------------------------


def diag_length(m: int, n: int, d: int) -> int:
    """Length of diagonal ``d`` of an (m, n) matrix (<= 0 when it does not exist)."""
    return min(m + min(0, d), n - max(0, d))


def diag_layout(m: int, n: int, k0: int, k1: int, align: str) -> tuple:
    """Where diagonals ``k1`` (first row) .. ``k0`` (last row) of an (m, n) matrix sit in the packed
    (num_diags, max_len) layout: (rows, cols, valid) arrays. ``align`` is TF's 'RIGHT_LEFT' etc.:
    its first word places superdiagonals, its second subdiagonals; RIGHT pads on the left."""
    ks = list(range(k1, k0 - 1, -1))
    lens = [max(diag_length(m, n, d), 0) for d in ks]
    width = max(lens) if lens else 0
    rows = np.zeros((len(ks), width), np.intp)
    cols = np.zeros((len(ks), width), np.intp)
    valid = np.zeros((len(ks), width), bool)
    sup, sub = align.split("_")
    for j, (d, ln) in enumerate(zip(ks, lens)):
        right = (sup if d >= 0 else sub) == "RIGHT"
        off = width - ln if right else 0
        e = np.arange(ln)
        rows[j, off:off + ln] = e + max(0, -d)
        cols[j, off:off + ln] = e + max(0, d)
        valid[j, off:off + ln] = True
    return rows, cols, valid


def _dpart_fwd(x: np.ndarray, k0: int, k1: int, align: str, pad: Any, single: bool) -> np.ndarray:
    r, c, v = diag_layout(x.shape[-2], x.shape[-1], k0, k1, align)
    out = x[..., r, c]
    if not v.all():
        out = np.where(v, out, np.asarray(pad).astype(x.dtype))
    return out[..., 0, :] if single else out


def _mdiag_fwd(d: np.ndarray, m: int, n: int, k0: int, k1: int, align: str, pad: Any, single: bool) -> np.ndarray:
    r, c, v = diag_layout(m, n, k0, k1, align)
    if single:
        d = d[..., None, :]
    out = np.full(d.shape[:-2] + (m, n), np.asarray(pad).astype(d.dtype), d.dtype)
    out[..., r[v], c[v]] = d[..., v]
    return out


def _sdiag_fwd(x: np.ndarray, d: np.ndarray, k0: int, k1: int, align: str, single: bool) -> np.ndarray:
    r, c, v = diag_layout(x.shape[-2], x.shape[-1], k0, k1, align)
    if single:
        d = d[..., None, :]
    shape = np.broadcast_shapes(x.shape[:-2], d.shape[:-2]) + x.shape[-2:]
    out = np.array(np.broadcast_to(x, shape), dtype=np.result_type(x, d))
    out[..., r[v], c[v]] = d[..., v]
    return out


def _dpart_vjp(g, out, ins, p, need):
    m, n = ins[0]._value.shape[-2:]
    return (matrix_diag(g, m, n, p["k0"], p["k1"], p["align"], 0, p["single"]),)


def _mdiag_vjp(g, out, ins, p, need):
    return (matrix_diag_part(g, p["k0"], p["k1"], p["align"], 0, p["single"]),)


def _sdiag_vjp(g, out, ins, p, need):
    x, d = ins
    gx = gd = None
    if need[0]:
        dshape = g._value.shape[:-2] + d._value.shape[-1 if p["single"] else -2:]
        gx = matrix_set_diag(g, Tensor(np.zeros(dshape, g._value.dtype)), p["k0"], p["k1"], p["align"], p["single"])
    if need[1]:
        gd = matrix_diag_part(g, p["k0"], p["k1"], p["align"], 0, p["single"])
    return (gx, gd)


_RL = "RIGHT_LEFT"
MATRIX_DIAG_PART = defprim(
    "matrix_diag_part", _dpart_fwd, _dpart_vjp,
    examples=[
        (((3, 4),), {"k0": 0, "k1": 0, "align": _RL, "pad": 0, "single": True}),
        (((2, 3, 4),), {"k0": -1, "k1": 1, "align": _RL, "pad": 0, "single": False}),
        (((4, 3),), {"k0": -2, "k1": 0, "align": "LEFT_RIGHT", "pad": 0, "single": False}),
        (((3, 4),), {"k0": 2, "k1": 2, "align": _RL, "pad": 0, "single": True}),
    ],
)
MATRIX_DIAG = defprim(
    "matrix_diag", _mdiag_fwd, _mdiag_vjp,
    examples=[
        (((3,),), {"m": 3, "n": 3, "k0": 0, "k1": 0, "align": _RL, "pad": 0, "single": True}),
        (((2, 2),), {"m": 3, "n": 3, "k0": 1, "k1": 1, "align": _RL, "pad": 0, "single": True}),
        (((2, 2, 3),), {"m": 3, "n": 4, "k0": -1, "k1": 0, "align": _RL, "pad": 0, "single": False}),
        (((3, 3),), {"m": 3, "n": 3, "k0": -1, "k1": 1, "align": "LEFT_RIGHT", "pad": 0, "single": False}),
    ],
)
MATRIX_SET_DIAG = defprim(
    "matrix_set_diag", _sdiag_fwd, _sdiag_vjp,
    examples=[
        (((3, 4), (3,)), {"k0": 0, "k1": 0, "align": _RL, "single": True}),
        (((2, 3, 3), (2, 2, 3)), {"k0": -1, "k1": 0, "align": _RL, "single": False}),
        (((3, 4), (2,)), {"k0": 2, "k1": 2, "align": _RL, "single": True}),
    ],
)
MATRIX_DIAG_PART.jvp = lambda ts, out, ins, p: bind1(MATRIX_DIAG_PART, ts[0], p)
MATRIX_DIAG.jvp = lambda ts, out, ins, p: bind1(MATRIX_DIAG, ts[0], p)


def matrix_diag_part(x: Tensor, k0: int, k1: int, align: str = _RL, pad: Any = 0, single: bool = True) -> Tensor:
    """Diagonals ``k0..k1`` of the last two axes (raw primitive; ``single``: one diagonal, no diag axis)."""
    return bind1(MATRIX_DIAG_PART, x, {"k0": k0, "k1": k1, "align": align, "pad": pad, "single": single})


def matrix_diag(d: Tensor, m: int, n: int, k0: int, k1: int, align: str = _RL, pad: Any = 0,
                single: bool = True) -> Tensor:
    """An (m, n) matrix (per batch) with diagonals ``k0..k1`` taken from ``d``, ``pad`` elsewhere."""
    p = {"m": m, "n": n, "k0": k0, "k1": k1, "align": align, "pad": pad, "single": single}
    return bind1(MATRIX_DIAG, d, p)


def matrix_set_diag(x: Tensor, d: Tensor, k0: int, k1: int, align: str = _RL, single: bool = True) -> Tensor:
    """``x`` with diagonals ``k0..k1`` replaced by ``d`` (raw primitive)."""
    return bind(MATRIX_SET_DIAG, (x, d), {"k0": k0, "k1": k1, "align": align, "single": single})


def diag_of(x: Tensor) -> Tensor:
    """Main diagonal of the last two axes."""
    return matrix_diag_part(x, 0, 0)


def diag_embed(v: Tensor) -> Tensor:
    """(..., n) -> (..., n, n) diagonal matrices."""
    n = v._value.shape[-1]
    return matrix_diag(v, n, n, 0, 0)


# --- samplers for the gradient checks ----------------------------------------------------------------------


def _wellcond(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Square trailing axes: a diagonally dominant (well-conditioned) matrix; otherwise normal."""
    x = rng.standard_normal(shape)
    if len(shape) >= 2 and shape[-1] == shape[-2]:
        x = 0.5 * x + shape[-1] * np.eye(shape[-1])
    return x


def _signed_wellcond(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Well-conditioned matrices whose determinant is negative (first row negated)."""
    x = _wellcond(rng, shape)
    x[..., 0, :] *= -1
    return x


def _spd(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    x = rng.standard_normal(shape)
    n = shape[-1]
    return np.einsum("...ij,...kj->...ik", x, x) / n + np.eye(n)


def _orth(rng: np.random.Generator, batch: tuple, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal(batch + (n, n)))
    return q * np.sign(np.diagonal(r, axis1=-2, axis2=-1))[..., None, :]


def _sym_distinct(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Symmetric matrices with eigenvalues spaced by about 1 (eigenvectors well defined)."""
    n = shape[-1]
    q = _orth(rng, shape[:-2], n)
    e = np.arange(n) - n / 2 + rng.uniform(-0.2, 0.2, shape[:-2] + (n,))
    return np.einsum("...ij,...j,...kj->...ik", q, e, q)


def _distinct_sv(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Matrices with well-separated singular values (about 1, 2, 3, ...)."""
    m, n = shape[-2:]
    k = min(m, n)
    u = _orth(rng, shape[:-2], m)[..., :k]
    v = _orth(rng, shape[:-2], n)[..., :k]
    s = np.arange(1, k + 1) + rng.uniform(-0.2, 0.2, shape[:-2] + (k,))
    return np.einsum("...ik,...k,...jk->...ij", u, s, v)


def _sqrtm_sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Non-symmetric matrices with distinct positive eigenvalues."""
    n = shape[-1]
    t = np.triu(rng.uniform(-0.5, 0.5, shape), 1) + np.diag(np.arange(1, n + 1) * 1.5)
    q = _orth(rng, shape[:-2], n)
    return np.einsum("...ij,...jk,...lk->...il", q, t, q) + 0.05 * rng.standard_normal(shape)


# --- inverse, solves, determinants -----------------------------------------------------------------------


def _not_invertible(op: str, a: np.ndarray) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"{op}: Input is not invertible (a {a.dtype} matrix stack of shape {tuple(a.shape)})", op=op
    )


def _inv_fwd(a: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(_lapack(a)).astype(a.dtype, copy=False)
    except np.linalg.LinAlgError:
        raise _not_invertible("matrix_inverse", a) from None


def _inv_vjp(g, out, ins, p, need):
    ya = adjoint(out)
    return (C.negative(_mm(_mm(ya, g), ya)),)


INV = defprim("matrix_inverse", _inv_fwd, _inv_vjp,
              examples=[(((3, 3),), {}, _wellcond), (((2, 3, 3),), {}, _wellcond), (((1, 1),), {}, _wellcond)])


def inv(a: Tensor) -> Tensor:
    """Matrix inverse of the last two axes (raw primitive)."""
    return bind1(INV, a)


def _solve_fwd(a: np.ndarray, b: np.ndarray, adjoint: bool = False) -> np.ndarray:
    if adjoint:
        a = np.conj(np.swapaxes(a, -1, -2))
    try:
        return np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        raise _not_invertible("matrix_solve", a) from None


def _solve_vjp(g, out, ins, p, need):
    a, _ = ins
    adj_a = p.get("adjoint", False)
    gb = solve(a, g, not adj_a)
    ga = None
    if need[0]:
        ga = C.negative(_mm(out, adjoint(gb)) if adj_a else _mm(gb, adjoint(out)))
    return (ga, gb if need[1] else None)


SOLVE = defprim(
    "matrix_solve", _solve_fwd, _solve_vjp,
    examples=[
        (((3, 3), (3, 2)), {}, _wellcond),
        (((2, 3, 3), (2, 3, 1)), {"adjoint": True}, _wellcond),
        (((3, 3), (2, 3, 4)), {}, _wellcond),
    ],
)


def solve(a: Tensor, b: Tensor, adjoint: bool = False) -> Tensor:
    """``a^-1 b`` (``adjoint``: ``a^-H b``); batch axes broadcast (raw primitive)."""
    return bind2(SOLVE, a, b, {"adjoint": True} if adjoint else None)


def _substitute(t: np.ndarray, b: np.ndarray, lower: bool) -> np.ndarray:
    """Forward/back substitution (IEEE inf/nan where a diagonal entry is 0, as TF)."""
    batch = np.broadcast_shapes(t.shape[:-2], b.shape[:-2])
    t = np.broadcast_to(t, batch + t.shape[-2:])
    b = np.broadcast_to(b, batch + b.shape[-2:])
    n = t.shape[-1]
    x = np.zeros(b.shape, np.result_type(t, b))
    with np.errstate(all="ignore"):
        for i in range(n) if lower else range(n - 1, -1, -1):
            s = b[..., i, :] - np.einsum("...j,...jk->...k", t[..., i, :], x)
            x[..., i, :] = s / t[..., i, i][..., None]
    return x


def _trisolve_fwd(a: np.ndarray, b: np.ndarray, lower: bool, adjoint: bool) -> np.ndarray:
    t = np.tril(a) if lower else np.triu(a)
    if adjoint:
        t = np.conj(np.swapaxes(t, -1, -2))
        lower = not lower
    try:
        return np.linalg.solve(t, b)
    except np.linalg.LinAlgError:
        return _substitute(t, b, lower)


def _trisolve_vjp(g, out, ins, p, need):
    a, _ = ins
    lower, adj_a = p["lower"], p["adjoint"]
    gb = triangular_solve(a, g, lower, not adj_a)
    ga = None
    if need[0]:
        ga = C.negative(_mm(out, adjoint(gb)) if adj_a else _mm(gb, adjoint(out)))
        ga = tril(ga) if lower else triu(ga)
    return (ga, gb if need[1] else None)


TRIANGULAR_SOLVE = defprim(
    "matrix_triangular_solve", _trisolve_fwd, _trisolve_vjp,
    examples=[
        (((3, 3), (3, 2)), {"lower": True, "adjoint": False}, _wellcond),
        (((3, 3), (3, 2)), {"lower": False, "adjoint": True}, _wellcond),
        (((2, 3, 3), (3, 1)), {"lower": True, "adjoint": True}, _wellcond),
        (((3, 3), (2, 3, 2)), {"lower": False, "adjoint": False}, _wellcond),
    ],
)


def triangular_solve(a: Tensor, b: Tensor, lower: bool = True, adjoint: bool = False) -> Tensor:
    """Solve with the lower (or upper) triangle of ``a`` (``adjoint``: its conjugate transpose)."""
    return bind2(TRIANGULAR_SOLVE, a, b, {"lower": bool(lower), "adjoint": bool(adjoint)})


def _det_fwd(a: np.ndarray) -> np.ndarray:
    return np.asarray(np.linalg.det(a)).astype(a.dtype, copy=False)


def _det_vjp(g, out, ins, p, need):
    # as TF: grad * det * inv(a)^H (no conjugate on det for complex inputs)
    return (C.multiply(_expand2(C.multiply(g, out)), adjoint(inv(ins[0]))),)


DET = defprim("matrix_determinant", _det_fwd, _det_vjp,
              examples=[(((3, 3),), {}, _wellcond), (((2, 2, 2),), {}, _signed_wellcond), (((1, 1),), {}, _wellcond)])


def det(a: Tensor) -> Tensor:
    return bind1(DET, a)


def _slogdet_fwd(a: np.ndarray) -> tuple:
    s, la = np.linalg.slogdet(a)
    return np.asarray(s).astype(a.dtype, copy=False), np.asarray(la).astype(a.dtype, copy=False)


def _slogdet_vjp(g, out, ins, p, need):
    return (C.multiply(_expand2(g[1]), adjoint(inv(ins[0]))),)


SLOGDET = defprim("log_matrix_determinant", _slogdet_fwd, _slogdet_vjp, n_out=2,
                  examples=[(((3, 3),), {}, _wellcond), (((2, 3, 3),), {}, _signed_wellcond)])


def slogdet(a: Tensor) -> tuple:
    """(sign, log|det|) of the last two axes (raw primitive)."""
    return bind(SLOGDET, (a,))


# --- Cholesky ------------------------------------------------------------------------------------------------


def _chol_fwd(a: np.ndarray, sym: bool = False) -> np.ndarray:
    if sym:  # gradient checks only: the symmetric part, which TF's gradient convention assumes
        a = (a + np.conj(np.swapaxes(a, -1, -2))) / 2
    try:
        return np.linalg.cholesky(a)
    except np.linalg.LinAlgError:  # as TF 2.x: a matrix that is not positive definite gives NaNs
        flat = a.reshape((-1,) + a.shape[-2:])
        out = np.empty_like(flat)
        for i, m in enumerate(flat):
            try:
                out[i] = np.linalg.cholesky(m)
            except np.linalg.LinAlgError:
                out[i] = np.tril(np.full(m.shape, np.nan, a.dtype))
        return out.reshape(a.shape)


def _chol_vjp(g, out, ins, p, need):
    # TF's convention: the gradient is symmetric, S = 1/2 (X + X^H) with
    # X = L^-H Phi(L^H G) L^-1, Phi = lower triangle with the diagonal halved.
    ll = out
    ph = _mm(adjoint(ll), g)
    ph = C.subtract(tril(ph), _diag_times(ph, 0.5))
    y = triangular_solve(ll, ph, True, True)  # L^-H Phi
    x = adjoint(triangular_solve(ll, adjoint(y), True, True))  # (L^-H Y^H)^H = Y L^-1
    return (C.multiply(C.add(x, adjoint(x)), _k(0.5, x)),)


CHOLESKY = defprim(
    "cholesky", _chol_fwd, _chol_vjp,
    # the gradient is TF's symmetric one; the checks read the symmetric part of the input ("sym"),
    # for which that gradient is the exact derivative
    examples=[(((3, 3),), {"sym": True}, _spd), (((2, 4, 4),), {"sym": True}, _spd), (((1, 1),), {"sym": True}, _spd)],
)


def cholesky(a: Tensor) -> Tensor:
    """Lower Cholesky factor (reads the lower triangle of ``a``)."""
    return bind1(CHOLESKY, a)


# --- QR ---------------------------------------------------------------------------------------------------------


def _qr_fwd(a: np.ndarray, full_matrices: bool) -> tuple:
    q, r = np.linalg.qr(_lapack(a), mode="complete" if full_matrices else "reduced")
    return q.astype(a.dtype, copy=False), r.astype(a.dtype, copy=False)


def _times_inv_rh(x: Tensor, r: Tensor) -> Tensor:
    """x R^-H for upper-triangular R: (R^-1 x^H)^H."""
    return adjoint(triangular_solve(r, adjoint(x), False, False))


def _qr_grad_deep(q: Tensor, r: Tensor, gq: Tensor, gr: Tensor) -> Tensor:
    """Gradient of A = QR for rows >= cols: (gQ + Q copyltu(M)) R^-H, M = R gR^H - gQ^H Q,
    copyltu(M) the symmetric matrix with M's lower triangle."""
    mm = C.subtract(_mm(r, adjoint(gr)), _mm(adjoint(gq), q))
    low = tril(mm)
    sym = C.subtract(C.add(low, adjoint(low)), _diag_times(mm, 1.0))
    return _times_inv_rh(C.add(gq, _mm(q, sym)), r)


def _qr_vjp(g, out, ins, p, need):
    (a,) = ins
    _real_only(a, "Qr")
    gq, gr = g
    q, r = out
    m, n = a._value.shape[-2:]
    if p["full_matrices"] and m > n:
        raise NotImplementedError(
            f"QrGrad not implemented when nrows > ncols and full_matrices is true (input shape {tuple(a.shape)})"
        )
    if m >= n:
        return (_qr_grad_deep(q, r, gq, gr),)
    # wide: A = [X | Y], R = [U | V] with X = QU square
    y = _slice_axis(a, -1, slice(m, None))
    u = _slice_axis(r, -1, slice(0, m))
    gu = _slice_axis(gr, -1, slice(0, m))
    gv = _slice_axis(gr, -1, slice(m, None))
    gy = _mm(q, gv)
    gx = _qr_grad_deep(q, u, C.add(gq, _mm(y, adjoint(gv))), gu)
    return (_concat_axis([gx, gy], -1),)


QR = defprim(
    "qr", _qr_fwd, _qr_vjp, n_out=2,
    examples=[
        (((4, 3),), {"full_matrices": False}),
        (((3, 3),), {"full_matrices": True}),
        (((2, 4, 2),), {"full_matrices": False}),
        (((3, 5),), {"full_matrices": False}),
        (((2, 2, 4),), {"full_matrices": True}),
    ],
)


def qr(a: Tensor, full_matrices: bool = False) -> tuple:
    return bind(QR, (a,), {"full_matrices": bool(full_matrices)})


# --- SVD -----------------------------------------------------------------------------------------------------------


def _svd_fwd(a: np.ndarray, full_matrices: bool) -> tuple:
    u, s, vh = np.linalg.svd(_lapack(a), full_matrices=full_matrices)
    v = np.conj(np.swapaxes(vh, -1, -2))
    rdt = np.dtype(a.dtype.char.lower()) if a.dtype.kind == "c" else a.dtype
    return s.astype(rdt, copy=False), u.astype(a.dtype, copy=False), v.astype(a.dtype, copy=False)


def _svd_vjp(g, out, ins, p, need):
    (a,) = ins
    _real_only(a, "Svd")
    gs, gu, gv = g
    s, u, v = out
    m, n = a._value.shape[-2:]
    full = p["full_matrices"]
    flip = m > n
    if flip:  # differentiate A^H = V S U^H instead
        m, n = n, m
        u, v, gu, gv = v, u, gv, gu
    if full and n - m > 1:
        raise NotImplementedError(
            f"svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True (input shape "
            f"{tuple(a.shape)})"
        )
    v1 = v if v._value.shape[-1] == m else _slice_axis(v, -1, slice(0, m))
    gv1 = gv if gv._value.shape[-1] == m else _slice_axis(gv, -1, slice(0, m))
    s2 = C.multiply(s, s)
    f = _offdiag(_safe_recip(C.subtract(_unsq(s2, -2), _unsq(s2, -1))))  # 1 / (s_j^2 - s_i^2)
    j = C.multiply(f, _mm(adjoint(u), gu))
    kk = C.multiply(f, _mm(adjoint(v1), gv1))
    core = C.add(
        diag_embed(gs),
        C.add(C.multiply(C.add(j, adjoint(j)), _unsq(s, -2)), C.multiply(_unsq(s, -1), C.add(kk, adjoint(kk)))),
    )
    ga = _mm(u, _mm(core, adjoint(v1)))
    if m < n:
        gv1h = adjoint(gv1)
        t2 = C.subtract(gv1h, _mm(_mm(gv1h, v1), adjoint(v1)))
        if full:
            v2 = _slice_axis(v, -1, slice(m, None))
            gv2 = _slice_axis(gv, -1, slice(m, None))
            t2 = C.subtract(t2, _mm(_mm(adjoint(v1), gv2), adjoint(v2)))
        ga = C.add(ga, _mm(C.multiply(u, _unsq(_safe_recip(s), -2)), t2))
    return (adjoint(ga) if flip else ga,)


SVD = defprim(
    "svd", _svd_fwd, _svd_vjp, n_out=3,
    examples=[
        (((4, 3),), {"full_matrices": False}, _distinct_sv),
        (((3, 5),), {"full_matrices": False}, _distinct_sv),
        (((3, 3),), {"full_matrices": True}, _distinct_sv),
        (((2, 3, 4),), {"full_matrices": True}, _distinct_sv),
        (((4, 3),), {"full_matrices": True}, _distinct_sv),
    ],
)


def svd(a: Tensor, full_matrices: bool = False) -> tuple:
    """(s, u, v) with ``a = u diag(s) v^H`` (raw primitive)."""
    return bind(SVD, (a,), {"full_matrices": bool(full_matrices)})


def _svdvals_fwd(a: np.ndarray) -> np.ndarray:
    s = np.linalg.svd(_lapack(a), compute_uv=False)
    return s.astype(np.dtype(a.dtype.char.lower()) if a.dtype.kind == "c" else a.dtype, copy=False)


def _svdvals_vjp(g, out, ins, p, need):
    _, u, v = svd(ins[0], False)
    gs = C.cast_raw(g, u._value.dtype)
    return (_mm(C.multiply(u, _unsq(gs, -2)), adjoint(v)),)


SINGULAR_VALUES = defprim("singular_values", _svdvals_fwd, _svdvals_vjp,
                          examples=[(((4, 3),), {}, _distinct_sv), (((2, 3, 5),), {}, _distinct_sv)])


def singular_values(a: Tensor) -> Tensor:
    return bind1(SINGULAR_VALUES, a)


# --- symmetric eigendecomposition -------------------------------------------------------------------------


def _sym_lower(x: Tensor) -> Tensor:
    """TF's eigh gradient convention: the forward reads the lower triangle, so return
    tril(X + X^H) with the diagonal halved."""
    s = C.add(x, adjoint(x))
    return C.subtract(tril(s), _diag_times(s, 0.5))


def _eigh_fwd(a: np.ndarray) -> tuple:
    e, v = np.linalg.eigh(a, UPLO="L")
    return e.astype(a.dtype), v


def _eigh_vjp(g, out, ins, p, need):
    _real_only(ins[0], "SelfAdjointEigV2")
    ge, gv = g
    e, v = out
    f = _offdiag(_safe_recip(C.subtract(_unsq(e, -2), _unsq(e, -1))))  # 1 / (e_j - e_i)
    inner = C.add(diag_embed(ge), C.multiply(f, _mm(adjoint(v), gv)))
    return (_sym_lower(_mm(v, _mm(inner, adjoint(v)))),)


EIGH = defprim("self_adjoint_eig", _eigh_fwd, _eigh_vjp, n_out=2,
               examples=[(((3, 3),), {}, _sym_distinct), (((2, 4, 4),), {}, _sym_distinct)])


def eigh(a: Tensor) -> tuple:
    return bind(EIGH, (a,))


def _eigvalsh_fwd(a: np.ndarray) -> np.ndarray:
    return np.linalg.eigvalsh(a, UPLO="L").astype(a.dtype)


def _eigvalsh_vjp(g, out, ins, p, need):
    _real_only(ins[0], "SelfAdjointEigV2")
    _, v = eigh(ins[0])
    return (_sym_lower(_mm(C.multiply(v, _unsq(g, -2)), adjoint(v))),)


EIGVALSH = defprim("self_adjoint_eigvals", _eigvalsh_fwd, _eigvalsh_vjp,
                   examples=[(((3, 3),), {}, _sym_distinct), (((2, 2, 2),), {}, _sym_distinct)])


def eigvalsh(a: Tensor) -> Tensor:
    return bind1(EIGVALSH, a)


# --- general eigendecomposition (forward only) ------------------------------------------------------------


def _complex_of(dt: np.dtype) -> np.dtype:
    return np.dtype(np.complex128) if dt in (np.float64, np.complex128) else np.dtype(np.complex64)


def _eig_fwd(a: np.ndarray) -> tuple:
    e, v = np.linalg.eig(a)
    c = _complex_of(a.dtype)
    return e.astype(c), v.astype(c)


def _eigvals_fwd(a: np.ndarray) -> np.ndarray:
    return np.linalg.eigvals(a).astype(_complex_of(a.dtype))


def _eig_no_grad(g, out, ins, p, need):
    raise NotImplementedError(
        "tapeflow does not implement the gradient of tf.linalg.eig / tf.linalg.eigvals (TensorFlow has one); "
        "for symmetric matrices use tf.linalg.eigh / tf.linalg.eigvalsh, which are differentiable"
    )


# has_gradient() treats this VJP as absent: there is nothing to check, and asking raises
_eig_no_grad.no_gradient = "Eig"  # type: ignore[attr-defined]
EIG = defprim("eig", _eig_fwd, _eig_no_grad, n_out=2)
EIGVALS = defprim("eigvals", _eigvals_fwd, _eig_no_grad)


# --- matrix square root ---------------------------------------------------------------------------------------


def _sqrtm_db(m: np.ndarray) -> np.ndarray:
    """Scaled product-form Denman-Beavers iteration (for matrices eig cannot diagonalise well)."""
    n = m.shape[0]
    eye = np.eye(n, dtype=m.dtype)
    mk, y = m.copy(), m.copy()
    for _ in range(100):
        d = abs(np.linalg.det(mk))
        mu = d ** (-1.0 / (2 * n)) if 0 < d < np.inf else 1.0
        mi = np.linalg.inv(mk)
        y = 0.5 * mu * y @ (eye + mi / mu**2)
        mk = 0.5 * (eye + (mu**2 * mk + mi / mu**2) / 2)
        if np.linalg.norm(mk - eye, 1) < 1e-14 * n:
            break
    return y


def _sqrtm_one(m: np.ndarray) -> np.ndarray:
    real = m.dtype.kind != "c"
    m = m.astype(np.complex128 if not real else np.float64)
    if m.shape[0] == 0:
        return m
    w, vecs = np.linalg.eig(m)
    if real and np.any((w.imag == 0) & (w.real < 0)):
        return np.full(m.shape, np.nan)  # no real square root (TF returns NaNs too)
    if np.linalg.cond(vecs) < 1e8:
        x = (vecs * np.sqrt(w.astype(np.complex128))[None, :]) @ np.linalg.inv(vecs)
    else:
        try:
            x = _sqrtm_db(m.astype(np.complex128))
        except np.linalg.LinAlgError:
            return np.full(m.shape, np.nan)
    return x.real if real else x


def _sqrtm_fwd(a: np.ndarray) -> np.ndarray:
    flat = a.reshape((-1,) + a.shape[-2:])
    out = np.empty(flat.shape, a.dtype)
    for i, m in enumerate(flat):
        out[i] = _sqrtm_one(m)
    return out.reshape(a.shape)


def _sqrtm_vjp(g, out, ins, p, need):
    # dA = X dX + dX X: the adjoint solves X^H S + S X^H = G, via Kronecker products (n^2 x n^2)
    x = out
    n = x._value.shape[-1]
    bs = x._value.shape[:-2]
    eye = Tensor(np.eye(n, dtype=x._value.dtype))
    xh = adjoint(x)
    k1 = C.multiply(C.reshape_to(xh, bs + (n, 1, n, 1)), C.reshape_to(eye, (1, n, 1, n)))
    k2 = C.multiply(C.reshape_to(eye, (n, 1, n, 1)), C.reshape_to(conj(x), bs + (1, n, 1, n)))
    kk = C.reshape_to(C.add(k1, k2), bs + (n * n, n * n))
    gs = g._value.shape
    sv = solve(kk, C.reshape_to(g, gs[:-2] + (n * n, 1)))
    return (C.reshape_to(sv, gs),)


SQRTM = defprim("matrix_square_root", _sqrtm_fwd, _sqrtm_vjp,
                examples=[(((3, 3),), {}, _spd), (((2, 3, 3),), {}, _sqrtm_sampler)])


def sqrtm(a: Tensor) -> Tensor:
    return bind1(SQRTM, a)


# --- LU ----------------------------------------------------------------------------------------------------------------


def _lu_fwd(a: np.ndarray, idx: np.dtype) -> tuple:
    """Partial pivoting (largest |pivot|, first on ties) as TF/Eigen: P A = L U, ``perm`` such that
    ``A[perm] = L U``; L (unit diagonal, not stored) and U packed in one matrix."""
    lu = np.array(_lapack(a), copy=True)
    n = lu.shape[-1]
    batch = lu.shape[:-2]
    lu = lu.reshape((-1, n, n))
    perm = np.broadcast_to(np.arange(n), (lu.shape[0], n)).copy()
    rows = np.arange(lu.shape[0])
    for k in range(n):
        piv = k + np.argmax(np.abs(lu[:, k:, k]), axis=1)
        if np.any(lu[rows, piv, k] == 0):
            raise InvalidArgumentError(
                f"lu: Input is not invertible (a {a.dtype} matrix stack of shape {tuple(a.shape)})", op="lu"
            )
        swap = piv != k
        if swap.any():
            r = rows[swap]
            lu[r, k], lu[r, piv[swap]] = lu[r, piv[swap]].copy(), lu[r, k].copy()
            perm[r, k], perm[r, piv[swap]] = perm[r, piv[swap]], perm[r, k]
        lu[:, k + 1:, k] /= lu[:, k, k][:, None]
        lu[:, k + 1:, k + 1:] -= lu[:, k + 1:, k][:, :, None] * lu[:, k, k + 1:][:, None, :]
    return lu.reshape(batch + (n, n)).astype(a.dtype, copy=False), perm.reshape(batch + (n,)).astype(idx)


LU = defprim("lu", _lu_fwd, no_gradient("Lu"), n_out=2)


def lu(a: Tensor, idx: np.dtype) -> tuple:
    return bind(LU, (a,), {"idx": idx})


# --- cross product --------------------------------------------------------------------------------------------


def _cross_vjp(g, out, ins, p, need):
    a, b = ins
    return (cross(b, g) if need[0] else None, cross(g, a) if need[1] else None)


CROSS = defprim("cross", lambda a, b: np.cross(a, b), _cross_vjp,
                examples=[(((3,), (3,)), {}), (((2, 4, 3), (2, 4, 3)), {})])


def cross(a: Tensor, b: Tensor) -> Tensor:
    return bind2(CROSS, a, b)


# --- tridiagonal solve ---------------------------------------------------------------------------------------------


def _tridiag_fwd(diags: np.ndarray, b: np.ndarray, pivot: bool = True) -> np.ndarray:
    """Gaussian elimination for tridiagonal systems (LAPACK gtsv's scheme when ``pivot``), vectorised
    over the batch. ``diags`` is TF's compact (..., 3, M): superdiagonal (last entry unused), main
    diagonal, subdiagonal (first entry unused); ``b`` is (..., M, K)."""
    dt = np.result_type(diags, b)
    m = diags.shape[-1]
    du = diags[..., 0, :].astype(dt)  # du[i] = A[i, i+1]
    d = diags[..., 1, :].astype(dt)
    dl = diags[..., 2, :].astype(dt)  # dl[i] = A[i, i-1]
    b = np.array(b, dtype=dt)
    du2 = np.zeros_like(d)  # second superdiagonal created by row swaps
    with np.errstate(all="ignore"):
        for i in range(m - 1):
            sub = dl[..., i + 1]
            if pivot:
                swap = np.abs(d[..., i]) < np.abs(sub)
            else:
                swap = np.zeros(d[..., i].shape, bool)
            fact_n = sub / d[..., i]
            fact_s = d[..., i] / sub
            d_i, d_n, du_i = d[..., i].copy(), d[..., i + 1].copy(), du[..., i].copy()
            du_n = du[..., i + 1].copy() if i + 1 < m - 1 else np.zeros_like(du_i)
            b_i, b_n = b[..., i, :].copy(), b[..., i + 1, :].copy()
            d[..., i] = np.where(swap, sub, d_i)
            du[..., i] = np.where(swap, d_n, du_i)
            du2[..., i] = np.where(swap, du_n, 0)
            d[..., i + 1] = np.where(swap, du_i - fact_s * d_n, d_n - fact_n * du_i)
            if i + 1 < m - 1:
                du[..., i + 1] = np.where(swap, -fact_s * du_n, du_n)
            sw = swap[..., None]
            b[..., i, :] = np.where(sw, b_n, b_i)
            b[..., i + 1, :] = np.where(sw, b_i - fact_s[..., None] * b_n, b_n - fact_n[..., None] * b_i)
        x = np.zeros_like(b)
        for i in range(m - 1, -1, -1):
            s = b[..., i, :]
            if i + 1 < m:
                s = s - du[..., i, None] * x[..., i + 1, :]
            if i + 2 < m:
                s = s - du2[..., i, None] * x[..., i + 2, :]
            x[..., i, :] = s / d[..., i, None]
    return x


def _row(d: Tensor, i: int) -> Tensor:
    """d[..., i, :] of a (..., 3, M) diagonals tensor."""
    nd = d._value.ndim
    return A.strided_slice(d, (_ALL,) * (nd - 2) + (i,))


def tridiag_stack(sup: Tensor, main: Tensor, sub: Tensor) -> Tensor:
    """Three (..., M) diagonals -> compact (..., 3, M)."""
    parts = [_unsq(t, -2) for t in (sup, main, sub)]
    return _concat_axis(parts, -2)


def _shift(x: Tensor, axis: int, by: int) -> Tensor:
    """Shift along negative ``axis``: ``by=1`` moves entries to higher indices (zero first),
    ``by=-1`` to lower ones (zero last)."""
    n = x._value.shape[axis]
    if n <= 1:
        return C.multiply(x, _k(0.0, x))
    part = _slice_axis(x, axis, slice(0, n - 1) if by > 0 else slice(1, n))
    return _place_axis(part, axis, 1 if by > 0 else 0, n)


def tridiag_transpose(d: Tensor) -> Tensor:
    """Compact diagonals of the transposed matrix."""
    sup, main, sub = _row(d, 0), _row(d, 1), _row(d, 2)
    return tridiag_stack(_shift(sub, -1, -1), main, _shift(sup, -1, 1))


def _tridiag_vjp(g, out, ins, p, need):
    d, _ = ins
    _real_only(d, "TridiagonalSolve")
    gb = tridiagonal_solve(tridiag_transpose(d), g, p.get("pivot", True))
    gd = None
    if need[0]:
        x = out
        main = C.negative(C.reduce_sum_raw(C.multiply(gb, x), (-1,)))
        sup = C.negative(C.reduce_sum_raw(C.multiply(gb, _shift(x, -2, -1)), (-1,)))
        sub = C.negative(C.reduce_sum_raw(C.multiply(gb, _shift(x, -2, 1)), (-1,)))
        gd = tridiag_stack(sup, main, sub)
    return (gd, gb if need[1] else None)


def _tridiag_sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    x = rng.standard_normal(shape)
    if len(shape) >= 2 and shape[-2] == 3:  # diagonals: a dominant main diagonal
        x[..., 1, :] = 3.0 + rng.uniform(0, 1, shape[:-2] + (shape[-1],))
    return x


def _tridiag_pivoting_sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Small main diagonal, large subdiagonal: elimination must swap rows."""
    x = rng.standard_normal(shape)
    if len(shape) >= 2 and shape[-2] == 3:
        x[..., 1, :] = rng.uniform(0.1, 0.3, shape[:-2] + (shape[-1],))
        x[..., 2, :] = 2.0 + rng.uniform(0, 1, shape[:-2] + (shape[-1],))
        x[..., 0, :] = 0.5 * x[..., 0, :]
    return x


TRIDIAGONAL_SOLVE = defprim(
    "tridiagonal_solve", _tridiag_fwd, _tridiag_vjp,
    examples=[
        (((3, 4), (4, 2)), {"pivot": True}, _tridiag_sampler),
        (((2, 3, 5), (2, 5, 1)), {"pivot": False}, _tridiag_sampler),
        (((3, 4), (4, 2)), {"pivot": True}, _tridiag_pivoting_sampler),
    ],
)


def tridiagonal_solve(d: Tensor, b: Tensor, pivot: bool = True) -> Tensor:
    """Solve with compact tridiagonal ``d`` (..., 3, M) and ``b`` (..., M, K) (raw primitive)."""
    return bind2(TRIDIAGONAL_SOLVE, d, b, {"pivot": bool(pivot)})


# --- least squares with fast=False -------------------------------------------------------------------------------


def _lstsq_slow_fwd(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Minimum-norm least-squares solutions (SVD based), matrix by matrix."""
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    aa = np.broadcast_to(a, batch + a.shape[-2:]).reshape((-1,) + a.shape[-2:])
    bb = np.broadcast_to(b, batch + b.shape[-2:]).reshape((-1,) + b.shape[-2:])
    out = np.empty((aa.shape[0], a.shape[-1], b.shape[-1]), np.result_type(a, b))
    for i in range(aa.shape[0]):
        out[i] = np.linalg.lstsq(aa[i], bb[i], rcond=None)[0]
    return out.reshape(batch + out.shape[1:])


def _lstsq_slow_vjp(g, out, ins, p, need):
    raise ValueError("Gradient not defined for fast=False")  # TF's MatrixSolveLs gradient says the same


# no gradient to check: TF's (and so tapeflow's) gradient rule raises for fast=False
_lstsq_slow_vjp.no_gradient = "MatrixSolveLs"  # type: ignore[attr-defined]
LSTSQ_SLOW = defprim("matrix_solve_ls_slow", _lstsq_slow_fwd, _lstsq_slow_vjp)


def lstsq_slow(a: Tensor, b: Tensor) -> Tensor:
    return bind2(LSTSQ_SLOW, a, b)


__all__: list[str] = []
