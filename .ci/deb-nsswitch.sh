#!/bin/sh
# libnss-portreg's maintainer scripts (debian/libnss-portreg.{preinst,postinst,postrm})
# against nsswitch.conf files of many shapes, in a scratch DPKG_ROOT: the
# first configuration adds portreg after files on the services and
# protocols lines only; an upgrade and a second installation change
# nothing more; remove and purge give back the file byte for byte; no
# file is left behind; the file's mode and a symbolic link survive; every
# run of a script exits with status 0; while another Multi-Arch instance
# is installed, remove and purge leave the entry in.  dpkg-query is a stub
# (the scripts never see this machine's dpkg database), and the real
# /etc/nsswitch.conf must be the same at the end as at the start.
# usage: sh .ci/deb-nsswitch.sh [DEBIAN_DIR]      (a second or so)
set -u
d=$(cd "${1:-$(dirname "$0")/../debian}" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir "$root/etc" "$root/bin"
export DPKG_ROOT="$root" DPKG_MAINTSCRIPT_PACKAGE=libnss-portreg-scratch-test
conf="$root/etc/nsswitch.conf"
fail=0 n=0

# The real file, to compare at the end.
real_before=$(stat -L -c '%s %Y' /etc/nsswitch.conf 2>/dev/null; cksum </etc/nsswitch.conf 2>/dev/null)

# dpkg-query -f FORMAT -W PACKAGE: the lines of $root/instances (one
# "ii " per other installed instance) for our package, nothing otherwise.
cat >"$root/bin/dpkg-query" <<'STUB'
#!/bin/sh
for last; do :; done
if [ "$last" = "$DPKG_MAINTSCRIPT_PACKAGE" ] && [ -e "$DPKG_ROOT/instances" ]; then
    cat "$DPKG_ROOT/instances"
    exit 0
fi
exit 1
STUB
chmod +x "$root/bin/dpkg-query"
export PATH="$root/bin:$PATH"

# run CASE SCRIPT ARG...: runs debian/libnss-portreg.SCRIPT; a non-zero
# exit status fails CASE, with the script's messages.
run() {
    c=$1 script=$2
    shift 2
    sh "$d/libnss-portreg.$script" "$@" 2>"$root/stderr" || {
        echo "FAIL $c: $script $* exited with status $?:"
        cat "$root/stderr"
        fail=1
    }
}

# check NAME INPUT EXPECTED [AFTER_PURGE]   (printf formats)
check() {
    n=$((n + 1))
    printf "$2" >"$conf"
    printf "$3" >"$root/expected"
    printf "${4-$2}" >"$root/purged"
    run "$1" preinst install
    run "$1" postinst configure
    cmp -s "$conf" "$root/expected" || { echo "FAIL $1: after install:"; cat "$conf"; fail=1; }
    run "$1" postinst configure 1.0.0
    cmp -s "$conf" "$root/expected" || { echo "FAIL $1: after an upgrade"; fail=1; }
    run "$1" preinst install
    run "$1" postinst configure
    cmp -s "$conf" "$root/expected" || { echo "FAIL $1: after a second installation"; fail=1; }
    run "$1" postrm remove
    run "$1" postrm purge
    cmp -s "$conf" "$root/purged" || { echo "FAIL $1: after purge:"; cat "$conf"; fail=1; }
    left=$(ls -A "$root/etc" | grep -vx nsswitch.conf)
    [ -z "$left" ] || { echo "FAIL $1: left behind: $left"; fail=1; }
}

check debian-default \
    'passwd:         files\ngroup:          files\nhosts:          files dns\nprotocols:      db files\nservices:       db files\nnetgroup:       nis\n' \
    'passwd:         files\ngroup:          files\nhosts:          files dns\nprotocols:      db files portreg\nservices:       db files portreg\nnetgroup:       nis\n'
check tabs 'services:\tfiles\tdb\nprotocols:\tfiles\n' 'services:\tfiles portreg\tdb\nprotocols:\tfiles portreg\n'
check actions 'services: files [NOTFOUND=return] db\nprotocols: files [!UNAVAIL=return]\n' \
    'services: files [NOTFOUND=return] portreg db\nprotocols: files [!UNAVAIL=return] portreg\n'
check comments 'services: files # files too\nprotocols: db # files\n#services: files\n' \
    'services: files portreg # files too\nprotocols: db # files\n#services: files\n'
check comment-glued 'services: files# c\n' 'services: files portreg# c\n'
check no-lines 'passwd: files\nhosts: files\n' 'passwd: files\nhosts: files\n'
check no-files-source 'services: sss db\nprotocols: myfiles filesx\n' 'services: sss db\nprotocols: myfiles filesx\n'
check similar-names 'services: files portreg2 xportreg\nservicesx: files\n' \
    'services: files portreg portreg2 xportreg\nservicesx: files\n'
check trailing-space 'services: files  \nprotocols:files\n' 'services: files portreg  \nprotocols:files portreg\n'
check no-final-newline 'services: files' 'services: files portreg'
check empty-file '' ''
# Already there: left alone on install; remove/purge takes it out, as
# dh_installnss's scripts do.
check already-there 'services: files portreg db\nprotocols: portreg files\n' \
    'services: files portreg db\nprotocols: portreg files\n' 'services: files db\nprotocols: files\n'
# Already there with an action glued on (glibc reads it as portreg and its
# action): left alone on install, and on remove/purge too.
check already-there-glued-action 'services: files portreg[NOTFOUND=return]\nprotocols: files\n' \
    'services: files portreg[NOTFOUND=return]\nprotocols: files portreg\n'
# ... or after a blank: taking out the word alone would hand the action to
# files; the entry stays whole.
check already-there-spaced-action 'services: files portreg [NOTFOUND=return] db\n' \
    'services: files portreg [NOTFOUND=return] db\n'
# Several actions after files: portreg goes after the last one, and purge
# takes out portreg only, never an action.
check actions-after-files 'services: files [SUCCESS=return] [NOTFOUND=continue] db\nprotocols: files[SUCCESS=return][NOTFOUND=continue]\n' \
    'services: files [SUCCESS=return] [NOTFOUND=continue] portreg db\nprotocols: files[SUCCESS=return][NOTFOUND=continue] portreg\n'

# No nsswitch.conf at all: nothing created.
n=$((n + 1))
rm -f "$conf"
run no-file preinst install
run no-file postinst configure
run no-file postrm purge
[ -z "$(ls -A "$root/etc")" ] || { echo "FAIL no-file: created $(ls -A "$root/etc")"; fail=1; }

# Multi-Arch: same.  While another architecture's instance is installed
# (dpkg-query lists it), remove and purge keep the entry; the last one's
# remove takes it out.
n=$((n + 1))
printf 'services: files\n' >"$conf"
run multi-arch preinst install
run multi-arch postinst configure
printf 'ii \n' >"$root/instances"
run multi-arch postrm remove
run multi-arch postrm purge
[ "$(cat "$conf")" = 'services: files portreg' ] || { echo "FAIL multi-arch: another instance installed, yet:"; cat "$conf"; fail=1; }
rm -f "$root/instances"
run multi-arch postrm remove
[ "$(cat "$conf")" = 'services: files' ] || { echo "FAIL multi-arch: last instance removed, yet:"; cat "$conf"; fail=1; }
left=$(ls -A "$root/etc" | grep -vx nsswitch.conf)
[ -z "$left" ] || { echo "FAIL multi-arch: left behind: $left"; fail=1; }
rm -f "$conf"

# A symbolic link stays one; the target keeps its mode.
n=$((n + 1))
printf 'services: files\n' >"$root/real"
chmod 640 "$root/real"
ln -s "$root/real" "$conf"
run symlink preinst install
run symlink postinst configure
{ [ -L "$conf" ] && [ "$(stat -c %a "$root/real")" = 640 ] && [ "$(cat "$root/real")" = 'services: files portreg' ]; } ||
    { echo "FAIL symlink: $(ls -l "$conf") $(stat -c %a "$root/real") $(cat "$root/real")"; fail=1; }
run symlink postrm purge
[ "$(cat "$root/real")" = 'services: files' ] || { echo "FAIL symlink: after purge"; fail=1; }

real_after=$(stat -L -c '%s %Y' /etc/nsswitch.conf 2>/dev/null; cksum </etc/nsswitch.conf 2>/dev/null)
[ "$real_after" = "$real_before" ] || { echo "FAIL: the real /etc/nsswitch.conf changed"; fail=1; }

if [ $fail = 0 ]; then
    echo "nsswitch.conf maintainer scripts: $n cases passed"
fi
exit $fail
