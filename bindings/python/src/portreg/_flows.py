"""Flows: tuples, their reverse, orientation, canonical form, Community ID;
and the ephemeral port ranges."""

from __future__ import annotations

import ctypes
import ipaddress
from typing import Dict, List, Optional, Tuple as TupleT, Union

from . import _args
from ._clib import OrientationStruct, OrientOptionsStruct, TupleStruct, lib, text
from ._constants import CID_HEX, ORIENT_OPTIONS_VERSION, Error, Hint
from ._errors import PortregError
from ._records import protocol_number

Address = Union[str, ipaddress.IPv4Address, ipaddress.IPv6Address]


def ephemeral_ranges() -> Dict[int, TupleT[str, int, int]]:
    """{bit: (name, first, last)} for every ephemeral range the library
    knows (portreg_ephemeral_range(3)), e.g. {2: ("Linux", 32768, 60999), ...}."""
    out: Dict[int, TupleT[str, int, int]] = {}
    first, last = ctypes.c_uint16(), ctypes.c_uint16()
    for shift in range(32):
        bit = 1 << shift
        name = lib.portreg_ephemeral_range(bit, ctypes.byref(first), ctypes.byref(last))
        if name is not None:
            out[bit] = (text(name), int(first.value), int(last.value))
    return out


def port_ephemeral(port: int) -> List[str]:
    """The names of the ephemeral ranges that hold the port, in bit order
    (portreg_port_ephemeral(3)); [] for none."""
    bits = int(lib.portreg_port_ephemeral(_args.port(port)))
    return [name for bit, (name, _, _) in sorted(ephemeral_ranges().items()) if bits & bit]


class Orientation:
    """What Tuple.orient() decided: swapped (bool), reason and confidence
    (the library's names: portreg_reason_name(), portreg_confidence_name();
    "" for a value this library does not name), and the ports' ranks."""

    __slots__ = ("swapped", "reason", "confidence", "src_score", "dst_score")

    def __init__(self, swapped: bool, reason: str, confidence: str, src_score: int,
                 dst_score: int) -> None:
        self.swapped = swapped
        self.reason = reason
        self.confidence = confidence
        self.src_score = src_score
        self.dst_score = dst_score

    @classmethod
    def _from_struct(cls, why: OrientationStruct) -> "Orientation":
        return cls(bool(why.swapped), text(lib.portreg_reason_name(int(why.reason))),
                   text(lib.portreg_confidence_name(int(why.confidence))),
                   int(why.src_score), int(why.dst_score))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Orientation) and all(
            getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f) for f in self.__slots__))

    def __repr__(self) -> str:
        return (f"Orientation(swapped={self.swapped}, reason={self.reason!r}, "
                f"confidence={self.confidence!r}, src_score={self.src_score}, "
                f"dst_score={self.dst_score})")


