"""Bad input: every function refuses what the C API refuses (or would
misread once ctypes has converted it), with TypeError or ValueError, and
never answers wrongly."""

from __future__ import annotations

import ipaddress
from typing import Any, Callable, Union

import pytest

import portreg

TYPE_ERRORS: "list[tuple[str, Callable[[], Any]]]" = [
    ("port as str", lambda: portreg.lookup_port("443")),  # type: ignore[arg-type]
    ("port as bool", lambda: portreg.lookup_port(True)),
    ("port as float", lambda: portreg.lookup_port(443.0)),  # type: ignore[arg-type]
    ("port None", lambda: portreg.lookup_port(None)),  # type: ignore[arg-type]
    ("proto float", lambda: portreg.lookup_port(443, 6.0)),  # type: ignore[arg-type]
    ("proto bool", lambda: portreg.lookup_port(443, True)),
    ("proto bytes", lambda: portreg.lookup_port(443, b"tcp")),  # type: ignore[arg-type]
    ("proto list of int", lambda: portreg.lookup_port(443, [6])),  # type: ignore[list-item]
    ("proto dict", lambda: portreg.lookup_port(443, {"tcp": 1})),  # an Iterable[str], still no
    ("name as int", lambda: portreg.lookup_name(443)),  # type: ignore[arg-type]
    ("name None", lambda: portreg.lookup_name(None)),  # type: ignore[arg-type]
    ("name bytearray", lambda: portreg.lookup_name(bytearray(b"http"))),  # mypy: bytearray promotes to bytes
    ("service as int", lambda: portreg.parse_service(443)),  # type: ignore[arg-type]
    ("classify str", lambda: portreg.classify("80")),  # type: ignore[arg-type]
    ("classify bool", lambda: portreg.classify(False)),
    ("status bool", lambda: portreg.port_status(True)),
    ("ephemeral str", lambda: portreg.port_ephemeral("1")),  # type: ignore[arg-type]
    ("strerror str", lambda: portreg.strerror("-2")),  # type: ignore[arg-type]
    ("strerror bool", lambda: portreg.strerror(True)),
    ("strerror float", lambda: portreg.strerror(-2.0)),  # type: ignore[arg-type]
    ("protocol number str", lambda: portreg.protocol_by_number("50")),  # type: ignore[arg-type]
    ("protocol number bool", lambda: portreg.protocol_by_number(True)),
    ("protocol keyword int", lambda: portreg.protocol_by_keyword(50)),  # type: ignore[arg-type]
    ("protocol bool", lambda: portreg.protocol(True)),
    ("protocol None", lambda: portreg.protocol(None)),  # type: ignore[arg-type]
    ("parse None", lambda: portreg.Tuple.parse(None)),  # type: ignore[arg-type]
    ("parse int", lambda: portreg.Tuple.parse(5)),  # type: ignore[arg-type]
    ("tuple proto bool", lambda: portreg.Tuple(True, "10.0.0.1", 1, "10.0.0.2", 2)),
    ("tuple proto float",
     lambda: portreg.Tuple(6.0, "10.0.0.1", 1, "10.0.0.2", 2)),  # type: ignore[arg-type]
    ("tuple address int",
     lambda: portreg.Tuple("tcp", 167772161, 1, "10.0.0.2", 2)),  # type: ignore[arg-type]
    ("tuple address bytes",
     lambda: portreg.Tuple("tcp", b"\n\0\0\1", 1, "10.0.0.2", 2)),  # type: ignore[arg-type]
    ("tuple port str",
     lambda: portreg.Tuple("tcp", "10.0.0.1", "80", "10.0.0.2", 2)),  # type: ignore[arg-type]
    ("tuple port bool", lambda: portreg.Tuple("tcp", "10.0.0.1", True, "10.0.0.2", 2)),
    ("Record()", lambda: portreg.Record(12345)),
    ("Person()", lambda: portreg.Person(12345)),
    ("Protocol()", lambda: portreg.Protocol(12345)),
]

