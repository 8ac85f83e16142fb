#!/bin/bash
# The cockroach-init job of the three-node variant: `cockroach init` once every node listens.
# Re-running it on an initialised cluster is a no-op.
set -euo pipefail

host="${COCKROACH_HOST:-cockroach:26257}"
attempts="${COCKROACH_INIT_ATTEMPTS:-60}"

for i in $(seq 1 "$attempts"); do
  if out=$(cockroach init --certs-dir=/certs --host="$host" 2>&1); then
    echo "cockroach-init: $out"
    exit 0
  fi
  if grep -qi "already been initialized" <<<"$out"; then
    echo "cockroach-init: the cluster is already initialised"
    exit 0
  fi
  echo "cockroach-init: not yet ($i/$attempts): $out"
  sleep 2
done
echo "cockroach-init: gave up after $attempts attempts" >&2
exit 1
