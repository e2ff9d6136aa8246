#!/bin/sh
# login_timing.sh — does a wrong second factor cost the same as a wrong
# password?  Issue 10, finding 5: with the right password and a wrong TOTP
# code a login took twice as long as with a wrong password, which told an
# attacker the password was right.
#
# Times POST /api/v1/login for a user with TOTP enabled: the right password
# with a wrong code, and a wrong password, interleaved, and prints each
# kind's median.  The server counts failures per address (5 free), so every
# server serves PER_SERVER tries of each kind and is then replaced by a
# fresh one.  Not a test (tests/http/test_auth.c counts the Argon2id runs
# instead); prints figures for the README.
#
# Needs ./wadah built and curl.  Run from the repository root:
#   sh tests/bench/login_timing.sh        (ROUNDS=10 servers by default)
#
# Only 127.0.0.1 is used; every server started here is stopped on exit and
# the temporary directory removed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WADAH=${WADAH:-$root/wadah}
ROUNDS=${ROUNDS:-10}
PER_SERVER=2            # a warm-up and 2 tries of each kind: 5 failures,
                        # the last one still free
tmp=$(mktemp -d /tmp/wadah-login-timing-XXXXXX)
pid=
cleanup () {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

echo 'correct-horse-battery' > "$tmp/pw"
: > "$tmp/totp_wrong"
: > "$tmp/pw_wrong"
login () {   # $1 body; prints seconds
  curl -s -o /dev/null --noproxy '*' -w '%{time_total}\n' \
       -H 'Content-Type: application/json' -d "$1" "$base/api/v1/login"
}
r=0
while [ "$r" -lt "$ROUNDS" ]; do
  rm -rf "$tmp/data"
  "$WADAH" init --data "$tmp/data" --unit demo --unit-name Demo \
           --admin admin --password-file "$tmp/pw" > /dev/null 2>&1 || exit 1
  "$WADAH" user totp --data "$tmp/data" --unit demo --user admin \
           > /dev/null || exit 1
  "$WADAH" serve --data "$tmp/data" --listen 127.0.0.1:0 \
           > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  port=
  i=0
  while [ -z "$port" ] && [ "$i" -lt 200 ]; do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' \
             "$tmp/out" 2>/dev/null)
    [ -z "$port" ] && sleep 0.05
    i=$((i + 1))
  done
  [ -n "$port" ] || { echo "server did not start" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  # The first login of a process also makes the dummy hash: not timed.
  login '{"unit":"demo","user":"nobody","password":"wrong-horse-battery"}' \
    > /dev/null
  k=0
  while [ "$k" -lt "$PER_SERVER" ]; do
    login '{"unit":"demo","user":"admin","password":"correct-horse-battery","totp":"000000"}' \
      >> "$tmp/totp_wrong"
    login '{"unit":"demo","user":"admin","password":"wrong-horse-battery"}' \
      >> "$tmp/pw_wrong"
    k=$((k + 1))
  done
  kill "$pid"; wait "$pid" 2>/dev/null; pid=
  r=$((r + 1))
done

median () {
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.0f ms (n=%d, min %.0f, max %.0f)", m * 1000, NR, v[1] * 1000,
           v[NR] * 1000 }'
}
echo "right password, wrong TOTP: $(median "$tmp/totp_wrong")"
echo "wrong password:             $(median "$tmp/pw_wrong")"