VALUE_ERRORS: "list[tuple[str, Callable[[], Any]]]" = [
    ("proto with NUL", lambda: portreg.lookup_port(80, "tcp\0udp")),
    ("proto icmp", lambda: portreg.lookup_port(80, "icmp")),
    ("proto empty", lambda: portreg.lookup_port(80, "")),
    ("proto trailing comma", lambda: portreg.lookup_port(80, "tcp,")),
    ("proto empty list", lambda: portreg.lookup_port(80, [])),
    ("proto flags 0", lambda: portreg.lookup_port(80, 0)),
    ("proto flags 0x10", lambda: portreg.lookup_port(80, 0x10)),
    ("proto flags -1", lambda: portreg.lookup_port(80, -1)),
    ("proto lone surrogate", lambda: portreg.lookup_port(80, "\udcff")),
    ("port -1", lambda: portreg.lookup_port(-1)),
    ("port 65536", lambda: portreg.lookup_port(65536)),
    ("port 2**64", lambda: portreg.lookup_port(2 ** 64)),
    ("classify 70000", lambda: portreg.classify(70000)),
    ("classify -1", lambda: portreg.classify(-1)),
    ("status 65536", lambda: portreg.port_status(65536)),
    ("status proto NUL", lambda: portreg.port_status(80, "udp\0tcp")),
    ("ephemeral 65536", lambda: portreg.port_ephemeral(65536)),
    ("strerror 2**32", lambda: portreg.strerror(2 ** 32)),
    ("strerror 2**31", lambda: portreg.strerror(2 ** 31)),
    ("strerror -2**31-1", lambda: portreg.strerror(-(2 ** 31) - 1)),
    ("name with NUL", lambda: portreg.lookup_name("http\0s")),
    ("name lone surrogate", lambda: portreg.lookup_name("\udcff")),
    ("service with NUL", lambda: portreg.parse_service("80\0")),
    ("service 65536", lambda: portreg.parse_service("65536")),
    ("service empty", lambda: portreg.parse_service("")),
    ("service blank", lambda: portreg.parse_service(" 80")),
    ("keyword with NUL", lambda: portreg.protocol_by_keyword("e\0sp")),
    ("tuple zone id", lambda: portreg.Tuple("tcp", "fe80::1%eth0", 1, "fe80::2", 2)),
    ("tuple zone id dst", lambda: portreg.Tuple("tcp", "fe80::1", 1, "fe80::2%2", 2)),
    ("tuple zone id object",
     lambda: portreg.Tuple("tcp", ipaddress.IPv6Address("fe80::1%eth0"), 1, "fe80::2", 2)),
    ("parse zone id", lambda: portreg.Tuple.parse("tcp [fe80::1%eth0]:1 -> [fe80::2]:2")),
    ("parse NUL", lambda: portreg.Tuple.parse("tcp 10.0.0.1:1 -> 10.0.0.2:2\0 junk")),
    ("parse not UTF-8", lambda: portreg.Tuple.parse(b"tcp 10.0.0.1:1 -> 10.0.0.2:\xff")),
    ("parse lone surrogate", lambda: portreg.Tuple.parse("tcp 10.0.0.1:1 -> \udcff")),
    ("parse malformed", lambda: portreg.Tuple.parse("tcp 10.0.0.1 -> 10.0.0.2")),
    ("tuple port 65536", lambda: portreg.Tuple("tcp", "10.0.0.1", 65536, "10.0.0.2", 2)),
    ("tuple port -1", lambda: portreg.Tuple("tcp", "10.0.0.1", 1, "10.0.0.2", -1)),
    ("tuple proto 256", lambda: portreg.Tuple(256, "10.0.0.1", 0, "10.0.0.2", 0)),
    ("tuple proto -1", lambda: portreg.Tuple(-1, "10.0.0.1", 0, "10.0.0.2", 0)),
    ("tuple proto NUL", lambda: portreg.Tuple("tcp\0", "10.0.0.1", 1, "10.0.0.2", 2)),
    ("tuple proto unknown",
     lambda: portreg.Tuple("no-such-protocol", "10.0.0.1", 0, "10.0.0.2", 0)),
    ("tuple proto digits", lambda: portreg.Tuple("6", "10.0.0.1", 1, "10.0.0.2", 2)),
    ("tuple ports without ports",
     lambda: portreg.Tuple("gre", "10.0.0.1", 1, "10.0.0.2", 0)),
    ("tuple ICMP type 256", lambda: portreg.Tuple("icmp", "10.0.0.1", 256, "10.0.0.2", 0)),
    ("tuple families", lambda: portreg.Tuple("tcp", "10.0.0.1", 1, "::1", 2)),
    ("tuple IPv4 leading zero", lambda: portreg.Tuple("tcp", "010.0.0.1", 1, "10.0.0.2", 2)),
    ("tuple address junk", lambda: portreg.Tuple("tcp", "10.0.0.1 ", 1, "10.0.0.2", 2)),
]

