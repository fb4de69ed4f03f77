#!/bin/sh
# ABI gates, with libabigail (Debian's abigail-tools).
#
#   abi_compare.sh editions HEADERS LIB_A LIB_B
#       The library built from two registry editions: any difference at all
#       fails (the registry must never shape the ABI).
#   abi_compare.sh baseline HEADERS BASELINE.abi LIB
#       The build against the committed 1.0 baseline: an incompatible
#       change fails; a compatible one (added API) passes with its report.
#
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI
# change, 8 incompatible ABI change.
set -u
mode=$1 headers=$2 old=$3 new=$4

for f in "$old" "$new"; do
    if [ ! -e "$f" ]; then
        echo "abi_compare.sh: $f does not exist" >&2
        exit 1
    fi
done

abidiff --headers-dir1 "$headers" --headers-dir2 "$headers" "$old" "$new"
status=$?
echo "abidiff exit status: $status"
if [ $((status & 3)) -ne 0 ]; then
    echo "FAIL: abidiff could not compare the two" >&2
    exit 1
fi
case $mode in
editions)
    if [ "$status" -ne 0 ]; then
        echo "FAIL: the two registry editions give different ABIs" >&2
        exit 1
    fi
    echo "PASS: both registry editions give the same ABI" ;;
baseline)
    if [ $((status & 8)) -ne 0 ]; then
        echo "FAIL: incompatible change against the ABI baseline $old (see docs/ABI.md)" >&2
        exit 1
    fi
    if [ $((status & 4)) -ne 0 ]; then
        echo "PASS with compatible changes: update the baseline when releasing (docs/ABI.md)"
    else
        echo "PASS: identical to the ABI baseline"
    fi ;;
*)
    echo "usage: abi_compare.sh editions|baseline HEADERS OLD NEW" >&2
    exit 2 ;;
esac
