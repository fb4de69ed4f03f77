"""Records of the port registry and of the protocol-numbers registry."""

from __future__ import annotations

import ctypes
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from . import _args
from ._args import Protos
from ._clib import lib, text
from ._constants import Error, IPProto, Proto
from ._errors import PortregError

# Handles wrap pointers into the library's static tables; only the package
# makes them (a pointer from anywhere else would crash the process).
_PRIVATE = object()


def _check_private(token: object, cls: str) -> None:
    if token is not _PRIVATE:
        raise TypeError(f"{cls} objects come from the lookup functions, not from {cls}()")


class Person:
    """An assignee or contact, resolved through the registry's <people>."""

    __slots__ = ("id", "name", "org", "uri")

    def __init__(self, ptr: int, _token: object = None) -> None:
        _check_private(_token, "Person")
        self.id = text(lib.portreg_person_id(ptr))
        self.name = text(lib.portreg_person_name(ptr))
        self.org = text(lib.portreg_person_org(ptr))
        self.uri = text(lib.portreg_person_uri(ptr))

    def as_dict(self) -> Dict[str, str]:
        return {"id": self.id, "name": self.name, "org": self.org, "uri": self.uri}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Person) and self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Person(id={self.id!r}, name={self.name!r}, org={self.org!r}, uri={self.uri!r})"


class Reference:
    """An <xref> other than a person: type is "rfc", "draft", "uri", "text",
    "note" or "other" (the library's portreg_ref_type_name()); data its text."""

    __slots__ = ("type", "data")

    def __init__(self, type_: str, data: str) -> None:
        self.type, self.data = type_, data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reference) and (self.type, self.data) == (other.type, other.data)

    def __hash__(self) -> int:
        return hash((self.type, self.data))

    def __repr__(self) -> str:
        return f"Reference({self.type!r}, {self.data!r})"


def _references(count: Callable[[int], Any], ref: Callable[[int, int], Any],
                ref_type: Callable[[int, int], Any], ptr: int) -> List[Reference]:
    return [Reference(text(lib.portreg_ref_type_name(int(ref_type(ptr, i)))), text(ref(ptr, i)))
            for i in range(int(count(ptr)))]


