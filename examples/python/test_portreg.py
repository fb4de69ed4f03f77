"""Tests of the ctypes binding against the C answers.

The reference is `portinfo --json`, which calls the same library from C:
every record's fields, port and name lookups, and flows must agree exactly.
Nothing here is tied to one registry edition except facts that hold in all
of them (https is 443/tcp, x11 covers 6000-6063).

Environment: PORTREG_LIBRARY (the built libportreg.so.1) and PORTINFO (the
built portinfo).  CTest sets both (tests/cli.cmake).
"""
import ctypes
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portreg  # noqa: E402

PORTINFO = os.environ.get("PORTINFO", "portinfo")
# The small profile (PORTREG_PROFILE=small) keeps no descriptions.
SMALL = os.environ.get("PORTREG_PROFILE") == "small"


def portinfo_json(*args, stdin=None):
    """The JSON Lines `portinfo --json ARGS` prints (exit 0 or 1 both fine)."""
    proc = subprocess.run([PORTINFO, "--json", *args], input=stdin, capture_output=True,
                          text=True, check=False)
    if proc.returncode not in (0, 1):
        raise AssertionError(f"portinfo {args[:3]}... exited {proc.returncode}: {proc.stderr}")
    return [json.loads(line) for line in proc.stdout.splitlines()]


def by_query(rows):
    out = {}
    for row in rows:
        out.setdefault(row["query"], []).append(row["index"])
    return out


class Layout(unittest.TestCase):
    def test_struct_sizes_match_the_header(self):
        self.assertEqual(ctypes.sizeof(portreg._TupleStruct), 64)
        self.assertEqual(ctypes.sizeof(portreg._OrientationStruct), 16)

    def test_struct_offsets_match_the_header(self):
        t = portreg._TupleStruct
        offsets = [(f[0], getattr(t, f[0]).offset) for f in t._fields_]
        self.assertEqual(offsets, [("family", 0), ("proto", 1), ("src_port", 2), ("dst_port", 4),
                                   ("reserved0", 6), ("src_addr", 8), ("dst_addr", 24),
                                   ("reserved", 40)])
        o = portreg._OrientationStruct
        self.assertEqual([getattr(o, f[0]).offset for f in o._fields_], [0, 1, 2, 3, 4, 5, 6])


