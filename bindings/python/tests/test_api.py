"""The package's API on facts that hold in every registry edition."""

from __future__ import annotations

import ipaddress
import os
import xml.etree.ElementTree as ET
from typing import Optional

import pytest

import portreg


def test_stable_facts() -> None:
    assert [r.name for r in portreg.lookup_port(443, "tcp")][:1] == ["https"]
    x11 = portreg.lookup_name("X11", "tcp")[0]
    assert x11.port_range == (6000, 6063)
    assert x11.ports == x11.port_range
    assert x11.protocol == "tcp"
    assert x11 in portreg.lookup_port(6010, "tcp")
    https = portreg.lookup_name("HTTPS", "tcp")[0]
    assert (https.name, https.port) == ("https", 443)
    assert portreg.lookup_name(b"https", portreg.TCP) == portreg.lookup_name("https", "tcp")
    assert portreg.parse_service("https", "tcp") == 443
    assert portreg.parse_service("443") == 443
    assert portreg.port_status(443, "tcp") == "assigned"
    assert portreg.lookup_port(80, "tcp,udp") == portreg.lookup_port(80, ["udp", "tcp"])
    assert portreg.lookup_port(80, "any") == portreg.lookup_port(80)
    assert portreg.lookup_port(80, portreg.TCP | portreg.UDP) == portreg.lookup_port(80,
                                                                                    "tcp,udp")


def test_package_version() -> None:
    assert portreg.__version__.count(".") == 2
    major, minor, _ = (int(x) for x in portreg.__version__.split("."))
    # the library it runs on is of the same major version, as new at least
    assert portreg.version_info()[0] == major


def test_ephemeral_ranges() -> None:
    ranges = portreg.ephemeral_ranges()
    assert sorted(ranges) == [portreg.EPHEMERAL_IANA, portreg.EPHEMERAL_LINUX,
                              portreg.EPHEMERAL_FREEBSD, portreg.EPHEMERAL_LEGACY]
    assert ranges[portreg.EPHEMERAL_LINUX][1:] == (32768, 60999)
    for port in (0, 1024, 1025, 5000, 5001, 9999, 10000, 32767, 32768, 49151, 49152, 60999,
                 61000, 65535):
        want = [name for _, (name, first, last) in sorted(ranges.items())
                if first <= port <= last]
        assert portreg.port_ephemeral(port) == want, port


@pytest.mark.parametrize("port,want", [(0, "system"), (1023, "system"), (1024, "user"),
                                       (49151, "user"), (49152, "dynamic"),
                                       (65535, "dynamic")])
def test_classify_boundaries(port: int, want: str) -> None:
    assert portreg.classify(port) == want


def test_tuple_api() -> None:
    t = portreg.Tuple("tcp", "10.0.0.1", 51515, "93.184.216.34", 443)
    assert t == portreg.Tuple.parse(str(t))
    assert t == portreg.Tuple(6, ipaddress.ip_address("10.0.0.1"), 51515,
                              ipaddress.ip_address("93.184.216.34"), 443)
    assert t.reverse().reverse() == t
    assert (t.family, t.proto, t.src_port, t.dst_port) == (4, 6, 51515, 443)
    assert str(t.src) == "10.0.0.1"
    cid = t.community_id(hex=True)
    assert cid.startswith("1:") and len(cid) == 42
    assert len(t.community_id()) == 30
    assert t.community_id() == t.reverse().community_id()
    canon, _ = t.canonical()
    assert canon == t.reverse().canonical()[0]
    # A hint decides even against the registry.
    _, why = t.orient(synack=True)
    assert (why.reason, why.swapped) == ("hint", True)
    # The first-packet hint only where the ports leave it open.
    assert t.orient(first=True)[1].reason == "score"
    eph = portreg.Tuple("udp", "10.0.0.1", 50000, "10.0.0.2", 60000)
    out, why = eph.orient(first=True)
    assert (out, why.reason, why.confidence) == (eph, "first_packet", "low")
    assert eph.orient()[0] == eph.reverse().orient()[0]
    # A local range names the client's port.
    out, why = eph.orient(local_range=(59000, 61000))
    assert (out.dst_port, why.reason) == (50000, "local_range")
    assert hash(t) == hash(portreg.Tuple.parse(str(t)))
    v6 = portreg.Tuple("icmpv6", "2001:db8::1", 128, "2001:db8::2", 0)
    assert str(v6.reverse()) == "icmpv6 2001:db8::2 -> 2001:db8::1 type 129 code 0"


def _protocol_description(number: int) -> Optional[str]:
    """<description> of the record with <value>number</value> in
    PROTOCOLS_XML, whitespace collapsed; None without the file."""
    path = os.environ.get("PROTOCOLS_XML")
    if not path:
        return None
    ns = "{http://www.iana.org/assignments}"
    for record in ET.parse(path).getroot().iter(ns + "record"):
        if record.findtext(ns + "value") == str(number):
            return " ".join((record.findtext(ns + "description") or "").split())
    return None


def test_protocols_stable_facts() -> None:
    esp = portreg.protocol("esp")
    assert esp is not None
    assert (esp.number, esp.keyword, esp.ipv6_ext) == (50, "ESP", True)
    # The description as the registry the library was built from has it
    # (PROTOCOLS_XML); the small profile leaves descriptions out.
    if os.environ.get("PORTREG_PROFILE") == "small":
        assert esp.description == ""
    else:
        assert esp.description == _protocol_description(50) or (
            "PROTOCOLS_XML" not in os.environ and esp.description)
    assert portreg.protocol(58) == portreg.protocol_by_keyword("ipv6-icmp")
    sctp = portreg.protocol("132")
    assert sctp is not None and sctp.keyword == "SCTP"
    assert sum(1 for p in portreg.protocols() if p.keyword) >= 140
    assert len(portreg.protocols_updated()) == 10
    assert portreg.Tuple("esp", "10.0.0.2", 0, "10.0.0.1", 0).proto == 50
    assert str(portreg.Tuple.parse("gre 10.0.0.1 -> 10.0.0.2")) == "gre 10.0.0.1 -> 10.0.0.2"
    assert portreg.protocol_number("ICMPv6") == portreg.IPPROTO_ICMPV6 == 58


def test_orientation_names_come_from_the_library() -> None:
    # No hand table: an unknown value gives the library's "" rather than a guess.
    from portreg._clib import OrientationStruct
    from portreg._flows import Orientation
    why = OrientationStruct(0, 3, 200, 0, 1, 2)
    o = Orientation._from_struct(why)
    assert (o.reason, o.confidence) == ("", "high")
