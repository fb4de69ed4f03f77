"""portreg: the IANA Service Name and Port Number Registry, from Python.

A pure ctypes binding over libportreg.so.1: no compiler, no build step.
The library is found through

1. the environment variable PORTREG_LIBRARY (a path), else
2. ctypes.util.find_library("portreg"), else
3. "libportreg.so.1" on the loader's search path.

    >>> import portreg
    >>> [r.name for r in portreg.lookup_port(443, "tcp")]
    ['https']
    >>> portreg.lookup_name("X11")[0].port_range
    (6000, 6063)
    >>> portreg.classify(8080)
    'user'
    >>> t = portreg.Tuple.parse("tcp 10.0.0.1:51515 -> 93.184.216.34:443")
    >>> str(t.reverse())
    'tcp 93.184.216.34:443 -> 10.0.0.1:51515'
    >>> t.community_id()
    '1:...'

Everything the library returns is static and read-only, so Record objects
are cheap handles: their fields are read on access and nothing is freed.
Every function is thread-safe (the C library holds no state).
"""

import ctypes
import ctypes.util
import ipaddress
import os

__all__ = [
    "PortregError", "Record", "Person", "Reference", "Tuple", "Orientation",
    "lookup_port", "lookup_name", "parse_service", "port_status", "classify",
    "records", "count", "registry_updated", "version", "version_info", "strerror",
    "port_ephemeral", "ephemeral_ranges",
    "Protocol", "protocol", "protocol_by_number", "protocol_by_keyword", "protocols",
    "protocols_updated",
    "TCP", "UDP", "SCTP", "DCCP", "ANY",
]

# ---- constants mirrored from portreg.h (part of the ABI, never change in 1.x) ----

TCP, UDP, SCTP, DCCP, ANY = 0x1, 0x2, 0x4, 0x8, 0xF

OK, ENOTFOUND, EINVAL, ENOREPLY, ENOSPC = 0, -1, -2, -3, -4

HINT_SYN, HINT_SYNACK, HINT_FIRST = 0x1, 0x2, 0x4
ORIENT_OPTIONS_VERSION = 1
EPHEMERAL_IANA, EPHEMERAL_LINUX, EPHEMERAL_FREEBSD, EPHEMERAL_LEGACY = 0x1, 0x2, 0x4, 0x8
CID_HEX = 0x1

_IPPROTO = {"tcp": 6, "udp": 17, "sctp": 132, "dccp": 33, "icmp": 1, "icmpv6": 58}


# ---- the two fixed-layout structs (docs/ABI.md) ----

class _TupleStruct(ctypes.Structure):
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


class _OrientationStruct(ctypes.Structure):
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


class _OrientOptionsStruct(ctypes.Structure):
    """struct portreg_orient_options, version 1 (since 1.1)."""
    _fields_ = [
        ("version", ctypes.c_uint),
        ("hints", ctypes.c_uint),
        ("local_ephemeral_first", ctypes.c_uint16),
        ("local_ephemeral_last", ctypes.c_uint16),
    ]


# A mismatch here would corrupt memory silently; fail at import instead.
assert ctypes.sizeof(_TupleStruct) == 64, "portreg_tuple must be 64 bytes"
assert ctypes.sizeof(_OrientationStruct) == 16, "portreg_orientation must be 16 bytes"
assert _TupleStruct.src_addr.offset == 8 and _TupleStruct.reserved.offset == 40
assert _OrientationStruct.src_score.offset == 4
assert ctypes.sizeof(_OrientOptionsStruct) == 12, "portreg_orient_options (version 1) is 12 bytes"


# ---- loading the library and declaring every function ----

def _load():
    path = os.environ.get("PORTREG_LIBRARY") or ctypes.util.find_library("portreg") \
        or "libportreg.so.1"
    return ctypes.CDLL(path)


_lib = _load()

