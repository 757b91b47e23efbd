#!/usr/bin/env bash
# Orders through the gateway against the whole platform (`emporium up` on a fresh data directory):
# a steady 50 orders/s for 60 s, then higher rates to find the highest sustainable one. Prints, per
# rate, the confirmation latency (the 201 of POST /api/orders) and the saga's completion (created
# to completed on the order's timeline), and how long the platform took to be ready and its
# resident memory. A warm-up stage runs first (WARMUP="RATE SECONDS", default "25 60"; "0 0" skips it)
# and is reported on a line of its own.
# Usage: bench/orders.sh [RATE SECONDS]...   (default: 50 60 100 20 150 20 200 20)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(50 60 100 20 150 20 200 20)
read -r warmup_rate warmup_seconds <<< "${WARMUP:-25 60}"

data="$(mktemp -d /tmp/emporium-orders.XXXXXX)"
log="$data/up.log"
cleanup() { [ -n "${up_pid:-}" ] && kill "$up_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

"$home/emporium" --version >/dev/null   # builds first when sources changed, outside the timing
begin=$(date +%s.%N)
# The load's shoppers all sign up and log in from this one address.
EMPORIUM_DATA="$data" EMPORIUM_ACCESS_LOG="$data/access.log" EMPORIUM_SIGNUPS_PER_IP_PER_MINUTE=1000 \
  EMPORIUM_LOGINS_PER_IP_PER_MINUTE=1000 "$home/emporium" up > "$log" 2>&1 &
up_pid=$!
for _ in $(seq 1 600); do
  grep -q "Emporium is up" "$log" && break
  kill -0 "$up_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
ready=$(grep -o "Emporium is up in [0-9.]* s" "$log" || echo "not ready")
java_pid=$(pgrep -P "$up_pid" java || echo "$up_pid")
echo "platform: $ready (seeding included); wall clock $(echo "$(date +%s.%N) - $begin" | bc | cut -c1-5) s"
echo "platform: resident memory after start $(( $(ps -o rss= -p "$java_pid") / 1024 )) MiB (JVM; PostgreSQL runs beside it)"

# The load generator uses virtual threads: run it on a JDK 21 or newer (the default java may be older).
load_java=java
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  major=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
  [ "${major:-0}" -ge 21 ] && { load_java="$candidate"; break; }
done
"$load_java" "$home/bench/OrderLoad.java" http://127.0.0.1:8080 "$data" "$warmup_rate" "$warmup_seconds" "${stages[@]}"

echo "platform: resident memory after the run $(( $(ps -o rss= -p "$java_pid") / 1024 )) MiB"
