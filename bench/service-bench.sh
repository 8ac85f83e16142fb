#!/usr/bin/env bash
# Benchmark (not a test): the Nebula service on its embedded defaults (`vsekai server`), same
# machine, loopback only, one run.
#   chunks  - GET throughput of /store/ against nginx serving the same store folder, with the
#             same load generator (wrk: same threads, connections and duration, cycling over
#             every chunk of a STORE_MB store that desync's chunker made). Goal: service/nginx
#             >= 0.8 in requests/s. Also each server's CPU time per request (from /proc), which
#             a busy machine disturbs less than requests/s.
#   latest  - latency of "current version" (GET /api/v1/products/bench/modes/stable/latest)
#             with VERSIONS versions in the tables, over HTTP with LATENCY_CONNECTIONS
#             connections; also the repository call in process (bench/ServiceBenchData.java,
#             which fills the tables). Goal: p99 < 5 ms.
# Each figure is the median of RUNS runs of DURATION seconds. Before them each kind of load
# runs unmeasured: against the service in 10 s rounds until its JIT compilers are nearly idle
# (at least WARMUP s, at most WARMUP_MAX s; on 2 busy cores the JIT takes a minute or more, and
# until then "current version" is several times slower), against nginx for WARMUP s. Service
# and nginx alternate within each round, so drift in the machine's load falls on both alike;
# the load average is printed with each run. The data stays in WORK, so a second run starts at
# once.
#
#   bench/service-bench.sh              # 256 MiB store, 100k versions, 3 runs of 20 s
#   QUICK=1 bench/service-bench.sh      # 32 MiB store, 1 run of 5 s (the same 100k versions)
#   MEMORY_CACHE=0MiB bench/service-bench.sh   # the service reading every chunk from its file
# The service keeps recently fetched chunks in memory (store.memoryCacheSize, 256 MiB by
# default), so with the default store size every measured GET is answered from memory, as the
# chunks of a new release are during a rollout; nginx reads the page cache through sendfile.
#   CONNECTIONS=64 RUNS=5 bench/service-bench.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${QUICK:-}" ]; then
  : "${STORE_MB:=32}" "${RUNS:=1}" "${DURATION:=5}" "${WARMUP:=10}" "${WARMUP_MAX:=60}" "${SAMPLES:=3000}"
fi
STORE_MB=${STORE_MB:-256}          # data chunked into the store (64 KiB chunks on average)
VERSIONS=${VERSIONS:-100000}       # versions in the tables
RUNS=${RUNS:-3}
DURATION=${DURATION:-20}           # seconds per measured wrk run
WARMUP=${WARMUP:-20}               # seconds of unmeasured load per server and kind, at least
WARMUP_MAX=${WARMUP_MAX:-240}      # ... and at most, for the service while its JIT is busy
MEMORY_CACHE=${MEMORY_CACHE:-256MiB}  # the service's store.memoryCacheSize
THREADS=${THREADS:-2}              # wrk threads, for both servers
CONNECTIONS=${CONNECTIONS:-16}     # wrk connections for the chunk GETs, for both servers
LATENCY_CONNECTIONS=${LATENCY_CONNECTIONS:-1} # wrk connections for "current version"
SAMPLES=${SAMPLES:-20000}          # repository calls timed in process
WORK=${WORK:-$root/bench/work/service}
bench_dir="$root/bench"

for tool in wrk nginx openssl java curl cmp bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing; run scripts/install-tools.sh" >&2; exit 1; }
done
"$root/vsekai" --version >/dev/null # builds the CLI if needed
classpath="$root/cli/target/cli-0.1.0-SNAPSHOT.jar:$root/cli/target/lib/*"

data="$WORK/data-${STORE_MB}m-${VERSIONS}v"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/service-bench.XXXXXX")
service_pid="" nginx_pid=""
cleanup() {
  set +e
  for pid in $service_pid $nginx_pid; do kill "$pid" 2>/dev/null; done
  for pid in $service_pid $nginx_pid; do wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)

# ---- data: the store and the tables, made once per size ----------------------------------------
if [ ! -f "$data/.complete" ]; then
  rm -rf "$data" && mkdir -p "$data"
  echo "bench: chunking ${STORE_MB} MiB of random data into $data/store..." >&2
  head -c $((STORE_MB * 1048576)) /dev/zero |
    openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 00000000000000000000000000000000 > "$tmp/blob.bin"
  VSEKAI_NO_REBUILD=1 "$root/vsekai" desync make -s "$data/store" "$data/blob.caibx" "$tmp/blob.bin" >/dev/null
  rm -f "$tmp/blob.bin"
  echo "bench: filling the tables with $VERSIONS versions..." >&2
fi
(cd "$data/store" && find . -name '*.cacnk' | sed 's|^\.||' | sort) > "$tmp/chunks.txt"
chunks=$(wc -l < "$tmp/chunks.txt")
store_bytes=$(find "$data/store" -name '*.cacnk' -printf '%s\n' | awk '{s += $1} END {print s}')
find "$data/store" -name '*.cacnk' -exec cat {} + > /dev/null # the page cache, for both servers