_c_protocol_p = ctypes.c_void_p  # const portreg_protocol * (opaque; 1.1)
_c_entry_p = ctypes.c_void_p   # const portreg_entry * (opaque)
_c_person_p = ctypes.c_void_p  # const portreg_person * (opaque)
_u16, _u32, _uint, _size = ctypes.c_uint16, ctypes.c_uint32, ctypes.c_uint, ctypes.c_size_t
_str = ctypes.c_char_p
_P = ctypes.POINTER

# name: (restype, argtypes).  Declaring every one matters: ctypes' default
# of int truncates 64-bit pointers and size_t.
_PROTOTYPES = {
    "portreg_version": (_uint, []),
    "portreg_version_string": (_str, []),
    "portreg_strerror": (_str, [ctypes.c_int]),
    "portreg_classify": (ctypes.c_int, [_u16]),
    "portreg_range_name": (_str, [ctypes.c_int]),
    "portreg_proto_name": (_str, [_uint]),
    "portreg_proto_from_name": (_uint, [_str]),
    "portreg_count": (_size, []),
    "portreg_at": (_c_entry_p, [_size]),
    "portreg_entry_index": (_size, [_c_entry_p]),
    "portreg_lookup_port": (_c_entry_p, [_u16, _uint]),
    "portreg_lookup_port_all": (_size, [_u16, _uint, _P(_c_entry_p), _size]),
    "portreg_lookup_name": (_c_entry_p, [_str, _uint]),
    "portreg_lookup_name_len": (_c_entry_p, [_str, _size, _uint]),
    "portreg_lookup_name_all": (_size, [_str, _uint, _P(_c_entry_p), _size]),
    "portreg_parse_service": (ctypes.c_int, [_P(_u16), _str, _uint]),
    "portreg_entry_name": (_str, [_c_entry_p]),
    "portreg_entry_protos": (_uint, [_c_entry_p]),
    "portreg_entry_ports": (ctypes.c_int, [_c_entry_p, _P(_u16), _P(_u16)]),
    "portreg_entry_description": (_str, [_c_entry_p]),
    "portreg_entry_date": (_str, [_c_entry_p]),
    "portreg_entry_updated": (_str, [_c_entry_p]),
    "portreg_entry_note": (_str, [_c_entry_p]),
    "portreg_entry_unauthorized": (_str, [_c_entry_p]),
    "portreg_entry_service_code": (ctypes.c_int, [_c_entry_p, _P(_u32)]),
    "portreg_port_status": (ctypes.c_int, [_u16, _uint]),
    "portreg_status_name": (_str, [ctypes.c_int]),
    "portreg_entry_ref_count": (_size, [_c_entry_p]),
    "portreg_entry_ref": (_str, [_c_entry_p, _size]),
    "portreg_entry_ref_type": (ctypes.c_int, [_c_entry_p, _size]),
    "portreg_ref_type_name": (_str, [ctypes.c_int]),
    "portreg_entry_assignee_count": (_size, [_c_entry_p]),
    "portreg_entry_assignee": (_c_person_p, [_c_entry_p, _size]),
    "portreg_entry_contact_count": (_size, [_c_entry_p]),
    "portreg_entry_contact": (_c_person_p, [_c_entry_p, _size]),
    "portreg_person_id": (_str, [_c_person_p]),
    "portreg_person_name": (_str, [_c_person_p]),
    "portreg_person_org": (_str, [_c_person_p]),
    "portreg_person_uri": (_str, [_c_person_p]),
    "portreg_registry_updated": (_str, []),
    "portreg_port_ephemeral": (_uint, [_u16]),
    "portreg_ephemeral_range": (_str, [_uint, _P(_u16), _P(_u16)]),
    "portreg_tuple_reverse": (ctypes.c_int, [_P(_TupleStruct), _P(_TupleStruct)]),
    "portreg_tuple_orient": (ctypes.c_int, [_P(_TupleStruct), _P(_TupleStruct), _uint,
                                            _P(_OrientationStruct)]),
    "portreg_tuple_orient_ext": (ctypes.c_int, [_P(_TupleStruct), _P(_TupleStruct),
                                                _P(_OrientOptionsStruct),
                                                _P(_OrientationStruct)]),
    "portreg_tuple_canonical": (ctypes.c_int, [_P(_TupleStruct), _P(_TupleStruct),
                                               _P(ctypes.c_int)]),
    "portreg_community_id": (ctypes.c_int, [_P(_TupleStruct), _u16, _uint,
                                            ctypes.c_char_p, _size]),
    "portreg_tuple_parse": (ctypes.c_int, [_P(_TupleStruct), _str]),
    "portreg_tuple_format": (ctypes.c_int, [_P(_TupleStruct), ctypes.c_char_p, _size]),
    "portreg_reason_name": (_str, [ctypes.c_int]),
    "portreg_confidence_name": (_str, [ctypes.c_int]),
    # 1.1: the IANA protocol-numbers registry
    "portreg_protocol_count": (_size, []),
    "portreg_protocol_at": (_c_protocol_p, [_size]),
    "portreg_protocol_by_number": (_c_protocol_p, [_uint]),
    "portreg_protocol_by_keyword": (_c_protocol_p, [_str]),
    "portreg_protocol_numbers": (ctypes.c_int, [_c_protocol_p, _P(ctypes.c_uint8),
                                                _P(ctypes.c_uint8)]),
    "portreg_protocol_keyword": (_str, [_c_protocol_p]),
    "portreg_protocol_description": (_str, [_c_protocol_p]),
    "portreg_protocol_ipv6_ext": (ctypes.c_int, [_c_protocol_p]),
    "portreg_protocol_deprecated": (ctypes.c_int, [_c_protocol_p]),
    "portreg_protocol_ref_count": (_size, [_c_protocol_p]),
    "portreg_protocol_ref": (_str, [_c_protocol_p, _size]),
    "portreg_protocol_ref_type": (ctypes.c_int, [_c_protocol_p, _size]),
    "portreg_protocols_updated": (_str, []),
}

