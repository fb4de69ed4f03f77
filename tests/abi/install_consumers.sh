#!/bin/sh
# Installs the build into a temporary prefix and builds four consumers
# against that installed copy, then runs them:
#   1. plain cc with pkg-config;  2. C++ with pkg-config;
#   3. CMake find_package(portreg 1 REQUIRED), shared;  4. the same, static.
# Then installs it again under a prefix with a space in its name, where the
# installed portinfo must run without LD_LIBRARY_PATH (its RPATH).
# usage: install_consumers.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

cmake --install "$build" --prefix "$prefix" >/dev/null
# lib, lib64, or lib/<multiarch> (Debian: -DCMAKE_INSTALL_LIBDIR=lib/x86_64-linux-gnu)
pc=$(find "$prefix" -path '*/pkgconfig/portreg.pc' | head -n 1)
[ -n "$pc" ] || { echo "no pkgconfig/portreg.pc under $prefix" >&2; exit 1; }
libdir=${pc%/pkgconfig/portreg.pc}
export PKG_CONFIG_PATH="$libdir/pkgconfig"
export LD_LIBRARY_PATH="$libdir"

echo "installed files:"
(cd "$prefix" && find . -type f -o -type l | sort | sed 's/^/  /')
test -f "$prefix/include/portreg.h"
test -f "$libdir/libportreg.a"
test -L "$libdir/libportreg.so"
test -e "$libdir/libportreg.so.1"

echo "1. cc \$(pkg-config --cflags --libs portreg)"
cc -std=c99 -Wall -Wextra -Werror "$src/examples/consumers/consumer.c" \
   $(pkg-config --cflags --libs portreg) -o "$work/c_pkgconfig"
"$work/c_pkgconfig"
readelf -d "$work/c_pkgconfig" | grep -q 'NEEDED.*libportreg.so.1'

if command -v c++ >/dev/null 2>&1; then
    echo "2. c++ -std=c++11 with pkg-config"
    c++ -std=c++11 -Wall -Wextra -Werror "$src/examples/consumers/consumer.cpp" \
        $(pkg-config --cflags --libs portreg) -o "$work/cxx_pkgconfig"
    "$work/cxx_pkgconfig"
else
    echo "2. NOT RUN: no C++ compiler (Debian: g++); .ci/run installs one"
fi

echo "3./4. find_package(portreg 1 REQUIRED), shared and static"
cmake -S "$src/examples/consumers/cmake" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
"$work/cmake/consumer_shared"
"$work/cmake/consumer_static"
if readelf -d "$work/cmake/consumer_static" | grep -q 'libportreg'; then
    echo "consumer_static still needs libportreg.so" >&2
    exit 1
fi

echo "pkg-config --static: $(pkg-config --static --libs portreg)"
echo "all four consumers built against the installed copy and ran"

if [ -x "$build/examples/portinfo" ]; then
    spaced="$work/my tools"
    cmake --install "$build" --prefix "$spaced" >/dev/null
    echo "5. portinfo installed under \"$spaced\", run without LD_LIBRARY_PATH"
    answer=$(env -u LD_LIBRARY_PATH "$spaced/bin/portinfo" --json 443/tcp)
    echo "$answer" | grep -q '"ports":\[443,443\]' || { echo "portinfo 443/tcp answered: $answer" >&2; exit 1; }
    echo "   $(echo "$answer" | head -c 120)"
else
    echo "5. NOT RUN: portinfo was not built (PORTREG_BUILD_EXAMPLES=OFF)"
fi
