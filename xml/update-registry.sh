#!/bin/sh
# Replaces the pinned registry edition (xml/service-names-port-numbers.xml
# and its line in xml/MANIFEST) with a newer one, as iana-etc and Wireshark
# keep their copies current:
#   1. downloads the newest edition from IANA, or takes --from FILE;
#   2. checks that portreg-compile compiles it, with every check of a build;
#   3. prints what changed against the pinned edition, record by record
#      (portreg-compile --diff: + added, - removed, ~ changed);
#   4. replaces the pinned file and its manifest line.
# Then review the diff, rebuild, run the tests and commit xml/ as one change.
#
# usage: sh xml/update-registry.sh [--protocols] [--from FILE] [--compiler PATH] [--xml-dir DIR]
#   --protocols      the protocol-numbers registry (xml/protocol-numbers.xml)
#                    instead of the port registry; the same four steps
#   --from FILE      the new edition (default: download it; needs curl or wget)
#   --compiler PATH  portreg-compile to use (default: build/lib/compiler/portreg-compile,
#                    else one built from lib/compiler in a temporary directory)
#   --xml-dir DIR    the directory holding the pinned edition (default: this one)
# Exit status: 0 replaced, or already the pinned edition; 1 on any failure
# (nothing is changed then); 2 on a usage error.
set -eu

url="https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml"
name="service-names-port-numbers.xml"
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
from="" compiler="" xmldir="$here"
registry_id="service-names-port-numbers" mode="" # mode: portreg-compile's option

usage() { sed -n 's/^# usage: /usage: /p' "$0" >&2; exit 2; }
die() { echo "update-registry.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case $1 in
        --protocols)
            url="https://www.iana.org/assignments/protocol-numbers/protocol-numbers.xml"
            name="protocol-numbers.xml" registry_id="protocol-numbers" mode="--protocols"
            shift ;;
        --from) [ $# -ge 2 ] || usage; from=$2; shift 2 ;;
        --compiler) [ $# -ge 2 ] || usage; compiler=$2; shift 2 ;;
        --xml-dir) [ $# -ge 2 ] || usage; xmldir=$2; shift 2 ;;
        *) usage ;;
    esac
done

pinned="$xmldir/$name"
manifest="$xmldir/MANIFEST"
[ -f "$pinned" ] || die "$pinned: no pinned edition to compare with"
[ -f "$manifest" ] || die "$manifest: missing"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
new="$work/$name"

# 1. The new edition.
if [ -n "$from" ]; then
    [ -f "$from" ] || die "$from: no such file"
    cp "$from" "$new"
elif command -v curl >/dev/null 2>&1; then
    curl --fail --location --silent --show-error --output "$new" "$url" || die "cannot download $url"
elif command -v wget >/dev/null 2>&1; then
    wget --quiet --output-document="$new" "$url" || die "cannot download $url"
else
    die "needs curl or wget to download $url (or --from FILE)"
fi
if ! grep -q "<registry[^>]*id=\"$registry_id\"" "$new"; then
    die "${from:-$url} is not the $registry_id registry XML"
fi

# 2. It compiles.
if [ -z "$compiler" ] && [ -x "$src/build/lib/compiler/portreg-compile" ]; then
    compiler="$src/build/lib/compiler/portreg-compile"
fi
if [ -z "$compiler" ]; then
    echo "building portreg-compile in $work/build"
    cmake -S "$src/lib/compiler" -B "$work/build" >"$work/cmake.log" 2>&1 &&
        cmake --build "$work/build" >>"$work/cmake.log" 2>&1 ||
        { cat "$work/cmake.log" >&2; die "could not build portreg-compile"; }
    compiler="$work/build/portreg-compile"
fi
shown=${from:-$new} # the name messages give the new edition
"$compiler" $mode --quiet "$shown" "$work/table.c" || die "portreg-compile refuses the new edition (above)"

# 3. What changed.
status=0
"$compiler" $mode --diff "$pinned" "$shown" || status=$?
[ $status -le 1 ] || die "portreg-compile --diff failed"
if [ $status -eq 0 ] && cmp -s "$pinned" "$new"; then
    echo "the pinned edition is already this one: nothing to do"
    exit 0
fi

# 4. Replace the file and its manifest line.
updated=$(sed -n 's:^ *<updated>\([0-9-]*\)</updated>.*:\1:p' "$new" | head -n 1)
case $updated in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
    *) die "cannot read the registry's own <updated> date" ;;
esac
if command -v sha256sum >/dev/null 2>&1; then
    sum=$(sha256sum "$new" | cut -d' ' -f1)
else
    sum=$(shasum -a 256 "$new" | cut -d' ' -f1)
fi
awk -v name="$name" -v line="$name $updated $sum" \
    '$1 == name { print line; done = 1; next } { print } END { if (!done) print line }' \
    "$manifest" >"$work/MANIFEST"
cp "$new" "$pinned.part"
mv "$pinned.part" "$pinned"
cp "$work/MANIFEST" "$manifest"
echo "pinned $name: the $updated edition, sha256 $sum"
echo "next: rebuild, run the tests (with -DPORTREG_OLDER_REGISTRY_XML= the previous edition),"
echo "      and commit xml/ with the summary above in the message"