for _name, (_restype, _argtypes) in _PROTOTYPES.items():
    _fn = getattr(_lib, _name)
    _fn.restype = _restype
    _fn.argtypes = _argtypes


def _text(raw):
    """C strings from the library are static UTF-8 (the compiler checks it)."""
    return raw.decode("utf-8") if raw is not None else None


# ---- errors ----

class PortregError(ValueError):
    """A PORTREG_E* code from the library.  A ValueError, since every such
    error comes from a value the library rejected."""

    def __init__(self, code, what=""):
        self.code = code
        self.message = strerror(code)
        super().__init__(f"{what}: {self.message}" if what else self.message)


def strerror(code):
    """The library's message for a PORTREG_E* code."""
    return _text(_lib.portreg_strerror(int(code)))


# ---- argument checking ----

def _port(port):
    if isinstance(port, bool) or not isinstance(port, int):
        raise TypeError(f"port must be an int, not {type(port).__name__}")
    if not 0 <= port <= 65535:
        raise ValueError(f"port {port} is outside 0-65535")
    return port


def _protos(proto):
    """None/"any" -> ANY; "tcp"; ("tcp", "udp"); "tcp,udp"; or PORTREG_* flags."""
    if proto is None:
        return ANY
    if isinstance(proto, bool):
        raise TypeError("proto must be a name, a list of names or PORTREG_* flags")
    if isinstance(proto, int):
        if not 0 < proto <= ANY:
            raise ValueError(f"proto flags {proto:#x} are not an OR of TCP, UDP, SCTP, DCCP")
        return proto
    if isinstance(proto, str):
        proto = proto.split(",")
    flags = 0
    for name in proto:
        if not isinstance(name, str):
            raise TypeError(f"protocol names are str, not {type(name).__name__}")
        flag = ANY if name.lower() == "any" else _lib.portreg_proto_from_name(name.encode())
        if not flag:
            raise ValueError(f"unknown protocol {name!r} (tcp, udp, sctp, dccp)")
        flags |= flag
    if not flags:
        raise ValueError("no protocol given")
    return flags


