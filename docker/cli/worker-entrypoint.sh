#!/bin/sh
# The compose `worker`: an install in VSEKAI_LAUNCHER_DIR served by `vsekai worker`. On the
# first start the folder is made an install of WORKER_PRODUCT in WORKER_MODE: `vsekai install`
# registers it with the service at NEBULA_SERVICE_URL (HTTPS, trusting NEBULA_CA_CERT), which
# gives it its id, its own credential and its gateway, and pins the service's signing key. Until
# that product and mode exist the install is retried every WORKER_INSTALL_RETRY_SECONDS. Then
# `vsekai worker` connects to the install gateway (NEBULA_GATEWAY, else the one the service
# named) with TLS; the install's updates come from its periodic check (WORKER_CHECK_INTERVAL
# minutes) and from rollouts.
set -eu

dir="${VSEKAI_LAUNCHER_DIR:?VSEKAI_LAUNCHER_DIR is required}"
: "${NEBULA_SERVICE_URL:?NEBULA_SERVICE_URL is required}"
retry="${WORKER_INSTALL_RETRY_SECONDS:-30}"

if [ -n "${NEBULA_CA_CERT:-}" ] && [ ! -r "$NEBULA_CA_CERT" ]; then
  echo "vsekai-worker: cannot read NEBULA_CA_CERT=$NEBULA_CA_CERT (the nebula-ca volume, made by nebula-certs)" >&2
  exit 1
fi

while [ ! -f "$dir/.nebula/install.json" ]; do
  status=0
  vsekai install --no-update \
    --product "${WORKER_PRODUCT:-v-sekai}" \
    --mode "${WORKER_MODE:-stable}" \
    --check-interval "${WORKER_CHECK_INTERVAL:-60}" \
    "$dir" || status=$?
  if [ "$status" -eq 0 ]; then
    break
  fi
  if [ "$status" -eq 2 ]; then
    echo "vsekai-worker: the install's settings are wrong (exit 2); not retrying" >&2
    exit 2
  fi
  echo "vsekai-worker: cannot install yet (exit $status); retrying in ${retry}s" >&2
  sleep "$retry"
done
exec vsekai worker "$dir"
