#!/usr/bin/env bash
# 1. The whole project built with AddressSanitizer + UndefinedBehaviorSanitizer
#    (every diagnostic fatal) and the whole ctest suite run on it, once in
#    each profile (full, then -DPORTREG_PROFILE=small, whose runtime reads
#    other tables).  The registry compiler runs sanitized too: at build time
#    on the real registry, and in hostile_registries on every bad one.
#    Excluded:
#     - older_edition, for time: the whole suite rebuilt against the 2024
#       edition, another full sanitized build that exercises nothing
#       differently (configured away with PORTREG_OLDER_REGISTRY_XML=);
#     - install_consumers, for time: it installs and builds consumer
#       projects; it tests packaging, not memory safety;
#     - cli_python_binding, python_pip_install and cli_man_examples: they load the sanitized
#       library into programs that are not (python3, examples compiled by
#       the test itself), where the ASan runtime cannot come first;
#     - nss_getent, nss_python_socket, nss_export_quick and nss_export_full,
#       for the same reason: getent and python3 load the sanitized NSS
#       module (check_nss, check_nss_threads and fuzz_nss cover it);
#     - check_noalloc: it defines malloc/free itself to count calls, as ASan
#       and valgrind do to check them; the two cannot both interpose.
#     - check_dispatch_static: CMake leaves it out, as ASan cannot link a
#       static program.
# 2. A plain build, every Check suite run under valgrind (memcheck, full leak
#    check; CK_FORK=no so that valgrind sees the tests themselves), and the
#    registry compiler under valgrind on the real registry and every fixture.
#    check_orient's "property" case (10^6 random flows, minutes under
#    valgrind) is left to the ASan run, which covers the same code.
#    check_dispatch_static is a fully static program: valgrind cannot
#    replace glibc's malloc in one, and reports glibc's own start-up code.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)

missing=()
for pkg in gcc g++ cmake make pkg-config libxml2-dev check python3 valgrind; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sanitizers.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/portreg-sanitizers.XXXXXX")
trap 'rm -rf "$work"' EXIT
jobs=$(nproc)

# ---- 1. ASan + UBSan, whole suite: the full profile, then the small one ----
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan_status=0
asan_summaries=()
# asan_suite NAME CMAKE-ARGS... : build sanitized in $work/NAME, run ctest.
asan_suite() {
  local name=$1 status=0 summary
  shift
  echo "sanitizers.sh: ASan+UBSan build in $work/$name"
  cmake -S . -B "$work/$name" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTREG_OLDER_REGISTRY_XML= \
    -DCMAKE_C_FLAGS="$san" -DCMAKE_CXX_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" "$@" \
    >"$work/$name-configure.log" 2>&1 || { cat "$work/$name-configure.log"; exit 1; }
  cmake --build "$work/$name" -j"$jobs" >"$work/$name-build.log" 2>&1 \
    || { tail -60 "$work/$name-build.log"; echo "sanitizers.sh: FAILED: sanitized build"; exit 1; }
  ctest --test-dir "$work/$name" -j"$jobs" --output-on-failure \
    -E '^(install_consumers|cli_python_binding|python_pip_install|cli_man_examples|check_noalloc|nss_getent|nss_python_socket|nss_export_quick|nss_export_full)$' \
    >"$work/$name-ctest.log" 2>&1 || status=$?
  summary=$(grep -E 'tests passed' "$work/$name-ctest.log" || echo "no summary")
  asan_summaries+=("$name: $summary")
  if [ "$status" -ne 0 ]; then
    # keep going: the valgrind half may say more; fail at the end
    grep -vE '^ *(Start|[0-9]+/[0-9]+ Test.*Passed)' "$work/$name-ctest.log"
    echo "sanitizers.sh: ctest under ASan+UBSan FAILED ($name): $summary"
    asan_status=1
  else
    echo "sanitizers.sh: ASan+UBSan ($name): $summary"
  fi
}
asan_suite asan
asan_suite asan-small -DPORTREG_PROFILE=small
asan_summary=$(printf '%s; ' "${asan_summaries[@]}")
asan_summary=${asan_summary%; }

# ---- 2. valgrind ----
echo "sanitizers.sh: plain build for valgrind in $work/plain"
cmake -S . -B "$work/plain" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTREG_OLDER_REGISTRY_XML= \
  >"$work/plain-configure.log" 2>&1 || { cat "$work/plain-configure.log"; exit 1; }
