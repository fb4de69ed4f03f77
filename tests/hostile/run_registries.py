#!/usr/bin/env python3
"""Runs portreg-compile on every hostile and every good registry fixture.

    run_registries.py COMPILER DATA_DIR [CC INCLUDE_DIR...]

DATA_DIR/bad/*.xml must each be refused: exit status 1, a message
"PATH:LINE: FRAGMENT" on stderr, and neither the output file nor a
leftover temporary file (OUT.c.tmp.*) in the output directory.  Each bad
file says what it expects on its first line:

    <!-- expect: LINE: FRAGMENT -->

DATA_DIR/good/*.xml must each compile: exit status 0 and an output file,
with no temporary file left behind.  With CC and include directories the
output is also compiled as C99 (-fsyntax-only), which proves that the text
in it (quotes, backslashes, trigraphs, comment markers) was escaped.

Some cases are generated rather than committed, because they are large
or are not files: a file over the 64 MiB limit (sparse, so it costs no
disk), a path that does not exist, and registries at the table format's
limits (see generated_cases()).

Every run has a time limit, so a parser that expands entities or fetches a
DTD from the network (the fixtures point at TEST-NET-1, which never
answers) fails the test instead of hanging it.
"""
import os
import re
import subprocess
import sys
import tempfile

TIMEOUT = 30
EXPECT = re.compile(r"^<!-- expect: (\d+): (.*?) -->")


