"""The package against the C answers.

The reference is `portinfo --json`, which calls the same library from C:
every record's fields, port and name lookups, flows and protocol numbers
must agree exactly.  Nothing here is tied to one registry edition except
facts that hold in all of them (https is 443/tcp, x11 covers 6000-6063).
"""

from __future__ import annotations

import subprocess
from typing import Any, Dict, List, Optional

import pytest

import portreg
from conftest import PortinfoJson


def by_query(rows: List[Dict[str, Any]]) -> Dict[str, List[int]]:
    out: Dict[str, List[int]] = {}
    for row in rows:
        out.setdefault(row["query"], []).append(row["index"])
    return out


@pytest.fixture(scope="module")
def c_rows(portinfo_json: PortinfoJson) -> List[Dict[str, Any]]:
    return portinfo_json("--all")


def test_every_record_has_the_same_fields_as_in_c(c_rows: List[Dict[str, Any]]) -> None:
    py = portreg.records()
    assert len(py) == portreg.count() == len(c_rows)
    for rec, row in zip(py, c_rows):
        row = dict(row)
        del row["query"]
        assert rec.as_dict() == row


def test_index_round_trips() -> None:
    every = portreg.records()
    for rec in every[::97]:
        assert every[rec.index] == rec


@pytest.mark.parametrize("proto", [None, "tcp", "udp", "sctp", "dccp"])
def test_lookup_port_matches_c(portinfo_json: PortinfoJson, proto: Optional[str]) -> None:
    ports = list(range(0, 1100)) + [1433, 3306, 5353, 6000, 6010, 6063, 6064, 8080,
                                    49151, 49152, 65535]
    args = [str(p) + ("/" + proto if proto else "") for p in ports]
    c = by_query(portinfo_json(*args))
    for port, arg in zip(ports, args):
        assert [r.index for r in portreg.lookup_port(port, proto)] == c.get(arg, []), arg


def test_lookup_name_matches_c_in_any_case(portinfo_json: PortinfoJson,
                                           c_rows: List[Dict[str, Any]]) -> None:
    names = sorted({row["name"] for row in c_rows if row["name"]})
    queries = [n.upper() for n in names]
    c = by_query(portinfo_json("--", *queries))
    for q in queries:
        assert [r.index for r in portreg.lookup_name(q)] == c.get(q, []), q


def test_version_and_edition_match_portinfo(portinfo: str) -> None:
    out = subprocess.run([portinfo, "--version"], capture_output=True, text=True,
                         check=True).stdout
    assert portreg.version() in out
    assert portreg.registry_updated() in out
    assert ".".join(map(str, portreg.version_info())) == portreg.version()


FLOWS = [
    "tcp 10.0.0.1:51515 -> 93.184.216.34:443",
    "tcp 93.184.216.34:443 -> 10.0.0.1:51515",
    "udp 192.168.1.10:40000 -> 8.8.8.8:53",
    "udp 192.168.1.1:67 -> 255.255.255.255:68",
    "tcp [2001:db8::1]:22 -> [2001:db8::2]:60000",
    "sctp 10.1.1.1:38412 -> 10.1.1.2:5000",
    "dccp 10.0.0.1:5004 -> 10.0.0.2:5005",
    "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0",
    "icmp 10.0.0.2 -> 10.0.0.1 type 0 code 0",
    "icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1",
    "icmpv6 2001:db8::1 -> ff02::1 type 128 code 0",
    "47 10.0.0.1 -> 10.0.0.2",
    "tcp 10.0.0.1:5000 -> 10.0.0.2:5000",
    "udp 10.0.0.1:55555 -> 10.0.0.2:60000",
]


@pytest.mark.parametrize("seed", [0, 1234])
def test_flows_match_c(portinfo_json: PortinfoJson, seed: int) -> None:
    rows = portinfo_json("--seed", str(seed), "--flow", "-", stdin="\n".join(FLOWS) + "\n")
    assert len(rows) == len(FLOWS)
    for text, row in zip(FLOWS, rows):
        t = portreg.Tuple.parse(text)
        assert str(t) == row["flow"]
        rev: Optional[str]
        try:
            rev = str(t.reverse())
        except portreg.PortregError as e:
            assert e.code == portreg.ENOREPLY
            rev = None
        assert rev == row["reverse"], text
        out, why = t.orient()
        assert str(out) == row["oriented"], text
        assert ((why.swapped, why.reason, why.confidence, why.src_score, why.dst_score)
                == (row["swapped"], row["reason"], row["confidence"], row["src_score"],
                    row["dst_score"])), text
        assert t.community_id(seed=seed) == row["community_id"], text


def test_protocols_match_c(portinfo_json: PortinfoJson) -> None:
    # Every 8th record and the keyword lookups of all of them: portinfo is
    # compared with the XML record by record in tests/cli/test_portinfo_protocols.py.
    sample = portreg.protocols()[::8]
    for extra in (portreg.protocol(50), portreg.protocol(200)):
        assert extra is not None
        sample.append(extra)
    for p in sample:
        row = portinfo_json("--protocol", str(p.number))[0]
        assert (row["number"], row.get("number_hi", row["number"])) == p.numbers
        assert row["keyword"] == p.keyword
        assert row["description"] == p.description
        assert row["ipv6_extension_header"] == p.ipv6_ext
        assert row["deprecated"] == p.deprecated
        assert ([(r["type"], r["ref"]) for r in row["references"]]
                == [(r.type, r.data) for r in p.references])
    for p in portreg.protocols():
        if p.keyword:
            assert portreg.protocol_by_keyword(p.keyword.lower()) == p
            assert portreg.protocol(p.keyword.upper()) == p
