"""Fast Arrow columns from numpy: identifiers and timestamps for millions of rows.

Formatting ids one Python string at a time is what makes generators slow;
these build Arrow string buffers directly from integer arrays.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

IntArray = npt.NDArray[np.int64]


def id_column(prefix: str, numbers: npt.ArrayLike, width: int) -> pa.StringArray:
    """``prefix`` + zero-padded ``numbers`` as an Arrow string array."""
    values = np.asarray(numbers, dtype=np.int64)
    count = len(values)
    head = prefix.encode()
    size = len(head) + width
    buffer = np.empty((count, size), dtype=np.uint8)
    if head:
        buffer[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
    rest = values.copy()
    for position in range(width - 1, -1, -1):
        buffer[:, len(head) + position] = 48 + (rest % 10)
        rest //= 10
    offsets = np.arange(0, count * size + 1, size, dtype=np.int64)
    return pa.LargeStringArray.from_buffers(
        count, pa.py_buffer(offsets), pa.py_buffer(buffer)
    ).cast(pa.string())


def id_strings(prefix: str, numbers: npt.ArrayLike, width: int) -> list[str]:
    """The same ids as Python strings (for small tables)."""
    return [f"{prefix}{int(n):0{width}d}" for n in np.asarray(numbers)]


def nullable_id_column(prefix: str, numbers: npt.ArrayLike, width: int) -> pa.Array:
    """Like ``id_column`` but a negative number becomes null."""
    values = np.asarray(numbers, dtype=np.int64)
    column = id_column(prefix, np.maximum(values, 0), width)
    mask = pa.array(values < 0)
    return pa.compute.if_else(mask, pa.scalar(None, pa.string()), column)


def choice_column(labels: tuple[str, ...], codes: npt.ArrayLike) -> pa.Array:
    """Labels picked by integer codes (a negative code is null)."""
    values = np.asarray(codes, dtype=np.int64)
    dictionary = pa.array(labels, pa.string())
    indices = pa.array(np.where(values < 0, 0, values), pa.int32(), mask=values < 0)
    return pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string())


def ts_column(micros: npt.ArrayLike) -> pa.Array:
    """Microseconds since the epoch as timestamp[us, tz=UTC]."""
    return pa.array(np.asarray(micros, dtype=np.int64), pa.int64()).cast(
        pa.timestamp("us", tz="UTC")
    )
