#!/usr/bin/env python3
"""Checks the exported symbols of libportreg.so against the header and the
version script, as curl's tests do for its public symbols:

- every defined dynamic symbol is a portreg_* function declared with
  PORTREG_API in portreg.h (nothing else leaks out);
- every PORTREG_API declaration is exported (nothing is missing);
- every exported symbol carries a version from portreg.map, and the
  version of the map node that lists it;
- every PORTREG_API declaration is documented: a comment ends right above
  it, or it belongs to a group of declarations that such a comment opens.

usage: check_symbols.py LIBRARY HEADER MAP
"""
import re
import subprocess
import sys


def declared(header_text):
    """PORTREG_API function names, each with whether it is documented."""
    names = {}
    lines = header_text.splitlines()
    documented_group = False
    for i, line in enumerate(lines):
        m = re.match(r"\s*PORTREG_API\b[^;(]*?\b(portreg_\w+)\s*\(", line)
        if not m:
            if line.strip():
                documented_group = False
            continue
        above = lines[i - 1].strip() if i > 0 else ""
        documented = above.endswith("*/") or (documented_group and above.startswith("PORTREG_API"))
        if not documented and above.startswith("PORTREG_API"):
            documented = documented_group
        # a continuation line of the previous declaration counts as part of the group
        if not documented and i > 1 and not above.startswith("PORTREG_API") and above.endswith(");"):
            documented = documented_group
        names[m.group(1)] = documented
        documented_group = documented
    return names


def map_nodes(map_text):
    """{symbol: node} from the version script, and the node names in order."""
    text = re.sub(r"/\*.*?\*/", "", map_text, flags=re.S)
    symbols, order = {}, []
    for node, body in re.findall(r"(PORTREG_[0-9.]+)\s*\{(.*?)\}", text, flags=re.S):
        order.append(node)
        globals_part = body.split("local:")[0].replace("global:", "")
        for sym in re.findall(r"([A-Za-z_]\w*)\s*;", globals_part):
            symbols[sym] = node
    return symbols, order


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, name = parts[1], parts[2]
        if kind == "A" and re.fullmatch(r"PORTREG_[0-9.]+", name):
            continue  # the version nodes themselves
        base, _, version = name.partition("@")
        symbols[base] = (kind, version.lstrip("@"))
    return symbols


def main():
    library, header, mapfile = sys.argv[1:4]
    decl = declared(open(header, encoding="utf-8").read())
    in_map, _ = map_nodes(open(mapfile, encoding="utf-8").read())
    syms = exported(library)
    problems = []
    for name, (kind, version) in sorted(syms.items()):
        if not name.startswith("portreg_"):
            problems.append(f"{name}: exported but not prefixed portreg_")
        if name not in decl:
            problems.append(f"{name}: exported but not declared with PORTREG_API in the header")
        # "i": a GNU indirect function, bound once at load time to one of
        # its builds (lib/registry/lookup_port.c); to callers, a function.
        if kind not in ("T", "W", "i"):
            problems.append(f"{name}: exported {kind} symbol, not a function")
        if not version:
            problems.append(f"{name}: exported without a symbol version")
        elif in_map.get(name) != version:
            problems.append(f"{name}: version {version}, but portreg.map lists it in "
                            f"{in_map.get(name, 'no node')}")
    for name, documented in sorted(decl.items()):
        if name not in syms:
            problems.append(f"{name}: declared in the header but not exported")
        if not documented:
            problems.append(f"{name}: declared without a documentation comment")
    for name in sorted(set(in_map) - set(decl)):
        problems.append(f"{name}: in portreg.map but not declared in the header")
    for p in problems:
        print(p)
    print(f"{len(syms)} exported symbols, {len(decl)} declared, {len(in_map)} in the map: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
