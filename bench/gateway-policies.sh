#!/usr/bin/env bash
# What the gateway's policies cost, side by side in one run on loopback.
#
#   bench/gateway-policies.sh [--rounds N] [--duration SECONDS] [--connections N] [--heap SIZE]
#                             [--java-opts "OPTIONS"] [--redis URI] [--capacity C] [--period SECONDS]
#
# Starts the nginx backend (fixed 1 KiB JSON on :18081), nginx as a reverse proxy (:18082) and two
# gateways with gateway/examples/bench-policies.yaml: A on :18080 (admin :19901) with the access log
# on, written to a file, and B on :18090 (admin :19902) with it off. Then:
#
# 1. Policy chains: alternating wrk rounds against
#      plain (B)        no policies, access log off
#      plain (A)        no policies, access log on
#      chain (A)        jwt (RS256, PEM key) + rate-limit per user, local state, never refusing
#      chain-redis (A)  the same with the count in Redis, at its defaults (redis.syncShare 1 %)
#      chain-redis-exact (A)  the same with every decision in Redis (syncShare 0 %)
#    each of the two Redis chains also with 64 users in turn instead of one (a diagnostic),
#    every request carrying the same `Authorization: Bearer` token (made and signed here with
#    openssl), so that only the route differs. Goals: chain >= 0.85x plain, chain-redis >= 0.6x.
# 2. Accuracy: both gateways' `limited` route shares one Redis token bucket (capacity C, all C
#    tokens given back every period), driven at once by one wrk per gateway for one round; the
#    admitted requests (the gateways' gateway_rate_limit_decisions_total) against
#    C x (1 + refills during the round). Goal: no more than that plus one burst (C) per instance,
#    no fewer than 98 % of it. Run at the benchmark's load and at a light one, then again on the
#    `limited-exact` route (every decision in Redis).
# 3. Cache hits: B's `cached` route (the backend's answer kept an hour) against nginx proxying to
#    the backend, in the same alternation as 1. Goal: more req/s and a lower p50 than nginx.
#
# Metrics are always on. Needs nginx, wrk, openssl, curl, redis-cli and a Redis (default
# redis://127.0.0.1:6379); its keys are written under a prefix of their own and deleted at exit.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3 duration=15 connections=64 threads=2 heap=512m
java_opts="-XX:+UseParallelGC -XX:+UseCompactObjectHeaders"
redis_uri="redis://127.0.0.1:6379" capacity=2000 period=10
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --redis) redis_uri="$2"; shift 2 ;;
    --capacity) capacity="$2"; shift 2 ;;
    --period) period="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$home/bench/lib.sh"
bench_require nginx wrk openssl curl redis-cli
redis-cli -u "$redis_uri" ping >/dev/null 2>&1 || { echo "no Redis answering at $redis_uri" >&2; exit 1; }
# The accuracy round's expected count is exact only away from a refill instant.
if [ $((duration % period)) -lt 2 ] || [ $((period - duration % period)) -lt 2 ]; then
  echo "choose --duration at least 2 s away from a multiple of --period" >&2; exit 2
fi

bench_init
prefix="emporium-bench:$(openssl rand -hex 4):"
bench_cleanup_hook() {
  redis-cli -u "$redis_uri" --scan --pattern "${prefix}*" | xargs -r redis-cli -u "$redis_uri" del >/dev/null 2>&1
}
bench_start_nginx

