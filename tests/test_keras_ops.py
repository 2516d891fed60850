"""keras.ops against Keras 3.15 (TensorFlow backend): values, dtypes and shapes Keras printed.

The CASES block below is plain data; EXPECTED holds what Keras 3.15 / TF 2.21 returned for each case
(encoded as ("t", dtype, shape, values), ("seq", [...]), ("py", value) or ("err", type, message)).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import ops

nan = float("nan")
inf = float("inf")


def A(v, dtype=None):
    return np.array(v, dtype=dtype)


def T(v, dtype=None):
    return tf.constant(np.array(v, dtype=dtype) if dtype is not None else v)


# --- CASES BEGIN ---
CASES = []


def case(cid, fn, *args, **kwargs):
    CASES.append((cid, fn, args, kwargs))


for _n in ["arccos", "arcsin", "arctan", "arctanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "sqrt",
           "log", "log1p", "log2", "log10", "exp", "expm1", "exp2", "ceil", "floor", "sinc", "arcsinh",
           "cbrt", "deg2rad", "rad2deg", "i0", "angle", "fabs", "trunc", "sign", "square", "negative",
           "absolute", "abs", "reciprocal", "round", "signbit", "isfinite", "isnan", "isinf", "isneginf",
           "isposinf", "isreal", "logical_not", "conj", "real", "imag", "copy", "nan_to_num"]:
    case(f"{_n}_f32", f"ops.{_n}", A([-0.5, 0.5, 0.9], "float32"))
    case(f"{_n}_i32", f"ops.{_n}", T([1, 2, 3], "int32"))
    case(f"{_n}_f64", f"ops.{_n}", A([0.25, 0.75], "float64"))
    case(f"{_n}_list", f"ops.{_n}", [1.0, 2.0])
case("arccosh_f32", "ops.arccosh", A([1.5, 2.0], "float32"))
case("arccosh_i64", "ops.arccosh", A([1, 2], "int64"))
case("exp_f16", "ops.exp", A([0.5, 1.0], "float16"))
case("exp_bool", "ops.exp", A([True, False]))
case("sqrt_i64", "ops.sqrt", A([4, 9], "int64"))
case("sqrt_i8", "ops.sqrt", T([4, 9], "int8"))
case("log_u8", "ops.log", T([1, 4], "uint8"))
case("sin_f16", "ops.sin", A([0.5], "float16"))
case("cbrt_i64", "ops.cbrt", A([8, -27], "int64"))
case("deg2rad_i64", "ops.deg2rad", A([180], "int64"))
case("abs_u8", "ops.abs", T([1, 2], "uint8"))
case("abs_bool", "ops.abs", A([True, False]))
case("sign_u8", "ops.sign", T([0, 3], "uint8"))
case("square_bool", "ops.square", A([True, False]))
case("round_dec", "ops.round", A([1.234, 5.678, -2.5], "float32"), decimals=1)
case("round_neg_dec_int", "ops.round", T([1234, 5678], "int32"), decimals=-2)
case("round_half", "ops.round", A([0.5, 1.5, 2.5, -0.5], "float32"))
case("nan_to_num_all", "ops.nan_to_num", A([nan, inf, -inf, 1.0], "float32"))
case("nan_to_num_args", "ops.nan_to_num", A([nan, inf, -inf, 1.0], "float32"), nan=1.0, posinf=2.0, neginf=-2.0)
case("signbit_negzero", "ops.signbit", A([-0.0, 0.0, -1.0, 2.0], "float32"))
case("isreal_c", "ops.isreal", A([1 + 0j, 1j], "complex64"))
case("real_c", "ops.real", A([1 + 2j, 3 - 1j], "complex64"))
case("imag_c", "ops.imag", A([1 + 2j, 3 - 1j], "complex64"))
case("conj_c", "ops.conj", A([1 + 2j], "complex64"))
case("angle_c", "ops.angle", A([1 + 1j, -1j], "complex64"))
case("fabs_c", "ops.fabs", A([1 + 1j], "complex64"))

# binary ops: promotion with weak Python scalars and strong tensors
for _n in ["add", "subtract", "multiply", "divide", "true_divide", "power", "maximum", "minimum",
           "floor_divide", "mod", "fmod", "fmax", "fmin", "divide_no_nan", "arctan2", "hypot", "logaddexp",
           "logaddexp2", "equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
           "logical_and", "logical_or", "logical_xor", "heaviside", "nextafter", "isclose", "allclose",
           "outer", "append", "kron"]:
    case(f"{_n}_i32_pyfloat", f"ops.{_n}", T([1, 2, 3], "int32"), 1.5)
    case(f"{_n}_i32_pyint", f"ops.{_n}", T([1, 2, 3], "int32"), 2)
    case(f"{_n}_i8_u8", f"ops.{_n}", T([1, 2, 3], "int8"), T([2, 2, 2], "uint8"))
    case(f"{_n}_f16_i32", f"ops.{_n}", T([1.5, 2.0, 3.0], "float16"), T([2, 2, 2], "int32"))
    case(f"{_n}_f32_f64", f"ops.{_n}", T([1.5, 2.0, -3.0], "float32"), A([2.0, 0.5, 2.0], "float64"))
    case(f"{_n}_bcast", f"ops.{_n}", A([[1.0], [2.0]], "float32"), A([1.0, -2.0, 3.0], "float32"))
    case(f"{_n}_pyint_pyfloat", f"ops.{_n}", 3, 2.0)
    case(f"{_n}_i64_pyint", f"ops.{_n}", A([5, -7], "int64"), 2)
    if _n not in ("add", "multiply", "kron"):  # TF rejects bool there; tapeflow's tf.add accepts bool
        case(f"{_n}_bool_bool", f"ops.{_n}", A([True, False]), A([True, True]))
case("gcd_ints", "ops.gcd", T([12, -9, 0, 7], "int32"), T([18, 6, 5, 0], "int32"))
case("lcm_ints", "ops.lcm", T([4, 0, -6], "int32"), T([6, 3, 4], "int32"))
case("ldexp", "ops.ldexp", A([1.0, 3.0, -2.0], "float32"), T([2, 1, 3], "int32"))
case("bitwise_and", "ops.bitwise_and", T([12, 7], "int32"), T([10, 3], "int32"))
case("bitwise_or", "ops.bitwise_or", T([12, 7], "int32"), T([10, 3], "int32"))
case("bitwise_xor", "ops.bitwise_xor", T([12, 7], "int32"), T([10, 3], "int32"))
case("bitwise_xor_mixed", "ops.bitwise_xor", T([12, 7], "int8"), T([10, 3], "int16"))
case("bitwise_invert", "ops.bitwise_invert", T([0, 5], "int32"))
case("bitwise_not_u8", "ops.bitwise_not", T([0, 5], "uint8"))
case("left_shift", "ops.left_shift", T([-7, 5, 1, -1], "int32"), T([0, 1, 30, 31], "int32"))
case("left_shift_wrap", "ops.left_shift", T([-7, 5, 1, -1], "int32"), 31)
case("left_shift_clamp", "ops.bitwise_left_shift", T([-7, 5, 1, -1], "int32"), 33)
case("right_shift", "ops.right_shift", T([-7, 5, 1, -1], "int32"), T([1, 2, 0, 31], "int32"))
case("right_shift_clamp", "ops.bitwise_right_shift", T([-7, 5, 1, -1], "int32"), 40)
case("right_shift_neg", "ops.bitwise_right_shift", T([-7, 5, 1, -1], "int32"), -1)
case("right_shift_u8", "ops.right_shift", T([200, 255], "uint8"), 3)
case("left_shift_u8", "ops.left_shift", T([200, 3], "uint8"), 1)
case("left_shift_promote", "ops.left_shift", T([3], "int8"), T([2], "int32"))
case("left_shift_np", "ops.left_shift", A([3]), 2)
case("right_shift_i64", "ops.right_shift", A([-(2**40), 2**40]), 63)
case("where3", "ops.where", A([True, False, True]), T([1, 2, 3], "int32"), 0.5)
case("where3_ints", "ops.where", A([True, False]), 1, 2)
case("where1", "ops.where", A([[0, 1], [2, 0]]))
case("isclose_nan", "ops.isclose", A([nan, 1.0], "float32"), A([nan, 1.0], "float32"), equal_nan=True)
case("allclose_inf", "ops.allclose", A([inf, 1.0], "float32"), A([inf, 1.0 + 1e-9], "float32"))
case("power_neg", "ops.power", A([2.0, 4.0], "float32"), -0.5)
case("mod_neg", "ops.mod", T([-5, 5, -5], "int32"), T([3, -3, -3], "int32"))
case("floor_divide_f", "ops.floor_divide", A([-7.5, 7.5], "float32"), 2)

# reductions
X23 = [[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]]
I23 = [[1, 2, 3], [4, 5, 6]]
for _n in ["sum", "prod", "mean", "max", "min", "amax", "amin", "std", "var", "ptp", "all", "any",
           "argmax", "argmin", "count_nonzero", "median", "logsumexp", "nansum", "nanmean", "nanmax", "nanmin",
           "nanstd", "nanvar", "nanprod", "nanargmax", "nanargmin", "nanmedian", "cumsum", "cumprod",
           "nancumsum", "nancumprod", "sort", "argsort"]:
    case(f"{_n}_all", f"ops.{_n}", A(X23, "float32"))
    case(f"{_n}_ax0", f"ops.{_n}", A(X23, "float32"), axis=0)
    if _n != "nanmedian":
        case(f"{_n}_axm1_int", f"ops.{_n}", T(I23, "int32"), axis=-1)
    if _n not in ("cumsum", "cumprod", "nancumsum", "nancumprod", "sort", "argsort", "count_nonzero"):
        case(f"{_n}_keep", f"ops.{_n}", A(X23, "float32"), axis=1, keepdims=True)
    if _n not in ("argmax", "argmin", "nanargmax", "nanargmin", "cumsum", "cumprod", "nancumsum",
                  "nancumprod", "sort", "argsort", "median", "nanmedian"):
        case(f"{_n}_tuple", f"ops.{_n}", A([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]], "float32"),
             axis=(0, 2))
    if _n in ("nanmedian",):  # Keras on TF fails on integer input there (tapeflow computes it)
        continue
    case(f"{_n}_i8", f"ops.{_n}", T([[1, 2], [3, 4]], "int8"))
    case(f"{_n}_u8", f"ops.{_n}", T([[1, 2], [3, 4]], "uint8"), axis=0)
    case(f"{_n}_bool", f"ops.{_n}", A([[True, False], [True, True]]))
    case(f"{_n}_f16", f"ops.{_n}", A([1.0, 2.0, 4.0], "float16"))
    case(f"{_n}_f64", f"ops.{_n}", A([1.0, 2.0, 4.0], "float64"))
    if _n not in ("sort", "argsort"):  # TF's order of NaNs is its sort kernel's accident
        case(f"{_n}_nan", f"ops.{_n}", A([[1.0, nan, 3.0], [nan, nan, nan]], "float32"), axis=1)
case("max_initial", "ops.max", A([1.0, 2.0], "float32"), initial=5.0)
case("min_initial", "ops.min", T([1, 2], "int32"), initial=0)
case("max_empty", "ops.max", A(np.zeros((0,)), "float32"))
case("argmax_negzero", "ops.argmax", A([-0.0, 0.0], "float32"))
case("argmin_negzero", "ops.argmin", A([0.0, -0.0], "float32"))
case("argmax_keep_none", "ops.argmax", A(X23, "float32"), keepdims=True)
case("cumsum_dtype", "ops.cumsum", T([1, 2, 3], "int32"), dtype="float32")
case("prod_dtype", "ops.prod", T([1, 2, 3], "int32"), dtype="float32")
case("sort_none", "ops.sort", A([[3, 1], [2, 0]]), axis=None)
case("argsort_none", "ops.argsort", A([[3, 1], [2, 0]]), axis=None)
case("argsort_ties", "ops.argsort", A([2, 1, 2, 1, 0]))
case("argsort_scalar", "ops.argsort", A(3.0))
case("average", "ops.average", A(X23, "float32"), axis=1, weights=A([1.0, 2.0, 3.0], "float32"))
case("average_full", "ops.average", A(X23, "float32"), weights=A([[1.0, 0.0, 1.0], [1.0, 1.0, 1.0]], "float32"))
case("average_none", "ops.average", T(I23, "int32"))
case("average_ax0", "ops.average", A(X23, "float64"), axis=0)
case("quantile", "ops.quantile", A(X23, "float32"), A([0.25, 0.5, 0.9], "float32"), axis=1)
case("quantile_methods_lower", "ops.quantile", A([1.0, 2.0, 3.0, 4.0], "float32"), 0.4, method="lower")
case("quantile_methods_higher", "ops.quantile", A([1.0, 2.0, 3.0, 4.0], "float32"), 0.4, method="higher")
case("quantile_methods_nearest", "ops.quantile", A([1.0, 2.0, 3.0, 4.0], "float32"), 0.4, method="nearest")
case("quantile_methods_midpoint", "ops.quantile", A([1.0, 2.0, 3.0, 4.0], "float32"), 0.4, method="midpoint")
case("quantile_keep", "ops.quantile", A(X23, "float32"), A([0.5, 0.75], "float32"), axis=0, keepdims=True)
case("quantile_int", "ops.quantile", T(I23, "int32"), 0.5)
case("quantile_nan", "ops.quantile", A([[1.0, nan], [1.0, 2.0]], "float32"), 0.5, axis=1)
case("percentile", "ops.percentile", A(X23, "float32"), 50, axis=1)
case("percentile_list", "ops.percentile", A([1.0, 2.0, 3.0, 4.0, 5.0], "float32"), [10, 90])
case("nanquantile", "ops.nanquantile", A([[1.0, nan, 3.0], [nan, nan, nan]], "float32"), 0.5, axis=1)
case("nanpercentile", "ops.nanpercentile", A([1.0, nan, 3.0, 4.0], "float32"), [25, 75])
case("median_axes", "ops.median", A([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 9.0]]], "float32"), axis=(1, 2))
case("trace", "ops.trace", A([[1, 2, 3], [4, 5, 6]]))
case("trace_off", "ops.trace", A([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "float32"), offset=1)
case("trace_3d", "ops.trace", T(np.arange(12).reshape(2, 2, 3), "int8"), axis1=1, axis2=2)

# products
case("matmul_22", "ops.matmul", A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([[1.0], [-1.0]], "float32"))
case("matmul_int", "ops.matmul", T([[1, 2], [3, 4]], "int32"), T([[1], [-1]], "int32"))
case("matmul_int8", "ops.matmul", T([[1, 2], [3, 4]], "int8"), T([[1], [-1]], "int8"))
case("matmul_mixed", "ops.matmul", T([[1, 2]], "int32"), A([[0.5], [1.5]], "float32"))
case("matmul_vec", "ops.matmul", A([1.0, 2.0], "float32"), A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("matmul_matvec", "ops.matmul", A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([1.0, 2.0], "float32"))
case("matmul_batch", "ops.matmul", A(np.arange(12.0).reshape(2, 2, 3), "float32"),
     A(np.arange(6.0).reshape(3, 2), "float32"))
case("matmul_bcast", "ops.matmul", A(np.arange(12.0).reshape(2, 2, 3), "float32"),
     A(np.arange(12.0).reshape(1, 2, 3, 2), "float32"))
case("dot_vv", "ops.dot", T([1, 2, 3], "int32"), T([4, 5, 6], "int32"))
case("dot_mm", "ops.dot", A([[1.0, 2.0]], "float32"), A([[3.0], [4.0]], "float32"))
case("dot_scalar", "ops.dot", A(2.0, "float32"), A([3.0, 4.0], "float32"))
case("dot_3d", "ops.dot", A(np.arange(12.0).reshape(2, 2, 3), "float32"), A(np.arange(6.0).reshape(3, 2), "float32"))
case("vdot", "ops.vdot", A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([[1.0, 0.0], [0.0, 1.0]], "float32"))
case("inner", "ops.inner", A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([[1.0, 0.0], [0.0, 1.0]], "float32"))
case("inner_int", "ops.inner", T([1, 2], "int32"), T([3, 4], "int32"))
case("tensordot_2", "ops.tensordot", A(np.arange(6.0).reshape(2, 3), "float32"), A(np.arange(6.0).reshape(2, 3), "float32"))
case("tensordot_axes", "ops.tensordot", A(np.arange(6.0).reshape(2, 3), "float32"),
     A(np.arange(12.0).reshape(3, 4), "float32"), axes=[[1], [0]])
case("tensordot_int8", "ops.tensordot", T([[1, 2]], "int8"), T([[1], [2]], "int8"), axes=1)
case("einsum_mm", "ops.einsum", "ij,jk->ik", A([[1.0, 2.0]], "float32"), A([[3.0], [4.0]], "float32"))
case("einsum_trace", "ops.einsum", "ii", A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("einsum_int", "ops.einsum", "i,i->", T([1, 2], "int32"), T([3, 4], "int32"))
case("einsum_int8", "ops.einsum", "ij,jk->ik", T([[1, 2]], "int8"), T([[3], [4]], "int8"))
case("einsum_attn", "ops.einsum", "abcd,aecd->acbe", A(np.arange(24.0).reshape(1, 2, 3, 4), "float32"),
     A(np.arange(24.0).reshape(1, 2, 3, 4) / 10, "float32"))
case("cross3", "ops.cross", A([[1.0, 0.0, 0.0], [0.0, 1.0, 2.0]], "float32"), A([0.0, 1.0, 0.0], "float32"))
case("cross2", "ops.cross", A([1.0, 2.0], "float32"), A([3.0, 4.0], "float32"))
case("cross23", "ops.cross", A([1.0, 2.0], "float32"), A([3.0, 4.0, 5.0], "float32"))
case("cross_axis", "ops.cross", A([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], "float32"),
     A([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], "float32"), axis=0)

# creation
case("arange_int", "ops.arange", 5)
case("arange_3", "ops.arange", 1, 7, 2)
case("arange_float", "ops.arange", 0.0, 1.0, 0.25)
case("arange_dtype", "ops.arange", 3, dtype="float16")
case("arange_neg", "ops.arange", 5, 0, -2)
case("linspace", "ops.linspace", 0, 1, 5)
case("linspace_noend", "ops.linspace", 0.0, 1.0, 4, endpoint=False)
case("linspace_step", "ops.linspace", 0.0, 1.0, 5, retstep=True)
case("linspace_int", "ops.linspace", 0, 10, 4, dtype="int32")
case("linspace_vec", "ops.linspace", A([0.0, 1.0], "float32"), A([1.0, 3.0], "float32"), 3, axis=1)
case("logspace", "ops.logspace", 0, 2, 3)
case("logspace_base", "ops.logspace", 0.0, 3.0, 4, base=2, endpoint=False)
case("geomspace", "ops.geomspace", 1, 1000, 4)
case("geomspace_neg", "ops.geomspace", -1.0, -100.0, 3)
case("eye", "ops.eye", 3)
case("eye_k", "ops.eye", 2, 3, k=1)
case("eye_kneg", "ops.eye", 3, 2, k=-1, dtype="int32")
case("identity", "ops.identity", 2, dtype="int8")
case("tri", "ops.tri", 3)
case("tri_k", "ops.tri", 2, 4, k=1)
case("tri_kneg", "ops.tri", 3, 3, k=-1, dtype="int32")
case("tril", "ops.tril", A(np.arange(1, 10).reshape(3, 3)))
case("tril_k", "ops.tril", A(np.arange(1, 10).reshape(3, 3)), k=-1)
case("triu", "ops.triu", A(np.arange(1, 10).reshape(3, 3)))
case("triu_k", "ops.triu", A(np.arange(1.0, 13.0).reshape(3, 4), "float32"), k=1)
case("tril_batch", "ops.tril", A(np.arange(8.0).reshape(2, 2, 2), "float32"))
case("zeros", "ops.zeros", (2, 3))
case("zeros_int", "ops.zeros", 2, dtype="int32")
case("ones", "ops.ones", (2,), dtype="bool")
case("full", "ops.full", (2, 2), 7)
case("full_dtype", "ops.full", (2,), 1.5, dtype="int32")
case("full_like", "ops.full_like", T([1, 2], "int32"), 3.7)
case("full_like_dtype", "ops.full_like", T([1, 2], "int32"), 3.7, dtype="float16")
case("zeros_like", "ops.zeros_like", A([1.5, 2.5], "float32"))
case("ones_like", "ops.ones_like", T([1, 2], "int8"), dtype="float32")
case("empty", "ops.empty", (2,))
case("empty_like", "ops.empty_like", T([1, 2], "int32"))
case("array", "ops.array", [1, 2, 3])
case("array_dtype", "ops.array", [1.7, 2.2], dtype="int32")
case("array_f64", "ops.array", A([1.0], "float64"))
case("diag_v", "ops.diag", A([1, 2]))
case("diag_vk", "ops.diag", A([1.0, 2.0], "float32"), k=1)
case("diag_vkneg", "ops.diag", A([1.0, 2.0], "float32"), k=-2)
case("diag_m", "ops.diag", A(np.arange(9).reshape(3, 3)))
case("diag_mk", "ops.diag", A(np.arange(9).reshape(3, 3)), k=-1)
case("diagflat", "ops.diagflat", A([[1, 2], [3, 4]]))
case("diagonal", "ops.diagonal", A(np.arange(8).reshape(2, 2, 2)))
case("diagonal_off", "ops.diagonal", A(np.arange(12.0).reshape(3, 4), "float32"), offset=1)
case("diagonal_axes", "ops.diagonal", A(np.arange(24.0).reshape(2, 3, 4), "float32"), offset=-1, axis1=1, axis2=2)
case("meshgrid", "ops.meshgrid", A([1, 2, 3]), A([4, 5]))
case("meshgrid_ij", "ops.meshgrid", A([1, 2, 3]), A([4, 5]), indexing="ij")
case("vander", "ops.vander", T([1, 2, 3], "int32"))
case("vander_n", "ops.vander", A([1.0, 2.0, 3.0], "float32"), 2, increasing=True)
case("hamming", "ops.hamming", 5)
case("hanning", "ops.hanning", 5)
case("kaiser", "ops.kaiser", 5, 2.0)
case("bartlett", "ops.bartlett", 5)
case("blackman", "ops.blackman", 5)
case("blackman_1", "ops.blackman", 1)

# shapes
X234 = A(np.arange(24).reshape(2, 3, 4), "float32")
case("reshape", "ops.reshape", X234, (4, -1))
case("reshape_int", "ops.reshape", A([1, 2, 3, 4]), 4)
case("ravel", "ops.ravel", A([[1, 2], [3, 4]]))
case("transpose", "ops.transpose", X234)
case("transpose_axes", "ops.transpose", X234, (1, 0, 2))
case("transpose_neg", "ops.transpose", X234, (-1, 0, 1))
case("swapaxes", "ops.swapaxes", X234, 0, -1)
case("moveaxis", "ops.moveaxis", X234, 0, -1)
case("moveaxis_multi", "ops.moveaxis", X234, (0, 1), (2, 0))
case("expand_dims", "ops.expand_dims", A([1, 2]), 0)
case("expand_dims_tuple", "ops.expand_dims", A([1, 2]), (0, -1))
case("squeeze", "ops.squeeze", A([[[1], [2]]]))
case("squeeze_axis", "ops.squeeze", A([[[1], [2]]]), axis=-1)
case("squeeze_bad", "ops.squeeze", A([[[1], [2]]]), axis=1)
case("broadcast_to", "ops.broadcast_to", A([1, 2]), (3, 2))
case("concatenate", "ops.concatenate", [T([1, 2], "int32"), A([3.5], "float32")])
case("concatenate_ax1", "ops.concatenate", [A([[1, 2]]), A([[3]])], axis=1)
case("concatenate_mixed_ints", "ops.concatenate", [T([1], "int8"), T([2], "uint8")])
case("append", "ops.append", A([[1, 2], [3, 4]]), A([[5, 6]]), axis=0)
case("stack", "ops.stack", [A([1, 2]), A([3, 4])], axis=1)
case("stack_mixed", "ops.stack", [T([1, 2], "int32"), A([0.5, 1.5], "float32")])
case("stack_scalars", "ops.stack", [1, 2.5])
case("hstack", "ops.hstack", [A([1, 2]), A([3])])
case("hstack_2d", "ops.hstack", [A([[1], [2]]), A([[3], [4]])])
case("vstack", "ops.vstack", [A([1, 2]), A([3, 4])])
case("dstack", "ops.dstack", [A([1, 2]), A([3, 4])])
case("dstack_2d", "ops.dstack", [A([[1], [2]]), A([[3], [4]])])
case("split_int", "ops.split", A(np.arange(6)), 3)
case("split_idx", "ops.split", A(np.arange(6)), [1, 4])
case("split_axis", "ops.split", A(np.arange(12).reshape(3, 4)), 2, axis=1)
case("array_split", "ops.array_split", A(np.arange(7)), 3)
case("hsplit", "ops.hsplit", A(np.arange(8).reshape(2, 4)), 2)
case("vsplit", "ops.vsplit", A(np.arange(8).reshape(4, 2)), [1])
case("dsplit", "ops.dsplit", A(np.arange(8).reshape(1, 2, 4)), 2)
case("flip", "ops.flip", A([[1, 2], [3, 4]]))
case("flip_ax", "ops.flip", A([[1, 2], [3, 4]]), axis=1)
case("flip_axes", "ops.flip", A(np.arange(8).reshape(2, 2, 2)), axis=(0, -1))
case("fliplr", "ops.fliplr", A([[1, 2], [3, 4]]))
case("flipud", "ops.flipud", A([[1, 2], [3, 4]]))
case("rot90", "ops.rot90", A([[1, 2], [3, 4], [5, 6]]))
case("rot90_k3", "ops.rot90", A([[1, 2], [3, 4], [5, 6]]), k=3)
case("rot90_k2_square", "ops.rot90", A([[1, 2], [3, 4]]), k=2)
case("rot90_kneg", "ops.rot90", A([[1, 2], [3, 4], [5, 6]]), k=-1)
case("rot90_axes", "ops.rot90", A(np.arange(12).reshape(2, 3, 2)), k=1, axes=(1, 2))
case("roll", "ops.roll", A([[1, 2], [3, 4]]), 1)
case("roll_axis", "ops.roll", A([[1, 2, 3], [4, 5, 6]]), -1, axis=1)
case("roll_multi", "ops.roll", A([[1, 2, 3], [4, 5, 6]]), (1, 2), axis=(0, 1))
case("tile", "ops.tile", A([1, 2]), 2)
case("tile_2d", "ops.tile", A([[1, 2]]), (2, 2))
case("tile_more", "ops.tile", A([1, 2]), (2, 1, 2))
case("repeat", "ops.repeat", A([[1, 2], [3, 4]]), 2)
case("repeat_axis", "ops.repeat", A([[1, 2], [3, 4]]), [1, 2], axis=0)
case("pad", "ops.pad", A([[1, 2], [3, 4]]), ((1, 0), (0, 2)))
case("pad_int", "ops.pad", A([1, 2]), 2)
case("pad_const", "ops.pad", A([1.0, 2.0], "float32"), (1, 1), constant_values=9.0)
case("pad_reflect", "ops.pad", A([1, 2, 3]), (2, 2), mode="reflect")
case("pad_symmetric", "ops.pad", A([1, 2, 3]), (2, 1), mode="symmetric")
case("pad_edge", "ops.pad", A([1, 2, 3]), (2, 1), mode="edge")
case("pad_int_2d", "ops.pad", A([[1, 2], [3, 4]]), 1)
case("pad_single_pair_2d", "ops.pad", A([[1, 2], [3, 4]]), [[1, 0]])
case("take", "ops.take", A([[1, 2], [3, 4]]), [0, -1], axis=1)
case("take_flat", "ops.take", A([[1, 2], [3, 4]]), [[0, 3], [1, -1]])
case("take_axis0", "ops.take", A([[1, 2], [3, 4], [5, 6]]), T([2, 0], "int32"), axis=0)
case("take_along_axis", "ops.take_along_axis", A([[10, 30, 20], [60, 40, 50]]), A([[1, 2], [0, 0]]), axis=1)
case("take_along_axis_none", "ops.take_along_axis", A([[10, 30], [20, 40]]), A([3, 0]))
case("take_along_axis_bcast", "ops.take_along_axis", A([[10, 30, 20], [60, 40, 50]]), A([[0, -1]]), axis=1)
case("take_along_axis_0", "ops.take_along_axis", A([[10, 30, 20], [60, 40, 50]]), A([[1, 0, 1]]), axis=0)
case("diff", "ops.diff", A([1, 4, 9, 16]))
case("diff_n2", "ops.diff", A([[1.0, 4.0, 9.0, 16.0]], "float32"), n=2)
case("diff_axis0", "ops.diff", A([[1, 2], [4, 8]]), axis=0)
case("diff_bool", "ops.diff", A([True, True, False]))
case("nonzero", "ops.nonzero", A([[0, 1], [2, 0]]))
case("get_item", "ops.get_item", T([[1, 2], [3, 4]]), (1, 0))
case("get_item_slice", "ops.get_item", T([[1, 2], [3, 4]]), slice(None, 1))
case("unravel_index", "ops.unravel_index", A([5, 7, 0]), (2, 4))
case("searchsorted", "ops.searchsorted", A([1, 3, 5]), A([0, 3, 6]))
case("searchsorted_right", "ops.searchsorted", A([1.0, 3.0, 5.0], "float32"), A([3.0, 5.5], "float32"), side="right")
case("digitize", "ops.digitize", A([0.5, 1.0, 2.5, 3.0], "float32"), [1.0, 2.0, 3.0])
case("digitize_int", "ops.digitize", T([0, 1, 5], "int32"), [1, 3])
case("bincount", "ops.bincount", A([0, 1, 1, 3]))
case("bincount_w", "ops.bincount", A([0, 1, 1, 3]), weights=A([0.5, 1.0, 1.0, 2.0], "float32"), minlength=5)
case("bincount_2d", "ops.bincount", T([[0, 1], [1, 1]], "int32"))
case("bincount_wint", "ops.bincount", T([0, 2], "int32"), weights=T([3, 4], "int8"))
case("histogram", "ops.histogram", A([1.0, 2.0, 2.0, 4.0, 5.0], "float32"), bins=4)
case("histogram_range", "ops.histogram", A([1.0, 2.0, 2.0, 4.0, 5.0], "float32"), bins=2, range=(0.0, 4.0))
case("isin", "ops.isin", A([[1, 2], [3, 4]]), A([2, 4, 7]))
case("isin_invert", "ops.isin", A([1, 2, 3]), A([2]), invert=True)
case("select", "ops.select", [A([True, False, False]), A([False, True, False])], [A([1, 2, 3]), A([4, 5, 6])], 0)
case("argpartition", "ops.argpartition", A([3, 4, 2, 1]), 2)
case("argpartition_2d", "ops.argpartition", A([[3, 4, 2, 1], [1, 2, 0, 5]]), 1)
case("unique", "ops.unique", A([3, 1, 3, 2, 1]))
case("unique_all", "ops.unique", A([3, 1, 3, 2, 1]), return_index=True, return_inverse=True, return_counts=True)
case("unique_unsorted", "ops.unique", A([3, 1, 3, 2]), sorted=False)
case("unique_size", "ops.unique", A([3, 1, 3]), size=4, fill_value=-1)
case("unique_axis", "ops.unique", A([[1, 2], [0, 5], [1, 2]]), axis=0, return_inverse=True)
case("corrcoef", "ops.corrcoef", A([[1.0, 2.0, 4.0], [2.0, 1.0, 0.0], [1.0, 1.5, 3.0]], "float32"))
case("correlate_valid", "ops.correlate", A([1.0, 2.0, 3.0, 4.0], "float32"), A([1.0, 0.5], "float32"))
case("correlate_full", "ops.correlate", A([1.0, 2.0, 3.0], "float32"), A([0.0, 1.0, 0.5], "float32"), mode="full")
case("correlate_same", "ops.correlate", A([1.0, 2.0, 3.0, 4.0], "float32"), A([1.0, 0.5], "float32"), mode="same")
case("trapezoid", "ops.trapezoid", A([1.0, 2.0, 4.0], "float32"))
case("trapezoid_x", "ops.trapezoid", A([[1.0, 2.0, 4.0]], "float32"), x=A([0.0, 1.0, 3.0], "float32"))
case("trapezoid_dx", "ops.trapezoid", T([[1, 2], [3, 4]], "int32"), dx=0.5, axis=0)
case("view", "ops.view", A([1.0, 2.0], "float32"), "int32")
case("view_split", "ops.view", A([1, 256], "int32"), "int16")
case("view_join", "ops.view", A([1, 0, 2, 0], "int16"), "int32")
case("size", "ops.size", A([[1, 2, 3]]))
case("ndim", "ops.ndim", A([[1, 2, 3]]))
case("shape", "ops.shape", A([[1, 2, 3]]))
case("clip", "ops.clip", A([-1.0, 0.5, 3.0], "float32"), 0.0, 1.0)
case("clip_int", "ops.clip", T([-1, 5, 3], "int32"), 0, 4)
case("clip_bool", "ops.clip", A([True, False]), 0, 1)

# core
case("cast", "ops.cast", A([1.7, -1.7], "float32"), "int32")
case("cast_pyint", "ops.cast", A([1, 2], "int32"), int)
case("cast_bool", "ops.cast", A([0.0, 2.0], "float32"), "bool")
case("saturate_cast", "ops.saturate_cast", A([-5, 300, 7], "int32"), "uint8")
case("convert_to_tensor", "ops.convert_to_tensor", [1, 2])
case("convert_to_tensor_f", "ops.convert_to_tensor", [1.5, 2])
case("convert_to_tensor_dtype", "ops.convert_to_tensor", [1.9, 2], dtype="int32")
case("convert_to_tensor_np", "ops.convert_to_tensor", A([1, 2], "int64"))
case("dtype", "ops.dtype", T([1.0]))
case("is_tensor", "ops.is_tensor", T([1.0]))
case("is_tensor_np", "ops.is_tensor", A([1.0]))
case("stop_gradient", "ops.stop_gradient", A([1.0], "float32"))
case("slice", "ops.slice", A(np.arange(12).reshape(3, 4)), (1, 1), (2, 2))
case("slice_neg", "ops.slice", A(np.arange(12).reshape(3, 4)), (1, 0), (-1, 3))
case("slice_update", "ops.slice_update", A(np.zeros((3, 3), "int32")), (1, 1), A(np.ones((2, 2), "int32")))
case("slice_update_clamp", "ops.slice_update", A(np.zeros((3, 3), "float32")), (2, 2),
     A(np.ones((2, 2), "float32")))
case("scatter", "ops.scatter", A([[1], [3], [1]]), A([5.0, 6.0, 1.0], "float32"), (4,))
case("scatter_2d", "ops.scatter", A([[0, 1], [1, 0]]), A([5, 6]), (2, 2))
case("scatter_update", "ops.scatter_update", A(np.zeros((2, 2), "float32")), A([[0, 1], [1, 1]]),
     A([1.0, 2.0], "float32"))
case("scatter_update_add", "ops.scatter_update", A(np.ones(4, "float32")), A([[1], [1], [3]]),
     A([1.0, 2.0, 3.0], "float32"), reduction="add")
case("scatter_update_max", "ops.scatter_update", A(np.ones(4, "float32")), A([[1], [2]]),
     A([5.0, -2.0], "float32"), reduction="max")
case("scatter_update_min", "ops.scatter_update", A(np.ones(4, "float32")), A([[1], [2]]),
     A([5.0, -2.0], "float32"), reduction="min")
case("scatter_update_mul", "ops.scatter_update", A(np.full(4, 2.0, "float32")), A([[1], [1], [3]]),
     A([3.0, 4.0, 5.0], "float32"), reduction="mul")
case("scatter_update_rows", "ops.scatter_update", A(np.zeros((3, 2), "float32")), A([[2]]),
     A([[1.0, 2.0]], "float32"))
case("unstack", "ops.unstack", A([[1, 2], [3, 4]]))
case("unstack_axis", "ops.unstack", A([[1, 2], [3, 4]]), axis=1)
case("switch", "ops.switch", 1, [lambda x: x + 1, lambda x: x * 10], A([2.0], "float32"))
case("switch_clip", "ops.switch", 7, [lambda x: x + 1, lambda x: x * 10], A([2.0], "float32"))
case("cond", "ops.cond", T(True), lambda: T([1.0]), lambda: T([2.0]))
case("while_loop", "ops.while_loop", lambda i: i < 10, lambda i: i * 2, 1)
case("while_loop_tuple", "ops.while_loop", lambda i, s: i < 3, lambda i, s: (i + 1, s + i), (0, 0))
case("while_loop_max", "ops.while_loop", lambda i: i < 100, lambda i: i + 1, 0, maximum_iterations=5)
case("fori_loop", "ops.fori_loop", 0, 4, lambda i, v: v * 2 + i, 1)
case("scan", "ops.scan", lambda c, x: (c + x, c * x), 0.0, A([1.0, 2.0, 3.0], "float32"))
case("scan_rev", "ops.scan", lambda c, x: (c + x, c), A(0.0, "float32"), A([1.0, 2.0, 3.0], "float32"), reverse=True)
case("scan_length", "ops.scan", lambda c, x: (c * 2, c), A(1.0, "float32"), None, length=3)
case("scan_tree", "ops.scan", lambda c, x: ((c[0] + x["a"], c[1] * x["b"]), c),
     (A(0.0, "float32"), A(1.0, "float32")), {"a": A([1.0, 2.0], "float32"), "b": A([3.0, 4.0], "float32")})
case("map", "ops.map", lambda v: v * 2, A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("map_tree", "ops.map", lambda d: d["a"] + d["b"], {"a": A([1.0, 2.0], "float32"), "b": A([3.0, 4.0], "float32")})
case("vectorized_map", "ops.vectorized_map", lambda v: ops.sum(v), A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("associative_scan", "ops.associative_scan", lambda a, b: a + b, A([1.0, 2.0, 3.0, 4.0, 5.0], "float32"))
case("associative_scan_rev", "ops.associative_scan", lambda a, b: a * b, A([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
                                                                            "float32"), reverse=True)
case("associative_scan_axis", "ops.associative_scan", lambda a, b: ops.maximum(a, b),
     A([[1.0, 5.0, 2.0, 7.0], [3.0, 0.0, 4.0, 1.0]], "float32"), axis=1)
case("associative_scan_tree", "ops.associative_scan", lambda a, b: (a[0] + b[0], a[1] * b[1]),
     (A([1.0, 2.0, 3.0], "float32"), A([2.0, 3.0, 4.0], "float32")))

# math
case("segment_sum", "ops.segment_sum", A([1.0, 2.0, 3.0, 4.0], "float32"), A([0, 0, 1, 2]))
case("segment_sum_num", "ops.segment_sum", A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([1, 1]), num_segments=3)
case("segment_sum_sorted", "ops.segment_sum", A([1.0, 2.0, 3.0], "float32"), A([0, 0, 2]), sorted=True)
case("segment_max", "ops.segment_max", A([1.0, 5.0, 3.0, 4.0], "float32"), A([0, 0, 2, 2]))
case("segment_min", "ops.segment_min", A([1.0, 5.0, 3.0, 4.0], "float32"), A([0, 0, 2, 2]), num_segments=3)
case("segment_prod", "ops.segment_prod", A([2.0, 5.0, 3.0], "float32"), A([0, 0, 1]), sorted=True)
case("top_k", "ops.top_k", A([[1.0, 3.0, 2.0], [4.0, 0.0, 4.0]], "float32"), 2)
case("top_k_int", "ops.top_k", A([5, 1, 3]), 1)
case("in_top_k", "ops.in_top_k", A([1, 0]), A([[0.1, 0.9, 0.0], [0.3, 0.5, 0.2]], "float32"), 1)
case("in_top_k_2", "ops.in_top_k", A([1, 0]), A([[0.1, 0.9, 0.0], [0.3, 0.5, 0.2]], "float32"), 2)
case("logsumexp_ax", "ops.logsumexp", A([[1.0, 2.0], [3.0, 1000.0]], "float32"), axis=1, keepdims=True)
case("erf", "ops.erf", A([-1.0, 0.0, 0.5], "float32"))
case("erfc", "ops.erfc", A([-1.0, 0.0, 0.5], "float32"))
case("erfinv", "ops.erfinv", A([-0.5, 0.0, 0.9], "float32"))
case("erfinv_f16", "ops.erfinv", A([-0.5, 0.9], "float16"))
case("rsqrt", "ops.rsqrt", A([4.0, 0.25], "float32"))
case("logdet", "ops.logdet", A([[2.0, 1.0], [1.0, 3.0]], "float32"))
case("cdist", "ops.cdist", A([[0.0, 0.0], [1.0, 1.0]], "float32"), A([[3.0, 4.0], [1.0, 0.0], [0.0, 2.0]], "float32"))
case("extract_sequences", "ops.extract_sequences", A(np.arange(10.0).reshape(2, 5), "float32"), 3, 2)
case("fft", "ops.fft", (A([1.0, 2.0, 0.0, -1.0], "float32"), A([0.0, 1.0, 0.0, 0.0], "float32")))
case("fft2", "ops.fft2", (A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([[0.0, 1.0], [0.0, 0.0]], "float32")))
case("ifft2", "ops.ifft2", (A([[1.0, 2.0], [3.0, 4.0]], "float32"), A([[0.0, 1.0], [0.0, 0.0]], "float32")))
case("rfft", "ops.rfft", A([1.0, 2.0, 0.0, -1.0, 3.0], "float32"))
case("rfft_len", "ops.rfft", A([1.0, 2.0, 0.0, -1.0, 3.0], "float32"), fft_length=8)
case("irfft", "ops.irfft", (A([1.0, 2.0, 0.5], "float32"), A([0.0, 1.0, 0.0], "float32")))
case("irfft_len", "ops.irfft", (A([1.0, 2.0, 0.5], "float32"), A([0.0, 1.0, 0.0], "float32")), fft_length=5)
case("stft", "ops.stft", A(np.sin(np.arange(16.0)), "float32"), 6, 3, 8)
case("stft_nocenter", "ops.stft", A(np.sin(np.arange(16.0)), "float32"), 4, 4, 4, window="hamming", center=False)
case("stft_nowin", "ops.stft", A(np.cos(np.arange(12.0)), "float64"), 4, 2, 4, window=None)
case("istft", "ops.istft", (A(np.arange(15.0).reshape(5, 3) / 7, "float32"), A(np.ones((5, 3)) / 9, "float32")),
     4, 2, 4)
case("istft_len", "ops.istft", (A(np.arange(15.0).reshape(5, 3) / 7, "float32"), A(np.zeros((5, 3)), "float32")),
     4, 2, 4, length=6, center=False)
case("view_as_real", "ops.view_as_real", A([1 + 2j, 3 - 1j], "complex64"))
case("view_as_complex", "ops.view_as_complex", A([[1.0, 2.0], [3.0, -1.0]], "float32"))

# linalg
M2 = [[4.0, 2.0], [2.0, 3.0]]
case("cholesky", "ops.cholesky", A(M2, "float32"))
case("cholesky_upper", "ops.cholesky", A(M2, "float32"), upper=True)
case("cholesky_inverse", "ops.cholesky_inverse", A([[2.0, 0.0], [1.0, 1.0]], "float32"))
case("cholesky_inverse_upper", "ops.cholesky_inverse", A([[2.0, 1.0], [0.0, 1.0]], "float32"), upper=True)
case("det", "ops.det", A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("det_batch", "ops.det", A([[[1.0, 2.0], [3.0, 4.0]], [[2.0, 0.0], [0.0, 2.0]]], "float64"))
case("inv", "ops.inv", A(M2, "float32"))
case("solve", "ops.solve", A(M2, "float32"), A([1.0, 2.0], "float32"))
case("solve_mat", "ops.solve", A(M2, "float32"), A([[1.0, 0.0], [2.0, 1.0]], "float32"))
case("solve_triangular", "ops.solve_triangular", A([[2.0, 1.0], [0.0, 1.0]], "float32"), A([3.0, 1.0], "float32"))
case("solve_triangular_lower", "ops.solve_triangular", A([[2.0, 0.0], [1.0, 1.0]], "float32"),
     A([[2.0], [3.0]], "float32"), lower=True)
case("eigh_values", "lambda x: ops.eigh(x)[0]", A(M2, "float32"))
case("svd_s", "ops.svd", A([[3.0, 0.0], [4.0, 5.0]], "float32"), compute_uv=False)
case("norm", "ops.norm", A([[3.0, 4.0], [1.0, -1.0]], "float32"))
case("norm_int", "ops.norm", T([3, 4], "int32"))
case("norm_ax", "ops.norm", A([[3.0, 4.0], [1.0, -1.0]], "float32"), axis=1, keepdims=True)
for _o in [1, 2, 3, 0, inf, -inf]:
    case(f"norm_vec_{_o}", "ops.norm", A([3.0, 0.0, -4.0], "float32"), ord=_o)
for _o in ["fro", "nuc", 1, -1, 2, -2, inf, -inf]:
    case(f"norm_mat_{_o}", "ops.norm", A([[1.0, -2.0], [3.0, 4.0]], "float32"), ord=_o, axis=(0, 1))
case("norm_mat_keep", "ops.norm", A(np.arange(8.0).reshape(2, 2, 2), "float32"), ord=1, axis=(0, 2), keepdims=True)
case("norm_mat_inf_keep", "ops.norm", A(np.arange(8.0).reshape(2, 2, 2), "float32"), ord=inf, axis=(2, 0))
case("lstsq", "ops.lstsq", A([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], "float32"), A([1.0, 2.0, 2.0], "float32"))
case("matrix_rank", "ops.matrix_rank", A([[1.0, 2.0], [2.0, 4.0]], "float32"))
case("pinv", "ops.pinv", A([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "float32"))
case("slogdet", "ops.slogdet", A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("lu_factor", "ops.lu_factor", A([[1.0, 2.0], [3.0, 4.0]], "float32"))
case("qr_r", "ops.qr", A([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "float32"))
case("qr_complete", "ops.qr", A([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "float32"), mode="complete")

# nn
XA = A([[-2.0, -0.5, 0.0, 0.5, 2.0]], "float32")
for _n in ["relu", "relu6", "sigmoid", "sparse_sigmoid", "tanh_shrink", "softplus", "softsign", "soft_shrink",
           "sparse_plus", "silu", "swish", "squareplus", "log_sigmoid", "leaky_relu", "hard_sigmoid", "hard_silu",
           "hard_swish", "elu", "selu", "gelu", "celu", "hard_tanh", "hard_shrink", "softmax", "log_softmax",
           "sparsemax"]:
    case(f"nn_{_n}", f"ops.{_n}", XA)
    if _n != "gelu":  # TF rounds gelu's 0.044715 to float32 even in float64; tapeflow's tf.nn.gelu does not
        case(f"nn_{_n}_f64", f"ops.{_n}", A([[-1.5, 0.25, 3.0]], "float64"))
case("nn_gelu_exact", "ops.gelu", XA, approximate=False)
case("nn_elu_alpha", "ops.elu", XA, alpha=0.5)
case("nn_celu_alpha", "ops.celu", XA, alpha=2.0)
case("nn_leaky_relu_slope", "ops.leaky_relu", XA, negative_slope=0.1)
case("nn_soft_shrink_t", "ops.soft_shrink", XA, threshold=1.0)
case("nn_squareplus_b", "ops.squareplus", XA, b=1)
case("nn_threshold", "ops.threshold", XA, 0.1, -9.0)
case("nn_glu", "ops.glu", A([[1.0, 2.0, -1.0, 0.5]], "float32"))
case("nn_glu_axis", "ops.glu", A([[1.0, 2.0], [-1.0, 0.5]], "float32"), axis=0)
case("nn_softmax_ax0", "ops.softmax", A([[1.0, 2.0], [3.0, 5.0]], "float32"), axis=0)
case("nn_softmax_none", "ops.softmax", A([[1.0, 2.0], [3.0, 5.0]], "float32"), axis=None)
case("nn_softmax_tuple", "ops.softmax", A(np.arange(8.0).reshape(2, 2, 2) / 4, "float32"), axis=(0, 2))
case("nn_log_softmax_none", "ops.log_softmax", A([[1.0, 2.0], [3.0, 5.0]], "float32"), axis=None)
case("nn_log_softmax_tuple", "ops.log_softmax", A(np.arange(8.0).reshape(2, 2, 2) / 4, "float32"), axis=(1, 2))
case("nn_sparsemax_ax0", "ops.sparsemax", A([[1.0, 2.0], [1.5, -1.0], [0.2, 1.9]], "float32"), axis=0)
case("one_hot", "ops.one_hot", A([1, 0, 3, -1]), 3)
case("one_hot_axis", "ops.one_hot", A([[1, 0]]), 2, axis=0, dtype="int32")
case("one_hot_bool", "ops.one_hot", A([1, 2]), 3, dtype="bool")
case("multi_hot", "ops.multi_hot", A([0, 2]), num_classes=4)
case("multi_hot_2d", "ops.multi_hot", A([[0, 2], [1, 1]]), 3)
case("multi_hot_bool", "ops.multi_hot", A([[0, 2], [1, 1]]), 3, dtype="bool")
case("bce", "ops.binary_crossentropy", A([[1.0, 0.0], [0.0, 1.0]], "float32"), A([[0.9, 0.2], [0.0, 0.6]], "float32"))
case("bce_sigmoid_logits", "lambda t, x: ops.binary_crossentropy(t, ops.sigmoid(x))", A([[1.0, 0.0]], "float32"),
     A([[-100.0, 50.0]], "float32"))
case("cce_softmax_logits", "lambda t, x: ops.categorical_crossentropy(t, ops.softmax(x))", A([[1.0, 0.0]], "float32"),
     A([[-100.0, 50.0]], "float32"))
case("scce_softmax_logits", "lambda t, x: ops.sparse_categorical_crossentropy(t, ops.softmax(x))", A([0]),
     A([[-100.0, 50.0]], "float32"))
case("bce_logits", "ops.binary_crossentropy", A([[1.0, 0.0]], "float32"), A([[2.0, -1.0]], "float32"), from_logits=True)
case("cce", "ops.categorical_crossentropy", A([[0.0, 1.0, 0.0]], "float32"), A([[0.2, 0.5, 0.3]], "float32"))
case("cce_unnorm", "ops.categorical_crossentropy", A([[0.0, 1.0]], "float32"), A([[1.0, 3.0]], "float32"))
case("cce_logits", "ops.categorical_crossentropy", A([[0.0, 1.0, 0.0]], "float32"), A([[2.0, 1.0, 0.1]], "float32"),
     from_logits=True)
case("cce_axis0", "ops.categorical_crossentropy", A([[0.0, 1.0], [1.0, 0.0]], "float32"),
     A([[0.2, 0.6], [0.8, 0.4]], "float32"), axis=0)
case("cce_badshape", "ops.categorical_crossentropy", A([[0.0, 1.0]], "float32"), A([[0.2, 0.6, 0.2]], "float32"))
case("scce", "ops.sparse_categorical_crossentropy", A([1, 2]), A([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]], "float32"))
case("scce_logits", "ops.sparse_categorical_crossentropy", A([[1], [0]]), A([[2.0, 1.0], [0.5, -0.5]], "float32"),
     from_logits=True)
case("scce_axis", "ops.sparse_categorical_crossentropy", A([1]), A([[0.2, 0.8]], "float32"), axis=0)
XC = A(np.arange(2 * 5 * 3.0).reshape(2, 5, 3) / 10, "float32")
KC = A(np.linspace(-1, 1, 3 * 3 * 2).reshape(3, 3, 2), "float32")
case("conv1d", "ops.conv", XC, KC)
case("conv1d_same_stride", "ops.conv", XC, KC, strides=2, padding="same")
case("conv1d_dil", "ops.conv", XC, KC, dilation_rate=2)
case("conv1d_cf", "ops.conv", A(np.arange(2 * 3 * 5.0).reshape(2, 3, 5) / 10, "float32"), KC,
     data_format="channels_first")
X2 = A(np.arange(1 * 4 * 4 * 2.0).reshape(1, 4, 4, 2) / 10, "float32")
K2 = A(np.linspace(-1, 1, 2 * 2 * 2 * 3).reshape(2, 2, 2, 3), "float32")
case("conv2d", "ops.conv", X2, K2)
case("conv2d_same", "ops.conv", X2, K2, strides=(2, 1), padding="same")
case("conv2d_group", "ops.conv", A(np.arange(1 * 3 * 3 * 4.0).reshape(1, 3, 3, 4) / 10, "float32"),
     A(np.linspace(-1, 1, 2 * 2 * 2 * 4).reshape(2, 2, 2, 4), "float32"))
case("conv3d", "ops.conv", A(np.arange(2 * 3 * 3 * 3 * 1.0).reshape(2, 3, 3, 3, 1) / 10, "float32"),
     A(np.linspace(-1, 1, 8).reshape(2, 2, 2, 1, 1), "float32"))
case("depthwise_conv2d", "ops.depthwise_conv", X2, A(np.linspace(-1, 1, 2 * 2 * 2 * 2).reshape(2, 2, 2, 2), "float32"))
case("depthwise_conv2d_sd", "ops.depthwise_conv", A(np.arange(1 * 7 * 7 * 1.0).reshape(1, 7, 7, 1) / 10, "float32"),
     A(np.linspace(-1, 1, 4).reshape(2, 2, 1, 1), "float32"), strides=2, dilation_rate=2, padding="same")
case("depthwise_conv1d", "ops.depthwise_conv", XC, A(np.linspace(-1, 1, 2 * 3 * 2).reshape(2, 3, 2), "float32"),
     padding="same")
case("depthwise_conv1d_cf", "ops.depthwise_conv", A(np.arange(2 * 3 * 5.0).reshape(2, 3, 5) / 10, "float32"),
     A(np.linspace(-1, 1, 2 * 3 * 1).reshape(2, 3, 1), "float32"), data_format="channels_first", dilation_rate=2)
case("separable_conv2d", "ops.separable_conv", X2, A(np.linspace(-1, 1, 8).reshape(2, 2, 2, 1), "float32"),
     A(np.linspace(-1, 1, 6).reshape(1, 1, 2, 3), "float32"))
case("separable_conv1d", "ops.separable_conv", XC, A(np.linspace(-1, 1, 6).reshape(2, 3, 1), "float32"),
     A(np.linspace(-1, 1, 6).reshape(1, 3, 2), "float32"), strides=2)
case("conv_transpose1d", "ops.conv_transpose", XC, A(np.linspace(-1, 1, 3 * 2 * 3).reshape(3, 2, 3), "float32"),
     strides=2)
case("conv_transpose1d_same", "ops.conv_transpose", XC, A(np.linspace(-1, 1, 3 * 2 * 3).reshape(3, 2, 3), "float32"),
     strides=2, padding="same")
case("conv_transpose1d_op", "ops.conv_transpose", XC,
     A(np.linspace(-1, 1, 3 * 2 * 3).reshape(3, 2, 3), "float32"), strides=2, output_padding=1)
case("conv_transpose2d", "ops.conv_transpose", X2, A(np.linspace(-1, 1, 2 * 2 * 3 * 2).reshape(2, 2, 3, 2), "float32"),
     strides=(2, 1), padding="same")
case("conv_transpose2d_dil", "ops.conv_transpose", X2,
     A(np.linspace(-1, 1, 2 * 2 * 1 * 2).reshape(2, 2, 1, 2), "float32"), dilation_rate=2)
case("max_pool1d", "ops.max_pool", XC, 2)
case("max_pool2d_same", "ops.max_pool", X2, (3, 2), strides=(2, 1), padding="same")
case("max_pool2d_cf", "ops.max_pool", A(np.arange(2 * 4 * 4.0).reshape(1, 2, 4, 4), "float32"), 2,
     data_format="channels_first")
case("avg_pool1d", "ops.average_pool", XC, 2, strides=1)
case("avg_pool2d_same", "ops.average_pool", X2, 3, strides=2, padding="same")
case("avg_pool3d", "ops.average_pool", A(np.arange(2 * 3 * 3 * 3 * 1.0).reshape(2, 3, 3, 3, 1), "float32"), 2)
case("adaptive_avg_1d", "ops.adaptive_average_pool", T(XC), 3)
case("adaptive_max_1d", "ops.adaptive_max_pool", T(XC), 2)
case("adaptive_avg_2d", "ops.adaptive_average_pool", T(np.arange(1 * 5 * 7 * 2.0).reshape(1, 5, 7, 2), "float32"),
     (2, 3))
case("adaptive_max_2d_cf", "ops.adaptive_max_pool", T(np.arange(1 * 2 * 5 * 5.0).reshape(1, 2, 5, 5), "float32"), 3,
     data_format="channels_first")
case("depth_to_space", "ops.depth_to_space", A(np.arange(16.0).reshape(1, 2, 2, 4), "float32"), 2)
case("depth_to_space_cf", "ops.depth_to_space", A(np.arange(16.0).reshape(1, 4, 2, 2), "float32"), 2,
     data_format="channels_first")
case("space_to_depth", "ops.space_to_depth", A(np.arange(16.0).reshape(1, 4, 4, 1), "float32"), 2)
case("space_to_depth_cf", "ops.space_to_depth", A(np.arange(16.0).reshape(1, 1, 4, 4), "float32"), 2,
     data_format="channels_first")
case("unfold", "ops.unfold", A(np.arange(2 * 2 * 4 * 4.0).reshape(2, 2, 4, 4), "float32"), 2)
case("unfold_args", "ops.unfold", A(np.arange(1 * 1 * 5 * 5.0).reshape(1, 1, 5, 5), "float32"), (2, 3), dilation=1,
     padding=1, stride=2)
case("fold", "ops.fold", A(np.arange(1 * 4 * 4.0).reshape(1, 4, 4), "float32"), 3, 2)
case("fold_args", "ops.fold", A(np.arange(1 * 6 * 9.0).reshape(1, 6, 9), "float32"), (5, 5), (2, 3), dilation=1,
     padding=1, stride=2)
case("moments", "ops.moments", A(X23, "float32"), axes=[1])
case("moments_keep", "ops.moments", A(X23, "float32"), axes=[0, 1], keepdims=True)
case("moments_f16", "ops.moments", A([1.0, 2.0, 4.0], "float16"), axes=0)
case("batch_norm", "ops.batch_normalization", A(X23, "float32"), A([1.0, 2.0, 3.0], "float32"),
     A([1.0, 4.0, 0.5], "float32"), axis=-1, offset=A([0.0, 1.0, 0.0], "float32"), scale=A([2.0, 1.0, 1.0], "float32"))
case("batch_norm_ax0", "ops.batch_normalization", A(X23, "float32"), A([1.0, 2.0], "float32"),
     A([1.0, 4.0], "float32"), axis=0)
case("normalize", "ops.normalize", A(X23, "float32"))
case("normalize_int", "ops.normalize", T(I23, "int32"), axis=0)
case("normalize_l1", "ops.normalize", A(X23, "float32"), order=1)
case("normalize_eps", "ops.normalize", A([[0.0, 1e-9]], "float32"), epsilon=1e-3)
case("rms_norm", "ops.rms_normalization", A(X23, "float32"))
case("rms_norm_scale", "ops.rms_normalization", A(X23, "float32"), scale=A([1.0, 2.0, 0.5], "float32"), axis=-1,
     epsilon=1e-3)
case("rms_norm_axes", "ops.rms_normalization", A(np.arange(8.0).reshape(2, 2, 2), "float32"), axis=(1, 2))
case("layer_norm", "ops.layer_normalization", A(X23, "float32"))
case("layer_norm_gb", "ops.layer_normalization", A(X23, "float32"), gamma=A([1.0, 2.0, 0.5], "float32"),
     beta=A([0.0, 1.0, -1.0], "float32"), epsilon=1e-3)
case("layer_norm_ax0", "ops.layer_normalization", A(X23, "float32"), gamma=A([2.0, 0.5], "float32"), axis=0)
case("layer_norm_f16", "ops.layer_normalization", A(X23, "float16"))
case("psnr", "ops.psnr", A([[0.0, 0.5], [1.0, 0.25]], "float32"), A([[0.1, 0.5], [0.8, 0.25]], "float32"), 1.0)
case("polar", "ops.polar", A([1.0, 2.0], "float32"), A([0.0, 1.0], "float32"))
Q = A(np.sin(np.arange(1 * 3 * 2 * 4.0)).reshape(1, 3, 2, 4), "float32")
K = A(np.cos(np.arange(1 * 4 * 2 * 4.0)).reshape(1, 4, 2, 4), "float32")
V = A(np.arange(1 * 4 * 2 * 4.0).reshape(1, 4, 2, 4) / 10, "float32")
case("dpa", "ops.dot_product_attention", Q, K, V)
case("dpa_scale_bias", "ops.dot_product_attention", Q, K, V, bias=A(np.linspace(-1, 1, 12).reshape(1, 1, 3, 4),
                                                                    "float32"), scale=0.3)
case("dpa_mask", "ops.dot_product_attention", Q, K, V, mask=A([[[[True, False, True, True]]]]))
case("dpa_causal", "ops.dot_product_attention", Q, K, V, is_causal=True)
case("dpa_gqa", "ops.dot_product_attention", A(np.sin(np.arange(1 * 3 * 4 * 2.0)).reshape(1, 3, 4, 2), "float32"),
     A(np.cos(np.arange(1 * 3 * 2 * 2.0)).reshape(1, 3, 2, 2), "float32"),
     A(np.arange(1 * 3 * 2 * 2.0).reshape(1, 3, 2, 2), "float32"))
CTC_IN = A(np.log(np.array([[[0.1, 0.6, 0.3], [0.1, 0.6, 0.3], [0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8]],
                             [[0.5, 0.25, 0.25], [0.3, 0.3, 0.4], [0.3, 0.4, 0.3], [0.4, 0.3, 0.3], [0.2, 0.2, 0.6]]])),
           "float32")
case("ctc_decode", "ops.ctc_decode", CTC_IN, A([5, 4]))
case("ctc_decode_nomerge", "ops.ctc_decode", CTC_IN, A([5, 5]), merge_repeated=False)
case("ctc_decode_mask2", "ops.ctc_decode", CTC_IN, A([3, 5]), mask_index=2)
case("ctc_decode_ties", "ops.ctc_decode", A(np.zeros((1, 3, 3)), "float32"), A([3]), mask_index=1)
case("rearrange_bchw", "ops.rearrange", A(np.arange(2 * 3 * 4 * 2).reshape(2, 3, 4, 2)), "b h w c -> b c h w")
case("rearrange_merge", "ops.rearrange", A(np.arange(2 * 3 * 4 * 2).reshape(2, 3, 4, 2)), "b h w c -> h (b w) c")
case("rearrange_split", "ops.rearrange", A(np.arange(2 * 4 * 4 * 1).reshape(2, 4, 4, 1)),
     "b (h1 h) (w1 w) c -> (b h1 w1) h w c", h1=2, w1=2)
case("rearrange_s2d", "ops.rearrange", A(np.arange(1 * 4 * 4 * 2).reshape(1, 4, 4, 2)),
     "b (h h1) (w w1) c -> b h w (c h1 w1)", h1=2, w1=2)
AFF_IMG = A(np.arange(2 * 5 * 6 * 2.0).reshape(2, 5, 6, 2), "float32")
AFF_T = A([[1.1, 0.2, -0.5, 0.1, 0.9, 0.3, 0.01, 0.0], [0.9, -0.3, 1.0, 0.2, 1.1, -0.7, 0.0, 0.02]], "float32")
AFF_BIG = A([[1.5, 0.7, -4.5, -0.6, 1.4, 3.3, 0.0, 0.0], [-1.2, 0.3, 9.0, 0.2, -1.1, 5.7, 0.01, -0.02]], "float32")
for _interp in ["bilinear", "nearest"]:
    for _mode in ["constant", "nearest", "wrap", "reflect"]:
        case(f"affine_{_interp}_{_mode}", "ops.image.affine_transform", AFF_IMG, AFF_T, interpolation=_interp,
             fill_mode=_mode)
        case(f"affine_big_{_interp}_{_mode}", "ops.image.affine_transform", AFF_IMG, AFF_BIG, interpolation=_interp,
             fill_mode=_mode, fill_value=-1.0)
case("affine_single", "ops.image.affine_transform", AFF_IMG[0], AFF_T[0])
case("affine_u8", "ops.image.affine_transform", T(np.arange(5 * 6 * 1).reshape(5, 6, 1) * 7 % 256, "uint8"), AFF_T[1])
case("affine_cf", "ops.image.affine_transform", A(np.arange(2 * 5 * 6.0).reshape(1, 2, 5, 6), "float32"), AFF_T[:1],
     data_format="channels_first")
case("affine_proj0", "ops.image.affine_transform", AFF_IMG, A([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, -0.5, 0.0], "float32"))
case("affine_width1", "ops.image.affine_transform", A(np.arange(4.0).reshape(4, 1, 1), "float32"),
     A([1.0, 0.0, 0.7, 0.0, 1.0, -1.3, 0.0, 0.0], "float32"), fill_mode="reflect")
case("perspective", "ops.image.perspective_transform", AFF_IMG, [[0, 0], [5, 0], [0, 4], [5, 4]],
     [[1, 0], [4, 1], [0, 4], [5, 3]])
case("perspective_batch", "ops.image.perspective_transform", AFF_IMG[:, :, :, :1],
     A([[[0, 0], [5, 0], [0, 4], [5, 4]], [[0.5, 0.5], [4, 0], [1, 3], [5, 4]]], "float32"),
     A([[[1, 0], [4, 1], [0, 4], [5, 3]], [[0, 0], [5, 0], [0, 4], [5, 4]]], "float32"), interpolation="nearest",
     fill_value=-2.0)
case("ssim", "ops.image.ssim", A(np.linspace(0, 1, 2 * 12 * 13 * 2).reshape(2, 12, 13, 2), "float32"),
     A(np.cos(np.arange(2 * 12 * 13 * 2.0)).reshape(2, 12, 13, 2) * 0.1 + 0.5, "float32"))
case("ssim_args", "ops.image.ssim", A(np.linspace(0, 1, 2 * 9 * 9).reshape(2, 9, 9), "float32"),
     A(np.sin(np.arange(2 * 9 * 9.0)).reshape(2, 9, 9) * 0.2 + 0.5, "float32"), max_val=2.0, filter_size=5,
     filter_sigma=1.0, k1=0.02, k2=0.05, data_format="channels_first")
case("ctc_loss", "ops.ctc_loss", A([[1, 2, 2], [1, 0, 0]]), A(np.sin(np.arange(2 * 5 * 3.0)).reshape(2, 5, 3),
                                                               "float32"), A([3, 1]), A([5, 4]))
case("ctc_loss_f64", "ops.ctc_loss", A([[2, 1]]), A(np.sin(np.arange(1 * 3 * 3.0)).reshape(1, 3, 3), "float64"),
     A([2]), A([3]))
case("ctc_loss_mask", "ops.ctc_loss", A([[0, 1], [1, 1]]), A(np.cos(np.arange(2 * 4 * 3.0)).reshape(2, 4, 3),
                                                              "float32"), A([2, 2]), A([4, 4]), mask_index=2)

# image
IMG = A(np.arange(1 * 4 * 4 * 3.0).reshape(1, 4, 4, 3) / 48, "float32")
case("rgb_to_grayscale", "ops.image.rgb_to_grayscale", IMG)
case("rgb_to_grayscale_int", "ops.image.rgb_to_grayscale", T(np.arange(6).reshape(1, 2, 3), "int32"))
case("rgb_to_grayscale_cf", "ops.image.rgb_to_grayscale", A(np.arange(12.0).reshape(3, 2, 2), "float32"),
     data_format="channels_first")
case("rgb_to_hsv", "ops.image.rgb_to_hsv", IMG)
case("hsv_to_rgb", "ops.image.hsv_to_rgb", IMG)
case("resize_bilinear", "ops.image.resize", IMG, (2, 3))
case("resize_nearest", "ops.image.resize", IMG, (6, 6), interpolation="nearest")
case("resize_bicubic", "ops.image.resize", IMG, (3, 5), interpolation="bicubic")
case("resize_area", "ops.image.resize", IMG, (2, 2), interpolation="area")
case("resize_aa", "ops.image.resize", IMG, (2, 3), antialias=True)
case("resize_crop", "ops.image.resize", A(np.arange(1 * 4 * 6 * 1.0).reshape(1, 4, 6, 1), "float32"), (2, 2),
     crop_to_aspect_ratio=True)
case("resize_pad", "ops.image.resize", A(np.arange(1 * 4 * 6 * 1.0).reshape(1, 4, 6, 1), "float32"), (3, 3),
     pad_to_aspect_ratio=True, fill_value=-1.0)
case("resize_cf", "ops.image.resize", A(np.arange(2 * 4 * 4.0).reshape(2, 4, 4), "float32"), (2, 2),
     data_format="channels_first")
case("extract_patches", "ops.image.extract_patches", IMG, 2)
case("extract_patches_args", "ops.image.extract_patches", IMG, (2, 3), strides=(1, 2), padding="same")
case("pad_images", "ops.image.pad_images", IMG, 1, 0, 0, 2)
case("pad_images_target", "ops.image.pad_images", A(np.ones((2, 2, 1)), "float32"), top_padding=1, left_padding=1,
     target_height=4, target_width=3)
case("crop_images", "ops.image.crop_images", IMG, 1, 1, 1, 0)
case("crop_images_target", "ops.image.crop_images", IMG, top_cropping=1, left_cropping=0, target_height=2,
     target_width=3)
case("gaussian_blur", "ops.image.gaussian_blur", IMG)
case("gaussian_blur_args", "ops.image.gaussian_blur", IMG[0], kernel_size=(3, 5), sigma=(0.5, 2.0))
case("sobel_edges", "ops.image.sobel_edges", IMG)
# --- CASES END ---

# --- EXPECTED BEGIN ---
EXPECTED = {
    'arccos_f32': ('t', 'float32', [3], [2.094395160675049, 1.0471975803375244, 0.4510268568992615]),
    'arccos_i32': ('t', 'float32', [3], [0.0, nan, nan]),
    'arccos_f64': ('t', 'float64', [2], [1.318116071652818, 0.7227342478134157]),
    'arccos_list': ('t', 'float32', [2], [0.0, nan]),
    'arcsin_f32': ('t', 'float32', [3], [-0.5235987901687622, 0.5235987901687622, 1.1197694540023804]),
    'arcsin_i32': ('t', 'float32', [3], [1.5707963705062866, nan, nan]),
    'arcsin_f64': ('t', 'float64', [2], [0.25268025514207865, 0.848062078981481]),
    'arcsin_list': ('t', 'float32', [2], [1.5707963705062866, nan]),
    'arctan_f32': ('t', 'float32', [3], [-0.46364760398864746, 0.46364760398864746, 0.7328150868415833]),
    'arctan_i32': ('t', 'float32', [3], [0.7853981852531433, 1.1071487665176392, 1.249045729637146]),
    'arctan_f64': ('t', 'float64', [2], [0.24497866312686414, 0.6435011087932844]),
    'arctan_list': ('t', 'float32', [2], [0.7853981852531433, 1.1071487665176392]),
    'arctanh_f32': ('t', 'float32', [3], [-0.5493061542510986, 0.5493061542510986, 1.4722193479537964]),
    'arctanh_i32': ('t', 'float32', [3], [inf, nan, nan]),
    'arctanh_f64': ('t', 'float64', [2], [0.25541281188299536, 0.9729550745276566]),
    'arctanh_list': ('t', 'float32', [2], [inf, nan]),
    'cos_f32': ('t', 'float32', [3], [0.8775825500488281, 0.8775825500488281, 0.6216099858283997]),
    'cos_i32': ('t', 'float32', [3], [0.5403022766113281, -0.416146844625473, -0.9899924993515015]),
    'cos_f64': ('t', 'float64', [2], [0.9689124217106447, 0.7316888688738209]),
    'cos_list': ('t', 'float32', [2], [0.5403022766113281, -0.416146844625473]),
    'cosh_f32': ('t', 'float32', [3], [1.1276259422302246, 1.1276259422302246, 1.4330863952636719]),
    'cosh_i32': ('t', 'float32', [3], [1.5430805683135986, 3.7621958255767822, 10.067662239074707]),
    'cosh_f64': ('t', 'float64', [2], [1.0314130998795732, 1.2946832846768448]),
    'cosh_list': ('t', 'float32', [2], [1.5430805683135986, 3.7621958255767822]),
    'sin_f32': ('t', 'float32', [3], [-0.4794255495071411, 0.4794255495071411, 0.7833269238471985]),
    'sin_i32': ('t', 'float32', [3], [0.8414709568023682, 0.9092974066734314, 0.14112000167369843]),
    'sin_f64': ('t', 'float64', [2], [0.24740395925452294, 0.6816387600233341]),
    'sin_list': ('t', 'float32', [2], [0.8414709568023682, 0.9092974066734314]),
    'sinh_f32': ('t', 'float32', [3], [-0.5210952758789062, 0.5210952758789062, 1.0265166759490967]),
    'sinh_i32': ('t', 'float32', [3], [1.175201177597046, 3.6268603801727295, 10.017874717712402]),
    'sinh_f64': ('t', 'float64', [2], [0.2526123168081683, 0.82231673193583]),
    'sinh_list': ('t', 'float32', [2], [1.175201177597046, 3.6268603801727295]),
    'tan_f32': ('t', 'float32', [3], [-0.5463024973869324, 0.5463024973869324, 1.2601581811904907]),
    'tan_i32': ('t', 'float32', [3], [1.5574077367782593, -2.185039758682251, -0.14254654943943024]),
    'tan_f64': ('t', 'float64', [2], [0.25534192122103627, 0.9315964599440725]),
    'tan_list': ('t', 'float32', [2], [1.5574077367782593, -2.185039758682251]),
    'tanh_f32': ('t', 'float32', [3], [-0.46211713552474976, 0.46211713552474976, 0.7162978649139404]),
    'tanh_i32': ('t', 'float32', [3], [0.7615941762924194, 0.9640275835990906, 0.9950547218322754]),
    'tanh_f64': ('t', 'float64', [2], [0.24491866240370913, 0.6351489523872873]),
    'tanh_list': ('t', 'float32', [2], [0.7615941762924194, 0.9640275835990906]),
    'sqrt_f32': ('t', 'float32', [3], [nan, 0.7071067690849304, 0.9486832618713379]),
    'sqrt_i32': ('t', 'float32', [3], [1.0, 1.4142135381698608, 1.7320507764816284]),
    'sqrt_f64': ('t', 'float64', [2], [0.5, 0.8660254037844386]),
    'sqrt_list': ('t', 'float32', [2], [1.0, 1.4142135381698608]),
    'log_f32': ('t', 'float32', [3], [nan, -0.6931471824645996, -0.10536054521799088]),
    'log_i32': ('t', 'float32', [3], [0.0, 0.6931471824645996, 1.0986123085021973]),
    'log_f64': ('t', 'float64', [2], [-1.3862943611198906, -0.2876820724517809]),
    'log_list': ('t', 'float32', [2], [0.0, 0.6931471824645996]),
    'log1p_f32': ('t', 'float32', [3], [-0.6931471824645996, 0.40546509623527527, 0.6418538689613342]),
    'log1p_i32': ('t', 'float32', [3], [0.6931471824645996, 1.0986123085021973, 1.3862943649291992]),
    'log1p_f64': ('t', 'float64', [2], [0.22314355131420976, 0.5596157879354227]),
    'log1p_list': ('t', 'float32', [2], [0.6931471824645996, 1.0986123085021973]),
    'log2_f32': ('t', 'float32', [3], [nan, -1.0, -0.15200313925743103]),
    'log2_i32': ('t', 'float32', [3], [0.0, 1.0, 1.5849624872207642]),
    'log2_f64': ('t', 'float64', [2], [-2.0, -0.4150374992788438]),
    'log2_list': ('t', 'float32', [2], [0.0, 1.0]),
    'log10_f32': ('t', 'float32', [3], [nan, -0.3010299801826477, -0.04575750231742859]),
    'log10_i32': ('t', 'float32', [3], [0.0, 0.3010299801826477, 0.4771212637424469]),
    'log10_f64': ('t', 'float64', [2], [-0.6020599913279623, -0.12493873660829993]),
    'log10_list': ('t', 'float32', [2], [0.0, 0.3010299801826477]),
    'exp_f32': ('t', 'float32', [3], [0.6065306663513184, 1.6487212181091309, 2.4596030712127686]),
    'exp_i32': ('t', 'float32', [3], [2.7182817459106445, 7.389056205749512, 20.08553695678711]),
    'exp_f64': ('t', 'float64', [2], [1.2840254166877414, 2.117000016612675]),
    'exp_list': ('t', 'float32', [2], [2.7182817459106445, 7.389056205749512]),
    'expm1_f32': ('t', 'float32', [3], [-0.39346933364868164, 0.6487212777137756, 1.4596030712127686]),
    'expm1_i32': ('t', 'float32', [3], [1.7182817459106445, 6.389056205749512, 19.08553695678711]),
    'expm1_f64': ('t', 'float64', [2], [0.2840254166877415, 1.1170000166126748]),
    'expm1_list': ('t', 'float32', [2], [1.7182817459106445, 6.389056205749512]),
    'exp2_f32': ('t', 'float32', [3], [0.7071067690849304, 1.4142135381698608, 1.8660659790039062]),
    'exp2_i32': ('t', 'float32', [3], [2.0, 4.0, 8.0]),
    'exp2_f64': ('t', 'float64', [2], [1.189207115002721, 1.681792830507429]),
    'exp2_list': ('t', 'float32', [2], [2.0, 4.0]),
    'ceil_f32': ('t', 'float32', [3], [-0.0, 1.0, 1.0]),
    'ceil_i32': ('t', 'float32', [3], [1.0, 2.0, 3.0]),
    'ceil_f64': ('t', 'float64', [2], [1.0, 1.0]),
    'ceil_list': ('t', 'float32', [2], [1.0, 2.0]),
    'floor_f32': ('t', 'float32', [3], [-1.0, 0.0, 0.0]),
    'floor_i32': ('t', 'float32', [3], [1.0, 2.0, 3.0]),
    'floor_f64': ('t', 'float64', [2], [0.0, 0.0]),
    'floor_list': ('t', 'float32', [2], [1.0, 2.0]),
    'sinc_f32': ('t', 'float32', [3], [0.6366197466850281, 0.6366197466850281, 0.1092924177646637]),
    'sinc_i32': ('t', 'float32', [3], [-2.7827534054836178e-08, 2.7827534054836178e-08, -2.530538223410872e-09]),
    'sinc_f64': ('t', 'float64', [2], [0.9003163161571061, 0.3001054387190354]),
    'sinc_list': ('t', 'float32', [2], [-2.7827534054836178e-08, 2.7827534054836178e-08]),
    'arcsinh_f32': ('t', 'float32', [3], [-0.4812118411064148, 0.4812118411064148, 0.8088668584823608]),
    'arcsinh_i32': ('t', 'float32', [3], [0.8813735842704773, 1.4436354637145996, 1.8184465169906616]),
    'arcsinh_f64': ('t', 'float64', [2], [0.24746646154726346, 0.6931471805599453]),
    'arcsinh_list': ('t', 'float32', [2], [0.8813735842704773, 1.4436354637145996]),
    'cbrt_f32': ('t', 'float32', [3], [-0.7937005162239075, 0.7937005162239075, 0.965489387512207]),
    'cbrt_i32': ('t', 'float32', [3], [1.0, 1.2599210739135742, 1.4422495365142822]),
    'cbrt_f64': ('t', 'float64', [2], [0.6299605249474366, 0.9085602964160698]),
    'cbrt_list': ('t', 'float32', [2], [1.0, 1.2599210739135742]),
    'deg2rad_f32': ('t', 'float32', [3], [-0.008726646192371845, 0.008726646192371845, 0.015707962214946747]),
    'deg2rad_i32': ('t', 'float32', [3], [0.01745329238474369, 0.03490658476948738, 0.05235987901687622]),
    'deg2rad_f64': ('t', 'float64', [2], [0.004363323129985824, 0.013089969389957472]),
    'deg2rad_list': ('t', 'float32', [2], [0.01745329238474369, 0.03490658476948738]),
    'rad2deg_f32': ('t', 'float32', [3], [-28.64788818359375, 28.64788818359375, 51.56619644165039]),
    'rad2deg_i32': ('t', 'float32', [3], [57.2957763671875, 114.591552734375, 171.8873291015625]),
    'rad2deg_f64': ('t', 'float64', [2], [14.32394487827058, 42.97183463481174]),
    'rad2deg_list': ('t', 'float32', [2], [57.2957763671875, 114.591552734375]),
    'i0_f32': ('t', 'float32', [3], [1.063483476638794, 1.063483476638794, 1.2129851579666138]),
    'i0_i32': ('t', 'float32', [3], [1.2660659551620483, 2.279585361480713, 4.88079309463501]),
    'i0_f64': ('t', 'float64', [2], [1.0156861412236076, 1.1456467780440016]),
    'i0_list': ('t', 'float32', [2], [1.2660659551620483, 2.279585361480713]),
    'angle_f32': ('t', 'float32', [3], [3.1415927410125732, 0.0, 0.0]),
    'angle_i32': ('t', 'float32', [3], [0.0, 0.0, 0.0]),
    'angle_f64': ('t', 'float64', [2], [0.0, 0.0]),
    'angle_list': ('t', 'float32', [2], [0.0, 0.0]),
    'fabs_f32': ('t', 'float32', [3], [0.5, 0.5, 0.8999999761581421]),
    'fabs_i32': ('t', 'float32', [3], [1.0, 2.0, 3.0]),
    'fabs_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'fabs_list': ('t', 'float32', [2], [1.0, 2.0]),
    'trunc_f32': ('t', 'float32', [3], [-0.0, 0.0, 0.0]),
    'trunc_i32': ('t', 'int32', [3], [1, 2, 3]),
    'trunc_f64': ('t', 'float64', [2], [0.0, 0.0]),
    'trunc_list': ('t', 'float32', [2], [1.0, 2.0]),
    'sign_f32': ('t', 'float32', [3], [-1.0, 1.0, 1.0]),
    'sign_i32': ('t', 'int32', [3], [1, 1, 1]),
    'sign_f64': ('t', 'float64', [2], [1.0, 1.0]),
    'sign_list': ('t', 'float32', [2], [1.0, 1.0]),
    'square_f32': ('t', 'float32', [3], [0.25, 0.25, 0.809999942779541]),
    'square_i32': ('t', 'int32', [3], [1, 4, 9]),
    'square_f64': ('t', 'float64', [2], [0.0625, 0.5625]),
    'square_list': ('t', 'float32', [2], [1.0, 4.0]),
    'negative_f32': ('t', 'float32', [3], [0.5, -0.5, -0.8999999761581421]),
    'negative_i32': ('t', 'int32', [3], [-1, -2, -3]),
    'negative_f64': ('t', 'float64', [2], [-0.25, -0.75]),
    'negative_list': ('t', 'float32', [2], [-1.0, -2.0]),
    'absolute_f32': ('t', 'float32', [3], [0.5, 0.5, 0.8999999761581421]),
    'absolute_i32': ('t', 'int32', [3], [1, 2, 3]),
    'absolute_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'absolute_list': ('t', 'float32', [2], [1.0, 2.0]),
    'abs_f32': ('t', 'float32', [3], [0.5, 0.5, 0.8999999761581421]),
    'abs_i32': ('t', 'int32', [3], [1, 2, 3]),
    'abs_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'abs_list': ('t', 'float32', [2], [1.0, 2.0]),
    'reciprocal_f32': ('t', 'float32', [3], [-2.0, 2.0, 1.1111111640930176]),
    'reciprocal_i32': ('err', 'NotFoundError', 'Could not find device for node: {{node Reciprocal}} = Reciprocal[T=DT_INT32]\nAll'),
    'reciprocal_f64': ('t', 'float64', [2], [4.0, 1.3333333333333333]),
    'reciprocal_list': ('t', 'float32', [2], [1.0, 0.5]),
    'round_f32': ('t', 'float32', [3], [-0.0, 0.0, 1.0]),
    'round_i32': ('t', 'int32', [3], [1, 2, 3]),
    'round_f64': ('t', 'float64', [2], [0.0, 1.0]),
    'round_list': ('t', 'float32', [2], [1.0, 2.0]),
    'signbit_f32': ('t', 'bool', [3], [True, False, False]),
    'signbit_i32': ('t', 'bool', [3], [False, False, False]),
    'signbit_f64': ('t', 'bool', [2], [False, False]),
    'signbit_list': ('t', 'bool', [2], [False, False]),
    'isfinite_f32': ('t', 'bool', [3], [True, True, True]),
    'isfinite_i32': ('t', 'bool', [3], [True, True, True]),
    'isfinite_f64': ('t', 'bool', [2], [True, True]),
    'isfinite_list': ('t', 'bool', [2], [True, True]),
    'isnan_f32': ('t', 'bool', [3], [False, False, False]),
    'isnan_i32': ('t', 'bool', [3], [False, False, False]),
    'isnan_f64': ('t', 'bool', [2], [False, False]),
    'isnan_list': ('t', 'bool', [2], [False, False]),
    'isinf_f32': ('t', 'bool', [3], [False, False, False]),
    'isinf_i32': ('t', 'bool', [3], [False, False, False]),
    'isinf_f64': ('t', 'bool', [2], [False, False]),
    'isinf_list': ('t', 'bool', [2], [False, False]),
    'isneginf_f32': ('t', 'bool', [3], [False, False, False]),
    'isneginf_i32': ('t', 'bool', [3], [False, False, False]),
    'isneginf_f64': ('t', 'bool', [2], [False, False]),
    'isneginf_list': ('t', 'bool', [2], [False, False]),
    'isposinf_f32': ('t', 'bool', [3], [False, False, False]),
    'isposinf_i32': ('t', 'bool', [3], [False, False, False]),
    'isposinf_f64': ('t', 'bool', [2], [False, False]),
    'isposinf_list': ('t', 'bool', [2], [False, False]),
    'isreal_f32': ('t', 'bool', [3], [True, True, True]),
    'isreal_i32': ('t', 'bool', [3], [True, True, True]),
    'isreal_f64': ('t', 'bool', [2], [True, True]),
    'isreal_list': ('t', 'bool', [2], [True, True]),
    'logical_not_f32': ('t', 'bool', [3], [False, False, False]),
    'logical_not_i32': ('t', 'bool', [3], [False, False, False]),
    'logical_not_f64': ('t', 'bool', [2], [False, False]),
    'logical_not_list': ('t', 'bool', [2], [False, False]),
    'conj_f32': ('t', 'float32', [3], [-0.5, 0.5, 0.8999999761581421]),
    'conj_i32': ('t', 'int32', [3], [1, 2, 3]),
    'conj_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'conj_list': ('t', 'float32', [2], [1.0, 2.0]),
    'real_f32': ('t', 'float32', [3], [-0.5, 0.5, 0.8999999761581421]),
    'real_i32': ('t', 'int32', [3], [1, 2, 3]),
    'real_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'real_list': ('t', 'float32', [2], [1.0, 2.0]),
    'imag_f32': ('t', 'float32', [3], [0.0, 0.0, 0.0]),
    'imag_i32': ('t', 'int32', [3], [0, 0, 0]),
    'imag_f64': ('t', 'float64', [2], [0.0, 0.0]),
    'imag_list': ('t', 'float32', [2], [0.0, 0.0]),
    'copy_f32': ('t', 'float32', [3], [-0.5, 0.5, 0.8999999761581421]),
    'copy_i32': ('t', 'int32', [3], [1, 2, 3]),
    'copy_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'copy_list': ('t', 'float32', [2], [1.0, 2.0]),
    'nan_to_num_f32': ('t', 'float32', [3], [-0.5, 0.5, 0.8999999761581421]),
    'nan_to_num_i32': ('t', 'int32', [3], [1, 2, 3]),
    'nan_to_num_f64': ('t', 'float64', [2], [0.25, 0.75]),
    'nan_to_num_list': ('t', 'float32', [2], [1.0, 2.0]),
    'arccosh_f32': ('t', 'float32', [2], [0.9624236822128296, 1.316957950592041]),
    'arccosh_i64': ('t', 'float32', [2], [0.0, 1.316957950592041]),
    'exp_f16': ('t', 'float16', [2], [1.6484375, 2.71875]),
    'exp_bool': ('t', 'float32', [2], [2.7182817459106445, 1.0]),
    'sqrt_i64': ('t', 'float32', [2], [2.0, 3.0]),
    'sqrt_i8': ('t', 'float32', [2], [2.0, 3.0]),
    'log_u8': ('t', 'float32', [2], [0.0, 1.3862943649291992]),
    'sin_f16': ('t', 'float16', [1], [0.4794921875]),
    'cbrt_i64': ('t', 'float64', [2], [2.0, -3.0]),
    'deg2rad_i64': ('t', 'float64', [1], [3.141592653589793]),
    'abs_u8': ('t', 'uint8', [2], [1, 2]),
    'abs_bool': ('t', 'bool', [2], [True, False]),
    'sign_u8': ('t', 'uint8', [2], [0, 1]),
    'square_bool': ('t', 'int32', [2], [1, 0]),
    'round_dec': ('t', 'float32', [3], [1.2000000476837158, 5.699999809265137, -2.5]),
    'round_neg_dec_int': ('t', 'int32', [2], [1200, 5700]),
    'round_half': ('t', 'float32', [4], [0.0, 2.0, 2.0, -0.0]),
    'nan_to_num_all': ('t', 'float32', [4], [0.0, 3.4028234663852886e+38, -3.4028234663852886e+38, 1.0]),
    'nan_to_num_args': ('t', 'float32', [4], [1.0, 2.0, -2.0, 1.0]),
    'signbit_negzero': ('t', 'bool', [4], [True, False, True, False]),
    'isreal_c': ('t', 'bool', [2], [True, False]),
    'real_c': ('t', 'float32', [2], [1.0, 3.0]),
    'imag_c': ('t', 'float32', [2], [2.0, -1.0]),
    'conj_c': ('t', 'complex64', [1], [complex(1.0, -2.0)]),
    'angle_c': ('t', 'float32', [2], [0.7853981852531433, -1.5707963705062866]),
    'fabs_c': ('err', 'TypeError', "fabs does not support complex inputs. Received: x.dtype=<dtype: 'complex64'>"),
    'add_i32_pyfloat': ('t', 'float32', [3], [2.5, 3.5, 4.5]),
    'add_i32_pyint': ('t', 'int32', [3], [3, 4, 5]),
    'add_i8_u8': ('t', 'int16', [3], [3, 4, 5]),
    'add_f16_i32': ('t', 'float16', [3], [3.5, 4.0, 5.0]),
    'add_f32_f64': ('t', 'float64', [3], [3.5, 2.5, -1.0]),
    'add_bcast': ('t', 'float32', [2, 3], [[2.0, -1.0, 4.0], [3.0, 0.0, 5.0]]),
    'add_pyint_pyfloat': ('t', 'float32', [], 5.0),
    'add_i64_pyint': ('t', 'int64', [2], [7, -5]),
    'subtract_i32_pyfloat': ('t', 'float32', [3], [-0.5, 0.5, 1.5]),
    'subtract_i32_pyint': ('t', 'int32', [3], [-1, 0, 1]),
    'subtract_i8_u8': ('t', 'int16', [3], [-1, 0, 1]),
    'subtract_f16_i32': ('t', 'float16', [3], [-0.5, 0.0, 1.0]),
    'subtract_f32_f64': ('t', 'float64', [3], [-0.5, 1.5, -5.0]),
    'subtract_bcast': ('t', 'float32', [2, 3], [[0.0, 3.0, -2.0], [1.0, 4.0, -1.0]]),
    'subtract_pyint_pyfloat': ('t', 'float32', [], 1.0),
    'subtract_i64_pyint': ('t', 'int64', [2], [3, -9]),
    'subtract_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'multiply_i32_pyfloat': ('t', 'float32', [3], [1.5, 3.0, 4.5]),
    'multiply_i32_pyint': ('t', 'int32', [3], [2, 4, 6]),
    'multiply_i8_u8': ('t', 'int16', [3], [2, 4, 6]),
    'multiply_f16_i32': ('t', 'float16', [3], [3.0, 4.0, 6.0]),
    'multiply_f32_f64': ('t', 'float64', [3], [3.0, 1.0, -6.0]),
    'multiply_bcast': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [2.0, -4.0, 6.0]]),
    'multiply_pyint_pyfloat': ('t', 'float32', [], 6.0),
    'multiply_i64_pyint': ('t', 'int64', [2], [10, -14]),
    'divide_i32_pyfloat': ('t', 'float32', [3], [0.6666666865348816, 1.3333333730697632, 2.0]),
    'divide_i32_pyint': ('t', 'float32', [3], [0.5, 1.0, 1.5]),
    'divide_i8_u8': ('t', 'float32', [3], [0.5, 1.0, 1.5]),
    'divide_f16_i32': ('t', 'float16', [3], [0.75, 1.0, 1.5]),
    'divide_f32_f64': ('t', 'float64', [3], [0.75, 4.0, -1.5]),
    'divide_bcast': ('t', 'float32', [2, 3], [[1.0, -0.5, 0.3333333432674408], [2.0, -1.0, 0.6666666865348816]]),
    'divide_pyint_pyfloat': ('t', 'float32', [], 1.5),
    'divide_i64_pyint': ('t', 'float32', [2], [2.5, -3.5]),
    'divide_bool_bool': ('t', 'float32', [2], [1.0, 0.0]),
    'true_divide_i32_pyfloat': ('t', 'float32', [3], [0.6666666865348816, 1.3333333730697632, 2.0]),
    'true_divide_i32_pyint': ('t', 'float32', [3], [0.5, 1.0, 1.5]),
    'true_divide_i8_u8': ('t', 'float32', [3], [0.5, 1.0, 1.5]),
    'true_divide_f16_i32': ('t', 'float16', [3], [0.75, 1.0, 1.5]),
    'true_divide_f32_f64': ('t', 'float64', [3], [0.75, 4.0, -1.5]),
    'true_divide_bcast': ('t', 'float32', [2, 3], [[1.0, -0.5, 0.3333333432674408], [2.0, -1.0, 0.6666666865348816]]),
    'true_divide_pyint_pyfloat': ('t', 'float32', [], 1.5),
    'true_divide_i64_pyint': ('t', 'float32', [2], [2.5, -3.5]),
    'true_divide_bool_bool': ('t', 'float32', [2], [1.0, 0.0]),
    'power_i32_pyfloat': ('t', 'float32', [3], [1.0, 2.8284270763397217, 5.196152210235596]),
    'power_i32_pyint': ('t', 'int32', [3], [1, 4, 9]),
    'power_i8_u8': ('t', 'int16', [3], [1, 4, 9]),
    'power_f16_i32': ('t', 'float16', [3], [2.25, 4.0, 9.0]),
    'power_f32_f64': ('t', 'float64', [3], [2.25, 1.4142135623730951, 9.0]),
    'power_bcast': ('t', 'float32', [2, 3], [[1.0, 1.0, 1.0], [2.0, 0.25, 8.0]]),
    'power_pyint_pyfloat': ('t', 'float32', [], 9.0),
    'power_i64_pyint': ('t', 'int64', [2], [25, 49]),
    'power_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, float"),
    'maximum_i32_pyfloat': ('t', 'float32', [3], [1.5, 2.0, 3.0]),
    'maximum_i32_pyint': ('t', 'int32', [3], [2, 2, 3]),
    'maximum_i8_u8': ('t', 'int16', [3], [2, 2, 3]),
    'maximum_f16_i32': ('t', 'float16', [3], [2.0, 2.0, 3.0]),
    'maximum_f32_f64': ('t', 'float64', [3], [2.0, 2.0, 2.0]),
    'maximum_bcast': ('t', 'float32', [2, 3], [[1.0, 1.0, 3.0], [2.0, 2.0, 3.0]]),
    'maximum_pyint_pyfloat': ('t', 'float32', [], 3.0),
    'maximum_i64_pyint': ('t', 'int64', [2], [5, 2]),
    'maximum_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'minimum_i32_pyfloat': ('t', 'float32', [3], [1.0, 1.5, 1.5]),
    'minimum_i32_pyint': ('t', 'int32', [3], [1, 2, 2]),
    'minimum_i8_u8': ('t', 'int16', [3], [1, 2, 2]),
    'minimum_f16_i32': ('t', 'float16', [3], [1.5, 2.0, 2.0]),
    'minimum_f32_f64': ('t', 'float64', [3], [1.5, 0.5, -3.0]),
    'minimum_bcast': ('t', 'float32', [2, 3], [[1.0, -2.0, 1.0], [1.0, -2.0, 2.0]]),
    'minimum_pyint_pyfloat': ('t', 'float32', [], 2.0),
    'minimum_i64_pyint': ('t', 'int64', [2], [2, -7]),
    'minimum_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'floor_divide_i32_pyfloat': ('t', 'float32', [3], [0.0, 1.0, 2.0]),
    'floor_divide_i32_pyint': ('t', 'int32', [3], [0, 1, 1]),
    'floor_divide_i8_u8': ('t', 'int16', [3], [0, 1, 1]),
    'floor_divide_f16_i32': ('t', 'float16', [3], [0.0, 1.0, 1.0]),
    'floor_divide_f32_f64': ('t', 'float64', [3], [0.0, 4.0, -2.0]),
    'floor_divide_bcast': ('t', 'float32', [2, 3], [[1.0, -1.0, 0.0], [2.0, -1.0, 0.0]]),
    'floor_divide_pyint_pyfloat': ('t', 'float32', [], 1.0),
    'floor_divide_i64_pyint': ('t', 'int64', [2], [2, -4]),
    'floor_divide_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'mod_i32_pyfloat': ('t', 'float32', [3], [1.0, 0.5, 0.0]),
    'mod_i32_pyint': ('t', 'int32', [3], [1, 0, 1]),
    'mod_i8_u8': ('t', 'int16', [3], [1, 0, 1]),
    'mod_f16_i32': ('t', 'float16', [3], [1.5, 0.0, 1.0]),
    'mod_f32_f64': ('t', 'float64', [3], [1.5, 0.0, 1.0]),
    'mod_bcast': ('t', 'float32', [2, 3], [[0.0, -1.0, 1.0], [0.0, 0.0, 2.0]]),
    'mod_pyint_pyfloat': ('t', 'float32', [], 1.0),
    'mod_i64_pyint': ('t', 'int64', [2], [1, 1]),
    'mod_bool_bool': ('t', 'int32', [2], [0, 0]),
    'fmod_i32_pyfloat': ('t', 'float32', [3], [1.0, 0.5, 0.0]),
    'fmod_i32_pyint': ('t', 'int32', [3], [1, 0, 1]),
    'fmod_i8_u8': ('t', 'int16', [3], [1, 0, 1]),
    'fmod_f16_i32': ('t', 'float16', [3], [1.5, 0.0, 1.0]),
    'fmod_f32_f64': ('t', 'float64', [3], [1.5, 0.0, -1.0]),
    'fmod_bcast': ('t', 'float32', [2, 3], [[0.0, 1.0, 1.0], [0.0, 0.0, 2.0]]),
    'fmod_pyint_pyfloat': ('t', 'float32', [], 1.0),
    'fmod_i64_pyint': ('t', 'int64', [2], [1, -1]),
    'fmod_bool_bool': ('t', 'int32', [2], [0, 0]),
    'fmax_i32_pyfloat': ('t', 'float32', [3], [1.5, 2.0, 3.0]),
    'fmax_i32_pyint': ('t', 'int32', [3], [2, 2, 3]),
    'fmax_i8_u8': ('t', 'int16', [3], [2, 2, 3]),
    'fmax_f16_i32': ('t', 'float16', [3], [2.0, 2.0, 3.0]),
    'fmax_f32_f64': ('t', 'float64', [3], [2.0, 2.0, 2.0]),
    'fmax_bcast': ('t', 'float32', [2, 3], [[1.0, 1.0, 3.0], [2.0, 2.0, 3.0]]),
    'fmax_pyint_pyfloat': ('t', 'float32', [], 3.0),
    'fmax_i64_pyint': ('t', 'int64', [2], [5, 2]),
    'fmax_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'fmin_i32_pyfloat': ('t', 'float32', [3], [1.0, 1.5, 1.5]),
    'fmin_i32_pyint': ('t', 'int32', [3], [1, 2, 2]),
    'fmin_i8_u8': ('t', 'int16', [3], [1, 2, 2]),
    'fmin_f16_i32': ('t', 'float16', [3], [1.5, 2.0, 2.0]),
    'fmin_f32_f64': ('t', 'float64', [3], [1.5, 0.5, -3.0]),
    'fmin_bcast': ('t', 'float32', [2, 3], [[1.0, -2.0, 1.0], [1.0, -2.0, 2.0]]),
    'fmin_pyint_pyfloat': ('t', 'float32', [], 2.0),
    'fmin_i64_pyint': ('t', 'int64', [2], [2, -7]),
    'fmin_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'divide_no_nan_i32_pyfloat': ('t', 'float32', [3], [0.6666666865348816, 1.3333333730697632, 2.0]),
    'divide_no_nan_i32_pyint': ('t', 'float32', [3], [0.5, 1.0, 1.5]),
    'divide_no_nan_i8_u8': ('t', 'float32', [3], [0.5, 1.0, 1.5]),
    'divide_no_nan_f16_i32': ('t', 'float16', [3], [0.75, 1.0, 1.5]),
    'divide_no_nan_f32_f64': ('t', 'float64', [3], [0.75, 4.0, -1.5]),
    'divide_no_nan_bcast': ('t', 'float32', [2, 3], [[1.0, -0.5, 0.3333333432674408], [2.0, -1.0, 0.6666666865348816]]),
    'divide_no_nan_pyint_pyfloat': ('t', 'float32', [], 1.5),
    'divide_no_nan_i64_pyint': ('t', 'float32', [2], [2.5, -3.5]),
    'divide_no_nan_bool_bool': ('t', 'float32', [2], [1.0, 0.0]),
    'arctan2_i32_pyfloat': ('t', 'float32', [3], [0.588002622127533, 0.9272952079772949, 1.1071487665176392]),
    'arctan2_i32_pyint': ('t', 'float32', [3], [0.46364760398864746, 0.7853981852531433, 0.9827937483787537]),
    'arctan2_i8_u8': ('t', 'float32', [3], [0.46364760398864746, 0.7853981852531433, 0.9827937483787537]),
    'arctan2_f16_i32': ('t', 'float16', [3], [0.6435546875, 0.78515625, 0.98291015625]),
    'arctan2_f32_f64': ('t', 'float64', [3], [0.6435011087932844, 1.3258176636680326, -0.982793723247329]),
    'arctan2_bcast': ('t', 'float32', [2, 3], [[0.7853981852531433, 2.677945137023926, 0.32175055146217346], [1.1071487665176392, 2.356194496154785, 0.588002622127533]]),
    'arctan2_pyint_pyfloat': ('t', 'float32', [], 0.9827937483787537),
    'arctan2_i64_pyint': ('t', 'float32', [2], [1.1902899742126465, -1.292496681213379]),
    'arctan2_bool_bool': ('t', 'float32', [2], [0.7853981852531433, 0.0]),
    'hypot_i32_pyfloat': ('t', 'float32', [3], [1.8027756214141846, 2.5, 3.35410213470459]),
    'hypot_i32_pyint': ('t', 'float32', [3], [2.2360680103302, 2.8284270763397217, 3.605551242828369]),
    'hypot_i8_u8': ('t', 'float32', [3], [2.2360680103302, 2.8284270763397217, 3.605551242828369]),
    'hypot_f16_i32': ('t', 'float16', [3], [2.5, 2.828125, 3.60546875]),
    'hypot_f32_f64': ('t', 'float64', [3], [2.5, 2.0615528128088303, 3.6055512754639896]),
    'hypot_bcast': ('t', 'float32', [2, 3], [[1.4142135381698608, 2.2360680103302, 3.1622776985168457], [2.2360680103302, 2.8284270763397217, 3.605551242828369]]),
    'hypot_pyint_pyfloat': ('t', 'float32', [], 3.605551242828369),
    'hypot_i64_pyint': ('t', 'float64', [2], [5.385164807134505, 7.280109889280519]),
    'hypot_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half,"),
    'logaddexp_i32_pyfloat': ('t', 'float32', [3], [1.9740769863128662, 2.474076986312866, 3.20141339302063]),
    'logaddexp_i32_pyint': ('t', 'float32', [3], [2.3132617473602295, 2.6931471824645996, 3.3132617473602295]),
    'logaddexp_i8_u8': ('t', 'float32', [3], [2.3132617473602295, 2.6931471824645996, 3.3132617473602295]),
    'logaddexp_f16_i32': ('t', 'float16', [3], [2.474609375, 2.693359375, 3.3125]),
    'logaddexp_f32_f64': ('t', 'float64', [3], [2.4740769841801065, 2.2014132779827524, 2.0067153484891183]),
    'logaddexp_bcast': ('t', 'float32', [2, 3], [[1.6931471824645996, 1.0485873222351074, 3.1269280910491943], [2.3132617473602295, 2.0181498527526855, 3.3132617473602295]]),
    'logaddexp_pyint_pyfloat': ('t', 'float32', [], 3.3132617473602295),
    'logaddexp_i64_pyint': ('t', 'float32', [2], [5.048587322235107, 2.0001235008239746]),
    'logaddexp_bool_bool': ('t', 'float32', [2], [1.6931471824645996, 1.3132617473602295]),
    'logaddexp2_i32_pyfloat': ('t', 'float32', [3], [2.2715532779693604, 2.7715532779693604, 3.4367518424987793]),
    'logaddexp2_i32_pyint': ('t', 'float32', [3], [2.5849623680114746, 3.0, 3.5849623680114746]),
    'logaddexp2_i8_u8': ('t', 'float32', [3], [2.5849623680114746, 3.0, 3.5849623680114746]),
    'logaddexp2_f16_i32': ('t', 'float16', [3], [2.771484375, 3.0, 3.5859375]),
    'logaddexp2_f32_f64': ('t', 'float64', [3], [2.771553300474415, 2.436751793163084, 2.044394118820127]),
    'logaddexp2_bcast': ('t', 'float32', [2, 3], [[2.0, 1.1699249744415283, 3.321928024291992], [2.5849623680114746, 2.087462902069092, 3.5849623680114746]]),
    'logaddexp2_pyint_pyfloat': ('t', 'float32', [], 3.5849623680114746),
    'logaddexp2_i64_pyint': ('t', 'float32', [2], [5.169925212860107, 2.002815008163452]),
    'logaddexp2_bool_bool': ('t', 'float32', [2], [2.0, 1.5849624872207642]),
    'equal_i32_pyfloat': ('t', 'bool', [3], [False, False, False]),
    'equal_i32_pyint': ('t', 'bool', [3], [False, True, False]),
    'equal_i8_u8': ('t', 'bool', [3], [False, True, False]),
    'equal_f16_i32': ('t', 'bool', [3], [False, True, False]),
    'equal_f32_f64': ('t', 'bool', [3], [False, False, False]),
    'equal_bcast': ('t', 'bool', [2, 3], [[True, False, False], [False, False, False]]),
    'equal_pyint_pyfloat': ('t', 'bool', [], False),
    'equal_i64_pyint': ('t', 'bool', [2], [False, False]),
    'equal_bool_bool': ('t', 'bool', [2], [True, False]),
    'not_equal_i32_pyfloat': ('t', 'bool', [3], [True, True, True]),
    'not_equal_i32_pyint': ('t', 'bool', [3], [True, False, True]),
    'not_equal_i8_u8': ('t', 'bool', [3], [True, False, True]),
    'not_equal_f16_i32': ('t', 'bool', [3], [True, False, True]),
    'not_equal_f32_f64': ('t', 'bool', [3], [True, True, True]),
    'not_equal_bcast': ('t', 'bool', [2, 3], [[False, True, True], [True, True, True]]),
    'not_equal_pyint_pyfloat': ('t', 'bool', [], True),
    'not_equal_i64_pyint': ('t', 'bool', [2], [True, True]),
    'not_equal_bool_bool': ('t', 'bool', [2], [False, True]),
    'greater_i32_pyfloat': ('t', 'bool', [3], [False, True, True]),
    'greater_i32_pyint': ('t', 'bool', [3], [False, False, True]),
    'greater_i8_u8': ('t', 'bool', [3], [False, False, True]),
    'greater_f16_i32': ('t', 'bool', [3], [False, False, True]),
    'greater_f32_f64': ('t', 'bool', [3], [False, True, False]),
    'greater_bcast': ('t', 'bool', [2, 3], [[False, True, False], [True, True, False]]),
    'greater_pyint_pyfloat': ('t', 'bool', [], True),
    'greater_i64_pyint': ('t', 'bool', [2], [True, False]),
    'greater_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: float, double, "),
    'greater_equal_i32_pyfloat': ('t', 'bool', [3], [False, True, True]),
    'greater_equal_i32_pyint': ('t', 'bool', [3], [False, True, True]),
    'greater_equal_i8_u8': ('t', 'bool', [3], [False, True, True]),
    'greater_equal_f16_i32': ('t', 'bool', [3], [False, True, True]),
    'greater_equal_f32_f64': ('t', 'bool', [3], [False, True, False]),
    'greater_equal_bcast': ('t', 'bool', [2, 3], [[True, True, False], [True, True, False]]),
    'greater_equal_pyint_pyfloat': ('t', 'bool', [], True),
    'greater_equal_i64_pyint': ('t', 'bool', [2], [True, False]),
    'greater_equal_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: float, double, "),
    'less_i32_pyfloat': ('t', 'bool', [3], [True, False, False]),
    'less_i32_pyint': ('t', 'bool', [3], [True, False, False]),
    'less_i8_u8': ('t', 'bool', [3], [True, False, False]),
    'less_f16_i32': ('t', 'bool', [3], [True, False, False]),
    'less_f32_f64': ('t', 'bool', [3], [True, False, True]),
    'less_bcast': ('t', 'bool', [2, 3], [[False, False, True], [False, False, True]]),
    'less_pyint_pyfloat': ('t', 'bool', [], False),
    'less_i64_pyint': ('t', 'bool', [2], [False, True]),
    'less_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: float, double, "),
    'less_equal_i32_pyfloat': ('t', 'bool', [3], [True, False, False]),
    'less_equal_i32_pyint': ('t', 'bool', [3], [True, True, False]),
    'less_equal_i8_u8': ('t', 'bool', [3], [True, True, False]),
    'less_equal_f16_i32': ('t', 'bool', [3], [True, True, False]),
    'less_equal_f32_f64': ('t', 'bool', [3], [True, False, True]),
    'less_equal_bcast': ('t', 'bool', [2, 3], [[True, False, True], [False, False, True]]),
    'less_equal_pyint_pyfloat': ('t', 'bool', [], False),
    'less_equal_i64_pyint': ('t', 'bool', [2], [False, True]),
    'less_equal_bool_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: float, double, "),
    'logical_and_i32_pyfloat': ('t', 'bool', [3], [True, True, True]),
    'logical_and_i32_pyint': ('t', 'bool', [3], [True, True, True]),
    'logical_and_i8_u8': ('t', 'bool', [3], [True, True, True]),
    'logical_and_f16_i32': ('t', 'bool', [3], [True, True, True]),
    'logical_and_f32_f64': ('t', 'bool', [3], [True, True, True]),
    'logical_and_bcast': ('t', 'bool', [2, 3], [[True, True, True], [True, True, True]]),
    'logical_and_pyint_pyfloat': ('t', 'bool', [], True),
    'logical_and_i64_pyint': ('t', 'bool', [2], [True, True]),
    'logical_and_bool_bool': ('t', 'bool', [2], [True, False]),
    'logical_or_i32_pyfloat': ('t', 'bool', [3], [True, True, True]),
    'logical_or_i32_pyint': ('t', 'bool', [3], [True, True, True]),
    'logical_or_i8_u8': ('t', 'bool', [3], [True, True, True]),
    'logical_or_f16_i32': ('t', 'bool', [3], [True, True, True]),
    'logical_or_f32_f64': ('t', 'bool', [3], [True, True, True]),
    'logical_or_bcast': ('t', 'bool', [2, 3], [[True, True, True], [True, True, True]]),
    'logical_or_pyint_pyfloat': ('t', 'bool', [], True),
    'logical_or_i64_pyint': ('t', 'bool', [2], [True, True]),
    'logical_or_bool_bool': ('t', 'bool', [2], [True, True]),
    'logical_xor_i32_pyfloat': ('t', 'bool', [3], [False, False, False]),
    'logical_xor_i32_pyint': ('t', 'bool', [3], [False, False, False]),
    'logical_xor_i8_u8': ('t', 'bool', [3], [False, False, False]),
    'logical_xor_f16_i32': ('t', 'bool', [3], [False, False, False]),
    'logical_xor_f32_f64': ('t', 'bool', [3], [False, False, False]),
    'logical_xor_bcast': ('t', 'bool', [2, 3], [[False, False, False], [False, False, False]]),
    'logical_xor_pyint_pyfloat': ('t', 'bool', [], False),
    'logical_xor_i64_pyint': ('t', 'bool', [2], [False, False]),
    'logical_xor_bool_bool': ('t', 'bool', [2], [False, True]),
    'heaviside_i32_pyfloat': ('t', 'float32', [3], [1.0, 1.0, 1.0]),
    'heaviside_i32_pyint': ('t', 'float32', [3], [1.0, 1.0, 1.0]),
    'heaviside_i8_u8': ('t', 'float32', [3], [1.0, 1.0, 1.0]),
    'heaviside_f16_i32': ('t', 'float16', [3], [1.0, 1.0, 1.0]),
    'heaviside_f32_f64': ('t', 'float64', [3], [1.0, 1.0, 0.0]),
    'heaviside_bcast': ('t', 'float32', [2, 3], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]),
    'heaviside_pyint_pyfloat': ('t', 'float32', [], 1.0),
    'heaviside_i64_pyint': ('t', 'float64', [2], [1.0, 0.0]),
    'heaviside_bool_bool': ('err', 'TypeError', 'Cannot convert 0 to EagerTensor of dtype bool'),
    'nextafter_i32_pyfloat': ('t', 'float32', [3], [1.0, 2.0, 3.0]),
    'nextafter_i32_pyint': ('t', 'float32', [3], [1.0, 2.0, 3.0]),
    'nextafter_i8_u8': ('t', 'float32', [3], [1.0, 2.0, 3.0]),
    'nextafter_f16_i32': ('t', 'float16', [3], [1.5, 2.0, 3.0]),
    'nextafter_f32_f64': ('t', 'float64', [3], [1.5000000000000002, 1.9999999999999998, -2.9999999999999996]),
    'nextafter_bcast': ('t', 'float32', [2, 3], [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]),
    'nextafter_pyint_pyfloat': ('t', 'float32', [], 3.0),
    'nextafter_i64_pyint': ('t', 'float32', [2], [5.0, -7.0]),
    'nextafter_bool_bool': ('t', 'float32', [2], [1.0, 0.0]),
    'isclose_i32_pyfloat': ('t', 'bool', [3], [False, False, False]),
    'isclose_i32_pyint': ('t', 'bool', [3], [False, True, False]),
    'isclose_i8_u8': ('t', 'bool', [3], [False, True, False]),
    'isclose_f16_i32': ('t', 'bool', [3], [False, True, False]),
    'isclose_f32_f64': ('t', 'bool', [3], [False, False, False]),
    'isclose_bcast': ('t', 'bool', [2, 3], [[True, False, False], [False, False, False]]),
    'isclose_pyint_pyfloat': ('t', 'bool', [], False),
    'isclose_i64_pyint': ('t', 'bool', [2], [False, False]),
    'isclose_bool_bool': ('t', 'bool', [2], [True, False]),
    'allclose_i32_pyfloat': ('t', 'bool', [], False),
    'allclose_i32_pyint': ('t', 'bool', [], False),
    'allclose_i8_u8': ('t', 'bool', [], False),
    'allclose_f16_i32': ('t', 'bool', [], False),
    'allclose_f32_f64': ('t', 'bool', [], False),
    'allclose_bcast': ('t', 'bool', [], False),
    'allclose_pyint_pyfloat': ('t', 'bool', [], False),
    'allclose_i64_pyint': ('t', 'bool', [], False),
    'allclose_bool_bool': ('t', 'bool', [], False),
    'outer_i32_pyfloat': ('t', 'float32', [3, 1], [[1.5], [3.0], [4.5]]),
    'outer_i32_pyint': ('t', 'int32', [3, 1], [[2], [4], [6]]),
    'outer_i8_u8': ('t', 'int16', [3, 3], [[2, 2, 2], [4, 4, 4], [6, 6, 6]]),
    'outer_f16_i32': ('t', 'float16', [3, 3], [[3.0, 3.0, 3.0], [4.0, 4.0, 4.0], [6.0, 6.0, 6.0]]),
    'outer_f32_f64': ('t', 'float64', [3, 3], [[3.0, 0.75, 3.0], [4.0, 1.0, 4.0], [-6.0, -1.5, -6.0]]),
    'outer_bcast': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [2.0, -4.0, 6.0]]),
    'outer_pyint_pyfloat': ('t', 'float32', [1, 1], [[6.0]]),
    'outer_i64_pyint': ('t', 'int64', [2, 1], [[10], [-14]]),
    'outer_bool_bool': ('t', 'bool', [2, 2], [[True, True], [False, False]]),
    'append_i32_pyfloat': ('t', 'float32', [4], [1.0, 2.0, 3.0, 1.5]),
    'append_i32_pyint': ('t', 'int32', [4], [1, 2, 3, 2]),
    'append_i8_u8': ('t', 'int16', [6], [1, 2, 3, 2, 2, 2]),
    'append_f16_i32': ('t', 'float16', [6], [1.5, 2.0, 3.0, 2.0, 2.0, 2.0]),
    'append_f32_f64': ('t', 'float64', [6], [1.5, 2.0, -3.0, 2.0, 0.5, 2.0]),
    'append_bcast': ('t', 'float32', [5], [1.0, 2.0, 1.0, -2.0, 3.0]),
    'append_pyint_pyfloat': ('t', 'float32', [2], [3.0, 2.0]),
    'append_i64_pyint': ('t', 'int64', [3], [5, -7, 2]),
    'append_bool_bool': ('t', 'bool', [4], [True, False, True, True]),
    'kron_i32_pyfloat': ('t', 'float32', [3], [1.5, 3.0, 4.5]),
    'kron_i32_pyint': ('t', 'int32', [3], [2, 4, 6]),
    'kron_i8_u8': ('t', 'int16', [9], [2, 2, 2, 4, 4, 4, 6, 6, 6]),
    'kron_f16_i32': ('t', 'float16', [9], [3.0, 3.0, 3.0, 4.0, 4.0, 4.0, 6.0, 6.0, 6.0]),
    'kron_f32_f64': ('t', 'float64', [9], [3.0, 0.75, 3.0, 4.0, 1.0, 4.0, -6.0, -1.5, -6.0]),
    'kron_bcast': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [2.0, -4.0, 6.0]]),
    'kron_pyint_pyfloat': ('t', 'float32', [], 6.0),
    'kron_i64_pyint': ('t', 'int64', [2], [10, -14]),
    'gcd_ints': ('t', 'int32', [4], [6, 3, 5, 7]),
    'lcm_ints': ('t', 'int32', [3], [12, 0, 12]),
    'ldexp': ('t', 'float32', [3], [4.0, 6.0, -16.0]),
    'bitwise_and': ('t', 'int32', [2], [8, 3]),
    'bitwise_or': ('t', 'int32', [2], [14, 7]),
    'bitwise_xor': ('t', 'int32', [2], [6, 4]),
    'bitwise_xor_mixed': ('t', 'int16', [2], [6, 4]),
    'bitwise_invert': ('t', 'int32', [2], [-1, -6]),
    'bitwise_not_u8': ('t', 'uint8', [2], [255, 250]),
    'left_shift': ('t', 'int32', [4], [-7, 10, 1073741824, -2147483648]),
    'left_shift_wrap': ('t', 'int32', [4], [-2147483648, -2147483648, -2147483648, -2147483648]),
    'left_shift_clamp': ('t', 'int32', [4], [-2147483648, -2147483648, -2147483648, -2147483648]),
    'right_shift': ('t', 'int32', [4], [-4, 1, 1, -1]),
    'right_shift_clamp': ('t', 'int32', [4], [-1, 0, 0, -1]),
    'right_shift_neg': ('t', 'int32', [4], [-7, 5, 1, -1]),
    'right_shift_u8': ('t', 'uint8', [2], [25, 31]),
    'left_shift_u8': ('t', 'uint8', [2], [144, 6]),
    'left_shift_promote': ('t', 'int32', [1], [12]),
    'left_shift_np': ('t', 'int64', [1], [12]),
    'right_shift_i64': ('t', 'int64', [2], [-1, 0]),
    'where3': ('t', 'float32', [3], [1.0, 0.5, 3.0]),
    'where3_ints': ('t', 'int32', [2], [1, 2]),
    'where1': ('seq', [('t', 'int32', [2], [0, 1]), ('t', 'int32', [2], [1, 0])]),
    'isclose_nan': ('t', 'bool', [2], [True, True]),
    'allclose_inf': ('t', 'bool', [], True),
    'power_neg': ('t', 'float32', [2], [0.7071067690849304, 0.5]),
    'mod_neg': ('t', 'int32', [3], [1, -1, -2]),
    'floor_divide_f': ('t', 'float32', [2], [-4.0, 3.0]),
    'sum_all': ('t', 'float32', [], 5.0),
    'sum_ax0': ('t', 'float32', [3], [5.0, 3.0, -3.0]),
    'sum_axm1_int': ('t', 'int32', [2], [6, 15]),
    'sum_keep': ('t', 'float32', [2, 1], [[2.0], [3.0]]),
    'sum_tuple': ('t', 'float32', [2], [14.0, 22.0]),
    'sum_i8': ('t', 'int32', [], 10),
    'sum_u8': ('t', 'uint32', [2], [4, 6]),
    'sum_bool': ('t', 'int32', [], 3),
    'sum_f16': ('t', 'float16', [], 7.0),
    'sum_f64': ('t', 'float64', [], 7.0),
    'sum_nan': ('t', 'float32', [2], [nan, nan]),
    'prod_all': ('t', 'float32', [], 720.0),
    'prod_ax0': ('t', 'float32', [3], [4.0, -10.0, -18.0]),
    'prod_axm1_int': ('t', 'int32', [2], [6, 120]),
    'prod_keep': ('t', 'float32', [2, 1], [[-6.0], [-120.0]]),
    'prod_tuple': ('t', 'float32', [2], [60.0, 672.0]),
    'prod_i8': ('t', 'int32', [], 24),
    'prod_u8': ('t', 'uint32', [2], [3, 8]),
    'prod_bool': ('t', 'int32', [], 0),
    'prod_f16': ('t', 'float16', [], 8.0),
    'prod_f64': ('t', 'float64', [], 8.0),
    'prod_nan': ('t', 'float32', [2], [nan, nan]),
    'mean_all': ('t', 'float32', [], 0.8333333134651184),
    'mean_ax0': ('t', 'float32', [3], [2.5, 1.5, -1.5]),
    'mean_axm1_int': ('t', 'float32', [2], [2.0, 5.0]),
    'mean_keep': ('t', 'float32', [2, 1], [[0.6666666865348816], [1.0]]),
    'mean_tuple': ('t', 'float32', [2], [3.5, 5.5]),
    'mean_i8': ('t', 'float32', [], 2.5),
    'mean_u8': ('t', 'float32', [2], [2.0, 3.0]),
    'mean_bool': ('t', 'float32', [], 0.75),
    'mean_f16': ('t', 'float16', [], 2.333984375),
    'mean_f64': ('t', 'float64', [], 2.3333333333333335),
    'mean_nan': ('t', 'float32', [2], [nan, nan]),
    'max_all': ('t', 'float32', [], 5.0),
    'max_ax0': ('t', 'float32', [3], [4.0, 5.0, 3.0]),
    'max_axm1_int': ('t', 'int32', [2], [3, 6]),
    'max_keep': ('t', 'float32', [2, 1], [[3.0], [5.0]]),
    'max_tuple': ('t', 'float32', [2], [6.0, 8.0]),
    'max_i8': ('t', 'int8', [], 4),
    'max_u8': ('t', 'uint8', [2], [3, 4]),
    'max_bool': ('t', 'bool', [], True),
    'max_f16': ('t', 'float16', [], 4.0),
    'max_f64': ('t', 'float64', [], 4.0),
    'max_nan': ('t', 'float32', [2], [nan, nan]),
    'min_all': ('t', 'float32', [], -6.0),
    'min_ax0': ('t', 'float32', [3], [1.0, -2.0, -6.0]),
    'min_axm1_int': ('t', 'int32', [2], [1, 4]),
    'min_keep': ('t', 'float32', [2, 1], [[-2.0], [-6.0]]),
    'min_tuple': ('t', 'float32', [2], [1.0, 3.0]),
    'min_i8': ('t', 'int8', [], 1),
    'min_u8': ('t', 'uint8', [2], [1, 2]),
    'min_bool': ('t', 'bool', [], False),
    'min_f16': ('t', 'float16', [], 1.0),
    'min_f64': ('t', 'float64', [], 1.0),
    'min_nan': ('t', 'float32', [2], [nan, nan]),
    'amax_all': ('t', 'float32', [], 5.0),
    'amax_ax0': ('t', 'float32', [3], [4.0, 5.0, 3.0]),
    'amax_axm1_int': ('t', 'int32', [2], [3, 6]),
    'amax_keep': ('t', 'float32', [2, 1], [[3.0], [5.0]]),
    'amax_tuple': ('t', 'float32', [2], [6.0, 8.0]),
    'amax_i8': ('t', 'int8', [], 4),
    'amax_u8': ('t', 'uint8', [2], [3, 4]),
    'amax_bool': ('t', 'bool', [], True),
    'amax_f16': ('t', 'float16', [], 4.0),
    'amax_f64': ('t', 'float64', [], 4.0),
    'amax_nan': ('t', 'float32', [2], [nan, nan]),
    'amin_all': ('t', 'float32', [], -6.0),
    'amin_ax0': ('t', 'float32', [3], [1.0, -2.0, -6.0]),
    'amin_axm1_int': ('t', 'int32', [2], [1, 4]),
    'amin_keep': ('t', 'float32', [2, 1], [[-2.0], [-6.0]]),
    'amin_tuple': ('t', 'float32', [2], [1.0, 3.0]),
    'amin_i8': ('t', 'int8', [], 1),
    'amin_u8': ('t', 'uint8', [2], [1, 2]),
    'amin_bool': ('t', 'bool', [], False),
    'amin_f16': ('t', 'float16', [], 1.0),
    'amin_f64': ('t', 'float64', [], 1.0),
    'amin_nan': ('t', 'float32', [2], [nan, nan]),
    'std_all': ('t', 'float32', [], 3.8042373657226562),
    'std_ax0': ('t', 'float32', [3], [1.5, 3.5, 4.5]),
    'std_axm1_int': ('t', 'float32', [2], [0.8164966106414795, 0.8164966106414795]),
    'std_keep': ('t', 'float32', [2, 1], [[2.054804801940918], [4.966554641723633]]),
    'std_tuple': ('t', 'float32', [2], [2.0615527629852295, 2.0615527629852295]),
    'std_i8': ('t', 'float32', [], 1.1180340051651),
    'std_u8': ('t', 'float32', [2], [1.0, 1.0]),
    'std_bool': ('t', 'float32', [], 0.4330126941204071),
    'std_f16': ('t', 'float16', [], 1.2470703125),
    'std_f64': ('t', 'float64', [], 1.247219128924647),
    'std_nan': ('t', 'float32', [2], [nan, nan]),
    'var_all': ('t', 'float32', [], 14.472222328186035),
    'var_ax0': ('t', 'float32', [3], [2.25, 12.25, 20.25]),
    'var_axm1_int': ('t', 'float32', [2], [0.6666666865348816, 0.6666666865348816]),
    'var_keep': ('t', 'float32', [2, 1], [[4.222222328186035], [24.66666603088379]]),
    'var_tuple': ('t', 'float32', [2], [4.25, 4.25]),
    'var_i8': ('t', 'float32', [], 1.25),
    'var_u8': ('t', 'float32', [2], [1.0, 1.0]),
    'var_bool': ('t', 'float32', [], 0.1875),
    'var_f16': ('t', 'float16', [], 1.5556640625),
    'var_f64': ('t', 'float64', [], 1.5555555555555554),
    'var_nan': ('t', 'float32', [2], [nan, nan]),
    'ptp_all': ('t', 'float32', [], 11.0),
    'ptp_ax0': ('t', 'float32', [3], [3.0, 7.0, 9.0]),
    'ptp_axm1_int': ('t', 'int32', [2], [2, 2]),
    'ptp_keep': ('t', 'float32', [2, 1], [[5.0], [11.0]]),
    'ptp_tuple': ('t', 'float32', [2], [5.0, 5.0]),
    'ptp_i8': ('t', 'int8', [], 3),
    'ptp_u8': ('t', 'uint8', [2], [2, 2]),
    'ptp_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: float, double, "),
    'ptp_f16': ('t', 'float16', [], 3.0),
    'ptp_f64': ('t', 'float64', [], 3.0),
    'ptp_nan': ('t', 'float32', [2], [nan, nan]),
    'all_all': ('t', 'bool', [], True),
    'all_ax0': ('t', 'bool', [3], [True, True, True]),
    'all_axm1_int': ('t', 'bool', [2], [True, True]),
    'all_keep': ('t', 'bool', [2, 1], [[True], [True]]),
    'all_tuple': ('t', 'bool', [2], [True, True]),
    'all_i8': ('t', 'bool', [], True),
    'all_u8': ('t', 'bool', [2], [True, True]),
    'all_bool': ('t', 'bool', [], False),
    'all_f16': ('t', 'bool', [], True),
    'all_f64': ('t', 'bool', [], True),
    'all_nan': ('t', 'bool', [2], [True, True]),
    'any_all': ('t', 'bool', [], True),
    'any_ax0': ('t', 'bool', [3], [True, True, True]),
    'any_axm1_int': ('t', 'bool', [2], [True, True]),
    'any_keep': ('t', 'bool', [2, 1], [[True], [True]]),
    'any_tuple': ('t', 'bool', [2], [True, True]),
    'any_i8': ('t', 'bool', [], True),
    'any_u8': ('t', 'bool', [2], [True, True]),
    'any_bool': ('t', 'bool', [], True),
    'any_f16': ('t', 'bool', [], True),
    'any_f64': ('t', 'bool', [], True),
    'any_nan': ('t', 'bool', [2], [True, True]),
    'argmax_all': ('t', 'int32', [], 4),
    'argmax_ax0': ('t', 'int32', [3], [1, 1, 0]),
    'argmax_axm1_int': ('t', 'int32', [2], [2, 2]),
    'argmax_keep': ('t', 'int32', [2, 1], [[2], [1]]),
    'argmax_i8': ('t', 'int32', [], 3),
    'argmax_u8': ('t', 'int32', [2], [1, 1]),
    'argmax_bool': ('t', 'int32', [], 0),
    'argmax_f16': ('t', 'int32', [], 2),
    'argmax_f64': ('t', 'int32', [], 2),
    'argmax_nan': ('t', 'int32', [2], [2, 0]),
    'argmin_all': ('t', 'int32', [], 5),
    'argmin_ax0': ('t', 'int32', [3], [0, 0, 1]),
    'argmin_axm1_int': ('t', 'int32', [2], [0, 0]),
    'argmin_keep': ('t', 'int32', [2, 1], [[1], [2]]),
    'argmin_i8': ('t', 'int32', [], 0),
    'argmin_u8': ('t', 'int32', [2], [0, 0]),
    'argmin_bool': ('t', 'int32', [], 1),
    'argmin_f16': ('t', 'int32', [], 0),
    'argmin_f64': ('t', 'int32', [], 0),
    'argmin_nan': ('t', 'int32', [2], [0, 0]),
    'count_nonzero_all': ('t', 'int32', [], 6),
    'count_nonzero_ax0': ('t', 'int32', [3], [2, 2, 2]),
    'count_nonzero_axm1_int': ('t', 'int32', [2], [3, 3]),
    'count_nonzero_tuple': ('t', 'int32', [2], [4, 4]),
    'count_nonzero_i8': ('t', 'int32', [], 4),
    'count_nonzero_u8': ('t', 'int32', [2], [2, 2]),
    'count_nonzero_bool': ('t', 'int32', [], 3),
    'count_nonzero_f16': ('t', 'int32', [], 3),
    'count_nonzero_f64': ('t', 'int32', [], 3),
    'count_nonzero_nan': ('t', 'int32', [2], [3, 3]),
    'median_all': ('t', 'float32', [], 2.0),
    'median_ax0': ('t', 'float32', [3], [2.5, 1.5, -1.5]),
    'median_axm1_int': ('t', 'float32', [2], [2.0, 5.0]),
    'median_keep': ('t', 'float32', [2, 1], [[1.0], [4.0]]),
    'median_i8': ('t', 'float32', [], 2.5),
    'median_u8': ('t', 'float32', [2], [2.0, 3.0]),
    'median_bool': ('t', 'float32', [], 1.0),
    'median_f16': ('t', 'float16', [], 2.0),
    'median_f64': ('t', 'float64', [], 2.0),
    'median_nan': ('t', 'float32', [2], [nan, nan]),
    'logsumexp_all': ('t', 'float32', [], 5.4203267097473145),
    'logsumexp_ax0': ('t', 'float32', [3], [4.048587322235107, 5.000911235809326, 3.0001232624053955]),
    'logsumexp_axm1_int': ('err', 'InvalidArgumentError', "Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half"),
    'logsumexp_keep': ('t', 'float32', [2, 1], [[3.132845163345337], [5.313273906707764]]),
    'logsumexp_tuple': ('t', 'float32', [2], [6.331411361694336, 8.331411361694336]),
    'logsumexp_i8': ('err', 'InvalidArgumentError', "Value for attr 'T' of int8 is not in the list of allowed values: bfloat16, half,"),
    'logsumexp_u8': ('err', 'InvalidArgumentError', "Value for attr 'T' of uint8 is not in the list of allowed values: bfloat16, half"),
    'logsumexp_bool': ('err', 'InvalidArgumentError', "Value for attr 'T' of bool is not in the list of allowed values: float, double, "),
    'logsumexp_f16': ('t', 'float16', [], 4.171875),
    'logsumexp_f64': ('t', 'float64', [], 4.169846019556286),
    'logsumexp_nan': ('t', 'float32', [2], [nan, nan]),
    'nansum_all': ('t', 'float32', [], 5.0),
    'nansum_ax0': ('t', 'float32', [3], [5.0, 3.0, -3.0]),
    'nansum_axm1_int': ('t', 'int32', [2], [6, 15]),
    'nansum_keep': ('t', 'float32', [2, 1], [[2.0], [3.0]]),
    'nansum_tuple': ('t', 'float32', [2], [14.0, 22.0]),
    'nansum_i8': ('t', 'int32', [], 10),
    'nansum_u8': ('t', 'uint32', [2], [4, 6]),
    'nansum_bool': ('t', 'int32', [], 3),
    'nansum_f16': ('t', 'float16', [], 7.0),
    'nansum_f64': ('t', 'float64', [], 7.0),
    'nansum_nan': ('t', 'float32', [2], [4.0, 0.0]),
    'nanmean_all': ('t', 'float32', [], 0.8333333134651184),
    'nanmean_ax0': ('t', 'float32', [3], [2.5, 1.5, -1.5]),
    'nanmean_axm1_int': ('t', 'float32', [2], [2.0, 5.0]),
    'nanmean_keep': ('t', 'float32', [2, 1], [[0.6666666865348816], [1.0]]),
    'nanmean_tuple': ('t', 'float32', [2], [3.5, 5.5]),
    'nanmean_i8': ('t', 'float32', [], 2.5),
    'nanmean_u8': ('t', 'float32', [2], [2.0, 3.0]),
    'nanmean_bool': ('t', 'float32', [], 0.75),
    'nanmean_f16': ('t', 'float16', [], 2.333984375),
    'nanmean_f64': ('t', 'float64', [], 2.3333333333333335),
    'nanmean_nan': ('t', 'float32', [2], [2.0, nan]),
    'nanmax_all': ('t', 'float32', [], 5.0),
    'nanmax_ax0': ('t', 'float32', [3], [4.0, 5.0, 3.0]),
    'nanmax_axm1_int': ('t', 'int32', [2], [3, 6]),
    'nanmax_keep': ('t', 'float32', [2, 1], [[3.0], [5.0]]),
    'nanmax_tuple': ('t', 'float32', [2], [6.0, 8.0]),
    'nanmax_i8': ('t', 'int8', [], 4),
    'nanmax_u8': ('t', 'uint8', [2], [3, 4]),
    'nanmax_bool': ('t', 'bool', [], True),
    'nanmax_f16': ('t', 'float16', [], 4.0),
    'nanmax_f64': ('t', 'float64', [], 4.0),
    'nanmax_nan': ('t', 'float32', [2], [3.0, nan]),
    'nanmin_all': ('t', 'float32', [], -6.0),
    'nanmin_ax0': ('t', 'float32', [3], [1.0, -2.0, -6.0]),
    'nanmin_axm1_int': ('t', 'int32', [2], [1, 4]),
    'nanmin_keep': ('t', 'float32', [2, 1], [[-2.0], [-6.0]]),
    'nanmin_tuple': ('t', 'float32', [2], [1.0, 3.0]),
    'nanmin_i8': ('t', 'int8', [], 1),
    'nanmin_u8': ('t', 'uint8', [2], [1, 2]),
    'nanmin_bool': ('t', 'bool', [], False),
    'nanmin_f16': ('t', 'float16', [], 1.0),
    'nanmin_f64': ('t', 'float64', [], 1.0),
    'nanmin_nan': ('t', 'float32', [2], [1.0, nan]),
    'nanstd_all': ('t', 'float32', [], 3.8042373657226562),
    'nanstd_ax0': ('t', 'float32', [3], [1.5, 3.5, 4.5]),
    'nanstd_axm1_int': ('t', 'float32', [2], [0.8164966106414795, 0.8164966106414795]),
    'nanstd_keep': ('t', 'float32', [2, 1], [[2.054804801940918], [4.966554641723633]]),
    'nanstd_tuple': ('t', 'float32', [2], [2.0615527629852295, 2.0615527629852295]),
    'nanstd_i8': ('t', 'float32', [], 1.1180340051651),
    'nanstd_u8': ('t', 'float32', [2], [1.0, 1.0]),
    'nanstd_bool': ('t', 'float32', [], 0.4330126941204071),
    'nanstd_f16': ('t', 'float16', [], 1.2470703125),
    'nanstd_f64': ('t', 'float64', [], 1.247219128924647),
    'nanstd_nan': ('t', 'float32', [2], [1.0, nan]),
    'nanvar_all': ('t', 'float32', [], 14.472222328186035),
    'nanvar_ax0': ('t', 'float32', [3], [2.25, 12.25, 20.25]),
    'nanvar_axm1_int': ('t', 'float32', [2], [0.6666666865348816, 0.6666666865348816]),
    'nanvar_keep': ('t', 'float32', [2, 1], [[4.222222328186035], [24.66666603088379]]),
    'nanvar_tuple': ('t', 'float32', [2], [4.25, 4.25]),
    'nanvar_i8': ('t', 'float32', [], 1.25),
    'nanvar_u8': ('t', 'float32', [2], [1.0, 1.0]),
    'nanvar_bool': ('t', 'float32', [], 0.1875),
    'nanvar_f16': ('t', 'float16', [], 1.5546875),
    'nanvar_f64': ('t', 'float64', [], 1.5555555555555554),
    'nanvar_nan': ('t', 'float32', [2], [1.0, nan]),
    'nanprod_all': ('t', 'float32', [], 720.0),
    'nanprod_ax0': ('t', 'float32', [3], [4.0, -10.0, -18.0]),
    'nanprod_axm1_int': ('t', 'int32', [2], [6, 120]),
    'nanprod_keep': ('t', 'float32', [2, 1], [[-6.0], [-120.0]]),
    'nanprod_tuple': ('t', 'float32', [2], [60.0, 672.0]),
    'nanprod_i8': ('t', 'int32', [], 24),
    'nanprod_u8': ('t', 'uint32', [2], [3, 8]),
    'nanprod_bool': ('t', 'int32', [], 0),
    'nanprod_f16': ('t', 'float16', [], 8.0),
    'nanprod_f64': ('t', 'float64', [], 8.0),
    'nanprod_nan': ('t', 'float32', [2], [3.0, 1.0]),
    'nanargmax_all': ('t', 'int32', [], 4),
    'nanargmax_ax0': ('t', 'int32', [3], [1, 1, 0]),
    'nanargmax_axm1_int': ('t', 'int32', [2], [2, 2]),
    'nanargmax_keep': ('t', 'int32', [2, 1], [[2], [1]]),
    'nanargmax_i8': ('t', 'int32', [], 3),
    'nanargmax_u8': ('t', 'int32', [2], [1, 1]),
    'nanargmax_bool': ('t', 'int32', [], 0),
    'nanargmax_f16': ('t', 'int32', [], 2),
    'nanargmax_f64': ('t', 'int32', [], 2),
    'nanargmax_nan': ('t', 'int32', [2], [2, -1]),
    'nanargmin_all': ('t', 'int32', [], 5),
    'nanargmin_ax0': ('t', 'int32', [3], [0, 0, 1]),
    'nanargmin_axm1_int': ('t', 'int32', [2], [0, 0]),
    'nanargmin_keep': ('t', 'int32', [2, 1], [[1], [2]]),
    'nanargmin_i8': ('t', 'int32', [], 0),
    'nanargmin_u8': ('t', 'int32', [2], [0, 0]),
    'nanargmin_bool': ('t', 'int32', [], 1),
    'nanargmin_f16': ('t', 'int32', [], 0),
    'nanargmin_f64': ('t', 'int32', [], 0),
    'nanargmin_nan': ('t', 'int32', [2], [0, -1]),
    'nanmedian_all': ('t', 'float32', [], 2.0),
    'nanmedian_ax0': ('t', 'float32', [3], [2.5, 1.5, -1.5]),
    'nanmedian_keep': ('t', 'float32', [2, 1], [[1.0], [4.0]]),
    'cumsum_all': ('t', 'float32', [6], [1.0, -1.0, 2.0, 6.0, 11.0, 5.0]),
    'cumsum_ax0': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [5.0, 3.0, -3.0]]),
    'cumsum_axm1_int': ('t', 'int32', [2, 3], [[1, 3, 6], [4, 9, 15]]),
    'cumsum_i8': ('t', 'int8', [4], [1, 3, 6, 10]),
    'cumsum_u8': ('t', 'uint8', [2, 2], [[1, 2], [4, 6]]),
    'cumsum_bool': ('t', 'int32', [4], [1, 1, 2, 3]),
    'cumsum_f16': ('t', 'float16', [3], [1.0, 3.0, 7.0]),
    'cumsum_f64': ('t', 'float64', [3], [1.0, 3.0, 7.0]),
    'cumsum_nan': ('t', 'float32', [2, 3], [[1.0, nan, nan], [nan, nan, nan]]),
    'cumprod_all': ('t', 'float32', [6], [1.0, -2.0, -6.0, -24.0, -120.0, 720.0]),
    'cumprod_ax0': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [4.0, -10.0, -18.0]]),
    'cumprod_axm1_int': ('t', 'int32', [2, 3], [[1, 2, 6], [4, 20, 120]]),
    'cumprod_i8': ('t', 'int8', [4], [1, 2, 6, 24]),
    'cumprod_u8': ('t', 'uint8', [2, 2], [[1, 2], [3, 8]]),
    'cumprod_bool': ('t', 'int32', [4], [1, 0, 0, 0]),
    'cumprod_f16': ('t', 'float16', [3], [1.0, 2.0, 8.0]),
    'cumprod_f64': ('t', 'float64', [3], [1.0, 2.0, 8.0]),
    'cumprod_nan': ('t', 'float32', [2, 3], [[1.0, nan, nan], [nan, nan, nan]]),
    'nancumsum_all': ('t', 'float32', [6], [1.0, -1.0, 2.0, 6.0, 11.0, 5.0]),
    'nancumsum_ax0': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [5.0, 3.0, -3.0]]),
    'nancumsum_axm1_int': ('t', 'int32', [2, 3], [[1, 3, 6], [4, 9, 15]]),
    'nancumsum_i8': ('t', 'int8', [4], [1, 3, 6, 10]),
    'nancumsum_u8': ('t', 'uint8', [2, 2], [[1, 2], [4, 6]]),
    'nancumsum_bool': ('t', 'int32', [4], [1, 1, 2, 3]),
    'nancumsum_f16': ('t', 'float16', [3], [1.0, 3.0, 7.0]),
    'nancumsum_f64': ('t', 'float64', [3], [1.0, 3.0, 7.0]),
    'nancumsum_nan': ('t', 'float32', [2, 3], [[1.0, 1.0, 4.0], [0.0, 0.0, 0.0]]),
    'nancumprod_all': ('t', 'float32', [6], [1.0, -2.0, -6.0, -24.0, -120.0, 720.0]),
    'nancumprod_ax0': ('t', 'float32', [2, 3], [[1.0, -2.0, 3.0], [4.0, -10.0, -18.0]]),
    'nancumprod_axm1_int': ('t', 'int32', [2, 3], [[1, 2, 6], [4, 20, 120]]),
    'nancumprod_i8': ('t', 'int8', [4], [1, 2, 6, 24]),
    'nancumprod_u8': ('t', 'uint8', [2, 2], [[1, 2], [3, 8]]),
    'nancumprod_bool': ('t', 'int32', [4], [1, 0, 0, 0]),
    'nancumprod_f16': ('t', 'float16', [3], [1.0, 2.0, 8.0]),
    'nancumprod_f64': ('t', 'float64', [3], [1.0, 2.0, 8.0]),
    'nancumprod_nan': ('t', 'float32', [2, 3], [[1.0, 1.0, 3.0], [1.0, 1.0, 1.0]]),
    'sort_all': ('t', 'float32', [2, 3], [[-2.0, 1.0, 3.0], [-6.0, 4.0, 5.0]]),
    'sort_ax0': ('t', 'float32', [2, 3], [[1.0, -2.0, -6.0], [4.0, 5.0, 3.0]]),
    'sort_axm1_int': ('t', 'int32', [2, 3], [[1, 2, 3], [4, 5, 6]]),
    'sort_i8': ('t', 'int8', [2, 2], [[1, 2], [3, 4]]),
    'sort_u8': ('t', 'uint8', [2, 2], [[1, 2], [3, 4]]),
    'sort_bool': ('t', 'bool', [2, 2], [[False, True], [True, True]]),
    'sort_f16': ('t', 'float16', [3], [1.0, 2.0, 4.0]),
    'sort_f64': ('t', 'float64', [3], [1.0, 2.0, 4.0]),
    'argsort_all': ('t', 'int32', [2, 3], [[1, 0, 2], [2, 0, 1]]),
    'argsort_ax0': ('t', 'int32', [2, 3], [[0, 0, 1], [1, 1, 0]]),
    'argsort_axm1_int': ('t', 'int32', [2, 3], [[0, 1, 2], [0, 1, 2]]),
    'argsort_i8': ('t', 'int32', [2, 2], [[0, 1], [0, 1]]),
    'argsort_u8': ('t', 'int32', [2, 2], [[0, 0], [1, 1]]),
    'argsort_bool': ('t', 'int32', [2, 2], [[1, 0], [0, 1]]),
    'argsort_f16': ('t', 'int32', [3], [0, 1, 2]),
    'argsort_f64': ('t', 'int32', [3], [0, 1, 2]),
    'max_initial': ('t', 'float32', [], 5.0),
    'min_initial': ('t', 'int32', [], 0),
    'max_empty': ('err', 'InvalidArgumentError', 'Cannot compute the max of an empty tensor.\nCondition x > y did not hold.\nFirst 1'),
    'argmax_negzero': ('t', 'int32', [], 1),
    'argmin_negzero': ('t', 'int32', [], 1),
    'argmax_keep_none': ('t', 'int32', [1, 1], [[4]]),
    'cumsum_dtype': ('t', 'float32', [3], [1.0, 3.0, 6.0]),
    'prod_dtype': ('t', 'int32', [], 6),
    'sort_none': ('t', 'int64', [4], [0, 1, 2, 3]),
    'argsort_none': ('t', 'int32', [4], [3, 1, 2, 0]),
    'argsort_ties': ('t', 'int32', [5], [4, 1, 3, 0, 2]),
    'argsort_scalar': ('t', 'int32', [1], [0]),
    'average': ('t', 'float32', [2], [1.0, -0.6666666865348816]),
    'average_full': ('t', 'float32', [], 1.399999976158142),
    'average_none': ('t', 'float32', [], 3.5),
    'average_ax0': ('t', 'float64', [3], [2.5, 1.5, -1.5]),
    'quantile': ('t', 'float32', [3, 2], [[-0.5, -1.0], [1.0, 4.0], [2.5999999046325684, 4.800000190734863]]),
    'quantile_methods_lower': ('t', 'float32', [], 2.0),
    'quantile_methods_higher': ('t', 'float32', [], 3.0),
    'quantile_methods_nearest': ('t', 'float32', [], 2.0),
    'quantile_methods_midpoint': ('t', 'float32', [], 2.5),
    'quantile_keep': ('t', 'float32', [2, 1, 3], [[[2.5, 1.5, -1.5]], [[3.25, 3.25, 0.75]]]),
    'quantile_int': ('t', 'float32', [], 3.5),
    'quantile_nan': ('t', 'float32', [2], [nan, 1.5]),
    'percentile': ('t', 'float32', [2], [1.0, 4.0]),
    'percentile_list': ('t', 'float32', [2], [1.399999976158142, 4.599999904632568]),
    'nanquantile': ('t', 'float32', [2], [2.0, nan]),
    'nanpercentile': ('t', 'float32', [2], [2.0, 3.5]),
    'median_axes': ('t', 'float32', [2], [2.5, 6.5]),
    'trace': ('t', 'int64', [], 6),
    'trace_off': ('t', 'float32', [], 8.0),
    'trace_3d': ('t', 'int32', [2], [4, 16]),
    'matmul_22': ('t', 'float32', [2, 1], [[-1.0], [-1.0]]),
    'matmul_int': ('t', 'int32', [2, 1], [[-1], [-1]]),
    'matmul_int8': ('t', 'int32', [2, 1], [[-1], [-1]]),
    'matmul_mixed': ('t', 'float32', [1, 1], [[3.5]]),
    'matmul_vec': ('t', 'float32', [2], [7.0, 10.0]),
    'matmul_matvec': ('t', 'float32', [2], [5.0, 11.0]),
    'matmul_batch': ('t', 'float32', [2, 2, 2], [[[10.0, 13.0], [28.0, 40.0]], [[46.0, 67.0], [64.0, 94.0]]]),
    'matmul_bcast': ('t', 'float32', [1, 2, 2, 2], [[[[10.0, 13.0], [28.0, 40.0]], [[172.0, 193.0], [244.0, 274.0]]]]),
    'dot_vv': ('t', 'int32', [], 32),
    'dot_mm': ('t', 'float32', [1, 1], [[11.0]]),
    'dot_scalar': ('t', 'float32', [2], [6.0, 8.0]),
    'dot_3d': ('t', 'float32', [2, 2, 2], [[[10.0, 13.0], [28.0, 40.0]], [[46.0, 67.0], [64.0, 94.0]]]),
    'vdot': ('t', 'float32', [], 5.0),
    'inner': ('t', 'float32', [2, 2], [[1.0, 2.0], [3.0, 4.0]]),
    'inner_int': ('t', 'int32', [], 11),
    'tensordot_2': ('t', 'float32', [], 55.0),
    'tensordot_axes': ('t', 'float32', [2, 4], [[20.0, 23.0, 26.0, 29.0], [56.0, 68.0, 80.0, 92.0]]),
    'tensordot_int8': ('t', 'int8', [1, 1], [[5]]),
    'einsum_mm': ('t', 'float32', [1, 1], [[11.0]]),
    'einsum_trace': ('t', 'float32', [], 5.0),
    'einsum_int': ('t', 'int32', [], 11),
    'einsum_int8': ('t', 'int32', [1, 1], [[11]]),
    'einsum_attn': ('t', 'float32', [1, 3, 2, 2], [[[[1.4000000953674316, 8.600000381469727], [8.600000381469727, 73.39999389648438]], [[12.59999942779541, 39.0], [39.0, 123.0]], [[36.599998474121094, 82.19999694824219], [82.19999694824219, 185.39999389648438]]]]),
    'cross3': ('t', 'float32', [2, 3], [[0.0, 0.0, 1.0], [-2.0, 0.0, 0.0]]),
    'cross2': ('t', 'float32', [], -2.0),
    'cross23': ('t', 'float32', [3], [10.0, -5.0, -2.0]),
    'cross_axis': ('t', 'float32', [3, 2], [[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]),
    'arange_int': ('t', 'int32', [5], [0, 1, 2, 3, 4]),
    'arange_3': ('t', 'int32', [3], [1, 3, 5]),
    'arange_float': ('t', 'float32', [4], [0.0, 0.25, 0.5, 0.75]),
    'arange_dtype': ('t', 'float16', [3], [0.0, 1.0, 2.0]),
    'arange_neg': ('t', 'int32', [3], [5, 3, 1]),
    'linspace': ('t', 'float32', [5], [0.0, 0.25, 0.5, 0.75, 1.0]),
    'linspace_noend': ('t', 'float32', [4], [0.0, 0.25, 0.5, 0.75]),
    'linspace_step': ('seq', [('t', 'float32', [5], [0.0, 0.25, 0.5, 0.75, 1.0]), ('t', 'float32', [], 0.25)]),
    'linspace_int': ('t', 'int32', [4], [0, 3, 6, 10]),
    'linspace_vec': ('t', 'float32', [2, 3], [[0.0, 0.5, 1.0], [1.0, 2.0, 3.0]]),
    'logspace': ('t', 'float32', [3], [1.0, 10.0, 100.0]),
    'logspace_base': ('t', 'float32', [4], [1.0, 1.6817928552627563, 2.8284270763397217, 4.756828308105469]),
    'geomspace': ('t', 'float32', [4], [1.0, 10.0, 100.0, 1000.0]),
    'geomspace_neg': ('t', 'float32', [3], [-1.0, -10.0, -100.0]),
    'eye': ('t', 'float32', [3, 3], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
    'eye_k': ('t', 'float32', [2, 3], [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
    'eye_kneg': ('t', 'int32', [3, 2], [[0, 0], [1, 0], [0, 1]]),
    'identity': ('t', 'int8', [2, 2], [[1, 0], [0, 1]]),
    'tri': ('t', 'float32', [3, 3], [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]),
    'tri_k': ('t', 'float32', [2, 4], [[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]]),
    'tri_kneg': ('t', 'int32', [3, 3], [[0, 0, 0], [1, 0, 0], [1, 1, 0]]),
    'tril': ('t', 'int64', [3, 3], [[1, 0, 0], [4, 5, 0], [7, 8, 9]]),
    'tril_k': ('t', 'int64', [3, 3], [[0, 0, 0], [4, 0, 0], [7, 8, 0]]),
    'triu': ('t', 'int64', [3, 3], [[1, 2, 3], [0, 5, 6], [0, 0, 9]]),
    'triu_k': ('t', 'float32', [3, 4], [[0.0, 2.0, 3.0, 4.0], [0.0, 0.0, 7.0, 8.0], [0.0, 0.0, 0.0, 12.0]]),
    'tril_batch': ('t', 'float32', [2, 2, 2], [[[0.0, 0.0], [2.0, 3.0]], [[4.0, 0.0], [6.0, 7.0]]]),
    'zeros': ('t', 'float32', [2, 3], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),
    'zeros_int': ('t', 'int32', [2], [0, 0]),
    'ones': ('t', 'bool', [2], [True, True]),
    'full': ('t', 'float32', [2, 2], [[7.0, 7.0], [7.0, 7.0]]),
    'full_dtype': ('t', 'int32', [2], [1, 1]),
    'full_like': ('t', 'int32', [2], [3, 3]),
    'full_like_dtype': ('t', 'float16', [2], [3.69921875, 3.69921875]),
    'zeros_like': ('t', 'float32', [2], [0.0, 0.0]),
    'ones_like': ('t', 'float32', [2], [1.0, 1.0]),
    'empty': ('t', 'float32', [2], [0.0, 0.0]),
    'empty_like': ('t', 'int32', [2], [0, 0]),
    'array': ('t', 'int32', [3], [1, 2, 3]),
    'array_dtype': ('t', 'int32', [2], [1, 2]),
    'array_f64': ('t', 'float64', [1], [1.0]),
    'diag_v': ('t', 'int64', [2, 2], [[1, 0], [0, 2]]),
    'diag_vk': ('t', 'float32', [3, 3], [[0.0, 1.0, 0.0], [0.0, 0.0, 2.0], [0.0, 0.0, 0.0]]),
    'diag_vkneg': ('t', 'float32', [4, 4], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0]]),
    'diag_m': ('t', 'int64', [3], [0, 4, 8]),
    'diag_mk': ('t', 'int64', [2], [3, 7]),
    'diagflat': ('t', 'int64', [4, 4], [[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 4]]),
    'diagonal': ('t', 'int64', [2, 2], [[0, 6], [1, 7]]),
    'diagonal_off': ('t', 'float32', [3], [1.0, 6.0, 11.0]),
    'diagonal_axes': ('t', 'float32', [2, 2], [[4.0, 9.0], [16.0, 21.0]]),
    'meshgrid': ('seq', [('t', 'int64', [2, 3], [[1, 2, 3], [1, 2, 3]]), ('t', 'int64', [2, 3], [[4, 4, 4], [5, 5, 5]])]),
    'meshgrid_ij': ('seq', [('t', 'int64', [3, 2], [[1, 1], [2, 2], [3, 3]]), ('t', 'int64', [3, 2], [[4, 5], [4, 5], [4, 5]])]),
    'vander': ('t', 'int32', [3, 3], [[1, 1, 1], [4, 2, 1], [9, 3, 1]]),
    'vander_n': ('t', 'float32', [3, 2], [[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]),
    'hamming': ('t', 'float32', [5], [0.08000001311302185, 0.5400000214576721, 1.0, 0.5400000214576721, 0.08000001311302185]),
    'hanning': ('t', 'float32', [5], [0.0, 0.5, 1.0, 0.5, 0.0]),
    'kaiser': ('t', 'float32', [5], [0.43867626786231995, 0.834761381149292, 1.0, 0.834761381149292, 0.43867626786231995]),
    'bartlett': ('t', 'float32', [5], [0.0, 0.5, 1.0, 0.5, 0.0]),
    'blackman': ('t', 'float32', [5], [-1.4901161193847656e-08, 0.3400000333786011, 0.9999999403953552, 0.3399999737739563, -1.4901161193847656e-08]),
    'blackman_1': ('t', 'float32', [1], [1.0]),
    'reshape': ('t', 'float32', [4, 6], [[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0, 16.0, 17.0], [18.0, 19.0, 20.0, 21.0, 22.0, 23.0]]),
    'reshape_int': ('t', 'int64', [4], [1, 2, 3, 4]),
    'ravel': ('t', 'int64', [4], [1, 2, 3, 4]),
    'transpose': ('t', 'float32', [4, 3, 2], [[[0.0, 12.0], [4.0, 16.0], [8.0, 20.0]], [[1.0, 13.0], [5.0, 17.0], [9.0, 21.0]], [[2.0, 14.0], [6.0, 18.0], [10.0, 22.0]], [[3.0, 15.0], [7.0, 19.0], [11.0, 23.0]]]),
    'transpose_axes': ('t', 'float32', [3, 2, 4], [[[0.0, 1.0, 2.0, 3.0], [12.0, 13.0, 14.0, 15.0]], [[4.0, 5.0, 6.0, 7.0], [16.0, 17.0, 18.0, 19.0]], [[8.0, 9.0, 10.0, 11.0], [20.0, 21.0, 22.0, 23.0]]]),
    'transpose_neg': ('t', 'float32', [4, 2, 3], [[[0.0, 4.0, 8.0], [12.0, 16.0, 20.0]], [[1.0, 5.0, 9.0], [13.0, 17.0, 21.0]], [[2.0, 6.0, 10.0], [14.0, 18.0, 22.0]], [[3.0, 7.0, 11.0], [15.0, 19.0, 23.0]]]),
    'swapaxes': ('t', 'float32', [4, 3, 2], [[[0.0, 12.0], [4.0, 16.0], [8.0, 20.0]], [[1.0, 13.0], [5.0, 17.0], [9.0, 21.0]], [[2.0, 14.0], [6.0, 18.0], [10.0, 22.0]], [[3.0, 15.0], [7.0, 19.0], [11.0, 23.0]]]),
    'moveaxis': ('t', 'float32', [3, 4, 2], [[[0.0, 12.0], [1.0, 13.0], [2.0, 14.0], [3.0, 15.0]], [[4.0, 16.0], [5.0, 17.0], [6.0, 18.0], [7.0, 19.0]], [[8.0, 20.0], [9.0, 21.0], [10.0, 22.0], [11.0, 23.0]]]),
    'moveaxis_multi': ('t', 'float32', [3, 4, 2], [[[0.0, 12.0], [1.0, 13.0], [2.0, 14.0], [3.0, 15.0]], [[4.0, 16.0], [5.0, 17.0], [6.0, 18.0], [7.0, 19.0]], [[8.0, 20.0], [9.0, 21.0], [10.0, 22.0], [11.0, 23.0]]]),
    'expand_dims': ('t', 'int64', [1, 2], [[1, 2]]),
    'expand_dims_tuple': ('t', 'int64', [1, 2, 1], [[[1], [2]]]),
    'squeeze': ('t', 'int64', [2], [1, 2]),
    'squeeze_axis': ('t', 'int64', [1, 2], [[1, 2]]),
    'squeeze_bad': ('err', 'ValueError', 'Cannot squeeze axis=1, because the dimension is not 1.'),
    'broadcast_to': ('t', 'int64', [3, 2], [[1, 2], [1, 2], [1, 2]]),
    'concatenate': ('t', 'float32', [3], [1.0, 2.0, 3.5]),
    'concatenate_ax1': ('t', 'int64', [1, 3], [[1, 2, 3]]),
    'concatenate_mixed_ints': ('t', 'int16', [2], [1, 2]),
    'append': ('t', 'int64', [3, 2], [[1, 2], [3, 4], [5, 6]]),
    'stack': ('t', 'int64', [2, 2], [[1, 3], [2, 4]]),
    'stack_mixed': ('t', 'float32', [2, 2], [[1.0, 2.0], [0.5, 1.5]]),
    'stack_scalars': ('t', 'float32', [2], [1.0, 2.5]),
    'hstack': ('t', 'int64', [3], [1, 2, 3]),
    'hstack_2d': ('t', 'int64', [2, 2], [[1, 3], [2, 4]]),
    'vstack': ('t', 'int64', [4], [1, 2, 3, 4]),
    'dstack': ('t', 'int64', [1, 2, 2], [[[1, 3], [2, 4]]]),
    'dstack_2d': ('t', 'int64', [2, 1, 2], [[[1, 3]], [[2, 4]]]),
    'split_int': ('seq', [('t', 'int64', [2], [0, 1]), ('t', 'int64', [2], [2, 3]), ('t', 'int64', [2], [4, 5])]),
    'split_idx': ('seq', [('t', 'int64', [1], [0]), ('t', 'int64', [3], [1, 2, 3]), ('t', 'int64', [2], [4, 5])]),
    'split_axis': ('seq', [('t', 'int64', [3, 2], [[0, 1], [4, 5], [8, 9]]), ('t', 'int64', [3, 2], [[2, 3], [6, 7], [10, 11]])]),
    'array_split': ('seq', [('t', 'int64', [3], [0, 1, 2]), ('t', 'int64', [2], [3, 4]), ('t', 'int64', [2], [5, 6])]),
    'hsplit': ('seq', [('t', 'int64', [2, 2], [[0, 1], [4, 5]]), ('t', 'int64', [2, 2], [[2, 3], [6, 7]])]),
    'vsplit': ('seq', [('t', 'int64', [1, 2], [[0, 1]]), ('t', 'int64', [3, 2], [[2, 3], [4, 5], [6, 7]])]),
    'dsplit': ('seq', [('t', 'int64', [1, 2, 2], [[[0, 1], [4, 5]]]), ('t', 'int64', [1, 2, 2], [[[2, 3], [6, 7]]])]),
    'flip': ('t', 'int64', [2, 2], [[4, 3], [2, 1]]),
    'flip_ax': ('t', 'int64', [2, 2], [[2, 1], [4, 3]]),
    'flip_axes': ('t', 'int64', [2, 2, 2], [[[5, 4], [7, 6]], [[1, 0], [3, 2]]]),
    'fliplr': ('t', 'int64', [2, 2], [[2, 1], [4, 3]]),
    'flipud': ('t', 'int64', [2, 2], [[3, 4], [1, 2]]),
    'rot90': ('t', 'int64', [2, 3], [[2, 4, 6], [1, 3, 5]]),
    'rot90_k3': ('t', 'int64', [2, 3], [[5, 3, 1], [6, 4, 2]]),
    'rot90_k2_square': ('t', 'int64', [2, 2], [[4, 3], [2, 1]]),
    'rot90_kneg': ('t', 'int64', [2, 3], [[5, 3, 1], [6, 4, 2]]),
    'rot90_axes': ('t', 'int64', [2, 2, 3], [[[1, 3, 5], [0, 2, 4]], [[7, 9, 11], [6, 8, 10]]]),
    'roll': ('t', 'int64', [2, 2], [[4, 1], [2, 3]]),
    'roll_axis': ('t', 'int64', [2, 3], [[2, 3, 1], [5, 6, 4]]),
    'roll_multi': ('t', 'int64', [2, 3], [[5, 6, 4], [2, 3, 1]]),
    'tile': ('t', 'int64', [4], [1, 2, 1, 2]),
    'tile_2d': ('t', 'int64', [2, 4], [[1, 2, 1, 2], [1, 2, 1, 2]]),
    'tile_more': ('t', 'int64', [2, 1, 4], [[[1, 2, 1, 2]], [[1, 2, 1, 2]]]),
    'repeat': ('t', 'int64', [8], [1, 1, 2, 2, 3, 3, 4, 4]),
    'repeat_axis': ('t', 'int64', [3, 2], [[1, 2], [3, 4], [3, 4]]),
    'pad': ('t', 'int64', [3, 4], [[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]),
    'pad_int': ('t', 'int64', [6], [0, 0, 1, 2, 0, 0]),
    'pad_const': ('t', 'float32', [4], [9.0, 1.0, 2.0, 9.0]),
    'pad_reflect': ('t', 'int64', [7], [3, 2, 1, 2, 3, 2, 1]),
    'pad_symmetric': ('t', 'int64', [6], [2, 1, 1, 2, 3, 3]),
    'pad_edge': ('err', 'ValueError', 'Exception encountered when calling Pad.call().\n\n\x1b[1mValue of argument `mode` exp'),
    'pad_int_2d': ('err', 'InvalidArgumentError', 'Exception encountered when calling Pad.call().\n\n\x1b[1m{{function_node __wrapped__P'),
    'pad_single_pair_2d': ('err', 'InvalidArgumentError', 'Exception encountered when calling Pad.call().\n\n\x1b[1m{{function_node __wrapped__P'),
    'take': ('t', 'int64', [2, 2], [[1, 2], [3, 4]]),
    'take_flat': ('t', 'int64', [2, 2], [[1, 4], [2, 4]]),
    'take_axis0': ('t', 'int64', [2, 2], [[5, 6], [1, 2]]),
    'take_along_axis': ('t', 'int64', [2, 2], [[30, 20], [60, 60]]),
    'take_along_axis_none': ('t', 'int64', [2], [40, 10]),
    'take_along_axis_bcast': ('t', 'int64', [2, 2], [[10, 20], [60, 50]]),
    'take_along_axis_0': ('t', 'int64', [1, 3], [[60, 30, 50]]),
    'diff': ('t', 'int64', [3], [3, 5, 7]),
    'diff_n2': ('t', 'float32', [1, 2], [[2.0, 2.0]]),
    'diff_axis0': ('t', 'int64', [1, 2], [[3, 6]]),
    'diff_bool': ('t', 'bool', [2], [False, True]),
    'nonzero': ('seq', [('t', 'int32', [2], [0, 1]), ('t', 'int32', [2], [1, 0])]),
    'get_item': ('t', 'int32', [], 3),
    'get_item_slice': ('t', 'int32', [1, 2], [[1, 2]]),
    'unravel_index': ('seq', [('t', 'int64', [3], [1, 1, 0]), ('t', 'int64', [3], [1, 3, 0])]),
    'searchsorted': ('t', 'int32', [3], [0, 1, 3]),
    'searchsorted_right': ('t', 'int32', [2], [2, 3]),
    'digitize': ('t', 'int32', [4], [0, 1, 2, 3]),
    'digitize_int': ('t', 'int32', [3], [0, 1, 2]),
    'bincount': ('t', 'int32', [4], [1, 2, 0, 1]),
    'bincount_w': ('t', 'float32', [5], [0.5, 2.0, 0.0, 2.0, 0.0]),
    'bincount_2d': ('t', 'int32', [2, 2], [[1, 1], [0, 2]]),
    'bincount_wint': ('t', 'int32', [3], [3, 0, 4]),
    'histogram': ('seq', [('t', 'float32', [4], [1.0, 2.0, 0.0, 2.0]), ('t', 'float32', [5], [1.0, 2.0, 3.0, 4.0, 5.0])]),
    'histogram_range': ('seq', [('t', 'float32', [2], [1.0, 3.0]), ('t', 'float32', [3], [0.0, 2.0, 4.0])]),
    'isin': ('t', 'bool', [2, 2], [[False, True], [False, True]]),
    'isin_invert': ('t', 'bool', [3], [True, False, True]),
    'select': ('t', 'int64', [3], [1, 5, 0]),
    'argpartition': ('t', 'int32', [4], [3, 2, 0, 1]),
    'argpartition_2d': ('t', 'int32', [2, 4], [[3, 2, 1, 0], [2, 0, 3, 1]]),
    'unique': ('t', 'int64', [3], [1, 2, 3]),
    'unique_all': ('seq', [('t', 'int64', [3], [1, 2, 3]), ('t', 'int32', [3], [1, 3, 0]), ('t', 'int32', [5], [2, 0, 2, 1, 0]), ('t', 'int32', [3], [2, 1, 2])]),
    'unique_unsorted': ('t', 'int64', [3], [3, 1, 2]),
    'unique_size': ('t', 'int64', [4], [1, 3, -1, -1]),
    'unique_axis': ('seq', [('t', 'int64', [2, 2], [[0, 5], [1, 2]]), ('t', 'int32', [3], [1, 0, 1])]),
    'corrcoef': ('t', 'float32', [3, 3], [[1.0, -0.9819804430007935, 0.9958705306053162], [-0.9819804430007935, 1.0, -0.9607689380645752], [0.9958705306053162, -0.9607689380645752, 1.0]]),
    'correlate_valid': ('t', 'float32', [3], [2.0, 3.5, 5.0]),
    'correlate_full': ('t', 'float32', [5], [0.5, 2.0, 3.5, 3.0, 0.0]),
    'correlate_same': ('t', 'float32', [4], [0.5, 2.0, 3.5, 5.0]),
    'trapezoid': ('t', 'float32', [], 4.5),
    'trapezoid_x': ('t', 'float32', [1], [7.5]),
    'trapezoid_dx': ('t', 'float32', [2], [1.0, 1.5]),
    'view': ('t', 'int32', [2], [1065353216, 1073741824]),
    'view_split': ('t', 'int16', [4], [1, 0, 256, 0]),
    'view_join': ('t', 'int32', [2], [1, 2]),
    'size': ('t', 'int32', [], 3),
    'ndim': ('py', 2),
    'shape': ('seq', [('py', 1), ('py', 3)]),
    'clip': ('t', 'float32', [3], [0.0, 0.5, 1.0]),
    'clip_int': ('t', 'int32', [3], [0, 4, 3]),
    'clip_bool': ('t', 'int32', [2], [1, 0]),
    'cast': ('t', 'int32', [2], [1, -1]),
    'cast_pyint': ('t', 'int64', [2], [1, 2]),
    'cast_bool': ('t', 'bool', [2], [False, True]),
    'saturate_cast': ('t', 'uint8', [3], [0, 255, 7]),
    'convert_to_tensor': ('t', 'int32', [2], [1, 2]),
    'convert_to_tensor_f': ('t', 'float32', [2], [1.5, 2.0]),
    'convert_to_tensor_dtype': ('t', 'int32', [2], [1, 2]),
    'convert_to_tensor_np': ('t', 'int64', [2], [1, 2]),
    'dtype': ('py', 'float32'),
    'is_tensor': ('py', True),
    'is_tensor_np': ('py', False),
    'stop_gradient': ('t', 'float32', [1], [1.0]),
    'slice': ('t', 'int64', [2, 2], [[5, 6], [9, 10]]),
    'slice_neg': ('t', 'int64', [2, 3], [[4, 5, 6], [8, 9, 10]]),
    'slice_update': ('t', 'int32', [3, 3], [[0, 0, 0], [0, 1, 1], [0, 1, 1]]),
    'slice_update_clamp': ('t', 'float32', [3, 3], [[0.0, 0.0, 0.0], [0.0, 1.0, 1.0], [0.0, 1.0, 1.0]]),
    'scatter': ('t', 'float32', [4], [0.0, 6.0, 0.0, 6.0]),
    'scatter_2d': ('t', 'int64', [2, 2], [[0, 5], [6, 0]]),
    'scatter_update': ('t', 'float32', [2, 2], [[0.0, 1.0], [0.0, 2.0]]),
    'scatter_update_add': ('t', 'float32', [4], [1.0, 4.0, 1.0, 4.0]),
    'scatter_update_max': ('t', 'float32', [4], [1.0, 5.0, 1.0, 1.0]),
    'scatter_update_min': ('t', 'float32', [4], [1.0, 1.0, -2.0, 1.0]),
    'scatter_update_mul': ('t', 'float32', [4], [2.0, 24.0, 2.0, 10.0]),
    'scatter_update_rows': ('t', 'float32', [3, 2], [[0.0, 0.0], [0.0, 0.0], [1.0, 2.0]]),
    'unstack': ('seq', [('t', 'int64', [2], [1, 2]), ('t', 'int64', [2], [3, 4])]),
    'unstack_axis': ('seq', [('t', 'int64', [2], [1, 3]), ('t', 'int64', [2], [2, 4])]),
    'switch': ('t', 'float32', [1], [20.0]),
    'switch_clip': ('t', 'float32', [1], [20.0]),
    'cond': ('t', 'float32', [1], [1.0]),
    'while_loop': ('t', 'int32', [], 16),
    'while_loop_tuple': ('seq', [('t', 'int32', [], 3), ('t', 'int32', [], 3)]),
    'while_loop_max': ('t', 'int32', [], 5),
    'fori_loop': ('t', 'int32', [], 27),
    'scan': ('seq', [('t', 'float32', [], 6.0), ('t', 'float32', [3], [0.0, 2.0, 9.0])]),
    'scan_rev': ('seq', [('t', 'float32', [], 6.0), ('t', 'float32', [3], [5.0, 3.0, 0.0])]),
    'scan_length': ('seq', [('t', 'float32', [], 8.0), ('t', 'float32', [3], [1.0, 2.0, 4.0])]),
    'scan_tree': ('seq', [('seq', [('t', 'float32', [], 3.0), ('t', 'float32', [], 12.0)]), ('seq', [('t', 'float32', [2], [0.0, 1.0]), ('t', 'float32', [2], [1.0, 3.0])])]),
    'map': ('t', 'float32', [2, 2], [[2.0, 4.0], [6.0, 8.0]]),
    'map_tree': ('t', 'float32', [2], [4.0, 6.0]),
    'vectorized_map': ('t', 'float32', [2], [3.0, 7.0]),
    'associative_scan': ('t', 'float32', [5], [1.0, 3.0, 6.0, 10.0, 15.0]),
    'associative_scan_rev': ('t', 'float32', [7], [5040.0, 5040.0, 2520.0, 840.0, 210.0, 42.0, 7.0]),
    'associative_scan_axis': ('t', 'float32', [2, 4], [[1.0, 5.0, 5.0, 7.0], [3.0, 3.0, 4.0, 4.0]]),
    'associative_scan_tree': ('seq', [('t', 'float32', [3], [1.0, 3.0, 6.0]), ('t', 'float32', [3], [2.0, 6.0, 24.0])]),
    'segment_sum': ('t', 'float32', [3], [3.0, 3.0, 4.0]),
    'segment_sum_num': ('t', 'float32', [3, 2], [[0.0, 0.0], [4.0, 6.0], [0.0, 0.0]]),
    'segment_sum_sorted': ('t', 'float32', [3], [3.0, 0.0, 3.0]),
    'segment_max': ('t', 'float32', [3], [5.0, -3.4028234663852886e+38, 4.0]),
    'segment_min': ('t', 'float32', [3], [1.0, 3.4028234663852886e+38, 3.0]),
    'segment_prod': ('t', 'float32', [2], [10.0, 3.0]),
    'top_k': ('seq', [('t', 'float32', [2, 2], [[3.0, 2.0], [4.0, 4.0]]), ('t', 'int32', [2, 2], [[1, 2], [0, 2]])]),
    'top_k_int': ('seq', [('t', 'int64', [1], [5]), ('t', 'int32', [1], [0])]),
    'in_top_k': ('t', 'bool', [2], [True, False]),
    'in_top_k_2': ('t', 'bool', [2], [True, True]),
    'logsumexp_ax': ('t', 'float32', [2, 1], [[2.3132617473602295], [1000.0]]),
    'erf': ('t', 'float32', [3], [-0.8427008390426636, 0.0, 0.5204998850822449]),
    'erfc': ('t', 'float32', [3], [1.842700719833374, 1.0, 0.4795001149177551]),
    'erfinv': ('t', 'float32', [3], [-0.47693631052970886, 0.0, 1.1630871295928955]),
    'erfinv_f16': ('t', 'float16', [2], [-0.47705078125, 1.1630859375]),
    'rsqrt': ('t', 'float32', [2], [0.5, 2.0]),
    'logdet': ('t', 'float32', [], 1.6094379425048828),
    'cdist': ('t', 'float32', [2, 3], [[5.0, 1.0, 2.0], [3.605551242828369, 1.0, 1.4142135381698608]]),
    'extract_sequences': ('t', 'float32', [2, 2, 3], [[[0.0, 1.0, 2.0], [2.0, 3.0, 4.0]], [[5.0, 6.0, 7.0], [7.0, 8.0, 9.0]]]),
    'fft': ('seq', [('t', 'float32', [4], [2.0, 2.0, 0.0, 0.0]), ('t', 'float32', [4], [1.0, -3.0, -1.0, 3.0])]),
    'fft2': ('seq', [('t', 'float32', [2, 2], [[10.0, -2.0], [-4.0, 0.0]]), ('t', 'float32', [2, 2], [[1.0, -1.0], [1.0, -1.0]])]),
    'ifft2': ('seq', [('t', 'float32', [2, 2], [[2.5, -0.5], [-1.0, 0.0]]), ('t', 'float32', [2, 2], [[0.25, -0.25], [0.25, -0.25]])]),
    'rfft': ('seq', [('t', 'float32', [3], [5.0, 3.3541018962860107, -3.3541018962860107]), ('t', 'float32', [3], [0.0, 0.3632712960243225, 1.538841724395752])]),
    'rfft_len': ('seq', [('t', 'float32', [5], [5.0, 0.12132024765014648, 4.0, -4.1213202476501465, 3.0]), ('t', 'float32', [5], [0.0, -0.7071067690849304, -3.0, -0.7071067690849304, 0.0])]),
    'irfft': ('t', 'float32', [4], [1.375, -0.375, -0.625, 0.625]),
    'irfft_len': ('t', 'float32', [5], [1.2000000476837158, -0.09501240402460098, -0.6205243468284607, -0.15029612183570862, 0.6658328175544739]),
    'stft': ('seq', [('t', 'float32', [6, 5], [[1.7168548107147217, -0.892514705657959, -0.45464855432510376, 0.892514705657959, -0.8075577616691589], [0.22612808644771576, -0.22199265658855438, 0.17048315703868866, -0.06024734675884247, -0.0026143938302993774], [-0.44773003458976746, 0.43954217433929443, -0.3375542461872101, 0.11928880214691162, 0.005176573991775513], [0.6603706479072571, -0.64829421043396, 0.49786922335624695, -0.1759427785873413, -0.0076351165771484375], [-0.8597939610481262, 0.8440706133842468, -0.6482193470001221, 0.22907525300979614, 0.009940862655639648], [2.346282482147217, -1.7009856700897217, 0.4402044415473938, 0.4004099369049072, -0.6255398392677307]]), ('t', 'float32', [6, 5], [[0.0, -1.9371509552001953e-07, 5.960464477539063e-08, 1.341104507446289e-07, 0.0], [0.0, -1.3336814641952515, 1.249574899673462, -0.43348419666290283, 0.0], [0.0, 1.293506145477295, -1.2119331359863281, 0.4204261302947998, 0.0], [0.0, -1.2274411916732788, 1.1500345468521118, -0.3989531695842743, 0.0], [0.0, 1.13680899143219, -1.0651179552078247, 0.36949512362480164, 0.0], [0.0, -1.341104507446289e-07, 5.960464477539063e-08, 1.4901161193847656e-08, 0.0]])]),
    'stft_nocenter': ('seq', [('t', 'float32', [4, 3], [[1.439896583557129, -0.9092974066734314, 0.37869828939437866], [-0.503006100654602, 0.21887128055095673, -0.176913321018219], [-0.7823231220245361, 0.6231697797775269, -0.14742174744606018], [1.5257272720336914, -1.0335332155227661, 0.3696358799934387]]), ('t', 'float32', [4, 3], [[0.0, -0.3781895339488983, 0.0], [0.0, 0.8725919723510742, 0.0], [0.0, -0.762538731098175, 0.0], [0.0, 0.12426525354385376, 0.0]])]),
    'stft_nowin': ('seq', [('t', 'float64', [7, 3], [[1.6644577751891372, -1.4161468365471424, -0.4967514482834219], [0.134162972720552, 1.4161468365471424, 1.0335433541851633], [-1.7761207685479736, 0.23749678431646953, -0.3634601462735352], [1.344091105593285, -1.613813907513978, -0.7310377740197769], [0.6574422453003801, 1.1056703204589795, 0.9718982603831248], [-1.8912761267816922, 0.6935714952678389, -0.07786699898843985], [-2.584847622049531, 0.0, -0.7714384942562788]]), ('t', 'float64', [7, 3], [[0.0, 0.0, 0.0], [0.0, -1.5302948024685852, 0.0], [0.0, 1.2736546820636716, 0.0], [0.0, 0.47024006888007835, 0.0], [0.0, -1.6650325162279815, 0.0], [0.0, 0.9155559598727278, 0.0], [0.0, -0.9155559598727278, 0.0]])]),
    'istft': ('t', 'float32', [8], [0.0, -0.1428571492433548, 0.0, -0.1428571492433548, 0.0, -0.1428571492433548, 0.0, -0.1428571343421936]),
    'istft_len': ('t', 'float32', [6], [0.0, -0.0714285746216774, 0.0, -0.1428571492433548, 0.0, -0.142857164144516]),
    'view_as_real': ('t', 'float32', [2, 2], [[1.0, 2.0], [3.0, -1.0]]),
    'view_as_complex': ('t', 'complex64', [2], [complex(1.0, 2.0), complex(3.0, -1.0)]),
    'cholesky': ('t', 'float32', [2, 2], [[2.0, 0.0], [1.0, 1.4142135381698608]]),
    'cholesky_upper': ('t', 'float32', [2, 2], [[2.0, 1.0], [0.0, 1.4142135381698608]]),
    'cholesky_inverse': ('t', 'float32', [2, 2], [[0.5, -0.5], [-0.5, 1.0]]),
    'cholesky_inverse_upper': ('t', 'float32', [2, 2], [[0.5, -0.5], [-0.5, 1.0]]),
    'det': ('t', 'float32', [], -2.0),
    'det_batch': ('t', 'float64', [2], [-2.0000000000000004, 4.0]),
    'inv': ('t', 'float32', [2, 2], [[0.375, -0.25], [-0.25, 0.5]]),
    'solve': ('t', 'float32', [2], [-0.125, 0.75]),
    'solve_mat': ('t', 'float32', [2, 2], [[-0.125, -0.25], [0.75, 0.5]]),
    'solve_triangular': ('t', 'float32', [2], [1.0, 1.0]),
    'solve_triangular_lower': ('t', 'float32', [2, 1], [[1.0], [2.0]]),
    'eigh_values': ('t', 'float32', [2], [1.4384472370147705, 5.56155252456665]),
    'svd_s': ('t', 'float32', [2], [6.708203315734863, 2.2360680103302]),
    'norm': ('t', 'float32', [], 5.196152210235596),
    'norm_int': ('t', 'float32', [], 5.0),
    'norm_ax': ('t', 'float32', [2, 1], [[5.0], [1.4142135381698608]]),
    'norm_vec_1': ('t', 'float32', [], 7.0),
    'norm_vec_2': ('t', 'float32', [], 5.0),
    'norm_vec_3': ('t', 'float32', [], 4.497941493988037),
    'norm_vec_0': ('t', 'float32', [], 2.0),
    'norm_vec_inf': ('t', 'float32', [], 4.0),
    'norm_vec_-inf': ('t', 'float32', [], 0.0),
    'norm_mat_fro': ('t', 'float32', [], 5.4772257804870605),
    'norm_mat_nuc': ('t', 'float32', [], 7.07106876373291),
    'norm_mat_1': ('t', 'float32', [], 6.0),
    'norm_mat_-1': ('t', 'float32', [], 4.0),
    'norm_mat_2': ('t', 'float32', [], 5.116673469543457),
    'norm_mat_-2': ('t', 'float32', [], 1.9543954133987427),
    'norm_mat_inf': ('t', 'float32', [], 7.0),
    'norm_mat_-inf': ('t', 'float32', [], 3.0),
    'norm_mat_keep': ('t', 'float32', [1, 2, 1], [[[6.0], [10.0]]]),
    'norm_mat_inf_keep': ('t', 'float32', [2], [6.0, 10.0]),
    'lstsq': ('t', 'float32', [2], [0.6666666269302368, 0.5]),
    'matrix_rank': ('t', 'int32', [], 1),
    'pinv': ('t', 'float32', [2, 3], [[-1.3333349227905273, -0.33333444595336914, 0.6666677594184875], [1.0833348035812378, 0.3333342671394348, -0.416667640209198]]),
    'slogdet': ('seq', [('t', 'float32', [], -1.0), ('t', 'float32', [], 0.6931471824645996)]),
    'lu_factor': ('seq', [('t', 'float32', [2, 2], [[3.0, 4.0], [0.3333333432674408, 0.6666666269302368]]), ('t', 'int32', [2], [1, 0])]),
    'qr_r': ('seq', [('t', 'float32', [3, 2], [[-0.1690307855606079, 0.8970850110054016], [-0.5070924758911133, 0.2760266959667206], [-0.8451542258262634, -0.34503304958343506]]), ('t', 'float32', [2, 2], [[-5.916079998016357, -7.437356948852539], [0.0, 0.8280784487724304]])]),
    'qr_complete': ('seq', [('t', 'float32', [3, 3], [[-0.1690307855606079, 0.8970850110054016, 0.4082489311695099], [-0.5070924758911133, 0.2760266959667206, -0.8164964318275452], [-0.8451542258262634, -0.34503304958343506, 0.40824803709983826]]), ('t', 'float32', [3, 2], [[-5.916079998016357, -7.437356948852539], [0.0, 0.8280784487724304], [0.0, 0.0]])]),
    'nn_relu': ('t', 'float32', [1, 5], [[0.0, 0.0, 0.0, 0.5, 2.0]]),
    'nn_relu_f64': ('t', 'float64', [1, 3], [[0.0, 0.25, 3.0]]),
    'nn_relu6': ('t', 'float32', [1, 5], [[0.0, 0.0, 0.0, 0.5, 2.0]]),
    'nn_relu6_f64': ('t', 'float64', [1, 3], [[0.0, 0.25, 3.0]]),
    'nn_sigmoid': ('t', 'float32', [1, 5], [[0.11920291930437088, 0.3775406777858734, 0.5, 0.622459352016449, 0.8807970881462097]]),
    'nn_sigmoid_f64': ('t', 'float64', [1, 3], [[0.18242552380635632, 0.5621765008857981, 0.9525741268224333]]),
    'nn_sparse_sigmoid': ('t', 'float32', [1, 5], [[0.0, 0.25, 0.5, 0.75, 1.0]]),
    'nn_sparse_sigmoid_f64': ('t', 'float64', [1, 3], [[0.0, 0.625, 1.0]]),
    'nn_tanh_shrink': ('t', 'float32', [1, 5], [[-1.0359723567962646, -0.037882864475250244, 0.0, 0.037882864475250244, 1.0359723567962646]]),
    'nn_tanh_shrink_f64': ('t', 'float64', [1, 3], [[-0.5948517463551336, 0.005081337596290869, 2.0049452463132695]]),
    'nn_softplus': ('t', 'float32', [1, 5], [[0.12692800164222717, 0.4740769863128662, 0.6931471824645996, 0.9740769863128662, 2.1269280910491943]]),
    'nn_softplus_f64': ('t', 'float64', [1, 3], [[0.2014132779827524, 0.8259394198788436, 3.048587351573742]]),
    'nn_softsign': ('t', 'float32', [1, 5], [[-0.6666666865348816, -0.3333333432674408, 0.0, 0.3333333432674408, 0.6666666865348816]]),
    'nn_softsign_f64': ('t', 'float64', [1, 3], [[-0.6, 0.2, 0.75]]),
    'nn_soft_shrink': ('t', 'float32', [1, 5], [[-1.5, 0.0, 0.0, 0.0, 1.5]]),
    'nn_soft_shrink_f64': ('t', 'float64', [1, 3], [[-1.0, 0.0, 2.5]]),
    'nn_sparse_plus': ('t', 'float32', [1, 5], [[0.0, 0.0625, 0.25, 0.5625, 2.0]]),
    'nn_sparse_plus_f64': ('t', 'float64', [1, 3], [[0.0, 0.390625, 3.0]]),
    'nn_silu': ('t', 'float32', [1, 5], [[-0.23840583860874176, -0.1887703388929367, 0.0, 0.3112296760082245, 1.7615941762924194]]),
    'nn_silu_f64': ('t', 'float64', [1, 3], [[-0.27363828570953447, 0.14054412522144952, 2.8577223804672998]]),
    'nn_swish': ('t', 'float32', [1, 5], [[-0.23840583860874176, -0.1887703388929367, 0.0, 0.3112296760082245, 1.7615941762924194]]),
    'nn_swish_f64': ('t', 'float64', [1, 3], [[-0.27363828570953447, 0.14054412522144952, 2.8577223804672998]]),
    'nn_squareplus': ('t', 'float32', [1, 5], [[0.41421353816986084, 0.7807763814926147, 1.0, 1.2807763814926147, 2.4142136573791504]]),
    'nn_squareplus_f64': ('t', 'float64', [1, 3], [[0.5, 1.1327822185373186, 3.302775637731995]]),
    'nn_log_sigmoid': ('t', 'float32', [1, 5], [[-2.1269280910491943, -0.9740769863128662, -0.6931471824645996, -0.4740769863128662, -0.12692800164222717]]),
    'nn_log_sigmoid_f64': ('t', 'float64', [1, 3], [[-1.7014132779827524, -0.5759394198788436, -0.04858735157374206]]),
    'nn_leaky_relu': ('t', 'float32', [1, 5], [[-0.4000000059604645, -0.10000000149011612, 0.0, 0.5, 2.0]]),
    'nn_leaky_relu_f64': ('t', 'float64', [1, 3], [[-0.30000000447034836, 0.25, 3.0]]),
    'nn_hard_sigmoid': ('t', 'float32', [1, 5], [[0.1666666716337204, 0.4166666567325592, 0.5, 0.5833333134651184, 0.8333333134651184]]),
    'nn_hard_sigmoid_f64': ('t', 'float64', [1, 3], [[0.25, 0.5416666666666666, 1.0]]),
    'nn_hard_silu': ('t', 'float32', [1, 5], [[-0.3333333432674408, -0.2083333283662796, 0.0, 0.2916666567325592, 1.6666666269302368]]),
    'nn_hard_silu_f64': ('t', 'float64', [1, 3], [[-0.375, 0.13541666666666666, 3.0]]),
    'nn_hard_swish': ('t', 'float32', [1, 5], [[-0.3333333432674408, -0.2083333283662796, 0.0, 0.2916666567325592, 1.6666666269302368]]),
    'nn_hard_swish_f64': ('t', 'float64', [1, 3], [[-0.375, 0.13541666666666666, 3.0]]),
    'nn_elu': ('t', 'float32', [1, 5], [[-0.8646647334098816, -0.39346933364868164, 0.0, 0.5, 2.0]]),
    'nn_elu_f64': ('t', 'float64', [1, 3], [[-0.7768698398515702, 0.25, 3.0]]),
    'nn_selu': ('t', 'float32', [1, 5], [[-1.5201665163040161, -0.6917581558227539, 0.0, 0.5253505110740662, 2.1014020442962646]]),
    'nn_selu_f64': ('t', 'float64', [1, 3], [[-1.3658143533672529, 0.2626752468388701, 3.1521029620664414]]),
    'nn_gelu': ('t', 'float32', [1, 5], [[-0.04540222883224487, -0.1542859971523285, 0.0, 0.3457140028476715, 1.9545977115631104]]),
    'nn_celu': ('t', 'float32', [1, 5], [[-0.8646647334098816, -0.39346933364868164, 0.0, 0.5, 2.0]]),
    'nn_celu_f64': ('t', 'float64', [1, 3], [[-0.7768698398515702, 0.25, 3.0]]),
    'nn_hard_tanh': ('t', 'float32', [1, 5], [[-1.0, -0.5, 0.0, 0.5, 1.0]]),
    'nn_hard_tanh_f64': ('t', 'float64', [1, 3], [[-1.0, 0.25, 1.0]]),
    'nn_hard_shrink': ('t', 'float32', [1, 5], [[-2.0, 0.0, 0.0, 0.0, 2.0]]),
    'nn_hard_shrink_f64': ('t', 'float64', [1, 3], [[-1.5, 0.0, 3.0]]),
    'nn_softmax': ('t', 'float32', [1, 5], [[0.012554707005620003, 0.05626630410552025, 0.09276743978261948, 0.15294764935970306, 0.6854638457298279]]),
    'nn_softmax_f64': ('t', 'float64', [1, 3], [[0.010333595967625783, 0.059465739008061354, 0.9302006650243129]]),
    'nn_log_softmax': ('t', 'float32', [1, 5], [[-4.377659320831299, -2.877659559249878, -2.377659559249878, -1.877659559249878, -0.37765949964523315]]),
    'nn_log_softmax_f64': ('t', 'float64', [1, 3], [[-4.572354947266237, -2.8223549472662373, -0.07235494726623719]]),
    'nn_sparsemax': ('t', 'float32', [1, 5], [[0.0, 0.0, 0.0, 0.0, 1.0]]),
    'nn_sparsemax_f64': ('t', 'float64', [1, 3], [[0.0, 0.0, 1.0]]),
    'nn_gelu_exact': ('t', 'float32', [1, 5], [[-0.0455002635717392, -0.1542687714099884, 0.0, 0.3457312285900116, 1.9544997215270996]]),
    'nn_elu_alpha': ('t', 'float32', [1, 5], [[-0.4323323667049408, -0.19673466682434082, 0.0, 0.5, 2.0]]),
    'nn_celu_alpha': ('t', 'float32', [1, 5], [[-1.264241099357605, -0.44239842891693115, 0.0, 0.5, 2.0]]),
    'nn_leaky_relu_slope': ('t', 'float32', [1, 5], [[-0.20000000298023224, -0.05000000074505806, 0.0, 0.5, 2.0]]),
    'nn_soft_shrink_t': ('t', 'float32', [1, 5], [[-1.0, 0.0, 0.0, 0.0, 1.0]]),
    'nn_squareplus_b': ('t', 'float32', [1, 5], [[0.1180340051651001, 0.30901700258255005, 0.5, 0.80901700258255, 2.1180338859558105]]),
    'nn_threshold': ('t', 'float32', [1, 5], [[-9.0, -9.0, -9.0, 0.5, 2.0]]),
    'nn_glu': ('t', 'float32', [1, 2], [[0.2689414322376251, 1.244918704032898]]),
    'nn_glu_axis': ('t', 'float32', [1, 2], [[0.2689414322376251, 1.244918704032898]]),
    'nn_softmax_ax0': ('t', 'float32', [2, 2], [[0.11920291185379028, 0.04742587357759476], [0.8807970285415649, 0.9525741338729858]]),
    'nn_softmax_none': ('t', 'float32', [2, 2], [[0.015219428576529026, 0.0413706973195076], [0.11245721578598022, 0.8309527039527893]]),
    'nn_softmax_tuple': ('t', 'float32', [2, 2, 2], [[[0.11774886399507523, 0.1511925607919693], [0.11774886399507523, 0.1511925607919693]], [[0.3200746178627014, 0.41098394989967346], [0.3200746178627014, 0.41098394989967346]]]),
    'nn_log_softmax_none': ('t', 'float32', [2, 2], [[-4.185182571411133, -3.185182571411133], [-2.185182571411133, -0.18518249690532684]]),
    'nn_log_softmax_tuple': ('t', 'float32', [2, 2, 2], [[[-1.8000164031982422, -1.5500164031982422], [-1.3000164031982422, -1.0500164031982422]], [[-1.8000164031982422, -1.5500164031982422], [-1.3000164031982422, -1.0500164031982422]]]),
    'nn_sparsemax_ax0': ('t', 'float32', [3, 2], [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]),
    'one_hot': ('t', 'float32', [4, 3], [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),
    'one_hot_axis': ('t', 'int32', [2, 1, 2], [[[0, 1]], [[1, 0]]]),
    'one_hot_bool': ('t', 'bool', [2, 3], [[False, True, False], [False, False, True]]),
    'multi_hot': ('t', 'float32', [4], [1.0, 0.0, 1.0, 0.0]),
    'multi_hot_2d': ('t', 'float32', [2, 3], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]),
    'multi_hot_bool': ('t', 'bool', [2, 3], [[True, False, True], [False, True, False]]),
    'bce': ('t', 'float32', [2, 2], [[0.10536054521799088, 0.2231435328722], [1.1920928955078125e-07, 0.5108255743980408]]),
    'bce_sigmoid_logits': ('t', 'float32', [1, 2], [[100.0, 50.0]]),
    'cce_softmax_logits': ('t', 'float32', [1], [150.0]),
    'scce_softmax_logits': ('t', 'float32', [1], [150.0]),
    'bce_logits': ('t', 'float32', [1, 2], [[0.12692800164222717, 0.3132616877555847]]),
    'cce': ('t', 'float32', [1], [0.6931471824645996]),
    'cce_unnorm': ('t', 'float32', [1], [0.28768208622932434]),
    'cce_logits': ('t', 'float32', [1], [1.4170299768447876]),
    'cce_axis0': ('t', 'float32', [2], [0.2231435328722, 0.5108255743980408]),
    'cce_badshape': ('err', 'ValueError', 'Arguments `target` and `output` must have the same shape. Received: target.shape'),
    'scce': ('t', 'float32', [2], [0.6931471824645996, 0.2231435477733612]),
    'scce_logits': ('t', 'float32', [2], [1.31326162815094, 0.31326165795326233]),
    'scce_axis': ('err', 'ValueError', 'Only axis=-1 is currently supported. Received: axis=0'),
    'conv1d': ('t', 'float32', [2, 3, 2], [[[1.2000000476837158, 1.6235294342041016], [1.0411765575408936, 1.7823529243469238], [0.8823528289794922, 1.9411766529083252]], [[0.40588217973709106, 2.417647123336792], [0.24705876410007477, 2.5764708518981934], [0.08823542296886444, 2.7352943420410156]]]),
    'conv1d_same_stride': ('t', 'float32', [2, 3, 2], [[[0.8529411554336548, 1.029411792755127], [1.0411765575408936, 1.7823529243469238], [-2.4294118881225586, -1.6176470518112183]], [[3.5, 4.735294342041016], [0.24705876410007477, 2.5764708518981934], [-6.135294437408447, -4.264706134796143]]]),
    'conv1d_dil': ('t', 'float32', [2, 1, 2], [[[2.311764717102051, 3.05294132232666]], [[1.5176470279693604, 3.8470587730407715]]]),
    'conv1d_cf': ('t', 'float32', [2, 2, 3], [[[0.8117647171020508, 0.7588233947753906, 0.7058822512626648], [1.447058916091919, 1.5, 1.552941083908081]], [[0.01764696277678013, -0.03529452532529831, -0.08823485672473907], [2.2411766052246094, 2.2941179275512695, 2.3470592498779297]]]),
    'conv2d': ('t', 'float32', [1, 3, 3, 3], [[[[1.5478260517120361, 1.9304348230361938, 2.3130435943603516], [1.4086955785751343, 1.9304348230361938, 2.452173948287964], [1.2695651054382324, 1.9304347038269043, 2.591304302215576]], [[0.9913044571876526, 1.9304347038269043, 2.869565486907959], [0.8521738648414612, 1.9304348230361938, 3.008695602416992], [0.7130432724952698, 1.9304345846176147, 3.1478261947631836]], [[0.43478214740753174, 1.9304348230361938, 3.4260871410369873], [0.2956523001194, 1.9304347038269043, 3.5652174949645996], [0.1565215289592743, 1.9304344654083252, 3.704347848892212]]]]),
    'conv2d_same': ('t', 'float32', [1, 2, 4, 3], [[[[1.5478260517120361, 1.9304348230361938, 2.3130435943603516], [1.4086955785751343, 1.9304348230361938, 2.452173948287964], [1.2695651054382324, 1.9304347038269043, 2.591304302215576], [-0.6000000238418579, -0.2347826212644577, 0.1304348111152649]], [[0.43478214740753174, 1.9304348230361938, 3.4260871410369873], [0.2956523001194, 1.9304347038269043, 3.5652174949645996], [0.1565215289592743, 1.9304344654083252, 3.704347848892212], [-2.826087236404419, -1.9043481349945068, -0.982608437538147]]]]),
    'conv2d_group': ('t', 'float32', [1, 2, 2, 4], [[[[2.2838709354400635, 2.722580671310425, 3.2129032611846924, 3.754838705062866], [1.9741934537887573, 2.619354724884033, 3.316128730773926, 4.064516067504883]], [[1.3548386096954346, 2.412903308868408, 3.522580623626709, 4.683870792388916], [1.0451610088348389, 2.3096773624420166, 3.6258065700531006, 4.993548393249512]]]]),
    'conv3d': ('t', 'float32', [2, 2, 2, 2, 1], [[[[[2.4571428298950195], [2.4571428298950195]], [[2.4571428298950195], [2.4571428298950195]]], [[[2.4571428298950195], [2.4571428298950195]], [[2.4571428298950195], [2.4571428298950195]]]], [[[[2.4571425914764404], [2.4571433067321777]], [[2.4571428298950195], [2.457143783569336]]], [[[2.4571433067321777], [2.4571425914764404]], [[2.4571428298950195], [2.4571430683135986]]]]]),
    'depthwise_conv2d': ('t', 'float32', [1, 3, 3, 4], [[[[0.5600000023841858, 0.8266667127609253, 1.1200000047683716, 1.440000057220459], [0.40000003576278687, 0.7733333706855774, 1.1733332872390747, 1.5999999046325684], [0.23999999463558197, 0.7200000286102295, 1.2266666889190674, 1.7599999904632568]], [[-0.07999995350837708, 0.6133333444595337, 1.3333332538604736, 2.0799999237060547], [-0.24000000953674316, 0.5600000619888306, 1.3866665363311768, 2.239999771118164], [-0.3999999463558197, 0.5066666007041931, 1.4399999380111694, 2.3999998569488525]], [[-0.7199999690055847, 0.3999999761581421, 1.5466667413711548, 2.7200000286102295], [-0.8799998760223389, 0.3466666340827942, 1.6000001430511475, 2.880000114440918], [-1.0399998426437378, 0.2933332920074463, 1.653333306312561, 3.0399999618530273]]]]),
    'depthwise_conv2d_sd': ('t', 'float32', [1, 4, 4, 1], [[[[0.800000011920929], [1.2666666507720947], [1.533333420753479], [0.40000003576278687]], [[1.933333396911621], [2.000000238418579], [2.0], [-0.3333333730697632]], [[2.866666555404663], [2.0], [2.0], [-1.2666665315628052]], [[-1.2000000476837158], [-4.866666793823242], [-5.133333206176758], [-4.0]]]]),
    'depthwise_conv1d': ('t', 'float32', [2, 5, 6], [[[0.027272729203104973, 0.08181818574666977, 0.11818182468414307, 0.20909090340137482, 0.3545454442501068, 0.48181816935539246], [-0.2454545497894287, -0.08181817829608917, 0.06363637000322342, 0.26363635063171387, 0.5181818008422852, 0.7545454502105713], [-0.5181818604469299, -0.2454545497894287, 0.009090930223464966, 0.3181818127632141, 0.6818181872367859, 1.0272727012634277], [-0.7909090518951416, -0.4090908467769623, -0.045454539358615875, 0.3727272152900696, 0.8454545140266418, 1.2999999523162842], [-1.2000000476837158, -0.9818181991577148, -0.8272726535797119, -0.5909090638160706, -0.38181817531585693, -0.12727272510528564]], [[-1.336363673210144, -0.7363636493682861, -0.15454542636871338, 0.4818181097507477, 1.1727272272109985, 1.8454545736312866], [-1.609090805053711, -0.8999999165534973, -0.20909078419208527, 0.5363636612892151, 1.3363635540008545, 2.1181817054748535], [-1.8818180561065674, -1.0636361837387085, -0.2636362910270691, 0.5909090638160706, 1.4999998807907104, 2.39090895652771], [-2.154545545578003, -1.2272727489471436, -0.31818172335624695, 0.645454466342926, 1.6636364459991455, 2.6636364459991455], [-2.700000047683716, -2.2090909481048584, -1.781818151473999, -1.2727272510528564, -0.7909091114997864, -0.26363638043403625]]]),
    'depthwise_conv1d_cf': ('t', 'float32', [2, 3, 3], [[[0.04000000283122063, -0.03999999910593033, -0.11999999731779099], [0.11999999731779099, 0.12000001221895218, 0.11999998986721039], [1.0, 1.0799999237060547, 1.159999966621399]], [[-1.159999966621399, -1.2400000095367432, -1.3200000524520874], [0.12000003457069397, 0.12000003457069397, 0.12000006437301636], [2.200000047683716, 2.2799999713897705, 2.3600001335144043]]]),
    'separable_conv2d': ('t', 'float32', [1, 3, 3, 3], [[[[-0.46857142448425293, 0.37714287638664246, 1.2228572368621826], [-0.3314286768436432, 0.5142856240272522, 1.3599998950958252], [-0.19428573548793793, 0.6514285802841187, 1.4971429109573364]], [[0.08000002801418304, 0.925714373588562, 1.7714285850524902], [0.2171427309513092, 1.0628570318222046, 1.9085712432861328], [0.35428571701049805, 1.1999999284744263, 2.0457141399383545]], [[0.6285713911056519, 1.4742858409881592, 2.320000171661377], [0.7657144069671631, 1.6114287376403809, 2.4571430683135986], [0.9028571248054504, 1.7485713958740234, 2.594285488128662]]]]),
    'separable_conv1d': ('t', 'float32', [2, 2, 2], [[[0.18000002205371857, 0.46000000834465027], [0.9480000138282776, 1.2280000448226929]], [[2.0999999046325684, 2.380000114440918], [2.867999792098999, 3.1479997634887695]]]),
    'conv_transpose1d': ('t', 'float32', [2, 11, 2], [[[-0.24117647111415863, -0.1352941244840622], [-0.029411764815449715, 0.07647059112787247], [-0.85294109582901, -0.3235294222831726], [-0.1882352977991104, 0.2352941334247589], [-1.1705882549285889, -0.005882441997528076], [-0.34705883264541626, 0.39411765336990356], [-1.4882352352142334, 0.31176477670669556], [-0.5058823823928833, 0.5529412031173706], [-1.8058823347091675, 0.6294116973876953], [-0.6647059321403503, 0.7117647528648376], [2.088235378265381, 3.4647059440612793]], [[-4.211764812469482, -2.5176470279693604], [-0.8235294222831726, 0.8705883026123047], [-2.441176176071167, 1.2647058963775635], [-0.9823529720306396, 1.029411792755127], [-2.7588231563568115, 1.582352638244629], [-1.141176462173462, 1.1882352828979492], [-3.0764710903167725, 1.899999976158142], [-1.3000001907348633, 1.3470587730407715], [-3.3941173553466797, 2.217646837234497], [-1.458823561668396, 1.5058823823928833], [4.470588684082031, 7.435294151306152]]]),
    'conv_transpose1d_same': ('t', 'float32', [2, 10, 2], [[[-0.24117647111415863, -0.1352941244840622], [-0.029411764815449715, 0.07647059112787247], [-0.85294109582901, -0.3235294222831726], [-0.1882352977991104, 0.2352941334247589], [-1.1705882549285889, -0.0058825016021728516], [-0.34705883264541626, 0.39411765336990356], [-1.4882352352142334, 0.3117647171020508], [-0.5058823823928833, 0.5529412031173706], [-1.8058823347091675, 0.6294116973876953], [-0.6647059321403503, 0.7117647528648376]], [[-4.211764812469482, -2.5176470279693604], [-0.8235294222831726, 0.8705883026123047], [-2.441176176071167, 1.2647056579589844], [-0.9823529720306396, 1.029411792755127], [-2.7588231563568115, 1.582352876663208], [-1.141176462173462, 1.1882352828979492], [-3.0764710903167725, 1.8999998569488525], [-1.3000001907348633, 1.3470587730407715], [-3.394117832183838, 2.217647075653076], [-1.458823561668396, 1.5058823823928833]]]),
    'conv_transpose1d_op': ('t', 'float32', [2, 12, 2], [[[-0.24117647111415863, -0.1352941244840622], [-0.029411764815449715, 0.07647059112787247], [-0.85294109582901, -0.3235294222831726], [-0.1882352977991104, 0.2352941334247589], [-1.1705882549285889, -0.0058825016021728516], [-0.34705883264541626, 0.39411765336990356], [-1.4882352352142334, 0.3117647171020508], [-0.5058823823928833, 0.5529412031173706], [-1.8058823347091675, 0.6294116973876953], [-0.6647059321403503, 0.7117647528648376], [2.088235378265381, 3.4647059440612793], [0.0, 0.0]], [[-4.211764812469482, -2.5176470279693604], [-0.8235294222831726, 0.8705883026123047], [-2.441176176071167, 1.2647056579589844], [-0.9823529720306396, 1.029411792755127], [-2.7588231563568115, 1.582352876663208], [-1.141176462173462, 1.1882352828979492], [-3.0764710903167725, 1.8999998569488525], [-1.3000001907348633, 1.3470587730407715], [-3.394117832183838, 2.217647075653076], [-1.458823561668396, 1.5058823823928833], [4.470588684082031, 7.435294151306152], [0.0, 0.0]]]),
    'conv_transpose2d': ('t', 'float32', [1, 8, 4, 3], [[[[-0.09130435436964035, -0.07391304522752762, -0.056521739810705185], [-0.5130435228347778, -0.40869563817977905, -0.30434784293174744], [-1.0695651769638062, -0.8260869383811951, -0.582608699798584], [-1.626086950302124, -1.2434782981872559, -0.8608695864677429]], [[0.01304347813129425, 0.030434781685471535, 0.04782608896493912], [0.11304348707199097, 0.21739131212234497, 0.321739137172699], [0.3913043737411499, 0.634782612323761, 0.8782609105110168], [0.6695652008056641, 1.0521738529205322, 1.4347827434539795]], [[-1.621739149093628, -1.3260868787765503, -1.0304348468780518], [-2.7391304969787598, -2.078260898590088, -1.417391300201416], [-3.295652151107788, -2.495652198791504, -1.6956522464752197], [-3.8521738052368164, -2.91304349899292, -1.9739129543304443]], [[0.15217390656471252, 0.4478260576725006, 0.7434782385826111], [1.226086974143982, 1.8869564533233643, 2.547826051712036], [1.5043479204177856, 2.3043477535247803, 3.1043477058410645], [1.7826086282730103, 2.7217390537261963, 3.660869598388672]], [[-3.1521739959716797, -2.578260898590088, -2.004348039627075], [-4.965217590332031, -3.747826099395752, -2.5304348468780518], [-5.5217390060424805, -4.16521692276001, -2.8086957931518555], [-6.078260898590088, -4.582608699798584, -3.08695650100708]], [[0.291304349899292, 0.865217387676239, 1.439130425453186], [2.3391306400299072, 3.5565216541290283, 4.7739129066467285], [2.617391347885132, 3.9739127159118652, 5.330434799194336], [2.8956522941589355, 4.391304016113281, 5.886956214904785]], [[-4.682608604431152, -3.830434799194336, -2.9782609939575195], [-7.1913042068481445, -5.417391300201416, -3.6434781551361084], [-7.74782657623291, -5.834782600402832, -3.921739101409912], [-8.30434799194336, -6.252173900604248, -4.199999809265137]], [[0.43043479323387146, 1.2826086282730103, 2.1347827911376953], [3.452173948287964, 5.226086616516113, 7.0], [3.7304348945617676, 5.6434783935546875, 7.556521892547607], [4.008695602416992, 6.0608696937561035, 8.113043785095215]]]]),
    'conv_transpose2d_dil': ('t', 'float32', [1, 6, 6, 1], [[[[-0.0714285746216774], [-0.41428571939468384], [-0.771428644657135], [-1.2285714149475098], [-0.2428571581840515], [-0.3571428656578064]], [[-1.4428571462631226], [-1.7857142686843872], [-2.6000001430511475], [-3.057142972946167], [-0.7000000476837158], [-0.8142857551574707]], [[-2.7714285850524902], [-3.0], [-4.057142734527588], [-4.057142734527588], [-0.37142860889434814], [-0.14285710453987122]], [[-3.6857144832611084], [-3.914285659790039], [-4.057142734527588], [-4.057142734527588], [0.5428571701049805], [0.7714285850524902]], [[0.9571428894996643], [1.0714285373687744], [4.028571605682373], [4.485713958740234], [3.528571367263794], [3.8714284896850586]], [[1.4142857789993286], [1.5285714864730835], [5.857142925262451], [6.314285755157471], [4.900000095367432], [5.242856979370117]]]]),
    'max_pool1d': ('t', 'float32', [2, 2, 3], [[[0.30000001192092896, 0.4000000059604645, 0.5], [0.8999999761581421, 1.0, 1.100000023841858]], [[1.7999999523162842, 1.899999976158142, 2.0], [2.4000000953674316, 2.5, 2.5999999046325684]]]),
    'max_pool2d_same': ('t', 'float32', [1, 2, 4, 2], [[[[1.7999999523162842, 1.899999976158142], [2.0, 2.0999999046325684], [2.200000047683716, 2.299999952316284], [2.200000047683716, 2.299999952316284]], [[2.5999999046325684, 2.700000047683716], [2.799999952316284, 2.9000000953674316], [3.0, 3.0999999046325684], [3.0, 3.0999999046325684]]]]),
    'max_pool2d_cf': ('t', 'float32', [1, 2, 2, 2], [[[[5.0, 7.0], [13.0, 15.0]], [[21.0, 23.0], [29.0, 31.0]]]]),
    'avg_pool1d': ('t', 'float32', [2, 4, 3], [[[0.15000000596046448, 0.25, 0.3499999940395355], [0.45000001788139343, 0.550000011920929, 0.6499999761581421], [0.75, 0.8500000238418579, 0.9500000476837158], [1.0499999523162842, 1.149999976158142, 1.25]], [[1.649999976158142, 1.75, 1.850000023841858], [1.9499999284744263, 2.049999952316284, 2.1500000953674316], [2.25, 2.3499999046325684, 2.4499998092651367], [2.5500001907348633, 2.6500000953674316, 2.75]]]),
    'avg_pool2d_same': ('t', 'float32', [1, 2, 2, 2], [[[[1.0, 1.0999999046325684], [1.3000000715255737, 1.399999976158142]], [[2.200000047683716, 2.299999952316284], [2.5, 2.5999999046325684]]]]),
    'avg_pool3d': ('t', 'float32', [2, 1, 1, 1, 1], [[[[[6.5]]]], [[[[33.5]]]]]),
    'adaptive_avg_1d': ('t', 'float32', [2, 3, 3], [[[0.15000000596046448, 0.25, 0.3499999940395355], [0.5999999642372131, 0.699999988079071, 0.800000011920929], [1.0499999523162842, 1.149999976158142, 1.25]], [[1.649999976158142, 1.75, 1.850000023841858], [2.1000001430511475, 2.200000047683716, 2.299999952316284], [2.5500001907348633, 2.6500000953674316, 2.75]]]),
    'adaptive_max_1d': ('t', 'float32', [2, 2, 3], [[[0.6000000238418579, 0.699999988079071, 0.800000011920929], [1.2000000476837158, 1.2999999523162842, 1.399999976158142]], [[2.0999999046325684, 2.200000047683716, 2.299999952316284], [2.700000047683716, 2.799999952316284, 2.9000000953674316]]]),
    'adaptive_avg_2d': ('t', 'float32', [1, 2, 3, 2], [[[[16.0, 17.0], [20.0, 21.0], [24.0, 25.0]], [[44.0, 45.0], [48.0, 49.0], [52.0, 53.0]]]]),
    'adaptive_max_2d_cf': ('t', 'float32', [1, 2, 3, 3], [[[[6.0, 8.0, 9.0], [16.0, 18.0, 19.0], [21.0, 23.0, 24.0]], [[31.0, 33.0, 34.0], [41.0, 43.0, 44.0], [46.0, 48.0, 49.0]]]]),
    'depth_to_space': ('t', 'float32', [1, 4, 4, 1], [[[[0.0], [1.0], [4.0], [5.0]], [[2.0], [3.0], [6.0], [7.0]], [[8.0], [9.0], [12.0], [13.0]], [[10.0], [11.0], [14.0], [15.0]]]]),
    'depth_to_space_cf': ('t', 'float32', [1, 1, 4, 4], [[[[0.0, 4.0, 1.0, 5.0], [8.0, 12.0, 9.0, 13.0], [2.0, 6.0, 3.0, 7.0], [10.0, 14.0, 11.0, 15.0]]]]),
    'space_to_depth': ('t', 'float32', [1, 2, 2, 4], [[[[0.0, 1.0, 4.0, 5.0], [2.0, 3.0, 6.0, 7.0]], [[8.0, 9.0, 12.0, 13.0], [10.0, 11.0, 14.0, 15.0]]]]),
    'space_to_depth_cf': ('t', 'float32', [1, 4, 2, 2], [[[[0.0, 2.0], [8.0, 10.0]], [[1.0, 3.0], [9.0, 11.0]], [[4.0, 6.0], [12.0, 14.0]], [[5.0, 7.0], [13.0, 15.0]]]]),
    'unfold': ('t', 'float32', [2, 8, 9], [[[0.0, 1.0, 2.0, 4.0, 5.0, 6.0, 8.0, 9.0, 10.0], [1.0, 2.0, 3.0, 5.0, 6.0, 7.0, 9.0, 10.0, 11.0], [4.0, 5.0, 6.0, 8.0, 9.0, 10.0, 12.0, 13.0, 14.0], [5.0, 6.0, 7.0, 9.0, 10.0, 11.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 20.0, 21.0, 22.0, 24.0, 25.0, 26.0], [17.0, 18.0, 19.0, 21.0, 22.0, 23.0, 25.0, 26.0, 27.0], [20.0, 21.0, 22.0, 24.0, 25.0, 26.0, 28.0, 29.0, 30.0], [21.0, 22.0, 23.0, 25.0, 26.0, 27.0, 29.0, 30.0, 31.0]], [[32.0, 33.0, 34.0, 36.0, 37.0, 38.0, 40.0, 41.0, 42.0], [33.0, 34.0, 35.0, 37.0, 38.0, 39.0, 41.0, 42.0, 43.0], [36.0, 37.0, 38.0, 40.0, 41.0, 42.0, 44.0, 45.0, 46.0], [37.0, 38.0, 39.0, 41.0, 42.0, 43.0, 45.0, 46.0, 47.0], [48.0, 49.0, 50.0, 52.0, 53.0, 54.0, 56.0, 57.0, 58.0], [49.0, 50.0, 51.0, 53.0, 54.0, 55.0, 57.0, 58.0, 59.0], [52.0, 53.0, 54.0, 56.0, 57.0, 58.0, 60.0, 61.0, 62.0], [53.0, 54.0, 55.0, 57.0, 58.0, 59.0, 61.0, 62.0, 63.0]]]),
    'unfold_args': ('t', 'float32', [1, 6, 9], [[[0.0, 0.0, 0.0, 0.0, 6.0, 8.0, 0.0, 16.0, 18.0], [0.0, 0.0, 0.0, 5.0, 7.0, 9.0, 15.0, 17.0, 19.0], [0.0, 0.0, 0.0, 6.0, 8.0, 0.0, 16.0, 18.0, 0.0], [0.0, 1.0, 3.0, 0.0, 11.0, 13.0, 0.0, 21.0, 23.0], [0.0, 2.0, 4.0, 10.0, 12.0, 14.0, 20.0, 22.0, 24.0], [1.0, 3.0, 0.0, 11.0, 13.0, 0.0, 21.0, 23.0, 0.0]]]),
    'fold': ('t', 'float32', [1, 1, 3, 3], [[[[0.0, 5.0, 5.0], [10.0, 30.0, 20.0], [10.0, 25.0, 15.0]]]]),
    'fold_args': ('t', 'float32', [1, 1, 5, 5], [[[[36.0, 73.0, 37.0, 75.0, 38.0], [12.0, 25.0, 13.0, 27.0, 14.0], [39.0, 79.0, 40.0, 81.0, 41.0], [15.0, 31.0, 16.0, 33.0, 17.0], [42.0, 85.0, 43.0, 87.0, 44.0]]]]),
    'moments': ('seq', [('t', 'float32', [2], [0.6666666865348816, 1.0]), ('t', 'float32', [2], [4.222222328186035, 24.66666603088379])]),
    'moments_keep': ('seq', [('t', 'float32', [1, 1], [[0.8333333134651184]]), ('t', 'float32', [1, 1], [[14.472222328186035]])]),
    'moments_f16': ('seq', [('t', 'float16', [], 2.333984375), ('t', 'float16', [], 1.5556640625)]),
    'batch_norm': ('t', 'float32', [2, 3], [[0.0, -0.9997501373291016, 0.0], [5.997002601623535, 2.499812602996826, -12.71521282196045]]),
    'batch_norm_ax0': ('t', 'float32', [2, 3], [[0.0, -2.9985013008117676, 1.999000906944275], [0.9998750686645508, 1.4998126029968262, -3.999500274658203]]),
    'normalize': ('t', 'float32', [2, 3], [[0.26726123690605164, -0.5345224738121033, 0.8017836809158325], [0.4558423161506653, 0.5698028802871704, -0.6837635040283203]]),
    'normalize_int': ('err', 'InvalidArgumentError', "Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half"),
    'normalize_l1': ('t', 'float32', [2, 3], [[0.1666666716337204, -0.3333333432674408, 0.5], [0.2666666805744171, 0.3333333432674408, -0.4000000059604645]]),
    'normalize_eps': ('t', 'float32', [1, 2], [[0.0, 9.999999974752427e-07]]),
    'rms_norm': ('t', 'float32', [2, 3], [[0.4629100561141968, -0.9258201122283936, 1.3887301683425903], [0.7895420789718628, 0.9869276285171509, -1.1843130588531494]]),
    'rms_norm_scale': ('t', 'float32', [2, 3], [[0.46286046504974365, -1.8514418601989746, 0.6942906975746155], [0.7895267009735107, 1.9738167524337769, -0.5921450257301331]]),
    'rms_norm_axes': ('t', 'float32', [2, 2, 2], [[[0.0, 0.5345224738121033], [1.0690449476242065, 1.603567361831665]], [[0.7126966714859009, 0.8908708095550537], [1.069045066833496, 1.247219204902649]]]),
    'layer_norm': ('t', 'float32', [2, 3], [[0.16222140192985535, -1.2977713346481323, 1.135549783706665], [0.6040405035018921, 0.8053873181343079, -1.4094278812408447]]),
    'layer_norm_gb': ('t', 'float32', [2, 3], [[0.16220220923423767, -1.5952353477478027, -0.43229228258132935], [0.6040282249450684, 2.6107420921325684, -1.7046996355056763]]),
    'layer_norm_ax0': ('t', 'float32', [2, 3], [[-2.0, -2.0, 2.0], [0.5, 0.5, -0.5]]),
    'layer_norm_f16': ('t', 'float16', [2, 3], [[0.1622314453125, -1.2978515625, 1.1357421875], [0.60400390625, 0.80517578125, -1.4091796875]]),
    'psnr': ('t', 'float32', [], 19.030899047851562),
    'polar': ('t', 'complex64', [2], [complex(1.0, 0.0), complex(1.0806045532226562, 1.6829419136047363)]),
    'dpa': ('t', 'float32', [1, 3, 2, 4], [[[[1.5307756662368774, 1.6307756900787354, 1.7307755947113037, 1.8307757377624512], [1.9792369604110718, 2.0792369842529297, 2.179236888885498, 2.2792370319366455]], [[0.7828385233879089, 0.8828384876251221, 0.9828384518623352, 1.082838535308838], [1.3511441946029663, 1.4511442184448242, 1.5511442422866821, 1.6511441469192505]], [[1.0291255712509155, 1.1291254758834839, 1.2291254997253418, 1.3291254043579102], [1.3949131965637207, 1.4949132204055786, 1.594913125038147, 1.6949131488800049]]]]),
    'dpa_scale_bias': ('t', 'float32', [1, 3, 2, 4], [[[[1.5854895114898682, 1.6854894161224365, 1.7854893207550049, 1.8854893445968628], [2.0259859561920166, 2.125986099243164, 2.2259860038757324, 2.325985908508301]], [[1.1885582208633423, 1.2885582447052002, 1.3885581493377686, 1.488558292388916], [1.6903678178787231, 1.790367841720581, 1.890367865562439, 1.9903678894042969]], [[1.2255712747573853, 1.3255712985992432, 1.4255712032318115, 1.525571346282959], [1.5784034729003906, 1.678403377532959, 1.778403401374817, 1.8784035444259644]]]]),
    'dpa_mask': ('t', 'float32', [1, 3, 2, 4], [[[[1.61077082157135, 1.710770845413208, 1.8107707500457764, 1.9107707738876343], [2.0346972942352295, 2.134697437286377, 2.2346973419189453, 2.3346972465515137]], [[0.7796077728271484, 0.8796077370643616, 0.9796077013015747, 1.0796077251434326], [1.3775426149368286, 1.477542757987976, 1.5775426626205444, 1.6775425672531128]], [[1.2476521730422974, 1.3476521968841553, 1.4476521015167236, 1.5476521253585815], [1.6658724546432495, 1.7658724784851074, 1.8658725023269653, 1.9658725261688232]]]]),
    'dpa_causal': ('t', 'float32', [1, 3, 2, 4], [[[[0.0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896], [0.4000000059604645, 0.5, 0.6000000238418579, 0.699999988079071]], [[0.1784510463476181, 0.2784510552883148, 0.37845104932785034, 0.47845107316970825], [0.5893834829330444, 0.6893834471702576, 0.7893834114074707, 0.8893833756446838]], [[0.8753060102462769, 0.9753060340881348, 1.0753059387207031, 1.175305962562561], [1.3007439374923706, 1.400743842124939, 1.5007438659667969, 1.6007438898086548]]]]),
    'dpa_gqa': ('t', 'float32', [1, 3, 4, 2], [[[[2.9853317737579346, 3.9853317737579346], [2.6617050170898438, 3.661705255508423], [5.191202640533447, 6.191202640533447], [6.653845310211182, 7.65384578704834]], [[2.21903657913208, 3.219036340713501], [5.755558013916016, 6.755558013916016], [6.646536827087402, 7.646536350250244], [6.087111949920654, 7.087111949920654]], [[5.577038764953613, 6.577038764953613], [4.468026161193848, 5.468026161193848], [6.161276817321777, 7.161276340484619], [5.060060024261475, 6.060060024261475]]]]),
    'ctc_decode': ('seq', [('t', 'int32', [1, 2, 5], [[[1, 1, 2, -1, -1], [2, 1, -1, -1, -1]]]), ('t', 'float32', [2, 1], [[1.9581446647644043], [3.442019462585449]])]),
    'ctc_decode_nomerge': ('seq', [('t', 'int32', [1, 2, 5], [[[1, 1, 1, 2, -1], [2, 1, 2, -1, -1]]]), ('t', 'float32', [2, 1], [[1.9581446647644043], [3.9528450965881348]])]),
    'ctc_decode_mask2': ('seq', [('t', 'int32', [1, 2, 5], [[[1, 0, -1, -1, -1], [0, 1, 0, -1, -1]]]), ('t', 'float32', [2, 1], [[1.378326177597046], [3.9528450965881348]])]),
    'ctc_decode_ties': ('seq', [('t', 'int32', [1, 1, 3], [[[0, -1, -1]]]), ('t', 'float32', [1, 1], [[0.0]])]),
    'rearrange_bchw': ('t', 'int64', [2, 2, 3, 4], [[[[0, 2, 4, 6], [8, 10, 12, 14], [16, 18, 20, 22]], [[1, 3, 5, 7], [9, 11, 13, 15], [17, 19, 21, 23]]], [[[24, 26, 28, 30], [32, 34, 36, 38], [40, 42, 44, 46]], [[25, 27, 29, 31], [33, 35, 37, 39], [41, 43, 45, 47]]]]),
    'rearrange_merge': ('t', 'int64', [3, 8, 2], [[[0, 1], [2, 3], [4, 5], [6, 7], [24, 25], [26, 27], [28, 29], [30, 31]], [[8, 9], [10, 11], [12, 13], [14, 15], [32, 33], [34, 35], [36, 37], [38, 39]], [[16, 17], [18, 19], [20, 21], [22, 23], [40, 41], [42, 43], [44, 45], [46, 47]]]),
    'rearrange_split': ('t', 'int64', [8, 2, 2, 1], [[[[0], [1]], [[4], [5]]], [[[2], [3]], [[6], [7]]], [[[8], [9]], [[12], [13]]], [[[10], [11]], [[14], [15]]], [[[16], [17]], [[20], [21]]], [[[18], [19]], [[22], [23]]], [[[24], [25]], [[28], [29]]], [[[26], [27]], [[30], [31]]]]),
    'rearrange_s2d': ('t', 'int64', [1, 2, 2, 8], [[[[0, 2, 8, 10, 1, 3, 9, 11], [4, 6, 12, 14, 5, 7, 13, 15]], [[16, 18, 24, 26, 17, 19, 25, 27], [20, 22, 28, 30, 21, 23, 29, 31]]]]),
    'affine_bilinear_constant': ('t', 'float32', [2, 5, 6, 2], [[[[1.8000000715255737, 2.299999952316284], [5.940593719482422, 6.94059419631958], [9.215686798095703, 10.215686798095703], [12.42718505859375, 13.427186012268066], [15.576923370361328, 16.576923370361328], [18.66666603088379, 19.666667938232422]], [[10.079999923706055, 10.780000686645508], [17.02970314025879, 18.02970314025879], [20.19607925415039, 21.196081161499023], [23.30097198486328, 24.30097198486328], [26.346153259277344, 27.346153259277344], [29.333335876464844, 30.333335876464844]], [[22.679996490478516, 23.579998016357422], [28.118812561035156, 29.118812561035156], [31.176469802856445, 32.17646789550781], [34.17475509643555, 35.17475509643555], [37.115386962890625, 38.115386962890625], [34.04079818725586, 34.89794158935547]], [[36.19999694824219, 37.20000076293945], [39.207916259765625, 40.207916259765625], [42.1568603515625, 43.1568603515625], [45.048545837402344, 46.048545837402344], [47.88461685180664, 48.88461685180664], [33.33332443237305, 33.99999237060547]], [[47.399993896484375, 48.39999771118164], [50.297027587890625, 51.297027587890625], [51.86465835571289, 52.84505081176758], [50.719215393066406, 51.64154815673828], [49.36017990112305, 50.22555923461914], [22.358253479003906, 22.743738174438477]]], [[[18.600000381469727, 18.900001525878906], [31.899999618530273, 32.400001525878906], [45.92000198364258, 46.62000274658203], [60.660003662109375, 61.56000518798828], [70.39999389648438, 71.39999389648438], [36.79999923706055, 37.30000305175781]], [[66.07843017578125, 67.07843017578125], [70.19607543945312, 71.19607543945312], [74.31372833251953, 75.31372833251953], [78.43138122558594, 79.4313735961914], [82.54901885986328, 83.54901885986328], [77.99308776855469, 78.8950424194336]], [[78.07691955566406, 79.07691955566406], [82.11538696289062, 83.11538696289062], [86.15384674072266, 87.15385437011719], [90.19231414794922, 91.19231414794922], [94.23076629638672, 95.23077392578125], [98.26923370361328, 99.26924133300781]], [[89.62264251708984, 90.62265014648438], [93.58490753173828, 94.58491516113281], [97.54717254638672, 98.54718017578125], [101.50944519042969, 102.50944519042969], [105.4717025756836, 106.47169494628906], [109.4339599609375, 110.4339599609375]], [[82.38682556152344, 83.20164489746094], [104.62962341308594, 105.62963104248047], [108.5185317993164, 109.51852416992188], [112.40740966796875, 113.40740966796875], [95.24687957763672, 96.08020782470703], [75.16117095947266, 75.80931854248047]]]]),
    'affine_big_bilinear_constant': ('t', 'float32', [2, 5, 6, 2], [[[[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [17.999998092651367, 18.999998092651367], [13.79999828338623, 14.79999828338623], [9.59999942779541, 10.59999942779541]], [[-1.0, -1.0], [-1.0, -1.0], [7.600001811981201, 7.800001621246338], [36.20000076293945, 37.19999694824219], [31.999996185302734, 32.999996185302734], [27.799999237060547, 28.799999237060547]], [[-1.0, -1.0], [-1.0, -1.0], [3.410017490386963, 3.5000181198120117], [35.26001739501953, 35.96001434326172], [50.20000076293945, 51.19999694824219], [46.0, 47.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [25.54998779296875, 25.999988555908203]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]]], [[[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [82.02002716064453, 82.72003173828125], [62.238380432128906, 62.78293991088867]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [86.69721221923828, 87.49313354492188], [109.09089660644531, 110.09090423583984]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [35.46879577636719, 35.84379577636719], [97.11338806152344, 98.11338806152344]]]]),
    'affine_bilinear_nearest': ('t', 'float32', [2, 5, 6, 2], [[[[3.6000001430511475, 4.599999904632568], [5.940593719482422, 6.94059419631958], [9.215686798095703, 10.215686798095703], [12.42718505859375, 13.427186012268066], [15.576923370361328, 16.576923370361328], [18.66666603088379, 19.666667938232422]], [[14.40000057220459, 15.40000057220459], [17.02970314025879, 18.02970314025879], [20.19607925415039, 21.196081161499023], [23.30097198486328, 24.30097198486328], [26.346153259277344, 27.346153259277344], [29.333335876464844, 30.333335876464844]], [[25.19999885559082, 26.19999885559082], [28.118812561035156, 29.118812561035156], [31.176469802856445, 32.17646789550781], [34.17475509643555, 35.17475509643555], [37.115386962890625, 38.115386962890625], [39.71428680419922, 40.71428680419922]], [[36.19999694824219, 37.20000076293945], [39.207916259765625, 40.207916259765625], [42.1568603515625, 43.1568603515625], [45.048545837402344, 46.048545837402344], [47.88461685180664, 48.88461685180664], [50.0, 51.0]], [[47.399993896484375, 48.39999771118164], [50.297027587890625, 51.297027587890625], [52.90196228027344, 53.90196228027344], [54.990291595458984, 55.990291595458984], [57.0384635925293, 58.03845977783203], [58.0, 59.0]]], [[[62.0, 63.0], [63.79999923706055, 64.80000305175781], [65.5999984741211, 66.5999984741211], [67.4000015258789, 68.4000015258789], [70.39999389648438, 71.39999389648438], [73.5999984741211, 74.60000610351562]], [[66.07843017578125, 67.07843017578125], [70.19607543945312, 71.19607543945312], [74.31372833251953, 75.31372833251953], [78.43138122558594, 79.4313735961914], [82.54901885986328, 83.54901885986328], [86.47058868408203, 87.47058868408203]], [[78.07691955566406, 79.07691955566406], [82.11538696289062, 83.11538696289062], [86.15384674072266, 87.15385437011719], [90.19231414794922, 91.19231414794922], [94.23076629638672, 95.23077392578125], [98.26923370361328, 99.26924133300781]], [[89.62264251708984, 90.62265014648438], [93.58490753173828, 94.58491516113281], [97.54717254638672, 98.54718017578125], [101.50944519042969, 102.50944519042969], [105.4717025756836, 106.47169494628906], [109.4339599609375, 110.4339599609375]], [[101.1111068725586, 102.1111068725586], [104.62962341308594, 105.62963104248047], [108.5185317993164, 109.51852416992188], [112.40740966796875, 113.40740966796875], [114.29629516601562, 115.29629516601562], [115.96296691894531, 116.96296691894531]]]]),
    'affine_big_bilinear_nearest': ('t', 'float32', [2, 5, 6, 2], [[[[39.599998474121094, 40.599998474121094], [32.39999771118164, 33.39999771118164], [25.19999885559082, 26.19999885559082], [17.999998092651367, 18.999998092651367], [13.79999828338623, 14.79999828338623], [9.59999942779541, 10.59999942779541]], [[48.0, 49.0], [48.0, 49.0], [42.0, 43.0], [36.20000076293945, 37.19999694824219], [31.999996185302734, 32.999996185302734], [27.799999237060547, 28.799999237060547]], [[48.0, 49.0], [48.0, 49.0], [48.0, 49.0], [50.80000305175781, 51.79999923706055], [50.20000076293945, 51.19999694824219], [46.0, 47.0]], [[48.0, 49.0], [48.0, 49.0], [49.20000076293945, 50.19999694824219], [52.19999694824219, 53.20000076293945], [55.20000076293945, 56.19999694824219], [58.0, 59.0]], [[48.0, 49.0], [48.0, 49.0], [50.60000228881836, 51.599998474121094], [53.60000228881836, 54.60000228881836], [56.599998474121094, 57.60000228881836], [58.0, 59.0]]], [[[118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [116.07691955566406, 117.0769271850586], [113.71428680419922, 114.71427917480469]], [[118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [116.82353210449219, 117.82353210449219], [114.40777587890625, 115.40776824951172]], [[113.75, 114.75], [115.773193359375, 116.773193359375], [117.75509643554688, 118.75509643554688], [118.0, 119.0], [117.5999984741211, 118.5999984741211], [115.12870788574219, 116.12871551513672]], [[100.63829803466797, 101.63829040527344], [102.84210205078125, 103.84209442138672], [105.0, 105.99999237060547], [107.1134033203125, 108.11339569091797], [109.18367004394531, 110.18367004394531], [109.09089660644531, 110.09090423583984]], [[86.95651245117188, 87.95651245117188], [89.35482788085938, 90.35482788085938], [91.7021255493164, 92.70211791992188], [94.0, 95.0], [96.25, 97.25], [97.11338806152344, 98.11338806152344]]]]),
    'affine_bilinear_wrap': ('t', 'float32', [2, 5, 6, 2], [[[[13.600000381469727, 14.600000381469727], [5.940593719482422, 6.94059419631958], [9.215686798095703, 10.215686798095703], [12.42718505859375, 13.427186012268066], [15.576923370361328, 16.576923370361328], [18.66666603088379, 19.666667938232422]], [[24.399999618530273, 25.400001525878906], [17.02970314025879, 18.02970314025879], [20.19607925415039, 21.196081161499023], [23.30097198486328, 24.30097198486328], [26.346153259277344, 27.346153259277344], [29.333335876464844, 30.333335876464844]], [[35.19999694824219, 36.20000076293945], [28.118812561035156, 29.118812561035156], [31.176469802856445, 32.17646789550781], [34.17475509643555, 35.17475509643555], [37.115386962890625, 38.115386962890625], [29.71428680419922, 30.71428680419922]], [[36.19999694824219, 37.20000076293945], [39.207916259765625, 40.207916259765625], [42.1568603515625, 43.1568603515625], [45.048545837402344, 46.048545837402344], [47.88461685180664, 48.88461685180664], [40.0, 41.0]], [[47.399993896484375, 48.39999771118164], [50.297027587890625, 51.297027587890625], [4.901960849761963, 5.901960849761963], [6.990292072296143, 7.990291595458984], [9.03846263885498, 10.03846263885498], [0.0, 1.0]]], [[[110.0, 111.0], [111.79999542236328, 112.80000305175781], [113.60000610351562, 114.5999984741211], [115.4000015258789, 116.4000015258789], [70.39999389648438, 71.39999389648438], [63.599998474121094, 64.60000610351562]], [[66.07843017578125, 67.07843017578125], [70.19607543945312, 71.19607543945312], [74.31372833251953, 75.31372833251953], [78.43138122558594, 79.4313735961914], [82.54901885986328, 83.54901885986328], [76.47058868408203, 77.47058868408203]], [[78.07691955566406, 79.07691955566406], [82.11538696289062, 83.11538696289062], [86.15384674072266, 87.15385437011719], [90.19231414794922, 91.19231414794922], [94.23076629638672, 95.23077392578125], [98.26923370361328, 99.26924133300781]], [[89.62264251708984, 90.62265014648438], [93.58490753173828, 94.58491516113281], [97.54717254638672, 98.54718017578125], [101.50944519042969, 102.50944519042969], [105.4717025756836, 106.47169494628906], [109.4339599609375, 110.4339599609375]], [[111.1111068725586, 112.1111068725586], [104.62962341308594, 105.62963104248047], [108.5185317993164, 109.51852416992188], [112.40740966796875, 113.40740966796875], [66.29629516601562, 67.29629516601562], [67.96296691894531, 68.96296691894531]]]]),
    'affine_big_bilinear_wrap': ('t', 'float32', [2, 5, 6, 2], [[[[42.599998474121094, 43.599998474121094], [38.39999771118164, 39.39999771118164], [34.19999694824219, 35.19999694824219], [17.999998092651367, 18.999998092651367], [13.79999828338623, 14.79999828338623], [9.59999942779541, 10.59999942779541]], [[4.400000095367432, 5.400000095367432], [7.400000095367432, 8.399999618530273], [52.0, 53.0], [36.20000076293945, 37.19999694824219], [31.999996185302734, 32.999996185302734], [27.799999237060547, 28.799999237060547]], [[18.999998092651367, 20.0], [14.799999237060547, 15.80000114440918], [10.0, 11.0], [2.8000001907348633, 3.8000001907348633], [50.20000076293945, 51.19999694824219], [46.0, 47.0]], [[37.19999694824219, 38.20000076293945], [32.79999542236328, 33.79999542236328], [16.79999542236328, 17.79999542236328], [12.599998474121094, 13.599996566772461], [8.399993896484375, 9.399993896484375], [0.0, 1.0]], [[8.600000381469727, 9.600000381469727], [10.0, 11.0], [34.999996185302734, 35.999996185302734], [30.799991607666016, 31.79999542236328], [26.599998474121094, 27.60000228881836], [10.799995422363281, 11.799995422363281]]], [[[74.39999389648438, 75.39999389648438], [73.54454803466797, 74.54454803466797], [72.70588684082031, 73.70588684082031], [73.39805603027344, 74.39805603027344], [83.07691955566406, 84.0769271850586], [82.28570556640625, 83.28572082519531]], [[66.9795913696289, 67.9795913696289], [64.36363983154297, 65.36363983154297], [61.79999923706055, 62.79999542236328], [61.78217697143555, 62.78217697143555], [72.35294342041016, 73.35294342041016], [71.6504898071289, 72.6504898071289]], [[103.75, 104.75], [111.0927734375, 112.0927734375], [110.448974609375, 111.448974609375], [60.121212005615234, 61.12120819091797], [69.5999984741211, 70.5999984741211], [67.12870788574219, 68.12870788574219]], [[90.63829040527344, 91.63829040527344], [99.15788269042969, 100.15789794921875], [98.625, 99.625], [98.10308837890625, 99.10308074951172], [99.18367004394531, 100.18367004394531], [109.09089660644531, 110.09090423583984]], [[76.9565200805664, 77.95651245117188], [86.70967102050781, 87.70967102050781], [86.2978744506836, 87.29786682128906], [85.89472961425781, 86.89472961425781], [86.25, 87.25], [97.11338806152344, 98.11338806152344]]]]),
    'affine_bilinear_reflect': ('t', 'float32', [2, 5, 6, 2], [[[[3.6000001430511475, 4.599999904632568], [5.940593719482422, 6.94059419631958], [9.215686798095703, 10.215686798095703], [12.42718505859375, 13.427186012268066], [15.576923370361328, 16.576923370361328], [18.66666603088379, 19.666667938232422]], [[14.40000057220459, 15.40000057220459], [17.02970314025879, 18.02970314025879], [20.19607925415039, 21.196081161499023], [23.30097198486328, 24.30097198486328], [26.346153259277344, 27.346153259277344], [29.333335876464844, 30.333335876464844]], [[25.19999885559082, 26.19999885559082], [28.118812561035156, 29.118812561035156], [31.176469802856445, 32.17646789550781], [34.17475509643555, 35.17475509643555], [37.115386962890625, 38.115386962890625], [39.71428680419922, 40.71428680419922]], [[36.19999694824219, 37.20000076293945], [39.207916259765625, 40.207916259765625], [42.1568603515625, 43.1568603515625], [45.048545837402344, 46.048545837402344], [47.88461685180664, 48.88461685180664], [50.0, 51.0]], [[47.399993896484375, 48.39999771118164], [50.297027587890625, 51.297027587890625], [52.90196228027344, 53.90196228027344], [54.990291595458984, 55.990291595458984], [57.0384635925293, 58.03845977783203], [58.0, 59.0]]], [[[62.0, 63.0], [63.79999923706055, 64.80000305175781], [65.5999984741211, 66.5999984741211], [67.4000015258789, 68.4000015258789], [70.39999389648438, 71.39999389648438], [73.5999984741211, 74.60000610351562]], [[66.07843017578125, 67.07843017578125], [70.19607543945312, 71.19607543945312], [74.31372833251953, 75.31372833251953], [78.43138122558594, 79.4313735961914], [82.54901885986328, 83.54901885986328], [86.47058868408203, 87.47058868408203]], [[78.07691955566406, 79.07691955566406], [82.11538696289062, 83.11538696289062], [86.15384674072266, 87.15385437011719], [90.19231414794922, 91.19231414794922], [94.23076629638672, 95.23077392578125], [98.26923370361328, 99.26924133300781]], [[89.62264251708984, 90.62265014648438], [93.58490753173828, 94.58491516113281], [97.54717254638672, 98.54718017578125], [101.50944519042969, 102.50944519042969], [105.4717025756836, 106.47169494628906], [109.4339599609375, 110.4339599609375]], [[101.1111068725586, 102.1111068725586], [104.62962341308594, 105.62963104248047], [108.5185317993164, 109.51852416992188], [112.40740966796875, 113.40740966796875], [114.29629516601562, 115.29629516601562], [115.96296691894531, 116.96296691894531]]]]),
    'affine_big_bilinear_reflect': ('t', 'float32', [2, 5, 6, 2], [[[[46.599998474121094, 47.599998474121094], [36.39999771118164, 37.39999771118164], [26.19999885559082, 27.199996948242188], [17.999998092651367, 18.999998092651367], [13.79999828338623, 14.79999828338623], [9.59999942779541, 10.59999942779541]], [[53.599998474121094, 54.599998474121094], [50.60000228881836, 51.599998474121094], [42.0, 43.0], [36.20000076293945, 37.19999694824219], [31.999996185302734, 32.999996185302734], [27.799999237060547, 28.799999237060547]], [[39.0, 40.000003814697266], [43.19999694824219, 44.19999694824219], [48.0, 49.0], [50.80000305175781, 51.79999923706055], [50.20000076293945, 51.19999694824219], [46.0, 47.0]], [[20.799999237060547, 21.799999237060547], [25.20000457763672, 26.20000457763672], [33.60000228881836, 34.60000228881836], [43.80000305175781, 44.80000305175781], [54.00000762939453, 55.000003814697266], [58.0, 59.0]], [[2.6000046730041504, 3.6000046730041504], [8.39999771118164, 9.39999771118164], [18.200002670288086, 19.200000762939453], [28.400007247924805, 29.400009155273438], [38.599998474121094, 39.60000228881836], [47.20000457763672, 48.20000457763672]]], [[[103.60000610351562, 104.60000610351562], [104.45545959472656, 105.45545959472656], [105.29411315917969, 106.29412078857422], [104.60194396972656, 105.60194396972656], [101.07691955566406, 102.0769271850586], [97.14285278320312, 98.14286041259766]], [[111.0204086303711, 112.0204086303711], [113.63636016845703, 114.63636779785156], [116.19999694824219, 117.20000457763672], [116.21781921386719, 117.21781921386719], [113.29412078857422, 114.29412841796875], [109.16505432128906, 110.16504669189453]], [[105.75, 106.75], [110.45361328125, 111.45360565185547], [115.06121826171875, 116.06121826171875], [117.87879180908203, 118.87879180908203], [117.5999984741211, 118.5999984741211], [115.12870788574219, 116.12871551513672]], [[91.574462890625, 92.574462890625], [96.52631378173828, 97.52630615234375], [101.375, 102.375], [106.12370300292969, 107.12371063232422], [109.18367004394531, 110.18367004394531], [109.09089660644531, 110.09090423583984]], [[76.9565200805664, 77.95651245117188], [81.99998474121094, 82.99998474121094], [87.10637664794922, 88.10638427734375], [92.10526275634766, 93.10527038574219], [96.25, 97.25], [97.11338806152344, 98.11338806152344]]]]),
    'affine_nearest_constant': ('t', 'float32', [2, 5, 6, 2], [[[[0.0, 0.0], [2.0, 3.0], [4.0, 5.0], [18.0, 19.0], [20.0, 21.0], [22.0, 23.0]], [[12.0, 13.0], [14.0, 15.0], [16.0, 17.0], [18.0, 19.0], [32.0, 33.0], [34.0, 35.0]], [[24.0, 25.0], [26.0, 27.0], [28.0, 29.0], [30.0, 31.0], [32.0, 33.0], [34.0, 35.0]], [[36.0, 37.0], [38.0, 39.0], [40.0, 41.0], [42.0, 43.0], [44.0, 45.0], [46.0, 47.0]], [[48.0, 49.0], [50.0, 51.0], [52.0, 53.0], [54.0, 55.0], [58.0, 59.0], [0.0, 0.0]]], [[[0.0, 0.0], [0.0, 0.0], [66.0, 67.0], [68.0, 69.0], [70.0, 71.0], [0.0, 0.0]], [[62.0, 63.0], [76.0, 77.0], [76.0, 77.0], [78.0, 79.0], [80.0, 81.0], [82.0, 83.0]], [[72.0, 73.0], [86.0, 87.0], [88.0, 89.0], [90.0, 91.0], [92.0, 93.0], [94.0, 95.0]], [[84.0, 85.0], [98.0, 99.0], [100.0, 101.0], [102.0, 103.0], [102.0, 103.0], [104.0, 105.0]], [[96.0, 97.0], [110.0, 111.0], [110.0, 111.0], [112.0, 113.0], [114.0, 115.0], [116.0, 117.0]]]]),
    'affine_big_nearest_constant': ('t', 'float32', [2, 5, 6, 2], [[[[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [12.0, 13.0], [16.0, 17.0], [6.0, 7.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [38.0, 39.0], [28.0, 29.0], [32.0, 33.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [50.0, 51.0], [54.0, 55.0], [44.0, 45.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]]], [[[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [118.0, 119.0], [116.0, 117.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [106.0, 107.0], [104.0, 105.0]], [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0], [92.0, 93.0]]]]),
    'affine_nearest_nearest': ('t', 'float32', [2, 5, 6, 2], [[[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [18.0, 19.0], [20.0, 21.0], [22.0, 23.0]], [[12.0, 13.0], [14.0, 15.0], [16.0, 17.0], [18.0, 19.0], [32.0, 33.0], [34.0, 35.0]], [[24.0, 25.0], [26.0, 27.0], [28.0, 29.0], [30.0, 31.0], [32.0, 33.0], [34.0, 35.0]], [[36.0, 37.0], [38.0, 39.0], [40.0, 41.0], [42.0, 43.0], [44.0, 45.0], [46.0, 47.0]], [[48.0, 49.0], [50.0, 51.0], [52.0, 53.0], [54.0, 55.0], [58.0, 59.0], [58.0, 59.0]]], [[[62.0, 63.0], [64.0, 65.0], [66.0, 67.0], [68.0, 69.0], [70.0, 71.0], [70.0, 71.0]], [[62.0, 63.0], [76.0, 77.0], [76.0, 77.0], [78.0, 79.0], [80.0, 81.0], [82.0, 83.0]], [[72.0, 73.0], [86.0, 87.0], [88.0, 89.0], [90.0, 91.0], [92.0, 93.0], [94.0, 95.0]], [[84.0, 85.0], [98.0, 99.0], [100.0, 101.0], [102.0, 103.0], [102.0, 103.0], [104.0, 105.0]], [[96.0, 97.0], [110.0, 111.0], [110.0, 111.0], [112.0, 113.0], [114.0, 115.0], [116.0, 117.0]]]]),
    'affine_big_nearest_nearest': ('t', 'float32', [2, 5, 6, 2], [[[[36.0, 37.0], [36.0, 37.0], [24.0, 25.0], [12.0, 13.0], [16.0, 17.0], [6.0, 7.0]], [[48.0, 49.0], [48.0, 49.0], [48.0, 49.0], [38.0, 39.0], [28.0, 29.0], [32.0, 33.0]], [[48.0, 49.0], [48.0, 49.0], [48.0, 49.0], [50.0, 51.0], [54.0, 55.0], [44.0, 45.0]], [[48.0, 49.0], [48.0, 49.0], [50.0, 51.0], [52.0, 53.0], [56.0, 57.0], [58.0, 59.0]], [[48.0, 49.0], [48.0, 49.0], [50.0, 51.0], [54.0, 55.0], [56.0, 57.0], [58.0, 59.0]]], [[[118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [116.0, 117.0], [114.0, 115.0]], [[118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [116.0, 117.0], [114.0, 115.0]], [[118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [118.0, 119.0], [116.0, 117.0]], [[106.0, 107.0], [106.0, 107.0], [106.0, 107.0], [106.0, 107.0], [106.0, 107.0], [104.0, 105.0]], [[82.0, 83.0], [94.0, 95.0], [94.0, 95.0], [94.0, 95.0], [94.0, 95.0], [92.0, 93.0]]]]),
    'affine_nearest_wrap': ('t', 'float32', [2, 5, 6, 2], [[[[10.0, 11.0], [2.0, 3.0], [4.0, 5.0], [18.0, 19.0], [20.0, 21.0], [22.0, 23.0]], [[22.0, 23.0], [14.0, 15.0], [16.0, 17.0], [18.0, 19.0], [32.0, 33.0], [34.0, 35.0]], [[34.0, 35.0], [26.0, 27.0], [28.0, 29.0], [30.0, 31.0], [32.0, 33.0], [24.0, 25.0]], [[36.0, 37.0], [38.0, 39.0], [40.0, 41.0], [42.0, 43.0], [44.0, 45.0], [36.0, 37.0]], [[48.0, 49.0], [50.0, 51.0], [4.0, 5.0], [6.0, 7.0], [10.0, 11.0], [0.0, 1.0]]], [[[110.0, 111.0], [112.0, 113.0], [114.0, 115.0], [116.0, 117.0], [70.0, 71.0], [60.0, 61.0]], [[62.0, 63.0], [76.0, 77.0], [76.0, 77.0], [78.0, 79.0], [80.0, 81.0], [72.0, 73.0]], [[72.0, 73.0], [86.0, 87.0], [88.0, 89.0], [90.0, 91.0], [92.0, 93.0], [94.0, 95.0]], [[84.0, 85.0], [98.0, 99.0], [100.0, 101.0], [102.0, 103.0], [102.0, 103.0], [104.0, 105.0]], [[106.0, 107.0], [110.0, 111.0], [110.0, 111.0], [112.0, 113.0], [66.0, 67.0], [68.0, 69.0]]]]),
    'affine_big_nearest_wrap': ('t', 'float32', [2, 5, 6, 2], [[[[40.0, 41.0], [42.0, 43.0], [34.0, 35.0], [12.0, 13.0], [16.0, 17.0], [6.0, 7.0]], [[4.0, 5.0], [8.0, 9.0], [58.0, 59.0], [38.0, 39.0], [28.0, 29.0], [32.0, 33.0]], [[18.0, 19.0], [20.0, 21.0], [10.0, 11.0], [2.0, 3.0], [54.0, 55.0], [44.0, 45.0]], [[44.0, 45.0], [34.0, 35.0], [14.0, 15.0], [16.0, 17.0], [8.0, 9.0], [0.0, 1.0]], [[8.0, 9.0], [10.0, 11.0], [38.0, 39.0], [30.0, 31.0], [32.0, 33.0], [12.0, 13.0]]], [[[78.0, 79.0], [76.0, 77.0], [72.0, 73.0], [72.0, 73.0], [80.0, 81.0], [78.0, 79.0]], [[66.0, 67.0], [64.0, 65.0], [62.0, 63.0], [60.0, 61.0], [68.0, 69.0], [66.0, 67.0]], [[108.0, 109.0], [114.0, 115.0], [110.0, 111.0], [60.0, 61.0], [70.0, 71.0], [68.0, 69.0]], [[96.0, 97.0], [102.0, 103.0], [100.0, 101.0], [96.0, 97.0], [96.0, 97.0], [104.0, 105.0]], [[72.0, 73.0], [92.0, 93.0], [88.0, 89.0], [86.0, 87.0], [84.0, 85.0], [92.0, 93.0]]]]),
    'affine_nearest_reflect': ('t', 'float32', [2, 5, 6, 2], [[[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [18.0, 19.0], [20.0, 21.0], [22.0, 23.0]], [[12.0, 13.0], [14.0, 15.0], [16.0, 17.0], [18.0, 19.0], [32.0, 33.0], [34.0, 35.0]], [[24.0, 25.0], [26.0, 27.0], [28.0, 29.0], [30.0, 31.0], [32.0, 33.0], [34.0, 35.0]], [[36.0, 37.0], [38.0, 39.0], [40.0, 41.0], [42.0, 43.0], [44.0, 45.0], [46.0, 47.0]], [[48.0, 49.0], [50.0, 51.0], [52.0, 53.0], [54.0, 55.0], [58.0, 59.0], [58.0, 59.0]]], [[[62.0, 63.0], [64.0, 65.0], [66.0, 67.0], [68.0, 69.0], [70.0, 71.0], [70.0, 71.0]], [[62.0, 63.0], [76.0, 77.0], [76.0, 77.0], [78.0, 79.0], [80.0, 81.0], [82.0, 83.0]], [[72.0, 73.0], [86.0, 87.0], [88.0, 89.0], [90.0, 91.0], [92.0, 93.0], [94.0, 95.0]], [[84.0, 85.0], [98.0, 99.0], [100.0, 101.0], [102.0, 103.0], [102.0, 103.0], [104.0, 105.0]], [[96.0, 97.0], [110.0, 111.0], [110.0, 111.0], [112.0, 113.0], [114.0, 115.0], [116.0, 117.0]]]]),
    'affine_big_nearest_reflect': ('t', 'float32', [2, 5, 6, 2], [[[[44.0, 45.0], [40.0, 41.0], [26.0, 27.0], [12.0, 13.0], [16.0, 17.0], [6.0, 7.0]], [[54.0, 55.0], [50.0, 51.0], [48.0, 49.0], [38.0, 39.0], [28.0, 29.0], [32.0, 33.0]], [[40.0, 41.0], [50.0, 51.0], [48.0, 49.0], [50.0, 51.0], [54.0, 55.0], [44.0, 45.0]], [[26.0, 27.0], [24.0, 25.0], [38.0, 39.0], [40.0, 41.0], [56.0, 57.0], [58.0, 59.0]], [[2.0, 3.0], [12.0, 13.0], [14.0, 15.0], [30.0, 31.0], [44.0, 45.0], [46.0, 47.0]]], [[[100.0, 101.0], [102.0, 103.0], [106.0, 107.0], [106.0, 107.0], [104.0, 105.0], [102.0, 103.0]], [[112.0, 113.0], [114.0, 115.0], [116.0, 117.0], [118.0, 119.0], [116.0, 117.0], [114.0, 115.0]], [[110.0, 111.0], [112.0, 113.0], [116.0, 117.0], [118.0, 119.0], [118.0, 119.0], [116.0, 117.0]], [[96.0, 97.0], [100.0, 101.0], [102.0, 103.0], [106.0, 107.0], [106.0, 107.0], [104.0, 105.0]], [[72.0, 73.0], [86.0, 87.0], [90.0, 91.0], [92.0, 93.0], [94.0, 95.0], [92.0, 93.0]]]]),
    'affine_single': ('t', 'float32', [5, 6, 2], [[[1.8000000715255737, 2.299999952316284], [5.940593719482422, 6.94059419631958], [9.215686798095703, 10.215686798095703], [12.42718505859375, 13.427186012268066], [15.576923370361328, 16.576923370361328], [18.66666603088379, 19.666667938232422]], [[10.079999923706055, 10.780000686645508], [17.02970314025879, 18.02970314025879], [20.19607925415039, 21.196081161499023], [23.30097198486328, 24.30097198486328], [26.346153259277344, 27.346153259277344], [29.333335876464844, 30.333335876464844]], [[22.679996490478516, 23.579998016357422], [28.118812561035156, 29.118812561035156], [31.176469802856445, 32.17646789550781], [34.17475509643555, 35.17475509643555], [37.115386962890625, 38.115386962890625], [34.04079818725586, 34.89794158935547]], [[36.19999694824219, 37.20000076293945], [39.207916259765625, 40.207916259765625], [42.1568603515625, 43.1568603515625], [45.048545837402344, 46.048545837402344], [47.88461685180664, 48.88461685180664], [33.33332443237305, 33.99999237060547]], [[47.399993896484375, 48.39999771118164], [50.297027587890625, 51.297027587890625], [51.86465835571289, 52.84505081176758], [50.719215393066406, 51.64154815673828], [49.36017990112305, 50.22555923461914], [22.358253479003906, 22.743738174438477]]]),
    'affine_u8': ('t', 'uint8', [5, 6, 1], [[[2], [6], [13], [23], [36], [23]], [[21], [35], [50], [64], [78], [83]], [[63], [77], [91], [105], [119], [133]], [[103], [117], [131], [145], [159], [173]], [[117], [156], [169], [183], [158], [126]]]),
    'affine_cf': ('t', 'float32', [1, 2, 5, 6], [[[[0.9000000357627869, 2.970296859741211, 4.607843399047852, 6.213592529296875, 7.788461685180664, 9.333333015441895], [5.039999961853027, 8.514851570129395, 10.098039627075195, 11.65048599243164, 13.173076629638672, 14.666667938232422], [11.339998245239258, 14.059406280517578, 15.588234901428223, 17.087377548217773, 18.557693481445312, 17.02039909362793], [18.099998474121094, 19.603958129882812, 21.07843017578125, 22.524272918701172, 23.94230842590332, 16.666662216186523], [23.699996948242188, 25.148513793945312, 25.932329177856445, 25.359607696533203, 24.680089950561523, 11.179126739501953]], [[15.899999618530273, 32.970298767089844, 34.60784149169922, 36.213592529296875, 37.78845977783203, 39.333335876464844], [26.03999900817871, 38.51485061645508, 40.09804153442383, 41.65048599243164, 43.173072814941406, 44.66666793823242], [38.34000015258789, 44.05940246582031, 45.588233947753906, 47.087379455566406, 48.55769348144531, 42.73467254638672], [48.099998474121094, 49.60395812988281, 51.07843017578125, 52.52427291870117, 53.94231033325195, 36.666656494140625], [53.69999694824219, 55.14851379394531, 55.34408950805664, 53.02952194213867, 50.6416130065918, 22.743738174438477]]]]),
    'affine_proj0': ('t', 'float32', [2, 5, 6, 2], [[[[0.0, 1.0], [4.0, 5.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[12.0, 13.0], [28.0, 29.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[24.0, 25.0], [52.0, 53.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[36.0, 37.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[48.0, 49.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]], [[[60.0, 61.0], [64.0, 65.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[72.0, 73.0], [88.0, 89.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[84.0, 85.0], [112.0, 113.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[96.0, 97.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[108.0, 109.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]]]),
    'affine_width1': ('t', 'float32', [4, 1, 1], [[[0.2999999523162842]], [[0.0]], [[0.7000000476837158]], [[1.7000000476837158]]]),
    'perspective': ('t', 'float32', [2, 5, 6, 2], [[[[1.801906704902649, 2.0729472637176514], [2.9131464884812885e-07, 1.000000238418579], [0.2977733612060547, 0.42784613370895386], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[12.063895225524902, 12.608345031738281], [19.938840866088867, 20.9388427734375], [18.06334114074707, 19.06334114074707], [15.148633003234863, 16.14863395690918], [9.999995231628418, 10.999994277954102], [0.0, 0.0]], [[24.583602905273438, 25.32330894470215], [33.328983306884766, 34.328983306884766], [34.15974426269531, 35.15974426269531], [35.34314727783203, 36.343143463134766], [37.164207458496094, 38.164207458496094], [0.0, 0.0]], [[36.81010055541992, 37.69622802734375], [42.941612243652344, 43.941612243652344], [45.04874801635742, 46.04874801635742], [47.88072967529297, 48.88072967529297], [51.889305114746094, 52.889305114746094], [57.99997329711914, 58.99997329711914]], [[48.0, 49.0], [43.696231842041016, 44.589805603027344], [38.03464126586914, 38.79490280151367], [30.292036056518555, 30.88042640686035], [19.149951934814453, 19.508373260498047], [1.9597591161727905, 1.9946510791778564]]], [[[18.064332962036133, 18.335372924804688], [59.999996185302734, 60.999996185302734], [8.102139472961426, 8.232213020324707], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]], [[44.73093032836914, 45.2753791809082], [79.93883514404297, 80.9388427734375], [78.06333923339844, 79.06333923339844], [75.14862823486328, 76.14862823486328], [69.99996948242188, 70.99996948242188], [0.0, 0.0]], [[68.96600341796875, 69.70570373535156], [93.3289794921875, 94.3289794921875], [94.15974426269531, 95.15974426269531], [95.3431396484375, 96.34314727783203], [97.1642074584961, 98.1642074584961], [0.0, 0.0]], [[89.97779846191406, 90.86392974853516], [102.94161987304688, 103.94161987304688], [105.04875183105469, 106.04874420166016], [107.88072967529297, 108.88072204589844], [111.88931274414062, 112.8893051147461], [117.99994659423828, 118.99994659423828]], [[108.0, 109.0], [97.31065368652344, 98.20423126220703], [83.65013885498047, 84.41039276123047], [65.59548950195312, 66.18387603759766], [40.655174255371094, 41.01359176635742], [4.05328369140625, 4.088176250457764]]]]),
    'perspective_batch': ('t', 'float32', [2, 5, 6, 1], [[[[-2.0], [0.0], [-2.0], [-2.0], [-2.0], [-2.0]], [[24.0], [24.0], [14.0], [18.0], [10.0], [-2.0]], [[36.0], [36.0], [38.0], [40.0], [32.0], [-2.0]], [[36.0], [48.0], [50.0], [52.0], [54.0], [58.0]], [[48.0], [48.0], [50.0], [52.0], [-2.0], [-2.0]]], [[[74.0], [62.0], [64.0], [64.0], [66.0], [68.0]], [[74.0], [74.0], [76.0], [76.0], [78.0], [80.0]], [[86.0], [86.0], [88.0], [90.0], [90.0], [92.0]], [[86.0], [86.0], [100.0], [102.0], [104.0], [106.0]], [[98.0], [100.0], [100.0], [102.0], [116.0], [118.0]]]]),
    'ssim': ('t', 'float32', [2], [0.07327940315008163, 0.08425696939229965]),
    'ssim_args': ('t', 'float32', [], 0.2571764588356018),
    'ctc_loss': ('t', 'float32', [2], [2.5169103145599365, 2.7633931636810303]),
    'ctc_loss_f64': ('t', 'float64', [1], [1.7176859378814697]),
    'ctc_loss_mask': ('t', 'float32', [2], [1.5540698766708374, 2.6070668697357178]),
    'rgb_to_grayscale': ('t', 'float32', [1, 4, 4, 1], [[[[0.016979167237877846], [0.07947291433811188], [0.14196667075157166], [0.20446042716503143]], [[0.2669541835784912], [0.3294479250907898], [0.3919416666030884], [0.45443543791770935]], [[0.5169291496276855], [0.5794229507446289], [0.6419166326522827], [0.7044104337692261]], [[0.7669041752815247], [0.8293979167938232], [0.8918916583061218], [0.9543854594230652]]]]),
    'rgb_to_grayscale_int': ('t', 'int32', [1, 2, 1], [[[0], [3]]]),
    'rgb_to_grayscale_cf': ('t', 'float32', [1, 2, 2], [[[3.259999990463257, 4.259900093078613], [5.259799957275391, 6.259699821472168]]]),
    'rgb_to_hsv': ('t', 'float32', [1, 4, 4, 3], [[[[0.5833333730697632, 1.0, 0.0416666679084301], [0.5833333134651184, 0.3999999761581421, 0.1041666641831398], [0.5833333730697632, 0.2500000298023224, 0.1666666716337204], [0.5833333730697632, 0.18181820213794708, 0.2291666716337204]], [[0.5833333134651184, 0.1428571194410324, 0.2916666567325592], [0.5833333134651184, 0.11764703691005707, 0.3541666567325592], [0.5833333134651184, 0.09999997913837433, 0.4166666567325592], [0.5833333134651184, 0.08695650100708008, 0.4791666567325592]], [[0.5833334922790527, 0.07692310959100723, 0.5416666865348816], [0.5833334922790527, 0.06896554678678513, 0.6041666865348816], [0.5833334922790527, 0.06250002980232239, 0.6666666865348816], [0.5833334922790527, 0.05714288353919983, 0.7291666865348816]], [[0.5833334922790527, 0.05263160169124603, 0.7916666865348816], [0.5833334922790527, 0.04878050833940506, 0.8541666865348816], [0.5833334922790527, 0.045454565435647964, 0.9166666865348816], [0.5833334922790527, 0.042553212493658066, 0.9791666865348816]]]]),
    'hsv_to_rgb': ('t', 'float32', [1, 4, 4, 3], [[[[0.0416666679084301, 0.0407986119389534, 0.0407986119389534], [0.1041666641831398, 0.0987413227558136, 0.0954861119389534], [0.1666666716337204, 0.1605902910232544, 0.142361119389534], [0.223198801279068, 0.2291666716337204, 0.181423619389534]], [[0.2521701157093048, 0.2916666567325592, 0.2126735895872116], [0.2508680522441864, 0.3541666567325592, 0.2361110895872116], [0.2517360746860504, 0.4166666567325592, 0.2929687201976776], [0.2595485746860504, 0.4791666567325592, 0.3968098759651184]], [[0.2595486342906952, 0.5416666865348816, 0.5416666865348816], [0.2517361342906952, 0.4720052182674408, 0.6041666865348816], [0.2361111342906952, 0.34375, 0.6666666865348816], [0.2772352695465088, 0.2126736342906952, 0.7291666865348816]], [[0.4865451753139496, 0.1814236342906952, 0.7916666865348816], [0.7651909589767456, 0.1423611342906952, 0.8541666865348816], [0.9166666865348816, 0.09548613429069519, 0.7113715410232544], [0.9791666865348816, 0.04079863056540489, 0.392686665058136]]]]),
    'resize_bilinear': ('t', 'float32', [1, 2, 3, 3], [[[[0.1354166567325592, 0.15625, 0.1770833134651184], [0.21875, 0.2395833283662796, 0.2604166567325592], [0.3020833432674408, 0.3229166865348816, 0.34375]], [[0.6354166865348816, 0.65625, 0.6770833730697632], [0.71875, 0.7395833134651184, 0.7604166865348816], [0.8020833730697632, 0.8229166269302368, 0.84375]]]]),
    'resize_nearest': ('t', 'float32', [1, 6, 6, 3], [[[[0.0, 0.02083333395421505, 0.0416666679084301], [0.0625, 0.0833333358168602, 0.1041666641831398], [0.0625, 0.0833333358168602, 0.1041666641831398], [0.125, 0.1458333283662796, 0.1666666716337204], [0.1875, 0.2083333283662796, 0.2291666716337204], [0.1875, 0.2083333283662796, 0.2291666716337204]], [[0.25, 0.2708333432674408, 0.2916666567325592], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.375, 0.3958333432674408, 0.4166666567325592], [0.4375, 0.4583333432674408, 0.4791666567325592], [0.4375, 0.4583333432674408, 0.4791666567325592]], [[0.25, 0.2708333432674408, 0.2916666567325592], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.375, 0.3958333432674408, 0.4166666567325592], [0.4375, 0.4583333432674408, 0.4791666567325592], [0.4375, 0.4583333432674408, 0.4791666567325592]], [[0.5, 0.5208333134651184, 0.5416666865348816], [0.5625, 0.5833333134651184, 0.6041666865348816], [0.5625, 0.5833333134651184, 0.6041666865348816], [0.625, 0.6458333134651184, 0.6666666865348816], [0.6875, 0.7083333134651184, 0.7291666865348816], [0.6875, 0.7083333134651184, 0.7291666865348816]], [[0.75, 0.7708333134651184, 0.7916666865348816], [0.8125, 0.8333333134651184, 0.8541666865348816], [0.8125, 0.8333333134651184, 0.8541666865348816], [0.875, 0.8958333134651184, 0.9166666865348816], [0.9375, 0.9583333134651184, 0.9791666865348816], [0.9375, 0.9583333134651184, 0.9791666865348816]], [[0.75, 0.7708333134651184, 0.7916666865348816], [0.8125, 0.8333333134651184, 0.8541666865348816], [0.8125, 0.8333333134651184, 0.8541666865348816], [0.875, 0.8958333134651184, 0.9166666865348816], [0.9375, 0.9583333134651184, 0.9791666865348816], [0.9375, 0.9583333134651184, 0.9791666865348816]]]]),
    'resize_bicubic': ('t', 'float32', [1, 3, 5, 3], [[[[0.023075193166732788, 0.043908532708883286, 0.06474186480045319], [0.06629081070423126, 0.08712413907051086, 0.10795746743679047], [0.11952042579650879, 0.1403537541627884, 0.161187082529068], [0.17275002598762512, 0.19358333945274353, 0.2144167125225067], [0.21596567332744598, 0.2367989867925644, 0.25763237476348877]], [[0.3723047971725464, 0.3931381106376648, 0.4139714539051056], [0.4155203700065613, 0.4363536834716797, 0.4571870267391205], [0.46875, 0.4895833432674408, 0.5104166269302368], [0.521979570388794, 0.5428129434585571, 0.5636461973190308], [0.5651952624320984, 0.5860286951065063, 0.60686194896698]], [[0.7215343713760376, 0.7423676252365112, 0.7632009983062744], [0.7647498846054077, 0.7855831384658813, 0.8064165115356445], [0.8179794549942017, 0.8388128280639648, 0.859646201133728], [0.8712090253829956, 0.8920423984527588, 0.912875771522522], [0.9144247770309448, 0.9352580904960632, 0.9560914635658264]]]]),
    'resize_area': ('t', 'float32', [1, 2, 2, 3], [[[[0.15625, 0.1770833432674408, 0.1979166567325592], [0.28125, 0.3020833432674408, 0.3229166567325592]], [[0.65625, 0.6770833134651184, 0.6979166865348816], [0.78125, 0.8020833134651184, 0.8229166865348816]]]]),
    'resize_aa': ('t', 'float32', [1, 2, 3, 3], [[[[0.19732144474983215, 0.21815478801727295, 0.23898810148239136], [0.2723214626312256, 0.293154776096344, 0.3139880895614624], [0.34732145071029663, 0.3681548237800598, 0.3889881372451782]], [[0.5901786684989929, 0.6110119223594666, 0.6318452954292297], [0.665178656578064, 0.6860119104385376, 0.7068452835083008], [0.740178644657135, 0.7610119581222534, 0.7818453311920166]]]]),
    'resize_crop': ('t', 'float32', [1, 2, 2, 1], [[[[4.5], [6.5]], [[16.5], [18.5]]]]),
    'resize_pad': ('t', 'float32', [1, 3, 3, 1], [[[[-0.25], [0.75], [1.75]], [[9.5], [11.5], [13.5]], [[8.75], [9.75], [10.75]]]]),
    'resize_cf': ('t', 'float32', [2, 2, 2], [[[2.5, 4.5], [10.5, 12.5]], [[18.5, 20.5], [26.5, 28.5]]]),
    'extract_patches': ('t', 'float32', [1, 2, 2, 12], [[[[0.0, 0.02083333395421505, 0.0416666679084301, 0.0625, 0.0833333358168602, 0.1041666641831398, 0.25, 0.2708333432674408, 0.2916666567325592, 0.3125, 0.3333333432674408, 0.3541666567325592], [0.125, 0.1458333283662796, 0.1666666716337204, 0.1875, 0.2083333283662796, 0.2291666716337204, 0.375, 0.3958333432674408, 0.4166666567325592, 0.4375, 0.4583333432674408, 0.4791666567325592]], [[0.5, 0.5208333134651184, 0.5416666865348816, 0.5625, 0.5833333134651184, 0.6041666865348816, 0.75, 0.7708333134651184, 0.7916666865348816, 0.8125, 0.8333333134651184, 0.8541666865348816], [0.625, 0.6458333134651184, 0.6666666865348816, 0.6875, 0.7083333134651184, 0.7291666865348816, 0.875, 0.8958333134651184, 0.9166666865348816, 0.9375, 0.9583333134651184, 0.9791666865348816]]]]),
    'extract_patches_args': ('t', 'float32', [1, 4, 2, 18], [[[[0.0, 0.02083333395421505, 0.0416666679084301, 0.0625, 0.0833333358168602, 0.1041666641831398, 0.125, 0.1458333283662796, 0.1666666716337204, 0.25, 0.2708333432674408, 0.2916666567325592, 0.3125, 0.3333333432674408, 0.3541666567325592, 0.375, 0.3958333432674408, 0.4166666567325592], [0.125, 0.1458333283662796, 0.1666666716337204, 0.1875, 0.2083333283662796, 0.2291666716337204, 0.0, 0.0, 0.0, 0.375, 0.3958333432674408, 0.4166666567325592, 0.4375, 0.4583333432674408, 0.4791666567325592, 0.0, 0.0, 0.0]], [[0.25, 0.2708333432674408, 0.2916666567325592, 0.3125, 0.3333333432674408, 0.3541666567325592, 0.375, 0.3958333432674408, 0.4166666567325592, 0.5, 0.5208333134651184, 0.5416666865348816, 0.5625, 0.5833333134651184, 0.6041666865348816, 0.625, 0.6458333134651184, 0.6666666865348816], [0.375, 0.3958333432674408, 0.4166666567325592, 0.4375, 0.4583333432674408, 0.4791666567325592, 0.0, 0.0, 0.0, 0.625, 0.6458333134651184, 0.6666666865348816, 0.6875, 0.7083333134651184, 0.7291666865348816, 0.0, 0.0, 0.0]], [[0.5, 0.5208333134651184, 0.5416666865348816, 0.5625, 0.5833333134651184, 0.6041666865348816, 0.625, 0.6458333134651184, 0.6666666865348816, 0.75, 0.7708333134651184, 0.7916666865348816, 0.8125, 0.8333333134651184, 0.8541666865348816, 0.875, 0.8958333134651184, 0.9166666865348816], [0.625, 0.6458333134651184, 0.6666666865348816, 0.6875, 0.7083333134651184, 0.7291666865348816, 0.0, 0.0, 0.0, 0.875, 0.8958333134651184, 0.9166666865348816, 0.9375, 0.9583333134651184, 0.9791666865348816, 0.0, 0.0, 0.0]], [[0.75, 0.7708333134651184, 0.7916666865348816, 0.8125, 0.8333333134651184, 0.8541666865348816, 0.875, 0.8958333134651184, 0.9166666865348816, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.875, 0.8958333134651184, 0.9166666865348816, 0.9375, 0.9583333134651184, 0.9791666865348816, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]]]),
    'pad_images': ('t', 'float32', [1, 5, 6, 3], [[[[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.0, 0.02083333395421505, 0.0416666679084301], [0.0625, 0.0833333358168602, 0.1041666641831398], [0.125, 0.1458333283662796, 0.1666666716337204], [0.1875, 0.2083333283662796, 0.2291666716337204], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.25, 0.2708333432674408, 0.2916666567325592], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.375, 0.3958333432674408, 0.4166666567325592], [0.4375, 0.4583333432674408, 0.4791666567325592], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.5, 0.5208333134651184, 0.5416666865348816], [0.5625, 0.5833333134651184, 0.6041666865348816], [0.625, 0.6458333134651184, 0.6666666865348816], [0.6875, 0.7083333134651184, 0.7291666865348816], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.75, 0.7708333134651184, 0.7916666865348816], [0.8125, 0.8333333134651184, 0.8541666865348816], [0.875, 0.8958333134651184, 0.9166666865348816], [0.9375, 0.9583333134651184, 0.9791666865348816], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]]]),
    'pad_images_target': ('t', 'float32', [4, 3, 1], [[[0.0], [0.0], [0.0]], [[0.0], [1.0], [1.0]], [[0.0], [1.0], [1.0]], [[0.0], [0.0], [0.0]]]),
    'crop_images': ('t', 'float32', [1, 2, 3, 3], [[[[0.3125, 0.3333333432674408, 0.3541666567325592], [0.375, 0.3958333432674408, 0.4166666567325592], [0.4375, 0.4583333432674408, 0.4791666567325592]], [[0.5625, 0.5833333134651184, 0.6041666865348816], [0.625, 0.6458333134651184, 0.6666666865348816], [0.6875, 0.7083333134651184, 0.7291666865348816]]]]),
    'crop_images_target': ('t', 'float32', [1, 2, 3, 3], [[[[0.25, 0.2708333432674408, 0.2916666567325592], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.375, 0.3958333432674408, 0.4166666567325592]], [[0.5, 0.5208333134651184, 0.5416666865348816], [0.5625, 0.5833333134651184, 0.6041666865348816], [0.625, 0.6458333134651184, 0.6666666865348816]]]]),
    'gaussian_blur': ('t', 'float32', [1, 4, 4, 3], [[[[0.06217344105243683, 0.07315211743116379, 0.08413078635931015], [0.11388786882162094, 0.12901143729686737, 0.1441349983215332], [0.15925857424736023, 0.17438215017318726, 0.18950572609901428], [0.13611212372779846, 0.14709080755710602, 0.15806947648525238]], [[0.19861213862895966, 0.2137356996536255, 0.22885927557945251], [0.3125, 0.3333333432674408, 0.3541666567325592], [0.3750000298023224, 0.3958333134651184, 0.4166666567325592], [0.3004656732082367, 0.3155892491340637, 0.33071282505989075]], [[0.380094975233078, 0.39521855115890503, 0.41034212708473206], [0.5625, 0.5833333134651184, 0.6041666865348816], [0.625, 0.6458333134651184, 0.6666666865348816], [0.48194852471351624, 0.49707210063934326, 0.5121957063674927]], [[0.35792818665504456, 0.3689068853855133, 0.37988555431365967], [0.5213021039962769, 0.5364256501197815, 0.5515492558479309], [0.5666728019714355, 0.5817963480949402, 0.5969199538230896], [0.4318668842315674, 0.44284558296203613, 0.4538242518901825]]]]),
    'gaussian_blur_args': ('t', 'float32', [4, 4, 3], [[[0.05227341130375862, 0.06062137708067894, 0.06896933913230896], [0.08322421461343765, 0.09262220561504364, 0.10202019661664963], [0.14103825390338898, 0.15373516082763672, 0.16643202304840088], [0.11243996769189835, 0.12207925319671631, 0.13171854615211487]], [[0.17574895918369293, 0.18856468796730042, 0.2013804167509079], [0.23270338773727417, 0.249068945646286, 0.26543450355529785], [0.30736038088798523, 0.32372596859931946, 0.3400915563106537], [0.24717006087303162, 0.2599857747554779, 0.27280154824256897]], [[0.32953768968582153, 0.3423534333705902, 0.3551691770553589], [0.4290901720523834, 0.44545572996139526, 0.4618212878704071], [0.5037471652030945, 0.5201127529144287, 0.5364784002304077], [0.4009588062763214, 0.4137745201587677, 0.4265902638435364]], [[0.32132798433303833, 0.3309672474861145, 0.34060657024383545], [0.4303215742111206, 0.44301843643188477, 0.4557153582572937], [0.3396853804588318, 0.3490833342075348, 0.35848134756088257], [0.32338497042655945, 0.3317328989505768, 0.3400808870792389]]]),
    'sobel_edges': ('t', 'float32', [1, 4, 4, 3, 2], [[[[[0.0, 0.0], [2.9802322387695312e-08, 0.0], [-2.9802322387695312e-08, 0.0]], [[0.0, 0.5], [2.9802322387695312e-08, 0.5], [-2.9802322387695312e-08, 0.5]], [[0.0, 0.5], [2.9802322387695312e-08, 0.5], [-2.9802322387695312e-08, 0.5]], [[0.0, 0.0], [2.9802322387695312e-08, 0.0], [-2.9802322387695312e-08, 0.0]]], [[[2.0, 0.0], [2.0, 0.0], [2.0, 0.0]], [[2.0, 0.5], [2.0, 0.5], [2.0, 0.5]], [[2.0, 0.5], [2.0, 0.5], [2.0, 0.5]], [[2.0, 0.0], [2.0, 0.0], [2.0, 0.0]]], [[[2.0, 0.0], [1.999999761581421, 0.0], [2.000000238418579, 0.0]], [[2.0, 0.5], [1.999999761581421, 0.5], [2.000000238418579, 0.5]], [[2.0, 0.5], [1.999999761581421, 0.5], [2.000000238418579, 0.5]], [[2.0, 0.0], [1.999999761581421, 0.0], [2.000000238418579, 0.0]]], [[[0.0, 0.0], [-5.960464477539063e-08, 0.0], [5.960464477539063e-08, 0.0]], [[0.0, 0.5], [-5.960464477539063e-08, 0.5], [5.960464477539063e-08, 0.5]], [[0.0, 0.5], [-5.960464477539063e-08, 0.5], [5.960464477539063e-08, 0.5]], [[0.0, 0.0], [-5.960464477539063e-08, 0.0], [5.960464477539063e-08, 0.0]]]]]),
}
# --- EXPECTED END ---


def _enc(r):
    if isinstance(r, (tf.Tensor, tf.Variable)) or isinstance(r, np.ndarray):
        a = np.asarray(r)
        return ("t", a.dtype.name, list(a.shape), a)
    if isinstance(r, (tuple, list)):
        return ("seq", [_enc(e) for e in r])
    return ("py", r.item() if isinstance(r, np.generic) else r)


# cancellation-heavy results (ssim's E[x^2] - E[x]^2 after convolutions summed in another order)
_RTOL = {"ssim": 5e-4}


def _compare(got, exp, where):
    kind = exp[0]
    assert got[0] == kind, f"{where}: got a {got[0]}, Keras gave {exp}"
    if kind == "seq":
        assert len(got[1]) == len(exp[1]), f"{where}: {len(got[1])} results, Keras gave {len(exp[1])}"
        for i, (g, e) in enumerate(zip(got[1], exp[1])):
            _compare(g, e, f"{where}[{i}]")
        return
    if kind == "py":
        assert got[1] == exp[1], f"{where}: {got[1]!r} != Keras {exp[1]!r}"
        return
    _, dt, shape, val = exp
    assert got[1] == dt, f"{where}: dtype {got[1]} != Keras {dt}"
    assert got[2] == shape, f"{where}: shape {got[2]} != Keras {shape}"
    want = np.array(val, dtype=dt).reshape(shape)
    have = got[3]
    if want.dtype.kind in "fc":
        rtol = _RTOL.get(where) or {"float16": 2e-3, "float32": 2e-5, "complex64": 2e-5}.get(dt, 1e-10)
        atol = {"float16": 2e-3, "float32": 2e-6, "complex64": 2e-6}.get(dt, 1e-12)
        np.testing.assert_allclose(have, want, rtol=rtol, atol=atol, equal_nan=True, err_msg=where)
    else:
        np.testing.assert_array_equal(have, want, err_msg=where)


@pytest.mark.parametrize("cid,fn,args,kwargs", CASES, ids=[c[0] for c in CASES])
def test_against_keras(cid, fn, args, kwargs):
    exp = EXPECTED[cid]
    f = eval(fn, {"ops": ops, "np": np})
    if exp[0] == "err":
        with pytest.raises(Exception):  # noqa: B017  (Keras raised; the exact class differs by backend)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                f(*args, **kwargs)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = f(*args, **kwargs)
    _compare(_enc(got), exp, cid)


# --------------------------------------------------------------------------------------------------
# gradient cases
# --------------------------------------------------------------------------------------------------

_rng = np.random.default_rng(0)


def rn(*s):
    return _rng.standard_normal(s)


def pos(*s):
    return _rng.uniform(0.5, 2.0, s)


r = _rng
GRAD_CASES = [
 ("add", lambda a, b: ops.add(a, b), [rn(2, 3), rn(3)]),
 ("divide", lambda a, b: ops.divide(a, b), [rn(2, 3), pos(3)]),
 ("power", lambda a, b: ops.power(a, b), [pos(2, 3), rn(2, 3)]),
 ("logaddexp", lambda a, b: ops.logaddexp(a, b), [rn(3), rn(3)]),
 ("logaddexp2", lambda a, b: ops.logaddexp2(a, b), [rn(3), rn(3)]),
 ("hypot", lambda a, b: ops.hypot(a, b), [rn(3), rn(3)]),
 ("arctan2", lambda a, b: ops.arctan2(a, b), [rn(3), rn(3)]),
 ("sinc", lambda a: ops.sinc(a), [np.array([0.1, 0.3, -1.2])]),
 ("cbrt", lambda a: ops.cbrt(a), [pos(3)]),
 ("log10", lambda a: ops.log10(a), [pos(3)]),
 ("exp2", lambda a: ops.exp2(a), [rn(3)]),
 ("deg2rad", lambda a: ops.deg2rad(a), [rn(3)]),
 ("fmax", lambda a, b: ops.fmax(a, b), [rn(4), rn(4)]),
 ("heaviside", lambda a, b: ops.heaviside(a, b), [rn(4), rn(4)]),
 ("mean", lambda a: ops.mean(a, axis=(0, 2), keepdims=True), [rn(2, 3, 4)]),
 ("var", lambda a: ops.var(a, axis=1), [rn(2, 3)]),
 ("std", lambda a: ops.std(a), [rn(2, 3)]),
 ("prod", lambda a: ops.prod(a, axis=0), [rn(3, 2)]),
 ("max", lambda a: ops.max(a, axis=1), [rn(3, 4)]),
 ("ptp", lambda a: ops.ptp(a, axis=1), [rn(3, 4)]),
 ("quantile", lambda a: ops.quantile(a, [0.3, 0.5], axis=1), [rn(3, 5)]),
 ("median", lambda a: ops.median(a), [rn(6)]),
 ("average", lambda a, w: ops.average(a, axis=1, weights=w), [rn(2, 3), pos(3)]),
 ("nanmean", lambda a: ops.nanmean(a, axis=0), [rn(3, 2)]),
 ("nanvar", lambda a: ops.nanvar(a), [rn(3, 2)]),
 ("trace", lambda a: ops.trace(a, offset=1), [rn(3, 4)]),
 ("cumprod", lambda a: ops.cumprod(a, axis=1), [rn(2, 3)]),
 ("logsumexp", lambda a: ops.logsumexp(a, axis=1), [rn(2, 3)]),
 ("matmul", lambda a, b: ops.matmul(a, b), [rn(2, 2, 3), rn(3, 4)]),
 ("matmul_vec", lambda a, b: ops.matmul(a, b), [rn(3), rn(2, 3, 4)]),
 ("dot", lambda a, b: ops.dot(a, b), [rn(2, 3), rn(4, 3, 2)]),
 ("tensordot", lambda a, b: ops.tensordot(a, b, axes=[[1], [0]]), [rn(2, 3), rn(3, 4)]),
 ("einsum", lambda a, b: ops.einsum("abc,cd->abd", a, b), [rn(2, 2, 3), rn(3, 2)]),
 ("outer", lambda a, b: ops.outer(a, b), [rn(2), rn(3)]),
 ("cross", lambda a, b: ops.cross(a, b), [rn(2, 3), rn(3)]),
 ("kron", lambda a, b: ops.kron(a, b), [rn(2, 2), rn(2)]),
 ("vdot", lambda a, b: ops.vdot(a, b), [rn(2, 2), rn(2, 2)]),
 ("linspace", lambda a, b: ops.linspace(a, b, 4), [rn(2), rn(2)]),
 ("take_along_axis", lambda a: ops.take_along_axis(a, np.array([[2, 0]]), axis=1), [rn(2, 3)]),
 ("take", lambda a: ops.take(a, np.array([1, -1]), axis=0), [rn(3, 2)]),
 ("pad_reflect", lambda a: ops.pad(a, ((1, 1), (2, 0)), mode="reflect"), [rn(3, 3)]),
 ("rot90", lambda a: ops.rot90(a, k=3), [rn(2, 3)]),
 ("diagonal", lambda a: ops.diagonal(a, offset=1, axis1=1, axis2=2), [rn(2, 3, 3)]),
 ("tril", lambda a: ops.tril(a, k=-1), [rn(3, 3)]),
 ("diff", lambda a: ops.diff(a, n=2), [rn(5)]),
 ("trapezoid", lambda a, x: ops.trapezoid(a, x=x), [rn(4), np.array([0.0, 1.0, 1.5, 3.0])]),
 ("where", lambda a, b: ops.where(np.array([True, False, True]), a, b), [rn(3), rn(3)]),
 ("clip", lambda a: ops.clip(a, -0.5, 0.5), [rn(5)]),
 ("slice_update", lambda a, u: ops.slice_update(a, (1, 0), u), [rn(3, 3), rn(2, 2)]),
 ("scatter_update", lambda a, u: ops.scatter_update(a, np.array([[0], [2]]), u), [rn(3, 2), rn(2, 2)]),
 ("scatter_mul", lambda a, u: ops.scatter_update(a, np.array([[0], [0]]), u, reduction="mul"), [rn(3), rn(2)]),
 ("scatter", lambda u: ops.scatter(np.array([[1], [1]]), u, (3,)), [rn(2)]),
 ("segment_sum", lambda d: ops.segment_sum(d, np.array([0, 0, 1])), [rn(3, 2)]),
 ("segment_max", lambda d: ops.segment_max(d, np.array([0, 0, 1])), [rn(3)]),
 ("top_k", lambda a: ops.top_k(a, 2)[0], [rn(2, 4)]),
 ("softmax_tuple", lambda a: ops.softmax(a, axis=(0, 2)), [rn(2, 2, 3)]),
 ("softmax_none", lambda a: ops.softmax(a, axis=None), [rn(2, 3)]),
 ("log_softmax", lambda a: ops.log_softmax(a, axis=0), [rn(3, 2)]),
 ("sparsemax", lambda a: ops.sparsemax(a), [np.array([[0.3, 1.1, -0.4], [0.9, 1.0, 0.2]])]),
 ("gelu", lambda a: ops.gelu(a), [rn(4)]),
 ("celu", lambda a: ops.celu(a, alpha=0.7), [rn(4)]),
 ("squareplus", lambda a: ops.squareplus(a), [rn(4)]),
 ("glu", lambda a: ops.glu(a), [rn(2, 4)]),
 ("hard_silu", lambda a: ops.hard_silu(a), [rn(4)]),
 ("layer_norm", lambda a, g, b: ops.layer_normalization(a, g, b), [rn(2, 4), rn(4), rn(4)]),
 ("layer_norm_ax", lambda a, g: ops.layer_normalization(a, g, axis=0), [rn(3, 2), rn(3)]),
 ("rms_norm", lambda a, s: ops.rms_normalization(a, s), [rn(2, 4), rn(4)]),
 ("normalize", lambda a: ops.normalize(a), [rn(2, 3)]),
 ("normalize_l1", lambda a: ops.normalize(a, order=3), [rn(2, 3)]),
 ("batch_norm", lambda a, m, v, o, s: ops.batch_normalization(a, m, v, axis=1, offset=o, scale=s),
  [rn(2, 3), rn(3), pos(3), rn(3), rn(3)]),
 ("moments", lambda a: ops.moments(a, axes=[0]), [rn(4, 2)]),
 ("bce", lambda t, o: ops.binary_crossentropy(t, o), [r.uniform(0, 1, (2, 2)), r.uniform(0.1, 0.9, (2, 2))]),
 ("bce_logits", lambda t, o: ops.binary_crossentropy(t, o, from_logits=True), [r.uniform(0, 1, (2, 2)), rn(2, 2)]),
 ("cce", lambda t, o: ops.categorical_crossentropy(t, o), [r.uniform(0, 1, (2, 3)), r.uniform(0.1, 0.9, (2, 3))]),
 ("cce_logits", lambda t, o: ops.categorical_crossentropy(t, o, from_logits=True, axis=0),
  [r.uniform(0, 1, (2, 3)), rn(2, 3)]),
 ("scce", lambda o: ops.sparse_categorical_crossentropy(np.array([0, 2]), o, from_logits=True), [rn(2, 3)]),
 ("scce_probs", lambda o: ops.sparse_categorical_crossentropy(np.array([0, 2]), o), [r.uniform(0.1, 0.9, (2, 3))]),
 ("conv1d", lambda x, k: ops.conv(x, k, strides=2, padding="same"), [rn(1, 5, 2), rn(3, 2, 2)]),
 ("conv2d_cf", lambda x, k: ops.conv(x, k, data_format="channels_first", dilation_rate=2), [rn(1, 2, 5, 5), rn(2, 2, 2, 1)]),
 ("conv_group", lambda x, k: ops.conv(x, k), [rn(1, 3, 4), rn(2, 2, 4)]),
 ("depthwise", lambda x, k: ops.depthwise_conv(x, k, padding="same"), [rn(1, 4, 4, 2), rn(2, 2, 2, 2)]),
 ("depthwise_sd", lambda x, k: ops.depthwise_conv(x, k, strides=2, dilation_rate=2, padding="same"),
  [rn(1, 5, 5, 1), rn(2, 2, 1, 1)]),
 ("separable", lambda x, d, p: ops.separable_conv(x, d, p), [rn(1, 5, 2), rn(2, 2, 1), rn(1, 2, 3)]),
 ("conv_transpose", lambda x, k: ops.conv_transpose(x, k, strides=2, output_padding=1), [rn(1, 3, 2), rn(3, 1, 2)]),
 ("max_pool", lambda x: ops.max_pool(x, 2, padding="same"), [rn(1, 5, 1)]),
 ("avg_pool", lambda x: ops.average_pool(x, (2, 2), strides=1), [rn(1, 3, 3, 1)]),
 ("adaptive_avg", lambda x: ops.adaptive_average_pool(x, 2), [rn(1, 5, 5, 1)]),
 ("adaptive_max", lambda x: ops.adaptive_max_pool(x, 2), [rn(1, 5, 1)]),
 ("unfold", lambda x: ops.unfold(x, 2, padding=1), [rn(1, 1, 3, 3)]),
 ("fold", lambda x: ops.fold(x, 3, 2, stride=1), [rn(1, 4, 4)]),
 ("depth_to_space", lambda x: ops.depth_to_space(x, 2), [rn(1, 1, 1, 4)]),
 ("dpa", lambda q, k, v: ops.dot_product_attention(q, k, v, is_causal=True), [rn(1, 3, 2, 2), rn(1, 3, 2, 2), rn(1, 3, 2, 2)]),
 ("dpa_bias", lambda q, k, v, b: ops.dot_product_attention(q, k, v, bias=b, scale=0.5), [rn(1, 2, 1, 2), rn(1, 3, 1, 2), rn(1, 3, 1, 2), rn(1, 1, 2, 3)]),
 ("ctc", lambda o: ops.nn._ctc(ops.convert_to_tensor(np.array([[1, 2], [1, 1]])), o, [2, 2], [4, 4], 0), [rn(2, 4, 3)]),
 ("psnr", lambda a, b: ops.psnr(a, b, 1.0), [rn(2, 2), rn(2, 2)]),
 ("cdist", lambda a, b: ops.cdist(a, b), [rn(2, 3), rn(2, 3)]),
 ("solve", lambda a, b: ops.solve(a, b), [rn(2, 2) + 3 * np.eye(2), rn(2)]),
 ("inv", lambda a: ops.inv(a), [rn(2, 2) + 3 * np.eye(2)]),
 ("det", lambda a: ops.det(a), [rn(3, 3)]),
 ("norm_fro", lambda a: ops.norm(a), [rn(2, 3)]),
 ("norm_p3", lambda a: ops.norm(a, ord=3, axis=1), [rn(2, 3)]),
 ("norm_nuc", lambda a: ops.norm(a, ord="nuc"), [rn(2, 3)]),
 ("cholesky", lambda a: ops.cholesky(ops.matmul(a, ops.transpose(a)) + 2.0 * np.eye(2)), [rn(2, 2)]),
 ("lstsq", lambda a, b: ops.lstsq(a, b), [rn(3, 2), rn(3)]),
 ("stft", lambda x: ops.stft(x, 4, 2, 4)[0], [rn(8)]),
 ("rfft", lambda x: ops.rfft(x)[1], [rn(6)]),
 ("irfft", lambda a, b: ops.irfft((a, b)), [rn(3), rn(3)]),
 ("extract_sequences", lambda x: ops.extract_sequences(x, 3, 1), [rn(5)]),
 ("scan", lambda x: ops.scan(lambda c, v: (c * v + 1.0, c), ops.ones((), "float64"), x)[1], [rn(4)]),
 ("associative_scan", lambda x: ops.associative_scan(lambda a, b: a * b, x), [rn(5)]),
 ("map", lambda x: ops.map(lambda v: ops.sum(v * v), x), [rn(3, 2)]),
 ("fori_loop", lambda x: ops.fori_loop(0, 3, lambda i, v: v * x, x), [rn(2)]),
 ("while_loop", lambda x: ops.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, ops.sin(v)), (0, x))[1], [rn(2)]),
 ("gaussian_blur", lambda x: ops.image.gaussian_blur(x), [rn(1, 3, 3, 1)]),
 ("rgb_to_grayscale", lambda x: ops.image.rgb_to_grayscale(x), [rn(2, 2, 3)]),
 ("extract_patches", lambda x: ops.image.extract_patches(x, 2), [rn(1, 4, 4, 1)]),
 ("polar_real", lambda a, t: ops.real(ops.polar(a, t)), [rn(3), rn(3)]),
 ("view_as_real", lambda a, t: ops.view_as_real(ops.polar(a, t)), [rn(3), rn(3)]),
]


# --------------------------------------------------------------------------------------------------
# Keras's promotion table (keras.backend.result_type, TF backend), all pairs incl. weak int/float
# --------------------------------------------------------------------------------------------------

_RT_NAMES = ["bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float16", "float32",
             "float64", "complex64", "complex128", "int", "float"]
_RT_ABBREV = {"b": "bool", "u8": "uint8", "u16": "uint16", "u32": "uint32", "i8": "int8", "i16": "int16",
              "i32": "int32", "i64": "int64", "f16": "float16", "f32": "float32", "f64": "float64", "c64": "complex64"}
_RT_TABLE = """
b u8 u16 u32 u32 i8 i16 i32 i64 f16 f32 f64 c64 c64 i32 f32
u8 u8 u16 u32 u32 i16 i16 i32 i64 f16 f32 f64 c64 c64 u8 f32
u16 u16 u16 u32 u32 i32 i32 i32 i64 f16 f32 f64 c64 c64 u16 f32
u32 u32 u32 u32 u32 i64 i64 i64 i64 f16 f32 f64 c64 c64 u32 f32
u32 u32 u32 u32 u32 f32 f32 f32 f32 f16 f32 f64 c64 c64 u32 f32
i8 i16 i32 i64 f32 i8 i16 i32 i64 f16 f32 f64 c64 c64 i8 f32
i16 i16 i32 i64 f32 i16 i16 i32 i64 f16 f32 f64 c64 c64 i16 f32
i32 i32 i32 i64 f32 i32 i32 i32 i64 f16 f32 f64 c64 c64 i32 f32
i64 i64 i64 i64 f32 i64 i64 i64 i64 f16 f32 f64 c64 c64 i64 f32
f16 f16 f16 f16 f16 f16 f16 f16 f16 f16 f32 f64 c64 c64 f16 f16
f32 f32 f32 f32 f32 f32 f32 f32 f32 f32 f32 f64 c64 c64 f32 f32
f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 c64 c64 f64 f64
c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64
c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64
i32 u8 u16 u32 u32 i8 i16 i32 i64 f16 f32 f64 c64 c64 i32 f32
f32 f32 f32 f32 f32 f32 f32 f32 f32 f16 f32 f64 c64 c64 f32 f32
"""


def test_result_type_table_matches_keras():
    from tapeflow.keras.ops._common import result_type

    rows = [r.split() for r in _RT_TABLE.strip().splitlines()]
    pyt = {"int": int, "float": float}
    for a, row in zip(_RT_NAMES, rows):
        for b, want in zip(_RT_NAMES, row):
            got = result_type(pyt.get(a, a), pyt.get(b, b))
            assert got == _RT_ABBREV[want], (a, b, got, want)


def test_result_type_edge_cases():
    from tapeflow.keras.ops._common import result_type, standardize_dtype

    assert result_type() == "float32"
    assert result_type(int) == "int32" and result_type(float) == "float32"
    assert result_type("int8", int, float) == "float32"
    assert standardize_dtype(int) == "int64" and standardize_dtype("int") == "int64"
    assert standardize_dtype(tf.float16) == "float16" and standardize_dtype(np.dtype("uint8")) == "uint8"
    with pytest.raises(ValueError, match="Invalid dtype"):
        standardize_dtype("float")


# --------------------------------------------------------------------------------------------------
# gradients (float64 central differences, order 1 and 2)
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,f,args", GRAD_CASES, ids=[g[0] for g in GRAD_CASES])
def test_gradients(name, f, args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check_grads(f, args, order=2)


@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
@pytest.mark.parametrize("fill_mode", ["constant", "reflect", "wrap", "nearest"])
def test_affine_transform_gradient_is_the_adjoint(interpolation, fill_mode):
    # the sampling is linear in the image (computed in float32, as TF): <A x, g> == <x, A^T g>
    x = tf.constant(_rng.standard_normal((2, 4, 5, 2)).astype("float32"))
    t = [[1.1, 0.2, -0.3, 0.1, 0.9, 0.4, 0.01, 0.0], [0.8, -0.3, 1.4, 0.2, 1.2, -0.6, 0.0, 0.03]]
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = ops.image.affine_transform(x, t, interpolation=interpolation, fill_mode=fill_mode)
        g = tf.constant(_rng.standard_normal(y.shape).astype("float32"))
        s = ops.sum(y * g)
    gx = tape.gradient(s, x)
    np.testing.assert_allclose(float(ops.sum(gx * x)), float(s), rtol=1e-4)


def test_gradient_reaches_keras_variable():
    v = keras.Variable(np.array([1.0, 2.0], "float32"))
    with tf.GradientTape() as tape:
        y = ops.sum(ops.square(ops.multiply(v, 3)))
    g = tape.gradient(y, v)
    assert g.numpy().tolist() == [18.0, 36.0]
    assert ops.add(v, 1).dtype.name == "float32"


def test_integer_paths_are_not_differentiable():
    x = tf.constant([1.0, 3.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = ops.cast(ops.argmax(x), "float32")
    assert tape.gradient(y, x) is None


# --------------------------------------------------------------------------------------------------
# where tapeflow deliberately differs from Keras on TF (Keras bugs there; NumPy's answer here)
# --------------------------------------------------------------------------------------------------


def test_rot90_k2_non_square_is_numpy_rot90():
    x = np.arange(6).reshape(3, 2)
    for k in range(-3, 5):
        assert ops.rot90(x, k=k).numpy().tolist() == np.rot90(x, k=k).tolist()
    y = np.arange(24).reshape(2, 3, 4)
    assert ops.rot90(y, k=2, axes=(2, 0)).numpy().tolist() == np.rot90(y, k=2, axes=(2, 0)).tolist()


def test_unravel_index_nd_is_numpy():
    idx = np.array([[5, 7], [1, 2]])
    got = ops.unravel_index(idx, (2, 4))
    want = np.unravel_index(idx, (2, 4))
    assert [g.numpy().tolist() for g in got] == [w.tolist() for w in want]


def test_saturate_cast_saturates_float32_to_int32():
    out = ops.saturate_cast(np.array([-1e10, 1e10, 3.7, np.inf, -np.inf], "float32"), "int32")
    assert out.numpy().tolist() == [-2147483648, 2147483647, 3, 2147483647, -2147483648]
    assert ops.saturate_cast(np.array([-5, 300]), "uint8").numpy().tolist() == [0, 255]
    assert ops.saturate_cast(np.array([1e6], "float64"), "float16").numpy().tolist() == [65504.0]


def test_vectorize_maps_over_broadcast_elements():
    f = ops.vectorize(lambda a, b: ops.maximum(a, b) * 2)
    out = f(np.array([1.0, 5.0], "float32"), np.array([[3.0], [0.0]], "float32"))
    assert out.numpy().tolist() == [[6.0, 10.0], [2.0, 10.0]]
    with pytest.raises(ValueError):
        ops.vectorize(1)


def test_multi_query_attention_repeats_the_single_kv_head():
    rng = np.random.default_rng(1)
    q = rng.standard_normal((1, 3, 2, 2)).astype("float32")
    k = rng.standard_normal((1, 4, 1, 2)).astype("float32")
    v = rng.standard_normal((1, 4, 1, 2)).astype("float32")
    got = ops.dot_product_attention(q, k, v).numpy()
    want = ops.dot_product_attention(q, np.repeat(k, 2, axis=2), np.repeat(v, 2, axis=2)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_nanmedian_of_integers():
    assert ops.nanmedian(np.array([[1, 2, 4]], "int32"), axis=1).numpy().tolist() == [2.0]


def test_ctc_loss_of_an_unreachable_label_is_inf():
    logits = np.sin(np.arange(9.0)).reshape(1, 3, 3).astype("float32")
    out = ops.ctc_loss(np.array([[1, 1, 2]]), logits, np.array([3]), np.array([3]))
    assert np.isinf(out.numpy()[0])


def test_sinc_gradient_at_zero_is_finite():
    x = tf.constant([0.0, 0.5])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = ops.sum(ops.sinc(x))
    g = tape.gradient(y, x).numpy()
    assert g[0] == 0.0 and np.isfinite(g[1])


# --------------------------------------------------------------------------------------------------
# Keras conventions and errors
# --------------------------------------------------------------------------------------------------


def test_ops_on_functional_inputs_build_graph_nodes():
    inputs = keras.Input(shape=(4,))
    y = ops.relu(inputs)
    assert ops.shape(y) == (None, 4) and ops.ndim(y) == 2
    mean, var = ops.moments(y, axes=[1], keepdims=True)
    z = ops.divide(ops.subtract(y, mean), ops.sqrt(ops.add(var, 1e-3)))
    first, second = ops.split(z, 2, axis=-1)
    out = ops.concatenate([ops.matmul(first, np.ones((2, 3), "float32")), second], axis=-1)
    model = keras.Model(inputs, ops.softmax(out))
    assert model.output_shape == (None, 5)
    x = np.arange(8, dtype="float32").reshape(2, 4)
    xr = np.maximum(x, 0)
    zz = (xr - xr.mean(1, keepdims=True)) / np.sqrt(xr.var(1, keepdims=True) + 1e-3)
    logits = np.concatenate([zz[:, :2] @ np.ones((2, 3)), zz[:, 2:]], axis=-1)
    want = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    np.testing.assert_allclose(model(x).numpy(), want, rtol=1e-5)
    dense = keras.layers.Dense(1)
    model2 = keras.Model(inputs, ops.sum(ops.square(dense(ops.tanh(inputs))), axis=-1))
    with tf.GradientTape() as tape:
        loss = ops.mean(model2(x))
    grads = tape.gradient(loss, model2.trainable_variables)
    assert [g.shape.as_list() for g in grads] == [[4, 1], [1]]


def test_logits_are_remembered_by_sigmoid_and_softmax():
    x = np.array([[-100.0, 50.0]], "float32")
    assert ops.sigmoid(x)._keras_logits.numpy().tolist() == x.tolist()
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        ops.binary_crossentropy(np.array([[1.0, 0.0]], "float32"), ops.sigmoid(x), from_logits=True)
    assert any("from_logits=True" in str(m.message) for m in w)


def test_namespaces_mirror_keras():
    for name in ["numpy", "nn", "linalg", "image"]:
        assert hasattr(ops, name)
    assert ops.numpy.add is ops.add and ops.nn.relu is ops.relu and ops.linalg.inv is ops.inv
    assert keras.ops is ops
    for missing in ["map_coordinates", "elastic_transform", "scale_and_translate", "extract_patches_3d"]:
        assert not hasattr(ops.image, missing)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: ops.squeeze(np.zeros((1, 2)), axis=1), ValueError, "Cannot squeeze axis=1"),
    (lambda: ops.transpose(np.zeros((2, 3)), (0, 0)), ValueError, "valid permutation"),
    (lambda: ops.moveaxis(np.zeros((2, 3)), (0, 1), 0), ValueError, "Inconsistent number"),
    (lambda: ops.expand_dims(np.zeros(2), 5), ValueError, "out of bounds"),
    (lambda: ops.pad(np.zeros(3), (1, 1), mode="edge"), ValueError, "not supported"),
    (lambda: ops.pad(np.zeros(3), (1, 1), mode="reflect", constant_values=1), ValueError, "constant_values"),
    (lambda: ops.reshape(np.zeros(4), (-1, -1)), ValueError, "at most one unknown"),
    (lambda: ops.diagonal(np.zeros((2, 2)), axis1=1, axis2=1), ValueError, "cannot be the same"),
    (lambda: ops.diff(np.zeros(3), n=-1), ValueError, "non-negative"),
    (lambda: ops.linspace(0, 1, -1), ValueError, "non-negative"),
    (lambda: ops.fabs(np.array([1j])), TypeError, "complex"),
    (lambda: ops.gcd(np.array([1.5]), np.array([2.0])), TypeError, "integers"),
    (lambda: ops.ldexp(np.array([1.0]), np.array([1.0])), TypeError, "integer type"),
    (lambda: ops.max(np.zeros((0,), "float32")), ValueError, "empty tensor"),
    (lambda: ops.vander(np.zeros((2, 2))), ValueError, "1-dimensional"),
    (lambda: ops.array_split(np.zeros(4), 0), ValueError, "positive integer"),
    (lambda: ops.histogram(np.zeros(3), bins=1.5), TypeError, "must be of type `int`"),
    (lambda: ops.searchsorted(np.zeros((2, 2)), np.zeros(2)), ValueError, "1-D sorted"),
    (lambda: ops.select([np.array([True])], [], 0), ValueError, "must not be empty"),
    (lambda: ops.where(np.array([True]), 1), ValueError, "both should"),
    (lambda: ops.glu(np.zeros((2, 3))), ValueError, "divisible by 2"),
    (lambda: ops.categorical_crossentropy(np.zeros((1, 2)), np.zeros((1, 3))), ValueError, "same shape"),
    (lambda: ops.sparse_categorical_crossentropy(np.zeros((2,)), np.zeros((3, 2))), ValueError, "same shape"),
    (lambda: ops.conv(np.zeros((1, 4, 3), "float32"), np.zeros((2, 2, 1), "float32")), ValueError, "input channels"),
    (lambda: ops.depthwise_conv(np.zeros((1, 2, 2, 2, 1)), np.zeros((1, 1, 1, 1))), ValueError, "rank must be 3"),
    (lambda: ops.max_pool(np.zeros((2, 2)), 2), ValueError, "Pooling inputs"),
    (lambda: ops.dot_product_attention(np.zeros((2, 2)), np.zeros((2, 2)), np.zeros((2, 2))), ValueError, "4D"),
    (lambda: ops.one_hot(np.array([1]), 3, sparse=True), ValueError, "sparse"),
    (lambda: ops.normalize(np.zeros(2), order=0), ValueError, "order"),
    (lambda: ops.qr(np.eye(2), mode="r"), ValueError, "mode"),
    (lambda: ops.norm(np.zeros((2, 2)), ord="bad", axis=0), ValueError, "Invalid `ord`"),
    (lambda: ops.scatter_update(np.zeros(2), [[0]], [1.0], reduction="sub"), ValueError, "Invalid reduction"),
    (lambda: ops.stft(np.zeros(8, "int32"), 4, 2, 4), TypeError, "float32"),
    (lambda: ops.stft(np.zeros(8, "float32"), 4, 2, 2), ValueError, "fft_length"),
    (lambda: ops.image.resize(np.zeros((2, 2)), (1, 1)), ValueError, "rank"),
    (lambda: ops.image.resize(np.zeros((2, 2, 1)), (1, 1), interpolation="cubic"), ValueError, "interpolation"),
    (lambda: ops.image.pad_images(np.zeros((2, 2, 1)), 1, 1), ValueError, "exactly two"),
    (lambda: ops.scan(lambda c, x: (c, x), 0.0), ValueError, "no `xs`"),
    (lambda: ops.add(np.zeros(2), "a"), ValueError, "promotion path"),
])
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_promotion_through_variables_and_numpy():
    v = keras.Variable(np.array([1, 2], "int32"))
    assert ops.add(v, 0.5).dtype.name == "float32"
    assert ops.add(np.array([1, 2], "int64"), 1).dtype.name == "int64"
    assert ops.add(np.array([1.0]), 1).dtype.name == "float64"
    assert ops.multiply(tf.constant([1], tf.int8), tf.constant([1], tf.uint8)).dtype.name == "int16"
    assert ops.divide(tf.constant([1], tf.int64), 2).dtype.name == "float32"