cmake --build "$work/plain" -j"$jobs" >"$work/plain-build.log" 2>&1 \
  || { tail -60 "$work/plain-build.log"; exit 1; }

vg=(valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --track-origins=yes)
failed=()
ran=0
# minimal: Check prints its summary line, which vg_one reads to make sure
# that checks ran.
export CK_FORK=no CK_VERBOSITY=minimal
# check_threads: 8 x 10^6 iterations take an hour under valgrind; 20000
# each still runs every operation on every thread (tsan.sh does the full run).
export PORTREG_THREAD_ITERATIONS=20000

# "binary" or "binary:case" (CK_RUN_CASE), run $jobs at a time.
runs=()
for t in "$work"/plain/tests/check_*; do
  [ -x "$t" ] || continue
  case $(basename "$t") in
    check_noalloc) ;;                                   # see above
    check_dispatch_static) ;;  # static glibc: valgrind cannot replace its malloc and
                               # reports glibc's own start-up; the test checks start-up
    check_orient) runs+=("$t:rules" "$t:captures") ;;   # not "property": see above
    *) runs+=("$t") ;;
  esac
done
vg_one() { # binary[:case] -> log; status 0 when clean and some checks ran
  local bin=${1%%:*} case= log
  [ "$1" != "$bin" ] && case=${1#*:}
  log="$work/vg-$(basename "$bin")${case:+-$case}.log"
  # CK_RUN_CASE only with a case: set but empty, Check runs no case at all.
  (cd "$work/plain/tests" && env ${case:+CK_RUN_CASE=$case} "${vg[@]}" "$bin") >"$log" 2>&1 ||
    return 1
  # A Check suite must say that checks ran; a plain program (check_nss_threads
  # loads the NSS module through glibc, not through Check) speaks by its status.
  is_check_suite "$bin" || return 0
  grep -Eq 'Checks: [1-9][0-9]*, Failures: 0, Errors: 0' "$log" ||
    { echo "valgrind run of $1 ran no checks, or some failed" >>"$log"; return 1; }
}
is_check_suite() { # binary -> status 0 when it runs Check (linked either way)
  { nm "$1"; nm -D "$1"; } 2>/dev/null | grep -q ' srunner_run'
}
pids=()
names=()
for r in "${runs[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 0.2; done
  vg_one "$r" &
  pids+=($!)
  names+=("$(basename "${r%%:*}")${r#${r%%:*}}")
done
for i in "${!pids[@]}"; do
  ran=$((ran + 1))
  if ! wait "${pids[$i]}"; then
    n=${names[$i]}
    cat "$work/vg-${n/:/-}.log"
    failed+=("$n")
  fi
done
compiler="$work/plain/lib/compiler/portreg-compile"
# The registry the build compiled, as the table's first line names it.
registry=$(sed -n '1s|^/\* Generated by portreg-compile from \(.*\)\.  Do not edit\. \*/$|\1|p' \
  "$work/plain/lib/portreg_table.c")
for x in "$registry" tests/data/bad/*.xml tests/data/good/*.xml; do
  [ -f "$x" ] || continue
  ran=$((ran + 1))
  rc=0
  # 1 is the compiler refusing a bad registry, so valgrind's errors exit 99.
  "${vg[@]}" --error-exitcode=99 "$compiler" --quiet "$x" "$work/table.c" \
    >"$work/vg-compile.log" 2>&1 || rc=$?
  if grep -qE '^==[0-9]+== ' "$work/vg-compile.log" || { [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; }; then
    cat "$work/vg-compile.log"
    failed+=("portreg-compile $(basename "$x")")
  fi
done
elapsed=$(( $(date +%s) - start ))
if [ ${#failed[@]} -gt 0 ] || [ "$asan_status" -ne 0 ]; then
  echo "sanitizers.sh: FAILED: ASan+UBSan ctest: $asan_summary;" \
       "valgrind: ${#failed[@]} of $ran runs failed${failed:+ (${failed[*]})} (${elapsed} s)"
  exit 1
fi
echo "sanitizers.sh: OK: ASan+UBSan ctest ($asan_summary); valgrind clean on $ran runs (${elapsed} s)"
