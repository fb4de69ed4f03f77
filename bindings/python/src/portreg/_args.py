"""Checks of Python arguments before they reach C.

ctypes converts silently: 2**32 passed as a C int becomes 0, 65536 as a
uint16_t becomes 0, and a char * stops at the first NUL ("tcp\\0udp" reads
as "tcp").  Each check here refuses, with TypeError or ValueError, what
would otherwise give a wrong answer.
"""

from __future__ import annotations

from typing import Iterable, Union

from ._clib import lib
from ._constants import Proto

#: What `proto` arguments take: None (any), "tcp", "tcp,udp", "any",
#: ["tcp", "udp"], or an OR of Proto flags.
Protos = Union[None, str, int, Iterable[str]]

C_INT_MIN, C_INT_MAX = -(2 ** 31), 2 ** 31 - 1


def integer(value: object, what: str) -> int:
    """An int, not a bool (True is not a port)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return int(value)


def in_range(value: object, lo: int, hi: int, what: str) -> int:
    number = integer(value, what)
    if not lo <= number <= hi:
        raise ValueError(f"{what} {number} is outside {lo}-{hi}")
    return number


def port(value: object, what: str = "port") -> int:
    """A port, 0-65535."""
    return in_range(value, 0, 65535, what)


def c_int(value: object, what: str) -> int:
    """A value that fits a C int."""
    return in_range(value, C_INT_MIN, C_INT_MAX, what)


def flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{what} must be a bool, not {type(value).__name__}")
    return value


def encode(value: object, what: str) -> bytes:
    """str (encoded as UTF-8) or bytes, for a char * argument; ValueError
    for text C would read differently (a NUL byte ends a C string)."""
    if isinstance(value, str):
        try:
            raw = value.encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValueError(f"{what} {value!r} is not valid Unicode text") from err
    elif isinstance(value, bytes):
        raw = value
    else:
        raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")
    if b"\0" in raw:
        raise ValueError(f"{what} {value!r} holds a NUL character")
    return raw


def protos(value: Protos) -> int:
    """Proto flags from None/"any", "tcp", "tcp,udp", ["tcp", "udp"] or an
    OR of Proto flags (0 and bits outside ANY refused)."""
    if value is None:
        return int(Proto.ANY)
    if isinstance(value, bool):
        raise TypeError("proto must be a name, a list of names or Proto flags, not bool")
    if isinstance(value, int):
        if not 0 < value <= Proto.ANY:
            raise ValueError(f"proto flags {value:#x} are not an OR of TCP, UDP, SCTP, DCCP")
        return int(value)
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, (str, list, tuple,
                                                                       set, frozenset)):
        raise TypeError("proto must be a name, a list of names or Proto flags, "
                        f"not {type(value).__name__}")
    names = value.split(",") if isinstance(value, str) else list(value)
    flags = 0
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"protocol names are str, not {type(name).__name__}")
        raw = encode(name, "protocol name")
        found = int(Proto.ANY) if name.lower() == "any" else int(lib.portreg_proto_from_name(raw))
        if not found:
            raise ValueError(f"unknown protocol {name!r} (tcp, udp, sctp, dccp, any)")
        flags |= found
    if not flags:
        raise ValueError("no protocol given")
    return flags
