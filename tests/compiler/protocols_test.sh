#!/bin/sh
# The protocol-numbers registry through portreg-compile --protocols and
# xml/update-registry.sh --protocols, offline, on editions derived from the
# pinned one with sed:
#   1. the pinned edition compiles; a changed edition's diff names the
#      changed, added and removed numbers;
#   2. editions the compiler must refuse are refused with file:line
#      (a number twice, a keyword twice in another case, a value above 255,
#      a keyword that is a number, a DOCTYPE);
#   3. update-registry.sh --protocols replaces the file and its MANIFEST
#      line only, and says "nothing to do" the second time.
# usage: protocols_test.sh SOURCE_DIR COMPILER
set -u
src=$1 compiler=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "protocols_test: $*" >&2; exit 1; }
pinned="$src/xml/protocol-numbers.xml"

"$compiler" --protocols --quiet "$pinned" "$work/t.c" || fail "the pinned edition is refused"
grep -q 'portreg__protocol_keyword_slots' "$work/t.c" || fail "no keyword index written"

# A new edition: 50 described anew, 147 removed, 200 taken from the range.
sed -e 's|<updated>[0-9-]*</updated>|<updated>2030-01-01</updated>|' \
    -e 's|Encap Security Payload|Encapsulating Security Payload|' \
    -e 's|<value>147</value>|<value>200</value>|' \
    -e 's|<value>148-252</value>|<value>147-199</value>|' "$pinned" >"$work/new.xml"
"$compiler" --protocols --quiet "$work/new.xml" "$work/n.c" || fail "the new edition is refused"
status=0
"$compiler" --protocols --diff "$pinned" "$work/new.xml" >"$work/diff" || status=$?
[ "$status" -eq 1 ] || fail "--diff exit status $status, not 1"
grep -q '^~ 50 ESP: Encap Security Payload.* -> ESP: Encapsulating Security Payload' "$work/diff" ||
    fail "no change at 50: $(cat "$work/diff")"
grep -q '^~ 147 ' "$work/diff" && grep -q '^~ 200 ' "$work/diff" && grep -q '^- 2[0-5][0-9] ' "$work/diff" ||
    fail "moved numbers not reported: $(cat "$work/diff")"
"$compiler" --protocols --diff "$pinned" "$pinned" >/dev/null || fail "an edition differs from itself"
echo "1. compiles; --diff reports $(wc -l <"$work/diff") lines"

refuse() { # NAME SED-EXPRESSION MESSAGE-PATTERN
    sed -e "$2" "$pinned" >"$work/$1.xml"
    if "$compiler" --protocols --quiet "$work/$1.xml" "$work/bad.c" 2>"$work/$1.err"; then
        fail "$1: accepted"
    fi
    grep -q "$1.xml:[0-9]*: .*$3" "$work/$1.err" || fail "$1: $(cat "$work/$1.err")"
    [ ! -e "$work/bad.c" ] || fail "$1: left a table behind"
}
refuse number_twice 's|<value>51</value>|<value>50</value>|' "also in the record"
refuse keyword_twice 's|<name>AH</name>|<name>esp</name>|' 'keyword "esp" is also'
refuse value_too_large 's|<value>255</value>|<value>256</value>|' "from 0 to 255"
refuse keyword_number 's|<name>AH</name>|<name>51</name>|' "is a number"
refuse doctype 's|^<registry |<!DOCTYPE r [<!ENTITY a "b">]><registry |' "DOCTYPE"
refuse wrong_root 's|id="protocol-numbers"|id="other"|' "protocol-numbers"
# The reading the two registries share (lib/compiler/xml_read.c): control
# characters in any text, CR-only line ends counted, not a regular file.
refuse description_c1 's|<description>Encap Security Payload|<description>Encap \xc2\x9b[2J Security Payload|' \
    "<description> contains control character U+009B"
tr '\n' '\r' <"$pinned" | sed 's|<name>AH</name>|<name>esp</name>|' >"$work/cr_only.xml"
"$compiler" --protocols --quiet "$work/cr_only.xml" "$work/bad.c" 2>"$work/cr_only.err" && fail "cr_only: accepted"
grep -q "cr_only.xml:[0-9]*: .*keyword \"esp\" is also" "$work/cr_only.err" &&
    ! grep -q "cr_only.xml:1: " "$work/cr_only.err" || fail "cr_only: $(cat "$work/cr_only.err")"
"$compiler" --protocols --quiet "$work" "$work/bad.c" 2>"$work/dir.err" && fail "a directory: accepted"
grep -q "$work:0: is a directory" "$work/dir.err" || fail "a directory: $(cat "$work/dir.err")"
echo "2. nine bad editions refused with file:line"

mkdir "$work/xml"
cp "$src/xml/MANIFEST" "$src/xml/update-registry.sh" "$pinned" "$work/xml/"
before=$(grep -v '^protocol-numbers.xml ' "$work/xml/MANIFEST")
sh "$work/xml/update-registry.sh" --protocols --from "$work/new.xml" --compiler "$compiler" \
    >"$work/out" 2>&1 || { cat "$work/out"; fail "the update failed"; }
cmp -s "$work/new.xml" "$work/xml/protocol-numbers.xml" || fail "the pinned file is not the new edition"
sum=$(sha256sum "$work/new.xml" | cut -d' ' -f1)
grep -qx "protocol-numbers.xml 2030-01-01 $sum" "$work/xml/MANIFEST" || fail "MANIFEST: $(cat "$work/xml/MANIFEST")"
[ "$(grep -v '^protocol-numbers.xml ' "$work/xml/MANIFEST")" = "$before" ] || fail "other MANIFEST lines changed"
sh "$work/xml/update-registry.sh" --protocols --from "$work/new.xml" --compiler "$compiler" \
    >"$work/again" 2>&1 || fail "the same edition again failed"
grep -q 'nothing to do' "$work/again" || fail "again: $(cat "$work/again")"
if sh "$work/xml/update-registry.sh" --protocols --from "$src/xml/service-names-port-numbers.xml" \
      --compiler "$compiler" >"$work/wrong" 2>&1; then
    fail "the port registry was taken for the protocol registry"
fi
echo "3. update-registry.sh --protocols replaced the file and its MANIFEST line"
