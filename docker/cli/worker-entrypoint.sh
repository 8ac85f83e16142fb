#!/bin/sh
# The compose `worker`: an install in VSEKAI_LAUNCHER_DIR served by `vsekai worker`. On the
# first start the folder is made an install of WORKER_PRODUCT in WORKER_MODE (registered with
# the service at NEBULA_SERVICE_URL, whose signing key it pins); until that product has been
# published the install is retried every WORKER_INSTALL_RETRY_SECONDS. Its updates then come
# from the worker's own periodic check (WORKER_CHECK_INTERVAL minutes) and from rollouts.
set -eu

dir="${VSEKAI_LAUNCHER_DIR:?VSEKAI_LAUNCHER_DIR is required}"
: "${NEBULA_SERVICE_URL:?NEBULA_SERVICE_URL is required}"
retry="${WORKER_INSTALL_RETRY_SECONDS:-30}"

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
