#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/) with clang, ASan and UBSan in a
# temporary directory and runs each for FUZZ_SECONDS (default 60), starting
# from the committed seed corpus.  Exits non-zero when a harness crashes,
# leaks, trips a sanitizer or times out; the input that did it is copied to
# tests/fuzz/crash-* (ignored by git).
#
#   FUZZ_SECONDS=300 .ci/fuzz.sh              # longer
#   FUZZ_HARNESSES="fuzz_parsers" .ci/fuzz.sh # some only
#   FUZZ_KEEP=1 .ci/fuzz.sh                   # keep the build and grown corpora
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)

seconds=${FUZZ_SECONDS:-60}
harnesses=${FUZZ_HARNESSES:-"fuzz_lookup_name fuzz_parsers fuzz_tuple_roundtrip fuzz_registry fuzz_protocol_keyword fuzz_nss"}

# ---- dependencies (CI starts from a fresh Debian machine) ----
missing=()
for pkg in clang libclang-rt-14-dev cmake make pkg-config libxml2-dev check python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/portreg-fuzz.XXXXXX")
if [ -z "${FUZZ_KEEP:-}" ]; then
  trap 'rm -rf "$work"' EXIT
fi

echo "fuzz.sh: building in $work"
CC=clang cmake -S . -B "$work/build" -DPORTREG_FUZZ=ON -DPORTREG_OLDER_REGISTRY_XML= \
  -DPORTREG_BUILD_EXAMPLES=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" --target fuzz -j"$(nproc)" >"$work/build.log" 2>&1 \
  || { tail -50 "$work/build.log"; exit 1; }

failed=()
summary=()
for h in $harnesses; do
  bin="$work/build/tests/fuzz/$h"
  corpus="$work/corpus/$h"
  artifacts="$work/artifacts/$h/"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  case $h in
    fuzz_registry) dict=(-dict="$root/tests/fuzz/registry.dict") ;;
    fuzz_parsers | fuzz_tuple_roundtrip) dict=(-dict="$root/tests/fuzz/tuple.dict") ;;
  esac
  echo "fuzz.sh: $h for ${seconds} s"
  # -close_fd_mask=2: the compiler's own messages would flood the log;
  # libFuzzer and the sanitizers keep their output.
  rc=0
  "$bin" "${dict[@]}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -close_fd_mask=2 -print_final_stats=1 -artifact_prefix="$artifacts" \
    "$corpus" "$root/tests/fuzz/corpus/$h" >"$work/$h.log" 2>&1 || rc=$?
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$h.log" | tail -1 || true)
  execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$done_line")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")
  corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$done_line")
  if [ "$rc" -ne 0 ]; then
    failed+=("$h")
    summary+=("$h: FAILED (exit $rc)")
    echo "fuzz.sh: $h FAILED; the end of its log:"
    grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)' "$work/$h.log" | tail -40
    for f in "$artifacts"*; do
      [ -e "$f" ] || continue
      cp "$f" "$root/tests/fuzz/$(basename "$f")"
      echo "fuzz.sh: reproduce with: $h tests/fuzz/$(basename "$f")"
    done
  else
    summary+=("$h: ${execs:-?} execs, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}")
  fi
done

elapsed=$(( $(date +%s) - start ))
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: FAILED: ${failed[*]} (${elapsed} s)"
  exit 1
fi
echo "fuzz.sh: OK: $(wc -w <<<"$harnesses") harnesses x ${seconds} s, no crash (${elapsed} s)"
