"""portreg: the IANA Service Name and Port Number Registry, from Python.

A ctypes binding over the C library libportreg.so.1 (Debian: libportreg1),
found through

1. the environment variable PORTREG_LIBRARY (a path), else
2. ctypes.util.find_library("portreg"), else
3. "libportreg.so.1" on the loader's search path;

ImportError when none loads, or when the library is older than 1.1.

    >>> import portreg
    >>> [r.name for r in portreg.lookup_port(443, "tcp")][:1]
    ['https']
    >>> portreg.lookup_name("X11", "tcp")[0].port_range
    (6000, 6063)
    >>> portreg.classify(8080)
    'user'
    >>> t = portreg.Tuple.parse("tcp 10.0.0.1:51515 -> 93.184.216.34:443")
    >>> str(t.reverse())
    'tcp 93.184.216.34:443 -> 10.0.0.1:51515'

Everything the library returns is static and read-only, so Record objects
are cheap handles: their fields are read on access and nothing is freed.
Every function is thread-safe (the C library holds no state).  Arguments
are checked before they reach C: TypeError for the wrong type, ValueError
(PortregError is one) for a value C would refuse or misread.
"""

from __future__ import annotations

from typing import Tuple as _T

from ._clib import lib as _lib, text as _text
from ._constants import (ANY, CID_HEX, DCCP, EINVAL, ENOREPLY, ENOSPC, ENOTFOUND,
                         EPHEMERAL_FREEBSD, EPHEMERAL_IANA, EPHEMERAL_LEGACY, EPHEMERAL_LINUX,
                         HINT_FIRST, HINT_SYN, HINT_SYNACK, IPPROTO_DCCP, IPPROTO_ICMP,
                         IPPROTO_ICMPV6, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, OK,
                         ORIENT_OPTIONS_VERSION, SCTP, TCP, UDP, Ephemeral, Error, Hint,
                         IPProto, Proto)
from ._errors import PortregError, strerror
from ._flows import Orientation, Tuple, ephemeral_ranges, port_ephemeral
from ._records import (Person, Protocol, Record, Reference, classify, count, lookup_name,
                       lookup_port, parse_service, port_status, protocol, protocol_by_keyword,
                       protocol_by_number, protocol_number, protocols, protocols_updated, records,
                       registry_updated)
from ._version import __version__


def version() -> str:
    """The C library's version, "MAJOR.MINOR.PATCH", read at run time
    (the package's own is __version__)."""
    return _text(_lib.portreg_version_string())


def version_info() -> _T[int, int, int]:
    """The C library's version as a (major, minor, patch) tuple."""
    n = int(_lib.portreg_version())
    return (n // 10000, n // 100 % 100, n % 100)


__all__ = [
    "__version__",
    "PortregError", "Record", "Person", "Reference", "Tuple", "Orientation", "Protocol",
    "lookup_port", "lookup_name", "parse_service", "port_status", "classify",
    "records", "count", "registry_updated", "version", "version_info", "strerror",
    "port_ephemeral", "ephemeral_ranges",
    "protocol", "protocol_by_number", "protocol_by_keyword", "protocol_number", "protocols",
    "protocols_updated",
    "Proto", "Error", "Hint", "Ephemeral", "IPProto",
    "TCP", "UDP", "SCTP", "DCCP", "ANY",
    "OK", "ENOTFOUND", "EINVAL", "ENOREPLY", "ENOSPC",
    "HINT_SYN", "HINT_SYNACK", "HINT_FIRST", "ORIENT_OPTIONS_VERSION", "CID_HEX",
    "EPHEMERAL_IANA", "EPHEMERAL_LINUX", "EPHEMERAL_FREEBSD", "EPHEMERAL_LEGACY",
    "IPPROTO_ICMP", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_DCCP", "IPPROTO_ICMPV6",
    "IPPROTO_SCTP",
]
