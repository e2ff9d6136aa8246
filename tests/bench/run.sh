#!/bin/sh
# run.sh — `make bench`: wrk against the real wadah server and, side by side
# in the same run, against tests/bench/ceiling.c (a bare libmicrohttpd server
# that reads the same POST and answers 201). Prints requests/s (median of
# BENCH_RUNS runs), p50/p99 latency of the median run, peak RSS of each
# server, the ratio wadah/ceiling against each scenario's target, and how many
# submissions the server reports as stored afterwards.
#
# Not a test: a ratio below target is printed as BELOW and the exit status is
# still 0. The script fails (exit 1) only when the figures would be
# meaningless or wrong: a server does not start, most responses are not 201,
# or fewer submissions are stored than were acknowledged.
#
# Needs ./wadah built, and Debian's wrk, curl, cc and pkg-config with
# libmicrohttpd. Run from anywhere: sh tests/bench/run.sh
#
# Environment:
#   BENCH_SECONDS  duration of each measured run (default 10)
#   BENCH_CONNS    wrk connections (default 64)
#   BENCH_THREADS  wrk threads (default: number of cores)
#   BENCH_RUNS     measured runs per server and scenario (default 3)
#   BENCH_WARMUP   warm-up seconds per server and scenario (default 2)
#   WADAH          the binary under test (default ./wadah at the repo root)
#   BENCH_KEEP=1   keep the temporary directory (logs, data dir) for reading
#   BENCH_PROFILE=1  after the measured runs, one more wadah run of
#                  BENCH_SECONDS under `perf record` (cpu-clock, DWARF call
#                  graphs); prints CPU per thread and the top inclusive costs
#                  (of the survey; BENCH_PROFILE=complaint for complaints)
#   BENCH_AGAINST=ceiling   harness self-check: a second ceiling stands in
#                  for wadah (no init, no stored-count check)
#
# Only 127.0.0.1 is used. Every process started here is stopped on exit, and
# the temporary directory is removed.

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_CONNS=${BENCH_CONNS:-64}
BENCH_THREADS=${BENCH_THREADS:-$(nproc 2>/dev/null || echo 2)}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_WARMUP=${BENCH_WARMUP:-2}
BENCH_KEEP=${BENCH_KEEP:-0}
BENCH_PROFILE=${BENCH_PROFILE:-0}
BENCH_AGAINST=${BENCH_AGAINST:-wadah}
WADAH=${WADAH:-$root/wadah}
START_TIMEOUT=15          # seconds to wait for "listening on"
UNIT=bench

die() {
  echo "bench: FAIL: $*" >&2
  exit 1
}

for n in BENCH_SECONDS BENCH_CONNS BENCH_THREADS BENCH_RUNS BENCH_WARMUP; do
  v=
  eval "v=\$$n"
  case $v in
    '' | *[!0-9]*) die "$n must be a whole number, got '$v'" ;;
  esac
  [ "$v" -gt 0 ] || [ "$n" = BENCH_WARMUP ] || die "$n must be > 0"
done
[ "$BENCH_THREADS" -le "$BENCH_CONNS" ] || BENCH_THREADS=$BENCH_CONNS

for tool in wrk curl cc pkg-config timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "needs '$tool' (Debian package)"
done
if [ "$BENCH_AGAINST" = wadah ] && [ ! -x "$WADAH" ]; then
  die "$WADAH not found or not executable (build it first: make wadah)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wadah-bench.XXXXXX") || die "mktemp failed"
# The data dir lives here; on tmpfs fsync costs nothing and the figures lie.
fstype=$(stat -f -c %T "$tmp" 2>/dev/null || echo unknown)
ceiling_pid=
wadah_pid=

# stop_pid PID: TERM, wait up to 10 s, then KILL. Only our own children.
# shellcheck disable=SC2317  # reached from the EXIT trap
stop_pid() {
  [ -n "$1" ] || return 0
  kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null; return 0; }
  kill -TERM "$1" 2>/dev/null
  i=0
  while kill -0 "$1" 2>/dev/null && [ "$i" -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$1" 2>/dev/null; then
    echo "bench: warning: pid $1 ignored SIGTERM for 10 s; killing" >&2
    kill -KILL "$1" 2>/dev/null
  fi
  wait "$1" 2>/dev/null
  return 0
}