# An RS256 key pair, and a token for it valid for ten years.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$run/jwt-private.pem" 2>/dev/null
openssl pkey -in "$run/jwt-private.pem" -pubout -out "$run/jwt-public.pem"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now="$(date +%s)"
make_token() { # subject -> a signed token
  local head claims sig
  head="$(printf '%s' '{"alg":"RS256","typ":"JWT","kid":"bench-1"}' | b64url)"
  claims="$(printf '{"sub":"%s","iss":"https://id.bench.emporium.dev/","aud":"emporium-api","iat":%d,"exp":%d}' \
    "$1" "$now" $((now + 10 * 365 * 86400)) | b64url)"
  sig="$(printf '%s.%s' "$head" "$claims" | openssl dgst -sha256 -sign "$run/jwt-private.pem" -binary | b64url)"
  echo "$head.$claims.$sig"
}
token="$(make_token bench-user)"
auth="Authorization: Bearer $token"
# For the diagnostic target: as many users as connections, each request with the next one's token
# (requests made once when wrk starts, so that choosing one costs wrk nothing).
for u in $(seq 1 "$connections"); do make_token "bench-user-$u"; done > "$run/tokens.txt"
cat > "$run/users.lua" <<'LUA'
local requests, n = {}, 0
function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    requests[#requests + 1] = wrk.format(nil, nil, {["Authorization"] = "Bearer " .. line})
  end
end
function request()
  n = n % #requests + 1
  return requests[n]
end
LUA
export BENCH_TOKENS="$run/tokens.txt"

config="$home/gateway/examples/bench-policies.yaml"
export BENCH_RUN="$run" BENCH_REDIS_PREFIX="$prefix" BENCH_REDIS_URI="$redis_uri"
export BENCH_LIMIT_CAPACITY="$capacity" BENCH_LIMIT_PERIOD="${period}s"
BENCH_PORT=18080 BENCH_ADMIN_PORT=19901 BENCH_ACCESS_LOG=true bench_gateway gw-a "$config" "$heap" "$java_opts"
gw_a_pid="$last_pid"
BENCH_PORT=18090 BENCH_ADMIN_PORT=19902 BENCH_ACCESS_LOG=false bench_gateway gw-b "$config" "$heap" "$java_opts"
gw_b_pid="$last_pid"
bench_wait_for http://127.0.0.1:18081/
bench_wait_for http://127.0.0.1:18082/
bench_wait_for http://127.0.0.1:18080/plain/ "$run/gw-a.err"
bench_wait_for http://127.0.0.1:18090/plain/ "$run/gw-b.err"

path=/api/orders/42
# name|url|wrk options: the measured targets, in the order of each round.
targets=(
  "plain-nolog|http://127.0.0.1:18090/plain$path|auth"
  "plain|http://127.0.0.1:18080/plain$path|auth"
  "chain|http://127.0.0.1:18080/chain$path|auth"
  "chain-redis|http://127.0.0.1:18080/chain-redis$path|auth"
  "chain-redis-users|http://127.0.0.1:18080/chain-redis$path|users"
  "chain-redis-exact|http://127.0.0.1:18080/chain-redis-exact$path|auth"
  "chain-redis-exact-users|http://127.0.0.1:18080/chain-redis-exact$path|users"
  "cache-hit|http://127.0.0.1:18090/cached$path|"
  "nginx|http://127.0.0.1:18082$path|"
)
target_round() { # "name|url|auth" seconds -> "rps p50 p99 requests non2xx"
  local url opts
  url="$(cut -d'|' -f2 <<<"$1")"; opts="$(cut -d'|' -f3 <<<"$1")"
  case "$opts" in
    auth) bench_wrk "$url" "$2" -H "$auth" ;;
    users) bench_wrk "$url" "$2" -s "$run/users.lua" ;;
    *) bench_wrk "$url" "$2" ;;
  esac
}

# Each route answers as it should before anything is measured.
check() { # expected-status url [curl options]
  local status
  status="$(curl -s -o "$run/check.body" -w '%{http_code}' "${@:3}" "$2")"
  [ "$status" = "$1" ] || { echo "expected $1 from $2, got $status: $(cat "$run/check.body")" >&2; exit 1; }
}
check 200 "http://127.0.0.1:18080/chain$path" -H "$auth"
check 401 "http://127.0.0.1:18080/chain$path"
check 200 "http://127.0.0.1:18080/chain-redis$path" -H "$auth"
check 200 "http://127.0.0.1:18080/chain-redis-exact$path" -H "$auth"
check 200 "http://127.0.0.1:18090/cached$path"
x_cache="$(curl -s -o /dev/null -D - "http://127.0.0.1:18090/cached$path" | awk -F': *' 'tolower($1)=="x-cache" {print $2}' | tr -d '\r')"
[ "$x_cache" = HIT ] || { echo "the cached route answered X-Cache: ${x_cache:-none}, not HIT" >&2; exit 1; }

