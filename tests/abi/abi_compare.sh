#!/bin/sh
# ABI gates, with libabigail (Debian's abigail-tools).
#
#   abi_compare.sh editions SUPPRESSIONS LIB_A LIB_B
#       The library built from two registry editions: any difference at all
#       fails (the registry must never shape the ABI).
#   abi_compare.sh baseline SUPPRESSIONS BASELINE.abi LIB
#       The build against the committed baseline: any change other than
#       added functions fails (removed or changed functions, changed types).
#       Added functions pass, and are listed: they belong in a new node of
#       lib/portreg.map and a new baseline (docs/ABI.md).
#
# No --headers-dir: with it libabigail treats every type defined outside
# portreg.h as private, and that includes uint16_t, so a parameter changed
# from uint16_t to uint32_t would be filtered out as harmless.  The two
# opaque types are suppressed by name instead (SUPPRESSIONS).
#
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI
# change, 8 incompatible ABI change.
set -u
mode=$1 suppressions=$2 old=$3 new=$4

for f in "$suppressions" "$old" "$new"; do
    if [ ! -e "$f" ]; then
        echo "abi_compare.sh: $f does not exist" >&2
        exit 1
    fi
done

compare() {
    abidiff --suppressions "$suppressions" "$@" "$old" "$new"
    status=$?
    echo "abidiff $* exit status: $status"
    if [ $((status & 3)) -ne 0 ]; then
        echo "FAIL: abidiff could not compare $old and $new" >&2
        exit 1
    fi
}

case $mode in
editions)
    compare
    if [ "$status" -ne 0 ]; then
        echo "FAIL: the two registry editions give different ABIs" >&2
        exit 1
    fi
    echo "PASS: both registry editions give the same ABI" ;;
baseline)
    compare --no-added-syms
    if [ "$status" -ne 0 ]; then
        echo "FAIL: the ABI changed against the baseline $old (see docs/ABI.md)" >&2
        exit 1
    fi
    compare
    if [ "$status" -ne 0 ]; then
        echo "PASS with added functions: give them a new map node and a new baseline (docs/ABI.md)"
    else
        echo "PASS: identical to the ABI baseline"
    fi ;;
*)
    echo "usage: abi_compare.sh editions|baseline SUPPRESSIONS OLD NEW" >&2
    exit 2 ;;
esac