class Record:
    """One <record> of the registry.  Text fields are "" when absent, as in
    C; port_range, port, protocol, range, status and service_code are None
    when absent.  Records come from lookup_port(), lookup_name() and
    records(); two equal Records are the same registry record."""

    __slots__ = ("_ptr",)

    def __init__(self, ptr: int, _token: object = None) -> None:
        _check_private(_token, "Record")
        self._ptr = ptr

    @property
    def index(self) -> int:
        """Position in registry order: records()[r.index] is r."""
        return int(lib.portreg_entry_index(self._ptr))

    @property
    def name(self) -> str:
        return text(lib.portreg_entry_name(self._ptr))

    @property
    def protos(self) -> int:
        """The Proto flag; 0 when the record names no protocol."""
        return int(lib.portreg_entry_protos(self._ptr))

    @property
    def protocol(self) -> Optional[str]:
        """"tcp", "udp", "sctp", "dccp", or None: the record is for every protocol."""
        flags = self.protos
        return text(lib.portreg_proto_name(flags)) if flags else None

    @property
    def port_range(self) -> Optional[Tuple[int, int]]:
        """(lo, hi), lo == hi for one port; None for a name without a number."""
        lo, hi = ctypes.c_uint16(), ctypes.c_uint16()
        if lib.portreg_entry_ports(self._ptr, ctypes.byref(lo), ctypes.byref(hi)) != 0:
            return None
        return (int(lo.value), int(hi.value))

    @property
    def ports(self) -> Optional[Tuple[int, int]]:
        """The same as port_range."""
        return self.port_range

    @property
    def port(self) -> Optional[int]:
        """The first port of the record, or None."""
        r = self.port_range
        return r[0] if r else None

    @property
    def range(self) -> Optional[str]:
        """The RFC 6335 class of the first port, or None without a port."""
        p = self.port
        return classify(p) if p is not None else None

    @property
    def status(self) -> Optional[str]:
        """"assigned", "reserved" or "unassigned" for the first port and the
        record's own protocol (portreg_port_status); None without a port."""
        p = self.port
        return port_status(p, self.protos or Proto.ANY) if p is not None else None

    @property
    def description(self) -> str:
        return text(lib.portreg_entry_description(self._ptr))

    @property
    def date(self) -> str:
        return text(lib.portreg_entry_date(self._ptr))

    @property
    def updated(self) -> str:
        return text(lib.portreg_entry_updated(self._ptr))

    @property
    def note(self) -> str:
        return text(lib.portreg_entry_note(self._ptr))

    @property
    def unauthorized(self) -> str:
        return text(lib.portreg_entry_unauthorized(self._ptr))

    @property
    def service_code(self) -> Optional[int]:
        code = ctypes.c_uint32()
        if lib.portreg_entry_service_code(self._ptr, ctypes.byref(code)) != 0:
            return None
        return int(code.value)

    @property
    def references(self) -> List[Reference]:
        return _references(lib.portreg_entry_ref_count, lib.portreg_entry_ref,
                           lib.portreg_entry_ref_type, self._ptr)

    @property
    def assignees(self) -> List[Person]:
        return [Person(lib.portreg_entry_assignee(self._ptr, i), _PRIVATE)
                for i in range(int(lib.portreg_entry_assignee_count(self._ptr)))]

    @property
    def contacts(self) -> List[Person]:
        return [Person(lib.portreg_entry_contact(self._ptr, i), _PRIVATE)
                for i in range(int(lib.portreg_entry_contact_count(self._ptr)))]

    def as_dict(self) -> Dict[str, Any]:
        """The fields as plain data, with the keys of `portinfo --json`."""
        r = self.port_range
        return {
            "index": self.index, "name": self.name, "protocol": self.protocol,
            "ports": list(r) if r else None, "range": self.range, "status": self.status,
            "description": self.description, "date": self.date, "updated": self.updated,
            "assignees": [p.as_dict() for p in self.assignees],
            "contacts": [p.as_dict() for p in self.contacts],
            "references": [{"type": x.type, "data": x.data} for x in self.references],
            "note": self.note, "unauthorized": self.unauthorized,
            "service_code": self.service_code,
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._ptr == other._ptr

    def __hash__(self) -> int:
        return hash(self._ptr)

    def __repr__(self) -> str:
        r = self.port_range
        where = "-" if r is None else (str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}")
        return f"<Record {self.name or '(unnamed)'} {where}/{self.protocol or 'any'}>"


def _collect(fn: Callable[..., Any], *args: Any) -> List[Record]:
    """Calls a *_all function twice: once to count, once to fill."""
    total = int(fn(*args, None, 0))
    if total == 0:
        return []
    out = (ctypes.c_void_p * total)()
    total = min(total, int(fn(*args, out, total)))
    return [Record(_pointer(out[i]), _PRIVATE) for i in range(total)]


def _pointer(ptr: Optional[int]) -> int:
    if not ptr:  # the library never writes NULL to the array
        raise RuntimeError("portreg: NULL record from the library")
    return ptr


def lookup_port(port: int, proto: Protos = None) -> List[Record]:
    """Every named record whose port or range holds `port`, for the given
    protocol(s), in registry order (the first is what getservbyport would
    give).  proto: None (any), "tcp", "tcp,udp", ["tcp", "udp"] or flags."""
    return _collect(lib.portreg_lookup_port_all, _args.port(port), _args.protos(proto))


def lookup_name(name: Union[str, bytes], proto: Protos = None) -> List[Record]:
    """Every record named `name` (ASCII case ignored), in registry order.
    Empty names and names over 63 bytes match nothing, as in C; a name with
    a NUL character is refused (ValueError)."""
    return _collect(lib.portreg_lookup_name_all, _args.encode(name, "service name"),
                    _args.protos(proto))


def parse_service(service: Union[str, bytes], proto: Protos = None) -> int:
    """A port from "443" or a service name, as portreg_parse_service(3)
    reads it.  PortregError (a ValueError) with code EINVAL or ENOTFOUND."""
    try:
        raw = _args.encode(service, "service")
    except ValueError as err:  # a NUL: the library's EINVAL, as for other malformed text
        raise PortregError(Error.EINVAL, f"service {service!r}") from err
    result = ctypes.c_uint16()
    rc = int(lib.portreg_parse_service(ctypes.byref(result), raw, _args.protos(proto)))
    if rc != 0:
        raise PortregError(rc, f"service {service!r}")
    return int(result.value)


def port_status(port: int, proto: Protos = None) -> str:
    """"assigned", "reserved" or "unassigned" (see portreg_port_status(3))."""
    status = int(lib.portreg_port_status(_args.port(port), _args.protos(proto)))
    return text(lib.portreg_status_name(status))


def classify(port: int) -> str:
    """"system" (0-1023), "user" (1024-49151) or "dynamic" (49152-65535)."""
    return text(lib.portreg_range_name(int(lib.portreg_classify(_args.port(port)))))


def count() -> int:
    """How many records the registry holds, named or not (in the small
    profile: the named records only, as portreg_count())."""
    return int(lib.portreg_count())


def records() -> List[Record]:
    """Every record in registry order, unnamed ones included (in the small
    profile: the named records only)."""
    return [Record(int(lib.portreg_at(i)), _PRIVATE) for i in range(count())]


def registry_updated() -> str:
    """The registry edition compiled into the library, "YYYY-MM-DD"."""
    return text(lib.portreg_registry_updated())


# ---- IANA protocol numbers (1.1) ----

class Protocol:
    """One record of the IANA protocol-numbers registry.  keyword and
    description are "" when absent; numbers is (lo, hi), lo == hi for one
    value; references as Record.references."""

    __slots__ = ("_ptr",)

    def __init__(self, ptr: int, _token: object = None) -> None:
        _check_private(_token, "Protocol")
        self._ptr = ptr

    @property
    def numbers(self) -> Tuple[int, int]:
        lo, hi = ctypes.c_uint8(), ctypes.c_uint8()
        lib.portreg_protocol_numbers(self._ptr, ctypes.byref(lo), ctypes.byref(hi))
        return (int(lo.value), int(hi.value))

    @property
    def number(self) -> int:
        """The value (the first of a range)."""
        return self.numbers[0]

    @property
    def keyword(self) -> str:
        return text(lib.portreg_protocol_keyword(self._ptr))

    @property
    def description(self) -> str:
        return text(lib.portreg_protocol_description(self._ptr))

    @property
    def ipv6_ext(self) -> bool:
        """True when the registry marks it as an IPv6 extension header."""
        return bool(lib.portreg_protocol_ipv6_ext(self._ptr))

    @property
    def deprecated(self) -> bool:
        return bool(lib.portreg_protocol_deprecated(self._ptr))

    @property
    def references(self) -> List[Reference]:
        return _references(lib.portreg_protocol_ref_count, lib.portreg_protocol_ref,
                           lib.portreg_protocol_ref_type, self._ptr)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Protocol) and self._ptr == other._ptr

    def __hash__(self) -> int:
        return hash(self._ptr)

    def __repr__(self) -> str:
        lo, hi = self.numbers
        where = str(lo) if lo == hi else f"{lo}-{hi}"
        return f"<Protocol {where} {self.keyword or '(no keyword)'}>"


