#!/bin/bash
# The cockroach-certs job: TLS material for CockroachDB, made once and kept in volumes.
#   /ca         ca.crt + ca.key       the cluster's CA; mounted in this job only
#   /certs      ca.crt, node.*, client.root.*   for the nodes and the root-only jobs
#   /client-ca  ca.crt                 for the service, to verify the nodes (sslmode=verify-full)
# Anything already there is kept, so the nodes' identity survives `docker compose up` runs.
# COCKROACH_NODE_NAMES: the names and addresses the node certificate is valid for.
set -euo pipefail

ca_dir=/ca
certs_dir=/certs
client_ca_dir=/client-ca
: "${COCKROACH_NODE_NAMES:?COCKROACH_NODE_NAMES is required}"

if [ ! -f "$ca_dir/ca.key" ]; then
  echo "cockroach-certs: creating the CA"
  cockroach cert create-ca --certs-dir="$ca_dir" --ca-key="$ca_dir/ca.key"
elif [ ! -f "$ca_dir/ca.crt" ]; then
  echo "cockroach-certs: re-creating the CA certificate from the kept key"
  cockroach cert create-ca --certs-dir="$ca_dir" --ca-key="$ca_dir/ca.key" --allow-ca-key-reuse
fi

# The nodes and clients trust the CA through a copy of its certificate (never its key).
cp "$ca_dir/ca.crt" "$certs_dir/ca.crt"
cp "$ca_dir/ca.crt" "$client_ca_dir/ca.crt"
chmod 0644 "$certs_dir/ca.crt" "$client_ca_dir/ca.crt"

if [ ! -f "$certs_dir/node.crt" ]; then
  echo "cockroach-certs: creating the node certificate for: $COCKROACH_NODE_NAMES"
  # Word splitting is wanted: one argument per name.
  # shellcheck disable=SC2086
  cockroach cert create-node $COCKROACH_NODE_NAMES --certs-dir="$certs_dir" --ca-key="$ca_dir/ca.key"
fi

if [ ! -f "$certs_dir/client.root.crt" ]; then
  echo "cockroach-certs: creating the root client certificate"
  cockroach cert create-client root --certs-dir="$certs_dir" --ca-key="$ca_dir/ca.key"
fi

cockroach cert list --certs-dir="$certs_dir"
