#!/usr/bin/env python3
"""portinfo --protocol, --flow with protocol keywords, and --export, against
the pinned protocol-numbers XML read here with the standard library.

usage: PORTINFO=path/to/portinfo PROTOCOLS_XML=path test_portinfo_protocols.py
"""
import json
import os
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET

PORTINFO = os.environ.get("PORTINFO", "portinfo")
# The small profile (PORTREG_PROFILE=small) keeps no protocol descriptions.
SMALL = os.environ.get("PORTREG_PROFILE") == "small"
XML = os.environ.get("PROTOCOLS_XML", "")
NS = {"i": "http://www.iana.org/assignments"}


def run(*args):
    return subprocess.run([PORTINFO, *args], capture_output=True, text=True, check=False)


def xml_records():
    root = ET.parse(XML).getroot()
    for r in root.iter("{%s}record" % NS["i"]):
        name = r.find("i:name", NS)
        desc = r.find("i:description", NS)
        ipv6 = r.find("i:ipv6", NS)
        yield (r.find("i:value", NS).text.strip(),
               " ".join((name.text or "").split()) if name is not None else "",
               " ".join("".join(desc.itertext()).split()) if desc is not None else "",
               ipv6 is not None and ipv6.text.strip() == "Y")


class Protocol(unittest.TestCase):
    def test_every_record_by_number(self):
        seen = 0
        for value, name, desc, ipv6 in xml_records():
            number = value.split("-")[0]
            proc = run("--json", "--protocol", number)
            self.assertEqual(proc.returncode, 0, value)
            row = json.loads(proc.stdout)
            self.assertEqual(row["number"], int(number))
            self.assertEqual(row["description"], "" if SMALL else desc, value)
            self.assertEqual(row["ipv6_extension_header"], ipv6, value)
            keyword = name.replace(" (deprecated)", "").replace(" ", "-")
            if keyword.lower() == "reserved":
                keyword = ""
            self.assertEqual(row["keyword"], keyword, value)
            seen += 1
        self.assertGreater(seen, 100)

    def test_keyword_in_any_case(self):
        proc = run("-P", "eSp")
        self.assertEqual(proc.returncode, 0)
        self.assertIn("keyword       ESP", proc.stdout)
        self.assertIn("description   " + ("-" if SMALL else "Encap Security Payload"),
                      proc.stdout)
        self.assertIn("ipv6-ext-hdr  yes", proc.stdout)

    def test_not_found_and_usage(self):
        self.assertEqual(run("--protocol", "no-such-protocol").returncode, 1)
        self.assertEqual(run("--protocol", "256").returncode, 1)
        self.assertEqual(run("--protocol").returncode, 2)
        self.assertEqual(run("--protocol", "esp", "443").returncode, 2)
        self.assertEqual(run("--export=hosts").returncode, 2)

    def test_flow_with_keywords(self):
        proc = run("--flow", "esp 10.0.0.2 -> 10.0.0.1")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("flow          esp 10.0.0.2 -> 10.0.0.1", proc.stdout)
        # Community ID v1 of proto 50 (no ports): SHA-1 over seed, the
        # smaller address first, the protocol and a zero byte.
        import base64, hashlib, socket, struct
        data = (struct.pack("!H", 0) + socket.inet_aton("10.0.0.1") +
                socket.inet_aton("10.0.0.2") + struct.pack("!BB", 50, 0))
        want = "1:" + base64.b64encode(hashlib.sha1(data).digest()).decode()
        self.assertIn("community-id  " + want, proc.stdout)
        proc = run("--flow", "IPv6-ICMP fe80::1 -> ff02::2 type 133 code 0")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        proc = run("--flow", "47 10.0.0.1 -> 10.0.0.2")
        self.assertIn("flow          gre 10.0.0.1 -> 10.0.0.2", proc.stdout)

    def test_export_protocols(self):
        proc = run("--export=protocols")
        self.assertEqual(proc.returncode, 0)
        lines = [l for l in proc.stdout.splitlines() if not l.startswith("#")]
        self.assertGreaterEqual(len(lines), 140)
        self.assertIn("esp\t50\tESP" if SMALL else "esp\t50\tESP\t# Encap Security Payload",
                      lines)
        for line in lines:
            fields = line.split("#")[0].split()
            self.assertEqual(fields[0], fields[0].lower())
            self.assertTrue(fields[1].isdigit())

    def test_export_services(self):
        proc = run("--export", "services")
        self.assertEqual(proc.returncode, 0)
        lines = [l for l in proc.stdout.splitlines() if not l.startswith("#")]
        self.assertGreaterEqual(len(lines), 10000)
        self.assertIn("x11\t6001/tcp", lines)
        self.assertTrue(any(l.startswith("http\t80/tcp ") and " www" in l for l in lines))
        for line in lines:
            fields = line.split()
            port, proto = fields[1].split("/")
            self.assertIn(proto, ("tcp", "udp", "sctp", "dccp"))
            self.assertTrue(0 <= int(port) <= 65535)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], *sys.argv[1:]], verbosity=1)
