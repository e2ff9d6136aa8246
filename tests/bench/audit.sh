#!/bin/sh
# audit.sh — how long it takes to detect each way of tampering with the
# audit log (issue 10, finding 3), on a log of BENCH_AUDIT_ENTRIES entries
# (tests/bench/audit.c appends them through audit_append, as the server
# does).  A data directory is made with `wadah init` (its audit key beside
# it), filled, signed with `wadah audit anchor --out anchor.json` (kept
# "elsewhere"), and copied once per case; each copy is then tampered with
# as a holder of the data directory without the key can, and
#   wadah audit verify --data COPY [--anchor anchor.json]
# is timed (median of BENCH_AUDIT_RUNS runs) with its exit status and first
# finding.  The last row times `wadah audit anchor` on a cut log: the same
# check the server makes before each signature (at start, every
# audit_checkpoint_entries entries or audit_checkpoint_seconds, and at
# shutdown), which refuses and logs it.  A measurement, not a test: it
# fails only when a step cannot run or a case is not detected.
#
#   BENCH_AUDIT_ENTRIES (100000)  BENCH_AUDIT_RUNS (3)
#   WADAH (./wadah)  BENCH_AUDIT_TOOL (build/bench_audit)  BENCH_KEEP=1
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WADAH=${WADAH:-$root/wadah}
TOOL=${BENCH_AUDIT_TOOL:-$root/build/bench_audit}
N=${BENCH_AUDIT_ENTRIES:-100000}
RUNS=${BENCH_AUDIT_RUNS:-3}
die() { echo "bench audit: FAIL: $*" >&2; exit 1; }
[ -x "$WADAH" ] || die "$WADAH not built"
[ -x "$TOOL" ] || die "$TOOL not built (make build/bench_audit)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wadah-bench-audit.XXXXXX") || die mktemp
trap '[ "${BENCH_KEEP:-0}" = 1 ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
head -c 18 /dev/urandom | base64 > "$tmp/pw"
"$WADAH" init --data "$tmp/d" --unit bench --unit-name "Dinas Bangku Uji" \
  --admin admin --password-file "$tmp/pw" >/dev/null 2>&1 || die init
now_ms() { date +%s%3N; }
t0=$(now_ms)
"$TOOL" fill "$tmp/d" "$N" 2>/dev/null || die fill
t1=$(now_ms)
"$WADAH" audit anchor --data "$tmp/d" --out "$tmp/anchor.json" \
  >/dev/null 2>&1 || die anchor
t2=$(now_ms)
total=$((N + 2))
mid=$((total / 2))
echo "audit log: $total entries (appended and signed every 100 in $((t1 - t0)) ms;"\
     "wadah audit anchor $((t2 - t1)) ms)"
head -c 18 /dev/urandom | base64 > "$tmp/pw2"
"$WADAH" init --data "$tmp/attacker" --unit xx --unit-name X --admin admin \
  --password-file "$tmp/pw2" >/dev/null 2>&1 || die "attacker key"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# case NAME EXPECT TAMPER... ; verify args in $VARGS
run_case() {
  name=$1; expect=$2; shift 2
  rm -rf "$tmp/c" "$tmp/c.audit-key"
  cp -r "$tmp/d" "$tmp/c" && cp "$tmp/d.audit-key" "$tmp/c.audit-key" \
    || die copy
  "$@" || die "tamper: $name"
  : > "$tmp/times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    a=$(now_ms)
    # shellcheck disable=SC2086
    "$WADAH" audit verify --data "$tmp/c" $VARGS > "$tmp/out" 2>/dev/null
    rc=$?
    b=$(now_ms)
    echo $((b - a)) >> "$tmp/times"
    i=$((i + 1))
  done
  [ "$rc" = "$expect" ] || die "$name: exit $rc, expected $expect: $(head -3 "$tmp/out")"
  first=$(sed -n '2s/^  //p' "$tmp/out")
  [ -n "$first" ] || first=$(head -1 "$tmp/out" | cut -c1-60)
  printf '%-44s %6s ms  exit %s  %s\n' "$name" "$(median < "$tmp/times")" \
    "$rc" "$first"
}
ok() { :; }
sql() { "$TOOL" sql "$tmp/c" "$1" >/dev/null; }
printf '%-44s %9s  %-6s  %s\n' "case (verify)" "time" "" "first finding"
VARGS=""
run_case "untouched" 0 ok
run_case "one entry edited, not rehashed" 1 \
  sql "UPDATE audit_log SET detail = 'tidak ada' WHERE id = $mid;"
run_case "last 10 entries deleted" 1 \
  sql "DELETE FROM audit_log WHERE id > $((total - 10));"
run_case "one entry deleted, all hashes recomputed" 1 \
  "$TOOL" rechain "$tmp/c" "$mid"
cut_all() {
  "$TOOL" rechain "$tmp/c" "$mid" &&
    sql "DELETE FROM audit_log WHERE id > $((total - 10));
         DELETE FROM audit_checkpoints;"
}
run_case "  ... and checkpoints deleted, no anchor" 0 cut_all
VARGS="--anchor $tmp/anchor.json"
run_case "  ... and checkpoints deleted, with anchor" 1 cut_all
VARGS=""
run_case "rehashed and re-signed with another key" 1 \
  sh -c "'$TOOL' rechain '$tmp/c' $mid && '$TOOL' resign '$tmp/c' '$tmp/attacker.audit-key'"
# The server's own check before it signs, on a cut log.
rm -rf "$tmp/c" "$tmp/c.audit-key"
cp -r "$tmp/d" "$tmp/c" && cp "$tmp/d.audit-key" "$tmp/c.audit-key"
sql "DELETE FROM audit_log WHERE id > $((total - 10));"
a=$(now_ms)
"$WADAH" audit anchor --data "$tmp/c" --out "$tmp/x.json" >/dev/null 2>"$tmp/err"
rc=$?
b=$(now_ms)
[ "$rc" = 1 ] || die "anchor signed a cut log"
printf '%-44s %6s ms  exit %s  %s\n' "server check before signing (cut log)" \
  "$((b - a))" "$rc" "refuses to sign"