def _name_bytes(name):
    if isinstance(name, bytes):
        return name
    if isinstance(name, str):
        return name.encode("utf-8")
    raise TypeError(f"service name must be str or bytes, not {type(name).__name__}")


# ---- records ----

class Person:
    """An assignee or contact, resolved through the registry's <people>."""

    __slots__ = ("id", "name", "org", "uri")

    def __init__(self, ptr):
        self.id = _text(_lib.portreg_person_id(ptr))
        self.name = _text(_lib.portreg_person_name(ptr))
        self.org = _text(_lib.portreg_person_org(ptr))
        self.uri = _text(_lib.portreg_person_uri(ptr))

    def __eq__(self, other):
        return isinstance(other, Person) and self.id == other.id

    def __hash__(self):
        return hash(self.id)

    def __repr__(self):
        return f"Person(id={self.id!r}, name={self.name!r}, org={self.org!r}, uri={self.uri!r})"


class Reference:
    """An <xref> other than a person: type is "rfc", "draft", "uri", "text",
    "note" or "other"; data its text."""

    __slots__ = ("type", "data")

    def __init__(self, type_, data):
        self.type, self.data = type_, data

    def __eq__(self, other):
        return isinstance(other, Reference) and (self.type, self.data) == (other.type, other.data)

    def __hash__(self):
        return hash((self.type, self.data))

    def __repr__(self):
        return f"Reference({self.type!r}, {self.data!r})"


class Record:
    """One <record> of the registry.  Text fields are "" when absent, as in
    C; port_range, port, protocol and service_code are None when absent."""

    __slots__ = ("_ptr",)

    def __init__(self, ptr):
        if not ptr:
            raise ValueError("NULL record")
        self._ptr = ptr

    @property
    def index(self):
        """Position in registry order: records()[r.index] is r."""
        return _lib.portreg_entry_index(self._ptr)

    @property
    def name(self):
        return _text(_lib.portreg_entry_name(self._ptr))

    @property
    def protocol(self):
        """"tcp", "udp", "sctp", "dccp", or None: the record is for every protocol."""
        flag = _lib.portreg_entry_protos(self._ptr)
        return _text(_lib.portreg_proto_name(flag)) if flag else None

    @property
    def protos(self):
        """The PORTREG_* flag; 0 when the record names no protocol."""
        return _lib.portreg_entry_protos(self._ptr)

    @property
    def port_range(self):
        """(lo, hi), lo == hi for one port; None for a name without a number."""
        lo, hi = _u16(), _u16()
        if _lib.portreg_entry_ports(self._ptr, ctypes.byref(lo), ctypes.byref(hi)) != 0:
            return None
        return (lo.value, hi.value)

    ports = port_range

    @property
    def port(self):
        """The first port of the record, or None."""
        r = self.port_range
        return r[0] if r else None

    @property
    def range(self):
        """The RFC 6335 class of the first port, or None without a port."""
        p = self.port
        return classify(p) if p is not None else None

    @property
    def status(self):
        """"assigned", "reserved" or "unassigned" for the first port and the
        record's own protocol (portreg_port_status); None without a port."""
        p = self.port
        if p is None:
            return None
        return port_status(p, self.protos or ANY)

    @property
    def description(self):
        return _text(_lib.portreg_entry_description(self._ptr))

    @property
    def date(self):
        return _text(_lib.portreg_entry_date(self._ptr))

    @property
    def updated(self):
        return _text(_lib.portreg_entry_updated(self._ptr))

    @property
    def note(self):
        return _text(_lib.portreg_entry_note(self._ptr))

    @property
    def unauthorized(self):
        return _text(_lib.portreg_entry_unauthorized(self._ptr))

    @property
    def service_code(self):
        code = _u32()
        if _lib.portreg_entry_service_code(self._ptr, ctypes.byref(code)) != 0:
            return None
        return code.value

    @property
    def references(self):
        out = []
        for i in range(_lib.portreg_entry_ref_count(self._ptr)):
            kind = _text(_lib.portreg_ref_type_name(_lib.portreg_entry_ref_type(self._ptr, i)))
            out.append(Reference(kind, _text(_lib.portreg_entry_ref(self._ptr, i))))
        return out

    @property
    def assignees(self):
        return [Person(_lib.portreg_entry_assignee(self._ptr, i))
                for i in range(_lib.portreg_entry_assignee_count(self._ptr))]

    @property
    def contacts(self):
        return [Person(_lib.portreg_entry_contact(self._ptr, i))
                for i in range(_lib.portreg_entry_contact_count(self._ptr))]

    def as_dict(self):
        """The fields as plain data, with the keys of `portinfo --json`."""
        r = self.port_range
        return {
            "index": self.index, "name": self.name, "protocol": self.protocol,
            "ports": list(r) if r else None, "range": self.range, "status": self.status,
            "description": self.description, "date": self.date, "updated": self.updated,
            "assignees": [dict(id=p.id, name=p.name, org=p.org, uri=p.uri)
                          for p in self.assignees],
            "contacts": [dict(id=p.id, name=p.name, org=p.org, uri=p.uri)
                         for p in self.contacts],
            "references": [dict(type=x.type, data=x.data) for x in self.references],
            "note": self.note, "unauthorized": self.unauthorized,
            "service_code": self.service_code,
        }

    def __eq__(self, other):
        return isinstance(other, Record) and self._ptr == other._ptr

    def __hash__(self):
        return hash(self._ptr)

    def __repr__(self):
        r = self.port_range
        where = "-" if r is None else (str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}")
        return f"<Record {self.name or '(unnamed)'} {where}/{self.protocol or 'any'}>"


