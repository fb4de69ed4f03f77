#!/bin/sh
# xml/update-registry.sh on a copy of xml/, offline (--from):
#   1. a new edition replaces the pinned file, and its MANIFEST line gets
#      the edition's date and the file's SHA-256, the other lines kept
#      (the editions are the small ones of tests/data/diff);
#   2. the same edition again changes nothing and says so;
#   3. a registry the compiler refuses changes nothing, exit status 1.
# usage: update_test.sh SOURCE_DIR COMPILER
set -u
src=$1 compiler=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "update_test: $*" >&2; exit 1; }
script="$src/xml/update-registry.sh"
new="$src/tests/data/diff/new.xml"

# The pinned edition is a small one (tests/data/diff/old.xml), so that the
# test runs the script, not the compiler over the whole registry.
old="$src/tests/data/diff/old.xml"
cp "$old" "$work/service-names-port-numbers.xml"
{
    echo "# a copy of xml/MANIFEST's form"
    echo "service-names-port-numbers.xml 2025-01-01 $(sha256sum "$old" | cut -d' ' -f1)"
    echo "other.xml 2000-01-01 0000"
} >"$work/MANIFEST"

sh "$script" --from "$new" --compiler "$compiler" --xml-dir "$work" >"$work/out" 2>&1 ||
    { cat "$work/out"; fail "the update failed"; }
cmp -s "$new" "$work/service-names-port-numbers.xml" || fail "the pinned file is not the new edition"
sum=$(sha256sum "$new" | cut -d' ' -f1)
grep -qx "service-names-port-numbers.xml 2026-01-01 $sum" "$work/MANIFEST" ||
    fail "MANIFEST: $(grep '^service' "$work/MANIFEST")"
grep -qx "other.xml 2000-01-01 0000" "$work/MANIFEST" || fail "MANIFEST lost its other lines"
grep -q ' added, .* removed, .* changed, .* unchanged$' "$work/out" || fail "no diff summary"
echo "1. replaced: $(grep '^pinned' "$work/out")"

sh "$script" --from "$new" --compiler "$compiler" --xml-dir "$work" >"$work/again" 2>&1 ||
    fail "the same edition again failed"
grep -q 'nothing to do' "$work/again" || fail "the same edition again: $(cat "$work/again")"
echo "2. the same edition again: nothing to do"

cp "$work/MANIFEST" "$work/MANIFEST.before"
if sh "$script" --from "$src/tests/data/bad/truncated.xml" --compiler "$compiler" \
      --xml-dir "$work" >"$work/bad" 2>&1; then
    fail "a broken registry was accepted"
fi
cmp -s "$new" "$work/service-names-port-numbers.xml" || fail "a refused edition changed the pinned file"
cmp -s "$work/MANIFEST" "$work/MANIFEST.before" || fail "a refused edition changed MANIFEST"
grep -q 'truncated.xml:[0-9]*: ' "$work/bad" || fail "no file:line message: $(cat "$work/bad")"
echo "3. a broken registry is refused, nothing changed"
