#!/bin/sh
# Runs two builds of portreg-answers (tests/portable/answers.c) and fails
# unless they print the same answers, showing the first lines that differ.
# Each program is a command line: an emulator prefix is allowed, e.g.
# "qemu-s390x -L /usr/s390x-linux-gnu build-s390x/tests/portreg-answers".
# usage: same_answers.sh "COMMAND A" "COMMAND B"
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Word splitting of the commands is wanted: they are prefix and program.
$1 >"$work/a" || { echo "same_answers: $1 failed" >&2; exit 1; }
$2 >"$work/b" || { echo "same_answers: $2 failed" >&2; exit 1; }
if ! cmp -s "$work/a" "$work/b"; then
    echo "same_answers: the answers differ ($(diff "$work/a" "$work/b" | grep -c '^[<>]') lines):" >&2
    diff "$work/a" "$work/b" | head -n 20 >&2
    exit 1
fi
echo "same answers: $(wc -l <"$work/a") lines, $(head -n 1 "$work/a")"