def _collect(fn, *args):
    """Calls a *_all function twice: once to count, once to fill."""
    total = fn(*args, None, 0)
    if total == 0:
        return []
    out = (_c_entry_p * total)()
    total = min(total, fn(*args, out, total))
    return [Record(out[i]) for i in range(total)]


def lookup_port(port, proto=None):
    """Every named record whose port or range holds `port`, for the given
    protocol(s), in registry order (the first is what getservbyport would
    give).  proto: None (any), "tcp", "tcp,udp", ["tcp", "udp"] or flags."""
    return _collect(_lib.portreg_lookup_port_all, _port(port), _protos(proto))


def lookup_name(name, proto=None):
    """Every record named `name` (ASCII case ignored), in registry order.
    Names longer than 63 bytes, empty names and names with NUL match nothing."""
    raw = _name_bytes(name)
    if b"\0" in raw:
        return []
    return _collect(_lib.portreg_lookup_name_all, raw, _protos(proto))


def parse_service(service, proto=None):
    """A port from "443" or a service name, as getaddrinfo() reads it.
    Raises PortregError (a ValueError) with code EINVAL or ENOTFOUND."""
    raw = _name_bytes(service)
    if b"\0" in raw:
        raise PortregError(EINVAL, f"service {service!r}")
    port = _u16()
    rc = _lib.portreg_parse_service(ctypes.byref(port), raw, _protos(proto))
    if rc != 0:
        raise PortregError(rc, f"service {service!r}")
    return port.value


def port_status(port, proto=None):
    """"assigned", "reserved" or "unassigned" (see portreg_port_status(3))."""
    return _text(_lib.portreg_status_name(_lib.portreg_port_status(_port(port), _protos(proto))))


