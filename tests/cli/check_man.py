#!/usr/bin/env python3
"""Checks docs/man against include/portreg.h, as curl's test1139 does for
its options: every public function must have a man page.

usage:
  check_man.py pages   HEADER MANDIR [PORTINFO]   structure and coverage
  check_man.py lint    MANDIR                     mandoc -Tlint, else groff -ww
  check_man.py examples HEADER MANDIR CC LIBDIR   compile and run every EXAMPLES program
  check_man.py installed HEADER MANPREFIX         an installed share/man tree has every name

Pages are mdoc(7).  Related functions may share a page: its NAME section
lists them with .Nm, and docs/man/CMakeLists.txt installs every listed
name as a link to the page.  So "has a page" means: named in the NAME
section of exactly one page, and given a prototype in its SYNOPSIS.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

REQUIRED_3 = ["NAME", "LIBRARY", "SYNOPSIS", "DESCRIPTION", "RETURN VALUES", "EXAMPLES",
              "ERRORS", "SEE ALSO"]
REQUIRED_OVERVIEW = ["NAME", "SYNOPSIS", "DESCRIPTION", "SEE ALSO"]
REQUIRED_1 = ["NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "EXAMPLES", "SEE ALSO"]


def public_functions(header):
    text = open(header, encoding="utf-8").read()
    return set(re.findall(r"^\s*PORTREG_API\b[^;(]*?\b(portreg_\w+)\s*\(", text, re.M))


class Page:
    def __init__(self, path):
        self.path = path
        self.file = os.path.basename(path)
        self.stem, self.section = os.path.splitext(self.file)
        self.section = self.section[1:]
        self.lines = open(path, encoding="utf-8").read().splitlines()
        self.sections = {}  # name -> list of lines
        current = None
        for line in self.lines:
            m = re.match(r"\.Sh (.+)", line)
            if m:
                current = m.group(1).strip().strip('"')
                self.sections.setdefault(current, [])
            elif current:
                self.sections[current].append(line)
        self.names = [m.group(1) for line in self.sections.get("NAME", [])
                      for m in [re.match(r"\.Nm (\w+)", line)] if m]
        dt = [line.split()[1:] for line in self.lines if line.startswith(".Dt ")]
        self.dt = dt[0] if dt else []

    def section_order(self):
        return [s for s in self.sections]


def check_pages(header, mandir, portinfo=None):
    functions = public_functions(header)
    problems = []
    owner = {}
    pages = [Page(p) for p in sorted(glob.glob(os.path.join(mandir, "*.[13]")))]
    by_name = {}
    for page in pages:
        where = page.file
        if page.dt != [page.stem.upper(), page.section]:
            problems.append(f"{where}: .Dt {' '.join(page.dt)} does not match the file name")
        if page.stem not in page.names:
            problems.append(f"{where}: a page is named after one of its .Nm names")
        # CMake makes the links from every ".Nm word" line: keep them in NAME.
        for i, line in enumerate(page.lines):
            if re.match(r"\.Nm \w", line) and line not in page.sections.get("NAME", []):
                problems.append(f"{where}:{i + 1}: .Nm with a name outside NAME (use .Fn)")
        for name in page.names:
            by_name.setdefault(name, []).append(page.file)
        if page.section == "1":
            required = REQUIRED_1
        elif page.stem == "portreg":
            required = REQUIRED_OVERVIEW
        else:
            required = REQUIRED_3
        for sec in required:
            if sec not in page.sections and not (sec == "RETURN VALUES"
                                                 and "RETURN VALUE" in page.sections):
                problems.append(f"{where}: no {sec} section")
            elif not any(l.strip() for l in page.sections.get(sec, [])):
                problems.append(f"{where}: empty {sec} section")
        if page.section == "3" and page.stem != "portreg":
            synopsis = "\n".join(page.sections.get("SYNOPSIS", []))
            for name in page.names:
                if name not in functions:
                    problems.append(f"{where}: documents {name}, which portreg.h does not declare")
                if not re.search(r"^\.(Fn|Fo) " + re.escape(name) + r"\b", synopsis, re.M):
                    problems.append(f"{where}: no prototype (.Fn/.Fo) for {name} in SYNOPSIS")
                owner.setdefault(name, []).append(page.file)
    for fn in sorted(functions):
        if fn not in owner:
            problems.append(f"{fn}: public function without a man page (add it to a page's NAME)")
        elif len(owner[fn]) > 1:
            problems.append(f"{fn}: named by several pages: {', '.join(owner[fn])}")
    # Cross references to our own pages must resolve.
    for page in pages:
        for i, line in enumerate(page.lines):
            m = re.match(r"\.Xr (portreg\w*|portinfo) (\d)", line)
            if m and m.group(1) not in by_name:
                problems.append(f"{page.file}:{i + 1}: .Xr {m.group(1)} {m.group(2)}: no such page")
    overview = next((p for p in pages if p.stem == "portreg"), None)
    if overview is None:
        problems.append("portreg.3: the overview page is missing")
    else:
        listed = set(re.findall(r"^\.Xr (portreg_\w+) 3", "\n".join(overview.lines), re.M))
        for fn in sorted(functions - listed):
            problems.append(f"portreg.3: does not list {fn}")
    if portinfo:
        problems += check_portinfo_options(mandir, portinfo)
    return problems


def check_portinfo_options(mandir, portinfo):
    """Every long option of `portinfo --help` is in portinfo.1."""
    helptext = subprocess.run([portinfo, "--help"], capture_output=True, text=True,
                              check=True).stdout
    page = open(os.path.join(mandir, "portinfo.1"), encoding="utf-8").read()
    problems = []
    for opt in sorted(set(re.findall(r"--([a-z][a-z-]*)", helptext))):
        if not re.search(r"Fl \\-" + re.escape(opt) + r"\b", page):
            problems.append(f"portinfo.1: option --{opt} of --help is not documented")
    return problems


def lint(mandir):
    files = sorted(glob.glob(os.path.join(mandir, "*.[13]")))
    if shutil.which("mandoc"):
        # Style level, but pages that are not installed yet cannot be found
        # by mandoc's Xr check, and its database may be stale: ignore those.
        proc = subprocess.run(["mandoc", "-Tlint", "-Wstyle", *files], capture_output=True,
                              text=True)
        ignore = re.compile(r"referenced manual not found|mandoc\.db|makewhatis")
        out = [l for l in (proc.stdout + proc.stderr).splitlines() if l and not ignore.search(l)]
        tool = "mandoc -Tlint"
    elif shutil.which("groff"):
        out = []
        for f in files:
            proc = subprocess.run(["groff", "-mdoc", "-ww", "-z", f], capture_output=True,
                                  text=True)
            out += [f"{f}: {l}" for l in proc.stderr.splitlines() if l]
        tool = "groff -mdoc -ww -z"
    else:
        print("SKIP: neither mandoc nor groff is installed")
        return []
    print(f"linted {len(files)} pages with {tool}")
    return out


def example_programs(page):
    """The literal blocks of the EXAMPLES section, with mdoc escapes undone."""
    blocks, current = [], None
    for line in page.sections.get("EXAMPLES", []):
        if line.startswith(".Bd -literal"):
            current = []
        elif line.startswith(".Ed") and current is not None:
            blocks.append("\n".join(current) + "\n")
            current = None
        elif current is not None:
            current.append(line.replace("\\e", "\\").replace("\\&", "").replace("\\-", "-"))
    return blocks


def examples(header, mandir, cc, libdir):
    problems = []
    incdir = os.path.dirname(os.path.abspath(header))
    pages = [Page(p) for p in sorted(glob.glob(os.path.join(mandir, "*.3")))]
    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for page in pages:
            for i, src in enumerate(example_programs(page)):
                if "int\nmain(" not in src:
                    continue
                n += 1
                c = os.path.join(tmp, f"{page.stem}_{i}.c")
                exe = c[:-2]
                open(c, "w").write(src)
                cmd = [cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-I", incdir, c, "-o", exe,
                       "-L", libdir, "-lportreg", f"-Wl,-rpath,{libdir}"]
                proc = subprocess.run(cmd, capture_output=True, text=True)
                if proc.returncode != 0:
                    problems.append(f"{page.file}: example {i} does not compile:\n{proc.stderr}")
                    continue
                run = subprocess.run([exe], capture_output=True, text=True, timeout=30)
                if run.returncode != 0:
                    problems.append(f"{page.file}: example {i} exits {run.returncode}")
        print(f"compiled and ran {n} examples")
        if n == 0:
            problems.append("no examples found")
    return problems


def installed(header, prefix):
    problems = []
    for fn in sorted(public_functions(header)) + ["portreg"]:
        path = os.path.join(prefix, "man3", fn + ".3")
        if not os.path.exists(path):  # follows links: a dangling one fails too
            problems.append(f"{path}: not installed")
    if not os.path.exists(os.path.join(prefix, "man1", "portinfo.1")):
        problems.append("man1/portinfo.1: not installed")
    return problems


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "pages":
        problems = check_pages(*args)
    elif mode == "lint":
        problems = lint(*args)
    elif mode == "examples":
        problems = examples(*args)
    elif mode == "installed":
        problems = installed(*args)
    else:
        sys.exit(__doc__)
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
