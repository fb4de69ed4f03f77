#!/bin/sh
# Installs docs/man on its own (a throwaway project that add_subdirectory()s
# it, so the check does not depend on how the top level includes it) and
# checks that every public function has an installed page name that man(1)
# opens, including the names that are links to a shared page.
#
# usage: man_install.sh SOURCE_DIR CMAKE PYTHON
set -eu
src=$1 cmake=$2 python=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/project"
cat > "$tmp/project/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(portreg_man_install NONE)
include(GNUInstallDirs)
add_subdirectory("$src/docs/man" man)
CMAKE
"$cmake" -S "$tmp/project" -B "$tmp/build" >/dev/null
DESTDIR="$tmp/dest" "$cmake" --install "$tmp/build" --prefix /usr/local >/dev/null
mandir="$tmp/dest/usr/local/share/man"

"$python" "$src/tests/cli/check_man.py" installed "$src/include/portreg.h" "$mandir"

# A name that is a link must show the shared page, which lists it.
if command -v man >/dev/null 2>&1; then
    MANPAGER=cat MANWIDTH=80 man -M "$mandir" 3 portreg_entry_note 2>/dev/null \
        | grep -q portreg_entry_description
    MANPAGER=cat MANWIDTH=80 man -M "$mandir" 1 portinfo 2>/dev/null | grep -q 'EXIT STATUS'
    echo "man -M opens linked pages"
elif command -v mandoc >/dev/null 2>&1; then
    mandoc -Tascii "$mandir/man3/portreg_entry_note.3" | grep -q portreg_entry_description
fi
