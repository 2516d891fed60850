"""``tf.config``: devices, threading and execution settings.

tapeflow runs every op on the CPU with NumPy, so there is one physical device, ``CPU:0``, and no
GPU: ``list_physical_devices("GPU")`` is empty, which is what TF programs test before asking for
memory growth. Settings that only steer TF's graph runtime are recorded and reported back (their
docstrings say so); the intra-op thread count is applied to NumPy's BLAS pool.

Example:
    >>> import tapeflow as tf
    >>> tf.config.list_physical_devices()
    [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    >>> tf.config.list_physical_devices("GPU")
    []
"""

from __future__ import annotations

import types
import warnings
from typing import Any, NamedTuple


class PhysicalDevice(NamedTuple):
    """A physical device (``name``, ``device_type``), as TF's."""

    name: str
    device_type: str


class LogicalDevice(NamedTuple):
    """A logical device (``name``, ``device_type``), as TF's."""

    name: str
    device_type: str


class LogicalDeviceConfiguration:
    """``tf.config.LogicalDeviceConfiguration(memory_limit=None, experimental_priority=None, ...)``."""

    def __init__(self, memory_limit: Any = None, experimental_priority: Any = None,
                 experimental_device_ordinal: Any = None) -> None:
        self.memory_limit = memory_limit
        self.experimental_priority = experimental_priority
        self.experimental_device_ordinal = experimental_device_ordinal

    def __repr__(self) -> str:
        return (f"LogicalDeviceConfiguration(memory_limit={self.memory_limit}, "
                f"experimental_priority={self.experimental_priority}, "
                f"experimental_device_ordinal={self.experimental_device_ordinal})")


_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
_STATE: dict = {
    "visible": [_CPU],
    "logical": None,  # list of LogicalDeviceConfiguration for CPU:0, when set
    "soft_placement": True,
    "run_eagerly": False,
    "intra": 0,
    "inter": 0,
    "jit": False,
    "optimizer_options": {},
    "determinism": False,
    "tf32": True,
    "policy": "silent",
}


def _check_type(device_type: str | None) -> None:
    if device_type is not None and not isinstance(device_type, str):
        raise ValueError(f"device_type must be a string, got {type(device_type).__name__}")


def list_physical_devices(device_type: str | None = None) -> list:
    """The physical devices, optionally of one type (``"CPU"``, ``"GPU"``...): only the CPU here.

    Example:
        >>> import tapeflow as tf
        >>> [d.device_type for d in tf.config.list_physical_devices("CPU")]
        ['CPU']
    """
    _check_type(device_type)
    return [_CPU] if device_type in (None, "CPU") else []


def get_visible_devices(device_type: str | None = None) -> list:
    """The physical devices the runtime may use (those given to ``set_visible_devices``).

    Example:
        >>> import tapeflow as tf
        >>> tf.config.get_visible_devices()
        [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    """
    _check_type(device_type)
    return [d for d in _STATE["visible"] if device_type is None or d.device_type == device_type]


def _check_device(device: Any) -> None:
    if device not in list_physical_devices():
        raise ValueError(f"Unrecognized device: {device!r}")


def set_visible_devices(devices: Any, device_type: str | None = None) -> None:
    """Choose the visible devices. Hiding GPUs (``set_visible_devices([], "GPU")``) is accepted (there
    are none); the CPU cannot be hidden, as in TF. Unknown devices raise ``ValueError``.

    Example:
        >>> import tapeflow as tf
        >>> tf.config.set_visible_devices([], "GPU")
    """
    devices = [devices] if isinstance(devices, PhysicalDevice) else list(devices)
    for d in devices:
        _check_device(d)
    if device_type in (None, "CPU") and _CPU not in devices:
        raise ValueError("Cannot hide the CPU: tapeflow runs every op on CPU:0 (TF: CPU cannot be made invisible).")
    _STATE["visible"] = [_CPU]