class Records(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c_rows = portinfo_json("--all")

    def test_every_record_has_the_same_fields_as_in_c(self):
        py = portreg.records()
        self.assertEqual(len(py), portreg.count())
        self.assertEqual(len(py), len(self.c_rows))
        for rec, row in zip(py, self.c_rows):
            row = dict(row)
            del row["query"]
            self.assertEqual(rec.as_dict(), row)

    def test_index_round_trips(self):
        every = portreg.records()
        for rec in every[::97]:
            self.assertEqual(every[rec.index], rec)

    def test_lookup_port_matches_c(self):
        ports = list(range(0, 1100)) + [1433, 3306, 5353, 6000, 6010, 6063, 6064, 8080,
                                        49151, 49152, 65535]
        for proto in (None, "tcp", "udp", "sctp", "dccp"):
            args = [str(p) + ("/" + proto if proto else "") for p in ports]
            c = by_query(portinfo_json(*args))
            for port, arg in zip(ports, args):
                got = [r.index for r in portreg.lookup_port(port, proto)]
                self.assertEqual(got, c.get(arg, []), arg)

    def test_lookup_name_matches_c_in_any_case(self):
        names = sorted({row["name"] for row in self.c_rows if row["name"]})
        queries = [n.upper() for n in names]
        c = by_query(portinfo_json("--", *queries))
        for q in queries:
            self.assertEqual([r.index for r in portreg.lookup_name(q)], c.get(q, []), q)

    def test_stable_facts(self):
        self.assertEqual([r.name for r in portreg.lookup_port(443, "tcp")][:1], ["https"])
        x11 = portreg.lookup_name("X11", "tcp")[0]
        self.assertEqual(x11.port_range, (6000, 6063))
        self.assertEqual(x11.ports, x11.port_range)
        self.assertEqual(x11.protocol, "tcp")
        self.assertIn(x11, portreg.lookup_port(6010, "tcp"))
        https = portreg.lookup_name("HTTPS", "tcp")[0]
        self.assertEqual((https.name, https.port), ("https", 443))
        self.assertEqual(portreg.parse_service("https", "tcp"), 443)
        self.assertEqual(portreg.parse_service("443"), 443)
        self.assertEqual(portreg.port_status(443, "tcp"), "assigned")

    def test_ephemeral_ranges(self):
        ranges = portreg.ephemeral_ranges()
        self.assertEqual(sorted(ranges), [portreg.EPHEMERAL_IANA, portreg.EPHEMERAL_LINUX,
                                          portreg.EPHEMERAL_FREEBSD, portreg.EPHEMERAL_LEGACY])
        self.assertEqual(ranges[portreg.EPHEMERAL_LINUX][1:], (32768, 60999))
        for port in (0, 1024, 1025, 5000, 5001, 9999, 10000, 32767, 32768, 49151, 49152, 60999,
                     61000, 65535):
            want = [name for _, (name, first, last) in sorted(ranges.items())
                    if first <= port <= last]
            self.assertEqual(portreg.port_ephemeral(port), want, port)
        self.assertRaises(ValueError, portreg.port_ephemeral, 65536)

    def test_classify_boundaries(self):
        for port, want in [(0, "system"), (1023, "system"), (1024, "user"), (49151, "user"),
                           (49152, "dynamic"), (65535, "dynamic")]:
            self.assertEqual(portreg.classify(port), want)

    def test_version_and_edition_match_portinfo(self):
        out = subprocess.run([PORTINFO, "--version"], capture_output=True, text=True,
                             check=True).stdout
        self.assertIn(portreg.version(), out)
        self.assertIn(portreg.registry_updated(), out)
        self.assertEqual(".".join(map(str, portreg.version_info())), portreg.version())


class BadInput(unittest.TestCase):
    def test_types(self):
        self.assertRaises(TypeError, portreg.lookup_port, "443")
        self.assertRaises(TypeError, portreg.lookup_port, True)
        self.assertRaises(TypeError, portreg.lookup_name, 443)
        self.assertRaises(TypeError, portreg.Tuple.parse, None)
        self.assertRaises(TypeError, portreg.lookup_port, 443, 6.0)

    def test_values(self):
        self.assertRaises(ValueError, portreg.lookup_port, 65536)
        self.assertRaises(ValueError, portreg.lookup_port, -1)
        self.assertRaises(ValueError, portreg.lookup_port, 80, "icmp")
        self.assertRaises(ValueError, portreg.classify, 70000)
        self.assertEqual(portreg.lookup_name(""), [])
        self.assertEqual(portreg.lookup_name("x" * 64), [])
        self.assertEqual(portreg.lookup_name("http\0s"), [])

    def test_error_codes(self):
        with self.assertRaises(portreg.PortregError) as cm:
            portreg.Tuple.parse("tcp 10.0.0.1 -> 10.0.0.2")
        self.assertEqual(cm.exception.code, portreg.EINVAL)
        self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(portreg.PortregError) as cm:
            portreg.Tuple.parse("icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1").reverse()
        self.assertEqual(cm.exception.code, portreg.ENOREPLY)
        with self.assertRaises(portreg.PortregError) as cm:
            portreg.parse_service("no-such-service-name-here")
        self.assertEqual(cm.exception.code, portreg.ENOTFOUND)
        with self.assertRaises(portreg.PortregError) as cm:
            portreg.parse_service("65536")
        self.assertEqual(cm.exception.code, portreg.EINVAL)
        self.assertEqual(portreg.strerror(portreg.EINVAL), cm.exception.message)


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


class Flows(unittest.TestCase):
    def check_against_c(self, seed):
        rows = portinfo_json("--seed", str(seed), "--flow", "-", stdin="\n".join(FLOWS) + "\n")
        self.assertEqual(len(rows), len(FLOWS))
        for text, row in zip(FLOWS, rows):
            t = portreg.Tuple.parse(text)
            self.assertEqual(str(t), row["flow"])
            try:
                rev = str(t.reverse())
            except portreg.PortregError as e:
                self.assertEqual(e.code, portreg.ENOREPLY)
                rev = None
            self.assertEqual(rev, row["reverse"], text)
            out, why = t.orient()
            self.assertEqual(str(out), row["oriented"], text)
            self.assertEqual((why.swapped, why.reason, why.confidence, why.src_score,
                              why.dst_score),
                             (row["swapped"], row["reason"], row["confidence"],
                              row["src_score"], row["dst_score"]), text)
            self.assertEqual(t.community_id(seed=seed), row["community_id"], text)

    def test_flows_match_c(self):
        self.check_against_c(0)

    def test_flows_match_c_with_a_seed(self):
        self.check_against_c(1234)

    def test_tuple_api(self):
        t = portreg.Tuple("tcp", "10.0.0.1", 51515, "93.184.216.34", 443)
        self.assertEqual(t, portreg.Tuple.parse(str(t)))
        self.assertEqual(t.reverse().reverse(), t)
        self.assertEqual((t.family, t.proto, t.src_port, t.dst_port), (4, 6, 51515, 443))
        self.assertEqual(str(t.src), "10.0.0.1")
        cid = t.community_id(hex=True)
        self.assertTrue(cid.startswith("1:") and len(cid) == 42)
        self.assertEqual(len(t.community_id()), 30)
        self.assertEqual(t.community_id(), t.reverse().community_id())
        canon, _ = t.canonical()
        self.assertEqual(canon, t.reverse().canonical()[0])
        # A hint decides even against the registry.
        _, why = t.orient(synack=True)
        self.assertEqual((why.reason, why.swapped), ("hint", True))
        # The first-packet hint only where the ports leave it open.
        self.assertEqual(t.orient(first=True)[1].reason, "score")
        eph = portreg.Tuple("udp", "10.0.0.1", 50000, "10.0.0.2", 60000)
        out, why = eph.orient(first=True)
        self.assertEqual((out, why.reason, why.confidence), (eph, "first_packet", "low"))
        self.assertEqual(eph.orient()[0], eph.reverse().orient()[0])
        # A local range names the client's port.
        out, why = eph.orient(local_range=(59000, 61000))
        self.assertEqual((out.dst_port, why.reason), (50000, "local_range"))
        self.assertRaises(ValueError, eph.orient, local_range=(0, 5))
        self.assertRaises(ValueError, eph.orient, local_range=(6, 5))
        self.assertRaises(ValueError, portreg.Tuple, "tcp", "10.0.0.1", 1, "::1", 2)
        self.assertRaises(ValueError, t.community_id, seed=65536)
        self.assertEqual(hash(t), hash(portreg.Tuple.parse(str(t))))


class Protocols(unittest.TestCase):
    """The protocol-numbers API (1.1) against `portinfo --json --protocol`."""

    def test_protocols_match_c(self):
        # Every 8th record and the keyword lookups of all of them: portinfo
        # is compared with the XML record by record in
        # tests/cli/test_portinfo_protocols.py.
        for p in portreg.protocols()[::8] + [portreg.protocol(50), portreg.protocol(200)]:
            row = portinfo_json("--protocol", str(p.number))[0]
            self.assertEqual((row["number"], row.get("number_hi", row["number"])), p.numbers)
            self.assertEqual(row["keyword"], p.keyword)
            self.assertEqual(row["description"], p.description)
            self.assertEqual(row["ipv6_extension_header"], p.ipv6_ext)
            self.assertEqual(row["deprecated"], p.deprecated)
            self.assertEqual([(r["type"], r["ref"]) for r in row["references"]],
                             [(r.type, r.data) for r in p.references])
        for p in portreg.protocols():
            if p.keyword:
                self.assertEqual(portreg.protocol_by_keyword(p.keyword.lower()), p)
                self.assertEqual(portreg.protocol(p.keyword.upper()), p)

    def test_stable_facts(self):
        esp = portreg.protocol("esp")
        self.assertEqual((esp.number, esp.keyword, esp.description, esp.ipv6_ext),
                         (50, "ESP", "" if SMALL else "Encap Security Payload", True))
        self.assertEqual(portreg.protocol(58), portreg.protocol_by_keyword("ipv6-icmp"))
        self.assertEqual(portreg.protocol("132").keyword, "SCTP")
        self.assertGreaterEqual(sum(1 for p in portreg.protocols() if p.keyword), 140)
        self.assertRegex(portreg.protocols_updated(), r"^\d{4}-\d\d-\d\d$")
        self.assertEqual(portreg.Tuple("esp", "10.0.0.2", 0, "10.0.0.1", 0).proto, 50)
        self.assertEqual(str(portreg.Tuple.parse("gre 10.0.0.1 -> 10.0.0.2")),
                         "gre 10.0.0.1 -> 10.0.0.2")

    def test_bad_input(self):
        for q in ("", "no-such-protocol", "e\0sp", "\u00e9sp", "x" * 300, 256, -1):
            self.assertIsNone(portreg.protocol(q), q)
        self.assertIsNone(portreg.protocol_by_keyword(b"\xff\xfe"))
        self.assertRaises(TypeError, portreg.protocol_by_number, "50")
        self.assertRaises(TypeError, portreg.protocol_by_number, True)
        self.assertRaises(TypeError, portreg.protocol_by_keyword, 50)
        self.assertRaises(ValueError, portreg.Tuple, "no-such-protocol", "10.0.0.1", 0,
                          "10.0.0.2", 0)


if __name__ == "__main__":
    unittest.main()
