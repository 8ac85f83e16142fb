#!/bin/sh
# The temporal-init job (temporalio/admin-tools image), and the way to prepare any existing
# Temporal cluster for Nebula (README.md): waits until the cluster is healthy, creates the
# namespace when it is missing, and registers Nebula's search attributes in it. Idempotent:
# an attribute already registered with the same type is left alone; one registered with
# another type is an error, since Nebula's workflows could not upsert it.
#   TEMPORAL_ADDRESS              host:port of the frontend (the temporal CLI reads it)
#   TEMPORAL_NAMESPACE            the namespace Nebula uses (NEBULA_TEMPORAL_NAMESPACE)
#   TEMPORAL_NAMESPACE_RETENTION  closed workflows' retention for a new namespace, e.g. 720h
#   SEARCH_ATTRIBUTES             Name=Type pairs, e.g. "InstallId=Keyword UpdateState=Keyword"
# TLS and API keys: the temporal CLI's own TEMPORAL_TLS_* and TEMPORAL_API_KEY variables.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
: "${SEARCH_ATTRIBUTES:?SEARCH_ATTRIBUTES is required}"
namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
attempts="${TEMPORAL_INIT_ATTEMPTS:-60}"

i=1
until temporal operator cluster health >/dev/null 2>&1; do
  if [ "$i" -ge "$attempts" ]; then
    echo "temporal-init: $TEMPORAL_ADDRESS is not healthy after $attempts attempts" >&2
    temporal operator cluster health >&2 || true
    exit 1
  fi
  echo "temporal-init: waiting for $TEMPORAL_ADDRESS ($i/$attempts)"
  i=$((i + 1))
  sleep 2
done

if temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  echo "temporal-init: namespace $namespace exists"
else
  echo "temporal-init: creating namespace $namespace (retention $retention)"
  temporal operator namespace create --namespace "$namespace" --retention "$retention"
  # A new namespace reaches every frontend's cache a moment later.
  i=1
  until temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; do
    if [ "$i" -ge "$attempts" ]; then
      echo "temporal-init: namespace $namespace was created but cannot be read" >&2
      exit 1
    fi
    i=$((i + 1))
    sleep 1
  done
fi

existing_type() { # name: its type in the namespace, or nothing
  temporal operator search-attribute list --namespace "$namespace" 2>/dev/null \
    | awk -v name="$1" '$1 == name { print $2 }'
}

for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  type="${pair#*=}"
  if [ -z "$name" ] || [ "$name" = "$pair" ] || [ -z "$type" ]; then
    echo "temporal-init: '$pair' in SEARCH_ATTRIBUTES is not Name=Type" >&2
    exit 1
  fi
  # A namespace just created can take some seconds to reach the operator service: retry.
  i=1
  while :; do
    have="$(existing_type "$name")"
    if [ -n "$have" ]; then
      if [ "$(echo "$have" | tr '[:upper:]' '[:lower:]')" = "$(echo "$type" | tr '[:upper:]' '[:lower:]')" ]; then
        echo "temporal-init: $name ($type) is registered"
        break
      fi
      echo "temporal-init: $name is registered in $namespace as $have, not $type; Nebula's workflows need $type" >&2
      exit 1
    fi
    if out="$(temporal operator search-attribute create --namespace "$namespace" --name "$name" --type "$type" 2>&1)"; then
      continue # verified by the list on the next round
    fi
    if [ "$i" -ge "$attempts" ]; then
      echo "temporal-init: cannot register $name as $type in $namespace: $out" >&2
      exit 1
    fi
    echo "temporal-init: $name not registered yet ($i/$attempts): $(echo "$out" | tail -n 1)"
    i=$((i + 1))
    sleep 2
  done
done
echo "temporal-init: namespace $namespace is ready for Nebula"