def list_logical_devices(device_type: str | None = None) -> list:
    """The logical devices: ``CPU:0``, or as many CPUs as ``set_logical_device_configuration`` asked for.

    Example:
        >>> import tapeflow as tf
        >>> tf.config.list_logical_devices()
        [LogicalDevice(name='/device:CPU:0', device_type='CPU')]
    """
    _check_type(device_type)
    if device_type not in (None, "CPU"):
        return []
    n = len(_STATE["logical"]) if _STATE["logical"] else 1
    return [LogicalDevice(f"/device:CPU:{i}", "CPU") for i in range(n)]


def set_logical_device_configuration(device: PhysicalDevice, logical_devices: Any) -> None:
    """Split the CPU into several logical devices (as TF allows for testing distribution strategies).

    Example:
        >>> import tapeflow as tf
        >>> cpu = tf.config.list_physical_devices("CPU")[0]
        >>> tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
        >>> len(tf.config.list_logical_devices("CPU"))
        2
        >>> tf.config.set_logical_device_configuration(cpu, None)
    """
    _check_device(device)
    _STATE["logical"] = None if logical_devices is None else list(logical_devices)


def get_logical_device_configuration(device: PhysicalDevice) -> Any:
    """The configuration given to ``set_logical_device_configuration`` (None when unset)."""
    _check_device(device)
    return _STATE["logical"]


def get_soft_device_placement() -> bool:
    """Whether soft device placement is on (recorded; every op runs on the CPU anyway).

    Example:
        >>> import tapeflow as tf
        >>> tf.config.get_soft_device_placement()
        True
    """
    return _STATE["soft_placement"]


def set_soft_device_placement(enabled: bool) -> None:
    """Record the soft placement flag (every op runs on the CPU whatever its value)."""
    _STATE["soft_placement"] = bool(enabled)


def run_functions_eagerly(run_eagerly: bool) -> None:
    """Record the flag. tapeflow's ``tf.function`` always runs eagerly, so both settings behave the same.

    Example:
        >>> import tapeflow as tf
        >>> tf.config.run_functions_eagerly(True); tf.config.functions_run_eagerly()
        True
        >>> tf.config.run_functions_eagerly(False)
    """
    _STATE["run_eagerly"] = bool(run_eagerly)


def functions_run_eagerly() -> bool:
    """The flag set by ``run_functions_eagerly`` (False by default, as TF reports)."""
    return _STATE["run_eagerly"]


experimental_run_functions_eagerly = run_functions_eagerly
experimental_functions_run_eagerly = functions_run_eagerly


# --- threading ---------------------------------------------------------------------------------


_DEFAULT_BLAS: list = []  # NumPy's BLAS thread count before the first change


def _set_intra(num_threads: int) -> None:
    n = int(num_threads)
    if n < 0:
        raise ValueError(f"set_intra_op_parallelism_threads: num_threads must be >= 0, got {n}")
    try:
        import threadpoolctl
    except ImportError:
        warnings.warn(
            "tf.config.threading.set_intra_op_parallelism_threads: recorded, but NumPy's BLAS thread pool "
            "cannot be changed without threadpoolctl (pip install 'tapeflow[threads]'); set "
            "OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before starting Python instead.", RuntimeWarning, stacklevel=2)
    else:
        if not _DEFAULT_BLAS:
            infos = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
            _DEFAULT_BLAS.append(infos[0]["num_threads"] if infos else None)
        target = n if n > 0 else _DEFAULT_BLAS[0]  # 0: the system default, as TF
        if target:
            threadpoolctl.threadpool_limits(limits=target, user_api="blas")
    _STATE["intra"] = n


def _get_intra() -> int:
    return _STATE["intra"]


def _set_inter(num_threads: int) -> None:
    n = int(num_threads)
    if n < 0:
        raise ValueError(f"set_inter_op_parallelism_threads: num_threads must be >= 0, got {n}")
    _STATE["inter"] = n


def _get_inter() -> int:
    return _STATE["inter"]


