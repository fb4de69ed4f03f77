#!/bin/sh
# getent -s portreg, the module found through LD_LIBRARY_PATH (no
# nsswitch.conf involved: -s names the service).  The answers of the
# issue's "Done when" list, enumeration counts, and the not-found status.
# usage: getent_test.sh MODULE_DIR
set -u
export LD_LIBRARY_PATH="$1${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fail() { echo "getent_test: $*" >&2; exit 1; }
command -v getent >/dev/null || { echo "SKIP: no getent"; exit 77; }

expect() { # WANT-REGEX getent-args...
    want=$1; shift
    got=$(getent -s portreg "$@") || fail "getent -s portreg $*: exit $?"
    echo "$got" | grep -Eq "$want" || fail "getent -s portreg $*: '$got', want /$want/"
    echo "getent -s portreg $*: $got"
}
expect '^https +443/tcp( |$)' services https
expect '^https +443/tcp( |$)' services HTTPS/tcp
expect '^domain +53/udp( |$)' services 53/udp
expect '^x11 +6001/tcp( |$)' services 6001/tcp
expect '^discard +9/sctp( |$)' services 9/sctp
expect '^esp +50 ESP$' protocols esp
expect '^esp +50 ESP$' protocols 50
expect '^ipv6-icmp +58 IPv6-ICMP$' protocols ipv6-icmp
expect '^sctp +132 SCTP$' protocols 132
expect '^http +80/tcp .*www' services www/tcp

services=$(getent -s portreg services | wc -l)
protocols=$(getent -s portreg protocols | wc -l)
[ "$services" -ge 10000 ] || fail "services enumerate $services entries"
[ "$protocols" -ge 140 ] || fail "protocols enumerate $protocols entries"
getent -s portreg services | grep -Eq '^x11 +6063/udp' || fail "ranges are not expanded"
echo "enumeration: $services services, $protocols protocols"

for q in no-such-service 70000/tcp 443/bogus ""; do
    if getent -s portreg services "$q" >/dev/null; then fail "services '$q' was found"; fi
done
for q in no-such-protocol 256 -1; do
    if getent -s portreg protocols "$q" >/dev/null; then fail "protocols '$q' was found"; fi
done
echo "not-found answers: exit status 2"
