#!/bin/sh
# Writes the ABI baseline of the library in BUILD_DIR to tests/abi/portreg-<major>.<minor>.abi.
# Run it when a release adds API (docs/ABI.md), never to silence the gate.
# usage: tests/abi/update_baseline.sh BUILD_DIR
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
major=$(sed -n 's/^#define PORTREG_VERSION_MAJOR \([0-9]*\).*/\1/p' "$src/include/portreg.h")
minor=$(sed -n 's/^#define PORTREG_VERSION_MINOR \([0-9]*\).*/\1/p' "$src/include/portreg.h")
out="$src/tests/abi/portreg-$major.$minor.abi"
abidw --headers-dir "$src/include" --no-corpus-path --no-comp-dir-path --short-locs \
      --out-file "$out" "$build/lib/libportreg.so.$major"
echo "wrote $out"
