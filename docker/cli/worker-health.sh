#!/bin/sh
# Health of the compose `worker`: its install is readable and the service answers for it.
# `vsekai status` asks the service (HTTPS, with the install's credential) for the install's
# update; it reports "updateState": null when the service cannot be reached or refuses the
# install, and fails when the install cannot be read.
set -eu
status="$(vsekai --json status "${VSEKAI_LAUNCHER_DIR:?VSEKAI_LAUNCHER_DIR is required}")"
case "$status" in
  *'"updateState":null'*) echo "the service does not answer for the install: $status" >&2; exit 1 ;;
  *'"installId":'*) exit 0 ;;
  *) echo "unexpected status: $status" >&2; exit 1 ;;
esac