T = portreg.Tuple.parse("udp 10.0.0.1:50000 -> 10.0.0.2:60000")

FLOW_TYPE_ERRORS: "list[tuple[str, Callable[[], Any]]]" = [
    ("seed bool", lambda: T.community_id(seed=True)),
    ("seed str", lambda: T.community_id(seed="1")),  # type: ignore[arg-type]
    ("hex int", lambda: T.community_id(hex=1)),  # type: ignore[arg-type]
    ("syn int", lambda: T.orient(syn=1)),  # type: ignore[arg-type]
    ("local_range list", lambda: T.orient(local_range=[1, 2])),  # type: ignore[arg-type]
    ("local_range str", lambda: T.orient(local_range=(1, "2"))),  # type: ignore[arg-type]
]

FLOW_VALUE_ERRORS: "list[tuple[str, Callable[[], Any]]]" = [
    ("seed 65536", lambda: T.community_id(seed=65536)),
    ("seed -1", lambda: T.community_id(seed=-1)),
    ("local_range (0, 5)", lambda: T.orient(local_range=(0, 5))),
    ("local_range (6, 5)", lambda: T.orient(local_range=(6, 5))),
    ("local_range (1, 65536)", lambda: T.orient(local_range=(1, 65536))),
]


@pytest.mark.parametrize("what,call", TYPE_ERRORS + FLOW_TYPE_ERRORS,
                         ids=[w for w, _ in TYPE_ERRORS + FLOW_TYPE_ERRORS])
def test_type_errors(what: str, call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize("what,call", VALUE_ERRORS + FLOW_VALUE_ERRORS,
                         ids=[w for w, _ in VALUE_ERRORS + FLOW_VALUE_ERRORS])
def test_value_errors(what: str, call: Callable[[], Any]) -> None:
    with pytest.raises(ValueError):
        call()


def test_what_c_answers_with_nothing_is_nothing() -> None:
    # C matches nothing (no error) for these; so does the package.
    assert portreg.lookup_name("") == []
    assert portreg.lookup_name("x" * 64) == []
    queries: "list[Union[int, str]]" = ["", "no-such-protocol", "\u00e9sp", "x" * 300, 256, -1,
                                       2 ** 40]
    for q in queries:
        assert portreg.protocol(q) is None, q
    assert portreg.protocol_by_keyword(b"\xff\xfe") is None


def test_error_codes() -> None:
    with pytest.raises(portreg.PortregError) as info:
        portreg.Tuple.parse("tcp 10.0.0.1 -> 10.0.0.2")
    assert info.value.code == portreg.EINVAL
    assert isinstance(info.value, ValueError)
    with pytest.raises(portreg.PortregError) as info:
        portreg.Tuple.parse("icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1").reverse()
    assert info.value.code == portreg.ENOREPLY
    with pytest.raises(portreg.PortregError) as info:
        portreg.parse_service("no-such-service-name-here")
    assert info.value.code == portreg.ENOTFOUND
    with pytest.raises(portreg.PortregError) as info:
        portreg.parse_service("80\0")
    assert info.value.code == portreg.EINVAL
    with pytest.raises(portreg.PortregError) as info:
        portreg.parse_service("65536")
    assert info.value.code == portreg.EINVAL
    assert portreg.strerror(portreg.EINVAL) == info.value.message
    # every C int is a code strerror answers for, the extremes included
    assert portreg.strerror(portreg.OK) != portreg.strerror(2 ** 31 - 1)
    assert portreg.strerror(-(2 ** 31))
