#!/bin/sh
# reports.sh — the report part of `make bench` (issue "Reports I"): over a
# generated data set of 100,000 complaints with their events and 1,000,000
# survey responses (tests/bench/gen_reports.c, rows in time order as a live
# unit stores them), the time of D1 pengaduan-monev as JSON and as PDF,
# each the median of BENCH_REPORT_RUNS runs, printed beside a bare SQLite
# aggregate over the same rows measured in the same run, as a ratio.
# Targets: JSON < 1 s, PDF < 2 s.  A measurement, not a test: a time over
# target prints OVER and the exit status stays 0; it fails only when a
# step cannot run.
#
#   BENCH_COMPLAINTS (100000)  BENCH_RESPONSES (1000000)  BENCH_REPORT_RUNS (3)
#   WADAH (./wadah)  BENCH_KEEP=1 keeps the data directory
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WADAH=${WADAH:-$root/wadah}
NC=${BENCH_COMPLAINTS:-100000}
NR=${BENCH_RESPONSES:-1000000}
RUNS=${BENCH_REPORT_RUNS:-3}
die() { echo "bench reports: FAIL: $*" >&2; exit 1; }
[ -x "$WADAH" ] || die "$WADAH not built"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wadah-bench-reports.XXXXXX") || die mktemp
trap '[ "${BENCH_KEEP:-0}" = 1 ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/gen" "$here/gen_reports.c" -lsqlite3 || die "cannot build gen_reports"
head -c 18 /dev/urandom | base64 > "$tmp/pw"
"$WADAH" init --data "$tmp/d" --unit bench --unit-name "Dinas Bangku Uji" \
  --admin admin --password-file "$tmp/pw" >/dev/null 2>&1 || die "init"
while IFS='|' read -r c n; do
  "$WADAH" unit service add --data "$tmp/d" --unit bench --code "$c" --name "$n" || die service
done < "$root/forms/demo-services.txt"
while IFS='|' read -r c n; do
  "$WADAH" unit section add --data "$tmp/d" --unit bench --code "$c" --name "$n" || die section
done < "$root/forms/demo-sections.txt"
# One report first: it registers the form versions the responses refer to.
"$WADAH" report pengaduan-monev --data "$tmp/d" --unit bench --period 2026-S1 \
  --format json --out "$tmp/empty.json" 2>/dev/null || die "first report"
echo "generating $NC complaints and $NR survey responses ..."
"$tmp/gen" "$tmp/d/wadah.db" "$NC" "$NR" || die "gen_reports"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$("$tmp/gen" "$tmp/d/wadah.db" --baseline | awk '{print $2}')
time_of() {   # FORMAT -> seconds (median of RUNS), and peak RSS of the last
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$WADAH" report pengaduan-monev \
      --data "$tmp/d" --unit bench --period 2026-S1 --date 2026-07-10 \
      --format "$1" --out "$tmp/out.$1" 2>/dev/null || die "report $1"
    cut -d' ' -f1 "$tmp/t" >> "$tmp/times.$1"
    i=$((i + 1))
  done
  median < "$tmp/times.$1"
}
command -v /usr/bin/time >/dev/null 2>&1 || die "needs /usr/bin/time (Debian package time)"
json=$(time_of json); json_rss=$(cut -d' ' -f2 "$tmp/t")
pdf=$(time_of pdf); pdf_rss=$(cut -d' ' -f2 "$tmp/t")
awk -v b="$base" -v j="$json" -v p="$pdf" -v jr="$json_rss" -v pr="$pdf_rss" \
    -v nc="$NC" -v nr="$NR" 'BEGIN {
  printf "reports (%d complaints, %d responses; median of runs)\n", nc, nr
  printf "  bare SQLite aggregate   %7.3f s\n", b / 1000
  printf "  D1 JSON                 %7.3f s  ratio %5.1f x baseline  peak %d MB  %s (target < 1 s)\n", j, j * 1000 / b, jr / 1024, j < 1 ? "PASS" : "OVER"
  printf "  D1 PDF                  %7.3f s  ratio %5.1f x baseline  peak %d MB  %s (target < 2 s)\n", p, p * 1000 / b, pr / 1024, p < 2 ? "PASS" : "OVER"
}'