threading = types.SimpleNamespace(
    set_intra_op_parallelism_threads=_set_intra,
    get_intra_op_parallelism_threads=_get_intra,
    set_inter_op_parallelism_threads=_set_inter,
    get_inter_op_parallelism_threads=_get_inter,
)
threading.__doc__ = """``tf.config.threading``: the intra-op count limits NumPy's BLAS threads (via threadpoolctl,
0 restores the default); the inter-op count is recorded (tapeflow runs one op at a time)."""


# --- optimizer (graph rewrites and XLA: recorded, no effect in an eager NumPy runtime) ----------


def _set_jit(enabled: Any) -> None:
    _STATE["jit"] = enabled


def _get_jit() -> Any:
    return "" if _STATE["jit"] in (False, None, "") else ("autoclustering" if _STATE["jit"] is True else _STATE["jit"])


def _set_options(options: dict) -> None:
    _STATE["optimizer_options"].update(options)


def _get_options() -> dict:
    return dict(_STATE["optimizer_options"])


optimizer = types.SimpleNamespace(set_jit=_set_jit, get_jit=_get_jit, set_experimental_options=_set_options,
                                  get_experimental_options=_get_options)
optimizer.__doc__ = """``tf.config.optimizer``: XLA and Grappler settings, recorded and reported back; they have
no effect (tapeflow has no graph compiler)."""


# --- experimental ----------------------------------------------------------------------------------


def _set_memory_growth(device: PhysicalDevice, enable: bool) -> None:
    _check_device(device)
    raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")


def _get_memory_growth(device: PhysicalDevice) -> bool:
    _check_device(device)
    raise ValueError("Cannot get memory growth on non-GPU and non-Pluggable devices")


def _enable_op_determinism() -> None:
    _STATE["determinism"] = True  # tapeflow's ops are deterministic already


def _disable_op_determinism() -> None:
    _STATE["determinism"] = False


def _is_op_determinism_enabled() -> bool:
    return _STATE["determinism"]


def _enable_tf32(enabled: bool) -> None:
    _STATE["tf32"] = bool(enabled)


def _tf32_enabled() -> bool:
    return _STATE["tf32"]


def _get_device_details(device: PhysicalDevice) -> dict:
    _check_device(device)
    return {}


def _set_device_policy(policy: Any) -> None:
    _STATE["policy"] = policy


def _get_device_policy() -> Any:
    return _STATE["policy"]


experimental = types.SimpleNamespace(
    list_physical_devices=list_physical_devices,
    list_logical_devices=list_logical_devices,
    get_visible_devices=get_visible_devices,
    set_visible_devices=set_visible_devices,
    set_memory_growth=_set_memory_growth,
    get_memory_growth=_get_memory_growth,
    enable_op_determinism=_enable_op_determinism,
    disable_op_determinism=_disable_op_determinism,
    is_op_determinism_enabled=_is_op_determinism_enabled,
    enable_tensor_float_32_execution=_enable_tf32,
    tensor_float_32_execution_enabled=_tf32_enabled,
    get_device_details=_get_device_details,
    set_device_policy=_set_device_policy,
    get_device_policy=_get_device_policy,
    VirtualDeviceConfiguration=LogicalDeviceConfiguration,
    set_virtual_device_configuration=set_logical_device_configuration,
    get_virtual_device_configuration=get_logical_device_configuration,
)
experimental.__doc__ = """``tf.config.experimental``: memory growth (GPU only: on the CPU it raises TF's ValueError),
op determinism (tapeflow's ops are deterministic; the flag is recorded), and aliases of the device functions."""


__all__ = [
    "PhysicalDevice", "LogicalDevice", "LogicalDeviceConfiguration", "list_physical_devices", "get_visible_devices",
    "set_visible_devices", "list_logical_devices", "set_logical_device_configuration",
    "get_logical_device_configuration", "get_soft_device_placement", "set_soft_device_placement",
    "run_functions_eagerly", "functions_run_eagerly", "experimental_run_functions_eagerly",
    "experimental_functions_run_eagerly", "threading", "optimizer", "experimental",
]
