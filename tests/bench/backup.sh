#!/bin/sh
# backup.sh — backup and restore under load (issue 10, finding 6).
#
# The data set: the report bench's database (tests/bench/gen_reports.c:
# BACKUP_COMPLAINTS complaints with their events and BACKUP_RESPONSES
# survey responses, written directly), then evidence files submitted
# through the running server: BACKUP_COMPLAINT_FILES complaint pages and
# BACKUP_WBS_FILES WBS pages, each with one BACKUP_FILE_KB KB PDF.
#
# Then, while wrk keeps posting surveys and a loop keeps posting complaints
# with evidence, `wadah backup` runs and is timed.  The server is stopped,
# the archive restored into a new directory (restore checks every SHA-256,
# the audit chain and that every referenced file is there) and served, and
# this script checks again from the outside:
#   - every survey acknowledged before the backup began is in the restore
#     (a first wrk run ends before the backup starts: the restored count is
#     at least the generated ones plus its acknowledgements);
#   - every evidence file submitted before the backup is referenced, and
#     the restored attachments/ holds exactly the referenced files;
#   - `wadah audit verify` passes on the restore, and the restored server's
#     public IKM counts every stored response.
# Prints the figures; exits 1 when a check fails or a step cannot run.
#
#   BACKUP_COMPLAINTS (100000)  BACKUP_RESPONSES (1000000)
#   BACKUP_COMPLAINT_FILES (1000)  BACKUP_WBS_FILES (250)  BACKUP_FILE_KB (256)
#   BACKUP_WARMUP (3, seconds of surveys before the backup)
#   WADAH (./wadah)  BENCH_KEEP=1 keeps the temporary directory
#
# Needs wrk, curl, cc, sqlite3, python3 and /usr/bin/time (Debian packages).  Only
# 127.0.0.1 is used; every process started here is stopped by its id.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WADAH=${WADAH:-$root/wadah}
NC=${BACKUP_COMPLAINTS:-100000}
NR=${BACKUP_RESPONSES:-1000000}
NCF=${BACKUP_COMPLAINT_FILES:-1000}
NWF=${BACKUP_WBS_FILES:-250}
KB=${BACKUP_FILE_KB:-256}
WARMUP=${BACKUP_WARMUP:-3}
UNIT=bench

die() { echo "bench backup: FAIL: $*" >&2; exit 1; }
for tool in wrk curl cc sqlite3 python3; do
  command -v "$tool" >/dev/null 2>&1 || die "needs '$tool' (Debian package)"
