#!/bin/sh
# portreg-compile --diff:
#   1. on the two editions in tests/data/diff: exit status 1 and exactly
#      expected.txt (every kind of line: added, removed, changed fields,
#      two records of one key paired in order);
#   2. an edition against itself: exit status 0, nothing but the summary;
#   3. a bad edition: exit status 2 and the compiler's file:line message;
#   4. with OLDER_XML (the cross-edition check), the real editions: the
#      summary must add up, record for record, with the counts of both files.
# usage: diff_test.sh COMPILER DATA_DIR REGISTRY_XML [OLDER_XML]
set -u
compiler=$1 data=$2 registry=$3 older=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "diff_test: $*" >&2; exit 1; }

cd "$data/diff" || exit 1
"$compiler" --diff old.xml new.xml >"$work/out"
rc=$?
[ $rc -eq 1 ] || fail "two different editions: exit status $rc, expected 1"
diff -u expected.txt "$work/out" || fail "the diff of old.xml and new.xml is not expected.txt"
echo "1. old.xml -> new.xml as expected.txt"

"$compiler" --diff new.xml new.xml >"$work/same"
rc=$?
[ $rc -eq 0 ] || fail "an edition against itself: exit status $rc, expected 0"
[ "$(wc -l <"$work/same")" -eq 1 ] || fail "an edition against itself printed more than its summary"
grep -q ': 0 added, 0 removed, 0 changed, 8 unchanged$' "$work/same" || fail "$(cat "$work/same")"
echo "2. new.xml against itself: no differences"

"$compiler" --diff old.xml ../bad/truncated.xml >"$work/bad" 2>"$work/bad.err"
rc=$?
[ $rc -eq 2 ] || fail "a bad edition: exit status $rc, expected 2"
grep -q '^\.\./bad/truncated\.xml:[0-9]*: ' "$work/bad.err" || fail "no file:line message: $(cat "$work/bad.err")"
echo "3. a bad edition is refused with file:line"

if [ -n "$older" ]; then
    "$compiler" --diff "$older" "$registry" >"$work/editions"
    [ $? -le 1 ] || fail "the editions did not compare"
    summary=$(tail -n 1 "$work/editions")
    echo "4. $summary"
    set -- $(echo "$summary" | sed -n 's/.*(\([^,]*\), \([0-9]*\) records) -> .*(\([^,]*\), \([0-9]*\) records): \([0-9]*\) added, \([0-9]*\) removed, \([0-9]*\) changed, \([0-9]*\) unchanged$/\2 \4 \5 \6 \7 \8/p')
    [ $# -eq 6 ] || fail "cannot read the summary: $summary"
    old_n=$1 new_n=$2 added=$3 removed=$4 changed=$5 unchanged=$6
    [ "$old_n" -eq "$(grep -c '<record' "$older")" ] || fail "the old edition has $(grep -c '<record' "$older") records, not $old_n"
    [ "$new_n" -eq "$(grep -c '<record' "$registry")" ] || fail "the new edition has $(grep -c '<record' "$registry") records, not $new_n"
    [ $((removed + changed + unchanged)) -eq "$old_n" ] || fail "removed + changed + unchanged != $old_n"
    [ $((added + changed + unchanged)) -eq "$new_n" ] || fail "added + changed + unchanged != $new_n"
    [ "$(grep -c '^+ ' "$work/editions")" -eq "$added" ] || fail "the + lines do not count $added"
    [ "$(grep -c '^- ' "$work/editions")" -eq "$removed" ] || fail "the - lines do not count $removed"
    [ "$(grep -c '^~ ' "$work/editions")" -eq "$changed" ] || fail "the ~ lines do not count $changed"
else
    echo "4. the real editions are compared in the cross-edition check (PORTREG_OLDER_REGISTRY_XML)"
fi
