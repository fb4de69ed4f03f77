#!/usr/bin/env bash
# check_threads (8 threads x 10^6 lookups and 10^6 tuple operations, each
# answer compared with one thread's) and check_nss_threads (8 threads
# enumerating libnss_portreg.so.2 at once, and looking up) built with
# ThreadSanitizer, library and module included, and run with every report
# fatal.  gcc, because its TSan runtime
# links into the shared library (the library links with --no-undefined).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

missing=()
for pkg in gcc cmake make pkg-config libxml2-dev check python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tsan.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/portreg-tsan.XXXXXX")
trap 'rm -rf "$work"' EXIT
tsan="-fsanitize=thread -fno-omit-frame-pointer -g"
CC=gcc cmake -S . -B "$work" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTREG_OLDER_REGISTRY_XML= \
  -DPORTREG_BUILD_EXAMPLES=OFF -DCMAKE_C_FLAGS="$tsan" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cmake --build "$work" --target check_threads check_nss_threads -j"$(nproc)" >"$work/build.log" 2>&1 \
  || { tail -60 "$work/build.log"; exit 1; }

# No fork (TSan and fork do not mix well; one process shows every report),
# every report fatal with a distinct status.
export CK_FORK=no
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 report_signal_unsafe=1"
rc=0
"$work/tests/check_threads" >"$work/run.log" 2>&1 || rc=$?
if [ -x "$work/tests/check_nss_threads" ]; then
  "$work/tests/check_nss_threads" >>"$work/run.log" 2>&1 || rc=$?
else
  echo "check_nss_threads: not built (no NSS module here)" >>"$work/run.log"
fi
elapsed=$(( $(date +%s) - start ))
if [ "$rc" -ne 0 ] || grep -q 'WARNING: ThreadSanitizer' "$work/run.log"; then
  cat "$work/run.log"
  echo "tsan.sh: FAILED (exit $rc, $(grep -c 'WARNING: ThreadSanitizer' "$work/run.log" || true) reports, ${elapsed} s)"
  exit 1
fi
echo "tsan.sh: OK: $(grep -m1 '^check_threads:' "$work/run.log" | sed 's/^check_threads: //'); no ThreadSanitizer report (${elapsed} s)"
grep -m1 '^check_nss_threads:' "$work/run.log" | sed 's/^/tsan.sh: /'
