#!/bin/sh
# The Python package installs offline into a fresh venv, as issue 15 asks
# (pip install --no-index --no-build-isolation), and the installed copy
# answers through the C library.  The venv sees the system's setuptools and
# wheel (--system-site-packages), the only build dependencies, and the
# package is built from a copy, so the source tree stays clean.
# usage: python_pip_install.sh PYTHON3 PACKAGE_DIR LIBRARY WORK_DIR
set -eu
python=$1 package=$2 library=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
cp -R "$package" "$work/src"
"$python" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index --no-build-isolation "$work/src"
# From another directory, so that the copy in the work tree cannot be imported instead.
cd /
answer=$(PORTREG_LIBRARY=$library "$work/venv/bin/python" -c '
import portreg, sys
print(portreg.__file__)
print(portreg.lookup_port(443, "tcp")[0].name, portreg.classify(8080))')
echo "$answer"
echo "$answer" | head -1 | grep -q "^$work/venv/" || { echo "FAIL: not the installed copy"; exit 1; }
expected=$(PORTREG_LIBRARY=$library PYTHONPATH="$package/src" "$python" -c '
import portreg
print(portreg.lookup_port(443, "tcp")[0].name, portreg.classify(8080))')
[ "$(echo "$answer" | tail -1)" = "$expected" ] || { echo "FAIL: installed copy answers differently"; exit 1; }
echo "PASS: pip installed portreg $("$work/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("portreg"))') offline"
