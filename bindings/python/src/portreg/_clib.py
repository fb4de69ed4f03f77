"""Loading libportreg.so.1: the structs, the checks made at import, and the
prototype of every function called.

Nothing here is public.  `lib` is the loaded library with every function
declared; the rest of the package calls it and converts what it returns
(ctypes gives Any) to typed values at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type

from ._version import LIBRARY_REQUIRED

SONAME = "libportreg.so.1"
INSTALL_HINT = ("install the C library (Debian: apt-get install libportreg1), or set "
                "PORTREG_LIBRARY to the path of libportreg.so.1")

# ---- the fixed-layout structs (docs/BINDINGS.md) ----


class TupleStruct(ctypes.Structure):
    """struct portreg_tuple: 64 bytes, layout fixed for all of 1.x."""
    _fields_ = [
        ("family", ctypes.c_uint8),
        ("proto", ctypes.c_uint8),
        ("src_port", ctypes.c_uint16),
        ("dst_port", ctypes.c_uint16),
        ("reserved0", ctypes.c_uint16),
        ("src_addr", ctypes.c_uint8 * 16),
        ("dst_addr", ctypes.c_uint8 * 16),
        ("reserved", ctypes.c_uint8 * 24),
    ]


class OrientationStruct(ctypes.Structure):
    """struct portreg_orientation: 16 bytes."""
    _fields_ = [
        ("swapped", ctypes.c_uint8),
        ("confidence", ctypes.c_uint8),
        ("reason", ctypes.c_uint8),
        ("reserved0", ctypes.c_uint8),
        ("src_score", ctypes.c_int8),
        ("dst_score", ctypes.c_int8),
        ("reserved", ctypes.c_uint8 * 10),
    ]


class OrientOptionsStruct(ctypes.Structure):
    """struct portreg_orient_options, version 1 (since 1.1): 12 bytes."""
    _fields_ = [
        ("version", ctypes.c_uint),
        ("hints", ctypes.c_uint),
        ("local_ephemeral_first", ctypes.c_uint16),
        ("local_ephemeral_last", ctypes.c_uint16),
    ]


#: (size, alignment, [(field, offset, size)]) of each struct, from portreg.h.
LAYOUTS: Dict[Type[ctypes.Structure], Tuple[int, int, List[Tuple[str, int, int]]]] = {
    TupleStruct: (64, 2, [("family", 0, 1), ("proto", 1, 1), ("src_port", 2, 2),
                          ("dst_port", 4, 2), ("reserved0", 6, 2), ("src_addr", 8, 16),
                          ("dst_addr", 24, 16), ("reserved", 40, 24)]),
    OrientationStruct: (16, 1, [("swapped", 0, 1), ("confidence", 1, 1), ("reason", 2, 1),
                                ("reserved0", 3, 1), ("src_score", 4, 1), ("dst_score", 5, 1),
                                ("reserved", 6, 10)]),
    OrientOptionsStruct: (12, 4, [("version", 0, 4), ("hints", 4, 4),
                                  ("local_ephemeral_first", 8, 2),
                                  ("local_ephemeral_last", 10, 2)]),
}


def check_layout(struct: Type[ctypes.Structure], size: int, alignment: int,
                 fields: Sequence[Tuple[str, int, int]]) -> None:
    """Raises ImportError unless `struct` has exactly this layout.  A real
    check, not an assert (python -O strips those): a mismatch would corrupt
    memory silently."""
    name = struct.__name__
    got = [(f[0], getattr(struct, f[0]).offset, getattr(struct, f[0]).size)
           for f in struct._fields_]
    if ctypes.sizeof(struct) != size:
        raise ImportError(f"portreg: {name} is {ctypes.sizeof(struct)} bytes on this "
                          f"platform, the C library's is {size}")
    if ctypes.alignment(struct) != alignment:
        raise ImportError(f"portreg: {name} has alignment {ctypes.alignment(struct)} on this "
                          f"platform, the C library's has {alignment}")
    if got != list(fields):
        raise ImportError(f"portreg: {name} has fields {got}, the C library's are "
                          f"{list(fields)}")


for _struct, _layout in LAYOUTS.items():
    check_layout(_struct, *_layout)


# ---- finding and loading the library ----

def load(environ: Optional[Dict[str, str]] = None) -> ctypes.CDLL:
    """The library, found in this order: $PORTREG_LIBRARY (a path; when it is
    set and does not load, that is the error), ctypes.util.find_library,
    the soname.  ImportError, never OSError, when none loads."""
    env = os.environ if environ is None else environ
    explicit = env.get("PORTREG_LIBRARY")
    if explicit:
        try:
            return ctypes.CDLL(explicit)
        except OSError as err:
            raise ImportError(f"portreg: PORTREG_LIBRARY={explicit!r} does not load ({err}); "
                              f"point it at libportreg.so.1, or unset it to use the "
                              f"installed library (Debian: apt-get install libportreg1)") from err
    tried: List[str] = []
    for candidate in (ctypes.util.find_library("portreg"), SONAME):
        if candidate is None or candidate in tried:
            continue
        tried.append(candidate)
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    raise ImportError(f"portreg: the C library was not found (tried {', '.join(tried)}): "
                      f"{INSTALL_HINT}")


def check_version(number: int, required: Tuple[int, int] = LIBRARY_REQUIRED) -> None:
    """ImportError unless the library version `number` (portreg_version(),
    MAJOR*10000 + MINOR*100 + PATCH) has the required major and at least
    the required minor version."""
    major, minor = number // 10000, number // 100 % 100
    if major != required[0] or minor < required[1]:
        raise ImportError(f"portreg: the C library is version {major}.{minor}.{number % 100}; "
                          f"this binding needs {required[0]}.x with x >= {required[1]}: "
                          f"{INSTALL_HINT}")


_entry_p = ctypes.c_void_p     # const portreg_entry * (opaque)
_person_p = ctypes.c_void_p    # const portreg_person * (opaque)
_protocol_p = ctypes.c_void_p  # const portreg_protocol * (opaque; 1.1)
_u8, _u16, _u32 = ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
_int, _uint, _size, _str = ctypes.c_int, ctypes.c_uint, ctypes.c_size_t, ctypes.c_char_p
_P = ctypes.POINTER

# name: (restype, argtypes).  Every one is declared: ctypes' default of int
# truncates 64-bit pointers and size_t.
PROTOTYPES: Dict[str, Tuple[Any, List[Any]]] = {
    "portreg_version": (_uint, []),
    "portreg_version_string": (_str, []),
    "portreg_strerror": (_str, [_int]),
    "portreg_classify": (_int, [_u16]),
    "portreg_range_name": (_str, [_int]),
    "portreg_proto_name": (_str, [_uint]),
    "portreg_proto_from_name": (_uint, [_str]),
    "portreg_count": (_size, []),
    "portreg_at": (_entry_p, [_size]),
    "portreg_entry_index": (_size, [_entry_p]),
    "portreg_lookup_port": (_entry_p, [_u16, _uint]),
    "portreg_lookup_port_all": (_size, [_u16, _uint, _P(_entry_p), _size]),
    "portreg_lookup_name": (_entry_p, [_str, _uint]),
    "portreg_lookup_name_len": (_entry_p, [_str, _size, _uint]),
    "portreg_lookup_name_all": (_size, [_str, _uint, _P(_entry_p), _size]),
    "portreg_parse_service": (_int, [_P(_u16), _str, _uint]),
    "portreg_entry_name": (_str, [_entry_p]),
    "portreg_entry_protos": (_uint, [_entry_p]),
    "portreg_entry_ports": (_int, [_entry_p, _P(_u16), _P(_u16)]),
    "portreg_entry_description": (_str, [_entry_p]),
    "portreg_entry_date": (_str, [_entry_p]),
    "portreg_entry_updated": (_str, [_entry_p]),
    "portreg_entry_note": (_str, [_entry_p]),
    "portreg_entry_unauthorized": (_str, [_entry_p]),
    "portreg_entry_service_code": (_int, [_entry_p, _P(_u32)]),
    "portreg_port_status": (_int, [_u16, _uint]),
    "portreg_status_name": (_str, [_int]),
    "portreg_entry_ref_count": (_size, [_entry_p]),
    "portreg_entry_ref": (_str, [_entry_p, _size]),
    "portreg_entry_ref_type": (_int, [_entry_p, _size]),
    "portreg_ref_type_name": (_str, [_int]),
    "portreg_entry_assignee_count": (_size, [_entry_p]),
    "portreg_entry_assignee": (_person_p, [_entry_p, _size]),
    "portreg_entry_contact_count": (_size, [_entry_p]),
    "portreg_entry_contact": (_person_p, [_entry_p, _size]),
    "portreg_person_id": (_str, [_person_p]),
    "portreg_person_name": (_str, [_person_p]),
    "portreg_person_org": (_str, [_person_p]),
    "portreg_person_uri": (_str, [_person_p]),
    "portreg_registry_updated": (_str, []),
    "portreg_port_ephemeral": (_uint, [_u16]),
    "portreg_ephemeral_range": (_str, [_uint, _P(_u16), _P(_u16)]),
    "portreg_tuple_reverse": (_int, [_P(TupleStruct), _P(TupleStruct)]),
    "portreg_tuple_orient": (_int, [_P(TupleStruct), _P(TupleStruct), _uint,
                                    _P(OrientationStruct)]),
    "portreg_tuple_orient_ext": (_int, [_P(TupleStruct), _P(TupleStruct),
                                        _P(OrientOptionsStruct), _P(OrientationStruct)]),
    "portreg_tuple_canonical": (_int, [_P(TupleStruct), _P(TupleStruct), _P(_int)]),
    "portreg_community_id": (_int, [_P(TupleStruct), _u16, _uint, _str, _size]),
    "portreg_tuple_parse": (_int, [_P(TupleStruct), _str]),
    "portreg_tuple_format": (_int, [_P(TupleStruct), _str, _size]),
    "portreg_reason_name": (_str, [_int]),
    "portreg_confidence_name": (_str, [_int]),
    # 1.1: the IANA protocol-numbers registry
    "portreg_protocol_count": (_size, []),
    "portreg_protocol_at": (_protocol_p, [_size]),
    "portreg_protocol_by_number": (_protocol_p, [_uint]),
    "portreg_protocol_by_keyword": (_protocol_p, [_str]),
    "portreg_protocol_numbers": (_int, [_protocol_p, _P(_u8), _P(_u8)]),
    "portreg_protocol_keyword": (_str, [_protocol_p]),
    "portreg_protocol_description": (_str, [_protocol_p]),
    "portreg_protocol_ipv6_ext": (_int, [_protocol_p]),
    "portreg_protocol_deprecated": (_int, [_protocol_p]),
    "portreg_protocol_ref_count": (_size, [_protocol_p]),
    "portreg_protocol_ref": (_str, [_protocol_p, _size]),
    "portreg_protocol_ref_type": (_int, [_protocol_p, _size]),
    "portreg_protocols_updated": (_str, []),
}


def declare(library: ctypes.CDLL) -> Any:
    """Checks the version of `library` and declares every prototype;
    ImportError when it is not a compatible libportreg."""
    try:
        version_fn = library.portreg_version
    except AttributeError as err:
        raise ImportError(f"portreg: {library._name!r} is not libportreg "
                          f"(no portreg_version): {INSTALL_HINT}") from err
    version_fn.restype, version_fn.argtypes = _uint, []
    check_version(int(version_fn()))
    for name, (restype, argtypes) in PROTOTYPES.items():
        try:
            fn = getattr(library, name)
        except AttributeError as err:
            raise ImportError(f"portreg: {library._name!r} lacks {name}: {INSTALL_HINT}") \
                from err
        fn.restype, fn.argtypes = restype, argtypes
    return library


#: The library, every function declared.  Typed Any: callers convert.
lib: Any = declare(load())


def text(raw: Optional[bytes]) -> str:
    """A string the library returned: static UTF-8 (the compiler checks it)."""
    return raw.decode("utf-8") if raw is not None else ""
