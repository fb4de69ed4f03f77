#!/bin/sh
# libnss-portreg's maintainer scripts (debian/libnss-portreg.{preinst,postinst,postrm})
# against nsswitch.conf files of many shapes, in a scratch DPKG_ROOT: the
# first configuration adds portreg after files on the services and
# protocols lines only; an upgrade and a second installation change
# nothing more; remove and purge give back the file byte for byte; no
# file is left behind; the file's mode and a symbolic link survive.
# usage: sh .ci/deb-nsswitch.sh [DEBIAN_DIR]      (a second or so)
set -u
d=$(cd "${1:-$(dirname "$0")/../debian}" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir "$root/etc"
# A package name dpkg does not know: the postrm counts no other instance.
export DPKG_ROOT="$root" DPKG_MAINTSCRIPT_PACKAGE=libnss-portreg-scratch-test
conf="$root/etc/nsswitch.conf"
fail=0 n=0

# check NAME INPUT EXPECTED [AFTER_PURGE]   (printf formats)
check() {
    n=$((n + 1))
    printf "$2" >"$conf"
    printf "$3" >"$root/expected"
    printf "${4-$2}" >"$root/purged"
    sh "$d/libnss-portreg.preinst" install
    sh "$d/libnss-portreg.postinst" configure 2>/dev/null
    cmp -s "$conf" "$root/expected" || { echo "FAIL $1: after install:"; cat "$conf"; fail=1; }
    sh "$d/libnss-portreg.postinst" configure 1.0.0 2>/dev/null
    cmp -s "$conf" "$root/expected" || { echo "FAIL $1: after an upgrade"; fail=1; }
    sh "$d/libnss-portreg.preinst" install
    sh "$d/libnss-portreg.postinst" configure 2>/dev/null
    cmp -s "$conf" "$root/expected" || { echo "FAIL $1: after a second installation"; fail=1; }
    sh "$d/libnss-portreg.postrm" remove
    sh "$d/libnss-portreg.postrm" purge
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

# No nsswitch.conf at all: nothing created.
n=$((n + 1))
rm -f "$conf"
sh "$d/libnss-portreg.preinst" install
sh "$d/libnss-portreg.postinst" configure 2>/dev/null
sh "$d/libnss-portreg.postrm" purge
[ -z "$(ls -A "$root/etc")" ] || { echo "FAIL no-file: created $(ls -A "$root/etc")"; fail=1; }

# A symbolic link stays one; the target keeps its mode.
n=$((n + 1))
printf 'services: files\n' >"$root/real"
chmod 640 "$root/real"
ln -s "$root/real" "$conf"
sh "$d/libnss-portreg.preinst" install
sh "$d/libnss-portreg.postinst" configure 2>/dev/null
{ [ -L "$conf" ] && [ "$(stat -c %a "$root/real")" = 640 ] && [ "$(cat "$root/real")" = 'services: files portreg' ]; } ||
    { echo "FAIL symlink: $(ls -l "$conf") $(stat -c %a "$root/real") $(cat "$root/real")"; fail=1; }
sh "$d/libnss-portreg.postrm" purge
[ "$(cat "$root/real")" = 'services: files' ] || { echo "FAIL symlink: after purge"; fail=1; }

if [ $fail = 0 ]; then
    echo "nsswitch.conf maintainer scripts: $n cases passed"
fi
exit $fail