# Fills the tables on first use (the embedded service, stopped again after) and times the
# repository call in process.
echo "bench: \"current version\" in process, $SAMPLES calls..." >&2
java -cp "$classpath" "$bench_dir/ServiceBenchData.java" "$data" "$VERSIONS" "$SAMPLES" > "$tmp/data.out"
touch "$data/.complete"
expected=$(sed -n 's/^expected //p' "$tmp/data.out")
read -r repo_p50 repo_p99 repo_p999 repo_max < <(sed -n 's/^repository //p' "$tmp/data.out")

# ---- the two servers ---------------------------------------------------------------------------
free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port from $1" >&2; exit 1
}
service_port=$(free_port 18080)
# The vsekai script execs the JVM, so this pid is the service's.
NEBULA_STORE_MEMORY_CACHE=$MEMORY_CACHE VSEKAI_JAVA_OPTS="-XX:-UseDynamicNumberOfCompilerThreads ${VSEKAI_JAVA_OPTS:-}" \
  VSEKAI_NO_REBUILD=1 "$root/vsekai" server --data "$data" --port "$service_port" > "$tmp/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  grep -q '^Nebula service at' "$tmp/service.log" && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$tmp/service.log" >&2; echo "bench: the service did not start" >&2; exit 1; }
  sleep 0.5
done
grep -q '^Nebula service at' "$tmp/service.log" || { echo "bench: the service did not start in 2 minutes" >&2; exit 1; }
service="http://127.0.0.1:$service_port"

# nginx as one would deploy it for a static store: all cores, sendfile, no access log; keepalive
# without a request limit, as Jetty's. Everything it writes stays in $tmp.
nginx_port=$(free_port $((service_port + 1)))
mkdir -p "$tmp/nginx"
{
  [ "$(id -u)" = 0 ] && echo "user root;"
  cat <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$nginx_port;
    location /store/ { alias $data/store/; }
  }
}
EOF
} > "$tmp/nginx/nginx.conf"
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 50); do curl -fs -o /dev/null "$nginx_url/store$(head -1 "$tmp/chunks.txt")" && break; sleep 0.2; done

# Both serve the same bytes, and the service the version the data was made to have current.
sample=$(sed -n "$(((chunks + 1) / 2))p" "$tmp/chunks.txt")
if ! { curl -fsS "$service/store$sample" -o "$tmp/a" && curl -fsS "$nginx_url/store$sample" -o "$tmp/b" && cmp -s "$tmp/a" "$tmp/b"; }; then
  echo "bench: service and nginx serve $sample differently" >&2; exit 1
fi
latest_url="$service/api/v1/products/bench/modes/stable/latest"
curl -fsS "$latest_url" | grep -q "\"version\":\"$expected\"" ||
  { echo "bench: $latest_url does not answer $expected" >&2; exit 1; }

# ---- measurements ------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }

# cpu_ticks PID...: user+system clock ticks of these processes and their children's threads.
cpu_ticks() {
  local pid t=0
  for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$t"
}
server_pids() { if [ "$1" = service ]; then echo "$service_pid"; else echo "$nginx_pid" $(pgrep -P "$nginx_pid"); fi; }

# chunk_run service|nginx SECONDS -> "requests/s MB/s CPU-µs/request" (MB = 10^6 bytes on the
# wire, headers included)
chunk_run() {
  local url out pids before after
  if [ "$1" = service ]; then url=$service; else url=$nginx_url; fi
  pids=$(server_pids "$1")
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  out=$(CHUNK_LIST="$tmp/chunks.txt" CHUNK_PREFIX=/store \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s "$bench_dir/service-bench-chunks.lua" "$url" | sed -n 's/^result //p')
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  read -r _ requests _ bytes _ micros _ errors <<< "$out"
  [ "$errors" = 0 ] || { echo "bench: $errors failed chunk GETs at $url" >&2; exit 1; }
  echo "$requests $bytes $micros $((after - before)) $(getconf CLK_TCK)" |
    awk '{printf "%.0f %.1f %.1f\n", $1 / ($3 / 1e6), $2 / $3, $4 / $5 * 1e6 / $1}'
}

# latency_run SECONDS CONNECTIONS -> "p50 p99 p999 max" in ms
latency_run() {
  local out
  out=$(wrk -t1 -c"$2" -d"$1"s -s "$bench_dir/service-bench-latency.lua" "$latest_url" | sed -n 's/^result //p')
  read -r _ p50 _ p99 _ p999 _ max _ requests _ errors <<< "$out"
  [ "$errors" = 0 ] || { echo "bench: $errors failed requests for the current version" >&2; exit 1; }
  echo "$p50 $p99 $p999 $max"
}

