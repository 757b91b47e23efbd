# Shell functions shared by the benchmarks in bench/. Sourced, not run: a script sets `home`,
# `threads` and `connections`, sources this file, then calls bench_init.

# bench_require TOOL... : exits with a hint when a tool is missing.
bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool (Debian package of that name)" >&2; exit 1; }
  done
}

# bench_init: a run directory ($run), the results directory ($results), and cleanup on exit of
# every pid in $pids, of both nginx instances, and of whatever bench_cleanup_hook does (a script
# may define it).
bench_init() {
  run="$(mktemp -d /tmp/emporium-bench.XXXXXX)"
  results="$home/bench/results"
  mkdir -p "$results"
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if declare -F bench_cleanup_hook >/dev/null; then bench_cleanup_hook || true; fi
  local pid
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in backend proxy; do
    [ -f "$run/$pid.pid" ] && kill "$(cat "$run/$pid.pid")" 2>/dev/null || true
  done
  sleep 0.5
  rm -rf "$run"
}

# bench_start_nginx: the backend (a fixed 1 KiB JSON body on :18081) and nginx as a reverse proxy
# in front of it (:18082), from bench/nginx/*.conf.
bench_start_nginx() {
  # {"data":"xxx...x"} with 1013 x.
  local body conf
  body="{\"data\":\"$(head -c 1013 /dev/zero | tr '\0' 'x')\"}"
  for conf in backend proxy; do
    sed -e "s|__RUN__|$run|g" -e "s|__BODY__|$body|" "$home/bench/nginx/$conf.conf" > "$run/$conf.conf"
    nginx -p "$run" -c "$run/$conf.conf"
  done
}

# bench_gateway NAME CONFIG HEAP JAVA_OPTS: starts a gateway in the background (building it first
# when its sources changed); its output goes to $run/NAME.out and $run/NAME.err, its pid is added
# to $pids and left in $last_pid.
bench_gateway() {
  "$home/emporium" --version >/dev/null
  EMPORIUM_JAVA_OPTS="-Xms$3 -Xmx$3 $4" \
    "$home/emporium" gateway --config "$2" > "$run/$1.out" 2> "$run/$1.err" &
  last_pid=$!
  pids+=("$last_pid")
}

# bench_wait_for URL [LOG]: waits up to 20 s for URL to answer 2xx; prints LOG when it does not.
bench_wait_for() {
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "not answering: $1" >&2
  [ -n "${2:-}" ] && cat "$2" >&2
  exit 1
}

# wrk prints latency with units; normalize to milliseconds.
bench_to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else printf "%s", v }'
}

# bench_wrk URL SECONDS [WRK OPTION...] -> "rps p50 p99 requests non2xx" (latencies in ms). wrk's
# full output is kept in $run/wrk-last.txt; socket errors and non-2xx answers are reported on
# stderr unless BENCH_EXPECT_NON2XX is set.
bench_wrk() {
  local url="$1" seconds="$2"
  shift 2
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"$seconds"s --latency "$@" "$url")"
  printf '%s\n' "$out" > "$run/wrk-last.txt"
  local rps p50 p99 requests non2xx errors
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(bench_to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")"
  p99="$(bench_to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out")"
  errors="$(awk '/Socket errors/ {print}' <<<"$out")"
  [ -n "$errors" ] && echo "  warning on $url: $errors" >&2
  [ -n "$non2xx" ] && [ -z "${BENCH_EXPECT_NON2XX:-}" ] && echo "  warning on $url: $non2xx non-2xx answers" >&2
  echo "$rps $p50 $p99 $requests ${non2xx:-0}"
}

bench_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# bench_ratio A B -> "0.85x"
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a/b}'; }

# bench_machine -> "2 cores, 24 GiB, 6.18.0"
bench_machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
}

# bench_transport LOG... -> the transport the gateway logged at start (io_uring, epoll, nio)
bench_transport() {
  awk '/over/ {for (i=1;i<=NF;i++) if ($i=="over") print $(i+1)}' "$@" 2>/dev/null | head -1
}

# bench_metric ADMIN_PORT NAME [LABEL=VALUE...] -> the sum of the Prometheus samples of NAME (the
# full sample name, e.g. gateway_requests_seconds_count) carrying every label given, in any order.
bench_metric() {
  local port="$1" name="$2"
  shift 2
  curl -fs "http://127.0.0.1:$port/metrics" | awk -v name="$name" -v labels="$*" '
    BEGIN { n = split(labels, want, " ") }
    $0 !~ /^#/ {
      sample = $1; sub(/\{.*/, "", sample)
      if (sample != name) next
      for (i = 1; i <= n; i++) { split(want[i], kv, "="); if (index($0, kv[1] "=\"" kv[2] "\"") == 0) next }
      s += $NF
    }
    END { printf "%.0f", s }'
}
