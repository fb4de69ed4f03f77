#!/bin/sh
# portreg inside another project, the two ways CMake users embed it:
#   1. add_subdirectory(portreg)
#   2. FetchContent_Declare + FetchContent_MakeAvailable, offline: the
#      declared repository is never reached, FETCHCONTENT_SOURCE_DIR_PORTREG
#      points at this source tree (what a user does to build offline).
# Each time the embedding project links portreg::portreg into a program
# that runs, and the checks are that portreg built only its library: no
# tests, no portinfo, no install rules of its own, the embedder's
# BUILD_SHARED_LIBS and CMAKE_BUILD_TYPE untouched, and (BUILD_SHARED_LIBS
# unset) the static library linked in.
# usage: subproject.sh SOURCE_DIR REGISTRY_XML C_COMPILER
set -eu
src=$1 registry=$2 cc=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/main.c" <<'C'
#include <portreg.h>
#include <stdio.h>

int main(void)
{
    const portreg_entry *e = portreg_lookup_name("https", PORTREG_TCP);
    uint16_t lo, hi;

    if (e == NULL || portreg_entry_ports(e, &lo, &hi) != 0)
        return 1;
    printf("embedded portreg %s: https/tcp is %u\n", portreg_version_string(), (unsigned)lo);
    return 0;
}
C

for mode in add_subdirectory FetchContent; do
    dir="$work/$mode"
    mkdir -p "$dir"
    cp "$work/main.c" "$dir/main.c"
    if [ "$mode" = add_subdirectory ]; then
        embed="add_subdirectory(\"$src\" portreg)"
    else
        embed='include(FetchContent)
FetchContent_Declare(portreg GIT_REPOSITORY https://portreg.invalid/portreg.git GIT_TAG v1)
FetchContent_MakeAvailable(portreg)'
    fi
    cat >"$dir/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(embedder LANGUAGES C)
$embed
add_executable(app main.c)
target_link_libraries(app PRIVATE portreg::portreg)
CMAKE
    echo "$mode:"
    cmake -S "$dir" -B "$dir/build" -DCMAKE_C_COMPILER="$cc" \
          -DFETCHCONTENT_SOURCE_DIR_PORTREG="$src" -DPORTREG_REGISTRY_XML="$registry" \
          >"$dir/configure.log" 2>&1 ||
        { cat "$dir/configure.log"; exit 1; }
    cmake --build "$dir/build" -j2 >"$dir/build.log" 2>&1 || { cat "$dir/build.log"; exit 1; }
    "$dir/build/app"

    fail() { echo "$mode: $*" >&2; exit 1; }
    targets=$(cmake --build "$dir/build" --target help)
    for t in check_api check_registry portinfo; do
        if echo "$targets" | grep -q "\\.\\.\\. $t\$"; then fail "portreg added its target $t"; fi
    done
    if grep -q '^BUILD_SHARED_LIBS:' "$dir/build/CMakeCache.txt"; then
        fail "portreg set BUILD_SHARED_LIBS in the embedder's cache"
    fi
    if grep -q '^CMAKE_BUILD_TYPE:STRING=.' "$dir/build/CMakeCache.txt"; then
        fail "portreg set the embedder's CMAKE_BUILD_TYPE"
    fi
    if [ -e "$dir/build/CTestTestfile.cmake" ] || find "$dir/build" -name CTestTestfile.cmake | grep -q .; then
        fail "portreg registered tests"
    fi
    if readelf -d "$dir/build/app" | grep -q 'NEEDED.*libportreg'; then
        fail "the program needs a shared libportreg; the static one was expected"
    fi
    echo "  only the library was built, and linked in statically"
done