def classify(port):
    """"system" (0-1023), "user" (1024-49151) or "dynamic" (49152-65535)."""
    return _text(_lib.portreg_range_name(_lib.portreg_classify(_port(port))))


def count():
    """How many records the registry holds, named or not."""
    return _lib.portreg_count()


def records():
    """Every record in registry order, unnamed ones included."""
    return [Record(_lib.portreg_at(i)) for i in range(_lib.portreg_count())]


def registry_updated():
    """The registry edition compiled into the library, "YYYY-MM-DD"."""
    return _text(_lib.portreg_registry_updated())


# ---- IANA protocol numbers (1.1) ----

class Protocol:
    """One record of the IANA protocol-numbers registry (portreg_protocol_by_number(3)).
    keyword and description are "" when absent; numbers is (lo, hi), lo == hi
    for one value; references as Record.references."""

    __slots__ = ("_ptr",)

    def __init__(self, ptr):
        if not ptr:
            raise ValueError("NULL protocol")
        self._ptr = ptr

    @property
    def numbers(self):
        lo, hi = ctypes.c_uint8(), ctypes.c_uint8()
        _lib.portreg_protocol_numbers(self._ptr, ctypes.byref(lo), ctypes.byref(hi))
        return (lo.value, hi.value)

    @property
    def number(self):
        """The value (the first of a range)."""
        return self.numbers[0]

    @property
    def keyword(self):
        return _text(_lib.portreg_protocol_keyword(self._ptr))

    @property
    def description(self):
        return _text(_lib.portreg_protocol_description(self._ptr))

    @property
    def ipv6_ext(self):
        """True when the registry marks it as an IPv6 extension header."""
        return bool(_lib.portreg_protocol_ipv6_ext(self._ptr))

    @property
    def deprecated(self):
        return bool(_lib.portreg_protocol_deprecated(self._ptr))

    @property
    def references(self):
        out = []
        for i in range(_lib.portreg_protocol_ref_count(self._ptr)):
            kind = _text(_lib.portreg_ref_type_name(_lib.portreg_protocol_ref_type(self._ptr, i)))
            out.append(Reference(kind, _text(_lib.portreg_protocol_ref(self._ptr, i))))
        return out

    def __eq__(self, other):
        return isinstance(other, Protocol) and self._ptr == other._ptr

    def __hash__(self):
        return hash(self._ptr)

    def __repr__(self):
        lo, hi = self.numbers
        where = str(lo) if lo == hi else f"{lo}-{hi}"
        return f"<Protocol {where} {self.keyword or '(no keyword)'}>"


def _protocol(ptr):
    return Protocol(ptr) if ptr else None


def protocol_by_number(number):
    """The record holding `number` (0-255), or None."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"protocol number must be an int, not {type(number).__name__}")
    if not 0 <= number <= 255:
        return None
    return _protocol(_lib.portreg_protocol_by_number(number))


def protocol_by_keyword(keyword):
    """The record whose keyword is `keyword` (ASCII case ignored), or None."""
    raw = _name_bytes(keyword)
    if b"\0" in raw:
        return None
    return _protocol(_lib.portreg_protocol_by_keyword(raw))


def protocol(query):
    """A number (50, "50") or a keyword ("esp"): the record, or None."""
    if isinstance(query, str) and query.isdigit() and query.isascii():
        query = int(query)
    if isinstance(query, int) and not isinstance(query, bool):
        return protocol_by_number(query)
    return protocol_by_keyword(query)


def protocols():
    """Every record of the protocol-numbers registry, in number order."""
    return [Protocol(_lib.portreg_protocol_at(i)) for i in range(_lib.portreg_protocol_count())]


def protocols_updated():
    """The protocol-numbers edition compiled into the library, "YYYY-MM-DD"."""
    return _text(_lib.portreg_protocols_updated())


def version():
    """The library's version, "MAJOR.MINOR.PATCH", read at run time."""
    return _text(_lib.portreg_version_string())


