#!/usr/bin/env bash
# Gateway against nginx, side by side in one run on loopback.
#
#   bench/gateway-vs-nginx.sh [--rounds N] [--duration SECONDS] [--connections N] [--routes N]
#                             [--heap SIZE] [--java-opts "OPTIONS"]
#
# Starts an nginx backend (fixed 1 KiB JSON on :18081), nginx as a reverse proxy (:18082) and the
# gateway with gateway/examples/bench.yaml (:18080), warms both up, then alternates wrk rounds
# against each and prints throughput, p50 and p99 latency, and the gateway/nginx ratios. With
# --routes N the gateway's route table holds N routes (the benchmark path matches the last), to
# show that matching cost does not grow with the table. Needs nginx and wrk (Debian packages).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 duration=15 connections=64 threads=2 routes=1 heap=512m
# The gateway's JVM settings as docs/performance.md recommends them for a small machine.
java_opts="-XX:+UseParallelGC -XX:+UseCompactObjectHeaders"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --routes) routes="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$home/bench/lib.sh"
bench_require nginx wrk
bench_init
bench_start_nginx

config="$home/gateway/examples/bench.yaml"
if [ "$routes" -gt 1 ]; then
  config="$run/bench-$routes.yaml"
  sed '/^routes:/,$d' "$home/gateway/examples/bench.yaml" > "$config"
  {
    echo "routes:"
    for i in $(seq 1 $((routes - 1))); do
      printf '  - name: service-%d\n    match:\n      path: /api/service-%d/{id}/**\n    cluster: backend\n' "$i" "$i"
    done
    printf '  - name: everything\n    match:\n      path: /**\n    cluster: backend\n'
    sed -n '/^clusters:/,$p' "$home/gateway/examples/bench.yaml"
  } >> "$config"
fi

bench_gateway gateway "$config" "$heap" "$java_opts"
gateway_pid="$last_pid"
bench_wait_for http://127.0.0.1:18081/
bench_wait_for http://127.0.0.1:18082/
bench_wait_for http://127.0.0.1:18080/ "$run/gateway.err"

bench_url() { echo "http://127.0.0.1:$1/api/orders/42"; }
round() { bench_wrk "$(bench_url "$1")" "$2"; } # port seconds -> "rps p50 p99 requests non2xx"

echo "warming up (gateway and nginx, 2 x 10 s each)..." >&2
for _ in 1 2; do round 18080 10 >/dev/null; round 18082 10 >/dev/null; done

declare -a g_rps g_p50 g_p99 n_rps n_p50 n_p99
for i in $(seq 1 "$rounds"); do
  read -r a b c _ < <(round 18080 "$duration"); g_rps+=("$a"); g_p50+=("$b"); g_p99+=("$c")
  read -r a b c _ < <(round 18082 "$duration"); n_rps+=("$a"); n_p50+=("$b"); n_p99+=("$c")
  printf 'round %d: gateway %s req/s p50 %s ms p99 %s ms | nginx %s req/s p50 %s ms p99 %s ms\n' \
    "$i" "${g_rps[-1]}" "${g_p50[-1]}" "${g_p99[-1]}" "${n_rps[-1]}" "${n_p50[-1]}" "${n_p99[-1]}" >&2
done

median() { bench_median "$@"; }
G_RPS=$(median "${g_rps[@]}"); G_P50=$(median "${g_p50[@]}"); G_P99=$(median "${g_p99[@]}")
N_RPS=$(median "${n_rps[@]}"); N_P50=$(median "${n_p50[@]}"); N_P99=$(median "${n_p99[@]}")
rss_kib="$(awk '/VmRSS/ {print $2}' "/proc/$gateway_pid/status" 2>/dev/null || echo 0)"
# Heap in use right after the last collection: what the gateway keeps, not the garbage it makes.
heap_used="$(curl -fs http://127.0.0.1:19901/metrics | awk 'index($0, "jvm_gc_live_data_size_bytes") == 1 {printf "%.0f", $2/1048576}')"

report="$(cat <<REPORT
# Gateway vs nginx, $(date -u +%Y-%m-%dT%H:%MZ)

Machine: $(bench_machine).
wrk: $threads threads, $connections keep-alive connections, $rounds rounds of ${duration}s each, alternating, medians shown.
Gateway: $routes route(s), heap $heap (-Xms=-Xmx), JVM options \`$java_opts\`, $(bench_transport "$run/gateway.err" "$run/gateway.out") transport. nginx: 2 workers, keepalive 64 to the backend.

| | req/s | p50 ms | p99 ms |
|---|---:|---:|---:|
| gateway | $G_RPS | $G_P50 | $G_P99 |
| nginx | $N_RPS | $N_P50 | $N_P99 |
| ratio gateway/nginx | $(bench_ratio "$G_RPS" "$N_RPS") | $(bench_ratio "$G_P50" "$N_P50") | $(bench_ratio "$G_P99" "$N_P99") |

Gateway resident memory after the run: $((rss_kib / 1024)) MiB; heap in use: ${heap_used} MiB.
REPORT
)"
echo "$report"
echo "$report" > "$results/gateway-vs-nginx-$(date -u +%Y%m%dT%H%M%S)-routes$routes.md"
