#!/bin/sh
# The small profile (-DPORTREG_PROFILE=small) against the full one: a build
# of the small profile, configured on its own from the same sources and
# registry, must give every (name, proto) and (port, proto) answer of the
# full build (portreg-answers --lookups: answers by record content, the
# fields the small profile leaves out excluded), and its stripped
# libportreg.so is measured: printed, and at most 256 KiB (issue 13).
# usage: small_profile.sh SOURCE_DIR BUILD_DIR REGISTRY_XML C_COMPILER FULL_ANSWERS FULL_LIBRARY
set -eu
src=$1 build=$2 registry=$3 cc=$4 full_answers=$5 full_library=$6
limit=262144

# Kept between runs (an incremental build); the registry is a cache entry.
cmake -S "$src" -B "$build" -DPORTREG_PROFILE=small -DPORTREG_REGISTRY_XML="$registry" \
      -DPORTREG_OLDER_REGISTRY_XML= -DPORTREG_BUILD_DOCS=OFF -DCMAKE_C_COMPILER="$cc" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j2 --target portreg portreg-answers >"$build.build.log" 2>&1 ||
    { cat "$build.build.log"; exit 1; }

sh "$src/tests/portable/same_answers.sh" "$full_answers --lookups" \
   "$build/tests/portreg-answers --lookups"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
small_lib=$(ls "$build"/lib/libportreg.so.*.*.* | head -n 1)
strip -o "$work/small.so" "$small_lib"
strip -o "$work/full.so" "$full_library"
small=$(stat -c %s "$work/small.so")
full=$(stat -c %s "$work/full.so")
echo "stripped libportreg.so (strip -o x.so libportreg.so.1.*; stat -c %s x.so):"
echo "  full profile:  $full bytes"
echo "  small profile: $small bytes (limit $limit)"
size "$work/full.so" "$work/small.so"
if [ "$small" -gt "$limit" ]; then
    echo "the small profile's stripped library is over $limit bytes" >&2
    exit 1
fi
