#!/bin/sh
# The nebula-certs job: the service's self-signed TLS certificate, made once and kept in volumes.
#   /etc/nebula/tls  nebula.p12 (the key and the certificate, for the service: NEBULA_TLS_KEYSTORE)
#                    and nebula.crt
#   /etc/nebula/ca   nebula.crt, the certificate as PEM for clients (NEBULA_CA_CERT, --ca,
#                    curl --cacert); never the key
# (TLS_DIR and CA_DIR change those two folders, to try the script outside the stack.)
# An existing key store is kept, so players who trust the certificate keep trusting it; each run
# checks that KEYSTORE_PASSWORD still opens it and exports the PEM again.
# CERT_NAMES: the names and addresses the certificate is valid for (space-separated).
# SERVICE_KEYSTORE: the key store the service uses (NEBULA_TLS_KEYSTORE); when it is not this
# job's, the service has a certificate of its own (docker/README.md, "TLS") and nothing is done.
set -eu

tls_dir="${TLS_DIR:-/etc/nebula/tls}"
ca_dir="${CA_DIR:-/etc/nebula/ca}"
keystore="$tls_dir/nebula.p12"
alias=nebula
days=3650
: "${CERT_NAMES:?CERT_NAMES is required}"

if [ "${SERVICE_KEYSTORE:-$keystore}" != "$keystore" ]; then
  echo "nebula-certs: the service uses its own key store $SERVICE_KEYSTORE; nothing to make"
  exit 0
fi
: "${KEYSTORE_PASSWORD:?KEYSTORE_PASSWORD is required}"

case "$KEYSTORE_PASSWORD" in
  change-me*)
    echo "nebula-certs: set NEBULA_TLS_KEYSTORE_PASSWORD in docker/.env to a password of your own" >&2
    exit 1
    ;;
esac
if [ "${#KEYSTORE_PASSWORD}" -lt 6 ]; then
  echo "nebula-certs: NEBULA_TLS_KEYSTORE_PASSWORD needs at least 6 characters" >&2
  exit 1
fi

# SAN=dns:nebula,dns:localhost,ip:127.0.0.1,...: an address where the name is one, a DNS name
# otherwise. Word splitting is wanted: one name per word.
san=""
cn=""
# shellcheck disable=SC2086
for name in $CERT_NAMES; do
  case "$name" in
    *[!A-Za-z0-9.:-]*)
      echo "nebula-certs: '$name' is not a host name or an address" >&2
      exit 1
      ;;
    *:*) kind=ip ;;
    *[!0-9.]*) kind=dns ;;
    *) kind=ip ;;
  esac
  san="${san:+$san,}$kind:$name"
  # The subject names the first name after the stack's own (the public one, if any).
  case "$name" in nebula | localhost | 127.0.0.1) ;; *) [ -n "$cn" ] || cn="$name" ;; esac
done
cn="${cn:-nebula}"

if [ ! -f "$keystore" ]; then
  echo "nebula-certs: creating a self-signed certificate for $san, valid for $days days"
  tmp="$keystore.tmp"
  rm -f "$tmp"
  (
    umask 077
    keytool -genkeypair -noprompt \
      -alias "$alias" -keyalg RSA -keysize 3072 -sigalg SHA256withRSA -validity "$days" \
      -dname "CN=$cn, O=Nebula" -ext "SAN=$san" \
      -storetype PKCS12 -keystore "$tmp" -storepass:env KEYSTORE_PASSWORD
  )
  mv "$tmp" "$keystore"
  printf '%s\n' "$san" > "$tls_dir/names"
elif ! keytool -list -storetype PKCS12 -keystore "$keystore" -storepass:env KEYSTORE_PASSWORD \
  -alias "$alias" > /dev/null 2>&1; then
  echo "nebula-certs: NEBULA_TLS_KEYSTORE_PASSWORD does not open the existing $keystore: set it" \
    "back to the password it was made with, or delete nebula.p12 in the nebula-tls volume to" \
    "make a new certificate (players then need the new nebula.crt)" >&2
  exit 1
elif [ "$(cat "$tls_dir/names" 2> /dev/null || true)" != "$san" ]; then
  echo "nebula-certs: keeping the existing certificate, made for $(cat "$tls_dir/names" 2> /dev/null || echo 'other names');" \
    "delete nebula.p12 in the nebula-tls volume to make one for $san" >&2
fi

# The certificate as PEM, for clients to trust; the same bytes on every run.
keytool -exportcert -rfc -alias "$alias" \
  -storetype PKCS12 -keystore "$keystore" -storepass:env KEYSTORE_PASSWORD \
  -file "$tls_dir/nebula.crt.tmp"
chmod 0644 "$tls_dir/nebula.crt.tmp"
mv "$tls_dir/nebula.crt.tmp" "$tls_dir/nebula.crt"
cp "$tls_dir/nebula.crt" "$ca_dir/nebula.crt.tmp"
mv "$ca_dir/nebula.crt.tmp" "$ca_dir/nebula.crt"
keytool -printcert -file "$ca_dir/nebula.crt" | grep -E 'Owner:|Valid from:|SHA256:|DNSName:|IPAddress:' || true
