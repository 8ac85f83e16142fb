#!/usr/bin/env bash
# Benchmark (not a test): our desync engine against the real desync and casync, same machine,
# same data, one run. Generates SIZE_MB of random data (v1) and a v2 with about 5% of it
# rewritten in 128 KiB spans, then times, for each tool:
#   make    - chunk v1 and v2 into a fresh local store (index + compressed chunks)
#   extract - rebuild v2 from the store, seeded with v1 (only changed chunks come from the store)
# Each measurement is the median of RUNS runs with warm page cache for every tool alike.
# Prints the times and the ratios ours/desync and ours/casync (< 1.0 means we are faster).
#
#   bench/desync-bench.sh                 # 1 GiB, 3 runs
#   SIZE_MB=256 RUNS=1 bench/desync-bench.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
WORK=${WORK:-$root/bench/work}
export PATH="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"

for tool in desync casync openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing; run scripts/install-tools.sh" >&2; exit 1; }
done
"$root/vsekai" --version >/dev/null # builds the CLI if needed
vsekai() { "$root/vsekai" "$@"; }

mkdir -p "$WORK" && cd "$WORK"
if [ ! -f v1.bin ] || [ "$(stat -c %s v1.bin)" != $((SIZE_MB * 1048576)) ]; then
  echo "bench: generating ${SIZE_MB} MiB v1 and v2 (5% rewritten)..." >&2
  head -c $((SIZE_MB * 1048576)) /dev/zero |
    openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 00000000000000000000000000000000 > v1.bin
  cp v1.bin v2.bin
  spans=$((SIZE_MB * 1048576 / 20 / 131072))
  blocks=$((SIZE_MB * 8 - 1)) # 128 KiB blocks in the file, minus one
  for i in $(seq 1 "$spans"); do
    at=$(( (i * 2654435761) % blocks ))
    head -c 131072 /dev/zero | openssl enc -aes-128-ctr -nosalt -K 0f0e0d0c0b0a09080706050403020100 -iv "$(printf '%032x' "$i")" |
      dd of=v2.bin bs=131072 seek="$at" conv=notrunc status=none
  done
fi
cat v1.bin v2.bin > /dev/null # warm the page cache for everyone

now() { date +%s.%N; }
# median TIMES... -> median
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# time_cmd PREPARE CMD: median seconds of RUNS runs of CMD, each after PREPARE
time_cmd() {
  local prepare=$1 cmd=$2 times=()
  for _ in $(seq 1 "$RUNS"); do
    eval "$prepare"
    local t0 t1
    t0=$(now)
    eval "$cmd" >/dev/null 2>&1 || { echo "bench: failed: $cmd" >&2; exit 1; }
    t1=$(now)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  median "${times[@]}"
}

fresh() { rm -rf "$1" && mkdir -p "$1"; }

echo "bench: make (chunk + compress + store v1 and v2)..." >&2
ours_make=$(time_cmd "fresh s-ours" "vsekai desync make -s s-ours o1.caibx v1.bin && vsekai desync make -s s-ours o2.caibx v2.bin")
desync_make=$(time_cmd "fresh s-desync" "desync make -s s-desync d1.caibx v1.bin && desync make -s s-desync d2.caibx v2.bin")
casync_make=$(time_cmd "fresh s-casync" "casync make --store=s-casync c1.caibx v1.bin && casync make --store=s-casync c2.caibx v2.bin")
cmp -s o1.caibx d1.caibx && cmp -s o2.caibx d2.caibx || { echo "bench: our index differs from desync's" >&2; exit 1; }

echo "bench: seeded extract of v2 from v1..." >&2
ours_extract=$(time_cmd "rm -f out-ours" "vsekai desync extract -s s-ours --seed o1.caibx:v1.bin o2.caibx out-ours")
desync_extract=$(time_cmd "rm -f out-desync" "desync extract -s s-desync --seed d1.caibx:v1.bin d2.caibx out-desync")
casync_extract=$(time_cmd "rm -f out-casync" "casync extract --store=s-casync --seed=v1.bin --seed-output=no --reflink=no --hardlink=no c2.caibx out-casync")
for f in out-ours out-desync out-casync; do cmp -s "$f" v2.bin || { echo "bench: $f differs from v2" >&2; exit 1; }; done

fetched=$(vsekai desync info --seed o1.caibx:v1.bin o2.caibx | sed -n 's/.*"bytes-to-fetch": \([0-9]*\).*/\1/p')
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
printf '\n%-24s %10s %10s %10s %14s %14s\n' "${SIZE_MB} MiB, median of $RUNS" ours desync casync ours/desync ours/casync
printf '%-24s %10.2f %10.2f %10.2f %14s %14s\n' "make v1+v2 (s)" "$ours_make" "$desync_make" "$casync_make" "$(ratio "$ours_make" "$desync_make")" "$(ratio "$ours_make" "$casync_make")"
printf '%-24s %10.2f %10.2f %10.2f %14s %14s\n' "seeded extract v2 (s)" "$ours_extract" "$desync_extract" "$casync_extract" "$(ratio "$ours_extract" "$desync_extract")" "$(ratio "$ours_extract" "$casync_extract")"
printf '\nv2 changed bytes to fetch with v1 as seed: %s of %s (%s%%)\n' "$fetched" "$((SIZE_MB * 1048576))" "$(echo "scale=1; 100 * $fetched / ($SIZE_MB * 1048576)" | bc -l)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), desync v1.0.4, $(casync --version | head -1)"
