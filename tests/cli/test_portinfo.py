#!/usr/bin/env python3
"""Runs the portinfo binary and checks what it prints.

usage: PORTINFO=path/to/portinfo test_portinfo.py [TestClass ...]

Each TestCase class is its own CTest case (tests/cli.cmake).  Answers are
checked against facts that hold in every registry edition the suite is
built with (https is 443/tcp, x11 covers 6000-6063), or against portinfo's
own --json output, never against one edition's wording.
"""
import json
import os
import pty
import re
import select
import subprocess
import sys
import unittest

PORTINFO = os.environ.get("PORTINFO", "portinfo")
# The small profile (PORTREG_PROFILE=small) has no descriptions, dates,
# notes, references or people: those fields are empty (include/portreg.h).
SMALL = os.environ.get("PORTREG_PROFILE") == "small"
ESC = "\x1b["


def run(*args, stdin=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    return subprocess.run([PORTINFO, *args], input=stdin, capture_output=True, text=True,
                          env=full_env, check=False)


def json_lines(*args, stdin=None):
    proc = run("--json", *args, stdin=stdin)
    return proc, [json.loads(line) for line in proc.stdout.splitlines()]


def table_rows(stdout):
    """[(port, proto, name, range, description)] from the table, and the
    column offsets of the header."""
    lines = stdout.splitlines()
    header = lines[0]
    starts = [header.index(h) for h in ("PORT", "PROTO", "NAME", "RANGE", "DESCRIPTION")]
    rows = []
    for line in lines[1:]:
        cells = [line[a:b].strip() for a, b in zip(starts, starts[1:] + [None])]
        rows.append(tuple(cells))
    return rows, starts


def run_on_tty(*args, env=None):
    """Runs portinfo with stdout on a pseudo-terminal; returns its output."""
    return run_on_tty_bytes(*args, env=env).decode("utf-8", "replace")


def run_on_tty_bytes(*args, env=None):
    """The same, as the bytes the terminal got."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env["TERM"] = "xterm"
    full_env.update(env or {})
    master, slave = pty.openpty()
    proc = subprocess.Popen([PORTINFO, *args], stdout=slave, stderr=subprocess.DEVNULL,
                            env=full_env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=10)
    return b"".join(chunks)


def controls(data):
    """The control characters a terminal would obey in `data` (bytes): C0
    but newline, DEL, C1 in UTF-8, and the bytes 0x80-0x9F outside UTF-8
    (C1 on an 8-bit terminal)."""
    text = data.decode("utf-8", "surrogateescape")
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F
            or 0xDC80 <= ord(c) <= 0xDC9F]


class Queries(unittest.TestCase):
    def test_port(self):
        proc = run("443")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows, _ = table_rows(proc.stdout)
        self.assertIn(("443", "tcp", "https", "system"), [r[:4] for r in rows])

    def test_port_and_protocol(self):
        rows, _ = table_rows(run("443/udp").stdout)
        self.assertTrue(rows)
        self.assertEqual({r[1] for r in rows} - {"any"}, {"udp"})

    def test_name_in_any_case(self):
        for q in ("https", "HTTPS", "HtTpS"):
            rows, _ = table_rows(run(q).stdout)
            self.assertIn(("443", "tcp", "https"), [r[:3] for r in rows], q)

    def test_name_and_protocol(self):
        rows, _ = table_rows(run("domain/udp").stdout)
        self.assertIn(("53", "udp", "domain", "system"), [r[:4] for r in rows])
        self.assertEqual({r[1] for r in rows} - {"any"}, {"udp"})

    def test_range(self):
        rows, _ = table_rows(run("6000-6010").stdout)
        self.assertIn(("6000-6063", "tcp", "x11", "user"), [r[:4] for r in rows])
        rows, _ = table_rows(run("6010-6010/udp").stdout)
        self.assertIn(("6000-6063", "udp", "x11", "user"), [r[:4] for r in rows])

    def test_port_inside_a_range(self):
        rows, _ = table_rows(run("6010/tcp").stdout)
        self.assertIn(("6000-6063", "tcp", "x11"), [r[:3] for r in rows])

    def test_proto_option_filters(self):
        rows, _ = table_rows(run("--proto", "tcp", "443", "https").stdout)
        self.assertTrue(rows)
        self.assertEqual({r[1] for r in rows} - {"any"}, {"tcp"})
        rows, _ = table_rows(run("--proto=udp,sctp", "443").stdout)
        self.assertEqual({r[1] for r in rows} - {"any"}, {"udp", "sctp"})

    def test_port_numbers_by_the_library_rule(self):
        # portreg_parse_service(3): digits only, leading zeros allowed,
        # at most 65535; ranges are two such numbers.
        def records(q):
            proc, rows = json_lines(q)
            return proc.returncode, [{k: v for k, v in r.items() if k != "query"} for r in rows]

        for query, same_as in (("080", "80"), ("0000000000000443/tcp", "443/tcp"),
                               ("65535", "65535"), ("6000-06063/tcp", "6000-6063/tcp"),
                               ("00-0", "0-0")):
            self.assertEqual(records(query), records(same_as), query)
        self.assertTrue(records("080")[1])
        for query in ("65536", "99999999999999999999", "1-65536", "6000-", "1--2", "1-2-3",
                      "10-5"):
            proc = run(query)
            self.assertEqual(proc.returncode, 2, query)
            self.assertIn("bad port or range", proc.stderr, query)
        _, a = json_lines("--seed", "1", "--flow", Flow.SPEC)
        _, b = json_lines("--seed", "00001", "--flow", Flow.SPEC)
        self.assertEqual(a, b)
        for seed in ("65536", "+1", " 1", "1 ", "0x1"):
            self.assertEqual(run("--seed", seed, "--flow", Flow.SPEC).returncode, 2, seed)

    def test_search(self):
        proc = run("--search", "X WINDOW")
        if SMALL:
            # only names to search: "X WINDOW" is in x11's description
            self.assertEqual(proc.returncode, 1)
            proc = run("--search", "X1")
            self.assertEqual(proc.returncode, 0)
            self.assertIn("x11", [r[2] for r in table_rows(proc.stdout)[0]])
            return
        self.assertEqual(proc.returncode, 0)
        rows, _ = table_rows(proc.stdout)
        self.assertIn("x11", [r[2] for r in rows])
        for row in rows:
            self.assertTrue("x window" in (row[2] + " " + row[4]).lower(), row)

    def test_table_is_aligned(self):
        proc = run("80", "443", "6000-6010", "domain")
        lines = proc.stdout.splitlines()
        _, starts = table_rows(proc.stdout)
        # The small profile has no description: lines end with the range.
        columns = starts[1:-1] if SMALL else starts[1:]
        for line in lines[1:]:
            if SMALL:
                self.assertEqual(line[starts[-1]:].strip(), "", line)
            for col in columns:
                self.assertEqual(line[col - 2:col], "  ", line)
                self.assertNotEqual(line[col], " ", line)

    def test_not_found_is_1(self):
        for args in (["no-such-service-xyz"], ["443", "no-such-service-xyz"],
                     ["--search", "no such text anywhere xyz"]):
            proc = run(*args)
            self.assertEqual(proc.returncode, 1, args)
            self.assertTrue(proc.stderr, args)

    def test_usage_errors_are_2(self):
        for args in ([], ["70000"], ["443/foo"], ["10-5"], ["--bogus"], ["--proto", "x", "80"],
                     ["--proto"], ["--seed", "70000", "--flow", "-"], ["--color=sometimes", "80"],
                     ["--flow", "tcp nonsense"], ["--flow", "tcp 1.2.3.4:1 -> 1.2.3.5:2", "80"]):
            proc = run(*args)
            self.assertEqual(proc.returncode, 2, args)
            self.assertEqual(proc.stdout, "", args)
            self.assertTrue(proc.stderr.startswith("portinfo: "), args)

    def test_help_and_version(self):
        proc = run("--help")
        self.assertEqual(proc.returncode, 0)
        self.assertIn("usage: portinfo", proc.stdout)
        proc = run("--version")
        self.assertEqual(proc.returncode, 0)
        self.assertRegex(proc.stdout, r"portreg\) \d+\.\d+\.\d+\n")
        self.assertRegex(proc.stdout, r"registry updated \d{4}-\d{2}-\d{2}\n")


class Options(unittest.TestCase):
    """getopt_long(3) rules: every value required, flags take none, short
    options bundle."""

    def test_color_value_as_next_argument(self):
        # "--color never 80" used to turn colour on and look up "never".
        out = run_on_tty("--color", "never", "443")
        self.assertIn("https", out)
        self.assertNotIn(ESC, out)
        self.assertNotIn("never", out)
        proc = run("--color", "always", "443")
        self.assertEqual((proc.returncode, proc.stderr), (0, ""))
        self.assertIn(ESC, proc.stdout)
        self.assertIn(ESC, run("--colour", "always", "443").stdout)

    def test_flags_take_no_value(self):
        for arg in ("--json=yes", "--help=x", "--long=1", "--all=no", "--version=2"):
            proc = run(arg, "443")
            self.assertEqual(proc.returncode, 2, arg)
            self.assertEqual(proc.stdout, "", arg)
            self.assertTrue(proc.stderr.startswith("portinfo: " + arg.split("=")[0]), proc.stderr)

    def test_values_are_required(self):
        for args in (["--color"], ["443", "--color"], ["--seed"], ["-p"], ["--proto"],
                     ["--flow"], ["-f"], ["--search"], ["-s"]):
            proc = run(*args)
            self.assertEqual(proc.returncode, 2, args)
            self.assertEqual(proc.stdout, "", args)
            self.assertIn("needs a value", proc.stderr, args)

    def test_bundled_short_options(self):
        expected = run("--long", "--json", "--proto", "tcp", "443")
        self.assertEqual(expected.returncode, 0)
        for args in (["-lj", "-ptcp", "443"], ["-ljp", "tcp", "443"], ["443", "-jlptcp"],
                     ["-l", "-j", "-p", "tcp", "443"], ["--proto=tcp", "443", "-jl"]):
            proc = run(*args)
            self.assertEqual((proc.returncode, proc.stdout), (0, expected.stdout), args)
        proc = run("-lx", "443")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("'-x'", proc.stderr)

    def test_options_after_queries(self):
        # Even where POSIXLY_CORRECT would make getopt stop at "443".
        for env in ({}, {"POSIXLY_CORRECT": "1"}):
            proc = run("443", "--json", env=env)
            self.assertEqual(proc.returncode, 0, env)
            self.assertTrue(all(json.loads(l)["query"] == "443" for l in proc.stdout.splitlines()))

    def test_double_dash_ends_options(self):
        proc = run("--", "--json")
        self.assertEqual(proc.returncode, 1)  # a name nobody registered
        self.assertIn("--json", proc.stderr)
        self.assertEqual(proc.stdout, "")


class Long(unittest.TestCase):
    LABELS = {"registered": "date", "modified": "updated", "note": "note",
              "unauthorized": "unauthorized", "service code": "service_code",
              "status": "status"}

    def test_long_shows_what_json_has(self):
        # x11 in every edition: assignee, unauthorized use; https: references.
        args = ["x11", "https", "--proto", "tcp"]
        proc = run("--long", *args)
        self.assertEqual(proc.returncode, 0)
        blocks = proc.stdout.strip().split("\n\n")
        _, rows = json_lines(*args)
        self.assertEqual(len(blocks), len(rows))
        for block, row in zip(blocks, rows):
            self.assertTrue(block.startswith(row["name"] + " "), block)
            for label, key in self.LABELS.items():
                present = re.search(r"^  " + label + r" +\S", block, re.M) is not None
                self.assertEqual(present, row[key] not in ("", None), (label, block))
            self.assertEqual(len(re.findall(r"^  assignee ", block, re.M)), len(row["assignees"]))
            self.assertEqual(len(re.findall(r"^  contact ", block, re.M)), len(row["contacts"]))
            self.assertEqual(len(re.findall(r"^  reference ", block, re.M)),
                             len(row["references"]))
        self.assertEqual("unauthorized" in blocks[0], not SMALL)


class Json(unittest.TestCase):
    KEYS = {"index", "query", "name", "protocol", "ports", "range", "status", "description",
            "date", "updated", "assignees", "contacts", "references", "note", "unauthorized",
            "service_code"}

    def test_records_are_json_lines(self):
        proc, rows = json_lines("443", "x11", "6000-6010")
        self.assertEqual(proc.returncode, 0)
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(set(row), self.KEYS)
        self.assertIn({"name": "https", "protocol": "tcp", "ports": [443, 443], "query": "443"},
                      [{k: r[k] for k in ("name", "protocol", "ports", "query")} for r in rows])
        self.assertIn(("x11", [6000, 6063], "user"),
                      [(r["name"], r["ports"], r["range"]) for r in rows])

    def test_same_records_as_the_table(self):
        _, rows = json_lines("80", "https")
        table, _ = table_rows(run("80", "https").stdout)
        self.assertEqual([r["name"] for r in rows], [t[2] for t in table])

    def test_whole_registry_parses(self):
        proc, rows = json_lines("--all")
        self.assertEqual(proc.returncode, 0)
        self.assertEqual([r["index"] for r in rows], list(range(len(rows))))
        # The registry has quotes in its text; they must have survived.
        # The small profile has no such text: every description is empty.
        if SMALL:
            self.assertTrue(all(r["description"] + r["note"] == "" for r in rows))
        else:
            self.assertTrue(any('"' in r["description"] + r["note"] for r in rows))

    def test_escaping_of_user_text(self):
        nasty = 'q"uo\\te\ttab\x01ctl caf\u00e9 \u2603'
        proc, rows = json_lines("--flow", "-", stdin=nasty + "\n")
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(rows, [{"input": nasty, "error": rows[0]["error"]}])
        self.assertIn("\\u0001", proc.stdout)  # control characters as \u00XX
        self.assertIn("caf\u00e9", proc.stdout)  # valid UTF-8 passed through

    def test_invalid_utf8_is_replaced(self):
        proc = subprocess.run([PORTINFO, "--json", "--flow", "-"], input=b"bad \xff\xc0\x80 utf8\n",
                              capture_output=True, check=False)
        row = json.loads(proc.stdout.decode("utf-8"))
        self.assertEqual(row["input"], "bad \ufffd\ufffd\ufffd utf8")


class Flow(unittest.TestCase):
    SPEC = "tcp 128.232.110.120:34855 -> 66.35.250.204:80"

    def test_text_output(self):
        proc = run("--flow", "tcp 10.0.0.1:51515 -> 93.184.216.34:443")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = dict(line.split(None, 1) for line in proc.stdout.splitlines())
        self.assertEqual(lines["flow"], "tcp 10.0.0.1:51515 -> 93.184.216.34:443")
        self.assertEqual(lines["reverse"], "tcp 93.184.216.34:443 -> 10.0.0.1:51515")
        self.assertTrue(lines["server-side"].startswith("tcp 10.0.0.1:51515 -> 93.184.216.34:443"))
        self.assertRegex(lines["orientation"], r"^reason \w+, confidence \w+")
        self.assertRegex(lines["community-id"], r"^1:[A-Za-z0-9+/]{27}=$")

    def test_community_id_spec_vector(self):
        # From the Community ID specification's baseline (tcp.pcap).
        _, rows = json_lines("--flow", self.SPEC)
        self.assertEqual(rows[0]["community_id"], "1:LQU9qZlK+B5F3KDmev6m5PMibrg=")

    def test_orientation_is_direction_free(self):
        _, a = json_lines("--flow", "tcp 10.0.0.1:51515 -> 93.184.216.34:443")
        _, b = json_lines("--flow", "tcp 93.184.216.34:443 -> 10.0.0.1:51515")
        self.assertEqual(a[0]["oriented"], b[0]["oriented"])
        self.assertEqual(a[0]["community_id"], b[0]["community_id"])
        self.assertNotEqual(a[0]["swapped"], b[0]["swapped"])

    def test_icmp_error_has_no_reverse(self):
        proc, rows = json_lines("--flow", "icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1")
        self.assertEqual(proc.returncode, 0)
        self.assertIsNone(rows[0]["reverse"])
        self.assertIn("reverse       none", run("--flow", "icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1").stdout)

    def test_stdin_filter_keeps_lines_paired(self):
        text = ("# a comment\n" + self.SPEC + "\n\nnot a flow\n"
                "  udp [2001:db8::1]:53 -> [2001:db8::2]:5353  \n")
        proc, rows = json_lines("--flow", "-", stdin=text)
        self.assertEqual(proc.returncode, 1)  # one bad line
        self.assertIn("stdin:4", proc.stderr)
        self.assertEqual(len(rows), 3)
        self.assertIn("error", rows[1])
        self.assertEqual(rows[2]["flow"], "udp [2001:db8::1]:53 -> [2001:db8::2]:5353")
        proc = run("--flow", "-", stdin=self.SPEC + "\n" + self.SPEC + "\n")
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(proc.stdout.count("community-id"), 2)
        self.assertIn("\n\nflow", proc.stdout)

    def stream(self, data):
        """Runs --json --flow - on `data` (bytes); the exit code and rows."""
        proc = subprocess.run([PORTINFO, "--json", "--flow", "-"], input=data,
                              capture_output=True, check=False)
        return proc, [json.loads(line) for line in proc.stdout.decode().splitlines()]

    def test_nul_byte_is_one_bad_line(self):
        # The NUL byte used to hide the line end, and the next line was
        # skipped as the rest of an over-long one.
        proc, rows = self.stream(b"tcp 1.2.3.4:1 -> 5.6.7.8:2\0x\n"
                                 b"udp 1.2.3.4:1 -> 5.6.7.8:53\n")
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(len(rows), 2, rows)
        self.assertEqual(rows[0]["input"], "tcp 1.2.3.4:1 -> 5.6.7.8:2\0x")
        self.assertIn("error", rows[0])
        self.assertEqual(rows[1]["flow"], "udp 1.2.3.4:1 -> 5.6.7.8:53")
        self.assertIn(b"stdin:1:", proc.stderr)
        self.assertNotIn(b"stdin:2:", proc.stderr)

    def test_line_length_limit(self):
        # Lines up to 1024 bytes are read whole, whatever ends them (CR LF,
        # LF or the end of the input); longer ones are one bad line each.
        flow = b"udp 10.0.0.1:5353 -> 10.0.0.2:53"

        def padded(n):
            return flow + b" " * (n - len(flow))

        for name, data, answers in (
                ("1023, last, no newline", padded(1023), ["flow"]),
                ("1024, last, no newline", padded(1024), ["flow"]),
                ("1024 and LF", padded(1024) + b"\n" + flow, ["flow", "flow"]),
                ("1024 and CR LF", padded(1024) + b"\r\n" + flow, ["flow", "flow"]),
                ("1025, last, no newline", padded(1025), ["error"]),
                ("1025 and LF", padded(1025) + b"\n" + flow + b"\n", ["error", "flow"]),
                ("100000 and LF", padded(100000) + b"\n" + flow + b"\n", ["error", "flow"])):
            proc, rows = self.stream(data)
            self.assertEqual([("flow" if "flow" in r else "error") for r in rows], answers, name)
            self.assertEqual(proc.returncode, 1 if "error" in answers else 0, name)
            self.assertEqual(b"too long" in proc.stderr, "error" in answers, name)

    def test_one_answer_per_line(self):
        # Every line but blank ones and comments gets exactly one answer, in
        # order, whatever the lines before it held.
        flow = "tcp 10.0.0.1:51515 -> 93.184.216.34:443"
        lines = [flow.encode(), b"x\0" * 600, b"  # a comment \0 with " + b"#" * 5000,
                 b"\xff\xfe", b"", b"bad" + b"\0" * 3000, b"\r", flow.encode() + b" \t\r",
                 b"not a flow"]
        proc, rows = self.stream(b"\n".join(lines))
        self.assertEqual(["flow" in r for r in rows],
                         [True, False, False, False, True, False], rows)
        self.assertEqual(rows[-2]["flow"], flow)
        self.assertEqual(len(proc.stderr.splitlines()), 4, proc.stderr)

    def test_seed_changes_the_id(self):
        _, a = json_lines("--flow", self.SPEC)
        _, b = json_lines("--seed", "1", "--flow", self.SPEC)
        self.assertNotEqual(a[0]["community_id"], b[0]["community_id"])


def registered(first, last, proto="tcp"):
    """The assigned ports of first-last for a protocol, from portinfo's
    own answers (so from whichever registry edition it was built with)."""
    _, rows = json_lines(f"{first}-{last}/{proto}")
    ports = set()
    for r in rows:
        if r["status"] == "assigned":
            ports.update(range(r["ports"][0], r["ports"][1] + 1))
    return sorted(p for p in ports if first <= p <= last)


def unregistered(first, last, proto="tcp"):
    taken = set(registered(first, last, proto))
    return [p for p in range(first, last + 1) if p not in taken]


class FlowEvidence(unittest.TestCase):
    """--flow says, in words, what decided (issue 17), and takes hints."""

    def evidence(self, *args):
        proc = run(*args)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = dict(line.split(None, 1) for line in proc.stdout.splitlines())
        _, rows = json_lines(*args)
        self.assertEqual(rows[0]["evidence"], lines["evidence"])
        return rows[0]

    def test_well_known_against_ephemeral(self):
        row = self.evidence("--flow", "tcp 93.184.216.34:443 -> 10.0.0.1:51515")
        self.assertEqual(row["reason"], "score")
        self.assertRegex(row["evidence"], r"^443 is a well-known service port \(.*https.*\); "
                                          r"51515 is not registered and lies in the .* ranges$")

    def test_client_range(self):
        legacy, outside = registered(1025, 5000)[0], registered(5001, 9999)[0]
        row = self.evidence("--flow", f"tcp 10.0.0.1:{legacy} -> 10.0.0.2:{outside}")
        self.assertEqual((row["reason"], row["swapped"]), ("client_range", False))
        self.assertTrue(row["evidence"].startswith(
            f"{outside} is a registered service port"), row["evidence"])
        self.assertIn("outside every ephemeral range", row["evidence"])
        self.assertIn(f"; {legacy} is a registered service port", row["evidence"])
        self.assertIn("legacy Windows/BSD ephemeral range", row["evidence"])

    def test_lower_port_and_tie_breaks(self):
        a, b = registered(1025, 5000)[:2]
        row = self.evidence("--flow", f"tcp 10.0.0.1:{b} -> 10.0.0.2:{a}")
        self.assertEqual(row["reason"], "lower_port")
        self.assertIn(f"the lower port, {a}, is taken as the server", row["evidence"])
        row = self.evidence("--flow", "udp 10.0.0.227:5353 -> 10.0.0.213:5353")
        self.assertEqual((row["reason"], row["confidence"]), ("equal_ports", "none"))
        self.assertIn("larger address, 10.0.0.227,", row["evidence"])
        self.assertIn("unknown: tie-break", run("--flow", "udp 10.0.0.227:5353 -> 10.0.0.213:5353").stdout)
        row = self.evidence("--flow", "47 10.0.0.1 -> 10.0.0.2")
        self.assertIn("protocol 47 has no ports", row["evidence"])
        row = self.evidence("--flow", "icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1")
        self.assertIn("has no server", row["evidence"])
        row = self.evidence("--flow", "udp [fe80::1]:5353 -> [ff02::fb]:5353")
        self.assertEqual(row["reason"], "multicast")
        self.assertTrue(row["evidence"].startswith("ff02::fb is a multicast"), row["evidence"])

    def test_both_ephemeral_is_direction_free(self):
        _, a = json_lines("--flow", "tcp 10.0.0.1:50000 -> 10.0.0.2:60000")
        _, b = json_lines("--flow", "tcp 10.0.0.2:60000 -> 10.0.0.1:50000")
        self.assertEqual(a[0]["oriented"], b[0]["oriented"])
        self.assertEqual((a[0]["reason"], a[0]["confidence"]), ("ephemeral", "none"))
        self.assertIn("the lower port, 50000", a[0]["evidence"])

    def test_hints(self):
        row = self.evidence("--hint", "synack", "--flow", "tcp 10.0.0.1:50000 -> 10.0.0.2:443")
        self.assertEqual((row["reason"], row["swapped"]), ("hint", True))
        self.assertIn("10.0.0.1:50000 sent the TCP SYN+ACK", row["evidence"])
        row = self.evidence("--hint=first", "--flow", "udp 10.0.0.2:60000 -> 10.0.0.1:50000")
        self.assertEqual((row["reason"], row["swapped"]), ("first_packet", False))
        self.assertIn("10.0.0.2:60000 sent the first packet", row["evidence"])
        # The first packet does not outweigh the ports.
        row = self.evidence("--hint", "first", "--flow", "tcp 10.0.0.2:443 -> 10.0.0.1:50000")
        self.assertEqual(row["reason"], "score")

    def test_local_range(self):
        client = registered(32768, 49151)[0]
        server = unregistered(20000, 20100)[0]
        flow = f"tcp 10.0.0.5:{client} -> 10.0.0.9:{server}"
        self.assertEqual(json_lines("--flow", flow)[1][0]["reason"], "score")
        row = self.evidence("--local-range", "32768-60999", "--flow", flow)
        self.assertEqual((row["reason"], row["swapped"]), ("local_range", False))
        self.assertIn(f"{client} lies in your hosts' ephemeral range 32768-60999", row["evidence"])

    def test_bad_options(self):
        for args in (["--hint", "ack", "--flow", "tcp 1.2.3.4:1 -> 1.2.3.5:2"],
                     ["--hint", "syn,", "--flow", "tcp 1.2.3.4:1 -> 1.2.3.5:2"],
                     ["--local-range", "0-10", "--flow", "tcp 1.2.3.4:1 -> 1.2.3.5:2"],
                     ["--local-range", "10-9", "--flow", "tcp 1.2.3.4:1 -> 1.2.3.5:2"],
                     ["--local-range", "1-65536", "--flow", "tcp 1.2.3.4:1 -> 1.2.3.5:2"],
                     ["--hint", "syn", "443"]):
            proc = run(*args)
            self.assertEqual(proc.returncode, 2, args)
            self.assertIn("portinfo:", proc.stderr)


class Color(unittest.TestCase):
    def test_terminal_gets_colour(self):
        self.assertIn(ESC, run_on_tty("443"))

    def test_no_color_turns_it_off(self):
        out = run_on_tty("443", env={"NO_COLOR": "1"})
        self.assertIn("https", out)
        self.assertNotIn(ESC, out)

    def test_color_never_on_a_terminal(self):
        out = run_on_tty("--color=never", "443")
        self.assertIn("https", out)
        self.assertNotIn(ESC, out)

    def test_pipes_get_none(self):
        self.assertNotIn(ESC, run("443").stdout)
        self.assertNotIn(ESC, run("--long", "443").stdout)

    def test_color_always_in_a_pipe(self):
        self.assertIn(ESC, run("--color=always", "443").stdout)

    def test_json_never_coloured(self):
        out = run_on_tty("--json", "443")
        self.assertNotIn(ESC, out)
        self.assertNotIn(ESC, run("--color=always", "--json", "443").stdout)


class Status(unittest.TestCase):
    """Exit status 3: the system failed portinfo, not the user (portinfo(1))."""

    @unittest.skipUnless(os.path.exists("/dev/full"), "no /dev/full")
    def test_write_error_is_3(self):
        for args in (["443"], ["--json", "--all"], ["--flow", "-"]):
            with open("/dev/full", "w") as full:
                proc = subprocess.run([PORTINFO, *args], stdout=full, stderr=subprocess.PIPE,
                                      input=Flow.SPEC + "\n", text=True, check=False)
            self.assertEqual(proc.returncode, 3, (args, proc.stderr))
            self.assertIn("error writing output", proc.stderr, args)

    def test_read_error_is_3(self):
        # Reading a directory fails with EISDIR: an input that cannot be read.
        fd = os.open(os.path.dirname(os.path.abspath(__file__)), os.O_RDONLY)
        try:
            proc = subprocess.run([PORTINFO, "--json", "--flow", "-"], stdin=fd,
                                  capture_output=True, text=True, check=False)
        finally:
            os.close(fd)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertTrue(proc.stderr.startswith("portinfo: stdin: "), proc.stderr)

    def test_out_of_memory_is_3(self):
        shim = os.environ.get("PORTINFO_FAIL_MALLOC")
        if not shim:
            self.skipTest("no malloc shim in this build (glibc, no sanitizer; tests/cli.cmake)")
        env = {"LD_PRELOAD": shim}
        # The shim alone changes nothing ...
        self.assertEqual(run("--json", "--all", env=env).returncode, 0)
        # ... but with requests above 64 KiB refused, the list of every
        # record (more than 4096 of 16 bytes or more) cannot grow.
        proc = run("--json", "--all", env={**env, "FAIL_MALLOC_ABOVE": "65536"})
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertEqual(proc.stderr, "portinfo: out of memory\n")


class Sources(unittest.TestCase):
    """portinfo is an example of the public API: port numbers are read by
    portreg_parse_service(3), the library's one rule, never by a parser
    of its own, and nothing private to the library is included."""

    ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")

    def sources(self):
        paths = [os.path.join(self.ROOT, "portinfo.c")]
        folder = os.path.join(self.ROOT, "portinfo")
        paths += [os.path.join(folder, f) for f in sorted(os.listdir(folder))]
        for path in paths:
            with open(path, encoding="utf-8") as f:
                yield os.path.relpath(path, self.ROOT), f.read()

    def test_no_decimal_parser_of_its_own(self):
        hand_made = re.compile(r"-\s*'0'|\bstrto[u]?l+\b|\bato[il]\b|\bsscanf\b")
        for name, text in self.sources():
            self.assertIsNone(hand_made.search(text), name)
        text = dict(self.sources())["portinfo/query.c"]
        self.assertIn("portreg_parse_service(", text)

    def test_public_header_only(self):
        for name, text in self.sources():
            for included in re.findall(r'^#\s*include\s*[<"]([^>"]+)', text, re.M):
                self.assertFalse(included.startswith(("../", "lib/", "registry/", "flow/"))
                                 or included in ("decimal.h", "portreg_table.h"),
                                 (name, included))


class Untrusted(unittest.TestCase):
    """Text portinfo did not write reaches a terminal without its control
    characters: escaped as \\xNN or \\uNNNN in text, as \\uNNNN in JSON."""

    # ESC with a colour sequence, CSI as U+009B and as the byte 0x9B, DEL.
    EVIL = b"\x1b[31mred\xc2\x9b" b"31m\x9b" b"31m\x7f"
    SHOWN = "\\x1B[31mred\\u009B31m\\x9B31m\\x7F"

    def check_safe(self, proc, where):
        self.assertEqual(controls(proc.stdout), [], (where, proc.stdout))
        self.assertEqual(controls(proc.stderr), [], (where, proc.stderr))

    def test_echoed_input_is_escaped(self):
        evil = self.EVIL
        for args, stdin in (([evil], b""), ([evil + b"/tcp"], b""), ([b"1-" + evil], b""),
                            ([b"--search", evil], b""), ([b"--proto", evil, b"80"], b""),
                            ([b"--seed", evil, b"--flow", b"-"], b""),
                            ([b"--color", evil, b"80"], b""), ([b"--" + evil], b""),
                            ([b"--json=" + evil], b""), ([b"--flow", evil], b""),
                            ([b"--flow", b"-"], b"# fine\n" + evil + b"\n")):
            proc = subprocess.run([PORTINFO.encode(), *args], input=stdin, capture_output=True,
                                  check=False)
            self.assertIn(proc.returncode, (1, 2), args)
            self.assertTrue(proc.stderr.startswith(b"portinfo: "), args)
            self.check_safe(proc, args)
        self.assertIn(self.SHOWN.encode(), proc.stderr)

    def test_json_escapes_every_control_character(self):
        # Valid JSON needs only C0 escaped; DEL and C1 are too, and the
        # byte that is not UTF-8 becomes U+FFFD.
        proc = subprocess.run([PORTINFO, "--json", "--flow", "-"], input=self.EVIL + b"\n",
                              capture_output=True, check=False)
        self.check_safe(proc, "--json --flow -")
        row = json.loads(proc.stdout)
        self.assertEqual(row["input"], "\x1b[31mred\x9b31m\ufffd31m\x7f")

    def hostile_env(self):
        shim = os.environ.get("PORTINFO_HOSTILE_TEXT")
        if not shim:
            self.skipTest("no registry-text shim in this build (glibc, shared, no sanitizer)")
        return {"LD_PRELOAD": shim}

    def test_registry_text_is_escaped(self):
        env = self.hostile_env()
        shown = "evil\\x1B[31m red \\u009B31m csi \\x9B31m byte \\x7F del \\x07 bel"
        for args in (["443"], ["--long", "443"], ["--search", "EVIL", "-p", "dccp"], ["--color=always", "443"]):
            proc = subprocess.run([PORTINFO, *args], capture_output=True, check=False,
                                  env={**os.environ, **env})
            self.assertEqual(proc.returncode, 0, (args, proc.stderr))
            out = proc.stdout
            if "--color=always" in args:  # portinfo's own colours, and only those
                out = re.sub(rb"\x1b\[[0-9;]*m", b"", out)
            self.assertIn(("description-" + shown).encode(), out, args)
            self.assertIn(("name-" + shown).encode(), out, args)
            self.assertEqual(controls(out), [], args)
        self.assertIn(b"note-", run_on_tty_bytes("--long", "443", env=env))
        self.assertNotIn(b"evil\x1b", run_on_tty_bytes("--long", "443", env=env))
        # --flow's evidence quotes service names too.
        proc = subprocess.run([PORTINFO, "--flow", "tcp 10.0.0.1:51515 -> 10.0.0.2:443"],
                              capture_output=True, check=False, env={**os.environ, **env})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(("name-" + shown).encode(), proc.stdout)
        self.assertEqual(controls(proc.stdout), [])

    def test_registry_text_in_json(self):
        env = self.hostile_env()
        proc = subprocess.run([PORTINFO, "--json", "443"], capture_output=True, check=False,
                              env={**os.environ, **env})
        self.check_safe(proc, "--json")
        evil = "evil\x1b[31m red \x9b31m csi \ufffd31m byte \x7f del \x07 bel"
        for row in map(json.loads, proc.stdout.splitlines()):
            self.assertEqual((row["name"], row["description"], row["note"]),
                             ("name-" + evil, "description-" + evil, "note-" + evil))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v", *sys.argv[1:]])