done
[ -x /usr/bin/time ] || die "needs /usr/bin/time (Debian package time)"
[ -x "$WADAH" ] || die "$WADAH not built (make wadah)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wadah-bench-backup.XXXXXX") || die mktemp
server_pid=
load_pid=
wrk_pid=
stop_pid() {
  [ -n "$1" ] || return 0
  kill -TERM "$1" 2>/dev/null
  i=0
  while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$1" 2>/dev/null && kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  return 0
}
cleanup() {
  trap - EXIT INT TERM HUP
  stop_pid "$wrk_pid"
  stop_pid "$load_pid"
  stop_pid "$server_pid"
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A private copy: a rebuild of ./wadah during the run would crash it.
cp "$WADAH" "$tmp/wadah" || die "cannot copy $WADAH"
W="$tmp/wadah"
data="$tmp/data"

# serve DIR: start the server, set server_pid and port.
serve() {
  "$W" serve --data "$1" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" </dev/null &
  server_pid=$!
  port=
  i=0
  while [ -z "$port" ] && [ $i -lt 300 ]; do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/serve.out")
    [ -n "$port" ] || sleep 0.1
    i=$((i + 1))
  done
  [ -n "$port" ] || { tail -n 20 "$tmp/serve.err" >&2; die "the server did not start"; }
}

rows() { sqlite3 -readonly "$1/wadah.db" "SELECT COUNT(*) FROM $2;"; }

# ---- the data set ----
cc -O2 -o "$tmp/gen" "$here/gen_reports.c" -lsqlite3 || die "cannot build gen_reports"
(umask 077 && head -c 18 /dev/urandom | base64 > "$tmp/pw")
"$W" init --data "$data" --unit $UNIT --unit-name "Dinas Bangku Uji" \
  --admin admin --password-file "$tmp/pw" >/dev/null 2>&1 || die "init"
while IFS='|' read -r c n; do
  "$W" unit service add --data "$data" --unit $UNIT --code "$c" --name "$n" || die service
done < "$root/forms/demo-services.txt"
while IFS='|' read -r c n; do
  "$W" unit section add --data "$data" --unit $UNIT --code "$c" --name "$n" || die section
done < "$root/forms/demo-sections.txt"
"$W" report pengaduan-monev --data "$data" --unit $UNIT --period 2026-S1 \
  --format json --out "$tmp/empty.json" 2>/dev/null || die "first report"
echo "generating $NC complaints and $NR survey responses ..."
"$tmp/gen" "$data/wadah.db" "$NC" "$NR" >/dev/null || die "gen_reports"

serve "$data"
base="http://127.0.0.1:$port"
{ printf '%%PDF-1.4\n'; head -c $((KB * 1024 - 20)) /dev/urandom; printf '\n%%%%EOF\n'; } > "$tmp/bukti.pdf"

# post_files KIND N: N pages with one file each, 4 at a time; prints the
# number of 201 answers.
post_files() {
  if [ "$1" = wbs ]; then
    set -- "$1" "$2" -F category=KORUPSI -F reported_position=Bendahara \
      -F "what=Bendahara menerima hadiah dari rekanan setiap akhir bulan."
  else
    set -- "$1" "$2" -F category=PETUGAS -F privacy=anonim \
      -F "description=Petugas loket meminta uang tambahan agar berkas cepat selesai."
  fi
  kind=$1; n=$2; shift 2
  seq "$n" | xargs -P 4 -I{} curl -s --noproxy '*' -o /dev/null -w '%{http_code}\n' \
    "$@" -F "lampiran=@$tmp/bukti.pdf;type=application/pdf" "$base/u/$UNIT/$kind" \
    | grep -c '^201$'
}
echo "submitting $NCF complaints and $NWF WBS reports with a $KB KB file each ..."
ok_c=$(post_files pengaduan "$NCF")
ok_w=$(post_files wbs "$NWF")
if [ "$ok_c" -ne "$NCF" ] || [ "$ok_w" -ne "$NWF" ]; then
  die "only $ok_c + $ok_w files accepted"
fi
files_before=$((ok_c + ok_w))

# ---- surveys before the backup: a wrk run that ends before it starts ----
wrk_run() {   # SECONDS LOG
  BENCH_BODY="$here/survey.json" wrk -t2 -c16 -d"$1"s --timeout 5s \
    -s "$here/survey.lua" "$base/api/v1/u/$UNIT/survey" > "$2" 2>&1
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
wrk_run "$WARMUP" "$tmp/warm.wrk" || die "wrk"
warm=$(field "$(grep '^BENCH ' "$tmp/warm.wrk")" s201)
[ -n "$warm" ] || die "wrk printed no result"

# ---- the backup, under load ----
# wrk itself in the background (not a function: its subshell would get the
# SIGINT that makes wrk stop and print its counts).
BENCH_BODY="$here/survey.json" wrk -t2 -c16 -d300s --timeout 5s \
  -s "$here/survey.lua" "$base/api/v1/u/$UNIT/survey" > "$tmp/load.wrk" 2>&1 &
wrk_pid=$!
( while [ ! -e "$tmp/stop" ]; do
    curl -s --noproxy '*' -o /dev/null -w '%{http_code}\n' -F category=PETUGAS \
      -F privacy=anonim -F "description=Petugas loket meminta uang tambahan agar berkas cepat selesai." \
      -F "lampiran=@$tmp/bukti.pdf;type=application/pdf" "$base/u/$UNIT/pengaduan"
  done > "$tmp/load.codes" ) &
load_pid=$!
sleep 1
db_bytes=$(stat -c %s "$data/wadah.db")
att_bytes=$(du -sb "$data/attachments" | cut -f1)
/usr/bin/time -f "%e %M" -o "$tmp/backup.time" "$W" backup --data "$data" \
  --out "$tmp/cadangan.tar" > "$tmp/backup.out" 2>&1 || { cat "$tmp/backup.out" >&2; die "backup"; }
sleep 1
touch "$tmp/stop"
kill -INT "$wrk_pid" 2>/dev/null
i=0
while kill -0 "$wrk_pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
stop_pid "$wrk_pid"
wrk_pid=
wait "$load_pid"
load_pid=
during=$(field "$(grep '^BENCH ' "$tmp/load.wrk")" s201)
[ -n "$during" ] || { cat "$tmp/load.wrk" >&2; die "wrk printed no result"; }
during_files=$(grep -c '^201$' "$tmp/load.codes")
stop_pid "$server_pid"
server_pid=

# ---- restore, check, serve ----
/usr/bin/time -f "%e %M" -o "$tmp/restore.time" "$W" restore --from "$tmp/cadangan.tar" \
  --data "$tmp/restored" > "$tmp/restore.out" 2>&1 || { cat "$tmp/restore.out" >&2; die "restore refused its own backup"; }
r="$tmp/restored"
surveys=$(rows "$r" survey_responses)
referenced=$(( $(rows "$r" complaint_attachments) + $(rows "$r" wbs_attachments) ))
on_disk=$(find "$r/attachments" -type f | wc -l)
fail=0
check() { if [ "$1" = ok ]; then echo "  ok    $2"; else echo "  FAIL  $2"; fail=1; fi; }
echo
echo "checks"
[ "$surveys" -ge $((NR + warm)) ] && s=ok || s=bad
check "$s" "surveys: $surveys restored >= $NR generated + $warm acknowledged before the backup"
[ "$referenced" -ge "$files_before" ] && s=ok || s=bad
check "$s" "evidence: $referenced referenced >= $files_before submitted before the backup"
[ "$on_disk" -eq "$referenced" ] && s=ok || s=bad
check "$s" "attachments/: $on_disk files = $referenced referenced (restore checked each SHA-256)"
"$W" audit verify --data "$r" > "$tmp/verify.out" 2>&1 && s=ok || s=bad
check "$s" "$(cat "$tmp/verify.out")"
serve "$r"
ikm=$(curl -s --noproxy '*' "http://127.0.0.1:$port/api/v1/u/$UNIT/ikm?period=2026" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["respondents"])')
stop_pid "$server_pid"
server_pid=
[ "$ikm" = "$surveys" ] && s=ok || s=bad
check "$s" "the restored server's IKM 2026 counts $ikm respondents"

arch=$(stat -c %s "$tmp/cadangan.tar")
read -r bt brss < "$tmp/backup.time"
read -r rt rrss < "$tmp/restore.time"
snap=$(sed -n 's/.*snapshot in \([0-9.]*\) s.*/\1/p' "$tmp/backup.out")
awk -v nc="$NC" -v nr="$NR" -v f="$files_before" -v kb="$KB" -v db="$db_bytes" \
    -v att="$att_bytes" -v arch="$arch" -v bt="$bt" -v snap="$snap" -v brss="$brss" \
    -v rt="$rt" -v rrss="$rrss" -v during="$during" -v df="$during_files" 'BEGIN {
  mb = 1024 * 1024
  printf "\nbackup under load (%d complaints, %d survey responses, %d evidence files of %d KB)\n", nc, nr, f, kb
  printf "  database %.1f MiB, attachments %.1f MiB, archive %.1f MiB\n", db / mb, att / mb, arch / mb
  printf "  wadah backup   %6.2f s (snapshot %s s), peak RSS %d MiB\n", bt, snap, brss / 1024
  printf "  load from 1 s before to 1 s after it: %d surveys and %d complaints with a file acknowledged\n", during, df
  printf "  wadah restore  %6.2f s (every SHA-256, audit chain, referenced files), peak RSS %d MiB\n", rt, rrss / 1024
}'
[ $fail -eq 0 ] || die "a check failed"
echo "nothing missing after restore"
