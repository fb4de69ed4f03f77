#!/usr/bin/env bash
# Cross builds (docs/PORTABILITY.md): portreg built for other machines with
# plain toolchain files (cmake/toolchains/) and run under qemu-user, wine,
# or natively for musl.  For each target:
#   - the table is generated on this machine (x86-64), by portreg-compile
#     built for this machine (s390x builds it through the cross build itself;
#     the others take the native one with -DPORTREG_COMPILER, as a packager);
#   - the Check suites run (ctest -L check, CK_FORK=no: qemu-user 7.2 can
#     hang in fork() on some targets);
#   - portreg-answers prints every answer, and must print exactly what the
#     native build prints: any difference is an answer that depends on the
#     byte order or word size of where the table was made or where it runs;
#   - portreg-well-known and portinfo answer a consumer's first questions.
# Check for the Linux targets comes from Debian's multiarch packages; for
# musl it is built from Debian's source package with musl-gcc; mingw-w64
# has none, so there the consumer programs and portinfo.exe run under wine.
# Ends with one line per target: what was built and what was run.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
start=$(date +%s)

# target: Debian architecture, GNU triplet (and toolchain file), qemu name.
linux_targets=("arm64 aarch64-linux-gnu aarch64" "s390x s390x-linux-gnu s390x"
               "armhf arm-linux-gnueabihf arm" "i386 i686-linux-gnu i386")

log() { printf 'cross.sh: %s\n' "$*"; }
export DEBIAN_FRONTEND=noninteractive
packages=(cmake make gcc pkg-config libxml2-dev check python3 qemu-user musl-tools
          gcc-mingw-w64-x86-64 wine wine64 dpkg-dev)
for t in "${linux_targets[@]}"; do
    read -r arch triplet _ <<<"$t"
    dpkg --add-architecture "$arch"
    packages+=("gcc-$triplet" "libc6-dev-$arch-cross" "check:$arch" "libsubunit-dev:$arch")
done
log "installing ${#packages[@]} packages"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/portreg-cross.XXXXXX")
trap 'rm -rf "$work"' EXIT
matrix=()

# The reference: this machine's answers, and its portreg-compile.
log "native build (the reference answers and portreg-compile)"
cmake -S . -B "$work/native" -DPORTREG_WERROR=ON >"$work/native.log" 2>&1 &&
    cmake --build "$work/native" -j2 --target portreg-answers portreg-compile \
        >>"$work/native.log" 2>&1 || { cat "$work/native.log"; exit 1; }
compiler="$work/native/lib/compiler/portreg-compile"
"$work/native/tests/portreg-answers" >"$work/native.answers"
"$work/native/tests/portreg-answers" --lookups >"$work/native.lookups"

# build_and_test NAME CONFIGURE-ARGS... : configure, build, run the Check
# suites; a failure prints the log.
build_and_test() {
    local name=$1
    shift
    local dir="$work/$name"
    log "$name: configure and build"
    if ! { cmake -S . -B "$dir" -DPORTREG_WERROR=ON "$@" && cmake --build "$dir" -j2; } \
        >"$work/$name.log" 2>&1; then
        cat "$work/$name.log"
        log "$name: FAILED to build"
        exit 1
    fi
    log "$name: Check suites"
    if ! (cd "$dir" && CK_FORK=no ctest -L check --output-on-failure) >"$work/$name.ctest" 2>&1; then
        cat "$work/$name.ctest"
        log "$name: FAILED: the Check suites"
        exit 1
    fi
    grep -E 'tests passed' "$work/$name.ctest"
}

# "8 Check suites passed", or which were skipped, from a ctest log.
suites_run() {
    local total skipped
    total=$(grep -Eo '[0-9]+ tests failed out of [0-9]+' "$work/$1.ctest" | awk '{print $NF}')
    skipped=$(grep -Eo '[a-z_]+ \(Skipped\)' "$work/$1.ctest" | cut -d' ' -f1 | paste -sd, - || true)
    if [ -n "$skipped" ]; then
        echo "$(( total - $(echo "$skipped" | tr ',' '\n' | wc -l) )) of $total Check suites passed ($skipped skipped)"
    else
        echo "$total Check suites passed"
    fi
}

# same_as REFERENCE NAME COMMAND... : the target's answers against the
# native ones in $work/REFERENCE.
same_as() {
    local reference=$1 name=$2
    shift 2
    "$@" | tr -d '\r' >"$work/$name.answers"
    if ! cmp -s "$work/$reference" "$work/$name.answers"; then
        diff "$work/$reference" "$work/$name.answers" | head -n 20
        log "$name: FAILED: answers differ from the native build's"
        exit 1
    fi
    log "$name: $(wc -l <"$work/$name.answers") lines of answers, the same as native"
}

# same_answers NAME COMMAND... : every answer, against the native build's.
same_answers() {
    same_as native.answers "$@"
}

