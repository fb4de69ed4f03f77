#!/bin/sh
# portinfo --export=services and --export=protocols, read back by glibc's
# files backend, answer as libnss_portreg.so.2 does: in a private mount
# namespace the exports are bind-mounted over /etc/services and
# /etc/protocols, and the same queries go through `files` and `portreg`
# (nss_dump, getent -s).  Where musl-gcc is installed, musl's own parser
# reads the exported /etc/services too.
#
# usage: export_test.sh quick|full PORTINFO NSS_DUMP MODULE_DIR MUSL_SOURCE
#   quick: every 50th entry of the export and the answers of the issue;
#   full:  every name, alias, port and keyword (label slow: the files
#          backend reads the whole file for each query).
set -u
mode=$1 portinfo=$2 dump=$3 moddir=$4 musl_src=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "export_test: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

"$portinfo" --export=services >"$work/services" || fail "--export=services failed"
"$portinfo" --export=protocols >"$work/protocols" || fail "--export=protocols failed"
head -n 2 "$work/services" | grep -q 'edition' || fail "no edition in the services header"
echo "export: $(grep -vc '^#' "$work/services") services lines, $(grep -vc '^#' "$work/protocols") protocols lines"

[ "$(id -u)" = 0 ] || skip "not root: cannot bind-mount over /etc/services in a mount namespace"
unshare -m true 2>/dev/null || skip "unshare -m is refused here (no private mount namespace)"
[ -e /etc/services ] && [ -e /etc/protocols ] ||
    skip "/etc/services or /etc/protocols is missing: nothing to bind-mount over"

stride=1
[ "$mode" = quick ] && stride=50
grep -v '^#' "$work/services" | awk -v s="$stride" '
    (NR - 1) % s == 0 || $1 ~ /^(https|domain|x11|discard|http|www)$/ {
        split($2, pp, "/")
        print "p", pp[1], pp[2]; print "p", pp[1], "-"
        for (i = 1; i <= NF; i++) if (i != 2) { print "n", $i, pp[2]; print "n", $i, "-" }
    }' >"$work/queries"
grep -v '^#' "$work/protocols" | awk '{ print "N", $1; print "N", $3; print "P", $2 }' >>"$work/queries"
for n in 61 200 255 256; do echo "P $n" >>"$work/queries"; done
echo "n no-such-service tcp" >>"$work/queries"

in_namespace() { # command...: runs with the exports over /etc
    unshare -m sh -c 'mount --make-rprivate / &&
        mount --bind "$0/services" /etc/services && mount --bind "$0/protocols" /etc/protocols &&
        exec "$@"' "$work" "$@"
}
in_namespace "$dump" files <"$work/queries" >"$work/files.out" || fail "nss_dump files failed"
LD_LIBRARY_PATH="$moddir" "$dump" portreg <"$work/queries" >"$work/portreg.out" ||
    fail "nss_dump portreg failed"
if ! cmp -s "$work/files.out" "$work/portreg.out"; then
    diff "$work/files.out" "$work/portreg.out" | head -20
    fail "files reading the exports and portreg answer differently (above: < files, > portreg)"
fi
grep -q '^n https tcp => https 443/tcp' "$work/files.out" || fail "files: no https"
grep -q '^N esp - => esp 50 ESP' "$work/files.out" || fail "files: no esp"
echo "glibc files = portreg on $(wc -l <"$work/queries") queries ($mode)"

# getent -s files against getent -s portreg, as a person would compare them.
for q in "services https" "services 53/udp" "services 6001/tcp" "services 9/sctp" \
         "protocols esp" "protocols 132" "services www/tcp"; do
    # shellcheck disable=SC2086
    files=$(in_namespace getent -s files $q) || fail "getent -s files $q: not found"
    # shellcheck disable=SC2086
    portreg=$(LD_LIBRARY_PATH="$moddir" getent -s portreg $q)
    [ "$files" = "$portreg" ] || fail "getent $q: files '$files', portreg '$portreg'"
done
echo "getent -s files = getent -s portreg on the issue's queries"

if command -v musl-gcc >/dev/null 2>&1; then
    musl-gcc -static -O1 -o "$work/musl_services" "$musl_src" || fail "musl-gcc failed"
    grep -E '^[np] [^ ]+ (tcp|udp)$' "$work/queries" >"$work/musl_queries"
    in_namespace "$work/musl_services" <"$work/musl_queries" >"$work/musl.out" ||
        fail "the musl program failed"
    # What glibc's files backend said, in musl's terms: the port for a
    # name, the name for a port.
    grep -E '^[np] [^ ]+ (tcp|udp) =>' "$work/files.out" | awk '
        $5 == "-" { print $1, $2, $3, "=>", "-"; next }
        $1 == "n" { split($6, pp, "/"); print $1, $2, $3, "=>", pp[1]; next }
        { print $1, $2, $3, "=>", $5 }' >"$work/musl.want"
    if ! cmp -s "$work/musl.want" "$work/musl.out"; then
        diff "$work/musl.want" "$work/musl.out" | head -20
        fail "musl reads the services export differently (above: < glibc files, > musl)"
    fi
    echo "musl = glibc files on $(wc -l <"$work/musl_queries") tcp/udp queries"
else
    echo "musl-gcc not installed (Debian: musl-tools): musl's parser not checked"
fi
