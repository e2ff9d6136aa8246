#!/bin/sh
# Runs each libFuzzer harness named on the command line (default: all of
# build-fuzz/fuzz_*) for FUZZ_SECONDS (default 60), one after the other,
# from its seed corpus tests/fuzz/corpus/NAME (read only) and the inputs
# earlier runs found (build-fuzz/corpus/NAME, outside git).  Prints per
# harness the executions, their rate, the corpus size and the outcome, and
# a last line "fuzz: N harnesses, E executions, C crashed".  A crash, leak,
# timeout or failed check leaves its reproducer in build-fuzz/crashes/ and
# fails the run (exit 1).  Extra libFuzzer flags: FUZZ_FLAGS.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_SECONDS:-60}
names=$*
if [ -z "$names" ]; then
  for b in build-fuzz/fuzz_*; do
    [ -x "$b" ] && names="$names ${b#build-fuzz/fuzz_}"
  done
fi
if [ -z "$names" ]; then
  echo "fuzz: no harness built (make fuzz builds them)"
  exit 1
fi
mkdir -p build-fuzz/crashes build-fuzz/logs
total=0
crashed=0
n=0
printf '%-10s %12s %9s %7s  %s\n' harness executions 'exec/s' corpus result
for name in $names; do
  bin=build-fuzz/fuzz_$name
  seeds=tests/fuzz/corpus/$name
  work=build-fuzz/corpus/$name
  logf=build-fuzz/logs/$name.log
  n=$((n + 1))
  if [ ! -x "$bin" ]; then
    printf '%-10s %12s %9s %7s  %s\n' "$name" - - - "not built"
    crashed=$((crashed + 1))
    continue
  fi
  mkdir -p "$work"
  dict=
  [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
  # -timeout: one input slower than 10 s is a finding (a hang); inputs up
  # to 64 KiB; leaks are checked (ASan's LeakSanitizer) on every input.
  # shellcheck disable=SC2086
  "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -detect_leaks=1 \
    -artifact_prefix="build-fuzz/crashes/$name-" $dict ${FUZZ_FLAGS:-} \
    "$work" $( [ -d "$seeds" ] && echo "$seeds" ) > "$logf" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logf" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logf" | tail -n 1)
  corpus=$(find "$work" -type f | wc -l)
  execs=${execs:-0}
  total=$((total + execs))
  if [ "$rc" -eq 0 ]; then
    result="ok, no crash"
  else
    crashed=$((crashed + 1))
    art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logf" | tail -n 1)
    result="FAILED (exit $rc) ${art:-see $logf}"
  fi
  printf '%-10s %12s %9s %7s  %s\n' "$name" "$execs" "${rate:-0}" "$corpus" \
    "$result"
  if [ "$rc" -ne 0 ]; then
    grep -E 'ERROR|check failed|SUMMARY|^    #[0-9] ' "$logf" | head -n 25
  fi
done
echo "fuzz: $n harnesses, $total executions in ${secs} s each, $crashed crashed"
[ "$crashed" -eq 0 ]
