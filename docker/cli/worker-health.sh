#!/bin/sh
# Health of the compose `worker`: its install is readable and Temporal answers for it
# (`vsekai status` reports "updateState": null when Temporal cannot be reached).
set -eu
status="$(vsekai --json status "${VSEKAI_LAUNCHER_DIR:?VSEKAI_LAUNCHER_DIR is required}")"
case "$status" in
  *'"updateState":null'*) echo "Temporal unreachable: $status" >&2; exit 1 ;;
  *'"installId":'*) exit 0 ;;
  *) echo "unexpected status: $status" >&2; exit 1 ;;
esac