# shellcheck disable=SC2317  # reached from the EXIT trap
cleanup() {
  trap - EXIT INT TERM HUP
  stop_pid "$wadah_pid"
  stop_pid "$ceiling_pid"
  if [ "$BENCH_KEEP" = 1 ]; then
    echo "bench: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# start_server NAME CMD...: start CMD in the background with stdout and stderr
# in $tmp/NAME.out and $tmp/NAME.err, wait for its "listening on" line, and
# set NAME_pid (ceiling_pid or wadah_pid, for cleanup) and started_port.
start_server() {
  name=$1
  shift
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null &
  started_pid=$!
  eval "${name}_pid=\$started_pid"   # so cleanup stops it even if we die here
  started_port=
  i=0
  while [ $i -lt $((START_TIMEOUT * 10)) ]; do
    started_port=$(sed -n 's|^listening on http://[^ ]*:\([0-9][0-9]*\)/\{0,1\}[[:space:]]*$|\1|p' \
      "$tmp/$name.out" | head -n 1)
    [ -n "$started_port" ] && return 0
    if ! kill -0 "$started_pid" 2>/dev/null; then
      wait "$started_pid"
      rc=$?
      eval "${name}_pid="
      echo "--- $name stderr:" >&2
      tail -n 20 "$tmp/$name.err" >&2
      die "$name exited with status $rc before listening"
    fi
    sleep 0.1
    i=$((i + 1))
  done
  echo "--- $name stderr:" >&2
  tail -n 20 "$tmp/$name.err" >&2
  die "$name printed no 'listening on http://HOST:PORT' within ${START_TIMEOUT}s"
}

# --- the ceiling -----------------------------------------------------------

# shellcheck disable=SC2046  # pkg-config output is meant to be split
cc -O2 -o "$tmp/ceiling" "$here/ceiling.c" \
  $(pkg-config --cflags --libs libmicrohttpd) -lpthread 2>"$tmp/cc.err" || {
  cat "$tmp/cc.err" >&2
  die "could not build tests/bench/ceiling.c"
}
start_server ceiling "$tmp/ceiling"
ceiling_port=$started_port

# --- the real server on a fresh data directory ------------------------------

data="$tmp/data"
if [ "$BENCH_AGAINST" = wadah ]; then
  # Run a private copy: a rebuild of ./wadah during the run rewrites the file
  # in place and would crash (SIGBUS) the server being measured.
  cp "$WADAH" "$tmp/wadah" || die "cannot copy $WADAH"
  pwfile="$tmp/admin.pw"
  (umask 077 && od -An -N18 -tx1 /dev/urandom | tr -d ' \n' >"$pwfile")
  "$tmp/wadah" init --data "$data" --unit "$UNIT" --unit-name "Unit Bench" \
    --admin admin --password-file "$pwfile" >"$tmp/init.log" 2>&1 || {
    tail -n 20 "$tmp/init.log" >&2   # may show the recovery key; it is throwaway
    die "wadah init failed"
  }
  "$tmp/wadah" unit service add --data "$data" --unit "$UNIT" \
    --code KTP-el --name "KTP Elektronik" >"$tmp/service.log" 2>&1 || {
    tail -n 20 "$tmp/service.log" >&2
    die "wadah unit service add failed"
  }
  start_server wadah "$tmp/wadah" serve --data "$data" --listen 127.0.0.1:0
else
  start_server wadah "$tmp/ceiling"
fi
wadah_port=$started_port

# --- wrk -------------------------------------------------------------------

# run_wrk LOGNAME PORT PATH BODYFILE SECONDS: one wrk run; the full output goes
# to $tmp/LOGNAME.wrk; prints the BENCH line from survey.lua's done().
run_wrk() {
  log="$tmp/$1.wrk"
  BENCH_BODY=$4 timeout --foreground $(($5 + 30)) wrk -t"$BENCH_THREADS" -c"$BENCH_CONNS" \
    -d"$5"s --timeout 5s --latency -s "$here/survey.lua" \
    "http://127.0.0.1:$2$3" >"$log" 2>&1
  rc=$?
  line=$(grep '^BENCH ' "$log" | tail -n 1)
  if [ $rc -ne 0 ] || [ -z "$line" ]; then
    cat "$log" >&2
    die "wrk failed (status $rc) against 127.0.0.1:$2$3"
  fi
  echo "$line"
}

# field LINE KEY: value of KEY=VALUE in a BENCH line.
field() {
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# check_run SIDE LINE: refuse a run whose answers were mostly not 201.
check_run() {
  req=$(field "$2" requests)
  ok=$(field "$2" s201)
  other=$(field "$2" other)
  errs=$(field "$2" errors)
  if [ "$req" -eq 0 ] || [ $((ok * 2)) -le "$req" ]; then
    die "$1 answered 201 to only $ok of $req requests (first other status: $(field "$2" first_other), socket errors/timeouts: $errs); a benchmark of errors is meaningless — see $1 stderr (BENCH_KEEP=1)"
  fi
  if [ "$other" -gt 0 ] || [ "$errs" -gt 0 ]; then
    echo "bench: warning: $1: $other non-201 answers (first: $(field "$2" first_other)), $errs socket errors/timeouts" >&2
  fi
  return 0
}

# alive NAME PID: die with the server's exit status and stderr if it is gone.
alive() {
  kill -0 "$2" 2>/dev/null && return 0
  wait "$2"
  rc=$?
  eval "${1}_pid="
  echo "--- $1 stderr (last lines):" >&2
  tail -n 20 "$tmp/$1.err" >&2
  if [ $rc -gt 128 ]; then
    die "$1 died during the run: killed by signal $((rc - 128))"
  fi
  die "$1 died during the run: exit status $rc"
}

# cpu_ticks PID: user + system CPU time of PID (all threads) in clock ticks;
# cpu_ticks_of /proc/PID/task/TID: the same for one thread. The command name
# in the stat file is cut first: it may hold spaces.
cpu_ticks() { cpu_ticks_of "/proc/$1"; }
cpu_ticks_of() {
  sed 's/^.*) //' "$1/stat" | awk '{ print $12 + $13 }'
}
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)

rows="$tmp/rows"
: >"$rows"

# bench_scenario NAME PATH BODYFILE TARGET
#   Warm up, then BENCH_RUNS runs against each server, alternating so that
#   drift on a shared machine hits both sides alike. Records the median run
#   of each side in $tmp/rows and the number of 201s wadah gave (all runs,
#   warm-up included) in $tmp/NAME.acked. TARGET is the least acceptable
#   wadah/ceiling throughput ratio.
bench_scenario() {
  name=$1 path=$2 body=$3 target=$4
  [ -r "$body" ] || die "scenario $name: cannot read $body"
  acked=0
  echo "bench: $name: POST $path, ${BENCH_RUNS}x${BENCH_SECONDS}s per server, -t$BENCH_THREADS -c$BENCH_CONNS"
  if [ "$BENCH_WARMUP" -gt 0 ]; then
    l=$(run_wrk "$name.ceiling.warmup" "$ceiling_port" "$path" "$body" "$BENCH_WARMUP") || exit 1
    alive ceiling "$ceiling_pid"
    check_run ceiling "$l"
    l=$(run_wrk "$name.wadah.warmup" "$wadah_port" "$path" "$body" "$BENCH_WARMUP") || exit 1
    alive wadah "$wadah_pid"
    check_run wadah "$l"
    acked=$((acked + $(field "$l" s201)))
  fi
  : >"$tmp/$name.ceiling.runs"
  : >"$tmp/$name.wadah.runs"
  r=1
  while [ $r -le "$BENCH_RUNS" ]; do
    for side in ceiling wadah; do
      if [ "$side" = ceiling ]; then port=$ceiling_port; else port=$wadah_port; fi
      if [ "$side" = ceiling ]; then pid=$ceiling_pid; else pid=$wadah_pid; fi
      alive "$side" "$pid"
      t0=$(cpu_ticks "$pid")
      l=$(run_wrk "$name.$side.$r" "$port" "$path" "$body" "$BENCH_SECONDS") || exit 1
      alive "$side" "$pid"
      t1=$(cpu_ticks "$pid")
      check_run "$side" "$l"
      echo "$l cpu_ticks=$((t1 - t0))" >>"$tmp/$name.$side.runs"
      [ "$side" = wadah ] && acked=$((acked + $(field "$l" s201)))
      printf 'bench: %s run %d/%d %-7s %10s req/s\n' "$name" "$r" "$BENCH_RUNS" \
        "$side" "$(field "$l" rps)"
    done
    r=$((r + 1))
  done
  echo "$acked" >"$tmp/$name.acked"
  for side in ceiling wadah; do
    # median by requests/s; with an even count, the lower middle run
    med=$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rps") print kv[2] "\t" $0 } }' \
      "$tmp/$name.$side.runs" | sort -n | awk -v n="$BENCH_RUNS" 'NR == int((n + 1) / 2)' | cut -f 2)
    echo "$name $side $med" >>"$rows"
  done
  echo "$name target $target" >>"$rows"
}

# --- scenarios: one line each ------------------------------------------------

bench_scenario survey "/api/v1/u/$UNIT/survey" "$here/survey.json" 0.30
bench_scenario complaint "/api/v1/u/$UNIT/complaints" "$here/complaint.json" 0.15

# --- optional: where wadah's CPU time goes -----------------------------------

# profile_wadah PATH BODYFILE: one wrk run against wadah under perf record;
# prints CPU per thread and perf's inclusive top list. Not part of the
# figures above (perf slows the server). perf.data stays in $tmp (BENCH_KEEP=1).
profile_wadah() {
  command -v perf >/dev/null 2>&1 || { echo "bench: no perf; profile skipped" >&2; return 0; }
  echo "bench: profiling wadah for ${BENCH_SECONDS}s (perf record)"
  for t in /proc/"$wadah_pid"/task/*; do
    echo "${t##*/} $(cat "$t/comm") $(cpu_ticks_of "$t")"
  done | sort >"$tmp/threads.0"
  run_wrk profile "$wadah_port" "$1" "$2" "$BENCH_SECONDS" >"$tmp/profile.line" &
  wrk_pid=$!
  sleep 1
  perf record -q -e cpu-clock -F 499 --call-graph dwarf,16384 -p "$wadah_pid" \
    -o "$tmp/perf.data" -- sleep $((BENCH_SECONDS > 3 ? BENCH_SECONDS - 2 : 1)) \
    >"$tmp/perf.log" 2>&1 || { cat "$tmp/perf.log" >&2; echo "bench: perf record failed; profile skipped" >&2; }
  wait "$wrk_pid" || exit 1
  for t in /proc/"$wadah_pid"/task/*; do
    echo "${t##*/} $(cat "$t/comm") $(cpu_ticks_of "$t")"
  done | sort >"$tmp/threads.1"
  echo
  echo "profile run: $(cat "$tmp/profile.line")"
  echo "CPU per wadah thread during the profile run (cores):"
  join "$tmp/threads.0" "$tmp/threads.1" |
    awk -v hz="$clk_tck" -v s="$BENCH_SECONDS" '{ printf "  %-8s %-12s %.2f\n", $1, $2, ($5 - $3) / hz / s }'
  [ -s "$tmp/perf.data" ] || return 0
  echo "top inclusive costs (perf report --children, >= 2%):"
  perf report -i "$tmp/perf.data" --children --sort sym -g none --percent-limit 2 \
    --stdio 2>/dev/null | grep "%" | grep -v "0x0000" | head -n 40
}

