#!/usr/bin/env python3
"""Fails when the newest node of portreg.map does not match the version in
portreg.h (PORTREG_<MAJOR>.<MINOR>), when a node other than the first has
"local:", or when a later node does not inherit from the one before it.

usage: check_map_version.py HEADER MAP
"""
import re
import sys


def header_version(text):
    v = {k: int(n) for k, n in re.findall(r"#define PORTREG_VERSION_(MAJOR|MINOR|PATCH)\s+(\d+)", text)}
    return v["MAJOR"], v["MINOR"]


def main():
    header, mapfile = sys.argv[1:3]
    major, minor = header_version(open(header, encoding="utf-8").read())
    text = re.sub(r"/\*.*?\*/", "", open(mapfile, encoding="utf-8").read(), flags=re.S)
    nodes = re.findall(r"(PORTREG_[0-9.]+)\s*\{(.*?)\}\s*(PORTREG_[0-9.]+)?\s*;", text, flags=re.S)
    problems = []
    if not nodes:
        problems.append("portreg.map has no PORTREG_ node")
    else:
        if nodes[0][0] != "PORTREG_1.0":
            problems.append(f"the first node is {nodes[0][0]}, not PORTREG_1.0")
        if "local:" not in nodes[0][1]:
            problems.append("the first node lacks 'local: *;'")
        for i, (name, body, parent) in enumerate(nodes[1:], start=1):
            if "local:" in body:
                problems.append(f"{name} has 'local:'; only the first node may")
            if parent != nodes[i - 1][0]:
                problems.append(f"{name} inherits from {parent or 'nothing'}, not {nodes[i - 1][0]}")
        want = f"PORTREG_{major}.{minor}"
        if nodes[-1][0] != want:
            problems.append(f"the newest node is {nodes[-1][0]} but portreg.h says {major}.{minor} "
                            f"({want}): add the node or fix the version")
    for p in problems:
        print(p)
    print(f"header {major}.{minor}, map nodes {[n[0] for n in nodes]}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