echo "load before the run: $(cat /proc/loadavg)" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
warmup=$(( duration < 10 ? duration : 10 ))
echo "warming up (${#targets[@]} targets, 2 x ${warmup} s each)..." >&2
for _ in 1 2; do for t in "${targets[@]}"; do target_round "$t" "$warmup" >/dev/null; done; done

declare -A rps p50 p99 non2xx
for i in $(seq 1 "$rounds"); do
  line="round $i:"
  for t in "${targets[@]}"; do
    name="${t%%|*}"
    read -r a b c _ e < <(target_round "$t" "$duration")
    rps[$name]+="$a "; p50[$name]+="$b "; p99[$name]+="$c "; non2xx[$name]=$(( ${non2xx[$name]:-0} + e ))
    line+=" $name $a/$b/$c"
  done
  echo "$line  (req/s / p50 ms / p99 ms)" >&2
done
declare -A RPS P50 P99
for t in "${targets[@]}"; do
  name="${t%%|*}"
  # shellcheck disable=SC2086
  RPS[$name]=$(bench_median ${rps[$name]}); P50[$name]=$(bench_median ${p50[$name]}); P99[$name]=$(bench_median ${p99[$name]})
done

# What the gateways did during the rounds, from their metrics.
chain_counted=$(bench_metric 19901 gateway_rate_limit_decisions_total route=chain decision=allowed)
chain_refused=$(( $(bench_metric 19901 gateway_rate_limit_decisions_total route=chain decision=limited) \
  + $(bench_metric 19901 gateway_rate_limit_decisions_total route=chain decision=refused) ))
redis_counted=$(bench_metric 19901 gateway_rate_limit_decisions_total route=chain-redis decision=allowed)
redis_failures=$(bench_metric 19901 gateway_rate_limit_backend_failures_total route=chain-redis)
redis_unsynced=$(bench_metric 19901 gateway_rate_limit_unsynchronized_decisions_total route=chain-redis)
exact_counted=$(bench_metric 19901 gateway_rate_limit_decisions_total route=chain-redis-exact decision=allowed)
exact_failures=$(bench_metric 19901 gateway_rate_limit_backend_failures_total route=chain-redis-exact)
jwt_allowed=$(bench_metric 19901 gateway_auth_decisions_total route=chain outcome=allowed)
jwt_signatures=$(bench_metric 19901 gateway_auth_jwt_signatures_total route=chain)
cache_hits=$(bench_metric 19902 gateway_cache_requests_total route=cached result=hit)
cache_misses=$(bench_metric 19902 gateway_cache_requests_total route=cached result=miss)
requests_a=$(bench_metric 19901 gateway_requests_seconds_count)
log_dropped=$(bench_metric 19901 gateway_access_log_dropped)
sleep 1
log_lines=$(wc -l < "$run/access-18080.log")
log_mib=$(( $(stat -c %s "$run/access-18080.log") / 1048576 ))
rss_a=$(( $(awk '/VmRSS/ {print $2}' "/proc/$gw_a_pid/status" 2>/dev/null || echo 0) / 1024 ))
rss_b=$(( $(awk '/VmRSS/ {print $2}' "/proc/$gw_b_pid/status" 2>/dev/null || echo 0) / 1024 ))

