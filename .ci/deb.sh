#!/usr/bin/env bash
# The Debian packages, end to end, on this machine (root, Debian 12):
#  1. libnss-portreg's maintainer scripts against many nsswitch.conf shapes;
#  2. the build dependencies, from debian/control, with apt-get build-dep;
#  3. dpkg-buildpackage -us -uc -b on a copy of the tree (offline: the
#     registry is in xml/; the default test suite runs in dh_auto_test);
#  4. lintian on the .changes: no errors;
#  5. apt-get install ./*.deb, then the installed system: pkg-config and
#     find_package(portreg) consumers from system paths, portinfo, getent
#     through the NSS module with /etc/services and /etc/protocols hidden,
#     and import portreg in Python when python3-portreg was built;
#  6. apt-get purge, and /etc/nsswitch.conf byte for byte as it was.
# Each step prints a one-line summary starting with "deb:".  A failing step
# prints its log and the script purges what it installed before exiting.
# See docs/PACKAGING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
export DEBIAN_FRONTEND=noninteractive
# System paths only: the build and the checks must not pick up a python3 or
# cmake from pyenv, /usr/local or the like.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
say() { printf 'deb: %s\n' "$*"; }
t0=$(date +%s)

work=$(mktemp -d)
installed=()
# On any exit: purge what is installed, then, if /etc/nsswitch.conf is not
# what it was before apt-get install (the purge did not restore it, or it
# never ran), put the saved copy back, so that this machine never keeps a
# changed file; if that fails too, $work and the copy stay.
cleanup() {
    status=$?
    set +e
    local before="$work/nsswitch.conf.before"
    if [ ${#installed[@]} -gt 0 ]; then
        apt-get purge -y -qq "${installed[@]}" >/dev/null 2>&1 || true
    fi
    if [ -e "$before" ] && ! cmp -s "$before" /etc/nsswitch.conf; then
        diff "$before" /etc/nsswitch.conf
        if cp -p "$before" /etc/nsswitch.conf; then
            say "cleanup: /etc/nsswitch.conf differed from the copy taken before apt-get install (diff above); restored it"
        else
            say "cleanup: FAIL: could not restore /etc/nsswitch.conf; the copy taken before apt-get install is $before"
            [ "$status" -ne 0 ] || status=1
            exit "$status"
        fi
        [ "$status" -ne 0 ] || status=1
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

# 1. The nsswitch.conf editing, before anything touches the real file.
sh .ci/deb-nsswitch.sh debian | sed 's/^/deb: /'

# 2. Build dependencies (build-essential is assumed by debian/control).
# python3-portreg needs bindings/python; without it, the nopython build
# profile leaves the package and its build dependencies out.
profiles=${DEB_BUILD_PROFILES:-}
if [ ! -f bindings/python/pyproject.toml ]; then
    profiles="${profiles:+$profiles }nopython"
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends build-essential dpkg-dev lintian >/dev/null
apt-get build-dep -y -qq ${profiles:+-P "${profiles// /,}"} ./ >/dev/null
say "build dependencies installed (apt-get build-dep ${profiles:+-P ${profiles// /,} }./)"

# 3. Build on a copy: dpkg-buildpackage writes the packages into the parent
# directory.  The copy holds the tracked and the untracked, not ignored,
# files of the working tree, so no build directory of the clone goes along.
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    xargs -0 cp -a --parents -t "$work/src"
# Without a network (a private network namespace) where the machine allows
# one: the build must need none.
offline=()
if unshare -n true 2>/dev/null; then
    offline=(unshare -n)
fi
t=$(date +%s)
if ! (cd "$work/src" && DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=2}" \
        DEB_BUILD_PROFILES="$profiles" "${offline[@]}" dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1; then
    tail -n 80 "$work/build.log"
    say "FAIL: dpkg-buildpackage (log above)"
    exit 1
fi
tests=$(grep -E '^[0-9]+% tests passed' "$work/build.log" || echo "tests not run (nocheck)")
if grep -qE 'Test +#[0-9]+: cli_python_binding .* Passed' "$work/build.log"; then
    tests="$tests, the Python package's pytest suite among them"
fi
debs=()
for deb in "$work"/*.deb; do
    case $deb in *-dbgsym_*) ;; *) debs+=("$deb") ;; esac
done
packages=()
for deb in "${debs[@]}"; do packages+=("$(dpkg-deb -f "$deb" Package)"); done
say "dpkg-buildpackage${offline:+ (no network: unshare -n)}: ${#debs[@]} packages (${packages[*]}) in $(($(date +%s) - t)) s; $tests"
if grep -q 'dpkg-gensymbols: warning' "$work/build.log"; then
    grep -A30 'dpkg-gensymbols: warning' "$work/build.log"
    say "FAIL: dpkg-gensymbols complained"
    exit 1
fi

# Files where Debian puts them.
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
expect() { # package path...
    local pkg=$1; shift
    local list
    list=$(dpkg-deb -c "$work/${pkg}_"*.deb | awk '{print $6}' | sed 's,^\./,/,')
    for p in "$@"; do
        grep -qx -- "$p" <<<"$list" || { echo "$pkg lacks $p; it holds:"; echo "$list"; say "FAIL: package contents"; exit 1; }
    done
}
expect libportreg1 "/usr/lib/$multiarch/libportreg.so.1"
expect libportreg-dev /usr/include/portreg.h "/usr/lib/$multiarch/libportreg.so" \
    "/usr/lib/$multiarch/libportreg.a" "/usr/lib/$multiarch/pkgconfig/portreg.pc" \
    "/usr/lib/$multiarch/cmake/portreg/portreg-config.cmake" /usr/share/man/man3/portreg.3.gz \
    /usr/share/man/man3/portreg_lookup_port.3.gz
expect portreg-tools /usr/bin/portinfo /usr/share/man/man1/portinfo.1.gz
expect libnss-portreg "/usr/lib/$multiarch/libnss_portreg.so.2"
if [[ " ${packages[*]} " == *" python3-portreg "* ]]; then
    expect python3-portreg /usr/lib/python3/dist-packages/portreg/__init__.py \
        /usr/lib/python3/dist-packages/portreg/py.typed
fi
say "package contents at Debian's paths (multiarch $multiarch)"

# 4. lintian.
lintian --info "$work"/*.changes >"$work/lintian.log" 2>&1 || true
grep -E '^[EW]: ' "$work/lintian.log" || true
errors=$(grep -c '^E: ' "$work/lintian.log" || true)
warnings=$(grep -c '^W: ' "$work/lintian.log" || true)
say "lintian: $errors errors, $warnings warnings"
[ "$errors" = 0 ] || { say "FAIL: lintian errors"; exit 1; }

# 5. Install on this machine.
# The content (through a symbolic link, if it is one), owner and mode.
cp -pL /etc/nsswitch.conf "$work/nsswitch.conf.before"
installed=("${packages[@]}")
apt-get install -y -qq "${debs[@]}" >"$work/install.log" 2>&1 || { cat "$work/install.log"; say "FAIL: apt-get install"; exit 1; }
say "installed: $(grep -E '^(services|protocols):' /etc/nsswitch.conf | tr -s ' \t' ' ' | paste -sd ';' | sed 's/;/; /')"
grep -Eq '^services:.*[[:space:]]portreg([[:space:]]|$)' /etc/nsswitch.conf &&
    grep -Eq '^protocols:.*[[:space:]]portreg([[:space:]]|$)' /etc/nsswitch.conf ||
    { say "FAIL: portreg not in nsswitch.conf"; exit 1; }

# From system paths only: run from a directory outside the tree, with no
# variable pointing anywhere.
cd "$work"
unset PKG_CONFIG_PATH LD_LIBRARY_PATH CMAKE_PREFIX_PATH PORTREG_LIBRARY
libs=$(pkg-config --libs portreg | sed 's/ *$//')
cc -std=c99 -Wall -Werror "$src/examples/consumers/consumer.c" $(pkg-config --cflags portreg) $libs -o c_pkgconfig
./c_pkgconfig >/dev/null
say "pkg-config --libs portreg: $libs; a pkg-config consumer built and ran"
cmake -S "$src/examples/consumers/cmake" -B cmake-consumer >cmake.log 2>&1 || { cat cmake.log; exit 1; }
cmake --build cmake-consumer >>cmake.log 2>&1 || { cat cmake.log; exit 1; }
./cmake-consumer/consumer_shared >/dev/null
./cmake-consumer/consumer_static >/dev/null
say "find_package(portreg) from $(grep -o '/usr/lib/[^ ]*/cmake/portreg' cmake-consumer/CMakeCache.txt | head -n 1): shared and static consumers built and ran"

answer=$(portinfo https)
grep -q 443 <<<"$answer" || { echo "$answer"; say "FAIL: portinfo https"; exit 1; }
say "portinfo https: $(head -n 3 <<<"$answer" | tail -n 1 | tr -s ' ')"

# getent with /etc/services and /etc/protocols hidden in a private mount
# namespace: the answers can only come from portreg.  acap (674/tcp) is in
# the IANA registry and not in netbase's /etc/services.
grep -qw '^acap' /etc/services && { say "FAIL: netbase now lists acap; pick another name"; exit 1; }
: >"$work/empty"
nss=$(unshare -m sh -c '
    mount --bind "$1" /etc/services && mount --bind "$1" /etc/protocols || exit 9
    if getent -s files services https >/dev/null; then echo "/etc/services not hidden"; exit 8; fi
    getent services https && getent services acap && getent services 6001/tcp && getent protocols esp
' sh "$work/empty") || { echo "$nss"; say "FAIL: getent through libnss-portreg"; exit 1; }
say "getent with /etc/services and /etc/protocols hidden: $(tr -s ' \n' ' ' <<<"$nss")"

if [[ " ${packages[*]} " == *" python3-portreg "* ]]; then
    py=$(cd / && python3 -c '
import portreg
print(portreg.__file__, end="")
if hasattr(portreg, "lookup_port"):
    print("; lookup_port(443, \"tcp\"):", portreg.lookup_port(443, "tcp")[0].name, end="")
print()')
    case $py in /usr/lib/python3/dist-packages/portreg/*) ;; *) say "FAIL: python3 imported $py"; exit 1 ;; esac
    say "python3 -c 'import portreg': $py"
else
    say "python3-portreg: not built (no bindings/python in this tree)"
fi
cd "$src"

# 6. Purge, and the configuration back as it was.
apt-get purge -y -qq "${installed[@]}" >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; say "FAIL: apt-get purge"; exit 1; }
installed=()
left=$(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' "${packages[@]}" 2>/dev/null | grep -v '^un\|^pn' || true)
[ -z "$left" ] || { echo "$left"; say "FAIL: still installed after purge"; exit 1; }
cmp /etc/nsswitch.conf "$work/nsswitch.conf.before" || { diff "$work/nsswitch.conf.before" /etc/nsswitch.conf; say "FAIL: nsswitch.conf differs after purge"; exit 1; }
say "purged ${packages[*]}; /etc/nsswitch.conf is byte for byte as before"
say "all checks passed in $(($(date +%s) - t0)) s"