def _address(value: object, what: str) -> Union[ipaddress.IPv4Address, ipaddress.IPv6Address]:
    """An IP address from text or an ipaddress object; no zone index (the
    tuple has no room for one, and portreg_tuple_parse() refuses them)."""
    if isinstance(value, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
        addr = value
    elif isinstance(value, str):
        addr = ipaddress.ip_address(value)  # ValueError for what is not an address
    else:
        raise TypeError(f"{what} address must be str or an ipaddress address, "
                        f"not {type(value).__name__}")
    if isinstance(addr, ipaddress.IPv6Address) and addr.scope_id is not None:
        raise ValueError(f"{what} address {value!r} has a zone index, which a tuple cannot hold")
    return addr


class Tuple:
    """A flow's 5-tuple (struct portreg_tuple).

    Tuple.parse("tcp 10.0.0.1:51515 -> 93.184.216.34:443"), or
    Tuple("tcp", "10.0.0.1", 51515, "93.184.216.34", 443).  The protocol is
    a name (tcp, udp, sctp, dccp, icmp, icmpv6, or a keyword of the
    protocol-numbers registry such as "esp") or a number 0-255.  For ICMP
    and ICMPv6 the ports are the type and the code; for protocols without
    ports both must be 0.
    """

    __slots__ = ("_t",)

    def __init__(self, proto: Union[str, int], src: Address, src_port: int, dst: Address,
                 dst_port: int) -> None:
        if isinstance(proto, str):
            number = protocol_number(proto)
        else:
            number = _args.in_range(proto, 0, 255, "protocol number")
        s, d = _address(src, "source"), _address(dst, "destination")
        if s.version != d.version:
            raise ValueError("source and destination are of different address families")
        t = TupleStruct()
        t.family, t.proto = s.version, number
        t.src_port = _args.port(src_port, "source port")
        t.dst_port = _args.port(dst_port, "destination port")
        ctypes.memmove(t.src_addr, s.packed, len(s.packed))
        ctypes.memmove(t.dst_addr, d.packed, len(d.packed))
        self._t = t
        # Refuse what the library refuses: ports on a protocol without
        # them, an ICMP type or code above 255.
        self._format()

    @classmethod
    def _wrap(cls, struct: TupleStruct) -> "Tuple":
        obj = cls.__new__(cls)
        obj._t = struct
        return obj

    @classmethod
    def parse(cls, text_: Union[str, bytes]) -> "Tuple":
        """Reads "PROTO SRC -> DST" (portreg_tuple_parse(3)); PortregError
        (a ValueError) for malformed text, TypeError for what is not text."""
        try:
            raw = _args.encode(text_, "tuple text")
        except ValueError as err:
            raise PortregError(Error.EINVAL, f"tuple {text_!r}") from err
        t = TupleStruct()
        rc = int(lib.portreg_tuple_parse(ctypes.byref(t), raw))
        if rc != 0:
            raise PortregError(rc, f"tuple {text_!r}")
        return cls._wrap(t)

    def _format(self) -> str:
        buf = ctypes.create_string_buffer(128)
        n = int(lib.portreg_tuple_format(ctypes.byref(self._t), buf, len(buf)))
        if n < 0:
            raise PortregError(n, "tuple")
        return buf.value.decode("ascii")

    def __str__(self) -> str:
        return self._format()

    def __repr__(self) -> str:
        return f"Tuple.parse({self._format()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tuple) and bytes(self._t) == bytes(other._t)

    def __hash__(self) -> int:
        return hash(bytes(self._t))

    # -- fields --
    @property
    def family(self) -> int:
        """4 or 6."""
        return int(self._t.family)

    @property
    def proto(self) -> int:
        """The IP protocol number (6 for TCP)."""
        return int(self._t.proto)

    @property
    def src_port(self) -> int:
        return int(self._t.src_port)

    @property
    def dst_port(self) -> int:
        return int(self._t.dst_port)

    def _addr(self, raw: "ctypes.Array[ctypes.c_uint8]") -> Union[ipaddress.IPv4Address,
                                                                   ipaddress.IPv6Address]:
        n = 4 if self.family == 4 else 16
        return ipaddress.ip_address(bytes(raw[:n]))

    @property
    def src(self) -> Union[ipaddress.IPv4Address, ipaddress.IPv6Address]:
        return self._addr(self._t.src_addr)

    @property
    def dst(self) -> Union[ipaddress.IPv4Address, ipaddress.IPv6Address]:
        return self._addr(self._t.dst_addr)

    # -- operations --
    def reverse(self) -> "Tuple":
        """The return traffic.  PortregError with code ENOREPLY for an ICMP
        type without a request/reply partner."""
        out = TupleStruct()
        rc = int(lib.portreg_tuple_reverse(ctypes.byref(out), ctypes.byref(self._t)))
        if rc != 0:
            raise PortregError(rc, "reverse")
        return Tuple._wrap(out)

    def orient(self, syn: bool = False, synack: bool = False, first: bool = False,
               local_range: Optional[TupleT[int, int]] = None) -> TupleT["Tuple", Orientation]:
        """(tuple with the server as destination, Orientation).  syn/synack:
        a TCP SYN (or SYN+ACK) was seen from this tuple's source; first: its
        source sent the first packet seen; local_range: (first, last), the
        ports your own hosts take client ports from (portreg_tuple_orient(3))."""
        hints = ((Hint.SYN if _args.flag(syn, "syn") else 0)
                 | (Hint.SYNACK if _args.flag(synack, "synack") else 0)
                 | (Hint.FIRST if _args.flag(first, "first") else 0))
        opts = OrientOptionsStruct(ORIENT_OPTIONS_VERSION, int(hints), 0, 0)
        if local_range is not None:
            if not isinstance(local_range, tuple) or len(local_range) != 2:
                raise TypeError("local_range must be a (first, last) tuple")
            lo = _args.port(local_range[0], "local_range first")
            hi = _args.port(local_range[1], "local_range last")
            if not 0 < lo <= hi:
                raise ValueError(f"local_range {local_range!r} is not 1 <= first <= last")
            opts.local_ephemeral_first, opts.local_ephemeral_last = lo, hi
        out, why = TupleStruct(), OrientationStruct()
        rc = int(lib.portreg_tuple_orient_ext(ctypes.byref(out), ctypes.byref(self._t),
                                              ctypes.byref(opts), ctypes.byref(why)))
        if rc != 0:
            raise PortregError(rc, "orient")
        return Tuple._wrap(out), Orientation._from_struct(why)

    def canonical(self) -> TupleT["Tuple", bool]:
        """(direction-free tuple, whether it was swapped)."""
        out, swapped = TupleStruct(), ctypes.c_int(0)
        rc = int(lib.portreg_tuple_canonical(ctypes.byref(out), ctypes.byref(self._t),
                                             ctypes.byref(swapped)))
        if rc != 0:
            raise PortregError(rc, "canonical")
        return Tuple._wrap(out), bool(swapped.value)

    def community_id(self, seed: int = 0, hex: bool = False) -> str:
        """The Community ID v1 string, "1:..." (base64, or hex)."""
        seed = _args.port(seed, "seed")
        flags = CID_HEX if _args.flag(hex, "hex") else 0
        buf = ctypes.create_string_buffer(64)
        n = int(lib.portreg_community_id(ctypes.byref(self._t), seed, flags, buf, len(buf)))
        if n < 0:
            raise PortregError(n, "community_id")
        return buf.value.decode("ascii")
