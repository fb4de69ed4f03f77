#!/bin/sh
# Python's socket module through an nsswitch.conf that names only portreg
# (services: portreg, protocols: portreg), bind-mounted in a private mount
# namespace; the module is found through LD_LIBRARY_PATH.
# usage: python_socket_test.sh PYTHON MODULE_DIR
set -u
python=$1 moddir=$2
[ "$(id -u)" = 0 ] || { echo "SKIP: not root: cannot bind-mount an nsswitch.conf"; exit 77; }
unshare -m true 2>/dev/null || { echo "SKIP: unshare -m is refused here"; exit 77; }
conf=$(mktemp)
trap 'rm -f "$conf"' EXIT
printf 'services: portreg\nprotocols: portreg\n' >"$conf"
LD_LIBRARY_PATH="$moddir" unshare -m sh -c 'mount --make-rprivate / &&
    mount --bind "$0" /etc/nsswitch.conf && exec "$1" -c "
import socket
got = (socket.getservbyname(\"https\", \"tcp\"), socket.getservbyport(6001, \"tcp\"),
       socket.getprotobyname(\"esp\"), socket.getservbyport(9, \"sctp\"),
       socket.getservbyname(\"HTTPS\"))
print(\"python socket through nsswitch (portreg only):\", got)
assert got == (443, \"x11\", 50, \"discard\", 443), got
try:
    socket.getservbyname(\"no-such-service\", \"tcp\")
    raise SystemExit(\"no-such-service was found\")
except OSError:
    pass
"' "$conf" "$python"