# 2. Accuracy: one wrk per gateway at once, on the shared limit, for one round; first at the
# benchmark's concurrency, then with a few connections only, each on a bucket of its own.
redis_commands() { redis-cli -u "$redis_uri" info stats | awk -F: '/^total_commands_processed/ {print $2+0}'; }
declare -A acc
accuracy() { # label wrk-threads wrk-connections route
  local label="$1" t="$2" c="$3" route="$4" port before_cmds
  echo "accuracy ($label, route $route): two gateways on one Redis limit of $capacity per ${period}s, ${duration}s, $t thread(s) x $c connections each..." >&2
  declare -A before
  for port in 19901 19902; do
    before[$port.allowed]=$(bench_metric $port gateway_rate_limit_decisions_total route=$route decision=allowed)
    before[$port.limited]=$(bench_metric $port gateway_rate_limit_decisions_total route=$route decision=limited)
    before[$port.failures]=$(bench_metric $port gateway_rate_limit_backend_failures_total route=$route)
  done
  before_cmds=$(redis_commands)
  threads=$t connections=$c BENCH_EXPECT_NON2XX=1 \
    bench_wrk "http://127.0.0.1:18080/$route$path" "$duration" -H "X-Bench-Window: $label" > "$run/acc-a.txt" &
  local wa=$!
  threads=$t connections=$c BENCH_EXPECT_NON2XX=1 \
    bench_wrk "http://127.0.0.1:18090/$route$path" "$duration" -H "X-Bench-Window: $label" > "$run/acc-b.txt" &
  local wb=$!
  wait "$wa" "$wb"
  acc[$label.cmds]=$(( $(redis_commands) - before_cmds ))
  read -r "acc[$label.rps_a]" _ _ "acc[$label.req_a]" "acc[$label.non2xx_a]" < "$run/acc-a.txt"
  read -r "acc[$label.rps_b]" _ _ "acc[$label.req_b]" "acc[$label.non2xx_b]" < "$run/acc-b.txt"
  local k
  for port in 19901 19902; do
    k=$([ $port = 19901 ] && echo a || echo b)
    acc[$label.allowed_$k]=$(( $(bench_metric $port gateway_rate_limit_decisions_total route=$route decision=allowed) - ${before[$port.allowed]} ))
    acc[$label.limited_$k]=$(( $(bench_metric $port gateway_rate_limit_decisions_total route=$route decision=limited) - ${before[$port.limited]} ))
    acc[$label.failures_$k]=$(( $(bench_metric $port gateway_rate_limit_backend_failures_total route=$route) - ${before[$port.failures]} ))
  done
  acc[$label.admitted]=$(( ${acc[$label.allowed_a]} + ${acc[$label.allowed_b]} ))
  acc[$label.failures]=$(( ${acc[$label.failures_a]} + ${acc[$label.failures_b]} ))
  acc[$label.share]=$(awk -v a="${acc[$label.admitted]}" -v e="$expected" 'BEGIN {printf "%.2f", 100 * a / e}')
  acc[$label.met]=$([ "${acc[$label.admitted]}" -le "$upper" ] && [ "${acc[$label.admitted]}" -ge "$lower" ] && echo met || echo '**not met**')
  [ "${acc[$label.failures]}" -gt 0 ] && acc[$label.met]+=", but ${acc[$label.failures]} decisions fell back to a local limit"
  # Redis commands per request decided (Bucket4j: a read, then a compare-and-swap, again on a conflict).
  acc[$label.cmds_per]=$(awk -v c="${acc[$label.cmds]}" -v a="${acc[$label.allowed_a]}" -v b="${acc[$label.allowed_b]}" \
    -v d="${acc[$label.limited_a]}" -v e="${acc[$label.limited_b]}" -v f="${acc[$label.failures]}" \
    'BEGIN {n = a + b + d + e; printf "%.1f", n ? c / n : 0}')
}
expected=$((capacity * (1 + duration / period)))
upper=$((expected + 2 * capacity))
lower=$(awk -v e="$expected" 'BEGIN {printf "%d", e * 0.98 + 0.999999}')
accuracy loaded "$threads" "$connections" limited
accuracy light 1 4 limited
accuracy exact-loaded "$threads" "$connections" limited-exact
accuracy exact-light 1 4 limited-exact

