"""The values of the macros and enums of portreg.h: the one place they are
written in the package.  They are part of the C ABI and never change in
1.x.  (The names of reasons, confidences, ranges and statuses are not
copied: the library's *_name() functions give them.)"""

from __future__ import annotations

import enum

__all__ = [
    "Proto", "Error", "Hint", "Ephemeral", "IPProto", "CID_HEX", "ORIENT_OPTIONS_VERSION",
    "TCP", "UDP", "SCTP", "DCCP", "ANY",
    "OK", "ENOTFOUND", "EINVAL", "ENOREPLY", "ENOSPC",
    "HINT_SYN", "HINT_SYNACK", "HINT_FIRST",
    "EPHEMERAL_IANA", "EPHEMERAL_LINUX", "EPHEMERAL_FREEBSD", "EPHEMERAL_LEGACY",
    "IPPROTO_ICMP", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_DCCP", "IPPROTO_ICMPV6",
    "IPPROTO_SCTP",
]


class Proto(enum.IntFlag):
    """Transport flags, PORTREG_TCP ... PORTREG_ANY (`protos` arguments)."""
    TCP = 0x1
    UDP = 0x2
    SCTP = 0x4
    DCCP = 0x8
    ANY = 0xF


class Error(enum.IntEnum):
    """The PORTREG_E* codes."""
    OK = 0
    ENOTFOUND = -1
    EINVAL = -2
    ENOREPLY = -3
    ENOSPC = -4


class Hint(enum.IntFlag):
    """PORTREG_HINT_* of portreg_tuple_orient()."""
    SYN = 0x1
    SYNACK = 0x2
    FIRST = 0x4


class Ephemeral(enum.IntFlag):
    """PORTREG_EPHEMERAL_* bits of portreg_port_ephemeral()."""
    IANA = 0x1
    LINUX = 0x2
    FREEBSD = 0x4
    LEGACY = 0x8


class IPProto(enum.IntEnum):
    """PORTREG_IPPROTO_*: the IP protocol numbers the flow functions treat
    specially (a tuple's `proto` is a protocol number, not a Proto flag)."""
    ICMP = 1
    TCP = 6
    UDP = 17
    DCCP = 33
    ICMPV6 = 58
    SCTP = 132


#: PORTREG_CID_HEX, the flag of portreg_community_id().
CID_HEX = 0x1
#: PORTREG_ORIENT_OPTIONS_VERSION: the portreg_orient_options this binding fills.
ORIENT_OPTIONS_VERSION = 1

# Module-level names, as the C macros are named (aliases, not copies).
TCP, UDP, SCTP, DCCP, ANY = Proto.TCP, Proto.UDP, Proto.SCTP, Proto.DCCP, Proto.ANY
OK, ENOTFOUND, EINVAL, ENOREPLY, ENOSPC = (Error.OK, Error.ENOTFOUND, Error.EINVAL,
                                           Error.ENOREPLY, Error.ENOSPC)
HINT_SYN, HINT_SYNACK, HINT_FIRST = Hint.SYN, Hint.SYNACK, Hint.FIRST
EPHEMERAL_IANA, EPHEMERAL_LINUX, EPHEMERAL_FREEBSD, EPHEMERAL_LEGACY = (
    Ephemeral.IANA, Ephemeral.LINUX, Ephemeral.FREEBSD, Ephemeral.LEGACY)
IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_DCCP, IPPROTO_ICMPV6, IPPROTO_SCTP = (
    IPProto.ICMP, IPProto.TCP, IPProto.UDP, IPProto.DCCP, IPProto.ICMPV6, IPProto.SCTP)
