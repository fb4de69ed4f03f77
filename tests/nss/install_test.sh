#!/bin/sh
# The installed NSS module: in ${CMAKE_INSTALL_LIBDIR} beside libportreg,
# named and SONAMEd libnss_portreg.so.2, needing libc alone, exporting the
# _nss_portreg_* entry points and nothing else.
# usage: install_test.sh BUILD_DIR CMAKE LIBDIR
set -u
build=$1 cmake=$2 libdir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

DESTDIR="$work" "$cmake" --install "$build" --prefix /usr >"$work/log" 2>&1 ||
    { cat "$work/log"; fail "cmake --install failed"; }
module="$work/usr/$libdir/libnss_portreg.so.2"
[ -f "$module" ] || fail "no $module: $(cd "$work" && find . -name '*nss*')"
[ -f "$work/usr/$libdir/libportreg.so.1" ] || fail "libportreg.so.1 is not beside it"
readelf -d "$module" | grep -q 'SONAME.*\[libnss_portreg.so.2\]' || fail "SONAME: $(readelf -d "$module" | grep SONAME)"
# (a sanitizer build adds its runtimes: .ci/sanitizers.sh runs this test too)
needed=$(readelf -d "$module" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' |
    grep -Ev '^lib(asan|ubsan|tsan)\.so' | tr '\n' ' ')
[ "$needed" = "libc.so.6 " ] || fail "NEEDED: $needed (want libc.so.6 alone)"
exported=$(nm -D --defined-only "$module" | awk '{print $3}' | grep -v '^_nss_portreg_' | grep -v '^$' || true)
[ -z "$exported" ] || fail "exports more than _nss_portreg_*: $exported"
count=$(nm -D --defined-only "$module" | grep -c ' _nss_portreg_')
[ "$count" -eq 10 ] || fail "$count _nss_portreg_* functions, want 10"
echo "installed: usr/$libdir/libnss_portreg.so.2, NEEDED $needed, $count entry points"