acc_row() { # label title
  local l="$1"
  printf '| %s | %s + %s = %s | %s | %s + %s | %s + %s | %s | %s |\n' "$2" "${acc[$l.allowed_a]}" "${acc[$l.allowed_b]}" \
    "${acc[$l.admitted]}" "${acc[$l.share]} %" "${acc[$l.limited_a]}" "${acc[$l.limited_b]}" \
    "${acc[$l.rps_a]}" "${acc[$l.rps_b]}" "${acc[$l.failures]}" "${acc[$l.cmds_per]}"
}

# Goals.
met() { awk -v v="$1" -v g="$3" "BEGIN {print (v $2 g) ? \"met\" : \"**not met**\"}"; }
r_chain=$(bench_ratio "${RPS[chain]}" "${RPS[plain]}")
r_chain_bare=$(bench_ratio "${RPS[chain]}" "${RPS[plain-nolog]}")
r_redis=$(bench_ratio "${RPS[chain-redis]}" "${RPS[plain]}")
r_redis_bare=$(bench_ratio "${RPS[chain-redis]}" "${RPS[plain-nolog]}")
r_log=$(bench_ratio "${RPS[plain]}" "${RPS[plain-nolog]}")
r_cache=$(bench_ratio "${RPS[cache-hit]}" "${RPS[nginx]}")
r_cache_p50=$(bench_ratio "${P50[cache-hit]}" "${P50[nginx]}")
r_cache_p99=$(bench_ratio "${P99[cache-hit]}" "${P99[nginx]}")
r_redis_users=$(bench_ratio "${RPS[chain-redis-users]}" "${RPS[plain]}")
r_exact=$(bench_ratio "${RPS[chain-redis-exact]}" "${RPS[plain]}")
r_exact_users=$(bench_ratio "${RPS[chain-redis-exact-users]}" "${RPS[plain]}")

row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "${RPS[$1]}" "${P50[$1]}" "${P99[$1]}" "${non2xx[$1]:-0}"; }
report="$(cat <<REPORT
# Gateway policies, $(date -u +%Y-%m-%dT%H:%MZ)