if [ "$BENCH_PROFILE" = complaint ] && [ "$BENCH_AGAINST" = wadah ]; then
  profile_wadah "/api/v1/u/$UNIT/complaints" "$here/complaint.json" >"$tmp/profile.txt"
  alive wadah "$wadah_pid"
fi
if [ "$BENCH_PROFILE" = 1 ] && [ "$BENCH_AGAINST" = wadah ]; then
  profile_wadah "/api/v1/u/$UNIT/survey" "$here/survey.json" >"$tmp/profile.txt"
  alive wadah "$wadah_pid"
  acked=$(( $(cat "$tmp/survey.acked") + $(field "$(grep '^BENCH' "$tmp/profile.line")" s201) ))
  echo "$acked" >"$tmp/survey.acked"
fi

# --- after the runs: stored count, peak RSS ----------------------------------

stored_line=
if [ "$BENCH_AGAINST" = wadah ]; then
  # Rows are dated in the unit's time zone; near New Year that may not be the
  # UTC year, so ask for every year some zone (UTC-12..UTC+14) is in now.
  now=$(date +%s)
  years=$(for off in -12 0 14; do
    date -u -d "@$((now + off * 3600))" +%Y
  done | sort -u)
  stored=0
  ikm_t0=$(date +%s.%N)
  for year in $years; do
    # Generous timeout: the report reads every stored answer.
    ikm=$(curl -sS --noproxy '*' --max-time 120 \
      "http://127.0.0.1:$wadah_port/api/v1/u/$UNIT/ikm?period=$year" 2>&1)
    n=$(echo "$ikm" | sed -n 's/.*"respondents"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p')
    [ -n "$n" ] || die "GET /api/v1/u/$UNIT/ikm?period=$year gave no respondents: $ikm"
    stored=$((stored + n))
  done
  ikm_s=$(echo "$ikm_t0 $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')
  acked=$(cat "$tmp/survey.acked")
  if [ "$stored" -lt "$acked" ]; then
    die "only $stored survey rows stored but $acked submissions were acknowledged with 201"
  fi
  stored_line="stored: $stored survey respondents, period $(echo "$years" | paste -sd+ -) (201s acknowledged: $acked): OK
ikm report over them: ${ikm_s} s"
fi

hwm() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null; }
alive ceiling "$ceiling_pid"
alive wadah "$wadah_pid"
ceiling_rss=$(hwm "$ceiling_pid")
wadah_rss=$(hwm "$wadah_pid")

