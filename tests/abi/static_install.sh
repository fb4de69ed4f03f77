#!/bin/sh
# A static-only build (-DBUILD_SHARED_LIBS=OFF), configured, built and
# installed on its own, then used as a consumer would:
#   - the prefix holds libportreg.a and no shared library;
#   - a C program links it through pkg-config --static and runs, with no
#     libportreg among its NEEDED entries;
#   - find_package(portreg) consumers build, asking for portreg::portreg
#     and for portreg::portreg_static;
#   - the installed portinfo runs.
# usage: static_install.sh SOURCE_DIR REGISTRY_XML C_COMPILER
set -eu
src=$1 registry=$2 cc=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

cmake -S "$src" -B "$work/build" -DBUILD_SHARED_LIBS=OFF -DPORTREG_BUILD_TESTS=OFF \
      -DPORTREG_REGISTRY_XML="$registry" -DCMAKE_C_COMPILER="$cc" >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
cmake --install "$work/build" --prefix "$prefix" >/dev/null

echo "installed libraries:"
find "$prefix" -name 'libportreg*' | sed "s|^$prefix/|  |"
libdir=$(dirname "$(find "$prefix" -name libportreg.a | head -n 1)")
test -f "$libdir/libportreg.a"
if find "$prefix" -name 'libportreg.so*' | grep -q .; then
    echo "a static-only build installed a shared library" >&2
    exit 1
fi

export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --static --cflags --libs portreg)
echo "1. cc consumer.c $flags"
"$cc" -std=c99 -Wall -Wextra -Werror "$src/examples/consumers/consumer.c" $flags -o "$work/c_static"
"$work/c_static"
if readelf -d "$work/c_static" | grep -q 'NEEDED.*libportreg'; then
    echo "the pkg-config --static consumer needs a shared libportreg" >&2
    exit 1
fi

echo "2. find_package(portreg 1 REQUIRED): portreg::portreg and portreg::portreg_static"
cmake -S "$src/examples/consumers/cmake" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$work/cmake" >/dev/null
"$work/cmake/consumer_shared"
"$work/cmake/consumer_static"

echo "3. the installed portinfo"
"$prefix/bin/portinfo" 443/tcp >/dev/null
echo "the static-only install serves all its consumers"