for t in "${linux_targets[@]}"; do
    read -r arch triplet qemu <<<"$t"
    if [ "$arch" = s390x ]; then
        how="portreg-compile built by the cross build"
        extra=()
    else
        how="portreg-compile given (-DPORTREG_COMPILER)"
        extra=(-DPORTREG_COMPILER="$compiler")
    fi
    run=("qemu-$qemu" -L /)
    build_and_test "$triplet" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchains/$triplet.cmake" \
        "-DCMAKE_CROSSCOMPILING_EMULATOR=qemu-$qemu;-L;/" "${extra[@]}"
    checks=$(suites_run "$triplet")
    same_answers "$triplet" "${run[@]}" "$work/$triplet/tests/portreg-answers"
    "${run[@]}" "$work/$triplet/tests/portreg-well-known"
    "${run[@]}" "$work/$triplet/examples/portinfo" https/tcp >/dev/null
    matrix+=("$triplet ($arch) | shared library, portinfo, Check suites; $how | qemu-$qemu: $checks, every answer against x86-64, consumer, portinfo")
done

# The small profile on a big-endian machine: its table (merged records,
# 16-bit fields written as bytes, row codes) generated on x86-64, its
# lookups against the full profile's native answers (--lookups: by record
# content, without the fields the small profile leaves out).
triplet=s390x-linux-gnu
build_and_test small-s390x -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchains/$triplet.cmake" \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=qemu-s390x;-L;/" -DPORTREG_COMPILER="$compiler" \
    -DPORTREG_PROFILE=small
checks=$(suites_run small-s390x)
same_as native.lookups small-s390x qemu-s390x -L / "$work/small-s390x/tests/portreg-answers" --lookups
qemu-s390x -L / "$work/small-s390x/tests/portreg-well-known"
matrix+=("$triplet (s390x), small profile | shared library, Check suites; portreg-compile given | qemu-s390x: $checks, every lookup against the full profile on x86-64, consumer")

# musl, static: Check built with musl-gcc from Debian's source package.
log "musl: Check from Debian's source package, built with musl-gcc"
mkdir -p "$work/check-src"
sed 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources >"$work/src.sources"
apt-get -o Dir::Etc::SourceList="$work/src.sources" -o Dir::Etc::SourceParts=- update -qq
(cd "$work/check-src" &&
    apt-get -o Dir::Etc::SourceList="$work/src.sources" -o Dir::Etc::SourceParts=- \
        source -qq --download-only check >/dev/null 2>&1 && tar xzf check_*.orig.tar.gz)
check_src=$(ls -d "$work"/check-src/check-*/)
{ cmake -S "$check_src" -B "$work/check-musl-build" -DCMAKE_C_COMPILER=musl-gcc \
      -DCMAKE_INSTALL_PREFIX="$work/check-musl" -DCHECK_ENABLE_TESTS=OFF -DBUILD_TESTING=OFF &&
  cmake --build "$work/check-musl-build" -j2 && cmake --install "$work/check-musl-build"; } \
    >"$work/check-musl.log" 2>&1 || { cat "$work/check-musl.log"; exit 1; }
rm -f "$work"/check-musl/lib/libcheck.so* # a static build links the archive
PKG_CONFIG_LIBDIR="$work/check-musl/lib/pkgconfig" \
    build_and_test musl -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchains/musl.cmake" \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_FIND_ROOT_PATH="$work/check-musl" -DPORTREG_COMPILER="$compiler"
checks=$(suites_run musl)
same_answers musl "$work/musl/tests/portreg-answers"
"$work/musl/tests/portreg-well-known"
file "$work/musl/examples/portinfo" | grep -q 'statically linked' ||
    { log "musl: FAILED: portinfo is not statically linked"; exit 1; }
matrix+=("x86_64 musl (static) | libportreg.a, static portinfo, Check suites (Check built with musl-gcc) | natively: $checks, every answer against glibc x86-64, consumer, portinfo")

# mingw-w64, under wine: the DLL, its import library, portinfo.exe and the
# consumers.  No Check for Windows in Debian.
log "mingw-w64: configure and build"
{ cmake -S . -B "$work/mingw" -DPORTREG_WERROR=ON -DPORTREG_COMPILER="$compiler" \
      -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchains/x86_64-w64-mingw32.cmake" &&
  cmake --build "$work/mingw" -j2 --target portreg portinfo portreg-answers portreg-well-known; } \
    >"$work/mingw.log" 2>&1 || { cat "$work/mingw.log"; exit 1; }
for f in lib/libportreg.dll lib/libportreg.dll.a examples/portinfo.exe; do
    [ -f "$work/mingw/$f" ] || { log "mingw-w64: FAILED: no $f"; exit 1; }
done
export WINEDEBUG=-all WINEPREFIX="$work/wine" WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPATH="$work/mingw/lib"
wine wineboot --init >/dev/null 2>&1 || true
same_answers mingw wine "$work/mingw/tests/portreg-answers.exe"
wine "$work/mingw/tests/portreg-well-known.exe" | tr -d '\r'
wine "$work/mingw/examples/portinfo.exe" 443/tcp | tr -d '\r' | grep -q https ||
    { log "mingw-w64: FAILED: portinfo.exe 443/tcp"; exit 1; }
matrix+=("x86_64 Windows (mingw-w64) | libportreg.dll, libportreg.dll.a, portinfo.exe, consumers | wine: every answer against Linux x86-64, consumer, portinfo.exe")

log "matrix:"
for line in "${matrix[@]}"; do
    echo "  $line"
done
log "OK: ${#matrix[@]} targets ($(( $(date +%s) - start )) s)"
