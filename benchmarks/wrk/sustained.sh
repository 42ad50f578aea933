#!/usr/bin/env bash
# Issue #30's own measurement, from outside the process: the one-command Release silo (abuse limits off, so one client
# address can load it) on a fresh project-owned PostgreSQL, wrk with 2 threads × $CONNECTIONS connections, each request a
# new claim on one hot drop; a warm-up run, then a measured run. CPU per acknowledged claim from /proc for the silo
# (with its live child processes: anvil, SMTP stand-in) and for every PostgreSQL process; every 201 audited against the
# drop's minted count. One Markdown row per configuration.
#
#   benchmarks/wrk/sustained.sh                       # readers-off, then default
#   benchmarks/wrk/sustained.sh default               # one configuration
#   CONNECTIONS=200 WARMUP=30 WINDOW=20 PORT=5099 benchmarks/wrk/sustained.sh
#   KEEP=1 benchmarks/wrk/sustained.sh default          # keep the silo's log and data folder afterwards
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${CONNECTIONS:-200}; WARMUP=${WARMUP:-30}; WINDOW=${WINDOW:-20}; PORT=${PORT:-5099}
API=http://127.0.0.1:$PORT
command -v wrk > /dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
dotnet build -c Release src/Silo -nologo -v q > /dev/null
SILO_DLL=src/Silo/bin/Release/net10.0/MicroEvents.Silo.dll
WORK=$(mktemp -d /tmp/wrk-sustained.XXXXXX)
chmod 755 "$WORK" # as root the project-owned PostgreSQL runs as the postgres user, which must reach its data folder
SILO=
DATA=
# KEEP=1 keeps the silo's log and its PostgreSQL folder, to look into a run after it (a stall, a 5xx).
trap 'stop_silo; if [ -n "${KEEP:-}" ]; then echo "kept $WORK (the silo log: $WORK/<configuration>.log)" >&2; else rm -rf "$WORK"; fi' EXIT

stop_silo() {
  [ -n "$SILO" ] || return 0
  # TERM, not INT: a background job of a non-interactive shell ignores SIGINT, and so does everything it starts.
  kill -TERM "$SILO" 2> /dev/null || true
  for _ in $(seq 1 60); do kill -0 "$SILO" 2> /dev/null || break; sleep 0.5; done
  kill -KILL "$SILO" 2> /dev/null || true
  SILO=
  # The silo stops its PostgreSQL; one left behind (a killed silo) is stopped here.
  if [ -f "$DATA/postmaster.pid" ]; then
    local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" /usr/lib/postgresql/15/bin/pg_ctl stop -D "$DATA" -m fast > /dev/null 2>&1 || true
  fi
}

# utime + stime (+ the reaped children's) in clock ticks of a process and every live descendant.
tree_ticks() {
  local total=0 pid
  for pid in $(descendants "$1"); do
    total=$((total + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2> /dev/null || echo 0)))
  done
  echo "$total"
}
descendants() {
  echo "$1"
  local child
  for child in $(pgrep -P "$1" 2> /dev/null); do descendants "$child"; done
}
minted() { curl -sf "$API/drops/$DROP" | sed -E 's/.*"minted":([0-9]+).*/\1/'; }
field() { sed -nE "s/.*[ ]$1=([0-9]+).*/\1/p" <<< "$2"; }

run_one() {
  local name=$1 env=()
  case "$name" in
    default) ;;
    readers-off) env=(Projections__Enabled=false Receipts__SealOnMint=false Settlement__Enabled=false) ;;
    *) echo "unknown configuration $name (default | readers-off)" >&2; exit 2 ;;
  esac
  local data="$WORK/$name-pg" log="$WORK/$name.log"
  DATA=$data
  env "${env[@]}" LocalPostgres__DataDirectory="$data" Gateway__Limits__Enabled=false \
    dotnet "$SILO_DLL" --urls "$API" > "$log" 2>&1 &
  SILO=$!
  for _ in $(seq 1 240); do curl -sf "$API/health/ready" > /dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$API/health/ready" > /dev/null || { echo "the silo did not get ready; its log: $log" >&2; tail -20 "$log" >&2; exit 1; }
  local key; key=$(sed -nE 's/.*(Authorization: Bearer [^ ]+).*/\1/p' "$log" | head -1)
  DROP="wrk-$name-$(date +%s)"
  curl -sf -X POST "$API/drops" -H "$key" -H 'Content-Type: application/json' -d "{\"id\":\"$DROP\",\"title\":\"wrk $name\",
    \"supply\":3000000,\"perWalletLimit\":1,\"creator\":\"0xc0ffee0000000000000000000000000000000000\",
    \"assets\":[{\"uri\":\"https://assets.invalid/bench/token.png\",\"sha256\":\"5f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809\",\"mediaType\":\"image/png\"}]}" > /dev/null
  curl -sf -X POST "$API/drops/$DROP/open" -H "$key" > /dev/null
  local postmaster; postmaster=$(head -1 "$data/postmaster.pid")

  local warm; warm=$(wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s benchmarks/wrk/claims.lua "$API" -- 1 "$DROP" | grep '^RESULT')
  local m0 s0 p0; m0=$(minted); s0=$(tree_ticks "$SILO"); p0=$(tree_ticks "$postmaster")
  local measured; measured=$(wrk -t2 -c"$CONNECTIONS" -d"${WINDOW}s" -s benchmarks/wrk/claims.lua "$API" -- 2 "$DROP" | grep '^RESULT')
  local s1 p1 m1; s1=$(tree_ticks "$SILO"); p1=$(tree_ticks "$postmaster"); m1=$(minted)
  local hz; hz=$(getconf CLK_TCK)
  local created=$(( $(field created "$warm") + $(field created "$measured") )) other=$(( $(field other "$warm") + $(field other "$measured") ))
  local claims=$((m1 - m0)) duration; duration=$(field duration_us "$measured")
  # wrk stops with up to $CONNECTIONS claims in flight, which are stored but not counted: 201s ≤ minted ≤ 201s + 2 × connections.
  local audit="✓ $created answers 201, drop minted $m1"
  [ "$created" -le "$m1" ] && [ "$m1" -le $((created + 2 * CONNECTIONS)) ] || audit="✗ $created answers 201, drop minted $m1"
  awk -v n="$name" -v c="$claims" -v d="$duration" -v p50="$(field p50_us "$measured")" -v p99="$(field p99_us "$measured")" \
      -v max="$(field max_us "$measured")" -v s="$((s1 - s0))" -v p="$((p1 - p0))" -v hz="$hz" -v o="$other" \
      -v e="$(field socket_errors "$measured")" -v a="$audit" -v conn="$CONNECTIONS" 'BEGIN {
    printf "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f | %d | %d | %s |\n", n, conn, c / (d / 1e6), p50 / 1000, p99 / 1000, max / 1000,
      s / hz * 1e6 / c, p / hz * 1e6 / c, o, e, a }'
  stop_silo
}

echo "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $(nproc) cores, $(date -u +%FT%TZ): ${WARMUP} s warm-up, ${WINDOW} s measured"
echo
echo "| configuration | connections | claims/s | p50 ms | p99 ms | max ms | silo µs/claim | PostgreSQL µs/claim | non-201 answers (both runs) | socket errors | every 201 minted |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
for name in "${@:-readers-off default}"; do for n in $name; do run_one "$n"; done; done