# --- the table ---------------------------------------------------------------

echo
echo "wadah bench: $(nproc) cores, wrk -t$BENCH_THREADS -c$BENCH_CONNS -d${BENCH_SECONDS}s, median of $BENCH_RUNS runs"
echo "data dir: ${TMPDIR:-/tmp}, filesystem $fstype"
[ "$fstype" != tmpfs ] ||
  echo "WARNING: the data dir is on tmpfs: fsync is free, durability is not measured (set TMPDIR to a disk)"
[ "$BENCH_AGAINST" = wadah ] ||
  echo "SELF-CHECK ONLY: a second ceiling stands in for wadah; these are not wadah's figures"
awk -v crss="$ceiling_rss" -v wrss="$wadah_rss" -v hz="$clk_tck" '
  function kv(name,   i, p) {
    for (i = 3; i <= NF; i++) { split($i, p, "="); if (p[1] == name) return p[2] }
    return ""
  }
  BEGIN {
    printf "%-10s %-8s %10s %10s %10s %11s %12s %8s %7s\n", "scenario", "server",
           "req/s", "p50", "p99", "peak RSS", "CPU/req", "non-201", "errors"
  }
  $2 == "ceiling" || $2 == "wadah" {
    rss = ($2 == "ceiling") ? crss : wrss
    rps[$1, $2] = kv("rps")
    printf "%-10s %-8s %10.0f %7.2f ms %7.2f ms %7.1f MiB %9.1f us %8d %7d\n", $1, $2,
           kv("rps"), kv("p50_us") / 1000, kv("p99_us") / 1000, rss / 1024,
           kv("cpu_ticks") / hz * 1e6 / kv("requests"), kv("other"), kv("errors")
  }
  $2 == "target" {
    ratio = rps[$1, "wadah"] / rps[$1, "ceiling"]
    printf "%-10s ratio wadah/ceiling: %.2f\n", $1, ratio
    printf "%-10s target: durable %s submission >= %.2f x ceiling: %s\n", $1, $1,
           $3, (ratio >= $3) ? "PASS" : "BELOW"
  }
' "$rows"
[ -n "$stored_line" ] && echo "$stored_line"
echo "(peak RSS: VmHWM over the whole run; CPU/req: server user+system CPU time"
echo " in the median run divided by its requests; p50/p99 from the median run)"
[ -s "$tmp/profile.txt" ] && cat "$tmp/profile.txt"
exit 0
