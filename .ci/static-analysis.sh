#!/usr/bin/env bash
# cppcheck and clang-tidy on lib/ (the runtime, the registry compiler and
# the NSS module),
# with the committed configuration: .clang-tidy at the top and
# .ci/cppcheck-suppressions.txt.  Any finding fails the script.  The
# runtime's files that read the small profile's tables
# (PORTREG_PROFILE_SMALL) are analysed a second time in that profile.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

missing=()
for pkg in cppcheck clang-tidy clang cmake make pkg-config libxml2-dev check python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "static-analysis.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

sources=(lib/*.c lib/registry/*.c lib/flow/*.c lib/compiler/*.c lib/nss/*.c)
small_sources=(lib/registry/*.c)
status=0

# ---- cppcheck ----
echo "static-analysis.sh: cppcheck $(cppcheck --version | sed 's/Cppcheck //') on ${#sources[@]} files"
if ! cppcheck --std=c99 --enable=warning,style,performance,portability --inline-suppr \
     --error-exitcode=1 --quiet -I include -I lib -I lib/compiler -D_POSIX_C_SOURCE=200809L \
     --suppressions-list=.ci/cppcheck-suppressions.txt "${sources[@]}"; then
  echo "static-analysis.sh: cppcheck has findings (above)"
  status=1
fi
echo "static-analysis.sh: cppcheck on ${#small_sources[@]} files of the small profile"
if ! cppcheck --std=c99 --enable=warning,style,performance,portability --inline-suppr \
     --error-exitcode=1 --quiet -I include -I lib -I lib/compiler -D_POSIX_C_SOURCE=200809L \
     -DPORTREG_PROFILE_SMALL --suppressions-list=.ci/cppcheck-suppressions.txt \
     "${small_sources[@]}"; then
  echo "static-analysis.sh: cppcheck has findings in the small profile (above)"
  status=1
fi

# ---- clang-tidy ----
# It needs the compile commands: configure (no build is needed; the
# generated table is data and not analysed).
work=$(mktemp -d "${TMPDIR:-/tmp}/portreg-tidy.XXXXXX")
trap 'rm -rf "$work"' EXIT
CC=clang cmake -S . -B "$work" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DPORTREG_OLDER_REGISTRY_XML= \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
CC=clang cmake -S . -B "$work/small" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DPORTREG_OLDER_REGISTRY_XML= -DPORTREG_PROFILE=small \
  >"$work/configure-small.log" 2>&1 || { cat "$work/configure-small.log"; exit 1; }
echo "static-analysis.sh: $(clang-tidy --version | grep -m1 -o 'LLVM version [0-9.]*' | sed 's/LLVM/clang-tidy/') on ${#sources[@]} files"
tidy_failed=0
# One file per run: clang-tidy 14 carries analyzer state from one
# translation unit to the next (a false "uninitialized va_list" in a file
# analysed after another), which is also how run-clang-tidy runs it.
for f in "${sources[@]}"; do
  if ! clang-tidy --quiet -p "$work" "$f" >"$work/tidy.out" 2>&1; then
    grep -vE '^[0-9]+ warnings? (generated|treated as errors)' "$work/tidy.out" || true
    tidy_failed=1
  fi
done
echo "static-analysis.sh: clang-tidy on ${#small_sources[@]} files of the small profile"
for f in "${small_sources[@]}"; do
  if ! clang-tidy --quiet -p "$work/small" "$f" >"$work/tidy.out" 2>&1; then
    grep -vE '^[0-9]+ warnings? (generated|treated as errors)' "$work/tidy.out" || true
    tidy_failed=1
  fi
done
if [ "$tidy_failed" -ne 0 ]; then
  echo "static-analysis.sh: clang-tidy has findings (above)"
  status=1
fi

elapsed=$(( $(date +%s) - start ))
if [ "$status" -ne 0 ]; then
  echo "static-analysis.sh: FAILED (${elapsed} s)"
  exit 1
fi
echo "static-analysis.sh: OK: cppcheck and clang-tidy, no findings in ${#sources[@]} files, and ${#small_sources[@]} in the small profile (${elapsed} s)"