def run(compiler, registry, outdir, options=()):
    out = os.path.join(outdir, "out.c")
    try:
        p = subprocess.run([compiler, "--quiet"] + list(options) + [registry, out],
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "", out
    return p.returncode, p.stderr.decode("utf-8", "replace"), out


def leftovers(outdir):
    return sorted(f for f in os.listdir(outdir) if f.startswith("out.c"))


def check_refused(compiler, registry, line, fragment, failures, kind="bad", options=()):
    with tempfile.TemporaryDirectory(prefix="portreg-hostile-") as outdir:
        rc, err, _ = run(compiler, registry, outdir, options)
        name = os.path.basename(registry)
        where = "%s:%s:" % (registry, line)
        problems = []
        if rc is None:
            problems.append("did not finish in %d s" % TIMEOUT)
        elif rc != 1:
            problems.append("exit status %d, expected 1" % rc)
        if rc is not None and not any(l.startswith(where) and fragment in l
                                      for l in err.splitlines()):
            problems.append("no line '%s ...%s...' on stderr" % (where, fragment))
        left = leftovers(outdir)
        if left:
            problems.append("left behind: %s" % ", ".join(left))
        if problems:
            failures.append(name)
            print("FAIL %s/%s: %s\n  stderr: %s" % (kind, name, "; ".join(problems),
                                                     err.strip().replace("\n", "\n          ")))
        else:
            print("ok   %s/%s: %s" % (kind, name, err.splitlines()[0] if err else ""))


def check_accepted(compiler, registry, cc, includes, failures, kind="good", options=()):
    with tempfile.TemporaryDirectory(prefix="portreg-hostile-") as outdir:
        rc, err, out = run(compiler, registry, outdir, options)
        name = os.path.basename(registry)
        problems = []
        if rc is None:
            problems.append("did not finish in %d s" % TIMEOUT)
        elif rc != 0:
            problems.append("exit status %s, expected 0" % rc)
        elif leftovers(outdir) != ["out.c"]:
            problems.append("output files: %s" % leftovers(outdir))
        elif cc:
            args = [cc, "-std=c99", "-fsyntax-only", "-Wall", "-Werror"]
            args += ["-I" + d for d in includes] + [out]
            p = subprocess.run(args, capture_output=True, timeout=120)
            if p.returncode != 0:
                problems.append("the table does not compile:\n" +
                                p.stderr.decode("utf-8", "replace"))
        if problems:
            failures.append(name)
            print("FAIL %s/%s: %s\n  stderr: %s" % (kind, name, "; ".join(problems), err.strip()))
        else:
            print("ok   %s/%s" % (kind, name))


HEADER = ('<registry xmlns="http://www.iana.org/assignments" '
          'id="service-names-port-numbers">\n  <updated>2026-01-01</updated>\n')
FIRST_RECORD_LINE = 3


def write_registry(path, records, people=0):
    """A registry with one <record> per line, the contents of each given
    (or a pair: its attributes, its contents): record k (from 0) is on
    line FIRST_RECORD_LINE + k.  Then, when
    `people`, a <people> of that many, p0, p1, ..., one per line."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for r in records:
            attributes, body = r if isinstance(r, tuple) else ("", r)
            f.write("  <record%s>%s</record>\n" % (attributes, body))
        if people:
            f.write("  <people>\n")
            for i in range(people):
                f.write('    <person id="p%d"/>\n' % i)
            f.write("  </people>\n")
        f.write("</registry>\n")


def record_line(k):
    return FIRST_RECORD_LINE + k


def numbered(i):
    """Record i of a large registry: a port each, every other one named,
    so that neither the names nor the port index reach their limits."""
    name = "<name>s%d</name>" % i if i % 2 == 0 else "<name/>"
    return "%s<protocol>tcp</protocol><description>d%d</description><number>%d</number>" % (
        name, i, i)


def generated_cases(gen):
    """(registry, None) for each generated registry that must compile, and
    (registry, (line, fragment)) for each that must be refused; with a
    third item, the compiler's options for that case."""
    # Not UTF-8, which no committed fixture can be, as its first line must
    # be the ASCII expect comment and an XML declaration must come first.
    # A byte 0x0D is a CR only in UTF-8 (and ASCII-compatible encodings),
    # and the reader turns lone CRs into LFs to count lines.
    record = ("<name>foo</name><protocol>tcp</protocol><description>caf\u00e9</description>"
              "<number>7</number>")
    for name, encoding, refusal in [
            ("utf16.xml", "utf-16", (1, "the registry is not UTF-8 (it begins like UTF-16")),
            ("latin1.xml", "latin-1", (3, "Input is not proper UTF-8"))]:
        path = os.path.join(gen, name)
        with open(path, "w", encoding=encoding) as f:
            f.write('<?xml version="1.0" encoding="%s"?>\n' % encoding.upper())
            f.write('<registry xmlns="http://www.iana.org/assignments">'
                    "<updated>2026-01-01</updated>\n<record>%s</record>\n</registry>\n" % record)
        yield path, refusal

    # A record that starts past line 65,535, where libxml2 no longer keeps
    # an element's line: it must still be named at its own line, not at
    # its first child's (the line after).
    late = os.path.join(gen, "late_record.xml")
    with open(late, "w", encoding="utf-8") as f:
        f.write(HEADER + "  <!--" + "\n" * 65540 + "  -->\n")
        f.write("  <record>\n    <name>foo</name>\n    <number>7</number>\n  </record>\n"
                "</registry>\n")
    yield late, (FIRST_RECORD_LINE + 65541, "record without a <description>")

    # The most records the table format holds (record indexes are 16-bit
    # and 0xFFFE and 0xFFFF are taken): it must compile, and within
    # TIMEOUT under ASan too, where growing the records one at a time
    # (quadratic copying) took over ten minutes.
    most = os.path.join(gen, "most_records.xml")
    write_registry(most, (numbered(i) for i in range(65534)))
    yield most, None

    # Each limit of the table format must be reported at the line of the
    # record (or person) that goes past it.  The counts follow from
    # lib/portreg_table.h and say where each one comes from.
    def past(name, records, line, fragment, people=0):
        path = os.path.join(gen, name)
        write_registry(path, records, people)
        return path, (line, fragment)

    # One record more than the most.
    yield past("too_many_records.xml", (numbered(i) for i in range(65535)), record_line(65534),
               "this record takes the table past 65534 records")
    # Name slots are 16-bit; an index of n names has n * 100 // 97 + 1
    # slots (lib/compiler/name_index.c), so name 63,569 needs 65,536.
    # Short names, so that their words (one each) stay within their limit.
    yield past("too_many_names.xml",
               ("<name>n%d</name><description>d</description>" % i for i in range(63569)),
               record_line(63568), "this record's name takes the table past 65535 name slots")
    # Slots address folded names in 8-byte words, 16-bit: the pool before
    # them and its 64-byte tail must fit in 524,280 bytes.  The pool
    # starts with one word; a name of 63 bytes takes 8, so name 8,191 is
    # the first that does not fit.
    yield past("too_many_name_bytes.xml",
               ("<name>%063d</name><description>d</description>" % i for i in range(8191)),
               record_line(8190), "this record's name takes the table past 524280 bytes of folded names")
    # Dates are 16-bit indexes, 0 meaning none: at most 65,534 distinct.
    # Two new ones per record; record 32,768 brings 65,535 and 65,536.
    def date(i):
        return "%04d-%02d-%02d" % (1000 + i // 372, i // 31 % 12 + 1, i % 31 + 1)
    yield past("too_many_dates.xml",
               ((' date="%s" updated="%s"' % (date(2 * i), date(2 * i + 1)),
                 "<name/><description>d</description><number>%d</number>" % i)
                for i in range(32768)),
               record_line(32767), "this record takes the table past 65534 distinct dates")
    # Person references (assignees, then contacts, of each distinct set)
    # are 16-bit indexes: 255 new ones per record, so record 258 goes past
    # 65,535.  Each record names a different rotation of 300 people.
    def assignees(i):
        return "<assignee>%s</assignee>" % "".join(
            '<xref type="person" data="p%d"/>' % ((i + j) % 300) for j in range(255))
    yield past("too_many_person_refs.xml",
               ("<name/><description>d</description><number>%d</number>%s" % (i, assignees(i))
                for i in range(258)),
               record_line(257), "this record takes the table past 65535 person references", people=300)
    # References are 16-bit indexes too: 255 per record (the most one
    # record may have), so record 258 goes past 65,535.
    def refs(i):
        return "".join('<xref type="rfc" data="rfc%d"/>' % (i * 255 + j) for j in range(255))
    yield past("too_many_refs.xml",
               ("<name/><description>d</description><number>%d</number>%s" % (i, refs(i))
                for i in range(258)),
               record_line(257), "this record takes the table past 65535 references")
    # Within one record the format counts assignees, contacts and
    # references in a byte; the reader says so (tests/data/bad has the
    # references).
    yield past("too_many_assignees.xml",
               ["<name/><description>d</description><number>1</number>%s" % assignees(0)
                .replace("</assignee>", '<xref type="person" data="p299"/></assignee>')],
               record_line(0), "a <record> has more than 255 assignees", people=300)
    # People are 16-bit indexes: person 65,536 goes past.  One record, then
    # <people> on its own line, then a person per line.
    yield past("too_many_people.xml", [numbered(0)], record_line(1) + 1 + 65535,
               "this person takes the table past 65535 people", people=65536)

    # The small profile's own limits (portreg-compile --small).  A handle's
    # offset, 4 * merged record + transport, is 16-bit in the name slots:
    # 16,383 merged records and the sentinel fit, one more does not.  One
    # name, a port each, so that no record merges with the next and the
    # names stay small.
    def one_name(i):
        return ("<name>s</name><protocol>tcp</protocol><description>d</description>"
                "<number>%d</number>" % i)
    small_most = os.path.join(gen, "small_most_records.xml")
    write_registry(small_most, (one_name(i) for i in range(16383)))
    yield small_most, None, ["--small"]
    yield past("small_too_many_records.xml", (one_name(i) for i in range(16384)),
               record_line(16383),
               "this record takes the table past 16383 merged records (small profile)") + (
                   ["--small"],)
    # Names are 16-bit offsets / 2 into the pool, which starts with "" in
    # 2 bytes: a name of 63 bytes takes 64, so name k starts at 2 + 64 k,
    # and name 2,048 is the first past offset 131,070.
    yield past("small_too_many_name_bytes.xml",
               ("<name>%063d</name><protocol>tcp</protocol><description>d</description>"
                "<number>%d</number>" % (i, i) for i in range(2049)),
               record_line(2048),
               "this record's name takes the table past 131070 bytes of names (small profile)") + (
                   ["--small"],)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    compiler, data = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    cc, includes = (argv[3], argv[4:]) if len(argv) > 3 else (None, [])
    failures = []
    bad = sorted(os.listdir(os.path.join(data, "bad")))
    good = sorted(os.listdir(os.path.join(data, "good")))

    for name in bad:
        path = os.path.join(data, "bad", name)
        with open(path, "rb") as f:
            first = f.readline().decode("ascii", "replace")
        m = EXPECT.match(first)
        if not m:
            failures.append(name)
            print("FAIL bad/%s: first line is not <!-- expect: LINE: FRAGMENT -->" % name)
            continue
        check_refused(compiler, path, m.group(1), m.group(2), failures)

    with tempfile.TemporaryDirectory(prefix="portreg-hostile-gen-") as gen:
        huge = os.path.join(gen, "huge.xml")
        with open(huge, "wb") as f:
            f.truncate(64 * 1024 * 1024 + 1)
        check_refused(compiler, huge, 1, "is larger than the", failures, "generated")
        check_refused(compiler, os.path.join(gen, "missing.xml"), 0, "cannot open", failures,
                      "generated")
        # Not files: a directory (whose size was read as 2^63 - 1 bytes)
        # and a FIFO without a writer (which must not block the compiler).
        check_refused(compiler, gen, 0, "is a directory", failures, "generated")
        fifo = os.path.join(gen, "fifo.xml")
        os.mkfifo(fifo)
        check_refused(compiler, fifo, 0, "is not a regular file", failures, "generated")
        os.remove(fifo)
        generated = 4
        for case in generated_cases(gen):
            registry, refusal = case[0], case[1]
            options = case[2] if len(case) > 2 else []
            generated += 1
            if refusal:
                check_refused(compiler, registry, refusal[0], refusal[1], failures, "generated",
                              options)
            else:
                check_accepted(compiler, registry, None, [], failures, "generated", options)
            os.remove(registry)

    for name in good:
        check_accepted(compiler, os.path.join(data, "good", name), cc, includes, failures)

    total = len(bad) + generated + len(good)
    print("%d of %d registry cases passed (%d committed bad, %d committed good, %d generated)%s" %
          (total - len(failures), total, len(bad), len(good), generated,
           "; failed: " + ", ".join(failures) if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
