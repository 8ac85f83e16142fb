#!/usr/bin/env bash
# Benchmark (not a test) for "Smaller downloads": bytes on the wire and update (apply) time of
# one update, same machine, same data, one run, for
#   nebula-chunks  Nebula, chunks only: per changed file the compressed chunks (.cacnk, zstd 3)
#                  of its index that neither the old release's files (all of them, as seeds)
#                  nor the chunks already fetched for this update hold; apply = Extractor from
#                  those seeds and a local store holding the fetched chunks
#                  (bench/DeltaBench.java)
#   nebula-best    Nebula, best of: per changed file the cheaper of that and a zstd patch from
#                  the same path in the old release (PatchCodec, its default level); apply =
#                  PatchCodec.apply for patched files, Extractor for the rest
#   desync-extract the real desync v1.0.4, per changed file: desync extract --seed OLD.caibx:OLD
#                  NEW.caibx (a file new in this release has no seed)
#   desync-untar   desync tar -i of the old and the new tree, then desync untar -i --cache
#                  <store of the old tree's chunks> NEW.caidx (writes the whole tree)
#   zstd-patch     zstd -19 --long=31 --patch-from=OLD NEW per changed file (a new file: plain
#                  zstd -19 --long=31); apply = zstd -d --long=31 --patch-from
#   zstd-full      zstd -19 --long=31 of each changed file; apply = zstd -d --long=31
# desync's bytes are what a real nginx on loopback sent ($body_bytes_sent of every request in
# its access log) while desync fetched from it; Nebula's and zstd's are the sizes of the chunk
# files and patches they would send. Indexes (.caibx/.caidx) and manifests are not counted for
# anyone. Apply seconds are the median of RUNS runs with a warm page cache; desync's are timed
# against the same store on local disk (the HTTP run only counts bytes), so every tool is timed
# from local data. All use desync's default chunk sizes 16:64:256 KiB, as Nebula does.
#
# Datasets:
#   generated  a deterministic game-like tree (fixed seed; bench/DeltaBench.java gen): random
#              texture blobs (one unchanged, one re-exported, one repainted in place), a pack
#              of text-like and random assets with in-place edits, inserted, replaced, removed
#              and appended assets, unchanged files, a removed and a new level, a config with
#              its version bumped. About 60 MB a version; 15 MB with --quick.
#   ruff       two consecutive releases of ruff from PyPI (manylinux x86_64 wheels, a ~30 MB
#              native executable each), unpacked as the "build". The version in the wheel's
#              folder names (ruff-0.6.8.data/, ...) is dropped so that files keep their path
#              across versions, as a game build's do. The wheels are downloaded by
#              scripts/install-tools.sh into NEBULA_BENCH_DATA, or here if missing.
#
#   bash bench/delta-bench.sh                 # both datasets, 3 runs
#   bash bench/delta-bench.sh --quick         # small generated tree, ruff, 1 run
#   RUNS=5 RUFF_OLD=0.6.8 RUFF_NEW=0.6.9 bash bench/delta-bench.sh
# Goals printed at the end: best-of <= 0.8x desync's bytes on the compiled-binary pair, best-of
# never above 1.0x desync's bytes, best-of apply <= 1.2x chunk-only apply, and the publish cost
# (patch CPU seconds per GB changed). "desync's bytes" are the fewer of its two ways.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
QUICK=""
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$QUICK" ]; then : "${RUNS:=1}" "${SCALE:=0.25}"; fi
RUNS=${RUNS:-3}
SCALE=${SCALE:-1}                  # generated tree: 1 is about 60 MB a version
RUFF_OLD=${RUFF_OLD:-0.6.8}
RUFF_NEW=${RUFF_NEW:-0.6.9}
WORK=${WORK:-$root/bench/work/delta}
DATA=${NEBULA_BENCH_DATA:-$HOME/.cache/nebula-bench}
PATH="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"; export PATH