# jit_ticks: CPU ticks of the service's JIT compiler threads so far. The service runs with a
# fixed number of compiler threads (below), so none exits and takes its ticks out of the sum; a
# thread that ends between listing and reading is skipped all the same.
jit_ticks() {
  local t v sum=0
  for t in /proc/"$service_pid"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*)
        v=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || v=""
        [ -n "$v" ] && sum=$((sum + v));;
    esac
  done
  echo "$sum"
}
# warm_service COMMAND...: runs COMMAND SECONDS in 10 s rounds until the JIT used under 5% of a
# core in a round, for WARMUP to WARMUP_MAX seconds; prints the seconds it took.
warm_service() {
  local spent=0 before
  while :; do
    before=$(jit_ticks)
    "$@" 10 > /dev/null
    spent=$((spent + 10))
    if [ "$spent" -ge "$WARMUP" ] && [ $(($(jit_ticks) - before)) -lt $(($(getconf CLK_TCK) / 2)) ]; then break; fi
    if [ "$spent" -ge "$WARMUP_MAX" ]; then echo "bench: the JIT was still busy after ${spent} s" >&2; break; fi
  done
  echo "$spent"
}
echo "bench: warming up..." >&2
warm_chunks=$(warm_service chunk_run service)
chunk_run nginx "$WARMUP" > /dev/null
latest_c4() { latency_run "$1" 4; }
warm_latest=$(warm_service latest_c4)
echo "bench:   the service's JIT settled after ${warm_chunks} s of chunk GETs and ${warm_latest} s of current version" >&2

svc_rps=() svc_mbps=() svc_cpu=() ngx_rps=() ngx_mbps=() ngx_cpu=() lat50=() lat99=() lat999=() latmax=()
for run in $(seq 1 "$RUNS"); do
  echo "bench: run $run of $RUNS (${DURATION} s each)" >&2
  if [ $((run % 2)) = 1 ]; then order="service nginx"; else order="nginx service"; fi
  for who in $order; do
    read -r r m c < <(chunk_run "$who" "$DURATION")
    if [ "$who" = service ]; then svc_rps+=("$r"); svc_mbps+=("$m"); svc_cpu+=("$c"); else ngx_rps+=("$r"); ngx_mbps+=("$m"); ngx_cpu+=("$c"); fi
    echo "bench:   chunks  $who: $r requests/s, $m MB/s, $c CPU µs/request; load $(load)" >&2
  done
  echo "bench:   chunks  service/nginx $(ratio "${svc_rps[-1]}" "${ngx_rps[-1]}")" >&2
  read -r a b c d < <(latency_run "$DURATION" "$LATENCY_CONNECTIONS")
  lat50+=("$a"); lat99+=("$b"); lat999+=("$c"); latmax+=("$d")
  echo "bench:   latest  p50 $a p99 $b p99.9 $c max $d ms; load $(load)" >&2
done

# ---- report ------------------------------------------------------------------------------------
s_rps=$(median "${svc_rps[@]}") n_rps=$(median "${ngx_rps[@]}")
s_mbps=$(median "${svc_mbps[@]}") n_mbps=$(median "${ngx_mbps[@]}")
s_cpu=$(median "${svc_cpu[@]}") n_cpu=$(median "${ngx_cpu[@]}")
printf '\nchunk GETs: %d chunks, %d MiB in the store (mean %d KiB), service memory cache %s; wrk -t%d -c%d, %d s, median of %d\n' \
  "$chunks" $((store_bytes / 1048576)) $((store_bytes / chunks / 1024)) "$MEMORY_CACHE" "$THREADS" "$CONNECTIONS" "$DURATION" "$RUNS"
printf '%-14s %12s %10s %18s\n' "" "requests/s" "MB/s" "CPU µs/request"
printf '%-14s %12s %10s %18s\n' service "$s_rps" "$s_mbps" "$s_cpu" nginx "$n_rps" "$n_mbps" "$n_cpu"
printf '%-14s %12s %10s %18s   (goal: requests/s >= 0.80)\n' service/nginx \
  "$(ratio "$s_rps" "$n_rps")" "$(ratio "$s_mbps" "$n_mbps")" "$(ratio "$s_cpu" "$n_cpu")"

printf '\ncurrent version with %d versions (answer %s), ms             p50      p99    p99.9      max\n' "$VERSIONS" "$expected"
printf '%-58s %8s %8s %8s %8s   (goal: p99 < 5)\n' "HTTP GET .../latest, wrk -c$LATENCY_CONNECTIONS, median of $RUNS" \
  "$(median "${lat50[@]}")" "$(median "${lat99[@]}")" "$(median "${lat999[@]}")" "$(median "${latmax[@]}")"
printf '%-58s %8s %8s %8s %8s\n' "CatalogRepository.currentVersion in process, $SAMPLES calls" \
  "$repo_p50" "$repo_p99" "$repo_p999" "$repo_max"

echo
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "load average (1/5/15 min): $load_before before, $(load) after"