def _protocol(ptr: Optional[int]) -> Optional[Protocol]:
    return Protocol(int(ptr), _PRIVATE) if ptr else None


def protocol_by_number(number: int) -> Optional[Protocol]:
    """The record holding `number`, or None (as in C, for every number
    above 255 too)."""
    n = _args.integer(number, "protocol number")
    if not 0 <= n <= 255:
        return None
    return _protocol(lib.portreg_protocol_by_number(n))


def protocol_by_keyword(keyword: Union[str, bytes]) -> Optional[Protocol]:
    """The record whose keyword is `keyword` (ASCII case ignored), or None.
    A keyword with a NUL character is refused (ValueError)."""
    return _protocol(lib.portreg_protocol_by_keyword(_args.encode(keyword, "keyword")))


def protocol(query: Union[int, str, bytes]) -> Optional[Protocol]:
    """A number (50, "50") or a keyword ("esp"): the record, or None."""
    if isinstance(query, bool):
        raise TypeError("protocol query must be an int, str or bytes, not bool")
    if isinstance(query, str) and query.isascii() and query.isdigit():
        return protocol_by_number(int(query))
    if isinstance(query, int):
        return protocol_by_number(query)
    return protocol_by_keyword(query)


def protocols() -> List[Protocol]:
    """Every record of the protocol-numbers registry, in number order."""
    return [Protocol(int(lib.portreg_protocol_at(i)), _PRIVATE)
            for i in range(int(lib.portreg_protocol_count()))]


def protocols_updated() -> str:
    """The protocol-numbers edition compiled into the library, "YYYY-MM-DD"."""
    return text(lib.portreg_protocols_updated())


def protocol_number(name: str) -> int:
    """The IP protocol number of a protocol name: tcp, udp, sctp, dccp, icmp,
    icmpv6, or any keyword of the protocol-numbers registry ("esp", "gre"),
    in any case, as portreg_tuple_parse(3) reads them.  ValueError when
    unknown."""
    if not isinstance(name, str):
        raise TypeError(f"protocol name must be str, not {type(name).__name__}")
    _args.encode(name, "protocol name")
    if name.isascii() and name.upper() in IPProto.__members__:
        return int(IPProto[name.upper()])
    found = protocol_by_keyword(name)
    if found is None or found.numbers[0] != found.numbers[1]:
        raise ValueError(f"unknown protocol {name!r}")
    return found.number
