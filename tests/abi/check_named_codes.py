#!/usr/bin/env python3
"""Checks that no public function of the library returns a bare negative
number: a failure is a named PORTREG_E* code (portreg.h, "Errors").

PORTREG_ENOTFOUND is -1, so a "return -1;" and a "return
PORTREG_ENOTFOUND;" give the same value, and no call can tell them apart;
the promise is about the source, so this reads the source.  Every function
whose definition names a public symbol (portreg_ followed by a lower-case
letter, not static) is read from its opening brace at the start of a line to
the closing one, and any "return -N" in it is reported with file:line.
Static helpers may use their own conventions; the public function that
calls them must translate.

usage: check_named_codes.py LIB_DIR
"""
import os
import re
import sys

DEFINITION = re.compile(r"^(?!static\b)[A-Za-z].*\b(portreg_[a-z]\w*)\s*\(")
BARE = re.compile(r"\breturn\s*\(?\s*-\s*[0-9]")


def public_functions(path):
    """(name, first line, lines of the body) for each public definition."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        m = DEFINITION.match(lines[i])
        if m and not lines[i].rstrip().endswith(";"):
            start = i
            while i < len(lines) and lines[i] != "{":
                if lines[i].rstrip().endswith(";"):  # a declaration after all
                    break
                i += 1
            if i < len(lines) and lines[i] == "{":
                body_start = i
                while i < len(lines) and lines[i] != "}":
                    i += 1
                yield m.group(1), start, list(enumerate(lines[body_start:i], body_start + 1))
        i += 1


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    found = checked = 0
    for root, _dirs, files in sorted(os.walk(argv[1])):
        if os.path.basename(root) == "compiler":  # a build-machine tool, not the library
            continue
        for name in sorted(files):
            if not name.endswith(".c"):
                continue
            path = os.path.join(root, name)
            for function, _start, body in public_functions(path):
                checked += 1
                for number, line in body:
                    if BARE.search(line):
                        print(f"{path}:{number}: {function}() returns a bare number: "
                              f"{line.strip()}  (use a PORTREG_E* code)")
                        found += 1
    if checked < 20:
        sys.exit(f"check_named_codes.py: only {checked} public functions found under "
                 f"{argv[1]}; the reader no longer matches the code's style")
    print(f"check_named_codes.py: {checked} public functions, {found} bare numbers returned")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