for tool in desync nginx zstd java mvn unzip cmp diff awk python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing; run scripts/install-tools.sh" >&2; exit 1; }
done
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# ---- the desync module and its class path ------------------------------------------------------
jar="$root/desync/target/desync-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/desync/src/main" "$root/desync/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "bench: building the desync module (mvn package -pl desync)..." >&2
  (cd "$root" && { mvn -B -q -o package -pl desync -DskipTests || mvn -B -q package -pl desync -DskipTests; }) >&2
fi
cpfile="$WORK/classpath.txt"
if [ ! -s "$cpfile" ] || [ "$root/desync/pom.xml" -nt "$cpfile" ] || [ "$root/pom.xml" -nt "$cpfile" ]; then
  (cd "$root" && { mvn -B -q -o dependency:build-classpath -pl desync -DincludeScope=runtime -Dmdep.outputFile="$cpfile" ||
    mvn -B -q dependency:build-classpath -pl desync -DincludeScope=runtime -Dmdep.outputFile="$cpfile"; }) >&2
fi
classpath="$jar:$(cat "$cpfile")"
bench() { nice -n 10 java -cp "$classpath" "$root/bench/DeltaBench.java" "$@"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/delta-bench.XXXXXX")
nginx_pid=""
cleanup() {
  set +e
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# ---- data ---------------------------------------------------------------------------------------
gen="$WORK/data/generated-$SCALE"
if [ ! -f "$gen/.complete" ]; then
  echo "bench: generating the game-like tree (scale $SCALE) in $gen..." >&2
  rm -rf "$gen"
  bench gen "$gen/v1" "$gen/v2" "$SCALE"
  touch "$gen/.complete"
fi

wheel() { ls "$DATA"/ruff-"$1"-py3-none-*manylinux_2_17_x86_64*.whl 2>/dev/null | head -1; }
pip_download() { # version
  local pip=(python3 -m pip)
  if ! python3 -m pip --version >/dev/null 2>&1; then
    python3 -m venv "$DATA/.venv" && pip=("$DATA/.venv/bin/pip")
  fi
  "${pip[@]}" download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform manylinux_2_17_x86_64 --python-version 3.12 "ruff==$1" -d "$DATA"
}
for v in "$RUFF_OLD" "$RUFF_NEW"; do
  if [ -z "$(wheel "$v")" ]; then
    echo "bench: the ruff $v wheel is not in $DATA (scripts/install-tools.sh puts it there); downloading it from PyPI..." >&2
    mkdir -p "$DATA"
    pip_download "$v" || { echo "bench: cannot download ruff $v; run scripts/install-tools.sh" >&2; exit 1; }
  fi
done
ruff="$WORK/data/ruff-$RUFF_OLD-$RUFF_NEW"
unpack() { # wheel dir version
  rm -rf "$2" && mkdir -p "$2" && unzip -q "$1" -d "$2"
  local d
  for d in "$2"/*-"$3".*; do mv "$d" "${d/-$3./.}"; done
}
if [ ! -f "$ruff/.complete" ]; then
  echo "bench: unpacking the ruff $RUFF_OLD and $RUFF_NEW wheels into $ruff..." >&2
  rm -rf "$ruff"
  unpack "$(wheel "$RUFF_OLD")" "$ruff/v1" "$RUFF_OLD"
  unpack "$(wheel "$RUFF_NEW")" "$ruff/v2" "$RUFF_NEW"
  touch "$ruff/.complete"
fi

# ---- nginx on loopback, serving the desync stores, logging bytes sent ---------------------------
srv="$WORK/srv"
rm -rf "$srv" && mkdir -p "$srv"
free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port from $1" >&2; exit 1
}
port=$(free_port 18380)
mkdir -p "$tmp/nginx"
{
  [ "$(id -u)" = 0 ] && echo "user root;"
  cat <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 256; }
http {
  log_format bytes '\$body_bytes_sent \$status \$request_method \$request_uri';
  access_log $tmp/nginx/access.log bytes;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$port;
    root $srv;
    location / { }
  }
}
EOF
} > "$tmp/nginx/nginx.conf"
touch "$tmp/nginx/access.log"
nginx -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx/error.log" >&2; echo "bench: nginx did not start" >&2; exit 1; }
  sleep 0.1
done
url="http://127.0.0.1:$port"
log_mark() { wc -l < "$tmp/nginx/access.log"; }
# bytes nginx sent in the requests logged after mark; fails on any request that was not a 200
bytes_since() {
  awk -v from="$1" 'NR > from { s += $1; if ($2 != 200) bad++ } END { if (bad) { print "bench: " bad " requests not answered 200" > "/dev/stderr"; exit 1 } print s + 0 }' "$tmp/nginx/access.log"
}

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_runs PREPARE CMD: median seconds of RUNS runs of CMD, each after PREPARE (not timed)
time_runs() {
  local prepare=$1 cmd=$2 times=() t0 t1
  for _ in $(seq 1 "$RUNS"); do
    eval "$prepare"
    t0=$(now)
    eval "$cmd" >/dev/null 2>&1 || { echo "bench: failed: $cmd" >&2; exit 1; }
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
  done
  median "${times[@]}"
}
fresh() { rm -rf "$1" && mkdir -p "$1"; }
sum_sizes() { if [ $# -eq 0 ]; then echo 0; else stat -c %s "$@" | awk '{s += $1} END {print s + 0}'; fi; }

results="$WORK/results.txt"
: > "$results"

# ---- one dataset --------------------------------------------------------------------------------
run_dataset() { # name dir
  local name=$1 v1="$2/v1" v2="$2/v2" w="$WORK/run/$1" p
  echo "bench: == $name ==" >&2
  rm -rf "$w" && mkdir -p "$w"
  find "$v1" "$v2" -type f -exec cat {} + >/dev/null # the page cache, for every tool alike

  # Changed files: new in v2, or different from the same path in v1.
  (cd "$v2" && find . -type f ! -name .complete | sed 's|^\./||' | LC_ALL=C sort) > "$w/v2.list"
  : > "$w/changed.list"
  while IFS= read -r p; do
    if [ ! -f "$v1/$p" ] || ! cmp -s "$v1/$p" "$v2/$p"; then echo "$p" >> "$w/changed.list"; fi
  done < "$w/v2.list"
  mapfile -t changed < "$w/changed.list"
  echo "bench: $name: ${#changed[@]} changed files: ${changed[*]}" >&2

  # -- Nebula (bench/DeltaBench.java)
  echo "bench: $name: Nebula, chunks only and best of (patches at PatchCodec.DEFAULT_LEVEL)..." >&2
  bench run "$v1" "$v2" "$w/nebula" "$RUNS" > "$w/nebula.out"
  sed -n "s/^result /$name /p" "$w/nebula.out" >> "$results"
  sed -n "s/^publish /$name publish /p" "$w/nebula.out" >> "$results"
  sed -n "s/^routes /$name routes /p" "$w/nebula.out" >> "$results"

  # -- desync (a): extract per file, seeded with the old file at the same path
  echo "bench: $name: desync make + extract per file..." >&2
  local sa="$srv/$name/store-extract" seedargs
  mkdir -p "$sa"
  for p in "${changed[@]}"; do
    mkdir -p "$(dirname "$w/idx/new/$p")" "$(dirname "$w/idx/old/$p")"
    desync make -s "$sa" "$w/idx/new/$p.caibx" "$v2/$p" >/dev/null
    [ -f "$v1/$p" ] && desync make "$w/idx/old/$p.caibx" "$v1/$p" >/dev/null
  done
  extract_all() { # store out
    for p in "${changed[@]}"; do
      seedargs=()
      [ -f "$v1/$p" ] && seedargs=(--seed "$w/idx/old/$p.caibx:$v1/$p")
      mkdir -p "$(dirname "$2/$p")"
      desync extract -s "$1" "${seedargs[@]}" "$w/idx/new/$p.caibx" "$2/$p" >/dev/null
    done
  }
  local mark
  fresh "$w/out-extract"
  mark=$(log_mark)
  extract_all "$url/$name/store-extract/" "$w/out-extract"
  local extract_bytes
  extract_bytes=$(bytes_since "$mark")
  for p in "${changed[@]}"; do cmp -s "$w/out-extract/$p" "$v2/$p" || { echo "bench: desync extract made a wrong $p" >&2; exit 1; }; done
  local extract_s
  extract_s=$(time_runs 'fresh "$w/out-extract"' 'extract_all "$sa" "$w/out-extract"')
  echo "$name desync-extract $extract_bytes $extract_s" >> "$results"

  # -- desync (b): tar both trees, untar the new one with the old one's chunks as cache
  echo "bench: $name: desync tar + untar with the old tree's chunks as cache..." >&2
  local sb="$srv/$name/store-tar"
  mkdir -p "$sb"
  desync tar -i -s "$sb" "$w/idx/old.caidx" "$v1" >/dev/null
  desync tar -i -s "$sb" "$w/idx/new.caidx" "$v2" >/dev/null
  mkdir -p "$w/cache-old"
  desync tar -i -s "$w/cache-old" "$w/idx/old-cache.caidx" "$v1" >/dev/null
  untar_prepare() { rm -rf "$w/cache" "$w/out-untar" && cp -a "$w/cache-old" "$w/cache"; }
  untar_prepare
  mark=$(log_mark)
  desync untar -i -s "$url/$name/store-tar/" --cache "$w/cache" "$w/idx/new.caidx" "$w/out-untar" >/dev/null
  local untar_bytes
  untar_bytes=$(bytes_since "$mark")
  diff -r -x .complete "$v2" "$w/out-untar" >/dev/null || { echo "bench: desync untar made a different tree" >&2; exit 1; }
  local untar_s
  untar_s=$(time_runs untar_prepare 'desync untar -i -s "$sb" --cache "$w/cache" "$w/idx/new.caidx" "$w/out-untar"')
  echo "$name desync-untar $untar_bytes $untar_s" >> "$results"

  # -- zstd --patch-from, and the full compressed files
  echo "bench: $name: zstd -19 --long=31 patches and full files..." >&2
  local t0 t1
  t0=$(now)
  for p in "${changed[@]}"; do
    mkdir -p "$(dirname "$w/zpatch/$p")" "$(dirname "$w/zfull/$p")"
    if [ -f "$v1/$p" ]; then
      nice -n 10 zstd -q -f -19 --long=31 --patch-from="$v1/$p" "$v2/$p" -o "$w/zpatch/$p.zst" 2>>"$w/zstd.log"
    else
      nice -n 10 zstd -q -f -19 --long=31 "$v2/$p" -o "$w/zpatch/$p.zst"
    fi
  done
  t1=$(now)
  for p in "${changed[@]}"; do nice -n 10 zstd -q -f -19 --long=31 "$v2/$p" -o "$w/zfull/$p.zst"; done
  echo "$name zstd-patch-make $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" >> "$results"
  zpatch_apply() {
    for p in "${changed[@]}"; do
      mkdir -p "$(dirname "$w/out-zpatch/$p")"
      if [ -f "$v1/$p" ]; then
        zstd -q -d --long=31 --patch-from="$v1/$p" "$w/zpatch/$p.zst" -o "$w/out-zpatch/$p"
      else
        zstd -q -d --long=31 "$w/zpatch/$p.zst" -o "$w/out-zpatch/$p"
      fi
    done
  }
  zfull_apply() {
    for p in "${changed[@]}"; do
      mkdir -p "$(dirname "$w/out-zfull/$p")"
      zstd -q -d --long=31 "$w/zfull/$p.zst" -o "$w/out-zfull/$p"
    done
  }
  fresh "$w/out-zpatch" && zpatch_apply && fresh "$w/out-zfull" && zfull_apply
  for p in "${changed[@]}"; do
    cmp -s "$w/out-zpatch/$p" "$v2/$p" && cmp -s "$w/out-zfull/$p" "$v2/$p" || { echo "bench: zstd made a wrong $p" >&2; exit 1; }
  done
  local zp_bytes zf_bytes zp_s zf_s
  zp_bytes=$(cd "$w/zpatch" && sum_sizes "${changed[@]/%/.zst}")
  zf_bytes=$(cd "$w/zfull" && sum_sizes "${changed[@]/%/.zst}")
  zp_s=$(time_runs 'fresh "$w/out-zpatch"' zpatch_apply)
  zf_s=$(time_runs 'fresh "$w/out-zfull"' zfull_apply)
  echo "$name zstd-patch $zp_bytes $zp_s" >> "$results"
  echo "$name zstd-full $zf_bytes $zf_s" >> "$results"
}

run_dataset generated "$gen"
run_dataset ruff "$ruff"

# ---- the table and the goals --------------------------------------------------------------------
echo
awk -v runs="$RUNS" -v ruffpair="ruff $RUFF_OLD -> $RUFF_NEW" '
  function lbl(m) {
    if (m == "nebula-chunks") return "Nebula (chunks only)"
    if (m == "nebula-best") return "Nebula (best of)"
    if (m == "desync-extract") return "desync extract --seed"
    if (m == "desync-untar") return "desync untar --cache"
    if (m == "zstd-patch") return "zstd --patch-from"
    if (m == "zstd-full") return "full zstd -19 download"
    return m
  }
  function r(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
  $2 == "publish" { pubcpu[$1] = $3; pubbytes[$1] = $4; next }
  $2 == "routes" { routes[$1] = $3; next }
  $2 == "zstd-patch-make" { zmake[$1] = $3; next }
  {
    if (!($1 in seen)) { seen[$1] = 1; ds[++nds] = $1 }
    rows[$1, ++n[$1]] = $2; bytes[$1, $2] = $3; secs[$1, $2] = $4
  }
  END {
    for (d = 1; d <= nds; d++) {
      x = ds[d]
      ref = bytes[x, "desync-extract"]; if (bytes[x, "desync-untar"] < ref) ref = bytes[x, "desync-untar"]
      desref[x] = ref
      printf "%s (%s changed bytes; apply = median of %s runs)\n", (x == "ruff" ? ruffpair : x), pubbytes[x], runs
      printf "  %-24s %14s %10s %10s %12s\n", "method", "bytes on wire", "x desync", "apply s", "x neb-chunks"
      for (i = 1; i <= n[x]; i++) {
        m = rows[x, i]
        printf "  %-24s %14d %10s %10.3f %12s\n", lbl(m), bytes[x, m], r(bytes[x, m], ref), secs[x, m], r(secs[x, m], secs[x, "nebula-chunks"])
      }
      printf "  (x desync: against the fewer bytes of desync'"'"'s two ways, %d; best of sent %s changed files as patches)\n\n", ref, routes[x]
    }
    all = 1; apply = 1; list = ""; alist = ""
    for (d = 1; d <= nds; d++) {
      x = ds[d]
      b = bytes[x, "nebula-best"] / desref[x]
      if (b > 1.0) all = 0
      list = list sprintf(" %s %.2f", x, b)
      a = secs[x, "nebula-best"] / secs[x, "nebula-chunks"]
      if (a > 1.2) apply = 0
      alist = alist sprintf(" %s %.2f", x, a)
    }
    if ("ruff" in desref) {
      b = bytes["ruff", "nebula-best"] / desref["ruff"]
      printf "goal: best-of <= 0.8x desync bytes on the compiled-binary pair (ruff): %.2f  %s\n", b, (b <= 0.8 ? "PASS" : "FAIL")
    }
    printf "goal: best-of never above 1.0x desync bytes:%s  %s\n", list, (all ? "PASS" : "FAIL")
    printf "goal: best-of apply <= 1.2x chunk-only apply:%s  %s\n", alist, (apply ? "PASS" : "FAIL")
    printf "publish cost: patch CPU seconds per GB changed (PatchCodec.DEFAULT_LEVEL, one thread):"
    for (d = 1; d <= nds; d++) {
      x = ds[d]
      printf " %s %.1f s/GB (%.2f s for %.1f MB)", x, pubcpu[x] / (pubbytes[x] / 1e9), pubcpu[x], pubbytes[x] / 1e6
      if (x in zmake) printf " [zstd CLI -19 --patch-from: %s s wall]", zmake[x]
      if (d < nds) printf ";"
    }
    printf "\n"
  }' "$results"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), desync v1.0.4, $(zstd --version | sed 's/.*\(v[0-9.]*\).*/zstd \1/'), $(nginx -v 2>&1 | sed 's/.*: //')"