Machine: $(bench_machine); load before the run: $load_before.
wrk: $threads threads, $connections keep-alive connections, $rounds rounds of ${duration}s each, the targets alternating in each round, medians shown; warm-up 2 x ${warmup}s per target.
Gateways: two instances of gateway/examples/bench-policies.yaml, heap $heap each (-Xms=-Xmx), JVM options \`$java_opts\`, $(bench_transport "$run/gw-a.err" "$run/gw-a.out") transport. A (:18080) writes its access log to a file; B (:18090) has it off. Metrics on in both. nginx: 2 workers, keepalive 64 to the backend, no access log.
Requests: \`GET $path\` under each route's prefix; the plain and chain targets all send the same \`Authorization: Bearer\` token (RS256, 2048-bit key, kid, sub/iss/aud/exp), the cache and nginx targets none.

## Throughput and latency

| target | what | req/s | p50 ms | p99 ms | non-2xx |
|---|---|---:|---:|---:|---:|
$(row plain-nolog "B: no policies, access log off")
$(row plain "A: no policies, access log on")
$(row chain "A: jwt + rate-limit (local, per user), access log on")
$(row chain-redis "A: jwt + rate-limit (Redis at its defaults, per user), access log on")
$(row chain-redis-users "A: the same, $connections users in turn instead of one (diagnostic)")
$(row chain-redis-exact "A: jwt + rate-limit (Redis, every decision in Redis: syncShare 0 %), access log on")
$(row chain-redis-exact-users "A: the same, $connections users in turn")
$(row cache-hit "B: cache hit, access log off")
$(row nginx "nginx proxying to the backend")

## Goals

| comparison | measured | goal | |
|---|---:|---:|---|
| chain / plain, both with the access log (req/s) | $r_chain | >= 0.85x | $(met "${r_chain%x}" '>=' 0.85) |
| chain-redis / plain, both with the access log (req/s) | $r_redis | >= 0.6x | $(met "${r_redis%x}" '>=' 0.6) |
| chain with access log / plain without (req/s) | $r_chain_bare | (0.85x) | $(met "${r_chain_bare%x}" '>=' 0.85) |
| chain-redis with access log / plain without (req/s) | $r_redis_bare | (0.6x) | $(met "${r_redis_bare%x}" '>=' 0.6) |
| chain-redis with $connections users / plain, both with the access log (req/s) | $r_redis_users | (0.6x) | $(met "${r_redis_users%x}" '>=' 0.6) |
| chain-redis-exact / plain, both with the access log (req/s) | $r_exact | (0.6x) | $(met "${r_exact%x}" '>=' 0.6) |
| chain-redis-exact with $connections users / plain (req/s) | $r_exact_users | (0.6x) | $(met "${r_exact_users%x}" '>=' 0.6) |
| access log on / off, plain (req/s) | $r_log | | |
| two instances on one Redis limit, $threads x $connections connections each: admitted | ${acc[loaded.admitted]} of $expected (${acc[loaded.share]} %) | $lower to $upper | ${acc[loaded.met]} |
| the same, 1 x 4 connections each: admitted | ${acc[light.admitted]} of $expected (${acc[light.share]} %) | $lower to $upper | ${acc[light.met]} |
| the same with every decision in Redis, $threads x $connections: admitted | ${acc[exact-loaded.admitted]} of $expected (${acc[exact-loaded.share]} %) | $lower to $upper | ${acc[exact-loaded.met]} |
| the same with every decision in Redis, 1 x 4: admitted | ${acc[exact-light.admitted]} of $expected (${acc[exact-light.share]} %) | $lower to $upper | ${acc[exact-light.met]} |
| cache hit / nginx proxied (req/s) | $r_cache | > 1x | $(met "${r_cache%x}" '>' 1) |
| cache hit / nginx proxied (p50) | $r_cache_p50 | < 1x | $(met "${r_cache_p50%x}" '<' 1) |
| cache hit / nginx proxied (p99) | $r_cache_p99 | | |

## Accuracy

Limit: one token bucket in Redis, capacity $capacity (each instance may decide $((capacity / 100)) of them from its own copy before synchronising, \`redis.syncShare\` 1 %; none on the exact route), all $capacity tokens given back every ${period}s (\`refill: interval\`), shared by both gateways; one wrk per gateway, both for ${duration}s at once, in two rounds (a bucket of its own each): at the benchmark's load, then with a few connections. Expected: $capacity x (1 + $((duration / period)) refill(s) in ${duration}s) = $expected. Allowed: at most the expected count plus one burst ($capacity) per instance, at least 98 % of it.

| load per gateway | allowed, A + B = both | of expected | limited (429), A + B | wrk req/s, A + B | Redis failures | Redis commands per decision |
|---|---:|---:|---:|---:|---:|---:|
$(acc_row loaded "$threads threads x $connections connections")
$(acc_row light "1 thread x 4 connections")
$(acc_row exact-loaded "every decision in Redis, $threads threads x $connections connections")
$(acc_row exact-light "every decision in Redis, 1 thread x 4 connections")

A Redis failure (an error, or no answer within the limit's 100 ms timeout) is decided by a local limit of the same settings in the instance (\`failureMode: open\`, the default): while Redis does not keep up, each instance admits up to one burst of its own.

## Checks

- chain: $chain_counted requests counted by the per-user limit, $chain_refused refused; $jwt_allowed tokens accepted, $jwt_signatures signature checks (the rest from the cache of verified tokens).
- chain-redis (both targets): $redis_counted requests counted, $redis_unsynced of them decided from the instance's copy of the bucket without a round trip; $redis_failures Redis failures or timeouts (each of those decided by a local limit instead).
- chain-redis-exact (both targets): $exact_counted requests counted; $exact_failures Redis failures or timeouts.
- cache: $cache_hits hits, $cache_misses misses on B's cached route.
- access log of A: $log_lines lines ($log_mib MiB) for $requests_a requests; $log_dropped dropped.
- resident memory after the rounds: A $rss_a MiB, B $rss_b MiB.
REPORT
)"
echo "$report"
echo "$report" > "$results/gateway-policies-$(date -u +%Y%m%dT%H%M%S).md"