def version_info():
    """The library's version as a (major, minor, patch) tuple."""
    n = _lib.portreg_version()
    return (n // 10000, n // 100 % 100, n % 100)


# ---- ephemeral port ranges ----

def ephemeral_ranges():
    """{bit: (name, first, last)} for every ephemeral range the library
    knows (portreg_ephemeral_range(3)), e.g. {2: ("Linux", 32768, 60999), ...}."""
    out, bit = {}, 1
    first, last = ctypes.c_uint16(), ctypes.c_uint16()
    while bit < 1 << 16:
        name = _lib.portreg_ephemeral_range(bit, ctypes.byref(first), ctypes.byref(last))
        if name is not None:
            out[bit] = (_text(name), first.value, last.value)
        bit <<= 1
    return out


def port_ephemeral(port):
    """The names of the ephemeral ranges that hold the port, in bit order
    (portreg_port_ephemeral(3)); [] for none."""
    bits = _lib.portreg_port_ephemeral(_port(port))
    return [name for bit, (name, _, _) in sorted(ephemeral_ranges().items()) if bits & bit]


# ---- flows ----

class Orientation:
    """What Tuple.orient() decided: swapped (bool), reason and confidence
    (lower-case names of the enum constants), and the ports' ranks."""

    __slots__ = ("swapped", "reason", "confidence", "src_score", "dst_score")

    def __init__(self, why):
        self.swapped = bool(why.swapped)
        self.reason = _text(_lib.portreg_reason_name(why.reason))
        self.confidence = _text(_lib.portreg_confidence_name(why.confidence))
        self.src_score = why.src_score
        self.dst_score = why.dst_score

    def __repr__(self):
        return (f"Orientation(swapped={self.swapped}, reason={self.reason!r}, "
                f"confidence={self.confidence!r}, src_score={self.src_score}, "
                f"dst_score={self.dst_score})")


class Tuple:
    """A flow's 5-tuple (struct portreg_tuple).

    Tuple.parse("tcp 10.0.0.1:51515 -> 93.184.216.34:443"), or
    Tuple("tcp", "10.0.0.1", 51515, "93.184.216.34", 443).
    For ICMP and ICMPv6 the ports are the type and the code.
    """

    __slots__ = ("_t",)

    def __init__(self, proto, src, src_port, dst, dst_port):
        t = _TupleStruct()
        if isinstance(proto, str):
            if proto.lower() in _IPPROTO:
                proto = _IPPROTO[proto.lower()]
            else:  # any keyword of the protocol-numbers registry ("esp", "gre")
                found = protocol_by_keyword(proto)
                if found is None:
                    raise ValueError(f"unknown protocol {proto!r}")
                proto = found.number
        if isinstance(proto, bool) or not isinstance(proto, int) or not 0 <= proto <= 255:
            raise ValueError(f"protocol must be a name or a number 0-255, not {proto!r}")
        src, dst = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if src.version != dst.version:
            raise ValueError("source and destination are of different address families")
        t.family, t.proto = src.version, proto
        t.src_port, t.dst_port = _port(src_port), _port(dst_port)
        ctypes.memmove(t.src_addr, src.packed, len(src.packed))
        ctypes.memmove(t.dst_addr, dst.packed, len(dst.packed))
        self._t = t
        # Reject what the library would: ports on a protocol without them, ICMP above 255.
        self._format()

    @classmethod
    def _wrap(cls, struct):
        obj = cls.__new__(cls)
        obj._t = struct
        return obj

    @classmethod
    def parse(cls, text):
        """Reads "PROTO SRC -> DST" (portreg_tuple_parse(3)); PortregError
        (a ValueError) for malformed text."""
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"tuple text must be str or bytes, not {type(text).__name__}")
        raw = text.encode("utf-8") if isinstance(text, str) else text
        t = _TupleStruct()
        if b"\0" in raw:
            raise PortregError(EINVAL, f"tuple {text!r}")
        rc = _lib.portreg_tuple_parse(ctypes.byref(t), raw)
        if rc != 0:
            raise PortregError(rc, f"tuple {text!r}")
        return cls._wrap(t)

    def _format(self):
        buf = ctypes.create_string_buffer(128)
        n = _lib.portreg_tuple_format(ctypes.byref(self._t), buf, len(buf))
        if n < 0:
            raise PortregError(n, "tuple")
        return buf.value.decode("ascii")

    def __str__(self):
        return self._format()

    def __repr__(self):
        return f"Tuple.parse({self._format()!r})"

    def __eq__(self, other):
        return isinstance(other, Tuple) and bytes(self._t) == bytes(other._t)

    def __hash__(self):
        return hash(bytes(self._t))

    # -- fields --
    family = property(lambda self: self._t.family)
    proto = property(lambda self: self._t.proto)
    src_port = property(lambda self: self._t.src_port)
    dst_port = property(lambda self: self._t.dst_port)

    def _addr(self, raw):
        n = 4 if self._t.family == 4 else 16
        return ipaddress.ip_address(bytes(raw[:n]))

    src = property(lambda self: self._addr(self._t.src_addr))
    dst = property(lambda self: self._addr(self._t.dst_addr))

    # -- operations --
    def reverse(self):
        """The return traffic.  PortregError with code ENOREPLY for an ICMP
        type without a request/reply partner."""
        out = _TupleStruct()
        rc = _lib.portreg_tuple_reverse(ctypes.byref(out), ctypes.byref(self._t))
        if rc != 0:
            raise PortregError(rc, "reverse")
        return Tuple._wrap(out)

    def orient(self, syn=False, synack=False, first=False, local_range=None):
        """(tuple with the server as destination, Orientation).  syn/synack:
        a TCP SYN (or SYN+ACK) was seen from this tuple's source; first: its
        source sent the first packet seen; local_range: (first, last), the
        ports your own hosts take client ports from (portreg_tuple_orient(3))."""
        opts = _OrientOptionsStruct(ORIENT_OPTIONS_VERSION,
                                    (HINT_SYN if syn else 0) | (HINT_SYNACK if synack else 0)
                                    | (HINT_FIRST if first else 0), 0, 0)
        if local_range is not None:
            lo, hi = local_range
            opts.local_ephemeral_first, opts.local_ephemeral_last = _port(lo), _port(hi)
            if not 0 < lo <= hi:
                raise ValueError(f"local_range {local_range!r} is not 1 <= first <= last")
        out, why = _TupleStruct(), _OrientationStruct()
        rc = _lib.portreg_tuple_orient_ext(ctypes.byref(out), ctypes.byref(self._t),
                                           ctypes.byref(opts), ctypes.byref(why))
        if rc != 0:
            raise PortregError(rc, "orient")
        return Tuple._wrap(out), Orientation(why)

    def canonical(self):
        """(direction-free tuple, whether it was swapped)."""
        out, swapped = _TupleStruct(), ctypes.c_int(0)
        rc = _lib.portreg_tuple_canonical(ctypes.byref(out), ctypes.byref(self._t),
                                          ctypes.byref(swapped))
        if rc != 0:
            raise PortregError(rc, "canonical")
        return Tuple._wrap(out), bool(swapped.value)

    def community_id(self, seed=0, hex=False):
        """The Community ID v1 string, "1:..." (base64, or hex)."""
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError("seed must be an int")
        if not 0 <= seed <= 65535:
            raise ValueError(f"seed {seed} is outside 0-65535")
        buf = ctypes.create_string_buffer(64)
        n = _lib.portreg_community_id(ctypes.byref(self._t), seed, CID_HEX if hex else 0,
                                      buf, len(buf))
        if n < 0:
            raise PortregError(n, "community_id")
        return buf.value.decode("ascii")
